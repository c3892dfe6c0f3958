//! The project's own bank lints clean: no errors, no warnings, no hints.

use std::path::Path;

use qbank_lint::Settings;

#[test]
fn the_projects_bank_lints_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../questions");
    let (bank, load) = qbank_core::load_bank(&root).expect("questions/ is a bank");
    let diagnostics = qbank_lint::lint(&bank, load, &Settings::default());
    let listed: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d.primary.file,
                d.primary.span.start.line,
                d.primary.span.start.column,
                d.rule,
                d.message
            )
        })
        .collect();
    assert!(
        listed.is_empty(),
        "questions/ has findings:\n{}",
        listed.join("\n")
    );
    assert!(bank.questions.len() >= 50, "the bank lost questions");
}
