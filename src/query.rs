//! Questions asked of a [`Catalog`], answered as plain data.
//!
//! Every function here is pure: it reads the catalogue and returns a result struct that borrows
//! from it. The structs serialise to the JSON contract as they are (renderers add only the
//! `format_version` envelope), and the table renderers read the same fields, so the two output
//! forms cannot disagree. Nothing here prints or decides how anything looks.

use std::collections::HashSet;
use std::hash::Hash;

use serde::Serialize;
use serde::ser::SerializeMap;

use crate::catalog::{Catalog, LayerRef, ModelId, Owner, Row, SourceId, Target, Text};

/// Which way responsibility moves between two models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More of it sits with the provider in the second model.
    TowardProvider,
    /// More of it sits with the customer in the second model.
    TowardCustomer,
    /// A change involving `depends`, or rows moving both ways.
    Other,
}

impl Direction {
    /// The direction of a change from `from` to `to`, ranking customer < shared < provider.
    /// `None` when nothing changes.
    pub fn of(from: Owner, to: Owner) -> Option<Direction> {
        if from == to {
            return None;
        }
        Some(match (from.rank(), to.rank()) {
            (Some(a), Some(b)) if b > a => Direction::TowardProvider,
            (Some(_), Some(_)) => Direction::TowardCustomer,
            _ => Direction::Other,
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::TowardProvider => "toward_provider",
            Direction::TowardCustomer => "toward_customer",
            Direction::Other => "other",
        }
    }
}

#[derive(Debug, Serialize)]
pub struct SourceRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: Option<&'a str>,
}

/// Duties of each side for one cell: only the sides that hold it (both for shared and depends).
#[derive(Debug, Default, Serialize)]
pub struct CellDuties<'a> {
    pub customer: Vec<&'a str>,
    pub provider: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct PartCell<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owner: Owner,
    pub note: Option<&'a str>,
}

/// One layer (or part) under one model.
#[derive(Debug, Serialize)]
pub struct Cell<'a> {
    /// The layer's id, or the part's id when a part was asked for.
    pub layer: &'a str,
    pub layer_name: &'a str,
    /// The layer a part belongs to; `None` for a whole layer.
    pub parent_layer: Option<&'a str>,
    pub model: &'a str,
    pub model_name: &'a str,
    pub owner: Owner,
    pub note: Option<&'a str>,
    /// The rows behind a derived owner (empty for a layer with a row of its own, and for a part).
    pub parts: Vec<PartCell<'a>>,
    pub duties: CellDuties<'a>,
    pub sources: Vec<SourceRef<'a>>,
}

/// The answer to `srm who`.
#[derive(Debug)]
pub struct Who<'a> {
    /// One layer and one model were asked for: the answer is a single cell.
    pub single: bool,
    pub cells: Vec<Cell<'a>>,
}

/// `who`: one cell, a layer across models, a model across layers, or everything. With an owner
/// filter the answer is given row by row, so that a part the customer owns inside a shared
/// layer is not hidden by the layer's derived owner.
pub fn who<'a>(
    cat: &'a Catalog<'_>,
    layer: Option<LayerRef>,
    model: Option<ModelId>,
    owner: Option<Owner>,
) -> Who<'a> {
    let models: Vec<ModelId> = match model {
        Some(m) => vec![m],
        None => cat.model_ids().collect(),
    };
    let layers: Vec<LayerRef> = match layer {
        Some(r) => vec![r],
        None => (0..cat.layers().len()).map(LayerRef::Layer).collect(),
    };
    let mut cells = Vec::new();
    match owner {
        None => {
            for &r in &layers {
                for &m in &models {
                    cells.push(cell(cat, r, m));
                }
            }
        }
        Some(wanted) => {
            for r in layers.iter().flat_map(|&r| row_refs(cat, r)) {
                for &m in &models {
                    if row_of(cat, r).owner(m) == wanted {
                        cells.push(cell(cat, r, m));
                    }
                }
            }
        }
    }
    Who {
        single: layer.is_some() && model.is_some() && owner.is_none(),
        cells,
    }
}

