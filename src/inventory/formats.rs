//! The shapes srm reads of each format: only the keys it needs; everything else is skipped
//! by serde (unknown keys) or kept as an unparsed slice of the text ([`RawValue`]) until a
//! deciding field asks for it.

use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde_json::value::RawValue;

// Names are read as the catalogue's text is: borrowed from the file when they hold no escape
// (serde's `Option<Cow<str>>` never borrows), so most cost no copy.
use crate::catalog::Str;

/// The top of a JSON inventory, every format's keys at once: one pass over the file reads
/// whichever it is. Terraform's resources are handed on as they are parsed
/// ([`super::terraform`]), so only their presence is kept here.
#[derive(Default)]
pub(crate) struct Top<'a> {
    // Terraform.
    pub format_version: Option<Str<'a>>,
    pub values: bool,
    pub planned_values: bool,
    pub prior_state: bool,
    // CloudFormation.
    pub cfn_resources: Option<Entries<'a, CfnResource<'a>>>,
    // AWS Config.
    pub config_items: Option<Vec<ConfigItem<'a>>>,
    // ARM.
    pub resources: Option<&'a RawValue>,
    pub schema: bool,
    pub content_version: bool,
    // Resource Graph.
    pub data: Option<Vec<&'a RawValue>>,
    // A raw `terraform.tfstate`, which srm does not read (its keys, to say so).
    pub lineage: bool,
    pub serial: bool,
}

#[derive(Deserialize)]
pub(crate) struct CfnResource<'a> {
    #[serde(borrow, rename = "Type")]
    pub ty: Str<'a>,
    #[serde(default, rename = "Condition")]
    pub condition: Option<IgnoredAny>,
    #[serde(default, borrow, rename = "Properties")]
    pub properties: Option<&'a RawValue>,
}

#[derive(Deserialize)]
pub(crate) struct CfnYaml {
    #[serde(default, rename = "Resources")]
    pub resources: Option<Entries<'static, CfnYamlResource>>,
}

#[derive(Deserialize)]
pub(crate) struct CfnYamlResource {
    #[serde(rename = "Type")]
    pub ty: String,
    #[serde(default, rename = "Condition")]
    pub condition: Option<IgnoredAny>,
    #[serde(default, rename = "Properties")]
    pub properties: Option<serde_json::Value>,
}

#[derive(Deserialize)]
pub(crate) struct ConfigItem<'a> {
    #[serde(borrow, rename = "resourceType")]
    pub ty: Str<'a>,
    #[serde(default, borrow, rename = "resourceName")]
    pub name: Option<Str<'a>>,
    #[serde(default, borrow, rename = "resourceId")]
    pub id: Option<Str<'a>>,
    #[serde(default, borrow, rename = "ARN", alias = "arn")]
    pub arn: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub configuration: Option<&'a RawValue>,
    /// `OK`, `ResourceDiscovered`, `ResourceDeleted`, `ResourceNotRecorded`…
    #[serde(default, borrow, rename = "configurationItemStatus")]
    pub status: Option<Str<'a>>,
    #[serde(default, borrow, rename = "configurationItemCaptureTime")]
    pub captured: Option<Str<'a>>,
}

#[derive(Deserialize)]
pub(crate) struct ArmResource<'a> {
    #[serde(borrow, rename = "type")]
    pub ty: Str<'a>,
    #[serde(default, borrow)]
    pub name: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub condition: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub resources: Option<&'a RawValue>,
    /// Language version 2.0: a reference to a resource deployed elsewhere.
    #[serde(default, borrow)]
    pub existing: Option<&'a RawValue>,
    #[serde(default, borrow)]
    pub properties: Option<&'a RawValue>,
}

/// The part of a nested deployment's `properties` srm reads: its inline template.
#[derive(Deserialize)]
pub(crate) struct ArmDeployment<'a> {
    #[serde(default, borrow)]
    pub template: Option<ArmInline<'a>>,
}

#[derive(Deserialize)]
pub(crate) struct ArmInline<'a> {
    #[serde(default, borrow)]
    pub resources: Option<&'a RawValue>,
}

/// An item of Resource Graph's `data`, of `az resource list`, or of an asset list.
#[derive(Deserialize)]
pub(crate) struct ListItem<'a> {
    #[serde(default, borrow, rename = "type")]
    pub ty: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub id: Option<Str<'a>>,
    #[serde(default, borrow)]
    pub name: Option<Str<'a>>,
    #[serde(default, borrow, alias = "assetType")]
    pub asset_type: Option<Str<'a>>,
}

/// A mapping's entries in file order (a CloudFormation template's `Resources`).
pub(crate) struct Entries<'a, V>(pub Vec<(Cow<'a, str>, V)>);

// Keys are read owned (serde's `Cow` never borrows), so the entries outlive any text.
impl<'de, 'a, V: Deserialize<'de>> Deserialize<'de> for Entries<'a, V> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct V2<'a, V>(PhantomData<(&'a (), V)>);
        impl<'de, 'a, V: Deserialize<'de>> Visitor<'de> for V2<'a, V> {
            type Value = Entries<'a, V>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping of names to resources")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out = Vec::new();
                while let Some(key) = map.next_key::<String>()? {
                    let value = map.next_value::<V>()?;
                    out.push((Cow::Owned(key), value));
                }
                Ok(Entries(out))
            }
        }
        deserializer.deserialize_map(V2(PhantomData))
    }
}
