//! `qbank loop` run as a user runs it: the real binary on a fixture bank with competencies,
//! two kits and two loops (one that draws, one that cannot).

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;

mod common;

use common::{copy_dir, temp_dir, TempDir};

const FIXTURE: &str = "tests/fixtures/loop-bank";

fn with_bank() -> (TempDir, PathBuf) {
    let dir = temp_dir("loop");
    let bank = dir.join("bank");
    copy_dir(Path::new(FIXTURE), &bank);
    (dir, bank)
}

fn qbank(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qbank"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("qbank runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The contract of `loop show --format json`, as a consumer reads it.
#[derive(Debug, Deserialize)]
struct Shown {
    #[serde(rename = "loop")]
    id: String,
    fingerprint: String,
    interviews: Vec<ShownInterview>,
    coverage: Vec<ShownCoverage>,
    uncovered: Vec<String>,
    decision: String,
}

#[derive(Debug, Deserialize)]
struct ShownInterview {
    number: usize,
    kit: String,
    interviewer: Option<String>,
    seed: u64,
    fingerprint: String,
    competencies: Vec<String>,
    questions: Vec<ShownQuestion>,
}

#[derive(Debug, Deserialize)]
struct ShownQuestion {
    id: String,
}

#[derive(Debug, Deserialize)]
struct ShownCoverage {
    competency: String,
    required: bool,
    interviews: Vec<usize>,
}

#[test]
fn show_draws_each_interview_once_and_says_who_covers_what() {
    let (dir, _) = with_bank();
    let out = qbank(
        &["loop", "show", "mid", "--bank", "bank", "--format", "json"],
        &dir,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown: Shown = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(shown.id, "mid");
    assert_eq!(shown.fingerprint.len(), 8);
    assert_eq!(shown.interviews.len(), 2);
    assert_eq!(shown.interviews[0].kit, "screen");
    assert_eq!(shown.interviews[0].number, 1);
    assert_eq!(
        shown.interviews[0].interviewer.as_deref(),
        Some("Hiring manager")
    );
    assert_eq!(shown.interviews[0].seed, 3);
    assert_ne!(
        shown.interviews[0].fingerprint,
        shown.interviews[1].fingerprint
    );
    let ids: Vec<&str> = shown
        .interviews
        .iter()
        .flat_map(|i| i.questions.iter().map(|q| q.id.as_str()))
        .collect();
    assert_eq!(ids.len(), 3 + 4);
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        ids.len(),
        "{ids:?}"
    );
    // canary-release and blue-green-release are a similar_to pair: never both in the loop.
    assert!(!(ids.contains(&"canary-release") && ids.contains(&"blue-green-release")));
    assert!(shown.uncovered.is_empty(), "{:?}", shown.uncovered);
    for c in &shown.coverage {
        assert!(c.required, "{}", c.competency);
        for n in &c.interviews {
            assert!(shown.interviews[n - 1].competencies.contains(&c.competency));
        }
    }
    assert!(shown.decision.starts_with("Each interviewer rates"));

    let human = qbank(&["loop", "show", "mid", "--bank", "bank"], &dir);
    assert!(human.status.success());
    let human = text(&human.stdout);
    insta::assert_snapshot!(
        "show",
        human.replace(&shown.fingerprint, "[fingerprint]").replace(
            human
                .lines()
                .nth(1)
                .and_then(|l| l.split("bank ").nth(1))
                .and_then(|l| l.split(',').next())
                .unwrap_or("-"),
            "[revision]"
        )
    );
}

#[test]
fn build_writes_every_kit_and_the_debrief_the_same_bytes_twice() {
    let (dir, _) = with_bank();
    for out in ["a", "b"] {
        let run = qbank(
            &[
                "loop",
                "build",
                "mid",
                "--bank",
                "bank",
                "--candidate",
                "Ada Lovelace",
                "--date",
                "2026-12-07",
                "--out",
                out,
            ],
            &dir,
        );
        assert!(run.status.success(), "{}", text(&run.stderr));
    }
    let mut names: Vec<String> = fs::read_dir(dir.join("a"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["1-screen.pdf", "2-onsite.pdf", "debrief.pdf"]);
    for name in &names {
        let a = fs::read(dir.join("a").join(name)).unwrap();
        let b = fs::read(dir.join("b").join(name)).unwrap();
        assert!(a.starts_with(b"%PDF-"), "{name}");
        assert!(a == b, "{name}: two builds differ");
    }
    // DOCX too, and nothing else is left in the folder.
    let run = qbank(
        &[
            "loop", "build", "mid", "--bank", "bank", "--format", "docx", "--out", "d",
        ],
        &dir,
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    let mut names: Vec<String> = fs::read_dir(dir.join("d"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["1-screen.docx", "2-onsite.docx", "debrief.docx"]);
}

#[test]
fn a_loop_that_cannot_be_drawn_says_why_and_writes_nothing() {
    let (dir, _) = with_bank();
    let run = qbank(
        &["loop", "build", "twice", "--bank", "bank", "--out", "out"],
        &dir,
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(!dir.join("out").exists());
    insta::assert_snapshot!("twice", text(&run.stderr));
    let run = qbank(&["loop", "show", "mdi", "--bank", "bank"], &dir);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        text(&run.stderr),
        "qbank: error: no loop \"mdi\" in bank/loops; did you mean \"mid\"?\n"
    );
    let list = qbank(&["loop", "list", "bank"], &dir);
    assert_eq!(list.status.code(), Some(1));
    insta::assert_snapshot!("list", text(&list.stdout));
}

/// Two related questions, neither naming the other in `similar_to` (so not siblings either):
/// each of two interviews could ask one, but the loop asks at most one of them.
#[test]
fn related_questions_are_never_both_asked_in_a_loop() {
    let dir = temp_dir("loop-related");
    let bank = dir.join("bank");
    for sub in ["q", "kits", "loops"] {
        fs::create_dir_all(bank.join(sub)).unwrap();
    }
    fs::write(
        bank.join("topics.yaml"),
        "topics:\n  - id: versioning\n    title: Versioning\n",
    )
    .unwrap();
    for (id, text) in [
        ("version-models", "How do you version your ML models?"),
        (
            "version-control-models",
            "How do you handle version control for machine learning models?",
        ),
    ] {
        fs::write(
            bank.join(format!("q/{id}.yaml")),
            format!(
                "id: {id}\ntext: \"{text}\"\ntopic: versioning\nlevels: [mid]\nkind: concept\n"
            ),
        )
        .unwrap();
    }
    for kit in ["first", "second"] {
        fs::write(
            bank.join(format!("kits/{kit}.yaml")),
            format!(
                "title: {kit}\nlevel: mid\nseed: 1\nsections:\n  - title: Versions\n    \
                 topic: versioning\n    count: 1\n"
            ),
        )
        .unwrap();
    }
    fs::write(
        bank.join("loops/both.yaml"),
        "title: Both\ninterviews:\n  - kit: first\n  - kit: second\n",
    )
    .unwrap();
    // Each kit alone draws one of the two.
    for kit in ["first", "second"] {
        let run = qbank(&["kit", "show", kit, "--bank", "bank"], &dir);
        assert!(run.status.success(), "{}", text(&run.stderr));
    }
    let run = qbank(&["loop", "show", "both", "--bank", "bank"], &dir);
    assert_eq!(run.status.code(), Some(2), "{}", text(&run.stdout));
    let err = text(&run.stderr);
    assert!(
        err.contains("interview 2") && err.contains("near-duplicate"),
        "{err}"
    );
    let run = qbank(
        &[
            "loop",
            "show",
            "both",
            "--bank",
            "bank",
            "--format",
            "json",
            "--allow-near-duplicates",
        ],
        &dir,
    );
    assert!(run.status.success(), "{}", text(&run.stderr));
    let shown: Shown = serde_json::from_slice(&run.stdout).unwrap();
    let ids: HashSet<&str> = shown
        .interviews
        .iter()
        .flat_map(|i| i.questions.iter().map(|q| q.id.as_str()))
        .collect();
    assert_eq!(
        ids,
        HashSet::from(["version-models", "version-control-models"])
    );
}
