//! Whole answers as documents, for JSON and YAML: an object carrying `"format_version": 1`
//! beside the answer's own fields. Fields may be added in later versions, never renamed or
//! removed. Both formats serialise the same [`Document`], so they cannot disagree.

use serde::{Serialize, Serializer};

use crate::query::Report;

/// Version of the documents srm prints.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Envelope<'r, T: Serialize> {
    format_version: u32,
    #[serde(flatten)]
    body: &'r T,
}

#[derive(Serialize)]
struct Cells<'r, T: Serialize> {
    cells: &'r [T],
}

/// A report with its envelope.
pub struct Document<'r, 'a>(pub &'r Report<'a>);

fn envelope<T: Serialize, S: Serializer>(body: &T, serializer: S) -> Result<S::Ok, S::Error> {
    Envelope {
        format_version: FORMAT_VERSION,
        body,
    }
    .serialize(serializer)
}

impl Serialize for Document<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Report::Who(who) => match (who.single, who.cells.first()) {
                (true, Some(cell)) => envelope(cell, s),
                _ => envelope(&Cells { cells: &who.cells }, s),
            },
            Report::Diff(d) => envelope(d, s),
            Report::Retained(r) => envelope(r, s),
            Report::Matrix(m) => envelope(m, s),
            Report::Layers(l) => envelope(l, s),
            Report::Models(m) => envelope(m, s),
            Report::Checklist(c) => envelope(c, s),
            Report::Explain(e) => envelope(e, s),
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
