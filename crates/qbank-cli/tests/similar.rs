//! `qbank similar` as a contributor runs it before adding a question, and as a reviewer runs
//! it on a question of the bank.

mod common;

use common::{copy_dir, crate_dir, qbank, temp_dir, write, TempDir};
use serde_json::Value;

/// A copy of the test bank in a folder of its own, outside git, so that no qbank.toml above
/// it is read and paths show as `bank/…`.
fn bank() -> TempDir {
    let dir = temp_dir("similar");
    copy_dir(&crate_dir().join("tests/banks/similar"), &dir.join("bank"));
    dir
}

fn json(dir: &TempDir, args: &[&str]) -> Value {
    let mut all = vec!["similar", "--bank", "bank", "--format", "json"];
    all.extend_from_slice(args);
    let out = qbank(dir.as_ref(), &all);
    let body = out
        .split_once("--- stdout\n")
        .and_then(|(_, rest)| rest.split_once("--- stderr\n"))
        .map(|(stdout, _)| stdout)
        .unwrap_or_else(|| panic!("no stdout in {out}"));
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {out}"))
}

fn ids(report: &Value) -> Vec<&str> {
    report["closest"]
        .as_array()
        .expect("closest is a list")
        .iter()
        .map(|m| m["id"].as_str().expect("id"))
        .collect()
}

#[test]
fn a_described_subject_finds_the_question_that_names_it() {
    let dir = bank();
    insta::assert_snapshot!(qbank(
        dir.as_ref(),
        &[
            "similar",
            "--bank",
            "bank",
            "How would you send a small share of traffic to a new model version and widen it gradually?"
        ]
    ));
}

#[test]
fn topic_synonyms_count_as_the_same_subject() {
    let dir = bank();
    let report = json(
        &dir,
        &["How do you cope with too many pages for the on-call engineer?"],
    );
    assert_eq!(ids(&report), ["alerts"], "{report:#}");
    let shared = report["closest"][0]["shared"].to_string();
    assert!(shared.contains("alert fatigue"), "{shared}");
}

#[test]
fn a_question_of_the_bank_by_id_shows_acknowledged_pairs() {
    let dir = bank();
    insta::assert_snapshot!(qbank(
        dir.as_ref(),
        &["similar", "--bank", "bank", "--id", "canary-metrics"]
    ));
}

#[test]
fn json_lists_active_questions_only_closest_first() {
    let dir = bank();
    let report = json(&dir, &["What is a canary release?", "--limit", "20"]);
    // 19 active questions; the retired and the draft canary questions are never compared.
    assert_eq!(report["compared"], 19, "{report:#}");
    let found = ids(&report);
    assert!(
        !found.contains(&"old-canary") && !found.contains(&"draft-canary"),
        "{found:?}"
    );
    assert_eq!(found.first(), Some(&"canary"), "{found:?}");
    let threshold = report["threshold"].as_f64().expect("threshold");
    assert_eq!(threshold, 0.4);
    let closest = report["closest"].as_array().expect("list");
    let scores: Vec<f64> = closest
        .iter()
        .map(|m| m["score"].as_f64().expect("score"))
        .collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
    for m in closest {
        let score = m["score"].as_f64().expect("score");
        assert_eq!(m["near_duplicate"], score >= threshold, "{m:#}");
        assert_eq!(m["acknowledged"], false, "{m:#}");
        // The place is the question's text in its file.
        let file = m["file"].as_str().expect("file");
        let text = std::fs::read_to_string(dir.as_ref().join(file)).expect("file exists");
        let line = m["line"].as_u64().expect("line") as usize;
        let column = m["column"].as_u64().expect("column") as usize;
        let at = &text.lines().nth(line - 1).expect("line exists")[column - 1..];
        assert!(
            at.starts_with(m["text"].as_str().expect("text")),
            "{file}:{line}:{column}: {at}"
        );
    }
    // At most `--limit` of them.
    assert_eq!(
        ids(&json(&dir, &["What is a canary release?", "-n", "1"])).len(),
        1
    );
}

#[test]
fn the_same_text_scores_one() {
    let dir = bank();
    let report = json(
        &dir,
        &["Can you explain the concept of blue-green deployment in MLOps?"],
    );
    assert_eq!(ids(&report).first(), Some(&"blue-green"), "{report:#}");
    assert_eq!(report["closest"][0]["score"], 1.0);
}

