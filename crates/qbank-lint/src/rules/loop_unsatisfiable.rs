use qbank_core::{LoopError, Severity, Text};

use crate::rule::{Context, Rule, RuleDoc};

/// A loop whose interviews cannot all be drawn, one after the other, from the bank.
pub struct LoopUnsatisfiable;

impl Rule for LoopUnsatisfiable {
    fn name(&self) -> &'static str {
        "loop-unsatisfiable"
    }
    fn summary(&self) -> &'static str {
        "A loop cannot be drawn: an interview's kit falls short once the interviews before it have drawn."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn reads_meaning(&self) -> bool {
        true
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Draws every loop exactly as `qbank loop build` would: its interviews in \
                   order, each with its seed, none taking a question an earlier interview \
                   drew or one paired with it (`similar_to`, siblings naming the same \
                   `similar_to` question, near-duplicates). Reports the first interview that \
                   cannot be drawn and why: a fixed question another interview already asks, \
                   or a section left short, with what took its candidates. A kit that cannot \
                   be drawn even on its own is reported by `kit-unsatisfiable` instead, and an \
                   unknown kit by `unknown-kit`.",
            why: "A candidate must never hear the same question, or its sibling, from two \
                  interviewers. Kits that each draw fine can still collide in a loop: two \
                  kits that fix the same warm-up, or a narrow section whose only candidates \
                  an earlier, wider interview drew.",
            example: "# kits/phone-screen.yaml and kits/onsite.yaml both fix the warm-up\n\
                      interviews:\n  - kit: phone-screen\n  - kit: onsite",
            instead: "# kits/onsite.yaml draws its warm-up instead of fixing it\n\
                      interviews:\n  - kit: phone-screen\n  - kit: onsite",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        if bank.loops.is_empty() {
            return;
        }
        // The same pairs `qbank loop build` keeps apart (by meaning too when lint has the vectors).
        let pairs = qbank_core::Conflicts::Active(ctx.related_pairs());
        for lp in &bank.loops {
            let error = match qbank_core::select_loop(bank, lp, pairs) {
                Ok(_) => continue,
                // Reported by unknown-kit.
                Err(LoopError::UnknownKit { .. }) => continue,
                Err(e) => e,
            };
            if let LoopError::Interview { interview, .. } = &error {
                // A kit that cannot be drawn on its own is kit-unsatisfiable's (or
                // unknown-topic's, unknown-question's) finding, on the kit's file.
                let kit = bank.kit(&lp.interviews[*interview].kit);
                let alone = kit.map(|k| {
                    qbank_core::select_with(
                        bank,
                        k,
                        &qbank_core::Draw {
                            conflicts: pairs,
                            seed: lp.interviews[*interview].seed,
                            taken: &[],
                        },
                    )
                });
                if matches!(alone, Some(Err(_))) && lp.interviews[*interview].seed.is_none() {
                    continue;
                }
            }
            let file = bank.file(lp.file);
            let mut d = ctx.diagnostic(
                format!("loop \"{}\" cannot be drawn: {error}", lp.id),
                file.label(&error.pointer()),
            );
            d.help = error.help().map(Text::from);
            ctx.report(None, d);
        }
    }
}
