//! Files built to hurt a YAML tool: bombs, deep nesting, huge graphs, wrong encodings.
//! Each must end with a clear message naming the file (or a correct answer), never a
//! panic, a hang or memory out of proportion to its size. Timings are measured by
//! `scripts/bench-validate.sh`, not asserted here.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::fmt::Write as _;
use std::path::Path;

use assert_cmd::Command;

/// Runs `argmap validate` on `bytes` written to a file named `name`, and returns the
/// exit code and stderr.
fn validate(name: &str, bytes: &[u8]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let output = Command::cargo_bin("argmap")
        .unwrap()
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .args(["validate", name])
        .output()
        .unwrap();
    let code = output.status.code().expect("argmap was killed by a signal");
    assert_ne!(code, 101, "argmap panicked on {name}");
    // The input is never touched.
    assert_eq!(std::fs::read(&path).unwrap(), bytes, "{name} was modified");
    (code, String::from_utf8(output.stderr).unwrap())
}

fn assert_refused(name: &str, bytes: &[u8], code: &str, message: &str) {
    let (status, stderr) = validate(name, bytes);
    assert_eq!(status, 1, "{name}: {stderr}");
    assert!(
        stderr.contains(&format!("error[{code}]")),
        "{name}: {stderr}"
    );
    assert!(
        stderr.contains(message),
        "{name}: expected {message:?} in\n{stderr}"
    );
    assert!(
        stderr.contains(name),
        "{name}: the message does not name the file\n{stderr}"
    );
}

/// A valid map whose `n` claims each support the next: a chain `n` long.
fn chain(n: usize, close_cycle: bool) -> String {
    let mut text = String::from("argmap: 1\ntitle: A long chain\nclaims:\n");
    for i in 0..n {
        let next = if i + 1 < n {
            i + 1
        } else if close_cycle {
            0
        } else {
            usize::MAX
        };
        write!(text, "  - id: c{i}\n    text: Claim number {i}.\n").unwrap();
        if next != usize::MAX {
            writeln!(text, "    supports: c{next}").unwrap();
        }
    }
    text
}

#[test]
fn alias_bomb_is_refused_at_its_first_anchor() {
    let mut text = String::from(
        "argmap: 1\ntitle: lol\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    for level in 1..12 {
        let p = level - 1;
        writeln!(
            text,
            "a{level}: &a{level} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]"
        )
        .unwrap();
    }
    assert_refused("bomb.yaml", text.as_bytes(), "E001", "anchors and aliases");
    assert_refused("bomb.yaml", text.as_bytes(), "E001", "bomb.yaml:3:5");
}

#[test]
fn hundred_thousand_nested_brackets_are_refused() {
    let depth = 100_000;
    for (open, close) in [("[", "]"), ("{a: ", "}")] {
        let text = format!(
            "argmap: 1\ntitle: deep\nclaims: {}{}\n",
            open.repeat(depth),
            close.repeat(depth)
        );
        assert_refused("deep.yaml", text.as_bytes(), "E001", "nested more than");
    }
    let mut block = String::from("argmap: 1\ntitle: deep\nclaims:\n");
    for level in 0..1000 {
        writeln!(block, "{}- ", "  ".repeat(level + 1)).unwrap();
    }
    let (status, stderr) = validate("deep-block.yaml", block.as_bytes());
    assert_eq!(status, 1, "{stderr}");
    assert!(stderr.contains("error[E001]"), "{stderr}");
}

#[test]
fn unclosed_brackets_are_a_syntax_error() {
    let text = format!("argmap: 1\ntitle: open\nclaims: {}\n", "[".repeat(20));
    assert_refused("open.yaml", text.as_bytes(), "E001", "not valid YAML");
}

#[test]
fn fifty_thousand_node_chain_is_valid() {
    let (status, stderr) = validate("chain.yaml", chain(50_000, false).as_bytes());
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stderr.contains("checked 1 map: 0 errors, 0 warnings"),
        "{stderr}"
    );
}

#[test]
fn fifty_thousand_node_cycle_is_found_and_listed() {
    let (status, stderr) = validate("cycle.yaml", chain(50_000, true).as_bytes());
    assert_eq!(status, 1, "{stderr}");
    assert!(
        stderr.contains("error[E011]: circular support: c0 → c1 → c2"),
        "{stderr}"
    );
    assert!(
        stderr.contains("more) → "),
        "a long cycle is shortened: {stderr}"
    );
    assert!(
        stderr.contains("1 error"),
        "one cycle, reported once: {stderr}"
    );
}

#[test]
fn utf16_with_and_without_bom_is_refused() {
    let text = "argmap: 1\ntitle: UTF-16\n";
    let mut with_bom = vec![0xff, 0xfe];
    with_bom.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_refused("bom16.yaml", &with_bom, "E001", "UTF-16");
    let big_endian: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    assert_refused("be16.yaml", &big_endian, "E001", "UTF-16");
}

#[test]
fn latin1_is_refused_at_the_bad_byte() {
    assert_refused(
        "latin1.yaml",
        b"argmap: 1\ntitle: Caf\xe9\n",
        "E001",
        "latin1.yaml:2:11",
    );
}

#[test]
fn nul_byte_is_refused() {
    assert_refused("nul.yaml", b"argmap: 1\ntitle: a\x00b\n", "E001", "NUL");
}

#[test]
fn utf8_bom_and_crlf_are_accepted() {
    let text = "\u{feff}argmap: 1\r\ntitle: Windows\r\nclaims:\r\n  - id: a\r\n    text: A.\r\n  - id: b\r\n    text: |\r\n      B, on\r\n      two lines.\r\n    supports: [a]\r\n";
    let (status, stderr) = validate("windows.yaml", text.as_bytes());
    assert_eq!(status, 0, "{stderr}");
    // Positions in a file with a BOM and CRLF still count from the first character.
    let text = text.replace("[a]", "[z]");
    let (status, stderr) = validate("windows.yaml", text.as_bytes());
    assert_eq!(status, 1);
    assert!(stderr.contains("windows.yaml:10:16"), "{stderr}");
}

#[test]
fn empty_and_comment_only_files_are_refused() {
    assert_refused("empty.yaml", b"", "E001", "empty");
    assert_refused(
        "comments.yaml",
        b"# nothing here\n\n# at all\n",
        "E001",
        "empty",
    );
}

#[test]
fn file_over_the_size_limit_is_refused_before_parsing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.yaml");
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(64 * 1024 * 1024 + 1).unwrap();
    let output = Command::cargo_bin("argmap")
        .unwrap()
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("larger than 64 MiB"), "{stderr}");
}

#[test]
fn unreadable_paths_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::cargo_bin("argmap")
        .unwrap()
        .current_dir(dir.path())
        .args(["validate", "missing.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("missing.yaml"));
    assert!(
        Path::new(dir.path()).read_dir().unwrap().next().is_none(),
        "nothing created"
    );
}

#[test]
fn many_dangling_references_stay_fast_and_complete() {
    // 20,000 nodes each pointing at an undefined id: every one is reported.
    let mut text = String::from("argmap: 1\ntitle: Dangling\nclaims:\n");
    for i in 0..20_000 {
        write!(
            text,
            "  - id: c{i}\n    text: Claim {i}.\n    supports: [missing-{i}]\n"
        )
        .unwrap();
    }
    let (status, stderr) = validate("dangling.yaml", text.as_bytes());
    assert_eq!(status, 1);
    assert!(
        stderr.contains("checked 1 map: 20000 errors, 0 warnings"),
        "{}",
        &stderr[stderr.len().saturating_sub(200)..]
    );
}
