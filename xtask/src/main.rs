//! Development tasks: `cargo run -p xtask --release -- <task>`. One module per task.

mod eval_near_duplicates;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "xtask", about = "qbank development tasks")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Measure the near-duplicate detector on a labelled set of question pairs.
    EvalNearDuplicates(eval_near_duplicates::Args),
}

fn main() -> ExitCode {
    let result = match Cli::parse().task {
        Task::EvalNearDuplicates(args) => eval_near_duplicates::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
