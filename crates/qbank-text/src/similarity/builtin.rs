//! The built-in vocabulary, as data: `data/vocabulary.yaml`, built into the binary.
//!
//! Stop words, light words, frame phrases, example markers, opening verbs, the subjects that
//! set a scene, and the synonym groups and cues in the shape of a topic's `synonyms` in
//! topics.yaml. Read by the same checks as a bank's topics.yaml ([`check_groups`]): every
//! malformed entry is a diagnostic at its `file:line:col` and is left out.

use serde::Deserialize;

use qbank_core::SourceFile;
use qbank_core::{BuiltinData, Diagnostic};

/// The built-in vocabulary.
static VOCABULARY: BuiltinData<Builtin> =
    BuiltinData::new(PATH, include_str!("../../data/vocabulary.yaml"), read);

/// Where the built-in vocabulary lives in the repository (for diagnostics).
pub const PATH: &str = "crates/qbank-text/data/vocabulary.yaml";

/// What a vocabulary file holds.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Builtin {
    /// Words that never name the subject of a question (whitespace-separated).
    pub stop_words: String,
    /// Common words that say how rather than what: they count, but weigh little.
    pub light_words: String,
    /// Words that introduce examples.
    pub example_markers: Vec<String>,
    /// Verbs that frame a sentence they open.
    pub opening_verbs: Vec<String>,
    /// Phrases that frame a question without naming its subject.
    pub frames: Vec<String>,
    /// Subjects that set the scene rather than say what is asked.
    pub context_subjects: Vec<String>,
    /// Groups of phrases that name one subject, the first canonical.
    pub synonyms: Vec<Vec<String>>,
    /// Subjects described rather than named: a phrase of a synonym group, then cues.
    pub cues: Vec<Vec<String>>,
}

/// The built-in vocabulary, read once.
pub(super) fn builtin() -> &'static Builtin {
    VOCABULARY.get()
}

/// The diagnostics of the built-in vocabulary file: none in a release (a test holds it).
pub fn builtin_diagnostics() -> Vec<Diagnostic> {
    VOCABULARY.diagnostics()
}

/// Reads a vocabulary file shown as `path`: what it holds, and a diagnostic for every entry
/// that cannot be read (left out of what it holds).
pub fn check_vocabulary(path: &str, text: &str) -> Vec<Diagnostic> {
    read(path, text).1
}

fn read(path: &str, text: &str) -> (Builtin, Vec<Diagnostic>) {
    let (builtin, file, mut diags) = SourceFile::read_data::<Builtin>(path, text, "the vocabulary");
    check_groups(
        &file,
        "/synonyms",
        "a synonym group",
        &builtin.synonyms,
        &mut diags,
    );
    check_groups(&file, "/cues", "a cue group", &builtin.cues, &mut diags);
    for (key, list) in [
        ("frames", &builtin.frames),
        ("example_markers", &builtin.example_markers),
        ("opening_verbs", &builtin.opening_verbs),
        ("context_subjects", &builtin.context_subjects),
    ] {
        for (i, phrase) in list.iter().enumerate() {
            if let Err(e) = super::check_phrase(phrase).and_then(|()| {
                if phrase.trim_start().starts_with('~') {
                    Err(super::PhraseError {
                        message: "a cue belongs in a synonym group".to_owned(),
                        at: 0..phrase.len(),
                    })
                } else {
                    Ok(())
                }
            }) {
                diags.push(Diagnostic::error(
                    "schema-violation",
                    format!("{key}: {}", e.message),
                    file.label_in(&format!("/{key}/{i}"), phrase, e.at),
                ));
            }
        }
    }
    (builtin, diags)
}

/// A diagnostic for every phrase of the bank's `topics.yaml` `synonyms` the detector cannot
/// read, at the phrase (a cue's words where the fault is theirs), not a silently dropped
/// entry: what the lint adds to the loader's diagnostics.
pub fn topic_diagnostics(bank: &qbank_core::Bank) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if let Some(id) = bank.topics_file {
        for (t, topic) in bank.topics.iter().enumerate() {
            check_groups(
                bank.file(id),
                &format!("/topics/{t}/synonyms"),
                &format!("synonyms of topic {:?}", topic.id),
                &topic.synonyms,
                &mut diags,
            );
        }
    }
    diags
}

/// A diagnostic for every phrase of `groups` (written at `pointer`, each group a list of
/// phrases) that the detector cannot read, at the phrase (a cue's words where the fault is
/// theirs): one check for the built-in vocabulary and a bank's topics.yaml.
fn check_groups(
    file: &SourceFile,
    pointer: &str,
    what: &str,
    groups: &[Vec<String>],
    diags: &mut Vec<Diagnostic>,
) {
    for (g, group) in groups.iter().enumerate() {
        for (k, phrase) in group.iter().enumerate() {
            if let Err(e) = super::check_phrase(phrase) {
                diags.push(Diagnostic::error(
                    "schema-violation",
                    format!("{what}: {}", e.message),
                    file.label_in(&format!("{pointer}/{g}/{k}"), phrase, e.at),
                ));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_malformed_synonym_is_an_error_at_its_place() {
        let topics = "topics:\n  - id: backend\n    title: Backend\n    synonyms:\n      - [rate limiter, \"~ too | many requests\", \"~ client + requests\"]\n      - [canary release, \"~ small | fraction + | traffic\"]\n";
        let files = vec![qbank_core::git::BlobFile {
            path: qbank_core::load::TOPICS_FILE.to_owned(),
            bytes: topics.as_bytes().to_vec(),
        }];
        let (bank, load) =
            qbank_core::load_bank_from_files(std::path::Path::new("bank"), files).expect("loads");
        assert!(load.is_empty(), "{load:#?}");
        let diags = topic_diagnostics(&bank);
        let found: Vec<(u32, u32, u32, &str)> = diags
            .iter()
            .map(|d| {
                let s = d.primary.span;
                (
                    s.start.line,
                    s.start.column,
                    s.end.column,
                    d.message.as_str(),
                )
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    5,
                    33,
                    46,
                    "synonyms of topic \"backend\": \"many requests\" is more than one word: a \
                     cue's slot lists single words joined by `|` (join slots with `+`)"
                ),
                (
                    6,
                    48,
                    48,
                    "synonyms of topic \"backend\": an empty word in a cue: each slot lists \
                     words joined by `|`, slots are joined by `+`"
                ),
            ],
            "{diags:#?}"
        );
        assert!(diags.iter().all(|d| d.rule == "schema-violation"));
        // The well-formed phrases are kept.
        assert_eq!(bank.topics[0].synonyms[0][2], "~ client + requests");
    }
}
