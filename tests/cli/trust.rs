//! What a catalogue or an argument says never costs more than its size, never forges a line in
//! a message, never reaches the terminal raw, and never passes for something it is not: each
//! test below holds one promise against the shape that once broke it, generated here at a
//! small size.
//!
//! As in `hostile.rs`, no test here reads the clock: each holds the answer its shape must get,
//! and `bench/hostile.py` times the shapes at full size.

use std::fmt::Write as _;

use serde_json::Value;

use crate::shapes::{HEAD, file, placed, run};

/// One valid row for [`HEAD`].
const ROW: &str = "  - {id: l0, name: L, owners: {a: customer, b: customer}, source: s}\n";

/// Line and column (1-based, in characters; the text here is ASCII) of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = offset - before.rfind('\n').map_or(0, |n| n + 1) + 1;
    (line, col)
}

// Item 5: validation once cost models × rows.

#[test]
fn rows_with_no_owners_under_twenty_thousand_models_are_one_short_problem_each() {
    let dir = tempfile::tempdir().unwrap();
    let n = 20_000;
    let mut text = String::from("sources: [{id: s, title: S}]\nmodels:\n");
    for i in 0..n {
        writeln!(text, "  - {{id: m{i}, name: M{i}}}").unwrap();
    }
    text.push_str("layers:\n");
    for j in 0..n {
        writeln!(text, "  - {{id: l{j}, name: L, owners: {{}}, source: s}}").unwrap();
    }
    assert!(text.len() > 1_400_000, "{} bytes", text.len());
    let path = file(&dir, "no-owners.yaml", &text);
    let (code, stdout, stderr) = run(&["catalog", "validate", &path]);
    assert_eq!(code, 1, "{}", &stderr[..stderr.len().min(500)]);
    assert!(stdout.is_empty());
    let lines: Vec<&str> = stderr.lines().collect();
    assert!(lines.len() <= 102, "{} lines", lines.len());
    assert!(lines[0].starts_with(&format!("{path}:")), "{}", lines[0]);
    assert!(
        lines[0].contains("layer 'l0' has no owner for models 'm0', 'm1', "),
        "{}",
        lines[0]
    );
    assert!(lines[0].contains("and 19990 more"), "{}", lines[0]);
    assert!(
        lines[0].len() < 400,
        "{} bytes: {}",
        lines[0].len(),
        lines[0]
    );
    assert_eq!(
        lines.last().copied(),
        Some(format!("error: {n} problems in {path}").as_str())
    );
}

#[test]
fn three_thousand_models_named_by_every_one_of_two_hundred_rows_validate() {
    let dir = tempfile::tempdir().unwrap();
    let (models, rows) = (3_000, 200);
    // JSON, which parses fast even in a debug build: the cost under test is validation's.
    let mut text =
        String::from("{\"sources\": [{\"id\": \"s\", \"title\": \"S\"}],\n\"models\": [\n");
    for i in 0..models {
        let comma = if i + 1 < models { "," } else { "" };
        writeln!(text, "  {{\"id\": \"m{i}\", \"name\": \"M{i}\"}}{comma}").unwrap();
    }
    let owners: Vec<String> = (0..models)
        .map(|i| format!("\"m{i}\": \"customer\""))
        .collect();
    let owners = owners.join(", ");
    text.push_str("],\n\"layers\": [\n");
    for j in 0..rows {
        let comma = if j + 1 < rows { "," } else { "" };
        writeln!(
            text,
            "  {{\"id\": \"l{j}\", \"name\": \"L\", \"owners\": {{{owners}}}, \"source\": \"s\"}}{comma}"
        )
        .unwrap();
    }
    text.push_str("]}\n");
    let path = file(&dir, "wide.json", &text);
    let (code, stdout, stderr) = run(&["catalog", "validate", &path]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        String::from_utf8(stdout).unwrap(),
        format!("ok: {rows} layers, {models} models, {rows} rows, 1 source\n")
    );
}

// Item 6: find once cost rows × words, and echoed the whole query.

#[test]
fn find_refuses_more_than_32_distinct_words_in_one_short_line() {
    let words: Vec<String> = (0..20_000).map(|i| format!("w{i}")).collect();
    let mut args = vec!["find"];
    args.extend(words.iter().map(String::as_str));
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 2, "{}", &stderr[..stderr.len().min(500)]);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr.lines().count(),
        1,
        "{}",
        &stderr[..stderr.len().min(500)]
    );
    assert!(stderr.len() < 300, "{} bytes", stderr.len());
    assert!(stderr.contains("at most 32"), "{stderr}");
}

