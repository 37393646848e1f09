//! `srm matrix` (the whole grid) and `srm retained` (what the customer keeps everywhere).

use schemars::JsonSchema;
use serde::Serialize;
use serde::ser::SerializeMap;

use super::{Listing, Scope, Selection, SideDuties, SourceRef, source_ref, sources};
use std::borrow::Cow;

use crate::catalog::{Catalog, Column, Derived, Owner, Row};

/// Owners keyed by column ([`ModelHead::key`]: a model's id, a service's, or
/// `SERVICE:VARIANT`), serialised as a JSON object in the order asked: a row's [`Owner`]s, or a
/// layer's [`Derived`] ones. The keys are the answer's, shared by all its rows (`Columns`),
/// so a row holds its owners and one pointer; up to 22 owners are held in place, more
/// on the heap.
#[derive(Debug)]
pub struct ByModel<'a, O = Derived> {
    keys: Columns<'a>,
    owners: Slots<O>,
}

/// How many owners a [`ByModel`] holds without an allocation of its own: as many as fit in the
/// room a boxed list takes with its tag (24 bytes).
/// (`ByModel`'s doc gives this number.)
const FEW: usize = 22;
const _: () = assert!(std::mem::size_of::<Slots<Owner>>() == 24 && FEW <= u8::MAX as usize);

/// A [`ByModel`]'s owners: up to [`FEW`] in place (the count, then the owners), or boxed.
#[derive(Debug)]
enum Slots<O> {
    Few(u8, [O; FEW]),
    Many(Box<[O]>),
}

impl<O: Copy> Slots<O> {
    /// `f` of each of `models`, in order.
    fn of(models: &[Column], f: impl Fn(Column) -> O) -> Slots<O> {
        match models.split_first() {
            Some((&first, rest)) if models.len() <= FEW => {
                let mut owners = [f(first); FEW];
                for (slot, &m) in owners[1..].iter_mut().zip(rest) {
                    *slot = f(m);
                }
                // At most FEW, so it fits a u8.
                Slots::Few(models.len() as u8, owners)
            }
            _ => Slots::Many(models.iter().map(|&m| f(m)).collect()),
        }
    }

    fn as_slice(&self) -> &[O] {
        match self {
            Slots::Few(len, owners) => &owners[..usize::from(*len)],
            Slots::Many(owners) => owners,
        }
    }
}

/// The keys of an answer's columns, made once and shared by its rows.
pub type Columns<'a> = std::rc::Rc<[Cow<'a, str>]>;

/// The keys of `models`, as [`ByModel`] keys its owners.
pub(crate) fn columns<'a>(cat: &'a Catalog<'_>, models: &[Column]) -> Columns<'a> {
    models.iter().map(|&m| cat.column_key(m)).collect()
}

/// What a [`ByModel`] can hold, and the name its JSON Schema goes by.
pub trait Held: Copy + Into<Derived> + Serialize + JsonSchema {
    const SCHEMA: &'static str;
}

impl Held for Derived {
    const SCHEMA: &'static str = "ByModel";
}

impl Held for Owner {
    const SCHEMA: &'static str = "RowOwnersByModel";
}

impl<O: Held> Serialize for ByModel<'_, O> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let owners = self.owners.as_slice();
        let mut map = serializer.serialize_map(Some(owners.len()))?;
        for (k, v) in self.keys.iter().zip(owners) {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<O: Held> JsonSchema for ByModel<'_, O> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        O::SCHEMA.into()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <std::collections::BTreeMap<String, O>>::json_schema(generator)
    }
}

impl<'a, O: Held> ByModel<'a, O> {
    /// The owners in column order, as cells show them.
    pub fn owners(&self) -> impl Iterator<Item = Derived> + '_ {
        self.owners.as_slice().iter().map(|&o| o.into())
    }

    /// The columns' keys, in order.
    pub fn keys(&self) -> &[Cow<'a, str>] {
        &self.keys
    }

    /// Each column's key with its owner, as cells show it.
    pub fn cells(&self) -> Vec<(&str, Derived)> {
        self.keys.iter().map(|k| &**k).zip(self.owners()).collect()
    }

    /// The owner `f` gives under each of `models`, keyed by `keys` (their [`columns`]).
    pub(crate) fn of(keys: &Columns<'a>, models: &[Column], f: impl Fn(Column) -> O) -> Self {
        ByModel {
            keys: keys.clone(),
            owners: Slots::of(models, f),
        }
    }
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ModelHead<'a> {
    /// What the rows' `owners` are keyed by: the model's id, the service's, or
    /// `SERVICE:VARIANT` for a variant named on the command line.
    pub key: Cow<'a, str>,
    /// The model's id, or the service's.
    pub id: &'a str,
    pub name: &'a str,
    /// The service's variant (null for a model, and for a service without variants).
    pub variant: Option<&'a str>,
    /// A service's base model, or the model itself.
    pub base_model: &'a str,
}

/// A part under every model.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MatrixRow<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub name: &'a str,
    pub owners: ByModel<'a, Owner>,
    /// The customer owns this row under every model.
    pub retained: bool,
}

/// A layer under every model.
#[derive(Debug, Serialize, JsonSchema)]
pub struct MatrixLayer<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// Derived from the parts where the layer has them (`split` where they differ).
    pub owners: ByModel<'a>,
    pub retained: bool,
    /// The layer's parts (empty for a layer with a row of its own).
    pub rows: Vec<MatrixRow<'a>>,
}

