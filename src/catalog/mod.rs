//! The typed responsibility matrix: sources, service models, layers and the rows inside them.
//!
//! A [`Catalog`] is only ever built by its own `Builder` (`validate.rs`), which [`crate::load`]
//! feeds the file's pieces as it parses them and which validates each first, or is the static
//! data `embedded.rs` holds, which `generate.rs` wrote from what that builder built (a test
//! keeps the two equal). So every value here can be trusted: each row has exactly one owner
//! per model, every [`SourceId`] and [`ModelId`] points into the catalogue that handed it out,
//! and every id and alias is unique once normalised. Fields are private to this module
//! (`pub(super)` in its files, for the builder and the static data beside them): nothing else
//! sets them (the name index fills itself on first use), and everywhere else, the loader and
//! the queries too, the accessors are all there is.
//!
//! One place knows each fact. A row stores its owners; a layer made of parts stores none, and its
//! owner under a model is derived from its rows by [`Layer::owner`] every time it is asked.

pub(crate) mod file;
#[rustfmt::skip]
mod embedded;
#[cfg(test)]
mod generate;
mod owner;
mod read;
mod row;
mod service;
mod stored;
mod text;
mod types;
mod validate;

use foldhash::HashMap;
use std::borrow::Cow;
use std::fmt;
use stored::{Index, List};

pub use owner::{Derived, Owner, derive_owner};
pub(crate) use row::{Body, Duties, Owners, RowMore, RowRare};
pub use row::{ControlLink, Layer, Model, Row, Source, WebUrl};
pub use service::{Evidence, Field, Inventory, Override, Service, Variant};
pub use stored::Arena;
pub(crate) use stored::Boxed;
pub use text::{Str, Text};
pub use types::{
    Claim, Decided, Family, Supporting, TypeIndex, pick_service, pick_variant, value_matches,
};
pub(crate) use validate::Builder;

/// A service model of one catalogue: an index into its models that only the catalogue (and
/// its loader) make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ModelId(u32);

impl ModelId {
    pub(crate) fn new(index: usize) -> ModelId {
        ModelId(u32::try_from(index).unwrap_or(u32::MAX))
    }
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

/// A source of one catalogue, made only by the catalogue's loader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct SourceId(u32);

impl SourceId {
    pub(crate) fn new(index: usize) -> SourceId {
        SourceId(u32::try_from(index).unwrap_or(u32::MAX))
    }
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

/// A service of one catalogue, made only by the catalogue's loader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ServiceId(u32);

impl ServiceId {
    pub(crate) fn new(index: usize) -> ServiceId {
        ServiceId(u32::try_from(index).unwrap_or(u32::MAX))
    }
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

/// A column of the matrix as a question names it: a service model, or a service in one of
/// its variants (`aws-lambda:manual`). Only the catalogue hands these out
/// ([`Catalog::resolve_model`]), so the indices inside always point into it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Column {
    Model(ModelId),
    /// A service, in the variant given (its default one when the service has variants).
    Service {
        service: ServiceId,
        variant: Option<u32>,
    },
}

/// How an answer names a column: the model or service, its variant, and the model it starts
/// from.
#[derive(Clone, Copy, Debug)]
pub struct ColumnHead<'a> {
    /// The model's id, or the service's.
    pub id: &'a str,
    pub name: &'a str,
    pub variant: Option<&'a str>,
    /// The model a service starts from; a model's own id for a model.
    pub base_model: &'a str,
}

/// A layer of one catalogue, made only by the catalogue's loader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LayerId(u32);

impl LayerId {
    pub(crate) fn new(index: usize) -> LayerId {
        LayerId(u32::try_from(index).unwrap_or(u32::MAX))
    }
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

/// A row of the matrix in one catalogue: a layer's own row, or one of its parts, named by its
/// layer and its place there. Made only by the catalogue and its loader.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RowId {
    layer: LayerId,
    row: u32,
}

impl RowId {
    pub(crate) fn new(layer: LayerId, index: usize) -> RowId {
        RowId {
            layer,
            row: u32::try_from(index).unwrap_or(u32::MAX),
        }
    }
    /// The layer the row is in.
    pub fn layer(self) -> LayerId {
        self.layer
    }
    /// The row's place in its layer.
    pub(crate) fn index(self) -> usize {
        self.row as usize
    }
}

/// What an id or alias names. Twelve bytes, which matters for an index of a hundred thousand
/// entries.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Model(ModelId),
    Layer(LayerId),
    Part(RowId),
    Service(ServiceId),
}

