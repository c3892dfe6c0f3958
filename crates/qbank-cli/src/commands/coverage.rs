use std::io::{self, Write};

use qbank_lint::coverage::coverage_matrix;
use qbank_lint::render::coverage;

use crate::args::{CoverageArgs, CoverageFormat};
use crate::{Failure, Outcome};

/// Prints the matrix. Exit 0 whatever it shows (it is a report; `qbank lint` gates on gaps
/// through `topic-below-coverage`), or 1 on a gap with `--fail-on-gap`.
pub fn run(args: CoverageArgs) -> Result<Outcome, Failure> {
    let bank_dir = args.bank.path();
    let (bank, _) = qbank_core::load_bank(&bank_dir)?;
    crate::progress::warn_unloaded(&bank, &bank_dir, "not counted");
    let matrix = coverage_matrix(&bank);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        CoverageFormat::Human => {
            let color = args.color.on_stdout();
            coverage::human(&matrix, color, &mut out)?;
        }
        CoverageFormat::Json => coverage::json(&matrix, &mut out)?,
        CoverageFormat::Markdown => coverage::markdown(&matrix, &mut out)?,
    }
    out.flush()?;
    Ok(if args.fail_on_gap && matrix.gaps().next().is_some() {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}
