//! The OSCAL export for catalogues of one's own: catalogue text in its Markdown fields is
//! escaped, its UUIDs are the catalogue's own, and `last-modified` is the catalogue's date.

use std::path::Path;

use serde_json::{Value, json};

use crate::srm;

const HOSTILE_NAME: &str = "[login](javascript:alert(1)) <img src=x onerror=alert(1)>";

/// A small catalogue whose rows bear on AC-2, with `name` for the model and `text` for every
/// other text field.
fn catalogue(name: &str, text: &str) -> Value {
    let row = |id: &str, owners: Value| {
        json!({
            "id": id,
            "name": text,
            "owners": owners,
            "notes": { "iaas": text, "saas": text },
            "duties": { "customer": [text], "provider": [text] },
            "source": "src",
            "controls": [{ "ids": ["ac-2", "ia-2"], "why": text }],
        })
    };
    json!({
        "sources": [{ "id": "src", "title": text, "url": "https://example.org/source" }],
        "models": [
            { "id": "iaas", "name": name, "description": text },
            { "id": "saas", "name": "SaaS" },
        ],
        "layers": [
            row("os", json!({ "iaas": "depends", "saas": "provider" })),
            row("app", json!({ "iaas": "customer", "saas": "shared" })),
        ],
    })
}

fn export(dir: &Path, catalog: Option<&Path>, model: &str) -> String {
    let mut cmd = srm();
    cmd.current_dir(dir);
    if let Some(catalog) = catalog {
        cmd.arg("--catalog").arg(catalog);
    }
    let out = cmd
        .args(["export", "oscal", "--model", model])
        .args(["--baseline", "fedramp-moderate"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8 output")
}

fn write(dir: &Path, name: &str, doc: &Value) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, doc.to_string()).unwrap();
    path
}

/// Every `title`, `description` and `remarks` of the document: OSCAL's Markdown fields.
fn markup<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::Object(map) => {
            for (key, value) in map {
                match (key.as_str(), value) {
                    ("title" | "description" | "remarks", Value::String(s)) => out.push(s),
                    _ => markup(value, out),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|v| markup(v, out)),
        _ => {}
    }
}

fn uuids(doc: &str) -> Vec<String> {
    doc.match_indices("\"uuid\": \"")
        .map(|(i, _)| doc[i + 9..i + 45].to_string())
        .collect()
}

