//! Every command in table form: what a person sees.

use predicates::prelude::*;

use crate::{srm, stdout_of};

#[test]
fn who_one_cell_says_the_provider_owns_the_os_under_paas() {
    let out = stdout_of(&["who", "--layer", "os", "--model", "paas"]);
    let row = out
        .lines()
        .find(|l| l.contains("Operating system (os)"))
        .unwrap_or_else(|| panic!("{out}"));
    assert!(row.contains("┆ paas  ┆ provider ┆"), "{out}");
    // The provider's duties and the sources come with --json.
    let doc: serde_json::Value = serde_json::from_str(&stdout_of(&[
        "who", "--layer", "os", "--model", "paas", "--json",
    ]))
    .unwrap();
    let cell = &doc["cells"][0];
    assert!(!cell["duties"]["provider"].as_array().unwrap().is_empty());
    // What the provider's OS still leaves the customer: its caveats under PaaS.
    let customer = cell["duties"]["customer"].as_array().unwrap();
    assert!(
        customer
            .iter()
            .any(|d| d.as_str().unwrap().contains("container images"))
    );
    assert!(
        !customer
            .iter()
            .any(|d| d.as_str().unwrap().starts_with("Patch and harden"))
    );
    assert_eq!(cell["sources"][0]["id"], "ms-classic");
}

#[test]
fn ids_match_case_insensitively_and_through_aliases() {
    let a = stdout_of(&["who", "--layer", "OS", "--model", "PaaS"]);
    let b = stdout_of(&["who", "--layer", "os", "--model", "paas"]);
    assert_eq!(a, b);
    assert_eq!(
        stdout_of(&[
            "who",
            "--layer",
            "operating_system",
            "--model",
            "on-premises",
        ]),
        stdout_of(&["who", "--layer", "os", "--model", "on-prem"])
    );
    assert_eq!(
        stdout_of(&["who", "-l", "Devices", "-m", "Software as a service"]),
        stdout_of(&["who", "--layer", "endpoint", "--model", "saas"])
    );
}

#[test]
fn who_one_cell_of_parts_shows_the_rows_behind_it() {
    let out = stdout_of(&["who", "--layer", "identity", "--model", "paas"]);
    assert!(
        out.lines()
            .any(|l| l.contains("Identity and access (identity)") && l.contains("┆ split ")),
        "{out}"
    );
    assert!(
        out.contains("└ Accounts and identities (accounts)"),
        "{out}"
    );
}

#[test]
fn who_tables() {
    let out = stdout_of(&["who", "--layer", "network"]);
    assert!(out.contains("Network (network)"), "{out}");
    assert!(out.contains("└ Network controls"), "{out}");
    let out = stdout_of(&["who", "--model", "paas", "--owner", "Customer"]);
    assert!(out.contains("(identity › accounts)"), "{out}");
    assert!(!out.contains("(os)"), "{out}");
    let out = stdout_of(&["who", "--layer", "data", "--owner", "provider"]);
    assert_eq!(out, "no cells match\n");
    let out = stdout_of(&["who", "--scope", "all"]);
    assert_eq!(out.matches("(ai-platform)").count(), 4, "{out}");
}

#[test]
fn diff_table() {
    let out = stdout_of(&["diff", "iaas", "saas"]);
    assert!(
        out.contains("IaaS (iaas)") && out.contains("SaaS (saas)"),
        "{out}"
    );
    assert!(out.contains("Operating system (os)"), "{out}");
    assert!(out.contains("→ toward provider"), "{out}");
    assert!(!out.contains("Information and data"), "{out}");
    let out = stdout_of(&["diff", "iaas", "saas", "--all"]);
    assert!(
        out.contains("│ Physical datacenter (physical)") && out.contains("┆ unchanged"),
        "{out}"
    );
    assert!(out.contains("Network controls (network-controls)"), "{out}");
    let out = stdout_of(&["diff", "saas", "saas"]);
    assert_eq!(out, "no layer changes owner between saas and saas\n");
}

#[test]
fn retained_table() {
    let out = stdout_of(&["retained", "--scope", "all"]);
    for name in [
        "Information and data",
        "Devices",
        "Accounts and identities",
        "Configuration and settings",
        "User training and accountability",
        "Usage policy and admin controls",
    ] {
        assert!(out.contains(name), "{name} missing:\n{out}");
    }
    assert!(out.contains("• Classify data by sensitivity"), "{out}");
    assert!(!out.contains("Operating system"), "{out}");
}

#[test]
fn matrix_table_has_every_layer_a_legend_and_the_retained_mark() {
    let out = stdout_of(&["matrix", "--scope", "all"]);
    for header in ["On-premises", "IaaS", "PaaS", "SaaS"] {
        assert!(out.lines().nth(1).unwrap().contains(header), "{out}");
    }
    for name in [
        "Physical datacenter",
        "AI platform",
        "└ AI compute infrastructure",
        "Information and data (data) *",
        "Network controls (network-controls)",
    ] {
        assert!(out.contains(name), "{name} missing:\n{out}");
    }
    assert!(
        out.contains("legend: customer · provider · shared · depends · split"),
        "{out}"
    );
}

#[test]
fn layers_and_models_tables() {
    let out = stdout_of(&["layers"]);
    assert!(out.contains("operating-system"), "{out}");
    assert!(out.contains("physical-network, network-controls"), "{out}");
    let out = stdout_of(&["models"]);
    assert!(out.contains("on-premises"), "{out}");
    assert!(out.contains("platform-as-a-service"), "{out}");
}

#[test]
fn piped_output_has_no_escape_sequences_unless_forced() {
    let out = stdout_of(&["matrix"]);
    assert!(!out.contains('\x1b'));
    let out = srm()
        .args(["--color", "always", "matrix"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(String::from_utf8_lossy(&out).contains("\x1b["));
    let out = srm()
        .env("NO_COLOR", "1")
        .args(["--color", "never", "who", "-l", "os", "-m", "iaas"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    assert!(!String::from_utf8_lossy(&out).contains('\x1b'));
}

#[test]
fn help_and_version_go_to_stdout_and_succeed() {
    srm()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("srm who --layer os --model paas"));
    srm()
        .args(["who", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--owner"));
    srm()
        .arg("--version")
        .assert()
        .success()
        .stdout(predicate::str::starts_with("srm "));
}
