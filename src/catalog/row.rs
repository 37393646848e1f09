//! The things a catalogue holds: sources, models, layers and the rows inside them.
//!
//! Their fields are private to the catalogue module (`pub(super)`): only its builder sets them,
//! a value of these types only comes out of a validated catalogue, and outside `catalog/` the
//! accessors are all there is to read. Text borrows from the catalogue's own text
//! wherever the file spells it plainly, so a large catalogue costs little beyond its text.

use super::stored::{Arena, List};
use super::{Derived, ModelId, Owner, SourceId, Text, derive_owner};

/// A published source of facts.
#[derive(Clone, Debug)]
pub struct Source<'t> {
    pub(super) id: Text<'t>,
    pub(super) title: Text<'t>,
    pub(super) url: Option<WebUrl<'t>>,
}

/// An absolute `http` or `https` URL, parsed with the `url` crate and kept in its serialised
/// form: whatever prints a link (Markdown, HTML, SVG) can rely on it being one, with no
/// `javascript:`, no spaces, no angle brackets and no quotes in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WebUrl<'t>(pub(super) Text<'t>);

impl<'t> WebUrl<'t> {
    /// The URL in its serialised form, kept in `arena`, or why it is not one a reader may
    /// follow.
    pub(crate) fn parse(text: &str, arena: &'t Arena) -> Result<WebUrl<'t>, String> {
        let url = url::Url::parse(text.trim()).map_err(|e| format!("is not a URL ({e})"))?;
        match url.scheme() {
            "http" | "https" => Ok(WebUrl(arena.text(url.as_str()))),
            other => Err(format!(
                "is a `{other}:` URL; only http and https links are kept"
            )),
        }
    }

    /// A URL checked before, already in its parsed form (the embedded catalogue's, which
    /// `cargo test` parses: load/embedded.rs).
    pub(crate) fn trusted(text: Text<'t>) -> WebUrl<'t> {
        WebUrl(text)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Source<'_> {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn title(&self) -> &str {
        &self.title
    }
    pub fn url(&self) -> Option<&str> {
        self.url.as_ref().map(WebUrl::as_str)
    }
}

/// A service model (a column of the matrix).
#[derive(Clone, Debug)]
pub struct Model<'t> {
    pub(super) id: Text<'t>,
    pub(super) name: Text<'t>,
    pub(super) aliases: List<'t, Text<'t>>,
    pub(super) description: Option<Text<'t>>,
}

impl<'t> Model<'t> {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn aliases(&self) -> &[Text<'t>] {
        self.aliases
    }
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
}

/// What each side does for a row when it holds it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Duties<'t> {
    pub(super) customer: List<'t, Text<'t>>,
    pub(super) provider: List<'t, Text<'t>>,
}

/// One line of the matrix: a layer's own row, or one of its parts.
///
/// Kept small, because a catalogue may hold a hundred thousand of them: what every row has
/// (id, name, owners, notes, source) is inline; aliases, a description and duties, which many
/// rows have, are behind one pointer (`RowMore`), and what few rows have behind a second.
#[derive(Clone, Debug)]
pub struct Row<'t> {
    pub(super) id: Text<'t>,
    pub(super) name: Text<'t>,
    /// One owner per model, in the order of [`super::Catalog::models`].
    pub(super) owners: Owners<'t>,
    /// The notes given, by model, sorted by model: most rows have none or one.
    pub(super) notes: List<'t, (ModelId, Text<'t>)>,
    pub(super) source: SourceId,
    pub(super) more: Option<&'t RowMore<'t>>,
}

/// A row's owners, one per model. Up to 32 models (every real catalogue) they are packed two
/// bits each into one word, with no allocation of their own; beyond, they are a list in the
/// catalogue's arena.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Owners<'t> {
    Packed { bits: u64, len: u8 },
    Wide(List<'t, Owner>),
}

impl<'t> Owners<'t> {
    pub(crate) fn new(owners: &[Owner], arena: &'t Arena) -> Owners<'t> {
        if owners.len() > 32 {
            return Owners::Wide(arena.copy(owners));
        }
        let bits = owners
            .iter()
            .enumerate()
            .fold(0u64, |bits, (m, &o)| bits | (code(o) << (2 * m)));
        Owners::Packed {
            bits,
            len: owners.len() as u8,
        }
    }

    pub(crate) fn len(&self) -> usize {
        match self {
            Owners::Packed { len, .. } => usize::from(*len),
            Owners::Wide(list) => list.len(),
        }
    }

    pub(crate) fn get(&self, m: usize) -> Owner {
        match self {
            Owners::Packed { bits, .. } => decode((bits >> (2 * m)) & 3),
            Owners::Wide(list) => list[m],
        }
    }
}

fn code(owner: Owner) -> u64 {
    match owner {
        Owner::Customer => 0,
        Owner::Provider => 1,
        Owner::Shared => 2,
        Owner::Depends => 3,
    }
}

fn decode(bits: u64) -> Owner {
    match bits {
        0 => Owner::Customer,
        1 => Owner::Provider,
        2 => Owner::Shared,
        _ => Owner::Depends,
    }
}

/// The parts of a row that many rows do without.
#[derive(Clone, Debug, Default)]
pub(crate) struct RowMore<'t> {
    pub(super) aliases: List<'t, Text<'t>>,
    pub(super) description: Option<Text<'t>>,
    pub(super) duties: Duties<'t>,
    pub(super) rare: Option<&'t RowRare<'t>>,
}

