//! Near-duplicate questions: two questions that ask the same thing in other words.
//!
//! Used by the `near-duplicate` lint rule and by kit selection (which never puts both halves
//! of a pair in one kit). Pure: no diagnostics, no I/O.
//!
//! # How a question is read
//!
//! 1. Lowercase, split into words, British spellings made American, each word stemmed
//!    (`deployments` → `deploy`, `explainability` → `explain`).
//! 2. Phrases of the [`Vocabulary`] are matched, longest first: a synonym phrase becomes its
//!    subject (`features computed differently in training and in production` and `train/serve
//!    skew` both become *training-serving skew*), a frame phrase ("can you discuss an
//!    experience you have had with") is dropped. A subject can also be *described*: a cue
//!    (`~ small | fraction + traffic | requests + new | candidate + gradually | widen`) names
//!    the words that describe it, one from each slot, in any order within one clause, so "route
//!    a tiny fraction of requests to a candidate model and widen it gradually" is a canary
//!    release though no phrase lists that wording. Phrases of two words or more are matched
//!    before cues of as many slots plus one.
//! 3. The words left that never name a subject ("how", "handle", "experience") are dropped.
//!    Common words that say how rather than what ("provide", "useful", "production",
//!    "deploy") stay as *light* terms that weigh a tenth, and terms after "such as" or "for
//!    example" are examples that weigh half. A question that names nothing but light terms
//!    ("What is MLOps, and why does it matter?") is about them: they then count in full, and
//!    only against other questions that name nothing else.
//!
//! What remains are the question's *subject terms*. Each term weighs its inverse document
//! frequency in a fixed background of about 800 interview questions of many domains
//! (`data/background-questions.txt`, built into the binary), so a term that most questions
//! share ("model") weighs little and a rare one ("canary") weighs much. The weights never
//! depend on the other questions of the bank: adding questions unrelated to a pair does not
//! change its score. A word the vocabulary does not know weighs half that: every plain English
//! word looks rare, and a question that describes its subject in many of them would otherwise
//! be kept apart from one that names it.
//!
//! # Score
//!
//! With S the weight two questions share and X the weight each has beyond it, the score is
//! S / (S + 0.3·X_heavier + 2·X_lighter). A question that asks everything another asks and a
//! little more stays close (the heavier side's extra counts for 0.3); when each has a subject
//! the other lacks, as "canary deployment", "dark launching" and "blue-green deployment" do
//! when they share every other word, the lighter side's extra counts double. A pair must share
//! a subject that is not a light term, and a weight of at least 2.5 (about what one term found
//! in a fifth of the questions weighs). The constants and the default threshold were chosen
//! on the dev split of `bench/near-duplicates/pairs.yaml`; `BENCHMARKS.md (near-duplicate detection)` has the
//! figures.
//!
//! # With sentence vectors
//!
//! When the questions have sentence vectors ([`Embeddings`]), the score blends in the whole
//! texts' cosine (`VERDICT`), and then reads what the two do not share: each one's words
//! outside the sentence frame they share ([`Vocabulary::residual`], their longest common
//! sequence of words), embedded by the same model.
//! - Two texts of one frame whose few other words mean different things ("When would you use
//!   demographic parity / equalised odds as a fairness criterion?") are one template with
//!   another subject in it: their score is halved, whatever the word swap test read.
//! - Where the vocabulary knows few of the two texts' subjects and they share none it knows (a
//!   backend or a product question, in the words of the field), words say little: meaning
//!   decides as well, from the whole texts' cosine, and where they share a frame the cosine of
//!   what differs too ("How do you perform a zero-downtime deployment?" / "How do you release
//!   a new version of a service without users noticing any interruption?").
//!
//! The phrases are embedded when a verdict first needs them, through the caller's model and
//! cache ([`Embedder`]); the constants were chosen on the dev splits of the labelled sets
//! (`BENCHMARKS.md`, "Meaning where the vocabulary knows few of the words").
//!
//! # Scale
//!
//! [`Index::near_duplicates`] does not compare all pairs. Terms are ordered subjects first,
//! rarest first. A pair that reaches the threshold shares a large part of the lighter
//! question's weight and a smaller part of the heavier one's, so the first term they share is
//! among the first few of the lighter question and among somewhat more of the heavier one
//! (prefix filtering, as in set-similarity joins). Questions are taken lightest first; only
//! each one's few first terms go into the inverted index, and each looks up its longer prefix
//! there. The result is exact: the same pairs as comparing all of them.
//!
//! ```
//! use qbank_text::similarity::{Detector, DetectorOptions, Vocabulary};
//! let detector = Detector::new(Vocabulary::builtin(), DetectorOptions::default());
//! let index = detector.index(&[
//!     "How do you version your ML models?",
//!     "How do you handle version control for machine learning models?",
//!     "How do you version your training data?",
//! ]);
//! let pairs = index.near_duplicates();
//! assert_eq!(pairs.len(), 1);
//! assert_eq!((pairs[0].a, pairs[0].b), (0, 1));
//! ```

mod builtin;
mod embeddings;
mod stem;

use qbank_core::hash::{FastMap, FastSet};
use std::sync::Arc;

use qbank_core::Topic;

use crate::bits::Bits;
use crate::words::{stemmed, stems, Word};

pub use builtin::{
    builtin_diagnostics, check_vocabulary, topic_diagnostics, PATH as BUILTIN_VOCABULARY,
};
pub use embeddings::{dot, Embedder, Embeddings};
pub use stem::{
    americanize, exceptions_diagnostics as stemming_diagnostics, stem,
    EXCEPTIONS_PATH as STEMMING_EXCEPTIONS,
};

/// The score from which two questions count as near duplicates, unless configured otherwise.
pub const DEFAULT_THRESHOLD: f32 = 0.40;

/// The looser score from which two questions read with sentence vectors count as related:
/// kit selection keeps such pairs apart ([`crate::pairs::related_pairs`]).
pub const RELATED_THRESHOLD: f32 = 0.30;

/// The score from which kit selection keeps two questions apart: [`RELATED_THRESHOLD`] when
/// the texts are read with their sentence vectors, [`DEFAULT_THRESHOLD`] by words alone (words
/// are not reliable below it). Every caller that draws asks here.
pub fn related_threshold(by_meaning: bool) -> f32 {
    if by_meaning {
        RELATED_THRESHOLD
    } else {
        DEFAULT_THRESHOLD
    }
}

/// What a matched phrase stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meaning {
    /// A subject: the index of its group.
    Concept(u32),
    /// Part of a question's frame: dropped.
    Frame,
    /// Introduces examples ("such as", "for example"): what follows, up to the end of the
    /// clause, weighs less.
    Examples,
}

/// How much a term says about what a question asks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TermClass {
    /// A common word that says how rather than what ("provide", "useful", "bad").
    Light,
    /// A word the vocabulary does not know: presumed to name a subject.
    Word,
    /// A subject of the vocabulary.
    Concept,
}

/// The words and phrases the detector knows: stop words, frame phrases and synonym groups.
///
/// [`Vocabulary::builtin`] holds a small base vocabulary of the MLOps domain;
/// [`Vocabulary::from_topics`] adds every topic's `synonyms`. Groups that share a phrase are
/// merged, so a bank can extend a built-in group by naming one of its phrases.
#[derive(Debug, Clone)]
pub struct Vocabulary {
    /// Every stem the vocabulary names (a stop, light or opening word, a word of a phrase or
    /// of a cue) → its number in `known`: a text's word is looked up once, and its phrases
    /// are matched by number.
    ids: FastMap<String, u32>,
    /// What the vocabulary says of each stem of `ids`.
    known: Vec<Known>,
    /// Display name of each concept (the canonical phrase of its group).
    names: Vec<String>,
    /// The stems of each concept's name that are neither stop nor light words.
    name_stems: Vec<Vec<String>>,
    /// A concept named by a light word ("production") weighs as little as one.
    concept_class: Vec<TermClass>,
    /// Subjects that set the scene rather than say what is asked ("model", "data"): their
    /// phrases give way to cues.
    context: Vec<bool>,
    /// Descriptions of a subject by the words it is described with, in any order.
    cues: Vec<Cue>,
}

/// What the vocabulary says of one stem it names.
#[derive(Debug, Clone, Default)]
struct Known {
    stop: bool,
    light: bool,
    /// A verb that frames a sentence it opens.
    opening: bool,
    /// The phrases that start with this stem (their stems' numbers, and their meaning),
    /// longest first.
    phrases: Vec<(Box<[u32]>, Meaning)>,
    /// (cue, slot) for every slot of a cue this stem can fill.
    cues: Vec<(u32, u8)>,
}

/// The number of a stem the vocabulary does not name: never one of a phrase's.
const UNKNOWN: u32 = u32::MAX;

/// The stems of a vocabulary being built, numbered as they are met.
#[derive(Default)]
struct Numbering {
    ids: FastMap<String, u32>,
    known: Vec<Known>,
}

impl Numbering {
    fn id(&mut self, stem: &str) -> u32 {
        if let Some(&i) = self.ids.get(stem) {
            return i;
        }
        let i = self.known.len() as u32;
        self.ids.insert(stem.to_owned(), i);
        self.known.push(Known::default());
        i
    }

    /// What is said of `stem`, numbered if it was not yet.
    fn at(&mut self, stem: &str) -> &mut Known {
        let i = self.id(stem);
        &mut self.known[i as usize]
    }
}

/// A subject described rather than named: every slot must be filled by one of its words,
/// in any order, within one clause. Written in a synonym group as `~ feature + compute |
/// calculate + train | offline + serve | online` (slots joined by `+`, a slot's words by `|`).
#[derive(Debug, Clone)]
struct Cue {
    concept: u32,
    /// Each slot's words, by their stems' numbers.
    slots: Vec<Box<[u32]>>,
}

/// Most slots a cue may have.
const MAX_CUE_SLOTS: usize = 8;

/// What is wrong with a phrase of a synonym group (see [`check_phrase`]): a message, and the
/// bytes of the phrase it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseError {
    pub message: String,
    pub at: std::ops::Range<usize>,
}

/// Checks one phrase of a synonym group, as written in `topics.yaml` or in the built-in
/// vocabulary: a plain phrase names at least one word; a cue (`~ small | fraction + traffic`)
/// has two to eight slots joined by `+`, each slot one word or more joined by `|`, each
/// alternative one word. The same reading [`Vocabulary`] uses, so a phrase that passes is
/// one the detector understands.
pub fn check_phrase(phrase: &str) -> Result<(), PhraseError> {
    parse_phrase(phrase).map(|_| ())
}

/// A phrase read: words, or a cue's slots.
enum Phrase {
    Words,
    Cue(Vec<Vec<String>>),
}

fn parse_phrase(phrase: &str) -> Result<Phrase, PhraseError> {
    let whole = 0..phrase.len();
    let lead = phrase.len() - phrase.trim_start().len();
    let Some(body) = phrase.trim_start().strip_prefix('~') else {
        if stems(phrase).is_empty() {
            return Err(PhraseError {
                message: format!("the phrase {phrase:?} names no word"),
                at: whole,
            });
        }
        return Ok(Phrase::Words);
    };
    let mut offset = lead + 1;
    let mut slots: Vec<Vec<String>> = Vec::new();
    for slot in body.split('+') {
        let mut alternatives = Vec::new();
        let mut at = offset;
        for alt in slot.split('|') {
            let start = at + (alt.len() - alt.trim_start().len());
            let range = start..start + alt.trim().len();
            let next = at + alt.len() + 1;
            match stems(alt).as_slice() {
                [one] => alternatives.push(one.clone()),
                [] => {
                    return Err(PhraseError {
                        message: "an empty word in a cue: each slot lists words joined by `|`, slots are joined by `+`"
                            .to_owned(),
                        at: range,
                    })
                }
                _ => {
                    return Err(PhraseError {
                        message: format!(
                            "{:?} is more than one word: a cue's slot lists single words joined by `|` (join slots with `+`)",
                            alt.trim()
                        ),
                        at: range,
                    })
                }
            }
            at = next;
        }
        slots.push(alternatives);
        offset += slot.len() + 1;
    }
    if slots.len() < 2 {
        return Err(PhraseError {
            message: "a cue needs two slots or more joined by `+` (`~ small | fraction + traffic | requests`)"
                .to_owned(),
            at: whole,
        });
    }
    if slots.len() > MAX_CUE_SLOTS {
        return Err(PhraseError {
            message: format!(
                "a cue has at most {MAX_CUE_SLOTS} slots; this one has {}",
                slots.len()
            ),
            at: whole,
        });
    }
    Ok(Phrase::Cue(slots))
}

/// The slots of a cue written as `~ a | b + c + d | e`, each word stemmed; `None` when the
/// text is not a cue or is malformed (see [`check_phrase`]).
fn parse_cue(phrase: &str) -> Option<Vec<Vec<String>>> {
    match parse_phrase(phrase) {
        Ok(Phrase::Cue(slots)) => Some(slots),
        _ => None,
    }
}

/// A phrase or a cue found in a text, before the matches are taken greedily.
struct Match {
    /// Twice the words of a phrase; twice the slots of a cue, less two.
    rank: usize,
    /// A phrase with an extra word inside, or a cue.
    inexact: bool,
    /// The words matched (for a cue, those it would take if every word were free).
    at: Vec<usize>,
    meaning: Meaning,
    /// For a cue: the words that can fill each slot.
    slots: Option<Vec<Vec<usize>>>,
}

impl Match {
    fn phrase(rank: usize, inexact: bool, at: Vec<usize>, meaning: Meaning) -> Match {
        Match {
            rank,
            inexact,
            at,
            meaning,
            slots: None,
        }
    }
}

/// The clause of each word: clauses end at `?`, `!`, `;`, `:`, brackets and full stops.
fn clauses(words: &[Word]) -> Vec<usize> {
    let mut out = Vec::with_capacity(words.len());
    let mut c = 0usize;
    for w in words {
        out.push(c);
        if w.clause_end {
            c += 1;
        }
    }
    out
}

/// Words for every slot of a cue, all in one clause, none used and no word twice: the slot
/// with the fewest candidates chooses first, each the earliest word it can. `None` when no
/// clause holds them all.
fn place(slots: &[Vec<usize>], clause: &[usize], used: &[bool]) -> Option<Vec<usize>> {
    if slots.iter().any(Vec::is_empty) {
        return None;
    }
    let mut order: Vec<usize> = (0..slots.len()).collect();
    order.sort_by_key(|&s| slots[s].len());
    let mut tried: Vec<usize> = slots[order[0]].iter().map(|&p| clause[p]).collect();
    tried.dedup();
    tried.into_iter().find_map(|cl| {
        let mut taken: Vec<usize> = Vec::with_capacity(slots.len());
        for &s in &order {
            let p = slots[s]
                .iter()
                .copied()
                .find(|&p| clause[p] == cl && !used[p] && !taken.contains(&p))?;
            taken.push(p);
        }
        taken.sort_unstable();
        Some(taken)
    })
}

/// Union-find over group indices.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

impl Vocabulary {
    /// The built-in vocabulary only.
    pub fn builtin() -> Vocabulary {
        Vocabulary::build(std::iter::empty())
    }

    /// Stop words, frame phrases and light words with the `synonyms` of the topics but none
    /// of the built-in synonym groups: for measuring what each adds.
    pub fn topics_only(topics: &[Topic]) -> Vocabulary {
        Vocabulary::build_from(
            topics
                .iter()
                .flat_map(|t| t.synonyms.iter())
                .map(|g| g.iter().map(String::as_str).collect())
                .collect(),
            false,
        )
    }

