//! The command line: one file per subcommand, each with its arguments and its `run`.
//! This is the only code that prints.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod build;
mod export;
mod interrupt;
mod validate;

/// Check argument maps written in YAML, and turn them into diagrams and tables.
#[derive(Parser)]
#[command(name = "argmap", version, about, max_term_width = 100)]
struct Cli {
    /// When to use colours in messages.
    #[arg(long, value_enum, default_value_t = Color::Auto, global = true)]
    color: Color,

    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Validate(validate::Args),
    Export(export::Args),
    Build(build::Args),
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    Always,
    Never,
}

/// The exit statuses of every command (SPEC §2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Success; warnings allowed.
    Success = 0,
    /// The input has errors (or warnings, with `--deny-warnings`), or exports are stale.
    Findings = 1,
    /// Usage error, or a file that cannot be read or written.
    Failure = 2,
    /// `build` or `export` stopped by SIGINT, SIGTERM or SIGHUP (128 + SIGINT, as a
    /// shell reports Ctrl-C); what was written is complete, the rest untouched.
    Interrupted = 130,
}

impl Status {
    /// The worse of two statuses.
    pub fn max(self, other: Status) -> Status {
        if other as u8 > self as u8 {
            other
        } else {
            self
        }
    }
}

pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            // clap prints help and version to stdout (exit 0), usage errors to stderr.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                Status::Failure as u8
            } else {
                0
            });
        }
    };
    match cli.color {
        Color::Auto => {}
        Color::Always => anstream::ColorChoice::Always.write_global(),
        Color::Never => anstream::ColorChoice::Never.write_global(),
    }
    let result = match cli.command {
        Command::Validate(args) => validate::run(args),
        Command::Export(args) => export::run(args),
        Command::Build(args) => build::run(args),
    };
    match result {
        Ok(status) => ExitCode::from(status as u8),
        // A closed pipe (`argmap export … | head`) is a quiet end, not an error.
        Err(error) if error.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(anstream::stderr(), "error: {error}");
            ExitCode::from(Status::Failure as u8)
        }
    }
}

/// A map file read and checked: its text, its findings, and the map when it has no
/// errors.
pub struct Checked {
    pub file: argmap::source::SourceFile,
    pub diagnostics: Vec<argmap::diagnostic::Diagnostic>,
    pub graph: Option<argmap::graph::ArgumentGraph>,
}

/// A map file as read: its text, or its text and why it was refused (not UTF-8, too
/// large) before any check.
pub enum Read {
    Text(argmap::source::SourceFile),
    Refused(argmap::source::SourceFile, argmap::diagnostic::Diagnostic),
}

/// Reads one map. `Err` is an I/O error reading it (exit 2), already reported.
pub fn read(path: &std::path::Path) -> io::Result<Result<Read, Status>> {
    use argmap::source::{ReadError, SourceFile};
    Ok(Ok(match SourceFile::read(path) {
        Ok(file) => Read::Text(file),
        Err(ReadError::Refused { file, diagnostic }) => Read::Refused(*file, diagnostic),
        Err(ReadError::Io(error)) => {
            report_failure(format_args!("cannot read `{}`: {error}", path.display()))?;
            return Ok(Err(Status::Failure));
        }
    }))
}

/// Reads and checks one map, as [`read`] says.
pub fn check(path: &std::path::Path) -> io::Result<Result<Checked, Status>> {
    Ok(Ok(match read(path)? {
        Ok(Read::Text(file)) => {
            let checked = argmap::validate::check(&file);
            Checked {
                file,
                diagnostics: checked.diagnostics,
                graph: checked.graph,
            }
        }
        Ok(Read::Refused(file, diagnostic)) => Checked {
            file,
            diagnostics: vec![diagnostic],
            graph: None,
        },
        Err(status) => return Ok(Err(status)),
    }))
}

/// Reads and checks one map for exporting, printing its findings (errors and warnings)
/// to stderr as `validate` would. The map, or the status to exit with.
pub fn load(path: &std::path::Path) -> io::Result<Result<argmap::graph::ArgumentGraph, Status>> {
    let checked = match check(path)? {
        Ok(checked) => checked,
        Err(status) => return Ok(Err(status)),
    };
    let mut stderr = anstream::stderr().lock();
    for diagnostic in &checked.diagnostics {
        writeln!(
            stderr,
            "{}\n",
            argmap::report::human(&checked.file, diagnostic, true)
        )?;
    }
    Ok(checked.graph.ok_or(Status::Findings))
}

/// Prints a problem that is not a diagnostic of a map, such as an unreadable file.
pub fn report_failure(message: impl std::fmt::Display) -> io::Result<()> {
    let style = anstyle::Style::new()
        .bold()
        .fg_color(Some(anstyle::AnsiColor::Red.into()));
    writeln!(anstream::stderr(), "{style}error{style:#}: {message}")
}
