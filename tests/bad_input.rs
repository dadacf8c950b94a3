//! Bad input, case by case: YAML bombs and deep nesting, size limits, wrong encodings,
//! YAML typing surprises, tags and documents, graph pathologies, and hostile text in
//! every field of a valid map.
//!
//! Each case is the bytes of a map file and what argmap must make of it. For every case,
//! `argmap validate` and `argmap export --format F -o DIR/out.F` (for each of svg, dot,
//! csv and json) run in a fresh temporary folder, under `ulimit -v` (4 GiB) and
//! `ulimit -t` (20 s of CPU), so that a runaway is killed by a signal and reported rather
//! than hanging the suite. Then:
//!
//! - a refused map: `validate` exits 1 with the diagnostic code at `FILE:LINE:COL` (or
//!   naming just the file, for a finding about the whole file); every export exits 1,
//!   prints nothing on stdout and leaves its output folder empty (no file, no temporary
//!   file);
//! - a valid map: `validate` exits 0, and every export exits 0, writes exactly its file,
//!   and reads back: the SVG as XML with every text present and nothing active, the CSV
//!   cell for cell (with the formula guard), the JSON field for field, the DOT through a
//!   tokenizer and, for small maps when Graphviz is installed, through `dot -Tsvg`.
//!
//! Every assertion names its case. Run with `-- --nocapture` to see each case's time;
//! times are printed, never asserted.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::print_stdout
)]

mod common;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::os::unix::process::ExitStatusExt as _;
use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

const ARGMAP: &str = env!("CARGO_BIN_EXE_argmap");

/// Address space allowed to one argmap run, in KiB (`ulimit -v`).
const MEMORY_KIB: u64 = 4 * 1024 * 1024;
/// CPU time allowed to one argmap run, in seconds (`ulimit -t`).
const CPU_SECONDS: u64 = 20;
const FORMATS: [&str; 4] = ["svg", "dot", "csv", "json"];
/// Graphviz needs minutes for thousands of nodes (and crashes on a 50,000-node chain):
/// larger maps get the DOT tokenizer only.
const GRAPHVIZ_MAX_NODES: usize = 200;
const XLINK: &str = "http://www.w3.org/1999/xlink";
/// The DOT export cuts a label's text at this many characters.
const DOT_LABEL_CHARS: usize = 600;
const CSV_COLUMNS: [&str; 13] = [
    "id",
    "kind",
    "text",
    "by",
    "source",
    "quote",
    "locator",
    "date",
    "tags",
    "supports",
    "rebuts",
    "supported_by",
    "rebutted_by",
];

// ---------------------------------------------------------------------------------------
// Cases
// ---------------------------------------------------------------------------------------

/// The bytes of a case's map file.
enum Input {
    Bytes(Vec<u8>),
    /// A sparse file of this many zero bytes, made with `File::set_len`.
    Sparse(u64),
}

enum Expect {
    /// Exit 1 with a diagnostic `code` whose message contains `says`, at `at` (line and
    /// column), or about the whole file when `at` is `None`.
    Refused {
        code: &'static str,
        at: Option<(usize, usize)>,
        says: &'static str,
    },
    /// A valid map: exit 0, and every export reads back as `Model`.
    Valid(Box<Model>),
}

struct Case {
    input: Input,
    expect: Expect,
    memory_kib: u64,
    /// Text the refusing diagnostic must also show (in its message, snippet or help).
    mentions: Vec<&'static str>,
}

impl Case {
    fn mentions(mut self, text: &'static str) -> Self {
        self.mentions.push(text);
        self
    }
}

fn refused(
    bytes: impl Into<Vec<u8>>,
    code: &'static str,
    at: (usize, usize),
    says: &'static str,
) -> Case {
    Case {
        input: Input::Bytes(bytes.into()),
        expect: Expect::Refused {
            code,
            at: Some(at),
            says,
        },
        memory_kib: MEMORY_KIB,
        mentions: Vec::new(),
    }
}

/// Refused with a finding about the whole file, which has no line and column.
fn refused_file(input: Input, code: &'static str, says: &'static str) -> Case {
    Case {
        input,
        expect: Expect::Refused {
            code,
            at: None,
            says,
        },
        memory_kib: MEMORY_KIB,
        mentions: Vec::new(),
    }
}

/// A valid map written by hand, which must read back as `model`.
fn valid(bytes: impl Into<Vec<u8>>, model: Model) -> Case {
    Case {
        input: Input::Bytes(bytes.into()),
        expect: Expect::Valid(Box::new(model)),
        memory_kib: MEMORY_KIB,
        mentions: Vec::new(),
    }
}

/// A valid map written out from `model`.
fn valid_model(model: Model) -> Case {
    valid(model.to_yaml(), model)
}

// ---------------------------------------------------------------------------------------
// The expected content of a valid map
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Claim,
    Rebuttal,
    Evidence,
}

impl Kind {
    const ALL: [Kind; 3] = [Kind::Claim, Kind::Rebuttal, Kind::Evidence];

    fn as_str(self) -> &'static str {
        match self {
            Kind::Claim => "claim",
            Kind::Rebuttal => "rebuttal",
            Kind::Evidence => "evidence",
        }
    }

    fn section(self) -> &'static str {
        match self {
            Kind::Claim => "claims",
            Kind::Rebuttal => "rebuttals",
            Kind::Evidence => "evidence",
        }
    }
}

#[derive(Clone, Debug)]
struct Node {
    id: String,
    kind: Kind,
    text: String,
    by: Option<String>,
    source: Option<String>,
    quote: Option<String>,
    locator: Option<String>,
    tags: Vec<String>,
    note: Option<String>,
    supports: Vec<String>,
    rebuts: Vec<String>,
}

/// What a valid map holds, as every export must show it.
#[derive(Clone, Debug, Default)]
struct Model {
    title: String,
    description: Option<String>,
    /// `(id, name)`
    actors: Vec<(String, String)>,
    /// `(id, title)`
    sources: Vec<(String, String)>,
    nodes: Vec<Node>,
}

/// A YAML double-quoted scalar: a JSON string is one.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap()
}

fn quoted_list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| quoted(item)).collect();
    format!("[{}]", items.join(", "))
}

impl Model {
    fn new(title: &str) -> Self {
        Model {
            title: title.to_owned(),
            ..Model::default()
        }
    }

    fn description(mut self, text: &str) -> Self {
        self.description = Some(text.to_owned());
        self
    }

    fn actor(mut self, id: &str, name: &str) -> Self {
        self.actors.push((id.to_owned(), name.to_owned()));
        self
    }

    fn source(mut self, id: &str, title: &str) -> Self {
        self.sources.push((id.to_owned(), title.to_owned()));
        self
    }

    fn node(mut self, kind: Kind, id: &str, text: &str) -> Self {
        self.nodes.push(Node {
            id: id.to_owned(),
            kind,
            text: text.to_owned(),
            by: None,
            source: None,
            quote: None,
            locator: None,
            tags: Vec::new(),
            note: None,
            supports: Vec::new(),
            rebuts: Vec::new(),
        });
        self
    }

    fn claim(self, id: &str, text: &str) -> Self {
        self.node(Kind::Claim, id, text)
    }

    /// Changes the node added last.
    fn with(mut self, change: impl FnOnce(&mut Node)) -> Self {
        change(self.nodes.last_mut().unwrap());
        self
    }

    fn supports(self, ids: &[&str]) -> Self {
        self.with(|node| node.supports.extend(ids.iter().map(|id| (*id).to_owned())))
    }

    fn rebuts(self, ids: &[&str]) -> Self {
        self.with(|node| node.rebuts.extend(ids.iter().map(|id| (*id).to_owned())))
    }

    /// The nodes in the order of the file `to_yaml` writes: claims, rebuttals, evidence.
    fn ordered(&self) -> Vec<&Node> {
        Kind::ALL
            .iter()
            .flat_map(|&kind| self.nodes.iter().filter(move |node| node.kind == kind))
            .collect()
    }

