//! Parsing a big map on several threads, one run of top-level sections each.
//!
//! Scanning YAML is most of the time `validate` takes on a big map, and a map's top
//! level is a handful of sections (`claims:`, `evidence:`, ...) that each parse on
//! their own. So a big file is cut at the start of top-level keys into as many pieces
//! as there are cores, each piece is parsed as a document of its own, and the
//! top-level mappings are joined. The answer is only taken when it is the one a single
//! pass gives; otherwise [`parse_pieces`] gives up and the caller parses the whole
//! file in one pass:
//!
//! - A cut is a line that starts with an ASCII letter in column 0. In the whole file
//!   such a line can only be a new top-level key, or lie inside a quoted scalar or a
//!   flow collection left open above it (a block scalar or a plain scalar under a
//!   top-level key ends at column 0). An open one makes the piece before the cut
//!   fail, and a failing piece other than the last means one pass.
//! - A piece that ends with `...` would let the next piece start a second document the
//!   one-pass parser refuses, and one that ends in a block scalar (`|`, `>`) would
//!   give it another span: neither is taken.
//! - Each piece must be a block mapping with its keys in column 0 (an indented or a
//!   flow mapping cannot go on after the cut), and the joined keys must be unique (a
//!   key repeated in two pieces is reported by the one-pass parser).
//! - An error in the last piece, when every piece before it is sound, is the error one
//!   pass finds: the piece runs to the end of the file, and from a key line in column
//!   0 the parser reads the same tokens in the same state. It counts only inside the
//!   top-level mapping (after it, a repeated top-level key would be reported first).
//!
//! Each piece is parsed with the same top-level mapping around its sections, so
//! nesting depth counts the same. The tests below compare both paths on every map and
//! test file, and on generated files that put quotes, flows, block scalars, document
//! markers and errors across the cuts.

use std::ops::Range;

use super::{Document, Failure, Value, Yaml, one_pass, parse_piece, refuse_duplicate_keys};
use crate::diagnostic::Diagnostic;

/// Files smaller than this are parsed on one thread: the threads cost more than they
/// save (a 512 KiB map parses in about 25 ms).
pub(crate) const PARALLEL_FROM: usize = 512 * 1024;

/// At most this many pieces, whatever the number of cores.
pub(crate) const MAX_PIECES: usize = 8;

/// Where to cut `text` into at most `pieces` runs of top-level sections of about the
/// same size: the starts of the pieces, the first being 0. Each cut is the start of
/// the top-level key line nearest to an even share of the bytes, if one is within half
/// a share of it (a file that is one long section stays whole: a thread that parses a
/// few lines saves nothing).
pub(crate) fn cuts(text: &str, pieces: usize) -> Vec<usize> {
    let share = text.len() / pieces.max(1);
    let mut cuts = vec![0];
    for index in 1..pieces {
        let Some(cut) = nearest_key_line(text, share * index, share / 2) else {
            continue;
        };
        if cuts.last().is_some_and(|&last| cut > last) {
            cuts.push(cut);
        }
    }
    cuts
}

/// The start of the key line nearest to byte `target`, at most `reach` bytes away.
/// Bytes, not characters: `target` may fall inside a character, a line start cannot.
fn nearest_key_line(text: &str, target: usize, reach: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let before = (target.saturating_sub(reach)..=target)
        .rev()
        .find(|&start| starts_key_line(bytes, start));
    let after = (target..=target.saturating_add(reach).min(bytes.len()))
        .find(|&start| starts_key_line(bytes, start));
    match (before, after) {
        (Some(before), Some(after)) if target - before <= after - target => Some(before),
        (_, Some(after)) => Some(after),
        (before, None) => before,
    }
}

/// Whether a line that could be a cut starts at byte `start`: an ASCII letter in
/// column 0, after the first line.
fn starts_key_line(bytes: &[u8], start: usize) -> bool {
    start > 0
        && bytes.get(start - 1) == Some(&b'\n')
        && bytes.get(start).is_some_and(u8::is_ascii_alphabetic)
}

