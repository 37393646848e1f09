//! The YAML backend: serde-saphyr, with every budget set from the size of the input.
//!
//! Why serde-saphyr: it deserialises straight into our types without buffering the document's
//! events, forbids unsafe code, is built not to panic, and enforces budgets (events, nodes,
//! depth, aliases, anchors, scalar bytes, documents) as it parses. Those budgets are what keep
//! a crafted file from hanging srm or exhausting memory, so the loader needs no defences of
//! its own around the parser.

use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{
    Budget, DefaultMessageFormatter, DuplicateKeyPolicy, Error, MessageFormatter, Options,
};

use serde::de::DeserializeSeed;

use super::error::Problem;
use super::stream::CatalogSeed;
use crate::catalog::Builder;

/// Room, beyond what the text itself holds, for anchors that are named again (`owners: *o`):
/// replaying them produces events and text the file does not spell out.
const REPLAY_ALLOWANCE: usize = 1 << 20;

/// Deepest nesting accepted; a catalogue needs six levels.
const MAX_DEPTH: usize = 32;

/// How much a catalogue of `len` bytes may make the parser do.
///
/// Every node, event and scalar byte of a document takes at least one byte of its text, so
/// a file that stays within these budgets can grow no larger in memory than a small multiple
/// of its own size, whatever its aliases replay. A catalogue needs a handful of nesting
/// levels; 32 leaves room and stops `[[[[…` and `? ? ? …` at once.
fn budget(len: usize) -> Budget {
    let room = len.saturating_add(REPLAY_ALLOWANCE);
    let mut b = Budget::default();
    b.max_reader_input_bytes = Some(len);
    b.max_events = room.saturating_mul(2);
    b.max_nodes = room;
    b.max_total_scalar_bytes = room;
    b.max_aliases = room / 2;
    b.max_anchors = room / 2;
    b.max_recorded_anchor_events = room;
    b.max_recorded_anchor_bytes = room;
    b.max_depth = MAX_DEPTH;
    b.flow_nesting_limit = MAX_DEPTH;
    b.max_documents = 1;
    b.max_merge_keys = 0;
    b.max_inclusion_depth = 0;
    // The ratio heuristic would refuse the ordinary reuse of one anchor by many rows; the
    // absolute budgets above already bound what aliases can replay.
    b.enforce_alias_anchor_ratio = false;
    b
}

pub(crate) fn options(len: usize, duplicate_keys: DuplicateKeyPolicy) -> Options {
    let mut options = Options::default();
    // srm prints its own one-line messages; a snippet would cost a line index of the whole
    // file (eight bytes a line) for every error.
    options.with_snippet = false;
    options.budget = Some(budget(len));
    options.duplicate_keys = duplicate_keys;
    options.alias_limits.max_total_replayed_events = len.saturating_add(REPLAY_ALLOWANCE);
    options
}

/// Parses catalogue YAML into `builder`; a failure comes back as one problem with its place.
pub(crate) fn parse<'t>(text: &'t str, builder: &mut Builder<'t>) -> Result<(), Problem> {
    parse_with(text, builder, DuplicateKeyPolicy::Error)
}

fn parse_with<'t>(
    text: &'t str,
    builder: &mut Builder<'t>,
    duplicate_keys: DuplicateKeyPolicy,
) -> Result<(), Problem> {
    let options = options(text.len(), duplicate_keys);
    serde_saphyr::with_deserializer_from_str_with_options(text, options, |de| {
        CatalogSeed(builder).deserialize(de)
    })
    .map_err(|err| {
        let place = err.location().filter(|l| l.line() > 0).map(|l| {
            let wide = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
            (wide(l.line()), wide(l.column()))
        });
        // A tab is placed where it stands, not where the parser noticed it.
        let raw = first_line(&err);
        let place = match place {
            Some(p) if raw.starts_with(TAB_IN_BLOCK) => {
                Some(tab_after(text, p).filter(|t| t.0 == p.0).unwrap_or(p))
            }
            Some(p) if raw.starts_with(TAB_IN_SCALAR) => Some(tab_after(text, p).unwrap_or(p)),
            place => place,
        };
        Problem::new(message(&err)).at(place)
    })
}

/// What a tab in indentation is told: YAML indents with spaces only.
const TAB: &str = "a tab in indentation; YAML indents with spaces only: replace it with spaces";

/// serde-saphyr's words for a tab that opens a line, which it places just after the tab.
const TAB_IN_BLOCK: &str = "tabs disallowed within this context";

