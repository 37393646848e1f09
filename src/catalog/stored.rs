//! How a catalogue holds what it holds: its texts, lists and boxes are borrowed, from the file's
//! text and from an [`Arena`] the loader fills, or, for the embedded catalogue, from static data
//! that `embedded.rs` holds, written ahead of time, so that nothing is parsed or built when srm
//! starts (see `Catalog::embedded_lean`). The id index is a hash map when loaded and a sorted
//! static list when embedded.

use std::ops::Deref;

use std::hash::BuildHasher;

use super::{Target, Text};

/// A list of the catalogue's: in its arena when loaded, in static data when embedded.
pub(crate) type List<'t, T> = &'t [T];

/// Where a loaded catalogue keeps its lists, its rows' rarer parts and any text the file does not
/// spell as it is kept (escaped or folded text, normalised keys): one growing region, so a
/// list costs its items and no allocation of its own, and none is freed one by one.
///
/// What goes in is never dropped, so only values that own nothing go in (every `alloc` checks
/// [`std::mem::needs_drop`] at compile time); dropping the arena frees the region.
#[derive(Default)]
pub struct Arena(bumpalo::Bump);

impl std::fmt::Debug for Arena {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Arena({} bytes)", self.0.allocated_bytes())
    }
}

impl Arena {
    pub fn new() -> Arena {
        Arena::default()
    }

    /// A copy of `text`, kept as long as the arena.
    pub(crate) fn text(&self, text: &str) -> Text<'_> {
        Text::lent(self.0.alloc_str(text))
    }

    /// The items, moved into the arena (an empty list takes no room).
    pub(crate) fn list<T>(&self, items: impl ExactSizeIterator<Item = T>) -> &[T] {
        const { assert!(!std::mem::needs_drop::<T>()) };
        if items.len() == 0 {
            return &[];
        }
        self.0.alloc_slice_fill_iter(items)
    }

    /// A copy of `items`.
    pub(crate) fn copy<T: Copy>(&self, items: &[T]) -> &[T] {
        if items.is_empty() {
            return &[];
        }
        self.0.alloc_slice_copy(items)
    }

    /// `value`, moved into the arena.
    pub(crate) fn one<T>(&self, value: T) -> &T {
        const { assert!(!std::mem::needs_drop::<T>()) };
        self.0.alloc(value)
    }
}

/// A value behind a pointer (a catalogue, its layers): boxed when loaded, lent by static data
/// when embedded.
#[derive(Debug)]
pub(crate) enum Boxed<'t, T: ?Sized> {
    Lent(&'t T),
    Owned(Box<T>),
}

impl<T: ?Sized> Deref for Boxed<'_, T> {
    type Target = T;
    fn deref(&self) -> &T {
        match self {
            Boxed::Lent(value) => value,
            Boxed::Owned(value) => value,
        }
    }
}

impl<T: Clone> Clone for Boxed<'_, T> {
    fn clone(&self) -> Self {
        match self {
            Boxed::Lent(value) => Boxed::Lent(value),
            Boxed::Owned(value) => Boxed::Owned(value.clone()),
        }
    }
}

impl<T> From<T> for Boxed<'_, T> {
    fn from(value: T) -> Self {
        Boxed::Owned(Box::new(value))
    }
}

/// Normalised id or alias → what it names: [`Keys`] when loaded; for the embedded catalogue a
/// static list sorted by key, searched by halves.
#[derive(Debug)]
pub(crate) enum Index<'t> {
    Map(Keys<'t>),
    Sorted(&'t [(&'t str, Target)]),
}

impl Index<'_> {
    pub(crate) fn get(&self, key: &str) -> Option<Target> {
        match self {
            Index::Map(keys) => keys.get(key),
            Index::Sorted(list) => list
                .binary_search_by(|(k, _)| (*k).cmp(key))
                .ok()
                .map(|i| list[i].1),
        }
    }

    pub(crate) fn contains(&self, key: &str) -> bool {
        self.get(key).is_some()
    }

    /// Every key with what it names, in no particular order.
    pub(crate) fn iter(&self) -> Box<dyn Iterator<Item = (&str, Target)> + '_> {
        match self {
            Index::Map(keys) => {
                let entries = keys.entries.iter().flatten();
                Box::new(entries.map(|(k, t)| (k.as_str(), t.target())))
            }
            Index::Sorted(list) => Box::new(list.iter().map(|&(k, t)| (k, t))),
        }
    }
}

