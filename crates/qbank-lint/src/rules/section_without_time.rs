use qbank_core::Severity;

use crate::rule::{Context, Rule, RuleDoc};

/// A kit section whose time slot starts after the kit's time is used up, or runs past it.
pub struct SectionWithoutTime;

impl Rule for SectionWithoutTime {
    fn name(&self) -> &'static str {
        "section-without-time"
    }
    fn summary(&self) -> &'static str {
        "A kit section has no time left: the sections' minutes run past the kit's duration."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn reads_meaning(&self) -> bool {
        true
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Adds up the `minutes` of a kit's sections, in order, against its \
                   `duration_minutes`, and reports the first section that does not fit: one \
                   that starts when the interview is already over, or that runs past its end. \
                   Sections without `minutes` count the minutes of their questions as drawn. \
                   Whether the questions fit their own section is `kit-unsatisfiable`'s \
                   concern; time a section leaves over is printed in the kit as time for \
                   probing and follow-ups.",
            why: "The time plan on the kit's cover is built from the sections' minutes: when \
                  they add up to more than the interview lasts, the last sections have no \
                  time, the interviewer runs late or skips them, and the candidate loses the \
                  minutes kept for their own questions.",
            example: "duration_minutes: 30\nsections:\n  - title: Warm-up\n    count: 1\n    \
                      minutes: 10\n  - title: Core knowledge\n    count: 3\n    minutes: 25",
            instead: "duration_minutes: 30\nsections:\n  - title: Warm-up\n    count: 1\n    \
                      minutes: 5\n  - title: Core knowledge\n    count: 3\n    minutes: 20",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        if !bank.kits.iter().any(|k| k.duration_minutes.is_some()) {
            return;
        }
        for (kit, drawn) in bank.kits.iter().zip(ctx.kit_draws()) {
            let Some(duration) = kit.duration_minutes else {
                continue;
            };
            // Minutes of sections without a slot come from the draw, when there is one.
            let drawn = drawn.as_ref().ok();
            let mut at = 0u32;
            for (s, section) in kit.sections.iter().enumerate() {
                if section.wanted() == 0 {
                    continue;
                }
                let minutes = match (section.minutes, &drawn) {
                    (Some(m), _) => m,
                    (None, Some(sel)) => sel.sections[s].minutes,
                    (None, None) => continue,
                };
                let start = at;
                at += minutes;
                if at <= duration {
                    continue;
                }
                let message = if start >= duration {
                    format!(
                        "section \"{}\" of kit \"{}\" has no time left: the sections before it \
                         take {start} of the kit's {duration} minutes",
                        section.title, kit.id
                    )
                } else {
                    format!(
                        "section \"{}\" of kit \"{}\" runs {} minutes past the kit's {duration}: \
                         it starts at minute {start} and takes {minutes}",
                        section.title,
                        kit.id,
                        at - duration
                    )
                };
                let pointer = if section.minutes.is_some() {
                    format!("/sections/{s}/minutes")
                } else {
                    format!("/sections/{s}")
                };
                let d = ctx
                    .diagnostic(message, bank.file(kit.file).label(&pointer))
                    .with_help(format!(
                        "the sections take {} minutes in all: shorten them, or raise \
                         `duration_minutes`",
                        section_total(kit, drawn)
                    ));
                ctx.report(None, d);
                break;
            }
        }
    }
}

/// Minutes of all sections: their slots, else their drawn questions.
fn section_total(kit: &qbank_core::Kit, drawn: Option<&qbank_core::Selection>) -> u32 {
    kit.sections
        .iter()
        .enumerate()
        .filter(|(_, s)| s.wanted() > 0)
        .map(|(i, s)| {
            s.minutes
                .or_else(|| drawn.map(|d| d.sections[i].minutes))
                .unwrap_or(0)
        })
        .sum()
}