#[test]
fn find_takes_32_words_repeated_600_times_each_as_the_32() {
    let mut distinct: Vec<String> = ["patch", "mfa", "firewall", "backup"]
        .map(String::from)
        .to_vec();
    distinct.extend((4..32).map(|i| format!("nosuchword{i}")));
    let repeated: Vec<&str> = (0..600)
        .flat_map(|_| distinct.iter().map(String::as_str))
        .collect();
    let once: Vec<&str> = distinct.iter().map(String::as_str).collect();
    let outputs: Vec<Vec<u8>> = [&repeated, &once]
        .into_iter()
        .map(|words| {
            let mut args = vec!["find", "--json"];
            args.extend(words.iter().copied());
            let (code, stdout, stderr) = run(&args);
            assert_eq!(code, 0, "{} words: {stderr}", words.len());
            assert!(stderr.is_empty(), "{stderr}");
            stdout
        })
        .collect();
    let doc: Value = serde_json::from_slice(&outputs[0]).unwrap();
    assert_eq!(
        doc["words"].as_array().map(Vec::len),
        Some(32),
        "{}",
        doc["words"]
    );
    assert!(!doc["rows"].as_array().unwrap().is_empty());
    assert_eq!(
        String::from_utf8_lossy(&outputs[0]),
        String::from_utf8_lossy(&outputs[1])
    );
    // As a table, the "nothing found" echo of the repeated words stays short too.
    let mut args = vec!["find"];
    args.extend((0..600).flat_map(|_| distinct[4..].iter().map(String::as_str)));
    let (code, stdout, _) = run(&args);
    // Nothing found: exit 1, as grep.
    assert_eq!(code, 1);
    assert!(stdout.len() < 300, "{} bytes", stdout.len());
}

#[test]
fn nothing_found_for_a_megabyte_query_quotes_its_first_64_characters() {
    // One argument may not exceed 128 KiB on Linux: a megabyte is eight words of 125,000.
    let words: Vec<String> = (0..8)
        .map(|i| format!("{i}{}", "x".repeat(124_999)))
        .collect();
    let query = words.join(" ");
    assert!(query.len() >= 1_000_000);
    let mut args = vec!["find"];
    args.extend(words.iter().map(String::as_str));
    let (code, stdout, stderr) = run(&args);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let stdout = String::from_utf8(stdout).unwrap();
    assert!(stdout.len() < 300, "{} bytes", stdout.len());
    assert!(stdout.contains("nothing found for '"), "{stdout}");
    assert!(stdout.contains(&format!("'{}…'", &query[..64])), "{stdout}");
}

// Item 8: a JSON catalogue's problems once were placed by parsing the file again as YAML.

/// A JSON catalogue of `n` rows, laid out unevenly (rows on one line or several, the id first
/// or last, indented by varying amounts) so that no column is a constant; the rows in `bad`
/// cite source `zz`. Returns the text and, for each bad row, its id and the place of the
/// opening quote of its id string.
fn json_catalogue(n: usize, bad: &[usize]) -> (String, Vec<(String, usize, usize)>) {
    let mut text = String::from(
        "{\n  \"sources\": [{\"id\": \"s\", \"title\": \"S\"}],\n  \"models\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}],\n  \"layers\": [\n",
    );
    let mut wanted = Vec::new();
    for i in 0..n {
        let source = if bad.contains(&i) { "zz" } else { "s" };
        let pad = " ".repeat(2 + i % 9);
        let id = format!("l{i}");
        let rest = format!(
            "\"name\": \"Layer {i}\", \"owners\": {{\"a\": \"customer\", \"b\": \"provider\"}}, \"source\": \"{source}\""
        );
        let id_at;
        match i % 3 {
            0 => {
                text.push_str(&pad);
                text.push_str("{\"id\": ");
                id_at = text.len();
                write!(text, "\"{id}\", {rest}}}").unwrap();
            }
            1 => {
                write!(text, "{pad}{{{rest}, \"id\": ").unwrap();
                id_at = text.len();
                write!(text, "\"{id}\"}}").unwrap();
            }
            _ => {
                write!(
                    text,
                    "{pad}{{\n{pad}  {rest},\n{pad}  \"id\":{}",
                    " ".repeat(i % 5)
                )
                .unwrap();
                id_at = text.len();
                write!(text, "\"{id}\"\n{pad}}}").unwrap();
            }
        }
        text.push_str(if i + 1 < n { ",\n" } else { "\n" });
        if bad.contains(&i) {
            let (line, col) = line_col(&text, id_at);
            wanted.push((id, line, col));
        }
    }
    text.push_str("  ]\n}\n");
    (text, wanted)
}

