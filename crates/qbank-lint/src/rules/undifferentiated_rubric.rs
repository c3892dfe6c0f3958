use qbank_core::{Bank, Level, Severity};

use crate::rule::{Context, Rule, RuleDoc};

/// A question asked at several levels whose rubric does not say what meets the bar at each.
pub struct UndifferentiatedRubric;

/// Whether the bank writes rubrics by level: it declares competencies (the structured
/// interview format) or some question already has `rubric.levels`.
pub(crate) fn bank_uses_level_rubrics(bank: &Bank) -> bool {
    bank.competencies_file.is_some() || bank.questions.iter().any(|q| !q.rubric.levels.is_empty())
}

impl Rule for UndifferentiatedRubric {
    fn name(&self) -> &'static str {
        "undifferentiated-rubric"
    }
    fn summary(&self) -> &'static str {
        "A question asked at several levels does not say what meets the bar at each of them."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "For every active question tagged with two or more levels, checks that \
                   `rubric.levels` gives an `expect` for each of them. The rule applies once \
                   the bank writes rubrics by level (it has a competencies.yaml, or some \
                   question has `rubric.levels`), so that a bank that has not started is not \
                   flooded; drafts are left alone until they are made active.",
            why: "One `strong` list for a junior and a senior candidate holds one of them to \
                  the wrong bar: an interviewer marks a junior down for missing what only a \
                  senior should know, or passes a senior on a junior's answer.",
            example: "levels: [mid, senior]\nrubric:\n  strong:\n    - Names two drift metrics and how thresholds are set",
            instead: "levels: [mid, senior]\nrubric:\n  levels:\n    mid:\n      expect: Names two drift metrics and how thresholds are set.\n    senior:\n      expect: Also the cost of a false alarm and who is paged.",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        if !bank_uses_level_rubrics(bank) {
            return;
        }
        for q in ctx.active() {
            if q.levels.len() < 2 {
                continue;
            }
            let mut levels = q.levels.clone();
            levels.sort();
            let (with, without): (Vec<Level>, Vec<Level>) =
                levels.iter().partition(|&&l| q.rubric.expect(l).is_some());
            if without.is_empty() {
                continue;
            }
            let names = |ls: &[Level]| ls.iter().map(|l| l.as_str()).collect::<Vec<_>>().join(", ");
            let file = bank.question_file(q);
            let (message, label) = if with.is_empty() {
                (
                    format!(
                        "question is asked at {} with one rubric for all of them",
                        names(&levels)
                    ),
                    file.label("/levels"),
                )
            } else {
                (
                    format!(
                        "rubric.levels says what meets the bar at {} but not at {}",
                        names(&with),
                        names(&without)
                    ),
                    file.key_label("/rubric/levels"),
                )
            };
            let example = without[0];
            let d = ctx.diagnostic(message, label).with_help(format!(
                "add rubric.levels.{example}.expect (what a {example} answer must show), \
                 and one for each other level listed"
            ));
            ctx.report(Some(q), d);
        }
    }
}
