//! The `aims` binary: parse the command line and hand over to `aims::cli`.

use clap::Parser;

fn main() -> std::process::ExitCode {
    aims::cli::main_with(aims::cli::Cli::parse())
}
