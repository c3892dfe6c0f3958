//! The pairs of a bank's questions that kit and loop selection keep apart, by id, as
//! [`qbank_core::select()`] and [`qbank_core::select_loop`] take them: what `qbank kit build`
//! and the lint rules that draw kits both ask here.

use qbank_core::{Bank, Question};

/// The pairs of the bank's active questions that kit selection keeps apart, by id: among the
/// questions some kit may draw ([`qbank_core::may_draw`]), when `embeddings` holds their
/// sentence vectors, every pair scoring at least [`crate::similarity::RELATED_THRESHOLD`], a
/// looser level than the near-duplicate rule's; without them, every pair scoring at least
/// the near-duplicate rule's default threshold (words alone are not reliable below that
/// level).
pub fn related_pairs(
    bank: &Bank,
    embeddings: Option<std::sync::Arc<crate::similarity::Embeddings>>,
) -> Vec<(&str, &str)> {
    pair_ids(bank, &related_active_pairs(bank, embeddings))
}

/// [`related_pairs`] as the detector finds them: indices among [`Bank::active`]'s questions,
/// as [`qbank_core::Conflicts::Active`] reads them.
///
/// Read by meaning or by words, the search covers only the questions some kit may draw
/// ([`drawable`]): a draw reads no other pair, and the search keeps each question's closest
/// partners and candidates, so that questions no kit may draw would otherwise take their
/// places, and a kit's draw would depend on them.
pub fn related_active_pairs(
    bank: &Bank,
    embeddings: Option<std::sync::Arc<crate::similarity::Embeddings>>,
) -> Vec<crate::similarity::Pair> {
    related_among(bank, embeddings, &drawable(bank))
}

/// [`related_active_pairs`] with the bank's [`drawable`] questions already worked out, for a
/// caller that needs them too.
pub fn related_among(
    bank: &Bank,
    embeddings: Option<std::sync::Arc<crate::similarity::Embeddings>>,
    drawable: &[usize],
) -> Vec<crate::similarity::Pair> {
    use crate::similarity::{related_threshold, Detector};
    let threshold = related_threshold(embeddings.is_some());
    let detector = Detector::for_bank(bank, threshold).with_meaning(embeddings);
    let texts = bank.active_texts();
    if drawable.len() == texts.len() {
        return detector.near_duplicates(&texts);
    }
    let some: Vec<&str> = drawable.iter().map(|&i| texts[i]).collect();
    detector
        .near_duplicates(&some)
        .into_iter()
        .map(|p| crate::similarity::Pair {
            a: drawable[p.first()] as u32,
            b: drawable[p.second()] as u32,
            score: p.score,
        })
        .collect()
}

/// The positions among [`Bank::active`]'s questions of those some kit of the bank may draw
/// ([`qbank_core::may_draw`]), ascending: what a search for [`related_pairs`] covers.
pub fn drawable(bank: &Bank) -> Vec<usize> {
    bank.active()
        .enumerate()
        .filter(|(_, q)| bank.kits.iter().any(|kit| qbank_core::may_draw(kit, q)))
        .map(|(i, _)| i)
        .collect()
}

/// `pairs` of the bank's active questions (indices in [`Bank::active`] order), by id,
/// borrowed from the bank: a large bank has hundreds of thousands of related pairs.
pub fn pair_ids<'b>(bank: &'b Bank, pairs: &[crate::similarity::Pair]) -> Vec<(&'b str, &'b str)> {
    let active: Vec<&Question> = bank.active().collect();
    pairs
        .iter()
        .map(|p| {
            (
                active[p.first()].id.as_str(),
                active[p.second()].id.as_str(),
            )
        })
        .collect()
}
