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

use super::{add_tail, dot_with, keep, tile_rows, Kernel, Lanes, Matrix, Portable};

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
    let rows: Vec<usize> = present.iter().map(|&i| i as usize).collect();
    let searched = nearest_centres(kernel, &matrix, &rows, &centres, probes);
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
fn centres(kernel: Kernel, matrix: &Matrix, present: &[u32], plan: &Plan) -> Centres {
    let n = present.len();
    let count = (n / plan.texts_per_cluster.max(1)).max(1);
    let step = (n / (count * plan.sample_per_cluster.max(1))).max(1);
    let sample: Vec<usize> = present.iter().step_by(step).map(|&i| i as usize).collect();
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
        let row = sample[c * sample.len() / count];
        centres.matrix.eights.extend_from_slice(matrix.eights(row));
        centres.matrix.tails.extend_from_slice(matrix.tail(row));
    }
    for _ in 0..plan.rounds {
        let owners: Vec<u32> = nearest_centres(kernel, matrix, &sample, &centres, 1)
            .into_iter()
            .map(|nearest| nearest[0])
            .collect();
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

/// For each of `rows` of `matrix`, the `count` centres nearest to it, nearest first (ties by
/// index), on all cores.
fn nearest_centres(
    kernel: Kernel,
    matrix: &Matrix,
    rows: &[usize],
    centres: &Centres,
    count: usize,
) -> Vec<Vec<u32>> {
    let runs: Vec<&[usize]> = rows.chunks(256).collect();
    qbank_core::parallel::map_ordered(&runs, 1, |_, run| {
        kernel.nearest_centres(matrix, run, centres, count)
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
        match self {
            Kernel::Portable => neighbours(Portable, search, home, k, floor),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2(simd) => simd.vectorize(|| neighbours(simd, search, home, k, floor)),
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

/// Row `r` of `matrix`.
fn row(matrix: &Matrix, r: usize) -> Row<'_> {
    (matrix.eights(r), matrix.tail(r))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::similarity::embeddings::nearer;

    /// Each row's nearest centres, kept as they come, are those a sort of every centre by
    /// [`nearer`] puts first, ties (equal centres) by index, on every kernel, for any count.
    #[test]
    fn the_nearest_centres_are_the_first_of_all_sorted() {
        let mut rng = qbank_core::select::SplitMix64::new(3);
        let mut random = |dim: usize| -> Vec<f32> {
            let v: Vec<f32> = (0..dim)
                .map(|_| (rng.next_u64() >> 40) as f32 / (1u64 << 24) as f32 - 0.5)
                .collect();
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            v.iter().map(|x| x / norm).collect()
        };
        for (dim, rows, count) in [(19, 41, 23), (384, 9, 7), (8, 6, 5)] {
            let vectors: Vec<Vec<f32>> = (0..rows).map(|_| random(dim)).collect();
            let mut centre_vectors: Vec<Vec<f32>> = (0..count).map(|_| random(dim)).collect();
            // Two equal centres: every row's cosines with them tie.
            centre_vectors[count - 1] = centre_vectors[1].clone();
            let refs: Vec<Option<&[f32]>> = vectors.iter().map(|v| Some(&v[..])).collect();
            let centre_refs: Vec<Option<&[f32]>> =
                centre_vectors.iter().map(|v| Some(&v[..])).collect();
            let matrix = Matrix::of(&refs).unwrap();
            let centres = Centres {
                count,
                matrix: Matrix::of(&centre_refs).unwrap(),
            };
            let all: Vec<usize> = (0..rows).collect();
            let mut kernels = vec![Kernel::Portable];
            if !matches!(Kernel::best(), Kernel::Portable) {
                kernels.push(Kernel::best());
            }
            for kernel in kernels {
                for wanted in [1, 2, count - 1, count, count + 3] {
                    let found = nearest_centres(kernel, &matrix, &all, &centres, wanted);
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
