//! One interface: names as input, flags that mean one thing everywhere, keyword search, and the
//! data notes practitioners need. Each test drives the binary as a user would.

use predicates::prelude::*;

use crate::{json_of, srm, stdout_of};
use serde_json::Value;

fn cell(args: &[&str]) -> Value {
    let mut args = args.to_vec();
    args.push("--json");
    let doc: Value = json_of(&args);
    assert_eq!(doc["cells"].as_array().unwrap().len(), 1, "{args:?}");
    doc["cells"][0].clone()
}

#[test]
fn the_names_tables_show_can_be_typed_back() {
    for (name, id) in [
        (
            "Identity and directory infrastructure",
            "identity-infrastructure",
        ),
        ("Configuration and settings", "config"),
        ("Runtime and middleware", "runtime"),
        ("Application safety systems", "ai-app-safety"),
        ("AI compute infrastructure", "ai-compute"),
        ("operating SYSTEM", "os"),
    ] {
        assert_eq!(
            cell(&["who", "--layer", name, "--model", "paas"])["id"],
            id,
            "{name}"
        );
    }
    assert_eq!(
        cell(&["who", "--layer", "os", "--model", "Software as a service"])["model"],
        "saas"
    );
    // Suggestions consider names too.
    srm()
        .args(["who", "--layer", "Configuration and setings"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean 'config'?"));
}

#[test]
fn every_table_shows_each_parts_id() {
    for args in [
        &["matrix"][..],
        &["diff", "iaas", "saas"],
        &["who", "--model", "paas"],
    ] {
        let out = stdout_of(args);
        assert!(
            out.contains("Network controls (network-controls)"),
            "{args:?}:\n{out}"
        );
    }
}

#[test]
fn output_files_for_every_command_that_answers() {
    let dir = tempfile::tempdir().unwrap();
    for (args, name) in [
        (
            &["who", "--layer", "os", "--model", "paas", "--json"][..],
            "who.json",
        ),
        (&["matrix", "--format", "svg"], "m.svg"),
        (&["checklist", "paas", "--format", "csv"], "c.csv"),
        (&["schema", "diff"], "diff.schema.json"),
    ] {
        let path = dir.path().join(name);
        let mut with_o = args.to_vec();
        with_o.extend(["-o", path.to_str().unwrap()]);
        srm().args(&with_o).assert().success().stdout("");
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            stdout_of(args),
            "{args:?}"
        );
    }
    // -o no longer means --owner.
    srm().args(["who", "-o"]).assert().code(2);
}

#[test]
fn catalog_show_shows_the_catalogue_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.json");
    std::fs::write(
        &mine,
        r#"{"sources": [{"id": "s", "title": "S"}], "models": [{"id": "a", "name": "A"}],
  "layers": [{"id": "l", "name": "L", "owners": {"a": "customer"}, "source": "s"}]}"#,
    )
    .unwrap();
    let shown = stdout_of(&["--catalog", mine.to_str().unwrap(), "catalog", "show"]);
    assert_eq!(shown, std::fs::read_to_string(&mine).unwrap());
    let shown = srm()
        .env("SRM_CATALOG", &mine)
        .args(["catalog", "show"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8(shown).unwrap().contains("\"layers\""));
    assert!(stdout_of(&["catalog", "show"]).starts_with("# The srm catalogue"));
}

