//! A usage error from clap, said in srm's two lines and composed from the error's kind and
//! context (what was typed, what was expected, what clap suggests), never from its rendered
//! text.
//!
//! clap echoes the arguments it could not take, and those may hold anything
//! (`srm $'\e]0;title\a'`), so both lines go through the same terminal policy as srm's own.
//! Like ripgrep, srm says it in one line and one hint: the error, then the values it takes or
//! clap's tip if it has one (`a similar argument exists: '--layer'`), else where to read more.

use std::error::Error as _;
use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};

/// The two lines for `err`, the second naming `command`'s help when there is nothing better
/// to say.
pub(crate) fn message(err: &clap::Error, command: &str) -> String {
    let hint = hint(err).unwrap_or_else(|| format!("see `{command} --help`"));
    let clean = crate::sanitize::clean;
    format!("{}\n  {}", clean(&what(err)), clean(&hint))
}

/// The first line: what went wrong, with the argument and the value involved.
fn what(err: &clap::Error) -> String {
    let text = |kind| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(s.as_str()),
        _ => None,
    };
    let number = |kind| match err.get(kind) {
        Some(ContextValue::Number(n)) => Some(*n),
        _ => None,
    };
    let arg = text(ContextKind::InvalidArg);
    let value = text(ContextKind::InvalidValue);
    let provided = |n: isize| {
        if n == 1 {
            "was provided"
        } else {
            "were provided"
        }
    };
    let said = match err.kind() {
        ErrorKind::UnknownArgument => arg.map(|a| format!("unexpected argument '{a}' found")),
        ErrorKind::InvalidSubcommand => {
            text(ContextKind::InvalidSubcommand).map(|s| format!("unrecognized subcommand '{s}'"))
        }
        ErrorKind::InvalidValue => match (arg, value) {
            (Some(a), Some("")) => Some(format!(
                "a value is required for '{a}' but none was supplied"
            )),
            (Some(a), Some(v)) => Some(format!("invalid value '{v}' for '{a}'")),
            _ => None,
        },
        ErrorKind::ValueValidation => match (arg, value) {
            (Some(a), Some(v)) => Some(match err.source() {
                Some(why) => format!("invalid value '{v}' for '{a}': {why}"),
                None => format!("invalid value '{v}' for '{a}'"),
            }),
            _ => None,
        },
        ErrorKind::NoEquals => {
            arg.map(|a| format!("equal sign is needed when assigning values to '{a}'"))
        }
        ErrorKind::TooManyValues => match (arg, value) {
            (Some(a), Some(v)) => Some(format!(
                "unexpected value '{v}' for '{a}' found; no more were expected"
            )),
            _ => None,
        },
        ErrorKind::TooFewValues => match (
            arg,
            number(ContextKind::ActualNumValues),
            number(ContextKind::MinValues),
        ) {
            (Some(a), Some(n), Some(min)) => Some(format!(
                "{min} values required by '{a}'; only {n} {}",
                provided(n)
            )),
            _ => None,
        },
        ErrorKind::WrongNumberOfValues => match (
            arg,
            number(ContextKind::ActualNumValues),
            number(ContextKind::ExpectedNumValues),
        ) {
            (Some(a), Some(n), Some(want)) => Some(format!(
                "{want} values required for '{a}' but {n} {}",
                provided(n)
            )),
            _ => None,
        },
        ErrorKind::MissingRequiredArgument => match err.get(ContextKind::InvalidArg) {
            Some(ContextValue::Strings(args)) => Some(format!(
                "the following required arguments were not provided: {}",
                args.join(" ")
            )),
            _ => None,
        },
        ErrorKind::MissingSubcommand => text(ContextKind::InvalidSubcommand).map(|s| {
            let said = format!("'{s}' requires a subcommand but one was not provided");
            match err.get(ContextKind::ValidSubcommand) {
                Some(ContextValue::Strings(subs)) if !subs.is_empty() => {
                    format!("{said} [subcommands: {}]", subs.join(", "))
                }
                _ => said,
            }
        }),
        ErrorKind::ArgumentConflict => Some(conflict(err, arg)),
        _ => None,
    };
    let said = said
        .or_else(|| err.kind().as_str().map(str::to_string))
        .unwrap_or_else(|| "invalid command line".to_string());
    format!("error: {said}")
}

/// `--json` with `--format`, or `--json` twice.
fn conflict(err: &clap::Error, arg: Option<&str>) -> String {
    let prior = err.get(ContextKind::PriorArg);
    let head = match (arg, err.get(ContextKind::InvalidSubcommand)) {
        (Some(a), _) if matches!(prior, Some(ContextValue::String(p)) if p == a) => {
            return format!("the argument '{a}' cannot be used multiple times");
        }
        (Some(a), _) => format!("the argument '{a}' cannot be used with"),
        (None, Some(ContextValue::String(s))) => {
            format!("the subcommand '{s}' cannot be used with")
        }
        _ => "an argument cannot be used with".to_string(),
    };
    match prior {
        Some(ContextValue::Strings(others)) => format!("{head}: {}", others.join(" ")),
        Some(ContextValue::String(other)) => format!("{head} '{other}'"),
        _ => format!("{head} one or more of the other specified arguments"),
    }
}

