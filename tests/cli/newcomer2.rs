//! The second round of newcomer fixes: owner words explained, tables that keep their shape,
//! schema and manual pages named as the commands are typed, completion and manual lines that
//! work from any shell, and catalogue errors in the user's words.

use crate::{srm, stdout_of};

/// The words of owners, each with a phrase its meaning must hold.
const OWNER_WORDS: &[(&str, &str)] = &[
    ("customer", "The customer holds the row"),
    ("provider", "The provider holds the row"),
    ("shared", "Both sides act on the row"),
    ("depends", "the cell always carries a note saying on what"),
    (
        "split",
        "srm derives it from its rows, their common owner when they all agree, else `split`",
    ),
    ("unmapped", "maps no control to any row"),
];

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(args)).unwrap()
}

/// A catalogue file in `dir` holding `layers` (YAML lines under `layers:`).
fn catalogue(dir: &std::path::Path, name: &str, layers: &str) -> String {
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!(
            "sources: [{{id: s, title: S}}]\nmodels: [{{id: a, name: A}}, {{id: b, name: B}}]\nlayers:\n{layers}"
        ),
    )
    .unwrap();
    path.to_str().unwrap().to_string()
}

#[test]
fn explain_says_what_each_owner_word_means_in_every_format() {
    let schema = json(&["schema", "explain"]);
    let validator = jsonschema::validator_for(&schema).unwrap();
    for (word, phrase) in OWNER_WORDS {
        let table = stdout_of(&["explain", word]);
        assert!(table.starts_with(&format!("{word} (owner)\n\n")), "{table}");
        assert!(table.contains(phrase), "{word}: {table}");
        // No table of cells: an owner word has none.
        assert!(!table.contains('╭'), "{word}: {table}");

        let doc = json(&["explain", word, "--json"]);
        assert_eq!(doc["kind"], "owner", "{doc}");
        assert_eq!(doc["id"], *word);
        assert!(
            doc["description"].as_str().unwrap().contains(phrase),
            "{doc}"
        );
        assert_eq!(doc["cells"], serde_json::json!([]));
        let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{word}: {errors:?}");

        let md = stdout_of(&["explain", word, "--format", "markdown"]);
        assert!(md.starts_with(&format!("## `{word}` (owner)\n\n")), "{md}");
    }
    // Typed as ids are: any case, blanks around.
    assert_eq!(
        stdout_of(&["explain", " Shared "]),
        stdout_of(&["explain", "shared"])
    );
}

#[test]
fn an_owner_word_has_no_cells_for_csv_and_a_near_miss_is_still_unknown() {
    let out = srm()
        .args(["explain", "split", "--format", "csv"])
        .assert()
        .code(2)
        .stdout("")
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("use --format table, json, yaml or markdown"),
        "{stderr}"
    );
    srm()
        .args(["explain", "sharde"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::starts_with("error: unknown id 'sharde'"));
}

#[test]
fn a_catalogue_id_that_spells_an_owner_word_wins() {
    let dir = tempfile::tempdir().unwrap();
    let path = catalogue(
        dir.path(),
        "shared.yaml",
        "  - {id: shared, name: Shared storage, owners: {a: customer, b: shared}, source: s}\n",
    );
    let out = srm()
        .args(["--catalog", &path, "explain", "shared", "--json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["kind"], "layer", "{doc}");
    assert_eq!(doc["name"], "Shared storage");
    // The words it does not take are still explained.
    let out = srm()
        .args(["--catalog", &path, "explain", "split", "--json"])
        .assert()
        .success()
        .get_output()
        .clone();
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["kind"], "owner", "{doc}");
}

/// The widest line of the tables in `text`, in characters (the box-drawing ones are one
/// column each); other lines (the matrix's legend) are text, which tables' widths leave alone.
fn widest(text: &str) -> usize {
    text.lines()
        .filter(|l| l.starts_with(['╭', '│', '╞', '├', '╰']))
        .map(|l| l.chars().count())
        .max()
        .unwrap_or(0)
}

#[test]
fn a_table_answer_keeps_its_shape_with_one_match() {
    // One cell is a table of one: the header, the row, nothing else.
    let out = stdout_of(&["who", "--layer", "os", "--model", "paas"]);
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with('╭'), "{out}");
    assert!(
        lines[1].contains("Layer") && lines[1].contains("Owner"),
        "{out}"
    );
    assert!(
        lines[3].contains("Operating system (os)") && lines[3].contains("provider"),
        "{out}"
    );
    assert!(lines[4].starts_with('╰') && lines.len() == 5, "{out}");
    // As Markdown too.
    let md = stdout_of(&[
        "who", "--layer", "os", "--model", "paas", "--format", "markdown",
    ]);
    assert!(
        md.starts_with("## Who holds what\n\n| Layer | Model | Owner | Note |\n"),
        "{md}"
    );
    assert_eq!(
        md.lines().filter(|l| l.starts_with("| Operating")).count(),
        1,
        "{md}"
    );
    // A search with one hit is the same table as one with many.
    let out = stdout_of(&["find", "mfa"]);
    assert!(out.starts_with('╭'), "{out}");
    assert_eq!(
        out.lines().filter(|l| l.starts_with("│ ")).count(),
        2,
        "{out}"
    );
}