/// A layer with a row of its own stays a layer; a layer of parts becomes its parts.
fn row_refs(cat: &Catalog<'_>, r: LayerRef) -> Vec<LayerRef> {
    match r {
        LayerRef::Part(..) => vec![r],
        LayerRef::Layer(l) => match cat.layers()[l].parts().len() {
            0 => vec![r],
            n => (0..n).map(|i| LayerRef::Part(l, i)).collect(),
        },
    }
}

/// The row behind a reference made by [`row_refs`]: a layer's own row, or a part.
fn row_of<'c, 't>(cat: &'c Catalog<'t>, r: LayerRef) -> &'c Row<'t> {
    match r {
        LayerRef::Layer(l) => &cat.layers()[l].rows()[0],
        LayerRef::Part(l, i) => &cat.layers()[l].rows()[i],
    }
}

fn cell<'c>(cat: &'c Catalog<'_>, r: LayerRef, m: ModelId) -> Cell<'c> {
    let model = cat.model(m);
    match r {
        LayerRef::Layer(l) => {
            let layer = &cat.layers()[l];
            Cell {
                layer: layer.id(),
                layer_name: layer.name(),
                parent_layer: None,
                model: model.id(),
                model_name: model.name(),
                owner: layer.owner(m),
                note: layer.note(m),
                parts: layer
                    .parts()
                    .iter()
                    .map(|p| PartCell {
                        id: p.id(),
                        name: p.name(),
                        owner: p.owner(m),
                        note: p.note(m),
                    })
                    .collect(),
                duties: duties(layer.rows(), m),
                sources: sources(cat, layer.rows()),
            }
        }
        LayerRef::Part(l, i) => {
            let layer = &cat.layers()[l];
            let row = &layer.rows()[i];
            let rows = std::slice::from_ref(row);
            Cell {
                layer: row.id(),
                layer_name: row.name(),
                parent_layer: Some(layer.id()),
                model: model.id(),
                model_name: model.name(),
                owner: row.owner(m),
                note: row.note(m),
                parts: Vec::new(),
                duties: duties(rows, m),
                sources: sources(cat, rows),
            }
        }
    }
}

/// The duties of the side(s) holding each row under model `m`, in row order, without repeats.
fn duties<'a>(rows: &'a [Row<'_>], m: ModelId) -> CellDuties<'a> {
    all_duties(rows, |row| {
        let owner = row.owner(m);
        (owner.involves_customer(), owner.involves_provider())
    })
}

/// The duties of `rows`, in row order without repeats; `sides` says, for each row, whether
/// its customer and its provider duties count.
fn all_duties<'a>(rows: &'a [Row<'_>], sides: impl Fn(&Row<'_>) -> (bool, bool)) -> CellDuties<'a> {
    let mut customer = Distinct::default();
    let mut provider = Distinct::default();
    for row in rows {
        let (c, p) = sides(row);
        if c {
            customer.extend(row.customer_duties().iter().map(|d| &**d));
        }
        if p {
            provider.extend(row.provider_duties().iter().map(|d| &**d));
        }
    }
    CellDuties {
        customer: customer.items,
        provider: provider.items,
    }
}

/// Items in first-seen order without repeats; the set keeps each check constant-time, so
/// merging stays linear however long the lists.
struct Distinct<T> {
    items: Vec<T>,
    seen: HashSet<T>,
}

impl<T> Default for Distinct<T> {
    fn default() -> Self {
        Distinct {
            items: Vec::new(),
            seen: HashSet::new(),
        }
    }
}

impl<T: Copy + Eq + Hash> Distinct<T> {
    fn extend(&mut self, items: impl IntoIterator<Item = T>) {
        for item in items {
            if self.seen.insert(item) {
                self.items.push(item);
            }
        }
    }
}

/// The sources cited by `rows`: each row's main source first, then its others, without repeats.
fn sources<'a>(cat: &'a Catalog<'_>, rows: &[Row<'_>]) -> Vec<SourceRef<'a>> {
    let mut cited = Distinct::default();
    cited.extend(rows.iter().flat_map(Row::sources));
    cited
        .items
        .into_iter()
        .map(|i| source_ref(cat, i))
        .collect()
}

