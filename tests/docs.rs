//! The examples in the documentation are transcripts, and this test replays them: each
//! ```` ```yaml ```` block followed by a ```` ```console ```` block in
//! `docs/diagnostics.md` is written to `map.yaml`, the `$ argmap …` command is run, and
//! what it prints (stdout, then stderr) must match the page exactly. Regenerate the page
//! with `python3 scripts/gen-diagnostics-doc.py` after a deliberate change.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use assert_cmd::Command;

struct Example {
    map: String,
    args: Vec<String>,
    printed: String,
}

/// The (map, command, output) triples of a markdown page.
fn examples(page: &str) -> Vec<Example> {
    let mut examples = Vec::new();
    let mut map: Option<String> = None;
    for block in page.split("```").skip(1).step_by(2) {
        if let Some(yaml) = block.strip_prefix("yaml\n") {
            map = Some(yaml.to_owned());
        } else if let Some(console) = block.strip_prefix("console\n") {
            let (command, printed) = console.split_once('\n').unwrap_or((console, ""));
            let args = command
                .strip_prefix("$ argmap ")
                .expect("a console block starts with `$ argmap`")
                .split_whitespace()
                .map(str::to_owned)
                .collect();
            examples.push(Example {
                map: map.take().expect("a console block follows its map"),
                args,
                printed: printed.to_owned(),
            });
        }
    }
    examples
}

#[test]
fn diagnostics_page_matches_the_program() {
    let page = std::fs::read_to_string("docs/diagnostics.md").unwrap();
    let examples = examples(&page);
    assert!(examples.len() >= 21, "one example per code at least");
    for example in examples {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("map.yaml"), &example.map).unwrap();
        let output = Command::cargo_bin("argmap")
            .unwrap()
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .args(&example.args)
            .output()
            .unwrap();
        let printed = format!(
            "{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(
            printed.trim_end(),
            example.printed.trim_end(),
            "docs/diagnostics.md is stale for `argmap {}` on:\n{}",
            example.args.join(" "),
            example.map
        );
    }
}
