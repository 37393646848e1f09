//! The deciding fields of a resource: the values at the dotted paths the types table names
//! (`properties.autoUpgradeProfile.nodeOSUpgradeChannel`, `compute_config.enabled`).

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

/// The values at `paths` in `raw` (an object), in order. The object is parsed only when a
/// path is asked, and then only this one resource of the file.
pub(crate) fn values(
    raw: Option<&RawValue>,
    paths: &[&str],
    spelling: Spelling,
) -> Vec<Option<String>> {
    if paths.is_empty() {
        return Vec::new();
    }
    let value: Option<Value> = raw.and_then(|r| serde_json::from_str(r.get()).ok());
    paths
        .iter()
        .map(|p| value.as_ref().and_then(|v| at(v, p, spelling)))
        .collect()
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
