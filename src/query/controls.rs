//! Controls: the matrix at the level auditors work. A control's owner under a model follows
//! from the rows it bears on:
//!
//! - `provider` (a FedRAMP CRM's "Can Be Inherited from CSP: Yes") if every such row is the
//!   provider's;
//! - `customer` ("No") if every one is the customer's;
//! - `depends` ("Partial", with the row's note) where a `depends` row is involved;
//! - `shared` ("Partial") otherwise.
//!
//! An enhancement that no row lists follows its base control. A control that no row bears on,
//! directly or through its base, concerns the customer's own organisation (its policies,
//! training, personnel, risk, acquisition): by that rule it is the customer's, and says
//! `organisational`.

use foldhash::HashMap;
use schemars::JsonSchema;
use serde::Serialize;

use super::{Distinct, Scope};
use crate::catalog::{Catalog, Column, Layer, Owner, Row};
use crate::controls::{Control, Controls};

/// Why a control has its owner.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// Rows of the matrix list the control.
    Rows,
    /// An enhancement no row lists: it follows its base control's rows.
    BaseControl,
    /// No row bears on it: the customer's own organisation's.
    Organisational,
    /// The catalogue maps no control to any row, so it says nothing of this one.
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
    pub owner: Owner,
    /// The FedRAMP CRM answer: `Yes` (provider), `Partial` (shared, depends) or `No` (customer).
    pub can_be_inherited: &'static str,
    pub basis: Basis,
    /// The base control whose rows an enhancement follows.
    pub base: Option<&'a str>,
    /// The rows behind the owner.
    pub rows: Vec<ControlBasisRow<'a>>,
    /// What the provider covers: the provider duties of the rows it holds or shares.
    pub provider_covers: Vec<&'a str>,
    /// What the customer must do: the customer duties of the rows it holds or shares.
    pub customer_does: Vec<&'a str>,
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
}

/// What narrows `srm controls`.
#[derive(Clone, Debug, Default)]
pub struct ControlFilter {
    pub baseline: Option<String>,
    /// Family ids (`ac`), lowercase.
    pub families: Vec<String>,
    pub owners: Vec<Owner>,
}

