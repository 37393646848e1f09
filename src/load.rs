//! Reading and validating a catalogue: bytes → YAML → [`CatalogFile`] → [`Catalog`].
//!
//! Nothing a file contains can make this module panic or hang. Input is capped at
//! [`MAX_BYTES`] before it is parsed (so `--catalog /dev/zero` stops at once), must be UTF-8,
//! and the YAML parser limits alias expansion and nesting. Validation collects every problem it
//! finds rather than stopping at the first, so `srm catalog validate` can list them all; every
//! check is linear in the size of the file (hash maps, never nested scans).

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::PathBuf;

use crate::catalog::{Body, Catalog, Duties, Layer, Model, Owner, Row, Source, Target, normalize};
use crate::format::{CatalogFile, LayerFile, ModelMap, RowFile, Text};
use crate::yaml;

/// The catalogue compiled into the binary, as people write it (`srm catalog show`).
pub const EMBEDDED: &str = include_str!("../data/catalog.yaml");

/// The same catalogue transcoded to JSON by `build.rs`, which is what runs parse: serde_json
/// reads it several times faster than the YAML stack reads the original.
const EMBEDDED_JSON: &str = include_str!(concat!(env!("OUT_DIR"), "/catalog.json"));

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

/// One thing wrong with a catalogue.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl Problem {
    fn new(message: impl Into<String>) -> Problem {
        Problem {
            line: None,
            column: None,
            message: message.into(),
        }
    }

    fn at(mut self, location: Option<(usize, usize)>) -> Problem {
        if let Some((line, column)) = location {
            self.line = Some(line);
            self.column = Some(column);
        }
        self
    }
}

/// A catalogue that could not be read or is not valid: every problem found, in file order
/// where the order is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogError {
    pub origin: String,
    pub problems: Vec<Problem>,
}

impl CatalogError {
    fn single(origin: &str, problem: Problem) -> CatalogError {
        CatalogError {
            origin: origin.to_string(),
            problems: vec![problem],
        }
    }

    /// `origin:line:column: message`, the form editors and terminals turn into links.
    pub fn format_problem(&self, problem: &Problem) -> String {
        match (problem.line, problem.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}: {}", self.origin, problem.message),
            (Some(l), None) => format!("{}:{l}: {}", self.origin, problem.message),
            _ => format!("{}: {}", self.origin, problem.message),
        }
    }
}

