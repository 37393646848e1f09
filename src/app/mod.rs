//! The shell: from parsed arguments to bytes on stdout and an exit code.
//!
//! This is the only module that looks at the environment (terminal, NO_COLOR) and writes
//! output. It loads the catalogue, resolves what the user named, asks [`crate::query`] and hands
//! the answer to [`crate::render`].

use std::io::{IsTerminal, Write};

use anyhow::Context;
use clap::CommandFactory;

use crate::catalog::{Catalog, UnknownId};
use crate::cli::{CatalogCommand, Cli, ColorArg, Command, FormatArg, OutputFile};
use crate::exit::{ExitCode, UsageError};
use crate::load::{self, Input};
use crate::query::{self, Report};
use crate::render::{self, Format, Style};
use crate::sanitize::clean;

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // An empty SRM_CATALOG (`SRM_CATALOG= srm …`) means unset, as it does for NO_COLOR.
    let input = match &cli.global.catalog {
        Some(arg) if !arg.is_empty() => Input::from_arg(arg),
        _ => Input::Embedded,
    };
    let format = if cli.global.json {
        Format::Json
    } else {
        match cli.global.format {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
            FormatArg::Yaml => Format::Yaml,
            FormatArg::Csv => Format::Csv,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
            FormatArg::Svg => Format::Svg,
        }
    };
    match &cli.command {
        Command::Catalog(command) => return catalog_command(command, input, format),
        Command::Completions { shell } => {
            crate::output::stdout(&completions(*shell))?;
            return Ok(ExitCode::Success);
        }
        Command::Man => {
            crate::output::stdout(&manual()?)?;
            return Ok(ExitCode::Success);
        }
        _ => {}
    }
    let catalog = load_catalog(&input)?;
    let Some(report) = answer(&catalog, &cli.command)? else {
        return Ok(ExitCode::Success);
    };
    let Some(text) = render::render(&report, format, style(cli.global.color)) else {
        return Err(UsageError(
            "--format html and svg draw the matrix only; use them with `srm matrix`".to_string(),
        )
        .into());
    };
    crate::output::stdout(&text)?;
    // The process ends next and the OS takes its memory back at once; freeing the catalogue's
    // thousands of small allocations one by one first was 5% of a whole `srm who`.
    std::mem::forget(report);
    std::mem::forget(catalog);
    Ok(ExitCode::Success)
}

/// Prints clap's help or version text to stdout, styled as `--color auto` would color.
pub fn print_help(shown: &clap::Error) -> anyhow::Result<ExitCode> {
    let styled = shown.render();
    let text = if auto_color(std::io::stdout().is_terminal()) {
        styled.ansi().to_string()
    } else {
        styled.to_string()
    };
    crate::output::stdout(&text)?;
    Ok(ExitCode::Success)
}

/// A completion script. Layer, part and model ids of the embedded catalogue are offered as
/// values where the shell supports it; srm still accepts any id, so custom catalogues work.
fn completions(shell: clap_complete::Shell) -> String {
    let mut command = Cli::command();
    if let Ok(cat) = load::load(&Input::Embedded) {
        let layers: Vec<String> = query::layers(&cat)
            .layers
            .iter()
            .flat_map(|l| std::iter::once(l.id).chain(l.parts.iter().map(|p| p.id)))
            .map(str::to_string)
            .collect();
        let models: Vec<String> = cat.models().iter().map(|m| m.id().to_string()).collect();
        let all: Vec<String> = layers.iter().chain(&models).cloned().collect();
        let values =
            |ids: &[String]| {
                clap::builder::PossibleValuesParser::new(ids.iter().map(|id| {
                    clap::builder::PossibleValue::new(clap::builder::Str::from(id.clone()))
                }))
            };
        command = command
            .mut_subcommand("who", |c| {
                c.mut_arg("layer", |a| a.value_parser(values(&layers)))
                    .mut_arg("model", |a| a.value_parser(values(&models)))
            })
            .mut_subcommand("diff", |c| {
                c.mut_arg("from", |a| a.value_parser(values(&models)))
                    .mut_arg("to", |a| a.value_parser(values(&models)))
            })
            .mut_subcommand("checklist", |c| {
                c.mut_arg("model", |a| a.value_parser(values(&models)))
                    .mut_arg("layer", |a| a.value_parser(values(&layers)))
            })
            .mut_subcommand("explain", |c| {
                c.mut_arg("id", |a| a.value_parser(values(&all)))
            });
    }
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "srm", &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn manual() -> anyhow::Result<String> {
    let mut out = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut out)
        .context("cannot render the manual page")?;
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// Reads and validates the catalogue the user chose (or the embedded one).
fn load_catalog(input: &Input) -> Result<Catalog<'static>, load::CatalogError> {
    load::load(input)
}