fn last_modified(doc: &str) -> String {
    let doc: Value = serde_json::from_str(doc).unwrap();
    doc["component-definition"]["metadata"]["last-modified"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Markdown fields read by a GFM renderer (comrak) make no link, image or raw HTML from a model
/// name, row names, duties or notes.
#[test]
fn catalogue_text_in_oscal_markup_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    for text in [
        HOSTILE_NAME,
        "see www.evil.example or victim@evil.example",
        "    code block",
        "  1. nested",
    ] {
        let path = write(dir.path(), "c.json", &catalogue(HOSTILE_NAME, text));
        let out = export(dir.path(), Some(&path), "iaas");
        let doc: Value = serde_json::from_str(&out).unwrap();
        let mut fields = Vec::new();
        markup(&doc, &mut fields);
        let title = doc["component-definition"]["metadata"]["title"]
            .as_str()
            .unwrap();
        assert!(
            title.contains(r"\[login\](javascript\:alert(1)) \<img src=x onerror=alert(1)\>"),
            "{title}"
        );
        assert!(fields.len() > 5, "{fields:?}");
        let mut options = comrak::Options::default();
        options.extension.autolink = true;
        options.extension.table = true;
        options.extension.strikethrough = true;
        for field in fields {
            let html = comrak::markdown_to_html(field, &options);
            for bad in ["<a ", "<img", "raw HTML omitted", "<pre", "<ol", "<ul"] {
                assert!(!html.contains(bad), "{text:?}: {bad} in {field:?}\n{html}");
            }
        }
    }
}

#[test]
fn a_catalogue_of_ones_own_has_uuids_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let embedded = uuids(&export(dir.path(), None, "iaas"));
    assert!(embedded.len() > 300);
    assert_eq!(embedded, uuids(&export(dir.path(), None, "iaas")));
    // The embedded catalogue as a file of one's own, then that file edited.
    let show = srm()
        .current_dir(dir.path())
        .args(["catalog", "show"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let copy = dir.path().join("copy.yaml");
    std::fs::write(&copy, &show).unwrap();
    let edited = dir.path().join("edited.yaml");
    std::fs::write(&edited, [&show[..], b"# one more line\n"].concat()).unwrap();
    let from_copy = uuids(&export(dir.path(), Some(&copy), "iaas"));
    let from_edited = uuids(&export(dir.path(), Some(&edited), "iaas"));
    assert_eq!(from_copy.len(), embedded.len());
    assert_eq!(from_copy, uuids(&export(dir.path(), Some(&copy), "iaas")));
    for uuid in &from_copy {
        assert!(!embedded.contains(uuid), "{uuid} is the embedded one's");
        assert!(!from_edited.contains(uuid), "{uuid} is the edited copy's");
        assert_eq!(&uuid[14..15], "5", "{uuid}");
    }
}

#[test]
fn last_modified_is_the_catalogues_date() {
    let dir = tempfile::tempdir().unwrap();
    // The embedded catalogue: its `date`.
    let data = include_str!("../../data/catalog.yaml");
    let date = data
        .lines()
        .find_map(|l| l.strip_prefix("date: "))
        .expect("data/catalog.yaml has a date");
    assert_eq!(
        last_modified(&export(dir.path(), None, "paas")),
        format!("{date}T00:00:00+00:00")
    );
    // A catalogue's own `date`.
    let mut doc = catalogue("IaaS", "Text");
    doc["date"] = json!("2024-02-29");
    let path = write(dir.path(), "dated.json", &doc);
    assert_eq!(
        last_modified(&export(dir.path(), Some(&path), "iaas")),
        "2024-02-29T00:00:00+00:00"
    );
    // No `date`: the file's modification time.
    let path = write(dir.path(), "undated.json", &catalogue("IaaS", "Text"));
    // 1,700,000,000 seconds after 1970, set by touch(1).
    let touched = std::process::Command::new("touch")
        .arg("-d")
        .arg("@1700000000")
        .arg(&path)
        .status()
        .unwrap();
    assert!(touched.success());
    assert_eq!(
        last_modified(&export(dir.path(), Some(&path), "iaas")),
        "2023-11-14T22:13:20+00:00"
    );
}

#[test]
fn a_date_must_be_a_real_calendar_date() {
    let dir = tempfile::tempdir().unwrap();
    for bad in [
        "2025-02-29",
        "2025-13-01",
        "23-11-2026",
        "2026-11-23T00:00:00",
        "soon",
    ] {
        let mut doc = catalogue("IaaS", "Text");
        doc["date"] = json!(bad);
        let path = write(dir.path(), "c.json", &doc);
        srm()
            .current_dir(dir.path())
            .args(["catalog", "validate"])
            .arg(&path)
            .assert()
            .code(1)
            .stderr(predicates::str::contains(format!(
                "`date` is \"{bad}\", which is not a date written YYYY-MM-DD"
            )));
    }
    // In YAML, a date is written bare.
    let path = dir.path().join("c.yaml");
    std::fs::write(
        &path,
        "date: 2026-01-31\nsources: [{id: src, title: S}]\nmodels: [{id: iaas, name: IaaS}]\n\
         layers: [{id: os, name: OS, owners: {iaas: customer}, source: src}]\n",
    )
    .unwrap();
    assert_eq!(
        last_modified(&export(dir.path(), Some(&path), "iaas")),
        "2026-01-31T00:00:00+00:00"
    );
}
