//! One module per subcommand.

mod export;
mod import;
mod lint;
mod rule;

use crate::args::{Cli, Command};
use crate::{Failure, Outcome};

pub fn run(cli: Cli) -> Result<Outcome, Failure> {
    match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Rule(args) => rule::run(args),
        Command::Export(command) => export::run(command),
        Command::Import(command) => import::run(command),
    }
}
