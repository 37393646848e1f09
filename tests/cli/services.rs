//! Services as columns of the matrix: the shipped service catalogue against the reference
//! facts, `SERVICE:VARIANT` wherever a model goes, evidence, checklists that keep the caveats,
//! and the file format's checks.

use predicates::prelude::*;

use crate::json::{CellJson, ChecklistJson, DiffJson, ServicesJson, WhoJson};
use crate::{json_of, srm, stdout_of};

/// The owners of `os` and `runtime` the reference gives for each fully sourced service, for
/// its default variant (named alone) and each variant it distinguishes.
const REFERENCE: &[(&str, &str, &str)] = &[
    ("aws-ec2", "customer", "customer"),
    ("aws-lambda", "provider", "provider"),
    ("aws-lambda:auto", "provider", "provider"),
    ("aws-lambda:function-update", "provider", "shared"),
    ("aws-lambda:manual", "provider", "customer"),
    ("aws-lambda:image", "customer", "customer"),
    ("aws-rds", "provider", "shared"),
    ("aws-aurora", "provider", "shared"),
    ("aws-elastic-beanstalk", "shared", "shared"),
    ("azure-vm", "customer", "customer"),
    ("azure-vm:automatic-by-platform", "shared", "customer"),
    ("azure-app-service", "provider", "provider"),
    ("azure-app-service:custom-container", "provider", "customer"),
    ("azure-functions", "provider", "provider"),
    ("azure-sql", "provider", "provider"),
    ("gcp-compute", "customer", "customer"),
    ("gcp-gke-standard", "shared", "customer"),
    ("gcp-gke-autopilot", "provider", "customer"),
    ("gcp-cloud-run", "customer", "customer"),
    (
        "gcp-cloud-run:automatic-base-image-updates",
        "provider",
        "provider",
    ),
    ("gcp-cloud-functions", "provider", "provider"),
    ("gcp-cloud-functions:on-deploy", "provider", "shared"),
    ("gcp-cloud-sql", "provider", "provider"),
    ("gcp-app-engine", "provider", "provider"),
    ("gcp-app-engine:flexible", "provider", "provider"),
    ("gcp-app-engine:flexible-custom", "provider", "customer"),
];

fn cell(layer: &str, model: &str) -> CellJson {
    let mut who: WhoJson = json_of(&["who", "--layer", layer, "--model", model, "--json"]);
    assert_eq!(who.cells.len(), 1, "{layer} under {model}");
    who.cells.remove(0)
}

#[test]
fn every_fully_sourced_service_gives_the_reference_owners() {
    for &(model, os, runtime) in REFERENCE {
        for (layer, wanted) in [("os", os), ("runtime", runtime)] {
            let c = cell(layer, model);
            assert_eq!(c.owner, wanted, "{layer} under {model}");
            let (service, variant) = model.split_once(':').unwrap_or((model, ""));
            assert_eq!(c.model, service);
            if !variant.is_empty() {
                assert_eq!(c.variant.as_deref(), Some(variant), "{model}");
            }
            assert!(c.evidence.is_some(), "a service cell says its evidence");
            // The owner rests on a vendor page, named first.
            assert!(
                c.sources[0]
                    .url
                    .as_deref()
                    .is_some_and(|u| u.starts_with("https://")),
                "{layer} under {model}: {:?}",
                c.sources
            );
        }
    }
}

