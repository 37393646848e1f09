//! Any bytes as a catalogue, entering where the CLI does: decode → parse (YAML or JSON, by the
//! first character) → validate → every query → every format. Loading must return Ok or Err,
//! never panic, hang or exhaust memory; a catalogue that loads must survive every query and
//! renderer, and its JSON output must parse back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use srm::catalog::{Owner, Target};
use srm::query::{self, Report};
use srm::render::{Format, Style, render};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = srm::load::decode("fuzz", data.to_vec()) else {
        return;
    };
    let Ok(cat) = srm::load::parse("fuzz", &text) else {
        return;
    };
    let models: Vec<_> = cat.model_ids().collect();
    let (first, last) = (models[0], models[models.len() - 1]);
    let mut reports = vec![
        Report::Who(query::who(&cat, None, None, None)),
        Report::Diff(query::diff(&cat, first, last, true)),
        Report::Diff(query::diff(&cat, last, first, false)),
        Report::Retained(query::retained(&cat)),
        Report::Matrix(query::matrix(&cat)),
        Report::Layers(query::layers(&cat)),
        Report::Models(query::models(&cat)),
        Report::Explain(query::explain(&cat, Target::Model(last))),
    ];
    for owner in Owner::ALL {
        reports.push(Report::Who(query::who(&cat, None, Some(first), Some(owner))));
    }
    for (l, layer) in cat.layers().iter().enumerate().take(4) {
        reports.push(Report::Explain(query::explain(&cat, Target::Layer(l))));
        for r in 0..layer.parts().len().min(2) {
            reports.push(Report::Explain(query::explain(&cat, Target::Part(l, r))));
        }
    }
    for &m in models.iter().take(4) {
        reports.push(Report::Checklist(query::checklist(&cat, m, None)));
    }
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
            let out = render(report, format, Style::default());
            if format == Format::Json {
                let json = out.expect("JSON renders every report");
                if let Err(e) = serde_json::from_str::<serde_json::Value>(&json) {
                    panic!("JSON output does not parse back: {e}\n{json}");
                }
            }
        }
    }
});
