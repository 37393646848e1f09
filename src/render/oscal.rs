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
use crate::catalog::{Derived, Owner};
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
        Derived::Provider => json!([provider()]),
        Derived::Customer => json!([customer()]),
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
    if c.owner != Derived::Unmapped {
        requirement["responsible-roles"] = roles(c);
    }
    requirement
}

/// What both documents say of the export at their head.
struct Heading<'a> {
    /// The baseline's id, or `all`.
    baseline: &'a str,
    /// The column's key: a service in a variant is its own component, `aws-lambda:manual`.
    model: String,
    /// What the UUIDs are named by: the model, and the scope when it is not the classic
    /// stack (the default keeps the UUIDs exports have always had, and an export of another
    /// scope says other things, so it is another document, with UUIDs of its own).
    key: String,
    /// The model's or service's name (and variant), as OSCAL markup.
    name: String,
    /// The rows the owners come from, in words.
    covers: &'static str,
}

impl<'a> Heading<'a> {
    fn of(report: &'a ControlsReport) -> Heading<'a> {
        let model = super::column_key(report.model, report.variant).to_string();
        let key = match report.scope {
            Scope::Classic => model.clone(),
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
        Heading {
            baseline: report.baseline.unwrap_or("all"),
            model,
            key,
            name,
            covers,
        }
    }
}

/// The component definition for `report` (one model, one baseline, whose profile is `source`),
/// from the catalogue `origin` says.
pub fn component_definition(
    report: &ControlsReport,
    source: &str,
    origin: &Origin,
) -> serde_json::Result<String> {
    let Heading {
        baseline,
        model,
        key,
        name,
        covers,
    } = Heading::of(report);
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

/// FedRAMP's namespace for its OSCAL properties (`control-origination`).
const FEDRAMP_NS: &str = "https://fedramp.gov/ns/oscal";

/// FIPS 199 level a baseline is drawn for (none for the privacy baseline, which has none).
fn impact_level(baseline: &str) -> Option<&'static str> {
    crate::controls::Baseline::from_id(baseline).and_then(crate::controls::Baseline::impact_level)
}

/// What the provider provides of a control, for its `export.provided`.
fn provided_text(c: &ControlRow) -> String {
    let covers = c.provider_covers.list();
    if covers.is_empty() {
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
    let covers: Vec<String> = covers.iter().map(|s| esc(s)).collect();
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
    let does = c.customer_does.list();
    if does.is_empty() {
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
    let does: Vec<String> = does.iter().map(|s| esc(s)).collect();
    format!("The customer must: {}", does.join(" "))
}

/// A leveraged system's SSP for `report` (one model or service, one baseline, whose profile
/// is `profile`): per control, what the provider provides and what the customer is
/// responsible for, as `by-components[].export` statements a leveraging system's SSP points
/// at with `inherited[]` and `satisfied[]`, with FedRAMP's control origination and the
/// sources each answer rests on as back-matter resources.
pub fn system_security_plan(
    report: &ControlsReport,
    profile: &str,
    origin: &Origin,
) -> serde_json::Result<String> {
    let Heading {
        baseline,
        model,
        key,
        name,
        covers,
    } = Heading::of(report);
    let uuid = |what: &str| origin.uuid(&format!("ssp/{key}/{baseline}/{what}"));
    let component = origin.uuid(&format!("ssp/{key}/this-system"));
    // Every source cited, in first-cited order: the back-matter resources.
    let resources: Vec<Value> = report
        .sources
        .iter()
        .map(|s| {
            let mut resource = json!({
                "uuid": origin.uuid(&format!("resource/source/{}", s.id)),
                "title": esc(s.title),
                "props": [{ "name": "source-id", "ns": "urn:srm", "value": s.id }],
            });
            if let Some(url) = s.url {
                resource["rlinks"] = json!([{ "href": url }]);
            }
            resource
        })
        .collect();
    let resource_uuid = |id: &str| origin.uuid(&format!("resource/source/{id}"));
    let requirements: Vec<Value> = report
        .controls
        .iter()
        .map(|c| {
            let id = c.id;
            let mut props: Vec<Value> = c
                .control_origination
                .iter()
                .map(|o| json!({ "name": "control-origination", "ns": FEDRAMP_NS, "value": o.as_str() }))
                .collect();
            props.push(json!({ "name": "responsibility", "ns": "urn:srm", "value": c.owner.as_str() }));
            props.push(json!({ "name": "can-be-inherited", "ns": "urn:srm", "value": c.can_be_inherited.to_ascii_lowercase() }));
            for r in c.rows.iter() {
                props.push(json!({ "name": "row", "ns": "urn:srm", "value": r.id }));
            }
            let mut by_component = json!({
                "component-uuid": component,
                "uuid": uuid(&format!("by-component/{id}")),
                "description": super::records::crm_text(c, esc),
            });
            let provides = matches!(c.owner, Derived::Provider | Derived::Shared | Derived::Depends);
            let customer = matches!(c.owner, Derived::Customer | Derived::Shared | Derived::Depends);
            let mut export = serde_json::Map::new();
            let provided_uuid = uuid(&format!("provided/{id}"));
            if provides {
                export.insert(
                    "provided".into(),
                    json!([{
                        "uuid": provided_uuid,
                        "description": provided_text(c),
                        "responsible-roles": [{ "role-id": "provider" }],
                    }]),
                );
            }
            if customer {
                let mut responsibility = json!({
                    "uuid": uuid(&format!("responsibility/{id}")),
                    "description": responsibility_text(c),
                    "responsible-roles": [{ "role-id": "customer" }],
                });
                if provides {
                    responsibility["provided-uuid"] = json!(provided_uuid);
                }
                export.insert("responsibilities".into(), json!([responsibility]));
            }
            if !export.is_empty() {
                by_component["export"] = Value::Object(export);
            }
            let mut requirement = json!({
                "uuid": uuid(&format!("implemented-requirement/{id}")),
                "control-id": id,
                "props": props,
                "by-components": [by_component],
            });
            // A control's rows are few, and cite few sources.
            let mut cited: Vec<&str> = Vec::new();
            for s in c.rows.iter().flat_map(|r| r.sources.list()) {
                if !cited.contains(&s) {
                    cited.push(s);
                }
            }
            if !cited.is_empty() {
                requirement["links"] = cited
                    .iter()
                    .map(|s| json!({ "href": format!("#{}", resource_uuid(s)), "rel": "reference" }))
                    .collect();
            }
            requirement
        })
        .collect();
    let mut information = json!({
        "uuid": uuid("information-type"),
        "title": "Customer information",
        "description": "The information the customer keeps in and processes with the service.",
    });
    let mut characteristics = json!({
        "system-ids": [{ "identifier-type": "https://ietf.org/rfc/rfc4122", "id": uuid("system-id") }],
        "system-name": format!("A service delivered as {name}"),
        "system-name-short": model,
        "description": format!("A model of a cloud service offering delivered as {name}: what its provider takes on and what stays with its customer, control by control, for {baseline}."),
        "system-information": { "information-types": [] },
        "status": {
            "state": "other",
            "remarks": "A model derived by srm from its responsibility matrix, not an authorised system.",
        },
        "authorization-boundary": {
            "description": format!("Everything the provider runs to deliver a service as {name}, and the customer's use of it, as {covers} of srm's matrix describe them."),
        },
    });
    if let Some(level) = impact_level(baseline) {
        for objective in [
            "confidentiality-impact",
            "integrity-impact",
            "availability-impact",
        ] {
            information[objective] = json!({ "base": level });
        }
        characteristics["security-sensitivity-level"] = json!(level);
        characteristics["security-impact-level"] = json!({
            "security-objective-confidentiality": level,
            "security-objective-integrity": level,
            "security-objective-availability": level,
        });
    }
    characteristics["system-information"]["information-types"] = json!([information]);
    let mut plan = json!({
        "uuid": uuid("system-security-plan"),
        "metadata": {
            "title": format!("srm: what a customer inherits from a service delivered as {name}, for {baseline}"),
            "last-modified": origin.last_modified,
            "version": env!("CARGO_PKG_VERSION"),
            "oscal-version": OSCAL_VERSION,
            "roles": [
                { "id": "provider", "title": "Provider" },
                { "id": "customer", "title": "Customer" },
            ],
            "remarks": "A leveraged system's SSP fragment derived by srm from its responsibility matrix and its own mapping of matrix rows to NIST SP 800-53 controls (data/CONTROLS.md). Not an authorisation and not a provider's own customer responsibility matrix.",
        },
        "import-profile": { "href": profile },
        "system-characteristics": characteristics,
        "system-implementation": {
            "users": [
                { "uuid": uuid("user/provider"), "title": "Provider staff", "role-ids": ["provider"] },
                { "uuid": uuid("user/customer"), "title": "Customer staff", "role-ids": ["customer"] },
            ],
            "components": [{
                "uuid": component,
                "type": "this-system",
                "title": format!("Cloud service offering under {name} ({model})"),
                "description": format!("The service as a whole, delivered as {name}."),
                "status": { "state": "operational" },
                "responsible-roles": [{ "role-id": "provider" }],
            }],
        },
        "control-implementation": {
            "description": format!("Responsibility for each control of {baseline} under {name}, derived from {covers}: what the provider provides (export.provided) and what the customer is responsible for (export.responsibilities)."),
            "implemented-requirements": requirements,
        },
    });
    if !resources.is_empty() {
        plan["back-matter"] = json!({
            "resources": resources,
        });
    }
    super::json_text(&json!({ "system-security-plan": plan }))
}
