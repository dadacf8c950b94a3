//! The map as a self-contained SVG diagram, laid out by argmap itself
//! ([`crate::layout`]), so that no Graphviz is needed (SPEC §3).
//!
//! The diagram is meant for reports, so it has to read at a glance:
//!
//! - **Layered, conclusions on top** (`--direction BT`, the default): every arrow runs
//!   from a reason to what it supports or rebuts. `TB`, `LR` and `RL` turn the drawing
//!   with Graphviz's `rankdir` meaning.
//! - **Kinds by colour and by a second cue** that survives greyscale printing: a claim
//!   is a rounded box with a solid border, a rebuttal a square box with a thick dashed
//!   border, evidence a square box with a folded corner (a "note"), and every box
//!   starts with its kind in capitals ("CLAIM") and the actor's name. Evidence ends
//!   with its source, and links to it when the source has a web address.
//! - **Relations by colour, line style and arrowhead**: `supports` is a solid line
//!   ending in a filled arrowhead, `rebuts` a dashed line ending in a bar (⊣).
//! - A header with the title, the description and a legend; colours from a
//!   colour-blind-safe palette ([`Theme`]).
//!
//! Boxes are sized from the real width of their text ([`crate::text`]): node text is
//! wrapped to `columns × 7 px` (7 px being about the width of an average character of
//! 14 px Liberation Sans, so `columns` characters of ordinary prose fit on a line),
//! and cut after [`MAX_BODY_LINES`] lines; the full text is always in the node's
//! `<title>` tooltip, with the actor, the source and the quote. Each line that the
//! font tables measure exactly (Latin, Greek, Cyrillic) carries its measured
//! `textLength`, so that a viewer without Liberation Sans or Arial squeezes its
//! fallback font into the box instead of spilling over the border.
//!
//! For users and tools: each node is a `<g id="node-ID" class="node KIND">` whose first
//! `<rect>` is its box, each relation a `<g class="edge RELATION">`, and every colour,
//! line style and font size comes from classes in the one `<style>` block, so a
//! stylesheet can restyle the diagram.
//!
//! Safety: user text reaches the file only through [`Escaped`], which escapes the five
//! XML specials and drops every character XML 1.0 cannot carry (control characters
//! other than tab and newline, U+FFFE, U+FFFF). There are no scripts, no
//! `foreignObject`, no event attributes and no comments; the only links are `http` and
//! `https` addresses. Output is deterministic: file order, and every number written
//! with one decimal (never `-0.0`).

mod arrange;
mod theme;

use std::fmt::{self, Write as _};

pub use theme::Theme;
use theme::{KindColours, Palette};

use super::{Focus, citation, visible_nodes};
use crate::graph::ArgumentGraph;
use crate::layout::{Direction, LayoutOptions, Point, Rect, Size};
use crate::model::{Node, NodeKind, Relation};
use crate::text::{self, FONT_FAMILY, Font};

/// Node text is wrapped to this many characters unless `--width` says otherwise.
pub const DEFAULT_COLUMNS: usize = 32;

/// The width given to one character of `--width`: a little more than an average
/// character of English prose in 14 px Liberation Sans (6.2–6.6 px).
pub const PX_PER_COLUMN: f64 = 7.0;

/// Node text is cut after this many lines (with “…”); the tooltip has all of it.
pub const MAX_BODY_LINES: usize = 12;

/// What `argmap export --format svg` can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SvgOptions {
    /// Which way arrows point; [`Direction::BottomToTop`] puts conclusions on top.
    pub direction: Direction,
    /// Node text is wrapped to `columns × PX_PER_COLUMN` px (at least 8 columns).
    pub columns: usize,
    /// Draw only part of the map.
    pub focus: Option<Focus>,
    pub theme: Theme,
}

impl Default for SvgOptions {
    fn default() -> Self {
        SvgOptions {
            direction: Direction::BottomToTop,
            columns: DEFAULT_COLUMNS,
            focus: None,
            theme: Theme::Light,
        }
    }
}

// Inside a node box.
const BODY: Font = Font::regular(14.0);
const BODY_LINE: f64 = 18.0;
const META: Font = Font::regular(11.0);
const META_BOLD: Font = Font::bold(11.0);
const META_LINE: f64 = 14.0;
const PAD_X: f64 = 12.0;
const PAD_Y: f64 = 8.0;
/// Between the kind line and the text, and between the text and the source.
const GAP: f64 = 4.0;
const MIN_INNER_WIDTH: f64 = 96.0;
/// The folded corner of evidence boxes.
const FOLD: f64 = 12.0;
const CLAIM_RADIUS: f64 = 8.0;
/// Between a `--focus` node's box and the ring around it.
const RING_GAP: f64 = 5.0;

