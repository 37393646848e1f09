//! Reading the top of a catalogue file ourselves, so that each layer goes to the [`Builder`]
//! as soon as it is parsed, instead of the whole file being held as parsed values first.
//!
//! Both backends drive the same seed: serde-saphyr for YAML and serde_json for JSON.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};

use crate::catalog::Str;
use crate::catalog::file::{
    Counted, ModelFile, OrganisationalFile, ServiceFile, SourceFile, SupportingFile,
};

use crate::catalog::Builder;

const FIELDS: &[&str] = &[
    "sources",
    "models",
    "layers",
    "date",
    "services",
    "supporting",
    "organisational",
];

#[derive(Clone, Copy)]
enum Field {
    Sources,
    Models,
    Layers,
    Date,
    Services,
    Supporting,
    Organisational,
}

/// What is said of a file whose top level is not a catalogue's. It quotes nothing of the
/// file: `srm --catalog /etc/shadow` must not print the file's first line.
const NOT_A_CATALOGUE: &str = "not an srm catalogue: its top level holds a key other than `sources`, `models`, `layers`, `services`, `supporting`, `organisational` and `date` (see `srm catalog show`)";

impl<'de> Deserialize<'de> for Field {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Field, D::Error> {
        struct FieldVisitor;

        impl Visitor<'_> for FieldVisitor {
            type Value = Field;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("`sources`, `models` or `layers`")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Field, E> {
                match v {
                    "sources" => Ok(Field::Sources),
                    "models" => Ok(Field::Models),
                    "layers" => Ok(Field::Layers),
                    "date" => Ok(Field::Date),
                    "services" => Ok(Field::Services),
                    "supporting" => Ok(Field::Supporting),
                    "organisational" => Ok(Field::Organisational),
                    // The key is not quoted: it may be a line of some other file, a secret.
                    _ => Err(E::custom(NOT_A_CATALOGUE)),
                }
            }
        }

        deserializer.deserialize_identifier(FieldVisitor)
    }
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

    // Anything but a mapping at the top is not a catalogue, and is not quoted.
    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        Err(E::custom(NOT_A_CATALOGUE))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        Err(E::custom(NOT_A_CATALOGUE))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        Err(E::custom(NOT_A_CATALOGUE))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        Err(E::custom(NOT_A_CATALOGUE))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        Err(E::custom(NOT_A_CATALOGUE))
    }
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Err(E::custom(NOT_A_CATALOGUE))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<(), A::Error> {
        Err(de::Error::custom(NOT_A_CATALOGUE))
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
                    let Counted(sources): Counted<SourceFile<'t>> = map.next_value()?;
                    self.0.sources(sources);
                }
                Field::Models => {
                    let Counted(models): Counted<ModelFile<'t>> = map.next_value()?;
                    self.0.models(models);
                }
                Field::Layers => map.next_value_seed(LayersSeed(&mut *self.0))?,
                Field::Date => {
                    let date: Str<'t> = map.next_value()?;
                    self.0.date(date);
                }
                Field::Services => {
                    let Counted(services): Counted<ServiceFile<'t>> = map.next_value()?;
                    self.0.services(services);
                }
                Field::Supporting => {
                    let Counted(supporting): Counted<SupportingFile<'t>> = map.next_value()?;
                    self.0.supporting(supporting);
                }
                Field::Organisational => {
                    let Counted(list): Counted<OrganisationalFile<'t>> = map.next_value()?;
                    self.0.organisational(list);
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
        while let Some(layer) = seq.next_element_seed(self.0.layer_seed())? {
            crate::catalog::file::take_item::<A::Error>()?;
            self.0.layer(layer);
        }
        Ok(())
    }
}
