//! The search for nearest neighbours by meaning in a large bank: by clusters, approximate.
//!
//! The exact search compares every pair, n²/2 products: 5×10⁹ at 100,000 texts, about a
//! minute of CPU. From [`APPROXIMATE_FROM`] texts on, the texts are grouped into clusters of
//! about [`Plan::texts_per_cluster`] (k-means with cosines, a few rounds on a sample taken at
//! even steps through the texts), each text is put in the cluster of its nearest centre, and
//! a text's neighbours are looked for only in the [`Plan::probes`] clusters whose centres are
//! nearest to it: about 3,500 products a text at 100,000 texts instead of 100,000.
//!
//! What this gives and what it costs:
//! - Every cosine found is [`super::dot`]'s, bit for bit, and a text's list is the `k` nearest
//!   of the texts it meets, in [`super::nearer`]'s order, as the exact search orders them.
//!   The texts a text meets are first compared in 16-bit integers ([`Coarse`]), with a bound
//!   on how far that is from the cosine; only those the bound cannot rule out of the list
//!   have their cosine computed, so the pass changes no list, only what it costs (half the
//!   memory read, twice the products an instruction, and no single-precision copy of the
//!   vectors in cluster order).
//! - A near neighbour in a cluster the text does not search is missed: on `gen-bank`'s 100,000
//!   questions, about 1.5% of each text's 16 nearest at a cosine of 0.70 or more, and 0.1–0.8%
//!   of the near-duplicate pairs lint reports (BENCHMARKS.md, "A search by clusters").
//! - The same texts in the same order give the same lists on any machine and thread count:
//!   the sample, the starting centres and the sums are fixed by the order of the texts; ties go
//!   to the lower index.
//! - The clusters follow the texts, so a change to some texts can move others between
//!   clusters, and a pair one search missed another may find. `lint --changed-since` therefore
//!   searches the bank before and after the change each in full (no update of the lists, see
//!   [`super::updated`]): the bank after the change gives what a lint of it gives, so a
//!   finding the change brings up is reported on that change.

use super::{add_tail, dot_with, keep, tile, tile_rows, Kernel, Lanes, Matrix, Portable};

/// From how many texts with vectors the search by meaning is by clusters: where the exact
/// search starts to cost about a second more (BENCHMARKS.md).
pub(super) const APPROXIMATE_FROM: usize = 20_000;

/// The sizes of a search by clusters.
#[derive(Debug, Clone, Copy)]
pub(super) struct Plan {
    /// About how many texts one cluster holds.
    pub texts_per_cluster: usize,
    /// How many clusters (the nearest centres first) a text looks for neighbours in.
    pub probes: usize,
    /// Rounds of k-means.
    pub rounds: usize,
    /// About how many texts of the sample each cluster starts from.
    pub sample_per_cluster: usize,
}

/// The plan the search by clusters follows, chosen on `gen-bank` banks (BENCHMARKS.md).
pub(super) const PLAN: Plan = Plan {
    texts_per_cluster: 100,
    probes: 24,
    rounds: 4,
    sample_per_cluster: 16,
};

/// Whether the search by meaning goes by clusters for `vectors`: at least `from` of them (see
/// [`APPROXIMATE_FROM`]), all of one length (the rows of a [`Matrix`]) and all finite (so that
/// every cosine is ordered).
pub(super) fn applies(vectors: &[Option<&[f32]>], from: usize) -> bool {
    let mut present = vectors.iter().flatten();
    let Some(first) = present.clone().next() else {
        return false;
    };
    present.clone().count() >= from
        && present.all(|v| v.len() == first.len() && v.iter().all(|x| x.is_finite()))
}