#[test]
fn the_threshold_is_the_lint_rule_s() {
    let dir = bank();
    let query = "How would you send a small share of traffic to a new model version and widen it gradually?";
    let before = json(&dir, &[query]);
    assert_eq!(before["closest"][0]["near_duplicate"], true, "{before:#}");
    let score = before["closest"][0]["score"].as_f64().expect("score");
    // A threshold above the score, as qbank.toml writes it (hundredths).
    let above = (score * 100.0).floor() as u64 + 1;
    write(
        dir.as_ref(),
        "settings.toml",
        &format!("[rules.near-duplicate]\nthreshold = {above}\n"),
    );
    let after = json(&dir, &[query, "--config", "settings.toml"]);
    assert_eq!(after["threshold"].as_f64(), Some(above as f64 / 100.0));
    assert_eq!(after["closest"][0]["score"], before["closest"][0]["score"]);
    assert_eq!(after["closest"][0]["near_duplicate"], false, "{after:#}");
}

#[test]
fn mistakes_are_explained() {
    let dir = bank();
    insta::assert_snapshot!(
        "unknown id",
        qbank(
            dir.as_ref(),
            &["similar", "--bank", "bank", "--id", "canary-metric"]
        )
    );
    insta::assert_snapshot!(
        "nothing in common",
        qbank(
            dir.as_ref(),
            &[
                "similar",
                "--bank",
                "bank",
                "What is your favourite colour?"
            ]
        )
    );
    insta::assert_snapshot!(
        "empty text",
        qbank(dir.as_ref(), &["similar", "--bank", "bank", " \t "])
    );
    let none = qbank(
        dir.as_ref(),
        &["similar", "--bank", "bank", "x", "--limit", "0"],
    );
    assert!(none.starts_with("exit: 2\n"), "{none}");
    let missing = qbank(dir.as_ref(), &["similar", "--bank", "bank"]);
    assert!(missing.starts_with("exit: 2\n"), "{missing}");
    let both = qbank(
        dir.as_ref(),
        &[
            "similar",
            "--bank",
            "bank",
            "--id",
            "canary",
            "What is a canary?",
        ],
    );
    assert!(both.starts_with("exit: 2\n"), "{both}");
}

#[test]
fn files_that_cannot_be_read_are_named_and_the_rest_compared() {
    let dir = bank();
    write(
        dir.as_ref(),
        "bank/data/broken.yaml",
        "id: broken\ntext: [unclosed\n",
    );
    let out = qbank(
        dir.as_ref(),
        &["similar", "--bank", "bank", "What is a canary release?"],
    );
    assert!(out.starts_with("exit: 0\n"), "{out}");
    assert!(
        out.contains("1 file does not load and is not compared: bank/data/broken.yaml"),
        "{out}"
    );
    assert!(out.contains("canary  (near duplicate)"), "{out}");
}

#[test]
fn a_query_cannot_recolour_or_reorder_the_output() {
    let dir = bank();
    let out = qbank(
        dir.as_ref(),
        &[
            "similar",
            "--bank",
            "bank",
            "What is a \u{1b}[31mcanary\u{202E} release?\nReally?",
        ],
    );
    assert!(out.starts_with("exit: 0\n"), "{out}");
    assert!(
        !out.contains('\u{1b}') && !out.contains('\u{202E}'),
        "{out:?}"
    );
    assert!(
        out.contains("Closest to: What is a \u{FFFD}[31mcanary\u{FFFD} release? Really?\n"),
        "{out}"
    );
}

/// With the model, the list is ordered by closeness (meaning and words), which the human
/// output leads each question with; the lint's score is shown beside it where it differs, and
/// the mark "near duplicate" follows the lint's score, not the closeness.
#[test]
fn with_the_model_the_order_is_the_closeness_and_the_lint_score_is_shown() {
    let Some(model) = common::test_model_dir("QBANK_TEST_MODEL_DIR", "similar with the model")
    else {
        return;
    };
    let dir = bank();
    let run = |format: &str| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_qbank"))
            .args(["similar", "--bank", "bank", "--format", format])
            .arg("Which numbers do you look at while a new model version takes a little traffic?")
            .current_dir(&*dir)
            .env("QBANK_MODEL_DIR", &model)
            .env("NO_COLOR", "1")
            .output()
            .expect("qbank runs");
        assert_eq!(out.status.code(), Some(0));
        String::from_utf8(out.stdout).expect("UTF-8")
    };
    let report: Value = serde_json::from_str(&run("json")).expect("JSON");
    let closest = report["closest"].as_array().expect("a list");
    let number = |m: &Value, key: &str| m[key].as_f64().expect(key);
    assert!(closest.len() > 2, "{report:#}");
    assert!(
        closest
            .windows(2)
            .all(|w| number(&w[0], "closeness") >= number(&w[1], "closeness")),
        "{report:#}"
    );
    let threshold = number(&report, "threshold");
    for m in closest {
        assert_eq!(
            m["near_duplicate"].as_bool(),
            Some(number(m, "score") >= threshold),
            "{m:#}"
        );
    }
    // The lint's score is not the order: somewhere it differs from the closeness.
    assert!(
        closest
            .iter()
            .any(|m| (number(m, "score") - number(m, "closeness")).abs() >= 0.005),
        "{report:#}"
    );
    let human = run("human");
    let leading: Vec<String> = closest
        .iter()
        .map(|m| {
            format!(
                "{:.2}  {}  (",
                number(m, "closeness"),
                m["id"].as_str().unwrap()
            )
        })
        .collect();
    for line in &leading {
        assert!(human.contains(line.as_str()), "{line:?} in\n{human}");
    }
    for m in closest {
        let lint = format!("{:.2}", number(m, "score"));
        if lint != format!("{:.2}", number(m, "closeness")) {
            assert!(human.contains(&format!("lint score {lint}")), "{human}");
        }
    }
}

