//! From a parsed [`CatalogFile`] to a [`Catalog`] whose every value can be trusted.
//!
//! Validation collects every problem rather than stopping at the first, so that
//! `srm catalog validate` can list them all. Each check costs time linear in what it looks at:
//! every lookup by id goes through a hash map, and every list quoted in a message is cut short.
//! Problems are placed at the id of what they concern, from the place the parser recorded.

use std::collections::HashMap;

use crate::catalog::file::{CatalogFile, LayerFile, Located, ModelMap, RowFile};
use crate::catalog::{Body, Catalog, Duties, Layer, Model, Owner, Row, Source, Target, normalize};

use super::error::{Problem, quote_list};

/// Validates a parsed file: the catalogue, or every problem found.
pub(crate) fn build(file: CatalogFile) -> Result<Catalog, Vec<Problem>> {
    let mut builder = Builder::default();
    let catalog = builder.build(file);
    if builder.problems.is_empty() {
        Ok(catalog)
    } else {
        // Problems without a place (a missing list) come last; the sort is stable.
        builder
            .problems
            .sort_by_key(|p| (p.line.unwrap_or(usize::MAX), p.column.unwrap_or(0)));
        Err(builder.problems)
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

#[derive(Default)]
struct Builder {
    problems: Vec<Problem>,
    /// Normalised ids and aliases of models, layers and parts → what they name.
    index: HashMap<String, Target>,
    /// Source id → index.
    sources: HashMap<String, usize>,
    /// Source ids in declaration order, for messages.
    source_ids: Vec<String>,
    /// Model id → index.
    model_index: HashMap<String, usize>,
    /// Model ids in declaration order.
    models: Vec<String>,
    /// The id of each registered model, layer and part, for messages about clashes.
    ids: HashMap<Target, String>,
}

/// What a problem is about: the kind of thing and its id, with the id's place.
#[derive(Clone, Copy)]
struct Subject<'a> {
    kind: &'static str,
    id: &'a Located,
}

impl Builder {
    fn build(&mut self, file: CatalogFile) -> Catalog {
        let sources = file
            .sources
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let subject = Subject {
                    kind: "source",
                    id: &s.id,
                };
                self.check_id(subject);
                self.check_text(subject, "title", &s.title);
                if let Some(url) = &s.url {
                    self.check_text(subject, "url", url);
                }
                if self.sources.insert(s.id.text.clone(), i).is_some() {
                    self.problem(subject, format!("duplicate source id '{}'", s.id));
                } else {
                    self.source_ids.push(s.id.text.clone());
                }
                Source {
                    id: s.id.text,
                    title: s.title,
                    url: s.url,
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
                let subject = Subject {
                    kind: "model",
                    id: &m.id,
                };
                self.register(subject, &m.aliases, Target::Model(i));
                self.check_texts(subject, &m.name, m.description.as_deref(), None);
                self.model_index.entry(m.id.text.clone()).or_insert(i);
                self.models.push(m.id.text.clone());
                Model {
                    id: m.id.text,
                    name: m.name,
                    aliases: m.aliases,
                    description: m.description,
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
        let subject = Subject {
            kind: "layer",
            id: &l.id,
        };
        self.register(subject, &l.aliases, Target::Layer(li));
        self.check_texts(
            subject,
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
                    self.problem(
                        subject,
                        format!(
                            "layer '{}' has both cells of its own (owners, notes, duties, source, see_also) and parts; keep one",
                            l.id
                        ),
                    );
                }
                if parts.is_empty() {
                    self.problem(
                        subject,
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
                    self.problem(
                        subject,
                        format!(
                            "layer '{}' has neither `owners` nor `parts`; give it one of them",
                            l.id
                        ),
                    );
                }
                if l.source.is_none() {
                    self.problem(
                        subject,
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
                    // A missing source was reported above; an empty id cites nothing twice.
                    source: l.source.unwrap_or_default(),
                    see_also: l.see_also,
                };
                Body::Own(Box::new(self.row("layer", row)))
            }
        };
        Layer {
            id: l.id.text,
            name: l.name,
            aliases: l.aliases,
            description: l.description,
            body,
        }
    }

    fn part(&mut self, li: usize, ri: usize, p: RowFile) -> Row {
        let subject = Subject {
            kind: "part",
            id: &p.id,
        };
        self.register(subject, &p.aliases, Target::Part(li, ri));
        self.check_texts(
            subject,
            &p.name,
            p.description.as_deref(),
            p.remark.as_deref(),
        );
        self.row("part", p)
    }

    /// Aligns a row's owners and notes with the declared models and resolves its sources.
    fn row(&mut self, kind: &'static str, r: RowFile) -> Row {
        let subject = Subject { kind, id: &r.id };
        let ModelMap(owner_entries) = r.owners;
        let ModelMap(note_entries) = r.notes;
        let n = self.models.len();
        let mut owners: Vec<Option<Owner>> = vec![None; n];
        // Notes stay an empty list for the many rows that have none.
        let mut notes: Vec<Option<String>> = Vec::new();
        for (key, owner) in owner_entries {
            if let Some(m) = self.model_slot(subject, "owners", &key) {
                if owners[m].replace(owner).is_some() {
                    self.duplicate_key(subject, "owners", &key);
                }
            }
        }
        for (key, note) in note_entries {
            if let Some(m) = self.model_slot(subject, "notes", &key) {
                self.check_text(subject, "notes", &note);
                if notes.is_empty() {
                    notes.resize(n, None);
                }
                if notes[m].replace(note).is_some() {
                    self.duplicate_key(subject, "notes", &key);
                }
            }
        }
        for duty in r.duties.customer.iter().chain(&r.duties.provider) {
            self.check_text(subject, "duties", duty);
        }
        let mut missing = Vec::new();
        let mut missing_count = 0;
        for (m, owner) in owners.iter().enumerate() {
            match owner {
                None => {
                    missing_count += 1;
                    if missing.len() < 10 {
                        missing.push(self.models[m].as_str());
                    }
                }
                Some(Owner::Depends)
                    if notes
                        .get(m)
                        .and_then(Option::as_deref)
                        .is_none_or(|n| n.trim().is_empty()) =>
                {
                    let model = &self.models[m];
                    self.problems.push(Problem::new(format!(
                        "{kind} '{}' is `depends` under '{model}' but has no note saying on what; add notes: {{{model}: ...}}",
                        r.id
                    )).at(r.id.at));
                }
                Some(_) => {}
            }
        }
        if missing_count > 0 {
            let mut names = quote_list(&missing);
            if missing_count > missing.len() {
                names.push_str(&format!(" and {} more", missing_count - missing.len()));
            }
            let message = format!(
                "{kind} '{}' has no owner for model{} {names}; every row needs one per model",
                r.id,
                if missing_count == 1 { "" } else { "s" },
            );
            self.problem(subject, message);
        }
        // A row with a missing owner makes the whole catalogue invalid and it is never
        // handed out, so it keeps no cells (a hostile file cannot make models × rows of them).
        let owners: Vec<Owner> = if missing_count > 0 {
            Vec::new()
        } else {
            owners.into_iter().flatten().collect()
        };
        let source = self.source_index(subject, "source", &r.source);
        let see_also = r
            .see_also
            .iter()
            .map(|s| self.source_index(subject, "see_also", s))
            .collect();
        Row {
            id: r.id.text,
            name: r.name,
            aliases: r.aliases,
            description: r.description,
            remark: r.remark,
            owners,
            notes,
            duties: Duties {
                customer: r.duties.customer,
                provider: r.duties.provider,
            },
            source,
            see_also,
        }
    }

    /// The index of the model a `field` key names, reporting a key that names none.
    fn model_slot(&mut self, subject: Subject, field: &str, key: &str) -> Option<usize> {
        if let Some(&m) = self.model_index.get(key) {
            return Some(m);
        }
        let declared = if self.models.is_empty() {
            "the catalogue declares no `models`".to_string()
        } else {
            format!("declared models: {}", quote_list(&self.models))
        };
        let message = format!(
            "{} '{}' names unknown model '{key}' in `{field}`; {declared}",
            subject.kind, subject.id
        );
        self.problem(subject, message);
        None
    }

    fn duplicate_key(&mut self, subject: Subject, field: &str, key: &str) {
        self.problem(
            subject,
            format!(
                "{} '{}' has duplicate key '{key}' in `{field}`; give each model once",
                subject.kind, subject.id
            ),
        );
    }

    fn source_index(&mut self, subject: Subject, field: &str, source: &str) -> usize {
        if let Some(&i) = self.sources.get(source) {
            return i;
        }
        let hint = if self.source_ids.is_empty() {
            "the catalogue declares no `sources`".to_string()
        } else {
            format!("declared sources: {}", quote_list(&self.source_ids))
        };
        let message = format!(
            "{} '{}' cites undeclared source '{source}' in `{field}`; {hint}",
            subject.kind, subject.id
        );
        self.problem(subject, message);
        0
    }

    fn check_texts(
        &mut self,
        subject: Subject,
        name: &str,
        description: Option<&str>,
        remark: Option<&str>,
    ) {
        if name.trim().is_empty() {
            self.problem(
                subject,
                format!("{} '{}' has an empty `name`", subject.kind, subject.id),
            );
        }
        self.check_text(subject, "name", name);
        if let Some(d) = description {
            self.check_text(subject, "description", d);
        }
        if let Some(r) = remark {
            self.check_text(subject, "remark", r);
        }
    }

    /// Text must not carry terminal controls: output escapes them anyway, but a catalogue that
    /// holds them is broken or hostile, and saying so beats printing `\u{1b}` to every reader.
    fn check_text(&mut self, subject: Subject, field: &str, text: &str) {
        // Printable ASCII, the usual case, needs no decoding.
        if text.bytes().all(|b| (b' '..=b'~').contains(&b)) {
            return;
        }
        if let Some(c) = text
            .chars()
            .find(|&c| c != '\n' && c != '\t' && crate::sanitize::is_unsafe(c))
        {
            self.problem(
                subject,
                format!(
                    "{} '{}' has a control character (U+{:04X}) in `{field}`; remove it",
                    subject.kind, subject.id, c as u32
                ),
            );
        }
    }

    fn check_id(&mut self, subject: Subject) -> bool {
        let id = subject.id.text.as_str();
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

    /// Records an id and its aliases, reporting clashes with anything registered before.
    fn register(&mut self, subject: Subject, aliases: &[String], target: Target) {
        self.ids
            .entry(target)
            .or_insert_with(|| subject.id.text.clone());
        if self.check_id(subject) {
            self.insert(subject, &subject.id.text, target, "id");
        }
        for alias in aliases {
            self.check_text(subject, "aliases", alias);
            self.insert(subject, alias, target, "alias");
        }
    }

    fn insert(&mut self, subject: Subject, name: &str, target: Target, what: &str) {
        let key = normalize(name).into_owned();
        if key.is_empty() {
            self.problem(
                subject,
                format!("{} '{}' has an empty {what}", subject.kind, subject.id),
            );
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
                    "{} '{}' has alias '{name}', which {pkind} '{pid}' already uses; ids and aliases must be unique across models, layers and parts",
                    subject.kind, subject.id
                )
            };
            self.problem(subject, message);
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

    fn problem(&mut self, subject: Subject, message: String) {
        self.problems.push(Problem::new(message).at(subject.id.at));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kebab_ids_only() {
        assert!(is_kebab("ai-platform"));
        assert!(is_kebab("on-prem"));
        for bad in ["", "OS", "a_b", "-a", "a-", "a--b", "a b", "é"] {
            assert!(!is_kebab(bad), "{bad}");
        }
    }
}
