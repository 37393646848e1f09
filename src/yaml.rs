//! The one module that names the YAML crate.
//!
//! serde_yaml is archived upstream but safe for this use: its parser caps alias expansion
//! (billion-laughs) and nesting depth, so hostile input ends in an error, not a hang. Swapping it
//! for a maintained fork (serde_yaml_ng, serde_norway) is a change to the `use` line below.

use serde::de::DeserializeOwned;
use serde_yaml as backend;

/// A parse failure, with the 1-based line and column where the parser gives one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, YamlError> {
    backend::from_str(text).map_err(|err| {
        let location = err.location();
        let mut message = err.to_string();
        // The crate appends " at line L column C"; we print the location as a prefix instead.
        if let Some(loc) = &location {
            let suffix = format!(" at line {} column {}", loc.line(), loc.column());
            if let Some(pos) = message.find(&suffix) {
                message.replace_range(pos..pos + suffix.len(), "");
            }
        }
        YamlError {
            line: location.as_ref().map(|l| l.line()),
            column: location.as_ref().map(|l| l.column()),
            message,
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn error_location_is_split_from_the_message() {
        let err = from_str::<BTreeMap<String, u32>>("a: 1\nb: [\n").unwrap_err();
        assert!(err.line.is_some(), "{err:?}");
        assert!(!err.message.contains(" at line "), "{err:?}");
    }
}
