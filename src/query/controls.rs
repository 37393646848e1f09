//! Controls: the matrix at the level auditors work (the principles behind the mapping are in
//! data/CONTROLS.md). A control's owner under a model follows from the rows it bears on:
//!
//! - `provider` (a FedRAMP CRM's "Can Be Inherited from CSP: Yes") if every such row that does
//!   not depend on the AI model is the provider's;
//! - `customer` ("No") if every one is the customer's;
//! - `shared` ("Partial") if they differ;
//! - `depends` ("Partial", with the row's note) only when every row depends on the model.
//!
//! A control's own entries come first: the rows in the scope that list it, else the
//! catalogue's `organisational` list (the customer's own: `organisational`); a control listed
//! only by rows the scope leaves out says nothing in this scope. An enhancement with no entry
//! of its own follows its base control the same way. What nothing speaks of is `unmapped`,
//! never the customer's by omission.

use std::ops::Range;
use std::rc::Rc;

use foldhash::HashMap;
use schemars::JsonSchema;
use serde::Serialize;

pub(crate) use super::basis::Listing;
use super::basis::{BasisRows, Duties, Listings, RowSources, SourceSet, row_source_ids};
use super::{Distinct, Scope};
use crate::catalog::{Catalog, Column, ControlLink, Derived, Owner};
use crate::controls::{Control, Controls};

/// Why a control has its owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Rows of the matrix in the scope list the control.
    Rows,
    /// An enhancement with no entry of its own: it follows its base control's rows.
    BaseControl,
    /// On the catalogue's `organisational` list (itself, or through its base control): each
    /// organisation meets it itself, so it is the customer's.
    Organisational,
    /// Nothing in the scope speaks of it: no row in the scope lists it (or its base control),
    /// nor the `organisational` list, or the catalogue maps no control at all.
    Unmapped,
}

/// A row a control bears on, and why.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ControlBasisRow<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub name: &'a str,
    pub owner: Owner,
    pub note: Option<&'a str>,
    pub why: &'a str,
    /// The principle of data/CONTROLS.md the mapping applies, when the catalogue says.
    pub principle: Option<u8>,
    /// The ids of the sources the row's owner under the model rests on (the report's
    /// `sources` has their titles and addresses).
    #[schemars(with = "Vec<&'a str>")]
    pub sources: RowSources<'a>,
}

/// One control under one model.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ControlRow<'a> {
    /// The OSCAL id: `ac-2.7`.
    pub id: &'a str,
    /// As people write it: `AC-2(7)`.
    pub label: &'a str,
    pub family: &'a str,
    pub title: &'a str,
    pub owner: Derived,
    /// The FedRAMP CRM answer: `Yes` (provider), `Partial` (shared, depends) or `No` (customer).
    pub can_be_inherited: &'static str,
    pub basis: Basis,
    /// The base control whose rows (or `organisational` entry) an enhancement follows.
    pub base: Option<&'a str>,
    /// For an organisational control: why each organisation meets it itself.
    pub why: Option<&'a str>,
    /// For an organisational control: the principle of data/CONTROLS.md its entry applies.
    pub principle: Option<u8>,
    /// The rows behind the owner.
    #[schemars(with = "Vec<ControlBasisRow<'a>>")]
    pub rows: BasisRows<'a>,
    /// What the provider covers: the provider duties of the rows it holds or shares.
    #[schemars(with = "Vec<&'a str>")]
    pub provider_covers: Duties<'a>,
    /// What the customer must do: the customer duties of the rows it holds or shares.
    #[schemars(with = "Vec<&'a str>")]
    pub customer_does: Duties<'a>,
    /// FedRAMP's control origination (data/CONTROLS.md): empty for an unmapped control.
    pub control_origination: &'static [Origination],
}

/// FedRAMP's control origination: who the control's implementation comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Origination {
    /// The provider's corporate programme (and, for an organisational control, each
    /// organisation's own).
    SpCorporate,
    /// The provider's system.
    SpSystem,
    /// The customer, configuring what the provider offers.
    CustomerConfigured,
    /// The customer, on its own.
    CustomerProvided,
}

