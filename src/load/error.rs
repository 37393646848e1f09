//! What is wrong with a catalogue, and where: problems, the error that carries them, and the
//! report `srm catalog validate` prints.

use std::fmt;

use crate::catalog::Catalog;

use super::Input;

/// Problems kept for one catalogue; past these only a count is kept. A hostile file can hold
/// millions of bad items, and nobody reads past the first screenful.
pub const MAX_PROBLEMS: usize = 100;

/// One thing wrong with a catalogue.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, schemars::JsonSchema)]
pub struct Problem {
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// Where the text the problem is about starts in memory, for a parser that keeps no places
    /// (serde_json): the loader turns it into a line and column once, for all problems.
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) address: Option<usize>,
}

/// Longest message kept, a backstop: every value a message quotes is cut already ([`cut`]).
const MAX_MESSAGE: usize = 1000;

impl Problem {
    /// A problem saying `message`, which is made one line of safe text: line breaks become
    /// spaces and unsafe characters are escaped (a key in a file can hold anything), and it is
    /// cut at [`MAX_MESSAGE`] characters.
    pub(crate) fn new(message: impl Into<String>) -> Problem {
        let message = cut_quoted(&message.into());
        let mut message = crate::sanitize::clean(&message).into_owned();
        if let Some((end, _)) = message.char_indices().nth(MAX_MESSAGE) {
            message.truncate(end);
            message.push('…');
        }
        Problem {
            line: None,
            column: None,
            message,
            address: None,
        }
    }

    /// The problem placed at a 1-based line and column, when the place is known.
    pub(crate) fn at(mut self, place: Option<(usize, usize)>) -> Problem {
        if let Some((line, column)) = place {
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
    /// The first [`MAX_PROBLEMS`] problems found.
    pub problems: Vec<Problem>,
    /// How many more were found and not kept.
    pub omitted: usize,
}

impl CatalogError {
    pub(crate) fn single(origin: &str, problem: Problem) -> CatalogError {
        CatalogError {
            origin: origin.to_string(),
            problems: vec![problem],
            omitted: 0,
        }
    }

    /// Every problem found, kept or not.
    pub fn count(&self) -> usize {
        self.problems.len() + self.omitted
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

impl CatalogError {
    /// The error as srm prints it: the first problem, and, when there are more, a second line
    /// saying how to see them. Each is one line of safe text: the origin is a path, and a path
    /// may hold a line break.
    pub fn lines(&self) -> (String, Option<String>) {
        let clean = |s: &str| crate::sanitize::clean(s).into_owned();
        let Some(first) = self.problems.first() else {
            return (clean(&format!("{}: invalid catalogue", self.origin)), None);
        };
        let more = self.count() - 1;
        let second = (more > 0).then(|| {
            format!(
                "({more} more problem{}; `srm catalog validate` lists them)",
                if more == 1 { "" } else { "s" }
            )
        });
        (clean(&self.format_problem(first)), second)
    }
}

impl fmt::Display for CatalogError {
    /// The first problem, and how to see the rest: errors stay one or two lines.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.lines() {
            (first, None) => f.write_str(&first),
            (first, Some(second)) => write!(f, "{first}\n{second}"),
        }
    }
}

impl std::error::Error for CatalogError {}

/// What `srm catalog validate --json` says about a catalogue.
#[derive(Debug, serde::Serialize, schemars::JsonSchema)]
pub struct ValidationReport<'a> {
    /// The version of this document's shape: 2.
    pub format_version: u32,
    pub catalog: String,
    pub valid: bool,
    /// Counts of a valid catalogue; `None` for an invalid one.
    pub summary: Option<Summary>,
    /// The first 100 problems.
    pub problems: Vec<&'a Problem>,
    /// How many problems were found beyond those listed.
    pub omitted: usize,
}

#[derive(Debug, Clone, Copy, serde::Serialize, schemars::JsonSchema)]
pub struct Summary {
    pub layers: usize,
    pub models: usize,
    pub rows: usize,
    pub services: usize,
    pub sources: usize,
}

impl<'a> ValidationReport<'a> {
    pub fn new(input: &Input, result: &'a Result<Catalog, CatalogError>) -> ValidationReport<'a> {
        let omitted = result.as_ref().err().map_or(0, |e| e.omitted);
        let (summary, problems) = match result {
            Ok(cat) => (
                Some(Summary {
                    layers: cat.layers().len(),
                    models: cat.models().len(),
                    rows: cat.row_count(),
                    services: cat.services().len(),
                    sources: cat.sources().len(),
                }),
                Vec::new(),
            ),
            Err(err) => (None, err.problems.iter().collect()),
        };
        ValidationReport {
            format_version: 2,
            catalog: input.origin(),
            valid: result.is_ok(),
            summary,
            problems,
            omitted,
        }
    }

    /// `13 layers, 4 models, 26 rows, 27 services, 40 sources` (services only when there are).
    pub fn summary(&self) -> String {
        match self.summary {
            Some(s) => format!(
                "{}, {}, {}, {}{}",
                count(s.layers, "layer"),
                count(s.models, "model"),
                count(s.rows, "row"),
                if s.services > 0 {
                    format!("{}, ", count(s.services, "service"))
                } else {
                    String::new()
                },
                count(s.sources, "source")
            ),
            None => count(self.problems.len() + self.omitted, "problem"),
        }
    }
}

pub use crate::sanitize::cut;

/// `message` with every span between backticks or double quotes cut as [`cut`] cuts a value:
/// the parsers quote keys and values that way (`` unknown field `…` ``, `string "…"`).
fn cut_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(4 * MAX_MESSAGE));
    let mut rest = message;
    while let Some(open) = rest.find(['`', '"']) {
        let quote = rest.as_bytes()[open] as char;
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        // A closing quote is one that no letter or digit follows: a key may hold the quote
        // character itself (`` a`b ``).
        let close = rest.match_indices(quote).map(|(i, _)| i).find(|&i| {
            !rest[i + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        });
        let Some(close) = close else {
            break;
        };
        out.push_str(&cut(&rest[..close]));
        out.push(quote);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// `1 source`, `2 sources`.
pub(crate) fn count(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

/// `'a', 'b', 'c'`, at most ten of them (each cut at 64 characters), then how many more: a
/// message about a hostile file with thousands of long ids stays one readable line.
pub(crate) fn quote_list<S: AsRef<str>>(items: &[S]) -> String {
    const SHOWN: usize = 10;
    let mut text = items
        .iter()
        .take(SHOWN)
        // A thousand-character id is named by its start.
        .map(|s| format!("'{}'", cut(s.as_ref())))
        .collect::<Vec<_>>()
        .join(", ");
    if items.len() > SHOWN {
        text.push_str(&format!(" and {} more", items.len() - SHOWN));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_cut_after_ten() {
        assert_eq!(quote_list(&["a", "b"]), "'a', 'b'");
        let many: Vec<String> = (0..25).map(|i| i.to_string()).collect();
        let text = quote_list(&many);
        assert!(text.starts_with("'0', '1'"), "{text}");
        assert!(text.ends_with("'9' and 15 more"), "{text}");
    }
}