/// Something a layer argument can name: a whole layer or one of its parts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LayerRef {
    Layer(LayerId),
    Part(RowId),
}

impl LayerRef {
    /// The layer named, or the layer of the part named.
    pub fn layer(self) -> LayerId {
        match self {
            LayerRef::Layer(l) => l,
            LayerRef::Part(r) => r.layer(),
        }
    }
}

#[derive(Debug)]
pub struct Catalog<'t> {
    sources: List<'t, Source<'t>>,
    models: List<'t, Model<'t>>,
    /// Boxed when loaded: they are built in a vector, which is shrunk into the box rather than
    /// copied into the arena.
    layers: Boxed<'t, [Layer<'t>]>,
    /// The services people run, each a column over a base model.
    services: Vec<Service<'t>>,
    /// Resource types that support a row without being a service (`srm plan`).
    supporting: Vec<Supporting<'t>>,
    /// The controls each organisation meets itself, with why: the customer's.
    organisational: List<'t, ControlLink<'t>>,
    /// The day the facts were last revised (`YYYY-MM-DD`, checked at load), when the file says.
    date: Option<Text<'t>>,
    /// Normalised id or alias → what it names.
    index: Index<'t>,
    /// Normalised display name → what it names (`None` where two share a name), built the
    /// first time a name is looked up: most runs name things by id and never pay for it.
    names: std::sync::OnceLock<HashMap<String, Option<Target>>>,
    /// The size of the text the catalogue was read from, in bytes.
    text_len: usize,
}

/// Rows of layer `l` (its rows or its parts, which share their places) with their ids.
fn with_ids<'a, 't>(l: LayerId, rows: &'a [Row<'t>]) -> impl Iterator<Item = (RowId, &'a Row<'t>)> {
    rows.iter()
        .enumerate()
        .map(move |(r, row)| (RowId::new(l, r), row))
}

/// A column's id with its variant spelt out: `id`, or `id:variant` (also for the default
/// variant, which [`Catalog::column_key`] leaves out).
pub fn variant_key(id: &str, variant: Option<&str>) -> String {
    match variant {
        Some(v) => format!("{id}:{v}"),
        None => id.to_string(),
    }
}

/// The form every id and alias is matched in: Unicode compatibility form (NFKC, so that
/// fullwidth `ｎｅｔ` is `net` and a decomposed `é` is the composed one), lowercase, with `_` and
/// spaces read as `-`, and no surrounding blanks.
pub fn normalize(name: &str) -> Cow<'_, str> {
    // Ids are usually typed and stored in this form already: no allocation then. ASCII is
    // its own compatibility form.
    if name
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'_' && !b.is_ascii_whitespace())
    {
        return Cow::Borrowed(name);
    }
    use unicode_normalization::UnicodeNormalization;
    Cow::Owned(
        name.trim()
            .nfkc()
            .flat_map(char::to_lowercase)
            .map(|c| match c {
                '_' | ' ' => '-',
                c => c,
            })
            .collect(),
    )
}

/// [`normalize`] for catalogue text, keeping the borrow from the file when nothing changes and
/// keeping the normalised form in `arena` when it does.
pub(crate) fn normalize_text<'t>(text: Text<'t>, arena: &'t Arena) -> Text<'t> {
    match normalize(&text) {
        Cow::Borrowed(_) => text,
        Cow::Owned(s) => arena.text(&s),
    }
}

/// An id the user typed that names nothing of the kind asked for. A usage error (exit 2).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownId {
    pub kind: &'static str,
    pub given: String,
    pub suggestion: Option<String>,
    /// Where to find the valid ones, when not the listing command of the kind.
    pub listing: Option<String>,
}

impl UnknownId {
    fn with_listing(mut self, listing: String) -> UnknownId {
        self.listing = Some(listing);
        self
    }
}