impl Origination {
    /// FedRAMP's value, as OSCAL's `control-origination` property writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Origination::SpCorporate => "sp-corporate",
            Origination::SpSystem => "sp-system",
            Origination::CustomerConfigured => "customer-configured",
            Origination::CustomerProvided => "customer-provided",
        }
    }

    /// The origination of `control` with `owner`, on `basis`. A `-1` control (policy and
    /// procedures) is only ever the provider's corporate or system one, as FedRAMP has it.
    /// The customer configures what the provider offers where a row behind the control has
    /// provider duties (and the entry is not the customer's half of a shared row) and the
    /// column has a provider at all (`has_provider`); else it provides the control on its own.
    fn of(
        control: &Control,
        owner: Derived,
        basis: Basis,
        rows: &[Listing<'_, '_>],
        has_provider: bool,
    ) -> &'static [Origination] {
        use Origination::*;
        let policy = control.parent().is_none() && control.id().ends_with("-1");
        match (basis, owner) {
            (Basis::Unmapped, _) | (_, Derived::Unmapped) => &[],
            (Basis::Organisational, _) => &[SpCorporate],
            (_, Derived::Provider) => &[SpSystem],
            (_, Derived::Shared | Derived::Depends | Derived::Split) if policy => &[SpSystem],
            (_, Derived::Shared | Derived::Depends | Derived::Split) => {
                &[SpSystem, CustomerConfigured]
            }
            (_, Derived::Customer) if policy => &[SpCorporate],
            (_, Derived::Customer) => {
                // A row offers something of the provider's to configure where it has
                // provider duties, unless the entry concerns the customer's half of it only
                // (the application's code).
                let offered = has_provider
                    && rows.iter().any(|(_, row, link)| {
                        !row.provider_duties().is_empty() && !link.customer_half()
                    });
                if offered {
                    &[CustomerConfigured]
                } else {
                    &[CustomerProvided]
                }
            }
        }
    }
}

/// The answer to `srm controls`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ControlsReport<'a> {
    /// The model's id, or the service's.
    pub model: &'a str,
    pub model_name: &'a str,
    /// The service's variant (null for a model, and for a service without variants).
    pub variant: Option<&'a str>,
    /// A service's base model, or the model itself.
    pub base_model: &'a str,
    /// The baseline the list is drawn from; `null` for every control srm knows.
    pub baseline: Option<&'a str>,
    /// Whether the catalogue maps any control to its rows; when it maps none, every control is
    /// `unmapped`.
    pub catalog_maps_controls: bool,
    /// The layers whose rows the owners are derived from.
    pub scope: Scope,
    /// How many rows that bear on the controls listed the scope left out.
    pub left_out: usize,
    pub controls: Vec<ControlRow<'a>>,
    /// Every source the rows behind the controls listed cite, in first-cited order.
    pub sources: Vec<super::SourceRef<'a>>,
}

/// What narrows `srm controls`.
#[derive(Clone, Debug, Default)]
pub struct ControlFilter {
    pub baseline: Option<crate::controls::Baseline>,
    /// Family ids (`ac`), lowercase.
    pub families: Vec<String>,
    pub owners: Vec<Derived>,
}

/// The rows of the catalogue that list each control: those in the scope, and apart from them
/// those it leaves out; and the controls each organisation meets itself. The rows are kept in
/// one list, each control's together (those in the scope first), which the answer shares.
pub(crate) struct ControlMap<'c, 't> {
    /// Each control id the catalogue names, with the place of what names it in `mappings`:
    /// one lookup an id.
    ids: HashMap<&'c str, u32>,
    mappings: Vec<Mapping<'c, 't>>,
    listings: Rc<[Listing<'c, 't>]>,
    /// Whether any row of the catalogue, in any scope, maps a control.
    mapped: bool,
}

