//! The catalogue file format, exactly as written in YAML or JSON.
//!
//! These types mirror the file and nothing more: those the loader reads reject unknown fields
//! but check no cross-references. [`crate::load`] turns them into a validated [`crate::catalog::Catalog`].
//! Both parse backends (serde-saphyr for YAML, serde_json for JSON) deserialise into these same
//! types, so a catalogue means the same thing whatever its syntax. Text borrows from the input
//! where it can ([`Str`]). The loader reads the top level itself (`load/stream.rs`), and each
//! layer with its parts field by field, straight into the catalogue (`read.rs`), so the
//! sources, models, services and the rest go through these types, and layers do not:
//! [`CatalogFile`], [`LayerFile`], [`RowFile`] and [`DutiesFile`] are their shape for the JSON
//! Schema.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde::Deserialize;
use serde::de::{self, MapAccess, Visitor};

use crate::catalog::{Evidence, Owner, Str};

/// An srm catalogue: who owns each row of the stack under each service model.
///
/// The loader reads the top level itself (`load/stream.rs`); this type is the document's shape
/// for the JSON Schema, so only schemars reads its fields.
#[derive(Debug, JsonSchema)]
#[schemars(title = "srm catalogue", deny_unknown_fields)]
#[allow(dead_code)]
pub struct CatalogFile<'t> {
    /// The day the catalogue's facts were last revised, as an ISO 8601 date (`2026-11-23`).
    /// `srm export oscal` writes it as the export's `last-modified`.
    #[serde(default)]
    #[schemars(
        with = "Option<String>",
        regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    )]
    pub date: Option<Str<'t>>,
    /// Where the facts come from; rows cite these by id.
    // Required, and not empty, as models and layers are: every row cites a declared source,
    // so the loader refuses a catalogue without one.
    #[schemars(length(min = 1))]
    pub sources: Vec<SourceFile<'t>>,
    /// Service models (columns), e.g. on-prem, iaas, paas, saas.
    // Required, and not empty: the loader refuses a catalogue without models or layers.
    #[schemars(length(min = 1))]
    pub models: Vec<ModelFile<'t>>,
    /// Layers of the stack (rows), each with cells of its own or a list of parts.
    #[schemars(length(min = 1))]
    pub layers: Vec<LayerFile<'t>>,
    /// The services people run (AWS Lambda, Cloud Run…), each a column over a base model.
    #[serde(default)]
    pub services: Vec<ServiceFile<'t>>,
    /// Resource types that are no service of their own but support one row (VPCs, subnets,
    /// IAM roles, disks…): `srm plan` names them as supporting that row.
    #[serde(default)]
    pub supporting: Vec<SupportingFile<'t>>,
    /// The controls no row bears on because each organisation meets them itself (its
    /// policies, training, personnel): the customer's, each entry with why. A control neither
    /// mapped to a row nor listed here is `unmapped`, never the customer's by omission.
    #[serde(default)]
    pub organisational: Vec<OrganisationalFile<'t>>,
}

/// Controls each organisation meets itself, with why.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 't"))]
pub struct OrganisationalFile<'t> {
    /// NIST SP 800-53 rev5 control ids (`ps-3`, `at-2.2`).
    #[schemars(with = "Vec<String>", length(min = 1))]
    #[serde(deserialize_with = "counted")]
    pub ids: Vec<Located<'t>>,
    /// Why each organisation meets them itself, in a sentence.
    pub why: Str<'t>,
    /// The principle of data/CONTROLS.md the entry applies (1 to 7).
    #[schemars(range(min = 1, max = 7))]
    #[serde(default)]
    pub principle: Option<u8>,
}

/// Resource types that support one row of the matrix.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 't"))]
pub struct SupportingFile<'t> {
    /// The row they support: a layer with a row of its own, or a part.
    #[schemars(with = "String")]
    pub row: Located<'t>,
    /// What these resources are, and why they belong to the row.
    pub note: Str<'t>,
    /// The types, per inventory format.
    pub types: InventoryFile<'t>,
}

