use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc};
use crate::suggest;

/// A question, kit section or loop that names a competency competencies.yaml does not declare.
pub struct UnknownCompetency;

impl Rule for UnknownCompetency {
    fn name(&self) -> &'static str {
        "unknown-competency"
    }
    fn summary(&self) -> &'static str {
        "A question, kit section or loop names a competency that competencies.yaml does not declare."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Checks every question's `competencies`, every kit section's `competencies` \
                   and every loop's `competencies` against the ids declared in the bank's \
                   competencies.yaml, suggesting the closest id. A bank without \
                   competencies.yaml declares none, so any competency named is unknown.",
            why: "A competency no file declares has no title or meaning to print on a \
                  scorecard, is counted in no coverage, and a kit section or loop that asks \
                  for it draws or covers nothing.",
            example: "# competencies.yaml declares production-operations\ncompetencies: [production-operation]",
            instead: "competencies: [production-operations]",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        if bank.competencies_file.is_some() && bank.competencies.is_empty() {
            // competencies.yaml did not load; that is reported already, and every name would
            // otherwise be flagged.
            return;
        }
        let ids: Vec<String> = bank.competencies.iter().map(|c| c.id.clone()).collect();
        let help = |id: &str| {
            if bank.competencies_file.is_none() {
                format!("the bank has no competencies.yaml: declare \"{id}\" there (beside topics.yaml)")
            } else {
                suggest(id, &ids, "declared competencies")
            }
        };
        for q in &bank.questions {
            for (i, id) in q.competencies.iter().enumerate() {
                if bank.competency(id).is_none() {
                    let d = ctx
                        .diagnostic(
                            format!("competency \"{id}\" is not declared in competencies.yaml"),
                            bank.question_file(q).label(&format!("/competencies/{i}")),
                        )
                        .with_help(help(id));
                    ctx.report(Some(q), d);
                }
            }
        }
        for kit in &bank.kits {
            let file = bank.file(kit.file);
            for (i, section) in kit.sections.iter().enumerate() {
                for (j, id) in section.competencies.iter().enumerate() {
                    if bank.competency(id).is_none() {
                        let d = ctx
                            .diagnostic(
                                format!(
                                    "kit section \"{}\" draws questions measuring \"{id}\", which competencies.yaml does not declare",
                                    section.title
                                ),
                                file.label(&format!("/sections/{i}/competencies/{j}")),
                            )
                            .with_help(help(id));
                        ctx.report(None, d);
                    }
                }
            }
        }
        for l in &bank.loops {
            let file = bank.file(l.file);
            for (i, id) in l.competencies.iter().enumerate() {
                if bank.competency(id).is_none() {
                    let d = ctx
                        .diagnostic(
                            format!(
                                "loop \"{}\" must cover \"{id}\", which competencies.yaml does not declare",
                                l.id
                            ),
                            file.label(&format!("/competencies/{i}")),
                        )
                        .with_help(help(id));
                    ctx.report(None, d);
                }
            }
        }
    }
}
