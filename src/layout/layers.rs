//! The "proper" layered graph that ordering and positioning work on.
//!
//! Crossing reduction and coordinate assignment only understand edges between
//! neighbouring ranks, so an edge spanning several ranks becomes a chain of
//! dummy nodes, one per rank it passes. The dummies later become the bend points
//! of the edge's route. Disconnected parts of the map are split into separate
//! components here, each with its own small graph, so that each is ordered and
//! positioned on its own and then packed beside the others.

use std::ops::Range;

use petgraph::unionfind::UnionFind;

/// Adjacency lists in one flat array ("compressed sparse rows"). Each node's
/// neighbours keep the order in which their edges were given.
#[derive(Debug, Clone, Default)]
pub(super) struct Adjacency {
    start: Vec<usize>,
    targets: Vec<usize>,
}

impl Adjacency {
    /// Builds the lists of `node_count` nodes from `(node, neighbour)` pairs;
    /// pairs naming a node outside `0..node_count` are skipped.
    pub(super) fn new(
        node_count: usize,
        pairs: impl Iterator<Item = (usize, usize)> + Clone,
    ) -> Adjacency {
        let mut start = vec![0; node_count + 1];
        for (node, _) in pairs.clone() {
            if let Some(count) = start.get_mut(node + 1) {
                *count += 1;
            }
        }
        // Counts to starting offsets: a running sum.
        let mut sum = 0;
        for start in &mut start {
            sum += *start;
            *start = sum;
        }
        let mut next = start.clone();
        let mut targets = vec![0; start.last().copied().unwrap_or(0)];
        for (node, neighbour) in pairs {
            if let Some(slot) = next.get_mut(node)
                && let Some(target) = targets.get_mut(*slot)
            {
                *target = neighbour;
                *slot += 1;
            }
        }
        Adjacency { start, targets }
    }

