//! `argmap export` and `argmap build` as a user runs them: every format of every map,
//! a hostile map that tries to break each format, and the promises about files — the
//! input is never overwritten, nothing half-written, nothing written for a bad map.
//!
//! Golden files: `tests/golden/hostile.*` hold the expected exports of
//! `tests/fixtures/hostile.yaml`; run with `ARGMAP_BLESS=1` to rewrite them after a
//! deliberate change. The exports of `maps/` are their own goldens, compared by
//! `build --check` in `build_check_passes_on_the_repository`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use assert_cmd::Command;

const HOSTILE: &str = "tests/fixtures/hostile.yaml";

fn argmap(args: &[&str]) -> Output {
    Command::cargo_bin("argmap")
        .unwrap()
        .env("NO_COLOR", "1")
        .args(args)
        .output()
        .unwrap()
}

fn export(map: &str, format: &[&str]) -> Vec<u8> {
    let mut args = vec!["export", map];
    args.extend_from_slice(format);
    let output = argmap(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn maps() -> Vec<String> {
    let mut maps: Vec<String> = argmap::source::find_maps(Path::new("maps"))
        .unwrap()
        .into_iter()
        .map(|path| path.display().to_string())
        .collect();
    maps.push(HOSTILE.to_owned());
    maps
}

#[test]
fn hostile_exports_match_their_golden_files() {
    let formats: [(&str, &[&str]); 4] = [
        ("dot", &["-f", "dot"]),
        ("csv", &["-f", "csv"]),
        ("edges.csv", &["-f", "csv", "--table", "edges"]),
        ("json", &["-f", "json"]),
    ];
    for (suffix, args) in formats {
        let bytes = export(HOSTILE, args);
        let golden = format!("tests/golden/hostile.{suffix}");
        if std::env::var("ARGMAP_BLESS").is_ok_and(|value| value == "1") {
            fs::create_dir_all("tests/golden").unwrap();
            fs::write(&golden, &bytes).unwrap();
        }
        let expected = fs::read(&golden).unwrap();
        assert!(
            bytes == expected,
            "{golden} differs; rerun with ARGMAP_BLESS=1 if deliberate"
        );
    }
}

#[test]
fn same_map_same_bytes() {
    for map in maps() {
        for format in ["dot", "csv", "json"] {
            assert_eq!(
                export(&map, &["-f", format]),
                export(&map, &["-f", format]),
                "{map} {format}"
            );
        }
    }
}

#[test]
fn dot_is_accepted_by_graphviz_and_labels_come_out_literally() {
    if !common::require_tool("dot") {
        return;
    }
    for map in maps() {
        let dot = export(&map, &["-f", "dot"]);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.dot");
        fs::write(&path, &dot).unwrap();
        let output = std::process::Command::new("dot")
            .arg("-Tsvg")
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "dot refused the export of {map}: {}",
            stderr(&output)
        );
        let svg = String::from_utf8(output.stdout).unwrap();
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        roxmltree::Document::parse_with_options(&svg, options)
            .unwrap_or_else(|error| panic!("{map}: {error}"));
        if map == HOSTILE {
            for literal in [
                "say &quot;hi&quot;",
                "C:\\dir\\",
                "\\N \\G \\l \\n",
                "伊朗否认参与霍巴塔爆炸事件",
            ] {
                assert!(
                    svg.contains(literal),
                    "{literal:?} missing from dot's rendering"
                );
            }
            assert!(
                !svg.contains("<script>"),
                "markup from a map reached the SVG"
            );
        }
    }
}

#[test]
fn csv_reads_back_cell_for_cell_with_the_formula_guard() {
    let map =
        argmap::validate::check(&argmap::source::SourceFile::read(Path::new(HOSTILE)).unwrap())
            .graph
            .unwrap();
    for raw in [false, true] {
        let args: &[&str] = if raw {
            &["-f", "csv", "--raw"]
        } else {
            &["-f", "csv"]
        };
        let bytes = export(HOSTILE, args);
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(
            header,
            [
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
                "rebutted_by"
            ]
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), map.nodes().len());
        for (row, node) in rows.iter().zip(map.nodes()) {
            let text = &node.text;
            let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
            let expected = if risky && !raw {
                format!("'{text}")
            } else {
                text.clone()
            };
            assert_eq!(&row[0], node.id.as_str());
            assert_eq!(&row[1], node.kind.as_str());
            assert_eq!(row[2], expected, "text of {}", node.id.value);
        }
    }
    let bom = export(HOSTILE, &["-f", "csv", "--bom"]);
    assert!(bom.starts_with("\u{feff}id,kind".as_bytes()));
    let edges = export(HOSTILE, &["-f", "csv", "--table", "edges"]);
    let mut reader = csv::Reader::from_reader(edges.as_slice());
    assert_eq!(reader.headers().unwrap(), vec!["from", "relation", "to"]);
    assert_eq!(reader.records().count(), map.edges().len());
}

