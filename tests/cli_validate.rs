//! `argmap validate` as a user sees it: one transcript per diagnostic code and exit
//! status under `tests/cmd/`. Each `NAME.toml` runs argmap in `NAME.in/` and compares
//! stdout, stderr and the exit status exactly; `TRYCMD=overwrite cargo test` rewrites
//! the expected output after a deliberate change.

#[test]
fn validate_transcripts() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml");
}