/// serde-saphyr's words for a tab in the indentation of a line that goes on a plain scalar,
/// which it places at the start of the scalar, lines before.
const TAB_IN_SCALAR: &str = "while scanning a plain scalar, found a tab";

/// The place of the tab a tab error is about: the first tab, from the start of line `line`
/// on, that stands in a line's indentation (the parser would have stopped at any earlier
/// one). Lines end at LF, CRLF or CR, as YAML's do; columns count characters, as the
/// parser's do.
fn tab_after(text: &str, (line, _): (usize, usize)) -> Option<(usize, usize)> {
    let (mut at_line, mut column, mut indent) = (1, 0, true);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            at_line += 1;
            column = 0;
            indent = true;
            continue;
        }
        column += 1;
        if at_line < line {
            continue;
        }
        match c {
            '\t' if indent => return Some((at_line, column)),
            ' ' | '\t' => {}
            _ => indent = false,
        }
    }
    None
}

/// The error itself, out of the wrappers that say where an alias led or add a snippet.
fn innermost(err: &Error) -> &Error {
    let mut inner = err;
    while let Error::AliasError { error, .. } | Error::WithSnippet { error, .. } = inner {
        inner = error;
    }
    inner
}

/// The first line of serde-saphyr's own message.
fn first_line(err: &Error) -> String {
    let text = DefaultMessageFormatter.format_message(innermost(err));
    text.lines().next().unwrap_or_default().to_string()
}

/// The error's message in one line, without the place (srm prints that as a prefix).
fn message(err: &Error) -> String {
    let inner = innermost(err);
    if let Error::Budget { breach, .. } = inner {
        return budget_message(breach);
    }
    let line = first_line(inner);
    let line = line.as_str();
    // The crate's wording speaks to the programmer who configured it; say the same to the
    // person who wrote the catalogue.
    if let Some(key) = line
        .strip_prefix("duplicate mapping key: ")
        .and_then(|rest| rest.split(", set DuplicateKeyPolicy").next())
    {
        return format!("duplicate key `{key}`; give each key once");
    }
    if line.contains("!!binary") {
        return "a `!!binary` value that is not UTF-8 text where text is required; write the text itself, without the tag".to_string();
    }
    if line.contains("recursive references") || line.contains("recursion types") {
        return "an alias (*name) inside the very node its anchor (&name) names; a catalogue cannot refer to itself: write the values out".to_string();
    }
    if line.starts_with("cannot deserialize null into string") {
        return "null where text is required; write the text (quote it, as \"~\", to mean those characters)".to_string();
    }
    if line.starts_with(TAB_IN_BLOCK) || line.starts_with(TAB_IN_SCALAR) {
        return TAB.to_string();
    }
    match line {
        "expected mapping start" => "expected a mapping (`key: value` entries) here".to_string(),
        "expected sequence start" => {
            "expected a list (`- item` lines or `[a, b]`) here".to_string()
        }
        "expected string scalar" => "expected text here".to_string(),
        "recursion limit exceeded" => {
            format!("nested more than {MAX_DEPTH} levels deep; a catalogue needs six at most")
        }
        _ => line.to_string(),
    }
}

/// What a budget breach means for a catalogue, in words: which limit, and why it is there.
fn budget_message(breach: &BudgetBreach) -> String {
    const ALIASES: &str = "YAML aliases (*name) replay more than a catalogue of this size can hold; write the values out";
    match breach {
        BudgetBreach::Depth { .. } => {
            format!("nested more than {MAX_DEPTH} levels deep; a catalogue needs six at most")
        }
        BudgetBreach::Documents { .. } => {
            "more than one document (`---`); a catalogue is a single document".to_string()
        }
        BudgetBreach::Events { .. }
        | BudgetBreach::Nodes { .. }
        | BudgetBreach::ScalarBytes { .. }
        | BudgetBreach::RecordedAnchorEvents { .. }
        | BudgetBreach::RecordedAnchorBytes { .. } => {
            format!("the parsing budget for a file of this size is spent: {ALIASES}")
        }
        BudgetBreach::Aliases { .. } | BudgetBreach::AliasAnchorRatio { .. } => {
            format!("too many aliases: {ALIASES}")
        }
        BudgetBreach::Anchors { .. } => {
            "too many anchors (&name) for a file of this size".to_string()
        }
        BudgetBreach::MergeKeys { .. } => {
            "merge keys (<<) are not supported in catalogues; write the entries out".to_string()
        }
        BudgetBreach::InputBytes { .. } => "the catalogue is larger than its budget".to_string(),
        _ => "the catalogue exceeds a parsing limit".to_string(),
    }
}
