//! Layered ("Sugiyama") layout of argument maps, so that argmap can draw its own
//! SVG without Graphviz.
//!
//! An argument map is a directed graph: each reason points at the claim it
//! supports or rebuts. [`layout`] places every node's box and routes every edge
//! in the classic four stages, one module each:
//!
//! 1. [`acyclic`]: rebuttals may answer each other in circles, so a few edges are
//!    turned around (for layout only; they are still drawn from their `from` to
//!    their `to`).
//! 2. [`rank`]: every node gets a rank (a layer); conclusions on rank 0, each
//!    reason below what it points at.
//! 3. [`layers`] and [`order`]: edges longer than one rank become chains of
//!    dummy nodes, then the nodes of each rank are ordered to avoid crossings.
//! 4. [`position`] and [`route`]: each node gets its place along its rank, and
//!    each edge a smooth path through its dummies.
//!
//! Internally everything is laid out "top to bottom": ranks stack downwards
//! along the *depth* axis and nodes sit side by side along the *breadth* axis,
//! rank 0 at the top. [`Frame`] turns that into the requested [`Direction`] at
//! the very end. Every stage is iterative (no recursion, so a 50,000-node chain
//! cannot overflow the stack), deterministic (no hash-map order) and linear or
//! near-linear, apart from crossing reduction, which works within
//! [`LayoutOptions::crossing_budget`].

mod acyclic;
mod crossings;
mod layers;
mod order;
mod position;
mod rank;
mod route;

pub use crossings::count_crossings;

/// The way arrows flow, with Graphviz's `rankdir` meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Arrows point down: conclusions at the bottom.
    TopToBottom,
    /// Arrows point up: conclusions at the top. The argmap default.
    #[default]
    BottomToTop,
    /// Arrows point right: conclusions on the right.
    LeftToRight,
    /// Arrows point left: conclusions on the left.
    RightToLeft,
}

/// The size of a box as drawn (in the final orientation).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Size {
    pub width: f64,
    pub height: f64,
}

/// A point in the drawing; y grows downwards, as in SVG.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A box in the drawing, given by its top-left corner and its size.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    /// The centre of the box.
    pub fn center(&self) -> Point {
        Point {
            x: self.x + self.width / 2.0,
            y: self.y + self.height / 2.0,
        }
    }
}

/// What to lay out: one box per node, and edges between node indices.
///
/// An edge `(from, to)` is drawn with its arrow at `to`. Cycles and duplicate
/// edges are fine; self-loops and edges naming a node that does not exist are
/// ignored (their route is `None`).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LayoutGraph {
    pub sizes: Vec<Size>,
    pub edges: Vec<(usize, usize)>,
}

/// How to lay a graph out.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    pub direction: Direction,
    /// Space between neighbouring boxes of one rank (half of it next to an edge).
    pub node_gap: f64,
    /// Space between the tallest boxes of consecutive ranks; edges run in it.
    pub rank_gap: f64,
    /// Space between disconnected parts of the graph, placed side by side.
    pub component_gap: f64,
    /// Work allowed for crossing reduction, in neighbour visits, shared by all
    /// components in proportion to their size. The default is enough for every
    /// sweep on maps of a few thousand nodes and keeps 50,000 nodes well under a
    /// second; 0 keeps the initial (depth-first) order.
    pub crossing_budget: u64,
}

impl Default for LayoutOptions {
    fn default() -> Self {
        LayoutOptions {
            direction: Direction::BottomToTop,
            node_gap: 24.0,
            rank_gap: 56.0,
            component_gap: 48.0,
            crossing_budget: 40_000_000,
        }
    }
}

/// The path of one edge: the first point is on the border of the `from` box,
/// the last on the border of the `to` box, with bend points in between.
///
/// Every route that [`layout`] makes leaves and enters its boxes straight
/// along the rank axis, runs straight through the ranks it crosses (beside the
/// boxes there) and bends only in the gaps between ranks.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EdgeRoute {
    pub points: Vec<Point>,
}

