//! Scopes: every answer is the classic stack's unless `--scope ai|all` asks for the AI layers
//! (`layers`, a list of names, lists all); it says which scope it used and how much it left
//! out, as `scope` and `left_out` in JSON and a line under the table; a layer named is
//! answered whatever its scope; and the control views (`control`, `controls`,
//! `diff --controls`, `export oscal`) derive every control's owner from the same rows.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::{json_of, srm, stdout_of};

const MODELS: [&str; 4] = ["on-prem", "iaas", "paas", "saas"];

const BASELINES: [&str; 8] = [
    "nist-low",
    "nist-moderate",
    "nist-high",
    "nist-privacy",
    "fedramp-li-saas",
    "fedramp-low",
    "fedramp-moderate",
    "fedramp-high",
];

fn with(args: &[&str], more: &[&str]) -> Vec<String> {
    args.iter().chain(more).map(|s| s.to_string()).collect()
}

fn run_json(args: &[String]) -> Value {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    json_of(&args)
}

fn run_table(args: &[String]) -> String {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    stdout_of(&args)
}

/// Every id of a row or layer anywhere in a document (`"id": "ai-…"` and the like).
fn mentions_ai(doc: &Value) -> bool {
    match doc {
        Value::Object(map) => map.iter().any(|(k, v)| {
            (k == "id" && v.as_str().is_some_and(|s| s.starts_with("ai-"))) || mentions_ai(v)
        }),
        Value::Array(items) => items.iter().any(mentions_ai),
        _ => false,
    }
}

/// How many items an answer lists, in the unit its `left_out` counts: layers for `who` (its
/// cells' layers), `diff` and `matrix`, rows for the rest.
fn listed(doc: &Value, command: &str) -> usize {
    let items = |k: &str| doc[k].as_array().unwrap().clone();
    match command {
        "who" => {
            let layers: std::collections::BTreeSet<String> = items("cells")
                .iter()
                .map(|c| c["layer"].as_str().unwrap().to_string())
                .collect();
            layers.len()
        }
        "diff" => items("changes").len(),
        "matrix" => items("layers").len(),
        _ => items("rows").len(),
    }
}

/// Each answer that takes `--scope`, and what it says under its table by default.
const ANSWERS: &[(&[&str], &str)] = &[
    (
        &["who", "--model", "paas"],
        "3 AI layers left out (--scope all shows them)",
    ),
    (
        &["who", "--model", "paas", "--owner", "depends"],
        "1 AI layer left out (--scope all shows it)",
    ),
    (
        &["diff", "iaas", "saas"],
        "3 AI layers left out (--scope all shows them)",
    ),
    (&["retained"], "2 AI rows left out (--scope all shows them)"),
    (&["matrix"], "3 AI layers left out (--scope all shows them)"),
    (
        &["checklist", "paas"],
        "13 AI rows left out (--scope all shows them)",
    ),
    (
        &["find", "data"],
        "8 AI rows left out (--scope all shows them)",
    ),
];

