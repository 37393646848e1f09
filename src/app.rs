//! The shell: from parsed arguments to bytes on stdout and an exit code.
//!
//! This is the only module that looks at the environment (terminal, NO_COLOR) and writes
//! output. It loads the catalogue, resolves what the user named, asks [`crate::query`] and hands
//! the answer to [`crate::render`].

use std::io::{IsTerminal, Write};

use anyhow::Context;

use crate::catalog::{Catalog, UnknownId};
use crate::cli::{Cli, ColorArg, Command, FormatArg};
use crate::exit::ExitCode;
use crate::load::{self, Input};
use crate::query::{self, Report};
use crate::render::{self, Format, Style};

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let input = match &cli.global.catalog {
        Some(arg) => Input::from_arg(arg),
        None => Input::Embedded,
    };
    let catalog = load::load(&input)?;
    let format = if cli.global.json {
        Format::Json
    } else {
        match cli.global.format {
            FormatArg::Table => Format::Table,
            FormatArg::Json => Format::Json,
        }
    };
    let report = answer(&catalog, &cli.command)?;
    let text = render::render(&report, format, style(cli.global.color));
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        .context("cannot write to standard output")?;
    Ok(ExitCode::Success)
}

fn answer<'c>(cat: &'c Catalog, command: &Command) -> Result<Report<'c>, UnknownId> {
    Ok(match command {
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
    })
}

/// Colors and width for text output. `auto` colors only a terminal, and never when NO_COLOR is
/// set to anything non-empty (no-color.org).
fn style(color: ColorArg) -> Style {
    let tty = std::io::stdout().is_terminal();
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let color = match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => tty && !no_color,
    };
    let width = if tty {
        terminal_size::terminal_size().map(|(w, _)| w.0)
    } else {
        None
    };
    Style { color, width }
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
    if err.downcast_ref::<UnknownId>().is_some() {
        return (ExitCode::Usage, true);
    }
    (ExitCode::Failure, true)
}
