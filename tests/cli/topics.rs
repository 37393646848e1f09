//! `srm find` for the topics people ask about: each leads to the rows genuinely about it,
//! plurals find their singulars, and the words of a question (`who`, `the`) are passed over.

use serde_json::Value;

use crate::{json_of, srm};

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