/// Parses the pieces of `text` that start at `cuts` on one thread each: the tree of
/// the whole file or its first error, or `None` when there is a single piece or the
/// answer cannot be trusted to be what one pass would give (see the module header).
pub(crate) fn parse_pieces<'a>(
    text: &'a str,
    cuts: &[usize],
) -> Option<Result<Yaml<'a>, Diagnostic>> {
    if cuts.len() < 2 {
        return None;
    }
    let ranges: Vec<Range<usize>> = cuts
        .iter()
        .zip(cuts.iter().skip(1).chain([&text.len()]))
        .map(|(&start, &end)| start..end)
        .collect();
    let results = std::thread::scope(|scope| {
        let (first, rest) = ranges.split_first()?;
        let mut threads = Vec::with_capacity(rest.len());
        for range in rest {
            let range = range.clone();
            let thread = std::thread::Builder::new()
                .name("argmap-yaml".to_owned())
                .spawn_scoped(scope, move || parse_piece(text, range));
            threads.push(thread.ok()?);
        }
        let mut results = vec![parse_piece(text, first.clone())];
        for thread in threads {
            results.push(thread.join().ok()?);
        }
        Some(results)
    })?;
    join(results)
}

/// One top-level mapping made of the pieces' mappings, in order, or the error of the
/// last piece when every piece before it is sound.
fn join(results: Vec<Result<Document<'_>, Failure>>) -> Option<Result<Yaml<'_>, Diagnostic>> {
    let last = results.len().checked_sub(1)?;
    let mut entries = Vec::new();
    let mut span = None;
    for (index, result) in results.into_iter().enumerate() {
        let document = match result {
            Ok(document) => document,
            Err(failure) if index == last && failure.inside_root => {
                return Some(Err(failure.diagnostic));
            }
            Err(_) => return None,
        };
        let ends_cleanly = !document.explicit_end && !document.ends_in_block_scalar;
        if !document.flush_left_mapping || (index != last && !ends_cleanly) {
            return None;
        }
        let Value::Mapping(piece) = document.root.value else {
            return None;
        };
        span.get_or_insert(document.root.span);
        entries.extend(piece);
    }
    refuse_duplicate_keys(&entries).ok()?;
    Some(Ok(Yaml {
        value: Value::Mapping(entries),
        span: span?,
    }))
}

/// The start of every line that could be a cut.
fn key_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    (1..text.len()).filter(|&start| starts_key_line(text.as_bytes(), start))
}