    fn actor_name(&self, id: &str) -> &str {
        &self.actors.iter().find(|(actor, _)| actor == id).unwrap().1
    }

    fn source_title(&self, id: &str) -> &str {
        &self
            .sources
            .iter()
            .find(|(source, _)| source == id)
            .unwrap()
            .1
    }

    /// The relations in file order: `(from, relation, to)`.
    fn edges(&self) -> Vec<(&str, &str, &str)> {
        let mut edges = Vec::new();
        for node in self.ordered() {
            for to in &node.supports {
                edges.push((node.id.as_str(), "supports", to.as_str()));
            }
            for to in &node.rebuts {
                edges.push((node.id.as_str(), "rebuts", to.as_str()));
            }
        }
        edges
    }

    /// For each node id, the nodes that support it and those that rebut it, in file order.
    fn incoming(&self) -> HashMap<&str, (Vec<&str>, Vec<&str>)> {
        let mut incoming: HashMap<&str, (Vec<&str>, Vec<&str>)> = HashMap::new();
        for (from, relation, to) in self.edges() {
            let entry = incoming.entry(to).or_default();
            if relation == "supports" {
                entry.0.push(from);
            } else {
                entry.1.push(from);
            }
        }
        incoming
    }

    fn to_yaml(&self) -> String {
        let mut yaml = String::from("argmap: 1\n");
        writeln!(yaml, "title: {}", quoted(&self.title)).unwrap();
        if let Some(description) = &self.description {
            writeln!(yaml, "description: {}", quoted(description)).unwrap();
        }
        if !self.actors.is_empty() {
            yaml.push_str("actors:\n");
            for (id, name) in &self.actors {
                write!(yaml, "  - id: {}\n    name: {}\n", quoted(id), quoted(name)).unwrap();
            }
        }
        if !self.sources.is_empty() {
            yaml.push_str("sources:\n");
            for (id, title) in &self.sources {
                write!(
                    yaml,
                    "  - id: {}\n    title: {}\n",
                    quoted(id),
                    quoted(title)
                )
                .unwrap();
            }
        }
        for kind in Kind::ALL {
            let nodes: Vec<&Node> = self.nodes.iter().filter(|node| node.kind == kind).collect();
            if nodes.is_empty() {
                continue;
            }
            writeln!(yaml, "{}:", kind.section()).unwrap();
            for node in nodes {
                write!(
                    yaml,
                    "  - id: {}\n    text: {}\n",
                    quoted(&node.id),
                    quoted(&node.text)
                )
                .unwrap();
                let optional = [
                    ("by", &node.by),
                    ("source", &node.source),
                    ("quote", &node.quote),
                    ("locator", &node.locator),
                    ("note", &node.note),
                ];
                for (field, value) in optional {
                    if let Some(value) = value {
                        writeln!(yaml, "    {field}: {}", quoted(value)).unwrap();
                    }
                }
                let lists = [
                    ("tags", &node.tags),
                    ("supports", &node.supports),
                    ("rebuts", &node.rebuts),
                ];
                for (field, items) in lists {
                    if !items.is_empty() {
                        writeln!(yaml, "    {field}: {}", quoted_list(items)).unwrap();
                    }
                }
            }
        }
        yaml
    }
}

// ---------------------------------------------------------------------------------------
// Running a case
// ---------------------------------------------------------------------------------------

/// Runs `program args` under the memory and CPU limits, in `dir`.
fn limited(program: &str, args: &[&str], dir: &Path, memory_kib: u64, cpu_seconds: u64) -> Output {
    Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v {memory_kib}; ulimit -t {cpu_seconds}; exec \"$0\" \"$@\""
        ))
        .arg(program)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("RUST_BACKTRACE")
        .output()
        .unwrap()
}

/// Runs argmap and returns its exit code, failing the case on a signal or a panic.
fn argmap(case: &str, args: &[&str], dir: &Path, memory_kib: u64) -> (i32, Output) {
    let output = limited(ARGMAP, args, dir, memory_kib, CPU_SECONDS);
    let command = args.join(" ");
    if let Some(signal) = output.status.signal() {
        panic!(
            "{case}: `argmap {command}` was killed by signal {signal} (a runaway: the limits \
             are {memory_kib} KiB of address space and {CPU_SECONDS} s of CPU)\nstderr:\n{}",
            excerpt(&output.stderr)
        );
    }
    let code = output.status.code().unwrap();
    assert_ne!(
        code,
        101,
        "{case}: `argmap {command}` panicked\nstderr:\n{}",
        excerpt(&output.stderr)
    );
    (code, output)
}

/// The start of a long output, for assertion messages.
fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut end = text.len().min(4000);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < text.len() {
        format!("{}\n… ({} bytes in all)", &text[..end], text.len())
    } else {
        text.into_owned()
    }
}

/// A diagnostic as the human format prints it.
#[derive(Debug)]
struct Finding {
    code: String,
    message: String,
    /// What follows `-->`: `FILE:LINE:COL`, or `FILE` for the whole file.
    location: String,
    /// The lines after it, up to the next diagnostic: snippet and help.
    rest: String,
}

fn findings(stderr: &str) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut lines = stderr.lines();
    while let Some(line) = lines.next() {
        let Some(rest) = line
            .strip_prefix("error[")
            .or_else(|| line.strip_prefix("warning["))
        else {
            continue;
        };
        let Some((code, message)) = rest.split_once("]: ") else {
            continue;
        };
        let location = lines
            .next()
            .and_then(|line| line.trim_start().strip_prefix("--> "))
            .unwrap_or_default();
        let mut rest = String::new();
        for line in lines.by_ref() {
            if line.is_empty() {
                break;
            }
            rest.push_str(line);
            rest.push('\n');
        }
        findings.push(Finding {
            code: code.to_owned(),
            message: message.to_owned(),
            location: location.to_owned(),
            rest,
        });
    }
    findings
}

