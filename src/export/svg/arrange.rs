//! Where the boxes and edges of the SVG diagram go: [`crate::layout`] for each
//! connected part of the map, then two finishing touches that make the drawing read
//! better in a report.
//!
//! - **Parts are packed in rows.** A map often has several independent arguments (the
//!   flagship has five). Side by side in one row they make a strip five times wider
//!   than high, which shrinks to illegibility on a page; so each part is laid out on
//!   its own and the parts are packed, in file order, into rows no wider than the
//!   widest part or the width that gives the whole a landscape shape
//!   ([`TARGET_ASPECT`]), whichever is more. Rows line up on the conclusions' side.
//!   (For `LR`/`RL` the same happens in columns.)
//! - **Arrowheads do not pile up.** The layout brings every edge to the middle of a box
//!   side, so seven reasons for one claim make one blot of seven arrowheads. The ends
//!   that share a side are spread along it, in the order their edges arrive from, so
//!   they do not cross; the short straight stub at each end moves with it, and the
//!   curve in the channel between ranks takes up the difference, so edges still avoid
//!   boxes.

use crate::layout::{self, Direction, EdgeRoute, LayoutGraph, LayoutOptions, Point, Rect, Size};

/// The shape the packing aims for: width / height.
const TARGET_ASPECT: f64 = 1.6;

/// Ends sharing a box side are this far apart at most, and fill at most
/// [`SPREAD_SHARE`] of the side.
const PORT_SPACING: f64 = 16.0;
const SPREAD_SHARE: f64 = 0.7;
/// The straight run at each end of a route that moves with the end.
const STUB: f64 = 10.0;

/// Everything placed: one box per node, one route per edge (in input order), and the
/// size of the drawing.
pub(super) struct Arrangement {
    pub boxes: Vec<Rect>,
    pub routes: Vec<Option<EdgeRoute>>,
    pub width: f64,
    pub height: f64,
}

/// Lays out nodes of `sizes` and `edges` (from a reason to its target), each connected
/// part on its own, and packs the parts `part_gap` apart.
pub(super) fn arrange(
    sizes: &[Size],
    edges: &[(usize, usize)],
    options: &LayoutOptions,
    part_gap: f64,
) -> Arrangement {
    let count = sizes.len();
    let (part_of, parts) = connected_parts(count, edges);
    // Each node's index within its part, and each part's nodes.
    let mut local = vec![0; count];
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); parts];
    for (node, (&part, local)) in part_of.iter().zip(local.iter_mut()).enumerate() {
        if let Some(members) = members.get_mut(part) {
            *local = members.len();
            members.push(node);
        }
    }
    // Each part's edges: the index into `edges`, and the ends as indices in the part.
    let mut part_edges: Vec<Vec<(usize, (usize, usize))>> = vec![Vec::new(); parts];
    for (index, &(from, to)) in edges.iter().enumerate() {
        if let (Some(&part), Some(&from), Some(&to)) =
            (part_of.get(from), local.get(from), local.get(to))
            && let Some(part_edges) = part_edges.get_mut(part)
        {
            part_edges.push((index, (from, to)));
        }
    }

    // Lay out each part, sharing the crossing-reduction budget by size as the layout
    // itself does for the parts of one graph.
    let total = (count + edges.len()).max(1) as u128;
    let layouts: Vec<layout::Layout> = members
        .iter()
        .zip(&part_edges)
        .map(|(nodes, edge_list)| {
            let graph = LayoutGraph {
                sizes: nodes
                    .iter()
                    .map(|&node| sizes.get(node).copied().unwrap_or_default())
                    .collect(),
                edges: edge_list.iter().map(|&(_, ends)| ends).collect(),
            };
            let share = (nodes.len() + edge_list.len()) as u128;
            let budget = u128::from(options.crossing_budget) * share / total;
            let part_options = LayoutOptions {
                crossing_budget: u64::try_from(budget).unwrap_or(u64::MAX),
                ..options.clone()
            };
            layout::layout(&graph, &part_options)
        })
        .collect();

    let offsets = pack(&layouts, options.direction, part_gap);
    let mut boxes = vec![Rect::default(); count];
    let mut routes: Vec<Option<EdgeRoute>> = vec![None; edges.len()];
    let (mut width, mut height) = (0.0_f64, 0.0_f64);
    let parts = members.iter().zip(&part_edges);
    for ((placed, offset), (members, part_edges)) in layouts.iter().zip(&offsets).zip(parts) {
        for (&node, rect) in members.iter().zip(&placed.boxes) {
            if let Some(placed) = boxes.get_mut(node) {
                *placed = Rect {
                    x: rect.x + offset.x,
                    y: rect.y + offset.y,
                    ..*rect
                };
            }
        }
        for (&(edge, _), route) in part_edges.iter().zip(&placed.edges) {
            let Some(placed) = routes.get_mut(edge) else {
                continue;
            };
            *placed = route.as_ref().map(|route| EdgeRoute {
                points: route
                    .points
                    .iter()
                    .map(|p| Point {
                        x: p.x + offset.x,
                        y: p.y + offset.y,
                    })
                    .collect(),
            });
        }
        width = width.max(offset.x + placed.width);
        height = height.max(offset.y + placed.height);
    }
    spread_ports(&boxes, edges, &mut routes);
    Arrangement {
        boxes,
        routes,
        width,
        height,
    }
}

