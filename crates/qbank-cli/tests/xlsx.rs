//! `qbank export xlsx` and `qbank import xlsx` as a user runs them.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;

use common::{copy_dir, temp_dir};

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

#[test]
fn workbook_round_trip_changes_nothing_and_bad_files_write_nothing() {
    let dir = temp_dir("xlsx");
    copy_dir(Path::new("tests/fixtures/bank"), &dir.join("bank"));
    let out = qbank(&["export", "xlsx", "bank", "--out", "bank.xlsx"], &dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let bytes = fs::read(dir.join("bank.xlsx")).unwrap();
    assert!(bytes.starts_with(b"PK"), "a ZIP container");

    let out = qbank(&["import", "xlsx", "bank.xlsx", "--bank", "bank"], &dir);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).starts_with("0 created, 0 updated, "),
        "{}",
        text(&out.stdout)
    );

    // A CSV given to the workbook import: one clear problem, exit 1, nothing written.
    fs::write(dir.join("bank.csv"), "id,text\nq,What?\n").unwrap();
    let out = qbank(&["import", "xlsx", "bank.csv", "--bank", "bank"], &dir);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("cannot read the workbook"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stderr).ends_with("nothing was written\n"));

    // The extension must say XLSX.
    let out = qbank(&["export", "xlsx", "bank", "--out", "bank.csv"], &dir);
    assert_eq!(out.status.code(), Some(2));
}
