//! Who holds a row under a model, and how a layer's owner follows from its rows.

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
}

impl Owner {
    pub const ALL: [Owner; 4] = [
        Owner::Customer,
        Owner::Provider,
        Owner::Shared,
        Owner::Depends,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Owner::Customer => "customer",
            Owner::Provider => "provider",
            Owner::Shared => "shared",
            Owner::Depends => "depends",
        }
    }

    /// Position on the customer → provider axis; `depends` has none.
    pub fn rank(self) -> Option<u8> {
        match self {
            Owner::Customer => Some(0),
            Owner::Shared => Some(1),
            Owner::Provider => Some(2),
            Owner::Depends => None,
        }
    }

    /// Whether a party holding this cell has duties on the customer's side.
    pub fn involves_customer(self) -> bool {
        self != Owner::Provider
    }

    /// Whether a party holding this cell has duties on the provider's side.
    pub fn involves_provider(self) -> bool {
        self != Owner::Customer
    }
}

impl fmt::Display for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// All the same → that owner; anything else (including no rows) → `shared`.
pub fn derive_owner(mut owners: impl Iterator<Item = Owner>) -> Owner {
    let Some(first) = owners.next() else {
        return Owner::Shared;
    };
    if owners.all(|o| o == first) {
        first
    } else {
        Owner::Shared
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derived_owner_is_common_owner_or_shared() {
        use Owner::*;
        assert_eq!(derive_owner([Customer, Customer].into_iter()), Customer);
        assert_eq!(derive_owner([Provider].into_iter()), Provider);
        assert_eq!(derive_owner([Customer, Provider].into_iter()), Shared);
        assert_eq!(derive_owner([Depends, Provider].into_iter()), Shared);
        assert_eq!(derive_owner([Depends, Depends].into_iter()), Depends);
        assert_eq!(derive_owner(std::iter::empty()), Shared);
    }

    #[test]
    fn ranks_put_shared_between_customer_and_provider() {
        assert!(Owner::Customer.rank() < Owner::Shared.rank());
        assert!(Owner::Shared.rank() < Owner::Provider.rank());
        assert_eq!(Owner::Depends.rank(), None);
    }
}
