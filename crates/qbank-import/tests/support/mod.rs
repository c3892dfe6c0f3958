//! What the CSV and XLSX import tests share.

use qbank_import::RowError;

/// The errors as `qbank import` shows them, each with its help.
pub fn shown(errors: &[RowError]) -> String {
    errors
        .iter()
        .map(|e| match &e.help {
            Some(h) => format!("{e}\n  help: {h}\n"),
            None => format!("{e}\n"),
        })
        .collect()
}