/// For every text with a vector, its `k` nearest other texts with a cosine of at least
/// `floor` among the texts of the clusters it searches, nearest first (ties by index).
pub(super) fn nearest(
    kernel: Kernel,
    vectors: &[Option<&[f32]>],
    k: usize,
    floor: f32,
    plan: &Plan,
) -> Vec<Vec<(u32, f32)>> {
    let n = vectors.len();
    let Some(heard) = Matrix::heard(vectors) else {
        return vec![Vec::new(); n];
    };
    let present: Vec<u32> = (0..n as u32)
        .filter(|&i| vectors[i as usize].is_some())
        .collect();
    let centres = centres(kernel, vectors, &heard, &present, plan);
    let count = centres.rows();
    let probes = plan.probes.clamp(1, count);
    // Each text's clusters to search, its own first.
    let searched = nearest_centres(kernel, vectors, &heard, &present, &centres, probes);
    // The texts in the order of their clusters (then of index), so that a cluster's rows are
    // one run of the matrix, and texts searched one after the other search mostly the same
    // clusters, whose rows are then still in the processor's caches.
    let mut order: Vec<usize> = (0..present.len()).collect();
    order.sort_by_key(|&p| (searched[p][0], present[p]));
    let sorted: Vec<Option<&[f32]>> = order
        .iter()
        .map(|&p| vectors[present[p] as usize])
        .collect();
    // The rows in 16 bits for a first pass, the cosines then from the vectors themselves;
    // where that pass's bound is too loose, every cosine in single precision.
    let rows = match Coarse::of(&sorted) {
        Some(coarse) => Rows::Coarse(coarse),
        None => Rows::Exact(Matrix::with(&sorted, &heard)),
    };
    let original: Vec<u32> = order.iter().map(|&p| present[p]).collect();
    let mut runs = vec![0usize; count + 1];
    for &p in &order {
        runs[searched[p][0] as usize + 1] += 1;
    }
    for c in 0..count {
        runs[c + 1] += runs[c];
    }
    let probes_of: Vec<&[u32]> = order.iter().map(|&p| &searched[p][..]).collect();
    let search = Search {
        rows: &rows,
        vectors: &sorted,
        runs: &runs,
        original: &original,
        probes: &probes_of,
    };
    let clusters: Vec<usize> = (0..count).collect();
    let lists = qbank_core::parallel::map_ordered(&clusters, 4, |_, &h| {
        kernel.neighbours(&search, h, k, floor)
    });
    let mut all = vec![Vec::new(); n];
    for (&i, list) in original.iter().zip(lists.into_iter().flatten()) {
        all[i as usize] = list;
    }
    all
}

/// The cluster centres: k-means with cosines, `plan.rounds` rounds on a sample of the texts at
/// even steps, started from sample texts at even steps; each centre has norm 1.
fn centres(
    kernel: Kernel,
    vectors: &[Option<&[f32]>],
    heard: &[bool],
    present: &[u32],
    plan: &Plan,
) -> Centres {
    let n = present.len();
    let count = (n / plan.texts_per_cluster.max(1)).max(1);
    let step = (n / (count * plan.sample_per_cluster.max(1))).max(1);
    let sample: Vec<u32> = present.iter().step_by(step).copied().collect();
    // The sample's vectors as a matrix, in its order, to make the centres from.
    let rows: Vec<Option<&[f32]>> = sample.iter().map(|&i| vectors[i as usize]).collect();
    let matrix = &Matrix::with(&rows, heard);
    let (groups, tail) = (matrix.groups, matrix.tail);
    let mut centres = Centres {
        count,
        matrix: Matrix {
            groups,
            tail,
            eights: Vec::with_capacity(count * groups),
            tails: Vec::with_capacity(count * tail),
        },
    };
    for c in 0..count {
        let row = c * sample.len() / count;
        centres.matrix.eights.extend_from_slice(matrix.eights(row));
        centres.matrix.tails.extend_from_slice(matrix.tail(row));
    }
    for _ in 0..plan.rounds {
        let owners: Vec<u32> = nearest_centres(kernel, vectors, heard, &sample, &centres, 1)
            .into_iter()
            .map(|nearest| nearest[0])
            .collect();
        // Each centre the normalised sum of its texts, added in the sample's order.
        let mut sums = vec![0.0f32; count * (groups * 8 + tail)];
        let mut held = vec![false; count];
        let width = groups * 8 + tail;
        for (row, &c) in owners.iter().enumerate() {
            let sum = &mut sums[c as usize * width..][..width];
            let components = matrix.eights(row).iter().flatten().chain(matrix.tail(row));
            for (s, x) in sum.iter_mut().zip(components) {
                *s += x;
            }
            held[c as usize] = true;
        }
        for (c, sum) in sums.chunks_exact(width).enumerate() {
            let norm = sum.iter().fold(0.0f32, |acc, x| acc + x * x).sqrt();
            if !(held[c] && norm.is_finite() && norm > 0.0) {
                continue;
            }
            let (eights, rest) = sum.split_at(groups * 8);
            for (g, chunk) in eights.chunks_exact(8).enumerate() {
                centres.matrix.eights[c * groups + g] = std::array::from_fn(|l| chunk[l] / norm);
            }
            for (t, x) in rest.iter().enumerate() {
                centres.matrix.tails[c * tail + t] = x / norm;
            }
        }
    }
    centres
}

/// Cluster centres: `count` rows of a [`Matrix`] (not padded).
#[derive(Debug)]
struct Centres {
    count: usize,
    matrix: Matrix,
}

impl Centres {
    fn rows(&self) -> usize {
        self.count
    }
}

/// How many texts [`Kernel::nearest_centres`] takes at a time: the unit of work on the cores,
/// and what a run's rows are (the groups of four it compares are those of a run).
const CENTRES_RUN: usize = 256;

