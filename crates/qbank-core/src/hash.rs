//! Hash maps and sets for the text analysis's short keys (words, stems, term ids).
//!
//! The standard library's SipHash is built to resist crafted keys, and costs it: the word
//! analysis looks up every word of every text several times (stop words, phrases, cues), and
//! on a bank of 100,000 questions SipHash was a fifth of that analysis. foldhash is several
//! times faster on short strings and still seeded per process, so nothing can depend on the
//! order of a map's entries, as with SipHash.

/// A `HashMap` with foldhash's fast hasher: `FastMap::default()` for an empty one.
pub type FastMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A `HashSet` with foldhash's fast hasher: `FastSet::default()` for an empty one.
pub type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

/// A word's 64-bit id, the same in every run: foldhash with a fixed seed, several times faster
/// than SipHash on a short word, so that a (vanishingly rare) collision of two words is the
/// same on every run too.
pub fn word_id(word: &str) -> u64 {
    use std::hash::BuildHasher;
    foldhash::fast::FixedState::with_seed(0).hash_one(word)
}
