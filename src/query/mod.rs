//! Questions asked of a [`Catalog`], answered as plain data.
//!
//! Every function here reads the catalogue and returns a result struct that borrows from it;
//! nothing here prints or decides how anything looks. The structs are the JSON contract
//! (`format_version` 2): they serialise as they are (renderers add only the envelope), their
//! JSON Schemas are derived from them (`srm schema`), and the table, CSV and Markdown
//! renderers read the same fields, so no two outputs can disagree.
//!
//! One vocabulary throughout: an object that stands for a row of the matrix (a layer's own
//! row, or a part) has `id` (the row), `layer` (the layer it is in; for a layer's own row, the
//! layer itself) and `name`; lists of them are called `rows`; layer × model answers are
//! `cells`; what diff finds is `changes`.

mod basis;
mod checklist;
mod controls;
mod diff;
mod explain;
mod find;
mod listing;
mod lists;
mod matrix;
mod plan;
mod services;
mod who;

use foldhash::HashSet;
use std::hash::Hash;

use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::{Catalog, Column, Layer, LayerId, LayerRef, Row, RowId, SourceId};

pub use basis::{BasisRows, Duties, RowSources};
pub use checklist::{Checklist, ChecklistRow, checklist};
pub use controls::{
    Basis, ControlBasisRow, ControlCell, ControlChange, ControlExplain, ControlFilter, ControlRow,
    ControlRowOwners, ControlsDiff, ControlsReport, Origination, control, controls, controls_diff,
    derive as derive_control, inherited,
};
pub use diff::{Change, Diff, Direction, RowChange, diff};
pub use explain::{Explain, Kind, explain, explain_owner};
pub use find::{Find, FindRow, MAX_WORDS, Pointer, PointerKind, STOP_WORDS, Terms, find, terms};
pub use listing::Listing;
pub use lists::{LayerInfo, Layers, ModelInfo, Models, RowInfo, layers, models};
pub use matrix::{
    ByModel, Held, Matrix, MatrixLayer, MatrixRow, ModelHead, Retained, RetainedRow, matrix,
    retained,
};
pub use plan::{
    Classified, DutyRef, MAX_ADDRESSES, MergeError, Plan, PlanDuty, PlanInput, PlanResource,
    PlanService, PlanSupporting, Planner, Previous, ResourceChange, RowMove, RowOwner, Totals,
    TypeCount, merge,
};
pub use services::{
    FieldInfo, InventoryInfo, OverrideInfo, ServiceInfo, Services, VariantInfo, WhenInfo,
    providers, services,
};
pub use who::{Cell, RowCell, Who, who};

/// Which layers a question covers: the classic stack (the default: the textbook answer), the
/// AI layers, or both. Every answer that takes a scope says which it used (`scope`) and how
/// much it left out (`left_out`), so that a reader knows when there is more.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Scope {
    #[default]
    Classic,
    Ai,
    All,
}

impl Scope {
    pub fn covers(self, layer: &Layer<'_>) -> bool {
        match self {
            Scope::All => true,
            Scope::Ai => layer.is_ai(),
            Scope::Classic => !layer.is_ai(),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Classic => "classic",
            Scope::Ai => "ai",
            Scope::All => "all",
        }
    }
}

/// What a question is narrowed to. Empty lists mean "all".
///
/// One meaning for every answer, held by [`Selection::new`]: a selection is a set. A layer,
/// part or column named twice (by its id, an alias or its name) is asked once, where it was
/// first named; a part named beside its own layer is covered by the layer. Each answer then
/// lists what the selection covers in its own order: `who` as named, the matrix, `diff`,
/// `checklist` and the others in the catalogue's order.
#[derive(Clone, Debug, Default)]
pub struct Selection {
    layers: Vec<LayerRef>,
    models: Vec<Column>,
    scope: Scope,
}

impl Selection {
    /// The layers and parts in `layers` (all when empty) under the columns in `models` (every
    /// model when empty), within `scope`.
    pub fn new(layers: Vec<LayerRef>, models: Vec<Column>, scope: Scope) -> Selection {
        let mut seen = HashSet::default();
        let mut layers: Vec<LayerRef> = layers.into_iter().filter(|l| seen.insert(*l)).collect();
        let whole: HashSet<LayerId> = layers
            .iter()
            .filter_map(|r| match r {
                LayerRef::Layer(l) => Some(*l),
                LayerRef::Part(_) => None,
            })
            .collect();
        layers.retain(|r| match r {
            LayerRef::Layer(_) => true,
            LayerRef::Part(p) => !whole.contains(&p.layer()),
        });
        let mut seen = HashSet::default();
        let models = models.into_iter().filter(|m| seen.insert(*m)).collect();
        Selection {
            layers,
            models,
            scope,
        }
    }

    /// Every layer in `scope` under every model.
    pub fn all(scope: Scope) -> Selection {
        Selection::new(Vec::new(), Vec::new(), scope)
    }

    /// Every layer in `scope` under the columns in `models`.
    pub fn columns(models: Vec<Column>, scope: Scope) -> Selection {
        Selection::new(Vec::new(), models, scope)
    }

