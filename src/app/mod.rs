//! The shell: from parsed arguments to bytes on stdout and an exit code.
//!
//! This is the only module that looks at the environment (terminal, NO_COLOR, TERM) and
//! decides where output goes. It loads the catalogue, resolves what the user named, asks
//! [`crate::query`] and hands the answer to [`crate::render`].

mod docs;
mod plan;
mod terminal;
mod usage;

pub use usage::command_path;

use std::io::{IsTerminal, Write};

use crate::catalog::{Catalog, Column, Derived, LayerRef, UnknownId};
use crate::cli::{
    CatalogCommand, Cli, Command, ControlsFormatArg, ControlsOutput, ExportCommand, FileOutput,
    FormatArg, IdStyleArg, NamedScopeArgs, Output, PictureFormatArg, PictureOutput, ReportFormat,
    SchemaArg, ScopeArg,
};
use crate::exit::{ExitCode, UsageError};
use crate::load::{self, Input};
use crate::query::{self, ControlFilter, Report, Scope, Selection};
use crate::render::{self, Format};
use crate::sanitize::clean;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // An empty SRM_CATALOG (`SRM_CATALOG= srm …`) means unset, as it does for NO_COLOR.
    let input = match &cli.global.catalog {
        Some(arg) if !arg.is_empty() => Input::from_arg(arg),
        _ => Input::Embedded,
    };
    let style = terminal::style(cli.global.color);
    let (format, file) = match &cli.command {
        Command::Catalog(command) => return catalog_command(command, input),
        Command::Plan(args) => return plan::plan(args, &input, style),
        Command::Completions { shell } => {
            crate::output::stdout(&docs::completions(*shell))?;
            return Ok(ExitCode::Success);
        }
        Command::Man {
            command,
            dir,
            force,
        } => return docs::man(command, dir.as_deref(), *force),
        Command::Schema {
            command,
            controls,
            output,
        } => {
            let schema = SchemaArg::from_words(command, *controls).map_err(UsageError)?;
            emit(&render::schema(schema.name())?, output)?;
            return Ok(ExitCode::Success);
        }
        Command::Matrix { output, .. } => picture_format(output),
        Command::Controls { output, .. } => controls_format(output)?,
        Command::Export(ExportCommand::Oscal {
            model,
            baseline,
            ssp,
            scope,
            output,
        }) => {
            let (catalog, text) = load::load_with_text(&input)?;
            let origin = export_origin(&input, &catalog, text);
            let list = crate::controls::embedded();
            let model = catalog.resolve_model(model)?;
            let filter = ControlFilter {
                baseline: Some(baseline.0),
                ..ControlFilter::default()
            };
            let report = query::controls(&catalog, list, model, &filter, scope_of(scope.scope));
            // The export carries what the controls' JSON carries, in one document.
            within_limit(|limit| render::fits_json(&report, limit), &catalog)?;
            if !report.catalog_maps_controls {
                warn_unmapped(&input);
            }
            let source = baseline.0.profile();
            let document = if *ssp {
                render::oscal::system_security_plan(&report, source, &origin)?
            } else {
                render::oscal::component_definition(&report, source, &origin)?
            };
            emit(&document, output)?;
            return Ok(ExitCode::Success);
        }
        Command::Control { output, .. } => (format_of(output), &output.file),
        Command::Who { output, .. }
        | Command::Diff { output, .. }
        | Command::Retained { output, .. }
        | Command::Layers { output, .. }
        | Command::Models { output }
        | Command::Services { output, .. }
        | Command::Checklist { output, .. }
        | Command::Explain { output, .. }
        | Command::Find { output, .. } => (format_of(output), &output.file),
    };
    // Most runs name no service: they read the embedded catalogue without its services (static
    // data, nothing parsed), and read the whole one only for a name that one does not know. A
    // command that lists or searches services reads the whole one from the start.
    let (lean, whole_already) = if wants_whole(&cli.command) {
        (load::load(&input)?.into(), true)
    } else {
        load::load_lean(&input)?
    };
    let whole = std::cell::OnceCell::new();
    let catalog: &Catalog<'static> = &lean;
    let (catalog, report) = match answer(catalog, &cli.command) {
        Err(err) if !whole_already && err.downcast_ref::<UnknownId>().is_some() => {
            let catalog = whole_catalogue(&whole, &input)?;
            (catalog, answer(catalog, &cli.command)?)
        }
        other => (catalog, other?),
    };
    let Some(report) = report else {
        return Ok(ExitCode::Success);
    };
    let maps_controls = match &report {
        Report::Controls(r) => r.catalog_maps_controls,
        Report::Control(r) => r.catalog_maps_controls,
        Report::ControlsDiff(r) => r.catalog_maps_controls,
        _ => true,
    };
    if !maps_controls {
        warn_unmapped(&input);
    }
    // An owner word has no cells, the records CSV is made of: say so rather than print a
    // header alone.
    if let Report::Explain(e) = &report
        && e.kind == query::Kind::Owner
        && format == Format::Csv
    {
        return Err(UsageError(format!(
            "`srm explain {}` explains an owner word, which has no cells to list as CSV; use --format table, json, yaml or markdown",
            e.id
        ))
        .into());
    }
    // A table cuts every cell (2,000 characters), so it holds at most that much for each
    // cell the catalogue spells; every other form holds the text whole and is measured, and so
    // is a table whose columns were named (services repeat text the catalogue spells once).
    if format != Format::Table || names_columns(&cli.command) {
        within_limit(|limit| render::fits(&report, limit), catalog)?;
    }
    let Some(text) = render::render(&report, format, style)? else {
        // The command line offers pictures for the matrix only; this is a bug if reached.
        return Err(
            UsageError("html and svg draw the matrix only; use `srm matrix`".into()).into(),
        );
    };
    emit(&text, file)?;
    // Like grep, a search that finds nothing (no row, nothing named) prints its answer and
    // exits 1, so that a script can tell (`srm find x && …`).
    let found = !matches!(&report, Report::Find(f) if f.rows.is_empty() && f.see.is_empty());
    // The process ends next and the OS takes its memory back at once; freeing the catalogue's
    // thousands of small allocations one by one first was 5% of a whole `srm who`.
    std::mem::forget(report);
    std::mem::forget(whole);
    std::mem::forget(lean);
    Ok(if found {
        ExitCode::Success
    } else {
        ExitCode::Failure
    })
}

