use qbank_core::Severity;

use crate::coverage::coverage_matrix;
use crate::rule::{Context, Rule, RuleDoc};

/// A topic with fewer active questions at a level than topics.yaml asks for.
pub struct TopicBelowCoverage;

impl Rule for TopicBelowCoverage {
    fn name(&self) -> &'static str {
        "topic-below-coverage"
    }
    fn summary(&self) -> &'static str {
        "A topic has fewer active questions at a level than its `coverage` minimum in topics.yaml."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Counts the active questions of every topic at every level (a question with \
                   several levels counts at each; drafts and retired questions do not count) \
                   and reports each level below the topic's `coverage` minimum, at that minimum \
                   in topics.yaml. `qbank coverage` prints the whole matrix.",
            why: "A kit draws its sections from topics at one level; a topic with too few \
                  questions there gives every candidate the same questions, or leaves a \
                  section short.",
            example: "# topics.yaml\n- id: monitoring\n  coverage: {mid: 4}\n# and only three active mid-level monitoring questions",
            instead: "Write the missing questions, or lower the minimum if it was set too high:\n- id: monitoring\n  coverage: {mid: 3}",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let Some(topics_file) = bank.topics_file.map(|f| bank.file(f)) else {
            return;
        };
        let matrix = coverage_matrix(bank);
        for (row, cell) in matrix.gaps() {
            let level = cell.level;
            let questions = match cell.count {
                1 => "1 active question".to_owned(),
                n => format!("{n} active questions"),
            };
            let d = ctx
                .diagnostic(
                    format!(
                        "topic \"{}\" has {questions} at level {level}, fewer than the {} it needs",
                        row.id, cell.minimum
                    ),
                    topics_file
                        .label(&format!("/topics/{}/coverage/{level}", row.index))
                        .with_message("minimum set here"),
                )
                .with_help(format!(
                    "write {} more {level}-level question{} on {}, or lower coverage.{level}",
                    cell.gap(),
                    if cell.gap() == 1 { "" } else { "s" },
                    row.id
                ));
            ctx.report(None, d);
        }
    }
}
