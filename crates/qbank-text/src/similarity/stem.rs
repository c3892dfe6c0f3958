//! Word normalisation: British to American spelling, then a light suffix-stripping stemmer.
//!
//! The stemmer is deliberately small and predictable rather than linguistically complete: it
//! only has to make the inflected and derived forms of one word meet (`deploy`, `deploys`,
//! `deployed`, `deploying`, `deployment`; `explain`, `explainable`, `explainability`), and the
//! same function is applied to question words and to vocabulary phrases, so a stem never has
//! to be a real word.

use serde::Deserialize;

use qbank_core::hash::{FastMap, FastSet};
use qbank_core::SourceFile;
use qbank_core::{BuiltinData, Diagnostic};

/// The stemmer's built-in exceptions.
static EXCEPTIONS: BuiltinData<Exceptions> = BuiltinData::new(
    EXCEPTIONS_PATH,
    include_str!("../../data/stemming.yaml"),
    read_exceptions,
);

/// Where the stemmer's exceptions live in the repository (for diagnostics).
pub const EXCEPTIONS_PATH: &str = "crates/qbank-text/data/stemming.yaml";

/// What `data/stemming.yaml` holds (its comments say what each list is).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    spelling: Vec<(String, String)>,
    ise_words: Vec<String>,
    keep: Vec<String>,
    drop_s: Vec<String>,
    plain_ment: Vec<String>,
}

/// The exceptions, ready to look words up in.
#[derive(Debug, Default)]
struct Exceptions {
    /// British spelling → American.
    spelling: FastMap<String, String>,
    ise_words: Vec<String>,
    keep: FastSet<String>,
    drop_s: FastSet<String>,
    plain_ment: FastSet<String>,
}

fn exceptions() -> &'static Exceptions {
    EXCEPTIONS.get()
}

/// The diagnostics of the built-in exceptions file: none in a release (a test holds it).
pub fn exceptions_diagnostics() -> Vec<Diagnostic> {
    EXCEPTIONS.diagnostics()
}

/// Reads an exceptions file shown as `path`, with an error at `file:line:col` for every entry
/// that is not a lowercase word, repeats one, or is both kept and stripped (left out).
fn read_exceptions(path: &str, text: &str) -> (Exceptions, Vec<Diagnostic>) {
    let (data, file, mut diags) =
        SourceFile::read_data::<File>(path, text, "the stemmer's exceptions");
    // Every word listed so far, whatever its list: a word has one exception.
    let mut seen: FastSet<String> = FastSet::default();
    // Whether `word` at `pointer` is a new lowercase word (ending in s where `ends_in_s`); an
    // error at it if not.
    let mut fine = |pointer: String, word: &str, ends_in_s: bool, diags: &mut Vec<Diagnostic>| {
        let fault = if word.is_empty() || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            Some(format!("{word:?} is not a word of lowercase letters"))
        } else if ends_in_s && !word.ends_with('s') {
            Some(format!("{word:?} does not end in s"))
        } else if !seen.insert(word.to_owned()) {
            Some(format!("{word:?} is listed twice"))
        } else {
            None
        };
        if let Some(message) = &fault {
            diags.push(Diagnostic::error(
                "schema-violation",
                message.clone(),
                file.label_in(&pointer, word, 0..word.len()),
            ));
        }
        fault.is_none()
    };
    let mut out = Exceptions::default();
    for (i, (british, american)) in data.spelling.iter().enumerate() {
        let ok = fine(format!("/spelling/{i}/0"), british, false, &mut diags);
        // The American side may repeat a word of another list; only its form is checked.
        let american_ok = !american.is_empty() && american.bytes().all(|b| b.is_ascii_lowercase());
        if !american_ok {
            diags.push(Diagnostic::error(
                "schema-violation",
                format!("{american:?} is not a word of lowercase letters"),
                file.label_in(&format!("/spelling/{i}/1"), american, 0..american.len()),
            ));
        }
        if ok && american_ok {
            out.spelling.insert(british.clone(), american.clone());
        }
    }
    for (key, list) in [
        ("ise_words", &data.ise_words),
        ("keep", &data.keep),
        ("drop_s", &data.drop_s),
        ("plain_ment", &data.plain_ment),
    ] {
        for (i, word) in list.iter().enumerate() {
            if !fine(format!("/{key}/{i}"), word, key == "drop_s", &mut diags) {
                continue;
            }
            match key {
                "ise_words" => out.ise_words.push(word.clone()),
                "keep" => {
                    out.keep.insert(word.clone());
                }
                "drop_s" => {
                    out.drop_s.insert(word.clone());
                }
                _ => {
                    out.plain_ment.insert(word.clone());
                }
            }
        }
    }
    (out, diags)
}

