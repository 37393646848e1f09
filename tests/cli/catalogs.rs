//! Bring your own catalogue: --catalog, SRM_CATALOG, `srm catalog …`, and a loader that no file
//! can break. Every hostile fixture must end in exit 1 with a message naming the problem.

use std::path::Path;

use predicates::prelude::*;

use crate::{srm, stdout_of};

/// Each file in `tests/fixtures/bad/` and a part of the message it must produce.
const BAD: &[(&str, &str)] = &[
    (
        "alias-case-collision.yaml",
        ":16:13: duplicate id 'network-controls': model 'iaas' already uses it",
    ),
    (
        "alias-collision.yaml",
        ":13:9: layer 'network' has alias 'os', which layer 'os' already uses",
    ),
    (
        "alias-repetition.yaml",
        ":13:134: more list items than a catalogue of this size may hold",
    ),
    (
        "bidi-override-in-name.yaml",
        ":16:13: part 'network-controls' has U+202E (a control, format or invisible character) in `name`",
    ),
    ("billion-laughs.yaml", ":14:21: expected text here"),
    ("binary-junk.yaml", "not valid UTF-8"),
    ("cells-and-parts.yaml", "has both cells of its own"),
    (
        "deep-nesting-maps.yaml",
        ":1:9: expected a list (`- item` lines or `[a, b]`) here",
    ),
    (
        "deep-nesting.yaml",
        ":1:41: nested more than 32 levels deep",
    ),
    (
        "depends-without-note.yaml",
        "is `depends` under 'paas' but has no note",
    ),
    ("duplicate-field.yaml", ":5:28: duplicate key `name`"),
    ("duplicate-ids.yaml", ":20:9: duplicate id 'os'"),
    ("duplicate-owner-key.yaml", ":11:81: duplicate key `paas`"),
    ("empty-id.yaml", "a layer has an empty id"),
    ("empty-parts.yaml", "unknown field `old_parts`"),
    ("empty.yaml", "the catalogue is empty"),
    (
        "escape-in-name.yaml",
        ":9:9: layer 'os' has U+001B (a control, format or invisible character) in `name`",
    ),
    (
        "invalid-utf8.yaml",
        ":10:21: not valid UTF-8 (bad byte 0xff",
    ),
    (
        "missing-cell.yaml",
        "layer 'os' has no owner for model 'saas'",
    ),
    ("multiple-documents.yaml", ":20:1: more than one document"),
    (
        "neither-cells-nor-parts.yaml",
        "has neither `owners` nor `parts`",
    ),
    ("no-layers.yaml", "no layers declared"),
    (
        "no-models.yaml",
        "unknown model 'on-prem' in `owners`; the catalogue declares no `models`",
    ),
    (
        "not-kebab-id.yaml",
        "layer id 'Operating_System' is not lowercase-kebab",
    ),
    ("nul-bytes.yaml", ":1:8: unexpected character"),
    ("only-comments.yaml", "no models declared"),
    ("only-whitespace.yaml", "the catalogue is empty"),
    (
        "part-id-clashes-with-model.yaml",
        "duplicate id 'paas': model 'paas' already uses it",
    ),
    (
        "syntax-error.yaml",
        ":9:3: \"-\" is only valid inside a block",
    ),
    (
        "tab-indentation.yaml",
        ":10:1: a tab in indentation; YAML indents with spaces only",
    ),
    (
        "top-level-list.yaml",
        ":1:1: expected a mapping (`key: value` entries) here",
    ),
    (
        "top-level-scalar.yaml",
        ":1:1: expected a mapping (`key: value` entries) here",
    ),
    (
        "undeclared-source.yaml",
        "cites undeclared source 'nowhere'",
    ),
    (
        "unknown-anchor.yaml",
        ":12:13: alias references unknown anchor",
    ),
    (
        "unknown-field.yaml",
        ":11:5: unknown field `colour`, expected one of id, name",
    ),
    (
        "unknown-model-key.yaml",
        "names unknown model 'faas' in `owners`; declared models: 'on-prem', 'iaas', 'paas', 'saas'",
    ),
    (
        "unknown-owner.yaml",
        ":11:55: unknown owner `landlord`; an owner is customer, provider, shared or depends",
    ),
    (
        "unknown-top-level-field.yaml",
        "its top level holds a key other than `sources`, `models`, `layers`, `services`, `supporting`, `organisational` and `date`",
    ),
    (
        "wrong-type.yaml",
        ":6:5: expected a mapping (`key: value` entries) here",
    ),
];

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad")
}

