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
    // OS and runtime patching go to the provider under PaaS, the code's flaws stay the
    // customer's (data/CONTROLS.md, principle 4); the network is shared.
    assert_eq!(find(&paas, "si-2")["owner"], "shared");
    assert_eq!(find(&paas, "si-10")["owner"], "customer");
    assert_eq!(
        find(&controls("saas", "fedramp-high"), "si-10")["owner"],
        "provider"
    );
    assert_eq!(find(&paas, "ac-6.9")["owner"], "provider");
    assert_eq!(find(&paas, "ac-6")["owner"], "shared");
    assert_eq!(find(&paas, "sc-7")["owner"], "shared");
    assert_eq!(find(&paas, "sc-7")["can_be_inherited"], "Partial");
    // With the AI layers, patching what an AI application runs on is the customer's.
    let paas = controls_in("paas", "fedramp-high", "all");
    assert_eq!(find(&paas, "si-2")["owner"], "shared");
    // Rows that all depend make the control depends, and the CRM says Partial.
    let sr3 = find(&paas, "sr-3");
    assert_eq!(
        (sr3["owner"].as_str(), sr3["can_be_inherited"].as_str()),
        (Some("depends"), Some("Partial"))
    );
    let saas = controls("saas", "fedramp-high");
    assert_eq!(find(&saas, "sc-7")["owner"], "provider");
    // Backups: the platform backs up what it stores, the customer decides what and how long.
    assert_eq!(find(&saas, "cp-9")["owner"], "shared");
    assert_eq!(find(&saas, "si-12")["owner"], "customer");
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
    assert!(ac1[2].contains("each organisation meets this control itself"));
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
    let moved = |id: &str| {
        let c = changes.iter().find(|c| c["id"] == id).unwrap();
        (c["from_owner"].as_str(), c["to_owner"].as_str())
    };
    assert_eq!(moved("si-2"), (Some("customer"), Some("shared")));
    assert_eq!(moved("ac-6.9"), (Some("customer"), Some("provider")));
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

/// The acceptance of the mapping's principles (data/CONTROLS.md), on FedRAMP Moderate under
/// PaaS: no technical control is the customer's by being organisational, the physical ones are
/// the provider's, and every `-1` control is the customer's own.
#[test]
fn the_paas_moderate_answers_follow_the_principles() {
    let paas = controls("paas", "fedramp-moderate");
    let owner = |id: &str| find(&paas, id)["owner"].as_str().unwrap().to_string();
    let basis = |id: &str| find(&paas, id)["basis"].as_str().unwrap().to_string();
    // The technical controls the first cut left organisational are mapped now.
    for id in [
        "au-4", "au-5", "au-7", "ac-8", "ac-14", "ca-7", "ca-9", "ia-6", "ia-7", "ir-5", "ir-6",
        "ir-7", "sc-2", "sc-15", "sc-17", "sc-18", "sc-45", "si-6", "si-8", "sr-10", "sr-12",
    ] {
        assert_eq!(basis(id), "rows", "{id}");
    }
    // In the technical families only the policy controls and AC-20 (external systems each
    // organisation rules on itself) are organisational.
    for c in &paas {
        let id = c["id"].as_str().unwrap();
        let technical = ["ac", "au", "ia", "sc", "si"].contains(&c["family"].as_str().unwrap());
        if technical && c["basis"] == "organisational" {
            assert!(id.ends_with("-1") || id.starts_with("ac-20"), "{id}");
        }
        // Principle 6: nothing is unmapped in the shipped catalogue.
        assert_ne!(c["basis"], "unmapped", "{id}");
        // Principle 1: every -1 control is the customer's own, and only sp-corporate.
        if c["base"].is_null() && c["basis"] != "base_control" && id.ends_with("-1") {
            assert_eq!(
                (c["owner"].as_str(), c["basis"].as_str()),
                (Some("customer"), Some("organisational")),
                "{id}"
            );
            assert_eq!(
                c["control_origination"],
                serde_json::json!(["sp-corporate"])
            );
            assert!(
                c["why"]
                    .as_str()
                    .unwrap()
                    .contains("each organisation writes its own")
            );
        }
        // Principle 3: the facilities, their maintenance and media are the provider's.
        let physical = (id.starts_with("pe-") && id != "pe-1" && !id.starts_with("pe-17"))
            || (id.starts_with("ma-") && id != "ma-1")
            || ["mp-2", "mp-3", "mp-4", "mp-5", "mp-6", "mp-7"]
                .iter()
                .any(|m| id == *m || id.starts_with(&format!("{m}.")))
            || id.starts_with("ac-18");
        if physical {
            assert_eq!(c["owner"], "provider", "{id}");
        }
    }
    // Principle 4: the code's controls follow the code.
    for id in ["sa-8", "sa-11", "sa-15", "si-10", "si-11"] {
        assert_eq!(owner(id), "customer", "{id}");
    }
    // Principle 2: a mechanism the platform supplies and the customer completes is shared.
    for id in [
        "ac-3", "ac-6", "ac-7", "ac-11", "ac-12", "ia-4", "au-9", "au-11", "cm-2", "cm-5", "cp-9",
        "sc-12", "sc-13", "sc-28",
    ] {
        assert_eq!(owner(id), "shared", "{id}");
    }
    // Principle 7: an enhancement may differ from its base.
    for (id, expected) in [
        ("ac-17.2", "provider"),
        ("sc-7.3", "provider"),
        ("cm-5.1", "provider"),
        ("sc-8.1", "provider"),
        ("si-4.4", "provider"),
        ("ia-5.1", "customer"),
        ("ac-2.5", "customer"),
    ] {
        assert_eq!(owner(id), expected, "{id}");
        assert_eq!(basis(id), "rows", "{id}");
    }
    assert_eq!(owner("pe-17"), "customer");
    assert_eq!(owner("pe-3"), "provider");
    // Every entry behind an answer names the principle it applies, and cites sources the
    // answer lists once.
    let doc: Value = json_of(&[
        "controls",
        "--model",
        "paas",
        "--baseline",
        "fedramp-moderate",
        "--json",
    ]);
    let cited: Vec<&str> = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert!(cited.contains(&"ms-classic"));
    for c in &paas {
        for r in c["rows"].as_array().unwrap() {
            assert!(r["principle"].is_u64(), "{}: {}", c["id"], r["id"]);
            assert!(!r["sources"].as_array().unwrap().is_empty());
            for id in r["sources"].as_array().unwrap() {
                assert!(cited.contains(&id.as_str().unwrap()), "{id}");
            }
        }
        if c["basis"] == "organisational" {
            assert_eq!(c["principle"], 1, "{}", c["id"]);
        }
    }
    // People see the principle with the reason.
    let text = stdout_of(&["control", "ac-6.9"]);
    assert!(
        text.contains("principle 2: The platform itself logs"),
        "{text}"
    );
    let text = stdout_of(&["control", "ps-3"]);
    assert!(
        text.contains("(principle 1: Each organisation screens"),
        "{text}"
    );
}

