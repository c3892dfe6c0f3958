//! What texts mean, as sentence vectors computed elsewhere (the `qbank-embed` crate), and the
//! exact search for each text's nearest neighbours among them.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// Sentence vectors of texts, by text: every vector has the same length and norm 1, so the
/// dot product of two is their cosine.
///
/// Built by the caller (the CLI embeds the bank's questions with a sentence-embedding model,
/// through its cache) and handed to a [`super::Detector`]; this crate never runs a model.
#[derive(Debug, Clone, Default)]
pub struct Embeddings {
    dim: usize,
    vectors: HashMap<String, Box<[f32]>>,
    /// Names the model the vectors come from, for messages.
    model: String,
    /// The nearest neighbours found so far, by the texts searched, so that two searches over
    /// the same texts (the near-duplicate rule's and kit selection's, at two thresholds)
    /// compare every pair once.
    neighbours: Arc<Mutex<Vec<Neighbours>>>,
}

/// [`nearest`] of one list of texts, with no floor.
#[derive(Debug)]
struct Neighbours {
    /// A hash of the texts, in order.
    texts: u64,
    k: usize,
    lists: Arc<Vec<Vec<(u32, f32)>>>,
}

impl Embeddings {
    /// No vectors yet, from the model named `model`, each of length `dim`.
    pub fn new(model: impl Into<String>, dim: usize) -> Embeddings {
        Embeddings {
            dim,
            vectors: HashMap::new(),
            model: model.into(),
            neighbours: Arc::default(),
        }
    }

    /// Keeps `vector` as the meaning of `text`; ignored unless its length is the model's.
    pub fn insert(&mut self, text: &str, vector: Vec<f32>) {
        if vector.len() == self.dim && self.dim > 0 {
            self.vectors
                .insert(text.to_owned(), vector.into_boxed_slice());
        }
    }

    /// The vector of `text`, if it was embedded.
    pub fn get(&self, text: &str) -> Option<&[f32]> {
        self.vectors.get(text).map(|v| &v[..])
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    pub fn model(&self) -> &str {
        &self.model
    }

    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    /// For every one of `texts` (whose vectors are `vectors`, in the same order), its `k`
    /// nearest other texts with a cosine of at least `floor`, nearest first: [`nearest`],
    /// computed once for each list of texts and kept. Exact: the `k` nearest above a floor are
    /// the `k` nearest of all, those under the floor left out.
    pub(crate) fn nearest_among<S: AsRef<str>>(
        &self,
        texts: &[S],
        vectors: &[Option<&[f32]>],
        k: usize,
        floor: f32,
    ) -> Vec<Vec<(u32, f32)>> {
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        for t in texts {
            t.as_ref().hash(&mut hasher);
        }
        let key = hasher.finish();
        let lists = {
            // Held while searching, so that a second search over the same texts waits for
            // this one instead of comparing every pair again.
            let mut known = self
                .neighbours
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            match known.iter().find(|n| n.texts == key && n.k == k) {
                Some(n) => n.lists.clone(),
                None => {
                    let lists = Arc::new(nearest(vectors, k, f32::NEG_INFINITY));
                    known.push(Neighbours {
                        texts: key,
                        k,
                        lists: lists.clone(),
                    });
                    lists
                }
            }
        };
        lists
            .iter()
            .map(|l| l.iter().copied().filter(|&(_, c)| c >= floor).collect())
            .collect()
    }
}

/// The dot product of two vectors (their cosine when both have norm 1), summed in a fixed
/// order of eight lanes, so that it is the same on every machine and thread count.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        for k in 0..8 {
            lanes[k] += x[k] * y[k];
        }
    }
    let mut sum: f32 = lanes.iter().sum();
    for (x, y) in ra.iter().zip(rb) {
        sum += x * y;
    }
    sum
}

