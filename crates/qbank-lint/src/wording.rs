//! The word lists of the wording rules, as data: `data/wording.yaml`, built into the binary.
//!
//! Read once; every entry is checked when read, and a faulty one is an error at its
//! `file:line:col` and left out (a test holds the built-in file to none).

use std::sync::OnceLock;

use qbank_core::hash::{FastMap, FastSet};
use qbank_core::{BuiltinData, Diagnostic, SourceFile};
use serde::Deserialize;

/// The built-in lists.
static DATA: BuiltinData<Wording> = BuiltinData::new(
    "crates/qbank-lint/data/wording.yaml",
    include_str!("../data/wording.yaml"),
    read,
);

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
    pub first_sounds: FirstSounds,
    pub said_either_way: Vec<String>,
    /// `said_either_way` as a set, made on first use.
    #[serde(skip)]
    either_way: OnceLock<FastSet<String>>,
}

impl Wording {
    /// Whether `lower` (a lowercase word) is said with either article.
    pub fn is_said_either_way(&self, lower: &str) -> bool {
        self.either_way
            .get_or_init(|| self.said_either_way.iter().cloned().collect())
            .contains(lower)
    }
}

/// Beginnings of words whose first letter does not tell their first sound, by that sound.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FirstSounds {
    pub vowel: Vec<String>,
    pub consonant: Vec<String>,
    pub either: Vec<String>,
    /// Each beginning's sound, and the length of the longest, made on first use (a beginning
    /// is in one list only: `read` leaves out one listed twice).
    #[serde(skip)]
    index: OnceLock<(FastMap<String, Option<bool>>, usize)>,
}

impl FirstSounds {
    /// The sound `lower` (a lowercase word) starts with by the longest of these beginnings it
    /// has: `Some(Some(vowel))`, `Some(None)` when either is said, `None` when it has none.
    pub fn of(&self, lower: &str) -> Option<Option<bool>> {
        let (index, longest) = self.index.get_or_init(|| {
            let index: FastMap<String, Option<bool>> = [
                (&self.vowel, Some(true)),
                (&self.consonant, Some(false)),
                (&self.either, None),
            ]
            .into_iter()
            .flat_map(|(list, sound)| list.iter().map(move |b| (b.clone(), sound)))
            .collect();
            let longest = index.keys().map(String::len).max().unwrap_or_default();
            (index, longest)
        });
        (1..=lower.len().min(*longest))
            .rev()
            .filter(|&end| lower.is_char_boundary(end))
            .find_map(|end| index.get(&lower[..end]).copied())
    }
}

/// Acronyms said as words, by the sound they start with.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SaidAsWords {
    pub vowel: Vec<String>,
    pub consonant: Vec<String>,
    /// Each acronym's sound, made on first use.
    #[serde(skip)]
    index: OnceLock<FastMap<String, bool>>,
}

impl SaidAsWords {
    /// The sound `head` starts with when it, or it less a plural `s`, is one of these
    /// acronyms; a vowel sound when one reading is in each list, as the vowel list is read
    /// first.
    pub fn of(&self, head: &str) -> Option<bool> {
        let index = self.index.get_or_init(|| {
            let sounds = [(&self.vowel, true), (&self.consonant, false)];
            sounds
                .into_iter()
                .flat_map(|(list, vowel)| list.iter().map(move |a| (a.clone(), vowel)))
                .collect()
        });
        let singular = head.strip_suffix('s').and_then(|h| index.get(h));
        match (index.get(head), singular) {
            (Some(true), _) | (_, Some(true)) => Some(true),
            (Some(false), _) | (_, Some(false)) => Some(false),
            _ => None,
        }
    }
}

/// The built-in lists.
pub(crate) fn wording() -> &'static Wording {
    DATA.get()
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
    DATA.diagnostics()
}