/// The American spelling of a lowercase word.
pub fn americanize(word: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let exceptions = exceptions();
    if let Some(us) = exceptions.spelling.get(word) {
        return Cow::Borrowed(us);
    }
    // -isation, -ise, -ised, -ises, -ising, -iser: the -ize family, minus real -ise words.
    for (uk, us) in [
        ("isations", "izations"),
        ("isation", "ization"),
        ("ising", "izing"),
        ("ised", "ized"),
        ("ises", "izes"),
        ("isers", "izers"),
        ("iser", "izer"),
        ("ise", "ize"),
    ] {
        if let Some(base) = word.strip_suffix(uk) {
            if base.len() < 3 {
                return Cow::Borrowed(word);
            }
            let lemma = format!("{base}ise");
            if exceptions
                .ise_words
                .iter()
                .any(|w| lemma == *w || (w.len() >= 6 && lemma.ends_with(w.as_str())))
            {
                return Cow::Borrowed(word);
            }
            return Cow::Owned(format!("{base}{us}"));
        }
    }
    // -yse (analyse, paralyse) and -our (behaviour) beyond the list above.
    if let Some(base) = word.strip_suffix("yse") {
        return Cow::Owned(format!("{base}yze"));
    }
    Cow::Borrowed(word)
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Whether `stem` is long enough, and has a vowel, to be left after stripping a suffix.
fn viable(stem: &str) -> bool {
    stem.len() >= 3 && stem.bytes().any(is_vowel)
}

/// The stem of a lowercase, American-spelled word.
pub fn stem(word: &str) -> String {
    if word.len() <= 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_owned();
    }
    let exceptions = exceptions();
    if exceptions.keep.contains(word) {
        return word.to_owned();
    }
    if exceptions.drop_s.contains(word) {
        // "metrics" -> "metric"; every word of the list ends in s (the file's check).
        return word[..word.len() - 1].to_owned();
    }
    let mut w = word.to_owned();

    // Step 1: plurals and third person.
    if let Some(base) = w.strip_suffix("ies") {
        if base.len() >= 2 {
            w = format!("{base}y");
        }
    } else if let Some(base) = w.strip_suffix("sses") {
        w = format!("{base}ss");
    } else if w.ends_with("ss") || w.ends_with("us") || w.ends_with("is") {
        // class, status, analysis
    } else if let Some(base) = w.strip_suffix('s') {
        if base.len() >= 3 {
            w = base.to_owned();
        }
    }

    // Step 2: -ing and -ed, undoubling consonants (running -> run, shipped -> ship).
    for suffix in ["ing", "ed"] {
        if let Some(base) = w.strip_suffix(suffix) {
            if viable(base) {
                let b = base.as_bytes();
                let n = b.len();
                let mut out = base.to_owned();
                if n >= 2 && b[n - 1] == b[n - 2] && !matches!(b[n - 1], b'l' | b's' | b'z') {
                    out.pop();
                } else if base.ends_with("at") || base.ends_with("iz") || base.ends_with("bl") {
                    out.push('e');
                }
                w = out;
                break;
            }
        }
    }

    // Step 3: derivational suffixes, longest first.
    const DERIVED: &[(&str, &str)] = &[
        ("izations", ""),
        ("ization", ""),
        ("ational", "ate"),
        ("ability", ""),
        ("ibility", ""),
        ("fulness", ""),
        ("iveness", "ive"),
        ("ousness", ""),
        ("ations", "ate"),
        ("ation", "ate"),
        ("ically", "ic"),
        ("ments", ""),
        ("ment", ""),
        ("ness", ""),
        ("izer", ""),
        ("ize", ""),
        ("able", ""),
        ("ible", ""),
        ("ally", "al"),
        ("ity", ""),
        ("ly", ""),
    ];
    for (suffix, replacement) in DERIVED {
        if let Some(base) = w.strip_suffix(suffix) {
            if viable(base) && !(suffix.starts_with("ment") && exceptions.plain_ment.contains(base))
            {
                w = format!("{base}{replacement}");
                break;
            }
        }
    }
    // -ate as a verb ending (validate, automate, annotate) once nothing else applied.
    if let Some(base) = w.strip_suffix("ate") {
        if base.len() >= 4 && base.bytes().any(is_vowel) {
            w = base.to_owned();
        }
    }
    // -ion left by -tion nouns that had no -ate (prediction -> predict, detection -> detect).
    if let Some(base) = w.strip_suffix("ion") {
        if base.len() >= 4 && base.ends_with(['t', 's']) && base.bytes().any(is_vowel) {
            w = base.to_owned();
        }
    }
    // Step 4: a final silent e (serve -> serv, reproduce -> reproduc), and -y/-i meeting.
    if w.len() >= 4 && w.ends_with('e') && !w.ends_with("ee") {
        w.pop();
    }
    if w.len() > 3 && w.ends_with('y') && !is_vowel(w.as_bytes()[w.len() - 2]) {
        w.pop();
        w.push('i');
    }
    w
}

