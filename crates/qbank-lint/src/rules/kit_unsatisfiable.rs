use qbank_core::{SelectError, Severity, Text};

use crate::rule::{Context, Rule, RuleDoc};

/// A kit whose definition the bank cannot satisfy.
pub struct KitUnsatisfiable;

impl Rule for KitUnsatisfiable {
    fn name(&self) -> &'static str {
        "kit-unsatisfiable"
    }
    fn summary(&self) -> &'static str {
        "A kit cannot be drawn from the bank: a section lacks questions or time."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn reads_meaning(&self) -> bool {
        true
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Draws every kit exactly as `qbank kit build` would, with its seed, and \
                   reports the section that falls short and by how much: too few active \
                   questions at the kit's level in its topics or tags, questions kept out by \
                   `exclude`, by `similar_to` pairs or by near-duplicates (among the questions some \
                   kit may draw, pairs at the `near-duplicate` rule's default threshold by \
                   words, or at a looser related level with a sentence-embedding model, \
                   which `qbank kit build` keeps apart too), or \
                   questions that cannot fit the \
                   section's `minutes` or the kit's `duration_minutes`. Fixed questions that \
                   are retired, at another level or paired with each other are reported too.",
            why: "A kit that cannot be drawn fails when someone prints it, usually just \
                  before an interview. Questions get retired and re-levelled over time; this \
                  rule catches the kit that depended on them in review.",
            example: "title: Phone screen\nlevel: mid\nsections:\n  - title: Deployment\n    \
                      topic: deployment\n    count: 9   # the bank has 7 mid-level deployment questions",
            instead: "title: Phone screen\nlevel: mid\nsections:\n  - title: Deployment\n    \
                      topic: deployment\n    count: 3",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        if bank.kits.is_empty() {
            return;
        }
        // Drawn keeping apart the same pairs as `qbank kit build` (by meaning too when lint has
        // the vectors).
        for (kit, drawn) in bank.kits.iter().zip(ctx.kit_draws()) {
            let error = match drawn {
                Ok(_) => continue,
                // Reported by unknown-topic and unknown-question, with the same suggestion.
                Err(SelectError::UnknownTopic { .. } | SelectError::UnknownQuestion { .. }) => {
                    continue
                }
                Err(e) => e,
            };
            let file = bank.file(kit.file);
            let mut d = ctx.diagnostic(
                format!("kit \"{}\" cannot be drawn: {error}", kit.id),
                file.label(&error.pointer()),
            );
            d.help = error.help().map(Text::from);
            ctx.report(None, d);
        }
    }
}
