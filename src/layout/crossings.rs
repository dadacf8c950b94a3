//! Counting edge crossings in a finished drawing, to test and compare layouts.
//!
//! Each route is taken as the polyline through its points, and every point
//! where segments of two different routes properly cross counts once (touching
//! at an end point, as edges of one node do, does not count). Segments are
//! bucketed in a uniform grid, so only segments sharing a cell are compared.

use super::{Layout, Point};

/// The number of pairwise crossings between the edge routes of `layout`.
pub fn count_crossings(layout: &Layout) -> usize {
    let segments: Vec<Segment> = layout
        .edges
        .iter()
        .enumerate()
        .filter_map(|(edge, route)| route.as_ref().map(|route| (edge, route)))
        .flat_map(|(edge, route)| {
            route.points.windows(2).filter_map(move |pair| match pair {
                [a, b] if a != b && finite(a) && finite(b) => Some(Segment { edge, a: *a, b: *b }),
                _ => None,
            })
        })
        .collect();
    if segments.len() < 2 {
        return 0;
    }
    let grid = Grid::new(&segments);

    // (cell, segment) for every cell a segment's bounding box touches.
    let mut entries: Vec<(usize, usize)> = Vec::new();
    for (index, segment) in segments.iter().enumerate() {
        let ((x0, y0), (x1, y1)) = grid.cells(segment);
        for y in y0..=y1 {
            for x in x0..=x1 {
                entries.push((y * grid.columns + x, index));
            }
        }
    }
    entries.sort_unstable();

    let mut crossings = 0;
    for cell in entries.chunk_by(|a, b| a.0 == b.0) {
        let Some(&(cell_index, _)) = cell.first() else {
            continue;
        };
        for (position, &(_, i)) in cell.iter().enumerate() {
            for &(_, j) in cell.get(position + 1..).unwrap_or(&[]) {
                let (Some(s), Some(t)) = (segments.get(i), segments.get(j)) else {
                    continue;
                };
                if s.edge == t.edge {
                    continue;
                }
                // Count a crossing only in the one cell that holds it.
                if let Some(point) = proper_intersection(s, t)
                    && grid.owner(point, s, t) == cell_index
                {
                    crossings += 1;
                }
            }
        }
    }
    crossings
}

fn finite(point: &Point) -> bool {
    point.x.is_finite() && point.y.is_finite()
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    edge: usize,
    a: Point,
    b: Point,
}

/// The point where `s` and `t` cross, if they cross at a single point inside
/// both (not at an end point, and not overlapping).
fn proper_intersection(s: &Segment, t: &Segment) -> Option<Point> {
    let cross =
        |o: Point, p: Point, q: Point| (p.x - o.x) * (q.y - o.y) - (p.y - o.y) * (q.x - o.x);
    let (d1, d2) = (cross(s.a, s.b, t.a), cross(s.a, s.b, t.b));
    let (d3, d4) = (cross(t.a, t.b, s.a), cross(t.a, t.b, s.b));
    let opposite = |u: f64, v: f64| (u > 0.0 && v < 0.0) || (u < 0.0 && v > 0.0);
    if !(opposite(d1, d2) && opposite(d3, d4)) {
        return None;
    }
    let along = d3 / (d3 - d4);
    Some(Point {
        x: s.a.x + along * (s.b.x - s.a.x),
        y: s.a.y + along * (s.b.y - s.a.y),
    })
}

/// A uniform grid over all segments, with about one cell per segment.
struct Grid {
    left: f64,
    top: f64,
    cell: f64,
    columns: usize,
    rows: usize,
}

impl Grid {
    fn new(segments: &[Segment]) -> Grid {
        let (mut left, mut top, mut right, mut bottom) = (
            f64::INFINITY,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NEG_INFINITY,
        );
        for segment in segments {
            for point in [segment.a, segment.b] {
                left = left.min(point.x);
                right = right.max(point.x);
                top = top.min(point.y);
                bottom = bottom.max(point.y);
            }
        }
        let (width, height) = ((right - left).max(0.0), (bottom - top).max(0.0));
        let count = segments.len() as f64;
        // About `count` cells, and never more than `count + 1` along a side.
        let cell = (width * height / count)
            .sqrt()
            .max(width.max(height) / count)
            .max(1e-9);
        let side = |extent: f64| {
            ((extent / cell).floor() as usize)
                .saturating_add(1)
                .min(segments.len() + 1)
        };
        Grid {
            left,
            top,
            cell,
            columns: side(width),
            rows: side(height),
        }
    }

