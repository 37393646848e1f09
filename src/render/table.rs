//! Tables and short text for people.
//!
//! Catalogue text is placed in tables as it is: the loader refuses any catalogue whose text
//! holds a control, format or invisible character, so nothing in it can drive a terminal or
//! reorder what it shows (see `sanitize.rs`, the one definition of such characters). Every
//! row of the matrix is shown with its id, so what a table shows can be typed back. Colors
//! appear only when [`Style::color`] says so.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io;

use comfy_table::Color;
use unicode_width::UnicodeWidthStr;

use super::Style;
use super::grid::{Cell, Row, Table, stream};
use crate::catalog::{Derived, Evidence};
use crate::query::{self, Diff, Matrix, Retained, Who};

/// A control list is long (a baseline has up to 410 controls) and regular, so it is printed as
/// aligned columns, like `ls -l`, rather than boxed: a boxed table of that size costs tens of
/// times more to lay out, and columns are what people grep.
pub(super) fn controls(
    c: &query::ControlsReport,
    style: Style,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    let n = c.controls.len();
    writeln!(
        out,
        "{n} control{} under {}{}\n",
        if n == 1 { "" } else { "s" },
        super::column_label(c.model_name, c.model, c.variant),
        c.baseline
            .map(|b| format!(", baseline {b}"))
            .unwrap_or_default()
    )?;
    if c.controls.is_empty() {
        return Ok(());
    }
    fn cells<'a>(r: &query::ControlRow<'a>) -> [&'a str; 4] {
        [r.label, r.owner.as_str(), r.can_be_inherited, r.title]
    }
    let header = ["CONTROL", "OWNER", "INHERIT", "TITLE"];
    let mut widths = header.map(width);
    for r in &c.controls {
        for (w, cell) in widths.iter_mut().zip(cells(r)) {
            *w = (*w).max(width(cell));
        }
    }
    // One line at a time, into a buffer kept from line to line.
    let pad = super::grid::pad;
    let mut line = String::with_capacity(256);
    for (i, h) in header.iter().enumerate() {
        line.push_str(h);
        pad(&mut line, widths[i] - width(h) + 2);
    }
    line.push_str("ROWS BEHIND IT\n");
    out.write_all(line.as_bytes())?;
    for r in &c.controls {
        line.clear();
        for (i, cell) in cells(r).iter().enumerate() {
            if i == 1 && style.color {
                let _ = write!(line, "\x1b[1;{}m{cell}\x1b[0m", sgr_of(r.owner));
            } else {
                line.push_str(cell);
            }
            pad(&mut line, widths[i] - width(cell) + 2);
        }
        // The rows behind the owner, or why there are none.
        let via = |line: &mut String| {
            if let Some(base) = r.base {
                line.push_str("via ");
                line.push_str(base);
                line.push_str(": ");
            }
        };
        if r.basis == query::Basis::Unmapped && !c.catalog_maps_controls {
            line.push_str("unmapped (the catalogue maps no control)");
        } else if r.basis == query::Basis::Unmapped {
            line.push_str("unmapped (no row in the scope, not organisational)");
        } else if r.basis == query::Basis::Organisational {
            via(&mut line);
            line.push_str("organisational (each organisation's own)");
        } else {
            via(&mut line);
            for (i, b) in r.rows.iter().enumerate() {
                if i > 0 {
                    line.push_str(", ");
                }
                line.push_str(b.id);
            }
        }
        line.push('\n');
        out.write_all(line.as_bytes())?;
    }
    Ok(())
}

/// Display width: ASCII, the usual case, is one column a byte.
fn width(s: &str) -> usize {
    if s.is_ascii() { s.len() } else { s.width() }
}

