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
mod limits;
mod markdown_gfm;
mod newcomer;
mod newcomer2;
mod oscal;
mod paths;
mod plan;
mod readme;
mod reference;
mod schemas;
mod scope;
mod services;
mod shapes;
mod snapshots;
mod topics;
mod trust;

use std::ops::{Deref, DerefMut};

use assert_cmd::Command;

/// An `srm` command that runs in a temporary directory of its own, removed when the command is
/// dropped: whatever a run writes by mistake (a file named `-`, a stray `-o` target) lands there,
/// never in the repository.
pub struct Srm {
    cmd: Command,
    dir: tempfile::TempDir,
}

impl Srm {
    /// The directory this command runs in.
    #[allow(dead_code)]
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }
}

impl Deref for Srm {
    type Target = Command;
    fn deref(&self) -> &Command {
        &self.cmd
    }
}

impl DerefMut for Srm {
    fn deref_mut(&mut self) -> &mut Command {
        &mut self.cmd
    }
}

/// `srm` with a clean environment (no catalogue override, no color preference), run in a
/// temporary directory of its own.
pub fn srm() -> Srm {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let mut cmd = assert_cmd::cargo::cargo_bin_cmd!("srm");
    cmd.env_remove("SRM_CATALOG")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE")
        .env_remove("COLUMNS")
        .current_dir(dir.path());
    Srm { cmd, dir }
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
