//! The one place that talks to the YAML parser (serde-saphyr).
//!
//! It turns text into a small tree of [`Yaml`] values, each with the byte [`Span`] it
//! was written at, so that every later finding can point at its text. The parser runs
//! under a deliberate budget: no anchors or aliases at all (a map never needs them, and
//! they are how YAML bombs work), a small nesting depth, strict booleans (`yes`/`no`/`on`
//! stay strings), and node and byte limits derived from the file's size, so that any
//! input ends quickly with a tree or an error.
//!
//! serde-saphyr, not serde_yaml: serde_yaml is deprecated, gives no positions for
//! values, and hangs or exhausts memory on small hostile files.

use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Budget, Error, Location, Options, Spanned};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Span;

/// Deepest nesting a map may use. A map needs four levels (top mapping, node list, node
/// mapping, id list); the rest is headroom for the error to point at the right place.
pub const MAX_DEPTH: usize = 24;

/// A YAML value with its span.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Yaml {
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value {
    Null,
    Bool(bool),
    Integer(i128),
    Float(f64),
    String(String),
    List(Vec<Yaml>),
    Mapping(Vec<(Yaml, Yaml)>),
}

impl Value {
    /// What the value is, for messages such as "expected a list, found a number".
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Null => "nothing (null)",
            Value::Bool(_) => "a boolean",
            Value::Integer(_) | Value::Float(_) => "a number",
            Value::String(_) => "a string",
            Value::List(_) => "a list",
            Value::Mapping(_) => "a mapping",
        }
    }
}

/// Parses `text` as one YAML document.
pub(crate) fn parse(text: &str) -> Result<Yaml, Diagnostic> {
    if text.trim().is_empty() || text.lines().all(is_blank_or_comment) {
        return Err(Diagnostic::new(Code::E001, "the file is empty")
            .at(Span::new(0, 0))
            .with_help("a map starts with `argmap: 1` and a `title:`"));
    }
    if let Some(span) = find_tag(text) {
        return Err(Diagnostic::new(
            Code::E001,
            "YAML tags (`!!binary`, `!custom`) are not allowed in a map",
        )
        .at(span)
        .with_label("tag")
        .with_help("remove the tag; quote the value if it must stay a string"));
    }
    let options = options_for(text.len());
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(raw) => Ok(convert(raw, text)),
        Err(error) => Err(explain(&error, text)),
    }
}

/// The span of the first explicit tag in `text`. serde-saphyr resolves the standard
/// tags (`!!str`, `!!binary`) silently, so they are looked for in the event stream.
/// Syntax errors end the search: the real parse reports them.
fn find_tag(text: &str) -> Option<Span> {
    use serde_saphyr::granit_parser::{Event, Parser};
    if !text.contains('!') {
        return None;
    }
    for event in Parser::new_from_str(text) {
        let Ok((event, span)) = event else {
            return None;
        };
        let tagged = match &event {
            Event::Scalar(_, _, _, tag)
            | Event::SequenceStart(_, _, tag)
            | Event::MappingStart(_, _, tag) => tag.is_some(),
            _ => false,
        };
        if tagged {
            let marker = span.tag_start().unwrap_or(span.start);
            let start = marker.byte_offset().unwrap_or(0).min(text.len());
            let end = text
                .get(start..)
                .and_then(|rest| rest.find(|c: char| c.is_whitespace()))
                .map_or(text.len(), |length| start + length);
            return Some(Span::new(start, end));
        }
    }
    None
}

fn is_blank_or_comment(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || line.starts_with('#')
}

fn options_for(file_len: usize) -> Options {
    // Every YAML node takes at least two bytes of text ("a," or "- "), so no valid
    // file has more nodes than this; the slack covers tiny files.
    let max_nodes = file_len / 2 + 1024;
    let mut budget = Budget::default();
    budget.max_reader_input_bytes = Some(file_len + 1);
    budget.max_events = max_nodes * 2 + 1024;
    budget.max_aliases = 0;
    budget.max_anchors = 0;
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_documents = 1;
    budget.max_nodes = max_nodes;
    budget.max_total_scalar_bytes = file_len + 1024;
    budget.max_merge_keys = 0;
    let mut options = Options::default();
    options.budget = Some(budget);
    options.strict_booleans = true;
    options.reject_unsupported_tags = true;
    options.reject_tagged_field_names = true;
    options.with_snippet = false;
    // `.nan` and `.inf` become numbers, so that a field that wants text says so (E004).
    options.non_finite_float_policy = serde_saphyr::NonFiniteFloatPolicy::PassThrough;
    options
}

/// The byte span of a location in `text`. serde-saphyr counts `offset()` in characters;
/// the byte offset is what slicing needs.
fn span_of(location: &Location, text: &str) -> Span {
    let span = location.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => {
            let start = usize::try_from(start).unwrap_or(usize::MAX).min(text.len());
            let end = start
                .saturating_add(usize::try_from(len).unwrap_or(0))
                .min(text.len());
            Span::new(start, end)
        }
        _ => {
            // Fall back to the character offset, converted to bytes.
            let chars = usize::try_from(span.offset()).unwrap_or(usize::MAX);
            let start = text
                .char_indices()
                .nth(chars)
                .map_or(text.len(), |(index, _)| index);
            Span::new(start, start)
        }
    }
}

