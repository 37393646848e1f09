//! Any bytes as an inventory, against the embedded catalogue, entering where `srm plan` does:
//! detect → read → classify → plan → every format. Reading must return Ok or Err, never panic,
//! hang or exhaust memory; a plan's JSON must parse back.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use srm::catalog::{Catalog, TypeIndex};
use srm::query::{Planner, Scope};
use srm::render::{Style, plan};

fn catalog() -> &'static Catalog<'static> {
    static CAT: OnceLock<Catalog<'static>> = OnceLock::new();
    CAT.get_or_init(|| {
        srm::load::load(&srm::load::Input::Embedded).expect("the embedded catalogue")
    })
}

fuzz_target!(|data: &[u8]| {
    let cat = catalog();
    let index = TypeIndex::new(cat);
    let mut planner = Planner::new(cat, &index, Scope::All);
    planner.track(true);
    let mut lines = Vec::new();
    let mut reader = data;
    let read = srm::inventory::read(&mut reader, None, &index, &mut |side, r| {
        if let Some(c) = planner.add(side, 0, r, true) {
            plan::write_resource(&c, &mut lines).expect("a resource is written");
        }
    });
    if read.is_err() {
        return;
    }
    let result = planner.finish(true);
    let mut doc = Vec::new();
    plan::write_document(&result, &mut &lines[..], &mut doc).expect("the document is written");
    serde_json::from_slice::<serde_json::Value>(&doc).expect("the plan's JSON parses back");
    let _ = plan::table(&result, &[], Style::default());
    let _ = plan::csv(&result).expect("the CSV is written");
    let _ = plan::markdown(&result);
});
