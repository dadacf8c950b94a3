//! The evaluated argument: a validated map with its relations resolved into edges
//! between nodes, in both directions. Every exporter reads from here.
//!
//! An [`ArgumentGraph`] can only be built by [`crate::validate`] from a map without
//! errors, so every reference in it is known to name a node, actor or source.

use std::collections::HashMap;

use crate::model::{Actor, Id, Map, Node, Relation, Source};

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
    /// For each node, the indices into `edges` that start from it.
    outgoing: Vec<Vec<usize>>,
    node_index: HashMap<String, usize>,
    /// Actors and sources by id, so that exporters look them up once per node without
    /// scanning the lists.
    actor_index: HashMap<String, usize>,
    source_index: HashMap<String, usize>,
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
        let mut outgoing = vec![Vec::new(); map.nodes.len()];
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
                    if let Some(list) = outgoing.get_mut(from) {
                        list.push(edges.len());
                    }
                    edges.push(Edge { from, relation, to });
                }
            }
        }
        let actor_index = index_by_id(map.actors.iter().map(|actor| &actor.id));
        let source_index = index_by_id(map.sources.iter().map(|source| &source.id));
        ArgumentGraph {
            map,
            edges,
            incoming,
            outgoing,
            node_index,
            actor_index,
            source_index,
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

    /// The nodes that node `index` points at with `relation`, in edge order (each
    /// target once, even when the map lists it twice).
    pub fn targets_of(&self, index: usize, relation: Relation) -> impl Iterator<Item = &Node> {
        self.outgoing
            .get(index)
            .into_iter()
            .flatten()
            .filter_map(|&edge| self.edges.get(edge))
            .filter(move |edge| edge.relation == relation)
            .filter_map(|edge| self.map.nodes.get(edge.to))
    }

    /// The nodes within `depth` relations of node `index`, following relations in
    /// either direction (what it supports or rebuts, and what supports or rebuts it),
    /// in file order; `index` itself included. Empty if there is no such node.
    ///
    /// A breadth-first search without recursion, linear in the nodes and edges it
    /// reaches: `--focus ID --depth N` in the SVG and DOT exports draws these nodes.
    pub fn neighbourhood(&self, index: usize, depth: usize) -> Vec<usize> {
        let count = self.map.nodes.len();
        if index >= count {
            return Vec::new();
        }
        let mut seen = vec![false; count];
        if let Some(flag) = seen.get_mut(index) {
            *flag = true;
        }
        let mut frontier = vec![index];
        let mut reached = vec![index];
        for _ in 0..depth {
            let mut next = Vec::new();
            for &node in &frontier {
                let incoming = self.incoming.get(node).into_iter().flatten();
                let outgoing = self.outgoing.get(node).into_iter().flatten();
                for edge in incoming.chain(outgoing).filter_map(|&e| self.edges.get(e)) {
                    for other in [edge.from, edge.to] {
                        if let Some(flag) = seen.get_mut(other)
                            && !*flag
                        {
                            *flag = true;
                            next.push(other);
                        }
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            reached.extend_from_slice(&next);
            frontier = next;
        }
        reached.sort_unstable();
        reached
    }

    pub fn actor(&self, id: &str) -> Option<&Actor> {
        self.actor_index
            .get(id)
            .and_then(|&index| self.map.actors.get(index))
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index
            .get(id)
            .and_then(|&index| self.map.sources.get(index))
    }

    /// The actor who asserts `node`, if it names one.
    pub fn actor_of(&self, node: &Node) -> Option<&Actor> {
        node.by.as_ref().and_then(|id| self.actor(id.as_str()))
    }

    /// The source `node` comes from, if it names one.
    pub fn source_of(&self, node: &Node) -> Option<&Source> {
        node.source.as_ref().and_then(|id| self.source(id.as_str()))
    }
}

/// Position by id; the first definition wins (validation refuses duplicates anyway).
fn index_by_id<'a>(ids: impl Iterator<Item = &'a Id>) -> HashMap<String, usize> {
    let mut index = HashMap::new();
    for (position, id) in ids.enumerate() {
        index.entry(id.value.clone()).or_insert(position);
    }
    index
}

#[cfg(test)]
mod tests {
    use crate::source::SourceFile;
    use crate::validate;

    #[test]
    fn neighbourhood_follows_relations_both_ways_up_to_the_depth() {
        // b supports a, c supports b, d rebuts b, e stands alone. In file order:
        // a 0, b 1, c 2, e 3 (claims), then d 4 (rebuttals).
        let text = "argmap: 1\ntitle: T\nclaims:\n  - id: a\n    text: A.\n  - id: b\n    \
                    text: B.\n    supports: a\n  - id: c\n    text: C.\n    supports: b\n  \
                    - id: e\n    text: E.\nrebuttals:\n  - id: d\n    text: D.\n    rebuts: b\n";
        let file = SourceFile::new("t.yaml", "t.yaml", text.to_owned());
        let Some(graph) = validate::check(&file).graph else {
            panic!("the test map is invalid");
        };
        assert_eq!(graph.neighbourhood(0, 0), [0]);
        assert_eq!(graph.neighbourhood(0, 1), [0, 1]);
        assert_eq!(graph.neighbourhood(0, 2), [0, 1, 2, 4]);
        assert_eq!(graph.neighbourhood(2, 1), [1, 2]);
        assert_eq!(graph.neighbourhood(4, usize::MAX), [0, 1, 2, 4]);
        assert_eq!(graph.neighbourhood(3, 5), [3]);
        assert!(graph.neighbourhood(99, 1).is_empty());
    }
}
