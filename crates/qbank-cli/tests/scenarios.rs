//! The pull-request gate, scenario by scenario. Each scenario is a base bank committed on
//! `main` of a scratch git repository, a change on a branch, and the exact exit code and
//! findings `qbank lint --changed-since main` gives (or, for the scenarios about kits and
//! spreadsheets, the command that must refuse). Findings are compared as
//! `status severity rule file: message` lines, the message without its parenthesised details
//! (scores); the GitHub annotations, SARIF (validated against the SARIF 2.1.0 schema) and JSON
//! renderings of every lint scenario are checked too.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{git, temp_dir, write, TempDir};
use serde_json::Value;

const TOPICS: &str = "# yaml-language-server: $schema=../schema/topics.schema.json
topics:
  - id: deployment
    title: Deployment
    coverage: {mid: 2}
  - id: monitoring
    title: Monitoring
";

const KIT: &str = "# yaml-language-server: $schema=../../schema/kit.schema.json
title: Screen
level: mid
seed: 3
sections:
  - title: Basics
    fixed: [model-rollback]
  - title: Watching
    topic: monitoring
    count: 1
";

fn question(id: &str, topic: &str, text: &str) -> String {
    format!(
        "# yaml-language-server: $schema=../../schema/question.schema.json\nid: {id}\ntext: {text}\ntopic: {topic}\nlevels: [mid]\nkind: concept\n"
    )
}

/// The base bank: five questions on two topics and a kit that fixes one of them.
const BASE: &[(&str, &str, &str)] = &[
    (
        "deployment/canary-release",
        "deployment",
        "What is a canary release, and when would you use one?",
    ),
    (
        "deployment/blue-green-switch",
        "deployment",
        "How does a blue-green deployment switch traffic between two environments?",
    ),
    (
        "deployment/model-rollback",
        "deployment",
        "How do you roll back a model that misbehaves in production?",
    ),
    (
        "monitoring/drift-detection",
        "monitoring",
        "How do you detect data drift in the inputs of a model?",
    ),
    (
        "monitoring/serving-alerts",
        "monitoring",
        "Which alerts would you set up for a model serving endpoint?",
    ),
];

/// A scratch repository: the base bank in `questions/`, committed on `main`, with the
/// branch `change` checked out.
struct Scenario {
    dir: TempDir,
}

/// One run of qbank.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Scenario {
    fn new(name: &str) -> Scenario {
        let dir = temp_dir(&format!("scenario-{name}"));
        git(&dir, &["init", "-q"]);
        let s = Scenario { dir };
        s.write("questions/topics.yaml", TOPICS);
        s.write("questions/kits/screen.yaml", KIT);
        for (path, topic, text) in BASE {
            let id = path.rsplit('/').next().unwrap();
            s.write(
                &format!("questions/{path}.yaml"),
                &question(id, topic, text),
            );
        }
        s.commit("base bank");
        git(&s.dir, &["checkout", "-q", "-b", "change"]);
        s
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    fn write(&self, relative: &str, text: &str) {
        write(&self.dir, relative, text);
    }

    fn add_question(&self, path: &str, topic: &str, text: &str) {
        let id = path.rsplit('/').next().unwrap();
        self.write(
            &format!("questions/{path}.yaml"),
            &question(id, topic, text),
        );
    }

    fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path(relative)).unwrap();
    }

    fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path(relative)).unwrap()
    }

    fn commit(&self, message: &str) {
        git(&self.dir, &["add", "-A"]);
        git(&self.dir, &["commit", "-q", "-m", message]);
    }

    fn qbank_in(&self, cwd: &Path, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_qbank"))
            .args(args)
            .current_dir(cwd)
            .env_remove("GITHUB_ACTIONS")
            .env("NO_COLOR", "1")
            .output()
            .expect("qbank runs");
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }

    fn qbank(&self, args: &[&str]) -> Run {
        self.qbank_in(&self.dir, args)
    }

    /// `qbank lint --changed-since main` in every format: the exit code and the findings
    /// (from JSON), after checking that the other formats say the same.
    fn gate(&self) -> (i32, Vec<String>) {
        self.gate_in(&self.dir, "main")
    }

    fn gate_in(&self, cwd: &Path, base: &str) -> (i32, Vec<String>) {
        let json = self.qbank_in(cwd, &["lint", "--changed-since", base, "--format", "json"]);
        assert!(json.code == 0 || json.code == 1, "{}", json.stderr);
        let report: Value = serde_json::from_str(&json.stdout).expect("JSON output");
        let diagnostics = report["diagnostics"].as_array().unwrap();
        let findings: Vec<String> = diagnostics.iter().map(finding).collect();
        check_github(
            &self.qbank_in(
                cwd,
                &["lint", "--changed-since", base, "--format", "github"],
            ),
            diagnostics,
            json.code,
        );
        check_sarif(
            &self.qbank_in(cwd, &["lint", "--changed-since", base, "--format", "sarif"]),
            diagnostics,
            json.code,
        );
        (json.code, findings)
    }
}

/// `status severity rule file: message`, the message without parenthesised details.
/// The findings of a run with `--format json`, each as [`finding`] writes it.
fn findings_of(run: &Run) -> Vec<String> {
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON output");
    report["diagnostics"]
        .as_array()
        .expect("a list of diagnostics")
        .iter()
        .map(finding)
        .collect()
}

fn finding(d: &Value) -> String {
    let message = d["message"].as_str().unwrap();
    let message = message.split(" (").next().unwrap();
    format!(
        "{} {} {} {}: {message}",
        d["status"].as_str().expect("every finding has a status"),
        d["severity"].as_str().unwrap(),
        d["rule"].as_str().unwrap(),
        d["file"].as_str().unwrap(),
    )
}

