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

/// A crossing of dimensions: one row per combination that has questions, level by level.
#[test]
fn coverage_crossed_by_topic_kind_and_competency() {
    insta::assert_snapshot!(qbank(
        &crate_dir(),
        &[
            "coverage",
            COMPETENCY_BANK,
            "--cross",
            "topic,kind,competency"
        ]
    ));
}

#[test]
fn coverage_crossed_after_the_matrices_in_markdown() {
    insta::assert_snapshot!(qbank(
        &crate_dir(),
        &[
            "coverage",
            COMPETENCY_BANK,
            "--by",
            "competency",
            "--cross",
            "kind,competency",
            "--format",
            "markdown"
        ]
    ));
}

/// The JSON holds the crossing asked for and the whole topic × level × kind × competency cube,
/// which adds up to the matrices: read as a consumer reads it.
#[test]
fn coverage_json_holds_the_cube() {
    let run = qbank(
        &crate_dir(),
        &[
            "coverage",
            COMPETENCY_BANK,
            "--by",
            "topic,competency",
            "--cross",
            "topic,competency",
            "--format",
            "json",
        ],
    );
    insta::assert_snapshot!(run);
    let json = run
        .split("--- stdout\n")
        .nth(1)
        .and_then(|s| s.split("--- stderr\n").next())
        .unwrap();
    #[derive(serde::Deserialize)]
    struct Report {
        topics: Vec<Row>,
        competencies: Vec<Row>,
        crossings: Vec<Crossing>,
        cube: Vec<CubeCell>,
    }
    #[derive(serde::Deserialize)]
    struct Row {
        id: String,
        levels: Vec<Cell>,
    }
    #[derive(serde::Deserialize)]
    struct Cell {
        level: String,
        count: u32,
    }
    #[derive(serde::Deserialize)]
    struct Crossing {
        by: Vec<String>,
        rows: Vec<CrossedRow>,
    }
    #[derive(serde::Deserialize)]
    struct CrossedRow {
        keys: Vec<String>,
        levels: Vec<Cell>,
    }
    #[derive(serde::Deserialize)]
    struct CubeCell {
        topic: String,
        level: String,
        kind: String,
        competency: Option<String>,
        count: u32,
    }
    let report: Report = serde_json::from_str(json).unwrap();
    assert!(!report.cube.is_empty());
    assert!(report
        .cube
        .iter()
        .all(|c| c.count > 0 && !c.kind.is_empty()));
    // A question counts once per competency in the cube: a topic's cell is at most the sum
    // of its cube cells, and empty exactly when they are.
    for row in &report.topics {
        for cell in &row.levels {
            let sum: u32 = report
                .cube
                .iter()
                .filter(|c| c.topic == row.id && c.level == cell.level)
                .map(|c| c.count)
                .sum();
            assert!(sum >= cell.count, "{} {}", row.id, cell.level);
            assert_eq!(sum == 0, cell.count == 0, "{} {}", row.id, cell.level);
        }
    }
    for row in &report.competencies {
        for cell in &row.levels {
            let sum: u32 = report
                .cube
                .iter()
                .filter(|c| c.competency.as_deref() == Some(&row.id) && c.level == cell.level)
                .map(|c| c.count)
                .sum();
            assert_eq!(sum, cell.count, "{} {}", row.id, cell.level);
        }
    }
    assert_eq!(report.crossings.len(), 1);
    assert_eq!(report.crossings[0].by, ["topic", "competency"]);
    for row in &report.crossings[0].rows {
        for cell in &row.levels {
            let sum: u32 = report
                .cube
                .iter()
                .filter(|c| {
                    c.topic == row.keys[0]
                        && c.competency.as_deref() == Some(&row.keys[1])
                        && c.level == cell.level
                })
                .map(|c| c.count)
                .sum();
            assert_eq!(sum, cell.count, "{:?} {}", row.keys, cell.level);
        }
    }
}

#[test]
fn a_crossing_needs_two_dimensions_and_each_table_comes_once() {
    let one = qbank(
        &crate_dir(),
        &["coverage", COMPETENCY_BANK, "--cross", "topic"],
    );
    assert!(one.starts_with("exit: 2\n"), "{one}");
    assert!(
        one.contains("a crossing needs two or three different dimensions"),
        "{one}"
    );
    let same = qbank(
        &crate_dir(),
        &["coverage", COMPETENCY_BANK, "--cross", "kind,kind"],
    );
    assert!(same.starts_with("exit: 2\n"), "{same}");
    let twice = qbank(
        &crate_dir(),
        &["coverage", COMPETENCY_BANK, "--by", "topic,kind,topic"],
    );
    assert_eq!(twice.matches("all topics").count(), 1, "{twice}");
    assert_eq!(twice.matches("all kinds").count(), 1, "{twice}");
}

#[test]
fn json_totals_count_the_questions_without_the_topic_table() {
    let total = |args: &[&str]| -> u64 {
        let mut all = vec!["coverage", COMPETENCY_BANK, "--format", "json"];
        all.extend_from_slice(args);
        let out = qbank(&crate_dir(), &all);
        let json = out
            .split_once("--- stdout\n")
            .and_then(|(_, rest)| rest.split_once("--- stderr\n"))
            .map(|(stdout, _)| stdout)
            .unwrap();
        let v: serde_json::Value = serde_json::from_str(json).unwrap();
        v["totals"]["questions"].as_u64().unwrap()
    };
    let all = total(&[]);
    assert!(all > 0);
    assert_eq!(total(&["--by", "kind"]), all);
    assert_eq!(total(&["--by", "competency"]), all);
}
