//! Where answers go: standard output, or a file named with `-o`.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

/// Writes `text` to standard output. A closed pipe comes back as an error whose cause is
/// `BrokenPipe`, which [`crate::app::classify`] turns into a quiet success.
pub fn stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write to standard output")
}

/// Writes `text` to `path` (`-` is standard output), never replacing a file without `force`.
///
/// With `force` the new text goes to a temporary file in the same directory, which is then
/// renamed over the old one: a write that fails half-way (a full disk) leaves the old file
/// whole, and nobody ever reads a half-written one.
pub fn file(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    if path.as_os_str() == "-" {
        return stdout(text);
    }
    if path.is_dir() {
        bail!(
            "{} is a directory; give a file name to write to",
            path.display()
        );
    }
    if !force && path.symlink_metadata().is_ok() {
        bail!(
            "{} already exists; pass --force to overwrite it",
            path.display()
        );
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let cannot = || format!("cannot write {}", path.display());
    let mut temp = tempfile::NamedTempFile::new_in(dir).with_context(cannot)?;
    temp.write_all(text.as_bytes())
        .and_then(|()| temp.as_file().sync_all())
        .with_context(cannot)?;
    if force {
        temp.persist(path)
            .map_err(|e| e.error)
            .with_context(cannot)?;
    } else {
        // Another process may have created the file meanwhile: still never replace it.
        temp.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow::anyhow!(
                    "{} already exists; pass --force to overwrite it",
                    path.display()
                )
            } else {
                anyhow::Error::new(e.error).context(cannot())
            }
        })?;
    }
    Ok(())
}
