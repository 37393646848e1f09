//! `srm find` for the topics people ask about: each leads to the rows genuinely about it,
//! plurals find their singulars, the words of a question (`who`, `the`) are passed over, and
//! a control id points to `srm control`.

use serde_json::Value;

use crate::{json_of, srm, stdout_of};

/// The ids of the rows `srm find ARGS` finds, best first.
fn found(args: &[&str]) -> Vec<String> {
    let mut all = vec!["find"];
    all.extend_from_slice(args);
    all.push("--json");
    let doc: Value = json_of(&all);
    doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn every_topic_leads_first_to_a_row_about_it() {
    for (word, about) in [
        ("logging", &["os", "app", "config"][..]),
        ("audit", &["os", "app", "config"]),
        ("monitoring", &["os", "config"]),
        ("vulnerability", &["os", "app"]),
        ("secrets", &["data", "app", "accounts"]),
        ("keys", &["data", "accounts"]),
        ("certificates", &["data", "app"]),
        ("incident", &["endpoint"]),
        ("serverless", &["runtime"]),
        ("container", &["os"]),
        ("kubernetes", &["os"]),
        ("database", &["data", "runtime"]),
    ] {
        let rows = found(&[word]);
        let first = rows
            .first()
            .unwrap_or_else(|| panic!("`srm find {word}` finds nothing"));
        assert!(
            about.contains(&first.as_str()),
            "`srm find {word}` leads to {first}, not one of {about:?}: {rows:?}"
        );
    }
}

#[test]
fn a_plural_finds_what_its_singular_finds() {
    for (plural, singular) in [
        ("keys", "key"),
        ("certificates", "certificate"),
        ("containers", "container"),
        ("secrets", "secret"),
        ("vulnerabilities", "vulnerability"),
        ("databases", "database"),
    ] {
        let rows = found(&[plural]);
        assert!(!rows.is_empty(), "{plural}");
        assert_eq!(rows, found(&[singular]), "{plural} and {singular}");
    }
    // A plural does not find longer words its singular begins: `logs` is not `login`.
    assert!(!found(&["logs"]).contains(&"accounts".to_string()));
}

#[test]
fn the_words_of_a_question_are_passed_over() {
    let doc: Value = json_of(&["find", "who", "patches", "the", "os", "--json"]);
    assert_eq!(doc["words"], serde_json::json!(["patches", "os"]));
    assert_eq!(doc["ignored"], serde_json::json!(["who", "the"]));
    assert_eq!(doc["rows"][0]["id"], "os");
    let every_row = json_of::<Value>(&["matrix", "--json"])["layers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["rows"].as_array().unwrap().len().max(1))
        .sum::<usize>();
    let rows = doc["rows"].as_array().unwrap().len();
    assert!(rows < every_row / 2, "{rows} of {every_row} rows: {doc}");
    // A question made only of such words is searched as it is.
    let doc: Value = json_of(&["find", "who", "are", "you", "--json"]);
    assert_eq!(doc["words"], serde_json::json!(["who", "are", "you"]));
    assert_eq!(doc["ignored"], serde_json::json!([]));
    // A word that finds nothing still finds nothing, and says so under its own name.
    let out = srm()
        .args(["find", "what", "is", "xyzzy"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    assert!(
        String::from_utf8(out)
            .unwrap()
            .starts_with("nothing found for 'xyzzy';")
    );
}

/// The rows `srm control ID` lists, in `scope`.
fn control_rows(id: &str, scope: &str) -> Vec<String> {
    let doc: Value = json_of(&["control", id, "--scope", scope, "--json"]);
    let mut rows: Vec<String> = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect();
    rows.sort();
    rows
}

#[test]
fn a_control_id_points_to_srm_control_and_finds_the_rows_it_bears_on() {
    for (typed, id) in [
        ("ac-2", "ac-2"),
        ("AC-2", "ac-2"),
        ("ac-2(7)", "ac-2.7"),
        ("AC-2(7)", "ac-2.7"),
    ] {
        let doc: Value = json_of(&["find", typed, "--json"]);
        assert_eq!(
            doc["see"],
            serde_json::json!([{
                "kind": "control",
                "id": id,
                "name": json_of::<Value>(&["control", id, "--json"])["title"],
                "command": format!("srm control {id}"),
            }]),
            "{typed}"
        );
        // Its hits are the rows behind the control, as `srm control` lists them.
        let mut rows = found(&[typed]);
        rows.sort();
        assert_eq!(rows, control_rows(id, "classic"), "{typed}");
        assert_eq!(doc["words"], serde_json::json!([]), "{typed}");
    }
    // The pointer's command runs, and names the scope when it is not the default.
    let all: Value = json_of(&["find", "ac-2", "--scope", "all", "--json"]);
    assert_eq!(all["see"][0]["command"], "srm control ac-2 --scope all");
    let mut rows = found(&["ac-2", "--scope", "all"]);
    rows.sort();
    assert_eq!(rows, control_rows("ac-2", "all"));
    assert!(rows.contains(&"ai-identity-access".to_string()));
    let table = stdout_of(&["find", "ac-2"]);
    assert!(
        table.contains("╯\nsee `srm control ac-2`: Account Management (ac-2)\n"),
        "{table}"
    );
    // With words too, the row both find comes first.
    assert_eq!(found(&["ac-2", "mfa"])[0], "accounts");
    // A control no row bears on still points somewhere, so the search found something.
    let out = srm()
        .args(["find", "ps-3"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "see `srm control ps-3`: Personnel Screening (ps-3)\n"
    );
}
