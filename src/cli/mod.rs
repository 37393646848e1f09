//! The command line, declared with clap's derive API; doc comments are the help text.
//!
//! Every flag means one thing everywhere: `-o` is an output file, `--format`/`--json` exist
//! only on the commands that print answers and offer only the formats each can print (so a
//! wrong one is refused before anything is read), and filters take several values, repeated
//! or comma-separated.
//!
//! Each command is one line of `commands!` (`ask.rs`) below and its arguments: a query command's
//! arguments are an [`Ask`], which resolves them against the catalogue and asks the query (the
//! shell does the rest: loading, limits, formats, exit codes), and the other commands'
//! arguments are a [`Run`] of their own (`app/`).

mod args;
#[macro_use]
mod ask;
mod resolve;

pub use args::*;
pub use ask::{Ask, Deferred, Env, Run, full_command};

use std::ffi::OsString;

use clap::{Args, Parser, Subcommand};

use crate::catalog::{Catalog, Derived, Owner};
use crate::controls::Baseline;
use crate::exit::UsageError;
use crate::query::{self, ControlFilter};
use crate::render::{Format, Reply, SchemaOf};

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

commands! {
    /// Who owns a layer or part under a model or service, with the note and the rows behind it (--json adds each side's duties and the sources).
    ///
    /// Without --layer: every layer in scope. Without --model: every model. --owner keeps the
    /// rows that owner holds ("what is mine under PaaS?"). The answer is a table however many
    /// cells it holds; srm explain LAYER tells everything about one layer or part.
    Who(WhoArgs),
    /// What changes owner between two models or services, and in which direction.
    Diff(DiffArgs),
    /// What the customer owns under every model, with the customer's duties and the sources that say so.
    Retained(RetainedArgs),
    /// The whole matrix: layers down, models across (also as an HTML page or an SVG picture).
    Matrix(MatrixArgs),
    /// List layers, their aliases and parts.
    Layers(LayersArgs),
    /// List service models and their aliases.
    Models(ModelsArgs),
    /// List the cloud services srm knows (AWS Lambda, Azure App Service, Cloud Run…): base model, variants, evidence.
    ///
    /// A service goes wherever a model does: `srm who --model aws-lambda`, a variant as
    /// SERVICE:VARIANT (`--model aws-lambda:manual`). Evidence says how well its facts rest on
    /// vendor pages: sourced, partial (`[P]`), archived (`[A]`) or unsourced (`[U]`).
    Services(ServicesArgs),
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
    Checklist(ChecklistArgs),
    /// Everything about one layer, part, model or service: description, cells, duties, sources; or what an owner word means.
    ///
    /// The owner words are customer, provider, shared, depends, split (derived for a layer
    /// whose parts differ) and unmapped (derived for controls): srm explain split says what
    /// one means. An id of the catalogue that spells the same wins.
    Explain(ExplainArgs),
    /// Search names, aliases, keywords, descriptions, duties and notes; best matches first, with their owners.
    ///
    /// The words of a question (who, the, under…) are passed over and a plural finds its
    /// singular; a control id (ac-2, AC-2(7)) finds the rows it bears on and points to
    /// srm control; a service's name (lambda, "cloud run") finds the rows it speaks of and
    /// points to srm explain, and a word among a service's keywords (serverless) points to it.
    Find(FindArgs),
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
    Controls(ControlsArgs),
    /// One control: the rows it bears on, and its owner under each model, and why.
    Control(ControlArgs),
    /// Export the model as documents for other tools.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Print the JSON Schema of a command's --json output (format_version 2).
    ///
    /// Name the command as you type it: srm schema who, srm schema diff --controls, srm schema
    /// catalog validate. The older names diff-controls and validate name the same schemas.
    Schema(SchemaArgs),
    /// Show, validate or describe catalogues (bring your own with --catalog).
    #[command(subcommand)]
    Catalog(CatalogCommand),
    /// Print a shell completion script (e.g. srm completions bash > ~/.local/share/bash-completion/completions/srm).
    ///
    /// fish: srm completions fish > ~/.config/fish/completions/srm.fish. zsh: mkdir -p ~/.zfunc
    /// && srm completions zsh > ~/.zfunc/_srm, with fpath=(~/.zfunc $fpath) in ~/.zshrc before
    /// compinit runs.
    Completions(CompletionsArgs),
    /// Print the manual page of srm or of one command (roff), e.g. srm man who | man -l -.
    ///
    /// srm man --dir ~/.local/share/man/man1 installs every page where man srm finds them when
    /// ~/.local/bin is on PATH (man-db looks for ../share/man beside each PATH directory);
    /// otherwise man finds them only if MANPATH includes ~/.local/share/man (write
    /// MANPATH="$HOME/.local/share/man:", the trailing colon keeping the system's pages).
    Man(ManArgs),
}

