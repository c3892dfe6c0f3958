use std::collections::{HashMap, HashSet};

use qbank_core::{Question, Severity};

use crate::rule::{Context, Rule, RuleDoc};

/// Words in more than this share of the active questions (and in more than
/// [`COMMON_LEAST`] of them) say nothing about a pair.
const COMMON_SHARE: f32 = 0.25;
const COMMON_LEAST: usize = 10;

/// A `similar_to` entry between two questions that no longer have a subject in common.
pub struct StaleSimilarTo;

impl Rule for StaleSimilarTo {
    fn name(&self) -> &'static str {
        "stale-similar-to"
    }
    fn summary(&self) -> &'static str {
        "A similar_to entry links two questions that no longer share a subject."
    }
    fn default_severity(&self) -> Severity {
        Severity::Info
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Looks at every pair of active questions linked by `similar_to` and reports \
                   the entry when the two share no subject word at all: no word of their \
                   subject terms or their tags in common (\"drift\" joins \"model drift\" and \
                   \"data drift\"), leaving out words that more than a quarter of the active \
                   questions use (and more than ten). That is far below where `near-duplicate` reports, so a \
                   pair a person linked because the two are related stays quiet as long as \
                   they have anything in common. The message gives the `near-duplicate` \
                   score for reference.",
            why: "`similar_to` acknowledges a near duplicate and keeps the pair out of one \
                  kit. Once one of the two has been rewritten to ask something else, the \
                  entry restricts kits for no reason, and its `reason` describes questions \
                  that no longer exist.",
            example: "# deployment/canary-deployment.yaml\ntext: Can you explain the concept of \"canary deployment\" and how it can be used in MLOps?\nsimilar_to:\n  - id: data-labeling-annotation\n    reason: both about releases (the other was rewritten since)",
            instead: "# Remove the entry, or point it at the question that is now similar. A link\n# kept on purpose between questions with no word in common says so:\nallow:\n  - rule: stale-similar-to\n    reason: CI/CD and DevOps practice are asked apart on purpose",
        }
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let active: Vec<&Question> = ctx.active().collect();
        if !active.iter().any(|q| !q.similar_to.is_empty()) {
            return;
        }
        let positions: HashMap<&str, usize> = active
            .iter()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        let vocabulary = ctx.vocabulary();
        // The text and the tags: a tag is a subject the author named on purpose.
        let subjects: Vec<Vec<String>> = active
            .iter()
            .map(|q| {
                let mut about = q.text.clone();
                for tag in &q.tags {
                    about.push_str(". ");
                    about.push_str(&tag.replace('-', " "));
                }
                vocabulary.subject_stems(&about)
            })
            .collect();
        let mut df: HashMap<&str, usize> = HashMap::new();
        for s in subjects.iter().flatten() {
            *df.entry(s.as_str()).or_default() += 1;
        }
        let common_above = (COMMON_SHARE * active.len() as f32).max(COMMON_LEAST as f32);
        let common = |s: &str| df.get(s).copied().unwrap_or(0) as f32 > common_above;
        for (i, q) in active.iter().enumerate() {
            for (k, s) in q.similar_to.iter().enumerate() {
                // Entries naming no active question are another rule's (or nobody's) business.
                let Some(&j) = positions.get(s.id.as_str()).filter(|&&j| j != i) else {
                    continue;
                };
                let theirs: HashSet<&str> = subjects[j].iter().map(String::as_str).collect();
                if subjects[i]
                    .iter()
                    .any(|w| theirs.contains(w.as_str()) && !common(w))
                {
                    continue;
                }
                let score = ctx.word_index().score(i, j).score;
                let d = ctx.diagnostic(format!(
                        "similar_to names \"{}\", but the two questions share no subject word or tag \
                         (similarity {score:.2})",
                        s.id
                    ),
                    bank.question_file(q).label(&format!("/similar_to/{k}")),
                )
                .with_secondary(
                    bank.question_file(active[j])
                        .label("/text")
                        .with_message("the question it names"),
                )
                .with_related(s.id.clone())
                .with_help(
                    "remove the entry or point it at the question this one is now similar to; \
                     a link kept on purpose can say so with `allow` and a reason",
                );
                ctx.report(Some(q), d);
            }
        }
    }
}