#[test]
fn services_json_lists_every_service_with_provider_base_variants_and_evidence() {
    let s: ServicesJson = json_of(&["services", "--json"]);
    assert_eq!(s.format_version, 2);
    assert!(s.services.len() >= 27, "{}", s.services.len());
    let ids: Vec<&str> = s.services.iter().map(|s| s.id.as_str()).collect();
    for id in [
        "aws-lambda",
        "azure-app-service",
        "gcp-cloud-run",
        "aws-rds",
        "gcp-bigquery",
    ] {
        assert!(ids.contains(&id), "{id} missing: {ids:?}");
    }
    for service in &s.services {
        assert!(["aws", "azure", "gcp"].contains(&service.provider.as_str()));
        assert!(["iaas", "paas", "saas"].contains(&service.base_model.as_str()));
        assert!(
            ["sourced", "partial", "archived", "unsourced"].contains(&service.evidence.as_str())
        );
        if !service.variants.is_empty() {
            let defaults: Vec<_> = service.variants.iter().filter(|v| v.default).collect();
            assert_eq!(defaults.len(), 1, "{}", service.id);
            assert!(defaults[0].why_default.is_some(), "{}", service.id);
            assert_eq!(
                service.default_variant.as_deref(),
                Some(defaults[0].id.as_str())
            );
        }
        assert!(
            service
                .base_source
                .url
                .as_deref()
                .is_some_and(|u| u.starts_with("https://"))
        );
        if service.base_evidence != "sourced" {
            assert!(service.base_evidence_note.is_some(), "{}", service.id);
        }
        // Every override has a source with an http(s) URL; a weaker one says why.
        let overrides = service
            .overrides
            .iter()
            .chain(service.variants.iter().flat_map(|v| &v.overrides));
        for o in overrides {
            let url = o.source.url.as_deref().unwrap_or_default();
            assert!(
                url.starts_with("https://") || url.starts_with("http://"),
                "{} {}: {url}",
                service.id,
                o.row
            );
            if o.evidence != "sourced" {
                assert!(o.evidence_note.is_some(), "{} {}", service.id, o.row);
            }
        }
    }
    // The reference's status, as the catalogue derives it.
    let evidence = |id: &str| {
        s.services
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.evidence.clone())
            .unwrap()
    };
    assert_eq!(evidence("aws-lambda"), "sourced");
    assert_eq!(evidence("aws-eks"), "partial");
    assert_eq!(evidence("aws-s3"), "archived");
    assert_eq!(evidence("gcp-bigquery"), "unsourced");
    let gcp: ServicesJson = json_of(&["services", "--provider", "GCP", "--json"]);
    assert_eq!(gcp.provider.as_deref(), Some("gcp"));
    assert!(gcp.services.iter().all(|s| s.provider == "gcp") && !gcp.services.is_empty());
}

