//! Parsing a big map on several threads, one run of top-level sections, or of the
//! items of one section's list, each.
//!
//! Scanning YAML is most of the time `validate` takes on a big map, and a map's top
//! level is a handful of sections (`claims:`, `evidence:`, ...), each a list of nodes,
//! that parse on their own. So a big file is cut into as many pieces as there are
//! cores, each piece is parsed as a document of its own, and the pieces are joined:
//! top-level mappings one after the other, and a run of items onto the list the piece
//! before ends with. Cuts are made at top-level key lines where one is near an even
//! share of the bytes, else between the items of the list there (a map that is one
//! long list of claims). The answer is only taken when it is the one a single pass
//! gives; otherwise [`parse_pieces`] gives up and the caller parses the whole file in
//! one pass:
//!
//! - A key cut is a line that starts with an ASCII letter in column 0. In the whole
//!   file such a line can only be a new top-level key, or lie inside a quoted scalar
//!   or a flow collection left open above it (a block scalar or a plain scalar under a
//!   top-level key ends at column 0). An open one makes the piece before the cut fail,
//!   and a failing piece other than the last means one pass.
//! - An item cut is a line `- ` at the indentation of the section's list. The piece
//!   from it to the next key line is parsed as a list at its root, one level nearer
//!   the root than in the file, so it counts that level against the nesting limit. It
//!   is only taken when the piece before it ends with a block list whose `-` lines have
//!   the same indentation: then every node of that piece ends at the cut (a plain
//!   scalar or a mapping inside the item ends at a `-` less indented than itself, an
//!   open quote or flow fails the piece), and one pass reads the items the piece does.
//!   The piece before ends after the cut's indentation, where one pass meets the `-`:
//!   an empty value just before it (`- ? x`, `-`) gets the same span. An error in a
//!   piece of items is never taken: one pass says where it is.
//! - A piece that ends with `...` would let the next piece start a second document the
//!   one-pass parser refuses, and one that ends in a block scalar (`|`, `>`) would
//!   give it another span: neither is taken.
//! - A run of sections must be a block mapping with its keys in column 0 (an indented
//!   or a flow mapping cannot go on after the cut), and the joined keys must be unique
//!   (a key repeated in two pieces is reported by the one-pass parser).
//! - An error in the last piece, when it is a run of sections and every piece before
//!   it is sound, is the error one pass finds: the piece runs to the end of the file,
//!   and from a key line in column 0 the parser reads the same tokens in the same
//!   state. It counts only inside the top-level mapping (after it, a repeated
//!   top-level key would be reported first).
//!
//! A piece whose failure means one pass tells the others to stop (they look every
//! few thousand events), so an error early in a big file costs little more than one
//! pass up to it.
//!
//! A run of sections is parsed with the same top-level mapping around it, so nesting
//! depth counts the same. The tests below compare both paths on every map and test
//! file, and on generated files that put quotes, flows, block scalars, list items at
//! every indentation, document markers and errors across the cuts.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{
    Document, Failure, Value, Yaml, line_start, one_pass, parse_piece, refuse_duplicate_keys,
};
use crate::diagnostic::Diagnostic;

/// Files smaller than this are parsed on one thread: the threads cost more than they
/// save (a 512 KiB map parses in about 25 ms).
pub(crate) const PARALLEL_FROM: usize = 512 * 1024;

/// At most this many pieces, whatever the number of cores.
pub(crate) const MAX_PIECES: usize = 8;

