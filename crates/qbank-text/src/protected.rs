//! The protected-characteristic patterns: whether a sentence asks the candidate about age,
//! family, religion, origin, health or another protected ground, read from the phrasings of
//! `data/protected-characteristic.yaml` (a pattern's elements are words joined by `|`, an
//! element ending in `?` is optional). The `protected-characteristic` lint rule reports what
//! [`detect`] finds.

use std::ops::Range;
use std::sync::OnceLock;

use qbank_core::hash::FastMap;
use qbank_core::{BuiltinData, Diagnostic};
use serde::Deserialize;

use crate::bits::Bits;
use crate::words::{sentences, tokens};

/// A protected ground: how to name it, what to ask instead, and the phrasings that ask about
/// it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Short label, used by the labelled test sets.
    pub key: String,
    /// As it reads in the message: "the candidate's {name}".
    pub name: String,
    /// The lawful alternative, or what to do.
    pub help: String,
    /// Patterns that tie the ground to the candidate ("how old are you", "your religion");
    /// they fire unless a technical noun follows the match ("your age groups").
    bound: Vec<String>,
    /// Words and phrases that fire in a sentence addressed to the candidate ("you", "your")
    /// that is not about technical work or other people.
    loose: Vec<String>,
    /// Lawful questions about the same ground; a sentence that matches one is left alone
    /// for this category.
    lawful: Vec<String>,
}

/// What `data/protected-characteristic.yaml` holds (its comments say what each list is).
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Phrasings {
    categories: Vec<Category>,
    /// How a contraction reads ("you're" as "you are").
    contractions: std::collections::BTreeMap<String, Vec<String>>,
    /// Engineering terms made of a protected word and its neighbours ("race condition").
    technical_terms: Vec<String>,
    /// Words after a bound match that make it technical ("your age groups").
    technical_next: Vec<String>,
    /// Beginnings of words that put a sentence about technical work or other people.
    context_stems: Vec<String>,
    /// Words too common to tell a sentence apart.
    common_words: Vec<String>,
}

/// The built-in phrasings.
static DATA: BuiltinData<Phrasings> = BuiltinData::new(
    "crates/qbank-text/data/protected-characteristic.yaml",
    include_str!("../data/protected-characteristic.yaml"),
    read,
);

fn phrasings() -> &'static Phrasings {
    DATA.get()
}

/// The diagnostics of the built-in phrasings file: none in a release (a test holds it).
pub fn data_diagnostics() -> Vec<Diagnostic> {
    DATA.diagnostics()
}

/// Reads a phrasings file shown as `path`, with a diagnostic at `file:line:col` for every
/// pattern that is malformed (left out).
fn read(path: &str, text: &str) -> (Phrasings, Vec<Diagnostic>) {
    let (mut data, file, mut diags) =
        qbank_core::SourceFile::read_data::<Phrasings>(path, text, "the phrasings");
    for (i, c) in data.categories.iter_mut().enumerate() {
        for (list, patterns) in [
            ("bound", &mut c.bound),
            ("loose", &mut c.loose),
            ("lawful", &mut c.lawful),
        ] {
            let pointer = format!("/categories/{i}/{list}");
            file.keep_entries(&pointer, patterns, pattern_fault, &mut diags);
        }
    }
    file.keep_entries(
        "/technical_terms",
        &mut data.technical_terms,
        pattern_fault,
        &mut diags,
    );
    data.contractions.retain(|contraction, reading| {
        let pointer = format!(
            "/contractions/{}",
            contraction.replace('~', "~0").replace('/', "~1")
        );
        let fault = contraction_fault(contraction, reading);
        if let Some((message, key)) = &fault {
            let label = if *key {
                file.key_label(&pointer)
            } else {
                file.label_in(&pointer, "", 0..0)
            };
            diags.push(Diagnostic::error(
                "schema-violation",
                message.clone(),
                label,
            ));
        }
        fault.is_none()
    });
    (data, diags)
}

