//! GitHub-flavoured Markdown: tables for lists, task lists for checklists.
//!
//! The Markdown policy is two functions. [`esc`] makes any catalogue text read as text, for
//! CommonMark and for GitHub's renderer (cmark-gfm) with its extensions: every character that
//! could be read as markup (emphasis, code, links, images, raw HTML, entities, tables,
//! headings, fences, strikethrough) is backslash-escaped, and so is every character that would
//! start an extended autolink (`@`, `:`, the `.` of `www.`) and what would start a block (a
//! list, a heading underline) at the start; spaces at either end are written as `&#32;`, so
//! that no indented code block, nested list, quote or rule can start after them. [`link`]
//! writes a link only to a validated http(s) URL (the catalogue's `WebUrl`), in the `<…>`
//! form, which such a URL cannot break out of. Nothing else writes catalogue text. The OSCAL
//! export's titles and descriptions are Markdown too, and go through [`esc`] as well.

use std::fmt::Write as _;

use super::records::Records;
use super::table::direction_text;
use crate::query::{Checklist, Diff, Explain, Find, Retained, SourceRef, Who};

/// A column's id as typed (`aws-lambda:manual`), for a code span. Ids are lowercase-kebab
/// (the loader checks them) and a `:` joins a variant: nothing in them can end a code span or
/// mean anything inside one, where a backslash escape would show as a backslash.
fn code_key(id: &str, variant: Option<&str>) -> String {
    super::column_key(id, variant)
}

