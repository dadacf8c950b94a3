//! A map (a valid file, or one generated from the bytes) with arbitrary text through the CSV exporter, read back.

#![no_main]

use argmap::export::csv::{self, Options, Table};
use argmap_fuzz::input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (graph, choices) = input(bytes);
    let flags = choices.flags();
    let options = Options {
        table: if flags % 2 == 0 {
            Table::Nodes
        } else {
            Table::Edges
        },
        bom: flags & 2 != 0,
        raw: flags & 4 != 0,
    };
    let bytes = csv::export(&graph, &options).expect("writing to memory");
    let bytes = bytes
        .strip_prefix(b"\xef\xbb\xbf".as_slice())
        .unwrap_or(&bytes);
    let mut reader = ::csv::ReaderBuilder::new().from_reader(bytes);
    let width = reader.headers().expect("a header row").len();
    let mut rows = 0;
    for record in reader.records() {
        let record = record.expect("a well-formed row");
        assert_eq!(record.len(), width);
        if !options.raw {
            for cell in &record {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                    "unguarded formula {cell:?}"
                );
            }
        }
        rows += 1;
    }
    let expected = match options.table {
        Table::Nodes => graph.nodes().len(),
        Table::Edges => graph.edges().len(),
    };
    assert_eq!(rows, expected);
});
