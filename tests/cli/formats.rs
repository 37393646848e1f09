//! Every command in every format, pictures of the matrix, checklists, explain, completions and
//! the manual page.

use predicates::prelude::*;

use crate::{srm, stdout_of};

const COMMANDS: &[&[&str]] = &[
    &["who", "--layer", "os", "--model", "paas"],
    &["who", "--layer", "network"],
    &["who", "--model", "saas", "--owner", "customer"],
    &["who"],
    &["who", "--scope", "all"],
    &["diff", "iaas", "saas", "--all"],
    &["retained"],
    &["matrix"],
    &["layers"],
    &["models"],
    &["checklist", "paas"],
    &["checklist", "saas", "--layer", "ai-usage"],
    &["explain", "identity"],
    &["explain", "network-controls"],
    &["explain", "paas"],
    &["find", "patch"],
    &["find", "prompt", "injection", "--scope", "ai"],
    &["find", "ac-2", "mfa"],
    &["find", "ps-3"],
];

const FORMATS: &[&str] = &["table", "json", "yaml", "csv", "markdown"];

fn run(format: &str, command: &[&str]) -> String {
    let mut args = command.to_vec();
    args.extend_from_slice(&["--format", format]);
    stdout_of(&args)
}

#[test]
fn every_command_in_every_format() {
    for command in COMMANDS {
        for format in FORMATS {
            let out = run(format, command);
            assert!(
                !out.trim().is_empty(),
                "{format} {command:?} printed nothing"
            );
            assert!(
                !out.contains('\x1b'),
                "{format} {command:?} is colored when piped"
            );
        }
        // YAML and JSON are the same document.
        let json: serde_json::Value = serde_json::from_str(&run("json", command)).unwrap();
        let yaml: serde_json::Value = serde_saphyr::from_str(&run("yaml", command)).unwrap();
        assert_eq!(json, yaml, "{command:?}");
        assert_eq!(json["format_version"], 2);
        // CSV: a header and records of equal length, parsed back by the csv crate.
        let csv = run("csv", command);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let width = reader.headers().unwrap().len();
        for record in reader.records() {
            assert_eq!(record.unwrap().len(), width, "{command:?}");
        }
        // Markdown for people: headed task lists for checklists; a heading and a table of
        // names, not field names, for the rest written for people; records for the lists.
        let md = run("markdown", command);
        match command[0] {
            "checklist" => assert!(md.starts_with("# Customer checklist"), "{md}"),
            "who" | "diff" | "retained" | "find" | "explain" => {
                assert!(md.starts_with("## "), "{command:?}: {md}");
                for field in [
                    "from_owner",
                    "to_owner",
                    "toward_provider",
                    "layer_name",
                    "model_name",
                ] {
                    assert!(!md.contains(field), "{command:?} dumps {field}: {md}");
                }
            }
            _ => {
                let mut lines = md.lines();
                assert!(lines.next().unwrap().starts_with("| "), "{md}");
                assert!(lines.next().unwrap().starts_with("|---|"), "{md}");
            }
        }
    }
}

#[test]
fn csv_cells_are_the_json_cells() {
    let json: serde_json::Value = serde_json::from_str(&stdout_of(&["who", "--json"])).unwrap();
    let from_json: Vec<(String, String, String)> = json["cells"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |k: &str| c[k].as_str().unwrap().to_string();
            (s("id"), s("model"), s("owner"))
        })
        .collect();
    let csv = stdout_of(&["who", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (l, m, o) = (col("id"), col("model"), col("owner"));
    let from_csv: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[l].to_string(), r[m].to_string(), r[o].to_string())
        })
        .collect();
    assert_eq!(from_csv.len(), 10 * 4);
    assert_eq!(from_csv, from_json);

    // The matrix too: one record per layer and part, one column per model.
    let matrix: serde_json::Value =
        serde_json::from_str(&stdout_of(&["matrix", "--scope", "all", "--json"])).unwrap();
    let csv = stdout_of(&["matrix", "--scope", "all", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "id", "layer", "name", "on-prem", "iaas", "paas", "saas", "retained"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 31);
    for layer in matrix["layers"].as_array().unwrap() {
        let rec = records
            .iter()
            .find(|r| &r[0] == layer["id"].as_str().unwrap() && r[0] == r[1])
            .unwrap();
        for (i, model) in ["on-prem", "iaas", "paas", "saas"].iter().enumerate() {
            assert_eq!(&rec[3 + i], layer["owners"][model].as_str().unwrap());
        }
    }
}

