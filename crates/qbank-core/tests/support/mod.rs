//! Strategies shared by the property tests of the writer and of `qbank fmt`: any text, with
//! what YAML treats specially well represented, and any question made of such texts.

use proptest::prelude::*;
use qbank_core::{Allow, Anchors, Kind, Level, LevelRubric, Question, Rubric, SimilarTo, Status};

/// Any text at all, with the characters and the scalars YAML treats specially well
/// represented.
pub fn text() -> impl Strategy<Value = String> {
    let special = prop::sample::select(vec![
        ' ', ':', '#', '-', '?', '\'', '"', '\\', '\n', '\r', '\t', '\u{1}', '\u{b}', '\u{7f}',
        '\u{85}', '\u{a0}', '\u{2028}', '\u{feff}', '\u{fffe}', '[', ']', '{', '}', ',', '&', '*',
        '!', '|', '>', '%', '@', '`', '=', '+', 'é', 'ש', '1', '.', '0', 'x', 'e', 'y',
    ]);
    prop_oneof![
        any::<String>(),
        "[a-z ]{1,30}",
        prop::collection::vec(special, 0..12).prop_map(|c| c.into_iter().collect()),
        prop::sample::select(vec![
            "yes",
            "No",
            "null",
            "~",
            "true",
            "1.0",
            "0x10",
            "1_000",
            "12:30",
            ".inf",
            "-.nan",
            "2025-01-10",
            "<<",
            "=",
            "- a",
            "a: b",
            "a #b",
            "a -",
            "",
            " ",
            "'",
            "''",
            "\"",
        ])
        .prop_map(str::to_owned),
    ]
}

pub fn texts() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..4)
}

/// Anchors giving any of the four points.
pub fn anchors() -> BoxedStrategy<Anchors> {
    [
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(text()),
        prop::option::of(text()),
    ]
    .prop_map(Anchors::new)
    .boxed()
}

prop_compose! {
    /// Any rubric: per-level expectations and anchors, question-wide anchors, the lists.
    pub fn rubric()(
        levels in prop::collection::btree_map(
            prop::sample::select(Level::ALL.to_vec()),
            (prop::option::of(text()), prop::option::of(anchors()))
                .prop_map(|(expect, anchors)| LevelRubric { expect, anchors }),
            0..3,
        ),
        anchors in prop::option::of(anchors()),
        strong in texts(), red_flags in texts(),
    ) -> Rubric {
        Rubric { levels, anchors, strong, red_flags }
    }
}

prop_compose! {
    pub fn question()(
        (title, competencies) in (prop::option::of(text()), texts()).boxed(),
        id in text(), body in text(), topic in text(),
        levels in prop::sample::subsequence(Level::ALL.to_vec(), 1..=4),
        kind in prop::sample::select(Kind::ALL.to_vec()),
        minutes in prop::option::of(0u32..100),
        status in prop::sample::select(vec![Status::Draft, Status::Active, Status::Retired]),
        source in prop::option::of(text()),
        tags in texts(), follow_ups in texts(), rubric in rubric().boxed(),
        similar in prop::collection::vec((text(), prop::option::of(text())), 0..3),
        allow in prop::collection::vec((text(), text()), 0..2),
        reviewed in prop::option::of(text()),
    ) -> Question {
        Question {
            id, title, text: body, topic, levels, kind, competencies, minutes, status, source,
            tags, follow_ups, rubric,
            similar_to: similar.into_iter().map(|(id, reason)| SimilarTo { id, reason }).collect(),
            allow: allow.into_iter().map(|(rule, reason)| Allow { rule, reason }).collect(),
            reviewed,
            file: 0,
        }
    }
}