/// The arguments of `srm who`.
#[derive(Debug, Args)]
pub struct WhoArgs {
    /// Layers or parts, by id, alias or name (see srm layers); repeat or separate with commas.
    #[arg(long, short, value_delimiter = ',')]
    pub layer: Vec<String>,
    /// Models or services, by id, alias or name (see srm models, srm services), a variant as SERVICE:VARIANT; repeat or separate with commas.
    #[arg(long, short, value_delimiter = ',')]
    pub model: Vec<String>,
    /// Keep only the rows with these owners.
    #[arg(long, ignore_case = true, value_delimiter = ',', value_parser = row_owners())]
    pub owner: Vec<Owner>,
    #[command(flatten)]
    pub scope: NamedScopeArgs,
    #[command(flatten)]
    pub output: Output,
}

impl Ask for WhoArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        Ok(self.output.resolve())
    }

    fn names_columns(&self) -> bool {
        !self.model.is_empty()
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        let selection = resolve::selection(cat, &self.layer, &self.model, self.scope.asked())?;
        Ok(Box::new(query::who(cat, &selection, &self.owner)))
    }

    fn schemas() -> &'static [SchemaOf] {
        const { &[SchemaOf::answer::<query::Who<'static>>("who")] }
    }
}

/// The arguments of `srm diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The model or service moved from (SERVICE:VARIANT for a variant).
    pub from: String,
    /// The model or service moved to.
    pub to: String,
    /// Also list what does not change, with its owners.
    #[arg(long)]
    pub all: bool,
    /// Compare controls instead of rows: the NIST SP 800-53 controls whose owner changes.
    #[arg(long, conflicts_with_all = ["all", "layer"])]
    pub controls: bool,
    /// With --controls: only the controls of this baseline.
    #[arg(long, ignore_case = true, requires = "controls", value_parser = baselines())]
    pub baseline: Option<Baseline>,
    /// Only these layers or parts; repeat or separate with commas.
    #[arg(long, short, value_delimiter = ',')]
    pub layer: Vec<String>,
    #[command(flatten)]
    pub scope: NamedScopeArgs,
    #[command(flatten)]
    pub output: Output,
}

impl Ask for DiffArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        Ok(self.output.resolve())
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        let from = cat.resolve_model(&self.from)?;
        let to = cat.resolve_model(&self.to)?;
        if self.controls {
            let list = crate::controls::embedded();
            let baseline = self.baseline;
            let scope = resolve::named_scope(cat, &[], self.scope.asked());
            return Ok(Box::new(query::controls_diff(
                cat, list, from, to, baseline, scope,
            )));
        }
        let selection = resolve::selection(cat, &self.layer, &[], self.scope.asked())?;
        Ok(Box::new(query::diff(cat, from, to, &selection, self.all)))
    }

    fn schemas() -> &'static [SchemaOf] {
        const {
            &[
                SchemaOf::answer::<query::Diff<'static>>("diff"),
                SchemaOf::answer::<query::ControlsDiff<'static>>("diff-controls")
                    .titled("srm diff --controls --json"),
            ]
        }
    }
}

