//! From the parsed pieces of a catalogue file to a [`Catalog`] whose every value can be trusted.
//!
//! The [`Builder`] takes the file's sources, models and layers as the parser reads them (see
//! `load/stream.rs`; a layer comes as a draft, `read.rs`), so a large catalogue is turned into
//! compact rows one layer at a time instead of being held twice. What a catalogue keeps goes to
//! its arena, and a row is built in lists reused from row to row. Layers that come before the
//! sources and models they cite wait until the end. Validation collects every problem rather than stopping at the first, so that
//! `srm catalog validate` can list them; the first [`MAX_PROBLEMS`] are kept and the rest
//! only counted; past that number the messages that list what is declared, or describe what
//! an id clashes with, are not composed at all. A row is
//! checked by the entries it spells: its owners and notes entry by entry (sorted, so n log n in
//! the row's own entries), never once per declared model, and a row missing owners names at
//! most ten of the models it leaves out. Lookups by id go through hash maps, and every list
//! quoted in a message is cut to ten items of 64 characters; an id a message names is quoted
//! by its first 64 characters, never copied whole. Problems are placed at the id of what they concern, from the place the
//! parser recorded.

use foldhash::HashMap;

use super::read::{Drafts, LayerDraft, LayerSeed, RowDraft};
use super::stored::{Arena, Boxed, Index, Keys, List};
use crate::catalog::file::{
    FieldFile, InventoryFile, Located, ModelFile, ModelMap, OrganisationalFile, OverrideFile,
    ScopeFile, ServiceFile, SideFile, SourceFile, SupportingFile, VariantFile,
};
use crate::catalog::{
    Body, Catalog, ControlLink, Evidence, Field, Inventory, Layer, LayerId, Model, ModelId,
    Override, Owner, Owners, Row, RowId, RowMore, RowRare, Service, ServiceId, Source, SourceId,
    Str, Supporting, Target, Text, Variant, WebUrl, normalize, normalize_text,
};

use unicode_script::{Script, UnicodeScript};

use crate::load::{MAX_PROBLEMS, Problem, cut, quote_list};
use crate::sanitize::printable_ascii;

/// Ids and aliases are lowercase-kebab: `a-z`, `0-9`, single dashes between words.
pub fn is_kebab(id: &str) -> bool {
    // One pass: a dash may follow only a letter or digit, and may not end the id.
    let mut after_dash = true;
    for b in id.bytes() {
        match b {
            b'a'..=b'z' | b'0'..=b'9' => after_dash = false,
            b'-' if !after_dash => after_dash = true,
            _ => return false,
        }
    }
    !id.is_empty() && !after_dash
}

/// Builds a catalogue from the pieces of its file, in the order the parser reads them.
pub(crate) struct Builder<'t> {
    /// Where the catalogue's lists, rows' rarer parts and built text go.
    arena: &'t Arena,
    /// The first [`MAX_PROBLEMS`] problems, in the order they were found.
    problems: Vec<Problem>,
    /// How many more were found.
    omitted: usize,
    /// Normalised ids and aliases of models, layers and parts → what they name.
    index: Keys<'t>,
    /// Source id → source.
    source_index: HashMap<Text<'t>, SourceId>,
    /// Model id → model.
    model_index: HashMap<Text<'t>, ModelId>,
    /// Model ids in declaration order, for messages.
    model_ids: Vec<Text<'t>>,
    sources: Vec<Source<'t>>,
    models: Vec<Model<'t>>,
    layers: Vec<Layer<'t>>,
    /// Whether the file's `sources` and `models` have been read: rows can be checked then.
    seen_sources: bool,
    seen_models: bool,
    /// Layers read before the sources and models they cite.
    waiting: Vec<LayerDraft<'t>>,
    /// What the layer being read (and those waiting) spell, until they are built.
    drafts: Drafts<'t>,
    /// Lists reused from row to row while one is built.
    scratch: RowScratch<'t>,
    /// Whether no two models share an id (then a model key can be found by its place).
    models_unique: bool,
    /// Services, checked once every layer is built (they name its rows).
    services: Vec<ServiceFile<'t>>,
    /// Supporting types, checked once every layer is built (they name its rows).
    supporting: Vec<SupportingFile<'t>>,
    /// The organisational controls, checked once every layer is built (no classic row may map
    /// them).
    organisational: Vec<OrganisationalFile<'t>>,
    /// Service ids in declaration order, for messages.
    service_ids: Vec<Text<'t>>,
    /// The layer being built, for messages about clashes with it or its parts.
    current: Option<(Text<'t>, Vec<Row<'t>>)>,
    /// Whether control ids, texts and URLs are checked: always, except for the embedded
    /// catalogue, which `cargo test` checks with this same builder (`load/embedded.rs`).
    checked: bool,
    /// The length of the text the catalogue is read from.
    text_len: usize,
    /// The catalogue's `date`, once checked.
    date: Option<Text<'t>>,
}

/// Lists a row is built in, kept from row to row so that building one allocates nothing of
/// its own beyond what it keeps.
#[derive(Default)]
struct RowScratch<'t> {
    given: Vec<(ModelId, Owner)>,
    notes: Vec<(ModelId, Text<'t>)>,
    caveats: Vec<(ModelId, List<'t, Text<'t>>)>,
    owners: Vec<Owner>,
    see_also: Vec<SourceId>,
}

/// What a problem is about: the kind of thing and its id, with the id's place.
#[derive(Clone, Copy)]
struct Subject<'a, 't> {
    kind: &'static str,
    id: &'a Located<'t>,
}

/// The text an id or alias comes with, in bytes, at the least, as catalogues are written:
/// what the id index is sized by.
const BYTES_PER_ID: usize = 160;

