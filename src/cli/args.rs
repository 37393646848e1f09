//! The option groups and values the commands share, and the arguments of the commands that
//! answer no query.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::{PossibleValue, TypedValueParser};
use clap::{Args, Subcommand, ValueEnum};

use crate::catalog::{Derived, Owner};
use crate::controls::Baseline;
use crate::exit::UsageError;
use crate::inventory;
use crate::query::Scope;
use crate::render::{self, Format, SchemaOf};

/// The arguments of `srm schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// The command whose output to describe, in one word or as typed (catalog validate).
    #[arg(value_enum, ignore_case = true, required = true, num_args = 1..=2, value_name = "COMMAND")]
    pub command: Vec<SchemaArg>,
    /// With diff: the schema of srm diff --controls --json.
    #[arg(long)]
    pub controls: bool,
    #[command(flatten)]
    pub output: FileOutput,
}

/// The arguments of `srm completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

/// The arguments of `srm man`.
#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, as typed (catalog validate) or joined (catalog-validate); default: srm itself.
    #[arg(num_args = 0..=2, value_name = "COMMAND")]
    pub command: Vec<String>,
    /// Write every page (srm.1, srm-who.1, …) into this directory instead (~/.local/share/man/man1: see above for when man finds it).
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
    /// Replace pages already in --dir (atomically); anything there that is not a regular file (a link, a device, a FIFO) is refused.
    #[arg(long, requires = "dir")]
    pub force: bool,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// An OSCAL 1.1 component definition (JSON): the provider's offering under a model, with
    /// each control of a baseline and who is responsible for it; --ssp writes a leveraged
    /// system's SSP. UUIDs are deterministic.
    ///
    /// The responsibilities are srm's own derivation from its layer model (data/CONTROLS.md),
    /// not a provider's statement.
    ///
    /// UUIDs are version-5 UUIDs named by the model, the scope (unless classic), the baseline
    /// and the control, in a namespace of the catalogue: the embedded catalogue's are the same from run to run and
    /// release to release; another catalogue's follow from its text, so the same file gives the
    /// same UUIDs and a different file different ones. `last-modified` is the catalogue's
    /// `date` (YYYY-MM-DD, at midnight UTC); for a catalogue without one, its file's
    /// modification time, or, read from standard input, the time of the export. Titles and
    /// descriptions are Markdown (OSCAL markup): catalogue text in them is escaped as
    /// `--format markdown` escapes it.
    Oscal {
        /// A model or a service, by id, alias or name (see srm models, srm services); a variant as SERVICE:VARIANT (aws-lambda:manual).
        #[arg(long, short)]
        model: String,
        /// The baseline whose controls to export.
        #[arg(long, ignore_case = true, value_parser = baselines())]
        baseline: Baseline,
        /// Write a leveraged system's SSP instead: per control, what the provider provides and
        /// what the customer is responsible for (by-components export provided and
        /// responsibilities), with FedRAMP's control origination, for a leveraging system's
        /// SSP to point at with inherited and satisfied.
        #[arg(long)]
        ssp: bool,
        #[command(flatten)]
        scope: ScopeArgs,
        #[command(flatten)]
        output: FileOutput,
    },
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Print the catalogue in use (--catalog, SRM_CATALOG, else the embedded one) as written: the starting point for your own.
    Show {
        #[command(flatten)]
        output: FileOutput,
    },
    /// Check a catalogue and list every problem found (default: the catalogue in use).
    Validate {
        /// The catalogue to check (- reads standard input).
        path: Option<OsString>,
        /// Print a JSON report (shorthand for --format json).
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Output format.
        #[arg(long, ignore_case = true, default_value = "table", value_parser = offer(REPORT))]
        format: Format,
    },
    /// Print the JSON Schema of the catalogue format, for editors and CI.
    Schema {
        #[command(flatten)]
        output: FileOutput,
    },
}