/// The GitHub annotations: one `::error`/`::warning`/`::notice` line per JSON finding, on
/// the same file and line.
fn check_github(run: &Run, diagnostics: &[Value], code: i32) {
    assert_eq!(run.code, code, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(lines.len(), diagnostics.len(), "{}", run.stdout);
    for (line, d) in lines.iter().zip(diagnostics) {
        let command = match d["severity"].as_str().unwrap() {
            "error" => "::error ",
            "warning" => "::warning ",
            _ => "::notice ",
        };
        assert!(line.starts_with(command), "{line}");
        let file = format!("file={},", d["file"].as_str().unwrap());
        let at = format!("line={},", d["line"]);
        assert!(line.contains(&file) && line.contains(&at), "{line}");
    }
}

fn sarif_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(include_str!(
        "../../qbank-lint/tests/data/sarif-schema-2.1.0.json"
    ))
    .unwrap();
    jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap()
}

/// The SARIF log validates against the SARIF 2.1.0 schema and holds one result per JSON
/// finding, with the same rule and file.
fn check_sarif(run: &Run, diagnostics: &[Value], code: i32) {
    assert_eq!(run.code, code, "{}", run.stderr);
    let log: Value = serde_json::from_str(&run.stdout).expect("SARIF is JSON");
    let errors: Vec<String> = sarif_validator()
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let results = log["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), diagnostics.len());
    for (r, d) in results.iter().zip(diagnostics) {
        assert_eq!(r["ruleId"], d["rule"]);
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(
            uri.ends_with(d["file"].as_str().unwrap()),
            "{uri} {}",
            d["file"]
        );
    }
}

fn lines(expected: &[&str]) -> Vec<String> {
    expected.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn nothing_changed_passes() {
    let s = Scenario::new("nothing");
    assert_eq!(s.gate(), (0, vec![]));
}

#[test]
fn new_exact_duplicate() {
    let s = Scenario::new("duplicate");
    s.add_question(
        "deployment/canary-release-copy",
        "deployment",
        "What is a canary release, and when would you use one?",
    );
    s.commit("copy");
    assert_eq!(
        s.gate(),
        (
            1,
            lines(&["new error duplicate-question questions/deployment/canary-release-copy.yaml: question has the same text as \"canary-release\""])
        )
    );
}

#[test]
fn reworded_duplicate_fails_by_default_on_the_new_file() {
    let s = Scenario::new("reworded");
    // Sorts before the old question: the finding still lands on the new file.
    s.add_question(
        "monitoring/a-drift",
        "monitoring",
        "How would you detect data drift?",
    );
    s.commit("reworded");
    let (code, findings) = s.gate();
    assert_eq!(
        (code, findings),
        (
            1,
            lines(&["new error near-duplicate questions/monitoring/a-drift.yaml: question asks the same as \"drift-detection\""])
        )
    );
    // The help names the file to edit and the similar_to entry to add there.
    let human = s.qbank(&["lint", "--changed-since", "main"]);
    assert!(
        human.stdout.contains(
            "help: in questions/monitoring/a-drift.yaml: merge it into \"drift-detection\""
        ),
        "{}",
        human.stdout
    );
    assert!(human
        .stdout
        .contains("`similar_to: [{id: drift-detection, reason: …}]`"));
}

#[test]
fn acknowledged_near_duplicate_passes() {
    let s = Scenario::new("acknowledged");
    s.write(
        "questions/monitoring/a-drift.yaml",
        &(question("a-drift", "monitoring", "How would you detect data drift?")
            + "similar_to:\n  - id: drift-detection\n    reason: the short form, for screens\n"),
    );
    s.commit("acknowledged");
    assert_eq!(s.gate(), (0, vec![]));
}

#[test]
fn near_duplicate_severity_is_configurable() {
    let s = Scenario::new("severity");
    s.write("qbank.toml", "[rules]\nnear-duplicate = \"warning\"\n");
    s.commit("warn only");
    git(&s.dir, &["branch", "-f", "main", "HEAD"]);
    s.add_question(
        "monitoring/a-drift",
        "monitoring",
        "How would you detect data drift?",
    );
    s.commit("reworded");
    assert_eq!(
        s.gate(),
        (
            0,
            lines(&["new warning near-duplicate questions/monitoring/a-drift.yaml: question asks the same as \"drift-detection\""])
        )
    );
}

#[test]
fn edited_old_question_carries_the_pair_finding() {
    let s = Scenario::new("edited");
    // deployment/blue-green-switch sorts before monitoring/drift-detection: edited into a copy
    // of it in other words, the finding lands on it, the file that changed, not on the later
    // file (where a full lint puts it).
    s.add_question(
        "deployment/blue-green-switch",
        "deployment",
        "How would you detect data drift?",
    );
    s.commit("edit");
    assert_eq!(
        s.gate(),
        (
            1,
            lines(&["new error near-duplicate questions/deployment/blue-green-switch.yaml: question asks the same as \"drift-detection\""])
        )
    );
    let full = s.qbank(&["lint", "--format", "json"]);
    assert!(full
        .stdout
        .contains("\"file\": \"questions/monitoring/drift-detection.yaml\""));
}

#[test]
fn deletion_of_a_referenced_question() {
    let s = Scenario::new("deletion");
    s.remove("questions/deployment/model-rollback.yaml");
    s.commit("delete");
    let (code, findings) = s.gate();
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        lines(&["new error unknown-question questions/kits/screen.yaml: kit \"screen\" fixes question \"model-rollback\", which is not in the bank"])
    );
}

#[test]
fn rename_of_a_referenced_question() {
    let s = Scenario::new("rename");
    s.remove("questions/deployment/model-rollback.yaml");
    s.add_question(
        "deployment/rollback-a-model",
        "deployment",
        "How do you roll back a model that misbehaves in production?",
    );
    s.commit("rename");
    let (code, findings) = s.gate();
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        lines(&["new error unknown-question questions/kits/screen.yaml: kit \"screen\" fixes question \"model-rollback\", which is not in the bank"])
    );
}

