//! Reading and validating a catalogue: bytes → YAML or JSON → the builder → [`Catalog`].
//!
//! There is one way in, for the whole embedded catalogue and for the user's own (the embedded
//! one without its services is static data instead: `catalog/embedded.rs`). [`read`] reads
//! the text (the only I/O), capped at [`MAX_BYTES`] and required to be UTF-8; the first
//! non-blank character picks the backend (`{` is JSON, anything else YAML); validation turns
//! the parsed file into a catalogue whose every value can be trusted. serde-saphyr and
//! serde_json enforce their limits while parsing, and list items are counted as they are read
//! (one per 32 bytes of the file at most). Validation keeps at most [`MAX_PROBLEMS`] problems
//! and only counts the rest, and checks each row by the entries it spells, so its work follows
//! what the file spells, not models × rows.

#[cfg(test)]
mod embedded;
mod error;
mod json;
mod source;
mod stream;
mod yaml;

pub use error::{CatalogError, MAX_PROBLEMS, Problem, Summary, ValidationReport, cut};
pub(crate) use error::{count, quote_list};
pub use source::{EMBEDDED, Input, MAX_BYTES, decode, line_col_of_offset, read};

use std::borrow::Cow;

use crate::catalog::{Arena, Boxed, Builder, Catalog};

/// The YAML parser's budgets for a document of `len` bytes that is not a catalogue (a
/// CloudFormation template): the same limits, so that no YAML srm reads can grow without bound.
pub(crate) fn yaml_options(len: usize) -> serde_saphyr::Options {
    yaml::options(len, serde_saphyr::DuplicateKeyPolicy::Error)
}

/// Reads and validates a catalogue.
///
/// The catalogue borrows from its text and its arena, which are kept for as long as the process
/// runs: srm answers one question and exits, so there is no later moment to free them at.
pub fn load(input: &Input) -> Result<Catalog<'static>, CatalogError> {
    load_with_text(input).map(|(catalog, _)| catalog)
}

/// The catalogue, and whether it is whole: the embedded one comes without its services (most
/// runs name none, and they are two thirds of its text), as static data
/// (`catalog/embedded.rs`), so nothing is parsed or built for it; any other is read whole. A
/// caller that meets a name the catalogue does not know loads the whole one with [`load`] and
/// asks again.
pub(crate) fn load_lean(
    input: &Input,
) -> Result<(Boxed<'static, Catalog<'static>>, bool), CatalogError> {
    if *input != Input::Embedded {
        return load(input).map(|c| (c.into(), true));
    }
    Ok((Boxed::Lent(Catalog::embedded_lean()), false))
}

/// The embedded catalogue without its services, parsed: what `catalog/embedded.rs` holds as
/// static data (its test compares the two).
#[cfg(test)]
pub(crate) fn parse_embedded_lean() -> Result<Catalog<'static>, CatalogError> {
    let arena: &'static Arena = Box::leak(Box::default());
    parse_checking(
        &Input::Embedded.origin(),
        source::EMBEDDED_LEAN_JSON,
        false,
        arena,
    )
}

/// [`load`], with the text the catalogue was read from (for the embedded catalogue, its JSON
/// transcode).
pub fn load_with_text(input: &Input) -> Result<(Catalog<'static>, &'static str), CatalogError> {
    let text: &'static str = match read(input)? {
        Cow::Borrowed(text) => text,
        Cow::Owned(text) => text.leak(),
    };
    let arena: &'static Arena = Box::leak(Box::default());
    // The embedded catalogue's control ids are checked by `cargo test` (embedded.rs).
    let catalog = parse_checking(&input.origin(), text, *input != Input::Embedded, arena)?;
    Ok((catalog, text))
}

/// [`parse`] into an arena that is never freed, for tests.
#[cfg(test)]
pub(crate) fn parse_kept<'t>(origin: &str, text: &'t str) -> Result<Catalog<'t>, CatalogError> {
    parse(origin, text, Box::leak(Box::default()))
}

/// The syntax a catalogue is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Syntax {
    Yaml,
    Json,
}

/// Parses and validates catalogue text; `origin` names it in messages. The catalogue borrows
/// from `text` and keeps its lists and any text it had to build in `arena`.
pub fn parse<'t>(
    origin: &str,
    text: &'t str,
    arena: &'t Arena,
) -> Result<Catalog<'t>, CatalogError> {
    parse_checking(origin, text, true, arena)
}