/// A row that lists a control: its layer, the row, and why.
type Listing<'c, 't> = (&'c Layer<'t>, &'c Row<'t>, &'c str);

/// The rows of the catalogue that list each control, found in one pass: those in the scope,
/// and apart from them those it leaves out.
pub(crate) struct ControlMap<'c, 't> {
    rows: HashMap<&'c str, Vec<Listing<'c, 't>>>,
    /// The rows out of the scope that list each control.
    others: HashMap<&'c str, Vec<Listing<'c, 't>>>,
    /// Whether any row of the catalogue, in any scope, maps a control.
    mapped: bool,
}

/// Whether any row of the catalogue maps a control: a catalogue that maps none says nothing
/// of any control, and its controls are `unmapped`, not the customer's.
pub fn maps_controls(cat: &Catalog<'_>) -> bool {
    cat.layers().iter().any(|l| {
        l.rows()
            .iter()
            .any(|r| r.controls().iter().any(|c| !c.ids().is_empty()))
    })
}

impl<'c, 't> ControlMap<'c, 't> {
    pub(crate) fn new(cat: &'c Catalog<'t>, scope: Scope) -> ControlMap<'c, 't> {
        let mut rows: HashMap<&str, Vec<_>> = HashMap::default();
        let mut others: HashMap<&str, Vec<_>> = HashMap::default();
        for layer in cat.layers() {
            let map = if scope.covers(layer) {
                &mut rows
            } else {
                &mut others
            };
            for row in layer.rows() {
                for link in row.controls() {
                    for id in link.ids() {
                        map.entry(&**id).or_default().push((layer, row, link.why()));
                    }
                }
            }
        }
        ControlMap {
            rows,
            others,
            mapped: maps_controls(cat),
        }
    }

    /// The rows out of the scope that would be behind a control under `--scope all`: those
    /// listing it if any row does, else those listing its base control.
    pub(crate) fn left_out(&self, control: &Control) -> &[Listing<'c, 't>] {
        let listed = |id: &str| self.rows.contains_key(id) || self.others.contains_key(id);
        let id = if listed(control.id) {
            Some(control.id)
        } else {
            control.parent
        };
        id.and_then(|id| self.others.get(id))
            .map_or(&[], Vec::as_slice)
    }

    /// A control's owner under `m` from the rows behind it: `unmapped` when the catalogue
    /// maps no control at all.
    fn owner(&self, cat: &Catalog<'_>, behind: &[Listing<'c, 't>], m: Column) -> Owner {
        if self.mapped {
            derive(behind.iter().map(|(_, row, _)| cat.owner(row, m)))
        } else {
            Owner::Unmapped
        }
    }

    /// The rows behind a control, and on what basis.
    pub(crate) fn behind(
        &self,
        control: &'c Control,
    ) -> (Basis, Option<&'c str>, &[Listing<'c, 't>]) {
        if !self.mapped {
            return (Basis::Unmapped, None, &[]);
        }
        if let Some(rows) = self.rows.get(control.id) {
            return (Basis::Rows, None, rows);
        }
        if let Some(parent) = control.parent
            && let Some(rows) = self.rows.get(parent)
        {
            return (Basis::BaseControl, Some(parent), rows);
        }
        (Basis::Organisational, None, &[])
    }
}

/// The owner of a control from the owners of its rows.
pub fn derive(owners: impl Iterator<Item = Owner>) -> Owner {
    let (mut any, mut depends, mut all_provider, mut all_customer) = (false, false, true, true);
    for owner in owners {
        any = true;
        depends |= owner == Owner::Depends;
        all_provider &= owner == Owner::Provider;
        all_customer &= owner == Owner::Customer;
    }
    match () {
        // No row bears on it: organisational, the customer's.
        _ if !any => Owner::Customer,
        _ if depends => Owner::Depends,
        _ if all_provider => Owner::Provider,
        _ if all_customer => Owner::Customer,
        _ => Owner::Shared,
    }
}

/// The FedRAMP CRM's "Can Be Inherited from CSP" for an owner.
pub fn inherited(owner: Owner) -> &'static str {
    match owner {
        Owner::Provider => "Yes",
        Owner::Customer => "No",
        Owner::Unmapped => "Unmapped",
        _ => "Partial",
    }
}

pub(crate) fn control_row<'a>(
    cat: &'a Catalog<'_>,
    map: &ControlMap<'a, '_>,
    control: &'a Control,
    m: Column,
) -> ControlRow<'a> {
    let (basis, base, behind) = map.behind(control);
    let owner = map.owner(cat, behind, m);
    let mut provider = Distinct::default();
    let mut customer = Distinct::default();
    for (_, row, _) in behind {
        let o = cat.owner(row, m);
        if o.involves_provider() {
            provider.extend(row.provider_duties().iter().map(|d| &**d));
        }
        customer.extend(super::customer_duties(cat, row, m));
    }
    ControlRow {
        id: control.id,
        label: control.label,
        family: control.family,
        title: control.title,
        owner,
        can_be_inherited: inherited(owner),
        basis,
        base,
        rows: behind
            .iter()
            .map(|(layer, row, why)| ControlBasisRow {
                id: row.id(),
                layer: layer.id(),
                name: row.name(),
                owner: cat.owner(row, m),
                note: cat.note(row, m),
                why,
            })
            .collect(),
        provider_covers: provider.items,
        customer_does: customer.items,
    }
}

/// `controls`: every control of a baseline (or every control srm knows) under a model.
pub fn controls<'a>(
    cat: &'a Catalog<'_>,
    list: &'a Controls,
    m: Column,
    filter: &ControlFilter,
    scope: Scope,
) -> ControlsReport<'a> {
    let map = ControlMap::new(cat, scope);
    let mut rows = Vec::with_capacity(list.controls.len());
    let mut left_out = Distinct::default();
    for c in list.controls.iter() {
        let wanted = filter
            .baseline
            .as_ref()
            .is_none_or(|b| c.baselines.contains(&b.as_str()))
            && (filter.families.is_empty() || filter.families.iter().any(|f| f == c.family));
        if !wanted {
            continue;
        }
        let row = control_row(cat, &map, c, m);
        if filter.owners.is_empty() || filter.owners.contains(&row.owner) {
            left_out.extend(map.left_out(c).iter().map(|(_, r, _)| r.id()));
            rows.push(row);
        }
    }
    let head = cat.head(m);
    ControlsReport {
        model: head.id,
        model_name: head.name,
        variant: head.variant,
        base_model: head.base_model,
        baseline: filter.baseline.as_deref().and_then(|b| {
            crate::controls::BASELINES
                .iter()
                .find(|(id, _)| *id == b)
                .map(|(id, _)| *id)
        }),
        catalog_maps_controls: map.mapped,
        scope,
        left_out: left_out.items.len(),
        controls: rows,
    }
}

