//! The types table: what a resource type in an inventory stands for — one of the services
//! that list it (their `inventory`), or a row it supports (the catalogue's `supporting`) — and
//! the rule that picks among services and variants by the resource's deciding fields.
//!
//! The catalogue decides; nothing here knows a vendor's type by name.

use std::borrow::Cow;

use foldhash::HashMap;

use super::{Catalog, Inventory, Service, ServiceId, Text};

/// The inventory formats as the catalogue groups their types: AWS Config shares
/// CloudFormation's, Azure Resource Graph ARM's.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Terraform,
    CloudFormation,
    Arm,
    AssetInventory,
}

impl Family {
    pub const ALL: [Family; 4] = [
        Family::Terraform,
        Family::CloudFormation,
        Family::Arm,
        Family::AssetInventory,
    ];

    /// The key the catalogue writes the family under (`inventory.terraform`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Terraform => "terraform",
            Family::CloudFormation => "cloudformation",
            Family::Arm => "arm",
            Family::AssetInventory => "asset_inventory",
        }
    }

    /// The form a type is looked up in: Azure types are compared case-insensitively (Resource
    /// Graph writes them in lower case, templates in mixed case); the others exactly.
    pub fn key(self, ty: &str) -> Cow<'_, str> {
        match self {
            Family::Arm if ty.bytes().any(|b| b.is_ascii_uppercase()) => {
                Cow::Owned(ty.to_ascii_lowercase())
            }
            _ => Cow::Borrowed(ty),
        }
    }
}

/// Resource types that support one row of the matrix without being a service.
#[derive(Clone, Debug)]
pub struct Supporting<'t> {
    /// The row's id (a layer with a row of its own, or a part).
    pub(super) row: Text<'t>,
    pub(super) note: Text<'t>,
    pub(super) types: Inventory<'t>,
}

impl<'t> Supporting<'t> {
    pub fn row(&self) -> &str {
        &self.row
    }
    pub fn note(&self) -> &str {
        &self.note
    }
    pub fn types(&self) -> &Inventory<'t> {
        &self.types
    }
}

/// What a type stands for.
#[derive(Debug)]
pub enum Claim<'c> {
    /// The services that list it, in catalogue order, and the distinct paths of their
    /// deciding fields in this family: what a reader must fetch of a resource of this type.
    Services {
        services: Vec<ServiceId>,
        paths: Vec<&'c str>,
    },
    /// The index of the [`Supporting`] entry that lists it.
    Supports(usize),
}

/// Every type the catalogue names, per family.
#[derive(Debug)]
pub struct TypeIndex<'c> {
    maps: [HashMap<String, Claim<'c>>; 4],
}

impl<'c> TypeIndex<'c> {
    /// Built from the catalogue, linear in the types it lists. A type both a service and a
    /// supporting entry list is the service's (validation refuses such a catalogue).
    pub fn new(cat: &'c Catalog<'_>) -> TypeIndex<'c> {
        let mut maps: [HashMap<String, Claim<'c>>; 4] = Default::default();
        for (f, family) in Family::ALL.into_iter().enumerate() {
            let map = &mut maps[f];
            for (i, support) in cat.supporting().iter().enumerate() {
                for ty in support.types.of(family) {
                    map.entry(family.key(ty).into_owned())
                        .or_insert(Claim::Supports(i));
                }
            }
            for (s, service) in cat.services().iter().enumerate() {
                for ty in service.inventory().of(family) {
                    let claim = map
                        .entry(family.key(ty).into_owned())
                        .or_insert(Claim::Services {
                            services: Vec::new(),
                            paths: Vec::new(),
                        });
                    if let Claim::Supports(_) = claim {
                        *claim = Claim::Services {
                            services: Vec::new(),
                            paths: Vec::new(),
                        };
                    }
                    if let Claim::Services { services, paths } = claim {
                        let id = ServiceId::new(s);
                        if services.last() == Some(&id) {
                            continue;
                        }
                        services.push(id);
                        for path in service.fields().iter().filter_map(|f| f.path(family)) {
                            if !paths.contains(&path) {
                                paths.push(path);
                            }
                        }
                    }
                }
            }
        }
        TypeIndex { maps }
    }

    pub fn get(&self, family: Family, ty: &str) -> Option<&Claim<'c>> {
        self.maps[family as usize].get(&*family.key(ty))
    }

    /// Every type with its claim, in no particular order.
    pub fn iter(&self, family: Family) -> impl Iterator<Item = (&str, &Claim<'c>)> {
        self.maps[family as usize]
            .iter()
            .map(|(k, v)| (k.as_str(), v))
    }
}