    /// The built-in vocabulary plus the `synonyms` of every topic.
    pub fn from_topics(topics: &[Topic]) -> Vocabulary {
        Vocabulary::build(
            topics
                .iter()
                .flat_map(|t| t.synonyms.iter())
                .map(|g| g.iter().map(String::as_str).collect::<Vec<&str>>()),
        )
    }

    /// The built-in vocabulary plus `groups` (each a list of phrases, the first canonical).
    pub fn with_groups<'g>(groups: impl IntoIterator<Item = &'g [String]>) -> Vocabulary {
        Vocabulary::build(
            groups
                .into_iter()
                .map(|g| g.iter().map(String::as_str).collect()),
        )
    }

    fn build<'g>(extra: impl Iterator<Item = Vec<&'g str>>) -> Vocabulary {
        Vocabulary::build_from(extra.collect(), true)
    }

    fn build_from(extra: Vec<Vec<&str>>, builtin_synonyms: bool) -> Vocabulary {
        let base = builtin::builtin();
        let stop: FastSet<String> = base.stop_words.split_whitespace().flat_map(stems).collect();
        let light: FastSet<String> = base
            .light_words
            .split_whitespace()
            .flat_map(stems)
            .filter(|s| !stop.contains(s))
            .collect();

        // Groups: the bank's first (its canonical names win), then the built-in ones.
        let mut groups: Vec<Vec<&str>> = extra.into_iter().filter(|g| !g.is_empty()).collect();
        if builtin_synonyms {
            groups.extend(
                base.synonyms
                    .iter()
                    .chain(&base.cues)
                    .map(|g| g.iter().map(String::as_str).collect::<Vec<&str>>()),
            );
        }

        // Merge groups that share a phrase.
        let mut parent: Vec<usize> = (0..groups.len()).collect();
        let mut owner: FastMap<Vec<String>, usize> = FastMap::default();
        for (gi, group) in groups.iter().enumerate() {
            for phrase in group.iter().filter(|p| !p.trim_start().starts_with('~')) {
                let key = stems(phrase);
                if key.is_empty() {
                    continue;
                }
                match owner.get(&key) {
                    Some(&other) => {
                        let (a, b) = (find(&mut parent, gi), find(&mut parent, other));
                        if a != b {
                            // The earlier group's canonical name wins.
                            parent[a.max(b)] = a.min(b);
                        }
                    }
                    None => {
                        owner.insert(key, gi);
                    }
                }
            }
        }
        let mut concept_of_root: FastMap<usize, u32> = FastMap::default();
        let mut names = Vec::new();
        let mut phrases: FastMap<String, Vec<(Vec<String>, Meaning)>> = FastMap::default();
        let mut add = |key: Vec<String>, meaning: Meaning| {
            let list = phrases.entry(key[0].clone()).or_default();
            if !list.iter().any(|(k, _)| *k == key) {
                list.push((key, meaning));
            }
        };
        let mut written_cues: Vec<(u32, Vec<Vec<String>>)> = Vec::new();
        for gi in 0..groups.len() {
            let root = find(&mut parent, gi);
            let concept = *concept_of_root.entry(root).or_insert_with(|| {
                names.push(groups[root][0].trim().to_owned());
                (names.len() - 1) as u32
            });
            for phrase in &groups[gi] {
                if phrase.trim_start().starts_with('~') {
                    if let Some(slots) = parse_cue(phrase) {
                        written_cues.push((concept, slots));
                    }
                    continue;
                }
                let key = stems(phrase);
                if !key.is_empty() {
                    add(key, Meaning::Concept(concept));
                }
            }
        }
        for frame in &base.frames {
            add(stems(frame), Meaning::Frame);
        }
        for marker in &base.example_markers {
            add(stems(marker), Meaning::Examples);
        }
        for list in phrases.values_mut() {
            // Longest first; among equals, the first added.
            list.sort_by_key(|(k, _)| std::cmp::Reverse(k.len()));
        }
        let context_names: FastSet<Vec<String>> =
            base.context_subjects.iter().map(|n| stems(n)).collect();
        let context = names
            .iter()
            .map(|n| context_names.contains(&stems(n)))
            .collect();
        let concept_class = names
            .iter()
            .map(|n| match stems(n).as_slice() {
                [one] if light.contains(one) => TermClass::Light,
                _ => TermClass::Concept,
            })
            .collect();
        // Every stem named, numbered in the order met (which only equality ever reads).
        let mut numbering = Numbering::default();
        for s in &stop {
            numbering.at(s).stop = true;
        }
        for s in &light {
            numbering.at(s).light = true;
        }
        for s in base.opening_verbs.iter().flat_map(|v| stems(v)) {
            numbering.at(&s).opening = true;
        }
        let mut cues: Vec<Cue> = Vec::with_capacity(written_cues.len());
        for (ci, (concept, slots)) in written_cues.into_iter().enumerate() {
            let mut numbered = Vec::with_capacity(slots.len());
            for (si, slot) in slots.iter().enumerate() {
                for stem in slot {
                    let list = &mut numbering.at(stem).cues;
                    if !list.contains(&(ci as u32, si as u8)) {
                        list.push((ci as u32, si as u8));
                    }
                }
                numbered.push(slot.iter().map(|stem| numbering.id(stem)).collect());
            }
            cues.push(Cue {
                concept,
                slots: numbered,
            });
        }
        for (first, list) in phrases {
            let list = list
                .into_iter()
                .map(|(key, meaning)| (key.iter().map(|k| numbering.id(k)).collect(), meaning))
                .collect();
            numbering.at(&first).phrases = list;
        }
        let name_stems = names
            .iter()
            .map(|n| {
                stems(n)
                    .into_iter()
                    .filter(|s| !stop.contains(s) && !light.contains(s))
                    .collect()
            })
            .collect();
        Vocabulary {
            ids: numbering.ids,
            known: numbering.known,
            names,
            name_stems,
            concept_class,
            context,
            cues,
        }
    }

    /// Matches `key` against the words from `i` on (`ids`, each word's stem's number, and
    /// `words`). Stop words of the text (`stop`, one flag per word) may come between the
    /// phrase's words, and so may one other word when `skip` allows. Leaves the positions
    /// matched in `at` and says whether the phrase matched.
    fn match_at(
        key: &[u32],
        ids: &[u32],
        words: &[Word],
        stop: &[bool],
        i: usize,
        skip: bool,
        at: &mut Vec<usize>,
    ) -> bool {
        at.clear();
        let mut j = i;
        let mut skipped = !skip;
        for (n, k) in key.iter().enumerate() {
            loop {
                if j >= words.len() {
                    return false;
                }
                if ids[j] == *k {
                    break;
                }
                // The phrase starts where its first word is; later words may come later.
                if n == 0 {
                    return false;
                }
                if stop[j] && !key.contains(&ids[j]) {
                    j += 1;
                } else if !skipped {
                    skipped = true;
                    j += 1;
                } else {
                    return false;
                }
                if words[j - 1].clause_end {
                    return false;
                }
            }
            at.push(j);
            if n + 1 < key.len() && words[j].clause_end {
                return false;
            }
            j += 1;
        }
        true
    }

    /// The subject terms of `text`, in order of appearance, duplicates removed.
    pub fn terms(&self, text: &str) -> Vec<Term> {
        self.analyse(text, Want::Terms).terms
    }

    /// The stems of the words that name a subject in `text`, sorted and unique: the words of
    /// its subject phrases and the canonical names of their subjects, and every other word that
    /// is neither a stop word, a light word nor part of the question's frame. Coarser than
    /// [`Vocabulary::terms`]: "model drift" and "data drift" share "drift" here.
    pub fn subject_stems(&self, text: &str) -> Vec<String> {
        self.analyse(text, Want::SubjectStems).subject_stems
    }

    /// What texts `a` and `b` do not share: each one's words outside the sentence frame the
    /// two share (their longest common sequence of words, stop words included: "What is a
    /// deadlock and how can it be avoided?" and "What is a memory leak and how can it be
    /// avoided?" leave "deadlock" and "memory leak"). Costs time and memory in the product of
    /// the two texts' lengths: for pairs already found, not for a search.
    pub fn residual(&self, a: &str, b: &str) -> Residual {
        residual_between(&Sentence::of(&stemmed(a)), &Sentence::of(&stemmed(b)))
    }

    fn analyse(&self, text: &str, want: Want) -> Analysis {
        let mut words = stemmed(text);
        let sentence = if want == Want::TermsAndWords {
            Sentence::of(&words)
        } else {
            Sentence::default()
        };
        // Each word's stem's number, and whether it is a stop word, looked up once.
        let ids: Vec<u32> = words
            .iter()
            .map(|w| self.ids.get(&w.stem).copied().unwrap_or(UNKNOWN))
            .collect();
        let known = |p: usize| self.known.get(ids[p] as usize);
        let stop: Vec<bool> = (0..words.len())
            .map(|p| known(p).is_some_and(|k| k.stop))
            .collect();
        let light = |p: usize| known(p).is_some_and(|k| k.light);
        // A phrase whose later words are not all in the text cannot match: most phrases that
        // start with a common word ("model", "data") are passed over on that alone.
        let present = Bits::of(
            ids.iter()
                .filter(|&&id| id != UNKNOWN)
                .map(|&id| id as usize),
        );
        let (sequence, raw): (Vec<u64>, Vec<&str>) = words
            .iter()
            .zip(&stop)
            .filter(|(_, &stop)| !stop)
            .map(|(w, _)| (word_id(&w.stem), w.raw.as_str()))
            .unzip();
        let (sequence, raw) = (sequence.into_boxed_slice(), raw.join(" ").into_boxed_str());
        let mut subject_stems: Vec<String> = Vec::new();
        let mut used = vec![false; words.len()];
        // (position, term): terms found by phrases and by single words, sorted by position.
        let mut found: Vec<(usize, Term)> = Vec::with_capacity(words.len());
        let mut examples_from: Vec<usize> = Vec::new();
        // Every place a phrase or a cue matches, then the matches taken greedily: longer phrases
        // first (a cue counts as a phrase one word shorter than its slots), exact phrases
        // before cues and phrases with an extra word inside, then left to right; a match that
        // overlaps one already taken is dropped.
        // A cue takes its words when its turn comes, among those still free.
        let mut matches: Vec<Match> = Vec::with_capacity(words.len());
        let mut at = Vec::new();
        for i in 0..words.len() {
            let Some(k) = known(i) else {
                continue;
            };
            for (key, meaning) in k
                .phrases
                .iter()
                .filter(|(key, _)| key.iter().all(|&id| present.has(id as usize)))
            {
                let rank = match meaning {
                    Meaning::Concept(c) if self.context[*c as usize] => key.len(),
                    _ => 2 * key.len(),
                };
                if Self::match_at(key, &ids, &words, &stop, i, false, &mut at) {
                    matches.push(Match::phrase(rank, false, at.clone(), *meaning));
                } else if key.len() >= 2
                    && matches!(meaning, Meaning::Concept(_))
                    && Self::match_at(key, &ids, &words, &stop, i, true, &mut at)
                {
                    matches.push(Match::phrase(rank, true, at.clone(), *meaning));
                }
            }
        }
        // An opening verb frames its sentence.
        for p in 0..words.len() {
            if (p == 0 || words[p - 1].clause_end) && known(p).is_some_and(|k| k.opening) {
                matches.push(Match::phrase(usize::MAX, false, vec![p], Meaning::Frame));
            }
        }
        let clause = clauses(&words);
        matches.extend(self.cue_matches(&ids, &present, &clause));
        matches.sort_by(|x, y| {
            y.rank
                .cmp(&x.rank)
                .then(x.inexact.cmp(&y.inexact))
                .then(x.at.first().cmp(&y.at.first()))
                .then(x.at.last().cmp(&y.at.last()))
        });
        for m in matches {
            let at = match &m.slots {
                Some(slots) => match place(slots, &clause, &used) {
                    // The cue also takes the other free words of its clause that fill one of
                    // its slots: "record each run's parameters, metrics and outputs" is all
                    // experiment tracking, not experiment tracking plus "metrics".
                    Some(mut at) => {
                        let cl = clause[at[0]];
                        let more: Vec<usize> = slots
                            .iter()
                            .flatten()
                            .copied()
                            .filter(|&p| clause[p] == cl && !used[p])
                            .collect();
                        at.extend(more);
                        at.sort_unstable();
                        at.dedup();
                        at
                    }
                    None => continue,
                },
                None => m.at,
            };
            let (i, meaning) = (at[0], m.meaning);
            if at.iter().any(|&p| used[p]) {
                continue;
            }
            for &p in &at {
                used[p] = true;
            }
            match meaning {
                Meaning::Concept(c) => {
                    found.push((i, self.concept_term(c)));
                    if want == Want::SubjectStems {
                        subject_stems.extend(
                            at.iter()
                                .filter(|&&p| !stop[p] && !light(p))
                                .map(|&p| &words[p].stem)
                                .chain(&self.name_stems[c as usize])
                                .cloned(),
                        );
                    }
                }
                Meaning::Frame => {}
                Meaning::Examples => examples_from.extend(at.last().copied()),
            }
        }
        // The words' own strings move into their terms: past this, only where clauses end is
        // read.
        for (i, w) in words.iter_mut().enumerate() {
            if used[i] || stop[i] || w.stem.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            let class = if light(i) {
                TermClass::Light
            } else {
                if want == Want::SubjectStems {
                    subject_stems.push(w.stem.clone());
                }
                TermClass::Word
            };
            found.push((
                i,
                Term {
                    key: TermKey::Word(std::mem::take(&mut w.stem)),
                    name: std::mem::take(&mut w.raw),
                    class,
                    example: false,
                    setting: false,
                },
            ));
        }
        found.sort_by_key(|(i, _)| *i);
        // Terms after an example marker, up to the end of its clause, are examples.
        for &from in &examples_from {
            let end = (from + 1..words.len())
                .find(|&p| words[p].clause_end)
                .unwrap_or(words.len());
            for (p, t) in found.iter_mut() {
                if *p > from && *p <= end {
                    t.example = true;
                }
            }
        }
        let mut out: Vec<Term> = Vec::with_capacity(found.len());
        for (_, t) in found {
            match out.iter_mut().find(|o| o.key == t.key) {
                Some(o) => o.example &= t.example,
                None => out.push(t),
            }
        }
        // A question that names nothing but light terms ("What is MLOps, and why does it
        // matter?") is about them. They count in full, and only against other questions that
        // are about nothing else: "MLOps" in a question on drift stays light.
        if out.iter().all(|t| t.class == TermClass::Light) {
            for t in &mut out {
                t.key = TermKey::Sole(Box::new(t.key.clone()));
                // In full: as much as a subject of the vocabulary.
                t.class = TermClass::Concept;
            }
        }
        subject_stems.sort_unstable();
        subject_stems.dedup();
        Analysis {
            terms: out,
            subject_stems,
            sequence,
            raw,
            sentence,
        }
    }

    /// Every cue that can match within one clause of a text's words (`ids`, each word's
    /// stem's number; `present`, the stems the text has), with the words that can fill each
    /// of its slots; which of them it takes is settled when its turn comes.
    fn cue_matches(&self, ids: &[u32], present: &Bits, clause: &[usize]) -> Vec<Match> {
        if self.cues.is_empty() {
            return Vec::new();
        }
        // Most cues a text touches have a slot none of its words fills, and cannot be placed:
        // they are left out before their words are gathered. Each cue is judged once a text
        // (0: not yet, 1: fillable, 2: not).
        let mut judged = vec![0u8; self.cues.len()];
        let mut fillable = |ci: u32| {
            let j = &mut judged[ci as usize];
            if *j == 0 {
                let all = self.cues[ci as usize]
                    .slots
                    .iter()
                    .all(|slot| slot.iter().any(|&s| present.has(s as usize)));
                *j = if all { 1 } else { 2 };
            }
            *j == 1
        };
        // (cue, slot, position) for every word that can fill a slot of a cue, by cue and slot,
        // each slot's words in order.
        let mut hits: Vec<(u32, u8, usize)> = Vec::new();
        for (p, &id) in ids.iter().enumerate() {
            if let Some(k) = self.known.get(id as usize) {
                for &(ci, si) in &k.cues {
                    if fillable(ci) {
                        hits.push((ci, si, p));
                    }
                }
            }
        }
        if hits.is_empty() {
            return Vec::new();
        }
        hits.sort_unstable();
        let none_used = vec![false; ids.len()];
        let mut found: Vec<(u32, Vec<usize>, Vec<Vec<usize>>)> = Vec::new();
        for cue_hits in hits.chunk_by(|x, y| x.0 == y.0) {
            let ci = cue_hits[0].0;
            let slot_count = self.cues[ci as usize].slots.len();
            let mut slots = vec![Vec::new(); slot_count];
            for &(_, si, p) in cue_hits {
                slots[si as usize].push(p);
            }
            if let Some(at) = place(&slots, clause, &none_used) {
                found.push((ci, at, slots));
            }
        }
        found.sort();
        found
            .into_iter()
            .map(|(ci, at, slots)| {
                let cue = &self.cues[ci as usize];
                Match {
                    // Ranked as a phrase one word shorter: a cue of three slots gives way to
                    // an exact phrase of two words and comes before any single word.
                    rank: (2 * (cue.slots.len() - 1)).max(3),
                    inexact: true,
                    at,
                    meaning: Meaning::Concept(cue.concept),
                    slots: Some(slots),
                }
            })
            .collect()
    }

    fn concept_term(&self, c: u32) -> Term {
        Term {
            key: TermKey::Concept(c),
            name: self.names[c as usize].clone(),
            class: self.concept_class[c as usize],
            example: false,
            setting: self.context[c as usize],
        }
    }

    /// The display name of concept `c`.
    pub fn concept_name(&self, c: u32) -> &str {
        &self.names[c as usize]
    }
}

