use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc};

/// A kit's `fixed` or `exclude` id that is not a question of the bank.
pub struct UnknownQuestion;

impl Rule for UnknownQuestion {
    fn name(&self) -> &'static str {
        "unknown-question"
    }
    fn summary(&self) -> &'static str {
        "A kit fixes or excludes a question id that is not in the bank."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Checks every id in a kit's `exclude` and in its sections' `fixed` against \
                   the questions of the bank, suggesting the closest id.",
            why: "A kit with an unknown fixed question cannot be printed at all. An unknown \
                  excluded id keeps nothing out: usually the question was renamed, and the \
                  one the kit meant to leave out is drawn again.",
            example: "sections:\n  - title: Warm-up\n    fixed: [mlops-concept-importnce]",
            instead: "sections:\n  - title: Warm-up\n    fixed: [mlops-concept-importance]",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let ids: Vec<String> = bank.questions.iter().map(|q| q.id.clone()).collect();
        for kit in &bank.kits {
            let file = bank.file(kit.file);
            let mut named: Vec<(String, &str, &str)> = Vec::new();
            for (i, section) in kit.sections.iter().enumerate() {
                for (j, id) in section.fixed.iter().enumerate() {
                    named.push((format!("/sections/{i}/fixed/{j}"), id, "fixes"));
                }
            }
            for (j, id) in kit.exclude.iter().enumerate() {
                named.push((format!("/exclude/{j}"), id, "excludes"));
            }
            for (pointer, id, verb) in named {
                if bank.question(id).is_some() {
                    continue;
                }
                let help = match qbank_core::closest(id, &ids) {
                    Some(best) => format!("did you mean \"{best}\"?"),
                    None => "name a question of the bank, or remove the entry".to_owned(),
                };
                let d = ctx
                    .diagnostic(
                        format!(
                            "kit \"{}\" {verb} question \"{id}\", which is not in the bank",
                            kit.id
                        ),
                        file.label(&pointer),
                    )
                    .with_help(help);
                ctx.report(None, d);
            }
        }
    }
}
