//! srm's limits, each in proportion to the catalogue: an answer is never larger than 16 MiB and
//! four times the file, a table cell never longer than 2,000 characters, memory never more than
//! a small multiple of the file, and a control named twice in one row is refused before any
//! answer repeats it.
//!
//! As in `hostile.rs`, no test here reads the clock. Memory is held by a data-size cap
//! (`ulimit -d`, which counts the heap) measured against what a tiny catalogue needs on this
//! machine, never by timing.

use std::fmt::Write as _;
use std::process::Output;

use serde_json::Value;

use crate::shapes::{HEAD, code_of, file, placed, run};

/// The suffix of a table cell cut at 2,000 characters.
const CUT: &str = "more characters; --json shows them";

/// The one line srm prints when the lists hold more items than the file's size allows.
const ITEM_BUDGET: &str = "more list items than a catalogue of this size may hold (one per 32 bytes of the file, all lists together, counting what aliases replay); shorten the lists";

// 1. The answer's size is counted before any of it is written.

/// 1,000 models and one layer whose name is 100 KB long (a file of about 130 KB): an answer
/// that copies the name into each of the 1,000 cells would be 100 MB.
fn a_long_name_under_a_thousand_models(dir: &tempfile::TempDir) -> (String, String, u64) {
    let mut text = String::from("sources: [{id: s, title: S}]\nmodels:\n");
    for i in 1..=1000 {
        writeln!(text, "  - {{id: m{i}, name: M{i}}}").unwrap();
    }
    let name = "N".repeat(100_000);
    write!(
        text,
        "layers:\n  - id: l\n    name: {name}\n    source: s\n    owners:\n"
    )
    .unwrap();
    for i in 1..=1000 {
        writeln!(text, "      m{i}: customer").unwrap();
    }
    let path = file(dir, "long-name.yaml", &text);
    (path, name, text.len() as u64)
}

/// A table cuts every cell, so the same answer as a table is printed, and holds the name cut in
/// each of its thousand rows rather than whole.
#[test]
fn the_same_answer_as_a_table_is_printed_with_its_cells_cut() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, _) = a_long_name_under_a_thousand_models(&dir);
    let (code, stdout, stderr) = run(&["--catalog", &path, "who"]);
    let stdout = String::from_utf8(stdout).unwrap();
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout.matches("more characters; --json shows them").count(),
        1000
    );
    assert!(stdout.len() < 4_000_000, "{} bytes", stdout.len());
}

#[test]
fn an_answer_larger_than_the_limit_is_refused_before_any_is_printed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _, size) = a_long_name_under_a_thousand_models(&dir);
    assert!((100_000..200_000).contains(&size), "{size}");
    for command in [
        &["who", "--json"][..],
        &["who", "--format", "csv"],
        &["who", "--format", "yaml"],
        &["who", "--format", "markdown"],
    ] {
        let args: Vec<&str> = ["--catalog", &path]
            .iter()
            .copied()
            .chain(command.iter().copied())
            .collect();
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 1, "{command:?}: {stderr}");
        assert!(
            stdout.is_empty(),
            "{command:?} printed {} bytes",
            stdout.len()
        );
        assert_eq!(stderr.lines().count(), 1, "{command:?}: {stderr}");
        let rest = stderr
            .strip_prefix("error: the answer would be larger than ")
            .unwrap_or_else(|| panic!("{command:?}: {stderr}"));
        let (mib, rest) = rest.split_once(' ').unwrap();
        let mib: u64 = mib
            .parse()
            .unwrap_or_else(|_| panic!("{command:?}: no number of MiB in {stderr}"));
        assert!(mib >= 16, "{command:?}: {stderr}");
        assert!(
            rest.starts_with("MiB, srm's limit for a catalogue of this size"),
            "{command:?}: {stderr}"
        );
    }
}

