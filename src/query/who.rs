//! `srm who`: who holds a layer or a row under a model.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Scope, Selection, SideDuties, SourceRef, row_refs};
use crate::catalog::{Catalog, Column, Derived, Evidence, LayerRef, Owner};

/// A row under one model, as the parts behind a layer's derived owner.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RowCell<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub name: &'a str,
    pub owner: Owner,
    pub note: Option<&'a str>,
    /// Under a service: how well this owner is sourced (null under a model).
    pub evidence: Option<Evidence>,
}

/// One layer or row under one model.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Cell<'a> {
    /// The layer's id, or the part's id when a part was asked for.
    pub id: &'a str,
    /// The layer: the same as `id` for a layer, the layer the part belongs to for a part.
    pub layer: &'a str,
    pub name: &'a str,
    /// The model's id, or the service's.
    pub model: &'a str,
    pub model_name: &'a str,
    /// The service's variant (null for a model, and for a service without variants).
    pub variant: Option<&'a str>,
    /// The model the answer starts from: a service's base model, or the model itself.
    pub base_model: &'a str,
    /// `split` for a layer whose rows have different owners.
    pub owner: Derived,
    pub note: Option<&'a str>,
    /// Under a service: how well this owner is sourced, the weakest of the rows behind it
    /// (null under a model).
    pub evidence: Option<Evidence>,
    /// What is weak about it, when the evidence is not `sourced`.
    pub evidence_note: Option<&'a str>,
    /// The rows behind a layer's derived owner (empty for a layer with a row of its own, and
    /// for a part).
    pub rows: Vec<RowCell<'a>>,
    /// The duties of whoever holds each row under this model.
    pub duties: SideDuties<'a>,
    pub sources: Vec<SourceRef<'a>>,
}

/// The answer to `srm who`: always a list of cells, one when one was asked for.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Who<'a> {
    /// The layers the answer covers.
    pub scope: Scope,
    /// How many layers (or named parts) the scope left out that would have had cells here.
    pub left_out: usize,
    pub cells: Vec<Cell<'a>>,
}

/// `who`: the cells of the selected layers under the selected models. With an owner filter
/// the answer is given row by row, so that a part the customer owns inside a split layer is
/// not hidden by the layer's derived owner.
pub fn who<'a>(cat: &'a Catalog<'_>, selection: &Selection, owners: &[Owner]) -> Who<'a> {
    let models = selection.models(cat);
    let mut cells = Vec::new();
    let mut left_out = 0;
    for r in selection.named_or_all(cat) {
        if !selection.in_scope(cat, r) {
            let has_cells = row_refs(cat, r).into_iter().any(|id| {
                let row = cat.row(id);
                models
                    .iter()
                    .any(|&m| owners.is_empty() || owners.contains(&cat.owner(row, m)))
            });
            left_out += usize::from(has_cells);
            continue;
        }
        if owners.is_empty() {
            for &m in &models {
                cells.push(cell(cat, r, m));
            }
            continue;
        }
        for id in row_refs(cat, r) {
            let layer = cat.layer(id.layer());
            // A layer with a row of its own is answered as the layer.
            let at = if layer.own_row().is_some() {
                LayerRef::Layer(id.layer())
            } else {
                LayerRef::Part(id)
            };
            for &m in &models {
                if owners.contains(&cat.owner(cat.row(id), m)) {
                    cells.push(cell(cat, at, m));
                }
            }
        }
    }
    Who {
        scope: selection.scope(),
        left_out,
        cells,
    }
}

pub(crate) fn cell<'a>(cat: &'a Catalog<'_>, r: LayerRef, m: Column) -> Cell<'a> {
    let head = cat.head(m);
    let held = |row: &crate::catalog::Row<'_>| {
        let owner = cat.owner(row, m);
        (owner.involves_customer(), owner.involves_provider())
    };
    let (layer, rows, id, name, owner, note, parts) = match r {
        LayerRef::Layer(l) => {
            let layer = cat.layer(l);
            let parts = layer
                .parts()
                .iter()
                .map(|p| RowCell {
                    id: p.id(),
                    layer: layer.id(),
                    name: p.name(),
                    owner: cat.owner(p, m),
                    note: cat.note(p, m),
                    evidence: cat.evidence(p, m).map(|(e, _)| e),
                })
                .collect();
            (
                layer,
                layer.rows(),
                layer.id(),
                layer.name(),
                cat.layer_owner(layer, m),
                cat.layer_note(layer, m),
                parts,
            )
        }
        LayerRef::Part(id) => {
            let layer = cat.layer(id.layer());
            let rows = std::slice::from_ref(cat.row(id));
            let row = &rows[0];
            (
                layer,
                rows,
                row.id(),
                row.name(),
                cat.owner(row, m).into(),
                cat.note(row, m),
                Vec::new(),
            )
        }
    };
    let (evidence, evidence_note) = weakest(cat, rows, m);
    Cell {
        id,
        layer: layer.id(),
        name,
        model: head.id,
        model_name: head.name,
        variant: head.variant,
        base_model: head.base_model,
        owner,
        note,
        evidence,
        evidence_note,
        rows: parts,
        duties: super::column_duties(cat, rows, m, held),
        sources: super::column_sources(cat, rows.iter(), m),
    }
}

/// The weakest evidence of `rows` under a service column, with what is weak about it.
pub(crate) fn weakest<'a>(
    cat: &'a Catalog<'_>,
    rows: &'a [crate::catalog::Row<'_>],
    m: Column,
) -> (Option<Evidence>, Option<&'a str>) {
    let mut worst: Option<(Evidence, Option<&str>)> = None;
    for row in rows {
        if let Some((e, note)) = cat.evidence(row, m)
            && worst.is_none_or(|(w, _)| e > w)
        {
            worst = Some((e, note));
        }
    }
    match worst {
        Some((e, note)) => (Some(e), note.filter(|_| e != Evidence::Sourced)),
        None => (None, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{EMBEDDED, parse_kept as parse};

    #[test]
    fn duties_follow_the_holder_and_the_owner_filter_answers_row_by_row() {
        let cat = parse("embedded", EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
        let os = cat.resolve_layer("os").unwrap();
        let paas = cat.resolve_model("paas").unwrap();
        let iaas = cat.resolve_model("iaas").unwrap();
        let at = |m| Selection::new(vec![os], vec![m], Scope::Classic);
        let w = who(&cat, &at(paas), &[]);
        // The provider holds the OS under PaaS: the customer keeps only its caveats there.
        let caveats: Vec<&str> = cat.layers()[3].rows()[0]
            .caveats(cat.base_model(paas))
            .iter()
            .map(|c| &**c)
            .collect();
        assert!(!caveats.is_empty());
        assert_eq!(w.cells[0].duties.customer, caveats);
        assert!(!w.cells[0].duties.provider.is_empty());
        let w = who(&cat, &at(iaas), &[]);
        assert!(
            !w.cells[0]
                .duties
                .customer
                .iter()
                .any(|d| caveats.contains(d))
        );
        let w = who(&cat, &at(iaas), &[]);
        assert!(!w.cells[0].duties.customer.is_empty());
        assert!(w.cells[0].duties.provider.is_empty());
        let mine = Selection::columns(vec![paas], Scope::Classic);
        let w = who(&cat, &mine, &[Owner::Customer]);
        let ids: Vec<_> = w.cells.iter().map(|c| c.id).collect();
        // `accounts` is the customer's even though the identity layer is split under PaaS.
        assert!(
            ids.contains(&"accounts") && !ids.contains(&"identity"),
            "{ids:?}"
        );
    }
}