/// Examples shown by `srm plan --help`.
pub const PLAN_EXAMPLES: &str = "Examples:
  terraform show -json > state.json && srm plan state.json
  srm plan template.yaml --format markdown -o duties.md
  srm plan webapp.json --against vm.json
  gcloud asset list --format=json | srm plan -
  srm plan --json part1.json > r1.json; srm plan --json part2.json > r2.json
  srm plan merge r1.json r2.json
Exit status: 0 answered (unclassified resources are reported), 1 unreadable input, or
--strict and a resource is unclassified, 2 usage error.";

/// `srm plan`: inventories in, duties out.
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub struct PlanArgs {
    #[command(subcommand)]
    pub command: Option<PlanCommand>,
    /// Inventories to read (- is standard input); several are read as one estate.
    #[arg(value_name = "INVENTORY", required = true)]
    pub inputs: Vec<OsString>,
    /// Read every input as this format instead of detecting it.
    #[arg(long, ignore_case = true, value_name = "FORMAT", value_parser = described(INVENTORIES, inventory::Format::as_str))]
    pub from: Option<inventory::Format>,
    /// Compare with what ran before: what changes from these inventories to the inputs.
    #[arg(long, value_name = "INVENTORY")]
    pub against: Vec<OsString>,
    /// Exit 1 when any resource is unclassified.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub scope: ScopeArgs,
    #[command(flatten)]
    pub output: PlanOutput,
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Merges `srm plan --json` results of parts (one per account or subscription) into the result one run over all their inputs gives.
    Merge {
        /// Results of `srm plan --json`, in the order their inputs would be read.
        #[arg(value_name = "RESULT", required = true)]
        results: Vec<OsString>,
        #[command(flatten)]
        output: PlanOutput,
    },
}

/// The inventory formats `--from` names, with their help.
const INVENTORIES: &[(inventory::Format, &str)] = &[
    (
        inventory::Format::TerraformState,
        "`terraform show -json` of a state",
    ),
    (
        inventory::Format::TerraformPlan,
        "`terraform show -json` of a saved plan",
    ),
    (
        inventory::Format::CloudFormation,
        "A CloudFormation template, JSON or YAML",
    ),
    (
        inventory::Format::AwsConfig,
        "AWS Config configuration items (`configurationItems`)",
    ),
    (
        inventory::Format::ArmTemplate,
        "An Azure Resource Manager template",
    ),
    (
        inventory::Format::ResourceGraph,
        "Azure Resource Graph results, or `az resource list` output",
    ),
    (
        inventory::Format::AssetInventory,
        "A Google Cloud Asset Inventory export (JSON array or newline-delimited)",
    ),
];

/// Where a plan goes, and in which format.
#[derive(Debug, Args)]
pub struct PlanOutput {
    /// Print JSON (shorthand for --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format.
    #[arg(long, ignore_case = true, default_value = "table", value_parser = offer(PLAN))]
    pub format: Format,
    #[command(flatten)]
    pub file: FileOutput,
}

/// The formats a command offers, each with its help: one `--format` for every command,
/// parsed into [`Format`], each command offering its own list.
type Offered = &'static [(Format, &'static str)];

const TABLE: &str = "Tables and text for people";
const YAML: &str = "The same document as JSON, in YAML";
const CSV: &str = "Comma-separated values with a header row";
const MARKDOWN: &str = "GitHub-flavoured Markdown for people";

/// The formats of an answer.
const ANSWER: Offered = &[
    (Format::Table, TABLE),
    (
        Format::Json,
        "JSON for scripts (format_version 2, documented in README; see srm schema)",
    ),
    (Format::Yaml, YAML),
    (Format::Csv, CSV),
    (
        Format::Markdown,
        "GitHub-flavoured Markdown for people (task lists for checklist)",
    ),
];

/// The matrix's: an answer's, and pictures.
const PICTURE: Offered = &[
    (Format::Table, TABLE),
    (
        Format::Json,
        "JSON for scripts (format_version 2, documented in README; see srm schema)",
    ),
    (Format::Yaml, YAML),
    (Format::Csv, CSV),
    (Format::Markdown, MARKDOWN),
    (Format::Html, "A self-contained HTML page"),
    (Format::Svg, "A standalone SVG picture"),
];

