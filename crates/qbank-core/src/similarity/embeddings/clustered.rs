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

use super::{add_tail, keep, nearer, sum_lanes, tile, Kernel, Lanes, Matrix, Portable};

/// From how many texts with vectors [`super::nearest`] searches by clusters: where the exact
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

/// The plan [`super::nearest`] follows, chosen on `gen-bank` banks (BENCHMARKS.md).
pub(super) const PLAN: Plan = Plan {
    texts_per_cluster: 100,
    probes: 24,
    rounds: 4,
    sample_per_cluster: 16,
};

/// Whether [`super::nearest`] searches `vectors` by clusters: at least `from` of them (see
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
    let Some(matrix) = Matrix::of(vectors) else {
        return vec![Vec::new(); n];
    };
    let present: Vec<u32> = (0..n as u32)
        .filter(|&i| vectors[i as usize].is_some())
        .collect();
    let centres = centres(kernel, &matrix, &present, plan);
    let count = centres.rows();
    let probes = plan.probes.clamp(1, count);
    // Each text's clusters to search, its own first.
    let searched: Vec<Vec<u32>> = crate::parallel::map_ordered(&present, 256, |_, &i| {
        kernel.nearest_centres(&matrix, i as usize, &centres, probes)
    });
    drop(matrix);
    // The texts in the order of their clusters (then of index), so that a cluster's rows are
    // one run of the matrix, and texts searched one after the other search mostly the same
    // clusters, whose rows are then still in the processor's caches.
    let mut order: Vec<usize> = (0..present.len()).collect();
    order.sort_by_key(|&p| (searched[p][0], present[p]));
    let sorted: Vec<Option<&[f32]>> = order
        .iter()
        .map(|&p| vectors[present[p] as usize])
        .collect();
    let Some(matrix) = Matrix::of(&sorted) else {
        return vec![Vec::new(); n];
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
        matrix: &matrix,
        runs: &runs,
        original: &original,
        probes: &probes_of,
    };
    let clusters: Vec<usize> = (0..count).collect();
    let lists = crate::parallel::map_ordered(&clusters, 4, |_, &h| {
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
fn centres(kernel: Kernel, matrix: &Matrix, present: &[u32], plan: &Plan) -> Centres {
    let n = present.len();
    let count = (n / plan.texts_per_cluster.max(1)).max(1);
    let step = (n / (count * plan.sample_per_cluster.max(1))).max(1);
    let sample: Vec<usize> = present.iter().step_by(step).map(|&i| i as usize).collect();
    let (groups, tail) = (matrix.groups, matrix.tail);
    let mut centres = Centres {
        count,
        groups,
        tail,
        eights: Vec::with_capacity(count * groups),
        tails: Vec::with_capacity(count * tail),
    };
    for c in 0..count {
        let row = sample[c * sample.len() / count];
        centres.eights.extend_from_slice(matrix.eights(row));
        centres.tails.extend_from_slice(matrix.tail(row));
    }
    for _ in 0..plan.rounds {
        let owners: Vec<u32> = crate::parallel::map_ordered(&sample, 256, |_, &row| {
            kernel.nearest_centres(matrix, row, &centres, 1)[0]
        });
        // Each centre the normalised sum of its texts, added in the sample's order.
        let mut sums = vec![0.0f32; count * (groups * 8 + tail)];
        let mut held = vec![false; count];
        let width = groups * 8 + tail;
        for (&row, &c) in sample.iter().zip(&owners) {
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
                centres.eights[c * groups + g] = std::array::from_fn(|l| chunk[l] / norm);
            }
            for (t, x) in rest.iter().enumerate() {
                centres.tails[c * tail + t] = x / norm;
            }
        }
    }
    centres
}

/// Cluster centres, laid out as a [`Matrix`]'s rows.
#[derive(Debug)]
struct Centres {
    count: usize,
    groups: usize,
    tail: usize,
    eights: Vec<[f32; 8]>,
    tails: Vec<f32>,
}

impl Centres {
    fn rows(&self) -> usize {
        self.count
    }

    fn row(&self, c: usize) -> (&[[f32; 8]], &[f32]) {
        (
            &self.eights[c * self.groups..(c + 1) * self.groups],
            &self.tails[c * self.tail..(c + 1) * self.tail],
        )
    }
}

impl Kernel {
    /// The `count` centres nearest to row `row` of `matrix`, nearest first (ties by index).
    fn nearest_centres(
        self,
        matrix: &Matrix,
        row: usize,
        centres: &Centres,
        count: usize,
    ) -> Vec<u32> {
        match self {
            Kernel::Portable => nearest_centres(Portable, matrix, row, centres, count),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2(simd) => {
                simd.vectorize(|| nearest_centres(simd, matrix, row, centres, count))
            }
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
        match self {
            Kernel::Portable => neighbours(Portable, search, home, k, floor),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2(simd) => simd.vectorize(|| neighbours(simd, search, home, k, floor)),
        }
    }
}

/// The dot product of two rows, in [`super::dot`]'s order.
#[inline(always)]
fn row_dot<L: Lanes>(simd: L, a: Row, b: Row) -> f32 {
    let mut lanes = simd.zero();
    for (x, y) in a.0.iter().zip(b.0) {
        lanes = simd.mul_add(lanes, simd.load(*x), simd.load(*y));
    }
    add_tail(sum_lanes(simd.store(lanes)), a.1, b.1)
}

/// [`row_dot`] of `a` with each of eight rows, side by side, so that the eight sums do not
/// wait for one another; the same bits.
#[inline(always)]
fn row_dots<L: Lanes>(simd: L, a: Row, others: [Row; 8]) -> [f32; 8] {
    let groups = a.0.len();
    let columns = others.map(|o| &o.0[..groups]);
    let mut lanes = [simd.zero(); 8];
    for (g, x) in a.0.iter().enumerate() {
        let x = simd.load(*x);
        for (lane, column) in lanes.iter_mut().zip(&columns) {
            *lane = simd.mul_add(*lane, x, simd.load(column[g]));
        }
    }
    let mut sums = simd.sums(lanes);
    for (sum, other) in sums.iter_mut().zip(&others) {
        *sum = add_tail(*sum, a.1, other.1);
    }
    sums
}

/// A row: its whole groups of eight components, and the rest.
type Row<'a> = (&'a [[f32; 8]], &'a [f32]);

#[inline(always)]
fn nearest_centres<L: Lanes>(
    simd: L,
    matrix: &Matrix,
    row: usize,
    centres: &Centres,
    count: usize,
) -> Vec<u32> {
    let v = (matrix.eights(row), matrix.tail(row));
    // Loops, not an iterator's closures: a closure would not be compiled for `simd`'s
    // instructions.
    let rows = centres.rows();
    let mut scored: Vec<(u32, f32)> = Vec::with_capacity(rows);
    let whole = rows - rows % 8;
    for c in (0..whole).step_by(8) {
        let sums = row_dots(simd, v, std::array::from_fn(|p| centres.row(c + p)));
        for (p, sum) in sums.into_iter().enumerate() {
            scored.push(((c + p) as u32, sum));
        }
    }
    for c in whole..rows {
        scored.push((c as u32, row_dot(simd, v, centres.row(c))));
    }
    if count < scored.len() {
        scored.select_nth_unstable_by(count, |x, y| nearer(*x, *y));
        scored.truncate(count);
    }
    scored.sort_by(|x, y| nearer(*x, *y));
    // A list of its own size: collecting in place would keep `scored`'s room, a cosine for
    // every centre (800 MB at 100,000 texts).
    let mut nearest = Vec::with_capacity(scored.len());
    nearest.extend(scored.iter().map(|&(c, _)| c));
    nearest
}

/// The texts by cluster: the rows of cluster `c` are `runs[c]..runs[c + 1]` of `matrix`, row
/// `r` is text `original[r]` and searches the clusters `probes[r]`.
struct Search<'a> {
    matrix: &'a Matrix,
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
    home: usize,
    k: usize,
    floor: f32,
) -> Vec<Vec<(u32, f32)>> {
    let matrix = search.matrix;
    let runs = search.runs;
    let rows = runs[home]..runs[home + 1];
    let mut lists: Vec<Vec<(u32, f32)>> = vec![Vec::with_capacity(k + 1); rows.len()];
    let mut bars = vec![floor; rows.len()];
    // Every (cluster searched, row of this cluster searching it), by cluster.
    let mut wanted: Vec<(u32, usize)> = Vec::new();
    for r in rows.clone() {
        for &c in search.probes[r] {
            wanted.push((c, r));
        }
    }
    wanted.sort_unstable();
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
    let mut queries: Vec<usize> = Vec::new();
    let mut start = 0;
    while start < wanted.len() {
        let c = wanted[start].0 as usize;
        let end = start + wanted[start..].partition_point(|w| w.0 as usize == c);
        queries.clear();
        queries.extend(wanted[start..end].iter().map(|w| w.1));
        start = end;
        let members = runs[c]..runs[c + 1];
        let whole = queries.len() - queries.len() % 4;
        let pairs = members.start + (members.len() - members.len() % 2);
        for q in queries[..whole].chunks_exact(4) {
            let q: [usize; 4] = [q[0], q[1], q[2], q[3]];
            let left = q.map(|r| matrix.eights(r));
            for j in (members.start..pairs).step_by(2) {
                let mut sums = tile(simd, left, [matrix.eights(j), matrix.eights(j + 1)]);
                if matrix.tail > 0 {
                    for (p, sum) in sums.iter_mut().enumerate() {
                        *sum = add_tail(*sum, matrix.tail(q[p % 4]), matrix.tail(j + p / 4));
                    }
                }
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

/// Row `r` of `matrix`.
fn row(matrix: &Matrix, r: usize) -> Row<'_> {
    (matrix.eights(r), matrix.tail(r))
}
