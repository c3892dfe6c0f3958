//! `qbank lint` as a user runs it: the real binary, its exit code, stdout and stderr.

/// The JSON contract, as the renderer's own test declares it.
#[path = "../../qbank-lint/tests/contract/mod.rs"]
mod contract;

use std::process::Command;

use contract::Report;

fn qbank(args: &[&str], env: &[(&str, &str)]) -> (i32, String, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_qbank"));
    // Outside any git repository, as a bank copied anywhere: the fixtures are inside this
    // one, where GitHub's and SARIF's paths would be named from its top.
    let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap();
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("GIT_CEILING_DIRECTORIES", crates)
        .env_remove("GITHUB_ACTIONS")
        .env_remove("NO_COLOR");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd.output().expect("qbank runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn transcript(args: &[&str], env: &[(&str, &str)]) -> String {
    let (code, stdout, stderr) = qbank(args, env);
    format!(
        "$ qbank {}\nexit code: {code}\n--- stdout\n{stdout}--- stderr\n{stderr}",
        args.join(" ")
    )
}

#[test]
fn exit_0_when_clean() {
    insta::assert_snapshot!(transcript(&["lint", "tests/fixtures/clean"], &[]));
}

#[test]
fn exit_1_on_errors() {
    insta::assert_snapshot!(transcript(&["lint", "tests/fixtures/findings"], &[]));
}

#[test]
fn warnings_exit_0_unless_denied() {
    let (code, _, _) = qbank(&["lint", "tests/fixtures/warnings"], &[]);
    assert_eq!(code, 0);
    let (code, stdout, _) = qbank(&["lint", "tests/fixtures/warnings", "--deny-warnings"], &[]);
    assert_eq!(code, 1);
    assert!(stdout.contains("warning[ambiguous-boolean]"));
}

#[test]
fn exit_2_on_usage_and_io_errors() {
    insta::assert_snapshot!(
        "missing-bank",
        transcript(&["lint", "tests/fixtures/nope"], &[])
    );
    insta::assert_snapshot!("no-topics", transcript(&["lint", "tests"], &[]));
    insta::assert_snapshot!(
        "unknown-rule",
        transcript(
            &["lint", "tests/fixtures/clean", "--select", "duplicate-ids"],
            &[]
        )
    );
    let (code, _, stderr) = qbank(&["lint", "--format", "xml"], &[]);
    assert_eq!(code, 2);
    assert!(stderr.contains("invalid value 'xml'"), "{stderr}");
}

#[test]
fn github_format_is_chosen_in_github_actions() {
    let (code, stdout, _) = qbank(
        &["lint", "tests/fixtures/findings"],
        &[("GITHUB_ACTIONS", "true")],
    );
    assert_eq!(code, 1);
    insta::assert_snapshot!(stdout);
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    // Piped output has no colour, and NO_COLOR is honoured even with --color auto.
    let (_, plain, _) = qbank(&["lint", "tests/fixtures/findings"], &[]);
    assert!(!plain.contains('\x1b'));
    let (_, forced, _) = qbank(
        &["lint", "tests/fixtures/findings", "--color", "always"],
        &[],
    );
    assert!(forced.contains("\x1b[1;31merror\x1b[0m"));
    let (_, no_color, _) = qbank(
        &["lint", "tests/fixtures/findings", "--color", "never"],
        &[("NO_COLOR", "1")],
    );
    assert_eq!(no_color, plain);
}

#[test]
fn json_output_keeps_its_contract() {
    let (code, stdout, _) = qbank(
        &["lint", "tests/fixtures/findings", "--format", "json"],
        &[],
    );
    assert_eq!(code, 1);
    let report: Report = serde_json::from_str(&stdout).expect("the JSON contract holds");
    assert_eq!(report.version, 1);
    assert_eq!(report.summary.errors, 3);
    assert_eq!((report.summary.warnings, report.summary.infos), (0, 0));
    let first = &report.diagnostics[0];
    assert_eq!(first.rule, "unknown-topic");
    assert_eq!(first.severity, "error");
    assert_eq!(first.file, "tests/fixtures/findings/q/bad.yaml");
    assert_eq!(
        (first.line, first.column, first.end_line, first.end_column),
        (4, 8, 4, 17)
    );
    assert!(first.message.contains("monorng") || first.message.contains("monitorng"));
    assert_eq!(first.help.as_deref(), Some("did you mean \"monitoring\"?"));
    assert!(first.related.is_empty() && first.labels.is_empty());
    let pair = &report.diagnostics[1];
    assert_eq!(pair.rule, "duplicate-question");
    assert_eq!(pair.related, ["bad"]);
    let other = &pair.labels[0];
    assert_eq!(
        (
            other.file.as_str(),
            other.line,
            other.column,
            other.message.as_str()
        ),
        (
            "tests/fixtures/findings/q/bad.yaml",
            3,
            7,
            "is the same as this one"
        )
    );
}

#[test]
fn sarif_output_is_a_sarif_log() {
    let (code, stdout, _) = qbank(
        &["lint", "tests/fixtures/findings", "--format", "sarif"],
        &[],
    );
    assert_eq!(code, 1);
    let log: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "qbank");
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 3);
    let rule_index = results[0]["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(
        run["tool"]["driver"]["rules"][rule_index]["id"],
        results[0]["ruleId"]
    );
    assert_eq!(
        results[0]["locations"][0]["physicalLocation"]["region"]["startLine"],
        4
    );
}

#[test]
fn the_rule_command_prints_documentation() {
    let (code, stdout, _) = qbank(&["rule", "duplicate-id"], &[]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("## duplicate-id\n"));
    assert!(stdout.contains("### Why is this bad?"));
    let (code, _, stderr) = qbank(&["rule", "duplicate-ids"], &[]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "qbank: error: unknown rule \"duplicate-ids\"; did you mean \"duplicate-id\"?\n"
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let mut child = Command::new(env!("CARGO_BIN_EXE_qbank"))
        .args(["rule", "--all"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // stdout is dropped here: the rest of the output meets a closed pipe.
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(stderr.is_empty(), "{stderr}");
    assert!(
        status.code() == Some(0) || status.code().is_none(),
        "{status:?}"
    );
}

/// A pipe named like a question file is reported and left unread: opening it would wait for a
/// writer that never comes.
#[cfg(unix)]
#[test]
fn a_pipe_in_the_bank_is_reported_not_read() {
    let dir = std::env::temp_dir().join(format!("qbank-lint-pipe-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let bank = dir.join("bank");
    std::fs::create_dir_all(bank.join("deployment")).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/clean/topics.yaml"
        ),
        bank.join("topics.yaml"),
    )
    .unwrap();
    let made = Command::new("mkfifo")
        .arg(bank.join("deployment/waiting.yaml"))
        .status();
    if !made.is_ok_and(|s| s.success()) {
        return; // no mkfifo here
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_qbank"))
        .args(["lint", "--format", "json"])
        .arg(&bank)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > std::time::Duration::from_secs(60) {
            let _ = child.kill();
            panic!("qbank lint waits on the pipe");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_owned(),
                d["file"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_owned(),
            )
        })
        .filter(|(rule, _)| rule == "unreadable-file")
        .collect();
    assert_eq!(
        found,
        [("unreadable-file".to_owned(), "waiting.yaml".to_owned())]
    );
    assert_eq!(out.status.code(), Some(1));
    let _ = std::fs::remove_dir_all(&dir);
}
