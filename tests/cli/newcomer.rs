//! Small things a newcomer hits: a search that finds nothing, a trailing comma, an enum value
//! typed in capitals, a count of one.

use crate::{srm, stdout_of};

#[test]
fn a_search_that_finds_nothing_says_so_and_exits_1_like_grep() {
    let out = srm()
        .args(["find", "xyzzy"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("nothing found for 'xyzzy'"), "{stdout}");
    let out = srm()
        .args(["find", "xyzzy", "--json"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["rows"], serde_json::json!([]));
    srm().args(["find", "patching"]).assert().success();
}

#[test]
fn a_trailing_comma_names_nothing_more() {
    let with = stdout_of(&["who", "--layer", "os,", "--model", "paas,", "--json"]);
    let without = stdout_of(&["who", "--layer", "os", "--model", "paas", "--json"]);
    assert_eq!(with, without);
    assert_eq!(
        stdout_of(&["matrix", "--layer", ",data,,", "--json"]),
        stdout_of(&["matrix", "--layer", "data", "--json"])
    );
}

#[test]
fn enum_values_are_case_insensitive_like_layers_and_models() {
    assert_eq!(
        stdout_of(&[
            "controls",
            "--model",
            "paas",
            "--baseline",
            "FedRAMP-Low",
            "--format",
            "CSV"
        ]),
        stdout_of(&[
            "controls",
            "--model",
            "paas",
            "--baseline",
            "fedramp-low",
            "--format",
            "csv"
        ])
    );
    assert_eq!(
        stdout_of(&["who", "--scope", "Classic", "--format", "JSON"]),
        stdout_of(&["who", "--scope", "classic", "--format", "json"])
    );
}

#[test]
fn a_count_of_one_is_singular() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("one.yaml");
    std::fs::write(
        &path,
        "sources: [{id: s, title: S}]\nmodels: [{id: a, name: A}]\nlayers:\n  - {id: l, name: L, owners: {a: customer}, source: s}\n",
    )
    .unwrap();
    srm()
        .args(["catalog", "validate"])
        .arg(&path)
        .assert()
        .success()
        .stdout("ok: 1 layer, 1 model, 1 row, 1 source\n");
}

#[test]
fn a_command_given_options_but_no_subcommand_lists_the_subcommands() {
    let out = srm()
        .args(["export", "--color", "never"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        "error: 'srm export' requires a subcommand but one was not provided [subcommands: oscal, help]\n  see `srm export --help`\n"
    );
}

#[test]
fn a_usage_error_points_to_its_own_commands_help() {
    for (args, hint) in [
        (&["who", "--bogus"][..], "  see `srm who --help`"),
        (
            &["catalog", "validate", "a", "b"],
            "  see `srm catalog validate --help`",
        ),
        (&["--bogus"], "  see `srm --help`"),
        // Errors whose clap message carries no usage line: the command is found in the
        // arguments (these pointed at `srm --help` before).
        (&["who", "--layer"], "  see `srm who --help`"),
        (&["man", "--dir"], "  see `srm man --help`"),
        // An option's value is not taken for a subcommand, and `help` is not one to point at.
        (
            &["--catalog", "who", "diff", "iaas"],
            "  see `srm diff --help`",
        ),
        (&["help", "whoo"], "  see `srm --help`"),
    ] {
        let out = srm().args(args).assert().code(2).get_output().clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().nth(1), Some(hint), "{args:?}: {stderr}");
    }
}

#[test]
fn a_topic_typed_for_a_layer_points_to_find() {
    let out = srm()
        .args(["who", "--layer", "patching"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr
            .trim_end()
            .ends_with("or `srm find patching` to search their text"),
        "{stderr}"
    );
    // A near miss is suggested instead, and a model is not a topic.
    let out = srm()
        .args(["who", "--layer", "kernal"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    assert!(!String::from_utf8(out.stderr).unwrap().contains("srm find"));
    // A topic typed where a model goes points to the services and to find.
    let out = srm()
        .args(["who", "--model", "serverless"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("`srm services`"), "{stderr}");
    assert!(stderr.contains("`srm find serverless`"), "{stderr}");
}