/// The names in `dir`.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn run(name: &str, case: Case) {
    let started = Instant::now();
    let dir = tempfile::tempdir().unwrap();
    let file = format!("{name}.yaml");
    let path = dir.path().join(&file);
    match &case.input {
        Input::Bytes(bytes) => fs::write(&path, bytes).unwrap(),
        Input::Sparse(length) => fs::File::create(&path).unwrap().set_len(*length).unwrap(),
    }

    let (code, output) = argmap(name, &["validate", &file], dir.path(), case.memory_kib);
    let validated = started.elapsed();
    let stderr = String::from_utf8_lossy(&output.stderr);
    match &case.expect {
        Expect::Refused {
            code: expected,
            at,
            says,
        } => {
            assert_eq!(
                code,
                1,
                "{name}: `validate` should refuse the map\n{}",
                excerpt(&output.stderr)
            );
            let location = match at {
                Some((line, column)) => format!("{file}:{line}:{column}"),
                None => file.clone(),
            };
            let found = findings(&stderr);
            assert!(
                found.iter().any(|finding| finding.code == *expected
                    && finding.location == location
                    && finding.message.contains(says)
                    && case.mentions.iter().all(|text| {
                        finding.message.contains(text) || finding.rest.contains(text)
                    })),
                "{name}: expected error[{expected}] at `--> {location}` saying {says:?} and showing {:?}; \
                 found {:#?}\nstderr:\n{}",
                case.mentions,
                found
                    .iter()
                    .map(|finding| format!(
                        "{} at {}: {}",
                        finding.code,
                        finding.location,
                        finding.message.chars().take(200).collect::<String>()
                    ))
                    .collect::<Vec<_>>(),
                excerpt(&output.stderr)
            );
            assert!(
                stderr.contains("checked 1 map: ") && !stderr.contains("checked 1 map: 0 errors"),
                "{name}: the summary should count the error\n{}",
                excerpt(&output.stderr)
            );
        }
        Expect::Valid(_) => {
            assert_eq!(
                code,
                0,
                "{name}: `validate` should accept the map\n{}",
                excerpt(&output.stderr)
            );
            assert!(
                stderr.contains("checked 1 map: 0 errors"),
                "{name}: no error expected\n{}",
                excerpt(&output.stderr)
            );
        }
    }

    let mut times = Vec::new();
    for format in FORMATS {
        let export_started = Instant::now();
        let out = dir.path().join(format!("out-{format}"));
        fs::create_dir(&out).unwrap();
        let target = format!("out-{format}/out.{format}");
        let args = ["export", "--format", format, &file, "-o", &target];
        let (code, output) = argmap(name, &args, dir.path(), case.memory_kib);
        match &case.expect {
            Expect::Refused { code: expected, .. } => {
                assert_eq!(
                    code,
                    1,
                    "{name}: `export --format {format}` should refuse the map\n{}",
                    excerpt(&output.stderr)
                );
                assert!(
                    String::from_utf8_lossy(&output.stderr).contains(&format!("error[{expected}]")),
                    "{name}: `export --format {format}` should say why (error[{expected}])\n{}",
                    excerpt(&output.stderr)
                );
                assert!(
                    output.stdout.is_empty(),
                    "{name}: `export --format {format}` printed on stdout"
                );
                assert_eq!(
                    listing(&out),
                    Vec::<String>::new(),
                    "{name}: `export --format {format}` of a refused map wrote something"
                );
            }
            Expect::Valid(model) => {
                assert_eq!(
                    code,
                    0,
                    "{name}: `export --format {format}` failed\n{}",
                    excerpt(&output.stderr)
                );
                assert_eq!(
                    listing(&out),
                    [format!("out.{format}")],
                    "{name}: `export --format {format}` should write exactly its file"
                );
                let bytes = fs::read(out.join(format!("out.{format}"))).unwrap();
                let context = format!("{name} ({format})");
                match format {
                    "svg" => check_svg(&context, &bytes, model),
                    "dot" => check_dot(&context, &bytes, model, dir.path()),
                    "csv" => check_csv(&context, &bytes, model),
                    _ => check_json(&context, &bytes, model),
                }
            }
        }
        times.push((format, export_started.elapsed()));
    }

    match &case.input {
        Input::Bytes(bytes) => assert!(
            fs::read(&path).unwrap() == *bytes,
            "{name}: the map file was modified"
        ),
        Input::Sparse(length) => assert_eq!(
            fs::metadata(&path).unwrap().len(),
            *length,
            "{name}: the map file was modified"
        ),
    }
    let times: Vec<String> = times
        .iter()
        .map(|(format, time)| format!("{format} {}", seconds(*time)))
        .collect();
    println!(
        "case {name}: {} (validate {}, {})",
        seconds(started.elapsed()),
        seconds(validated),
        times.join(", ")
    );
}

fn seconds(duration: Duration) -> String {
    format!("{:.2} s", duration.as_secs_f64())
}

// ---------------------------------------------------------------------------------------
// Reading exports back
// ---------------------------------------------------------------------------------------

/// All the text inside `node`, in document order.
fn all_text(node: roxmltree::Node<'_, '_>) -> String {
    node.descendants()
        .filter(roxmltree::Node::is_text)
        .filter_map(|node| node.text())
        .collect()
}

/// `text` without any whitespace: how a wrapped label is compared with its text.
fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Nothing in an SVG may run code or load anything.
fn assert_inert(context: &str, document: &roxmltree::Document<'_>) {
    for element in document.descendants().filter(roxmltree::Node::is_element) {
        let tag = element.tag_name().name().to_ascii_lowercase();
        assert!(
            !["script", "foreignobject", "iframe", "object", "embed"].contains(&tag.as_str()),
            "{context}: a <{tag}> element"
        );
        for attribute in element.attributes() {
            let attribute_name = attribute.name().to_ascii_lowercase();
            assert!(
                !attribute_name.starts_with("on"),
                "{context}: an event attribute {attribute_name}={:?}",
                attribute.value()
            );
            if attribute_name == "href" {
                let value = attribute.value();
                assert!(
                    value.starts_with('#')
                        || value.starts_with("http://")
                        || value.starts_with("https://"),
                    "{context}: a link to {value:?}"
                );
            }
        }
    }
}

fn check_svg(context: &str, bytes: &[u8], model: &Model) {
    let text =
        std::str::from_utf8(bytes).unwrap_or_else(|error| panic!("{context}: not UTF-8: {error}"));
    let document = roxmltree::Document::parse(text)
        .unwrap_or_else(|error| panic!("{context}: not XML: {error}"));
    assert_inert(context, &document);
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{context}: the root element");
    let title = root
        .children()
        .find(|child| child.has_tag_name("title"))
        .unwrap_or_else(|| panic!("{context}: no <title>"));
    assert_eq!(all_text(title), model.title, "{context}: the map's title");
    if let Some(description) = &model.description {
        let desc = root
            .children()
            .find(|child| child.has_tag_name("desc"))
            .unwrap_or_else(|| panic!("{context}: no <desc>"));
        assert_eq!(
            &all_text(desc),
            description,
            "{context}: the map's description"
        );
    }

    let mut nodes: HashMap<&str, (roxmltree::Node<'_, '_>, String)> = HashMap::new();
    for group in document.descendants().filter(|node| node.has_tag_name("g")) {
        let Some(id) = group
            .attribute("id")
            .and_then(|id| id.strip_prefix("node-"))
        else {
            continue;
        };
        let tooltip = group
            .children()
            .find(|child| child.has_tag_name("title"))
            .map(all_text)
            .unwrap_or_else(|| panic!("{context}: node `{id}` has no <title>"));
        assert!(
            nodes.insert(id, (group, tooltip)).is_none(),
            "{context}: node `{id}` drawn twice"
        );
    }
    assert_eq!(
        nodes.len(),
        model.nodes.len(),
        "{context}: one <g id=\"node-…\"> per node"
    );
    for node in &model.nodes {
        let (group, tooltip) = nodes
            .get(node.id.as_str())
            .unwrap_or_else(|| panic!("{context}: node `{}` is missing", node.id));
        assert_eq!(
            group.attribute("class"),
            Some(format!("node {}", node.kind.as_str()).as_str()),
            "{context}: class of node `{}`",
            node.id
        );
        assert!(
            tooltip.starts_with(&node.text),
            "{context}: the tooltip of `{}` does not start with its text {:?}: {:?}",
            node.id,
            node.text.chars().take(200).collect::<String>(),
            tooltip.chars().take(200).collect::<String>()
        );
        let mut parts = Vec::new();
        if let Some(by) = &node.by {
            parts.push(model.actor_name(by));
        }
        if let Some(source) = &node.source {
            parts.push(model.source_title(source));
        }
        if let Some(quote) = &node.quote {
            parts.push(quote);
        }
        for part in parts {
            assert!(
                tooltip.contains(part),
                "{context}: {part:?} missing from the tooltip of `{}`: {tooltip:?}",
                node.id
            );
        }
    }
}

/// A DOT token.
#[derive(Clone, Debug, PartialEq)]
enum Token {
    /// A quoted string, with `\"` read as `"` and any other escape kept as written.
    Quoted(String),
    Word(String),
    Arrow,
    Punct(char),
}