/// A catalogue of one's own: what neither a row nor `organisational` speaks of is unmapped,
/// never the customer's by omission; the list itself is checked and placed.
#[test]
fn organisational_is_an_explicit_list_in_a_catalogue_of_ones_own() {
    let base = "sources: [{id: s, title: S}]\nmodels: [{id: iaas, name: IaaS}]\nlayers:\n  - {id: os, name: OS, owners: {iaas: provider}, source: s, controls: [{ids: [si-2], principle: 4, why: patching}]}\n";
    let with = format!(
        "{base}organisational:\n  - {{ids: [ps-3], principle: 1, why: 'each screens its own'}}\n"
    );
    let doc: Value = {
        let out = srm()
            .args(["--catalog", "-", "controls", "--model", "iaas", "--json"])
            .write_stdin(with)
            .assert()
            .success();
        serde_json::from_slice(&out.get_output().stdout).unwrap()
    };
    let list = doc["controls"].as_array().unwrap();
    let of = |id: &str| find(list, id).clone();
    assert_eq!(
        (of("si-2")["owner"].as_str(), of("si-2")["basis"].as_str()),
        (Some("provider"), Some("rows"))
    );
    assert_eq!(
        (of("ps-3")["owner"].as_str(), of("ps-3")["basis"].as_str()),
        (Some("customer"), Some("organisational"))
    );
    assert_eq!(of("ps-3")["why"], "each screens its own");
    assert_eq!(
        (of("ps-4")["owner"].as_str(), of("ps-4")["basis"].as_str()),
        (Some("unmapped"), Some("unmapped"))
    );
    assert_eq!(of("ps-4")["control_origination"], serde_json::json!([]));
    // What the loader refuses in the list, each at its place.
    for (list, message) in [
        (
            "[{ids: [si-2], principle: 1, why: w}]",
            "control 'si-2' is in `organisational` and row 'os' maps it",
        ),
        (
            "[{ids: [ps-3, ps-3], principle: 1, why: w}]",
            "control 'ps-3' is listed twice in `organisational`",
        ),
        (
            "[{ids: [zz-9], why: w}]",
            "unknown control 'zz-9' in `organisational`",
        ),
        (
            "[{ids: [ps-3], principle: 9, why: w}]",
            "names principle 9 in entry 1 of `organisational`; the principles are numbered 1 to 7",
        ),
        (
            "[{ids: [ps-3], when_shared: customer, why: w}]",
            "unknown field `when_shared`",
        ),
    ] {
        srm()
            .args(["--catalog", "-", "controls", "--model", "iaas"])
            .write_stdin(format!("{base}organisational: {list}\n"))
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(message).and(predicate::str::contains("<stdin>:5:")));
    }
}

