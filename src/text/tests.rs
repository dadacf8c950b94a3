//! Tests of text measurement and wrapping. The expected widths come from
//! `scripts/gen-font-widths.py`, which prints them from the fonts with fontTools.

use super::*;
use proptest::prelude::*;

const TOLERANCE: f64 = 0.01;

fn assert_px(actual: f64, expected: f64) {
    assert!(
        (actual - expected).abs() < TOLERANCE,
        "expected {expected} px, got {actual} px"
    );
}

fn em(units: u32, size: f64) -> f64 {
    f64::from(units) * size / 2048.0
}

#[test]
fn widths_match_the_font_advances() {
    // Sums of the hmtx advances reported by gen-font-widths.py (16 px).
    let cases = [
        ("Hello", 36.4609, 39.1172),
        ("The 1999 US\u{2013}Iran exchange", 204.5859, 211.6562),
        ("\u{201C}Quoted\u{201D} \u{2026}", 83.5859, 92.4375),
        ("\u{0391}\u{03B8}\u{03AE}\u{03BD}\u{03B1}", 45.7188, 48.7109),
        (
            "\u{041C}\u{043E}\u{0441}\u{043A}\u{0432}\u{0430}",
            54.6250,
            58.7422,
        ),
    ];
    for (text, regular, bold) in cases {
        assert_px(text_width(text, Font::regular(16.0)), regular);
        assert_px(text_width(text, Font::bold(16.0)), bold);
    }
}

#[test]
fn width_scales_with_size() {
    // "Hello" is 4667 font units in Liberation Sans Regular.
    assert_px(text_width("Hello", Font::regular(2048.0)), 4667.0);
    assert_px(text_width("Hello", Font::regular(8.0)), 36.4609 / 2.0);
    assert_eq!(text_width("", Font::regular(16.0)), 0.0);
}

#[test]
fn bold_is_wider_than_regular() {
    for text in [
        "Hello",
        "argument map",
        "Khobar Towers 1996",
        "\u{201C}\u{201D}",
    ] {
        assert!(text_width(text, Font::bold(14.0)) > text_width(text, Font::regular(14.0)));
    }
}

#[test]
fn single_characters() {
    let font = Font::regular(2048.0); // 1 px per font unit
    assert_px(text_width(" ", font), 569.0);
    assert_px(text_width("i", font), 455.0);
    assert_px(text_width("W", font), 1933.0);
    assert_px(text_width("\u{2014}", font), 2048.0); // em dash
    assert_px(text_width("\u{00A0}", font), 569.0); // no-break space
    assert_px(text_width("\u{05D0}", font), 1286.0); // Hebrew alef is in the font
}

#[test]
fn zero_width_characters_measure_zero() {
    let font = Font::regular(16.0);
    let invisible = [
        '\u{200B}',
        '\u{200C}',
        '\u{200D}',
        '\u{200E}',
        '\u{200F}',
        '\u{202A}',
        '\u{202B}',
        '\u{202C}',
        '\u{202D}',
        '\u{202E}',
        '\u{2060}',
        '\u{2066}',
        '\u{2067}',
        '\u{2068}',
        '\u{2069}',
        '\u{FE00}',
        '\u{FE0E}',
        '\u{FE0F}',
        '\u{FEFF}',
        '\u{E0041}',
        '\u{E0100}',
        '\u{0300}',
        '\u{0301}',
        '\u{064B}',
        '\u{05B7}',
        '\u{0E31}',
        '\u{20DD}',
        '\u{034F}',
    ];
    for c in invisible {
        assert_eq!(
            text_width(&c.to_string(), font),
            0.0,
            "U+{:04X}",
            u32::from(c)
        );
    }
    assert_eq!(
        text_width("e\u{0301}", font),
        text_width("e", font),
        "a combining mark adds nothing"
    );
    assert_eq!(
        text_width("a\u{200B}b\u{200D}c", font),
        text_width("abc", font)
    );
}

