use qbank_core::Severity;

use super::question_without_question_mark::is_prompt;
use crate::rule::{Context, Rule, RuleDoc, Scope};
use crate::wording::wording;
use qbank_text::words::{sentences, tokens};

/// A question text that can be answered with yes or no.
pub struct ClosedQuestion;

impl Rule for ClosedQuestion {
    fn name(&self) -> &'static str {
        "closed-question"
    }
    fn summary(&self) -> &'static str {
        "A question text that can be answered with yes or no, such as \"Have you worked with any …?\"."
    }
    fn default_severity(&self) -> Severity {
        Severity::Info
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Reports a question `text` whose questions all open with an auxiliary verb \
                   (Have you, Do you, Did you, Is it, Are there, …) and so can be answered \
                   with yes or no, and suggests an open wording. \"Have you worked with \
                   any …?\" is always closed; for other openers, a question offering a choice \
                   (\"Is it A or B?\") is not. Texts that also ask an open question or give a \
                   prompt (\"Did you roll back? Why?\") are fine, and so are polite prompts \
                   (\"Can you walk me through …?\").",
            why: "A yes/no question gets a yes or a no: the interviewer then has to ask the real \
                  question on the spot, and candidates who say \"yes\" without substance are \
                  hard to tell from those who have done the work.",
            example: "text: Have you worked with any tools for model explainability, such as SHAP or LIME?",
            instead: "text: Which tools for model explainability have you worked with, for example SHAP or LIME, and what did you use them for?",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        for q in &bank.questions {
            let Some((range, rewording)) = closed(&q.text) else {
                continue;
            };
            let help = match rewording {
                Some(r) => format!("ask it openly, for example: \"{r}\""),
                None => "ask what, how, why or which instead, so that the answer shows the candidate's reasoning".to_owned(),
            };
            let d = ctx
                .diagnostic(
                    "closed question: it can be answered with yes or no",
                    bank.question_file(q).label_in("/text", &q.text, range),
                )
                .with_help(help);
            ctx.report(Some(q), d);
        }
    }
}

/// Whether a sentence is a yes/no question.
fn is_closed(sentence: &str) -> bool {
    let mut words = tokens(sentence);
    let Some(first) = words.next() else {
        return false;
    };
    if !wording()
        .yes_no_openers
        .contains(&first.word.to_lowercase())
        || !sentence.trim_end().ends_with('?')
    {
        return false;
    }
    if have_you_any(sentence).is_some() {
        return true;
    }
    // "Is it better to retrain on a schedule or on a trigger?" offers a choice. (No letter
    // outside ASCII lowercases to an "o" or an "r".)
    !words.any(|w| w.word.eq_ignore_ascii_case("or"))
}

/// The closed sentence of `text` and an open rewording when one can be offered; `None` when
/// the text is open.
fn closed(text: &str) -> Option<(std::ops::Range<usize>, Option<String>)> {
    let sentences = sentences(text);
    let mut first_closed = None;
    for r in &sentences {
        let s = &text[r.clone()];
        if is_closed(s) {
            first_closed.get_or_insert(r.clone());
        } else if s.ends_with('?') || is_prompt(s) {
            return None;
        }
    }
    let range = first_closed?;
    let rewording = reword(&text[range.clone()]);
    Some((range, rewording))
}

/// "Have you (ever) worked with / used any X" → X.
fn have_you_any(sentence: &str) -> Option<&str> {
    let lower = sentence.to_lowercase();
    for prefix in [
        "have you worked with any ",
        "have you ever worked with any ",
        "have you used any ",
        "have you ever used any ",
    ] {
        if lower.starts_with(prefix) {
            return sentence.get(prefix.len()..);
        }
    }
    None
}

