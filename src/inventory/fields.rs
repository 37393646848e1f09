//! The deciding fields of a resource: the values at the dotted paths the types table names
//! (`properties.autoUpgradeProfile.nodeOSUpgradeChannel`, `compute_config.enabled`).

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use serde_json::value::RawValue;

/// How a path is spelt in the file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Spelling {
    /// As the catalogue writes it.
    AsWritten,
    /// Each step with its first letter in lower case: AWS Config writes CloudFormation's
    /// properties so (`PackageType` is `packageType`).
    LowerCamel,
}

/// The values at `paths` in `raw` (an object), in order. Each path is one pass over this one
/// resource's text that builds nothing but the value found (serde's `IgnoredAny` skips the
/// rest). A value written as a JSON string holding JSON (AWS Config's `configuration`, in
/// some APIs) is read through.
pub(crate) fn values(
    raw: Option<&RawValue>,
    paths: &[&str],
    spelling: Spelling,
) -> Vec<Option<String>> {
    let Some(raw) = raw else {
        return vec![None; paths.len()];
    };
    paths
        .iter()
        .map(|p| at_raw(raw.get(), p, spelling))
        .collect()
}

/// The scalar at `path` in the JSON text `raw`.
fn at_raw(raw: &str, path: &str, spelling: Spelling) -> Option<String> {
    let mut de = serde_json::Deserializer::from_str(raw);
    let seed = PathSeed {
        path,
        spelling,
        depth: 0,
    };
    match seed.deserialize(&mut de) {
        Ok(Found::Value(v)) => Some(v),
        Ok(Found::Nested(text)) => at_raw(&text, path, spelling),
        _ => None,
    }
}

/// What a walk found.
enum Found {
    Value(String),
    /// A string that holds JSON, at the top of the walk: walked again.
    Nested(String),
    Nothing,
}

/// Steps into lists and objects no deeper than this (a path has a few steps; lists of lists
/// are not followed further).
const MAX_STEPS: usize = 32;

struct PathSeed<'p> {
    path: &'p str,
    spelling: Spelling,
    depth: usize,
}

impl PathSeed<'_> {
    fn matches(&self, key: &str, step: &str) -> bool {
        match self.spelling {
            Spelling::AsWritten => key == step,
            Spelling::LowerCamel => {
                key == step || {
                    let mut a = key.chars();
                    let mut b = step.chars();
                    match (a.next(), b.next()) {
                        (Some(x), Some(y)) => {
                            x == y.to_ascii_lowercase() && a.as_str() == b.as_str()
                        }
                        _ => false,
                    }
                }
            }
        }
    }
}