#[test]
fn piped_tables_fit_columns_when_it_holds_a_width() {
    let run = |columns: Option<&str>, args: &[&str]| {
        let mut cmd = srm();
        if let Some(c) = columns {
            cmd.env("COLUMNS", c);
        }
        let out = cmd.args(args).assert().success().get_output().clone();
        String::from_utf8(out.stdout).unwrap()
    };
    for args in [
        &["who", "--layer", "os", "--model", "paas"][..],
        &["find", "patch"],
        &["matrix"],
    ] {
        let natural = run(None, args);
        assert!(widest(&natural) > 60, "{args:?}: {natural}");
        let fitted = run(Some("60"), args);
        assert_eq!(widest(&fitted), 60, "{args:?}: {fitted}");
        // Anything that is not a width leaves the natural width.
        for bad in ["", "0", "-60", "sixty", "60x", "70000"] {
            assert_eq!(run(Some(bad), args), natural, "COLUMNS={bad:?} {args:?}");
        }
    }
    // Documents are not tables: COLUMNS leaves them alone.
    let args = [
        "who", "--layer", "os", "--model", "paas", "--format", "markdown",
    ];
    assert_eq!(run(Some("60"), &args), run(None, &args));
}

/// The title a JSON Schema gives itself.
fn title(schema: &str) -> String {
    let schema: serde_json::Value = serde_json::from_str(schema).unwrap();
    schema["title"].as_str().unwrap().to_string()
}

#[test]
fn schema_takes_the_commands_own_name_and_the_old_ones() {
    for (typed, old, named) in [
        (
            &["catalog", "validate"][..],
            "validate",
            "srm catalog validate --json",
        ),
        (
            &["catalog-validate"],
            "validate",
            "srm catalog validate --json",
        ),
        (
            &["diff", "--controls"],
            "diff-controls",
            "srm diff --controls --json",
        ),
        (
            &["DIFF", "--controls"],
            "diff-controls",
            "srm diff --controls --json",
        ),
        (&["who"], "who", "srm who --json"),
    ] {
        let mut args = vec!["schema"];
        args.extend(typed);
        let schema = stdout_of(&args);
        assert_eq!(title(&schema), named, "{typed:?}");
        assert_eq!(schema, stdout_of(&["schema", old]), "{typed:?}");
    }
    // diff alone is still the rows' diff.
    assert_eq!(title(&stdout_of(&["schema", "diff"])), "srm diff --json");
    for (args, says) in [
        (
            &["schema", "who", "--controls"][..],
            "--controls goes with diff",
        ),
        (&["schema", "catalog"], "`srm schema catalog validate`"),
        (
            &["schema", "who", "diff"],
            "takes one command, or `catalog validate`",
        ),
    ] {
        let out = srm()
            .args(args)
            .assert()
            .code(2)
            .stdout("")
            .get_output()
            .clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}

#[test]
fn man_takes_the_commands_own_name_and_the_joined_one() {
    for (typed, joined) in [
        (&["catalog", "validate"][..], "catalog-validate"),
        (&["export", "oscal"], "export-oscal"),
    ] {
        let mut args = vec!["man"];
        args.extend(typed);
        let page = stdout_of(&args);
        assert!(
            page.contains(&format!(".TH srm-{joined} 1")),
            "{typed:?}: {}",
            &page[..page.len().min(300)]
        );
        assert_eq!(page, stdout_of(&["man", joined]), "{typed:?}");
    }
    let out = srm()
        .args(["man", "catalog", "nothing"])
        .assert()
        .code(2)
        .stdout("")
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with("error: no manual page for 'catalog nothing'; pages: "),
        "{stderr}"
    );
    // A usage error's hint names the command's help, not the option clap's usage line shows.
    let out = srm()
        .args(["man", "--dir", "pages", "who"])
        .assert()
        .code(2)
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(
        stderr.lines().nth(1),
        Some("  see `srm man --help`"),
        "{stderr}"
    );
}