/// The parts of a row that most rows do without: behind a pointer of their own, so that a row
/// with aliases, a description and duties (a generated catalogue's every row) does not carry
/// room for them.
#[derive(Clone, Debug, Default)]
pub(crate) struct RowRare<'t> {
    /// Words people search for that the row's text does not say (`srm find`).
    pub(super) keywords: List<'t, Text<'t>>,
    /// A note on the row as a whole (e.g. where sources disagree).
    pub(super) remark: Option<Text<'t>>,
    /// By model, sorted: what stays the customer's under that model whoever holds the row.
    pub(super) caveats: List<'t, (ModelId, List<'t, Text<'t>>)>,
    pub(super) see_also: List<'t, SourceId>,
    /// The controls the row bears on, with why.
    pub(super) controls: List<'t, ControlLink<'t>>,
}

/// Controls a row bears on, and why.
#[derive(Clone, Debug)]
pub struct ControlLink<'t> {
    pub(super) ids: List<'t, Text<'t>>,
    pub(super) why: Text<'t>,
    pub(super) principle: Option<u8>,
    /// Under a model where the row is shared, the side (customer or provider) the controls
    /// concern.
    pub(super) when_shared: Option<Owner>,
}

impl<'t> ControlLink<'t> {
    pub fn ids(&self) -> &[Text<'t>] {
        self.ids
    }
    pub fn why(&self) -> &str {
        &self.why
    }
    /// The principle of data/CONTROLS.md the entry applies, when it says.
    pub fn principle(&self) -> Option<u8> {
        self.principle
    }
    /// Whether the entry concerns the customer's half of the row where it is shared.
    pub fn customer_half(&self) -> bool {
        self.when_shared == Some(Owner::Customer)
    }
    /// The owner of these controls where the row's owner is `row_owner`: the side the entry
    /// names where the row is shared, else the row's owner.
    pub fn owner(&self, row_owner: Owner) -> Owner {
        match self.when_shared {
            Some(side) if row_owner == Owner::Shared => side,
            _ => row_owner,
        }
    }
}

impl RowMore<'_> {
    pub(crate) fn is_empty(&self) -> bool {
        self.aliases.is_empty()
            && self.description.is_none()
            && self.duties.customer.is_empty()
            && self.duties.provider.is_empty()
            && self.rare.is_none()
    }
}

impl RowRare<'_> {
    pub(crate) fn is_empty(&self) -> bool {
        self.keywords.is_empty()
            && self.remark.is_none()
            && self.caveats.is_empty()
            && self.see_also.is_empty()
            && self.controls.is_empty()
    }
}

