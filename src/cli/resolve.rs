//! Arguments resolved against the catalogue: the layers and models a command names with
//! `--layer` and `--model`, and the scope they ask for, as one [`Selection`]. A single model,
//! an id or a control is resolved by the catalogue (or the control list) in the command's
//! `Ask`.

use crate::catalog::{Catalog, Column, LayerRef};
use crate::query::{Scope, Selection};

/// The scope of an answer that takes `--layer`: the one asked for; else that of the layers
/// named (`--layer ai-app` is answered, not left out); else the classic stack.
pub(super) fn named_scope(cat: &Catalog<'_>, layers: &[LayerRef], asked: Option<Scope>) -> Scope {
    if let Some(scope) = asked {
        return scope;
    }
    let ai = |r: &LayerRef| cat.layer(r.layer()).is_ai();
    match (layers.iter().any(ai), layers.iter().all(ai)) {
        (false, _) => Scope::Classic,
        (true, true) => Scope::Ai,
        (true, false) => Scope::All,
    }
}

/// The layers and models named on the command line, resolved against the catalogue, in
/// `scope`, or when none was asked for, the scope of the layers named ([`named_scope`]).
pub(super) fn selection(
    cat: &Catalog<'_>,
    layers: &[String],
    models: &[String],
    scope: Option<Scope>,
) -> anyhow::Result<Selection> {
    // An empty item (`--layer os,`, a trailing comma) names nothing and is passed over; what
    // is named twice is asked once ([`Selection::new`]).
    let named = |s: &&String| !s.trim().is_empty();
    let layers: Vec<LayerRef> = layers
        .iter()
        .filter(named)
        .map(|l| cat.resolve_layer(l))
        .collect::<Result<_, _>>()?;
    let models: Vec<Column> = models
        .iter()
        .filter(named)
        .map(|m| cat.resolve_model(m))
        .collect::<Result<_, _>>()?;
    let scope = named_scope(cat, &layers, scope);
    let selection = Selection::new(layers, models, scope);
    within_cells(cat, selection.layers(), selection.named_models())?;
    Ok(selection)
}

/// Most cells an answer may hold beyond those its catalogue spells: a service column costs a
/// cell a row, though the file spells only its overrides, so the columns named on the command
/// line are bounded by the catalogue's size.
fn cell_budget(catalogue: usize) -> usize {
    65_536 + catalogue / 4
}

/// Refuses service columns × rows past [`cell_budget`], before anything is built.
fn within_cells(cat: &Catalog<'_>, layers: &[LayerRef], models: &[Column]) -> anyhow::Result<()> {
    let services = models
        .iter()
        .filter(|m| matches!(m, Column::Service { .. }))
        .count();
    if services == 0 {
        return Ok(());
    }
    let rows: usize = if layers.is_empty() {
        cat.row_count()
    } else {
        layers
            .iter()
            .map(|r| match *r {
                LayerRef::Layer(l) => cat.layer(l).rows().len(),
                LayerRef::Part(_) => 1,
            })
            .sum()
    };
    let budget = cell_budget(cat.text_len());
    if services.saturating_mul(rows) <= budget {
        return Ok(());
    }
    anyhow::bail!(
        "{services} services over {rows} rows make {} cells, more than srm answers for a catalogue of this size ({budget}: 65,536 and one per 4 bytes of it); name fewer services, or rows with --layer",
        services.saturating_mul(rows)
    )
}
