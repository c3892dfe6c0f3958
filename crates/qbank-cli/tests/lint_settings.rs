//! `qbank lint` end to end: qbank.toml, --changed-since in a real git repository, SARIF, and
//! the project's own bank.

mod common;

use std::path::Path;

use common::{crate_dir, git, qbank, temp_dir, write};

const TOPICS: &str = "# yaml-language-server: $schema=../schema/topics.schema.json\ntopics:\n  - id: deployment\n    title: Deployment\n    coverage: {mid: 2}\n";

fn question(id: &str, text: &str) -> String {
    format!(
        "# yaml-language-server: $schema=../../schema/question.schema.json\nid: {id}\ntext: {text}\ntopic: deployment\nlevels: [mid]\nkind: concept\n"
    )
}

/// A repository whose `main` holds a bank with two questions that each have a finding.
fn repository(name: &str) -> common::TempDir {
    let dir = temp_dir(name);
    git(&dir, &["init", "-q"]);
    write(&dir, "bank/topics.yaml", TOPICS);
    write(
        &dir,
        "bank/q/old.yaml",
        &question("old", "How do you you roll back a model?"),
    );
    write(
        &dir,
        "bank/q/kept.yaml",
        &question("kept", "How do you detect the the drift?"),
    );
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "bank"]);
    git(&dir, &["checkout", "-q", "-b", "topic"]);
    dir
}

#[test]
fn changed_since_reports_only_changed_files() {
    let dir = repository("changed");
    // A committed change on the branch, an uncommitted edit and an untracked file.
    write(
        &dir,
        "bank/q/new.yaml",
        &question("new", "How do you ship a a model?"),
    );
    git(&dir, &["add", "-A"]);
    git(&dir, &["commit", "-q", "-m", "new question"]);
    write(
        &dir,
        "bank/q/old.yaml",
        &question("old", "How do you you roll back a model now?"),
    );
    write(
        &dir,
        "bank/q/untracked.yaml",
        &question("untracked", "Why cache cache keys?"),
    );
    let run = qbank(
        &dir,
        &[
            "lint",
            "bank",
            "--changed-since",
            "main",
            "--format",
            "json",
        ],
    );
    insta::assert_snapshot!(run);
    assert!(!run.contains("kept.yaml"), "kept.yaml did not change");
    // Without the filter, the unchanged file's finding is there too.
    let all = qbank(&dir, &["lint", "bank", "--format", "json"]);
    assert!(all.contains("kept.yaml"));
}

#[test]
fn changed_since_reports_bank_wide_findings_when_any_bank_file_changed() {
    let dir = repository("deleted");
    // Deleting a question leaves the topic below its minimum, a finding on topics.yaml,
    // which did not change.
    std::fs::remove_file(dir.join("bank/q/old.yaml")).unwrap();
    let run = qbank(
        &dir,
        &[
            "lint",
            "bank",
            "--changed-since",
            "main",
            "--format",
            "json",
        ],
    );
    assert!(run.contains("\"rule\": \"topic-below-coverage\""), "{run}");
    assert!(!run.contains("doubled-word"), "{run}");
    // Nothing changed: nothing reported.
    git(&dir, &["checkout", "-q", "--", "."]);
    let run = qbank(&dir, &["lint", "bank", "--changed-since", "main"]);
    insta::assert_snapshot!(run);
}

#[test]
fn changed_since_a_bad_ref() {
    let dir = repository("bad-ref");
    let run = qbank(&dir, &["lint", "bank", "--changed-since", "no-such-branch"]);
    insta::assert_snapshot!(run);
}

#[test]
fn config_is_found_above_the_bank_and_applied() {
    let dir = repository("config");
    // A gap that the configuration turns off.
    write(
        &dir,
        "bank/topics.yaml",
        &TOPICS.replace("mid: 2", "mid: 5"),
    );
    write(
        &dir,
        "qbank.toml",
        "[lint]\ndeny-warnings = true\n\n[rules]\ntopic-below-coverage = \"off\"\n\n[rules.text-length]\nmin = 40\n",
    );
    let run = qbank(&dir.join("bank"), &["lint", "."]);
    insta::assert_snapshot!(run);
}

#[test]
fn config_errors_name_the_place() {
    let dir = repository("config-error");
    write(&dir, "qbank.toml", "[rules]\ndoubled-wrd = \"off\"\n");
    insta::assert_snapshot!("config_unknown_rule", qbank(&dir, &["lint", "bank"]));
    write(&dir, "other.toml", "[rules.text-length]\nmax = \"long\"\n");
    insta::assert_snapshot!(
        "config_wrong_type",
        qbank(&dir, &["lint", "bank", "--config", "other.toml"])
    );
    insta::assert_snapshot!(
        "config_missing_file",
        qbank(&dir, &["lint", "bank", "--config", "missing.toml"])
    );
}

#[test]
fn sarif_from_the_command_line() {
    let run = qbank(
        &crate_dir(),
        &["lint", "tests/banks/coverage", "--format", "sarif"],
    );
    // The bank has coverage warnings only.
    assert!(run.starts_with("exit: 0\n"), "{run}");
    let json = run
        .split("--- stdout\n")
        .nth(1)
        .and_then(|s| s.split("--- stderr\n").next())
        .unwrap();
    let log: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(log["version"], "2.1.0");
    assert_eq!(
        log["runs"][0]["results"][0]["ruleId"],
        "topic-below-coverage"
    );
}

#[test]
fn the_projects_own_bank_lints_clean() {
    let root = crate_dir().join("../..");
    let run = qbank(Path::new(&root), &["lint", "questions", "--deny-warnings"]);
    assert!(
        run.starts_with("exit: 0\n") && !run.contains("warning[") && !run.contains("error["),
        "questions/ must lint clean with the repository's qbank.toml:\n{run}"
    );
}