/// A cloud service: a base model, and the rows where its vendor says otherwise.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 't"))]
pub struct ServiceFile<'t> {
    /// Lowercase-kebab id (`aws-lambda`), unique across models, layers, parts and services.
    #[schemars(with = "String")]
    pub id: Located<'t>,
    /// The vendor's name for it.
    pub name: Str<'t>,
    /// Whose service it is: `aws`, `azure`, `gcp` (lowercase-kebab).
    pub provider: Str<'t>,
    #[serde(default, deserialize_with = "counted")]
    pub aliases: Vec<Str<'t>>,
    /// Words people search for (`srm find`).
    #[serde(default, deserialize_with = "counted")]
    pub keywords: Vec<Str<'t>>,
    #[serde(default)]
    pub description: Option<Str<'t>>,
    /// The model whose owners hold for every row not overridden.
    pub base: Str<'t>,
    /// How the vendor itself labels the service, in a few words.
    #[serde(default)]
    pub vendor_label: Option<Str<'t>>,
    /// The source of the base-model choice.
    pub source: Str<'t>,
    /// How well the base-model choice is sourced (default `sourced`).
    #[serde(default)]
    pub evidence: Evidence,
    /// What is weak, and why; required unless `evidence` is `sourced`.
    #[serde(default)]
    pub evidence_note: Option<Str<'t>>,
    /// Sources this service cites, added to the catalogue's (ids unique across both).
    #[serde(default, deserialize_with = "counted")]
    pub sources: Vec<SourceFile<'t>>,
    /// The resource types that identify the service in each inventory format.
    #[serde(default)]
    pub inventory: InventoryFile<'t>,
    /// Field id → value: of the services that list a resource's type, this one takes it when
    /// these hold (matched as variants' `when` are); the one without `when` takes the rest.
    #[serde(default)]
    pub when: ModelMap<'t, Str<'t>>,
    /// The settings that decide a variant.
    #[serde(default, deserialize_with = "counted")]
    pub fields: Vec<FieldFile<'t>>,
    /// Overrides for every variant, by row id.
    #[serde(default)]
    pub rows: ModelMap<'t, OverrideFile<'t>>,
    /// Configurations that change who holds some rows; one is the default.
    #[serde(default, deserialize_with = "counted")]
    pub variants: Vec<VariantFile<'t>>,
}

/// The resource types of a service, per inventory format.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 't"))]
pub struct InventoryFile<'t> {
    /// Terraform resource types (`aws_lambda_function`).
    #[serde(default, deserialize_with = "counted")]
    pub terraform: Vec<Str<'t>>,
    /// CloudFormation resource types, which AWS Config's `resourceType` shares.
    #[serde(default, deserialize_with = "counted")]
    pub cloudformation: Vec<Str<'t>>,
    /// ARM / Azure Resource Graph types (`Microsoft.Web/sites`).
    #[serde(default, deserialize_with = "counted")]
    pub arm: Vec<Str<'t>>,
    /// Google Cloud Asset Inventory asset types (`run.googleapis.com/Service`).
    #[serde(default, deserialize_with = "counted")]
    pub asset_inventory: Vec<Str<'t>>,
}

/// A setting that decides a variant, as each inventory format spells its path.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 't"))]
pub struct FieldFile<'t> {
    /// Lowercase-kebab id, unique within the service; `when` names it.
    #[schemars(with = "String")]
    pub id: Located<'t>,
    #[serde(default)]
    pub description: Option<Str<'t>>,
    #[serde(default)]
    pub terraform: Option<Str<'t>>,
    #[serde(default)]
    pub cloudformation: Option<Str<'t>>,
    #[serde(default)]
    pub arm: Option<Str<'t>>,
    #[serde(default)]
    pub asset_inventory: Option<Str<'t>>,
    /// The value the vendor applies when the field is not set (`Zip` for a Lambda function's
    /// package type); a resource without the field is matched as if it held this.
    #[serde(default)]
    pub default: Option<Str<'t>>,
}

/// A service's word on one row.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 't"))]
pub struct OverrideFile<'t> {
    pub owner: Owner,
    /// What the service does with the row.
    pub note: Str<'t>,
    /// The source id this rests on.
    pub source: Str<'t>,
    /// How well it rests on it (default `sourced`).
    #[serde(default)]
    pub evidence: Evidence,
    /// What is weak, and why; required unless `evidence` is `sourced`.
    #[serde(default)]
    pub evidence_note: Option<Str<'t>>,
    /// What stays the customer's on this row under this service, whoever holds it.
    #[serde(default, deserialize_with = "counted")]
    pub duties: Vec<Str<'t>>,
}