impl fmt::Display for UnknownId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A pasted paragraph is quoted by its start, made safe: the message stays one line.
        write!(
            f,
            "unknown {} '{}'",
            self.kind,
            crate::sanitize::cut(&self.given)
        )?;
        match &self.suggestion {
            Some(s) => write!(f, "; did you mean '{}'?", crate::sanitize::cut(s))?,
            None => f.write_str(";")?,
        }
        if let Some(listing) = &self.listing {
            return write!(f, " {}", crate::sanitize::cut(listing));
        }
        let listing = match self.kind {
            "model" => "`srm models` and `srm services`",
            "layer" => "`srm layers`",
            _ => "`srm layers`, `srm models` and `srm services`",
        };
        write!(f, " see {listing} for the valid ones")?;
        // A topic typed where a layer goes (`--layer patching`) is what `find` is for.
        let word = self.given.trim();
        let searchable = !word.is_empty()
            && word.len() <= 32
            && word
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b' ');
        if self.suggestion.is_none() && searchable {
            write!(f, ", or `srm find {word}` to search their text")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownId {}

impl Catalog<'static> {
    /// The embedded catalogue without its services, as static data.
    pub(crate) fn embedded_lean() -> &'static Catalog<'static> {
        &embedded::LAYERS
    }
}

impl<'t> Catalog<'t> {
    /// The catalogue's `date`: the day its facts were last revised, `YYYY-MM-DD`, if it says.
    pub fn date(&self) -> Option<&str> {
        self.date.as_deref()
    }

