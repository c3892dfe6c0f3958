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
