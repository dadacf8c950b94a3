//! Cycle breaking: rebuttals may answer each other in circles, which is
//! legal in a map, but ranks need every edge to point one way.
//!
//! We use the greedy heuristic of Eades, Lin and Smyth (1993) for a small
//! feedback arc set. It lines the nodes up in a sequence: sinks are taken off
//! one end, sources off the other, and when neither is left the node with the
//! most outgoing minus incoming edges goes to the front. Edges pointing
//! backwards in the sequence are the ones turned around. It runs in linear time
//! with bucket lists, and turns around at most half of the edges (far fewer in
//! practice: one per simple rebuttal cycle).

use super::layers::Adjacency;

/// For each edge, whether the layout must turn it around. `None` edges (self
/// loops, bad indices) are never reversed and take no part.
pub(super) fn reversed_edges(node_count: usize, edges: &[Option<(usize, usize)>]) -> Vec<bool> {
    let position = greedy_sequence(node_count, edges);
    edges
        .iter()
        .map(|edge| match edge {
            Some((from, to)) => position.get(*from) > position.get(*to),
            None => false,
        })
        .collect()
}

/// The position of each node in the Eades–Lin–Smyth sequence.
fn greedy_sequence(node_count: usize, edges: &[Option<(usize, usize)>]) -> Vec<usize> {
    let valid = || {
        edges
            .iter()
            .flatten()
            .copied()
            .filter(|&(from, to)| from < node_count && to < node_count)
    };
    let outgoing = Adjacency::new(node_count, valid());
    let incoming = Adjacency::new(node_count, valid().map(|(from, to)| (to, from)));
    let mut state = Remaining {
        out_degree: (0..node_count)
            .map(|node| outgoing.of(node).len())
            .collect(),
        in_degree: (0..node_count)
            .map(|node| incoming.of(node).len())
            .collect(),
        removed: vec![false; node_count],
        sinks: Vec::new(),
        sources: Vec::new(),
        // Buckets by out-degree minus in-degree, offset so that index 0 is the lowest.
        buckets: vec![Vec::new(); 2 * outgoing.edge_count() + 1],
        offset: outgoing.edge_count(),
        highest: 0,
    };
    // Pushed in reverse, so that the stacks hand out low indices first.
    for node in (0..node_count).rev() {
        state.file(node);
    }

    let mut front = Vec::with_capacity(node_count);
    let mut back = Vec::new();
    loop {
        let (node, at_back) = if let Some(sink) = state.next_sink() {
            (sink, true)
        } else if let Some(source) = state.next_source() {
            (source, false)
        } else if let Some(node) = state.next_highest() {
            (node, false)
        } else {
            break;
        };
        if at_back {
            back.push(node)
        } else {
            front.push(node)
        }
        state.remove(node, &outgoing, &incoming);
    }

    let mut position = vec![0; node_count];
    for (index, &node) in front.iter().chain(back.iter().rev()).enumerate() {
        if let Some(slot) = position.get_mut(node) {
            *slot = index;
        }
    }
    position
}

/// The graph that remains as nodes are taken off. Nodes are filed lazily: a
/// node may sit in several lists, and a list entry counts only while it still
/// describes the node (checked when it is taken).
struct Remaining {
    out_degree: Vec<usize>,
    in_degree: Vec<usize>,
    removed: Vec<bool>,
    sinks: Vec<usize>,
    sources: Vec<usize>,
    buckets: Vec<Vec<usize>>,
    offset: usize,
    highest: usize,
}

impl Remaining {
    fn degrees(&self, node: usize) -> (usize, usize) {
        (
            self.out_degree.get(node).copied().unwrap_or(0),
            self.in_degree.get(node).copied().unwrap_or(0),
        )
    }

    fn is_live(&self, node: usize) -> bool {
        !self.removed.get(node).copied().unwrap_or(true)
    }

    /// Files `node` under what it is now: sink, source or a bucket.
    fn file(&mut self, node: usize) {
        let (out_degree, in_degree) = self.degrees(node);
        if out_degree == 0 {
            self.sinks.push(node);
        } else if in_degree == 0 {
            self.sources.push(node);
        } else {
            let bucket = (self.offset + out_degree).saturating_sub(in_degree);
            if let Some(list) = self.buckets.get_mut(bucket) {
                list.push(node);
                self.highest = self.highest.max(bucket);
            }
        }
    }