    /// The layers and parts named (empty: all).
    pub fn layers(&self) -> &[LayerRef] {
        &self.layers
    }

    /// The columns named (empty: every model).
    pub fn named_models(&self) -> &[Column] {
        &self.models
    }

    pub fn scope(&self) -> Scope {
        self.scope
    }

    /// The models asked for, in catalogue order when none was named.
    pub(crate) fn models(&self, cat: &Catalog<'_>) -> Vec<Column> {
        if self.models.is_empty() {
            cat.model_columns().collect()
        } else {
            self.models.clone()
        }
    }

    /// The layers and parts asked for, whatever the scope: every layer when none was named.
    /// [`Selection::in_scope`] says which of them the scope keeps.
    pub(crate) fn named_or_all(&self, cat: &Catalog<'_>) -> Vec<LayerRef> {
        if self.layers.is_empty() {
            cat.layer_ids().map(|(l, _)| LayerRef::Layer(l)).collect()
        } else {
            self.layers.clone()
        }
    }

    /// Whether the scope keeps a layer or part.
    pub(crate) fn in_scope(&self, cat: &Catalog<'_>, r: LayerRef) -> bool {
        self.scope.covers(cat.layer(r.layer()))
    }

    /// What the selection covers, indexed once, so that asking row after row costs a lookup
    /// each however many layers and parts were named.
    pub(crate) fn covered(&self) -> Covered {
        let mut layers = HashSet::default();
        let mut parts = HashSet::default();
        for r in &self.layers {
            match *r {
                LayerRef::Layer(l) => {
                    layers.insert(l);
                }
                LayerRef::Part(row) => {
                    parts.insert(row);
                }
            }
        }
        let parent_layers = parts.iter().map(|row| row.layer()).collect();
        Covered {
            scope: self.scope,
            any: self.layers.is_empty(),
            layers,
            parts,
            parent_layers,
        }
    }
}

/// A [`Selection`], indexed: whether it covers a layer or a row.
pub(crate) struct Covered {
    scope: Scope,
    /// Nothing was named: everything in scope is covered.
    any: bool,
    layers: HashSet<LayerId>,
    parts: HashSet<RowId>,
    /// The layers of the named parts.
    parent_layers: HashSet<LayerId>,
}

impl Covered {
    /// Whether layer `l` is covered: named itself or through a part, or in scope when nothing
    /// was named.
    pub(crate) fn layer(&self, cat: &Catalog<'_>, l: LayerId) -> bool {
        self.in_scope(cat, l) && self.selects_layer(l)
    }

    /// Whether row `r` is covered.
    pub(crate) fn row(&self, cat: &Catalog<'_>, r: RowId) -> bool {
        self.in_scope(cat, r.layer()) && self.selects_row(r)
    }

    /// Whether the scope keeps layer `l` (and so its rows).
    pub(crate) fn in_scope(&self, cat: &Catalog<'_>, l: LayerId) -> bool {
        self.scope.covers(cat.layer(l))
    }

    /// Whether layer `l` was asked for, whatever the scope: what the scope leaves out of an
    /// answer is what this selects and [`Covered::in_scope`] does not keep.
    pub(crate) fn selects_layer(&self, l: LayerId) -> bool {
        self.any || self.layers.contains(&l) || self.parent_layers.contains(&l)
    }

    /// Whether row `r` was asked for, whatever the scope.
    pub(crate) fn selects_row(&self, r: RowId) -> bool {
        self.any || self.layers.contains(&r.layer()) || self.parts.contains(&r)
    }
}

/// A cited source.
#[derive(Debug, Serialize, JsonSchema)]
pub struct SourceRef<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub url: Option<&'a str>,
}

/// What each side does, for the rows an answer covers.
#[derive(Debug, Default, Serialize, JsonSchema)]
pub struct SideDuties<'a> {
    pub customer: Vec<&'a str>,
    pub provider: Vec<&'a str>,
}

/// The duties of `rows`, in row order without repeats; `sides` says, for each row, whether its
/// customer and its provider duties count.
pub(crate) fn all_duties<'a>(
    rows: &'a [Row<'_>],
    sides: impl Fn(&Row<'_>) -> (bool, bool),
) -> SideDuties<'a> {
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
    SideDuties {
        customer: customer.items,
        provider: provider.items,
    }
}

/// The customer's duties on `row` under column `m`: the row's own when the customer holds
/// part of it; then its caveats under the base model (what the model still leaves the
/// customer, whoever holds the row), unless a service speaks of the row itself, whose own
/// duties take their place (the more exact word on what stays yours).
pub(crate) fn customer_duties<'a>(
    cat: &'a Catalog<'_>,
    row: &'a Row<'_>,
    m: Column,
) -> impl Iterator<Item = &'a str> + 'a {
    let owner = cat.owner(row, m);
    let own = if owner.involves_customer() {
        row.customer_duties()
    } else {
        &[]
    };
    let extra = match cat.override_of(row, m) {
        Some(o) => o.duties(),
        None => row.caveats(cat.base_model(m)),
    };
    own.iter().chain(extra).map(|d| &**d)
}

