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
/// What the loader asks of the control list, read from `data/controls.json` (srm itself gets
/// the list as static data, which this script writes).
#[allow(dead_code)]
#[path = "src/controls/label.rs"]
mod control_label;

mod controls {
    use std::sync::OnceLock;

    use crate::control_label as label;

    pub struct Control {
        id: String,
    }

    impl Control {
        pub fn id(&self) -> &str {
            &self.id
        }
    }

    pub struct Controls {
        ids: std::collections::HashMap<String, ()>,
    }

    impl Controls {
        pub fn find(&self, name: &str) -> Option<Control> {
            let id = label::to_id(name);
            self.ids.contains_key(&id).then_some(Control { id })
        }
    }

    pub fn embedded() -> &'static Controls {
        static CONTROLS: OnceLock<Controls> = OnceLock::new();
        CONTROLS.get_or_init(|| {
            let file = crate::read_controls()
                .unwrap_or_else(|e| crate::fail(&format!("data/controls.json: {e}")));
            Controls {
                ids: file.controls.into_iter().map(|c| (c.id, ())).collect(),
            }
        })
    }
}
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
/// The names the catalogue's builder (`src/catalog/validate.rs`) takes from `load`.
mod load {
    pub(crate) use crate::error::{MAX_PROBLEMS, Problem, cut, quote_list};
}
#[allow(dead_code)]
#[path = "src/load/yaml.rs"]
mod yaml;

/// What this script reads of `data/controls.json`: each control's id and base control.
#[derive(serde::Deserialize)]
struct ControlsFile {
    controls: Vec<ControlEntry>,
}

#[derive(serde::Deserialize)]
struct ControlEntry {
    id: String,
    parent: Option<String>,
}

