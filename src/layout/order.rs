//! Crossing reduction: the order of the nodes within each rank.
//!
//! This follows Graphviz's `dot` (Gansner et al., 1993), which draws argument
//! maps well:
//!
//! - Two depth-first initial orders, one from the conclusions down and one
//!   from the leaves up. Depth-first keeps subtrees together, so a tree-shaped
//!   map starts with no crossings at all.
//! - Sweeps down and up the ranks, sorting each rank by the weighted median
//!   position of its neighbours in the rank just fixed; nodes without such
//!   neighbours keep their place.
//! - After each sweep, transposition: swap neighbours in a rank while that
//!   removes crossings (on alternate sweeps also on ties, to leave plateaus).
//! - The best order seen is kept; a run stops after 8 sweeps without a real
//!   improvement, after 24 sweeps, or when the work budget is spent.
//!
//! Work is counted in neighbour visits, so the budget bounds the time whatever
//! the shape of the graph.

use super::layers::{Adjacency, LayeredGraph};

/// Sweeps per initial order before the better one is chosen.
const FIRST_SWEEPS: usize = 4;
/// Sweeps for the chosen order.
const MAX_SWEEPS: usize = 24;
/// Stop after this many sweeps without a real improvement.
const PATIENCE: usize = 8;
/// An improvement is real when it removes at least this fraction of crossings.
const CONVERGENCE: f64 = 0.995;

/// The order of the nodes (local indices) on each rank, from left to right.
pub(super) fn order(graph: &LayeredGraph, budget: u64) -> Vec<Vec<usize>> {
    let mut work = Work { left: budget };
    let mut best: Option<(usize, Vec<Vec<usize>>)> = None;
    for start in [Start::Top, Start::Bottom] {
        let mut ordering = Ordering::new(graph, initial_order(graph, start));
        let crossings = ordering.crossings(graph, &mut work);
        keep_if_better(&mut best, crossings, &ordering);
        ordering.improve(graph, FIRST_SWEEPS, &mut best, &mut work);
        if best.as_ref().is_some_and(|(crossings, _)| *crossings == 0) || work.spent() {
            break;
        }
    }
    let Some((_, layers)) = &best else {
        return Vec::new();
    };
    let mut ordering = Ordering::new(graph, layers.clone());
    ordering.improve(graph, MAX_SWEEPS, &mut best, &mut work);
    match best {
        Some((crossings, layers)) if crossings > 0 && !work.spent() => {
            // A last transposition without tie-breaking swaps, as dot does.
            let mut ordering = Ordering::new(graph, layers.clone());
            ordering.transpose(graph, false, &mut work);
            if ordering.crossings(graph, &mut work) < crossings {
                ordering.layers
            } else {
                layers
            }
        }
        Some((_, layers)) => layers,
        None => Vec::new(),
    }
}

fn keep_if_better(
    best: &mut Option<(usize, Vec<Vec<usize>>)>,
    crossings: usize,
    ordering: &Ordering,
) {
    if best.as_ref().is_none_or(|(fewest, _)| crossings <= *fewest) {
        *best = Some((crossings, ordering.layers.clone()));
    }
}

/// The work budget, in neighbour visits.
struct Work {
    left: u64,
}

impl Work {
    fn spend(&mut self, amount: usize) {
        self.left = self.left.saturating_sub(amount as u64);
    }