/// The second line, when clap knows more than where the help is: the values an argument
/// takes, else its first suggestion.
fn hint(err: &clap::Error) -> Option<String> {
    let listed = |kind, name| match err.get(kind) {
        Some(ContextValue::Strings(values)) if !values.is_empty() => {
            Some(format!("[{name}: {}]", values.join(", ")))
        }
        _ => None,
    };
    let similar = |kind, what| match err.get(kind) {
        Some(ContextValue::String(s)) => Some(format!("tip: a similar {what} exists: '{s}'")),
        Some(ContextValue::Strings(list)) if !list.is_empty() => {
            let quoted: Vec<String> = list.iter().map(|s| format!("'{s}'")).collect();
            Some(if list.len() == 1 {
                format!("tip: a similar {what} exists: {}", quoted.join(", "))
            } else {
                format!("tip: some similar {what}s exist: {}", quoted.join(", "))
            })
        }
        _ => None,
    };
    let valid = match err.kind() {
        ErrorKind::InvalidValue => listed(ContextKind::ValidValue, "possible values"),
        _ => None,
    };
    valid
        .or_else(|| similar(ContextKind::SuggestedSubcommand, "subcommand"))
        .or_else(|| similar(ContextKind::SuggestedArg, "argument"))
        .or_else(|| similar(ContextKind::SuggestedValue, "value"))
        .or_else(|| match err.get(ContextKind::Suggested) {
            Some(ContextValue::StyledStrs(tips)) => tips.first().map(|t| format!("tip: {t}")),
            _ => None,
        })
}

