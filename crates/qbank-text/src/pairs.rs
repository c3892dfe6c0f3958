//! The pairs of a bank's questions that kit and loop selection keep apart, by id, as
//! [`qbank_core::select()`] and [`qbank_core::select_loop`] take them: what `qbank kit build`
//! and the lint rules that draw kits both ask here.

use qbank_core::{Bank, Question};

/// The pairs of the bank's active questions that kit selection keeps apart, by id: every
/// pair scoring at least [`crate::similarity::RELATED_THRESHOLD`], a looser level than the
/// near-duplicate rule's, when `embeddings` holds the questions' sentence vectors; without
/// them, the pairs the `near-duplicate` rule reports at its default threshold (words alone are
/// not reliable below that level).
pub fn related_pairs(
    bank: &Bank,
    embeddings: Option<std::sync::Arc<crate::similarity::Embeddings>>,
) -> Vec<(&str, &str)> {
    pair_ids(bank, &related_active_pairs(bank, embeddings))
}

/// [`related_pairs`] as the detector finds them: indices among [`Bank::active`]'s questions,
/// as [`qbank_core::Conflicts::Active`] reads them.
pub fn related_active_pairs(
    bank: &Bank,
    embeddings: Option<std::sync::Arc<crate::similarity::Embeddings>>,
) -> Vec<crate::similarity::Pair> {
    use crate::similarity::{related_threshold, Detector};
    let threshold = related_threshold(embeddings.is_some());
    Detector::for_bank(bank, threshold)
        .with_meaning(embeddings)
        .near_duplicates(&bank.active_texts())
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