#[test]
fn topic_removed() {
    let s = Scenario::new("topic-removed");
    s.write(
        "questions/topics.yaml",
        &TOPICS.replace("  - id: monitoring\n    title: Monitoring\n", ""),
    );
    s.commit("drop monitoring");
    let (code, findings) = s.gate();
    assert_eq!(code, 1);
    assert_eq!(
        findings,
        lines(&[
            "new error unknown-topic questions/kits/screen.yaml: kit section \"Watching\" draws from topic \"monitoring\", which is not in topics.yaml",
            "new error unknown-topic questions/monitoring/drift-detection.yaml: topic \"monitoring\" is not in topics.yaml",
            "new error unknown-topic questions/monitoring/serving-alerts.yaml: topic \"monitoring\" is not in topics.yaml",
        ])
    );
}

#[test]
fn coverage_minimum_raised() {
    let s = Scenario::new("coverage");
    s.write("questions/topics.yaml", &TOPICS.replace("mid: 2", "mid: 4"));
    s.commit("raise");
    assert_eq!(
        s.gate(),
        (
            0,
            lines(&["new warning topic-below-coverage questions/topics.yaml: topic \"deployment\" has 3 active questions at level mid, fewer than the 4 it needs"])
        )
    );
}

#[test]
fn settings_change_reports_what_it_introduces() {
    let s = Scenario::new("settings");
    // A stricter text-length minimum, in a qbank.toml added by the change, catches an
    // unchanged question.
    s.write("qbank.toml", "[rules.text-length]\nmin = 60\n");
    s.commit("stricter");
    let (code, findings) = s.gate();
    assert_eq!(code, 0);
    assert!(!findings.is_empty());
    assert!(
        findings
            .iter()
            .all(|f| f.starts_with("new warning text-length questions/")),
        "{findings:?}"
    );
}

/// The gate fails, and among what it reports is a new finding starting with `start`
/// (`new error duplicate-id`…).
fn fails_with_new(s: &Scenario, start: &str) {
    let (code, findings) = s.gate();
    assert_eq!(code, 1, "{findings:?}");
    assert!(
        findings.iter().any(|f| f.starts_with(start)),
        "{findings:?}"
    );
}

/// A scenario whose base bank holds an exact duplicate that its qbank.toml, at the top of
/// the repository, turns off.
fn duplicate_turned_off(name: &str) -> Scenario {
    let s = Scenario::new(name);
    s.write("qbank.toml", "[rules]\nduplicate-question = \"off\"\n");
    s.add_question(
        "deployment/canary-release-copy",
        "deployment",
        "What is a canary release, and when would you use one?",
    );
    s.commit("a copy, allowed");
    git(&s.dir, &["branch", "-f", "main", "HEAD"]);
    s
}

#[test]
fn settings_file_deleted_reports_what_its_absence_introduces() {
    let s = duplicate_turned_off("settings-deleted");
    assert_eq!(s.gate(), (0, Vec::new()));
    s.remove("qbank.toml");
    s.commit("drop the settings");
    // Neither file changed: the finding lands where the full lint puts it.
    let expected = lines(&["new error duplicate-question questions/deployment/canary-release.yaml: question has the same text as \"canary-release-copy\""]);
    assert_eq!(s.gate(), (1, expected.clone()));
    // Moved where it no longer applies: the same.
    s.write(
        "elsewhere/qbank.toml",
        "[rules]\nduplicate-question = \"off\"\n",
    );
    s.commit("moved");
    assert_eq!(s.gate(), (1, expected));
}

#[cfg(unix)]
#[test]
fn a_settings_file_that_is_a_link_is_read_through_it_at_the_base() {
    let s = Scenario::new("settings-link");
    s.write(
        "shared/qbank.toml",
        "[rules]\nduplicate-question = \"off\"\n",
    );
    std::os::unix::fs::symlink("../shared/qbank.toml", s.path("questions/qbank.toml")).unwrap();
    s.add_question(
        "deployment/canary-release-copy",
        "deployment",
        "What is a canary release, and when would you use one?",
    );
    s.commit("a copy, allowed through a linked qbank.toml");
    git(&s.dir, &["branch", "-f", "main", "HEAD"]);
    s.add_question(
        "monitoring/another",
        "monitoring",
        "How do you decide when to retrain a model on fresh data?",
    );
    s.commit("an unrelated question");
    assert_eq!(s.gate(), (0, Vec::new()));
    // The file linked to is emptied: what it turned off is the change's doing.
    s.write("shared/qbank.toml", "");
    s.commit("settings emptied");
    fails_with_new(&s, "new error duplicate-question");
}

#[test]
fn settings_file_nearer_the_bank_takes_over() {
    let s = duplicate_turned_off("settings-shadowed");
    // A qbank.toml in the bank folder applies instead of the one at the top, which stays as
    // it was: what it turns back on is the change's doing.
    s.write("questions/qbank.toml", "[lint]\ndeny-warnings = false\n");
    s.commit("shadow");
    assert_eq!(
        s.gate(),
        (1, lines(&["new error duplicate-question questions/deployment/canary-release.yaml: question has the same text as \"canary-release-copy\""]))
    );
}

/// A scenario whose base bank holds a related pair under the default threshold (0.38
/// against 0.40): `input-drift` beside `drift-detection`.
fn pair_under_the_threshold(name: &str) -> Scenario {
    let s = Scenario::new(name);
    s.add_question(
        "monitoring/input-drift",
        "monitoring",
        "How do you decide whether data drift in the inputs needs a retrain?",
    );
    s.commit("pair");
    git(&s.dir, &["branch", "-f", "main", "HEAD"]);
    s
}

