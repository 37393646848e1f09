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
    "layer",
    "layer_name",
    "parent_layer",
    "model",
    "model_name",
    "owner",
    "note",
    "parts",
    "customer_duties",
    "provider_duties",
];

fn cell_record(c: &Cell) -> Vec<String> {
    let parts: Vec<String> = c
        .parts
        .iter()
        .map(|p| format!("{}={}", p.id, p.owner))
        .collect();
    vec![
        c.layer.to_string(),
        c.layer_name.to_string(),
        c.parent_layer.unwrap_or_default().to_string(),
        c.model.to_string(),
        c.model_name.to_string(),
        c.owner.to_string(),
        c.note.unwrap_or_default().to_string(),
        parts.join("\n"),
        lines(&c.duties.customer),
        lines(&c.duties.provider),
    ]
}

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
                    c.layer.to_string(),
                    String::new(),
                    c.from_owner.to_string(),
                    c.to_owner.to_string(),
                    c.direction.as_str().to_string(),
                ]);
                for p in &c.parts {
                    rows.push(vec![
                        c.layer.to_string(),
                        p.id.to_string(),
                        p.from_owner.to_string(),
                        p.to_owner.to_string(),
                        p.direction.as_str().to_string(),
                    ]);
                }
            }
            for u in &d.unchanged {
                rows.push(vec![
                    u.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                    "unchanged".to_string(),
                ]);
            }
            Records {
                header: header(&["layer", "part", "from_owner", "to_owner", "direction"]),
                rows,
            }
        }
        Report::Retained(r) => Records {
            header: header(&["layer", "id", "name", "duties"]),
            rows: r
                .retained
                .iter()
                .flat_map(|l| {
                    l.rows.iter().map(|row| {
                        vec![
                            l.layer.to_string(),
                            row.id.to_string(),
                            row.name.to_string(),
                            lines(&row.duties),
                        ]
                    })
                })
                .collect(),
        },
        Report::Matrix(m) => {
            let mut head = header(&["layer", "part", "name"]);
            head.extend(m.models.iter().map(|h| h.id.to_string()));
            head.push("retained".to_string());
            let mut rows = Vec::new();
            for l in &m.layers {
                let mut row = vec![l.id.to_string(), String::new(), l.name.to_string()];
                row.extend(l.owners.owners().map(|o| o.to_string()));
                row.push(l.retained.to_string());
                rows.push(row);
                for p in &l.parts {
                    let mut row = vec![l.id.to_string(), p.id.to_string(), p.name.to_string()];
                    row.extend(p.owners.owners().map(|o| o.to_string()));
                    row.push(p.retained.to_string());
                    rows.push(row);
                }
            }
            Records { header: head, rows }
        }
        Report::Layers(l) => Records {
            header: header(&["id", "name", "aliases", "description", "parts"]),
            rows: l
                .layers
                .iter()
                .map(|l| {
                    let parts: Vec<&str> = l.parts.iter().map(|p| p.id).collect();
                    vec![
                        l.id.to_string(),
                        l.name.to_string(),
                        l.aliases.join("\n"),
                        l.description.unwrap_or_default().to_string(),
                        lines(&parts),
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
        Report::Checklist(c) => Records {
            header: header(&[
                "layer",
                "id",
                "name",
                "owner",
                "note",
                "duties",
                "provider_covers",
            ]),
            rows: c
                .layers
                .iter()
                .flat_map(|l| {
                    l.items.iter().map(|i| {
                        vec![
                            l.layer.to_string(),
                            i.id.to_string(),
                            i.name.to_string(),
                            i.owner.to_string(),
                            i.note.unwrap_or_default().to_string(),
                            lines(&i.duties),
                            lines(&i.provider_covers),
                        ]
                    })
                })
                .collect(),
        },
    }
}

/// CSV with a header row, quoted by the `csv` crate.
/// The CSV policy: the csv crate quotes, and a field that a spreadsheet would run as a formula
/// (one that starts with `=`, `+`, `-`, `@`, a tab or a carriage return) gets a leading `'`,
/// as OWASP recommends against CSV injection. Every field goes through here.
fn csv_field(field: &str) -> std::borrow::Cow<'_, str> {
    match field.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{field}").into(),
        _ => field.into(),
    }
}

pub fn csv(report: &Report) -> String {
    let records = records(report);
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail for I/O reasons; a failure would leave partial output,
    // which is still better than a panic.
    let _ = writer.write_record(records.header.iter().map(|f| csv_field(f).into_owned()));
    for row in &records.rows {
        let _ = writer.write_record(row.iter().map(|f| csv_field(f).into_owned()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
