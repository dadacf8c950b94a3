//! What the fuzz targets share: a map generated from fuzzer bytes, written out as
//! YAML, so that the export targets spend their time in the exporters rather than on
//! files the parser refuses.
//!
//! Every text field is arbitrary Unicode (markup, quotes, control and bidi characters,
//! emoji, formula starters): it reaches the exporters through a YAML double-quoted
//! scalar, escaped here. Ids are generated (`n0`, `n1`, …) and supports only point
//! at earlier nodes, so a generated map has no errors; the targets check that it
//! validates and then export it.

use std::fmt::Write;

use arbitrary::{Arbitrary, Unstructured};
use argmap::export::Focus;
use argmap::graph::ArgumentGraph;
use argmap::layout::Direction;
use argmap::source::SourceFile;
use argmap::validate;

#[derive(Arbitrary, Debug, Default)]
pub struct FuzzMap {
    pub title: String,
    pub description: Option<String>,
    pub actors: Vec<FuzzActor>,
    pub sources: Vec<FuzzSource>,
    pub nodes: Vec<FuzzNode>,
    pub choices: Choices,
}

/// Export options picked by the fuzzer.
#[derive(Arbitrary, Clone, Copy, Debug, Default)]
pub struct Choices {
    /// Direction, focus, theme, table … in its bits.
    pub options: u16,
    pub width: u8,
}

#[derive(Arbitrary, Debug)]
pub struct FuzzActor {
    pub name: String,
    pub description: Option<String>,
}

#[derive(Arbitrary, Debug)]
pub struct FuzzSource {
    pub title: String,
    pub author: Option<String>,
    pub publisher: Option<String>,
    /// `https://` followed by this, when present.
    pub url: Option<String>,
}

#[derive(Arbitrary, Debug)]
pub struct FuzzNode {
    /// 0 claim, 1 rebuttal, 2 evidence.
    pub kind: u8,
    pub text: String,
    pub by: Option<u8>,
    pub source: Option<u8>,
    pub quote: Option<String>,
    pub locator: Option<String>,
    pub tags: Vec<String>,
    pub note: Option<String>,
    pub supports: Vec<u8>,
    pub rebuts: Vec<u8>,
}

impl FuzzMap {
    /// The map as a YAML file that argmap must accept.
    pub fn to_yaml(&self) -> String {
        let mut yaml = String::from("argmap: 1\n");
        field(&mut yaml, "", "title", &non_blank(&self.title));
        if let Some(description) = &self.description {
            field(&mut yaml, "", "description", description);
        }
        if !self.actors.is_empty() {
            yaml.push_str("actors:\n");
            for (index, actor) in self.actors.iter().enumerate() {
                let _ = writeln!(yaml, "  - id: a{index}");
                field(&mut yaml, "    ", "name", &non_blank(&actor.name));
                if let Some(description) = &actor.description {
                    field(&mut yaml, "    ", "description", description);
                }
            }
        }
        if !self.sources.is_empty() {
            yaml.push_str("sources:\n");
            for (index, source) in self.sources.iter().enumerate() {
                let _ = writeln!(yaml, "  - id: s{index}");
                field(&mut yaml, "    ", "title", &non_blank(&source.title));
                for (key, value) in [("author", &source.author), ("publisher", &source.publisher)] {
                    if let Some(value) = value {
                        field(&mut yaml, "    ", key, value);
                    }
                }
                if let Some(url) = &source.url {
                    let url: String = url
                        .chars()
                        .filter(|&c| {
                            !(c.is_whitespace()
                                || c.is_control()
                                || matches!(c, '"' | '<' | '>' | '\\' | '`'))
                        })
                        .collect();
                    field(
                        &mut yaml,
                        "    ",
                        "url",
                        &format!("https://example.org/{url}"),
                    );
                }
            }
        }
        for (section, kind) in [("claims", 0), ("rebuttals", 1), ("evidence", 2)] {
            let mut header = false;
            for (index, node) in self.nodes.iter().enumerate() {
                if self.kind_of(index, node) != kind {
                    continue;
                }
                if !header {
                    let _ = writeln!(yaml, "{section}:");
                    header = true;
                }
                self.write_node(&mut yaml, index, node, kind);
            }
        }
        yaml
    }

    /// The kind a node can have: evidence needs a source and something to bear on, a
    /// rebuttal something to rebut.
    fn kind_of(&self, index: usize, node: &FuzzNode) -> u8 {
        let (supports, rebuts) = self.targets(index, node);
        match node.kind % 3 {
            1 if !rebuts.is_empty() => 1,
            2 if !self.sources.is_empty() && !(supports.is_empty() && rebuts.is_empty()) => 2,
            _ => 0,
        }
    }

    /// What node `index` supports and rebuts: supports point backwards, so there is
    /// never a support cycle; nothing points at the node itself, and nothing is both
    /// supported and rebutted.
    fn targets(&self, index: usize, node: &FuzzNode) -> (Vec<usize>, Vec<usize>) {
        let supports: Vec<usize> = match index {
            0 => Vec::new(),
            _ => node
                .supports
                .iter()
                .map(|&target| usize::from(target) % index)
                .collect(),
        };
        let rebuts = node
            .rebuts
            .iter()
            .map(|&target| usize::from(target) % self.nodes.len())
            .filter(|target| *target != index && !supports.contains(target))
            .collect();
        (supports, rebuts)
    }

