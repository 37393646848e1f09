//! Controls: the matrix at the level auditors work. Every control of every baseline, the
//! derivation of its owner, the customer responsibility matrix, OSCAL export, and the
//! migration question (`diff --controls`).

use predicates::prelude::*;
use serde_json::Value;

use crate::{json_of, srm, stdout_of};

const BASELINES: &[&str] = &[
    "nist-low",
    "nist-moderate",
    "nist-high",
    "nist-privacy",
    "fedramp-li-saas",
    "fedramp-low",
    "fedramp-moderate",
    "fedramp-high",
];

fn controls(model: &str, baseline: &str) -> Vec<Value> {
    controls_in(model, baseline, "classic")
}

fn controls_in(model: &str, baseline: &str, scope: &str) -> Vec<Value> {
    let doc: Value = json_of(&[
        "controls",
        "--model",
        model,
        "--baseline",
        baseline,
        "--scope",
        scope,
        "--json",
    ]);
    assert_eq!(doc["format_version"], 2);
    assert_eq!(doc["baseline"], baseline);
    doc["controls"].as_array().unwrap().clone()
}

#[test]
fn every_control_of_every_baseline_appears_exactly_once() {
    let counts: Vec<(String, usize)> = include_str!("../data/baseline_counts.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| {
            let (b, n) = l.split_once('\t').unwrap();
            (b.to_string(), n.parse().unwrap())
        })
        .collect();
    let names: Vec<&str> = counts.iter().map(|(b, _)| b.as_str()).collect();
    assert_eq!(names, BASELINES);
    for (baseline, count) in &counts {
        for model in ["on-prem", "paas"] {
            let list = controls(model, baseline);
            assert_eq!(list.len(), *count, "{baseline} under {model}");
            let mut ids: Vec<&str> = list.iter().map(|c| c["id"].as_str().unwrap()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), *count, "{baseline}: a control appears twice");
        }
    }
    let all: Value = json_of(&["controls", "--model", "iaas", "--json"]);
    assert_eq!(all["controls"].as_array().unwrap().len(), 463);
    assert_eq!(all["baseline"], Value::Null);
}

fn find<'a>(list: &'a [Value], id: &str) -> &'a Value {
    list.iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("{id} missing"))
}

#[test]
fn owners_derive_from_the_rows_a_control_bears_on() {
    let iaas = controls("iaas", "fedramp-high");
    let pe3 = find(&iaas, "pe-3");
    assert_eq!(
        (pe3["owner"].as_str(), pe3["can_be_inherited"].as_str()),
        (Some("provider"), Some("Yes"))
    );
    assert_eq!(pe3["basis"], "rows");
    assert_eq!(pe3["rows"][0]["id"], "physical");
    let si2 = find(&iaas, "si-2");
    assert_eq!(si2["owner"], "customer");
    let paas = controls("paas", "fedramp-high");
    // OS and runtime patching go to the provider under PaaS; the network is shared.
    assert_eq!(find(&paas, "si-2")["owner"], "provider");
    assert_eq!(find(&paas, "sa-22")["owner"], "provider");
    assert_eq!(find(&paas, "sc-7")["owner"], "shared");
    assert_eq!(find(&paas, "sc-7")["can_be_inherited"], "Partial");
    // With the AI layers, patching what an AI application runs on is the customer's.
    let paas = controls_in("paas", "fedramp-high", "all");
    assert_eq!(find(&paas, "si-2")["owner"], "shared");
    // A depends row makes the control depends, and the CRM says Partial.
    let sr3 = find(&paas, "sr-3");
    assert_eq!(
        (sr3["owner"].as_str(), sr3["can_be_inherited"].as_str()),
        (Some("depends"), Some("Partial"))
    );
    let saas = controls("saas", "fedramp-high");
    assert_eq!(find(&saas, "sc-7")["owner"], "provider");
    assert_eq!(find(&saas, "cp-9")["owner"], "customer");
}

#[test]
fn enhancements_follow_their_base_and_the_rest_is_organisational() {
    let paas = controls("paas", "fedramp-moderate");
    let ac2_7 = find(&paas, "ac-2.7");
    assert_eq!(ac2_7["basis"], "base_control");
    assert_eq!(ac2_7["base"], "ac-2");
    assert_eq!(ac2_7["owner"], find(&paas, "ac-2")["owner"]);
    for id in ["ps-3", "at-1", "ra-3", "pl-2", "ca-2"] {
        let c = find(&controls("paas", "nist-high"), id).clone();
        assert_eq!(
            (c["basis"].as_str(), c["owner"].as_str()),
            (Some("organisational"), Some("customer")),
            "{id}"
        );
        assert_eq!(c["rows"], serde_json::json!([]));
    }
    let table = stdout_of(&[
        "controls",
        "--model",
        "paas",
        "--baseline",
        "nist-low",
        "--family",
        "ps",
    ]);
    assert!(table.contains("organisational"), "{table}");
}

