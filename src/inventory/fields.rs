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

/// The values at `paths` in `raw` (an object), in order, found in one pass over this one
/// resource's text that builds nothing but the values found (serde's `IgnoredAny` skips the
/// rest). A value written as a JSON string holding JSON (AWS Config's `configuration`, in
/// some APIs) is read through.
pub(crate) fn values(
    raw: Option<&RawValue>,
    paths: &[&str],
    spelling: Spelling,
) -> Vec<Option<String>> {
    match raw {
        Some(raw) => values_in(raw.get(), paths, spelling),
        None => vec![None; paths.len()],
    }
}

/// [`values`] of JSON text already known to be valid (a line that parsed).
pub(crate) fn values_in(text: &str, paths: &[&str], spelling: Spelling) -> Vec<Option<String>> {
    let mut out = vec![None; paths.len()];
    if paths.is_empty() {
        return out;
    }
    let steps: Vec<Vec<&str>> = paths.iter().map(|p| p.split('.').collect()).collect();
    let pending: Vec<(usize, &[&str])> = steps
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.as_slice()))
        .collect();
    walk(text, &pending, spelling, &mut out, true);
    out
}

/// [`values_in`] as a seed, for a value met while its document is parsed (a Terraform
/// resource's `values`): `out` gets the value at each of `paths`.
pub(crate) struct PathsSeed<'a, 'p> {
    pub paths: &'a [&'p str],
    pub spelling: Spelling,
    pub out: &'a mut [Option<String>],
}

impl<'de> DeserializeSeed<'de> for PathsSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        let steps: Vec<Vec<&str>> = self.paths.iter().map(|p| p.split('.').collect()).collect();
        let pending: Vec<(usize, &[&str])> = steps
            .iter()
            .enumerate()
            .map(|(i, s)| (i, s.as_slice()))
            .collect();
        Walk {
            pending: &pending,
            spelling: self.spelling,
            out: self.out,
            depth: 0,
            nested: None,
        }
        .deserialize(d)
        .map(|Found| ())
    }
}

/// Walks `text` for `pending` paths into `out`; `top` allows one re-walk of a JSON string.
fn walk(
    text: &str,
    pending: &[(usize, &[&str])],
    spelling: Spelling,
    out: &mut [Option<String>],
    top: bool,
) {
    let mut de = serde_json::Deserializer::from_str(text);
    let mut nested = None;
    let seed = Walk {
        pending,
        spelling,
        out,
        depth: 0,
        nested: top.then_some(&mut nested),
    };
    // A malformed or too deep part reads as nothing found.
    let _ = seed.deserialize(&mut de);
    if let Some(inner) = nested {
        walk(&inner, pending, spelling, out, false);
    }
}

/// Steps into lists and objects no deeper than this (a path has a few steps).
const MAX_STEPS: usize = 32;

/// The paths still wanted at a value: each its index in `out`, and the steps left of it
/// (none: this value is the one).
struct Walk<'a, 'p, 'n> {
    pending: &'a [(usize, &'a [&'p str])],
    spelling: Spelling,
    out: &'a mut [Option<String>],
    depth: usize,
    /// Where a JSON string at the top goes, to be walked again.
    nested: Option<&'n mut Option<String>>,
}

fn key_matches(spelling: Spelling, key: &str, step: &str) -> bool {
    key == step
        || (spelling == Spelling::LowerCamel && {
            let mut a = key.chars();
            let mut b = step.chars();
            match (a.next(), b.next()) {
                (Some(x), Some(y)) => x == y.to_ascii_lowercase() && a.as_str() == b.as_str(),
                _ => false,
            }
        })
}

impl Walk<'_, '_, '_> {
    fn set(&mut self, text: impl Fn() -> String) -> Found {
        for &(i, rest) in self.pending {
            if rest.is_empty() && self.out[i].is_none() {
                self.out[i] = Some(text());
            }
        }
        Found
    }
}

/// Nothing to return: the walk writes into `out`.
struct Found;

impl<'de> DeserializeSeed<'de> for Walk<'_, '_, '_> {
    type Value = Found;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Found, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_, '_> {
    type Value = Found;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Found, A::Error> {
        let mut below: Vec<(usize, &[&str])> = Vec::new();
        while let Some(key) = map.next_key::<crate::catalog::Str<'de>>()? {
            below.clear();
            for &(i, rest) in self.pending {
                let Some((step, rest)) = rest.split_first() else {
                    continue;
                };
                if self.out[i].is_none() && key_matches(self.spelling, &key, step) {
                    below.push((i, rest));
                }
            }
            if below.is_empty() || self.depth >= MAX_STEPS {
                map.next_value::<IgnoredAny>()?;
            } else {
                map.next_value_seed(Walk {
                    pending: &below,
                    spelling: self.spelling,
                    out: &mut *self.out,
                    depth: self.depth + 1,
                    nested: None,
                })?;
            }
        }
        Ok(Found)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Found, A::Error> {
        // A list is looked into item by item (Terraform writes a block as a list of one);
        // the first item that has a path's value gives it.
        if self.depth >= MAX_STEPS {
            while seq.next_element::<IgnoredAny>()?.is_some() {}
            return Ok(Found);
        }
        loop {
            let open = self.pending.iter().any(|&(i, _)| self.out[i].is_none());
            if !open {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                return Ok(Found);
            }
            let seed = Walk {
                pending: self.pending,
                spelling: self.spelling,
                out: &mut *self.out,
                depth: self.depth + 1,
                nested: None,
            };
            if seq.next_element_seed(seed)?.is_none() {
                return Ok(Found);
            }
        }
    }

    fn visit_str<E: serde::de::Error>(mut self, v: &str) -> Result<Found, E> {
        if let Some(slot) = self.nested.take()
            && v.trim_start().starts_with('{')
        {
            *slot = Some(v.to_string());
            return Ok(Found);
        }
        Ok(self.set(|| v.to_string()))
    }
    fn visit_bool<E>(mut self, v: bool) -> Result<Found, E> {
        Ok(self.set(|| v.to_string()))
    }
    fn visit_i64<E>(mut self, v: i64) -> Result<Found, E> {
        Ok(self.set(|| v.to_string()))
    }
    fn visit_u64<E>(mut self, v: u64) -> Result<Found, E> {
        Ok(self.set(|| v.to_string()))
    }
    fn visit_f64<E>(mut self, v: f64) -> Result<Found, E> {
        Ok(
            self.set(|| {
                serde_json::Number::from_f64(v).map_or_else(String::new, |n| n.to_string())
            }),
        )
    }
    fn visit_unit<E>(self) -> Result<Found, E> {
        Ok(Found)
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
