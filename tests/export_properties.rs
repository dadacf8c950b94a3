//! Property tests on generated maps with hostile text: a valid map validates clean
//! and every export reads back to the map it came from. SVG is parsed as XML and holds
//! every node's text; CSV is read back cell for cell; JSON field by field; DOT goes
//! through Graphviz's `dot` where it is installed. (Invalid maps caught at the right
//! line: `tests/validate_properties.rs`.)

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::process::{Command, Stdio};

use argmap::export::{csv, dot, json, svg};
use argmap::graph::ArgumentGraph;
use argmap::source::SourceFile;
use argmap::validate;
use proptest::prelude::*;
use serde_json::Value;

/// Pieces of text that have broken exporters somewhere: markup, comment and CDATA
/// ends, quotes, formula starters, Graphviz escapes and keywords, bidirectional
/// overrides, zero-width characters, emoji sequences, right-to-left scripts.
const HOSTILE: &[&str] = &[
    "</text><script>alert(1)</script>",
    "]]>",
    "<!--",
    "-->",
    "&amp; &lt; & <",
    "\"quoted\" 'single'",
    "=HYPERLINK(\"http://x\",\"y\")",
    "+1",
    "-1",
    "@SUM(A1)",
    "\tleading tab",
    "\\N \\G \\L \\l \\n \\",
    "\"; node [shape=box]; \"",
    "} digraph { a -> b",
    "<b>bold</b>",
    "\u{202E}override\u{202C}",
    "\u{2066}isolate\u{2069}",
    "zero\u{200B}width\u{200D}joiner\u{FEFF}",
    "👩‍👩‍👧‍👦 👍🏽 🏳️‍🌈",
    "e\u{301}\u{302}\u{303}",
    "سلام دنیا",
    "שלום",
    "中文字符",
    "line one\nline two",
    "a:b #c",
    "- item",
    "{ flow: map }",
    "null",
    "~",
];

/// Text for a field: hostile pieces and arbitrary characters (not the control
/// characters argmap refuses, E017), never blank.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(HOSTILE).prop_map(str::to_owned),
        2 => "[a-zA-Z0-9 ,.]{1,20}",
        1 => any::<String>().prop_map(|text| {
            text.chars()
                .filter(|&c| !(c.is_control() && c != '\t' && c != '\n'))
                .filter(|&c| !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
                .collect()
        }),
    ];
    proptest::collection::vec(piece, 1..4).prop_map(|pieces| {
        let text = pieces.join(" ");
        if text.trim().is_empty() {
            format!("x{text}")
        } else {
            text
        }
    })
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    Claim,
    Rebuttal,
    Evidence,
}

#[derive(Clone, Debug)]
struct GenNode {
    id: String,
    kind: Kind,
    text: String,
    by: Option<String>,
    source: Option<String>,
    quote: Option<String>,
    tags: Vec<String>,
    supports: Vec<String>,
    rebuts: Vec<String>,
    note: Option<String>,
}

#[derive(Clone, Debug)]
struct GenMap {
    title: String,
    description: Option<String>,
    /// (id, name)
    actors: Vec<(String, String)>,
    /// (id, title, url)
    sources: Vec<(String, String, Option<String>)>,
    nodes: Vec<GenNode>,
}

/// Ids include Graphviz's keywords and every character an id may hold.
fn node_id(index: usize) -> String {
    match index {
        0 => "node".to_owned(),
        1 => "edge".to_owned(),
        2 => "graph".to_owned(),
        3 => "subgraph".to_owned(),
        _ => format!("n{index}.v-{}_x", index % 7),
    }
}

/// Raw choices for one node, resolved against the whole map in [`map`].
type NodePlan = (
    u8,
    String,
    Option<usize>,
    Option<String>,
    Vec<String>,
    Vec<usize>,
    Vec<usize>,
    Option<String>,
);