    /// The neighbours of `node` (empty for an unknown node).
    pub(super) fn of(&self, node: usize) -> &[usize] {
        match (self.start.get(node), self.start.get(node + 1)) {
            (Some(&from), Some(&to)) => self.targets.get(from..to).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub(super) fn edge_count(&self) -> usize {
        self.targets.len()
    }
}

/// One component as a proper layered graph. Nodes are numbered locally: the
/// component's real nodes first (in input order), then the dummies.
#[derive(Debug, Clone, Default)]
pub(super) struct LayeredGraph {
    /// The rank of each node; rank 0 is the top.
    pub rank: Vec<usize>,
    /// The extent of each node along its rank (0 for dummies).
    pub breadth: Vec<f64>,
    /// How many of the nodes are real (the rest are dummies).
    pub real: usize,
    /// Neighbours one rank up, and one rank down.
    pub up: Adjacency,
    pub down: Adjacency,
    pub rank_count: usize,
}

impl LayeredGraph {
    pub(super) fn node_count(&self) -> usize {
        self.rank.len()
    }

    pub(super) fn is_dummy(&self, node: usize) -> bool {
        node >= self.real
    }

    /// Nodes plus edges: what a component's share of the work is measured by.
    pub(super) fn size(&self) -> usize {
        self.node_count() + self.down.edge_count()
    }
}

/// A connected component: its real nodes (global indices, in input order; the
/// local index of a node is its position here) and its layered graph.
#[derive(Debug, Clone, Default)]
pub(super) struct Component {
    pub nodes: Vec<usize>,
    pub graph: LayeredGraph,
}

/// Where a distinct edge ended up: in which component, between which local
/// nodes, through which dummies (local indices, from the upper end down). An
/// edge spanning several ranks with no dummies was over the dummy budget and is
/// drawn directly.
#[derive(Debug, Clone, Default)]
pub(super) struct Chain {
    pub component: usize,
    pub dummies: Range<usize>,
}

#[derive(Debug, Clone, Default)]
pub(super) struct ProperGraph {
    pub components: Vec<Component>,
    /// One chain per distinct edge, in the same order.
    pub chains: Vec<Chain>,
}

/// Splits the ranked graph into components and turns long edges into dummy
/// chains. `edges` are distinct `(upper, lower)` pairs with
/// `ranks[upper] < ranks[lower]`. At most `dummy_budget` dummies are made; the
/// longest edges beyond it are left without (their drawing may cut through
/// boxes, but a pathological map cannot take unbounded memory).
pub(super) fn build(
    ranks: &[usize],
    breadths: &[f64],
    edges: &[(usize, usize)],
    dummy_budget: usize,
) -> ProperGraph {
    let node_count = ranks.len();
    let span = |&(upper, lower): &(usize, usize)| -> usize {
        let (top, bottom) = (
            ranks.get(upper).copied().unwrap_or(0),
            ranks.get(lower).copied().unwrap_or(0),
        );
        bottom.saturating_sub(top).saturating_sub(1)
    };

    // Which edges get dummies: all of them, unless that is more than the budget.
    let mut gets_dummies = vec![true; edges.len()];
    if edges.iter().map(span).sum::<usize>() > dummy_budget {
        let mut by_span: Vec<usize> = (0..edges.len()).collect();
        by_span.sort_by_key(|&index| (edges.get(index).map_or(0, span), index));
        let mut used = 0;
        for index in by_span {
            let need = edges.get(index).map_or(0, span);
            if used + need > dummy_budget {
                if let Some(flag) = gets_dummies.get_mut(index) {
                    *flag = false;
                }
            } else {
                used += need;
            }
        }
    }

    // Components, numbered in the input order of their first node.
    let mut union = UnionFind::<usize>::new(node_count);
    for &(upper, lower) in edges {
        let _ = union.try_union(upper, lower);
    }
    let labels = union.into_labeling();
    let mut component_of_label = vec![usize::MAX; node_count];
    let mut components: Vec<Component> = Vec::new();
    let mut local = vec![0; node_count];
    for (node, &label) in labels.iter().enumerate() {
        let Some(slot) = component_of_label.get_mut(label) else {
            continue;
        };
        if *slot == usize::MAX {
            *slot = components.len();
            components.push(Component::default());
        }
        if let (Some(component), Some(local)) = (components.get_mut(*slot), local.get_mut(node)) {
            *local = component.nodes.len();
            component.nodes.push(node);
        }
    }
    let component_of = |node: usize| {
        labels
            .get(node)
            .and_then(|&label| component_of_label.get(label))
            .copied()
    };

    // Real nodes first, then each edge's dummies in edge order.
    for component in &mut components {
        let graph = &mut component.graph;
        graph.real = component.nodes.len();
        graph.rank = component
            .nodes
            .iter()
            .map(|&node| ranks.get(node).copied().unwrap_or(0))
            .collect();
        graph.breadth = component
            .nodes
            .iter()
            .map(|&node| breadths.get(node).copied().unwrap_or(0.0))
            .collect();
    }
    let mut links: Vec<Vec<(usize, usize)>> = vec![Vec::new(); components.len()];
    let mut chains = Vec::with_capacity(edges.len());
    for (index, &(upper, lower)) in edges.iter().enumerate() {
        let component_index = component_of(upper).unwrap_or(0);
        let (Some(component), Some(links)) = (
            components.get_mut(component_index),
            links.get_mut(component_index),
        ) else {
            chains.push(Chain::default());
            continue;
        };
        let graph = &mut component.graph;
        let local_of = |node: usize| local.get(node).copied().unwrap_or(0);
        let (upper_local, lower_local) = (local_of(upper), local_of(lower));
        let first_dummy = graph.rank.len();
        if gets_dummies.get(index).copied().unwrap_or(false) {
            let top = ranks.get(upper).copied().unwrap_or(0);
            let mut previous = upper_local;
            for step in 0..span(&(upper, lower)) {
                let dummy = graph.rank.len();
                graph.rank.push(top + 1 + step);
                graph.breadth.push(0.0);
                links.push((previous, dummy));
                previous = dummy;
            }
            links.push((previous, lower_local));
        }
        chains.push(Chain {
            component: component_index,
            dummies: first_dummy..graph.rank.len(),
        });
    }
    for (component, links) in components.iter_mut().zip(&links) {
        let graph = &mut component.graph;
        let count = graph.rank.len();
        graph.down = Adjacency::new(count, links.iter().copied());
        graph.up = Adjacency::new(count, links.iter().map(|&(upper, lower)| (lower, upper)));
        graph.rank_count = graph.rank.iter().max().map_or(0, |&rank| rank + 1);
    }
    ProperGraph { components, chains }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacency_keeps_input_order_and_skips_unknown_nodes() {
        let adjacency = Adjacency::new(3, [(0, 2), (1, 0), (0, 1), (7, 1)].into_iter());
        assert_eq!(adjacency.of(0), &[2, 1]);
        assert_eq!(adjacency.of(1), &[0]);
        assert_eq!(adjacency.of(2), &[] as &[usize]);
        assert_eq!(adjacency.of(9), &[] as &[usize]);
        assert_eq!(adjacency.edge_count(), 3);
    }

    #[test]
    fn long_edges_become_dummy_chains() {
        // 0 on rank 0, 1 on rank 1, 2 on rank 3: the edge 0→2 needs two dummies.
        let proper = build(
            &[0, 1, 3],
            &[10.0, 20.0, 30.0],
            &[(0, 1), (0, 2), (1, 2)],
            100,
        );
        assert_eq!(proper.components.len(), 1);
        let graph = &proper.components[0].graph;
        assert_eq!(graph.real, 3);
        assert_eq!(graph.rank, vec![0, 1, 3, 1, 2, 2]);
        assert_eq!(proper.chains[1].dummies, 3..5);
        assert_eq!(proper.chains[2].dummies, 5..6);
        assert_eq!(graph.down.of(0), &[1, 3]);
        assert_eq!(graph.down.of(3), &[4]);
        assert_eq!(graph.down.of(4), &[2]);
        assert_eq!(graph.up.of(2), &[4, 5]);
        assert!(graph.is_dummy(3) && !graph.is_dummy(2));
        assert_eq!(graph.rank_count, 4);
    }

    #[test]
    fn components_follow_the_input_order_of_their_first_node() {
        let proper = build(&[1, 0, 0, 1], &[1.0; 4], &[(2, 0), (1, 3)], 100);
        let nodes: Vec<&[usize]> = proper
            .components
            .iter()
            .map(|c| c.nodes.as_slice())
            .collect();
        assert_eq!(nodes, vec![&[0, 2][..], &[1, 3][..]]);
        assert_eq!(proper.chains[0].component, 0);
        assert_eq!(proper.chains[1].component, 1);
    }

    #[test]
    fn edges_over_the_dummy_budget_are_left_direct() {
        // Spans of 3 and 1 dummies; a budget of 2 keeps only the short one.
        let proper = build(&[0, 4, 2], &[1.0; 3], &[(0, 1), (0, 2)], 2);
        assert!(proper.chains[0].dummies.is_empty());
        assert_eq!(proper.chains[1].dummies.len(), 1);
        assert_eq!(proper.components[0].graph.down.of(0), &[3]);
    }
}
