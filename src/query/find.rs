//! `srm find`: which rows a few words are about, best first.
//!
//! A row is scored on its own text and its layer's: each word of the query that begins a word
//! of a field (so `patch` finds "patching") adds that field's weight, the row's name, id,
//! aliases and keywords weighing most and its duties and notes least. Rows that match more of
//! the query's words come first, then higher scores, then catalogue order. Every row's text
//! is read once per query: the cost is linear in the catalogue, times the query's words
//! (32 at most, each given once).

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
    /// The fields the words were found in, best first.
    pub matched: Vec<&'static str>,
    pub owners: ByModel<'a>,
}

/// The answer to `srm find`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Find<'a> {
    /// The words searched for, lowercased.
    pub words: Vec<String>,
    /// The layers searched.
    pub scope: Scope,
    /// How many rows the scope left out that the query would have found.
    pub left_out: usize,
    pub rows: Vec<FindRow<'a>>,
}

/// The words of `text`, lowercased: runs of letters and digits.
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether a query word finds a word of the text: the text's word begins with it (`patch` →
/// "patching"), or, for words of five letters or more, it begins with the text's word
/// (`encryption` → "encrypt").
fn finds(query: &str, word: &str) -> bool {
    word.starts_with(query) || (word.chars().count() >= 5 && query.starts_with(word))
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

/// The distinct words of a query, lowercased, in the order first given.
pub fn query_words(query: &[String]) -> Vec<String> {
    let mut seen = foldhash::HashSet::default();
    query
        .iter()
        .flat_map(|q| words(q))
        .filter(|w| seen.insert(w.clone()))
        .collect()
}

/// The rows `wanted` (from [`query_words`]) is about. The cost is the catalogue's text times
/// the number of words, which the shell keeps at [`MAX_WORDS`] at most.
pub fn find<'a>(cat: &'a Catalog<'_>, wanted: Vec<String>, selection: &Selection) -> Find<'a> {
    let covered = selection.covered();
    let models = selection.models(cat);
    let mut hits = Vec::new();
    let mut left_out = 0;
    for (l, layer) in cat.layers().iter().enumerate() {
        let kept = covered.in_scope(cat, l);
        for (i, row) in layer.rows().iter().enumerate() {
            if !covered.selects_row(l, i) {
                continue;
            }
            let mut score = 0;
            let mut found = vec![false; wanted.len()];
            let mut matched = Vec::new();
            for (field, weight, texts) in fields(layer, row) {
                let text_words: Vec<String> = texts.iter().flat_map(|t| words(t)).collect();
                let mut hit = false;
                for (q, word) in wanted.iter().enumerate() {
                    if text_words.iter().any(|w| finds(word, w)) {
                        score += weight;
                        found[q] = true;
                        hit = true;
                    }
                }
                if hit {
                    matched.push(field);
                }
            }
            let count = found.iter().filter(|f| **f).count();
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
        words: wanted,
        scope: selection.scope,
        left_out,
        rows,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_find_the_words_they_begin_and_long_stems() {
        assert!(finds("patch", "patching"));
        assert!(finds("encryption", "encrypt"));
        assert!(!finds("os", "cost"));
        assert!(!finds("encryption", "enc"));
        assert_eq!(
            words("Multi-factor (MFA)").collect::<Vec<_>>(),
            ["multi", "factor", "mfa"]
        );
    }
}
