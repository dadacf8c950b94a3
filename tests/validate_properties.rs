//! Property tests on generated maps: a valid map validates clean, and a map broken in
//! one known place is caught with the right code at the right line.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use argmap::diagnostic::Code;
use argmap::source::SourceFile;
use argmap::validate;
use proptest::prelude::*;

/// A generated map: node `i` supports some earlier nodes, so there is no support cycle,
/// and some rebuttals attack any node, so rebuttal cycles occur.
#[derive(Debug, Clone)]
struct Plan {
    /// For each node: is it a rebuttal, and the indices it points at.
    nodes: Vec<(bool, Vec<usize>)>,
}

fn plan() -> impl Strategy<Value = Plan> {
    (2usize..40).prop_flat_map(|count| {
        let nodes = (0..count)
            .map(|index| {
                (
                    any::<bool>(),
                    proptest::collection::vec(0..count.max(1), 1..3),
                )
                    .prop_map(move |(rebuttal, targets)| {
                        let rebuttal = rebuttal && index > 0;
                        let targets: Vec<usize> = if rebuttal {
                            targets.into_iter().filter(|&t| t != index).collect()
                        } else {
                            // Supports only point backwards: no cycles.
                            targets.into_iter().filter(|&t| t < index).collect()
                        };
                        let mut unique = Vec::new();
                        for target in targets {
                            if !unique.contains(&target) {
                                unique.push(target);
                            }
                        }
                        (rebuttal && !unique.is_empty(), unique)
                    })
            })
            .collect::<Vec<_>>();
        nodes.prop_map(|nodes| Plan { nodes })
    })
}

/// The YAML of a plan, and for each node the line of its `id:` and of its relation list.
fn render(plan: &Plan) -> (String, Vec<usize>, Vec<usize>) {
    let mut text =
        String::from("argmap: 1\ntitle: Generated\nclaims:\n  - id: root\n    text: The root.\n");
    let mut id_lines = Vec::new();
    let mut relation_lines = Vec::new();
    let mut line = 6;
    for (index, (rebuttal, targets)) in plan.nodes.iter().enumerate() {
        let field = if *rebuttal { "rebuts" } else { "supports" };
        let targets: Vec<String> = if targets.is_empty() {
            vec!["root".to_owned()]
        } else {
            targets.iter().map(|t| format!("n{t}")).collect()
        };
        text.push_str(&format!(
            "  - id: n{index}\n    text: \"Node {index}, said \\\"plainly\\\".\"\n    {field}: [{}]\n",
            targets.join(", ")
        ));
        id_lines.push(line);
        relation_lines.push(line + 2);
        line += 3;
    }
    (text, id_lines, relation_lines)
}

fn check(text: &str) -> validate::Checked {
    validate::check(&SourceFile::new("gen.yaml", "gen.yaml", text.to_owned()))
}

fn line_of(text: &str, offset: usize) -> usize {
    SourceFile::new("gen.yaml", "gen.yaml", text.to_owned())
        .position(offset)
        .0
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn valid_maps_validate_clean(plan in plan()) {
        let (text, _, _) = render(&plan);
        let checked = check(&text);
        prop_assert!(checked.diagnostics.is_empty(), "{:?}\n{text}", checked.diagnostics);
        prop_assert!(checked.graph.is_some());
    }

    #[test]
    fn a_renamed_reference_is_e008_at_its_line(plan in plan(), pick in any::<prop::sample::Index>()) {
        let (text, _, relation_lines) = render(&plan);
        let victim = pick.index(relation_lines.len());
        let line = relation_lines[victim];
        let broken: String = text
            .lines()
            .enumerate()
            .map(|(number, content)| {
                if number + 1 == line {
                    content.replacen('[', "[missing-id, ", 1)
                } else {
                    content.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let checked = check(&broken);
        let found: Vec<_> = checked.diagnostics.iter().filter(|d| d.code == Code::E008).collect();
        prop_assert_eq!(found.len(), 1, "{:?}", checked.diagnostics);
        prop_assert_eq!(line_of(&broken, found[0].span.unwrap().start), line);
        prop_assert!(checked.graph.is_none());
    }

    #[test]
    fn a_duplicated_id_is_e007_at_the_second_definition(plan in plan(), pick in any::<prop::sample::Index>()) {
        let (text, id_lines, _) = render(&plan);
        let victim = pick.index(id_lines.len());
        // Rename node `victim` to the root's id.
        let line = id_lines[victim];
        let broken: String = text
            .lines()
            .enumerate()
            .map(|(number, content)| if number + 1 == line { "  - id: root".to_owned() } else { content.to_owned() })
            .collect::<Vec<_>>()
            .join("\n");
        let checked = check(&broken);
        let duplicates: Vec<_> = checked.diagnostics.iter().filter(|d| d.code == Code::E007).collect();
        prop_assert_eq!(duplicates.len(), 1, "{:?}", checked.diagnostics);
        prop_assert_eq!(line_of(&broken, duplicates[0].span.unwrap().start), line);
        prop_assert_eq!(line_of(&broken, duplicates[0].related[0].span.start), 4);
    }
}
