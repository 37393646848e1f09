//! Any bytes as a catalogue, entering where the CLI does: decode → parse (YAML or JSON, by the
//! first character) → validate → every query → every format. Loading must return Ok or Err,
//! never panic, hang or exhaust memory; a catalogue that loads must survive every query and
//! renderer; its JSON output must parse back, its HTML and SVG must be well-formed XML, and its
//! Markdown must hold no raw HTML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use srm::catalog::{Column, Owner, Target};
use srm::query::{self, Scope, Selection};
use srm::render::{Crm, Format, Reply, Style, oscal};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = srm::load::decode("fuzz", data.to_vec()) else {
        return;
    };
    let arena = srm::catalog::Arena::new();
    let Ok(cat) = srm::load::parse("fuzz", &text, &arena) else {
        return;
    };
    // Every model, then every service in each of its variants (and alone).
    let mut models: Vec<Column> = cat.model_columns().collect();
    let (first, last) = (models[0], models[models.len() - 1]);
    for s in cat.services().iter().take(4) {
        if let Ok(c) = cat.resolve_model(s.id()) {
            models.push(c);
        }
        for v in s.variants().iter().take(3) {
            if let Ok(c) = cat.resolve_model(&format!("{}:{}", s.id(), v.id())) {
                models.push(c);
            }
        }
    }
    let services: Vec<Column> = models[cat.models().len()..].to_vec();
    let all = Selection::all(Scope::All);
    let classic = Selection::default();
    let mut reports: Vec<Box<dyn Reply + '_>> = vec![
        Box::new(query::who(&cat, &all, &[])),
        Box::new(query::diff(&cat, first, last, &all, true)),
        Box::new(query::diff(&cat, last, first, &classic, false)),
        Box::new(query::retained(&cat, &all)),
        Box::new(query::matrix(&cat, &all)),
        Box::new(query::layers(&cat, &classic)),
        Box::new(query::models(&cat)),
        Box::new(query::explain(&cat, Target::Model(cat.base_model(last)))),
        Box::new(query::services(&cat, None)),
    ];
    {
        let list = srm::controls::embedded();
        let typed = [
            "a b".to_string(),
            "x".to_string(),
            "the".to_string(),
            "ac-2".to_string(),
        ];
        reports.push(Box::new(query::find(
            &cat,
            query::terms(&typed, &cat, list),
            &all,
        )));
        reports.push(Box::new(query::find(
            &cat,
            query::terms(&typed, &cat, list),
            &classic,
        )));
    }
    let one_model = Selection::columns(vec![first], Scope::All);
    for owner in Owner::ALL {
        reports.push(Box::new(query::who(&cat, &one_model, &[owner])));
    }
    for &s in services.iter().take(6) {
        let mine = Selection::columns(vec![first, s], Scope::Classic);
        reports.push(Box::new(query::who(&cat, &mine, &[])));
        reports.push(Box::new(query::matrix(&cat, &mine)));
        reports.push(Box::new(query::diff(&cat, first, s, &all, true)));
    }
    for s in cat.service_ids().take(2) {
        reports.push(Box::new(query::explain(&cat, Target::Service(s))));
    }
    for (l, _) in cat.layer_ids().take(4) {
        reports.push(Box::new(query::explain(&cat, Target::Layer(l))));
        for (r, _) in cat.part_ids(l).take(2) {
            reports.push(Box::new(query::explain(&cat, Target::Part(r))));
        }
    }
    for &m in models.iter().take(4).chain(services.iter().take(4)) {
        reports.push(Box::new(query::checklist(&cat, m, &all)));
    }
    // The control views, over the catalogue's own mapping (ids were checked at load).
    {
        let list = srm::controls::embedded();
        let filter = query::ControlFilter {
            baseline: Some(srm::controls::Baseline::FedrampModerate),
            ..query::ControlFilter::default()
        };
        let controls = query::controls(&cat, list, first, &filter, Scope::All);
        oscal_documents(&controls, &text, cat.date());
        reports.push(Box::new(controls));
        reports.push(Box::new(query::controls_diff(
            &cat,
            list,
            first,
            last,
            None,
            Scope::Classic,
        )));
        if let Some(ac2) = list.find("ac-2") {
            reports.push(Box::new(query::control(&cat, list, ac2, Scope::Classic)));
        }
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
            Format::Crm(Crm::default()),
            Format::Crm(Crm {
                fedramp_ids: true,
                with_basis: true,
            }),
        ] {
            // A document that cannot be written is a finding: serialising these plain
            // answers has no way to fail.
            if !report.has(format) {
                continue;
            }
            let mut out = Vec::new();
            if let Err(e) = report.write(format, Style::default(), &mut out) {
                panic!("{format:?} could not be written: {e:#}");
            }
            let out = String::from_utf8(out).expect("every format is UTF-8");
            match format {
                Format::Json => {
                    if let Err(e) = serde_json::from_str::<serde_json::Value>(&out) {
                        panic!("JSON output does not parse back: {e}\n{out}");
                    }
                }
                Format::Html | Format::Svg => well_formed_xml(&out),
                Format::Markdown => no_raw_html(&out),
                _ => {}
            }
        }
    }
});

/// Both OSCAL documents of a control list are JSON, and every link in the SSP names a
/// back-matter resource it has.
fn oscal_documents(c: &query::ControlsReport, text: &str, date: Option<&str>) {
    let origin = oscal::Origin::new(Some(text), date, std::time::UNIX_EPOCH);
    let source = "https://example.org/profile.json";
    for document in [
        oscal::component_definition(c, source, &origin),
        oscal::system_security_plan(c, source, &origin),
    ] {
        let out = document.unwrap_or_else(|e| panic!("OSCAL could not be written: {e}"));
        let value: serde_json::Value = serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("OSCAL does not parse back: {e}\n{out}"));
        if let Some(plan) = value.get("system-security-plan") {
            let resources: Vec<String> = plan["back-matter"]["resources"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|r| format!("#{}", r["uuid"].as_str().unwrap_or_default()))
                .collect();
            for r in plan["control-implementation"]["implemented-requirements"]
                .as_array()
                .into_iter()
                .flatten()
            {
                for link in r["links"].as_array().into_iter().flatten() {
                    let href = link["href"].as_str().unwrap_or_default().to_string();
                    assert!(resources.contains(&href), "{href} names no resource");
                }
            }
        }
    }
}

fn well_formed_xml(text: &str) {
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(quick_xml::events::Event::Start(e) | quick_xml::events::Event::Empty(e)) => {
                assert_ne!(e.name().as_ref(), b"script", "a script element\n{text}");
                for attr in e.attributes() {
                    let attr = attr.unwrap_or_else(|err| panic!("bad attribute: {err}\n{text}"));
                    assert!(
                        !attr.key.as_ref().starts_with(b"on"),
                        "an event handler\n{text}"
                    );
                }
            }
            Ok(_) => {}
            Err(err) => panic!("not well-formed XML: {err}\n{text}"),
        }
    }
}

fn no_raw_html(md: &str) {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_TASKLISTS | Options::ENABLE_STRIKETHROUGH;
    for event in Parser::new_ext(md, options) {
        match event {
            Event::Html(h) | Event::InlineHtml(h) => panic!("raw HTML {h:?}\n{md}"),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => assert!(
                dest_url.starts_with("https://") || dest_url.starts_with("http://"),
                "a link to {dest_url}\n{md}"
            ),
            _ => {}
        }
    }
}