fn map() -> impl Strategy<Value = GenMap> {
    (1usize..24, 0usize..4, 0usize..4).prop_flat_map(|(count, actors, sources)| {
        let node: BoxedStrategy<NodePlan> = (
            0u8..3,
            text(),
            proptest::option::of(0..8usize),
            proptest::option::of(text()),
            proptest::collection::vec(text(), 0..3),
            proptest::collection::vec(0..count, 0..3),
            proptest::collection::vec(0..count, 0..3),
            proptest::option::of(text()),
        )
            .boxed();
        (
            text(),
            proptest::option::of(text()),
            proptest::collection::vec(text(), actors),
            proptest::collection::vec((text(), any::<bool>()), sources),
            proptest::collection::vec(node, count),
        )
            .prop_map(|(title, description, actors, sources, plans)| {
                let actors: Vec<(String, String)> = actors
                    .into_iter()
                    .enumerate()
                    .map(|(index, name)| (format!("actor-{index}"), name))
                    .collect();
                let sources: Vec<(String, String, Option<String>)> = sources
                    .into_iter()
                    .enumerate()
                    .map(|(index, (title, url))| {
                        let url = url.then(|| format!("https://example.org/{index}?q=a&b='c'#x"));
                        (format!("source-{index}"), title, url)
                    })
                    .collect();
                let nodes = plans
                    .into_iter()
                    .enumerate()
                    .map(|(index, plan)| resolve(index, plan, &actors, &sources))
                    .collect();
                GenMap {
                    title,
                    description,
                    actors,
                    sources,
                    nodes,
                }
            })
    })
}

/// One node of a valid map: supports point at earlier nodes (no support cycles),
/// nothing points at itself or is both supported and rebutted, a rebuttal rebuts
/// something, evidence has a source and bears on something.
fn resolve(
    index: usize,
    plan: NodePlan,
    actors: &[(String, String)],
    sources: &[(String, String, Option<String>)],
) -> GenNode {
    let (kind, text, actor, quote, tags, supports, rebuts, note) = plan;
    let mut supports: Vec<usize> = supports.into_iter().filter(|&t| t < index).collect();
    supports.dedup();
    let mut rebuts: Vec<usize> = rebuts
        .into_iter()
        .filter(|&t| t != index && !supports.contains(&t))
        .collect();
    rebuts.sort_unstable();
    rebuts.dedup();
    supports.sort_unstable();
    supports.dedup();
    let kind = match kind {
        1 if !rebuts.is_empty() => Kind::Rebuttal,
        2 if !sources.is_empty() && (!supports.is_empty() || !rebuts.is_empty()) => Kind::Evidence,
        _ => Kind::Claim,
    };
    let source = match (&kind, actor) {
        (Kind::Evidence, pick) => Some(sources[pick.unwrap_or(0) % sources.len()].0.clone()),
        (_, Some(pick)) if !sources.is_empty() && pick % 2 == 0 => {
            Some(sources[pick % sources.len()].0.clone())
        }
        _ => None,
    };
    GenNode {
        id: node_id(index),
        kind,
        text,
        by: actor
            .filter(|_| !actors.is_empty())
            .map(|pick| actors[pick % actors.len()].0.clone()),
        source,
        quote,
        tags,
        supports: supports.into_iter().map(node_id).collect(),
        rebuts: rebuts.into_iter().map(node_id).collect(),
        note,
    }
}

/// A YAML double-quoted scalar holding exactly `text`.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\u{80}'..='\u{9F}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' => {
                out.push_str(&format!("\\u{:04X}", u32::from(c)));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

impl GenMap {
    fn yaml(&self) -> String {
        let mut yaml = format!("argmap: 1\ntitle: {}\n", quoted(&self.title));
        if let Some(description) = &self.description {
            yaml += &format!("description: {}\n", quoted(description));
        }
        if !self.actors.is_empty() {
            yaml += "actors:\n";
            for (id, name) in &self.actors {
                yaml += &format!("  - id: {id}\n    name: {}\n", quoted(name));
            }
        }
        if !self.sources.is_empty() {
            yaml += "sources:\n";
            for (id, title, url) in &self.sources {
                yaml += &format!("  - id: {id}\n    title: {}\n", quoted(title));
                if let Some(url) = url {
                    yaml += &format!("    url: {}\n", quoted(url));
                }
            }
        }
        for (section, kind) in [
            ("claims", Kind::Claim),
            ("rebuttals", Kind::Rebuttal),
            ("evidence", Kind::Evidence),
        ] {
            let nodes: Vec<&GenNode> = self.nodes.iter().filter(|n| n.kind == kind).collect();
            if nodes.is_empty() {
                continue;
            }
            yaml += &format!("{section}:\n");
            for node in nodes {
                yaml += &format!("  - id: {}\n    text: {}\n", node.id, quoted(&node.text));
                for (key, value) in [("by", &node.by), ("source", &node.source)] {
                    if let Some(value) = value {
                        yaml += &format!("    {key}: {value}\n");
                    }
                }
                for (key, value) in [("quote", &node.quote), ("note", &node.note)] {
                    if let Some(value) = value {
                        yaml += &format!("    {key}: {}\n", quoted(value));
                    }
                }
                if !node.tags.is_empty() {
                    let tags: Vec<String> = node.tags.iter().map(|tag| quoted(tag)).collect();
                    yaml += &format!("    tags: [{}]\n", tags.join(", "));
                }
                for (key, targets) in [("supports", &node.supports), ("rebuts", &node.rebuts)] {
                    if !targets.is_empty() {
                        yaml += &format!("    {key}: [{}]\n", targets.join(", "));
                    }
                }
            }
        }
        yaml
    }