    fn spent(&self) -> bool {
        self.left == 0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// Depth-first from the conclusions (rank 0) downwards.
    Top,
    /// Depth-first from the leaves (nodes with nothing below) upwards.
    Bottom,
}

/// Each node is appended to its rank when a depth-first search first reaches
/// it; searches start from the `start` end in input order.
fn initial_order(graph: &LayeredGraph, start: Start) -> Vec<Vec<usize>> {
    let node_count = graph.node_count();
    let (forward, backward) = match start {
        Start::Top => (&graph.down, &graph.up),
        Start::Bottom => (&graph.up, &graph.down),
    };
    let roots = (0..graph.real)
        .filter(|&node| backward.of(node).is_empty())
        .chain(0..node_count);
    let mut layers = vec![Vec::new(); graph.rank_count];
    let mut seen = vec![false; node_count];
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut visit = |node: usize, layers: &mut Vec<Vec<usize>>| -> bool {
        match seen.get_mut(node) {
            Some(flag) if !*flag => {
                *flag = true;
                if let Some(layer) = graph.rank.get(node).and_then(|&rank| layers.get_mut(rank)) {
                    layer.push(node);
                }
                true
            }
            _ => false,
        }
    };
    for root in roots {
        if !visit(root, &mut layers) {
            continue;
        }
        stack.push((root, 0));
        while let Some((node, next)) = stack.last_mut() {
            match forward.of(*node).get(*next) {
                Some(&neighbour) => {
                    *next += 1;
                    if visit(neighbour, &mut layers) {
                        stack.push((neighbour, 0));
                    }
                }
                None => {
                    stack.pop();
                }
            }
        }
    }
    layers
}

/// An order being improved: the ranks and each node's index within its rank.
struct Ordering {
    layers: Vec<Vec<usize>>,
    position: Vec<usize>,
    /// Scratch space for neighbour positions.
    left: Vec<usize>,
    right: Vec<usize>,
}

impl Ordering {
    fn new(graph: &LayeredGraph, layers: Vec<Vec<usize>>) -> Ordering {
        let mut ordering = Ordering {
            layers,
            position: vec![0; graph.node_count()],
            left: Vec::new(),
            right: Vec::new(),
        };
        for rank in 0..ordering.layers.len() {
            ordering.renumber(rank);
        }
        ordering
    }

    fn renumber(&mut self, rank: usize) {
        if let Some(layer) = self.layers.get(rank) {
            for (index, &node) in layer.iter().enumerate() {
                if let Some(slot) = self.position.get_mut(node) {
                    *slot = index;
                }
            }
        }
    }

    fn position_of(&self, node: usize) -> usize {
        self.position.get(node).copied().unwrap_or(0)
    }

    /// Sweeps until `sweeps` are done, progress stalls or the budget runs out,
    /// recording the best order in `best`.
    fn improve(
        &mut self,
        graph: &LayeredGraph,
        sweeps: usize,
        best: &mut Option<(usize, Vec<Vec<usize>>)>,
        work: &mut Work,
    ) {
        let mut stalled = 0;
        for sweep in 0..sweeps {
            let fewest = best
                .as_ref()
                .map_or(usize::MAX, |(crossings, _)| *crossings);
            if stalled >= PATIENCE || fewest == 0 || work.spent() {
                break;
            }
            stalled += 1;
            // Like dot: alternate down and up sweeps, and allow tie-breaking
            // swaps during transposition on every other pair of sweeps.
            let downwards = sweep % 2 == 0;
            let ties = sweep % 4 >= 2;
            if downwards {
                for rank in 1..self.layers.len() {
                    self.sort_by_median(rank, &graph.up, work);
                }
            } else {
                for rank in (0..self.layers.len().saturating_sub(1)).rev() {
                    self.sort_by_median(rank, &graph.down, work);
                }
            }
            self.transpose(graph, ties, work);
            let crossings = self.crossings(graph, work);
            if crossings <= fewest {
                if (crossings as f64) < CONVERGENCE * fewest as f64 {
                    stalled = 0;
                }
                keep_if_better(best, crossings, self);
            }
        }
    }

