//! One module per subcommand.

mod completions;
mod coverage;
mod kit;
mod lint;
mod rule;
mod stats;

use crate::args::{Cli, Command};
use crate::{Failure, Outcome};

pub fn run(cli: Cli) -> Result<Outcome, Failure> {
    match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Rule(args) => rule::run(args),
        Command::Kit(args) => kit::run(args),
        Command::Coverage(args) => coverage::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Completions(args) => completions::run(args),
        Command::Man => completions::man(),
    }
}
