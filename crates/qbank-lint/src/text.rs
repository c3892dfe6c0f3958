//! Small text helpers shared by the wording rules: the prose fields of a question, the pairs of
//! neighbouring words in them that some rules report on, and what an acronym looks like. Words
//! and sentences are `qbank_text::words`.

use qbank_core::{Bank, Question, SourceFile};
use qbank_text::words::{token_pairs, tokens_from, Token};

/// A prose field of a question: where it is and its text.
#[derive(Clone, Copy)]
pub(crate) struct Field<'q> {
    /// The list the field is an item of (`None`: the question's text), and its index there.
    list: Option<(&'static str, usize)>,
    pub text: &'q str,
}

impl Field<'_> {
    /// The field's JSON pointer, made when a finding needs it: the wording rules read every
    /// field of a bank and report on few.
    pub fn pointer(&self) -> String {
        match self.list {
            None => "/text".to_owned(),
            Some((list, i)) => format!("/{list}/{i}"),
        }
    }
}

/// `text`, then every follow-up, then every rubric line.
pub(crate) fn prose_fields(q: &Question) -> Vec<Field<'_>> {
    let mut fields = vec![Field {
        list: None,
        text: &q.text,
    }];
    for (list, items) in [
        ("follow_ups", &q.follow_ups),
        ("rubric/strong", &q.rubric.strong),
        ("rubric/red_flags", &q.rubric.red_flags),
    ] {
        fields.extend(items.iter().enumerate().map(|(i, t)| Field {
            list: Some((list, i)),
            text: t,
        }));
    }
    fields
}

/// Where a pair of neighbouring words of note starts: the question's index in the bank, the
/// field's among [`prose_fields`], and the [`offset`](qbank_text::words::Tokens::offset) the
/// first word is read from.
#[derive(Clone, Copy)]
pub(crate) struct PairAt {
    question: usize,
    field: usize,
    at: usize,
}

/// A pair of neighbouring words of note ([`read_pairs`]): its question, file and field, and
/// the two words.
pub(crate) type PairOfNote<'b> = (
    &'b Question,
    &'b SourceFile,
    Field<'b>,
    Token<'b>,
    Token<'b>,
);

/// The questions one thread reads at a time for [`pairs_of_note`]: one list of marks a run,
/// not one a question.
const QUESTIONS_PER_RUN: usize = 1024;

/// Every pair of neighbouring words in the bank's prose for which `of_note` holds, in the
/// order of the questions, their fields and the words, read on all cores: for rules that
/// look at every pair of words of a bank and report on few, the words are read once for all
/// of them, and only where the pairs they report on start is kept.
pub(crate) fn pairs_of_note(
    bank: &Bank,
    of_note: impl Fn(&Token<'_>, &Token<'_>) -> bool + Sync,
) -> Vec<PairAt> {
    let runs: Vec<&[Question]> = bank.questions.chunks(QUESTIONS_PER_RUN).collect();
    let per_run = qbank_core::parallel::map_ordered(&runs, 1, |run, questions| {
        let mut marks = Vec::new();
        for (i, q) in questions.iter().enumerate() {
            for (field, prose) in prose_fields(q).iter().enumerate() {
                for (at, a, b) in token_pairs(prose.text) {
                    if of_note(&a, &b) {
                        marks.push(PairAt {
                            question: run * QUESTIONS_PER_RUN + i,
                            field,
                            at,
                        });
                    }
                }
            }
        }
        marks
    });
    per_run.concat()
}

/// The pairs `marks` ([`pairs_of_note`] of `bank`) point at, with their question, file and
/// field.
pub(crate) fn read_pairs<'b>(
    bank: &'b Bank,
    marks: &'b [PairAt],
) -> impl Iterator<Item = PairOfNote<'b>> + 'b {
    marks
        .chunk_by(|a, b| a.question == b.question)
        .flat_map(move |group| {
            let q = &bank.questions[group[0].question];
            let file = bank.question_file(q);
            let fields = prose_fields(q);
            group.iter().filter_map(move |mark| {
                let field = *fields.get(mark.field)?;
                let mut words = tokens_from(field.text, mark.at);
                Some((q, file, field, words.next()?, words.next()?))
            })
        })
}

/// Whether a word is written in capitals as an acronym is: two or more capitals (digits may
/// follow), optionally with a plural `s`: `SLO`, `SLOs`, `K8S`, `GPUs`.
pub(crate) fn acronym_core(word: &str) -> Option<&str> {
    let core = word
        .strip_suffix("s")
        .filter(|c| {
            c.chars()
                .all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit())
        })
        .unwrap_or(word);
    let letters = core.chars().filter(char::is_ascii_uppercase).count();
    let ok = letters >= 2
        && core.len() <= 8
        && core.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    ok.then_some(core)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms() {
        assert_eq!(acronym_core("SLOs"), Some("SLO"));
        assert_eq!(acronym_core("K8S"), Some("K8S"));
        assert_eq!(acronym_core("MLOps"), None);
        assert_eq!(acronym_core("A"), None);
        assert_eq!(acronym_core("KServe"), None);
    }
}