impl<'t> Builder<'t> {
    /// A builder for a catalogue of `len` bytes of text. With `checked` it checks the text
    /// policy, the scripts of aliases and control ids; without, it trusts them (the embedded
    /// catalogue, which `cargo test` checks). Its id index is sized from `len` (about one id or
    /// alias per [`BYTES_PER_ID`] bytes, as in catalogues with descriptions and duties), so a
    /// large catalogue's index does not rehash as it grows.
    pub(crate) fn new(checked: bool, len: usize, arena: &'t Arena) -> Builder<'t> {
        let index = Keys::with_capacity(len / BYTES_PER_ID);
        Builder {
            arena,
            problems: Vec::new(),
            omitted: 0,
            index,
            source_index: HashMap::default(),
            model_index: HashMap::default(),
            model_ids: Vec::new(),
            sources: Vec::new(),
            models: Vec::new(),
            layers: Vec::new(),
            seen_sources: false,
            seen_models: false,
            waiting: Vec::new(),
            drafts: Drafts::default(),
            scratch: RowScratch::default(),
            models_unique: true,
            services: Vec::new(),
            supporting: Vec::new(),
            organisational: Vec::new(),
            service_ids: Vec::new(),
            current: None,
            checked,
            text_len: len,
            date: None,
        }
    }

    /// Parsed text, kept: lent by the file where it stands there, else copied into the arena.
    fn keep(&self, text: Str<'t>) -> Text<'t> {
        match text.lent() {
            Some(lent) => Text::lent(lent),
            None => self.arena.text(&text),
        }
    }

    fn keep_some(&self, text: Option<Str<'t>>) -> Option<Text<'t>> {
        text.map(|t| self.keep(t))
    }

    /// A parsed list, kept in the arena.
    fn keep_list(&self, list: Vec<Str<'t>>) -> List<'t, Text<'t>> {
        let arena = self.arena;
        arena.list(list.into_iter().map(|t| self.keep(t)))
    }

    /// Parsed pairs (a `when`), kept in a vector.
    fn keep_pairs(&self, pairs: Vec<(Str<'t>, Str<'t>)>) -> Vec<(Text<'t>, Text<'t>)> {
        pairs
            .into_iter()
            .map(|(k, v)| (self.keep(k), self.keep(v)))
            .collect()
    }

    /// A parsed list, kept in a vector (a service's, which owns its lists).
    fn keep_vec(&self, list: Vec<Str<'t>>) -> Vec<Text<'t>> {
        list.into_iter().map(|t| self.keep(t)).collect()
    }

    pub(crate) fn sources(&mut self, sources: Vec<SourceFile<'t>>) {
        self.seen_sources = true;
        self.add_sources(sources);
    }

    /// Takes the services; they are checked at the end, against every layer.
    pub(crate) fn services(&mut self, services: Vec<ServiceFile<'t>>) {
        self.services = services;
    }

    /// Takes the supporting types; checked at the end, against every layer and service.
    pub(crate) fn supporting(&mut self, supporting: Vec<SupportingFile<'t>>) {
        self.supporting = supporting;
    }

    /// Takes the organisational controls; checked at the end, against every row.
    pub(crate) fn organisational(&mut self, list: Vec<OrganisationalFile<'t>>) {
        self.organisational = list;
    }

    /// The `organisational` list: known control ids, each once, and none that a row of the
    /// classic stack maps (a control is either met through the rows or by each organisation
    /// itself). An AI row may map one: under `--scope ai` or `all` the rows answer for it.
    fn organisational_list(&mut self) -> Vec<ControlLink<'t>> {
        let files = std::mem::take(&mut self.organisational);
        // Control id → the first classic row that maps it.
        let mut mapped: HashMap<String, String> = HashMap::default();
        // The embedded catalogue is checked by `cargo test` (load/embedded.rs).
        let layers = if self.checked { &self.layers[..] } else { &[] };
        for layer in layers.iter().filter(|l| !l.is_ai()) {
            for row in layer.rows() {
                for link in row.controls() {
                    for id in link.ids() {
                        mapped
                            .entry(id.to_string())
                            .or_insert_with(|| row.id().to_string());
                    }
                }
            }
        }
        let mut listed: foldhash::HashSet<Text<'t>> = foldhash::HashSet::default();
        let mut list = Vec::with_capacity(files.len());
        for (n, entry) in files.into_iter().enumerate() {
            let Some(first) = entry.ids.first().cloned() else {
                self.push(Problem::new(format!(
                    "entry {} of `organisational` has no `ids`; name the controls it covers, or remove the entry",
                    n + 1
                )));
                continue;
            };
            let subject = Subject {
                kind: "organisational entry",
                id: &first,
            };
            self.check_text(subject, "why", &entry.why);
            self.check_principle(subject, "organisational", n + 1, entry.principle);
            for place in &entry.ids {
                let id = &place.text;
                let subject = Subject {
                    kind: "organisational control",
                    id: place,
                };
                self.check_control(subject, id);
                if !listed.insert(self.keep(id.clone())) {
                    if self.full() {
                        self.skip();
                    } else {
                        let message = format!(
                            "control '{}' is listed twice in `organisational`; list each control once",
                            cut(id)
                        );
                        self.problem(subject, message);
                    }
                } else if let Some(row) = mapped.get(&**id) {
                    let message = format!(
                        "control '{}' is in `organisational` and row '{}' maps it; a control is met through the rows or by each organisation itself: remove one",
                        cut(id),
                        cut(row)
                    );
                    self.problem(subject, message);
                }
            }
            let arena = self.arena;
            list.push(ControlLink {
                ids: arena.list(entry.ids.into_iter().map(|l| self.keep(l.text))),
                why: self.keep(entry.why),
                principle: entry.principle,
                when_shared: None,
            });
        }
        list
    }

    /// A `principle` names one of the seven of data/CONTROLS.md; `entry` is the entry's
    /// number in its list (`controls` or `organisational`), from 1.
    fn check_principle(
        &mut self,
        subject: Subject<'_, 't>,
        list: &str,
        entry: usize,
        principle: Option<u8>,
    ) {
        if let Some(p) = principle
            && !(1..=7).contains(&p)
        {
            let message = format!(
                "{} '{}' names principle {p} in entry {entry} of `{list}`; the principles are numbered 1 to 7 (see data/CONTROLS.md)",
                subject.kind,
                cut(subject.id)
            );
            self.problem(subject, message);
        }
    }

    fn add_sources(&mut self, sources: Vec<SourceFile<'t>>) {
        for s in sources {
            let subject = Subject {
                kind: "source",
                id: &s.id,
            };
            self.check_id(subject);
            self.check_text(subject, "title", &s.title);
            let url = s.url.as_ref().and_then(|url| {
                self.check_text(subject, "url", url);
                // The embedded catalogue's URLs are written in the form parsing gives
                // (`cargo test` checks it: load/embedded.rs).
                if !self.checked {
                    return Some(WebUrl::trusted(self.keep(url.clone())));
                }
                match WebUrl::parse(url, self.arena) {
                    Ok(url) => Some(url),
                    Err(why) => {
                        self.problem(
                            subject,
                            format!(
                                "source '{}' has `url` '{}', which {why}",
                                s.id,
                                cut(url.trim())
                            ),
                        );
                        None
                    }
                }
            });
            let id = SourceId::new(self.sources.len());
            if self.source_index.contains_key(&*s.id.text) {
                self.problem(subject, format!("duplicate source id '{}'", s.id));
            } else {
                self.source_index.insert(self.keep(s.id.text.clone()), id);
            }
            self.sources.push(Source {
                id: self.keep(s.id.text),
                title: self.keep(s.title),
                url,
            });
        }
    }

    pub(crate) fn models(&mut self, models: Vec<ModelFile<'t>>) {
        self.seen_models = true;
        for m in models {
            let subject = Subject {
                kind: "model",
                id: &m.id,
            };
            let id = ModelId::new(self.models.len());
            // Known by its id before its aliases are registered: an alias that repeats the
            // model's own id is described by it.
            let model_id = self.keep(m.id.text.clone());
            self.model_ids.push(model_id);
            let aliases = self.keep_list(m.aliases);
            self.register(subject, model_id, aliases, Target::Model(id));
            self.check_texts(subject, &m.name, m.description.as_deref(), None);
            if self.model_index.contains_key(&*model_id) {
                self.models_unique = false;
            } else {
                self.model_index.insert(model_id, id);
            }
            self.models.push(Model {
                id: model_id,
                name: self.keep(m.name),
                aliases,
                description: self.keep_some(m.description),
            });
        }
    }

    /// Takes the catalogue's `date`, which must be an ISO 8601 calendar date (`2026-11-23`).
    pub(crate) fn date(&mut self, date: Str<'t>) {
        if is_iso_date(&date) {
            self.date = Some(self.keep(date));
        } else {
            let shown: String = date.chars().take(40).collect();
            self.push(Problem::new(format!(
                "`date` is {:?}, which is not a date written YYYY-MM-DD (such as 2026-11-23)",
                crate::sanitize::clean(&shown)
            )));
        }
    }

    /// Reads the next layer into a draft (see `read.rs`).
    pub(crate) fn layer_seed(&mut self) -> LayerSeed<'_, 't> {
        LayerSeed {
            arena: self.arena,
            drafts: &mut self.drafts,
            layer: true,
        }
    }

    /// Takes one layer: checks it now if the sources and models it cites are known, else
    /// keeps it for [`Builder::finish`].
    pub(crate) fn layer(&mut self, layer: LayerDraft<'t>) {
        if self.seen_sources && self.seen_models {
            self.build_layer(layer);
            if self.waiting.is_empty() {
                self.drafts.clear();
            }
        } else {
            self.waiting.push(layer);
        }
    }

    /// The catalogue, or the first problems found, in file order, and how many more there were.
    pub(crate) fn finish(mut self) -> Result<Catalog<'t>, (Vec<Problem>, usize)> {
        for layer in std::mem::take(&mut self.waiting) {
            self.build_layer(layer);
        }
        // A service's own sources first: its overrides, and other services, cite them.
        let files = std::mem::take(&mut self.services);
        let mut files: Vec<ServiceFile<'t>> = files
            .into_iter()
            .map(|mut f| {
                self.add_sources(std::mem::take(&mut f.sources));
                f
            })
            .collect();
        let mut services = Vec::with_capacity(files.len());
        // Where each service's id stands, for the types table's problems.
        let service_at: Vec<Located<'t>> = files.iter().map(|f| f.id.clone()).collect();
        for (i, f) in files.drain(..).enumerate() {
            services.push(self.service(ServiceId::new(i), f));
        }
        let (support_at, supporting): (Vec<Located<'t>>, Vec<Supporting<'t>>) =
            std::mem::take(&mut self.supporting)
                .into_iter()
                .filter_map(|f| {
                    let at = f.row.clone();
                    self.supporting_entry(f).map(|s| (at, s))
                })
                .unzip();
        self.check_types(&services, &service_at, &supporting, &support_at);
        let organisational = self.organisational_list();
        if self.models.is_empty() {
            self.push(Problem::new(
                "no models declared; add a `models` list (e.g. on-prem, iaas, paas, saas)",
            ));
        }
        if self.layers.is_empty() {
            self.push(Problem::new("no layers declared; add a `layers` list"));
        }
        if !self.problems.is_empty() {
            // Problems without a place (a missing list) come last; the sort is stable.
            self.problems
                .sort_by_key(|p| (p.line.unwrap_or(usize::MAX), p.column.unwrap_or(0)));
            return Err((self.problems, self.omitted));
        }
        let arena = self.arena;
        Ok(Catalog {
            sources: arena.list(self.sources.into_iter()),
            models: arena.list(self.models.into_iter()),
            layers: Boxed::Owned(self.layers.into_boxed_slice()),
            services,
            supporting,
            organisational: arena.list(organisational.into_iter()),
            date: self.date,
            index: Index::Map(self.index),
            names: std::sync::OnceLock::new(),
            text_len: self.text_len,
        })
    }

    fn build_layer(&mut self, l: LayerDraft<'t>) {
        let drafts = std::mem::take(&mut self.drafts);
        self.build_layer_from(&l, &drafts);
        self.drafts = drafts;
    }

    fn build_layer_from(&mut self, l: &LayerDraft<'t>, drafts: &Drafts<'t>) {
        let li = LayerId::new(self.layers.len());
        let own = &l.row;
        let (at, name) = (&own.id, own.name);
        let subject = Subject {
            kind: "layer",
            id: at,
        };
        let layer_id = self.keep(at.text.clone());
        self.current = Some((layer_id, Vec::new()));
        self.register(subject, layer_id, own.fields.aliases, Target::Layer(li));
        self.check_texts(
            subject,
            &name,
            own.fields.description.as_deref(),
            own.fields.remark.as_deref(),
        );
        let has_own = own.fields.owners.is_some()
            || own.fields.notes.is_some()
            || own.fields.caveats.is_some()
            || own.fields.duties.is_some()
            || own.fields.source.is_some()
            || !own.fields.see_also.is_empty();
        let body = match &l.parts {
            Some(parts) => {
                if has_own {
                    self.problem(
                        subject,
                        format!(
                            "layer '{}' has both cells of its own (owners, notes, duties, source, see_also) and parts; keep one",
                            at
                        ),
                    );
                }
                if parts.is_empty() {
                    self.problem(
                        subject,
                        format!("layer '{}' has an empty `parts` list; add parts or give the layer `owners`", at),
                    );
                }
                for (ri, p) in drafts.parts[parts.clone()].iter().enumerate() {
                    let part = self.part(li, ri, p, drafts);
                    if let Some((_, built)) = &mut self.current {
                        built.push(part);
                    }
                }
                let built = self.current.take().map(|(_, b)| b).unwrap_or_default();
                let arena = self.arena;
                Body::Parts(arena.list(built.into_iter()))
            }
            None => {
                if own.fields.owners.is_none() {
                    self.problem(
                        subject,
                        format!(
                            "layer '{}' has neither `owners` nor `parts`; give it one of them",
                            at
                        ),
                    );
                }
                if own.fields.source.is_none() {
                    self.problem(
                        subject,
                        format!(
                            "layer '{}' has no `source`; name one of the declared sources",
                            at
                        ),
                    );
                }
                // The layer's own row: its cells, keywords and remark; its name, aliases and
                // description are the layer's.
                let row = self.row(subject, layer_id, own, drafts, true);
                Body::Own(self.arena.one(row))
            }
        };
        self.current = None;
        self.layers.push(Layer {
            id: layer_id,
            name,
            aliases: own.fields.aliases,
            description: own.fields.description,
            ai: l.scope == ScopeFile::Ai,
            body,
        });
    }

    /// Checks one service against the built layers, models and sources.
    fn service(&mut self, id: ServiceId, f: ServiceFile<'t>) -> Service<'t> {
        let subject = Subject {
            kind: "service",
            id: &f.id,
        };
        let service_id = self.keep(f.id.text.clone());
        self.service_ids.push(service_id);
        let aliases = self.keep_vec(f.aliases);
        self.register(subject, service_id, &aliases, Target::Service(id));
        self.check_texts(subject, &f.name, f.description.as_deref(), None);
        if !is_kebab(&f.provider) {
            let message = format!(
                "service '{}' has `provider` '{}', which is not lowercase-kebab (such as aws, azure or gcp)",
                f.id,
                cut(&f.provider)
            );
            self.problem(subject, message);
        }
        if let Some(label) = &f.vendor_label {
            self.check_text(subject, "vendor_label", label);
        }
        for keyword in &f.keywords {
            self.check_text(subject, "keywords", keyword);
        }
        let base = match self.model_index.get(&*f.base) {
            Some(&m) => m,
            None => {
                let declared = quote_list(&self.model_ids);
                let message = format!(
                    "service '{}' has `base` '{}', which is not a declared model; declared models: {declared}",
                    f.id,
                    cut(&f.base)
                );
                self.problem(subject, message);
                ModelId::new(0)
            }
        };
        let source = self.source_id(subject, "source", &f.source);
        self.check_evidence(subject, "", f.evidence, f.evidence_note.as_deref());
        let inventory = self.inventory(subject, f.inventory);
        let mut field_ids: foldhash::HashSet<Str<'t>> = foldhash::HashSet::default();
        let mut fields = Vec::with_capacity(f.fields.len());
        for field in f.fields {
            fields.push(self.field(subject, &mut field_ids, field));
        }
        let ModelMap(when) = f.when;
        for (field, value) in &when {
            self.check_text(subject, "when", value);
            if !field_ids.contains(&**field) {
                let message = format!(
                    "service '{}' names field '{}' in `when`, which it does not declare in `fields`",
                    f.id,
                    cut(field)
                );
                self.problem(subject, message);
            }
        }
        let overrides = self.overrides(subject, "rows", f.rows);
        let mut variant_keys: foldhash::HashMap<String, usize> = foldhash::HashMap::default();
        let mut variants = Vec::with_capacity(f.variants.len());
        let mut default_variant = None;
        for (vi, v) in f.variants.into_iter().enumerate() {
            if v.default {
                if default_variant.is_some() {
                    let message = format!(
                        "service '{}' has more than one default variant ('{}' too); mark one `default: true`",
                        f.id, v.id
                    );
                    self.problem(subject, message);
                } else {
                    default_variant = Some(vi);
                }
            }
            variants.push(self.variant(subject, &field_ids, &mut variant_keys, vi, v));
        }
        // Names, for a variant named by its name: one a variant's id or alias, or two variants'
        // names, take no variant (the id or alias wins; two alike name neither).
        let mut variant_names: foldhash::HashMap<String, Option<usize>> =
            foldhash::HashMap::default();
        for (i, v) in variants.iter().enumerate() {
            let key = normalize(&v.name).into_owned();
            if !variant_keys.contains_key(&key) {
                variant_names
                    .entry(key)
                    .and_modify(|slot| *slot = None)
                    .or_insert(Some(i));
            }
        }
        if !variants.is_empty() && default_variant.is_none() {
            let message = format!(
                "service '{}' has variants but none is `default: true`; mark the one the service stands for when named alone, and say `why`",
                f.id
            );
            self.problem(subject, message);
        }
        Service {
            id: service_id,
            name: self.keep(f.name),
            provider: self.keep(f.provider),
            aliases,
            keywords: self.keep_vec(f.keywords),
            description: self.keep_some(f.description),
            base,
            vendor_label: self.keep_some(f.vendor_label),
            source,
            evidence: f.evidence,
            evidence_note: self.keep_some(f.evidence_note),
            inventory,
            when: self.keep_pairs(when),
            fields,
            overrides,
            variants,
            default_variant,
            variant_keys,
            variant_names,
        }
    }

    /// A weaker fact must say what is weak.
    fn check_evidence(
        &mut self,
        subject: Subject<'_, 't>,
        what: &str,
        evidence: Evidence,
        note: Option<&str>,
    ) {
        match note {
            Some(note) => self.check_text(subject, "evidence_note", note),
            None if evidence != Evidence::Sourced => {
                let message = format!(
                    "{} '{}'{what} has `evidence: {}` but no `evidence_note`; say what is weak and why",
                    subject.kind,
                    subject.id,
                    evidence.as_str()
                );
                self.problem(subject, message);
            }
            None => {}
        }
    }

    fn inventory(&mut self, subject: Subject<'_, 't>, f: InventoryFile<'t>) -> Inventory<'t> {
        for t in f
            .terraform
            .iter()
            .chain(&f.cloudformation)
            .chain(&f.arm)
            .chain(&f.asset_inventory)
        {
            self.check_text(subject, "inventory", t);
        }
        Inventory {
            terraform: self.keep_vec(f.terraform),
            cloudformation: self.keep_vec(f.cloudformation),
            arm: self.keep_vec(f.arm),
            asset_inventory: self.keep_vec(f.asset_inventory),
        }
    }

    fn field(
        &mut self,
        subject: Subject<'_, 't>,
        seen: &mut foldhash::HashSet<Str<'t>>,
        f: FieldFile<'t>,
    ) -> Field<'t> {
        let own = Subject {
            kind: "field",
            id: &f.id,
        };
        if self.check_id(own) && !seen.insert(f.id.text.clone()) {
            let message = format!(
                "service '{}' declares field '{}' twice; give each field once",
                subject.id, f.id
            );
            self.problem(own, message);
        }
        for (name, text) in [
            ("description", &f.description),
            ("terraform", &f.terraform),
            ("cloudformation", &f.cloudformation),
            ("arm", &f.arm),
            ("asset_inventory", &f.asset_inventory),
            ("default", &f.default),
        ] {
            if let Some(text) = text {
                self.check_text(own, name, text);
            }
        }
        Field {
            id: self.keep(f.id.text),
            description: self.keep_some(f.description),
            terraform: self.keep_some(f.terraform),
            cloudformation: self.keep_some(f.cloudformation),
            arm: self.keep_some(f.arm),
            asset_inventory: self.keep_some(f.asset_inventory),
            default: self.keep_some(f.default),
        }
    }

    /// A supporting entry: its row must be a layer with a row of its own, or a part.
    fn supporting_entry(&mut self, f: SupportingFile<'t>) -> Option<Supporting<'t>> {
        let subject = Subject {
            kind: "supporting entry",
            id: &f.row,
        };
        self.check_text(subject, "note", &f.note);
        let types = self.inventory(subject, f.types);
        let row = match self.index.get(&normalize(&f.row)) {
            Some(Target::Layer(l)) => self
                .layers
                .get(l.index())
                .filter(|layer| layer.own_row().is_some())
                .map(|layer| layer.id),
            Some(Target::Part(r)) => self
                .layers
                .get(r.layer().index())
                .and_then(|layer| layer.rows().get(r.index()))
                .map(|row| row.id),
            _ => None,
        };
        if row.is_none() && !self.full() {
            let message = format!(
                "supporting entry names '{}' in `row`, which is no layer with a row of its own and no part; use a row id from `srm layers`",
                cut(&f.row)
            );
            self.problem(subject, message);
        }
        Some(Supporting {
            row: row?,
            note: self.keep(f.note),
            types,
        })
    }

    /// The types table must say one thing per type: a type is a service's or a supporting
    /// entry's, not both, and of the services that list the same type all but one say `when`
    /// they take it.
    fn check_types(
        &mut self,
        services: &[Service<'t>],
        service_at: &[Located<'t>],
        supporting: &[Supporting<'t>],
        support_at: &[Located<'t>],
    ) {
        use crate::catalog::Family;
        for family in Family::ALL {
            let mut owner: HashMap<String, String> = HashMap::default();
            for (s, at) in supporting.iter().zip(support_at) {
                let subject = Subject {
                    kind: "supporting entry",
                    id: at,
                };
                for ty in s.types.of(family) {
                    let key = family.key(ty).into_owned();
                    if let Some(other) = owner.insert(key, format!("supporting row '{}'", s.row)) {
                        let message = format!(
                            "{} type '{}' is listed twice in `supporting` ({other} and row '{}'); list each type once",
                            family.as_str(),
                            cut(ty),
                            s.row
                        );
                        self.problem(subject, message);
                    }
                }
            }
            let mut fallbacks: HashMap<String, Vec<(&str, &Located<'t>)>> = HashMap::default();
            for (s, at) in services.iter().zip(service_at) {
                let subject = Subject {
                    kind: "service",
                    id: at,
                };
                for ty in s.inventory().of(family) {
                    let key = family.key(ty).into_owned();
                    if let Some(other) = owner.get(&key).filter(|o| o.starts_with("supporting")) {
                        let message = format!(
                            "{} type '{}' is listed by service '{}' and as {other}; a type is a service's or supports a row, not both",
                            family.as_str(),
                            cut(ty),
                            s.id()
                        );
                        self.problem(subject, message);
                    }
                    if s.when().is_empty() {
                        let list = fallbacks.entry(key).or_default();
                        if !list.iter().any(|(id, _)| *id == s.id()) {
                            list.push((s.id(), at));
                        }
                    }
                }
            }
            let mut clashes: Vec<(String, Vec<(&str, &Located<'t>)>)> =
                fallbacks.into_iter().filter(|(_, v)| v.len() > 1).collect();
            clashes.sort_by(|a, b| a.0.cmp(&b.0));
            for (ty, list) in clashes {
                let ids: Vec<&str> = list.iter().map(|(id, _)| *id).collect();
                let message = format!(
                    "{} type '{}' is listed by services {} without `when`; give all but one a `when` that says which resources it takes",
                    family.as_str(),
                    cut(&ty),
                    quote_list(&ids)
                );
                // Placed at the second service: the first was alone until then.
                let subject = Subject {
                    kind: "service",
                    id: list[1].1,
                };
                self.problem(subject, message);
            }
        }
    }

    fn variant(
        &mut self,
        service: Subject<'_, 't>,
        fields: &foldhash::HashSet<Str<'t>>,
        keys: &mut foldhash::HashMap<String, usize>,
        index: usize,
        v: VariantFile<'t>,
    ) -> Variant<'t> {
        let subject = Subject {
            kind: "variant",
            id: &v.id,
        };
        let id_ok = self.check_id(subject);
        for (what, name) in
            std::iter::once(("id", &v.id.text)).chain(v.aliases.iter().map(|a| ("alias", a)))
        {
            if what == "id" && !id_ok {
                continue;
            }
            if what == "alias" {
                self.check_text(subject, "aliases", name);
            }
            let key = normalize(name).into_owned();
            if key.is_empty() {
                continue;
            }
            if keys.insert(key, index).is_some() {
                let message = format!(
                    "service '{}' has {what} '{}' for more than one variant; variant ids and aliases must be unique within a service",
                    service.id,
                    cut(name)
                );
                self.problem(subject, message);
            }
        }
        self.check_texts(subject, &v.name, v.description.as_deref(), None);
        match (&v.why, v.default) {
            (Some(why), true) => self.check_text(subject, "why", why),
            (None, true) => {
                let message = format!(
                    "variant '{}' of service '{}' is the default but has no `why`; say why it is the one the service stands for",
                    v.id, service.id
                );
                self.problem(subject, message);
            }
            (Some(_), false) => {
                let message = format!(
                    "variant '{}' of service '{}' has `why` but is not the default; `why` says why the default is the default",
                    v.id, service.id
                );
                self.problem(subject, message);
            }
            (None, false) => {}
        }
        let ModelMap(when) = v.when;
        for (field, value) in &when {
            self.check_text(subject, "when", value);
            if !fields.contains(&**field) {
                let message = format!(
                    "variant '{}' of service '{}' names field '{}' in `when`, which the service does not declare in `fields`",
                    v.id,
                    service.id,
                    cut(field)
                );
                self.problem(subject, message);
            }
        }
        let overrides = self.overrides(subject, "rows", v.rows);
        Variant {
            id: self.keep(v.id.text),
            name: self.keep(v.name),
            aliases: self.keep_vec(v.aliases),
            description: self.keep_some(v.description),
            why_default: self.keep_some(v.why),
            when: self.keep_pairs(when),
            overrides,
        }
    }

    /// A service's or variant's overrides, keyed by row id (a layer's own row or a part),
    /// sorted by it.
    fn overrides(
        &mut self,
        subject: Subject<'_, 't>,
        field: &str,
        map: ModelMap<'t, OverrideFile<'t>>,
    ) -> Vec<Override<'t>> {
        let ModelMap(entries) = map;
        let mut out: Vec<Override<'t>> = Vec::with_capacity(entries.len());
        for (key, o) in entries {
            let row: Option<Text<'t>> = match self.index.get(&normalize(&key)) {
                Some(Target::Layer(l)) => match self.layers.get(l.index()) {
                    Some(layer) if layer.own_row().is_some() => Some(layer.id),
                    Some(_) if self.full() => {
                        self.skip();
                        None
                    }
                    Some(layer) => {
                        let parts: Vec<&str> =
                            layer.parts().iter().take(10).map(|p| p.id()).collect();
                        let message = format!(
                            "{} '{}' overrides layer '{}' in `{field}`, which is made of parts; name the parts instead: {}",
                            subject.kind,
                            subject.id,
                            cut(&key),
                            quote_list(&parts)
                        );
                        self.problem(subject, message);
                        None
                    }
                    None => None,
                },
                Some(Target::Part(r)) => self
                    .layers
                    .get(r.layer().index())
                    .and_then(|layer| layer.rows().get(r.index()))
                    .map(|row| row.id),
                _ => {
                    let message = format!(
                        "{} '{}' names '{}' in `{field}`, which is no layer or part; use a row id from `srm layers`",
                        subject.kind,
                        subject.id,
                        cut(&key)
                    );
                    self.problem(subject, message);
                    None
                }
            };
            // Which override a problem is in: `rows: os: source`.
            let at = |what: &str| format!("{field}: {}: {what}", cut(&key));
            self.check_text(subject, &at("note"), &o.note);
            let source = self.source_id(subject, &at("source"), &o.source);
            let about = format!(" on row '{}'", cut(&key));
            self.check_evidence(subject, &about, o.evidence, o.evidence_note.as_deref());
            for duty in &o.duties {
                self.check_text(subject, &at("duties"), duty);
            }
            let Some(row) = row else { continue };
            out.push(Override {
                row,
                owner: o.owner,
                note: self.keep(o.note),
                source,
                evidence: o.evidence,
                evidence_note: self.keep_some(o.evidence_note),
                duties: self.keep_vec(o.duties),
            });
        }
        out.sort_by(|a, b| a.row.cmp(&b.row));
        for pair in out.windows(2) {
            if pair[0].row == pair[1].row {
                let message = format!(
                    "{} '{}' overrides row '{}' twice in `{field}`; give each row once",
                    subject.kind,
                    subject.id,
                    cut(&pair[0].row)
                );
                self.problem(subject, message);
            }
        }
        out
    }

    fn part(&mut self, li: LayerId, ri: usize, p: &RowDraft<'t>, drafts: &Drafts<'t>) -> Row<'t> {
        let subject = Subject {
            kind: "part",
            id: &p.id,
        };
        let id = self.keep(p.id.text.clone());
        self.register(
            subject,
            id,
            p.fields.aliases,
            Target::Part(RowId::new(li, ri)),
        );
        self.check_texts(
            subject,
            &p.name,
            p.fields.description.as_deref(),
            p.fields.remark.as_deref(),
        );
        self.row(subject, id, p, drafts, false)
    }

    /// Aligns a row's owners and notes with the declared models and resolves its sources. A
    /// layer's own row (`own`) takes no aliases or description of its own: those are the
    /// layer's. `id` is the row's id as kept.
    fn row(
        &mut self,
        subject: Subject<'_, 't>,
        id: Text<'t>,
        r: &RowDraft<'t>,
        drafts: &Drafts<'t>,
        own: bool,
    ) -> Row<'t> {
        let kind = subject.kind;
        let mut scratch = std::mem::take(&mut self.scratch);
        let RowScratch {
            given,
            notes,
            caveats,
            owners,
            see_also,
        } = &mut scratch;
        given.clear();
        notes.clear();
        caveats.clear();
        owners.clear();
        see_also.clear();
        let n = self.models.len();
        // Only what the row says is looked at: a file with many models and rows that each
        // name few of them costs what it spells, not models × rows.
        let entries = |range: &Option<std::ops::Range<usize>>| range.clone().unwrap_or(0..0);
        for (k, &(key, owner)) in drafts.owners[entries(&r.fields.owners)].iter().enumerate() {
            if let Some(m) = self.model_slot(subject, "owners", &key, k) {
                given.push((m, owner));
            }
        }
        given.sort_by_key(|(m, _)| *m);
        given.dedup_by(|later, earlier| {
            let twice = later.0 == earlier.0;
            if twice {
                let key = self.model_ids[earlier.0.index()];
                self.duplicate_key(subject, "owners", &key);
            }
            twice
        });
        for (k, &(key, note)) in drafts.notes[entries(&r.fields.notes)].iter().enumerate() {
            if let Some(m) = self.model_slot(subject, "notes", &key, k) {
                self.check_text(subject, "notes", &note);
                notes.push((m, note));
            }
        }
        notes.sort_by_key(|(m, _)| *m);
        for pair in notes.windows(2) {
            if pair[0].0 == pair[1].0 {
                let key = self.model_ids[pair[0].0.index()];
                self.duplicate_key(subject, "notes", &key);
            }
        }
        let duties = r.fields.duties.unwrap_or_default();
        for duty in duties.customer.iter().chain(duties.provider) {
            self.check_text(subject, "duties", duty);
        }
        for (k, &(key, list)) in drafts.caveats[entries(&r.fields.caveats)]
            .iter()
            .enumerate()
        {
            if let Some(m) = self.model_slot(subject, "caveats", &key, k) {
                for caveat in list {
                    self.check_text(subject, "caveats", caveat);
                }
                caveats.push((m, list));
            }
        }
        caveats.sort_by_key(|(m, _)| *m);
        for pair in caveats.windows(2) {
            if pair[0].0 == pair[1].0 {
                let key = self.model_ids[pair[0].0.index()];
                self.duplicate_key(subject, "caveats", &key);
            }
        }
        for &(model, owner) in given.iter() {
            if owner != Owner::Depends {
                continue;
            }
            let noted = notes
                .binary_search_by_key(&model, |(m, _)| *m)
                .is_ok_and(|i| !notes[i].1.trim().is_empty());
            if !noted {
                let id = cut(&self.model_ids[model.index()]);
                let message = format!(
                    "{kind} '{}' is `depends` under '{id}' but has no note saying on what; add notes: {{{id}: ...}}",
                    subject.id
                );
                self.problem(subject, message);
            }
        }
        let missing_count = n - given.len();
        if missing_count > 0 {
            if self.full() {
                self.skip();
            } else {
                // The first ten models the row leaves out: a walk that stops after ten gaps
                // looks at no more than the row's own entries and ten more.
                let mut missing = Vec::with_capacity(10);
                let mut next = given.iter().map(|(m, _)| m.index()).peekable();
                for m in 0..n {
                    if next.next_if_eq(&m).is_some() {
                        continue;
                    }
                    missing.push(&*self.model_ids[m]);
                    if missing.len() == 10 {
                        break;
                    }
                }
                let mut names = quote_list(&missing);
                if missing_count > missing.len() {
                    names.push_str(&format!(" and {} more", missing_count - missing.len()));
                }
                let message = format!(
                    "{kind} '{}' has no owner for model{} {names}; every row needs one per model",
                    subject.id,
                    if missing_count == 1 { "" } else { "s" },
                );
                self.problem(subject, message);
            }
        } else {
            // A row with a missing owner makes the whole catalogue invalid and it is never
            // handed out, so it keeps no cells (a hostile file cannot make models × rows of
            // them).
            owners.extend(given.iter().map(|(_, o)| *o));
        }
        let arena = self.arena;
        let owners = Owners::new(owners, arena);
        // A missing source was reported with the layer; an empty id cites nothing twice.
        let source = self.source_id(
            subject,
            "source",
            r.fields.source.as_deref().unwrap_or_default(),
        );
        for s in r.fields.see_also {
            let id = self.source_id(subject, "see_also", s);
            see_also.push(id);
        }
        for keyword in r.fields.keywords {
            self.check_text(subject, "keywords", keyword);
        }
        let mut controls = Vec::with_capacity(r.fields.controls.len());
        let mut cited: foldhash::HashSet<&str> = foldhash::HashSet::default();
        for (n, link) in r.fields.controls.iter().enumerate() {
            self.check_text(subject, "controls.why", &link.why);
            self.check_principle(subject, "controls", n + 1, link.principle);
            if link.ids.is_empty() {
                let message = format!(
                    "{} '{}' has a `controls` entry with no `ids`; name the controls it bears on, or remove the entry",
                    subject.kind, subject.id
                );
                self.problem(subject, message);
            }
            for id in &link.ids {
                self.check_control(subject, id);
                // A control named twice would list the row twice under it.
                if !cited.insert(id) {
                    if self.full() {
                        self.skip();
                    } else {
                        let message = format!(
                            "{} '{}' names control '{}' more than once in `controls`; name each control once per row",
                            subject.kind,
                            subject.id,
                            cut(id)
                        );
                        self.problem(subject, message);
                    }
                }
            }
        }
        for link in &r.fields.controls {
            controls.push(ControlLink {
                ids: arena.list(link.ids.iter().map(|id| self.keep(id.clone()))),
                why: self.keep(link.why.clone()),
                principle: link.principle,
                when_shared: link.when_shared.map(|s| match s {
                    SideFile::Customer => Owner::Customer,
                    SideFile::Provider => Owner::Provider,
                }),
            });
        }
        let rare = RowRare {
            keywords: r.fields.keywords,
            remark: r.fields.remark,
            caveats: arena.copy(caveats),
            see_also: arena.copy(see_also),
            controls: arena.list(controls.into_iter()),
        };
        let more = RowMore {
            aliases: if own { &[] } else { r.fields.aliases },
            description: if own { None } else { r.fields.description },
            duties,
            rare: (!rare.is_empty()).then(|| arena.one(rare)),
        };
        let row = Row {
            id,
            name: r.name,
            owners,
            notes: arena.copy(notes),
            source,
            more: (!more.is_empty()).then(|| arena.one(more)),
        };
        self.scratch = scratch;
        row
    }

    /// The model a `field` key names, reporting a key that names none.
    /// Keys usually come in the order the models are declared, so the model at `hint` (the
    /// key's place in its map) is tried first, where no two models share an id.
    fn model_slot(
        &mut self,
        subject: Subject<'_, 't>,
        field: &str,
        key: &str,
        hint: usize,
    ) -> Option<ModelId> {
        if self.models_unique
            && let Some(id) = self.model_ids.get(hint)
            && **id == *key
        {
            return Some(ModelId::new(hint));
        }
        if let Some(&m) = self.model_index.get(key) {
            return Some(m);
        }
        if self.full() {
            self.skip();
            return None;
        }
        let declared = if self.model_ids.is_empty() {
            "the catalogue declares no `models`".to_string()
        } else {
            format!("declared models: {}", quote_list(&self.model_ids))
        };
        let key = cut(key);
        let message = format!(
            "{} '{}' names unknown model '{key}' in `{field}`; {declared}",
            subject.kind, subject.id
        );
        self.problem(subject, message);
        None
    }

    fn duplicate_key(&mut self, subject: Subject<'_, 't>, field: &str, key: &str) {
        if self.full() {
            return self.skip();
        }
        let key = cut(key);
        self.problem(
            subject,
            format!(
                "{} '{}' has duplicate key '{key}' in `{field}`; give each model once",
                subject.kind, subject.id
            ),
        );
    }

    fn source_id(&mut self, subject: Subject<'_, 't>, field: &str, source: &str) -> SourceId {
        if let Some(&i) = self.source_index.get(source) {
            return i;
        }
        if self.full() {
            self.skip();
            return SourceId::new(0);
        }
        let hint = if self.sources.is_empty() {
            "the catalogue declares no `sources`".to_string()
        } else {
            let ids: Vec<&str> = self.sources.iter().take(11).map(Source::id).collect();
            let mut list = quote_list(&ids[..ids.len().min(10)]);
            if self.sources.len() > 10 {
                list.push_str(&format!(" and {} more", self.sources.len() - 10));
            }
            format!("declared sources: {list}")
        };
        let source = cut(source);
        let message = format!(
            "{} '{}' cites undeclared source '{source}' in `{field}`; {hint}",
            subject.kind, subject.id
        );
        self.problem(subject, message);
        SourceId::new(0)
    }

    fn check_texts(
        &mut self,
        subject: Subject<'_, 't>,
        name: &str,
        description: Option<&str>,
        remark: Option<&str>,
    ) {
        self.check_text(subject, "name", name);
        if let Some(d) = description {
            self.check_text(subject, "description", d);
        }
        if let Some(r) = remark {
            self.check_text(subject, "remark", r);
        }
    }

    /// The text policy, for every text field of a catalogue: not blank, and free of anything
    /// that could drive a terminal, reorder or hide text, or break a document (see
    /// [`crate::sanitize::is_unsafe`]). Catalogue text that passes reaches every output as it
    /// is.
    fn check_text(&mut self, subject: Subject<'_, 't>, field: &str, text: &str) {
        // The embedded catalogue's text is checked by `cargo test` (load/embedded.rs).
        if !self.checked {
            return;
        }
        // Printable ASCII, the usual case, needs no decoding: it is blank when all spaces.
        let plain = printable_ascii(text);
        if (plain && text.bytes().all(|b| b == b' ')) || (!plain && text.trim().is_empty()) {
            self.problem(
                subject,
                format!("{} '{}' has an empty `{field}`", subject.kind, subject.id),
            );
            return;
        }
        if plain {
            return;
        }
        if let Some(c) = text.chars().find(|&c| crate::sanitize::is_unsafe(c)) {
            let hint = match c {
                '\n' | '\r' => "; write it on one line (a folded `>-` block joins lines)",
                _ => "; remove it",
            };
            self.problem(
                subject,
                format!(
                    "{} '{}' has U+{:04X} (a control, format or invisible character) in `{field}`{hint}",
                    subject.kind, subject.id, c as u32
                ),
            );
        }
    }

    /// A control id must be one of the NIST SP 800-53 controls srm ships. The embedded
    /// catalogue is checked by `cargo test`, so its load skips this.
    fn check_control(&mut self, subject: Subject<'_, 't>, id: &str) {
        if !self.checked {
            return;
        }
        let known = crate::controls::embedded()
            .find(id)
            .is_some_and(|c| c.id() == id);
        if !known && self.full() {
            self.skip();
        } else if !known {
            let hint = match crate::controls::embedded().find(id) {
                Some(c) => format!("write it as '{}'", c.id()),
                None => "see `srm controls --model MODEL` for the ids (such as 'ac-2' or 'ac-2.7')"
                    .to_string(),
            };
            let id = cut(id);
            let message = if subject.kind == "organisational control" {
                format!("unknown control '{id}' in `organisational`; {hint}")
            } else {
                format!(
                    "{} '{}' names unknown control '{id}' in `controls`; {hint}",
                    subject.kind, subject.id
                )
            };
            self.problem(subject, message);
        }
    }

    fn check_id(&mut self, subject: Subject<'_, 't>) -> bool {
        let id: &str = subject.id;
        if is_kebab(id) {
            return true;
        }
        let message = if id.is_empty() {
            format!("a {} has an empty id", subject.kind)
        } else {
            format!(
                "{} id '{}' is not lowercase-kebab (a-z, 0-9 and single dashes, e.g. 'ai-platform')",
                subject.kind,
                id.escape_debug()
            )
        };
        self.problem(subject, message);
        false
    }

    /// Records an id (`subject`'s, as kept) and its aliases, reporting clashes with anything
    /// registered before.
    fn register(
        &mut self,
        subject: Subject<'_, 't>,
        id: Text<'t>,
        aliases: &[Text<'t>],
        target: Target,
    ) {
        if self.check_id(subject) {
            self.insert(subject, id, target, "id");
        }
        for alias in aliases {
            self.check_text(subject, "aliases", alias);
            // The embedded catalogue's aliases are checked by `cargo test`.
            if self.checked
                && let Some((a, b)) = mixed_scripts(alias)
            {
                let alias = cut(alias);
                self.problem(
                    subject,
                    format!(
                        "{} '{}' has alias '{alias}', which mixes scripts (U+{:04X} is {:?}, U+{:04X} is {:?}); write each alias in one script",
                        subject.kind,
                        subject.id,
                        a as u32,
                        a.script(),
                        b as u32,
                        b.script()
                    ),
                );
                continue;
            }
            self.insert(subject, *alias, target, "alias");
        }
    }

    fn insert(&mut self, subject: Subject<'_, 't>, name: Text<'t>, target: Target, what: &str) {
        // A lowercase-kebab id (the only kind inserted) is its own normal form.
        let key = if what == "id" {
            name
        } else {
            normalize_text(name, self.arena)
        };
        if key.is_empty() {
            self.problem(
                subject,
                format!("{} '{}' has an empty {what}", subject.kind, subject.id),
            );
            return;
        }
        if let Err(previous) = self.index.insert(key, target) {
            if self.full() {
                return self.skip();
            }
            let (pkind, pid) = self.describe(previous);
            let name = cut(&name);
            let message = if what == "id" {
                format!(
                    "duplicate id '{name}': {pkind} '{pid}' already uses it; ids and aliases must be unique across models, layers, parts and services"
                )
            } else {
                format!(
                    "{} '{}' has alias '{name}', which {pkind} '{pid}' already uses; ids and aliases must be unique across models, layers, parts and services",
                    subject.kind, subject.id
                )
            };
            self.problem(subject, message);
        }
    }

    /// The kind and id of something registered before: a built model or layer, or the layer
    /// being built and its parts so far.
    /// Its id is given as messages quote it ([`cut`]), never copied whole.
    fn describe(&self, target: Target) -> (&'static str, String) {
        let built = |l: LayerId| self.layers.get(l.index());
        let current = self.current.as_ref();
        let quoted = |id: &str| cut(id).into_owned();
        match target {
            Target::Model(m) => (
                "model",
                self.model_ids
                    .get(m.index())
                    .map(|id| quoted(id))
                    .unwrap_or_default(),
            ),
            Target::Layer(l) => (
                "layer",
                built(l)
                    .map(|layer| quoted(layer.id()))
                    .or_else(|| current.map(|(id, _)| quoted(id)))
                    .unwrap_or_default(),
            ),
            Target::Service(s) => (
                "service",
                self.service_ids
                    .get(s.index())
                    .map(|id| quoted(id))
                    .unwrap_or_default(),
            ),
            Target::Part(r) => (
                "part",
                built(r.layer())
                    .and_then(|layer| layer.rows().get(r.index()))
                    .or_else(|| current.and_then(|(_, parts)| parts.get(r.index())))
                    .map(|row| quoted(row.id()))
                    .unwrap_or_default(),
            ),
        }
    }

    /// Whether no more problems are kept: a caller may then skip composing its message.
    fn full(&self) -> bool {
        self.problems.len() >= MAX_PROBLEMS
    }

    /// Counts a problem that is not kept.
    fn skip(&mut self) {
        self.omitted += 1;
    }

    fn push(&mut self, problem: Problem) {
        if self.full() {
            self.skip();
        } else {
            self.problems.push(problem);
        }
    }

    /// A problem about `subject`, placed at its id: by line and column where the parser
    /// recorded them, else by where the id's text stands in the file (see [`Problem`]).
    fn problem(&mut self, subject: Subject<'_, 't>, message: String) {
        let mut problem = Problem::new(message).at(subject.id.at);
        if subject.id.at.is_none()
            && let Some(text) = subject.id.text.lent()
        {
            problem.address = Some(text.as_ptr() as usize);
        }
        self.push(problem);
    }
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD`, in the years 1900 to 2999.
pub(crate) fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = b.get(r)?;
        part.iter()
            .all(u8::is_ascii_digit)
            .then(|| part.iter().fold(0, |n, d| n * 10 + u32::from(d - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    // The years OSCAL's date-time takes.
    if !(1900..=2999).contains(&year) {
        return false;
    }
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// Two letters of `text` from different scripts, when it mixes them (as a look-alike such as a
/// Cyrillic `О` among Latin letters does); digits and punctuation belong to every script.
fn mixed_scripts(text: &str) -> Option<(char, char)> {
    // ASCII letters are all Latin, and the rest of ASCII belongs to every script: the usual
    // alias is one script without a table lookup per character.
    if text.is_ascii() || unicode_security::MixedScript::is_single_script(text) {
        return None;
    }
    let mut letters = text
        .chars()
        .filter(|c| !matches!(c.script(), Script::Common | Script::Inherited));
    let first = letters.next()?;
    let other = letters.find(|c| c.script() != first.script())?;
    Some((first, other))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_are_mixed_only_by_letters_of_two_scripts() {
        assert_eq!(mixed_scripts("net-2_controls (v1)"), None);
        assert_eq!(mixed_scripts("сеть"), None);
        assert_eq!(mixed_scripts("ネットワーク-2"), None);
        // A Cyrillic О among Latin letters, either way round.
        assert_eq!(mixed_scripts("nО"), Some(('n', 'О')));
        assert_eq!(mixed_scripts("Оn"), Some(('О', 'n')));
    }

    #[test]
    fn kebab_ids_only() {
        assert!(is_kebab("ai-platform"));
        assert!(is_kebab("on-prem"));
        for bad in ["", "OS", "a_b", "-a", "a-", "a--b", "a b", "é"] {
            assert!(!is_kebab(bad), "{bad}");
        }
    }
}
