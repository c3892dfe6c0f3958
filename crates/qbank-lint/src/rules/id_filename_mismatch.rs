use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc, Scope};

/// A question whose `id` is not its file name.
pub struct IdFilenameMismatch;

impl Rule for IdFilenameMismatch {
    fn name(&self) -> &'static str {
        "id-filename-mismatch"
    }
    fn summary(&self) -> &'static str {
        "A question whose id differs from its file name."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Checks that every question's `id` equals its file name without `.yaml`.",
            why: "Contributors find a question by its id; a file named otherwise hides it, and \
                  two files can then claim the same id without anyone noticing.",
            example: "# questions/monitoring/drift.yaml\nid: data-drift-experience",
            instead: "# rename the file (ids are permanent): questions/monitoring/data-drift-experience.yaml\nid: data-drift-experience",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        for q in &bank.questions {
            let file = bank.question_file(q);
            if file.stem() != q.id {
                let dir = file.path.rsplit_once('/').map_or("", |(d, _)| d);
                let renamed = if dir.is_empty() {
                    format!("{}.yaml", q.id)
                } else {
                    format!("{dir}/{}.yaml", q.id)
                };
                let d = ctx.diagnostic(format!(
                        "id \"{}\" does not match the file name \"{}\"",
                        q.id,
                        file.stem()
                    ),
                    file.label("/id"),
                )
                .with_help(format!(
                    "rename the file to {renamed}; change the id only if the question was never published"
                ));
                ctx.report(Some(q), d);
            }
        }
    }
}
