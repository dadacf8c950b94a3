//! `argmap build [--maps DIR] [--out DIR] [--check]`: every map's exports, the
//! project's main job.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use argmap::build::{self, Export};
use argmap::output;

use super::interrupt::Interrupt;
use super::{Status, load, report_failure};

/// Validate every map in a folder and write all its exports.
#[derive(clap::Args)]
pub struct Args {
    /// Where the maps are: every `.yaml`/`.yml` file directly in this folder.
    #[arg(long, default_value = "maps")]
    maps: PathBuf,

    /// Where the exports go (created if missing).
    #[arg(long, default_value = "exports")]
    out: PathBuf,

    /// Write nothing; exit 1 if any export is missing or differs from what build would
    /// write.
    #[arg(long)]
    check: bool,
}

pub fn run(args: Args) -> io::Result<Status> {
    let maps = match build::map_files(&args.maps) {
        Ok(maps) => maps,
        Err(error) => {
            report_failure(format_args!(
                "cannot read `{}`: {error}",
                args.maps.display()
            ))?;
            return Ok(Status::Failure);
        }
    };

    // Check every map first, so that all problems are reported in one run, and write
    // nothing unless every map is valid: exports/ never mixes old and new maps.
    // `--check` writes nothing, so a signal may end it the usual way.
    let interrupt = if args.check {
        None
    } else {
        Some(Interrupt::catch()?)
    };
    let interrupted = || interrupt.as_ref().is_some_and(Interrupt::requested);
    let mut status = Status::Success;
    let mut planned: Vec<Export> = Vec::new();
    let mut names: BTreeMap<String, PathBuf> = BTreeMap::new();
    for path in &maps {
        let name = path
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(other) = names.insert(name.clone(), path.clone()) {
            report_failure(format_args!(
                "`{}` and `{}` would both be exported as `{name}`; rename one",
                other.display(),
                path.display()
            ))?;
            status = status.max(Status::Failure);
            continue;
        }
        match load(path)? {
            Ok(graph) => planned.extend(build::exports(&graph, &name, &args.out)?),
            Err(failed) => status = status.max(failed),
        }
        if interrupted() {
            report_failure("interrupted: nothing was written")?;
            return Ok(Status::Interrupted);
        }
    }
    let mut stderr = anstream::stderr().lock();
    if status != Status::Success {
        writeln!(stderr, "build failed: nothing was written")?;
        return Ok(status);
    }

    if args.check {
        let mut stale = 0;
        for export in &planned {
            let problem = match std::fs::read(&export.path) {
                Ok(bytes) if bytes == export.bytes => continue,
                Ok(_) => "is out of date",
                Err(_) => "is missing",
            };
            writeln!(stderr, "{} {problem}", export.path.display())?;
            stale += 1;
        }
        if stale > 0 {
            writeln!(
                stderr,
                "{stale} of {} exports are stale; run `argmap build`",
                planned.len()
            )?;
            return Ok(Status::Findings);
        }
        writeln!(
            stderr,
            "exports are up to date ({} files for {} maps)",
            planned.len(),
            maps.len()
        )?;
        return Ok(Status::Success);
    }

    if let Err(error) = std::fs::create_dir_all(&args.out) {
        report_failure(format_args!(
            "cannot create `{}`: {error}",
            args.out.display()
        ))?;
        return Ok(Status::Failure);
    }
    match output::remove_leftovers(&args.out) {
        Ok(0) => {}
        Ok(removed) => writeln!(
            stderr,
            "removed {removed} temporary files that an interrupted argmap left in {}",
            args.out.display()
        )?,
        // Not a reason to fail the build: the exports are still written.
        Err(error) => writeln!(
            stderr,
            "warning: cannot look for leftover temporary files in {}: {error}",
            args.out.display()
        )?,
    }
    let inputs: Vec<&Path> = maps.iter().map(PathBuf::as_path).collect();
    let mut written = 0;
    for export in &planned {
        if interrupted() {
            report_failure(format_args!(
                "interrupted: wrote {written} of {} files to {}; the others were left as they were",
                planned.len(),
                args.out.display()
            ))?;
            return Ok(Status::Interrupted);
        }
        // Each file is replaced atomically; a failure is reported and the rest still
        // written, so one unwritable file does not hide others.
        let result = output::check(&export.path, &inputs)
            .and_then(|()| output::write(&export.path, &export.bytes));
        match result {
            Ok(()) => written += 1,
            Err(error) => {
                report_failure(error)?;
                status = Status::Failure;
            }
        }
    }
    writeln!(
        stderr,
        "wrote {written} files for {} maps to {}",
        maps.len(),
        args.out.display()
    )?;
    Ok(status)
}
