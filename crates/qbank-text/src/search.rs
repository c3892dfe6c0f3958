//! The active questions of a bank closest to a text or to one of its questions, whatever they
//! share: what `qbank similar` and `qbank new` show. The near-duplicate rule reports a pair
//! only from its threshold on; this lists the closest ones whatever their score, so that a
//! contributor can search the bank before writing a question and a reviewer can look past the
//! threshold.

use std::sync::Arc;

use serde::Serialize;

use crate::similarity::{Detector, Embeddings};
use qbank_core::{Bank, Question};

/// The closest questions to one text (serialised as `qbank similar --format json` prints it).
#[derive(Debug, Serialize)]
pub struct Report<'a> {
    /// The text compared.
    pub query: &'a str,
    /// The question it is, when it is one of the bank's.
    pub id: Option<&'a str>,
    /// The score from which `qbank lint` reports a pair.
    pub threshold: f32,
    /// How many active questions it was compared with.
    pub compared: usize,
    pub closest: Vec<Match<'a>>,
}

/// One of the closest questions.
#[derive(Debug, Serialize)]
pub struct Match<'a> {
    pub id: &'a str,
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
    /// How close the two are, what the list is ordered by: meaning and words blended (words
    /// alone without a model).
    pub closeness: f32,
    /// The near-duplicate verdict's score, which `qbank lint` compares with the threshold.
    pub score: f32,
    /// The subjects both texts name, heaviest first.
    pub shared: Vec<String>,
    /// The cosine of the two texts' sentence vectors, when a model read them.
    pub semantic: Option<f32>,
    /// The words of the query and of this question where the two differ, when they are one
    /// sentence with one subject swapped for another.
    pub swapped: Option<[String; 2]>,
    /// Meaning decided the score: qbank's vocabulary knows few of the two texts' words, and
    /// the two mean the same.
    pub by_meaning: bool,
    /// At or above the threshold: `qbank lint` would report the pair.
    pub near_duplicate: bool,
    /// One of the two names the other in `similar_to`, so `qbank lint` would not report it.
    pub acknowledged: bool,
    pub text: &'a str,
}

/// The `limit` active questions of `bank` closest to `query` (the text of `asked`, when it is
/// one of the bank's, which is then not compared with itself), closest first, each marked
/// against `threshold`; then the active questions `asked` names in `similar_to` (or that name
/// it) that are not among them. With `embeddings` (sentence vectors of the bank's texts and of the
/// query) the order blends meaning and words; without, it follows the words the texts share,
/// however few.
pub fn closest<'b>(
    bank: &'b Bank,
    query: &'b str,
    asked: Option<&'b Question>,
    threshold: f32,
    limit: usize,
    embeddings: Option<Arc<Embeddings>>,
) -> Report<'b> {
    let others: Vec<&Question> = bank
        .questions
        .iter()
        .filter(|q| q.is_active() && !asked.is_some_and(|a| std::ptr::eq(*q, a)))
        .collect();
    let detector = Detector::for_bank(bank, threshold).with_meaning(embeddings);
    let texts: Vec<&str> = others
        .iter()
        .map(|q| q.text.as_str())
        .chain([query])
        .collect();
    let index = detector.index(&texts);
    let mut found = index.closest(others.len(), limit);
    // The questions `asked` acknowledges in `similar_to` (or that acknowledge it) are shown
    // whatever they share: a reviewer asks about them by name.
    if let Some(asked) = asked {
        let siblings: Vec<usize> = (0..others.len())
            .filter(|&j| asked.acknowledges(others[j]) && !found.iter().any(|f| f.0 == j))
            .collect();
        let pairs: Vec<(usize, usize)> = siblings.iter().map(|&j| (others.len(), j)).collect();
        index.prepare(&pairs);
        found.extend(siblings.into_iter().map(|j| {
            (
                j,
                index.rank_score(others.len(), j),
                index.score(others.len(), j),
            )
        }));
    }
    let closest = found
        .into_iter()
        .map(|(j, closeness, similarity)| {
            let q = others[j];
            let file = bank.question_file(q);
            let place = file.span("/text");
            Match {
                id: &q.id,
                file: &file.path,
                line: place.start.line,
                column: place.start.column,
                closeness: three_decimals(closeness),
                score: three_decimals(similarity.score),
                shared: similarity.shared,
                semantic: similarity.semantic.map(three_decimals),
                swapped: similarity.swapped.map(|(a, b)| [a, b]),
                by_meaning: similarity.by_meaning,
                near_duplicate: similarity.score >= threshold,
                acknowledged: asked.is_some_and(|a| a.acknowledges(q)),
                text: &q.text,
            }
        })
        .collect();
    Report {
        query,
        id: asked.map(|q| q.id.as_str()),
        threshold,
        compared: others.len(),
        closest,
    }
}

/// `x` to three decimals: more would only show the float's rounding.
fn three_decimals(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}