    pub fn sources(&self) -> &[Source<'t>] {
        self.sources
    }
    pub fn models(&self) -> &[Model<'t>] {
        self.models
    }
    pub fn layers(&self) -> &[Layer<'t>] {
        &self.layers
    }
    pub fn layer(&self, id: LayerId) -> &Layer<'t> {
        &self.layers[id.index()]
    }
    /// A row of the matrix: a layer's own row, or a part.
    pub fn row(&self, id: RowId) -> &Row<'t> {
        &self.layers[id.layer().index()].rows()[id.index()]
    }
    /// Every layer with its id, in order.
    pub fn layer_ids(&self) -> impl Iterator<Item = (LayerId, &Layer<'t>)> {
        self.layers
            .iter()
            .enumerate()
            .map(|(l, layer)| (LayerId::new(l), layer))
    }
    /// The parts of layer `l` with their ids (none when it has a row of its own).
    pub fn part_ids(&self, l: LayerId) -> impl Iterator<Item = (RowId, &Row<'t>)> {
        with_ids(l, self.layer(l).parts())
    }
    /// The rows behind layer `l` with their ids: its own row, or its parts.
    pub fn row_ids(&self, l: LayerId) -> impl Iterator<Item = (RowId, &Row<'t>)> {
        with_ids(l, self.layer(l).rows())
    }
    /// Every model's id, in order.
    pub fn model_ids(&self) -> impl Iterator<Item = ModelId> + use<'t> {
        (0..self.models.len()).map(ModelId::new)
    }
    pub fn model(&self, id: ModelId) -> &Model<'t> {
        &self.models[id.index()]
    }
    pub fn source(&self, id: SourceId) -> &Source<'t> {
        &self.sources[id.index()]
    }

    /// What an id, alias or display name names. Ids and aliases win over names; a name that
    /// two things share names neither.
    pub fn find(&self, name: &str) -> Option<Target> {
        let key = normalize(name);
        if let Some(target) = self.index.get(key.as_ref()) {
            return Some(target);
        }
        self.names().get(key.as_ref()).copied().flatten()
    }

    /// A model, or a service (by id, alias or name) with an optional `:VARIANT`; a service
    /// named alone stands for its default variant.
    pub fn resolve_model(&self, name: &str) -> Result<Column, UnknownId> {
        let is_column = |t: Target| matches!(t, Target::Model(_) | Target::Service(_));
        match self.find(name) {
            Some(Target::Model(m)) => return Ok(Column::Model(m)),
            Some(Target::Service(s)) => return Ok(self.service_column(s, None)),
            _ => {}
        }
        // Variant ids are lowercase-kebab: the last colon ends the service's name.
        if let Some((service, variant)) = name.rsplit_once(':')
            && let Some(Target::Service(s)) = self.find(service)
        {
            return self.resolve_variant(s, variant);
        }
        Err(self.unknown("model", name, is_column))
    }

    /// Service `s` in its default variant (the service alone when it has none).
    pub fn service_default(&self, s: ServiceId) -> Column {
        self.service_column(s, None)
    }

    /// The column of service `s` in the variant at `variant`, or its default.
    fn service_column(&self, s: ServiceId, variant: Option<usize>) -> Column {
        let variant = variant.or(self.services[s.index()].default_variant);
        Column::Service {
            service: s,
            variant: variant.and_then(|v| u32::try_from(v).ok()),
        }
    }

    /// `SERVICE:VARIANT`, the variant named by its id or an alias, else by its name; an empty
    /// variant is the default one. One lookup in the service's index, however many variants.
    fn resolve_variant(&self, s: ServiceId, given: &str) -> Result<Column, UnknownId> {
        let service = &self.services[s.index()];
        let wanted = normalize(given);
        if wanted.is_empty() {
            return Ok(self.service_column(s, None));
        }
        if let Some(v) = service.variant_named(&wanted) {
            return Ok(self.service_column(s, Some(v)));
        }
        // The nearest id, among those of a similar length, compared on a bounded start.
        let wanted: &str = match wanted.char_indices().nth(SUGGEST_PREFIX) {
            Some((cut, _)) => &wanted[..cut],
            None => &wanted,
        };
        let slack = |len: usize| (len / 3).max(1);
        let suggestion = service
            .variants
            .iter()
            .map(Variant::id)
            .filter(|id| id.len().abs_diff(wanted.len()) <= slack(id.len()))
            .take(SUGGEST_COMPARED)
            .map(|id| (strsim::damerau_levenshtein(wanted, id), id))
            .filter(|(d, id)| *d <= slack(id.len()))
            .min()
            .map(|(_, id)| format!("{}:{id}", service.id()));
        let shown: Vec<&str> = service.variants.iter().take(10).map(Variant::id).collect();
        let more = service.variants.len().saturating_sub(shown.len());
        Err(UnknownId {
            kind: "variant",
            given: format!("{}:{given}", service.id()),
            suggestion,
            listing: None,
        }
        .with_listing(match (shown.is_empty(), more) {
            (true, _) => format!("service '{}' has no variants", service.id()),
            (false, 0) => format!("variants of '{}': {}", service.id(), shown.join(", ")),
            (false, n) => format!(
                "variants of '{}': {} and {n} more (see `srm services --json`)",
                service.id(),
                shown.join(", ")
            ),
        }))
    }

    pub fn services(&self) -> &[Service<'t>] {
        &self.services
    }
    pub fn supporting(&self) -> &[Supporting<'t>] {
        &self.supporting
    }

    /// The controls each organisation meets itself (`organisational`), with why.
    pub fn organisational(&self) -> &[ControlLink<'t>] {
        self.organisational
    }
    pub fn service(&self, id: ServiceId) -> &Service<'t> {
        &self.services[id.index()]
    }
    /// Every service's id, in order.
    pub fn service_ids(&self) -> impl Iterator<Item = ServiceId> + use<'t> {
        (0..self.services.len()).map(ServiceId::new)
    }

    /// The model whose owners a column starts from: the model itself, or a service's base.
    pub fn base_model(&self, c: Column) -> ModelId {
        match c {
            Column::Model(m) => m,
            Column::Service { service, .. } => self.services[service.index()].base,
        }
    }

    /// The service and variant of a column, for a service.
    pub fn service_of(&self, c: Column) -> Option<(&Service<'t>, Option<&Variant<'t>>)> {
        match c {
            Column::Model(_) => None,
            Column::Service { service, variant } => {
                let s = &self.services[service.index()];
                Some((s, variant.and_then(|v| s.variants.get(v as usize))))
            }
        }
    }

    /// How an answer names a column.
    pub fn head(&self, c: Column) -> ColumnHead<'_> {
        match self.service_of(c) {
            None => {
                let m = self.model(self.base_model(c));
                ColumnHead {
                    id: m.id(),
                    name: m.name(),
                    variant: None,
                    base_model: m.id(),
                }
            }
            Some((s, v)) => ColumnHead {
                id: s.id(),
                name: s.name(),
                variant: v.map(Variant::id),
                base_model: self.model(s.base).id(),
            },
        }
    }

    /// A service's own word on `row` under column `c`, when it has one.
    pub fn override_of(&self, row: &Row<'_>, c: Column) -> Option<&Override<'t>> {
        let Column::Service { service, variant } = c else {
            return None;
        };
        self.services[service.index()].override_for(variant.map(|v| v as usize), row.id())
    }

    /// Who holds `row` under column `c`: a service's override, else its base model's owner.
    pub fn owner(&self, row: &Row<'_>, c: Column) -> Owner {
        match self.override_of(row, c) {
            Some(o) => o.owner,
            None => row.owner(self.base_model(c)),
        }
    }

    /// The note on `row` under column `c`: a service's override's, else the base model's.
    pub fn note<'a>(&'a self, row: &'a Row<'_>, c: Column) -> Option<&'a str> {
        match self.override_of(row, c) {
            Some(o) => Some(&o.note),
            None => row.note(self.base_model(c)),
        }
    }

    /// How well `row`'s owner under a service column is sourced (none under a model: the
    /// catalogue's own rows cite their sources).
    pub fn evidence(&self, row: &Row<'_>, c: Column) -> Option<(Evidence, Option<&str>)> {
        let (service, _) = self.service_of(c)?;
        Some(match self.override_of(row, c) {
            Some(o) => (o.evidence, o.evidence_note.as_deref()),
            None => (service.evidence, service.evidence_note.as_deref()),
        })
    }

    /// A layer's owner under a column, derived from its rows.
    pub fn layer_owner(&self, layer: &Layer<'_>, c: Column) -> Derived {
        derive_owner(layer.rows().iter().map(|row| self.owner(row, c)))
    }

    /// The note of a layer's own row under a column; a layer of parts has none of its own.
    pub fn layer_note<'a>(&'a self, layer: &'a Layer<'_>, c: Column) -> Option<&'a str> {
        layer.own_row().and_then(|row| self.note(row, c))
    }

    /// What a column is keyed by in answers that hold several: a model's id, a service's
    /// (without variants, or in its default one), or `SERVICE:VARIANT`.
    /// (A column named with its variant always, default or not, is [`variant_key`].)
    pub fn column_key(&self, c: Column) -> Cow<'_, str> {
        let head = self.head(c);
        match (c, head.variant) {
            (Column::Service { service, variant }, Some(v))
                if variant.map(|v| v as usize)
                    != self.services[service.index()].default_variant =>
            {
                Cow::Owned(format!("{}:{v}", head.id))
            }
            _ => Cow::Borrowed(head.id),
        }
    }

    /// The columns every model gives, in order.
    pub fn model_columns(&self) -> impl Iterator<Item = Column> + use<'t> {
        self.model_ids().map(Column::Model)
    }

    /// A layer id or alias, or a part id or alias.
    pub fn resolve_layer(&self, name: &str) -> Result<LayerRef, UnknownId> {
        match self.find(name) {
            Some(Target::Layer(l)) => Ok(LayerRef::Layer(l)),
            Some(Target::Part(r)) => Ok(LayerRef::Part(r)),
            _ => Err(self.unknown("layer", name, |t| {
                matches!(t, Target::Layer(_) | Target::Part(_))
            })),
        }
    }

    /// Any layer, part or model.
    pub fn resolve_any(&self, name: &str) -> Result<Target, UnknownId> {
        self.find(name)
            .ok_or_else(|| self.unknown("id", name, |_| true))
    }

    pub fn id_of(&self, target: Target) -> &str {
        match target {
            Target::Model(m) => &self.models[m.index()].id,
            Target::Layer(l) => &self.layer(l).id,
            Target::Part(r) => &self.row(r).id,
            Target::Service(s) => &self.services[s.index()].id,
        }
    }

    /// The size of the text the catalogue was read from, in bytes: what limits in proportion
    /// to the input are measured against.
    pub fn text_len(&self) -> usize {
        self.text_len
    }

    pub fn row_count(&self) -> usize {
        self.layers.iter().map(|l| l.rows().len()).sum()
    }

    /// The display-name index, built once: one pass over the catalogue.
    fn names(&self) -> &HashMap<String, Option<Target>> {
        self.names.get_or_init(|| {
            let mut names: HashMap<String, Option<Target>> = HashMap::default();
            let mut add = |name: &str, target: Target| {
                let key = normalize(name).into_owned();
                if !self.index.contains(key.as_str()) {
                    names
                        .entry(key)
                        .and_modify(|slot| *slot = None)
                        .or_insert(Some(target));
                }
            };
            for (m, model) in self.models.iter().enumerate() {
                add(model.name(), Target::Model(ModelId::new(m)));
            }
            for (s, service) in self.services.iter().enumerate() {
                add(service.name(), Target::Service(ServiceId::new(s)));
            }
            for (l, layer) in self.layer_ids() {
                add(layer.name(), Target::Layer(l));
                for (r, part) in layer.parts().iter().enumerate() {
                    add(part.name(), Target::Part(RowId::new(l, r)));
                }
            }
            names
        })
    }

    /// Builds the error for `given`, suggesting the closest id or alias of the right kind.
    ///
    /// The cost stays bounded whatever was typed and however long the catalogue's aliases: only
    /// the first [`SUGGEST_PREFIX`] characters of the argument are compared, and edit distance
    /// is computed only for keys of a similar length (a key of another length would be too
    /// far to suggest anyway), and for at most [`SUGGEST_COMPARED`] of them. Prefix matches
    /// (`ai-` → `ai-app`) are found in linear time.
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
        let ids = self.index.iter().map(|(key, target)| (key, Some(target)));
        let names = self
            .names()
            .iter()
            .map(|(key, &target)| (key.as_str(), target));
        // Keys of a length that could be near: cheap to find, then at most SUGGEST_COMPARED of
        // them, the nearest in sorted order (those that share the longest start with what was
        // typed), get the costly edit distance. Sorting makes the choice independent of hash
        // order.
        let slack = |len: usize| (len / 3).max(1);
        let mut candidates: Vec<(&str, Target)> = ids
            .chain(names)
            .filter_map(|(key, target)| Some((key, target?)))
            .filter(|(_, t)| fits(*t))
            .filter(|(key, _)| {
                key.len().abs_diff(wanted.len()) <= slack(key.len())
                    || (wanted.len() >= 2 && key.starts_with(wanted))
            })
            .collect();
        candidates.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let at = candidates.partition_point(|(key, _)| *key < wanted);
        let half = SUGGEST_COMPARED / 2;
        let from = at.saturating_sub(half);
        let to = (at + half).min(candidates.len());
        let best = candidates[from..to]
            .iter()
            .filter_map(|&(key, t)| Some((near(key)?, key, t)))
            // Ties broken by key so the suggestion never depends on hash order.
            .min_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
        UnknownId {
            kind,
            given: given.to_string(),
            suggestion: best.map(|(_, _, t)| self.id_of(t).to_string()),
            listing: None,
        }
    }
}

