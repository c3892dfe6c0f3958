use qbank_core::{Question, Severity};
use qbank_text::similarity::Pair;

use crate::rule::{Context, OptionDefault, Rule, RuleDoc, RuleOption, Settings};
use qbank_text::words::{normalized_key, same_normalized};

/// The score from which two active questions are reported, unless qbank.toml sets
/// `[rules.near-duplicate] threshold` (in hundredths).
pub const THRESHOLD: f32 = qbank_text::similarity::DEFAULT_THRESHOLD;

/// [`THRESHOLD`] in hundredths, as qbank.toml writes it.
const THRESHOLD_PERCENT: u64 = (THRESHOLD * 100.0 + 0.5) as u64;

/// Two active questions that ask the same thing in other words.
pub struct NearDuplicate;

impl Rule for NearDuplicate {
    fn name(&self) -> &'static str {
        "near-duplicate"
    }
    fn summary(&self) -> &'static str {
        "Two active questions ask the same thing in other words."
    }
    fn default_severity(&self) -> Severity {
        // A new near-duplicate fails a pull request unless acknowledged with `similar_to`;
        // qbank.toml can lower it.
        Severity::Error
    }
    fn reads_meaning(&self) -> bool {
        true
    }
    fn doc(&self) -> RuleDoc {
        RuleDoc {
            what: "Reads every active question for its subject terms: the words and phrases \
                   left once the question's frame (\"can you discuss an experience you have \
                   had with\", \"how do you\") is removed, with the synonyms of topics.yaml \
                   and a built-in MLOps vocabulary turned into one name per subject \
                   (\"train/serve skew\" and \"features computed differently in training and \
                   in production\" are both *training-serving skew*). A subject can also \
                   be recognised by the words that describe it, in any order (a small share \
                   of traffic, a new version and widening it step by step make a canary \
                   release). Two questions whose \
                   subjects overlap enough (a score of at least `threshold`, 0.40 by default) \
                   are reported on the later file (under `--changed-since`, on the one \
                   that changed, so that the finding shows on the diff), with the score and the subjects they \
                   share; a question with several earlier matches is reported once, against \
                   the closest, with the others counted and listed in `related`. Questions \
                   that share a sentence frame but not their subject (canary deployment, dark \
                   launching, blue-green deployment) are left alone: one sentence with one \
                   subject swapped for another (\"How do you scale model serving?\", \"How do \
                   you scale model training?\") counts half. With a sentence-embedding model, \
                   the meaning of the whole texts weighs in, and so does the meaning of what two \
                   sentences of one frame do not share: \"service worker\" and \"web worker\" \
                   mean different things, so the pair counts half. Where qbank's vocabulary knows \
                   few of the two questions' words and they share none of its subjects (a \
                   front-end or a product bank in its own words), meaning decides, either way: two \
                   questions that mean the same are reported whatever words they use, and the \
                   finding says so; two that mean different things are not, whatever name of \
                   their field they share (\"What is hoisting in JavaScript?\", \"What is the \
                   difference between == and === in JavaScript?\"). Pairs linked by `similar_to`, in either direction, are not reported; texts \
                   that are the same are left to `duplicate-question`.",
            why: "A kit that draws both questions asks the candidate the same thing twice, \
                  and two copies of a question drift apart as each is edited. Subjects a \
                  team words in its own way belong in the `synonyms` of its topics, so that \
                  the check knows them.",
            example: "# experimentation/ab-testing.yaml\ntext: Can you discuss an experience you have had with A/B testing or multi-armed bandit approaches?\n# experimentation/ab-testing-production.yaml\ntext: Can you discuss an experience you have had with implementing A/B testing or multi-armed bandit approaches in production?",
            instead: "# Merge the two into one question and fold the other's angle into its\n# follow_ups, or, when both are worth asking, say why:\nsimilar_to:\n  - id: ab-testing\n    reason: this one is about running experiments on live traffic",
        }
    }
    fn options(&self) -> &'static [RuleOption] {
        &[RuleOption {
            name: "threshold",
            description: "Score from which two questions are reported, in hundredths (0 to \
                          100): lower finds more rewordings and raises more false alarms.",
            default: OptionDefault::Integer(THRESHOLD_PERCENT),
        }]
    }
    fn check(&self, ctx: &mut Context<'_>) {
        let bank = ctx.bank;
        let active: Vec<&Question> = ctx.active().collect();
        let threshold = percent(ctx.integer("threshold"));
        // By words alone, the pairs are the ones kit and loop rules draw with (found once per
        // run); by meaning too, the index (which kit selection reads too) also tells each
        // pair's cosine.
        let index = ctx.meaning_index();
        let pairs = match index {
            Some(index) => std::sync::Arc::new(index.near_duplicates_at(threshold)),
            None => ctx.word_pairs(threshold),
        };
        // The index the pairs' texts are numbered in, which names what a pair shares.
        let found_in = index.unwrap_or_else(|| ctx.word_index());
        // Each later question is reported once, against its closest earlier match; the others
        // are counted and listed in `related`, so a bank full of copies gives one finding per
        // copy rather than one per pair.
        // The pairs reported, each as (the question it lands on, the other question, the
        // pair), in one list: a large bank has hundreds of thousands of pairs.
        let mut reported: Vec<(u32, u32, u32)> = Vec::with_capacity(pairs.len());
        // Each text's normalized form as a hash, made once for the questions in some pair: a
        // question is in many pairs, and two texts are the same only where their keys are.
        let mut keys: Vec<Option<u64>> = vec![None; active.len()];
        let mut key = |i: usize| *keys[i].get_or_insert_with(|| normalized_key(&active[i].text));
        for (n, pair) in pairs.iter().enumerate() {
            // Questions come in path order, so `b` is in the later file; the finding lands on
            // `b` unless only `a` changed.
            let (earlier, later) = (active[pair.first()], active[pair.second()]);
            let swap = ctx.lands_on_earlier(earlier, later);
            let other = if swap { later } else { earlier };
            if acknowledged(earlier, later)
                || (key(pair.first()) == key(pair.second())
                    && same_normalized(&earlier.text, &later.text))
                || ctx.allowed_on(other)
            {
                continue;
            }
            let (on, other) = if swap {
                (pair.a, pair.b)
            } else {
                (pair.b, pair.a)
            };
            reported.push((on, other, n as u32));
        }
        // Each question's pairs together, the closest first (then the earliest other).
        reported.sort_unstable_by(|&(x, x_other, p), &(y, y_other, q)| {
            x.cmp(&y)
                .then(pairs[q as usize].score.total_cmp(&pairs[p as usize].score))
                .then(x_other.cmp(&y_other))
        });
        let found_on = reported.chunk_by(|x, y| x.0 == y.0);
        ctx.reserve(found_on.clone().count());
        for found in found_on {
            let b = found[0].0 as usize;
            let found: Vec<(usize, &Pair)> = found
                .iter()
                .map(|&(_, other, n)| (other as usize, &pairs[n as usize]))
                .collect();
            let ((best_other, best), later) = (found[0], active[b]);
            let first = active[best_other];
            let others = match found.len() - 1 {
                0 => String::new(),
                1 => " and 1 other question".to_owned(),
                n => format!(" and {n} other questions"),
            };
            let mut d = ctx
                .diagnostic(
                    format!(
                        "question asks the same as \"{}\"{others} ({})",
                        first.id,
                        why(found_in, index.is_some(), best)
                    ),
                    bank.question_file(later)
                        .label("/text")
                        .with_message("this question"),
                )
                .with_secondary(
                    bank.question_file(first)
                        .label("/text")
                        .with_message("asks the same thing"),
                )
                .with_help(format!(
                    "in {}: merge it into \"{}\" (fold what it adds into that question's \
                 follow_ups), or keep both and add there `similar_to: [{{id: {}, reason: …}}]`; \
                 if the two name different subjects, teach the difference to topics.yaml \
                 `synonyms`",
                    bank.question_file(later).path,
                    first.id,
                    first.id
                ));
            for (other, _) in &found {
                d = d.with_related(active[*other].id.clone());
            }
            ctx.report(Some(later), d);
        }
    }
}

