//! OSCAL 1.1 export: the provider's offering under one model, as a component definition whose
//! implemented requirements say, control by control, who is responsible.
//!
//! Every UUID is a version-5 UUID named by what it identifies (the model, the baseline, the
//! control) in a namespace that says which catalogue the facts come from ([`Origin`]), and
//! `last-modified` is the catalogue's `date`, else its file's modification time, and the clock
//! only for standard input without a `date`: exporting the same file twice gives the same
//! export, so diffs between exports show only what changed.
//!
//! Titles (OSCAL markup-line) and descriptions (markup-multiline) are Markdown: the catalogue
//! text in them goes through the Markdown policy (`markdown::esc`).

use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};
use uuid::Uuid;

use super::markdown::esc;
use crate::catalog::Owner;
use crate::query::{Basis, ControlRow, ControlsReport, Scope};

/// The OSCAL version written.
pub const OSCAL_VERSION: &str = "1.1.2";

/// Which catalogue an export's facts come from: what its UUIDs and `last-modified` follow from.
pub struct Origin {
    /// The namespace every UUID of the export is named in.
    namespace: Uuid,
    /// `last-modified`, as OSCAL writes a date and time.
    last_modified: String,
}

impl Origin {
    /// For the embedded catalogue (`text` is `None`), srm's own namespace, the one every srm
    /// release has written its UUIDs in; for any other, a namespace named by the catalogue's
    /// text, so that two catalogues give different UUIDs and the same one the same. The date
    /// is the catalogue's `date` at midnight UTC, else `modified`, to the second, in UTC.
    pub fn new(text: Option<&str>, date: Option<&str>, modified: SystemTime) -> Origin {
        let srm = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:srm:oscal");
        let namespace = match text {
            None => srm,
            Some(text) => Uuid::new_v5(&srm, format!("catalogue:{text}").as_bytes()),
        };
        // OSCAL's date-time takes years 1900 to 2999; a file time outside 1970 to 2999 (a
        // clock set wrong, `touch -d @-1`) is no date of the facts, and the export's time is.
        let sane = |t: SystemTime| {
            t.duration_since(UNIX_EPOCH)
                .is_ok_and(|d| d.as_secs() < LAST_SECOND_OF_2999)
        };
        let modified = if sane(modified) {
            modified
        } else {
            SystemTime::now()
        };
        let last_modified = match date {
            Some(date) => format!("{date}T00:00:00+00:00"),
            None => timestamp(modified),
        };
        Origin {
            namespace,
            last_modified,
        }
    }

    fn uuid(&self, name: &str) -> String {
        Uuid::new_v5(&self.namespace, name.as_bytes()).to_string()
    }
}

/// 2999-12-31T23:59:59Z, in seconds since 1970.
const LAST_SECOND_OF_2999: u64 = 32_503_680_000 - 1;

/// `t` as OSCAL's date-time with a time zone, in UTC: `2026-11-23T20:43:00+00:00`.
fn timestamp(t: SystemTime) -> String {
    let secs = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_secs()).unwrap_or(i64::MAX),
    };
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Days since 1970-01-01 to a civil date (Howard Hinnant's `civil_from_days`).
    let z = days.saturating_add(719_468);
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}+00:00",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The roles responsible for a control, each with its own text: what the provider provides,
/// what the customer is responsible for.
fn roles(c: &ControlRow) -> Value {
    let provider = || json!({ "role-id": "provider", "remarks": provided_text(c) });
    let customer = || json!({ "role-id": "customer", "remarks": responsibility_text(c) });
    match c.owner {
        Owner::Provider => json!([provider()]),
        Owner::Customer => json!([customer()]),
        _ => json!([provider(), customer()]),
    }
}

/// `key` is the model, and the scope when it is not the classic stack (see
/// [`component_definition`]).
fn requirement(origin: &Origin, key: &str, baseline: &str, c: &ControlRow) -> Value {
    let mut requirement = json!({
        "uuid": origin.uuid(&format!("implemented-requirement/{key}/{baseline}/{}", c.id)),
        "control-id": c.id,
        "description": super::records::crm_text(c, esc),
        "props": [
            { "name": "responsibility", "ns": "urn:srm", "value": c.owner.as_str() },
            { "name": "can-be-inherited", "ns": "urn:srm", "value": c.can_be_inherited.to_ascii_lowercase() },
        ],
    });
    // An unmapped control names nobody: the catalogue says nothing of who is responsible.
    if c.owner != Owner::Unmapped {
        requirement["responsible-roles"] = roles(c);
    }
    requirement
}

