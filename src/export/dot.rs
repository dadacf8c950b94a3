//! The map as a Graphviz `digraph`, for `dot -Tsvg` and every tool that reads DOT.
//!
//! The drawing follows the conventions of argmap's own SVG, so that both look alike:
//!
//! - `rankdir=BT` and arrows from a reason to what it bears on, so conclusions end up
//!   on top;
//! - kinds by colour (Okabe–Ito, safe for colour-blind readers) *and* by shape, which
//!   survives greyscale printing: claims are rounded boxes with a solid border,
//!   rebuttals square boxes with a thick dashed border, evidence a "note" (a page with
//!   a folded corner);
//! - `supports` is a solid blue arrow, `rebuts` a dashed vermillion line ending in a
//!   bar (`arrowhead=tee`);
//! - labels wrapped to [`WRAP_COLUMNS`], followed by the actor's name and, for
//!   evidence, the source; the tooltip holds the full text, actor, source and quote.
//!
//! Everything user-written reaches the file only through [`DotString`]: every id,
//! label and attribute is a quoted string, so keywords (`node`, `edge`, `graph`) and
//! punctuation are harmless, and backslashes are doubled, so Graphviz's own escapes
//! (`\N`, `\G`, `\l`, …) cannot be triggered from a map. HTML-like labels are never
//! used: Graphviz would read files named in `<IMG SRC>`.

use std::fmt::Write as _;

use super::{Focus, visible_nodes};
use crate::graph::ArgumentGraph;
use crate::layout::Direction;
use crate::model::{Node, NodeKind, Relation};

/// Labels are wrapped to this many columns (display width, so CJK counts double),
/// unless [`Options::columns`] says otherwise.
pub const WRAP_COLUMNS: usize = 36;

/// A node's text is cut to this many characters in its label (never in its tooltip):
/// a box with a thousand lines helps no one.
const LABEL_TEXT_CHARS: usize = 600;

/// The longest quoted string argmap writes, in bytes after escaping. Graphviz has had
/// limits of 16 KiB on a string; staying well under them keeps any map renderable.
const MAX_STRING_BYTES: usize = 8 * 1024;

const FONT: &str = "Helvetica,Arial,sans-serif";

/// How a kind of node is drawn: colour and a second cue that survives greyscale.
struct KindStyle {
    shape: &'static str,
    style: &'static str,
    /// Border, from the Okabe–Ito palette.
    color: &'static str,
    /// A light tint of the border colour, so black text stays readable.
    fillcolor: &'static str,
    penwidth: &'static str,
}

fn kind_style(kind: NodeKind) -> KindStyle {
    match kind {
        NodeKind::Claim => KindStyle {
            shape: "box",
            style: "rounded,filled",
            color: "#0072B2",
            fillcolor: "#DCEAF5",
            penwidth: "1.5",
        },
        NodeKind::Rebuttal => KindStyle {
            shape: "box",
            style: "filled,dashed",
            color: "#D55E00",
            fillcolor: "#FBE4D6",
            penwidth: "2.5",
        },
        NodeKind::Evidence => KindStyle {
            shape: "note",
            style: "filled",
            color: "#009E73",
            fillcolor: "#D9F0E8",
            penwidth: "1.5",
        },
    }
}

/// How a relation is drawn: colour, line style and arrowhead.
fn relation_style(relation: Relation) -> [(&'static str, &'static str); 3] {
    match relation {
        Relation::Supports => [
            ("color", "#0072B2"),
            ("style", "solid"),
            ("arrowhead", "normal"),
        ],
        Relation::Rebuts => [
            ("color", "#D55E00"),
            ("style", "dashed"),
            ("arrowhead", "tee"),
        ],
    }
}

/// What `argmap export --format dot` can change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    pub group_by: GroupBy,
    /// Graphviz's `rankdir`; [`Direction::BottomToTop`] puts conclusions on top.
    pub direction: Direction,
    /// Labels are wrapped to this many columns.
    pub columns: usize,
    /// Only part of the map, as in the SVG export.
    pub focus: Option<Focus>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            group_by: GroupBy::Nothing,
            direction: Direction::BottomToTop,
            columns: WRAP_COLUMNS,
            focus: None,
        }
    }
}