fn source_ref<'a>(cat: &'a Catalog<'_>, i: SourceId) -> SourceRef<'a> {
    let s = cat.source(i);
    SourceRef {
        id: s.id(),
        title: s.title(),
        url: s.url(),
    }
}

#[derive(Debug, Serialize)]
pub struct PartChange<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub from_owner: Owner,
    pub to_owner: Owner,
    pub direction: Direction,
}

#[derive(Debug, Serialize)]
pub struct Change<'a> {
    pub layer: &'a str,
    pub layer_name: &'a str,
    pub from_owner: Owner,
    pub to_owner: Owner,
    pub direction: Direction,
    /// The parts whose owner changed (empty for a layer with a row of its own).
    pub parts: Vec<PartChange<'a>>,
}

/// The answer to `srm diff`.
#[derive(Debug, Serialize)]
pub struct Diff<'a> {
    pub from: &'a str,
    pub from_name: &'a str,
    pub to: &'a str,
    pub to_name: &'a str,
    pub changes: Vec<Change<'a>>,
    /// Layers with no change; listed only when asked for (`--all`), else empty.
    pub unchanged: Vec<&'a str>,
}

/// `diff`: the layers in which any row changes owner between two models. A layer's direction
/// is the common direction of everything that moved in it, or `other` when they disagree.
pub fn diff<'a>(cat: &'a Catalog<'_>, from: ModelId, to: ModelId, all: bool) -> Diff<'a> {
    let mut changes = Vec::new();
    let mut unchanged = Vec::new();
    for layer in cat.layers() {
        let parts: Vec<PartChange> = layer
            .parts()
            .iter()
            .filter_map(|p| {
                let direction = Direction::of(p.owner(from), p.owner(to))?;
                Some(PartChange {
                    id: p.id(),
                    name: p.name(),
                    from_owner: p.owner(from),
                    to_owner: p.owner(to),
                    direction,
                })
            })
            .collect();
        let (a, b) = (layer.owner(from), layer.owner(to));
        let mut directions = Direction::of(a, b)
            .into_iter()
            .chain(parts.iter().map(|p| p.direction));
        let Some(first) = directions.next() else {
            if all {
                unchanged.push(layer.id());
            }
            continue;
        };
        let direction = if directions.all(|d| d == first) {
            first
        } else {
            Direction::Other
        };
        changes.push(Change {
            layer: layer.id(),
            layer_name: layer.name(),
            from_owner: a,
            to_owner: b,
            direction,
            parts,
        });
    }
    Diff {
        from: cat.model(from).id(),
        from_name: cat.model(from).name(),
        to: cat.model(to).id(),
        to_name: cat.model(to).name(),
        changes,
        unchanged,
    }
}

#[derive(Debug, Serialize)]
pub struct RetainedRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub duties: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct RetainedLayer<'a> {
    pub layer: &'a str,
    pub layer_name: &'a str,
    pub rows: Vec<RetainedRow<'a>>,
}

/// The answer to `srm retained`.
#[derive(Debug, Serialize)]
pub struct Retained<'a> {
    pub retained: Vec<RetainedLayer<'a>>,
}

/// `retained`: the rows the customer owns under every model, grouped by layer.
pub fn retained<'a>(cat: &'a Catalog<'_>) -> Retained<'a> {
    let retained = cat
        .layers()
        .iter()
        .filter_map(|layer| {
            let rows: Vec<RetainedRow> = layer
                .rows()
                .iter()
                .filter(|r| r.always_customer())
                .map(|r| RetainedRow {
                    id: r.id(),
                    name: r.name(),
                    duties: r.customer_duties().iter().map(|d| &**d).collect(),
                })
                .collect();
            (!rows.is_empty()).then_some(RetainedLayer {
                layer: layer.id(),
                layer_name: layer.name(),
                rows,
            })
        })
        .collect();
    Retained { retained }
}

