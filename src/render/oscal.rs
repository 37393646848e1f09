//! OSCAL 1.1 export: the provider's offering under one model, as a component definition whose
//! implemented requirements say, control by control, who is responsible.
//!
//! Every UUID is a version-5 UUID named by what it identifies (the model, the baseline, the
//! control), and `last-modified` is the catalogue's date, not the clock: exporting twice gives
//! the same file, so diffs between exports show only what changed.

use serde_json::{Value, json};
use uuid::Uuid;

use crate::catalog::Owner;
use crate::query::{ControlRow, ControlsReport};

/// The OSCAL version written.
pub const OSCAL_VERSION: &str = "1.1.2";

/// The date the exported facts are from (the catalogue's), as OSCAL wants it.
const LAST_MODIFIED: &str = "2026-11-23T00:00:00+00:00";

fn uuid(name: &str) -> String {
    let namespace = Uuid::new_v5(&Uuid::NAMESPACE_URL, b"urn:srm:oscal");
    Uuid::new_v5(&namespace, name.as_bytes()).to_string()
}

fn roles(owner: Owner) -> Value {
    let ids: &[&str] = match owner {
        Owner::Provider => &["provider"],
        Owner::Customer => &["customer"],
        _ => &["provider", "customer"],
    };
    Value::Array(ids.iter().map(|id| json!({ "role-id": id })).collect())
}

fn requirement(model: &str, baseline: &str, c: &ControlRow) -> Value {
    json!({
        "uuid": uuid(&format!("implemented-requirement/{model}/{baseline}/{}", c.id)),
        "control-id": c.id,
        "description": super::records::crm_text(c),
        "props": [
            { "name": "responsibility", "ns": "urn:srm", "value": c.owner.as_str() },
            { "name": "can-be-inherited", "ns": "urn:srm", "value": c.can_be_inherited.to_ascii_lowercase() },
        ],
        "responsible-roles": roles(c.owner),
    })
}

/// The component definition for `report` (one model, one baseline, whose profile is `source`).
pub fn component_definition(report: &ControlsReport, source: &str) -> String {
    let (model, baseline) = (report.model, report.baseline.unwrap_or("all"));
    let document = json!({
        "component-definition": {
            "uuid": uuid(&format!("component-definition/{model}/{baseline}")),
            "metadata": {
                "title": format!("srm: shared responsibility under {} for {baseline}", report.model_name),
                "last-modified": LAST_MODIFIED,
                "version": env!("CARGO_PKG_VERSION"),
                "oscal-version": OSCAL_VERSION,
                "roles": [
                    { "id": "provider", "title": "Provider" },
                    { "id": "customer", "title": "Customer" },
                ],
                "remarks": "Derived by srm from its responsibility matrix and its own mapping of matrix rows to NIST SP 800-53 controls. Not an authorisation and not a provider's own customer responsibility matrix.",
            },
            "components": [{
                "uuid": uuid(&format!("component/{model}")),
                "type": "service",
                "title": format!("Cloud service offering under {} ({model})", report.model_name),
                "description": format!("What a provider takes on, and what stays with its customer, when a service is delivered as {}.", report.model_name),
                "responsible-roles": [{ "role-id": "provider" }],
                "control-implementations": [{
                    "uuid": uuid(&format!("control-implementation/{model}/{baseline}")),
                    "source": source,
                    "description": format!("Responsibility for each control of {baseline} under {}.", report.model_name),
                    "implemented-requirements": report
                        .controls
                        .iter()
                        .map(|c| requirement(model, baseline, c))
                        .collect::<Vec<_>>(),
                }],
            }],
        }
    });
    super::json_text(&document)
}