    /// The nodes in the order argmap keeps them: claims, rebuttals, evidence, each in
    /// file order.
    fn nodes_in_file_order(&self) -> Vec<&GenNode> {
        let mut nodes: Vec<&GenNode> = Vec::new();
        for kind in [Kind::Claim, Kind::Rebuttal, Kind::Evidence] {
            nodes.extend(self.nodes.iter().filter(|node| node.kind == kind));
        }
        nodes
    }

    fn kind_name(kind: &Kind) -> &'static str {
        match kind {
            Kind::Claim => "claim",
            Kind::Rebuttal => "rebuttal",
            Kind::Evidence => "evidence",
        }
    }
}

fn graph_of(map: &GenMap) -> ArgumentGraph {
    let yaml = map.yaml();
    let checked = validate::check(&SourceFile::new("gen.yaml", "gen.yaml", yaml.clone()));
    let errors: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.severity() == argmap::diagnostic::Severity::Error)
        .map(|d| format!("{}: {}", d.code.as_str(), d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:?}\n{yaml}");
    checked.graph.unwrap()
}

/// A CSV cell as the export writes it, with the formula guard.
fn guarded(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn json_reads_back_into_the_same_map(map in map()) {
        let graph = graph_of(&map);
        let document: Value = serde_json::from_slice(&json::export(&graph).unwrap()).unwrap();
        prop_assert_eq!(document["title"].as_str(), Some(map.title.as_str()));
        prop_assert_eq!(document["description"].as_str(), map.description.as_deref());
        let actors: Vec<(String, String)> = document["actors"].as_array().unwrap().iter()
            .map(|a| (a["id"].as_str().unwrap().to_owned(), a["name"].as_str().unwrap().to_owned()))
            .collect();
        prop_assert_eq!(actors, map.actors.clone());
        let sources: Vec<(String, String, Option<String>)> = document["sources"].as_array().unwrap().iter()
            .map(|s| (
                s["id"].as_str().unwrap().to_owned(),
                s["title"].as_str().unwrap().to_owned(),
                s["url"].as_str().map(str::to_owned),
            ))
            .collect();
        prop_assert_eq!(sources, map.sources.clone());
        let nodes = document["nodes"].as_array().unwrap();
        let expected = map.nodes_in_file_order();
        prop_assert_eq!(nodes.len(), expected.len());
        let strings = |value: &Value| -> Vec<String> {
            value.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_owned()).collect()
        };
        for (node, want) in nodes.iter().zip(expected) {
            prop_assert_eq!(node["id"].as_str(), Some(want.id.as_str()));
            prop_assert_eq!(node["kind"].as_str(), Some(GenMap::kind_name(&want.kind)));
            prop_assert_eq!(node["text"].as_str(), Some(want.text.as_str()));
            prop_assert_eq!(node["by"].as_str(), want.by.as_deref());
            prop_assert_eq!(node["source"].as_str(), want.source.as_deref());
            prop_assert_eq!(node["quote"].as_str(), want.quote.as_deref());
            prop_assert_eq!(node["note"].as_str(), want.note.as_deref());
            prop_assert_eq!(strings(&node["tags"]), want.tags.clone());
            prop_assert_eq!(strings(&node["supports"]), want.supports.clone());
            prop_assert_eq!(strings(&node["rebuts"]), want.rebuts.clone());
        }
    }

    #[test]
    fn csv_reads_back_cell_for_cell(map in map()) {
        let graph = graph_of(&map);
        let bytes = csv::export(&graph, &csv::Options::default()).unwrap();
        let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
        let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        let expected = map.nodes_in_file_order();
        prop_assert_eq!(rows.len(), expected.len());
        for (row, want) in rows.iter().zip(expected) {
            let cell = |column: usize| row.get(column).unwrap().to_owned();
            prop_assert_eq!(cell(0), guarded(&want.id));
            prop_assert_eq!(cell(1), GenMap::kind_name(&want.kind));
            prop_assert_eq!(cell(2), guarded(&want.text));
            prop_assert_eq!(cell(3), want.by.clone().unwrap_or_default());
            prop_assert_eq!(cell(5), guarded(want.quote.as_deref().unwrap_or_default()));
            prop_assert_eq!(cell(8), guarded(&want.tags.join("; ")));
            prop_assert_eq!(cell(9), want.supports.join("; "));
            prop_assert_eq!(cell(10), want.rebuts.join("; "));
        }

        let options = csv::Options { table: csv::Table::Edges, ..csv::Options::default() };
        let bytes = csv::export(&graph, &options).unwrap();
        let mut reader = ::csv::Reader::from_reader(bytes.as_slice());
        let mut edges: Vec<[String; 3]> = reader
            .records()
            .map(|r| {
                let r = r.unwrap();
                [r[0].to_owned(), r[1].to_owned(), r[2].to_owned()]
            })
            .collect();
        let mut expected: Vec<[String; 3]> = Vec::new();
        for node in map.nodes_in_file_order() {
            for (relation, targets) in [("supports", &node.supports), ("rebuts", &node.rebuts)] {
                for target in targets {
                    expected.push([node.id.clone(), relation.to_owned(), target.clone()]);
                }
            }
        }
        edges.sort();
        expected.sort();
        prop_assert_eq!(edges, expected);
    }

    #[test]
    fn svg_is_well_formed_xml_with_every_node_text(map in map()) {
        let graph = graph_of(&map);
        for theme in [svg::Theme::Light, svg::Theme::Dark] {
            let options = svg::SvgOptions { theme, ..svg::SvgOptions::default() };
            let svg = svg::render(&graph, &options);
            let document = roxmltree::Document::parse(&svg).unwrap();
            let mut titles: BTreeMap<String, String> = BTreeMap::new();
            for element in document.descendants().filter(|n| n.is_element()) {
                let name = element.tag_name().name();
                prop_assert!(name != "script" && name != "foreignObject", "{}", name);
                for attribute in element.attributes() {
                    prop_assert!(!attribute.name().starts_with("on"), "{}", attribute.name());
                }
                if let Some(id) = element.attribute("id").and_then(|id| id.strip_prefix("node-")) {
                    let title = element
                        .children()
                        .find(|child| child.has_tag_name("title"))
                        .and_then(|title| title.text())
                        .unwrap_or_default();
                    titles.insert(id.to_owned(), title.to_owned());
                }
            }
            prop_assert_eq!(titles.len(), map.nodes.len());
            for node in &map.nodes {
                let title = &titles[&node.id];
                prop_assert!(
                    title.starts_with(&node.text),
                    "the tooltip of {} is {:?}, not its text {:?}", node.id, title, node.text
                );
            }
        }
    }
}

