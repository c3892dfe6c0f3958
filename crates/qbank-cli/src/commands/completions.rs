use std::io::{self, Write};

use clap::CommandFactory;

use crate::args::{Cli, CompletionsArgs};
use crate::{Failure, Outcome};

pub fn run(args: CompletionsArgs) -> Result<Outcome, Failure> {
    let mut cmd = Cli::command();
    let mut out = io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "qbank", &mut out);
    out.flush()?;
    Ok(Outcome::Clean)
}

pub fn man() -> Result<Outcome, Failure> {
    let mut out = io::stdout().lock();
    out.write_all(&man_page()?)?;
    out.flush()?;
    Ok(Outcome::Clean)
}

/// The man page, in roff.
pub fn man_page() -> Result<Vec<u8>, Failure> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut buf)?;
    Ok(buf)
}