/// Where everything goes. All boxes lie inside `[0, width] × [0, height]`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// One box per node, in input order.
    pub boxes: Vec<Rect>,
    /// One route per input edge, in input order; `None` for self-loops and
    /// edges naming a missing node.
    pub edges: Vec<Option<EdgeRoute>>,
    pub width: f64,
    pub height: f64,
    /// How many edges had to be turned around to break cycles.
    pub reversed_edges: usize,
}

/// Lays out `graph`: boxes that never overlap, conclusions on the first rank,
/// and edges routed between the ranks.
pub fn layout(graph: &LayoutGraph, options: &LayoutOptions) -> Layout {
    let settings = Settings::new(options);
    let frame = Frame::new(options.direction);
    let node_count = graph.sizes.len();
    let extents: Vec<Extent> = graph.sizes.iter().map(|&size| frame.extent(size)).collect();

    // Stage 1: keep the edges we can draw, and turn a few around to break cycles.
    let edges: Vec<Option<(usize, usize)>> = graph
        .edges
        .iter()
        .map(|&(from, to)| {
            (from < node_count && to < node_count && from != to).then_some((from, to))
        })
        .collect();
    let reversed = acyclic::reversed_edges(node_count, &edges);
    let reversed_edges = reversed.iter().filter(|&&flag| flag).count();

    // Stage 2: ranks. In layout terms an edge runs from its upper end (nearer
    // the conclusions) to its lower end: normally from `to` down to `from`.
    let oriented: Vec<Option<(usize, usize)>> = edges
        .iter()
        .zip(&reversed)
        .map(|(edge, &flip)| edge.map(|(from, to)| if flip { (from, to) } else { (to, from) }))
        .collect();
    let (dag_edges, edge_to_dag) = distinct_edges(&oriented);
    let ranks = rank::assign(node_count, &dag_edges);

    // Stage 3: dummy nodes, components, and the order within each rank.
    let breadths: Vec<f64> = extents.iter().map(|extent| extent.breadth).collect();
    let dummy_budget = 8 * (node_count + dag_edges.len()) + 4096;
    let proper = layers::build(&ranks, &breadths, &dag_edges, dummy_budget);
    let total_size: usize = proper.components.iter().map(|c| c.graph.size()).sum();

    // Stage 4: positions along the ranks, component after component.
    let mut breadth_of = Vec::with_capacity(proper.components.len());
    let mut offset = 0.0;
    for component in &proper.components {
        let share = settings.crossing_budget as f64 * component.graph.size() as f64
            / total_size.max(1) as f64;
        let order = order::order(&component.graph, share as u64);
        let mut centers = position::coordinates(&component.graph, &order, settings.node_gap);
        let mut extent: f64 = 0.0;
        for (center, breadth) in centers.iter_mut().zip(&component.graph.breadth) {
            extent = extent.max(*center + breadth / 2.0);
            *center += offset;
        }
        offset += extent + settings.component_gap;
        breadth_of.push(centers);
    }
    let total_breadth = (offset - settings.component_gap).max(0.0);

    // Depth: each rank is as deep as its deepest box, then a gap.
    let bands = route::Bands::new(&ranks, &extents, settings.rank_gap);
    let total_depth = bands.total_depth();

    let mut centers = vec![0.0; node_count];
    for (component, component_centers) in proper.components.iter().zip(&breadth_of) {
        for (&node, &center) in component.nodes.iter().zip(component_centers) {
            if let Some(slot) = centers.get_mut(node) {
                *slot = center;
            }
        }
    }
    let internal_boxes: Vec<Rect> = extents
        .iter()
        .zip(&centers)
        .zip(&ranks)
        .map(|((extent, &center), &rank)| bands.place(center, rank, *extent))
        .collect();

    // Routes, from the border of `from` through the dummies to the border of `to`.
    let stub = settings.rank_gap / 8.0;
    let routes = edges
        .iter()
        .zip(&edge_to_dag)
        .zip(&reversed)
        .map(|((edge, dag), &flip)| {
            let (_, dag) = edge.zip(*dag)?;
            let chain = proper.chains.get(dag)?;
            let centers = breadth_of.get(chain.component)?;
            let (&upper, &lower) = dag_edges.get(dag).map(|(u, l)| (u, l))?;
            let dummies = chain
                .dummies
                .clone()
                .zip(ranks.get(upper).map(|r| r + 1)?..)
                .filter_map(|(local, rank)| Some((*centers.get(local)?, rank)));
            let mut points = route::chain_points(
                (internal_boxes.get(upper)?, *ranks.get(upper)?),
                (internal_boxes.get(lower)?, *ranks.get(lower)?),
                dummies,
                &bands,
                stub,
            );
            if !flip {
                points.reverse();
            }
            let points = points
                .into_iter()
                .map(|p| frame.point(p, total_depth))
                .collect();
            Some(EdgeRoute { points })
        })
        .collect();

    let boxes = internal_boxes
        .iter()
        .map(|rect| frame.rect(*rect, total_depth))
        .collect();
    let (width, height) = frame.size(total_breadth, total_depth);
    Layout {
        boxes,
        edges: routes,
        width,
        height,
        reversed_edges,
    }
}

