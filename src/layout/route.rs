//! Edge routing: the path of each edge, and its SVG path data.
//!
//! Each rank is a horizontal band as deep as its deepest box; between bands
//! runs a free channel `rank_gap` deep. A route leaves its upper box from the
//! middle of its bottom side and goes straight down to just inside the next
//! channel, crosses the channel, runs straight down through each rank it passes
//! (at the place its dummy node reserved there), and so on to the middle of the
//! top side of its lower box. Straight runs inside bands only ever pass through
//! the edge's own box or its own dummy's slot, and the curves between them stay
//! inside their channel, so edges do not cut through boxes.
//!
//! This module works in the internal top-to-bottom frame; the caller turns
//! the points into the requested direction afterwards.

use std::fmt::Write as _;

use super::{EdgeRoute, Extent, Point, Rect};

/// The band of each rank along the depth axis.
#[derive(Debug, Clone, Default)]
pub(super) struct Bands {
    top: Vec<f64>,
    depth: Vec<f64>,
}

impl Bands {
    /// Bands deep enough for the deepest box of each rank, `rank_gap` apart.
    pub(super) fn new(ranks: &[usize], extents: &[Extent], rank_gap: f64) -> Bands {
        let rank_count = ranks.iter().max().map_or(0, |&rank| rank + 1);
        let mut depth = vec![0.0_f64; rank_count];
        for (&rank, extent) in ranks.iter().zip(extents) {
            if let Some(band) = depth.get_mut(rank) {
                *band = band.max(extent.depth);
            }
        }
        let mut top = Vec::with_capacity(rank_count);
        let mut next = 0.0;
        for band in &depth {
            top.push(next);
            next += band + rank_gap;
        }
        Bands { top, depth }
    }

    pub(super) fn top(&self, rank: usize) -> f64 {
        self.top.get(rank).copied().unwrap_or(0.0)
    }

    pub(super) fn bottom(&self, rank: usize) -> f64 {
        self.top(rank) + self.depth.get(rank).copied().unwrap_or(0.0)
    }

    /// The depth of the whole drawing: down to the bottom of the last band.
    pub(super) fn total_depth(&self) -> f64 {
        self.bottom(self.top.len().saturating_sub(1))
    }

    /// The box of a node centred at `center` along rank `rank`, centred in its band.
    pub(super) fn place(&self, center: f64, rank: usize, extent: Extent) -> Rect {
        let band = self.depth.get(rank).copied().unwrap_or(0.0);
        Rect {
            x: center - extent.breadth / 2.0,
            y: self.top(rank) + (band - extent.depth) / 2.0,
            width: extent.breadth,
            height: extent.depth,
        }
    }
}

/// The points of an edge from its upper box (and rank) down to its lower box,
/// through its dummies (`(x, rank)` each, from the top down). `stub` is how far
/// the straight runs reach into each channel before the curve begins.
pub(super) fn chain_points(
    (upper, upper_rank): (&Rect, usize),
    (lower, lower_rank): (&Rect, usize),
    dummies: impl Iterator<Item = (f64, usize)>,
    bands: &Bands,
    stub: f64,
) -> Vec<Point> {
    let (upper_x, lower_x) = (upper.center().x, lower.center().x);
    let mut points = vec![
        Point {
            x: upper_x,
            y: upper.y + upper.height,
        },
        Point {
            x: upper_x,
            y: bands.bottom(upper_rank) + stub,
        },
    ];
    for (x, rank) in dummies {
        points.push(Point {
            x,
            y: bands.top(rank) - stub,
        });
        points.push(Point {
            x,
            y: bands.bottom(rank) + stub,
        });
    }
    points.push(Point {
        x: lower_x,
        y: bands.top(lower_rank) - stub,
    });
    points.push(Point {
        x: lower_x,
        y: lower.y,
    });

    // Drop repeated points and the inner points of straight vertical runs.
    let mut route: Vec<Point> = Vec::with_capacity(points.len());
    let last = points.len().saturating_sub(1);
    for (index, point) in points.into_iter().enumerate() {
        // (Keep the last point even if it repeats: a route has two ends.)
        if route.last() == Some(&point) && (index < last || route.len() > 1) {
            continue;
        }
        if let [.., a, b] = route.as_slice()
            && a.x == b.x
            && b.x == point.x
        {
            route.pop();
        }
        route.push(point);
    }
    route
}

impl EdgeRoute {
    /// SVG path data through the points: straight where two points line up
    /// along the rank axis, elsewhere a cubic Bézier whose tangents at both
    /// ends follow the rank axis (so the path is smooth and stays between the
    /// two points' ranks). Numbers have one decimal, and never read "-0.0".
    pub fn svg_path_data(&self) -> String {
        let Some(first) = self.points.first() else {
            return String::new();
        };
        let vertical = ranks_are_vertical(&self.points);
        let mut data = String::with_capacity(self.points.len() * 40);
        let _ = write!(data, "M{} {}", Number(first.x), Number(first.y));
        for pair in self.points.windows(2) {
            let [a, b] = pair else { continue };
            let straight = if vertical { a.x == b.x } else { a.y == b.y };
            if straight {
                let _ = write!(data, " L{} {}", Number(b.x), Number(b.y));
            } else if vertical {
                let middle = Number((a.y + b.y) / 2.0);
                let _ = write!(
                    data,
                    " C{} {middle} {} {middle} {} {}",
                    Number(a.x),
                    Number(b.x),
                    Number(b.x),
                    Number(b.y)
                );
            } else {
                let middle = Number((a.x + b.x) / 2.0);
                let _ = write!(
                    data,
                    " C{middle} {} {middle} {} {} {}",
                    Number(a.y),
                    Number(b.y),
                    Number(b.x),
                    Number(b.y)
                );
            }
        }
        data
    }
}

