//! The shell: from parsed arguments to bytes on stdout and an exit code.
//!
//! This is the only module that looks at the environment (terminal, NO_COLOR, TERM) and
//! decides where output goes. It runs the command: for a query command, it loads the
//! catalogue, has the command's [`crate::cli::Ask`] resolve what the user named and ask
//! [`crate::query`], and writes the answer through [`crate::render`]; the other commands are
//! a [`crate::cli::Run`] of their own.

mod docs;
mod plan;
mod terminal;
mod usage;

pub use usage::command_path;

use std::io::{IsTerminal, Write};

use crate::catalog::{Catalog, UnknownId};
use crate::cli::{
    Ask, CatalogCommand, Cli, CompletionsArgs, Env, ExportCommand, FileOutput, ManArgs, Run,
    SchemaArg, SchemaArgs,
};
use crate::exit::{ExitCode, UsageError};
use crate::load::{self, Input};
use crate::query::{self, ControlFilter};
use crate::render::{self, Format, SchemaOf};
use crate::sanitize::clean;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // An empty SRM_CATALOG (`SRM_CATALOG= srm …`) means unset, as it does for NO_COLOR.
    let input = match &cli.global.catalog {
        Some(arg) if !arg.is_empty() => Input::from_arg(arg),
        _ => Input::Embedded,
    };
    let env = Env {
        input,
        style: terminal::style(cli.global.color),
    };
    cli.command.runner().run(&env)
}

/// Every query command runs alike: `answer` loads, asks and writes.
impl<A: Ask> Run for A {
    fn run(&self, env: &Env) -> anyhow::Result<ExitCode> {
        answer(self, env)
    }

    fn schemas() -> &'static [SchemaOf] {
        A::schemas()
    }
}

/// Loads the catalogue, asks, and writes the answer.
fn answer(ask: &dyn Ask, env: &Env) -> anyhow::Result<ExitCode> {
    let input = &env.input;
    let (format, file) = ask.output()?;
    // Most runs name no service: they read the embedded catalogue without its services (static
    // data, nothing parsed), and read the whole one only for a name that one does not know. A
    // command that lists or searches services reads the whole one from the start.
    let (lean, whole_already) = if ask.whole() {
        (load::load(input)?.into(), true)
    } else {
        load::load_lean(input)?
    };
    let whole = std::cell::OnceCell::new();
    let catalog: &Catalog<'static> = &lean;
    let (catalog, reply) = match ask.ask(catalog) {
        Err(err) if !whole_already && err.downcast_ref::<UnknownId>().is_some() => {
            let catalog = whole_catalogue(&whole, input)?;
            (catalog, ask.ask(catalog)?)
        }
        other => (catalog, other?),
    };
    if !reply.maps_controls() {
        warn_unmapped(input);
    }
    if let Some(why) = reply.refuses(format) {
        return Err(UsageError(why).into());
    }
    // A table cuts every cell (2,000 characters), so it holds at most that much for each
    // cell the catalogue spells; every other form holds the text whole and is measured, and so
    // is a table whose columns were named (services repeat text the catalogue spells once).
    if format != Format::Table || ask.names_columns() {
        within_limit(|limit| reply.fits(limit), catalog)?;
    }
    // Each command offers only the formats its answer has; this holds before a file is made.
    if !reply.has(format) {
        return Err(UsageError(render::cannot_write(format)).into());
    }
    emit_with(file, &mut |out| reply.write(format, env.style, out))?;
    let found = reply.found();
    // The process ends next and the OS takes its memory back at once; freeing the catalogue's
    // thousands of small allocations one by one first was 5% of a whole `srm who`.
    std::mem::forget(reply);
    std::mem::forget(whole);
    std::mem::forget(lean);
    Ok(if found {
        ExitCode::Success
    } else {
        ExitCode::Failure
    })
}

impl Run for ExportCommand {
    fn run(&self, env: &Env) -> anyhow::Result<ExitCode> {
        let ExportCommand::Oscal {
            model,
            baseline,
            ssp,
            scope,
            output,
        } = self;
        let input = &env.input;
        let (catalog, text) = load::load_with_text(input)?;
        let origin = export_origin(input, &catalog, text);
        let list = crate::controls::embedded();
        let model = catalog.resolve_model(model)?;
        let filter = ControlFilter {
            baseline: Some(*baseline),
            ..ControlFilter::default()
        };
        let report = query::controls(&catalog, list, model, &filter, scope.scope());
        // The export carries what the controls' JSON carries, in one document.
        within_limit(|limit| render::fits_json(&report, limit), &catalog)?;
        if !report.catalog_maps_controls {
            warn_unmapped(input);
        }
        let source = baseline.profile();
        let document = if *ssp {
            render::oscal::system_security_plan(&report, source, &origin)?
        } else {
            render::oscal::component_definition(&report, source, &origin)?
        };
        emit(&document, output)?;
        Ok(ExitCode::Success)
    }
}

