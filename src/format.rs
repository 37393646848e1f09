//! The catalogue file format, exactly as written in YAML.
//!
//! These types mirror the file and nothing more: they reject unknown fields and duplicate keys
//! but check no cross-references. [`crate::load`] turns them into a validated
//! [`crate::catalog::Catalog`].

use std::collections::HashSet;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

use crate::catalog::Owner;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogFile {
    #[serde(default)]
    pub sources: Vec<SourceFile>,
    #[serde(default)]
    pub models: Vec<ModelFile>,
    #[serde(default)]
    pub layers: Vec<LayerFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceFile {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelFile {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutiesFile {
    #[serde(default)]
    pub customer: Vec<String>,
    #[serde(default)]
    pub provider: Vec<String>,
}

/// A layer: either cells of its own (`owners`, `notes`, `duties`, `source`) or `parts`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerFile {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub remark: Option<String>,
    #[serde(default)]
    pub owners: Option<ModelMap<Owner>>,
    #[serde(default)]
    pub notes: Option<ModelMap<String>>,
    #[serde(default)]
    pub duties: Option<DutiesFile>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub see_also: Vec<String>,
    #[serde(default)]
    pub parts: Option<Vec<RowFile>>,
}

/// A part of a layer.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowFile {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub remark: Option<String>,
    pub owners: ModelMap<Owner>,
    #[serde(default)]
    pub notes: ModelMap<String>,
    #[serde(default)]
    pub duties: DutiesFile,
    pub source: String,
    #[serde(default)]
    pub see_also: Vec<String>,
}

/// A mapping from model id to a value, in file order, that refuses a key given twice (plain
/// maps would silently keep the last one, hiding a typo in a catalogue).
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
                let mut entries: Vec<(String, T)> = Vec::new();
                // A linear scan suits the usual handful of models; a hostile file with a huge
                // mapping switches to a set so the check stays linear overall.
                let mut seen: Option<HashSet<String>> = None;
                while let Some(key) = map.next_key::<String>()? {
                    let duplicate = match &mut seen {
                        Some(set) => !set.insert(key.clone()),
                        None if entries.len() >= 16 => {
                            let mut set: HashSet<String> =
                                entries.iter().map(|(k, _)| k.clone()).collect();
                            let dup = !set.insert(key.clone());
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
