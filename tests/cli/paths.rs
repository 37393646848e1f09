//! Where srm writes: `-o` and `man --dir` onto devices, FIFOs, links and existing files, the
//! modes of what it creates, and a standard output that is closed.

use std::os::unix::fs::{FileTypeExt, PermissionsExt};
use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;

use crate::{srm, stdout_of};

/// `script` run by `bash -c` in `dir`, with srm's path as `$0` and the same clean environment
/// as [`srm`].
fn sh(dir: &Path, script: &str) -> Command {
    let mut cmd = Command::new("bash");
    cmd.arg("-c")
        .arg(script)
        .arg(assert_cmd::cargo::cargo_bin!("srm"))
        .current_dir(dir)
        .env_remove("SRM_CATALOG")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE");
    cmd
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

/// Asserts one `error: ` line on stderr holding `message`, nothing on stdout, and exit 1.
fn refused(cmd: &mut Command, message: &str) -> String {
    let out = cmd.assert().code(1).stdout("").get_output().clone();
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(message), "{err}");
    err
}

#[test]
fn a_fifo_is_written_into_with_or_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let matrix = stdout_of(&["matrix"]);
    for force in [false, true] {
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
        };
        let mut cmd = srm();
        cmd.current_dir(dir.path()).args(["matrix", "-o", "pipe"]);
        if force {
            cmd.arg("--force");
        }
        let out = cmd.output().unwrap();
        // Had srm not opened the FIFO, the reader would wait for ever: one more writer that
        // opens and closes it (read-write, which never waits) lets it finish either way.
        drop(
            std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&fifo)
                .unwrap(),
        );
        let read = reader.join().unwrap();
        assert!(
            out.status.success(),
            "force {force}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty() && out.stderr.is_empty());
        assert_eq!(read, matrix, "force {force}");
        let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
        assert!(kind.is_fifo(), "force {force}: the FIFO was replaced");
    }
}

#[test]
fn dev_null_stays_a_device() {
    let dir = tempfile::tempdir().unwrap();
    for force in [false, true] {
        let mut cmd = srm();
        cmd.current_dir(dir.path())
            .args(["matrix", "-o", "/dev/null"]);
        if force {
            cmd.arg("--force");
        }
        cmd.assert().success().stdout("").stderr("");
        let meta = std::fs::symlink_metadata("/dev/null").unwrap();
        assert!(meta.file_type().is_char_device(), "force {force}");
    }
}

#[test]
fn a_symbolic_link_is_refused_and_its_target_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("precious");
    std::fs::write(&target, "precious").unwrap();
    std::os::unix::fs::symlink("precious", dir.path().join("link")).unwrap();
    std::os::unix::fs::symlink("nowhere", dir.path().join("dangling")).unwrap();
    for name in ["link", "dangling"] {
        for force in [false, true] {
            let mut cmd = srm();
            cmd.current_dir(dir.path()).args(["matrix", "-o", name]);
            if force {
                cmd.arg("--force");
            }
            let err = refused(&mut cmd, "is a symbolic link");
            // --force would not help, so it is not offered.
            assert!(!err.contains("--force"), "{err}");
            let kind = std::fs::symlink_metadata(dir.path().join(name))
                .unwrap()
                .file_type();
            assert!(kind.is_symlink(), "{name} was replaced");
        }
    }
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "precious");
    assert!(!dir.path().join("nowhere").exists());
}

#[test]
fn dev_fd_and_dev_stdout_are_written_into() {
    let dir = tempfile::tempdir().unwrap();
    let matrix = stdout_of(&["matrix"]);
    // Process substitution: srm gets /dev/fd/N, the write end of a pipe to cat.
    sh(dir.path(), r#""$0" matrix -o >(cat)"#)
        .assert()
        .success()
        .stdout(matrix.clone())
        .stderr("");
    srm()
        .current_dir(dir.path())
        .args(["matrix", "-o", "/dev/stdout"])
        .assert()
        .success()
        .stdout(matrix)
        .stderr("");
}

#[test]
fn a_new_file_gets_the_mode_the_umask_leaves() {
    let dir = tempfile::tempdir().unwrap();
    for (umask, want) in [("022", 0o644), ("027", 0o640), ("077", 0o600)] {
        let name = format!("new-{umask}.txt");
        sh(
            dir.path(),
            &format!(r#"umask {umask}; exec "$0" matrix -o {name}"#),
        )
        .assert()
        .success()
        .stdout("")
        .stderr("");
        assert_eq!(mode(&dir.path().join(&name)), want, "umask {umask}");
    }
}

#[test]
fn a_replaced_file_keeps_its_mode() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("matrix.txt");
    for old in [0o640, 0o644, 0o600] {
        std::fs::write(&out, "old").unwrap();
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(old)).unwrap();
        srm()
            .current_dir(dir.path())
            .args(["matrix", "-o", "matrix.txt", "--force"])
            .assert()
            .success()
            .stdout("")
            .stderr("");
        assert_eq!(mode(&out), old, "{old:o}");
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            stdout_of(&["matrix"])
        );
    }
}

