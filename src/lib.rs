//! srm: who secures what under each cloud service model.
//!
//! The core ([`catalog`], [`load`], [`query`]) is pure: it reads and validates a
//! catalogue and answers questions as plain data. The shell ([`cli`], [`app`], [`render`],
//! [`exit`]) parses arguments, renders answers and picks exit codes.

pub mod app;
pub mod catalog;
pub mod cli;
pub mod exit;
pub mod load;
pub mod output;
pub mod query;
pub mod render;
pub mod sanitize;
