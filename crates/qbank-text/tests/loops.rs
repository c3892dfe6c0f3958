//! Property tests of loop drawing: across generated banks, loops and seeds, a loop never asks
//! a question twice nor two questions of a pair (similar_to, siblings, the related pairs of
//! [`related_pairs`] read with sentence vectors, and the conflicts passed in), and every
//! interview it draws keeps its sections' filters, counts, budgets and caps; when it cannot,
//! the error names the interview and says why.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use proptest::prelude::*;
use qbank_core::{
    select_loop, Bank, Conflicts, Interview, Kind, Kit, Level, Loop, LoopError, Question, Section,
    SimilarTo, Status, Topic,
};
use qbank_text::pairs::{related_active_pairs, related_pairs};
use qbank_text::similarity::Embeddings;

const TOPICS: [&str; 3] = ["deploy", "data", "ops"];
const COMPETENCIES: [&str; 3] = ["delivery", "operations", "collaboration"];

/// One generated question: topic, kind, competency, minutes, status, level, and whom it names
/// in similar_to (an index into the bank, taken modulo its size).
type Spec = (usize, usize, usize, u32, bool, bool, Option<usize>);

/// A made-up word of its own for each question, so that no two texts share a subject.
fn word(i: usize) -> String {
    const SYLLABLES: [&str; 8] = ["ka", "lo", "mi", "nu", "pe", "ro", "zi", "tu"];
    format!(
        "{}{}{}",
        SYLLABLES[i / 64 % 8],
        SYLLABLES[i / 8 % 8],
        SYLLABLES[i % 8]
    )
}

fn bank_of(specs: &[Spec]) -> Bank {
    let n = specs.len();
    let questions = specs
        .iter()
        .enumerate()
        .map(
            |(i, &(topic, kind, competency, minutes, active, mid, similar))| Question {
                text: format!("What is {}?", word(i)),
                topic: TOPICS[topic].to_owned(),
                levels: vec![if mid { Level::Mid } else { Level::Senior }],
                kind: Kind::ALL[kind],
                competencies: vec![COMPETENCIES[competency].to_owned()],
                minutes: Some(minutes),
                status: if active {
                    Status::Active
                } else {
                    Status::Retired
                },
                similar_to: similar
                    .map(|j| j % n)
                    .filter(|&j| j != i)
                    .map(|j| SimilarTo {
                        id: format!("q-{j:02}"),
                        reason: None,
                    })
                    .into_iter()
                    .collect(),
                ..Question::new(format!("q-{i:02}"))
            },
        )
        .collect();
    Bank {
        topics: TOPICS
            .iter()
            .map(|t| Topic {
                id: (*t).to_owned(),
                title: (*t).to_owned(),
                description: String::new(),
                coverage: Default::default(),
                synonyms: Vec::new(),
                index: 0,
            })
            .collect(),
        questions,
        ..Bank::default()
    }
}

/// A section: which filter it uses, how many, an optional budget.
type SectionSpec = (u8, usize, u32, Option<u32>);

fn section_of(n: usize, &(filter, which, count, minutes): &SectionSpec) -> Section {
    let mut s = Section {
        count: Some(count),
        minutes,
        ..Section::new(format!("S{n}"))
    };
    match filter {
        0 => s.topic = Some(TOPICS[which % 3].to_owned()),
        1 => s.kinds = vec![Kind::ALL[which % 5]],
        2 => s.competencies = vec![COMPETENCIES[which % 3].to_owned()],
        _ => {}
    }
    s
}

fn kits_of(kits: &[(Vec<SectionSpec>, Option<u32>)]) -> Vec<Kit> {
    kits.iter()
        .enumerate()
        .map(|(k, (sections, cap))| {
            let mut kit = Kit {
                sections: sections
                    .iter()
                    .enumerate()
                    .map(|(n, s)| section_of(n, s))
                    .collect(),
                seed: k as u64,
                ..Kit::new(format!("kit-{k}"), format!("Kit {k}"), Level::Mid)
            };
            if let Some(cap) = cap {
                kit.max_per_kind.insert(Kind::Concept, *cap);
            }
            kit
        })
        .collect()
}

fn loop_of(kits: usize, seed: u64) -> Loop {
    Loop {
        id: "l".to_owned(),
        title: "L".to_owned(),
        role: None,
        description: None,
        competencies: COMPETENCIES.iter().map(|c| (*c).to_owned()).collect(),
        interviews: (0..kits)
            .map(|k| Interview {
                kit: format!("kit-{k}"),
                title: None,
                interviewer: None,
                focus: None,
                seed: Some(seed.wrapping_add(k as u64 * 7919)),
            })
            .collect(),
        decision: None,
        file: 0,
    }
}