impl Run for SchemaArgs {
    fn run(&self, _: &Env) -> anyhow::Result<ExitCode> {
        let schema = SchemaArg::from_words(&self.command, self.controls).map_err(UsageError)?;
        emit(&render::schema(schema)?, &self.output)?;
        Ok(ExitCode::Success)
    }
}

impl Run for CompletionsArgs {
    fn run(&self, _: &Env) -> anyhow::Result<ExitCode> {
        crate::output::stdout(&docs::completions(self.shell))?;
        Ok(ExitCode::Success)
    }
}

impl Run for ManArgs {
    fn run(&self, _: &Env) -> anyhow::Result<ExitCode> {
        docs::man(&self.command, self.dir.as_deref(), self.force)
    }
}

/// The whole catalogue, services included, read the first time it is asked for.
fn whole_catalogue<'a>(
    cell: &'a std::cell::OnceCell<Catalog<'static>>,
    input: &Input,
) -> anyhow::Result<&'a Catalog<'static>> {
    if let Some(catalog) = cell.get() {
        return Ok(catalog);
    }
    let catalog = load::load(input)?;
    Ok(cell.get_or_init(|| catalog))
}

/// The most an answer may hold, measured as its JSON: 16 MiB, and four times the catalogue's
/// size. A catalogue can name a long text once and make an answer repeat it in every cell; this
/// bounds what it can make srm print, and the memory that takes. The other documents hold the
/// same texts; HTML, SVG and Markdown escape them, which can make them up to about four times
/// the JSON.
fn answer_limit(catalogue: usize) -> usize {
    (16 << 20) + catalogue.saturating_mul(4)
}

/// Refuses an answer past [`answer_limit`] (`fits` says whether it stays within a number of
/// bytes), in one line naming the limit.
fn within_limit(fits: impl Fn(usize) -> bool, catalog: &Catalog<'_>) -> anyhow::Result<()> {
    let limit = answer_limit(catalog.text_len());
    if fits(limit) {
        return Ok(());
    }
    anyhow::bail!(
        "the answer would be larger than {} MiB, srm's limit for a catalogue of this size (16 MiB and four times the catalogue); ask for less (--layer, --model) or shorten the catalogue's longest texts",
        limit >> 20
    )
}

/// Says on stderr that a catalogue maps no control: its control views hold nothing but
/// `unmapped`, which must not pass for an answer.
fn warn_unmapped(input: &Input) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "warning: {} maps no control to its rows (no row has `controls`), so every control is `unmapped`; add `controls: [{{ids: [...], why: ...}}]` to rows",
        clean(&input.origin())
    );
}

/// What an OSCAL export's UUIDs and `last-modified` follow from: which catalogue it is, and its
/// `date`, or else when its file was last modified (for standard input, which has no such
/// time, the time of the export).
fn export_origin(input: &Input, catalog: &Catalog<'_>, text: &str) -> render::oscal::Origin {
    let modified = match input {
        Input::Path(path) => std::fs::metadata(path).and_then(|m| m.modified()).ok(),
        Input::Embedded | Input::Stdin => None,
    };
    let text = (*input != Input::Embedded).then_some(text);
    render::oscal::Origin::new(
        text,
        catalog.date(),
        modified.unwrap_or_else(std::time::SystemTime::now),
    )
}

impl Run for CatalogCommand {
    fn run(&self, env: &Env) -> anyhow::Result<ExitCode> {
        catalog_command(self, env.input.clone())
    }

    fn schemas() -> &'static [SchemaOf] {
        &[SchemaOf {
            name: "validate",
            alias: Some("catalog-validate"),
            title: Some("srm catalog validate --json"),
            of: render::schema_of::<load::ValidationReport<'static>>,
        }]
    }
}

