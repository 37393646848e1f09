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
                Box::new(keys.entries.iter().flatten().map(|(k, t)| (k.as_str(), *t)))
            }
            Index::Sorted(list) => Box::new(list.iter().map(|&(k, t)| (k, t))),
        }
    }
}

/// A loaded catalogue's keys: each key with what it names, in the order they were given, and
/// a hash table of their places (four bytes a slot). A lookup or an insert probes the small
/// table and reads an entry only where a hash matches, so a large index costs a few bytes a
/// key where it is searched. The entries are kept in blocks of [`BLOCK`], so that they grow
/// without being copied (a list that doubles holds both copies as it moves).
pub(crate) struct Keys<'t> {
    entries: Vec<Vec<(Text<'t>, Target)>>,
    len: usize,
    table: hashbrown::HashTable<u32>,
    hasher: foldhash::fast::RandomState,
}

impl std::fmt::Debug for Keys<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map()
            .entries(self.entries.iter().flatten().map(|(k, t)| (k, t)))
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
            .map(|&i| entry(entries, i).1)
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
            hashbrown::hash_table::Entry::Occupied(seen) => Err(entry(entries, *seen.get()).1),
            hashbrown::hash_table::Entry::Vacant(slot) => {
                // The file's item budget (`file::item_budget`) keeps the count far below
                // four thousand million.
                slot.insert(u32::try_from(self.len).unwrap_or(u32::MAX));
                if self.len % BLOCK == 0 {
                    // The first block grows as keys come (most catalogues need no other).
                    let room = if self.len == 0 { 0 } else { BLOCK };
                    self.entries.push(Vec::with_capacity(room));
                }
                if let Some(block) = self.entries.last_mut() {
                    block.push((key, target));
                }
                self.len += 1;
                Ok(())
            }
        }
    }
}

/// Keys a block of [`Keys`] holds: half a megabyte of entries.
const BLOCK: usize = 1 << 14;

/// The entry at place `i` of the blocks.
fn entry<'k, 't>(blocks: &'k [Vec<(Text<'t>, Target)>], i: u32) -> &'k (Text<'t>, Target) {
    let i = i as usize;
    &blocks[i / BLOCK][i % BLOCK]
}
