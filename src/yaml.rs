//! The one place that talks to the YAML parser.
//!
//! It turns text into a small tree of [`Yaml`] values, each with the byte [`Span`] it
//! was written at, so that every later finding can point at its text. The events come
//! from `granit-parser`, the YAML parser inside serde-saphyr (and re-exported by it),
//! read under a deliberate budget: no anchors or aliases at all (a map never needs them,
//! and they are how YAML bombs work), no tags, one document, a small nesting depth, and
//! core-schema typing with strict booleans (`yes`, `no` and `on` stay strings). Every
//! input ends quickly with a tree or an error, in memory proportional to its size.
//!
//! Why the event stream and not `serde_saphyr::from_str::<Spanned<T>>`: a map needs the
//! span of every key and value, and wrapping every value in `Spanned` made parsing four
//! times slower (550 ms against 110 ms for a 10,000-node map, see BENCHMARKS.md). Why
//! not serde_yaml at all: it is deprecated, gives no positions for values, and hangs or
//! exhausts memory on small hostile files.

use std::borrow::Cow;
use std::collections::HashSet;
use std::num::NonZero;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use serde_saphyr::granit_parser::{self, Event, Parser, ScalarStyle, StructureStyle};

use crate::diagnostic::{Code, Diagnostic};
use crate::model::Span;

mod sections;

/// Deepest nesting a map may use. A map needs four levels (top mapping, node list, node
/// mapping, id list); the rest is headroom for the error to point at the right place.
pub const MAX_DEPTH: usize = 24;

/// A YAML value with its span. For a list or mapping, the span is its first token.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Yaml<'a> {
    pub value: Value<'a>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Value<'a> {
    Null,
    Bool(bool),
    Integer(i64),
    Float(f64),
    /// Borrowed from the file unless the YAML had to be unescaped or folded.
    String(Cow<'a, str>),
    List(Vec<Yaml<'a>>),
    Mapping(Vec<(Yaml<'a>, Yaml<'a>)>),
}

impl Value<'_> {
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

/// A list or mapping whose end has not been seen yet.
enum Open<'a> {
    List(Vec<Yaml<'a>>, Span),
    Mapping {
        entries: Vec<(Yaml<'a>, Yaml<'a>)>,
        key: Option<Yaml<'a>>,
        span: Span,
    },
}

/// Parses `text` as one YAML document.
///
/// A big file is cut between its top-level sections, or between the items of a long
/// list, and the pieces are parsed on as many threads as the machine has (see
/// [`sections`]); when the pieces cannot be trusted to give what one pass gives, the
/// same tree or the same first error, the file is parsed in one pass.
pub(crate) fn parse(text: &str) -> Result<Yaml<'_>, Diagnostic> {
    if text.lines().all(is_blank_or_comment) {
        return Err(Diagnostic::new(Code::E001, "the file is empty")
            .at(Span::new(0, 0))
            .with_help("a map starts with `argmap: 1` and a `title:`"));
    }
    if text.len() >= sections::PARALLEL_FROM {
        let threads = std::thread::available_parallelism().map_or(1, NonZero::get);
        let cuts = sections::cuts(text, threads.min(sections::MAX_PIECES));
        if let Some(answer) = sections::parse_pieces(text, &cuts) {
            return answer;
        }
    }
    one_pass(text)
}

/// What one pass over the whole file gives: the tree, or the first error.
fn one_pass(text: &str) -> Result<Yaml<'_>, Diagnostic> {
    parse_piece(text, 0..text.len(), 0, None)
        .map(|document| document.root)
        .map_err(|failure| failure.diagnostic)
}

/// Whether parsing `text` in pieces, cut at any one or two of its first 8 top-level key
/// lines and `- ` item lines, gives what one pass gives (the fuzzer's check on the
/// cuts).
#[doc(hidden)]
pub fn cutting_agrees(text: &str) -> Result<(), String> {
    sections::cutting_agrees(text, 8)
}

/// The tree of one piece of a file: all of it, a run of its top-level sections, or a
/// run of the items of a section's list.
struct Document<'a> {
    root: Yaml<'a>,
    /// Whether it ended with `...`: a piece after it would be a second document.
    explicit_end: bool,
    /// Whether the root is a block mapping whose keys start in column 0: only then can
    /// a key line after the piece continue the same mapping.
    flush_left_mapping: bool,
    /// Whether the root is a block list (`- ` items): the items of a section's list.
    block_list: bool,
    /// Whether its last scalar is a block scalar (`|`, `>`): where one ends depends on
    /// the lines after it, so the piece cannot end there.
    ends_in_block_scalar: bool,
}

