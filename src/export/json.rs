//! The map resolved for programs: every field of every item, relations in both
//! directions, and the list of edges.
//!
//! The document is built from structs, not maps, so its field order is fixed and is
//! the order documented in `docs/format.md` ("JSON export"). Every node has every
//! field: an absent optional field is `null`, an absent list `[]`, so a reader never
//! has to ask whether a key exists. Pretty-printed with two spaces, ending in a
//! newline.

use std::io;

use serde::Serialize;

use crate::graph::ArgumentGraph;
use crate::model::{Id, Node, Relation};

/// The value of the `argmap` field: the version of the map format the export
/// describes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Document<'a> {
    argmap: u32,
    title: &'a str,
    description: Option<&'a str>,
    actors: Vec<Actor<'a>>,
    sources: Vec<Source<'a>>,
    nodes: Vec<NodeOut<'a>>,
    edges: Vec<Edge<'a>>,
}

#[derive(Serialize)]
struct Actor<'a> {
    id: &'a str,
    name: &'a str,
    description: Option<&'a str>,
}

#[derive(Serialize)]
struct Source<'a> {
    id: &'a str,
    title: &'a str,
    author: Option<&'a str>,
    publisher: Option<&'a str>,
    date: Option<&'a str>,
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct NodeOut<'a> {
    id: &'a str,
    kind: &'static str,
    text: &'a str,
    by: Option<&'a str>,
    source: Option<&'a str>,
    quote: Option<&'a str>,
    locator: Option<&'a str>,
    date: Option<&'a str>,
    tags: &'a [String],
    supports: Vec<&'a str>,
    rebuts: Vec<&'a str>,
    supported_by: Vec<&'a str>,
    rebutted_by: Vec<&'a str>,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct Edge<'a> {
    from: &'a str,
    relation: &'static str,
    to: &'a str,
}

/// The JSON document for `graph`.
pub fn export(graph: &ArgumentGraph) -> io::Result<Vec<u8>> {
    let map = graph.map();
    let document = Document {
        argmap: FORMAT_VERSION,
        title: &map.title,
        description: map.description.as_deref(),
        actors: map
            .actors
            .iter()
            .map(|actor| Actor {
                id: actor.id.as_str(),
                name: &actor.name,
                description: actor.description.as_deref(),
            })
            .collect(),
        sources: map
            .sources
            .iter()
            .map(|source| Source {
                id: source.id.as_str(),
                title: &source.title,
                author: source.author.as_deref(),
                publisher: source.publisher.as_deref(),
                date: source.date.as_deref(),
                url: source.url.as_deref(),
            })
            .collect(),
        nodes: graph
            .nodes()
            .iter()
            .enumerate()
            .map(|(index, node)| NodeOut {
                id: node.id.as_str(),
                kind: node.kind.as_str(),
                text: &node.text,
                by: node.by.as_ref().map(Id::as_str),
                source: node.source.as_ref().map(Id::as_str),
                quote: node.quote.as_deref(),
                locator: node.locator.as_deref(),
                date: node.date.as_deref(),
                tags: &node.tags,
                supports: ids(graph.targets_of(index, Relation::Supports)),
                rebuts: ids(graph.targets_of(index, Relation::Rebuts)),
                supported_by: ids(graph.sources_of(index, Relation::Supports)),
                rebutted_by: ids(graph.sources_of(index, Relation::Rebuts)),
                note: node.note.as_deref(),
            })
            .collect(),
        edges: graph
            .edges()
            .iter()
            .filter_map(|edge| {
                Some(Edge {
                    from: graph.node(edge.from)?.id.as_str(),
                    relation: edge.relation.as_str(),
                    to: graph.node(edge.to)?.id.as_str(),
                })
            })
            .collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&document)?;
    bytes.push(b'\n');
    Ok(bytes)
}

fn ids<'a>(nodes: impl Iterator<Item = &'a Node>) -> Vec<&'a str> {
    nodes.map(|node| node.id.as_str()).collect()
}