#[test]
fn services_print_as_a_table_csv_and_markdown_with_marks_for_weaker_facts() {
    let table = stdout_of(&["services"]);
    assert!(table.contains("AWS Lambda (aws-lambda)"), "{table}");
    assert!(table.contains("auto *"), "{table}");
    assert!(
        table.contains("[U] unsourced"),
        "the legend says what a mark means:\n{table}"
    );
    let csv = stdout_of(&["services", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().take(7).collect::<Vec<_>>(),
        [
            "id",
            "name",
            "provider",
            "base_model",
            "default_variant",
            "variants",
            "evidence"
        ]
    );
    assert!(reader.records().count() >= 27);
    let md = stdout_of(&["services", "--format", "markdown"]);
    assert!(
        md.contains("| aws-lambda | AWS Lambda | aws | paas | auto |"),
        "{md}"
    );
    srm()
        .args(["services", "--provider", "ibm"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "unknown provider 'ibm'; this catalogue's services come from: aws, azure, gcp",
        ));
}

#[test]
fn a_service_is_named_by_id_alias_or_name_and_a_variant_after_a_colon() {
    for name in [
        "aws-lambda",
        "lambda",
        "AWS Lambda",
        "LAMBDA:zip",
        "aws-lambda:",
    ] {
        let c = cell("runtime", name);
        assert_eq!(
            (c.model.as_str(), c.variant.as_deref()),
            ("aws-lambda", Some("auto")),
            "{name}"
        );
        assert_eq!(c.base_model, "paas");
    }
    assert_eq!(cell("os", "app service").model, "azure-app-service");
    srm()
        .args(["who", "--model", "aws-lambda:nope"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains(
            "unknown variant 'aws-lambda:nope'; variants of 'aws-lambda': auto, function-update, manual, image",
        ));
    srm()
        .args(["who", "--model", "aws-lamda"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean 'aws-lambda'?"));
}

#[test]
fn diffs_between_services_move_the_rows_the_vendors_say() {
    let d: DiffJson = json_of(&["diff", "azure-vm", "azure-app-service", "--json"]);
    assert_eq!(
        (d.from.as_str(), d.from_base_model.as_str()),
        ("azure-vm", "iaas")
    );
    assert_eq!(
        (d.to.as_str(), d.to_base_model.as_str()),
        ("azure-app-service", "paas")
    );
    for layer in ["os", "runtime"] {
        let c = d.changes.iter().find(|c| c.id == layer).unwrap();
        assert_eq!(c.direction, "toward_provider", "{layer}");
    }
    let d: DiffJson = json_of(&["diff", "aws-lambda:auto", "aws-lambda:manual", "--json"]);
    assert_eq!(d.from_variant.as_deref(), Some("auto"));
    assert_eq!(d.to_variant.as_deref(), Some("manual"));
    let runtime = d.changes.iter().find(|c| c.id == "runtime").unwrap();
    assert_eq!(
        (
            runtime.from_owner.as_str(),
            runtime.to_owner.as_str(),
            runtime.direction.as_str()
        ),
        ("provider", "customer", "toward_customer")
    );
    assert!(
        d.changes.iter().all(|c| c.id == "runtime"),
        "only the runtime moves"
    );
    let d: DiffJson = json_of(&["diff", "aws-ec2", "aws-lambda", "--json"]);
    assert!(
        d.changes
            .iter()
            .any(|c| c.id == "os" && c.direction == "toward_provider")
    );
}

#[test]
fn checklists_keep_what_a_provider_row_still_leaves_the_customer() {
    let lambda: ChecklistJson = json_of(&["checklist", "aws-lambda", "--json"]);
    let runtime = lambda.rows.iter().find(|r| r.id == "runtime").unwrap();
    assert_eq!(runtime.owner, "provider");
    assert!(
        runtime
            .duties
            .iter()
            .any(|d| d.contains("deprecated runtime")),
        "{:?}",
        runtime.duties
    );
    let run: ChecklistJson = json_of(&["checklist", "gcp-cloud-run", "--json"]);
    assert!(
        run.rows
            .iter()
            .any(|r| r.id == "os" && r.duties.iter().any(|d| d.contains("base image"))),
        "{:?}",
        run.rows
    );
    let text = stdout_of(&["checklist", "aws-lambda"]);
    assert!(text.contains("deprecated runtime"), "{text}");
    // With automatic base-image updates Google patches the image: no base-image duty on os.
    let auto: ChecklistJson = json_of(&[
        "checklist",
        "gcp-cloud-run:automatic-base-image-updates",
        "--json",
    ]);
    assert!(
        !auto
            .rows
            .iter()
            .any(|r| r.id == "os" && r.owner == "customer"),
        "{:?}",
        auto.rows
    );
}

#[test]
fn weaker_evidence_is_marked_in_tables_and_said_in_json() {
    let c = cell("runtime", "azure-app-service:custom-container");
    assert_eq!(c.evidence.as_deref(), Some("unsourced"));
    assert!(c.evidence_note.is_some());
    let table = stdout_of(&["who", "--layer", "runtime,os", "--model", "gcp-bigquery"]);
    assert!(table.contains("provider [U]"), "{table}");
    assert!(table.contains("[U] unsourced"), "{table}");
    let s3 = cell("os", "aws-s3");
    assert_eq!(s3.evidence.as_deref(), Some("archived"));
    // Under a model, no evidence is claimed.
    assert_eq!(cell("os", "paas").evidence, None);
}

#[test]
fn matrix_and_controls_take_services_too() {
    let m: crate::json::MatrixJson = json_of(&[
        "matrix",
        "--model",
        "paas,aws-lambda,aws-lambda:image",
        "--json",
    ]);
    let keys: Vec<&str> = m.models.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(keys, ["paas", "aws-lambda", "aws-lambda:image"]);
    let os = m.layers.iter().find(|l| l.id == "os").unwrap();
    assert_eq!(os.owners["aws-lambda"], "provider");
    assert_eq!(os.owners["aws-lambda:image"], "customer");
    let self_managed: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "controls",
        "--model",
        "aws-eks:self-managed",
        "--json",
    ]))
    .unwrap();
    let fargate: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "controls",
        "--model",
        "aws-eks:fargate",
        "--json",
    ]))
    .unwrap();
    let owner = |v: &serde_json::Value, id: &str| {
        v["controls"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .map(|c| c["owner"].as_str().unwrap().to_string())
            .unwrap()
    };
    // Flaw remediation (si-2) rests on the OS and runtime rows: the customer's nodes, versus
    // Fargate's.
    assert_ne!(owner(&self_managed, "si-2"), owner(&fargate, "si-2"));
    assert_eq!(self_managed["variant"], "self-managed");
    assert_eq!(self_managed["base_model"], "iaas");
}

