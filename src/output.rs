//! Where answers go: standard output, or a file named with `-o`.

use std::fs::{File, Metadata, OpenOptions, Permissions};
use std::io::Write;
use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;
use std::sync::OnceLock;

use anyhow::{Context, bail};

/// Standard output as srm found it at start-up: a duplicate of descriptor 1, or why there is
/// none (the OS error of duplicating it, or none when it was closed).
static STDOUT: OnceLock<Result<File, Option<i32>>> = OnceLock::new();

fn open_stdout() -> Result<File, Option<i32>> {
    use std::os::fd::AsFd;
    std::io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .map(File::from)
        .map_err(|e| e.raw_os_error())
}

/// Takes hold of standard output; `main` calls this before anything opens a file. `closed`
/// says descriptor 1 was closed when the process started.
///
/// std's stdout ignores "bad file descriptor" on purpose, and the descriptor 1 std's start-up
/// puts in place of a closed one is /dev/null: either way the answer would be lost with exit
/// 0. Writes go through a duplicate taken here instead, which reports every error, and a
/// stdout closed at start-up is one.
pub fn init(closed: bool) {
    STDOUT.get_or_init(|| if closed { Err(None) } else { open_stdout() });
}

/// What writes a document where it goes, as it goes: called once with the writer.
pub type Body<'a> = &'a mut dyn FnMut(&mut dyn Write) -> anyhow::Result<()>;

/// Writes `text` to standard output. A closed pipe comes back as an error whose cause is
/// `BrokenPipe`, which [`crate::app::classify`] turns into a quiet success; a standard output
/// that was closed when srm started is an error.
pub fn stdout(text: &str) -> anyhow::Result<()> {
    stdout_with(&mut |out| Ok(out.write_all(text.as_bytes())?))
}

/// Standard output, written by `body` through a buffer, as [`stdout`] writes.
pub fn stdout_with(body: Body<'_>) -> anyhow::Result<()> {
    let file = match STDOUT.get_or_init(open_stdout) {
        // Written through the duplicate, not std's stdout, so no error is swallowed.
        Ok(file) => file,
        Err(Some(code)) => {
            return Err(std::io::Error::from_raw_os_error(*code))
                .context("cannot write to standard output");
        }
        Err(None) => {
            return Err(std::io::Error::other("it is closed"))
                .context("cannot write to standard output");
        }
    };
    let mut out = std::io::BufWriter::with_capacity(BUFFER, file);
    body(&mut out)
        .and_then(|()| Ok(out.flush()?))
        .map_err(|e| writing(e, || "cannot write to standard output".to_string()))
}

/// An error of a body: a failed write says where it failed (`cannot write to standard
/// output: …`); anything else the body met is said as it is.
fn writing(e: anyhow::Error, cannot: impl FnOnce() -> String) -> anyhow::Error {
    if e.downcast_ref::<std::io::Error>().is_some() {
        e.context(cannot())
    } else {
        e
    }
}

/// How much is written at a time.
const BUFFER: usize = 64 << 10;

/// What a path names, for writing to it.
enum Target {
    /// Nothing yet: a new file.
    Missing,
    /// A regular file, replaced only with `--force`.
    File(Metadata),
    /// A character device, FIFO or socket (or a link to one): opened and written into as it
    /// is, never replaced.
    Stream,
    /// One of srm's own descriptors named by path (`/dev/stdout`, `/dev/fd/N`), whatever it
    /// is open on, a file the shell opened included: written into, at its end.
    Descriptor,
}