/// FedRAMP's zero-padded ids are read wherever a control id is typed, and `--id-style
/// fedramp` writes them so in the CRM, which reads back through `srm control`.
#[test]
fn fedramp_ids_are_read_and_written() {
    let zero_padded: Value = json_of(&["control", "AC-02", "--json"]);
    assert_eq!(zero_padded["id"], "ac-2");
    let enhancement: Value = json_of(&["control", "AC-02 (05)", "--json"]);
    assert_eq!(enhancement["id"], "ac-2.5");
    let crm = stdout_of(&[
        "controls",
        "--model",
        "paas",
        "--baseline",
        "fedramp-moderate",
        "--format",
        "crm",
        "--id-style",
        "fedramp",
    ]);
    let mut reader = csv::Reader::from_reader(crm.as_bytes());
    let labels: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[0].to_string())
        .collect();
    assert_eq!(labels.len(), 323);
    assert!(labels.contains(&"AC-02 (05)".to_string()), "{labels:?}");
    assert!(labels.contains(&"SC-07 (12)".to_string()));
    // The base control an enhancement follows is named the same way.
    assert!(crm.contains("through its base control AC-02:"), "{crm}");
    assert!(!crm.contains("through its base control AC-2:"));
    for label in labels.iter().step_by(7) {
        let back: Value = json_of(&["control", label, "--json"]);
        assert_eq!(padded(back["id"].as_str().unwrap()), *label);
    }
}

/// `ac-2.5` as FedRAMP writes it, `AC-02 (05)`, worked out independently of srm.
fn padded(id: &str) -> String {
    let (family, rest) = id.split_once('-').unwrap();
    let mut numbers = rest
        .split('.')
        .map(|n| format!("{:02}", n.parse::<u32>().unwrap()));
    let mut label = format!("{}-{}", family.to_uppercase(), numbers.next().unwrap());
    for n in numbers {
        label.push_str(&format!(" ({n})"));
    }
    label
}

