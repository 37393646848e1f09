//! The command line, declared with clap's derive API; doc comments are the help text.
//!
//! Every flag means one thing everywhere: `-o` is an output file, `--format`/`--json` exist
//! only on the commands that print answers and offer only the formats each can print (so a
//! wrong one is refused before anything is read), and filters take several values, repeated
//! or comma-separated.

use std::ffi::OsString;
use std::path::PathBuf;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::catalog::{Derived, Owner};
use crate::controls::Baseline;

/// Who secures what in the cloud: shared-responsibility answers for on-prem, IaaS, PaaS and
/// SaaS, and the services people run (AWS Lambda, Azure App Service, Cloud Run…), classic and
/// AI workloads.
///
/// Layers, parts, models and services are named by id, alias or display name, matched
/// case-insensitively, with `_` and spaces read as `-` (`--layer "Operating system"` and
/// `--layer kernel` both find `os`); a service's variant follows a colon (`aws-lambda:manual`).
#[derive(Debug, Parser)]
#[command(
    name = "srm",
    version,
    max_term_width = 100,
    styles = clap::builder::Styles::plain()
)]
#[command(after_help = EXAMPLES)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

/// Examples shown by `--help` and in the manual page.
pub const EXAMPLES: &str = "Examples:
  srm who --layer os --model paas
  srm who --model saas --owner customer
  srm diff iaas saas
  srm find mfa
  srm controls --model paas --baseline fedramp-moderate --format crm -o crm.csv
  srm checklist paas --format csv -o paas.csv
  srm checklist paas --scope all
  srm retained --json | jq '.rows[].id'";

