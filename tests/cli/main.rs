//! Integration tests: each drives the built `srm` binary, as a user or a script would.

mod catalogs;
mod commands;
mod controls;
mod errors;
mod formats;
mod hostile;
mod injection;
mod interface;
mod json;
mod markdown_gfm;
mod oscal;
mod readme;
mod reference;
mod schemas;
mod snapshots;

use assert_cmd::Command;

/// `srm` with a clean environment: no catalogue override, no color preference.
pub fn srm() -> Command {
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("srm");
    cmd.env_remove("SRM_CATALOG")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// Runs srm with `args`, asserts success and returns stdout.
pub fn stdout_of(args: &[&str]) -> String {
    let out = srm().args(args).assert().success().get_output().clone();
    assert!(
        out.stderr.is_empty(),
        "stderr for {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// Runs srm with `args` and parses stdout as JSON.
pub fn json_of<T: serde::de::DeserializeOwned>(args: &[&str]) -> T {
    let text = stdout_of(args);
    serde_json::from_str(&text).unwrap_or_else(|e| {
        panic!("srm {args:?} printed JSON that does not match the contract: {e}\n{text}")
    })
}
