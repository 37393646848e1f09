//! Validates the bundled catalogue and transcodes it from YAML to JSON at build time.
//!
//! Why: every `srm` run loads the embedded catalogue, and JSON of the same document parses
//! several times faster than its YAML, through the very same loader and validation (a catalogue
//! whose first character is `{` is read as JSON). `data/catalog.yaml` stays the one source: it
//! is what people edit and what `srm catalog show` prints. Because the build runs srm's own
//! loader over it, a broken `data/` file fails the build, never a user.

use std::path::PathBuf;

// srm's catalogue types, file format and loader, compiled into this build script as they are.
#[allow(dead_code)]
#[path = "src/catalog/mod.rs"]
mod catalog;
#[allow(dead_code)]
#[path = "src/controls/mod.rs"]
mod controls;
#[allow(dead_code)]
#[path = "src/sanitize.rs"]
mod sanitize;
// The loader's modules, as siblings here: in srm they sit in `load/` and name each other
// through `super::`, which here is this script's root.
#[allow(dead_code)]
#[path = "src/load/error.rs"]
mod error;
#[allow(dead_code)]
#[path = "src/load/stream.rs"]
mod stream;
#[allow(dead_code)]
#[path = "src/load/validate.rs"]
mod validate;
#[allow(dead_code)]
#[path = "src/load/yaml.rs"]
mod yaml;

/// Stands in for `load::Input`, which the error module names but this script never builds.
#[derive(Debug)]
enum Input {}

impl Input {
    fn origin(&self) -> String {
        match *self {}
    }
}

fn main() {
    println!("cargo::rerun-if-changed=data/catalog.yaml");
    println!("cargo::rerun-if-changed=src/catalog");
    println!("cargo::rerun-if-changed=src/load");
    println!("cargo::rerun-if-changed=data/controls.json");
    let yaml = match std::fs::read_to_string("data/catalog.yaml") {
        Ok(text) => text,
        Err(e) => fail(&format!("cannot read data/catalog.yaml: {e}")),
    };
    let mut builder = validate::Builder::new(true);
    if let Err(p) = yaml::parse(&yaml, &mut builder) {
        fail(&located(&p));
    }
    if let Err(problems) = builder.finish() {
        for p in &problems {
            eprintln!("{}", located(p));
        }
        fail(&format!(
            "data/catalog.yaml has {} problem(s)",
            problems.len()
        ));
    }
    let value: serde_json::Value = match serde_saphyr::from_str(&yaml) {
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

fn located(p: &error::Problem) -> String {
    format!(
        "data/catalog.yaml:{}:{}: {}",
        p.line.unwrap_or(0),
        p.column.unwrap_or(0),
        p.message
    )
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