/// Why a piece could not be read.
struct Failure {
    diagnostic: Diagnostic,
    /// Whether the top-level mapping was still open: the error lies among its sections,
    /// not after the end of the document.
    inside_root: bool,
}

/// Parses the piece `text[range]` as one document under argmap's budget, as if it were
/// nested `outer` levels deep. Every span, in the tree or in an error, is a byte range
/// of the whole `text`. When `stop` is set (another piece failed, so this one's answer
/// will not be used), it gives up early with a failure that is never taken.
fn parse_piece<'a>(
    text: &'a str,
    range: Range<usize>,
    outer: usize,
    stop: Option<&AtomicBool>,
) -> Result<Document<'a>, Failure> {
    let mut stack = Vec::new();
    read_events(text, range, outer, stop, &mut stack).map_err(|diagnostic| Failure {
        diagnostic,
        inside_root: !stack.is_empty() && !stop.is_some_and(|stop| stop.load(Ordering::Relaxed)),
    })
}

/// [`parse_piece`], with the lists and mappings still open left in `stack`.
fn read_events<'a>(
    text: &'a str,
    range: Range<usize>,
    outer: usize,
    stop: Option<&AtomicBool>,
    stack: &mut Vec<Open<'a>>,
) -> Result<Document<'a>, Diagnostic> {
    let base = range.start;
    let piece = text.get(range).unwrap_or_default();
    let mut options = granit_parser::Options::default();
    options.flow_nesting_limit = MAX_DEPTH;
    options.block_nesting_limit = MAX_DEPTH.saturating_sub(outer);
    options.disallow_directives = true;

    let mut root: Option<Yaml> = None;
    let mut documents = 0;
    let mut explicit_end = false;
    let mut flush_left_mapping = false;
    let mut block_list = false;
    let mut ends_in_block_scalar = false;
    for (count, event) in Parser::new_from_str_with_options(piece, options).enumerate() {
        if count % 4096 == 0 && stop.is_some_and(|stop| stop.load(Ordering::Relaxed)) {
            return Err(Diagnostic::new(
                Code::E001,
                "stopped: another piece of the file failed to parse",
            ));
        }
        let (event, span) = event.map_err(|error| syntax_error(&error, text, base))?;
        let start = offset(span.start, text, base);
        let end = offset(span.end, text, base).max(start);
        let here = Span::new(start, end);
        let node = match event {
            Event::StreamStart | Event::StreamEnd => continue,
            Event::DocumentEnd => {
                // An implicit end is empty; `...` is not.
                explicit_end = here.end > here.start;
                continue;
            }
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(Diagnostic::new(
                        Code::E001,
                        "a map is one YAML document, but the file holds several",
                    )
                    .at(here)
                    .with_help(
                        "put each map in its own file, and remove the `---` or `...` \
                         that separates them",
                    ));
                }
                continue;
            }
            Event::Alias(_) | Event::UnresolvedAlias(_) | Event::Anchor(..) => {
                return Err(anchors_refused(text, start));
            }
            Event::Scalar(value, style, anchor, tag) => {
                refuse_properties(text, base, &span, anchor, tag.is_some())?;
                ends_in_block_scalar = matches!(style, ScalarStyle::Literal | ScalarStyle::Folded);
                let is_key = matches!(stack.last(), Some(Open::Mapping { key: None, .. }));
                if is_key && style == ScalarStyle::Plain && value == "<<" {
                    return Err(Diagnostic::new(
                        Code::E001,
                        "merge keys (`<<`) are not allowed in a map",
                    )
                    .at(here)
                    .with_help("write the fields out in full"));
                }
                let value = match style {
                    ScalarStyle::Plain => resolve_plain(value),
                    _ => Value::String(value),
                };
                Yaml { value, span: here }
            }
            Event::SequenceStart(style, anchor, tag) => {
                refuse_properties(text, base, &span, anchor, tag.is_some())?;
                if stack.is_empty() {
                    block_list = style == StructureStyle::Block;
                }
                stack.push(Open::List(Vec::new(), here));
                check_depth(stack.len() + outer, here)?;
                continue;
            }
            Event::MappingStart(style, anchor, tag) => {
                refuse_properties(text, base, &span, anchor, tag.is_some())?;
                if stack.is_empty() {
                    flush_left_mapping = style == StructureStyle::Block
                        && (here.start == 0 || text.as_bytes().get(here.start - 1) == Some(&b'\n'));
                }
                stack.push(Open::Mapping {
                    entries: Vec::new(),
                    key: None,
                    span: here,
                });
                check_depth(stack.len() + outer, here)?;
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Open::List(items, span)) => Yaml {
                    value: Value::List(items),
                    span,
                },
                Some(Open::Mapping { entries, span, .. }) => {
                    refuse_duplicate_keys(&entries)?;
                    Yaml {
                        value: Value::Mapping(entries),
                        span,
                    }
                }
                None => continue,
            },
            // Comments and events of future parser versions carry no value.
            _ => continue,
        };
        match stack.last_mut() {
            None => root = Some(node),
            Some(Open::List(items, _)) => items.push(node),
            Some(Open::Mapping { entries, key, .. }) => match key.take() {
                Some(key) => entries.push((key, node)),
                None => *key = Some(node),
            },
        }
    }
    match root {
        Some(root) => Ok(Document {
            root,
            explicit_end,
            flush_left_mapping,
            block_list,
            ends_in_block_scalar,
        }),
        None => Err(Diagnostic::new(Code::E001, "the file is empty")
            .at(Span::new(0, 0))
            .with_help("a map starts with `argmap: 1` and a `title:`")),
    }
}