fn fails_cleanly(args: &[&str], message: &str) {
    srm()
        .args(args)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::starts_with("error: "))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn every_bad_fixture_fails_cleanly_naming_its_problem() {
    let mut on_disk: Vec<String> = std::fs::read_dir(fixtures())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let listed: Vec<String> = BAD.iter().map(|(f, _)| f.to_string()).collect();
    assert_eq!(
        on_disk, listed,
        "every fixture needs an expected message, and vice versa"
    );
    assert!(BAD.len() >= 25);
    for (file, message) in BAD {
        let path = fixtures().join(file);
        let path = path.to_str().unwrap();
        fails_cleanly(&["--catalog", path, "matrix"], message);
        // validate lists the same problem, with its location, and exits 1 too.
        srm()
            .args(["catalog", "validate", path])
            .assert()
            .code(1)
            .stdout("")
            .stderr(predicate::str::contains(*message))
            .stderr(predicate::str::contains("panicked").not());
    }
}

#[test]
fn validate_lists_every_problem_not_just_the_first() {
    let path = fixtures().join("no-models.yaml");
    let out = srm()
        .args(["catalog", "validate", path.to_str().unwrap()])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<_> = stderr.lines().collect();
    assert!(lines.len() >= 4, "{stderr}");
    assert!(
        lines.iter().filter(|l| l.contains("unknown model")).count() >= 2,
        "{stderr}"
    );
    assert!(stderr.contains("no models declared"), "{stderr}");
    assert!(
        lines.last().unwrap().starts_with("error: 9 problems in "),
        "{stderr}"
    );
    // Other commands say the first and point at validate.
    srm()
        .args(["--catalog", path.to_str().unwrap(), "matrix"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "(8 more problems; `srm catalog validate` lists them)",
        ));
}

#[test]
fn validate_the_embedded_catalogue() {
    assert_eq!(
        stdout_of(&["catalog", "validate"]),
        "ok: 13 layers, 4 models, 26 rows, 27 services, 40 sources\n"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&stdout_of(&["catalog", "validate", "--json"])).unwrap();
    assert_eq!(doc["valid"], true);
    assert_eq!(doc["summary"]["rows"], 26);
    assert_eq!(doc["problems"], serde_json::json!([]));
}

#[test]
fn validate_json_reports_problems_with_locations() {
    let path = fixtures().join("duplicate-ids.yaml");
    let out = srm()
        .args(["catalog", "validate", "--json", path.to_str().unwrap()])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["format_version"], 2);
    assert_eq!(doc["valid"], false);
    assert_eq!(doc["summary"], serde_json::Value::Null);
    assert_eq!(doc["problems"][0]["line"], 20);
    assert_eq!(doc["problems"][0]["column"], 9);
    assert!(
        doc["problems"][0]["message"]
            .as_str()
            .unwrap()
            .contains("duplicate id 'os'")
    );
}

#[test]
fn show_round_trips_through_stdin() {
    let yaml = stdout_of(&["catalog", "show"]);
    assert!(yaml.contains("layers:"));
    let embedded = stdout_of(&["who", "--layer", "os", "--model", "paas", "--json"]);
    let out = srm()
        .args([
            "--catalog",
            "-",
            "who",
            "--layer",
            "os",
            "--model",
            "paas",
            "--json",
        ])
        .write_stdin(yaml.clone())
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap(), embedded);
    srm()
        .args(["catalog", "validate", "-"])
        .write_stdin(yaml)
        .assert()
        .success()
        .stdout("ok: 13 layers, 4 models, 26 rows, 27 services, 40 sources\n");
}

