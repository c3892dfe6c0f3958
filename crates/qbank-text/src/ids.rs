//! The id `qbank new` suggests for a question: the first few telling words of its text, in
//! kebab-case, the words that say little about what a question is on (`data/ids.yaml`) left
//! out. Ids are public names, so this only ever names new questions.

use qbank_core::hash::FastSet;
use qbank_core::{BuiltinData, Diagnostic, SourceFile};
use serde::Deserialize;

/// The built-in list.
static DATA: BuiltinData<FastSet<String>> = BuiltinData::new(
    "crates/qbank-text/data/ids.yaml",
    include_str!("../data/ids.yaml"),
    read_set,
);

/// How many words of the text the id keeps at most.
const ID_WORDS: usize = 5;

/// What `data/ids.yaml` holds.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Ids {
    filler: Vec<String>,
}

/// The words left out of ids.
fn filler() -> &'static FastSet<String> {
    DATA.get()
}

/// The diagnostics of the built-in list: none in a release (a test holds it).
pub fn data_diagnostics() -> Vec<Diagnostic> {
    DATA.diagnostics()
}

/// [`read`], the words as a set to look up.
fn read_set(path: &str, text: &str) -> (FastSet<String>, Vec<Diagnostic>) {
    let (ids, diags) = read(path, text);
    (ids.filler.into_iter().collect(), diags)
}

/// Reads the list shown as `path`, with an error at `file:line:col` for every entry that is
/// not one lowercase word or is listed twice (left out).
fn read(path: &str, text: &str) -> (Ids, Vec<Diagnostic>) {
    let (mut data, file, mut diags) = SourceFile::read_data::<Ids>(path, text, "the id words");
    let mut seen = FastSet::default();
    let mut fault = |word: &str| {
        if word.is_empty()
            || word.contains(|c: char| !c.is_alphanumeric())
            || word.chars().any(char::is_uppercase)
        {
            Some(format!(
                "{word:?} never matches: ids are made of lowercase letters and digits"
            ))
        } else if !seen.insert(word.to_owned()) {
            Some(format!("{word:?} is listed twice"))
        } else {
            None
        }
    };
    file.keep_entries(
        "/filler",
        &mut data.filler,
        |word| fault(word).map(|m| (m, 0..word.len())),
        &mut diags,
    );
    (data, diags)
}

/// The first few telling words of `text`, in kebab-case.
pub fn slug(text: &str) -> String {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .map(qbank_core::kebab)
        .filter(|w| !w.is_empty() && w != "my-question")
        .collect();
    let telling: Vec<&String> = words
        .iter()
        .filter(|w| !filler().contains(w.as_str()))
        .collect();
    let chosen: Vec<&String> = if telling.is_empty() {
        words.iter().collect()
    } else {
        telling
    };
    let mut id = String::new();
    for w in chosen.into_iter().take(ID_WORDS) {
        if !id.is_empty() && id.len() + 1 + w.len() > 60 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(w);
    }
    if id.is_empty() {
        "question".to_owned()
    } else {
        id.chars()
            .take(80)
            .collect::<String>()
            .trim_end_matches('-')
            .to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_reads_without_a_fault() {
        let diags = data_diagnostics();
        assert!(diags.is_empty(), "{diags:#?}");
        assert!(filler().contains("how"));
    }

    #[test]
    fn a_faulty_word_is_an_error_at_its_place_and_the_rest_is_read() {
        let (read, diags) = read("i.yaml", "filler: [how, What, how, two words]\n");
        let found = qbank_core::Diagnostic::places_and_messages(&diags);
        assert_eq!(
            found,
            [
                (
                    1,
                    15,
                    "\"What\" never matches: ids are made of lowercase letters and digits"
                ),
                (1, 21, "\"how\" is listed twice"),
                (
                    1,
                    26,
                    "\"two words\" never matches: ids are made of lowercase letters and digits"
                ),
            ]
        );
        assert_eq!(read.filler, ["how"]);
    }

    #[test]
    fn slugs_keep_the_telling_words() {
        assert_eq!(
            slug("How would you roll back a bad model in production?"),
            "roll-back-bad-model-production"
        );
        assert_eq!(
            slug("What is a feature store, and when is it worth it?"),
            "feature-store-worth"
        );
        assert_eq!(slug("Why?"), "why");
        assert_eq!(slug("¿Qué es MLOps?"), "que-es-mlops");
        assert_eq!(slug("???"), "question");
    }
}