/// A configuration of a service.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 't"))]
pub struct VariantFile<'t> {
    /// Lowercase-kebab id, unique within the service (`aws-lambda:manual`).
    #[schemars(with = "String")]
    pub id: Located<'t>,
    pub name: Str<'t>,
    #[serde(default, deserialize_with = "counted")]
    pub aliases: Vec<Str<'t>>,
    #[serde(default)]
    pub description: Option<Str<'t>>,
    /// Whether this is the variant the service stands for when named alone.
    #[serde(default)]
    pub default: bool,
    /// Why it is the default; required on the default variant.
    #[serde(default)]
    pub why: Option<Str<'t>>,
    /// Field id → the value that selects this variant.
    #[serde(default)]
    pub when: ModelMap<'t, Str<'t>>,
    /// Overrides for this variant, by row id; they win over the service's.
    #[serde(default)]
    pub rows: ModelMap<'t, OverrideFile<'t>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 't"))]
/// A published source of facts.
pub struct SourceFile<'t> {
    /// Lowercase-kebab id, cited by rows in `source` and `see_also`.
    #[schemars(with = "String")]
    pub id: Located<'t>,
    pub title: Str<'t>,
    #[serde(default)]
    pub url: Option<Str<'t>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 't"))]
/// A service model.
pub struct ModelFile<'t> {
    /// Lowercase-kebab id, unique across models, layers and parts.
    #[schemars(with = "String")]
    pub id: Located<'t>,
    pub name: Str<'t>,
    #[serde(default, deserialize_with = "counted")]
    pub aliases: Vec<Str<'t>>,
    #[serde(default)]
    pub description: Option<Str<'t>>,
}

/// What each side does for a row when it holds it.
///
/// Read by `read.rs` (as [`LayerFile`] is); this type is its shape for the JSON Schema.
#[derive(Debug, Default, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct DutiesFile<'t> {
    /// The customer's duties.
    #[serde(default)]
    pub customer: Vec<Str<'t>>,
    /// The provider's duties.
    #[serde(default)]
    pub provider: Vec<Str<'t>>,
}

/// Controls a row bears on, with why.
// Read through `ControlsFields` (see the `Deserialize` impl), so that an entry written as a
// bare id (`controls: [ac-2]`) is told the `{ids, why}` form.
#[derive(Debug, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ControlsFile<'t> {
    /// NIST SP 800-53 rev5 control ids (`ac-2`, `ac-2.7`).
    #[schemars(length(min = 1))]
    pub ids: Vec<Str<'t>>,
    /// Why the row bears on them, in a sentence.
    pub why: Str<'t>,
    /// The principle of data/CONTROLS.md the entry applies (1 to 7).
    #[schemars(range(min = 1, max = 7))]
    pub principle: Option<u8>,
    /// Under a model where the row is shared, the side these controls concern: the
    /// application's code is the customer's half of a shared Applications row.
    pub when_shared: Option<SideFile>,
}

/// One side of a shared row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum SideFile {
    Customer,
    Provider,
}

/// [`ControlsFile`] as the file spells it, read by serde's derive (unknown, missing and
/// repeated fields refused as for every other mapping).
#[derive(Deserialize)]
#[serde(deny_unknown_fields, bound(deserialize = "'de: 't"))]
struct ControlsFields<'t> {
    #[serde(deserialize_with = "counted")]
    ids: Vec<Str<'t>>,
    why: Str<'t>,
    #[serde(default)]
    principle: Option<u8>,
    #[serde(default)]
    when_shared: Option<SideFile>,
}

/// The form a `controls` entry takes, as messages show it.
const CONTROLS_FORM: &str = "`{ids: [ac-2], why: \"how the row bears on it\"}`";

