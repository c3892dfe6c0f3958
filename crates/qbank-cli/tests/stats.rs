//! `qbank stats` and `qbank completions` as a user runs them.

mod common;

use common::{copy_dir, crate_dir, qbank, temp_dir};

#[test]
fn stats_of_a_small_bank() {
    // A copy outside git, so that only the `reviewed` dates count.
    let dir = temp_dir("stats");
    copy_dir(&crate_dir().join("tests/banks/stats"), &dir.join("bank"));
    insta::assert_snapshot!(
        "stats human",
        qbank(&dir, &["stats", "bank", "--today", "2026-11-27"])
    );
    insta::assert_snapshot!(
        "stats json",
        qbank(
            &dir,
            &["stats", "bank", "--today", "2026-11-27", "--format", "json"]
        )
    );
    insta::assert_snapshot!(
        "stats bad date",
        qbank(&dir, &["stats", "bank", "--today", "27/11/2026"])
    );
}

#[test]
fn stats_by_competency() {
    let dir = temp_dir("stats-competencies");
    copy_dir(
        &crate_dir().join("tests/banks/coverage-competencies"),
        &dir.join("bank"),
    );
    let human = qbank(&dir, &["stats", "bank", "--today", "2026-11-27"]);
    insta::assert_snapshot!("stats by competency", human);
    let json = qbank(
        &dir,
        &["stats", "bank", "--today", "2026-11-27", "--format", "json"],
    );
    let body = json
        .split("--- stdout\n")
        .nth(1)
        .and_then(|s| s.split("--- stderr\n").next())
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(body).unwrap();
    assert_eq!(v["by_competency"]["production-operations"], 2);
    assert_eq!(v["by_competency"]["ml-delivery"], 1);
    assert_eq!(v["without_competency"], serde_json::json!(["shadow"]));
}

#[test]
fn bash_completions_know_every_subcommand() {
    let out = qbank(&crate_dir(), &["completions", "bash"]);
    let head: Vec<&str> = out.lines().take(40).collect();
    insta::assert_snapshot!(head.join("\n"));
    for command in [
        "lint",
        "fmt",
        "new",
        "stats",
        "similar",
        "export",
        "import",
        "completions",
    ] {
        assert!(
            out.contains(&format!("qbank,{command})")),
            "no completion for {command}"
        );
    }
}