/// The component definition for `report` (one model, one baseline, whose profile is `source`),
/// from the catalogue `origin` says.
pub fn component_definition(
    report: &ControlsReport,
    source: &str,
    origin: &Origin,
) -> serde_json::Result<String> {
    let baseline = report.baseline.unwrap_or("all");
    // A service in a variant is its own component: `aws-lambda:manual`.
    let model = &super::column_key(report.model, report.variant);
    // The UUIDs are named by the model, and by the scope when it is not the classic stack:
    // the default keeps the UUIDs exports have always had, and an export of another scope
    // says other things, so it is another document, with UUIDs of its own.
    let key = match report.scope {
        Scope::Classic => model.to_string(),
        other => format!("{model}/scope:{}", other.as_str()),
    };
    let covers = match report.scope {
        Scope::Classic => "the rows of the classic stack (the AI layers left out)",
        Scope::Ai => "the rows of the AI layers (the classic stack left out)",
        Scope::All => "the rows of every layer, classic and AI",
    };
    let name = match report.variant {
        Some(v) => format!("{} ({})", esc(report.model_name), esc(v)),
        None => esc(report.model_name),
    };
    let document = json!({
        "component-definition": {
            "uuid": origin.uuid(&format!("component-definition/{key}/{baseline}")),
            "metadata": {
                "title": format!("srm: shared responsibility under {} for {baseline}", name),
                "last-modified": origin.last_modified,
                "version": env!("CARGO_PKG_VERSION"),
                "oscal-version": OSCAL_VERSION,
                "roles": [
                    { "id": "provider", "title": "Provider" },
                    { "id": "customer", "title": "Customer" },
                ],
                "remarks": "Derived by srm from its responsibility matrix and its own mapping of matrix rows to NIST SP 800-53 controls. Not an authorisation and not a provider's own customer responsibility matrix.",
            },
            "components": [{
                "uuid": origin.uuid(&format!("component/{key}")),
                "type": "service",
                "title": format!("Cloud service offering under {} ({model})", name),
                "description": format!("What a provider takes on, and what stays with its customer, when a service is delivered as {}.", name),
                "responsible-roles": [{ "role-id": "provider" }],
                "control-implementations": [{
                    "uuid": origin.uuid(&format!("control-implementation/{key}/{baseline}")),
                    "source": source,
                    "description": format!("Responsibility for each control of {baseline} under {}, derived from {covers}.", name),
                    "props": [
                        { "name": "scope", "ns": "urn:srm", "value": report.scope.as_str() },
                    ],
                    "implemented-requirements": report
                        .controls
                        .iter()
                        .map(|c| requirement(origin, &key, baseline, c))
                        .collect::<Vec<_>>(),
                }],
            }],
        }
    });
    super::json_text(&document)
}

/// What the provider provides of a control, for its `export.provided`.
fn provided_text(c: &ControlRow) -> String {
    if c.provider_covers.is_empty() {
        let rows: Vec<String> = c
            .rows
            .iter()
            .filter(|r| r.owner.involves_provider())
            .map(|r| esc(r.name))
            .collect();
        return format!(
            "The provider meets this control through: {}.",
            rows.join("; ")
        );
    }
    let covers: Vec<String> = c.provider_covers.iter().map(|s| esc(s)).collect();
    format!("The provider provides: {}", covers.join(" "))
}

/// What the customer is responsible for, for its `export.responsibilities`.
fn responsibility_text(c: &ControlRow) -> String {
    if c.basis == Basis::Organisational {
        let why = c.why.map(|w| format!(" {}", esc(w))).unwrap_or_default();
        return format!(
            "Meet this control with the customer's own policies, procedures and people; the provider's own does not meet it.{why}"
        );
    }
    if c.customer_does.is_empty() {
        let rows: Vec<String> = c
            .rows
            .iter()
            .filter(|r| r.owner != Owner::Provider)
            .map(|r| esc(r.name))
            .collect();
        return format!(
            "The customer meets this control through: {}.",
            rows.join("; ")
        );
    }
    let does: Vec<String> = c.customer_does.iter().map(|s| esc(s)).collect();
    format!("The customer must: {}", does.join(" "))
}
