//! `srm plan`: an inventory's resources classified by the types table, and the duties they
//! leave the customer, consolidated — with, for a comparison, what changes.
//!
//! A [`Planner`] takes resources one at a time ([`Planner::add`]) and keeps only tallies:
//! per column (a service in a variant) a count and its first [`MAX_ADDRESSES`] addresses,
//! and per supporting or unclassified type the same. What it keeps grows with the catalogue
//! and the number of distinct types, not with the resources, except when comparing (with
//! --against, or for a Terraform plan, each side's addresses are kept to match them).
//! [`Planner::finish`] works out each (row, duty) once and the customer's strongest hold on
//! each row from the columns met, and gives the [`Plan`], which is also what `srm plan merge`
//! reads back: [`merge`] of plans of parts equals the plan of the whole.

use std::borrow::Cow;

use foldhash::HashMap;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{Direction, Scope};
use crate::catalog::{
    Catalog, Claim, Column, Decided, Owner, ServiceId, TypeIndex, pick_service, pick_variant,
};
use crate::inventory::{Format, Resource, Side};

/// Addresses kept per duty and per unclassified type; the rest are counted.
pub const MAX_ADDRESSES: usize = 5;

type Str<'a> = Cow<'a, str>;

/// One inventory read.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanInput<'a> {
    /// As given on the command line (`-` for standard input).
    pub path: Str<'a>,
    /// The format read: terraform-state, terraform-plan, cloudformation, aws-config,
    /// arm-template, resource-graph, asset-inventory.
    pub format: Str<'a>,
    /// How many resources it holds (for a Terraform plan, in its planned values).
    pub resources: usize,
}

/// A row and who holds it.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RowOwner<'a> {
    pub row: Str<'a>,
    pub owner: Owner,
}

/// One resource, classified.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanResource<'a> {
    /// The index of its input in `inputs`.
    pub input: usize,
    /// Its address (Terraform), logical id (CloudFormation), name or id, as written.
    pub address: Str<'a>,
    /// Its type as written.
    #[serde(rename = "type")]
    pub ty: Str<'a>,
    /// The service it is; null when it only supports a row, or is unclassified.
    pub service: Option<Str<'a>>,
    /// The service's variant (null for a service without variants).
    pub variant: Option<Str<'a>>,
    /// Whether the variant is the service's default because no variant's `when` held (false
    /// when one held, through the resource's fields or the vendor's defaults, and for a
    /// service without variants).
    pub default_variant: bool,
    /// The model the service starts from.
    pub base_model: Option<Str<'a>>,
    /// The row it supports, for a resource that is no service of its own (a VPC, a role).
    pub supporting: Option<Str<'a>>,
    /// Whether a condition decides if it is deployed (ARM `condition`, CloudFormation
    /// `Condition`).
    pub conditional: bool,
    /// Who holds each row in scope, for a service; empty otherwise.
    pub owners: Vec<RowOwner<'a>>,
}

/// How many resources are one service in one variant, and who holds each row.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanService<'a> {
    pub service: Str<'a>,
    pub name: Str<'a>,
    pub variant: Option<Str<'a>>,
    pub base_model: Str<'a>,
    pub resources: usize,
    pub owners: Vec<RowOwner<'a>>,
}

/// A type and how many resources have it, with the first addresses.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TypeCount<'a> {
    #[serde(rename = "type")]
    pub ty: Str<'a>,
    pub count: usize,
    /// The first [`MAX_ADDRESSES`] addresses, in input order.
    pub resources: Vec<Str<'a>>,
}

/// The resources that support one row.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanSupporting<'a> {
    pub row: Str<'a>,
    pub name: Str<'a>,
    pub resources: usize,
    /// By type, sorted by type.
    pub types: Vec<TypeCount<'a>>,
}

/// A duty of the customer's, once per (row, duty), with what it comes from.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct PlanDuty<'a> {
    pub row: Str<'a>,
    pub layer: Str<'a>,
    /// The row's name.
    pub name: Str<'a>,
    /// The customer's strongest hold on the row among the resources it comes from
    /// (customer, then shared, then depends, then provider).
    pub owner: Owner,
    pub duty: Str<'a>,
    /// Whether the row is the customer's under every model (the always-retained rows).
    pub always: bool,
    /// The services it comes from, as `service` or `service:variant`, in catalogue order.
    pub services: Vec<Str<'a>>,
    /// How many resources it comes from.
    pub resource_count: usize,
    /// The first [`MAX_ADDRESSES`] of them, in input order.
    pub resources: Vec<Str<'a>>,
}