/// What [`Vocabulary::analyse`] collects beside the terms: the subject stems (which only
/// [`Vocabulary::subject_stems`] needs; indexing a bank does not), or every word (which only
/// an index with vectors needs, for [`Vocabulary::residual`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    Terms,
    SubjectStems,
    TermsAndWords,
}

/// What the vocabulary reads in a text.
struct Analysis {
    /// The subject terms, in order of appearance, duplicates removed.
    terms: Vec<Term>,
    /// See [`Vocabulary::subject_stems`]; empty unless [`Want::SubjectStems`].
    subject_stems: Vec<String>,
    /// The words that are not stop words, in order, as [`word_id`]s.
    sequence: Box<[u64]>,
    /// The same words as written (lowercased), one space between two (a word is letters and
    /// digits only).
    raw: Box<str>,
    /// Every word, stop words included (see [`Vocabulary::residual`]); empty unless
    /// [`Want::TermsAndWords`].
    sentence: Sentence,
}

/// Every word of a text, stop words included: each word's stem as a [`word_id`], and the
/// words as written (lowercased), one space between two.
#[derive(Debug, Default)]
struct Sentence {
    stems: Box<[u64]>,
    /// The same, sorted: how many words two sentences have in common, whatever the order, is
    /// a bound on their common sequence that costs a merge.
    sorted: Box<[u64]>,
    raw: Box<str>,
}

impl Sentence {
    fn of(words: &[Word]) -> Sentence {
        let stems: Box<[u64]> = words.iter().map(|w| word_id(&w.stem)).collect();
        let mut sorted = stems.clone();
        sorted.sort_unstable();
        Sentence {
            stems,
            sorted,
            raw: words
                .iter()
                .map(|w| w.raw.as_str())
                .collect::<Vec<_>>()
                .join(" ")
                .into_boxed_str(),
        }
    }
}

/// How many words `x` and `y` have in common, each word counted as often as both have it:
/// at least their longest common subsequence.
fn words_in_common(x: &Sentence, y: &Sentence) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < x.sorted.len() && j < y.sorted.len() {
        match x.sorted[i].cmp(&y.sorted[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// What `x` and `y` do not share ([`Vocabulary::residual`]). Costs time and memory in the
/// product of their lengths.
fn residual_between(x: &Sentence, y: &Sentence) -> Residual {
    let table = common_lengths(&x.stems, &y.stems);
    let (a, b) = outside_the_frame(x, y, &table);
    Residual {
        frame: frame_share(x, y, &table),
        a,
        b,
    }
}

/// The share of the shorter of `x` and `y` that their longest common subsequence makes up
/// (0 when either has no words), from their [`common_lengths`].
fn frame_share(x: &Sentence, y: &Sentence, table: &[u32]) -> f32 {
    let shorter = x.stems.len().min(y.stems.len());
    if shorter == 0 {
        0.0
    } else {
        table[0] as f32 / shorter as f32
    }
}

/// The words of `x` and of `y` outside their longest common subsequence, each side's joined
/// by spaces.
fn outside_the_frame(x: &Sentence, y: &Sentence, table: &[u32]) -> (String, String) {
    let (in_x, in_y) = common_sequence(&x.stems, &y.stems, table);
    let outside = |raw: &str, framed: &[bool]| {
        raw.split(' ')
            .zip(framed)
            .filter(|(_, &f)| !f)
            .map(|(w, _)| w)
            .collect::<Vec<_>>()
            .join(" ")
    };
    (outside(&x.raw, &in_x), outside(&y.raw, &in_y))
}

/// A subject term of a question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    key: TermKey,
    /// The canonical phrase of a concept, or the word as first written.
    pub name: String,
    pub class: TermClass,
    /// Whether the term only appears among examples ("such as SHAP or LIME").
    pub example: bool,
    /// A subject that sets the scene ("model", "data"): it weighs as a subject, but two
    /// questions that share nothing else do not share a subject.
    setting: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum TermKey {
    Concept(u32),
    Word(String),
    /// A light term of a question that names nothing else.
    Sole(Box<TermKey>),
}

impl TermKey {
    /// The term itself, whether or not it is a question's sole subject.
    fn plain(&self) -> &TermKey {
        match self {
            TermKey::Sole(inner) => inner.plain(),
            other => other,
        }
    }
}

/// Settings of the detector.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DetectorOptions {
    /// Pairs scoring at least this are near duplicates (0 to 1).
    pub threshold: f32,
    /// How many candidates one text is scored against at most ([`MAX_CANDIDATES_PER_TEXT`]).
    pub max_candidates: usize,
    /// How many near-duplicate partners one text keeps at most ([`MAX_PARTNERS`]).
    pub max_partners: usize,
}

impl DetectorOptions {
    /// The default limits, at `threshold`.
    pub fn with_threshold(threshold: f32) -> DetectorOptions {
        DetectorOptions {
            threshold,
            ..DetectorOptions::default()
        }
    }

    /// No limits: every pair at or above `threshold` (what an all-pairs comparison finds).
    pub fn exhaustive(threshold: f32) -> DetectorOptions {
        DetectorOptions {
            threshold,
            max_candidates: usize::MAX,
            max_partners: usize::MAX,
        }
    }
}

impl Default for DetectorOptions {
    fn default() -> Self {
        DetectorOptions {
            threshold: DEFAULT_THRESHOLD,
            max_candidates: MAX_CANDIDATES_PER_TEXT,
            max_partners: MAX_PARTNERS,
        }
    }
}

/// Finds near-duplicate questions.
#[derive(Debug, Clone)]
pub struct Detector {
    vocabulary: Vocabulary,
    options: DetectorOptions,
    /// Sentence vectors of the texts, when a model computed them.
    meaning: Option<std::sync::Arc<Embeddings>>,
    /// The fixed background read with this vocabulary, once, when first needed.
    background: std::sync::OnceLock<Background>,
}

/// The questions that weigh subject terms: one a line, `#` comments. Fixed, so that a pair's
/// score depends on its two texts only, never on the other questions of the bank of the
/// moment (adding questions unrelated to a pair never changes its verdict).
const BACKGROUND: &str = include_str!("../data/background-questions.txt");

/// How many questions of [`BACKGROUND`] hold each term.
#[derive(Debug, Clone)]
struct Background {
    texts: usize,
    df: FastMap<TermKey, u32>,
}

impl Background {
    fn read(vocabulary: &Vocabulary) -> Background {
        let texts: Vec<&str> = BACKGROUND
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        let analysed: Vec<Analysis> = qbank_core::parallel::map_ordered(&texts, 256, |_, t| {
            vocabulary.analyse(t, Want::Terms)
        });
        let mut df: FastMap<TermKey, u32> = FastMap::default();
        for a in analysed {
            for t in a.terms {
                *df.entry(t.key.plain().clone()).or_default() += 1;
            }
        }
        Background {
            texts: texts.len(),
            df,
        }
    }

    /// The weight of a term by its rarity in the background: 1 + ln((N + 1) / (df + 1)); a
    /// term the background never holds weighs the most.
    fn idf(&self, key: &TermKey) -> f32 {
        let df = self.df.get(key.plain()).copied().unwrap_or(0);
        1.0 + ((self.texts as f32 + 1.0) / (df as f32 + 1.0)).ln()
    }
}

/// Two near-duplicate texts and their score ([`qbank_core::Pair`]): indices into the indexed
/// texts, which for a bank are its active questions.
pub use qbank_core::Pair;

/// How similar two indexed texts are.
#[derive(Debug, Clone, PartialEq)]
pub struct Similarity {
    pub score: f32,
    /// The subject terms both have (light words left out), heaviest first.
    pub shared: Vec<String>,
    /// The cosine of the two texts' sentence vectors, when both have one.
    pub semantic: Option<f32>,
    /// The words each text has where the other has others, when the two are one sentence
    /// with one subject swapped for another (which lowers the score): by the words, or by
    /// what those words mean.
    pub swapped: Option<(String, String)>,
    /// Whether meaning decided the score: the vocabulary knows few of the two texts' words
    /// and they share none of its subjects, and the two mean the same.
    pub by_meaning: bool,
}

impl Detector {
    /// The detector for a bank: the built-in vocabulary plus every topic's synonyms, scoring
    /// pairs from `threshold` on.
    pub fn for_bank(bank: &qbank_core::Bank, threshold: f32) -> Detector {
        Detector::new(
            Vocabulary::from_topics(&bank.topics),
            DetectorOptions::with_threshold(threshold),
        )
    }

    pub fn new(vocabulary: Vocabulary, options: DetectorOptions) -> Detector {
        Detector {
            vocabulary,
            options,
            meaning: None,
            background: std::sync::OnceLock::new(),
        }
    }

    /// The fixed background that weighs terms, read with this detector's vocabulary.
    fn background(&self) -> &Background {
        self.background
            .get_or_init(|| Background::read(&self.vocabulary))
    }

    /// The same detector, reading texts with their sentence vectors too: texts found in
    /// `meaning` are compared by what they mean as well as by their subject terms (see
    /// [`Similarity`]); texts it lacks by their terms alone.
    pub fn with_meaning(mut self, meaning: Option<std::sync::Arc<Embeddings>>) -> Detector {
        self.meaning = meaning.filter(|m| !m.is_empty());
        self
    }

    /// The sentence vectors it reads texts with, if any.
    pub fn meaning(&self) -> Option<&Embeddings> {
        self.meaning.as_deref()
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    pub fn options(&self) -> &DetectorOptions {
        &self.options
    }

    /// Reads `texts` and weighs their terms against each other.
    ///
    /// Texts are read on all cores; the result does not depend on how many.
    pub fn index<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Index<'_> {
        // A run of texts at a time, each run read on all cores and then folded into the index
        // before the next is read: what the vocabulary finds in a text is large beside what
        // the index keeps of it.
        let want = if self.meaning.is_some() {
            Want::TermsAndWords
        } else {
            Want::Terms
        };
        let analysed = texts.chunks(ANALYSIS_RUN).flat_map(|run| {
            qbank_core::parallel::map_ordered(run, 2048, |_, t| {
                self.vocabulary.analyse(t.as_ref(), want)
            })
        });
        Index::build(self, texts, analysed)
    }

    /// The near-duplicate pairs among `texts`, in order of `a` then `b`.
    pub fn near_duplicates<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Pair> {
        self.index(texts).near_duplicates()
    }
}

/// Texts read by a [`Detector`], with their terms weighed against each other.
#[derive(Debug)]
pub struct Index<'d> {
    detector: &'d Detector,
    /// Display name of each term; term ids are ordered rarest first.
    names: Vec<Arc<str>>,
    /// Term ids below this are subjects; the others are light words.
    subjects: u32,
    /// Each text's terms (id, weight), ids ascending (so rarest first).
    docs: Docs,
    totals: Vec<f32>,
    /// Each text's words, stop words left out, as [`word_id`]s (see [`swapped`]).
    sequences: Vec<Box<[u64]>>,
    /// The same words as written, one space between two.
    raw: Vec<Box<str>>,
    /// Each text's share of its subject terms that the vocabulary knows (see
    /// [`Parts::known`]).
    known: Vec<f32>,
    /// Whether each term is a subject of the vocabulary, by term id.
    concept: Vec<bool>,
    /// Every word of each text, when any text has a vector: the verdict reads what two of
    /// them do not share ([`Vocabulary::residual`]).
    sentences: Vec<Sentence>,
    /// Each text's sentence vector, when the detector has one for it.
    vectors: Vec<Option<&'d [f32]>>,
    /// What [`Index::meaning_decides`] reads of each text on its own, in one byte: the
    /// search asks it of every candidate pair, and one small array is read from the
    /// processor's caches where three large ones were read from memory.
    meaning_may_decide: Vec<MayDecide>,
}

/// Whether meaning may decide a pair with a text, as far as that text alone tells
/// ([`Index::meaning_decides`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum MayDecide {
    /// Never: the text has no vector, or more than [`MEANING_MOST_WORDS`] words.
    Never,
    /// The vocabulary knows at least [`MEANING_WHERE_KNOWN_BELOW`] of the text's subjects:
    /// only with a text of which it knows less.
    WellKnown,
    /// The vocabulary knows less of the text's subjects than that.
    LittleKnown,
}

/// Each text's terms (id, weight), ids ascending, all in one list: `docs[i]` is text `i`'s.
type Docs = Lists<(u32, f32)>;

/// A list for each text, all in one list: `lists[i]` is text `i`'s.
#[derive(Debug)]
struct Lists<T> {
    items: Vec<T>,
    /// Where each text's list ends in `items`.
    ends: Vec<usize>,
}

