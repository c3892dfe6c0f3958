//! `qbank model`: fetching a known model checks every file against its pinned sums and keeps
//! nothing that differs; `qbank model path` names the pinned model a folder holds.

use std::path::Path;
use std::process::{Command, Output};

mod common;

use common::{copy_dir, crate_dir, file_names, temp_dir, test_model_dir, write};

fn qbank(args: &[&str], cwd: &Path, model_dir: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_qbank"));
    command
        .args(args)
        .current_dir(cwd)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("QBANK_MODEL_DIR")
        // The user cache folder is the test's own.
        .env("XDG_CACHE_HOME", cwd.join("user-cache"))
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

/// What `qbank model fetch --from FROM` prints in `cwd` (the model the bank names), once it
/// succeeded.
fn fetched(cwd: &Path, from: &str) -> String {
    let run = qbank(&["model", "fetch", "--from", from], cwd, None);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    text(&run.stdout)
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
    // Fetched again: the files are checked, nothing is downloaded, even with nowhere to
    // download from.
    let run = fetch(&dir, "all-MiniLM-L6-v2", &dir.join("nowhere"), "minilm");
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(
        text(&run.stdout).starts_with(
            "sentence-transformers/all-MiniLM-L6-v2 is already in minilm (SHA-256 checked)\n"
        ),
        "{}",
        text(&run.stdout)
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
    // A folder of neither pinned model (a setting added to its configuration) is used all
    // the same, and said to be neither.
    let config = std::fs::read_to_string(dir.join("minilm/config.json")).unwrap();
    let edited = config.replacen('{', "{\n  \"local_note\": \"a copy\",", 1);
    std::fs::write(dir.join("minilm/config.json"), edited).unwrap();
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
    let from = mpnet.display().to_string();
    // Into the user cache folder: qbank says how to name it.
    let run = qbank(
        &[
            "model",
            "fetch",
            "--model",
            "all-mpnet-base-v2",
            "--from",
            &from,
        ],
        &dir,
        None,
    );
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert_eq!(
        text(&run.stdout),
        format!(
            "sentence-transformers/all-mpnet-base-v2 is in {} (SHA-256 checked)\nname it in \
             qbank.toml to use it: [model] name = \"all-mpnet-base-v2\"\n",
            dir.join("user-cache/qbank/models/all-mpnet-base-v2")
                .display()
        )
    );
    // Once the bank names it, fetching it says no more than where it is.
    write(
        &dir,
        "qbank.toml",
        "[model]\nname = \"all-mpnet-base-v2\"\n",
    );
    std::fs::create_dir_all(dir.join("questions")).unwrap();
    assert_eq!(
        fetched(&dir, &from),
        format!(
            "sentence-transformers/all-mpnet-base-v2 is already in {} (SHA-256 checked)\n",
            dir.join("user-cache/qbank/models/all-mpnet-base-v2")
                .display()
        )
    );
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

#[test]
fn qbank_toml_names_a_model_fetched_to_the_user_cache() {
    let dir = temp_dir("model-named");
    write(
        &dir,
        "questions/topics.yaml",
        "topics:\n  - id: t\n    title: T\n",
    );
    // A name qbank does not know stops every command, at its place, with the closest name.
    write(&dir, "qbank.toml", "[model]\nname = \"all-mpnet-bas\"\n");
    for args in [&["model", "path"][..], &["lint", "questions"]] {
        let run = qbank(args, &dir, None);
        assert_eq!(run.status.code(), Some(2), "{args:?}");
        assert_eq!(
            text(&run.stderr),
            "qbank: error: qbank.toml:2:8: [model] name \"all-mpnet-bas\" is not a model qbank \
             knows; did you mean \"all-mpnet-base-v2\"?\n",
            "{args:?}"
        );
    }
    // A known name, not fetched yet: the folder it is looked for in, and how to fill it.
    write(&dir, "qbank.toml", "[model]\nname = \"all-MiniLM-L6-v2\"\n");
    let run = qbank(&["model", "path"], &dir, None);
    assert_eq!(run.status.code(), Some(2));
    let cached = dir.join("user-cache/qbank/models/all-MiniLM-L6-v2");
    assert!(
        text(&run.stderr).contains(&format!(
            "{}: not found: qbank.toml names all-MiniLM-L6-v2, and `qbank model fetch --model \
             all-MiniLM-L6-v2` puts it here",
            cached.join("config.json").display()
        )),
        "{}",
        text(&run.stderr)
    );
    let Some(minilm) = test_model_dir("QBANK_TEST_MODEL_DIR", "named model") else {
        return;
    };
    let from = minilm.display().to_string();
    // The bank names it: nothing more to do.
    assert_eq!(
        fetched(&dir, &from),
        format!(
            "sentence-transformers/all-MiniLM-L6-v2 is in {} (SHA-256 checked)\n",
            cached.display()
        )
    );
    let run = qbank(&["model", "path"], &dir, None);
    assert_eq!(
        text(&run.stdout),
        format!(
            "{} (from qbank.toml's [model] name)\nsentence-transformers/all-MiniLM-L6-v2: SHA-256 \
             checked\n",
            cached.display()
        )
    );
    // `qbank model fetch` without --model fetches the model the bank names: here
    // all-mpnet-base-v2, whose sums the files of all-MiniLM-L6-v2 do not have.
    write(
        &dir,
        "qbank.toml",
        "[model]\nname = \"all-mpnet-base-v2\"\n",
    );
    let run = qbank(&["model", "fetch", "--from", &from], &dir, None);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        text(&run.stderr).contains("expected d46a3e04"),
        "{}",
        text(&run.stderr)
    );
    write(&dir, "qbank.toml", "[model]\nname = \"all-MiniLM-L6-v2\"\n");
    // QBANK_MODEL_DIR still comes first.
    let run = qbank(&["model", "path"], &dir, Some(&minilm));
    assert!(
        text(&run.stdout).contains("(from QBANK_MODEL_DIR)"),
        "{}",
        text(&run.stdout)
    );
}

#[test]
fn model_path_reads_a_folder_it_does_not_know_and_says_what_is_wrong() {
    let dir = temp_dir("model-broken");
    write(&dir, "questions/topics.yaml", "topics: []\n");
    write(&dir, "broken/config.json", "{");
    write(&dir, "broken/tokenizer.json", "x");
    write(&dir, "broken/model.safetensors", "not weights");
    let run = qbank(&["model", "path"], &dir, Some(&dir.join("broken")));
    assert_eq!(run.status.code(), Some(1), "{}", text(&run.stdout));
    let out = text(&run.stdout);
    assert!(
        out.contains("cannot be used: ") && out.contains("config.json"),
        "{out}"
    );
}

/// A model that is set up but cannot be used is a warning wherever standard error goes (here,
/// not a terminal), and the run goes on by words, with the same findings; with no model set
/// up, a run away from a terminal says nothing of it.
#[test]
fn a_model_set_up_but_unusable_is_a_warning_and_no_model_is_quiet() {
    let dir = temp_dir("model-unusable");
    copy_dir(
        &crate_dir().join("tests/banks/rewordings"),
        &dir.join("questions"),
    );
    let quiet = qbank(&["lint", "questions"], &dir, None);
    assert_eq!(text(&quiet.stderr), "");
    let by_words = |run: &Output| {
        assert_eq!(run.status.code(), quiet.status.code());
        assert_eq!(text(&run.stdout), text(&quiet.stdout));
        text(&run.stderr)
    };
    // QBANK_MODEL_DIR names a folder without a model.
    let empty = dir.join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let run = qbank(&["lint", "questions"], &dir, Some(&empty));
    assert_eq!(
        by_words(&run),
        format!(
            "qbank: warning: {}: not found (the model folder was set by QBANK_MODEL_DIR): near \
             duplicates are found by their words only\n",
            empty.join("config.json").display()
        )
    );
    // A folder whose files are not a model.
    write(&dir, "broken/config.json", "{");
    write(&dir, "broken/tokenizer.json", "x");
    write(&dir, "broken/model.safetensors", "not weights");
    let warned = by_words(&qbank(
        &["lint", "questions"],
        &dir,
        Some(&dir.join("broken")),
    ));
    assert!(
        warned.starts_with("qbank: warning: ")
            && warned.contains("config.json")
            && warned.ends_with(": near duplicates are found by their words only\n")
            && warned.lines().count() == 1,
        "{warned}"
    );
    // qbank.toml names a model that is not fetched.
    write(&dir, "qbank.toml", "[model]\nname = \"all-MiniLM-L6-v2\"\n");
    let warned = by_words(&qbank(&["lint", "questions"], &dir, None));
    assert!(
        warned.starts_with("qbank: warning: ")
            && warned.contains("qbank.toml names all-MiniLM-L6-v2")
            && warned.lines().count() == 1,
        "{warned}"
    );
}
