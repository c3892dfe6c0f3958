//! Quality gate of the near-duplicate detector, on the labelled pairs committed in
//! `bench/near-duplicates/` and with the project bank's vocabulary, as
//! `cargo run -p xtask -- eval-near-duplicates bench/near-duplicates/pairs.yaml
//! bench/near-duplicates/holdout.yaml bench/near-duplicates/holdout-b.yaml --bank questions`
//! measures it. The floors sit just under the figures in `BENCHMARKS.md (near-duplicate
//! detection)`: a change that loses one pair of a held-out split, or flags one more distinct
//! pair than measured, fails here. They record what the detector does, not the goal
//! (recall 0.9 with at most 5% false positives), which it does not reach on held-out wording.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use qbank_text::similarity::{Detector, DetectorOptions, Vocabulary, DEFAULT_THRESHOLD};
use serde::Deserialize;

/// The pair files, in the order the eval command reads them.
const PAIR_FILES: &[&str] = &[
    "bench/near-duplicates/pairs.yaml",
    "bench/near-duplicates/holdout.yaml",
    "bench/near-duplicates/holdout-b.yaml",
];

/// (split, least recall, most false-positive rate) at the default threshold. Measured (term
/// weights from the fixed background since issue 14): test 30 of 49 duplicates and 3 of 60
/// distinct pairs; test2 16 of 36 and 4 of 39; test3
/// 10 of 37 and 6 of 42 (its near-identical template pairs are the detector's weak spot).
const GATES: &[(&str, f64, f64)] = &[
    ("test", 0.60, 0.05),
    ("test2", 0.43, 0.11),
    ("test3", 0.26, 0.15),
];

#[derive(Deserialize)]
struct PairsFile {
    pairs: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    a: String,
    b: String,
    label: String,
    split: String,
}

/// The labelled pairs; their texts, then the project bank's active questions, each once; and
/// the bank's vocabulary.
fn setup() -> (Vec<Labelled>, Vec<String>, Vocabulary) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut pairs: Vec<Labelled> = Vec::new();
    for name in PAIR_FILES {
        let text = std::fs::read_to_string(root.join(name))
            .unwrap_or_else(|e| panic!("{name} is committed: {e}"));
        let file: PairsFile =
            serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{name} parses: {e}"));
        pairs.extend(file.pairs);
    }
    let (bank, _) = qbank_core::load_bank(&root.join("questions")).expect("questions/ loads");
    let mut seen = HashSet::new();
    let corpus: Vec<String> = pairs
        .iter()
        .flat_map(|p| [p.a.clone(), p.b.clone()])
        .chain(bank.active_texts().into_iter().map(str::to_owned))
        .filter(|t| seen.insert(t.clone()))
        .collect();
    (pairs, corpus, Vocabulary::from_topics(&bank.topics))
}

#[test]
fn held_out_recall_and_false_positives_hold() {
    let (pairs, corpus, vocabulary) = setup();
    let detector = Detector::new(vocabulary, DetectorOptions::default());
    let index = detector.index(&corpus);
    let at: HashMap<&str, usize> = corpus
        .iter()
        .enumerate()
        .map(|(i, t)| (t.as_str(), i))
        .collect();
    for &(split, min_recall, max_fpr) in GATES {
        check_split(&pairs, &index, &at, split, min_recall, max_fpr);
    }
}

fn check_split(
    pairs: &[Labelled],
    index: &qbank_text::similarity::Index<'_>,
    at: &HashMap<&str, usize>,
    split: &str,
    min_recall: f64,
    max_fpr: f64,
) {
    let (mut tp, mut fn_, mut fp, mut tn) = (0, 0, 0, 0);
    for p in pairs.iter().filter(|p| p.split == split) {
        let flagged = index.score(at[p.a.as_str()], at[p.b.as_str()]).score >= DEFAULT_THRESHOLD;
        match (p.label == "duplicate", flagged) {
            (true, true) => tp += 1,
            (true, false) => fn_ += 1,
            (false, true) => fp += 1,
            (false, false) => tn += 1,
        }
    }
    assert!(tp + fn_ > 0 && fp + tn > 0, "split {split} has both labels");
    let recall = tp as f64 / (tp + fn_) as f64;
    let fpr = fp as f64 / (fp + tn) as f64;
    assert!(
        recall >= min_recall,
        "{split} recall {recall:.3} fell below {min_recall} ({tp} of {} duplicates)",
        tp + fn_
    );
    assert!(
        fpr <= max_fpr,
        "{split} false-positive rate {fpr:.3} is above {max_fpr} ({fp} of {} distinct pairs)",
        fp + tn
    );
}

#[test]
fn the_index_finds_exactly_the_pairs_an_all_pairs_comparison_finds() {
    let (_, corpus, vocabulary) = setup();
    for threshold in [0.2, DEFAULT_THRESHOLD, 0.8] {
        let detector = Detector::new(vocabulary.clone(), DetectorOptions::exhaustive(threshold));
        let index = detector.index(&corpus);
        let mut all_pairs = Vec::new();
        for a in 0..corpus.len() {
            for b in a + 1..corpus.len() {
                if index.score(a, b).score >= threshold {
                    all_pairs.push((a, b));
                }
            }
        }
        let (found, candidates) = index.near_duplicates_counted();
        let found: Vec<(usize, usize)> = found.iter().map(|p| (p.first(), p.second())).collect();
        assert_eq!(found, all_pairs, "threshold {threshold}");
        assert!(!found.is_empty(), "threshold {threshold} finds pairs");
        assert!(
            candidates < corpus.len() * (corpus.len() - 1) / 2,
            "the index scores fewer pairs than all of them"
        );
    }
}