/// Where to cut `text` into at most `pieces` runs of top-level sections, or of the
/// items of one section's list, of about the same size: the starts of the pieces, the
/// first being 0. Each cut is the start of the top-level key line nearest to an even
/// share of the bytes, if one is within half a share of it; else the item line nearest
/// to it in the section there (a map that is one long list of claims). A piece that
/// starts at an item ends at the next key line, so a few more pieces than asked for
/// may come back.
pub(crate) fn cuts(text: &str, pieces: usize) -> Vec<usize> {
    let bytes = text.as_bytes();
    let share = text.len() / pieces.max(1);
    let mut cuts = vec![0];
    // The last key line before the latest target, found by looking at each byte once
    // over all the targets.
    let (mut section, mut scanned) = (None, 0);
    for index in 1..pieces {
        let (target, reach) = (share * index, share / 2);
        let cut = nearest_key_line(text, target, reach).or_else(|| {
            let end = target.min(bytes.len());
            if let Some(key_line) = line_starts(bytes, scanned, end)
                .rev()
                .find(|&start| starts_key_line(bytes, start))
            {
                section = Some(key_line);
            }
            scanned = end;
            nearest_item_line(text, section?, target, reach)
        });
        if let Some(cut) = cut
            && cuts.last().is_some_and(|&last| cut > last)
        {
            cuts.push(cut);
        }
    }
    let mut all = Vec::with_capacity(cuts.len() * 2);
    for (index, &cut) in cuts.iter().enumerate() {
        all.push(cut);
        let end = cuts.get(index + 1).copied().unwrap_or(text.len());
        if starts_items(text, cut)
            && let Some(key_line) = line_starts(bytes, cut, end)
                .take_while(|&start| start < end)
                .find(|&start| starts_key_line(bytes, start))
        {
            all.push(key_line);
        }
    }
    all
}

/// The start of the key line nearest to byte `target`, at most `reach` bytes away.
/// Bytes, not characters: `target` may fall inside a character, a line start cannot.
fn nearest_key_line(text: &str, target: usize, reach: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    nearest(
        bytes,
        target,
        target.saturating_sub(reach),
        target.saturating_add(reach),
        |start| starts_key_line(bytes, start),
    )
}

/// The start of the item line nearest to byte `target`, at most `reach` bytes away and
/// in the section whose key line starts at `section`: a `- ` at the indentation of the
/// section's list, read from the first line under its key line. `None` if the section
/// is not a list under its key.
fn nearest_item_line(text: &str, section: usize, target: usize, reach: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut lines = text.get(section..)?.split('\n');
    let key = lines.next()?;
    if !key.trim_end().ends_with(':') {
        return None;
    }
    let first_item = lines.find(|line| {
        let line = line.trim();
        !line.is_empty() && !line.starts_with('#')
    })?;
    let indent = indentation(first_item, 0);
    if !starts_item(first_item.as_bytes(), indent) {
        return None;
    }
    let low = target.saturating_sub(reach).max(section);
    nearest(bytes, target, low, target.saturating_add(reach), |start| {
        starts_item_line(bytes, start, indent)
    })
}

/// The byte in `low..=high` nearest to `target` where `is_cut` holds; ties go to the
/// earlier one.
fn nearest(
    bytes: &[u8],
    target: usize,
    low: usize,
    high: usize,
    is_cut: impl Fn(usize) -> bool,
) -> Option<usize> {
    let before = line_starts(bytes, low, target)
        .rev()
        .find(|&start| is_cut(start));
    let after = line_starts(bytes, target, high).find(|&start| is_cut(start));
    match (before, after) {
        (Some(before), Some(after)) if target - before <= after - target => Some(before),
        (_, Some(after)) => Some(after),
        (before, None) => before,
    }
}

/// The starts of the lines in `low..=high` (bytes), but for the first line's: where a
/// cut may be. `memchr` finds the newlines, many bytes at a time.
fn line_starts(bytes: &[u8], low: usize, high: usize) -> impl DoubleEndedIterator<Item = usize> {
    let base = low.saturating_sub(1);
    let newlines = bytes.get(base..high.min(bytes.len())).unwrap_or_default();
    memchr::memchr_iter(b'\n', newlines).map(move |newline| base + newline + 1)
}

/// Whether a line that could be a cut starts at byte `start`: an ASCII letter in
/// column 0, after the first line.
fn starts_key_line(bytes: &[u8], start: usize) -> bool {
    start > 0
        && bytes.get(start - 1) == Some(&b'\n')
        && bytes.get(start).is_some_and(u8::is_ascii_alphabetic)
}

/// Whether an item line of a list indented by `indent` spaces starts at byte `start`.
fn starts_item_line(bytes: &[u8], start: usize, indent: usize) -> bool {
    start > 0
        && bytes.get(start - 1) == Some(&b'\n')
        && bytes
            .get(start..)
            .is_some_and(|line| starts_item(line, indent))
}