#[test]
fn matrices_name_each_row_once_and_stay_in_proportion_to_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let (path, name, size) = a_long_name_under_a_thousand_models(&dir);
    for format in ["html", "svg"] {
        let (code, stdout, stderr) = run(&["--catalog", &path, "matrix", "--format", format]);
        assert_eq!(code, 0, "matrix --format {format}: {stderr}");
        assert!(
            !stdout.is_empty(),
            "matrix --format {format} printed nothing"
        );
        if format == "html" {
            // The old HTML repeated the row's name in each of its 1,000 cells: 100 MB.
            assert!(
                (stdout.len() as u64) < 3 * size,
                "matrix --format html: {} bytes for a file of {size}",
                stdout.len()
            );
        }
    }
    let (code, stdout, stderr) = run(&["--catalog", &path, "matrix", "--json"]);
    assert_eq!(code, 0, "matrix --json: {stderr}");
    let doc: Value = serde_json::from_slice(&stdout).expect("matrix --json prints JSON");
    assert!(doc.to_string().contains(&name));
}

#[test]
fn an_answer_under_the_limit_still_prints() {
    let dir = tempfile::tempdir().unwrap();
    let (path, name, _) = a_long_name_under_a_thousand_models(&dir);
    let (code, stdout, stderr) = run(&[
        "--catalog",
        &path,
        "who",
        "--layer",
        "l",
        "--model",
        "m1",
        "--json",
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let doc: Value = serde_json::from_slice(&stdout).expect("who --json prints JSON");
    let text = doc.to_string();
    assert!(text.contains(&name), "the layer's name is in the answer");
    assert!(
        text.contains("customer"),
        "{}",
        &text[..text.len().min(400)]
    );
}

// 2. Table cells are cut at 2,000 characters, so a table's layout stays linear.

/// One row whose note (under model `a`) and description are a megabyte each; `find x` finds
/// the row by its note.
fn a_megabyte_note_and_description(dir: &tempfile::TempDir) -> (String, String, String) {
    let note = "x ".repeat(500_000).trim_end().to_string();
    let description = "d ".repeat(500_000).trim_end().to_string();
    let text = format!(
        "{HEAD}  - id: l\n    name: L\n    description: {description}\n    owners: {{a: customer, b: provider}}\n    notes: {{a: {note}}}\n    source: s\n"
    );
    (file(dir, "long-note.yaml", &text), note, description)
}

fn has_script() -> bool {
    std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|out| out.status.success())
}

/// Runs `srm --catalog PATH ARGS` on a pseudo-terminal 80 columns wide (util-linux `script`,
/// whose `-e` passes srm's exit code on), in `dir`.
fn on_a_terminal(dir: &tempfile::TempDir, path: &str, args: &str) -> (i32, Vec<u8>) {
    let out = assert_cmd::Command::new("script")
        .current_dir(dir.path())
        .args([
            "-qec",
            &format!(
                "stty cols 80; {} --catalog '{path}' {args}",
                env!("CARGO_BIN_EXE_srm")
            ),
            "/dev/null",
        ])
        .env("NO_COLOR", "1")
        .env_remove("SRM_CATALOG")
        .env_remove("COLUMNS")
        .output()
        .expect("script runs");
    let code = code_of(&out, args);
    (code, out.stdout)
}

#[test]
fn megabyte_cells_on_an_80_column_terminal_are_cut_and_laid_out_in_linear_time() {
    if !has_script() {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.yaml");
    let (code, _) = on_a_terminal(&dir, missing.to_str().unwrap(), "who");
    assert_eq!(code, 1, "script -e does not pass srm's exit code on");
    let (path, _, description) = a_megabyte_note_and_description(&dir);
    // (command, whether it shows the note in a table cell)
    for (args, shows_the_note) in [
        ("who", true),
        ("explain l", true),
        ("checklist a", true),
        ("matrix", false),
        ("layers", false),
        ("find x", false),
    ] {
        let (code, stdout) = on_a_terminal(&dir, &path, args);
        let text = String::from_utf8_lossy(&stdout);
        assert_eq!(code, 0, "{args}: {}", &text[..text.len().min(400)]);
        if !shows_the_note {
            assert!(stdout.len() < 100_000, "{args}: {} bytes", stdout.len());
            continue;
        }
        assert!(text.contains(CUT), "{args}: no cell was cut");
        // `explain` prints the description whole, as a paragraph above its table (not in a
        // cell): what it prints besides that paragraph is bounded like the others.
        let rest = if args.starts_with("explain") {
            assert!(
                text.contains(&description),
                "explain: the description is not whole"
            );
            text.replacen(&description, "", 1)
        } else {
            text.into_owned()
        };
        assert!(rest.len() < 100_000, "{args}: {} bytes", rest.len());
    }
}

#[test]
fn a_piped_table_cuts_a_megabyte_note_and_json_keeps_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let (path, note, _) = a_megabyte_note_and_description(&dir);
    let (code, stdout, stderr) = run(&["--catalog", &path, "who", "--layer", "l"]);
    assert_eq!(code, 0, "{stderr}");
    let table = String::from_utf8(stdout).unwrap();
    assert!(table.contains(CUT), "{}", &table[..table.len().min(400)]);
    assert!(table.len() < 100_000, "{} bytes", table.len());
    let (code, stdout, stderr) = run(&["--catalog", &path, "who", "--layer", "l", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    let doc: Value = serde_json::from_slice(&stdout).expect("who --json prints JSON");
    assert!(
        doc.to_string().contains(&note),
        "--json shows the note whole"
    );
}

// 3. Memory stays in proportion to the file.

/// Runs `srm ARGS` in a directory of its own with its data size (heap included) capped at `kb`.
fn under_data_limit(kb: u64, args: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    assert_cmd::Command::new("bash")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!("ulimit -d {kb}; exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_srm"))
        .args(args)
        .env_remove("SRM_CATALOG")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("bash runs")
}

/// The smallest of a few data-size caps (in KB) under which srm answers for a tiny catalogue.
fn base_kb() -> u64 {
    let dir = tempfile::tempdir().unwrap();
    let tiny = file(
        &dir,
        "tiny.yaml",
        &format!("{HEAD}  - {{id: l, name: L, owners: {{a: customer, b: provider}}, source: s}}\n"),
    );
    for kb in [16_384, 32_768, 65_536, 131_072] {
        let out = under_data_limit(kb, &["--catalog", &tiny, "who"]);
        if out.status.success() {
            return kb;
        }
    }
    panic!("srm does not answer for a tiny catalogue even with 128 MiB of data");
}

/// The cap for a file of `size` bytes: what a tiny catalogue needs, and three times the file.
fn cap_for(size: usize) -> u64 {
    base_kb() + 3 * (size as u64).div_ceil(1024)
}

#[test]
fn eight_mebibytes_of_one_letter_keywords_are_refused_within_three_times_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!(
        "{HEAD}  - {{id: l, name: L, owners: {{a: customer, b: customer}}, source: s, keywords: [k"
    );
    // Just past 8 MiB: a file read into a buffer that doubles as it grows would take twice
    // its size there; srm sizes the buffer from the file.
    while text.len() < 8 * 1024 * 1024 + 16 {
        text.push_str(", k");
    }
    text.push_str("]}\n");
    let path = file(&dir, "keywords.yaml", &text);
    let out = under_data_limit(cap_for(text.len()), &["--catalog", &path, "who"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code_of(&out, "keywords"), 1, "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(placed(&stderr, &path), "{stderr}");
    assert!(stderr.trim_end().ends_with(ITEM_BUDGET), "{stderr}");
}

#[test]
fn twenty_megabytes_of_blank_lines_are_refused_within_three_times_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = "\n".repeat(20 * 1024 * 1024);
    text.push_str("x: 1\n");
    let path = file(&dir, "blank.yaml", &text);
    let out = under_data_limit(cap_for(text.len()), &["--catalog", &path, "who"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(code_of(&out, "blank lines"), 1, "{stderr}");
    assert!(out.stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("not an srm catalogue") || stderr.contains("unknown"),
        "{stderr}"
    );
}

#[test]
fn three_hundred_thousand_undeclared_sources_are_counted_within_three_times_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let ids: Vec<String> = (0..300_000).map(|i| format!("{:z<30}{i:06}", "")).collect();
    let text = format!(
        "{HEAD}  - {{id: l, name: L, owners: {{a: customer, b: customer}}, source: s, see_also: [{}]}}\n",
        ids.join(", ")
    );
    // Within the item budget: one item per 32 bytes of the file.
    assert!(300_000 * 32 < text.len());
    let path = file(&dir, "see-also.yaml", &text);
    let out = under_data_limit(
        cap_for(text.len()),
        &["--catalog", &path, "catalog", "validate"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        code_of(&out, "see_also"),
        1,
        "{}",
        &stderr[..stderr.len().min(2000)]
    );
    assert!(out.stdout.is_empty());
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 102, "{}", &stderr[..stderr.len().min(2000)]);
    assert!(lines[0].contains("zzzzzzzzzzzzzz000000"), "{}", lines[0]);
    assert!(lines[99].contains("zzzzzzzzzzzzzz000099"), "{}", lines[99]);
    assert!(lines[100].contains("… and 299900 more"), "{}", lines[100]);
    assert!(
        lines[101].starts_with("error: 300000 problems in"),
        "{}",
        lines[101]
    );
}

// 4. A control named twice in one row is refused, with its place.

fn controls_row(ids: &str, why: &str) -> String {
    format!(
        "{HEAD}  - {{id: l, name: L, owners: {{a: customer, b: customer}}, source: s, controls: [{{ids: [{ids}], why: {why}}}]}}\n"
    )
}

const NAMED_TWICE: &str =
    "layer 'l' names control 'ac-2' more than once in `controls`; name each control once per row";

#[test]
fn a_control_named_twice_in_a_row_is_refused_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(&dir, "twice.yaml", &controls_row("ac-2, ac-2", "w"));
    for command in [&["matrix"][..], &["control", "ac-2"]] {
        let args: Vec<&str> = ["--catalog", &path]
            .iter()
            .copied()
            .chain(command.iter().copied())
            .collect();
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 1, "{command:?}: {stderr}");
        assert!(stdout.is_empty(), "{command:?}");
        assert_eq!(stderr.lines().count(), 1, "{command:?}: {stderr}");
        assert!(placed(&stderr, &path), "{command:?}: {stderr}");
        assert!(
            stderr.trim_end().ends_with(NAMED_TWICE),
            "{command:?}: {stderr}"
        );
    }
}

#[test]
fn a_control_named_twenty_thousand_times_is_refused_without_listing_the_row() {
    let dir = tempfile::tempdir().unwrap();
    let ids = vec!["ac-2"; 20_000].join(", ");
    // With a 100 KB reason the file is too small for 20,000 items: the item budget refuses it.
    // With a 800 KB reason the items fit, and the repeats are refused as such.
    for (why_len, expected) in [(100_000, ITEM_BUDGET), (800_000, NAMED_TWICE)] {
        let why = "w".repeat(why_len);
        let path = file(
            &dir,
            &format!("repeats-{why_len}.yaml"),
            &controls_row(&ids, &why),
        );
        let (code, stdout, stderr) = run(&["--catalog", &path, "control", "ac-2"]);
        assert_eq!(code, 1, "{why_len}: {}", &stderr[..stderr.len().min(400)]);
        assert!(
            stdout.is_empty(),
            "{why_len}: {} bytes on stdout",
            stdout.len()
        );
        assert!(
            stderr.len() < 1_000,
            "{why_len}: {} bytes on stderr",
            stderr.len()
        );
        let first = stderr.lines().next().unwrap_or_default();
        assert!(placed(first, &path), "{why_len}: {stderr}");
        assert!(first.ends_with(expected), "{why_len}: {stderr}");
    }
}