/// Where a parser position in the piece starting at `base` lies in `text`.
fn offset(marker: granit_parser::Marker, text: &str, base: usize) -> usize {
    marker
        .byte_offset()
        .map_or(base, |at| base.saturating_add(at))
        .min(text.len())
}

/// Where the line holding byte `at` of `text` starts.
fn line_start(text: &str, at: usize) -> usize {
    text.get(..at)
        .and_then(|before| before.rfind('\n'))
        .map_or(0, |newline| newline + 1)
}

fn is_blank_or_comment(line: &str) -> bool {
    let line = line.trim();
    line.is_empty() || line.starts_with('#')
}

fn check_depth(depth: usize, here: Span) -> Result<(), Diagnostic> {
    if depth > MAX_DEPTH {
        return Err(Diagnostic::new(
            Code::E001,
            format!("the file is nested more than {MAX_DEPTH} levels deep"),
        )
        .at(here)
        .with_help("a map needs four levels: top, list, node, list of ids"));
    }
    Ok(())
}

/// Refuses an anchor (`&a`) or tag (`!!str`, `!custom`) on a node.
fn refuse_properties(
    text: &str,
    base: usize,
    span: &granit_parser::Span,
    anchor: usize,
    tagged: bool,
) -> Result<(), Diagnostic> {
    if anchor != 0 {
        // The anchor token comes before the node; find the `&` that starts it.
        let node_start = offset(span.start, text, base);
        let anchor_start = text
            .get(..node_start)
            .and_then(anchor_before)
            .unwrap_or(node_start);
        return Err(anchors_refused(text, anchor_start));
    }
    if tagged {
        let marker = span.tag_start().unwrap_or(span.start);
        let start = offset(marker, text, base);
        return Err(Diagnostic::new(
            Code::E001,
            "YAML tags (`!!binary`, `!custom`) are not allowed in a map",
        )
        .at(Span::new(start, token_end(text, start)))
        .with_label("tag")
        .with_help("remove the tag; quote the value if it must stay a string"));
    }
    Ok(())
}

/// Where the last anchor (`&name`) in `before` starts: the last `&` that begins a
/// token and is not in a comment (`claims: &x  # R&D` has its anchor at `&x`). Line by
/// line from the end, each line looked at once.
fn anchor_before(before: &str) -> Option<usize> {
    let mut line_end = before.len();
    loop {
        let line_start = line_start(before, line_end);
        let line = before.get(line_start..line_end).unwrap_or_default();
        // Drop a comment: `#` at the start of the line or after a space or tab.
        let code = match line.find('#') {
            Some(0) => "",
            _ => line
                .match_indices(" #")
                .chain(line.match_indices("\t#"))
                .map(|(at, _)| at)
                .min()
                .and_then(|at| line.get(..at))
                .unwrap_or(line),
        };
        let anchor = code.rmatch_indices('&').map(|(at, _)| at).find(|&at| {
            code.get(..at)
                .and_then(|head| head.chars().next_back())
                .is_none_or(|c| c.is_whitespace() || matches!(c, ':' | '-' | '[' | '{' | ','))
        });
        if let Some(at) = anchor {
            return Some(line_start + at);
        }
        if line_start == 0 {
            return None;
        }
        line_end = line_start - 1;
    }
}

