use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc, Scope};
use crate::wording::wording;
use qbank_text::words::{sentences, tokens};

/// A question text that neither asks (ends with `?`) nor prompts (starts with a verb such as
/// "Describe").
pub struct QuestionWithoutQuestionMark;

/// Whether a sentence opens with a prompt verb.
pub(crate) fn is_prompt(sentence: &str) -> bool {
    let words: Vec<String> = tokens(sentence)
        .take(3)
        .map(|t| t.word.to_lowercase())
        .collect();
    let lists = wording();
    let verb = words.iter().find(|w| !lists.prompt_softeners.contains(w));
    verb.is_some_and(|v| lists.prompt_verbs.contains(v))
}

impl Rule for QuestionWithoutQuestionMark {
    fn name(&self) -> &'static str {
        "question-without-question-mark"
    }
    fn summary(&self) -> &'static str {
        "A question text that neither ends with a question mark nor opens as a prompt (\"Describe …\")."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Checks that every question's `text` either ends with `?` (a closing quote or \
                   bracket may follow) or is an imperative prompt: its first or its last \
                   sentence opens with a verb such as Walk, Describe, Explain, Tell, Design, \
                   Sketch, Compare or Give (\"Please\" may come first).",
            why: "A text that is neither a question nor a prompt is usually a topic heading or a \
                  note (\"Model drift in production\"), and leaves the interviewer to invent \
                  the actual question on the spot.",
            example: "text: Model drift and retraining in production",
            instead: "text: How do you decide when a model in production needs retraining?\n# or\ntext: Walk me through how you decide when a model needs retraining.",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        for q in &bank.questions {
            let text = q.text.trim_end();
            if ends_as_a_question(text) || text.is_empty() {
                continue;
            }
            let sentences = sentences(&q.text);
            let first = sentences.first().map(|r| &q.text[r.clone()]);
            let last = sentences.last().map(|r| &q.text[r.clone()]);
            if first.is_some_and(is_prompt) || last.is_some_and(is_prompt) {
                continue;
            }
            let end = text.len();
            let last_char = text.char_indices().last().map_or(0, |(i, _)| i);
            let d = ctx.diagnostic("question text does not end with a question mark and is not a prompt",
                bank.question_file(q)
                    .label_in("/text", &q.text, last_char..end),
            )
            .with_help(
                "end it with \"?\", or open it with a prompt verb such as \"Describe\", \"Explain\" or \"Walk me through\"",
            );
            ctx.report(Some(q), d);
        }
    }
}

/// Whether `text` ends with a question mark, closing quotes and brackets aside: the
/// question marks of other scripts count (full-width for Chinese and Japanese, Arabic, Greek,
/// Armenian, Ethiopic).
fn ends_as_a_question(text: &str) -> bool {
    text.trim_end_matches(['"', '\'', ')', ']', '”', '’', '»'])
        .ends_with(['?', '？', '؟', '\u{37E}', '՞', '፧'])
}

#[cfg(test)]
mod tests {
    use super::{ends_as_a_question, is_prompt};

    #[test]
    fn question_marks_of_other_scripts_count() {
        for text in [
            "What is a canary release?",
            "Is it \"done?\"",
            "模型部署怎么做？",
            "ما هو الانجراف؟",
            "Τι είναι το drift\u{37E}",
        ] {
            assert!(ends_as_a_question(text), "{text}");
        }
        assert!(!ends_as_a_question("Model drift in production;"));
        assert!(!ends_as_a_question("Model drift in production"));
    }

    #[test]
    fn prompts() {
        assert!(is_prompt("Walk me through your last rollout."));
        assert!(is_prompt("Please describe the pipeline"));
        assert!(is_prompt("Briefly explain canaries."));
        assert!(!is_prompt("Model drift in production"));
        assert!(!is_prompt("The model is slow."));
    }
}