/// What a resource was and is, in a comparison.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ResourceChange<'a> {
    /// The index of its input in `inputs`; null for a resource of an --against input that no
    /// input has any more.
    pub input: Option<usize>,
    pub address: Str<'a>,
    /// added, removed, or changed (same address, another service or variant).
    pub change: Str<'a>,
    /// `service` or `service:variant` before; null when added or not a service.
    pub from: Option<Str<'a>>,
    pub to: Option<Str<'a>>,
}

/// A row whose holder across the estate changes.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RowMove<'a> {
    pub row: Str<'a>,
    pub name: Str<'a>,
    /// The customer's strongest hold on the row before (null: no resource touched it).
    pub from: Option<Owner>,
    pub to: Option<Owner>,
    pub direction: Direction,
}

/// A (row, duty) that appears or disappears.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct DutyRef<'a> {
    pub row: Str<'a>,
    pub duty: Str<'a>,
}

/// The side a comparison starts from: what ran before.
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Previous<'a> {
    /// The `--against` inputs (a Terraform plan's prior state is its own input's).
    pub inputs: Vec<PlanInput<'a>>,
    pub resources: usize,
    pub duties: Vec<PlanDuty<'a>>,
    pub row_owners: Vec<RowOwner<'a>>,
}

/// How many resources, by what they turned out to be.
#[derive(Clone, Debug, Default, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    pub resources: usize,
    pub services: usize,
    pub supporting: usize,
    pub unclassified: usize,
}

/// The answer to `srm plan` (without its resources, which are written as they are read).
#[derive(Clone, Debug, Serialize, Deserialize, JsonSchema, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Plan<'a> {
    pub scope: Scope,
    /// How many rows the scope left out of `owners` and `duties`.
    pub left_out: usize,
    pub inputs: Vec<PlanInput<'a>>,
    pub totals: Totals,
    /// Per service and variant, in catalogue order.
    pub services: Vec<PlanService<'a>>,
    /// Per supported row, in catalogue order.
    pub supporting: Vec<PlanSupporting<'a>>,
    /// Types no service or supporting entry lists, by type.
    pub unclassified: Vec<TypeCount<'a>>,
    /// The customer's duties, in row order, then by text.
    pub duties: Vec<PlanDuty<'a>>,
    /// The customer's strongest hold on each row any classified resource has, in row order.
    pub row_owners: Vec<RowOwner<'a>>,
    /// For a comparison (`--against`, or a Terraform plan's prior state): what ran before;
    /// null otherwise.
    pub previous: Option<Previous<'a>>,
    /// Resources added, removed or changing service, by address (empty unless comparing).
    pub changes: Vec<ResourceChange<'a>>,
    /// Rows whose holder across the estate changes, in row order.
    pub row_changes: Vec<RowMove<'a>>,
    pub duties_added: Vec<DutyRef<'a>>,
    pub duties_removed: Vec<DutyRef<'a>>,
}

/// How much a holder leaves the customer: the estate's holder of a row is the one that
/// leaves it most.
fn hold(o: Owner) -> u8 {
    match o {
        Owner::Customer => 4,
        Owner::Shared => 3,
        Owner::Depends => 2,
        Owner::Provider => 1,
    }
}

fn stronger(a: Option<Owner>, b: Owner) -> Owner {
    match a {
        Some(a) if hold(a) >= hold(b) => a,
        _ => b,
    }
}

/// What one column (a service in a variant) means for each row in scope: computed once per
/// column met, whatever the number of its resources.
struct ColumnFacts<'c> {
    key: String,
    service: &'c str,
    name: &'c str,
    variant: Option<&'c str>,
    base_model: &'c str,
    owners: Vec<Owner>,
    /// The same owners by row id, as each resource's JSON lists them.
    owner_list: Vec<RowOwner<'c>>,
    /// (row position, duty) for every duty the column leaves the customer.
    duties: Vec<(usize, &'c str)>,
}

/// A duty, gathered from the columns that leave it.
struct DutyTally<'c, 'a> {
    row: usize,
    duty: &'c str,
    owner: Owner,
    services: Vec<usize>,
    count: usize,
    /// The first addresses of each column, with their place in the input.
    first: Vec<&'a (usize, String)>,
}

/// The resources of one column: how many, and the first [`MAX_ADDRESSES`] with their place
/// in the input. Duties and row holders follow from these at the end, so a resource costs
/// the same whatever the number of its column's duties.
#[derive(Default)]
struct ColumnTally {
    count: usize,
    first: Vec<(usize, String)>,
}

