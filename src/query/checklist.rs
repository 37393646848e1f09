//! `srm checklist`: the customer's to-do list under one model.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Scope, Selection};
use crate::catalog::{Catalog, ModelId, Owner};

/// A row the customer owns, shares, or may own (`depends`) under the model.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChecklistRow<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub layer_name: &'a str,
    pub name: &'a str,
    pub owner: Owner,
    pub note: Option<&'a str>,
    /// What the customer does.
    pub duties: Vec<&'a str>,
    /// What the provider covers, for a shared or depends row (empty when the customer owns it).
    pub provider_covers: Vec<&'a str>,
}

/// The answer to `srm checklist`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Checklist<'a> {
    pub model: &'a str,
    pub model_name: &'a str,
    /// The layers the answer covers.
    pub scope: Scope,
    /// How many rows for the customer the scope left out.
    pub left_out: usize,
    pub rows: Vec<ChecklistRow<'a>>,
}

/// `checklist`: every row the customer owns, shares, or may own under a model, in catalogue
/// order, within the selection.
pub fn checklist<'a>(cat: &'a Catalog<'_>, m: ModelId, selection: &Selection) -> Checklist<'a> {
    let covered = selection.covered();
    let mut rows = Vec::new();
    let mut left_out = 0;
    for (l, layer) in cat.layers().iter().enumerate() {
        for (i, row) in layer.rows().iter().enumerate() {
            let owner = row.owner(m);
            if !owner.involves_customer() || !covered.selects_row(l, i) {
                continue;
            }
            if !covered.in_scope(cat, l) {
                left_out += 1;
                continue;
            }
            rows.push(ChecklistRow {
                id: row.id(),
                layer: layer.id(),
                layer_name: layer.name(),
                name: row.name(),
                owner,
                note: row.note(m),
                duties: row.customer_duties().iter().map(|d| &**d).collect(),
                provider_covers: if owner.involves_provider() {
                    row.provider_duties().iter().map(|d| &**d).collect()
                } else {
                    Vec::new()
                },
            });
        }
    }
    Checklist {
        model: cat.model(m).id(),
        model_name: cat.model(m).name(),
        scope: selection.scope,
        left_out,
        rows,
    }
}