#[test]
fn a_custom_catalogue_is_used_by_flag_and_by_environment_and_the_flag_wins() {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.yaml");
    let custom = stdout_of(&["catalog", "show"]).replace(
        "owners: {on-prem: customer, iaas: customer, paas: provider, saas: provider}\n    notes:\n      iaas: You get",
        "owners: {on-prem: customer, iaas: customer, paas: customer, saas: provider}\n    notes:\n      iaas: You get",
    );
    std::fs::write(&mine, custom).unwrap();
    let mine = mine.to_str().unwrap();
    let owner = |args: &[&str], env: Option<&str>| {
        let mut cmd = srm();
        if let Some(v) = env {
            cmd.env("SRM_CATALOG", v);
        }
        let out = cmd
            .args(args)
            .args(["who", "-l", "os", "-m", "paas", "--json"])
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        serde_json::from_slice::<serde_json::Value>(&out).unwrap()["cells"][0]["owner"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(owner(&[], None), "provider");
    assert_eq!(owner(&["--catalog", mine], None), "customer");
    assert_eq!(owner(&[], Some(mine)), "customer");
    let missing = dir.path().join("missing.yaml");
    assert_eq!(
        owner(&["--catalog", mine], Some(missing.to_str().unwrap())),
        "customer"
    );
    // And SRM_CATALOG pointing nowhere fails cleanly.
    srm()
        .env("SRM_CATALOG", &missing)
        .arg("matrix")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no such file"));
}

#[test]
fn limits_directories_and_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    let huge = dir.path().join("huge.yaml");
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(65 * 1024 * 1024).unwrap();
    fails_cleanly(
        &["--catalog", huge.to_str().unwrap(), "matrix"],
        "larger than the 64 MiB limit",
    );
    fails_cleanly(
        &["--catalog", "/dev/zero", "matrix"],
        "larger than the 64 MiB limit",
    );
    fails_cleanly(
        &["--catalog", dir.path().to_str().unwrap(), "matrix"],
        "is a directory",
    );
    fails_cleanly(
        &["--catalog", "/no/such/catalog.yaml", "who"],
        "cannot read catalogue: no such file",
    );
    srm()
        .args(["catalog", "validate", "/no/such/catalog.yaml"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("/no/such/catalog.yaml: cannot read catalogue: no such file\nerror: 1 problem in /no/such/catalog.yaml\n");
}

#[test]
fn output_files_are_never_overwritten_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("catalog.yaml");
    let out_s = out.to_str().unwrap();
    srm()
        .args(["catalog", "show", "-o", out_s])
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        stdout_of(&["catalog", "show"])
    );
    std::fs::write(&out, "precious").unwrap();
    fails_cleanly(
        &["catalog", "show", "-o", out_s],
        "already exists; pass --force to overwrite it",
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    srm()
        .args(["catalog", "schema", "-o", out_s, "--force"])
        .assert()
        .success();
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("\"$schema\"")
    );
    srm().args(["catalog", "show", "--force"]).assert().code(2);
}

#[test]
fn schema_is_json_derived_from_the_format() {
    let schema: serde_json::Value =
        serde_json::from_str(&stdout_of(&["catalog", "schema"])).unwrap();
    assert_eq!(schema["title"], "srm catalogue");
    let props = schema["properties"].as_object().unwrap();
    let mut keys: Vec<_> = props.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "date",
            "layers",
            "models",
            "organisational",
            "services",
            "sources",
            "supporting"
        ]
    );
    let layer = &schema["$defs"]["LayerFile"];
    for field in [
        "id", "name", "owners", "notes", "duties", "source", "see_also", "parts", "aliases",
        "remark",
    ] {
        assert!(
            layer["properties"].get(field).is_some(),
            "LayerFile.{field} missing from the schema"
        );
    }
}

#[test]
fn terminal_controls_in_user_input_never_reach_the_terminal() {
    srm()
        .args(["who", "--layer", "\u{1b}[2Jevil\u{202e}", "--model", "paas"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("\\u{1b}[2Jevil\\u{202e}"))
        .stderr(predicate::str::contains("\u{1b}").not());
}

#[test]
fn an_empty_srm_catalog_means_unset() {
    let embedded = stdout_of(&["who", "-l", "os", "-m", "paas"]);
    let out = srm()
        .env("SRM_CATALOG", "")
        .args(["who", "-l", "os", "-m", "paas"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(out).unwrap(), embedded);
}

#[test]
fn output_dash_is_stdout_and_a_directory_is_refused() {
    assert_eq!(
        stdout_of(&["catalog", "show", "-o", "-"]),
        stdout_of(&["catalog", "show"])
    );
    let dir = tempfile::tempdir().unwrap();
    fails_cleanly(
        &["catalog", "show", "-o", dir.path().to_str().unwrap()],
        "is a directory; give a file name to write to",
    );
}

#[test]
fn force_replaces_a_file_whole_and_leaves_no_temporary_behind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("schema.json");
    std::fs::write(&out, "old").unwrap();
    srm()
        .args(["catalog", "schema", "--force", "-o", out.to_str().unwrap()])
        .assert()
        .success()
        .stdout("");
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        stdout_of(&["catalog", "schema"])
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["schema.json"]);
}

#[test]
fn output_that_cannot_be_written_is_an_error_even_for_help_and_version() {
    if !Path::new("/dev/full").exists() {
        return;
    }
    for args in [
        &["--help"][..],
        &["--version"],
        &["who", "--help"],
        &["matrix"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_srm"))
            .current_dir(dir.path())
            .args(args)
            .env_remove("SRM_CATALOG")
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.starts_with("error: cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
}