    /// Reorders `rank` by the weighted median position of each node's
    /// neighbours in `fixed`; nodes without neighbours there keep their place.
    fn sort_by_median(&mut self, rank: usize, fixed: &Adjacency, work: &mut Work) {
        let Some(layer) = self.layers.get(rank) else {
            return;
        };
        let mut movable: Vec<(f64, usize, usize)> = Vec::with_capacity(layer.len());
        let mut stays = vec![false; layer.len()];
        let mut spent = layer.len();
        for (index, &node) in layer.iter().enumerate() {
            let neighbours = fixed.of(node);
            spent += neighbours.len();
            let (position, sorted) = (&self.position, &mut self.left);
            sorted.clear();
            sorted.extend(
                neighbours
                    .iter()
                    .map(|&neighbour| position.get(neighbour).copied().unwrap_or(0)),
            );
            sorted.sort_unstable();
            match weighted_median(sorted) {
                Some(median) => movable.push((median, index, node)),
                None => {
                    if let Some(flag) = stays.get_mut(index) {
                        *flag = true;
                    }
                }
            }
        }
        work.spend(spent);
        if movable.is_empty() {
            return;
        }
        movable.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let mut moved = movable.into_iter().map(|(_, _, node)| node);
        let reordered: Vec<usize> = layer
            .iter()
            .zip(&stays)
            .filter_map(|(&node, &stays)| if stays { Some(node) } else { moved.next() })
            .collect();
        if let Some(layer) = self.layers.get_mut(rank) {
            *layer = reordered;
        }
        self.renumber(rank);
    }

    /// Swaps neighbours within ranks while that removes crossings; with `ties`,
    /// also swaps pairs that cross as much either way (but not zero).
    fn transpose(&mut self, graph: &LayeredGraph, ties: bool, work: &mut Work) {
        let rank_count = self.layers.len();
        let mut candidate = vec![true; rank_count];
        loop {
            let mut removed = 0;
            for rank in 0..rank_count {
                if !candidate.get(rank).copied().unwrap_or(false) {
                    continue;
                }
                if work.spent() {
                    return;
                }
                if let Some(flag) = candidate.get_mut(rank) {
                    *flag = false;
                }
                let (gain, swapped) = self.transpose_rank(graph, rank, ties, work);
                removed += gain;
                if swapped {
                    for neighbour in rank.saturating_sub(1)..(rank + 2).min(rank_count) {
                        if let Some(flag) = candidate.get_mut(neighbour) {
                            *flag = true;
                        }
                    }
                }
            }
            if removed == 0 {
                return;
            }
        }
    }

    /// One pass of adjacent swaps over `rank`: how many crossings it removed,
    /// and whether it swapped anything.
    fn transpose_rank(
        &mut self,
        graph: &LayeredGraph,
        rank: usize,
        ties: bool,
        work: &mut Work,
    ) -> (usize, bool) {
        let Some(length) = self.layers.get(rank).map(Vec::len) else {
            return (0, false);
        };
        let (mut removed, mut swapped) = (0, false);
        for index in 1..length {
            let Some(&[v, w]) = self
                .layers
                .get(rank)
                .and_then(|layer| layer.get(index - 1..=index))
            else {
                continue;
            };
            let (mut kept, mut flipped) = self.pair_crossings(&graph.up, v, w, work);
            let (down_kept, down_flipped) = self.pair_crossings(&graph.down, v, w, work);
            kept += down_kept;
            flipped += down_flipped;
            if flipped < kept || (ties && kept > 0 && flipped == kept) {
                if let Some(layer) = self.layers.get_mut(rank) {
                    layer.swap(index - 1, index);
                }
                if let Some(slot) = self.position.get_mut(v) {
                    *slot = index;
                }
                if let Some(slot) = self.position.get_mut(w) {
                    *slot = index - 1;
                }
                removed += kept - flipped;
                swapped = true;
            }
        }
        (removed, swapped)
    }