/// Questions that ask the same in other words, two by two; question `i` of a bank gets the
/// text `picks[i % len]` of them.
const REWORDED: [&str; 6] = [
    "How do you version your ML models?",
    "How do you handle version control for machine learning models?",
    "How would you roll out a new model to a small share of traffic first?",
    "How do you release a new model version to a small percentage of users first?",
    "What do you monitor to notice that a model's input data has drifted?",
    "How do you detect drift in the input data of a production model?",
];

fn reworded(picks: &[usize]) -> Vec<String> {
    picks
        .iter()
        .map(|&p| REWORDED[p % REWORDED.len()].to_owned())
        .collect()
}

/// Sentence vectors for the bank's texts: question `i` means `meanings[i % len]`, one of a few
/// unit vectors, so that questions of one meaning read as related whatever their words.
fn embeddings_of(bank: &Bank, meanings: &[usize]) -> Arc<Embeddings> {
    const DIM: usize = 8;
    let mut e = Embeddings::new("test", DIM);
    for (i, q) in bank.questions.iter().enumerate() {
        let mut v = vec![0.0f32; DIM];
        v[meanings[i % meanings.len()] % DIM] = 1.0;
        e.insert(&q.text, v);
    }
    Arc::new(e)
}

fn specs() -> impl Strategy<Value = Vec<Spec>> {
    prop::collection::vec(
        (
            0..3usize,
            0..5usize,
            0..3usize,
            2..9u32,
            prop::bool::weighted(0.9),
            prop::bool::weighted(0.85),
            prop::option::weighted(0.25, 0..60usize),
        ),
        8..40,
    )
}

fn kit_specs() -> impl Strategy<Value = Vec<(Vec<SectionSpec>, Option<u32>)>> {
    prop::collection::vec(
        (
            prop::collection::vec(
                (
                    0..4u8,
                    0..5usize,
                    0..4u32,
                    prop::option::weighted(0.3, 5..25u32),
                ),
                1..4,
            ),
            prop::option::weighted(0.3, 0..3u32),
        ),
        1..4,
    )
}

/// By meaning and by words, the related pairs are searched for among the questions some kit
/// may draw: copies in a topic no kit draws from would otherwise take the places of a drawable
/// question's partners, and change what the kit draws.
#[test]
fn questions_no_kit_may_draw_take_no_partner_places() {
    // q-18 and q-19 ask the same in other words; before them, nine copies of each in a topic
    // no kit draws, as close to each as they are to each other.
    let specs: Vec<Spec> = (0..20)
        .map(|i| (if i < 18 { 2 } else { 0 }, 0, 0, 5, true, true, None))
        .collect();
    let mut bank = bank_of(&specs);
    for (i, q) in bank.questions.iter_mut().enumerate() {
        q.text = REWORDED[usize::from(i >= 9 && i != 18)].to_owned();
    }
    bank.kits = vec![Kit {
        sections: vec![section_of(0, &(0, 0, 2, None))],
        ..Kit::new("kit", "Kit", Level::Mid)
    }];
    for embeddings in [Some(embeddings_of(&bank, &[0])), None] {
        // Over the whole bank, each of the two keeps the earlier copies as its partners.
        let threshold = qbank_text::similarity::related_threshold(embeddings.is_some());
        let whole = qbank_text::similarity::Detector::for_bank(&bank, threshold)
            .with_meaning(embeddings.clone())
            .near_duplicates(&bank.active_texts());
        assert!(whole.iter().any(|p| p.b == 19));
        assert!(!whole.iter().any(|p| (p.a, p.b) == (18, 19)), "{whole:?}");
        let related = related_pairs(&bank, embeddings.clone());
        assert_eq!(related, [("q-18", "q-19")]);
        // So the kit, which wants both, cannot have them.
        let drawn = qbank_core::select(&bank, &bank.kits[0], &related);
        assert!(
            drawn
                .as_ref()
                .is_err_and(|e| e.to_string().contains("near-duplicate")),
            "{drawn:?}"
        );
    }
}

