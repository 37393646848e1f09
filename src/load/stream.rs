//! Reading the top of a catalogue file ourselves, so that each layer goes to the [`Builder`]
//! as soon as it is parsed, instead of the whole file being held as parsed values first.
//!
//! Both backends drive the same seed: serde-saphyr for YAML and serde_json for JSON.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::catalog::Text;
use crate::catalog::file::{LayerFile, ModelFile, SourceFile};

use super::validate::Builder;

const FIELDS: &[&str] = &["sources", "models", "layers", "date"];

#[derive(Clone, Copy, Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum Field {
    Sources,
    Models,
    Layers,
    Date,
}

/// Deserialises a whole catalogue document into a [`Builder`].
pub(crate) struct CatalogSeed<'b, 't>(pub(crate) &'b mut Builder<'t>);

impl<'de: 't, 't> DeserializeSeed<'de> for CatalogSeed<'_, 't> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_struct("CatalogFile", FIELDS, self)
    }
}

impl<'de: 't, 't> Visitor<'de> for CatalogSeed<'_, 't> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a catalogue: a mapping with sources, models and layers")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = [false; FIELDS.len()];
        while let Some(field) = map.next_key::<Field>()? {
            let slot = field as usize;
            if std::mem::replace(&mut seen[slot], true) {
                return Err(de::Error::duplicate_field(FIELDS[slot]));
            }
            match field {
                Field::Sources => {
                    let sources: Vec<SourceFile<'t>> = map.next_value()?;
                    self.0.sources(sources);
                }
                Field::Models => {
                    let models: Vec<ModelFile<'t>> = map.next_value()?;
                    self.0.models(models);
                }
                Field::Layers => map.next_value_seed(LayersSeed(&mut *self.0))?,
                Field::Date => {
                    let date: Text<'t> = map.next_value()?;
                    self.0.date(date);
                }
            }
        }
        Ok(())
    }
}

/// The `layers` list, handed to the builder one layer at a time.
struct LayersSeed<'b, 't>(&'b mut Builder<'t>);

impl<'de: 't, 't> DeserializeSeed<'de> for LayersSeed<'_, 't> {
    type Value = ();

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de: 't, 't> Visitor<'de> for LayersSeed<'_, 't> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list of layers")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while let Some(layer) = seq.next_element::<LayerFile<'t>>()? {
            self.0.layer(layer);
        }
        Ok(())
    }
}