    /// Crossings among the edges of `v` and `w` into one neighbouring rank:
    /// with `v` left of `w` as now, and with the two swapped.
    fn pair_crossings(
        &mut self,
        adjacency: &Adjacency,
        v: usize,
        w: usize,
        work: &mut Work,
    ) -> (usize, usize) {
        let (of_v, of_w) = (adjacency.of(v), adjacency.of(w));
        if of_v.is_empty() || of_w.is_empty() {
            return (0, 0);
        }
        work.spend(of_v.len() + of_w.len());
        self.left.clear();
        self.left.extend(
            of_v.iter()
                .map(|&node| self.position.get(node).copied().unwrap_or(0)),
        );
        self.right.clear();
        self.right.extend(
            of_w.iter()
                .map(|&node| self.position.get(node).copied().unwrap_or(0)),
        );
        self.left.sort_unstable();
        self.right.sort_unstable();
        // kept: pairs (a of v, b of w) with a > b; flipped: pairs with a < b.
        let (mut kept, mut flipped) = (0, 0);
        let mut below = 0; // how many of w's positions are < the current a
        let mut at_or_below = 0; // how many are <= the current a
        for &a in &self.left {
            while self.right.get(below).is_some_and(|&b| b < a) {
                below += 1;
            }
            at_or_below = at_or_below.max(below);
            while self.right.get(at_or_below).is_some_and(|&b| b <= a) {
                at_or_below += 1;
            }
            kept += below;
            flipped += self.right.len() - at_or_below;
        }
        (kept, flipped)
    }

