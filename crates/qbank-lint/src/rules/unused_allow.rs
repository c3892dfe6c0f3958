use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc};

/// An `allow:` entry that silenced nothing in this run.
pub struct UnusedAllow;

impl Rule for UnusedAllow {
    fn name(&self) -> &'static str {
        "unused-allow"
    }
    fn summary(&self) -> &'static str {
        "An `allow:` entry that silences no finding."
    }
    fn default_severity(&self) -> Severity {
        Severity::Info
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Runs after every other rule and reports each `allow:` entry whose rule ran \
                   but found nothing on that question. Entries for rules that were turned off \
                   or not selected in this run are left alone, and so are entries naming rules \
                   that do not exist (`unknown-allow-rule` reports those).",
            why: "Once the text is fixed, the exception is stale: it would silently hide the \
                  next real finding of that rule on the question.",
            example: "text: Which drift metrics have you used, and why?\nallow:\n  - rule: closed-question\n    reason: a yes/no opener is intended",
            instead: "text: Which drift metrics have you used, and why?",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let mut findings = Vec::new();
        for q in &bank.questions {
            for (i, allow) in q.allow.iter().enumerate() {
                let Some(rule) = crate::rule(&allow.rule) else {
                    continue;
                };
                if ctx.settings.severity_of(rule).is_none()
                    || ctx.used_allows().contains(&(q.file, rule.name()))
                {
                    continue;
                }
                let d = ctx
                    .diagnostic(
                        format!(
                            "`allow` of rule \"{}\" silences nothing on this question",
                            allow.rule
                        ),
                        bank.question_file(q).label(&format!("/allow/{i}")),
                    )
                    .with_help("remove the entry; the finding it was written for is gone");
                findings.push((q, d));
            }
        }
        for (q, d) in findings {
            ctx.report(Some(q), d);
        }
    }
}
