//! One test per crash the fuzzers found (`fuzz/`, `scripts/fuzz.sh`), named after the
//! finding, with the input cut down to what triggers it. Each asserts what the fuzz
//! target asserted, so the bug cannot come back unnoticed.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use argmap::report;
use argmap::source::{ReadError, SourceFile};
use argmap::validate;
use assert_cmd::Command;

/// What the `validate` fuzz target checks: every span of every diagnostic lies inside
/// the text shown, on character boundaries, and every report renders.
fn assert_diagnostics_point_into_the_file(
    bytes: &[u8],
) -> (SourceFile, Vec<argmap::diagnostic::Diagnostic>) {
    let (file, diagnostics) = match SourceFile::from_bytes("fuzz.yaml", "fuzz.yaml", bytes.to_vec())
    {
        Ok(file) => {
            let checked = validate::check(&file);
            (file, checked.diagnostics)
        }
        Err(ReadError::Refused { file, diagnostic }) => (*file, vec![diagnostic]),
        Err(ReadError::Io(error)) => panic!("{error}"),
    };
    for diagnostic in &diagnostics {
        let spans = diagnostic
            .span
            .iter()
            .chain(diagnostic.related.iter().map(|label| &label.span));
        for span in spans {
            assert!(
                span.start <= span.end && span.end <= file.text.len(),
                "{diagnostic:?}"
            );
            assert!(file.text.is_char_boundary(span.start), "{diagnostic:?}");
            assert!(file.text.is_char_boundary(span.end), "{diagnostic:?}");
        }
        assert!(report::human(&file, diagnostic, false).contains(diagnostic.code.as_str()));
    }
    (file, diagnostics)
}

/// Found by `validate` in its first minute: a NUL byte after bytes that are not UTF-8
/// was reported at its byte offset in the file, which in the text shown (where each bad
/// byte became a three-byte U+FFFD) fell inside a character, and the caret pointed
/// at the wrong column.
#[test]
fn fuzz_validate_nul_byte_after_invalid_utf8() {
    let bytes = b"argmap:\ntitle: \xff\xff\xff\x00x\n";
    let (file, diagnostics) = assert_diagnostics_point_into_the_file(bytes);
    let span = diagnostics[0].span.unwrap();
    assert_eq!(&file.text[span.start..span.end], "\0");
    assert_eq!(file.position(span.start), (2, 11));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nul.yaml");
    std::fs::write(&path, bytes).unwrap();
    let output = Command::cargo_bin("argmap")
        .unwrap()
        .env("NO_COLOR", "1")
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("the file contains a NUL byte"), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:2:11", path.display())),
        "{stderr}"
    );
}