/// A resource as a comparison matches it: its input (none: matched across inputs, as with
/// --against) and its address.
type Tracked = (Option<usize>, String);

/// One side's tallies.
#[derive(Default)]
struct Tally<'c> {
    resources: usize,
    services_n: usize,
    supporting_n: usize,
    /// By column index.
    columns: Vec<ColumnTally>,
    supporting: HashMap<usize, HashMap<String, TypeTally>>,
    unclassified: HashMap<String, TypeTally>,
    _catalogue: std::marker::PhantomData<&'c ()>,
    /// (input, or none across inputs; address) → (column, or none when not a service;
    /// input), kept only when comparing.
    addresses: Option<HashMap<Tracked, (Option<usize>, usize)>>,
    inputs: Vec<PlanInput<'static>>,
}

#[derive(Default)]
struct TypeTally {
    count: usize,
    resources: Vec<String>,
}

/// Keeps the first [`MAX_ADDRESSES`] of what it is given.
fn keep(list: &mut Vec<String>, address: &str) {
    if list.len() < MAX_ADDRESSES {
        list.push(address.to_string());
    }
}

/// Counts a resource of type `ty` in `types`, copying the type only the first time.
fn count_type(types: &mut HashMap<String, TypeTally>, ty: &str, address: &str) {
    let t = match types.get_mut(ty) {
        Some(t) => t,
        None => types.entry(ty.to_string()).or_default(),
    };
    t.count += 1;
    keep(&mut t.resources, address);
}

/// Classifies resources and keeps the tallies a [`Plan`] is made of.
pub struct Planner<'c, 't> {
    cat: &'c Catalog<'t>,
    /// The types table, shared with the readers.
    index: &'c TypeIndex<'c>,
    scope: Scope,
    /// The rows in scope, as (layer, row), in catalogue order.
    rows: Vec<(usize, usize)>,
    left_out: usize,
    /// Columns met so far, and their index by (service, variant).
    facts: Vec<ColumnFacts<'c>>,
    by_column: HashMap<(usize, Option<usize>), usize>,
    current: Tally<'c>,
    prior: Tally<'c>,
    tracking: bool,
}

/// A resource as classified, to be written as it is read.
pub type Classified<'r> = PlanResource<'r>;

impl<'c, 't> Planner<'c, 't> {
    /// A planner over `cat` within `scope`, classifying by `index` (the readers' too: built
    /// once a run).
    pub fn new(cat: &'c Catalog<'t>, index: &'c TypeIndex<'c>, scope: Scope) -> Planner<'c, 't> {
        let mut rows = Vec::new();
        let mut left_out = 0;
        for (l, layer) in cat.layers().iter().enumerate() {
            for r in 0..layer.rows().len() {
                if scope.covers(layer) {
                    rows.push((l, r));
                } else {
                    left_out += 1;
                }
            }
        }
        Planner {
            cat,
            index,
            scope,
            rows,
            left_out,
            facts: Vec::new(),
            by_column: HashMap::default(),
            current: Tally::default(),
            prior: Tally::default(),
            tracking: false,
        }
    }

    /// Keeps (or stops keeping) the addresses of the resources added from now on, which a
    /// comparison matches: memory then grows with the resources.
    pub fn track(&mut self, on: bool) {
        self.tracking = on;
    }

    /// Notes an input read: its path, its format, and the resources of each side it gave.
    pub fn input(&mut self, side: Side, path: &str, format: Format, resources: usize) {
        let tally = match side {
            Side::Current => &mut self.current,
            Side::Prior => &mut self.prior,
        };
        tally.inputs.push(PlanInput {
            path: Cow::Owned(path.to_string()),
            format: Cow::Borrowed(format.as_str()),
            resources,
        });
    }

    fn column(&mut self, service: ServiceId, variant: Option<usize>) -> usize {
        let key = (service.index(), variant);
        if let Some(&i) = self.by_column.get(&key) {
            return i;
        }
        let cat = self.cat;
        let column = Column::Service {
            service,
            variant: variant.map(|v| v as u32),
        };
        let head = cat.head(column);
        let mut owners = Vec::with_capacity(self.rows.len());
        let mut duties = Vec::new();
        for (p, &(l, r)) in self.rows.iter().enumerate() {
            let row = &cat.layers()[l].rows()[r];
            owners.push(cat.owner(row, column));
            let mut seen = super::Distinct::default();
            seen.extend(super::customer_duties(cat, row, column));
            duties.extend(seen.items.into_iter().map(|d| (p, d)));
        }
        let i = self.facts.len();
        let owner_list = self
            .rows
            .iter()
            .zip(&owners)
            .map(|(&(l, r), &o)| RowOwner {
                row: Cow::Borrowed(cat.layers()[l].rows()[r].id()),
                owner: o,
            })
            .collect();
        self.facts.push(ColumnFacts {
            owner_list,
            key: crate::catalog::variant_key(head.id, head.variant),
            service: head.id,
            name: head.name,
            variant: head.variant,
            base_model: head.base_model,
            owners,
            duties,
        });
        self.by_column.insert(key, i);
        i
    }

