//! The `qbank` command line: argument parsing, reading and writing files, choosing the output
//! format and the exit code. Everything else lives in the library crates.

// The doc comments of the arguments are clap's help text, where `<bank>` and `<kit>` name
// what to write; rustdoc would read them as HTML tags.
#![allow(rustdoc::invalid_html_tags)]

mod args;
mod commands;
mod config;
mod dates;
mod files;
mod meaning;
mod progress;

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;

/// Lint allocates millions of small strings and lists on a large bank: mimalloc serves them
/// in about a third of the time of the system allocator (README.md, "Dependencies").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Exit codes, decided here and only here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// 0: nothing at error level.
    Clean,
    /// 1: findings at error level (or warnings with --deny-warnings), or a check failed.
    Findings,
}

/// An error that ends the run with exit code 2.
#[derive(Debug)]
pub struct Failure(pub String);

impl<E: std::fmt::Display> From<E> for Failure {
    fn from(e: E) -> Failure {
        Failure(e.to_string())
    }
}

fn main() -> ExitCode {
    let args = args::Cli::parse();
    match commands::run(args) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Findings) => ExitCode::from(1),
        Err(Failure(message)) => {
            if message.contains("Broken pipe") {
                return ExitCode::SUCCESS;
            }
            let stderr = io::stderr();
            let mut e = stderr.lock();
            let _ = writeln!(e, "qbank: error: {message}");
            ExitCode::from(2)
        }
    }
}