/// The answer to a query command; `None` for the commands that are not queries of a loaded
/// catalogue (`srm catalog …`, handled before loading).
fn answer<'c>(cat: &'c Catalog, command: &Command) -> Result<Option<Report<'c>>, UnknownId> {
    Ok(Some(match command {
        Command::Who {
            layer,
            model,
            owner,
        } => {
            let layer = layer.as_deref().map(|l| cat.resolve_layer(l)).transpose()?;
            let model = model.as_deref().map(|m| cat.resolve_model(m)).transpose()?;
            Report::Who(query::who(cat, layer, model, owner.map(|o| o.0)))
        }
        Command::Diff { from, to, all } => {
            let from = cat.resolve_model(from)?;
            let to = cat.resolve_model(to)?;
            Report::Diff(query::diff(cat, from, to, *all))
        }
        Command::Retained => Report::Retained(query::retained(cat)),
        Command::Matrix => Report::Matrix(query::matrix(cat)),
        Command::Layers => Report::Layers(query::layers(cat)),
        Command::Models => Report::Models(query::models(cat)),
        Command::Checklist { model, layer } => {
            let model = cat.resolve_model(model)?;
            let layer = layer.as_deref().map(|l| cat.resolve_layer(l)).transpose()?;
            Report::Checklist(query::checklist(cat, model, layer))
        }
        Command::Explain { id } => Report::Explain(query::explain(cat, cat.resolve_any(id)?)),
        Command::Catalog(_) | Command::Completions { .. } | Command::Man => return Ok(None),
    }))
}

fn catalog_command(
    command: &CatalogCommand,
    input: Input,
    format: Format,
) -> anyhow::Result<ExitCode> {
    match command {
        CatalogCommand::Show { output } => emit(load::EMBEDDED, output)?,
        CatalogCommand::Schema { output } => emit(&crate::catalog::file::json_schema(), output)?,
        CatalogCommand::Validate { path } => {
            let input = path.as_deref().map_or(input, Input::from_arg);
            return validate(&input, format);
        }
    }
    Ok(ExitCode::Success)
}

/// Validation is the one command whose failure is its answer: problems go to stderr as
/// `path:line:column: message`, one a line (JSON: a report on stdout), and the exit code is 1.
fn validate(input: &Input, format: Format) -> anyhow::Result<ExitCode> {
    let result = load_catalog(input);
    let report = load::ValidationReport::new(input, &result);
    match format {
        Format::Json => crate::output::stdout(&render::json_text(&report))?,
        _ => match &result {
            Ok(_) => crate::output::stdout(&format!("ok: {}\n", report.summary()))?,
            Err(err) => {
                let mut stderr = std::io::stderr().lock();
                for problem in &err.problems {
                    let _ = writeln!(stderr, "{}", clean(&err.format_problem(problem)));
                }
                let n = err.problems.len();
                let _ = writeln!(
                    stderr,
                    "error: {} problem{} in {}",
                    n,
                    if n == 1 { "" } else { "s" },
                    clean(&err.origin)
                );
            }
        },
    }
    Ok(if result.is_ok() {
        ExitCode::Success
    } else {
        ExitCode::Failure
    })
}

/// Writes `text` to stdout, or to the --output file, never overwriting one without --force.
fn emit(text: &str, output: &OutputFile) -> anyhow::Result<()> {
    let Some(path) = &output.output else {
        return crate::output::stdout(text);
    };
    crate::output::file(path, text, output.force)
}

/// Whether `--color auto` colors: a terminal that can show colors (not `TERM=dumb`), unless
/// NO_COLOR is set and non-empty (no-color.org); CLICOLOR_FORCE (set and not `0`) colors
/// anything, pipes included. NO_COLOR wins over CLICOLOR_FORCE.
fn auto_color(tty: bool) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let force = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    !no_color && (force || (tty && !dumb))
}

/// Colors and width for text output; --color always and never win over the environment.
fn style(color: ColorArg) -> Style {
    let tty = std::io::stdout().is_terminal();
    let color = match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => auto_color(tty),
    };
    let width = if tty {
        terminal_size::terminal_size().map(|(w, _)| w.0)
    } else {
        None
    };
    Style { color, width }
}

/// Prints a usage error from clap on stderr. clap echoes the arguments it could not take, and
/// those may hold anything (`srm $'\e]0;title\a'`), so its message goes through the same
/// terminal policy as srm's own, without clap's colors.
///
/// Like ripgrep, it says it in one line and one hint: the error, then clap's tip if it has one
/// (`a similar argument exists: '--layer'`), else where to read more.
pub fn print_usage_error(err: &clap::Error) {
    // The command is built without colors, so the rendered text holds clap's words and the
    // arguments as typed, and nothing else.
    let text = err.render().ansi().to_string();
    if err.kind() == clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // `srm` alone: the help is the answer, on stderr since nothing was asked.
        let _ = write!(std::io::stderr().lock(), "{text}");
        return;
    }
    // clap's message, then perhaps a tip or the possible values, then the usage.
    let mut message = Vec::new();
    let mut hint = None;
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with("Usage:") || line.starts_with("For more information") {
            break;
        }
        if line.starts_with("tip:") || line.starts_with("[possible values") {
            hint.get_or_insert(line);
        } else {
            message.push(line);
        }
    }
    let first = if message.is_empty() {
        "error: invalid command line".to_string()
    } else {
        message.join(" ")
    };
    let hint = hint.map_or_else(
        || "  see `srm --help`".to_string(),
        |line| format!("  {line}"),
    );
    let clean = crate::sanitize::clean;
    let _ = writeln!(
        std::io::stderr().lock(),
        "{}\n{}",
        clean(&first),
        clean(&hint)
    );
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
