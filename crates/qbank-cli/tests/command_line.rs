//! The command line behaves the same way in every command: the bank as operand or `--bank`,
//! `--out -` for standard output, an `--out` whose extension contradicts the format refused
//! before anything is written, and a missing kit answered with the list of kits.

use std::path::Path;
use std::process::{Command, Output};

mod common;

use common::{copy_dir, file_names, qbank as snapshot_run, temp_dir};

const FIXTURE: &str = "tests/fixtures/bank";

fn qbank(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qbank"))
        .args(args)
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .output()
        .expect("qbank runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn the_bank_is_an_operand_or_an_option_alike() {
    let dir = temp_dir("bank-forms");
    copy_dir(Path::new(FIXTURE), &dir.join("bank"));
    for command in [
        &["lint", "--ignore", "kit-unsatisfiable"][..],
        &["coverage"],
        &["stats", "--today", "2026-01-01"],
        &["export", "json"],
        &["kit", "list"],
    ] {
        let operand = qbank(&[command, &["bank"]].concat(), &dir);
        let option = qbank(&[command, &["--bank", "bank"]].concat(), &dir);
        assert_eq!(
            operand.status.code(),
            option.status.code(),
            "{command:?}: {}",
            text(&option.stderr)
        );
        assert_eq!(text(&operand.stdout), text(&option.stdout), "{command:?}");
        assert!(!operand.stdout.is_empty(), "{command:?}");
        // Both at once is a usage error, not a silent choice.
        let both = qbank(&[command, &["bank", "--bank", "bank"]].concat(), &dir);
        assert_eq!(both.status.code(), Some(2), "{command:?}");
    }
    // fmt takes folders as operands, and --bank as well.
    let fmt = qbank(&["fmt", "--check", "--bank", "bank"], &dir);
    assert_eq!(
        text(&fmt.stdout),
        text(&qbank(&["fmt", "--check", "bank"], &dir).stdout)
    );
}

#[test]
fn out_dash_is_standard_output() {
    let dir = temp_dir("out-dash");
    copy_dir(Path::new(FIXTURE), &dir.join("bank"));
    let before = file_names(&dir);
    let json = qbank(&["export", "json", "bank", "--out", "-"], &dir);
    assert!(json.status.success(), "{}", text(&json.stderr));
    assert!(text(&json.stdout).starts_with('{'));
    let pdf = qbank(
        &["kit", "build", "interview", "--bank", "bank", "--out", "-"],
        &dir,
    );
    assert!(pdf.status.success(), "{}", text(&pdf.stderr));
    assert!(pdf.stdout.starts_with(b"%PDF-"));
    assert!(text(&pdf.stderr).starts_with("wrote standard output"));
    assert_eq!(file_names(&dir), before, "no file named - or other");
}

#[test]
fn an_extension_that_contradicts_the_format_is_refused() {
    let dir = temp_dir("extension");
    copy_dir(Path::new(FIXTURE), &dir.join("bank"));
    let before = file_names(&dir);
    insta::assert_snapshot!(
        "docx-named-pdf",
        snapshot_run(
            &dir,
            &[
                "kit",
                "build",
                "interview",
                "--bank",
                "bank",
                "--format",
                "docx",
                "--out",
                "kit.pdf"
            ]
        )
    );
    for (args, says) in [
        (
            &["export", "csv", "bank", "--out", "bank.json"][..],
            "the extension says JSON, but the output is CSV",
        ),
        (
            &["export", "md", "bank", "--out", "bank.html"],
            "the extension says HTML, but the output is Markdown",
        ),
        (
            &[
                "kit",
                "build",
                "interview",
                "--bank",
                "bank",
                "--out",
                "kit.DOCX",
            ],
            "the extension says DOCX, but the output is PDF",
        ),
    ] {
        let out = qbank(args, &dir);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            text(&out.stderr).contains(says),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
    assert_eq!(file_names(&dir), before, "nothing written");
    // An extension that names no format is the user's choice.
    let out = qbank(&["export", "md", "bank", "--out", "bank.txt"], &dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn kit_build_without_a_kit_lists_the_kits() {
    let dir = temp_dir("no-kit");
    copy_dir(Path::new(FIXTURE), &dir.join("bank"));
    insta::assert_snapshot!(
        "kit-build-without-kit",
        snapshot_run(&dir, &["kit", "build", "--bank", "bank"])
    );
    let show = qbank(&["kit", "show", "--bank", "bank"], &dir);
    assert_eq!(show.status.code(), Some(2));
    assert!(text(&show.stderr).contains("name a kit: `qbank kit show <KIT>`"));
}

#[test]
fn markdown_of_a_kit_lists_only_its_topics() {
    let dir = temp_dir("md-kit");
    copy_dir(Path::new(FIXTURE), &dir.join("bank"));
    let md = qbank(
        &["export", "md", "--bank", "bank", "--kit", "interview"],
        &dir,
    );
    assert!(md.status.success(), "{}", text(&md.stderr));
    let md = text(&md.stdout);
    assert!(!md.contains("(0)"), "{md}");
    let whole = text(&qbank(&["export", "md", "bank"], &dir).stdout);
    let toc = |s: &str| s.lines().filter(|l| l.starts_with("- [")).count();
    assert!(toc(&md) >= 1);
    assert!(toc(&md) <= toc(&whole));
}

#[test]
fn an_empty_folder_hints_at_init() {
    let dir = temp_dir("empty");
    let out = qbank(&["lint"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("`qbank init` starts a bank"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn html_export_writes_index_html_in_the_folder() {
    let dir = temp_dir("html");
    copy_dir(Path::new(FIXTURE), &dir.join("bank"));
    let out = qbank(&["export", "html", "bank", "--out", "site/bank"], &dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let page = std::fs::read_to_string(dir.join("site/bank/index.html")).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>"));
    assert!(
        page.contains("<a href=\"#kit-interview\">"),
        "the kits are drawn for the page"
    );
    let stdout = qbank(&["export", "html", "bank", "--out", "-"], &dir);
    assert_eq!(text(&stdout.stdout), page);
    let wrong = qbank(&["export", "html", "bank", "--out", "bank.pdf"], &dir);
    assert_eq!(wrong.status.code(), Some(2));
}
