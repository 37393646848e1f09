//! The command line, declared with clap's derive API; doc comments are the help text.

use std::ffi::OsString;

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::catalog::Owner;

/// Who secures what in the cloud: shared-responsibility answers for on-prem, IaaS, PaaS and
/// SaaS, classic and AI workloads.
///
/// Ids and aliases match case-insensitively, with `_` and spaces read as `-`
/// (`--layer Operating_System` finds `os`). Parts of a layer are addressable by their own ids.
#[derive(Debug, Parser)]
#[command(name = "srm", version, max_term_width = 100, styles = clap::builder::Styles::plain())]
#[command(
    after_help = "Examples:\n  srm who --layer os --model paas\n  srm who --model saas --owner customer\n  srm diff iaas saas\n  srm retained --json | jq '.retained[].rows[].id'"
)]
pub struct Cli {
    #[command(flatten)]
    pub global: Global,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct Global {
    /// Print JSON (shorthand for `--format json`).
    #[arg(long, global = true, conflicts_with = "format")]
    pub json: bool,

    /// Output format.
    #[arg(long, global = true, value_enum, default_value_t = FormatArg::Table)]
    pub format: FormatArg,

    /// When to color: auto colors a terminal, or anything if CLICOLOR_FORCE is set; NO_COLOR turns auto off.
    #[arg(long, global = true, value_enum, default_value_t = ColorArg::Auto, value_name = "WHEN")]
    pub color: ColorArg,

    /// Use this catalogue instead of the embedded one (`-` reads standard input).
    #[arg(long, global = true, env = "SRM_CATALOG", value_name = "PATH")]
    pub catalog: Option<OsString>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Who owns a layer under a model, with the note, the rows behind it and each side's duties.
    ///
    /// With --layer and --model: one cell. With only one of them: that layer across models, or
    /// every layer under that model. With neither: every cell. --owner keeps the rows that
    /// owner holds ("what is mine under PaaS?").
    Who {
        /// A layer or part id or alias (see `srm layers`).
        #[arg(long, short)]
        layer: Option<String>,
        /// A service model id or alias (see `srm models`).
        #[arg(long, short)]
        model: Option<String>,
        /// Keep only rows with this owner.
        #[arg(long, short, value_enum, ignore_case = true)]
        owner: Option<OwnerArg>,
    },
    /// What changes owner between two models, and in which direction.
    Diff {
        /// The model moved from.
        from: String,
        /// The model moved to.
        to: String,
        /// Also list the layers that do not change.
        #[arg(long)]
        all: bool,
    },
    /// What the customer owns under every model, with the customer's duties.
    Retained,
    /// The whole matrix: layers down, models across.
    Matrix,
    /// List layers, their aliases and parts.
    Layers,
    /// List service models and their aliases.
    Models,
    /// The customer's to-do list under one model: every row it owns or shares, with duties.
    ///
    /// Shared rows also say what the provider covers. `--format markdown` prints task lists
    /// ready to paste into an issue tracker.
    Checklist {
        /// A service model id or alias (see `srm models`).
        model: String,
        /// Only this layer or part.
        #[arg(long, short)]
        layer: Option<String>,
    },
    /// Everything about one layer, part or model: description, cells, duties, sources.
    Explain {
        /// A layer, part or model id or alias.
        id: String,
    },
    /// Show, validate or describe catalogues (bring your own with --catalog).
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Print a shell completion script (e.g. `srm completions bash > ~/.local/share/bash-completion/completions/srm`).
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `srm man | man -l -`.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum CatalogCommand {
    /// Print the embedded catalogue's YAML: the starting point for your own.
    Show {
        #[command(flatten)]
        output: OutputFile,
    },
    /// Check a catalogue and list every problem found (default: --catalog, else the embedded one).
    Validate {
        /// The catalogue to check (`-` reads standard input).
        path: Option<OsString>,
    },
    /// Print the JSON Schema of the catalogue format, for editors and CI.
    Schema {
        #[command(flatten)]
        output: OutputFile,
    },
}

#[derive(Debug, Args)]
pub struct OutputFile {
    /// Write to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Overwrite the --output file if it exists.
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Tables and text for people.
    Table,
    /// JSON for scripts (documented in README).
    Json,
    /// The same document as JSON, in YAML.
    Yaml,
    /// Comma-separated values with a header row.
    Csv,
    /// GitHub-flavoured Markdown tables (task lists for `checklist`).
    Markdown,
    /// A self-contained HTML page (`matrix` only).
    Html,
    /// A standalone SVG picture (`matrix` only).
    Svg,
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

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn owner_values_cover_every_owner() {
        let values: Vec<Owner> = OwnerArg::value_variants().iter().map(|o| o.0).collect();
        assert_eq!(values, Owner::ALL);
    }
}