    /// All crossings between consecutive ranks (Barth, Jünger and Mutzel's
    /// counting of inversions, with a Fenwick tree).
    fn crossings(&self, graph: &LayeredGraph, work: &mut Work) -> usize {
        let mut total = 0;
        let mut sequence = Vec::new();
        let mut tree = Vec::new();
        for pair in self.layers.windows(2) {
            let [upper, lower] = pair else { continue };
            sequence.clear();
            for &node in upper {
                let start = sequence.len();
                sequence.extend(
                    graph
                        .down
                        .of(node)
                        .iter()
                        .map(|&below| self.position_of(below)),
                );
                if let Some(tail) = sequence.get_mut(start..) {
                    tail.sort_unstable();
                }
            }
            work.spend(sequence.len() + upper.len());
            // Count pairs i < j with sequence[i] > sequence[j].
            tree.clear();
            tree.resize(lower.len() + 1, 0usize);
            for (seen, &value) in sequence.iter().enumerate() {
                let mut at_most = 0;
                let mut index = value + 1;
                while index > 0 {
                    at_most += tree.get(index).copied().unwrap_or(0);
                    index &= index - 1;
                }
                total += seen - at_most;
                let mut index = value + 1;
                while let Some(count) = tree.get_mut(index) {
                    *count += 1;
                    index += index & index.wrapping_neg();
                }
            }
        }
        total
    }
}

/// Graphviz's weighted median of sorted positions: the middle one, or between
/// the two middle ones, leaning towards the side where positions are packed
/// more tightly.
fn weighted_median(positions: &[usize]) -> Option<f64> {
    let value = |index: usize| positions.get(index).map_or(0.0, |&p| p as f64);
    let count = positions.len();
    match count {
        0 => None,
        _ if count % 2 == 1 => Some(value(count / 2)),
        2 => Some((value(0) + value(1)) / 2.0),
        _ => {
            let (left, right) = (value(count / 2 - 1), value(count / 2));
            let left_span = left - value(0);
            let right_span = value(count - 1) - right;
            if left_span + right_span == 0.0 {
                Some((left + right) / 2.0)
            } else {
                Some((left * right_span + right * left_span) / (left_span + right_span))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::layers::build;
    use super::*;

    fn crossings_of(graph: &LayeredGraph, layers: &[Vec<usize>]) -> usize {
        Ordering::new(graph, layers.to_vec()).crossings(graph, &mut Work { left: u64::MAX })
    }

    #[test]
    fn weighted_median_matches_dot() {
        assert_eq!(weighted_median(&[]), None);
        assert_eq!(weighted_median(&[4]), Some(4.0));
        assert_eq!(weighted_median(&[1, 5, 9]), Some(5.0));
        assert_eq!(weighted_median(&[2, 6]), Some(4.0));
        // Left span 1 (2-1), right span 4 (9-5): lean towards the left pair member.
        assert_eq!(
            weighted_median(&[1, 2, 5, 9]),
            Some((2.0 * 4.0 + 5.0 * 1.0) / 5.0)
        );
    }

    #[test]
    fn counts_crossings_between_ranks() {
        // 0, 1 on top; 2, 3 below; 0→3 crosses 1→2 (0→2 crosses nothing).
        let proper = build(&[0, 0, 1, 1], &[1.0; 4], &[(0, 3), (1, 2), (0, 2)], 0);
        let graph = &proper.components[0].graph;
        assert_eq!(crossings_of(graph, &[vec![0, 1], vec![2, 3]]), 1);
        assert_eq!(crossings_of(graph, &[vec![0, 1], vec![3, 2]]), 0);
    }

    #[test]
    fn pair_crossings_counts_both_ways() {
        // v = 0 with neighbours at 0 and 2; w = 1 with neighbours at 1 and 2.
        let proper = build(
            &[0, 0, 1, 1, 1],
            &[1.0; 5],
            &[(0, 2), (0, 4), (1, 3), (1, 4)],
            0,
        );
        let graph = &proper.components[0].graph;
        let mut ordering = Ordering::new(graph, vec![vec![0, 1], vec![2, 3, 4]]);
        let mut work = Work { left: u64::MAX };
        assert_eq!(
            ordering.pair_crossings(&graph.down, 0, 1, &mut work),
            (1, 2)
        );
        assert_eq!(
            ordering.pair_crossings(&graph.down, 1, 0, &mut work),
            (2, 1)
        );
    }

    #[test]
    fn a_tree_gets_no_crossings() {
        // A conclusion with three reasons, each with two supporters.
        let edges = [
            (0, 1),
            (0, 2),
            (0, 3),
            (1, 4),
            (2, 5),
            (3, 6),
            (1, 7),
            (2, 8),
            (3, 9),
        ];
        let ranks = [0, 1, 1, 1, 2, 2, 2, 2, 2, 2];
        let proper = build(&ranks, &[1.0; 10], &edges, 100);
        let graph = &proper.components[0].graph;
        let layers = order(graph, 1_000_000);
        assert_eq!(crossings_of(graph, &layers), 0);
        assert_eq!(layers[1], vec![1, 2, 3]);
    }

    #[test]
    fn sweeps_untangle_a_scrambled_tree() {
        let edges = [
            (0, 1),
            (0, 2),
            (0, 3),
            (1, 4),
            (2, 5),
            (3, 6),
            (1, 7),
            (2, 8),
            (3, 9),
        ];
        let ranks = [0, 1, 1, 1, 2, 2, 2, 2, 2, 2];
        let proper = build(&ranks, &[1.0; 10], &edges, 100);
        let graph = &proper.components[0].graph;
        let scrambled = vec![vec![0], vec![3, 1, 2], vec![5, 4, 9, 8, 6, 7]];
        assert!(crossings_of(graph, &scrambled) > 0);
        let mut ordering = Ordering::new(graph, scrambled);
        let mut best = None;
        ordering.improve(graph, MAX_SWEEPS, &mut best, &mut Work { left: u64::MAX });
        let (crossings, layers) = best.unwrap();
        assert_eq!(crossings, 0);
        assert_eq!(crossings_of(graph, &layers), 0);
    }

    #[test]
    fn every_node_is_placed_once_even_with_no_budget() {
        let edges = [(0, 2), (1, 2), (0, 3), (1, 4), (2, 5)];
        let ranks = [0, 0, 1, 2, 1, 3];
        let proper = build(&ranks, &[1.0; 6], &edges, 100);
        let graph = &proper.components[0].graph;
        for budget in [0, 10, u64::MAX] {
            let layers = order(graph, budget);
            let mut all: Vec<usize> = layers.concat();
            all.sort_unstable();
            assert_eq!(all, (0..graph.node_count()).collect::<Vec<_>>());
            for (rank, layer) in layers.iter().enumerate() {
                assert!(layer.iter().all(|&node| graph.rank[node] == rank));
            }
        }
    }
}
