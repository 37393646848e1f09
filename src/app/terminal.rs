//! The terminal policy: whether output is colored, and how wide tables are. srm asks the
//! environment once, here, and hands renderers a [`Style`] that holds the answer.

use std::io::IsTerminal;

use crate::cli::ColorArg;
use crate::render::Style;

/// Whether `--color auto` colors: a terminal that can show colors (not `TERM=dumb`), unless
/// NO_COLOR is set and non-empty (no-color.org); CLICOLOR_FORCE (set and not `0`) colors
/// anything, pipes included. NO_COLOR wins over CLICOLOR_FORCE.
pub(super) fn auto_color(tty: bool) -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let force = std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0");
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    !no_color && (force || (tty && !dumb))
}

/// Colors and width for text output; --color always and never win over the environment.
///
/// Tables fit a terminal's width; written anywhere else, they fit `COLUMNS` when it holds a
/// width (`COLUMNS=60 srm matrix | less`), and keep their natural width when it does not.
pub(super) fn style(color: ColorArg) -> Style {
    let tty = std::io::stdout().is_terminal();
    let color = match color {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => auto_color(tty),
    };
    let width = if tty {
        terminal_size::terminal_size().map(|(w, _)| w.0)
    } else {
        std::env::var_os("COLUMNS").and_then(|v| columns(&v))
    };
    Style { color, width }
}

/// The width a `COLUMNS` value holds: a whole number of columns from 1 to 65535, blanks
/// around it allowed; anything else (empty, `0`, `-5`, `80x`) holds none.
fn columns(value: &std::ffi::OsStr) -> Option<u16> {
    value
        .to_str()?
        .trim()
        .parse::<u16>()
        .ok()
        .filter(|&w| w > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_width_is_a_whole_number_of_columns() {
        for (value, width) in [
            ("80", Some(80)),
            (" 60 ", Some(60)),
            ("0", None),
            ("-5", None),
            ("80x", None),
            ("", None),
            ("70000", None),
        ] {
            assert_eq!(columns(std::ffi::OsStr::new(value)), width, "{value:?}");
        }
    }
}
