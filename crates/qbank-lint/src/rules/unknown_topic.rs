use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc};
use crate::suggest;

/// A question or kit section that names a topic topics.yaml does not list.
pub struct UnknownTopic;

impl Rule for UnknownTopic {
    fn name(&self) -> &'static str {
        "unknown-topic"
    }
    fn summary(&self) -> &'static str {
        "A question or kit section names a topic that topics.yaml does not list."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Checks every question's `topic`, and every kit section's `topic` and \
                   `topics`, against the ids in topics.yaml, suggesting the closest id.",
            why: "A question with an unknown topic is counted in no coverage and drawn by no \
                  kit section; a kit section with one draws nothing.",
            example: "topic: monitorng",
            instead: "topic: monitoring",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        if bank.topics.is_empty() {
            // topics.yaml itself failed; that is reported already, and every question would
            // otherwise be flagged.
            return;
        }
        let ids: Vec<String> = bank.topics.iter().map(|t| t.id.clone()).collect();
        for q in &bank.questions {
            if bank.topic(&q.topic).is_none() {
                let d = ctx
                    .diagnostic(
                        format!("topic \"{}\" is not in topics.yaml", q.topic),
                        bank.question_file(q).label("/topic"),
                    )
                    .with_help(suggest(&q.topic, &ids, "known topics"));
                ctx.report(Some(q), d);
            }
        }
        for kit in &bank.kits {
            let file = bank.file(kit.file);
            for (i, section) in kit.sections.iter().enumerate() {
                let mut names: Vec<(String, &str)> = Vec::new();
                if let Some(t) = &section.topic {
                    names.push((format!("/sections/{i}/topic"), t));
                }
                for (j, t) in section.topics.iter().enumerate() {
                    names.push((format!("/sections/{i}/topics/{j}"), t));
                }
                for (pointer, topic) in names {
                    if bank.topic(topic).is_none() {
                        let d = ctx.diagnostic(format!(
                                "kit section \"{}\" draws from topic \"{topic}\", which is not in topics.yaml",
                                section.title
                            ),
                            file.label(&pointer),
                        )
                        .with_help(suggest(topic, &ids, "known topics"));
                        ctx.report(None, d);
                    }
                }
            }
        }
    }
}
