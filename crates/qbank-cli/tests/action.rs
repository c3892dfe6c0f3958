//! The GitHub Action (`action.yml`) run the way a runner runs it: each `run:` step in bash with
//! its `${{ … }}` expressions replaced (step outputs included), its `if:` evaluated, on a bank
//! with an error and on a clean one. The install step runs for real against a release folder
//! made here (an archive of the binary under test and its SHA256SUMS, served from `file://`):
//! a good checksum installs it, a bad one fails, a missing release falls back to the cached
//! build from source, whose `cargo install` a stand-in `cargo` on the PATH answers.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{crate_dir, temp_dir, test_model_dir, write};
use serde::Deserialize;

#[derive(Debug, Deserialize)]
struct Action {
    inputs: BTreeMap<String, Input>,
    runs: Runs,
}

#[derive(Debug, Deserialize)]
struct Input {
    default: Option<String>,
}

#[derive(Debug, Deserialize)]
struct Runs {
    using: String,
    steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
struct Step {
    id: Option<String>,
    name: Option<String>,
    shell: Option<String>,
    run: Option<String>,
    uses: Option<String>,
    #[serde(rename = "if")]
    condition: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, String>,
    #[serde(default)]
    env: BTreeMap<String, String>,
}

fn repo_root() -> PathBuf {
    crate_dir().join("../..").canonicalize().unwrap()
}

fn action() -> Action {
    let text = std::fs::read_to_string(repo_root().join("action.yml")).unwrap();
    serde_yaml::from_str(&text).expect("action.yml reads as an action")
}

/// The version the action installs by default: the workspace's.
fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// What one step did.
#[derive(Debug)]
struct Ran {
    name: String,
    /// `None` when its `if:` was false, or it is a `uses:` step.
    code: Option<i32>,
    stdout: String,
}

/// The step of `ran` called `name`.
fn step<'a>(ran: &'a [Ran], name: &str) -> &'a Ran {
    ran.iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("no step {name:?}"))
}

/// Where the release archives come from: `Good` (the binary under test, its checksum right),
/// `Tampered` (a checksum that does not match), `Missing` (no release at all).
#[derive(Debug, Clone, Copy, PartialEq)]
enum Release {
    Good,
    Tampered,
    Missing,
}

/// A release folder as `releases/download/` lays it out, for this machine's target.
fn make_release(dir: &Path, release: Release) -> PathBuf {
    let root = dir.join("releases");
    if release == Release::Missing {
        std::fs::create_dir_all(&root).unwrap();
        return root;
    }
    let target = match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => "x86_64-unknown-linux-gnu",
        ("linux", "aarch64") => "aarch64-unknown-linux-gnu",
        ("macos", "aarch64") => "aarch64-apple-darwin",
        ("macos", "x86_64") => "x86_64-apple-darwin",
        other => panic!("no release target for {other:?}"),
    };
    let v = version();
    let name = format!("qbank-v{v}-{target}");
    let folder = root.join(format!("v{v}"));
    let staging = dir.join("staging").join(&name);
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::create_dir_all(&folder).unwrap();
    // A stand-in that runs the binary under test: the archive stays small and quick to make.
    let stand_in = staging.join("qbank");
    std::fs::write(
        &stand_in,
        format!("#!/bin/sh\nexec '{}' \"$@\"\n", env!("CARGO_BIN_EXE_qbank")),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&stand_in, std::fs::Permissions::from_mode(0o755)).unwrap();
    let archive = folder.join(format!("{name}.tar.gz"));
    let ok = Command::new("tar")
        .arg("-czf")
        .arg(&archive)
        .arg("-C")
        .arg(dir.join("staging"))
        .arg(&name)
        .status()
        .unwrap();
    assert!(ok.success());
    let sum = Command::new("sha256sum").arg(&archive).output().unwrap();
    let mut sum = String::from_utf8(sum.stdout).unwrap()[..64].to_owned();
    if release == Release::Tampered {
        sum = sum.replace(|c: char| c != '0', "0");
    }
    std::fs::write(folder.join("SHA256SUMS"), format!("{sum}  {name}.tar.gz\n")).unwrap();
    root
}