/// An open wording of a closed question, for the common shapes.
fn reword(sentence: &str) -> Option<String> {
    let body = sentence.trim_end().strip_suffix('?')?.trim_end();
    if let Some(rest) = have_you_any(body) {
        return Some(match rest.split_once(", such as ") {
            Some((what, examples)) => format!(
                "Which {what} have you worked with, for example {examples}, and what did you use them for?"
            ),
            None => format!("Which {rest} have you worked with, and what did you use them for?"),
        });
    }
    let words: Vec<&str> = body.split_whitespace().collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
    match lower.as_slice() {
        ["do", "you", "know", ..] if words.len() > 3 => {
            let rest = words[3..].join(" ");
            if ["how", "what", "why", "when", "which", "where", "who"].contains(&lower[3]) {
                Some(format!("Explain {rest}."))
            } else {
                Some(format!(
                    "What do you know about {rest}, and where have you applied it?"
                ))
            }
        }
        // "Do you have experience with X?": the experience is what to ask about.
        ["do", "you", "have", "any" | "some", "experience", ..]
        | ["do", "you", "have", "experience", ..] => {
            let n = if lower[3] == "experience" { 4 } else { 5 };
            let rest = words[n..].join(" ");
            (!rest.is_empty()).then(|| {
                format!("Tell me about your experience {rest}: what did you do, and what happened?")
            })
        }
        // "Do you use any X?": which X, and why.
        ["do", "you", verb @ ("use" | "prefer" | "monitor" | "test"), "any", ..]
            if words.len() > 4 =>
        {
            Some(format!(
                "Which {} do you {verb}, and why?",
                words[4..].join(" ")
            ))
        }
        // "Do you have X?" asks about possession; no open wording fits every X (children,
        // a car, a preference), so the hint goes without one.
        ["do", "you", verb @ ("use" | "prefer" | "monitor" | "test"), ..] if words.len() > 3 => {
            Some(format!(
                "How do you {verb} {}, and why?",
                words[3..].join(" ")
            ))
        }
        ["have", "you", rest @ ..] if !rest.is_empty() => {
            let (participle, tail) = match rest {
                ["ever", p, tail @ ..] => (*p, tail),
                [p, tail @ ..] => (*p, tail),
                [] => return None,
            };
            let past = wording()
                .past_tenses
                .iter()
                .find(|(p, _)| p == participle)
                .map(|(_, past)| past.clone())
                .or_else(|| participle.ends_with("ed").then(|| participle.to_owned()))?;
            let n = words.len() - tail.len();
            Some(format!(
                "Tell me about a time you {past} {}: what did you do, and what happened?",
                words[n..].join(" ")
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::closed;

    fn reworded(text: &str) -> Option<String> {
        closed(text).map(|(_, r)| r.unwrap_or_else(|| "-".to_owned()))
    }

    #[test]
    fn closed_and_open() {
        assert_eq!(
            reworded("Have you worked with any tools for model governance, such as MLflow or ModelDB?").as_deref(),
            Some("Which tools for model governance have you worked with, for example MLflow or ModelDB, and what did you use them for?")
        );
        assert_eq!(
            reworded("Have you ever deployed a model to an edge device?").as_deref(),
            Some("Tell me about a time you deployed a model to an edge device: what did you do, and what happened?")
        );
        assert_eq!(
            reworded("Do you know how a canary release works?").as_deref(),
            Some("Explain how a canary release works.")
        );
        assert_eq!(
            reworded("Is it safe to retrain every night?").as_deref(),
            Some("-")
        );
        assert_eq!(reworded("Do you have any children?").as_deref(), Some("-"));
        assert_eq!(
            reworded("Do you have experience with Kubernetes?").as_deref(),
            Some("Tell me about your experience with Kubernetes: what did you do, and what happened?")
        );
        assert_eq!(
            reworded("Do you use any feature stores?").as_deref(),
            Some("Which feature stores do you use, and why?")
        );
        assert_eq!(
            reworded("Do you monitor model latency?").as_deref(),
            Some("How do you monitor model latency, and why?")
        );
        // Open, a choice, a follow-up open question, a polite prompt.
        for open in [
            "How do you handle model drift?",
            "Is it better to retrain on a schedule or on a trigger?",
            "Did you retrain the model? Why?",
            "Can you walk me through your last rollout?",
            "Have you used canaries? Walk me through the last one.",
        ] {
            assert_eq!(reworded(open), None, "{open}");
        }
    }
}