/// The connected part of each node (edges taken both ways), numbered in order of
/// each part's first node, and the number of parts. Union–find, without recursion.
fn connected_parts(count: usize, edges: &[(usize, usize)]) -> (Vec<usize>, usize) {
    let mut parent: Vec<usize> = (0..count).collect();
    /// Follows `parent` to the root, halving the path on the way.
    fn root(parent: &mut [usize], mut node: usize) -> usize {
        loop {
            let up = parent.get(node).copied().unwrap_or(node);
            if up == node {
                return node;
            }
            let grandparent = parent.get(up).copied().unwrap_or(up);
            if let Some(link) = parent.get_mut(node) {
                *link = grandparent;
            }
            node = grandparent;
        }
    }
    for &(a, b) in edges {
        if a < count && b < count {
            let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
            // The smaller index becomes the root, so each root is its part's first node.
            if let Some(link) = parent.get_mut(ra.max(rb)) {
                *link = ra.min(rb);
            }
        }
    }
    let mut number = vec![usize::MAX; count];
    let mut parts = 0;
    let part_of = (0..count)
        .map(|node| match number.get_mut(root(&mut parent, node)) {
            Some(number) if *number == usize::MAX => {
                *number = parts;
                parts += 1;
                *number
            }
            Some(number) => *number,
            None => 0,
        })
        .collect();
    (part_of, parts)
}

