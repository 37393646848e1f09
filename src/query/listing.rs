//! A list an answer gives item by item: made again from the catalogue each time it is walked,
//! rather than kept, so that an answer of a hundred thousand rows holds none of them.

use schemars::JsonSchema;
use serde::Serialize;

/// Items an answer lists, made on the fly, in the same order each time they are walked: the
/// function it was made from is called again by every [`Listing::iter`], and what it makes
/// then is all that is kept, one item at a time. It serialises and is described by its JSON
/// Schema as the list of its items.
pub struct Listing<'a, T> {
    make: Box<dyn Fn() -> Items<'a, T> + 'a>,
}

impl<'a, T: 'a> Listing<'a, T> {
    /// The items `make` gives; it must give the same items each time it is called.
    pub(crate) fn new<I: Iterator<Item = T> + 'a>(make: impl Fn() -> I + 'a) -> Listing<'a, T> {
        Listing {
            make: Box::new(move || Box::new(make())),
        }
    }

    /// The items, made as they are asked for.
    pub fn iter(&self) -> Items<'a, T> {
        (self.make)()
    }

    /// Whether there are none: made up to the first.
    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }
}

/// What a [`Listing`] is walked with.
pub type Items<'a, T> = Box<dyn Iterator<Item = T> + 'a>;

impl<'a, T: 'a> IntoIterator for &Listing<'a, T> {
    type Item = T;
    type IntoIter = Items<'a, T>;
    fn into_iter(self) -> Items<'a, T> {
        self.iter()
    }
}

impl<T: Serialize> Serialize for Listing<'_, T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.make)())
    }
}

impl<T: JsonSchema> JsonSchema for Listing<'_, T> {
    fn inline_schema() -> bool {
        <Vec<T>>::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        <Vec<T>>::schema_name()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        <Vec<T>>::schema_id()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        <Vec<T>>::json_schema(generator)
    }
}

impl<'a, T: std::fmt::Debug + 'a> std::fmt::Debug for Listing<'a, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_listing_is_made_again_each_time_and_serialises_as_its_items() {
        let made = std::cell::Cell::new(0);
        let listing = Listing::new(|| {
            made.set(made.get() + 1);
            (1..=3).map(|i| i * 10)
        });
        assert_eq!(listing.iter().collect::<Vec<_>>(), [10, 20, 30]);
        assert!(!listing.is_empty());
        assert_eq!(
            serde_json::to_string(&listing).ok().as_deref(),
            Some("[10,20,30]")
        );
        assert_eq!(format!("{listing:?}"), "[10, 20, 30]");
        assert_eq!(made.get(), 4);
        assert!(Listing::new(std::iter::empty::<u8>).is_empty());
        assert_eq!(
            schemars::schema_for!(Listing<'static, u8>),
            schemars::schema_for!(Vec<u8>)
        );
    }
}