pub(super) fn control(c: &query::ControlExplain, style: Style) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} {} ({})", c.label, c.title, c.id);
    let _ = writeln!(
        out,
        "family: {}{}",
        c.family,
        c.family_title
            .map(|t| format!(" ({t})"))
            .unwrap_or_default()
    );
    let _ = writeln!(out, "baselines: {}", c.baselines.join(", "));
    let why = match c.basis {
        query::Basis::Rows => "the rows that bear on it".to_string(),
        query::Basis::BaseControl => format!(
            "its base control {}, which it follows (no row lists it)",
            c.base.unwrap_or_default()
        ),
        query::Basis::Unmapped if !c.catalog_maps_controls => {
            "nothing: the catalogue maps no control to its rows, so it is unmapped".to_string()
        }
        query::Basis::Unmapped => {
            "nothing: no row in the scope bears on it and the catalogue does not list it as organisational, so it is unmapped".to_string()
        }
        query::Basis::Organisational => format!(
            "the catalogue's organisational list{}: each organisation meets it itself, so the customer cannot inherit it ({}{})",
            c.base
                .map(|b| format!(", through its base control {b}"))
                .unwrap_or_default(),
            c.principle
                .map(|p| format!("principle {p}: "))
                .unwrap_or_default(),
            c.why.unwrap_or_default()
        ),
    };
    let _ = writeln!(
        out,
        "owner follows: {why}
"
    );
    let mut table = new_table(style, &["Model", "Owner", "Can be inherited"]);
    for cell in &c.cells {
        table.add_row(vec![
            text_cell(format!("{} ({})", cell.model_name, cell.model)),
            owner_cell(cell.owner, style),
            text_cell(cell.can_be_inherited),
        ]);
    }
    out.push_str(&finish(&table));
    if !c.rows.is_empty() {
        let mut header = vec!["Row".to_string(), "Why".to_string()];
        if let Some(first) = c.rows.first() {
            header.extend(first.owners.keys().iter().map(|m| m.to_string()));
        }
        let header: Vec<&str> = header.iter().map(String::as_str).collect();
        let mut table = new_table(style, &header);
        for r in &c.rows {
            // The principle of data/CONTROLS.md the mapping applies, before its reason.
            let why = match r.principle {
                Some(p) => format!("principle {p}: {}", r.why),
                None => r.why.to_string(),
            };
            let mut cells = vec![text_cell(label(r.name, r.id, r.layer)), text_cell(why)];
            cells.extend(r.owners.owners().map(|o| owner_cell(o, style)));
            table.add_row(cells);
        }
        out.push('\n');
        out.push_str(&finish(&table));
    }
    out
}

pub(super) fn controls_diff(d: &query::ControlsDiff, style: Style) -> String {
    if d.changes.is_empty() {
        return format!("no control changes owner between {} and {}\n", d.from, d.to);
    }
    let from = super::column_label(d.from_name, d.from, d.from_variant);
    let to = super::column_label(d.to_name, d.to, d.to_variant);
    let mut table = new_table(style, &["Control", "Title", &from, &to, "Direction"]);
    for c in &d.changes {
        table.add_row(vec![
            text_cell(c.label),
            text_cell(c.title),
            owner_cell(c.from_owner, style),
            owner_cell(c.to_owner, style),
            text_cell(direction_text(c.direction)),
        ]);
    }
    finish(&table)
}

/// `Name (id)`, or `Name (layer › id)` for a part: how a row is named in every table.
fn label(name: &str, id: &str, layer: &str) -> String {
    concat(&labelled(name, id, layer))
}

/// [`label`] as the pieces a cell is joined from.
fn labelled<'c>(name: &'c str, id: &'c str, layer: &'c str) -> [&'c str; 6] {
    if id == layer {
        [name, " (", id, ")", "", ""]
    } else {
        [name, " (", layer, " › ", id, ")"]
    }
}

pub(super) fn checklist(
    c: &query::Checklist,
    style: Style,
    out: &mut dyn io::Write,
) -> io::Result<()> {
    writeln!(
        out,
        "customer checklist under {}",
        super::column_label(c.model_name, c.model, c.variant)
    )?;
    if c.rows.is_empty() {
        return out.write_all(b"nothing for the customer here\n");
    }
    let header = ["Row", "Owner", "Your duties", "Note", "Provider covers"];
    // The marks the rows carry, noted as they are written, so the rows are not made again
    // for the legend.
    let marks = std::cell::Cell::new([false; 4]);
    let rows = |each: Row| {
        for row in &c.rows {
            if let Some(e) = row.evidence {
                let mut seen = marks.get();
                seen[e as usize] = true;
                marks.set(seen);
            }
            each(
                &mut [
                    Cell::joined(&labelled(row.name, row.id, row.layer)),
                    marked_owner_cell(row.owner, row.evidence, style),
                    Cell::bullets("☐", &row.duties),
                    text_cell(row.note.unwrap_or_default()),
                    Cell::bullets("•", &row.provider_covers),
                ]
                .into_iter(),
            );
        }
    };
    stream(style, header.map(text_cell), rows, out)?;
    let seen = marks.get();
    let legend = Evidence::ALL.into_iter().filter(|&e| seen[e as usize]);
    out.write_all(super::evidence_legend(legend.map(Some)).as_bytes())
}

