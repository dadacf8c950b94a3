//! Coordinate assignment: where each node sits along its rank, once the order
//! within ranks is fixed.
//!
//! This is the method of Brandes and Köpf (2001), as dagre implements it: four
//! times (aligning with the neighbours above or below, packing from the left or
//! from the right), nodes are lined up with the median of their neighbours
//! into vertical "blocks", and the blocks are packed as tightly as the boxes'
//! real widths and the gaps allow. The result for each node is the average of
//! its two middle candidates, which centres parents over their children and
//! keeps long edges (chains of dummies, which are aligned first) straight. It
//! runs in linear time.
//!
//! Averaging candidates can, rarely, bring two neighbours closer than their
//! gap; a last left-to-right pass over each rank pushes them apart, so boxes
//! never overlap whatever happened before.

use super::layers::{Adjacency, LayeredGraph};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Vertical {
    /// Ranks from the top, aligning with neighbours above.
    Down,
    /// Ranks from the bottom, aligning with neighbours below.
    Up,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Horizontal {
    /// Each rank from the left, packing leftwards.
    Left,
    /// Each rank from the right, packing rightwards.
    Right,
}

/// The centre of each node (local index) along its rank; the leftmost box
/// edge is at 0. Neighbours in a rank are at least `node_gap` apart (half of
/// that next to a dummy).
pub(super) fn coordinates(graph: &LayeredGraph, layers: &[Vec<usize>], node_gap: f64) -> Vec<f64> {
    let node_count = graph.node_count();
    let mut position = vec![0; node_count];
    for layer in layers {
        for (index, &node) in layer.iter().enumerate() {
            if let Some(slot) = position.get_mut(node) {
                *slot = index;
            }
        }
    }
    let breadth = |node: usize| graph.breadth.get(node).copied().unwrap_or(0.0);
    let separation = |left: usize, right: usize| {
        let gap = if graph.is_dummy(left) || graph.is_dummy(right) {
            node_gap / 2.0
        } else {
            node_gap
        };
        (breadth(left) + breadth(right)) / 2.0 + gap
    };
    let conflicts = inner_segment_conflicts(graph, layers, &position);

    let mut candidates: Vec<(Horizontal, Vec<f64>)> = Vec::with_capacity(4);
    for vertical in [Vertical::Down, Vertical::Up] {
        for horizontal in [Horizontal::Left, Horizontal::Right] {
            // Turn the layering so that this pass is always "down and left".
            let mut oriented: Vec<Vec<usize>> = layers.to_vec();
            if vertical == Vertical::Up {
                oriented.reverse();
            }
            if horizontal == Horizontal::Right {
                oriented.iter_mut().for_each(|layer| layer.reverse());
            }
            let mut rank_position = vec![0; node_count];
            for layer in &oriented {
                for (index, &node) in layer.iter().enumerate() {
                    if let Some(slot) = rank_position.get_mut(node) {
                        *slot = index;
                    }
                }
            }
            let neighbours = match vertical {
                Vertical::Down => &graph.up,
                Vertical::Up => &graph.down,
            };
            let is_conflict = |node: usize, neighbour: usize| {
                let pair = match vertical {
                    Vertical::Down => (neighbour, node),
                    Vertical::Up => (node, neighbour),
                };
                conflicts.binary_search(&pair).is_ok()
            };
            let root = align(
                &oriented,
                &rank_position,
                neighbours,
                is_conflict,
                node_count,
            );
            let Some(mut x) = compact(&oriented, &root, separation, node_count) else {
                continue;
            };
            if horizontal == Horizontal::Right {
                x.iter_mut().for_each(|value| *value = -*value);
            }
            candidates.push((horizontal, x));
        }
    }

    let mut x = balance(&candidates, breadth, node_count);
    // Guarantee the gaps, whatever the averaging did.
    for layer in layers {
        for pair in layer.windows(2) {
            let [left, right] = pair else { continue };
            let least = x.get(*left).copied().unwrap_or(0.0) + separation(*left, *right);
            if let Some(value) = x.get_mut(*right) {
                *value = value.max(least);
            }
        }
    }
    let leftmost = x
        .iter()
        .enumerate()
        .map(|(node, &center)| center - breadth(node) / 2.0)
        .fold(f64::INFINITY, f64::min);
    if leftmost.is_finite() {
        x.iter_mut().for_each(|value| *value -= leftmost);
    }
    x
}

/// Edges that cross an inner segment (an edge between two dummies), as
/// `(upper, lower)` pairs, sorted. Long edges stay straight by aligning their
/// inner segments first; these other edges are not allowed to align across
/// them ("type 1 conflicts").
fn inner_segment_conflicts(
    graph: &LayeredGraph,
    layers: &[Vec<usize>],
    position: &[usize],
) -> Vec<(usize, usize)> {
    let position_of = |node: usize| position.get(node).copied().unwrap_or(0);
    let mut conflicts = Vec::new();
    for pair in layers.windows(2) {
        let [upper, lower] = pair else { continue };
        let (mut scanned, mut left_bound) = (0, 0);
        for (index, &node) in lower.iter().enumerate() {
            let inner = if graph.is_dummy(node) {
                graph
                    .up
                    .of(node)
                    .iter()
                    .copied()
                    .find(|&above| graph.is_dummy(above))
            } else {
                None
            };
            if inner.is_none() && index + 1 < lower.len() {
                continue;
            }
            let right_bound = inner.map_or(upper.len(), position_of);
            for &scan in lower.get(scanned..=index).unwrap_or(&[]) {
                for &above in graph.up.of(scan) {
                    let outside =
                        position_of(above) < left_bound || position_of(above) > right_bound;
                    if outside && !(graph.is_dummy(above) && graph.is_dummy(scan)) {
                        conflicts.push((above, scan));
                    }
                }
            }
            scanned = index + 1;
            left_bound = right_bound;
        }
    }
    conflicts.sort_unstable();
    conflicts
}

/// Vertical alignment: each node joins the block of its median neighbour in
/// the previous (oriented) rank, if that keeps blocks from crossing. Returns
/// the root (topmost node) of each node's block.
fn align(
    layers: &[Vec<usize>],
    position: &[usize],
    neighbours: &Adjacency,
    is_conflict: impl Fn(usize, usize) -> bool,
    node_count: usize,
) -> Vec<usize> {
    let position_of = |node: usize| position.get(node).copied().unwrap_or(0);
    let mut root: Vec<usize> = (0..node_count).collect();
    let mut sorted = Vec::new();
    for layer in layers {
        // The rightmost position already used by an alignment in this rank.
        let mut used: Option<usize> = None;
        for &node in layer {
            sorted.clear();
            sorted.extend_from_slice(neighbours.of(node));
            if sorted.is_empty() {
                continue;
            }
            sorted.sort_unstable_by_key(|&neighbour| position_of(neighbour));
            let middle = (sorted.len() - 1) / 2;
            for &candidate in sorted.get(middle..=sorted.len() / 2).unwrap_or(&[]) {
                let free = used.is_none_or(|used| used < position_of(candidate));
                if free && !is_conflict(node, candidate) {
                    let block = root.get(candidate).copied().unwrap_or(candidate);
                    if let Some(slot) = root.get_mut(node) {
                        *slot = block;
                    }
                    used = Some(position_of(candidate));
                    break;
                }
            }
        }
    }
    root
}

/// Horizontal compaction: packs the blocks leftwards, each as far left as the
/// blocks to its left allow, then moves each as far right as the blocks to its
/// right allow (so that blocks with room on both sides do not hug the left).
/// Blocks and "is left of" form a directed acyclic graph; `None` if they do not
/// (which alignment rules out, but we do not rely on it).
fn compact(
    layers: &[Vec<usize>],
    root: &[usize],
    separation: impl Fn(usize, usize) -> f64,
    node_count: usize,
) -> Option<Vec<f64>> {
    let root_of = |node: usize| root.get(node).copied().unwrap_or(node);
    let mut edges: Vec<(usize, usize, f64)> = Vec::new();
    for layer in layers {
        for pair in layer.windows(2) {
            let [left, right] = pair else { continue };
            edges.push((root_of(*left), root_of(*right), separation(*left, *right)));
        }
    }
    let successors = Adjacency::new(
        node_count,
        edges
            .iter()
            .enumerate()
            .map(|(index, &(left, _, _))| (left, index)),
    );
    let predecessors = Adjacency::new(
        node_count,
        edges
            .iter()
            .enumerate()
            .map(|(index, &(_, right, _))| (right, index)),
    );

    // Topological order of the blocks (Kahn's algorithm).
    let blocks: Vec<usize> = (0..node_count)
        .filter(|&node| root_of(node) == node)
        .collect();
    let mut waiting: Vec<usize> = (0..node_count)
        .map(|node| predecessors.of(node).len())
        .collect();
    let mut ready: Vec<usize> = blocks
        .iter()
        .rev()
        .copied()
        .filter(|&block| waiting.get(block) == Some(&0))
        .collect();
    let mut topological = Vec::with_capacity(blocks.len());
    while let Some(block) = ready.pop() {
        topological.push(block);
        for &edge in successors.of(block) {
            let Some(&(_, right, _)) = edges.get(edge) else {
                continue;
            };
            if let Some(count) = waiting.get_mut(right) {
                *count -= 1;
                if *count == 0 {
                    ready.push(right);
                }
            }
        }
    }
    if topological.len() != blocks.len() {
        return None;
    }

    let mut x = vec![0.0; node_count];
    for &block in &topological {
        let least = predecessors
            .of(block)
            .iter()
            .filter_map(|&edge| edges.get(edge))
            .map(|&(left, _, gap)| x.get(left).copied().unwrap_or(0.0) + gap)
            .fold(0.0, f64::max);
        if let Some(value) = x.get_mut(block) {
            *value = least;
        }
    }
    for &block in topological.iter().rev() {
        let most = successors
            .of(block)
            .iter()
            .filter_map(|&edge| edges.get(edge))
            .map(|&(_, right, gap)| x.get(right).copied().unwrap_or(0.0) - gap)
            .fold(f64::INFINITY, f64::min);
        if let Some(value) = x.get_mut(block)
            && most.is_finite()
        {
            *value = value.max(most);
        }
    }
    Some(
        (0..node_count)
            .map(|node| x.get(root_of(node)).copied().unwrap_or(0.0))
            .collect(),
    )
}

/// Lines the candidates up on the narrowest one (left-packed candidates by
/// their left edge, right-packed by their right edge) and gives each node the
/// average of its middle values.
fn balance(
    candidates: &[(Horizontal, Vec<f64>)],
    breadth: impl Fn(usize) -> f64,
    node_count: usize,
) -> Vec<f64> {
    let span = |x: &[f64]| {
        x.iter().enumerate().fold(
            (f64::INFINITY, f64::NEG_INFINITY),
            |(low, high), (node, &center)| {
                (
                    low.min(center - breadth(node) / 2.0),
                    high.max(center + breadth(node) / 2.0),
                )
            },
        )
    };
    let spans: Vec<(f64, f64)> = candidates.iter().map(|(_, x)| span(x)).collect();
    let Some(&(low, high)) = spans
        .iter()
        .min_by(|a, b| (a.1 - a.0).total_cmp(&(b.1 - b.0)))
    else {
        return vec![0.0; node_count];
    };
    let shifts: Vec<f64> = candidates
        .iter()
        .zip(&spans)
        .map(|((horizontal, _), &(own_low, own_high))| match horizontal {
            Horizontal::Left => low - own_low,
            Horizontal::Right => high - own_high,
        })
        .map(|shift| if shift.is_finite() { shift } else { 0.0 })
        .collect();
    let mut values = Vec::with_capacity(candidates.len());
    (0..node_count)
        .map(|node| {
            values.clear();
            values.extend(
                candidates
                    .iter()
                    .zip(&shifts)
                    .filter_map(|((_, x), shift)| x.get(node).map(|value| value + shift)),
            );
            values.sort_by(f64::total_cmp);
            let middle = values.len() / 2;
            match (values.get(middle.wrapping_sub(1)), values.get(middle)) {
                (Some(a), Some(b)) if values.len() % 2 == 0 => (a + b) / 2.0,
                (_, Some(b)) => *b,
                _ => 0.0,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::layers::build;
    use super::*;

    fn assert_separated(graph: &LayeredGraph, layers: &[Vec<usize>], x: &[f64], gap: f64) {
        for layer in layers {
            for pair in layer.windows(2) {
                let (a, b) = (pair[0], pair[1]);
                let least = (graph.breadth[a] + graph.breadth[b]) / 2.0
                    + if graph.is_dummy(a) || graph.is_dummy(b) {
                        gap / 2.0
                    } else {
                        gap
                    };
                assert!(x[b] - x[a] >= least - 1e-9, "{a} and {b} too close: {x:?}");
            }
        }
    }

    #[test]
    fn a_parent_is_centred_over_its_children() {
        let proper = build(
            &[0, 1, 1, 1],
            &[100.0, 50.0, 50.0, 50.0],
            &[(0, 1), (0, 2), (0, 3)],
            10,
        );
        let graph = &proper.components[0].graph;
        let layers = vec![vec![0], vec![1, 2, 3]];
        let x = coordinates(graph, &layers, 10.0);
        assert_separated(graph, &layers, &x, 10.0);
        assert_eq!(x[1], 25.0);
        assert_eq!(x[2], 85.0);
        assert_eq!(x[0], x[2]);

        let proper = build(&[0, 1, 1], &[10.0, 50.0, 70.0], &[(0, 1), (0, 2)], 10);
        let graph = &proper.components[0].graph;
        let x = coordinates(graph, &[vec![0], vec![1, 2]], 10.0);
        assert_eq!(x[0], (x[1] + x[2]) / 2.0);
    }

    #[test]
    fn long_edges_stay_straight() {
        // 0 → 1 → 2 → 3 down the left, and a long edge 0 → 3 through two dummies
        // beside a wide node 4 hanging from 0 as well.
        let proper = build(
            &[0, 1, 2, 3, 1],
            &[40.0, 40.0, 40.0, 40.0, 200.0],
            &[(0, 1), (1, 2), (2, 3), (0, 3), (0, 4)],
            10,
        );
        let graph = &proper.components[0].graph;
        let layers = vec![vec![0], vec![1, 5, 4], vec![2, 6], vec![3]];
        let x = coordinates(graph, &layers, 10.0);
        assert_separated(graph, &layers, &x, 10.0);
        assert_eq!(x[5], x[6], "{x:?}");
    }

    #[test]
    fn nodes_of_different_widths_never_overlap() {
        // A small random-ish layered graph with wide and narrow nodes.
        let ranks = [0, 0, 1, 1, 1, 2, 2, 2, 2];
        let widths = [30.0, 300.0, 10.0, 120.0, 0.0, 50.0, 5.0, 250.0, 40.0];
        let edges = [
            (0, 2),
            (0, 3),
            (1, 3),
            (1, 4),
            (2, 5),
            (3, 6),
            (3, 7),
            (4, 8),
            (2, 8),
            (0, 4),
        ];
        let proper = build(&ranks, &widths, &edges, 10);
        let graph = &proper.components[0].graph;
        let layers = vec![vec![0, 1], vec![2, 3, 4], vec![5, 6, 7, 8]];
        let x = coordinates(graph, &layers, 24.0);
        assert_separated(graph, &layers, &x, 24.0);
        let leftmost = (0..9)
            .map(|v| x[v] - widths[v] / 2.0)
            .fold(f64::INFINITY, f64::min);
        assert_eq!(leftmost, 0.0);
    }

    #[test]
    fn conflicts_mark_edges_crossing_inner_segments() {
        // The long edge 0 → 3 runs through dummies 4 (rank 1) and 5 (rank 2);
        // the edge 1 → 2 crosses the inner segment 4 → 5 and is marked.
        let proper = build(&[0, 1, 2, 3], &[1.0; 4], &[(0, 3), (1, 2), (0, 1)], 10);
        let graph = &proper.components[0].graph;
        assert_eq!(proper.chains[0].dummies, 4..6);
        let layers = vec![vec![0], vec![1, 4], vec![5, 2], vec![3]];
        let mut position = vec![0; graph.node_count()];
        for layer in &layers {
            for (i, &v) in layer.iter().enumerate() {
                position[v] = i;
            }
        }
        assert_eq!(
            inner_segment_conflicts(graph, &layers, &position),
            vec![(1, 2)]
        );
        // Uncrossed, there is no conflict.
        let layers = vec![vec![0], vec![1, 4], vec![2, 5], vec![3]];
        for layer in &layers {
            for (i, &v) in layer.iter().enumerate() {
                position[v] = i;
            }
        }
        assert!(inner_segment_conflicts(graph, &layers, &position).is_empty());
    }
}
