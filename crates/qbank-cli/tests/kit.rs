//! `qbank kit` run as a user runs it: the real binary on a fixture bank (copied out of git, so
//! that its revision is a content hash) and on the project's own questions/.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde::Deserialize;

mod common;

use common::{copy_dir, file_names, temp_dir, TempDir};

const FIXTURE: &str = "tests/fixtures/bank";

/// A copy of the fixture bank in a fresh folder: the folder, and the bank inside it.
fn with_bank() -> (TempDir, PathBuf) {
    let dir = temp_dir("kit");
    let bank = dir.join("bank");
    copy_dir(Path::new(FIXTURE), &bank);
    (dir, bank)
}

fn qbank(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qbank"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("qbank runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// The contract of `kit show --format json`, as a consumer reads it.
#[derive(Debug, Deserialize)]
struct Shown {
    kit: String,
    seed: u64,
    revision: String,
    git_revision: Option<String>,
    fingerprint: String,
    total_minutes: u32,
    questions: Vec<ShownQuestion>,
}

#[derive(Debug, Deserialize)]
struct ShownQuestion {
    id: String,
    text: String,
    topic: String,
    minutes: u32,
}

fn show(bank: &Path, kit: &str) -> Shown {
    let out = qbank(
        &[
            "kit",
            "show",
            kit,
            "--format",
            "json",
            "--bank",
            bank.to_str().unwrap(),
        ],
        Path::new("."),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("kit show --format json parses")
}

fn pdf_text(path: &Path) -> String {
    let doc = lopdf::Document::load(path).expect("a PDF lopdf can read");
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    doc.extract_text(&pages).unwrap()
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn show_json_lists_the_questions_in_kit_order() {
    let (_dir, bank) = with_bank();
    let shown = show(&bank, "interview");
    assert_eq!(shown.kit, "interview");
    assert_eq!(shown.seed, 7);
    assert!(shown.revision.starts_with("content-"), "{}", shown.revision);
    assert_eq!(shown.git_revision, None);
    assert_eq!(shown.fingerprint.len(), 8);
    assert_eq!(shown.questions.len(), 3);
    let topics: Vec<&str> = shown.questions.iter().map(|q| q.topic.as_str()).collect();
    assert_eq!(topics, ["deployment", "deployment", "monitoring"]);
    assert!(shown.questions.iter().all(|q| q.id != "localized-serving"));
    assert_eq!(
        shown.total_minutes,
        shown.questions.iter().map(|q| q.minutes).sum::<u32>()
    );
    for q in &shown.questions {
        let file = fs::read_to_string(bank.join("q").join(format!("{}.yaml", q.id))).unwrap();
        assert!(file.contains(&q.text));
    }
    // The human listing shows the same questions in the same order.
    let out = qbank(
        &["kit", "show", "interview", "--bank", bank.to_str().unwrap()],
        Path::new("."),
    );
    let human = text(&out.stdout);
    let positions: Vec<usize> = shown
        .questions
        .iter()
        .map(|q| human.find(&q.id).expect("id in the listing"))
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{human}");
    assert!(human.contains(&format!("fingerprint {}", shown.fingerprint)));
}

#[test]
fn a_changed_bank_changes_the_revision_and_fingerprint() {
    let (_dir, bank) = with_bank();
    let before = show(&bank, "interview");
    let path = bank.join("q/alert-fatigue.yaml");
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replace("ignored", "dismissed");
    fs::write(&path, edited).unwrap();
    let after = show(&bank, "interview");
    assert_ne!(before.revision, after.revision);
    assert_ne!(before.fingerprint, after.fingerprint);
}

#[test]
fn build_writes_a_pdf_with_every_question_and_the_same_bytes_twice() {
    let (dir, bank) = with_bank();
    let build = [
        "kit",
        "build",
        "interview",
        "--bank",
        bank.to_str().unwrap(),
        "--candidate",
        "Ada Lovelace",
        "--date",
        "2026-03-01",
    ];
    let out = qbank(&build, &dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("wrote interview.pdf (interviewer edition, 3 questions,"),
        "{stderr}"
    );
    let first = fs::read(dir.join("interview.pdf")).unwrap();
    assert!(first.starts_with(b"%PDF-"));
    let all = squash(&pdf_text(&dir.join("interview.pdf")));
    for q in show(&bank, "interview").questions {
        assert!(all.contains(&squash(&q.text)), "{} missing", q.id);
    }
    assert!(all.contains("AdaLovelace"));
    assert!(all.contains("2026-03-01"));

    let again = qbank(&[&build[..], &["--out", "again.pdf"]].concat(), &dir);
    assert!(again.status.success());
    assert!(
        first == fs::read(dir.join("again.pdf")).unwrap(),
        "two builds differ"
    );
    // No temporary file is left beside the output.
    let names = file_names(&dir);
    assert!(names.iter().all(|n| !n.contains(".tmp")), "{names:?}");
}

#[test]
fn source_date_epoch_sets_the_date() {
    let (dir, bank) = with_bank();
    let out = Command::new(env!("CARGO_BIN_EXE_qbank"))
        .args([
            "kit",
            "build",
            "interview",
            "--bank",
            bank.to_str().unwrap(),
            "-o",
            "k.pdf",
        ])
        .current_dir(&dir)
        .env("SOURCE_DATE_EPOCH", "1772323200")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(pdf_text(&dir.join("k.pdf")).contains("2026-03-01"));
    let bytes = text(&fs::read(dir.join("k.pdf")).unwrap());
    assert!(
        bytes.contains("/CreationDate(D:20260301000000"),
        "dated metadata"
    );
    // Without a date the cover has a blank to fill in and the file carries no date at all.
    let out = qbank(
        &[
            "kit",
            "build",
            "interview",
            "--bank",
            bank.to_str().unwrap(),
            "-o",
            "u.pdf",
        ],
        &dir,
    );
    assert!(out.status.success());
    assert!(!text(&fs::read(dir.join("u.pdf")).unwrap()).contains("/CreationDate"));
}

#[test]
fn the_candidate_edition_has_no_rubric() {
    let (dir, bank) = with_bank();
    let out = qbank(
        &[
            "kit",
            "build",
            "interview",
            "--bank",
            bank.to_str().unwrap(),
            "--edition",
            "candidate",
            "--paper",
            "letter",
        ],
        &dir,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let pdf = dir.join("interview-candidate.pdf");
    let all = pdf_text(&pdf);
    assert!(all.contains("Candidate edition"));
    assert!(!all.contains("Names a concrete metric"));
    assert!(!all.contains("Has never done it"));
    assert!(!all.contains("Scorecard"));
    // Follow-ups are the interviewer's probes, left out of the candidate's sheet.
    assert!(!all.contains("What would you check first?"));
    let doc = lopdf::Document::load(&pdf).unwrap();
    let (_, page) = doc.get_pages().into_iter().next().unwrap();
    let media = doc
        .get_dictionary(page)
        .unwrap()
        .get(b"MediaBox")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(media[2].as_float().unwrap().round(), 612.0);
    assert_eq!(media[3].as_float().unwrap().round(), 792.0);
}

#[test]
fn missing_glyphs_are_a_warning_naming_the_question() {
    let (dir, bank) = with_bank();
    let out = qbank(
        &["kit", "build", "glyphs", "--bank", bank.to_str().unwrap()],
        &dir,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "qbank: warning: question localized-serving uses characters the font cannot print: \
             日 (U+65E5), 本 (U+672C), 語 (U+8A9E), 😀 (U+1F600); they are printed as \u{FFFD}"
        ),
        "{stderr}"
    );
    assert!(pdf_text(&dir.join("glyphs.pdf")).contains('\u{FFFD}'));
}

fn fails_with(args: &[&str], cwd: &Path, message: &str) {
    let out = qbank(args, cwd);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("qbank: error: "), "{stderr}");
    assert!(stderr.contains(message), "{stderr}\nexpected: {message}");
    assert!(out.stdout.is_empty());
}

#[test]
fn bad_input_is_one_clear_line_and_exit_2() {
    let (dir, bank) = with_bank();
    let b = bank.to_str().unwrap();
    fails_with(
        &["kit", "show", "intervew", "--bank", b],
        &dir,
        "no kit \"intervew\" in",
    );
    fails_with(
        &["kit", "show", "intervew", "--bank", b],
        &dir,
        "did you mean \"interview\"?",
    );
    fails_with(
        &["kit", "build", "too-many", "--bank", b],
        &dir,
        "kit \"too-many\" cannot be drawn: section \"Shipping models\" needs 5 questions at level mid from topic deployment; the bank has 3 (2 short)",
    );
    fails_with(
        &[
            "kit",
            "build",
            "interview",
            "--bank",
            b,
            "--date",
            "03/01/2026",
        ],
        &dir,
        "invalid --date \"03/01/2026\"",
    );
    fails_with(
        &["kit", "show", "interview", "--bank", "no-such-folder"],
        &dir,
        "bank folder no-such-folder does not exist",
    );
    fails_with(
        &[
            "kit",
            "build",
            "interview",
            "--bank",
            b,
            "--out",
            "missing-folder/kit.pdf",
        ],
        &dir,
        "cannot write missing-folder/kit.pdf",
    );
    fails_with(
        &["kit", "build", "interview", "--bank", b, "--out", "."],
        &dir,
        "cannot write .: it is a folder",
    );
    assert!(!dir.join("too-many.pdf").exists());
}

#[test]
fn a_broken_kit_file_says_so() {
    let (dir, bank) = with_bank();
    fs::write(
        bank.join("kits/broken.yaml"),
        "title: Broken\nlevel: principal\nsections: []\n",
    )
    .unwrap();
    fails_with(
        &["kit", "show", "broken", "--bank", bank.to_str().unwrap()],
        &dir,
        "has errors; run `qbank lint",
    );
}

#[test]
fn a_fixed_question_that_fails_its_schema_is_refused_naming_the_finding() {
    let (dir, bank) = with_bank();
    let long = "How would you roll back a model? ".repeat(100);
    let path = bank.join("q/canary-deployment.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    let yaml = yaml.replace(
        "How would you release a new model version to a small share of traffic first?",
        long.trim(),
    );
    fs::write(&path, yaml).unwrap();
    fs::write(
        bank.join("kits/fixed.yaml"),
        "title: Fixed\nlevel: mid\nsections:\n  - title: Release\n    fixed: [canary-deployment]\n",
    )
    .unwrap();
    // Refused as any question lint rejects: exit 1, naming the finding, nothing written.
    let out = qbank(
        &["kit", "build", "fixed", "--bank", bank.to_str().unwrap()],
        &dir,
    );
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "kit \"fixed\" fixes question \"canary-deployment\", which lint rejects: \
             error[schema-violation]"
        ) && stderr.contains("q/canary-deployment.yaml:"),
        "{stderr}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn near_duplicates_are_kept_apart_unless_allowed() {
    let (dir, bank) = with_bank();
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
                "id: {id}\ntext: \"{text}\"\ntopic: deployment\nlevels: [mid]\nkind: concept\n"
            ),
        )
        .unwrap();
    }
    fs::write(
        bank.join("kits/every-release.yaml"),
        "title: Every release\nlevel: mid\nsections:\n  - title: Release\n    topic: deployment\n    count: 5\n",
    )
    .unwrap();
    let b = bank.to_str().unwrap();
    fails_with(
        &["kit", "show", "every-release", "--bank", b],
        &dir,
        "excluded by near-duplicate with the question already drawn",
    );
    let out = qbank(
        &[
            "kit",
            "show",
            "every-release",
            "--bank",
            b,
            "--allow-near-duplicates",
        ],
        &dir,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("version-control-models"));
    assert!(text(&out.stdout).contains("version-models"));
}

