use qbank_core::hash::FastMap;
use qbank_core::Severity;
use qbank_text::words::normalized;

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
        // Questions with the same text, in path order; the first unchanged one stays, the
        // others (the changed ones under --changed-since) are reported against it.
        // Each text read once: the groups in order of their first question.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        {
            let mut group_of: FastMap<String, usize> = FastMap::default();
            for (i, q) in bank.questions.iter().enumerate() {
                let key = normalized(&q.text);
                if key.is_empty() {
                    continue;
                }
                let g = *group_of.entry(key).or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
                groups[g].push(i);
            }
        }
        for group in &groups {
            let first = group[0];
            if group.len() < 2 {
                continue;
            }
            let kept = group
                .iter()
                .copied()
                .find(|&i| !ctx.changed(&bank.questions[i]))
                .unwrap_or(first);
            let other = &bank.questions[kept];
            for &i in group.iter().filter(|&&i| i != kept) {
                let q = &bank.questions[i];
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
                    .with_help(format!(
                    "in {}: keep one of the two and fold what the other adds into its follow_ups",
                    bank.question_file(q).path
                ));
                ctx.report(Some(q), d);
            }
        }
    }
}
