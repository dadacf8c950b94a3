//! Helpers shared by the integration tests.

#![allow(dead_code, clippy::print_stdout)]

use std::process::Command;

/// Whether the external tool `name` (Graphviz's `dot`, `chromium`) can be run. Without
/// it the calling test prints why and skips — unless `ARGMAP_REQUIRE_EXTERNAL=1`, as in
/// CI, where a missing tool is a failure.
pub fn require_tool(name: &str) -> bool {
    // `dot -V` prints its version; `chromium -V` does not exist (and as root refuses
    // to start without --no-sandbox), but `chromium --version` works.
    let found = ["-V", "--version"].into_iter().any(|flag| {
        Command::new(name)
            .arg(flag)
            .output()
            .is_ok_and(|output| output.status.success())
    });
    if found {
        return true;
    }
    if std::env::var("ARGMAP_REQUIRE_EXTERNAL").is_ok_and(|value| value == "1") {
        panic!("`{name}` is required (ARGMAP_REQUIRE_EXTERNAL=1) but cannot be run");
    }
    println!("skipped: `{name}` is not installed (set ARGMAP_REQUIRE_EXTERNAL=1 to fail instead)");
    false
}
