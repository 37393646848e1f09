//! The bundled catalogue against the reference matrix (copied into `tests/data/`): every derived
//! layer owner, every row with its four cells and source, and the always-retained rows.

use crate::json::{CellJson, MatrixJson, RetainedJson, WhoJson};
use crate::json_of;

const MODELS: [&str; 4] = ["on-prem", "iaas", "paas", "saas"];

fn owner(letter: &str) -> &'static str {
    match letter {
        "C" => "customer",
        "P" => "provider",
        "S" => "shared",
        "D" => "depends",
        "X" => "split",
        other => panic!("bad owner letter {other:?} in reference data"),
    }
}

/// Data lines of a reference table, split on tabs.
fn table(text: &str) -> Vec<Vec<&str>> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').collect())
        .collect()
}

/// The one cell a `who` for one layer and one model answers.
fn one(args: &[&str]) -> CellJson {
    let mut doc: WhoJson = json_of(args);
    assert_eq!(doc.cells.len(), 1, "{args:?}");
    doc.cells.remove(0)
}

#[test]
fn every_derived_layer_owner_matches_the_reference() {
    let rows = table(include_str!("../data/reference_layers.tsv"));
    assert_eq!(rows.len(), 13);
    let mut checked = 0;
    for row in rows {
        let layer = row[0];
        for (model, letter) in MODELS.iter().zip(&row[1..]) {
            let cell = one(&["who", "--layer", layer, "--model", model, "--json"]);
            assert_eq!(cell.owner, owner(letter), "{layer} under {model}");
            assert_eq!(cell.id, layer);
            assert_eq!(cell.model, *model);
            checked += 1;
        }
    }
    assert_eq!(checked, 52);
}

#[test]
fn every_reference_row_exists_with_its_cells_and_source() {
    let rows = table(include_str!("../data/reference_rows.tsv"));
    assert_eq!(rows.len(), 26);
    let matrix: MatrixJson = json_of(&["matrix", "--scope", "all", "--json"]);
    let total: usize = matrix.layers.iter().map(|l| l.rows.len().max(1)).sum();
    assert_eq!(
        total,
        rows.len(),
        "the catalogue has rows the reference does not"
    );
    for row in rows {
        let (layer_id, row_id, letters, source) = (row[0], row[1], &row[2..6], row[6]);
        let layer = matrix
            .layers
            .iter()
            .find(|l| l.id == layer_id)
            .unwrap_or_else(|| panic!("layer {layer_id} missing"));
        let owners = if layer_id == row_id {
            assert!(
                layer.rows.is_empty(),
                "{layer_id} should have a row of its own"
            );
            &layer.owners
        } else {
            &layer
                .rows
                .iter()
                .find(|p| p.id == row_id)
                .unwrap_or_else(|| panic!("row {row_id} missing from layer {layer_id}"))
                .owners
        };
        for (model, letter) in MODELS.iter().zip(letters) {
            assert_eq!(owners[*model], owner(letter), "{row_id} under {model}");
        }
        // The row cites its source: asked for on its own, the cell lists it.
        let cell = one(&["who", "--layer", row_id, "--model", "iaas", "--json"]);
        assert_eq!(cell.sources[0].id, source, "source of {row_id}");
        for model in MODELS {
            let cell = one(&["who", "--layer", row_id, "--model", model, "--json"]);
            if cell.owner == "depends" {
                assert!(
                    cell.note.is_some(),
                    "{row_id} under {model} is depends without a note"
                );
            }
        }
    }
}

#[test]
fn retained_lists_exactly_the_reference_rows() {
    let mut expected: Vec<&str> = table(include_str!("../data/reference_retained.tsv"))
        .into_iter()
        .map(|r| r[0])
        .collect();
    let doc: RetainedJson = json_of(&["retained", "--scope", "all", "--json"]);
    let mut got: Vec<&str> = doc.rows.iter().map(|r| r.id.as_str()).collect();
    expected.sort_unstable();
    got.sort_unstable();
    assert_eq!(got, expected);
}