/// The `sh` block under README's "Shell completions and the manual pages", one command a line.
fn readme_install_lines() -> Vec<&'static str> {
    let readme = include_str!("../../README.md");
    let section = &readme[readme
        .find("### Shell completions and the manual pages")
        .expect("the section")..];
    let block = &section[section.find("```sh\n").expect("its sh block") + 6..];
    block[..block.find("```").expect("a closed block")]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect()
}

fn installed(program: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// A home of its own and a PATH whose first directory holds `srm`.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Home {
        let dir = tempfile::tempdir().unwrap();
        let bin = dir.path().join("bin");
        std::fs::create_dir_all(&bin).unwrap();
        std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_srm"), bin.join("srm")).unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        std::fs::create_dir_all(dir.path().join("work")).unwrap();
        Home { dir }
    }

    fn home(&self) -> std::path::PathBuf {
        self.dir.path().join("home")
    }

    /// `shell -c script` at home, from an empty working directory, with `path` before the
    /// system's PATH.
    fn run(&self, shell: &str, script: &str, path: &[std::path::PathBuf]) -> std::process::Output {
        let mut dirs = path.to_vec();
        dirs.push(self.dir.path().join("bin"));
        dirs.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        std::process::Command::new(shell)
            .args(["-c", script])
            .current_dir(self.dir.path().join("work"))
            .env("HOME", self.home())
            .env("PATH", std::env::join_paths(dirs).unwrap())
            .env_remove("MANPATH")
            .env_remove("XDG_DATA_HOME")
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("BASH_COMPLETION_USER_DIR")
            .env_remove("SRM_CATALOG")
            .output()
            .unwrap_or_else(|e| panic!("{shell} runs: {e}"))
    }
}