#[test]
fn settings_outside_the_repository_are_not_part_of_the_change() {
    let s = pair_under_the_threshold("outside");
    // A settings file the repository does not hold applies to both sides of the comparison:
    // what it makes of unchanged questions is not the change's doing.
    let outside = temp_dir("outside-settings");
    let config = outside.join("qbank.toml");
    std::fs::write(&config, "[rules.near-duplicate]\nthreshold = 30\n").unwrap();
    let config = config.to_str().unwrap();
    let full = s.qbank(&["lint", "--config", config, "--format", "json"]);
    assert_eq!(
        full.code, 1,
        "the lower threshold reports the pair: {}",
        full.stdout
    );
    s.add_question(
        "monitoring/latency-budget",
        "monitoring",
        "How do you split a latency budget between feature lookup and model inference?",
    );
    s.commit("an unrelated question");
    let gate = s.qbank(&[
        "lint",
        "--config",
        config,
        "--changed-since",
        "main",
        "--format",
        "json",
    ]);
    let findings = findings_of(&gate);
    assert_eq!((gate.code, findings), (0, Vec::<String>::new()));
}

/// The full lint of the bank as `rule severity file: message` lines, the message whole
/// (scores included), and its exit code.
fn full_lint(s: &Scenario) -> (i32, Vec<String>) {
    let run = s.qbank(&["lint", "--format", "json"]);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON output");
    let findings = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            format!(
                "{} {} {}: {}",
                d["rule"].as_str().unwrap(),
                d["severity"].as_str().unwrap(),
                d["file"].as_str().unwrap(),
                d["message"].as_str().unwrap(),
            )
        })
        .collect();
    (run.code, findings)
}

/// `qbank similar --id` of a question: each other question it is compared with, by id, with
/// its score and the subjects they share.
fn closest(s: &Scenario, id: &str) -> Vec<(String, String)> {
    let run = s.qbank(&["similar", "--id", id, "--limit", "50", "--format", "json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON output");
    report["closest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_owned(),
                format!("{} {}", c["score"], c["shared"]),
            )
        })
        .collect()
}

#[test]
fn unrelated_addition_leaves_existing_pairs_alone() {
    let s = Scenario::new("unrelated-addition");
    // On main: a pair just under the threshold (0.38 against 0.40) and one over it, an
    // existing finding.
    s.add_question(
        "monitoring/input-drift",
        "monitoring",
        "How do you decide whether data drift in the inputs needs a retrain?",
    );
    s.add_question(
        "monitoring/a-drift",
        "monitoring",
        "How would you detect data drift?",
    );
    s.commit("pairs");
    git(&s.dir, &["branch", "-f", "main", "HEAD"]);
    let before = full_lint(&s);
    assert_eq!(
        before.0, 1,
        "the pair over the threshold is an error: {:?}",
        before.1
    );
    assert_eq!(
        before
            .1
            .iter()
            .map(|f| f.split(" (").next().unwrap())
            .collect::<Vec<_>>(),
        ["near-duplicate error questions/monitoring/drift-detection.yaml: question asks the same as \"a-drift\""]
    );
    let near_before = closest(&s, "input-drift");
    assert_eq!(
        near_before.first().map(|(id, _)| id.as_str()),
        Some("drift-detection"),
        "{near_before:?}"
    );
    // The change adds questions about other things, in words the pairs use too ("data",
    // "model"). Terms weigh what they weigh in a fixed background, not in the bank: no
    // existing pair's score moves, so no verdict changes and the gate has nothing to say.
    s.add_question(
        "monitoring/prediction-logging",
        "monitoring",
        "What data would you log for each prediction?",
    );
    s.add_question(
        "deployment/batch-size",
        "deployment",
        "How do you choose the batch size for training a model?",
    );
    s.commit("unrelated");
    assert_eq!(s.gate(), (0, vec![]));
    assert_eq!(full_lint(&s), before);
    let near_after: Vec<(String, String)> = closest(&s, "input-drift")
        .into_iter()
        .filter(|(id, _)| id != "prediction-logging" && id != "batch-size")
        .collect();
    assert_eq!(near_after, near_before);
}

#[test]
fn settings_change_lowering_a_threshold() {
    let s = pair_under_the_threshold("threshold");
    let before = s.qbank(&["lint"]);
    assert_eq!(before.code, 0, "{}", before.stdout);
    s.write("qbank.toml", "[rules.near-duplicate]\nthreshold = 30\n");
    s.commit("lower the threshold");
    assert_eq!(
        s.gate(),
        (
            1,
            lines(&["new error near-duplicate questions/monitoring/input-drift.yaml: question asks the same as \"drift-detection\""])
        )
    );
}

#[test]
fn existing_findings_show_only_on_changed_files() {
    let s = Scenario::new("existing");
    s.add_question(
        "monitoring/serving-alerts",
        "monitoring",
        "Which alerts alerts would you set up for a model serving endpoint?",
    );
    s.add_question(
        "deployment/model-rollback",
        "deployment",
        "How do you roll back a a model that misbehaves in production?",
    );
    s.commit("two doubled words");
    git(&s.dir, &["branch", "-f", "main", "HEAD"]);
    // The change edits one of the two files elsewhere.
    s.write(
        "questions/monitoring/serving-alerts.yaml",
        &(s.read("questions/monitoring/serving-alerts.yaml") + "tags: [alerting]\n"),
    );
    s.commit("tag");
    assert_eq!(
        s.gate(),
        (
            0,
            lines(&["existing warning doubled-word questions/monitoring/serving-alerts.yaml: \"alerts\" is written twice"])
        )
    );
}

#[test]
fn a_fix_passes() {
    let s = Scenario::new("fix");
    s.add_question(
        "deployment/model-rollback",
        "deployment",
        "How do you roll back a a model that misbehaves in production?",
    );
    s.commit("doubled");
    git(&s.dir, &["branch", "-f", "main", "HEAD"]);
    s.add_question(
        "deployment/model-rollback",
        "deployment",
        "How do you roll back a model that misbehaves in production?",
    );
    s.commit("fix");
    assert_eq!(s.gate(), (0, vec![]));
}

#[test]
fn uncommitted_and_untracked_files_count() {
    let s = Scenario::new("untracked");
    s.add_question(
        "monitoring/new-question",
        "monitoring",
        "How do you you choose a batch size for training?",
    );
    assert_eq!(
        s.gate(),
        (
            0,
            lines(&["new warning doubled-word questions/monitoring/new-question.yaml: \"you\" is written twice"])
        )
    );
}

