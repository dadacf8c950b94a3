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
pub mod svg;

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

/// Which part of a map to draw (`--focus ID --depth N`): the node at index `node` and
/// every node within `depth` relations of it, in either direction. Relations between
/// the drawn nodes are drawn; the others are left out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Focus {
    pub node: usize,
    pub depth: usize,
}

/// For each node of `graph`, whether an export with `focus` draws it.
pub fn visible_nodes(graph: &ArgumentGraph, focus: Option<Focus>) -> Vec<bool> {
    let count = graph.nodes().len();
    let Some(focus) = focus else {
        return vec![true; count];
    };
    let mut visible = vec![false; count];
    for index in graph.neighbourhood(focus.node, focus.depth) {
        if let Some(flag) = visible.get_mut(index) {
            *flag = true;
        }
    }
    visible
}
