//! Where a catalogue's text comes from: the embedded copy, standard input or a file. The only
//! module of the core that does I/O.

use std::borrow::Cow;
use std::io::Read;
use std::path::PathBuf;

use super::error::{CatalogError, Problem};

/// The catalogue compiled into the binary, as people write it (`srm catalog show`): the layer
/// catalogue, `data/catalog.yaml`, with the service catalogue, `data/services.yaml`, after it.
/// The second holds only the `services` key, so together they are one YAML document.
pub const EMBEDDED: &str = concat!(
    include_str!("../../data/catalog.yaml"),
    "\n",
    include_str!("../../data/services.yaml")
);

/// The same catalogue transcoded to JSON by `build.rs` (and validated by `cargo test`, in
/// `embedded.rs`). This is what a run that needs the services parses, through the same loader
/// as any JSON catalogue: serde_json reads it several times faster than a YAML parser reads
/// the original.
pub(crate) const EMBEDDED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));

/// [`EMBEDDED_JSON`] without its services (`build.rs` writes both): what a run that names no
/// service reads, as the static data `catalog/embedded.rs` spells it (its test checks that it
/// is this, parsed).
#[cfg(test)]
pub(crate) const EMBEDDED_LEAN_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/layers.json"));

/// Largest catalogue read: room for a 100,000-row file, small enough to refuse `/dev/zero`.
pub const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// Where a catalogue comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    Embedded,
    Stdin,
    Path(PathBuf),
}

impl Input {
    /// `-` means standard input; anything else is a path.
    pub fn from_arg(arg: &std::ffi::OsStr) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }

    /// How errors name this input.
    pub fn origin(&self) -> String {
        match self {
            Input::Embedded => "<embedded catalogue>".to_string(),
            Input::Stdin => "<stdin>".to_string(),
            Input::Path(p) => p.display().to_string(),
        }
    }
}

/// Reads a catalogue's text, refusing directories, oversized input and non-UTF-8 bytes.
pub fn read(input: &Input) -> Result<Cow<'static, str>, CatalogError> {
    let origin = input.origin();
    let bytes = match input {
        Input::Embedded => return Ok(Cow::Borrowed(EMBEDDED_JSON)),
        Input::Stdin => read_capped(std::io::stdin().lock(), &origin, 0)?,
        Input::Path(path) => {
            let fail = |what: String| CatalogError::single(&origin, Problem::new(what));
            let meta = std::fs::metadata(path)
                .map_err(|e| fail(format!("cannot read catalogue: {}", io_reason(&e))))?;
            if meta.is_dir() {
                return Err(fail(
                    "is a directory; give the path of a catalogue file (see `srm catalog show`)"
                        .into(),
                ));
            }
            let file = std::fs::File::open(path)
                .map_err(|e| fail(format!("cannot read catalogue: {}", io_reason(&e))))?;
            read_capped(file, &origin, meta.len())?
        }
    };
    decode(&origin, bytes).map(Cow::Owned)
}

/// The bytes of a catalogue as text: they must be UTF-8, and where they are not, the message
/// says where the first bad byte is.
pub fn decode(origin: &str, bytes: Vec<u8>) -> Result<String, CatalogError> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            Err(CatalogError::single(
                origin,
                Problem::new(format!(
                    "not valid UTF-8 (bad byte 0x{:02x} at offset {valid}); save the catalogue as UTF-8",
                    bytes.get(valid).copied().unwrap_or(0)
                ))
                .at(Some(line_col_of_offset(&bytes[..valid]))),
            ))
        }
    }
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => err.to_string(),
    }
}

/// Reads at most [`MAX_BYTES`] and one more. `expected` (a file's size) sizes the buffer at
/// once, so that a file just past a power of two does not make it double to twice its size.
fn read_capped(reader: impl Read, origin: &str, expected: u64) -> Result<Vec<u8>, CatalogError> {
    let room = usize::try_from(expected.min(MAX_BYTES) + 1).unwrap_or(0);
    let mut bytes = Vec::with_capacity(room);
    reader
        .take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            CatalogError::single(
                origin,
                Problem::new(format!("cannot read catalogue: {}", io_reason(&e))),
            )
        })?;
    if bytes.len() as u64 > MAX_BYTES {
        return Err(CatalogError::single(
            origin,
            Problem::new(format!(
                "catalogue is larger than the {} MiB limit; split it or trim long texts",
                MAX_BYTES / (1024 * 1024)
            )),
        ));
    }
    Ok(bytes)
}

/// 1-based line and column of the end of `prefix`, the valid UTF-8 before a bad byte. Lines
/// end at LF, CRLF or a lone CR, as in YAML and JSON.
pub fn line_col_of_offset(prefix: &[u8]) -> (usize, usize) {
    let mut line = 1;
    let mut line_start = 0;
    for (i, &b) in prefix.iter().enumerate() {
        let ends_line = b == b'\n' || (b == b'\r' && prefix.get(i + 1) != Some(&b'\n'));
        if ends_line {
            line += 1;
            line_start = i + 1;
        }
    }
    let column = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_of_a_byte_offset() {
        assert_eq!(line_col_of_offset(b""), (1, 1));
        assert_eq!(line_col_of_offset(b"ab\ncd"), (2, 3));
        assert_eq!(line_col_of_offset(b"ab\r\ncd"), (2, 3));
        assert_eq!(line_col_of_offset(b"ab\rcd\re"), (3, 2));
    }
}
