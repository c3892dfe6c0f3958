//! `qbank export` and `qbank import` as a user runs them: the real binary on a copy of a
//! fixture bank, with exit code, standard output and standard error.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

use common::{copy_dir, file_names, temp_dir, TempDir};

/// A scratch folder holding a copy of the fixture bank as `bank/`, removed when dropped.
struct Scratch {
    dir: TempDir,
}

impl Scratch {
    fn new() -> Scratch {
        let dir = temp_dir("export");
        let fixture =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../qbank-export/tests/fixtures/bank");
        copy_dir(&fixture, &dir.join("bank"));
        Scratch { dir }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.join(relative)
    }

    fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(relative);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }

    fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).unwrap()
    }

    fn run(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_qbank"))
            .args(args)
            .current_dir(&self.dir)
            .output()
            .unwrap();
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: out.stdout,
            stderr: String::from_utf8(out.stderr).unwrap(),
        }
    }

    /// Every file below `bank/` with its content, to show that nothing changed.
    fn bank_files(&self) -> Vec<(PathBuf, Vec<u8>)> {
        let mut out = Vec::new();
        let mut todo = vec![self.path("bank")];
        while let Some(dir) = todo.pop() {
            for e in fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    todo.push(p);
                } else {
                    out.push((p.clone(), fs::read(&p).unwrap()));
                }
            }
        }
        out.sort();
        out
    }
}

struct Run {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Run {
    fn stdout(&self) -> String {
        String::from_utf8(self.stdout.clone()).unwrap()
    }

    /// What a user sees, for a snapshot.
    fn shown(&self) -> String {
        format!(
            "exit code: {}\n----- stdout -----\n{}----- stderr -----\n{}",
            self.code,
            self.stdout(),
            self.stderr
        )
    }
}

#[test]
fn export_csv_to_standard_output() {
    let s = Scratch::new();
    let run = s.run(&[
        "export",
        "csv",
        "--bank",
        "bank",
        "--columns",
        "id,levels,follow_ups,status",
    ]);
    insta::assert_snapshot!(run.shown());
}

#[test]
fn export_csv_for_excel_to_a_file() {
    let s = Scratch::new();
    let run = s.run(&[
        "export", "csv", "--bank", "bank", "--excel", "--out", "q.csv",
    ]);
    assert_eq!(
        (run.code, run.stdout(), run.stderr.as_str()),
        (0, String::new(), "")
    );
    let written = fs::read(s.path("q.csv")).unwrap();
    assert!(written.starts_with(b"\xEF\xBB\xBFid,topic,levels,kind,minutes,text,"));
    assert!(written.ends_with(b"\r\n"));
    let to_stdout = s.run(&["export", "csv", "--bank", "bank", "--excel"]);
    assert_eq!(to_stdout.stdout, written);
    // No temporary file is left beside it.
    let names = file_names(&s.dir);
    assert!(names.iter().all(|n| !n.contains("qbank-tmp")), "{names:?}");
}

#[test]
fn export_json_and_markdown() {
    let s = Scratch::new();
    let json = s.run(&["export", "json", "--bank", "bank"]);
    assert_eq!((json.code, json.stderr.as_str()), (0, ""));
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["questions"].as_array().unwrap().len(), 5);
    let md = s.run(&["export", "md", "--bank", "bank", "-o", "bank.md"]);
    assert_eq!((md.code, md.stderr.as_str()), (0, ""));
    assert!(s
        .read("bank.md")
        .starts_with("# Question bank\n\n5 questions in 2 topics.\n"));
}