/// What the catalogue says of one control id: where its rows are in the map's list.
#[derive(Default)]
struct Mapping<'c, 't> {
    /// The rows in the scope that list it.
    rows: Range<u32>,
    /// The rows out of the scope that list it.
    others: Range<u32>,
    /// Its `organisational` entry.
    organisational: Option<&'c ControlLink<'t>>,
}

impl Mapping<'_, '_> {
    /// The range of its rows in the scope (`covered`) or out of it.
    fn place(&mut self, covered: bool) -> &mut Range<u32> {
        if covered {
            &mut self.rows
        } else {
            &mut self.others
        }
    }

    /// Whether a row lists it, in the scope or out of it.
    fn listed(&self) -> bool {
        !self.rows.is_empty() || !self.others.is_empty()
    }
}

/// What a control's answer rests on.
pub(crate) struct Behind<'m, 'c, 't> {
    pub(crate) basis: Basis,
    /// The base control an enhancement follows.
    pub(crate) base: Option<&'c str>,
    /// The rows (for `Rows` and `BaseControl`).
    pub(crate) rows: &'m [Listing<'c, 't>],
    /// Where `rows` are in the map's list.
    at: Range<u32>,
    /// The `organisational` entry (for `Organisational`).
    pub(crate) organisational: Option<&'c ControlLink<'t>>,
}

/// Whether any row of the catalogue maps a control: a catalogue that maps none says nothing
/// of any control, and its controls are `unmapped`, not the customer's.
pub fn maps_controls(cat: &Catalog<'_>) -> bool {
    cat.organisational().iter().any(|c| !c.ids().is_empty())
        || cat.layers().iter().any(|l| {
            l.rows()
                .iter()
                .any(|r| r.controls().iter().any(|c| !c.ids().is_empty()))
        })
}

impl<'c, 't> ControlMap<'c, 't> {
    pub(crate) fn new(cat: &'c Catalog<'t>, scope: Scope) -> ControlMap<'c, 't> {
        let named: usize = cat
            .layers()
            .iter()
            .flat_map(|l| l.rows())
            .flat_map(|r| r.controls())
            .map(|c| c.ids().len())
            .sum();
        // Each listing with the control it names, in the catalogue's order, counted per
        // control; then placed, each control's together: no list per control.
        let mut ids: HashMap<&str, u32> = HashMap::default();
        ids.reserve(named + cat.organisational().len());
        let mut mappings: Vec<Mapping> = Vec::new();
        let mut found: Vec<(usize, bool, Listing)> = Vec::with_capacity(named);
        for layer in cat.layers() {
            let covered = scope.covers(layer);
            for row in layer.rows() {
                for link in row.controls() {
                    for id in link.ids() {
                        let k = mapping_of(&mut ids, &mut mappings, id.as_str());
                        // Counted here; each control's range is set below.
                        if let Some(mapping) = mappings.get_mut(k) {
                            mapping.place(covered).end += 1;
                        }
                        found.push((k, covered, (layer, row, link)));
                    }
                }
            }
        }
        for link in cat.organisational() {
            for id in link.ids() {
                let k = mapping_of(&mut ids, &mut mappings, id.as_str());
                if let Some(mapping) = mappings.get_mut(k) {
                    mapping.organisational.get_or_insert(link);
                }
            }
        }
        // Each control's range set, then each listing placed in it.
        let mut next = 0u32;
        for mapping in &mut mappings {
            let (rows, others) = (mapping.rows.end, mapping.others.end);
            mapping.rows = next..next;
            mapping.others = next + rows..next + rows;
            next += rows + others;
        }
        let mut order = vec![0u32; found.len()];
        for (i, &(k, covered, _)) in found.iter().enumerate() {
            if let Some(mapping) = mappings.get_mut(k) {
                let place = mapping.place(covered);
                if let Some(slot) = order.get_mut(place.end as usize) {
                    *slot = u32::try_from(i).unwrap_or(u32::MAX);
                }
                place.end += 1;
            }
        }
        let listings: Rc<[Listing]> = order
            .iter()
            .filter_map(|&i| found.get(i as usize).map(|f| f.2))
            .collect();
        ControlMap {
            ids,
            mappings,
            listings,
            mapped: maps_controls(cat),
        }
    }