/// Catalogue text, escaped so that Markdown, GitHub's included, shows it as it is: as text,
/// making no link and starting no block wherever srm writes it (a table cell, a list or task
/// item, a heading, a paragraph at the start of a line).
///
/// - Every character CommonMark or GFM could read as inline markup is backslash-escaped: the
///   backslash, the backtick and `* _ [ ] < > # | ~ ! & $`.
/// - GFM's extended autolinks are not made across a backslash-escaped character (a character
///   reference such as `&#64;` does not stop them), so `@` (e-mail addresses, `mailto:`,
///   `xmpp:`) and `:` (`https://`, `http://`, `ftp://`) are always escaped, and so is the `.`
///   of `www.` (in any case).
/// - A block marker at the start (`-`, `+`, `=`, `>`, `:`, or digits then `.` or `)`) is escaped.
/// - Spaces at either end are written as `&#32;`, the character reference for a space: a
///   reader sees the same text, but an indented code block, a nested list, a quote, a heading
///   or a rule cannot start after them, and trailing spaces cannot close emphasis early.
///   (Tabs and line breaks never get here: the loader refuses them.)
pub(super) fn esc(s: &str) -> String {
    let body = s.trim_start_matches(' ');
    let lead = s.len() - body.len();
    let body = body.trim_end_matches(' ');
    let trail = s.len() - lead - body.len();
    let mut out = String::with_capacity(s.len() + 8 + 5 * (lead + trail));
    for _ in 0..lead {
        out.push_str("&#32;");
    }
    let start = out.len();
    let bytes = body.as_bytes();
    for (i, (at, c)) in body.char_indices().enumerate() {
        let block_start = i == 0 && matches!(c, '-' | '+' | '=' | '>');
        let www_dot = c == '.' && at >= 3 && bytes[at - 3..at].eq_ignore_ascii_case(b"www");
        if block_start
            || www_dot
            || matches!(
                c,
                '\\' | '`'
                    | '*'
                    | '_'
                    | '['
                    | ']'
                    | '<'
                    | '>'
                    | '#'
                    | '|'
                    | '~'
                    | '!'
                    | '&'
                    | '$'
                    | ':'
                    | '@'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    // `1. ` or `1) ` at the start would make an ordered list.
    if let Some(end) = out[start..].find(|c: char| !c.is_ascii_digit())
        && end > 0
        && matches!(out[start + end..].chars().next(), Some('.' | ')'))
    {
        out.insert(start + end, '\\');
    }
    for _ in 0..trail {
        out.push_str("&#32;");
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

/// Records as a Markdown table: the Markdown of an answer that has none of its own.
pub(super) fn records_table(r: &Records) -> String {
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

/// A table written for people: a header and rows of already escaped cells.
fn people_table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", "---|".repeat(header.len()));
    for row in rows {
        let _ = writeln!(out, "| {} |", row.join(" | "));
    }
}

/// `Name (id)`, or `Name (layer › id)` for a part, escaped.
fn label(name: &str, id: &str, layer: &str) -> String {
    if id == layer {
        format!("{} (`{}`)", esc(name), esc(id))
    } else {
        format!("{} (`{}` › `{}`)", esc(name), esc(layer), esc(id))
    }
}

fn duties_and_sources(out: &mut String, duties: &crate::query::SideDuties, sources: &[SourceRef]) {
    for (side, list) in [
        ("Customer", &duties.customer),
        ("Provider", &duties.provider),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n### {side} duties\n");
            for d in list {
                let _ = writeln!(out, "- {}", esc(d));
            }
        }
    }
    if !sources.is_empty() {
        let _ = writeln!(out, "\n### Sources\n");
        for s in sources {
            let _ = writeln!(out, "- {} (`{}`)", link(s), esc(s.id));
        }
    }
}

pub(super) fn who(w: &Who) -> String {
    // A table whatever the number of cells, as in the terminal.
    let mut out = String::new();
    let _ = writeln!(out, "## Who holds what\n");
    let rows: Vec<Vec<String>> = w
        .cells
        .iter()
        .flat_map(|c| {
            let mut rows = vec![vec![
                label(c.name, c.id, c.layer),
                format!("{} (`{}`)", esc(c.model_name), code_key(c.model, c.variant)),
                super::with_mark(c.owner.as_str(), c.evidence).into_owned(),
                esc(c.note.unwrap_or_default()),
            ]];
            rows.extend(c.rows.iter().map(|p| {
                vec![
                    format!("└ {}", label(p.name, p.id, p.layer)),
                    String::new(),
                    p.owner.to_string(),
                    esc(p.note.unwrap_or_default()),
                ]
            }));
            rows
        })
        .collect();
    let header = ["Layer", "Model", "Owner", "Note"].map(String::from);
    people_table(&mut out, &header, &rows);
    out
}

pub(super) fn diff(d: &Diff) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## From {} (`{}`) to {} (`{}`)\n",
        esc(d.from_name),
        code_key(d.from, d.from_variant),
        esc(d.to_name),
        code_key(d.to, d.to_variant)
    );
    if d.changes.is_empty() {
        out.push_str("No layer changes owner.\n");
        return out;
    }
    let mut rows = Vec::new();
    for c in d.changes.iter() {
        rows.push(vec![
            label(c.name, c.id, c.layer),
            c.from_owner.to_string(),
            c.to_owner.to_string(),
            direction_text(c.direction).to_string(),
        ]);
        for p in &c.rows {
            rows.push(vec![
                format!("└ {}", label(p.name, p.id, p.layer)),
                p.from_owner.to_string(),
                p.to_owner.to_string(),
                direction_text(p.direction).to_string(),
            ]);
        }
    }
    let header = vec![
        "Layer".to_string(),
        esc(d.from_name),
        esc(d.to_name),
        "Direction".to_string(),
    ];
    people_table(&mut out, &header, &rows);
    out
}

pub(super) fn retained(r: &Retained) -> String {
    let mut out = String::from("## What the customer keeps under every model\n\n");
    let rows: Vec<Vec<String>> = r
        .rows
        .iter()
        .map(|row| {
            let sources: Vec<String> = row
                .sources
                .iter()
                .map(|s| format!("`{}`", esc(s.id)))
                .collect();
            vec![
                label(row.name, row.id, row.layer),
                row.duties
                    .customer
                    .iter()
                    .map(|d| esc(d))
                    .collect::<Vec<_>>()
                    .join("; "),
                sources.join(", "),
            ]
        })
        .collect();
    people_table(
        &mut out,
        &["Row", "Customer duties", "Sources"].map(String::from),
        &rows,
    );
    out
}

pub(super) fn find(f: &Find) -> String {
    let mut about: Vec<&str> = f.see.iter().map(|p| p.id).collect();
    about.extend(f.words.iter().map(String::as_str));
    let mut out = format!("## Rows about “{}”\n\n", esc(&about.join(" ")));
    for p in &f.see {
        let _ = writeln!(
            out,
            "- See `{}`: {} (`{}`)",
            p.command,
            esc(p.name),
            esc(p.id)
        );
    }
    if !f.see.is_empty() {
        out.push('\n');
    }
    if f.rows.is_empty() {
        if f.see.is_empty() {
            out.push_str("Nothing found.\n");
        }
        return out;
    }
    let mut header = vec!["Row".to_string(), "Found in".to_string()];
    if let Some(first) = f.rows.first() {
        header.extend(first.owners.keys().iter().map(|m| format!("`{}`", esc(m))));
    }
    let rows: Vec<Vec<String>> = f
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![label(r.name, r.id, r.layer), r.matched.join(", ")];
            row.extend(r.owners.owners().map(|o| o.to_string()));
            row
        })
        .collect();
    people_table(&mut out, &header, &rows);
    out
}