/// [`parse`], checking control ids against the shipped list or not.
fn parse_checking<'t>(
    origin: &str,
    text: &'t str,
    check_controls: bool,
    arena: &'t Arena,
) -> Result<Catalog<'t>, CatalogError> {
    // A byte-order mark is an encoding detail, not content; editors on Windows write one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(first) = text.trim_start().chars().next() else {
        return Err(CatalogError::single(
            origin,
            Problem::new(
                "the catalogue is empty; it needs `models` and `layers` (see `srm catalog show`)",
            ),
        ));
    };
    let syntax = if first == '{' {
        Syntax::Json
    } else {
        Syntax::Yaml
    };
    let mut builder = Builder::new(check_controls, text.len(), arena);
    crate::catalog::file::set_item_budget(crate::catalog::file::item_budget(text.len()));
    let parsed = match syntax {
        Syntax::Json => json::parse(text, &mut builder),
        Syntax::Yaml => yaml::parse(text, &mut builder),
    };
    parsed.map_err(|problem| CatalogError::single(origin, problem))?;
    let catalog = builder.finish().map_err(|(mut problems, omitted)| {
        if syntax == Syntax::Json {
            place_by_address(text, &mut problems);
        }
        CatalogError {
            origin: origin.to_string(),
            problems,
            omitted,
        }
    })?;
    Ok(catalog)
}