impl<T> Default for Lists<T> {
    fn default() -> Lists<T> {
        Lists {
            items: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl<T: Copy> Lists<T> {
    /// Room for `texts` lists of `items` in all.
    fn with_capacity(texts: usize, items: usize) -> Lists<T> {
        Lists {
            items: Vec::with_capacity(items),
            ends: Vec::with_capacity(texts),
        }
    }

    fn push(&mut self, list: &[T]) {
        self.items.extend_from_slice(list);
        self.ends.push(self.items.len());
    }

    fn len(&self) -> usize {
        self.ends.len()
    }

    fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn iter(&self) -> impl Iterator<Item = &[T]> + '_ {
        (0..self.len()).map(|i| &self[i])
    }
}

impl<T> std::ops::Index<usize> for Lists<T> {
    type Output = [T];

    fn index(&self, i: usize) -> &[T] {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.items[start..self.ends[i]]
    }
}

/// What a pair's score reads of one of its two texts ([`Index::side`]), wherever it is kept.
#[derive(Debug, Clone, Copy)]
struct Side<'x> {
    /// Its terms and weights, ids ascending.
    terms: &'x [(u32, f32)],
    /// Its weight.
    total: f32,
    /// Its words, stop words left out, as [`word_id`]s.
    sequence: &'x [u64],
    /// Its sentence vector, if it has one.
    vector: Option<&'x [f32]>,
}

/// The subject-term score of two texts of weights `x` and `y` that share `shared`, whatever
/// they share: S / (S + μ·X_max + σ·X_min), X being what each has beyond S.
fn overlap(x: f32, y: f32, shared: f32) -> f32 {
    let (xa, xb) = (x - shared, y - shared);
    let union = shared + LARGER_SIDE_PENALTY * xa.max(xb) + SMALLER_SIDE_PENALTY * xa.min(xb);
    if union <= 0.0 {
        0.0
    } else {
        shared / union
    }
}

/// `score`, or nothing when the two texts share less than [`MIN_SHARED_WEIGHT`].
fn gated(score: f32, shared: f32) -> f32 {
    if shared < MIN_SHARED_WEIGHT {
        0.0
    } else {
        score
    }
}

/// How much a term of each class counts, relative to its rarity.
fn class_factor(class: TermClass) -> f32 {
    match class {
        TermClass::Light => LIGHT_FACTOR,
        TermClass::Word => WORD_FACTOR,
        TermClass::Concept => CONCEPT_FACTOR,
    }
}

/// How many candidates one text is scored against at most. In a bank written from templates
/// nearly every text reaches it (92% of 100,000 adopted questions at 400), so the pair search
/// takes time in proportion to it. On two generated banks of 10,000 questions with planted
/// rewordings, 300 flags fewer pairs than 400, more of them true, and finds the planted ones
/// as often, give or take one (BENCHMARKS.md, "Fewer candidates a text"); the labelled sets,
/// where no text reaches either, read the same.
pub const MAX_CANDIDATES_PER_TEXT: usize = 300;
/// How many near-duplicate partners one text keeps at most (the closest ones).
pub const MAX_PARTNERS: usize = 8;

/// The least share of its own weight that each text of a pair scoring at least `threshold`
/// has in common with the other: (for the lighter text, for the heavier one).
///
/// With S the shared weight and X_A, X_B what each text has beyond it (the lighter text has
/// the smaller X, since both share S), a score of at least t means
/// S ≥ t·(S + μ·X_heavier + σ·X_lighter). Dropping one of the two terms, S ≥ t·(S + σ·X_L)
/// and S ≥ t·(S + μ·X_H); as S + X is a text's weight W, S ≥ t·σ / (1 − t + t·σ) · W_L and
/// S ≥ t·μ / (1 − t + t·μ) · W_H.
fn least_shares(threshold: f32) -> (f32, f32) {
    let t = threshold.min(1.0);
    let share = |penalty: f32| t * penalty / (1.0 - t + t * penalty);
    (share(SMALLER_SIDE_PENALTY), share(LARGER_SIDE_PENALTY))
}

/// The least weight two texts must share to be near duplicates at all: what one term in about
/// a fifth of the texts weighs (1 + ln 4.5 ≈ 2.5). Two questions that share nothing rarer
/// than "model" are not near duplicates however short they are: "deploying models on edge
/// devices" and "integrating models into production" share "model" and little else.
const MIN_SHARED_WEIGHT: f32 = 2.5;

/// How much a light word counts, relative to its rarity.
const LIGHT_FACTOR: f32 = 0.1;
/// How much a subject of the vocabulary counts, relative to its rarity.
const CONCEPT_FACTOR: f32 = 1.0;
/// How much a word the vocabulary does not know counts, relative to its rarity. Below 1:
/// in a small bank every plain English word looks rare ("slice", "widen", "contender"), and
/// a question that describes its subject in many such words would otherwise be kept apart
/// from one that names it.
const WORD_FACTOR: f32 = 0.5;
/// How much a term that only appears among examples counts.
const EXAMPLE_FACTOR: f32 = 0.5;
/// How much the unmatched weight of the question that says more counts against the score.
/// Below 1: a question that asks everything another asks and a little more is still its
/// near duplicate.
const LARGER_SIDE_PENALTY: f32 = 0.3;
/// How much the unmatched weight of the question that says less counts against the score.
/// Above 1: when each question has a subject the other lacks, they ask different things.
const SMALLER_SIDE_PENALTY: f32 = 2.0;

/// A word's stem as a number, the same for every text of every run
/// ([`qbank_core::hash::word_id`]): comparing two texts word by word then needs no shared
/// table, so texts are read in parallel. Two stems that collide (about one pair in 10^19)
/// would only count as the same word.
fn word_id(stem: &str) -> u64 {
    qbank_core::hash::word_id(stem)
}

/// How much of the shorter text the words around a swapped phrase must make up (see
/// [`swapped`]).
const SWAP_COVER: f32 = 0.5;
/// What the score of two texts is multiplied by when they are one sentence with one subject
/// swapped for another: "How do you scale model serving?" and "How do you scale model
/// training?" are two questions of one template, however much of it they share.
const SWAP_FACTOR: f32 = 0.5;

/// Whether two texts (their words, stop words left out) are one sentence with one phrase
/// swapped for another: the same words before and after it make up at least [`SWAP_COVER`]
/// of the shorter text, and each text has words of its own in between. A phrase added to one
/// text ("A/B testing" and "A/B testing in production") is not a swap, nor are synonyms that
/// differ only in stop words ("ML" and "machine learning").
fn swapped(x: &[u64], y: &[u64]) -> bool {
    swap_span(x, y).is_some()
}

/// Where the swapped phrases are, when [`swapped`] holds: the range of each text's words
/// between the common start and the common end.
fn swap_span(x: &[u64], y: &[u64]) -> Option<(std::ops::Range<usize>, std::ops::Range<usize>)> {
    let before = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    let (x_rest, y_rest) = (&x[before..], &y[before..]);
    let after = x_rest
        .iter()
        .rev()
        .zip(y_rest.iter().rev())
        .take_while(|(p, q)| p == q)
        .count();
    let around = before + after;
    (around < x.len()
        && around < y.len()
        && around as f32 >= SWAP_COVER * x.len().min(y.len()) as f32)
        .then(|| (before..x.len() - after, before..y.len() - after))
}

/// Words `range` of `raw` (words separated by one space), joined by spaces.
fn words_of(raw: &str, range: std::ops::Range<usize>) -> String {
    let words: Vec<&str> = raw.split(' ').skip(range.start).take(range.len()).collect();
    words.join(" ")
}

/// How two texts with sentence vectors are scored: `weight` × the cosine scaled from
/// `origin` (0) to 1 (1), plus the rest × the term score scaled from `lexical_origin` (0) to
/// 1 (1); times `swap` when they are one sentence with one subject swapped for another.
#[derive(Debug, Clone, Copy)]
struct Blend {
    weight: f32,
    origin: f32,
    lexical_origin: f32,
    swap: f32,
    /// Whether the term score needs [`MIN_SHARED_WEIGHT`] in common (the verdict) or counts
    /// whatever the texts share (the ranking: the closest questions whatever they share).
    gated: bool,
}

impl Blend {
    fn of(&self, cosine: f32, lexical: f32) -> f32 {
        // A term score is already in 0..=1, so an origin of 0 leaves it as it is.
        let from = |x: f32, origin: f32| ((x - origin) / (1.0 - origin)).clamp(0.0, 1.0);
        self.weight * from(cosine, self.origin)
            + (1.0 - self.weight) * from(lexical, self.lexical_origin)
    }

    /// The least term score with which the blend can reach `score` at all: what it needs
    /// with a cosine of 1, the most a cosine adds.
    fn least_lexical(&self, score: f32) -> f32 {
        let from_cosine = ((score - self.weight) / (1.0 - self.weight)).max(0.0);
        self.lexical_origin + (1.0 - self.lexical_origin) * from_cosine
    }
}

/// The score, and so the verdict, of two texts with vectors. Chosen on the dev splits of the
/// four labelled sets (BENCHMARKS.md): there, the cosine of all-MiniLM-L6-v2 barely tells a
/// reworded duplicate from a template sibling (both score about 0.5), so the subject terms
/// decide; the cosine only lifts pairs it is very sure of, and a swapped subject counts a
/// quarter (the siblings' vectors are close, as they share most words).
const VERDICT: Blend = Blend {
    weight: 0.10,
    origin: 0.70,
    lexical_origin: 0.0,
    swap: 0.25,
    gated: true,
};

/// Below this share of two texts' subjects known to the vocabulary ([`Parts::known`]), and
/// when the two share no subject it knows (a scene-setting one included: "model"), their words
/// say little of whether they ask the same: a rewording in a field the vocabulary does not know
/// shares few of its words ("How do you perform a zero-downtime deployment?" / "How do you
/// release a new version without users noticing?"), and two questions of one field that ask
/// different things share its name and little else ("What is hoisting in JavaScript?" / "What
/// is the difference between == and === in JavaScript?"). There meaning decides, either way:
/// see [`MEANING_FROM`]. Where they share a known subject, the words decide as before: the
/// vocabulary reads that subject, and the swap test what differs. Chosen with the six below
/// on the dev splits of the labelled sets (BENCHMARKS.md, "Meaning where the vocabulary knows
/// few of the words").
const MEANING_WHERE_KNOWN_BELOW: f32 = 0.34;
/// The cosine from which two such texts are one question by meaning alone: their whole
/// texts' cosine, and where they share a sentence frame ([`MEANING_FRAME`]) the cosine of
/// what differs between them too (template siblings share a frame and a topic, so their
/// whole texts' cosine is high whatever they ask). Their score is then [`DEFAULT_THRESHOLD`]
/// at this cosine, rising to 1 at a cosine of 1. Below it the same scale caps what their words
/// score (0.28 at a cosine of 0.4): words that the vocabulary does not know, shared by two
/// texts that mean different things, do not make them one question. Two texts close as wholes
/// whose differing words ([`MEANING_FRAME`]) mean other things score at most
/// [`RELATED_THRESHOLD`]: related, not one question.
const MEANING_FROM: f32 = 0.5;
/// From this share of the shorter text, a shared sentence frame makes two texts one sentence
/// with something else in it ([`Vocabulary::residual`]).
const MEANING_FRAME: f32 = 0.3;
/// The most words the longer of two texts may have for meaning alone to decide: a sentence
/// vector averages its words, and two long questions of one field (two design scenarios, two
/// behavioural prompts) are close whatever they ask (cosines of 0.55 to 0.58 in the project's
/// bank, 27 to 40 words). Every duplicate meaning decides on the dev splits has 21 words or
/// fewer.
const MEANING_MOST_WORDS: usize = 24;
/// Two texts whose shared frame is at least this share of the shorter one, and whose words
/// outside it mean different things (a cosine below [`RESIDUAL_DIFFERS_BELOW`]), are one
/// template with another subject in it, whatever the word swap test read: their score is
/// multiplied by [`RESIDUAL_DISCOUNT`] ("demographic parity" / "equalised odds" as a fairness
/// criterion, "back up" / "upgrade" a production database).
const RESIDUAL_FRAME: f32 = 0.8;
/// See [`RESIDUAL_FRAME`].
const RESIDUAL_DIFFERS_BELOW: f32 = 0.5;
/// See [`RESIDUAL_FRAME`].
const RESIDUAL_DISCOUNT: f32 = 0.5;
/// The most words on either side of what two texts of one template do not share, for
/// [`RESIDUAL_FRAME`]: a template's slot holds a subject's name. Longer residuals (another
/// scene as well) are left to the words, and need no vectors.
const RESIDUAL_MOST_WORDS: usize = 3;

/// How a finding or a search result says that meaning decided a pair's score
/// ([`Similarity::by_meaning`]).
pub const BY_MEANING: &str = "decided by meaning: qbank's vocabulary knows few of these words";

/// A pair's verdict with sentence vectors, and what decided it.
#[derive(Debug, Clone, Copy)]
struct Judgement {
    score: f32,
    /// One template with another subject in it: the score was lowered.
    other_subject: bool,
    /// Meaning alone made the score.
    by_meaning: bool,
}

/// A text whose partners wait for the phrases' vectors in the search for pairs: the text, and
/// each partner with its score so far and whether its verdict reads what the two do not share.
type Waiting = (usize, Vec<(usize, f32, bool)>);

/// What two indexed texts with vectors do not share, as the verdict reads it: the share of
/// the shorter text their frame makes up, how many words each has outside it, and those words
/// when the verdict reads their meaning.
#[derive(Debug, Clone)]
struct PairResidual {
    frame: f32,
    words: (usize, usize),
    /// Each side's words outside the frame, when the verdict reads their cosine.
    phrases: Option<(String, String)>,
    /// The whole texts' cosine when meaning decides ([`Index::meaning_decides`]), asked once
    /// for the pair.
    whole: Option<f32>,
}

impl PairResidual {
    /// Whether each side has at most [`RESIDUAL_MOST_WORDS`] words.
    fn short(&self) -> bool {
        self.words.0 <= RESIDUAL_MOST_WORDS && self.words.1 <= RESIDUAL_MOST_WORDS
    }

    /// Whether one side has no words outside the frame (one text holds the other's words).
    fn one_side_empty(&self) -> bool {
        self.words.0 == 0 || self.words.1 == 0
    }

    /// Whether meaning, deciding, reads what differs between the two: they share a frame
    /// ([`MEANING_FRAME`]) and their whole texts are close enough for it to matter.
    fn meaning_reads_what_differs(&self) -> bool {
        self.frame >= MEANING_FRAME && self.whole.is_some_and(|c| c >= MEANING_FROM)
    }
}

/// How [`Index::closest`] orders texts with vectors. Meaning and words count about alike:
/// the nearest by meaning is the best first guess where the words differ entirely ("process
/// and thread" / "threads differ from processes"), and where a field's questions are all close
/// by meaning (an MLOps bank) the words tell them apart. Words count from a term score of
/// 0.15 on, so that a name of the field two questions share ("JavaScript") does not lift a
/// question past a rewording that shares nothing; the swap test pushes template siblings down.
/// Chosen on the dev splits' ranking, against all texts and against one field's
/// (BENCHMARKS.md).
const RANKING: Blend = Blend {
    weight: 0.55,
    origin: 0.0,
    lexical_origin: 0.15,
    swap: 0.50,
    gated: false,
};

/// How [`Index::closest`] orders texts without vectors: by the term score, whatever weight
/// they share, a swapped subject counting as in the verdict.
const RANKING_WORDS: Blend = Blend {
    weight: 0.0,
    origin: 0.0,
    lexical_origin: 0.0,
    swap: SWAP_FACTOR,
    gated: false,
};

/// How many texts [`Detector::index`] reads at a time (on all cores) before folding them in.
const ANALYSIS_RUN: usize = 8192;

/// How many texts (in the order they are looked up in) one task of the pair search takes.
const LOOKUP_RUN: usize = 512;

/// How many nearest texts by meaning each text is compared with when looking for pairs.
const SEMANTIC_NEIGHBOURS: usize = 16;

/// The parts a score is made of (see [`Index::parts`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Parts {
    /// The subject-term score, before the swap test.
    pub lexical: f32,
    /// The term score whatever weight the two share (what the ranking reads), before the swap
    /// test.
    pub overlap: f32,
    /// The cosine of the two texts' vectors, when both have one.
    pub semantic: Option<f32>,
    /// One sentence with one subject swapped for another.
    pub swapped: bool,
    /// The score from the words and the whole texts' meaning (`VERDICT`, the swap test
    /// included), before what the two do not share is read ([`Index::score`]).
    pub blended: f32,
    /// How much of the two texts' subject terms the vocabulary knows: of each text's subject
    /// terms (light words left out), the share that are subjects of the vocabulary rather
    /// than words it does not know, the lower of the two texts'. 1 for two questions of the
    /// vocabulary's field, 0 for two it knows nothing of.
    pub known: f32,
    /// Whether the two share a subject of the vocabulary (a scene-setting one included).
    pub shares_known_subject: bool,
}

