//! How a catalogue holds what it holds: its texts, lists and boxes are borrowed, from the file's
//! text and from an [`Arena`] the loader fills, or, for the embedded catalogue, from static data
//! that `embedded.rs` holds, written ahead of time, so that nothing is parsed or built when srm
//! starts (see `Catalog::embedded_lean`). The id index is a hash map when loaded and a sorted
//! static list when embedded.

use std::ops::Deref;

use foldhash::HashMap;

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

/// A catalogue behind a pointer: boxed when loaded, lent by static data when embedded.
#[derive(Debug)]
pub(crate) enum Boxed<'t, T> {
    Lent(&'t T),
    Owned(Box<T>),
}

impl<T> Deref for Boxed<'_, T> {
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

/// Normalised id or alias → what it names: a hash map when loaded; for the embedded catalogue
/// a static list sorted by key, searched by halves.
#[derive(Debug)]
pub(crate) enum Index<'t> {
    Map(HashMap<Text<'t>, Target>),
    Sorted(&'t [(&'t str, Target)]),
}

impl Index<'_> {
    pub(crate) fn get(&self, key: &str) -> Option<Target> {
        match self {
            Index::Map(map) => map.get(key).copied(),
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
            Index::Map(map) => Box::new(map.iter().map(|(k, &t)| (k.as_ref(), t))),
            Index::Sorted(list) => Box::new(list.iter().map(|&(k, t)| (k, t))),
        }
    }
}
