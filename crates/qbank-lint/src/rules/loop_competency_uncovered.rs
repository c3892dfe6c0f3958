use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc};

/// A competency a loop lists that none of its interviews covers.
pub struct LoopCompetencyUncovered;

impl Rule for LoopCompetencyUncovered {
    fn name(&self) -> &'static str {
        "loop-competency-uncovered"
    }
    fn summary(&self) -> &'static str {
        "A loop lists a competency that no question drawn in any of its interviews measures."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn reads_meaning(&self) -> bool {
        true
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Draws every loop as `qbank loop build` would and checks each competency in \
                   its `competencies` list: an interview covers a competency when one of the \
                   questions it draws names it in `competencies`. Reports every listed \
                   competency that no interview covers, with the interviews and the kits' \
                   sections that could be pointed at it. A loop that cannot be drawn is \
                   `loop-unsatisfiable`'s finding instead.",
            why: "The debrief decides on every competency of the loop. One that no interviewer \
                  asked about leaves an empty row on the debrief sheet and a decision made \
                  without evidence, or a candidate turned down for something nobody tested.",
            example: "competencies: [ml-delivery, production-operations]\ninterviews:\n  \
                      - kit: phone-screen   # draws delivery questions only",
            instead: "competencies: [ml-delivery, production-operations]\ninterviews:\n  \
                      - kit: phone-screen\n  - kit: operations   # a section with \
                      competencies: [production-operations]",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        if bank.loops.iter().all(|l| l.competencies.is_empty()) {
            return;
        }
        let pairs = qbank_core::Conflicts::Active(ctx.related_pairs());
        for lp in &bank.loops {
            if lp.competencies.is_empty() {
                continue;
            }
            let Ok(selection) = qbank_core::select_loop(bank, lp, pairs) else {
                continue;
            };
            let file = bank.file(lp.file);
            for missing in selection.uncovered() {
                let Some(index) = lp.competencies.iter().position(|c| c == missing) else {
                    continue;
                };
                // Where it could come from: the active questions that measure it, and the
                // interviews whose level they are for.
                let measuring = bank
                    .questions
                    .iter()
                    .filter(|q| q.is_active() && q.competencies.iter().any(|c| c == missing))
                    .count();
                let help = if measuring == 0 {
                    format!(
                        "no active question of the bank measures \"{missing}\": add one, or \
                         remove it from the loop's list"
                    )
                } else {
                    format!(
                        "{} of the bank {} it: give one interview's kit a section with \
                         `competencies: [{missing}]`",
                        plural(measuring, "active question"),
                        if measuring == 1 {
                            "measures"
                        } else {
                            "measure"
                        }
                    )
                };
                let d = ctx
                    .diagnostic(
                        format!(
                            "loop \"{}\" lists competency \"{missing}\", but no interview of the \
                         loop draws a question that measures it",
                            lp.id
                        ),
                        file.label(&format!("/competencies/{index}")),
                    )
                    .with_help(help);
                ctx.report(None, d);
            }
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
