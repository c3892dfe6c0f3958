//! `qbank new` as a user runs it: the real binary on a copy of a small bank, standard input
//! not a terminal.

mod common;

use common::{copy_dir, crate_dir, file_names, qbank, read, temp_dir};

fn scratch(name: &str) -> common::TempDir {
    let dir = temp_dir(name);
    copy_dir(
        &crate_dir().join("tests/banks/unformatted"),
        &dir.join("bank"),
    );
    std::fs::remove_file(dir.join("bank/deployment/broken.yaml")).unwrap();
    dir
}

const ROLLBACK: &[&str] = &[
    "new",
    "--bank",
    "bank",
    "--text",
    "How would you roll back a bad model in production?",
    "--topic",
    "deployment",
    "--levels",
    "senior,mid",
    "--kind",
    "scenario",
    "--minutes",
    "6",
];

#[test]
fn new_writes_a_formatted_draft_in_the_topic_folder() {
    let dir = scratch("new-file");
    insta::assert_snapshot!("new run", qbank(&dir, ROLLBACK));
    let path = "bank/deployment/roll-back-bad-model-production.yaml";
    insta::assert_snapshot!("new file", read(&dir, path));
    // Already as `qbank fmt` leaves it, and the linter has nothing to say against it but
    // what a draft lacks.
    let out = qbank(&dir, &["fmt", "--check", path]);
    assert!(
        out.contains("0 files would be reformatted, 1 already formatted"),
        "{out}"
    );
    let out = qbank(&dir, &["lint", "bank"]);
    assert!(
        !out.contains("roll-back-bad-model-production.yaml:"),
        "{out}"
    );
}

#[test]
fn the_same_text_twice_gets_a_second_id() {
    let dir = scratch("new-twice");
    qbank(&dir, ROLLBACK);
    let first = read(&dir, "bank/deployment/roll-back-bad-model-production.yaml");
    let out = qbank(&dir, ROLLBACK);
    assert!(
        out.contains("created bank/deployment/roll-back-bad-model-production-2.yaml"),
        "{out}"
    );
    assert_eq!(
        read(&dir, "bank/deployment/roll-back-bad-model-production.yaml"),
        first
    );
}

#[test]
fn bad_input_is_refused_and_nothing_is_written() {
    let dir = scratch("new-bad");
    let mut unknown_topic = ROLLBACK.to_vec();
    unknown_topic[6] = "deploymnet";
    insta::assert_snapshot!("unknown topic", qbank(&dir, &unknown_topic));
    let mut taken_id = ROLLBACK.to_vec();
    taken_id.extend(["--id", "rollback"]);
    insta::assert_snapshot!("taken id", qbank(&dir, &taken_id));
    let mut bad_id = ROLLBACK.to_vec();
    bad_id.extend(["--id", "Roll_Back"]);
    insta::assert_snapshot!("bad id", qbank(&dir, &bad_id));
    insta::assert_snapshot!(
        "missing flags",
        qbank(&dir, &["new", "--bank", "bank", "--text", "Why canaries?"])
    );
    let names = file_names(&dir.join("bank/deployment"));
    assert_eq!(names.len(), 2, "{names:?}");
}

#[test]
fn a_new_question_that_reads_like_an_active_one_says_so() {
    let dir = temp_dir("new-near");
    copy_dir(&crate_dir().join("tests/banks/similar"), &dir.join("bank"));
    let run = |text: &str| {
        qbank(
            &dir,
            &[
                "new",
                "--bank",
                "bank",
                "--text",
                text,
                "--topic",
                "deployment",
                "--levels",
                "mid",
                "--kind",
                "scenario",
            ],
        )
    };
    insta::assert_snapshot!(
        "new near duplicate",
        run("How would you send a small share of traffic to a new model and widen it?")
    );
    // The draft just written is not compared with the next one, and a question on another
    // subject gets no note.
    let out = run("How do you size the fleet of GPU servers for a new product launch?");
    assert!(out.starts_with("exit: 0\n"), "{out}");
    assert!(!out.contains("reads like"), "{out}");
}

#[test]
fn new_takes_a_title_and_declared_competencies() {
    let dir = temp_dir("new-competencies");
    copy_dir(
        &crate_dir().join("tests/banks/coverage-competencies"),
        &dir.join("bank"),
    );
    let base = [
        "new",
        "--bank",
        "bank",
        "--text",
        "How would you roll back a bad model in production?",
        "--topic",
        "deployment",
        "--levels",
        "mid",
        "--kind",
        "scenario",
    ];
    let with = |extra: &[&str]| -> Vec<String> {
        base.iter().chain(extra).map(|s| (*s).to_owned()).collect()
    };
    let run = |args: Vec<String>| {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        qbank(&dir, &args)
    };
    let typo = run(with(&["--competencies", "production-operation"]));
    assert!(typo.starts_with("exit: 2"), "{typo}");
    assert!(
        typo.contains(
            "unknown competency `production-operation`; did you mean `production-operations`?"
        ),
        "{typo}"
    );
    let three = run(with(&[
        "--competencies",
        "ml-delivery,production-operations,ml-delivery",
    ]));
    assert!(three.starts_with("exit: 0"), "{three}");
    let long = run(with(&["--title", &"x".repeat(61)]));
    assert!(long.contains("a title has at most 60"), "{long}");
    let path = "bank/deployment/roll-back-bad-model-production.yaml";
    let text = read(&dir, path);
    assert!(
        text.contains("competencies: [ml-delivery, production-operations]\n"),
        "{text}"
    );
    std::fs::remove_file(dir.join(path)).unwrap();
    let titled = run(with(&[
        "--title",
        "Rolling back a model",
        "--competencies",
        "ml-delivery",
    ]));
    assert!(titled.starts_with("exit: 0"), "{titled}");
    let text = read(&dir, path);
    assert!(
        text.contains("\nid: roll-back-bad-model-production\ntitle: Rolling back a model\n"),
        "{text}"
    );
}
