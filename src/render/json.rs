//! The JSON contract: every document is an object carrying `"format_version": 1` beside the
//! answer's own fields. Fields may be added in later versions, never renamed or removed.

use serde::Serialize;

use crate::query::Report;

/// Version of the JSON documents srm prints.
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

fn document<T: Serialize>(body: &T) -> String {
    let envelope = Envelope {
        format_version: FORMAT_VERSION,
        body,
    };
    // Serialising plain structs with string keys into a String cannot fail; should it ever,
    // an empty object is still valid JSON rather than a panic.
    let mut text = serde_json::to_string_pretty(&envelope).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

pub fn render(report: &Report) -> String {
    match report {
        Report::Who(who) => match (who.single, who.cells.first()) {
            (true, Some(cell)) => document(cell),
            _ => document(&Cells { cells: &who.cells }),
        },
        Report::Diff(d) => document(d),
        Report::Retained(r) => document(r),
        Report::Matrix(m) => document(m),
        Report::Layers(l) => document(l),
        Report::Models(m) => document(m),
    }
}
