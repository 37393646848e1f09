//! One text policy: nothing a catalogue or an argument says can hide, inject or mislead, in any
//! output. `tests/fixtures/injection/` holds one attack per file. Each is either refused at load
//! with one line naming the field and the character, or loaded, and then every output is
//! judged by the tool that reads it: an XML parser for HTML and SVG, a CommonMark parser for
//! Markdown, a CSV reader for CSV, and the YAML and JSON rules readers trip on.

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag};
use quick_xml::events::Event as XmlEvent;

use crate::srm;

/// Each fixture and what loading it must say; `None` for the ones that load.
const FIXTURES: &[(&str, Option<&str>)] = &[
    (
        "bidi-override-in-duty.yaml",
        Some("has U+202E (a control, format or invisible character) in `duties`"),
    ),
    ("blank-duty.yaml", Some("layer 'os' has an empty `duties`")),
    (
        "bom-in-note.yaml",
        Some("has U+FEFF (a control, format or invisible character) in `notes`"),
    ),
    (
        "c1-csi-in-name.yaml",
        Some("has U+009B (a control, format or invisible character) in `name`"),
    ),
    ("csv-formulas.yaml", None),
    (
        "cyrillic-alias.yaml",
        Some("has alias 'Оs', which mixes scripts (U+041E is Cyrillic, U+0073 is Latin)"),
    ),
    (
        "decomposed-alias.yaml",
        Some("has alias 'ne\u{301}t', which layer 'os' already uses"),
    ),
    (
        "empty-title.yaml",
        Some("source 'src' has an empty `title`"),
    ),
    (
        "escape-in-model-name.yaml",
        Some("has U+001B (a control, format or invisible character) in `name`"),
    ),
    (
        "fullwidth-alias.yaml",
        Some("has alias 'ｋｅｒｎｅｌ', which layer 'os' already uses"),
    ),
    (
        "invisible-times-in-note.yaml",
        Some("has U+2062 (a control, format or invisible character) in `notes`"),
    ),
    (
        "javascript-url.yaml",
        Some("is a `javascript:` URL; only http and https links are kept"),
    ),
    (
        "line-separator-in-description.yaml",
        Some("has U+2028 (a control, format or invisible character) in `description`"),
    ),
    ("markdown-fence-in-description.yaml", None),
    ("markdown-setext.yaml", None),
    ("markdown-structure.yaml", None),
    ("markup-in-name.yaml", None),
    (
        "newline-in-name.yaml",
        Some("has U+000A (a control, format or invisible character) in `name`"),
    ),
    (
        "noncharacter-in-name.yaml",
        Some("has U+FFFE (a control, format or invisible character) in `name`"),
    ),
    (
        "null-depends-note.yaml",
        Some(":23:23: null where text is required"),
    ),
    ("null-name.yaml", Some(":8:11: null where text is required")),
    (
        "paragraph-separator-in-title.yaml",
        Some("has U+2029 (a control, format or invisible character) in `title`"),
    ),
    ("script-url.yaml", Some("which is not a URL")),
    (
        "soft-hyphen-in-alias.yaml",
        Some("has U+00AD (a control, format or invisible character) in `aliases`"),
    ),
    (
        "tag-characters-in-name.yaml",
        Some("has U+E0041 (a control, format or invisible character) in `name`"),
    ),
    (
        "tilde-name.yaml",
        Some(":8:11: null where text is required"),
    ),
    (
        "word-joiner-in-duty.yaml",
        Some("has U+2060 (a control, format or invisible character) in `duties`"),
    ),
    ("yaml-traps.yaml", None),
    (
        "zero-width-joiner-in-description.yaml",
        Some("has U+200D (a control, format or invisible character) in `description`"),
    ),
    (
        "zero-width-name.yaml",
        Some("has U+200B (a control, format or invisible character) in `name`"),
    ),
];

/// The questions every loaded fixture is asked, in every format that can answer them.
const COMMANDS: &[&[&str]] = &[
    &["matrix"],
    &["who"],
    &["who", "--model", "paas", "--owner", "customer"],
    &["diff", "iaas", "paas", "--all"],
    &["retained"],
    &["layers"],
    &["models"],
    &["checklist", "iaas"],
    &["checklist", "paas"],
    &["explain", "os"],
    &["explain", "net-controls"],
    &["explain", "paas"],
];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn run(catalog: &Path, command: &[&str], format: &str) -> String {
    let out = srm()
        .arg("--catalog")
        .arg(catalog)
        .args(command)
        .args(["--format", format])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    String::from_utf8(out).expect("UTF-8 output")
}

