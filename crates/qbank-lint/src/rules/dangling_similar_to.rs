use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc};

/// A `similar_to` entry naming a question that is not in the bank.
pub struct DanglingSimilarTo;

impl Rule for DanglingSimilarTo {
    fn name(&self) -> &'static str {
        "dangling-similar-to"
    }
    fn summary(&self) -> &'static str {
        "A similar_to entry names a question that does not exist, or the question itself."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Checks that every id in a question's `similar_to` is another question of \
                   the bank.",
            why: "`similar_to` keeps the two halves of a pair out of one kit. An entry that \
                  names nothing protects nothing, and usually means the other question was \
                  renamed or removed.",
            example:
                "similar_to:\n  - id: data-drif-experience\n    reason: experience, not concepts",
            instead:
                "similar_to:\n  - id: data-drift-experience\n    reason: experience, not concepts",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let ids: Vec<String> = bank.questions.iter().map(|q| q.id.clone()).collect();
        for q in &bank.questions {
            for (i, s) in q.similar_to.iter().enumerate() {
                let pointer = format!("/similar_to/{i}");
                let (message, help) = if s.id == q.id {
                    (
                        format!("question \"{}\" names itself in similar_to", q.id),
                        "remove the entry".to_owned(),
                    )
                } else if bank.question(&s.id).is_none() {
                    (
                        format!(
                            "similar_to names \"{}\", which is not a question of the bank",
                            s.id
                        ),
                        match qbank_core::closest(&s.id, &ids) {
                            Some(best) => format!("did you mean \"{best}\"?"),
                            None => "remove the entry, or name the question it should point to"
                                .to_owned(),
                        },
                    )
                } else {
                    continue;
                };
                let d = ctx
                    .diagnostic(message, bank.question_file(q).label(&pointer))
                    .with_related(s.id.clone())
                    .with_help(help);
                ctx.report(Some(q), d);
            }
        }
    }
}