/// The tokens of a DOT file, or why it is not one argmap should write.
fn dot_tokens(dot: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = dot.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => {}
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '"' => {
                let mut string = String::new();
                loop {
                    match chars.next() {
                        None => return Err("a string is never closed".to_owned()),
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            None => return Err("a string ends in a backslash".to_owned()),
                            Some('"') => string.push('"'),
                            Some(other) => {
                                string.push('\\');
                                string.push(other);
                            }
                        },
                        Some(c) => string.push(c),
                    }
                }
                tokens.push(Token::Quoted(string));
            }
            '-' if chars.peek() == Some(&'>') => {
                chars.next();
                tokens.push(Token::Arrow);
            }
            '{' | '}' | '[' | ']' | ';' | ',' | '=' => tokens.push(Token::Punct(c)),
            c if c.is_ascii_alphanumeric() || c == '_' || c == '.' => {
                let mut word = String::from(c);
                while let Some(&next) = chars.peek() {
                    if next.is_ascii_alphanumeric() || next == '_' || next == '.' {
                        word.push(next);
                        chars.next();
                    } else {
                        break;
                    }
                }
                tokens.push(Token::Word(word));
            }
            other => return Err(format!("unexpected {other:?} outside a quoted string")),
        }
    }
    Ok(tokens)
}

/// Checks the statements of a DOT file: `digraph "…" { … }`, attributes always
/// `name="quoted"`, and returns the node ids and edges it declares.
fn dot_statements(context: &str, dot: &str) -> (Vec<String>, Vec<(String, String)>) {
    let tokens = dot_tokens(dot).unwrap_or_else(|error| panic!("{context}: {error}"));
    assert!(
        matches!(tokens.as_slice(), [Token::Word(digraph), Token::Quoted(_), Token::Punct('{'), ..] if digraph == "digraph"),
        "{context}: does not start with `digraph \"…\" {{`"
    );
    assert_eq!(
        tokens.last(),
        Some(&Token::Punct('}')),
        "{context}: does not end with `}}`"
    );
    let mut depth = 0_i32;
    let mut statement: Vec<Token> = Vec::new();
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    let count = tokens.len();
    for (index, token) in tokens.into_iter().enumerate().skip(2) {
        let end = matches!(token, Token::Punct(';' | '{' | '}'));
        match token {
            Token::Punct('{') => depth += 1,
            Token::Punct('}') => depth -= 1,
            _ => {}
        }
        assert!(
            depth > 0 || index + 1 == count,
            "{context}: the graph closes before the end of the file"
        );
        if !end {
            statement.push(token);
            continue;
        }
        if statement.is_empty() {
            continue;
        }
        let attributes_at = statement
            .iter()
            .position(|token| *token == Token::Punct('['))
            .unwrap_or(statement.len());
        let (head, attributes) = statement.split_at(attributes_at);
        if !attributes.is_empty() {
            assert_eq!(
                attributes.last(),
                Some(&Token::Punct(']')),
                "{context}: attribute list not closed: {statement:?}"
            );
            let inner = &attributes[1..attributes.len() - 1];
            for attribute in inner.split(|token| *token == Token::Punct(',')) {
                assert!(
                    matches!(
                        attribute,
                        [Token::Word(_), Token::Punct('='), Token::Quoted(_)]
                    ),
                    "{context}: an attribute that is not `name=\"value\"`: {attribute:?}"
                );
            }
        }
        match head {
            [Token::Quoted(id)] => nodes.push(id.clone()),
            [Token::Quoted(from), Token::Arrow, Token::Quoted(to)] => {
                edges.push((from.clone(), to.clone()))
            }
            [Token::Word(word)] if ["graph", "node", "edge"].contains(&word.as_str()) => {}
            [Token::Word(word), Token::Quoted(_)] if word == "subgraph" => {}
            other => panic!("{context}: an unexpected statement: {other:?}"),
        }
        statement.clear();
    }
    assert_eq!(depth, 0, "{context}: braces do not balance");
    (nodes, edges)
}

fn check_dot(context: &str, bytes: &[u8], model: &Model, dir: &Path) {
    let dot =
        std::str::from_utf8(bytes).unwrap_or_else(|error| panic!("{context}: not UTF-8: {error}"));
    let (nodes, edges) = dot_statements(context, dot);
    let expected: Vec<&str> = model
        .ordered()
        .iter()
        .map(|node| node.id.as_str())
        .collect();
    assert!(
        nodes == expected,
        "{context}: the node statements differ from the nodes of the map"
    );
    let expected: Vec<(&str, &str)> = model
        .edges()
        .iter()
        .map(|(from, _, to)| (*from, *to))
        .collect();
    let found: Vec<(&str, &str)> = edges
        .iter()
        .map(|(from, to)| (from.as_str(), to.as_str()))
        .collect();
    assert!(
        found == expected,
        "{context}: the edge statements differ from the relations of the map"
    );

    if model.nodes.len() > GRAPHVIZ_MAX_NODES || !common::require_tool("dot") {
        return;
    }
    let path = dir.join("graphviz.dot");
    fs::write(&path, bytes).unwrap();
    let output = limited("dot", &["-Tsvg", "graphviz.dot"], dir, MEMORY_KIB, 120);
    fs::remove_file(&path).unwrap();
    assert!(
        output.status.success(),
        "{context}: `dot -Tsvg` refused the export: {}",
        excerpt(&output.stderr)
    );
    let svg = String::from_utf8(output.stdout).unwrap();
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(&svg, options)
        .unwrap_or_else(|error| panic!("{context}: Graphviz's SVG is not XML: {error}"));
    assert_inert(&format!("{context} through Graphviz"), &document);
    let has_class = |node: &roxmltree::Node<'_, '_>, class: &str| {
        node.attribute("class")
            .is_some_and(|classes| classes.split_whitespace().any(|name| name == class))
    };
    // Node name → (label, tooltip), both without whitespace.
    let mut labels: HashMap<String, (String, String)> = HashMap::new();
    let mut edge_count = 0;
    for group in document.descendants().filter(|node| node.has_tag_name("g")) {
        if has_class(&group, "edge") {
            edge_count += 1;
        }
        if !has_class(&group, "node") {
            continue;
        }
        let name = group
            .children()
            .find(|child| child.has_tag_name("title"))
            .map(all_text)
            .unwrap_or_default();
        let label: String = group
            .descendants()
            .filter(|node| node.has_tag_name("text"))
            .map(all_text)
            .collect();
        let tooltip = group
            .descendants()
            .find_map(|node| node.attribute((XLINK, "title")))
            .unwrap_or_default();
        labels.insert(name, (squash(&label), squash(tooltip)));
    }
    assert_eq!(
        labels.len(),
        model.nodes.len(),
        "{context}: Graphviz drew another number of nodes"
    );
    assert_eq!(
        edge_count,
        model.edges().len(),
        "{context}: Graphviz drew another number of edges"
    );
    let everything = squash(&all_text(document.root_element()));
    assert!(
        everything.contains(&squash(&model.title)),
        "{context}: the title is not in Graphviz's rendering"
    );
    for node in &model.nodes {
        let (label, tooltip) = labels
            .get(&node.id)
            .unwrap_or_else(|| panic!("{context}: Graphviz did not draw `{}`", node.id));
        let text: String = node.text.chars().take(DOT_LABEL_CHARS).collect();
        assert!(
            tooltip.contains(&squash(&text)),
            "{context}: {text:?} does not come out literally in Graphviz's tooltip of `{}`: \
             {tooltip:?}",
            node.id
        );
        let mut parts = vec![text.as_str()];
        if let Some(by) = &node.by {
            parts.push(model.actor_name(by));
        }
        if let Some(source) = &node.source {
            parts.push(model.source_title(source));
        }
        for part in parts {
            assert!(
                label.contains(&squash(part)),
                "{context}: {part:?} does not come out literally in Graphviz's label of `{}`: {label:?}",
                node.id
            );
        }
    }
}

