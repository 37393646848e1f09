//! Any bytes as a catalogue: loading must return Ok or Err, never panic, hang or exhaust
//! memory; a catalogue that loads must survive every query and renderer.
#![no_main]

use libfuzzer_sys::fuzz_target;
use srm::query::{self, Report};
use srm::render::{Format, Style, render};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(cat) = srm::load::parse("fuzz", text) else {
        return;
    };
    let last = cat.models.len().saturating_sub(1);
    let reports = [
        Report::Who(query::who(&cat, None, None, None)),
        Report::Who(query::who(&cat, None, Some(0), Some(srm::catalog::Owner::Customer))),
        Report::Diff(query::diff(&cat, 0, last, true)),
        Report::Retained(query::retained(&cat)),
        Report::Matrix(query::matrix(&cat)),
        Report::Layers(query::layers(&cat)),
        Report::Models(query::models(&cat)),
        Report::Checklist(query::checklist(&cat, 0, None)),
        Report::Explain(query::explain(&cat, srm::catalog::Target::Layer(0))),
        Report::Explain(query::explain(&cat, srm::catalog::Target::Model(last))),
    ];
    for report in &reports {
        for format in [
            Format::Table,
            Format::Json,
            Format::Yaml,
            Format::Csv,
            Format::Markdown,
            Format::Html,
            Format::Svg,
        ] {
            let _ = render(report, format, Style::default());
        }
    }
});
