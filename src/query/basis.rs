//! What a control of `srm controls` rests on, as its answer holds it: the rows behind the
//! owner, their sources and the two sides' duties. These are lists a table never shows, so
//! the answer keeps only where to find them (a shared list of the rows that list each
//! control, and a range of it) and builds each list when it is read or serialised. A control
//! list of a baseline is then a few hundred small records, not a few thousand lists.

use std::ops::Range;
use std::rc::Rc;

use serde::ser::{Serialize, SerializeSeq, Serializer};

use super::{ControlBasisRow, Distinct};
use crate::catalog::{Catalog, Column, ControlLink, Layer, Row, SourceId};

/// A row that lists a control: its layer, the row, and the entry that lists it.
pub(crate) type Listing<'c, 't> = (&'c Layer<'t>, &'c Row<'t>, &'c ControlLink<'t>);

/// What every control of one answer reads its rows from: the catalogue, the column, and the
/// rows that list the controls, each control's together.
pub(crate) struct Listings<'a> {
    pub(crate) cat: &'a Catalog<'a>,
    pub(crate) m: Column,
    pub(crate) all: Rc<[Listing<'a, 'a>]>,
}

/// The rows behind one control's owner under one column: a range of the rows that list the
/// controls, shared by every control of the answer. Serialises as the list of
/// [`ControlBasisRow`]s.
#[derive(Clone)]
pub struct BasisRows<'a> {
    shared: Rc<Listings<'a>>,
    at: Range<u32>,
}

impl<'a> BasisRows<'a> {
    pub(crate) fn new(shared: Rc<Listings<'a>>, at: Range<u32>) -> BasisRows<'a> {
        BasisRows { shared, at }
    }

    pub(crate) fn listings(&self) -> &[Listing<'a, 'a>] {
        self.shared
            .all
            .get(self.at.start as usize..self.at.end as usize)
            .unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.listings().len()
    }

    pub fn is_empty(&self) -> bool {
        self.listings().is_empty()
    }

    /// Each row behind the owner, in the order the catalogue gives them.
    pub fn iter(&self) -> impl Iterator<Item = ControlBasisRow<'a>> + '_ {
        let (cat, m) = (self.shared.cat, self.shared.m);
        self.listings()
            .iter()
            .map(move |&(layer, row, link)| ControlBasisRow {
                id: row.id(),
                layer: layer.id(),
                name: row.name(),
                owner: link.owner(cat.owner(row, m)),
                note: cat.note(row, m),
                why: link.why(),
                principle: link.principle(),
                sources: RowSources { cat, row, m },
            })
    }

    /// What the provider covers (`Side::Provider`: the provider duties of the rows it holds
    /// or shares) or what the customer must do (`Side::Customer`), each duty once.
    fn duties(&self, side: Side) -> Vec<&'a str> {
        let (cat, m) = (self.shared.cat, self.shared.m);
        let listings = self.listings();
        let room: usize = listings
            .iter()
            .map(|(_, row, _)| match side {
                Side::Provider => row.provider_duties().len(),
                Side::Customer => row.customer_duties().len(),
            })
            .sum();
        let mut duties = Distinct::with_capacity(room);
        for &(_, row, link) in listings {
            match side {
                Side::Provider if link.owner(cat.owner(row, m)).involves_provider() => {
                    duties.extend(row.provider_duties().iter().map(|d| &**d));
                }
                Side::Provider => {}
                Side::Customer => duties.extend(super::customer_duties(cat, row, m)),
            }
        }
        duties.items
    }
}

impl std::fmt::Debug for BasisRows<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for BasisRows<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for row in self.iter() {
            seq.serialize_element(&row)?;
        }
        seq.end()
    }
}

#[derive(Clone, Copy, Debug)]
enum Side {
    Provider,
    Customer,
}

/// One side's duties for a control: built from its rows when read. Serialises as the list of
/// duties.
#[derive(Clone)]
pub struct Duties<'a> {
    rows: BasisRows<'a>,
    side: Side,
}

impl<'a> Duties<'a> {
    pub(crate) fn provider(rows: BasisRows<'a>) -> Duties<'a> {
        Duties {
            rows,
            side: Side::Provider,
        }
    }

    pub(crate) fn customer(rows: BasisRows<'a>) -> Duties<'a> {
        Duties {
            rows,
            side: Side::Customer,
        }
    }

    /// The duties, each once, in the order of the rows and of each row's list.
    pub fn list(&self) -> Vec<&'a str> {
        self.rows.duties(self.side)
    }
}

impl std::fmt::Debug for Duties<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.list()).finish()
    }
}

impl Serialize for Duties<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.list().serialize(serializer)
    }
}

/// The ids of the sources a row's owner under a column rests on: an override's own source; a
/// service's base-model source and the row's main one; or, under a model, the row's sources.
/// In that order, and as the catalogue gives them (a row's further reading may repeat one).
pub(crate) fn row_source_ids<'a>(
    cat: &'a Catalog<'_>,
    row: &'a Row<'_>,
    m: Column,
) -> impl Iterator<Item = SourceId> + 'a {
    let over = cat.override_of(row, m).map(|o| o.source());
    let service = match over {
        Some(_) => None,
        None => cat.service_of(m).map(|(s, _)| s.source()),
    };
    let plain = over.is_none() && service.is_none();
    over.into_iter()
        .chain(service.into_iter().flat_map(move |s| [s, row.source()]))
        .chain(plain.then(|| row.sources()).into_iter().flatten())
}

/// The sources a row behind a control rests on under the column, each once. Serialises as
/// the list of their ids.
#[derive(Clone, Copy)]
pub struct RowSources<'a> {
    cat: &'a Catalog<'a>,
    row: &'a Row<'a>,
    m: Column,
}

impl<'a> RowSources<'a> {
    /// The source ids, each once, in first-cited order.
    pub fn list(&self) -> Vec<&'a str> {
        let mut ids = Distinct::default();
        ids.extend(row_source_ids(self.cat, self.row, self.m));
        ids.items
            .into_iter()
            .map(|i| self.cat.source(i).id())
            .collect()
    }
}

impl std::fmt::Debug for RowSources<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.list()).finish()
    }
}

impl Serialize for RowSources<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.list().serialize(serializer)
    }
}

/// Source ids seen, each once in first-seen order, with one flag per source of the catalogue
/// (so each look is one load, whatever the count).
pub(crate) struct SourceSet {
    pub(crate) items: Vec<SourceId>,
    seen: Vec<bool>,
}

impl SourceSet {
    pub(crate) fn new(cat: &Catalog<'_>) -> SourceSet {
        SourceSet {
            items: Vec::new(),
            seen: vec![false; cat.sources().len()],
        }
    }

    pub(crate) fn extend(&mut self, ids: impl IntoIterator<Item = SourceId>) {
        for id in ids {
            if let Some(seen) = self.seen.get_mut(id.index())
                && !*seen
            {
                *seen = true;
                self.items.push(id);
            }
        }
    }
}