/// What is wrong with a contraction and what it reads as, and whether the fault is in the
/// contraction (the key) rather than its reading.
fn contraction_fault(contraction: &str, reading: &[String]) -> Option<(String, bool)> {
    let one_lowercase_word =
        |w: &str| !w.is_empty() && !w.contains(char::is_whitespace) && w == w.to_lowercase();
    if !one_lowercase_word(contraction) || !contraction.contains('\'') {
        return Some((
            format!("{contraction:?} is not a contraction: one lowercase word with an apostrophe"),
            true,
        ));
    }
    if reading.is_empty() || !reading.iter().all(|w| one_lowercase_word(w)) {
        return Some((
            format!("{contraction:?} reads as {reading:?}: one lowercase word or more"),
            false,
        ));
    }
    None
}

/// What is wrong with a pattern, and where in it: an empty pattern, an empty alternative
/// (`a||b`, `|a`), or a `?` that is not at the end of an element.
fn pattern_fault(pattern: &str) -> Option<(String, Range<usize>)> {
    if pattern.trim().is_empty() {
        return Some(("an empty pattern".to_owned(), 0..pattern.len()));
    }
    let mut offset = 0;
    for element in pattern.split(' ') {
        let range = offset..offset + element.len();
        offset = range.end + 1;
        if element.is_empty() {
            continue;
        }
        let body = element.strip_suffix('?').unwrap_or(element);
        if body.contains('?') {
            return Some((
                format!("{element:?}: `?` makes a whole element optional and goes at its end"),
                range,
            ));
        }
        if body.split('|').any(str::is_empty) {
            return Some((
                format!("{element:?} has an empty alternative: write words joined by `|`"),
                range,
            ));
        }
    }
    None
}

/// A protected phrasing found in a text.
#[derive(Debug)]
pub struct Finding {
    pub category: &'static Category,
    /// Byte range of the matched words.
    pub range: Range<usize>,
}

/// A lowercase word with the byte range it came from.
struct Word {
    text: String,
    range: Range<usize>,
}

fn words(sentence: &str, offset: usize) -> Vec<Word> {
    let mut out = Vec::new();
    each_word(sentence, offset, &mut String::new(), |text, range| {
        out.push(Word {
            text: text.to_owned(),
            range,
        });
    });
    out
}

/// Calls `each` with every word of `sentence` as the patterns read it, and its byte range
/// (`offset` is where the sentence starts): lowercase, `’` read as `'`, a possessive `'s`
/// dropped, and a contraction of the data file's `contractions` read as its words (each at
/// the contraction's range). `buf` is room for the word, reused from one word to the next.
fn each_word(
    sentence: &str,
    offset: usize,
    buf: &mut String,
    mut each: impl FnMut(&str, Range<usize>),
) {
    for t in tokens(sentence) {
        let range = offset + t.range.start..offset + t.range.end;
        buf.clear();
        if t.word.is_ascii() {
            buf.extend(t.word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            // `str::to_lowercase` knows a word-final sigma; one character at a time does not.
            buf.extend(
                t.word
                    .to_lowercase()
                    .chars()
                    .map(|c| if c == '’' { '\'' } else { c }),
            );
        }
        let lower = buf.strip_suffix("'s").unwrap_or(buf);
        // Every contraction has an apostrophe: other words need no look-up.
        let reading = lower
            .contains('\'')
            .then(|| phrasings().contractions.get(lower))
            .flatten();
        match reading {
            Some(reading) => {
                for w in reading {
                    each(w, range.clone());
                }
            }
            None => each(lower, range),
        }
    }
}

/// One element of a compiled pattern (the syntax is described at the top of
/// `data/protected-characteristic.yaml`).
struct Element {
    alternatives: Vec<&'static str>,
    optional: bool,
}

impl Element {
    fn matches(&self, word: &str) -> bool {
        self.alternatives.iter().any(|&a| {
            a == word || a == "*" || (a == "#" && word.bytes().all(|b| b.is_ascii_digit()))
        })
    }
}

/// A pattern split into elements once, with the words a sentence must hold for it to match.
struct Pattern {
    elements: Vec<Element>,
    /// The alternatives of each required element that is not a wildcard: a sentence that has
    /// none of the words of one of them cannot match.
    required: Vec<Vec<&'static str>>,
}

impl Pattern {
    fn compile(pattern: &'static str) -> Pattern {
        let elements: Vec<Element> = pattern
            .split_whitespace()
            .map(|e| {
                let (alternatives, optional) = match e.strip_suffix('?') {
                    Some(a) => (a, true),
                    None => (e, false),
                };
                Element {
                    alternatives: alternatives.split('|').collect(),
                    optional,
                }
            })
            .collect();
        let required = elements
            .iter()
            .filter(|e| !e.optional && !e.alternatives.iter().any(|a| *a == "*" || *a == "#"))
            .map(|e| e.alternatives.clone())
            .collect();
        Pattern { elements, required }
    }

    /// The alternatives of the first required element without a common word.
    fn anchor(&self) -> Option<&Vec<&'static str>> {
        self.required.iter().find(|alts| {
            !alts
                .iter()
                .any(|a| phrasings().common_words.iter().any(|c| c == a))
        })
    }

    /// Every match in `words`, as word index ranges; `present` holds the sentence's words.
    fn find(&self, words: &[Word], present: &[&str]) -> Vec<Range<usize>> {
        if !self
            .required
            .iter()
            .all(|alts| alts.iter().any(|a| present.binary_search(a).is_ok()))
        {
            return Vec::new();
        }
        (0..words.len())
            .filter_map(|i| {
                match_at(&self.elements, words, i)
                    .filter(|&e| e > i)
                    .map(|e| i..e)
            })
            .collect()
    }
}

