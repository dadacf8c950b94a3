//! argmap: check argument maps written in YAML and turn them into diagrams and tables.
//!
//! The pipeline is one module per stage, and data flows one way:
//! [`parse`] (YAML text → [`model::Map`] with spans) → [`validate`] (map → diagnostics)
//! → [`graph`] (the resolved relations) → [`layout`] → [`export`] (bytes).
//! The library never prints: it returns values and [`diagnostic::Diagnostic`]s, and the
//! binary decides what to show.

pub mod build;
pub mod diagnostic;
pub mod export;
pub mod graph;
pub mod layout;
pub mod model;
pub mod output;
pub mod parse;
pub mod report;
pub mod source;
pub mod text;
pub mod validate;
mod yaml;

#[doc(hidden)]
pub use yaml::cutting_agrees;