#[cfg(test)]
mod tests {
    use super::{americanize, stem};

    #[test]
    fn the_exceptions_file_reads_without_a_fault() {
        let diags = super::exceptions_diagnostics();
        assert!(diags.is_empty(), "{diags:#?}");
        let read = super::exceptions();
        assert!(read.spelling.len() > 20 && read.keep.len() > 50, "{read:?}");
    }

    #[test]
    fn a_faulty_exception_is_an_error_at_its_place_and_the_rest_is_read() {
        let text = "spelling:\n  - [colour, color]\n  - [Centre, center]\nise_words: [advise]\nkeep: [status, advise, x-ray]\ndrop_s: [metrics, tool]\nplain_ment: [docu]\n";
        let (read, diags) = super::read_exceptions("s.yaml", text);
        let found = qbank_core::Diagnostic::places_and_messages(&diags);
        assert_eq!(
            found,
            [
                (3, 6, "\"Centre\" is not a word of lowercase letters"),
                (5, 16, "\"advise\" is listed twice"),
                (5, 24, "\"x-ray\" is not a word of lowercase letters"),
                (6, 19, "\"tool\" does not end in s"),
            ]
        );
        assert_eq!(
            read.spelling.get("colour").map(String::as_str),
            Some("color")
        );
        assert!(read.keep.contains("status") && read.drop_s.contains("metrics"));
        assert!(!read.spelling.contains_key("Centre") && !read.drop_s.contains("tool"));
        let (_, broken) = super::read_exceptions("s.yaml", "keep: [a\n");
        assert_eq!(broken.len(), 1);
        assert_eq!(broken[0].rule, "yaml-syntax");
    }

    fn same(words: &[&str]) {
        let stems: Vec<String> = words.iter().map(|w| stem(&americanize(w))).collect();
        assert!(
            stems.windows(2).all(|p| p[0] == p[1]),
            "{words:?} stem to {stems:?}"
        );
    }

    fn differ(a: &str, b: &str) {
        assert_ne!(stem(&americanize(a)), stem(&americanize(b)), "{a} vs {b}");
    }

    #[test]
    fn inflections_meet() {
        same(&[
            "deploy",
            "deploys",
            "deployed",
            "deploying",
            "deployment",
            "deployments",
        ]);
        same(&["explain", "explainable", "explainability", "explains"]);
        same(&["reproducible", "reproducibility", "reproduce"]);
        same(&["monitor", "monitoring", "monitored", "monitors"]);
        same(&["version", "versions", "versioning", "versioned"]);
        same(&[
            "containerize",
            "containerise",
            "containerization",
            "containerisation",
            "containers",
        ]);
        same(&[
            "label",
            "labels",
            "labeling",
            "labelling",
            "labelled",
            "labeled",
        ]);
        same(&["utilization", "utilisation", "utilize"]);
        same(&["validate", "validation", "validating", "validated"]);
        same(&["run", "running", "runs"]);
        same(&["ship", "shipped", "shipping"]);
        same(&["annotate", "annotation", "annotations"]);
        same(&["optimize", "optimise", "optimization", "optimisation"]);
        same(&["serve", "serving", "served"]);
        same(&["metric", "metrics"]);
        same(&["dependency", "dependencies"]);
        same(&["predict", "prediction", "predictions"]);
        same(&["detect", "detection", "detecting"]);
        same(&["scale", "scaling", "scalable", "scalability"]);
        same(&["fair", "fairness"]);
        same(&["update", "updating", "updated", "updates"]);
        same(&["cache", "caches", "caching"]);
    }

    #[test]
    fn different_words_stay_apart() {
        differ("canary", "dark");
        differ("data", "date");
        differ("train", "trace");
        differ("model", "mode");
        differ("bias", "base");
        differ("process", "proceed");
        differ("status", "state");
    }

    #[test]
    fn real_ise_words_keep_their_spelling() {
        assert_eq!(americanize("expertise"), "expertise");
        assert_eq!(americanize("noise"), "noise");
        assert_eq!(americanize("enterprise"), "enterprise");
        assert_eq!(americanize("utilisation"), "utilization");
        assert_eq!(americanize("anonymise"), "anonymize");
        assert_eq!(americanize("behaviour"), "behavior");
    }

    #[test]
    fn never_panics_on_odd_words() {
        for w in [
            "", "s", "es", "ies", "ing", "ed", "ation", "é", "naïve", "x86", "ßs", "ly",
        ] {
            let _ = stem(&americanize(w));
        }
    }
}
