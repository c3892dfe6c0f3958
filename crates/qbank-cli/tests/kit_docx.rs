//! `qbank kit build --format docx` run as a user runs it: the real binary on a copy of the
//! fixture bank, the DOCX opened with `zip` and its text read from `word/document.xml`.

use std::fs;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod common;

use common::{copy_dir, temp_dir, TempDir};

const FIXTURE: &str = "tests/fixtures/bank";

/// A copy of the fixture bank in a fresh temporary folder, removed when dropped.
struct TempBank {
    dir: TempDir,
    bank: PathBuf,
}

impl TempBank {
    fn new() -> TempBank {
        let dir = temp_dir("kit-docx");
        let bank = dir.join("bank");
        copy_dir(Path::new(FIXTURE), &bank);
        TempBank { dir, bank }
    }

    fn qbank(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_qbank"))
            .args(args)
            .args(["--bank", self.bank.to_str().unwrap()])
            .current_dir(&self.dir)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .expect("qbank runs")
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A part of a DOCX.
fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("the DOCX is a ZIP");
    let mut file = archive.by_name(name).expect("the part exists");
    let mut xml = String::new();
    file.read_to_string(&mut xml).unwrap();
    xml
}

/// The text of `w:t` elements, unescaped, with paragraphs on lines.
fn document_text(docx: &[u8]) -> String {
    let xml = part(docx, "word/document.xml");
    let mut out = String::new();
    for piece in xml.split("<w:t xml:space=\"preserve\">").skip(1) {
        let t = &piece[..piece.find("</w:t>").unwrap()];
        out.push_str(
            &t.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&amp;", "&"),
        );
        if piece.contains("</w:p>") {
            out.push('\n');
        }
    }
    out
}

/// The question texts of a kit, from `kit show --format json`.
fn question_texts(bank: &TempBank, kit: &str) -> Vec<String> {
    let out = bank.qbank(&["kit", "show", kit, "--format", "json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    shown["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["text"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn build_writes_a_docx_with_every_question_and_the_same_bytes_twice() {
    let bank = TempBank::new();
    let args = [
        "kit",
        "build",
        "interview",
        "--format",
        "docx",
        "--candidate",
        "Ada Lovelace",
        "--date",
        "2026-03-01",
    ];
    let out = bank.qbank(&args);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with("wrote interview.docx (interviewer edition, 3 questions,"),
        "{stderr}"
    );
    let first = fs::read(bank.dir.join("interview.docx")).unwrap();
    assert!(first.starts_with(b"PK\x03\x04"));
    let all = document_text(&first);
    for q in question_texts(&bank, "interview") {
        assert!(all.contains(&q), "{q} missing from {all}");
    }
    assert!(all.contains("Ada Lovelace"));
    assert!(all.contains("2026-03-01"));
    assert!(all.contains("Scorecard"));
    assert!(part(&first, "word/header1.xml").contains("Ada Lovelace"));

    let again = bank.qbank(&[&args[..], &["--out", "again.docx"]].concat());
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert!(
        first == fs::read(bank.dir.join("again.docx")).unwrap(),
        "two builds differ"
    );
}

#[test]
fn the_candidate_edition_is_named_so_and_has_no_rubric() {
    let bank = TempBank::new();
    let out = bank.qbank(&[
        "kit",
        "build",
        "interview",
        "--format",
        "docx",
        "--edition",
        "candidate",
        "--paper",
        "letter",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let docx = fs::read(bank.dir.join("interview-candidate.docx")).unwrap();
    let all = document_text(&docx);
    for q in question_texts(&bank, "interview") {
        assert!(all.contains(&q), "{q} missing");
    }
    assert!(
        !all.contains("Scorecard") && !all.contains("Red flags"),
        "{all}"
    );
    assert!(all.contains("Your answer"));
    assert!(part(&docx, "word/document.xml").contains(r#"<w:pgSz w:w="12240" w:h="15840" />"#));
    // PDF stays the default.
    let pdf = bank.qbank(&["kit", "build", "interview"]);
    assert!(pdf.status.success(), "{}", text(&pdf.stderr));
    assert!(fs::read(bank.dir.join("interview.pdf"))
        .unwrap()
        .starts_with(b"%PDF-"));
}

#[test]
fn reserved_and_control_characters_are_escaped_or_replaced_with_a_warning() {
    let bank = TempBank::new();
    let path = bank.bank.join("q/canary-deployment.yaml");
    let yaml = fs::read_to_string(&path).unwrap();
    let text_line = yaml.lines().find(|l| l.starts_with("text:")).unwrap();
    let hostile = r#"text: "Tom & Jerry <b>\"bold\"</b>\u0001 and \u000B: מה ההבדל?\nSecond line""#;
    fs::write(&path, yaml.replace(text_line, hostile)).unwrap();
    let out = bank.qbank(&["kit", "build", "interview", "--format", "docx"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(
            "qbank: warning: question canary-deployment has control characters a DOCX cannot \
             hold: U+0001, U+000B; they are written as \u{FFFD}"
        ),
        "{stderr}"
    );
    let docx = fs::read(bank.dir.join("interview.docx")).unwrap();
    let xml = part(&docx, "word/document.xml");
    assert!(!xml.contains('\u{1}') && !xml.contains('\u{B}'));
    assert!(
        xml.contains("Tom &amp; Jerry &lt;b&gt;&quot;bold&quot;&lt;/b&gt;\u{FFFD} and \u{FFFD}")
    );
    // The newline is a line break.
    assert!(xml.contains(
        "מה ההבדל?</w:t><w:br w:type=\"textWrapping\" /><w:t xml:space=\"preserve\">Second line"
    ));
}

#[test]
fn characters_the_pdf_font_lacks_stay_in_the_docx() {
    let bank = TempBank::new();
    let out = bank.qbank(&["kit", "build", "glyphs", "--format", "docx"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    // Word and LibreOffice pick a font that has them: no warning, nothing replaced.
    assert!(
        !text(&out.stderr).contains("warning"),
        "{}",
        text(&out.stderr)
    );
    let docx = fs::read(bank.dir.join("glyphs.docx")).unwrap();
    assert!(document_text(&docx).contains("日本語 product reviews? 😀"));
}

#[test]
fn the_projects_own_kits_build_as_docx() {
    let out = Command::new(env!("CARGO_BIN_EXE_qbank"))
        .args([
            "kit",
            "list",
            "--format",
            "json",
            "--bank",
            "../../questions",
        ])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let dir = TempBank::new();
    for kit in list["kits"].as_array().unwrap() {
        let id = kit["id"].as_str().unwrap();
        let file = dir.dir.join(format!("{id}.docx"));
        let out = Command::new(env!("CARGO_BIN_EXE_qbank"))
            .args([
                "kit",
                "build",
                id,
                "--format",
                "docx",
                "--bank",
                "../../questions",
            ])
            .arg("--out")
            .arg(&file)
            .output()
            .unwrap();
        assert!(out.status.success(), "{id}: {}", text(&out.stderr));
        assert!(
            !text(&out.stderr).contains("warning"),
            "{id}: {}",
            text(&out.stderr)
        );
        assert!(document_text(&fs::read(&file).unwrap()).contains("Question 1 of"));
    }
}