#[test]
fn control_characters_and_tabs() {
    let font = Font::regular(16.0);
    for c in [
        '\n', '\r', '\u{0}', '\u{1B}', '\u{7F}', '\u{85}', '\u{9F}', '\u{2028}',
    ] {
        assert_eq!(
            text_width(&c.to_string(), font),
            0.0,
            "U+{:04X}",
            u32::from(c)
        );
    }
    assert_px(text_width("\t", font), text_width("    ", font));
}

#[test]
fn fallbacks_for_characters_the_font_lacks() {
    let size = 20.0;
    let font = Font::regular(size);
    // CJK and Hangul: 1 em each.
    assert_px(text_width("\u{4F60}\u{597D}", font), 2.0 * size);
    assert_px(text_width("\u{D55C}", font), size);
    assert_px(text_width("\u{3002}", font), size); // ideographic full stop
    assert_px(text_width("\u{FF21}", font), size); // fullwidth A
    // Emoji: 1.25 em, also a text-style symbol made an emoji by U+FE0F.
    assert_px(text_width("\u{1F600}", font), 1.25 * size);
    assert_px(text_width("\u{2764}\u{FE0F}", font), 1.25 * size);
    assert!(text_width("\u{263A}\u{FE0F}", font) >= 1.25 * size);
    // Arabic script: 0.55 em regular, 0.65 em bold.
    let persian = "\u{0633}\u{0644}\u{0627}\u{0645}"; // سلام
    assert_px(text_width(persian, font), 4.0 * em(fallback::ARABIC, size));
    assert!(text_width(persian, font) >= 4.0 * 0.55 * size);
    assert!(text_width(persian, Font::bold(size)) >= 4.0 * 0.65 * size);
    // Other scripts: 0.75 em.
    assert_px(text_width("\u{0531}", font), 0.75 * size); // Armenian
    assert_px(text_width("\u{0915}", font), 0.75 * size); // Devanagari
    // Symbols the font lacks: 1 em.
    assert_px(text_width("\u{2200}", font), size);
}

#[test]
fn bad_font_sizes_measure_zero() {
    for size in [0.0, -3.0, f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(text_width("Hello", Font::regular(size)), 0.0);
        assert_eq!(
            wrap("Hello world", Font::regular(size), 10.0),
            ["Hello world"]
        );
    }
}

#[test]
fn table_is_consistent() {
    let total: usize = widths::RUNS.iter().map(|&(_, n, _)| usize::from(n)).sum();
    assert_eq!(total, widths::REGULAR.len());
    assert_eq!(total, widths::BOLD.len());
    let mut next_offset = 0;
    let mut previous_end = 0;
    for &(first, count, offset) in &widths::RUNS {
        assert!(first >= previous_end, "runs sorted and disjoint");
        assert!(count > 0);
        assert_eq!(usize::from(offset), next_offset);
        next_offset += usize::from(count);
        previous_end = first + u32::from(count);
    }
    // The blocks the export relies on are all covered.
    for cp in (0x20..0x7F)
        .chain(0xA0..0x250)
        .chain([0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2026])
    {
        let c = char::from_u32(cp).unwrap();
        assert!(table_units(c, false).is_some(), "U+{cp:04X}");
        assert!(table_units(c, true).is_some(), "U+{cp:04X}");
    }
    assert_eq!(table_units('\u{4E00}', false), None);
    assert_eq!(table_units('\u{10FFFF}', true), None);
}

#[test]
fn line_metrics() {
    let font = Font::regular(20.0);
    assert_px(font.ascent(), 1854.0 * 20.0 / 2048.0);
    assert_px(font.descent(), 434.0 * 20.0 / 2048.0);
    assert_px(font.line_height(), (1854.0 + 434.0 + 67.0) * 20.0 / 2048.0);
}

// ---------------------------------------------------------------- wrap

fn font() -> Font {
    Font::regular(16.0)
}

