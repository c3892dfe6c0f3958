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
/// `floor`, nearest first (ties by index). Exact: every pair is compared, in blocks of rows
/// shared out over the cores, so the cost is quadratic in the number of texts (about a second
/// for 10,000 texts of 384 dimensions on two cores).
pub(crate) fn nearest(vectors: &[Option<&[f32]>], k: usize, floor: f32) -> Vec<Vec<(u32, f32)>> {
    const BLOCK: usize = 64;
    let rows: Vec<usize> = (0..vectors.len()).step_by(BLOCK).collect();
    let blocks = crate::parallel::map_ordered(&rows, 1, |_, &start| {
        let end = (start + BLOCK).min(vectors.len());
        let mut best: Vec<Vec<(u32, f32)>> = vec![Vec::new(); end - start];
        for (j, vj) in vectors.iter().enumerate() {
            let Some(vj) = vj else { continue };
            for i in start..end {
                if i == j {
                    continue;
                }
                let Some(vi) = vectors[i] else { continue };
                let c = dot(vi, vj);
                if c < floor {
                    continue;
                }
                let list = &mut best[i - start];
                if list.len() == k && list.last().is_some_and(|&(_, w)| w >= c) {
                    continue;
                }
                let at = list.partition_point(|&(_, w)| w >= c);
                list.insert(at, (j as u32, c));
                list.truncate(k);
            }
        }
        best
    });
    blocks.into_iter().flatten().collect()
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
    fn a_vector_of_another_length_is_not_kept() {
        let mut m = Embeddings::new("m", 2);
        m.insert("a", vec![1.0, 0.0]);
        m.insert("b", vec![1.0]);
        assert_eq!(m.len(), 1);
        assert_eq!(m.get("a"), Some([1.0, 0.0].as_slice()));
        assert_eq!(dot(&[1.0; 19], &[2.0; 19]), 38.0);
    }
}