/// serde_json keeps no spans, so a JSON catalogue's problems come back with the address of the
/// text they are about instead of its place (see [`Problem`]). Ids are plain strings that the
/// parser lends from the file, so the address is a byte offset into it; one pass over the
/// text, in offset order, turns every offset into a line and column. A JSON id spelt with
/// escapes was built by the parser, stands nowhere in the file and stays without a place.
fn place_by_address(text: &str, problems: &mut [Problem]) {
    let start = text.as_ptr() as usize;
    let mut wanted: Vec<(usize, usize)> = problems
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let offset = p.address?.checked_sub(start)?;
            // The opening quote, where an editor puts the cursor for a JSON string.
            (offset > 0 && offset <= text.len()).then_some((offset - 1, i))
        })
        .collect();
    wanted.sort_unstable();
    // Line, and characters since the line's start, at byte `scanned`: a place costs the
    // bytes between it and the one before, so all of them cost one pass.
    let (mut line, mut column, mut scanned) = (1, 0, 0);
    let bytes = text.as_bytes();
    for (offset, i) in wanted {
        for at in scanned..offset {
            let b = bytes[at];
            if b == b'\n' || (b == b'\r' && bytes.get(at + 1) != Some(&b'\n')) {
                line += 1;
                column = 0;
            } else if b & 0xC0 != 0x80 && b != b'\r' {
                column += 1;
            }
        }
        scanned = scanned.max(offset);
        problems[i].line = Some(line);
        problems[i].column = Some(column + 1);
    }
    // Placed problems in file order, as YAML's are.
    problems.sort_by_key(|p| (p.line.unwrap_or(usize::MAX), p.column.unwrap_or(0)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{ModelId, Owner};

    fn parse_err(text: &str) -> CatalogError {
        match parse_kept("test.yaml", text) {
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
    fn embedded_catalogue_is_valid_as_yaml_and_as_its_json_transcode() {
        let from_yaml = parse_kept("embedded", EMBEDDED).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(from_yaml.models().len(), 4);
        assert_eq!(from_yaml.layers().len(), 13);
        assert_eq!(from_yaml.row_count(), 26);
        let from_json = load(&Input::Embedded).unwrap_or_else(|e| panic!("{e}"));
        let dump = |c: &Catalog<'_>| {
            format!(
                "{:?} {:?} {:?} {:?}",
                c.sources(),
                c.models(),
                c.layers(),
                c.organisational()
            )
        };
        assert_eq!(dump(&from_yaml), dump(&from_json));
    }

    #[test]
    fn minimal_catalogue_loads() {
        let cat = parse_kept("t", MINIMAL).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cat.layers()[0].owner(ModelId::new(1)), Owner::Provider);
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
    fn semantic_problems_point_at_the_offending_id() {
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
        assert!(p.message.contains("colour"), "{err}");
    }

    #[test]
    fn duplicate_owner_keys_are_refused_in_yaml_and_in_json() {
        let err = parse_err(&MINIMAL.replace("b: provider}", "b: provider, a: shared}"));
        assert!(err.to_string().contains("duplicate"), "{err}");
        let json = r#"{"sources": [{"id": "s", "title": "S"}], "models": [{"id": "a", "name": "A"}],
  "layers": [{"id": "one", "name": "One", "owners": {"a": "customer", "a": "provider"}, "source": "s"}]}"#;
        let err = parse_err(json);
        assert!(
            err.to_string()
                .contains("test.yaml:2:21: layer 'one' has duplicate key 'a' in `owners`"),
            "{err}"
        );
    }

    #[test]
    fn aliases_clash_case_insensitively() {
        let err = parse_err(&MINIMAL.replace("{id: b, name: B}", "{id: b, name: B, aliases: [A]}"));
        assert!(err.to_string().contains("alias 'A'"), "{err}");
    }

    #[test]
    fn unknown_fields_are_named_with_the_fields_in_the_order_the_format_declares_them() {
        let json = r#"{"sources": [{"id": "s", "title": "S"}], "models": [{"id": "a", "name": "A"}],
  "layers": [LAYER]}"#;
        for (layer, want) in [
            (
                r#"{"id": "one", "name": "One", "colour": "red"}"#,
                "unknown field `colour`, expected one of `id`, `name`, `aliases`, `keywords`, `description`, `scope`, `remark`, `owners`, `notes`, `caveats`, `duties`, `source`, `see_also`, `controls`, `parts`",
            ),
            (
                r#"{"id": "one", "name": "One", "parts": [{"id": "p", "name": "P", "scope": "ai"}]}"#,
                "unknown field `scope`, expected one of `id`, `name`, `aliases`, `keywords`, `description`, `remark`, `owners`, `notes`, `caveats`, `duties`, `source`, `see_also`, `controls`",
            ),
            (
                r#"{"id": "one", "name": "One", "duties": {"vendor": []}}"#,
                "unknown field `vendor`, expected `customer` or `provider`",
            ),
        ] {
            let err = parse_err(&json.replace("LAYER", layer));
            assert_eq!(err.problems[0].message, want);
        }
    }

    #[test]
    fn a_layer_part_or_duties_written_as_a_list_is_refused() {
        // serde's derive read a JSON array as a struct's fields in order; the loader reads
        // mappings only, in JSON as in YAML.
        let json = r#"{"sources": [{"id": "s", "title": "S"}], "models": [{"id": "a", "name": "A"}],
  "layers": [LAYER]}"#;
        for (layer, want) in [
            (r#"["one", "One"]"#, "expected struct LayerFile"),
            (
                r#"{"id": "one", "name": "One", "parts": [["p", "P"]]}"#,
                "expected struct RowFile",
            ),
            (
                r#"{"id": "one", "name": "One", "owners": {"a": "customer"}, "source": "s", "duties": []}"#,
                "expected struct DutiesFile",
            ),
        ] {
            let err = parse_err(&json.replace("LAYER", layer));
            assert!(
                err.problems[0].message == format!("invalid type: sequence, {want}"),
                "{err}"
            );
        }
    }

    #[test]
    fn json_catalogues_load_and_their_problems_are_placed() {
        let json = r#"{
  "sources": [{"id": "s", "title": "S"}],
  "models": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
  "layers": [{"id": "one", "name": "One", "owners": {"a": "customer", "b": "provider"}, "source": "s"}]
}"#;
        let cat = parse_kept("t.json", json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cat.layers()[0].owner(ModelId::new(1)), Owner::Provider);
        let err = parse_err(&json.replace("\"source\": \"s\"", "\"source\": \"x\""));
        assert_eq!(
            (err.problems[0].line, err.problems[0].column),
            (Some(4), Some(21))
        );
        let err = parse_err(&json.replace("\"title\"", "\"tittle\""));
        assert_eq!(err.problems[0].line, Some(2), "{err}");
        assert!(err.problems[0].message.contains("tittle"), "{err}");
    }

    #[test]
    fn a_byte_order_mark_is_not_content() {
        let text = format!("\u{feff}---\n{MINIMAL}");
        let cat = parse_kept("t", &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cat.layers().len(), 1);
    }

    #[test]
    fn places_are_right_whatever_ends_the_lines() {
        let bad = MINIMAL.replace("source: s\n", "source: x\n");
        for (name, text) in [
            ("LF", bad.clone()),
            ("CRLF", bad.replace('\n', "\r\n")),
            ("CR", bad.replace('\n', "\r")),
        ] {
            let err = parse_err(&text);
            assert_eq!(
                (err.problems[0].line, err.problems[0].column),
                (Some(7), Some(9)),
                "{name}: {err}"
            );
        }
    }

    #[test]
    fn a_line_separator_is_a_character_of_its_line() {
        // YAML 1.2 breaks lines at LF and CR only: U+2028 stands where it is, on line 1, and
        // the column counts characters, so the place points at it.
        let err = parse_err("sources: []\u{2028}models: [x]\n");
        assert_eq!(
            (err.problems[0].line, err.problems[0].column),
            (Some(1), Some(12)),
            "{err}"
        );
    }

    #[test]
    fn one_anchor_can_serve_many_rows() {
        let mut text = String::from(
            "sources: [{id: s, title: S}]\nmodels: [{id: a, name: A}, {id: b, name: B}]\nlayers:\n",
        );
        for i in 0..200 {
            let owners = if i == 0 {
                "&o {a: customer, b: provider}"
            } else {
                "*o"
            };
            text.push_str(&format!(
                "  - id: l{i}\n    name: L{i}\n    owners: {owners}\n    source: s\n"
            ));
        }
        let cat = parse_kept("t", &text).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(cat.layers().len(), 200);
        assert_eq!(cat.layers()[199].owner(ModelId::new(1)), Owner::Provider);
    }
}
