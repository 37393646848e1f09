//! Turning answers into text. Renderers take a finished [`Report`] and a [`Style`] and return a
//! `String`; they never query the catalogue, decide anything, or touch stdout.

mod document;
mod grid;
mod markdown;
pub mod oscal;
mod palette;
mod picture;
pub mod plan;
mod records;
mod table;

pub use document::{FORMAT_VERSION, fits, fits_json, json_text, schema, write_json};

use crate::catalog::Evidence;
use crate::query::{Report, Scope};

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
pub(crate) fn with_mark(owner: &str, evidence: Option<Evidence>) -> String {
    match evidence.and_then(Evidence::mark) {
        Some(mark) => format!("{owner} {mark}"),
        None => owner.to_string(),
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

/// The report in `format`, or `None` where the format cannot show it (pictures of anything
/// but the matrix). A document that cannot be written is an error, never a stand-in.
pub fn render(report: &Report, format: Format, style: Style) -> anyhow::Result<Option<String>> {
    Ok(Some(match format {
        Format::Table => table::render(report, style),
        Format::Json => document::json(report)?,
        Format::Yaml => document::yaml(report)?,
        Format::Csv => records::csv(report)?,
        Format::Markdown => markdown::render(report),
        Format::Crm(crm) => match report {
            Report::Controls(c) => records::crm(c, crm)?,
            _ => return Ok(None),
        },
        Format::Html | Format::Svg => match report {
            Report::Matrix(m) if format == Format::Html => picture::html(m),
            Report::Matrix(m) => picture::svg(m),
            _ => return Ok(None),
        },
    }))
}

/// The sentence said below an answer whose scope left something out, such as `3 AI layers left
/// out (--scope all shows them)`; `None` when it left nothing out. `flag` writes the option
/// as the format writes code.
pub(super) fn left_out(report: &Report, flag: impl Fn(&str) -> String) -> Option<String> {
    // What the answer lists; for the control views, the rows are those behind their owners.
    let (scope, count, unit, behind) = match report {
        Report::Who(r) => (r.scope, r.left_out, "layer", None),
        Report::Diff(r) => (r.scope, r.left_out, "layer", None),
        Report::Matrix(r) => (r.scope, r.left_out, "layer", None),
        Report::Layers(r) => (r.scope, r.left_out, "layer", None),
        Report::Retained(r) => (r.scope, r.left_out, "row", None),
        Report::Checklist(r) => (r.scope, r.left_out, "row", None),
        Report::Find(r) => (r.scope, r.left_out, "row", None),
        Report::Controls(r) => (r.scope, r.left_out, "row", Some("these controls")),
        Report::ControlsDiff(r) => (r.scope, r.left_out, "row", Some("these controls")),
        Report::Control(r) => (r.scope, r.left_out, "row", Some("this control")),
        Report::Models(_) | Report::Services(_) | Report::Explain(_) => return None,
    };
    let kind = match scope {
        _ if count == 0 => return None,
        Scope::Classic => "AI",
        Scope::Ai => "classic",
        Scope::All => return None,
    };
    let one = count == 1;
    let noun = if one {
        unit.to_string()
    } else {
        format!("{unit}s")
    };
    let them = if one { "it" } else { "them" };
    let flag = flag("--scope all");
    Some(match behind {
        None => format!("{count} {kind} {noun} left out ({flag} shows {them})"),
        Some(what) => format!(
            "{count} {kind} {noun} that bear{} on {what} left out ({flag} counts {them})",
            if one { "s" } else { "" }
        ),
    })
}
