//! Turning a validated map into the bytes of a file: one module per format.
//!
//! Every exporter takes an [`ArgumentGraph`] — so a map with errors cannot be exported
//! by construction — and options, and returns the whole file in memory. Exporters do
//! no I/O: where the bytes go (stdout, an atomically replaced file, a comparison in
//! `build --check`) is for the caller to decide, see [`crate::output`] and
//! [`crate::build`]. Output is deterministic: nodes, edges, actors and sources appear
//! in the order of the map file, and nothing depends on the time or the machine.
//!
//! The exporters that go through a serializer ([`csv`], [`json`]) return
//! `io::Result`: writing to memory cannot fail, but the serializers' signatures say it
//! might, and an error is passed on rather than unwrapped.

pub mod csv;
pub mod dot;
pub mod json;

use std::fmt::Write as _;

use crate::graph::ArgumentGraph;
use crate::model::Node;

/// Where evidence comes from, for a label or tooltip: `Title, para. 2`.
fn citation(graph: &ArgumentGraph, node: &Node) -> Option<String> {
    let source = graph.source_of(node)?;
    let mut citation = source.title.clone();
    if let Some(locator) = &node.locator {
        let _ = write!(citation, ", {locator}");
    }
    Some(citation)
}
