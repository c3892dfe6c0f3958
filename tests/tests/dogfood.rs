//! The project's own bank lints clean with the repository's qbank.toml: no errors, no
//! warnings, and no hints either — the bank is the example every other bank follows.

use std::path::Path;

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
        diagnostics.is_empty(),
        "questions/ has findings:\n{}",
        listed.join("\n")
    );
    assert!(bank.questions.len() >= 50, "the bank lost questions");
}
