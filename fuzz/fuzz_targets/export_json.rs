//! A map (a valid file, or one generated from the bytes) with arbitrary text through the JSON exporter, parsed back.

#![no_main]

use argmap::export::json;
use argmap_fuzz::input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (graph, _) = input(bytes);
    let bytes = json::export(&graph).expect("writing to memory");
    let value: serde_json::Value = serde_json::from_slice(&bytes).expect("valid JSON");
    let nodes = value["nodes"].as_array().expect("a nodes array");
    assert_eq!(nodes.len(), graph.nodes().len());
    for (node, exported) in graph.nodes().iter().zip(nodes) {
        assert_eq!(exported["text"].as_str(), Some(node.text.as_str()));
    }
});