#[test]
fn explain_describes_a_service_under_its_default_variant() {
    let e: crate::json::ExplainJson = json_of(&["explain", "aws-lambda", "--json"]);
    assert_eq!((e.kind.as_str(), e.id.as_str()), ("service", "aws-lambda"));
    assert!(e.cells.iter().all(|c| c.variant.as_deref() == Some("auto")));
}

/// A small catalogue with one service, for the format's checks.
const BASE: &str = "\
sources: [{id: s, title: S, url: 'https://example.com/s'}]
models: [{id: iaas, name: IaaS}, {id: paas, name: PaaS}]
layers:
  - {id: os, name: OS, owners: {iaas: customer, paas: provider}, source: s}
  - id: net
    name: Net
    parts:
      - {id: wire, name: Wire, owners: {iaas: provider, paas: provider}, source: s}
";

fn validate(services: &str) -> (i32, String, String) {
    let out = srm()
        .args(["--catalog", "-", "catalog", "validate"])
        .write_stdin(format!("{BASE}services:\n{services}"))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_user_catalogue_may_hold_services_of_its_own() {
    let (code, out, err) = validate(
        "  - id: my-fn
    name: My functions
    provider: acme
    base: paas
    source: s
    variants:
      - {id: easy, name: Easy, default: true, why: 'What you get.'}
      - id: hard
        name: Hard
        rows:
          os: {owner: customer, note: 'You patch it.', source: s}
",
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "ok: 2 layers, 2 models, 2 rows, 1 service, 1 source\n");
}

#[test]
fn every_broken_service_is_refused_with_its_place_and_a_fix() {
    let cases: &[(&str, &str)] = &[
        (
            "  - {id: x, name: X, provider: a, base: faas, source: s}\n",
            "service 'x' has `base` 'faas', which is not a declared model; declared models: 'iaas', 'paas'",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, rows: {kernel: {owner: customer, note: n, source: s}}}\n",
            "service 'x' names 'kernel' in `rows`, which is no layer or part",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, rows: {net: {owner: customer, note: n, source: s}}}\n",
            "overrides layer 'net' in `rows`, which is made of parts; name the parts instead: 'wire'",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, evidence: partial}\n",
            "service 'x' has `evidence: partial` but no `evidence_note`",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, rows: {os: {owner: customer, note: n, source: s, evidence: unsourced}}}\n",
            "on row 'os' has `evidence: unsourced` but no `evidence_note`",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, variants: [{id: a, name: A}]}\n",
            "service 'x' has variants but none is `default: true`",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, variants: [{id: a, name: A, default: true}]}\n",
            "variant 'a' of service 'x' is the default but has no `why`",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, variants: [{id: a, name: A, default: true, why: w}, {id: b, name: B, aliases: [a]}]}\n",
            "service 'x' has alias 'a' for more than one variant",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, variants: [{id: a, name: A, default: true, why: w, when: {mode: on}}]}\n",
            "names field 'mode' in `when`, which the service does not declare in `fields`",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: nowhere}\n",
            "service 'x' cites undeclared source 'nowhere' in `source`",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, variants: [{id: a, name: A, default: true, why: w, rows: {os: {owner: customer, note: n, source: zz}}}]}\n",
            "variant 'a' cites undeclared source 'zz' in `rows: os: source`",
        ),
        (
            "  - {id: os, name: X, provider: a, base: paas, source: s}\n",
            "duplicate id 'os': layer 'os' already uses it",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, rows: {os: {owner: split, note: n, source: s}}}\n",
            "split",
        ),
        // The types table says one thing per type.
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, inventory: {terraform: [t_a]}}\n  - {id: y, name: Y, provider: a, base: iaas, source: s, inventory: {terraform: [t_a]}}\n",
            "terraform type 't_a' is listed by services 'x', 'y' without `when`",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, inventory: {arm: [A/B]}}\nsupporting:\n  - {row: os, note: n, types: {arm: [a/b]}}\n",
            "arm type 'A/B' is listed by service 'x' and as supporting row 'os'",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s}\nsupporting:\n  - {row: kernel, note: n, types: {}}\n",
            "supporting entry names 'kernel' in `row`",
        ),
        (
            "  - {id: x, name: X, provider: a, base: paas, source: s, when: {kind: app}}\n",
            "service 'x' names field 'kind' in `when`, which it does not declare in `fields`",
        ),
    ];
    for (services, message) in cases {
        let (code, out, err) = validate(services);
        assert_eq!(code, 1, "{services}: {err}");
        assert!(out.is_empty(), "{out}");
        assert!(
            err.contains(message),
            "{services}\nwanted: {message}\ngot: {err}"
        );
        assert!(err.starts_with("<stdin>:"), "placed: {err}");
        assert!(!err.contains("panicked"), "{err}");
    }
}