#[test]
fn empty_and_blank_text_gives_no_lines() {
    for text in ["", " ", "\n", " \t \n\r\n  \u{3000}", "\n\n\n"] {
        assert!(wrap(text, font(), 100.0).is_empty(), "{text:?}");
    }
}

#[test]
fn short_text_is_one_trimmed_line() {
    assert_eq!(wrap("  Hello   world \t", font(), 1000.0), ["Hello world"]);
}

#[test]
fn wraps_at_spaces_first_fit() {
    let text = "The 1999 US\u{2013}Iran exchange over Khobar Towers";
    let max = 150.0;
    let lines = wrap(text, Font::regular(14.0), max);
    assert_eq!(
        lines,
        ["The 1999 US\u{2013}Iran", "exchange over Khobar", "Towers"]
    );
    for line in &lines {
        assert!(text_width(line, Font::regular(14.0)) <= max);
    }
    // Each line but the last could not take the next word.
    assert!(text_width("The 1999 US\u{2013}Iran exchange", Font::regular(14.0)) > max);
}

#[test]
fn newlines_start_new_lines() {
    assert_eq!(wrap("one\ntwo", font(), 1000.0), ["one", "two"]);
    assert_eq!(
        wrap("one\r\ntwo\rthree", font(), 1000.0),
        ["one", "two", "three"]
    );
    assert_eq!(
        wrap("one\u{2028}two\u{2029}three", font(), 1000.0),
        ["one", "two", "three"]
    );
    assert_eq!(wrap("  one  \n  two  ", font(), 1000.0), ["one", "two"]);
    // Blank lines: one empty line between paragraphs, none at the ends.
    assert_eq!(wrap("one\n\n\n \ntwo", font(), 1000.0), ["one", "", "two"]);
    assert_eq!(wrap("\n\none\n\n", font(), 1000.0), ["one"]);
    // A YAML block scalar ends with a newline.
    assert_eq!(
        wrap("Letters exchanged.\n", font(), 1000.0),
        ["Letters exchanged."]
    );
}

#[test]
fn long_words_are_broken_by_characters() {
    let word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
    let max = 60.0;
    let lines = wrap(word, font(), max);
    assert!(lines.len() > 1);
    assert_eq!(lines.concat(), word);
    for line in &lines {
        assert!(text_width(line, font()) <= max, "{line:?}");
    }
    // Greedy: each piece but the last is full.
    for pair in lines.windows(2) {
        let first_next = pair[1].chars().next().unwrap();
        assert!(text_width(&format!("{}{first_next}", pair[0]), font()) > max);
    }
}

#[test]
fn a_character_wider_than_the_line_stands_alone() {
    assert_eq!(wrap("WWW", font(), 5.0), ["W", "W", "W"]);
    assert_eq!(wrap("a b", font(), 0.0), ["a", "b"]);
    assert_eq!(wrap("ab", font(), f64::NAN), ["a", "b"]);
    assert_eq!(wrap("ab", font(), -1.0), ["a", "b"]);
    assert_eq!(wrap("a b", font(), f64::INFINITY), ["a b"]);
}

#[test]
fn combining_marks_stay_with_their_letter() {
    let word = "e\u{0301}e\u{0301}e\u{0301}e\u{0301}";
    let lines = wrap(word, font(), 10.0);
    assert_eq!(lines, ["e\u{0301}"; 4]);
}

#[test]
fn breaks_after_hyphens_but_not_in_dates() {
    let lines = wrap("well-known", font(), 50.0);
    assert_eq!(lines, ["well-", "known"]);
    let lines = wrap("1999-06", font(), 30.0);
    assert!(lines.iter().all(|l| !l.ends_with('-')), "{lines:?}");
    // No hyphen is added when a word is broken by characters.
    for line in wrap("abcdefghijklmnopqrstuvwxyz", font(), 40.0) {
        assert!(!line.contains('-'));
    }
}