/// The end (exclusive word index) of a match of `elements` starting at word `at`.
fn match_at(elements: &[Element], words: &[Word], at: usize) -> Option<usize> {
    let Some((first, rest)) = elements.split_first() else {
        return Some(at);
    };
    if words.get(at).is_some_and(|w| first.matches(&w.text)) {
        if let Some(end) = match_at(rest, words, at + 1) {
            return Some(end);
        }
    }
    if first.optional {
        return match_at(rest, words, at);
    }
    None
}

/// A category with its patterns compiled.
struct Compiled {
    category: &'static Category,
    bound: Vec<Pattern>,
    loose: Vec<Pattern>,
    lawful: Vec<Pattern>,
}

/// The words of which a sentence must hold at least one for any bound or loose pattern to
/// match: for each pattern, the alternatives of its first required element that has no common
/// word. Sorted, for binary search.
fn anchors() -> &'static [&'static str] {
    static ANCHORS: OnceLock<Vec<&'static str>> = OnceLock::new();
    ANCHORS.get_or_init(|| {
        let mut words: Vec<&'static str> = compiled()
            .iter()
            .flat_map(|c| c.bound.iter().chain(&c.loose))
            .filter_map(Pattern::anchor)
            .flatten()
            .copied()
            .collect();
        words.sort_unstable();
        words.dedup();
        words
    })
}

/// Each word some bound or loose pattern needs, by number: the words of [`anchors`] first,
/// at their positions there, then every other word of a required element. Every word of
/// every text is looked up.
fn needed_index() -> &'static FastMap<&'static str, usize> {
    static INDEX: OnceLock<FastMap<&'static str, usize>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: FastMap<&'static str, usize> =
            anchors().iter().enumerate().map(|(i, &w)| (w, i)).collect();
        let required = compiled()
            .iter()
            .flat_map(|c| c.bound.iter().chain(&c.loose))
            .flat_map(|p| p.required.iter().flatten());
        for &word in required {
            let next = index.len();
            index.entry(word).or_insert(next);
        }
        index
    })
}