/// For each text at `rows` of `vectors`, the `count` centres nearest to it, nearest first
/// (ties by index), on all cores: a run of texts at a time, each run's vectors made into a
/// matrix of their own (in the dimensions `heard`, as [`Matrix::heard`] found them for all the
/// vectors), so that the vectors are never all copied at once.
fn nearest_centres(
    kernel: Kernel,
    vectors: &[Option<&[f32]>],
    heard: &[bool],
    rows: &[u32],
    centres: &Centres,
    count: usize,
) -> Vec<Vec<u32>> {
    let runs: Vec<&[u32]> = rows.chunks(CENTRES_RUN).collect();
    qbank_core::parallel::map_ordered(&runs, 1, |_, run| {
        let some: Vec<Option<&[f32]>> = run.iter().map(|&i| vectors[i as usize]).collect();
        let matrix = Matrix::with(&some, heard);
        let at: Vec<usize> = (0..run.len()).collect();
        kernel.nearest_centres(&matrix, &at, centres, count)
    })
    .into_iter()
    .flatten()
    .collect()
}

impl Kernel {
    /// [`nearest_centres`] of one run of rows.
    fn nearest_centres(
        self,
        matrix: &Matrix,
        rows: &[usize],
        centres: &Centres,
        count: usize,
    ) -> Vec<Vec<u32>> {
        match self {
            Kernel::Portable => centres_of(Portable, matrix, rows, centres, count),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2(simd) => simd.vectorize(|| centres_of(simd, matrix, rows, centres, count)),
        }
    }

    /// For each text of cluster `home`, in order, its `k` nearest texts at `floor` or above
    /// among those of the clusters it searches, nearest first.
    fn neighbours(
        self,
        search: &Search,
        home: usize,
        k: usize,
        floor: f32,
    ) -> Vec<Vec<(u32, f32)>> {
        match (self, search.rows) {
            (Kernel::Portable, Rows::Exact(matrix)) => {
                neighbours(Portable, search, matrix, home, k, floor)
            }
            (Kernel::Portable, Rows::Coarse(coarse)) => {
                neighbours_by_coarse(Portable, search, coarse, home, k, floor)
            }
            #[cfg(target_arch = "x86_64")]
            (Kernel::Avx2(simd), Rows::Exact(matrix)) => {
                simd.vectorize(|| neighbours(simd, search, matrix, home, k, floor))
            }
            #[cfg(target_arch = "x86_64")]
            (Kernel::Avx2(simd), Rows::Coarse(coarse)) => {
                simd.vectorize(|| neighbours_by_coarse(simd, search, coarse, home, k, floor))
            }
        }
    }
}

/// The dot product of two rows: [`super::dot`]'s, on their groups of eight and then the rest.
#[inline(always)]
fn row_dot<L: Lanes>(simd: L, a: Row, b: Row) -> f32 {
    add_tail(
        dot_with(simd, a.0.as_flattened(), b.0.as_flattened()),
        a.1,
        b.1,
    )
}

/// A row: its whole groups of eight components, and the rest.
type Row<'a> = (&'a [[f32; 8]], &'a [f32]);

/// [`Kernel::nearest_centres`]: four rows by two centres at a time ([`tile_rows`]), each row
/// keeping its `count` nearest centres so far ([`keep`]) as they come: a centre is looked at
/// again only when it is nearer than the last of them.
#[inline(always)]
fn centres_of<L: Lanes>(
    simd: L,
    matrix: &Matrix,
    rows: &[usize],
    centres: &Centres,
    count: usize,
) -> Vec<Vec<u32>> {
    // Loops, not an iterator's closures: a closure would not be compiled for `simd`'s
    // instructions.
    let all = centres.rows();
    let pairs = all - all % 2;
    let count = count.min(all);
    let mut out = Vec::with_capacity(rows.len());
    let mut nearest: [Vec<(u32, f32)>; 4] = Default::default();
    let mut bars = [f32::NEG_INFINITY; 4];
    let offer = |list: &mut Vec<(u32, f32)>, bar: &mut f32, c: usize, cosine: f32| {
        if cosine >= *bar {
            keep(list, count, c as u32, cosine, bar);
        }
    };
    let mut groups = rows.chunks_exact(4);
    for group in groups.by_ref() {
        for (list, bar) in nearest.iter_mut().zip(&mut bars) {
            list.clear();
            *bar = f32::NEG_INFINITY;
        }
        let group = [group[0], group[1], group[2], group[3]];
        for c in (0..pairs).step_by(2) {
            let sums = tile_rows(simd, matrix, group, &centres.matrix, [c, c + 1]);
            for (p, &sum) in sums.iter().enumerate() {
                offer(&mut nearest[p % 4], &mut bars[p % 4], c + p / 4, sum);
            }
        }
        for ((list, bar), &r) in nearest.iter_mut().zip(&mut bars).zip(&group) {
            for c in pairs..all {
                let cosine = row_dot(simd, row(matrix, r), row(&centres.matrix, c));
                offer(list, bar, c, cosine);
            }
            out.push(list.iter().map(|&(c, _)| c).collect());
        }
    }
    for &r in groups.remainder() {
        let (list, bar) = (&mut nearest[0], &mut bars[0]);
        list.clear();
        *bar = f32::NEG_INFINITY;
        for c in 0..all {
            let cosine = row_dot(simd, row(matrix, r), row(&centres.matrix, c));
            offer(list, bar, c, cosine);
        }
        out.push(list.iter().map(|&(c, _)| c).collect());
    }
    out
}

