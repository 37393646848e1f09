//! What an answer offers its renderers, and the one way every answer is written in every
//! format.
//!
//! An answer ([`Answer`], one impl per answer in `answers.rs`) gives its table for people, its
//! flat records, and optionally its own Markdown and the formats only it has. JSON, YAML and
//! CSV are generic over it, and so is what is said below an answer whose scope left something
//! out. The shell holds answers as [`Reply`], the object-safe face of the same thing.

use std::io::Write;

use serde::Serialize;

use super::document::{self, Versioned};
use super::records::{self, Records};
use super::{Format, Style, markdown};
use crate::query::Scope;

/// An answer to a question, and its forms. Implemented by each query's answer.
pub trait Answer: Serialize {
    /// The answer as tables and short text for people, written as it is laid out.
    fn table(&self, style: Style, out: &mut dyn Write) -> std::io::Result<()>;

    /// The answer as flat records: its CSV, and its Markdown unless [`Answer::markdown`] is
    /// its own.
    fn records(&self) -> Records;

    /// The answer as GitHub-flavoured Markdown; by default its records as a table.
    fn markdown(&self) -> String {
        markdown::records_table(&self.records())
    }

    /// What the answer's scope left out, said below its table and its Markdown.
    fn left_out(&self) -> Option<LeftOut> {
        None
    }

    /// Whether the catalogue maps controls to its rows; an answer about controls from one
    /// that maps none holds nothing but `unmapped`, and the shell says so.
    fn maps_controls(&self) -> bool {
        true
    }

    /// Whether the answer found anything; one that did not still prints, and exits 1.
    fn found(&self) -> bool {
        true
    }

    /// Why the answer cannot be written as `format`, as a usage error says it.
    fn refuses(&self, _format: Format) -> Option<String> {
        None
    }

    /// Whether the answer has `format` of its own (a CRM, a page, a picture).
    fn has_own(&self, _format: Format) -> bool {
        false
    }

    /// The answer in a format of its own ([`Answer::has_own`]).
    fn own(&self, format: Format) -> anyhow::Result<String> {
        anyhow::bail!("this answer has no {} of its own", format.name())
    }
}

/// How much of the catalogue an answer's scope left out, and of what.
#[derive(Clone, Copy, Debug)]
pub struct LeftOut {
    pub scope: Scope,
    /// How many layers or rows.
    pub count: usize,
    /// What they are: `layer` or `row`.
    pub unit: &'static str,
    /// For the control views, the controls the rows bear on (`these controls`).
    pub behind: Option<&'static str>,
}

impl LeftOut {
    /// `count` layers left out of `scope`.
    pub fn layers(scope: Scope, count: usize) -> LeftOut {
        LeftOut {
            scope,
            count,
            unit: "layer",
            behind: None,
        }
    }

    /// `count` rows left out of `scope`.
    pub fn rows(scope: Scope, count: usize) -> LeftOut {
        LeftOut {
            unit: "row",
            ..LeftOut::layers(scope, count)
        }
    }

    /// `count` rows left out of `scope` that bear on the controls an answer names (`these
    /// controls`).
    pub fn rows_behind(scope: Scope, count: usize, controls: &'static str) -> LeftOut {
        LeftOut {
            behind: Some(controls),
            ..LeftOut::rows(scope, count)
        }
    }

    /// The sentence said below the answer, such as `3 AI layers left out (--scope all shows
    /// them)`; `None` when nothing was left out. `flag` writes the option as the format
    /// writes code.
    pub fn sentence(&self, flag: impl Fn(&str) -> String) -> Option<String> {
        let kind = match self.scope {
            _ if self.count == 0 => return None,
            Scope::Classic => "AI",
            Scope::Ai => "classic",
            Scope::All => return None,
        };
        let (count, unit) = (self.count, self.unit);
        let one = count == 1;
        let noun = if one {
            unit.to_string()
        } else {
            format!("{unit}s")
        };
        let them = if one { "it" } else { "them" };
        let flag = flag("--scope all");
        Some(match self.behind {
            None => format!("{count} {kind} {noun} left out ({flag} shows {them})"),
            Some(what) => format!(
                "{count} {kind} {noun} that bear{} on {what} left out ({flag} counts {them})",
                if one { "s" } else { "" }
            ),
        })
    }
}