/// For each category of [`compiled`], each bound or loose pattern's required elements, each
/// as the numbers of its words in [`needed_index`]: a sentence that lacks every word of one
/// element of each pattern matches none of the category's patterns, whatever its anchors.
fn category_needs() -> &'static [Vec<Vec<Vec<usize>>>] {
    static NEEDS: OnceLock<Vec<Vec<Vec<Vec<usize>>>>> = OnceLock::new();
    NEEDS.get_or_init(|| {
        let index = needed_index();
        compiled()
            .iter()
            .map(|c| {
                c.bound
                    .iter()
                    .chain(&c.loose)
                    .map(|p| {
                        p.required
                            .iter()
                            .map(|alts| alts.iter().filter_map(|a| index.get(a).copied()).collect())
                            .collect()
                    })
                    .collect()
            })
            .collect()
    })
}

/// For each category of [`compiled`], the anchor words of its bound and loose patterns: a
/// sentence that holds none of them matches none of those patterns.
fn category_anchors() -> &'static [Bits] {
    static SETS: OnceLock<Vec<Bits>> = OnceLock::new();
    SETS.get_or_init(|| {
        let all = anchors();
        compiled()
            .iter()
            .map(|c| {
                let mut set = Bits::default();
                for word in c
                    .bound
                    .iter()
                    .chain(&c.loose)
                    .filter_map(Pattern::anchor)
                    .flatten()
                {
                    if let Ok(i) = all.binary_search(word) {
                        set.insert(i);
                    }
                }
                set
            })
            .collect()
    })
}

fn compiled() -> &'static [Compiled] {
    static COMPILED: OnceLock<Vec<Compiled>> = OnceLock::new();
    COMPILED.get_or_init(|| {
        let all = |ps: &'static [String]| ps.iter().map(|p| Pattern::compile(p)).collect();
        phrasings()
            .categories
            .iter()
            .map(|category| Compiled {
                category,
                bound: all(&category.bound),
                loose: all(&category.loose),
                lawful: all(&category.lawful),
            })
            .collect()
    })
}

fn is_second_person(w: &Word) -> bool {
    is_second_person_word(&w.text)
}

fn is_second_person_word(w: &str) -> bool {
    matches!(w, "you" | "your" | "yours" | "yourself")
}

fn about_work_or_others(words: &[Word]) -> bool {
    /// The context stems by their first byte (an empty stem begins every word): a word is
    /// compared only with the stems it could start with, not with all of them.
    struct ByFirstByte {
        stems: Vec<Vec<&'static str>>,
        empty: bool,
    }
    static STEMS: OnceLock<ByFirstByte> = OnceLock::new();
    let by_first = STEMS.get_or_init(|| {
        let mut by_first = ByFirstByte {
            stems: vec![Vec::new(); 256],
            empty: false,
        };
        for stem in &phrasings().context_stems {
            match stem.as_bytes().first() {
                Some(&b) => by_first.stems[usize::from(b)].push(stem.as_str()),
                None => by_first.empty = true,
            }
        }
        by_first
    });
    words.iter().any(|w| {
        by_first.empty
            || w.text.as_bytes().first().is_some_and(|&b| {
                by_first.stems[usize::from(b)]
                    .iter()
                    .any(|s| w.text.starts_with(s))
            })
    })
}

/// Blanks the words of every engineering term (`technical_terms`), so that no pattern
/// reads them.
fn mask_technical_terms(words: &mut [Word]) {
    static TERMS: OnceLock<Vec<Pattern>> = OnceLock::new();
    let terms = TERMS.get_or_init(|| {
        phrasings()
            .technical_terms
            .iter()
            .map(|p| Pattern::compile(p))
            .collect()
    });
    let mut present: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
    present.sort_unstable();
    let found: Vec<Range<usize>> = terms.iter().flat_map(|p| p.find(words, &present)).collect();
    for m in found {
        for w in &mut words[m] {
            w.text.clear();
        }
    }
}

