//! Reading a user's inventory: Terraform JSON (state or plan), CloudFormation templates (JSON
//! or YAML), AWS Config configuration items, ARM templates, Azure Resource Graph or
//! `az resource list` output, and Google Cloud Asset Inventory exports (a JSON array or
//! newline-delimited JSON).
//!
//! An inventory is untrusted and secret-bearing. A reader takes only what srm needs of each
//! resource — its type, its address or name, whether a condition guards it, and the values of
//! the deciding fields the catalogue names for its type — and skips the rest unread: attribute
//! values are never kept, and no error message quotes one. Newline-delimited exports are read
//! one line at a time, so their size does not bound memory; a JSON document is read whole and
//! parsed once, with what is skipped left as unparsed slices of the text. A YAML template
//! (CloudFormation, at most [`MAX_YAML`]) is the exception: YAML has no unparsed slices, so
//! each resource's `Properties` is parsed into a tree, read for its deciding fields only, and
//! dropped with the template.

mod detect;
mod error;
mod fields;
mod formats;
mod terraform;

use std::io::BufRead;

use crate::catalog::{Family, TypeIndex};

pub use error::InventoryError;

/// Largest JSON or YAML document read whole (newline-delimited exports have no limit but a
/// line's): room for a Terraform state of hundreds of thousands of resources, small enough
/// to refuse `/dev/zero`.
pub const MAX_DOCUMENT: u64 = 1024 * 1024 * 1024;

/// Largest YAML document: YAML is parsed into a tree, so its budget is lower.
pub const MAX_YAML: u64 = 64 * 1024 * 1024;

/// Longest line of a newline-delimited export.
pub const MAX_LINE: usize = 16 * 1024 * 1024;

/// Longest address or type kept; a longer one is cut and ends with `…`.
pub const MAX_NAME: usize = 1024;

/// The inventory formats srm reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// `terraform show -json` of a state.
    TerraformState,
    /// `terraform show -json` of a saved plan: its planned values, against its prior state.
    TerraformPlan,
    /// A CloudFormation template, JSON or YAML.
    CloudFormation,
    /// AWS Config configuration items.
    AwsConfig,
    /// An Azure Resource Manager template.
    ArmTemplate,
    /// Azure Resource Graph results (`data[]`) or `az resource list` output (a bare list).
    ResourceGraph,
    /// A Google Cloud Asset Inventory export: a JSON array or newline-delimited JSON.
    AssetInventory,
}

impl Format {
    pub const ALL: [Format; 7] = [
        Format::TerraformState,
        Format::TerraformPlan,
        Format::CloudFormation,
        Format::AwsConfig,
        Format::ArmTemplate,
        Format::ResourceGraph,
        Format::AssetInventory,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Format::TerraformState => "terraform-state",
            Format::TerraformPlan => "terraform-plan",
            Format::CloudFormation => "cloudformation",
            Format::AwsConfig => "aws-config",
            Format::ArmTemplate => "arm-template",
            Format::ResourceGraph => "resource-graph",
            Format::AssetInventory => "asset-inventory",
        }
    }

    /// The format named `name` (as [`Format::as_str`] writes it).
    pub fn named(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.as_str() == name)
    }

    /// Whose resource types (and field paths) the format uses.
    pub fn family(self) -> Family {
        match self {
            Format::TerraformState | Format::TerraformPlan => Family::Terraform,
            Format::CloudFormation | Format::AwsConfig => Family::CloudFormation,
            Format::ArmTemplate | Format::ResourceGraph => Family::Arm,
            Format::AssetInventory => Family::AssetInventory,
        }
    }
}

/// Which side of a comparison a resource is on: what runs (or will run), or, for a Terraform
/// plan, what ran before it (its prior state).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Current,
    Prior,
}

/// One resource as read: nothing of its attributes but the deciding fields' values, which
/// are for matching only and never shown.
#[derive(Debug)]
pub struct Resource<'r> {
    /// Its address (Terraform), logical id (CloudFormation), name or id, as written (cut at
    /// [`MAX_NAME`]).
    pub address: &'r str,
    /// Its type as written (an ARM child's qualified by its parent's).
    pub ty: &'r str,
    /// Whether a condition decides if it is deployed (ARM `condition`, CloudFormation
    /// `Condition`).
    pub conditional: bool,
    /// The values of the paths the types table asks of this type ([`crate::catalog::Claim`]),
    /// in that order: `None` where the resource does not set one.
    pub values: &'r [Option<String>],
    /// The format it was read from (whose types and paths it uses: [`Format::family`]).
    pub format: Format,
}

/// What a reader tells the caller: each resource as it is read.
pub type Sink<'s> = dyn FnMut(Side, &Resource<'_>) + 's;

/// Reads one inventory from `reader`, in `format` or the one its content shows, handing each
/// resource to `sink`; returns the format read. `index` says which fields each type needs.
pub fn read(
    reader: &mut dyn BufRead,
    format: Option<Format>,
    index: &TypeIndex<'_>,
    sink: &mut Sink<'_>,
) -> Result<Format, InventoryError> {
    detect::read(reader, format, index, sink)
}