    fn next_sink(&mut self) -> Option<usize> {
        while let Some(node) = self.sinks.pop() {
            if self.is_live(node) {
                return Some(node);
            }
        }
        None
    }

    fn next_source(&mut self) -> Option<usize> {
        while let Some(node) = self.sources.pop() {
            if self.is_live(node) && self.degrees(node).1 == 0 {
                return Some(node);
            }
        }
        None
    }

    /// The live node with the largest out-degree minus in-degree.
    fn next_highest(&mut self) -> Option<usize> {
        loop {
            let bucket = self.highest;
            let list = self.buckets.get_mut(bucket)?;
            match list.pop() {
                Some(node) => {
                    let (out_degree, in_degree) = self.degrees(node);
                    let current = (self.offset + out_degree).saturating_sub(in_degree);
                    if self.is_live(node) && out_degree > 0 && in_degree > 0 && current == bucket {
                        return Some(node);
                    }
                }
                None if bucket == 0 => return None,
                None => self.highest -= 1,
            }
        }
    }

    fn remove(&mut self, node: usize, outgoing: &Adjacency, incoming: &Adjacency) {
        if let Some(flag) = self.removed.get_mut(node) {
            *flag = true;
        }
        for &target in outgoing.of(node) {
            if self.is_live(target) {
                if let Some(degree) = self.in_degree.get_mut(target) {
                    *degree = degree.saturating_sub(1);
                }
                self.file(target);
            }
        }
        for &source in incoming.of(node) {
            if self.is_live(source) {
                if let Some(degree) = self.out_degree.get_mut(source) {
                    *degree = degree.saturating_sub(1);
                }
                self.file(source);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reversed(node_count: usize, edges: &[(usize, usize)]) -> Vec<bool> {
        let edges: Vec<_> = edges.iter().map(|&edge| Some(edge)).collect();
        reversed_edges(node_count, &edges)
    }

    #[test]
    fn acyclic_graphs_keep_every_edge() {
        assert_eq!(
            reversed(4, &[(1, 0), (2, 0), (3, 1), (3, 2)]),
            vec![false; 4]
        );
    }

    #[test]
    fn a_two_cycle_loses_one_edge() {
        let flags = reversed(3, &[(0, 2), (1, 2), (0, 1), (1, 0)]);
        assert_eq!(flags.iter().filter(|&&f| f).count(), 1);
        assert!(!flags[0] && !flags[1]);
    }

    #[test]
    fn duplicate_edges_outvote_a_single_opposite_edge() {
        assert_eq!(
            reversed(2, &[(0, 1), (0, 1), (1, 0)]),
            vec![false, false, true]
        );
    }

    #[test]
    fn ignored_edges_are_never_reversed() {
        let flags = reversed_edges(2, &[None, Some((0, 1)), Some((1, 0)), None]);
        assert_eq!(flags.iter().filter(|&&f| f).count(), 1);
        assert!(!flags[0] && !flags[3]);
    }

    #[test]
    fn a_long_cycle_loses_exactly_one_edge_without_recursion() {
        let n = 50_000;
        let edges: Vec<(usize, usize)> = (0..n).map(|i| (i, (i + 1) % n)).collect();
        assert_eq!(reversed(n, &edges).iter().filter(|&&f| f).count(), 1);
    }

    #[test]
    fn reversed_edges_leave_no_cycle() {
        // Two interlocked cycles and a chord.
        let edges = [(0, 1), (1, 2), (2, 0), (2, 3), (3, 4), (4, 2), (1, 4)];
        let flags = reversed(5, &edges);
        let dag: Vec<(usize, usize)> = edges
            .iter()
            .zip(&flags)
            .map(|(&(a, b), &flip)| if flip { (b, a) } else { (a, b) })
            .collect();
        // Kahn's algorithm must take every node.
        let mut in_degree = [0; 5];
        for &(_, b) in &dag {
            in_degree[b] += 1;
        }
        let mut ready: Vec<usize> = (0..5).filter(|&v| in_degree[v] == 0).collect();
        let mut taken = 0;
        while let Some(v) = ready.pop() {
            taken += 1;
            for &(a, b) in &dag {
                if a == v {
                    in_degree[b] -= 1;
                    if in_degree[b] == 0 {
                        ready.push(b);
                    }
                }
            }
        }
        assert_eq!(taken, 5);
    }
}
