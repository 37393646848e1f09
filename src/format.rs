//! The catalogue file format, exactly as written in YAML.
//!
//! These types mirror the file and nothing more: they reject unknown fields and duplicate keys
//! but check no cross-references. [`crate::load`] turns them into a validated
//! [`crate::catalog::Catalog`].

use std::cell::Cell;
use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use std::borrow::Cow;
use std::collections::BTreeMap;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

use crate::catalog::Owner;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// An srm catalogue: who owns each row of the stack under each service model.
#[schemars(title = "srm catalogue")]
pub struct CatalogFile {
    /// Where the facts come from; rows cite these by id.
    #[serde(default)]
    pub sources: Vec<SourceFile>,
    /// Service models (columns), e.g. on-prem, iaas, paas, saas.
    #[serde(default)]
    pub models: Vec<ModelFile>,
    /// Layers of the stack (rows), each with cells of its own or a list of parts.
    #[serde(default)]
    pub layers: Vec<LayerFile>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A published source of facts.
pub struct SourceFile {
    /// Lowercase-kebab id, cited by rows in `source` and `see_also`.
    pub id: Text,
    pub title: Text,
    #[serde(default)]
    pub url: Option<Text>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A service model.
pub struct ModelFile {
    /// Lowercase-kebab id, unique across models, layers and parts.
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub description: Option<Text>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// What each side does for a row when it holds it.
pub struct DutiesFile {
    /// The customer's duties.
    #[serde(default)]
    pub customer: Vec<Text>,
    /// The provider's duties.
    #[serde(default)]
    pub provider: Vec<Text>,
}

/// A layer: either cells of its own (`owners`, `notes`, `duties`, `source`) or `parts`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LayerFile {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub description: Option<Text>,
    /// A note on the row as a whole, e.g. where sources disagree.
    #[serde(default)]
    pub remark: Option<Text>,
    /// The owner under each declared model (for a layer without parts).
    #[serde(default)]
    pub owners: Option<ModelMap<Owner>>,
    /// A note per model; required where the owner is `depends`.
    #[serde(default)]
    pub notes: Option<ModelMap<Text>>,
    #[serde(default)]
    pub duties: Option<DutiesFile>,
    /// The id of the source this row rests on.
    #[serde(default)]
    pub source: Option<Text>,
    /// Further source ids.
    #[serde(default)]
    pub see_also: Vec<Text>,
    /// The rows that make up this layer; its owner is then derived from them.
    #[serde(default)]
    pub parts: Option<Vec<RowFile>>,
}

/// A part of a layer.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowFile {
    pub id: Text,
    pub name: Text,
    #[serde(default)]
    pub aliases: Vec<Text>,
    #[serde(default)]
    pub description: Option<Text>,
    /// A note on the row as a whole, e.g. where sources disagree.
    #[serde(default)]
    pub remark: Option<Text>,
    /// The owner under each declared model.
    pub owners: ModelMap<Owner>,
    /// A note per model; required where the owner is `depends`.
    #[serde(default)]
    pub notes: ModelMap<Text>,
    #[serde(default)]
    pub duties: DutiesFile,
    /// The id of the source this row rests on.
    pub source: Text,
    /// Further source ids.
    #[serde(default)]
    pub see_also: Vec<Text>,
}

/// A string read from a catalogue, charged against the text budget (see [`with_text_budget`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Text(pub String);

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Text> for String {
    fn from(t: Text) -> String {
        t.0
    }
}

thread_local! {
    /// Bytes of text still allowed in the catalogue being read; unlimited outside a budget.
    static TEXT_BUDGET: Cell<usize> = const { Cell::new(usize::MAX) };
}

/// Runs `f` allowing at most `bytes` of strings to be deserialised.
///
/// Why: YAML aliases replay a node each time they are named. serde_yaml stops the exponential
/// "billion laughs", but not a flat repeat: one anchored list of a million strings named by a
/// hundred thousand rows stays under its alias limit and would allocate without end. Without
/// aliases, the strings in a file cannot add up to more than the file's own length (each takes
/// at least its bytes plus one separator), so charging every string `len + 1` against the
/// input's length refuses only expansion, and does so before the memory is spent.
pub fn with_text_budget<R>(bytes: usize, f: impl FnOnce() -> R) -> R {
    let previous = TEXT_BUDGET.with(|b| b.replace(bytes));
    let result = f();
    TEXT_BUDGET.with(|b| b.set(previous));
    result
}

fn charge<E: de::Error>(len: usize) -> Result<(), E> {
    TEXT_BUDGET.with(|b| match b.get().checked_sub(len + 1) {
        Some(left) => {
            b.set(left);
            Ok(())
        }
        None => Err(E::custom(
            "the catalogue expands to more text than the file holds; YAML aliases (*name) that repeat values are not supported here, write the values out",
        )),
    })
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;

        impl Visitor<'_> for TextVisitor {
            type Value = Text;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Text, E> {
                charge(v.len())?;
                Ok(Text(v.to_owned()))
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Text, E> {
                charge(v.len())?;
                Ok(Text(v))
            }
        }

        deserializer.deserialize_string(TextVisitor)
    }
}

impl JsonSchema for Text {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        String::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        String::json_schema(generator)
    }
}

/// A mapping from model id to a value, in file order, that refuses a key given twice (plain
/// maps would silently keep the last one, hiding a typo in a catalogue).
#[derive(Debug, Clone, PartialEq)]
pub struct ModelMap<T>(pub Vec<(Text, T)>);

impl<T> Default for ModelMap<T> {
    fn default() -> Self {
        ModelMap(Vec::new())
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ModelMap<T> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<T>(PhantomData<T>);

        impl<'de, T: Deserialize<'de>> Visitor<'de> for MapVisitor<T> {
            type Value = ModelMap<T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping from model id to value")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries: Vec<(Text, T)> = Vec::new();
                // A linear scan suits the usual handful of models; a hostile file with a huge
                // mapping switches to a set so the check stays linear overall.
                let mut seen: Option<HashSet<String>> = None;
                while let Some(key) = map.next_key::<Text>()? {
                    let duplicate = match &mut seen {
                        Some(set) => !set.insert(key.0.clone()),
                        None if entries.len() >= 16 => {
                            let mut set: HashSet<String> =
                                entries.iter().map(|(k, _)| k.0.clone()).collect();
                            let dup = !set.insert(key.0.clone());
                            seen = Some(set);
                            dup
                        }
                        None => entries.iter().any(|(k, _)| *k == key),
                    };
                    if duplicate {
                        return Err(de::Error::custom(format_args!("duplicate key '{key}'")));
                    }
                    let value = map.next_value()?;
                    entries.push((key, value));
                }
                Ok(ModelMap(entries))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// In the schema a model map is an object whose values are `T`.
impl<T: JsonSchema> JsonSchema for ModelMap<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        <BTreeMap<String, T>>::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <BTreeMap<String, T>>::json_schema(generator)
    }
}

/// The JSON Schema of the catalogue format, derived from the types above so it cannot drift.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(CatalogFile);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_describes_the_format_and_refuses_unknown_fields() {
        let schema: serde_json::Value = serde_json::from_str(&json_schema()).unwrap();
        assert_eq!(schema["title"], "srm catalogue");
        assert_eq!(schema["additionalProperties"], false);
        let owner = &schema["$defs"]["Owner"];
        let text = owner.to_string();
        for o in ["customer", "provider", "shared", "depends"] {
            assert!(text.contains(o), "{text}");
        }
        assert_eq!(schema["$defs"]["LayerFile"]["additionalProperties"], false);
    }
}