/// [`all_duties`] under a column: the customer's side by [`customer_duties`], the provider's
/// where `sides` says it counts.
pub(crate) fn column_duties<'a>(
    cat: &'a Catalog<'_>,
    rows: &'a [Row<'_>],
    m: Column,
    sides: impl Fn(&Row<'_>) -> (bool, bool),
) -> SideDuties<'a> {
    let mut customer = Distinct::default();
    let mut provider = Distinct::default();
    for row in rows {
        let (_, p) = sides(row);
        customer.extend(customer_duties(cat, row, m));
        if p {
            provider.extend(row.provider_duties().iter().map(|d| &**d));
        }
    }
    SideDuties {
        customer: customer.items,
        provider: provider.items,
    }
}

/// The sources of `rows` under a column: a service's overrides' first, then its base-model
/// source for the rows it does not override, then the rows' own.
pub(crate) fn column_sources<'a, 'r, 't: 'r>(
    cat: &'a Catalog<'_>,
    rows: impl Iterator<Item = &'r Row<'t>> + Clone,
    m: Column,
) -> Vec<SourceRef<'a>> {
    column_source_ids(cat, rows, m)
        .into_iter()
        .map(|i| source_ref(cat, i))
        .collect()
}

/// [`column_sources`], as the catalogue's source ids.
pub(crate) fn column_source_ids<'r, 't: 'r>(
    cat: &Catalog<'_>,
    rows: impl Iterator<Item = &'r Row<'t>> + Clone,
    m: Column,
) -> Vec<SourceId> {
    let mut cited = Distinct::default();
    let service = cat.service_of(m).map(|(s, _)| s);
    // An override rests on its own source; a row the service leaves to its base model rests
    // on the service's base-model source and on the row's.
    for row in rows.clone() {
        if let Some(o) = cat.override_of(row, m) {
            cited.extend([o.source()]);
        }
    }
    for row in rows {
        if cat.override_of(row, m).is_some() {
            continue;
        }
        match service {
            // The service's base-model choice, and the row's own source for the base model's
            // owner (not its further reading, which speaks of other services).
            Some(service) => cited.extend([service.source(), row.source()]),
            None => cited.extend(row.sources()),
        }
    }
    cited.items
}

/// Items in first-seen order without repeats. Short lists are checked by scanning them; past
/// [`Distinct::SCAN`] items a set takes over, so each check stays constant-time and merging
/// stays linear however long the lists, without paying for a set in the usual small case.
pub(crate) struct Distinct<T> {
    pub(crate) items: Vec<T>,
    seen: Option<HashSet<T>>,
}

impl<T> Default for Distinct<T> {
    fn default() -> Self {
        Distinct {
            items: Vec::new(),
            seen: None,
        }
    }
}

impl<T: Copy + Eq + Hash> Distinct<T> {
    const SCAN: usize = 16;

    pub(crate) fn with_capacity(capacity: usize) -> Self {
        Distinct {
            items: Vec::with_capacity(capacity),
            seen: None,
        }
    }

    pub(crate) fn extend(&mut self, items: impl IntoIterator<Item = T>) {
        for item in items {
            let new = match &mut self.seen {
                Some(seen) => seen.insert(item),
                None if self.items.len() < Self::SCAN => !self.items.contains(&item),
                None => {
                    let mut seen: HashSet<T> = self.items.iter().copied().collect();
                    let new = seen.insert(item);
                    self.seen = Some(seen);
                    new
                }
            };
            if new {
                self.items.push(item);
            }
        }
    }
}

/// `items` in a list with room for `room` of them at once. A list collected from a filter
/// starts with room for four whatever it will hold; a layer's rows, two in a usual layer,
/// would keep as much room unused as they fill (5 MB in a 100k-row `diff`).
pub(crate) fn sized<T>(room: usize, items: impl Iterator<Item = T>) -> Vec<T> {
    let mut list = Vec::with_capacity(room);
    list.extend(items);
    list
}

/// The sources cited by `rows`: each row's main source first, then its others, without repeats.
pub(crate) fn sources<'a>(cat: &'a Catalog<'_>, rows: &[Row<'_>]) -> Vec<SourceRef<'a>> {
    let mut cited = Distinct::default();
    cited.extend(rows.iter().flat_map(Row::sources));
    cited
        .items
        .into_iter()
        .map(|i| source_ref(cat, i))
        .collect()
}

pub(crate) fn source_ref<'a>(cat: &'a Catalog<'_>, i: SourceId) -> SourceRef<'a> {
    let s = cat.source(i);
    SourceRef {
        id: s.id(),
        title: s.title(),
        url: s.url(),
    }
}

/// The rows a reference stands for: a layer of parts is its parts; a layer with a row of its
/// own, and a part, are one row.
pub(crate) fn row_refs(cat: &Catalog<'_>, r: LayerRef) -> Vec<RowId> {
    match r {
        LayerRef::Part(row) => vec![row],
        LayerRef::Layer(l) => cat.row_ids(l).map(|(row, _)| row).collect(),
    }
}