/// A control list's: an answer's, and the CRM (its options come from --id-style and
/// --with-basis).
const CONTROLS: Offered = &[
    (Format::Table, TABLE),
    (
        Format::Json,
        "JSON for scripts (format_version 2; see srm schema controls)",
    ),
    (Format::Yaml, YAML),
    (Format::Csv, CSV),
    (Format::Markdown, MARKDOWN),
    (
        Format::Crm(render::Crm {
            fedramp_ids: false,
            with_basis: false,
        }),
        "A FedRAMP customer responsibility matrix: Control ID, Can Be Inherited from CSP, and responsibilities",
    ),
];

/// A plan's.
const PLAN: Offered = &[
    (
        Format::Table,
        "Tables for people: services, duties, what is unclassified, and the resources",
    ),
    (
        Format::Json,
        "JSON for scripts (format_version 2; see srm schema plan), mergeable by srm plan merge",
    ),
    (
        Format::Csv,
        "The duties, one line each, with an empty status column",
    ),
    (
        Format::Markdown,
        "The duties as a GitHub-flavoured Markdown task list, with the services",
    ),
];

/// A validation report's.
const REPORT: Offered = &[
    (
        Format::Table,
        "`path:line:column: message` lines for people and editors",
    ),
    (Format::Json, "A JSON report for scripts"),
];

/// `--format`'s parser for a command that offers `offered`: clap lists and matches the names
/// (`--format JSON` too, with `ignore_case`), and the one named is the [`Format`].
fn offer(offered: Offered) -> impl TypedValueParser<Value = Format> {
    described(offered, Format::name)
}

/// A parser of the values `offered` lists, each written `name(value)` and shown with its help.
fn described<T: Copy + Send + Sync + 'static>(
    offered: &'static [(T, &'static str)],
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    let values = offered
        .iter()
        .map(move |&(v, help)| PossibleValue::new(name(v)).help(help));
    named(values, offered.iter().map(|&(v, _)| v), name)
}

/// The parser behind [`described`] and [`words`]: clap lists and matches `values` (with
/// `ignore_case` when the argument says so), and the value whose name was given is the one
/// parsed.
fn named<T: Copy + Send + Sync + 'static>(
    values: impl Iterator<Item = PossibleValue>,
    all: impl Iterator<Item = T> + Clone + Send + Sync + 'static,
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    clap::builder::PossibleValuesParser::new(values).try_map(move |given: String| {
        all.clone()
            .find(|&v| name(v).eq_ignore_ascii_case(&given))
            .ok_or_else(|| format!("unknown value '{given}'"))
    })
}

/// `--json`, else the format named.
fn json_or(json: bool, format: Format) -> Format {
    if json { Format::Json } else { format }
}

/// Where an answer goes, and in which format (for every command but `matrix`).
#[derive(Debug, Args)]
pub struct Output {
    /// Print JSON (shorthand for --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format.
    #[arg(long, ignore_case = true, default_value = "table", value_parser = offer(ANSWER))]
    pub format: Format,
    #[command(flatten)]
    pub file: FileOutput,
}

impl Output {
    /// The format asked for, and where it goes.
    pub fn resolve(&self) -> (Format, &FileOutput) {
        (json_or(self.json, self.format), &self.file)
    }
}

/// Where a control list goes, and in which format (also a FedRAMP CRM).
#[derive(Debug, Args)]
pub struct ControlsOutput {
    /// Print JSON (shorthand for --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format.
    #[arg(long, ignore_case = true, default_value = "table", value_parser = offer(CONTROLS))]
    pub format: Format,
    /// With --format crm: how control ids are written, NIST's AC-2(5) or FedRAMP's zero-padded AC-02 (05).
    #[arg(long, value_enum, ignore_case = true, default_value_t = IdStyleArg::Nist, value_name = "STYLE")]
    pub id_style: IdStyleArg,
    /// With --format crm: a fourth column with the rows, principles and sources behind each answer.
    #[arg(long)]
    pub with_basis: bool,
    #[command(flatten)]
    pub file: FileOutput,
}

