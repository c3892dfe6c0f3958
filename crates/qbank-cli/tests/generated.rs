//! The shell completions in docs/completions/ and the man page docs/qbank.1 are generated from
//! the command line and committed; this test fails when they are stale.
//! `QBANK_UPDATE_DOCS=1 cargo test -p qbank-cli --test generated` writes them again.

mod common;

use std::process::Command;

use common::crate_dir;

fn output(args: &[&str]) -> Vec<u8> {
    let out = Command::new(env!("CARGO_BIN_EXE_qbank"))
        .args(args)
        .output()
        .expect("qbank runs");
    assert!(out.status.success(), "qbank {args:?} failed");
    out.stdout
}

#[test]
fn completions_and_man_page_are_fresh() {
    let docs = crate_dir().join("../../docs");
    let files = [
        ("completions/qbank.bash", output(&["completions", "bash"])),
        ("completions/qbank.zsh", output(&["completions", "zsh"])),
        ("completions/qbank.fish", output(&["completions", "fish"])),
        ("qbank.1", output(&["man"])),
    ];
    let update = std::env::var_os("QBANK_UPDATE_DOCS").is_some();
    let mut stale = Vec::new();
    for (name, expected) in files {
        let path = docs.join(name);
        assert!(!expected.is_empty(), "{name} is empty");
        if update {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &expected).unwrap();
        }
        if std::fs::read(&path).ok().as_deref() != Some(&expected[..]) {
            stale.push(format!("docs/{name}"));
        }
    }
    assert!(
        stale.is_empty(),
        "{} stale: run QBANK_UPDATE_DOCS=1 cargo test -p qbank-cli --test generated",
        stale.join(", ")
    );
}
