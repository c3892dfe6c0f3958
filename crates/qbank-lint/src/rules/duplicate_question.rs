use std::collections::HashMap;

use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc};

/// Two questions whose text is the same once case, spacing and punctuation are ignored.
pub struct DuplicateQuestion;

impl Rule for DuplicateQuestion {
    fn name(&self) -> &'static str {
        "duplicate-question"
    }
    fn summary(&self) -> &'static str {
        "Two questions with the same text, ignoring case, spacing and punctuation."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Compares the text of every two questions (retired ones included) after \
                   lowercasing, removing punctuation and folding whitespace, and reports the \
                   later one with the earlier one labelled.",
            why: "The same question twice wastes interview time when a kit draws both, and the \
                  two copies drift apart as each is edited.",
            example: "# a.yaml\ntext: How do you handle model drift?\n# b.yaml\ntext: how do you handle  model-drift",
            instead: "Keep one question; fold the other's follow-ups into it.",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let mut seen: HashMap<String, usize> = HashMap::new();
        for (i, q) in bank.questions.iter().enumerate() {
            let key = normalize(&q.text);
            if key.is_empty() {
                continue;
            }
            if let Some(&j) = seen.get(&key) {
                let other = &bank.questions[j];
                let d = ctx
                    .diagnostic(
                        format!("question has the same text as \"{}\"", other.id),
                        bank.question_file(q)
                            .label("/text")
                            .with_message("this text"),
                    )
                    .with_secondary(
                        bank.question_file(other)
                            .label("/text")
                            .with_message("is the same as this one"),
                    )
                    .with_related(other.id.clone())
                    .with_help("keep one of them and fold what the other adds into its follow_ups");
                ctx.report(Some(q), d);
            } else {
                seen.insert(key, i);
            }
        }
    }
}

/// Lowercase words, punctuation removed, whitespace folded.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn normalize_folds_case_space_punctuation() {
        assert_eq!(
            super::normalize("How do you handle  Model-Drift?"),
            super::normalize("how do you handle model drift")
        );
        assert_ne!(
            super::normalize("model drift"),
            super::normalize("model rift")
        );
    }
}