#[test]
fn every_answer_is_the_classic_stack_by_default_and_says_what_it_left_out() {
    for (args, note) in ANSWERS {
        let command = args[0];
        let classic = run_json(&with(args, &["--json"]));
        assert_eq!(classic["scope"], "classic", "{args:?}");
        assert!(!mentions_ai(&classic), "{args:?} holds AI rows by default");
        assert_eq!(
            run_json(&with(args, &["--scope", "classic", "--json"])),
            classic,
            "{args:?}"
        );
        let all = run_json(&with(args, &["--scope", "all", "--json"]));
        assert_eq!(
            (&all["scope"], &all["left_out"]),
            (&"all".into(), &0.into())
        );
        assert!(mentions_ai(&all), "{args:?} --scope all holds no AI row");
        // What is left out is what --scope all adds, counted as the answer lists it.
        let left_out = classic["left_out"].as_u64().unwrap() as usize;
        assert_eq!(
            listed(&all, command) - listed(&classic, command),
            left_out,
            "{args:?}"
        );
        // The table says it under the answer, in the same number; with nothing left out,
        // nothing.
        let table = run_table(&with(args, &[]));
        assert_eq!(table.lines().last(), Some(*note), "{args:?}:\n{table}");
        assert!(note.starts_with(&format!("{left_out} AI ")), "{args:?}");
        let table = run_table(&with(args, &["--scope", "all"]));
        assert!(!table.contains("left out"), "{args:?}:\n{table}");
        // --scope ai leaves the classic stack out, and says so.
        let ai = run_json(&with(args, &["--scope", "ai", "--json"]));
        assert_eq!(ai["scope"], "ai");
        let table = run_table(&with(args, &["--scope", "ai"]));
        match ai["left_out"].as_u64().unwrap() {
            0 => assert!(!table.contains("left out"), "{args:?}:\n{table}"),
            n => assert!(
                table
                    .lines()
                    .last()
                    .unwrap()
                    .starts_with(&format!("{n} classic ")),
                "{args:?}:\n{table}"
            ),
        }
    }
}

#[test]
fn retained_keeps_the_classic_rows_and_says_how_to_see_the_ai_ones() {
    let doc: Value = json_of(&["retained", "--json"]);
    let ids: Vec<&str> = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["accounts", "endpoint", "data", "config"]);
    let table = stdout_of(&["retained"]);
    assert!(
        table.ends_with("╯\n2 AI rows left out (--scope all shows them)\n"),
        "{table}"
    );
    let md = stdout_of(&["retained", "--format", "markdown"]);
    assert!(
        md.ends_with("\n\n2 AI rows left out (`--scope all` shows them)\n"),
        "{md}"
    );
}

#[test]
fn layers_lists_every_layer_unless_narrowed() {
    let all: Value = json_of(&["layers", "--json"]);
    assert_eq!(
        (&all["scope"], &all["left_out"]),
        (&"all".into(), &0.into())
    );
    assert_eq!(all["layers"].as_array().unwrap().len(), 13);
    assert!(!stdout_of(&["layers"]).contains("left out"));
    let classic: Value = json_of(&["layers", "--scope", "classic", "--json"]);
    assert_eq!(classic["layers"].as_array().unwrap().len(), 10);
    assert_eq!(classic["left_out"], 3);
    assert!(
        stdout_of(&["layers", "--scope", "classic"])
            .ends_with("\n3 AI layers left out (--scope all shows them)\n")
    );
}