/// A control under one model, for `srm control`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ControlCell<'a> {
    pub model: &'a str,
    pub model_name: &'a str,
    pub owner: Owner,
    pub can_be_inherited: &'static str,
}

/// A row a control bears on, with its owner under every model.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ControlRowOwners<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub name: &'a str,
    pub why: &'a str,
    pub owners: super::ByModel<'a>,
}

/// The answer to `srm control ID`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct ControlExplain<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub family: &'a str,
    pub family_title: Option<&'a str>,
    pub title: &'a str,
    pub baselines: &'a [&'a str],
    pub basis: Basis,
    pub base: Option<&'a str>,
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
    let (basis, base, behind) = map.behind(control);
    ControlExplain {
        id: control.id,
        label: control.label,
        family: control.family,
        family_title: list.family_title(control.family),
        title: control.title,
        baselines: control.baselines,
        basis,
        base,
        rows: behind
            .iter()
            .map(|(layer, row, why)| ControlRowOwners {
                id: row.id(),
                layer: layer.id(),
                name: row.name(),
                why,
                owners: super::ByModel::of(cat, &models, |m| cat.owner(row, m)),
            })
            .collect(),
        cells: models
            .iter()
            .map(|&m| {
                let owner = map.owner(cat, behind, m);
                let head = cat.head(m);
                ControlCell {
                    model: head.id,
                    model_name: head.name,
                    owner,
                    can_be_inherited: inherited(owner),
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
    pub from_owner: Owner,
    pub to_owner: Owner,
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
    baseline: Option<&'a str>,
    scope: Scope,
) -> ControlsDiff<'a> {
    let map = ControlMap::new(cat, scope);
    let mut left_out = Distinct::default();
    let changes = list
        .controls
        .iter()
        .filter(|c| baseline.is_none_or(|b| c.baselines.contains(&b)))
        .filter_map(|c| {
            left_out.extend(map.left_out(c).iter().map(|(_, r, _)| r.id()));
            let (_, _, behind) = map.behind(c);
            let a = map.owner(cat, behind, from);
            let b = map.owner(cat, behind, to);
            (a != b).then(|| ControlChange {
                id: c.id,
                label: c.label,
                title: c.title,
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
        baseline,
        catalog_maps_controls: map.mapped,
        scope,
        left_out: left_out.items.len(),
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{EMBEDDED, parse};

    #[test]
    fn owners_derive_as_the_crm_reads_them() {
        use Owner::*;
        assert_eq!(derive([Provider, Provider].into_iter()), Provider);
        assert_eq!(derive([Customer].into_iter()), Customer);
        assert_eq!(derive([Customer, Provider].into_iter()), Shared);
        assert_eq!(derive([Shared].into_iter()), Shared);
        assert_eq!(derive([Provider, Depends].into_iter()), Depends);
        assert_eq!(derive(std::iter::empty()), Customer);
        assert_eq!(
            [Provider, Customer, Shared, Depends].map(inherited),
            ["Yes", "No", "Partial", "Partial"]
        );
    }

    #[test]
    fn enhancements_follow_their_base_and_unmapped_controls_are_organisational() {
        let cat = parse("embedded", EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
        let list = crate::controls::embedded().unwrap();
        let paas = cat.resolve_model("paas").unwrap();
        let map = ControlMap::new(&cat, Scope::All);
        let row = |id: &str| control_row(&cat, &map, list.find(id).unwrap(), paas);
        let pe3 = row("pe-3");
        assert_eq!(
            (pe3.basis, pe3.owner, pe3.can_be_inherited),
            (Basis::Rows, Owner::Provider, "Yes")
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
            (Basis::Organisational, Owner::Customer, "No")
        );
        assert!(ps3.rows.is_empty());
    }
}