// The layout.
const NODE_GAP: f64 = 28.0;
const RANK_GAP: f64 = 64.0;
const COMPONENT_GAP: f64 = 56.0;
/// Between the independent parts of a map, packed in rows.
const PART_GAP: f64 = 72.0;

// The page around the diagram.
const MARGIN: f64 = 32.0;
const TITLE: Font = Font::bold(22.0);
const TITLE_LINE: f64 = 28.0;
const MAX_TITLE_LINES: usize = 4;
const DESCRIPTION: Font = Font::regular(13.0);
const DESCRIPTION_LINE: f64 = 18.0;
const MAX_DESCRIPTION_LINES: usize = 10;
/// Longer lines are hard to read.
const MAX_DESCRIPTION_WIDTH: f64 = 760.0;
const NOTE: Font = Font::bold(13.0);
const LEGEND: Font = Font::regular(12.0);
const LEGEND_ROW: f64 = 20.0;
const LEGEND_SWATCH: Size = Size {
    width: 28.0,
    height: 16.0,
};
const LEGEND_LINE: f64 = 44.0;
const LEGEND_ITEM_GAP: f64 = 22.0;
const LEGEND_LABEL_GAP: f64 = 7.0;
const LEGEND_HINT: &str =
    "Arrows run from a reason to what it supports or rebuts. Evidence links to its source.";
const MIN_CONTENT_WIDTH: f64 = 480.0;

/// The SVG document for `graph`.
pub fn render(graph: &ArgumentGraph, options: &SvgOptions) -> String {
    let palette = options.theme.palette();
    let text_width = options.columns.max(8) as f64 * PX_PER_COLUMN;

    // The nodes to draw, in file order, and the relations between them.
    let visible = visible_nodes(graph, options.focus);
    let mut slot = vec![usize::MAX; graph.nodes().len()];
    let mut drawn: Vec<&Node> = Vec::new();
    for (index, node) in graph.nodes().iter().enumerate() {
        if visible.get(index).copied().unwrap_or(false)
            && let Some(slot) = slot.get_mut(index)
        {
            *slot = drawn.len();
            drawn.push(node);
        }
    }
    let relations: Vec<(usize, usize, Relation)> = graph
        .edges()
        .iter()
        .filter_map(|edge| {
            let (from, to) = (*slot.get(edge.from)?, *slot.get(edge.to)?);
            (from != usize::MAX && to != usize::MAX).then_some((from, to, edge.relation))
        })
        .collect();

    let cards: Vec<Card> = drawn
        .iter()
        .map(|node| Card::new(graph, node, text_width))
        .collect();
    let sizes: Vec<Size> = cards.iter().map(|card| card.size).collect();
    let pairs: Vec<(usize, usize)> = relations.iter().map(|&(from, to, _)| (from, to)).collect();
    let layout_options = LayoutOptions {
        direction: options.direction,
        node_gap: NODE_GAP,
        rank_gap: RANK_GAP,
        component_gap: COMPONENT_GAP,
        crossing_budget: crossing_budget(drawn.len() + relations.len()),
    };
    let placed = arrange::arrange(&sizes, &pairs, &layout_options, PART_GAP);

    let focus_note = options.focus.and_then(|focus| {
        let node = graph.node(focus.node)?;
        let reach = match focus.depth {
            0 => String::from("alone"),
            1 => String::from("and what lies within 1 relation of it"),
            depth => format!("and what lies within {depth} relations of it"),
        };
        Some(format!(
            "Showing {} {reach}: {} of {} nodes.",
            node.id.as_str(),
            drawn.len(),
            graph.nodes().len()
        ))
    });
    let header = Header::new(graph, focus_note, placed.width);
    let content_width = header.width;
    let diagram_x = MARGIN + (content_width - placed.width) / 2.0;
    let diagram_y = MARGIN + header.height;
    let width = content_width + 2.0 * MARGIN;
    let height = diagram_y + placed.height + MARGIN;

    let mut out = String::with_capacity(4096 + drawn.len() * 1200);
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" \
         xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" role=\"img\" aria-labelledby=\"map-title\">",
        w = Num(width),
        h = Num(height)
    );
    let map = graph.map();
    let _ = writeln!(
        out,
        "<title id=\"map-title\">{}</title>",
        Escaped(&map.title)
    );
    if let Some(description) = &map.description {
        let _ = writeln!(out, "<desc>{}</desc>", Escaped(description));
    }
    write_style(&mut out, &palette);
    write_markers(&mut out);
    let _ = writeln!(
        out,
        "<rect class=\"background\" x=\"0.0\" y=\"0.0\" width=\"{}\" height=\"{}\"/>",
        Num(width),
        Num(height)
    );
    header.write(&mut out, MARGIN, MARGIN);

    let _ = writeln!(
        out,
        "<g class=\"diagram\" transform=\"translate({} {})\">",
        Num(diagram_x),
        Num(diagram_y)
    );
    out.push_str("<g class=\"edges\">\n");
    let vertical = matches!(
        options.direction,
        Direction::TopToBottom | Direction::BottomToTop
    );
    for (&(from, to, relation), route) in relations.iter().zip(&placed.routes) {
        let (Some(source), Some(target)) = (drawn.get(from), drawn.get(to)) else {
            continue;
        };
        let _ = write!(
            out,
            "<g class=\"edge {relation}\"><title>{} {relation} {}</title>",
            Escaped(source.id.as_str()),
            Escaped(target.id.as_str())
        );
        if let Some(route) = route {
            out.push_str("<path d=\"");
            write_path_data(&mut out, &route.points, vertical);
            out.push_str("\"/>");
        }
        out.push_str("</g>\n");
    }
    out.push_str("</g>\n<g class=\"nodes\">\n");
    let focused = options
        .focus
        .and_then(|focus| slot.get(focus.node).copied());
    for (index, ((node, card), rect)) in drawn.iter().zip(&cards).zip(&placed.boxes).enumerate() {
        write_node(&mut out, graph, node, card, *rect, focused == Some(index));
    }
    out.push_str("</g>\n</g>\n</svg>\n");
    out
}