#[test]
fn export_errors() {
    let s = Scratch::new();
    let mut report = String::new();
    for args in [
        &[
            "export",
            "csv",
            "--bank",
            "bank",
            "--columns",
            "id,folow_ups",
        ][..],
        &["export", "csv", "--bank", "bank", "--columns", "id,text,id"],
        &["export", "md", "--bank", "bank", "--kit", "scren"],
        &["export", "json", "--bank", "nowhere"],
    ] {
        report.push_str(&format!(
            "$ qbank {}\n{}\n",
            args.join(" "),
            s.run(args).shown()
        ));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn export_warns_about_files_that_do_not_load() {
    let s = Scratch::new();
    s.write("bank/monitoring/broken.yaml", "id: broken\ntext: [\n");
    let run = s.run(&["export", "csv", "--bank", "bank", "--columns", "id"]);
    insta::assert_snapshot!(run.shown());
}

const EDITED: &str = "id,topic,levels,kind,text,follow_ups,tags\n\
    canary-release,deployment,\"junior\nmid\nsenior\",concept,\"What is a canary release, and when would you use one?\",\"How much traffic would the canary get first?\nWhat would make you roll back?\nWho watches the dashboards?\",\"canary\nrelease\"\n\
    shadow-traffic,deployment,Senior,Scenario,How would you test a model on shadow traffic?,,\"shadow, testing\"\n";

#[test]
fn import_dry_run_writes_nothing() {
    let s = Scratch::new();
    s.write("edited.csv", EDITED);
    let before = s.bank_files();
    let run = s.run(&["import", "csv", "edited.csv", "--bank", "bank", "--dry-run"]);
    insta::assert_snapshot!(run.shown());
    assert_eq!(s.bank_files(), before);
}

#[test]
fn import_updates_and_creates() {
    let s = Scratch::new();
    s.write("edited.csv", EDITED);
    let run = s.run(&["import", "csv", "edited.csv", "--bank", "bank"]);
    insta::assert_snapshot!(run.shown());
    insta::assert_snapshot!(
        "import_updated_file",
        s.read("bank/deployment/canary-release.yaml")
    );
    insta::assert_snapshot!(
        "import_created_file",
        s.read("bank/deployment/shadow-traffic.yaml")
    );
    // The questions still lint clean (the fixture's phone-screen kit asks for more mid-level
    // questions than this small bank has, on purpose), and importing again changes nothing.
    let lint = s.run(&["lint", "bank", "--ignore", "kit-unsatisfiable"]);
    assert_eq!(lint.code, 0, "{}", lint.shown());
    let again = s.run(&["import", "csv", "edited.csv", "--bank", "bank"]);
    assert_eq!(again.stdout(), "0 created, 0 updated, 2 unchanged\n");
}

#[test]
fn import_of_bad_rows_writes_nothing() {
    let s = Scratch::new();
    s.write(
        "bad.csv",
        "id,topic,levels,kind,text,Red flags\n\
         canary-release,deployment,mid,concept,Fine?,\n\
         new-question,deploymnt,\"mid\nseniour\",concept,Why?,\n\
         new-question,monitoring,mid,concept,Why again?,\n\
         other,monitoring,mid,concept\n",
    );
    let before = s.bank_files();
    let run = s.run(&["import", "csv", "bad.csv", "--bank", "bank"]);
    insta::assert_snapshot!(run.shown());
    assert_eq!(s.bank_files(), before);
}

#[test]
fn import_bad_files() {
    let s = Scratch::new();
    s.write("latin1.csv", b"id,text\ncanary-release,Caf\xE9?\n");
    s.write("utf16.csv", b"\xFF\xFEi\0d\0\r\0\n\0");
    s.write("columns.csv", "id,txt\ncanary-release,Why?\n");
    s.write("empty.csv", "");
    let mut report = String::new();
    for file in [
        "latin1.csv",
        "utf16.csv",
        "columns.csv",
        "empty.csv",
        "missing.csv",
    ] {
        let args = ["import", "csv", file, "--bank", "bank"];
        report.push_str(&format!(
            "$ qbank {}\n{}\n",
            args.join(" "),
            s.run(&args).shown()
        ));
    }
    insta::assert_snapshot!(report);
}

#[test]
fn import_csv_saved_by_excel() {
    let s = Scratch::new();
    s.write(
        "excel.csv",
        "\u{feff}id;minutes;strong\r\ncanary-release;6;\"Watches error rate\nWatches latency\"\r\n;;\r\n",
    );
    let run = s.run(&["import", "csv", "excel.csv", "--bank", "bank"]);
    assert_eq!(run.code, 0, "{}", run.shown());
    assert_eq!(
        run.stdout(),
        "updated bank/deployment/canary-release.yaml (minutes, rubric)\n\
         0 created, 1 updated, 0 unchanged\n"
    );
    let text = s.read("bank/deployment/canary-release.yaml");
    assert!(text.contains("minutes: 6\n"));
    assert!(text.contains("  strong:\n    - Watches error rate\n    - Watches latency\n"));
    assert!(text.contains("# Reviewed by the platform panel.\n"));
}

/// Export, import into a bank with only topics.yaml, export again: the same bytes.
#[test]
fn round_trip_through_an_empty_bank() {
    let s = Scratch::new();
    let first = s.run(&[
        "export",
        "csv",
        "--bank",
        "bank",
        "--excel",
        "--columns",
        "all",
    ]);
    assert_eq!(first.code, 0);
    s.write("all.csv", &first.stdout);
    s.write("empty/topics.yaml", s.read("bank/topics.yaml"));
    let import = s.run(&["import", "csv", "all.csv", "--bank", "empty"]);
    assert_eq!(import.code, 0, "{}", import.shown());
    assert!(import
        .stdout()
        .ends_with("5 created, 0 updated, 0 unchanged\n"));
    let second = s.run(&[
        "export",
        "csv",
        "--bank",
        "empty",
        "--excel",
        "--columns",
        "all",
    ]);
    // The same rows; only the revisions differ, since qbank wrote the files anew.
    assert_eq!(
        without_revisions(&second.stdout()),
        without_revisions(&first.stdout())
    );
    assert_ne!(second.stdout(), first.stdout());
    let lint = s.run(&["lint", "empty"]);
    assert_eq!(lint.code, 0, "{}", lint.shown());
}

/// An `--excel` export with its last column (the revision, 10 hex digits) emptied.
fn without_revisions(csv: &str) -> String {
    csv.split("\r\n")
        .map(|record| match record.rsplit_once(',') {
            // A revision that a spreadsheet would read as a number is quoted.
            Some((rest, rev))
                if rev.trim_matches('"').len() == 10
                    && rev.trim_matches('"').bytes().all(|b| b.is_ascii_hexdigit()) =>
            {
                format!("{rest},")
            }
            _ => record.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("\r\n")
}

/// A file that cannot be written stops the import before any file changes.
#[test]
fn import_that_fails_to_write_leaves_the_bank_as_it_was() {
    let s = Scratch::new();
    let topics = s.read("bank/topics.yaml") + "  - id: blocked\n    title: Blocked\n";
    s.write("bank/topics.yaml", topics);
    // A file where the new topic's folder would go.
    s.write("bank/blocked", "not a folder");
    s.write(
        "new.csv",
        "id,topic,levels,kind,text\n\
         canary-release,deployment,mid,concept,Changed?\n\
         fine-question,monitoring,mid,concept,Fine?\n\
         blocked-question,blocked,mid,concept,Blocked?\n",
    );
    let before = s.bank_files();
    let run = s.run(&["import", "csv", "new.csv", "--bank", "bank"]);
    assert_eq!(run.code, 2, "{}", run.shown());
    assert_eq!(run.stdout(), "");
    assert!(
        run.stderr
            .lines()
            .any(|l| l
                .starts_with("qbank: error: cannot check bank/blocked/blocked-question.yaml: ")),
        "{}",
        run.stderr
    );
    assert_eq!(s.bank_files(), before);
}

#[test]
fn export_of_a_kit_holds_its_questions_in_kit_order() {
    // The project's own kit: the CSV rows are the questions `qbank kit show` draws, in order.
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../..");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_qbank"))
            .args(args)
            .current_dir(root)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let shown: serde_json::Value =
        serde_json::from_str(&run(&["kit", "show", "phone-screen", "--format", "json"])).unwrap();
    let expected: Vec<&str> = shown["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q["id"].as_str().unwrap())
        .collect();
    let csv = run(&["export", "csv", "--kit", "phone-screen", "--columns", "id"]);
    let ids: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(ids, expected);
}