fn read_controls() -> Result<ControlsFile, String> {
    let text = std::fs::read_to_string("data/controls.json").map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// The control mapping of data/CONTROLS.md holds: every entry names the principle it applies,
/// and every control of every baseline is mapped to a row of the classic stack or is on the
/// `organisational` list, itself or through its base control, so that no control is the
/// customer's by omission.
fn check_mapping(catalog: &catalog::Catalog<'_>) {
    let mut mapped = std::collections::HashSet::new();
    for layer in catalog.layers() {
        for row in layer.rows() {
            for link in row.controls() {
                if link.principle().is_none() {
                    fail(&format!(
                        "data/catalog.yaml: row '{}' has a `controls` entry without `principle`; name the principle of data/CONTROLS.md it applies",
                        row.id()
                    ));
                }
                if !layer.is_ai() {
                    mapped.extend(link.ids().iter().map(|id| id.to_string()));
                }
            }
        }
    }
    let mut organisational = std::collections::HashSet::new();
    for link in catalog.organisational() {
        if link.principle().is_none() {
            fail("data/catalog.yaml: an `organisational` entry has no `principle`");
        }
        organisational.extend(link.ids().iter().map(|id| id.to_string()));
    }
    let file = read_controls().unwrap_or_else(|e| fail(&format!("data/controls.json: {e}")));
    let covered = |id: &str| mapped.contains(id) || organisational.contains(id);
    let missing: Vec<&str> = file
        .controls
        .iter()
        .filter(|c| !covered(&c.id) && !c.parent.as_deref().is_some_and(covered))
        .map(|c| c.id.as_str())
        .collect();
    if !missing.is_empty() {
        fail(&format!(
            "data/catalog.yaml maps no row of the classic stack to {} control(s) and does not list them as `organisational`: {}; map each or list it, with its principle (data/CONTROLS.md)",
            missing.len(),
            missing.join(", ")
        ));
    }
}

/// Stands in for `load::Input`, which the error module names but this script never builds.
#[derive(Debug)]
enum Input {}

impl Input {
    fn origin(&self) -> String {
        match *self {}
    }
}

fn main() {
    write_controls();
    println!("cargo::rerun-if-changed=data/catalog.yaml");
    println!("cargo::rerun-if-changed=data/services.yaml");
    println!("cargo::rerun-if-changed=src/catalog");
    println!("cargo::rerun-if-changed=src/load");
    println!("cargo::rerun-if-changed=data/controls.json");
    let read = |path: &str| match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => fail(&format!("cannot read {path}: {e}")),
    };
    let layers = read("data/catalog.yaml");
    let services = read("data/services.yaml");
    // The embedded catalogue is the two files, one after the other (load/source.rs); a
    // problem is reported in the file and at the line it stands on.
    let yaml = format!("{layers}\n{services}");
    let split = Split {
        // Joined by a line break: after a file that ends with one, that is an empty line more.
        lines: layers.lines().count() + usize::from(layers.ends_with('\n')),
    };
    if services.lines().any(|l| {
        ["sources:", "models:", "layers:", "date:"]
            .iter()
            .any(|k| l.starts_with(k))
    }) {
        fail(
            "data/services.yaml may hold only the `services` and `supporting` keys (its sources go inside each service)",
        );
    }
    let mut builder = catalog::Builder::new(true, yaml.len());
    if let Err(p) = yaml::parse(&yaml, &mut builder) {
        fail(&split.located(&p));
    }
    match builder.finish() {
        Err((problems, omitted)) => {
            for p in &problems {
                eprintln!("{}", split.located(p));
            }
            fail(&format!(
                "data/catalog.yaml and data/services.yaml have {} problem(s)",
                problems.len() + omitted
            ));
        }
        // The OSCAL export's `last-modified` is this date; it must be there.
        Ok(catalog) if catalog.date().is_none() => fail(
            "data/catalog.yaml has no `date` (YYYY-MM-DD): the day its facts were last revised",
        ),
        Ok(catalog) if catalog.services().is_empty() => {
            fail("data/services.yaml declares no services")
        }
        Ok(catalog) => check_mapping(&catalog),
    }
    let value: serde_json::Value = match serde_saphyr::from_str(&yaml) {
        Ok(v) => v,
        Err(e) => fail(&format!("data/catalog.yaml with data/services.yaml: {e}")),
    };
    // srm trusts the embedded URLs as written: each must be in the form parsing gives.
    let sources = value["sources"].as_array().into_iter().flatten().chain(
        value["services"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| s["sources"].as_array().into_iter().flatten()),
    );
    for source in sources {
        if let Some(url) = source["url"].as_str() {
            match catalog::WebUrl::parse(url) {
                Ok(parsed) if parsed.as_str() == url => {}
                Ok(parsed) => fail(&format!(
                    "source {} has url '{url}', which srm reads as '{}'; write that",
                    source["id"],
                    parsed.as_str()
                )),
                Err(why) => fail(&format!(
                    "source {} has url '{url}', which {why}",
                    source["id"]
                )),
            }
        }
    }
    let json = match serde_json::to_string(&value) {
        Ok(j) => j,
        Err(e) => fail(&format!("data/catalog.yaml cannot be written as JSON: {e}")),
    };
    let dir = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    if let Err(e) = std::fs::write(dir.join("catalog.json"), json) {
        fail(&format!(
            "cannot write catalog.json in {}: {e}",
            dir.display()
        ));
    }
    // The same catalogue without its services, for the control commands that name none, and
    // without its control mapping too, for the other runs that name none (most of them): srm
    // loads the whole one when a name is not found in these (load/mod.rs, app/mod.rs).
    let mut layers = value;
    if let Some(map) = layers.as_object_mut() {
        map.remove("services");
        map.remove("supporting");
    }
    let json = match serde_json::to_string(&layers) {
        Ok(j) => j,
        Err(e) => fail(&format!("data/catalog.yaml cannot be written as JSON: {e}")),
    };
    if let Err(e) = std::fs::write(dir.join("layers-controls.json"), json) {
        fail(&format!(
            "cannot write layers-controls.json in {}: {e}",
            dir.display()
        ));
    }
    if let Some(map) = layers.as_object_mut() {
        map.remove("organisational");
        if let Some(serde_json::Value::Array(list)) = map.get_mut("layers") {
            for layer in list {
                if let Some(layer) = layer.as_object_mut() {
                    layer.remove("controls");
                    if let Some(serde_json::Value::Array(parts)) = layer.get_mut("parts") {
                        for part in parts.iter_mut().filter_map(|p| p.as_object_mut()) {
                            part.remove("controls");
                        }
                    }
                }
            }
        }
    }
    let json = match serde_json::to_string(&layers) {
        Ok(j) => j,
        Err(e) => fail(&format!("data/catalog.yaml cannot be written as JSON: {e}")),
    };
    if let Err(e) = std::fs::write(dir.join("layers.json"), json) {
        fail(&format!(
            "cannot write layers.json in {}: {e}",
            dir.display()
        ));
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

/// Where `data/catalog.yaml` ends in the text the two files make.
struct Split {
    lines: usize,
}

impl Split {
    fn located(&self, p: &error::Problem) -> String {
        let line = p.line.unwrap_or(0);
        let (file, line) = if line > self.lines {
            ("data/services.yaml", line - self.lines)
        } else {
            ("data/catalog.yaml", line)
        };
        format!("{file}:{line}:{}: {}", p.column.unwrap_or(0), p.message)
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    std::process::exit(1);
}