/// Whether the ranks of a route are stacked vertically (so edges run up or
/// down). Routes from `layout` begin with a straight run along the rank axis,
/// which tells; for other point lists, the larger overall extent decides.
fn ranks_are_vertical(points: &[Point]) -> bool {
    for pair in points.windows(2) {
        let [a, b] = pair else { continue };
        if a.x == b.x && a.y != b.y {
            return true;
        }
        if a.y == b.y && a.x != b.x {
            return false;
        }
    }
    let (across, along) = points
        .windows(2)
        .fold((0.0, 0.0), |(dx, dy), pair| match pair {
            [a, b] => (dx + (b.x - a.x).abs(), dy + (b.y - a.y).abs()),
            _ => (dx, dy),
        });
    along >= across
}

/// A coordinate written with one decimal; never "-0.0", and 0 if not finite.
struct Number(f64);

impl std::fmt::Display for Number {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let rounded = (self.0 * 10.0).round() / 10.0 + 0.0;
        let value = if rounded.is_finite() { rounded } else { 0.0 };
        write!(formatter, "{value:.1}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn extent(breadth: f64, depth: f64) -> Extent {
        Extent { breadth, depth }
    }

    #[test]
    fn bands_fit_the_deepest_box_of_each_rank() {
        let bands = Bands::new(
            &[0, 1, 1, 2],
            &[
                extent(1.0, 10.0),
                extent(1.0, 30.0),
                extent(1.0, 20.0),
                extent(1.0, 0.0),
            ],
            5.0,
        );
        assert_eq!((bands.top(0), bands.bottom(0)), (0.0, 10.0));
        assert_eq!((bands.top(1), bands.bottom(1)), (15.0, 45.0));
        assert_eq!((bands.top(2), bands.bottom(2)), (50.0, 50.0));
        assert_eq!(bands.total_depth(), 50.0);
        // A shallow box is centred in its band.
        assert_eq!(
            bands.place(100.0, 1, extent(40.0, 20.0)),
            Rect {
                x: 80.0,
                y: 20.0,
                width: 40.0,
                height: 20.0
            }
        );
        assert_eq!(Bands::new(&[], &[], 5.0).total_depth(), 0.0);
    }

    #[test]
    fn a_route_runs_straight_through_bands_and_bends_in_channels() {
        let bands = Bands::new(
            &[0, 1, 2],
            &[extent(10.0, 10.0), extent(10.0, 20.0), extent(10.0, 10.0)],
            40.0,
        );
        let upper = bands.place(0.0, 0, extent(10.0, 10.0));
        let lower = bands.place(100.0, 2, extent(10.0, 10.0));
        let points = chain_points(
            (&upper, 0),
            (&lower, 2),
            [(50.0, 1)].into_iter(),
            &bands,
            5.0,
        );
        let expected = [
            (0.0, 10.0),
            (0.0, 15.0),
            (50.0, 45.0),
            (50.0, 75.0),
            (100.0, 105.0),
            (100.0, 110.0),
        ];
        let got: Vec<(f64, f64)> = points.iter().map(|p| (p.x, p.y)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn straight_runs_collapse_to_their_ends() {
        let bands = Bands::new(&[0, 1, 2], &[extent(10.0, 10.0); 3], 40.0);
        let upper = bands.place(7.0, 0, extent(10.0, 10.0));
        let lower = bands.place(7.0, 2, extent(10.0, 10.0));
        let points = chain_points(
            (&upper, 0),
            (&lower, 2),
            [(7.0, 1)].into_iter(),
            &bands,
            5.0,
        );
        assert_eq!(
            points,
            vec![Point { x: 7.0, y: 10.0 }, Point { x: 7.0, y: 100.0 }]
        );
    }

    #[test]
    fn path_data_is_smooth_and_fixed_precision() {
        let route = EdgeRoute {
            points: vec![
                Point { x: 0.0, y: 10.0 },
                Point { x: 0.0, y: 15.0 },
                Point { x: 50.04, y: 45.0 },
                Point { x: 50.04, y: 75.0 },
            ],
        };
        assert_eq!(
            route.svg_path_data(),
            "M0.0 10.0 L0.0 15.0 C0.0 30.0 50.0 30.0 50.0 45.0 L50.0 75.0"
        );
        let sideways = EdgeRoute {
            points: vec![
                Point { x: 10.0, y: 0.0 },
                Point { x: 20.0, y: 0.0 },
                Point { x: 60.0, y: -0.04 },
            ],
        };
        assert_eq!(
            sideways.svg_path_data(),
            "M10.0 0.0 L20.0 0.0 C40.0 0.0 40.0 0.0 60.0 0.0"
        );
        assert_eq!(EdgeRoute::default().svg_path_data(), "");
    }

    #[test]
    fn numbers_never_read_minus_zero() {
        assert_eq!(Number(-0.0).to_string(), "0.0");
        assert_eq!(Number(-0.04).to_string(), "0.0");
        assert_eq!(Number(-0.06).to_string(), "-0.1");
        assert_eq!(Number(12.345).to_string(), "12.3");
        assert_eq!(Number(f64::NAN).to_string(), "0.0");
    }
}
