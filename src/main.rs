use std::io::Write;

use clap::Parser;

use srm::cli::Cli;
use srm::exit::ExitCode;

fn main() -> std::process::ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) if err.exit_code() == 0 => {
            // --help and --version are answers like any other: they go to stdout, and a
            // stdout that cannot take them (`srm --help > /dev/full`) is an error.
            return finish(srm::app::print_help(&err));
        }
        Err(err) => {
            srm::app::print_usage_error(&err);
            return ExitCode::Usage.into();
        }
    };
    finish(srm::app::run(cli))
}

/// The exit code for how a run ended, saying what went wrong on stderr.
fn finish(result: anyhow::Result<ExitCode>) -> std::process::ExitCode {
    match result {
        Ok(code) => code.into(),
        Err(err) => {
            let (code, speak) = srm::app::classify(&err);
            if speak {
                // `{:#}` prints the whole chain of causes on one line. A failing stderr leaves
                // nothing better to do than exit with the code.
                // Messages may quote user input, so they are cleaned like any other output, and
                // an error is two lines at most: what, then how to fix it.
                let message = srm::sanitize::at_most_two_lines(&format!("{err:#}"));
                let _ = writeln!(std::io::stderr().lock(), "error: {message}");
            }
            code.into()
        }
    }
}
