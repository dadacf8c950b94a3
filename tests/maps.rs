//! Every map in `maps/` is an example users copy from, so each must stay valid with
//! `--deny-warnings`, and the flagship map must stay the reconstruction it claims to be.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use argmap::model::NodeKind;
use argmap::source::{SourceFile, find_maps};
use argmap::validate;
use assert_cmd::Command;

#[test]
fn every_map_validates_with_deny_warnings() {
    let maps = find_maps(Path::new("maps")).unwrap();
    assert!(maps.len() >= 2, "maps/ holds the flagship and the tutorial");
    for path in maps {
        let output = Command::cargo_bin("argmap")
            .unwrap()
            .args(["validate", "--deny-warnings"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{} does not validate:\n{}",
            path.display(),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}

#[test]
fn flagship_map_is_a_full_reconstruction() {
    let file = SourceFile::read(Path::new("maps/us-iran-1999.yaml")).unwrap();
    let checked = validate::check(&file);
    let graph = checked.graph.expect("the flagship map is valid");
    let nodes = graph.nodes();
    let count = |kind| nodes.iter().filter(|node| node.kind == kind).count();
    assert!(nodes.len() >= 20, "{} nodes", nodes.len());
    assert!(count(NodeKind::Rebuttal) >= 5);
    assert!(count(NodeKind::Evidence) >= 6);
    for node in nodes {
        assert!(node.by.is_some(), "`{}` has no actor", node.id.value);
    }
    let actors: Vec<&str> = graph
        .map()
        .actors
        .iter()
        .map(|actor| actor.name.as_str())
        .collect();
    for expected in ["Clinton", "Iran", "NSC", "author"] {
        assert!(
            actors.iter().any(|name| name.contains(expected)),
            "no actor named like {expected:?} in {actors:?}"
        );
    }
}

/// Every `quote` is copied verbatim from the article the map is built from. The article
/// sits in the project's shared folder beside the repository (as in CI).
#[test]
fn flagship_quotes_are_verbatim_from_the_article() {
    let article = Path::new("../shared/seed/us-iran-1999-exchange.txt");
    let Ok(article) = std::fs::read_to_string(article) else {
        println!(
            "skipped: the source article ../shared/seed/us-iran-1999-exchange.txt is not beside the repository"
        );
        return;
    };
    let file = SourceFile::read(Path::new("maps/us-iran-1999.yaml")).unwrap();
    let graph = validate::check(&file).graph.unwrap();
    let mut quotes = 0;
    for node in graph.nodes() {
        if let Some(quote) = &node.quote {
            quotes += 1;
            assert!(
                article.contains(quote.as_str()),
                "`{}` quotes words not in the article: {quote:?}",
                node.id.value
            );
        }
    }
    assert!(quotes >= 6, "{quotes} quotes");
}
