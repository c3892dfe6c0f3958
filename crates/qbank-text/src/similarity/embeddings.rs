//! What texts mean, as sentence vectors computed elsewhere (the `qbank-embed` crate), and the
//! exact search for each text's nearest neighbours among them.

mod clustered;

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// Sentence vectors of texts, by text: every vector has the same length and norm 1, so the
/// dot product of two is their cosine.
///
/// Built by the caller (the CLI embeds the bank's questions with a sentence-embedding model,
/// through its cache) and handed to a [`super::Detector`]; this crate never runs a model. The
/// verdict also reads the meaning of what two questions do not share (their words outside a
/// shared sentence frame, [`super::Vocabulary::residual`]): the caller that has the model
/// lends it as an [`Embedder`] ([`Embeddings::with_embedder`]), and those phrases are embedded
/// when a verdict first needs them.
#[derive(Debug, Clone)]
pub struct Embeddings {
    dim: usize,
    vectors: HashMap<String, Box<[f32]>>,
    /// Embeds the phrases `vectors` lacks, when the caller lent a model.
    embedder: Option<Embedder>,
    /// The phrases embedded so far by `embedder`, shared by the clones.
    phrases: Arc<Mutex<HashMap<String, Arc<[f32]>>>>,
    /// Names the model the vectors come from, for messages.
    model: String,
    /// The nearest neighbours found so far, by the texts searched, so that two searches over
    /// the same texts (the near-duplicate rule's and kit selection's, at two thresholds)
    /// compare every pair once.
    neighbours: Arc<Mutex<Vec<Neighbours>>>,
    /// From how many texts the search is by clusters, and how
    /// ([`clustered::APPROXIMATE_FROM`] and [`clustered::PLAN`]; smaller in tests).
    approximate: (usize, clustered::Plan),
}

/// A sentence-embedding model lent by the caller: the vectors of some texts, in their order,
/// each of the model's length and norm 1 (an empty list when the model fails: the verdict
/// then reads the words and the whole texts' meaning only).
#[derive(Clone)]
pub struct Embedder(Arc<EmbedFn>);

/// What an [`Embedder`] runs.
type EmbedFn = dyn Fn(&[&str]) -> Vec<Vec<f32>> + Send + Sync;

impl Embedder {
    pub fn new(embed: impl Fn(&[&str]) -> Vec<Vec<f32>> + Send + Sync + 'static) -> Embedder {
        Embedder(Arc::new(embed))
    }
}

impl std::fmt::Debug for Embedder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Embedder")
    }
}

/// [`nearest`] of one list of texts, with no floor.
#[derive(Debug)]
struct Neighbours {
    /// A hash of the texts, in order.
    texts: u64,
    /// A hash of each text, in order.
    ids: Vec<u64>,
    k: usize,
    lists: Arc<Vec<Vec<(u32, f32)>>>,
}

impl Default for Embeddings {
    fn default() -> Embeddings {
        Embeddings::new("", 0)
    }
}