/// Owners keyed by model id, serialised as a JSON object in model order.
#[derive(Debug)]
pub struct ByModel<'a>(pub Vec<(&'a str, Owner)>);

impl Serialize for ByModel<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl ByModel<'_> {
    pub fn owners(&self) -> impl Iterator<Item = Owner> + '_ {
        self.0.iter().map(|(_, o)| *o)
    }
}

#[derive(Debug, Serialize)]
pub struct ModelHead<'a> {
    pub id: &'a str,
    pub name: &'a str,
}

#[derive(Debug, Serialize)]
pub struct MatrixRow<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owners: ByModel<'a>,
    /// The customer owns this row under every model.
    pub retained: bool,
}

#[derive(Debug, Serialize)]
pub struct MatrixLayer<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Derived from the parts where the layer has them.
    pub owners: ByModel<'a>,
    pub retained: bool,
    pub parts: Vec<MatrixRow<'a>>,
}

/// The answer to `srm matrix`.
#[derive(Debug, Serialize)]
pub struct Matrix<'a> {
    pub models: Vec<ModelHead<'a>>,
    pub layers: Vec<MatrixLayer<'a>>,
    /// Every source the catalogue declares.
    pub sources: Vec<SourceRef<'a>>,
}

pub fn matrix<'a>(cat: &'a Catalog<'_>) -> Matrix<'a> {
    let by_model = |f: &dyn Fn(ModelId) -> Owner| {
        ByModel(cat.model_ids().map(|m| (cat.model(m).id(), f(m))).collect())
    };
    Matrix {
        models: cat
            .models()
            .iter()
            .map(|m| ModelHead {
                id: m.id(),
                name: m.name(),
            })
            .collect(),
        layers: cat
            .layers()
            .iter()
            .map(|layer| MatrixLayer {
                id: layer.id(),
                name: layer.name(),
                owners: by_model(&|m| layer.owner(m)),
                retained: layer.rows().iter().all(Row::always_customer),
                parts: layer
                    .parts()
                    .iter()
                    .map(|p| MatrixRow {
                        id: p.id(),
                        name: p.name(),
                        owners: by_model(&|m| p.owner(m)),
                        retained: p.always_customer(),
                    })
                    .collect(),
            })
            .collect(),
        sources: (0..cat.sources().len())
            .map(|i| source_ref(cat, SourceId::new(i)))
            .collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct PartInfo<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: &'a [Text<'a>],
}

#[derive(Debug, Serialize)]
pub struct LayerInfo<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: &'a [Text<'a>],
    pub description: Option<&'a str>,
    pub parts: Vec<PartInfo<'a>>,
}

/// The answer to `srm layers`.
#[derive(Debug, Serialize)]
pub struct Layers<'a> {
    pub layers: Vec<LayerInfo<'a>>,
}

pub fn layers<'a>(cat: &'a Catalog<'_>) -> Layers<'a> {
    Layers {
        layers: cat
            .layers()
            .iter()
            .map(|l| LayerInfo {
                id: l.id(),
                name: l.name(),
                aliases: l.aliases(),
                description: l.description(),
                parts: l
                    .parts()
                    .iter()
                    .map(|p| PartInfo {
                        id: p.id(),
                        name: p.name(),
                        aliases: p.aliases(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Debug, Serialize)]
pub struct ModelInfo<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: &'a [Text<'a>],
    pub description: Option<&'a str>,
}

/// The answer to `srm models`.
#[derive(Debug, Serialize)]
pub struct Models<'a> {
    pub models: Vec<ModelInfo<'a>>,
}

pub fn models<'a>(cat: &'a Catalog<'_>) -> Models<'a> {
    Models {
        models: cat
            .models()
            .iter()
            .map(|m| ModelInfo {
                id: m.id(),
                name: m.name(),
                aliases: m.aliases(),
                description: m.description(),
            })
            .collect(),
    }
}

/// One item of the customer's to-do list.
#[derive(Debug, Serialize)]
pub struct ChecklistItem<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub owner: Owner,
    pub note: Option<&'a str>,
    /// What the customer does.
    pub duties: Vec<&'a str>,
    /// What the provider covers, for a shared or depends row (empty when the customer owns it).
    pub provider_covers: Vec<&'a str>,
}

#[derive(Debug, Serialize)]
pub struct ChecklistLayer<'a> {
    pub layer: &'a str,
    pub layer_name: &'a str,
    pub items: Vec<ChecklistItem<'a>>,
}

