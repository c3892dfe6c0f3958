//! The JSON output as a consumer reads it: real output parsed into the types a consumer
//! declares for the contract (version 1, in `contract/`), so renaming or dropping a field
//! breaks it.

mod contract;

use std::path::Path;

use contract::Report;
use qbank_lint::{render, Settings};

fn report_of(bank: &str) -> Report {
    let (bank, load) = qbank_core::load_bank(Path::new(bank)).expect("bank loads");
    let diagnostics = qbank_lint::lint(&bank, load, &Settings::default());
    let mut out = Vec::new();
    render::json::render(&diagnostics, &mut out).unwrap();
    serde_json::from_slice(&out).expect("output matches the version 1 contract")
}

#[test]
fn json_output_keeps_its_contract() {
    let report = report_of("tests/banks/mixed");
    assert_eq!(report.version, 1);
    let count = |s: &str| {
        report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    assert_eq!(report.summary.errors, count("error"));
    assert_eq!(report.summary.warnings, count("warning"));
    assert_eq!(report.summary.infos, count("info"));
    assert!(report.summary.errors > 0 && report.summary.warnings > 0 && report.summary.infos > 0);
    for d in &report.diagnostics {
        assert!(qbank_lint::rule(&d.rule).is_some(), "{} is a rule", d.rule);
        assert!(d.line >= 1 && d.column >= 1, "{d:?}");
        assert!((d.end_line, d.end_column) >= (d.line, d.column), "{d:?}");
        assert!(d.file.starts_with("tests/banks/mixed/"), "{d:?}");
        assert!(!d.message.is_empty() && !d.message.ends_with('.'), "{d:?}");
        assert!(d.help.as_deref().is_none_or(|h| !h.is_empty()));
        for l in &d.labels {
            assert!(l.line >= 1 && l.column >= 1 && !l.file.is_empty(), "{l:?}");
            let _ = &l.message;
        }
    }
    // Sorted by file, line, column.
    let keys: Vec<(&str, u32, u32)> = report
        .diagnostics
        .iter()
        .map(|d| (d.file.as_str(), d.line, d.column))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    // A word-level finding points at the word, not at the start of the value.
    let doubled = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "doubled-word")
        .expect("the mixed bank has a doubled word");
    assert_eq!(
        (doubled.line, doubled.column, doubled.end_column),
        (3, 14, 21)
    );
    // A finding on a pair names the other question and labels it.
    let pair = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "duplicate-question")
        .expect("the mixed bank has a duplicate question");
    assert_eq!(pair.related, ["rollback-again"]);
    assert_eq!(pair.labels.len(), 1);
    assert_eq!(
        pair.labels[0].file,
        "tests/banks/mixed/q/rollback-again.yaml"
    );
}