    fn column(&self, x: f64) -> usize {
        (((x - self.left) / self.cell).floor().max(0.0) as usize).min(self.columns - 1)
    }

    fn row(&self, y: f64) -> usize {
        (((y - self.top) / self.cell).floor().max(0.0) as usize).min(self.rows - 1)
    }

    /// The first and last cell (column, row) of a segment's bounding box.
    fn cells(&self, segment: &Segment) -> ((usize, usize), (usize, usize)) {
        let (a, b) = (segment.a, segment.b);
        (
            (self.column(a.x.min(b.x)), self.row(a.y.min(b.y))),
            (self.column(a.x.max(b.x)), self.row(a.y.max(b.y))),
        )
    }

    /// The cell that counts the crossing of `s` and `t` at `point`: the cell
    /// of the point, kept within the cells both segments were filed under.
    fn owner(&self, point: Point, s: &Segment, t: &Segment) -> usize {
        let (((sx0, sy0), (sx1, sy1)), ((tx0, ty0), (tx1, ty1))) = (self.cells(s), self.cells(t));
        let column = self
            .column(point.x)
            .clamp(sx0.max(tx0), sx1.min(tx1).max(sx0.max(tx0)));
        let row = self
            .row(point.y)
            .clamp(sy0.max(ty0), sy1.min(ty1).max(sy0.max(ty0)));
        row * self.columns + column
    }
}

#[cfg(test)]
mod tests {
    use super::super::EdgeRoute;
    use super::*;

    fn layout_with(routes: &[&[(f64, f64)]]) -> Layout {
        Layout {
            edges: routes
                .iter()
                .map(|points| {
                    Some(EdgeRoute {
                        points: points.iter().map(|&(x, y)| Point { x, y }).collect(),
                    })
                })
                .collect(),
            ..Layout::default()
        }
    }

    #[test]
    fn an_x_crosses_once() {
        assert_eq!(
            count_crossings(&layout_with(&[
                &[(0.0, 0.0), (10.0, 10.0)],
                &[(10.0, 0.0), (0.0, 10.0)]
            ])),
            1
        );
    }

    #[test]
    fn parallel_edges_do_not_cross() {
        let layout = layout_with(&[
            &[(0.0, 0.0), (0.0, 10.0)],
            &[(5.0, 0.0), (5.0, 10.0)],
            &[(0.0, 20.0), (10.0, 30.0)],
            &[(3.0, 20.0), (13.0, 30.0)],
        ]);
        assert_eq!(count_crossings(&layout), 0);
    }

    #[test]
    fn shared_end_points_and_overlaps_do_not_count() {
        let layout = layout_with(&[
            &[(0.0, 0.0), (0.0, 5.0), (10.0, 20.0)],
            &[(0.0, 0.0), (0.0, 5.0), (-10.0, 20.0)],
            &[(0.0, 0.0), (0.0, 5.0), (-10.0, 20.0)],
        ]);
        assert_eq!(count_crossings(&layout), 0);
    }

    #[test]
    fn polylines_crossing_twice_count_twice_and_own_segments_never() {
        let zigzag: &[(f64, f64)] = &[(0.0, 0.0), (10.0, 10.0), (0.0, 20.0), (10.0, 30.0)];
        let straight: &[(f64, f64)] = &[(5.0, -5.0), (5.0, 35.0)];
        assert_eq!(count_crossings(&layout_with(&[zigzag, straight])), 3);
        assert_eq!(count_crossings(&layout_with(&[zigzag])), 0);
    }

    #[test]
    fn many_crossings_are_each_counted_once() {
        // n lines from the top row to the reversed bottom row: all pairs cross.
        let n = 60;
        let routes: Vec<Vec<(f64, f64)>> = (0..n)
            .map(|i| vec![(i as f64 * 7.0, 0.0), ((n - 1 - i) as f64 * 7.0, 100.0)])
            .collect();
        let slices: Vec<&[(f64, f64)]> = routes.iter().map(Vec::as_slice).collect();
        // Lines through the common midpoint meet at one point: perturb to keep
        // crossings distinct is unnecessary, since pairs are counted, not points.
        assert_eq!(count_crossings(&layout_with(&slices)), n * (n - 1) / 2);
    }
}
