//! Wrong input: one line on stderr saying what, where and how to fix it; nothing on stdout;
//! exit 2 for usage errors and 1 for the rest; never a panic.

use predicates::prelude::*;

use crate::srm;

fn usage_error(args: &[&str], message: &str) {
    srm()
        .args(args)
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(message))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn unknown_layer_suggests_the_closest_and_the_listing_command() {
    srm()
        .args(["who", "--layer", "kernal", "--model", "paas"])
        .assert()
        .code(2)
        .stdout("")
        .stderr("error: unknown layer 'kernal'; did you mean 'os'? see `srm layers` for the valid ones\n");
}

#[test]
fn unknown_model_suggests_too() {
    usage_error(
        &["who", "--layer", "os", "--model", "pass"],
        "unknown model 'pass'; did you mean 'paas'?",
    );
    usage_error(
        &["diff", "iaas", "sass"],
        "unknown model 'sass'; did you mean",
    );
    usage_error(
        &["diff", "xyzzy", "saas"],
        "unknown model 'xyzzy'; see `srm models` and `srm services` for the valid ones",
    );
}

#[test]
fn a_layer_is_not_a_model_and_back() {
    usage_error(&["who", "--layer", "paas"], "unknown layer 'paas'");
    usage_error(&["who", "--model", "os"], "unknown model 'os'");
}

#[test]
fn bad_flags_and_values_are_usage_errors() {
    usage_error(&["who", "--owner", "nobody"], "invalid value 'nobody'");
    usage_error(&["who", "--frobnicate"], "unexpected argument");
    usage_error(&["matrix", "--format", "xml"], "invalid value 'xml'");
    usage_error(&["diff", "iaas"], "required");
    usage_error(
        &["matrix", "--json", "--format", "table"],
        "cannot be used with",
    );
    usage_error(&[], "Usage:");
}

#[test]
fn usage_errors_are_one_line_and_one_hint() {
    for (args, hint) in [
        (
            &["who", "--layr", "os"][..],
            "  tip: a similar argument exists: '--layer'",
        ),
        (
            &["who", "--owner", "nobody"],
            "  [possible values: customer, provider, shared, depends]",
        ),
        (&["diff", "iaas"], "  see `srm diff --help`"),
    ] {
        let out = srm().args(args).assert().code(2).get_output().clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {stderr}");
        assert!(lines[0].starts_with("error: "), "{stderr}");
        assert_eq!(lines[1], hint, "{args:?}");
    }
}

#[test]
fn a_format_the_command_cannot_print_is_refused_before_reading_anything() {
    // The catalogue does not exist: the format is refused first, with exit 2.
    for args in [
        &["--catalog", "/missing", "layers", "--format", "svg"][..],
        &["--catalog", "/missing", "who", "--format", "html"],
        &[
            "--catalog",
            "/missing",
            "catalog",
            "show",
            "--format",
            "json",
        ],
        &["--catalog", "/missing", "catalog", "schema", "--json"],
        &["--catalog", "/missing", "man", "--format", "json"],
        &["--catalog", "/missing", "completions", "bash", "--json"],
        &[
            "--catalog",
            "/missing",
            "catalog",
            "validate",
            "--format",
            "csv",
        ],
    ] {
        srm().args(args).assert().code(2).stdout("");
    }
}

#[test]
fn json_errors_still_go_to_stderr_with_empty_stdout() {
    usage_error(
        &["who", "--layer", "nope", "--json"],
        "unknown layer 'nope'",
    );
}

#[test]
fn a_missing_catalogue_is_a_runtime_error() {
    srm()
        .args(["--catalog", "/nonexistent/catalog.yaml", "matrix"])
        .assert()
        .code(1)
        .stdout("")
        .stderr("error: /nonexistent/catalog.yaml: cannot read catalogue: no such file\n");
}

/// Documents are written as they are serialised; a reader that stops early (here after the
/// first line of 600 kB of JSON or 450 kB of YAML, far past a pipe's buffer) still ends srm
/// quietly.
#[test]
fn closed_pipe_ends_a_streamed_document_quietly() {
    let bin = assert_cmd::cargo::cargo_bin!("srm");
    let dir = tempfile::tempdir().unwrap();
    for format in ["json", "yaml"] {
        let out = std::process::Command::new("bash")
            .current_dir(dir.path())
            .arg("-c")
            .arg(format!(
                "set -o pipefail; '{}' controls --model paas --format {format} | head -1 >/dev/null",
                bin.display()
            ))
            .output()
            .expect("bash runs");
        assert!(
            out.status.success() && out.stderr.is_empty(),
            "{format}: status {:?}, stderr {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn closed_pipe_ends_quietly() {
    // Run through a real shell pipe, the way users hit it.
    let bin = assert_cmd::cargo::cargo_bin!("srm");
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new("bash")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!("set -o pipefail; for i in 1 2 3 4 5 6 7 8; do '{}' who | head -1 >/dev/null || exit 9; done", bin.display()))
        .output()
        .expect("bash runs");
    assert!(
        out.status.success(),
        "status {:?}, stderr {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}