/// The rows a search by clusters compares.
enum Rows {
    /// In single precision: every cosine computed as [`super::dot`] computes it.
    Exact(Matrix),
    /// In 16 bits, for a first pass ([`neighbours_by_coarse`]).
    Coarse(Coarse),
}

/// The texts by cluster: the rows of cluster `c` are `runs[c]..runs[c + 1]` of `rows`, row
/// `r` is text `original[r]` and searches the clusters `probes[r]`.
struct Search<'a> {
    rows: &'a Rows,
    /// The texts' vectors, in the order of the rows.
    vectors: &'a [Option<&'a [f32]>],
    runs: &'a [usize],
    original: &'a [u32],
    probes: &'a [&'a [u32]],
}

/// [`Kernel::neighbours`]: the texts of one cluster meet the texts of each cluster any of them
/// searches together, four rows by two columns at a time ([`super::tile`]), so that a row read
/// from memory serves many products.
#[inline(always)]
fn neighbours<L: Lanes>(
    simd: L,
    search: &Search,
    matrix: &Matrix,
    home: usize,
    k: usize,
    floor: f32,
) -> Vec<Vec<(u32, f32)>> {
    let runs = search.runs;
    let rows = runs[home]..runs[home + 1];
    let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::with_capacity(k + 1); rows.len()];
    let mut bars = vec![floor; rows.len()];
    let mut offer = |r: usize, other: usize, cosine: f32, lists: &mut [Vec<(u32, f32)>]| {
        let at = r - rows.start;
        if other != r && cosine >= bars[at] {
            keep(
                &mut lists[at],
                k,
                search.original[other],
                cosine,
                &mut bars[at],
            );
        }
    };
    for (members, queries) in search.meetings(home) {
        let whole = queries.len() - queries.len() % 4;
        let pairs = members.start + (members.len() - members.len() % 2);
        for q in queries[..whole].chunks_exact(4) {
            let q: [usize; 4] = [q[0], q[1], q[2], q[3]];
            for j in (members.start..pairs).step_by(2) {
                let sums = tile_rows(simd, matrix, q, matrix, [j, j + 1]);
                for (p, &sum) in sums.iter().enumerate() {
                    offer(q[p % 4], j + p / 4, sum, &mut lists);
                }
            }
            for j in pairs..members.end {
                for &r in &q {
                    let cosine = row_dot(simd, row(matrix, r), row(matrix, j));
                    offer(r, j, cosine, &mut lists);
                }
            }
        }
        for &r in &queries[whole..] {
            for j in members.clone() {
                let cosine = row_dot(simd, row(matrix, r), row(matrix, j));
                offer(r, j, cosine, &mut lists);
            }
        }
    }
    lists
}

/// The rows of a [`Matrix`] in 16-bit integers, scaled: component `x` is `round(x × scale)`,
/// in groups of sixteen (the last padded with zeros). The sum of the products of two rows is
/// then exact in 32-bit integers, whatever the order it is added in, and within
/// [`Coarse::error`] of [`super::dot`]'s cosine once divided by `scale²`: a first pass that
/// reads half the memory and does twice the products an instruction, after which only the
/// texts that may still make a list have their cosine computed ([`neighbours_by_coarse`]).
#[derive(Debug)]
pub(super) struct Coarse {
    groups: usize,
    rows: Vec<[i16; 16]>,
    /// `1 / scale²`.
    unscale: f64,
    /// How far a coarse cosine may be from [`super::dot`]'s, at most.
    error: f32,
}

/// The loosest bound [`Coarse`] is used with: beyond it, the first pass would keep so many
/// texts that the exact search is cheaper (vectors of very unequal sizes).
const COARSE_MOST_ERROR: f32 = 0.01;

