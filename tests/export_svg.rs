//! The SVG export: every map in `maps/` (and the hostile fixture) gives well-formed,
//! safe SVG in which every node and relation can be found, boxes never overlap, the
//! same map gives the same bytes, and `--focus`, `--depth`, `--direction`, `--width`
//! and `--theme` do what they say. A property test does the same for random maps.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Output;

use argmap::export::Focus;
use argmap::export::svg::{self, SvgOptions, Theme};
use argmap::graph::ArgumentGraph;
use argmap::layout::Direction;
use argmap::model::Relation;
use argmap::source::SourceFile;
use argmap::validate;
use assert_cmd::Command;
use proptest::prelude::*;

const HOSTILE: &str = "tests/fixtures/hostile.yaml";
const FLAGSHIP: &str = "maps/us-iran-1999.yaml";

fn argmap(args: &[&str]) -> Output {
    Command::cargo_bin("argmap")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

/// The SVG of `map` with extra `args`, from the binary.
fn export(map: &str, args: &[&str]) -> String {
    let mut all = vec!["export", map, "--format", "svg"];
    all.extend_from_slice(args);
    let output = argmap(&all);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

fn graph_of_text(text: &str) -> ArgumentGraph {
    let checked = validate::check(&SourceFile::new("map.yaml", "map.yaml", text.to_owned()));
    checked
        .graph
        .unwrap_or_else(|| panic!("invalid map: {:?}", checked.diagnostics))
}

fn graph_of(path: &str) -> ArgumentGraph {
    graph_of_text(&std::fs::read_to_string(path).unwrap())
}

fn maps() -> Vec<String> {
    let mut maps: Vec<String> = argmap::source::find_maps(Path::new("maps"))
        .unwrap()
        .into_iter()
        .map(|path| path.display().to_string())
        .collect();
    assert!(maps.len() >= 2);
    maps.push(HOSTILE.to_owned());
    maps
}

/// A node box read back from the SVG.
#[derive(Debug, Clone, Copy)]
struct Box {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

/// What a drawing shows, read back from its XML.
#[derive(Debug)]
struct Drawing {
    /// Node id → (class, first rect, tooltip).
    nodes: Vec<(String, String, Box, String)>,
    /// (class, tooltip) of each edge group.
    edges: Vec<(String, String)>,
    /// Every text line, in order.
    texts: Vec<String>,
}

impl Drawing {
    fn node_ids(&self) -> BTreeSet<String> {
        self.nodes.iter().map(|(id, ..)| id.clone()).collect()
    }

    fn node_box(&self, id: &str) -> Box {
        self.nodes
            .iter()
            .find(|(node, ..)| node == id)
            .unwrap_or_else(|| panic!("no node {id}"))
            .2
    }
}

/// Parses `svg` and checks what must hold for any SVG argmap writes: well-formed,
/// no scripts, no foreign objects, no event attributes, no comments, only web links,
/// unique ids.
fn parse(svg: &str) -> Drawing {
    let document = roxmltree::Document::parse(svg).unwrap_or_else(|error| {
        panic!("not well-formed: {error}");
    });
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    for attribute in ["width", "height", "viewBox"] {
        assert!(root.attribute(attribute).is_some(), "no {attribute}");
    }
    let mut ids = BTreeSet::new();
    for node in document.descendants() {
        assert!(!node.is_comment(), "a comment: {:?}", node.text());
        assert!(!node.is_pi(), "a processing instruction");
        if !node.is_element() {
            continue;
        }
        let name = node.tag_name().name().to_ascii_lowercase();
        assert!(
            !matches!(
                name.as_str(),
                "script" | "foreignobject" | "iframe" | "image" | "use" | "animate" | "set"
            ),
            "element <{name}>"
        );
        for attribute in node.attributes() {
            let attribute_name = attribute.name().to_ascii_lowercase();
            assert!(
                !attribute_name.starts_with("on"),
                "event attribute {attribute_name}"
            );
            if attribute_name == "href" {
                let value = attribute.value();
                assert!(
                    value.starts_with("http://") || value.starts_with("https://"),
                    "link to {value}"
                );
            }
            if attribute_name == "id" {
                assert!(ids.insert(attribute.value().to_owned()), "duplicate id");
            }
        }
    }

    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let mut texts = Vec::new();
    for element in document.descendants().filter(|n| n.is_element()) {
        let class = element.attribute("class").unwrap_or_default();
        match element.tag_name().name() {
            "g" if class.starts_with("node ") => {
                let id = element.attribute("id").expect("a node without id");
                let id = id.strip_prefix("node-").expect("id starts with node-");
                let rect = element
                    .children()
                    .find(|n| n.has_tag_name("rect"))
                    .expect("a node without a rect");
                let number = |name: &str| -> f64 { rect.attribute(name).unwrap().parse().unwrap() };
                let tooltip = element
                    .children()
                    .find(|n| n.has_tag_name("title"))
                    .and_then(|n| n.text())
                    .unwrap_or_default()
                    .to_owned();
                nodes.push((
                    id.to_owned(),
                    class.to_owned(),
                    Box {
                        x: number("x"),
                        y: number("y"),
                        width: number("width"),
                        height: number("height"),
                    },
                    tooltip,
                ));
            }
            "g" if class.starts_with("edge ") => {
                let tooltip = element
                    .children()
                    .find(|n| n.has_tag_name("title"))
                    .and_then(|n| n.text())
                    .unwrap_or_default();
                edges.push((class.to_owned(), tooltip.to_owned()));
            }
            "text" => {
                let line: String = element
                    .descendants()
                    .filter_map(|n| if n.is_text() { n.text() } else { None })
                    .collect();
                texts.push(line);
            }
            _ => {}
        }
    }
    Drawing {
        nodes,
        edges,
        texts,
    }
}

/// Checks `drawing` shows exactly the nodes `shown` of `graph` (all when `None`),
/// with their kinds, tooltips and relations, in boxes that do not overlap.
fn check_drawing(graph: &ArgumentGraph, drawing: &Drawing, shown: Option<&BTreeSet<String>>) {
    let expected: Vec<_> = graph
        .nodes()
        .iter()
        .filter(|node| shown.is_none_or(|shown| shown.contains(node.id.as_str())))
        .collect();
    assert_eq!(drawing.nodes.len(), expected.len());
    for (node, (id, class, _, tooltip)) in expected.iter().zip(&drawing.nodes) {
        assert_eq!(id, node.id.as_str(), "nodes in file order");
        assert_eq!(class, &format!("node {}", node.kind));
        assert!(
            tooltip.starts_with(&node.text),
            "the tooltip of {id} lacks its text: {tooltip:?}"
        );
        if let Some(actor) = graph.actor_of(node) {
            assert!(tooltip.contains(&actor.name), "{id}: actor");
        }
        if let Some(quote) = &node.quote {
            assert!(tooltip.contains(quote.as_str()), "{id}: quote");
        }
    }
    let visible = |index: usize| {
        let id = graph.node(index).unwrap().id.as_str();
        shown.is_none_or(|shown| shown.contains(id))
    };
    let relations: Vec<(String, String)> = graph
        .edges()
        .iter()
        .filter(|edge| visible(edge.from) && visible(edge.to))
        .map(|edge| {
            let from = graph.node(edge.from).unwrap().id.as_str();
            let to = graph.node(edge.to).unwrap().id.as_str();
            (
                format!("edge {}", edge.relation),
                format!("{from} {} {to}", edge.relation),
            )
        })
        .collect();
    assert_eq!(drawing.edges, relations);

    let boxes: Vec<(&str, Box)> = drawing
        .nodes
        .iter()
        .map(|(id, _, rect, _)| (id.as_str(), *rect))
        .collect();
    for (position, (a_id, a)) in boxes.iter().enumerate() {
        assert!(a.width > 0.0 && a.height > 0.0, "{a_id}: empty box");
        for (b_id, b) in &boxes[position + 1..] {
            let apart = a.x + a.width <= b.x
                || b.x + b.width <= a.x
                || a.y + a.height <= b.y
                || b.y + b.height <= a.y;
            assert!(apart, "boxes {a_id} and {b_id} overlap: {a:?} {b:?}");
        }
    }
}

#[test]
fn every_map_gives_well_formed_svg_with_every_node_and_relation() {
    for map in maps() {
        let svg = export(&map, &[]);
        let graph = graph_of(&map);
        let drawing = parse(&svg);
        check_drawing(&graph, &drawing, None);
        // The title is drawn and is the document's title.
        let title = &graph.map().title;
        assert!(svg.contains(&format!(
            "<title id=\"map-title\">{}</title>",
            escape(title)
        )));
        // One stylesheet, naming the font the boxes were measured with.
        assert_eq!(svg.matches("<style>").count(), 1, "{map}");
        assert!(svg.contains(argmap::text::FONT_FAMILY), "{map}");
    }
}

/// XML escaping as the test expects it, written independently of the exporter.
fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

#[test]
fn hostile_text_is_escaped_and_every_text_is_present() {
    let svg = export(HOSTILE, &[]);
    let graph = graph_of(HOSTILE);
    // Every node's text is in the file, escaped, in its tooltip.
    for node in graph.nodes() {
        assert!(
            svg.contains(&escape(&node.text)),
            "{} is missing",
            node.id.as_str()
        );
    }
    // Nothing user-written opens a tag.
    assert!(!svg.contains("<script"));
    assert!(!svg.contains("</text><script>"));
    assert!(svg.contains("&lt;/text&gt;&lt;script&gt;alert(1)&lt;/script&gt;"));
    // The url with `&` is escaped in the link.
    assert!(svg.contains("href=\"https://example.org/a?b=1&amp;c=%22x%22\""));
    // No control character reaches the file.
    assert!(
        !svg.chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t'),
        "a control character"
    );
}

#[test]
fn evidence_with_a_web_source_links_to_it() {
    let svg = export(FLAGSHIP, &[]);
    let document = roxmltree::Document::parse(&svg).unwrap();
    let graph = graph_of(FLAGSHIP);
    for node in graph.nodes() {
        let url = graph.source_of(node).and_then(|s| s.url.clone());
        let group = document
            .descendants()
            .find(|n| n.attribute("id") == Some(&format!("node-{}", node.id.as_str())))
            .unwrap();
        let link = group
            .parent_element()
            .filter(|parent| parent.has_tag_name("a"))
            .and_then(|a| a.attribute("href"));
        assert_eq!(link, url.as_deref(), "{}", node.id.as_str());
    }
}

#[test]
fn same_map_same_bytes() {
    for map in maps() {
        assert_eq!(export(&map, &[]), export(&map, &[]), "{map}");
        let graph = graph_of(&map);
        let options = SvgOptions::default();
        assert_eq!(svg::render(&graph, &options), svg::render(&graph, &options));
    }
}

#[test]
fn numbers_have_one_decimal_and_never_read_minus_zero() {
    let svg = export(FLAGSHIP, &["--direction", "RL"]);
    assert!(!svg.contains("-0.0"));
    assert!(!svg.contains("NaN") && !svg.contains("\"inf") && !svg.contains("\"-inf"));
    let document = roxmltree::Document::parse(&svg).unwrap();
    for rect in document.descendants().filter(|n| n.has_tag_name("rect")) {
        for name in ["x", "y", "width", "height"] {
            let value = rect.attribute(name).unwrap();
            let (_, decimals) = value.split_once('.').expect("a decimal point");
            assert_eq!(decimals.len(), 1, "{name}={value}");
        }
    }
}

/// The nodes within `depth` relations of `id`, by a breadth-first search written here
/// independently of the library's.
fn neighbourhood(graph: &ArgumentGraph, id: &str, depth: usize) -> BTreeSet<String> {
    let start = graph.node_index(id).unwrap();
    let mut distance = vec![usize::MAX; graph.nodes().len()];
    distance[start] = 0;
    for round in 0..depth {
        for edge in graph.edges() {
            for (a, b) in [(edge.from, edge.to), (edge.to, edge.from)] {
                if distance[a] == round && distance[b] == usize::MAX {
                    distance[b] = round + 1;
                }
            }
        }
    }
    graph
        .nodes()
        .iter()
        .zip(&distance)
        .filter(|(_, d)| **d != usize::MAX)
        .map(|(node, _)| node.id.value.clone())
        .collect()
}

#[test]
fn focus_draws_exactly_the_neighbourhood() {
    let graph = graph_of(FLAGSHIP);
    let cases: &[(&str, usize)] = &[
        ("irgc-involved", 0),
        ("irgc-involved", 1),
        ("irgc-involved", 2),
        ("us-demands-commitment", 3),
        ("hardliners-hijacked", 1),
        ("iran-biased-info", 2),
        ("us-feared-leak", 20),
    ];
    for &(id, depth) in cases {
        let depth_text = depth.to_string();
        let svg = export(FLAGSHIP, &["--focus", id, "--depth", &depth_text]);
        let drawing = parse(&svg);
        let expected = neighbourhood(&graph, id, depth);
        assert_eq!(drawing.node_ids(), expected, "--focus {id} --depth {depth}");
        check_drawing(&graph, &drawing, Some(&expected));
        // The focus is marked, and the header says what is shown.
        assert_eq!(svg.matches("class=\"focus-ring\"").count(), 1);
        assert!(
            drawing.texts.iter().any(|t| t.contains(&format!(
                "{} of {} nodes",
                expected.len(),
                graph.nodes().len()
            ))),
            "{:?}",
            drawing.texts
        );
    }
    // The library agrees, and the default depth is 2.
    let index = graph.node_index("irgc-involved").unwrap();
    let ids: BTreeSet<String> = graph
        .neighbourhood(index, 2)
        .into_iter()
        .map(|i| graph.node(i).unwrap().id.value.clone())
        .collect();
    assert_eq!(ids, neighbourhood(&graph, "irgc-involved", 2));
    let svg = export(FLAGSHIP, &["--focus", "irgc-involved"]);
    assert_eq!(parse(&svg).node_ids(), ids);
}

#[test]
fn focus_applies_to_dot_too() {
    let graph = graph_of(FLAGSHIP);
    let output = argmap(&[
        "export",
        FLAGSHIP,
        "-f",
        "dot",
        "--focus",
        "hardliners-hijacked",
        "--depth",
        "1",
        "--direction",
        "LR",
    ]);
    assert!(output.status.success());
    let dot = String::from_utf8(output.stdout).unwrap();
    assert!(dot.contains("rankdir=\"LR\""));
    let expected = neighbourhood(&graph, "hardliners-hijacked", 1);
    for node in graph.nodes() {
        let statement = format!("\n  \"{}\" [label=", node.id.as_str());
        assert_eq!(
            dot.contains(&statement),
            expected.contains(node.id.as_str()),
            "{}",
            node.id.as_str()
        );
    }
}

#[test]
fn unknown_focus_is_a_usage_error_with_a_suggestion() {
    let output = argmap(&["export", FLAGSHIP, "-f", "svg", "--focus", "irgc-involvd"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("no node `irgc-involvd`"), "{stderr}");
    assert!(stderr.contains("did you mean `irgc-involved`?"), "{stderr}");

    let output = argmap(&["export", FLAGSHIP, "-f", "svg", "--focus", "iran"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is an actor"));

    // --depth needs --focus.
    let output = argmap(&["export", FLAGSHIP, "-f", "svg", "--depth", "2"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn drawing_options_are_refused_where_they_do_not_apply() {
    for (format, option, value) in [
        ("csv", "--focus", "irgc-involved"),
        ("json", "--direction", "LR"),
        ("csv", "--width", "20"),
        ("dot", "--theme", "dark"),
    ] {
        let output = argmap(&["export", FLAGSHIP, "-f", format, option, value]);
        assert_eq!(output.status.code(), Some(2), "{format} {option}");
        assert!(String::from_utf8_lossy(&output.stderr).contains("does not apply"));
    }
}

#[test]
fn every_direction_gives_valid_svg_with_arrows_flowing_its_way() {
    // The tutorial has no cycles, so every edge flows the requested way.
    let map = "maps/tutorial.yaml";
    let graph = graph_of(map);
    for direction in ["TB", "BT", "LR", "RL", "lr"] {
        let drawing = parse(&export(map, &["--direction", direction]));
        check_drawing(&graph, &drawing, None);
        for edge in graph.edges() {
            let from = drawing.node_box(graph.node(edge.from).unwrap().id.as_str());
            let to = drawing.node_box(graph.node(edge.to).unwrap().id.as_str());
            let flows = match direction {
                "BT" => to.y + to.height < from.y,
                "TB" => from.y + from.height < to.y,
                "LR" | "lr" => from.x + from.width < to.x,
                _ => to.x + to.width < from.x,
            };
            assert!(flows, "{direction}: {edge:?}");
        }
    }
    for map in maps() {
        for direction in ["TB", "LR", "RL"] {
            let drawing = parse(&export(&map, &["--direction", direction]));
            check_drawing(&graph_of(&map), &drawing, None);
        }
    }
}

#[test]
fn width_sets_how_wide_text_is_wrapped() {
    let narrow = parse(&export(FLAGSHIP, &["--width", "16"]));
    let wide = parse(&export(FLAGSHIP, &["--width", "60"]));
    let widest = |d: &Drawing| d.nodes.iter().map(|n| n.2.width).fold(0.0, f64::max);
    // 16 columns: 112 px of text, plus padding.
    assert!(widest(&narrow) <= 16.0 * svg::PX_PER_COLUMN + 40.0);
    assert!(widest(&wide) > 40.0 * svg::PX_PER_COLUMN);
    let lines = |d: &Drawing| d.texts.len();
    assert!(lines(&narrow) > lines(&wide));
    for bad in ["3", "1000", "x"] {
        let output = argmap(&["export", FLAGSHIP, "-f", "svg", "--width", bad]);
        assert_eq!(output.status.code(), Some(2), "--width {bad}");
    }
}

#[test]
fn themes_change_colours_not_structure() {
    let graph = graph_of(FLAGSHIP);
    let light = export(FLAGSHIP, &["--theme", "light"]);
    assert_eq!(light, export(FLAGSHIP, &[]));
    for theme in ["dark", "print"] {
        let svg = export(FLAGSHIP, &["--theme", theme]);
        assert_ne!(svg, light);
        check_drawing(&graph, &parse(&svg), None);
        // Only the stylesheet differs.
        let body = |s: &str| s.split("</style>").nth(1).unwrap().to_owned();
        assert_eq!(body(&svg), body(&light), "{theme}");
    }
    let print = export(FLAGSHIP, &["--theme", "print"]);
    let style = print.split("</style>").next().unwrap();
    // Greyscale: every colour has equal red, green and blue.
    for colour in style.split('#').skip(1) {
        let hex = &colour[..6];
        if hex.chars().all(|c| c.is_ascii_hexdigit()) {
            assert!(
                hex[0..2] == hex[2..4] && hex[2..4] == hex[4..6],
                "#{hex} in print"
            );
        }
    }
}

#[test]
fn an_empty_map_gives_a_header_and_no_nodes() {
    let graph = graph_of_text("argmap: 1\ntitle: Nothing yet\n");
    let svg = svg::render(&graph, &SvgOptions::default());
    let drawing = parse(&svg);
    assert!(drawing.nodes.is_empty() && drawing.edges.is_empty());
    assert!(drawing.texts.iter().any(|t| t == "Nothing yet"));
}

#[test]
fn long_text_is_cut_in_the_box_and_whole_in_the_tooltip() {
    let long = "word ".repeat(500);
    let text = format!(
        "argmap: 1\ntitle: Long\nclaims:\n  - id: a\n    text: {}\n",
        long.trim()
    );
    let graph = graph_of_text(&text);
    let drawing = parse(&svg::render(&graph, &SvgOptions::default()));
    let body_lines = drawing
        .texts
        .iter()
        .filter(|t| t.starts_with("word"))
        .count();
    assert_eq!(body_lines, svg::MAX_BODY_LINES);
    assert!(drawing.texts.iter().any(|t| t.ends_with('…')));
    assert_eq!(drawing.nodes[0].3, long.trim());
}

/// A random valid map: for each node its kind, its text, whether it has an actor,
/// and the earlier nodes it supports or rebuts.
#[derive(Debug, Clone)]
struct Plan {
    nodes: Vec<(u8, String, bool, Vec<usize>)>,
}

fn text_strategy() -> impl Strategy<Value = String> {
    // Words with XML specials, quotes, scripts of several widths, and bidi controls.
    let word = prop::sample::select(vec![
        "claim",
        "<b>",
        "&amp;",
        "\"quoted\"",
        "it's",
        "]]>",
        "-->",
        "<!--",
        "ایران",
        "伊朗",
        "💣",
        "Ελλάδα",
        "\u{202e}evil",
        "zero\u{200b}width",
        "x",
        "supercalifragilistic",
        "C:\\dir\\",
        "${x}",
        "{{y}}",
        "%s",
    ]);
    prop::collection::vec(word, 1..40).prop_map(|words| words.join(" "))
}

fn plan() -> impl Strategy<Value = Plan> {
    (1usize..30).prop_flat_map(|count| {
        let nodes = (0..count)
            .map(|index| {
                (
                    0u8..3,
                    text_strategy(),
                    any::<bool>(),
                    prop::collection::vec(0..count.max(1), 0..3),
                )
                    .prop_map(move |(kind, text, actor, targets)| {
                        let mut unique: Vec<usize> = Vec::new();
                        for target in targets {
                            if target < index && !unique.contains(&target) {
                                unique.push(target);
                            }
                        }
                        (kind, text, actor, unique)
                    })
            })
            .collect::<Vec<_>>();
        nodes.prop_map(|nodes| Plan { nodes })
    })
}

/// The YAML of `plan`: targets point at earlier nodes, so there are no support cycles;
/// rebuttals and evidence without targets get the first node (or become claims).
fn yaml(plan: &Plan) -> String {
    let quote = |text: &str| format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""));
    let mut sections: [Vec<String>; 3] = Default::default();
    for (index, (kind, text, actor, targets)) in plan.nodes.iter().enumerate() {
        let mut kind = *kind;
        if index == 0 || targets.is_empty() {
            kind = 0;
        }
        let mut entry = format!("  - id: n{index}\n    text: {}\n", quote(text));
        if *actor {
            entry.push_str("    by: actor-one\n");
        }
        let ids: Vec<String> = targets.iter().map(|t| format!("n{t}")).collect();
        match kind {
            0 if !ids.is_empty() => {
                entry.push_str(&format!("    supports: [{}]\n", ids.join(", ")));
            }
            1 => entry.push_str(&format!("    rebuts: [{}]\n", ids.join(", "))),
            2 => {
                let relation = if index % 2 == 0 { "supports" } else { "rebuts" };
                entry.push_str(&format!(
                    "    source: doc\n    quote: {}\n    {relation}: [{}]\n",
                    quote(text),
                    ids.join(", ")
                ));
            }
            _ => {}
        }
        sections[usize::from(kind)].push(entry);
    }
    let mut out = String::from(
        "argmap: 1\ntitle: \"Random <map> & 'friends'\"\ndescription: \"A \\\"random\\\" map\"\n\
         actors:\n  - id: actor-one\n    name: \"Actor <one> & co\"\n\
         sources:\n  - id: doc\n    title: \"Doc & <title>\"\n    url: \"https://example.org/?a=1&b=2&c=%3C\"\n",
    );
    for (name, entries) in ["claims", "rebuttals", "evidence"].iter().zip(&sections) {
        if !entries.is_empty() {
            out.push_str(&format!("{name}:\n"));
            for entry in entries {
                out.push_str(entry);
            }
        }
    }
    out
}

fn arbitrary_direction() -> impl Strategy<Value = Direction> {
    prop::sample::select(vec![
        Direction::BottomToTop,
        Direction::TopToBottom,
        Direction::LeftToRight,
        Direction::RightToLeft,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_valid_map_gives_well_formed_svg_with_every_node(
        plan in plan(),
        direction in arbitrary_direction(),
        columns in 8usize..60,
        theme in prop::sample::select(vec![Theme::Light, Theme::Dark, Theme::Print]),
        focus in prop::option::of((0usize..30, 0usize..4)),
    ) {
        let text = yaml(&plan);
        let graph = graph_of_text(&text);
        let focus = focus
            .filter(|(node, _)| *node < graph.nodes().len())
            .map(|(node, depth)| Focus { node, depth });
        let options = SvgOptions { direction, columns, focus, theme };
        let svg = svg::render(&graph, &options);
        let drawing = parse(&svg);
        let shown: Option<BTreeSet<String>> = focus.map(|focus| {
            let id = graph.node(focus.node).unwrap().id.value.clone();
            neighbourhood(&graph, &id, focus.depth)
        });
        check_drawing(&graph, &drawing, shown.as_ref());
        prop_assert_eq!(svg.clone(), svg::render(&graph, &options));
    }
}

#[test]
fn relations_are_told_apart_by_class_line_and_marker() {
    let svg = export(FLAGSHIP, &[]);
    let graph = graph_of(FLAGSHIP);
    for relation in [Relation::Supports, Relation::Rebuts] {
        let count = graph
            .edges()
            .iter()
            .filter(|e| e.relation == relation)
            .count();
        assert!(count > 0);
        assert_eq!(
            svg.matches(&format!("<g class=\"edge {relation}\">"))
                .count(),
            count
        );
        assert!(svg.contains(&format!("marker-end: url(#arrow-{relation})")));
        assert!(svg.contains(&format!("<marker id=\"arrow-{relation}\"")));
    }
    assert!(svg.contains("stroke-dasharray"));
}