#[test]
fn one_bad_source_deep_in_a_json_catalogue_is_placed_at_its_rows_id() {
    let dir = tempfile::tempdir().unwrap();
    let (text, wanted) = json_catalogue(3_000, &[2_345]);
    serde_json::from_str::<Value>(&text).expect("the generated catalogue is JSON");
    let path = file(&dir, "deep.json", &text);
    let (id, line, col) = &wanted[0];
    let (code, stdout, stderr) = run(&["--catalog", &path, "matrix"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        format!(
            "error: {path}:{line}:{col}: layer '{id}' cites undeclared source 'zz' in `source`; declared sources: 's'\n"
        )
    );
}

#[test]
fn fifty_problems_in_a_json_catalogue_are_each_placed_at_their_rows_id() {
    let dir = tempfile::tempdir().unwrap();
    let bad: Vec<usize> = (0..50).map(|k| 7 + k * 41).collect();
    let (text, wanted) = json_catalogue(2_100, &bad);
    serde_json::from_str::<Value>(&text).expect("the generated catalogue is JSON");
    let path = file(&dir, "fifty.json", &text);
    let (code, _, stderr) = run(&["catalog", "validate", &path]);
    assert_eq!(code, 1);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 51, "{stderr}");
    for ((id, line, col), got) in wanted.iter().zip(&lines) {
        assert_eq!(
            *got,
            format!(
                "{path}:{line}:{col}: layer '{id}' cites undeclared source 'zz' in `source`; declared sources: 's'"
            )
        );
    }
    assert_eq!(lines[50], format!("error: 50 problems in {path}"));
}

#[test]
fn a_json_id_spelt_with_an_escape_still_reports_its_problem() {
    let dir = tempfile::tempdir().unwrap();
    let text = "{\"sources\": [{\"id\": \"s\", \"title\": \"S\"}], \"models\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}],\n \"layers\": [{\"id\": \"l\\u0031\", \"name\": \"L\", \"owners\": {\"a\": \"customer\", \"b\": \"customer\"}, \"source\": \"zz\"}]}\n";
    let path = file(&dir, "escaped.json", text);
    let (code, stdout, stderr) = run(&["--catalog", &path, "matrix"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with(&format!("error: {path}")), "{stderr}");
    assert!(
        stderr.contains("layer 'l1' cites undeclared source 'zz' in `source`"),
        "{stderr}"
    );
}

#[test]
fn a_ten_megabyte_json_catalogue_with_one_bad_source_ends_placed() {
    let dir = tempfile::tempdir().unwrap();
    let n = 100_000;
    let (text, wanted) = json_catalogue(n, &[n - 7]);
    assert!(text.len() > 10_000_000, "{} bytes", text.len());
    let path = file(&dir, "big.json", &text);
    let (id, line, col) = &wanted[0];
    let (code, stdout, stderr) = run(&["--catalog", &path, "matrix"]);
    assert_eq!(code, 1);
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        format!(
            "error: {path}:{line}:{col}: layer '{id}' cites undeclared source 'zz' in `source`; declared sources: 's'\n"
        )
    );
}

// Item 9: "did you mean" once measured the edit distance to every id, name and alias.

#[test]
fn did_you_mean_among_sixty_thousand_long_keys_ends_with_the_nearest() {
    let dir = tempfile::tempdir().unwrap();
    let n = 30_000;
    // 90-character ids, and names as long: sixty thousand keys of a length near what is typed.
    let id = |i: usize| format!("model-{i:05}-{}", "q".repeat(78));
    let mut text =
        String::from("{\"sources\": [{\"id\": \"s\", \"title\": \"S\"}],\n\"models\": [\n");
    for i in 0..n {
        let comma = if i + 1 < n { "," } else { "" };
        let id = id(i);
        writeln!(
            text,
            "  {{\"id\": \"{id}\", \"name\": \"Name-{}\"}}{comma}",
            &id[6..]
        )
        .unwrap();
    }
    let owners: Vec<String> = (0..n)
        .map(|i| format!("\"{}\": \"customer\"", id(i)))
        .collect();
    write!(
        text,
        "],\n\"layers\": [{{\"id\": \"l\", \"name\": \"L\", \"owners\": {{{}}}, \"source\": \"s\"}}]}}\n",
        owners.join(", ")
    )
    .unwrap();
    assert_eq!(id(0).len(), 90);
    let path = file(&dir, "long-ids.json", &text);
    // 80 characters, one of them wrong.
    let given = format!("model-12345-{}w{}", "q".repeat(30), "q".repeat(37));
    assert_eq!(given.len(), 80);
    let (code, stdout, stderr) = run(&["--catalog", &path, "who", "--model", &given]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: unknown model 'model-12345-"),
        "{stderr}"
    );
    // The suggestion is quoted like any value: its first 64 characters, then `…`.
    let nearest: String = id(12345).chars().take(64).collect();
    assert!(
        stderr.contains(&format!("; did you mean '{nearest}…'?")),
        "{stderr}"
    );
}

