//! The word lists of the wording rules, as data: `data/wording.yaml`, built into the binary.
//!
//! Read once; every entry is checked when read, and a faulty one is an error at its
//! `file:line:col` and left out (a test holds the built-in file to none).

use std::sync::OnceLock;

use qbank_core::hash::FastSet;
use qbank_core::{Diagnostic, SourceFile};
use serde::Deserialize;

/// Where the lists live in the repository (for diagnostics).
pub const DATA_PATH: &str = "crates/qbank-lint/data/wording.yaml";

const DATA: &str = include_str!("../data/wording.yaml");

/// What `data/wording.yaml` holds (its comments say what each list is for).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Wording {
    pub prompt_verbs: Vec<String>,
    pub prompt_softeners: Vec<String>,
    pub yes_no_openers: Vec<String>,
    /// (participle, past tense).
    pub past_tenses: Vec<(String, String)>,
    pub fine_twice: Vec<String>,
    pub shouted: Vec<String>,
    pub common_acronyms: Vec<String>,
    pub said_as_words: SaidAsWords,
}

/// Acronyms said as words, by the sound they start with.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SaidAsWords {
    pub vowel: Vec<String>,
    pub consonant: Vec<String>,
}

/// The built-in lists, read once.
pub(crate) fn wording() -> &'static Wording {
    static WORDING: OnceLock<Wording> = OnceLock::new();
    WORDING.get_or_init(|| read(DATA_PATH, DATA).0)
}

/// The built-in common acronyms, as the `allow` option's default wants them.
pub(crate) fn common_acronyms() -> &'static [&'static str] {
    static WORDS: OnceLock<Vec<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        wording()
            .common_acronyms
            .iter()
            .map(String::as_str)
            .collect()
    })
}

/// The diagnostics of the built-in lists: none in a release (a test holds it).
pub fn data_diagnostics() -> Vec<Diagnostic> {
    read(DATA_PATH, DATA).1
}

/// Reads a word-list file shown as `path`, with an error at `file:line:col` for every entry
/// that is not one word, is listed twice in its list, or is not lowercase where words are
/// compared in lowercase (left out).
fn read(path: &str, text: &str) -> (Wording, Vec<Diagnostic>) {
    let (mut data, file, mut diags) =
        SourceFile::read_data::<Wording>(path, text, "the word lists");
    // The fault of entry `word` of a list, given the entries before it.
    let fault = |word: &str, lowercase: bool, seen: &mut FastSet<String>| {
        if word.is_empty() || word.contains(char::is_whitespace) {
            Some(format!("{word:?} is not one word"))
        } else if lowercase && word.chars().any(char::is_uppercase) {
            Some(format!(
                "{word:?} never matches: this list is compared with words in lowercase"
            ))
        } else if !seen.insert(word.to_owned()) {
            Some(format!("{word:?} is listed twice"))
        } else {
            None
        }
    };
    let mut check = |pointer: &str, list: &mut Vec<String>, lowercase: bool| {
        let mut seen = FastSet::default();
        let mut k = 0;
        list.retain(|word| {
            let found = fault(word, lowercase, &mut seen);
            if let Some(message) = &found {
                diags.push(Diagnostic::error(
                    "schema-violation",
                    message.clone(),
                    file.label_in(&format!("{pointer}/{k}"), word, 0..word.len()),
                ));
            }
            k += 1;
            found.is_none()
        });
    };
    check("/prompt_verbs", &mut data.prompt_verbs, true);
    check("/prompt_softeners", &mut data.prompt_softeners, true);
    check("/yes_no_openers", &mut data.yes_no_openers, true);
    check("/fine_twice", &mut data.fine_twice, true);
    check("/shouted", &mut data.shouted, false);
    check("/common_acronyms", &mut data.common_acronyms, false);
    check("/said_as_words/vowel", &mut data.said_as_words.vowel, false);
    check(
        "/said_as_words/consonant",
        &mut data.said_as_words.consonant,
        false,
    );
    // A participle is looked up once, so it may not be listed twice; a past tense may repeat.
    let mut participles = FastSet::default();
    let mut kept = Vec::new();
    for (i, (participle, past)) in std::mem::take(&mut data.past_tenses)
        .into_iter()
        .enumerate()
    {
        let faults = [
            (0, &participle, fault(&participle, true, &mut participles)),
            (1, &past, fault(&past, true, &mut FastSet::default())),
        ];
        let mut fine = true;
        for (side, word, found) in faults {
            if let Some(message) = found {
                diags.push(Diagnostic::error(
                    "schema-violation",
                    message,
                    file.label_in(&format!("/past_tenses/{i}/{side}"), word, 0..word.len()),
                ));
                fine = false;
            }
        }
        if fine {
            kept.push((participle, past));
        }
    }
    data.past_tenses = kept;
    // An acronym said both ways says nothing.
    let vowels: FastSet<&str> = data
        .said_as_words
        .vowel
        .iter()
        .map(String::as_str)
        .collect();
    let mut both = Vec::new();
    for (k, word) in data.said_as_words.consonant.iter().enumerate() {
        if vowels.contains(word.as_str()) {
            both.push((k, word.clone()));
        }
    }
    for (k, word) in &both {
        diags.push(Diagnostic::error(
            "schema-violation",
            format!("{word:?} is said with both a vowel and a consonant sound"),
            file.label_in(
                &format!("/said_as_words/consonant/{k}"),
                word,
                0..word.len(),
            ),
        ));
    }
    data.said_as_words
        .consonant
        .retain(|w| !both.iter().any(|(_, b)| b == w));
    (data, diags)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_word_lists_read_without_a_fault() {
        let diags = super::data_diagnostics();
        assert!(diags.is_empty(), "{diags:#?}");
        let lists = super::wording();
        assert!(lists.prompt_verbs.iter().any(|w| w == "describe"));
        assert!(super::common_acronyms().contains(&"GPU"));
    }

    #[test]
    fn a_faulty_entry_is_an_error_at_its_place_and_the_rest_is_read() {
        let text = "prompt_verbs: [describe, Explain, describe]\nprompt_softeners: [please]\nyes_no_openers: [do]\npast_tenses:\n  - [been, were]\n  - [been, was]\n  - [run, two words]\nfine_twice: [that]\nshouted: [NOT]\ncommon_acronyms: [GPU]\nsaid_as_words:\n  vowel: [ONNX]\n  consonant: [YAML, ONNX]\n";
        let (read, diags) = super::read("w.yaml", text);
        let found: Vec<(u32, u32, &str)> = diags
            .iter()
            .map(qbank_core::Diagnostic::place_and_message)
            .collect();
        assert_eq!(
            found,
            [
                (
                    1,
                    26,
                    "\"Explain\" never matches: this list is compared with words in lowercase"
                ),
                (1, 35, "\"describe\" is listed twice"),
                (6, 6, "\"been\" is listed twice"),
                (7, 11, "\"two words\" is not one word"),
                (
                    13,
                    21,
                    "\"ONNX\" is said with both a vowel and a consonant sound"
                ),
            ]
        );
        assert_eq!(read.prompt_verbs, ["describe"]);
        assert_eq!(read.past_tenses, [("been".to_owned(), "were".to_owned())]);
        assert_eq!(read.said_as_words.consonant, ["YAML"]);
        let (_, broken) = super::read("w.yaml", "prompt_verbs: [a\n");
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].rule, "yaml-syntax");
    }
}