/// Whether `line` is `indent` spaces, then a `-` that starts a list item.
fn starts_item(line: &[u8], indent: usize) -> bool {
    line.get(..indent)
        .is_some_and(|spaces| spaces.iter().all(|&b| b == b' '))
        && line.get(indent) == Some(&b'-')
        && matches!(line.get(indent + 1), Some(b' ' | b'\n' | b'\r') | None)
}

/// Whether the piece starting at `cut` holds items of a list, not top-level sections.
fn starts_items(text: &str, cut: usize) -> bool {
    cut > 0 && cut < text.len() && !starts_key_line(text.as_bytes(), cut)
}

/// How many spaces the line starting at `start` is indented by.
fn indentation(text: &str, start: usize) -> usize {
    text.as_bytes()
        .get(start..)
        .map_or(0, |line| line.iter().take_while(|&&b| b == b' ').count())
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
    // A piece before items ends after the indentation of their first `-`, not at its
    // line start: one pass puts an empty value before it (`- ? x`, `-`) where the
    // parser meets the next token, and a piece where it meets the end.
    let ranges: Vec<Range<usize>> = cuts
        .iter()
        .zip(cuts.iter().skip(1).chain([&text.len()]))
        .map(|(&start, &end)| {
            let indent = if starts_items(text, end) {
                indentation(text, end)
            } else {
                0
            };
            start..end + indent
        })
        .collect();
    let last = *cuts.last()?;
    let stop = AtomicBool::new(false);
    let parse = |range: Range<usize>| {
        // Items are parsed as the root of their piece; in the file their list is one
        // level down, under its section's key.
        let items = starts_items(text, range.start);
        let start = range.start;
        let result = parse_piece(text, range, usize::from(items), Some(&stop));
        // A failure the answer cannot come from (see `join`) means one pass: the other
        // pieces stop early.
        if let Err(failure) = &result
            && (start != last || items || !failure.inside_root)
        {
            stop.store(true, Ordering::Relaxed);
        }
        result
    };
    let results = std::thread::scope(|scope| {
        let (first, rest) = ranges.split_first()?;
        let mut threads = Vec::with_capacity(rest.len());
        for range in rest {
            let range = range.clone();
            let thread = std::thread::Builder::new()
                .name("argmap-yaml".to_owned())
                .spawn_scoped(scope, move || parse(range));
            threads.push(thread.ok()?);
        }
        let mut results = vec![parse(first.clone())];
        for thread in threads {
            results.push(thread.join().ok()?);
        }
        Some(results)
    })?;
    join(text, cuts, results)
}

/// One top-level mapping made of the pieces' mappings, in order, with the items of an
/// items piece added to the list of the section before it; or the error of the last
/// piece when it is a run of sections and every piece before it is sound.
fn join<'a>(
    text: &str,
    cuts: &[usize],
    results: Vec<Result<Document<'a>, Failure>>,
) -> Option<Result<Yaml<'a>, Diagnostic>> {
    let last = results.len().checked_sub(1)?;
    let mut entries: Vec<(Yaml<'a>, Yaml<'a>)> = Vec::new();
    let mut span = None;
    for (index, (result, &cut)) in results.into_iter().zip(cuts).enumerate() {
        let items = starts_items(text, cut);
        let document = match result {
            Ok(document) => document,
            Err(failure) if index == last && failure.inside_root && !items => {
                return Some(Err(failure.diagnostic));
            }
            Err(_) => return None,
        };
        let ends_cleanly = !document.explicit_end && !document.ends_in_block_scalar;
        if index != last && !ends_cleanly {
            return None;
        }
        if items {
            let indent = indentation(text, cut);
            let (_, section) = entries.last_mut()?;
            // The piece starts with its `-`, so a block list root is that list.
            let continues = document.block_list && is_block_list_at(text, section, indent);
            let (Value::List(list), Value::List(more), true) =
                (&mut section.value, document.root.value, continues)
            else {
                return None;
            };
            list.extend(more);
        } else {
            if !document.flush_left_mapping {
                return None;
            }
            let Value::Mapping(piece) = document.root.value else {
                return None;
            };
            span.get_or_insert(document.root.span);
            entries.extend(piece);
        }
    }
    refuse_duplicate_keys(&entries).ok()?;
    Some(Ok(Yaml {
        value: Value::Mapping(entries),
        span: span?,
    }))
}

