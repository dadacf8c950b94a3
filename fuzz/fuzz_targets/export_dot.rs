//! A map (a valid file, or one generated from the bytes) with arbitrary text through the DOT exporter.

#![no_main]

use argmap::export::dot::{self, GroupBy, Options};
use argmap_fuzz::input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (graph, choices) = input(bytes);
    let options = Options {
        group_by: if choices.flags() % 2 == 0 {
            GroupBy::Nothing
        } else {
            GroupBy::Actor
        },
        direction: choices.direction(),
        columns: choices.columns(),
        focus: choices.focus(&graph),
    };
    let dot = dot::export(&graph, &options);
    assert!(dot.starts_with("digraph") || dot.starts_with("//"), "{dot}");
    // Every quoted string is closed: outside of strings the braces balance.
    let mut depth = 0i64;
    let mut in_string = false;
    let mut escaped = false;
    for c in dot.chars() {
        match (in_string, escaped, c) {
            (true, false, '\\') => escaped = true,
            (true, true, _) => escaped = false,
            (true, false, '"') => in_string = false,
            (false, _, '"') => in_string = true,
            (false, _, '{') => depth += 1,
            (false, _, '}') => depth -= 1,
            _ => {}
        }
        assert!(depth >= 0, "{dot}");
    }
    assert!(!in_string && depth == 0, "{dot}");
});