impl ControlsOutput {
    /// The format asked for, and where it goes; `--id-style` and `--with-basis` go with the
    /// CRM only.
    pub fn resolve(&self) -> Result<(Format, &FileOutput), UsageError> {
        let format = json_or(self.json, self.format);
        let crm_only = self.with_basis || self.id_style != IdStyleArg::Nist;
        if crm_only && !matches!(format, Format::Crm(_)) {
            return Err(UsageError(
                "--id-style and --with-basis shape the customer responsibility matrix; add --format crm".to_string(),
            ));
        }
        let format = match format {
            Format::Crm(_) => Format::Crm(render::Crm {
                fedramp_ids: self.id_style == IdStyleArg::Fedramp,
                with_basis: self.with_basis,
            }),
            other => other,
        };
        Ok((format, &self.file))
    }
}

/// How control ids are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IdStyleArg {
    /// AC-2(5), as NIST writes them.
    Nist,
    /// AC-02 (05), as FedRAMP's workbooks write them.
    Fedramp,
}

/// Where the matrix goes, and in which format (tables and documents, or pictures).
#[derive(Debug, Args)]
pub struct PictureOutput {
    /// Print JSON (shorthand for --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format.
    #[arg(long, ignore_case = true, default_value = "table", value_parser = offer(PICTURE))]
    pub format: Format,
    #[command(flatten)]
    pub file: FileOutput,
}

impl PictureOutput {
    /// The format asked for, and where it goes.
    pub fn resolve(&self) -> (Format, &FileOutput) {
        (json_or(self.json, self.format), &self.file)
    }
}

#[derive(Debug, Args)]
pub struct FileOutput {
    /// Write to this file instead of standard output (- is standard output; a device or FIFO is written into).
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it is a regular file (atomically, keeping its permissions); a symbolic link is refused, not followed, except to a device or FIFO and the process's own /dev/stdout and /dev/fd/N.
    #[arg(long, requires = "output")]
    pub force: bool,
}

/// `--scope` of the answers that take no `--layer`: the classic stack unless asked.
#[derive(Debug, Args)]
pub struct ScopeArgs {
    /// Which layers: the classic stack, the AI layers, or all.
    #[arg(long, value_enum, ignore_case = true, default_value_t = ScopeArg::Classic)]
    pub scope: ScopeArg,
}

impl ScopeArgs {
    pub fn scope(&self) -> Scope {
        self.scope.scope()
    }
}

/// `--scope` of the answers that take `--layer`: a layer named is answered whatever its scope,
/// unless `--scope` says otherwise.
#[derive(Debug, Args)]
pub struct NamedScopeArgs {
    /// Which layers: the classic stack, the AI layers, or all [default: classic, or the scope of the layers named with --layer].
    #[arg(long, value_enum, ignore_case = true)]
    pub scope: Option<ScopeArg>,
}

impl NamedScopeArgs {
    /// The scope asked for, if any.
    pub fn asked(&self) -> Option<Scope> {
        self.scope.map(ScopeArg::scope)
    }
}

/// `--scope` of `srm layers`, the list of every name there is to type: all unless asked.
#[derive(Debug, Args)]
pub struct ListScopeArgs {
    /// Which layers to list: the classic stack, the AI layers, or all.
    #[arg(long, value_enum, ignore_case = true, default_value_t = ScopeArg::All)]
    pub scope: ScopeArg,
}