/// A `cargo` that answers `cargo install --locked --path P --root R` by checking that P is
/// qbank's CLI crate and putting the binary under test at R/bin/qbank.
fn fake_cargo(dir: &Path) -> PathBuf {
    let bin = dir.join("fake-bin");
    std::fs::create_dir_all(&bin).unwrap();
    let script = format!(
        "#!/usr/bin/env bash\nset -eu\n[ \"$1\" = install ] || exit 3\n\
         while [ $# -gt 0 ]; do case \"$1\" in --path) path=$2; shift;; --root) root=$2; shift;; esac; shift; done\n\
         grep -q 'name = \"qbank\"' \"$path/Cargo.toml\" || exit 4\n\
         mkdir -p \"$root/bin\" && cp '{}' \"$root/bin/qbank\"\necho built >> '{}'\n",
        env!("CARGO_BIN_EXE_qbank"),
        dir.join("cargo-calls").display()
    );
    let path = bin.join("cargo");
    std::fs::write(&path, script).unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    bin
}

/// Runs the action's steps in `workspace` with `inputs` over the defaults, installing from a
/// release made as `release` says.
fn run_action(workspace: &Path, temp: &Path, inputs: &[(&str, &str)]) -> Vec<Ran> {
    run_action_with(workspace, temp, inputs, Release::Good)
}

fn run_action_with(
    workspace: &Path,
    temp: &Path,
    inputs: &[(&str, &str)],
    release: Release,
) -> Vec<Ran> {
    let action = action();
    assert_eq!(action.runs.using, "composite");
    std::fs::create_dir_all(temp).unwrap();
    let scratch = temp.join("test-scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    let releases = make_release(&scratch, release);
    let cargo_dir = fake_cargo(&scratch);
    let mut values: BTreeMap<String, String> = action
        .inputs
        .iter()
        .map(|(k, v)| (format!("inputs.{k}"), v.default.clone().unwrap_or_default()))
        .collect();
    for (k, v) in inputs {
        assert!(values.contains_key(&format!("inputs.{k}")), "no input {k}");
        values.insert(format!("inputs.{k}"), (*v).to_owned());
    }
    values.insert(
        "github.action_path".into(),
        repo_root().display().to_string(),
    );
    values.insert("runner.temp".into(), temp.display().to_string());
    values.insert("runner.os".into(), "Linux".into());
    values.insert("github.sha".into(), "0123456789abcdef".into());
    // No test reaches the model's hub: unless a test says where to fetch the model from, the
    // fetch fails at once, as it does on a runner without internet access.
    if !inputs.iter().any(|(k, _)| *k == "model-from") {
        values.insert(
            "inputs.model-from".into(),
            scratch.join("no-model-here").display().to_string(),
        );
    }
    values.insert("runner.arch".into(), "X64".into());
    values.insert("hashFiles('**/qbank.toml')".into(), "0f1e2d3c".into());

    let path = format!(
        "{}:{}",
        cargo_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut ran = Vec::new();
    let mut failed = false;
    // What steps wrote to GITHUB_ENV: the environment of the steps after them.
    let mut exported: Vec<(String, String)> = Vec::new();
    for (i, step) in action.runs.steps.iter().enumerate() {
        let name = step.name.clone().unwrap_or_default();
        let condition = step.condition.as_deref().unwrap_or("success()");
        if !evaluate(condition, &values, failed) {
            ran.push(Ran {
                name,
                code: None,
                stdout: String::new(),
            });
            continue;
        }
        if let Some(uses) = &step.uses {
            // Another action: check what it is given.
            if uses.starts_with("github/codeql-action/upload-sarif@") {
                let file = substitute(&step.with["sarif_file"], &values);
                assert!(Path::new(&file).is_file(), "no SARIF file at {file}");
            } else {
                assert!(uses.starts_with("actions/cache@"), "{uses}");
                let path = substitute(&step.with["path"], &values);
                let key = substitute(&step.with["key"], &values);
                if path == "**/.qbank_cache" {
                    // The embedding cache: a new key each run, restored from the newest.
                    let restore = substitute(&step.with["restore-keys"], &values);
                    assert!(key.starts_with(&restore) && key.ends_with("0123456789abcdef"));
                } else {
                    assert!(Path::new(&path).starts_with(temp), "{path}");
                    assert!(
                        key.contains(&version()),
                        "the cache key names the version: {key}"
                    );
                }
            }
            ran.push(Ran {
                name,
                code: None,
                stdout: String::new(),
            });
            continue;
        }
        let run = substitute(step.run.as_deref().expect("a run: step"), &values);
        assert_eq!(step.shell.as_deref(), Some("bash"), "{name}");
        let output_file = scratch.join(format!("output-{i}"));
        std::fs::write(&output_file, "").unwrap();
        let env_file = scratch.join(format!("env-{i}"));
        std::fs::write(&env_file, "").unwrap();
        let mut command = Command::new("bash");
        command
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &run])
            .current_dir(workspace)
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_OUTPUT", &output_file)
            .env("GITHUB_ENV", &env_file)
            .envs(exported.iter().map(|(k, v)| (k, v)))
            .env("PATH", &path)
            .env(
                "QBANK_RELEASE_URL",
                format!("file://{}", releases.display()),
            );
        for (k, v) in &step.env {
            command.env(k, substitute(v, &values));
        }
        let out = command.output().expect("bash runs");
        let code = out.status.code().unwrap_or(-1);
        failed |= code != 0;
        for line in std::fs::read_to_string(&env_file).unwrap().lines() {
            if let Some((k, v)) = line.split_once('=') {
                exported.push((k.to_owned(), v.to_owned()));
            }
        }
        if let Some(id) = &step.id {
            for line in std::fs::read_to_string(&output_file).unwrap().lines() {
                if let Some((k, v)) = line.split_once('=') {
                    values.insert(format!("steps.{id}.outputs.{k}"), v.to_owned());
                }
            }
        }
        ran.push(Ran {
            name,
            code: Some(code),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned()
                + &String::from_utf8_lossy(&out.stderr),
        });
    }
    ran
}