#[derive(Debug, Args)]
pub struct Global {
    /// When to color: auto colors a terminal (not TERM=dumb), or anything if CLICOLOR_FORCE is set; NO_COLOR turns auto off.
    #[arg(long, global = true, value_enum, ignore_case = true, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Use this catalogue (YAML or JSON) instead of the embedded one; - reads standard input.
    #[arg(long, global = true, env = "SRM_CATALOG", value_name = "PATH")]
    pub catalog: Option<OsString>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Who owns a layer or part under a model or service, with the note and the rows behind it (--json adds each side's duties and the sources).
    ///
    /// Without --layer: every layer in scope. Without --model: every model. --owner keeps the
    /// rows that owner holds ("what is mine under PaaS?"). The answer is a table however many
    /// cells it holds; srm explain LAYER tells everything about one layer or part.
    Who {
        /// Layers or parts, by id, alias or name (see srm layers); repeat or separate with commas.
        #[arg(long, short, value_delimiter = ',')]
        layer: Vec<String>,
        /// Models or services, by id, alias or name (see srm models, srm services), a variant as SERVICE:VARIANT; repeat or separate with commas.
        #[arg(long, short, value_delimiter = ',')]
        model: Vec<String>,
        /// Keep only the rows with these owners.
        #[arg(long, value_enum, ignore_case = true, value_delimiter = ',')]
        owner: Vec<OwnerArg>,
        #[command(flatten)]
        scope: NamedScopeArgs,
        #[command(flatten)]
        output: Output,
    },
    /// What changes owner between two models or services, and in which direction.
    Diff {
        /// The model or service moved from (SERVICE:VARIANT for a variant).
        from: String,
        /// The model or service moved to.
        to: String,
        /// Also list what does not change, with its owners.
        #[arg(long)]
        all: bool,
        /// Compare controls instead of rows: the NIST SP 800-53 controls whose owner changes.
        #[arg(long, conflicts_with_all = ["all", "layer"])]
        controls: bool,
        /// With --controls: only the controls of this baseline.
        #[arg(long, value_enum, ignore_case = true, requires = "controls")]
        baseline: Option<BaselineArg>,
        /// Only these layers or parts; repeat or separate with commas.
        #[arg(long, short, value_delimiter = ',')]
        layer: Vec<String>,
        #[command(flatten)]
        scope: NamedScopeArgs,
        #[command(flatten)]
        output: Output,
    },
    /// What the customer owns under every model, with the customer's duties and the sources that say so.
    Retained {
        #[command(flatten)]
        scope: ScopeArgs,
        #[command(flatten)]
        output: Output,
    },
    /// The whole matrix: layers down, models across (also as an HTML page or an SVG picture).
    Matrix {
        /// Only these models or services (SERVICE:VARIANT for a variant); repeat or separate with commas.
        #[arg(long, short, value_delimiter = ',')]
        model: Vec<String>,
        /// Only these layers or parts; repeat or separate with commas.
        #[arg(long, short, value_delimiter = ',')]
        layer: Vec<String>,
        #[command(flatten)]
        scope: NamedScopeArgs,
        #[command(flatten)]
        output: PictureOutput,
    },
    /// List layers, their aliases and parts.
    Layers {
        #[command(flatten)]
        scope: ListScopeArgs,
        #[command(flatten)]
        output: Output,
    },
    /// List service models and their aliases.
    Models {
        #[command(flatten)]
        output: Output,
    },
    /// List the cloud services srm knows (AWS Lambda, Azure App Service, Cloud Run…): base model, variants, evidence.
    ///
    /// A service goes wherever a model does: `srm who --model aws-lambda`, a variant as
    /// SERVICE:VARIANT (`--model aws-lambda:manual`). Evidence says how well its facts rest on
    /// vendor pages: sourced, partial (`[P]`), archived (`[A]`) or unsourced (`[U]`).
    Services {
        /// Only this provider's services (aws, azure, gcp).
        #[arg(long, short)]
        provider: Option<String>,
        #[command(flatten)]
        output: Output,
    },
    /// What must we do? Reads your inventory and prints your duties: each resource's service, variant and owners, per-service counts, and every customer duty once, with where it comes from.
    ///
    /// Reads Terraform JSON (`terraform show -json`, state or plan), CloudFormation templates
    /// (JSON or YAML), AWS Config items, ARM templates, Azure Resource Graph or `az resource
    /// list` output and Cloud Asset Inventory exports (JSON or newline-delimited), detected
    /// from the content. Resources no service or supporting type covers are listed as
    /// unclassified (also on stderr). srm reads only types, names and the deciding fields of
    /// the catalogue's types table; it never prints an attribute value. `srm plan merge`
    /// joins --json results of parts.
    #[command(after_help = PLAN_EXAMPLES)]
    Plan(PlanArgs),
    /// The customer's to-do list under one model or service: every row it owns or shares, with duties and notes.
    ///
    /// A row the provider holds is listed for what it still leaves the customer (moving off a
    /// deprecated runtime, rebuilding your own images). Shared rows also say what the provider
    /// covers. --format csv gives one line per duty with
    /// an empty status column; --format markdown gives task lists grouped by layer.
    Checklist {
        /// A model or a service, by id, alias or name (see srm models, srm services); a variant as SERVICE:VARIANT (aws-lambda:manual).
        model: String,
        /// Only these layers or parts; repeat or separate with commas.
        #[arg(long, short, value_delimiter = ',')]
        layer: Vec<String>,
        #[command(flatten)]
        scope: NamedScopeArgs,
        #[command(flatten)]
        output: Output,
    },
    /// Everything about one layer, part, model or service: description, cells, duties, sources; or what an owner word means.
    ///
    /// The owner words are customer, provider, shared, depends, split (derived for a layer
    /// whose parts differ) and unmapped (derived for controls): srm explain split says what
    /// one means. An id of the catalogue that spells the same wins.
    Explain {
        /// A layer, part, model or service, by id, alias or name; or an owner word (shared, split, depends…).
        id: String,
        #[command(flatten)]
        output: Output,
    },
    /// Search names, aliases, keywords, descriptions, duties and notes; best matches first, with their owners.
    ///
    /// The words of a question (who, the, under…) are passed over and a plural finds its
    /// singular; a control id (ac-2, AC-2(7)) finds the rows it bears on and points to
    /// srm control; a service's name (lambda, "cloud run") finds the rows it speaks of and
    /// points to srm explain, and a word among a service's keywords (serverless) points to it.
    Find {
        /// The words to look for (e.g. patch, mfa, encryption, "prompt injection", ac-2, lambda).
        #[arg(required = true)]
        words: Vec<String>,
        /// Show owners under these models only; repeat or separate with commas.
        #[arg(long, short, value_delimiter = ',')]
        model: Vec<String>,
        #[command(flatten)]
        scope: ScopeArgs,
        #[command(flatten)]
        output: Output,
    },
    /// NIST SP 800-53 controls under a model: who can inherit what, control by control.
    ///
    /// A control's owner follows from the rows of the matrix it bears on: provider (CRM "Yes")
    /// if every one is the provider's, customer ("No") if every one is the customer's, shared
    /// ("Partial") if they differ; a row that depends on the AI model does not override the
    /// others, and the control depends only when every row does. An enhancement follows
    /// its base control unless listed itself; a control on the catalogue's organisational list
    /// is the customer's own; one neither speaks of is unmapped. --format crm writes a FedRAMP
    /// customer responsibility matrix (CSV). The mapping is srm's own derivation from its layer
    /// model (data/CONTROLS.md), not a provider's statement.
    Controls {
        /// A model or a service, by id, alias or name (see srm models, srm services); a variant as SERVICE:VARIANT (aws-lambda:manual).
        #[arg(long, short)]
        model: String,
        /// Only the controls of this baseline.
        #[arg(long, value_enum, ignore_case = true)]
        baseline: Option<BaselineArg>,
        /// Only these families (ac, au, sc…); repeat or separate with commas.
        #[arg(long, value_delimiter = ',')]
        family: Vec<String>,
        /// Keep only the controls with these owners (unmapped: those nothing in the scope speaks of).
        #[arg(long, value_enum, ignore_case = true, value_delimiter = ',')]
        owner: Vec<ControlOwnerArg>,
        #[command(flatten)]
        scope: ScopeArgs,
        #[command(flatten)]
        output: ControlsOutput,
    },
    /// One control: the rows it bears on, and its owner under each model, and why.
    Control {
        /// A control id (ac-2.7) or label (AC-2(7)).
        id: String,
        #[command(flatten)]
        scope: ScopeArgs,
        #[command(flatten)]
        output: Output,
    },
    /// Export the model as documents for other tools.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Print the JSON Schema of a command's --json output (format_version 2).
    ///
    /// Name the command as you type it: srm schema who, srm schema diff --controls, srm schema
    /// catalog validate. The older names diff-controls and validate name the same schemas.
    Schema {
        /// The command whose output to describe, in one word or as typed (catalog validate).
        #[arg(value_enum, ignore_case = true, required = true, num_args = 1..=2, value_name = "COMMAND")]
        command: Vec<SchemaArg>,
        /// With diff: the schema of srm diff --controls --json.
        #[arg(long)]
        controls: bool,
        #[command(flatten)]
        output: FileOutput,
    },
    /// Show, validate or describe catalogues (bring your own with --catalog).
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Print a shell completion script (e.g. srm completions bash > ~/.local/share/bash-completion/completions/srm).
    ///
    /// fish: srm completions fish > ~/.config/fish/completions/srm.fish. zsh: mkdir -p ~/.zfunc
    /// && srm completions zsh > ~/.zfunc/_srm, with fpath=(~/.zfunc $fpath) in ~/.zshrc before
    /// compinit runs.
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page of srm or of one command (roff), e.g. srm man who | man -l -.
    ///
    /// srm man --dir ~/.local/share/man/man1 installs every page where man srm finds them when
    /// ~/.local/bin is on PATH (man-db looks for ../share/man beside each PATH directory);
    /// otherwise man finds them only if MANPATH includes ~/.local/share/man (write
    /// MANPATH="$HOME/.local/share/man:", the trailing colon keeping the system's pages).
    Man {
        /// The command whose page to print, as typed (catalog validate) or joined (catalog-validate); default: srm itself.
        #[arg(num_args = 0..=2, value_name = "COMMAND")]
        command: Vec<String>,
        /// Write every page (srm.1, srm-who.1, …) into this directory instead (~/.local/share/man/man1: see above for when man finds it).
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        dir: Option<PathBuf>,
        /// Replace pages already in --dir (atomically); anything there that is not a regular file (a link, a device, a FIFO) is refused.
        #[arg(long, requires = "dir")]
        force: bool,
    },
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
        #[arg(long, value_enum, ignore_case = true)]
        baseline: BaselineArg,
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
        #[arg(long, value_enum, ignore_case = true, default_value_t = ReportFormat::Table)]
        format: ReportFormat,
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
    #[arg(long, value_enum, ignore_case = true, value_name = "FORMAT")]
    pub from: Option<InventoryFormatArg>,
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

/// The inventory formats `--from` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InventoryFormatArg {
    /// `terraform show -json` of a state.
    TerraformState,
    /// `terraform show -json` of a saved plan.
    TerraformPlan,
    /// A CloudFormation template, JSON or YAML.
    Cloudformation,
    /// AWS Config configuration items (`configurationItems`).
    AwsConfig,
    /// An Azure Resource Manager template.
    ArmTemplate,
    /// Azure Resource Graph results, or `az resource list` output.
    ResourceGraph,
    /// A Google Cloud Asset Inventory export (JSON array or newline-delimited).
    AssetInventory,
}

/// Where a plan goes, and in which format.
#[derive(Debug, Args)]
pub struct PlanOutput {
    /// Print JSON (shorthand for --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = PlanFormatArg::Table)]
    pub format: PlanFormatArg,
    #[command(flatten)]
    pub file: FileOutput,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PlanFormatArg {
    /// Tables for people: services, duties, what is unclassified, and the resources.
    Table,
    /// JSON for scripts (format_version 2; see srm schema plan), mergeable by srm plan merge.
    Json,
    /// The duties, one line each, with an empty status column.
    Csv,
    /// The duties as a GitHub-flavoured Markdown task list, with the services.
    Markdown,
}

/// Where an answer goes, and in which format (for every command but `matrix`).
#[derive(Debug, Args)]
pub struct Output {
    /// Print JSON (shorthand for --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = FormatArg::Table)]
    pub format: FormatArg,
    #[command(flatten)]
    pub file: FileOutput,
}

/// Where a control list goes, and in which format (also a FedRAMP CRM).
#[derive(Debug, Args)]
pub struct ControlsOutput {
    /// Print JSON (shorthand for --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = ControlsFormatArg::Table)]
    pub format: ControlsFormatArg,
    /// With --format crm: how control ids are written, NIST's AC-2(5) or FedRAMP's zero-padded AC-02 (05).
    #[arg(long, value_enum, ignore_case = true, default_value_t = IdStyleArg::Nist, value_name = "STYLE")]
    pub id_style: IdStyleArg,
    /// With --format crm: a fourth column with the rows, principles and sources behind each answer.
    #[arg(long)]
    pub with_basis: bool,
    #[command(flatten)]
    pub file: FileOutput,
}

/// How control ids are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IdStyleArg {
    /// AC-2(5), as NIST writes them.
    Nist,
    /// AC-02 (05), as FedRAMP's workbooks write them.
    Fedramp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ControlsFormatArg {
    /// Tables and text for people.
    Table,
    /// JSON for scripts (format_version 2; see srm schema controls).
    Json,
    /// The same document as JSON, in YAML.
    Yaml,
    /// Comma-separated values with a header row.
    Csv,
    /// GitHub-flavoured Markdown for people.
    Markdown,
    /// A FedRAMP customer responsibility matrix: Control ID, Can Be Inherited from CSP, and responsibilities.
    Crm,
}

/// `--baseline` values, taken from the core's [`Baseline`] so the list cannot drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BaselineArg(pub Baseline);

impl ValueEnum for BaselineArg {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [BaselineArg; 8] = {
            let mut all = [BaselineArg(Baseline::NistLow); 8];
            let mut i = 0;
            while i < all.len() {
                all[i] = BaselineArg(Baseline::ALL[i]);
                i += 1;
            }
            all
        };
        &ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.id()))
    }
}