/// The top-left corner of each part: rows (columns for sideways directions) filled
/// in order, aligned on the conclusions' side.
fn pack(layouts: &[layout::Layout], direction: Direction, gap: f64) -> Vec<Point> {
    let vertical = matches!(direction, Direction::TopToBottom | Direction::BottomToTop);
    // In packing terms, parts sit side by side along `along` and lines of parts stack
    // along `across`.
    let extent = |l: &layout::Layout| {
        if vertical {
            (l.width, l.height)
        } else {
            (l.height, l.width)
        }
    };
    let extents: Vec<(f64, f64)> = layouts.iter().map(extent).collect();
    let widest = extents.iter().map(|e| e.0).fold(0.0, f64::max);
    let total: f64 = extents.iter().map(|e| e.0 + gap).sum();
    let area: f64 = extents.iter().map(|e| (e.0 + gap) * (e.1 + gap)).sum();
    let shape = if vertical {
        TARGET_ASPECT
    } else {
        1.0 / TARGET_ASPECT
    };
    // Try line lengths from the widest part to all parts in one line; keep the one that
    // wastes least space, with a penalty for straying from the target shape. Filling
    // lines greedily in file order keeps the parts in reading order.
    // Lengths spread evenly over the whole range, and finer steps around the length
    // that would give the target shape if the parts tiled perfectly.
    let ideal = (area * shape).sqrt();
    let even = (0..=PACKING_TRIES)
        .map(|step| widest + (total - widest).max(0.0) * step as f64 / PACKING_TRIES as f64);
    let near_ideal = (0..=PACKING_TRIES)
        .map(|step| ideal * 2f64.powf((step as f64 - PACKING_TRIES as f64 / 2.0) / 8.0))
        .filter(|&limit| limit > widest && limit < total);
    let mut best: Option<(f64, Vec<Vec<usize>>)> = None;
    for limit in even.chain(near_ideal) {
        let lines = fill_lines(&extents, limit, gap);
        let (length, thickness) = lines_size(&extents, &lines, gap);
        let (length, thickness) = (length.max(1.0), thickness.max(1.0));
        let ratio = length / thickness / shape;
        let score = length * thickness / area.max(1.0) * ratio.max(1.0 / ratio);
        if best
            .as_ref()
            .is_none_or(|(best_score, _)| score < *best_score - 1e-9)
        {
            best = Some((score, lines));
        }
    }
    let lines = best.map(|(_, lines)| lines).unwrap_or_default();
    // Conclusions are on top (BT), at the bottom (TB), on the left (RL), or on the
    // right (LR): parts of a line line up on that side.
    let align_end = matches!(direction, Direction::TopToBottom | Direction::LeftToRight);

    let (longest, _) = lines_size(&extents, &lines, gap);
    let mut offsets = vec![Point::default(); layouts.len()];
    let mut across_start = 0.0;
    for line in &lines {
        let thickness = line
            .iter()
            .map(|&index| extent_of(&extents, index).1)
            .fold(0.0, f64::max);
        // Shorter lines are centred under the longest.
        let (length, _) = lines_size(&extents, std::slice::from_ref(line), gap);
        let mut along_start = (longest - length) / 2.0;
        for &index in line {
            let (along, across) = extent_of(&extents, index);
            let shift = if align_end { thickness - across } else { 0.0 };
            let Some(offset) = offsets.get_mut(index) else {
                continue;
            };
            *offset = if vertical {
                Point {
                    x: along_start,
                    y: across_start + shift,
                }
            } else {
                Point {
                    x: across_start + shift,
                    y: along_start,
                }
            };
            along_start += along + gap;
        }
        across_start += thickness + gap;
    }
    offsets
}

/// How many line lengths [`pack`] tries.
const PACKING_TRIES: usize = 24;

/// The parts (by their `(along, across)` extents) in lines no longer than `limit`,
/// filled in order.
fn fill_lines(extents: &[(f64, f64)], limit: f64, gap: f64) -> Vec<Vec<usize>> {
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut used = 0.0;
    for (index, &(along, _)) in extents.iter().enumerate() {
        match lines.last_mut() {
            Some(line) if used + gap + along <= limit + 1e-9 => {
                line.push(index);
                used += gap + along;
            }
            _ => {
                lines.push(vec![index]);
                used = along;
            }
        }
    }
    lines
}

/// The `(along, across)` extent of part `index`.
fn extent_of(extents: &[(f64, f64)], index: usize) -> (f64, f64) {
    extents.get(index).copied().unwrap_or_default()
}

/// The length of the longest line and the thickness of all lines stacked.
fn lines_size(extents: &[(f64, f64)], lines: &[Vec<usize>], gap: f64) -> (f64, f64) {
    let mut length = 0.0_f64;
    let mut thickness = 0.0;
    for (position, line) in lines.iter().enumerate() {
        let along: f64 = line.iter().map(|&i| extent_of(extents, i).0).sum::<f64>()
            + gap * line.len().saturating_sub(1) as f64;
        let across = line
            .iter()
            .map(|&i| extent_of(extents, i).1)
            .fold(0.0, f64::max);
        length = length.max(along);
        thickness += across + if position > 0 { gap } else { 0.0 };
    }
    (length, thickness)
}

