//! The GitHub Action (`action.yml`) run the way a runner runs it: each `run:` step in bash with
//! its `${{ … }}` expressions replaced, its `if:` evaluated, on a bank with an error and on a
//! clean one. Only the install step is not run (it builds qbank with `cargo install`, minutes
//! of work): its path is checked, and the binary under test stands in for what it installs.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::{crate_dir, temp_dir, write};
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
    name: Option<String>,
    shell: Option<String>,
    run: Option<String>,
    uses: Option<String>,
    #[serde(rename = "if")]
    condition: Option<String>,
    #[serde(default)]
    with: BTreeMap<String, String>,
}

fn repo_root() -> PathBuf {
    crate_dir().join("../..").canonicalize().unwrap()
}

fn action() -> Action {
    let text = std::fs::read_to_string(repo_root().join("action.yml")).unwrap();
    serde_yaml::from_str(&text).expect("action.yml reads as an action")
}

/// What one step did.
#[derive(Debug)]
struct Ran {
    name: String,
    /// `None` when its `if:` was false, or it is a `uses:` step.
    code: Option<i32>,
    stdout: String,
}

/// Runs the action's steps in `workspace` with `inputs` over the defaults.
fn run_action(workspace: &Path, temp: &Path, inputs: &[(&str, &str)]) -> Vec<Ran> {
    let action = action();
    assert_eq!(action.runs.using, "composite");
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

    let mut ran = Vec::new();
    let mut failed = false;
    for step in &action.runs.steps {
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
            assert!(
                uses.starts_with("github/codeql-action/upload-sarif@"),
                "{uses}"
            );
            let file = substitute(&step.with["sarif_file"], &values);
            assert!(Path::new(&file).is_file(), "no SARIF file at {file}");
            ran.push(Ran {
                name,
                code: None,
                stdout: String::new(),
            });
            continue;
        }
        let run = substitute(step.run.as_deref().expect("a run: step"), &values);
        assert_eq!(step.shell.as_deref(), Some("bash"), "{name}");
        if run.contains("cargo install") {
            install(&run, temp);
            continue;
        }
        let out = Command::new("bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &run])
            .current_dir(workspace)
            .env("GITHUB_ACTIONS", "true")
            .output()
            .expect("bash runs");
        let code = out.status.code().unwrap_or(-1);
        failed |= code != 0;
        ran.push(Ran {
            name,
            code: Some(code),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        });
    }
    ran
}

/// The install step: its `--path` is this repository's CLI crate, and `--root` is where the
/// later steps look for `bin/qbank`, which the binary under test stands in for.
fn install(run: &str, temp: &Path) {
    let words: Vec<String> = run
        .split_whitespace()
        .map(|w| w.trim_matches('"').to_owned())
        .collect();
    let after = |flag: &str| {
        let i = words.iter().position(|w| w == flag).expect(flag);
        PathBuf::from(&words[i + 1])
    };
    let manifest = std::fs::read_to_string(after("--path").join("Cargo.toml")).unwrap();
    assert!(manifest.contains("name = \"qbank\""), "{manifest}");
    let bin = after("--root").join("bin");
    assert!(bin.starts_with(temp));
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_qbank"), bin.join("qbank")).unwrap();
}

/// `text` with every `${{ name }}` replaced.
fn substitute(text: &str, values: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("}}").expect("closed expression") + start;
        let name = rest[start + 3..end].trim();
        let value = values
            .get(name)
            .unwrap_or_else(|| panic!("action.yml uses ${{{{ {name} }}}}, unknown to this test"));
        out.push_str(value);
        rest = &rest[end + 2..];
    }
    out.push_str(rest);
    out
}

/// An `if:` of the forms action.yml uses: `always()`, `success()`, `failure()`, `a == 'b'`,
/// joined with `&&`.
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
                let (left, right) = term
                    .split_once("==")
                    .unwrap_or_else(|| panic!("`{term}` in an if: is unknown to this test"));
                let left = values
                    .get(left.trim())
                    .unwrap_or_else(|| panic!("unknown `{left}`"));
                *left == right.trim().trim_matches('\'')
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
    let lint = ran.iter().find(|r| r.name == "qbank lint").unwrap();
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
    // Without `sarif: true`, nothing else runs.
    assert!(ran
        .iter()
        .filter(|r| r.name != "qbank lint")
        .all(|r| r.code.is_none()));
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
        codes,
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

#[test]
fn lint_step_passes_on_a_clean_bank_and_passes_args_on() {
    let dir = temp_dir("action-clean");
    write(&dir, "work/questions/topics.yaml", TOPICS);
    write(
        &dir,
        "work/questions/q/canary.yaml",
        &BAD.replace("deploy\n", "deployment\n"),
    );
    std::fs::create_dir_all(dir.join("runner")).unwrap();
    let ran = run_action(&dir.join("work"), &dir.join("runner"), &[]);
    assert_eq!(ran[0].code, Some(0), "{ran:#?}");
    assert!(!ran[0].stdout.contains("::error"), "{}", ran[0].stdout);
    // The file has no schema line: a warning, which `args` can make fail the step.
    let ran = run_action(
        &dir.join("work"),
        &dir.join("runner2"),
        &[("args", "--deny-warnings")],
    );
    assert_eq!(ran[0].code, Some(1), "{ran:#?}");
    assert!(ran[0]
        .stdout
        .contains("::warning file=questions/q/canary.yaml"));
}