impl<'de: 't, 't> Deserialize<'de> for ControlsFile<'t> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor<'t>(PhantomData<ControlsFile<'t>>);

        impl<'de: 't, 't> Visitor<'de> for EntryVisitor<'t> {
            type Value = ControlsFile<'t>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a `controls` entry, {CONTROLS_FORM}")
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                let fields =
                    ControlsFields::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(ControlsFile {
                    ids: fields.ids,
                    why: fields.why,
                    principle: fields.principle,
                    when_shared: fields.when_shared,
                })
            }

            fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
                Err(E::custom(format!(
                    "a bare control id where a `controls` entry goes; an entry names its ids and why the row bears on them: {CONTROLS_FORM}"
                )))
            }

            fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
                Err(de::Error::custom(format!(
                    "a list where a `controls` entry goes; an entry names its ids and why the row bears on them: {CONTROLS_FORM}"
                )))
            }
        }

        deserializer.deserialize_any(EntryVisitor(PhantomData))
    }
}

/// Which questions a layer belongs to: the classic stack, or AI.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ScopeFile {
    #[default]
    Classic,
    Ai,
}

/// A layer: either cells of its own (`owners`, `notes`, `duties`, `source`) or `parts`.
///
/// The loader reads layers and their parts field by field, straight into the catalogue
/// (`read.rs`, whose field lists a test keeps equal to these); this type and [`RowFile`] are
/// their shape for the JSON Schema, so only schemars reads their fields.
#[derive(Debug, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct LayerFile<'t> {
    #[schemars(with = "String")]
    pub id: Located<'t>,
    pub name: Str<'t>,
    #[serde(default)]
    pub aliases: Vec<Str<'t>>,
    /// Words people search for that the text does not say (`srm find`).
    #[serde(default)]
    pub keywords: Vec<Str<'t>>,
    #[serde(default)]
    pub description: Option<Str<'t>>,
    /// `ai` for the AI layers (left out by `--scope classic`); `classic` when absent.
    #[serde(default)]
    pub scope: ScopeFile,
    /// A note on the row as a whole, e.g. where sources disagree.
    #[serde(default)]
    pub remark: Option<Str<'t>>,
    /// The owner under each declared model (for a layer without parts).
    #[serde(default)]
    pub owners: Option<ModelMap<'t, Owner>>,
    /// A note per model; required where the owner is `depends`.
    #[serde(default)]
    pub notes: Option<ModelMap<'t, Str<'t>>>,
    /// Per model: what still stays the customer's there whoever holds the row, written for
    /// models where the provider does (moving off an unsupported runtime, the OS layers of your
    /// own images).
    #[serde(default)]
    pub caveats: Option<ModelMap<'t, Counted<Str<'t>>>>,
    #[serde(default)]
    pub duties: Option<DutiesFile<'t>>,
    /// The id of the source this row rests on.
    #[serde(default)]
    pub source: Option<Str<'t>>,
    /// Further source ids.
    #[serde(default)]
    pub see_also: Vec<Str<'t>>,
    /// NIST SP 800-53 controls this row bears on (for a layer without parts).
    #[serde(default)]
    pub controls: Vec<ControlsFile<'t>>,
    /// The rows that make up this layer; its owner is then derived from them.
    #[serde(default)]
    #[schemars(length(min = 1))]
    pub parts: Option<Vec<RowFile<'t>>>,
}

/// A part of a layer.
#[derive(Debug, JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
pub struct RowFile<'t> {
    #[schemars(with = "String")]
    pub id: Located<'t>,
    pub name: Str<'t>,
    #[serde(default)]
    pub aliases: Vec<Str<'t>>,
    /// Words people search for that the text does not say (`srm find`).
    #[serde(default)]
    pub keywords: Vec<Str<'t>>,
    #[serde(default)]
    pub description: Option<Str<'t>>,
    /// A note on the row as a whole, e.g. where sources disagree.
    #[serde(default)]
    pub remark: Option<Str<'t>>,
    /// The owner under each declared model.
    pub owners: ModelMap<'t, Owner>,
    /// A note per model; required where the owner is `depends`.
    #[serde(default)]
    pub notes: ModelMap<'t, Str<'t>>,
    /// Per model: what still stays the customer's there whoever holds the row.
    #[serde(default)]
    pub caveats: ModelMap<'t, Counted<Str<'t>>>,
    #[serde(default)]
    pub duties: DutiesFile<'t>,
    /// The id of the source this row rests on.
    pub source: Str<'t>,
    /// Further source ids.
    #[serde(default)]
    pub see_also: Vec<Str<'t>>,
    /// NIST SP 800-53 controls this row bears on.
    #[serde(default)]
    pub controls: Vec<ControlsFile<'t>>,
}

