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

/// How long, in milliseconds, the allocator keeps memory the run has freed before it gives
/// it back to the system. mimalloc keeps it a second by default, so lint's peak on a large
/// bank also held the temporaries of loading and of the pair search, freed within the second
/// before it: 544 MB instead of 591 MB on 100,000 adopted questions, in the same time
/// (BENCHMARKS.md, "The allocator gives back sooner"). 10 ms is mimalloc 2's default.
const ALLOCATOR_PURGE_DELAY_MS: std::ffi::c_long = 10;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h` of the version the `mimalloc` crate
/// builds), which `libmimalloc-sys` does not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc 3's own purge delay: what the option holds unless the environment set it
/// (`MIMALLOC_PURGE_DELAY`, or its older name `MIMALLOC_RESET_DELAY`, in any case).
const MIMALLOC_PURGE_DELAY_MS: std::ffi::c_long = 1000;

/// The purge delay to set when the option holds `current`: none when the environment chose
/// one.
fn purge_delay_to_set(current: std::ffi::c_long) -> Option<std::ffi::c_long> {
    (current == MIMALLOC_PURGE_DELAY_MS).then_some(ALLOCATOR_PURGE_DELAY_MS)
}

/// Sets [`ALLOCATOR_PURGE_DELAY_MS`], unless the environment set a delay of its own (read by
/// mimalloc before `main`).
#[allow(unsafe_code)]
fn allocator_gives_back_soon() {
    // SAFETY: calls with numbers and no pointers. mimalloc sets its options without a lock,
    // so this runs first in `main`, before qbank starts any thread. The option's number is
    // checked by `purge_delay_is_the_option_set` below.
    unsafe {
        let current = libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY);
        if let Some(delay) = purge_delay_to_set(current) {
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, delay);
        }
    }
}

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
    allocator_gives_back_soon();
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

/// A one-line warning on standard error, wherever it goes (a terminal, a CI log): the run
/// goes on, but reads or writes less than the user asked for.
pub(crate) fn warn(message: &str) {
    let _ = writeln!(io::stderr().lock(), "qbank: warning: {message}");
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Option 15 is the purge delay: it holds mimalloc's default of 1,000 ms, which no other
    /// option of the library has (the test binary does not call `main`), unless the
    /// environment set one of mimalloc's options.
    #[test]
    #[allow(unsafe_code)]
    fn purge_delay_is_the_option_set() {
        let set_in_environment = std::env::vars_os().any(|(name, _)| {
            name.to_string_lossy()
                .to_ascii_lowercase()
                .starts_with("mimalloc_")
        });
        if set_in_environment {
            return;
        }
        // SAFETY: reads an option; nothing in the test binary sets one.
        let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, MIMALLOC_PURGE_DELAY_MS);
    }

    /// The delay is set only over mimalloc's own: a delay the environment chose stays.
    #[test]
    fn a_delay_from_the_environment_stays() {
        assert_eq!(purge_delay_to_set(1000), Some(10));
        assert_eq!(purge_delay_to_set(500), None);
        assert_eq!(purge_delay_to_set(0), None);
        assert_eq!(purge_delay_to_set(-1), None);
    }
}