/// Whether an ASCII `text` holds, read without regard to case and with no letter or digit
/// either side, one of the words some bound or loose pattern needs ([`anchors`]) or a
/// contraction that reads as one: a word [`each_word`] reads is written so, punctuation and
/// spaces around it, so a sentence without any cannot match and most texts are passed over
/// in one scan. Lowercasing a character outside ASCII can give ASCII letters, so any other
/// text may hold one.
fn may_hold_an_anchor(text: &str) -> bool {
    static FINDER: OnceLock<Option<aho_corasick::AhoCorasick>> = OnceLock::new();
    let finder = FINDER.get_or_init(|| {
        let anchors = anchors();
        let contractions = phrasings()
            .contractions
            .iter()
            .filter(|(_, reading)| reading.iter().any(|w| anchors.contains(&w.as_str())))
            .map(|(contraction, _)| contraction.as_str());
        // A few hundred short words: a full DFA is small, and the fastest to scan with.
        aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(anchors.iter().copied().chain(contractions))
            .ok()
    });
    match finder {
        Some(finder) if text.is_ascii() => {
            let bytes = text.as_bytes();
            let word_byte = |i: Option<usize>| {
                i.and_then(|i| bytes.get(i))
                    .is_some_and(u8::is_ascii_alphanumeric)
            };
            // Overlapping: "ages" is found even where "age" is found first.
            finder
                .find_overlapping_iter(text)
                .any(|m| !word_byte(m.start().checked_sub(1)) && !word_byte(Some(m.end())))
        }
        _ => true,
    }
}

/// The protected phrasings in `text`: at most one per category and sentence.
pub fn detect(text: &str) -> Vec<Finding> {
    if !may_hold_an_anchor(text) {
        return Vec::new();
    }
    detect_in_every_sentence(text, true)
}

