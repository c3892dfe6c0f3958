use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc, Scope};
use crate::RULES;

/// An `allow:` entry that names a rule qbank does not have.
pub struct UnknownAllowRule;

impl Rule for UnknownAllowRule {
    fn name(&self) -> &'static str {
        "unknown-allow-rule"
    }
    fn summary(&self) -> &'static str {
        "An `allow:` entry names a rule that does not exist."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Checks the `rule` of every `allow:` entry of a question against the rule \
                   names (`qbank rule --all`), suggesting the closest one.",
            why: "A misspelt rule name silences nothing: the finding it was meant for is still \
                  reported, and the entry stays in the file looking as if it mattered.",
            example:
                "allow:\n  - rule: closed-questoin\n    reason: the yes/no answer is the point here",
            instead:
                "allow:\n  - rule: closed-question\n    reason: the yes/no answer is the point here",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let names: Vec<String> = RULES.iter().map(|r| r.name().to_owned()).collect();
        for q in &bank.questions {
            for (i, allow) in q.allow.iter().enumerate() {
                if crate::rule(&allow.rule).is_some() {
                    continue;
                }
                let d = ctx
                    .diagnostic(
                        format!(
                            "`allow` names rule \"{}\", which does not exist",
                            allow.rule
                        ),
                        bank.question_file(q).label(&format!("/allow/{i}/rule")),
                    )
                    .with_help(match qbank_core::closest(&allow.rule, &names) {
                        Some(best) => format!("did you mean \"{best}\"?"),
                        None => "`qbank rule --all` lists every rule".to_owned(),
                    });
                ctx.report(Some(q), d);
            }
        }
    }
}
