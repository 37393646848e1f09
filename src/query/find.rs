//! `srm find`: which rows a few words are about, best first.
//!
//! What was typed is read as [`Terms`]: a token that names something srm answers about by id
//! (a control: `ac-2`, `AC-2(7)`) becomes a [`Pointer`] to the command that answers about it;
//! the rest is words, less the [`STOP_WORDS`] that only say how a question is asked (`who`,
//! `the`), unless there is nothing else to search.
//!
//! A row is scored on its own text and its layer's: each word of the query that begins a word
//! of a field (so `patch` finds "patching"; a plural finds its singular, so `keys` finds
//! "key") adds that field's weight, the row's name, id, aliases and keywords weighing most and
//! its duties and notes least. A control named is found in the rows it bears on (those
//! `srm control ID` lists), which weigh as a name. Rows that match more of the query's terms
//! come first, then higher scores, then catalogue order. Every row's text is read once per
//! query: the cost is linear in the catalogue, times the query's terms (32 at most, each
//! given once).

use foldhash::HashSet;
use schemars::JsonSchema;
use serde::Serialize;

use super::controls::ControlMap;
use super::{ByModel, Scope, Selection};
use crate::catalog::{Catalog, Layer, Owner, Row, Service, ServiceId, Target};
use crate::controls::{Control, Controls};

/// A row the query is about, with its owner under each model.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FindRow<'a> {
    pub id: &'a str,
    pub layer: &'a str,
    pub name: &'a str,
    pub score: u32,
    /// The fields the terms were found in, best first (`controls` for a control named,
    /// `service` for a row a named service speaks of).
    pub matched: Vec<&'static str>,
    pub owners: ByModel<'a, Owner>,
}

/// What a [`Pointer`] points to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PointerKind {
    /// A NIST SP 800-53 control, answered by `srm control ID`.
    Control,
    /// A cloud service, answered by `srm explain ID` (and `srm checklist ID`).
    Service,
}

/// Something the query named by id that another command answers about.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Pointer<'a> {
    pub kind: PointerKind,
    /// Its id (a control's OSCAL id: `ac-2.7`; a service's: `aws-lambda`).
    pub id: &'a str,
    /// Its name (a control's title, a service's name).
    pub name: &'a str,
    /// The command that answers about it, in the same scope.
    pub command: String,
}

/// The answer to `srm find`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Find<'a> {
    /// The words searched for, lowercased (what names a control or a service, and stop-words,
    /// aside).
    pub words: Vec<String>,
    /// The stop-words passed over (`who`, `the`, …).
    pub ignored: Vec<String>,
    /// What the query named (a control, a service), then the services whose keywords its words
    /// find (`serverless`), and the commands that answer about them.
    pub see: Vec<Pointer<'a>>,
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

/// Something a typed token names: a control by id, a service by id, alias or name. Each kind is
/// looked up in [`named`]; a new kind is a variant here, a lookup there and a pointer in
/// [`pointer`].
#[derive(Clone, Copy, Debug)]
enum Named<'l> {
    Control(&'l Control),
    Service(ServiceId, &'l Service<'l>),
}

impl<'l> Named<'l> {
    /// What it is and its id: the same thing named twice is one term.
    fn key(&self) -> (PointerKind, &'l str) {
        match self {
            Named::Control(c) => (PointerKind::Control, c.id()),
            Named::Service(_, s) => (PointerKind::Service, s.id()),
        }
    }
}

/// What `srm find` looks for, read from what was typed ([`terms`]).
#[derive(Debug)]
pub struct Terms<'l> {
    /// The distinct words to search, lowercased, in the order first given.
    words: Vec<String>,
    /// The stop-words passed over.
    ignored: Vec<String>,
    /// What tokens named by id, each once, in the order first given.
    named: Vec<Named<'l>>,
}

impl Terms<'_> {
    /// How many terms a row is matched against: the words and what was named.
    pub fn len(&self) -> usize {
        self.words.len() + self.named.len()
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

/// What a token names by id, if anything: a control by id or label (`ac-2`, `AC-2(7)`,
/// `ac-2.7`), or a service by id, alias or name (`lambda`, `aws-lambda`, `"Cloud Run"`), with
/// any punctuation after it (`ac-2,`) read past.
fn named<'l>(token: &str, cat: &'l Catalog<'_>, controls: &'l Controls) -> Option<Named<'l>> {
    let token = token.trim_end_matches([',', ';', ':', '.', '?', '!']);
    // A word of the question (`who`, `the`) names nothing, whatever a catalogue calls.
    if STOP_WORDS.contains(&token.to_lowercase().as_str()) {
        return None;
    }
    if let Some(Target::Service(s)) = cat.find(token) {
        return Some(Named::Service(s, cat.service(s)));
    }
    // A control id has a family, a dash and a number: no lookup for a plain word.
    if !token.contains('-') || !token.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    controls.find(token).map(Named::Control)
}