/// List items a catalogue of `len` bytes may hold: one per 32 bytes of the file, all lists
/// together. Kept items cost more than the bytes that spell them (`[k, k, k]` is three bytes an
/// item), so this is what keeps memory in proportion to the file whatever its shape; a real
/// catalogue spends far more bytes on each item (the shipped one, about 70).
pub fn item_budget(len: usize) -> usize {
    len / 32 + 1024
}

thread_local! {
    /// List items the file being read may still hold (see [`item_budget`]); set by the loader
    /// before each parse.
    static ITEMS_LEFT: std::cell::Cell<usize> = const { std::cell::Cell::new(usize::MAX) };
}

/// Sets how many list items the next parse on this thread may read.
pub fn set_item_budget(items: usize) {
    ITEMS_LEFT.with(|left| left.set(items));
}

/// Counts one list item against the file's [`item_budget`], or says the budget is spent.
pub fn take_item<E: de::Error>() -> Result<(), E> {
    let left = ITEMS_LEFT.with(std::cell::Cell::get);
    if left == 0 {
        return Err(E::custom(
            "more list items than a catalogue of this size may hold (one per 32 bytes of the file, all lists together, counting what aliases replay); shorten the lists",
        ));
    }
    ITEMS_LEFT.with(|l| l.set(left - 1));
    Ok(())
}

/// A list, each item counted against the file's [`item_budget`] as it is read: a file past the
/// budget fails there, before its lists can grow.
fn counted<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: de::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct ListVisitor<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de>> Visitor<'de> for ListVisitor<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a list")
        }

        fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
            while let Some(item) = seq.next_element::<T>()? {
                take_item::<A::Error>()?;
                items.push(item);
            }
            // Exactly the room the items take: lists live as long as the catalogue.
            items.shrink_to_fit();
            Ok(items)
        }
    }

    deserializer.deserialize_seq(ListVisitor(PhantomData))
}

/// A list read by [`counted`], for the top-level lists the loader reads itself.
#[derive(Debug)]
pub struct Counted<T>(pub Vec<T>);

/// In the schema a counted list is a list.
impl<T: JsonSchema> JsonSchema for Counted<T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        <Vec<T>>::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <Vec<T>>::json_schema(generator)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Counted<T> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        counted(deserializer).map(Counted)
    }
}

/// A string with the place it was read from, when the parser knows it.
///
/// Validation works on parsed values; an id carries its own line and column so that a problem
/// found after parsing (a duplicate id, an unknown model) can still be reported as
/// `file:line:column`, without searching the text again. serde-saphyr fills the place in; a
/// parser that tracks no spans (serde_json) leaves it empty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<'t> {
    pub text: Str<'t>,
    /// 1-based line and column.
    pub at: Option<(usize, usize)>,
}

impl std::ops::Deref for Located<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

/// As messages quote it: cut and made safe ([`crate::sanitize::cut`]).
impl fmt::Display for Located<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&crate::sanitize::cut(&self.text))
    }
}