/// `text` with every `${{ name }}` replaced; a step output never set reads as empty, as on
/// GitHub.
fn substitute(text: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        let name = rest[start + 3..end].trim();
        out.push_str(&lookup(name, values));
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

fn lookup(name: &str, values: &BTreeMap<String, String>) -> String {
    match values.get(name) {
        Some(v) => v.clone(),
        None if name.starts_with("steps.") => String::new(),
        None => panic!("action.yml uses ${{{{ {name} }}}}, unknown to this test"),
    }
}

/// An `if:` of the forms action.yml uses: `always()`, `success()`, `failure()`, `a == 'b'`,
/// `a != 'b'`, joined with `&&`.
fn evaluate(condition: &str, values: &BTreeMap<String, String>, failed: bool) -> bool {
    let expr = condition
        .trim()
        .strip_prefix("${{")
        .and_then(|e| e.strip_suffix("}}"))
        .unwrap_or(condition);
    let mut implicit_success = true;
    let mut result = true;
    for term in expr.split("&&").map(str::trim) {
        let value = match term {
            "always()" => {
                implicit_success = false;
                true
            }
            "success()" => !failed,
            "failure()" => {
                implicit_success = false;
                failed
            }
            _ => {
                let (left, right, equal) = match term.split_once("!=") {
                    Some((l, r)) => (l, r, false),
                    None => {
                        let (l, r) = term.split_once("==").unwrap_or_else(|| {
                            panic!("`{term}` in an if: is unknown to this test")
                        });
                        (l, r, true)
                    }
                };
                let left = lookup(left.trim(), values);
                (left == right.trim().trim_matches('\'')) == equal
            }
        };
        result &= value;
    }
    // Without a status function, a step runs only when the steps before it succeeded.
    result && (!implicit_success || !failed)
}

const TOPICS: &str = "topics:\n  - id: deployment\n    title: Deployment\n";
const BAD: &str =
    "id: canary\ntext: What is a canary release?\ntopic: deploy\nlevels: [mid]\nkind: concept\n";

#[test]
fn lint_step_fails_with_annotations_on_a_bad_bank() {
    let dir = temp_dir("action-bad");
    write(&dir, "work/questions/topics.yaml", TOPICS);
    write(&dir, "work/questions/q/canary.yaml", BAD);
    std::fs::create_dir_all(dir.join("runner")).unwrap();
    let ran = run_action(&dir.join("work"), &dir.join("runner"), &[]);
    let lint = step(&ran, "qbank lint");
    assert_eq!(lint.code, Some(1), "{ran:#?}");
    let errors: Vec<&str> = lint
        .stdout
        .lines()
        .filter(|l| l.starts_with("::error "))
        .collect();
    assert_eq!(
        errors,
        [
            "::error file=questions/q/canary.yaml,line=3,col=8,endLine=3,endColumn=14,\
          title=qbank unknown-topic::topic \"deploy\" is not in topics.yaml\
          %0Ahelp: known topics: deployment"
        ],
        "{}",
        lint.stdout
    );
    // Installed from the release: no build, no history fetch; without `sarif: true`, nothing
    // after the lint runs.
    let codes: Vec<(&str, Option<i32>)> = ran.iter().map(|r| (r.name.as_str(), r.code)).collect();
    assert_eq!(
        codes,
        [
            ("Install qbank", Some(0)),
            ("Restore a qbank built from source", None),
            ("Build qbank from source", None),
            ("Restore the sentence-embedding model", None),
            ("Restore the embedding cache", None),
            ("Fetch the sentence-embedding model", Some(0)),
            ("Fetch the history --changed-since needs", None),
            ("qbank lint", Some(1)),
            ("qbank lint (SARIF)", None),
            ("Upload SARIF", None)
        ]
    );
    assert!(
        ran[0]
            .stdout
            .contains("installed from the release, SHA-256 "),
        "{}",
        ran[0].stdout
    );
    // No model to be had: the lint runs by words, with a warning that says so.
    let fetch = step(&ran, "Fetch the sentence-embedding model");
    assert!(
        fetch.stdout.contains(
            "::warning title=qbank::the sentence-embedding model could not be fetched (qbank: \
             error: --from "
        ) && fetch
            .stdout
            .contains("no-model-here: not a folder nor an http(s) URL); questions are compared by their words alone"),
        "{}",
        fetch.stdout
    );
}

#[test]
fn a_checksum_that_does_not_match_fails_the_install() {
    let dir = temp_dir("action-tampered");
    write(&dir, "work/questions/topics.yaml", TOPICS);
    let ran = run_action_with(
        &dir.join("work"),
        &dir.join("runner"),
        &[],
        Release::Tampered,
    );
    assert_eq!(ran[0].code, Some(1), "{ran:#?}");
    assert!(
        ran[0]
            .stdout
            .contains("does not match the release's SHA256SUMS"),
        "{}",
        ran[0].stdout
    );
    assert!(
        !dir.join("runner/qbank/bin/qbank").exists(),
        "nothing installed"
    );
    // Nothing else runs after a failed install (the lint step is not run on a bad binary).
    assert!(ran[1..].iter().all(|r| r.code.is_none()), "{ran:#?}");
}

#[test]
fn without_a_release_qbank_is_built_from_source_once_and_cached() {
    let dir = temp_dir("action-build");
    write(&dir, "work/questions/topics.yaml", TOPICS);
    write(
        &dir,
        "work/questions/q/canary.yaml",
        &BAD.replace("deploy\n", "deployment\n"),
    );
    let ran = run_action_with(
        &dir.join("work"),
        &dir.join("runner"),
        &[],
        Release::Missing,
    );
    let codes: Vec<(&str, Option<i32>)> = ran.iter().map(|r| (r.name.as_str(), r.code)).collect();
    assert_eq!(
        &codes[..3],
        [
            ("Install qbank", Some(0)),
            ("Restore a qbank built from source", None),
            ("Build qbank from source", Some(0)),
        ],
        "{ran:#?}"
    );
    assert!(
        ran[0].stdout.contains("building it from source"),
        "{}",
        ran[0].stdout
    );
    let lint = step(&ran, "qbank lint");
    assert_eq!(lint.code, Some(0), "{ran:#?}");
    // A second run finds the build in the cache folder and does not build again.
    run_action_with(
        &dir.join("work"),
        &dir.join("runner"),
        &[],
        Release::Missing,
    );
    let calls = std::fs::read_to_string(dir.join("runner/test-scratch/cargo-calls")).unwrap();
    assert_eq!(calls.lines().count(), 1, "{calls}");
}

#[test]
fn changed_since_fetches_the_history_and_reports_only_changed_files() {
    let dir = temp_dir("action-changed");
    let work = dir.join("work");
    write(&dir, "work/questions/topics.yaml", TOPICS);
    write(
        &dir,
        "work/questions/q/old.yaml",
        &BAD.replace("canary", "old"),
    );
    common::git(&work, &["init", "-q", "-b", "main"]);
    common::git(&work, &["add", "-A"]);
    common::git(&work, &["commit", "-q", "-m", "base"]);
    common::git(&work, &["checkout", "-q", "-b", "topic"]);
    write(&dir, "work/questions/q/canary.yaml", BAD);
    common::git(&work, &["add", "-A"]);
    common::git(&work, &["commit", "-q", "-m", "change"]);
    let ran = run_action(&work, &dir.join("runner"), &[("changed-since", "main")]);
    let fetch = ran
        .iter()
        .find(|r| r.name.starts_with("Fetch the history"))
        .unwrap();
    assert_eq!(fetch.code, Some(0), "{ran:#?}");
    let lint = step(&ran, "qbank lint");
    assert_eq!(lint.code, Some(1), "{ran:#?}");
    assert!(
        lint.stdout.contains("file=questions/q/canary.yaml"),
        "{}",
        lint.stdout
    );
    assert!(
        !lint.stdout.contains("file=questions/q/old.yaml"),
        "{}",
        lint.stdout
    );
}

#[test]
fn sarif_steps_run_even_after_the_lint_step_fails() {
    let dir = temp_dir("action-sarif");
    write(&dir, "work/bank/topics.yaml", TOPICS);
    write(&dir, "work/bank/q/canary.yaml", BAD);
    std::fs::create_dir_all(dir.join("runner")).unwrap();
    let ran = run_action(
        &dir.join("work"),
        &dir.join("runner"),
        &[("bank", "bank"), ("sarif", "true")],
    );
    let codes: Vec<(&str, Option<i32>)> = ran.iter().map(|r| (r.name.as_str(), r.code)).collect();
    assert_eq!(
        &codes[7..],
        [
            ("qbank lint", Some(1)),
            ("qbank lint (SARIF)", Some(0)),
            ("Upload SARIF", None)
        ]
    );
    let sarif: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("runner/qbank.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let rules: Vec<&str> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["ruleId"].as_str())
        .collect();
    assert!(rules.contains(&"unknown-topic"), "{rules:?}");
}

/// A scratch folder with `work/`, a bank whose one question lints without errors, and an
/// empty `runner/`.
fn clean_bank(name: &str) -> common::TempDir {
    let dir = temp_dir(name);
    write(&dir, "work/questions/topics.yaml", TOPICS);
    write(
        &dir,
        "work/questions/q/canary.yaml",
        &BAD.replace("deploy\n", "deployment\n"),
    );
    std::fs::create_dir_all(dir.join("runner")).unwrap();
    dir
}

#[test]
fn lint_step_passes_on_a_clean_bank_and_passes_args_on() {
    let dir = clean_bank("action-clean");
    let ran = run_action(&dir.join("work"), &dir.join("runner"), &[]);
    let lint = step(&ran, "qbank lint");
    assert_eq!(lint.code, Some(0), "{ran:#?}");
    assert!(!lint.stdout.contains("::error"), "{}", lint.stdout);
    // The file has no schema line: a warning, which `args` can make fail the step.
    let ran = run_action(
        &dir.join("work"),
        &dir.join("runner2"),
        &[("args", "--deny-warnings")],
    );
    let lint = step(&ran, "qbank lint");
    assert_eq!(lint.code, Some(1), "{ran:#?}");
    assert!(lint
        .stdout
        .contains("::warning file=questions/q/canary.yaml"));
}

#[test]
fn the_model_is_fetched_once_checked_and_reaches_the_lint() {
    let Some(model) = test_model_dir("QBANK_TEST_MODEL_DIR", "action's model") else {
        return;
    };
    let dir = clean_bank("action-model");
    let from = model.display().to_string();
    let ran = run_action(
        &dir.join("work"),
        &dir.join("runner"),
        &[("model-from", from.as_str())],
    );
    let code_and_out = |ran: &[Ran], name: &str| -> (Option<i32>, String) {
        let r = step(ran, name);
        (r.code, r.stdout.clone())
    };
    let (code, out) = code_and_out(&ran, "Fetch the sentence-embedding model");
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("(SHA-256 checked)"), "{out}");
    assert!(dir.join("runner/qbank-model/model.safetensors").is_file());
    let (code, out) = code_and_out(&ran, "qbank lint");
    assert_eq!(code, Some(0), "{out}");
    // The lint read the model: it kept the question's vector in the embedding cache.
    let cache = dir.join("work/questions/.qbank_cache/embeddings");
    assert!(
        std::fs::read_dir(&cache).is_ok_and(|mut d| d.next().is_some()),
        "no embedding cache at {}: {ran:#?}",
        cache.display()
    );
    // The next run finds the model where the cache step put it back, fetches nothing and
    // still hands it to the lint, even with nowhere to fetch from.
    std::fs::remove_dir_all(dir.join("work/questions/.qbank_cache")).unwrap();
    let ran = run_action(&dir.join("work"), &dir.join("runner"), &[]);
    let (code, out) = code_and_out(&ran, "Fetch the sentence-embedding model");
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("is already in") && !out.contains("::warning"),
        "{out}"
    );
    let (code, out) = code_and_out(&ran, "qbank lint");
    assert_eq!(code, Some(0), "{out}");
    assert!(cache.is_dir(), "the second lint did not read the model");
    // `model: false` skips all three steps.
    let ran = run_action(
        &dir.join("work"),
        &dir.join("runner"),
        &[("model", "false")],
    );
    for name in [
        "Restore the sentence-embedding model",
        "Restore the embedding cache",
        "Fetch the sentence-embedding model",
    ] {
        assert_eq!(step(&ran, name).code, None, "{name}");
    }
}