/// `export oscal --ssp`: a leveraged system's SSP whose exports carry, control by control,
/// what the provider provides and what the customer is responsible for, linked, with FedRAMP's
/// control origination and the sources cited as back-matter resources (trestle judges the
/// documents themselves in scripts/check-oscal).
#[test]
fn the_ssp_export_carries_provided_and_responsibilities() {
    let ssp = |model: &str, baseline: &str| -> Value {
        json_of(&[
            "export",
            "oscal",
            "--ssp",
            "--model",
            model,
            "--baseline",
            baseline,
        ])
    };
    let doc = ssp("paas", "fedramp-moderate");
    let plan = &doc["system-security-plan"];
    let href = plan["import-profile"]["href"].as_str().unwrap();
    assert!(
        href.contains("/c784140bc6d1ac9fa159aabc0e8a29e9aa2c63a9/")
            && href.ends_with("FedRAMP_rev5_MODERATE-baseline_profile.json"),
        "{href}"
    );
    let resources: Vec<String> = plan["back-matter"]["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| format!("#{}", r["uuid"].as_str().unwrap()))
        .collect();
    let component = plan["system-implementation"]["components"][0]["uuid"].clone();
    let requirements = plan["control-implementation"]["implemented-requirements"]
        .as_array()
        .unwrap();
    assert_eq!(requirements.len(), 323);
    let of = |id: &str| requirements.iter().find(|r| r["control-id"] == id).unwrap();
    let origination = |r: &Value| -> Vec<String> {
        r["props"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["name"] == "control-origination")
            .map(|p| {
                assert_eq!(p["ns"], "https://fedramp.gov/ns/oscal");
                p["value"].as_str().unwrap().to_string()
            })
            .collect()
    };
    for r in requirements {
        let id = r["control-id"].as_str().unwrap();
        let by = &r["by-components"][0];
        assert_eq!(by["component-uuid"], component);
        let export = &by["export"];
        let provided = export["provided"].as_array().cloned().unwrap_or_default();
        let responsibilities = export["responsibilities"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        assert!(!provided.is_empty() || !responsibilities.is_empty(), "{id}");
        for p in &provided {
            assert_eq!(p["responsible-roles"][0]["role-id"], "provider");
        }
        for resp in &responsibilities {
            assert_eq!(resp["responsible-roles"][0]["role-id"], "customer");
            if let Some(link) = resp.get("provided-uuid") {
                assert!(provided.iter().any(|p| &p["uuid"] == link), "{id}");
            }
        }
        let o = origination(r);
        if id.ends_with("-1") && !id.contains('.') {
            assert_eq!(o, ["sp-corporate"], "{id}");
        }
        for link in r["links"].as_array().into_iter().flatten() {
            assert!(resources.contains(&link["href"].as_str().unwrap().to_string()));
        }
    }
    // A provider control provides, a customer one is only the customer's, a shared one both,
    // the customer's linked to what it completes.
    let pe3 = of("pe-3");
    assert_eq!(origination(pe3), ["sp-system"]);
    assert!(pe3["by-components"][0]["export"]["responsibilities"].is_null());
    let ac2 = &of("ac-2")["by-components"][0]["export"];
    assert_eq!(
        origination(of("ac-2")),
        ["sp-system", "customer-configured"]
    );
    assert_eq!(
        ac2["responsibilities"][0]["provided-uuid"],
        ac2["provided"][0]["uuid"]
    );
    assert!(of("si-10")["by-components"][0]["export"]["provided"].is_null());
    assert_eq!(origination(of("ps-3")), ["sp-corporate"]);
    // Every model and baseline gives one, and the same one twice.
    for model in ["on-prem", "iaas", "paas", "saas"] {
        for baseline in BASELINES {
            let doc = ssp(model, baseline);
            assert!(
                doc["system-security-plan"]["control-implementation"]["implemented-requirements"]
                    .as_array()
                    .is_some_and(|r| !r.is_empty())
            );
        }
    }
}

/// The organisational list answers in a catalogue whose rows map nothing; a control's own
/// entries, out of the scope, are not replaced by its base control's; the customer's own code
/// is customer-provided; a bad principle names its entry; `--owner unmapped` selects what
/// nothing speaks of.
#[test]
fn precedence_origination_and_places_hold() {
    let list_only = "sources: [{id: s, title: S}]\nmodels: [{id: iaas, name: IaaS}]\nlayers:\n  - {id: os, name: OS, owners: {iaas: provider}, source: s}\norganisational: [{ids: [ps-3], principle: 1, why: own}]\n";
    let out = srm()
        .args(["--catalog", "-", "control", "ps-3", "--json"])
        .write_stdin(list_only)
        .assert()
        .success();
    let doc: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(
        (doc["basis"].as_str(), doc["cells"][0]["owner"].as_str()),
        (Some("organisational"), Some("customer"))
    );
    assert_eq!(doc["catalog_maps_controls"], true);
    // AC-2(5) has its own entry (accounts, classic); the AI scope leaves it out, and AC-2's AI
    // row does not answer for it.
    let ai: Value = json_of(&["control", "ac-2.5", "--scope", "ai", "--json"]);
    assert_eq!(
        (ai["basis"].as_str(), ai["left_out"].as_u64()),
        (Some("unmapped"), Some(1))
    );
    let all: Value = json_of(&["control", "ac-2.5", "--scope", "all", "--json"]);
    assert_eq!(all["basis"], "rows");
    // Origination: the customer's own code, against a setting of the provider's.
    let paas = controls("paas", "fedramp-moderate");
    let origination = |id: &str| find(&paas, id)["control_origination"].clone();
    assert_eq!(
        origination("sa-11"),
        serde_json::json!(["customer-provided"])
    );
    assert_eq!(
        origination("ac-2.5"),
        serde_json::json!(["customer-configured"])
    );
    assert_eq!(origination("pe-3"), serde_json::json!(["sp-system"]));
    let cell: Value = json_of(&["control", "sa-11", "--json"]);
    assert_eq!(
        cell["cells"][2]["control_origination"],
        serde_json::json!(["customer-provided"])
    );
    assert_eq!(
        cell["cells"][3]["control_origination"],
        serde_json::json!(["sp-system"])
    );
    // A bad principle is named with its entry.
    let bad = "sources: [{id: s, title: S}]\nmodels: [{id: iaas, name: IaaS}]\nlayers:\n  - {id: os, name: OS, owners: {iaas: provider}, source: s, controls: [{ids: [si-2], principle: 2, why: a}, {ids: [si-3], principle: 8, why: b}]}\n";
    srm()
        .args(["--catalog", "-", "controls", "--model", "iaas"])
        .write_stdin(bad)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(
            "<stdin>:4:10: layer 'os' names principle 8 in entry 2 of `controls`",
        ));
    // Unmapped controls can be selected.
    let out = srm()
        .args([
            "--catalog",
            "-",
            "controls",
            "--model",
            "iaas",
            "--owner",
            "unmapped",
            "--json",
        ])
        .write_stdin(list_only)
        .assert()
        .success();
    let doc: Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let controls = doc["controls"].as_array().unwrap();
    // All but PS-3 and its enhancement PS-3(3), which follows it.
    assert_eq!(controls.len(), 461);
    assert!(controls.iter().all(|c| c["owner"] == "unmapped"));
}