    /// What the catalogue says of the control `id`, if it names it.
    fn mapping(&self, id: &str) -> Option<&Mapping<'c, 't>> {
        self.ids
            .get(id)
            .and_then(|&k| self.mappings.get(k as usize))
    }

    fn slice(&self, at: &Range<u32>) -> &[Listing<'c, 't>] {
        self.listings
            .get(at.start as usize..at.end as usize)
            .unwrap_or_default()
    }

    /// What the catalogue says of `control` and of its base control. `last` holds the last
    /// base control looked up: a list names an enhancement after its base, so most
    /// enhancements find theirs there.
    fn said<'m>(
        &'m self,
        control: &'c Control,
        last: &mut Option<(&'c str, Option<&'m Mapping<'c, 't>>)>,
    ) -> Said<'m, 'c, 't> {
        let base = control.parent().map(|id| match *last {
            Some((seen, mapping)) if seen == id => (id, mapping),
            _ => {
                let found = (id, self.mapping(id));
                *last = Some(found);
                found
            }
        });
        Said {
            own: self.mapping(control.id()),
            base,
        }
    }

    /// The rows out of the scope that would be behind a control under `--scope all`: those
    /// listing it if any row does, else those listing its base control.
    pub(crate) fn left_out(&self, control: &'c Control) -> &[Listing<'c, 't>] {
        self.left_out_of(&self.said(control, &mut None))
    }

    fn left_out_of(&self, said: &Said<'_, 'c, 't>) -> &[Listing<'c, 't>] {
        let mapping = match said.own {
            Some(m) if m.listed() => said.own,
            _ => said.base.and_then(|(_, m)| m),
        };
        mapping.map_or(&[], |m| self.slice(&m.others))
    }

    /// What a control's answer rests on. The control's own entries come before its base
    /// control's, and at each level the rows in the scope before the `organisational` list;
    /// what none of them speaks of is unmapped (never the customer's by omission).
    pub(crate) fn behind(&self, control: &'c Control) -> Behind<'_, 'c, 't> {
        self.behind_of(&self.said(control, &mut None))
    }

    fn behind_of(&self, said: &Said<'_, 'c, 't>) -> Behind<'_, 'c, 't> {
        let none = Behind {
            basis: Basis::Unmapped,
            base: None,
            rows: &[],
            at: 0..0,
            organisational: None,
        };
        if !self.mapped {
            return none;
        }
        let levels = [
            (Basis::Rows, None, said.own),
            match said.base {
                Some((id, mapping)) => (Basis::BaseControl, Some(id), mapping),
                None => (Basis::BaseControl, None, None),
            },
        ];
        for (basis, base, mapping) in levels {
            let Some(mapping) = mapping else {
                continue;
            };
            if !mapping.rows.is_empty() {
                return Behind {
                    basis,
                    base,
                    rows: self.slice(&mapping.rows),
                    at: mapping.rows.clone(),
                    organisational: None,
                };
            }
            if let Some(link) = mapping.organisational {
                return Behind {
                    basis: Basis::Organisational,
                    base,
                    rows: &[],
                    at: 0..0,
                    organisational: Some(link),
                };
            }
            // Its own entries are out of the scope: its base control's do not stand in.
            if !mapping.others.is_empty() {
                return none;
            }
        }
        none
    }
}

/// The place in `mappings` of what names control `id`, a new one the first time.
fn mapping_of<'c, 't>(
    ids: &mut HashMap<&'c str, u32>,
    mappings: &mut Vec<Mapping<'c, 't>>,
    id: &'c str,
) -> usize {
    let k = *ids.entry(id).or_insert_with(|| {
        mappings.push(Mapping::default());
        u32::try_from(mappings.len() - 1).unwrap_or(u32::MAX)
    });
    k as usize
}

/// What the catalogue says of a control (`own`) and of its base control (`base`, with its id).
struct Said<'m, 'c, 't> {
    own: Option<&'m Mapping<'c, 't>>,
    base: Option<(&'c str, Option<&'m Mapping<'c, 't>>)>,
}

