//! srm: who secures what under each cloud service model.
//!
//! The core ([`catalog`], [`load`], [`query`]) reads and validates a catalogue and answers
//! questions as plain data; it prints nothing, and its only I/O is reading the catalogue
//! (`load/source.rs`). The shell ([`cli`], [`app`], [`render`], [`exit`]) parses arguments,
//! renders answers, writes them out and picks exit codes. Modules are public where the binary
//! (`main.rs`) or the fuzz target needs them, and crate-private otherwise.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod controls;
pub mod exit;
pub mod inventory;
pub mod load;
pub(crate) mod output;
pub mod query;
pub mod render;
pub mod sanitize;
