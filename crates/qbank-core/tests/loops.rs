//! Property tests of loop drawing: across generated banks, loops and seeds, a loop never asks
//! a question twice nor two questions of a pair (similar_to, siblings, the conflicts passed
//! in), and every interview it draws keeps its sections' filters, counts, budgets and caps;
//! when it cannot, the error names the interview and says why.

use std::collections::{BTreeMap, HashSet};

use proptest::prelude::*;
use qbank_core::{
    select_loop, Bank, Interview, Kind, Kit, Level, Loop, LoopError, Question, Section, SimilarTo,
    Status, Topic,
};

const TOPICS: [&str; 3] = ["deploy", "data", "ops"];
const COMPETENCIES: [&str; 3] = ["delivery", "operations", "collaboration"];

/// One generated question: topic, kind, competency, minutes, status, level, and whom it names
/// in similar_to (an index into the bank, taken modulo its size).
type Spec = (usize, usize, usize, u32, bool, bool, Option<usize>);

fn bank_of(specs: &[Spec]) -> Bank {
    let n = specs.len();
    let questions = specs
        .iter()
        .enumerate()
        .map(
            |(i, &(topic, kind, competency, minutes, active, mid, similar))| Question {
                text: format!("Question number {i}?"),
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_loop_never_repeats_a_question_or_a_pair_and_keeps_its_sections(
        specs in specs(),
        kit_specs in kit_specs(),
        seed in any::<u64>(),
        conflict in prop::option::of((0..40usize, 0..40usize)),
    ) {
        let mut bank = bank_of(&specs);
        bank.kits = kits_of(&kit_specs);
        let lp = loop_of(bank.kits.len(), seed);
        let n = bank.questions.len();
        let conflicts: Vec<(String, String)> = conflict
            .map(|(a, b)| (format!("q-{:02}", a % n), format!("q-{:02}", b % n)))
            .into_iter()
            .collect();
        let drawn = select_loop(&bank, &lp, &conflicts);
        // Deterministic: the same inputs draw the same loop.
        prop_assert_eq!(&drawn, &select_loop(&bank, &lp, &conflicts));
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
                pairs.extend(conflicts.iter().filter(|(a, b)| a != b).cloned());
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