#[test]
fn every_fixture_is_listed_with_what_it_must_do() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures().join("injection"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<&str> = FIXTURES.iter().map(|(f, _)| *f).collect();
    assert_eq!(on_disk, listed);
}

#[test]
fn refused_fixtures_fail_with_one_line_naming_the_field_and_the_character() {
    for (file, message) in FIXTURES {
        let Some(message) = message else { continue };
        let path = fixtures().join("injection").join(file);
        let out = srm()
            .arg("--catalog")
            .arg(&path)
            .arg("matrix")
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(*message))
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{file}: {stderr}");
    }
}

/// Headings and table rows in Markdown, and what must never be there: raw HTML, and links
/// anywhere but http(s).
fn markdown_shape(md: &str, what: &str) -> (usize, usize) {
    let (mut headings, mut rows) = (0, 0);
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("{what}: raw HTML {h:?}\n{md}"),
            Event::Start(Tag::Heading { .. }) => headings += 1,
            Event::Start(Tag::TableRow | Tag::TableHead) => rows += 1,
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                assert!(
                    dest_url.starts_with("https://") || dest_url.starts_with("http://"),
                    "{what}: link to {dest_url}\n{md}"
                );
            }
            _ => {}
        }
    }
    (headings, rows)
}

/// HTML and SVG must be well-formed XML with no script element, no event-handler attribute and
/// no `javascript:` anywhere in an attribute.
fn check_xml(text: &str, what: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    let mut elements = 0;
    loop {
        match reader.read_event() {
            Ok(XmlEvent::Eof) => break,
            Ok(XmlEvent::Start(e) | XmlEvent::Empty(e)) => {
                elements += 1;
                let name = String::from_utf8_lossy(e.name().as_ref()).to_ascii_lowercase();
                assert_ne!(name, "script", "{what}");
                for attr in e.attributes() {
                    let attr = attr.unwrap_or_else(|err| panic!("{what}: bad attribute: {err}"));
                    let key = String::from_utf8_lossy(attr.key.as_ref()).to_ascii_lowercase();
                    assert!(!key.starts_with("on"), "{what}: attribute {key}");
                    let value = String::from_utf8_lossy(&attr.value).to_ascii_lowercase();
                    assert!(!value.contains("javascript:"), "{what}: {key}={value}");
                }
            }
            Ok(_) => {}
            Err(err) => panic!(
                "{what}: not well-formed XML at {}: {err}",
                reader.buffer_position()
            ),
        }
    }
    assert!(elements > 10, "{what}: {elements} elements");
}

/// Every loaded fixture, every command, every format: judged by the tool that reads it.
#[test]
fn loaded_fixtures_are_escaped_in_every_format() {
    let clean = fixtures().join("clean.yaml");
    let traps = [
        "yes",
        "no",
        "on",
        "off",
        "~",
        "null",
        "12:30:00",
        "2001-12-14",
        "0x1F",
        "1e3",
        ".inf",
    ];
    for (file, message) in FIXTURES {
        if message.is_some() {
            continue;
        }
        let path = fixtures().join("injection").join(file);
        for format in ["html", "svg"] {
            check_xml(
                &run(&path, &["matrix"], format),
                &format!("{file} {format}"),
            );
        }
        for command in COMMANDS {
            let what = format!("{file}: {}", command.join(" "));
            // Markdown: the same structure as for a clean catalogue.
            let md = run(&path, command, "markdown");
            assert_eq!(
                markdown_shape(&md, &what),
                markdown_shape(&run(&clean, command, "markdown"), "clean"),
                "{what}: headings and table rows differ from a clean catalogue\n{md}"
            );
            // CSV: the same number of fields on every line, and no formula.
            let csv_text = run(&path, command, "csv");
            let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
            let width = reader.headers().unwrap().len();
            for record in reader.records() {
                let record = record.unwrap_or_else(|e| panic!("{what}: {e}\n{csv_text}"));
                assert_eq!(record.len(), width, "{what}");
                for field in &record {
                    assert!(
                        !field.starts_with(['=', '+', '-', '@', '\t', '\r']),
                        "{what}: formula {field:?}"
                    );
                }
            }
            // YAML: nothing a YAML 1.1 reader would take for another type goes out bare.
            let yaml = run(&path, command, "yaml");
            // (`: null` and `: ~` are real nulls, such as a part's missing parent; as list
            // items they can only be text.)
            for trap in traps {
                let mut bare = vec![format!("- {trap}\n")];
                if !matches!(trap, "null" | "~") {
                    bare.push(format!(": {trap}\n"));
                }
                for bare in bare {
                    assert!(!yaml.contains(&bare), "{what}: {bare:?} unquoted\n{yaml}");
                }
            }
            // JSON: parses, and holds no raw C1 or bidi character.
            let json = run(&path, command, "json");
            serde_json::from_str::<serde_json::Value>(&json).unwrap();
            assert!(
                !json.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)
                    || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
                "{what}"
            );
        }
    }
}