#[test]
fn a_model_named_in_the_input_is_fetched_and_a_misspelt_one_is_a_warning_that_says_why() {
    let dir = clean_bank("action-named-model");
    let ran = run_action(
        &dir.join("work"),
        &dir.join("runner"),
        &[("model", "all-mpnet-bas-v2")],
    );
    let fetch = step(&ran, "Fetch the sentence-embedding model");
    assert_eq!(fetch.code, Some(0), "{}", fetch.stdout);
    assert!(
        fetch.stdout.contains(
            "::warning title=qbank::the sentence-embedding model could not be fetched (error: \
             invalid value 'all-mpnet-bas-v2' for '--model <MODEL>')"
        ),
        "{}",
        fetch.stdout
    );
    let Some(mpnet) = test_model_dir("QBANK_TEST_MPNET_DIR", "action's all-mpnet-base-v2") else {
        return;
    };
    let from = mpnet.display().to_string();
    let ran = run_action(
        &dir.join("work"),
        &dir.join("runner2"),
        &[
            ("model", "all-mpnet-base-v2"),
            ("model-from", from.as_str()),
        ],
    );
    let fetch = step(&ran, "Fetch the sentence-embedding model");
    assert!(
        fetch
            .stdout
            .contains("sentence-transformers/all-mpnet-base-v2 is in")
            && fetch.stdout.contains("(SHA-256 checked)"),
        "{}",
        fetch.stdout
    );
    assert_eq!(step(&ran, "qbank lint").code, Some(0));
    // The lint read it: its 768-long vectors are in the embedding cache.
    let cache = dir.join("work/questions/.qbank_cache/embeddings");
    let sizes: Vec<u64> = std::fs::read_dir(&cache)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .collect();
    // One question: a 12-byte header, a 16-byte key and 768 numbers of 4 bytes.
    assert_eq!(sizes, [12 + 16 + 4 * 768], "{}", cache.display());
    // With `model: "true"`, the model the bank's qbank.toml names.
    write(
        &dir,
        "work/qbank.toml",
        "[model]\nname = \"all-mpnet-base-v2\"\n",
    );
    let ran = run_action(
        &dir.join("work"),
        &dir.join("runner3"),
        &[("model-from", from.as_str())],
    );
    let fetch = step(&ran, "Fetch the sentence-embedding model");
    assert!(
        fetch
            .stdout
            .starts_with("sentence-transformers/all-mpnet-base-v2 is in"),
        "{}",
        fetch.stdout
    );
    let lint = step(&ran, "qbank lint");
    assert_eq!(lint.code, Some(0), "{}", lint.stdout);
}
