use std::fs;
use std::io::{self, Write};
use std::path::Path;

use qbank_import::csv::read_csv;
use qbank_import::plan::{plan_import_with, FileChange, ImportOptions, ImportPlan};
use qbank_import::xlsx::read_xlsx;
use qbank_import::{RowError, Sheet};

use crate::args::{CsvImportArgs, ImportCommand};
use crate::files::{self, PlannedFile};
use crate::{Failure, Outcome};

pub fn run(command: ImportCommand) -> Result<Outcome, Failure> {
    match command {
        ImportCommand::Csv(args) => import(args, read_csv),
        ImportCommand::Xlsx(args) => import(args, read_xlsx),
    }
}

/// Imports the rows of a spreadsheet; only reading its cells (`read`) depends on the format.
fn import(
    args: CsvImportArgs,
    read: fn(&[u8]) -> Result<Sheet, Vec<RowError>>,
) -> Result<Outcome, Failure> {
    let shown = args.file.display().to_string();
    let bytes = fs::read(&args.file).map_err(|e| Failure(format!("cannot read {shown}: {e}")))?;
    let (bank, _) = qbank_core::load_bank(&args.bank.bank)?;
    crate::progress::warn_unloaded(&bank, &args.bank.bank, "left out");

    let options = ImportOptions { force: args.force };
    let plan = read(&bytes).and_then(|sheet| plan_import_with(&bank, &sheet, &options));
    let plan = match plan {
        Ok(plan) => plan,
        Err(errors) => {
            let stderr = io::stderr();
            let mut err = stderr.lock();
            for e in &errors {
                writeln!(err, "error: {shown}: {e}")?;
                if let Some(help) = &e.help {
                    writeln!(err, "  help: {help}")?;
                }
            }
            writeln!(
                err,
                "\n{} {} in {shown}; nothing was written",
                errors.len(),
                if errors.len() == 1 {
                    "problem"
                } else {
                    "problems"
                }
            )?;
            return Ok(Outcome::Findings);
        }
    };

    for w in &plan.warnings {
        eprintln!("warning: {shown}: {w}");
    }
    let root = display_root(&args.bank.bank);
    // Reported once the files are written, so that a failure never follows "created".
    let mut out: Vec<u8> = Vec::new();
    let verb = |done: &'static str, would: &'static str| if args.dry_run { would } else { done };
    let mut report = |change: &FileChange, verb: &str| -> io::Result<()> {
        let path = format!("{root}{}", change.relative);
        if change.old.is_some() {
            writeln!(out, "{verb} {path} ({})", change.fields.join(", "))?;
        } else {
            writeln!(out, "{verb} {path}")?;
        }
        if change.rewritten {
            writeln!(
                out,
                "  note: the file is not laid out as qbank writes it and is rewritten whole; \
                 its comments are not kept"
            )?;
        }
        if change.moved_topic {
            let folder = change.relative.rsplit_once('/').map_or("", |(d, _)| d);
            writeln!(
                out,
                "  note: the topic changes; the file stays in {root}{folder}/, move it if you \
                 keep questions in their topic's folder"
            )?;
        }
        Ok(())
    };
    for c in &plan.creates {
        report(c, verb("created", "would create"))?;
    }
    for c in &plan.updates {
        report(c, verb("updated", "would update"))?;
    }

    if !args.dry_run && !plan.is_empty() {
        apply(&args.bank.bank, &plan)?;
    }
    let stdout = io::stdout();
    let mut stdout = stdout.lock();
    stdout.write_all(&out)?;
    let mut out = stdout;
    let summary = format!(
        "{} created, {} updated, {} unchanged",
        plan.creates.len(),
        plan.updates.len(),
        plan.unchanged
    );
    if args.dry_run {
        writeln!(out, "dry run: {summary}; nothing was written")?;
    } else {
        writeln!(out, "{summary}")?;
    }
    out.flush()?;
    Ok(Outcome::Clean)
}

fn apply(bank: &Path, plan: &ImportPlan) -> Result<(), Failure> {
    let planned: Vec<PlannedFile> = plan
        .creates
        .iter()
        .chain(&plan.updates)
        .map(|c| PlannedFile {
            path: bank.join(&c.relative),
            old: c.old.clone(),
            new: c.new.clone().into_bytes(),
        })
        .collect();
    files::write_all(&planned).map_err(Failure)
}

/// The bank folder as the user named it, ready to have a path inside it appended.
fn display_root(bank: &Path) -> String {
    let s = bank.to_string_lossy().replace('\\', "/");
    let s = s.trim_end_matches('/');
    let s = s.strip_prefix("./").unwrap_or(s);
    if s.is_empty() || s == "." {
        String::new()
    } else {
        format!("{s}/")
    }
}
