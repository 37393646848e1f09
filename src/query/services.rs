//! `srm services`: the services the catalogue knows, with their base model, variants and how
//! well each fact is sourced.

use schemars::JsonSchema;
use serde::Serialize;

use super::{SourceRef, source_ref};
use crate::catalog::{Catalog, Evidence, Override, Owner, Service, Text};

/// A service's word on one row.
#[derive(Debug, Serialize, JsonSchema)]
pub struct OverrideInfo<'a> {
    /// The row (a layer with a row of its own, or a part).
    pub row: &'a str,
    pub owner: Owner,
    pub note: &'a str,
    pub evidence: Evidence,
    /// What is weak, when the evidence is not `sourced`.
    pub evidence_note: Option<&'a str>,
    /// What stays the customer's on this row under the service, whoever holds it.
    pub duties: Vec<&'a str>,
    pub source: SourceRef<'a>,
}

/// A setting that decides a variant, and the value that selects it.
#[derive(Debug, Serialize, JsonSchema)]
pub struct WhenInfo<'a> {
    pub field: &'a str,
    pub value: &'a str,
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct VariantInfo<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub aliases: &'a [Text<'a>],
    pub description: Option<&'a str>,
    /// Whether the service stands for this variant when named alone.
    pub default: bool,
    /// How well the service in this variant is sourced: `partial` when some fact it applies
    /// is weaker than the rest, the base's evidence when that is weaker.
    pub evidence: Evidence,
    /// Why it is the default (on the default variant only).
    pub why_default: Option<&'a str>,
    /// The setting values that select it.
    pub when: Vec<WhenInfo<'a>>,
    /// Its own overrides, which win over the service's.
    pub overrides: Vec<OverrideInfo<'a>>,
}

/// A setting that decides a variant, as each inventory format spells its path.
#[derive(Debug, Serialize, JsonSchema)]
pub struct FieldInfo<'a> {
    pub id: &'a str,
    pub description: Option<&'a str>,
    pub terraform: Option<&'a str>,
    pub cloudformation: Option<&'a str>,
    pub arm: Option<&'a str>,
    pub asset_inventory: Option<&'a str>,
}

/// The resource types that identify a service, per inventory format.
#[derive(Debug, Serialize, JsonSchema)]
pub struct InventoryInfo<'a> {
    pub terraform: &'a [Text<'a>],
    /// CloudFormation types, which AWS Config's `resourceType` shares.
    pub cloudformation: &'a [Text<'a>],
    /// ARM and Azure Resource Graph types.
    pub arm: &'a [Text<'a>],
    /// Google Cloud Asset Inventory asset types.
    pub asset_inventory: &'a [Text<'a>],
}

#[derive(Debug, Serialize, JsonSchema)]
pub struct ServiceInfo<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub provider: &'a str,
    pub aliases: &'a [Text<'a>],
    pub keywords: &'a [Text<'a>],
    pub description: Option<&'a str>,
    /// The model whose owners hold for every row the service does not override.
    pub base_model: &'a str,
    /// How the vendor itself labels the service.
    pub vendor_label: Option<&'a str>,
    /// How well the service (in its default variant) is sourced: `sourced` when a vendor page
    /// states every fact; `partial` when some are not stated; `archived` or `unsourced` when
    /// the base-model choice itself rests on no current vendor page.
    pub evidence: Evidence,
    /// How well the base-model choice is sourced, and what is weak about it.
    pub base_evidence: Evidence,
    pub base_evidence_note: Option<&'a str>,
    pub base_source: SourceRef<'a>,
    /// The variant the service stands for when named alone (null without variants).
    pub default_variant: Option<&'a str>,
    /// Overrides for every variant.
    pub overrides: Vec<OverrideInfo<'a>>,
    pub variants: Vec<VariantInfo<'a>>,
    pub inventory: InventoryInfo<'a>,
    pub fields: Vec<FieldInfo<'a>>,
}

/// The answer to `srm services`.
#[derive(Debug, Serialize, JsonSchema)]
pub struct Services<'a> {
    /// The provider asked for (null: all of them).
    pub provider: Option<&'a str>,
    pub services: Vec<ServiceInfo<'a>>,
}

/// The services of `provider` (all of them for `None`), in catalogue order.
pub fn services<'a>(cat: &'a Catalog<'_>, provider: Option<&'a str>) -> Services<'a> {
    Services {
        provider,
        services: cat
            .services()
            .iter()
            .filter(|s| provider.is_none_or(|p| s.provider() == p))
            .map(|s| info(cat, s))
            .collect(),
    }
}

/// The providers the catalogue's services come from, each once, in catalogue order.
pub fn providers<'a>(cat: &'a Catalog<'_>) -> Vec<&'a str> {
    let mut seen = super::Distinct::default();
    seen.extend(cat.services().iter().map(Service::provider));
    seen.items
}

fn overrides<'a>(cat: &'a Catalog<'_>, list: &'a [Override<'_>]) -> Vec<OverrideInfo<'a>> {
    list.iter()
        .map(|o| OverrideInfo {
            row: o.row(),
            owner: o.owner(),
            note: o.note(),
            evidence: o.evidence(),
            evidence_note: o.evidence_note(),
            duties: o.duties().iter().map(|d| &**d).collect(),
            source: source_ref(cat, o.source()),
        })
        .collect()
}

fn info<'a>(cat: &'a Catalog<'_>, s: &'a Service<'_>) -> ServiceInfo<'a> {
    let evidences = s.variant_evidences();
    ServiceInfo {
        id: s.id(),
        name: s.name(),
        provider: s.provider(),
        aliases: s.aliases(),
        keywords: s.keywords(),
        description: s.description(),
        base_model: cat.model(s.base()).id(),
        vendor_label: s.vendor_label(),
        evidence: s.evidence(),
        base_evidence: s.base_evidence(),
        base_evidence_note: s.base_evidence_note(),
        base_source: source_ref(cat, s.source()),
        default_variant: s.default_variant().map(|v| s.variants()[v].id()),
        overrides: overrides(cat, s.overrides()),
        variants: s
            .variants()
            .iter()
            .enumerate()
            .map(|(i, v)| VariantInfo {
                id: v.id(),
                name: v.name(),
                aliases: v.aliases(),
                description: v.description(),
                default: s.default_variant() == Some(i),
                evidence: evidences[i],
                why_default: v.why_default(),
                when: v
                    .when()
                    .iter()
                    .map(|(field, value)| WhenInfo { field, value })
                    .collect(),
                overrides: overrides(cat, v.overrides()),
            })
            .collect(),
        inventory: InventoryInfo {
            terraform: s.inventory().terraform(),
            cloudformation: s.inventory().cloudformation(),
            arm: s.inventory().arm(),
            asset_inventory: s.inventory().asset_inventory(),
        },
        fields: s
            .fields()
            .iter()
            .map(|f| FieldInfo {
                id: f.id(),
                description: f.description(),
                terraform: f.terraform(),
                cloudformation: f.cloudformation(),
                arm: f.arm(),
                asset_inventory: f.asset_inventory(),
            })
            .collect(),
    }
}
