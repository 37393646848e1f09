//! The typed responsibility matrix: sources, service models, layers and the rows inside them.
//!
//! A [`Catalog`] is only ever built by [`crate::load`], which validates the file first, so every
//! value here can be trusted: each row has exactly one owner per model, every source index points
//! into `sources`, and every id and alias is unique once normalised.
//!
//! One place knows each fact. A row stores its owners; a layer made of parts stores none, and its
//! owner under a model is derived from its rows by [`Layer::owner`] every time it is asked.

pub mod file;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// Who holds a row under a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Customer,
    Provider,
    Shared,
    /// Who owns it depends on the AI model chosen; the cell's note says how.
    Depends,
}

impl Owner {
    pub const ALL: [Owner; 4] = [
        Owner::Customer,
        Owner::Provider,
        Owner::Shared,
        Owner::Depends,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Customer => "customer",
            Owner::Provider => "provider",
            Owner::Shared => "shared",
            Owner::Depends => "depends",
        }
    }

    /// Position on the customer → provider axis; `depends` has none.
    pub fn rank(self) -> Option<u8> {
        match self {
            Owner::Customer => Some(0),
            Owner::Shared => Some(1),
            Owner::Provider => Some(2),
            Owner::Depends => None,
        }
    }

    /// Whether a party holding this cell has duties on the customer's side.
    pub fn involves_customer(self) -> bool {
        self != Owner::Provider
    }

    /// Whether a party holding this cell has duties on the provider's side.
    pub fn involves_provider(self) -> bool {
        self != Owner::Customer
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Clone, Debug)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
}

#[derive(Clone, Debug)]
pub struct Model {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
}

#[derive(Clone, Debug, Default)]
pub struct Duties {
    pub customer: Vec<String>,
    pub provider: Vec<String>,
}

/// One line of the matrix: a layer's own row, or one of its parts.
#[derive(Clone, Debug)]
pub struct Row {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    /// A note on the row as a whole (e.g. where sources disagree).
    pub remark: Option<String>,
    /// One owner per model, in the order of [`Catalog::models`].
    pub owners: Vec<Owner>,
    /// One optional note per model, in the order of [`Catalog::models`]; empty when the row
    /// has no notes at all.
    pub notes: Vec<Option<String>>,
    pub duties: Duties,
    /// Index into [`Catalog::sources`].
    pub source: usize,
    /// Further indices into [`Catalog::sources`].
    pub see_also: Vec<usize>,
}

impl Row {
    pub fn note(&self, model: usize) -> Option<&str> {
        self.notes.get(model).and_then(|n| n.as_deref())
    }

    /// Source indices: the main one first, then the others.
    pub fn source_indices(&self) -> impl Iterator<Item = usize> + '_ {
        std::iter::once(self.source).chain(self.see_also.iter().copied())
    }
}

/// A layer holds either one row of its own or a list of parts.
#[derive(Clone, Debug)]
pub enum Body {
    Own(Box<Row>),
    Parts(Vec<Row>),
}

#[derive(Clone, Debug)]
pub struct Layer {
    pub id: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub description: Option<String>,
    pub body: Body,
}

impl Layer {
    /// The rows behind this layer: its own row, or its parts.
    pub fn rows(&self) -> &[Row] {
        match &self.body {
            Body::Own(row) => std::slice::from_ref(row.as_ref()),
            Body::Parts(parts) => parts,
        }
    }

    /// The parts of this layer (empty when it has a row of its own).
    pub fn parts(&self) -> &[Row] {
        match &self.body {
            Body::Own(_) => &[],
            Body::Parts(parts) => parts,
        }
    }

    /// The layer's owner under a model, derived from its rows: the rows' common owner if they
    /// all agree, otherwise `shared`.
    pub fn owner(&self, model: usize) -> Owner {
        derive_owner(self.rows().iter().map(|row| row.owners[model]))
    }

    /// The note of the layer's own row under a model; a layer of parts has none of its own.
    pub fn note(&self, model: usize) -> Option<&str> {
        match &self.body {
            Body::Own(row) => row.note(model),
            Body::Parts(_) => None,
        }
    }
}

/// All the same → that owner; anything else (including no rows) → `shared`.
pub fn derive_owner(mut owners: impl Iterator<Item = Owner>) -> Owner {
    let Some(first) = owners.next() else {
        return Owner::Shared;
    };
    if owners.all(|o| o == first) {
        first
    } else {
        Owner::Shared
    }
}

/// What an id or alias names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Model(usize),
    Layer(usize),
    /// A part: layer index, row index within the layer.
    Part(usize, usize),
}

/// Something a layer argument can name: a whole layer or one of its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerRef {
    Layer(usize),
    Part(usize, usize),
}

#[derive(Debug)]
pub struct Catalog {
    pub sources: Vec<Source>,
    pub models: Vec<Model>,
    pub layers: Vec<Layer>,
    /// Normalised id or alias → what it names.
    pub(crate) index: HashMap<String, Target>,
}

/// The form every id and alias is matched in: lowercase, with `_` and spaces read as `-`.
pub fn normalize(name: &str) -> Cow<'_, str> {
    // Ids are usually typed and stored in this form already: no allocation then.
    if name
        .bytes()
        .all(|b| !b.is_ascii_uppercase() && b != b'_' && b != b' ' && !b.is_ascii_whitespace())
    {
        return Cow::Borrowed(name);
    }
    Cow::Owned(
        name.trim()
            .chars()
            .map(|c| match c {
                '_' | ' ' => '-',
                c => c.to_ascii_lowercase(),
            })
            .collect(),
    )
}