/// What goes in one node's box, measured.
struct Card {
    kind: &'static str,
    /// ` · ` and the actor's name, shortened to fit.
    actor: Option<String>,
    /// The width of the kind and the actor together.
    meta_width: f64,
    /// Each line with its width.
    body: Vec<(String, f64)>,
    /// `Source: ` and the citation, shortened to one line, with its width.
    footer: Option<(String, f64)>,
    size: Size,
}

impl Card {
    fn new(graph: &ArgumentGraph, node: &Node, text_width: f64) -> Card {
        let kind = match node.kind {
            NodeKind::Claim => "CLAIM",
            NodeKind::Rebuttal => "REBUTTAL",
            NodeKind::Evidence => "EVIDENCE",
        };
        // Evidence keeps the top-right corner free for its fold.
        let fold = if node.kind == NodeKind::Evidence {
            FOLD
        } else {
            0.0
        };
        let kind_width = text::text_width(kind, META_BOLD);
        let actor = graph.actor_of(node).and_then(|actor| {
            let room = text_width - fold - kind_width - text::text_width(" · ", META);
            let name = text::wrap_truncated(&actor.name, META, room, 1);
            name.into_iter().next().map(|name| format!(" · {name}"))
        });
        let meta_width = kind_width + actor.as_deref().map_or(0.0, |a| text::text_width(a, META));

        let body: Vec<(String, f64)> =
            text::wrap_truncated(&node.text, BODY, text_width, MAX_BODY_LINES)
                .into_iter()
                .map(|line| {
                    let width = text::text_width(&line, BODY);
                    (line, width)
                })
                .collect();
        let footer = citation(graph, node).and_then(|citation| {
            let line = text::wrap_truncated(&format!("Source: {citation}"), META, text_width, 1);
            let line = line.into_iter().next()?;
            let width = text::text_width(&line, META);
            Some((line, width))
        });

        let widest_body = body.iter().map(|(_, width)| *width).fold(0.0, f64::max);
        let footer_width = footer.as_ref().map_or(0.0, |(_, width)| *width);
        let inner = widest_body
            .max(meta_width + fold)
            .max(footer_width)
            .max(MIN_INNER_WIDTH);
        let footer_height = if footer.is_some() {
            GAP + META_LINE
        } else {
            0.0
        };
        let height = 2.0 * PAD_Y + META_LINE + GAP + body.len() as f64 * BODY_LINE + footer_height;
        Card {
            kind,
            actor,
            meta_width,
            body,
            footer,
            size: Size {
                width: (inner + 2.0 * PAD_X).ceil(),
                height: height.ceil(),
            },
        }
    }
}