/// A cell as the CSV export must write it: with `'` before what a spreadsheet would run.
fn guarded(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn check_csv(context: &str, bytes: &[u8], model: &Model) {
    assert!(bytes.ends_with(b"\r\n"), "{context}: records end in CRLF");
    let mut reader = csv::Reader::from_reader(bytes);
    let headers: Vec<String> = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    assert_eq!(headers, CSV_COLUMNS, "{context}: header row");
    let rows: Vec<csv::StringRecord> = reader
        .records()
        .map(|record| record.unwrap_or_else(|error| panic!("{context}: {error}")))
        .collect();
    assert_eq!(rows.len(), model.nodes.len(), "{context}: one row per node");
    let incoming = model.incoming();
    let none = (Vec::new(), Vec::new());
    for (row, node) in rows.iter().zip(model.ordered()) {
        let (supported_by, rebutted_by) = incoming.get(node.id.as_str()).unwrap_or(&none);
        let expected = [
            node.id.clone(),
            node.kind.as_str().to_owned(),
            node.text.clone(),
            node.by.clone().unwrap_or_default(),
            node.source.clone().unwrap_or_default(),
            node.quote.clone().unwrap_or_default(),
            node.locator.clone().unwrap_or_default(),
            String::new(),
            node.tags.join("; "),
            node.supports.join("; "),
            node.rebuts.join("; "),
            supported_by.join("; "),
            rebutted_by.join("; "),
        ];
        for ((column, cell), expected) in CSV_COLUMNS.iter().zip(row.iter()).zip(&expected) {
            assert_eq!(
                cell,
                guarded(expected),
                "{context}: column `{column}` of `{}`",
                node.id
            );
        }
        assert_eq!(
            row.len(),
            CSV_COLUMNS.len(),
            "{context}: cells in the row of `{}`",
            node.id
        );
    }
}

fn check_json(context: &str, bytes: &[u8], model: &Model) {
    let document: Value = serde_json::from_slice(bytes)
        .unwrap_or_else(|error| panic!("{context}: not JSON: {error}"));
    let text = |value: &Option<String>| value.as_deref().map_or(Value::Null, Value::from);
    assert_eq!(document["argmap"], 1, "{context}: version");
    assert_eq!(document["title"], model.title.as_str(), "{context}: title");
    assert_eq!(
        document["description"],
        text(&model.description),
        "{context}: description"
    );
    let actors: Vec<(&str, &str)> = document["actors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|actor| {
            (
                actor["id"].as_str().unwrap(),
                actor["name"].as_str().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(&str, &str)> = model
        .actors
        .iter()
        .map(|(id, name)| (id.as_str(), name.as_str()))
        .collect();
    assert_eq!(actors, expected, "{context}: actors");
    let sources: Vec<(&str, &str)> = document["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|source| {
            (
                source["id"].as_str().unwrap(),
                source["title"].as_str().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(&str, &str)> = model
        .sources
        .iter()
        .map(|(id, title)| (id.as_str(), title.as_str()))
        .collect();
    assert_eq!(sources, expected, "{context}: sources");

    let nodes = document["nodes"].as_array().unwrap();
    assert_eq!(
        nodes.len(),
        model.nodes.len(),
        "{context}: one entry per node"
    );
    let incoming = model.incoming();
    let none = (Vec::new(), Vec::new());
    for (value, node) in nodes.iter().zip(model.ordered()) {
        let (supported_by, rebutted_by) = incoming.get(node.id.as_str()).unwrap_or(&none);
        let expected = serde_json::json!({
            "id": node.id,
            "kind": node.kind.as_str(),
            "text": node.text,
            "by": text(&node.by),
            "source": text(&node.source),
            "quote": text(&node.quote),
            "locator": text(&node.locator),
            "date": null,
            "tags": node.tags,
            "supports": node.supports,
            "rebuts": node.rebuts,
            "supported_by": supported_by,
            "rebutted_by": rebutted_by,
            "note": text(&node.note),
        });
        assert!(
            value == &expected,
            "{context}: node `{}`:\n{value}\nexpected\n{expected}",
            node.id
        );
    }
    let edges: Vec<(&str, &str, &str)> = document["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|edge| {
            (
                edge["from"].as_str().unwrap(),
                edge["relation"].as_str().unwrap(),
                edge["to"].as_str().unwrap(),
            )
        })
        .collect();
    assert!(edges == model.edges(), "{context}: edges");
}

// ---------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------

/// The 1-based line and column (in characters) where `needle` first occurs in `text`.
fn locate(text: &str, needle: &str) -> (usize, usize) {
    let offset = text.find(needle).unwrap();
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

const HEADER: &str = "argmap: 1\ntitle: Bad input\n";

/// A small valid map with two claims, one supporting the other.
fn two_claims() -> Model {
    Model::new("Two claims")
        .claim("a", "The conclusion.")
        .claim("b", "A reason for it.")
        .supports(&["a"])
}

/// The billion laughs: eleven levels of nine aliases each.
fn billion_laughs() -> String {
    let mut text = format!("{HEADER}a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for level in 1..12 {
        let aliases = vec![format!("*a{}", level - 1); 9].join(", ");
        writeln!(text, "a{level}: &a{level} [{aliases}]").unwrap();
    }
    text
}

fn wide_alias() -> String {
    format!(
        "{HEADER}a: &a [{}]\nb: [{}]\n",
        vec!["x"; 10_000].join(","),
        vec!["*a"; 10_000].join(",")
    )
}

/// `claims:` followed by `depth` of `open` and as many `close`.
fn nested_flow(open: &str, close: &str, depth: usize) -> String {
    format!(
        "{HEADER}claims: {}{}\n",
        open.repeat(depth),
        close.repeat(depth)
    )
}

/// 1,000 lines, each indented one step deeper than the last.
fn nested_block(step: &str, line: impl Fn(usize) -> &'static str) -> String {
    let mut text = format!("{HEADER}claims:\n");
    for level in 1..=1000 {
        writeln!(text, "{}{}", step.repeat(level), line(level)).unwrap();
    }
    text
}

/// `n` claims, each supporting the next: a chain, or with `close` a cycle.
fn chain_text(n: usize, close: bool) -> String {
    let mut text = format!("{HEADER}claims:\n");
    for i in 0..n {
        write!(text, "  - id: c{i}\n    text: Claim number {i}.\n").unwrap();
        if i + 1 < n {
            writeln!(text, "    supports: c{}", i + 1).unwrap();
        } else if close {
            text.push_str("    supports: c0\n");
        }
    }
    text
}

fn chain_model(n: usize) -> Model {
    let mut model = Model::new("Bad input");
    for i in 0..n {
        model = model.claim(&format!("c{i}"), &format!("Claim number {i}."));
        if i + 1 < n {
            model = model.supports(&[&format!("c{}", i + 1)]);
        }
    }
    model
}

/// 60,000 nodes of every kind: a chain of claims, each rebutted and supported by evidence.
fn sixty_thousand() -> Model {
    let mut model = Model::new("Sixty thousand nodes")
        .actor("us", "Us")
        .source("s", "A source");
    let n = 20_000;
    for i in 0..n {
        model = model
            .claim(&format!("c{i}"), &format!("Claim {i}."))
            .with(|node| node.by = Some("us".to_owned()));
        if i + 1 < n {
            model = model.supports(&[&format!("c{}", i + 1)]);
        }
        model = model
            .node(Kind::Rebuttal, &format!("r{i}"), &format!("Rebuttal {i}."))
            .rebuts(&[&format!("c{i}")])
            .node(Kind::Evidence, &format!("e{i}"), &format!("Evidence {i}."))
            .with(|node| node.source = Some("s".to_owned()))
            .supports(&[&format!("c{i}")]);
    }
    model
}

/// One hub supporting 10,000 targets.
fn fan_out() -> Model {
    let targets: Vec<String> = (0..10_000).map(|i| format!("t{i}")).collect();
    let refs: Vec<&str> = targets.iter().map(String::as_str).collect();
    let mut model = Model::new("Fan out")
        .claim("hub", "The hub.")
        .supports(&refs);
    for target in &targets {
        model = model.claim(target, &format!("Target {target}."));
    }
    model
}

/// The hub of `fan_out`, with its 7,778th reference misspelt; the position of that
/// reference.
fn fan_out_one_dangling() -> (String, (usize, usize)) {
    let mut refs: Vec<String> = (0..10_000).map(|i| format!("t{i}")).collect();
    refs[7777] = "t7777x".to_owned();
    let mut text = format!(
        "{HEADER}claims:\n  - id: hub\n    text: The hub.\n    supports: [{}]\n",
        refs.join(", ")
    );
    for i in 0..10_000 {
        write!(text, "  - id: t{i}\n    text: Target {i}.\n").unwrap();
    }
    let at = locate(&text, "t7777x");
    (text, at)
}

fn utf16(text: &str, bom: bool, little_endian: bool) -> Vec<u8> {
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice(if little_endian {
            &[0xff, 0xfe]
        } else {
            &[0xfe, 0xff]
        });
    }
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&if little_endian {
            unit.to_le_bytes()
        } else {
            unit.to_be_bytes()
        });
    }
    bytes
}

fn crlf(text: &str) -> String {
    text.replace('\n', "\r\n")
}

fn with_bom(text: &str) -> Vec<u8> {
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    bytes
}

/// A map whose claims `h0`, `h1`, … carry `texts` and support `root`.
fn hostile_texts(title: &str, texts: &[&str]) -> Model {
    let mut model = Model::new(title).claim("root", "The claim everything bears on.");
    for (index, text) in texts.iter().enumerate() {
        model = model.claim(&format!("h{index}"), text).supports(&["root"]);
    }
    model
}

const MARKUP: [&str; 9] = [
    "</text><script>alert(1)</script>",
    "</title></g></svg><script>alert(2)</script>",
    "]]> <![CDATA[ x ]]>",
    "<!-- an unclosed comment",
    "a closing one --> and -- alone",
    "\"double\" 'single' & ampersand, AT&T, R&D;",
    "<b>bold</b> <i>html</i> <IMG SRC=\"file.png\">",
    "<svg onload=\"alert(3)\"> <a href=\"javascript:alert(4)\">x</a>",
    "<?xml version=\"1.0\"?> <!DOCTYPE x [ <!ENTITY e \"boom\"> ]> &e;",
];

/// Text that looks like XML/HTML character references; Graphviz decodes them in labels.
const ENTITIES: [&str; 4] = [
    "&amp; &lt; &gt; &quot; &apos;",
    "&#60;script&#62; &#x3C;/text&#x3E;",
    "&copy; &nbsp; &eacute; &hellip;",
    "AT&amp;T",
];

const FORMULAS: [&str; 9] = [
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "+1",
    "-1",
    "-5%",
    "@SUM(1)",
    "\tTab-leading cell",
    "\t=1+1",
    " =not a formula after a space",
];

/// Backslashes that Graphviz reads twice in a tooltip: `\N` the node's name, `\G` the
/// graph's, `\L` the label, `\E` the edge, `\\` one backslash.
const TOOLTIP_ESCAPES: [&str; 5] = [
    "\\N is not the node's name",
    "\\G is not the graph's name",
    "\\L is not the label",
    "\\E is not an edge",
    "two \\\\ backslashes",
];

const DOT_ESCAPES: [&str; 10] = [
    "\\l \\n \\r \\T \\H \\x",
    "\"; node [shape=box]; \"",
    "} { digraph x { a -> b }",
    "ends in a backslash \\",
    "backslash then quote \\\" then more",
    "\" -> \"root\" [color=red",
    "label=<<b>html</b>> <TABLE><TR><TD>x</TD></TR></TABLE>",
    "// not a comment /* nor this */ # nor this",
    "C:\\dir\\file.txt",
    "multi\nline\n\nwith a blank one",
];

const UNICODE: [&str; 11] = [
    "Bidi \u{202E}evil\u{202C} override and \u{202D}forced\u{202C}",
    "Isolates \u{2066}left\u{2069} \u{2067}right\u{2069} \u{2068}first\u{2069}",
    "zero\u{200B}width space, zero\u{200D}width joiner, \u{FEFF}byte-order mark inside",
    "Family 👨\u{200D}👩\u{200D}👧\u{200D}👦, wave 👋🏽, flag 🏳️\u{200D}🌈, coder 🧑🏿\u{200D}💻",
    "Combining e\u{301} a\u{308}\u{323} Z\u{335}\u{30C}\u{353}\u{31F}",
    "ایران هیچ نقشی در بمب‌گذاری نداشت",
    "שלום עולם, hello עולם",
    "مرحبا 123 بالعالم",
    "伊朗否认参与霍巴塔爆炸事件",
    "line\u{2028}separator and paragraph\u{2029}separator",
    "non\u{A0}breaking\u{202F}spaces",
];

/// Hostile text in every field that takes text: title, description, actor names,
/// source titles, quotes, locators, tags and notes.
fn hostile_everywhere() -> Model {
    Model::new("</title><script>alert(1)</script> \"Title\" & =1+1 \\N 🏳️\u{200D}🌈 \u{202E}")
        .description("-->\n<!-- description \\G ]]> =HYPERLINK(\"x\")\n\u{2066}שלום\u{2069}")
        .actor("node", "=Actor \"node\" <b> \\N & \u{202E}evil")
        .actor("edge", "@Actor <script>alert(1)</script> ]]> \\l")
        .source("graph", "+Source \"title\" </text> \\G & 伊朗")
        .claim("digraph", "=The conclusion, by an actor called node.")
        .with(|node| {
            node.by = Some("node".to_owned());
            node.tags = vec![
                "=tag".to_owned(),
                "<b>tag</b>".to_owned(),
                "\\N".to_owned(),
                "👋🏽".to_owned(),
            ];
            node.note = Some("-note with </text> and \\l and \u{200B}".to_owned());
        })
        .node(Kind::Rebuttal, "subgraph", "\tA rebuttal by edge.")
        .with(|node| {
            node.by = Some("edge".to_owned());
            node.note = Some("@note \"quoted\"".to_owned());
        })
        .rebuts(&["digraph"])
        .node(Kind::Evidence, "strict", "-Evidence from graph.")
        .with(|node| {
            node.source = Some("graph".to_owned());
            node.quote = Some("=\"quoted\" & <q>quote</q> \\n \u{202E}".to_owned());
            node.locator = Some("+p. 3 </text>".to_owned());
            node.tags = vec!["-".to_owned(), "@".to_owned()];
        })
        .supports(&["digraph"])
}

/// Ids as odd as the rules allow, including DOT keywords.
fn odd_ids() -> Model {
    let long = format!("_{}", "x-.".repeat(33));
    let ids = [
        "node",
        "edge",
        "graph",
        "digraph",
        "subgraph",
        "strict",
        "_",
        "0",
        "1.5",
        "a-b.c_d",
        "N",
        "G",
        "l",
        "__proto__",
        "constructor",
        "cluster_x",
        "x--y",
        "_-",
        "_...",
        "0x10",
        "1e3",
        long.as_str(),
    ];
    let mut model = Model::new("Odd ids").claim("root", "Root.");
    for id in ids {
        model = model
            .claim(id, &format!("The node named {id}."))
            .supports(&["root"]);
    }
    model
}

// ---------------------------------------------------------------------------------------
// The cases
// ---------------------------------------------------------------------------------------

/// One `#[test]` per case, named after it.
macro_rules! cases {
    ($($(#[$attribute:meta])* $name:ident => $case:expr;)+) => {
        $(
            $(#[$attribute])*
            #[test]
            fn $name() {
                run(stringify!($name), $case);
            }
        )+
    };
}

const ANCHORS: &str = "anchors and aliases";
const NESTED: &str = "nested more than 24 levels";
const NOT_UTF8: &str = "not valid UTF-8";
const NOT_A_STRING: &str = "an id must be a string";

/// A map whose `claims:` section is `items`.
fn claims(items: &str) -> String {
    format!("{HEADER}claims:\n{items}")
}

// YAML bombs, deep nesting, unclosed brackets and quotes.
cases! {
    bomb_billion_laughs => refused(billion_laughs(), "E001", (3, 5), ANCHORS);
    bomb_wide_alias_list => refused(wide_alias(), "E001", (3, 4), ANCHORS);
    bomb_merge_key_alias => refused(claims("  - <<: *a\n    text: x\n"), "E001", (4, 5), "merge keys");
    bomb_merge_key_inline =>
        refused(claims("  - <<: {id: a}\n    text: x\n"), "E001", (4, 5), "merge keys");
    bomb_anchor_on_scalar => refused("argmap: 1\ntitle: &t A title\n", "E001", (2, 8), ANCHORS);
    bomb_alias_without_anchor => refused("argmap: 1\ntitle: *t\n", "E001", (2, 8), ANCHORS);
    bomb_anchor_before_comment_with_ampersand => refused(
        format!("{HEADER}claims: &x # R&D\n  - id: a\n    text: x\n"), "E001", (3, 9), ANCHORS
    );
    nesting_flow_sequences_100k => refused(nested_flow("[", "]", 100_000), "E001", (3, 33), NESTED);
    nesting_flow_mappings_100k => refused(nested_flow("{", "}", 100_000), "E001", (3, 33), NESTED);
    nesting_flow_mapping_values_100k =>
        refused(nested_flow("{a: ", "}", 100_000), "E001", (3, 101), NESTED);
    nesting_flow_mixed_unclosed_100k =>
        refused(nested_flow("[{a: ", "", 100_000), "E001", (3, 69), NESTED);
    nesting_block_mappings_1000 => refused(nested_block(" ", |_| "a:"), "E001", (27, 25), NESTED);
    nesting_block_sequences_1000 => refused(nested_block("  ", |_| "-"), "E001", (27, 49), NESTED);
    nesting_block_sequence_one_line_1000 =>
        refused(claims(&format!("  {}x\n", "- ".repeat(1000))), "E001", (4, 49), NESTED);
    nesting_block_mixed_1000 => refused(
        nested_block("  ", |level| if level % 2 == 1 { "-" } else { "a:" }), "E001", (27, 49), NESTED
    );
    unclosed_bracket => refused(format!("{HEADER}claims: [\n"), "E001", (3, 9), "unclosed bracket '['");
    unclosed_brace => refused(format!("{HEADER}claims: {{\n"), "E001", (3, 9), "unclosed bracket '{'");
    unclosed_double_quote =>
        refused("argmap: 1\ntitle: \"A title\nclaims:\n", "E001", (2, 8), "unclosed quote");
    unclosed_single_quote =>
        refused("argmap: 1\ntitle: 'A title\nclaims:\n", "E001", (2, 8), "unclosed quote");
}

// Size limits.
const SIXTY_FOUR_MIB_PLUS_ONE: u64 = 64 * 1024 * 1024 + 1;

cases! {
    size_text_5_mb => valid_model(
        Model::new("Five megabytes").claim("big", &format!("{}end", "word ".repeat(1_000_000)))
    );
    size_plain_key_1_mb =>
        refused(format!("{HEADER}{}: 1\n", "k".repeat(1_000_000)), "E001", (3, 1), "not valid YAML");
    size_explicit_key_1_mb =>
        refused(format!("{HEADER}? {}\n: 1\n", "k".repeat(1_000_000)), "E002", (3, 3), "unknown field");
    size_id_100_chars => valid_model(
        Model::new("Longest id")
            .claim(&"a".repeat(100), "A claim.")
            .claim("b", "B.")
            .supports(&[&"a".repeat(100)])
    );
    size_id_101_chars => refused(
        claims(&format!("  - id: {}\n    text: x\n", "a".repeat(101))), "E006", (4, 9), "longer than 100"
    );
    size_id_200k_chars => refused(
        claims(&format!("  - id: {}\n    text: x\n", "a".repeat(200_000))), "E006", (4, 9), "longer than 100"
    );
    size_60k_nodes => valid_model(sixty_thousand());
    size_file_64_mib_plus_1 =>
        refused_file(Input::Sparse(SIXTY_FOUR_MIB_PLUS_ONE), "E001", "larger than 64 MiB")
            .mentions("split the map");
    size_file_64_mib_plus_1_refused_before_reading => Case {
        memory_kib: 48 * 1024,
        ..refused_file(Input::Sparse(SIXTY_FOUR_MIB_PLUS_ONE), "E001", "larger than 64 MiB")
    };
}

// Encodings.
const SMALL: &str = "argmap: 1\ntitle: Encodings\nclaims:\n  - id: a\n    text: x\n";
const DANGLING: &str = "argmap: 1\ntitle: T\nclaims:\n  - id: a\n    text: x\n    supports: [zz]\n";

fn utf32_le_with_bom(text: &str) -> Vec<u8> {
    let mut bytes = vec![0xff, 0xfe, 0, 0];
    bytes.extend(text.chars().flat_map(|c| u32::from(c).to_le_bytes()));
    bytes
}

cases! {
    encoding_utf16_le_bom => refused_file(Input::Bytes(utf16(SMALL, true, true)), "E001", "UTF-16");
    encoding_utf16_be_bom => refused_file(Input::Bytes(utf16(SMALL, true, false)), "E001", "UTF-16");
    encoding_utf16_le_no_bom => refused_file(Input::Bytes(utf16(SMALL, false, true)), "E001", "UTF-16");
    encoding_utf16_be_no_bom => refused_file(Input::Bytes(utf16(SMALL, false, false)), "E001", "UTF-16");
    encoding_utf32_le_bom => refused_file(Input::Bytes(utf32_le_with_bom(SMALL)), "E001", "UTF-32");
    encoding_latin1 => refused(
        &b"argmap: 1\ntitle: T\nclaims:\n  - id: a\n    text: caf\xe9 au lait\n"[..], "E001", (5, 14), NOT_UTF8
    );
    encoding_nul_byte => refused(
        &b"argmap: 1\ntitle: T\nclaims:\n  - id: a\n    text: ab\x00cd\n"[..], "E001", (5, 13), "NUL byte"
    );
    encoding_nul_first_byte => refused(&b"\x00argmap: 1\ntitle: T\n"[..], "E001", (1, 1), "NUL byte");
    encoding_invalid_after_multibyte => refused(
        ["argmap: 1\ntitle: 日本語 ".as_bytes(), b"\xc3\x28\n"].concat(), "E001", (2, 12), NOT_UTF8
    );
    encoding_surrogate_half =>
        refused(&b"argmap: 1\ntitle: \xed\xa0\x80\n"[..], "E001", (2, 8), NOT_UTF8);
    encoding_truncated_at_end => refused(&b"argmap: 1\ntitle: abc\xe2\x82"[..], "E001", (2, 11), NOT_UTF8);
    encoding_utf8_bom => valid(with_bom(&two_claims().to_yaml()), two_claims());
    encoding_bom_then_invalid_utf8 =>
        refused(&b"\xef\xbb\xbfargmap: 1\ntitle: \xff\n"[..], "E001", (2, 8), NOT_UTF8);
    encoding_bom_then_invalid_first_byte =>
        refused(&b"\xef\xbb\xbf\xffargmap: 1\ntitle: T\n"[..], "E001", (1, 1), NOT_UTF8);
    encoding_crlf => valid(crlf(&two_claims().to_yaml()), two_claims());
    encoding_bom_and_crlf => valid(with_bom(&crlf(&two_claims().to_yaml())), two_claims());
    encoding_crlf_dangling_reference => refused(crlf(DANGLING), "E008", (6, 16), "`zz` is not defined");
    encoding_bom_crlf_dangling_reference =>
        refused(with_bom(&crlf(DANGLING)), "E008", (6, 16), "`zz` is not defined");
    encoding_lone_cr_dangling_reference =>
        refused(DANGLING.replace('\n', "\r"), "E008", (6, 16), "`zz` is not defined");
    encoding_cr_inside_text =>
        refused(claims("  - id: a\n    text: \"\\rCR at the start\"\n"), "E017", (5, 11), "U+000D");
}

// YAML typing surprises in required fields.
cases! {
    typing_version_no => refused("argmap: no\ntitle: T\n", "E005", (1, 9), "found a string");
    typing_version_quoted =>
        refused("argmap: \"1\"\ntitle: T\n", "E004", (1, 9), "must be the integer 1");
    typing_version_float => refused("argmap: 1.0\ntitle: T\n", "E005", (1, 9), "found a number");
    typing_version_octal_looking =>
        refused("argmap: 010\ntitle: T\n", "E005", (1, 9), "unsupported format version 10");
    typing_version_exponent => refused("argmap: 1e3\ntitle: T\n", "E005", (1, 9), "found a number");
    typing_version_missing =>
        refused("title: T\nclaims:\n  - id: a\n    text: x\n", "E003", (1, 1), "`argmap`");
    typing_title_null => refused("argmap: 1\ntitle: ~\n", "E013", (2, 8), "found nothing");
    typing_title_nan => refused("argmap: 1\ntitle: .nan\n", "E004", (2, 8), "found a number");
    typing_title_on_and_text_no_are_strings => valid(
        "argmap: 1\ntitle: on\nclaims:\n  - id: a\n    text: no\n  - id: b\n    text: yes\n    supports: a\n",
        Model::new("on").claim("a", "no").claim("b", "yes").supports(&["a"])
    );
    typing_text_quoted_no => valid(
        "argmap: 1\ntitle: \"true\"\nclaims:\n  - id: a\n    text: \"no\"\n  - id: b\n    text: '1e3'\n    supports: a\n",
        Model::new("true").claim("a", "no").claim("b", "1e3").supports(&["a"])
    );
    typing_text_true => refused(claims("  - id: a\n    text: true\n"), "E004", (5, 11), "found a boolean");
    typing_id_octal_looking => refused(claims("  - id: 010\n    text: x\n"), "E004", (4, 9), NOT_A_STRING);
    typing_id_yes_is_a_string => valid(
        claims("  - id: yes\n    text: x\n  - id: no\n    text: y\n    supports: [yes]\n"),
        Model::new("Bad input").claim("yes", "x").claim("no", "y").supports(&["yes"])
    );
    typing_id_null => refused(claims("  - id: ~\n    text: x\n"), "E004", (4, 9), "found nothing");
    typing_id_true => refused(claims("  - id: true\n    text: x\n"), "E004", (4, 9), "found a boolean");
    typing_by_exponent => refused(
        format!("{HEADER}actors:\n  - id: us\n    name: Us\nclaims:\n  - id: a\n    text: x\n    by: 1e3\n"),
        "E004",
        (9, 9),
        NOT_A_STRING
    );
    typing_supports_number =>
        refused(claims("  - id: a\n    text: x\n    supports: 12\n"), "E004", (6, 15), "found a number");
}

// Tags, directives, documents, and files that are not a mapping.
cases! {
    tag_str => refused("argmap: 1\ntitle: !!str 12\n", "E001", (2, 8), "tags");
    tag_custom => refused(claims("  - !custom\n    id: a\n    text: x\n"), "E001", (4, 5), "tags");
    tag_binary => refused("argmap: 1\ntitle: !!binary VGFncw==\n", "E001", (2, 8), "tags");
    tag_on_sequence =>
        refused(format!("{HEADER}claims: !!seq\n  - id: a\n    text: x\n"), "E001", (3, 9), "tags");
    directive_yaml => refused("%YAML 1.2\n---\nargmap: 1\ntitle: T\n", "E001", (1, 1), "directive");
    directive_tag => refused(
        "%TAG !e! tag:example.com,2000:\n---\nargmap: 1\ntitle: T\n", "E001", (1, 1), "directive"
    );
    documents_two =>
        refused("---\nargmap: 1\ntitle: One\n---\nargmap: 1\ntitle: Two\n", "E001", (4, 1), "several");
    documents_end_marker_then_content =>
        refused("argmap: 1\ntitle: T\n...\nclaims: []\n", "E001", (4, 1), "several");
    documents_end_marker_at_end => valid(format!("{}...\n", two_claims().to_yaml()), two_claims());
    file_empty => refused("", "E001", (1, 1), "the file is empty");
    file_comment_only => refused("# nothing here\n  # at all\n", "E001", (1, 1), "the file is empty");
    file_whitespace_only => refused("  \n\t\n   \n", "E001", (1, 1), "the file is empty");
    file_top_level_list =>
        refused("- argmap: 1\n  title: T\n", "E001", (1, 1), "must be a mapping, found a list");
    file_top_level_scalar =>
        refused("hello world\n", "E001", (1, 1), "must be a mapping, found a string");
    file_top_level_null => refused("---\n~\n", "E001", (2, 1), "must be a mapping, found nothing");
    file_duplicate_key => refused("argmap: 1\ntitle: One\ntitle: Two\n", "E001", (3, 1), "appears twice");
}

// Graph pathologies.
cases! {
    graph_chain_50k => valid(chain_text(50_000, false), chain_model(50_000));
    graph_cycle_50k =>
        refused(chain_text(50_000, true), "E011", (3 + 3 * 50_000, 15), "circular support: c0 → c1 → c2")
            .mentions("(49989 more) → c49995 → c49996 → c49997 → c49998 → c49999 → c0")
            .mentions("this reference closes the cycle");
    graph_fan_out_10k => valid_model(fan_out());
    graph_fan_out_10k_one_dangling => {
        let (text, at) = fan_out_one_dangling();
        refused(text, "E008", at, "`t7777x` is not defined").mentions("did you mean `t7777`?")
    };
    graph_self_support => refused(
        claims("  - id: a\n    text: A.\n    supports: [b, a]\n  - id: b\n    text: B.\n"),
        "E010",
        (6, 19),
        "`a` supports itself"
    );
    graph_self_rebuttal => refused(
        claims("  - id: a\n    text: A.\nrebuttals:\n  - id: r\n    text: R.\n    rebuts: [a, r]\n"),
        "E010",
        (9, 17),
        "`r` rebuts itself"
    );
    graph_two_node_support_cycle => refused(
        claims("  - id: a\n    text: A.\n    supports: b\n  - id: b\n    text: B.\n    supports: a\n"),
        "E011",
        (9, 15),
        "circular support: a → b → a"
    );
    graph_rebuttal_cycle_is_valid => valid_model(
        Model::new("Rebuttals may answer each other")
            .claim("a", "A.")
            .node(Kind::Rebuttal, "r1", "R1.")
            .rebuts(&["a", "r2"])
            .node(Kind::Rebuttal, "r2", "R2.")
            .rebuts(&["r1"])
    );
}

// Hostile text in valid maps, through every export.
cases! {
    hostile_markup => valid_model(hostile_texts("Markup", &MARKUP));
    hostile_character_references =>
        valid_model(hostile_texts("Entities &amp; &#60;", &ENTITIES));
    hostile_formulas => valid_model(hostile_texts("=Formulas", &FORMULAS));
    hostile_dot_escapes => valid_model(hostile_texts("\\G \"DOT\" escapes", &DOT_ESCAPES));
    hostile_backslashes_in_graphviz_tooltips =>
        valid_model(hostile_texts("Tooltip escapes", &TOOLTIP_ESCAPES));
    hostile_unicode => valid_model(hostile_texts("Unicode \u{202E}title", &UNICODE));
    hostile_every_field => valid_model(hostile_everywhere());
    hostile_ids => valid_model(odd_ids());
}