// Item 10: a selection named twice once gave its cells twice.

#[test]
fn a_layer_or_model_named_again_is_selected_once() {
    let one: Value = crate::json_of(&["who", "--layer", "os", "--json"]);
    let thrice: Value = crate::json_of(&["who", "--layer", "os,os,os", "--json"]);
    assert_eq!(one, thrice);
    assert_eq!(one["cells"].as_array().unwrap().len(), 4);

    let one: Value = crate::json_of(&["who", "--model", "paas", "--json"]);
    let twice: Value = crate::json_of(&["who", "--model", "paas,paas", "--json"]);
    assert_eq!(one, twice);

    // In the order first named.
    let mixed: Value = crate::json_of(&[
        "who",
        "--layer",
        "os,os,network",
        "--model",
        "paas,iaas,paas",
        "--json",
    ]);
    let cells: Vec<(&str, &str)> = mixed["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["id"].as_str().unwrap(), c["model"].as_str().unwrap()))
        .collect();
    assert_eq!(
        cells,
        [
            ("os", "paas"),
            ("os", "iaas"),
            ("network", "paas"),
            ("network", "iaas")
        ]
    );

    let matrix: Value = crate::json_of(&["matrix", "--layer", "data,data", "--json"]);
    let layers = matrix["layers"].as_array().unwrap();
    assert_eq!(layers.len(), 1, "{matrix}");
    assert_eq!(layers[0]["id"], "data");
}

#[test]
fn twenty_thousand_repeats_of_a_layer_print_what_one_prints() {
    let many = vec!["data"; 20_000].join(",");
    for json in [false, true] {
        let mut once = vec!["matrix", "--layer", "data"];
        let mut repeated = vec!["matrix", "--layer", &many];
        if json {
            once.push("--json");
            repeated.push("--json");
        }
        let (code, a, stderr) = run(&once);
        assert_eq!(code, 0, "{stderr}");
        let (code, b, stderr) = run(&repeated);
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(a.len(), b.len(), "json: {json}");
        assert_eq!(a, b, "json: {json}");
    }
}

// Item 17: a key, an argument or a file's first line once could forge lines in a message.

/// No line of `stderr` pretends to be srm's own verdict.
fn no_forged_line(stderr: &str, what: &str) {
    for line in stderr.lines() {
        assert!(!line.starts_with("error: forged"), "{what}: {stderr:?}");
        assert!(!line.starts_with("ok:"), "{what}: {stderr:?}");
    }
}

#[test]
fn a_key_with_line_breaks_forges_no_line() {
    let dir = tempfile::tempdir().unwrap();
    let yaml = file(
        &dir,
        "forged.yaml",
        &format!(
            "{HEAD}  - {{id: l0, name: L, owners: {{a: customer, b: customer, \"q\\n\\nok: fine\\nerror: forged\": customer}}, source: s}}\n"
        ),
    );
    let json_top = file(
        &dir,
        "forged-top.json",
        "{\"sources\": [{\"id\": \"s\", \"title\": \"S\"}], \"models\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}],\n \"\\nerror: forged\\n\": 1,\n \"layers\": [{\"id\": \"l0\", \"name\": \"L\", \"owners\": {\"a\": \"customer\", \"b\": \"customer\"}, \"source\": \"s\"}]}\n",
    );
    let json_layer = file(
        &dir,
        "forged-layer.json",
        "{\"sources\": [{\"id\": \"s\", \"title\": \"S\"}], \"models\": [{\"id\": \"a\", \"name\": \"A\"}, {\"id\": \"b\", \"name\": \"B\"}],\n \"layers\": [{\"id\": \"l0\", \"name\": \"L\", \"\\nerror: forged\\n\": 1, \"owners\": {\"a\": \"customer\", \"b\": \"customer\"}, \"source\": \"s\"}]}\n",
    );
    for path in [&yaml, &json_top, &json_layer] {
        for args in [
            &["--catalog", path, "matrix"][..],
            &["catalog", "validate", path],
        ] {
            let (code, stdout, stderr) = run(args);
            assert_eq!(code, 1, "{args:?}: {stderr}");
            assert!(stdout.is_empty(), "{args:?}");
            assert!(stderr.lines().count() <= 2, "{args:?}: {stderr:?}");
            no_forged_line(&stderr, path);
        }
    }
}

#[test]
fn an_argument_with_line_breaks_forges_no_line() {
    let (code, stdout, stderr) = run(&["who", "--layer", "x\nerror: forged"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stdout.is_empty());
    assert!(stderr.lines().count() <= 2, "{stderr:?}");
    no_forged_line(&stderr, "--layer");
}

#[test]
fn a_megabyte_source_id_makes_a_short_message() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEAD}  - {{id: l0, name: L, owners: {{a: customer, b: customer}}, source: {}}}\n",
        "z".repeat(1_000_000)
    );
    let path = file(&dir, "long-source.yaml", &text);
    for args in [
        &["--catalog", &path, "matrix"][..],
        &["catalog", "validate", &path],
    ] {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 1, "{args:?}");
        assert!(stdout.is_empty());
        assert!(stderr.len() < 1024, "{args:?}: {} bytes", stderr.len());
        assert!(stderr.contains("cites undeclared source 'zzzz"), "{stderr}");
    }
}