#[test]
fn list_shows_every_kit_and_fails_when_one_cannot_be_drawn() {
    let (_dir, bank) = with_bank();
    let out = qbank(
        &["kit", "list", "--bank", bank.to_str().unwrap()],
        Path::new("."),
    );
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.contains("interview  Fixture Interview (mid, 30 min): 3 questions"),
        "{stdout}"
    );
    assert!(
        stdout.contains("too-many   Too many (mid): cannot be drawn: section"),
        "{stdout}"
    );
}

#[test]
fn the_projects_own_kits_build_cleanly() {
    let dir = temp_dir("kit");
    let bank = fs::canonicalize("../../questions").unwrap();
    let kits: Vec<String> = fs::read_dir(bank.join("kits"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(!kits.is_empty());
    for kit in &kits {
        for edition in ["interviewer", "candidate"] {
            let out = qbank(
                &[
                    "kit",
                    "build",
                    kit,
                    "--bank",
                    bank.to_str().unwrap(),
                    "--edition",
                    edition,
                    "-o",
                    "k.pdf",
                ],
                &dir,
            );
            assert!(
                out.status.success(),
                "{kit} {edition}: {}",
                text(&out.stderr)
            );
            let stderr = text(&out.stderr);
            assert!(!stderr.contains("warning"), "{kit} {edition}: {stderr}");
            let all = squash(&pdf_text(&dir.join("k.pdf")));
            for q in show(&bank, kit).questions {
                assert!(all.contains(&squash(&q.text)), "{kit}: {} missing", q.id);
            }
        }
    }
}

/// The kit rules draw as `qbank kit build` draws, whichever other rules run: with the model,
/// the two questions of `banks/meaning-kit` are related by meaning (kit selection keeps them
/// apart), though not by their words alone, so the kit that needs both cannot be drawn. Turning
/// the `near-duplicate` rule off must not make lint pass a kit that `kit build` refuses.
#[test]
fn with_the_model_the_kit_rules_draw_as_kit_build_even_without_near_duplicate() {
    let Some(model) = common::test_model_dir("QBANK_TEST_MODEL_DIR", "kit rules with the model")
    else {
        return;
    };
    let dir = temp_dir("meaning-kit");
    copy_dir(
        &common::crate_dir().join("tests/banks/meaning-kit"),
        &dir.join("bank"),
    );
    let run = |args: &[&str], model: Option<&Path>| {
        let out = common::qbank_with_model(&dir, args, model);
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    };
    let rules = |stdout: &str| -> Vec<String> {
        let report: serde_json::Value = serde_json::from_str(stdout).expect("JSON");
        report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .map(|d| {
                format!(
                    "{} {}",
                    d["rule"].as_str().unwrap(),
                    d["file"].as_str().unwrap()
                )
            })
            .collect()
    };
    let build = [
        "kit",
        "build",
        "platforms",
        "--bank",
        "bank",
        "-o",
        "kit.pdf",
    ];
    // By words alone the pair is not related: the kit draws, and lint agrees.
    let (code, _, stderr) = run(&build, None);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, stdout, _) = run(&["lint", "bank", "--format", "json"], None);
    assert_eq!((code, rules(&stdout)), (Some(0), vec![]), "{stdout}");
    // With the model, `kit build` refuses the kit, and so does every lint that draws it.
    let (code, _, stderr) = run(&build, Some(&model));
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("kit \"platforms\" cannot be drawn"),
        "{stderr}"
    );
    for extra in [
        &[][..],
        &["--ignore", "near-duplicate"][..],
        &["--select", "kit-unsatisfiable"][..],
    ] {
        let mut args = vec!["lint", "bank", "--format", "json"];
        args.extend_from_slice(extra);
        let (code, stdout, stderr) = run(&args, Some(&model));
        assert_eq!(
            (code, rules(&stdout)),
            (
                Some(1),
                vec!["kit-unsatisfiable bank/kits/platforms.yaml".to_owned()]
            ),
            "{args:?}: {stdout}{stderr}"
        );
    }
}
