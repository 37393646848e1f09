//! Whole answers as documents, for JSON and YAML: an object carrying `"format_version": 2`
//! beside the answer's own fields. Fields may be added in later versions, never renamed or
//! removed. Both formats serialise the same [`Versioned`] answer, so they cannot disagree, and the
//! JSON Schema of each document ([`schema`]) is derived from the same types.

use schemars::JsonSchema;
use serde::Serialize;

/// Version of the documents srm prints.
pub const FORMAT_VERSION: u32 = 2;

/// An answer with its envelope.
#[derive(Serialize, JsonSchema)]
pub struct Versioned<T> {
    /// The version of this document's shape: 2.
    pub format_version: u32,
    #[serde(flatten)]
    pub body: T,
}

/// serde_json's pretty form, with every character a reader must not get raw written as a `\u`
/// escape as the string is written (see [`json_text`]).
struct Escaping<F>(F);

impl<F: serde_json::ser::Formatter> serde_json::ser::Formatter for Escaping<F> {
    fn write_string_fragment<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        if fragment.is_ascii() {
            // serde_json has escaped the ASCII controls already.
            return writer.write_all(fragment.as_bytes());
        }
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if !c.is_ascii() && crate::sanitize::is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{unit:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Writes `value` as JSON to `writer`, by the JSON policy (see [`json_text`]), as it goes.
pub fn write_json<T: Serialize, W: std::io::Write>(value: &T, writer: W) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(
        writer,
        Escaping(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut serializer)?;
    let mut writer = serializer.into_inner();
    writer.write_all(b"\n").map_err(serde_json::Error::io)
}

/// Writes `value` as one line of JSON, by the JSON policy (see [`json_text`]).
pub fn write_compact<T: Serialize, W: std::io::Write>(
    value: &T,
    writer: W,
) -> serde_json::Result<()> {
    let mut serializer =
        serde_json::Serializer::with_formatter(writer, Escaping(serde_json::ser::CompactFormatter));
    value.serialize(&mut serializer)
}

/// The JSON policy: serde_json's pretty form, with every character a reader must not get raw
/// (C1 controls, bidirectional and other format characters, line separators, noncharacters;
/// see [`crate::sanitize::is_unsafe`]) written as a `\u` escape. serde_json escapes only C0
/// controls, and these can only stand inside strings, so escaping them keeps the same JSON.
/// Catalogue text holds none of them; paths and unknown keys quoted in reports may. The text
/// is escaped as it is written, not copied again afterwards.
pub fn json_text<T: Serialize>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_json(value, &mut out)?;
    // serde_json writes UTF-8, and the escapes are ASCII.
    String::from_utf8(out).map_err(|e| serde_json::Error::io(std::io::Error::other(e)))
}

/// Whether `value`'s JSON would be at most `limit` bytes. It is counted, not kept, and the
/// count stops at the limit: the cost is at most the limit's worth of writing, whatever a
/// catalogue's texts would make the answer repeat.
pub fn fits_json<T: Serialize>(value: &T, limit: usize) -> bool {
    struct Counter {
        left: usize,
    }
    impl std::io::Write for Counter {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.left = self
                .left
                .checked_sub(buf.len())
                .ok_or_else(|| std::io::Error::other("over the limit"))?;
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    write_json(value, Counter { left: limit }).is_ok()
}

/// A document srm describes with a JSON Schema: `srm schema NAME` prints it.
#[derive(Clone, Copy, Debug)]
pub struct SchemaOf {
    /// The name `srm schema` takes (`who`, `diff-controls`).
    pub name: &'static str,
    /// A second name for it (`catalog-validate`).
    pub alias: Option<&'static str>,
    /// The command whose output it describes, as typed (`srm diff --controls --json`), when
    /// that is not `srm NAME --json`.
    pub title: Option<&'static str>,
    /// The schema, derived from the document's types.
    pub of: fn() -> schemars::Schema,
}

impl SchemaOf {
    /// The schema of the answer `A`'s document, named `name`, for `srm NAME --json`.
    pub const fn answer<A: JsonSchema>(name: &'static str) -> SchemaOf {
        SchemaOf {
            name,
            alias: None,
            title: None,
            of: answer_schema::<A>,
        }
    }

    /// The same, describing the output of `title` (`srm diff --controls --json`).
    pub const fn titled(self, title: &'static str) -> SchemaOf {
        SchemaOf {
            title: Some(title),
            ..self
        }
    }
}

/// The schema of a document as it is written (a serialisation schema: `split` is an owner srm
/// prints, never reads).
pub fn schema_of<T: JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The schema of an answer's document: the answer with its envelope.
pub fn answer_schema<T: JsonSchema>() -> schemars::Schema {
    schema_of::<Versioned<T>>()
}

/// The JSON Schema `entry` names, titled with its command, as JSON.
pub fn schema(entry: &SchemaOf) -> serde_json::Result<String> {
    let mut schema = (entry.of)();
    let title = match entry.title {
        Some(title) => title.to_string(),
        None => format!("srm {} --json", entry.name),
    };
    schema.insert("title".into(), title.into());
    json_text(&schema)
}
