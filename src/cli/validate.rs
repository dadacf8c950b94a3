//! `argmap validate [PATH]...`: check map files, as in CI.

use std::io::{self, Write};
use std::path::PathBuf;

use argmap::diagnostic::Diagnostic;
use argmap::report::{self, Summary};
use argmap::source::{self, SourceFile};
use clap::ValueEnum;

use super::{Read, Status, report_failure};

/// Check map files: every rule, every finding, with file:line:col.
#[derive(clap::Args)]
pub struct Args {
    /// Map files, or directories to search for `.yaml`/`.yml` files [default: maps/]
    paths: Vec<PathBuf>,

    /// How to report findings.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Fail (exit 1) on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Compiler-style messages with the source line, on stderr.
    Human,
    /// One JSON document on stdout.
    Json,
    /// GitHub Actions workflow commands on stdout.
    Github,
}

pub fn run(args: Args) -> io::Result<Status> {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from("maps")]
    } else {
        args.paths
    };
    let mut status = Status::Success;
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            match source::find_maps(&path) {
                Ok(found) => files.extend(found),
                Err(error) => {
                    report_failure(format_args!("cannot read `{}`: {error}", path.display()))?;
                    status = Status::Failure;
                }
            }
        } else {
            files.push(path);
        }
    }

    let mut summary = Summary::default();
    let mut results: Vec<(SourceFile, Vec<Diagnostic>)> = Vec::new();
    let mut stdout = io::stdout().lock();
    let mut stderr = anstream::stderr().lock();
    for path in files {
        let (file, diagnostics) = match super::read(&path)? {
            Ok(Read::Text(file)) => {
                let diagnostics = argmap::validate::findings(&file);
                (file, diagnostics)
            }
            Ok(Read::Refused(file, diagnostic)) => (file, vec![diagnostic]),
            Err(failed) => {
                status = status.max(failed);
                continue;
            }
        };
        summary.add(&diagnostics);
        match args.format {
            Format::Human => {
                for diagnostic in &diagnostics {
                    writeln!(stderr, "{}\n", report::human(&file, diagnostic, true))?;
                }
            }
            Format::Github => {
                for diagnostic in &diagnostics {
                    stdout.write_all(report::github(&file, diagnostic).as_bytes())?;
                }
            }
            Format::Json => results.push((file, diagnostics)),
        }
    }
    match args.format {
        Format::Json => {
            let borrowed: Vec<(&SourceFile, &[Diagnostic])> = results
                .iter()
                .map(|(file, diagnostics)| (file, diagnostics.as_slice()))
                .collect();
            stdout.write_all(report::json(&borrowed, summary).as_bytes())?;
        }
        Format::Human | Format::Github => writeln!(stderr, "{}", summary.line())?,
    }
    stdout.flush()?;

    let failed = summary.errors > 0 || (args.deny_warnings && summary.warnings > 0);
    if failed {
        status = status.max(Status::Findings);
    }
    Ok(status)
}
