//! `srm find` for the topics people ask about: each leads to the rows genuinely about it.

use serde_json::Value;

use crate::json_of;

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
