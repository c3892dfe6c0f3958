use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc};

/// A loop's interview that names a kit the bank does not have.
pub struct UnknownKit;

impl Rule for UnknownKit {
    fn name(&self) -> &'static str {
        "unknown-kit"
    }
    fn summary(&self) -> &'static str {
        "A loop names a kit that is not in kits/."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Checks the `kit` of every interview of every loop (`loops/<id>.yaml`) \
                   against the kits of the bank (`kits/<id>.yaml`), suggesting the closest \
                   id. A kit file that fails its schema is not a kit of the bank either: its \
                   own errors are reported on it.",
            why: "A loop with an unknown kit cannot be drawn or printed at all, and the \
                  interviews after it would draw different questions once it is fixed.",
            example: "interviews:\n  - kit: phone-scren\n    interviewer: Hiring manager",
            instead: "interviews:\n  - kit: phone-screen\n    interviewer: Hiring manager",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let ids: Vec<String> = bank.kits.iter().map(|k| k.id.clone()).collect();
        for lp in &bank.loops {
            let file = bank.file(lp.file);
            for (n, interview) in lp.interviews.iter().enumerate() {
                if bank.kit(&interview.kit).is_some() {
                    continue;
                }
                let broken = bank
                    .files
                    .iter()
                    .find(|f| f.kind == qbank_core::FileKind::Kit && f.stem() == interview.kit);
                let help = match (broken, qbank_core::closest(&interview.kit, &ids)) {
                    (Some(f), _) => format!("{} has errors; fix them first", f.path),
                    (None, Some(best)) => format!("did you mean \"{best}\"?"),
                    (None, None) if ids.is_empty() => {
                        "the bank has no kits: add one in kits/".to_owned()
                    }
                    (None, None) => format!("kits: {}", ids.join(", ")),
                };
                let d = ctx
                    .diagnostic(
                        format!(
                            "loop \"{}\" names kit \"{}\" for interview {}, which is not in kits/",
                            lp.id,
                            interview.kit,
                            n + 1
                        ),
                        file.label(&format!("/interviews/{n}/kit")),
                    )
                    .with_help(help);
                ctx.report(None, d);
            }
        }
    }
}