    /// Classifies one resource of input `input` and tallies it; returns it as classified
    /// when `want` says so, for the current side (the prior side is only tallied).
    pub fn add(
        &mut self,
        side: Side,
        input: usize,
        r: &Resource<'_>,
        want: bool,
    ) -> Option<Classified<'c>> {
        let cat = self.cat;
        let family = r.format.family();
        let claim = self.index.get(family, r.ty);
        let mut service = None;
        let mut supporting = None;
        match claim {
            Some(Claim::Services { services, paths }) => {
                let value = |s: &crate::catalog::Service<'_>, field: &str| -> Option<&str> {
                    let path = s.field(field)?.path(family)?;
                    let i = paths.iter().position(|p| *p == path)?;
                    r.values.get(i)?.as_deref()
                };
                let readable = |s: &crate::catalog::Service<'_>, field: &str| {
                    s.field(field).and_then(|f| f.path(family)).is_some()
                };
                if let Some(id) = pick_service(cat, services, value, readable) {
                    let s = cat.service(id);
                    let variant = pick_variant(s, |field| value(s, field));
                    service = Some((id, variant));
                }
            }
            Some(Claim::Supports(i)) => supporting = Some(*i),
            None => {}
        }
        let column = service.map(|(id, v)| self.column(id, v.map(|(v, _)| v)));
        let tally = match side {
            Side::Current => &mut self.current,
            Side::Prior => &mut self.prior,
        };
        tally.resources += 1;
        // Compared by address: across every input with --against, within its own input for
        // a Terraform plan (whose two sides are one file's).
        if (self.tracking || r.format == crate::inventory::Format::TerraformPlan)
            && !r.address.is_empty()
        {
            let scope = (!self.tracking).then_some(input);
            tally
                .addresses
                .get_or_insert_with(HashMap::default)
                .insert((scope, r.address.to_string()), (column, input));
        }
        match (column, supporting) {
            (Some(c), _) => {
                tally.services_n += 1;
                if tally.columns.len() <= c {
                    tally.columns.resize_with(c + 1, ColumnTally::default);
                }
                let t = &mut tally.columns[c];
                t.count += 1;
                if t.first.len() < MAX_ADDRESSES {
                    t.first.push((tally.resources, r.address.to_string()));
                }
            }
            (None, Some(i)) => {
                tally.supporting_n += 1;
                count_type(tally.supporting.entry(i).or_default(), r.ty, r.address);
            }
            (None, None) => count_type(&mut tally.unclassified, r.ty, r.address),
        }
        if side == Side::Prior || !want {
            return None;
        }
        let facts = column.map(|c| &self.facts[c]);
        let variant = service.and_then(|(_, v)| v);
        Some(PlanResource {
            input,
            address: Cow::Owned(r.address.to_string()),
            ty: Cow::Owned(r.ty.to_string()),
            service: facts.map(|f| Cow::Borrowed(f.service)),
            variant: facts.and_then(|f| f.variant).map(Cow::Borrowed),
            default_variant: variant.is_some_and(|(_, d)| d == Decided::Default),
            base_model: facts.map(|f| Cow::Borrowed(f.base_model)),
            supporting: supporting.map(|i| Cow::Borrowed(cat.supporting()[i].row())),
            conditional: r.conditional,
            owners: facts.map_or_else(Vec::new, |f| f.owner_list.clone()),
        })
    }

    fn row_id(&self, p: usize) -> &'c str {
        let (l, r) = self.rows[p];
        self.cat.layers()[l].rows()[r].id()
    }

    fn duties(&self, tally: &Tally<'c>) -> Vec<PlanDuty<'c>> {
        let cat = self.cat;
        let mut duties: HashMap<(usize, &'c str), DutyTally<'c, '_>> = HashMap::default();
        for (c, t) in tally.columns.iter().enumerate() {
            if t.count == 0 {
                continue;
            }
            let facts = &self.facts[c];
            for &(p, duty) in &facts.duties {
                let owner = facts.owners[p];
                let d = duties.entry((p, duty)).or_insert_with(|| DutyTally {
                    row: p,
                    duty,
                    owner,
                    services: Vec::new(),
                    count: 0,
                    first: Vec::new(),
                });
                d.owner = stronger(Some(d.owner), owner);
                d.services.push(c);
                d.count += t.count;
                d.first.extend(&t.first);
            }
        }
        let mut list: Vec<DutyTally<'c, '_>> = duties.into_values().collect();
        list.sort_by(|a, b| (a.row, a.duty).cmp(&(b.row, b.duty)));
        list.into_iter()
            .map(|d| {
                let (l, r) = self.rows[d.row];
                let layer = &cat.layers()[l];
                let row = &layer.rows()[r];
                let mut services: Vec<usize> = d.services.clone();
                services.sort_by_key(|&c| self.order(c));
                PlanDuty {
                    row: Cow::Borrowed(row.id()),
                    layer: Cow::Borrowed(layer.id()),
                    name: Cow::Borrowed(row.name()),
                    owner: d.owner,
                    duty: Cow::Borrowed(d.duty),
                    always: row.always_customer(),
                    services: services
                        .into_iter()
                        .map(|c| Cow::Owned(self.facts[c].key.clone()))
                        .collect(),
                    resource_count: d.count,
                    resources: {
                        let mut first = d.first.clone();
                        first.sort_unstable_by_key(|(seq, _)| *seq);
                        first
                            .into_iter()
                            .take(MAX_ADDRESSES)
                            .map(|(_, a)| Cow::Owned(a.clone()))
                            .collect()
                    },
                }
            })
            .collect()
    }

    /// A column's place in catalogue order: its service's, then its variant's.
    fn order(&self, c: usize) -> (usize, usize) {
        let f = &self.facts[c];
        service_order(self.cat, f.service, f.variant.map(Cow::Borrowed).as_ref())
    }

    fn row_owners(&self, tally: &Tally<'c>) -> Vec<RowOwner<'c>> {
        let mut held: Vec<Option<Owner>> = vec![None; self.rows.len()];
        for (c, t) in tally.columns.iter().enumerate() {
            if t.count == 0 {
                continue;
            }
            for (slot, &o) in held.iter_mut().zip(&self.facts[c].owners) {
                *slot = Some(stronger(*slot, o));
            }
        }
        held.into_iter()
            .enumerate()
            .filter_map(|(p, o)| o.map(|o| (p, o)))
            .map(|(p, o)| RowOwner {
                row: Cow::Borrowed(self.row_id(p)),
                owner: o,
            })
            .collect()
    }

    /// The plan, once every input is read; `comparing` gives it the comparison of the two
    /// sides.
    pub fn finish(self, comparing: bool) -> Plan<'c> {
        let cat = self.cat;
        let current = &self.current;
        let mut columns: Vec<(usize, usize)> = current
            .columns
            .iter()
            .enumerate()
            .filter(|(_, t)| t.count > 0)
            .map(|(c, t)| (c, t.count))
            .collect();
        columns.sort_by_key(|&(c, _)| self.order(c));
        let services = columns
            .into_iter()
            .map(|(c, n)| {
                let f = &self.facts[c];
                PlanService {
                    service: Cow::Borrowed(f.service),
                    name: Cow::Borrowed(f.name),
                    variant: f.variant.map(Cow::Borrowed),
                    base_model: Cow::Borrowed(f.base_model),
                    resources: n,
                    owners: f.owner_list.clone(),
                }
            })
            .collect();
        let mut supporting: Vec<(&usize, &HashMap<String, TypeTally>)> =
            current.supporting.iter().collect();
        supporting.sort_by_key(|(i, _)| **i);
        let supporting = supporting
            .into_iter()
            .map(|(&i, types)| {
                let s = &cat.supporting()[i];
                let name = row_name(cat, s.row()).unwrap_or(s.row());
                PlanSupporting {
                    row: Cow::Borrowed(s.row()),
                    name: Cow::Borrowed(name),
                    resources: types.values().map(|t| t.count).sum(),
                    types: type_counts(types),
                }
            })
            .collect();
        let unclassified = type_counts(&current.unclassified);
        let duties = self.duties(current);
        let row_owners = self.row_owners(current);
        let previous = comparing.then(|| Previous {
            inputs: self.prior.inputs.clone(),
            resources: self.prior.resources,
            duties: self.duties(&self.prior),
            row_owners: self.row_owners(&self.prior),
        });
        let mut changes = Vec::new();
        let empty = HashMap::default();
        if comparing {
            let now = current.addresses.as_ref().unwrap_or(&empty);
            let before = self.prior.addresses.as_ref().unwrap_or(&empty);
            let key = |c: &Option<usize>| c.map(|c| Cow::Owned(self.facts[c].key.clone()));
            for (k, (c, input)) in now {
                let change = |change: &'static str, from| ResourceChange {
                    input: Some(*input),
                    address: Cow::Owned(k.1.clone()),
                    change: Cow::Borrowed(change),
                    from,
                    to: key(c),
                };
                match before.get(k) {
                    None => changes.push(change("added", None)),
                    Some((b, _)) if b != c => changes.push(change("changed", key(b))),
                    Some(_) => {}
                }
            }
            for (k, (b, _)) in before {
                if !now.contains_key(k) {
                    changes.push(ResourceChange {
                        // A plan's own prior state is its input's; an --against input's
                        // resource is no input's.
                        input: k.0,
                        address: Cow::Owned(k.1.clone()),
                        change: Cow::Borrowed("removed"),
                        from: key(b),
                        to: None,
                    });
                }
            }
            changes.sort_by(change_order);
        }
        let mut plan = Plan {
            scope: self.scope,
            left_out: self.left_out,
            inputs: current.inputs.clone(),
            totals: Totals {
                resources: current.resources,
                services: current.services_n,
                supporting: current.supporting_n,
                unclassified: current.resources - current.services_n - current.supporting_n,
            },
            services,
            supporting,
            unclassified,
            duties,
            row_owners,
            previous,
            changes,
            row_changes: Vec::new(),
            duties_added: Vec::new(),
            duties_removed: Vec::new(),
        };
        compare(cat, &mut plan);
        plan
    }
}

