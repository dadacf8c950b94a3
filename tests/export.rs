//! `argmap export` and `argmap build` as a user runs them: every format of every map,
//! a hostile map that tries to break each format, and the promises about files — the
//! input is never overwritten, nothing half-written, nothing written for a bad map.
//!
//! Golden files: `tests/golden/hostile.*` hold the expected exports of
//! `tests/fixtures/hostile.yaml`; run with `ARGMAP_BLESS=1` to rewrite them after a
//! deliberate change. The exports of `maps/` are their own goldens, compared by
//! `build --check` in `build_check_passes_on_the_repository`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod common;

use std::fs;
use std::path::Path;
use std::process::Output;

use argmap::graph::ArgumentGraph;
use argmap::model::{Node, Relation};
use argmap::source::SourceFile;
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

/// Every export, by golden file suffix. `exports/` already holds the DOT and CSV
/// exports of `maps/` (`build --check`), so for those maps only the rest has goldens.
const FORMATS: [(&str, &[&str], bool); 5] = [
    ("dot", &["-f", "dot"], false),
    ("grouped.dot", &["-f", "dot", "--group-by", "actor"], true),
    ("csv", &["-f", "csv"], false),
    ("edges.csv", &["-f", "csv", "--table", "edges"], false),
    ("json", &["-f", "json"], true),
];

#[test]
fn exports_match_their_golden_files() {
    let bless = std::env::var("ARGMAP_BLESS").is_ok_and(|value| value == "1");
    for map in maps() {
        let name = Path::new(&map).file_stem().unwrap().to_str().unwrap();
        for (suffix, args, for_repository_maps) in FORMATS {
            if map != HOSTILE && !for_repository_maps {
                continue;
            }
            let bytes = export(&map, args);
            let golden = format!("tests/golden/{name}.{suffix}");
            if bless {
                fs::create_dir_all("tests/golden").unwrap();
                fs::write(&golden, &bytes).unwrap();
            }
            let expected = fs::read(&golden).unwrap_or_default();
            assert!(
                bytes == expected,
                "{golden} differs from `argmap export {map} {}`; rerun with ARGMAP_BLESS=1 \
                 if the change is deliberate",
                args.join(" ")
            );
        }
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
    for (map, grouped) in maps()
        .into_iter()
        .flat_map(|map| [(map.clone(), false), (map, true)])
    {
        let args: &[&str] = if grouped {
            &["-f", "dot", "--group-by", "actor"]
        } else {
            &["-f", "dot"]
        };
        let dot = export(&map, args);
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
            // Clusters are named after actor ids, here the DOT keywords `node`, `edge`.
            assert_eq!(svg.contains("<title>cluster_node</title>"), grouped);
            assert_eq!(svg.contains("<title>cluster_edge</title>"), grouped);
        }
    }
}

fn graph_of(map: &str) -> ArgumentGraph {
    argmap::validate::check(&SourceFile::read(Path::new(map)).unwrap())
        .graph
        .unwrap()
}

/// The ids a node lists under `relation`, each once, in the order written.
fn listed(node: &Node, relation: Relation) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for id in node.targets(relation) {
        if !ids.contains(&id.as_str()) {
            ids.push(id.as_str());
        }
    }
    ids
}

/// The nodes that list `node` under `relation`, in file order.
fn listed_by<'a>(graph: &'a ArgumentGraph, node: &Node, relation: Relation) -> Vec<&'a str> {
    graph
        .nodes()
        .iter()
        .filter(|other| listed(other, relation).contains(&node.id.as_str()))
        .map(|other| other.id.as_str())
        .collect()
}

/// The relations of a map as written: node by node, `supports` before `rebuts`.
fn relations(graph: &ArgumentGraph) -> Vec<[&str; 3]> {
    let mut relations = Vec::new();
    for node in graph.nodes() {
        for relation in [Relation::Supports, Relation::Rebuts] {
            for to in listed(node, relation) {
                relations.push([node.id.as_str(), relation.as_str(), to]);
            }
        }
    }
    relations
}

