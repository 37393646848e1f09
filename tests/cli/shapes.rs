//! What the tests of hostile input share: a small catalogue's head, writing a generated file,
//! running srm and reading where a message is placed.

use crate::srm;

/// A catalogue's sources and two models, up to its `layers:` key.
pub const HEAD: &str =
    "sources: [{id: s, title: S}]\nmodels: [{id: a, name: A}, {id: b, name: B}]\nlayers:\n";

/// Writes `text` as `name` in `dir`, and gives its path.
pub fn file(dir: &tempfile::TempDir, name: &str, text: &str) -> String {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// The exit code of a run, which must end by itself rather than by a signal (an allocation
/// abort is SIGABRT).
pub fn code_of(out: &std::process::Output, what: &str) -> i32 {
    out.status.code().unwrap_or_else(|| {
        panic!(
            "{what}: ended by a signal ({:?}); stderr: {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// Runs srm with `args`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, Vec<u8>, String) {
    let out = srm().args(args).assert().get_output().clone();
    let code = code_of(&out, &format!("{args:?}"));
    (
        code,
        out.stdout,
        String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    )
}

/// The start of a message placed in `path`: `error: PATH:LINE:COL: `, with numbers.
pub fn placed(stderr: &str, path: &str) -> bool {
    let Some(rest) = stderr.strip_prefix(&format!("error: {path}:")) else {
        return false;
    };
    let mut fields = rest.splitn(3, ':');
    let number =
        |s: Option<&str>| s.is_some_and(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()));
    number(fields.next())
        && number(fields.next())
        && fields.next().is_some_and(|s| s.starts_with(' '))
}