/// A control's owner under `m` from what it rests on: the customer's for an organisational
/// control, `unmapped` when nothing in the catalogue speaks of it.
fn owner(cat: &Catalog<'_>, behind: &Behind<'_, '_, '_>, m: Column) -> Derived {
    match behind.basis {
        Basis::Rows | Basis::BaseControl => derive(
            behind
                .rows
                .iter()
                .map(|(_, row, link)| link.owner(cat.owner(row, m))),
        ),
        Basis::Organisational => Derived::Customer,
        Basis::Unmapped => Derived::Unmapped,
    }
}

/// The owner of a control from the owners of its rows: the provider's if every row that does
/// not depend on the AI model is the provider's, the customer's if every one is the customer's,
/// shared if they differ; `depends` only when every row depends. A row that depends does not
/// override a clear answer of the others (data/CONTROLS.md, principle 7).
pub fn derive(owners: impl Iterator<Item = Owner>) -> Derived {
    let (mut clear, mut depends, mut all_provider, mut all_customer) = (false, false, true, true);
    for owner in owners {
        if owner == Owner::Depends {
            depends = true;
            continue;
        }
        clear = true;
        all_provider &= owner == Owner::Provider;
        all_customer &= owner == Owner::Customer;
    }
    match () {
        _ if !clear && depends => Derived::Depends,
        // No row bears on it: the rows say nothing of it.
        _ if !clear => Derived::Unmapped,
        _ if all_provider => Derived::Provider,
        _ if all_customer => Derived::Customer,
        _ => Derived::Shared,
    }
}

/// The FedRAMP CRM's "Can Be Inherited from CSP" for an owner.
pub fn inherited(owner: Derived) -> &'static str {
    match owner {
        Derived::Provider => "Yes",
        Derived::Customer => "No",
        Derived::Unmapped => "Unmapped",
        _ => "Partial",
    }
}

/// The answer for one control, whose rows are read from `shared` (the map's, under one
/// column).
pub(crate) fn control_row<'a>(
    shared: &Rc<Listings<'a>>,
    behind: Behind<'_, 'a, 'a>,
    control: &'a Control,
    has_provider: bool,
) -> ControlRow<'a> {
    let (cat, m) = (shared.cat, shared.m);
    let owner = owner(cat, &behind, m);
    let control_origination =
        Origination::of(control, owner, behind.basis, behind.rows, has_provider);
    let rows = BasisRows::new(Rc::clone(shared), behind.at);
    ControlRow {
        id: control.id(),
        label: control.label(),
        family: control.family(),
        title: control.title(),
        owner,
        can_be_inherited: inherited(owner),
        basis: behind.basis,
        base: behind.base,
        why: behind.organisational.map(ControlLink::why),
        principle: behind.organisational.and_then(ControlLink::principle),
        provider_covers: Duties::provider(rows.clone()),
        customer_does: Duties::customer(rows.clone()),
        rows,
        control_origination,
    }
}

/// Whether the column has a provider at all: on premises, nothing is configured at one.
fn has_provider(cat: &Catalog<'_>, m: Column) -> bool {
    cat.layers()
        .iter()
        .flat_map(|l| l.rows())
        .any(|r| cat.owner(r, m).involves_provider())
}

