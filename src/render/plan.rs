//! `srm plan` in each format. Resources can be many: JSON writes them one line each as they
//! are read (into a spool the shell keeps until the run succeeds) and the rest of the plan
//! after; the table shows at most [`MAX_TABLE_RESOURCES`] of them.

use std::io::Write;

use schemars::JsonSchema;
use serde::Serialize;

use super::Style;
use super::document::{FORMAT_VERSION, Versioned, write_json};
use super::table::{direction_text, finish, new_table, owner_cell, text_cell};
use crate::catalog::Owner;
use crate::query::{Plan, PlanResource};

/// Most resources a table lists; JSON lists them all.
pub const MAX_TABLE_RESOURCES: usize = 1000;

/// The whole `srm plan --json` document, as its schema describes it: the plan's fields and
/// `resources`.
#[derive(Serialize, JsonSchema)]
pub struct PlanDocument<'a> {
    /// The version of this document's shape: 2.
    pub format_version: u32,
    #[serde(flatten)]
    pub plan: Plan<'a>,
    /// Every resource read, in input order (one line each).
    pub resources: Vec<PlanResource<'a>>,
}

/// Writes one resource as one line of JSON, by the JSON policy, for [`write_document`].
pub fn write_resource(r: &PlanResource<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    let mut line = Vec::with_capacity(256);
    super::document::write_compact(r, &mut line).map_err(std::io::Error::other)?;
    out.write_all(&line)?;
    out.write_all(b"\n")
}

/// The document: the plan's fields, then `resources` from `lines` (what [`write_resource`]
/// wrote, one resource a line).
pub fn write_document(
    plan: &Plan<'_>,
    lines: &mut dyn std::io::BufRead,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut head = Vec::new();
    write_json(
        &Versioned {
            format_version: FORMAT_VERSION,
            body: plan,
        },
        &mut head,
    )
    .map_err(std::io::Error::other)?;
    // `{ … }\n` without its closing brace: `resources` goes last.
    while head.last().is_some_and(|b| b.is_ascii_whitespace()) {
        head.pop();
    }
    head.pop();
    while head.last().is_some_and(|b| b.is_ascii_whitespace()) {
        head.pop();
    }
    out.write_all(&head)?;
    out.write_all(b",\n  \"resources\": [")?;
    let mut first = true;
    let mut line = Vec::new();
    loop {
        line.clear();
        if lines.read_until(b'\n', &mut line)? == 0 {
            break;
        }
        while line.last() == Some(&b'\n') {
            line.pop();
        }
        out.write_all(if first { b"\n    " } else { b",\n    " })?;
        out.write_all(&line)?;
        first = false;
    }
    out.write_all(if first { b"]\n}\n" } else { b"\n  ]\n}\n" })
}

fn column(service: &str, variant: Option<&str>) -> String {
    super::column_key(service, variant)
}