/// Whether a command reads the services whatever it is asked: it lists or searches them.
fn wants_whole(command: &Command) -> bool {
    matches!(command, Command::Services { .. } | Command::Find { .. })
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

fn format_of(output: &Output) -> Format {
    if output.json {
        return Format::Json;
    }
    match output.format {
        FormatArg::Table => Format::Table,
        FormatArg::Json => Format::Json,
        FormatArg::Yaml => Format::Yaml,
        FormatArg::Csv => Format::Csv,
        FormatArg::Markdown => Format::Markdown,
    }
}

fn picture_format(output: &PictureOutput) -> (Format, &FileOutput) {
    let format = if output.json {
        Format::Json
    } else {
        match output.format {
            PictureFormatArg::Table => Format::Table,
            PictureFormatArg::Json => Format::Json,
            PictureFormatArg::Yaml => Format::Yaml,
            PictureFormatArg::Csv => Format::Csv,
            PictureFormatArg::Markdown => Format::Markdown,
            PictureFormatArg::Html => Format::Html,
            PictureFormatArg::Svg => Format::Svg,
        }
    };
    (format, &output.file)
}

fn controls_format(output: &ControlsOutput) -> Result<(Format, &FileOutput), UsageError> {
    let crm_only = output.with_basis || output.id_style != IdStyleArg::Nist;
    if crm_only && (output.json || output.format != ControlsFormatArg::Crm) {
        return Err(UsageError(
            "--id-style and --with-basis shape the customer responsibility matrix; add --format crm".to_string(),
        ));
    }
    let format = if output.json {
        Format::Json
    } else {
        match output.format {
            ControlsFormatArg::Table => Format::Table,
            ControlsFormatArg::Json => Format::Json,
            ControlsFormatArg::Yaml => Format::Yaml,
            ControlsFormatArg::Csv => Format::Csv,
            ControlsFormatArg::Markdown => Format::Markdown,
            ControlsFormatArg::Crm => Format::Crm(render::Crm {
                fedramp_ids: output.id_style == IdStyleArg::Fedramp,
                with_basis: output.with_basis,
            }),
        }
    };
    Ok((format, &output.file))
}

fn scope_of(scope: ScopeArg) -> Scope {
    match scope {
        ScopeArg::Classic => Scope::Classic,
        ScopeArg::Ai => Scope::Ai,
        ScopeArg::All => Scope::All,
    }
}

/// The scope asked for with `--scope` on a command that takes `--layer`, if any.
fn asked(scope: &NamedScopeArgs) -> Option<Scope> {
    scope.scope.map(scope_of)
}

/// The scope of an answer that takes `--layer`: the one asked for; else that of the layers
/// named (`--layer ai-app` is answered, not left out); else the classic stack.
fn named_scope(cat: &Catalog<'_>, layers: &[LayerRef], asked: Option<Scope>) -> Scope {
    if let Some(scope) = asked {
        return scope;
    }
    let ai = |r: &LayerRef| cat.layer(r.layer()).is_ai();
    match (layers.iter().any(ai), layers.iter().all(ai)) {
        (false, _) => Scope::Classic,
        (true, true) => Scope::Ai,
        (true, false) => Scope::All,
    }
}

/// The layers and models named on the command line, resolved against the catalogue, in
/// `scope`, or when none was asked for, the scope of the layers named ([`named_scope`]).
fn selection(
    cat: &Catalog<'_>,
    layers: &[String],
    models: &[String],
    scope: Option<Scope>,
) -> anyhow::Result<Selection> {
    // An empty item (`--layer os,`, a trailing comma) names nothing and is passed over; what
    // is named twice is asked once ([`Selection::new`]).
    let named = |s: &&String| !s.trim().is_empty();
    let layers: Vec<LayerRef> = layers
        .iter()
        .filter(named)
        .map(|l| cat.resolve_layer(l))
        .collect::<Result<_, _>>()?;
    let models: Vec<Column> = models
        .iter()
        .filter(named)
        .map(|m| cat.resolve_model(m))
        .collect::<Result<_, _>>()?;
    let scope = named_scope(cat, &layers, scope);
    let selection = Selection::new(layers, models, scope);
    within_cells(cat, selection.layers(), selection.named_models())?;
    Ok(selection)
}

/// Most cells an answer may hold beyond those its catalogue spells: a service column costs a
/// cell a row, though the file spells only its overrides, so the columns named on the command
/// line are bounded by the catalogue's size.
fn cell_budget(catalogue: usize) -> usize {
    65_536 + catalogue / 4
}

/// Refuses service columns × rows past [`cell_budget`], before anything is built.
fn within_cells(cat: &Catalog<'_>, layers: &[LayerRef], models: &[Column]) -> anyhow::Result<()> {
    let services = models
        .iter()
        .filter(|m| matches!(m, Column::Service { .. }))
        .count();
    if services == 0 {
        return Ok(());
    }
    let rows: usize = if layers.is_empty() {
        cat.row_count()
    } else {
        layers
            .iter()
            .map(|r| match *r {
                LayerRef::Layer(l) => cat.layer(l).rows().len(),
                LayerRef::Part(_) => 1,
            })
            .sum()
    };
    let budget = cell_budget(cat.text_len());
    if services.saturating_mul(rows) <= budget {
        return Ok(());
    }
    anyhow::bail!(
        "{services} services over {rows} rows make {} cells, more than srm answers for a catalogue of this size ({budget}: 65,536 and one per 4 bytes of it); name fewer services, or rows with --layer",
        services.saturating_mul(rows)
    )
}

/// Whether a table answer is measured too: one whose columns the command line names, which may
/// be services (each a column the catalogue spells only in part).
fn names_columns(command: &Command) -> bool {
    match command {
        Command::Who { model, .. }
        | Command::Matrix { model, .. }
        | Command::Find { model, .. } => !model.is_empty(),
        _ => false,
    }
}

/// The answer to a query command (the other commands are answered before the catalogue is
/// loaded, and have none).
fn answer<'c>(cat: &'c Catalog<'_>, command: &Command) -> anyhow::Result<Option<Report<'c>>> {
    Ok(Some(match command {
        Command::Who {
            layer,
            model,
            owner,
            scope,
            ..
        } => {
            let owners: Vec<_> = owner.iter().map(|o| o.0).collect();
            Report::Who(query::who(
                cat,
                &selection(cat, layer, model, asked(scope))?,
                &owners,
            ))
        }
        Command::Diff {
            from,
            to,
            all,
            controls,
            baseline,
            layer,
            scope,
            ..
        } => {
            let from = cat.resolve_model(from)?;
            let to = cat.resolve_model(to)?;
            if *controls {
                let list = crate::controls::embedded();
                let baseline = baseline.map(|b| b.0);
                return Ok(Some(Report::ControlsDiff(query::controls_diff(
                    cat,
                    list,
                    from,
                    to,
                    baseline,
                    named_scope(cat, &[], asked(scope)),
                ))));
            }
            let selection = selection(cat, layer, &[], asked(scope))?;
            Report::Diff(query::diff(cat, from, to, &selection, *all))
        }
        Command::Controls {
            model,
            baseline,
            family,
            owner,
            scope,
            ..
        } => {
            let list = crate::controls::embedded();
            let model = cat.resolve_model(model)?;
            let families: Vec<String> = family
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
                baseline: baseline.map(|b| b.0),
                families,
                owners: owner.iter().map(|o| o.0).collect(),
            };
            Report::Controls(query::controls(
                cat,
                list,
                model,
                &filter,
                scope_of(scope.scope),
            ))
        }
        Command::Control { id, scope, .. } => {
            let list = crate::controls::embedded();
            let Some(control) = list.find(id) else {
                return Err(UsageError(format!(
                    "unknown control '{}'; give an id such as ac-2.7 or a label such as AC-2(7) or AC-02 (07) (see `srm controls --model MODEL`)",
                    crate::sanitize::cut(id)
                ))
                .into());
            };
            Report::Control(query::control(cat, list, control, scope_of(scope.scope)))
        }
        Command::Retained { scope, .. } => Report::Retained(query::retained(
            cat,
            &selection(cat, &[], &[], Some(scope_of(scope.scope)))?,
        )),
        Command::Matrix {
            model,
            layer,
            scope,
            ..
        } => Report::Matrix(query::matrix(
            cat,
            &selection(cat, layer, model, asked(scope))?,
        )),
        Command::Layers { scope, .. } => Report::Layers(query::layers(
            cat,
            &selection(cat, &[], &[], Some(scope_of(scope.scope)))?,
        )),
        Command::Models { .. } => Report::Models(query::models(cat)),
        Command::Services { provider, .. } => {
            let provider = match provider.as_deref().map(str::trim) {
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
            Report::Services(query::services(cat, provider))
        }
        Command::Checklist {
            model,
            layer,
            scope,
            ..
        } => {
            let model = cat.resolve_model(model)?;
            let selection = selection(cat, layer, &[], asked(scope))?;
            Report::Checklist(query::checklist(cat, model, &selection))
        }
        // An id of the catalogue wins; an owner word that none takes is explained as a word.
        Command::Explain { id, .. } => match (cat.find(id), Derived::from_word(id)) {
            (None, Some(owner)) => Report::Explain(query::explain_owner(owner)),
            _ => Report::Explain(query::explain(cat, cat.resolve_any(id)?)),
        },
        Command::Find {
            words,
            model,
            scope,
            ..
        } => {
            let list = crate::controls::embedded();
            let terms = query::terms(words, cat, list);
            if terms.len() > query::MAX_WORDS {
                return Err(UsageError(format!(
                    "srm find takes at most {} distinct words, and was given {}; keep the few that matter",
                    query::MAX_WORDS,
                    terms.len()
                ))
                .into());
            }
            let selection = selection(cat, &[], model, Some(scope_of(scope.scope)))?;
            Report::Find(query::find(cat, terms, &selection))
        }
        Command::Schema { .. }
        | Command::Catalog(_)
        | Command::Plan(_)
        | Command::Export(_)
        | Command::Completions { .. }
        | Command::Man { .. } => return Ok(None),
    }))
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
                    load::parse(&input.origin(), &text)?;
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
            let json = *json || *format == ReportFormat::Json;
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
