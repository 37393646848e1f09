//! The JSON backend: serde_json, into the same types as YAML.
//!
//! Machine-made catalogues are JSON, and serde_json reads them an order of magnitude faster
//! than any YAML parser. It keeps no spans, so ids come back without their place; the loader
//! asks the YAML backend for places only when there is a problem to point at.

use serde::de::DeserializeSeed;

use super::error::Problem;
use super::stream::CatalogSeed;
use crate::catalog::Builder;

/// Parses catalogue JSON into `builder`; a failure comes back as one problem with its place.
pub(crate) fn parse<'t>(text: &'t str, builder: &mut Builder<'t>) -> Result<(), Problem> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    CatalogSeed(builder)
        .deserialize(&mut deserializer)
        .and_then(|()| deserializer.end())
        .map_err(|err| {
            let place = (err.line() > 0).then(|| (err.line(), err.column()));
            let mut message = err.to_string();
            // serde_json appends " at line L column C"; srm prints the place as a prefix.
            if let Some(cut) = message.rfind(" at line ") {
                message.truncate(cut);
            }
            Problem::new(message).at(place)
        })
}
