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

/// A bank with competencies.yaml: the competency matrix comes after the topics by default.
const COMPETENCY_BANK: &str = "tests/banks/coverage-competencies";

#[test]
fn coverage_by_competency_by_default_when_declared() {
    let run = qbank(&crate_dir(), &["coverage", COMPETENCY_BANK]);
    assert!(run.contains("competency "), "{run}");
    insta::assert_snapshot!(run);
}

#[test]
fn coverage_by_kind_in_markdown() {
    insta::assert_snapshot!(qbank(
        &crate_dir(),
        &[
            "coverage",
            COMPETENCY_BANK,
            "--by",
            "kind,competency",
            "--format",
            "markdown"
        ]
    ));
}

#[test]
fn coverage_json_holds_every_matrix_asked_for() {
    let run = qbank(
        &crate_dir(),
        &[
            "coverage",
            COMPETENCY_BANK,
            "--by",
            "topic,competency,kind",
            "--format",
            "json",
            "--fail-on-gap",
        ],
    );
    insta::assert_snapshot!(run);
    let json = run
        .split("--- stdout\n")
        .nth(1)
        .and_then(|s| s.split("--- stderr\n").next())
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let competency = &v["competencies"][0];
    assert_eq!(competency["id"], "production-operations");
    // drift (mid, senior) and canary (mid, staff) measure it.
    assert_eq!(competency["levels"][1]["count"], 2);
    assert_eq!(competency["levels"][2]["gap"], 1);
    assert_eq!(v["kinds"].as_array().unwrap().len(), 5);
    assert!(run.starts_with("exit: 1"), "{run}");
}
