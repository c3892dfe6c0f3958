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

#[test]
fn files_that_do_not_load_are_named_not_silently_left_out() {
    let dir = temp_dir("stats-broken");
    copy_dir(&crate_dir().join("tests/banks/stats"), &dir.join("bank"));
    std::fs::write(
        dir.join("bank/broken.yaml"),
        "id: broken\ntext: [unclosed\n",
    )
    .unwrap();
    let out = qbank(&dir, &["stats", "bank", "--today", "2026-11-27"]);
    assert!(out.starts_with("exit: 0\n"), "{out}");
    assert!(
        out.contains("1 file does not load and is not counted: bank/broken.yaml"),
        "{out}"
    );
}

/// In git, a question without `reviewed` counts as reviewed when its file last changed, for
/// any file name, those git would quote too.
#[test]
fn last_changes_are_read_for_any_folder_name() {
    let dir = temp_dir("stats-git-names");
    let bank = dir.join("bank");
    copy_dir(&crate_dir().join("tests/banks/stats"), &bank);
    // Every folder renamed to one with an accent, and the `reviewed` dates taken out.
    for entry in std::fs::read_dir(&bank).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&path).unwrap() {
            let file = file.unwrap().path();
            let text = std::fs::read_to_string(&file).unwrap();
            let kept: String = text
                .lines()
                .filter(|l| !l.starts_with("reviewed:"))
                .map(|l| format!("{l}\n"))
                .collect();
            std::fs::write(&file, kept).unwrap();
        }
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        std::fs::rename(&path, bank.join(format!("{name}-é"))).unwrap();
    }
    let git = |args: &[&str]| common::git(&dir, args);
    git(&["init", "-q"]);
    git(&["add", "-A"]);
    git(&["commit", "-q", "-m", "bank"]);
    let out = qbank(&dir, &["stats", "bank"]);
    assert!(out.starts_with("exit: 0\n"), "{out}");
    // Committed today: none is due for review.
    let due = out.split_once("not reviewed in").unwrap().1;
    assert!(due.contains(")\n  none\n"), "{out}");
}