#[test]
fn every_install_line_of_the_readme_works_from_any_shell_and_writes_only_under_home() {
    let lines = readme_install_lines();
    assert!(lines.len() >= 5, "{lines:?}");
    let shells: Vec<&str> = ["sh", "bash", "zsh", "fish"]
        .into_iter()
        .filter(|s| installed(s))
        .collect();
    assert!(shells.contains(&"sh"), "no sh");
    let man = installed("man");
    for shell in &shells {
        let home = Home::new();
        for line in &lines {
            // `man -l -` needs man-db; the rest needs nothing but srm.
            if line.contains("man -l") && !man {
                continue;
            }
            let out = home.run(shell, line, &[]);
            assert!(
                out.status.success(),
                "{shell}: `{line}`: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let read = |path: &str| {
            std::fs::read_to_string(home.home().join(path))
                .unwrap_or_else(|e| panic!("{shell}: README's lines wrote no ~/{path}: {e}"))
        };
        assert!(
            read(".local/share/bash-completion/completions/srm").contains("_srm()"),
            "{shell}"
        );
        assert!(
            read(".config/fish/completions/srm.fish").contains("complete -c srm"),
            "{shell}"
        );
        assert!(read(".zfunc/_srm").starts_with("#compdef srm"), "{shell}");
        assert!(
            read(".local/share/man/man1/srm.1").contains(".TH srm 1"),
            "{shell}"
        );
        let stray: Vec<_> = std::fs::read_dir(home.dir.path().join("work"))
            .unwrap()
            .collect();
        assert!(stray.is_empty(), "{shell}: wrote {stray:?} where it ran");
    }
}

#[test]
fn the_shells_and_man_find_what_the_readme_installs() {
    let home = Home::new();
    for line in readme_install_lines()
        .into_iter()
        .filter(|l| !l.contains("man -l"))
    {
        assert!(home.run("sh", line, &[]).status.success(), "{line}");
    }
    let readme = include_str!("../../README.md");
    // srm man --help says where man finds the pages, as README does.
    let help = stdout_of(&["man", "--help"]).replace('\n', " ");
    for said in [
        "when ~/.local/bin is on PATH",
        "MANPATH includes ~/.local/share/man",
    ] {
        assert!(help.contains(said), "{help}");
    }
    let fpath = "fpath=(~/.zfunc $fpath)";
    assert!(readme.contains(&format!("`{fpath}` in `~/.zshrc`")));
    let stdout = |out: std::process::Output| String::from_utf8_lossy(&out.stdout).into_owned();
    if installed("zsh") {
        let script = format!(
            "{fpath}; autoload -Uz compinit && compinit -u -d ~/.zcompdump; print -r -- $_comps[srm]"
        );
        assert_eq!(stdout(home.run("zsh", &script, &[])).trim(), "_srm");
        // Without the line, zsh knows nothing of srm: the line is needed.
        let script =
            "autoload -Uz compinit && compinit -u -d ~/.zcompdump2; print -r -- \"[$_comps[srm]]\"";
        assert_eq!(stdout(home.run("zsh", script, &[])).trim(), "[]");
    } else {
        eprintln!("skipped: zsh is not installed");
    }
    let loader = "/usr/share/bash-completion/bash_completion";
    if std::path::Path::new(loader).exists() {
        let script = format!(". {loader}; _completion_loader srm; complete -p srm");
        assert!(
            stdout(home.run("bash", &script, &[])).contains("-F _srm srm"),
            "bash-completion did not load ~/.local/share/bash-completion/completions/srm"
        );
    } else {
        eprintln!("skipped: bash-completion is not installed");
    }
    if installed("man") && installed("manpath") {
        let pages = home.home().join(".local/share/man/man1/srm.1");
        // With ~/.local/bin on PATH, man-db finds ~/.local/share/man beside it…
        let local_bin = home.home().join(".local/bin");
        let first = |out| stdout(out).lines().next().unwrap_or_default().to_string();
        let found = first(home.run("sh", "man -w srm", &[local_bin]));
        assert_eq!(found, pages.to_str().unwrap());
        // …without it, only through MANPATH (another package's srm(1) may be found then).
        let found = stdout(home.run("sh", "man -w srm", &[]));
        assert!(!found.contains(home.home().to_str().unwrap()), "{found}");
        let script = "MANPATH=\"$HOME/.local/share/man:\" man -w srm";
        assert_eq!(first(home.run("sh", script, &[])), pages.to_str().unwrap());
        // The trailing colon keeps the system's pages.
        if home.run("sh", "man -w man", &[]).status.success() {
            let script = "MANPATH=\"$HOME/.local/share/man:\" man -w man";
            assert!(home.run("sh", script, &[]).status.success());
        }
        assert!(readme.contains("export MANPATH=\"$HOME/.local/share/man:\""));
    } else {
        eprintln!("skipped: man-db is not installed");
    }
}

/// `srm catalog validate FILE`: exit 1, nothing on stdout, and the problem lines on stderr.
fn problems(path: &str) -> Vec<String> {
    let out = srm()
        .args(["catalog", "validate", path])
        .assert()
        .code(1)
        .stdout("")
        .get_output()
        .clone();
    String::from_utf8(out.stderr)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// The one problem of a catalogue file holding `text`, as `catalog validate` lists it, and the
/// first line any other command prints about it.
fn the_problem(dir: &std::path::Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    let lines = problems(path);
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert_eq!(lines[1], format!("error: 1 problem in {path}"));
    let out = srm()
        .args(["--catalog", path, "matrix"])
        .assert()
        .code(1)
        .stdout("")
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(stderr, format!("error: {}\n", lines[0]), "{name}");
    lines[0].strip_prefix(path).unwrap().to_string()
}

const HEAD: &str =
    "sources: [{id: s, title: S}]\nmodels: [{id: rds, name: RDS}, {id: os, name: OS}]\nlayers:\n";

#[test]
fn an_owner_that_is_not_one_says_which_words_are() {
    let dir = tempfile::tempdir().unwrap();
    let words = "an owner is customer, provider, shared or depends";
    let long = "x".repeat(5_000);
    for (value, col, says) in [
        ("aws", 52, format!("unknown owner `aws`; {words}")),
        (
            "Shared",
            52,
            "owner `Shared` is written `shared`".to_string(),
        ),
        (
            "split",
            52,
            "`split` is derived by srm, never written".to_string(),
        ),
        (
            "unmapped",
            52,
            "`unmapped` is derived by srm, never written".to_string(),
        ),
        (
            "3",
            52,
            format!("a number (`3`) where an owner goes; {words}"),
        ),
        (
            "~",
            52,
            format!("no owner (an empty value or null); {words}"),
        ),
        ("[customer]", 52, "a list where an owner goes".to_string()),
        (
            &long,
            52,
            format!("unknown owner `{}…`; {words}", "x".repeat(64)),
        ),
    ] {
        let text = format!(
            "{HEAD}  - {{id: db, name: DB, owners: {{os: customer, rds: {value}}}, source: s}}\n"
        );
        let problem = the_problem(dir.path(), "owner.yaml", &text);
        assert!(
            problem.starts_with(&format!(":4:{col}: {says}")),
            "{value:.20}: {problem}"
        );
        assert!(!problem.contains("variant"), "{problem}");
        assert!(problem.len() < 300, "{problem}");
    }
    // YAML reads `yes` as a yes/no value, in block style too.
    let text = format!(
        "{HEAD}  - id: db\n    name: DB\n    owners:\n      rds: customer\n      os: yes\n    source: s\n"
    );
    assert_eq!(
        the_problem(dir.path(), "yes.yaml", &text),
        format!(":8:11: a yes/no (true/false) value where an owner goes; {words}")
    );
    // JSON says the same.
    for (value, says) in [
        ("\"aws\"", format!("unknown owner `aws`; {words}")),
        (
            "true",
            format!("a yes/no (true/false) value where an owner goes; {words}"),
        ),
    ] {
        let text = format!(
            r#"{{"sources": [{{"id": "s", "title": "S"}}], "models": [{{"id": "rds", "name": "R"}}],
"layers": [{{"id": "db", "name": "DB", "owners": {{"rds": {value}}}, "source": "s"}}]}}"#
        );
        let problem = the_problem(dir.path(), "owner.json", &text);
        assert!(problem.starts_with(":2:"), "{problem}");
        assert!(problem.contains(&format!(": {says}")), "{problem}");
    }
}