/// Where the matrix goes, and in which format (tables and documents, or pictures).
#[derive(Debug, Args)]
pub struct PictureOutput {
    /// Print JSON (shorthand for --format json).
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Output format.
    #[arg(long, value_enum, ignore_case = true, default_value_t = PictureFormatArg::Table)]
    pub format: PictureFormatArg,
    #[command(flatten)]
    pub file: FileOutput,
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

/// `--scope` of the answers that take `--layer`: a layer named is answered whatever its scope,
/// unless `--scope` says otherwise.
#[derive(Debug, Args)]
pub struct NamedScopeArgs {
    /// Which layers: the classic stack, the AI layers, or all [default: classic, or the scope of the layers named with --layer].
    #[arg(long, value_enum, ignore_case = true)]
    pub scope: Option<ScopeArg>,
}

/// `--scope` of `srm layers`, the list of every name there is to type: all unless asked.
#[derive(Debug, Args)]
pub struct ListScopeArgs {
    /// Which layers to list: the classic stack, the AI layers, or all.
    #[arg(long, value_enum, ignore_case = true, default_value_t = ScopeArg::All)]
    pub scope: ScopeArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Tables and text for people.
    Table,
    /// JSON for scripts (format_version 2, documented in README; see srm schema).
    Json,
    /// The same document as JSON, in YAML.
    Yaml,
    /// Comma-separated values with a header row.
    Csv,
    /// GitHub-flavoured Markdown for people (task lists for checklist).
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PictureFormatArg {
    /// Tables and text for people.
    Table,
    /// JSON for scripts (format_version 2, documented in README; see srm schema).
    Json,
    /// The same document as JSON, in YAML.
    Yaml,
    /// Comma-separated values with a header row.
    Csv,
    /// GitHub-flavoured Markdown for people.
    Markdown,
    /// A self-contained HTML page.
    Html,
    /// A standalone SVG picture.
    Svg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// `path:line:column: message` lines for people and editors.
    Table,
    /// A JSON report for scripts.
    Json,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaArg {
    Who,
    Diff,
    Retained,
    Matrix,
    Layers,
    Models,
    Services,
    Checklist,
    Explain,
    Find,
    Plan,
    Controls,
    Control,
    DiffControls,
    #[value(alias = "catalog-validate")]
    Validate,
    // The first word of `catalog validate`.
    Catalog,
}

impl SchemaArg {
    /// The schema the words after `srm schema` name, written as the command is typed:
    /// `catalog validate` (or `validate`), `diff --controls` (or `diff-controls`), `who`.
    pub fn from_words(words: &[SchemaArg], controls: bool) -> Result<SchemaArg, String> {
        let named = match words {
            [SchemaArg::Catalog, SchemaArg::Validate] => SchemaArg::Validate,
            [SchemaArg::Catalog] => {
                return Err(
                    "srm schema catalog names no schema; the catalogue's report is `srm schema catalog validate` (the file format's is `srm catalog schema`)".into(),
                );
            }
            [one] => *one,
            _ => {
                let typed: Vec<&str> = words.iter().map(|w| w.name()).collect();
                return Err(format!(
                    "srm schema takes one command, or `catalog validate`; got '{}' (see `srm schema --help`)",
                    typed.join(" ")
                ));
            }
        };
        match (named, controls) {
            (SchemaArg::Diff | SchemaArg::DiffControls, true) => Ok(SchemaArg::DiffControls),
            (other, true) => Err(format!(
                "--controls goes with diff (`srm schema diff --controls`), not with {}",
                other.name()
            )),
            (other, false) => Ok(other),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            SchemaArg::Who => "who",
            SchemaArg::Diff => "diff",
            SchemaArg::Retained => "retained",
            SchemaArg::Matrix => "matrix",
            SchemaArg::Layers => "layers",
            SchemaArg::Models => "models",
            SchemaArg::Services => "services",
            SchemaArg::Checklist => "checklist",
            SchemaArg::Explain => "explain",
            SchemaArg::Find => "find",
            SchemaArg::Plan => "plan",
            SchemaArg::Controls => "controls",
            SchemaArg::Control => "control",
            SchemaArg::DiffControls => "diff-controls",
            SchemaArg::Validate => "validate",
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

/// `--owner` values, taken from the core's [`Owner`] so the list cannot drift.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OwnerArg(pub Owner);

impl ValueEnum for OwnerArg {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            OwnerArg(Owner::Customer),
            OwnerArg(Owner::Provider),
            OwnerArg(Owner::Shared),
            OwnerArg(Owner::Depends),
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.as_str()))
    }
}

/// `--owner` values of a control: a row's, and `unmapped`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ControlOwnerArg(pub Derived);

impl ValueEnum for ControlOwnerArg {
    fn value_variants<'a>() -> &'a [Self] {
        &[
            ControlOwnerArg(Derived::Customer),
            ControlOwnerArg(Derived::Provider),
            ControlOwnerArg(Derived::Shared),
            ControlOwnerArg(Derived::Depends),
            ControlOwnerArg(Derived::Unmapped),
        ]
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.as_str()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn baseline_values_are_every_baseline_once_in_order() {
        let values: Vec<Baseline> = BaselineArg::value_variants().iter().map(|b| b.0).collect();
        assert_eq!(values, Baseline::ALL);
        for b in BaselineArg::value_variants() {
            assert_eq!(b.to_possible_value().unwrap().get_name(), b.0.id());
        }
    }

    #[test]
    fn owner_values_cover_every_row_owner() {
        let values: Vec<Owner> = OwnerArg::value_variants().iter().map(|o| o.0).collect();
        assert_eq!(values, Owner::ALL);
    }
}