pub(super) fn explain(e: &query::Explain, style: Style) -> String {
    let mut out = String::new();
    let kind = match e.kind {
        query::Kind::Layer => "layer",
        query::Kind::Part => "part",
        query::Kind::Model => "model",
        query::Kind::Service => "service",
        query::Kind::Owner => {
            // An owner word: the word and what it means, nothing of the catalogue.
            let _ = writeln!(out, "{} (owner)", e.id);
            if let Some(d) = e.description {
                let _ = writeln!(out, "\n{d}");
            }
            return out;
        }
    };
    let _ = writeln!(out, "{} ({kind} {})", e.name, e.id);
    if let Some(layer) = e.layer.filter(|l| *l != e.id) {
        let _ = writeln!(out, "part of layer: {layer}");
    }
    if !e.aliases.is_empty() {
        let _ = writeln!(out, "aliases: {}", join(e.aliases));
    }
    if let Some(d) = e.description {
        let _ = writeln!(out, "\n{d}");
    }
    if let Some(r) = e.remark {
        let _ = writeln!(out, "\nremark: {r}");
    }
    out.push('\n');
    // A model or a service is explained layer by layer; a layer or part, model by model.
    let by_layer = matches!(e.kind, query::Kind::Model | query::Kind::Service);
    let first = if by_layer { "Layer" } else { "Model" };
    let mut table = new_table(style, &[first, "Owner", "Note"]);
    for c in &e.cells {
        let name = if by_layer {
            label(c.name, c.id, c.layer)
        } else {
            super::column_label(c.model_name, c.model, c.variant)
        };
        table.add_row(vec![
            text_cell(name),
            marked_owner_cell(c.owner, c.evidence, style),
            text_cell(c.note.unwrap_or_default()),
        ]);
        for p in &c.rows {
            table.add_row(vec![
                Cell::joined(&sub(p.name, p.id)),
                marked_owner_cell(p.owner, p.evidence, style),
                text_cell(p.note.unwrap_or_default()),
            ]);
        }
    }
    out.push_str(&finish(&table));
    out.push_str(&super::evidence_legend(e.cells.iter().map(|c| c.evidence)));
    duties_and_sources(&mut out, &e.duties, " (where it holds the row)", &e.sources);
    out
}

pub(super) fn find(f: &query::Find, style: Style) -> String {
    let mut out = find_rows(f, style);
    for p in &f.see {
        let _ = writeln!(out, "see `{}`: {} ({})", p.command, p.name, p.id);
    }
    out
}

fn find_rows(f: &query::Find, style: Style) -> String {
    if f.rows.is_empty() {
        if !f.see.is_empty() {
            return String::new();
        }
        return format!(
            "nothing found for '{}'; try another word, or see `srm layers`\n",
            crate::sanitize::cut(&f.words.join(" "))
        );
    }
    let mut header: Vec<String> = vec!["Row".to_string(), "Found in".to_string()];
    if let Some(first) = f.rows.first() {
        header.extend(first.owners.keys().iter().map(|m| m.to_string()));
    }
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let mut table = new_table(style, &header);
    for row in &f.rows {
        let mut cells = vec![
            text_cell(label(row.name, row.id, row.layer)),
            text_cell(row.matched.join(", ")),
        ];
        cells.extend(row.owners.owners().map(|o| owner_cell(o, style)));
        table.add_row(cells);
    }
    finish(&table)
}

fn color_of(owner: Derived) -> Color {
    super::palette::terminal(owner).0
}

/// SGR foreground codes matching [`color_of`], for text outside tables.
fn sgr_of(owner: Derived) -> &'static str {
    super::palette::terminal(owner).1
}

pub(super) fn paint(owner: impl Into<Derived>, style: Style) -> String {
    let owner = owner.into();
    if style.color {
        format!("\x1b[1;{}m{}\x1b[0m", sgr_of(owner), owner)
    } else {
        owner.to_string()
    }
}

/// [`owner_cell`] with the mark of weaker evidence (`customer [P]`).
fn marked_owner_cell(
    owner: impl Into<Derived>,
    evidence: Option<crate::catalog::Evidence>,
    style: Style,
) -> Cell<'static> {
    let owner = owner.into();
    let cell = Cell::new(super::with_mark(owner.as_str(), evidence));
    if style.color {
        cell.fg(color_of(owner))
    } else {
        cell
    }
}

pub(super) fn owner_cell(owner: impl Into<Derived>, style: Style) -> Cell<'static> {
    let owner = owner.into();
    let cell = Cell::new(owner.as_str());
    if style.color {
        cell.fg(color_of(owner))
    } else {
        cell
    }
}

pub(super) fn new_table<'a>(style: Style, header: &[&'a str]) -> Table<'a> {
    Table::new(style, header.iter().map(|&h| text_cell(h)))
}

