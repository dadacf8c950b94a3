//! From YAML to a [`Map`]: the shape of a map file, checked value by value.
//!
//! This stage knows the fields of SPEC §1. It reports what can be seen in a value on its
//! own — an unknown or missing field, a wrong type, a bad id, date or url, blank or
//! control-character text — and builds as much of the map as it can, so that
//! [`crate::validate`] can still check the references of a file that has other errors.

use crate::diagnostic::{Code, Diagnostic, did_you_mean, quoted};
use crate::model::{Actor, Id, Located, Map, Node, NodeKind, Source, Span};
use crate::source::SourceFile;
use crate::yaml::{self, Value, Yaml};

/// The longest id allowed.
pub const MAX_ID_LEN: usize = 100;

const TOP_FIELDS: &[&str] = &[
    "argmap",
    "title",
    "description",
    "actors",
    "sources",
    "claims",
    "rebuttals",
    "evidence",
];
const ACTOR_FIELDS: &[&str] = &["id", "name", "description"];
const SOURCE_FIELDS: &[&str] = &["id", "title", "author", "publisher", "date", "url"];
const NODE_FIELDS: &[&str] = &[
    "id", "text", "by", "source", "quote", "locator", "date", "tags", "supports", "rebuts", "note",
];

/// What the parser made of a file: the map (when the file was a YAML mapping at all)
/// and every finding.
pub struct Parsed {
    pub map: Option<Map>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses a map file.
pub fn parse(file: &SourceFile) -> Parsed {
    let tree = match yaml::parse(&file.text) {
        Ok(tree) => tree,
        Err(diagnostic) => {
            return Parsed {
                map: None,
                diagnostics: vec![diagnostic],
            };
        }
    };
    let mut parser = Parser {
        text: &file.text,
        diagnostics: Vec::new(),
    };
    let map = parser.map(tree);
    Parsed {
        map,
        diagnostics: parser.diagnostics,
    }
}

struct Parser<'a> {
    text: &'a str,
    diagnostics: Vec<Diagnostic>,
}

/// The entries of one YAML mapping, checked against the fields a context allows.
struct Fields<'a> {
    /// Each known key, as the name it matched, with its value.
    entries: Vec<(Located<&'static str>, Yaml<'a>)>,
    /// Where the mapping starts: its first key, or the mapping itself if empty.
    span: Span,
}

impl<'a> Fields<'a> {
    fn take(&mut self, name: &str) -> Option<Yaml<'a>> {
        let index = self.entries.iter().position(|(key, _)| key.value == name)?;
        Some(self.entries.remove(index).1)
    }
}

