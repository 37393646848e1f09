use std::io::Write;

use clap::{CommandFactory, FromArgMatches};

use srm::cli::Cli;
use srm::exit::ExitCode;

/// The arguments, parsed as `Cli::try_parse` parses them. The command tree and the matches
/// are then left for the process's exit to reclaim rather than walked and freed one by one:
/// srm answers one question and exits, and dropping clap's tree cost about as much as a
/// third of parsing it.
/// An error comes with the command whose help it points at (`srm who`).
fn parse() -> Result<Cli, (clap::Error, String)> {
    let mut command = Cli::command();
    let args: Vec<_> = std::env::args_os().collect();
    let parsed = command
        .try_get_matches_from_mut(&args)
        .and_then(|mut matches| {
            let cli = Cli::from_arg_matches_mut(&mut matches);
            std::mem::forget(matches);
            cli
        })
        .map_err(|e| {
            let path = srm::app::command_path(&command, &args);
            (e.format(&mut command), path)
        });
    std::mem::forget(command);
    parsed
}

fn main() -> std::process::ExitCode {
    srm::app::take_stdout(early::stdout_was_closed());
    let cli = match parse() {
        Ok(cli) => cli,
        Err((err, _)) if err.exit_code() == 0 => {
            // --help and --version are answers like any other: they go to stdout, and a
            // stdout that cannot take them (`srm --help > /dev/full`) is an error.
            return finish(srm::app::print_help(&err));
        }
        Err((err, command)) => {
            srm::app::print_usage_error(&err, &command);
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
                let message = match err.downcast_ref::<srm::load::CatalogError>() {
                    Some(catalog) => match catalog.lines() {
                        (first, Some(second)) => format!("{first}\n{second}"),
                        (first, None) => first,
                    },
                    // Anything else is one line, whatever line breaks what it quotes holds.
                    None => srm::sanitize::clean(&format!("{err:#}")).into_owned(),
                };
                let _ = writeln!(std::io::stderr().lock(), "error: {message}");
            }
            code.into()
        }
    }
}

/// Whether standard output was closed when srm was started (`srm matrix >&-`).
///
/// std's runtime opens /dev/null on a closed descriptor 0, 1 or 2 before `main`, so a closed
/// stdout would look like `> /dev/null` by then and the answer would vanish with exit 0. On
/// Linux the question is asked earlier, from the `.init_array` functions the C runtime calls
/// before std starts; elsewhere srm does not know, and says it was open.
mod early {
    #[cfg(target_os = "linux")]
    static CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

    #[cfg(target_os = "linux")]
    extern "C" fn look() {
        if rustix::io::fcntl_getfd(rustix::stdio::stdout()) == Err(rustix::io::Errno::BADF) {
            CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
        }
    }

    // SAFETY: `look` takes no arguments (the C runtime's argc, argv and envp are ignored, as
    // the C calling convention allows), touches nothing std's start-up prepares, and only
    // makes one system call and stores a flag.
    #[cfg(target_os = "linux")]
    #[used]
    #[unsafe(link_section = ".init_array")]
    static LOOK: extern "C" fn() = look;

    pub fn stdout_was_closed() -> bool {
        #[cfg(target_os = "linux")]
        return CLOSED.load(std::sync::atomic::Ordering::Relaxed);
        #[cfg(not(target_os = "linux"))]
        return false;
    }
}