/// Reads a word-list file shown as `path`, with an error at `file:line:col` for every entry
/// that is not one word, is listed twice in its list (a beginning of `first_sounds` in any of
/// its three), or is not lowercase where words are compared in lowercase (left out).
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
    for (pointer, list, lowercase) in [
        ("/prompt_verbs", &mut data.prompt_verbs, true),
        ("/prompt_softeners", &mut data.prompt_softeners, true),
        ("/yes_no_openers", &mut data.yes_no_openers, true),
        ("/fine_twice", &mut data.fine_twice, true),
        ("/shouted", &mut data.shouted, false),
        ("/common_acronyms", &mut data.common_acronyms, false),
        ("/said_as_words/vowel", &mut data.said_as_words.vowel, false),
        (
            "/said_as_words/consonant",
            &mut data.said_as_words.consonant,
            false,
        ),
    ] {
        let mut seen = FastSet::default();
        file.keep_entries(
            pointer,
            list,
            |word| fault(word, lowercase, &mut seen).map(|m| (m, 0..word.len())),
            &mut diags,
        );
    }
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
    let mut seen = FastSet::default();
    file.keep_entries(
        "/said_either_way",
        &mut data.said_either_way,
        |word| fault(word, true, &mut seen).map(|m| (m, 0..word.len())),
        &mut diags,
    );
    // A beginning is looked up in all three lists: it may be in one only.
    let mut beginnings = FastSet::default();
    for (pointer, list) in [
        ("/first_sounds/vowel", &mut data.first_sounds.vowel),
        ("/first_sounds/consonant", &mut data.first_sounds.consonant),
        ("/first_sounds/either", &mut data.first_sounds.either),
    ] {
        file.keep_entries(
            pointer,
            list,
            |word| fault(word, true, &mut beginnings).map(|m| (m, 0..word.len())),
            &mut diags,
        );
    }
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
    fn the_longest_beginning_tells_the_first_sound() {
        let sounds = super::FirstSounds {
            vowel: vec!["oner".to_owned()],
            consonant: vec!["one".to_owned(), "uni".to_owned()],
            either: vec!["unic".to_owned()],
            index: Default::default(),
        };
        assert_eq!(sounds.of("one-off"), Some(Some(false)));
        assert_eq!(sounds.of("onerous"), Some(Some(true)));
        assert_eq!(sounds.of("unicorn"), Some(None));
        assert_eq!(sounds.of("union"), Some(Some(false)));
        assert_eq!(sounds.of("apple"), None);
        // A beginning is matched whole characters at a time.
        assert_eq!(sounds.of("uné"), None);
        assert_eq!(sounds.of("é"), None);
    }

    #[test]
    fn an_acronym_said_as_a_word_is_found_alone_or_plural() {
        let said = super::SaidAsWords {
            vowel: vec!["ONNX".to_owned()],
            consonant: vec!["YAML".to_owned(), "DAG".to_owned()],
            index: Default::default(),
        };
        assert_eq!(said.of("ONNX"), Some(true));
        assert_eq!(said.of("DAGs"), Some(false));
        assert_eq!(said.of("YAML"), Some(false));
        assert_eq!(said.of("yaml"), None);
        assert_eq!(said.of("SLA"), None);
    }

    #[test]
    fn a_faulty_entry_is_an_error_at_its_place_and_the_rest_is_read() {
        let text = "prompt_verbs: [describe, Explain, describe]\nprompt_softeners: [please]\nyes_no_openers: [do]\npast_tenses:\n  - [been, were]\n  - [been, was]\n  - [run, two words]\nfine_twice: [that]\nshouted: [NOT]\ncommon_acronyms: [GPU]\nsaid_as_words:\n  vowel: [ONNX]\n  consonant: [YAML, ONNX]\nfirst_sounds:\n  vowel: [hour]\n  consonant: [eu, hour]\n  either: [x]\nsaid_either_way: [sql]\n";
        let (read, diags) = super::read("w.yaml", text);
        let found = qbank_core::Diagnostic::places_and_messages(&diags);
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
                (16, 19, "\"hour\" is listed twice"),
            ]
        );
        assert_eq!(read.prompt_verbs, ["describe"]);
        assert_eq!(read.past_tenses, [("been".to_owned(), "were".to_owned())]);
        assert_eq!(read.said_as_words.consonant, ["YAML"]);
        assert_eq!(read.first_sounds.consonant, ["eu"]);
        let (_, broken) = super::read("w.yaml", "prompt_verbs: [a\n");
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].rule, "yaml-syntax");
    }
}