#[test]
fn filters_narrow_by_family_and_owner() {
    let doc: Value = json_of(&[
        "controls",
        "--model",
        "saas",
        "--baseline",
        "fedramp-moderate",
        "--family",
        "pe,sc",
        "--owner",
        "provider",
        "--json",
    ]);
    let list = doc["controls"].as_array().unwrap();
    assert!(!list.is_empty());
    assert!(list.iter().all(|c| c["owner"] == "provider"));
    assert!(
        list.iter()
            .all(|c| c["family"] == "pe" || c["family"] == "sc")
    );
    srm()
        .args(["controls", "--model", "paas", "--family", "zz"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown control family 'zz'"));
    srm()
        .args(["controls", "--model", "paas", "--baseline", "nist-mega"])
        .assert()
        .code(2);
}

#[test]
fn control_accepts_labels_and_ids_and_explains_each_model() {
    let by_label: Value = json_of(&["control", "AC-2(7)", "--json"]);
    let by_id: Value = json_of(&["control", "ac-2.7", "--json"]);
    assert_eq!(by_label, by_id);
    assert_eq!(by_id["label"], "AC-2(7)");
    assert_eq!(by_id["basis"], "base_control");
    let cells: Vec<(&str, &str)> = by_id["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["model"].as_str().unwrap(), c["owner"].as_str().unwrap()))
        .collect();
    assert_eq!(
        cells,
        [
            ("on-prem", "customer"),
            ("iaas", "customer"),
            ("paas", "shared"),
            ("saas", "shared")
        ]
    );
    let text = stdout_of(&["control", "pe-3"]);
    assert!(
        text.contains("PE-3 Physical Access Control (pe-3)"),
        "{text}"
    );
    assert!(text.contains("Physical datacenter (physical)"), "{text}");
    srm()
        .args(["control", "zz-1"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown control 'zz-1'"));
}

#[test]
fn controls_in_every_format() {
    let base = ["controls", "--model", "paas", "--baseline", "fedramp-low"];
    let json: Value = serde_json::from_str(&stdout_of(&[&base[..], &["--json"]].concat())).unwrap();
    let yaml: Value =
        serde_saphyr::from_str(&stdout_of(&[&base[..], &["--format", "yaml"]].concat())).unwrap();
    assert_eq!(json, yaml);
    let csv = stdout_of(&[&base[..], &["--format", "csv"]].concat());
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(reader.headers().unwrap().iter().next(), Some("id"));
    assert_eq!(reader.records().count(), 156);
    let md = stdout_of(&[&base[..], &["--format", "markdown"]].concat());
    assert!(md.starts_with("## Controls under PaaS"), "{md}");
    assert_eq!(md.lines().filter(|l| l.starts_with("| ")).count(), 156 + 1);
    let table = stdout_of(&base);
    assert!(table.starts_with("156 controls under PaaS (paas), baseline fedramp-low"));
    srm().args(["who", "--format", "crm"]).assert().code(2);
}

#[test]
fn the_crm_has_exactly_the_fedramp_columns_and_values() {
    let csv = stdout_of(&[
        "controls",
        "--model",
        "paas",
        "--baseline",
        "fedramp-moderate",
        "--format",
        "crm",
    ]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "Control ID",
            "Can Be Inherited from CSP",
            "Specific Inheritance and Customer Agency/CSP Responsibilities"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 323);
    assert!(
        records
            .iter()
            .all(|r| ["Yes", "Partial", "No"].contains(&&r[1]))
    );
    let row = |label: &str| records.iter().find(|r| &r[0] == label).unwrap().clone();
    let pe3 = row("PE-3");
    assert_eq!(&pe3[1], "Yes");
    assert!(
        pe3[2].contains("Provider covers: Guard its datacenters"),
        "{:?}",
        &pe3[2]
    );
    assert!(!pe3[2].contains("Customer must"), "{:?}", &pe3[2]);
    let ac2 = row("AC-2");
    assert_eq!(&ac2[1], "Partial");
    assert!(ac2[2].contains("Provider covers:") && ac2[2].contains("Customer must: Manage user"));
    let ac1 = row("AC-1");
    assert_eq!(&ac1[1], "No");
    assert!(ac1[2].contains("organisational"));
    assert_eq!(&row("AC-2(7)")[1], "Partial");
}

#[test]
fn oscal_export_is_deterministic_and_complete() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cd.json");
    let args = [
        "export",
        "oscal",
        "--model",
        "paas",
        "--baseline",
        "fedramp-moderate",
    ];
    let first = stdout_of(&args);
    srm()
        .args(args)
        .args(["-o", path.to_str().unwrap()])
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        first,
        "re-running gives the same file"
    );
    let doc: Value = serde_json::from_str(&first).unwrap();
    let cd = &doc["component-definition"];
    assert_eq!(cd["metadata"]["oscal-version"], "1.1.2");
    let roles: Vec<&str> = cd["metadata"]["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(roles, ["provider", "customer"]);
    let component = &cd["components"][0];
    assert_eq!(component["type"], "service");
    let implementations = component["control-implementations"].as_array().unwrap();
    assert_eq!(implementations.len(), 1);
    assert!(
        implementations[0]["source"]
            .as_str()
            .unwrap()
            .ends_with("FedRAMP_rev5_MODERATE-baseline_profile.json")
    );
    let requirements = implementations[0]["implemented-requirements"]
        .as_array()
        .unwrap();
    assert_eq!(requirements.len(), 323);
    let ac2 = requirements
        .iter()
        .find(|r| r["control-id"] == "ac-2")
        .unwrap();
    let ac2_roles: Vec<&str> = ac2["responsible-roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["role-id"].as_str().unwrap())
        .collect();
    assert_eq!(ac2_roles, ["provider", "customer"]);
    // UUIDs are version 5 and follow from the model, the baseline and the control only.
    let uuid = ac2["uuid"].as_str().unwrap();
    assert_eq!(&uuid[14..15], "5", "{uuid}");
    let other = stdout_of(&[
        "export",
        "oscal",
        "--model",
        "saas",
        "--baseline",
        "fedramp-moderate",
    ]);
    assert!(!other.contains(uuid));
    let mut all_uuids: Vec<&str> = first
        .match_indices("\"uuid\": \"")
        .map(|(i, _)| &first[i + 9..i + 45])
        .collect();
    let n = all_uuids.len();
    all_uuids.sort_unstable();
    all_uuids.dedup();
    assert_eq!(all_uuids.len(), n, "every uuid is distinct");
}

#[test]
fn diff_controls_lists_the_controls_whose_owner_changes() {
    let doc: Value = json_of(&[
        "diff",
        "iaas",
        "paas",
        "--controls",
        "--baseline",
        "fedramp-moderate",
        "--json",
    ]);
    assert_eq!(doc["baseline"], "fedramp-moderate");
    let changes = doc["changes"].as_array().unwrap();
    assert!(!changes.is_empty());
    assert!(changes.iter().all(|c| c["from_owner"] != c["to_owner"]));
    let si2 = changes.iter().find(|c| c["id"] == "si-2").unwrap();
    assert_eq!(
        (si2["from_owner"].as_str(), si2["to_owner"].as_str()),
        (Some("customer"), Some("provider"))
    );
    assert!(
        !changes.iter().any(|c| c["id"] == "ps-3"),
        "organisational controls never move"
    );
    srm()
        .args(["diff", "iaas", "paas", "--baseline", "nist-low"])
        .assert()
        .code(2);
}

#[test]
fn a_catalogue_may_carry_its_own_mapping_and_unknown_controls_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mine.yaml");
    let text = "sources: [{id: s, title: S}]\nmodels: [{id: a, name: A}, {id: b, name: B}]\nlayers:\n  - id: l\n    name: L\n    owners: {a: customer, b: provider}\n    source: s\n    controls:\n      - {ids: [ac-2, zz-9, AC-3], why: Mine.}\n";
    std::fs::write(&path, text).unwrap();
    let out = srm()
        .args(["catalog", "validate", path.to_str().unwrap()])
        .assert()
        .code(1)
        .get_output()
        .stderr
        .clone();
    let stderr = String::from_utf8(out).unwrap();
    assert!(
        stderr.contains(":4:9: layer 'l' names unknown control 'zz-9' in `controls`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("unknown control 'AC-3' in `controls`; write it as 'ac-3'"),
        "{stderr}"
    );
    std::fs::write(&path, text.replace(", zz-9, AC-3", "")).unwrap();
    let doc: Value = json_of(&[
        "--catalog",
        path.to_str().unwrap(),
        "controls",
        "--model",
        "b",
        "--baseline",
        "nist-low",
        "--json",
    ]);
    let ac2 = doc["controls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "ac-2")
        .unwrap()
        .clone();
    assert_eq!(
        (ac2["owner"].as_str(), ac2["rows"][0]["why"].as_str()),
        (Some("provider"), Some("Mine."))
    );
}