/// Whether `path` names one of the process's own descriptors: the shell opened it (`> f`,
/// `3> f`, `>(…)`), so writing into it is writing where the user pointed.
fn is_descriptor(path: &Path) -> bool {
    let Some(name) = path.to_str() else {
        return false;
    };
    matches!(name, "/dev/stdout" | "/dev/stderr")
        || ["/dev/fd/", "/proc/self/fd/"].iter().any(|dir| {
            name.strip_prefix(dir)
                .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// What is at `path`, or why srm will not write there.
///
/// Symbolic links are never written through to a file or directory: a link planted where srm
/// is told to write could otherwise make it replace any file its user may write. A link to a
/// device, FIFO or socket is followed, which is what `/dev/stdout` and `/dev/fd/N` (a shell's
/// `>(…)`) are.
fn target(path: &Path) -> anyhow::Result<Target> {
    let meta = match path.symlink_metadata() {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Target::Missing),
        Err(e) => return Err(e).with_context(|| format!("cannot write {}", shown(path))),
    };
    let kind = meta.file_type();
    if kind.is_symlink() && is_descriptor(path) {
        return match path.metadata() {
            Ok(to) if !to.is_dir() => Ok(Target::Descriptor),
            _ => bail!(
                "{} is not open for writing; name a file (- is standard output)",
                shown(path)
            ),
        };
    }
    if kind.is_symlink() {
        return match path.metadata() {
            Ok(to) if is_stream(&to) => Ok(Target::Stream),
            _ => bail!(
                "{} is a symbolic link, and srm does not write through links; name the file itself (- is standard output)",
                shown(path)
            ),
        };
    }
    if kind.is_dir() {
        bail!(
            "{} is a directory; give a file name to write to",
            shown(path)
        );
    }
    if kind.is_file() {
        return Ok(Target::File(meta));
    }
    if is_stream(&meta) {
        return Ok(Target::Stream);
    }
    bail!(
        "{} is a block device, which srm does not write to; give a file name",
        shown(path)
    )
}

fn is_stream(meta: &Metadata) -> bool {
    let kind = meta.file_type();
    kind.is_char_device() || kind.is_fifo() || kind.is_socket()
}

fn already_exists(path: &Path) -> anyhow::Error {
    anyhow::anyhow!(
        "{} already exists; pass --force to overwrite it",
        shown(path)
    )
}

/// Writes `text` to `path` (`-` is standard output).
///
/// - Nothing there: a new file, with the mode the umask leaves of 0666. It is written to a
///   temporary file in the same directory and moved into place only if the name is still
///   free, so a write that fails half-way leaves nothing and nobody reads a half-written file.
/// - A regular file: refused without `force`; with it, replaced the same way (renamed over
///   the old one, which stays whole until then), and the new file gets the old one's
///   permission bits.
/// - A character device, FIFO or socket, or a symbolic link to one: opened and written into,
///   neither replaced nor truncated, with or without `force` (Linux refuses to open a socket,
///   and that is the error).
/// - A directory, a block device, or a symbolic link to anything else: refused.
pub fn file(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    file_with(path, force, &mut |out| Ok(out.write_all(text.as_bytes())?))
}

/// [`file`], written by `body` as it goes: a large answer is never held whole.
pub fn file_with(path: &Path, force: bool, body: Body<'_>) -> anyhow::Result<()> {
    if path.as_os_str() == "-" {
        return stdout_with(body);
    }
    let cannot = || format!("cannot write {}", shown(path));
    let old = match target(path)? {
        Target::Stream => return stream(path, body),
        Target::Descriptor => return descriptor(path, body),
        Target::File(_) if !force => return Err(already_exists(path)),
        Target::File(meta) => Some(meta),
        Target::Missing => None,
    };
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    if old.is_none() {
        // open(2) takes the umask off, as for any new file.
        builder.permissions(Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir).with_context(cannot)?;
    if let Some(old) = &old {
        let mode = old.permissions().mode() & 0o777;
        temp.as_file()
            .set_permissions(Permissions::from_mode(mode))
            .with_context(cannot)?;
    }
    write_through(temp.as_file_mut(), body)
        .and_then(|()| Ok(temp.as_file().sync_all()?))
        .map_err(|e| writing(e, cannot))?;
    if old.is_some() {
        temp.persist(path)
            .map_err(|e| e.error)
            .with_context(cannot)?;
        return Ok(());
    }
    // Something may have been created there meanwhile: never replace it.
    temp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() != std::io::ErrorKind::AlreadyExists {
            return anyhow::Error::new(e.error).context(cannot());
        }
        match target(path) {
            Err(refused) => refused,
            Ok(Target::File(_)) if !force => already_exists(path),
            Ok(_) => anyhow::anyhow!(
                "{} appeared while srm was writing it; run srm again",
                shown(path)
            ),
        }
    })?;
    Ok(())
}

/// Writes into one of the process's descriptors, at its end (the shell truncated a `> f`
/// already, and a `>> f` is appended to, as it asked).
fn descriptor(path: &Path, body: Body<'_>) -> anyhow::Result<()> {
    let cannot = || format!("cannot write {}", shown(path));
    let mut out = OpenOptions::new()
        .append(true)
        .open(path)
        .with_context(cannot)?;
    write_through(&mut out, body).map_err(|e| writing(e, cannot))
}

/// A manual page at `path`: written only as a regular file, new or (with `force`) replaced,
/// never into a device, a FIFO or a link of any kind, since `srm man --dir` may be pointed at a
/// directory others can write to.
pub fn page(path: &Path, text: &str, force: bool) -> anyhow::Result<()> {
    check_page(path, force)?;
    file(path, text, force)
}

/// Refuses what [`page`] would refuse, writing nothing.
pub fn check_page(path: &Path, force: bool) -> anyhow::Result<()> {
    let meta = match path.symlink_metadata() {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("cannot write {}", shown(path))),
    };
    if !meta.file_type().is_file() {
        bail!(
            "{} is there and is not a regular file (a link, a directory, a device or a FIFO); srm writes manual pages only as files: remove it or choose another --dir",
            shown(path)
        );
    }
    if !force {
        return Err(already_exists(path));
    }
    Ok(())
}

/// A path as messages show it: its line breaks and control characters escaped.
fn shown(path: &Path) -> String {
    crate::sanitize::clean(&path.display().to_string()).into_owned()
}

/// Writes into a device, FIFO or socket (opening a FIFO waits for its reader).
fn stream(path: &Path, body: Body<'_>) -> anyhow::Result<()> {
    let cannot = || format!("cannot write {}", shown(path));
    let mut out = OpenOptions::new()
        .write(true)
        .open(path)
        .with_context(cannot)?;
    // The name may have been swapped for a file since it was looked at; opened without
    // truncating, that file is still untouched.
    if !is_stream(&out.metadata().with_context(cannot)?) {
        bail!(
            "{} changed while srm was opening it; run srm again",
            shown(path)
        );
    }
    write_through(&mut out, body).map_err(|e| writing(e, cannot))
}

/// `body` written into `file` through a buffer, flushed.
fn write_through(file: &mut File, body: Body<'_>) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::with_capacity(BUFFER, file);
    body(&mut out)?;
    Ok(out.flush()?)
}
