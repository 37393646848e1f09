//! Whole answers as documents, for JSON and YAML: an object carrying `"format_version": 2`
//! beside the answer's own fields. Fields may be added in later versions, never renamed or
//! removed. Both formats serialise the same [`Document`], so they cannot disagree, and the
//! JSON Schema of each document ([`schema`]) is derived from the same types.

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::query::{
    Checklist, ControlExplain, ControlsDiff, ControlsReport, Diff, Explain, Find, Layers, Matrix,
    Models, Report, Retained, Who,
};

/// Version of the documents srm prints.
pub const FORMAT_VERSION: u32 = 2;

/// An answer with its envelope.
#[derive(Serialize, JsonSchema)]
pub struct Versioned<T> {
    /// The version of this document's shape: 2.
    pub format_version: u32,
    #[serde(flatten)]
    pub body: T,
}

/// A report with its envelope.
pub struct Document<'r, 'a>(pub &'r Report<'a>);

fn envelope<T: Serialize, S: Serializer>(body: &T, serializer: S) -> Result<S::Ok, S::Error> {
    Versioned {
        format_version: FORMAT_VERSION,
        body,
    }
    .serialize(serializer)
}

impl Serialize for Document<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Report::Who(r) => envelope(r, s),
            Report::Diff(r) => envelope(r, s),
            Report::Retained(r) => envelope(r, s),
            Report::Matrix(r) => envelope(r, s),
            Report::Layers(r) => envelope(r, s),
            Report::Models(r) => envelope(r, s),
            Report::Checklist(r) => envelope(r, s),
            Report::Explain(r) => envelope(r, s),
            Report::Find(r) => envelope(r, s),
            Report::Controls(r) => envelope(r, s),
            Report::Control(r) => envelope(r, s),
            Report::ControlsDiff(r) => envelope(r, s),
        }
    }
}

pub fn json(report: &Report) -> String {
    json_text(&Document(report))
}

/// The JSON policy: serde_json's pretty form, with every character a reader must not get raw
/// (C1 controls, bidirectional and other format characters, line separators, noncharacters;
/// see [`crate::sanitize::is_unsafe`]) written as a `\u` escape. serde_json escapes only C0
/// controls, and these can only stand inside strings, so escaping them keeps the same JSON.
/// Catalogue text holds none of them; paths and unknown keys quoted in reports may.
pub fn json_text<T: Serialize>(value: &T) -> String {
    // Serialising plain structs with string keys cannot fail; should it ever, an empty object
    // is still valid JSON rather than a panic.
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|_| "{}".to_string());
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if !c.is_ascii() && crate::sanitize::is_unsafe(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

pub fn yaml(report: &Report) -> String {
    serde_saphyr::to_string(&Document(report)).unwrap_or_else(|_| "{}\n".to_string())
}

/// The JSON Schema of a command's `--json` document (the names `srm schema` takes), as the
/// documents are written (a serialisation schema: `split` is an owner srm prints, never reads).
pub fn schema(command: &str) -> String {
    fn of<T: JsonSchema>() -> schemars::Schema {
        schemars::generate::SchemaSettings::draft2020_12()
            .for_serialize()
            .into_generator()
            .into_root_schema_for::<T>()
    }
    let mut schema = match command {
        "who" => of::<Versioned<Who<'static>>>(),
        "diff" => of::<Versioned<Diff<'static>>>(),
        "retained" => of::<Versioned<Retained<'static>>>(),
        "matrix" => of::<Versioned<Matrix<'static>>>(),
        "layers" => of::<Versioned<Layers<'static>>>(),
        "models" => of::<Versioned<Models<'static>>>(),
        "checklist" => of::<Versioned<Checklist<'static>>>(),
        "explain" => of::<Versioned<Explain<'static>>>(),
        "find" => of::<Versioned<Find<'static>>>(),
        "controls" => of::<Versioned<ControlsReport<'static>>>(),
        "control" => of::<Versioned<ControlExplain<'static>>>(),
        "diff-controls" => of::<Versioned<ControlsDiff<'static>>>(),
        _ => of::<crate::load::ValidationReport<'static>>(),
    };
    let title = match command {
        "who" | "diff" | "retained" | "matrix" | "layers" | "models" | "checklist" | "explain"
        | "find" | "controls" | "control" => format!("srm {command} --json"),
        "diff-controls" => "srm diff --controls --json".to_string(),
        _ => "srm catalog validate --json".to_string(),
    };
    schema.insert("title".into(), title.into());
    json_text(&schema)
}
