//! A rule of `Scope::File` claims that what it finds on a file depends on that file and the
//! settings only; `lint --changed-since` relies on it to skip those rules on the files a
//! change did not touch. Each bank here (every rule's fixture, the mixed bank and the
//! project's own) is linted whole, then every file is linted alone (with topics.yaml, which a
//! bank needs): the file rules must find the same on the file either way.

use std::path::{Path, PathBuf};

use qbank_core::git::BlobFile;
use qbank_core::Diagnostic;
use qbank_lint::{Scope, Settings, RULES};

fn banks() -> Vec<PathBuf> {
    let mut banks: Vec<PathBuf> = std::fs::read_dir("tests/fixtures")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("topics.yaml").is_file())
        .collect();
    banks.sort();
    banks.push("tests/banks/mixed".into());
    banks.push("../../questions".into());
    banks
}

/// The bank's files, as the loader finds them (`qbank_core::load::walk`).
fn files(root: &Path) -> Vec<BlobFile> {
    let shown = qbank_core::load::display_path(root);
    let found = qbank_core::load::walk(root, &shown, &mut Vec::new()).expect("the bank is read");
    found
        .into_iter()
        .map(|(path, relative)| BlobFile {
            path: relative,
            bytes: std::fs::read(path).expect("a file the walker found"),
        })
        .collect()
}

/// The file rules' findings, rendered one per line for comparison.
fn file_findings(root: &Path, files: Vec<BlobFile>) -> Vec<(String, String)> {
    let (bank, _) = qbank_core::load_bank_from_files(root, files).expect("the bank loads");
    let findings: Vec<Diagnostic> =
        qbank_lint::lint_rules(&bank, Vec::new(), &Settings::default(), |r| {
            r.scope() == Scope::File
        });
    findings
        .iter()
        .map(|d| {
            (
                d.primary.file.to_string(),
                format!(
                    "{}:{}:{} {} {}",
                    d.primary.span.start.line,
                    d.primary.span.start.column,
                    d.rule,
                    d.message,
                    d.help.as_deref().unwrap_or("")
                ),
            )
        })
        .collect()
}

#[test]
fn file_rules_find_the_same_on_a_file_alone() {
    let file_rules: Vec<&str> = RULES
        .iter()
        .filter(|r| r.scope() == Scope::File)
        .map(|r| r.name())
        .collect();
    assert!(
        file_rules.len() >= 10,
        "the wording and per-file rules are file rules: {file_rules:?}"
    );
    let mut compared = 0;
    for root in banks() {
        let all = files(&root);
        let whole = file_findings(&root, all.clone());
        let shown_root = qbank_core::load::display_path(&root);
        let topics = all
            .iter()
            .find(|f| f.path == "topics.yaml")
            .expect("a bank has topics.yaml")
            .clone();
        for file in &all {
            let mut alone = vec![topics.clone()];
            if file.path != topics.path {
                alone.push(file.clone());
            }
            let shown = |findings: Vec<(String, String)>| -> Vec<String> {
                findings
                    .into_iter()
                    .filter(|(f, _)| *f == format!("{shown_root}/{}", file.path))
                    .map(|(_, line)| line)
                    .collect()
            };
            let in_bank = shown(whole.clone());
            compared += in_bank.len();
            assert_eq!(
                shown(file_findings(&root, alone)),
                in_bank,
                "{}/{}: a file rule found something else on the file alone",
                root.display(),
                file.path
            );
        }
    }
    assert!(
        compared > 20,
        "the banks hold file-rule findings to compare"
    );
}
