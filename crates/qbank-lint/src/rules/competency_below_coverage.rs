use qbank_core::Severity;

use crate::coverage::competency_matrix;
use crate::rule::{Context, Rule, RuleDoc};

/// A competency with fewer active questions than competencies.yaml asks for, or none at all.
pub struct CompetencyBelowCoverage;

impl Rule for CompetencyBelowCoverage {
    fn name(&self) -> &'static str {
        "competency-below-coverage"
    }
    fn summary(&self) -> &'static str {
        "A competency is measured by fewer active questions at a level than its `coverage` minimum in competencies.yaml, or by none."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Counts the active questions that name each competency of competencies.yaml, \
                   at every level (a question with several levels counts at each), and reports \
                   each level below the competency's `coverage` minimum, at that minimum. A \
                   competency no active question measures is reported at its id whether or not \
                   it sets a minimum. `qbank coverage` prints the whole matrix.",
            why: "A loop or kit section that asks for a competency draws from the questions \
                  that measure it; with too few, every candidate hears the same questions, or \
                  the competency goes unassessed.",
            example: "# competencies.yaml\n- id: production-operations\n  coverage: {senior: 3}\n# and two active senior questions name it",
            instead: "Write the missing questions, or lower the minimum:\n- id: production-operations\n  coverage: {senior: 2}",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let Some(file) = bank.competencies_file.map(|f| bank.file(f)) else {
            return;
        };
        let matrix = competency_matrix(bank);
        for row in &matrix.rows {
            if row.questions == 0 {
                let d = ctx
                    .diagnostic(
                        format!(
                            "competency \"{}\" is measured by no active question",
                            row.id
                        ),
                        file.label(&format!("/competencies/{}/id", row.index)),
                    )
                    .with_help(
                        "name it in the `competencies` of the questions that measure it, \
                         or remove it from competencies.yaml",
                    );
                ctx.report(None, d);
                continue;
            }
            for cell in row.cells.iter().filter(|c| c.gap() > 0) {
                let level = cell.level;
                let questions = match cell.count {
                    1 => "1 active question".to_owned(),
                    n => format!("{n} active questions"),
                };
                let d = ctx
                    .diagnostic(
                        format!(
                            "competency \"{}\" is measured by {questions} at level {level}, fewer than the {} it needs",
                            row.id, cell.minimum
                        ),
                        file.label(&format!("/competencies/{}/coverage/{level}", row.index))
                            .with_message("minimum set here"),
                    )
                    .with_help(format!(
                        "write {} more {level}-level question{} measuring {}, or lower coverage.{level}",
                        cell.gap(),
                        if cell.gap() == 1 { "" } else { "s" },
                        row.id
                    ));
                ctx.report(None, d);
            }
        }
    }
}
