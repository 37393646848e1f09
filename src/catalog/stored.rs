//! How a catalogue holds what it holds: a loaded catalogue owns its lists, boxes and id index;
//! the embedded one borrows them from static data that `embedded.rs` holds, written ahead of
//! time, so that nothing is parsed or built when srm starts (see `Catalog::embedded_lean`).

use std::borrow::Cow;
use std::ops::Deref;

use foldhash::HashMap;

use super::{Target, Text};

/// A list the catalogue owns, or one lent by static data.
pub(crate) type List<'t, T> = Cow<'t, [T]>;

/// A value behind a pointer: boxed when loaded, lent by static data when embedded.
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