/// What two texts do not share: the words of each (as written, lowercased) outside their
/// longest common sequence of words (compared by stem), the sentence frame they share
/// ([`Vocabulary::residual`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Residual {
    /// The frame's share of the shorter text's words (0 when either text has none).
    pub frame: f32,
    /// The first text's words outside the frame, one space between two.
    pub a: String,
    /// The second text's.
    pub b: String,
}

/// The share of `terms`' subjects that the vocabulary knows (see [`Parts::known`]); 1 for a
/// text with no subject but light words.
fn known_share(terms: &[Term]) -> f32 {
    let (concepts, words) = terms.iter().fold((0u32, 0u32), |(c, w), t| match t.class {
        TermClass::Concept => (c + 1, w),
        TermClass::Word => (c, w + 1),
        TermClass::Light => (c, w),
    });
    if concepts + words == 0 {
        1.0
    } else {
        concepts as f32 / (concepts + words) as f32
    }
}

/// The lengths of the longest common subsequences of `x[i..]` and `y[j..]`, at
/// `i * (y.len() + 1) + j`: the first entry is the longest of all.
fn common_lengths(x: &[u64], y: &[u64]) -> Vec<u32> {
    let (n, m) = (x.len(), y.len());
    let width = m + 1;
    let mut table = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * width + j] = if x[i] == y[j] {
                table[(i + 1) * width + j + 1] + 1
            } else {
                table[(i + 1) * width + j].max(table[i * width + j + 1])
            };
        }
    }
    table
}

/// Which positions of `x` and of `y` make up one longest common subsequence of the two (the
/// earliest in `x` where several are as long), from their [`common_lengths`].
fn common_sequence(x: &[u64], y: &[u64], table: &[u32]) -> (Vec<bool>, Vec<bool>) {
    let (n, m) = (x.len(), y.len());
    let width = m + 1;
    let (mut in_x, mut in_y) = (vec![false; n], vec![false; m]);
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if x[i] == y[j] {
            in_x[i] = true;
            in_y[j] = true;
            i += 1;
            j += 1;
        } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
    (in_x, in_y)
}