#[test]
fn json_parses_back_with_every_node_and_edge() {
    for map in maps() {
        let json: serde_json::Value =
            serde_json::from_slice(&export(&map, &["-f", "json"])).unwrap();
        let graph =
            argmap::validate::check(&argmap::source::SourceFile::read(Path::new(&map)).unwrap())
                .graph
                .unwrap();
        assert_eq!(json["argmap"], 1);
        assert_eq!(json["title"], graph.map().title.as_str());
        let nodes = json["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), graph.nodes().len());
        for (value, node) in nodes.iter().zip(graph.nodes()) {
            assert_eq!(value["id"], node.id.as_str());
            assert_eq!(value["kind"], node.kind.as_str());
            assert_eq!(value["text"], node.text.as_str());
        }
        assert_eq!(json["edges"].as_array().unwrap().len(), graph.edges().len());
    }
}

#[test]
fn output_onto_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("map.yaml");
    fs::copy("maps/tutorial.yaml", &input).unwrap();
    let before = fs::read(&input).unwrap();
    let link = dir.path().join("hard-link.yaml");
    fs::hard_link(&input, &link).unwrap();
    let symlink = dir.path().join("sym.yaml");
    std::os::unix::fs::symlink(&input, &symlink).unwrap();
    for target in [&input, &link, &symlink] {
        let output = argmap(&[
            "export",
            input.to_str().unwrap(),
            "-f",
            "dot",
            "-o",
            target.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        assert!(stderr(&output).contains("refusing"), "{}", stderr(&output));
        assert_eq!(fs::read(&input).unwrap(), before, "the input was touched");
    }
}

#[test]
fn symlinked_output_is_refused_and_its_target_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("precious.txt");
    fs::write(&target, "keep me").unwrap();
    let link = dir.path().join("out.dot");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let output = argmap(&[
        "export",
        "maps/tutorial.yaml",
        "-f",
        "dot",
        "-o",
        link.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("symbolic link"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
}

#[test]
fn missing_output_folder_is_an_error_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("no-such-folder/out.dot");
    let output = argmap(&[
        "export",
        "maps/tutorial.yaml",
        "-f",
        "dot",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("does not exist"),
        "{}",
        stderr(&output)
    );
    assert!(fs::read_dir(dir.path()).unwrap().next().is_none());
}

#[test]
fn invalid_map_is_never_exported() {
    let dir = tempfile::tempdir().unwrap();
    let map = dir.path().join("bad.yaml");
    fs::write(
        &map,
        "argmap: 1\ntitle: Bad\nclaims:\n  - id: a\n    text: A.\n    supports: [b]\n",
    )
    .unwrap();
    let target = dir.path().join("bad.dot");
    fs::write(&target, "previous export").unwrap();
    let output = argmap(&[
        "export",
        map.to_str().unwrap(),
        "-f",
        "dot",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("error[E008]"),
        "{}",
        stderr(&output)
    );
    assert_eq!(fs::read_to_string(&target).unwrap(), "previous export");
    let output = argmap(&["export", map.to_str().unwrap(), "-f", "csv"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty(), "nothing on stdout");
    let names: Vec<_> = fs::read_dir(dir.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}

#[test]
fn export_to_a_file_replaces_it_whole() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    fs::write(&target, "old").unwrap();
    let output = argmap(&[
        "export",
        "maps/tutorial.yaml",
        "-f",
        "json",
        "-o",
        target.to_str().unwrap(),
    ]);
    assert!(output.status.success());
    assert_eq!(
        fs::read(&target).unwrap(),
        export("maps/tutorial.yaml", &["-f", "json"])
    );
}

#[test]
fn build_check_passes_on_the_repository() {
    let output = argmap(&["build", "--check"]);
    assert!(
        output.status.success(),
        "committed exports are stale: {}",
        stderr(&output)
    );
}

#[test]
fn build_writes_every_export_and_check_notices_a_changed_map() {
    let dir = tempfile::tempdir().unwrap();
    let maps = dir.path().join("maps");
    let out = dir.path().join("out");
    fs::create_dir(&maps).unwrap();
    fs::copy("maps/tutorial.yaml", maps.join("tutorial.yaml")).unwrap();
    let (maps_arg, out_arg) = (maps.to_str().unwrap(), out.to_str().unwrap());
    let output = argmap(&["build", "--maps", maps_arg, "--out", out_arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    let mut written: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    written.sort();
    assert_eq!(
        written,
        [
            "tutorial.csv",
            "tutorial.dot",
            "tutorial.edges.csv",
            "tutorial.svg"
        ]
    );
    assert!(
        argmap(&["build", "--maps", maps_arg, "--out", out_arg, "--check"])
            .status
            .success()
    );

    let snapshot = || -> Vec<Vec<u8>> {
        written
            .iter()
            .map(|name| fs::read(out.join(name)).unwrap())
            .collect()
    };

    // The map changes: --check fails, names the stale files and writes nothing.
    let map = maps.join("tutorial.yaml");
    let text = fs::read_to_string(&map)
        .unwrap()
        .replacen("title:", "title: Changed —", 1);
    fs::write(&map, text).unwrap();
    let before = snapshot();
    let output = argmap(&["build", "--maps", maps_arg, "--out", out_arg, "--check"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("tutorial.dot is out of date"),
        "{}",
        stderr(&output)
    );
    assert_eq!(before, snapshot());

    // An invalid map fails the build after every map is checked, and nothing is written.
    fs::write(
        maps.join("broken.yaml"),
        "argmap: 1\ntitle: Broken\nclaims:\n  - id: a\n    text: A.\n    supports: zz\n",
    )
    .unwrap();
    let output = argmap(&["build", "--maps", maps_arg, "--out", out_arg]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("error[E008]"));
    assert!(stderr(&output).contains("nothing was written"));
    assert_eq!(before, snapshot());
}

#[test]
fn broken_pipe_is_a_quiet_exit() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("argmap"))
        .args(["export", HOSTILE, "-f", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_ne!(
        output.status.code(),
        Some(101),
        "panicked: {}",
        stderr(&output)
    );
    assert!(!stderr(&output).contains("panicked"), "{}", stderr(&output));
}