#[test]
fn a_moved_file_brings_nothing_new() {
    let s = Scenario::new("moved");
    s.add_question(
        "deployment/model-rollback",
        "deployment",
        "How do you roll back a a model that misbehaves in production?",
    );
    s.commit("doubled");
    git(&s.dir, &["branch", "-f", "main", "HEAD"]);
    git(
        &s.dir,
        &[
            "mv",
            "questions/deployment/model-rollback.yaml",
            "questions/monitoring/model-rollback.yaml",
        ],
    );
    s.commit("move");
    // The file changed (moved), so its finding shows; the same finding as before the move.
    assert_eq!(
        s.gate(),
        (
            0,
            lines(&["existing warning doubled-word questions/monitoring/model-rollback.yaml: \"a\" is written twice"])
        )
    );
}

#[test]
fn a_bank_added_by_the_change_is_all_new() {
    let s = Scenario::new("new-bank");
    s.write("other/topics.yaml", TOPICS);
    s.write(
        "other/deployment/x.yaml",
        &question("x", "deployment", "How do you you ship?"),
    );
    s.commit("second bank");
    let run = s.qbank(&[
        "lint",
        "other",
        "--changed-since",
        "main",
        "--format",
        "json",
    ]);
    let findings = findings_of(&run);
    assert_eq!(
        findings,
        lines(&[
            "new warning doubled-word other/deployment/x.yaml: \"you\" is written twice",
            "new warning topic-below-coverage other/topics.yaml: topic \"deployment\" has 1 active question at level mid, fewer than the 2 it needs",
        ])
    );
}

#[test]
fn run_from_a_subfolder() {
    let s = Scenario::new("subfolder");
    s.add_question(
        "deployment/canary-release-copy",
        "deployment",
        "What is a canary release, and when would you use one?",
    );
    s.commit("copy");
    let expected = lines(&["new error duplicate-question questions/deployment/canary-release-copy.yaml: question has the same text as \"canary-release\""]);
    for cwd in ["questions", "questions/deployment"] {
        let lint = |format: &str| {
            s.qbank_in(
                &s.path(cwd),
                &["lint", "--changed-since", "main", "--format", format],
            )
        };
        let run = lint("json");
        assert_eq!(run.code, 1, "from {cwd}: {}", run.stderr);
        let report: Value = serde_json::from_str(&run.stdout).unwrap();
        let rules: Vec<&str> = report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap())
            .collect();
        assert_eq!(rules, ["duplicate-question"], "from {cwd}");
        // GitHub's annotations and SARIF name the file from the top of the repository, where
        // the pull request's diff shows it.
        let github = lint("github").stdout;
        assert!(
            github.starts_with("::error file=questions/deployment/canary-release-copy.yaml,"),
            "from {cwd}: {github}"
        );
        let sarif = lint("sarif").stdout;
        assert!(
            sarif.contains("\"uri\": \"questions/deployment/canary-release-copy.yaml\""),
            "from {cwd}: {sarif}"
        );
    }
    // From the top, the paths are the ones a pull request shows.
    assert_eq!(s.gate(), (1, expected));
}