/// A table cell of at most [`MAX_CELL`](super::grid::MAX_CELL) characters. A table lays out every cell it holds, and
/// comfy-table measures the rest of a long word again for every line it wraps, so a cell of
/// a megabyte would take minutes; nobody reads one in a table anyway. JSON, YAML and the
/// other documents keep the whole text. (A cell joined from pieces is cut the same way as
/// the table takes it.)
pub(super) fn text_cell<'a>(text: impl Into<Cow<'a, str>>) -> Cell<'a> {
    let text = text.into();
    match super::grid::cut(&text) {
        Some(shown) => Cell::new(shown),
        None => Cell::new(text),
    }
}

pub(super) fn finish(table: &Table) -> String {
    table.render()
}

/// `parts` one after the other, in one allocation of the right size.
fn concat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for p in parts {
        out.push_str(p);
    }
    out
}

/// A part under its layer, with its id, as the pieces a cell is joined from.
fn sub<'c>(name: &'c str, id: &'c str) -> [&'c str; 5] {
    ["  └ ", name, " (", id, ")"]
}

/// Each side's duties as bullet lists, then the sources with their addresses.
fn duties_and_sources(
    out: &mut String,
    duties: &query::SideDuties,
    qualifier: &str,
    sources: &[query::SourceRef],
) {
    for (side, list) in [
        ("customer", &duties.customer),
        ("provider", &duties.provider),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "\n{side} duties{qualifier}:");
            for d in list {
                let _ = writeln!(out, "  - {d}");
            }
        }
    }
    if !sources.is_empty() {
        let _ = writeln!(out, "\nsources:");
        for s in sources {
            let _ = write!(out, "  [{}] {}", s.id, s.title);
            if let Some(url) = s.url {
                let _ = write!(out, " <{url}>");
            }
            out.push('\n');
        }
    }
}

pub(super) fn who_table(who: &Who, style: Style, out: &mut dyn io::Write) -> io::Result<()> {
    if who.cells.is_empty() {
        return out.write_all(b"no cells match\n");
    }
    let header = ["Layer", "Model", "Owner", "Note"];
    let rows = |each: Row| {
        for c in &who.cells {
            let model = match c.variant {
                Some(v) => [c.model, ":", v],
                None => [c.model, "", ""],
            };
            each(
                &mut [
                    Cell::joined(&labelled(c.name, c.id, c.layer)),
                    Cell::joined(&model),
                    marked_owner_cell(c.owner, c.evidence, style),
                    text_cell(c.note.unwrap_or_default()),
                ]
                .into_iter(),
            );
            for p in &c.rows {
                each(
                    &mut [
                        Cell::joined(&sub(p.name, p.id)),
                        text_cell(""),
                        marked_owner_cell(p.owner, p.evidence, style),
                        text_cell(p.note.unwrap_or_default()),
                    ]
                    .into_iter(),
                );
            }
        }
    };
    stream(style, header.map(text_cell), rows, out)?;
    out.write_all(super::evidence_legend(who.cells.iter().map(|c| c.evidence)).as_bytes())
}

pub(super) fn diff(d: &Diff, style: Style, out: &mut dyn io::Write) -> io::Result<()> {
    if d.changes.is_empty() {
        return writeln!(
            out,
            "no layer changes owner between {} and {}",
            d.from, d.to
        );
    }
    let from = super::column_label(d.from_name, d.from, d.from_variant);
    let to = super::column_label(d.to_name, d.to, d.to_variant);
    let header: [&str; 4] = ["Layer", &from, &to, "Direction"];
    let rows = |each: Row| {
        for c in d.changes.iter() {
            each(
                &mut [
                    Cell::joined(&[c.name, " (", c.id, ")"]),
                    owner_cell(c.from_owner, style),
                    owner_cell(c.to_owner, style),
                    text_cell(direction_text(c.direction)),
                ]
                .into_iter(),
            );
            for p in &c.rows {
                each(
                    &mut [
                        Cell::joined(&sub(p.name, p.id)),
                        owner_cell(p.from_owner, style),
                        owner_cell(p.to_owner, style),
                        text_cell(direction_text(p.direction)),
                    ]
                    .into_iter(),
                );
            }
        }
    };
    stream(style, header.map(text_cell), rows, out)
}

/// Directions in words, for tables and Markdown.
pub(super) fn direction_text(d: query::Direction) -> &'static str {
    match d {
        query::Direction::TowardProvider => "→ toward provider",
        query::Direction::TowardCustomer => "← toward customer",
        query::Direction::Mixed => "↔ mixed (rows move both ways)",
        query::Direction::Other => "other (depends on the model)",
        query::Direction::Unchanged => "unchanged",
    }
}

