//! Writes a deterministic catalogue of N rows to stdout, for the scaling benchmark.
//!
//! `cargo run --release --example gen-catalog -- 100000 > big.yaml`
//!
//! Rows are lean (short ids, names and notes, no duties) so that 100,000 of them stay well under srm's
//! 64 MiB input limit; they are spread over layers of up to 100 parts, with the four usual
//! models and owners cycling through every value, `depends` always with its note.
use std::io::Write;

fn main() {
    let rows: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(1000);
    let owners = ["customer", "provider", "shared", "depends"];
    let mut out = String::with_capacity(rows * 160);
    out.push_str("sources:\n  - {id: s, title: Generated}\nmodels:\n");
    for m in ["on-prem", "iaas", "paas", "saas"] {
        out.push_str(&format!("  - {{id: {m}, name: {m}}}\n"));
    }
    out.push_str("layers:\n");
    // The first layer is `os` with a row of its own, so `who --layer os` means the same
    // question at every size.
    out.push_str("  - {id: os, name: OS, owners: {on-prem: customer, iaas: customer, paas: provider, saas: provider}, source: s}\n");
    let mut made = 1;
    let mut layer = 0;
    while made < rows {
        let parts = (rows - made).min(100);
        out.push_str(&format!(
            "  - id: l{layer}\n    name: L{layer}\n    parts:\n"
        ));
        for p in 0..parts {
            let k = made + p;
            let o: Vec<&str> = (0..4).map(|m| owners[(k * 7 + m * 3) % 4]).collect();
            out.push_str(&format!(
                "      - {{id: r{k}, name: R{k}, owners: {{on-prem: {}, iaas: {}, paas: {}, saas: {}}}",
                o[0], o[1], o[2], o[3]
            ));
            let notes: Vec<String> = ["on-prem", "iaas", "paas", "saas"]
                .iter()
                .zip(&o)
                .filter(|(_, o)| **o == "depends")
                .map(|(m, _)| format!("{m}: n"))
                .collect();
            if !notes.is_empty() {
                out.push_str(&format!(", notes: {{{}}}", notes.join(", ")));
            }
            out.push_str(", source: s}\n");
        }
        made += parts;
        layer += 1;
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
}
