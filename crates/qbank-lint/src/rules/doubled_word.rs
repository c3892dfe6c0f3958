use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc, Scope};
use crate::wording::wording;
use qbank_text::words::Token;

/// The same word twice in a row.
pub struct DoubledWord;

impl Rule for DoubledWord {
    fn name(&self) -> &'static str {
        "doubled-word"
    }
    fn summary(&self) -> &'static str {
        "The same word twice in a row, as in \"how do you you\"."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Looks at the text, follow-ups and rubric lines for a word written twice with \
                   only space between (ignoring case), and underlines the pair. \"that that\" \
                   and \"had had\" are left alone; words separated by punctuation (\"bias, \
                   bias\") are not doubled.",
            why: "A doubled word is almost always an editing slip, and it is read aloud to the \
                  candidate as written.",
            example: "text: How do you you roll back a model?",
            instead: "text: How do you roll back a model?",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        for (q, file, field, a, b) in ctx.pairs_of_note() {
            if !doubled(&a, &b) {
                continue;
            }
            let d = ctx
                .diagnostic(
                    format!("\"{}\" is written twice", b.word),
                    file.label_in(&field.pointer(), field.text, a.range.start..b.range.end),
                )
                .with_help(format!("remove one \"{}\"", b.word));
            ctx.report(Some(q), d);
        }
    }
}

/// Whether `b` repeats the word `a` before it.
pub(crate) fn doubled(a: &Token<'_>, b: &Token<'_>) -> bool {
    !a.punct_after
        && !b.punct_before
        && a.word.eq_ignore_ascii_case(b.word)
        && a.word.chars().any(char::is_alphabetic)
        && !wording().fine_twice.contains(&a.word.to_lowercase())
}