/// How nodes are gathered into clusters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum GroupBy {
    /// No clusters.
    #[default]
    Nothing,
    /// One cluster per actor, labelled with the actor's name; nodes without an actor
    /// stay outside.
    Actor,
}

/// The DOT file for `graph`.
pub fn export(graph: &ArgumentGraph, options: &Options) -> String {
    let map = graph.map();
    let columns = options.columns.max(1);
    let visible = visible_nodes(graph, options.focus);
    let shown = |index: usize| visible.get(index).copied().unwrap_or(false);
    let nodes = || {
        graph
            .nodes()
            .iter()
            .enumerate()
            .filter(|&(index, _)| shown(index))
            .map(|(_, node)| node)
    };
    let rankdir = match options.direction {
        Direction::TopToBottom => "TB",
        Direction::BottomToTop => "BT",
        Direction::LeftToRight => "LR",
        Direction::RightToLeft => "RL",
    };
    let mut out = String::new();
    out.push_str("// An argument map, written by argmap. Render it with `dot -Tsvg FILE`.\n");
    out.push_str("digraph \"argmap\" {\n");
    let title = DotString::lines(&wrap(&map.title, 2 * columns.max(WRAP_COLUMNS)));
    let _ = writeln!(
        out,
        "  graph [label={title}, labelloc=\"t\", fontname=\"{FONT}\", fontsize=\"18\", \
         rankdir=\"{rankdir}\", nodesep=\"0.3\", ranksep=\"0.5\"];"
    );
    let _ = writeln!(
        out,
        "  node [fontname=\"{FONT}\", fontsize=\"11\", margin=\"0.15,0.08\"];"
    );
    let _ = writeln!(
        out,
        "  edge [fontname=\"{FONT}\", penwidth=\"1.4\", arrowsize=\"0.8\"];"
    );

    match options.group_by {
        GroupBy::Nothing => {
            for node in nodes() {
                write_node(&mut out, graph, node, columns, "  ");
            }
        }
        GroupBy::Actor => {
            for actor in &map.actors {
                let mut members = nodes()
                    .filter(|node| {
                        node.by
                            .as_ref()
                            .is_some_and(|by| by.value == actor.id.value)
                    })
                    .peekable();
                if members.peek().is_none() {
                    continue;
                }
                let name = DotString::text(&format!("cluster_{}", actor.id.value));
                let label = DotString::lines(&wrap(&actor.name, 2 * columns.max(WRAP_COLUMNS)));
                let _ = writeln!(out, "  subgraph {name} {{");
                let _ = writeln!(
                    out,
                    "    graph [label={label}, labeljust=\"l\", fontsize=\"13\", \
                     style=\"rounded,dashed\", color=\"#7F7F7F\", fontcolor=\"#404040\"];"
                );
                for node in members {
                    write_node(&mut out, graph, node, columns, "    ");
                }
                out.push_str("  }\n");
            }
            for node in nodes().filter(|node| graph.actor_of(node).is_none()) {
                write_node(&mut out, graph, node, columns, "  ");
            }
        }
    }

    for edge in graph.edges() {
        if !shown(edge.from) || !shown(edge.to) {
            continue;
        }
        let (Some(from), Some(to)) = (graph.node(edge.from), graph.node(edge.to)) else {
            continue;
        };
        let _ = write!(
            out,
            "  {} -> {} [class=\"{}\"",
            DotString::text(from.id.as_str()),
            DotString::text(to.id.as_str()),
            edge.relation
        );
        for (name, value) in relation_style(edge.relation) {
            let _ = write!(out, ", {name}=\"{value}\"");
        }
        out.push_str("];\n");
    }
    out.push_str("}\n");
    out
}