/// One node: its group, tooltip, box, kind line, text and source, in a link to the
/// source when it has a web address.
fn write_node(
    out: &mut String,
    graph: &ArgumentGraph,
    node: &Node,
    card: &Card,
    rect: Rect,
    focused: bool,
) {
    let url = graph
        .source_of(node)
        .and_then(|source| source.url.as_deref())
        .filter(|url| is_web_url(url));
    if let Some(url) = url {
        let _ = writeln!(
            out,
            "<a href=\"{url}\" xlink:href=\"{url}\" target=\"_blank\">",
            url = Escaped(url)
        );
    }
    let _ = writeln!(
        out,
        "<g id=\"node-{}\" class=\"node {}\">",
        Escaped(node.id.as_str()),
        node.kind
    );
    write_tooltip(out, graph, node);

    let Rect {
        x,
        y,
        width,
        height,
    } = rect;
    let radius = if node.kind == NodeKind::Claim {
        CLAIM_RADIUS
    } else {
        0.0
    };
    let _ = writeln!(
        out,
        "<rect class=\"box\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/>",
        Num(x),
        Num(y),
        Num(width),
        Num(height),
        Num(radius)
    );
    if node.kind == NodeKind::Evidence {
        write_fold(out, x + width, y, FOLD);
    }
    if focused {
        let _ = writeln!(
            out,
            "<rect class=\"focus-ring\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"/>",
            Num(x - RING_GAP),
            Num(y - RING_GAP),
            Num(width + 2.0 * RING_GAP),
            Num(height + 2.0 * RING_GAP),
            Num(radius + RING_GAP)
        );
    }

    let left = x + PAD_X;
    let mut top = y + PAD_Y;
    // The kind line: bold kind, then the actor.
    let _ = write!(
        out,
        "<text class=\"meta\" x=\"{}\" y=\"{}\"",
        Num(left),
        Num(baseline(top, META_LINE, META))
    );
    if card.actor.as_deref().is_none_or(exact_metrics) {
        write_text_length(out, card.meta_width);
    }
    let _ = write!(out, "><tspan class=\"kind\">{}</tspan>", card.kind);
    if let Some(actor) = &card.actor {
        let _ = write!(out, "<tspan class=\"actor\">{}</tspan>", Escaped(actor));
    }
    out.push_str("</text>\n");
    top += META_LINE + GAP;

    for (line, width) in &card.body {
        // An empty line is a paragraph break.
        if !line.is_empty() {
            write_line(
                out,
                "body",
                left,
                baseline(top, BODY_LINE, BODY),
                line,
                *width,
            );
        }
        top += BODY_LINE;
    }
    if let Some((footer, width)) = &card.footer {
        top += GAP;
        write_line(
            out,
            "source",
            left,
            baseline(top, META_LINE, META),
            footer,
            *width,
        );
    }
    out.push_str("</g>\n");
    if url.is_some() {
        out.push_str("</a>\n");
    }
}

/// The node's `<title>`: its full text, who says it, where it comes from, the quote.
fn write_tooltip(out: &mut String, graph: &ArgumentGraph, node: &Node) {
    let _ = write!(out, "<title>{}", Escaped(&node.text));
    if let Some(actor) = graph.actor_of(node) {
        let _ = write!(out, "\n— {}", Escaped(&actor.name));
    }
    if let Some(citation) = citation(graph, node) {
        let _ = write!(out, "\nSource: {}", Escaped(&citation));
    }
    if let Some(quote) = &node.quote {
        let _ = write!(out, "\nQuote: “{}”", Escaped(quote));
    }
    out.push_str("</title>\n");
}

/// The folded top-right corner of an evidence box (or legend swatch) whose top-right
/// corner is at (`right`, `top`): first the corner is cut away in the background
/// colour, then the flap is drawn.
fn write_fold(out: &mut String, right: f64, top: f64, size: f64) {
    // The cut runs along the flap's diagonal and reaches past the border's stroke.
    let bleed = 2.0;
    let _ = writeln!(
        out,
        "<path class=\"corner\" d=\"M{} {}H{}V{}Z\"/><path class=\"fold\" d=\"M{} {}V{}H{}Z\"/>",
        Num(right - size - bleed),
        Num(top - bleed),
        Num(right + bleed),
        Num(top + size + bleed),
        Num(right - size),
        Num(top),
        Num(top + size),
        Num(right)
    );
}

/// One line of text, measured `width` px wide, in its own `<text>` element.
fn write_line(out: &mut String, class: &str, x: f64, y: f64, line: &str, width: f64) {
    let _ = write!(
        out,
        "<text class=\"{class}\" x=\"{}\" y=\"{}\"",
        Num(x),
        Num(y)
    );
    if exact_metrics(line) {
        write_text_length(out, width);
    }
    let _ = writeln!(out, ">{}</text>", Escaped(line));
}