fn catalog_command(command: &CatalogCommand, input: Input) -> anyhow::Result<ExitCode> {
    match command {
        // The catalogue as written: the embedded one's YAML, or the user's file as it is.
        // A file is shown only once it loads as a catalogue: `srm --catalog /etc/shadow
        // catalog show` prints nothing of it. On a terminal, whatever its comments hold that
        // could drive the terminal is escaped.
        CatalogCommand::Show { output } => {
            let text = match input {
                Input::Embedded => std::borrow::Cow::Borrowed(load::EMBEDDED),
                _ => {
                    let text = load::read(&input)?;
                    load::parse(&input.origin(), &text, &crate::catalog::Arena::new())?;
                    text
                }
            };
            if output.output.is_none() && std::io::stdout().is_terminal() {
                emit(&crate::sanitize::for_terminal(&text), output)?;
            } else {
                emit(&text, output)?;
            }
        }
        CatalogCommand::Schema { output } => emit(&crate::catalog::file::json_schema()?, output)?,
        CatalogCommand::Validate { path, json, format } => {
            let input = path.as_deref().map_or(input, Input::from_arg);
            let json = *json || *format == Format::Json;
            return validate(&input, json);
        }
    }
    Ok(ExitCode::Success)
}

/// Validation is the one command whose failure is its answer: problems go to stderr as
/// `path:line:column: message`, one a line (JSON: a report on stdout), and the exit code is 1.
fn validate(input: &Input, json: bool) -> anyhow::Result<ExitCode> {
    let result = load::load(input);
    let report = load::ValidationReport::new(input, &result);
    if json {
        crate::output::stdout(&render::json_text(&report)?)?;
    } else {
        match &result {
            Ok(_) => crate::output::stdout(&format!("ok: {}\n", report.summary()))?,
            Err(err) => {
                let mut stderr = std::io::stderr().lock();
                for problem in &err.problems {
                    let _ = writeln!(stderr, "{}", clean(&err.format_problem(problem)));
                }
                if err.omitted > 0 {
                    let _ = writeln!(
                        stderr,
                        "{}: … and {}, not listed (srm keeps the first {}); fix these first",
                        clean(&err.origin),
                        load::count(err.omitted, "more problem"),
                        load::MAX_PROBLEMS
                    );
                }
                let _ = writeln!(
                    stderr,
                    "error: {} in {}",
                    load::count(err.count(), "problem"),
                    clean(&err.origin)
                );
            }
        }
    }
    Ok(if result.is_ok() {
        ExitCode::Success
    } else {
        ExitCode::Failure
    })
}

/// Writes `text` to stdout, or to the --output file, never overwriting one without --force.
fn emit(text: &str, output: &FileOutput) -> anyhow::Result<()> {
    match &output.output {
        None => crate::output::stdout(text),
        Some(path) => crate::output::file(path, text, output.force),
    }
}

/// Has `body` write to stdout, or to the --output file, as [`emit`] writes `text`.
fn emit_with(output: &FileOutput, body: crate::output::Body<'_>) -> anyhow::Result<()> {
    match &output.output {
        None => crate::output::stdout_with(body),
        Some(path) => crate::output::file_with(path, output.force, body),
    }
}

/// Takes hold of standard output before anything opens a file; `closed` says it was closed
/// when the process started, which makes writing to it an error (see `output::init`).
pub fn take_stdout(closed: bool) {
    crate::output::init(closed);
}

/// Prints clap's help or version text to stdout, styled as `--color auto` would color.
pub fn print_help(shown: &clap::Error) -> anyhow::Result<ExitCode> {
    let styled = shown.render();
    let text = if terminal::auto_color(std::io::stdout().is_terminal()) {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    crate::output::stdout(&text)?;
    Ok(ExitCode::Success)
}

/// Prints a usage error from clap on stderr, in two lines (`usage.rs`); `srm` alone prints
/// its help there instead, since nothing was asked. `command` is the command whose help the
/// error points at (`srm who`).
pub fn print_usage_error(err: &clap::Error, command: &str) {
    let text = if err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // The command is built without colors: the help holds clap's words and nothing else.
        err.render().ansi().to_string()
    } else {
        usage::message(err, command) + "\n"
    };
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// The exit code for an error, and whether to say anything about it.
///
/// A closed pipe (`srm matrix | head -1`) is how a reader says it has seen enough: that is
/// success, and silent. Anything the user named wrongly is a usage error (2); the rest is 1.
pub fn classify(err: &anyhow::Error) -> (ExitCode, bool) {
    for cause in err.chain() {
        if let Some(io) = cause.downcast_ref::<std::io::Error>()
            && io.kind() == std::io::ErrorKind::BrokenPipe
        {
            return (ExitCode::Success, false);
        }
    }
    if err.downcast_ref::<UnknownId>().is_some() || err.downcast_ref::<UsageError>().is_some() {
        return (ExitCode::Usage, true);
    }
    (ExitCode::Failure, true)
}