/// One node statement, on one line.
fn write_node(out: &mut String, graph: &ArgumentGraph, node: &Node, columns: usize, indent: &str) {
    let actor = graph.actor_of(node);
    let citation = super::citation(graph, node);
    // A block scalar (`text: |`) ends in a newline, which would be an empty last line.
    let text = node.text.trim_end();

    let mut label = wrap(&truncate_chars(text, LABEL_TEXT_CHARS), columns);
    if let Some(actor) = actor {
        label.extend(wrap(&format!("— {}", actor.name), columns));
    }
    if let Some(citation) = &citation {
        label.extend(wrap(&format!("Source: {citation}"), columns));
    }

    let mut tooltip = DotString::tooltip();
    tooltip.push_text(text);
    if let Some(actor) = actor {
        tooltip.push_break();
        tooltip.push_text(&format!("— {}", actor.name));
    }
    if let Some(citation) = &citation {
        tooltip.push_break();
        tooltip.push_text(&format!("Source: {citation}"));
    }
    if let Some(quote) = &node.quote {
        tooltip.push_break();
        tooltip.push_text(&format!("Quote: “{quote}”"));
    }

    let style = kind_style(node.kind);
    let _ = write!(
        out,
        "{indent}{} [label={}, tooltip={}, class=\"{}\", shape=\"{}\", style=\"{}\", \
         color=\"{}\", fillcolor=\"{}\", penwidth=\"{}\"",
        DotString::text(node.id.as_str()),
        DotString::lines(&label),
        tooltip.finish(),
        node.kind,
        style.shape,
        style.style,
        style.color,
        style.fillcolor,
        style.penwidth,
    );
    // A link only for a web address: the parser allows nothing else, but a link is
    // the one attribute a viewer acts on, so check again.
    if let Some(url) = graph
        .source_of(node)
        .and_then(|source| source.url.as_deref())
        .filter(|url| is_web_url(url))
    {
        // Graphviz copies `&` in a URL into its SVG unescaped, which breaks the XML;
        // the `&amp;` that DotString writes it keeps, and a browser reads it as `&`.
        let _ = write!(out, ", URL={}, target=\"_blank\"", DotString::text(url));
    }
    out.push_str("];\n");
}

/// Whether `url` is an absolute `http` or `https` address.
fn is_web_url(url: &str) -> bool {
    let scheme = url.split_once("://").map(|(scheme, _)| scheme);
    scheme.is_some_and(|scheme| {
        scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https")
    })
}

/// `text` wrapped to `columns`, one entry per line; explicit newlines are kept.
fn wrap(text: &str, columns: usize) -> Vec<String> {
    // ASCII text breaks only at spaces; the Unicode line breaker is needed (and paid
    // for) only for other scripts.
    let separator = if text.is_ascii() {
        textwrap::WordSeparator::AsciiSpace
    } else {
        textwrap::WordSeparator::new()
    };
    textwrap::wrap(
        text,
        textwrap::Options::new(columns).word_separator(separator),
    )
    .into_iter()
    .map(|line| line.into_owned())
    .collect()
}

/// `text` cut to `max` characters, with `…` when something was cut.
fn truncate_chars(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", text.get(..end).unwrap_or_default()),
        None => text.to_owned(),
    }
}

/// A DOT quoted string under construction: the only way user text reaches a DOT file.
///
/// Inside the quotes, `"` and `\` are escaped (so a literal backslash stays one, and
/// `\N` in a map never becomes a node name), `&` becomes `&amp;` (Graphviz decodes
/// character references such as `&lt;` in labels and tooltips), a newline becomes the
/// centred line break `\n`, and other control characters (which the parser refuses
/// anyway) become spaces. The string stops at [`MAX_STRING_BYTES`], on a character
/// boundary, with `…`.
///
/// Graphviz (2.43, Debian's) reads escapes in a tooltip twice, so there a backslash is
/// written as four: `\\\\N` shows `\N`, where `\\N` would show the node's id.
#[derive(Debug)]
pub struct DotString {
    quoted: String,
    full: bool,
    tooltip: bool,
}

impl DotString {
    fn new() -> Self {
        DotString {
            quoted: String::from("\""),
            full: false,
            tooltip: false,
        }
    }

    fn tooltip() -> Self {
        DotString {
            tooltip: true,
            ..DotString::new()
        }
    }

    /// `text` as a quoted string.
    pub fn text(text: &str) -> String {
        let mut string = DotString::new();
        string.push_text(text);
        string.finish()
    }