/// The options with every number made finite and non-negative.
struct Settings {
    node_gap: f64,
    rank_gap: f64,
    component_gap: f64,
    crossing_budget: u64,
}

impl Settings {
    fn new(options: &LayoutOptions) -> Settings {
        Settings {
            node_gap: sane(options.node_gap),
            rank_gap: sane(options.rank_gap),
            component_gap: sane(options.component_gap),
            crossing_budget: options.crossing_budget,
        }
    }
}

/// `value` if it is a finite, non-negative number, else 0.
fn sane(value: f64) -> f64 {
    if value.is_finite() && value > 0.0 {
        value
    } else {
        0.0
    }
}

/// A box's size in layout terms: `breadth` along its rank, `depth` across.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Extent {
    breadth: f64,
    depth: f64,
}

/// The turn from the internal top-to-bottom layout (rank 0 at the top) to the
/// requested direction.
#[derive(Debug, Clone, Copy)]
struct Frame {
    direction: Direction,
}

impl Frame {
    fn new(direction: Direction) -> Frame {
        Frame { direction }
    }

    fn ranks_vertical(&self) -> bool {
        matches!(
            self.direction,
            Direction::TopToBottom | Direction::BottomToTop
        )
    }

    fn extent(&self, size: Size) -> Extent {
        let (width, height) = (sane(size.width), sane(size.height));
        if self.ranks_vertical() {
            Extent {
                breadth: width,
                depth: height,
            }
        } else {
            Extent {
                breadth: height,
                depth: width,
            }
        }
    }

    /// The drawing's width and height.
    fn size(&self, breadth: f64, depth: f64) -> (f64, f64) {
        if self.ranks_vertical() {
            (breadth, depth)
        } else {
            (depth, breadth)
        }
    }

    /// Maps an internal point (x along the ranks, y down the ranks) into the drawing.
    fn point(&self, p: Point, depth: f64) -> Point {
        match self.direction {
            Direction::BottomToTop => p,
            Direction::TopToBottom => Point {
                x: p.x,
                y: depth - p.y,
            },
            Direction::RightToLeft => Point { x: p.y, y: p.x },
            Direction::LeftToRight => Point {
                x: depth - p.y,
                y: p.x,
            },
        }
    }

