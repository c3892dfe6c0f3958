//! Hostile and broken files: each gets a diagnostic naming the file and the position, the
//! other files of the bank are still checked, and nothing panics or overflows the stack.

use std::fs;
use std::path::{Path, PathBuf};

use qbank_lint::render::{self, human::HumanOptions, Sources};
use qbank_lint::Settings;

const MODELINE: &str = "# yaml-language-server: $schema=../../schema/question.schema.json\n";

fn good(id: &str) -> String {
    format!(
        "{MODELINE}id: {id}\ntext: How do you roll back the {id} model in production?\ntopic: deployment\nlevels: [mid]\nkind: experience\n"
    )
}

/// A bank with one good question and every kind of bad file next to it.
fn hostile_bank() -> PathBuf {
    let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-bank");
    let _ = fs::remove_dir_all(&root);
    let q = root.join("q");
    fs::create_dir_all(&q).unwrap();
    fs::write(
        root.join("topics.yaml"),
        "# yaml-language-server: $schema=../schema/topics.schema.json\ntopics:\n  - id: deployment\n    title: Deployment\n",
    )
    .unwrap();
    fs::write(q.join("rollback.yaml"), good("rollback")).unwrap();
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "broken.yaml",
            format!("{MODELINE}id: broken\ntext: \"unterminated\nlevels: [mid\n").into_bytes(),
        ),
        (
            "tabs.yaml",
            format!("{MODELINE}id: tabs\nlevels:\n\t- mid\n").into_bytes(),
        ),
        (
            "latin1.yaml",
            b"id: latin1\ntext: Caf\xe9 or tea?\n".to_vec(),
        ),
        ("empty.yaml", Vec::new()),
        (
            "list.yaml",
            format!("{MODELINE}- id: list\n- text: not a mapping\n").into_bytes(),
        ),
        (
            "scalar.yaml",
            format!("{MODELINE}just a sentence\n").into_bytes(),
        ),
        (
            "dupkeys.yaml",
            good("dupkeys")
                .replace("kind: experience\n", "kind: experience\nlevels: [senior]\n")
                .into_bytes(),
        ),
        (
            "booleans.yaml",
            good("booleans")
                .replace(
                    "levels: [mid]",
                    "levels: [mid]\ntags: [on, off]\nsource: no",
                )
                .into_bytes(),
        ),
        (
            "bool-text.yaml",
            good("bool-text")
                .replace(
                    "text: How do you roll back the bool-text model in production?",
                    "text: yes",
                )
                .replace("kind: experience", "kind: true")
                .into_bytes(),
        ),
        ("bomb.yaml", billion_laughs().into_bytes()),
        (
            "deep.yaml",
            format!(
                "{MODELINE}id: deep\ntext: {}{}\n",
                "[".repeat(10_000),
                "]".repeat(10_000)
            )
            .into_bytes(),
        ),
        ("deep-block.yaml", deep_block(1_000).into_bytes()),
        (
            "unicode-evil.yaml",
            good("unicode-evil")
                .replace("How do you", "How do you\u{202e}\u{200b}")
                .into_bytes(),
        ),
    ];
    for (name, bytes) in files {
        fs::write(q.join(name), bytes).unwrap();
    }
    // 50 MB: never read whole.
    let big = fs::File::create(q.join("huge.yaml")).unwrap();
    big.set_len(50 * 1024 * 1024).unwrap();
    // A link back to the bank's own folder.
    #[cfg(unix)]
    std::os::unix::fs::symlink("..", q.join("loop")).unwrap();
    root
}

fn billion_laughs() -> String {
    let mut s = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let p = i - 1;
        s.push_str(&format!(
            "a{i}: &a{i} [{}]\n",
            vec![format!("*a{p}"); 9].join(", ")
        ));
    }
    s
}

fn deep_block(depth: usize) -> String {
    let mut s = String::new();
    for i in 0..depth {
        s.push_str(&" ".repeat(i));
        s.push_str("a:\n");
    }
    s
}

fn render_human(bank: &qbank_core::Bank, diagnostics: &[qbank_core::Diagnostic]) -> String {
    let mut out = Vec::new();
    render::human::render(
        diagnostics,
        &Sources::new(bank),
        HumanOptions {
            color: false,
            files: bank.files.len(),
        },
        &mut out,
    )
    .unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn every_bad_file_is_reported_and_the_rest_is_checked() {
    let root = hostile_bank();
    // Run on a small stack, as a thread of a server would: nothing may recurse per level.
    let (bank, diagnostics) = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let (bank, load) = qbank_core::load_bank(&root).unwrap();
            let d = qbank_lint::lint(&bank, load, &Settings::default());
            (bank, d)
        })
        .unwrap()
        .join()
        .expect("linting hostile files must not panic or overflow the stack");

    // The good question is still loaded and checked.
    assert!(bank.question("rollback").is_some());
    // Every bad file is named by at least one diagnostic.
    for name in [
        "broken",
        "tabs",
        "latin1",
        "empty",
        "list",
        "scalar",
        "dupkeys",
        "booleans",
        "bool-text",
        "bomb",
        "deep",
        "deep-block",
        "huge",
        "loop",
    ] {
        assert!(
            diagnostics
                .iter()
                .any(|d| d.primary.file.ends_with(&format!("q/{name}.yaml"))
                    || d.primary.file.ends_with(&format!("q/{name}"))),
            "no diagnostic for {name}"
        );
    }
    let human = render_human(&bank, &diagnostics).replace(env!("CARGO_TARGET_TMPDIR"), "[TMP]");
    insta::assert_snapshot!(human);
}

#[test]
fn a_missing_bank_or_topics_file_is_one_clear_error() {
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-bank");
    let e = qbank_core::load_bank(&missing).unwrap_err();
    assert!(
        e.to_string()
            .ends_with("no-such-bank does not exist (`qbank init` starts a bank)"),
        "{e}"
    );
    let no_topics = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-topics-bank");
    fs::create_dir_all(&no_topics).unwrap();
    let e = qbank_core::load_bank(&no_topics).unwrap_err();
    assert!(
        e.to_string()
            .ends_with("no-topics-bank is not a qbank bank: it has no topics.yaml (`qbank init` starts a bank)"),
        "{e}"
    );
}