#[test]
fn pictures_are_for_the_matrix_only() {
    for format in ["html", "svg"] {
        srm()
            .args(["who", "--format", format])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains(format!(
                "invalid value '{format}'"
            )));
    }
}

#[test]
fn the_csv_example_of_the_readme_keeps_quoted_commas() {
    // README pipes CSV into a reader that honours quotes (not `column -s,`).
    let csv = stdout_of(&["matrix", "--scope", "all", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let names: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[2].to_string())
        .collect();
    assert!(
        names
            .iter()
            .any(|n| n == "Identity, device and access management")
    );
}

#[test]
fn html_page_has_every_layer_model_legend_and_source() {
    let html = stdout_of(&["matrix", "--scope", "all", "--format", "html"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.trim_end().ends_with("</html>"));
    assert!(
        !html.contains("http") || !html.contains("<link"),
        "no external resources"
    );
    assert!(!html.contains("<script"), "no scripts");
    for model in ["on-prem", "iaas", "paas", "saas"] {
        assert!(
            html.contains(&format!("<th class=\"model\" data-model=\"{model}\">")),
            "{model}"
        );
    }
    let matrix: serde_json::Value =
        serde_json::from_str(&stdout_of(&["matrix", "--scope", "all", "--json"])).unwrap();
    for layer in matrix["layers"].as_array().unwrap() {
        let id = layer["id"].as_str().unwrap();
        assert!(html.contains(&format!("data-id=\"{id}\"")), "{id}");
        for part in layer["rows"].as_array().unwrap() {
            let pid = part["id"].as_str().unwrap();
            assert!(
                html.contains("<tr class=\"part") && html.contains(&format!("data-id=\"{pid}\"")),
                "{pid}"
            );
        }
    }
    // 13 layers + 18 parts, 4 models each.
    assert_eq!(html.matches("<td class=\"owner ").count(), 31 * 4);
    assert_eq!(
        html.matches("<tr class=\"layer retained\"").count(),
        3,
        "endpoint, data, config"
    );
    for legend in [
        "swatch customer",
        "swatch provider",
        "swatch shared",
        "swatch depends",
        "swatch split",
        "always retained",
    ] {
        assert!(html.contains(legend), "{legend}");
    }
    assert!(html.contains("<td class=\"owner depends\""));
    assert!(html.contains(
        "href=\"https://learn.microsoft.com/azure/security/fundamentals/shared-responsibility-ai\""
    ));
}

#[test]
fn svg_is_standalone_and_complete() {
    let svg = stdout_of(&["matrix", "--scope", "all", "--format", "svg"]);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(
        svg.matches("<g class=\"cell shared\">").count()
            + svg.matches("<rect class=\"cell ").count(),
        31 * 4 + 5
    );
    assert!(svg.contains("url(#hatch)"));
    for model in ["On-premises", "IaaS", "PaaS", "SaaS"] {
        assert!(svg.contains(&format!(">{model}</text>")), "{model}");
    }
    assert!(svg.contains("always retained by the customer"));
    assert!(svg.contains("[ms-ai]"));
}

#[test]
fn pictures_and_markdown_escape_catalogue_text() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.yaml");
    let yaml = stdout_of(&["catalog", "show"]).replace(
        "name: Operating system",
        "name: \"<script>alert('x')</script> | *os* & co\"",
    );
    std::fs::write(&path, yaml).unwrap();
    let p = path.to_str().unwrap();
    for format in ["html", "svg"] {
        let out = stdout_of(&["--catalog", p, "matrix", "--format", format]);
        assert!(!out.contains("<script>"), "{format}");
        assert!(
            out.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; | *os* &amp; co"),
            "{format}"
        );
    }
    let md = stdout_of(&["--catalog", p, "matrix", "--format", "markdown"]);
    assert!(
        md.contains("\\<script\\>alert('x')\\</script\\> \\| \\*os\\* \\& co"),
        "{md}"
    );
}

#[test]
fn checklist_paas_in_markdown() {
    let md = stdout_of(&["checklist", "paas", "--format", "markdown"]);
    for layer in [
        "(`data`)",
        "(`identity`)",
        "(`config`)",
        "(`app`)",
        "(`network`)",
    ] {
        assert!(
            md.contains("## ") && md.contains(layer),
            "{layer} missing:\n{md}"
        );
    }
    // The provider's OS is listed for what it still leaves the customer, and only that.
    assert!(md.contains("(`os`, provider)"), "{md}");
    assert!(md.contains("container images"), "{md}");
    assert!(
        !md.contains("Patch and harden the operating system"),
        "{md}"
    );
    assert!(
        !md.contains("Physical network"),
        "the provider's part of the network is not listed:\n{md}"
    );
    assert!(
        md.contains("**Network controls** (`network-controls`, shared)"),
        "{md}"
    );
    assert!(md.contains("- [ ] Classify data by sensitivity"), "{md}");
    assert!(
        md.contains("provider covers: Build network isolation"),
        "{md}"
    );
    // --layer narrows it.
    let one = stdout_of(&["checklist", "paas", "--layer", "data", "--json"]);
    let doc: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(doc["rows"].as_array().unwrap().len(), 1);
    assert_eq!(doc["rows"][0]["id"], "data");
    assert_eq!(doc["rows"][0]["provider_covers"], serde_json::json!([]));
    // The classic stack by default: the AI layers are left out, and it says so.
    assert!(!md.contains("(`ai-"), "{md}");
    assert!(
        md.ends_with("\n13 AI rows left out (`--scope all` shows them)\n"),
        "{md}"
    );
    // With them, notes are there, for depends rows above all.
    let all = stdout_of(&[
        "checklist",
        "paas",
        "--scope",
        "all",
        "--format",
        "markdown",
    ]);
    assert!(
        all.contains("  - note: Depends on the model chosen"),
        "{all}"
    );
    assert!(!all.contains("left out"), "{all}");
}

#[test]
fn checklist_csv_is_one_line_per_duty_with_an_empty_status() {
    let csv = stdout_of(&["checklist", "paas", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["layer", "row", "owner", "duty", "note", "status"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let data: Vec<&csv::StringRecord> = records.iter().filter(|r| &r[1] == "data").collect();
    assert_eq!(data.len(), 4, "one line per duty of the data row");
    assert!(
        records
            .iter()
            .all(|r| r[5].is_empty() && !r[3].contains('\n'))
    );
    let json: serde_json::Value =
        serde_json::from_str(&stdout_of(&["checklist", "paas", "--json"])).unwrap();
    let duties: usize = json["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["duties"].as_array().unwrap().len().max(1))
        .sum();
    assert_eq!(records.len(), duties);
}

#[test]
fn the_checklist_table_shows_notes() {
    let table = stdout_of(&["checklist", "paas", "--scope", "all"]);
    assert!(table.contains("Note"), "{table}");
    assert!(table.contains("Depends on the model chosen"), "{table}");
}

#[test]
fn checklist_and_explain_errors() {
    srm()
        .args(["checklist", "pas"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean 'paas'"));
    srm()
        .args(["explain", "kernal"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("did you mean 'os'"));
}

#[test]
fn explain_a_model_lists_every_layer_under_it() {
    let doc: serde_json::Value =
        serde_json::from_str(&stdout_of(&["explain", "SaaS", "--json"])).unwrap();
    assert_eq!(doc["kind"], "model");
    assert_eq!(doc["cells"].as_array().unwrap().len(), 13);
    let doc: serde_json::Value =
        serde_json::from_str(&stdout_of(&["explain", "ai-model-tuning", "--json"])).unwrap();
    assert_eq!(doc["kind"], "part");
    assert_eq!(doc["layer"], "ai-platform");
    assert_eq!(doc["cells"][2]["owner"], "depends");
    assert!(
        doc["cells"][2]["note"]
            .as_str()
            .unwrap()
            .contains("Depends on the model chosen")
    );
    assert!(!doc["duties"]["customer"].as_array().unwrap().is_empty());
    assert_eq!(
        doc["sources"][0]["url"],
        "https://learn.microsoft.com/azure/security/fundamentals/shared-responsibility-ai"
    );
}

#[test]
fn color_obeys_flags_and_environment() {
    let colored = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = srm();
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = cmd
            .args(args)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        String::from_utf8(out).unwrap().contains('\x1b')
    };
    assert!(!colored(&["matrix"], &[]));
    assert!(!colored(&["matrix"], &[("NO_COLOR", "1")]));
    assert!(colored(&["--color", "always", "matrix"], &[]));
    assert!(!colored(&["matrix"], &[("TERM", "dumb")]));
    assert!(colored(
        &["--color", "always", "matrix"],
        &[("NO_COLOR", "1")]
    ));
    assert!(colored(&["matrix"], &[("CLICOLOR_FORCE", "1")]));
    assert!(!colored(&["matrix"], &[("CLICOLOR_FORCE", "0")]));
    assert!(!colored(
        &["matrix"],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]
    ));
    assert!(!colored(
        &["--color", "never", "matrix"],
        &[("CLICOLOR_FORCE", "1")]
    ));
    // Colors never leak into machine formats.
    assert!(!colored(&["--color", "always", "matrix", "--json"], &[]));
    assert!(!colored(
        &["--color", "always", "matrix", "--format", "csv"],
        &[]
    ));
}

#[test]
fn completions_for_every_shell_offer_ids() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = stdout_of(&["completions", shell]);
        assert!(out.contains("srm"), "{shell}");
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(
                out.contains("network-controls") && out.contains("paas"),
                "{shell} does not offer ids"
            );
        }
    }
    srm().args(["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_pages_for_srm_and_every_command() {
    let man = stdout_of(&["man"]);
    assert!(man.contains(".TH srm"), "{man}");
    assert!(man.contains("checklist"), "{man}");
    for page in ["who", "diff", "find", "checklist", "catalog-validate"] {
        let man = stdout_of(&["man", page]);
        assert!(man.contains(&format!(".TH srm-{page}")), "{page}: {man}");
        for section in ["EXAMPLES", "ENVIRONMENT", "EXIT STATUS", "SEE ALSO"] {
            assert!(
                man.contains(&format!(".SH \"{section}\"")),
                "{page}: {section}"
            );
        }
        for var in ["SRM_CATALOG", "NO_COLOR", "CLICOLOR_FORCE", "TERM"] {
            assert!(man.contains(var), "{page}: {var}");
        }
        assert!(!man.contains('`'), "{page} has Markdown left: {man}");
    }
    let who = stdout_of(&["man", "who"]);
    assert!(who.contains("\\-\\-layer") || who.contains("\\-l"), "{who}");
    srm().args(["man", "nosuch"]).assert().code(2);
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("man1");
    srm()
        .args(["man", "--dir", target.to_str().unwrap()])
        .assert()
        .success()
        .stdout("");
    let mut files: Vec<String> = std::fs::read_dir(&target)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    for page in [
        "srm.1",
        "srm-who.1",
        "srm-diff.1",
        "srm-find.1",
        "srm-catalog-show.1",
    ] {
        assert!(files.iter().any(|f| f == page), "{page} not in {files:?}");
    }
}

#[test]
fn completions_give_each_value_once_and_only_printable_formats() {
    let bash = stdout_of(&["completions", "bash"]);
    // diff's two models are offered once, not once per positional.
    let diff_opts = bash
        .lines()
        .find(|l| l.contains("opts=") && l.contains("--all"))
        .unwrap_or_else(|| panic!("no diff options in:\n{bash}"));
    assert_eq!(diff_opts.matches(" saas").count(), 1, "{diff_opts}");
    // who cannot print pictures, matrix can.
    let fish = stdout_of(&["completions", "fish"]);
    let formats = |command: &str| {
        let start = fish
            .find(&format!(
                "__fish_srm_using_subcommand {command}\" -l format"
            ))
            .unwrap_or_else(|| panic!("no {command} --format in:\n{fish}"));
        let rest = &fish[start..];
        let end = rest[1..].find("complete -c").map_or(rest.len(), |e| e + 1);
        rest[..end].to_string()
    };
    assert!(!formats("who").contains("svg"), "{}", formats("who"));
    assert!(formats("matrix").contains("svg"), "{}", formats("matrix"));
}