impl Parser<'_> {
    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn map(&mut self, tree: Yaml<'_>) -> Option<Map> {
        let Value::Mapping(_) = &tree.value else {
            let found = tree.value.describe();
            self.report(
                Diagnostic::new(
                    Code::E001,
                    format!("the top level of a map must be a mapping, found {found}"),
                )
                .at(tree.span)
                .with_help("a map starts with `argmap: 1` and a `title:`"),
            );
            return None;
        };
        let mut fields = self.fields(tree, "a map", TOP_FIELDS)?;
        let mut map = Map::default();

        match fields.take("argmap") {
            None => self.report(
                Diagnostic::new(
                    Code::E003,
                    "missing required field `argmap` (the format version)",
                )
                .at(fields.span)
                .with_help("start the file with `argmap: 1`"),
            ),
            Some(version) => self.version(version),
        }
        match fields.take("title") {
            Some(title) => map.title = self.text(title, "title").unwrap_or_default(),
            None => self.report(
                Diagnostic::new(Code::E003, "missing required field `title`")
                    .at(fields.span)
                    .with_help("add a `title:` that says what the map is about"),
            ),
        }
        map.description = fields
            .take("description")
            .and_then(|value| self.optional_text(value));

        // Sections are read in the order the file lists them, so nodes keep file order.
        for (key, value) in std::mem::take(&mut fields.entries) {
            let items = self.list_of_mappings(value, key.value);
            match key.value {
                "actors" => {
                    for item in items {
                        if let Some(actor) = self.actor(item) {
                            map.actors.push(actor);
                        }
                    }
                }
                "sources" => {
                    for item in items {
                        if let Some(source) = self.source(item) {
                            map.sources.push(source);
                        }
                    }
                }
                section => {
                    map.nodes.reserve(items.len());
                    let kind = match section {
                        "claims" => NodeKind::Claim,
                        "rebuttals" => NodeKind::Rebuttal,
                        _ => NodeKind::Evidence,
                    };
                    for item in items {
                        if let Some(node) = self.node(item, kind) {
                            map.nodes.push(node);
                        }
                    }
                }
            }
        }
        Some(map)
    }

    fn version(&mut self, version: Yaml<'_>) {
        match version.value {
            Value::Integer(1) => {}
            Value::Integer(other) => self.report(
                Diagnostic::new(Code::E005, format!("unsupported format version {other}"))
                    .at(version.span)
                    .with_label("this argmap reads version 1")
                    .with_help("write `argmap: 1`, or upgrade argmap"),
            ),
            Value::String(text) if text.trim() == "1" => self.report(
                Diagnostic::new(
                    Code::E004,
                    "the format version must be the integer 1, not a string",
                )
                .at(version.span)
                .with_help("write `argmap: 1` without quotes"),
            ),
            other => self.report(
                Diagnostic::new(
                    Code::E005,
                    format!(
                        "unsupported format version: expected the integer 1, found {}",
                        other.describe()
                    ),
                )
                .at(version.span)
                .with_help("write `argmap: 1`"),
            ),
        }
    }

    /// The entries of a mapping whose allowed keys are `known`. Unknown keys are reported
    /// (E002) and dropped. `None` when `value` is not a mapping (reported as E004).
    fn fields<'a>(
        &mut self,
        value: Yaml<'a>,
        what: &str,
        known: &[&'static str],
    ) -> Option<Fields<'a>> {
        let Value::Mapping(entries) = value.value else {
            self.report(
                Diagnostic::new(
                    Code::E004,
                    format!(
                        "expected {what} (a mapping of fields), found {}",
                        value.value.describe()
                    ),
                )
                .at(value.span),
            );
            return None;
        };
        let span = entries.first().map_or(value.span, |(key, _)| key.span);
        let mut fields = Fields {
            entries: Vec::with_capacity(entries.len()),
            span,
        };
        for (key, value) in entries {
            let Value::String(name) = key.value else {
                self.report(
                    Diagnostic::new(
                        Code::E004,
                        format!("a field name must be text, found {}", key.value.describe()),
                    )
                    .at(key.span),
                );
                continue;
            };
            if let Some(&known_name) = known.iter().find(|&&known_name| known_name == name) {
                fields
                    .entries
                    .push((Located::new(known_name, key.span), value));
            } else {
                let mut diagnostic = Diagnostic::new(
                    Code::E002,
                    format!("unknown field `{}` in {what}", quoted(&name)),
                )
                .at(key.span);
                diagnostic = match did_you_mean(&name, known.iter().copied()) {
                    Some(best) => diagnostic.with_help(format!("did you mean `{best}`?")),
                    None => diagnostic
                        .with_help(format!("the fields of {what} are: {}", known.join(", "))),
                };
                self.report(diagnostic);
            }
        }
        Some(fields)
    }

    /// The items of a section such as `claims:`; an empty section (`claims:`) has none.
    fn list_of_mappings<'a>(&mut self, value: Yaml<'a>, section: &str) -> Vec<Yaml<'a>> {
        match value.value {
            Value::Null => Vec::new(),
            Value::List(items) => items,
            other => {
                self.report(
                    Diagnostic::new(
                        Code::E004,
                        format!("`{section}` must be a list, found {}", other.describe()),
                    )
                    .at(value.span)
                    .with_help(format!(
                        "write each item of `{section}` on a line starting with `- `"
                    )),
                );
                Vec::new()
            }
        }
    }

    fn actor(&mut self, item: Yaml<'_>) -> Option<Actor> {
        let mut fields = self.fields(item, "an actor", ACTOR_FIELDS)?;
        let id = self.definition(&mut fields, "actor")?;
        let name = self.required_text(&mut fields, "name", "actor", &id);
        let description = fields
            .take("description")
            .and_then(|value| self.optional_text(value));
        Some(Actor {
            id,
            name: name.unwrap_or_default(),
            description,
        })
    }

    fn source(&mut self, item: Yaml<'_>) -> Option<Source> {
        let mut fields = self.fields(item, "a source", SOURCE_FIELDS)?;
        let id = self.definition(&mut fields, "source")?;
        let title = self.required_text(&mut fields, "title", "source", &id);
        let author = fields
            .take("author")
            .and_then(|value| self.optional_text(value));
        let publisher = fields
            .take("publisher")
            .and_then(|value| self.optional_text(value));
        let date = fields.take("date").and_then(|value| self.date(value));
        let url = fields.take("url").and_then(|value| self.url(value));
        Some(Source {
            id,
            title: title.unwrap_or_default(),
            author,
            publisher,
            date,
            url,
        })
    }

    fn node(&mut self, item: Yaml<'_>, kind: NodeKind) -> Option<Node> {
        let what = match kind {
            NodeKind::Claim => "a claim",
            NodeKind::Rebuttal => "a rebuttal",
            NodeKind::Evidence => "an evidence item",
        };
        let mut fields = self.fields(item, what, NODE_FIELDS)?;
        let span = fields.span;
        let id = self.definition(&mut fields, kind.as_str())?;
        let text = self.required_text(&mut fields, "text", kind.as_str(), &id);
        let by = fields
            .take("by")
            .and_then(|value| self.reference(value, "by"));
        let source = match fields.take("source") {
            Some(value) => self.reference(value, "source"),
            None => {
                if kind == NodeKind::Evidence {
                    self.report(
                        Diagnostic::new(
                            Code::E003,
                            format!("evidence `{}` has no `source`", id.value),
                        )
                        .at(id.span)
                        .with_help("add `source:` with the id of the document it comes from"),
                    );
                }
                None
            }
        };
        let quote = fields
            .take("quote")
            .and_then(|value| self.optional_text(value));
        let locator = fields.take("locator").and_then(|value| self.locator(value));
        let date = fields.take("date").and_then(|value| self.date(value));
        let tags = fields
            .take("tags")
            .map(|value| self.tags(value))
            .unwrap_or_default();
        let supports = fields
            .take("supports")
            .map(|value| self.references(value, "supports"))
            .unwrap_or_default();
        let rebuts_field = fields.take("rebuts");
        let rebuts_given = rebuts_field.is_some();
        let rebuts = rebuts_field
            .map(|value| self.references(value, "rebuts"))
            .unwrap_or_default();
        let note = fields
            .take("note")
            .and_then(|value| self.optional_text(value));

        if kind == NodeKind::Rebuttal && rebuts.is_empty() && !rebuts_given {
            self.report(
                Diagnostic::new(
                    Code::E003,
                    format!("rebuttal `{}` has no `rebuts`", id.value),
                )
                .at(id.span)
                .with_help("add `rebuts:` with the id of the node it argues against"),
            );
        } else if kind == NodeKind::Rebuttal && rebuts.is_empty() {
            self.report(
                Diagnostic::new(
                    Code::E003,
                    format!("rebuttal `{}` rebuts nothing: `rebuts` is empty", id.value),
                )
                .at(id.span)
                .with_help("list at least one node id in `rebuts:`"),
            );
        }
        if kind == NodeKind::Evidence && supports.is_empty() && rebuts.is_empty() {
            self.report(
                Diagnostic::new(
                    Code::E016,
                    format!(
                        "evidence `{}` neither supports nor rebuts anything",
                        id.value
                    ),
                )
                .at(id.span)
                .with_help("add `supports:` or `rebuts:` with the node it bears on"),
            );
        }
        Some(Node {
            kind,
            id,
            text: text.unwrap_or_default(),
            by,
            source,
            quote,
            locator,
            date,
            tags,
            supports,
            rebuts,
            note,
            span,
        })
    }

    /// The `id` of an actor, source or node. Without one the item cannot be referred
    /// to, so it is left out of the map after the error.
    fn definition(&mut self, fields: &mut Fields, what: &str) -> Option<Id> {
        match fields.take("id") {
            Some(value) => self.id(value),
            None => {
                self.report(
                    Diagnostic::new(
                        Code::E003,
                        format!("missing required field `id` in this {what}"),
                    )
                    .at(fields.span)
                    .with_help("add `id:` with a short unique name such as `irgc-involved`"),
                );
                None
            }
        }
    }

    /// An id, checked against the rules of SPEC §1 (E006), or a non-string (E004).
    fn id(&mut self, value: Yaml<'_>) -> Option<Id> {
        let text = match value.value {
            Value::String(text) => text,
            Value::Null => {
                self.report(
                    Diagnostic::new(Code::E004, "expected an id, found nothing").at(value.span),
                );
                return None;
            }
            other => {
                let written = self.source_text(value.span);
                self.report(
                    Diagnostic::new(
                        Code::E004,
                        format!("an id must be a string, found {}", other.describe()),
                    )
                    .at(value.span)
                    .with_help(format!("quote it: `\"{written}\"`")),
                );
                return None;
            }
        };
        if let Some(problem) = id_problem(&text) {
            self.report(
                Diagnostic::new(Code::E006, format!("invalid id `{}`: {problem}", quoted(&text)))
                    .at(value.span)
                    .with_help("an id is ASCII letters, digits, `_`, `-` and `.`, starts with a letter, digit or `_`, and has at most 100 characters"),
            );
            return None;
        }
        Some(Located::new(text.into_owned(), value.span))
    }

    /// A single id in `by:` or `source:`.
    fn reference(&mut self, value: Yaml<'_>, field: &str) -> Option<Id> {
        if let Value::List(_) = value.value {
            self.report(
                Diagnostic::new(Code::E004, format!("`{field}` takes one id, found a list"))
                    .at(value.span),
            );
            return None;
        }
        self.id(value)
    }

    /// `supports:` or `rebuts:`: one id or a list of ids.
    fn references(&mut self, value: Yaml<'_>, field: &str) -> Vec<Id> {
        match value.value {
            Value::List(items) => items.into_iter().filter_map(|item| self.id(item)).collect(),
            Value::String(_) => self.id(value).into_iter().collect(),
            other => {
                self.report(
                    Diagnostic::new(
                        Code::E004,
                        format!(
                            "`{field}` takes an id or a list of ids, found {}",
                            other.describe()
                        ),
                    )
                    .at(value.span)
                    .with_help(format!("write `{field}: [an-id, another-id]`")),
                );
                Vec::new()
            }
        }
    }

    fn tags(&mut self, value: Yaml<'_>) -> Vec<String> {
        match value.value {
            Value::List(items) => items
                .into_iter()
                .filter_map(|item| self.optional_text(item))
                .collect(),
            Value::String(_) => self.optional_text(value).into_iter().collect(),
            other => {
                self.report(
                    Diagnostic::new(
                        Code::E004,
                        format!("`tags` takes a list of labels, found {}", other.describe()),
                    )
                    .at(value.span)
                    .with_help("write `tags: [khobar, terrorism]`"),
                );
                Vec::new()
            }
        }
    }

    /// A required text field (`text`, `name`, `title`): reported missing (E003) or blank
    /// (E013).
    fn required_text(
        &mut self,
        fields: &mut Fields,
        field: &str,
        what: &str,
        id: &Id,
    ) -> Option<String> {
        match fields.take(field) {
            Some(value) => self.text(value, field),
            None => {
                self.report(
                    Diagnostic::new(
                        Code::E003,
                        format!("{what} `{}` has no `{field}`", id.value),
                    )
                    .at(id.span)
                    .with_help(format!("add `{field}:`")),
                );
                None
            }
        }
    }

    /// Text that must not be blank.
    fn text(&mut self, value: Yaml<'_>, field: &str) -> Option<String> {
        let span = value.span;
        let text = self.optional_text(value)?;
        if text.trim().is_empty() {
            self.report(
                Diagnostic::new(Code::E013, format!("`{field}` is blank"))
                    .at(span)
                    .with_help(format!("write the {field} out, or remove the item")),
            );
            return None;
        }
        Some(text)
    }

    /// Free text: a string without control characters (E017). A null is reported as a
    /// missing value of the wrong type.
    fn optional_text(&mut self, value: Yaml<'_>) -> Option<String> {
        let text = match value.value {
            Value::String(text) => text,
            Value::Null => {
                self.report(
                    Diagnostic::new(Code::E013, "expected text, found nothing")
                        .at(value.span)
                        .with_help("write the text, or remove the field"),
                );
                return None;
            }
            other => {
                let written = self.source_text(value.span);
                let mut diagnostic = Diagnostic::new(
                    Code::E004,
                    format!("expected text, found {}", other.describe()),
                )
                .at(value.span);
                if matches!(other, Value::Bool(_) | Value::Integer(_) | Value::Float(_)) {
                    diagnostic = diagnostic.with_help(format!("quote it: `\"{written}\"`"));
                }
                self.report(diagnostic);
                return None;
            }
        };
        // Control characters are C0, DEL and C1 (U+0080–U+009F, after a 0xC2 byte):
        // look at the characters only when a byte says there may be one.
        let may_have_control = text
            .bytes()
            .any(|b| (b < 0x20 && b != b'\t' && b != b'\n') || b == 0x7F || b == 0xC2);
        let control = if may_have_control {
            text.char_indices()
                .find(|&(_, c)| c.is_control() && c != '\t' && c != '\n')
        } else {
            None
        };
        if let Some((offset, control)) = control {
            self.report(
                Diagnostic::new(
                    Code::E017,
                    format!(
                        "control character U+{:04X} in text (at character {})",
                        u32::from(control),
                        text.get(..offset)
                            .map_or(0, |before| before.chars().count())
                            + 1
                    ),
                )
                .at(value.span)
                .with_help("remove it; only tabs and newlines are allowed in text"),
            );
            return None;
        }
        Some(text.into_owned())
    }

    /// A locator: text, or a bare page number.
    fn locator(&mut self, value: Yaml<'_>) -> Option<String> {
        match value.value {
            Value::Integer(number) => Some(number.to_string()),
            _ => self.optional_text(value),
        }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day (E014).
    fn date(&mut self, value: Yaml<'_>) -> Option<String> {
        let text = match &value.value {
            Value::Integer(year) => year.to_string(),
            Value::String(text) => text.to_string(),
            other => {
                self.report(
                    Diagnostic::new(
                        Code::E014,
                        format!(
                            "invalid date: expected YYYY, YYYY-MM or YYYY-MM-DD, found {}",
                            other.describe()
                        ),
                    )
                    .at(value.span),
                );
                return None;
            }
        };
        if let Err(problem) = check_date(&text) {
            self.report(
                Diagnostic::new(
                    Code::E014,
                    format!("invalid date `{}`: {problem}", quoted(&text)),
                )
                .at(value.span)
                .with_help("write YYYY, YYYY-MM or YYYY-MM-DD, e.g. `1999-06` or `1999-09-14`"),
            );
            return None;
        }
        Some(text)
    }

    /// An absolute `http` or `https` url (E015).
    fn url(&mut self, value: Yaml<'_>) -> Option<String> {
        let span = value.span;
        let text = self.optional_text(value)?;
        if let Err(problem) = check_url(&text) {
            self.report(
                Diagnostic::new(
                    Code::E015,
                    format!("invalid url `{}`: {problem}", quoted(&text)),
                )
                .at(span)
                .with_help("only absolute http:// and https:// urls are allowed"),
            );
            return None;
        }
        Some(text)
    }

    fn source_text(&self, span: Span) -> String {
        self.text
            .get(span.start..span.end)
            .unwrap_or("")
            .trim()
            .to_owned()
    }
}