/// The answer to `srm matrix`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Matrix<'a> {
    /// The layers the answer covers.
    pub scope: Scope,
    /// How many layers the scope left out.
    pub left_out: usize,
    pub models: Vec<ModelHead<'a>>,
    pub layers: Listing<'a, MatrixLayer<'a>>,
    /// The sources the matrix rests on: those of the rows shown, and of the services shown
    /// (each one's base-model source and its overrides').
    pub sources: Vec<SourceRef<'a>>,
}

pub fn matrix<'a>(cat: &'a Catalog<'_>, selection: &Selection) -> Matrix<'a> {
    let covered = selection.covered();
    let models = selection.models(cat);
    let keys = columns(cat, &models);
    Matrix {
        scope: selection.scope(),
        left_out: cat
            .layer_ids()
            .filter(|&(l, _)| covered.selects_layer(l) && !covered.in_scope(cat, l))
            .count(),
        models: models
            .iter()
            .map(|&m| {
                let head = cat.head(m);
                ModelHead {
                    key: cat.column_key(m),
                    id: head.id,
                    name: head.name,
                    variant: head.variant,
                    base_model: head.base_model,
                }
            })
            .collect(),
        layers: {
            let shared = std::rc::Rc::new((keys, models.clone(), covered));
            Listing::new(move || {
                let shared = shared.clone();
                cat.layer_ids().filter_map(move |(l, layer)| {
                    let (keys, models, covered) = &*shared;
                    covered.layer(cat, l).then(|| MatrixLayer {
                        id: layer.id(),
                        name: layer.name(),
                        owners: ByModel::of(keys, models, |m| cat.layer_owner(layer, m)),
                        retained: layer.rows().iter().all(Row::always_customer),
                        rows: super::sized(
                            layer.parts().len(),
                            cat.part_ids(l).filter(|&(id, _)| covered.row(cat, id)).map(
                                |(_, p)| MatrixRow {
                                    id: p.id(),
                                    layer: layer.id(),
                                    name: p.name(),
                                    owners: ByModel::of(keys, models, |m| cat.owner(p, m)),
                                    retained: p.always_customer(),
                                },
                            ),
                        ),
                    })
                })
            })
        },
        sources: cited(cat, &models, selection),
    }
}

/// The sources of the rows a selection covers, then of the service columns in it.
fn cited<'a>(cat: &'a Catalog<'_>, models: &[Column], selection: &Selection) -> Vec<SourceRef<'a>> {
    let covered = selection.covered();
    let mut cited = super::Distinct::default();
    for (l, _) in cat.layer_ids() {
        for (id, row) in cat.row_ids(l) {
            if covered.row(cat, id) {
                cited.extend(row.sources());
            }
        }
    }
    for &m in models {
        if let Some((service, variant)) = cat.service_of(m) {
            cited.extend([service.source()]);
            cited.extend(service.overrides().iter().map(|o| o.source()));
            cited.extend(
                variant
                    .into_iter()
                    .flat_map(|v| v.overrides().iter().map(|o| o.source())),
            );
        }
    }
    cited
        .items
        .into_iter()
        .map(|i| source_ref(cat, i))
        .collect()
}

/// A row the customer owns under every model.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RetainedRow<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub layer_name: &'a str,
    pub name: &'a str,
    pub duties: SideDuties<'a>,
    /// The sources that state it.
    pub sources: Vec<SourceRef<'a>>,
}

/// The answer to `srm retained`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Retained<'a> {
    /// The layers the answer covers.
    pub scope: Scope,
    /// How many rows the customer owns under every model that the scope left out.
    pub left_out: usize,
    pub rows: Vec<RetainedRow<'a>>,
}

/// `retained`: the rows the customer owns under every model, with the customer's duties and
/// the sources that state it.
pub fn retained<'a>(cat: &'a Catalog<'_>, selection: &Selection) -> Retained<'a> {
    let covered = selection.covered();
    let mut rows = Vec::new();
    let mut left_out = 0;
    for (l, layer) in cat.layer_ids() {
        for (id, row) in cat.row_ids(l) {
            if !row.always_customer() || !covered.selects_row(id) {
                continue;
            }
            if !covered.in_scope(cat, l) {
                left_out += 1;
                continue;
            }
            let one = std::slice::from_ref(row);
            rows.push(RetainedRow {
                id: row.id(),
                layer: layer.id(),
                layer_name: layer.name(),
                name: row.name(),
                duties: SideDuties {
                    customer: row.customer_duties().iter().map(|d| &**d).collect(),
                    provider: Vec::new(),
                },
                sources: sources(cat, one),
            });
        }
    }
    Retained {
        scope: selection.scope(),
        left_out,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{EMBEDDED, parse_kept as parse};

    #[test]
    fn owners_are_kept_in_order_in_place_or_boxed() {
        let cat = parse("embedded", EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
        let row = &cat.layers()[0].rows()[0];
        let all: Vec<Column> = cat.model_ids().map(Column::Model).collect();
        for n in [0, 1, FEW - 1, FEW, FEW + 1, 3 * FEW] {
            let models: Vec<Column> = all.iter().copied().cycle().take(n).collect();
            let keys = columns(&cat, &models);
            let owners = ByModel::of(&keys, &models, |m| cat.owner(row, m));
            let expected: Vec<Derived> = models.iter().map(|&m| cat.owner(row, m).into()).collect();
            assert_eq!(owners.owners().collect::<Vec<_>>(), expected, "{n} columns");
            assert_eq!(
                matches!(owners.owners, Slots::Few(..)),
                (1..=FEW).contains(&n)
            );
        }
    }
}
