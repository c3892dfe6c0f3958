use std::io::{self, Write};

use qbank_core::{Diagnostic, Severity};
use qbank_lint::render::{self, human::HumanOptions, Sources};
use qbank_lint::RULES;

use crate::args::{LintArgs, LintFormat};
use crate::{config, git, Failure, Outcome};

pub fn run(args: LintArgs) -> Result<Outcome, Failure> {
    for name in args.select.iter().chain(&args.ignore) {
        if qbank_lint::rule(name).is_none() {
            let names: Vec<String> = RULES.iter().map(|r| r.name().to_owned()).collect();
            let hint = qbank_core::closest(name, &names)
                .map(|b| format!("; did you mean \"{b}\"?"))
                .unwrap_or_default();
            return Err(Failure(format!("unknown rule \"{name}\"{hint}")));
        }
    }
    let bank_dir = args.bank.path();
    let config = config::load(args.config.as_deref(), &bank_dir)?;
    // Ask git before reading the bank, so that a bad ref fails fast.
    let changes = match &args.changed_since {
        Some(base) => Some(git::changed_since(&bank_dir, base)?),
        None => None,
    };
    let (bank, load_diagnostics) = crate::progress::load_bank(&bank_dir)?;
    let mut settings = config.settings;
    settings.select = args.select.clone();
    for name in &args.ignore {
        settings.severity.insert(name.clone(), None);
    }
    let mut diagnostics = qbank_lint::lint(&bank, load_diagnostics, &settings);
    if let Some(changes) = &changes {
        let bank_changed = changes.any_below(&bank_dir);
        diagnostics.retain(|d| on_changed_file(d, changes, bank_changed));
    }
    let deny_warnings = args.deny_warnings || config.deny_warnings.unwrap_or(false);

    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            LintFormat::Github
        } else {
            LintFormat::Human
        }
    });
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        LintFormat::Human => {
            let color = args.color.on_stdout();
            render::human::render(
                &diagnostics,
                &Sources::new(&bank),
                HumanOptions {
                    color,
                    files: bank.files.len(),
                },
                &mut out,
            )?;
        }
        LintFormat::Json => render::json::render(&diagnostics, &mut out)?,
        LintFormat::Github => render::github::render(&diagnostics, &mut out)?,
        LintFormat::Sarif => render::sarif::render(&diagnostics, &mut out)?,
    }
    out.flush()?;
    let fail = diagnostics.iter().any(|d| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    });
    Ok(if fail {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// Whether `--changed-since` reports `d`: its file, or a file it is compared with, changed;
/// a finding about the whole bank (coverage) whenever any file of the bank changed.
fn on_changed_file(d: &Diagnostic, changes: &git::Changes, bank_changed: bool) -> bool {
    if qbank_lint::rule(d.rule).is_some_and(|r| r.bank_wide()) {
        return bank_changed;
    }
    changes.contains(&d.primary.file) || d.secondary.iter().any(|l| changes.contains(&l.file))
}
