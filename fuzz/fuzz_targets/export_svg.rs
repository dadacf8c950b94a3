//! A map (a valid file, or one generated from the bytes) with arbitrary text through layout and the SVG exporter: the result
//! is well-formed XML without scripts.

#![no_main]

use argmap::export::svg::{self, SvgOptions, Theme};
use argmap_fuzz::input;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (graph, choices) = input(bytes);
    let options = SvgOptions {
        direction: choices.direction(),
        columns: choices.columns(),
        focus: choices.focus(&graph),
        theme: match choices.flags() % 3 {
            0 => Theme::Light,
            1 => Theme::Dark,
            _ => Theme::Print,
        },
    };
    let svg = svg::render(&graph, &options);
    let document = roxmltree::Document::parse(&svg).expect("well-formed XML");
    for element in document.descendants().filter(|node| node.is_element()) {
        let name = element.tag_name().name();
        assert!(name != "script" && name != "foreignObject", "{name}");
        for attribute in element.attributes() {
            assert!(!attribute.name().starts_with("on"), "{}", attribute.name());
        }
    }
});