#[test]
fn find_leads_somewhere_sensible_for_what_people_ask() {
    for (words, first) in [
        (&["patch"][..], "os"),
        (&["mfa"], "accounts"),
        (&["encryption"], "data"),
        (&["firewall"], "network-controls"),
        (&["backup"], "data"),
        (&["prompt", "injection", "--scope", "all"], "ai-app-safety"),
        (&["prompt injection", "--scope", "ai"], "ai-app-safety"),
        (&["database"], "data"),
    ] {
        let mut args = vec!["find"];
        args.extend_from_slice(words);
        args.push("--json");
        let doc: Value = json_of(&args);
        assert_eq!(doc["rows"][0]["id"], first, "{words:?}: {doc}");
        assert!(doc["rows"][0]["owners"]["paas"].is_string());
    }
    // Nothing found is an answer, and exit 1, as grep's.
    let out = srm()
        .args(["find", "zzzqqq", "--json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let nothing: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(nothing["rows"], serde_json::json!([]));
    srm().arg("find").assert().code(2);
}

#[test]
fn explain_lists_only_the_duties_of_a_side_that_holds_the_row() {
    let config: Value = json_of(&["explain", "config", "--json"]);
    assert_eq!(config["duties"]["provider"], serde_json::json!([]));
    assert!(!stdout_of(&["explain", "config"]).contains("provider duties"));
    let os: Value = json_of(&["explain", "os", "--json"]);
    assert!(!os["duties"]["provider"].as_array().unwrap().is_empty());
}

#[test]
fn data_notes_practitioners_need() {
    let sources: Value = json_of(&["matrix", "--json"]);
    let seed = sources["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "seed-text")
        .unwrap();
    assert!(
        seed["url"]
            .as_str()
            .unwrap()
            .starts_with("https://learn.microsoft.com/training/")
    );
    let safety = cell(&["who", "--layer", "ai-app-safety", "--model", "paas"]);
    assert!(
        safety["note"]
            .as_str()
            .unwrap()
            .contains("customer in an earlier one"),
        "{safety}"
    );
    let customer = safety["duties"]["customer"].to_string();
    for idea in [
        "least privilege",
        "approve high-risk actions",
        "untrusted",
        "model outputs",
    ] {
        assert!(customer.contains(idea), "{idea}: {customer}");
    }
    let runtime = cell(&["who", "--layer", "runtime", "--model", "paas"]);
    let cited: Vec<_> = runtime["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].clone())
        .collect();
    assert!(cited.contains(&"ms-classic-2026".into()), "{cited:?}");
    assert!(
        runtime["note"]
            .as_str()
            .unwrap()
            .contains("after its support ends")
    );
    let os = cell(&["who", "--layer", "os", "--model", "paas"]);
    assert!(
        os["note"]
            .as_str()
            .unwrap()
            .contains("node-image upgrades switched off")
    );
    let layers: Value = json_of(&["explain", "network-controls", "--json"]);
    assert!(
        layers["description"]
            .as_str()
            .unwrap()
            .contains("the provider's under SaaS")
    );
    assert!(layers["cells"][3]["owner"] == "provider");
    let runtime: Value = json_of(&["explain", "runtime", "--json"]);
    assert!(
        runtime["description"]
            .as_str()
            .unwrap()
            .contains("database engines")
    );
    for part in [
        "ai-model-accountability",
        "ai-model-tuning",
        "ai-model-design",
        "ai-training-data",
    ] {
        let c = cell(&["who", "--layer", part, "--model", "paas"]);
        assert!(
            c["note"].as_str().unwrap().contains("partner or community"),
            "{part}"
        );
    }
    let retained = stdout_of(&["retained"]);
    assert!(
        retained.contains("Sources") && retained.contains("ms-classic"),
        "{retained}"
    );
}

#[test]
fn mixed_and_unchanged_directions_are_printed_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("both-ways.yaml");
    std::fs::write(
        &path,
        "sources: [{id: s, title: S}]\nmodels: [{id: a, name: A}, {id: b, name: B}]\nlayers:\n  - id: l\n    name: L\n    parts:\n      - {id: p, name: P, owners: {a: customer, b: provider}, source: s}\n      - {id: q, name: Q, owners: {a: provider, b: customer}, source: s}\n  - {id: u, name: U, owners: {a: customer, b: customer}, source: s}\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let doc: Value = json_of(&["--catalog", p, "diff", "a", "b", "--all", "--json"]);
    assert_eq!(doc["changes"][0]["direction"], "mixed");
    assert_eq!(doc["changes"][1]["direction"], "unchanged");
    assert_eq!(doc["changes"][1]["from_owner"], "customer");
    let table = stdout_of(&["--catalog", p, "diff", "a", "b", "--all"]);
    assert!(
        table.contains("↔ mixed") && table.contains("unchanged"),
        "{table}"
    );
    let csv = stdout_of(&["--catalog", p, "diff", "a", "b", "--all", "--format", "csv"]);
    assert!(csv.contains("u,u,U,customer,customer,unchanged"), "{csv}");
}