impl Coarse {
    /// The rows of `vectors` (all of one length and finite, as [`applies`] asks), or `None`
    /// when their bound would be looser than [`COARSE_MOST_ERROR`].
    pub(super) fn of(vectors: &[Option<&[f32]>]) -> Option<Coarse> {
        let dim = vectors.iter().flatten().next()?.len();
        let (mut largest, mut norm) = (0.0f64, 0.0f64);
        for v in vectors.iter().flatten() {
            let n: f64 = v.iter().map(|&x| f64::from(x) * f64::from(x)).sum();
            norm = norm.max(n.sqrt());
            for &x in v.iter() {
                largest = largest.max(f64::from(x).abs());
            }
        }
        if !(largest > 0.0 && largest.is_finite() && norm.is_finite()) {
            return None;
        }
        let d = dim as f64;
        // Every component fits in 16 bits, and the sum of the products' sizes of two rows
        // (at most the product of their norms, each at most `scale × norm + √d / 2` after
        // rounding) in 31 bits, so no sum of 32-bit integers overflows.
        let scale = (32_767.0 / largest).min((46_340.0 - d.sqrt() / 2.0) / norm);
        // Rounding each component moves it by at most 1/2: a product of two rows moves by at
        // most (‖a‖₁ + ‖b‖₁) / 2 + d / 4 (‖·‖₁ ≤ √d‖·‖), divided by scale². `dot` itself is at
        // most 2(d + 8)·2⁻²⁴·norm² from the exact product (each of its sums rounded), and the
        // coarse cosine is rounded once to single precision.
        let quantised = (d.sqrt() * norm / scale) + d / (4.0 * scale * scale);
        let rounding = 2.0 * (d + 8.0) * norm * norm / f64::from(1u32 << 24);
        let error =
            ((quantised + rounding + norm * norm / f64::from(1u32 << 23)) * 1.01 + 1e-7) as f32;
        if error > COARSE_MOST_ERROR {
            return None;
        }
        let groups = dim.div_ceil(16);
        let mut rows = Vec::with_capacity(vectors.len() * groups);
        for v in vectors {
            let start = rows.len();
            rows.resize(start + groups, [0i16; 16]);
            if let Some(v) = v {
                for (i, &x) in v.iter().enumerate() {
                    rows[start + i / 16][i % 16] = (f64::from(x) * scale).round() as i16;
                }
            }
        }
        Some(Coarse {
            groups,
            rows,
            unscale: 1.0 / (scale * scale),
            error,
        })
    }

    fn row(&self, r: usize) -> &[[i16; 16]] {
        &self.rows[r * self.groups..(r + 1) * self.groups]
    }

    /// The coarse cosine of a sum of products.
    fn cosine(&self, sum: i32) -> f32 {
        (f64::from(sum) * self.unscale) as f32
    }

    /// A sum of products under which [`Coarse::cosine`] is under `cosine`, whatever its
    /// rounding: the sum for `cosine` less a millionth (rounding to single precision moves
    /// a cosine of at most a few by far less).
    fn least_sum(&self, cosine: f32) -> i32 {
        let sum = ((f64::from(cosine) - 1e-6) / self.unscale).floor();
        // A bar of minus infinity (or under every sum) lets every sum through.
        sum.clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32
    }
}

/// Sixteen 16-bit components in eight lanes of 32 bits, two to a lane, as AVX2 holds them.
impl Lanes<[i16; 16]> for Portable {
    type V = [i32; 8];

    #[inline(always)]
    fn zero(self) -> [i32; 8] {
        [0; 8]
    }

    #[inline(always)]
    fn load(self, x: [i16; 16]) -> [i32; 8] {
        std::array::from_fn(|l| (i32::from(x[2 * l + 1]) << 16) | i32::from(x[2 * l] as u16))
    }

    #[inline(always)]
    fn mul_add(self, mut acc: [i32; 8], a: [i32; 8], b: [i32; 8]) -> [i32; 8] {
        for l in 0..8 {
            let (a0, a1) = (i32::from(a[l] as i16), a[l] >> 16);
            let (b0, b1) = (i32::from(b[l] as i16), b[l] >> 16);
            acc[l] = acc[l].wrapping_add((a0 * b0).wrapping_add(a1 * b1));
        }
        acc
    }

    #[inline(always)]
    fn store(self, v: [i32; 8]) -> [i32; 8] {
        v
    }

    #[inline(always)]
    fn sums(self, lanes: [[i32; 8]; 8]) -> [i32; 8] {
        lanes.map(|l| l.iter().fold(0i32, |s, &x| s.wrapping_add(x)))
    }
}

/// AVX2 registers of sixteen 16-bit components, multiplied in pairs into eight 32-bit lanes.
#[cfg(target_arch = "x86_64")]
impl Lanes<[i16; 16]> for pulp::x86::V3 {
    type V = std::arch::x86_64::__m256i;

    #[inline(always)]
    fn zero(self) -> Self::V {
        pulp::cast([0i32; 8])
    }

    #[inline(always)]
    fn load(self, x: [i16; 16]) -> Self::V {
        pulp::cast(x)
    }

    #[inline(always)]
    fn mul_add(self, acc: Self::V, a: Self::V, b: Self::V) -> Self::V {
        self.avx2
            ._mm256_add_epi32(acc, self.avx2._mm256_madd_epi16(a, b))
    }

    #[inline(always)]
    fn store(self, v: Self::V) -> [i32; 8] {
        pulp::cast(v)
    }