#[test]
fn a_bare_control_id_is_shown_the_ids_and_why_form() {
    let dir = tempfile::tempdir().unwrap();
    let form = "an entry names its ids and why the row bears on them: `{ids: [ac-2], why: \"how the row bears on it\"}`";
    let row = "  - {id: db, name: DB, owners: {os: customer, rds: provider}, source: s";
    let flow = format!("{HEAD}{row}, controls: [ac-2]}}\n");
    assert_eq!(
        the_problem(dir.path(), "flow.yaml", &flow),
        format!(":4:85: a bare control id where a `controls` entry goes; {form}")
    );
    let block = format!(
        "{HEAD}  - id: db\n    name: DB\n    owners: {{os: customer, rds: provider}}\n    source: s\n    controls:\n      - ac-2\n"
    );
    assert_eq!(
        the_problem(dir.path(), "block.yaml", &block),
        format!(":9:9: a bare control id where a `controls` entry goes; {form}")
    );
    let nested = format!("{HEAD}{row}, controls: [[ac-2, ia-2]]}}\n");
    assert_eq!(
        the_problem(dir.path(), "nested.yaml", &nested),
        format!(":4:85: a list where a `controls` entry goes; {form}")
    );
    let json = r#"{"sources": [{"id": "s", "title": "S"}], "models": [{"id": "a", "name": "A"}],
"layers": [{"id": "db", "name": "DB", "owners": {"a": "customer"}, "source": "s", "controls": ["ac-2"]}]}"#;
    let problem = the_problem(dir.path(), "bare.json", json);
    assert!(
        problem.starts_with(":2:")
            && problem.ends_with(&format!(
                ": a bare control id where a `controls` entry goes; {form}"
            )),
        "{problem}"
    );
    // The form itself still loads, and its mistakes are still told as fields.
    let ok = format!("{HEAD}{row}, controls: [{{ids: [ac-2], why: logins}}]}}\n");
    let path = dir.path().join("ok.yaml");
    std::fs::write(&path, ok).unwrap();
    srm()
        .args(["catalog", "validate"])
        .arg(&path)
        .assert()
        .success();
    let missing = format!("{HEAD}{row}, controls: [{{ids: [ac-2]}}]}}\n");
    assert!(the_problem(dir.path(), "missing.yaml", &missing).ends_with(": missing field `why`"));
}

