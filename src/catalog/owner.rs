//! Who holds a row under a model, and how a layer's owner follows from its rows.
//!
//! `shared` is for a row both sides act on, as in Microsoft's diagrams. A layer whose rows
//! have different owners is not shared but `split`: that owner is only ever derived, never
//! written in a catalogue.

use std::fmt;

use serde::Serialize;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

/// Who holds a row under a model.
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
    /// A layer whose rows have different owners (derived, never written in a catalogue).
    #[serde(skip_deserializing)]
    Split,
    /// A control in a catalogue that maps no control to any row: nobody's, as far as the
    /// catalogue says (derived for controls only, never written in a catalogue).
    #[serde(skip_deserializing)]
    Unmapped,
}

impl Owner {
    /// The owners a row can have (`split` is only derived for layers).
    pub const ALL: [Owner; 4] = [
        Owner::Customer,
        Owner::Provider,
        Owner::Shared,
        Owner::Depends,
    ];

    /// Every owner a cell of the matrix can show: the four of rows, and `split` for layers.
    pub const SHOWN: [Owner; 5] = [
        Owner::Customer,
        Owner::Provider,
        Owner::Shared,
        Owner::Depends,
        Owner::Split,
    ];

    /// Every owner word srm prints: the four of rows, `split` and `unmapped`.
    pub const WORDS: [Owner; 6] = [
        Owner::Customer,
        Owner::Provider,
        Owner::Shared,
        Owner::Depends,
        Owner::Split,
        Owner::Unmapped,
    ];

    /// The owner a word names, matched as ids are (case-insensitively, blanks trimmed):
    /// `srm explain shared` explains the word when no id of the catalogue takes it.
    pub fn from_word(word: &str) -> Option<Owner> {
        let word = super::normalize(word);
        Owner::WORDS.into_iter().find(|o| o.as_str() == word)
    }

    /// What the owner word means, and where it comes from: the one text `srm explain OWNER`
    /// shows, in every format.
    pub fn meaning(self) -> &'static str {
        match self {
            Owner::Customer => {
                "The customer holds the row under that model: securing it is the customer's job (the customer's duties), whoever runs the hardware beneath it. Written for a row in a catalogue; a control whose rows are all the customer's cannot be inherited from the provider (the CRM's \"No\")."
            }
            Owner::Provider => {
                "The provider holds the row under that model: the provider secures it (the provider's duties) and the customer inherits that. Written for a row in a catalogue; a control whose rows are all the provider's can be inherited (the CRM's \"Yes\")."
            }
            Owner::Shared => {
                "Both sides act on the row under that model: the provider runs part of it and the customer configures or uses the rest, each with duties of its own. Written for a row in a catalogue, as in Microsoft's diagrams; it ranks between customer and provider (customer < shared < provider). A layer whose rows have different owners is `split`, not shared."
            }
            Owner::Depends => {
                "Who holds the row turns on a choice made under that model, such as the AI model chosen (the provider's own, or one you bring): the cell always carries a note saying on what, and a catalogue must give a note for every `depends` cell. It has no place on the customer-to-provider axis, so `srm diff` calls a change to or from it `other`."
            }
            Owner::Split => {
                "A layer made of parts whose rows have different owners under that model. A layer of parts has no owner of its own: srm derives it from its rows, their common owner when they all agree, else `split`; `srm who --layer LAYER --model MODEL` shows the rows behind it. Derived, never written in a catalogue."
            }
            Owner::Unmapped => {
                "The owner of every control in a catalogue that maps no control to any row (no row has `controls`): the catalogue says nothing of the control, so srm names nobody, not even the customer. Derived for controls only, never written in a catalogue; give rows `controls: [{ids: [...], why: ...}]` to map them."
            }
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Customer => "customer",
            Owner::Provider => "provider",
            Owner::Shared => "shared",
            Owner::Depends => "depends",
            Owner::Split => "split",
            Owner::Unmapped => "unmapped",
        }
    }

    /// Position on the customer → provider axis; `depends` and `split` have none.
    pub fn rank(self) -> Option<u8> {
        match self {
            Owner::Customer => Some(0),
            Owner::Shared => Some(1),
            Owner::Provider => Some(2),
            Owner::Depends | Owner::Split | Owner::Unmapped => None,
        }
    }

    /// Whether a party holding this cell has duties on the customer's side.
    pub fn involves_customer(self) -> bool {
        !matches!(self, Owner::Provider | Owner::Unmapped)
    }

    /// Whether a party holding this cell has duties on the provider's side.
    pub fn involves_provider(self) -> bool {
        !matches!(self, Owner::Customer | Owner::Unmapped)
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
                Err(E::custom(match Owner::from_word(v) {
                    Some(o) if Owner::ALL.contains(&o) => {
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
pub fn derive_owner(mut owners: impl Iterator<Item = Owner>) -> Owner {
    let Some(first) = owners.next() else {
        return Owner::Split;
    };
    if owners.all(|o| o == first) {
        first
    } else {
        Owner::Split
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
        assert_eq!(derive_owner([Customer, Provider].into_iter()), Split);
        assert_eq!(derive_owner([Depends, Provider].into_iter()), Split);
        assert_eq!(derive_owner([Shared, Shared].into_iter()), Shared);
        assert_eq!(derive_owner([Depends, Depends].into_iter()), Depends);
        assert_eq!(derive_owner(std::iter::empty()), Split);
    }

    #[test]
    fn owner_words_are_matched_as_ids_are_and_each_has_a_meaning() {
        assert_eq!(Owner::from_word("shared"), Some(Owner::Shared));
        assert_eq!(Owner::from_word(" Split "), Some(Owner::Split));
        assert_eq!(Owner::from_word("DEPENDS"), Some(Owner::Depends));
        assert_eq!(Owner::from_word("share"), None);
        assert_eq!(Owner::from_word(""), None);
        for o in Owner::WORDS {
            assert_eq!(Owner::from_word(o.as_str()), Some(o));
            assert!(!o.meaning().is_empty());
        }
        assert!(Owner::Depends.meaning().contains("note"));
        assert!(Owner::Split.meaning().contains("derives"));
    }

    #[test]
    fn ranks_put_shared_between_customer_and_provider() {
        assert!(Owner::Customer.rank() < Owner::Shared.rank());
        assert!(Owner::Shared.rank() < Owner::Provider.rank());
        assert_eq!(Owner::Depends.rank(), None);
    }
}
