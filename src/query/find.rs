//! `srm find`: which rows a few words are about, best first.
//!
//! What was typed is read as [`Terms`]: its words, less the [`STOP_WORDS`] that only say how a
//! question is asked (`who`, `the`), unless there is nothing else to search.
//!
//! A row is scored on its own text and its layer's: each word of the query that begins a word
//! of a field (so `patch` finds "patching"; a plural finds its singular, so `keys` finds
//! "key") adds that field's weight, the row's name, id, aliases and keywords weighing most and
//! its duties and notes least. Rows that match more of the query's words come first, then
//! higher scores, then catalogue order. Every row's text is read once per query: the cost is
//! linear in the catalogue, times the query's words (32 at most, each given once).

use foldhash::HashSet;
use schemars::JsonSchema;
use serde::Serialize;

use super::{ByModel, Scope, Selection};
use crate::catalog::{Catalog, Layer, Row};

/// A row the query is about, with its owner under each model.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FindRow<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub name: &'a str,
    pub score: u32,
    /// The fields the terms were found in, best first.
    pub matched: Vec<&'static str>,
    pub owners: ByModel<'a>,
}

/// The answer to `srm find`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Find<'a> {
    /// The words searched for, lowercased (stop-words aside).
    pub words: Vec<String>,
    /// The stop-words passed over (`who`, `the`, …).
    pub ignored: Vec<String>,
    /// The layers searched.
    pub scope: Scope,
    /// How many rows the scope left out that the query would have found.
    pub left_out: usize,
    pub rows: Vec<FindRow<'a>>,
}

/// Words that say how a question is asked, not what it is about: `who patches the os` is a
/// question about patching and the OS. They are passed over unless nothing else was typed.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "be", "can", "do", "does", "for", "how", "i", "in", "is", "it",
    "must", "my", "of", "on", "or", "our", "should", "the", "to", "under", "we", "what", "when",
    "where", "which", "who", "with", "you",
];

/// What `srm find` looks for, read from what was typed ([`terms`]).
#[derive(Debug)]
pub struct Terms {
    /// The distinct words to search, lowercased, in the order first given.
    words: Vec<String>,
    /// The stop-words passed over.
    ignored: Vec<String>,
}

impl Terms {
    /// How many words a row is matched against.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The words of `text`, lowercased: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The terms of a query: its distinct words, lowercased, less the [`STOP_WORDS`] unless
/// nothing else is left to search.
pub fn terms(typed: &[String]) -> Terms {
    let mut seen = HashSet::default();
    let all_words: Vec<String> = typed
        .iter()
        .flat_map(|t| words(t))
        .filter(|w| seen.insert(w.clone()))
        .collect();
    let (ignored, kept): (Vec<String>, Vec<String>) = all_words
        .iter()
        .cloned()
        .partition(|w| STOP_WORDS.contains(&w.as_str()));
    if kept.is_empty() {
        // Only stop-words: search them as given.
        return Terms {
            words: all_words,
            ignored: Vec::new(),
        };
    }
    Terms {
        words: kept,
        ignored,
    }
}

/// A query word, with the singulars it finds as whole words: a word that looks plural has
/// them (`keys` → `key`, `patches` → `patch`, `policies` → `policy`); short words (`os`,
/// `its`) and words in `ss` (`access`) have none.
struct Word<'w> {
    word: &'w str,
    singulars: Vec<String>,
}

impl<'w> Word<'w> {
    fn new(word: &'w str) -> Word<'w> {
        let mut singulars = Vec::new();
        if word.len() >= 4 && !word.ends_with("ss") {
            let long = |w: &&str| w.len() >= 3;
            singulars.extend(word.strip_suffix('s').map(str::to_string));
            singulars.extend(word.strip_suffix("es").filter(long).map(str::to_string));
            singulars.extend(
                word.strip_suffix("ies")
                    .filter(long)
                    .map(|w| format!("{w}y")),
            );
        }
        Word { word, singulars }
    }

    /// Whether it finds a word of the text: the text's word begins with it (`patch` →
    /// "patching"), or, for words of five letters or more, it begins with the text's word
    /// (`encryption` → "encrypt"); or it is the plural of the text's word (`keys` → "key",
    /// `boxes` → "box", `vulnerabilities` → "vulnerability"), though not of a longer one
    /// (`logs` does not find "login").
    fn finds(&self, text: &str) -> bool {
        text.starts_with(self.word)
            || (text.chars().count() >= 5 && self.word.starts_with(text))
            || self.singulars.iter().any(|s| s == text)
    }
}

/// The fields of a row a query is matched against, with their weights.
fn fields<'a>(layer: &'a Layer<'_>, row: &'a Row<'_>) -> Vec<(&'static str, u32, Vec<&'a str>)> {
    let texts = |items: &'a [crate::catalog::Text<'_>]| items.iter().map(|t| &**t).collect();
    let mut notes: Vec<&str> = row.notes().collect();
    notes.extend(row.remark());
    // A layer with a row of its own keeps the row's aliases and description itself.
    let own = layer.own_row().is_some();
    let (aliases, description) = if own {
        (layer.aliases(), layer.description())
    } else {
        (row.aliases(), row.description())
    };
    let mut layer_text = vec![layer.name()];
    if !own {
        layer_text.extend(layer.description());
        layer_text.extend(layer.aliases().iter().map(|a| &**a));
    }
    vec![
        ("name", 8, vec![row.name(), row.id()]),
        ("aliases", 6, texts(aliases)),
        ("keywords", 6, texts(row.keywords())),
        ("description", 3, description.into_iter().collect()),
        ("layer", 2, layer_text),
        ("duties", 2, {
            let mut d: Vec<&str> = texts(row.customer_duties());
            d.extend(row.provider_duties().iter().map(|t| &**t));
            d
        }),
        ("notes", 1, notes),
    ]
}