pub(super) fn checklist(c: &Checklist) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Customer checklist: {} (`{}`)",
        esc(c.model_name),
        code_key(c.model, c.variant)
    );
    let mut current = None;
    for row in &c.rows {
        if current != Some(row.layer) {
            current = Some(row.layer);
            let _ = writeln!(out, "\n## {} (`{}`)\n", esc(row.layer_name), esc(row.layer));
        }
        let _ = writeln!(
            out,
            "- **{}** (`{}`, {})",
            esc(row.name),
            esc(row.id),
            row.owner
        );
        if let Some(note) = row.note {
            let _ = writeln!(out, "  - note: {}", esc(note));
        }
        for d in &row.duties {
            let _ = writeln!(out, "  - [ ] {}", esc(d));
        }
        for p in &row.provider_covers {
            let _ = writeln!(out, "  - provider covers: {}", esc(p));
        }
    }
    out
}

pub(super) fn explain(e: &Explain) -> String {
    let mut out = String::new();
    if e.kind == crate::query::Kind::Owner {
        // An owner word: the word and what it means, nothing of the catalogue.
        let _ = writeln!(out, "## `{}` (owner)\n", esc(e.id));
        if let Some(d) = e.description {
            let _ = writeln!(out, "{}", esc(d));
        }
        return out;
    }
    let _ = writeln!(out, "## {} (`{}`)\n", esc(e.name), esc(e.id));
    if let Some(d) = e.description {
        let _ = writeln!(out, "{}\n", esc(d));
    }
    if let Some(r) = e.remark {
        let _ = writeln!(out, "> {}\n", esc(r));
    }
    let rows: Vec<Vec<String>> = e
        .cells
        .iter()
        .map(|c| {
            vec![
                label(c.name, c.id, c.layer),
                format!("{} (`{}`)", esc(c.model_name), code_key(c.model, c.variant)),
                super::with_mark(c.owner.as_str(), c.evidence).into_owned(),
                esc(c.note.unwrap_or_default()),
            ]
        })
        .collect();
    people_table(
        &mut out,
        &["Layer", "Model", "Owner", "Note"].map(String::from),
        &rows,
    );
    duties_and_sources(&mut out, &e.duties, &e.sources);
    out
}

pub(super) fn controls(c: &crate::query::ControlsReport) -> String {
    let mut out = format!(
        "## Controls under {} (`{}`){}\n\n",
        esc(c.model_name),
        code_key(c.model, c.variant),
        c.baseline
            .map(|b| format!(", baseline `{}`", esc(b)))
            .unwrap_or_default()
    );
    let rows: Vec<Vec<String>> = c
        .controls
        .iter()
        .map(|r| {
            let behind = match r.basis {
                crate::query::Basis::Organisational => "organisational".to_string(),
                crate::query::Basis::Unmapped => "unmapped".to_string(),
                _ => r
                    .rows
                    .iter()
                    .map(|b| format!("`{}`", esc(b.id)))
                    .collect::<Vec<_>>()
                    .join(", "),
            };
            vec![
                esc(r.label),
                esc(r.title),
                r.owner.to_string(),
                r.can_be_inherited.to_string(),
                behind,
            ]
        })
        .collect();
    people_table(
        &mut out,
        &[
            "Control",
            "Title",
            "Owner",
            "Can be inherited",
            "Rows behind it",
        ]
        .map(String::from),
        &rows,
    );
    out
}