impl<'de> DeserializeSeed<'de> for PathSeed<'_> {
    type Value = Found;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PathSeed<'_> {
    type Value = Found;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let (step, rest) = match self.path.split_once('.') {
            Some((s, r)) => (s, Some(r)),
            None => (self.path, None),
        };
        let mut found = Found::Nothing;
        while let Some(key) = map.next_key::<super::formats::Str<'de>>()? {
            if matches!(found, Found::Nothing) && self.matches(&key, step) {
                found = match rest {
                    Some(rest) if self.depth < MAX_STEPS => map.next_value_seed(PathSeed {
                        path: rest,
                        spelling: self.spelling,
                        depth: self.depth + 1,
                    })?,
                    Some(_) => {
                        map.next_value::<IgnoredAny>()?;
                        Found::Nothing
                    }
                    None => map.next_value_seed(ScalarSeed)?,
                };
                // A nested JSON string is walked again only from the top of a walk.
                if let Found::Nested(_) = found {
                    found = Found::Nothing;
                }
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Found, A::Error> {
        let mut found = Found::Nothing;
        if self.depth >= MAX_STEPS {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(found);
        }
        loop {
            if matches!(found, Found::Nothing) {
                match seq.next_element_seed(PathSeed {
                    path: self.path,
                    spelling: self.spelling,
                    depth: self.depth + 1,
                })? {
                    Some(Found::Nested(_)) | Some(Found::Nothing) => {}
                    Some(f) => found = f,
                    None => break,
                }
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                break;
            }
        }
        Ok(found)
    }

    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Found, E> {
        Ok(if self.depth == 0 && v.trim_start().starts_with('{') {
            Found::Nested(v.to_string())
        } else {
            Found::Nothing
        })
    }
    fn visit_bool<E>(self, _: bool) -> Result<Found, E> {
        Ok(Found::Nothing)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Found, E> {
        Ok(Found::Nothing)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Found, E> {
        Ok(Found::Nothing)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Found, E> {
        Ok(Found::Nothing)
    }
    fn visit_unit<E>(self) -> Result<Found, E> {
        Ok(Found::Nothing)
    }
}

/// The value at the end of a path, as text: a string as it is, a boolean or number as JSON
/// writes it, the first scalar of a list; nothing for an object or null.
struct ScalarSeed;

impl<'de> DeserializeSeed<'de> for ScalarSeed {
    type Value = Found;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ScalarSeed {
    type Value = Found;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_str<E>(self, v: &str) -> Result<Found, E> {
        Ok(Found::Value(v.to_string()))
    }
    fn visit_bool<E>(self, v: bool) -> Result<Found, E> {
        Ok(Found::Value(v.to_string()))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Found, E> {
        Ok(Found::Value(v.to_string()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Found, E> {
        Ok(Found::Value(v.to_string()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Found, E> {
        Ok(Found::Value(
            serde_json::Number::from_f64(v).map_or_else(String::new, |n| n.to_string()),
        ))
    }
    fn visit_unit<E>(self) -> Result<Found, E> {
        Ok(Found::Nothing)
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Found::Nothing)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Found, A::Error> {
        let mut found = Found::Nothing;
        loop {
            if matches!(found, Found::Nothing) {
                match seq.next_element_seed(ScalarSeed)? {
                    Some(f) => found = f,
                    None => break,
                }
            } else if seq.next_element::<IgnoredAny>()?.is_none() {
                break;
            }
        }
        Ok(found)
    }
}

/// [`values`] of a value already parsed.
pub(crate) fn values_of(
    value: Option<&Value>,
    paths: &[&str],
    spelling: Spelling,
) -> Vec<Option<String>> {
    paths
        .iter()
        .map(|p| value.and_then(|v| at(v, p, spelling)))
        .collect()
}

/// The scalar at `path` in `value`, as text (`true`, `42`, a string as it is). A step into a
/// list looks into its items in turn (Terraform writes a block as a list of one), the first
/// that has the rest of the path giving the value.
fn at(value: &Value, path: &str, spelling: Spelling) -> Option<String> {
    let (step, rest) = match path.split_once('.') {
        Some((s, r)) => (s, Some(r)),
        None => (path, None),
    };
    match value {
        Value::Array(items) => items.iter().find_map(|item| at(item, path, spelling)),
        Value::Object(map) => {
            let next = match spelling {
                Spelling::AsWritten => map.get(step),
                Spelling::LowerCamel => {
                    let mut chars = step.chars();
                    let lower: String = chars
                        .next()
                        .map(|c| c.to_ascii_lowercase())
                        .into_iter()
                        .chain(chars)
                        .collect();
                    map.get(&lower).or_else(|| map.get(step))
                }
            }?;
            match rest {
                Some(rest) => at(next, rest, spelling),
                None => scalar(next),
            }
        }
        _ => None,
    }
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        // A block written as a list of one holds the scalar in its first item only when the
        // path ends there; a list of scalars gives its first.
        Value::Array(items) => items.iter().find_map(scalar),
        Value::Null | Value::Object(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_step_through_objects_and_lists() {
        let v: Value = serde_json::json!({
            "package_type": "Image",
            "compute_config": [{"enabled": true}],
            "properties": {"autoUpgradeProfile": {"nodeOSUpgradeChannel": "None"}},
            "n": 3,
            "empty": null
        });
        let got = values_of(
            Some(&v),
            &[
                "package_type",
                "compute_config.enabled",
                "properties.autoUpgradeProfile.nodeOSUpgradeChannel",
                "n",
                "empty",
                "missing.path",
            ],
            Spelling::AsWritten,
        );
        assert_eq!(
            got,
            vec![
                Some("Image".into()),
                Some("true".into()),
                Some("None".into()),
                Some("3".into()),
                None,
                None
            ]
        );
    }

    #[test]
    fn raw_paths_agree_with_parsed_ones() {
        let text = r#"{"package_type":"Image","compute_config":[{"x":1},{"enabled":true}],
            "properties":{"autoUpgradeProfile":{"nodeOSUpgradeChannel":"None"}},"n":3,"o":{"a":1},
            "configuration":"{\"packageType\":\"Zip\"}"}"#;
        let raw: &RawValue = serde_json::from_str(text).unwrap();
        let paths = [
            "package_type",
            "compute_config.enabled",
            "properties.autoUpgradeProfile.nodeOSUpgradeChannel",
            "n",
            "o",
            "missing.path",
        ];
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(
            values(Some(raw), &paths, Spelling::AsWritten),
            values_of(Some(&value), &paths, Spelling::AsWritten)
        );
        let config: &RawValue = serde_json::from_str(r#""{\"packageType\":\"Zip\"}""#).unwrap();
        assert_eq!(
            values(Some(config), &["PackageType"], Spelling::LowerCamel),
            vec![Some("Zip".to_string())]
        );
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        let raw: &RawValue =
            serde_json::from_str(&deep).unwrap_or_else(|_| serde_json::from_str("[]").unwrap());
        assert_eq!(values(Some(raw), &["a"], Spelling::AsWritten), vec![None]);
    }

    #[test]
    fn aws_config_spells_steps_in_lower_camel_case() {
        let v: Value = serde_json::json!({"packageType": "Image", "runtimeManagementConfig": {"updateRuntimeOn": "Manual"}});
        let got = values_of(
            Some(&v),
            &["PackageType", "RuntimeManagementConfig.UpdateRuntimeOn"],
            Spelling::LowerCamel,
        );
        assert_eq!(got, vec![Some("Image".into()), Some("Manual".into())]);
    }
}