proptest! {
    // Each case runs Graphviz; fewer of them.
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn dot_is_accepted_by_graphviz(map in map()) {
        if !common::require_tool("dot") {
            return Ok(());
        }
        let graph = graph_of(&map);
        for group_by in [dot::GroupBy::Nothing, dot::GroupBy::Actor] {
            let options = dot::Options { group_by, ..dot::Options::default() };
            let source = dot::export(&graph, &options);
            let mut child = Command::new("dot")
                .arg("-Tsvg")
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            child.stdin.take().unwrap().write_all(source.as_bytes()).unwrap();
            let output = child.wait_with_output().unwrap();
            prop_assert!(
                output.status.success(),
                "dot refused:\n{}\n{}", String::from_utf8_lossy(&output.stderr), source
            );
            let svg = String::from_utf8(output.stdout).unwrap();
            // Graphviz's SVG starts with a DOCTYPE.
            let options = roxmltree::ParsingOptions { allow_dtd: true, ..Default::default() };
            let document = roxmltree::Document::parse_with_options(&svg, options).unwrap();
            let drawn = document
                .descendants()
                .filter(|n| {
                    n.attribute("class")
                        .is_some_and(|class| class.split(' ').next() == Some("node"))
                })
                .count();
            prop_assert_eq!(drawn, map.nodes.len());
        }
    }
}
