//! `qbank coverage`: the matrix in each format, and its exit codes.

mod common;

use common::{crate_dir, qbank};

const BANK: &str = "tests/banks/coverage";

#[test]
fn coverage_human() {
    insta::assert_snapshot!(qbank(&crate_dir(), &["coverage", BANK]));
}

#[test]
fn coverage_markdown() {
    insta::assert_snapshot!(qbank(
        &crate_dir(),
        &["coverage", BANK, "--format", "markdown"]
    ));
}

#[test]
fn coverage_json() {
    let run = qbank(&crate_dir(), &["coverage", BANK, "--format", "json"]);
    insta::assert_snapshot!(run);
    let json = run
        .split("--- stdout\n")
        .nth(1)
        .and_then(|s| s.split("--- stderr\n").next())
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(v["totals"]["gaps"], 2);
    assert_eq!(v["totals"]["missing"], 2);
}

#[test]
fn coverage_fails_on_a_gap_only_when_asked() {
    let run = qbank(
        &crate_dir(),
        &["coverage", BANK, "--fail-on-gap", "--format", "json"],
    );
    assert!(run.starts_with("exit: 1\n"), "{run}");
    let run = qbank(
        &crate_dir(),
        &[
            "coverage",
            "../qbank-lint/tests/fixtures/duplicate-id",
            "--fail-on-gap",
        ],
    );
    assert!(run.starts_with("exit: 0\n"), "{run}");
}

#[test]
fn coverage_of_a_missing_bank() {
    insta::assert_snapshot!(qbank(&crate_dir(), &["coverage", "tests/banks/nowhere"]));
}