/// Checks that cutting `text` at any one of its first `limit` key lines, or at any two,
/// gives the one-pass tree or error, or gives up: what the tests and the fuzzer ask.
pub(crate) fn cutting_agrees(text: &str, limit: usize) -> Result<(), String> {
    let whole = one_pass(text);
    let lines: Vec<usize> = key_lines(text).take(limit).collect();
    let mut cut_sets: Vec<Vec<usize>> = lines.iter().map(|&cut| vec![0, cut]).collect();
    for (index, &first) in lines.iter().enumerate() {
        for &second in lines.iter().skip(index + 1) {
            cut_sets.push(vec![0, first, second]);
        }
    }
    for cuts in cut_sets {
        if let Some(answer) = parse_pieces(text, &cuts)
            && answer != whole
        {
            return Err(format!(
                "cut at {cuts:?} changed the answer for:\n{text}\n{answer:?}\n{whole:?}"
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn key_lines(text: &str) -> Vec<usize> {
        super::key_lines(text).collect()
    }

    fn assert_same_as_one_pass(text: &str) {
        if let Err(problem) = cutting_agrees(text, 40) {
            panic!("{problem}");
        }
    }

    #[test]
    fn every_map_parses_the_same_in_pieces() {
        let mut files = Vec::new();
        let mut folders = vec![std::path::PathBuf::from("maps"), "tests".into()];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(folder).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    folders.push(path);
                } else if path.extension().is_some_and(|ext| ext == "yaml") {
                    files.push(path);
                }
            }
        }
        assert!(files.len() > 20, "found only {files:?}");
        for path in files {
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue; // not UTF-8: refused before parsing
            };
            assert_same_as_one_pass(&text);
        }
    }

    /// A big map of three sections, with text of several bytes per character so that
    /// the even shares fall inside characters: cut, joined, and the same tree.
    #[test]
    fn a_big_map_is_cut_between_sections_and_joined_whole() {
        let mut text = String::from("argmap: 1\ntitle: Big\n");
        for section in ["claims", "rebuttals", "evidence"] {
            text.push_str(&format!("{section}:\n"));
            for index in 0..2000 {
                text.push_str(&format!(
                    "  - id: {section}-{index}\n    text: \"{index} {}\"\n    supports: [a, b]\n",
                    "ë".repeat(100)
                ));
            }
        }
        for pieces in [2, 3, 8] {
            let cuts = cuts(&text, pieces);
            assert_eq!(cuts.len(), pieces.min(3), "{cuts:?}");
            assert!(
                cuts.iter()
                    .skip(1)
                    .all(|&cut| key_lines(&text).contains(&cut))
            );
            let joined = parse_pieces(&text, &cuts).expect("the pieces parse");
            assert_eq!(joined, one_pass(&text));
        }
    }

    #[test]
    fn a_file_that_is_one_long_section_stays_whole() {
        let mut text = String::from("argmap: 1\ntitle: Chain\nclaims:\n");
        for index in 0..20_000 {
            text.push_str(&format!("  - id: c{index}\n    text: Claim {index}.\n"));
        }
        assert_eq!(cuts(&text, 2), vec![0]);
        assert_eq!(parse_pieces(&text, &cuts(&text, 2)), None);
    }

    /// A syntax error in the last piece is reported from the pieces, as one pass does;
    /// one in an earlier piece leaves the answer to one pass.
    #[test]
    fn an_error_in_the_last_piece_is_the_error_of_one_pass() {
        let mut text = String::from("argmap: 1\ntitle: Big\n");
        for section in ["claims", "evidence"] {
            text.push_str(&format!("{section}:\n"));
            for index in 0..2000 {
                text.push_str(&format!("  - id: {section}-{index}\n    text: Text.\n"));
            }
        }
        let cuts = cuts(&text, 2);
        assert_eq!(cuts.len(), 2);
        let tab_near_end = text.replacen(
            "    text: Text.\n  - id: evidence-1999",
            "\ttext: Text.\n  - id: evidence-1999",
            1,
        );
        let answer = parse_pieces(&tab_near_end, &cuts).expect("trusted");
        assert!(answer.is_err());
        assert_eq!(answer, one_pass(&tab_near_end));
        let tab_near_start = text.replacen(
            "    text: Text.\n  - id: claims-1",
            "\ttext: Text.\n  - id: claims-1",
            1,
        );
        assert_eq!(parse_pieces(&tab_near_start, &cuts), None);
        assert!(one_pass(&tab_near_start).is_err());
    }

    /// Lines that put quotes, flows, block scalars, documents markers, anchors, tabs
    /// and repeated keys across the places a file could be cut.
    fn line() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec!["a", "b", "claims", "title", "x"]);
        let fragment = prop::sample::select(vec![
            "{k}: v",
            "{k}: \"open",
            "{k}: 'open",
            "close\"",
            "close'",
            "{k}: [x,",
            "{k}: {p: 1,",
            "{k}: ]",
            "y]",
            "z}",
            "{k}: |",
            "{k}: >-",
            "  block text",
            "  - id: n",
            "    text: t",
            "  {k}: v",
            "{k}:",
            "...",
            "---",
            "# comment",
            "",
            "{k}: &anchor v",
            "{k}: *anchor",
            "{k}: !tag v",
            "? {k}",
            ": v",
            "{k}: plain",
            " continued",
            "\t{k}: tab",
            "{k} no colon",
            "%YAML 1.2",
            "- item",
            "{k}: \"closed\" # note",
            "{k}: |+",
            "{k}: |2",
            "  ",
            "    nested: [a,",
            "  b]",
            "{k}: {}",
            "{k}: '' ",
            "{k}: \"a\\",
        ]);
        (key, fragment).prop_map(|(key, fragment)| fragment.replace("{k}", key))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn cutting_never_changes_the_answer(lines in prop::collection::vec(line(), 1..14)) {
            let text = lines.join("\n") + "\n";
            assert_same_as_one_pass(&text);
        }
    }
}