/// The order of changes: by input (a resource removed with --against, of no input, last),
/// then address, then change.
fn change_order(a: &ResourceChange<'_>, b: &ResourceChange<'_>) -> std::cmp::Ordering {
    let key = |c: &ResourceChange<'_>| c.input.unwrap_or(usize::MAX);
    (key(a), &a.address, &a.change).cmp(&(key(b), &b.address, &b.change))
}

fn type_counts(types: &HashMap<String, TypeTally>) -> Vec<TypeCount<'static>> {
    let mut list: Vec<(&String, &TypeTally)> = types.iter().collect();
    list.sort_by(|a, b| a.0.cmp(b.0));
    list.into_iter()
        .map(|(ty, t)| TypeCount {
            ty: Cow::Owned(ty.clone()),
            count: t.count,
            resources: t.resources.iter().map(|a| Cow::Owned(a.clone())).collect(),
        })
        .collect()
}

/// A row's name by its id.
fn row_name<'c>(cat: &'c Catalog<'_>, id: &str) -> Option<&'c str> {
    row_position(cat, id).map(|(l, r)| cat.layers()[l].rows()[r].name())
}

fn row_position(cat: &Catalog<'_>, id: &str) -> Option<(usize, usize)> {
    cat.layers().iter().enumerate().find_map(|(l, layer)| {
        layer
            .rows()
            .iter()
            .position(|row| row.id() == id)
            .map(|r| (l, r))
    })
}

