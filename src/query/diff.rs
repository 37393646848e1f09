//! `srm diff`: what changes owner between two models, and which way.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Covered, Listing, Scope, Selection};
use crate::catalog::{Catalog, Column, Derived, LayerId, Owner};

/// Which way responsibility moves between two models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, serde::Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// More of it sits with the provider in the second model (customer → shared → provider).
    TowardProvider,
    /// More of it sits with the customer in the second model.
    TowardCustomer,
    /// A layer whose rows move in opposite directions.
    Mixed,
    /// A change to or from `depends`, where who holds it turns on the AI model chosen.
    Other,
    /// Nothing changes (listed only with `--all`).
    Unchanged,
}

impl Direction {
    /// The direction of a row's change from `from` to `to`, ranking customer < shared <
    /// provider.
    pub fn of(from: impl Into<Derived>, to: impl Into<Derived>) -> Direction {
        let (from, to) = (from.into(), to.into());
        if from == to {
            return Direction::Unchanged;
        }
        match (from.rank(), to.rank()) {
            (Some(a), Some(b)) if b > a => Direction::TowardProvider,
            (Some(_), Some(_)) => Direction::TowardCustomer,
            _ => Direction::Other,
        }
    }

    /// The direction of a layer from its rows': their common direction; `other` if any
    /// involves `depends`; `mixed` when they move both ways.
    fn combine(directions: impl Iterator<Item = Direction>) -> Direction {
        let moved: Vec<Direction> = directions.filter(|d| *d != Direction::Unchanged).collect();
        match moved.first() {
            None => Direction::Unchanged,
            Some(&first) if moved.iter().all(|&d| d == first) => first,
            _ if moved.contains(&Direction::Other) => Direction::Other,
            _ => Direction::Mixed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::TowardProvider => "toward_provider",
            Direction::TowardCustomer => "toward_customer",
            Direction::Mixed => "mixed",
            Direction::Other => "other",
            Direction::Unchanged => "unchanged",
        }
    }
}

/// A row's owner in both models.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RowChange<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub name: &'a str,
    pub from_owner: Owner,
    pub to_owner: Owner,
    pub direction: Direction,
}

/// A layer's owner in both models, with the rows that changed inside it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Change<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub name: &'a str,
    pub from_owner: Derived,
    pub to_owner: Derived,
    pub direction: Direction,
    /// The parts whose owner changed (all parts with `--all`); empty for a layer with a row
    /// of its own.
    pub rows: Vec<RowChange<'a>>,
}

/// The answer to `srm diff`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Diff<'a> {
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
    /// The layers the answer covers.
    pub scope: Scope,
    /// How many layers the scope left out that would have been listed here.
    pub left_out: usize,
    /// The layers in which anything changes owner (every layer with `--all`).
    pub changes: Listing<'a, Change<'a>>,
}

/// `diff`: the layers in which any row changes owner between two models.
pub fn diff<'a>(
    cat: &'a Catalog<'_>,
    from: Column,
    to: Column,
    selection: &Selection,
    all: bool,
) -> Diff<'a> {
    let covered = selection.covered();
    // Only a layer the scope leaves out is looked at here; the others, as they are listed.
    let left_out = cat
        .layer_ids()
        .filter(|&(l, _)| covered.selects_layer(l) && !covered.in_scope(cat, l))
        .filter(|&(l, _)| change(cat, [from, to], &covered, all, l).is_some())
        .count();
    let covered = std::rc::Rc::new(covered);
    let changes = Listing::new(move || {
        let covered = covered.clone();
        cat.layer_ids().filter_map(move |(l, _)| {
            let listed = covered.selects_layer(l) && covered.in_scope(cat, l);
            listed.then(|| change(cat, [from, to], &covered, all, l))?
        })
    });
    let (f, t) = (cat.head(from), cat.head(to));
    Diff {
        from: f.id,
        from_name: f.name,
        from_variant: f.variant,
        from_base_model: f.base_model,
        to: t.id,
        to_name: t.name,
        to_variant: t.variant,
        to_base_model: t.base_model,
        scope: selection.scope(),
        left_out,
        changes,
    }
}

/// Layer `l`'s change between `from` and `to` with the rows that change in it (every row, and
/// the layer itself, with `all`), within `covered`; `None` when nothing does.
fn change<'a>(
    cat: &'a Catalog<'_>,
    [from, to]: [Column; 2],
    covered: &Covered,
    all: bool,
    l: LayerId,
) -> Option<Change<'a>> {
    let layer = cat.layer(l);
    let rows = super::sized(
        layer.parts().len(),
        cat.part_ids(l)
            .filter(|&(id, _)| covered.selects_row(id))
            .map(|(_, p)| RowChange {
                id: p.id(),
                layer: layer.id(),
                name: p.name(),
                from_owner: cat.owner(p, from),
                to_owner: cat.owner(p, to),
                direction: Direction::of(cat.owner(p, from), cat.owner(p, to)),
            })
            .filter(|c| all || c.direction != Direction::Unchanged),
    );
    let (a, b) = (cat.layer_owner(layer, from), cat.layer_owner(layer, to));
    let direction = match layer.own_row() {
        Some(_) => Direction::of(a, b),
        None => Direction::combine(rows.iter().map(|r| r.direction)),
    };
    if direction == Direction::Unchanged && !all {
        return None;
    }
    Some(Change {
        id: layer.id(),
        layer: layer.id(),
        name: layer.name(),
        from_owner: a,
        to_owner: b,
        direction,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_kept as parse;

    #[test]
    fn rows_rank_customer_shared_provider_and_depends_is_other() {
        use Owner::*;
        assert_eq!(Direction::of(Customer, Provider), Direction::TowardProvider);
        assert_eq!(Direction::of(Shared, Customer), Direction::TowardCustomer);
        assert_eq!(Direction::of(Depends, Provider), Direction::Other);
        assert_eq!(Direction::of(Shared, Shared), Direction::Unchanged);
    }

    #[test]
    fn a_layer_whose_rows_move_both_ways_is_mixed_unless_depends_is_involved() {
        let text = "\
sources: [{id: s, title: S}]
models: [{id: a, name: A}, {id: b, name: B}, {id: c, name: C}]
layers:
  - id: l
    name: L
    parts:
      - {id: p, name: P, owners: {a: customer, b: provider, c: depends}, notes: {c: n}, source: s}
      - {id: q, name: Q, owners: {a: provider, b: customer, c: customer}, source: s}
";
        let cat = parse("t", text).unwrap_or_else(|e| panic!("{e}"));
        let [a, b, c] = [0, 1, 2].map(|i| Column::Model(crate::catalog::ModelId::new(i)));
        let changes = |x, y, all| -> Vec<Change> {
            diff(&cat, x, y, &Selection::default(), all)
                .changes
                .iter()
                .collect()
        };
        let d = changes(a, b, false);
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].from_owner, d[0].to_owner),
            (Derived::Split, Derived::Split)
        );
        assert_eq!(d[0].direction, Direction::Mixed);
        assert_eq!(d[0].rows.len(), 2);
        assert_eq!(changes(a, c, false)[0].direction, Direction::Other);
        assert_eq!(changes(b, b, true)[0].direction, Direction::Unchanged);
        assert!(
            diff(&cat, b, b, &Selection::default(), false)
                .changes
                .is_empty()
        );
    }
}