/// `controls`: every control of a baseline (or every control srm knows) under a model.
pub fn controls<'a>(
    cat: &'a Catalog<'a>,
    list: &'a Controls,
    m: Column,
    filter: &ControlFilter,
    scope: Scope,
) -> ControlsReport<'a> {
    let map = ControlMap::new(cat, scope);
    let shared = Rc::new(Listings {
        cat,
        m,
        all: Rc::clone(&map.listings),
    });
    let has_provider = has_provider(cat, m);
    let selects = filter.baseline.map(crate::controls::Baseline::selects);
    let mut rows = Vec::with_capacity(list.controls.len());
    let mut left_out = Distinct::default();
    let mut cited = SourceSet::new(cat);
    let mut last = None;
    for c in list.controls.iter() {
        let wanted = selects.as_ref().is_none_or(|selects| selects(c))
            && (filter.families.is_empty() || filter.families.iter().any(|f| f == c.family()));
        if !wanted {
            continue;
        }
        let said = map.said(c, &mut last);
        let row = control_row(&shared, map.behind_of(&said), c, has_provider);
        if filter.owners.is_empty() || filter.owners.contains(&row.owner) {
            for (_, r, _) in row.rows.listings() {
                cited.extend(row_source_ids(cat, r, m));
            }
            left_out.extend(map.left_out_of(&said).iter().map(|(_, r, _)| r.id()));
            rows.push(row);
        }
    }
    let head = cat.head(m);
    ControlsReport {
        model: head.id,
        model_name: head.name,
        variant: head.variant,
        base_model: head.base_model,
        baseline: filter.baseline.map(crate::controls::Baseline::id),
        catalog_maps_controls: map.mapped,
        scope,
        left_out: left_out.items.len(),
        controls: rows,
        sources: cited
            .items
            .into_iter()
            .map(|i| super::source_ref(cat, i))
            .collect(),
    }
}

/// A control under one model, for `srm control`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ControlCell<'a> {
    pub model: &'a str,
    pub model_name: &'a str,
    pub owner: Derived,
    pub can_be_inherited: &'static str,
    /// FedRAMP's control origination under this model (data/CONTROLS.md): empty for an
    /// unmapped control.
    pub control_origination: &'static [Origination],
}

/// A row a control bears on, with its owner under every model.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ControlRowOwners<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub name: &'a str,
    pub why: &'a str,
    /// The principle of data/CONTROLS.md the mapping applies, when the catalogue says.
    pub principle: Option<u8>,
    pub owners: super::ByModel<'a, Owner>,
}

/// The answer to `srm control ID`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ControlExplain<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub family: &'a str,
    pub family_title: Option<&'a str>,
    pub title: &'a str,
    pub baselines: Vec<&'static str>,
    pub basis: Basis,
    pub base: Option<&'a str>,
    /// For an organisational control: why each organisation meets it itself.
    pub why: Option<&'a str>,
    /// For an organisational control: the principle of data/CONTROLS.md its entry applies.
    pub principle: Option<u8>,
    pub rows: Vec<ControlRowOwners<'a>>,
    pub cells: Vec<ControlCell<'a>>,
    /// Whether the catalogue maps any control to its rows.
    pub catalog_maps_controls: bool,
    /// The layers whose rows the owners are derived from.
    pub scope: Scope,
    /// How many rows that bear on the control the scope left out.
    pub left_out: usize,
}

/// `control`: one control under every model, its owners derived from the rows in `scope` as
/// [`controls`] derives them.
pub fn control<'a>(
    cat: &'a Catalog<'_>,
    list: &'a Controls,
    control: &'a Control,
    scope: Scope,
) -> ControlExplain<'a> {
    let map = ControlMap::new(cat, scope);
    let models: Vec<Column> = cat.model_columns().collect();
    let keys = super::matrix::columns(cat, &models);
    let behind = map.behind(control);
    ControlExplain {
        id: control.id(),
        label: control.label(),
        family: control.family(),
        family_title: list.family_title(control.family()),
        title: control.title(),
        baselines: control.baselines(),
        basis: behind.basis,
        base: behind.base,
        why: behind.organisational.map(ControlLink::why),
        principle: behind.organisational.and_then(ControlLink::principle),
        rows: behind
            .rows
            .iter()
            .map(|(layer, row, link)| ControlRowOwners {
                id: row.id(),
                layer: layer.id(),
                name: row.name(),
                why: link.why(),
                principle: link.principle(),
                owners: super::ByModel::of(&keys, &models, |m| link.owner(cat.owner(row, m))),
            })
            .collect(),
        cells: models
            .iter()
            .map(|&m| {
                let owner = owner(cat, &behind, m);
                let head = cat.head(m);
                ControlCell {
                    model: head.id,
                    model_name: head.name,
                    owner,
                    can_be_inherited: inherited(owner),
                    control_origination: Origination::of(
                        control,
                        owner,
                        behind.basis,
                        behind.rows,
                        has_provider(cat, m),
                    ),
                }
            })
            .collect(),
        catalog_maps_controls: map.mapped,
        scope,
        left_out: map.left_out(control).len(),
    }
}