/// A service (and variant)'s place in catalogue order; unknown ids sort last.
fn service_order(cat: &Catalog<'_>, service: &str, variant: Option<&Str<'_>>) -> (usize, usize) {
    let Some(s) = cat.services().iter().position(|s| s.id() == service) else {
        return (usize::MAX, usize::MAX);
    };
    let v = variant
        .and_then(|v| {
            cat.services()[s]
                .variants()
                .iter()
                .position(|x| x.id() == &**v)
        })
        .unwrap_or(0);
    (s, v)
}

/// The comparison's derived parts: rows whose estate holder moves, duties added and removed.
fn compare(cat: &Catalog<'_>, plan: &mut Plan<'_>) {
    let Some(previous) = &plan.previous else {
        return;
    };
    let before: HashMap<&str, Owner> = previous
        .row_owners
        .iter()
        .map(|r| (&*r.row, r.owner))
        .collect();
    let after: HashMap<&str, Owner> = plan.row_owners.iter().map(|r| (&*r.row, r.owner)).collect();
    let mut row_changes = Vec::new();
    for layer in cat.layers() {
        for row in layer.rows() {
            let (b, a) = (before.get(row.id()).copied(), after.get(row.id()).copied());
            if b == a || (b.is_none() && a.is_none()) {
                continue;
            }
            let direction = match (b, a) {
                (Some(b), Some(a)) => Direction::of(b, a),
                // A row nobody touched before is the customer's to take up; one nobody
                // touches now is off the customer's hands.
                (None, Some(_)) => Direction::TowardCustomer,
                _ => Direction::TowardProvider,
            };
            row_changes.push(RowMove {
                row: Cow::Owned(row.id().to_string()),
                name: Cow::Owned(row.name().to_string()),
                from: b,
                to: a,
                direction,
            });
        }
    }
    let key = |d: &PlanDuty<'_>| (d.row.to_string(), d.duty.to_string());
    let now: foldhash::HashSet<(String, String)> = plan.duties.iter().map(key).collect();
    let then: foldhash::HashSet<(String, String)> = previous.duties.iter().map(key).collect();
    let added = plan
        .duties
        .iter()
        .filter(|d| !then.contains(&key(d)))
        .map(|d| DutyRef {
            row: Cow::Owned(d.row.to_string()),
            duty: Cow::Owned(d.duty.to_string()),
        })
        .collect();
    let removed = previous
        .duties
        .iter()
        .filter(|d| !now.contains(&key(d)))
        .map(|d| DutyRef {
            row: Cow::Owned(d.row.to_string()),
            duty: Cow::Owned(d.duty.to_string()),
        })
        .collect();
    plan.row_changes = row_changes;
    plan.duties_added = added;
    plan.duties_removed = removed;
}

