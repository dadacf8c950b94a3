//! `argmap export MAP --format svg|dot|csv|json [-o FILE]`: one export of one map.

use std::io::{self, Write};
use std::path::PathBuf;

use argmap::diagnostic::did_you_mean;
use argmap::export::{Focus, csv, dot, json, svg};
use argmap::graph::ArgumentGraph;
use argmap::layout::Direction;
use argmap::output;
use clap::ValueEnum;

use super::interrupt::Interrupt;
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

    /// SVG, DOT: which way arrows point; BT (bottom to top) puts conclusions on top.
    #[arg(long, value_enum, ignore_case = true, value_name = "DIR")]
    direction: Option<Dir>,

    /// SVG, DOT: wrap node text at about N characters [default: SVG 32 (224 px), DOT 36].
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(8..=200))]
    width: Option<u16>,

    /// SVG, DOT: draw only node ID and the nodes within --depth relations of it.
    #[arg(long, value_name = "ID")]
    focus: Option<String>,

    /// SVG, DOT: with --focus, how many relations away from ID to go, in either
    /// direction.
    #[arg(long, value_name = "N", requires = "focus", default_value_t = 2)]
    depth: usize,

    /// SVG: the colours; print is greyscale on white.
    #[arg(long, value_enum)]
    theme: Option<ThemeName>,
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
enum Dir {
    /// Top to bottom: conclusions at the bottom.
    #[value(name = "TB")]
    Tb,
    /// Bottom to top: conclusions on top (the default).
    #[value(name = "BT")]
    Bt,
    /// Left to right: conclusions on the right.
    #[value(name = "LR")]
    Lr,
    /// Right to left: conclusions on the left.
    #[value(name = "RL")]
    Rl,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ThemeName {
    /// Dark text on white, tinted boxes (the default).
    Light,
    /// Light text on a dark background.
    Dark,
    /// Greyscale on white, for printing.
    Print,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum GroupBy {
    /// One cluster per actor.
    Actor,
}

pub fn run(args: Args) -> io::Result<Status> {
    if let Some(problem) = misplaced_option(&args) {
        report_failure(problem)?;
        return Ok(Status::Failure);
    }
    let target = args.output.filter(|path| path.as_os_str() != "-");
    // Refuse a bad target before doing any work, and never write over the input.
    if let Some(target) = &target
        && let Err(error) = output::check(target, &[args.map.as_path()])
    {
        report_failure(error)?;
        return Ok(Status::Failure);
    }
    let interrupt = match target {
        Some(_) => Some(Interrupt::catch()?),
        None => None,
    };
    let graph = match load(&args.map)? {
        Ok(graph) => graph,
        Err(status) => return Ok(status),
    };
    let focus = match &args.focus {
        None => None,
        Some(id) => match graph.node_index(id) {
            Some(node) => Some(Focus {
                node,
                depth: args.depth,
            }),
            None => {
                report_failure(unknown_focus(&graph, id, &args.map))?;
                return Ok(Status::Failure);
            }
        },
    };
    let direction = match args.direction {
        Some(Dir::Tb) => Direction::TopToBottom,
        Some(Dir::Bt) | None => Direction::BottomToTop,
        Some(Dir::Lr) => Direction::LeftToRight,
        Some(Dir::Rl) => Direction::RightToLeft,
    };
    let bytes = match args.format {
        Format::Svg => {
            let theme = match args.theme {
                Some(ThemeName::Light) | None => svg::Theme::Light,
                Some(ThemeName::Dark) => svg::Theme::Dark,
                Some(ThemeName::Print) => svg::Theme::Print,
            };
            let options = svg::SvgOptions {
                direction,
                columns: args.width.map_or(svg::DEFAULT_COLUMNS, usize::from),
                focus,
                theme,
            };
            svg::render(&graph, &options).into_bytes()
        }
        Format::Dot => {
            let group_by = match args.group_by {
                Some(GroupBy::Actor) => dot::GroupBy::Actor,
                None => dot::GroupBy::Nothing,
            };
            let options = dot::Options {
                group_by,
                direction,
                columns: args.width.map_or(dot::WRAP_COLUMNS, usize::from),
                focus,
            };
            dot::export(&graph, &options).into_bytes()
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
    };
    match target {
        Some(target) => {
            if interrupt.as_ref().is_some_and(Interrupt::requested) {
                report_failure(format_args!(
                    "interrupted: `{}` was not written",
                    target.display()
                ))?;
                return Ok(Status::Interrupted);
            }
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

/// An option given with a format it does not apply to: a usage error rather than an
/// option silently ignored (`--focus` with CSV would look like a filtered table).
fn misplaced_option(args: &Args) -> Option<String> {
    let format = match args.format {
        Format::Svg => "svg",
        Format::Dot => "dot",
        Format::Csv => "csv",
        Format::Json => "json",
    };
    let drawing = matches!(args.format, Format::Svg | Format::Dot);
    let given = [
        ("--direction", args.direction.is_some(), drawing),
        ("--width", args.width.is_some(), drawing),
        ("--focus", args.focus.is_some(), drawing),
        ("--theme", args.theme.is_some(), args.format == Format::Svg),
    ];
    let (name, _, _) = given
        .into_iter()
        .find(|&(_, given, applies)| given && !applies)?;
    Some(format!(
        "`{name}` does not apply to `--format {format}` (only to {})",
        if name == "--theme" {
            "svg"
        } else {
            "svg and dot"
        }
    ))
}

/// The message for a `--focus` id that names no node, with a suggestion.
fn unknown_focus(graph: &ArgumentGraph, id: &str, map: &std::path::Path) -> String {
    let map_name = map.display();
    let other = graph
        .actor(id)
        .map(|_| "an actor")
        .or_else(|| graph.source(id).map(|_| "a source"));
    if let Some(other) = other {
        return format!("`--focus {id}`: `{id}` is {other} in `{map_name}`, not a node");
    }
    let ids = graph.nodes().iter().map(|node| node.id.as_str());
    match did_you_mean(id, ids) {
        Some(close) => format!(
            "`--focus {id}`: no node `{id}` in `{map_name}`\n  = help: did you mean `{close}`?"
        ),
        None => format!("`--focus {id}`: no node `{id}` in `{map_name}`"),
    }
}