/// Why a pair is reported: its score, what the two mean alike (with a model), the subjects
/// they share.
/// `index` is the one the pair was found in; `meaning` whether it reads sentence vectors.
fn why(index: &qbank_text::similarity::Index<'_>, meaning: bool, pair: &Pair) -> String {
    let mut out = format!("similarity {:.2}", pair.score);
    let similarity = meaning.then(|| index.score(pair.first(), pair.second()));
    let semantic = similarity.as_ref().and_then(|s| s.semantic);
    if let Some(cosine) = semantic {
        out.push_str(&format!("; meaning {cosine:.2}"));
    }
    if similarity.as_ref().is_some_and(|s| s.by_meaning) {
        out.push_str(&format!("; {}", qbank_text::similarity::BY_MEANING));
    }
    let shared: Vec<String> = match similarity {
        Some(s) => s.shared,
        None => index
            .shared_subjects(pair.first(), pair.second())
            .map(|n| n.to_string())
            .collect(),
    };
    if !shared.is_empty() || semantic.is_none() {
        out.push_str(&format!("; shared subject: {}", shared.join(", ")));
    }
    out
}

/// A threshold in hundredths, as qbank.toml writes it, as a score.
fn percent(hundredths: u64) -> f32 {
    hundredths.min(100) as f32 / 100.0
}

/// The score from which this rule reports a pair under `settings` (qbank.toml's
/// `[rules.near-duplicate] threshold`, or the default).
pub fn threshold(settings: &Settings) -> f32 {
    percent(settings.integer(&NearDuplicate, "threshold"))
}

/// Whether either question names the other in `similar_to`.
pub fn acknowledged(a: &Question, b: &Question) -> bool {
    a.acknowledges(b)
}