impl ListScopeArgs {
    pub fn scope(&self) -> Scope {
        self.scope.scope()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScopeArg {
    /// The classic stack (physical to configuration).
    Classic,
    /// The AI layers (usage, application, platform).
    Ai,
    /// Both.
    All,
}

impl ScopeArg {
    pub fn scope(self) -> Scope {
        match self {
            ScopeArg::Classic => Scope::Classic,
            ScopeArg::Ai => Scope::Ai,
            ScopeArg::All => Scope::All,
        }
    }
}

/// A word after `srm schema`: a document's name ([`super::schemas`]: `who`, `diff-controls`,
/// `validate`), or `catalog`, the first word of `catalog validate`.
#[derive(Debug, Clone, Copy)]
pub enum SchemaArg {
    Document(&'static SchemaOf),
    Catalog,
}

impl ValueEnum for SchemaArg {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::OnceLock<Vec<SchemaArg>> = std::sync::OnceLock::new();
        ALL.get_or_init(|| {
            super::schemas()
                .map(SchemaArg::Document)
                .chain([SchemaArg::Catalog])
                .collect()
        })
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(match self {
            SchemaArg::Document(schema) => PossibleValue::new(schema.name).aliases(schema.alias),
            SchemaArg::Catalog => PossibleValue::new("catalog"),
        })
    }
}

impl SchemaArg {
    /// The schema the words after `srm schema` name, written as the command is typed:
    /// `catalog validate` (or `validate`), `diff --controls` (or `diff-controls`), `who`.
    pub fn from_words(words: &[SchemaArg], controls: bool) -> Result<&'static SchemaOf, String> {
        let named = match words {
            [SchemaArg::Catalog, SchemaArg::Document(s)] if s.name == "validate" => *s,
            [SchemaArg::Catalog] => {
                return Err(
                    "srm schema catalog names no schema; the catalogue's report is `srm schema catalog validate` (the file format's is `srm catalog schema`)".into(),
                );
            }
            [SchemaArg::Document(one)] => *one,
            _ => {
                let typed: Vec<&str> = words.iter().map(|w| w.name()).collect();
                return Err(format!(
                    "srm schema takes one command, or `catalog validate`; got '{}' (see `srm schema --help`)",
                    typed.join(" ")
                ));
            }
        };
        match (named.name, controls) {
            ("diff" | "diff-controls", true) => super::schemas()
                .find(|s| s.name == "diff-controls")
                .ok_or_else(|| "srm has no schema of srm diff --controls".to_string()),
            (other, true) => Err(format!(
                "--controls goes with diff (`srm schema diff --controls`), not with {other}"
            )),
            (_, false) => Ok(named),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SchemaArg::Document(schema) => schema.name,
            SchemaArg::Catalog => "catalog",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

/// A parser of the words `all` spells (`name` of each), for values that are the core's own
/// (owners, baselines), so the list cannot drift; `ignore_case` as for `--format`.
fn words<T: Copy + Send + Sync + 'static>(
    all: &'static [T],
    name: fn(T) -> &'static str,
) -> impl TypedValueParser<Value = T> {
    named(
        all.iter().map(move |&v| PossibleValue::new(name(v))),
        all.iter().copied(),
        name,
    )
}

/// `--baseline`: every baseline srm knows.
pub(super) fn baselines() -> impl TypedValueParser<Value = Baseline> {
    words(&Baseline::ALL, Baseline::id)
}

/// `--owner` of the rows: a row's owners.
pub(super) fn row_owners() -> impl TypedValueParser<Value = Owner> {
    words(&Owner::ALL, Owner::as_str)
}

/// `--owner` of the controls: a row's owners, and `unmapped`.
pub(super) fn control_owners() -> impl TypedValueParser<Value = Derived> {
    const OWNERS: [Derived; 5] = [
        Derived::Customer,
        Derived::Provider,
        Derived::Shared,
        Derived::Depends,
        Derived::Unmapped,
    ];
    words(&OWNERS, Derived::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values<T: Clone + Send + Sync + 'static>(
        parser: impl TypedValueParser<Value = T>,
    ) -> Vec<String> {
        parser
            .possible_values()
            .into_iter()
            .flatten()
            .map(|v| v.get_name().to_string())
            .collect()
    }

    #[test]
    fn baseline_values_are_every_baseline_once_in_order() {
        let ids: Vec<&str> = Baseline::ALL.iter().map(|b| b.id()).collect();
        assert_eq!(values(baselines()), ids);
    }

    #[test]
    fn owner_values_cover_every_row_owner() {
        let words: Vec<&str> = Owner::ALL.iter().map(|o| o.as_str()).collect();
        assert_eq!(values(row_owners()), words);
        assert_eq!(
            values(control_owners()).last().map(String::as_str),
            Some("unmapped")
        );
    }
}