fn anchors_refused(text: &str, start: usize) -> Diagnostic {
    Diagnostic::new(
        Code::E001,
        "anchors and aliases (`&name`, `*name`) are not allowed in a map",
    )
    .at(Span::new(start, token_end(text, start)))
    .with_help("write the value out in full; a map never needs anchors, and refusing them keeps argmap safe from YAML bombs")
}

/// The end of the token starting at `start`: the next space, comma or bracket.
fn token_end(text: &str, start: usize) -> usize {
    text.get(start..)
        .and_then(|rest| rest.find(|c: char| c.is_whitespace() || matches!(c, ',' | ']' | '}')))
        .map_or(text.len(), |length| start + length)
}

/// YAML allows a key once per mapping; a second one would silently win elsewhere.
fn refuse_duplicate_keys(entries: &[(Yaml<'_>, Yaml<'_>)]) -> Result<(), Diagnostic> {
    let mut seen: HashSet<&str> = HashSet::new();
    for (index, (key, _)) in entries.iter().enumerate() {
        let Some(name) = name_of(key) else {
            continue;
        };
        // Node mappings have a handful of keys: compare directly; hash only big ones.
        let repeated = if entries.len() <= 16 {
            entries
                .iter()
                .take(index)
                .any(|(other, _)| name_of(other) == Some(name))
        } else {
            !seen.insert(name)
        };
        if repeated {
            let first = entries
                .iter()
                .find(|(other, _)| name_of(other) == Some(name))
                .map_or(key.span, |(other, _)| other.span);
            return Err(Diagnostic::new(
                Code::E001,
                format!("the key `{name}` appears twice in one mapping"),
            )
            .at(key.span)
            .with_related(first, "first here")
            .with_help("each field may appear once; merge the two values"));
        }
    }
    Ok(())
}

fn name_of<'k>(key: &'k Yaml<'_>) -> Option<&'k str> {
    match &key.value {
        Value::String(name) => Some(name),
        _ => None,
    }
}

