//! Answers as flat records (a header and rows of strings), the shape of CSV and of Markdown
//! tables. Lists inside a field are joined with line breaks; values are ids, as in JSON.

use crate::query::Cell;

pub struct Records {
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

pub(super) fn header(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

pub(super) fn lines(items: &[&str]) -> String {
    items.join("\n")
}

pub(super) const CELL_HEADER: &[&str] = &[
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

pub(super) fn cell_record(c: &Cell) -> Vec<String> {
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
pub fn crm(report: &crate::query::ControlsReport, options: super::Crm) -> anyhow::Result<String> {
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
    let mut out = Vec::new();
    write_csv(&records, &mut out)?;
    // Every field is a Rust string, so the bytes are UTF-8.
    Ok(String::from_utf8(out)?)
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
                        .list()
                        .into_iter()
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
    let (provider, customer) = (c.provider_covers.list(), c.customer_does.list());
    if c.owner != Owner::Customer && !provider.is_empty() {
        let covers: Vec<String> = provider.iter().map(|s| text(s)).collect();
        parts.push(format!("Provider covers: {}", covers.join(" ")));
    }
    if c.owner != Owner::Provider && !customer.is_empty() {
        let does: Vec<String> = customer.iter().map(|s| text(s)).collect();
        parts.push(format!("Customer must: {}", does.join(" ")));
    }
    for r in c.rows.iter() {
        if r.owner == Owner::Depends
            && let Some(note) = r.note
        {
            parts.push(format!("Depends ({}): {}", text(r.name), text(note)));
        }
    }
    parts.join(" ")
}

/// The records as CSV, every field by the CSV policy ([`csv_field`]).
pub(super) fn write_csv(records: &Records, out: &mut dyn std::io::Write) -> anyhow::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    let write = |writer: &mut csv::Writer<_>| -> csv::Result<()> {
        for record in std::iter::once(&records.header).chain(&records.rows) {
            for field in record {
                writer.write_field(csv_field(field).as_bytes())?;
            }
            writer.write_record(None::<&[u8]>)?;
        }
        writer.flush()?;
        Ok(())
    };
    write(&mut writer).map_err(|e| {
        // A write that fails is an I/O error (a closed pipe among them), said as one.
        if !e.is_io_error() {
            return anyhow::Error::new(e);
        }
        match e.into_kind() {
            csv::ErrorKind::Io(io) => io.into(),
            _ => anyhow::anyhow!("cannot write CSV"),
        }
    })
}