#[test]
fn reworded_questions_are_related_and_others_are_not() {
    let specs: Vec<Spec> = (0..4)
        .map(|i| (i % 3, i % 5, 0, 5, true, true, None))
        .collect();
    let mut bank = bank_of(&specs);
    // One kit, which may draw every question.
    bank.kits = kits_of(&[(vec![(3, 0, 1, None)], None)]);
    assert!(related_pairs(&bank, None).is_empty(), "the words differ");
    for (q, text) in bank.questions.iter_mut().zip(reworded(&[0, 1, 2, 5])) {
        q.text = text;
    }
    assert_eq!(related_pairs(&bank, None), [("q-00", "q-01")]);
    // Where no kit may draw them, no pair is read.
    bank.kits.clear();
    assert!(related_pairs(&bank, None).is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_loop_never_repeats_a_question_or_a_pair_and_keeps_its_sections(
        specs in specs(),
        kit_specs in kit_specs(),
        seed in any::<u64>(),
        conflict in prop::option::of((0..40usize, 0..40usize)),
        meanings in prop::option::weighted(0.4, prop::collection::vec(0..8usize, 1..40)),
        rewordings in prop::option::weighted(0.6, prop::collection::vec(0..6usize, 1..14)),
    ) {
        let mut bank = bank_of(&specs);
        // Some questions reworded from a few texts: related pairs, and duplicates.
        if let Some(picks) = &rewordings {
            let texts = reworded(picks);
            for (q, text) in bank.questions.iter_mut().step_by(3).zip(texts) {
                q.text = text;
            }
        }
        bank.kits = kits_of(&kit_specs);
        let lp = loop_of(bank.kits.len(), seed);
        let n = bank.questions.len();
        // The related pairs kit selection is given, read with vectors when there are some.
        let extra = conflict.map(|(a, b)| (format!("q-{:02}", a % n), format!("q-{:02}", b % n)));
        let embeddings = meanings.as_deref().map(|m| embeddings_of(&bank, m));
        let mut conflicts = related_pairs(&bank, embeddings.clone());
        conflicts.extend(extra.iter().map(|(a, b)| (a.as_str(), b.as_str())));
        let drawn = select_loop(&bank, &lp, Conflicts::Ids(&conflicts));
        // Deterministic: the same inputs draw the same loop.
        prop_assert_eq!(&drawn, &select_loop(&bank, &lp, Conflicts::Ids(&conflicts)));
        // The detector's pairs, by their places among the active questions (as lint draws),
        // keep the same questions apart as their ids.
        if extra.is_none() {
            let active = related_active_pairs(&bank, embeddings);
            prop_assert_eq!(&drawn, &select_loop(&bank, &lp, Conflicts::Active(&active)));
        }
        match drawn {
            Ok(selection) => {
                // Every pair that may not meet anywhere in the loop.
                let mut pairs: HashSet<(String, String)> = HashSet::new();
                let mut named: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
                for q in &bank.questions {
                    for s in &q.similar_to {
                        pairs.insert((q.id.clone(), s.id.clone()));
                        named.entry(s.id.as_str()).or_default().push(q.id.as_str());
                    }
                }
                for group in named.values() {
                    for a in group {
                        for b in group {
                            if a != b {
                                pairs.insert(((*a).to_owned(), (*b).to_owned()));
                            }
                        }
                    }
                }
                pairs.extend(
                    conflicts
                        .iter()
                        .filter(|(a, b)| a != b)
                        .map(|&(a, b)| (a.to_owned(), b.to_owned())),
                );
                let asked: Vec<&Question> = selection
                    .interviews
                    .iter()
                    .flat_map(|i| i.selection.questions(&bank))
                    .collect();
                let ids: HashSet<&str> = asked.iter().map(|q| q.id.as_str()).collect();
                prop_assert_eq!(ids.len(), asked.len(), "a question is asked twice");
                for (a, b) in &pairs {
                    prop_assert!(
                        !(ids.contains(a.as_str()) && ids.contains(b.as_str())),
                        "{} and {} are both asked", a, b
                    );
                }
                for (drawn, kit) in selection.interviews.iter().zip(&bank.kits) {
                    let mut concepts = 0;
                    for (section, got) in kit.sections.iter().zip(&drawn.selection.sections) {
                        prop_assert_eq!(got.questions.len() as u32, section.wanted());
                        if let Some(budget) = section.minutes {
                            prop_assert!(got.minutes <= budget);
                        }
                        for &i in &got.questions {
                            let q = &bank.questions[i];
                            prop_assert!(q.is_active() && q.has_level(kit.level));
                            prop_assert!(section.all_topics().all(|t| t == q.topic));
                            prop_assert!(section.kinds.is_empty() || section.kinds.contains(&q.kind));
                            prop_assert!(
                                section.competencies.is_empty()
                                    || q.competencies.iter().any(|c| section.competencies.contains(c))
                            );
                            if q.kind == Kind::Concept {
                                concepts += 1;
                            }
                        }
                    }
                    if let Some(cap) = kit.max_per_kind.get(&Kind::Concept) {
                        prop_assert!(concepts <= *cap);
                    }
                }
                // Coverage is what the drawn questions measure.
                for c in &selection.coverage {
                    for &i in &c.interviews {
                        prop_assert!(selection.interviews[i]
                            .selection
                            .questions(&bank)
                            .any(|q| q.competencies.contains(&c.competency)));
                    }
                }
            }
            Err(e) => {
                // It says which interview, and why: the explanation names a section or the
                // kit's time or caps.
                prop_assert!(matches!(e, LoopError::Interview { .. }), "{e}");
                prop_assert!(e.interview() < lp.interviews.len());
                let text = e.to_string();
                prop_assert!(
                    text.contains("section \"") || text.contains("the kit"),
                    "{text}"
                );
                prop_assert!(e.help().is_some());
            }
        }
    }
}
