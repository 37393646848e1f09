//! The services people run (AWS Lambda, Azure App Service, Cloud Run…), as columns of the
//! matrix: each starts from a service model and overrides the rows where its vendor says
//! otherwise, per variant of the settings that decide it.
//!
//! One place knows each fact. A service stores only its overrides; its owner of any other
//! row is its base model's, looked up when asked ([`super::Catalog::owner`]). How well a
//! service as a whole is sourced follows from its facts ([`Service::variant_evidence`]),
//! derived, never written.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{ModelId, Owner, SourceId, Text};

/// How well a fact rests on its source. Ordered from strongest to weakest.
#[derive(
    Clone,
    Copy,
    Debug,
    Default,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// A vendor page states it.
    #[default]
    Sourced,
    /// A vendor page states part of it (a label, or one layer of two); the rest is srm's
    /// reading.
    Partial,
    /// Only an archived vendor document, read through a third-party copy, states it.
    Archived,
    /// No vendor statement was found; srm's own reading.
    Unsourced,
}

impl Evidence {
    pub const ALL: [Evidence; 4] = [
        Evidence::Sourced,
        Evidence::Partial,
        Evidence::Archived,
        Evidence::Unsourced,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Evidence::Sourced => "sourced",
            Evidence::Partial => "partial",
            Evidence::Archived => "archived",
            Evidence::Unsourced => "unsourced",
        }
    }

    /// The short mark tables put beside a weaker fact; none for a sourced one.
    pub fn mark(self) -> Option<&'static str> {
        match self {
            Evidence::Sourced => None,
            Evidence::Partial => Some("[P]"),
            Evidence::Archived => Some("[A]"),
            Evidence::Unsourced => Some("[U]"),
        }
    }

    /// What the mark means, for a legend.
    pub fn meaning(self) -> &'static str {
        match self {
            Evidence::Sourced => "a vendor page states it",
            Evidence::Partial => "partly sourced: a vendor page states only part of it",
            Evidence::Archived => {
                "archived: only an old vendor document, read through a third-party copy, states it"
            }
            Evidence::Unsourced => "unsourced: no vendor statement found; srm's own reading",
        }
    }
}

/// A service's own word on one row: who holds it, why, and from which page.
#[derive(Clone, Debug)]
pub struct Override<'t> {
    /// The row's id (a layer with a row of its own, or a part).
    pub(super) row: Text<'t>,
    pub(super) owner: Owner,
    pub(super) note: Text<'t>,
    pub(super) source: SourceId,
    pub(super) evidence: Evidence,
    pub(super) evidence_note: Option<Text<'t>>,
    /// What stays the customer's on this row under this service, whoever holds it.
    pub(super) duties: Vec<Text<'t>>,
}

impl<'t> Override<'t> {
    pub fn row(&self) -> &str {
        &self.row
    }
    pub fn owner(&self) -> Owner {
        self.owner
    }
    pub fn note(&self) -> &str {
        &self.note
    }
    pub fn source(&self) -> SourceId {
        self.source
    }
    pub fn evidence(&self) -> Evidence {
        self.evidence
    }
    pub fn evidence_note(&self) -> Option<&str> {
        self.evidence_note.as_deref()
    }
    pub fn duties(&self) -> &[Text<'t>] {
        &self.duties
    }
}

/// Overrides sorted by row id, looked up by binary search.
pub(crate) fn find_override<'a, 't>(
    list: &'a [Override<'t>],
    row: &str,
) -> Option<&'a Override<'t>> {
    list.binary_search_by(|o| (*o.row).cmp(row))
        .ok()
        .map(|i| &list[i])
}

/// A setting that decides a variant, as each inventory format spells it.
#[derive(Clone, Debug, Default)]
pub struct Field<'t> {
    pub(super) id: Text<'t>,
    pub(super) description: Option<Text<'t>>,
    pub(super) terraform: Option<Text<'t>>,
    pub(super) cloudformation: Option<Text<'t>>,
    pub(super) arm: Option<Text<'t>>,
    pub(super) asset_inventory: Option<Text<'t>>,
    /// The value the vendor applies when the field is not set.
    pub(super) default: Option<Text<'t>>,
}

