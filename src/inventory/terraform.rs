//! The top of a JSON inventory, read in one pass, and Terraform's modules within it: each
//! resource goes to the sink as soon as it is parsed, its deciding fields found in its
//! `values` as they are parsed (its type comes first in `terraform show -json`), so a state
//! is parsed once and never held as a list of resources.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use super::detect::{emit, paths};
use super::fields::{self, Spelling};
use super::formats::Top;
use super::{Format, Side, Sink};
use crate::catalog::{Family, Str, TypeIndex};

/// What the seeds share: the types table, and where resources go.
pub(crate) struct Context<'c, 'i, 's, 'k> {
    pub index: &'c TypeIndex<'i>,
    pub sink: &'c mut Sink<'s>,
    pub _k: std::marker::PhantomData<&'k ()>,
}

/// Reads the top of a JSON object inventory into a [`Top`], handing Terraform resources on.
pub(crate) struct TopSeed<'x, 'c, 'i, 's, 'k>(pub &'x mut Context<'c, 'i, 's, 'k>);

impl<'de> DeserializeSeed<'de> for TopSeed<'_, '_, '_, '_, '_> {
    type Value = Top<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Top<'de>, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for TopSeed<'_, '_, '_, '_, '_> {
    type Value = Top<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an inventory: a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top<'de>, A::Error> {
        let mut top = Top::default();
        while let Some(key) = map.next_key::<Str<'de>>()? {
            match &*key {
                "format_version" => top.format_version = Some(map.next_value()?),
                "values" => {
                    top.values = true;
                    map.next_value_seed(ValuesSeed {
                        ctx: &mut *self.0,
                        format: Format::TerraformState,
                        side: Side::Current,
                    })?;
                }
                "planned_values" => {
                    top.planned_values = true;
                    map.next_value_seed(ValuesSeed {
                        ctx: &mut *self.0,
                        format: Format::TerraformPlan,
                        side: Side::Current,
                    })?;
                }
                "prior_state" => {
                    top.prior_state = true;
                    map.next_value_seed(PriorSeed(&mut *self.0))?;
                }
                "Resources" => top.cfn_resources = Some(map.next_value()?),
                "configurationItems" => top.config_items = Some(map.next_value()?),
                "resources" => top.resources = Some(map.next_value::<&'de RawValue>()?),
                "data" => top.data = Some(map.next_value()?),
                other => {
                    match other {
                        "$schema" => top.schema = true,
                        "contentVersion" => top.content_version = true,
                        "lineage" => top.lineage = true,
                        "serial" => top.serial = true,
                        _ => {}
                    }
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(top)
    }
}

/// `prior_state`: a state whose `values` are the plan's before-set.
struct PriorSeed<'x, 'c, 'i, 's, 'k>(&'x mut Context<'c, 'i, 's, 'k>);

impl<'de> DeserializeSeed<'de> for PriorSeed<'_, '_, '_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for PriorSeed<'_, '_, '_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a prior state")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Str<'de>>()? {
            if &*key == "values" {
                map.next_value_seed(ValuesSeed {
                    ctx: &mut *self.0,
                    format: Format::TerraformPlan,
                    side: Side::Prior,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// `values` (or `planned_values`): its `root_module`.
struct ValuesSeed<'x, 'c, 'i, 's, 'k> {
    ctx: &'x mut Context<'c, 'i, 's, 'k>,
    format: Format,
    side: Side,
}

impl<'de> DeserializeSeed<'de> for ValuesSeed<'_, '_, '_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ValuesSeed<'_, '_, '_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Terraform values with a root_module")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Str<'de>>()? {
            if &*key == "root_module" {
                map.next_value_seed(ModuleSeed {
                    ctx: &mut *self.ctx,
                    format: self.format,
                    side: self.side,
                })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(())
    }
}

/// A module: its resources, then its child modules, to any depth (serde_json's nesting limit
/// bounds it).
struct ModuleSeed<'x, 'c, 'i, 's, 'k> {
    ctx: &'x mut Context<'c, 'i, 's, 'k>,
    format: Format,
    side: Side,
}

impl<'de> DeserializeSeed<'de> for ModuleSeed<'_, '_, '_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ModuleSeed<'_, '_, '_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Terraform module")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<Str<'de>>()? {
            match &*key {
                "resources" => map.next_value_seed(ListSeed {
                    ctx: &mut *self.ctx,
                    format: self.format,
                    side: self.side,
                    modules: false,
                })?,
                "child_modules" => map.next_value_seed(ListSeed {
                    ctx: &mut *self.ctx,
                    format: self.format,
                    side: self.side,
                    modules: true,
                })?,
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// A module's `resources` or `child_modules`.
struct ListSeed<'x, 'c, 'i, 's, 'k> {
    ctx: &'x mut Context<'c, 'i, 's, 'k>,
    format: Format,
    side: Side,
    modules: bool,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_, '_, '_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_, '_, '_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a list")
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        loop {
            let more = if self.modules {
                seq.next_element_seed(ModuleSeed {
                    ctx: &mut *self.ctx,
                    format: self.format,
                    side: self.side,
                })?
            } else {
                seq.next_element_seed(ResourceSeed {
                    ctx: &mut *self.ctx,
                    format: self.format,
                    side: self.side,
                })?
            };
            if more.is_none() {
                return Ok(());
            }
        }
    }
}

/// One resource: read, and handed on.
struct ResourceSeed<'x, 'c, 'i, 's, 'k> {
    ctx: &'x mut Context<'c, 'i, 's, 'k>,
    format: Format,
    side: Side,
}

impl<'de> DeserializeSeed<'de> for ResourceSeed<'_, '_, '_, '_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ResourceSeed<'_, '_, '_, '_, '_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a Terraform resource")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut address: Option<Str<'de>> = None;
        let mut mode: Option<Str<'de>> = None;
        let mut ty: Option<Str<'de>> = None;
        let mut name: Option<Str<'de>> = None;
        let mut values: Option<Vec<Option<String>>> = None;
        let mut late: Option<&'de RawValue> = None;
        while let Some(key) = map.next_key::<Str<'de>>()? {
            match &*key {
                "address" => address = Some(map.next_value()?),
                "mode" => mode = Some(map.next_value()?),
                "type" => ty = Some(map.next_value()?),
                "name" => name = Some(map.next_value()?),
                "values" => match &ty {
                    // The type came first, as Terraform writes it: the fields are found now.
                    Some(t) => {
                        let paths = paths(self.ctx.index, Family::Terraform, t);
                        if paths.is_empty() {
                            map.next_value::<IgnoredAny>()?;
                        } else {
                            let mut out = vec![None; paths.len()];
                            map.next_value_seed(fields::PathsSeed {
                                paths,
                                spelling: Spelling::AsWritten,
                                out: &mut out,
                            })?;
                            values = Some(out);
                        }
                    }
                    None => late = Some(map.next_value()?),
                },
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(ty) = ty else {
            return Err(de::Error::missing_field("type"));
        };
        if mode.as_deref() == Some("data") {
            return Ok(());
        }
        let paths = paths(self.ctx.index, Family::Terraform, &ty);
        let values = match values {
            Some(v) => v,
            None => fields::values(late, paths, Spelling::AsWritten),
        };
        let fallback;
        let address = match &address {
            Some(a) => &**a,
            None => {
                fallback = format!("{}.{}", &*ty, name.as_deref().unwrap_or("?"));
                &fallback
            }
        };
        emit(
            self.format,
            self.ctx.sink,
            self.side,
            address,
            &ty,
            false,
            &values,
        );
        Ok(())
    }
}
