//! One module per subcommand.

mod completions;
mod coverage;
mod export;
mod fmt;
mod import;
mod init;
mod kit;
mod lint;
mod new;
mod rule;
mod similar;
mod stats;

use crate::args::{Cli, Command};
use crate::{Failure, Outcome};

pub fn run(cli: Cli) -> Result<Outcome, Failure> {
    match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Rule(args) => rule::run(args),
        Command::Kit(args) => kit::run(args),
        Command::Export(command) => export::run(command),
        Command::Import(command) => import::run(command),
        Command::Coverage(args) => coverage::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Similar(args) => similar::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man => completions::man(),
    }
}