/// The arguments of `srm retained`.
#[derive(Debug, Args)]
pub struct RetainedArgs {
    #[command(flatten)]
    pub scope: ScopeArgs,
    #[command(flatten)]
    pub output: Output,
}

impl Ask for RetainedArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        Ok(self.output.resolve())
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        let selection = resolve::selection(cat, &[], &[], Some(self.scope.scope()))?;
        Ok(Box::new(query::retained(cat, &selection)))
    }

    fn schemas() -> &'static [SchemaOf] {
        const { &[SchemaOf::answer::<query::Retained<'static>>("retained")] }
    }
}

/// The arguments of `srm matrix`.
#[derive(Debug, Args)]
pub struct MatrixArgs {
    /// Only these models or services (SERVICE:VARIANT for a variant); repeat or separate with commas.
    #[arg(long, short, value_delimiter = ',')]
    pub model: Vec<String>,
    /// Only these layers or parts; repeat or separate with commas.
    #[arg(long, short, value_delimiter = ',')]
    pub layer: Vec<String>,
    #[command(flatten)]
    pub scope: NamedScopeArgs,
    #[command(flatten)]
    pub output: PictureOutput,
}

impl Ask for MatrixArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        Ok(self.output.resolve())
    }

    fn names_columns(&self) -> bool {
        !self.model.is_empty()
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        let selection = resolve::selection(cat, &self.layer, &self.model, self.scope.asked())?;
        Ok(Box::new(query::matrix(cat, &selection)))
    }

    fn schemas() -> &'static [SchemaOf] {
        const { &[SchemaOf::answer::<query::Matrix<'static>>("matrix")] }
    }
}

/// The arguments of `srm layers`.
#[derive(Debug, Args)]
pub struct LayersArgs {
    #[command(flatten)]
    pub scope: ListScopeArgs,
    #[command(flatten)]
    pub output: Output,
}

impl Ask for LayersArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        Ok(self.output.resolve())
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        let selection = resolve::selection(cat, &[], &[], Some(self.scope.scope()))?;
        Ok(Box::new(query::layers(cat, &selection)))
    }

    fn schemas() -> &'static [SchemaOf] {
        const { &[SchemaOf::answer::<query::Layers<'static>>("layers")] }
    }
}

/// The arguments of `srm models`.
#[derive(Debug, Args)]
pub struct ModelsArgs {
    #[command(flatten)]
    pub output: Output,
}

impl Ask for ModelsArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        Ok(self.output.resolve())
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        Ok(Box::new(query::models(cat)))
    }

    fn schemas() -> &'static [SchemaOf] {
        const { &[SchemaOf::answer::<query::Models<'static>>("models")] }
    }
}

/// The arguments of `srm services`.
#[derive(Debug, Args)]
pub struct ServicesArgs {
    /// Only this provider's services (aws, azure, gcp).
    #[arg(long, short)]
    pub provider: Option<String>,
    #[command(flatten)]
    pub output: Output,
}

impl Ask for ServicesArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        Ok(self.output.resolve())
    }

    fn whole(&self) -> bool {
        true
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        let provider = match self.provider.as_deref().map(str::trim) {
            None => None,
            Some("") => {
                return Err(UsageError(
                    "--provider is empty; give one of the providers `srm services` lists (aws, azure, gcp)".into(),
                )
                .into());
            }
            Some(given) => {
                let known = query::providers(cat);
                let wanted = given.to_ascii_lowercase();
                match known.iter().find(|p| **p == wanted) {
                    Some(p) => Some(*p),
                    None => {
                        return Err(UsageError(format!(
                            "unknown provider '{}'; this catalogue's services come from: {}",
                            crate::sanitize::cut(given),
                            if known.is_empty() {
                                "none (it declares no services)".to_string()
                            } else {
                                known.join(", ")
                            }
                        ))
                        .into());
                    }
                }
            }
        };
        Ok(Box::new(query::services(cat, provider)))
    }

    fn schemas() -> &'static [SchemaOf] {
        const { &[SchemaOf::answer::<query::Services<'static>>("services")] }
    }
}