#[test]
fn no_break_spaces_are_kept() {
    let text = "10\u{00A0}km 20\u{00A0}km";
    let lines = wrap(text, font(), 50.0);
    assert_eq!(lines, ["10\u{00A0}km", "20\u{00A0}km"]);
}

#[test]
fn cjk_breaks_between_ideographs() {
    // 8 ideographs of 1 em (16 px); 40 px holds two.
    let lines = wrap("你好世界你好世界", font(), 40.0);
    assert_eq!(lines, ["你好", "世界", "你好", "世界"]);
    // Mixed with Latin.
    let lines = wrap("Khobar 塔 爆炸案 1996", font(), 60.0);
    for line in &lines {
        assert!(text_width(line, font()) <= 60.0, "{line:?}");
    }
    assert_eq!(
        lines.concat().replace(' ', ""),
        "Khobar塔爆炸案1996",
        "{lines:?}"
    );
}

#[test]
fn persian_wraps_at_spaces() {
    let text = "جمهوری اسلامی ایران هیچ نقشی در بمب‌گذاری نداشته است";
    let max = 120.0;
    let lines = wrap(text, font(), max);
    assert!(lines.len() > 1);
    for line in &lines {
        assert!(text_width(line, font()) <= max, "{line:?}");
    }
    let words: Vec<&str> = lines.iter().flat_map(|l| l.split(' ')).collect();
    assert_eq!(
        words,
        text.split(' ').collect::<Vec<_>>(),
        "no word is split"
    );
}

#[test]
fn emoji_sequences_are_not_split_from_their_selectors() {
    let lines = wrap(
        "\u{2764}\u{FE0F}\u{2764}\u{FE0F}\u{2764}\u{FE0F}",
        font(),
        25.0,
    );
    assert_eq!(lines, ["\u{2764}\u{FE0F}"; 3]);
}

// ---------------------------------------------------------------- truncate

#[test]
fn truncate_limits_lines_with_an_ellipsis() {
    let font = Font::regular(14.0);
    let lines = wrap("one two three four five six", font, 50.0);
    assert_eq!(lines, ["one two", "three", "four five", "six"]);
    assert_eq!(
        truncate(lines.clone(), 2, font, 50.0),
        ["one two", "three\u{2026}"]
    );
    assert_eq!(truncate(lines.clone(), 4, font, 50.0), lines);
    assert_eq!(truncate(lines.clone(), 9, font, 50.0), lines);
    assert!(truncate(lines.clone(), 0, font, 50.0).is_empty());
    // A full last line loses its last word to make room.
    let cut = truncate(lines, 3, font, 50.0);
    assert_eq!(cut, ["one two", "three", "four\u{2026}"]);
    assert!(text_width(&cut[2], font) <= 50.0);
    let lines = wrap("one two three four five six", font, 70.0);
    assert_eq!(lines, ["one two", "three four", "five six"]);
    assert_eq!(truncate(lines, 2, font, 70.0), ["one two", "three\u{2026}"]);
    // Characters go when the last word is most of the line, or it is one word.
    let lines = vec!["a abcdefghijklmn".to_owned(), "x".to_owned()];
    assert_eq!(truncate(lines, 1, font, 70.0), ["a abcdef\u{2026}"]);
    assert!(text_width("a abcdef\u{2026}", font) <= 70.0);
    assert!(text_width("a abcdefg\u{2026}", font) > 70.0);
    let lines = wrap("abcdefghijklmnopqrstuvwxyz", font, 50.0);
    let cut = truncate(lines.clone(), 1, font, 50.0);
    assert_eq!(cut.len(), 1);
    assert!(
        cut[0].ends_with('\u{2026}') && lines[0].starts_with(cut[0].trim_end_matches('\u{2026}'))
    );
    // The ellipsis alone when nothing else fits.
    assert_eq!(
        truncate(vec!["W".into(), "W".into()], 1, font, 5.0),
        ["\u{2026}"]
    );
}

