//! Answers as flat records (a header and rows of strings), the shape of CSV and of Markdown
//! tables. Lists inside a field are joined with line breaks; values are ids, as in JSON.

use crate::query::{Cell, Report};

pub struct Records {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn lines(items: &[&str]) -> String {
    items.join("\n")
}

const CELL_HEADER: &[&str] = &[
    "id",
    "layer",
    "name",
    "model",
    "model_name",
    "owner",
    "note",
    "rows",
    "customer_duties",
    "provider_duties",
    "variant",
    "base_model",
    "evidence",
];

fn cell_record(c: &Cell) -> Vec<String> {
    let rows: Vec<String> = c
        .rows
        .iter()
        .map(|p| format!("{}={}", p.id, p.owner))
        .collect();
    vec![
        c.id.to_string(),
        c.layer.to_string(),
        c.name.to_string(),
        c.model.to_string(),
        c.model_name.to_string(),
        c.owner.to_string(),
        c.note.unwrap_or_default().to_string(),
        rows.join("\n"),
        lines(&c.duties.customer),
        lines(&c.duties.provider),
        c.variant.unwrap_or_default().to_string(),
        c.base_model.to_string(),
        c.evidence
            .map(|e| e.as_str())
            .unwrap_or_default()
            .to_string(),
    ]
}

/// The records of an answer. Checklists are one line per duty, for a spreadsheet to tick.
pub fn records(report: &Report) -> Records {
    match report {
        Report::Who(w) => Records {
            header: header(CELL_HEADER),
            rows: w.cells.iter().map(cell_record).collect(),
        },
        Report::Explain(e) => Records {
            header: header(CELL_HEADER),
            rows: e.cells.iter().map(cell_record).collect(),
        },
        Report::Diff(d) => {
            let mut rows = Vec::new();
            for c in &d.changes {
                rows.push(vec![
                    c.id.to_string(),
                    c.layer.to_string(),
                    c.name.to_string(),
                    c.from_owner.to_string(),
                    c.to_owner.to_string(),
                    c.direction.as_str().to_string(),
                ]);
                for p in &c.rows {
                    rows.push(vec![
                        p.id.to_string(),
                        p.layer.to_string(),
                        p.name.to_string(),
                        p.from_owner.to_string(),
                        p.to_owner.to_string(),
                        p.direction.as_str().to_string(),
                    ]);
                }
            }
            Records {
                header: header(&["id", "layer", "name", "from_owner", "to_owner", "direction"]),
                rows,
            }
        }
        Report::Retained(r) => Records {
            header: header(&["id", "layer", "name", "duties", "sources"]),
            rows: r
                .rows
                .iter()
                .map(|row| {
                    let sources: Vec<&str> = row.sources.iter().map(|s| s.id).collect();
                    vec![
                        row.id.to_string(),
                        row.layer.to_string(),
                        row.name.to_string(),
                        lines(&row.duties.customer),
                        lines(&sources),
                    ]
                })
                .collect(),
        },
        Report::Matrix(m) => {
            let mut head = header(&["id", "layer", "name"]);
            head.extend(m.models.iter().map(|h| h.key.to_string()));
            head.push("retained".to_string());
            let mut rows = Vec::new();
            for l in &m.layers {
                let mut row = vec![l.id.to_string(), l.id.to_string(), l.name.to_string()];
                row.extend(l.owners.owners().map(|o| o.to_string()));
                row.push(l.retained.to_string());
                rows.push(row);
                for p in &l.rows {
                    let mut row = vec![p.id.to_string(), p.layer.to_string(), p.name.to_string()];
                    row.extend(p.owners.owners().map(|o| o.to_string()));
                    row.push(p.retained.to_string());
                    rows.push(row);
                }
            }
            Records { header: head, rows }
        }
        Report::Layers(l) => Records {
            header: header(&["id", "name", "scope", "aliases", "description", "rows"]),
            rows: l
                .layers
                .iter()
                .map(|l| {
                    let parts: Vec<&str> = l.rows.iter().map(|p| p.id).collect();
                    vec![
                        l.id.to_string(),
                        l.name.to_string(),
                        l.scope.to_string(),
                        l.aliases.join("\n"),
                        l.description.unwrap_or_default().to_string(),
                        lines(&parts),
                    ]
                })
                .collect(),
        },
        Report::Services(s) => Records {
            header: header(&[
                "id",
                "name",
                "provider",
                "base_model",
                "default_variant",
                "variants",
                "evidence",
                "aliases",
                "vendor_label",
            ]),
            rows: s
                .services
                .iter()
                .map(|s| {
                    let variants: Vec<&str> = s.variants.iter().map(|v| v.id).collect();
                    vec![
                        s.id.to_string(),
                        s.name.to_string(),
                        s.provider.to_string(),
                        s.base_model.to_string(),
                        s.default_variant.unwrap_or_default().to_string(),
                        variants.join("\n"),
                        s.evidence.as_str().to_string(),
                        s.aliases.join("\n"),
                        s.vendor_label.unwrap_or_default().to_string(),
                    ]
                })
                .collect(),
        },
        Report::Models(m) => Records {
            header: header(&["id", "name", "aliases", "description"]),
            rows: m
                .models
                .iter()
                .map(|m| {
                    vec![
                        m.id.to_string(),
                        m.name.to_string(),
                        m.aliases.join("\n"),
                        m.description.unwrap_or_default().to_string(),
                    ]
                })
                .collect(),
        },
        Report::Checklist(c) => {
            let mut rows = Vec::new();
            for row in &c.rows {
                let line = |duty: &str| {
                    vec![
                        row.layer.to_string(),
                        row.id.to_string(),
                        row.owner.to_string(),
                        duty.to_string(),
                        row.note.unwrap_or_default().to_string(),
                        String::new(),
                    ]
                };
                if row.duties.is_empty() {
                    rows.push(line(""));
                }
                rows.extend(row.duties.iter().map(|d| line(d)));
            }
            Records {
                header: header(&["layer", "row", "owner", "duty", "note", "status"]),
                rows,
            }
        }
        Report::Controls(c) => Records {
            header: header(&[
                "id",
                "label",
                "family",
                "title",
                "owner",
                "can_be_inherited",
                "basis",
                "rows",
            ]),
            rows: c
                .controls
                .iter()
                .map(|r| {
                    let rows: Vec<String> = r
                        .rows
                        .iter()
                        .map(|b| format!("{}={}", b.id, b.owner))
                        .collect();
                    vec![
                        r.id.to_string(),
                        r.label.to_string(),
                        r.family.to_string(),
                        r.title.to_string(),
                        r.owner.to_string(),
                        r.can_be_inherited.to_string(),
                        basis(r.basis).to_string(),
                        rows.join("\n"),
                    ]
                })
                .collect(),
        },
        Report::Control(c) => Records {
            header: header(&["id", "label", "model", "owner", "can_be_inherited"]),
            rows: c
                .cells
                .iter()
                .map(|cell| {
                    vec![
                        c.id.to_string(),
                        c.label.to_string(),
                        cell.model.to_string(),
                        cell.owner.to_string(),
                        cell.can_be_inherited.to_string(),
                    ]
                })
                .collect(),
        },
        Report::ControlsDiff(d) => Records {
            header: header(&[
                "id",
                "label",
                "title",
                "from_owner",
                "to_owner",
                "direction",
            ]),
            rows: d
                .changes
                .iter()
                .map(|c| {
                    vec![
                        c.id.to_string(),
                        c.label.to_string(),
                        c.title.to_string(),
                        c.from_owner.to_string(),
                        c.to_owner.to_string(),
                        c.direction.as_str().to_string(),
                    ]
                })
                .collect(),
        },
        Report::Find(f) => {
            let mut head = header(&["id", "layer", "name", "score", "matched"]);
            if let Some(first) = f.rows.first() {
                head.extend(first.owners.0.iter().map(|(m, _)| m.to_string()));
            }
            let rows = f
                .rows
                .iter()
                .map(|r| {
                    let mut row = vec![
                        r.id.to_string(),
                        r.layer.to_string(),
                        r.name.to_string(),
                        r.score.to_string(),
                        r.matched.join("\n"),
                    ];
                    row.extend(r.owners.owners().map(|o| o.to_string()));
                    row
                })
                .collect();
            Records { header: head, rows }
        }
    }
}

/// The CSV policy: the csv crate quotes, and a field that a spreadsheet would run as a formula
/// (one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`,
/// as OWASP recommends against CSV injection. Every field goes through here.
pub(super) fn csv_field(field: &str) -> std::borrow::Cow<'_, str> {
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{field}").into(),
        _ => field.into(),
    }
}

