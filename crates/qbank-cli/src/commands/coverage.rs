use std::io::{self, Write};

use qbank_lint::coverage::{
    competency_matrix, coverage_matrix, crossed_matrix, cube, kind_matrix, Dimension, Matrix,
};
use qbank_lint::render::coverage;

use crate::args::{CoverageArgs, CoverageBy, CoverageFormat};
use crate::{Failure, Outcome};

/// Prints the matrices. Exit 0 whatever they show (it is a report; `qbank lint` gates on gaps
/// through `topic-below-coverage` and `competency-below-coverage`), or 1 on a gap with
/// `--fail-on-gap`.
pub fn run(args: CoverageArgs) -> Result<Outcome, Failure> {
    let bank_dir = args.bank.path();
    let (bank, _) = qbank_core::load_bank(&bank_dir)?;
    crate::progress::warn_unloaded(&bank, &bank_dir, "not counted");
    let mut cross = args.cross.clone();
    let mut seen_cross = Vec::new();
    cross.retain(|c| {
        let new = !seen_cross.contains(c);
        seen_cross.push(*c);
        new
    });
    if !args.cross.is_empty() && cross.len() < 2 {
        return Err(Failure(format!(
            "--cross {}: a crossing needs two or three different dimensions (topic, kind, \
             competency); for one, use --by",
            args.cross
                .iter()
                .map(|c| format!("{c:?}").to_lowercase())
                .collect::<Vec<_>>()
                .join(",")
        )));
    }
    // The default tables, with a crossing added after them when one is asked for.
    let mut by = args.by.clone();
    if by.is_empty() {
        by.push(CoverageBy::Topic);
        if bank.competencies_file.is_some() {
            by.push(CoverageBy::Competency);
        }
    }
    // Each table once, in the order first asked.
    let mut seen = Vec::new();
    by.retain(|b| {
        let new = !seen.contains(b);
        seen.push(*b);
        new
    });
    let dimension = |b: &CoverageBy| match b {
        CoverageBy::Topic => Dimension::Topic,
        CoverageBy::Competency => Dimension::Competency,
        CoverageBy::Kind => Dimension::Kind,
    };
    let mut matrices: Vec<Matrix> = by
        .iter()
        .map(|b| match b {
            CoverageBy::Topic => coverage_matrix(&bank),
            CoverageBy::Competency => competency_matrix(&bank),
            CoverageBy::Kind => kind_matrix(&bank),
        })
        .collect();
    if !cross.is_empty() {
        let crossing: Vec<Dimension> = cross.iter().map(dimension).collect();
        matrices.push(crossed_matrix(&bank, &crossing));
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        CoverageFormat::Human => {
            let color = args.color.on_stdout();
            coverage::human_all(&matrices, color, &mut out)?;
        }
        CoverageFormat::Json => coverage::json_all(
            &matrices,
            Some(&cube(&bank)),
            Some(bank.active().count()),
            &mut out,
        )?,
        CoverageFormat::Markdown => coverage::markdown_all(&matrices, &mut out)?,
    }
    out.flush()?;
    Ok(
        if args.fail_on_gap && matrices.iter().any(|m| m.gaps().next().is_some()) {
            Outcome::Findings
        } else {
            Outcome::Clean
        },
    )
}