/// The command whose help to point at (`srm catalog validate`): the subcommands `args` name,
/// found in clap's command tree, options and their values passed over. clap's error carries a
/// usage line for only some kinds of error; this finds the command for every kind. The walk
/// stops where clap's parse would have failed: at an option the command does not know, or a
/// word that names no subcommand.
pub fn command_path<'a>(root: &'a clap::Command, args: &[OsString]) -> String {
    let mut path = vec![root.get_name().to_string()];
    let mut command = root;
    // An argument that is not UTF-8 keeps its place (as a word that names nothing).
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    // The arguments an option may name here: the command's own, and the root's global ones.
    let known = |command: &'a clap::Command| {
        command
            .get_arguments()
            .chain(root.get_arguments().filter(|a| a.is_global_set()))
    };
    while let Some(word) = words.next() {
        if word == "--" || word == "-" {
            break;
        }
        if let Some(long) = word.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((name, _)) => (name, true),
                None => (long, false),
            };
            let Some(arg) = known(command).find(|a| {
                a.get_long() == Some(name)
                    || a.get_all_aliases().is_some_and(|all| all.contains(&name))
            }) else {
                break;
            };
            // An option written apart from its value (`--catalog FILE`) takes the next word.
            if !inline && arg.get_action().takes_values() {
                words.next();
            }
            continue;
        }
        if let Some(shorts) = word.strip_prefix('-') {
            // A cluster (`-xo FILE`): the first flag that takes a value takes the rest of the
            // word, or the next word when it is the last.
            let mut chars = shorts.chars().peekable();
            let mut stop = false;
            while let Some(c) = chars.next() {
                match known(command).find(|a| a.get_short() == Some(c)) {
                    None => {
                        stop = true;
                        break;
                    }
                    Some(arg) if arg.get_action().takes_values() => {
                        if chars.peek().is_none() {
                            words.next();
                        }
                        break;
                    }
                    Some(_) => {}
                }
            }
            if stop {
                break;
            }
            continue;
        }
        // `srm help who` names the command it asks about; its own help is no help.
        match command
            .find_subcommand(&*word)
            .filter(|s| s.get_name() != "help")
        {
            Some(sub) => {
                path.push(sub.get_name().to_string());
                command = sub;
            }
            None => break,
        }
    }
    path.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::{Arg, ArgAction, Command};

    fn command() -> Command {
        Command::new("srm")
            .color(clap::ColorChoice::Never)
            .arg(Arg::new("catalog").long("catalog").global(true))
            .arg(
                Arg::new("verbose")
                    .short('x')
                    .action(ArgAction::SetTrue)
                    .global(true),
            )
            .arg(Arg::new("out").short('o').global(true))
            .subcommand(
                Command::new("catalog")
                    .subcommand_required(true)
                    .subcommand(Command::new("show"))
                    .subcommand(Command::new("validate")),
            )
            .subcommand(
                Command::new("who")
                    .arg(Arg::new("json").long("json").action(ArgAction::SetTrue))
                    .arg(Arg::new("format").long("format").conflicts_with("json"))
                    .arg(
                        Arg::new("owner")
                            .long("owner")
                            .value_parser(["customer", "provider"]),
                    )
                    .arg(Arg::new("pair").long("pair").num_args(2))
                    .arg(Arg::new("range").long("range").num_args(2..=3))
                    .arg(Arg::new("layer").long("layer").require_equals(true)),
            )
            .subcommand(
                Command::new("diff")
                    .arg(Arg::new("from").required(true))
                    .arg(Arg::new("to").required(true)),
            )
    }

    fn error(args: &[&str]) -> clap::Error {
        let mut cmd = command();
        let args: Vec<OsString> = std::iter::once("srm")
            .chain(args.iter().copied())
            .map(OsString::from)
            .collect();
        let err = cmd
            .try_get_matches_from_mut(&args)
            .expect_err("a usage error");
        err.format(&mut cmd)
    }

    /// clap's own words, as its rendered message spells them on lines before the hints.
    fn claps(err: &clap::Error) -> String {
        let text = err.render().to_string();
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .take_while(|l| !l.is_empty() && !l.starts_with("Usage:"))
            .filter(|l| !l.starts_with("[possible values"))
            .collect();
        lines.join(" ")
    }

    #[test]
    fn each_kind_says_what_clap_says() {
        for args in [
            &["who", "--bogus"][..],
            &["whoo"],
            &["who", "--owner", "nobody"],
            &["who", "--owner"],
            &["who", "--json", "--format", "csv"],
            &["who", "--json", "--json"],
            &["who", "--pair", "a"],
            &["who", "--layer", "os"],
            &["diff"],
            &["diff", "a", "b", "c"],
            &["catalog", "-x"],
            &["who", "--range", "a"],
        ] {
            let err = error(args);
            assert_eq!(what(&err), claps(&err), "{args:?}: {:?}", err.kind());
        }
    }

    #[test]
    fn the_hint_is_the_values_then_the_tip_then_the_help() {
        assert_eq!(
            hint(&error(&["who", "--owner", "nobody"])).as_deref(),
            Some("[possible values: customer, provider]")
        );
        assert_eq!(
            hint(&error(&["whoo"])).as_deref(),
            Some("tip: a similar subcommand exists: 'who'")
        );
        assert_eq!(hint(&error(&["diff"])), None);
        let missing = error(&["catalog", "-x"]);
        assert_eq!(missing.kind(), ErrorKind::MissingSubcommand);
        assert_eq!(
            what(&missing),
            "error: 'srm catalog' requires a subcommand but one was not provided [subcommands: show, validate, help]"
        );
        assert_eq!(
            message(&error(&["diff"]), "srm diff"),
            "error: the following required arguments were not provided: <from> <to>\n  see `srm diff --help`"
        );
    }

    #[cfg(unix)]
    #[test]
    fn an_argument_that_is_not_utf8_keeps_its_place() {
        use std::os::unix::ffi::OsStringExt;
        let args = vec![
            OsString::from("srm"),
            OsString::from("--catalog"),
            OsString::from_vec(vec![0xff]),
            OsString::from("who"),
        ];
        assert_eq!(command_path(&command(), &args), "srm who");
    }

    #[test]
    fn the_command_is_found_past_options_and_their_values() {
        let path = |args: &[&str]| {
            let args: Vec<OsString> = std::iter::once("srm")
                .chain(args.iter().copied())
                .map(OsString::from)
                .collect();
            command_path(&command(), &args)
        };
        assert_eq!(path(&["who", "--bogus"]), "srm who");
        assert_eq!(path(&["--catalog", "who", "diff"]), "srm diff");
        assert_eq!(path(&["--catalog=who", "diff"]), "srm diff");
        assert_eq!(path(&["--", "who"]), "srm");
        assert_eq!(path(&["nothing", "who"]), "srm");
        // clap stops at an option the command does not know, and so does the walk.
        assert_eq!(path(&["--bogus", "who"]), "srm");
        assert_eq!(path(&["-z", "who"]), "srm");
        assert_eq!(path(&["who", "--json", "--bogus"]), "srm who");
        // A cluster of short options: the one that takes a value takes the next word when it
        // is last, the rest of the word otherwise.
        assert_eq!(path(&["-xo", "who", "diff"]), "srm diff");
        assert_eq!(path(&["-xowho", "diff"]), "srm diff");
        assert_eq!(path(&["catalog", "-x", "validate"]), "srm catalog validate");
        assert_eq!(path(&["-", "who"]), "srm");
    }
}