    /// Pairs of lanes added across registers, twice, then the two halves.
    #[inline(always)]
    fn sums(self, r: [Self::V; 8]) -> [i32; 8] {
        let avx2 = self.avx2;
        let pairs = [
            avx2._mm256_hadd_epi32(r[0], r[1]),
            avx2._mm256_hadd_epi32(r[2], r[3]),
            avx2._mm256_hadd_epi32(r[4], r[5]),
            avx2._mm256_hadd_epi32(r[6], r[7]),
        ];
        // Each half: registers 0–3 (`low`) or 4–7 (`high`), four lanes of each added.
        let low = avx2._mm256_hadd_epi32(pairs[0], pairs[1]);
        let high = avx2._mm256_hadd_epi32(pairs[2], pairs[3]);
        let first = avx2._mm256_permute2x128_si256::<0x20>(low, high);
        let second = avx2._mm256_permute2x128_si256::<0x31>(low, high);
        pulp::cast(avx2._mm256_add_epi32(first, second))
    }
}

/// The sums of the products of four coarse rows with two ([`tile`]): rows 0 to 3 with column
/// 0, then with column 1.
#[inline(always)]
fn coarse_tile<L: Lanes<[i16; 16]>>(
    simd: L,
    coarse: &Coarse,
    left: [usize; 4],
    right: [usize; 2],
) -> [i32; 8] {
    tile(
        simd,
        left.map(|r| coarse.row(r)),
        right.map(|c| coarse.row(c)),
    )
}

/// [`neighbours`] with a first pass over [`Coarse`] rows: a text met is kept for the second
/// pass unless its coarse cosine shows that it cannot make the list (under the floor, or
/// under the list's last by more than twice the bound, counting what the rows met so far
/// give); the second computes the cosine of each text kept, as [`neighbours`] does, and keeps
/// the nearest in the same way. So the lists are [`neighbours`]' to the bit: a text of the
/// exact list is never left out by the first pass, and the second orders what it keeps
/// exactly.
#[inline(always)]
fn neighbours_by_coarse<L: Lanes + Lanes<[i16; 16]>>(
    simd: L,
    search: &Search,
    coarse: &Coarse,
    home: usize,
    k: usize,
    floor: f32,
) -> Vec<Vec<(u32, f32)>> {
    let runs = search.runs;
    let rows = runs[home]..runs[home + 1];
    let error = coarse.error;
    // Per row: the `k` largest coarse cosines so far and the last of them, and the texts
    // kept for the second pass with their coarse cosines.
    let mut nearest: Vec<Vec<(u32, f32)>> = vec![Vec::with_capacity(k + 1); rows.len()];
    let mut bars = vec![f32::NEG_INFINITY; rows.len()];
    let mut kept: Vec<Vec<(u32, f32)>> = vec![Vec::new(); rows.len()];
    // Per row, a sum of products under which the coarse cosine is surely under both bars
    // (a little lower, for the rounding of the cosine): most sums are told from it alone.
    let mut least = vec![coarse.least_sum(floor - error); rows.len()];
    // How many texts a row keeps before those that can no longer make its list go: twice
    // what stayed the last time, so that texts the coarse pass cannot tell apart (copies of
    // one text) cost no more than the others.
    let mut prune_at = vec![4 * k.max(8); rows.len()];
    let mut offer = |at: usize, other: usize, sum: i32, least: &mut [i32]| {
        let cosine = coarse.cosine(sum);
        if cosine + error < floor || cosine + 2.0 * error < bars[at] {
            return;
        }
        let list = &mut kept[at];
        list.push((other as u32, cosine));
        keep(&mut nearest[at], k, other as u32, cosine, &mut bars[at]);
        least[at] = coarse.least_sum((floor - error).max(bars[at] - 2.0 * error));
        if list.len() >= prune_at[at] {
            let bar = bars[at] - 2.0 * error;
            list.retain(|&(_, c)| c >= bar);
            prune_at[at] = prune_at[at].max(2 * list.len());
        }
    };
    for (members, queries) in search.meetings(home) {
        let pairs = members.start + (members.len() - members.len() % 2);
        for q in queries.chunks(4) {
            // A short group repeats its last row; its repeats' sums are not offered.
            let group = [
                q[0],
                q[1.min(q.len() - 1)],
                q[2.min(q.len() - 1)],
                q[3.min(q.len() - 1)],
            ];
            for j in (members.start..pairs).step_by(2) {
                let sums = coarse_tile(simd, coarse, group, [j, j + 1]);
                for (p, &sum) in sums.iter().enumerate() {
                    let (r, other) = (group[p % 4], j + p / 4);
                    let at = r - rows.start;
                    if sum >= least[at] && p % 4 < q.len() && other != r {
                        offer(at, other, sum, &mut least);
                    }
                }
            }
            if pairs < members.end {
                // The last member, paired with itself.
                let j = members.end - 1;
                let sums = coarse_tile(simd, coarse, group, [j, j]);
                for (p, &sum) in sums.iter().take(4).enumerate() {
                    let at = group[p] - rows.start;
                    if sum >= least[at] && p < q.len() && j != group[p] {
                        offer(at, j, sum, &mut least);
                    }
                }
            }
        }
    }
    let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::with_capacity(k + 1); rows.len()];
    for (at, r) in rows.clone().enumerate() {
        let (mut bar, list) = (floor, &mut lists[at]);
        let least = bars[at] - 2.0 * error;
        for &(j, cosine) in &kept[at] {
            if cosine < least {
                continue;
            }
            let (Some(x), Some(y)) = (search.vectors[r], search.vectors[j as usize]) else {
                continue;
            };
            let exact = dot_with(simd, x, y);
            if exact >= bar {
                keep(list, k, search.original[j as usize], exact, &mut bar);
            }
        }
    }
    lists
}