/// `srm --catalog FILE matrix` (and `catalog validate`, `catalog show`) on a file that is not a
/// catalogue: refused, and nothing of the file's first line is repeated.
fn repeats_nothing_of(dir: &tempfile::TempDir, name: &str, text: &str) {
    let path = file(dir, name, text);
    for args in [
        &["--catalog", &path, "matrix"][..],
        &["catalog", "validate", &path],
        &["--catalog", &path, "catalog", "show"],
    ] {
        let (code, stdout, stderr) = run(args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(!stderr.contains("secret"), "{args:?}: {stderr}");
        assert!(!stderr.contains("$6$"), "{args:?}: {stderr}");
        assert!(!stderr.contains("abc123"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_shadow_like_file_is_refused_without_repeating_its_first_line() {
    let dir = tempfile::tempdir().unwrap();
    repeats_nothing_of(
        &dir,
        "shadow",
        "root:$6$secret$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n",
    );
}

/// A key-value file whose first key is a token: the key is not repeated.
#[test]
fn a_file_whose_first_key_is_a_token_is_refused_without_repeating_it() {
    let dir = tempfile::tempdir().unwrap();
    repeats_nothing_of(&dir, "token", "secret-token-abc123: x\n");
}

// Item 18: `catalog show` once printed any file's bytes, raw.

#[test]
fn catalog_show_of_a_catalogue_that_does_not_load_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "esc.yaml",
            format!("# \x1b[2J\x1b]0;PWNED\x07\n{HEAD}{ROW}"),
        ),
        (
            "csi.yaml",
            format!(
                "sources: [{{id: s, title: S}}]\nmodels: [{{id: a, name: \"A\u{9b}2J\"}}, {{id: b, name: B}}]\nlayers:\n{ROW}"
            ),
        ),
        (
            "rlo.yaml",
            format!(
                "sources: [{{id: s, title: S}}]\nmodels: [{{id: a, name: \"A\u{202e}gnp.exe\"}}, {{id: b, name: B}}]\nlayers:\n{ROW}"
            ),
        ),
    ] {
        let path = file(&dir, name, &text);
        let (code, stdout, stderr) = run(&["--catalog", &path, "catalog", "show"]);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(
            stdout.is_empty(),
            "{name}: {:?}",
            String::from_utf8_lossy(&stdout)
        );
    }
}

#[test]
fn catalog_show_of_a_file_that_is_no_catalogue_prints_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("hello.txt", "hello: world\n"),
        (
            "passwd",
            "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n",
        ),
    ] {
        let path = file(&dir, name, text);
        let (code, stdout, stderr) = run(&["--catalog", &path, "catalog", "show"]);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(
            stdout.is_empty(),
            "{name}: {:?}",
            String::from_utf8_lossy(&stdout)
        );
    }
}