/// The terms of a query: each argument, or each of its space-separated tokens (or two of them
/// together: `cloud run`), that names a control or a service is that; everything else is
/// words, less the [`STOP_WORDS`] when anything else is left to search.
pub fn terms<'l>(typed: &[String], cat: &'l Catalog<'_>, controls: &'l Controls) -> Terms<'l> {
    let mut named_ids = HashSet::default();
    let mut named_found = Vec::new();
    let mut seen = HashSet::default();
    let mut all_words = Vec::new();
    let mut name = |n: Named<'l>| {
        if named_ids.insert(n.key()) {
            named_found.push(n);
        }
    };
    // Every token of every argument, in order: two typed apart (`cloud run`) may name a
    // service together.
    let mut tokens: Vec<&str> = Vec::new();
    for arg in typed {
        // `"AC-2 (7)"` or `"App Service"`, quoted, is one name.
        if let Some(n) = named(arg.trim(), cat, controls) {
            name(n);
            continue;
        }
        tokens.extend(arg.split_whitespace());
    }
    let mut i = 0;
    while i < tokens.len() {
        if let Some(next) = tokens.get(i + 1)
            && let Some(n) = named(&format!("{} {next}", tokens[i]), cat, controls)
        {
            name(n);
            i += 2;
            continue;
        }
        match named(tokens[i], cat, controls) {
            Some(n) => name(n),
            None => all_words.extend(words(tokens[i]).filter(|w| seen.insert(w.clone()))),
        }
        i += 1;
    }
    let (ignored, kept): (Vec<String>, Vec<String>) = all_words
        .iter()
        .cloned()
        .partition(|w| STOP_WORDS.contains(&w.as_str()));
    if kept.is_empty() && named_found.is_empty() {
        // Only stop-words: search them as given.
        return Terms {
            words: all_words,
            ignored: Vec::new(),
            named: named_found,
        };
    }
    Terms {
        words: kept,
        ignored,
        named: named_found,
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

    /// Whether it names a keyword: the keyword begins with it, or it is the keyword's plural
    /// (no stem: `serverless` does not name `server`).
    fn names(&self, keyword: &str) -> bool {
        keyword.starts_with(self.word) || self.singulars.iter().any(|s| s == keyword)
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

/// The weight of a named control found in a row's controls: as much as its name.
const CONTROL_WEIGHT: u32 = 8;

/// Most distinct terms a query may have: each row's text is matched against every one.
pub const MAX_WORDS: usize = 32;

/// The pointer for what was named, to the command that answers about it in `scope`.
fn pointer<'l>(n: Named<'l>, scope: Scope) -> Pointer<'l> {
    let scoped = if scope == Scope::Classic {
        String::new()
    } else {
        format!(" --scope {}", scope.as_str())
    };
    match n {
        Named::Control(c) => Pointer {
            kind: PointerKind::Control,
            id: c.id(),
            name: c.title(),
            command: format!("srm control {}{scoped}", c.id()),
        },
        Named::Service(_, s) => Pointer {
            kind: PointerKind::Service,
            id: s.id(),
            name: s.name(),
            command: format!("srm explain {}", s.id()),
        },
    }
}

/// Where a row of the catalogue is: which row it is, to compare, never to read.
type RowAt = *const ();

fn at(row: &Row<'_>) -> RowAt {
    std::ptr::from_ref(row).cast()
}

