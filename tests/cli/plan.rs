//! `srm plan`: the project's own fixtures of every format (tests/fixtures/plan, with what each
//! must give in EXPECTED.md), canary secrets that must never come out, refusals with places,
//! comparisons, merging, and streaming.

use std::path::PathBuf;

use serde_json::Value;

use crate::srm;

fn fixture(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/plan")
        .join(name);
    p.to_string_lossy().into_owned()
}

/// Runs srm, returning (exit code, stdout, stderr).
fn run(args: &[&str]) -> (i32, String, String) {
    let out = srm().args(args).output().expect("srm runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

fn plan_json(args: &[&str]) -> Value {
    let mut all = vec!["plan"];
    all.extend_from_slice(args);
    all.push("--json");
    let (code, out, err) = run(&all);
    assert_eq!(code, 0, "srm {all:?} failed: {err}");
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("srm {all:?}: not JSON ({e}): {out}"))
}

/// What a resource of the JSON is, written as EXPECTED.md writes it.
fn is(r: &Value) -> String {
    match (r["service"].as_str(), r["supporting"].as_str()) {
        (Some(s), _) => match r["variant"].as_str() {
            Some(v) => format!("{s}:{v}"),
            None => s.to_string(),
        },
        (None, Some(row)) => format!("supporting {row}"),
        (None, None) => "unclassified".to_string(),
    }
}

/// A row of an expected table: address, type, what it is.
type Row = (String, String, String);

/// The expected tables of EXPECTED.md: file → (address, type, expected) in file order.
fn expected() -> Vec<(Vec<String>, Vec<Row>)> {
    let text = std::fs::read_to_string(fixture("EXPECTED.md")).unwrap();
    let mut out: Vec<(Vec<String>, Vec<Row>)> = Vec::new();
    let mut in_good = false;
    for line in text.lines() {
        if line.starts_with("## ") {
            in_good = line == "## Good files";
            continue;
        }
        if !in_good {
            continue;
        }
        if let Some(head) = line.strip_prefix("### ") {
            let files: Vec<String> = head
                .split('`')
                .skip(1)
                .step_by(2)
                .take_while(|f| f.contains('.'))
                .map(str::to_string)
                .collect();
            out.push((files, Vec::new()));
            continue;
        }
        let cells: Vec<&str> = line.split(" | ").collect();
        if line.starts_with("| `") && cells.len() >= 3 {
            let tick = |s: &str| s.split('`').nth(1).unwrap_or_default().to_string();
            let address = tick(cells[0].trim_start_matches("| "));
            let ty = tick(cells[1]);
            let what = tick(cells[2]);
            if let Some(last) = out.last_mut() {
                last.1.push((address, ty, what));
            }
        }
    }
    out
}

#[test]
fn every_fixture_classifies_as_expected() {
    let all = expected();
    assert!(
        all.len() >= 9,
        "EXPECTED.md lists too few fixtures: {}",
        all.len()
    );
    for (files, rows) in all {
        for file in &files {
            if file == "tf-plan.json" {
                continue; // two sides: a test of its own below
            }
            let doc = plan_json(&[&fixture(file)]);
            let got: Vec<(String, String, String)> = doc["resources"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| {
                    (
                        r["address"].as_str().unwrap().to_string(),
                        r["type"].as_str().unwrap().to_string(),
                        is(r),
                    )
                })
                .collect();
            assert_eq!(got.len(), rows.len(), "{file}: {got:?}");
            for (g, want) in got.iter().zip(&rows) {
                // EXPECTED.md shortens long ids to their end (`…/Microsoft.Web/sites/x`).
                let address_ok = match want.0.strip_prefix('…') {
                    Some(end) => g.0.ends_with(end),
                    None => g.0 == want.0,
                };
                assert!(
                    address_ok && g.1 == want.1 && g.2 == want.2,
                    "{file}: {g:?} is not {want:?}"
                );
            }
            assert_eq!(doc["totals"]["resources"], rows.len(), "{file}");
        }
    }
}

#[test]
fn conditions_and_default_variants_are_marked() {
    let doc = plan_json(&[&fixture("cfn.json")]);
    let by = |a: &str| {
        doc["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["address"] == a)
            .cloned()
            .unwrap()
    };
    assert_eq!(by("WebServer")["conditional"], true);
    assert_eq!(by("WebSg")["conditional"], false);
    // No PackageType: the field's default (Zip) and Auto select the auto variant by fields.
    assert_eq!(by("FnZip")["variant"], "auto");
    let arm = plan_json(&[&fixture("arm.json")]);
    let web = arm["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["type"] == "Microsoft.Web/sites" && r["variant"] == "built-in")
        .cloned()
        .unwrap();
    assert_eq!(
        web["default_variant"], true,
        "no deciding field said built-in"
    );
}

#[test]
fn a_terraform_plan_compares_its_prior_state_with_its_planned_values() {
    let doc = plan_json(&[&fixture("tf-plan.json")]);
    assert_eq!(doc["inputs"][0]["format"], "terraform-plan");
    let changes: Vec<(String, String)> = doc["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["address"].as_str().unwrap().to_string(),
                c["change"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(
        changes,
        [
            ("aws_instance.app".to_string(), "removed".to_string()),
            ("aws_lambda_function.app".to_string(), "added".to_string()),
        ]
    );
    let os = doc["row_changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["row"] == "os")
        .cloned()
        .expect("os changes holder");
    assert_eq!(os["direction"], "toward_provider");
    let removed = doc["duties_removed"].as_array().unwrap();
    assert!(
        removed
            .iter()
            .any(|d| d["row"] == "os" && d["duty"].as_str().unwrap().contains("Patch")),
        "the OS-patching duty disappears: {removed:?}"
    );
}

const VM: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {"type": "Microsoft.Network/networkInterfaces", "name": "nic", "properties": {}},
    {"type": "Microsoft.Compute/virtualMachines", "name": "vm", "properties": {"osProfile": {"adminPassword": "CANARY-vm-1"}}}
  ]
}"#;

const WEBAPP: &str = r#"{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    {"type": "Microsoft.Web/serverfarms", "name": "plan", "properties": {}},
    {"type": "Microsoft.Web/sites", "name": "site", "kind": "app,linux", "properties": {"siteConfig": {"appSettings": [{"value": "CANARY-web-1"}]}}}
  ]
}"#;

#[test]
fn moving_a_vm_to_app_service_takes_the_os_patching_duty_away() {
    let mut cmd = srm();
    std::fs::write(cmd.dir().join("vm.json"), VM).unwrap();
    std::fs::write(cmd.dir().join("webapp.json"), WEBAPP).unwrap();
    let out = cmd
        .args(["plan", "webapp.json", "--against", "vm.json", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(!text.contains("CANARY"));
    let doc: Value = serde_json::from_str(&text).unwrap();
    let moved = |row: &str| {
        doc["row_changes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["row"] == row)
            .map(|r| r["direction"].as_str().unwrap().to_string())
    };
    assert_eq!(moved("os").as_deref(), Some("toward_provider"));
    assert_eq!(moved("runtime").as_deref(), Some("toward_provider"));
    assert_eq!(moved("data"), None, "data stays the customer's");
    let removed: Vec<&Value> = doc["duties_removed"].as_array().unwrap().iter().collect();
    assert!(removed.iter().any(|d| d["row"] == "os"));
    for kept in ["data", "identity-infrastructure", "accounts", "config"] {
        assert!(
            removed.iter().all(|d| d["row"] != kept),
            "{kept} duties stay: {removed:?}"
        );
    }
    for kept in ["data", "config"] {
        assert!(
            doc["duties"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["row"] == kept),
            "{kept} duties are still listed"
        );
    }
}

/// Every file of the fixture folder, good or broken, in every format: no canary comes out.
#[test]
fn no_canary_secret_comes_out_in_any_format() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/plan");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|f| !f.ends_with(".md"))
        .collect();
    files.sort();
    assert!(files.len() >= 15, "{files:?}");
    let mut planted = 0;
    for f in &files {
        let path = fixture(f);
        let text = std::fs::read_to_string(&path).unwrap();
        planted += text.matches("CANARY-").count();
        for format in ["table", "json", "csv", "markdown"] {
            for extra in [
                &[][..],
                &["--against", &path][..],
                &["--strict", "--scope", "all"][..],
            ] {
                let mut args = vec!["plan", &path, "--format", format];
                args.extend_from_slice(extra);
                let (_, out, err) = run(&args);
                assert!(
                    !out.contains("CANARY") && !err.contains("CANARY"),
                    "srm {args:?} printed a canary:\n{out}\n{err}"
                );
            }
        }
    }
    assert!(planted >= 100, "the fixtures plant canaries ({planted})");
}

#[test]
fn broken_inventories_are_refused_with_their_place_and_nothing_on_stdout() {
    for (file, place, words) in [
        (
            "tf-bad-version.json",
            "tf-bad-version.json: ",
            "format_version '2.0'",
        ),
        (
            "tf-truncated.json",
            "tf-truncated.json:7:",
            "ends in the middle",
        ),
        ("cfn-bad.yaml", "cfn-bad.yaml:9:", "tab"),
        ("arm-bad.json", "arm-bad.json:13:", "list of resources"),
        ("cai-bad.ndjson", "cai-bad.ndjson:3:", "not valid JSON"),
    ] {
        let (code, out, err) = run(&["plan", &fixture(file)]);
        assert_eq!(code, 1, "{file}: {err}");
        assert!(out.is_empty(), "{file} printed: {out}");
        assert_eq!(err.lines().count(), 1, "{file}: {err}");
        assert!(err.contains(place), "{file}: {err}");
        assert!(err.contains(words), "{file}: {err}");
    }
}

#[test]
fn unclassified_resources_are_reported_and_strict_fails_on_them() {
    let cfn = fixture("cfn.json");
    let (code, out, err) = run(&["plan", &cfn]);
    assert_eq!(code, 0);
    assert!(out.contains("AWS::SNS::Topic"), "{out}");
    assert!(
        err.contains("1 resource unclassified: AWS::SNS::Topic"),
        "{err}"
    );
    let (code, _, _) = run(&["plan", &cfn, "--strict"]);
    assert_eq!(code, 1);
    let (code, _, err) = run(&["plan", &fixture("tf-plan.json"), "--strict"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["plan"][..],
        &["plan", "x.json", "--from", "nonsense"],
        &["plan", "x.json", "--format", "yaml"],
        &["plan", "merge"],
        &["plan", "-", "-"],
    ] {
        let (code, out, _) = run(args);
        assert_eq!(code, 2, "{args:?}");
        assert!(out.is_empty());
    }
}

#[test]
fn from_forces_a_format_and_says_what_the_file_lacks() {
    let (code, _, err) = run(&["plan", &fixture("cfn.json"), "--from", "arm-template"]);
    assert_eq!(code, 1);
    assert!(err.contains("not an ARM template"), "{err}");
    let doc = plan_json(&[&fixture("cfn.json"), "--from", "cloudformation"]);
    assert_eq!(doc["inputs"][0]["format"], "cloudformation");
}

#[test]
fn standard_input_is_read_with_a_dash() {
    let text = std::fs::read_to_string(fixture("cai.ndjson")).unwrap();
    let out = srm()
        .args(["plan", "-", "--json"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(out.status.success());
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["inputs"][0]["path"], "-");
    assert_eq!(doc["inputs"][0]["format"], "asset-inventory");
}

/// A small deterministic generator, for splits and inventories.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

const ASSET_TYPES: &[&str] = &[
    "compute.googleapis.com/Instance",
    "compute.googleapis.com/Disk",
    "run.googleapis.com/Service",
    "storage.googleapis.com/Bucket",
    "sqladmin.googleapis.com/Instance",
    "pubsub.googleapis.com/Topic",
    "example.googleapis.com/Unknown",
];

fn asset_line(i: usize, ty: &str) -> String {
    format!(
        r#"{{"name":"//x/projects/p/a-{i}","asset_type":"{ty}","resource":{{"data":{{"secret":"CANARY-gen-{i}"}}}}}}"#
    )
}

#[test]
fn merged_results_of_parts_equal_one_run_over_all_parts() {
    for seed in 1..=6u64 {
        let mut rng = Lcg(seed);
        let parts = 1 + rng.next(4) as usize;
        let mut texts = vec![String::new(); parts];
        for i in 0..(20 + rng.next(40) as usize) {
            let ty = ASSET_TYPES[rng.next(ASSET_TYPES.len() as u64) as usize];
            let p = rng.next(parts as u64) as usize;
            texts[p].push_str(&asset_line(i, ty));
            texts[p].push('\n');
        }
        let mut cmd = srm();
        let dir = cmd.dir().to_path_buf();
        let names: Vec<String> = (0..parts).map(|p| format!("part{p}.ndjson")).collect();
        for (name, text) in names.iter().zip(&texts) {
            std::fs::write(dir.join(name), text).unwrap();
        }
        let mut whole = vec!["plan"];
        whole.extend(names.iter().map(String::as_str));
        whole.push("--json");
        let one = cmd.args(&whole).output().unwrap();
        assert!(one.status.success());
        let one: Value = serde_json::from_slice(&one.stdout).unwrap();
        let mut results = Vec::new();
        for (p, name) in names.iter().enumerate() {
            let out = srm()
                .current_dir(&dir)
                .args(["plan", name, "--json"])
                .output()
                .unwrap();
            assert!(out.status.success());
            let result = format!("r{p}.json");
            std::fs::write(dir.join(&result), &out.stdout).unwrap();
            results.push(result);
        }
        let mut merge = vec!["plan", "merge"];
        merge.extend(results.iter().map(String::as_str));
        merge.push("--json");
        let merged = srm().current_dir(&dir).args(&merge).output().unwrap();
        assert!(
            merged.status.success(),
            "{}",
            String::from_utf8_lossy(&merged.stderr)
        );
        let merged: Value = serde_json::from_slice(&merged.stdout).unwrap();
        assert_eq!(merged, one, "seed {seed}, {parts} parts");
    }
}

#[test]
fn merge_refuses_what_is_not_a_plan_result() {
    let (code, out, err) = run(&["plan", "merge", &fixture("cfn.json")]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("not an `srm plan --json` result"), "{err}");
    assert!(!err.contains("CANARY"));
}

#[test]
fn a_ten_megabyte_export_is_streamed() {
    let mut cmd = srm();
    let mut text = String::new();
    let mut i = 0;
    while text.len() < 10 << 20 {
        text.push_str(&asset_line(i, ASSET_TYPES[i % ASSET_TYPES.len()]));
        text.push('\n');
        i += 1;
    }
    std::fs::write(cmd.dir().join("big.ndjson"), &text).unwrap();
    let out = cmd
        .args(["plan", "big.ndjson", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(csv.starts_with("status,row,layer,owner,duty"), "{csv}");
    assert!(!csv.contains("CANARY"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    let unknown = (0..i).filter(|k| k % ASSET_TYPES.len() >= 5).count();
    assert!(
        stderr.contains(&format!("{unknown} resources unclassified")),
        "{stderr}"
    );
}

#[test]
fn a_large_table_lists_the_first_resources_and_says_how_many_more() {
    let mut cmd = srm();
    let text: String = (0..1500)
        .map(|i| asset_line(i, "storage.googleapis.com/Bucket") + "\n")
        .collect();
    std::fs::write(cmd.dir().join("many.ndjson"), &text).unwrap();
    let out = cmd.args(["plan", "many.ndjson"]).output().unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("500 more resources not listed (--json lists them all)"),
        "{table}"
    );
}

#[test]
fn names_with_invisible_characters_are_escaped() {
    let cmd = srm();
    std::fs::write(
        cmd.dir().join("odd.ndjson"),
        "{\"name\":\"evil\u{202e}cod.exe\",\"asset_type\":\"storage.googleapis.com/Bucket\"}\n{\"name\":\"b\",\"asset_type\":\"storage.googleapis.com/Bucket\"}\n",
    )
    .unwrap();
    for format in ["table", "json", "markdown", "csv"] {
        let out = cmd_output(&cmd, &["plan", "odd.ndjson", "--format", format]);
        assert!(!out.contains('\u{202e}'), "{format}: {out}");
    }
}

fn cmd_output(cmd: &crate::Srm, args: &[&str]) -> String {
    let out = srm().current_dir(cmd.dir()).args(args).output().unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// Writes `files` into a fresh srm's directory and runs `args` there.
fn run_with(files: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let cmd = srm();
    for (name, text) in files {
        std::fs::write(cmd.dir().join(name), text).unwrap();
    }
    let out = srm().current_dir(cmd.dir()).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(out: &str) -> Value {
    serde_json::from_str(out).unwrap_or_else(|e| panic!("not JSON ({e}): {out}"))
}

#[test]
fn terraform_edge_shapes_are_read_or_refused_in_words() {
    // `terraform show -json` with no state at all.
    let (code, out, err) = run_with(
        &[("e.json", r#"{"format_version":"1.0"}"#)],
        &["plan", "e.json", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["inputs"][0]["format"], "terraform-state");
    assert_eq!(json(&out)["totals"]["resources"], 0);
    // A raw state file is not read as an ARM template.
    let raw = r#"{"version":4,"terraform_version":"1.9.5","serial":3,"lineage":"x","outputs":{},
        "resources":[{"mode":"managed","type":"aws_instance","name":"web","instances":[{"attributes":{"password":"CANARY-raw-1"}}]}]}"#;
    let (code, out, err) = run_with(&[("t.tfstate", raw)], &["plan", "t.tfstate"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("terraform show -json"), "{err}");
    assert!(!err.contains("CANARY"));
    // A format_version that is not a version is not quoted.
    let (code, _, err) = run_with(
        &[(
            "v.json",
            r#"{"format_version":"AKIACANARYSECRET","values":{}}"#,
        )],
        &["plan", "v.json"],
    );
    assert_eq!(code, 1);
    assert!(!err.contains("AKIA"), "{err}");
}

#[test]
fn arm_children_deployments_and_existing_references() {
    let template = r#"{"$schema":"https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      "contentVersion":"1.0.0.0","resources":[
        {"type":"Microsoft.Web/sites","name":"shop","kind":"app","condition":"[parameters('on')]",
         "resources":[{"type":"slots","name":"staging","kind":"app"}]},
        {"type":"Microsoft.Web/sites","name":"old","kind":"app","existing":true},
        {"type":"Microsoft.Resources/deployments","name":"module","properties":{"template":{"resources":[
          {"type":"Microsoft.Web/sites","name":"fn","kind":"functionapp"}]}}}]}"#;
    let (code, out, err) = run_with(&[("a.json", template)], &["plan", "a.json", "--json"]);
    assert_eq!(code, 0, "{err}");
    let doc = json(&out);
    let got: Vec<(String, String, bool)> = doc["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["address"].as_str().unwrap().to_string(),
                is(r),
                r["conditional"] == true,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "shop".to_string(),
                "azure-app-service:built-in".to_string(),
                true
            ),
            (
                "shop/staging".to_string(),
                "azure-app-service:built-in".to_string(),
                true
            ),
            ("fn".to_string(), "azure-functions".to_string(), false),
        ]
    );
}

#[test]
fn arm_nesting_past_the_limit_is_refused_not_a_crash() {
    let depth = 5000;
    let mut text = String::from(r#"{"$schema":"x","resources":["#);
    for _ in 0..depth {
        text.push_str(r#"{"type":"a","resources":["#);
    }
    for _ in 0..depth {
        text.push_str("]}");
    }
    text.push_str("]}");
    let (code, out, err) = run_with(&[("deep.json", &text)], &["plan", "deep.json"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("nest deeper than"), "{err}");
}

#[test]
fn a_type_whose_every_when_fails_is_unclassified() {
    // Only Aurora lists aws_rds_cluster, when its engine starts with aurora.
    let state = r#"{"format_version":"1.0","values":{"root_module":{"resources":[
        {"address":"aws_rds_cluster.a","mode":"managed","type":"aws_rds_cluster","name":"a","values":{"engine":"aurora-postgresql"}},
        {"address":"aws_rds_cluster.m","mode":"managed","type":"aws_rds_cluster","name":"m","values":{"engine":"mysql"}}]}}}"#;
    let (code, out, _) = run_with(&[("s.json", state)], &["plan", "s.json", "--json"]);
    assert_eq!(code, 0);
    let doc = json(&out);
    assert_eq!(is(&doc["resources"][0]), "aws-aurora");
    assert_eq!(is(&doc["resources"][1]), "unclassified");
}

#[test]
fn aws_config_history_is_read_as_the_latest_state_of_each_resource() {
    let items = r#"{"configurationItems":[
      {"resourceType":"AWS::Lambda::Function","resourceId":"f1","resourceName":"fn","arn":"arn:aws:lambda:x:1:function:fn",
       "configurationItemStatus":"OK","configurationItemCaptureTime":"2026-11-02T00:00:00Z",
       "configuration":"{\"packageType\":\"Image\",\"environment\":{\"variables\":{\"K\":\"CANARY-cfg-1\"}}}"},
      {"resourceType":"AWS::Lambda::Function","resourceId":"f1","resourceName":"fn",
       "configurationItemStatus":"OK","configurationItemCaptureTime":"2026-11-01T00:00:00Z",
       "configuration":"{\"packageType\":\"Zip\"}"},
      {"resourceType":"AWS::EC2::Instance","resourceId":"i-gone","configurationItemStatus":"ResourceDeleted",
       "configurationItemCaptureTime":"2026-11-03T00:00:00Z"}]}"#;
    let (code, out, err) = run_with(&[("c.json", items)], &["plan", "c.json", "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("CANARY"));
    let doc = json(&out);
    let resources = doc["resources"].as_array().unwrap();
    assert_eq!(resources.len(), 1, "{resources:?}");
    assert_eq!(is(&resources[0]), "aws-lambda:image");
}

#[test]
fn comparisons_match_addresses_within_each_plan_and_against_counts_once() {
    let plan = |before: &str, after: &str| {
        format!(
            r#"{{"format_version":"1.2","planned_values":{{"root_module":{{"resources":[{after}]}}}},
            "prior_state":{{"format_version":"1.0","values":{{"root_module":{{"resources":[{before}]}}}}}}}}"#
        )
    };
    let fun = r#"{"address":"aws_lambda_function.app","mode":"managed","type":"aws_lambda_function","name":"app","values":{}}"#;
    let a = plan(fun, fun);
    let b = plan("", fun);
    let (code, out, err) = run_with(
        &[("a.json", &a), ("b.json", &b)],
        &["plan", "a.json", "b.json", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let doc = json(&out);
    let changes = doc["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["input"], 1);
    assert_eq!(changes[0]["change"], "added");
    // An --against plan is its planned values, once.
    let (code, out, err) = run_with(
        &[("a.json", &a), ("b.json", &b)],
        &["plan", "b.json", "--against", "a.json", "--json"],
    );
    assert_eq!(code, 0, "{err}");
    let doc = json(&out);
    assert_eq!(doc["previous"]["resources"], 1);
    assert_eq!(doc["previous"]["inputs"][0]["resources"], 1);
    assert_eq!(doc["changes"].as_array().unwrap().len(), 0);
}

#[test]
fn merge_joins_a_plan_and_a_state_as_one_run_does() {
    let plan = std::fs::read_to_string(fixture("tf-plan.json")).unwrap();
    let state = std::fs::read_to_string(fixture("tf-state.json")).unwrap();
    let cmd = srm();
    let dir = cmd.dir().to_path_buf();
    std::fs::write(dir.join("p.json"), plan).unwrap();
    std::fs::write(dir.join("s.json"), state).unwrap();
    let one = srm()
        .current_dir(&dir)
        .args(["plan", "p.json", "s.json", "--json"])
        .output()
        .unwrap();
    assert!(one.status.success());
    for (name, out) in [("p.json", "r1.json"), ("s.json", "r2.json")] {
        let r = srm()
            .current_dir(&dir)
            .args(["plan", name, "--json", "-o", out])
            .output()
            .unwrap();
        assert!(r.status.success());
    }
    let merged = srm()
        .current_dir(&dir)
        .args(["plan", "merge", "r1.json", "r2.json", "--json"])
        .output()
        .unwrap();
    assert!(
        merged.status.success(),
        "{}",
        String::from_utf8_lossy(&merged.stderr)
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&merged.stdout).unwrap(),
        serde_json::from_slice::<Value>(&one.stdout).unwrap()
    );
}

#[test]
fn merge_refuses_counts_no_result_could_hold() {
    let cmd = srm();
    let dir = cmd.dir().to_path_buf();
    std::fs::write(
        dir.join("a.ndjson"),
        asset_line(1, "storage.googleapis.com/Bucket") + "\n",
    )
    .unwrap();
    let r = srm()
        .current_dir(&dir)
        .args(["plan", "a.ndjson", "--json"])
        .output()
        .unwrap();
    let mut doc: Value = serde_json::from_slice(&r.stdout).unwrap();
    doc["totals"]["resources"] = Value::from(u64::MAX);
    std::fs::write(dir.join("r.json"), doc.to_string()).unwrap();
    let out = srm()
        .current_dir(&dir)
        .args(["plan", "merge", "r.json", "r.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("too large"));
    doc["totals"]["resources"] = Value::from(1);
    doc["resources"][0]["input"] = Value::from(7);
    std::fs::write(dir.join("r.json"), doc.to_string()).unwrap();
    let out = srm()
        .current_dir(&dir)
        .args(["plan", "merge", "r.json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn yaml_errors_and_byte_order_marks() {
    let dup = "Resources:\n  CANARY-key-1:\n    Type: AWS::S3::Bucket\n  CANARY-key-1:\n    Type: AWS::S3::Bucket\n";
    let (code, out, err) = run_with(&[("d.yaml", dup)], &["plan", "d.yaml"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("written twice"), "{err}");
    assert!(!err.contains("CANARY"), "{err}");
    let bom = format!(
        "\u{feff}{}\n{}\n",
        asset_line(1, "storage.googleapis.com/Bucket"),
        asset_line(2, "storage.googleapis.com/Bucket")
    );
    let (code, out, err) = run_with(&[("b.ndjson", &bom)], &["plan", "b.ndjson", "--json"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["totals"]["resources"], 2);
}

#[test]
fn a_terraform_resource_whose_values_come_before_its_type_is_read_alike() {
    let state = r#"{"format_version":"1.0","values":{"root_module":{"resources":[
        {"values":{"package_type":"Image","secret":"CANARY-late-1"},"type":"aws_lambda_function","address":"aws_lambda_function.late","mode":"managed","name":"late"},
        {"address":"aws_lambda_function.early","mode":"managed","type":"aws_lambda_function","name":"early","values":{"package_type":"Image"}},
        {"mode":"managed","type":"aws_instance","name":"bare"}]}}}"#;
    let (code, out, err) = run_with(&[("s.json", state)], &["plan", "s.json", "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("CANARY"));
    let doc = json(&out);
    let got: Vec<(String, String)> = doc["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["address"].as_str().unwrap().to_string(), is(r)))
        .collect();
    assert_eq!(
        got,
        [
            (
                "aws_lambda_function.late".to_string(),
                "aws-lambda:image".to_string()
            ),
            (
                "aws_lambda_function.early".to_string(),
                "aws-lambda:image".to_string()
            ),
            ("aws_instance.bare".to_string(), "aws-ec2".to_string()),
        ]
    );
}
