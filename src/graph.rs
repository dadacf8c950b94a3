//! The evaluated argument: a validated map with its relations resolved into edges
//! between nodes, in both directions. Every exporter reads from here.
//!
//! An [`ArgumentGraph`] can only be built by [`crate::validate`] from a map without
//! errors, so every reference in it is known to name a node, actor or source.

use std::collections::HashMap;

use crate::model::{Actor, Map, Node, Relation, Source};

/// One relation between two nodes, by index into [`Map::nodes`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub relation: Relation,
    pub to: usize,
}

/// A map whose references all resolve.
#[derive(Debug)]
pub struct ArgumentGraph {
    map: Map,
    /// In file order: node by node, `supports` before `rebuts`, each list in order;
    /// an id listed twice in one list gives one edge.
    edges: Vec<Edge>,
    /// For each node, the indices into `edges` that point at it.
    incoming: Vec<Vec<usize>>,
    node_index: HashMap<String, usize>,
}

impl ArgumentGraph {
    /// Resolves the relations of `map`. References that do not name a node are left out;
    /// validation guarantees there are none.
    pub(crate) fn new(map: Map) -> Self {
        let node_index: HashMap<String, usize> = map
            .nodes
            .iter()
            .enumerate()
            .map(|(index, node)| (node.id.value.clone(), index))
            .collect();
        let mut edges = Vec::new();
        let mut incoming = vec![Vec::new(); map.nodes.len()];
        for (from, node) in map.nodes.iter().enumerate() {
            for relation in [Relation::Supports, Relation::Rebuts] {
                let mut seen: Vec<usize> = Vec::new();
                for target in node.targets(relation) {
                    let Some(&to) = node_index.get(&target.value) else {
                        continue;
                    };
                    if seen.contains(&to) {
                        continue;
                    }
                    seen.push(to);
                    if let Some(list) = incoming.get_mut(to) {
                        list.push(edges.len());
                    }
                    edges.push(Edge { from, relation, to });
                }
            }
        }
        ArgumentGraph {
            map,
            edges,
            incoming,
            node_index,
        }
    }

    pub fn map(&self) -> &Map {
        &self.map
    }

    pub fn nodes(&self) -> &[Node] {
        &self.map.nodes
    }

    pub fn edges(&self) -> &[Edge] {
        &self.edges
    }

    /// The node at `index` in file order.
    pub fn node(&self, index: usize) -> Option<&Node> {
        self.map.nodes.get(index)
    }

    /// The index of the node called `id`.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.node_index.get(id).copied()
    }

    /// The nodes that point at node `index` with `relation`, in edge order.
    pub fn sources_of(&self, index: usize, relation: Relation) -> impl Iterator<Item = &Node> {
        self.incoming
            .get(index)
            .into_iter()
            .flatten()
            .filter_map(|&edge| self.edges.get(edge))
            .filter(move |edge| edge.relation == relation)
            .filter_map(|edge| self.map.nodes.get(edge.from))
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.map.actors.iter().find(|actor| actor.id.value == id)
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.map.sources.iter().find(|source| source.id.value == id)
    }
}
