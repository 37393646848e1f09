//! The catalogue file format, exactly as written in YAML or JSON.
//!
//! These types mirror the file and nothing more: they reject unknown fields but check no
//! cross-references. [`crate::load`] turns them into a validated [`crate::catalog::Catalog`].
//! Both parse backends (serde-saphyr for YAML, serde_json for JSON) deserialise into these same
//! types, so a catalogue means the same thing whatever its syntax.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

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
    pub id: Located,
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// A service model.
pub struct ModelFile {
    /// Lowercase-kebab id, unique across models, layers and parts.
    pub id: Located,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
/// What each side does for a row when it holds it.
pub struct DutiesFile {
    /// The customer's duties.
    #[serde(default)]
    pub customer: Vec<String>,
    /// The provider's duties.
    #[serde(default)]
    pub provider: Vec<String>,
}

/// A layer: either cells of its own (`owners`, `notes`, `duties`, `source`) or `parts`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LayerFile {
    pub id: Located,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// A note on the row as a whole, e.g. where sources disagree.
    #[serde(default)]
    pub remark: Option<String>,
    /// The owner under each declared model (for a layer without parts).
    #[serde(default)]
    pub owners: Option<ModelMap<Owner>>,
    /// A note per model; required where the owner is `depends`.
    #[serde(default)]
    pub notes: Option<ModelMap<String>>,
    #[serde(default)]
    pub duties: Option<DutiesFile>,
    /// The id of the source this row rests on.
    #[serde(default)]
    pub source: Option<String>,
    /// Further source ids.
    #[serde(default)]
    pub see_also: Vec<String>,
    /// The rows that make up this layer; its owner is then derived from them.
    #[serde(default)]
    pub parts: Option<Vec<RowFile>>,
}

/// A part of a layer.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RowFile {
    pub id: Located,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    /// A note on the row as a whole, e.g. where sources disagree.
    #[serde(default)]
    pub remark: Option<String>,
    /// The owner under each declared model.
    pub owners: ModelMap<Owner>,
    /// A note per model; required where the owner is `depends`.
    #[serde(default)]
    pub notes: ModelMap<String>,
    #[serde(default)]
    pub duties: DutiesFile,
    /// The id of the source this row rests on.
    pub source: String,
    /// Further source ids.
    #[serde(default)]
    pub see_also: Vec<String>,
}

/// A string with the place it was read from, when the parser knows it.
///
/// Validation works on parsed values; an id carries its own line and column so that a problem
/// found after parsing (a duplicate id, an unknown model) can still be reported as
/// `file:line:column`, without searching the text again. serde-saphyr fills the place in; a
/// parser that tracks no spans (serde_json) leaves it empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub text: String,
    /// 1-based line and column.
    pub at: Option<(usize, usize)>,
}

impl std::ops::Deref for Located {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Located {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = serde_saphyr::Spanned::<String>::deserialize(deserializer)?;
        let place = spanned.referenced;
        let at = (place.line() > 0).then(|| {
            let wide = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
            (wide(place.line()), wide(place.column()))
        });
        Ok(Located {
            text: spanned.value,
            at,
        })
    }
}

impl JsonSchema for Located {
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

/// A mapping from model id to a value, in file order. A key given twice is kept twice here and
/// reported by validation (YAML's parser refuses it earlier, with its place; JSON's does not).
#[derive(Debug, Clone, PartialEq)]
pub struct ModelMap<T>(pub Vec<(String, T)>);

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
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(4).min(64));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
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
        assert_eq!(
            schema["$defs"]["LayerFile"]["properties"]["id"]["type"],
            "string"
        );
    }

    #[test]
    fn ids_know_their_place_in_yaml_and_do_without_in_json() {
        let yaml: ModelFile = serde_saphyr::from_str("name: P\nid:   paas\n").unwrap();
        assert_eq!(yaml.id.text, "paas");
        assert_eq!(yaml.id.at, Some((2, 7)));
        let json: ModelFile = serde_json::from_str(r#"{"id": "paas", "name": "P"}"#).unwrap();
        assert_eq!(json.id.text, "paas");
        assert_eq!(json.id.at, None);
    }
}