    fn write_node(&self, yaml: &mut String, index: usize, node: &FuzzNode, kind: u8) {
        let _ = writeln!(yaml, "  - id: n{index}");
        field(yaml, "    ", "text", &non_blank(&node.text));
        if let Some(by) = node.by.filter(|_| !self.actors.is_empty()) {
            let _ = writeln!(yaml, "    by: a{}", usize::from(by) % self.actors.len());
        }
        let source = match (kind, node.source) {
            (2, source) => Some(source.unwrap_or(0)),
            (_, source) => source,
        };
        if let Some(source) = source.filter(|_| !self.sources.is_empty()) {
            let _ = writeln!(
                yaml,
                "    source: s{}",
                usize::from(source) % self.sources.len()
            );
        }
        for (key, value) in [
            ("quote", &node.quote),
            ("locator", &node.locator),
            ("note", &node.note),
        ] {
            if let Some(value) = value {
                field(yaml, "    ", key, value);
            }
        }
        if !node.tags.is_empty() {
            let tags: Vec<String> = node.tags.iter().map(|tag| quoted(tag)).collect();
            let _ = writeln!(yaml, "    tags: [{}]", tags.join(", "));
        }
        let (supports, rebuts) = self.targets(index, node);
        let ids = |targets: Vec<usize>| -> Vec<String> {
            targets
                .into_iter()
                .map(|target| format!("n{target}"))
                .collect()
        };
        for (key, targets) in [("supports", ids(supports)), ("rebuts", ids(rebuts))] {
            if !targets.is_empty() {
                let _ = writeln!(yaml, "    {key}: [{}]", targets.join(", "));
            }
        }
    }
}

impl Choices {
    pub fn direction(&self) -> Direction {
        match self.options % 4 {
            0 => Direction::BottomToTop,
            1 => Direction::TopToBottom,
            2 => Direction::LeftToRight,
            _ => Direction::RightToLeft,
        }
    }

    /// Text wrapping width, 0 to 255 columns (argmap clamps small ones).
    pub fn columns(&self) -> usize {
        usize::from(self.width)
    }

    /// A focus on some node, one time in four.
    pub fn focus(&self, graph: &ArgumentGraph) -> Option<Focus> {
        let count = graph.nodes().len();
        (count > 0 && (self.options >> 2).is_multiple_of(4)).then(|| Focus {
            node: usize::from(self.options >> 4) % count,
            depth: usize::from(self.options >> 8) % 4,
        })
    }

    /// Bits for a target's own choices.
    pub fn flags(&self) -> u16 {
        self.options >> 12
    }
}

/// What an export target works on: when `bytes` are a valid map file (the seed
/// corpus is `maps/` and the test fixtures), that map with options from its last
/// bytes; otherwise the bytes read as a [`FuzzMap`].
pub fn input(bytes: &[u8]) -> (ArgumentGraph, Choices) {
    if let Ok(file) = SourceFile::from_bytes("fuzz.yaml", "fuzz.yaml", bytes.to_vec())
        && let Some(graph) = validate::check(&file).graph
    {
        let choices = match bytes {
            [.., options_high, options_low, width] => Choices {
                options: u16::from_be_bytes([*options_high, *options_low]),
                width: *width,
            },
            _ => Choices::default(),
        };
        return (graph, choices);
    }
    let map = FuzzMap::arbitrary_take_rest(Unstructured::new(bytes)).unwrap_or_default();
    (graph_of(&map.to_yaml()), map.choices)
}

/// Validates `yaml`, which the generator promises is a valid map: anything else is a
/// bug in the generator or in argmap, and crashes the target.
pub fn graph_of(yaml: &str) -> ArgumentGraph {
    let checked = validate::check(&SourceFile::new("fuzz.yaml", "fuzz.yaml", yaml.to_owned()));
    match checked.graph {
        Some(graph) => graph,
        None => panic!(
            "a generated map did not validate:\n{yaml}\n{:#?}",
            checked.diagnostics
        ),
    }
}

fn non_blank(text: &str) -> String {
    if text.chars().all(|c| c.is_whitespace() || c.is_control()) {
        format!("x{text}")
    } else {
        text.to_owned()
    }
}

fn field(yaml: &mut String, indent: &str, key: &str, value: &str) {
    let _ = writeln!(yaml, "{indent}{key}: {}", quoted(value));
}

/// A YAML double-quoted scalar holding `text` without the control characters argmap
/// refuses in text (E017): all but tab and newline.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        if c.is_control() && c != '\t' && c != '\n' {
            continue;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{20}'..='\u{7e}' => out.push(c),
            // Outside YAML's printable set, or line breaks YAML 1.1 readers know, or
            // a byte-order mark: escaped.
            '\u{0}'..='\u{1f}'
            | '\u{7f}'..='\u{9f}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{feff}'
            | '\u{fffe}'
            | '\u{ffff}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}