/// [`detect`], reading every sentence of `text`; with `pass_over`, a sentence or a category
/// whose patterns each lack a word is passed over before its words are copied.
fn detect_in_every_sentence(text: &str, pass_over: bool) -> Vec<Finding> {
    let mut out = Vec::new();
    let needed_index = needed_index();
    let mut buf = String::new();
    // The words of the sentence that some pattern needs, by their numbers in
    // [`needed_index`], anchors among them.
    let mut found = Bits::default();
    // The categories one of whose bound or loose patterns the sentence's words may match.
    let mut possible = vec![false; compiled().len()];
    for sentence in sentences(text) {
        // Most sentences are not addressed to the candidate, or lack a word that each pattern
        // needs ("rolled back", "migrate from" hold an anchor and nothing else of a pattern):
        // skip them before their words are copied.
        let mut addressed = false;
        found.clear();
        each_word(&text[sentence.clone()], sentence.start, &mut buf, |w, _| {
            addressed |= is_second_person_word(w);
            if let Some(&i) = needed_index.get(w) {
                found.insert(i);
            }
        });
        if !addressed {
            continue;
        }
        for ((p, anchors), needs) in possible
            .iter_mut()
            .zip(category_anchors())
            .zip(category_needs())
        {
            *p = !pass_over
                || anchors.meets(&found)
                    && needs.iter().any(|pattern| {
                        pattern
                            .iter()
                            .all(|element| element.iter().any(|&i| found.has(i)))
                    });
        }
        if !possible.contains(&true) {
            continue;
        }
        let words = words(&text[sentence.clone()], sentence.start);
        let technical = about_work_or_others(&words);
        let mut words = words;
        mask_technical_terms(&mut words);
        // A sentence has a few dozen words: a sorted list beats hashing them.
        let mut present: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        present.sort_unstable();
        for (c, _) in compiled().iter().zip(&possible).filter(|(_, &p)| p) {
            // A match that names the candidate ("your age") fires in any sentence; one that
            // does not ("arrest record") only in a sentence that is not about work or others.
            let bound = c
                .bound
                .iter()
                .flat_map(|p| p.find(&words, &present))
                .find(|m| {
                    words
                        .get(m.end)
                        .is_none_or(|next| !phrasings().technical_next.contains(&next.text))
                        && (!technical || words[m.clone()].iter().any(is_second_person))
                });
            let hit = bound.or_else(|| {
                if technical {
                    return None;
                }
                c.loose.iter().flat_map(|p| p.find(&words, &present)).next()
            });
            // A lawful question about the same ground ("Are you at least 18?") is left alone.
            let lawful = || {
                c.lawful
                    .iter()
                    .any(|p| !p.find(&words, &present).is_empty())
            };
            if let Some(m) = hit.filter(|_| !lawful()) {
                out.push(Finding {
                    category: c.category,
                    range: words[m.start].range.start..words[m.end - 1].range.end,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::detect;

    #[test]
    fn the_phrasings_file_reads_without_a_fault() {
        let diags = super::data_diagnostics();
        assert!(diags.is_empty(), "{diags:#?}");
        assert_eq!(super::phrasings().categories.len(), 13);
    }

    #[test]
    fn a_malformed_pattern_is_an_error_at_its_place() {
        let text = "categories:\n  - key: age\n    name: age\n    help: ask less\n    bound:\n      - how old are||were you\n      - your age\n    loose: [age]\n    lawful: []\ncontractions:\n  \"you're\": [you, are]\n  Dont: [do, not]\n  \"can't\": []\ntechnical_terms: [race? condition?|x]\ntechnical_next: []\ncontext_stems: []\ncommon_words: []\n";
        let (data, diags) = super::read("p.yaml", text);
        let found = qbank_core::Diagnostic::places_and_messages(&diags);
        assert_eq!(
            found,
            [
                (
                    6,
                    17,
                    "\"are||were\" has an empty alternative: write words joined by `|`"
                ),
                (
                    14,
                    25,
                    "\"condition?|x\": `?` makes a whole element optional and goes at its end"
                ),
                (
                    12,
                    3,
                    "\"Dont\" is not a contraction: one lowercase word with an apostrophe"
                ),
                (13, 12, "\"can't\" reads as []: one lowercase word or more"),
            ]
        );
        assert_eq!(data.contractions.len(), 1);
        // The malformed patterns are left out, the others kept.
        assert_eq!(data.categories[0].bound, ["your age"]);
    }

    /// Each labelled phrasing of `set` (a label, a tab, the text; `#` lines are comments) with
    /// the categories [`detect`] finds in it.
    fn labelled(
        set: &'static str,
    ) -> impl Iterator<Item = (&'static str, &'static str, Vec<&'static str>)> {
        set.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|line| {
                let (label, text) = line.split_once('\t').expect("label<TAB>text");
                let found = detect(text)
                    .iter()
                    .map(|f| f.category.key.as_str())
                    .collect();
                (label, text, found)
            })
    }

    /// The labelled phrasings in tests/data/protected-characteristic.txt.
    const LABELLED: &str = include_str!("../tests/data/protected-characteristic.txt");

    #[test]
    fn labelled_phrasings() {
        let mut wrong = Vec::new();
        let (mut flagged, mut fine) = (0, 0);
        for (label, text, found) in labelled(LABELLED) {
            if label == "ok" {
                fine += 1;
                if !found.is_empty() {
                    wrong.push(format!("flagged {found:?} but is fine: {text}"));
                }
            } else {
                flagged += 1;
                if found != [label] {
                    wrong.push(format!("expected [{label}], found {found:?}: {text}"));
                }
            }
        }
        assert!(
            flagged >= 40 && fine >= 40,
            "the set needs 40 of each ({flagged}, {fine})"
        );
        assert!(
            wrong.is_empty(),
            "{} wrong:\n{}",
            wrong.len(),
            wrong.join("\n")
        );
    }

    /// The set written outside MLOps (tests/data/protected-characteristic-engineering.txt):
    /// recall at least 0.95 with the right category, and no lawful question flagged.
    #[test]
    fn engineering_set_recall_and_no_lawful_question_flagged() {
        const SET: &str = include_str!("../tests/data/protected-characteristic-engineering.txt");
        let (mut unlawful, mut caught, mut lawful) = (0, 0, 0);
        let (mut missed, mut flagged) = (Vec::new(), Vec::new());
        for (label, text, found) in labelled(SET) {
            if label == "ok" {
                lawful += 1;
                if !found.is_empty() {
                    flagged.push(format!("{found:?}: {text}"));
                }
            } else {
                unlawful += 1;
                if found.contains(&label) {
                    caught += 1;
                } else {
                    missed.push(format!("[{label}] found {found:?}: {text}"));
                }
            }
        }
        assert!(
            unlawful >= 60 && lawful >= 60,
            "{unlawful} unlawful, {lawful} lawful"
        );
        let recall = caught as f64 / unlawful as f64;
        assert!(
            recall >= 0.95 && flagged.is_empty(),
            "recall {recall:.3} ({caught}/{unlawful}); missed:\n{}\nlawful flagged ({}):\n{}",
            missed.join("\n"),
            flagged.len(),
            flagged.join("\n")
        );
    }

    #[test]
    fn every_pattern_has_an_anchor_word() {
        for c in super::compiled() {
            for p in c.bound.iter().chain(&c.loose) {
                let shown: Vec<String> = p
                    .elements
                    .iter()
                    .map(|e| e.alternatives.join("|"))
                    .collect();
                assert!(
                    p.anchor().is_some(),
                    "pattern \"{}\" of {} has only common words; the sentence filter would skip it",
                    shown.join(" "),
                    c.category.key
                );
            }
        }
    }

    /// Texts made of the labelled phrasings, lawful and not, in any case, with anchor words,
    /// contractions, punctuation and other words put in anywhere, ASCII and not.
    fn texts() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        const ENGINEERING: &str =
            include_str!("../tests/data/protected-characteristic-engineering.txt");
        let phrasings: Vec<&str> = labelled(LABELLED)
            .chain(labelled(ENGINEERING))
            .map(|(_, text, _)| text)
            .collect();
        let mut pieces: Vec<String> = super::anchors().iter().map(|w| w.to_string()).collect();
        pieces.extend(super::phrasings().contractions.keys().cloned());
        pieces.extend(
            [
                "you",
                "your",
                "old",
                "image",
                "'s",
                "’s",
                "ages",
                "model",
                "\u{212a}ids",
                "İ",
                " ",
                ", ",
                "? ",
                ". ",
                "(",
                ")",
                "-",
                "\"",
                "\n",
            ]
            .map(str::to_owned),
        );
        let phrasing = prop::sample::select(phrasings);
        let insert = (any::<prop::sample::Index>(), prop::sample::select(pieces));
        (
            prop::collection::vec(phrasing, 1..3),
            0..3u8,
            prop::collection::vec(insert, 0..4),
        )
            .prop_map(|(phrasings, case, inserts)| {
                let mut text = phrasings.join(" ");
                for (at, piece) in inserts {
                    let boundaries: Vec<usize> = (0..=text.len())
                        .filter(|&i| text.is_char_boundary(i))
                        .collect();
                    text.insert_str(boundaries[at.index(boundaries.len())], &piece);
                }
                match case {
                    0 => text,
                    1 => text.to_uppercase(),
                    _ => text.to_lowercase(),
                }
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(5_000))]

        /// Passing a text over on its first scan, or a sentence or category by the words its
        /// patterns need, never loses a finding.
        #[test]
        fn the_first_scan_loses_no_finding(text in texts()) {
            let key = |f: &super::Finding| (f.category.key.clone(), f.range.clone());
            let found: Vec<_> = detect(&text).iter().map(key).collect();
            let every: Vec<_> =
                super::detect_in_every_sentence(&text, false).iter().map(key).collect();
            proptest::prop_assert_eq!(found, every);
        }
    }

    #[test]
    fn a_contraction_reads_as_its_words() {
        // "you're" is the only word that addresses the candidate: it counts as "you are".
        let text = "Once you're married, would relocating still work?";
        let f = detect(text);
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].category.key, "family");
        assert!(detect("Once they're married, would relocating still work?").is_empty());
    }

    #[test]
    fn points_at_the_words() {
        let text = "Tell me about your last project. Do you have any children?";
        let f = detect(text);
        assert_eq!(f.len(), 1);
        assert_eq!(&text[f[0].range.clone()], "Do you have any children");
    }
}