impl Embeddings {
    /// No vectors yet, from the model named `model`, each of length `dim`.
    pub fn new(model: impl Into<String>, dim: usize) -> Embeddings {
        Embeddings {
            dim,
            vectors: HashMap::new(),
            embedder: None,
            phrases: Arc::default(),
            model: model.into(),
            neighbours: Arc::default(),
            approximate: (clustered::APPROXIMATE_FROM, clustered::PLAN),
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

    /// These vectors, with `embedder` to embed the phrases a verdict reads.
    pub fn with_embedder(mut self, embedder: Embedder) -> Embeddings {
        self.embedder = Some(embedder);
        self
    }

    /// The vectors of `phrases`, in order: those held, and the others embedded all at once
    /// by the embedder and kept. `None` for a phrase without one (no embedder, or the model
    /// failed).
    pub(crate) fn phrase_vectors(&self, phrases: &[&str]) -> Vec<Option<Arc<[f32]>>> {
        let mut kept = self
            .phrases
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(embedder) = &self.embedder {
            let mut missing: Vec<&str> = phrases
                .iter()
                .copied()
                .filter(|p| !self.vectors.contains_key(*p) && !kept.contains_key(*p))
                .collect();
            missing.sort_unstable();
            missing.dedup();
            if !missing.is_empty() {
                let vectors = (embedder.0)(&missing);
                if vectors.len() == missing.len() {
                    for (p, v) in missing.into_iter().zip(vectors) {
                        if v.len() == self.dim {
                            kept.insert(p.to_owned(), v.into());
                        }
                    }
                }
            }
        }
        phrases
            .iter()
            .map(|p| match self.vectors.get(*p) {
                Some(v) => Some(Arc::from(&v[..])),
                None => kept.get(*p).cloned(),
            })
            .collect()
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
    /// the `k` nearest of all, those under the floor left out. A list of texts that differs
    /// from one searched before in a few texts in one place (the bank before and after a
    /// change to one file, as `lint --changed-since` reads them) updates that search's lists
    /// ([`updated`]) instead of comparing every pair again, unless the search is by clusters
    /// ([`nearest`]).
    pub(crate) fn nearest_among<S: AsRef<str>>(
        &self,
        texts: &[S],
        vectors: &[Option<&[f32]>],
        k: usize,
        floor: f32,
    ) -> Vec<Vec<(u32, f32)>> {
        let ids: Vec<u64> = texts
            .iter()
            .map(|t| {
                let mut hasher = std::collections::hash_map::DefaultHasher::new();
                t.as_ref().hash(&mut hasher);
                hasher.finish()
            })
            .collect();
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        ids.hash(&mut hasher);
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
                    // A search by clusters is done afresh, so that it finds what a lint of
                    // these texts alone finds.
                    let (from, plan) = &self.approximate;
                    let by_clusters = clustered::applies(vectors, *from).then_some(plan);
                    let lists = known
                        .iter()
                        .filter(|n| n.k == k && by_clusters.is_none())
                        .find_map(|n| updated(n, &ids, vectors))
                        .unwrap_or_else(|| nearest(vectors, k, f32::NEG_INFINITY, by_clusters));
                    let lists = Arc::new(lists);
                    known.push(Neighbours {
                        texts: key,
                        ids,
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
/// order, so that it is the same on every machine and thread count: lane `l` of eight adds up
/// the products of components `l`, `l + 8`, `l + 16`… in turn, the eight lanes are added in
/// order (from -0.0, as `Iterator::sum` does), and then the products of the components past
/// the last multiple of eight, in turn. Every operation is an IEEE single-precision product or
/// sum, rounded to nearest, never fused, so the bits of the result follow from the inputs alone.
/// `nearest` computes the same sums eight pairs at a time.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    Kernel::best().dot(a, b)
}

/// [`dot`] with the lanes of `simd`.
#[inline(always)]
fn dot_with<L: Lanes>(simd: L, a: &[f32], b: &[f32]) -> f32 {
    let mut lanes = simd.zero();
    let (ca, cb) = (a.chunks_exact(8), b.chunks_exact(8));
    let (ra, rb) = (ca.remainder(), cb.remainder());
    for (x, y) in ca.zip(cb) {
        let (x, y) = (eight(x), eight(y));
        lanes = simd.mul_add(lanes, simd.load(x), simd.load(y));
    }
    add_tail(sum_lanes(simd.store(lanes)), ra, rb)
}

/// A chunk of eight components as an array.
#[inline(always)]
fn eight(chunk: &[f32]) -> [f32; 8] {
    std::array::from_fn(|l| chunk[l])
}

/// The lanes of a [`dot`] product added in order.
fn sum_lanes(lanes: [f32; 8]) -> f32 {
    lanes.iter().fold(-0.0, |sum, x| sum + x)
}

/// `sum` plus the products of the components of `a` and `b` past the last multiple of eight,
/// in turn: the end of a [`dot`] product.
fn add_tail(mut sum: f32, a: &[f32], b: &[f32]) -> f32 {
    for (x, y) in a.iter().zip(b) {
        sum += x * y;
    }
    sum
}

/// How many rows [`nearest`] compares with the rows after them at a time: one task's unit.
const BLOCK: usize = 64;

/// How many columns (the later rows) one block meets at a time: the scores of a block of rows
/// against this many columns are computed, then kept in the lists in the order of the pairs.
const COLUMNS: usize = 128;

/// For every text with a vector, its `k` nearest other texts with a cosine of at least
/// `floor`, nearest first (ties by index). Exact: every pair is compared once, in blocks of
/// rows shared out over the cores (each block against itself and every later row), so the cost
/// is quadratic in the number of texts (5×10⁷ products of 384 dimensions for 10,000 texts).
///
/// Every cosine is [`dot`]'s, bit for bit: the products are computed four rows by two columns
/// at a time ([`tile`]), each pair's lanes summed in [`dot`]'s order, on the widest vector unit
/// the processor has (AVX2 on x86-64, chosen at run time; portable code elsewhere) — the same
/// operations in the same order, only eight pairs side by side. So the lists do not depend on
/// the machine, and no candidate needs scoring again. (A matrix-product library such as `gemm`
/// would be faster still on some processors, but it adds in another order, fuses products into
/// sums, and its entry point is `unsafe`, which this workspace denies.)
///
/// With `by_clusters` (a bank of [`clustered::APPROXIMATE_FROM`] texts or more), the search is
/// by clusters instead, as the plan says ([`clustered`]): the same cosines and order, but a
/// text meets only the texts of the clusters nearest to it, so a few of its nearest may be
/// missed.
fn nearest(
    vectors: &[Option<&[f32]>],
    k: usize,
    floor: f32,
    by_clusters: Option<&clustered::Plan>,
) -> Vec<Vec<(u32, f32)>> {
    match by_clusters {
        Some(plan) => clustered::nearest(Kernel::best(), vectors, k, floor, plan),
        None => nearest_with(Kernel::best(), vectors, k, floor),
    }
}

/// [`nearest`] with the products of `kernel`.
fn nearest_with(
    kernel: Kernel,
    vectors: &[Option<&[f32]>],
    k: usize,
    floor: f32,
) -> Vec<Vec<(u32, f32)>> {
    // Blocks dealt round-robin, so that each share holds early (long) and late (short) ones.
    const SHARES: usize = 4;
    let n = vectors.len();
    let matrix = Matrix::of(vectors);
    let starts: Vec<usize> = (0..n).step_by(BLOCK).collect();
    let shares: Vec<Vec<usize>> = (0..SHARES)
        .map(|s| starts.iter().copied().skip(s).step_by(SHARES).collect())
        .collect();
    let tables = qbank_core::parallel::map_each(&shares, |blocks| {
        let mut table: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
        // For each text, a cosine under which a pair changes nothing in its list: the floor,
        // then once the list is full the cosine of its last neighbour; out of reach for a text
        // without a vector.
        let mut bar: Vec<f32> = vectors
            .iter()
            .map(|v| if v.is_some() { floor } else { f32::INFINITY })
            .collect();
        // Whether a cosine was NaN, which [`nearer`] does not order: from then on the lists
        // may be out of order, and only `keep`'s search of each list decides.
        let mut unordered = false;
        let mut scores = vec![0.0f32; BLOCK * COLUMNS];
        for &start in blocks {
            let end = (start + BLOCK).min(n);
            for first in (start..n).step_by(COLUMNS) {
                let last = (first + COLUMNS).min(n);
                match &matrix {
                    Some(m) => kernel.scores(m, start, first..last, &mut scores),
                    None => pair_by_pair(vectors, start, first..last, &mut scores),
                }
                // The pairs in the order of the search before tiles (that of the `keep`
                // calls), so that even NaN cosines end up where they did.
                for j in first..last {
                    if vectors[j].is_none() {
                        continue;
                    }
                    let column = &scores[(j - first) * BLOCK..][..end.min(j).max(start) - start];
                    for (i, &c) in (start..).zip(column) {
                        if !unordered && c < bar[i] && c < bar[j] {
                            continue;
                        }
                        if vectors[i].is_none() || c < floor {
                            continue;
                        }
                        unordered |= c.is_nan();
                        for (x, y) in [(i, j), (j, i)] {
                            let under = c < bar[x];
                            if unordered || !under {
                                keep(&mut table[x], k, y as u32, c, &mut bar[x]);
                            }
                        }
                    }
                }
            }
        }
        table
    });
    merged(&tables, k)
}

/// [`nearest`] with no floor for the texts `ids` (whose vectors are `vectors`), from the lists
/// `old` holds for another list of texts: exactly what [`nearest`] would find, when the two
/// lists of texts differ in one run of texts in one place (some texts of `old` replaced by
/// others, or removed, or added). `None` when they differ in more than that, or so much that
/// comparing every pair again is cheaper, or a cosine is NaN (which [`nearer`] does not order).
///
/// The texts before and after the run are the same on both sides, in the same order (only
/// their indices shift, by as much on either side of the run), so they have the same vectors
/// and keep their order of ties. A kept text's `k` nearest kept texts are then its old
/// neighbours less the texts of the old run, unless it lost one of a full list (what came next
/// is not known): its list is searched again whole. So is each new text's. Every other kept text
/// only meets the new texts.
fn updated(
    old: &Neighbours,
    ids: &[u64],
    vectors: &[Option<&[f32]>],
) -> Option<Vec<Vec<(u32, f32)>>> {
    let (k, n) = (old.k, ids.len());
    if vectors.len() != n || old.lists.len() != old.ids.len() {
        return None;
    }
    let prefix = old.ids.iter().zip(ids).take_while(|(a, b)| a == b).count();
    let suffix = old.ids[prefix..]
        .iter()
        .rev()
        .zip(ids[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    // The run: old texts `prefix..old_end`, new texts `prefix..new_end`.
    let (old_end, new_end) = (old.ids.len() - suffix, n - suffix);
    let added = prefix..new_end;
    // A text searched whole costs `n` cosines one at a time, about six times what a pair costs
    // in `nearest`'s tiles, which compare n²/2 pairs: beyond n/16 such texts, search it all.
    let most = n / 16;
    if added.len() > most {
        return None;
    }
    let new_of = |o: u32| -> Option<u32> {
        let o = o as usize;
        if o < prefix {
            Some(o as u32)
        } else if o >= old_end {
            Some((o - old_end + new_end) as u32)
        } else {
            None
        }
    };
    let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
    let mut whole: Vec<usize> = Vec::new();
    for (j, list) in lists.iter_mut().enumerate() {
        let Some(vj) = vectors[j] else { continue };
        if added.contains(&j) {
            whole.push(j);
            continue;
        }
        let was = &old.lists[if j < prefix { j } else { j - new_end + old_end }];
        if was.iter().any(|x| x.1.is_nan()) {
            return None;
        }
        list.extend(was.iter().filter_map(|&(o, c)| Some((new_of(o)?, c))));
        if list.len() < was.len() && was.len() == k {
            list.clear();
            whole.push(j);
            if whole.len() > most {
                return None;
            }
            continue;
        }
        add_cosines(list, vj, vectors, added.clone())?;
        list.sort_by(|x, y| nearer(*x, *y));
        list.truncate(k);
    }
    if whole.len() > most {
        return None;
    }
    let searched = qbank_core::parallel::map_ordered(&whole, 8, |_, &j| {
        let vj = vectors[j]?;
        let mut all: Vec<(u32, f32)> = Vec::with_capacity(n);
        add_cosines(&mut all, vj, vectors, (0..n).filter(|&i| i != j))?;
        all.sort_by(|x, y| nearer(*x, *y));
        all.truncate(k);
        Some(all)
    });
    for (&j, list) in whole.iter().zip(searched) {
        lists[j] = list?;
    }
    Some(lists)
}

/// Adds to `list` the cosine of `v` with each of the texts `others` that has a vector, by
/// [`dot`]; `None` at a NaN cosine.
fn add_cosines(
    list: &mut Vec<(u32, f32)>,
    v: &[f32],
    vectors: &[Option<&[f32]>],
    others: impl Iterator<Item = usize>,
) -> Option<()> {
    for i in others {
        if let Some(vi) = vectors[i] {
            let c = dot(v, vi);
            if c.is_nan() {
                return None;
            }
            list.push((i as u32, c));
        }
    }
    Some(())
}

/// Each text's `k` nearest of the lists the shares found for it, nearest first.
fn merged(tables: &[Vec<Vec<(u32, f32)>>], k: usize) -> Vec<Vec<(u32, f32)>> {
    let n = tables.first().map_or(0, Vec::len);
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

/// [`Kernel::scores`] for vectors of different lengths: every pair of vectors by [`dot`].
fn pair_by_pair(
    vectors: &[Option<&[f32]>],
    rows: usize,
    columns: std::ops::Range<usize>,
    out: &mut [f32],
) {
    for j in columns.clone() {
        for i in rows..(rows + BLOCK).min(j) {
            if let (Some(a), Some(b)) = (vectors[i], vectors[j]) {
                out[(j - columns.start) * BLOCK + (i - rows)] = dot(a, b);
            }
        }
    }
}

/// Puts neighbour `j` at cosine `c` into `list` (in [`nearer`] order), keeping the `k` first;
/// `bar` becomes the cosine of the last when the list is full.
fn keep(list: &mut Vec<(u32, f32)>, k: usize, j: u32, c: f32, bar: &mut f32) {
    let at = list.partition_point(|&x| nearer(x, (j, c)) == std::cmp::Ordering::Less);
    if at >= k {
        return;
    }
    list.insert(at, (j, c));
    list.truncate(k);
    if list.len() == k {
        *bar = list[k - 1].1;
    }
}

/// The vectors of [`nearest`] one after the other, each as its whole groups of eight
/// components and the rest; a text without a vector has zeros (its scores are never read), and
/// zero rows are added up to a whole [`BLOCK`] so that every tile is whole.
///
/// A dimension where every vector is smaller than [`SILENT`] holds zeros instead: there every
/// product of two components rounds to zero, and adding zero leaves a sum as it was (no sum of
/// [`dot`]'s is ever -0.0: its lanes start from +0.0), so no cosine changes. But a product that
/// underflows costs the processor far more than one of zeros, and all-MiniLM-L6-v2 has two
/// such dimensions (about 1e-33 in every vector): they made the search a third slower.
#[derive(Debug)]
struct Matrix {
    /// How many whole groups of eight components a vector has.
    groups: usize,
    /// How many components are left after them.
    tail: usize,
    eights: Vec<[f32; 8]>,
    tails: Vec<f32>,
}

impl Matrix {
    /// The vectors as a matrix, unless they differ in length (then [`dot`] pairs them as it
    /// does) or there are none.
    fn of(vectors: &[Option<&[f32]>]) -> Option<Matrix> {
        let heard = Matrix::heard(vectors)?;
        Some(Matrix::with(vectors, &heard))
    }

    /// Which dimensions of `vectors` some vector is heard in (at least [`SILENT`] in size),
    /// the others held as zeros; `None` when they differ in length or there are none.
    fn heard(vectors: &[Option<&[f32]>]) -> Option<Vec<bool>> {
        let dim = vectors.iter().flatten().next()?.len();
        if vectors.iter().flatten().any(|v| v.len() != dim) {
            return None;
        }
        let mut heard = vec![false; dim];
        for v in vectors.iter().flatten() {
            for (h, x) in heard.iter_mut().zip(v.iter()) {
                *h |= !matches!(x.abs().partial_cmp(&SILENT), Some(std::cmp::Ordering::Less));
            }
        }
        Some(heard)
    }

    /// `vectors` (all of the length of `heard`) as a matrix, zero in the dimensions `heard`
    /// leaves out: some of the vectors [`Matrix::heard`] was asked about, as their rows of the
    /// matrix of all would be.
    fn with(vectors: &[Option<&[f32]>], heard: &[bool]) -> Matrix {
        let dim = heard.len();
        let (groups, tail) = (dim / 8, dim % 8);
        let rows = vectors.len().next_multiple_of(BLOCK);
        let mut eights = Vec::with_capacity(rows * groups);
        let mut tails = Vec::with_capacity(rows * tail);
        let mut row = vec![0.0f32; dim];
        for v in vectors {
            match v {
                Some(v) => {
                    for ((r, &x), &h) in row.iter_mut().zip(v.iter()).zip(heard) {
                        *r = if h { x } else { 0.0 };
                    }
                    let chunks = row.chunks_exact(8);
                    tails.extend_from_slice(chunks.remainder());
                    eights.extend(chunks.map(eight));
                }
                None => {
                    eights.resize(eights.len() + groups, [0.0; 8]);
                    tails.resize(tails.len() + tail, 0.0);
                }
            }
        }
        eights.resize(rows * groups, [0.0; 8]);
        tails.resize(rows * tail, 0.0);
        Matrix {
            groups,
            tail,
            eights,
            tails,
        }
    }

    fn eights(&self, row: usize) -> &[[f32; 8]] {
        &self.eights[row * self.groups..(row + 1) * self.groups]
    }

    fn tail(&self, row: usize) -> &[f32] {
        &self.tails[row * self.tail..(row + 1) * self.tail]
    }
}

/// Components smaller than 2⁻⁷⁶ in size: the product of two is under 2⁻¹⁵², less than half the
/// smallest positive single-precision number, so it rounds to zero.
const SILENT: f32 = 1.0 / (1u128 << 76) as f32;

/// The instruction set the products of [`nearest`] run on; every one gives the same bits.
#[derive(Debug, Clone, Copy)]
enum Kernel {
    Portable,
    #[cfg(target_arch = "x86_64")]
    Avx2(pulp::x86::V3),
}

impl Kernel {
    /// The fastest this processor has.
    fn best() -> Kernel {
        #[cfg(target_arch = "x86_64")]
        if let Some(simd) = pulp::x86::V3::try_new() {
            return Kernel::Avx2(simd);
        }
        Kernel::Portable
    }

    /// [`dot`] of `a` and `b`.
    fn dot(self, a: &[f32], b: &[f32]) -> f32 {
        match self {
            Kernel::Portable => dot_with(Portable, a, b),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2(simd) => simd.vectorize(|| dot_with(simd, a, b)),
        }
    }

    /// The [`dot`] products of rows `rows..rows + BLOCK` with the rows `columns` (and the one
    /// after, when they are odd in number), into `out` by column: the product of rows `i` and
    /// `j` at `(j - columns.start) * BLOCK + (i - rows)`. Pairs whose row comes after their
    /// column are left out where a whole tile can be.
    fn scores(self, m: &Matrix, rows: usize, columns: std::ops::Range<usize>, out: &mut [f32]) {
        match self {
            Kernel::Portable => scores(Portable, m, rows, columns, out),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2(simd) => simd.vectorize(|| scores(simd, m, rows, columns, out)),
        }
    }
}

/// [`Kernel::scores`] with the lanes of `simd`.
#[inline(always)]
fn scores<L: Lanes>(
    simd: L,
    m: &Matrix,
    rows: usize,
    columns: std::ops::Range<usize>,
    out: &mut [f32],
) {
    // Eight rows (24 KB at 384 dimensions) stay in the nearest cache while every pair of
    // columns meets them.
    const GROUP: usize = 8;
    let whole = columns.start..columns.end.next_multiple_of(2);
    for group in (rows..rows + BLOCK).step_by(GROUP) {
        for j in whole.clone().step_by(2) {
            for i in (group..group + GROUP).step_by(4) {
                if i > j {
                    continue;
                }
                let sums = tile_rows(simd, m, [i, i + 1, i + 2, i + 3], m, [j, j + 1]);
                let at = (j - columns.start) * BLOCK + (i - rows);
                out[at..at + 4].copy_from_slice(&sums[..4]);
                out[at + BLOCK..at + BLOCK + 4].copy_from_slice(&sums[4..]);
            }
        }
    }
}

/// The [`dot`] products of rows `left` of `a` with rows `right` of `b` (of the same width):
/// [`tile`], each sum then finished with the components past the last multiple of eight. Rows 0
/// to 3 with column 0, then with column 1.
#[inline(always)]
fn tile_rows<L: Lanes>(
    simd: L,
    a: &Matrix,
    left: [usize; 4],
    b: &Matrix,
    right: [usize; 2],
) -> [f32; 8] {
    let mut sums = tile(simd, left.map(|r| a.eights(r)), right.map(|c| b.eights(c)));
    if a.tail > 0 {
        for (p, sum) in sums.iter_mut().enumerate() {
            *sum = add_tail(*sum, a.tail(left[p % 4]), b.tail(right[p / 4]));
        }
    }
    sums
}

/// The lanes of the products of four rows with two columns, summed: rows 0 to 3 with column
/// 0, then with column 1. Eight sums of eight lanes each, one register each, each lane adding
/// its products in [`dot`]'s order (in single precision, the [`dot`] products themselves).
#[inline(always)]
fn tile<G: Group, L: Lanes<G>>(simd: L, rows: [&[G]; 4], columns: [&[G]; 2]) -> [G::Sum; 8] {
    let groups = rows[0].len();
    let rows = rows.map(|r| &r[..groups]);
    let columns = columns.map(|c| &c[..groups]);
    let mut lanes = [simd.zero(); 8];
    for g in 0..groups {
        let b = [simd.load(columns[0][g]), simd.load(columns[1][g])];
        for (r, row) in rows.iter().enumerate() {
            let a = simd.load(row[g]);
            lanes[r] = simd.mul_add(lanes[r], a, b[0]);
            lanes[4 + r] = simd.mul_add(lanes[4 + r], a, b[1]);
        }
    }
    simd.sums(lanes)
}

/// A group of components that one register holds, and what their products are summed in.
trait Group: Copy {
    type Sum: Copy;
}

/// Eight single-precision components, summed in single precision.
impl Group for [f32; 8] {
    type Sum = f32;
}

/// Sixteen 16-bit components ([`clustered::Coarse`]), two to a lane, summed exactly in 32-bit
/// integers.
impl Group for [i16; 16] {
    type Sum = i32;
}

/// Eight lanes of sums on one instruction set, fed by groups of components `G`: eight
/// single-precision components (the default), or sixteen 16-bit ones.
trait Lanes<G: Group = [f32; 8]>: Copy {
    type V: Copy;
    fn zero(self) -> Self::V;
    fn load(self, x: G) -> Self::V;
    /// `acc + a × b` in every lane. In single precision the product rounded, then the sum
    /// (never fused); in 16 bits the lane's two products added, exactly.
    fn mul_add(self, acc: Self::V, a: Self::V, b: Self::V) -> Self::V;
    fn store(self, v: Self::V) -> [G::Sum; 8];
    /// The eight sums of each one's lanes: in single precision as [`sum_lanes`] adds them;
    /// integer sums are the same in any order.
    fn sums(self, lanes: [Self::V; 8]) -> [G::Sum; 8];
}

/// Plain arrays, for any processor.
#[derive(Debug, Clone, Copy)]
struct Portable;

impl Lanes for Portable {
    type V = [f32; 8];

    #[inline(always)]
    fn zero(self) -> [f32; 8] {
        [0.0; 8]
    }

    #[inline(always)]
    fn load(self, x: [f32; 8]) -> [f32; 8] {
        x
    }

    #[inline(always)]
    fn mul_add(self, mut acc: [f32; 8], a: [f32; 8], b: [f32; 8]) -> [f32; 8] {
        for l in 0..8 {
            acc[l] += a[l] * b[l];
        }
        acc
    }

    #[inline(always)]
    fn store(self, v: [f32; 8]) -> [f32; 8] {
        v
    }

    #[inline(always)]
    fn sums(self, lanes: [[f32; 8]; 8]) -> [f32; 8] {
        lanes.map(sum_lanes)
    }
}

/// AVX2 registers of eight lanes (multiplying and adding apart, as the portable code does).
#[cfg(target_arch = "x86_64")]
impl Lanes for pulp::x86::V3 {
    type V = std::arch::x86_64::__m256;

    #[inline(always)]
    fn zero(self) -> Self::V {
        pulp::cast([0.0f32; 8])
    }

    #[inline(always)]
    fn load(self, x: [f32; 8]) -> Self::V {
        pulp::cast(x)
    }

    #[inline(always)]
    fn mul_add(self, acc: Self::V, a: Self::V, b: Self::V) -> Self::V {
        self.avx._mm256_add_ps(acc, self.avx._mm256_mul_ps(a, b))
    }

    #[inline(always)]
    fn store(self, v: Self::V) -> [f32; 8] {
        pulp::cast(v)
    }

    /// Transposes the eight registers, so that register `l` holds lane `l` of each, then adds
    /// the registers in order from -0.0: each lane of the result is [`sum_lanes`] of one.
    #[inline(always)]
    fn sums(self, r: [Self::V; 8]) -> [f32; 8] {
        // Written out, not with arrays' `map` or closures: those are not compiled with AVX2,
        // so each intrinsic in them would be a call of its own.
        let avx = self.avx;
        // Lanes 0, 1, 4 and 5 (lo) or 2, 3, 6 and 7 (hi) of two registers, interleaved.
        let lo = [
            avx._mm256_unpacklo_ps(r[0], r[1]),
            avx._mm256_unpacklo_ps(r[2], r[3]),
            avx._mm256_unpacklo_ps(r[4], r[5]),
            avx._mm256_unpacklo_ps(r[6], r[7]),
        ];
        let hi = [
            avx._mm256_unpackhi_ps(r[0], r[1]),
            avx._mm256_unpackhi_ps(r[2], r[3]),
            avx._mm256_unpackhi_ps(r[4], r[5]),
            avx._mm256_unpackhi_ps(r[6], r[7]),
        ];
        // Lanes l and l + 4 of registers 0–3 (`quads`) and 4–7 (`later`): lanes 0, 1, 2, 3
        // in turn.
        let quads = [
            avx._mm256_shuffle_ps::<0x44>(lo[0], lo[1]),
            avx._mm256_shuffle_ps::<0xEE>(lo[0], lo[1]),
            avx._mm256_shuffle_ps::<0x44>(hi[0], hi[1]),
            avx._mm256_shuffle_ps::<0xEE>(hi[0], hi[1]),
        ];
        let later = [
            avx._mm256_shuffle_ps::<0x44>(lo[2], lo[3]),
            avx._mm256_shuffle_ps::<0xEE>(lo[2], lo[3]),
            avx._mm256_shuffle_ps::<0x44>(hi[2], hi[3]),
            avx._mm256_shuffle_ps::<0xEE>(hi[2], hi[3]),
        ];
        // Register l: lane l of every register, for l < 4 from the low halves, then the high.
        let columns: [Self::V; 8] = [
            avx._mm256_permute2f128_ps::<0x20>(quads[0], later[0]),
            avx._mm256_permute2f128_ps::<0x20>(quads[1], later[1]),
            avx._mm256_permute2f128_ps::<0x20>(quads[2], later[2]),
            avx._mm256_permute2f128_ps::<0x20>(quads[3], later[3]),
            avx._mm256_permute2f128_ps::<0x31>(quads[0], later[0]),
            avx._mm256_permute2f128_ps::<0x31>(quads[1], later[1]),
            avx._mm256_permute2f128_ps::<0x31>(quads[2], later[2]),
            avx._mm256_permute2f128_ps::<0x31>(quads[3], later[3]),
        ];
        let mut sum: Self::V = pulp::cast([-0.0f32; 8]);
        for c in columns {
            sum = avx._mm256_add_ps(sum, c);
        }
        pulp::cast(sum)
    }
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
        let n = nearest(&refs, 2, 0.5, None);
        assert_eq!(n.len(), 5);
        assert_eq!(n[0], [(1, s)]);
        assert_eq!(n[1].iter().map(|x| x.0).collect::<Vec<_>>(), [0, 2]);
        assert!(n[3].is_empty() && n[4].is_empty());
        let all = nearest(&refs, 1, -1.0, None);
        assert_eq!(all[3], [(2, 0.0)]);
    }

    #[test]
    fn nearest_is_the_brute_force_answer() {
        let mut rng = qbank_core::select::SplitMix64::new(7);
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
            assert_eq!(
                nearest(&refs, k, floor, None),
                brute,
                "k {k}, floor {floor}"
            );
        }
    }

    /// A search over texts that differ from those of an earlier search in one place (texts
    /// replaced, added or removed, at the start, the end or in the middle, with ties and texts
    /// without vectors about) updates the earlier lists, and finds exactly what a search from
    /// scratch finds.
    #[test]
    fn a_search_after_a_small_change_finds_what_a_new_search_finds() {
        let mut rng = qbank_core::select::SplitMix64::new(11);
        let dim = 9;
        // Few distinct values, so that many cosines tie; some texts have no vector.
        let mut embeddings = Embeddings::new("test", dim);
        for t in 0..400 {
            let v: Vec<f32> = (0..dim).map(|_| rng.below(3) as f32 - 1.0).collect();
            if t % 7 != 3 {
                embeddings.insert(&format!("t{t}"), v);
            }
        }
        let vectors_of = |texts: &[String]| -> Vec<Option<&[f32]>> {
            texts.iter().map(|t| embeddings.get(t)).collect()
        };
        let mut updates = 0;
        for round in 0..60 {
            let n = 100 + rng.below(150) as usize;
            // Texts repeat, so that some vectors are the same at two places.
            let before: Vec<String> = (0..n).map(|_| format!("t{}", rng.below(300))).collect();
            let at = rng.below(n as u64 + 1) as usize;
            let removed = (rng.below(4) as usize).min(n - at);
            let mut after = before.clone();
            let new: Vec<String> = (0..rng.below(4))
                .map(|_| format!("t{}", 300 + rng.below(100)))
                .collect();
            after.splice(at..at + removed, new);
            let k = [1, 3, 16][round % 3];
            let fresh = nearest(&vectors_of(&after), k, f32::NEG_INFINITY, None);
            let kept = Embeddings {
                neighbours: Arc::default(),
                ..embeddings.clone()
            };
            kept.nearest_among(&before, &vectors_of(&before), k, f32::NEG_INFINITY);
            let found = kept.nearest_among(&after, &vectors_of(&after), k, f32::NEG_INFINITY);
            assert_eq!(found, fresh, "round {round}");
            let known = kept.neighbours.lock().unwrap();
            let old = known.first().unwrap();
            let ids: Vec<u64> = known.last().unwrap().ids.clone();
            updates += usize::from(updated(old, &ids, &vectors_of(&after)).is_some());
        }
        // Most changes are small enough to update the lists rather than search again.
        assert!(updates > 30, "{updates} of 60 searches updated");
    }

    /// [`dot`] as it was written before [`nearest`] computed it in tiles.
    fn dot_as_before(a: &[f32], b: &[f32]) -> f32 {
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

    /// [`nearest`] as it was before tiles: every pair by [`dot`], in the same order of blocks
    /// and pairs, kept with a search of each list.
    fn nearest_pair_by_pair(
        vectors: &[Option<&[f32]>],
        k: usize,
        floor: f32,
    ) -> Vec<Vec<(u32, f32)>> {
        const SHARES: usize = 4;
        let n = vectors.len();
        let starts: Vec<usize> = (0..n).step_by(BLOCK).collect();
        let tables: Vec<Vec<Vec<(u32, f32)>>> = (0..SHARES)
            .map(|s| {
                let mut table: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
                for &start in starts.iter().skip(s).step_by(SHARES) {
                    let end = (start + BLOCK).min(n);
                    for j in start..n {
                        let Some(vj) = vectors[j] else { continue };
                        for (i, vi) in vectors.iter().enumerate().take(end.min(j)).skip(start) {
                            let Some(vi) = vi else { continue };
                            let c = dot_as_before(vi, vj);
                            if c < floor {
                                continue;
                            }
                            for (x, y) in [(i, j), (j, i)] {
                                let list = &mut table[x];
                                let at = list.partition_point(|&z| {
                                    nearer(z, (y as u32, c)) == std::cmp::Ordering::Less
                                });
                                if at < k {
                                    list.insert(at, (y as u32, c));
                                    list.truncate(k);
                                }
                            }
                        }
                    }
                }
                table
            })
            .collect();
        merged(&tables, k)
    }

    /// Neighbour lists with their cosines as bits, so that -0.0 and 0.0 (and NaNs) differ.
    fn bits(lists: &[Vec<(u32, f32)>]) -> Vec<Vec<(u32, u32)>> {
        lists
            .iter()
            .map(|l| l.iter().map(|&(j, c)| (j, c.to_bits())).collect())
            .collect()
    }

    /// Every kernel this machine has.
    fn kernels() -> Vec<Kernel> {
        let mut all = vec![Kernel::Portable];
        if !matches!(Kernel::best(), Kernel::Portable) {
            all.push(Kernel::best());
        }
        all
    }

    /// Checks every kernel against the search before tiles, bit for bit, with and without a
    /// floor.
    fn check_kernels(vectors: &[Option<&[f32]>], k: usize, what: &str) {
        for floor in [f32::NEG_INFINITY, 0.0, 0.5, f32::INFINITY, f32::NAN] {
            let expected = bits(&nearest_pair_by_pair(vectors, k, floor));
            for kernel in kernels() {
                let got = bits(&nearest_with(kernel, vectors, k, floor));
                assert_eq!(got, expected, "{what}: {kernel:?}, k {k}, floor {floor}");
            }
        }
    }

    pub(super) fn random_vector(rng: &mut qbank_core::select::SplitMix64, dim: usize) -> Vec<f32> {
        let v: Vec<f32> = (0..dim)
            .map(|_| (rng.next_u64() >> 40) as f32 / (1u64 << 24) as f32 - 0.5)
            .collect();
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        v.iter().map(|x| x / norm).collect()
    }

    #[test]
    fn dot_adds_as_it_always_has() {
        let mut rng = qbank_core::select::SplitMix64::new(11);
        for dim in 0..40 {
            for _ in 0..20 {
                let mut a = random_vector(&mut rng, dim);
                let b: Vec<f32> = random_vector(&mut rng, dim)
                    .iter()
                    .map(|x| x * 1e-3)
                    .collect();
                if dim > 2 {
                    a[1] = -0.0;
                    a[2] = f32::MIN_POSITIVE / 3.0;
                }
                let before = dot_as_before(&a, &b).to_bits();
                assert_eq!(dot(&a, &b).to_bits(), before);
                for kernel in kernels() {
                    assert_eq!(
                        kernel.dot(&a, &b).to_bits(),
                        before,
                        "{kernel:?}, dim {dim}"
                    );
                }
            }
        }
        assert_eq!(dot(&[-0.0; 3], &[1.0; 3]).to_bits(), 0.0f32.to_bits());
        assert_eq!(dot(&[], &[]).to_bits(), dot_as_before(&[], &[]).to_bits());
    }

    #[test]
    fn every_kernel_gives_the_bits_of_dot() {
        let mut rng = qbank_core::select::SplitMix64::new(3);
        // Lengths with and without a tail past the last multiple of eight, the model's among
        // them; lists shorter than a tile, than a block, and a few blocks long, odd and even.
        for (dim, n) in [
            (1, 9),
            (3, 2),
            (7, 40),
            (8, 70),
            (9, 65),
            (16, 1),
            (19, 129),
            (23, 64),
            (384, 131),
            (389, 67),
        ] {
            let vectors: Vec<Vec<f32>> = (0..n).map(|_| random_vector(&mut rng, dim)).collect();
            let refs: Vec<Option<&[f32]>> = vectors
                .iter()
                .enumerate()
                .map(|(i, v)| (i % 7 != 4).then_some(v.as_slice()))
                .collect();
            for k in [0, 1, 3, 16, n + 5] {
                check_kernels(&refs, k, &format!("dim {dim}, {n} texts"));
            }
            // The scores themselves, every pair against [`dot`].
            if let Some(m) = Matrix::of(&refs) {
                for kernel in kernels() {
                    let mut out = vec![f32::NAN; BLOCK * COLUMNS];
                    for start in (0..n).step_by(BLOCK) {
                        for first in (start..n).step_by(COLUMNS) {
                            let last = (first + COLUMNS).min(n);
                            kernel.scores(&m, start, first..last, &mut out);
                            for j in first..last {
                                for i in start..(start + BLOCK).min(j) {
                                    let (Some(a), Some(b)) = (refs[i], refs[j]) else {
                                        continue;
                                    };
                                    assert_eq!(
                                        out[(j - first) * BLOCK + (i - start)].to_bits(),
                                        dot(a, b).to_bits(),
                                        "{kernel:?}, dim {dim}, pair {i} {j}"
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn near_ties_duplicates_and_zero_vectors_keep_their_order() {
        let mut rng = qbank_core::select::SplitMix64::new(5);
        for dim in [19, 384] {
            let base = random_vector(&mut rng, dim);
            let mut vectors: Vec<Vec<f32>> = Vec::new();
            for copy in 0..90 {
                let mut v = base.clone();
                match copy % 6 {
                    // Exact duplicates: equal cosines, ordered by index.
                    0 => {}
                    // One component a unit in the last place up or down: cosines that differ
                    // in their last bits only, around every place of the lists.
                    1 | 2 => {
                        let t = rng.below(dim as u64) as usize;
                        let up = copy % 6 == 1;
                        v[t] = f32::from_bits(if up {
                            v[t].to_bits() + 1
                        } else {
                            v[t].to_bits() - 1
                        });
                    }
                    // The same components in another order: the same cosine in exact
                    // arithmetic, not always in eight lanes.
                    3 => v.rotate_left(8),
                    4 => v.fill(0.0),
                    _ => v = random_vector(&mut rng, dim),
                }
                vectors.push(v);
            }
            let refs: Vec<Option<&[f32]>> = vectors
                .iter()
                .enumerate()
                .map(|(i, v)| (i % 11 != 10).then_some(v.as_slice()))
                .collect();
            for k in [1, 2, 5, 16, 40, 200] {
                check_kernels(&refs, k, &format!("near ties, dim {dim}"));
            }
        }
    }

    #[test]
    fn odd_values_and_lengths_give_what_they_gave() {
        let mut rng = qbank_core::select::SplitMix64::new(9);
        let mut vectors: Vec<Vec<f32>> = (0..80).map(|_| random_vector(&mut rng, 24)).collect();
        vectors[3][5] = f32::NAN;
        vectors[10][0] = f32::INFINITY;
        vectors[11][0] = f32::NEG_INFINITY;
        vectors[20] = vec![3e19; 24];
        vectors[21] = vec![-3e19; 24];
        vectors[30][7] = -0.0;
        let refs: Vec<Option<&[f32]>> = vectors.iter().map(|v| Some(v.as_slice())).collect();
        for k in [1, 4, 16, 100] {
            check_kernels(&refs, k, "NaN and infinities");
        }
        // Vectors of another length are paired by `dot` as they come.
        vectors[40].truncate(13);
        let refs: Vec<Option<&[f32]>> = vectors.iter().map(|v| Some(v.as_slice())).collect();
        assert!(Matrix::of(&refs).is_none());
        check_kernels(&refs, 16, "uneven lengths");
        assert!(nearest(&[], 3, 0.0, None).is_empty());
        assert_eq!(
            nearest(&[None, None], 3, 0.0, None),
            vec![Vec::new(), Vec::new()]
        );
    }

    #[test]
    fn dimensions_too_small_to_count_are_left_out_and_the_bits_stay() {
        let mut rng = qbank_core::select::SplitMix64::new(13);
        // A number of size `size` to twice that, of either sign.
        let about = |rng: &mut qbank_core::select::SplitMix64, size: f32| {
            let x = size * (1.0 + (rng.next_u64() >> 40) as f32 / (1u64 << 24) as f32);
            if rng.below(2) == 0 {
                x
            } else {
                -x
            }
        };
        let two_to_minus = |e: i32| 2.0f32.powi(-e);
        for dim in [19, 24, 384] {
            let (dead, tail_dead, once, small) = (5, dim - 2, 7, 9);
            let mut vectors: Vec<Vec<f32>> = (0..70)
                .map(|_| {
                    let mut v = random_vector(&mut rng, dim);
                    // Every product rounds to zero here, the second just under 2^-76…
                    v[dead] = about(&mut rng, 1e-33);
                    v[tail_dead] = about(&mut rng, two_to_minus(77));
                    // …but not here, where one vector is large…
                    v[once] = about(&mut rng, 1e-33);
                    // …nor here, just over 2^-76, where products are subnormal, not zero.
                    v[small] = about(&mut rng, two_to_minus(74));
                    v
                })
                .collect();
            vectors[33][once] = 0.5;
            // Vectors whose only products are the small ones: a cosine of a few units of the
            // smallest subnormal, which leaving the dimension out would make 0.
            for v in &mut vectors[60..] {
                let x = v[small];
                v.fill(0.0);
                v[small] = x;
                v[dead] = 1e-33;
            }
            let refs: Vec<Option<&[f32]>> = vectors.iter().map(|v| Some(v.as_slice())).collect();
            let m = Matrix::of(&refs).unwrap();
            let component = |row: usize, d: usize| {
                if d < 8 * m.groups {
                    m.eights(row)[d / 8][d % 8]
                } else {
                    m.tail(row)[d - 8 * m.groups]
                }
            };
            assert!((0..70).all(|r| component(r, dead) == 0.0 && component(r, tail_dead) == 0.0));
            assert!((0..70).all(|r| component(r, once) == vectors[r][once]));
            assert!((0..70).all(|r| component(r, small) == vectors[r][small]));
            assert!(dot(&vectors[61], &vectors[62]) != 0.0);
            for k in [1, 3, 16] {
                check_kernels(&refs, k, &format!("tiny components, dim {dim}"));
            }
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

    /// Vectors gathered around `groups` random centres (a bank's topics), with a few texts
    /// repeated (equal vectors, so tied cosines) and every 97th text without a vector.
    fn gathered(seed: u64, n: usize, dim: usize, groups: usize) -> Vec<Option<Vec<f32>>> {
        let mut rng = qbank_core::select::SplitMix64::new(seed);
        let centres: Vec<Vec<f32>> = (0..groups).map(|_| random_vector(&mut rng, dim)).collect();
        let mut out: Vec<Option<Vec<f32>>> = Vec::with_capacity(n);
        for i in 0..n {
            if i % 97 == 50 {
                out.push(None);
            } else if i % 41 == 40 {
                out.push(out[i - 7].clone());
            } else {
                let centre = &centres[rng.below(groups as u64) as usize];
                let noise = random_vector(&mut rng, dim);
                let v: Vec<f32> = centre
                    .iter()
                    .zip(&noise)
                    .map(|(c, e)| c + 0.6 * e)
                    .collect();
                let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                out.push(Some(v.iter().map(|x| x / norm).collect()));
            }
        }
        out
    }

    /// A search by clusters that searches every cluster is the exact search, bit for bit and
    /// tie for tie, on every kernel; so the clusters only ever choose which texts meet.
    #[test]
    fn a_search_of_every_cluster_is_the_exact_search() {
        for (dim, n) in [(24, 900), (19, 500), (384, 300)] {
            let vectors = gathered(dim as u64, n, dim, 12);
            let refs: Vec<Option<&[f32]>> = vectors.iter().map(|v| v.as_deref()).collect();
            let plan = clustered::Plan {
                texts_per_cluster: 20,
                probes: usize::MAX,
                rounds: 3,
                sample_per_cluster: 4,
            };
            for (k, floor) in [(1, f32::NEG_INFINITY), (8, f32::NEG_INFINITY), (16, 0.5)] {
                let exact = bits(&nearest_with(Kernel::Portable, &refs, k, floor));
                for kernel in kernels() {
                    let found = clustered::nearest(kernel, &refs, k, floor, &plan);
                    assert_eq!(bits(&found), exact, "dim {dim}, k {k}, {kernel:?}");
                }
            }
        }
    }

    /// Searching a few clusters: every cosine found is [`dot`]'s, every list is in order and
    /// holds the nearest of the texts it met, nearly all the exact neighbours are found, and
    /// the result is the same on every kernel.
    #[test]
    fn a_search_of_the_nearest_clusters_finds_nearly_every_neighbour() {
        let (n, dim, k) = (3000, 32, 8);
        let vectors = gathered(5, n, dim, 15);
        let refs: Vec<Option<&[f32]>> = vectors.iter().map(|v| v.as_deref()).collect();
        let plan = clustered::Plan {
            texts_per_cluster: 30,
            probes: 8,
            rounds: 4,
            sample_per_cluster: 16,
        };
        let exact = nearest_with(Kernel::Portable, &refs, k, f32::NEG_INFINITY);
        let found = clustered::nearest(Kernel::Portable, &refs, k, f32::NEG_INFINITY, &plan);
        for kernel in kernels() {
            let again = clustered::nearest(kernel, &refs, k, f32::NEG_INFINITY, &plan);
            assert_eq!(bits(&again), bits(&found), "{kernel:?}");
        }
        let (mut wanted, mut hit, mut met) = (0, 0, 0);
        for (i, (list, right)) in found.iter().zip(&exact).enumerate() {
            let Some(v) = refs[i] else {
                assert!(list.is_empty());
                continue;
            };
            assert!(list.len() <= k);
            assert!(
                list.windows(2).all(|w| nearer(w[0], w[1]).is_lt()),
                "text {i}"
            );
            for &(j, c) in list {
                assert_ne!(j as usize, i);
                assert_eq!(c.to_bits(), dot(v, refs[j as usize].unwrap()).to_bits());
            }
            wanted += right.len();
            hit += right.iter().filter(|x| list.contains(x)).count();
            met += usize::from(list.len() == right.len());
        }
        let recall = hit as f64 / wanted as f64;
        assert!(recall > 0.95 && recall < 1.0, "recall {recall}");
        assert!(met > n * 9 / 10, "{met} full lists");
    }

    /// A search large enough to be by clusters over texts changed in one place is done
    /// afresh: it finds what a search of those texts alone finds, not an update of the lists
    /// before the change.
    #[test]
    fn a_large_search_after_a_small_change_finds_what_a_new_search_finds() {
        // Every 97th text has no vector.
        let (n, from) = (1500, 1400);
        let plan = clustered::Plan {
            texts_per_cluster: 30,
            probes: 3,
            rounds: 3,
            sample_per_cluster: 8,
        };
        let vectors = gathered(3, n + 90, 32, 1000);
        let mut embeddings = Embeddings::new("test", 32);
        embeddings.approximate = (from, plan);
        for (t, v) in vectors.iter().enumerate() {
            if let Some(v) = v {
                embeddings.insert(&format!("t{t}"), v.clone());
            }
        }
        let texts: Vec<String> = (0..n + 90).map(|t| format!("t{t}")).collect();
        let vectors_of = |texts: &[String]| -> Vec<Option<&[f32]>> {
            texts.iter().map(|t| embeddings.get(t)).collect()
        };
        let before = &texts[..n];
        let mut after = before.to_vec();
        // Texts replaced at the start, among the sample the clusters start from.
        after[..5].clone_from_slice(&texts[n..n + 5]);
        assert!(clustered::applies(&vectors_of(&after), from));
        assert!(!clustered::applies(&vectors_of(&texts[..from]), from));
        let fresh = nearest(&vectors_of(&after), 4, f32::NEG_INFINITY, Some(&plan));
        let exact = nearest_with(Kernel::best(), &vectors_of(&after), 4, f32::NEG_INFINITY);
        assert!(bits(&fresh) != bits(&exact), "the search is by clusters");
        embeddings.nearest_among(before, &vectors_of(before), 4, f32::NEG_INFINITY);
        let found = embeddings.nearest_among(&after, &vectors_of(&after), 4, f32::NEG_INFINITY);
        assert!(bits(&found) == bits(&fresh));
        // An update of the lists before would have found the exact neighbours of the new text.
        let known = embeddings.neighbours.lock().unwrap();
        let updated = updated(&known[0], &known[1].ids, &vectors_of(&after));
        assert!(updated.is_some_and(|u| bits(&u) != bits(&found)));
    }
}