/// The answer to `srm checklist`.
#[derive(Debug, Serialize)]
pub struct Checklist<'a> {
    pub model: &'a str,
    pub model_name: &'a str,
    pub layers: Vec<ChecklistLayer<'a>>,
}

/// `checklist`: every row the customer owns, shares, or may own (`depends`) under a model,
/// grouped by layer, optionally narrowed to one layer or part.
pub fn checklist<'a>(cat: &'a Catalog<'_>, m: ModelId, only: Option<LayerRef>) -> Checklist<'a> {
    let layers = cat
        .layers()
        .iter()
        .enumerate()
        .filter_map(|(li, layer)| {
            let items: Vec<ChecklistItem> = layer
                .rows()
                .iter()
                .enumerate()
                .filter(|(ri, _)| match only {
                    None => true,
                    Some(LayerRef::Layer(l)) => l == li,
                    Some(LayerRef::Part(l, r)) => l == li && r == *ri,
                })
                .map(|(_, row)| row)
                .filter(|row| row.owner(m).involves_customer())
                .map(|row| ChecklistItem {
                    id: row.id(),
                    name: row.name(),
                    owner: row.owner(m),
                    note: row.note(m),
                    duties: row.customer_duties().iter().map(|d| &**d).collect(),
                    provider_covers: if row.owner(m).involves_provider() {
                        row.provider_duties().iter().map(|d| &**d).collect()
                    } else {
                        Vec::new()
                    },
                })
                .collect();
            (!items.is_empty()).then_some(ChecklistLayer {
                layer: layer.id(),
                layer_name: layer.name(),
                items,
            })
        })
        .collect();
    Checklist {
        model: cat.model(m).id(),
        model_name: cat.model(m).name(),
        layers,
    }
}

/// What `explain` describes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Layer,
    Part,
    Model,
}

/// The answer to `srm explain`: everything about one layer, part or model.
#[derive(Debug, Serialize)]
pub struct Explain<'a> {
    pub kind: Kind,
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: &'a [Text<'a>],
    pub description: Option<&'a str>,
    pub remark: Option<&'a str>,
    /// The layer a part belongs to.
    pub parent_layer: Option<&'a str>,
    /// For a layer or part: its cell under each model. For a model: every layer under it.
    pub cells: Vec<Cell<'a>>,
    /// Everything each side does for these rows, whoever holds them (empty for a model).
    pub duties: CellDuties<'a>,
    pub sources: Vec<SourceRef<'a>>,
}

pub fn explain<'a>(cat: &'a Catalog<'_>, target: Target) -> Explain<'a> {
    let (kind, layer_ref) = match target {
        Target::Model(m) => {
            let model = cat.model(m);
            let cells = who(cat, None, Some(m), None).cells;
            return Explain {
                kind: Kind::Model,
                id: model.id(),
                name: model.name(),
                aliases: model.aliases(),
                description: model.description(),
                remark: None,
                parent_layer: None,
                cells,
                duties: CellDuties::default(),
                sources: Vec::new(),
            };
        }
        Target::Layer(l) => (Kind::Layer, LayerRef::Layer(l)),
        Target::Part(l, r) => (Kind::Part, LayerRef::Part(l, r)),
    };
    let (layer, rows, parent) = match layer_ref {
        LayerRef::Layer(l) => (&cat.layers()[l], cat.layers()[l].rows(), None),
        LayerRef::Part(l, r) => {
            let layer = &cat.layers()[l];
            (
                layer,
                std::slice::from_ref(&layer.rows()[r]),
                Some(layer.id()),
            )
        }
    };
    let duties = all_duties(rows, |_| (true, true));
    let (id, name, aliases, description, remark) = match layer_ref {
        LayerRef::Layer(_) => (
            layer.id(),
            layer.name(),
            layer.aliases(),
            layer.description(),
            layer.own_row().and_then(Row::remark),
        ),
        LayerRef::Part(..) => {
            let row = &rows[0];
            (
                row.id(),
                row.name(),
                row.aliases(),
                row.description(),
                row.remark(),
            )
        }
    };
    Explain {
        kind,
        id,
        name,
        aliases,
        description,
        remark,
        parent_layer: parent,
        cells: who(cat, Some(layer_ref), None, None).cells,
        duties,
        sources: sources(cat, rows),
    }
}

