//! Development tasks: `cargo run -p xtask --release -- <task>`. One module per task.
//!
//! - `gen-bank --questions N [--seed S] [--adopted] [--paraphrases P] [--vary-scenes] DIR`:
//!   writes a synthetic bank of N questions (with topics.yaml and a kit) for benchmarks; the
//!   same options give the same files. `--adopted` leaves out every schema modeline, as a bank
//!   adopted from elsewhere arrives: a finding on every file. `--paraphrases P` makes P of the
//!   questions rewordings of earlier ones, `--vary-scenes` phrases each scene several ways;
//!   either writes the ground truth, `questions.tsv` and `pairs.tsv`, at the bank's root.
//! - `eval-gen-bank DIR --lint-json FILE`: precision and recall of `qbank lint`'s
//!   near-duplicate findings on such a bank.
//! - `eval-near-duplicates PAIRS --bank DIR`: precision and recall of the near-duplicate
//!   detector on a labelled set of question pairs, as Markdown.
//! - `bench-near-duplicates --questions N DIR…`: how long the detector takes on a synthetic
//!   bank, and how many candidate pairs its index scores.
//! - `embed-texts --model DIR IN OUT`: the sentence vector of each line of a file, for
//!   measuring scores that embed other texts than the questions.

// The doc comments of the arguments are clap's help text, where `<n>` stands for a number;
// rustdoc would read it as an HTML tag.
#![allow(rustdoc::invalid_html_tags)]

mod bench_near_duplicates;
mod embed_texts;
mod eval_gen_bank;
mod eval_near_duplicates;
mod gen_bank;
mod rng;

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
    /// Write a synthetic bank: gen-bank --questions N [--seed S] [--adopted] [--paraphrases P]
    /// [--vary-scenes] DIR.
    GenBank {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true, num_args = 0..)]
        args: Vec<String>,
    },
    /// Measure the near-duplicate detector on a labelled set of question pairs.
    EvalNearDuplicates(Box<eval_near_duplicates::Args>),
    /// Precision and recall of `qbank lint`'s near-duplicate findings on a gen-bank bank.
    EvalGenBank(eval_gen_bank::Args),
    /// Time the near-duplicate detector on synthetic banks and count its candidate pairs.
    BenchNearDuplicates(bench_near_duplicates::Args),
    /// Write the sentence vector of each line of a file (for measuring).
    EmbedTexts(embed_texts::Args),
}

fn main() -> ExitCode {
    let result = match Cli::parse().task {
        Task::GenBank { args } => gen_bank::run(&args),
        Task::EvalNearDuplicates(args) => eval_near_duplicates::run(*args),
        Task::EvalGenBank(args) => eval_gen_bank::run(args),
        Task::BenchNearDuplicates(args) => bench_near_duplicates::run(args),
        Task::EmbedTexts(args) => embed_texts::run(args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::from(2)
        }
    }
}