impl Field<'_> {
    /// The field's path in an inventory of `family`.
    pub fn path(&self, family: super::Family) -> Option<&str> {
        match family {
            super::Family::Terraform => self.terraform(),
            super::Family::CloudFormation => self.cloudformation(),
            super::Family::Arm => self.arm(),
            super::Family::AssetInventory => self.asset_inventory(),
        }
    }
    pub fn default_value(&self) -> Option<&str> {
        self.default.as_deref()
    }
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
    pub fn terraform(&self) -> Option<&str> {
        self.terraform.as_deref()
    }
    pub fn cloudformation(&self) -> Option<&str> {
        self.cloudformation.as_deref()
    }
    pub fn arm(&self) -> Option<&str> {
        self.arm.as_deref()
    }
    pub fn asset_inventory(&self) -> Option<&str> {
        self.asset_inventory.as_deref()
    }
}

/// The resource types that identify a service in each inventory format.
#[derive(Clone, Debug, Default)]
pub struct Inventory<'t> {
    pub(super) terraform: Vec<Text<'t>>,
    pub(super) cloudformation: Vec<Text<'t>>,
    pub(super) arm: Vec<Text<'t>>,
    pub(super) asset_inventory: Vec<Text<'t>>,
}

impl<'t> Inventory<'t> {
    pub fn terraform(&self) -> &[Text<'t>] {
        &self.terraform
    }
    pub fn cloudformation(&self) -> &[Text<'t>] {
        &self.cloudformation
    }
    pub fn arm(&self) -> &[Text<'t>] {
        &self.arm
    }
    pub fn asset_inventory(&self) -> &[Text<'t>] {
        &self.asset_inventory
    }
    /// The types of one family.
    pub fn of(&self, family: super::Family) -> &[Text<'t>] {
        match family {
            super::Family::Terraform => &self.terraform,
            super::Family::CloudFormation => &self.cloudformation,
            super::Family::Arm => &self.arm,
            super::Family::AssetInventory => &self.asset_inventory,
        }
    }
}

/// One configuration of a service that changes who holds some rows.
#[derive(Clone, Debug)]
pub struct Variant<'t> {
    pub(super) id: Text<'t>,
    pub(super) name: Text<'t>,
    pub(super) aliases: Vec<Text<'t>>,
    pub(super) description: Option<Text<'t>>,
    /// Why this is the default, on the default variant only.
    pub(super) why_default: Option<Text<'t>>,
    /// Field id → the value that selects this variant.
    pub(super) when: Vec<(Text<'t>, Text<'t>)>,
    /// Sorted by row id.
    pub(super) overrides: Vec<Override<'t>>,
}

impl<'t> Variant<'t> {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn aliases(&self) -> &[Text<'t>] {
        &self.aliases
    }
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
    pub fn why_default(&self) -> Option<&str> {
        self.why_default.as_deref()
    }
    pub fn when(&self) -> &[(Text<'t>, Text<'t>)] {
        &self.when
    }
    pub fn overrides(&self) -> &[Override<'t>] {
        &self.overrides
    }
}

/// A cloud service as its vendor sells it.
#[derive(Clone, Debug)]
pub struct Service<'t> {
    pub(super) id: Text<'t>,
    pub(super) name: Text<'t>,
    pub(super) provider: Text<'t>,
    pub(super) aliases: Vec<Text<'t>>,
    pub(super) keywords: Vec<Text<'t>>,
    pub(super) description: Option<Text<'t>>,
    pub(super) base: ModelId,
    pub(super) vendor_label: Option<Text<'t>>,
    /// The source of the base-model choice, and how well it rests on it.
    pub(super) source: SourceId,
    pub(super) evidence: Evidence,
    pub(super) evidence_note: Option<Text<'t>>,
    pub(super) inventory: Inventory<'t>,
    /// Field id → value: when this service, rather than another listing the same type, takes
    /// a resource.
    pub(super) when: Vec<(Text<'t>, Text<'t>)>,
    pub(super) fields: Vec<Field<'t>>,
    /// Service-wide overrides, sorted by row id.
    pub(super) overrides: Vec<Override<'t>>,
    pub(super) variants: Vec<Variant<'t>>,
    /// The index of the default variant, when there are variants.
    pub(super) default_variant: Option<usize>,
    /// Normalised variant id or alias → its index; then normalised name → its index (`None`
    /// where two share a name, or the name is another variant's id or alias).
    pub(super) variant_keys: foldhash::HashMap<String, usize>,
    pub(super) variant_names: foldhash::HashMap<String, Option<usize>>,
}