pub(super) fn retained(r: &Retained, style: Style, out: &mut dyn io::Write) -> io::Result<()> {
    if r.rows.is_empty() {
        return out.write_all(b"the customer owns no row under every model\n");
    }
    let header = ["Row", "Customer duties", "Sources"];
    let rows = |each: Row| {
        for row in &r.rows {
            let sources: Vec<&str> = row.sources.iter().map(|s| s.id).collect();
            each(
                &mut [
                    Cell::joined(&labelled(row.name, row.id, row.layer)),
                    Cell::bullets("•", &row.duties.customer),
                    text_cell(sources.join(", ")),
                ]
                .into_iter(),
            );
        }
    };
    stream(style, header.map(text_cell), rows, out)
}

pub(super) fn matrix(m: &Matrix, style: Style, out: &mut dyn io::Write) -> io::Result<()> {
    let mut header: Vec<String> = vec!["Layer".to_string()];
    header.extend(m.models.iter().map(|h| match h.variant {
        Some(v) => format!("{} ({v})", h.name),
        None => h.name.to_string(),
    }));
    let mark = |retained: bool| if retained { " *" } else { "" };
    let rows = |each: Row| {
        for layer in m.layers.iter() {
            let name = [layer.name, " (", layer.id, ")", mark(layer.retained)];
            let owners = layer.owners.owners().map(|o| owner_cell(o, style));
            each(&mut std::iter::once(Cell::joined(&name)).chain(owners));
            for p in &layer.rows {
                let name = ["  └ ", p.name, " (", p.id, ")", mark(p.retained)];
                let owners = p.owners.owners().map(|o| owner_cell(o, style));
                each(&mut std::iter::once(Cell::joined(&name)).chain(owners));
            }
        }
    };
    stream(style, header.iter().map(text_cell), rows, out)?;
    let legend: Vec<String> = Derived::SHOWN.iter().map(|&o| paint(o, style)).collect();
    writeln!(
        out,
        "legend: {}; a layer of parts is split when its parts differ; * always retained by the customer",
        legend.join(" · ")
    )
}

pub(super) fn layers(l: &query::Layers, style: Style) -> String {
    let mut table = new_table(style, &["Id", "Name", "Scope", "Aliases", "Parts"]);
    for layer in &l.layers {
        let parts: Vec<&str> = layer.rows.iter().map(|p| p.id).collect();
        table.add_row(vec![
            layer.id.to_string(),
            layer.name.to_string(),
            layer.scope.to_string(),
            join(layer.aliases),
            parts.join(", "),
        ]);
    }
    finish(&table)
}

pub(super) fn models(m: &query::Models, style: Style) -> String {
    let mut table = new_table(style, &["Id", "Name", "Aliases", "Description"]);
    for model in &m.models {
        table.add_row(vec![
            model.id.to_string(),
            model.name.to_string(),
            join(model.aliases),
            model.description.unwrap_or_default().to_string(),
        ]);
    }
    finish(&table)
}

pub(super) fn services(s: &query::Services, style: Style) -> String {
    if s.services.is_empty() {
        return match s.provider {
            Some(p) => format!("no services from {p} in this catalogue\n"),
            None => "this catalogue declares no services\n".to_string(),
        };
    }
    let mut table = new_table(
        style,
        &[
            "Service",
            "Provider",
            "Base",
            "Variants (* default)",
            "Evidence",
        ],
    );
    for service in &s.services {
        let variants: Vec<String> = service
            .variants
            .iter()
            .map(|v| {
                let id = super::with_mark(v.id, Some(v.evidence));
                if v.default {
                    format!("{id} *")
                } else {
                    id.into_owned()
                }
            })
            .collect();
        table.add_row(vec![
            text_cell(format!("{} ({})", service.name, service.id)),
            text_cell(service.provider),
            text_cell(service.base_model),
            text_cell(variants.join(", ")),
            text_cell(service.evidence.as_str()),
        ]);
    }
    let mut out = finish(&table);
    out.push_str(&super::evidence_legend(s.services.iter().flat_map(|s| {
        std::iter::once(Some(s.evidence)).chain(s.variants.iter().map(|v| Some(v.evidence)))
    })));
    let _ = writeln!(
        out,
        "{} service{}; `srm explain SERVICE` or `srm who --model SERVICE[:VARIANT]` for the rows",
        s.services.len(),
        if s.services.len() == 1 { "" } else { "s" }
    );
    out
}

fn join(items: &[crate::catalog::Text]) -> String {
    items
        .iter()
        .map(|s| s.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
