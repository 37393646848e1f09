//! What a command is to the shell: an [`Ask`] (a question to the catalogue) or a [`Run`] of its
//! own, and [`commands!`], which declares the command line from one list of both.

use clap::{ArgMatches, Args, FromArgMatches, Subcommand};

use crate::catalog::Catalog;
use crate::exit::{ExitCode, UsageError};
use crate::load::Input;
use crate::render::{Format, Reply, SchemaOf, Style};

use super::FileOutput;

/// A query command's arguments: what it asks the catalogue, and in which form the answer goes
/// out. The shell (`app`) runs every `Ask` the same way: it loads the catalogue (the whole one,
/// services included, only when [`Ask::whole`] or a name needs it), calls [`Ask::ask`], holds
/// the answer to srm's size limit, writes it, and exits 1 when it found nothing.
pub trait Ask {
    /// The format and the destination asked for; a usage error for options that do not go
    /// together.
    fn output(&self) -> Result<(Format, &FileOutput), UsageError>;

    /// Whether the answer needs the catalogue's services whatever is named: it lists or
    /// searches them.
    fn whole(&self) -> bool {
        false
    }

    /// Whether the command line names the answer's columns, which may be services (each a
    /// column the catalogue spells only in part): such an answer is measured even as a table.
    fn names_columns(&self) -> bool {
        false
    }

    /// The answer: the arguments resolved against `cat` and the query asked.
    fn ask<'c>(&self, cat: &'c Catalog<'_>) -> anyhow::Result<Box<dyn Reply + 'c>>;

    /// The JSON Schemas of the answer's documents, as `srm schema` names them.
    fn schemas() -> &'static [SchemaOf]
    where
        Self: Sized;
}

/// What a command runs in: the catalogue named (`--catalog`, SRM_CATALOG or the embedded one)
/// and how text may look.
#[derive(Debug)]
pub struct Env {
    pub input: Input,
    pub style: Style,
}

/// A command as the shell runs it. Every [`Ask`] is one (`app` runs them all alike); the
/// commands that answer no query (plan, export, schema, catalog, completions, man) each have
/// their own, in `app/`.
pub trait Run {
    fn run(&self, env: &Env) -> anyhow::Result<ExitCode>;

    /// The JSON Schemas of the command's documents, as `srm schema` names them.
    fn schemas() -> &'static [SchemaOf]
    where
        Self: Sized,
    {
        &[]
    }
}

/// A command's arguments, which clap declares only when that command is the one parsed
/// (`Command::defer`): a run builds the arguments of one command, not of all eighteen.
/// Completions and manual pages describe [`full_command`], which declares them all at once.
#[derive(Debug)]
pub struct Deferred<T>(pub T);

thread_local! {
    /// Whether [`Deferred`] declares arguments at once: set by [`full_command`] only.
    static EAGER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The whole command line with every command's arguments declared at once, as the derive
/// alone would declare it: what shell completions and manual pages describe, and what clap's
/// own checks read. A run parses [`Cli::command`](clap::CommandFactory::command), which leaves
/// them to be declared when their command is parsed.
pub fn full_command() -> clap::Command {
    EAGER.set(true);
    let command = <super::Cli as clap::CommandFactory>::command();
    EAGER.set(false);
    command
}

impl<T: Args> Args for Deferred<T> {
    fn augment_args(cmd: clap::Command) -> clap::Command {
        if EAGER.get() {
            return T::augment_args(cmd);
        }
        cmd.defer(keeping_help::<T>)
    }

    fn augment_args_for_update(cmd: clap::Command) -> clap::Command {
        if EAGER.get() {
            return T::augment_args_for_update(cmd);
        }
        cmd.defer(keeping_help::<T>)
    }
}

impl<T: Subcommand> Subcommand for Deferred<T> {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        if EAGER.get() {
            return T::augment_subcommands(cmd);
        }
        cmd.defer(T::augment_subcommands)
    }

    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        if EAGER.get() {
            return T::augment_subcommands_for_update(cmd);
        }
        cmd.defer(T::augment_subcommands_for_update)
    }

    fn has_subcommand(name: &str) -> bool {
        T::has_subcommand(name)
    }
}

/// `T`'s arguments added to `cmd`, which keeps the help its variant gave it: declared late, the
/// arguments' own doc comments (and those of the groups they flatten) would take its place.
fn keeping_help<T: Args>(cmd: clap::Command) -> clap::Command {
    let about = cmd.get_about().cloned();
    let long_about = cmd.get_long_about().cloned();
    let cmd = T::augment_args(cmd);
    let cmd = match about {
        Some(about) => cmd.about(about),
        None => cmd.about(None::<&str>),
    };
    match long_about {
        Some(long_about) => cmd.long_about(long_about),
        None => cmd.long_about(None::<&str>),
    }
}

impl<T: FromArgMatches> FromArgMatches for Deferred<T> {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches(matches).map(Deferred)
    }

    fn from_arg_matches_mut(matches: &mut ArgMatches) -> Result<Self, clap::Error> {
        T::from_arg_matches_mut(matches).map(Deferred)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches(matches)
    }

    fn update_from_arg_matches_mut(&mut self, matches: &mut ArgMatches) -> Result<(), clap::Error> {
        self.0.update_from_arg_matches_mut(matches)
    }
}

/// Declares the commands, in the order `srm --help` lists them: each variant of [`Command`]
/// (its doc comment is its help) holds its arguments, which are a [`Run`]. From the one list
/// come the enum clap parses, [`Command::runner`] and [`schemas`].
///
/// [`Command`]: super::Command
/// [`Command::runner`]: super::Command::runner
/// [`schemas`]: super::schemas
macro_rules! commands {
    ($( $(#[$meta:meta])* $name:ident($args:ty), )*) => {
        #[derive(Debug, Subcommand)]
        pub enum Command {
            $( $(#[$meta])* $name($crate::cli::Deferred<$args>), )*
        }

        impl Command {
            /// What runs the command.
            pub fn runner(&self) -> &dyn Run {
                match self {
                    $( Command::$name(args) => &args.0, )*
                }
            }
        }

        /// The schema of every document srm prints, in the order of the commands.
        pub fn schemas() -> impl Iterator<Item = &'static SchemaOf> {
            [$( <$args as Run>::schemas(), )*].into_iter().flatten()
        }
    };
}
