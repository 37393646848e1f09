//! Turning answers into text. Renderers take a finished [`Answer`] and a [`Style`] and write it
//! to a `Write` they are handed (or return a `String`); they never query the catalogue, choose
//! a destination, or touch stdout. An answer says which formats it has and what exit code it
//! calls for ([`Reply`]); the shell acts on that.

mod answer;
mod answers;
mod document;
mod grid;
mod markdown;
pub mod oscal;
mod palette;
mod picture;
pub mod plan;
mod records;
mod table;

pub use answer::{Answer, LeftOut, Reply, cannot_write};
pub use document::{
    FORMAT_VERSION, SchemaOf, answer_schema, fits_json, json_text, schema, schema_of, write_json,
};

use crate::catalog::Evidence;

/// How a column is named for people: `Name (id)`, or `Name (id:variant)` for a service in a
/// variant.
pub(crate) fn column_label(name: &str, id: &str, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{name} ({id}:{v})"),
        None => format!("{name} ({id})"),
    }
}

pub(crate) use crate::catalog::variant_key as column_key;

/// An owner with the mark of weaker evidence after it (`customer [P]`).
pub(crate) fn with_mark(owner: &str, evidence: Option<Evidence>) -> std::borrow::Cow<'_, str> {
    match evidence.and_then(Evidence::mark) {
        Some(mark) => format!("{owner} {mark}").into(),
        None => owner.into(),
    }
}

/// The legend for the marks `evidence` holds, one line each, strongest first; empty when
/// every fact is sourced.
pub(crate) fn evidence_legend(evidence: impl Iterator<Item = Option<Evidence>>) -> String {
    let mut seen = [false; 4];
    for e in evidence.flatten() {
        seen[e as usize] = true;
    }
    let mut out = String::new();
    for e in Evidence::ALL {
        if let (true, Some(mark)) = (seen[e as usize], e.mark()) {
            out.push_str(&format!("{mark} {}\n", e.meaning()));
        }
    }
    out
}

/// The output forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Tables and text for people.
    Table,
    Json,
    Yaml,
    Csv,
    Markdown,
    /// A self-contained page (matrix only).
    Html,
    /// A standalone picture (matrix only).
    Svg,
    /// A FedRAMP customer responsibility matrix, as CSV (controls only).
    Crm(Crm),
}

impl Format {
    /// The format as `--format` names it.
    pub fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Yaml => "yaml",
            Format::Csv => "csv",
            Format::Markdown => "markdown",
            Format::Html => "html",
            Format::Svg => "svg",
            Format::Crm(_) => "crm",
        }
    }
}

/// How a customer responsibility matrix is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Crm {
    /// Control ids as FedRAMP's workbooks write them (`AC-02 (05)`) rather than NIST's
    /// (`AC-2(5)`).
    pub fedramp_ids: bool,
    /// A fourth column with the rows and sources behind each answer.
    pub with_basis: bool,
}

/// How text output may look, decided by the shell from flags and the terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Emit ANSI colors.
    pub color: bool,
    /// Fit tables to this many columns; `None` leaves them at their natural width.
    pub width: Option<u16>,
}