/// A row's score for the query: how many terms it matches, its score, the fields matched.
/// `named` holds, for each control or service named, what the match is called (`controls`,
/// `service`) and the rows it bears on.
fn score(
    layer: &Layer<'_>,
    row: &Row<'_>,
    wanted: &[Word<'_>],
    named: &[(&'static str, HashSet<RowAt>)],
) -> (usize, u32, Vec<&'static str>) {
    let mut score = 0;
    let mut found = vec![false; wanted.len()];
    let mut matched = Vec::new();
    let mut behind = 0;
    let mut through = Vec::new();
    for (what, rows) in named {
        if rows.contains(&at(row)) {
            behind += 1;
            if !through.contains(what) {
                through.push(*what);
            }
        }
    }
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
        if field == "name" {
            matched.append(&mut through);
        }
    }
    // `behind` is at most the 32 terms.
    score += CONTROL_WEIGHT * u32::try_from(behind).unwrap_or(u32::MAX / CONTROL_WEIGHT);
    (
        found.iter().filter(|f| **f).count() + behind,
        score,
        matched,
    )
}

/// The rows `terms` (from [`terms`]) is about, and pointers to what it named. The cost is the
/// catalogue's text times the number of terms, which the shell keeps at [`MAX_WORDS`] at most.
pub fn find<'a>(cat: &'a Catalog<'_>, terms: Terms<'a>, selection: &Selection) -> Find<'a> {
    let covered = selection.covered();
    let mut models = selection.models(cat);
    // A service named is a column of the answer too, unless the models were chosen.
    if selection.named_models().is_empty() {
        models.extend(terms.named.iter().filter_map(|n| match n {
            Named::Service(id, _) => Some(cat.service_default(*id)),
            Named::Control(_) => None,
        }));
    }
    // For each control named, the rows it bears on in the scope (as `srm control` finds
    // them) and those the scope leaves out.
    let (mut in_scope, mut out_of_scope) = (Vec::new(), Vec::new());
    if !terms.named.is_empty() {
        let map = ControlMap::new(cat, selection.scope());
        let rows = |listing: &[super::controls::Listing<'_, '_>]| -> HashSet<RowAt> {
            listing.iter().map(|(_, r, _)| at(r)).collect()
        };
        for n in &terms.named {
            match n {
                Named::Control(c) => {
                    in_scope.push(("controls", rows(map.behind(c).rows)));
                    out_of_scope.push(("controls", rows(map.left_out(c))));
                }
                // The rows the service speaks of itself, in its default variant.
                Named::Service(id, _) => {
                    let column = cat.service_default(*id);
                    let (mut kept, mut left) = (HashSet::default(), HashSet::default());
                    for (l, layer) in cat.layer_ids() {
                        for row in layer.rows() {
                            if cat.override_of(row, column).is_some() {
                                if covered.in_scope(cat, l) {
                                    kept.insert(at(row));
                                } else {
                                    left.insert(at(row));
                                }
                            }
                        }
                    }
                    in_scope.push(("service", kept));
                    out_of_scope.push(("service", left));
                }
            }
        }
    }
    let wanted: Vec<Word> = terms.words.iter().map(|w| Word::new(w)).collect();
    let mut hits = Vec::new();
    let mut left_out = 0;
    for (l, layer) in cat.layer_ids() {
        let kept = covered.in_scope(cat, l);
        let controls = if kept { &in_scope } else { &out_of_scope };
        for (id, row) in cat.row_ids(l) {
            if !covered.selects_row(id) {
                continue;
            }
            let (count, score, matched) = score(layer, row, &wanted, controls);
            if count == 0 {
                continue;
            }
            if kept {
                hits.push((count, score, id, matched));
            } else {
                left_out += 1;
            }
        }
    }
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    let keys = super::matrix::columns(cat, &models);
    let rows = hits
        .into_iter()
        .map(|(_, score, id, matched)| {
            let layer = cat.layer(id.layer());
            let row = cat.row(id);
            FindRow {
                id: row.id(),
                layer: layer.id(),
                name: row.name(),
                score,
                matched,
                owners: ByModel::of(&keys, &models, |m| cat.owner(row, m)),
            }
        })
        .collect();
    // The services a word is about, by their keywords: `serverless` points to Lambda and
    // Cloud Run. Each service once, after those named.
    let mut see: Vec<Pointer> = terms
        .named
        .iter()
        .map(|&n| pointer(n, selection.scope()))
        .collect();
    if !wanted.is_empty() {
        let named: HashSet<&str> = see.iter().map(|p| p.id).collect();
        let about: Vec<ServiceId> = cat
            .service_ids()
            .filter(|&id| {
                let s = cat.service(id);
                !named.contains(s.id())
                    && s.keywords()
                        .iter()
                        .flat_map(|k| words(k))
                        .any(|k| wanted.iter().any(|w| w.names(&k)))
            })
            .collect();
        see.extend(
            about
                .into_iter()
                .map(|id| pointer(Named::Service(id, cat.service(id)), selection.scope())),
        );
    }
    Find {
        see,
        words: terms.words,
        ignored: terms.ignored,
        scope: selection.scope(),
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
        let list = crate::controls::embedded();
        let cat = crate::load::parse_kept("embedded", crate::load::EMBEDDED).unwrap();
        let t = terms(&typed(&["who", "patches", "the", "OS"]), &cat, list);
        assert_eq!(t.words, ["patches", "os"]);
        assert_eq!(t.ignored, ["who", "the"]);
        let t = terms(&typed(&["who", "are", "you"]), &cat, list);
        assert_eq!(t.words, ["who", "are", "you"]);
        assert!(t.ignored.is_empty());
    }

    #[test]
    fn control_ids_and_labels_are_named_not_searched() {
        let list = crate::controls::embedded();
        let cat = crate::load::parse_kept("embedded", crate::load::EMBEDDED).unwrap();
        let t = terms(&typed(&["AC-2(7),", "ac-2.7", "ac-2", "the"]), &cat, list);
        let ids: Vec<_> = t
            .named
            .iter()
            .map(|n| match n {
                Named::Control(c) => c.id(),
                Named::Service(_, s) => s.id(),
            })
            .collect();
        assert_eq!(ids, ["ac-2.7", "ac-2"]);
        assert!(t.words.is_empty(), "{:?}", t.words);
        assert_eq!(t.ignored, ["the"]);
        let t = terms(&typed(&["ac-2 (7)"]), &cat, list);
        assert_eq!(t.len(), 1);
        // A family alone, or a word with a dash, is a word.
        let t = terms(&typed(&["ac", "sign-on", "zz-9"]), &cat, list);
        assert_eq!(t.words, ["ac", "sign", "zz", "9"]);
        assert_eq!(t.ignored, ["on"]);
        assert!(t.named.is_empty());
    }
}
