//! A set of small numbers, one bit each: which of the words a vocabulary or a list of
//! patterns names a text holds, looked up many times per text.

/// A set of numbers, one bit each; it grows to hold what is inserted.
#[derive(Debug, Clone, Default)]
pub(crate) struct Bits(Vec<u64>);

impl Bits {
    /// The set of `numbers`.
    pub(crate) fn of(numbers: impl IntoIterator<Item = usize>) -> Bits {
        let mut bits = Bits::default();
        for n in numbers {
            bits.insert(n);
        }
        bits
    }

    pub(crate) fn insert(&mut self, n: usize) {
        if self.0.len() <= n / 64 {
            self.0.resize(n / 64 + 1, 0);
        }
        self.0[n / 64] |= 1 << (n % 64);
    }

    pub(crate) fn has(&self, n: usize) -> bool {
        self.0.get(n / 64).is_some_and(|b| b >> (n % 64) & 1 == 1)
    }

    /// Whether the two sets share a number.
    pub(crate) fn meets(&self, other: &Bits) -> bool {
        self.0.iter().zip(&other.0).any(|(a, b)| a & b != 0)
    }

    /// Empties the set, keeping its room.
    pub(crate) fn clear(&mut self) {
        self.0.fill(0);
    }
}

#[cfg(test)]
mod tests {
    use super::Bits;

    #[test]
    fn holds_what_was_inserted_and_nothing_else() {
        let mut bits = Bits::of([0, 63, 64, 200]);
        assert!([0, 63, 64, 200].iter().all(|&n| bits.has(n)));
        assert!([1, 62, 65, 199, 201, 10_000].iter().all(|&n| !bits.has(n)));
        assert!(bits.meets(&Bits::of([5, 200])));
        assert!(!bits.meets(&Bits::of([5, 201])));
        bits.clear();
        assert!(!bits.has(0) && !bits.has(200));
    }
}
