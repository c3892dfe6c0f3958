//! `qbank fmt` as a user runs it: the real binary on a copy of a bank laid out by hand.

mod common;

use common::{copy_dir, crate_dir, file_names, qbank, read, temp_dir, write};

/// A scratch folder with the unformatted bank as `bank/`.
fn scratch(name: &str) -> common::TempDir {
    let dir = temp_dir(name);
    copy_dir(
        &crate_dir().join("tests/banks/unformatted"),
        &dir.join("bank"),
    );
    dir
}

#[test]
fn check_prints_a_diff_and_writes_nothing() {
    let dir = scratch("fmt-check");
    let before = read(&dir, "bank/deployment/rollback.yaml");
    insta::assert_snapshot!(qbank(&dir, &["fmt", "--check", "bank"]));
    assert_eq!(read(&dir, "bank/deployment/rollback.yaml"), before);
}

#[test]
fn fmt_rewrites_files_and_a_second_run_changes_nothing() {
    let dir = scratch("fmt-write");
    let broken = read(&dir, "bank/deployment/broken.yaml");
    insta::assert_snapshot!("first run", qbank(&dir, &["fmt", "bank"]));
    insta::assert_snapshot!(
        "rollback.yaml formatted",
        read(&dir, "bank/deployment/rollback.yaml")
    );
    // The file that does not parse is left as it was.
    assert_eq!(read(&dir, "bank/deployment/broken.yaml"), broken);
    std::fs::remove_file(dir.join("bank/deployment/broken.yaml")).unwrap();
    insta::assert_snapshot!("second run", qbank(&dir, &["fmt", "--check", "bank"]));
    // No temporary file is left behind.
    let names = file_names(&dir.join("bank/deployment"));
    assert!(names.iter().all(|n| !n.starts_with('.')), "{names:?}");
}

#[test]
fn files_outside_a_bank_are_skipped() {
    // As pre-commit passes them: bank files and any other YAML of the repository.
    let dir = scratch("fmt-files");
    write(&dir, ".pre-commit-config.yaml", "repos:   []\n");
    write(&dir, "ci/workflow.yml", "on: push\n");
    let out = qbank(
        &dir,
        &[
            "fmt",
            ".pre-commit-config.yaml",
            "ci/workflow.yml",
            "bank/kits/screen.yaml",
            "bank/deployment/canary.yaml",
        ],
    );
    assert!(out.starts_with("exit: 0\n"), "{out}");
    assert!(
        out.contains("1 file reformatted, 1 left unchanged"),
        "{out}"
    );
    assert_eq!(read(&dir, ".pre-commit-config.yaml"), "repos:   []\n");
    assert_eq!(
        read(&dir, "bank/kits/screen.yaml"),
        "# yaml-language-server: $schema=../../schema/kit.schema.json\n\
         title: Phone screen\n\
         level: mid\n\
         sections:\n  \
         - title: Deployment\n    \
         topics: [deployment]\n    \
         count: 1\n"
    );
}

#[test]
fn paths_that_are_not_banks_are_errors() {
    let dir = scratch("fmt-errors");
    write(&dir, "notes/a.yaml", "a: 1\n");
    insta::assert_snapshot!("folder outside a bank", qbank(&dir, &["fmt", "notes"]));
    insta::assert_snapshot!("missing path", qbank(&dir, &["fmt", "nowhere"]));
}

#[test]
fn the_project_bank_is_formatted() {
    let out = qbank(&crate_dir(), &["fmt", "--check", "../../questions"]);
    assert!(out.starts_with("exit: 0\n"), "{out}");
}
