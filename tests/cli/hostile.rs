//! Hostile catalogues and arguments, generated at small sizes: each shape that once hung srm,
//! blew up its memory or took quadratic time must end, either with exit 1 and one line naming
//! the limit and where, or with a correct answer where the file is valid.
//!
//! No test here reads the clock: the machine's speed decides nothing. Each test holds what the
//! answer must be for its shape; the same shapes at full size are timed by `bench/hostile.py`.

use std::fmt::Write as _;

use predicates::prelude::*;

use crate::shapes::{HEAD, file};
use crate::srm;

/// Exit 1, nothing on stdout, one line on stderr that contains `message` (with its place).
fn refused(path: &str, message: &str) {
    let out = srm()
        .args(["--catalog", path, "matrix"])
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(message))
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with(&format!("error: {path}:")), "{stderr}");
}

#[test]
fn deep_flow_nesting_is_refused_however_it_is_disguised() {
    let dir = tempfile::tempdir().unwrap();
    let deep = "[".repeat(100_000);
    for (name, text) in [
        ("bom.yaml", format!("\u{feff}{deep}")),
        ("document-start.yaml", format!("--- {{layers: {deep}")),
        ("cr-only.yaml", format!("sources: []\rlayers:\r  - {deep}")),
        ("crlf.yaml", format!("sources: []\r\nlayers:\r\n  - {deep}")),
        ("maps.yaml", format!("layers: [{}", "{a: ".repeat(50_000))),
    ] {
        refused(&file(&dir, name, &text), "nested more than 32 levels deep");
    }
    // U+2028 and NEL are not line breaks in YAML 1.2: they leave the key unknown, at once.
    for (name, sep) in [("ls.yaml", "\u{2028}"), ("nel.yaml", "\u{85}")] {
        let path = file(&dir, name, &format!("sources: []{sep}layers: {deep}"));
        srm()
            .args(["--catalog", &path, "matrix"])
            .assert()
            .code(1)
            .stdout("");
    }
}

#[test]
fn question_mark_keys_nested_without_end_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir, "q.yaml", &format!("{}x\n", "? ".repeat(1_000_000)));
    refused(&path, ":1:65: nested more than 32 levels deep");
}

#[test]
fn one_anchor_replayed_without_end_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let list: Vec<String> = (0..1000).map(|i| format!("item number {i}")).collect();
    let mut text = format!(
        "{HEAD}  - {{id: l0, name: L, owners: {{a: customer, b: customer}}, source: s, duties: {{customer: &d [{}]}}}}\n",
        list.join(", ")
    );
    for i in 1..2000 {
        writeln!(
            text,
            "  - {{id: l{i}, name: L, owners: {{a: customer, b: customer}}, source: s, duties: {{customer: *d}}}}"
        )
        .unwrap();
    }
    refused(
        &file(&dir, "flat.yaml", &text),
        "more list items than a catalogue of this size may hold (one per 32 bytes of the file, all lists together, counting what aliases replay)",
    );
}

#[test]
fn ordinary_anchor_reuse_and_a_bom_before_the_document_start_load() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!("\u{feff}---\n{HEAD}");
    for i in 0..500 {
        let owners = if i == 0 {
            "&o {a: customer, b: provider}"
        } else {
            "*o"
        };
        writeln!(
            text,
            "  - {{id: l{i}, name: L{i}, owners: {owners}, source: s}}"
        )
        .unwrap();
    }
    let path = file(&dir, "anchors.yaml", &text);
    srm()
        .args(["--catalog", &path, "who", "--layer", "l499", "--model", "b"])
        .assert()
        .success()
        .stdout(predicate::str::contains("┆ provider ┆"));
}

#[test]
fn a_layer_with_many_duties_answers_in_linear_time() {
    let dir = tempfile::tempdir().unwrap();
    let mut duties = String::new();
    for i in 0..20_000 {
        writeln!(
            duties,
            "      - duty number {i} of this layer, written out at length"
        )
        .unwrap();
    }
    let text = format!(
        "{HEAD}  - id: l\n    name: L\n    owners: {{a: customer, b: shared}}\n    source: s\n    duties:\n      customer:\n{duties}      provider:\n{duties}"
    );
    let path = file(&dir, "duties.yaml", &text);
    for command in [
        &["who", "--layer", "l", "--json"][..],
        &["explain", "l", "--json"],
    ] {
        let out = srm()
            .args(["--catalog", &path])
            .args(command)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let doc: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert!(doc.to_string().contains("duty number 19999 of this layer"));
    }
}

#[test]
fn did_you_mean_stays_fast_for_a_huge_argument_and_long_aliases() {
    let dir = tempfile::tempdir().unwrap();
    let aliases: Vec<String> = (0..300)
        .map(|i| format!("{:q<1000}", format!("a{i}")))
        .collect();
    let text = format!(
        "{HEAD}  - {{id: l0, name: L, aliases: [{}], owners: {{a: customer, b: customer}}, source: s}}\n",
        aliases.join(", ")
    );
    let path = file(&dir, "aliases.yaml", &text);
    let given = format!("a1{}", "q".repeat(10_000));
    let out = srm()
        .args(["--catalog", &path, "who", "--layer", &given])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.len() < 400, "{stderr}");
    assert!(stderr.contains("unknown layer 'a1qqq"), "{stderr}");
}