/// The arguments of `srm checklist`.
#[derive(Debug, Args)]
pub struct ChecklistArgs {
    /// A model or a service, by id, alias or name (see srm models, srm services); a variant as SERVICE:VARIANT (aws-lambda:manual).
    pub model: String,
    /// Only these layers or parts; repeat or separate with commas.
    #[arg(long, short, value_delimiter = ',')]
    pub layer: Vec<String>,
    #[command(flatten)]
    pub scope: NamedScopeArgs,
    #[command(flatten)]
    pub output: Output,
}

impl Ask for ChecklistArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        Ok(self.output.resolve())
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        let model = cat.resolve_model(&self.model)?;
        let selection = resolve::selection(cat, &self.layer, &[], self.scope.asked())?;
        Ok(Box::new(query::checklist(cat, model, &selection)))
    }

    fn schemas() -> &'static [SchemaOf] {
        const { &[SchemaOf::answer::<query::Checklist<'static>>("checklist")] }
    }
}

/// The arguments of `srm explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// A layer, part, model or service, by id, alias or name; or an owner word (shared, split, depends…).
    pub id: String,
    #[command(flatten)]
    pub output: Output,
}

impl Ask for ExplainArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        Ok(self.output.resolve())
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        // An id of the catalogue wins; an owner word that none takes is explained as a word.
        Ok(Box::new(
            match (cat.find(&self.id), Derived::from_word(&self.id)) {
                (None, Some(owner)) => query::explain_owner(owner),
                _ => query::explain(cat, cat.resolve_any(&self.id)?),
            },
        ))
    }

    fn schemas() -> &'static [SchemaOf] {
        const { &[SchemaOf::answer::<query::Explain<'static>>("explain")] }
    }
}

/// The arguments of `srm find`.
#[derive(Debug, Args)]
pub struct FindArgs {
    /// The words to look for (e.g. patch, mfa, encryption, "prompt injection", ac-2, lambda).
    #[arg(required = true)]
    pub words: Vec<String>,
    /// Show owners under these models only; repeat or separate with commas.
    #[arg(long, short, value_delimiter = ',')]
    pub model: Vec<String>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    #[command(flatten)]
    pub output: Output,
}

impl Ask for FindArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        Ok(self.output.resolve())
    }

    fn whole(&self) -> bool {
        true
    }

    fn names_columns(&self) -> bool {
        !self.model.is_empty()
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        let list = crate::controls::embedded();
        let terms = query::terms(&self.words, cat, list);
        if terms.len() > query::MAX_WORDS {
            return Err(UsageError(format!(
                "srm find takes at most {} distinct words, and was given {}; keep the few that matter",
                query::MAX_WORDS,
                terms.len()
            ))
            .into());
        }
        let selection = resolve::selection(cat, &[], &self.model, Some(self.scope.scope()))?;
        Ok(Box::new(query::find(cat, terms, &selection)))
    }

    fn schemas() -> &'static [SchemaOf] {
        const { &[SchemaOf::answer::<query::Find<'static>>("find")] }
    }
}

/// The arguments of `srm controls`.
#[derive(Debug, Args)]
pub struct ControlsArgs {
    /// A model or a service, by id, alias or name (see srm models, srm services); a variant as SERVICE:VARIANT (aws-lambda:manual).
    #[arg(long, short)]
    pub model: String,
    /// Only the controls of this baseline.
    #[arg(long, ignore_case = true, value_parser = baselines())]
    pub baseline: Option<Baseline>,
    /// Only these families (ac, au, sc…); repeat or separate with commas.
    #[arg(long, value_delimiter = ',')]
    pub family: Vec<String>,
    /// Keep only the controls with these owners (unmapped: those nothing in the scope speaks of).
    #[arg(long, ignore_case = true, value_delimiter = ',', value_parser = control_owners())]
    pub owner: Vec<Derived>,
    #[command(flatten)]
    pub scope: ScopeArgs,
    #[command(flatten)]
    pub output: ControlsOutput,
}