#[test]
fn a_layer_named_is_answered_whatever_its_scope_unless_scope_says_otherwise() {
    let cells = |doc: &Value| -> Vec<String> {
        doc["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let ai: Value = json_of(&["who", "--layer", "ai-app", "--model", "paas", "--json"]);
    assert_eq!(cells(&ai), ["ai-app"]);
    assert_eq!((&ai["scope"], &ai["left_out"]), (&"ai".into(), &0.into()));
    let os: Value = json_of(&["who", "--layer", "os", "--model", "paas", "--json"]);
    assert_eq!(os["scope"], "classic");
    let both: Value = json_of(&[
        "who",
        "--layer",
        "os,ai-compute",
        "--model",
        "paas",
        "--json",
    ]);
    assert_eq!(cells(&both), ["os", "ai-compute"]);
    assert_eq!(both["scope"], "all");
    // An explicit scope narrows what was named, and says so.
    let narrowed: Value = json_of(&[
        "who",
        "--layer",
        "os,ai-app",
        "--model",
        "paas",
        "--scope",
        "classic",
        "--json",
    ]);
    assert_eq!(cells(&narrowed), ["os"]);
    assert_eq!(narrowed["left_out"], 1);
    let table = stdout_of(&["who", "--layer", "ai-app", "--scope", "classic"]);
    assert_eq!(
        table,
        "no cells match\n1 AI layer left out (--scope all shows it)\n"
    );
    // The same for the other answers that take --layer.
    let checklist: Value = json_of(&["checklist", "paas", "--layer", "ai-platform", "--json"]);
    assert_eq!(checklist["scope"], "ai");
    assert!(!checklist["rows"].as_array().unwrap().is_empty());
    let matrix: Value = json_of(&["matrix", "--layer", "ai-usage", "--json"]);
    assert_eq!(matrix["layers"][0]["id"], "ai-usage");
    let diff: Value = json_of(&["diff", "iaas", "saas", "--layer", "ai-app", "--json"]);
    assert_eq!(diff["changes"][0]["id"], "ai-app");
}

#[test]
fn explain_answers_about_an_ai_row_it_is_named() {
    for id in ["ai-app", "ai-model-tuning"] {
        let doc: Value = json_of(&["explain", id, "--json"]);
        assert_eq!(doc["id"], id);
        assert_eq!(doc["cells"].as_array().unwrap().len(), 4);
        assert!(!stdout_of(&["explain", id]).contains("left out"));
    }
    // A model is explained under every layer, the AI ones too.
    let paas: Value = json_of(&["explain", "paas", "--json"]);
    assert_eq!(paas["cells"].as_array().unwrap().len(), 13);
}

/// Each control's owner under each model, by control id, from `srm controls`.
fn controls_owners(scope: &str) -> BTreeMap<&'static str, BTreeMap<String, String>> {
    let mut owners: BTreeMap<&str, BTreeMap<String, String>> = BTreeMap::new();
    for model in MODELS {
        let doc: Value = json_of(&["controls", "--model", model, "--scope", scope, "--json"]);
        assert_eq!(doc["scope"], scope);
        for c in doc["controls"].as_array().unwrap() {
            owners.entry(model).or_default().insert(
                c["id"].as_str().unwrap().to_string(),
                c["owner"].as_str().unwrap().to_string(),
            );
        }
    }
    owners
}

/// `control`, `diff --controls` and `export oscal` give every control, under every model,
/// the owner `controls` gives it in the same scope.
fn the_control_views_agree(scope: &str) {
    let owners = controls_owners(scope);
    let ids: Vec<String> = owners["paas"].keys().cloned().collect();
    assert_eq!(ids.len(), 463, "every control srm knows");
    // `srm control ID`, for every control.
    for id in &ids {
        let doc: Value = json_of(&["control", id, "--scope", scope, "--json"]);
        assert_eq!(doc["scope"], scope);
        let cells = doc["cells"].as_array().unwrap();
        assert_eq!(cells.len(), MODELS.len());
        for cell in cells {
            let model = cell["model"].as_str().unwrap();
            assert_eq!(
                cell["owner"].as_str().unwrap(),
                owners[model][id],
                "{id} under {model}, --scope {scope}: control and controls disagree"
            );
        }
    }
    // The OSCAL export, every baseline of every model: together they hold every control.
    let mut exported = std::collections::BTreeSet::new();
    for model in MODELS {
        for baseline in BASELINES {
            let out = srm()
                .args(["export", "oscal", "--model", model, "--baseline", baseline])
                .args(["--scope", scope])
                .output()
                .unwrap();
            assert!(out.status.success(), "{model} {baseline}");
            let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
            let implementation =
                &doc["component-definition"]["components"][0]["control-implementations"][0];
            assert_eq!(implementation["props"][0]["value"], scope);
            for req in implementation["implemented-requirements"]
                .as_array()
                .unwrap()
            {
                let id = req["control-id"].as_str().unwrap();
                let responsibility = req["props"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["name"] == "responsibility")
                    .unwrap()["value"]
                    .as_str()
                    .unwrap();
                assert_eq!(
                    responsibility, owners[model][id],
                    "{id} under {model} in {baseline}, --scope {scope}: OSCAL and controls disagree"
                );
                exported.insert(id.to_string());
            }
        }
    }
    assert_eq!(exported.len(), ids.len(), "some control is in no export");
    // `diff --controls`: exactly the controls whose owners differ, with those owners.
    for from in MODELS {
        for to in MODELS {
            let doc: Value = json_of(&["diff", from, to, "--controls", "--scope", scope, "--json"]);
            assert_eq!(doc["scope"], scope);
            let changed: BTreeMap<String, (String, String)> = doc["changes"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| {
                    let s = |k: &str| c[k].as_str().unwrap().to_string();
                    (s("id"), (s("from_owner"), s("to_owner")))
                })
                .collect();
            let expected: BTreeMap<String, (String, String)> = ids
                .iter()
                .filter(|id| owners[from][*id] != owners[to][*id])
                .map(|id| {
                    (
                        id.clone(),
                        (owners[from][id].clone(), owners[to][id].clone()),
                    )
                })
                .collect();
            assert_eq!(
                changed, expected,
                "diff {from} {to} --controls --scope {scope}"
            );
        }
    }
}

#[test]
fn the_control_views_agree_on_every_control_in_the_classic_scope() {
    the_control_views_agree("classic");
    // The case that disagreed: CM-3 under PaaS is shared in the classic stack (the platform's
    // changes, the customer's code and settings), and an AI row that depends on the model
    // (model tuning) does not override that with the AI layers.
    let paas: Value = json_of(&["control", "cm-3", "--json"]);
    assert_eq!(paas["cells"][2]["owner"], "shared");
    assert_eq!(paas["left_out"], 1);
    let text = stdout_of(&["control", "cm-3"]);
    assert!(
        text.ends_with("\n1 AI row that bears on this control left out (--scope all counts it)\n"),
        "{text}"
    );
}

#[test]
fn the_control_views_agree_on_every_control_with_every_layer() {
    the_control_views_agree("all");
    // The tuning row depends on the model; the others give a clear answer, which it does not
    // override (data/CONTROLS.md, principle 7).
    let paas: Value = json_of(&["control", "cm-3", "--scope", "all", "--json"]);
    assert_eq!(paas["cells"][2]["owner"], "shared");
    // Where every row depends, the control does.
    let sa9: Value = json_of(&["control", "sa-9", "--scope", "all", "--json"]);
    assert_eq!(sa9["cells"][2]["owner"], "depends");
    let sa9: Value = json_of(&["control", "sa-9", "--json"]);
    assert_eq!(
        (sa9["basis"].as_str(), sa9["cells"][2]["owner"].as_str()),
        (Some("organisational"), Some("customer"))
    );
}

#[test]
fn an_oscal_export_of_another_scope_is_another_document() {
    let export = |scope: &str| -> Value {
        let out = srm()
            .args([
                "export",
                "oscal",
                "--model",
                "paas",
                "--baseline",
                "fedramp-moderate",
            ])
            .args(["--scope", scope])
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let uuid = |doc: &Value| {
        doc["component-definition"]["uuid"]
            .as_str()
            .unwrap()
            .to_string()
    };
    // The default keeps the UUIDs exports had before scopes: named by model and baseline.
    let srm_ns = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, b"urn:srm:oscal");
    let named = |name: &str| uuid::Uuid::new_v5(&srm_ns, name.as_bytes()).to_string();
    let classic = export("classic");
    assert_eq!(
        uuid(&classic),
        named("component-definition/paas/fedramp-moderate")
    );
    let all = export("all");
    assert_eq!(
        uuid(&all),
        named("component-definition/paas/scope:all/fedramp-moderate")
    );
    assert_ne!(uuid(&all), uuid(&export("ai")));
    let description = |doc: &Value| {
        doc["component-definition"]["components"][0]["control-implementations"][0]["description"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(description(&classic).ends_with("(the AI layers left out)."));
    assert!(description(&all).ends_with("classic and AI."));
}