/// SVG path data through `points`: straight where two points line up along the rank
/// axis (vertical for `TB`/`BT`), elsewhere a cubic Bézier whose ends follow the rank
/// axis. The same curves as [`crate::layout::EdgeRoute::svg_path_data`], written
/// straight into the output and after the ends were spread along their box sides.
fn write_path_data(out: &mut String, points: &[Point], vertical: bool) {
    let Some(first) = points.first() else {
        return;
    };
    let _ = write!(out, "M{} {}", Num(first.x), Num(first.y));
    for pair in points.windows(2) {
        let [a, b] = pair else { continue };
        let straight = if vertical { a.x == b.x } else { a.y == b.y };
        if straight {
            let _ = write!(out, " L{} {}", Num(b.x), Num(b.y));
        } else if vertical {
            let middle = Num((a.y + b.y) / 2.0);
            let _ = write!(
                out,
                " C{} {middle} {} {middle} {} {}",
                Num(a.x),
                Num(b.x),
                Num(b.x),
                Num(b.y)
            );
        } else {
            let middle = Num((a.x + b.x) / 2.0);
            let _ = write!(
                out,
                " C{middle} {} {middle} {} {} {}",
                Num(a.y),
                Num(b.y),
                Num(b.x),
                Num(b.y)
            );
        }
    }
}

/// The work crossing reduction may do for a drawing of `size` nodes and relations: as
/// much as every sweep needs up to a few thousand nodes (2,000 nodes and relations
/// need about 2 million), then growing more slowly, so that 10,000 nodes export in
/// under 2 s. The layout's own default (40 million) takes seconds on such maps.
fn crossing_budget(size: usize) -> u64 {
    let size = u64::try_from(size).unwrap_or(u64::MAX);
    size.saturating_mul(400)
        .saturating_add(2_000_000)
        .min(20_000_000)
}

/// Asks the viewer to draw the text exactly `width` px wide. With Liberation Sans or
/// Arial it is already that wide (give or take kerning); with another font, the text is
/// squeezed or stretched to fit the box that was measured for it.
fn write_text_length(out: &mut String, width: f64) {
    if width > 0.0 {
        let _ = write!(
            out,
            " textLength=\"{}\" lengthAdjust=\"spacingAndGlyphs\"",
            Num(width)
        );
    }
}

/// Whether the font tables measure every character of `line` exactly: Latin, IPA,
/// Greek, Cyrillic and general punctuation, which Liberation Sans and Arial have.
/// Other scripts get generous estimates, and forcing their text to an estimated length
/// would stretch it.
fn exact_metrics(line: &str) -> bool {
    line.chars()
        .all(|c| c < '\u{0530}' || ('\u{2000}'..='\u{20CF}').contains(&c))
}

/// The baseline of a line of `font` centred in a line box of `line_height` starting at
/// `top`.
fn baseline(top: f64, line_height: f64, font: Font) -> f64 {
    top + (line_height - font.ascent() - font.descent()) / 2.0 + font.ascent()
}

/// The title, description and legend above the diagram.
struct Header {
    title: Vec<String>,
    description: Vec<String>,
    focus_note: Vec<String>,
    hint: Vec<String>,
    /// The width of everything: at least the diagram's and the legend's.
    width: f64,
    /// From the top margin to the top of the diagram.
    height: f64,
}

impl Header {
    fn new(graph: &ArgumentGraph, focus_note: Option<String>, diagram_width: f64) -> Header {
        let map = graph.map();
        let width = diagram_width.max(legend_width()).max(MIN_CONTENT_WIDTH);
        let title = text::wrap_truncated(&map.title, TITLE, width, MAX_TITLE_LINES);
        let description = map.description.as_deref().map_or_else(Vec::new, |text| {
            text::wrap_truncated(
                &reflow(text),
                DESCRIPTION,
                width.min(MAX_DESCRIPTION_WIDTH),
                MAX_DESCRIPTION_LINES,
            )
        });
        let focus_note = focus_note.map_or_else(Vec::new, |note| {
            text::wrap(&note, NOTE, width.min(MAX_DESCRIPTION_WIDTH))
        });
        let hint = text::wrap(LEGEND_HINT, LEGEND, width);
        let mut header = Header {
            title,
            description,
            focus_note,
            hint,
            width,
            height: 0.0,
        };
        header.height = header.layout().diagram;
        header
    }

