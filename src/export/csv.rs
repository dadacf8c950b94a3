//! The map as a table, for spreadsheets: one row per node, or one row per relation.
//!
//! RFC 4180, written by the `csv` crate: a header row, fields quoted where they must
//! be, records ending in CRLF as the RFC says (line breaks inside a text stay as they
//! were written). UTF-8; `bom` prepends a byte-order mark so that Excel recognises it.
//!
//! A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula — and
//! a map's text is not to be trusted with that (`=HYPERLINK(...)`). Unless `raw` is
//! set, such a cell, and one starting with a tab or carriage return, gets a leading
//! `'`, which spreadsheets hide and read as "this is text". The price is that a text
//! such as `-5%` reads `'-5%` in other programs.

use std::borrow::Cow;
use std::io;

use crate::graph::ArgumentGraph;
use crate::model::{Id, Node, Relation};

/// The columns of the node table, in order.
pub const NODE_COLUMNS: [&str; 13] = [
    "id",
    "kind",
    "text",
    "by",
    "source",
    "quote",
    "locator",
    "date",
    "tags",
    "supports",
    "rebuts",
    "supported_by",
    "rebutted_by",
];

/// The columns of the edge table, in order.
pub const EDGE_COLUMNS: [&str; 3] = ["from", "relation", "to"];

/// What `argmap export --format csv` can change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    pub table: Table,
    /// Start with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Do not guard cells that a spreadsheet would run as formulas.
    pub raw: bool,
}

/// Which table to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Table {
    /// One row per node: [`NODE_COLUMNS`].
    #[default]
    Nodes,
    /// One row per relation: [`EDGE_COLUMNS`].
    Edges,
}

/// The CSV file for `graph`.
pub fn export(graph: &ArgumentGraph, options: &Options) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if options.bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(bytes);
    match options.table {
        Table::Nodes => {
            writer.write_record(NODE_COLUMNS)?;
            for (index, node) in graph.nodes().iter().enumerate() {
                let tags = node.tags.join("; ");
                let supports = id_list(graph.targets_of(index, Relation::Supports));
                let rebuts = id_list(graph.targets_of(index, Relation::Rebuts));
                let supported_by = id_list(graph.sources_of(index, Relation::Supports));
                let rebutted_by = id_list(graph.sources_of(index, Relation::Rebuts));
                let row = [
                    node.id.as_str(),
                    node.kind.as_str(),
                    &node.text,
                    node.by.as_ref().map_or("", Id::as_str),
                    node.source.as_ref().map_or("", Id::as_str),
                    node.quote.as_deref().unwrap_or_default(),
                    node.locator.as_deref().unwrap_or_default(),
                    node.date.as_deref().unwrap_or_default(),
                    &tags,
                    &supports,
                    &rebuts,
                    &supported_by,
                    &rebutted_by,
                ];
                write_row(&mut writer, &row, options.raw)?;
            }
        }
        Table::Edges => {
            writer.write_record(EDGE_COLUMNS)?;
            for edge in graph.edges() {
                let (Some(from), Some(to)) = (graph.node(edge.from), graph.node(edge.to)) else {
                    continue;
                };
                let row = [from.id.as_str(), edge.relation.as_str(), to.id.as_str()];
                write_row(&mut writer, &row, options.raw)?;
            }
        }
    }
    writer
        .into_inner()
        .map_err(|error| io::Error::other(error.to_string()))
}

/// One record, each cell guarded unless `raw`.
fn write_row(writer: &mut ::csv::Writer<Vec<u8>>, cells: &[&str], raw: bool) -> ::csv::Result<()> {
    for &cell in cells {
        let cell = if raw {
            Cow::Borrowed(cell)
        } else {
            guard_formula(cell)
        };
        writer.write_field(cell.as_bytes())?;
    }
    writer.write_record(None::<&[u8]>)
}

/// The ids of `nodes`, joined with `; `.
fn id_list<'a>(nodes: impl Iterator<Item = &'a Node>) -> String {
    let ids: Vec<&str> = nodes.map(|node| node.id.as_str()).collect();
    ids.join("; ")
}

/// `cell` with a leading `'` if a spreadsheet would run it as a formula.
pub fn guard_formula(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_a_spreadsheet_would_run_are_guarded() {
        for cell in ["=1+1", "+1", "-5%", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(guard_formula(cell), format!("'{cell}"));
        }
    }

    #[test]
    fn other_cells_are_left_alone() {
        for cell in ["", "text", "5%", "a=b", " =1", "'quoted", "ارز", "🙂"] {
            assert_eq!(guard_formula(cell), cell);
        }
    }
}
