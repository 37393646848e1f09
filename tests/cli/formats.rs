//! Every command in every format, pictures of the matrix, checklists, explain, completions and
//! the manual page.

use predicates::prelude::*;

use crate::{srm, stdout_of};

const COMMANDS: &[&[&str]] = &[
    &["who", "--layer", "os", "--model", "paas"],
    &["who", "--layer", "network"],
    &["who", "--model", "saas", "--owner", "customer"],
    &["who"],
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
];

const FORMATS: &[&str] = &["table", "json", "yaml", "csv", "markdown"];

fn run(format: &str, command: &[&str]) -> String {
    let mut args = vec!["--format", format];
    args.extend_from_slice(command);
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
        assert_eq!(json["format_version"], 1);
        // CSV: a header and records of equal length, parsed back by the csv crate.
        let csv = run("csv", command);
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let width = reader.headers().unwrap().len();
        for record in reader.records() {
            assert_eq!(record.unwrap().len(), width, "{command:?}");
        }
        // Markdown: a table (or, for checklists, headed task lists).
        let md = run("markdown", command);
        if command[0] == "checklist" {
            assert!(md.starts_with("# Customer checklist"), "{md}");
        } else if command[0] == "explain" {
            assert!(md.starts_with("## "), "{md}");
            assert!(md.contains("|---|---|---|---|"), "{md}");
        } else {
            let mut lines = md.lines();
            assert!(lines.next().unwrap().starts_with("| "), "{md}");
            assert!(lines.next().unwrap().starts_with("|---|"), "{md}");
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
            (s("layer"), s("model"), s("owner"))
        })
        .collect();
    let csv = stdout_of(&["who", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (l, m, o) = (col("layer"), col("model"), col("owner"));
    let from_csv: Vec<(String, String, String)> = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[l].to_string(), r[m].to_string(), r[o].to_string())
        })
        .collect();
    assert_eq!(from_csv.len(), 52);
    assert_eq!(from_csv, from_json);

    // The matrix too: one record per layer and part, one column per model.
    let matrix: serde_json::Value =
        serde_json::from_str(&stdout_of(&["matrix", "--json"])).unwrap();
    let csv = stdout_of(&["matrix", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        [
            "layer", "part", "name", "on-prem", "iaas", "paas", "saas", "retained"
        ]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), 31);
    for layer in matrix["layers"].as_array().unwrap() {
        let rec = records
            .iter()
            .find(|r| &r[0] == layer["id"].as_str().unwrap() && r[1].is_empty())
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
            .args(["--format", format, "who"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(predicate::str::contains("use them with `srm matrix`"));
    }
}

#[test]
fn html_page_has_every_layer_model_legend_and_source() {
    let html = stdout_of(&["matrix", "--format", "html"]);
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
        serde_json::from_str(&stdout_of(&["matrix", "--json"])).unwrap();
    for layer in matrix["layers"].as_array().unwrap() {
        let id = layer["id"].as_str().unwrap();
        assert!(html.contains(&format!("data-id=\"{id}\"")), "{id}");
        for part in layer["parts"].as_array().unwrap() {
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
    let svg = stdout_of(&["matrix", "--format", "svg"]);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.trim_end().ends_with("</svg>"));
    assert_eq!(
        svg.matches("<g class=\"cell shared\">").count()
            + svg.matches("<rect class=\"cell ").count(),
        31 * 4 + 4
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
    for layer in ["(data)", "(identity)", "(config)", "(app)", "(network)"] {
        assert!(
            md.contains("## ") && md.contains(layer),
            "{layer} missing:\n{md}"
        );
    }
    assert!(!md.contains("(os)") && !md.contains("`os`"), "{md}");
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
    assert_eq!(doc["layers"].as_array().unwrap().len(), 1);
    assert_eq!(doc["layers"][0]["items"][0]["id"], "data");
    assert_eq!(
        doc["layers"][0]["items"][0]["provider_covers"],
        serde_json::json!([])
    );
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
    assert_eq!(doc["parent_layer"], "ai-platform");
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
fn man_page_renders() {
    let man = stdout_of(&["man"]);
    assert!(man.contains(".TH srm"), "{man}");
    assert!(man.contains("checklist"), "{man}");
}
