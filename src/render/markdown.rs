//! GitHub-flavoured Markdown: tables for lists, task lists for checklists.
//!
//! The Markdown policy is two functions. [`esc`] makes any catalogue text read as text: every
//! character CommonMark or GitHub could read as markup (emphasis, code, links, images, raw
//! HTML, entities, tables, headings, fences, strikethrough) is backslash-escaped, and so is
//! what would start a block (a list, a heading underline) at the start of a line. [`link`]
//! writes a link only to a validated http(s) URL (the catalogue's `WebUrl`), in the `<…>`
//! form, which such a URL cannot break out of. Nothing else writes catalogue text.

use std::fmt::Write as _;

use super::records::{Records, records};
use crate::query::{Checklist, Explain, Report, SourceRef};

/// Catalogue text, escaped so that Markdown shows it as it is.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.chars().enumerate() {
        let block_start = i == 0 && matches!(c, '-' | '+' | '=' | '>' | ':');
        if block_start
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '!' | '&' | '$'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    // `1. ` or `1) ` at the start would make an ordered list.
    if let Some(end) = out.find(|c: char| !c.is_ascii_digit())
        && end > 0
        && matches!(out[end..].chars().next(), Some('.' | ')'))
    {
        out.insert(end, '\\');
    }
    out
}

/// A source as a link when it has a URL (validated at load: http or https, no spaces, no
/// angle brackets), else as its title.
fn link(source: &SourceRef) -> String {
    match source.url {
        Some(url) => format!("[{}](<{url}>)", esc(source.title)),
        None => esc(source.title),
    }
}

fn table(r: &Records) -> String {
    let mut out = String::new();
    let head: Vec<String> = r.header.iter().map(|h| esc(h)).collect();
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(r.header.len()));
    for row in &r.rows {
        // A record's lists are one item a line; a table row is one line, so items are joined
        // with semicolons (a `<br>` would be raw HTML).
        let cells: Vec<String> = row
            .iter()
            .map(|c| c.split('\n').map(esc).collect::<Vec<_>>().join("; "))
            .collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

pub fn render(report: &Report) -> String {
    match report {
        Report::Checklist(c) => checklist(c),
        Report::Explain(e) => explain(e),
        other => table(&records(other)),
    }
}

fn checklist(c: &Checklist) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Customer checklist: {} ({})",
        esc(c.model_name),
        esc(c.model)
    );
    for layer in &c.layers {
        let _ = writeln!(
            out,
            "\n## {} ({})\n",
            esc(layer.layer_name),
            esc(layer.layer)
        );
        for item in &layer.items {
            let _ = writeln!(
                out,
                "- **{}** (`{}`, {})",
                esc(item.name),
                esc(item.id),
                item.owner
            );
            if let Some(note) = item.note {
                let _ = writeln!(out, "  - note: {}", esc(note));
            }
            for d in &item.duties {
                let _ = writeln!(out, "  - [ ] {}", esc(d));
            }
            for p in &item.provider_covers {
                let _ = writeln!(out, "  - provider covers: {}", esc(p));
            }
        }
    }
    out
}

fn explain(e: &Explain) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## {} ({})\n", esc(e.name), esc(e.id));
    if let Some(d) = e.description {
        let _ = writeln!(out, "{}\n", esc(d));
    }
    if let Some(r) = e.remark {
        let _ = writeln!(out, "> {}\n", esc(r));
    }
    let mut rows = String::new();
    let _ = writeln!(rows, "| layer | model | owner | note |\n|---|---|---|---|");
    for c in &e.cells {
        let _ = writeln!(
            rows,
            "| {} | {} | {} | {} |",
            esc(c.layer),
            esc(c.model),
            c.owner,
            esc(c.note.unwrap_or_default())
        );
    }
    out.push_str(&rows);
    for (side, duties) in [
        ("Customer", &e.duties.customer),
        ("Provider", &e.duties.provider),
    ] {
        if !duties.is_empty() {
            let _ = writeln!(out, "\n### {side} duties\n");
            for d in duties {
                let _ = writeln!(out, "- {}", esc(d));
            }
        }
    }
    if !e.sources.is_empty() {
        let _ = writeln!(out, "\n### Sources\n");
        for s in &e.sources {
            let _ = writeln!(out, "- {} (`{}`)", link(s), esc(s.id));
        }
    }
    out
}
