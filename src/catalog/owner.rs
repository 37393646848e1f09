//! Who holds a row under a model, and what srm derives from rows.
//!
//! Two types, so that what a catalogue writes and what srm concludes cannot be mixed up: a row
//! (and every answer's line about one row) has an [`Owner`], one of four words; a layer, a
//! control and a `who` cell have a [`Derived`] owner, which adds `split` (rows that differ)
//! and `unmapped` (a control no row speaks of). A `Derived` is only ever computed, never
//! stored in a row.
//!
//! `shared` is for a row both sides act on, as in Microsoft's diagrams. A layer whose rows
//! have different owners is not shared but `split`.

use std::fmt;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Who holds a row under a model: what a catalogue writes.
// Read from a catalogue by hand (see the `Deserialize` impl), so that a wrong value is refused
// in the author's words; the `serde` attributes still shape the JSON Schemas.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Owner {
    Customer,
    Provider,
    Shared,
    /// Who owns it depends on the AI model chosen; the cell's note says how.
    Depends,
}

/// An owner as srm concludes it: a row's own, or one derived from rows — `split` for a layer
/// whose rows have different owners, `unmapped` for a control no row speaks of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
#[schemars(rename = "DerivedOwner")]
pub enum Derived {
    Customer,
    Provider,
    Shared,
    /// Who owns it depends on the AI model chosen; the cell's note says how.
    Depends,
    /// A layer whose rows have different owners.
    Split,
    /// A control in a catalogue that maps no control to any row: nobody's, as far as the
    /// catalogue says.
    Unmapped,
}

impl Owner {
    /// The owners a row can have.
    pub const ALL: [Owner; 4] = [
        Owner::Customer,
        Owner::Provider,
        Owner::Shared,
        Owner::Depends,
    ];

    pub fn as_str(self) -> &'static str {
        Derived::from(self).as_str()
    }

    /// Position on the customer → provider axis; `depends` has none.
    pub fn rank(self) -> Option<u8> {
        Derived::from(self).rank()
    }

    /// Whether a party holding this row has duties on the customer's side.
    pub fn involves_customer(self) -> bool {
        self != Owner::Provider
    }

    /// Whether a party holding this row has duties on the provider's side.
    pub fn involves_provider(self) -> bool {
        self != Owner::Customer
    }
}

impl From<Owner> for Derived {
    fn from(owner: Owner) -> Derived {
        match owner {
            Owner::Customer => Derived::Customer,
            Owner::Provider => Derived::Provider,
            Owner::Shared => Derived::Shared,
            Owner::Depends => Derived::Depends,
        }
    }
}

impl PartialEq<Owner> for Derived {
    fn eq(&self, other: &Owner) -> bool {
        *self == Derived::from(*other)
    }
}

impl Derived {
    /// Every owner a cell of the matrix can show: the four of rows, and `split` for layers.
    pub const SHOWN: [Derived; 5] = [
        Derived::Customer,
        Derived::Provider,
        Derived::Shared,
        Derived::Depends,
        Derived::Split,
    ];

    /// Every owner word srm prints: the four of rows, `split` and `unmapped`.
    pub const WORDS: [Derived; 6] = [
        Derived::Customer,
        Derived::Provider,
        Derived::Shared,
        Derived::Depends,
        Derived::Split,
        Derived::Unmapped,
    ];

    /// The row's owner this is, when it is one (not `split` or `unmapped`).
    pub fn row_owner(self) -> Option<Owner> {
        match self {
            Derived::Customer => Some(Owner::Customer),
            Derived::Provider => Some(Owner::Provider),
            Derived::Shared => Some(Owner::Shared),
            Derived::Depends => Some(Owner::Depends),
            Derived::Split | Derived::Unmapped => None,
        }
    }

    /// The owner a word names, matched as ids are (case-insensitively, blanks trimmed):
    /// `srm explain shared` explains the word when no id of the catalogue takes it.
    pub fn from_word(word: &str) -> Option<Derived> {
        let word = super::normalize(word);
        Derived::WORDS.into_iter().find(|o| o.as_str() == word)
    }

