//! Writes, at build time, the bundled catalogue as JSON and the shipped control list as static
//! Rust data.
//!
//! Why JSON: a run that names a service, or lists or searches them, reads the whole embedded
//! catalogue, and JSON of the same document parses several times faster than its YAML, through
//! the very same loader (a catalogue whose first character is `{` is read as JSON). The two
//! lean forms (no services; no control mapping either) are what `src/catalog/embedded.rs`
//! spells as static data, and what its test checks it against. `data/catalog.yaml` stays the
//! one source: it is what people edit and what `srm catalog show` prints.
//!
//! This script knows nothing of srm's types and shares no file with it. Whether the bundled
//! catalogue is valid (every problem srm's loader finds, its `date`, its services, a control
//! mapping that leaves no baseline control out, URLs written as parsed) is checked by srm's
//! own loader in `cargo test` (`src/load/embedded.rs`), which CI runs before anything lands.

use std::path::PathBuf;

use serde_json::Value;

fn main() {
    write_controls();
    println!("cargo::rerun-if-changed=data/catalog.yaml");
    println!("cargo::rerun-if-changed=data/services.yaml");
    println!("cargo::rerun-if-changed=data/controls.json");
    let read = |path: &str| match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => fail(&format!("cannot read {path}: {e}")),
    };
    let layers = read("data/catalog.yaml");
    let services = read("data/services.yaml");
    if services.lines().any(|l| {
        ["sources:", "models:", "layers:", "date:"]
            .iter()
            .any(|k| l.starts_with(k))
    }) {
        fail(
            "data/services.yaml may hold only the `services` and `supporting` keys (its sources go inside each service)",
        );
    }
    // The embedded catalogue is the two files, one after the other (load/source.rs).
    let yaml = format!("{layers}\n{services}");
    let value: Value = match serde_saphyr::from_str(&yaml) {
        Ok(v) => v,
        Err(e) => fail(&format!("data/catalog.yaml with data/services.yaml: {e}")),
    };
    write_json("catalog.json", &value);
    // The same catalogue without its services, for the control commands that name none, and
    // without its control mapping too, for the other runs that name none (most of them): srm
    // loads the whole one when a name is not found in these (load/mod.rs, app/mod.rs).
    let mut lean = value;
    if let Some(map) = lean.as_object_mut() {
        map.remove("services");
        map.remove("supporting");
    }
    write_json("layers-controls.json", &lean);
    if let Some(map) = lean.as_object_mut() {
        map.remove("organisational");
        if let Some(Value::Array(list)) = map.get_mut("layers") {
            for layer in list.iter_mut().filter_map(Value::as_object_mut) {
                layer.remove("controls");
                if let Some(Value::Array(parts)) = layer.get_mut("parts") {
                    for part in parts.iter_mut().filter_map(Value::as_object_mut) {
                        part.remove("controls");
                    }
                }
            }
        }
    }
    write_json("layers.json", &lean);
}

/// Writes `value` as `name` in the build's output directory.
fn write_json(name: &str, value: &Value) {
    let json = match serde_json::to_string(value) {
        Ok(j) => j,
        Err(e) => fail(&format!("data/catalog.yaml cannot be written as JSON: {e}")),
    };
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = std::fs::write(dir.join(name), json) {
        fail(&format!("cannot write {name} in {}: {e}", dir.display()));
    }
}

/// Writes the shipped control list as static Rust data: the control commands then read it
/// without parsing anything.
fn write_controls() {
    #[derive(serde::Deserialize)]
    struct File {
        families: Vec<FamilyFile>,
        /// Baseline id → how many controls it selects (only the ids are read).
        baselines: std::collections::BTreeMap<String, serde_json::Value>,
        controls: Vec<ControlFile>,
    }
    #[derive(serde::Deserialize)]
    struct FamilyFile {
        id: String,
        title: String,
    }
    #[derive(serde::Deserialize)]
    struct ControlFile {
        id: String,
        label: String,
        family: String,
        title: String,
        parent: Option<String>,
        baselines: Vec<String>,
    }
    let text = match std::fs::read_to_string("data/controls.json") {
        Ok(text) => text,
        Err(e) => fail(&format!("cannot read data/controls.json: {e}")),
    };
    let file: File = match serde_json::from_str(&text) {
        Ok(file) => file,
        Err(e) => fail(&format!("data/controls.json: {e}")),
    };
    // Every text in one string, each record naming its texts by offsets into it: records of
    // numbers, which the dynamic loader has nothing to relocate in.
    let mut text = String::new();
    let mut span = |s: &str| {
        let start = text.len();
        text.push_str(s);
        format!("Span({start}, {})", text.len())
    };
    // The baselines, in the order of their bits in each control's mask (a byte).
    let bits: Vec<&String> = file.baselines.keys().collect();
    if bits.len() > 8 {
        fail("data/controls.json lists more than 8 baselines; widen the control's baseline mask");
    }
    let mut out = String::from("// Generated by build.rs from data/controls.json.\n");
    out.push_str("static BASELINE_BITS: &[Span] = &[");
    for b in &bits {
        out.push_str(&span(b));
        out.push_str(", ");
    }
    out.push_str("];\nstatic FAMILIES: &[Family] = &[\n");
    for f in &file.families {
        out.push_str(&format!(
            "    Family {{ id: {}, title: {} }},\n",
            span(&f.id),
            span(&f.title)
        ));
    }
    out.push_str("];\nstatic CONTROLS: &[Control] = &[\n");
    for c in &file.controls {
        let mut mask = 0u8;
        for b in &c.baselines {
            match bits.iter().position(|known| *known == b) {
                Some(i) => mask |= 1 << i,
                None => fail(&format!(
                    "data/controls.json: control '{}' names baseline '{b}', which `baselines` does not list",
                    c.id
                )),
            }
        }
        out.push_str(&format!(
            "    Control {{ id: {}, label: {}, family: {}, title: {}, parent: {}, baselines: {mask} }},\n",
            span(&c.id),
            span(&c.label),
            span(&c.family),
            span(&c.title),
            span(c.parent.as_deref().unwrap_or_default())
        ));
    }
    out.push_str("];\n");
    out.push_str(&format!("const TEXT: &str = {text:?};\n"));
    // The controls in the order of their ids, for a lookup by binary search.
    let mut by_id: Vec<usize> = (0..file.controls.len()).collect();
    by_id.sort_by(|&a, &b| file.controls[a].id.cmp(&file.controls[b].id));
    out.push_str(&format!("static BY_ID: &[u16] = &{by_id:?};\n"));
    let path = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("controls.rs");
    if let Err(e) = std::fs::write(&path, out) {
        fail(&format!("cannot write {}: {e}", path.display()));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