/// Whether `value` is a block list whose `-` items are indented by `indent` spaces:
/// a list whose first token lies on a line that starts with them. (The first token of
/// a list written `- ` flush under its key is the first item's, after the `-`.)
fn is_block_list_at(text: &str, value: &Yaml<'_>, indent: usize) -> bool {
    let start = value.span.start;
    let line_start = line_start(text, start);
    matches!(value.value, Value::List(_))
        && start >= line_start + indent
        && starts_item(
            text.as_bytes().get(line_start..).unwrap_or_default(),
            indent,
        )
}

/// The start of every line that could be a cut: a key line, or an item line of any
/// indentation (the checks sort out which continue a list).
fn cut_lines(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    (1..text.len()).filter(move |&start| {
        starts_key_line(bytes, start) || starts_item_line(bytes, start, indentation(text, start))
    })
}

/// Checks that cutting `text` at any one of its first `limit` cut lines, or at any two,
/// gives the one-pass tree or error, or gives up: what the tests and the fuzzer ask.
pub(crate) fn cutting_agrees(text: &str, limit: usize) -> Result<(), String> {
    let whole = one_pass(text);
    let lines: Vec<usize> = cut_lines(text).take(limit).collect();
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
    use crate::yaml::MAX_DEPTH;

    fn key_lines(text: &str) -> Vec<usize> {
        (1..text.len())
            .filter(|&start| starts_key_line(text.as_bytes(), start))
            .collect()
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
        for pieces in [2, 3] {
            let cuts = cuts(&text, pieces);
            assert_eq!(cuts.len(), pieces, "{cuts:?}");
            assert!(
                cuts.iter()
                    .skip(1)
                    .all(|&cut| key_lines(&text).contains(&cut))
            );
            let joined = parse_pieces(&text, &cuts).expect("the pieces parse");
            assert_eq!(joined, one_pass(&text));
        }
        // Eight shares are shorter than a section: most cuts fall between items, and
        // each piece of items ends at the next key line.
        let cuts = cuts(&text, 8);
        assert_eq!(cuts.len(), 8, "{cuts:?}");
        let joined = parse_pieces(&text, &cuts).expect("the pieces parse");
        assert_eq!(joined, one_pass(&text));
    }

    /// A map that is one long list is cut between its items, at the indentation of
    /// the list, written with or without spaces before the `-`.
    #[test]
    fn a_file_that_is_one_long_list_is_cut_between_its_items() {
        for indent in ["", "  ", "    "] {
            let mut text = String::from("argmap: 1\ntitle: Chain\nclaims:\n# the claims\n\n");
            for index in 0..20_000 {
                text.push_str(&format!(
                    "{indent}- id: c{index}\n{indent}  text: Claim {index}.\n{indent}  supports:\n{indent}  - c{}\n",
                    index + 1
                ));
            }
            let cuts = cuts(&text, 4);
            assert_eq!(cuts.len(), 4, "{cuts:?}");
            for &cut in cuts.iter().skip(1) {
                assert!(
                    text[cut..].starts_with(&format!("{indent}- id: c")),
                    "{cut}"
                );
            }
            let joined = parse_pieces(&text, &cuts).expect("the pieces parse");
            assert_eq!(joined, one_pass(&text));
        }
        // A section whose value is on its key line has no items to cut between.
        let text = format!("argmap: 1\ntitle: {}\n", "long ".repeat(200_000));
        assert_eq!(cuts(&text, 2), vec![0]);
    }

    /// A piece of items is only taken when it goes on the list the piece before it
    /// ends with, at the same indentation, and never for its errors.
    #[test]
    fn a_piece_of_items_continues_the_list_before_it_or_is_not_taken() {
        let text = "claims:\n  - id: a\n    tags:\n    - x\n    - y\n  - id: b\n";
        let nested = text.find("    - y").unwrap();
        let item = text.find("  - id: b").unwrap();
        assert_eq!(parse_pieces(text, &[0, nested]), None);
        assert_eq!(parse_pieces(text, &[0, item]), Some(one_pass(text)));
        assert_eq!(parse_pieces(text, &[0, nested, item]), None);
        let broken = text.replace("id: b", "id: [b");
        assert!(one_pass(&broken).is_err());
        assert_eq!(parse_pieces(&broken, &[0, item]), None);
        let after_a_string = "a: text\n  - b\n";
        assert!(
            parse_pieces(after_a_string, &[0, 8])
                .is_none_or(|answer| answer == one_pass(after_a_string))
        );
    }

    /// A piece of items is parsed one level nearer the root than its list lies in the
    /// file; it counts the level it lacks, so it refuses the nesting one pass refuses.
    #[test]
    fn a_piece_of_items_counts_the_nesting_around_it() {
        for depth in [MAX_DEPTH - 3, MAX_DEPTH - 2, MAX_DEPTH - 1] {
            let nested = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
            let text = format!("claims:\n  - a\n  - {nested}\n");
            let item = text.find("  - [").unwrap();
            let whole = one_pass(&text);
            assert_eq!(whole.is_ok(), depth <= MAX_DEPTH - 2, "{depth}: {whole:?}");
            match parse_pieces(&text, &[0, item]) {
                Some(answer) => assert_eq!(answer, whole, "{depth}"),
                None => assert!(whole.is_err(), "{depth}: a sound file was not cut"),
            }
            let block = (0..depth).fold(String::from("1"), |inner, level| {
                format!("\n{}- {inner}", "  ".repeat(depth - level + 1))
            });
            let text = format!("claims:\n  - a\n  -{block}\n");
            let item = text.find("  -\n").unwrap();
            let whole = one_pass(&text);
            match parse_pieces(&text, &[0, item]) {
                Some(answer) => assert_eq!(answer, whole, "block {depth}"),
                None => assert!(whole.is_err(), "block {depth}: a sound file was not cut"),
            }
        }
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

    /// A piece told to stop (another failed) gives up at its first event, with a
    /// failure that is never taken; a failing first piece leaves the answer to one pass.
    #[test]
    fn a_failing_piece_stops_the_others() {
        let text = "claims:\n  - id: a\n";
        let stopped = parse_piece(text, 0..text.len(), 0, Some(&AtomicBool::new(true)));
        assert!(matches!(
            stopped,
            Err(Failure {
                inside_root: false,
                ..
            })
        ));
        let mut text = String::from("claims:\n\t- id: broken\n");
        text.push_str(&"  - id: n\n".repeat(1000));
        text.push_str("evidence:\n");
        text.push_str(&"  - id: n\n".repeat(1000));
        let cut = text.find("evidence:").unwrap();
        assert_eq!(parse_pieces(&text, &[0, cut]), None);
        assert!(one_pass(&text).is_err());
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
            "- id: n",
            "  - id: n",
            "  -",
            "  - [a,",
            "  - \"open",
            "  - |",
            "    - x",
            "  - {k}: v",
            "   - odd",
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

    /// Lines of a section's list, mostly sound, with hostile ones among them: items at
    /// the list's and at other indentations, nested lists, block scalars, open quotes
    /// and flows, comments, document markers, key lines.
    fn list_line() -> impl Strategy<Value = String> {
        let key = prop::sample::select(vec!["a", "b", "claims", "x"]);
        let fragment = prop::sample::select(vec![
            "  - id: n",
            "  - id: n",
            "  - id: n",
            "    text: t",
            "    text: t",
            "    tags: [a, b]",
            "    tags:",
            "    - x",
            "      - y",
            "  - plain",
            "  -",
            "  - |",
            "  - >-",
            "    block",
            "      deeper block",
            "  - \"open",
            "close\"",
            "  - [a,",
            "  b]",
            "    continued",
            "# comment",
            "  # comment",
            "",
            "{k}:",
            "{k}: v",
            "- item",
            "- id: m",
            "  {k}: v",
            "...",
            "---",
            "  - {{k}: 1}",
            "  - ? {k}",
            "    : v",
            "\t- tab",
            "  - &a x",
            "  - *a",
            "   - odd",
            " - odd",
            "  - id: n  # note",
            "  - 'q'",
            "  - \"a\\",
            " x",
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

        #[test]
        fn cutting_a_list_never_changes_the_answer(
            head in prop::sample::select(vec!["claims:\n", "claims:\n  - id: first\n", "a: 1\nclaims:\n- id: first\n"]),
            lines in prop::collection::vec(list_line(), 1..16),
        ) {
            let text = format!("{head}{}\n", lines.join("\n"));
            assert_same_as_one_pass(&text);
        }
    }
}
