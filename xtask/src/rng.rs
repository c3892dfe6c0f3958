//! The random numbers of the synthetic banks: seeded, the same on every machine.

/// SplitMix64: small, fast, deterministic.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A rank in 0..n, skewed like the frequencies of subject words: a Zipf draw (exponent
    /// about 1) three times in ten, else uniform, so that the commonest name is in a few
    /// percent of the questions rather than in one of ten.
    pub fn zipf(&mut self, n: usize) -> usize {
        if self.below(10) < 3 {
            let r = ((n as f64 + 1.0).powf(self.unit()) - 1.0) as usize;
            r.min(n - 1)
        } else {
            self.below(n)
        }
    }
    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}
