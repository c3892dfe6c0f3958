//! `qbank init`: the bank it writes lints clean with warnings denied, is already formatted,
//! prints its kit at once, and a second run (or a file that was there) is never overwritten.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

mod common;

use common::temp_dir;

fn qbank(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_qbank"))
        .args(args)
        .current_dir(cwd)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .expect("qbank runs")
}

fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}\n{}{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every file below `dir`, with its bytes, sorted by path.
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push((rel, fs::read(&p).unwrap()));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn init_writes_a_bank_that_lints_clean_and_prints_a_kit() {
    let dir = temp_dir("init");
    let said = ok(&qbank(&["init"], &dir));
    let names: Vec<String> = tree(&dir).into_iter().map(|(n, _)| n).collect();
    insta::assert_snapshot!(names.join("\n"));
    assert!(said.contains("created questions/topics.yaml"), "{said}");
    assert!(
        said.contains("qbank kit build example-interview --bank questions"),
        "{said}"
    );

    // One question per kind.
    let mut kinds: Vec<String> = names
        .iter()
        .filter(|n| {
            n.starts_with("questions/") && !n.contains("kits/") && !n.ends_with("topics.yaml")
        })
        .map(|n| {
            let text = fs::read_to_string(dir.join(n)).unwrap();
            let v: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
            v["kind"].as_str().unwrap().to_owned()
        })
        .collect();
    kinds.sort();
    assert_eq!(
        kinds,
        ["behavioral", "concept", "experience", "scenario", "tooling"]
    );

    // Clean with warnings denied, formatted, and the kit draws and prints.
    let lint = ok(&qbank(&["lint", "--deny-warnings"], &dir));
    assert!(lint.contains("no problems found"), "{lint}");
    ok(&qbank(&["fmt", "--check"], &dir));
    ok(&qbank(
        &["kit", "build", "example-interview", "--out", "kit.pdf"],
        &dir,
    ));
    assert!(fs::read(dir.join("kit.pdf")).unwrap().starts_with(b"%PDF-"));

    // The workflow fetches the history --changed-since needs; the hooks name this version.
    let workflow = fs::read_to_string(dir.join(".github/workflows/questions.yml")).unwrap();
    let w: serde_yaml::Value = serde_yaml::from_str(&workflow).unwrap();
    let steps = &w["jobs"]["lint"]["steps"];
    assert_eq!(steps[0]["with"]["fetch-depth"].as_u64(), Some(0));
    assert!(steps[1]["with"]["changed-since"].as_str().is_some());
    let hooks = fs::read_to_string(dir.join(".pre-commit-config.yaml")).unwrap();
    assert!(
        hooks.contains(&format!("rev: v{}", env!("CARGO_PKG_VERSION"))),
        "{hooks}"
    );
    assert!(
        !hooks.contains("{{") && !workflow.contains("{{version"),
        "placeholders left"
    );
}

#[test]
fn init_never_overwrites() {
    let dir = temp_dir("init-again");
    fs::write(dir.join("qbank.toml"), "# mine\n").unwrap();
    let first = ok(&qbank(&["init", "."], &dir));
    assert!(
        first.contains("skipped qbank.toml (it exists; left as it is)"),
        "{first}"
    );
    assert_eq!(
        fs::read_to_string(dir.join("qbank.toml")).unwrap(),
        "# mine\n"
    );
    let before = tree(&dir);
    let second = ok(&qbank(&["init"], &dir));
    assert!(second.contains("0 files created"), "{second}");
    assert!(second.contains("the bank exists already"), "{second}");
    assert_eq!(tree(&dir), before, "a second run changes nothing");
    assert!(!tree(&dir).iter().any(|(n, _)| n.contains("qbank-tmp")));
}

#[test]
fn init_into_a_file_is_an_error() {
    let dir = temp_dir("init-file");
    fs::write(dir.join("f"), "x").unwrap();
    let out = qbank(&["init", "f"], &dir);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("f is not a folder"));
}
