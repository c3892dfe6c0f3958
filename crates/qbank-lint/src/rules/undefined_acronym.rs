use qbank_core::hash::FastSet;
use std::sync::OnceLock;

use qbank_core::Severity;

use crate::rule::{Context, OptionDefault, Rule, RuleDoc, RuleOption};
use crate::text::acronym_core;
use crate::wording::{common_acronyms, wording};
use qbank_text::words::tokens;

/// An acronym in a question's text that is neither spelt out nor commonly known.
pub struct UndefinedAcronym;

impl Rule for UndefinedAcronym {
    fn name(&self) -> &'static str {
        "undefined-acronym"
    }
    fn summary(&self) -> &'static str {
        "An acronym in a question's text that is not spelt out on first use."
    }
    fn default_severity(&self) -> Severity {
        Severity::Info
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Finds acronyms in each question's `text` (two or more capitals, digits \
                   allowed, a plural `s` too: `SLO`, `SLOs`, `K8S`) and reports the first use \
                   of each that is not spelt out there, either as \"long form (ACRONYM)\" or \
                   \"ACRONYM (long form)\". Acronyms in the `allow` list (common ones such as \
                   API, GPU, ML, SQL and CI/CD by default) are fine, and so is any acronym that \
                   topics.yaml lists in a synonym group with its long form.",
            why: "The interviewer reads the question aloud and must be able to explain it; a \
                  candidate who does not know one team's acronym is not a weaker candidate. An \
                  acronym written out once costs a few words and removes the doubt.",
            example: "text: How would you define SLOs for a recommender system?",
            instead: "text: How would you define service level objectives (SLOs) for a recommender system?",
        }
    }
    fn options(&self) -> &'static [RuleOption] {
        static OPTIONS: OnceLock<[RuleOption; 1]> = OnceLock::new();
        OPTIONS.get_or_init(|| {
            [RuleOption {
                name: "allow",
                description: "Acronyms that need no spelling out.",
                default: OptionDefault::Words(common_acronyms()),
            }]
        })
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        // Every word of every text is looked up here: foldhash, not SipHash.
        let mut known: FastSet<String> = ctx.words("allow").into_iter().collect();
        for topic in &bank.topics {
            for group in &topic.synonyms {
                if group.len() > 1 {
                    known.extend(group.iter().filter(|s| acronym_core(s).is_some()).cloned());
                }
            }
        }
        for q in &bank.questions {
            for (range, acronym) in undefined(&q.text, &known) {
                let written = &q.text[range.clone()];
                let d = ctx.diagnostic(format!("acronym \"{acronym}\" is not spelt out"),
                    bank.question_file(q).label_in("/text", &q.text, range),
                )
                .with_help(format!(
                    "write it out on first use, as in \"long form ({written})\"; an acronym every interviewer knows goes in `allow` under [rules.undefined-acronym] in qbank.toml"
                ));
                ctx.report(Some(q), d);
            }
        }
    }
}

/// The first use of each acronym in `text` that is neither known nor spelt out there.
fn undefined(text: &str, known: &FastSet<String>) -> Vec<(std::ops::Range<usize>, String)> {
    let mut seen = FastSet::default();
    let mut out = Vec::new();
    for token in tokens(text) {
        if known.contains(token.word) {
            continue;
        }
        let mut offset = token.range.start;
        for part in token.word.split(['/', '-']) {
            let range = offset..offset + part.len();
            offset += part.len() + 1;
            let Some(core) = acronym_core(part) else {
                continue;
            };
            if wording().shouted.iter().any(|w| w == core)
                || known.contains(core)
                || known.contains(part)
                || !seen.insert(core.to_owned())
            {
                continue;
            }
            let before = text[..range.start].trim_end();
            let after =
                text[range.end..].trim_start_matches(|c: char| c == ')' || c.is_whitespace());
            let spelt_out = (before.ends_with('(') && text[range.end..].starts_with(')'))
                || after.starts_with('(');
            if !spelt_out {
                out.push((range, core.to_owned()));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use qbank_core::hash::FastSet;

    #[test]
    fn finds_first_unexplained_use() {
        let known: FastSet<String> = ["GPU".to_owned(), "CI/CD".to_owned()].into_iter().collect();
        let found = |t: &str| -> Vec<String> {
            super::undefined(t, &known)
                .into_iter()
                .map(|(r, a)| format!("{a}@{}", &t[r]))
                .collect()
        };
        assert_eq!(
            found("Define SLOs and SLOs again for GPU-heavy CI/CD jobs."),
            ["SLO@SLOs"]
        );
        assert!(found("Define service level objectives (SLOs) for it.").is_empty());
        assert!(found("Define SLOs (service level objectives) for it.").is_empty());
        assert_eq!(found("Is it NOT an MLOps or K8S thing?"), ["K8S@K8S"]);
        assert_eq!(found("Use PSI/KS tests."), ["PSI@PSI", "KS@KS"]);
    }
}