#[test]
fn a_catalogue_without_services_says_so_when_asked_for_them() {
    let text = BASE;
    srm()
        .args(["--catalog", "-", "services"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout("this catalogue declares no services\n");
    srm()
        .args(["--catalog", "-", "who", "--model", "aws-lambda"])
        .write_stdin(text)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown model 'aws-lambda'"));
}

#[test]
fn runs_that_name_no_service_answer_as_the_whole_catalogue_does() {
    // The embedded catalogue is read without its services unless a name needs them, and
    // without its control mapping unless the command answers about controls; the same
    // catalogue read whole, from a file, gives the same answers.
    let whole = srm().args(["catalog", "show"]).output().unwrap().stdout;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("whole.yaml");
    std::fs::write(&path, whole).unwrap();
    let path = path.to_str().unwrap();
    for args in [
        &["who", "--layer", "os", "--model", "paas", "--json"][..],
        &["who", "--json"],
        &["matrix", "--json"],
        &["diff", "iaas", "saas", "--json"],
        &["checklist", "paas", "--json"],
        &["controls", "--model", "saas", "--json"],
        &["control", "ac-2", "--json"],
        &["diff", "iaas", "paas", "--controls", "--json"],
        &["controls", "--model", "gcp-cloud-run", "--json"],
        &["find", "ac-2", "--json"],
        &["services", "--json"],
        &["explain", "os", "--json"],
        &[
            "who",
            "--layer",
            "os",
            "--model",
            "aws-lambda:image",
            "--json",
        ],
        &["matrix", "--model", "paas,gcp-cloud-run", "--json"],
    ] {
        let lean = stdout_of(args);
        let mut with_file = vec!["--catalog", path];
        with_file.extend_from_slice(args);
        assert_eq!(lean, stdout_of(&with_file), "{args:?}");
    }
}

#[test]
fn many_services_and_variants_get_their_answers() {
    // The shapes bench/hostile.py times at full size: each answer here is the one its shape
    // must get, however many services and variants there are.
    let head = crate::shapes::HEAD;
    let row = "  - {id: l, name: L, owners: {a: customer, b: customer}, source: s}\n";
    let services: String = (0..2_000)
        .map(|i| {
            format!(
                "  - {{id: s{i}, name: S, provider: p, base: a, source: s, rows: {{l: {{owner: provider, note: N, source: s}}}}}}\n"
            )
        })
        .collect();
    let variants: Vec<String> = (0..2_000)
        .map(|i| {
            format!("{{id: v{i}, name: V, rows: {{l: {{owner: shared, note: N, source: s}}}}}}")
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let many = crate::shapes::file(
        &dir,
        "many.yaml",
        &format!("{head}{row}services:\n{services}"),
    );
    let one = crate::shapes::file(
        &dir,
        "one.yaml",
        &format!(
            "{head}{row}services:\n  - {{id: x, name: X, provider: p, base: a, source: s, variants: [{{id: d, name: D, default: true, why: W}}, {}]}}\n",
            variants.join(", ")
        ),
    );
    let who: WhoJson = json_of(&["--catalog", &many, "who", "--model", "s1999", "--json"]);
    assert_eq!(
        (who.cells[0].model.as_str(), who.cells[0].owner.as_str()),
        ("s1999", "provider")
    );
    let listed: ServicesJson = json_of(&["--catalog", &many, "services", "--json"]);
    assert_eq!(listed.services.len(), 2_000);
    let who: WhoJson = json_of(&["--catalog", &one, "who", "--model", "x:v1999", "--json"]);
    assert_eq!(who.cells[0].owner, "shared");
    let who: WhoJson = json_of(&["--catalog", &one, "who", "--model", "x", "--json"]);
    assert_eq!(
        (who.cells[0].variant.as_deref(), who.cells[0].owner.as_str()),
        (Some("d"), "customer")
    );
    let listed: ServicesJson = json_of(&["--catalog", &one, "services", "--json"]);
    assert_eq!(listed.services[0].variants.len(), 2_001);
}

#[test]
fn find_points_a_service_name_to_the_service_and_the_rows_it_speaks_of() {
    for (typed, id) in [
        (&["lambda"][..], "aws-lambda"),
        (&["AWS", "Lambda"], "aws-lambda"),
        (&["cloud", "run"], "gcp-cloud-run"),
        (
            &["who patches the os under app service"],
            "azure-app-service",
        ),
        (&["rds"], "aws-rds"),
    ] {
        let mut args = vec!["find"];
        args.extend_from_slice(typed);
        args.push("--json");
        let doc: serde_json::Value = serde_json::from_str(&stdout_of(&args)).unwrap();
        let see = doc["see"].as_array().unwrap();
        assert!(
            see.iter().any(|p| p["kind"] == "service"
                && p["id"] == id
                && p["command"] == format!("srm explain {id}")),
            "{typed:?}: {see:?}"
        );
        let rows: Vec<&str> = doc["rows"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        assert!(
            rows.contains(&"os") || rows.contains(&"runtime"),
            "{typed:?}: {rows:?}"
        );
    }
    // The service is a column of the answer.
    let doc: serde_json::Value =
        serde_json::from_str(&stdout_of(&["find", "cloud", "run", "--json"])).unwrap();
    let os = doc["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "os")
        .unwrap();
    assert_eq!(os["owners"]["gcp-cloud-run"], "customer");
    assert_eq!(os["owners"]["paas"], "provider");
    let table = stdout_of(&["find", "lambda"]);
    assert!(table.contains("see `srm explain aws-lambda`"), "{table}");
    assert!(table.contains("service"), "{table}");
    // A word that names no service is searched as a word.
    let doc: serde_json::Value =
        serde_json::from_str(&stdout_of(&["find", "patching", "--json"])).unwrap();
    assert_eq!(doc["see"], serde_json::json!([]));
}

#[test]
fn a_variant_is_found_by_id_before_another_variant_s_name() {
    let (code, _, err) = validate(
        "  - id: x
    name: X
    provider: p
    base: paas
    source: s
    variants:
      - {id: a, name: Manual, default: true, why: w, rows: {os: {owner: customer, note: from-a, source: s}}}
      - {id: manual, name: B, rows: {os: {owner: shared, note: from-manual, source: s}}}
",
    );
    assert_eq!(code, 0, "{err}");
    let text = format!(
        "{BASE}services:\n  - {{id: x, name: X, provider: p, base: paas, source: s, variants: [{{id: a, name: Manual, default: true, why: w, rows: {{os: {{owner: customer, note: from-a, source: s}}}}}}, {{id: manual, name: B, rows: {{os: {{owner: shared, note: from-manual, source: s}}}}}}]}}\n"
    );
    let who = |model: &str| -> WhoJson {
        let out = srm()
            .args([
                "--catalog",
                "-",
                "who",
                "--layer",
                "os",
                "--model",
                model,
                "--json",
            ])
            .write_stdin(text.clone())
            .output()
            .unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_eq!(who("x:manual").cells[0].variant.as_deref(), Some("manual"));
    assert_eq!(who("x:B").cells[0].variant.as_deref(), Some("manual"));
    assert_eq!(who("x:a").cells[0].variant.as_deref(), Some("a"));
}

#[test]
fn caveats_stay_when_an_edit_gives_the_row_to_the_customer() {
    let text = "sources: [{id: s, title: S}]
models: [{id: iaas, name: IaaS}, {id: paas, name: PaaS}]
layers:
  - {id: os, name: OS, owners: {iaas: customer, paas: customer}, source: s, duties: {customer: [patch it]}, caveats: {paas: [rebuild images]}}
";
    let out = srm()
        .args(["--catalog", "-", "checklist", "paas", "--json"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let c: ChecklistJson = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(c.rows[0].duties, ["patch it", "rebuild images"]);
}

#[test]
fn explain_csv_matrix_and_find_show_services_as_themselves() {
    let table = stdout_of(&["explain", "aws-lambda"]);
    assert!(
        table.contains("Operating system (os)"),
        "layers, not the service, label the rows:\n{table}"
    );
    assert!(
        table.contains("aws-lambda-operator-guide"),
        "an override's source is cited:\n{table}"
    );
    let csv = stdout_of(&[
        "matrix",
        "--model",
        "aws-lambda:manual,aws-lambda",
        "--format",
        "csv",
    ]);
    assert!(
        csv.starts_with("id,layer,name,aws-lambda:manual,aws-lambda,retained\n"),
        "{csv}"
    );
    let doc: serde_json::Value =
        serde_json::from_str(&stdout_of(&["find", "serverless", "--json"])).unwrap();
    let see: Vec<&str> = doc["see"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    assert!(
        see.contains(&"aws-lambda") && see.contains(&"gcp-cloud-run"),
        "{see:?}"
    );
    assert!(
        !see.contains(&"aws-rds"),
        "serverless is no stem of sql-server: {see:?}"
    );
    srm()
        .args(["services", "--provider", ""])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--provider is empty"));
}

#[test]
fn service_columns_past_the_catalogue_s_cell_budget_are_refused_before_anything_is_built() {
    let rows: String = (0..300)
        .map(|i| {
            format!("  - {{id: r{i}, name: R, owners: {{a: customer, b: customer}}, source: s}}\n")
        })
        .collect();
    let services: String = (0..300)
        .map(|i| format!("  - {{id: s{i}, name: S, provider: p, base: a, source: s}}\n"))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = crate::shapes::file(
        &dir,
        "wide.yaml",
        &format!("{}{rows}services:\n{services}", crate::shapes::HEAD),
    );
    let all: Vec<String> = (0..300).map(|i| format!("s{i}")).collect();
    let out = srm()
        .args(["--catalog", &path, "matrix", "--model", &all.join(",")])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(out.stdout.is_empty());
    assert!(
        err.contains("300 services over 300 rows make 90000 cells"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    // Fewer rows fit.
    let out = srm()
        .args([
            "--catalog",
            &path,
            "matrix",
            "--model",
            &all.join(","),
            "--layer",
            "r1,r2",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
}
