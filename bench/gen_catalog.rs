//! Writes a deterministic catalogue of N rows to stdout, for the scaling benchmark.
//!
//! `cargo run --release --example gen-catalog -- 100000 > big.yaml`
//! `cargo run --release --example gen-catalog -- 100000 json > big.json`
//!
//! Rows are lean (short ids, names and notes, no duties) so that 100,000 of them stay well under
//! srm's 64 MiB input limit; they are spread over layers of up to 100 parts, with the four
//! usual models and owners cycling through every value, `depends` always with its note. The
//! YAML and the JSON forms hold the same catalogue.
use std::io::Write;

const MODELS: [&str; 4] = ["on-prem", "iaas", "paas", "saas"];
const OWNERS: [&str; 4] = ["customer", "provider", "shared", "depends"];

fn main() {
    let mut args = std::env::args().skip(1);
    let rows: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let json = args.next().as_deref() == Some("json");
    // Each syntax spells the same five pieces.
    let (open_map, close_map, q) = if json {
        ("{", "}", "\"")
    } else {
        ("{", "}", "")
    };
    let kv = |k: &str, v: &str| format!("{q}{k}{q}: {q}{v}{q}");
    let mut out = String::with_capacity(rows * 180);
    let models: Vec<String> = MODELS
        .iter()
        .map(|m| format!("{open_map}{}, {}{close_map}", kv("id", m), kv("name", m)))
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
    let cells = |o: &[&str]| -> String {
        let owners: Vec<String> = MODELS.iter().zip(o).map(|(m, o)| kv(m, o)).collect();
        let notes: Vec<String> = MODELS
            .iter()
            .zip(o)
            .filter(|(_, o)| **o == "depends")
            .map(|(m, _)| kv(m, "n"))
            .collect();
        let mut text = format!("{q}owners{q}: {{{}}}", owners.join(", "));
        if !notes.is_empty() {
            text.push_str(&format!(", {q}notes{q}: {{{}}}", notes.join(", ")));
        }
        text
    };
    // The first layer is `os` with a row of its own, so `who --layer os` means the same
    // question at every size.
    let os = ["customer", "customer", "provider", "provider"];
    let first = format!(
        "{{{}, {}, {}, {}}}",
        kv("id", "os"),
        kv("name", "OS"),
        cells(&os),
        kv("source", "s")
    );
    let mut layers = vec![first];
    let mut made = 1;
    let mut layer = 0;
    while made < rows {
        let parts = (rows - made).min(100);
        let mut part_list = Vec::with_capacity(parts);
        for p in 0..parts {
            let k = made + p;
            let o: Vec<&str> = (0..4).map(|m| OWNERS[(k * 7 + m * 3) % 4]).collect();
            part_list.push(format!(
                "{{{}, {}, {}, {}}}",
                kv("id", &format!("r{k}")),
                kv("name", &format!("R{k}")),
                cells(&o),
                kv("source", "s")
            ));
        }
        let (id, name) = (format!("l{layer}"), format!("L{layer}"));
        layers.push(if json {
            format!(
                "{{{}, {}, \"parts\": [\n  {}]}}",
                kv("id", &id),
                kv("name", &name),
                part_list.join(",\n  ")
            )
        } else {
            format!(
                "id: {id}\n    name: {name}\n    parts:\n{}",
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
