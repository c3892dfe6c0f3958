use qbank_core::{Anchors, Severity};

use crate::rule::{Context, Rule, RuleDoc, Scope};

/// A rating scale that anchors some points of 1–4 but not all.
pub struct IncompleteAnchors;

impl Rule for IncompleteAnchors {
    fn name(&self) -> &'static str {
        "incomplete-anchors"
    }
    fn summary(&self) -> &'static str {
        "A question's `anchors` say what some points of the 1-4 scale sound like, but not all four."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Checks `rubric.anchors` and every `rubric.levels.<level>.anchors` for the four \
                   points of the scale: 1 no signal, 2 weak, 3 solid, 4 strong.",
            why: "The kit prints the anchors on the question's rating row in place of the \
                  generic scale. With a point missing, the interviewer has the question's words \
                  for some ratings and nothing for the others, and ratings drift towards the \
                  points that are described.",
            example: "anchors:\n  1: Talks about drift in general.\n  3: Holdout gate before promotion.\n  4: Also the training window and cost.",
            instead: "anchors:\n  1: Talks about drift in general.\n  2: Retrains on a timer, no gate.\n  3: Holdout gate before promotion.\n  4: Also the training window and cost.",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        for q in &bank.questions {
            let mut scales: Vec<(String, String, &Anchors)> = Vec::new();
            if let Some(a) = &q.rubric.anchors {
                scales.push(("/rubric/anchors".into(), "rubric.anchors".into(), a));
            }
            for (level, l) in &q.rubric.levels {
                if let Some(a) = &l.anchors {
                    scales.push((
                        format!("/rubric/levels/{level}/anchors"),
                        format!("rubric.levels.{level}.anchors"),
                        a,
                    ));
                }
            }
            for (pointer, name, anchors) in scales {
                let missing = anchors.missing();
                if missing.is_empty() || anchors.is_empty() {
                    continue;
                }
                let given: Vec<String> = anchors.iter().map(|(p, _)| p.to_string()).collect();
                let missing: Vec<String> = missing.iter().map(u8::to_string).collect();
                let d = ctx
                    .diagnostic(
                        format!(
                            "{name} gives {} but not {}",
                            join_and(&given),
                            join_and(&missing)
                        ),
                        bank.question_file(q).key_label(&pointer),
                    )
                    .with_help(format!(
                        "say what a {} answer sounds like ({})",
                        join_and(&missing),
                        missing
                            .iter()
                            .filter_map(|p| p.parse::<usize>().ok())
                            .filter_map(|p| Anchors::POINT_NAMES.get(p.wrapping_sub(1)))
                            .map(|n| n.to_lowercase())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                ctx.report(Some(q), d);
            }
        }
    }
}

/// `1`, `1 and 2`, `1, 2 and 3`.
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