/// How much of a mistyped argument "did you mean" looks at.
const SUGGEST_PREFIX: usize = 64;

/// How many ids and names "did you mean" measures the edit distance to, at most.
const SUGGEST_COMPARED: usize = 512;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_index_entry_is_twelve_bytes() {
        assert_eq!(std::mem::size_of::<Target>(), 12);
        assert_eq!(std::mem::size_of::<Option<Target>>(), 12);
    }

    #[test]
    fn normalize_folds_case_underscores_spaces_and_compatibility_forms() {
        assert_eq!(normalize("ｎｅｔ"), "net");
        assert_eq!(normalize("ne\u{301}t"), normalize("nét"));
        assert_eq!(normalize("ÉCOLE"), "école");
        assert_eq!(normalize("Operating_System"), "operating-system");
        assert_eq!(normalize(" On Premises "), "on-premises");
        assert_eq!(normalize("PaaS"), "paas");
    }

    #[test]
    fn unknown_id_message_names_the_value_the_guess_and_the_listing_command() {
        let e = UnknownId {
            kind: "layer",
            given: "kernal".into(),
            suggestion: Some("os".into()),
            listing: None,
        };
        assert_eq!(
            e.to_string(),
            "unknown layer 'kernal'; did you mean 'os'? see `srm layers` for the valid ones"
        );
    }
}
