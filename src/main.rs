//! The `argmap` command: parses arguments, runs the library, maps the outcome to an
//! exit status. Everything else lives in the `argmap` library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