#[test]
fn catalog_show_gives_a_pipe_the_bytes_and_a_terminal_no_bidi_override() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("# a comment \u{202e}desrever\n{HEAD}{ROW}");
    let path = file(&dir, "comment.yaml", &text);
    let (code, stdout, stderr) = run(&["--catalog", &path, "catalog", "show"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, text.as_bytes(), "a pipe gets the file as it is");

    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let out = std::process::Command::new("script")
        .current_dir(dir.path())
        .args([
            "-qec",
            &format!(
                "{} --catalog '{path}' catalog show",
                env!("CARGO_BIN_EXE_srm")
            ),
            "/dev/null",
        ])
        .env("NO_COLOR", "1")
        .env_remove("SRM_CATALOG")
        .output()
        .expect("script runs");
    let shown = String::from_utf8_lossy(&out.stdout);
    assert!(shown.contains("sources:"), "{shown:?}");
    assert!(
        !out.stdout.windows(3).any(|w| w == "\u{202e}".as_bytes()),
        "{shown:?}"
    );
}

// Item 19: invisible characters once passed for text.

#[test]
fn invisible_characters_in_names_descriptions_and_aliases_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (c, code) in [
        ("\u{3164}\u{3164}", "U+3164"),
        ("\u{115f}", "U+115F"),
        ("\u{1160}", "U+1160"),
        ("\u{ffa0}", "U+FFA0"),
        ("\u{2800}", "U+2800"),
        ("\u{34f}", "U+034F"),
        ("\u{fe0f}", "U+FE0F"),
        ("\u{e0100}", "U+E0100"),
    ] {
        for (field, row) in [
            ("name", format!("{{id: l0, name: \"La{c}yer\"")),
            (
                "description",
                format!("{{id: l0, name: L, description: \"Some{c} text\""),
            ),
            (
                "aliases",
                format!("{{id: l0, name: L, aliases: [\"al{c}ias\"]"),
            ),
        ] {
            let text =
                format!("{HEAD}  - {row}, owners: {{a: customer, b: customer}}, source: s}}\n");
            let path = file(&dir, "invisible.yaml", &text);
            let (status, stdout, stderr) = run(&["--catalog", &path, "matrix"]);
            assert_eq!(status, 1, "{code} in {field}: {stderr}");
            assert!(stdout.is_empty());
            assert!(
                stderr.contains(&format!(
                    "layer 'l0' has {code} (a control, format or invisible character) in `{field}`"
                )),
                "{code} in {field}: {stderr}"
            );
        }
        // In a model's name too.
        let text = format!(
            "sources: [{{id: s, title: S}}]\nmodels: [{{id: a, name: \"A{c}\"}}, {{id: b, name: B}}]\nlayers:\n{ROW}"
        );
        let path = file(&dir, "model.yaml", &text);
        let (status, _, stderr) = run(&["--catalog", &path, "matrix"]);
        assert_eq!(status, 1, "{code}: {stderr}");
        assert!(
            stderr.contains(&format!("model 'a' has {code} ")),
            "{code}: {stderr}"
        );
    }
}

#[test]
fn a_name_of_only_invisible_characters_and_spaces_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, code) in [
        ("\u{3164} \u{3164}", "U+3164"),
        (" \u{3164} ", "U+3164"),
        ("\u{2800} \u{2800}", "U+2800"),
        ("\u{115f}\u{1160}", "U+115F"),
    ] {
        let text = format!(
            "{HEAD}  - {{id: l0, name: \"{name}\", owners: {{a: customer, b: customer}}, source: s}}\n"
        );
        let path = file(&dir, "blank.yaml", &text);
        let (status, stdout, stderr) = run(&["--catalog", &path, "matrix"]);
        assert_eq!(status, 1, "{name:?}: {stderr}");
        assert!(stdout.is_empty());
        assert!(
            stderr.contains(&format!("layer 'l0' has {code} ")),
            "{name:?}: {stderr}"
        );
    }
}

// Item 20: the parser's messages to programmers once reached the user.

#[test]
fn parser_errors_speak_of_the_catalogue_not_of_the_parsers_options() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, jargon) in [
        (
            "binary.yaml",
            format!(
                "sources: [{{id: s, title: !!binary \"/w==\"}}]\nmodels: [{{id: a, name: A}}, {{id: b, name: B}}]\nlayers:\n{ROW}"
            ),
            &["ignore_binary_tag_for_string", "Options"][..],
        ),
        (
            "recursive.yaml",
            format!(
                "sources: &s [*s]\nmodels: [{{id: a, name: A}}, {{id: b, name: B}}]\nlayers:\n{ROW}"
            ),
            &["weak recursion"],
        ),
    ] {
        let path = file(&dir, name, &text);
        let (code, stdout, stderr) = run(&["--catalog", &path, "matrix"]);
        assert_eq!(code, 1, "{name}: {stderr}");
        assert!(stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(placed(&stderr, &path), "{name}: {stderr}");
        assert!(stderr.contains(":1:"), "{name}: {stderr}");
        for word in jargon {
            assert!(!stderr.contains(word), "{name}: {stderr}");
        }
    }
}

