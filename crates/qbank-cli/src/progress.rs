//! A progress bar for long runs: only on a terminal, never in CI logs or piped output.

use std::io::{IsTerminal, Write};

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

/// Says on standard error which files of the bank did not load and so are `left_out` of what
/// the command reports ("left out", "not counted"), if any.
pub fn warn_unloaded(bank: &qbank_core::Bank, root: &std::path::Path, left_out: &str) {
    let broken: Vec<&str> = bank
        .unloaded_files()
        .into_iter()
        .map(|f| f.path.as_ref())
        .collect();
    if broken.is_empty() {
        return;
    }
    let _ = writeln!(
        std::io::stderr(),
        "qbank: warning: {} {} not load and {} {left_out}: {}\n  help: run `qbank lint {}` \
         to see why",
        broken.len(),
        if broken.len() == 1 {
            "file does"
        } else {
            "files do"
        },
        if broken.len() == 1 { "is" } else { "are" },
        broken.join(", "),
        root.display()
    );
}