/// An answer as the shell holds it: written in a format, measured, and asked what exit code
/// and warnings it calls for. Every [`Answer`] is one.
pub trait Reply {
    /// Writes the answer in `format` to `out`: JSON, YAML and CSV as they are serialised; a
    /// table once its cells are measured (its columns are as wide as their widest cell), a line
    /// at a time; Markdown and pictures once laid out whole. A format the answer does not have
    /// is an error, before anything is written.
    fn write(&self, format: Format, style: Style, out: &mut dyn Write) -> anyhow::Result<()>;

    /// Whether the answer can be written as `format`: every answer has the common formats,
    /// a few have formats of their own ([`Answer::has_own`]).
    fn has(&self, format: Format) -> bool;

    /// Whether the answer's JSON would be at most `limit` bytes ([`super::fits_json`]).
    fn fits(&self, limit: usize) -> bool;

    /// [`Answer::maps_controls`].
    fn maps_controls(&self) -> bool;

    /// [`Answer::found`].
    fn found(&self) -> bool;

    /// [`Answer::refuses`].
    fn refuses(&self, format: Format) -> Option<String>;
}

impl<A: Answer> Reply for A {
    fn write(&self, format: Format, style: Style, out: &mut dyn Write) -> anyhow::Result<()> {
        let note =
            |flag: &dyn Fn(&str) -> String| Answer::left_out(self).and_then(|l| l.sentence(flag));
        // Serialisers write in small pieces: a buffer of a known type takes them, and `out`
        // (a `dyn Write`, itself buffered by its destination) is called once per block. A
        // table is written in lines or blocks, straight to `out`: through a second buffer,
        // all of a table under its size would be copied once more.
        let text = match format {
            Format::Table => {
                self.table(style, out)?;
                if let Some(note) = note(&str::to_string) {
                    writeln!(out, "{note}")?;
                }
                return Ok(());
            }
            Format::Json => {
                let mut buffered = std::io::BufWriter::with_capacity(64 << 10, &mut *out);
                document::write_json(&versioned(self), &mut buffered).map_err(io_first)?;
                return Ok(buffered.flush()?);
            }
            Format::Yaml => {
                let mut buffered = std::io::BufWriter::with_capacity(64 << 10, &mut *out);
                serde_saphyr::to_io_writer(&mut buffered, &versioned(self)).map_err(
                    |e| match e {
                        serde_saphyr::SerializeError::IO { error } => anyhow::Error::new(error),
                        other => anyhow::Error::new(other),
                    },
                )?;
                return Ok(buffered.flush()?);
            }
            Format::Csv => {
                let mut buffered = std::io::BufWriter::with_capacity(64 << 10, &mut *out);
                records::write_csv(&self.records(), &mut buffered)?;
                return Ok(buffered.flush()?);
            }
            Format::Markdown => {
                let mut text = self.markdown();
                if let Some(note) = note(&|flag| format!("`{flag}`")) {
                    text.push('\n');
                    text.push_str(&note);
                    text.push('\n');
                }
                text
            }
            Format::Html | Format::Svg | Format::Crm(_) => {
                if !self.has_own(format) {
                    anyhow::bail!(cannot_write(format));
                }
                self.own(format)?
            }
        };
        Ok(out.write_all(text.as_bytes())?)
    }

    fn has(&self, format: Format) -> bool {
        match format {
            Format::Html | Format::Svg | Format::Crm(_) => self.has_own(format),
            Format::Table | Format::Json | Format::Yaml | Format::Csv | Format::Markdown => true,
        }
    }

    fn fits(&self, limit: usize) -> bool {
        super::fits_json(&versioned(self), limit)
    }

    fn maps_controls(&self) -> bool {
        Answer::maps_controls(self)
    }

    fn found(&self) -> bool {
        Answer::found(self)
    }

    fn refuses(&self, format: Format) -> Option<String> {
        Answer::refuses(self, format)
    }
}

/// Why an answer is not written in a format it does not have ([`Reply::has`]).
pub fn cannot_write(format: Format) -> String {
    format!(
        "this answer cannot be written as {}; see the command's --help for its formats",
        format.name()
    )
}

/// A JSON error, as the I/O error it is when writing failed (a closed pipe is told apart by
/// its kind).
fn io_first(e: serde_json::Error) -> anyhow::Error {
    if e.is_io() {
        std::io::Error::from(e).into()
    } else {
        e.into()
    }
}

/// An answer with its envelope (`"format_version": 2`).
fn versioned<A>(body: &A) -> Versioned<&A> {
    Versioned {
        format_version: document::FORMAT_VERSION,
        body,
    }
}