#[test]
fn an_unknown_ref_is_exit_2_with_the_fix() {
    let s = Scenario::new("bad-ref");
    let run = s.qbank(&["lint", "--changed-since", "origin/main"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "qbank: error: --changed-since: \"origin/main\" is not a branch, tag or commit of this repository; if it is a branch of the remote, fetch it: in GitHub Actions give actions/checkout `fetch-depth: 0`, elsewhere run `git fetch origin main` before qbank\n"
    );
}

/// A clone of the scenario's `change` branch, one commit deep, as actions/checkout makes it.
fn shallow_clone(s: &Scenario) -> TempDir {
    let clone = temp_dir("scenario-shallow-clone");
    let url = format!("file://{}", s.dir.display());
    let out = Command::new("git")
        .args(["clone", "-q", "--depth", "1", "--branch", "change", &url])
        .arg(&*clone)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    clone
}

#[test]
fn shallow_clone_fetches_what_it_needs() {
    let s = Scenario::new("shallow");
    s.add_question(
        "deployment/canary-release-copy",
        "deployment",
        "What is a canary release, and when would you use one?",
    );
    s.commit("copy");
    s.add_question(
        "monitoring/another",
        "monitoring",
        "How do you decide when to retrain a model on fresh data?",
    );
    s.commit("another");
    let clone = shallow_clone(&s);
    let run = s.qbank_in(
        &clone,
        &["lint", "--changed-since", "origin/main", "--format", "json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings = findings_of(&run);
    assert_eq!(
        findings,
        lines(&["new error duplicate-question questions/deployment/canary-release-copy.yaml: question has the same text as \"canary-release\""])
    );
}

#[test]
fn shallow_clone_without_a_remote_says_how_to_fix_it() {
    let s = Scenario::new("shallow-no-remote");
    s.add_question("monitoring/another", "monitoring", "How do you retrain?");
    s.commit("another");
    let clone = shallow_clone(&s);
    // The base is there, but not the history that links it to HEAD.
    git(
        &clone,
        &["fetch", "-q", "--depth", "1", "origin", "main:main"],
    );
    git(&clone, &["remote", "remove", "origin"]);
    let run = s.qbank_in(&clone, &["lint", "--changed-since", "main"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert_eq!(
        run.stderr,
        "qbank: error: --changed-since: the checkout is shallow and holds no common history with \"main\"; fetch the history: in GitHub Actions give actions/checkout `fetch-depth: 0`, elsewhere run `git fetch --unshallow origin main` before qbank\n"
    );
}

#[test]
fn shallow_clone_deepens_for_a_relative_ref() {
    let s = Scenario::new("shallow-relative");
    s.add_question(
        "deployment/canary-release-copy",
        "deployment",
        "What is a canary release, and when would you use one?",
    );
    s.commit("copy");
    let clone = shallow_clone(&s);
    // `HEAD~1` cannot be fetched by name: the history is deepened until it is there.
    let run = s.qbank_in(
        &clone,
        &["lint", "--changed-since", "HEAD~1", "--format", "json"],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        findings_of(&run),
        lines(&["new error duplicate-question questions/deployment/canary-release-copy.yaml: question has the same text as \"canary-release\""])
    );
    // Without a remote to deepen from, the fix named is one that works.
    let clone = shallow_clone(&s);
    git(&clone, &["remote", "remove", "origin"]);
    let run = s.qbank_in(&clone, &["lint", "--changed-since", "HEAD~1"]);
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(
        run.stderr.contains("`git fetch --unshallow`") && !run.stderr.contains("fetch origin HEAD"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_repository_without_commits_says_so() {
    let dir = temp_dir("scenario-unborn");
    git(&dir, &["init", "-q"]);
    write(&dir, "questions/topics.yaml", TOPICS);
    let out = Command::new(env!("CARGO_BIN_EXE_qbank"))
        .args(["lint", "--changed-since", "HEAD"])
        .current_dir(&*dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("HEAD has no commit yet"), "{stderr}");
}

/// A scenario whose bank holds a question through a link to a file outside it.
#[cfg(unix)]
fn linked_question(name: &str) -> Scenario {
    let s = Scenario::new(name);
    s.write(
        "shared/naming.yaml",
        &question(
            "naming",
            "deployment",
            "How do you detect data drift in the inputs of a model?",
        ),
    );
    std::os::unix::fs::symlink(
        "../../shared/naming.yaml",
        s.path("questions/deployment/naming.yaml"),
    )
    .unwrap();
    s.commit("a linked question");
    git(&s.dir, &["branch", "-f", "main", "HEAD"]);
    s
}

#[cfg(unix)]
#[test]
fn a_linked_question_is_read_through_its_link_on_both_sides() {
    let s = linked_question("linked-unchanged");
    // The linked question repeats an untouched one: a base without it would call that new.
    let (_, full) = full_lint(&s);
    assert!(
        full.iter()
            .any(|f| f.starts_with("duplicate-question") && f.contains("naming")),
        "{full:?}"
    );
    // Nothing changed: the bank at the base holds the question too, so nothing is new.
    assert_eq!(s.gate(), (0, Vec::new()));
    s.add_question(
        "monitoring/another",
        "monitoring",
        "How do you decide when to retrain a model on fresh data?",
    );
    s.commit("an unrelated question");
    assert_eq!(s.gate(), (0, Vec::new()));
}

#[cfg(unix)]
#[test]
fn an_edit_to_a_linked_question_is_the_change() {
    let s = linked_question("linked-edited");
    s.write(
        "shared/naming.yaml",
        &question(
            "naming",
            "deployment",
            "How old are you, and when do you plan to have children?",
        ),
    );
    s.commit("edit the file linked to");
    fails_with_new(
        &s,
        "new error protected-characteristic questions/deployment/naming.yaml",
    );
}

#[cfg(unix)]
#[test]
fn an_edit_inside_a_linked_folder_is_the_change() {
    let s = Scenario::new("linked-folder");
    s.write(
        "shared/team/naming.yaml",
        &question(
            "naming",
            "deployment",
            "How do you detect data drift in the inputs of a model?",
        ),
    );
    std::os::unix::fs::symlink("../../shared/team", s.path("questions/deployment/team")).unwrap();
    s.commit("a linked folder");
    git(&s.dir, &["branch", "-f", "main", "HEAD"]);
    // Taken from the bank now where the change left it, the file would hide the edit.
    s.write(
        "shared/team/naming.yaml",
        &question(
            "naming",
            "deployment",
            "How old are you, and when do you plan to have children?",
        ),
    );
    s.commit("edit a file of the folder linked to");
    fails_with_new(
        &s,
        "new error protected-characteristic questions/deployment/team/naming.yaml",
    );
}

#[cfg(unix)]
#[test]
fn a_link_back_up_the_tree_is_not_read_twice_at_the_base() {
    let s = Scenario::new("link-up");
    // A link to a folder above the bank: the loader does not read through it (a loop), and
    // neither does the bank at the base, which would otherwise hold every question twice.
    std::os::unix::fs::symlink("..", s.path("questions/deployment/up")).unwrap();
    s.commit("a link up the tree");
    git(&s.dir, &["branch", "-f", "main", "HEAD"]);
    s.write(
        "questions/monitoring/model-rollback.yaml",
        &question(
            "model-rollback",
            "monitoring",
            "How do you roll back a model that misbehaves in production?",
        ),
    );
    s.commit("the same question twice");
    fails_with_new(&s, "new error duplicate-id");
}

#[test]
fn unlawful_question_fixed_in_a_kit_is_refused() {
    let s = Scenario::new("unlawful");
    s.add_question(
        "deployment/candidate-age",
        "deployment",
        "How old are you, and when do you plan to retire?",
    );
    s.write(
        "questions/kits/screen.yaml",
        &KIT.replace("[model-rollback]", "[model-rollback, candidate-age]"),
    );
    s.commit("age");
    let (code, findings) = s.gate();
    assert_eq!(code, 1);
    assert!(
        findings.iter().any(|f| f.starts_with(
            "new error protected-characteristic questions/deployment/candidate-age.yaml:"
        )),
        "{findings:?}"
    );
    let before: Vec<_> = std::fs::read_dir(&*s.dir).unwrap().collect();
    let build = s.qbank(&["kit", "build", "screen", "--out", "screen.pdf"]);
    assert_eq!(build.code, 1, "{}", build.stderr);
    assert!(
        build.stderr.starts_with(
            "qbank: error: kit \"screen\" fixes question \"candidate-age\", which lint rejects: error[protected-characteristic] questions/deployment/candidate-age.yaml:3:"
        ),
        "{}",
        build.stderr
    );
    assert!(!s.path("screen.pdf").exists());
    assert_eq!(std::fs::read_dir(&*s.dir).unwrap().count(), before.len());
    let show = s.qbank(&["kit", "show", "screen"]);
    assert_eq!(show.code, 1);
    assert_eq!(show.stdout, "");
    // An export of the kit's questions refuses it the same way, and writes nothing.
    for format in ["csv", "json", "md"] {
        let out = format!("screen.{format}");
        let export = s.qbank(&["export", format, "--kit", "screen", "--out", &out]);
        assert_eq!(export.code, 1, "{format}: {}", export.stderr);
        assert_eq!(export.stderr, build.stderr, "{format}");
        assert!(!s.path(&out).exists(), "{format}");
    }
}

#[test]
fn unlawful_question_is_never_drawn() {
    let s = Scenario::new("never-drawn");
    s.add_question(
        "monitoring/candidate-age",
        "monitoring",
        "How old are you, and when do you plan to retire?",
    );
    s.commit("age");
    for seed in 0..8 {
        s.write(
            "questions/kits/screen.yaml",
            &KIT.replace("seed: 3", &format!("seed: {seed}")),
        );
        let show = s.qbank(&["kit", "show", "screen", "--format", "json"]);
        assert_eq!(show.code, 0, "{}", show.stderr);
        assert!(!show.stdout.contains("candidate-age"), "seed {seed}");
        assert_eq!(
            show.stderr,
            "qbank: warning: 1 question left out because lint reports errors on it: candidate-age (protected-characteristic); run `qbank lint questions` for details\n"
        );
        // `export --kit` draws exactly what the kit draws.
        let export = s.qbank(&["export", "csv", "--kit", "screen", "--columns", "id"]);
        assert_eq!(export.code, 0, "{}", export.stderr);
        assert_eq!(export.stderr, show.stderr);
        let drawn: serde_json::Value = serde_json::from_str(&show.stdout).unwrap();
        assert!(export.stdout.starts_with("id,revision\n"));
        let exported: Vec<&str> = export
            .stdout
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap())
            .collect();
        assert_eq!(exported, drawn_ids(&drawn), "seed {seed}");
    }
}

/// Kits leave out what lint rejects even where that depends on the rules that read meaning,
/// which the draw's own lint runs only then: an `allow: near-duplicate` entry that silences
/// nothing, with `unused-allow` an error.
#[test]
fn question_with_an_unused_allow_made_an_error_is_never_drawn() {
    let s = Scenario::new("unused-allow-drawn");
    s.write(
        "questions/monitoring/latency-budget.yaml",
        &(question(
            "latency-budget",
            "monitoring",
            "How would you set a latency budget for a model serving endpoint?",
        ) + "allow:\n  - rule: near-duplicate\n    reason: asked from another side\n"),
    );
    let drawn = |seed: u64| {
        s.write(
            "questions/kits/screen.yaml",
            &KIT.replace("seed: 3", &format!("seed: {seed}")),
        );
        let show = s.qbank(&["kit", "show", "screen", "--format", "json"]);
        assert_eq!(show.code, 0, "{}", show.stderr);
        let ids = drawn_ids(&serde_json::from_str(&show.stdout).unwrap());
        (ids.iter().any(|id| id == "latency-budget"), show.stderr)
    };
    // An info finding: the question is drawn as any other.
    assert!((0..8)
        .map(drawn)
        .any(|(drawn, stderr)| drawn && stderr.is_empty()));
    s.write("qbank.toml", "[rules]\nunused-allow = \"error\"\n");
    let lint = s.qbank(&["lint", "questions", "--format", "json"]);
    assert_eq!(lint.code, 1);
    assert!(lint.stdout.contains("\"unused-allow\""), "{}", lint.stdout);
    for seed in 0..8 {
        let (drawn, stderr) = drawn(seed);
        assert!(!drawn, "seed {seed}");
        assert_eq!(
            stderr,
            "qbank: warning: 1 question left out because lint reports errors on it: latency-budget (unused-allow); run `qbank lint questions` for details\n"
        );
    }
}

/// The ids of the questions of `qbank kit show --format json`, in kit order.
fn drawn_ids(show: &serde_json::Value) -> Vec<String> {
    let mut ids = Vec::new();
    for section in show["sections"].as_array().unwrap() {
        for q in section["questions"].as_array().unwrap() {
            ids.push(q.as_str().unwrap().to_owned());
        }
    }
    ids
}

#[test]
fn stale_spreadsheet_row_is_refused() {
    let s = Scenario::new("stale-row");
    let export = s.qbank(&["export", "csv"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    assert!(export.stdout.starts_with(
        "id,topic,levels,kind,minutes,text,follow_ups,strong,red_flags,tags,status,source,revision\n"
    ));
    // Someone edits the question in the bank after the export...
    s.write(
        "questions/deployment/model-rollback.yaml",
        &(s.read("questions/deployment/model-rollback.yaml")
            + "follow_ups:\n  - How fast must the rollback be?\n"),
    );
    // ...while someone else edits the exported row.
    let sheet = export.stdout.replace(
        "How do you roll back a model that misbehaves in production?",
        "How do you roll back a model that fails in production?",
    );
    s.write("sheet.csv", &sheet);
    let before = s.read("questions/deployment/model-rollback.yaml");
    let import = s.qbank(&["import", "csv", "sheet.csv"]);
    assert_eq!(import.code, 1, "{}", import.stdout);
    assert!(
        import.stderr.contains(
            "question \"model-rollback\" changed in the bank since this row was exported"
        ),
        "{}",
        import.stderr
    );
    assert!(
        import.stderr.contains("    text: bank How do you roll back a model that misbehaves in production? / spreadsheet How do you roll back a model that fails in production?"),
        "{}",
        import.stderr
    );
    assert!(
        import.stderr.contains(
            "    follow_ups: bank - How fast must the rollback be? / spreadsheet (empty)"
        ),
        "{}",
        import.stderr
    );
    assert!(import.stderr.contains("nothing was written"));
    assert_eq!(s.read("questions/deployment/model-rollback.yaml"), before);
    // --force takes the spreadsheet's side.
    let forced = s.qbank(&["import", "csv", "sheet.csv", "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(s
        .read("questions/deployment/model-rollback.yaml")
        .contains("fails in production"));
}

#[test]
fn spreadsheet_row_of_a_deleted_question_is_refused() {
    let s = Scenario::new("deleted-row");
    let export = s.qbank(&["export", "csv"]);
    assert_eq!(export.code, 0, "{}", export.stderr);
    s.write("sheet.csv", &export.stdout);
    // The question is deleted after the export; the old sheet must not bring it back.
    s.remove("questions/monitoring/serving-alerts.yaml");
    s.commit("retire serving-alerts");
    let import = s.qbank(&["import", "csv", "sheet.csv"]);
    assert_eq!(import.code, 1, "{}", import.stdout);
    assert!(
        import.stderr.contains(
            "question \"serving-alerts\" is not in the bank any more, but this row was exported from it"
        ),
        "{}",
        import.stderr
    );
    assert!(!s.path("questions/monitoring/serving-alerts.yaml").exists());
    // A new question's row has no revision, and is created.
    let header = export.stdout.lines().next().unwrap();
    let row = export
        .stdout
        .lines()
        .find(|l| l.starts_with("serving-alerts,"))
        .unwrap()
        .replacen("serving-alerts,", "serving-alarms,", 1);
    let without_revision = row.rsplit_once(',').unwrap().0;
    let added = format!("{header}\n{without_revision},\n");
    s.write("new.csv", &added);
    let import = s.qbank(&["import", "csv", "new.csv"]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(s.path("questions/monitoring/serving-alarms.yaml").exists());
}

#[test]
fn a_row_copied_to_start_a_new_question_is_created() {
    let s = Scenario::new("copied-row");
    let export = s.qbank(&["export", "csv"]);
    let row = export
        .stdout
        .lines()
        .find(|l| l.starts_with("model-rollback,"))
        .unwrap();
    // The copy keeps the revision cell of the row it was copied from.
    let copy = row
        .replacen("model-rollback,", "model-rollforward,", 1)
        .replace(
            "How do you roll back a model that misbehaves in production?",
            "How do you roll a model forward after a failed release?",
        );
    s.write("sheet.csv", &format!("{}{copy}\n", export.stdout));
    let import = s.qbank(&["import", "csv", "sheet.csv"]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(
        import.stderr.contains("\"model-rollforward\" carries the revision of \"model-rollback\"'s row; it is created as a new question"),
        "{}",
        import.stderr
    );
    assert!(s
        .path("questions/deployment/model-rollforward.yaml")
        .exists());
}

#[test]
fn spreadsheet_row_without_its_revision_is_warned_about() {
    let s = Scenario::new("empty-revision");
    let export = s.qbank(&["export", "csv"]);
    let row = export
        .stdout
        .lines()
        .find(|l| l.starts_with("model-rollback,"))
        .unwrap();
    let emptied = row.rsplit_once(',').unwrap().0.to_owned() + ",";
    let sheet = export
        .stdout
        .replace(row, &emptied)
        .replace("misbehaves in production", "fails in production");
    s.write("sheet.csv", &sheet);
    let import = s.qbank(&["import", "csv", "sheet.csv"]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(
        import.stderr.contains("the revision of \"model-rollback\" is empty, so changes made in the bank since the export cannot be detected"),
        "{}",
        import.stderr
    );
}

#[test]
fn spreadsheet_without_revisions_is_warned_about() {
    let s = Scenario::new("no-revision");
    s.write(
        "sheet.csv",
        "id,text\nmodel-rollback,How do you roll back a model that fails in production?\n",
    );
    let import = s.qbank(&["import", "csv", "sheet.csv"]);
    assert_eq!(import.code, 0, "{}", import.stderr);
    assert!(
        import.stderr.starts_with("warning: sheet.csv: the file has no revision column, so changes made in the bank since it was exported cannot be detected"),
        "{}",
        import.stderr
    );
}

#[test]
fn unchanged_rows_of_an_old_export_pass() {
    let s = Scenario::new("old-export");
    let export = s.qbank(&["export", "csv"]);
    s.write("sheet.csv", &export.stdout);
    // The bank changes a question the spreadsheet does not touch.
    s.write(
        "questions/deployment/model-rollback.yaml",
        &(s.read("questions/deployment/model-rollback.yaml") + "tags: [rollback]\n"),
    );
    // The sheet's row for it is stale, but says nothing the bank does not: it would undo
    // the tag, so it is refused; the others import.
    let import = s.qbank(&["import", "csv", "sheet.csv", "--dry-run"]);
    assert_eq!(import.code, 1, "{}", import.stdout);
    assert!(
        import
            .stderr
            .contains("    tags: bank [rollback] / spreadsheet (empty)"),
        "{}",
        import.stderr
    );
}

#[test]
fn json_escaped_surrogate_pairs_read_as_one_character() {
    let s = Scenario::new("surrogates");
    s.write(
        "questions/deployment/crab.yaml",
        "# yaml-language-server: $schema=../../schema/question.schema.json\nid: crab\ntext: \"How would you ship a Rust \\ud83e\\udd80 model server?\"\ntopic: deployment\nlevels: [mid]\nkind: concept\n",
    );
    assert_eq!(s.gate(), (0, vec![]));
    let export = s.qbank(&["export", "json"]);
    assert!(
        export.stdout.contains("Rust \u{1f980} model"),
        "{}",
        export.stdout
    );
    s.write(
        "questions/deployment/crab.yaml",
        "id: crab\ntext: \"lone \\ud83e here?\"\ntopic: deployment\nlevels: [mid]\nkind: concept\n",
    );
    let lint = s.qbank(&["lint", "--format", "json"]);
    assert!(
        lint.stdout
            .contains("\\\\ud83e is half of a UTF-16 surrogate pair"),
        "{}",
        lint.stdout
    );
}