/// The names of the files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn man_dir_refuses_existing_pages_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let man = dir.path().join("man1");
    std::fs::create_dir(&man).unwrap();
    std::fs::write(man.join("srm-who.1"), "precious").unwrap();
    let err = refused(
        srm().current_dir(dir.path()).args(["man", "--dir", "man1"]),
        "already exists; pass --force",
    );
    assert!(err.contains("srm-who.1"), "{err}");
    assert_eq!(
        std::fs::read_to_string(man.join("srm-who.1")).unwrap(),
        "precious"
    );
    // Checked before anything is written: no page went in.
    assert_eq!(names(&man), ["srm-who.1"]);
    srm()
        .current_dir(dir.path())
        .args(["man", "--dir", "man1", "--force"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(
        std::fs::read_to_string(man.join("srm-who.1")).unwrap(),
        stdout_of(&["man", "who"])
    );
    assert!(
        names(&man).iter().all(|n| n.ends_with(".1")),
        "{:?}",
        names(&man)
    );
}

#[test]
fn man_dir_never_writes_through_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let man = dir.path().join("man1");
    std::fs::create_dir(&man).unwrap();
    let victim = dir.path().join("victim");
    std::fs::write(&victim, "precious").unwrap();
    std::os::unix::fs::symlink("../victim", man.join("srm-diff.1")).unwrap();
    for force in [false, true] {
        let mut cmd = srm();
        cmd.current_dir(dir.path()).args(["man", "--dir", "man1"]);
        if force {
            cmd.arg("--force");
        }
        let err = refused(&mut cmd, "is not a regular file");
        assert!(
            err.contains("srm-diff.1") && !err.contains("--force"),
            "{err}"
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(names(&man), ["srm-diff.1"]);
    }
}

/// A FIFO or a link to a device planted among the pages: refused at once (writing into a FIFO
/// would wait for a reader for ever), nothing written.
#[test]
fn man_dir_refuses_fifos_and_links_to_devices() {
    let dir = tempfile::tempdir().unwrap();
    let man = dir.path().join("man1");
    std::fs::create_dir(&man).unwrap();
    let status = std::process::Command::new("mkfifo")
        .arg(man.join("srm.1"))
        .status()
        .unwrap();
    assert!(status.success());
    let mut cmd = srm();
    cmd.current_dir(dir.path())
        .args(["man", "--dir", "man1", "--force"]);
    refused(&mut cmd, "srm.1 is there and is not a regular file");
    std::fs::remove_file(man.join("srm.1")).unwrap();
    std::os::unix::fs::symlink("/dev/null", man.join("srm-who.1")).unwrap();
    let mut cmd = srm();
    cmd.current_dir(dir.path())
        .args(["man", "--dir", "man1", "--force"]);
    refused(&mut cmd, "srm-who.1 is there and is not a regular file");
    assert_eq!(names(&man), ["srm-who.1"]);
}

/// `-o /dev/stdout` is the process's own descriptor, written into whatever it is open on, a
/// file the shell opened included.
#[test]
fn dev_stdout_is_written_into_even_when_it_is_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.txt");
    let status = std::process::Command::new("bash")
        .current_dir(dir.path())
        .arg("-c")
        .arg(format!(
            "'{}' models -o /dev/stdout > out.txt && '{}' models -o /dev/fd/3 3>> out.txt",
            env!("CARGO_BIN_EXE_srm"),
            env!("CARGO_BIN_EXE_srm")
        ))
        .status()
        .unwrap();
    assert!(status.success());
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("paas"), "{text}");
    let once = text.len() / 2;
    assert_eq!(
        &text[..once],
        &text[once..],
        "written twice, the second time appended"
    );
}

#[test]
fn man_dir_replaces_pages_whole() {
    // A page hard-linked to another file: replaced by a new file, the other one unchanged
    // (writing into the old page in place would change both).
    let dir = tempfile::tempdir().unwrap();
    let man = dir.path().join("man1");
    std::fs::create_dir(&man).unwrap();
    let other = dir.path().join("other");
    std::fs::write(&other, "precious").unwrap();
    std::fs::hard_link(&other, man.join("srm.1")).unwrap();
    srm()
        .current_dir(dir.path())
        .args(["man", "--dir", "man1", "--force"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
    assert_eq!(std::fs::read_to_string(&other).unwrap(), "precious");
    assert_eq!(
        std::fs::read_to_string(man.join("srm.1")).unwrap(),
        stdout_of(&["man"])
    );
    let names = names(&man);
    assert!(names.iter().all(|n| n.ends_with(".1")), "{names:?}");
}

#[test]
fn a_closed_stdout_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for script in [r#""$0" matrix >&-"#, r#""$0" --help >&-"#] {
        sh(dir.path(), script)
            .assert()
            .code(1)
            .stdout("")
            .stderr("error: cannot write to standard output: it is closed\n");
    }
    // Nothing goes to stdout with -o: that works, stdout closed or not.
    sh(dir.path(), r#""$0" matrix -o matrix.txt >&-"#)
        .assert()
        .success()
        .stderr("");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("matrix.txt")).unwrap(),
        stdout_of(&["matrix"])
    );
    // A reader that has seen enough is still a quiet success.
    sh(
        dir.path(),
        r#"set -o pipefail; "$0" matrix | head -1 >/dev/null"#,
    )
    .assert()
    .success()
    .stdout("")
    .stderr("");
}

#[test]
fn a_read_only_stdout_is_an_error() {
    // std's own stdout would count this write as done, and exit 0 with nothing written.
    let dir = tempfile::tempdir().unwrap();
    sh(dir.path(), r#""$0" matrix 1</dev/null"#)
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::starts_with(
            "error: cannot write to standard output: ",
        ))
        .stderr(predicate::function(|e: &str| e.lines().count() == 1));
}
