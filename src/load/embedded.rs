//! The bundled catalogue is valid: what `build.rs` leaves to srm's own loader, checked by
//! `cargo test` before anything lands. At run time the embedded catalogue is read without the
//! checks that cost start-up (control ids, text, URLs), because these tests made them.

use std::collections::HashSet;

use super::source::{EMBEDDED, EMBEDDED_JSON};
use super::{Input, parse_checking};
use crate::catalog::{Catalog, WebUrl};

/// The lines of `data/catalog.yaml` in [`EMBEDDED`], which continues with `data/services.yaml`.
fn catalog_lines() -> usize {
    let layers = include_str!("../../data/catalog.yaml");
    // Joined by a line break: after a file that ends with one, that is an empty line more.
    layers.lines().count() + usize::from(layers.ends_with('\n'))
}

/// Every check of the loader, on the YAML people edit: each problem is named at its file and
/// line.
fn checked() -> Catalog<'static> {
    match parse_checking(
        &Input::Embedded.origin(),
        EMBEDDED,
        true,
        Box::leak(Box::default()),
    ) {
        Ok(catalog) => catalog,
        Err(err) => {
            let split = catalog_lines();
            let places: Vec<String> = err
                .problems
                .iter()
                .map(|p| {
                    let line = p.line.unwrap_or(0);
                    let (file, line) = if line > split {
                        ("data/services.yaml", line - split)
                    } else {
                        ("data/catalog.yaml", line)
                    };
                    format!("{file}:{line}:{}: {}", p.column.unwrap_or(0), p.message)
                })
                .collect();
            panic!(
                "the bundled catalogue has {} problem(s):\n{}",
                err.problems.len() + err.omitted,
                places.join("\n")
            )
        }
    }
}

#[test]
fn the_bundled_catalogue_has_no_problem_and_says_its_date() {
    let catalog = checked();
    // The OSCAL export's `last-modified` is this date; it must be there.
    assert!(
        catalog.date().is_some(),
        "data/catalog.yaml has no `date` (YYYY-MM-DD): the day its facts were last revised"
    );
    assert!(
        !catalog.services().is_empty(),
        "data/services.yaml declares no services"
    );
    // The JSON the binary reads is the same catalogue, and passes the same checks.
    let json = parse_checking(
        "catalog.json",
        EMBEDDED_JSON,
        true,
        Box::leak(Box::default()),
    )
    .map_err(|e| e.to_string());
    assert_eq!(
        json.map(|c| (c.layers().len(), c.services().len(), c.row_count())),
        Ok((
            catalog.layers().len(),
            catalog.services().len(),
            catalog.row_count()
        ))
    );
}

/// data/CONTROLS.md holds: every entry names the principle it applies, and every control of
/// every baseline is mapped to a row of the classic stack or is on the `organisational` list,
/// itself or through its base control, so that no control is the customer's by omission.
#[test]
fn the_control_mapping_leaves_no_baseline_control_out() {
    let catalog = checked();
    let mut mapped = HashSet::new();
    for layer in catalog.layers() {
        for row in layer.rows() {
            for link in row.controls() {
                assert!(
                    link.principle().is_some(),
                    "data/catalog.yaml: row '{}' has a `controls` entry without `principle`; name the principle of data/CONTROLS.md it applies",
                    row.id()
                );
                if !layer.is_ai() {
                    mapped.extend(link.ids().iter().map(|id| id.to_string()));
                }
            }
        }
    }
    let mut organisational = HashSet::new();
    for link in catalog.organisational() {
        assert!(
            link.principle().is_some(),
            "data/catalog.yaml: an `organisational` entry has no `principle`"
        );
        organisational.extend(link.ids().iter().map(|id| id.to_string()));
    }
    let covered = |id: &str| mapped.contains(id) || organisational.contains(id);
    let missing: Vec<&str> = crate::controls::embedded()
        .controls
        .iter()
        .filter(|c| !covered(c.id()) && !c.parent().is_some_and(covered))
        .map(|c| c.id())
        .collect();
    assert!(
        missing.is_empty(),
        "data/catalog.yaml maps no row of the classic stack to {} control(s) and does not list them as `organisational`: {}; map each or list it, with its principle (data/CONTROLS.md)",
        missing.len(),
        missing.join(", ")
    );
}

/// srm trusts the embedded URLs as written: each must be in the form parsing gives.
#[test]
fn the_bundled_urls_are_written_as_parsed() {
    let value: serde_json::Value = serde_json::from_str(EMBEDDED_JSON).expect("catalog.json");
    let sources = value["sources"].as_array().into_iter().flatten().chain(
        value["services"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|s| s["sources"].as_array().into_iter().flatten()),
    );
    let mut seen = 0;
    for source in sources {
        if let Some(url) = source["url"].as_str() {
            seen += 1;
            match WebUrl::parse(url, &crate::catalog::Arena::new()) {
                Ok(parsed) => assert_eq!(
                    parsed.as_str(),
                    url,
                    "source {} has url '{url}', which srm reads as '{}'; write that",
                    source["id"],
                    parsed.as_str()
                ),
                Err(why) => panic!("source {} has url '{url}', which {why}", source["id"]),
            }
        }
    }
    assert!(seen > 0, "the check saw no URL");
}