    fn rect(&self, r: Rect, depth: f64) -> Rect {
        let a = self.point(Point { x: r.x, y: r.y }, depth);
        let b = self.point(
            Point {
                x: r.x + r.width,
                y: r.y + r.height,
            },
            depth,
        );
        let (x, y) = (a.x.min(b.x).max(0.0), a.y.min(b.y).max(0.0));
        let (width, height) = self.size(r.width, r.height);
        Rect {
            x,
            y,
            width,
            height,
        }
    }
}

/// The distinct oriented edges, in order of first appearance, and for each
/// input edge the index of its distinct edge.
fn distinct_edges(
    oriented: &[Option<(usize, usize)>],
) -> (Vec<(usize, usize)>, Vec<Option<usize>>) {
    let mut sorted: Vec<((usize, usize), usize)> = oriented
        .iter()
        .enumerate()
        .filter_map(|(index, edge)| edge.map(|pair| (pair, index)))
        .collect();
    sorted.sort_unstable();
    sorted.dedup_by_key(|(pair, _)| *pair);
    // Number the distinct edges in order of their first input edge.
    sorted.sort_unstable_by_key(|&(_, first)| first);
    let distinct: Vec<(usize, usize)> = sorted.iter().map(|&(pair, _)| pair).collect();
    let mut lookup: Vec<((usize, usize), usize)> = distinct
        .iter()
        .enumerate()
        .map(|(index, &pair)| (pair, index))
        .collect();
    lookup.sort_unstable();
    let edge_to_dag = oriented
        .iter()
        .map(|edge| {
            let pair = (*edge)?;
            let found = lookup.binary_search_by_key(&pair, |&(p, _)| p).ok()?;
            lookup.get(found).map(|&(_, index)| index)
        })
        .collect();
    (distinct, edge_to_dag)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const EPSILON: f64 = 1e-6;
    const DIRECTIONS: [Direction; 4] = [
        Direction::BottomToTop,
        Direction::TopToBottom,
        Direction::LeftToRight,
        Direction::RightToLeft,
    ];

    fn size(width: f64, height: f64) -> Size {
        Size { width, height }
    }

    fn graph(sizes: Vec<Size>, edges: &[(usize, usize)]) -> LayoutGraph {
        LayoutGraph {
            sizes,
            edges: edges.to_vec(),
        }
    }

    fn with_direction(direction: Direction) -> LayoutOptions {
        LayoutOptions {
            direction,
            ..LayoutOptions::default()
        }
    }

    /// A small deterministic pseudo-random generator (xorshift), for test graphs.
    struct Random(u64);

    impl Random {
        fn below(&mut self, bound: usize) -> usize {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            (self.0 % bound.max(1) as u64) as usize
        }
    }

    /// An argument-map-like graph: trees of reasons under a few conclusions,
    /// plus about 10% extra rebuttals between nearby nodes, a few in cycles.
    #[allow(clippy::needless_range_loop)]
    fn argument_map(nodes: usize, seed: u64) -> LayoutGraph {
        let mut random = Random(seed.max(1));
        let mut parent = vec![usize::MAX; nodes];
        let mut edges = Vec::new();
        for node in 1..nodes {
            if random.below(50) != 0 {
                parent[node] = random.below(node);
                edges.push((node, parent[node]));
            }
        }
        for _ in 0..nodes / 10 {
            let from = random.below(nodes);
            let mut target = from;
            for _ in 0..=random.below(3) {
                if let Some(&up) = parent.get(target) {
                    target = up;
                }
            }
            if target < nodes && target != from {
                if random.below(10) == 0 {
                    edges.push((target, from))
                } else {
                    edges.push((from, target))
                }
            }
        }
        let sizes = (0..nodes)
            .map(|_| {
                size(
                    160.0 + random.below(80) as f64,
                    40.0 + random.below(40) as f64,
                )
            })
            .collect();
        LayoutGraph { sizes, edges }
    }

    fn interiors_overlap(a: &Rect, b: &Rect) -> bool {
        a.x < b.x + b.width - EPSILON
            && b.x < a.x + a.width - EPSILON
            && a.y < b.y + b.height - EPSILON
            && b.y < a.y + a.height - EPSILON
    }

    fn on_border(p: &Point, r: &Rect) -> bool {
        let within =
            |value: f64, low: f64, high: f64| value >= low - EPSILON && value <= high + EPSILON;
        let near = |a: f64, b: f64| (a - b).abs() <= EPSILON;
        (within(p.x, r.x, r.x + r.width) && (near(p.y, r.y) || near(p.y, r.y + r.height)))
            || (within(p.y, r.y, r.y + r.height) && (near(p.x, r.x) || near(p.x, r.x + r.width)))
    }

    /// Whether the segment a–b passes through the interior of `r` (Liang–Barsky clipping).
    fn segment_enters(a: &Point, b: &Point, r: &Rect) -> bool {
        let inner = Rect {
            x: r.x + EPSILON,
            y: r.y + EPSILON,
            width: r.width - 2.0 * EPSILON,
            height: r.height - 2.0 * EPSILON,
        };
        if inner.width <= 0.0 || inner.height <= 0.0 {
            return false;
        }
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let (mut low, mut high) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-dx, a.x - inner.x),
            (dx, inner.x + inner.width - a.x),
            (-dy, a.y - inner.y),
            (dy, inner.y + inner.height - a.y),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    low = low.max(t)
                } else {
                    high = high.min(t)
                }
            }
        }
        low < high
    }

    /// Every invariant a layout promises, checked by brute force.
    fn check_invariants(graph: &LayoutGraph, layout: &Layout) {
        assert_eq!(layout.boxes.len(), graph.sizes.len());
        assert_eq!(layout.edges.len(), graph.edges.len());
        assert!(layout.width.is_finite() && layout.height.is_finite());
        assert!(layout.width >= 0.0 && layout.height >= 0.0);
        for (index, rect) in layout.boxes.iter().enumerate() {
            for value in [rect.x, rect.y, rect.width, rect.height] {
                assert!(value.is_finite(), "box {index}: {rect:?}");
            }
            assert!(
                rect.x >= -EPSILON && rect.y >= -EPSILON,
                "box {index} outside: {rect:?}"
            );
            assert!(
                rect.x + rect.width <= layout.width + EPSILON,
                "box {index} too far right: {rect:?}"
            );
            assert!(
                rect.y + rect.height <= layout.height + EPSILON,
                "box {index} too low: {rect:?}"
            );
        }
        let mut by_x: Vec<usize> = (0..layout.boxes.len()).collect();
        by_x.sort_by(|&a, &b| layout.boxes[a].x.total_cmp(&layout.boxes[b].x));
        for (position, &a) in by_x.iter().enumerate() {
            let first = &layout.boxes[a];
            for &b in &by_x[position + 1..] {
                let second = &layout.boxes[b];
                if second.x >= first.x + first.width {
                    break;
                }
                assert!(
                    !interiors_overlap(first, second),
                    "boxes {a} and {b} overlap: {first:?} {second:?}"
                );
            }
        }
        for (index, (&(from, to), route)) in graph.edges.iter().zip(&layout.edges).enumerate() {
            let valid = from != to && from < graph.sizes.len() && to < graph.sizes.len();
            assert_eq!(route.is_some(), valid, "edge {index}");
            let Some(route) = route else { continue };
            assert!(route.points.len() >= 2);
            assert!(
                route
                    .points
                    .iter()
                    .all(|p| p.x.is_finite() && p.y.is_finite())
            );
            let (first, last) = (&route.points[0], &route.points[route.points.len() - 1]);
            assert!(
                on_border(first, &layout.boxes[from]),
                "edge {index} starts off {from}: {first:?}"
            );
            assert!(
                on_border(last, &layout.boxes[to]),
                "edge {index} ends off {to}: {last:?}"
            );
        }
    }

    /// No route passes through a box other than its own two (checked for small graphs).
    fn check_routes_avoid_boxes(graph: &LayoutGraph, layout: &Layout) {
        for (index, (&(from, to), route)) in graph.edges.iter().zip(&layout.edges).enumerate() {
            let Some(route) = route else { continue };
            for pair in route.points.windows(2) {
                for (node, rect) in layout.boxes.iter().enumerate() {
                    if node != from && node != to {
                        assert!(
                            !segment_enters(&pair[0], &pair[1], rect),
                            "edge {index} cuts box {node}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn an_empty_graph_gives_an_empty_drawing() {
        let layout = layout(&LayoutGraph::default(), &LayoutOptions::default());
        assert_eq!(layout, Layout::default());
    }

    #[test]
    fn a_single_node_sits_at_the_origin() {
        for direction in DIRECTIONS {
            let layout = layout(
                &graph(vec![size(200.0, 60.0)], &[]),
                &with_direction(direction),
            );
            let expected = Rect {
                x: 0.0,
                y: 0.0,
                width: 200.0,
                height: 60.0,
            };
            assert_eq!(layout.boxes, vec![expected], "{direction:?}");
            assert_eq!((layout.width, layout.height), (200.0, 60.0));
        }
    }

    #[test]
    fn conclusions_are_on_top_and_reasons_below() {
        // 0 is the conclusion; 1 and 2 support it; 3 rebuts 1.
        let g = graph(vec![size(200.0, 60.0); 4], &[(1, 0), (2, 0), (3, 1)]);
        let layout = layout(&g, &LayoutOptions::default());
        check_invariants(&g, &layout);
        let [c, r1, r2, r3] = [0, 1, 2, 3].map(|i| layout.boxes[i]);
        assert_eq!(c.y, 0.0);
        assert_eq!(r1.y, r2.y);
        assert_eq!(r1.y, 60.0 + 56.0);
        assert!(r3.y > r1.y + r1.height);
        assert!((c.center().x - (r1.center().x + r2.center().x) / 2.0).abs() < EPSILON);
        // Arrows point up, from the top of the reason to the bottom of the claim.
        let route = layout.edges[0].as_ref().unwrap();
        assert_eq!(route.points[0].y, r1.y);
        assert_eq!(route.points.last().unwrap().y, c.y + c.height);
    }

    #[test]
    fn every_direction_keeps_edges_flowing_its_way() {
        let g = argument_map(120, 7);
        // Only the tree edges: no cycles, so no edge is reversed.
        let acyclic = graph(
            g.sizes.clone(),
            &g.edges
                .iter()
                .copied()
                .filter(|(from, to)| from > to)
                .collect::<Vec<_>>(),
        );
        for direction in DIRECTIONS {
            let layout = layout(&acyclic, &with_direction(direction));
            check_invariants(&acyclic, &layout);
            assert_eq!(layout.reversed_edges, 0);
            for &(from, to) in &acyclic.edges {
                let (a, b) = (layout.boxes[from], layout.boxes[to]);
                let flows = match direction {
                    Direction::BottomToTop => b.y + b.height < a.y,
                    Direction::TopToBottom => a.y + a.height < b.y,
                    Direction::LeftToRight => a.x + a.width < b.x,
                    Direction::RightToLeft => b.x + b.width < a.x,
                };
                assert!(flows, "{direction:?}: {from} → {to}: {a:?} {b:?}");
            }
        }
    }

    #[test]
    fn sideways_layouts_swap_the_axes() {
        let g = graph(vec![size(200.0, 60.0), size(100.0, 30.0)], &[(1, 0)]);
        let layout = layout(&g, &with_direction(Direction::LeftToRight));
        check_invariants(&g, &layout);
        assert_eq!(layout.boxes[0].width, 200.0);
        assert_eq!(layout.boxes[1].height, 30.0);
        assert_eq!(layout.width, 200.0 + 56.0 + 100.0);
        assert_eq!(layout.height, 60.0);
        let path = layout.edges[0].as_ref().unwrap().svg_path_data();
        assert!(path.starts_with("M100.0 30.0 L"), "{path}");
    }

    #[test]
    fn cycles_are_broken_and_still_drawn_from_their_source() {
        let g = graph(
            vec![size(100.0, 40.0); 3],
            &[(1, 0), (2, 1), (1, 2), (0, 0)],
        );
        let layout = layout(&g, &LayoutOptions::default());
        check_invariants(&g, &layout);
        assert_eq!(layout.reversed_edges, 1);
        assert_eq!(layout.edges[3], None);
    }

    #[test]
    fn duplicate_and_dangling_edges_are_harmless() {
        let g = graph(
            vec![size(100.0, 40.0); 2],
            &[(1, 0), (1, 0), (0, 1), (5, 0), (0, usize::MAX)],
        );
        let layout = layout(&g, &LayoutOptions::default());
        check_invariants(&g, &layout);
        assert_eq!(layout.edges[0], layout.edges[1]);
        assert_eq!(layout.edges[3], None);
        assert_eq!(layout.edges[4], None);
    }

    #[test]
    fn components_sit_side_by_side_in_input_order() {
        // Components {0, 2} and {1, 3}, plus a lone node 4.
        let g = graph(vec![size(100.0, 40.0); 5], &[(2, 0), (3, 1)]);
        let layout = layout(&g, &LayoutOptions::default());
        check_invariants(&g, &layout);
        let b = &layout.boxes;
        assert_eq!(b[0].x, 0.0);
        assert_eq!(b[1].x, 100.0 + 48.0);
        assert_eq!(b[4].x, 2.0 * (100.0 + 48.0));
        assert_eq!(layout.width, 3.0 * 100.0 + 2.0 * 48.0);
        // Conclusions of both components share the top rank.
        assert_eq!((b[0].y, b[1].y, b[4].y), (0.0, 0.0, 0.0));
    }

    #[test]
    fn routes_bend_only_between_ranks_and_avoid_boxes() {
        let g = argument_map(150, 3);
        for direction in DIRECTIONS {
            let layout = layout(&g, &with_direction(direction));
            check_invariants(&g, &layout);
            check_routes_avoid_boxes(&g, &layout);
        }
    }

    #[test]
    fn zero_sizes_and_bad_numbers_stay_finite() {
        let sizes = vec![
            size(0.0, 0.0),
            size(f64::NAN, -5.0),
            size(f64::INFINITY, 1e300),
            size(0.0, 10.0),
        ];
        let g = graph(sizes, &[(1, 0), (2, 0), (3, 1), (3, 0)]);
        let options = LayoutOptions {
            node_gap: f64::NAN,
            rank_gap: -1.0,
            component_gap: f64::INFINITY,
            ..LayoutOptions::default()
        };
        let layout = layout(&g, &options);
        check_invariants(&g, &layout);
        for route in layout.edges.iter().flatten() {
            assert!(!route.svg_path_data().contains("NaN"));
        }
    }

    #[test]
    fn layouts_are_deterministic() {
        let g = argument_map(400, 11);
        let first = layout(&g, &LayoutOptions::default());
        let second = layout(&g.clone(), &LayoutOptions::default());
        assert_eq!(format!("{first:?}"), format!("{second:?}"));
        assert_eq!(first, second);
    }

    #[test]
    fn a_tree_is_drawn_without_crossings() {
        let g = graph(
            vec![size(120.0, 50.0); 13],
            &[
                (1, 0),
                (2, 0),
                (3, 0),
                (4, 1),
                (5, 1),
                (6, 2),
                (7, 2),
                (8, 3),
                (9, 3),
                (10, 4),
                (11, 6),
                (12, 9),
            ],
        );
        let layout = layout(&g, &LayoutOptions::default());
        check_invariants(&g, &layout);
        assert_eq!(count_crossings(&layout), 0);
    }

    #[test]
    fn crossing_reduction_works_within_any_budget() {
        let g = argument_map(300, 5);
        let unlimited = layout(
            &g,
            &LayoutOptions {
                crossing_budget: u64::MAX,
                ..LayoutOptions::default()
            },
        );
        let none = layout(
            &g,
            &LayoutOptions {
                crossing_budget: 0,
                ..LayoutOptions::default()
            },
        );
        check_invariants(&g, &unlimited);
        check_invariants(&g, &none);
        assert!(count_crossings(&unlimited) <= count_crossings(&none));
    }

    #[test]
    fn a_50000_node_chain_does_not_overflow_the_stack() {
        let n = 50_000;
        let edges: Vec<(usize, usize)> = (1..n).map(|i| (i, i - 1)).collect();
        let g = graph(vec![size(200.0, 60.0); n], &edges);
        let layout = layout(&g, &LayoutOptions::default());
        assert_eq!(layout.reversed_edges, 0);
        assert_eq!(layout.boxes[n - 1].y, (n - 1) as f64 * (60.0 + 56.0));
        assert!(layout.boxes.iter().all(|b| b.x == 0.0));
    }

    #[test]
    fn a_50000_node_cycle_does_not_overflow_the_stack() {
        let n = 50_000;
        let edges: Vec<(usize, usize)> = (0..n).map(|i| (i, (i + 1) % n)).collect();
        let g = graph(vec![size(200.0, 60.0); n], &edges);
        let layout = layout(&g, &LayoutOptions::default());
        assert_eq!(layout.reversed_edges, 1);
        let long = layout
            .edges
            .iter()
            .flatten()
            .map(|route| route.points.len())
            .max();
        assert!(long.is_some_and(|points| points >= 4));
        assert!(layout.height.is_finite() && layout.width > 200.0);
    }

    fn arbitrary_graph() -> impl Strategy<Value = LayoutGraph> {
        (0usize..24).prop_flat_map(|nodes| {
            let sizes = prop::collection::vec(
                (0.0..300.0f64, 0.0..120.0f64).prop_map(|(w, h)| size(w, h)),
                nodes,
            );
            let edges =
                prop::collection::vec((0..nodes.max(1) + 1, 0..nodes.max(1)), 0..nodes * 3 + 1);
            (sizes, edges).prop_map(|(sizes, edges)| LayoutGraph { sizes, edges })
        })
    }

    fn arbitrary_direction() -> impl Strategy<Value = Direction> {
        prop::sample::select(DIRECTIONS.to_vec())
    }

    proptest! {
        #[test]
        fn any_graph_lays_out_cleanly(g in arbitrary_graph(), direction in arbitrary_direction(), gap in 0.0..40.0f64) {
            let options = LayoutOptions { direction, node_gap: gap, rank_gap: gap + 1.0, component_gap: gap, ..LayoutOptions::default() };
            let layout = layout(&g, &options);
            check_invariants(&g, &layout);
            check_routes_avoid_boxes(&g, &layout);
            for route in layout.edges.iter().flatten() {
                let data = route.svg_path_data();
                prop_assert!(data.starts_with('M') && !data.contains("NaN") && !data.contains("-0.0 ") && !data.contains("inf"));
            }
        }

        #[test]
        fn acyclic_edges_point_towards_the_conclusions(g in arbitrary_graph()) {
            let edges: Vec<(usize, usize)> = g.edges.iter().copied().filter(|(from, to)| from > to && *from < g.sizes.len()).collect();
            let g = LayoutGraph { edges, ..g };
            let layout = layout(&g, &LayoutOptions::default());
            prop_assert_eq!(layout.reversed_edges, 0);
            for &(from, to) in &g.edges {
                let (a, b) = (layout.boxes[from], layout.boxes[to]);
                prop_assert!(b.y + b.height < a.y);
            }
        }
    }
}
