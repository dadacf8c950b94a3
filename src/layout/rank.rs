//! Layer assignment: which rank each node sits on.
//!
//! Conclusions (nodes nothing points away from) go on rank 0, and every other
//! node goes one rank below the lowest thing it points at: the longest-path
//! layering, computed from the top down in linear time. It keeps every edge
//! pointing up and makes most edges of a tree-shaped map one rank long.
//!
//! Longest path places each node as high as it can go. That is right for
//! reasons (they sit just under their claim), but a node with more supporters
//! below it than targets above it is better off lower down, next to its
//! supporters: a single bottom-up pass moves such nodes down as far as their
//! supporters allow, which shortens edges in total (a cheap stand-in for
//! network simplex). Conclusions stay on rank 0.

use super::layers::Adjacency;

/// Ranks for `node_count` nodes, given distinct acyclic edges `(upper, lower)`:
/// `lower` ends up on a higher-numbered rank than `upper`.
pub(super) fn assign(node_count: usize, edges: &[(usize, usize)]) -> Vec<usize> {
    let below = Adjacency::new(node_count, edges.iter().copied());
    let above = Adjacency::new(
        node_count,
        edges.iter().map(|&(upper, lower)| (lower, upper)),
    );

    // Longest path from the top, in topological order (Kahn's algorithm).
    let mut rank: Vec<usize> = vec![0; node_count];
    let mut waiting: Vec<usize> = (0..node_count).map(|node| above.of(node).len()).collect();
    let mut ready: Vec<usize> = (0..node_count)
        .rev()
        .filter(|&node| waiting.get(node) == Some(&0))
        .collect();
    let mut topological = Vec::with_capacity(node_count);
    while let Some(node) = ready.pop() {
        topological.push(node);
        let next = rank.get(node).copied().unwrap_or(0) + 1;
        for &lower in below.of(node) {
            if let (Some(lower_rank), Some(count)) = (rank.get_mut(lower), waiting.get_mut(lower)) {
                *lower_rank = (*lower_rank).max(next);
                *count -= 1;
                if *count == 0 {
                    ready.push(lower);
                }
            }
        }
    }

    // Bottom-up: sink nodes with more edges below than above towards the
    // nodes below them. Reverse topological order visits a node after
    // everything below it has settled.
    for &node in topological.iter().rev() {
        let (ups, downs) = (above.of(node), below.of(node));
        if ups.is_empty() || downs.len() <= ups.len() {
            continue;
        }
        let room = downs
            .iter()
            .filter_map(|&lower| rank.get(lower))
            .min()
            .map(|&r| r.saturating_sub(1));
        if let (Some(room), Some(current)) = (room, rank.get_mut(node)) {
            *current = (*current).max(room);
        }
    }
    rank
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conclusions_on_top_and_reasons_right_below_their_target() {
        // 0 ← 1 ← 2, and 3 points at 0 directly.
        assert_eq!(assign(4, &[(0, 1), (1, 2), (0, 3)]), vec![0, 1, 2, 1]);
    }

    #[test]
    fn a_node_pointing_at_two_levels_goes_below_the_lower_one() {
        // 3 points at 0 (rank 0) and at 2 (rank 2).
        assert_eq!(
            assign(4, &[(0, 1), (1, 2), (0, 3), (2, 3)]),
            vec![0, 1, 2, 3]
        );
    }

    #[test]
    fn nodes_with_more_supporters_than_targets_move_down() {
        // 1 supports 0; 2, 3 and 4 support 1 and also (via 5, 6) sit low down.
        // Edges: 0←1, 1←2, 1←3, 0←5, 5←6, 6←2, 6←3. Node 1 has 1 up, 2 down.
        let ranks = assign(7, &[(0, 1), (1, 2), (1, 3), (0, 5), (5, 6), (6, 2), (6, 3)]);
        assert_eq!(ranks[2], 3);
        assert_eq!(ranks[1], 2, "{ranks:?}");
        assert_eq!(ranks[0], 0);
    }

    #[test]
    fn every_edge_points_up() {
        let edges = [(0, 1), (0, 2), (1, 3), (2, 3), (3, 4), (0, 4), (5, 4)];
        let ranks = assign(6, &edges);
        for (upper, lower) in edges {
            assert!(ranks[upper] < ranks[lower], "{upper}→{lower}: {ranks:?}");
        }
        assert_eq!(ranks[5], 0);
    }

    #[test]
    fn a_long_chain_needs_no_recursion() {
        let n = 50_000;
        let edges: Vec<(usize, usize)> = (1..n).map(|i| (i - 1, i)).collect();
        let ranks = assign(n, &edges);
        assert_eq!(ranks[n - 1], n - 1);
    }
}