/// For every text with a vector, its `k` nearest other texts with a cosine of at least
/// `floor`, nearest first (ties by index). Exact: every pair is compared once, in blocks of
/// rows shared out over the cores (each block against itself and every later row), so the cost
/// is quadratic in the number of texts (about half a second of CPU for 10,000 texts of 384
/// dimensions).
pub(crate) fn nearest(vectors: &[Option<&[f32]>], k: usize, floor: f32) -> Vec<Vec<(u32, f32)>> {
    const BLOCK: usize = 64;
    // Blocks dealt round-robin, so that each share holds early (long) and late (short) ones.
    const SHARES: usize = 4;
    let n = vectors.len();
    let starts: Vec<usize> = (0..n).step_by(BLOCK).collect();
    let shares: Vec<Vec<usize>> = (0..SHARES)
        .map(|s| starts.iter().copied().skip(s).step_by(SHARES).collect())
        .collect();
    let tables = crate::parallel::map_each(&shares, |blocks| {
        let mut table: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
        for &start in blocks {
            let end = (start + BLOCK).min(n);
            for j in start..n {
                let Some(vj) = vectors[j] else { continue };
                for i in start..end.min(j) {
                    let Some(vi) = vectors[i] else { continue };
                    let c = dot(vi, vj);
                    if c < floor {
                        continue;
                    }
                    keep(&mut table[i], k, j as u32, c);
                    keep(&mut table[j], k, i as u32, c);
                }
            }
        }
        table
    });
    (0..n)
        .map(|i| {
            let mut list: Vec<(u32, f32)> =
                tables.iter().flat_map(|t| t[i].iter().copied()).collect();
            list.sort_by(|x, y| nearer(*x, *y));
            list.truncate(k);
            list
        })
        .collect()
}

/// The order of neighbours: the higher cosine first, then the lower index.
fn nearer(x: (u32, f32), y: (u32, f32)) -> std::cmp::Ordering {
    y.1.partial_cmp(&x.1)
        .unwrap_or(std::cmp::Ordering::Equal)
        .then(x.0.cmp(&y.0))
}

/// Puts neighbour `j` at cosine `c` into `list` (in [`nearer`] order), keeping the `k` first.
fn keep(list: &mut Vec<(u32, f32)>, k: usize, j: u32, c: f32) {
    let at = list.partition_point(|&x| nearer(x, (j, c)) == std::cmp::Ordering::Less);
    if at >= k {
        return;
    }
    list.insert(at, (j, c));
    list.truncate(k);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_the_closest_vectors_above_the_floor() {
        let s = std::f32::consts::FRAC_1_SQRT_2;
        let v: Vec<Vec<f32>> = vec![vec![1.0, 0.0], vec![s, s], vec![0.0, 1.0], vec![-1.0, 0.0]];
        let refs: Vec<Option<&[f32]>> =
            v.iter().map(|x| Some(x.as_slice())).chain([None]).collect();
        let n = nearest(&refs, 2, 0.5);
        assert_eq!(n.len(), 5);
        assert_eq!(n[0], [(1, s)]);
        assert_eq!(n[1].iter().map(|x| x.0).collect::<Vec<_>>(), [0, 2]);
        assert!(n[3].is_empty() && n[4].is_empty());
        let all = nearest(&refs, 1, -1.0);
        assert_eq!(all[3], [(2, 0.0)]);
    }

    #[test]
    fn nearest_is_the_brute_force_answer() {
        let mut rng = crate::select::SplitMix64::new(7);
        let dim = 19;
        // Few distinct values, so that many cosines tie; every fifth text has no vector.
        let vectors: Vec<Vec<f32>> = (0..300)
            .map(|_| {
                (0..dim)
                    .map(|_| rng.below(5) as f32 - 2.0)
                    .collect::<Vec<f32>>()
            })
            .collect();
        let refs: Vec<Option<&[f32]>> = vectors
            .iter()
            .enumerate()
            .map(|(i, v)| (i % 5 != 3).then_some(v.as_slice()))
            .collect();
        for (k, floor) in [(1, f32::NEG_INFINITY), (16, 0.0), (5, 3.0), (400, -2.0)] {
            let brute: Vec<Vec<(u32, f32)>> = (0..refs.len())
                .map(|i| {
                    let Some(vi) = refs[i] else {
                        return Vec::new();
                    };
                    let mut all: Vec<(u32, f32)> = (0..refs.len())
                        .filter(|&j| j != i)
                        .filter_map(|j| refs[j].map(|vj| (j as u32, dot(vi, vj))))
                        .filter(|&(_, c)| c >= floor)
                        .collect();
                    all.sort_by(|x, y| nearer(*x, *y));
                    all.truncate(k);
                    all
                })
                .collect();
            assert_eq!(nearest(&refs, k, floor), brute, "k {k}, floor {floor}");
        }
    }

    #[test]
    fn a_vector_of_another_length_is_not_kept() {
        let mut m = Embeddings::new("m", 2);
        m.insert("a", vec![1.0, 0.0]);
        m.insert("b", vec![1.0]);
        assert_eq!(m.len(), 1);
        assert_eq!(m.get("a"), Some([1.0, 0.0].as_slice()));
        assert_eq!(dot(&[1.0; 19], &[2.0; 19]), 38.0);
    }
}