/// Turns a parser error into an E001 diagnostic that says what a map author can do.
fn explain(error: &Error, text: &str) -> Diagnostic {
    let span = error.location().map(|location| span_of(&location, text));
    let raw = error.without_snippet().to_string();
    // The position is shown separately; drop serde-saphyr's " at line L, column C".
    let raw = match raw.rfind(" at line ") {
        Some(index) => raw.get(..index).unwrap_or(&raw).to_owned(),
        None => raw,
    };
    let lower = raw.to_lowercase();
    let (message, help) = if lower.contains("alias") || lower.contains("anchor") {
        (
            "anchors and aliases (`&name`, `*name`) are not allowed in a map".to_owned(),
            Some(
                "write the value out in full; a map never needs anchors, and refusing them keeps argmap safe from YAML bombs",
            ),
        )
    } else if lower.contains("merge") {
        (
            "merge keys (`<<`) are not allowed in a map".to_owned(),
            Some("write the fields out in full"),
        )
    } else if lower.contains("tag") {
        (
            "YAML tags (`!!binary`, `!custom`) are not allowed in a map".to_owned(),
            Some("remove the tag; quote the value if it must stay a string"),
        )
    } else if lower.contains("document") {
        (
            "a map is one YAML document, but the file holds several".to_owned(),
            Some("put each map in its own file, and remove the `---` or `...` separators"),
        )
    } else if lower.contains("duplicate mapping key") {
        let key = raw
            .split_once("key: ")
            .and_then(|(_, rest)| rest.split(", set").next())
            .unwrap_or("?");
        (
            format!("the key `{key}` appears twice in one mapping"),
            Some("each field may appear once; merge the two values"),
        )
    } else if lower.contains("depth") || lower.contains("nesting") || lower.contains("recursion") {
        (
            format!("the file is nested more than {MAX_DEPTH} levels deep"),
            Some("a map needs four levels: top, list, node, list of ids"),
        )
    } else if lower.contains("budget") {
        (
            format!("the file exceeds argmap's parsing limits ({raw})"),
            None,
        )
    } else if lower.contains("tabs") {
        (
            format!("not valid YAML: {raw}"),
            Some("YAML indentation uses spaces, not tabs"),
        )
    } else {
        (format!("not valid YAML: {raw}"), None)
    };
    let mut diagnostic = Diagnostic::new(Code::E001, message);
    if let Some(span) = span {
        diagnostic = diagnostic.at(span);
    }
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// The tree as serde-saphyr hands it over, with its own locations.
enum Raw {
    Null,
    Bool(bool),
    Integer(i128),
    Float(f64),
    String(String),
    List(Vec<Spanned<Raw>>),
    Mapping(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

/// Replaces serde-saphyr's locations with byte spans. Recursion is bounded by
/// [`MAX_DEPTH`], which the parser enforced.
fn convert(raw: Spanned<Raw>, text: &str) -> Yaml {
    let span = span_of(&raw.referenced, text);
    let value = match raw.value {
        Raw::Null => Value::Null,
        Raw::Bool(value) => Value::Bool(value),
        Raw::Integer(value) => Value::Integer(value),
        Raw::Float(value) => Value::Float(value),
        Raw::String(value) => Value::String(value),
        Raw::List(items) => {
            Value::List(items.into_iter().map(|item| convert(item, text)).collect())
        }
        Raw::Mapping(entries) => Value::Mapping(
            entries
                .into_iter()
                .map(|(key, value)| (convert(key, text), convert(value, text)))
                .collect(),
        ),
    };
    Yaml { value, span }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a YAML value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        Raw::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Raw, E> {
        Ok(Raw::Integer(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Raw, E> {
        Ok(Raw::Integer(value.into()))
    }

    fn visit_i128<E: de::Error>(self, value: i128) -> Result<Raw, E> {
        Ok(Raw::Integer(value))
    }

    fn visit_u128<E: de::Error>(self, value: u128) -> Result<Raw, E> {
        Ok(i128::try_from(value).map_or(Raw::Float(value as f64), Raw::Integer))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Raw, E> {
        Ok(Raw::Float(value))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Raw, E> {
        Ok(Raw::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Raw, E> {
        Ok(Raw::String(value))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Raw, E> {
        Err(E::custom("YAML tags such as !!binary are not allowed"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = access.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = access.next_entry::<Spanned<Raw>, Spanned<Raw>>()? {
            entries.push(entry);
        }
        Ok(Raw::Mapping(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> String {
        let yaml = parse(text).unwrap();
        let mut out = Vec::new();
        let mut stack = vec![yaml];
        while let Some(node) = stack.pop() {
            let snippet = &text[node.span.start..node.span.end];
            out.push(format!(
                "{:?}@{}..{}={snippet:?}",
                std::mem::discriminant(&node.value),
                node.span.start,
                node.span.end
            ));
            match node.value {
                Value::List(items) => stack.extend(items.into_iter().rev()),
                Value::Mapping(entries) => {
                    for (k, v) in entries.into_iter().rev() {
                        stack.push(v);
                        stack.push(k);
                    }
                }
                _ => {}
            }
        }
        out.join("\n")
    }

    #[test]
    fn probe() {
        println!(
            "{}",
            spans("a: 1\nb: [x, 'y', \"zé\"]\nc:\n  - id: q\n    t: |\n      hi\n")
        );
        for bad in [
            "a: &x 1\nb: *x\n",
            "a: !!binary aGk=\n",
            "a: !foo x\n",
            "a: 1\n---\nb: 2\n",
            "a: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]\n",
            "a:\n\tb: 1\n",
            "a: 1\na: 2\n",
            "- 1\n",
            "a: yes\nb: 010\nc: 1e3\nd: .nan\ne: ~\nf: 2001-01-01\n",
            "a: [1, 2\n",
            "a: !!str 12\n",
        ] {
            match parse(bad) {
                Ok(y) => println!("OK {bad:?} => {:?}", y.value),
                Err(d) => println!("ERR {bad:?} => {:?}", d),
            }
        }
    }
}