/// How a control's basis is named in records.
pub(super) fn basis(b: crate::query::Basis) -> &'static str {
    match b {
        crate::query::Basis::Rows => "rows",
        crate::query::Basis::BaseControl => "base control",
        crate::query::Basis::Organisational => "organisational",
        crate::query::Basis::Unmapped => "unmapped",
    }
}

/// A FedRAMP customer responsibility matrix: exactly its three columns, one line per control,
/// and with `--with-basis` a fourth. The third column says what the provider covers and what
/// the customer must do, from the duties of the rows behind the control.
pub fn crm(report: &crate::query::ControlsReport, options: super::Crm) -> csv::Result<String> {
    let mut columns = vec![
        "Control ID",
        "Can Be Inherited from CSP",
        "Specific Inheritance and Customer Agency/CSP Responsibilities",
    ];
    if options.with_basis {
        columns.push("Basis (srm's derivation)");
    }
    let sources: foldhash::HashMap<&str, &crate::query::SourceRef> =
        report.sources.iter().map(|s| (s.id, s)).collect();
    let records = Records {
        header: header(&columns),
        rows: report
            .controls
            .iter()
            .map(|c| {
                let label = if options.fedramp_ids {
                    crate::controls::fedramp_label(c.id)
                } else {
                    c.label.to_string()
                };
                let mut row = vec![
                    label,
                    c.can_be_inherited.to_string(),
                    crm_text_with(c, str::to_string, options.fedramp_ids),
                ];
                if options.with_basis {
                    row.push(basis_text(c, &sources, options.fedramp_ids));
                }
                row
            })
            .collect(),
    };
    write_csv(&records)
}

