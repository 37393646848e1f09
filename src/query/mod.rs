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

mod checklist;
mod controls;
mod diff;
mod explain;
mod find;
mod lists;
mod matrix;
mod plan;
mod services;
mod who;

use foldhash::HashSet;
use std::hash::Hash;

use schemars::JsonSchema;
use serde::Serialize;

use crate::catalog::{Catalog, Column, Layer, LayerRef, Row, SourceId};

pub use checklist::{Checklist, ChecklistRow, checklist};
pub use controls::{
    Basis, ControlBasisRow, ControlCell, ControlChange, ControlExplain, ControlFilter, ControlRow,
    ControlRowOwners, ControlsDiff, ControlsReport, Origination, control, controls, controls_diff,
    derive as derive_control, inherited,
};
pub use diff::{Change, Diff, Direction, RowChange, diff};
pub use explain::{Explain, Kind, explain, explain_owner};
pub use find::{Find, FindRow, MAX_WORDS, Pointer, PointerKind, STOP_WORDS, Terms, find, terms};
pub use lists::{LayerInfo, Layers, ModelInfo, Models, RowInfo, layers, models};
pub use matrix::{
    ByModel, Matrix, MatrixLayer, MatrixRow, ModelHead, Retained, RetainedRow, matrix, retained,
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

/// Any answer, for the renderers.
#[derive(Debug)]
pub enum Report<'a> {
    Who(Who<'a>),
    Diff(Diff<'a>),
    Retained(Retained<'a>),
    Matrix(Matrix<'a>),
    Layers(Layers<'a>),
    Models(Models<'a>),
    Services(Services<'a>),
    Checklist(Checklist<'a>),
    Explain(Explain<'a>),
    Find(Find<'a>),
    Controls(ControlsReport<'a>),
    Control(ControlExplain<'a>),
    ControlsDiff(ControlsDiff<'a>),
}

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
#[derive(Clone, Debug, Default)]
pub struct Selection {
    pub layers: Vec<LayerRef>,
    pub models: Vec<Column>,
    pub scope: Scope,
}

impl Selection {
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
            (0..cat.layers().len()).map(LayerRef::Layer).collect()
        } else {
            self.layers.clone()
        }
    }

    /// Whether the scope keeps a layer or part.
    pub(crate) fn in_scope(&self, cat: &Catalog<'_>, r: LayerRef) -> bool {
        let l = match r {
            LayerRef::Layer(l) | LayerRef::Part(l, _) => l,
        };
        self.scope.covers(&cat.layers()[l])
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
                LayerRef::Part(l, i) => {
                    parts.insert((l, i));
                }
            }
        }
        let parent_layers = parts.iter().map(|&(l, _)| l).collect();
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
    layers: HashSet<usize>,
    parts: HashSet<(usize, usize)>,
    /// The layers of the named parts.
    parent_layers: HashSet<usize>,
}

impl Covered {
    /// Whether layer `l` is covered: named itself or through a part, or in scope when nothing
    /// was named.
    pub(crate) fn layer(&self, cat: &Catalog<'_>, l: usize) -> bool {
        self.in_scope(cat, l) && self.selects_layer(l)
    }

    /// Whether row `r` of layer `l` is covered.
    pub(crate) fn row(&self, cat: &Catalog<'_>, l: usize, r: usize) -> bool {
        self.in_scope(cat, l) && self.selects_row(l, r)
    }

    /// Whether the scope keeps layer `l` (and so its rows).
    pub(crate) fn in_scope(&self, cat: &Catalog<'_>, l: usize) -> bool {
        self.scope.covers(&cat.layers()[l])
    }

    /// Whether layer `l` was asked for, whatever the scope: what the scope leaves out of an
    /// answer is what this selects and [`Covered::in_scope`] does not keep.
    pub(crate) fn selects_layer(&self, l: usize) -> bool {
        self.any || self.layers.contains(&l) || self.parent_layers.contains(&l)
    }

    /// Whether row `r` of layer `l` was asked for, whatever the scope.
    pub(crate) fn selects_row(&self, l: usize, r: usize) -> bool {
        self.any || self.layers.contains(&l) || self.parts.contains(&(l, r))
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
            Some(service) => cited.extend([service.source(), row.source]),
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
/// own, and a part, are one row. Each comes with its layer and its index there.
pub(crate) fn row_refs(cat: &Catalog<'_>, r: LayerRef) -> Vec<(usize, usize)> {
    match r {
        LayerRef::Part(l, i) => vec![(l, i)],
        LayerRef::Layer(l) => (0..cat.layers()[l].rows().len()).map(|i| (l, i)).collect(),
    }
}