    /// What the owner word means, and where it comes from: the one text `srm explain OWNER`
    /// shows, in every format.
    pub fn meaning(self) -> &'static str {
        match self {
            Derived::Customer => {
                "The customer holds the row under that model: securing it is the customer's job (the customer's duties), whoever runs the hardware beneath it. Written for a row in a catalogue; a control whose rows are all the customer's cannot be inherited from the provider (the CRM's \"No\")."
            }
            Derived::Provider => {
                "The provider holds the row under that model: the provider secures it (the provider's duties) and the customer inherits that. Written for a row in a catalogue; a control whose rows are all the provider's can be inherited (the CRM's \"Yes\")."
            }
            Derived::Shared => {
                "Both sides act on the row under that model: the provider runs part of it and the customer configures or uses the rest, each with duties of its own. Written for a row in a catalogue, as in Microsoft's diagrams; it ranks between customer and provider (customer < shared < provider). A layer whose rows have different owners is `split`, not shared."
            }
            Derived::Depends => {
                "Who holds the row turns on a choice made under that model, such as the AI model chosen (the provider's own, or one you bring): the cell always carries a note saying on what, and a catalogue must give a note for every `depends` cell. It has no place on the customer-to-provider axis, so `srm diff` calls a change to or from it `other`."
            }
            Derived::Split => {
                "A layer made of parts whose rows have different owners under that model. A layer of parts has no owner of its own: srm derives it from its rows, their common owner when they all agree, else `split`; `srm who --layer LAYER --model MODEL` shows the rows behind it. Derived, never written in a catalogue."
            }
            Derived::Unmapped => {
                "The owner of every control in a catalogue that maps no control to any row (no row has `controls`): the catalogue says nothing of the control, so srm names nobody, not even the customer. Derived for controls only, never written in a catalogue; give rows `controls: [{ids: [...], why: ...}]` to map them."
            }
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Derived::Customer => "customer",
            Derived::Provider => "provider",
            Derived::Shared => "shared",
            Derived::Depends => "depends",
            Derived::Split => "split",
            Derived::Unmapped => "unmapped",
        }
    }

    /// Position on the customer → provider axis; `depends` and `split` have none.
    pub fn rank(self) -> Option<u8> {
        match self {
            Derived::Customer => Some(0),
            Derived::Shared => Some(1),
            Derived::Provider => Some(2),
            Derived::Depends | Derived::Split | Derived::Unmapped => None,
        }
    }

    /// Whether a party holding this cell has duties on the customer's side.
    pub fn involves_customer(self) -> bool {
        !matches!(self, Derived::Provider | Derived::Unmapped)
    }

    /// Whether a party holding this cell has duties on the provider's side.
    pub fn involves_provider(self) -> bool {
        !matches!(self, Derived::Customer | Derived::Unmapped)
    }
}

impl fmt::Display for Derived {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The owners a catalogue may write, as messages name them.
const WRITTEN: &str = "customer, provider, shared or depends";

/// A catalogue's owner: one of the four words of rows ([`Owner::ALL`]). Anything else is
/// refused saying which words are allowed, and why `split` and `unmapped` are not among them;
/// serde's own "unknown variant" speaks of Rust, not of the file.
impl<'de> Deserialize<'de> for Owner {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Owner, D::Error> {
        struct OwnerVisitor;