/// A base control as the CRM names it: `AC-2`, or FedRAMP's `AC-02`.
fn base_label(id: &str, fedramp_ids: bool) -> String {
    if fedramp_ids {
        crate::controls::fedramp_label(id)
    } else {
        id.to_uppercase()
    }
}

/// What a control's answer rests on, for the CRM's fourth column: the principle of srm's
/// mapping (data/CONTROLS.md) and the rows with their owners and sources, or the
/// organisational entry.
fn basis_text(
    c: &crate::query::ControlRow,
    sources: &foldhash::HashMap<&str, &crate::query::SourceRef>,
    fedramp_ids: bool,
) -> String {
    use crate::query::Basis;
    let principle = |p: Option<u8>| p.map(|p| format!("principle {p}")).unwrap_or_default();
    let through = c
        .base
        .map(|b| format!(" (through its base control {})", base_label(b, fedramp_ids)))
        .unwrap_or_default();
    match c.basis {
        Basis::Unmapped => "unmapped: no row and no organisational entry".to_string(),
        Basis::Organisational => {
            let p = principle(c.principle);
            let sep = if p.is_empty() { "" } else { ", " };
            format!("organisational{through}{sep}{p}")
        }
        Basis::Rows | Basis::BaseControl => {
            let rows: Vec<String> = c
                .rows
                .iter()
                .map(|r| {
                    let sources: Vec<String> = r
                        .sources
                        .iter()
                        .map(|id| match sources.get(id) {
                            Some(s) => match s.url {
                                Some(url) => format!("{} <{url}>", s.title),
                                None => s.title.to_string(),
                            },
                            None => id.to_string(),
                        })
                        .collect();
                    let p = principle(r.principle);
                    let sep = if p.is_empty() { "" } else { ", " };
                    format!(
                        "{} ({}{sep}{p}; source: {})",
                        r.id,
                        r.owner,
                        sources.join("; ")
                    )
                })
                .collect();
            format!("rows{through}: {}", rows.join(" | "))
        }
    }
}

/// What a control's responsibility rests on, in sentences, with each piece of catalogue text
/// passed through `text` (the Markdown policy for OSCAL, nothing for the CRM's CSV).
pub(super) fn crm_text(c: &crate::query::ControlRow, text: impl Fn(&str) -> String) -> String {
    crm_text_with(c, text, false)
}

/// [`crm_text`], naming a base control as FedRAMP writes it (`AC-02`) if `fedramp_ids`.
fn crm_text_with(
    c: &crate::query::ControlRow,
    text: impl Fn(&str) -> String,
    fedramp_ids: bool,
) -> String {
    use crate::catalog::Owner;
    if c.basis == crate::query::Basis::Unmapped {
        return "Unmapped: no row in the scope bears on this control and it is not on the catalogue's organisational list, so srm says nothing of who meets it here.".to_string();
    }
    if c.basis == crate::query::Basis::Organisational {
        let why = c.why.map(|w| format!(" {}", text(w))).unwrap_or_default();
        return format!(
            "Customer: each organisation meets this control itself, with its own policies, procedures and people; the provider meets its own, which the customer cannot inherit.{why}"
        );
    }
    let mut parts = Vec::new();
    let mut rows: Vec<String> = c
        .rows
        .iter()
        .map(|r| format!("{} ({})", text(r.name), r.owner))
        .collect();
    rows.dedup();
    let through = match c.base {
        Some(base) => format!(
            " through its base control {}",
            base_label(base, fedramp_ids)
        ),
        None => String::new(),
    };
    parts.push(format!("Bears on{through}: {}.", rows.join("; ")));
    if c.owner != Owner::Customer && !c.provider_covers.is_empty() {
        let covers: Vec<String> = c.provider_covers.iter().map(|s| text(s)).collect();
        parts.push(format!("Provider covers: {}", covers.join(" ")));
    }
    if c.owner != Owner::Provider && !c.customer_does.is_empty() {
        let does: Vec<String> = c.customer_does.iter().map(|s| text(s)).collect();
        parts.push(format!("Customer must: {}", does.join(" ")));
    }
    for r in &c.rows {
        if r.owner == Owner::Depends
            && let Some(note) = r.note
        {
            parts.push(format!("Depends ({}): {}", text(r.name), text(note)));
        }
    }
    parts.join(" ")
}

pub fn csv(report: &Report) -> csv::Result<String> {
    write_csv(&records(report))
}

fn write_csv(records: &Records) -> csv::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(records.header.iter().map(|f| csv_field(f).into_owned()))?;
    for row in &records.rows {
        writer.write_record(row.iter().map(|f| csv_field(f).into_owned()))?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| csv::Error::from(std::io::Error::other(e.to_string())))?;
    // Every field is a Rust string, so the bytes are UTF-8.
    String::from_utf8(bytes).map_err(|e| csv::Error::from(std::io::Error::other(e)))
}
