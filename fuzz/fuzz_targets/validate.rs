//! Any bytes as a map file: reading, parsing and validating never panic or hang, every
//! diagnostic points inside the file, every output format renders it, and parsing in
//! pieces (as for big maps) gives what one pass gives.

#![no_main]

use argmap::report::{self, Summary};
use argmap::source::{ReadError, SourceFile};
use argmap::validate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (file, diagnostics) = match SourceFile::from_bytes("fuzz.yaml", "fuzz.yaml", bytes.to_vec())
    {
        Ok(file) => {
            // Big maps are parsed in pieces; cut this one everywhere and compare.
            if let Err(problem) = argmap::cutting_agrees(&file.text) {
                panic!("{problem}");
            }
            let checked = validate::check(&file);
            if checked.graph.is_some() {
                assert_eq!(checked.errors(), 0);
            } else {
                assert!(checked.errors() > 0, "no graph and no error");
            }
            (file, checked.diagnostics)
        }
        Err(ReadError::Refused { file, diagnostic }) => (*file, vec![diagnostic]),
        Err(ReadError::Io(error)) => panic!("reading from memory failed: {error}"),
    };
    let text = &file.text;
    for diagnostic in &diagnostics {
        let spans = diagnostic
            .span
            .iter()
            .chain(diagnostic.related.iter().map(|label| &label.span));
        for span in spans {
            assert!(span.start <= span.end, "{diagnostic:?}");
            assert!(span.end <= text.len(), "{diagnostic:?}");
            assert!(text.is_char_boundary(span.start), "{diagnostic:?}");
            assert!(text.is_char_boundary(span.end), "{diagnostic:?}");
        }
        let human = report::human(&file, diagnostic, false);
        assert!(human.contains(diagnostic.code.as_str()));
        let _ = report::human(&file, diagnostic, true);
        let _ = report::github(&file, diagnostic);
    }
    let mut summary = Summary::default();
    summary.add(&diagnostics);
    let json = report::json(&[(&file, &diagnostics)], summary);
    let parsed: serde_json::Value = serde_json::from_str(&json).expect("--format json is JSON");
    assert!(parsed.is_object());
});