/// The four sides of a box.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Side {
    Top,
    Bottom,
    Left,
    Right,
}

/// One end of a route on a box side.
struct End {
    node: usize,
    side: Side,
    edge: usize,
    /// The route's first point (`false`) or its last (`true`).
    last: bool,
    /// Where the edge comes from along the side, for ordering.
    approach: f64,
}

/// Spreads the route ends that share a box side along it (see the module docs).
fn spread_ports(boxes: &[Rect], edges: &[(usize, usize)], routes: &mut [Option<EdgeRoute>]) {
    // A straight two-point route gets a stub at each end, so that moving one end
    // bends it between the stubs rather than right at the box.
    for route in routes.iter_mut().flatten() {
        if let [a, b] = route.points[..] {
            let length = ((b.x - a.x).powi(2) + (b.y - a.y).powi(2)).sqrt();
            if length > 0.0 {
                let stub = STUB.min(length / 4.0) / length;
                let at = |t: f64| Point {
                    x: a.x + (b.x - a.x) * t,
                    y: a.y + (b.y - a.y) * t,
                };
                route.points = vec![a, at(stub), at(1.0 - stub), b];
            }
        }
    }
    let mut ends: Vec<End> = Vec::new();
    for (edge, (&(from, to), route)) in edges.iter().zip(routes.iter()).enumerate() {
        let Some(route) = route else { continue };
        let points = &route.points;
        let (Some(first), Some(last)) = (points.first(), points.last()) else {
            continue;
        };
        for (node, point, last_end) in [(from, first, false), (to, last, true)] {
            let Some(rect) = boxes.get(node) else {
                continue;
            };
            let Some(side) = side_of(rect, point) else {
                continue;
            };
            // The first point beyond the straight stub at this end.
            let beyond = if last_end {
                points.len().checked_sub(3).and_then(|i| points.get(i))
            } else {
                points.get(2)
            }
            .or(if last_end {
                points.first()
            } else {
                points.last()
            })
            .copied()
            .unwrap_or(*point);
            ends.push(End {
                node,
                side,
                edge,
                last: last_end,
                approach: along(side, beyond),
            });
        }
    }
    ends.sort_by(|a, b| {
        (a.node, a.side)
            .cmp(&(b.node, b.side))
            .then(a.approach.total_cmp(&b.approach))
            .then((a.edge, a.last).cmp(&(b.edge, b.last)))
    });
    for group in ends.chunk_by(|a, b| (a.node, a.side) == (b.node, b.side)) {
        let Some((first, rect)) = group
            .first()
            .and_then(|end| Some((end, boxes.get(end.node)?)))
        else {
            continue;
        };
        if group.len() < 2 {
            continue;
        }
        let side = first.side;
        let (start, length) = match side {
            Side::Top | Side::Bottom => (rect.x, rect.width),
            Side::Left | Side::Right => (rect.y, rect.height),
        };
        let spacing = PORT_SPACING.min(length * SPREAD_SHARE / group.len() as f64);
        let middle = start + length / 2.0;
        let first = middle - spacing * (group.len() - 1) as f64 / 2.0;
        for (position, end) in group.iter().enumerate() {
            let Some(Some(route)) = routes.get_mut(end.edge) else {
                continue;
            };
            move_end(
                &mut route.points,
                end.last,
                side,
                first + spacing * position as f64,
            );
        }
    }
}

