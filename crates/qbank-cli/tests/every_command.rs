//! What lint accepts, every command handles. On every bank in the repository that `qbank lint`
//! passes (exit 0: the gate lets it through), every command that reads a bank must succeed:
//! each export (CSV, CSV for Excel, XLSX, JSON, Markdown, HTML, and CSV of each kit), `fmt`
//! (it may find layout to change, never a file it refuses), every kit built as PDF and DOCX
//! and shown, every loop built and shown, `coverage`, `stats` and `similar`.
//!
//! The banks are found, not listed: every folder holding a `topics.yaml` (the project's bank,
//! the `qbank init` template, the fixtures of every crate, each rule's fixture). A bank that
//! does not lint clean is skipped; the test names how many it ran on and requires the
//! project's bank and the init template among them, so it cannot pass by skipping everything.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{crate_dir, temp_dir};

/// Runs `qbank args…` in `dir`.
fn run(dir: &Path, args: &[String]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qbank"))
        .args(args)
        .current_dir(dir)
        .env_remove("GITHUB_ACTIONS")
        .env("NO_COLOR", "1")
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .expect("qbank runs")
}

/// Every folder under `dir` holding a `topics.yaml`, in path order; `target/` and hidden
/// folders are left out.
fn find_banks(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    // Folders only, never through a symbolic link (a fixture holds a link loop).
    let mut entries: Vec<(PathBuf, bool)> = entries
        .map(|e| {
            let e = e.unwrap();
            (e.path(), e.file_type().unwrap().is_dir())
        })
        .collect();
    entries.sort();
    if entries
        .iter()
        .any(|(p, _)| p.file_name().is_some_and(|n| n == "topics.yaml"))
    {
        out.push(dir.to_owned());
    }
    for (path, is_dir) in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if is_dir && !name.starts_with('.') && name != "target" {
            find_banks(&path, out);
        }
    }
}

/// The ids of the files in `bank/folder/`, sorted.
fn ids(bank: &Path, folder: &str) -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(bank.join(folder))
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

/// Every command to run on `bank`, writing into `out`.
fn commands(bank: &Path, out: &Path) -> Vec<Vec<String>> {
    let b = bank.to_string_lossy().into_owned();
    let o = |name: &str| out.join(name).to_string_lossy().into_owned();
    let (csv, excel, xlsx) = (o("bank.csv"), o("excel.csv"), o("bank.xlsx"));
    let (json, md, html) = (o("bank.json"), o("bank.md"), o("html"));
    let text = "How do you monitor a model in production?";
    let mut all: Vec<Vec<&str>> = vec![
        vec!["export", "csv", "--bank", &b, "--out", &csv],
        vec![
            "export",
            "csv",
            "--excel",
            "--columns",
            "all",
            "--bank",
            &b,
            "--out",
            &excel,
        ],
        vec![
            "export",
            "xlsx",
            "--columns",
            "all",
            "--bank",
            &b,
            "--out",
            &xlsx,
        ],
        vec!["export", "json", "--bank", &b, "--out", &json],
        vec!["export", "md", "--bank", &b, "--out", &md],
        vec!["export", "html", "--bank", &b, "--out", &html],
        vec!["coverage", &b],
        vec!["stats", &b, "--today", "2026-12-04"],
        vec!["similar", text, "--bank", &b],
        vec!["kit", "list", &b],
        vec!["loop", "list", &b],
    ];
    let kits = ids(bank, "kits");
    let loops = ids(bank, "loops");
    let files: Vec<[String; 3]> = kits
        .iter()
        .map(|k| {
            [
                o(&format!("{k}.pdf")),
                o(&format!("{k}.docx")),
                o(&format!("{k}.csv")),
            ]
        })
        .chain(loops.iter().map(|l| {
            [
                o(&format!("loop-{l}")),
                o(&format!("loop-{l}-docx")),
                String::new(),
            ]
        }))
        .collect();
    for (kit, [pdf, docx, csv]) in kits.iter().zip(&files) {
        all.push(vec!["kit", "show", kit, "--bank", &b]);
        all.push(vec!["kit", "build", kit, "--bank", &b, "--out", pdf]);
        all.push(vec![
            "kit", "build", kit, "--bank", &b, "--format", "docx", "--out", docx,
        ]);
        all.push(vec![
            "export", "csv", "--kit", kit, "--bank", &b, "--out", csv,
        ]);
    }
    for (lp, [pdf, docx, _]) in loops.iter().zip(&files[kits.len()..]) {
        all.push(vec!["loop", "show", lp, "--bank", &b]);
        all.push(vec!["loop", "build", lp, "--bank", &b, "--out", pdf]);
        all.push(vec![
            "loop", "build", lp, "--bank", &b, "--format", "docx", "--out", docx,
        ]);
    }
    all.into_iter()
        .map(|args| args.into_iter().map(str::to_owned).collect())
        .collect()
}

fn shown(args: &[String], output: &Output) -> String {
    format!(
        "qbank {} → exit {:?}\n{}{}",
        args.join(" "),
        output.status.code(),
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .take(5)
            .collect::<Vec<_>>()
            .join("\n"),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn every_command_works_on_every_bank_that_lints_clean() {
    let repo = crate_dir().join("../..").canonicalize().unwrap();
    let mut banks = Vec::new();
    find_banks(&repo, &mut banks);
    assert!(banks.len() > 20, "found only {} banks", banks.len());
    let mut clean = Vec::new();
    let mut failures = Vec::new();
    for bank in &banks {
        let lint = run(bank, &["lint".to_owned(), ".".to_owned()]);
        if lint.status.code() != Some(0) {
            continue;
        }
        clean.push(bank.strip_prefix(&repo).unwrap().display().to_string());
        let out = temp_dir("every-command");
        for args in commands(bank, &out) {
            let output = run(&out, &args);
            if !output.status.success() {
                failures.push(shown(&args, &output));
            }
        }
        // fmt may find layout to change (exit 1 with --check); it may not refuse a file.
        let args = vec![
            "fmt".to_owned(),
            "--check".to_owned(),
            bank.to_string_lossy().into_owned(),
        ];
        let output = run(&out, &args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        if stderr.contains("could not be formatted") || !matches!(output.status.code(), Some(0 | 1))
        {
            failures.push(shown(&args, &output));
        }
    }
    assert!(
        failures.is_empty(),
        "on banks that lint clean, {} commands failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    for needed in ["questions", "crates/qbank-cli/templates/init/questions"] {
        assert!(
            clean.iter().any(|c| c == needed),
            "{needed} must lint clean and be among the banks: {clean:?}"
        );
    }
    assert!(
        clean.len() >= 8,
        "only {} banks lint clean: {clean:?}",
        clean.len()
    );
    eprintln!(
        "every command ran on {} banks that lint clean: {clean:?}",
        clean.len()
    );
}