    /// Where each part starts, from the top margin.
    fn layout(&self) -> HeaderLayout {
        let title = 0.0;
        let mut y = self.title.len() as f64 * TITLE_LINE;
        let description = y + 6.0;
        if !self.description.is_empty() {
            y = description + self.description.len() as f64 * DESCRIPTION_LINE;
        }
        let focus_note = y + 8.0;
        if !self.focus_note.is_empty() {
            y = focus_note + self.focus_note.len() as f64 * DESCRIPTION_LINE;
        }
        let legend = y + 16.0;
        let hint = legend + LEGEND_ROW + 4.0;
        let rule = hint + self.hint.len() as f64 * DESCRIPTION_LINE + 10.0;
        HeaderLayout {
            title,
            description,
            focus_note,
            legend,
            hint,
            rule,
            diagram: rule + 32.0,
        }
    }

    fn write(&self, out: &mut String, left: f64, top: f64) {
        let at = self.layout();
        out.push_str("<g class=\"header\">\n");
        let blocks = [
            (&self.title, "title", TITLE, TITLE_LINE, at.title),
            (
                &self.description,
                "description",
                DESCRIPTION,
                DESCRIPTION_LINE,
                at.description,
            ),
            (
                &self.focus_note,
                "focus-note",
                NOTE,
                DESCRIPTION_LINE,
                at.focus_note,
            ),
        ];
        for (lines, class, font, line_height, start) in blocks {
            for (index, line) in lines.iter().enumerate() {
                if !line.is_empty() {
                    let line_top = top + start + index as f64 * line_height;
                    write_line(
                        out,
                        class,
                        left,
                        baseline(line_top, line_height, font),
                        line,
                        text::text_width(line, font),
                    );
                }
            }
        }
        out.push_str("</g>\n");
        write_legend(out, left, top + at.legend);
        for (index, line) in self.hint.iter().enumerate() {
            let line_top = top + at.hint + index as f64 * DESCRIPTION_LINE;
            write_line(
                out,
                "hint",
                left,
                baseline(line_top, DESCRIPTION_LINE, LEGEND),
                line,
                text::text_width(line, LEGEND),
            );
        }
        let _ = writeln!(
            out,
            "<path class=\"rule\" d=\"M{} {}H{}\"/>",
            Num(left),
            Num(top + at.rule),
            Num(left + self.width)
        );
    }
}

struct HeaderLayout {
    title: f64,
    description: f64,
    focus_note: f64,
    legend: f64,
    hint: f64,
    rule: f64,
    diagram: f64,
}

/// The legend's items: a swatch of each kind, then a line of each relation.
const LEGEND_KINDS: [(NodeKind, &str); 3] = [
    (NodeKind::Claim, "Claim"),
    (NodeKind::Rebuttal, "Rebuttal"),
    (NodeKind::Evidence, "Evidence"),
];
const LEGEND_RELATIONS: [Relation; 2] = [Relation::Supports, Relation::Rebuts];

fn legend_width() -> f64 {
    let kinds: f64 = LEGEND_KINDS
        .iter()
        .map(|(_, label)| LEGEND_SWATCH.width + LEGEND_LABEL_GAP + text::text_width(label, LEGEND))
        .sum();
    let relations: f64 = LEGEND_RELATIONS
        .iter()
        .map(|relation| {
            LEGEND_LINE + LEGEND_LABEL_GAP + text::text_width(relation.as_str(), LEGEND)
        })
        .sum();
    kinds + relations + 4.0 * LEGEND_ITEM_GAP
}

/// The legend row, its top-left corner at (`left`, `top`).
fn write_legend(out: &mut String, left: f64, top: f64) {
    out.push_str("<g class=\"legend\">\n");
    let middle = top + LEGEND_ROW / 2.0;
    let label_y = baseline(top, LEGEND_ROW, LEGEND);
    let mut x = left;
    for (kind, label) in LEGEND_KINDS {
        let swatch_top = middle - LEGEND_SWATCH.height / 2.0;
        let radius = if kind == NodeKind::Claim { 4.0 } else { 0.0 };
        let _ = writeln!(
            out,
            "<g class=\"{kind}\"><rect class=\"swatch\" x=\"{}\" y=\"{}\" width=\"{}\" \
             height=\"{}\" rx=\"{}\"/>",
            Num(x),
            Num(swatch_top),
            Num(LEGEND_SWATCH.width),
            Num(LEGEND_SWATCH.height),
            Num(radius)
        );
        if kind == NodeKind::Evidence {
            write_fold(out, x + LEGEND_SWATCH.width, swatch_top, 6.0);
        }
        x += LEGEND_SWATCH.width + LEGEND_LABEL_GAP;
        let width = text::text_width(label, LEGEND);
        write_line(out, "label", x, label_y, label, width);
        out.push_str("</g>\n");
        x += width + LEGEND_ITEM_GAP;
    }
    for relation in LEGEND_RELATIONS {
        let _ = writeln!(
            out,
            "<g class=\"{relation}\"><path d=\"M{} {}H{}\"/>",
            Num(x),
            Num(middle),
            Num(x + LEGEND_LINE)
        );
        x += LEGEND_LINE + LEGEND_LABEL_GAP;
        let width = text::text_width(relation.as_str(), LEGEND);
        write_line(out, "label", x, label_y, relation.as_str(), width);
        out.push_str("</g>\n");
        x += width + LEGEND_ITEM_GAP;
    }
    out.push_str("</g>\n");
}