    /// `lines` as one quoted string, each line centred.
    pub fn lines<S: AsRef<str>>(lines: &[S]) -> String {
        let mut string = DotString::new();
        for (position, line) in lines.iter().enumerate() {
            if position > 0 {
                string.push_break();
            }
            string.push_text(line.as_ref());
        }
        string.finish()
    }

    fn push_text(&mut self, text: &str) {
        // Fast path: nothing to escape, and the whole text fits.
        let plain = !text
            .chars()
            .any(|c| matches!(c, '\\' | '"' | '&') || c.is_control());
        if plain && self.quoted.len() + text.len() + "…".len() < MAX_STRING_BYTES {
            self.push(text);
            return;
        }
        let mut buffer = [0; 4];
        for c in text.chars() {
            let escaped = match c {
                '\\' if self.tooltip => "\\\\\\\\",
                '\\' => "\\\\",
                '&' => "&amp;",
                '"' => "\\\"",
                '\n' => "\\n",
                '\t' => "\t",
                c if c.is_control() => " ",
                c => c.encode_utf8(&mut buffer),
            };
            if !self.push(escaped) {
                return;
            }
        }
    }

    fn push_break(&mut self) {
        self.push("\\n");
    }

    /// Appends `escaped` unless the string would grow past the limit; then it ends the
    /// string with `…` and ignores everything after.
    fn push(&mut self, escaped: &str) -> bool {
        const ELLIPSIS: &str = "…";
        if self.full {
            return false;
        }
        if self.quoted.len() + escaped.len() + ELLIPSIS.len() + 1 > MAX_STRING_BYTES {
            self.quoted.push_str(ELLIPSIS);
            self.full = true;
            return false;
        }
        self.quoted.push_str(escaped);
        true
    }

    fn finish(mut self) -> String {
        self.quoted.push('"');
        self.quoted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_and_backslashes_are_escaped() {
        assert_eq!(DotString::text(r#"say "hi""#), r#""say \"hi\"""#);
        assert_eq!(DotString::text(r"C:\dir\"), r#""C:\\dir\\""#);
        assert_eq!(DotString::text(r"\N and \l"), r#""\\N and \\l""#);
        assert_eq!(DotString::text("a\nb"), r#""a\nb""#);
        assert_eq!(DotString::text("node"), r#""node""#);
        assert_eq!(DotString::text("&amp; &#60;"), r#""&amp;amp; &amp;#60;""#);
        let mut tooltip = DotString::tooltip();
        tooltip.push_text(r"\N & \");
        assert_eq!(tooltip.finish(), r#""\\\\N &amp; \\\\""#);
    }

    #[test]
    fn control_characters_become_spaces() {
        assert_eq!(DotString::text("a\rb\u{7}c\td"), "\"a b c\td\"");
    }

    #[test]
    fn long_strings_stop_under_the_limit_on_a_character_boundary() {
        for text in ["x".repeat(20_000), "\\".repeat(20_000), "早".repeat(20_000)] {
            let quoted = DotString::text(&text);
            assert!(quoted.len() <= MAX_STRING_BYTES, "{}", quoted.len());
            assert!(quoted.ends_with("…\""));
            // No escape was cut in half: the string still ends in a real quote.
            let inner = &quoted[1..quoted.len() - 1];
            let trailing = inner.trim_end_matches('…').len()
                - inner.trim_end_matches('…').trim_end_matches('\\').len();
            assert_eq!(trailing % 2, 0);
        }
    }

    #[test]
    fn labels_are_wrapped_and_cut() {
        let lines = wrap(&truncate_chars(&"word ".repeat(400), LABEL_TEXT_CHARS), 36);
        assert!(lines.iter().all(|line| line.chars().count() <= 36));
        assert!(lines.last().unwrap().ends_with('…'));
        assert_eq!(truncate_chars("héllo", 2), "hé…");
        assert_eq!(truncate_chars("héllo", 5), "héllo");
    }

    #[test]
    fn only_web_urls_are_links() {
        assert!(is_web_url("https://example.org/x"));
        assert!(is_web_url("HTTP://example.org"));
        assert!(!is_web_url("file:///etc/passwd"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("example.org"));
    }
}
