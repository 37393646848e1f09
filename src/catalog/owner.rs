//! Who holds a row under a model, and how a layer's owner follows from its rows.
//!
//! `shared` is for a row both sides act on, as in Microsoft's diagrams. A layer whose rows
//! have different owners is not shared but `split`: that owner is only ever derived, never
//! written in a catalogue.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Who holds a row under a model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
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
    fn ranks_put_shared_between_customer_and_provider() {
        assert!(Owner::Customer.rank() < Owner::Shared.rank());
        assert!(Owner::Shared.rank() < Owner::Provider.rank());
        assert_eq!(Owner::Depends.rank(), None);
    }
}
