//! Turning answers into text. Renderers take a finished [`Report`] and a [`Style`] and return a
//! `String`; they never query the catalogue, decide anything, or touch stdout.

mod json;
mod table;

use crate::query::Report;

/// The output forms.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Table,
    Json,
}

/// How text output may look, decided by the shell from flags and the terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Style {
    /// Emit ANSI colors.
    pub color: bool,
    /// Fit tables to this many columns; `None` leaves them at their natural width.
    pub width: Option<u16>,
}

pub fn render(report: &Report, format: Format, style: Style) -> String {
    match format {
        Format::Json => json::render(report),
        Format::Table => table::render(report, style),
    }
}