        impl<'de> Visitor<'de> for OwnerVisitor {
            type Value = Owner;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "an owner: {WRITTEN}")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Owner, E> {
                if let Some(owner) = Owner::ALL.into_iter().find(|o| o.as_str() == v) {
                    return Ok(owner);
                }
                let quoted = crate::sanitize::cut(v);
                Err(E::custom(match Derived::from_word(v) {
                    Some(o) if o.row_owner().is_some() => {
                        format!("owner `{quoted}` is written `{o}`: in lowercase, without blanks")
                    }
                    Some(o) => format!(
                        "`{o}` is derived by srm, never written in a catalogue; give the row's own owner: {WRITTEN} (`srm explain {o}` says why)"
                    ),
                    None => format!(
                        "unknown owner `{quoted}`; an owner is {WRITTEN} (`srm explain OWNER` says what each means)"
                    ),
                }))
            }

            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Owner, E> {
                Err(E::custom(format!(
                    "a yes/no (true/false) value where an owner goes; an owner is {WRITTEN}"
                )))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Owner, E> {
                Err(E::custom(format!(
                    "a number (`{v}`) where an owner goes; an owner is {WRITTEN}"
                )))
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Owner, E> {
                Err(E::custom(format!(
                    "a number (`{v}`) where an owner goes; an owner is {WRITTEN}"
                )))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Owner, E> {
                Err(E::custom(format!(
                    "a number (`{v}`) where an owner goes; an owner is {WRITTEN}"
                )))
            }

            fn visit_unit<E: de::Error>(self) -> Result<Owner, E> {
                Err(E::custom(format!(
                    "no owner (an empty value or null); an owner is {WRITTEN}"
                )))
            }

            fn visit_none<E: de::Error>(self) -> Result<Owner, E> {
                self.visit_unit()
            }

            fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> Result<Owner, A::Error> {
                Err(de::Error::custom(format!(
                    "a list where an owner goes; a row has one owner under each model: {WRITTEN}"
                )))
            }

            fn visit_map<A: MapAccess<'de>>(self, _: A) -> Result<Owner, A::Error> {
                Err(de::Error::custom(format!(
                    "a mapping where an owner goes; an owner is one word: {WRITTEN}"
                )))
            }
        }

        deserializer.deserialize_any(OwnerVisitor)
    }
}

/// All the same → that owner; rows that differ (or none) → `split`.
pub fn derive_owner(mut owners: impl Iterator<Item = Owner>) -> Derived {
    let Some(first) = owners.next() else {
        return Derived::Split;
    };
    if owners.all(|o| o == first) {
        first.into()
    } else {
        Derived::Split
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_owner_is_common_owner_or_split() {
        use Owner::*;
        assert_eq!(derive_owner([Customer, Customer].into_iter()), Customer);
        assert_eq!(derive_owner([Provider].into_iter()), Provider);
        assert_eq!(
            derive_owner([Customer, Provider].into_iter()),
            Derived::Split
        );
        assert_eq!(
            derive_owner([Depends, Provider].into_iter()),
            Derived::Split
        );
        assert_eq!(derive_owner([Shared, Shared].into_iter()), Shared);
        assert_eq!(derive_owner([Depends, Depends].into_iter()), Depends);
        assert_eq!(derive_owner(std::iter::empty()), Derived::Split);
    }

    #[test]
    fn owner_words_are_matched_as_ids_are_and_each_has_a_meaning() {
        assert_eq!(Derived::from_word("shared"), Some(Derived::Shared));
        assert_eq!(Derived::from_word(" Split "), Some(Derived::Split));
        assert_eq!(Derived::from_word("DEPENDS"), Some(Derived::Depends));
        assert_eq!(Derived::from_word("share"), None);
        assert_eq!(Derived::from_word(""), None);
        for o in Derived::WORDS {
            assert_eq!(Derived::from_word(o.as_str()), Some(o));
            assert!(!o.meaning().is_empty());
        }
        for o in Owner::ALL {
            assert_eq!(Derived::from(o).row_owner(), Some(o));
        }
        assert_eq!(Derived::Split.row_owner(), None);
        assert_eq!(Derived::Unmapped.row_owner(), None);
        assert!(Derived::Depends.meaning().contains("note"));
        assert!(Derived::Split.meaning().contains("derives"));
    }

    #[test]
    fn ranks_put_shared_between_customer_and_provider() {
        assert!(Owner::Customer.rank() < Owner::Shared.rank());
        assert!(Owner::Shared.rank() < Owner::Provider.rank());
        assert_eq!(Owner::Depends.rank(), None);
    }
}