/// An id the user typed that names nothing of the kind asked for. A usage error (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    pub kind: &'static str,
    pub given: String,
    pub suggestion: Option<String>,
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A pasted paragraph is quoted by its start: the message stays one line.
        match self.given.char_indices().nth(SUGGEST_PREFIX) {
            Some((cut, _)) => write!(f, "unknown {} '{}…'", self.kind, &self.given[..cut])?,
            None => write!(f, "unknown {} '{}'", self.kind, self.given)?,
        }
        match &self.suggestion {
            Some(s) => write!(f, "; did you mean '{s}'?")?,
            None => f.write_str(";")?,
        }
        let listing = match self.kind {
            "model" => "`srm models`",
            "layer" => "`srm layers`",
            _ => "`srm layers` and `srm models`",
        };
        write!(f, " see {listing} for the valid ones")
    }
}

impl std::error::Error for UnknownId {}

impl Catalog {
    pub fn find(&self, name: &str) -> Option<Target> {
        self.index.get(normalize(name).as_ref()).copied()
    }

    pub fn resolve_model(&self, name: &str) -> Result<usize, UnknownId> {
        match self.find(name) {
            Some(Target::Model(m)) => Ok(m),
            _ => Err(self.unknown("model", name, |t| matches!(t, Target::Model(_)))),
        }
    }

    /// A layer id or alias, or a part id or alias.
    pub fn resolve_layer(&self, name: &str) -> Result<LayerRef, UnknownId> {
        match self.find(name) {
            Some(Target::Layer(l)) => Ok(LayerRef::Layer(l)),
            Some(Target::Part(l, r)) => Ok(LayerRef::Part(l, r)),
            _ => Err(self.unknown("layer", name, |t| !matches!(t, Target::Model(_)))),
        }
    }

    /// Any layer, part or model.
    pub fn resolve_any(&self, name: &str) -> Result<Target, UnknownId> {
        self.find(name)
            .ok_or_else(|| self.unknown("id", name, |_| true))
    }

    pub fn id_of(&self, target: Target) -> &str {
        match target {
            Target::Model(m) => &self.models[m].id,
            Target::Layer(l) => &self.layers[l].id,
            Target::Part(l, r) => &self.layers[l].rows()[r].id,
        }
    }

    pub fn row_count(&self) -> usize {
        self.layers.iter().map(|l| l.rows().len()).sum()
    }

    /// Builds the error for `given`, suggesting the closest id or alias of the right kind.
    ///
    /// The cost stays bounded whatever was typed and however long the catalogue's aliases: only
    /// the first [`SUGGEST_PREFIX`] characters of the argument are compared, and edit distance
    /// is computed only for keys of a similar length (a key of another length would be too
    /// far to suggest anyway). Prefix matches (`ai-` → `ai-app`) are checked in linear time.
    fn unknown(&self, kind: &'static str, given: &str, fits: impl Fn(Target) -> bool) -> UnknownId {
        let normal = normalize(given);
        let wanted: &str = match normal.char_indices().nth(SUGGEST_PREFIX) {
            Some((cut, _)) => &normal[..cut],
            None => &normal,
        };
        let near = |key: &str| -> Option<usize> {
            let slack = (key.len() / 3).max(1);
            if key.len().abs_diff(wanted.len()) <= slack {
                let dist = strsim::damerau_levenshtein(wanted, key);
                if dist <= slack {
                    return Some(dist);
                }
            }
            (wanted.len() >= 2 && key.starts_with(wanted)).then_some(usize::MAX)
        };
        let best = self
            .index
            .iter()
            .filter(|(_, t)| fits(**t))
            .filter_map(|(key, t)| Some((near(key)?, key, *t)))
            // Ties broken by key so the suggestion never depends on hash order.
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        UnknownId {
            kind,
            given: given.to_string(),
            suggestion: best.map(|(_, _, t)| self.id_of(t).to_string()),
        }
    }
}

/// How much of a mistyped argument "did you mean" looks at.
const SUGGEST_PREFIX: usize = 64;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_owner_is_common_owner_or_shared() {
        use Owner::*;
        assert_eq!(derive_owner([Customer, Customer].into_iter()), Customer);
        assert_eq!(derive_owner([Provider].into_iter()), Provider);
        assert_eq!(derive_owner([Customer, Provider].into_iter()), Shared);
        assert_eq!(derive_owner([Depends, Provider].into_iter()), Shared);
        assert_eq!(derive_owner([Depends, Depends].into_iter()), Depends);
        assert_eq!(derive_owner(std::iter::empty()), Shared);
    }

    #[test]
    fn normalize_folds_case_underscores_and_spaces() {
        assert_eq!(normalize("Operating_System"), "operating-system");
        assert_eq!(normalize(" On Premises "), "on-premises");
        assert_eq!(normalize("PaaS"), "paas");
    }

    #[test]
    fn ranks_put_shared_between_customer_and_provider() {
        assert!(Owner::Customer.rank() < Owner::Shared.rank());
        assert!(Owner::Shared.rank() < Owner::Provider.rank());
        assert_eq!(Owner::Depends.rank(), None);
    }

    #[test]
    fn unknown_id_message_names_the_value_the_guess_and_the_listing_command() {
        let e = UnknownId {
            kind: "layer",
            given: "kernal".into(),
            suggestion: Some("os".into()),
        };
        assert_eq!(
            e.to_string(),
            "unknown layer 'kernal'; did you mean 'os'? see `srm layers` for the valid ones"
        );
    }
}