/// Why `id` is not a valid id, if it is not.
pub fn id_problem(id: &str) -> Option<String> {
    let Some(first) = id.chars().next() else {
        return Some("it is empty".to_owned());
    };
    if id.chars().count() > MAX_ID_LEN {
        return Some(format!("it is longer than {MAX_ID_LEN} characters"));
    }
    if !(first.is_ascii_alphanumeric() || first == '_') {
        return Some(format!("it starts with `{}`", first.escape_debug()));
    }
    if let Some(bad) = id
        .chars()
        .find(|&c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.')))
    {
        let shown = if bad == ' ' {
            "a space".to_owned()
        } else {
            format!("`{}`", bad.escape_debug())
        };
        return Some(format!("it contains {shown}"));
    }
    None
}

fn check_date(text: &str) -> Result<(), String> {
    let parts: Vec<&str> = text.split('-').collect();
    if parts.len() > 3
        || parts
            .iter()
            .any(|part| part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("not of the form YYYY, YYYY-MM or YYYY-MM-DD".to_owned());
    }
    let mut parts = parts.into_iter();
    let year = parts.next().unwrap_or_default();
    if year.len() != 4 {
        return Err("the year must have four digits".to_owned());
    }
    let Some(month) = parts.next() else {
        return Ok(());
    };
    let month_number: u32 = month.parse().unwrap_or(0);
    if month.len() != 2 || !(1..=12).contains(&month_number) {
        return Err(format!("there is no month `{month}`"));
    }
    let Some(day) = parts.next() else {
        return Ok(());
    };
    let year_number: u32 = year.parse().unwrap_or(0);
    let leap = year_number.is_multiple_of(4)
        && (!year_number.is_multiple_of(100) || year_number.is_multiple_of(400));
    let days_in_month = match month_number {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    let day_number: u32 = day.parse().unwrap_or(0);
    if day.len() != 2 || !(1..=days_in_month).contains(&day_number) {
        return Err(format!("month {month} of {year} has no day `{day}`"));
    }
    Ok(())
}

fn check_url(text: &str) -> Result<(), String> {
    let lower = text.to_ascii_lowercase();
    let rest = if let Some(rest) = lower.strip_prefix("https://") {
        rest
    } else if let Some(rest) = lower.strip_prefix("http://") {
        rest
    } else {
        let scheme = text.split_once(':').map_or("", |(scheme, _)| scheme);
        return Err(if scheme.is_empty() || scheme.contains('/') {
            "it is not an absolute url".to_owned()
        } else {
            format!(
                "the scheme `{}` is not http or https",
                scheme.escape_debug()
            )
        });
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Err("it has no host".to_owned());
    }
    if text
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '"' | '<' | '>' | '\\' | '`'))
    {
        return Err("it contains a space, quote or control character".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_follow_the_spec() {
        assert_eq!(id_problem("irgc-involved"), None);
        assert_eq!(id_problem("_x.1"), None);
        assert_eq!(id_problem("9a"), None);
        assert!(id_problem("").is_some());
        assert!(id_problem("-x").unwrap().contains("starts with"));
        assert!(id_problem("a b").unwrap().contains("a space"));
        assert!(id_problem("é").is_some());
        assert!(id_problem(&"a".repeat(101)).unwrap().contains("longer"));
        assert_eq!(id_problem(&"a".repeat(100)), None);
    }

    #[test]
    fn dates_need_a_real_month_and_day() {
        for good in ["1999", "1999-06", "1999-09-30", "2000-02-29"] {
            assert_eq!(check_date(good), Ok(()), "{good}");
        }
        for bad in [
            "99",
            "1999-13",
            "1999-00",
            "1999-6",
            "1999-09-31",
            "1900-02-29",
            "1999-06-01-02",
            "June 1999",
            "1999--01",
        ] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn urls_are_http_or_https() {
        assert_eq!(check_url("https://nsarchive.gwu.edu/x?y=1#z"), Ok(()));
        assert_eq!(check_url("HTTP://example.org"), Ok(()));
        assert!(
            check_url("javascript:alert(1)")
                .unwrap_err()
                .contains("`javascript`")
        );
        assert!(check_url("file:///etc/passwd").is_err());
        assert!(check_url("https://").is_err());
        assert!(check_url("https://a b").is_err());
        assert!(check_url("example.org").is_err());
    }
}