#[test]
fn a_tab_in_indentation_is_placed_where_it_stands() {
    let dir = tempfile::tempdir().unwrap();
    let says = "a tab in indentation; YAML indents with spaces only: replace it with spaces";
    // The shipped fixture: serde-saphyr placed it at 9:9, the start of the `os` before it.
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/bad/tab-indentation.yaml");
    let text = std::fs::read_to_string(&fixture).unwrap();
    assert_eq!(text.lines().nth(9).unwrap().find('\t'), Some(0));
    assert_eq!(
        the_problem(dir.path(), "fixture.yaml", &text),
        format!(":10:1: {says}")
    );
    for (name, text, place) in [
        // A tab opening a list item: the parser placed it one column after the tab.
        ("item", "sources:\n\t- {id: s, title: S}\n", "2:1"),
        // After spaces, on the line after a plain scalar.
        (
            "after-spaces",
            "sources: [{id: s, title: S}]\nmodels:\n  - id: a\n  \tname: A\n",
            "4:3",
        ),
        // A plain scalar that goes on over lines, then a tab.
        (
            "long-scalar",
            "sources: [{id: s, title: S}]\nmodels:\n  - id: a\n    name: A\n      b\n\t  c\n",
            "6:1",
        ),
    ] {
        for (ending, eol) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
            let text = text.replace('\n', eol);
            assert_eq!(
                the_problem(dir.path(), &format!("{name}-{ending}.yaml"), &text),
                format!(":{place}: {says}"),
                "{name} {ending}"
            );
        }
    }
}

#[test]
fn a_count_of_one_is_singular_wherever_it_is_said() {
    // One control.
    let out = stdout_of(&[
        "controls",
        "--model",
        "saas",
        "--baseline",
        "nist-privacy",
        "--family",
        "pe",
    ]);
    assert!(
        out.starts_with("1 control under SaaS (saas), baseline nist-privacy\n"),
        "{out}"
    );
    // One problem past the hundred listed.
    let dir = tempfile::tempdir().unwrap();
    let mut text =
        String::from("sources: [{id: s, title: S}]\nmodels: [{id: a, name: A}]\nlayers:\n");
    for i in 0..101 {
        text.push_str(&format!(
            "  - {{id: l{i}, name: L{i}, owners: {{a: customer}}, source: nowhere}}\n"
        ));
    }
    let path = dir.path().join("many.yaml");
    std::fs::write(&path, text).unwrap();
    let path = path.to_str().unwrap();
    let lines = problems(path);
    assert_eq!(lines.len(), 102, "{lines:?}");
    assert_eq!(
        lines[100],
        format!(
            "{path}: … and 1 more problem, not listed (srm keeps the first 100); fix these first"
        )
    );
    assert_eq!(lines[101], format!("error: 101 problems in {path}"));
}

#[test]
fn the_catalogue_schema_refuses_what_the_loader_refuses() {
    let schema: serde_json::Value =
        serde_json::from_str(&stdout_of(&["catalog", "schema"])).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    // The embedded catalogue, as JSON, passes.
    let yaml = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/catalog.yaml"),
    )
    .unwrap();
    let embedded: serde_json::Value = serde_saphyr::from_str(&yaml).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&embedded)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.json");
    let minimal = serde_json::json!({
        "sources": [{"id": "s", "title": "S"}],
        "models": [{"id": "a", "name": "A"}],
        "layers": [{"id": "l", "name": "L", "owners": {"a": "customer"}, "source": "s"}]
    });
    assert!(validator.is_valid(&minimal));
    // Each document the loader refuses for being empty, the schema refuses too.
    let mut refused = vec![serde_json::json!({}), serde_json::json!({"sources": []})];
    for (key, empty) in [
        ("sources", serde_json::json!([])),
        ("models", serde_json::json!([])),
        ("layers", serde_json::json!([])),
    ] {
        let mut without = minimal.clone();
        without.as_object_mut().unwrap().remove(key);
        refused.push(without);
        let mut with_none = minimal.clone();
        with_none[key] = empty;
        refused.push(with_none);
    }
    let mut no_parts = minimal.clone();
    no_parts["layers"][0] = serde_json::json!({"id": "l", "name": "L", "parts": []});
    refused.push(no_parts);
    let mut no_ids = minimal.clone();
    no_ids["layers"][0]["controls"] = serde_json::json!([{"ids": [], "why": "w"}]);
    refused.push(no_ids);
    for doc in refused {
        assert!(!validator.is_valid(&doc), "the schema passes {doc}");
        std::fs::write(&path, doc.to_string()).unwrap();
        srm()
            .args(["catalog", "validate"])
            .arg(&path)
            .assert()
            .code(1);
    }
    // And the loader takes the minimal one, as the schema does.
    std::fs::write(&path, minimal.to_string()).unwrap();
    srm()
        .args(["catalog", "validate"])
        .arg(&path)
        .assert()
        .success();
}