/// Outside the vocabulary's field, with the model, the lint reads what two questions do not
/// share (`banks/rewordings`, a backend and front-end bank): the two rewordings that share
/// almost no word are near duplicates by meaning, and the two pairs that are one sentence with
/// another subject in it ("service worker" / "web worker", "deployment" / "database
/// failover") are not, though their words alone make them near duplicates. With both models.
#[test]
fn with_the_model_rewordings_are_near_duplicates_and_template_siblings_are_not() {
    let Some(minilm) = common::test_model_dir("QBANK_TEST_MODEL_DIR", "rewordings by meaning")
    else {
        return;
    };
    let mpnet = common::test_model_dir("QBANK_TEST_MPNET_DIR", "rewordings by meaning (MPNet)");
    let dir = temp_dir("rewordings");
    copy_dir(
        &crate_dir().join("tests/banks/rewordings"),
        &dir.join("bank"),
    );
    let findings = |model: Option<&std::path::Path>| -> Vec<(String, String)> {
        let out = common::qbank_with_model(&dir, &["lint", "bank", "--format", "json"], model);
        let report: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let mut found: Vec<(String, String)> = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter(|d| d["rule"] == "near-duplicate")
            .map(|d| {
                let file = d["file"].as_str().expect("file");
                let id = file.rsplit('/').next().unwrap().trim_end_matches(".yaml");
                let mut pair = [id, d["related"][0].as_str().expect("related")];
                pair.sort_unstable();
                (
                    pair.join(" / "),
                    d["message"].as_str().expect("message").to_owned(),
                )
            })
            .collect();
        found.sort();
        found
    };
    let pairs = |model: Option<&std::path::Path>| -> Vec<String> {
        findings(model).into_iter().map(|(pair, _)| pair).collect()
    };
    // By words alone: the template pairs, and two JavaScript questions that share only the
    // language's name.
    assert_eq!(
        pairs(None),
        [
            "database-failover / zero-downtime-deployment",
            "javascript-equality / javascript-hoisting",
            "service-worker / web-worker"
        ]
    );
    for model in std::iter::once(minilm.clone()).chain(mpnet) {
        assert_eq!(
            pairs(Some(&model)),
            [
                "enter-to-page / url-to-page",
                "react-component-tests / react-ui-checks"
            ],
            "{}",
            model.display()
        );
    }
    // The finding says that meaning decided it.
    for (pair, message) in findings(Some(&minilm)) {
        assert!(
            message.contains("decided by meaning: qbank's vocabulary knows few of these words"),
            "{pair}: {message}"
        );
    }
}

#[test]
fn questions_named_in_similar_to_are_shown_whatever_they_share() {
    let dir = bank();
    write(
        dir.as_ref(),
        "bank/deployment/first-on-call.yaml",
        "id: first-on-call\ntext: Who should carry the pager in a team's first week?\ntopic: deployment\nlevels: [mid]\nkind: concept\nsimilar_to:\n  - id: second-on-call\n    reason: The same rota from the other side.\n",
    );
    write(
        dir.as_ref(),
        "bank/deployment/second-on-call.yaml",
        "id: second-on-call\ntext: How would you hand over a rota after a holiday?\ntopic: deployment\nlevels: [mid]\nkind: concept\n",
    );
    for (asked, other) in [
        ("first-on-call", "second-on-call"),
        ("second-on-call", "first-on-call"),
    ] {
        let report = json(&dir, &["--id", asked]);
        let found = report["closest"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["id"] == other)
            .unwrap_or_else(|| panic!("{other} not shown for {asked}: {report:#}"));
        assert_eq!(found["acknowledged"], true, "{report:#}");
    }
}
