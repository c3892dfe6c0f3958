use std::io::{self, Write};

use qbank_core::Severity;
use qbank_lint::coverage::coverage_matrix;
use qbank_lint::render::coverage;

use crate::args::{CoverageArgs, CoverageFormat};
use crate::{Failure, Outcome};

/// Prints the matrix. Exit 0 whatever it shows (it is a report; `qbank lint` gates on gaps
/// through `topic-below-coverage`), or 1 on a gap with `--fail-on-gap`.
pub fn run(args: CoverageArgs) -> Result<Outcome, Failure> {
    let (bank, load_diagnostics) = qbank_core::load_bank(&args.bank)?;
    let unread = load_diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.primary.file.as_str())
        .collect::<std::collections::BTreeSet<_>>();
    if !unread.is_empty() {
        let n = unread.len();
        eprintln!(
            "qbank: warning: {n} file{} could not be read and {} not counted; `qbank lint {}` shows why",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" },
            args.bank.display()
        );
    }
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