#[test]
fn csv_formulas_are_neutralised_and_yaml_traps_quoted() {
    let path = fixtures().join("injection/csv-formulas.yaml");
    let csv_text = run(&path, &["explain", "os"], "csv");
    assert!(csv_text.contains("'=HYPERLINK("), "{csv_text}");
    let layers = run(&path, &["layers"], "csv");
    assert!(layers.contains("'@SUM(1+1)"), "{layers}");
    let checklist = run(&path, &["checklist", "iaas"], "csv");
    // One line per duty: each duty's field starts with the quote.
    for duty in ["'=1+1", "'+cmd", "'-2+3"] {
        assert!(
            checklist.contains(&format!(",{duty},")),
            "{duty}: {checklist}"
        );
    }
    let yaml = run(
        &fixtures().join("injection/yaml-traps.yaml"),
        &["explain", "os"],
        "yaml",
    );
    for trap in [
        "\"yes\"",
        "\"~\"",
        "\"12:30:00\"",
        "\"2001-12-14\"",
        "\"0x1F\"",
        "\"1e3\"",
        "\".inf\"",
    ] {
        assert!(yaml.contains(trap), "{trap}: {yaml}");
    }
}

#[test]
fn paths_and_unknown_keys_reach_json_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("x\u{9b}y\u{202e}z");
    std::fs::create_dir(&sub).unwrap();
    let path = sub.join("c.yaml");
    std::fs::write(&path, "sources: []\nb\u{202e}ad\u{85}key: 1\n").unwrap();
    let out = srm()
        .args(["catalog", "validate", "--json"])
        .arg(&path)
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let json = String::from_utf8(out).unwrap();
    assert!(
        !json.contains('\u{9b}') && !json.contains('\u{202e}') && !json.contains('\u{85}'),
        "{json}"
    );
    assert!(json.contains("x\\u009by\\u202ez"), "{json}");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(
        doc["catalog"]
            .as_str()
            .unwrap()
            .contains("x\u{9b}y\u{202e}z")
    );
}

/// What a terminal shows: srm run on a pseudo-terminal (util-linux `script`), with colors off
/// so that any escape byte on the screen would be one srm let through.
fn on_a_terminal(args: &str) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("script")
        .current_dir(dir.path())
        .args([
            "-qec",
            &format!("{} {args}", env!("CARGO_BIN_EXE_srm")),
            "/dev/null",
        ])
        .env("NO_COLOR", "1")
        .env_remove("SRM_CATALOG")
        .output()
        .expect("script runs");
    out.stdout
}

#[test]
fn nothing_from_an_argument_or_a_catalogue_drives_the_terminal() {
    if std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: util-linux `script` is not installed");
        return;
    }
    let escapes = |bytes: &[u8], what: &str| {
        let text = String::from_utf8_lossy(bytes);
        assert!(!bytes.contains(&0x1b), "{what}: raw ESC in {text:?}");
        assert!(!bytes.contains(&0x07), "{what}: raw BEL in {text:?}");
        assert!(
            !text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c)
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "{what}: {text:?}"
        );
    };
    // clap's own errors: an unknown subcommand, flag and value.
    for args in [
        "$'\\e]0;PWNED\\a'",
        "--$'\\e[2J'",
        "who --owner $'\\xc2\\x9b2J'",
        "who --layer $'\\e[31mred\\u202e'",
        "explain $'\\e]8;;http://x\\a'",
    ] {
        escapes(&on_a_terminal(args), args);
    }
    // Catalogues that are refused, and one with markup that loads.
    for file in [
        "escape-in-model-name.yaml",
        "c1-csi-in-name.yaml",
        "bidi-override-in-duty.yaml",
        "markup-in-name.yaml",
    ] {
        let path = fixtures().join("injection").join(file);
        for command in ["matrix", "who", "explain os", "catalog validate"] {
            let args = format!("--catalog '{}' {command}", path.display());
            escapes(&on_a_terminal(&args), &args);
        }
    }
}
