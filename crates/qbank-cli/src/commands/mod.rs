//! One module per subcommand.

mod completions;
mod coverage;
mod export;
mod fmt;
mod import;
mod init;
mod kit;
mod lint;
mod loops;
mod model;
mod new;
mod rule;
mod similar;
mod stats;

use crate::args::{Cli, Command};
use crate::{Failure, Outcome};

pub fn run(mut cli: Cli) -> Result<Outcome, Failure> {
    resolve_bank(&mut cli.command);
    match cli.command {
        Command::Lint(args) => lint::run(args),
        Command::Rule(args) => rule::run(args),
        Command::Kit(args) => kit::run(args),
        Command::Loop(args) => loops::run(args),
        Command::Export(command) => export::run(command),
        Command::Import(command) => import::run(command),
        Command::Coverage(args) => coverage::run(args),
        Command::Fmt(args) => fmt::run(args),
        Command::Init(args) => init::run(args),
        Command::New(args) => new::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Similar(args) => similar::run(args),
        Command::Model(command) => model::run(command),
        Command::Completions(args) => completions::run(args),
        Command::Man => completions::man(),
    }
}

/// The bank folder a command reads, when it does not exist from the current folder (the
/// default `questions`, run from inside the bank or another folder of the repository): the
/// bank holding the current folder, or the same path from the top of the repository.
fn resolve_bank(command: &mut Command) {
    use crate::args::{BankOperand, ExportCommand, ImportCommand, KitCommand};
    let found = |p: &std::path::Path| qbank_core::git::find_bank_from_subfolder(p);
    let operand = |o: &mut BankOperand| {
        if let Some(bank) = found(&o.path()) {
            o.operand = Some(bank);
            o.option = None;
        }
    };
    let option = |p: &mut std::path::PathBuf| {
        if let Some(bank) = found(p) {
            *p = bank;
        }
    };
    match command {
        Command::Lint(a) => operand(&mut a.bank),
        Command::Kit(a) => match &mut a.command {
            KitCommand::List(a) => operand(&mut a.bank),
            KitCommand::Show(a) => option(&mut a.bank.bank),
            KitCommand::Build(a) => option(&mut a.bank.bank),
        },
        Command::Export(ExportCommand::Csv(a)) => operand(&mut a.common.bank),
        Command::Export(ExportCommand::Json(a) | ExportCommand::Md(a)) => operand(&mut a.bank),
        Command::Import(ImportCommand::Csv(a)) => option(&mut a.bank.bank),
        Command::Coverage(a) => operand(&mut a.bank),
        Command::New(a) => option(&mut a.bank.bank),
        Command::Stats(a) => operand(&mut a.bank),
        Command::Similar(a) => option(&mut a.bank.bank),
        _ => {}
    }
}
