//! `srm layers` and `srm models`: what there is to ask about.

use schemars::JsonSchema;
use serde::Serialize;

use super::{Scope, Selection};
use crate::catalog::{Catalog, Text};

/// A part of a layer.
#[derive(Debug, Serialize, JsonSchema)]
pub struct RowInfo<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub name: &'a str,
    pub aliases: &'a [Text<'a>],
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct LayerInfo<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: &'a [Text<'a>],
    pub description: Option<&'a str>,
    /// `ai` for the AI layers, else `classic`.
    pub scope: &'static str,
    /// The layer's parts (empty for a layer with a row of its own).
    pub rows: Vec<RowInfo<'a>>,
}

/// The answer to `srm layers`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Layers<'a> {
    /// The layers listed.
    pub scope: Scope,
    /// How many layers the scope left out.
    pub left_out: usize,
    pub layers: Vec<LayerInfo<'a>>,
}

pub fn layers<'a>(cat: &'a Catalog<'_>, selection: &Selection) -> Layers<'a> {
    let covered = selection.covered();
    Layers {
        scope: selection.scope(),
        left_out: cat
            .layer_ids()
            .filter(|&(l, _)| covered.selects_layer(l) && !covered.in_scope(cat, l))
            .count(),
        layers: cat
            .layer_ids()
            .filter(|&(l, _)| covered.layer(cat, l))
            .map(|(_, l)| LayerInfo {
                id: l.id(),
                name: l.name(),
                aliases: l.aliases(),
                description: l.description(),
                scope: if l.is_ai() { "ai" } else { "classic" },
                rows: l
                    .parts()
                    .iter()
                    .map(|p| RowInfo {
                        id: p.id(),
                        layer: l.id(),
                        name: p.name(),
                        aliases: p.aliases(),
                    })
                    .collect(),
            })
            .collect(),
    }
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ModelInfo<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: &'a [Text<'a>],
    pub description: Option<&'a str>,
}

/// The answer to `srm models`.
#[derive(Debug, Serialize, JsonSchema)]
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
