//! `argmap export MAP --format svg|dot|csv|json [-o FILE]`: one export of one map.

use std::io::{self, Write};
use std::path::PathBuf;

use argmap::export::{csv, dot, json};
use argmap::output;
use clap::ValueEnum;

use super::{Status, load, report_failure};

/// Write one export of one map, to a file or to stdout.
#[derive(clap::Args)]
pub struct Args {
    /// The map file.
    map: PathBuf,

    /// The export format.
    #[arg(long, short, value_enum)]
    format: Format,

    /// Write to FILE, atomically, instead of stdout (`-` means stdout).
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,

    /// CSV: which table to write.
    #[arg(long, value_enum, default_value_t = Table::Nodes)]
    table: Table,

    /// CSV: start with a UTF-8 byte-order mark, for Excel.
    #[arg(long)]
    bom: bool,

    /// CSV: do not prefix cells that a spreadsheet would run as formulas with `'`.
    #[arg(long)]
    raw: bool,

    /// DOT: put each actor's nodes in a cluster.
    #[arg(long, value_enum)]
    group_by: Option<GroupBy>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A diagram laid out by argmap itself.
    Svg,
    /// A Graphviz digraph.
    Dot,
    /// A table for spreadsheets.
    Csv,
    /// The resolved map, for programs.
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Table {
    /// One row per node.
    Nodes,
    /// One row per relation.
    Edges,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GroupBy {
    /// One cluster per actor.
    Actor,
}

pub fn run(args: Args) -> io::Result<Status> {
    let target = args.output.filter(|path| path.as_os_str() != "-");
    // Refuse a bad target before doing any work, and never write over the input.
    if let Some(target) = &target
        && let Err(error) = output::check(target, &[args.map.as_path()])
    {
        report_failure(error)?;
        return Ok(Status::Failure);
    }
    if args.format == Format::Svg {
        report_failure("the SVG export is not implemented yet; use --format dot and Graphviz")?;
        return Ok(Status::Failure);
    }
    let graph = match load(&args.map)? {
        Ok(graph) => graph,
        Err(status) => return Ok(status),
    };
    let bytes = match args.format {
        Format::Dot => {
            let group_by = match args.group_by {
                Some(GroupBy::Actor) => dot::GroupBy::Actor,
                None => dot::GroupBy::Nothing,
            };
            dot::export(&graph, &dot::Options { group_by }).into_bytes()
        }
        Format::Csv => {
            let table = match args.table {
                Table::Nodes => csv::Table::Nodes,
                Table::Edges => csv::Table::Edges,
            };
            let options = csv::Options {
                table,
                bom: args.bom,
                raw: args.raw,
            };
            csv::export(&graph, &options)?
        }
        Format::Json => json::export(&graph)?,
        Format::Svg => Vec::new(),
    };
    match target {
        Some(target) => {
            if let Err(error) = output::write(&target, &bytes) {
                report_failure(error)?;
                return Ok(Status::Failure);
            }
        }
        None => {
            let mut stdout = io::stdout().lock();
            stdout.write_all(&bytes)?;
            stdout.flush()?;
        }
    }
    Ok(Status::Success)
}
