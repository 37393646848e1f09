use std::io::Write;

use clap::Parser;

use srm::cli::Cli;
use srm::exit::ExitCode;

fn main() -> std::process::ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            // Help and --version go to stdout with 0; real usage errors to stderr with 2.
            let _ = err.print();
            return match err.exit_code() {
                0 => ExitCode::Success,
                _ => ExitCode::Usage,
            }
            .into();
        }
    };
    match srm::app::run(cli) {
        Ok(code) => code.into(),
        Err(err) => {
            let (code, speak) = srm::app::classify(&err);
            if speak {
                // `{:#}` prints the whole chain of causes on one line. A failing stderr leaves
                // nothing better to do than exit with the code.
                // Messages may quote user input, so they are cleaned like any other output.
                let message = srm::sanitize::clean_lines(&format!("{err:#}"));
                let _ = writeln!(std::io::stderr().lock(), "error: {message}");
            }
            code.into()
        }
    }
}
