//! A progress bar for long runs: only on a terminal, never in CI logs or piped output.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Loads a bank, showing a bar on stderr while files are read when the run is long enough to
/// need one and someone is watching.
pub fn load_bank(
    root: &std::path::Path,
) -> Result<(qbank_core::Bank, Vec<qbank_core::Diagnostic>), qbank_core::LoadError> {
    let watching = std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none()
        && std::env::var_os("GITHUB_ACTIONS").is_none();
    if !watching {
        return qbank_core::load_bank(root);
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr_with_hz(8));
    bar.set_style(
        ProgressStyle::with_template("{spinner} reading {pos}/{len} files {wide_bar} {eta}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let result = qbank_core::load_bank_with_progress(root, &|done, total| {
        if total >= 2_000 {
            bar.set_length(total as u64);
            bar.set_position(done as u64);
        }
    });
    bar.finish_and_clear();
    result
}

/// Warns on stderr when some files of the bank could not be read, so that a report drawn from
/// the rest says so: "… could not be read and {are left out}; `qbank lint` shows why".
pub fn warn_unread(bank: &std::path::Path, diagnostics: &[qbank_core::Diagnostic], left_out: &str) {
    let unread = diagnostics
        .iter()
        .filter(|d| d.severity == qbank_core::Severity::Error)
        .map(|d| d.primary.file.as_str())
        .collect::<std::collections::BTreeSet<_>>();
    let n = unread.len();
    if n > 0 {
        eprintln!(
            "qbank: warning: {n} file{} could not be read and {} {left_out}; `qbank lint {}` shows why",
            if n == 1 { "" } else { "s" },
            if n == 1 { "is" } else { "are" },
            bank.display()
        );
    }
}