/// Most distinct words a query may have: each row's text is matched against every one.
pub const MAX_WORDS: usize = 32;

/// A row's score for the query: how many words it matches, its score, the fields matched.
fn score(layer: &Layer<'_>, row: &Row<'_>, wanted: &[Word<'_>]) -> (usize, u32, Vec<&'static str>) {
    let mut score = 0;
    let mut found = vec![false; wanted.len()];
    let mut matched = Vec::new();
    for (field, weight, texts) in fields(layer, row) {
        let text_words: Vec<String> = texts.iter().flat_map(|t| words(t)).collect();
        let mut hit = false;
        for (q, word) in wanted.iter().enumerate() {
            if text_words.iter().any(|w| word.finds(w)) {
                score += weight;
                found[q] = true;
                hit = true;
            }
        }
        if hit {
            matched.push(field);
        }
    }
    (found.iter().filter(|f| **f).count(), score, matched)
}

/// The rows `terms` (from [`terms`]) is about. The cost is the catalogue's text times the
/// number of words, which the shell keeps at [`MAX_WORDS`] at most.
pub fn find<'a>(cat: &'a Catalog<'_>, terms: Terms, selection: &Selection) -> Find<'a> {
    let covered = selection.covered();
    let models = selection.models(cat);
    let wanted: Vec<Word> = terms.words.iter().map(|w| Word::new(w)).collect();
    let mut hits = Vec::new();
    let mut left_out = 0;
    for (l, layer) in cat.layers().iter().enumerate() {
        let kept = covered.in_scope(cat, l);
        for (i, row) in layer.rows().iter().enumerate() {
            if !covered.selects_row(l, i) {
                continue;
            }
            let (count, score, matched) = score(layer, row, &wanted);
            if count == 0 {
                continue;
            }
            if kept {
                hits.push((count, score, l, i, matched));
            } else {
                left_out += 1;
            }
        }
    }
    hits.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    let rows = hits
        .into_iter()
        .map(|(_, score, l, i, matched)| {
            let layer = &cat.layers()[l];
            let row = &layer.rows()[i];
            FindRow {
                id: row.id(),
                layer: layer.id(),
                name: row.name(),
                score,
                matched,
                owners: ByModel::of(cat, &models, |m| row.owner(m)),
            }
        })
        .collect();
    Find {
        words: terms.words,
        ignored: terms.ignored,
        scope: selection.scope,
        left_out,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(query: &str, text: &str) -> bool {
        Word::new(query).finds(text)
    }

    #[test]
    fn query_words_find_the_words_they_begin_long_stems_and_singulars() {
        assert!(finds("patch", "patching"));
        assert!(finds("encryption", "encrypt"));
        assert!(!finds("os", "cost"));
        assert!(!finds("encryption", "enc"));
        assert!(finds("keys", "key"));
        assert!(finds("patches", "patch"));
        assert!(finds("boxes", "box"));
        assert!(finds("containers", "container"));
        assert!(finds("certificates", "certificate"));
        assert!(finds("vulnerabilities", "vulnerability"));
        assert!(!finds("files", "filter"));
        assert!(!finds("keys", "keyboard"));
        assert!(!finds("logs", "login"));
        assert!(Word::new("access").singulars.is_empty());
        assert!(!finds("its", "it"));
        assert_eq!(
            words("Multi-factor (MFA)").collect::<Vec<_>>(),
            ["multi", "factor", "mfa"]
        );
    }

    fn typed(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn stop_words_are_passed_over_unless_nothing_else_is_left() {
        let t = terms(&typed(&["who", "patches", "the", "OS"]));
        assert_eq!(t.words, ["patches", "os"]);
        assert_eq!(t.ignored, ["who", "the"]);
        let t = terms(&typed(&["who", "are", "you"]));
        assert_eq!(t.words, ["who", "are", "you"]);
        assert!(t.ignored.is_empty());
    }
}
