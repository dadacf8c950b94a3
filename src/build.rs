//! What `argmap build` writes: for each map, the list of export files and their bytes.
//!
//! The table [`OUTPUTS`] is the one place that says which exports a map gets; the CLI
//! decides whether to write them or compare them (`--check`).

use std::io;
use std::path::{Path, PathBuf};

use crate::export::{csv, dot, svg};
use crate::graph::ArgumentGraph;

/// One kind of export file: the suffix after the map's name, and how to make it.
pub struct Output {
    pub suffix: &'static str,
    pub render: fn(&ArgumentGraph) -> io::Result<Vec<u8>>,
}

/// Every export `build` writes for `maps/NAME.yaml`, as `exports/NAME<suffix>`.
pub const OUTPUTS: &[Output] = &[
    Output {
        suffix: ".svg",
        render: |graph| Ok(svg::render(graph, &svg::SvgOptions::default()).into_bytes()),
    },
    Output {
        suffix: ".dot",
        render: |graph| Ok(dot::export(graph, &dot::Options::default()).into_bytes()),
    },
    Output {
        suffix: ".csv",
        render: |graph| csv::export(graph, &csv::Options::default()),
    },
    Output {
        suffix: ".edges.csv",
        render: |graph| {
            let options = csv::Options {
                table: csv::Table::Edges,
                ..csv::Options::default()
            };
            csv::export(graph, &options)
        },
    },
];

/// One file `build` would write.
pub struct Export {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

/// The export files of the map named `name` (its file name without extension), in
/// the folder `out`.
pub fn exports(graph: &ArgumentGraph, name: &str, out: &Path) -> io::Result<Vec<Export>> {
    OUTPUTS
        .iter()
        .map(|output| {
            Ok(Export {
                path: out.join(format!("{name}{}", output.suffix)),
                bytes: (output.render)(graph)?,
            })
        })
        .collect()
}

/// The map files directly in `dir` (not below it: `maps/NAME.yaml` becomes
/// `exports/NAME.*`, and sub-folders would collide), in sorted order.
pub fn map_files(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if crate::source::is_map_file(&path) && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