// Item 21: a catalogue that maps no control once made every control the customer's.

#[test]
fn a_catalogue_that_maps_no_control_leaves_every_control_unmapped() {
    let dir = tempfile::tempdir().unwrap();
    let path = file(
        &dir,
        "no-controls.yaml",
        &format!(
            "{HEAD}  - {{id: l0, name: L, owners: {{a: customer, b: provider}}, source: s}}\n"
        ),
    );
    let warned = |stderr: &str| {
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{stderr}");
        assert!(lines[0].starts_with("warning: "), "{stderr}");
        assert!(lines[0].contains("maps no control"), "{stderr}");
    };

    let (code, stdout, stderr) = run(&["--catalog", &path, "controls", "--model", "a", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    warned(&stderr);
    let doc: Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(doc["catalog_maps_controls"], false);
    let controls = doc["controls"].as_array().unwrap();
    assert!(controls.len() > 100, "{} controls", controls.len());
    for control in controls {
        assert_eq!(control["owner"], "unmapped", "{control}");
    }

    let (code, stdout, stderr) = run(&["--catalog", &path, "control", "pe-3", "--json"]);
    assert_eq!(code, 0, "{stderr}");
    warned(&stderr);
    let doc: Value = serde_json::from_slice(&stdout).unwrap();
    assert_eq!(doc["catalog_maps_controls"], false);
    let cells = doc["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 2);
    for cell in cells {
        assert_eq!(cell["owner"], "unmapped", "{cell}");
    }

    let (code, stdout, stderr) = run(&[
        "--catalog",
        &path,
        "controls",
        "--model",
        "a",
        "--format",
        "crm",
    ]);
    assert_eq!(code, 0, "{stderr}");
    warned(&stderr);
    let mut reader = csv::Reader::from_reader(&stdout[..]);
    let mut rows = 0;
    for record in reader.records() {
        let record = record.unwrap();
        assert_eq!(&record[1], "Unmapped", "{record:?}");
        rows += 1;
    }
    assert!(rows > 100, "{rows} rows");
}

#[test]
fn the_embedded_catalogue_still_maps_its_controls() {
    let doc: Value = crate::json_of(&["controls", "--model", "paas", "--json"]);
    assert_eq!(doc["catalog_maps_controls"], true);
    let pe3 = doc["controls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "pe-3")
        .expect("PE-3 is listed");
    assert_eq!(pe3["owner"], "provider", "{pe3}");

    let doc: Value = crate::json_of(&["control", "pe-3", "--json"]);
    assert_eq!(doc["catalog_maps_controls"], true);
    let paas = doc["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["model"] == "paas")
        .expect("a paas cell");
    assert_eq!(paas["owner"], "provider");
}

// Found in review: paths, quoted keys, empty control lists, dates.

/// A path holding a line break is one line of the error, not two that pass for srm's own.
#[test]
fn a_path_with_a_line_break_forges_no_line() {
    let dir = tempfile::tempdir().unwrap();
    let forged = dir.path().join("x\nerror: forged");
    for args in [
        vec![
            "--catalog".to_string(),
            forged.display().to_string(),
            "models".into(),
        ],
        vec![
            "models".into(),
            "-o".into(),
            dir.path()
                .join("none/x\nerror: forged")
                .display()
                .to_string(),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 1, "{stderr}");
        assert!(stdout.is_empty());
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert!(
            !stderr.lines().any(|l| l.starts_with("error: forged")),
            "{stderr}"
        );
    }
}

/// A key holding the quote character itself is still quoted cut.
#[test]
fn a_key_holding_a_backtick_is_quoted_cut() {
    let dir = tempfile::tempdir().unwrap();
    let key = format!("a`b{}", "x".repeat(3_000));
    let path = file(
        &dir,
        "bt.json",
        &format!("{{\"models\": [{{\"{key}\": 1}}]}}"),
    );
    let (code, _, stderr) = run(&["--catalog", &path, "models"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.len() < 400, "{} bytes: {stderr}", stderr.len());
}

/// `controls: [{ids: [], why: w}]` maps nothing: it is refused, and cannot pass for a mapping.
#[test]
fn a_controls_entry_without_ids_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{HEAD}  - {{id: l0, name: L, owners: {{a: customer, b: customer}}, source: s, controls: [{{ids: [], why: w}}]}}\n"
    );
    let path = file(&dir, "empty.yaml", &text);
    let (code, _, stderr) = run(&["--catalog", &path, "controls", "--model", "a"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(":4:10: layer 'l0' has a `controls` entry with no `ids`"),
        "{stderr}"
    );
}

/// A million `controls` entries count against the file's item budget like any list.
#[test]
fn controls_entries_count_against_the_item_budget() {
    let dir = tempfile::tempdir().unwrap();
    let entries = vec!["{ids: [ac-2], why: w}"; 200_000].join(", ");
    let text = format!(
        "{HEAD}  - {{id: l0, name: L, owners: {{a: customer, b: customer}}, source: s, controls: [{entries}]}}\n"
    );
    let path = file(&dir, "many.yaml", &text);
    let (code, _, stderr) = run(&["catalog", "validate", &path]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("more list items than a catalogue of this size may hold"),
        "{stderr}"
    );
}

/// A catalogue's `date` must be one OSCAL can write (years 1900 to 2999).
#[test]
fn a_date_outside_oscals_years_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for date in ["0001-01-01", "3000-01-01"] {
        let path = file(&dir, "dated.yaml", &format!("date: {date}\n{HEAD}{ROW}"));
        let (code, _, stderr) = run(&["--catalog", &path, "models"]);
        assert_eq!(code, 1, "{date}: {stderr}");
        assert!(stderr.contains("`date`"), "{stderr}");
    }
}

/// A JSON catalogue's problems are placed from its one parse. Read again as YAML, as srm once
/// did to place them, a key of more than 1,024 characters is no YAML key, and the place was lost.
#[test]
fn a_json_problem_is_placed_even_where_yaml_could_not_read_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let key = "k".repeat(2_000);
    let text = format!(
        "{{\"sources\": [{{\"id\": \"s\", \"title\": \"S\"}}], \"models\": [{{\"id\": \"a\", \"name\": \"A\"}}],\n\"layers\": [\n{{\"id\": \"l0\", \"name\": \"L\", \"owners\": {{\"a\": \"customer\", \"{key}\": \"customer\"}}, \"source\": \"s\"}}]}}\n"
    );
    let path = file(&dir, "long-key.json", &text);
    let (code, _, stderr) = run(&["--catalog", &path, "models"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: {path}:3:8: layer 'l0' names unknown model 'kkk"
        )),
        "{stderr}"
    );
}

// Issue 18: one selection semantics. A part named beside its own layer is covered by the
// layer: `who` gave the part a cell of its own again (the matrix, `diff` and `checklist`
// already did not, and must stay so); each answer keeps its own order.
#[test]
fn a_part_named_beside_its_layer_is_covered_by_the_layer_in_every_answer() {
    let cell_ids = |args: &[&str]| -> Vec<String> {
        let v: Value = crate::json_of(args);
        v["cells"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    let both = ["network,physical-network", "physical-network,network"];
    for layers in both {
        assert_eq!(
            cell_ids(&["who", "--layer", layers, "--model", "paas", "--json"]),
            ["network"],
            "{layers}"
        );
        let matrix: Value = crate::json_of(&["matrix", "--layer", layers, "--json"]);
        let alone: Value = crate::json_of(&["matrix", "--layer", "network", "--json"]);
        assert_eq!(matrix, alone, "{layers}");
        let diff: Value =
            crate::json_of(&["diff", "iaas", "paas", "--all", "--layer", layers, "--json"]);
        let alone: Value = crate::json_of(&[
            "diff", "iaas", "paas", "--all", "--layer", "network", "--json",
        ]);
        assert_eq!(diff, alone, "{layers}");
        let checklist: Value = crate::json_of(&["checklist", "iaas", "--layer", layers, "--json"]);
        let alone: Value = crate::json_of(&["checklist", "iaas", "--layer", "network", "--json"]);
        assert_eq!(checklist, alone, "{layers}");
    }
    // A part named alone is still answered alone, and `who` keeps the order named.
    assert_eq!(
        cell_ids(&[
            "who",
            "--layer",
            "physical-network",
            "--model",
            "paas",
            "--json"
        ]),
        ["physical-network"]
    );
    assert_eq!(
        cell_ids(&["who", "--layer", "data,os", "--model", "paas", "--json"]),
        ["data", "os"]
    );
}