/// Why plans cannot be merged.
#[derive(Debug)]
pub struct MergeError(pub String);

/// Plans of parts, merged into the plan one run over all the parts' inputs gives (in the
/// order given): counts add up, addresses keep the first [`MAX_ADDRESSES`] in input order, and
/// the comparison's derived parts are worked out again from both sides.
pub fn merge<'a>(cat: &Catalog<'_>, mut parts: Vec<Plan<'a>>) -> Result<Plan<'a>, MergeError> {
    // One run compares when --against is given or every input is a Terraform plan: parts of
    // which some compare and some do not merge into a plan that does not, unless a part
    // compared with --against (its `previous` has inputs), which one run would do for all.
    let comparing = parts.iter().filter(|p| p.previous.is_some()).count();
    if comparing > 0 && comparing < parts.len() {
        if parts
            .iter()
            .any(|p| p.previous.as_ref().is_some_and(|v| !v.inputs.is_empty()))
        {
            return Err(MergeError(
                "some results compare with --against and some do not; run every part with --against".into(),
            ));
        }
        for p in &mut parts {
            p.previous = None;
            p.changes.clear();
            p.row_changes.clear();
            p.duties_added.clear();
            p.duties_removed.clear();
        }
    }
    for p in &parts {
        if p.changes
            .iter()
            .any(|c| c.input.is_some_and(|i| i >= p.inputs.len()))
        {
            return Err(MergeError(
                "a change names an input the result does not list; is it an `srm plan --json` result?".into(),
            ));
        }
    }
    let mut parts = parts.into_iter();
    let Some(mut out) = parts.next() else {
        return Err(MergeError("nothing to merge".into()));
    };
    for mut p in parts {
        if p.scope != out.scope {
            return Err(MergeError(format!(
                "the results have different scopes ({} and {}); run every part with the same --scope",
                out.scope.as_str(),
                p.scope.as_str()
            )));
        }
        if p.previous.is_some() != out.previous.is_some() {
            return Err(MergeError(
                "some results compare (--against, or a Terraform plan) and some do not; merge results of one kind".into(),
            ));
        }
        let offset = out.inputs.len();
        for c in &mut p.changes {
            if let Some(i) = &mut c.input {
                *i = sum(*i, offset)?;
            }
        }
        out.inputs.extend(p.inputs);
        out.totals.resources = sum(out.totals.resources, p.totals.resources)?;
        out.totals.services = sum(out.totals.services, p.totals.services)?;
        out.totals.supporting = sum(out.totals.supporting, p.totals.supporting)?;
        out.totals.unclassified = sum(out.totals.unclassified, p.totals.unclassified)?;
        merge_services(&mut out.services, p.services)?;
        merge_supporting(&mut out.supporting, p.supporting)?;
        merge_types(&mut out.unclassified, p.unclassified)?;
        merge_duties(&mut out.duties, p.duties)?;
        merge_owners(&mut out.row_owners, p.row_owners);
        if let (Some(a), Some(b)) = (&mut out.previous, p.previous) {
            a.inputs.extend(b.inputs);
            a.resources = sum(a.resources, b.resources)?;
            merge_duties(&mut a.duties, b.duties)?;
            merge_owners(&mut a.row_owners, b.row_owners);
        }
        out.changes.extend(p.changes);
    }
    out.services
        .sort_by_key(|s| service_order(cat, &s.service, s.variant.as_ref()));
    out.supporting.sort_by_key(|s| {
        cat.supporting()
            .iter()
            .position(|x| x.row() == &*s.row)
            .unwrap_or(usize::MAX)
    });
    out.unclassified.sort_by(|a, b| a.ty.cmp(&b.ty));
    let rank = |row: &str| row_position(cat, row).unwrap_or((usize::MAX, usize::MAX));
    out.duties
        .sort_by(|a, b| (rank(&a.row), &a.duty).cmp(&(rank(&b.row), &b.duty)));
    for d in &mut out.duties {
        d.services.sort_by_key(|s| {
            let (id, v) = match s.split_once(':') {
                Some((id, v)) => (id, Some(Cow::Borrowed(v))),
                None => (&**s, None),
            };
            service_order(cat, id, v.as_ref())
        });
    }
    out.row_owners.sort_by_key(|r| rank(&r.row));
    if let Some(p) = &mut out.previous {
        p.duties
            .sort_by(|a, b| (rank(&a.row), &a.duty).cmp(&(rank(&b.row), &b.duty)));
        p.row_owners.sort_by_key(|r| rank(&r.row));
    }
    out.changes.sort_by(change_order);
    compare(cat, &mut out);
    Ok(out)
}