/// The one stylesheet: every colour, line style and font size.
fn write_style(out: &mut String, palette: &Palette) {
    let Palette {
        background,
        text,
        muted,
        rule,
        supports,
        rebuts,
        focus,
        ..
    } = palette;
    let _ = write!(
        out,
        "<style>\n\
         text {{ font-family: {FONT_FAMILY}; fill: {text}; }}\n\
         .background {{ fill: {background}; }}\n\
         .title {{ font-size: 22px; font-weight: 700; }}\n\
         .description {{ font-size: 13px; fill: {muted}; }}\n\
         .focus-note {{ font-size: 13px; font-weight: 700; }}\n\
         .hint {{ font-size: 12px; fill: {muted}; }}\n\
         .legend .label {{ font-size: 12px; }}\n\
         .rule {{ fill: none; stroke: {rule}; stroke-width: 1; }}\n\
         .box, .swatch {{ stroke-width: 1.5; }}\n\
         .rebuttal > .box, .rebuttal > .swatch {{ stroke-width: 2.5; stroke-dasharray: 7 4; }}\n\
         .corner {{ fill: {background}; stroke: none; }}\n\
         .fold {{ stroke-width: 1.2; stroke-linejoin: round; }}\n\
         .meta {{ font-size: 11px; }}\n\
         .meta .kind {{ font-weight: 700; }}\n\
         .meta .actor, .source {{ fill: {muted}; }}\n\
         .source {{ font-size: 11px; }}\n\
         .body {{ font-size: 14px; }}\n\
         .focus-ring {{ fill: none; stroke: {focus}; stroke-width: 3; }}\n\
         a:hover .box {{ stroke-width: 3; }}\n\
         .edge path, .legend path {{ fill: none; stroke-width: 1.6; }}\n\
         .supports > path {{ stroke: {supports}; marker-end: url(#arrow-supports); }}\n\
         .rebuts > path {{ stroke: {rebuts}; stroke-dasharray: 6 4; marker-end: url(#arrow-rebuts); }}\n\
         #arrow-supports path {{ fill: {supports}; }}\n\
         #arrow-rebuts path {{ fill: {rebuts}; }}\n"
    );
    for (kind, colours) in [
        (NodeKind::Claim, &palette.claim),
        (NodeKind::Rebuttal, &palette.rebuttal),
        (NodeKind::Evidence, &palette.evidence),
    ] {
        let KindColours {
            fill,
            stroke,
            label,
        } = colours;
        let _ = write!(
            out,
            ".{kind} > .box, .{kind} > .swatch {{ fill: {fill}; stroke: {stroke}; }}\n\
             .{kind} > .fold {{ fill: {fill}; stroke: {stroke}; }}\n\
             .{kind} .kind {{ fill: {label}; }}\n"
        );
    }
    out.push_str("</style>\n");
}

/// The arrowheads: a filled triangle for `supports`, a bar for `rebuts`. Their size does
/// not follow the line width, so a restyled line keeps sensible heads.
fn write_markers(out: &mut String) {
    out.push_str(
        "<defs>\n\
         <marker id=\"arrow-supports\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" \
         markerUnits=\"userSpaceOnUse\" markerWidth=\"11\" markerHeight=\"11\" \
         orient=\"auto\"><path d=\"M0 0L10 5L0 10Z\"/></marker>\n\
         <marker id=\"arrow-rebuts\" viewBox=\"0 0 6 14\" refX=\"6\" refY=\"7\" \
         markerUnits=\"userSpaceOnUse\" markerWidth=\"6\" markerHeight=\"14\" \
         orient=\"auto\"><path d=\"M0 0H3V14H0Z\"/></marker>\n\
         </defs>\n",
    );
}

