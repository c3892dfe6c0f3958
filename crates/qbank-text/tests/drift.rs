//! Scores that do not drift: adding 1,000 questions unrelated to a pair of the project's bank
//! changes neither that pair's score nor its verdict, nor the pairs the detector reports among
//! the bank's questions. Term weights come from a fixed background built into the binary, not
//! from the questions of the moment.

use std::collections::BTreeSet;
use std::path::Path;

use qbank_text::similarity::{Detector, DEFAULT_THRESHOLD};

/// 1,000 questions of other trades (cooking, gardening, travel, music...), ten templates
/// times a hundred subjects, written so that none is about software or machine learning.
fn unrelated() -> Vec<String> {
    const TEMPLATES: [&str; 10] = [
        "How would you prepare {} for a family dinner?",
        "What is the best season to plant {}?",
        "Which museum would you visit to learn about {}?",
        "How do you teach a child to enjoy {}?",
        "What did {} mean to people in the nineteenth century?",
        "Where would you travel to see {} at its finest?",
        "How do you keep {} fresh through a long winter?",
        "What song reminds you of {}?",
        "Why do painters love {} so much?",
        "How would you describe {} to a visitor from abroad?",
    ];
    const FIRST: [&str; 10] = [
        "roasted", "wild", "golden", "smoked", "tiny", "ancient", "sweet", "northern", "painted",
        "woven",
    ];
    const SECOND: [&str; 10] = [
        "pumpkins",
        "tulips",
        "lighthouses",
        "chestnuts",
        "violins",
        "rivers",
        "cathedrals",
        "tomatoes",
        "puppets",
        "orchards",
    ];
    let mut out = Vec::with_capacity(1000);
    for template in TEMPLATES {
        for first in FIRST {
            for second in SECOND {
                out.push(template.replace("{}", &format!("{first} {second}")));
            }
        }
    }
    out
}

#[test]
fn adding_a_thousand_unrelated_questions_changes_no_verdict() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questions");
    let (bank, _) = qbank_core::load_bank(&root).expect("the project's bank loads");
    let texts: Vec<String> = bank.active_texts().into_iter().map(str::to_owned).collect();
    let n = texts.len();
    assert!(n > 50, "the project's bank has {n} active questions");
    let detector = Detector::for_bank(&bank, DEFAULT_THRESHOLD);

    let mut more = texts.clone();
    more.extend(unrelated());
    assert_eq!(more.len(), n + 1000);

    let before = detector.index(&texts);
    let after = detector.index(&more);
    let mut flagged = 0;
    for a in 0..n {
        for b in a + 1..n {
            let (x, y) = (before.score(a, b).score, after.score(a, b).score);
            // The same up to the rounding of sums taken in another order.
            assert!(
                (x - y).abs() <= 1e-5 && (x >= DEFAULT_THRESHOLD) == (y >= DEFAULT_THRESHOLD),
                "the score of {:?} / {:?} moved from {x} to {y}",
                texts[a],
                texts[b]
            );
            flagged += usize::from(x >= DEFAULT_THRESHOLD);
        }
    }
    // The bank's own near duplicates are acknowledged with similar_to: the search must find
    // the same pairs among its questions however many others it reads.
    let pairs = |index: &qbank_text::similarity::Index<'_>| -> BTreeSet<(usize, usize)> {
        index
            .near_duplicates()
            .into_iter()
            .filter(|p| p.second() < n)
            .map(|p| (p.first(), p.second()))
            .collect()
    };
    let (found_before, found_after) = (pairs(&before), pairs(&after));
    assert_eq!(found_before, found_after);
    assert!(
        flagged > 0 && !found_before.is_empty(),
        "the bank holds pairs at the threshold ({flagged} by score), so the test can see one move"
    );
}
