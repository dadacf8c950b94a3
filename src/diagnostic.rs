//! The one type every finding is reported as, and the stable codes of SPEC §2.
//!
//! A [`Diagnostic`] points at bytes of the source ([`Span`]); turning that into
//! `file:line:col`, a snippet or JSON is the job of [`crate::report`], the one renderer.

use std::fmt;

use crate::model::Span;

/// How bad a finding is. Errors fail `validate`; warnings fail it only with
/// `--deny-warnings`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// The stable diagnostic codes. Their meaning never changes; new findings get new codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// Not valid YAML, or YAML a map may not use (anchors, tags, several documents),
    /// or a file that is not UTF-8 or too large.
    E001,
    /// Unknown field.
    E002,
    /// Missing required field.
    E003,
    /// Wrong type.
    E004,
    /// Unsupported format version.
    E005,
    /// Invalid id.
    E006,
    /// Duplicate id.
    E007,
    /// Dangling reference.
    E008,
    /// Reference to the wrong kind of thing.
    E009,
    /// A node supports or rebuts itself.
    E010,
    /// Circular support.
    E011,
    /// A node both supports and rebuts the same target.
    E012,
    /// Empty or blank text, name or title.
    E013,
    /// Invalid date.
    E014,
    /// Invalid url.
    E015,
    /// Evidence that neither supports nor rebuts anything.
    E016,
    /// A control character in text.
    E017,
    /// Orphan node.
    W101,
    /// Actor or source never referenced.
    W102,
    /// Map has no nodes.
    W103,
    /// The same id listed twice in one relation.
    W104,
}

impl Code {
    pub const ALL: [Code; 21] = [
        Code::E001,
        Code::E002,
        Code::E003,
        Code::E004,
        Code::E005,
        Code::E006,
        Code::E007,
        Code::E008,
        Code::E009,
        Code::E010,
        Code::E011,
        Code::E012,
        Code::E013,
        Code::E014,
        Code::E015,
        Code::E016,
        Code::E017,
        Code::W101,
        Code::W102,
        Code::W103,
        Code::W104,
    ];

    pub fn severity(self) -> Severity {
        match self {
            Code::W101 | Code::W102 | Code::W103 | Code::W104 => Severity::Warning,
            _ => Severity::Error,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Code::E001 => "E001",
            Code::E002 => "E002",
            Code::E003 => "E003",
            Code::E004 => "E004",
            Code::E005 => "E005",
            Code::E006 => "E006",
            Code::E007 => "E007",
            Code::E008 => "E008",
            Code::E009 => "E009",
            Code::E010 => "E010",
            Code::E011 => "E011",
            Code::E012 => "E012",
            Code::E013 => "E013",
            Code::E014 => "E014",
            Code::E015 => "E015",
            Code::E016 => "E016",
            Code::E017 => "E017",
            Code::W101 => "W101",
            Code::W102 => "W102",
            Code::W103 => "W103",
            Code::W104 => "W104",
        }
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A secondary place that explains a finding, such as the first of two definitions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub message: String,
    /// The offending text; `None` for findings about the file as a whole.
    pub span: Option<Span>,
    /// A short note under the caret.
    pub label: Option<String>,
    pub related: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            message: message.into(),
            span: None,
            label: None,
            related: Vec::new(),
            help: None,
        }
    }

    pub fn severity(&self) -> Severity {
        self.code.severity()
    }

    pub fn at(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_related(mut self, span: Span, message: impl Into<String>) -> Self {
        self.related.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds a did-you-mean help when `wanted` is close to one of `candidates`.
    pub fn with_suggestion<'a>(
        self,
        wanted: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        match did_you_mean(wanted, candidates) {
            Some(best) => self.with_help(format!("did you mean `{best}`?")),
            None => self,
        }
    }
}

/// Text from the map as quoted in a message: escaped like Rust's `{:?}` without the
/// quotes, and cut after [`MAX_QUOTED_CHARS`] characters with `…`, so that a
/// 200,000-character id fills the snippet, not the terminal.
pub fn quoted(text: &str) -> String {
    let mut chars = text.chars();
    let mut shown: String = chars
        .by_ref()
        .take(MAX_QUOTED_CHARS)
        .flat_map(char::escape_debug)
        .collect();
    if chars.next().is_some() {
        shown.push('…');
    }
    shown
}

/// How much of a map's text [`quoted`] shows.
pub const MAX_QUOTED_CHARS: usize = 60;

/// The candidate closest to `wanted`, if one is close enough to be a likely typo.
///
/// Jaro–Winkler favours shared prefixes, which is how ids and field names are typed;
/// the threshold keeps unrelated names out. Ties go to the first candidate, so the
/// answer is deterministic.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for candidate in candidates {
        if candidate == wanted {
            continue;
        }
        let score = strsim::jaro_winkler(wanted, candidate);
        let case_only = candidate.eq_ignore_ascii_case(wanted);
        let score = if case_only { 1.0 } else { score };
        if score >= 0.8 && best.is_none_or(|(best_score, _)| score > best_score) {
            best = Some((score, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_known_name() {
        let fields = ["supports", "rebuts", "source", "text"];
        assert_eq!(did_you_mean("suports", fields), Some("supports"));
        assert_eq!(did_you_mean("rebut", fields), Some("rebuts"));
        assert_eq!(did_you_mean("colour", fields), None);
        assert_eq!(did_you_mean("Text", fields), Some("text"));
    }

    #[test]
    fn warnings_are_the_w_codes() {
        for code in Code::ALL {
            let is_warning = code.as_str().starts_with('W');
            assert_eq!(code.severity() == Severity::Warning, is_warning, "{code}");
        }
    }
}
