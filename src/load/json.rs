//! The JSON backend: serde_json, into the same types as YAML.
//!
//! Machine-made catalogues are JSON, and serde_json reads them an order of magnitude faster
//! than any YAML parser. It keeps no spans, so ids come back without their place; the loader
//! asks the YAML backend for places only when there is a problem to point at.

use crate::catalog::file::CatalogFile;

use super::error::Problem;

/// Parses catalogue JSON; a failure comes back as one problem with its line and column.
pub(crate) fn parse(text: &str) -> Result<CatalogFile, Problem> {
    serde_json::from_str(text).map_err(|err| {
        let place = (err.line() > 0).then(|| (err.line(), err.column()));
        let mut message = err.to_string();
        // serde_json appends " at line L column C"; srm prints the place as a prefix instead.
        if let Some(cut) = message.rfind(" at line ") {
            message.truncate(cut);
        }
        Problem::new(message).at(place)
    })
}
