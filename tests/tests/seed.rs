//! The bank keeps every question of the seed list it started from, and the senior questions
//! the seed promised.

use std::collections::BTreeMap;
use std::path::Path;

use qbank_core::Level;

/// The questions of the seed text: the lines that end with a question mark, after the intro.
fn seed_questions() -> Vec<String> {
    let text = include_str!("../data/seed.txt");
    text.lines()
        .map(str::trim)
        .filter(|l| l.ends_with('?') && !l.contains(". "))
        .map(str::to_owned)
        .collect()
}

/// Seed numbers named in a `source` such as "seed #5, seed #35".
fn seed_numbers(source: &str) -> Vec<usize> {
    source
        .split("seed #")
        .skip(1)
        .filter_map(|rest| {
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().ok()
        })
        .collect()
}

#[test]
fn the_seed_has_fifty_questions() {
    assert_eq!(seed_questions().len(), 50);
}

#[test]
fn every_seed_question_is_in_the_bank_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../questions");
    let (bank, _) = qbank_core::load_bank(&root).unwrap();
    let seed = seed_questions();
    let mut owner: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for q in &bank.questions {
        for n in seed_numbers(q.source.as_deref().unwrap_or_default()) {
            owner.entry(n).or_default().push(&q.id);
        }
    }
    for (i, text) in seed.iter().enumerate() {
        let n = i + 1;
        match owner.get(&n).map(Vec::as_slice) {
            Some([_]) => {}
            Some(many) => panic!("seed #{n} is the source of several questions: {many:?}"),
            None => panic!("seed #{n} is not in the bank: {text}"),
        }
    }
    assert!(
        owner.keys().all(|n| (1..=seed.len()).contains(n)),
        "a source names a seed number that does not exist: {:?}",
        owner.keys().collect::<Vec<_>>()
    );
}

#[test]
fn the_bank_has_ten_senior_questions_beyond_the_seed() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../questions");
    let (bank, _) = qbank_core::load_bank(&root).unwrap();
    let senior_beyond_seed = bank
        .questions
        .iter()
        .filter(|q| seed_numbers(q.source.as_deref().unwrap_or_default()).is_empty())
        .filter(|q| q.has_level(Level::Senior) || q.has_level(Level::Staff))
        .filter(|q| q.is_active())
        .count();
    assert!(senior_beyond_seed >= 10, "only {senior_beyond_seed}");
}

#[test]
fn the_seed_copy_matches_the_shared_seed_when_present() {
    let shared =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seed/000_0ed1e498dd661179.txt");
    if let Ok(original) = std::fs::read_to_string(shared) {
        assert_eq!(original, include_str!("../data/seed.txt"));
    }
}
