//! The optional fields of a structured interview: a question's `title`, `competencies`, rubric
//! by level and anchored scale, and the bank's `competencies.yaml`. A bank that uses them loads
//! into the typed model; one that gets them wrong gets a diagnostic with file, line and column.

use std::fs;
use std::path::{Path, PathBuf};

use qbank_core::{Level, Question};
use qbank_lint::render::{self, human::HumanOptions, Sources};

const MODELINE: &str = "# yaml-language-server: $schema=../../schema/question.schema.json\n";

fn bank(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("q")).unwrap();
    fs::write(
        root.join("topics.yaml"),
        "# yaml-language-server: $schema=../schema/topics.schema.json\ntopics:\n  - id: monitoring\n    title: Monitoring\n",
    )
    .unwrap();
    for (path, text) in files {
        let path = root.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    root
}

const COMPETENCIES: &str = "\
# yaml-language-server: $schema=../schema/competencies.schema.json
competencies:
  - id: production-operations
    title: Production operations
    description: 'Runs models in production: monitoring, drift, incidents, on-call, rollbacks.'
    coverage: {mid: 2, senior: 2}
  - id: ml-system-design
    title: ML system design
";

const DRIFT: &str = "\
id: drift-policy
title: Drift and retraining policy
text: How do you decide when to retrain a model that is drifting?
topic: monitoring
levels: [mid, senior]
kind: scenario
competencies: [production-operations]
rubric:
  levels:
    mid:
      expect: Chooses scheduled or triggered retraining with a reason, and gates promotion on holdout data.
    senior:
      expect: Also sets the training window, prices retraining, and guards against feedback loops.
      anchors:
        3: Window and cost, but no word on feedback loops.
        4: Window, cost, and the feedback-loop risk with a mitigation.
  anchors:
    1: Talks about drift in general; no policy, no gate.
    2: Retrains on a timer; some idea of evaluation but no promotion gate.
    '3': Scheduled or triggered retraining chosen for a reason; holdout gate before promotion.
    \"4\": All of 3, plus the training window, cost, and the feedback-loop risk with a mitigation.
  strong:
    - Gates promotion on a holdout set
";

fn render_human(bank: &qbank_core::Bank, diagnostics: &[qbank_core::Diagnostic]) -> String {
    let mut out = Vec::new();
    render::human::render(
        diagnostics,
        &Sources::new(bank),
        HumanOptions {
            color: false,
            files: bank.files.len(),
        },
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn the_new_fields_load_into_the_model() {
    let root = bank(
        "structured-good",
        &[
            ("competencies.yaml", COMPETENCIES),
            ("q/drift-policy.yaml", &format!("{MODELINE}{DRIFT}")),
        ],
    );
    let (bank, diagnostics) = qbank_core::load_bank(&root).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(bank.competencies.len(), 2);
    let ops = bank.competency("production-operations").unwrap();
    assert_eq!(ops.title, "Production operations");
    assert_eq!(
        (ops.coverage.get(Level::Mid), ops.coverage.get(Level::Staff)),
        (2, 0)
    );
    assert_eq!(bank.competency("ml-system-design").unwrap().index, 1);
    assert!(bank.competencies_file.is_some());

    let q: &Question = bank.question("drift-policy").unwrap();
    assert_eq!(q.title.as_deref(), Some("Drift and retraining policy"));
    assert_eq!(q.competencies, ["production-operations"]);
    let anchors = q.rubric.anchors.as_ref().unwrap();
    // Plain, single-quoted and double-quoted keys all read as the point.
    assert!(anchors.is_complete());
    assert!(anchors
        .get(3)
        .unwrap()
        .starts_with("Scheduled or triggered"));
    assert!(q.rubric.expect(Level::Mid).unwrap().starts_with("Chooses"));
    assert!(q.rubric.expect(Level::Junior).is_none());
    // The senior level has its own partial scale; mid falls back to the question's.
    let senior = q.rubric.anchors_for(Level::Senior).unwrap();
    assert_eq!(senior.missing(), [1, 2]);
    assert!(senior.get(4).unwrap().starts_with("Window, cost"));
    assert_eq!(q.rubric.anchors_for(Level::Mid), Some(anchors));
    assert_eq!(q.rubric.strong.len(), 1);
}

#[test]
fn a_bank_without_competencies_yaml_has_none() {
    let root = bank(
        "structured-no-competencies",
        &[("q/drift-policy.yaml", &format!("{MODELINE}{DRIFT}"))],
    );
    let (bank, diagnostics) = qbank_core::load_bank(&root).unwrap();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert!(bank.competencies.is_empty());
    assert!(bank.competencies_file.is_none());
    assert!(bank.question("drift-policy").is_some());
}

#[test]
fn mistakes_in_the_new_fields_point_at_the_place() {
    let bad_question = format!(
        "{MODELINE}{}",
        DRIFT
            .replace(
                "title: Drift and retraining policy",
                "title: \"Drift, retraining, promotion gates, feedback loops and what it all costs\"",
            )
            .replace(
                "competencies: [production-operations]",
                "competencies: [a, b, c]",
            )
            .replace("    senior:\n", "    senior:\n      expects: typo\n")
            .replace("    1: Talks", "    5: Talks")
    );
    let empty = format!(
        "{MODELINE}{}",
        DRIFT
            .replace("id: drift-policy", "id: empty-parts")
            .replace("title: Drift and retraining policy", "title: \"Two\\nlines\"")
            .replace("competencies: [production-operations]", "competencies: []")
            .replace(
                "    mid:\n      expect: Chooses scheduled or triggered retraining with a reason, and gates promotion on holdout data.\n",
                "    mid: {}\n    medior:\n      expect: x\n",
            )
            .replace(
                "      anchors:\n        3: Window and cost, but no word on feedback loops.\n        4: Window, cost, and the feedback-loop risk with a mitigation.\n",
                "      anchors: {}\n",
            )
    );
    let root = bank(
        "structured-bad",
        &[
            (
                "competencies.yaml",
                "competencies:\n  - id: Production_Ops\n    titel: Production operations\n    coverage: {medium: 2}\n",
            ),
            ("q/drift-policy.yaml", &bad_question),
            ("q/empty-parts.yaml", &empty),
        ],
    );
    let (bank, diagnostics) = qbank_core::load_bank(&root).unwrap();
    assert!(bank.questions.is_empty());
    assert!(bank.competencies.is_empty());
    let mut diagnostics = diagnostics;
    qbank_core::sort_diagnostics(&mut diagnostics);
    let out = render_human(&bank, &diagnostics).replace(root.to_str().unwrap(), "BANK");
    insta::assert_snapshot!(out);
}
