use std::collections::HashMap;

use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc};

/// ## What it does
/// Finds two questions with the same `id`, or two topics (competencies) with the same `id` in
/// topics.yaml (competencies.yaml).
///
/// ## Why is this bad?
/// Ids are the public names of questions: kits, `similar_to` and exported spreadsheets refer to
/// them. Two questions with one id make every such reference ambiguous.
pub struct DuplicateId;

impl Rule for DuplicateId {
    fn name(&self) -> &'static str {
        "duplicate-id"
    }
    fn summary(&self) -> &'static str {
        "Two questions (or two topics, or two competencies) with the same id."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Finds two questions with the same `id`, two topics with the same `id` in \
                   topics.yaml, or two competencies with the same `id` in competencies.yaml, \
                   and labels both places.",
            why: "Ids are the public names of questions: kits, `similar_to` and exported \
                  spreadsheets refer to them. Two questions with one id make every such \
                  reference ambiguous.",
            example: "# questions/monitoring/drift.yaml\nid: drift\n# questions/data-pipelines/drift.yaml\nid: drift",
            instead: "# give the newer question its own id, and rename its file to match\nid: feature-drift",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let mut first: HashMap<&str, usize> = HashMap::new();
        for (i, q) in bank.questions.iter().enumerate() {
            if let Some(&j) = first.get(q.id.as_str()) {
                let other = &bank.questions[j];
                let d = ctx
                    .diagnostic(
                        format!("question id \"{}\" is already used", q.id),
                        bank.question_file(q)
                            .label("/id")
                            .with_message("second use"),
                    )
                    .with_secondary(
                        bank.question_file(other)
                            .label("/id")
                            .with_message("first used here"),
                    )
                    .with_related(q.id.clone())
                    .with_help("ids never change once published: give the newer question a new id");
                ctx.report(Some(q), d);
            } else {
                first.insert(&q.id, i);
            }
        }
        if let Some(file) = bank.topics_file.map(|f| bank.file(f)) {
            let ids = bank.topics.iter().map(|t| (t.id.as_str(), t.index));
            listed_twice(ctx, file, "topic", "topics", ids);
        }
        if let Some(file) = bank.competencies_file.map(|f| bank.file(f)) {
            let ids = bank.competencies.iter().map(|c| (c.id.as_str(), c.index));
            listed_twice(ctx, file, "competency", "competencies", ids);
        }
    }
}

/// Reports every id of a list file (`what` items under `list`) that an earlier item has.
fn listed_twice<'b>(
    ctx: &mut Context<'_>,
    file: &qbank_core::SourceFile,
    what: &str,
    list: &str,
    ids: impl Iterator<Item = (&'b str, usize)>,
) {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (id, index) in ids {
        if let Some(&j) = seen.get(id) {
            let d = ctx
                .diagnostic(
                    format!("{what} id \"{id}\" is already used"),
                    file.label(&format!("/{list}/{index}/id"))
                        .with_message("second use"),
                )
                .with_secondary(
                    file.label(&format!("/{list}/{j}/id"))
                        .with_message("first used here"),
                );
            ctx.report(None, d);
        } else {
            seen.insert(id, index);
        }
    }
}