/// Whether a resource's `value` is what a `when` asks for (`wanted`): equal, ignoring ASCII
/// case; or, for a comma-separated value (ARM's `kind`, such as `functionapp,linux`), one of
/// its items is; or `wanted` ends with `*` and the value starts with the rest (`aurora*`).
pub fn value_matches(value: &str, wanted: &str) -> bool {
    if let Some(prefix) = wanted.strip_suffix('*') {
        return value.len() >= prefix.len()
            && value.is_char_boundary(prefix.len())
            && value[..prefix.len()].eq_ignore_ascii_case(prefix);
    }
    value.eq_ignore_ascii_case(wanted)
        || (value.contains(',')
            && value
                .split(',')
                .any(|item| item.trim().eq_ignore_ascii_case(wanted)))
}

/// Whether every condition of `when` holds, each field's value coming from `value` (the
/// resource's, or the field's `default` where the resource does not set it).
pub fn when_holds<'v>(
    service: &Service<'_>,
    when: &[(Text<'_>, Text<'_>)],
    value: &impl Fn(&str) -> Option<&'v str>,
) -> bool {
    when.iter().all(|(field, wanted)| {
        let default = service.field(field).and_then(|f| f.default_value());
        match value(field).or(default) {
            Some(v) => value_matches(v, wanted),
            None => false,
        }
    })
}

/// How a service's variant was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decided {
    /// The resource's deciding fields (or their defaults) match the variant's `when`.
    Fields,
    /// Nothing matched: the service's default variant.
    Default,
}

/// The service, of `services` (those listing the type), that takes a resource: the one
/// whose `when` holds with the most conditions (the first of equals); else the one without
/// `when`; else the first whose `when` this format cannot decide (a field with no path in it
/// and no default); else none: every service's `when` was read and fails. `value(service,
/// field)` is the resource's value of a service's field; `readable(service, field)` says
/// whether the format has a path for it.
pub fn pick_service<'v>(
    cat: &Catalog<'_>,
    services: &[ServiceId],
    value: impl Fn(&Service<'_>, &str) -> Option<&'v str>,
    readable: impl Fn(&Service<'_>, &str) -> bool,
) -> Option<ServiceId> {
    let mut best: Option<(usize, ServiceId)> = None;
    let mut fallback = None;
    let mut undecided = None;
    for &id in services {
        let s = cat.service(id);
        if s.when().is_empty() {
            fallback.get_or_insert(id);
            continue;
        }
        let n = s.when().len();
        if best.is_none_or(|(m, _)| n > m) && when_holds(s, s.when(), &|f| value(s, f)) {
            best = Some((n, id));
        }
        let cannot_tell = s
            .when()
            .iter()
            .any(|(f, _)| !readable(s, f) && s.field(f).and_then(|x| x.default_value()).is_none());
        if cannot_tell {
            undecided.get_or_insert(id);
        }
    }
    best.map(|(_, id)| id).or(fallback).or(undecided)
}

/// The variant of `service` a resource is: the one whose `when` holds with the most
/// conditions (the first of equals), else the default. `None` for a service without
/// variants.
pub fn pick_variant<'v>(
    service: &Service<'_>,
    value: impl Fn(&str) -> Option<&'v str>,
) -> Option<(usize, Decided)> {
    let mut best: Option<(usize, usize)> = None;
    for (i, v) in service.variants().iter().enumerate() {
        let n = v.when().len();
        if n > 0 && best.is_none_or(|(m, _)| n > m) && when_holds(service, v.when(), &value) {
            best = Some((n, i));
        }
    }
    match best {
        Some((_, i)) => Some((i, Decided::Fields)),
        None => service.default_variant().map(|i| (i, Decided::Default)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_match_case_lists_and_prefixes() {
        assert!(value_matches("Image", "image"));
        assert!(value_matches("functionapp,linux", "functionapp"));
        assert!(value_matches("app, linux ,container", "container"));
        assert!(!value_matches("app,linux", "functionapp"));
        assert!(!value_matches("functionapps", "functionapp"));
        assert!(value_matches("aurora-postgresql", "aurora*"));
        assert!(!value_matches("postgres", "aurora*"));
        assert!(!value_matches("é", "\u{e9}x*"));
        assert!(value_matches("true", "TRUE"));
    }

    #[test]
    fn arm_types_are_keyed_in_lower_case() {
        assert_eq!(
            Family::Arm.key("Microsoft.Web/sites"),
            "microsoft.web/sites"
        );
        assert_eq!(Family::Terraform.key("aws_Instance"), "aws_Instance");
    }
}
