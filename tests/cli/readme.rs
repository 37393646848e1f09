//! README's examples come from runs: every ```` ```console ```` block of README.md is run here
//! and must print what README shows. A block whose last line is `…` shows only the first lines
//! of the output; a command written `COLUMNS=N srm …` runs with that width. (`scripts/readme-console.py` refills the blocks after a change.)

use crate::srm;

/// The words of a command line, with '…' and "…" quoting (all README needs).
fn words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quote = None;
    let mut started = false;
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => word.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (None, ' ') => {
                if started || !word.is_empty() {
                    words.push(std::mem::take(&mut word));
                }
                started = false;
            }
            (None, c) => word.push(c),
        }
    }
    if started || !word.is_empty() {
        words.push(word);
    }
    words
}

#[test]
fn every_console_block_of_the_readme_is_what_srm_prints() {
    let readme = include_str!("../../README.md");
    let mut checked = 0;
    for block in readme.split("```console\n").skip(1) {
        let block = &block[..block.find("```").expect("a closed block")];
        let lines: Vec<&str> = block.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            // `$ srm ARGS`, or `$ COLUMNS=N srm ARGS` for a table fitted to N columns.
            let line = lines[i]
                .strip_prefix("$ ")
                .unwrap_or_else(|| panic!("console blocks run srm only: {}", lines[i]));
            let (columns, line) = match line.strip_prefix("COLUMNS=") {
                Some(rest) => {
                    let (n, rest) = rest.split_once(' ').expect("COLUMNS=N srm …");
                    (Some(n), rest)
                }
                None => (None, line),
            };
            let command = line
                .strip_prefix("srm ")
                .unwrap_or_else(|| panic!("console blocks run srm only: {}", lines[i]));
            let mut j = i + 1;
            while j < lines.len() && !lines[j].starts_with("$ ") {
                j += 1;
            }
            let shown = &lines[i + 1..j];
            let mut srm = srm();
            srm.env("NO_COLOR", "1");
            // `srm plan` examples read the project's fixtures by name.
            if command.starts_with("plan ") {
                let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/plan");
                for entry in std::fs::read_dir(dir).expect("the plan fixtures") {
                    let entry = entry.expect("a fixture");
                    std::fs::copy(entry.path(), srm.dir().join(entry.file_name()))
                        .expect("a copy of the fixture");
                }
            }
            if let Some(n) = columns {
                srm.env("COLUMNS", n);
            }
            let out = srm.args(words(command)).output().expect("srm runs");
            let text = String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr);
            let got: Vec<&str> = text.trim_end_matches('\n').split('\n').collect();
            match shown.split_last() {
                Some((&"…", head)) => {
                    assert!(
                        got.len() > head.len(),
                        "`srm {command}` prints less than README shows"
                    );
                    assert_eq!(&got[..head.len()], head, "`srm {command}` in README");
                }
                _ => assert_eq!(got, shown, "`srm {command}` in README"),
            }
            checked += 1;
            i = j;
        }
    }
    assert!(checked >= 10, "{checked} commands");
}

#[test]
fn words_split_like_a_shell() {
    assert_eq!(
        words("who --layer 'a b' -m \"c\""),
        ["who", "--layer", "a b", "-m", "c"]
    );
}
