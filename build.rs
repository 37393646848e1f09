//! Transcodes the bundled catalogue from YAML to JSON at build time.
//!
//! Why: every `srm` run loads the embedded catalogue, and parsing its YAML was three quarters
//! of the cost of a whole `srm who` (libyaml tokenising plus serde_yaml's event buffer). JSON
//! of the same document parses several times faster with serde_json, through the very same
//! types and validation. `data/catalog.yaml` stays the one source: it is what people edit,
//! what `srm catalog show` prints, and what the tests validate with the YAML loader, so a
//! broken file still fails the build or the tests, never a user.
use std::path::PathBuf;

fn main() {
    println!("cargo::rerun-if-changed=data/catalog.yaml");
    let yaml = match std::fs::read_to_string("data/catalog.yaml") {
        Ok(text) => text,
        Err(e) => fail(&format!("cannot read data/catalog.yaml: {e}")),
    };
    let value: serde_yaml::Value = match serde_yaml::from_str(&yaml) {
        Ok(v) => v,
        Err(e) => fail(&format!("data/catalog.yaml: {e}")),
    };
    let json = match serde_json::to_string(&value) {
        Ok(j) => j,
        Err(e) => fail(&format!("data/catalog.yaml cannot be written as JSON: {e}")),
    };
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("catalog.json");
    if let Err(e) = std::fs::write(&out, json) {
        fail(&format!("cannot write {}: {e}", out.display()));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
