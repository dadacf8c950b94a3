//! The one renderer of diagnostics, in the three formats of SPEC §2: human (a
//! compiler-style snippet with a caret), JSON, and GitHub Actions workflow commands.
//!
//! Each function returns a string; the binary decides where it goes.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Span;
use crate::source::SourceFile;

/// How many findings were reported over a run, for the summary line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Summary {
    pub fn add(&mut self, diagnostics: &[Diagnostic]) {
        self.files += 1;
        for diagnostic in diagnostics {
            match diagnostic.severity() {
                Severity::Error => self.errors += 1,
                Severity::Warning => self.warnings += 1,
            }
        }
    }

    /// `checked 3 maps: 1 error, 2 warnings`
    pub fn line(&self) -> String {
        fn plural(count: usize, word: &str) -> String {
            if count == 1 {
                format!("1 {word}")
            } else {
                format!("{count} {word}s")
            }
        }
        format!(
            "checked {}: {}, {}",
            plural(self.files, "map"),
            plural(self.errors, "error"),
            plural(self.warnings, "warning")
        )
    }
}

/// One diagnostic, as rustc would show it. `styled` adds ANSI colours.
pub fn human(file: &SourceFile, diagnostic: &Diagnostic, styled: bool) -> String {
    let level = match diagnostic.severity() {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let title = level
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code.as_str());
    let mut group = Group::with_title(title);
    match diagnostic.span {
        Some(span) => {
            group = group.element(snippet(file, span, diagnostic.label.as_deref(), true));
            for related in &diagnostic.related {
                group = group.element(snippet(file, related.span, Some(&related.message), false));
            }
        }
        None => {
            group = group.element(annotate_snippets::Origin::path(file.name.as_str()));
        }
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    let renderer = if styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    renderer.render(&[group])
}

/// A snippet of the lines around `span` only, so rendering does not scan the whole file.
fn snippet<'a>(
    file: &'a SourceFile,
    span: Span,
    label: Option<&'a str>,
    primary: bool,
) -> Snippet<'a, annotate_snippets::Annotation<'a>> {
    let lines = file.lines_around(span);
    let (line, _) = file.position(lines.start);
    let source = file.text.get(lines.start..lines.end).unwrap_or("");
    let start = span.start.saturating_sub(lines.start).min(source.len());
    let mut end = span
        .end
        .saturating_sub(lines.start)
        .clamp(start, source.len());
    if end == start {
        // Point at one character, so there is a caret to see.
        end = source
            .get(start..)
            .and_then(|rest| rest.chars().next())
            .map_or(start, |c| start + c.len_utf8());
    }
    let kind = if primary {
        AnnotationKind::Primary
    } else {
        AnnotationKind::Context
    };
    let mut annotation = kind.span(start..end);
    if let Some(label) = label {
        annotation = annotation.label(label);
    }
    Snippet::source(source)
        .line_start(line)
        .path(file.name.as_str())
        .annotation(annotation)
}

/// One diagnostic in JSON form, with fields in the order of SPEC §2.
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    file: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    severity: &'static str,
    code: &'static str,
    message: &'a str,
    help: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    diagnostics: Vec<JsonDiagnostic<'a>>,
    summary: Summary,
}

/// The whole run as one JSON document:
/// `{"diagnostics": [...], "summary": {"files", "errors", "warnings"}}`.
pub fn json(results: &[(&SourceFile, &[Diagnostic])], summary: Summary) -> String {
    let diagnostics = results
        .iter()
        .flat_map(|(file, diagnostics)| {
            diagnostics
                .iter()
                .map(move |diagnostic| (*file, diagnostic))
        })
        .map(|(file, diagnostic)| {
            let start = diagnostic.span.map(|span| file.position(span.start));
            let end = diagnostic
                .span
                .map(|span| file.position(span.end.max(span.start)));
            JsonDiagnostic {
                file: &file.name,
                line: start.map(|(line, _)| line),
                column: start.map(|(_, column)| column),
                end_line: end.map(|(line, _)| line),
                end_column: end.map(|(_, column)| column),
                severity: diagnostic.severity().as_str(),
                code: diagnostic.code.as_str(),
                message: &diagnostic.message,
                help: diagnostic.help.as_deref(),
            }
        })
        .collect();
    let report = JsonReport {
        diagnostics,
        summary,
    };
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}

/// One GitHub Actions workflow command: `::error file=F,line=L,col=C,title=E008::message`,
/// with the help, if any, on a second line of the message.
pub fn github(file: &SourceFile, diagnostic: &Diagnostic) -> String {
    let command = match diagnostic.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = format!("file={}", escape_property(&file.name));
    if let Some(span) = diagnostic.span {
        let (line, column) = file.position(span.start);
        properties.push_str(&format!(",line={line},col={column}"));
    }
    properties.push_str(&format!(",title={}", diagnostic.code));
    let mut message = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    format!("::{command} {properties}::{}\n", escape_data(&message))
}

/// GitHub's escaping for the message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// GitHub's escaping for a property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}
