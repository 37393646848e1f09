//! `srm explain`: everything about one layer, part or model, or what an owner word means.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Cell, Scope, Selection, SideDuties, SourceRef, all_duties, sources, who};
use crate::catalog::{Catalog, Column, Derived, LayerRef, Owner, Row, Target, Text};

/// What `explain` describes: a layer, a part, a model, a service, or an owner word (`shared`, `split`,
/// `depends`…) that no id of the catalogue takes, whose meaning is the `description` and which
/// has no cells, duties or sources.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Layer,
    Part,
    Model,
    Service,
    Owner,
}

/// The answer to `srm explain`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Explain<'a> {
    pub kind: Kind,
    pub id: &'a str,
    /// The layer itself, or the layer a part belongs to; `null` for a model or an owner word.
    pub layer: Option<&'a str>,
    pub name: &'a str,
    pub aliases: &'a [Text<'a>],
    pub description: Option<&'a str>,
    pub remark: Option<&'a str>,
    /// For a layer or part: its cell under each model. For a model: every layer under it. For
    /// an owner word: none.
    pub cells: Vec<Cell<'a>>,
    /// What each side does for these rows under the models where it holds them (a side that
    /// holds a row under no model has none here; empty for a model and a service, whose
    /// cells carry theirs).
    pub duties: SideDuties<'a>,
    pub sources: Vec<SourceRef<'a>>,
}

pub fn explain<'a>(cat: &'a Catalog<'_>, target: Target) -> Explain<'a> {
    let (kind, at) = match target {
        Target::Service(s) => {
            let column = cat
                .resolve_model(cat.service(s).id())
                .unwrap_or(Column::Model(cat.service(s).base()));
            let service = cat.service(s);
            // Everything about it: every layer, the AI ones too.
            let selection = Selection::columns(vec![column], Scope::All);
            return Explain {
                kind: Kind::Service,
                id: service.id(),
                layer: None,
                name: service.name(),
                aliases: service.aliases(),
                description: service.description(),
                remark: service.base_evidence_note(),
                cells: who(cat, &selection, &[]).cells,
                duties: SideDuties::default(),
                sources: super::column_sources(
                    cat,
                    cat.layers().iter().flat_map(|l| l.rows()),
                    column,
                ),
            };
        }
        Target::Model(m) => {
            let model = cat.model(m);
            // What is explained is named: every layer under a model, the AI ones too.
            let selection = Selection::columns(vec![Column::Model(m)], Scope::All);
            return Explain {
                kind: Kind::Model,
                id: model.id(),
                layer: None,
                name: model.name(),
                aliases: model.aliases(),
                description: model.description(),
                remark: None,
                cells: who(cat, &selection, &[]).cells,
                duties: SideDuties::default(),
                sources: Vec::new(),
            };
        }
        Target::Layer(l) => (Kind::Layer, LayerRef::Layer(l)),
        Target::Part(r) => (Kind::Part, LayerRef::Part(r)),
    };
    let rows = match at {
        LayerRef::Layer(l) => cat.layer(l).rows(),
        LayerRef::Part(r) => std::slice::from_ref(cat.row(r)),
    };
    let layer = cat.layer(at.layer());
    // A side's duties count where that side holds the row under some model.
    let held = |row: &Row<'_>| {
        let owners: Vec<Owner> = row.owners().collect();
        (
            owners.iter().any(|o| o.involves_customer()),
            owners.iter().any(|o| o.involves_provider()),
        )
    };
    let (id, name, aliases, description, remark) = match at {
        LayerRef::Layer(_) => (
            layer.id(),
            layer.name(),
            layer.aliases(),
            layer.description(),
            layer.own_row().and_then(Row::remark),
        ),
        LayerRef::Part(_) => {
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
    let selection = Selection::new(vec![at], Vec::new(), Scope::All);
    Explain {
        kind,
        id,
        layer: Some(layer.id()),
        name,
        aliases,
        description,
        remark,
        cells: who(cat, &selection, &[]).cells,
        duties: all_duties(rows, held),
        sources: sources(cat, rows),
    }
}

/// What an owner word means ([`Derived::meaning`]), as an explanation of kind `owner`.
pub fn explain_owner(owner: Derived) -> Explain<'static> {
    Explain {
        kind: Kind::Owner,
        id: owner.as_str(),
        layer: None,
        name: owner.as_str(),
        aliases: &[],
        description: Some(owner.meaning()),
        remark: None,
        cells: Vec::new(),
        duties: SideDuties::default(),
        sources: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{EMBEDDED, parse_kept as parse};

    #[test]
    fn a_side_that_never_holds_the_row_has_no_duties_in_the_explanation() {
        let cat = parse("embedded", EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
        let config = cat.resolve_any("config").unwrap();
        let e = explain(&cat, config);
        assert!(!e.duties.customer.is_empty());
        assert!(e.duties.provider.is_empty(), "{:?}", e.duties.provider);
        let os = cat.resolve_any("os").unwrap();
        let e = explain(&cat, os);
        assert!(!e.duties.customer.is_empty() && !e.duties.provider.is_empty());
    }
}