/// Read as serde-saphyr reads its `Spanned` (the same newtype name, so that it hands over the
/// value with its place), but keeping what serde_json lends: a plain JSON string comes back
/// borrowed from the file, so the loader can tell where it stands from its address.
impl<'de: 't, 't> Deserialize<'de> for Located<'t> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Outer<'t>(PhantomData<Located<'t>>);
        struct Inner<'t>(PhantomData<Located<'t>>);

        impl<'de: 't, 't> Visitor<'de> for Outer<'t> {
            type Value = Located<'t>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }

            fn visit_newtype_struct<D: de::Deserializer<'de>>(
                self,
                deserializer: D,
            ) -> Result<Located<'t>, D::Error> {
                deserializer.deserialize_any(Inner(PhantomData))
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Located<'t>, E> {
                Inner(PhantomData).visit_borrowed_str(v)
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Located<'t>, E> {
                Inner(PhantomData).visit_str(v)
            }
        }

        impl<'de: 't, 't> Visitor<'de> for Inner<'t> {
            type Value = Located<'t>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text")
            }

            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Located<'t>, E> {
                Ok(Located {
                    text: Str::from(v),
                    at: None,
                })
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Located<'t>, E> {
                Ok(Located {
                    text: Str::from(v.to_owned()),
                    at: None,
                })
            }

            fn visit_string<E: de::Error>(self, v: String) -> Result<Located<'t>, E> {
                Ok(Located {
                    text: Str::from(v),
                    at: None,
                })
            }

            /// serde-saphyr's span-aware form: a marker entry, then the value and its places.
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Located<'t>, A::Error> {
                let mut text = None;
                let mut at = None;
                while let Some(key) = map.next_key::<Cow<'de, str>>()? {
                    match &*key {
                        "value" => text = Some(map.next_value::<Str<'t>>()?),
                        "referenced" => {
                            let place = map.next_value::<serde_saphyr::Location>()?;
                            at = (place.line() > 0).then(|| {
                                let wide = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
                                (wide(place.line()), wide(place.column()))
                            });
                        }
                        "defined" => {
                            map.next_value::<serde_saphyr::Location>()?;
                        }
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                let text = text.ok_or_else(|| de::Error::custom("expected text here"))?;
                Ok(Located { text, at })
            }
        }

        deserializer.deserialize_newtype_struct("__yaml_spanned", Outer(PhantomData))
    }
}

/// A mapping from model id to a value, in file order. A key given twice is kept twice here and
/// reported by validation (YAML's parser refuses it earlier, with its place; JSON's does not).
#[derive(Debug, Clone, PartialEq)]
pub struct ModelMap<'t, T>(pub Vec<(Str<'t>, T)>);

impl<T> Default for ModelMap<'_, T> {
    fn default() -> Self {
        ModelMap(Vec::new())
    }
}

impl<'de: 't, 't, T: Deserialize<'de>> Deserialize<'de> for ModelMap<'t, T> {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MapVisitor<'t, T>(PhantomData<(Str<'t>, T)>);

        impl<'de: 't, 't, T: Deserialize<'de>> Visitor<'de> for MapVisitor<'t, T> {
            type Value = ModelMap<'t, T>;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a mapping from model id to value")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut entries = Vec::with_capacity(map.size_hint().unwrap_or(4).min(64));
                while let Some(entry) = map.next_entry()? {
                    entries.push(entry);
                }
                Ok(ModelMap(entries))
            }
        }

        deserializer.deserialize_map(MapVisitor(PhantomData))
    }
}

/// In the schema a model map is an object whose values are `T`.
impl<T: JsonSchema> JsonSchema for ModelMap<'_, T> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        <BTreeMap<String, T>>::schema_name()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        <BTreeMap<String, T>>::json_schema(generator)
    }
}

/// The JSON Schema of the catalogue format, derived from the types above so it cannot drift.
pub fn json_schema() -> serde_json::Result<String> {
    let schema = schemars::schema_for!(CatalogFile);
    let mut text = serde_json::to_string_pretty(&schema)?;
    text.push('\n');
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_describes_the_format_and_refuses_unknown_fields() {
        let schema: serde_json::Value = serde_json::from_str(&json_schema().unwrap()).unwrap();
        assert_eq!(schema["title"], "srm catalogue");
        assert_eq!(schema["additionalProperties"], false);
        let owner = &schema["$defs"]["Owner"];
        let text = owner.to_string();
        for o in ["customer", "provider", "shared", "depends"] {
            assert!(text.contains(o), "{text}");
        }
        assert_eq!(schema["$defs"]["LayerFile"]["additionalProperties"], false);
        assert_eq!(
            schema["$defs"]["LayerFile"]["properties"]["id"]["type"],
            "string"
        );
    }

    #[test]
    fn ids_know_their_place_in_yaml_and_do_without_in_json() {
        let yaml: ModelFile = serde_saphyr::from_str("name: P\nid:   paas\n").unwrap();
        assert_eq!(&*yaml.id, "paas");
        assert_eq!(yaml.id.at, Some((2, 7)));
        let json: ModelFile = serde_json::from_str(r#"{"id": "paas", "name": "P"}"#).unwrap();
        assert_eq!(&*json.id, "paas");
        assert_eq!(json.id.at, None);
    }
}