impl<'d> Index<'d> {
    fn build<S: AsRef<str>>(
        detector: &'d Detector,
        texts: &[S],
        analysed: impl Iterator<Item = Analysis>,
    ) -> Index<'d> {
        let vectors: Vec<Option<&[f32]>> = texts
            .iter()
            .map(|t| detector.meaning.as_deref().and_then(|m| m.get(t.as_ref())))
            .collect();
        let by_meaning = vectors.iter().any(Option::is_some);
        let mut sentences = Vec::new();
        let mut sequences = Vec::with_capacity(texts.len());
        let mut raw = Vec::with_capacity(texts.len());
        let mut known = Vec::with_capacity(texts.len());
        // Provisional ids in order of first appearance, with document frequencies.
        let mut ids: FastMap<TermKey, u32> = FastMap::default();
        let background = detector.background();
        let mut weight: Vec<f32> = Vec::new();
        let mut first: Vec<String> = Vec::new();
        let mut df: Vec<u32> = Vec::new();
        let mut is_light: Vec<bool> = Vec::new();
        let mut is_concept: Vec<bool> = Vec::new();
        let provisional: Vec<Vec<(u32, f32)>> = analysed
            .map(|a| {
                sequences.push(a.sequence);
                raw.push(a.raw);
                known.push(known_share(&a.terms));
                if by_meaning {
                    sentences.push(a.sentence);
                }
                a.terms
                    .into_iter()
                    .map(|t| {
                        let factor =
                            class_factor(t.class) * if t.example { EXAMPLE_FACTOR } else { 1.0 };
                        // Light words and scene-setting subjects come after the subjects:
                        // sharing them alone does not make two questions share a subject.
                        let light = t.class == TermClass::Light || t.setting;
                        let id = *ids.entry(t.key).or_insert_with_key(|key| {
                            weight.push(background.idf(key));
                            first.push(t.name);
                            df.push(0);
                            is_light.push(light);
                            is_concept.push(t.class == TermClass::Concept);
                            (first.len() - 1) as u32
                        });
                        df[id as usize] += 1;
                        (id, factor)
                    })
                    .collect()
            })
            .collect();
        // Final ids: subjects before light words, rarest in these texts first, ties by first
        // appearance (so the order is deterministic). Two texts that share a subject then
        // share one among the first terms of each, where the index looks. The weights come
        // from the fixed background, not from these texts.
        let mut order: Vec<u32> = (0..first.len() as u32).collect();
        order.sort_by_key(|&p| (is_light[p as usize], df[p as usize], p));
        let mut rank = vec![0u32; order.len()];
        for (r, &p) in order.iter().enumerate() {
            rank[p as usize] = r as u32;
        }
        let names = order
            .iter()
            .map(|&p| Arc::from(first[p as usize].as_str()))
            .collect();
        let subjects = order.iter().filter(|&&p| !is_light[p as usize]).count() as u32;
        let mut docs = Docs::default();
        let mut v: Vec<(u32, f32)> = Vec::new();
        for terms in provisional {
            v.clear();
            v.extend(
                terms
                    .into_iter()
                    .map(|(p, factor)| (rank[p as usize], factor * weight[p as usize])),
            );
            v.sort_unstable_by_key(|(t, _)| *t);
            docs.push(&v);
        }
        let totals = docs
            .iter()
            .map(|d| d.iter().map(|(_, w)| w).sum())
            .collect();
        let meaning_may_decide = (0..texts.len())
            .map(|i| {
                if vectors[i].is_none() || sentences[i].stems.len() > MEANING_MOST_WORDS {
                    MayDecide::Never
                } else if known[i] >= MEANING_WHERE_KNOWN_BELOW {
                    MayDecide::WellKnown
                } else {
                    MayDecide::LittleKnown
                }
            })
            .collect();
        Index {
            detector,
            names,
            subjects,
            docs,
            totals,
            sequences,
            raw,
            known,
            concept: order.iter().map(|&p| is_concept[p as usize]).collect(),
            sentences,
            vectors,
            meaning_may_decide,
        }
    }

    /// How many texts are indexed.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// The subject terms of text `i`, rarest first, with their weights.
    pub fn terms(&self, i: usize) -> Vec<(&str, f32)> {
        self.docs[i]
            .iter()
            .map(|&(t, w)| (&*self.names[t as usize], w))
            .collect()
    }

    /// The weight both texts share: the sum over common terms of the smaller weight; zero
    /// unless they share a subject (a light word in common is not enough). Also how many
    /// subjects they share.
    fn shared_weight(&self, a: usize, b: usize) -> (f32, usize) {
        // Both lists are in ascending term order: one cursor walks `b`'s as `a`'s go by.
        let y = &self.docs[b];
        let mut j = 0;
        let weight_in_b = |t| {
            while j < y.len() && y[j].0 < t {
                j += 1;
            }
            match y.get(j) {
                Some(&(u, weight)) if u == t => weight,
                _ => 0.0,
            }
        };
        let (x, total) = (&self.docs[a], self.totals[a]);
        self.shared_weight_of(x, total, y, weight_in_b, f32::NEG_INFINITY)
            .unwrap_or_default()
    }

    /// The weight two texts share (each term counting the lesser of its two weights, added in
    /// ascending term order) and how many subjects they share; nothing when they share no
    /// subject. `x` holds the first text's terms, `total` its weight, `y` the other's terms,
    /// wherever the lists are kept; `weight_in_b` gives the other's weight of each of `x`'s
    /// terms in turn, 0 when it lacks it. `None` as soon as the weight the two can still share
    /// falls below `least`: `total` less what the terms read so far did not share. Otherwise
    /// the same sum whatever `least` is.
    fn shared_weight_of(
        &self,
        x: &[(u32, f32)],
        total: f32,
        y: &[(u32, f32)],
        mut weight_in_b: impl FnMut(u32) -> f32,
        least: f32,
    ) -> Option<(f32, usize)> {
        // Subjects come first in each list: a first match past them is a light word.
        match (x.first(), y.first()) {
            (Some(p), Some(q)) if p.0 < self.subjects && q.0 < self.subjects => {}
            _ => return Some((0.0, 0)),
        }
        // How much of `x`'s weight may go unshared.
        let spare = total - least;
        let (mut w, mut subjects, mut lost) = (0.0, 0, 0.0);
        for &(t, weight) in x {
            let other = weight_in_b(t);
            if other > 0.0 {
                subjects += usize::from(t < self.subjects);
                w += weight.min(other);
                if other >= weight {
                    continue;
                }
                lost += weight - other;
            } else {
                lost += weight;
            }
            if lost > spare {
                return None;
            }
        }
        Some(if subjects > 0 {
            (w, subjects)
        } else {
            (0.0, 0)
        })
    }

    /// How many subjects (terms that are not light words) text `i` has.
    fn subject_count(&self, i: usize) -> usize {
        self.docs[i].partition_point(|t| t.0 < self.subjects)
    }

    /// S / (S + μ·X_max + σ·X_min), where S is the shared weight and X_A, X_B the weight each
    /// text has beyond it; times [`SWAP_FACTOR`] when the two are one sentence with one
    /// subject swapped for another.
    fn score_of(&self, a: usize, b: usize) -> f32 {
        self.score_from(a, b, 0.0)
    }

    /// [`Index::score_of`], except that for a pair scoring below `floor` any value below it may
    /// be returned: one without the swap test (which only ever lowers a score), or the most a
    /// cosine could give, when even that is short. The search for pairs at a threshold needs no
    /// more.
    fn score_from(&self, a: usize, b: usize, floor: f32) -> f32 {
        self.blended(a, b, floor, &VERDICT)
    }

    /// The score of `a` and `b` under `blend` when both have vectors, else their term score;
    /// see [`Index::score_from`] for `floor`.
    fn blended(&self, a: usize, b: usize, floor: f32, blend: &Blend) -> f32 {
        let (shared, shared_subjects) = self.shared_weight(a, b);
        self.blended_with(self.side(a), b, shared, shared_subjects, floor, blend)
    }

    /// What a pair's score reads of text `i`.
    fn side(&self, i: usize) -> Side<'_> {
        Side {
            terms: &self.docs[i],
            total: self.totals[i],
            sequence: &self.sequences[i],
            vector: self.vectors[i],
        }
    }

    /// [`Index::blended`] of `a` (what the score reads of it, [`Index::side`]; the pair search
    /// reads it from a copy of the index in its own order) and `b`, which share `shared` weight
    /// and `shared_subjects` subjects ([`Index::shared_weight`]).
    fn blended_with(
        &self,
        a: Side,
        b: usize,
        shared: f32,
        shared_subjects: usize,
        floor: f32,
        blend: &Blend,
    ) -> f32 {
        let lexical = if blend.gated {
            gated(overlap(a.total, self.totals[b], shared), shared)
        } else {
            overlap(a.total, self.totals[b], shared)
        };
        let (score, factor) = match (a.vector, self.vectors[b]) {
            (Some(x), Some(y)) => {
                // The cosine adds at most what a cosine of 1 would (the blend rises with it,
                // rounding included): a pair that cannot reach `floor` even so needs no dot
                // product, and any score below `floor` will do for it.
                let most = blend.of(1.0, lexical);
                if most < floor {
                    return most;
                }
                (blend.of(embeddings::dot(x, y), lexical), blend.swap)
            }
            _ if blend.gated => (lexical, SWAP_FACTOR),
            _ => (lexical, RANKING_WORDS.swap),
        };
        if score > 0.0 && score >= floor && self.swap_with(a, b, shared_subjects) {
            score * factor
        } else {
            score
        }
    }

    /// The subject-term score of `a` and `b` that share `shared` weight, before the swap test.
    fn lexical(&self, a: usize, b: usize, shared: f32) -> f32 {
        gated(self.lexical_ungated(a, b, shared), shared)
    }

    /// [`Index::lexical`] whatever weight the two share.
    fn lexical_ungated(&self, a: usize, b: usize, shared: f32) -> f32 {
        overlap(self.totals[a], self.totals[b], shared)
    }

    /// Whether each has a subject of its own and the rest of the sentence is the same.
    fn swap(&self, a: usize, b: usize, shared_subjects: usize) -> bool {
        self.swap_with(self.side(a), b, shared_subjects)
    }

    /// [`Index::swap`] with what it reads of `a` given.
    fn swap_with(&self, a: Side, b: usize, shared_subjects: usize) -> bool {
        a.terms.partition_point(|t| t.0 < self.subjects) > shared_subjects
            && self.subject_count(b) > shared_subjects
            && swapped(a.sequence, &self.sequences[b])
    }

    /// The cosine of the sentence vectors of `a` and `b`, when both have one.
    fn cosine(&self, a: usize, b: usize) -> Option<f32> {
        Some(embeddings::dot(self.vectors[a]?, self.vectors[b]?))
    }

    /// The whole texts' cosine of `a` and `b` when meaning decides whether they are one
    /// question, either way: both have vectors, the vocabulary knows little of their subjects
    /// ([`MEANING_WHERE_KNOWN_BELOW`]), they share none it knows and neither is long
    /// ([`MEANING_MOST_WORDS`]). Meaning makes them one from [`MEANING_FROM`] on.
    fn meaning_decides(&self, a: usize, b: usize) -> Option<f32> {
        // The cheapest test first: a search asks this of every candidate pair.
        use MayDecide::{LittleKnown, Never};
        let (x, y) = (self.meaning_may_decide[a], self.meaning_may_decide[b]);
        if x == Never
            || y == Never
            || (x != LittleKnown && y != LittleKnown)
            || self.share_a_known_subject(a, b)
        {
            return None;
        }
        self.cosine(a, b)
    }

    /// Whether `a` and `b`, both with vectors, may be one template with another subject in
    /// it ([`RESIDUAL_FRAME`]): each has at most [`RESIDUAL_MOST_WORDS`] words beyond the
    /// words they have in common, and those make up enough of the shorter. A bound, so that
    /// only such pairs are read word by word.
    fn may_be_one_template(&self, a: usize, b: usize) -> bool {
        if self.vectors[a].is_none() || self.vectors[b].is_none() {
            return false;
        }
        let (x, y) = (&self.sentences[a], &self.sentences[b]);
        let common = words_in_common(x, y);
        let (n, m) = (x.stems.len(), y.stems.len());
        n.max(m) <= common + RESIDUAL_MOST_WORDS
            && common as f32 >= RESIDUAL_FRAME * n.min(m) as f32
    }

    /// Whether `a` and `b` share a term that is a subject of the vocabulary.
    fn share_a_known_subject(&self, a: usize, b: usize) -> bool {
        let (x, y) = (&self.docs[a], &self.docs[b]);
        x.iter().any(|&(t, _)| {
            self.concept[t as usize] && y.binary_search_by_key(&t, |&(u, _)| u).is_ok()
        })
    }

    /// What `a` and `b` do not share, with the words themselves when the verdict reads their
    /// cosine (both sides have some, and the frame is one the verdict weighs); `None` when
    /// the verdict cannot use it (meaning does not decide, and one text has more than
    /// [`RESIDUAL_MOST_WORDS`] words beyond the other's).
    fn residual_of(&self, a: usize, b: usize) -> Option<PairResidual> {
        // Read in one order whichever text comes first, so that the search and a pair's own
        // verdict read the same phrases.
        let (first, second) = (a.min(b), a.max(b));
        let (x, y) = (&self.sentences[first], &self.sentences[second]);
        let whole = self.meaning_decides(a, b);
        if whole.is_none() && !self.may_be_one_template(a, b) {
            return None;
        }
        let table = common_lengths(&x.stems, &y.stems);
        let lcs = table[0] as usize;
        let mut words = (x.stems.len() - lcs, y.stems.len() - lcs);
        if first != a {
            words = (words.1, words.0);
        }
        let mut r = PairResidual {
            frame: frame_share(x, y, &table),
            words,
            phrases: None,
            whole,
        };
        let reads = !r.one_side_empty()
            && ((r.frame >= RESIDUAL_FRAME && r.short()) || r.meaning_reads_what_differs());
        if reads {
            let (p, q) = outside_the_frame(x, y, &table);
            r.phrases = Some(if first == a { (p, q) } else { (q, p) });
        }
        Some(r)
    }

    /// The vectors of the phrases the verdicts of `residuals` read, embedded at once where
    /// they were not (one call to the model for a search), by phrase.
    fn phrase_vectors<'r>(
        &self,
        residuals: impl Iterator<Item = &'r PairResidual>,
    ) -> FastMap<&'r str, Arc<[f32]>> {
        let Some(meaning) = self.detector.meaning.as_deref() else {
            return FastMap::default();
        };
        let mut phrases: Vec<&str> = residuals
            .filter_map(|r| r.phrases.as_ref())
            .flat_map(|(p, q)| [p.as_str(), q.as_str()])
            .collect();
        phrases.sort_unstable();
        phrases.dedup();
        phrases
            .iter()
            .zip(meaning.phrase_vectors(&phrases))
            .filter_map(|(p, v)| Some((*p, v?)))
            .collect()
    }

    /// The verdict's score of `a` and `b`, whose score from their words and whole texts'
    /// meaning is `base` ([`VERDICT`]), given what they do not share (`r`, its phrases'
    /// vectors among `vectors`): lowered for a template with another subject in it
    /// ([`RESIDUAL_FRAME`]), and decided by meaning where the vocabulary knows little of their
    /// words ([`MEANING_FROM`]): raised to what meaning says, or held below the threshold.
    fn judgement(
        &self,
        a: usize,
        b: usize,
        base: f32,
        r: &PairResidual,
        vectors: &FastMap<&str, Arc<[f32]>>,
    ) -> Judgement {
        // The cosine of what the two do not share: the whole texts' where one side is empty,
        // none where the verdict does not read it or it could not be embedded.
        let cosine = if r.one_side_empty() {
            self.cosine(a, b)
        } else {
            r.phrases.as_ref().and_then(|(p, q)| {
                Some(embeddings::dot(
                    vectors.get(p.as_str())?,
                    vectors.get(q.as_str())?,
                ))
            })
        };
        let mut j = Judgement {
            score: base,
            other_subject: false,
            by_meaning: false,
        };
        if r.frame >= RESIDUAL_FRAME
            && r.short()
            && cosine.is_some_and(|c| c < RESIDUAL_DIFFERS_BELOW)
        {
            j.score *= RESIDUAL_DISCOUNT;
            j.other_subject = true;
        }
        if let Some(whole) = r.whole {
            // What differs between two sentences of one frame must mean the same too.
            let meaning = if r.meaning_reads_what_differs() {
                cosine.map(|c| c.min(whole))
            } else {
                Some(whole)
            };
            let scale = |c: f32| {
                (DEFAULT_THRESHOLD
                    + (c - MEANING_FROM) * (1.0 - DEFAULT_THRESHOLD) / (1.0 - MEANING_FROM))
                    .max(0.0)
            };
            // Meaning decides either way: it makes the two one question from `MEANING_FROM`
            // on, and below it their words cannot, whatever name of the field the two share
            // ("JavaScript", "passwords"). Two texts close as wholes whose differing words
            // mean other things stay related (kit selection keeps them apart), no closer.
            let decided = match meaning {
                Some(m) if m >= MEANING_FROM => Some(scale(m)).filter(|&s| s > j.score),
                _ if whole < MEANING_FROM => Some(scale(whole)).filter(|&s| s < j.score),
                Some(_) => Some(RELATED_THRESHOLD).filter(|&s| s < j.score),
                None => None,
            };
            if let Some(score) = decided {
                j.score = score;
                j.by_meaning = true;
            }
        }
        j
    }

    /// Embeds at once the phrases the verdicts of `pairs` read (see [`Index::score`]), so
    /// that scoring them one by one ([`Index::score`]) does not call the model for each.
    pub fn prepare(&self, pairs: &[(usize, usize)]) {
        let residuals = qbank_core::parallel::map_ordered(pairs, 64, |_, &(a, b)| {
            self.cosine(a, b).and_then(|_| self.residual_of(a, b))
        });
        self.phrase_vectors(residuals.iter().flatten());
    }

    /// The verdict's score of `a` and `b` ([`Index::score`]): [`Index::score_of`], then, when
    /// both have vectors, what their residual says ([`Index::judgement`]), its phrases embedded
    /// if they were not.
    fn verdict(&self, a: usize, b: usize) -> (Judgement, Option<PairResidual>) {
        let base = self.score_of(a, b);
        match self.cosine(a, b).and_then(|_| self.residual_of(a, b)) {
            Some(r) => {
                let vectors = self.phrase_vectors(std::iter::once(&r));
                (self.judgement(a, b, base, &r, &vectors), Some(r))
            }
            None => (
                Judgement {
                    score: base,
                    other_subject: false,
                    by_meaning: false,
                },
                None,
            ),
        }
    }

    /// Whether any text has a sentence vector.
    pub fn has_meaning(&self) -> bool {
        self.vectors.iter().any(Option::is_some)
    }

    /// What the score of `a` and `b` is made of: for measuring and tuning.
    pub fn parts(&self, a: usize, b: usize) -> Parts {
        let (shared, shared_subjects) = self.shared_weight(a, b);
        Parts {
            lexical: self.lexical(a, b, shared),
            overlap: self.lexical_ungated(a, b, shared),
            semantic: self.cosine(a, b),
            swapped: self.swap(a, b, shared_subjects),
            blended: self.score_of(a, b),
            known: self.known[a].min(self.known[b]),
            shares_known_subject: self.share_a_known_subject(a, b),
        }
    }

    /// The score of texts `a` and `b`, and the subject terms they share (light words left
    /// out), heaviest first.
    pub fn score(&self, a: usize, b: usize) -> Similarity {
        let parts = self.parts(a, b);
        let (judgement, residual) = self.verdict(a, b);
        let swapped = if parts.swapped {
            swap_span(&self.sequences[a], &self.sequences[b])
                .map(|(x, y)| (words_of(&self.raw[a], x), words_of(&self.raw[b], y)))
        } else if judgement.other_subject {
            residual.and_then(|r| r.phrases)
        } else {
            None
        };
        Similarity {
            score: judgement.score,
            shared: self.shared_subjects(a, b).map(|n| n.to_string()).collect(),
            semantic: parts.semantic,
            swapped,
            by_meaning: judgement.by_meaning,
        }
    }

    /// The subject terms texts `a` and `b` share (light words left out), heaviest first.
    pub fn shared_subjects(&self, a: usize, b: usize) -> impl Iterator<Item = &Arc<str>> + '_ {
        let mut shared: Vec<(u32, f32)> = self.docs[a]
            .iter()
            .take_while(|(t, _)| *t < self.subjects)
            .filter_map(|&(t, w)| {
                self.docs[b]
                    .binary_search_by_key(&t, |(u, _)| *u)
                    .ok()
                    .map(|k| (t, w.min(self.docs[b][k].1)))
            })
            .collect();
        shared.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        shared.into_iter().map(|(t, _)| &self.names[t as usize])
    }

    /// What [`Index::closest`] orders texts by: with vectors, a blend of meaning and words (see
    /// `RANKING`); without, the term score whatever weight the two share (a single shared
    /// word counts), a swapped subject lowering it as in the verdict.
    pub fn rank_score(&self, i: usize, j: usize) -> f32 {
        match self.cosine(i, j) {
            Some(_) => self.blended(i, j, 0.0, &RANKING),
            None => self.blended(i, j, 0.0, &RANKING_WORDS),
        }
    }

    /// The texts closest to text `i`, closest first (ties in text order), at most `limit` of
    /// them: every text that shares a subject with it, however little (with vectors: enough
    /// to count, see `RANKING`), or is close by meaning, whatever the threshold. Compares `i` with every text, so it costs time linear in the bank: for one
    /// question, not for all of them (that is [`Index::near_duplicates`]). Each with the score
    /// it is ordered by ([`Index::rank_score`]) and the verdict's ([`Index::score`]).
    pub fn closest(&self, i: usize, limit: usize) -> Vec<(usize, f32, Similarity)> {
        let mut found: Vec<(usize, f32)> = (0..self.docs.len())
            .filter(|&j| j != i)
            .map(|j| (j, self.rank_score(i, j)))
            .filter(|&(_, score)| score > 0.0)
            .collect();
        found.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        found.truncate(limit);
        let pairs: Vec<(usize, usize)> = found.iter().map(|&(j, _)| (i, j)).collect();
        self.prepare(&pairs);
        found
            .into_iter()
            .map(|(j, rank)| (j, rank, self.score(i, j)))
            .collect()
    }

    /// How many leading (rarest) terms of text `i` must hold a shared term of any pair that
    /// shares at least `share` of the text's weight: past them, the rest weighs less.
    fn prefix_len(&self, i: usize, share: f32) -> usize {
        let doc = &self.docs[i];
        let mut rest = self.totals[i];
        for (k, &(_, w)) in doc.iter().enumerate() {
            if rest < share * self.totals[i] {
                return k;
            }
            rest -= w;
        }
        doc.len()
    }

    /// Every pair of texts scoring at least the detector's threshold, in order of `a` then
    /// `b`, and how many candidate pairs were scored to find them. Each text is compared with
    /// at most [`MAX_CANDIDATES_PER_TEXT`] candidates and keeps its [`MAX_PARTNERS`] closest
    /// partners, so the cost stays linear even in a bank of near-identical texts.
    pub fn near_duplicates_counted(&self) -> (Vec<Pair>, usize) {
        self.near_duplicates_counted_at(self.detector.options.threshold)
    }

    /// [`Index::near_duplicates_counted`] at `threshold` instead of the detector's: one index
    /// serves every threshold (what the index holds does not depend on it).
    pub fn near_duplicates_counted_at(&self, threshold: f32) -> (Vec<Pair>, usize) {
        let threshold = threshold.max(f32::EPSILON);
        // A little below the exact bounds, so that rounding never loses a pair.
        let shares = |score: f32| {
            let (lighter, heavier) = least_shares(score);
            (lighter * 0.999, heavier * 0.999)
        };
        let (lighter, heavier) = shares(threshold);
        // The same for two texts with vectors when meaning does not decide their verdict
        // (`meaning_decides`): then only their score can keep them, and the cosine adds at
        // most `VERDICT.weight` to what their words score.
        let shares_by_meaning = shares(VERDICT.least_lexical(threshold));
        let subject_terms = |i: usize, prefix: usize| {
            self.docs[i][..prefix]
                .iter()
                .map(|&(t, _)| t)
                .take_while(|&t| t < self.subjects)
        };
        // Lightest texts first: each text meets the ones before it as the heavier of the two.
        // The lighter one's first shared term is among its few first terms, which are all the
        // index holds; the heavier one looks for it among more of its own.
        let mut order: Vec<usize> = (0..self.docs.len()).collect();
        order.sort_by(|&x, &y| self.totals[x].total_cmp(&self.totals[y]).then(x.cmp(&y)));
        // The texts' terms and weights again, and their words, in that order: a posting list
        // holds positions in it, ascending, so the candidates of a term are read one after the
        // other in memory rather than from all over the index.
        let mut in_order = Docs::with_capacity(order.len(), self.docs.items.len());
        let words = self.sequences.iter().map(|s| s.len()).sum();
        let mut words_in_order: Lists<u64> = Lists::with_capacity(order.len(), words);
        for &i in &order {
            in_order.push(&self.docs[i]);
            words_in_order.push(&self.sequences[i]);
        }
        let totals_in_order: Vec<f32> = order.iter().map(|&i| self.totals[i]).collect();
        // The index of every text at once, each term's texts in that order (as positions in
        // it): a text looks only at the entries before its own position, which are the texts
        // that would have been indexed before it, so texts are looked up on all cores.
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); self.subjects as usize];
        for (position, &b) in order.iter().enumerate() {
            for t in subject_terms(b, self.prefix_len(b, lighter)) {
                postings[t as usize].push(position as u32);
            }
        }
        // Pairs by meaning: each text's nearest neighbours that could reach the threshold on
        // their cosine alone or with some shared terms.
        let by_cosine = VERDICT.origin
            + (1.0 - VERDICT.origin)
                * ((threshold - (1.0 - VERDICT.weight)) / VERDICT.weight).max(0.0);
        let near = self
            .detector
            .meaning
            .as_deref()
            .filter(|_| self.has_meaning())
            .map(|meaning| {
                // Or on meaning alone, where the vocabulary knows little of the words.
                let floor = by_cosine.min(MEANING_FROM);
                meaning.nearest_among(&self.raw, &self.vectors, SEMANTIC_NEIGHBOURS, floor)
            });
        // The order the texts are looked up in: by the rarest term each looks up that
        // another text holds too (then by position). Texts that share it are looked up one
        // after the other and meet mostly the same candidates, whose terms, words and vectors
        // are then still in the processor's caches; in the order of positions, each text's
        // candidates are all over the index. Each text still meets only the texts before its
        // position, and a text's partners do not depend on when it is looked up, so the pairs
        // are the same in any order.
        let first_shared = |position: usize| {
            let b = order[position];
            subject_terms(b, self.prefix_len(b, heavier))
                .find(|&t| postings[t as usize].len() > 1)
                .unwrap_or(u32::MAX)
        };
        let mut visit: Vec<(u32, u32)> = (0..order.len())
            .map(|p| (first_shared(p), p as u32))
            .collect();
        visit.sort_unstable();
        let visit: Vec<usize> = visit.into_iter().map(|(_, p)| p as usize).collect();
        let runs: Vec<&[usize]> = visit.chunks(LOOKUP_RUN).collect();
        // Where each text is in that order, for the texts met by meaning.
        let position_of: Vec<u32> = if near.is_some() {
            let mut at = vec![0u32; order.len()];
            for (position, &i) in order.iter().enumerate() {
                at[i] = position as u32;
            }
            at
        } else {
            Vec::new()
        };
        // Which texts were met while looking up the text at a position (by their positions,
        // marked with the position looked up, unique across runs), and the weights of the
        // text being looked up, by term (every weight is positive; zeroed again after each
        // text): made once a thread, as both start each run as new.
        let scratch = || {
            (
                vec![u32::MAX; self.docs.len()],
                vec![0.0f32; self.names.len()],
            )
        };
        // Whether any text has a vector: where none does, a candidate's own is not looked at.
        let any_vectors = self.has_meaning();
        let looked_up = qbank_core::parallel::map_each_with(&runs, scratch, |scratch, run| {
            let (seen, dense) = scratch;
            let mut pairs = Vec::new();
            let mut candidates = 0usize;
            // (partner, score so far, whether the verdict still reads what the two do not
            // share).
            let mut found: Vec<(usize, f32, bool)> = Vec::new();
            // The texts with such partners, which wait for the phrases' vectors.
            let mut pending: Vec<Waiting> = Vec::new();
            for &position in run.iter() {
                let b = order[position];
                let stamp = position as u32;
                found.clear();
                for &(t, w) in &self.docs[b] {
                    dense[t as usize] = w;
                }
                // Text `a`, at position `p` of the order, where meaning decides the pair's
                // verdict with the whole texts' cosine `whole` (`meaning_decides`).
                let score_with = |a: usize, p: usize, whole: Option<f32>| {
                    let total = totals_in_order[p];
                    let y = self.totals[b];
                    // Without the vectors of both, only the words can bring a pair to the
                    // threshold, and they need a share of each text's weight (`least_shares`):
                    // a pair that cannot share that much is left as soon as that shows. With
                    // them, the words need a little less, as the cosine adds a little; where
                    // meaning decides, the pair is kept whatever its words score, and its
                    // score is read in full.
                    let least_of = |(lighter, heavier): (f32, f32)| {
                        (lighter * total.min(y)).max(heavier * total.max(y))
                    };
                    let least =
                        if !any_vectors || self.vectors[a].is_none() || self.vectors[b].is_none() {
                            least_of((lighter, heavier))
                        } else if whole.is_none() {
                            least_of(shares_by_meaning)
                        } else {
                            f32::NEG_INFINITY
                        };
                    // `b`'s weights spread out by term: one look-up per term of `a` instead
                    // of a merge of the two lists.
                    let weight_in_b = |t: u32| dense[t as usize];
                    let x = &in_order[p];
                    match self.shared_weight_of(x, total, &self.docs[b], weight_in_b, least) {
                        Some((shared, subjects)) => {
                            let a = Side {
                                terms: x,
                                total,
                                sequence: &words_in_order[p],
                                vector: if any_vectors { self.vectors[a] } else { None },
                            };
                            self.blended_with(a, b, shared, subjects, threshold, &VERDICT)
                        }
                        None => 0.0,
                    }
                };
                // Candidate `a` at position `p`, if it may reach the threshold, and whether
                // its verdict reads its residual (see `Index::verdict`).
                let keep = |a: usize, p: usize| -> Option<(usize, f32, bool)> {
                    // Whether meaning decides the verdict, by which cosine; without vectors,
                    // meaning has nothing to say.
                    let whole = if any_vectors {
                        self.meaning_decides(a, b)
                    } else {
                        None
                    };
                    let score = score_with(a, p, whole);
                    let reached = score >= threshold;
                    let raises = whole.is_some_and(|c| c >= MEANING_FROM);
                    // Meaning may raise a pair to the threshold, or bring one down from it.
                    let reads = whole.is_some() || (reached && self.may_be_one_template(a, b));
                    (reached || raises).then_some((a, score, reads))
                };
                let mut scored_here = 0usize;
                'terms: for t in subject_terms(b, self.prefix_len(b, heavier)) {
                    let list = &postings[t as usize];
                    let before = list.partition_point(|&p| p < stamp);
                    for &p in &list[..before] {
                        let p = p as usize;
                        if seen[p] == stamp {
                            continue;
                        }
                        seen[p] = stamp;
                        // Length filter: the shared weight is at most the lighter text's and
                        // at least `heavier` of the heavier one's.
                        if totals_in_order[p] < heavier * self.totals[b] {
                            continue;
                        }
                        candidates += 1;
                        scored_here += 1;
                        found.extend(keep(order[p], p));
                        // A bank where one text resembles thousands of others (generated or
                        // templated questions) would otherwise cost time and memory quadratic
                        // in its size; the first candidates come through the rarest shared
                        // terms, so they are the likeliest partners.
                        if scored_here >= self.detector.options.max_candidates {
                            break 'terms;
                        }
                    }
                }
                // The nearest texts by meaning, whatever words they share.
                if let Some(near) = &near {
                    for &(a, cosine) in &near[b] {
                        let a = a as usize;
                        let p = position_of[a] as usize;
                        // Below the cosine the verdict needs, only meaning alone can decide.
                        if seen[p] == stamp
                            || (cosine < by_cosine
                                && (self.known[a].min(self.known[b]) >= MEANING_WHERE_KNOWN_BELOW
                                    || self.share_a_known_subject(a, b)))
                        {
                            continue;
                        }
                        seen[p] = stamp;
                        candidates += 1;
                        found.extend(keep(a, p));
                    }
                }
                for &(t, _) in &self.docs[b] {
                    dense[t as usize] = 0.0;
                }
                if found.iter().any(|f| f.2) {
                    pending.push((b, found.clone()));
                } else {
                    self.closest_partners(b, &mut found, threshold, &mut pairs);
                }
            }
            (pairs, candidates, pending)
        });
        let candidates = looked_up.iter().map(|(_, c, _)| c).sum();
        let mut pairs: Vec<Pair> = Vec::new();
        let mut pending: Vec<Waiting> = Vec::new();
        for (p, _, waiting) in looked_up {
            pairs.extend(p);
            pending.extend(waiting);
        }
        self.judge_pending(pending, threshold, &mut pairs);
        pairs.sort_by_key(|x| (x.a, x.b));
        // A pair found from both sides is one pair.
        pairs.dedup_by_key(|x| (x.a, x.b));
        pairs.shrink_to_fit();
        (pairs, candidates)
    }

    /// Adds to `pairs` the closest of `b`'s partners `found` (partner, final score) that reach
    /// `threshold`: the rule reports one and counts the rest.
    fn closest_partners(
        &self,
        b: usize,
        found: &mut Vec<(usize, f32, bool)>,
        threshold: f32,
        pairs: &mut Vec<Pair>,
    ) {
        found.retain(|f| f.1 >= threshold);
        found.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
        for &(a, score, _) in found.iter().take(self.detector.options.max_partners) {
            let (a, b) = (a.min(b) as u32, a.max(b) as u32);
            pairs.push(Pair { a, b, score });
        }
    }

    /// The verdicts of the partners found that read what the two texts do not share
    /// ([`Index::verdict`]): every residual first (on all cores), then the phrases the
    /// verdicts read embedded at once, then each text's closest partners added to `pairs`.
    fn judge_pending(&self, mut pending: Vec<Waiting>, threshold: f32, pairs: &mut Vec<Pair>) {
        let residuals: Vec<Vec<Option<PairResidual>>> =
            qbank_core::parallel::map_ordered(&pending, 64, |_, (b, found)| {
                found
                    .iter()
                    .map(|&(a, _, reads)| reads.then(|| self.residual_of(a, *b)).flatten())
                    .collect()
            });
        let vectors = self.phrase_vectors(residuals.iter().flatten().flatten());
        for ((b, found), residuals) in pending.iter_mut().zip(&residuals) {
            for (f, residual) in found.iter_mut().zip(residuals) {
                if let Some(r) = residual {
                    f.1 = self.judgement(f.0, *b, f.1, r, &vectors).score;
                }
            }
            self.closest_partners(*b, found, threshold, pairs);
        }
    }

    /// Every pair of texts scoring at least the detector's threshold, in order of `a` then `b`.
    pub fn near_duplicates(&self) -> Vec<Pair> {
        self.near_duplicates_counted().0
    }

    /// Every pair of texts scoring at least `threshold`, in order of `a` then `b`.
    pub fn near_duplicates_at(&self, threshold: f32) -> Vec<Pair> {
        self.near_duplicates_counted_at(threshold).0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn detector() -> Detector {
        Detector::new(Vocabulary::builtin(), DetectorOptions::default())
    }

    #[test]
    fn frames_and_stop_words_leave_the_subject() {
        let v = Vocabulary::builtin();
        let t = v.terms(
            "Can you explain the concept of \"canary deployment\" and how it can be used in MLOps?",
        );
        let names: Vec<&str> = t.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["canary deployment"]);
    }

    #[test]
    fn bank_synonyms_join_builtin_groups() {
        let groups = [vec![
            "training-serving skew".to_owned(),
            "features computed differently in training and in production".to_owned(),
        ]];
        let v = Vocabulary::with_groups(groups.iter().map(Vec::as_slice));
        let a = v.terms("How do you prevent train/serve skew?");
        let b = v.terms(
            "How do you prevent features computed differently in training and in production?",
        );
        assert_eq!(a, b);
        let names: Vec<&str> = a.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["prevent", "training-serving skew"]);
    }

    #[test]
    fn all_pairs_agree_with_the_index() {
        let texts = [
            "How do you version your ML models?",
            "How do you handle version control for machine learning models?",
            "How do you version your training data?",
            "How do you version datasets?",
            "Can you explain the concept of canary deployment?",
            "Can you explain the concept of blue-green deployment?",
            "What is a canary release?",
            "",
            "?",
        ];
        // With vectors too: texts about one thing get close ones, so that at some thresholds
        // the cosine lifts a pair over the threshold (checked at the end), which the search
        // must find without computing cosines that cannot matter.
        let mut meaning = embeddings::Embeddings::new("test", 4);
        for (i, text) in texts.iter().enumerate() {
            let about = [0, 0, 1, 1, 2, 2, 2, 3, 3][i] as f32;
            let v = [about.cos(), about.sin(), 0.15 * i as f32, 0.3];
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            meaning.insert(text, v.iter().map(|x| x / norm).collect());
        }
        let meaning = std::sync::Arc::new(meaning);
        let vocabulary = Vocabulary::builtin();
        // One index at another threshold, asked at each threshold in turn, must find the same.
        let detectors = [None, Some(meaning.clone())].map(|m| {
            Detector::new(vocabulary.clone(), DetectorOptions::exhaustive(0.5)).with_meaning(m)
        });
        let shared = detectors.each_ref().map(|d| d.index(&texts));
        let mut lifted = 0;
        for threshold in (1..50).map(|t| t as f32 / 50.0) {
            let mut without = Vec::new();
            for meaning in [None, Some(meaning.clone())] {
                let d = Detector::new(vocabulary.clone(), DetectorOptions::exhaustive(threshold))
                    .with_meaning(meaning.clone());
                let meaning_on = meaning.is_some();
                let index = d.index(&texts);
                let mut brute = Vec::new();
                for a in 0..texts.len() {
                    for b in a + 1..texts.len() {
                        if index.score(a, b).score >= threshold {
                            brute.push((a, b));
                        }
                    }
                }
                let found: Vec<(usize, usize)> = index
                    .near_duplicates()
                    .iter()
                    .map(|p| (p.first(), p.second()))
                    .collect();
                assert_eq!(found, brute, "threshold {threshold}, vectors {meaning_on}");
                let at: Vec<(usize, usize)> = shared[usize::from(meaning_on)]
                    .near_duplicates_at(threshold)
                    .iter()
                    .map(|p| (p.first(), p.second()))
                    .collect();
                assert_eq!(at, found, "threshold {threshold}, vectors {meaning_on}");
                if meaning_on {
                    lifted += usize::from(found != without);
                } else {
                    without = found;
                }
            }
        }
        assert!(lifted > 0, "the vectors never changed a verdict");
    }

    /// What two texts do not share: each one's words outside the longest sequence of words
    /// they share, stop words included.
    #[test]
    fn a_residual_is_what_two_sentences_do_not_share() {
        let v = Vocabulary::builtin();
        let r = v.residual(
            "What is a deadlock and how can it be avoided?",
            "What is a memory leak and how can it be avoided?",
        );
        assert_eq!((r.a.as_str(), r.b.as_str()), ("deadlock", "memory leak"));
        assert_eq!(r.frame, 0.9);
        let r = v.residual("How do you scale serving?", "");
        assert_eq!(
            (r.frame, r.a.as_str(), r.b.as_str()),
            (0.0, "how do you scale serving", "")
        );
    }

    /// With vectors, the verdict reads what two texts do not share: a template's two
    /// subjects that mean different things halve the score, two texts the vocabulary does not
    /// know are one question when they mean the same, and the search finds what comparing
    /// every pair finds, asking the model for all its phrases at once.
    #[test]
    fn the_verdict_reads_what_two_texts_do_not_share() {
        use std::sync::atomic::{AtomicUsize, Ordering};
        let texts = [
            "What is a service worker used for?",
            "What is a web worker used for?",
            "What happens when you type a URL into the browser and press Enter?",
            "Describe everything that occurs between hitting Enter on a web address and seeing the page.",
            "How do you version your ML models?",
            "How do you handle version control for machine learning models?",
            "What is hoisting in JavaScript?",
            "What is the difference between == and === in JavaScript?",
        ];
        let unit = |v: [f32; 6]| {
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            v.map(|x| x / norm).to_vec()
        };
        // The workers' sentences are somewhat close (a cosine of 0.6, which adds nothing to
        // their words), the browser's two are close, and so are the models' two; the two
        // JavaScript questions are not (a cosine of 0.3).
        let whole = [
            [1.0, 0.0, 0.0, 0.0, 0.0, 0.0],
            [0.6, 0.8, 0.0, 0.0, 0.0, 0.0],
            [0.0, 1.0, 0.5, 0.0, 0.0, 0.0],
            [0.0, 1.0, 0.7, 0.0, 0.0, 0.0],
            [0.0, 0.0, 1.0, 1.0, 0.0, 0.0],
            [0.0, 0.0, 1.0, 0.9, 0.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 1.0, 0.0],
            [0.0, 0.0, 0.0, 0.0, 0.3, 0.91],
        ];
        let calls = std::sync::Arc::new(AtomicUsize::new(0));
        let embeddings = |same_subjects: bool| {
            let mut e = embeddings::Embeddings::new("test", 6);
            for (t, v) in texts.iter().zip(whole) {
                e.insert(t, unit(v));
            }
            let calls = calls.clone();
            std::sync::Arc::new(e.with_embedder(Embedder::new(move |phrases: &[&str]| {
                calls.fetch_add(1, Ordering::SeqCst);
                phrases
                    .iter()
                    .map(|p| match (*p, same_subjects) {
                        ("web", false) => unit([0.0, 1.0, 0.0, 0.0, 0.0, 0.0]),
                        _ => unit([1.0, 0.0, 0.0, 0.0, 0.0, 0.0]),
                    })
                    .collect()
            })))
        };
        let vocabulary = Vocabulary::builtin();
        let words = Detector::new(vocabulary.clone(), DetectorOptions::exhaustive(0.4));
        let by_words = words.index(&texts);
        for same_subjects in [false, true] {
            calls.store(0, Ordering::SeqCst);
            let detector = Detector::new(vocabulary.clone(), DetectorOptions::exhaustive(0.4))
                .with_meaning(Some(embeddings(same_subjects)));
            let index = detector.index(&texts);
            let found: Vec<(usize, usize)> = index
                .near_duplicates()
                .iter()
                .map(|p| (p.first(), p.second()))
                .collect();
            assert_eq!(
                calls.load(Ordering::SeqCst),
                1,
                "one call for the whole search"
            );
            let mut brute = Vec::new();
            for a in 0..texts.len() {
                for b in a + 1..texts.len() {
                    if index.score(a, b).score >= 0.4 {
                        brute.push((a, b));
                    }
                }
            }
            assert_eq!(found, brute, "same subjects {same_subjects}");
            // The workers: "service" and "web" are one template's two subjects.
            let parts = index.parts(0, 1);
            let workers = index.score(0, 1).score;
            assert!(parts.blended >= 0.4, "{parts:?}");
            if same_subjects {
                assert_eq!(workers, parts.blended);
            } else {
                // And meaning keeps them related, not one question.
                assert_eq!(
                    workers,
                    (parts.blended * RESIDUAL_DISCOUNT).min(RELATED_THRESHOLD)
                );
                assert!(!found.contains(&(0, 1)), "{found:?}");
            }
            // The browser's two share no word the vocabulary knows: meaning makes them one.
            assert!(by_words.score(2, 3).score < 0.4);
            assert!(index.parts(2, 3).known < MEANING_WHERE_KNOWN_BELOW);
            assert!(found.contains(&(2, 3)), "{found:?}");
            // The models' two are read by their words, which the vocabulary knows.
            assert_eq!(index.score(4, 5).score, index.parts(4, 5).blended);
            // The JavaScript two share a name the vocabulary does not know, which makes them
            // one question by their words alone; meaning says they are not.
            assert!(by_words.score(6, 7).score >= 0.4);
            assert!(index.parts(6, 7).blended >= 0.4);
            let javascript = index.score(6, 7);
            assert!(
                javascript.score < 0.4 && javascript.by_meaning,
                "{javascript:?}"
            );
            assert!(!found.contains(&(6, 7)), "{found:?}");
        }
        // Without a model to lend, no phrase has a vector: the discount needs one.
        let mut bare = embeddings::Embeddings::new("test", 6);
        for (t, v) in texts.iter().zip(whole) {
            bare.insert(t, unit(v));
        }
        let detector = Detector::new(vocabulary, DetectorOptions::exhaustive(0.4))
            .with_meaning(Some(std::sync::Arc::new(bare)));
        let index = detector.index(&texts);
        assert_eq!(index.score(0, 1).score, index.parts(0, 1).blended);
    }

    #[test]
    fn odd_text_never_panics() {
        let long = "model drift ".repeat(20_000);
        let texts = [
            "Ünïcödé ŝtrïngs, emoji 🤖 and CJK 模型漂移?",
            "\u{202e}\u{200b}reversed",
            "e.g. i.e. a/b/c -- ... ??? (((",
            "ise ises ised ising isation",
            long.as_str(),
            "How do you handle model drift?",
            "How do you handle model drift in production?",
        ];
        let detector = detector();
        let index = detector.index(&texts);
        let _ = index.near_duplicates();
        for a in 0..texts.len() {
            for b in 0..texts.len() {
                let s = index.score(a, b).score;
                assert!((0.0..=1.0).contains(&s), "{a} {b} {s}");
            }
        }
    }

    #[test]
    fn the_builtin_vocabulary_file_reads_without_a_fault() {
        assert!(
            builtin_diagnostics().is_empty(),
            "{:#?}",
            builtin_diagnostics()
        );
        let b = builtin::builtin();
        assert!(b.synonyms.len() > 100 && b.cues.len() > 50 && !b.frames.is_empty());
    }

    #[test]
    fn a_malformed_vocabulary_entry_is_an_error_at_its_place() {
        let text = "stop_words: a the\nlight_words: bad\nexample_markers: [such as]\n\
                    opening_verbs: [explain]\nframes: [walk me through]\ncontext_subjects: [model]\n\
                    synonyms:\n  - [canary deployment, \"~ small | fraction traffic\"]\n\
                    cues:\n  - [model, \"~ weights\"]\n";
        let found: Vec<(u32, u32, String)> = check_vocabulary("vocabulary.yaml", text)
            .into_iter()
            .map(|d| {
                let at = d.primary.span.start;
                (at.line, at.column, d.message.into())
            })
            .collect();
        assert_eq!(
            found,
            [
                (
                    8,
                    36,
                    "a synonym group: \"fraction traffic\" is more than one word: a cue's slot \
                     lists single words joined by `|` (join slots with `+`)"
                        .to_owned()
                ),
                (
                    10,
                    14,
                    "a cue group: a cue needs two slots or more joined by `+` (`~ small | \
                     fraction + traffic | requests`)"
                        .to_owned()
                ),
            ]
        );
    }

    #[test]
    fn builtin_groups_never_share_a_phrase() {
        // Groups that share a phrase are merged: within the built-in list that would join two
        // subjects by accident ("load testing" and "scale" once shared "high load").
        let mut owner: FastMap<Vec<String>, usize> = FastMap::default();
        let mut shared = Vec::new();
        for (gi, group) in builtin::builtin().synonyms.iter().enumerate() {
            for phrase in group {
                match owner.get(&stems(phrase)) {
                    Some(&other) if other != gi => shared.push(phrase.as_str()),
                    _ => {
                        owner.insert(stems(phrase), gi);
                    }
                }
            }
        }
        assert!(shared.is_empty(), "in two groups: {shared:?}");
    }

    /// The names of the terms `v` reads in `text`.
    fn term_names(v: &Vocabulary, text: &str) -> Vec<String> {
        v.terms(text).into_iter().map(|t| t.name).collect()
    }

    /// The near-duplicate pairs among `texts`, read among a few questions on other subjects
    /// (as in a bank, where a term shared by two questions is rare).
    fn pairs_in_a_bank(texts: &[&str]) -> Vec<(usize, usize)> {
        let background = [
            "How do you tune hyperparameters?",
            "What is a feature store?",
            "How do you label data?",
            "How do you run Kubernetes?",
            "How do you keep secrets out of code?",
            "What is an SLO?",
            "How do you write unit tests for a pipeline?",
            "How do you track experiments?",
        ];
        let all: Vec<&str> = texts.iter().chain(&background).copied().collect();
        detector()
            .near_duplicates(&all)
            .iter()
            .map(|p| (p.first(), p.second()))
            .filter(|&(_, b)| b < texts.len())
            .collect()
    }

    #[test]
    fn a_question_about_nothing_but_light_terms_is_about_them() {
        let texts = [
            "Can you explain the concept of MLOps and its importance in the industry?",
            "What is MLOps, and why does it matter to companies today?",
            "How do you handle data drift in MLOps?",
            "How do you deploy models to production?",
        ];
        let pairs = pairs_in_a_bank(&texts);
        assert_eq!(pairs, [(0, 1)]);
    }

    #[test]
    fn descriptions_join_the_subject_they_describe_and_no_other() {
        let texts = [
            "Can you explain the concept of canary deployment?",
            "How would you send a small percentage of traffic to a new model and gradually shift traffic to it?",
            "Can you explain the concept of blue-green deployment?",
            "How would you keep two identical environments and switch all traffic to the new model?",
            "Can you explain the concept of dark launching?",
            "How do you prevent training-serving skew?",
            "How do you prevent features computed differently offline and online?",
        ];
        let pairs = pairs_in_a_bank(&texts);
        assert_eq!(pairs, [(0, 1), (2, 3), (5, 6)]);
    }

    #[test]
    fn builtin_cues_are_well_formed() {
        let known: FastSet<Vec<String>> = builtin::builtin()
            .synonyms
            .iter()
            .flat_map(|g| g.iter())
            .map(|p| stems(p))
            .collect();
        // Words too common to fill a slot: they would make a cue match nearly anything.
        let too_common: FastSet<String> =
            "how what when who at of in on to the a an and or is do you"
                .split_whitespace()
                .map(stem)
                .collect();
        for entry in &builtin::builtin().cues {
            assert!(
                entry.len() >= 2 && !entry[0].starts_with('~'),
                "{entry:?}: a phrase, then cues"
            );
            assert!(
                known.contains(&stems(&entry[0])),
                "{:?} names no built-in synonym group",
                entry[0]
            );
            for cue in &entry[1..] {
                let slots = parse_cue(cue).unwrap_or_else(|| panic!("{cue:?} is not a cue"));
                let written: Vec<usize> = cue
                    .trim()
                    .trim_start_matches('~')
                    .split('+')
                    .map(|s| s.split('|').count())
                    .collect();
                let parsed: Vec<usize> = slots.iter().map(Vec::len).collect();
                assert_eq!(
                    written, parsed,
                    "{cue:?}: every alternative must be one word"
                );
                for word in slots.iter().flatten() {
                    assert!(
                        !too_common.contains(word),
                        "{cue:?}: {word:?} is too common"
                    );
                }
            }
        }
    }

    #[test]
    fn a_cue_matches_its_words_in_any_order_within_one_clause() {
        let v = Vocabulary::with_groups([&[
            "widget testing".to_owned(),
            "~ widget | gadget + poke | prod | probe".to_owned(),
        ][..]]);
        let names = |t: &str| term_names(&v, t);
        assert_eq!(names("How do you probe a gadget?"), ["widget testing"]);
        assert_eq!(
            names("Which widget would you poke first?"),
            ["widget testing"]
        );
        // The slots are in two clauses here: no match.
        assert_eq!(
            names("How do you poke? And the widget?"),
            ["poke", "widget"]
        );
        // Not a cue: fewer than two slots, or an empty slot.
        assert!(parse_cue("~ widget").is_none());
        assert!(parse_cue("~ widget + ").is_none());
        assert!(parse_cue("widget + poke").is_none());
    }

    #[test]
    fn a_subject_described_in_other_words_is_recognised() {
        let texts = [
            "Can you explain the concept of canary deployment?",
            "How would you route a tiny fraction of requests to a candidate model and expand it gradually?",
            "Can you explain the concept of blue-green deployment?",
        ];
        let pairs = pairs_in_a_bank(&texts);
        assert_eq!(pairs, [(0, 1)]);
        let v = Vocabulary::builtin();
        let names = |t: &str| term_names(&v, t);
        assert!(names(
            "How would you trace where the records behind a training dataset came from?"
        )
        .contains(&"lineage".to_owned()));
    }

    /// Asserts that the built-in vocabulary reads `subject` in each text of `read` and in none
    /// of `not_read`.
    fn assert_sense(subject: &str, read: &[&str], not_read: &[&str]) {
        let v = Vocabulary::builtin();
        for (texts, expected) in [(read, true), (not_read, false)] {
            for text in texts {
                let names = term_names(&v, text);
                let found = names.iter().any(|n| n == subject);
                assert_eq!(found, expected, "{subject} in {text:?}: {names:?}");
            }
        }
    }

    #[test]
    fn a_users_password_is_not_one_of_a_services_secrets() {
        assert_sense(
            "secrets",
            &[
                "How would you respond to a leaked API key found in a public repository?",
                "How do you keep database credentials out of your pipeline's code?",
            ],
            &[
                "How should passwords be stored?",
                "How do you stop attackers from guessing passwords against your sign-in page?",
            ],
        );
        let texts = [
            "How should passwords be stored?",
            "How would you respond to a leaked API key found in a public repository?",
        ];
        assert_eq!(pairs_in_a_bank(&texts), []);
    }

    #[test]
    fn a_services_dashboard_and_a_load_balancers_health_check_are_not_monitoring() {
        assert_sense(
            "monitoring",
            &[
                "How would you notice that the model got worse?",
                "How do you keep an eye on a deployed model's accuracy?",
                "What would you show on a dashboard to watch a model's latency in production?",
            ],
            &[
                "How do you decide what to put on a service's main dashboard?",
                "What is the role of a load balancer's health check?",
            ],
        );
        let texts = [
            "How do you release a new version of a service without users noticing any interruption?",
            "How do you decide what to put on a service's main dashboard?",
            "What is the role of a load balancer's health check?",
        ];
        assert_eq!(pairs_in_a_bank(&texts), []);
    }

    #[test]
    fn closest_ranks_every_other_text_that_shares_a_subject() {
        let texts = [
            "How would you send a small share of traffic to a new model version and widen it gradually?",
            "Can you explain the concept of canary deployment in MLOps?",
            "Can you explain the concept of blue-green deployment in MLOps?",
            "How do you monitor a model after a new version goes live?",
            "What is a feature store?",
            // Questions on other subjects, as in a real bank, so that a subject three
            // questions share is rare enough to count.
            "How do you detect data drift?",
            "How do you version datasets?",
            "What is training-serving skew?",
            "How do you tune hyperparameters?",
            "How do you secure a model endpoint?",
            "How do you reduce inference latency?",
        ];
        let detector = detector();
        let index = detector.index(&texts);
        let closest = index.closest(0, 10);
        let order: Vec<usize> = closest.iter().map(|(j, _, _)| *j).collect();
        // The canary question first, the feature store not at all, the text itself never.
        assert_eq!(order.first(), Some(&1), "{closest:?}");
        assert_eq!(closest[0].2.shared, ["canary deployment"]);
        assert!(!order.contains(&0) && !order.contains(&4), "{closest:?}");
        assert!(closest.windows(2).all(|w| w[0].1 >= w[1].1));
        assert!(closest
            .iter()
            .all(|&(j, rank, _)| rank == index.rank_score(0, j)));
        assert_eq!(closest[0].2, index.score(0, 1));
        assert_eq!(index.closest(0, 1).len(), 1);
        assert!(index.closest(4, 10).is_empty());
    }

    #[test]
    fn a_swapped_phrase_is_told_from_an_added_one() {
        let vocabulary = Vocabulary::builtin();
        let swap = |a: &str, b: &str| {
            swapped(
                &vocabulary.analyse(a, Want::Terms).sequence,
                &vocabulary.analyse(b, Want::Terms).sequence,
            )
        };
        // One subject swapped for another in the same sentence.
        assert!(swap(
            "How do you scale model serving horizontally?",
            "How do you scale model training horizontally?"
        ));
        assert!(swap(
            "How do you onboard a new data scientist onto your ML platform?",
            "How do you onboard a new model onto your ML platform?"
        ));
        // A phrase added to one of them, synonyms that differ in stop words only, spelling.
        assert!(!swap(
            "Can you discuss an experience you have had with A/B testing?",
            "Can you discuss an experience you have had with A/B testing in production?"
        ));
        assert!(!swap(
            "How do you handle version control for machine learning models?",
            "How do you handle version control for ML models?"
        ));
        assert!(!swap(
            "What is containerisation?",
            "What is containerization?"
        ));
        // Two sentences that share little around the words that differ.
        assert!(!swap(
            "How do you detect data drift?",
            "Tell me about a time the inputs to your model shifted after deployment."
        ));
    }

    #[test]
    fn template_siblings_are_scored_as_a_swap() {
        let texts = [
            "How do you scale model serving horizontally?",
            "How do you scale model training horizontally?",
            "What is a feature store?",
            "How do you detect data drift?",
            "How do you version datasets?",
            "What is training-serving skew?",
            "How do you tune hyperparameters?",
        ];
        let detector = detector();
        let index = detector.index(&texts);
        let siblings = index.score(0, 1).score;
        // Without the swap, the two share all but one subject each.
        let (shared, shared_subjects) = index.shared_weight(0, 1);
        assert!(shared > 0.0);
        assert!(index.subject_count(0) > shared_subjects);
        assert!(index.subject_count(1) > shared_subjects);
        assert!(siblings < DEFAULT_THRESHOLD, "{siblings}");
        let (xa, xb) = (index.totals[0] - shared, index.totals[1] - shared);
        let unswapped = shared
            / (shared + LARGER_SIDE_PENALTY * xa.max(xb) + SMALLER_SIDE_PENALTY * xa.min(xb));
        assert!(
            (siblings - unswapped * SWAP_FACTOR).abs() < 1e-6,
            "{siblings} {unswapped}"
        );
    }

    #[test]
    fn empty_input_is_fine() {
        let d = detector();
        assert!(d.near_duplicates::<&str>(&[]).is_empty());
        assert!(d.near_duplicates(&["", "", "   "]).is_empty());
    }
}
