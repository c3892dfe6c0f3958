//! `qbank model`: fetching a known model checks every file against its pinned sums and keeps
//! nothing that differs; `qbank model path` names the pinned model a folder holds.

use std::path::Path;
use std::process::{Command, Output};

mod common;

use common::{file_names, temp_dir, test_model_dir};

fn qbank(args: &[&str], cwd: &Path, model_dir: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qbank"));
    command
        .args(args)
        .current_dir(cwd)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("QBANK_MODEL_DIR")
        .env("NO_COLOR", "1");
    if let Some(dir) = model_dir {
        command.env("QBANK_MODEL_DIR", dir);
    }
    command.output().expect("qbank runs")
}

/// `qbank model fetch --model MODEL --from FROM --dir TO` in `cwd`.
fn fetch(cwd: &Path, model: &str, from: &Path, to: &str) -> Output {
    let from = from.display().to_string();
    let args = [
        "model", "fetch", "--model", model, "--from", &from, "--dir", to,
    ];
    qbank(&args, cwd, None)
}

/// The names in `dir`, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names = file_names(dir);
    names.sort();
    names
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn an_unknown_model_is_refused_with_the_known_ones() {
    let dir = temp_dir("model-unknown");
    let run = qbank(&["model", "fetch", "--model", "bert-base"], &dir, None);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("[possible values: all-MiniLM-L6-v2, all-mpnet-base-v2]"),
        "{}",
        text(&run.stderr)
    );
}

#[test]
fn the_default_model_is_fetched_checked_and_named() {
    let Some(minilm) = test_model_dir("QBANK_TEST_MODEL_DIR", "all-MiniLM-L6-v2 fetch") else {
        return;
    };
    let dir = temp_dir("model-minilm");
    let run = fetch(&dir, "all-MiniLM-L6-v2", &minilm, "minilm");
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout),
        "sentence-transformers/all-MiniLM-L6-v2 is in minilm (SHA-256 checked)\n\
         point qbank at it with QBANK_MODEL_DIR=minilm or qbank.toml's [model] dir\n"
    );
    assert_eq!(
        listing(&dir.join("minilm")),
        ["config.json", "model.safetensors", "tokenizer.json"]
    );
    let path = qbank(&["model", "path"], &dir, Some(&dir.join("minilm")));
    assert_eq!(path.status.code(), Some(0));
    assert!(
        text(&path.stdout).ends_with("sentence-transformers/all-MiniLM-L6-v2: SHA-256 checked\n"),
        "{}",
        text(&path.stdout)
    );
    // The other model's sums do not match these files: nothing is kept.
    let run = fetch(&dir, "all-mpnet-base-v2", &minilm, "mpnet");
    assert_eq!(run.status.code(), Some(2));
    let stderr = text(&run.stderr);
    assert!(
        stderr.contains("config.json: SHA-256 is")
            && stderr.contains("expected d46a3e04")
            && stderr.contains("the files were not kept"),
        "{stderr}"
    );
    assert!(listing(&dir.join("mpnet")).is_empty());
    // A folder of neither pinned model is used all the same, and said to be neither.
    std::fs::write(dir.join("minilm/config.json"), "{}").unwrap();
    let path = qbank(&["model", "path"], &dir, Some(&dir.join("minilm")));
    assert_eq!(path.status.code(), Some(0));
    assert!(
        text(&path.stdout).contains("not a pinned model (")
            && text(&path.stdout).contains("it is used all the same"),
        "{}",
        text(&path.stdout)
    );
}

#[test]
fn all_mpnet_base_v2_is_fetched_by_name_with_its_length() {
    let Some(mpnet) = test_model_dir("QBANK_TEST_MPNET_DIR", "all-mpnet-base-v2 fetch") else {
        return;
    };
    let dir = temp_dir("model-mpnet");
    let run = fetch(&dir, "all-mpnet-base-v2", &mpnet, "mpnet");
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout)
            .starts_with("sentence-transformers/all-mpnet-base-v2 is in mpnet (SHA-256 checked)\n"),
        "{}",
        text(&run.stdout)
    );
    assert_eq!(
        listing(&dir.join("mpnet")),
        [
            "config.json",
            "model.safetensors",
            "sentence_bert_config.json",
            "tokenizer.json"
        ]
    );
    let path = qbank(&["model", "path"], &dir, Some(&dir.join("mpnet")));
    assert!(
        text(&path.stdout).ends_with("sentence-transformers/all-mpnet-base-v2: SHA-256 checked\n"),
        "{}",
        text(&path.stdout)
    );
}
