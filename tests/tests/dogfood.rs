//! The project's own bank lints clean with the repository's qbank.toml: no errors and no
//! warnings. Hints (info) do not fail the run, as in `qbank lint --deny-warnings`; the test
//! lists them when it fails for another reason.

use std::path::Path;

use qbank_core::Severity;
use qbank_lint::config::parse_config;

#[test]
fn the_projects_bank_lints_clean() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../questions");
    let config = parse_config(include_str!("../../qbank.toml"), "qbank.toml")
        .unwrap_or_else(|e| panic!("{e}"));
    let (bank, load) = qbank_core::load_bank(&root).expect("questions/ is a bank");
    let diagnostics = qbank_lint::lint(&bank, load, &config.settings);
    let listed: Vec<String> = diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {} {}",
                d.primary.file,
                d.primary.span.start.line,
                d.primary.span.start.column,
                d.severity,
                d.rule,
                d.message
            )
        })
        .collect();
    assert!(
        diagnostics.iter().all(|d| d.severity == Severity::Info),
        "questions/ has findings:\n{}",
        listed.join("\n")
    );
    assert!(bank.questions.len() >= 50, "the bank lost questions");
}
