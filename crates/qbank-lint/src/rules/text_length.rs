use qbank_core::Severity;

use crate::rule::{Context, OptionDefault, Rule, RuleDoc, RuleOption, Scope};

/// A question text too short to be a real question or too long to ask aloud.
pub struct TextLength;

impl Rule for TextLength {
    fn name(&self) -> &'static str {
        "text-length"
    }
    fn summary(&self) -> &'static str {
        "A question text shorter or longer than the configured bounds."
    }
    fn default_severity(&self) -> Severity {
        Severity::Warning
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Counts the characters of every question's `text` (spaces at the ends not \
                   counted) and reports texts shorter than `min` or longer than `max`. For a \
                   long text it underlines what lies past the limit.",
            why: "A text of a few characters is a placeholder or a fragment (\"Drift?\"); one \
                  longer than a short paragraph is hard to follow when read aloud and usually \
                  hides a second question or the expected answer.",
            example: "text: Drift?",
            instead: "text: How do you tell data drift from concept drift in a model you run?",
        }
    }
    fn options(&self) -> &'static [RuleOption] {
        &[
            RuleOption {
                name: "min",
                description: "Fewest characters a question text may have.",
                default: OptionDefault::Integer(15),
            },
            RuleOption {
                name: "max",
                description: "Most characters a question text may have.",
                default: OptionDefault::Integer(400),
            },
        ]
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let (min, max) = (ctx.integer("min") as usize, ctx.integer("max") as usize);
        let bank = ctx.bank;
        for q in &bank.questions {
            let file = bank.question_file(q);
            let text = q.text.trim();
            let lead = q.text.len() - q.text.trim_start().len();
            let n = text.chars().count();
            let d = if n < min {
                ctx.diagnostic(
                    format!("question text has {n} characters, fewer than {min}"),
                    file.label("/text"),
                )
                .with_help(
                    "ask a whole question: what should the candidate explain, compare or decide?",
                )
            } else if n > max {
                let cut = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
                ctx.diagnostic(format!("question text has {n} characters, more than {max}"),
                    file.label_in("/text", &q.text, lead + cut..lead + text.len())
                        .with_message("past the limit"),
                )
                .with_help("keep the scenario to what the candidate needs, and move the rest into follow_ups or the rubric")
            } else {
                continue;
            };
            ctx.report(Some(q), d);
        }
    }
}
