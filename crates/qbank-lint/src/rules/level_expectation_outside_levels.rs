use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc, Scope};

/// `rubric.levels` writes for a level the question is not tagged with.
pub struct LevelExpectationOutsideLevels;

impl Rule for LevelExpectationOutsideLevels {
    fn name(&self) -> &'static str {
        "level-expectation-outside-levels"
    }
    fn summary(&self) -> &'static str {
        "`rubric.levels` says what meets the bar at a level the question is not tagged with."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Checks that every level named under `rubric.levels` is one of the \
                   question's `levels`.",
            why: "A kit at that level never draws the question, so the expectation is never \
                  printed: either the question belongs at that level too and its `levels` \
                  should say so, or the text is left over from an edit.",
            example: "levels: [mid]\nrubric:\n  levels:\n    senior:\n      expect: Also prices retraining.",
            instead: "levels: [mid, senior]\nrubric:\n  levels:\n    mid:\n      expect: Chooses a retraining trigger with a reason.\n    senior:\n      expect: Also prices retraining.",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        for q in &bank.questions {
            for level in q.rubric.levels.keys() {
                if q.has_level(*level) {
                    continue;
                }
                let tagged: Vec<&str> = q.levels.iter().map(|l| l.as_str()).collect();
                let d = ctx
                    .diagnostic(
                        format!(
                            "rubric.levels has {level}, but the question is tagged {}",
                            tagged.join(", ")
                        ),
                        bank.question_file(q)
                            .key_label(&format!("/rubric/levels/{level}")),
                    )
                    .with_secondary(
                        bank.question_file(q)
                            .label("/levels")
                            .with_message("the question's levels"),
                    )
                    .with_help(format!(
                        "add {level} to levels, or remove rubric.levels.{level}"
                    ));
                ctx.report(Some(q), d);
            }
        }
    }
}