/// A cell as the CSV export should write it: guarded against formulas unless `raw`.
fn cell(text: &str, raw: bool) -> String {
    if !raw && text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[test]
fn csv_reads_back_cell_for_cell_with_the_formula_guard() {
    for map in maps() {
        let graph = graph_of(&map);
        for raw in [false, true] {
            let mut args = vec!["-f", "csv"];
            if raw {
                args.push("--raw");
            }
            let bytes = export(&map, &args);
            assert!(bytes.ends_with(b"\r\n"), "records end in CRLF");
            let mut reader = csv::Reader::from_reader(bytes.as_slice());
            assert_eq!(
                reader.headers().unwrap(),
                vec![
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
            assert_eq!(rows.len(), graph.nodes().len(), "{map}: one row per node");
            for (row, node) in rows.iter().zip(graph.nodes()) {
                let optional = |value: Option<&str>| value.unwrap_or_default().to_owned();
                let expected = [
                    node.id.value.clone(),
                    node.kind.as_str().to_owned(),
                    node.text.clone(),
                    optional(node.by.as_ref().map(|id| id.as_str())),
                    optional(node.source.as_ref().map(|id| id.as_str())),
                    optional(node.quote.as_deref()),
                    optional(node.locator.as_deref()),
                    optional(node.date.as_deref()),
                    node.tags.join("; "),
                    listed(node, Relation::Supports).join("; "),
                    listed(node, Relation::Rebuts).join("; "),
                    listed_by(&graph, node, Relation::Supports).join("; "),
                    listed_by(&graph, node, Relation::Rebuts).join("; "),
                ];
                let expected: Vec<String> = expected.iter().map(|text| cell(text, raw)).collect();
                assert_eq!(
                    row.iter().collect::<Vec<_>>(),
                    expected,
                    "{map}: row of `{}` (raw: {raw})",
                    node.id.value
                );
            }
        }

        let edges = export(&map, &["-f", "csv", "--table", "edges"]);
        let mut reader = csv::Reader::from_reader(edges.as_slice());
        assert_eq!(reader.headers().unwrap(), vec!["from", "relation", "to"]);
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|record| record.unwrap().iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(rows, relations(&graph), "{map}: edge table");
    }

    // The hostile map's formulas, with and without the guard.
    let guarded = export(HOSTILE, &["-f", "csv"]);
    let raw = export(HOSTILE, &["-f", "csv", "--raw"]);
    for formula in [
        "=HYPERLINK(\"\"http://x\"\",\"\"click\"\")",
        "+1",
        "-5%",
        "@SUM(A1)",
    ] {
        let text = String::from_utf8_lossy(&guarded);
        assert!(text.contains(&format!("'{formula}")), "{formula} unguarded");
        let text = String::from_utf8_lossy(&raw);
        assert!(
            !text.contains(&format!("'{formula}")),
            "{formula} guarded under --raw"
        );
    }

    let bom = export(HOSTILE, &["-f", "csv", "--bom"]);
    assert!(bom.starts_with("\u{feff}id,kind".as_bytes()));
    assert_eq!(
        &bom[3..],
        guarded.as_slice(),
        "--bom adds three bytes and nothing else"
    );
}

#[test]
fn json_parses_back_field_by_field() {
    use serde_json::{Value, json};
    let text = |value: Option<&str>| value.map_or(Value::Null, Value::from);
    for map in maps() {
        let graph = graph_of(&map);
        let document: Value = serde_json::from_slice(&export(&map, &["-f", "json"])).unwrap();
        let keys =
            |value: &Value| -> Vec<String> { value.as_object().unwrap().keys().cloned().collect() };
        assert_eq!(
            keys(&document),
            [
                "argmap",
                "title",
                "description",
                "actors",
                "sources",
                "nodes",
                "edges"
            ]
        );
        assert_eq!(document["argmap"], 1);
        assert_eq!(document["title"], graph.map().title.as_str());
        assert_eq!(
            document["description"],
            text(graph.map().description.as_deref())
        );

        let actors: Vec<Value> = graph
            .map()
            .actors
            .iter()
            .map(|actor| {
                json!({
                    "id": actor.id.as_str(),
                    "name": actor.name,
                    "description": text(actor.description.as_deref()),
                })
            })
            .collect();
        assert_eq!(document["actors"], Value::from(actors), "{map}: actors");

        let sources: Vec<Value> = graph
            .map()
            .sources
            .iter()
            .map(|source| {
                json!({
                    "id": source.id.as_str(),
                    "title": source.title,
                    "author": text(source.author.as_deref()),
                    "publisher": text(source.publisher.as_deref()),
                    "date": text(source.date.as_deref()),
                    "url": text(source.url.as_deref()),
                })
            })
            .collect();
        assert_eq!(document["sources"], Value::from(sources), "{map}: sources");

        let nodes = document["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), graph.nodes().len());
        for (value, node) in nodes.iter().zip(graph.nodes()) {
            assert_eq!(
                keys(value),
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
                    "rebutted_by",
                    "note"
                ],
                "every node has every field, in this order"
            );
            let expected = json!({
                "id": node.id.as_str(),
                "kind": node.kind.as_str(),
                "text": node.text,
                "by": text(node.by.as_ref().map(|id| id.as_str())),
                "source": text(node.source.as_ref().map(|id| id.as_str())),
                "quote": text(node.quote.as_deref()),
                "locator": text(node.locator.as_deref()),
                "date": text(node.date.as_deref()),
                "tags": node.tags,
                "supports": listed(node, Relation::Supports),
                "rebuts": listed(node, Relation::Rebuts),
                "supported_by": listed_by(&graph, node, Relation::Supports),
                "rebutted_by": listed_by(&graph, node, Relation::Rebuts),
                "note": text(node.note.as_deref()),
            });
            assert_eq!(value, &expected, "{map}: node `{}`", node.id.value);
        }

        let edges: Vec<Value> = relations(&graph)
            .into_iter()
            .map(|[from, relation, to]| json!({"from": from, "relation": relation, "to": to}))
            .collect();
        assert_eq!(document["edges"], Value::from(edges), "{map}: edges");
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

#[cfg(unix)]
#[test]
fn a_new_file_gets_the_usual_mode_and_a_replaced_file_keeps_its_own() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.dot");
    let mode = || fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    let export_with_umask = |umask: &str| {
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!("umask {umask} && exec \"$0\" \"$@\""))
            .arg(assert_cmd::cargo::cargo_bin("argmap"))
            .args(["export", "maps/tutorial.yaml", "-f", "dot", "-o"])
            .arg(&target)
            .status()
            .unwrap();
        assert!(status.success());
    };

    export_with_umask("022");
    assert_eq!(
        mode(),
        0o644,
        "like a file made by `>`, not a 0600 temporary file"
    );
    fs::remove_file(&target).unwrap();
    export_with_umask("027");
    assert_eq!(mode(), 0o640);

    fs::set_permissions(&target, fs::Permissions::from_mode(0o600)).unwrap();
    export_with_umask("022");
    assert_eq!(mode(), 0o600, "a replaced file keeps its mode");
}

#[test]
fn broken_pipe_is_a_quiet_exit() {
    // `argmap export big.yaml -f dot | head -c 0`: far more than a pipe holds.
    let mut map = String::from("argmap: 1\ntitle: Big\nclaims:\n  - id: c0\n    text: Root.\n");
    for index in 1..3000 {
        map.push_str(&format!(
            "  - id: c{index}\n    text: Claim number {index}, long enough to fill a label \
             over two or three lines of a box.\n    supports: c0\n"
        ));
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    fs::write(&path, map).unwrap();

    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("argmap"))
        .arg("export")
        .arg(&path)
        .args(["-f", "dot"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stderr(&output), "", "a closed pipe is not an error");
}
