//! The JSON contract as JSON Schemas (`srm schema COMMAND`), derived from the output types.
//! Each schema is snapshotted, so any change of the contract (a field added, renamed or
//! removed) shows as a diff to review; and every command's real output is validated against
//! its schema with the `jsonschema` crate.

use crate::stdout_of;

/// Each schema and the command lines whose `--json` output it describes.
const CASES: &[(&str, &[&[&str]])] = &[
    (
        "who",
        &[
            &["who"],
            &["who", "--layer", "os", "--model", "paas"],
            &["who", "--model", "paas", "--owner", "customer,depends"],
            &["who", "--layer", "network", "--model", "iaas"],
            &["who", "--model", "aws-lambda:manual,azure-storage,gcp-gcs"],
        ],
    ),
    (
        "diff",
        &[
            &["diff", "iaas", "saas"],
            &["diff", "on-prem", "saas", "--all"],
            &["diff", "azure-vm", "azure-app-service"],
        ],
    ),
    ("retained", &[&["retained"]]),
    (
        "matrix",
        &[
            &["matrix"],
            &["matrix", "--scope", "ai", "--model", "paas"],
            &["matrix", "--model", "paas,aws-lambda,aws-lambda:image"],
        ],
    ),
    ("layers", &[&["layers"]]),
    ("models", &[&["models"]]),
    (
        "services",
        &[&["services"], &["services", "--provider", "gcp"]],
    ),
    (
        "checklist",
        &[
            &["checklist", "paas"],
            &["checklist", "saas", "--scope", "ai"],
            &["checklist", "gcp-cloud-run"],
        ],
    ),
    (
        "explain",
        &[
            &["explain", "identity"],
            &["explain", "ai-compute"],
            &["explain", "saas"],
            &["explain", "aws-lambda"],
            &["explain", "split"],
        ],
    ),
    (
        "find",
        &[
            &["find", "patch"],
            &["find", "nothing-matches-this"],
            &["find", "lambda", "ac-2"],
        ],
    ),
    (
        "controls",
        &[
            &["controls", "--model", "paas", "--baseline", "fedramp-high"],
            &["controls", "--model", "aws-eks:self-managed"],
        ],
    ),
    ("control", &[&["control", "ac-2.7"], &["control", "ps-3"]]),
    (
        "diff-controls",
        &[
            &["diff", "iaas", "saas", "--controls"],
            &["diff", "aws-lambda:auto", "aws-lambda:manual", "--controls"],
        ],
    ),
    (
        "plan",
        &[
            &[
                "plan",
                concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/tests/fixtures/plan/tf-plan.json"
                ),
            ],
            &[
                "plan",
                concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/tests/fixtures/plan/az-resource-list.json"
                ),
                "--scope",
                "all",
            ],
        ],
    ),
    ("validate", &[&["catalog", "validate"]]),
];

#[test]
fn every_output_matches_its_schema_and_the_schemas_are_pinned() {
    for (name, commands) in CASES {
        let text = stdout_of(&["schema", name]);
        insta::assert_snapshot!(format!("schema_{name}"), text);
        let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
        let validator = jsonschema::validator_for(&schema)
            .unwrap_or_else(|e| panic!("the schema of {name} is not a valid JSON Schema: {e}"));
        for command in *commands {
            let mut args = command.to_vec();
            args.push("--json");
            let out: serde_json::Value = serde_json::from_str(&stdout_of(&args)).unwrap();
            let errors: Vec<String> = validator.iter_errors(&out).map(|e| e.to_string()).collect();
            assert!(
                errors.is_empty(),
                "{args:?} against schema {name}: {errors:?}"
            );
        }
    }
}

/// Every name `srm schema` takes has a case above, so a command added with a schema is tested
/// against it.
#[test]
fn every_schema_has_a_case() {
    let help = stdout_of(&["schema", "--help"]);
    let start = help
        .find("[possible values: ")
        .expect("srm schema --help lists its values");
    let rest = &help[start + "[possible values: ".len()..];
    let values: Vec<String> = rest[..rest.find(']').expect("the list ends")]
        .split(',')
        .map(|v| v.trim().to_string())
        .collect();
    assert!(values.len() > 10, "{values:?}");
    for value in values.iter().filter(|v| *v != "catalog") {
        assert!(
            CASES.iter().any(|(name, _)| name == value),
            "srm schema {value} has no case in tests/cli/schemas.rs"
        );
    }
}

#[test]
fn a_document_missing_a_field_fails_its_schema() {
    let schema: serde_json::Value = serde_json::from_str(&stdout_of(&["schema", "who"])).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_str(&stdout_of(&["who", "--layer", "os", "--json"])).unwrap();
    assert!(validator.is_valid(&doc));
    doc["cells"][0].as_object_mut().unwrap().remove("owner");
    assert!(!validator.is_valid(&doc));
}