/// A count of two results added up; counts past `usize` are no result srm wrote.
fn sum(a: usize, b: usize) -> Result<usize, MergeError> {
    a.checked_add(b).ok_or_else(|| {
        MergeError("counts too large to add up; is it an `srm plan --json` result?".into())
    })
}

fn merge_services<'a>(
    into: &mut Vec<PlanService<'a>>,
    from: Vec<PlanService<'a>>,
) -> Result<(), MergeError> {
    for s in from {
        match into
            .iter_mut()
            .find(|x| x.service == s.service && x.variant == s.variant)
        {
            Some(x) => x.resources = sum(x.resources, s.resources)?,
            None => into.push(s),
        }
    }
    Ok(())
}

fn merge_types<'a>(
    into: &mut Vec<TypeCount<'a>>,
    from: Vec<TypeCount<'a>>,
) -> Result<(), MergeError> {
    let mut at: HashMap<String, usize> = into
        .iter()
        .enumerate()
        .map(|(i, t)| (t.ty.to_string(), i))
        .collect();
    for t in from {
        match at.get(&*t.ty) {
            Some(&i) => {
                let x = &mut into[i];
                x.count = sum(x.count, t.count)?;
                for a in t.resources {
                    if x.resources.len() < MAX_ADDRESSES {
                        x.resources.push(a);
                    }
                }
            }
            None => {
                at.insert(t.ty.to_string(), into.len());
                into.push(t);
            }
        }
    }
    Ok(())
}

fn merge_supporting<'a>(
    into: &mut Vec<PlanSupporting<'a>>,
    from: Vec<PlanSupporting<'a>>,
) -> Result<(), MergeError> {
    for s in from {
        match into.iter_mut().find(|x| x.row == s.row) {
            Some(x) => {
                x.resources = sum(x.resources, s.resources)?;
                merge_types(&mut x.types, s.types)?;
                x.types.sort_by(|a, b| a.ty.cmp(&b.ty));
            }
            None => into.push(s),
        }
    }
    Ok(())
}

fn merge_duties<'a>(
    into: &mut Vec<PlanDuty<'a>>,
    from: Vec<PlanDuty<'a>>,
) -> Result<(), MergeError> {
    let mut at: HashMap<(String, String), usize> = into
        .iter()
        .enumerate()
        .map(|(i, d)| ((d.row.to_string(), d.duty.to_string()), i))
        .collect();
    for d in from {
        let key = (d.row.to_string(), d.duty.to_string());
        match at.get(&key) {
            Some(&i) => {
                let x = &mut into[i];
                x.owner = stronger(Some(x.owner), d.owner);
                for s in d.services {
                    if !x.services.contains(&s) {
                        x.services.push(s);
                    }
                }
                x.resource_count = sum(x.resource_count, d.resource_count)?;
                for a in d.resources {
                    if x.resources.len() < MAX_ADDRESSES {
                        x.resources.push(a);
                    }
                }
            }
            None => {
                at.insert(key, into.len());
                into.push(d);
            }
        }
    }
    Ok(())
}

fn merge_owners<'a>(into: &mut Vec<RowOwner<'a>>, from: Vec<RowOwner<'a>>) {
    for r in from {
        match into.iter_mut().find(|x| x.row == r.row) {
            Some(x) => x.owner = stronger(Some(x.owner), r.owner),
            None => into.push(r),
        }
    }
}
