//! The JSON contract, locked: every document is deserialized into mirror structs that refuse
//! unknown fields, so adding, renaming or removing a field fails here first (then update README).

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
pub struct PartJson {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CellJson {
    pub layer: String,
    pub layer_name: String,
    pub parent_layer: Option<String>,
    pub model: String,
    pub model_name: String,
    pub owner: String,
    pub note: Option<String>,
    pub parts: Vec<PartJson>,
    pub duties: DutiesJson,
    pub sources: Vec<SourceJson>,
}

/// A single cell: the fields of `CellJson` beside `format_version` (serde's `flatten` cannot be
/// combined with `deny_unknown_fields`, so they are spelled out again).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhoOneJson {
    pub format_version: u32,
    pub layer: String,
    pub layer_name: String,
    pub parent_layer: Option<String>,
    pub model: String,
    pub model_name: String,
    pub owner: String,
    pub note: Option<String>,
    pub parts: Vec<PartJson>,
    pub duties: DutiesJson,
    pub sources: Vec<SourceJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhoManyJson {
    pub format_version: u32,
    pub cells: Vec<CellJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartChangeJson {
    pub id: String,
    pub name: String,
    pub from_owner: String,
    pub to_owner: String,
    pub direction: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeJson {
    pub layer: String,
    pub layer_name: String,
    pub from_owner: String,
    pub to_owner: String,
    pub direction: String,
    pub parts: Vec<PartChangeJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffJson {
    pub format_version: u32,
    pub from: String,
    pub from_name: String,
    pub to: String,
    pub to_name: String,
    pub changes: Vec<ChangeJson>,
    pub unchanged: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetainedRowJson {
    pub id: String,
    pub name: String,
    pub duties: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetainedLayerJson {
    pub layer: String,
    pub layer_name: String,
    pub rows: Vec<RetainedRowJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RetainedJson {
    pub format_version: u32,
    pub retained: Vec<RetainedLayerJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelHeadJson {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixRowJson {
    pub id: String,
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
    pub parts: Vec<MatrixRowJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatrixJson {
    pub format_version: u32,
    pub models: Vec<ModelHeadJson>,
    pub layers: Vec<MatrixLayerJson>,
    pub sources: Vec<SourceJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartInfoJson {
    pub id: String,
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
    pub parts: Vec<PartInfoJson>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LayersJson {
    pub format_version: u32,
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

#[test]
fn who_one_cell() {
    let doc: WhoOneJson = json_of(&["who", "--layer", "os", "--model", "paas", "--json"]);
    assert_eq!(doc.format_version, 1);
    let c = doc;
    assert_eq!(
        (c.layer.as_str(), c.model.as_str(), c.owner.as_str()),
        ("os", "paas", "provider")
    );
    assert_eq!(c.layer_name, "Operating system");
    assert_eq!(c.model_name, "PaaS");
    assert_eq!(c.parent_layer, None);
    assert!(c.parts.is_empty());
    assert!(
        c.duties.customer.is_empty(),
        "the provider holds the OS under PaaS"
    );
    assert!(!c.duties.provider.is_empty());
    assert_eq!(c.sources[0].id, "ms-classic");
    assert!(c.note.as_deref().unwrap().contains("node-image upgrades"));
}

#[test]
fn who_one_cell_of_a_layer_of_parts_lists_the_rows_behind_it() {
    let doc: WhoOneJson = json_of(&["who", "--layer", "network", "--model", "paas", "--json"]);
    let c = doc;
    assert_eq!(c.owner, "shared");
    let parts: Vec<_> = c
        .parts
        .iter()
        .map(|p| (p.id.as_str(), p.owner.as_str()))
        .collect();
    assert_eq!(
        parts,
        [
            ("physical-network", "provider"),
            ("network-controls", "shared")
        ]
    );
    assert!(c.parts[1].note.is_some());
    assert!(!c.duties.customer.is_empty() && !c.duties.provider.is_empty());
}

#[test]
fn who_one_part_names_its_parent_layer() {
    let doc: WhoOneJson = json_of(&[
        "who",
        "--layer",
        "network-controls",
        "--model",
        "paas",
        "--json",
    ]);
    assert_eq!(doc.layer, "network-controls");
    assert_eq!(doc.parent_layer.as_deref(), Some("network"));
    assert_eq!(doc.owner, "shared");
}

#[test]
fn who_depends_cell_carries_its_note() {
    let doc: WhoOneJson = json_of(&[
        "who",
        "--layer",
        "ai-model-tuning",
        "--model",
        "paas",
        "--json",
    ]);
    assert_eq!(doc.owner, "depends");
    assert!(doc.note.is_some_and(|n| !n.is_empty()));
}

#[test]
fn who_many_shapes() {
    let all: WhoManyJson = json_of(&["who", "--json"]);
    assert_eq!(all.format_version, 1);
    assert_eq!(all.cells.len(), 13 * 4);
    let layer: WhoManyJson = json_of(&["who", "--layer", "os", "--json"]);
    let models: Vec<_> = layer.cells.iter().map(|c| c.model.as_str()).collect();
    assert_eq!(models, ["on-prem", "iaas", "paas", "saas"]);
    let model: WhoManyJson = json_of(&["who", "--model", "saas", "--json"]);
    assert_eq!(model.cells.len(), 13);
    assert!(model.cells.iter().all(|c| c.model == "saas"));
}

#[test]
fn who_owner_filter_is_row_by_row() {
    let doc: WhoManyJson = json_of(&["who", "--model", "paas", "--owner", "customer", "--json"]);
    let ids: Vec<_> = doc.cells.iter().map(|c| c.layer.as_str()).collect();
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
    let accounts = doc.cells.iter().find(|c| c.layer == "accounts").unwrap();
    assert_eq!(accounts.parent_layer.as_deref(), Some("identity"));
}

#[test]
fn who_with_no_match_is_an_empty_array() {
    let doc: WhoManyJson = json_of(&["who", "--layer", "data", "--owner", "provider", "--json"]);
    assert!(doc.cells.is_empty());
}

#[test]
fn diff_iaas_saas() {
    let doc: DiffJson = json_of(&["diff", "iaas", "saas", "--json"]);
    assert_eq!((doc.from.as_str(), doc.to.as_str()), ("iaas", "saas"));
    assert_eq!(
        (doc.from_name.as_str(), doc.to_name.as_str()),
        ("IaaS", "SaaS")
    );
    let changed: Vec<_> = doc.changes.iter().map(|c| c.layer.as_str()).collect();
    for id in ["os", "runtime", "app"] {
        let c = doc
            .changes
            .iter()
            .find(|c| c.layer == id)
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
    assert!(
        doc.unchanged.is_empty(),
        "unchanged is listed only with --all"
    );
    let network = doc.changes.iter().find(|c| c.layer == "network").unwrap();
    assert_eq!(network.parts.len(), 1);
    assert_eq!(network.parts[0].id, "network-controls");
}

#[test]
fn diff_all_lists_unchanged_and_self_diff_is_empty() {
    let doc: DiffJson = json_of(&["diff", "iaas", "saas", "--all", "--json"]);
    for id in ["data", "endpoint", "config", "physical", "host"] {
        assert!(
            doc.unchanged.iter().any(|u| u == id),
            "{id} not in {:?}",
            doc.unchanged
        );
    }
    let same: DiffJson = json_of(&["diff", "paas", "PaaS", "--json"]);
    assert!(same.changes.is_empty());
}

#[test]
fn diff_toward_customer_and_depends() {
    let doc: DiffJson = json_of(&["diff", "saas", "iaas", "--json"]);
    let os = doc.changes.iter().find(|c| c.layer == "os").unwrap();
    assert_eq!(os.direction, "toward_customer");
    let doc: DiffJson = json_of(&["diff", "paas", "saas", "--json"]);
    let platform = doc
        .changes
        .iter()
        .find(|c| c.layer == "ai-platform")
        .unwrap();
    let tuning = platform
        .parts
        .iter()
        .find(|p| p.id == "ai-model-tuning")
        .unwrap();
    assert_eq!(tuning.direction, "other");
    assert_eq!(platform.direction, "other");
}

#[test]
fn retained_shape() {
    let doc: RetainedJson = json_of(&["retained", "--json"]);
    assert_eq!(doc.format_version, 1);
    for layer in &doc.retained {
        assert!(!layer.rows.is_empty());
        for row in &layer.rows {
            assert!(!row.duties.is_empty(), "{} has no customer duties", row.id);
        }
    }
}

#[test]
fn matrix_shape() {
    let doc: MatrixJson = json_of(&["matrix", "--json"]);
    let models: Vec<_> = doc.models.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(models, ["on-prem", "iaas", "paas", "saas"]);
    assert_eq!(doc.layers.len(), 13);
    let os = doc.layers.iter().find(|l| l.id == "os").unwrap();
    assert_eq!(os.owners["paas"], "provider");
    assert!(!os.retained);
    let data = doc.layers.iter().find(|l| l.id == "data").unwrap();
    assert!(data.retained);
    let identity = doc.layers.iter().find(|l| l.id == "identity").unwrap();
    assert!(
        identity
            .parts
            .iter()
            .any(|p| p.id == "accounts" && p.retained)
    );
    assert!(!identity.retained);
}

#[test]
fn layers_and_models_shapes() {
    let layers: LayersJson = json_of(&["layers", "--json"]);
    assert_eq!(layers.format_version, 1);
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
    let models: ModelsJson = json_of(&["models", "--json"]);
    let ids: Vec<_> = models.models.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["on-prem", "iaas", "paas", "saas"]);
    assert!(models.models[0].aliases.iter().any(|a| a == "on-premises"));
}

#[test]
fn format_json_equals_json_flag() {
    let a = crate::stdout_of(&["matrix", "--json"]);
    let b = crate::stdout_of(&["--format", "json", "matrix"]);
    assert_eq!(a, b);
}