/// Any answer, for the renderers.
#[derive(Debug)]
pub enum Report<'a> {
    Who(Who<'a>),
    Diff(Diff<'a>),
    Retained(Retained<'a>),
    Matrix(Matrix<'a>),
    Layers(Layers<'a>),
    Models(Models<'a>),
    Checklist(Checklist<'a>),
    Explain(Explain<'a>),
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{EMBEDDED, parse};

    fn cat() -> Catalog<'static> {
        parse("embedded", EMBEDDED).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn direction_ranks_customer_shared_provider() {
        use Owner::*;
        assert_eq!(
            Direction::of(Customer, Provider),
            Some(Direction::TowardProvider)
        );
        assert_eq!(
            Direction::of(Shared, Customer),
            Some(Direction::TowardCustomer)
        );
        assert_eq!(Direction::of(Depends, Provider), Some(Direction::Other));
        assert_eq!(Direction::of(Shared, Shared), None);
    }

    #[test]
    fn duties_follow_the_holder_of_the_cell() {
        let cat = cat();
        let os = cat.resolve_layer("os").unwrap();
        let paas = cat.resolve_model("paas").unwrap();
        let iaas = cat.resolve_model("iaas").unwrap();
        let w = who(&cat, Some(os), Some(paas), None);
        assert!(w.single);
        assert!(w.cells[0].duties.customer.is_empty());
        assert!(!w.cells[0].duties.provider.is_empty());
        let w = who(&cat, Some(os), Some(iaas), None);
        assert!(!w.cells[0].duties.customer.is_empty());
        assert!(w.cells[0].duties.provider.is_empty());
    }

    #[test]
    fn owner_filter_answers_row_by_row() {
        let cat = cat();
        let paas = cat.resolve_model("paas").unwrap();
        let w = who(&cat, None, Some(paas), Some(Owner::Customer));
        let ids: Vec<_> = w.cells.iter().map(|c| c.layer).collect();
        // `accounts` is the customer's even though the identity layer is shared under PaaS.
        assert!(ids.contains(&"accounts"), "{ids:?}");
        assert!(!ids.contains(&"identity"), "{ids:?}");
        assert!(!ids.contains(&"os"), "{ids:?}");
        assert!(w.cells.iter().all(|c| c.owner == Owner::Customer));
    }

    #[test]
    fn diff_of_a_model_with_itself_is_empty() {
        let cat = cat();
        let d = diff(&cat, ModelId::new(2), ModelId::new(2), true);
        assert!(d.changes.is_empty());
        assert_eq!(d.unchanged.len(), cat.layers.len());
    }

    #[test]
    fn layer_direction_is_other_when_rows_move_both_ways() {
        let text = "\
sources: [{id: s, title: S}]
models: [{id: a, name: A}, {id: b, name: B}]
layers:
  - id: l
    name: L
    parts:
      - {id: p, name: P, owners: {a: customer, b: provider}, source: s}
      - {id: q, name: Q, owners: {a: provider, b: customer}, source: s}
";
        let cat = parse("t", text).unwrap_or_else(|e| panic!("{e}"));
        let d = diff(&cat, ModelId::new(0), ModelId::new(1), false);
        assert_eq!(d.changes.len(), 1);
        assert_eq!(d.changes[0].from_owner, Owner::Shared);
        assert_eq!(d.changes[0].to_owner, Owner::Shared);
        assert_eq!(d.changes[0].direction, Direction::Other);
        assert_eq!(d.changes[0].parts.len(), 2);
    }
}
