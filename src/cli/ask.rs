//! What a command is to the shell: an [`Ask`] (a question to the catalogue) or a [`Run`] of its
//! own, and [`commands!`], which declares the command line from one list of both.

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
            $( $(#[$meta])* $name($args), )*
        }

        impl Command {
            /// What runs the command.
            pub fn runner(&self) -> &dyn Run {
                match self {
                    $( Command::$name(args) => args, )*
                }
            }
        }

        /// The schema of every document srm prints, in the order of the commands.
        pub fn schemas() -> impl Iterator<Item = &'static SchemaOf> {
            [$( <$args as Run>::schemas(), )*].into_iter().flatten()
        }
    };
}