impl Search<'_> {
    /// Each cluster that a text of cluster `home` searches, as its rows, with the rows of
    /// `home` that search it, by cluster: the texts of one cluster meet the texts of each
    /// cluster any of them searches together, so that a row read from memory serves many
    /// products.
    fn meetings(&self, home: usize) -> Vec<(std::ops::Range<usize>, Vec<usize>)> {
        let mut wanted: Vec<(u32, usize)> = Vec::new();
        for r in self.runs[home]..self.runs[home + 1] {
            for &c in self.probes[r] {
                wanted.push((c, r));
            }
        }
        wanted.sort_unstable();
        wanted
            .chunk_by(|x, y| x.0 == y.0)
            .map(|run| {
                let c = run[0].0 as usize;
                (
                    self.runs[c]..self.runs[c + 1],
                    run.iter().map(|w| w.1).collect(),
                )
            })
            .collect()
    }
}

/// Row `r` of `matrix`.
fn row(matrix: &Matrix, r: usize) -> Row<'_> {
    (matrix.eights(r), matrix.tail(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::similarity::embeddings::nearer;
    use crate::similarity::embeddings::tests::random_vector;

    /// The coarse cosine of two rows is within the bound of [`super::super::dot`]'s, for
    /// vectors of one size and of many, with one large component or none; and a bound too
    /// loose to be of use gives no coarse rows.
    #[test]
    fn a_coarse_cosine_is_within_its_bound() {
        let mut rng = qbank_core::select::SplitMix64::new(11);
        for (dim, sizes, spike) in [(384, false, false), (19, true, false), (40, true, true)] {
            let vectors: Vec<Vec<f32>> = (0..60)
                .map(|i| {
                    let size = if sizes {
                        0.5 + (i % 4) as f32 * 0.5
                    } else {
                        1.0
                    };
                    let mut v: Vec<f32> = random_vector(&mut rng, dim)
                        .iter()
                        .map(|x| x * size)
                        .collect();
                    if spike && i == 7 {
                        v[3] = 1.5;
                    }
                    v
                })
                .collect();
            let refs: Vec<Option<&[f32]>> = vectors.iter().map(|v| Some(&v[..])).collect();
            let coarse = Coarse::of(&refs).unwrap();
            assert!(coarse.error < COARSE_MOST_ERROR, "{}", coarse.error);
            for kernel in [Kernel::Portable, Kernel::best()] {
                for a in 0..vectors.len() {
                    for b in (0..vectors.len()).step_by(4) {
                        let [sum, ..] = match kernel {
                            Kernel::Portable => coarse_tile(Portable, &coarse, [a; 4], [b; 2]),
                            #[cfg(target_arch = "x86_64")]
                            Kernel::Avx2(simd) => {
                                simd.vectorize(|| coarse_tile(simd, &coarse, [a; 4], [b; 2]))
                            }
                        };
                        let exact = super::super::dot(&vectors[a], &vectors[b]);
                        let off = (coarse.cosine(sum) - exact).abs();
                        assert!(
                            off <= coarse.error,
                            "{dim}: {a}, {b}: {off} > {}",
                            coarse.error
                        );
                    }
                }
            }
        }
        let huge = [vec![1000.0f32; 8], vec![-1000.0; 8]];
        let refs: Vec<Option<&[f32]>> = huge.iter().map(|v| Some(&v[..])).collect();
        assert!(Coarse::of(&refs).is_none());
        assert!(Coarse::of(&[Some(&[0.0f32; 4][..])]).is_none());
    }

    /// A search by clusters with the coarse first pass finds the exact search's lists to the
    /// bit, even among texts closer than the pass can tell apart (copies moved by a
    /// millionth), with and without a floor; and so does one without it, where its bound
    /// would be too loose.
    #[test]
    fn the_coarse_pass_leaves_out_nothing_the_exact_search_keeps() {
        let mut rng = qbank_core::select::SplitMix64::new(17);
        let dim = 48;
        let mut vectors: Vec<Option<Vec<f32>>> = Vec::new();
        for i in 0..700 {
            if i % 50 == 0 {
                vectors.push(None);
            } else if i % 3 == 0 {
                let base = vectors[i - 1]
                    .clone()
                    .unwrap_or_else(|| random_vector(&mut rng, dim));
                let nudged: Vec<f32> = base
                    .iter()
                    .enumerate()
                    .map(|(d, x)| x + if d == i % dim { 1e-6 } else { 0.0 })
                    .collect();
                vectors.push(Some(nudged));
            } else {
                vectors.push(Some(random_vector(&mut rng, dim)));
            }
        }
        let refs: Vec<Option<&[f32]>> = vectors.iter().map(|v| v.as_deref()).collect();
        let present: Vec<Option<&[f32]>> = refs.iter().copied().flatten().map(Some).collect();
        assert!(Coarse::of(&present).is_some());
        let plan = Plan {
            texts_per_cluster: 25,
            probes: usize::MAX,
            rounds: 2,
            sample_per_cluster: 4,
        };
        let bits = |lists: &[Vec<(u32, f32)>]| -> Vec<Vec<(u32, u32)>> {
            lists
                .iter()
                .map(|l| l.iter().map(|&(j, c)| (j, c.to_bits())).collect())
                .collect()
        };
        for (k, floor) in [(1, f32::NEG_INFINITY), (16, f32::NEG_INFINITY), (8, 0.2)] {
            let exact = bits(&super::super::nearest_with(
                Kernel::Portable,
                &refs,
                k,
                floor,
            ));
            for kernel in [Kernel::Portable, Kernel::best()] {
                let found = bits(&nearest(kernel, &refs, k, floor, &plan));
                assert_eq!(found, exact, "k {k}, floor {floor}, {kernel:?}");
            }
        }
        // Vectors so long that the bound is of no use: every cosine in single precision,
        // the same lists.
        let long: Vec<Option<Vec<f32>>> = vectors
            .iter()
            .map(|v| v.as_ref().map(|v| v.iter().map(|x| x * 100.0).collect()))
            .collect();
        let refs: Vec<Option<&[f32]>> = long.iter().map(|v| v.as_deref()).collect();
        let present: Vec<Option<&[f32]>> = refs.iter().copied().flatten().map(Some).collect();
        assert!(Coarse::of(&present).is_none());
        let exact = bits(&super::super::nearest_with(Kernel::Portable, &refs, 8, 0.2));
        for kernel in [Kernel::Portable, Kernel::best()] {
            assert_eq!(
                bits(&nearest(kernel, &refs, 8, 0.2, &plan)),
                exact,
                "{kernel:?}"
            );
        }
    }

    /// Each row's nearest centres, kept as they come, are those a sort of every centre by
    /// [`nearer`] puts first, ties (equal centres) by index, on every kernel, for any count.
    #[test]
    fn the_nearest_centres_are_the_first_of_all_sorted() {
        let mut rng = qbank_core::select::SplitMix64::new(3);
        for (dim, rows, count) in [(19, 41, 23), (384, 9, 7), (8, 6, 5)] {
            let vectors: Vec<Vec<f32>> = (0..rows).map(|_| random_vector(&mut rng, dim)).collect();
            let mut centre_vectors: Vec<Vec<f32>> =
                (0..count).map(|_| random_vector(&mut rng, dim)).collect();
            // Two equal centres: every row's cosines with them tie.
            centre_vectors[count - 1] = centre_vectors[1].clone();
            let refs: Vec<Option<&[f32]>> = vectors.iter().map(|v| Some(&v[..])).collect();
            let centre_refs: Vec<Option<&[f32]>> =
                centre_vectors.iter().map(|v| Some(&v[..])).collect();
            let heard = Matrix::heard(&refs).unwrap();
            let centres = Centres {
                count,
                matrix: Matrix::of(&centre_refs).unwrap(),
            };
            let all: Vec<u32> = (0..rows as u32).collect();
            let mut kernels = vec![Kernel::Portable];
            if !matches!(Kernel::best(), Kernel::Portable) {
                kernels.push(Kernel::best());
            }
            for kernel in kernels {
                for wanted in [1, 2, count - 1, count, count + 3] {
                    let found = nearest_centres(kernel, &refs, &heard, &all, &centres, wanted);
                    for (r, nearest) in found.iter().enumerate() {
                        let mut sorted: Vec<(u32, f32)> = (0..count)
                            .map(|c| (c as u32, super::super::dot(&vectors[r], &centre_vectors[c])))
                            .collect();
                        sorted.sort_by(|x, y| nearer(*x, *y));
                        let first: Vec<u32> = sorted.iter().take(wanted).map(|&(c, _)| c).collect();
                        assert_eq!(nearest, &first, "dim {dim}, row {r}, {wanted}, {kernel:?}");
                    }
                }
            }
        }
    }
}