impl<'t> Row<'t> {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn owner(&self, model: ModelId) -> Owner {
        self.owners.get(model.index())
    }
    /// The owner under each model, in model order.
    pub fn owners(&self) -> impl Iterator<Item = Owner> + '_ {
        (0..self.owners.len()).map(|m| self.owners.get(m))
    }
    pub fn note(&self, model: ModelId) -> Option<&str> {
        self.notes
            .binary_search_by_key(&model, |(m, _)| *m)
            .ok()
            .map(|i| &*self.notes[i].1)
    }
    pub fn aliases(&self) -> &[Text<'t>] {
        self.more.as_ref().map_or(&[], |m| m.aliases)
    }
    pub fn keywords(&self) -> &[Text<'t>] {
        self.rare().map_or(&[], |r| r.keywords)
    }
    /// The controls the row bears on, with why.
    pub fn controls(&self) -> &[ControlLink<'t>] {
        self.rare().map_or(&[], |r| r.controls)
    }
    /// Every note the row has, in model order.
    pub fn notes(&self) -> impl Iterator<Item = &str> + '_ {
        self.notes.iter().map(|(_, n)| &**n)
    }
    pub fn description(&self) -> Option<&str> {
        self.more.as_ref().and_then(|m| m.description.as_deref())
    }
    pub fn remark(&self) -> Option<&str> {
        self.rare().and_then(|r| r.remark.as_deref())
    }
    pub fn customer_duties(&self) -> &[Text<'t>] {
        self.more.as_ref().map_or(&[], |m| m.duties.customer)
    }
    /// What stays the customer's under `model`, whoever holds the row there.
    pub fn caveats(&self, model: ModelId) -> &[Text<'t>] {
        let Some(rare) = self.rare() else { return &[] };
        rare.caveats
            .binary_search_by_key(&model, |(m, _)| *m)
            .map_or(&[], |i| rare.caveats[i].1)
    }
    pub fn provider_duties(&self) -> &[Text<'t>] {
        self.more.as_ref().map_or(&[], |m| m.duties.provider)
    }
    /// The source of the row's owners.
    pub fn source(&self) -> SourceId {
        self.source
    }
    /// Source ids: the main one first, then the others.
    pub fn sources(&self) -> impl Iterator<Item = SourceId> + '_ {
        let more = self.rare().map_or(&[][..], |r| r.see_also);
        std::iter::once(self.source).chain(more.iter().copied())
    }
    fn rare(&self) -> Option<&'t RowRare<'t>> {
        self.more.and_then(|m| m.rare)
    }

    /// Whether the customer owns this row under every model.
    pub fn always_customer(&self) -> bool {
        self.owners().all(|o| o == Owner::Customer)
    }
}

/// A layer holds either one row of its own or a list of parts.
#[derive(Clone, Debug)]
pub(crate) enum Body<'t> {
    Own(&'t Row<'t>),
    Parts(List<'t, Row<'t>>),
}

/// A layer of the stack (a line of the matrix, possibly made of parts).
#[derive(Clone, Debug)]
pub struct Layer<'t> {
    pub(super) id: Text<'t>,
    pub(super) name: Text<'t>,
    pub(super) aliases: List<'t, Text<'t>>,
    pub(super) description: Option<Text<'t>>,
    /// One of the AI layers (`scope: ai` in the file), which `--scope` selects or leaves out.
    pub(super) ai: bool,
    pub(super) body: Body<'t>,
}

impl<'t> Layer<'t> {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn aliases(&self) -> &[Text<'t>] {
        self.aliases
    }
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    pub fn is_ai(&self) -> bool {
        self.ai
    }

    /// The rows behind this layer: its own row, or its parts.
    pub fn rows(&self) -> &[Row<'t>] {
        match &self.body {
            Body::Own(row) => std::slice::from_ref(*row),
            Body::Parts(parts) => parts,
        }
    }

    /// The parts of this layer (empty when it has a row of its own).
    pub fn parts(&self) -> &[Row<'t>] {
        match &self.body {
            Body::Own(_) => &[],
            Body::Parts(parts) => parts,
        }
    }

    /// The layer's own row; `None` for a layer made of parts.
    pub fn own_row(&self) -> Option<&Row<'t>> {
        match &self.body {
            Body::Own(row) => Some(row),
            Body::Parts(_) => None,
        }
    }

    /// The layer's owner under a model, derived from its rows: the rows' common owner if they
    /// all agree, otherwise `split`.
    pub fn owner(&self, model: ModelId) -> Derived {
        derive_owner(self.rows().iter().map(|row| row.owner(model)))
    }

    /// The note of the layer's own row under a model; a layer of parts has none of its own.
    pub fn note(&self, model: ModelId) -> Option<&str> {
        self.own_row().and_then(|row| row.note(model))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_http_and_https_urls_are_kept() {
        let arena = Arena::new();
        let ok = WebUrl::parse("https://learn.microsoft.com/a b", &arena).unwrap();
        assert_eq!(ok.as_str(), "https://learn.microsoft.com/a%20b");
        for bad in [
            "javascript:alert%28document.domain%29",
            "<x> <script>onerror=alert;throw/XSS/</script>",
            "data:text/html,hi",
            "file:///etc/passwd",
            "not a url",
        ] {
            assert!(WebUrl::parse(bad, &arena).is_err(), "{bad}");
        }
    }

    #[test]
    fn owners_read_back_as_given_packed_or_wide() {
        for n in [0, 1, 4, 32, 33, 100] {
            let given: Vec<Owner> = (0..n).map(|i| Owner::ALL[(i * 7) % 4]).collect();
            let arena = Arena::new();
            let owners = Owners::new(&given, &arena);
            assert_eq!(matches!(owners, Owners::Wide(_)), n > 32);
            let back: Vec<Owner> = (0..owners.len()).map(|m| owners.get(m)).collect();
            assert_eq!(back, given, "{n} models");
        }
    }
}
