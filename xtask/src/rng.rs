//! The random numbers of the synthetic banks: seeded, the same on every machine. The generator
//! is kit selection's ([`SplitMix64`]); this adds the draws the generators need.

use qbank_core::select::SplitMix64;

pub struct Rng(SplitMix64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(SplitMix64::new(seed))
    }
    pub fn next(&mut self) -> u64 {
        self.0.next_u64()
    }
    pub fn below(&mut self, n: usize) -> usize {
        self.0.below(n as u64) as usize
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