impl fmt::Display for CatalogError {
    /// The first problem, and how to see the rest: errors stay one or two lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.problems.first() {
            None => write!(f, "{}: invalid catalogue", self.origin),
            Some(first) => {
                f.write_str(&self.format_problem(first))?;
                let more = self.problems.len() - 1;
                if more > 0 {
                    write!(
                        f,
                        "\n({more} more problem{}; `srm catalog validate` lists them all)",
                        if more == 1 { "" } else { "s" }
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for CatalogError {}

/// What `srm catalog validate` says about a catalogue.
#[derive(Debug, serde::Serialize)]
pub struct ValidationReport<'a> {
    pub format_version: u32,
    pub catalog: String,
    pub valid: bool,
    /// Counts of a valid catalogue; `None` for an invalid one.
    pub summary: Option<Summary>,
    pub problems: Vec<&'a Problem>,
}

#[derive(Debug, Clone, Copy, serde::Serialize)]
pub struct Summary {
    pub layers: usize,
    pub models: usize,
    pub rows: usize,
    pub sources: usize,
}

impl<'a> ValidationReport<'a> {
    pub fn new(input: &Input, result: &'a Result<Catalog, CatalogError>) -> ValidationReport<'a> {
        let (summary, problems) = match result {
            Ok(cat) => (
                Some(Summary {
                    layers: cat.layers.len(),
                    models: cat.models.len(),
                    rows: cat.row_count(),
                    sources: cat.sources.len(),
                }),
                Vec::new(),
            ),
            Err(err) => (None, err.problems.iter().collect()),
        };
        ValidationReport {
            format_version: 1,
            catalog: input.origin(),
            valid: result.is_ok(),
            summary,
            problems,
        }
    }

    /// `13 layers, 4 models, 26 rows, 4 sources`.
    pub fn summary(&self) -> String {
        match self.summary {
            Some(s) => format!(
                "{} layers, {} models, {} rows, {} sources",
                s.layers, s.models, s.rows, s.sources
            ),
            None => format!("{} problems", self.problems.len()),
        }
    }

    pub fn to_json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string());
        text.push('\n');
        text
    }
}

/// Reads and validates a catalogue.
pub fn load(input: &Input) -> Result<Catalog, CatalogError> {
    let origin = input.origin();
    if *input == Input::Embedded {
        return parse_embedded();
    }
    let text = read(input)?;
    parse(&origin, &text)
}

/// The embedded catalogue, from its JSON form; problems (there are none: the tests validate
/// the YAML) would be located in the YAML text.
pub fn parse_embedded() -> Result<Catalog, CatalogError> {
    let origin = Input::Embedded.origin();
    let file: CatalogFile = crate::format::with_text_budget(EMBEDDED_JSON.len(), || {
        serde_json::from_str(EMBEDDED_JSON)
    })
    .map_err(|e| CatalogError::single(&origin, Problem::new(e.to_string())))?;
    build(&origin, EMBEDDED, file)
}

/// Reads a catalogue's text, refusing directories, oversized input and non-UTF-8 bytes.
pub fn read(input: &Input) -> Result<Cow<'static, str>, CatalogError> {
    let origin = input.origin();
    let bytes = match input {
        Input::Embedded => return Ok(Cow::Borrowed(EMBEDDED)),
        Input::Stdin => read_capped(std::io::stdin().lock(), &origin)?,
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
            read_capped(file, &origin)?
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Owned(text)),
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.as_bytes();
            let (line, column) = line_col_of_offset(&bytes[..valid]);
            Err(CatalogError::single(
                &origin,
                Problem::new(format!(
                    "not valid UTF-8 (bad byte 0x{:02x} at offset {valid}); save the catalogue as UTF-8",
                    bytes.get(valid).copied().unwrap_or(0)
                ))
                .at(Some((line, column))),
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

fn read_capped(reader: impl Read, origin: &str) -> Result<Vec<u8>, CatalogError> {
    let mut bytes = Vec::new();
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

/// 1-based line and column of the end of `prefix`.
fn line_col_of_offset(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = prefix
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&prefix[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// Parses and validates catalogue text.
pub fn parse(origin: &str, text: &str) -> Result<Catalog, CatalogError> {
    if text.trim().is_empty() {
        return Err(CatalogError::single(
            origin,
            Problem::new(
                "the catalogue is empty; it needs `models` and `layers` (see `srm catalog show`)",
            ),
        ));
    }
    let file: CatalogFile = crate::format::with_text_budget(text.len(), || yaml::from_str(text))
        .map_err(|e| {
            CatalogError::single(
                origin,
                Problem {
                    line: e.line,
                    column: e.column,
                    message: e.message,
                },
            )
        })?;
    build(origin, text, file)
}

/// Validates a parsed file; `text` is where problems are located.
fn build(origin: &str, text: &str, file: CatalogFile) -> Result<Catalog, CatalogError> {
    let mut builder = Builder {
        text,
        problems: Vec::new(),
        index: HashMap::new(),
        sources: HashMap::new(),
        models: Vec::new(),
        ids: HashMap::new(),
    };
    let catalog = builder.build(file);
    if builder.problems.is_empty() {
        Ok(catalog)
    } else {
        builder
            .problems
            .sort_by_key(|p| p.line.unwrap_or(usize::MAX));
        Err(CatalogError {
            origin: origin.to_string(),
            problems: builder.problems,
        })
    }
}

/// Ids and aliases are lowercase-kebab: `a-z`, `0-9`, single dashes between words.
pub fn is_kebab(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('-')
        && !id.ends_with('-')
        && !id.contains("--")
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

struct Builder<'t> {
    text: &'t str,
    problems: Vec<Problem>,
    /// Normalised ids and aliases of models, layers and parts → what they name.
    index: HashMap<String, Target>,
    /// Source id → index.
    sources: HashMap<String, usize>,
    /// Model ids in declaration order.
    models: Vec<String>,
    /// The id of each registered model, layer and part, for messages about clashes.
    ids: HashMap<Target, String>,
}

impl Builder<'_> {
    fn build(&mut self, file: CatalogFile) -> Catalog {
        let sources = file
            .sources
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                self.check_id("source", &s.id, 0);
                self.check_text("source", &s.id, "title", &s.title);
                if let Some(url) = &s.url {
                    self.check_text("source", &s.id, "url", url);
                }
                if self.sources.insert(s.id.to_string(), i).is_some() {
                    self.problem_at_id(&s.id, 1, format!("duplicate source id '{}'", s.id));
                }
                Source {
                    id: s.id.into(),
                    title: s.title.into(),
                    url: owned(s.url),
                }
            })
            .collect();

        if file.models.is_empty() {
            self.problems.push(Problem::new(
                "no models declared; add a `models` list (e.g. on-prem, iaas, paas, saas)",
            ));
        }
        if file.layers.is_empty() {
            self.problems
                .push(Problem::new("no layers declared; add a `layers` list"));
        }

        let models = file
            .models
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                self.register("model", &m.id, &m.aliases, Target::Model(i));
                self.check_texts("model", &m.id, &m.name, m.description.as_deref(), None);
                self.models.push(m.id.to_string());
                Model {
                    id: m.id.into(),
                    name: m.name.into(),
                    aliases: all_owned(m.aliases),
                    description: owned(m.description),
                }
            })
            .collect();

        let layers = file
            .layers
            .into_iter()
            .enumerate()
            .map(|(i, l)| self.layer(i, l))
            .collect();

        Catalog {
            sources,
            models,
            layers,
            index: std::mem::take(&mut self.index),
        }
    }

    fn layer(&mut self, li: usize, l: LayerFile) -> Layer {
        self.register("layer", &l.id, &l.aliases, Target::Layer(li));
        self.check_texts(
            "layer",
            &l.id,
            &l.name,
            l.description.as_deref(),
            l.remark.as_deref(),
        );
        let has_own = l.owners.is_some()
            || l.notes.is_some()
            || l.duties.is_some()
            || l.source.is_some()
            || !l.see_also.is_empty();
        let body = match l.parts {
            Some(parts) => {
                if has_own {
                    self.problem_at_id(
                        &l.id,
                        0,
                        format!(
                            "layer '{}' has both cells of its own (owners, notes, duties, source, see_also) and parts; keep one",
                            l.id
                        ),
                    );
                }
                if parts.is_empty() {
                    self.problem_at_id(
                        &l.id,
                        0,
                        format!("layer '{}' has an empty `parts` list; add parts or give the layer `owners`", l.id),
                    );
                }
                Body::Parts(
                    parts
                        .into_iter()
                        .enumerate()
                        .map(|(ri, p)| self.part(li, ri, p))
                        .collect(),
                )
            }
            None => {
                if l.owners.is_none() {
                    self.problem_at_id(
                        &l.id,
                        0,
                        format!(
                            "layer '{}' has neither `owners` nor `parts`; give it one of them",
                            l.id
                        ),
                    );
                }
                if l.source.is_none() {
                    self.problem_at_id(
                        &l.id,
                        0,
                        format!(
                            "layer '{}' has no `source`; name one of the declared sources",
                            l.id
                        ),
                    );
                }
                let row = RowFile {
                    id: l.id.clone(),
                    name: l.name.clone(),
                    aliases: Vec::new(),
                    description: None,
                    remark: l.remark.clone(),
                    owners: l.owners.unwrap_or_default(),
                    notes: l.notes.unwrap_or_default(),
                    duties: l.duties.unwrap_or_default(),
                    source: l.source.unwrap_or_default(),
                    see_also: l.see_also,
                };
                Body::Own(Box::new(self.row("layer", row)))
            }
        };
        Layer {
            id: l.id.into(),
            name: l.name.into(),
            aliases: all_owned(l.aliases),
            description: owned(l.description),
            body,
        }
    }

    fn part(&mut self, li: usize, ri: usize, p: RowFile) -> Row {
        self.register("part", &p.id, &p.aliases, Target::Part(li, ri));
        self.check_texts(
            "part",
            &p.id,
            &p.name,
            p.description.as_deref(),
            p.remark.as_deref(),
        );
        self.row("part", p)
    }

    /// Aligns a row's owners and notes with the declared models and resolves its sources.
    fn row(&mut self, kind: &str, r: RowFile) -> Row {
        let ModelMap(owner_entries) = r.owners;
        let ModelMap(note_entries) = r.notes;
        let mut owners: Vec<Option<Owner>> = vec![None; self.models.len()];
        let mut notes: Vec<Option<String>> = vec![None; self.models.len()];
        for (key, owner) in owner_entries {
            match self.model_index(&key) {
                Some(m) => owners[m] = Some(owner),
                None => self.unknown_model_key(kind, &r.id, "owners", &key),
            }
        }
        for (key, note) in note_entries {
            match self.model_index(&key) {
                Some(m) => notes[m] = Some(note.into()),
                None => self.unknown_model_key(kind, &r.id, "notes", &key),
            }
        }
        for note in notes.iter().flatten() {
            self.check_text(kind, &r.id, "notes", note);
        }
        for duty in r.duties.customer.iter().chain(&r.duties.provider) {
            self.check_text(kind, &r.id, "duties", duty);
        }
        let mut missing = Vec::new();
        for (m, owner) in owners.iter().enumerate() {
            match owner {
                None => missing.push(self.models[m].clone()),
                Some(Owner::Depends) if notes[m].as_deref().is_none_or(|n| n.trim().is_empty()) => {
                    self.problem_at_id(
                        &r.id,
                        0,
                        format!(
                            "{kind} '{}' is `depends` under '{}' but has no note saying on what; add notes: {{{}: ...}}",
                            r.id, self.models[m], self.models[m]
                        ),
                    );
                }
                Some(_) => {}
            }
        }
        if !missing.is_empty() {
            self.problem_at_id(
                &r.id,
                0,
                format!(
                    "{kind} '{}' has no owner for model{} {}; every row needs one per model",
                    r.id,
                    if missing.len() == 1 { "" } else { "s" },
                    quote_list(&missing)
                ),
            );
        }
        let source = self.source_index(kind, &r.id, "source", &r.source);
        let see_also = r
            .see_also
            .iter()
            .map(|s| self.source_index(kind, &r.id, "see_also", s))
            .collect();
        Row {
            id: r.id.into(),
            name: r.name.into(),
            aliases: all_owned(r.aliases),
            description: owned(r.description),
            remark: owned(r.remark),
            owners: owners
                .into_iter()
                .map(|o| o.unwrap_or(Owner::Shared))
                .collect(),
            notes,
            duties: Duties {
                customer: all_owned(r.duties.customer),
                provider: all_owned(r.duties.provider),
            },
            source,
            see_also,
        }
    }

    fn model_index(&self, key: &str) -> Option<usize> {
        self.models.iter().position(|m| m == key)
    }

    fn unknown_model_key(&mut self, kind: &str, id: &str, field: &str, key: &str) {
        let declared = quote_list(&self.models);
        self.problem_at_id(
            id,
            0,
            format!(
                "{kind} '{id}' names unknown model '{key}' in `{field}`; declared models: {declared}"
            ),
        );
    }

    fn source_index(&mut self, kind: &str, id: &str, field: &str, source: &str) -> usize {
        match self.sources.get(source) {
            Some(&i) => i,
            None => {
                let declared: Vec<String> = {
                    let mut v: Vec<_> = self.sources.iter().collect();
                    v.sort_by_key(|(_, i)| **i);
                    v.into_iter().map(|(k, _)| k.clone()).collect()
                };
                let hint = if declared.is_empty() {
                    "the catalogue declares no `sources`".to_string()
                } else {
                    format!("declared sources: {}", quote_list(&declared))
                };
                self.problem_at_id(
                    id,
                    0,
                    format!(
                        "{kind} '{id}' cites undeclared source '{source}' in `{field}`; {hint}"
                    ),
                );
                0
            }
        }
    }

    fn check_texts(
        &mut self,
        kind: &str,
        id: &str,
        name: &str,
        description: Option<&str>,
        remark: Option<&str>,
    ) {
        if name.trim().is_empty() {
            self.problem_at_id(id, 0, format!("{kind} '{id}' has an empty `name`"));
        }
        self.check_text(kind, id, "name", name);
        if let Some(d) = description {
            self.check_text(kind, id, "description", d);
        }
        if let Some(r) = remark {
            self.check_text(kind, id, "remark", r);
        }
    }

    /// Text must not carry terminal controls: output escapes them anyway, but a catalogue that
    /// holds them is broken or hostile, and saying so beats printing `\u{1b}` to every reader.
    fn check_text(&mut self, kind: &str, id: &str, field: &str, text: &str) {
        // Printable ASCII, the usual case, needs no decoding.
        if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            return;
        }
        if let Some(c) = text
            .chars()
            .find(|&c| c != '\n' && c != '\t' && crate::sanitize::is_unsafe(c))
        {
            self.problem_at_id(
                id,
                0,
                format!(
                    "{kind} '{id}' has a control character (U+{:04X}) in `{field}`; remove it",
                    c as u32
                ),
            );
        }
    }

    fn check_id(&mut self, kind: &str, id: &str, nth: usize) -> bool {
        if is_kebab(id) {
            return true;
        }
        let message = if id.is_empty() {
            format!("a {kind} has an empty id")
        } else {
            format!(
                "{kind} id '{}' is not lowercase-kebab (a-z, 0-9 and single dashes, e.g. 'ai-platform')",
                id.escape_debug()
            )
        };
        self.problem_at_id(id, nth, message);
        false
    }

    /// Records an id and its aliases, reporting clashes with anything registered before.
    fn register(&mut self, kind: &str, id: &str, aliases: &[Text], target: Target) {
        // The nth occurrence of `id: X` in the text is the one to point at when X repeats.
        let nth = usize::from(self.index.contains_key(normalize(id).as_ref()));
        self.ids.entry(target).or_insert_with(|| id.to_string());
        if self.check_id(kind, id, nth) {
            self.insert(kind, id, id, target, nth, "id");
        }
        for alias in aliases {
            self.check_text(kind, id, "aliases", alias);
            self.insert(kind, id, alias, target, nth, "alias");
        }
    }

    fn insert(&mut self, kind: &str, id: &str, name: &str, target: Target, nth: usize, what: &str) {
        let key = normalize(name).into_owned();
        if key.is_empty() {
            self.problem_at_id(id, nth, format!("{kind} '{id}' has an empty {what}"));
            return;
        }
        if let Some(previous) = self.index.get(&key).copied() {
            let (pkind, pid) = self.describe(previous);
            let message = if what == "id" {
                format!(
                    "duplicate id '{name}': {pkind} '{pid}' already uses it; ids and aliases must be unique across models, layers and parts"
                )
            } else {
                format!(
                    "{kind} '{id}' has alias '{name}', which {pkind} '{pid}' already uses; ids and aliases must be unique across models, layers and parts"
                )
            };
            self.problem_at_id(id, nth, message);
        } else {
            self.index.insert(key, target);
        }
    }

    fn describe(&self, target: Target) -> (&'static str, String) {
        let kind = match target {
            Target::Model(_) => "model",
            Target::Layer(_) => "layer",
            Target::Part(..) => "part",
        };
        (kind, self.ids.get(&target).cloned().unwrap_or_default())
    }

    fn problem_at_id(&mut self, id: &str, nth: usize, message: String) {
        let location = find_id_line(self.text, id, nth);
        self.problems.push(Problem::new(message).at(location));
    }
}

/// Where the `nth` (0-based) line declaring `id: <id>` stands, as 1-based line and column of the
/// id's value. Validation works on parsed values, which carry no positions; this finds them
/// again in the text so that semantic problems can be reported as `file:line:column` too.
fn find_id_line(text: &str, id: &str, nth: usize) -> Option<(usize, usize)> {
    let mut seen = 0;
    for (n, line) in text.lines().enumerate() {
        let body = line.trim_start();
        let body = body.strip_prefix("- ").map_or(body, str::trim_start);
        let Some(value) = body.strip_prefix("id:") else {
            continue;
        };
        let value_trimmed = value.trim();
        let unquoted = value_trimmed
            .strip_prefix('\'')
            .and_then(|v| v.strip_suffix('\''))
            .or_else(|| {
                value_trimmed
                    .strip_prefix('"')
                    .and_then(|v| v.strip_suffix('"'))
            })
            .unwrap_or(value_trimmed);
        if unquoted == id {
            if seen == nth {
                let column = line.len() - value.trim_start().len();
                return Some((n + 1, line[..column].chars().count() + 1));
            }
            seen += 1;
        }
    }
    None
}

fn owned(text: Option<Text>) -> Option<String> {
    text.map(String::from)
}

fn all_owned(texts: Vec<Text>) -> Vec<String> {
    texts.into_iter().map(String::from).collect()
}

fn quote_list(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_err(text: &str) -> CatalogError {
        match parse("test.yaml", text) {
            Ok(_) => panic!("expected an error for:\n{text}"),
            Err(e) => e,
        }
    }

    const MINIMAL: &str = "\
sources:
  - {id: s, title: S}
models:
  - {id: a, name: A}
  - {id: b, name: B}
layers:
  - id: one
    name: One
    owners: {a: customer, b: provider}
    source: s
";

    #[test]
    fn embedded_catalogue_is_valid() {
        let cat = parse("embedded", EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cat.models.len(), 4);
        assert_eq!(cat.layers.len(), 13);
        assert_eq!(cat.row_count(), 26);
    }

    #[test]
    fn embedded_json_is_the_embedded_yaml() {
        let from_yaml = parse("embedded", EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
        let from_json = parse_embedded().unwrap_or_else(|e| panic!("{e}"));
        let dump = |c: &Catalog| format!("{:?} {:?} {:?}", c.sources, c.models, c.layers);
        assert_eq!(dump(&from_yaml), dump(&from_json));
    }

    #[test]
    fn minimal_catalogue_loads() {
        let cat = parse("t", MINIMAL).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cat.layers[0].owner(1), Owner::Provider);
    }

    #[test]
    fn every_problem_is_collected_not_just_the_first() {
        let text = MINIMAL.replace("{a: customer, b: provider}", "{a: depends}")
            + "  - id: one\n    name: Again\n    owners: {a: customer, b: customer, c: shared}\n    source: nowhere\n";
        let err = parse_err(&text);
        let all: Vec<_> = err.problems.iter().map(|p| p.message.as_str()).collect();
        let joined = all.join("\n");
        assert!(joined.contains("no owner for model 'b'"), "{joined}");
        assert!(
            joined.contains("`depends` under 'a' but has no note"),
            "{joined}"
        );
        assert!(joined.contains("duplicate id 'one'"), "{joined}");
        assert!(joined.contains("unknown model 'c'"), "{joined}");
        assert!(joined.contains("undeclared source 'nowhere'"), "{joined}");
    }

    #[test]
    fn semantic_problems_point_at_the_offending_line() {
        let text = MINIMAL.to_string()
            + "  - id: one\n    name: Again\n    owners: {a: customer, b: customer}\n    source: s\n";
        let err = parse_err(&text);
        assert_eq!(err.problems[0].line, Some(11), "{err}");
        assert_eq!(err.problems[0].column, Some(9), "{err}");
    }

    #[test]
    fn yaml_errors_carry_their_location() {
        let err = parse_err("models: [\n  {id: a, name: A, colour: red}]\n");
        let p = &err.problems[0];
        assert_eq!(p.line, Some(2), "{err}");
        assert!(p.message.contains("unknown field `colour`"), "{err}");
    }

    #[test]
    fn duplicate_owner_keys_are_refused() {
        let err = parse_err(&MINIMAL.replace("b: provider}", "b: provider, a: shared}"));
        assert!(err.to_string().contains("duplicate key 'a'"), "{err}");
    }

    #[test]
    fn aliases_clash_case_insensitively() {
        let err = parse_err(&MINIMAL.replace("{id: b, name: B}", "{id: b, name: B, aliases: [A]}"));
        assert!(err.to_string().contains("alias 'A'"), "{err}");
    }

    #[test]
    fn kebab_ids_only() {
        assert!(is_kebab("ai-platform"));
        assert!(is_kebab("on-prem"));
        for bad in ["", "OS", "a_b", "-a", "a-", "a--b", "a b", "é"] {
            assert!(!is_kebab(bad), "{bad}");
        }
    }

    #[test]
    fn line_and_column_of_a_byte_offset() {
        assert_eq!(line_col_of_offset(b""), (1, 1));
        assert_eq!(line_col_of_offset(b"ab\ncd"), (2, 3));
    }
}