/// A control whose owner changes between two models.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ControlChange<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub title: &'a str,
    pub from_owner: Derived,
    pub to_owner: Derived,
    pub direction: super::Direction,
}

/// The answer to `srm diff FROM TO --controls`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ControlsDiff<'a> {
    /// The model's id, or the service's.
    pub from: &'a str,
    pub from_name: &'a str,
    /// The service's variant (null for a model, and for a service without variants).
    pub from_variant: Option<&'a str>,
    /// A service's base model, or the model itself.
    pub from_base_model: &'a str,
    pub to: &'a str,
    pub to_name: &'a str,
    pub to_variant: Option<&'a str>,
    pub to_base_model: &'a str,
    pub baseline: Option<&'a str>,
    /// Whether the catalogue maps any control to its rows.
    pub catalog_maps_controls: bool,
    /// The layers whose rows the owners are derived from.
    pub scope: Scope,
    /// How many rows that bear on the controls compared the scope left out.
    pub left_out: usize,
    pub changes: Vec<ControlChange<'a>>,
}

pub fn controls_diff<'a>(
    cat: &'a Catalog<'_>,
    list: &'a Controls,
    from: Column,
    to: Column,
    baseline: Option<crate::controls::Baseline>,
    scope: Scope,
) -> ControlsDiff<'a> {
    let map = ControlMap::new(cat, scope);
    let mut left_out = Distinct::default();
    let changes = list
        .controls
        .iter()
        .filter(|c| baseline.is_none_or(|b| c.in_baseline(b)))
        .filter_map(|c| {
            left_out.extend(map.left_out(c).iter().map(|(_, r, _)| r.id()));
            let behind = map.behind(c);
            let a = owner(cat, &behind, from);
            let b = owner(cat, &behind, to);
            (a != b).then(|| ControlChange {
                id: c.id(),
                label: c.label(),
                title: c.title(),
                from_owner: a,
                to_owner: b,
                direction: super::Direction::of(a, b),
            })
        })
        .collect();
    let (f, t) = (cat.head(from), cat.head(to));
    ControlsDiff {
        from: f.id,
        from_name: f.name,
        from_variant: f.variant,
        from_base_model: f.base_model,
        to: t.id,
        to_name: t.name,
        to_variant: t.variant,
        to_base_model: t.base_model,
        baseline: baseline.map(crate::controls::Baseline::id),
        catalog_maps_controls: map.mapped,
        scope,
        left_out: left_out.items.len(),
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{EMBEDDED, parse_kept as parse};

    #[test]
    fn owners_derive_as_the_crm_reads_them() {
        use Owner::*;
        assert_eq!(derive([Provider, Provider].into_iter()), Provider);
        assert_eq!(derive([Customer].into_iter()), Customer);
        assert_eq!(derive([Customer, Provider].into_iter()), Shared);
        assert_eq!(derive([Shared].into_iter()), Shared);
        // One row that depends does not override a clear answer of the others.
        assert_eq!(derive([Provider, Depends].into_iter()), Provider);
        assert_eq!(derive([Depends, Customer].into_iter()), Customer);
        assert_eq!(derive([Depends, Customer, Provider].into_iter()), Shared);
        assert_eq!(derive([Depends, Depends].into_iter()), Depends);
        assert_eq!(derive(std::iter::empty()), Derived::Unmapped);
        assert_eq!(
            [Provider, Customer, Shared, Depends].map(|o| inherited(o.into())),
            ["Yes", "No", "Partial", "Partial"]
        );
    }

    /// The lists a control's answer builds when read are the lists built from its rows as
    /// they were built before the answer kept only where its rows are: each duty and
    /// each source once, in the rows' order.
    #[test]
    fn a_controls_lists_are_built_from_its_rows_when_read() {
        let cat = parse("embedded", EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
        let list = crate::controls::embedded();
        let columns: Vec<Column> = cat
            .model_columns()
            .chain(cat.service_ids().map(|s| cat.service_default(s)))
            .collect();
        let (mut rows_seen, mut duties_seen, mut sources_seen) = (0, 0, 0);
        for &m in &columns {
            for scope in [Scope::Classic, Scope::Ai, Scope::All] {
                let report = controls(&cat, list, m, &ControlFilter::default(), scope);
                let mut cited = Distinct::default();
                for row in &report.controls {
                    let listings = row.rows.listings();
                    assert_eq!(row.rows.len(), listings.len());
                    let (mut provider, mut customer) = (Distinct::default(), Distinct::default());
                    for ((_, r, link), shown) in listings.iter().zip(row.rows.iter()) {
                        assert_eq!(
                            (shown.id, shown.owner),
                            (r.id(), link.owner(cat.owner(r, m)))
                        );
                        let ids = super::super::column_source_ids(&cat, std::iter::once(*r), m);
                        cited.extend(ids.iter().copied());
                        let ids: Vec<&str> = ids.into_iter().map(|i| cat.source(i).id()).collect();
                        assert_eq!(shown.sources.list(), ids);
                        sources_seen += ids.len();
                        if link.owner(cat.owner(r, m)).involves_provider() {
                            provider.extend(r.provider_duties().iter().map(|d| &**d));
                        }
                        customer.extend(super::super::customer_duties(&cat, r, m));
                    }
                    assert_eq!(row.provider_covers.list(), provider.items);
                    assert_eq!(row.customer_does.list(), customer.items);
                    rows_seen += listings.len();
                    duties_seen += provider.items.len() + customer.items.len();
                }
                let cited: Vec<&str> = cited.items.iter().map(|&i| cat.source(i).id()).collect();
                let listed: Vec<&str> = report.sources.iter().map(|s| s.id).collect();
                assert_eq!(listed, cited, "{m:?} {scope:?}");
            }
        }
        // The catalogue maps controls to rows, with duties and sources: the checks above ran.
        assert!(rows_seen > 1_000 && duties_seen > 1_000 && sources_seen > 1_000);
    }

    #[test]
    fn enhancements_follow_their_base_and_organisational_controls_are_listed() {
        let cat = parse("embedded", EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
        let list = crate::controls::embedded();
        let paas = cat.resolve_model("paas").unwrap();
        let map = ControlMap::new(&cat, Scope::All);
        let shared = Rc::new(Listings {
            cat: &cat,
            m: paas,
            all: Rc::clone(&map.listings),
        });
        let row = |id: &str| {
            let c = list.find(id).unwrap();
            control_row(&shared, map.behind(c), c, true)
        };
        let pe3 = row("pe-3");
        assert_eq!(
            (pe3.basis, pe3.owner, pe3.can_be_inherited),
            (Basis::Rows, Derived::Provider, "Yes")
        );
        let ac2_1 = row("ac-2.1");
        assert_eq!(
            (ac2_1.basis, ac2_1.base),
            (Basis::BaseControl, Some("ac-2"))
        );
        assert_eq!(ac2_1.owner, row("ac-2").owner);
        let ps3 = row("ps-3");
        assert_eq!(
            (ps3.basis, ps3.owner, ps3.can_be_inherited),
            (Basis::Organisational, Derived::Customer, "No")
        );
        assert!(ps3.rows.is_empty());
    }
}
