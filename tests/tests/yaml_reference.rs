//! qbank's own YAML reader (one flat pass that also records positions) must read files to the
//! same values as serde_yaml, the reference YAML 1.2 reader for Rust.

use std::path::{Path, PathBuf};

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            out.push(path);
        }
    }
}

fn same_as_serde_yaml(text: &str, what: &str) {
    let ours = qbank_core::yaml::parse(text, true)
        .unwrap_or_else(|e| panic!("{what}: {e:?}"))
        .value
        .unwrap_or(serde_json::Value::Null);
    let reference: serde_json::Value =
        serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{what}: serde_yaml: {e}"));
    assert_eq!(ours, reference, "{what}");
}

#[test]
fn every_file_of_the_bank_reads_the_same() {
    let mut files = Vec::new();
    yaml_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("../questions"),
        &mut files,
    );
    assert!(files.len() >= 50);
    for f in files {
        same_as_serde_yaml(
            &std::fs::read_to_string(&f).unwrap(),
            &f.display().to_string(),
        );
    }
}

#[test]
fn tricky_scalars_read_the_same() {
    for text in [
        "a: yes\nb: No\nc: on\nd: OFF\n",
        "a: 0x1F\nb: 0o17\nc: -12\nd: +3\ne: 1.5e3\nf: 007\n",
        "a: ~\nb: null\nc:\nd: ''\ne: \"\"\n",
        "a: 'it''s'\nb: \"tab\\tnew\\nline \\u00e9\"\nc: plain # comment\n",
        "a: |\n  line one\n  line two\nb: >\n  folded\n  text\n\nc: |-\n  kept\n",
        "a: &x [1, 2]\nb: *x\nc: {k: v, l: [w]}\n",
        "- one\n- - nested\n  - list\n- key: value\n",
        "text: \"How do you handle: colons?\"\nother: 'x: y'\n",
        "a: true\nb: False\nc: TRUE\nd: 'true'\n",
        "a: 12:30\nb: 2026-11-27\nc: 1_000\n",
    ] {
        same_as_serde_yaml(text, text);
    }
}
