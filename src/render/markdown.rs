//! GitHub-flavoured Markdown: tables for lists, task lists for checklists. Catalogue text is
//! cleaned of terminal controls and escaped so that it cannot break the table or inject markup.

use std::fmt::Write as _;

use super::records::{Records, records};
use crate::query::{Checklist, Explain, Report};
use crate::sanitize::clean;

/// Escapes what Markdown would read as structure inside a table cell or list item.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for line in s.split('\n') {
        if !out.is_empty() {
            out.push_str("<br>");
        }
        for c in clean(line).chars() {
            match c {
                '|' | '\\' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' => {
                    out.push('\\');
                    out.push(c);
                }
                c => out.push(c),
            }
        }
    }
    out
}

fn table(r: &Records) -> String {
    let mut out = String::new();
    let head: Vec<String> = r.header.iter().map(|h| esc(h)).collect();
    let _ = writeln!(out, "| {} |", head.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(r.header.len()));
    for row in &r.rows {
        let cells: Vec<String> = row.iter().map(|c| esc(c)).collect();
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
            match s.url {
                Some(url) => {
                    let _ = writeln!(
                        out,
                        "- [{}]({}) (`{}`)",
                        esc(s.title),
                        clean(url).replace(')', "%29").replace(' ', "%20"),
                        esc(s.id)
                    );
                }
                None => {
                    let _ = writeln!(out, "- {} (`{}`)", esc(s.title), esc(s.id));
                }
            }
        }
    }
    out
}
