use qbank_core::Severity;
use qbank_text::protected::detect;

use crate::rule::{Context, Rule, RuleDoc, Scope};

/// A question that asks the candidate about a protected characteristic.
pub struct ProtectedCharacteristic;

impl Rule for ProtectedCharacteristic {
    fn name(&self) -> &'static str {
        "protected-characteristic"
    }
    fn summary(&self) -> &'static str {
        "A question or follow-up asks the candidate about age, family, religion, origin, health or another protected characteristic."
    }
    fn default_severity(&self) -> Severity {
        Severity::Error
    }
    fn scope(&self) -> Scope {
        Scope::File
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Reads each question's text and follow-ups, sentence by sentence, for \
                   questions about the candidate's age, marital or family status, pregnancy or \
                   plans for children, religion, national origin or citizenship beyond work \
                   authorisation, native language or accent, race or ethnicity, sex, gender \
                   identity or sexual orientation, disability or health, arrests or \
                   convictions, military discharge, union membership, political affiliation, \
                   genetic information or family medical history, and salary history. It \
                   fires on phrasings bound to the candidate (\"How old are you?\", \"your \
                   religion\", \"Do you have any children?\") and on the bare words in a \
                   sentence addressed to the candidate (\"How many kids do you have?\"), but \
                   not where the words are the subject matter of technical work: a sentence \
                   about a model, features, data, bias, fairness, groups, audits or tests \
                   (\"How do you test a model for bias against age groups?\") or about other \
                   people (users, customers, your team) is left alone. Lawful questions (\"Are \
                   you authorised to work in …?\", \"Are you at least 18?\") are left alone \
                   too. The message names the category and, where there is one, the lawful \
                   question to ask instead.",
            why: "In most jurisdictions it is unlawful to base a hiring decision on these \
                  grounds, and asking about them is evidence that one was: a question bank \
                  hands the same question to every interviewer, so one such question is a \
                  liability in every interview that uses it. The answers also say nothing \
                  about whether the candidate can do the job.",
            example: "text: Are you a US citizen?\nfollow_ups:\n  - Do you have any children?",
            instead: "text: Are you authorised to work in the United States?\nfollow_ups:\n  - This role has a weekly on-call rotation; can you meet that schedule?",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        for q in &bank.questions {
            let file = bank.question_file(q);
            // The follow-up's index, or `None` for the text.
            let fields = std::iter::once((None, q.text.as_str())).chain(
                q.follow_ups
                    .iter()
                    .map(String::as_str)
                    .enumerate()
                    .map(|(i, f)| (Some(i), f)),
            );
            for (index, text) in fields {
                for finding in detect(text) {
                    let pointer = match index {
                        None => "/text".to_owned(),
                        Some(i) => format!("/follow_ups/{i}"),
                    };
                    let c = finding.category;
                    let mut d = ctx.diagnostic(
                        format!(
                            "asks about the candidate's {}, a protected characteristic",
                            c.name
                        ),
                        file.label_in(&pointer, text, finding.range),
                    );
                    d.help = Some(c.help.to_owned().into());
                    ctx.report(Some(q), d);
                }
            }
        }
    }
}
