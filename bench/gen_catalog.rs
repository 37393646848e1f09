//! Writes a deterministic catalogue of N rows to stdout, for the scaling benchmark.
//!
//! `cargo run --release --example gen-catalog -- 100000 > big.yaml`
//! `cargo run --release --example gen-catalog -- 100000 json > big.json`
//! `cargo run --release --example gen-catalog -- 100000 json lean > lean.json`
//!
//! Rows are realistic by default, as a user's generated catalogue would have them: every row
//! after the first (`os`, the layer every size is asked about) has a name, two aliases, a
//! description, duties for both sides and a note under every model, and the rows sit two to
//! a layer, each layer with an alias and a description of its own. At
//! 100,000 rows the JSON is about 60 MiB, under srm's 64 MiB input limit. `lean` writes the
//! older shape instead: short ids, names and notes, no duties, layers of up to 100 parts.
//! Either way the four usual models carry owners cycling through every value, `depends`
//! always with its note, and the YAML and the JSON forms hold the same catalogue.
use std::io::Write;

const MODELS: [&str; 4] = ["on-prem", "iaas", "paas", "saas"];
const OWNERS: [&str; 4] = ["customer", "provider", "shared", "depends"];

/// How the catalogue is spelt: JSON or YAML flow style, which differ only in their quotes.
struct Syntax {
    q: &'static str,
}

impl Syntax {
    fn kv(&self, k: &str, v: &str) -> String {
        let q = self.q;
        format!("{q}{k}{q}: {q}{v}{q}")
    }

    fn key(&self, k: &str) -> String {
        let q = self.q;
        format!("{q}{k}{q}")
    }

    fn list(&self, items: &[String]) -> String {
        let q = self.q;
        let quoted: Vec<String> = items.iter().map(|i| format!("{q}{i}{q}")).collect();
        format!("[{}]", quoted.join(", "))
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rows: usize = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1000);
    let json = args.iter().any(|a| a == "json");
    let lean = args.iter().any(|a| a == "lean");
    let s = Syntax {
        q: if json { "\"" } else { "" },
    };
    let mut out = String::with_capacity(rows * if lean { 180 } else { 640 });
    let models: Vec<String> = MODELS
        .iter()
        .map(|m| format!("{{{}, {}}}", s.kv("id", m), s.kv("name", m)))
        .collect();
    if json {
        out.push_str(&format!(
            "{{\"sources\": [{{\"id\": \"s\", \"title\": \"Generated\"}}],\n\"models\": [{}],\n\"layers\": [\n",
            models.join(", ")
        ));
    } else {
        out.push_str("sources:\n  - {id: s, title: Generated}\nmodels:\n");
        for m in &models {
            out.push_str(&format!("  - {m}\n"));
        }
        out.push_str("layers:\n");
    }
    // A row's owners, and its notes: on every model for a realistic row, else only where it
    // depends (where a note is required).
    let cells = |o: &[&str], k: usize| -> String {
        let owners: Vec<String> = MODELS.iter().zip(o).map(|(m, o)| s.kv(m, o)).collect();
        let notes: Vec<String> = MODELS
            .iter()
            .zip(o)
            .filter(|(_, o)| !lean || **o == "depends")
            .map(|(m, o)| {
                let note = if lean {
                    "n".to_string()
                } else {
                    format!("{o} per runbook {k}")
                };
                s.kv(m, &note)
            })
            .collect();
        let mut text = format!("{}: {{{}}}", s.key("owners"), owners.join(", "));
        if !notes.is_empty() {
            text.push_str(&format!(", {}: {{{}}}", s.key("notes"), notes.join(", ")));
        }
        text
    };
    // What a realistic row says beyond its owners.
    let more = |k: usize| -> String {
        if lean {
            return String::new();
        }
        let aliases = [format!("row-{k}"), format!("r{k}-alt")];
        let customer = [format!("Review access to component {k}")];
        let provider = [format!("Patch the platform under component {k}")];
        format!(
            ", {}: {}, {}, {}: {{{}: {}, {}: {}}}",
            s.key("aliases"),
            s.list(&aliases),
            s.kv(
                "description",
                &format!("Component {k} of the generated estate")
            ),
            s.key("duties"),
            s.key("customer"),
            s.list(&customer),
            s.key("provider"),
            s.list(&provider)
        )
    };
    // The first layer is `os` with a row of its own, so `who --layer os` means the same
    // question at every size.
    let os = ["customer", "customer", "provider", "provider"];
    let first = format!(
        "{{{}, {}, {}, {}}}",
        s.kv("id", "os"),
        s.kv("name", "OS"),
        cells(&os, 0),
        s.kv("source", "s")
    );
    let mut layers = vec![first];
    let mut made = 1;
    let mut layer = 0;
    let per_layer = if lean { 100 } else { 2 };
    while made < rows {
        let parts = (rows - made).min(per_layer);
        let mut part_list = Vec::with_capacity(parts);
        for p in 0..parts {
            let k = made + p;
            let o: Vec<&str> = (0..4).map(|m| OWNERS[(k * 7 + m * 3) % 4]).collect();
            let name = if lean {
                format!("R{k}")
            } else {
                format!("Generated row {k}")
            };
            part_list.push(format!(
                "{{{}, {}, {}, {}{}}}",
                s.kv("id", &format!("r{k}")),
                s.kv("name", &name),
                cells(&o, k),
                s.kv("source", "s"),
                more(k)
            ));
        }
        let (id, name) = (format!("l{layer}"), format!("L{layer}"));
        let about = |indent: &str, end: &str| -> String {
            if lean {
                return String::new();
            }
            format!(
                "{indent}{}: {}{end}{indent}{}{end}",
                s.key("aliases"),
                s.list(&[format!("layer-{layer}")]),
                s.kv("description", &format!("Generated layer {layer}"))
            )
        };
        layers.push(if json {
            format!(
                "{{{}, {}, {}\"parts\": [\n  {}]}}",
                s.kv("id", &id),
                s.kv("name", &name),
                about("", ", "),
                part_list.join(",\n  ")
            )
        } else {
            format!(
                "id: {id}\n    name: {name}\n{}    parts:\n{}",
                about("    ", "\n"),
                part_list
                    .iter()
                    .map(|p| format!("      - {p}\n"))
                    .collect::<String>()
            )
        });
        made += parts;
        layer += 1;
    }
    if json {
        out.push_str(&layers.join(",\n"));
        out.push_str("\n]}\n");
    } else {
        for l in &layers {
            out.push_str(&format!("  - {}", l.trim_end()));
            out.push('\n');
        }
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}