/// `text` with its single line breaks turned into spaces, keeping blank lines as
/// paragraph breaks: a description is usually written as a YAML block (`|`), whose
/// line breaks are the author's editor's, not the author's.
fn reflow(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut paragraph_break = false;
    for line in text.lines() {
        if line.trim().is_empty() {
            paragraph_break = !out.is_empty();
            continue;
        }
        if paragraph_break {
            out.push_str("\n\n");
            paragraph_break = false;
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(line.trim());
    }
    out
}

/// Whether `url` is an absolute `http` or `https` address. The parser allows nothing
/// else, but a link is the one thing a viewer acts on, so it is checked again.
fn is_web_url(url: &str) -> bool {
    url.split_once("://").is_some_and(|(scheme, rest)| {
        !rest.is_empty()
            && (scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https"))
    })
}

/// A number as written in the file: one decimal, never `-0.0`, 0 for what is not a
/// finite number.
struct Num(f64);

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Integer formatting: several times faster than `{:.1}` on floats, which
        // matters with a million numbers in a large map.
        let tenths = (self.0 * 10.0).round();
        if !tenths.is_finite() || tenths.abs() >= 1e17 || tenths == 0.0 {
            return f.write_str("0.0");
        }
        // In range: the cast is exact.
        let tenths = tenths as i64;
        let sign = if tenths < 0 { "-" } else { "" };
        let magnitude = tenths.unsigned_abs();
        write!(f, "{sign}{}.{}", magnitude / 10, magnitude % 10)
    }
}

/// Text for XML character data or a quoted attribute value: the five specials
/// escaped, and the characters XML 1.0 cannot carry (control characters other than tab
/// and newline, U+FFFE and U+FFFF) left out.
struct Escaped<'a>(&'a str);

impl fmt::Display for Escaped<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let special = |c: char| {
            matches!(c, '&' | '<' | '>' | '"' | '\'' | '\u{FFFE}' | '\u{FFFF}')
                || (c.is_control() && c != '\t' && c != '\n')
        };
        let mut rest = text;
        while let Some(at) = rest.find(special) {
            let (plain, tail) = rest.split_at(at);
            f.write_str(plain)?;
            let mut chars = tail.chars();
            match chars.next() {
                Some('&') => f.write_str("&amp;")?,
                Some('<') => f.write_str("&lt;")?,
                Some('>') => f.write_str("&gt;")?,
                Some('"') => f.write_str("&quot;")?,
                Some('\'') => f.write_str("&apos;")?,
                _ => {}
            }
            rest = chars.as_str();
        }
        f.write_str(rest)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_one_decimal_and_no_negative_zero() {
        assert_eq!(Num(0.0).to_string(), "0.0");
        assert_eq!(Num(-0.0).to_string(), "0.0");
        assert_eq!(Num(-0.04).to_string(), "0.0");
        assert_eq!(Num(12.345).to_string(), "12.3");
        assert_eq!(Num(-3.25).to_string(), "-3.3");
        assert_eq!(Num(f64::NAN).to_string(), "0.0");
        assert_eq!(Num(f64::INFINITY).to_string(), "0.0");
    }

    #[test]
    fn specials_are_escaped_and_control_characters_dropped() {
        assert_eq!(
            Escaped("a<b>&\"c\"'d'").to_string(),
            "a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;"
        );
        assert_eq!(
            Escaped("x\u{0}y\u{7}z\r\u{1B}[31m\u{85}\u{FFFF}").to_string(),
            "xyz[31m"
        );
        assert_eq!(Escaped("tab\there\nnext").to_string(), "tab\there\nnext");
        assert_eq!(Escaped("]]> --> <!--").to_string(), "]]&gt; --&gt; &lt;!--");
        assert_eq!(Escaped("ایران 伊朗 💣").to_string(), "ایران 伊朗 💣");
    }

    #[test]
    fn only_web_urls_are_links() {
        assert!(is_web_url("https://example.org/x"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("data:text/html,<script>"));
        assert!(!is_web_url("example.org"));
    }

    #[test]
    fn exact_metrics_only_for_scripts_in_the_font_tables() {
        assert!(exact_metrics("Khobar Towers — “quoted”, 1999"));
        assert!(exact_metrics("Ελλάδα Россия"));
        assert!(!exact_metrics("伊朗否认"));
        assert!(!exact_metrics("ایران"));
        assert!(!exact_metrics("peace 🕊"));
    }
}