/// The side of `rect` that `point` lies on, if any.
fn side_of(rect: &Rect, point: &Point) -> Option<Side> {
    let near = |a: f64, b: f64| (a - b).abs() < 1e-6;
    if near(point.y, rect.y) {
        Some(Side::Top)
    } else if near(point.y, rect.y + rect.height) {
        Some(Side::Bottom)
    } else if near(point.x, rect.x) {
        Some(Side::Left)
    } else if near(point.x, rect.x + rect.width) {
        Some(Side::Right)
    } else {
        None
    }
}

/// The coordinate of `point` along `side`.
fn along(side: Side, point: Point) -> f64 {
    match side {
        Side::Top | Side::Bottom => point.x,
        Side::Left | Side::Right => point.y,
    }
}

/// Moves the first or last point of a route to `position` along its side, with the
/// straight stub next to it when the route has one and is long enough to bend
/// elsewhere.
fn move_end(points: &mut [Point], last: bool, side: Side, position: f64) {
    let count = points.len();
    let (end, next) = if last {
        (count - 1, count.wrapping_sub(2))
    } else {
        (0, 1)
    };
    let Some(&old) = points.get(end) else { return };
    let set = |point: &mut Point| match side {
        Side::Top | Side::Bottom => point.x = position,
        Side::Left | Side::Right => point.y = position,
    };
    if count >= 4
        && let Some(stub) = points.get_mut(next)
        && along(side, *stub) == along(side, old)
    {
        set(stub);
    }
    if let Some(point) = points.get_mut(end) {
        set(point);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(width: f64, height: f64) -> Size {
        Size { width, height }
    }

    fn overlap(a: &Rect, b: &Rect) -> bool {
        a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
    }

    #[test]
    fn parts_are_numbered_by_their_first_node() {
        let (part_of, parts) = connected_parts(6, &[(3, 1), (5, 0), (4, 3)]);
        assert_eq!(parts, 3);
        assert_eq!(part_of, [0, 1, 2, 1, 1, 0]);
    }

    #[test]
    fn many_parts_are_packed_in_rows_without_overlap() {
        let sizes = vec![size(200.0, 60.0); 12];
        let edges: Vec<(usize, usize)> = (0..6).map(|i| (2 * i + 1, 2 * i)).collect();
        let options = LayoutOptions::default();
        let arranged = arrange(&sizes, &edges, &options, 40.0);
        for (i, a) in arranged.boxes.iter().enumerate() {
            for b in &arranged.boxes[i + 1..] {
                assert!(!overlap(a, b), "{a:?} {b:?}");
            }
            assert!(a.x + a.width <= arranged.width + 1e-9);
            assert!(a.y + a.height <= arranged.height + 1e-9);
        }
        // Six parts of 200 × 176 do not fit in one row of a landscape drawing.
        assert!(arranged.width < 6.0 * 200.0);
        assert!(arranged.width > arranged.height);
        // Each reason still sits below its conclusion.
        for &(from, to) in &edges {
            assert!(arranged.boxes[from].y > arranged.boxes[to].y);
        }
    }

    #[test]
    fn ends_on_one_side_are_spread_in_order() {
        // Five reasons for one claim.
        let sizes = vec![size(200.0, 60.0); 6];
        let edges: Vec<(usize, usize)> = (1..6).map(|i| (i, 0)).collect();
        let arranged = arrange(&sizes, &edges, &LayoutOptions::default(), 40.0);
        let claim = arranged.boxes[0];
        let mut tips: Vec<(f64, f64)> = Vec::new();
        for (index, route) in arranged.routes.iter().enumerate() {
            let points = &route.as_ref().unwrap().points;
            let tip = *points.last().unwrap();
            assert_eq!(tip.y, claim.y + claim.height);
            assert!(tip.x > claim.x && tip.x < claim.x + claim.width);
            tips.push((arranged.boxes[edges[index].0].x, tip.x));
        }
        tips.sort_by(|a, b| a.0.total_cmp(&b.0));
        for pair in tips.windows(2) {
            assert!(pair[1].1 - pair[0].1 >= 15.9, "{tips:?}");
        }
    }
}