#[test]
fn thousands_of_problems_are_counted_and_the_first_hundred_placed() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = HEAD.to_string();
    for i in 0..5_000 {
        writeln!(
            text,
            "  - {{id: l{i}, name: L, owners: {{a: depends, b: customer}}, source: s}}"
        )
        .unwrap();
    }
    let path = file(&dir, "problems.yaml", &text);
    let out = srm()
        .args(["catalog", "validate", &path])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 102, "{stderr}");
    assert_eq!(
        lines[99],
        format!(
            "{path}:103:10: layer 'l99' is `depends` under 'a' but has no note saying on what; add notes: {{a: ...}}"
        )
    );
    assert!(
        lines[100].contains("… and 4900 more problems, not listed"),
        "{stderr}"
    );
    assert_eq!(lines[101], format!("error: 5000 problems in {path}"));
}

/// `see_also`, `keywords`, aliases, control ids and owners' models, each repeated a hundred
/// thousand times: what is kept and printed stays a hundred problems, whatever the file holds.
#[test]
fn a_million_bad_items_keep_a_hundred_problems() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let many = |item: &str| vec![item; n].join(", ");
    for (name, row, problems) in [
        // Items long enough for the file's item budget (one per 32 bytes).
        (
            "see-also",
            format!("see_also: [{}]", many("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")),
            n,
        ),
        // The first names the control; each repeat is one problem.
        (
            "controls",
            format!(
                "controls: [{{ids: [{}], why: w}}]",
                many("ac-2                            ")
            ),
            n - 1,
        ),
        (
            "owners",
            format!(
                "owners: {{a: customer, b: customer, {}}}",
                (0..n)
                    .map(|i| format!("m{i}: customer"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            n,
        ),
    ] {
        let owners = if name == "owners" {
            String::new()
        } else {
            "owners: {a: customer, b: customer}, ".to_string()
        };
        let text = format!("{HEAD}  - {{id: l, name: L, {owners}source: s, {row}}}\n");
        let path = file(&dir, &format!("{name}.yaml"), &text);
        let out = srm()
            .args(["catalog", "validate", &path])
            .assert()
            .code(1)
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 102, "{name}: {}", &stderr[..300]);
        assert!(stderr.len() < 100 * 400, "{name}: {} bytes", stderr.len());
        assert!(
            stderr.ends_with(&format!("error: {problems} problems in {path}\n")),
            "{name}: {}",
            &stderr[stderr.len().saturating_sub(300)..]
        );
    }
}

#[test]
fn many_models_are_found_by_map_not_by_search() {
    let dir = tempfile::tempdir().unwrap();
    let n = 6_000;
    let mut text = String::from("sources: [{id: s, title: S}]\nmodels:\n");
    for i in 0..n {
        writeln!(text, "  - {{id: m{i}, name: M{i}}}").unwrap();
    }
    let owners: Vec<String> = (0..n).map(|i| format!("m{i}: customer")).collect();
    text.push_str("layers:\n");
    for j in 0..4 {
        writeln!(
            text,
            "  - {{id: l{j}, name: L, owners: {{{}}}, source: s}}",
            owners.join(", ")
        )
        .unwrap();
    }
    let path = file(&dir, "models.yaml", &text);
    srm()
        .args(["catalog", "validate", &path])
        .assert()
        .success()
        .stdout(format!("ok: 4 layers, {n} models, 4 rows, 1 source\n"));
}

#[test]
fn a_message_about_thousands_of_long_ids_stays_short() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("sources: [{id: s, title: S}]\nmodels:\n");
    for i in 0..1000 {
        writeln!(text, "  - {{id: {:x<1000}, name: M}}", format!("m{i}")).unwrap();
    }
    text.push_str("layers:\n");
    for j in 0..200 {
        writeln!(text, "  - {{id: l{j}, name: L, owners: {{}}, source: s}}").unwrap();
    }
    let path = file(&dir, "long.yaml", &text);
    let out = srm()
        .args(["--catalog", &path, "matrix"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(stderr.len() < 1500, "{} bytes: {stderr}", stderr.len());
    assert!(stderr.contains("' and 990 more; every row needs one per model"));
}

#[test]
fn flow_style_rows_are_placed_too() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEAD}  - {{id: l0, name: L, owners: {{a: customer, b: customer}}, source: s}}\n  - {{id: l0, name: L, owners: {{a: customer, b: customer}}, source: s}}\n"
    );
    refused(
        &file(&dir, "flow.yaml", &text),
        ":5:10: duplicate id 'l0': layer 'l0' already uses it",
    );
}