/// A loaded catalogue's keys: each key with what it names, in the order they were given, and
/// a hash table of their places (four bytes and a control byte a slot). A lookup or an insert
/// probes the small table and reads an entry only where a hash matches, so a large index costs a
/// few bytes a key where it is searched. The entries are kept in blocks of [`BLOCK`]: the first
/// grows as keys come, and past it a full block stays where it is and a new one is added, so a
/// large index is not copied as it grows (a list that doubles holds both copies as it moves).
pub(crate) struct Keys<'t> {
    entries: Vec<Vec<(Text<'t>, Packed)>>,
    len: usize,
    table: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

impl std::fmt::Debug for Keys<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.entries.iter().flatten().map(|(k, t)| (k, t.target())))
            .finish()
    }
}

impl<'t> Keys<'t> {
    /// Room for `n` keys before the table grows.
    pub(crate) fn with_capacity(n: usize) -> Keys<'t> {
        Keys {
            entries: Vec::new(),
            len: 0,
            table: hashbrown::HashTable::with_capacity(n),
            hasher: foldhash::fast::RandomState::default(),
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<Target> {
        let hash = self.hasher.hash_one(key);
        let entries = &self.entries;
        self.table
            .find(hash, |&i| *entry(entries, i).0 == *key)
            .map(|&i| entry(entries, i).1.target())
    }

    /// Adds `key`, or gives what it already names and adds nothing.
    pub(crate) fn insert(&mut self, key: Text<'t>, target: Target) -> Result<(), Target> {
        let hash = self.hasher.hash_one(&*key);
        let entries = &self.entries;
        let hasher = &self.hasher;
        match self.table.entry(
            hash,
            |&i| entry(entries, i).0 == key,
            |&i| hasher.hash_one(&*entry(entries, i).0),
        ) {
            hashbrown::hash_table::Entry::Occupied(seen) => {
                Err(entry(entries, *seen.get()).1.target())
            }
            hashbrown::hash_table::Entry::Vacant(slot) => {
                // The file's item budget (`file::item_budget`) keeps the count far below
                // four thousand million.
                slot.insert(u32::try_from(self.len).unwrap_or(u32::MAX));
                if self.len.is_multiple_of(BLOCK) {
                    // The first block grows as keys come (most catalogues need no other).
                    let room = if self.len == 0 { 0 } else { BLOCK };
                    self.entries.push(Vec::with_capacity(room));
                }
                if let Some(block) = self.entries.last_mut() {
                    block.push((key, Packed::new(target)));
                }
                self.len += 1;
                Ok(())
            }
        }
    }
}

/// Keys a block of [`Keys`] holds: 384 KiB of entries.
const BLOCK: usize = 1 << 14;

/// The entry at place `i` of the blocks.
fn entry<'k, 't>(blocks: &'k [Vec<(Text<'t>, Packed)>], i: u32) -> &'k (Text<'t>, Packed) {
    let i = i as usize;
    &blocks[i / BLOCK][i % BLOCK]
}

/// A [`Target`] in eight bytes instead of twelve, as [`Keys`] keeps it: two bits say what it
/// names, the rest its ids; a part's layer and place take 31 bits each, far more than the file's
/// item budget (`file::item_budget`, one item per 32 bytes of at most 64 MiB) lets them reach.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Packed(u64);

const SHIFT: u32 = 31;
const LOW: u64 = (1 << SHIFT) - 1;

impl Packed {
    fn new(target: Target) -> Packed {
        let (kind, ids) = match target {
            Target::Model(m) => (0, u64::from(m.0)),
            Target::Layer(l) => (1, u64::from(l.0)),
            Target::Part(r) => (
                2,
                ((u64::from(r.layer.0) & LOW) << SHIFT) | (u64::from(r.row) & LOW),
            ),
            Target::Service(s) => (3, u64::from(s.0)),
        };
        Packed((kind << 62) | ids)
    }

    fn target(self) -> Target {
        let ids = self.0 & !(3 << 62);
        // Each kind's ids went in from a u32 (a part's as two of 31 bits).
        let id = ids as u32;
        match self.0 >> 62 {
            0 => Target::Model(super::ModelId(id)),
            1 => Target::Layer(super::LayerId(id)),
            2 => Target::Part(super::RowId {
                layer: super::LayerId((ids >> SHIFT) as u32),
                row: (ids & LOW) as u32,
            }),
            _ => Target::Service(super::ServiceId(id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{LayerId, ModelId, RowId, ServiceId};

    #[test]
    fn a_packed_target_is_the_target() {
        let far = (1usize << 31) - 1;
        for target in [
            Target::Model(ModelId::new(0)),
            Target::Model(ModelId::new(u32::MAX as usize)),
            Target::Layer(LayerId::new(7)),
            Target::Layer(LayerId::new(u32::MAX as usize)),
            Target::Part(RowId::new(LayerId::new(3), 5)),
            Target::Part(RowId::new(LayerId::new(far), far)),
            Target::Service(ServiceId::new(u32::MAX as usize)),
        ] {
            assert_eq!(Packed::new(target).target(), target);
        }
        assert_eq!(std::mem::size_of::<(Text, Packed)>(), 24);
    }
}