#[test]
fn wrap_truncated_caps_huge_text() {
    let text = "word ".repeat(10_000);
    let lines = wrap_truncated(&text, font(), 200.0, 12);
    assert_eq!(lines.len(), 12);
    assert!(lines[11].ends_with('\u{2026}'));
    for line in &lines {
        assert!(text_width(line, font()) <= 200.0);
    }
}

// ---------------------------------------------------------------- properties

/// Pieces of text of every kind the wrapping must handle.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z]{1,12}",
        2 => Just(" ".to_owned()),
        1 => "[ \t]{1,4}",
        1 => Just("\n".to_owned()),
        1 => Just("\r\n".to_owned()),
        1 => "[a-z]{20,60}",
        2 => "[\u{4E00}-\u{4FFF}]{1,10}",
        2 => "[\u{0627}-\u{064A}\u{067E}\u{0686}\u{06A9}\u{06AF}\u{06CC}]{1,8}",
        1 => Just("\u{200C}".to_owned()),
        1 => "[\u{1F300}-\u{1F64F}]{1,3}",
        1 => Just("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}".to_owned()),
        1 => Just("\u{2764}\u{FE0F}".to_owned()),
        1 => Just("e\u{0301}".to_owned()),
        1 => "[\u{0300}-\u{036F}\u{200B}\u{200D}\u{200E}\u{202A}-\u{202E}\u{2066}-\u{2069}\u{FE0F}]",
        1 => "[-\u{2013}\u{2014}.,;:!?\u{201C}\u{201D}\u{2026}\u{00A0}\u{3000}\u{3002}]",
        1 => "[\u{0391}-\u{03C9}\u{0410}-\u{044F}\u{05D0}-\u{05EA}]{1,8}",
        1 => "[\u{0531}-\u{0556}\u{0E01}-\u{0E2E}\u{0905}-\u{0939}\u{AC00}-\u{AC40}]{1,6}",
    ]
}

fn texts() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..40).prop_map(|parts| parts.concat())
}

fn non_whitespace(text: &str) -> String {
    text.chars()
        .filter(|c| !is_collapsible_space(*c) && !is_newline(*c))
        .collect()
}