/// Rows by holder, as `os, runtime`.
fn rows_held(owners: &[crate::query::RowOwner<'_>], owner: Owner) -> String {
    owners
        .iter()
        .filter(|o| o.owner == owner)
        .map(|o| &*o.row)
        .collect::<Vec<_>>()
        .join(", ")
}

fn from_text(
    services: &[std::borrow::Cow<'_, str>],
    count: usize,
    first: &[std::borrow::Cow<'_, str>],
) -> String {
    let mut out = services.join(", ");
    let shown = first.join(", ");
    let more = count.saturating_sub(first.len());
    out.push_str(&format!(
        "\n{count} resource{}: {shown}{}",
        if count == 1 { "" } else { "s" },
        if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        }
    ));
    out
}

/// The table form: inputs, services, what supports a row, what is unclassified, the duties,
/// what changes, and the resources.
pub fn table(plan: &Plan<'_>, resources: &[PlanResource<'_>], style: Style) -> String {
    let mut out = String::new();
    let t = &plan.totals;
    out.push_str(&format!(
        "{} resource{} in {} input{}: {} of a service, {} supporting a row, {} unclassified\n",
        t.resources,
        if t.resources == 1 { "" } else { "s" },
        plan.inputs.len(),
        if plan.inputs.len() == 1 { "" } else { "s" },
        t.services,
        t.supporting,
        t.unclassified
    ));
    for i in &plan.inputs {
        out.push_str(&format!(
            "  {} ({}, {} resources)\n",
            i.path, i.format, i.resources
        ));
    }
    if !plan.services.is_empty() {
        out.push_str("\nServices\n");
        let mut table = new_table(
            style,
            &[
                "Service",
                "Base model",
                "Resources",
                "Yours",
                "Shared",
                "Provider's",
            ],
        );
        for s in &plan.services {
            table.add_row(vec![
                text_cell(format!(
                    "{} ({})",
                    s.name,
                    column(&s.service, s.variant.as_deref())
                )),
                text_cell(&*s.base_model),
                text_cell(s.resources.to_string()),
                text_cell(rows_held(&s.owners, Owner::Customer)),
                text_cell(rows_held(&s.owners, Owner::Shared)),
                text_cell(rows_held(&s.owners, Owner::Provider)),
            ]);
        }
        out.push_str(&finish(&table));
    }
    if !plan.duties.is_empty() {
        out.push_str("\nYour duties\n");
        let mut table = new_table(style, &["Row", "Owner", "Duty", "From"]);
        for d in &plan.duties {
            let row = if d.always {
                format!("{} ({})\nalways yours", d.name, d.row)
            } else {
                format!("{} ({})", d.name, d.row)
            };
            table.add_row(vec![
                text_cell(row),
                owner_cell(d.owner, style),
                text_cell(&*d.duty),
                text_cell(from_text(&d.services, d.resource_count, &d.resources)),
            ]);
        }
        out.push_str(&finish(&table));
    }
    if !plan.supporting.is_empty() {
        out.push_str("\nSupporting a row\n");
        let mut table = new_table(style, &["Row", "Resources", "Types"]);
        for s in &plan.supporting {
            let types: Vec<String> = s
                .types
                .iter()
                .map(|t| format!("{} ×{}", t.ty, t.count))
                .collect();
            table.add_row(vec![
                text_cell(format!("{} ({})", s.name, s.row)),
                text_cell(s.resources.to_string()),
                text_cell(types.join("\n")),
            ]);
        }
        out.push_str(&finish(&table));
    }
    if !plan.unclassified.is_empty() {
        out.push_str(
            "\nUnclassified (no service or supporting type in the catalogue lists them)\n",
        );
        let mut table = new_table(style, &["Type", "Count", "Resources"]);
        for u in &plan.unclassified {
            let more = u.count.saturating_sub(u.resources.len());
            let mut list = u.resources.join("\n");
            if more > 0 {
                list.push_str(&format!("\nand {more} more"));
            }
            table.add_row(vec![
                text_cell(&*u.ty),
                text_cell(u.count.to_string()),
                text_cell(list),
            ]);
        }
        out.push_str(&finish(&table));
    }
    if let Some(previous) = &plan.previous {
        out.push_str(&format!(
            "\nWhat changes (from {} resource{} before)\n",
            previous.resources,
            if previous.resources == 1 { "" } else { "s" }
        ));
        if plan.row_changes.is_empty() {
            out.push_str("No row changes holder.\n");
        } else {
            let mut table = new_table(style, &["Row", "Before", "After", "Direction"]);
            for r in &plan.row_changes {
                table.add_row(vec![
                    text_cell(format!("{} ({})", r.name, r.row)),
                    r.from
                        .map_or_else(|| text_cell("-"), |o| owner_cell(o, style)),
                    r.to.map_or_else(|| text_cell("-"), |o| owner_cell(o, style)),
                    text_cell(direction_text(r.direction)),
                ]);
            }
            out.push_str(&finish(&table));
        }
        for (label, list) in [
            ("Duties that disappear", &plan.duties_removed),
            ("Duties that appear", &plan.duties_added),
        ] {
            if list.is_empty() {
                continue;
            }
            out.push_str(&format!("\n{label}\n"));
            for d in list {
                out.push_str(&format!("  {}: {}\n", d.row, d.duty));
            }
        }
        if !plan.changes.is_empty() {
            out.push_str("\nResources\n");
            let mut table = new_table(style, &["Address", "Change", "From", "To"]);
            for c in &plan.changes {
                table.add_row(vec![
                    text_cell(&*c.address),
                    text_cell(&*c.change),
                    text_cell(c.from.as_deref().unwrap_or("-")),
                    text_cell(c.to.as_deref().unwrap_or("-")),
                ]);
            }
            out.push_str(&finish(&table));
        }
    }
    if !resources.is_empty() {
        out.push_str("\nResources\n");
        let mut table = new_table(style, &["Address", "Type", "Is"]);
        for r in resources {
            let is = match (&r.service, &r.supporting) {
                (Some(s), _) => {
                    let mut is = column(s, r.variant.as_deref());
                    if r.default_variant {
                        is.push_str(" (default variant)");
                    }
                    is
                }
                (None, Some(row)) => format!("supports {row}"),
                (None, None) => "unclassified".to_string(),
            };
            let address = if r.conditional {
                format!("{} (conditional)", r.address)
            } else {
                r.address.to_string()
            };
            table.add_row(vec![text_cell(address), text_cell(&*r.ty), text_cell(is)]);
        }
        out.push_str(&finish(&table));
        if plan.totals.resources > resources.len() {
            out.push_str(&format!(
                "{} more resources not listed (--json lists them all)\n",
                plan.totals.resources - resources.len()
            ));
        }
    }
    if plan.left_out > 0 {
        out.push_str(&format!(
            "{} AI row{} left out (--scope all shows them)\n",
            plan.left_out,
            if plan.left_out == 1 { "" } else { "s" }
        ));
    }
    out
}

/// One line per duty, with an empty status column to fill in.
pub fn csv(plan: &Plan<'_>) -> csv::Result<String> {
    use super::records::csv_field;
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "status",
        "row",
        "layer",
        "owner",
        "duty",
        "always",
        "services",
        "resource_count",
        "resources",
    ];
    w.write_record(header)?;
    for d in &plan.duties {
        let record = [
            String::new(),
            d.row.to_string(),
            d.layer.to_string(),
            d.owner.as_str().to_string(),
            d.duty.to_string(),
            d.always.to_string(),
            d.services.join("; "),
            d.resource_count.to_string(),
            d.resources.join("; "),
        ];
        w.write_record(record.iter().map(|f| csv_field(f).into_owned()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))?;
    String::from_utf8(bytes).map_err(|e| csv::Error::from(std::io::Error::other(e)))
}

/// The duties as a task list grouped by row, after the services.
pub fn markdown(plan: &Plan<'_>) -> String {
    use super::markdown::esc;
    let code = |s: &str| format!("`{}`", s.replace('`', "'"));
    let mut out = String::from("# What we must do\n\n");
    let t = &plan.totals;
    out.push_str(&format!(
        "{} resources: {} of a service, {} supporting a row, {} unclassified.\n\n",
        t.resources, t.services, t.supporting, t.unclassified
    ));
    if !plan.services.is_empty() {
        out.push_str("## Services\n\n| Service | Base model | Resources | Yours |\n| --- | --- | --- | --- |\n");
        for s in &plan.services {
            out.push_str(&format!(
                "| {} ({}) | {} | {} | {} |\n",
                esc(&s.name).replace('|', "\\|"),
                code(&column(&s.service, s.variant.as_deref())),
                esc(&s.base_model),
                s.resources,
                esc(&rows_held(&s.owners, Owner::Customer))
            ));
        }
        out.push('\n');
    }
    if !plan.duties.is_empty() {
        out.push_str("## Duties\n");
        let mut row = "";
        for d in &plan.duties {
            if d.row != row {
                row = &d.row;
                out.push_str(&format!("\n### {} ({})\n\n", esc(&d.name), code(&d.row)));
            }
            let services: Vec<String> = d.services.iter().map(|s| code(s)).collect();
            out.push_str(&format!(
                "- [ ] {} ({}; {}: {} resource{})\n",
                esc(&d.duty),
                d.owner.as_str(),
                services.join(", "),
                d.resource_count,
                if d.resource_count == 1 { "" } else { "s" }
            ));
        }
    }
    if !plan.unclassified.is_empty() {
        out.push_str("\n## Unclassified\n\n");
        for u in &plan.unclassified {
            out.push_str(&format!("- {} ×{}\n", code(&u.ty), u.count));
        }
    }
    if plan.previous.is_some() && (!plan.duties_removed.is_empty() || !plan.duties_added.is_empty())
    {
        out.push_str("\n## What changes\n\n");
        for d in &plan.duties_removed {
            out.push_str(&format!(
                "- Disappears: {} ({})\n",
                esc(&d.duty),
                code(&d.row)
            ));
        }
        for d in &plan.duties_added {
            out.push_str(&format!("- Appears: {} ({})\n", esc(&d.duty), code(&d.row)));
        }
    }
    out
}