/// A scanner or parser error, with the parser's words and its position.
fn syntax_error(error: &granit_parser::ScanError, text: &str, base: usize) -> Diagnostic {
    let at = offset(*error.marker(), text, base);
    let raw = error.to_string();
    // The position is shown separately; drop the parser's " at byte B line L column C".
    let raw = match raw.find(" at ") {
        Some(index) => raw.get(..index).unwrap_or(&raw).to_owned(),
        None => raw,
    };
    let lower = raw.to_lowercase();
    if lower.contains("unknown anchor") {
        // An alias without its anchor: the parser would have the user add the anchor,
        // which argmap refuses next. Say what is wrong with both.
        let star = text
            .get(..=at)
            .and_then(|before| before.rfind('*'))
            .unwrap_or(at);
        return anchors_refused(text, star);
    }
    if lower.contains("nesting") || lower.contains("recursion") || lower.contains("depth") {
        return Diagnostic::new(
            Code::E001,
            format!("the file is nested more than {MAX_DEPTH} levels deep"),
        )
        .at(Span::new(at, at))
        .with_help("a map needs four levels: top, list, node, list of ids");
    }
    if let Some(tab) = offending_tab(error.kind(), text, at) {
        // The parser's words name what it was reading ("while scanning a plain
        // scalar"); the user needs to hear about the tab.
        return Diagnostic::new(Code::E001, "not valid YAML: a tab in the indentation")
            .at(Span::new(tab, tab))
            .with_help("YAML indentation uses spaces, not tabs");
    }
    let help = if lower.contains("tab") {
        Some("YAML indentation uses spaces, not tabs")
    } else if lower.contains("directive") {
        Some("remove the `%` directive; a map is plain YAML")
    } else {
        None
    };
    let mut diagnostic =
        Diagnostic::new(Code::E001, format!("not valid YAML: {raw}")).at(Span::new(at, at));
    if let Some(help) = help {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// The tab a tab error is about. The parser reports where it was when it gave up: the
/// start of the plain scalar a tab-indented line would have continued, the `>` or `|`
/// of a block scalar, or the column after the tab; the user needs the tab itself.
/// - A tab error reported on a tab: that tab.
/// - Other tab errors: the first tab in the indentation of a line, from the reported
///   line on, that has content after it (comment lines may be indented with tabs).
/// - A block scalar starting with a tab: the tab that starts its first line.
/// - A block mapping or list missing its next key or `-` at the end of a tab-indented
///   line's indentation: that tab.
///
/// `None` if no such tab is found, and the reported position stands.
fn offending_tab(kind: &granit_parser::ErrorKind, text: &str, at: usize) -> Option<usize> {
    use granit_parser::ErrorKind;
    enum Search {
        BlockScalarStart,
        Indentation,
        ReportedLine,
    }
    let search = match kind {
        ErrorKind::TabAtBlockScalarStart => Search::BlockScalarStart,
        ErrorKind::TabInPlainScalar
        | ErrorKind::TabInBlockIndentation
        | ErrorKind::TabInIndentation
        | ErrorKind::TabNotAllowed => Search::Indentation,
        ErrorKind::ExpectedBlockMappingKey | ErrorKind::ExpectedBlockSequenceEntry => {
            Search::ReportedLine
        }
        _ => return None,
    };
    if matches!(search, Search::Indentation) && text.as_bytes().get(at) == Some(&b'\t') {
        return Some(at);
    }
    let mut start = line_start(text, at);
    for (index, line) in text.get(start..)?.split('\n').enumerate() {
        let content = line.trim_start_matches([' ', '\t']);
        let indentation = line.get(..line.len() - content.len()).unwrap_or_default();
        let content = content.trim_end_matches('\r');
        let tab = indentation
            .find('\t')
            .filter(|_| !content.is_empty() && !content.starts_with('#'));
        match search {
            Search::BlockScalarStart if index == 1 => {
                return line.starts_with('\t').then_some(start);
            }
            Search::BlockScalarStart => {}
            Search::Indentation => {
                if let Some(tab) = tab {
                    return Some(start + tab);
                }
            }
            Search::ReportedLine => {
                let in_indentation = at <= start + indentation.len();
                return tab.filter(|_| in_indentation).map(|tab| start + tab);
            }
        }
        start += line.len() + 1;
    }
    None
}

/// The type of a plain (unquoted) scalar under the YAML 1.2 core schema, with strict
/// booleans: `true`/`false` only, so `yes`, `no`, `on` and `off` stay strings.
fn resolve_plain(value: Cow<'_, str>) -> Value<'_> {
    let text: &str = &value;
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => (-1, rest),
        None => (1, text.strip_prefix('+').unwrap_or(text)),
    };
    if matches!(digits, ".inf" | ".Inf" | ".INF") {
        return Value::Float(f64::INFINITY * f64::from(sign));
    }
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        // Integers beyond i64 are still numbers, just not exact ones.
        return text.parse::<i64>().map_or_else(
            |_| Value::Float(f64::from(sign) * f64::INFINITY),
            Value::Integer,
        );
    }
    if let Some(Ok(value)) = text
        .strip_prefix("0x")
        .map(|hex| i64::from_str_radix(hex, 16))
    {
        return Value::Integer(value);
    }
    if let Some(Ok(value)) = text
        .strip_prefix("0o")
        .map(|octal| i64::from_str_radix(octal, 8))
    {
        return Value::Integer(value);
    }
    if is_core_float(digits)
        && let Ok(value) = text.parse::<f64>()
    {
        return Value::Float(value);
    }
    Value::String(value)
}

/// `[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?` or `\.[0-9]+(...)?`, without the sign.
fn is_core_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(index) => (text.get(..index).unwrap_or(""), text.get(index + 1..)),
        None => (text, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty());
    let exponent_ok = exponent.is_none_or(|exponent| {
        let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        !exponent.is_empty() && digits(exponent)
    });
    mantissa_ok && exponent_ok && mantissa.contains('.') | exponent.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchor_caret_skips_comments_in_linear_time() {
        // Each `&` in the comment once cost a scan back to the line start: quadratic.
        let text = format!("claims: &x # {}\n  - id: a\n", "&".repeat(1_000_000));
        let node = text.find("  -").unwrap();
        assert_eq!(anchor_before(&text[..node]), Some(8));
        assert_eq!(anchor_before("a: b # R&D\n"), None);
    }

    fn entries(text: &str) -> Vec<(Yaml<'_>, Yaml<'_>)> {
        match parse(text).unwrap().value {
            Value::Mapping(entries) => entries,
            other => panic!("not a mapping: {other:?}"),
        }
    }

    fn slice(text: &str, span: Span) -> &str {
        &text[span.start..span.end]
    }

    #[test]
    fn spans_are_byte_ranges_of_the_written_text() {
        let text = "é: 1\nb: [x, 'y', \"zé\"]\n";
        let entries = entries(text);
        assert_eq!(slice(text, entries[0].0.span), "é");
        assert_eq!(slice(text, entries[0].1.span), "1");
        let Value::List(items) = &entries[1].1.value else {
            panic!("not a list")
        };
        let written: Vec<&str> = items.iter().map(|item| slice(text, item.span)).collect();
        assert_eq!(written, ["x", "'y'", "\"zé\""]);
        assert_eq!(items[2].value, Value::String("zé".into()));
    }

    #[test]
    fn yaml_typing_surprises_stay_visible() {
        let text = "a: yes\nb: no\nc: 1e3\nd: .nan\ne: ~\nf: 1999-06\ng: true\nh: 010\n";
        let values: Vec<Value> = entries(text)
            .into_iter()
            .map(|(_, value)| value.value)
            .collect();
        assert_eq!(values[0], Value::String("yes".into()));
        assert_eq!(values[1], Value::String("no".into()));
        assert!(matches!(values[2], Value::Float(_) | Value::Integer(_)));
        assert!(matches!(values[3], Value::Float(value) if value.is_nan()));
        assert_eq!(values[4], Value::Null);
        assert_eq!(values[5], Value::String("1999-06".into()));
        assert_eq!(values[6], Value::Bool(true));
        assert!(matches!(values[7], Value::Float(_) | Value::Integer(_)));
    }

    #[test]
    fn refuses_what_a_map_never_needs() {
        let cases = [
            ("a: &x 1\nb: *x\n", "anchors and aliases"),
            ("a: !!binary aGk=\n", "tags"),
            ("a: !!str 12\n", "tags"),
            ("a: !custom x\n", "tags"),
            ("a: 1\n---\nb: 2\n", "several"),
            ("a: 1\na: 2\n", "appears twice"),
            ("a: {<<: {b: 1}}\n", "merge keys"),
            ("%YAML 1.2\n---\na: 1\n", "not valid YAML"),
            ("a:\n\tb: 1\n", "not valid YAML"),
            ("a: [1, 2\n", "not valid YAML"),
            ("", "empty"),
            ("# only a comment\n\n", "empty"),
        ];
        for (text, expected) in cases {
            let error = parse(text).unwrap_err();
            assert_eq!(error.code, Code::E001, "{text:?}");
            assert!(
                error.message.contains(expected),
                "{text:?}: {}",
                error.message
            );
        }
    }

    #[test]
    fn a_tab_error_points_at_the_tab() {
        // `^` marks where the caret must be: on the tab, not on the scalar or block
        // the parser was reading when it met it.
        let cases = [
            "list:\n^\t- a\n",
            "list:\n  - id: a\n^\t  text: b\n",
            "a: first line\n  \t# a comment indented with a tab is fine\n^\tb: 2\n",
            "a: >\n^\tfolded\n",
            "a:\n^\t b\n",
            "a: b\r\n^\tc: d\r\n",
        ];
        for case in cases {
            let tab = case.find('^').unwrap();
            let text = case.replacen('^', "", 1);
            let error = parse(&text).unwrap_err();
            assert_eq!(
                error.span.map(|span| span.start),
                Some(tab),
                "{text:?}: {error:?}"
            );
            assert_eq!(error.message, "not valid YAML: a tab in the indentation");
            assert_eq!(
                error.help.as_deref(),
                Some("YAML indentation uses spaces, not tabs"),
                "{text:?}"
            );
        }
        // A flow collection may be indented with tabs: its errors are not the tab's.
        let error = parse("a: [b,\n\t}\n").unwrap_err();
        assert_eq!(
            (error.span.map(|span| span.start), error.help),
            (Some(3), None)
        );
        // A tab inside a scalar or after a colon is allowed.
        for text in ["a: b\tc\n", "a:\tb\n", "a: |\n  x\n  \ty\n"] {
            assert!(parse(text).is_ok(), "{text:?}");
        }
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let depth = 100_000;
        let text = format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth));
        let error = parse(&text).unwrap_err();
        assert!(error.message.contains("nested"), "{}", error.message);
        let text = format!("a: {}1{}\n", "{b: ".repeat(depth), "}".repeat(depth));
        assert_eq!(parse(&text).unwrap_err().code, Code::E001);
    }

    #[test]
    fn alias_bombs_are_refused_at_the_first_anchor() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for level in 1..10 {
            let previous = level - 1;
            text.push_str(&format!("a{level}: &a{level} [*a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}, *a{previous}]\n"));
        }
        let error = parse(&text).unwrap_err();
        assert!(error.message.contains("anchors"), "{}", error.message);
    }
}