impl Ask for ControlsArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        self.output.resolve()
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        let list = crate::controls::embedded();
        let model = cat.resolve_model(&self.model)?;
        let families: Vec<String> = self
            .family
            .iter()
            .map(|f| f.trim().to_ascii_lowercase())
            .collect();
        if let Some(unknown) = families.iter().find(|f| list.family_title(f).is_none()) {
            let known: Vec<&str> = list.families.iter().map(|f| f.id()).collect();
            return Err(UsageError(format!(
                "unknown control family '{unknown}'; families: {}",
                known.join(", ")
            ))
            .into());
        }
        let filter = ControlFilter {
            baseline: self.baseline,
            families,
            owners: self.owner.clone(),
        };
        let scope = self.scope.scope();
        Ok(Box::new(query::controls(cat, list, model, &filter, scope)))
    }

    fn schemas() -> &'static [SchemaOf] {
        const {
            &[SchemaOf::answer::<query::ControlsReport<'static>>(
                "controls",
            )]
        }
    }
}

/// The arguments of `srm control`.
#[derive(Debug, Args)]
pub struct ControlArgs {
    /// A control id (ac-2.7) or label (AC-2(7)).
    pub id: String,
    #[command(flatten)]
    pub scope: ScopeArgs,
    #[command(flatten)]
    pub output: Output,
}

impl Ask for ControlArgs {
    fn output(&self) -> Result<(Format, &FileOutput), UsageError> {
        Ok(self.output.resolve())
    }

    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>> {
        let list = crate::controls::embedded();
        let Some(control) = list.find(&self.id) else {
            return Err(UsageError(format!(
                "unknown control '{}'; give an id such as ac-2.7 or a label such as AC-2(7) or AC-02 (07) (see `srm controls --model MODEL`)",
                crate::sanitize::cut(&self.id)
            ))
            .into());
        };
        Ok(Box::new(query::control(
            cat,
            list,
            control,
            self.scope.scope(),
        )))
    }

    fn schemas() -> &'static [SchemaOf] {
        const {
            &[SchemaOf::answer::<query::ControlExplain<'static>>(
                "control",
            )]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        full_command().debug_assert();
    }

    /// A command's arguments are declared when it is parsed; its help is the same as when
    /// they are declared at once, doc comment and all.
    #[test]
    fn deferred_arguments_give_the_same_help() {
        let help = |mut command: clap::Command, words: &[&str]| {
            let args = std::iter::once("srm")
                .chain(words.iter().copied())
                .chain(["--help"]);
            match command.try_get_matches_from_mut(args) {
                Err(e) => e.render().to_string(),
                Ok(_) => panic!("--help is an error"),
            }
        };
        let mut full = full_command();
        full.build();
        let mut paths: Vec<Vec<&str>> = Vec::new();
        for sub in full.get_subcommands().filter(|s| s.get_name() != "help") {
            paths.push(vec![sub.get_name()]);
            for nested in sub.get_subcommands().filter(|s| s.get_name() != "help") {
                paths.push(vec![sub.get_name(), nested.get_name()]);
            }
        }
        assert!(paths.len() > 20, "{paths:?}");
        for path in paths {
            let deferred = help(Cli::command(), &path);
            assert_eq!(deferred, help(full_command(), &path), "srm {path:?} --help");
            assert!(!deferred.starts_with("The arguments of"), "{deferred}");
        }
    }

    #[test]
    fn every_schema_has_one_name() {
        let mut names: Vec<&str> = schemas()
            .flat_map(|s| [Some(s.name), s.alias])
            .flatten()
            .collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "a schema name is given twice");
        assert!(
            !names.contains(&"catalog"),
            "catalog is the first word of catalog validate"
        );
        for words in [
            &["who"][..],
            &["diff-controls"],
            &["catalog-validate"],
            &["plan"],
        ] {
            let args = ["srm", "schema"].iter().chain(words.iter());
            assert!(
                Cli::try_parse_from(args).is_ok(),
                "srm schema {words:?} is refused"
            );
        }
    }
}
