//! `srm checklist`: the customer's to-do list under one model.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Covered, Listing, Scope, Selection};
use crate::catalog::{Catalog, Column, Evidence, Owner, Row, RowId};

/// A row the customer owns, shares, or may own (`depends`) under the model, or one the
/// provider holds that still leaves the customer something to do.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ChecklistRow<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub layer_name: &'a str,
    pub name: &'a str,
    pub owner: Owner,
    pub note: Option<&'a str>,
    /// Under a service: how well this owner is sourced (null under a model).
    pub evidence: Option<Evidence>,
    /// What the customer does; on a row the provider holds, what it still leaves the
    /// customer: the row's caveats under the model, or, where a service speaks of the row
    /// itself, the service's own duties instead.
    pub duties: Vec<&'a str>,
    /// What the provider covers, for a shared or depends row (empty when the customer owns it).
    pub provider_covers: Vec<&'a str>,
}

/// The answer to `srm checklist`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Checklist<'a> {
    pub model: &'a str,
    pub model_name: &'a str,
    /// The service's variant (null for a model, and for a service without variants).
    pub variant: Option<&'a str>,
    /// The model the checklist starts from: a service's base model, or the model itself.
    pub base_model: &'a str,
    /// The layers the answer covers.
    pub scope: Scope,
    /// How many rows for the customer the scope left out.
    pub left_out: usize,
    pub rows: Listing<'a, ChecklistRow<'a>>,
}

/// `checklist`: every row the customer owns, shares, or may own under a model, in catalogue
/// order, within the selection.
pub fn checklist<'a>(cat: &'a Catalog<'_>, m: Column, selection: &Selection) -> Checklist<'a> {
    let covered = selection.covered();
    // Only the rows of a layer the scope leaves out are looked at here; the others, as they
    // are listed.
    let left_out = cat
        .layer_ids()
        .filter(|&(l, _)| !covered.in_scope(cat, l))
        .flat_map(|(l, _)| cat.row_ids(l))
        .filter(|&(id, row)| item(cat, m, &covered, id, row).is_some())
        .count();
    let covered = std::rc::Rc::new(covered);
    let rows = Listing::new(move || {
        let (covered, listed) = (covered.clone(), covered.clone());
        cat.layer_ids()
            .filter(move |&(l, _)| listed.in_scope(cat, l))
            .flat_map(move |(l, _)| {
                let covered = covered.clone();
                cat.row_ids(l)
                    .filter_map(move |(id, row)| item(cat, m, &covered, id, row))
            })
    });
    let head = cat.head(m);
    Checklist {
        model: head.id,
        model_name: head.name,
        variant: head.variant,
        base_model: head.base_model,
        scope: selection.scope(),
        left_out,
        rows,
    }
}

/// Row `id`'s line in the checklist under `m`, if `covered` selects it and it leaves the
/// customer anything.
fn item<'a>(
    cat: &'a Catalog<'_>,
    m: Column,
    covered: &Covered,
    id: RowId,
    row: &'a Row<'_>,
) -> Option<ChecklistRow<'a>> {
    if !covered.selects_row(id) {
        return None;
    }
    let owner = cat.owner(row, m);
    let mut duties = super::Distinct::default();
    duties.extend(super::customer_duties(cat, row, m));
    // A row the provider holds is listed only for what it still leaves the customer.
    if !owner.involves_customer() && duties.items.is_empty() {
        return None;
    }
    let layer = cat.layer(id.layer());
    Some(ChecklistRow {
        id: row.id(),
        layer: layer.id(),
        layer_name: layer.name(),
        name: row.name(),
        owner,
        note: cat.note(row, m),
        evidence: cat.evidence(row, m).map(|(e, _)| e),
        duties: duties.items,
        provider_covers: if owner.involves_provider() {
            row.provider_duties().iter().map(|d| &**d).collect()
        } else {
            Vec::new()
        },
    })
}