/// Checks the promises of [`wrap`] for one input.
fn check_wrap(text: &str, font: Font, max_width: f64) -> Result<(), TestCaseError> {
    let lines = wrap(text, font, max_width);
    for line in &lines {
        let visible = {
            let mut chars = line.chars().peekable();
            let mut n = 0;
            while let Some(c) = chars.next() {
                if char_units(c, chars.peek().copied(), font.bold) > 0 {
                    n += 1;
                }
            }
            n
        };
        prop_assert!(
            text_width(line, font) <= max_width || visible == 1,
            "line {:?} is {} px wide, more than {} px",
            line,
            text_width(line, font),
            max_width
        );
        prop_assert!(!line.contains(is_newline), "newline in {:?}", line);
        prop_assert_eq!(line.trim_matches(is_collapsible_space), line.as_str());
        prop_assert!(!line.contains("  "), "double space in {:?}", line);
        prop_assert!(!line.contains('\t'));
    }
    prop_assert_eq!(non_whitespace(&lines.concat()), non_whitespace(text));
    prop_assert!(lines.first().is_none_or(|l| !l.is_empty()));
    prop_assert!(lines.last().is_none_or(|l| !l.is_empty()));
    prop_assert!(!lines.windows(2).any(|w| w[0].is_empty() && w[1].is_empty()));
    // Deterministic.
    prop_assert_eq!(&lines, &wrap(text, font, max_width));
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn wrapped_lines_fit_and_keep_every_character(
        text in texts(),
        size in 6.0f64..40.0,
        bold in any::<bool>(),
        max_width in 1.0f64..500.0,
    ) {
        check_wrap(&text, Font { size, bold }, max_width)?;
    }

    #[test]
    fn any_string_is_handled(text in any::<String>(), max_width in -10.0f64..300.0) {
        check_wrap(&text, Font::regular(12.0), max_width.max(0.5))?;
        let _ = wrap(&text, Font::bold(12.0), max_width);
        let _ = text_width(&text, Font::bold(12.0));
    }

    #[test]
    fn width_is_additive_over_words(words in prop::collection::vec("[a-zA-Z\u{4E00}-\u{4E20}\u{0627}-\u{064A}]{1,8}", 1..10)) {
        let font = Font::regular(13.0);
        let joined = words.join(" ");
        let sum: f64 = words.iter().map(|w| text_width(w, font)).sum::<f64>()
            + (words.len() - 1) as f64 * text_width(" ", font);
        prop_assert!((text_width(&joined, font) - sum).abs() < 1e-9);
    }

    #[test]
    fn truncated_lines_fit(text in texts(), max_lines in 0usize..6, max_width in 20.0f64..300.0) {
        let font = Font::bold(15.0);
        let lines = wrap_truncated(&text, font, max_width, max_lines);
        prop_assert!(lines.len() <= max_lines);
        for line in &lines {
            prop_assert!(
                text_width(line, font) <= max_width
                    || line.chars().filter(|&c| char_units(c, None, true) > 0).count() == 1,
                "{:?}", line
            );
        }
        let all = wrap(&text, font, max_width);
        if all.len() > max_lines {
            prop_assert!(lines.last().is_none_or(|l| l.ends_with(ELLIPSIS)));
            prop_assert_eq!(&lines[..max_lines.saturating_sub(1)], &all[..max_lines.saturating_sub(1)]);
        } else {
            prop_assert_eq!(lines, all);
        }
    }
}

#[test]
fn a_paragraph_ending_with_a_hyphen_still_breaks() {
    // textwrap alone would find one word in "0 a-".
    assert_eq!(segmented_words("0 a-"), [(0, 1, true), (2, 4, false)]);
    assert_eq!(
        segmented_words("\u{0639} a-"),
        [(0, 2, true), (3, 5, false)]
    );
    let lines = wrap("Iran- \u{0639}\u{0644}\u{0649}-", font(), 60.0);
    assert_eq!(lines, ["Iran-", "\u{0639}\u{0644}\u{0649}-"]);
}

#[test]
fn plain_ascii_shortcut_applies_to_prose() {
    assert!(is_plain_ascii(
        "Members of the IRGC were involved, it said; \"credible\" - no?"
    ));
    assert!(is_plain_ascii("well-known 1999-06 U.S. it's"));
    assert!(!is_plain_ascii("a (b)"));
    assert!(!is_plain_ascii("a !"));
    assert!(!is_plain_ascii("a!b"));
    assert!(!is_plain_ascii("caf\u{E9}"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn plain_ascii_shortcut_agrees_with_the_segmenter(
        parts in prop::collection::vec(prop_oneof![
            4 => "[a-zA-Z0-9]{1,6}",
            3 => Just(" ".to_owned()),
            2 => "[.,;:'\"!?-]{1,3}",
        ], 1..20)
    ) {
        let mut paragraph = String::new();
        normalize_into(&parts.concat(), &mut paragraph);
        if paragraph.is_empty() || !is_plain_ascii(&paragraph) {
            return Ok(());
        }
        prop_assert_eq!(words(&paragraph), segmented_words(&paragraph));
    }
}

#[test]
fn escape_sequences_and_controls_do_not_confuse_wrapping() {
    let text = "a \u{1B}[31mred\u{1B}[0m b\u{0}c \u{7F}";
    let lines = wrap(text, font(), 1000.0);
    assert_eq!(lines, ["a \u{1B}[31mred\u{1B}[0m b\u{0}c \u{7F}"]);
    assert_eq!(text_width("\u{1B}", font()), 0.0);
}
