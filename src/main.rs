//! The `argmap` command: parses arguments, runs the library, maps the outcome to an
//! exit status. Everything else lives in the `argmap` library.

mod cli;

/// Parsing a map allocates a string for every scalar and frees most of them soon
/// after; mimalloc does this faster than glibc's allocator. Version 2, because the
/// default (v3) commits memory eagerly: 49 MB peak for a 2 MB map instead of 34 MB
/// (BENCHMARKS.md, "Validate").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