impl<'t> Service<'t> {
    pub fn id(&self) -> &str {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    pub fn provider(&self) -> &str {
        &self.provider
    }
    pub fn aliases(&self) -> &[Text<'t>] {
        &self.aliases
    }
    pub fn keywords(&self) -> &[Text<'t>] {
        &self.keywords
    }
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }
    pub fn base(&self) -> ModelId {
        self.base
    }
    pub fn vendor_label(&self) -> Option<&str> {
        self.vendor_label.as_deref()
    }
    pub fn source(&self) -> SourceId {
        self.source
    }
    /// How well the base-model choice is sourced (the cells no override covers rest on it).
    pub fn base_evidence(&self) -> Evidence {
        self.evidence
    }
    pub fn base_evidence_note(&self) -> Option<&str> {
        self.evidence_note.as_deref()
    }
    pub fn inventory(&self) -> &Inventory<'t> {
        &self.inventory
    }
    pub fn fields(&self) -> &[Field<'t>] {
        &self.fields
    }
    /// What makes this service, rather than another listing the same type, take a resource.
    pub fn when(&self) -> &[(Text<'t>, Text<'t>)] {
        &self.when
    }
    pub fn field(&self, id: &str) -> Option<&Field<'t>> {
        self.fields.iter().find(|f| &*f.id == id)
    }
    pub fn overrides(&self) -> &[Override<'t>] {
        &self.overrides
    }
    pub fn variants(&self) -> &[Variant<'t>] {
        &self.variants
    }
    pub fn default_variant(&self) -> Option<usize> {
        self.default_variant
    }

    /// How well the service as a whole is sourced, in its default variant
    /// ([`Service::variant_evidence`]).
    pub fn evidence(&self) -> Evidence {
        self.variant_evidence(self.default_variant)
    }

    /// How well the service in variant `v` (or alone) is sourced, derived from its facts: the
    /// base-model choice's evidence when that is weaker than `sourced` (an archived or
    /// unsourced service stays so); else `partial` when any override it applies is weaker
    /// (some facts stated by the vendor, some not); else `sourced`.
    pub fn variant_evidence(&self, v: Option<usize>) -> Evidence {
        self.evidence_given(self.shared_weaker(), v)
    }

    /// [`Service::variant_evidence`] of every variant, in order: the service-wide overrides are
    /// looked at once, not once a variant.
    pub fn variant_evidences(&self) -> Vec<Evidence> {
        let shared = self.shared_weaker();
        (0..self.variants.len())
            .map(|v| self.evidence_given(shared, Some(v)))
            .collect()
    }

    /// Whether a service-wide override is weaker than `sourced`.
    fn shared_weaker(&self) -> bool {
        self.overrides
            .iter()
            .any(|o| o.evidence != Evidence::Sourced)
    }

    fn evidence_given(&self, shared_weaker: bool, v: Option<usize>) -> Evidence {
        if self.evidence != Evidence::Sourced {
            return self.evidence;
        }
        let own = v
            .and_then(|v| self.variants.get(v))
            .map_or(&[][..], |v| &v.overrides);
        if shared_weaker || own.iter().any(|o| o.evidence != Evidence::Sourced) {
            Evidence::Partial
        } else {
            Evidence::Sourced
        }
    }

    /// The variant a normalised id, alias or name stands for.
    pub(crate) fn variant_named(&self, key: &str) -> Option<usize> {
        self.variant_keys
            .get(key)
            .copied()
            .or_else(|| self.variant_names.get(key).copied().flatten())
    }

    /// The override for `row` under variant `v` (or the service alone): the variant's own
    /// first, then the service's.
    pub fn override_for(&self, variant: Option<usize>, row: &str) -> Option<&Override<'t>> {
        variant
            .and_then(|v| self.variants.get(v))
            .and_then(|v| find_override(&v.overrides, row))
            .or_else(|| find_override(&self.overrides, row))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evidence_orders_from_strongest_to_weakest() {
        assert!(Evidence::Sourced < Evidence::Partial);
        assert!(Evidence::Partial < Evidence::Archived);
        assert!(Evidence::Archived < Evidence::Unsourced);
        assert_eq!(Evidence::Sourced.mark(), None);
        assert_eq!(Evidence::Unsourced.mark(), Some("[U]"));
    }
}
