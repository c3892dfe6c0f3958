//! Development tasks: `cargo run -p xtask -- <task>`.
//!
//! - `gen-bank --questions N [--seed S] DIR`: writes a synthetic bank of N questions (with
//!   topics.yaml and a kit) for benchmarks; the same N and seed give the same files.

mod gen_bank;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen-bank") => gen_bank::run(&args[1..]),
        _ => Err("usage: cargo run -p xtask -- gen-bank --questions N [--seed S] DIR".to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::from(2)
        }
    }
}
