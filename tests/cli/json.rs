//! The JSON contract (format_version 2), locked two ways: every document is deserialized into
//! mirror structs that refuse unknown fields, so adding, renaming or removing a field fails
//! here first; and `schemas.rs` snapshots the derived JSON Schemas and validates real output
//! against them.

// Some fields are never read: they are there so that a document missing them fails to parse.
#![allow(dead_code)]

use serde::Deserialize;
use std::collections::BTreeMap;

use crate::json_of;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceJson {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DutiesJson {
    pub customer: Vec<String>,
    pub provider: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowCellJson {
    pub id: String,
    pub layer: String,
    pub name: String,
    pub owner: String,
    pub note: Option<String>,
    pub evidence: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellJson {
    pub id: String,
    pub layer: String,
    pub name: String,
    pub model: String,
    pub model_name: String,
    pub variant: Option<String>,
    pub base_model: String,
    pub owner: String,
    pub note: Option<String>,
    pub evidence: Option<String>,
    pub evidence_note: Option<String>,
    pub rows: Vec<RowCellJson>,
    pub duties: DutiesJson,
    pub sources: Vec<SourceJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhoJson {
    pub format_version: u32,
    pub scope: String,
    pub left_out: usize,
    pub cells: Vec<CellJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowChangeJson {
    pub id: String,
    pub layer: String,
    pub name: String,
    pub from_owner: String,
    pub to_owner: String,
    pub direction: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeJson {
    pub id: String,
    pub layer: String,
    pub name: String,
    pub from_owner: String,
    pub to_owner: String,
    pub direction: String,
    pub rows: Vec<RowChangeJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffJson {
    pub format_version: u32,
    pub from: String,
    pub from_name: String,
    pub from_variant: Option<String>,
    pub from_base_model: String,
    pub to: String,
    pub to_name: String,
    pub to_variant: Option<String>,
    pub to_base_model: String,
    pub scope: String,
    pub left_out: usize,
    pub changes: Vec<ChangeJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetainedRowJson {
    pub id: String,
    pub layer: String,
    pub layer_name: String,
    pub name: String,
    pub duties: DutiesJson,
    pub sources: Vec<SourceJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetainedJson {
    pub format_version: u32,
    pub scope: String,
    pub left_out: usize,
    pub rows: Vec<RetainedRowJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelHeadJson {
    pub key: String,
    pub id: String,
    pub name: String,
    pub variant: Option<String>,
    pub base_model: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixRowJson {
    pub id: String,
    pub layer: String,
    pub name: String,
    pub owners: BTreeMap<String, String>,
    pub retained: bool,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixLayerJson {
    pub id: String,
    pub name: String,
    pub owners: BTreeMap<String, String>,
    pub retained: bool,
    pub rows: Vec<MatrixRowJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixJson {
    pub format_version: u32,
    pub scope: String,
    pub left_out: usize,
    pub models: Vec<ModelHeadJson>,
    pub layers: Vec<MatrixLayerJson>,
    pub sources: Vec<SourceJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RowInfoJson {
    pub id: String,
    pub layer: String,
    pub name: String,
    pub aliases: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayerInfoJson {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub scope: String,
    pub rows: Vec<RowInfoJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayersJson {
    pub format_version: u32,
    pub scope: String,
    pub left_out: usize,
    pub layers: Vec<LayerInfoJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelInfoJson {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelsJson {
    pub format_version: u32,
    pub models: Vec<ModelInfoJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OverrideJson {
    pub row: String,
    pub owner: String,
    pub note: String,
    pub evidence: String,
    pub evidence_note: Option<String>,
    pub duties: Vec<String>,
    pub source: SourceJson,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhenJson {
    pub field: String,
    pub value: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantJson {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub default: bool,
    pub evidence: String,
    pub why_default: Option<String>,
    pub when: Vec<WhenJson>,
    pub overrides: Vec<OverrideJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldJson {
    pub id: String,
    pub description: Option<String>,
    pub terraform: Option<String>,
    pub cloudformation: Option<String>,
    pub arm: Option<String>,
    pub asset_inventory: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InventoryJson {
    pub terraform: Vec<String>,
    pub cloudformation: Vec<String>,
    pub arm: Vec<String>,
    pub asset_inventory: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServiceJson {
    pub id: String,
    pub name: String,
    pub provider: String,
    pub aliases: Vec<String>,
    pub keywords: Vec<String>,
    pub description: Option<String>,
    pub base_model: String,
    pub vendor_label: Option<String>,
    pub evidence: String,
    pub base_evidence: String,
    pub base_evidence_note: Option<String>,
    pub base_source: SourceJson,
    pub default_variant: Option<String>,
    pub overrides: Vec<OverrideJson>,
    pub variants: Vec<VariantJson>,
    pub inventory: InventoryJson,
    pub fields: Vec<FieldJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServicesJson {
    pub format_version: u32,
    pub provider: Option<String>,
    pub services: Vec<ServiceJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistRowJson {
    pub id: String,
    pub layer: String,
    pub layer_name: String,
    pub name: String,
    pub owner: String,
    pub note: Option<String>,
    pub evidence: Option<String>,
    pub duties: Vec<String>,
    pub provider_covers: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChecklistJson {
    pub format_version: u32,
    pub model: String,
    pub model_name: String,
    pub variant: Option<String>,
    pub base_model: String,
    pub scope: String,
    pub left_out: usize,
    pub rows: Vec<ChecklistRowJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExplainJson {
    pub format_version: u32,
    pub kind: String,
    pub id: String,
    pub layer: Option<String>,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub remark: Option<String>,
    pub cells: Vec<CellJson>,
    pub duties: DutiesJson,
    pub sources: Vec<SourceJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindRowJson {
    pub id: String,
    pub layer: String,
    pub name: String,
    pub score: u32,
    pub matched: Vec<String>,
    pub owners: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PointerJson {
    pub kind: String,
    pub id: String,
    pub name: String,
    pub command: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FindJson {
    pub format_version: u32,
    pub words: Vec<String>,
    pub ignored: Vec<String>,
    pub see: Vec<PointerJson>,
    pub scope: String,
    pub left_out: usize,
    pub rows: Vec<FindRowJson>,
}

#[test]
fn who_is_always_a_list_of_cells_even_for_one() {
    let doc: WhoJson = json_of(&["who", "--layer", "os", "--model", "paas", "--json"]);
    assert_eq!(doc.format_version, 2);
    assert_eq!(doc.cells.len(), 1);
    let c = &doc.cells[0];
    assert_eq!(
        (
            c.id.as_str(),
            c.layer.as_str(),
            c.model.as_str(),
            c.owner.as_str()
        ),
        ("os", "os", "paas", "provider")
    );
    assert_eq!(c.name, "Operating system");
    assert_eq!(c.model_name, "PaaS");
    assert!(c.rows.is_empty());
    // The provider holds the OS under PaaS; the customer keeps only its caveats there.
    assert!(
        c.duties
            .customer
            .iter()
            .all(|d| !d.starts_with("Patch and harden")),
        "{:?}",
        c.duties.customer
    );
    assert!(
        c.duties
            .customer
            .iter()
            .any(|d| d.contains("container images"))
    );
    assert!(!c.duties.provider.is_empty());
    assert_eq!(c.sources[0].id, "ms-classic");
    assert!(c.note.as_deref().unwrap().contains("node-image upgrades"));
    // Adding a filter keeps the shape.
    let filtered: WhoJson = json_of(&[
        "who", "--layer", "os", "--model", "paas", "--owner", "provider", "--json",
    ]);
    assert_eq!(filtered.cells.len(), 1);
}

#[test]
fn a_layer_whose_rows_differ_is_split_and_lists_them() {
    let doc: WhoJson = json_of(&["who", "--layer", "network", "--model", "iaas", "--json"]);
    let c = &doc.cells[0];
    assert_eq!(c.owner, "split");
    let rows: Vec<_> = c
        .rows
        .iter()
        .map(|p| (p.id.as_str(), p.layer.as_str(), p.owner.as_str()))
        .collect();
    assert_eq!(
        rows,
        [
            ("physical-network", "network", "provider"),
            ("network-controls", "network", "customer")
        ]
    );
    // `shared` stays for a row both sides act on.
    let doc: WhoJson = json_of(&["who", "--layer", "app", "--model", "paas", "--json"]);
    assert_eq!(doc.cells[0].owner, "shared");
}

#[test]
fn a_part_has_its_id_and_its_layer() {
    let doc: WhoJson = json_of(&[
        "who",
        "--layer",
        "network-controls",
        "--model",
        "paas",
        "--json",
    ]);
    let c = &doc.cells[0];
    assert_eq!(
        (c.id.as_str(), c.layer.as_str()),
        ("network-controls", "network")
    );
    assert_eq!(c.owner, "shared");
}

#[test]
fn who_depends_cell_carries_its_note() {
    let doc: WhoJson = json_of(&[
        "who",
        "--layer",
        "ai-model-tuning",
        "--model",
        "paas",
        "--json",
    ]);
    assert_eq!(doc.cells[0].owner, "depends");
    assert!(
        doc.cells[0]
            .note
            .as_deref()
            .unwrap()
            .contains("partner or community")
    );
}

#[test]
fn who_many_shapes_and_several_values() {
    let classic: WhoJson = json_of(&["who", "--json"]);
    assert_eq!(
        (
            classic.cells.len(),
            classic.scope.as_str(),
            classic.left_out
        ),
        (10 * 4, "classic", 3)
    );
    let all: WhoJson = json_of(&["who", "--scope", "all", "--json"]);
    assert_eq!((all.cells.len(), all.left_out), (13 * 4, 0));
    let layer: WhoJson = json_of(&["who", "--layer", "os", "--json"]);
    let models: Vec<_> = layer.cells.iter().map(|c| c.model.as_str()).collect();
    assert_eq!(models, ["on-prem", "iaas", "paas", "saas"]);
    let two: WhoJson = json_of(&[
        "who",
        "--layer",
        "identity,data",
        "--model",
        "paas",
        "--json",
    ]);
    let ids: Vec<_> = two.cells.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["identity", "data"]);
    let repeated: WhoJson = json_of(&[
        "who", "--layer", "identity", "--layer", "data", "--model", "paas", "--json",
    ]);
    assert_eq!(repeated.cells.len(), 2);
    let classic: WhoJson = json_of(&["who", "--model", "saas", "--scope", "classic", "--json"]);
    assert_eq!(classic.cells.len(), 10);
    let ai: WhoJson = json_of(&["who", "--model", "saas", "--scope", "ai", "--json"]);
    let ids: Vec<_> = ai.cells.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["ai-usage", "ai-app", "ai-platform"]);
}

#[test]
fn who_owner_filter_is_row_by_row() {
    let doc: WhoJson = json_of(&[
        "who", "--model", "paas", "--owner", "customer", "--scope", "all", "--json",
    ]);
    let ids: Vec<_> = doc.cells.iter().map(|c| c.id.as_str()).collect();
    for id in [
        "data",
        "endpoint",
        "config",
        "accounts",
        "ai-user-training",
        "ai-app-design",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    for id in ["os", "runtime", "identity", "network-controls", "app"] {
        assert!(!ids.contains(&id), "{id} should not be in {ids:?}");
    }
    assert!(doc.cells.iter().all(|c| c.owner == "customer"));
    let accounts = doc.cells.iter().find(|c| c.id == "accounts").unwrap();
    assert_eq!(accounts.layer, "identity");
    let both: WhoJson = json_of(&[
        "who",
        "--model",
        "paas",
        "--owner",
        "customer,depends",
        "--scope",
        "all",
        "--json",
    ]);
    assert!(both.cells.iter().any(|c| c.owner == "depends"));
    assert!(both.cells.len() > doc.cells.len());
}

#[test]
fn who_with_no_match_is_an_empty_array() {
    let doc: WhoJson = json_of(&["who", "--layer", "data", "--owner", "provider", "--json"]);
    assert!(doc.cells.is_empty());
}

#[test]
fn diff_iaas_saas() {
    let doc: DiffJson = json_of(&["diff", "iaas", "saas", "--json"]);
    assert_eq!(doc.format_version, 2);
    assert_eq!((doc.from.as_str(), doc.to.as_str()), ("iaas", "saas"));
    assert_eq!(
        (doc.from_name.as_str(), doc.to_name.as_str()),
        ("IaaS", "SaaS")
    );
    let changed: Vec<_> = doc.changes.iter().map(|c| c.id.as_str()).collect();
    for id in ["os", "runtime", "app"] {
        let c = doc
            .changes
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{id} not in {changed:?}"));
        assert_eq!(c.direction, "toward_provider");
        assert_eq!(
            (c.from_owner.as_str(), c.to_owner.as_str()),
            ("customer", "provider")
        );
    }
    for id in ["data", "endpoint", "config", "physical", "host"] {
        assert!(
            !changed.contains(&id),
            "{id} should not change: {changed:?}"
        );
    }
    let network = doc.changes.iter().find(|c| c.id == "network").unwrap();
    assert_eq!(
        (network.from_owner.as_str(), network.to_owner.as_str()),
        ("split", "provider")
    );
    assert_eq!(network.rows.len(), 1);
    assert_eq!(network.rows[0].id, "network-controls");
    assert_eq!(network.rows[0].layer, "network");
}

#[test]
fn diff_all_lists_unchanged_rows_with_their_owners() {
    let doc: DiffJson = json_of(&["diff", "iaas", "saas", "--all", "--json"]);
    for id in ["data", "endpoint", "config", "physical", "host"] {
        let c = doc.changes.iter().find(|c| c.id == id).unwrap();
        assert_eq!(c.direction, "unchanged");
        assert_eq!(c.from_owner, c.to_owner);
    }
    let network = doc.changes.iter().find(|c| c.id == "network").unwrap();
    assert_eq!(network.rows.len(), 2);
    let same: DiffJson = json_of(&["diff", "paas", "PaaS", "--json"]);
    assert!(same.changes.is_empty());
}

#[test]
fn diff_directions_toward_customer_other_and_mixed() {
    let doc: DiffJson = json_of(&["diff", "saas", "iaas", "--json"]);
    let os = doc.changes.iter().find(|c| c.id == "os").unwrap();
    assert_eq!(os.direction, "toward_customer");
    let doc: DiffJson = json_of(&["diff", "paas", "saas", "--scope", "all", "--json"]);
    let platform = doc.changes.iter().find(|c| c.id == "ai-platform").unwrap();
    let tuning = platform
        .rows
        .iter()
        .find(|p| p.id == "ai-model-tuning")
        .unwrap();
    assert_eq!(tuning.direction, "other");
    assert_eq!(platform.direction, "other");
    let doc: DiffJson = json_of(&["diff", "on-prem", "iaas", "--scope", "ai", "--json"]);
    let platform = doc.changes.iter().find(|c| c.id == "ai-platform").unwrap();
    assert_eq!(platform.direction, "toward_provider");
}

#[test]
fn retained_rows_name_their_sources() {
    let doc: RetainedJson = json_of(&["retained", "--scope", "all", "--json"]);
    assert_eq!(doc.format_version, 2);
    assert_eq!(doc.rows.len(), 6);
    for row in &doc.rows {
        assert!(
            !row.duties.customer.is_empty(),
            "{} has no customer duties",
            row.id
        );
        assert!(!row.sources.is_empty(), "{} names no source", row.id);
    }
    let config = doc.rows.iter().find(|r| r.id == "config").unwrap();
    let sources: Vec<_> = config.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(sources, ["seed-text", "ms-classic-2026"]);
    let classic: RetainedJson = json_of(&["retained", "--json"]);
    assert_eq!(
        (classic.rows.len(), classic.scope.as_str(), classic.left_out),
        (4, "classic", 2)
    );
}

#[test]
fn matrix_shape() {
    let doc: MatrixJson = json_of(&["matrix", "--scope", "all", "--json"]);
    let models: Vec<_> = doc.models.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(models, ["on-prem", "iaas", "paas", "saas"]);
    assert_eq!(doc.layers.len(), 13);
    let os = doc.layers.iter().find(|l| l.id == "os").unwrap();
    assert_eq!(os.owners["paas"], "provider");
    assert!(!os.retained);
    let identity = doc.layers.iter().find(|l| l.id == "identity").unwrap();
    assert!(
        identity
            .rows
            .iter()
            .any(|p| p.id == "accounts" && p.layer == "identity" && p.retained)
    );
    assert_eq!(identity.owners["paas"], "split");
    let narrow: MatrixJson =
        json_of(&["matrix", "--model", "iaas,saas", "--scope", "ai", "--json"]);
    assert_eq!(narrow.layers.len(), 3);
    assert_eq!((narrow.scope.as_str(), narrow.left_out), ("ai", 10));
    assert_eq!(narrow.layers[0].owners.len(), 2);
}

#[test]
fn layers_and_models_shapes() {
    let layers: LayersJson = json_of(&["layers", "--json"]);
    assert_eq!(layers.format_version, 2);
    let ids: Vec<_> = layers.layers.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "physical",
            "network",
            "host",
            "os",
            "runtime",
            "app",
            "identity",
            "endpoint",
            "data",
            "config",
            "ai-usage",
            "ai-app",
            "ai-platform"
        ]
    );
    assert!(layers.layers.iter().all(|l| l.description.is_some()));
    assert_eq!(layers.layers[10].scope, "ai");
    assert_eq!(layers.layers[0].scope, "classic");
    let models: ModelsJson = json_of(&["models", "--json"]);
    let ids: Vec<_> = models.models.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["on-prem", "iaas", "paas", "saas"]);
    assert!(models.models[0].aliases.iter().any(|a| a == "on-premises"));
}

#[test]
fn checklist_explain_and_find_shapes() {
    let c: ChecklistJson = json_of(&["checklist", "paas", "--scope", "classic", "--json"]);
    assert_eq!(c.format_version, 2);
    assert_eq!(c.model, "paas");
    // A row the provider holds is listed only for what it still leaves the customer.
    assert!(
        c.rows
            .iter()
            .all(|r| r.owner != "provider" || !r.duties.is_empty())
    );
    let runtime = c.rows.iter().find(|r| r.id == "runtime").unwrap();
    assert_eq!(runtime.owner, "provider");
    assert!(
        runtime
            .duties
            .iter()
            .any(|d| d.contains("supported language version"))
    );
    assert!(
        c.rows
            .iter()
            .any(|r| r.id == "accounts" && r.layer == "identity")
    );
    assert!(!c.rows.iter().any(|r| r.layer.starts_with("ai-")));
    let e: ExplainJson = json_of(&["explain", "network-controls", "--json"]);
    assert_eq!(
        (e.kind.as_str(), e.layer.as_deref()),
        ("part", Some("network"))
    );
    assert_eq!(e.cells.len(), 4);
    let f: FindJson = json_of(&["find", "mfa", "--json"]);
    assert_eq!(f.words, ["mfa"]);
    assert_eq!(f.rows[0].id, "accounts");
    assert_eq!(f.rows[0].owners["saas"], "customer");
}

#[test]
fn format_json_equals_json_flag() {
    let a = crate::stdout_of(&["matrix", "--json"]);
    let b = crate::stdout_of(&["matrix", "--format", "json"]);
    assert_eq!(a, b);
}
