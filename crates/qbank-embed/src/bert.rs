//! A BERT encoder (the architecture of all-MiniLM-L6-v2) and its MPNet variant (that of
//! all-mpnet-base-v2), inference only, on texts of one length at a time.
//!
//! MPNet is BERT with three differences, all in how a token's place is told: no token types,
//! positions counted from the padding id plus one, and a learned bias per head on each
//! attention score, looked up by the two tokens' distance in 32 buckets (exact up to 8, then
//! logarithmic up to 128), computed once and shared by every layer.
//!
//! Written here on candle's tensors, products, embeddings and softmax rather than taken from
//! `candle-transformers`, whose hundred other models cost minutes of build for every
//! developer: this is the part qbank needs, checked against an independent implementation
//! (`tests/data/reference.py`). What follows each dense layer's product (bias, GELU, residual,
//! layer norm) and attention's weights (scale, MPNet's bias, softmax) are computed here, in the
//! product's storage and in candle's order of operations (see [`Dense`] and [`Attend`]).

use candle_core::{CpuStorage, DType, Layout, Module, Result, Tensor};

use crate::gelu;
use candle_nn::{embedding, Embedding, VarBuilder};
use serde::Deserialize;

/// The fields of a Hugging Face BERT or MPNet `config.json` that inference needs.
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    /// `bert` (the default) or `mpnet`.
    #[serde(default = "default_type")]
    pub model_type: String,
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub max_position_embeddings: usize,
    /// BERT only.
    #[serde(default)]
    pub type_vocab_size: usize,
    /// MPNet counts positions from this id plus one.
    #[serde(default)]
    pub pad_token_id: u32,
    /// MPNet only.
    #[serde(default)]
    pub relative_attention_num_buckets: usize,
    #[serde(default = "default_eps")]
    pub layer_norm_eps: f64,
    /// Only `gelu` (the exact, erf-based one) is supported.
    #[serde(default = "default_act")]
    pub hidden_act: String,
}

impl Config {
    /// Whether this is an MPNet (else a BERT).
    pub fn is_mpnet(&self) -> bool {
        self.model_type == "mpnet"
    }

    /// The most tokens a text may have: the positions the model has (MPNet's start after the
    /// padding id).
    pub fn positions(&self) -> usize {
        if self.is_mpnet() {
            self.max_position_embeddings
                .saturating_sub(self.pad_token_id as usize + 1)
        } else {
            self.max_position_embeddings
        }
    }
}

fn default_type() -> String {
    "bert".to_owned()
}

fn default_eps() -> f64 {
    1e-12
}

fn default_act() -> String {
    "gelu".to_owned()
}

struct Layer {
    query: Dense,
    key: Dense,
    value: Dense,
    attention_out: Dense,
    attention_norm: Norm,
    intermediate: Dense,
    output: Dense,
    output_norm: Norm,
}

/// A dense layer, `x · Wᵀ + b`, as `candle_nn::Linear` computes it, with `Wᵀ` stored once,
/// transposed, at load. The product then reads the weights in the order gemm's kernel takes
/// them (as a column-major left operand, once gemm has turned the row-major product around),
/// so gemm does not copy them into packed panels on every call: about a tenth of the time
/// of embedding a text went to that copy. The bias is added by what reads the product next
/// ([`Dense::heads`], [`Dense::gelu`], [`Dense::residual`]), in one pass over it. The sums
/// run in the same order and every entry sees the same operations, so the result is the same
/// bits as `Linear`'s followed by candle's operations (`fused_layers_give_candles_bits`).
/// That holds for products of more than [`crate::SMALL_PRODUCT`] entries, which gemm sums in
/// tiles; smaller ones, which only a model of hidden size 128 or less has (run one text at a
/// time, see `Model::load`), gemm sums one entry at a time, in an order that follows the
/// weights' layout: other last bits than `Linear`'s, the same on every run.
struct Dense {
    /// `(in, out)`, contiguous.
    transposed: Tensor,
    bias: Vec<f32>,
}

impl Dense {
    fn load(inputs: usize, outputs: usize, vb: VarBuilder) -> Result<Dense> {
        let weight = vb.get((outputs, inputs), "weight")?;
        Ok(Dense {
            transposed: weight.t()?.contiguous()?,
            bias: vb.get(outputs, "bias")?.to_vec1()?,
        })
    }

    /// `x · Wᵀ + b` for `x` of `(texts × tokens, in)`, split into heads:
    /// `(texts, heads, tokens, out / heads)`; for `keys`, each head's matrix transposed,
    /// `(texts, heads, out / heads, tokens)`, as the product with the queries reads it.
    fn heads(&self, x: &Tensor, texts: usize, heads: usize, keys: bool) -> Result<Tensor> {
        let product = x.matmul(&self.transposed)?;
        let (rows, out) = product.dims2()?;
        let (tokens, d) = (rows / texts, out / heads);
        let mut split = Vec::with_capacity(rows * out);
        entries(&product, |product| {
            pulp::Arch::new().dispatch(SplitHeads {
                product,
                split: &mut split,
                bias: &self.bias,
                tokens,
                d,
                keys,
            })
        })?;
        if keys {
            Tensor::from_vec(split, (texts, heads, d, tokens), x.device())
        } else {
            Tensor::from_vec(split, (texts, heads, tokens, d), x.device())
        }
    }

    /// GELU of `x · Wᵀ + b`, computed in the product's own storage.
    fn gelu(&self, x: &Tensor) -> Result<Tensor> {
        let product = x.matmul(&self.transposed)?;
        product.inplace_op1(&Activate { bias: &self.bias })?;
        Ok(product)
    }

    /// `norm((x · Wᵀ + b) + residual)`, computed in the product's own storage.
    fn residual(&self, x: &Tensor, residual: &Tensor, norm: &Norm) -> Result<Tensor> {
        let product = x.matmul(&self.transposed)?;
        product.inplace_op2(
            residual,
            &AddAndNorm {
                bias: &self.bias,
                norm,
            },
        )?;
        Ok(product)
    }
}

/// The loops over a layer's entries after a product, run in the product's storage (no other
/// matrix to allocate and fill) by `pulp` with the widest vector instructions the processor
/// has (AVX-512 or AVX2, found at run time; qbank is built for any x86-64): in SSE2's four
/// lanes, GELU alone took a twentieth of the time of embedding a text. Each entry sees the
/// same operations in the same order whatever the width, so the bits are the same.
/// (`with_simd` must be `inline(always)` and hold the loops itself: a closure called from it
/// is compiled for SSE2.)
///
/// Each entry `e` of a row becomes GELU(`e` + `bias`).
struct Activate<'a> {
    bias: &'a [f32],
}

/// Each row `p` becomes `norm`((`p` + `bias`) + the same row of the second tensor).
struct AddAndNorm<'a> {
    bias: &'a [f32],
    norm: &'a Norm,
}

impl candle_core::InplaceOp1 for Activate<'_> {
    fn name(&self) -> &'static str {
        "bias-gelu"
    }

    fn cpu_fwd(&self, storage: &mut CpuStorage, layout: &Layout) -> Result<()> {
        let entries = entries_mut(storage, layout)?;
        pulp::Arch::new().dispatch(ActivateRows {
            entries,
            bias: self.bias,
        });
        Ok(())
    }
}

impl candle_core::InplaceOp2 for AddAndNorm<'_> {
    fn name(&self) -> &'static str {
        "bias-residual-norm"
    }

    fn cpu_fwd(
        &self,
        storage: &mut CpuStorage,
        layout: &Layout,
        residual: &CpuStorage,
        residual_layout: &Layout,
    ) -> Result<()> {
        let residual = contiguous(residual, residual_layout)?;
        let entries = entries_mut(storage, layout)?;
        if residual.len() != entries.len() {
            candle_core::bail!("a residual of another shape than the product");
        }
        pulp::Arch::new().dispatch(AddAndNormRows {
            entries,
            residual,
            bias: self.bias,
            norm: self.norm,
        });
        Ok(())
    }
}

/// The contiguous `f32` entries of `storage` that `layout` covers, to write.
fn entries_mut<'a>(storage: &'a mut CpuStorage, layout: &Layout) -> Result<&'a mut [f32]> {
    let Some((start, end)) = layout.contiguous_offsets() else {
        candle_core::bail!("the encoder writes a tensor that is not contiguous");
    };
    match storage {
        CpuStorage::F32(v) => Ok(&mut v[start..end]),
        _ => candle_core::bail!("the encoder computes in f32 only"),
    }
}

/// [`Dense::heads`]'s loops, compiled for the vector width `pulp` finds: each text's rows of
/// `product` with the bias added, into `split` head by head (for `keys`, column by column).
struct SplitHeads<'a> {
    product: &'a [f32],
    split: &'a mut Vec<f32>,
    bias: &'a [f32],
    tokens: usize,
    d: usize,
    keys: bool,
}

impl pulp::WithSimd for SplitHeads<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        let out = self.bias.len();
        for text in self.product.chunks_exact(self.tokens * out) {
            if self.keys {
                for (column, &b) in self.bias.iter().enumerate() {
                    self.split
                        .extend(text[column..].iter().step_by(out).map(|&v| v + b));
                }
            } else {
                for (head, bias) in self.bias.chunks_exact(self.d).enumerate() {
                    for row in text.chunks_exact(out) {
                        let part = &row[head * self.d..][..self.d];
                        self.split
                            .extend(part.iter().zip(bias).map(|(&v, &b)| v + b));
                    }
                }
            }
        }
    }
}

/// [`Activate`]'s loop, compiled for the vector width `pulp` finds.
struct ActivateRows<'a> {
    entries: &'a mut [f32],
    bias: &'a [f32],
}

impl pulp::WithSimd for ActivateRows<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        for row in self.entries.chunks_exact_mut(self.bias.len()) {
            for (e, &b) in row.iter_mut().zip(self.bias) {
                *e = gelu::gelu(*e + b);
            }
        }
    }
}

/// [`AddAndNorm`]'s loops, compiled for the vector width `pulp` finds.
struct AddAndNormRows<'a> {
    entries: &'a mut [f32],
    residual: &'a [f32],
    bias: &'a [f32],
    norm: &'a Norm,
}

impl pulp::WithSimd for AddAndNormRows<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        let width = self.bias.len();
        for (row, residual) in self
            .entries
            .chunks_exact_mut(width)
            .zip(self.residual.chunks_exact(width))
        {
            for ((v, &b), &r) in row.iter_mut().zip(self.bias).zip(residual) {
                *v = (*v + b) + r;
            }
        }
        self.norm.rows_in_place(self.entries);
    }
}

/// A layer normalisation with its weight and bias, computed as candle's CPU kernel computes
/// it (`candle_nn::ops::layer_norm`), in the same order of operations: the same bits, on the
/// calling thread (candle shares the rows out on rayon's pool, whose hand-offs cost more than
/// rows of a few hundred entries).
struct Norm {
    weight: Vec<f32>,
    bias: Vec<f32>,
    eps: f32,
}

impl Norm {
    fn load(size: usize, eps: f64, vb: VarBuilder) -> Result<Norm> {
        Ok(Norm {
            weight: vb.get(size, "weight")?.to_vec1()?,
            bias: vb.get(size, "bias")?.to_vec1()?,
            eps: eps as f32,
        })
    }

    /// Each row of `x`, `(rows, size)`, normalised.
    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let normed = x.copy()?;
        normed.inplace_op1(self)?;
        Ok(normed)
    }

    /// Each row of `rows` normalised in place. A row's sums run in order, one entry after
    /// another, as candle's do; [`ROWS_AT_ONCE`] rows are summed side by side, so that one
    /// row's next addition need not wait for its last (a row alone is a chain of dependent
    /// additions, a few percent of the time of embedding a text).
    #[inline(always)]
    fn rows_in_place(&self, rows: &mut [f32]) {
        let width = self.weight.len();
        let mut groups = rows.chunks_exact_mut(width * ROWS_AT_ONCE);
        for group in &mut groups {
            let (mut sum, mut sum2) = ([0f32; ROWS_AT_ONCE], [0f32; ROWS_AT_ONCE]);
            for c in 0..width {
                for r in 0..ROWS_AT_ONCE {
                    let v = group[r * width + c];
                    sum[r] += v;
                    sum2[r] += v * v;
                }
            }
            for (r, row) in group.chunks_exact_mut(width).enumerate() {
                self.scale(row, sum[r], sum2[r]);
            }
        }
        for row in groups.into_remainder().chunks_exact_mut(width) {
            let (mut sum, mut sum2) = (0f32, 0f32);
            for &v in row.iter() {
                sum += v;
                sum2 += v * v;
            }
            self.scale(row, sum, sum2);
        }
    }

    /// `row` normalised in place, from the sum of its entries and of their squares.
    #[inline(always)]
    fn scale(&self, row: &mut [f32], sum: f32, sum2: f32) {
        let n = row.len() as f32;
        let mean = sum / n;
        let var = sum2 / n - mean * mean;
        let inv_std = (var + self.eps).sqrt().recip();
        for (v, (&a, &b)) in row.iter_mut().zip(self.weight.iter().zip(&self.bias)) {
            *v = (*v - mean) * inv_std * a + b;
        }
    }
}

/// How many rows [`Norm::rows_in_place`] sums side by side.
const ROWS_AT_ONCE: usize = 8;

impl candle_core::InplaceOp1 for Norm {
    fn name(&self) -> &'static str {
        "layer-norm"
    }

    fn cpu_fwd(&self, storage: &mut CpuStorage, layout: &Layout) -> Result<()> {
        let entries = entries_mut(storage, layout)?;
        pulp::Arch::new().dispatch(NormRows {
            entries,
            norm: self,
        });
        Ok(())
    }
}

/// [`Norm`]'s loops, compiled for the vector width `pulp` finds.
struct NormRows<'a> {
    entries: &'a mut [f32],
    norm: &'a Norm,
}

impl pulp::WithSimd for NormRows<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        self.norm.rows_in_place(self.entries);
    }
}

/// Attention's weights from its scores, in the scores' own storage: each score scaled (and,
/// for MPNet, its head's bias for the two tokens' distance added), then each row's softmax.
/// The same operations in the same order as candle's `affine`, `broadcast_add` and
/// `softmax_last_dim` (whose row sums add 32 entries at a time in eight lanes, four sums side
/// by side, on processors with AVX2): the same bits, without two matrices (three for MPNet)
/// to allocate and fill, and without the rows shared out on rayon's pool.
struct Attend<'a> {
    scale: f32,
    /// `(heads, tokens, tokens)`.
    bias: Option<&'a [f32]>,
    heads: usize,
}

impl Attend<'_> {
    /// Whether this code runs here: on x86-64 with AVX2, where candle sums a softmax's row in
    /// [`lane_sum`]'s order. Elsewhere the encoder runs candle's own operations.
    fn in_candles_order() -> bool {
        #[cfg(target_arch = "x86_64")]
        {
            std::arch::is_x86_feature_detected!("avx2")
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            false
        }
    }

    /// The weights of `entries`, rows of `tokens` scores, in place, the loops at `width`.
    fn in_place(&self, entries: &mut [f32], tokens: usize, width: impl Width) {
        if tokens == 0 {
            return;
        }
        width.run(AttendRows {
            entries: &mut *entries,
            tokens,
            attend: self,
        });
        // `f32::exp` (the system's `expf`), as candle's.
        for v in entries.iter_mut() {
            *v = v.exp();
        }
        width.run(NormaliseRows { entries, tokens });
    }
}

impl candle_core::InplaceOp1 for Attend<'_> {
    fn name(&self) -> &'static str {
        "scale-bias-softmax"
    }

    fn cpu_fwd(&self, storage: &mut CpuStorage, layout: &Layout) -> Result<()> {
        let (_, heads, queries, tokens) = layout.shape().dims4()?;
        if heads != self.heads || queries != tokens {
            candle_core::bail!("attention's scores are not of (texts, heads, tokens, tokens)");
        }
        if self
            .bias
            .is_some_and(|b| b.len() != self.heads * tokens * tokens)
        {
            candle_core::bail!("attention's bias is not of the scores' shape");
        }
        self.in_place(entries_mut(storage, layout)?, tokens, pulp::Arch::new());
        Ok(())
    }
}

/// Runs a loop at a vector width: [`pulp::Arch`] at the widest the processor has, and in
/// the tests each width in turn.
trait Width: Copy {
    fn run<Op: pulp::WithSimd>(self, op: Op) -> Op::Output;
}

impl Width for pulp::Arch {
    fn run<Op: pulp::WithSimd>(self, op: Op) -> Op::Output {
        self.dispatch(op)
    }
}

/// [`Attend`]'s loops before `exp`, compiled for the vector width `pulp` finds (as
/// [`ActivateRows`]): each row scaled, its bias added and its maximum taken away.
struct AttendRows<'a> {
    entries: &'a mut [f32],
    tokens: usize,
    attend: &'a Attend<'a>,
}

/// [`Attend`]'s loops after `exp`: each row divided by its sum. `exp` itself runs between
/// the two, outside code compiled for AVX-512, where each call cost twice as much.
struct NormaliseRows<'a> {
    entries: &'a mut [f32],
    tokens: usize,
}

/// How many running maxima [`AttendRows`] keeps side by side: a maximum does not depend on
/// the order its entries are read in (but for the sign of a zero maximum, which taking it
/// away from the row's entries makes irrelevant).
const MAX_LANES: usize = 16;

impl pulp::WithSimd for AttendRows<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        let Attend { scale, bias, heads } = *self.attend;
        let tokens = self.tokens;
        for (r, row) in self.entries.chunks_exact_mut(tokens).enumerate() {
            // `affine(scale, 0)`, as `scores * scale` computes it (the 0 turns -0 into +0).
            for v in row.iter_mut() {
                *v = *v * scale + 0.0;
            }
            if let Some(bias) = bias {
                let (head, query) = ((r / tokens) % heads, r % tokens);
                let bias = &bias[(head * tokens + query) * tokens..][..tokens];
                for (v, &b) in row.iter_mut().zip(bias) {
                    *v += b;
                }
            }
            // Candle's maximum starts from the first entry; so does each lane's.
            let mut lanes = [row[0]; MAX_LANES];
            let mut chunks = row.chunks_exact(MAX_LANES);
            for chunk in &mut chunks {
                for (m, &v) in lanes.iter_mut().zip(chunk) {
                    *m = m.max(v);
                }
            }
            let max = chunks
                .remainder()
                .iter()
                .chain(&lanes)
                .fold(row[0], |m, &v| m.max(v));
            for v in row.iter_mut() {
                *v -= max;
            }
        }
    }
}

impl pulp::WithSimd for NormaliseRows<'_> {
    type Output = ();

    #[inline(always)]
    fn with_simd<S: pulp::Simd>(self, _: S) {
        for row in self.entries.chunks_exact_mut(self.tokens) {
            let sum = lane_sum(row);
            for v in row.iter_mut() {
                *v /= sum;
            }
        }
    }
}

/// The sum of `row` as candle's `vec_sum` adds it on x86-64 with AVX2: 32 entries at a time
/// into four sums of eight lanes, the four added pairwise, the eight lanes folded in halves,
/// then the entries past the last multiple of 32 one by one.
#[inline(always)]
fn lane_sum(row: &[f32]) -> f32 {
    const LANES: usize = 8;
    const SUMS: usize = 4;
    let whole = row.len() / (LANES * SUMS) * (LANES * SUMS);
    let mut sums = [[0f32; LANES]; SUMS];
    for step in row[..whole].chunks_exact(LANES * SUMS) {
        for (sum, part) in sums.iter_mut().zip(step.chunks_exact(LANES)) {
            for (s, &v) in sum.iter_mut().zip(part) {
                *s += v;
            }
        }
    }
    let [mut s0, s1, mut s2, s3] = sums;
    for l in 0..LANES {
        s0[l] += s1[l];
        s2[l] += s3[l];
    }
    for l in 0..LANES {
        s0[l] += s2[l];
    }
    let half = [s0[0] + s0[4], s0[1] + s0[5], s0[2] + s0[6], s0[3] + s0[7]];
    let mut sum = (half[0] + half[1]) + (half[2] + half[3]);
    for &v in &row[whole..] {
        sum += v;
    }
    sum
}

/// What `f` makes of the entries of `t`, a contiguous `f32` tensor on the CPU.
fn entries<R>(t: &Tensor, f: impl FnOnce(&[f32]) -> R) -> Result<R> {
    let (storage, layout) = t.storage_and_layout();
    match &*storage {
        candle_core::Storage::Cpu(cpu) => Ok(f(contiguous(cpu, layout)?)),
        _ => candle_core::bail!("the encoder runs on the CPU only"),
    }
}

/// The contiguous `f32` entries of `storage` that `layout` covers.
fn contiguous<'a>(storage: &'a CpuStorage, layout: &Layout) -> Result<&'a [f32]> {
    let Some((start, end)) = layout.contiguous_offsets() else {
        candle_core::bail!("the encoder reads a tensor that is not contiguous");
    };
    Ok(&storage.as_slice::<f32>()?[start..end])
}

/// Where the two architectures differ.
enum Variant {
    Bert {
        types: Embedding,
    },
    Mpnet {
        /// `(buckets, heads)`.
        relative: Embedding,
        buckets: usize,
        first_position: u32,
    },
}

/// The encoder with its weights.
pub struct Bert {
    words: Embedding,
    positions: Embedding,
    norm: Norm,
    layers: Vec<Layer>,
    heads: usize,
    variant: Variant,
}

/// Relative distances from which MPNet's buckets grow logarithmically, and the distance from
/// which all fall in the last bucket (`relative_position_bucket` in Hugging Face's MPNet).
const MPNET_MAX_DISTANCE: i64 = 128;

/// The bucket of a key `relative` tokens after the query (negative: before): half the buckets
/// for keys before, half for keys after; in each half, one bucket per distance below a
/// quarter of the buckets, then logarithmic steps up to [`MPNET_MAX_DISTANCE`].
fn mpnet_bucket(relative: i64, buckets: usize) -> u32 {
    let half = (buckets / 2) as i64;
    let n = -relative;
    let side = if n < 0 { half } else { 0 };
    let n = n.abs();
    let exact = half / 2;
    let within = if n < exact {
        n
    } else {
        let steps = (n as f64 / exact as f64).ln()
            / (MPNET_MAX_DISTANCE as f64 / exact as f64).ln()
            * (half - exact) as f64;
        (exact + steps as i64).min(half - 1)
    };
    (side + within) as u32
}

impl Bert {
    /// Reads the weights named as in Hugging Face's `BertModel` or `MPNetModel` (with or
    /// without a `bert.` or `mpnet.` prefix).
    pub fn load(vb: VarBuilder, c: &Config) -> Result<Bert> {
        if !matches!(c.model_type.as_str(), "bert" | "mpnet") {
            candle_core::bail!(
                "model_type \"{}\" is not supported (only \"bert\" and \"mpnet\")",
                c.model_type
            );
        }
        let mpnet = c.is_mpnet();
        if c.hidden_act != "gelu" {
            candle_core::bail!(
                "hidden_act \"{}\" is not supported (only \"gelu\")",
                c.hidden_act
            );
        }
        if c.num_attention_heads == 0 || !c.hidden_size.is_multiple_of(c.num_attention_heads) {
            candle_core::bail!("hidden_size is not a multiple of num_attention_heads");
        }
        let prefix = if mpnet { "mpnet" } else { "bert" };
        let vb = if vb.contains_tensor(&format!("{prefix}.embeddings.word_embeddings.weight")) {
            vb.pp(prefix)
        } else {
            vb
        };
        // The names of a layer's attention weights.
        let (q, k, v, o, o_norm) = if mpnet {
            (
                "attention.attn.q",
                "attention.attn.k",
                "attention.attn.v",
                "attention.attn.o",
                "attention.LayerNorm",
            )
        } else {
            (
                "attention.self.query",
                "attention.self.key",
                "attention.self.value",
                "attention.output.dense",
                "attention.output.LayerNorm",
            )
        };
        let (h, eps) = (c.hidden_size, c.layer_norm_eps);
        let e = vb.pp("embeddings");
        let layers = (0..c.num_hidden_layers)
            .map(|i| {
                let l = vb.pp(format!("encoder.layer.{i}"));
                Ok(Layer {
                    query: Dense::load(h, h, l.pp(q))?,
                    key: Dense::load(h, h, l.pp(k))?,
                    value: Dense::load(h, h, l.pp(v))?,
                    attention_out: Dense::load(h, h, l.pp(o))?,
                    attention_norm: Norm::load(h, eps, l.pp(o_norm))?,
                    intermediate: Dense::load(h, c.intermediate_size, l.pp("intermediate.dense"))?,
                    output: Dense::load(c.intermediate_size, h, l.pp("output.dense"))?,
                    output_norm: Norm::load(h, eps, l.pp("output.LayerNorm"))?,
                })
            })
            .collect::<Result<Vec<Layer>>>()?;
        let variant = if mpnet {
            let buckets = c.relative_attention_num_buckets;
            if buckets < 4 || !buckets.is_multiple_of(2) {
                candle_core::bail!(
                    "relative_attention_num_buckets must be an even number of at least 4"
                );
            }
            Variant::Mpnet {
                relative: embedding(
                    buckets,
                    c.num_attention_heads,
                    vb.pp("encoder.relative_attention_bias"),
                )?,
                buckets,
                // Below `max_position_embeddings` (`Model::load` checks that `positions`
                // leaves room for a text), so `first + tokens` fits.
                first_position: c.pad_token_id + 1,
            }
        } else {
            Variant::Bert {
                types: embedding(c.type_vocab_size, h, e.pp("token_type_embeddings"))?,
            }
        };
        Ok(Bert {
            words: embedding(c.vocab_size, h, e.pp("word_embeddings"))?,
            positions: embedding(c.max_position_embeddings, h, e.pp("position_embeddings"))?,
            norm: Norm::load(h, eps, e.pp("LayerNorm"))?,
            layers,
            heads: c.num_attention_heads,
            variant,
        })
    }

    /// The last hidden states of texts of one length, `(texts × tokens, hidden)`, the rows of
    /// each text together. Every token is attended to: no text is padded. Each row's sums run
    /// in the same order whatever the other texts: the matrix products split their sums by
    /// the length of a row, never by the number of rows, and attention is taken text by text.
    pub fn forward(&self, texts: &[&[u32]]) -> Result<Tensor> {
        let device = candle_core::Device::Cpu;
        let b = texts.len();
        let n = texts.first().map_or(0, |t| t.len());
        if texts.iter().any(|t| t.len() != n) {
            candle_core::bail!("texts of one batch must have the same number of tokens");
        }
        let ids: Vec<u32> = texts.iter().flat_map(|t| t.iter().copied()).collect();
        let ids = Tensor::from_vec(ids, b * n, &device)?;
        let first = match self.variant {
            Variant::Bert { .. } => 0,
            Variant::Mpnet { first_position, .. } => first_position,
        };
        let positions = Tensor::arange(first, first + n as u32, &device)?.repeat(b)?;
        let mut x = (self.words.forward(&ids)? + self.positions.forward(&positions)?)?;
        // BERT's token types (every token is of the first sentence); MPNet's bias on each
        // attention score, `(1, heads, tokens, tokens)`, the same for every text and layer.
        let mut bias = None;
        match &self.variant {
            Variant::Bert { types } => {
                let first_sentence = Tensor::zeros(b * n, DType::U32, &device)?;
                x = (x + types.forward(&first_sentence)?)?;
            }
            Variant::Mpnet {
                relative, buckets, ..
            } => {
                let ids: Vec<u32> = (0..n as i64)
                    .flat_map(|query| {
                        (0..n as i64).map(move |key| mpnet_bucket(key - query, *buckets))
                    })
                    .collect();
                let ids = Tensor::from_vec(ids, n * n, &device)?;
                bias = Some(
                    relative
                        .forward(&ids)?
                        .reshape((n, n, self.heads))?
                        .permute((2, 0, 1))?
                        .contiguous()?
                        .unsqueeze(0)?,
                );
            }
        }
        let in_place = Attend::in_candles_order();
        let bias_entries: Option<Vec<f32>> = match &bias {
            Some(b) if in_place => Some(b.flatten_all()?.to_vec1()?),
            _ => None,
        };
        x = self.norm.forward(&x)?;
        let hidden = x.dim(1)?;
        let d = hidden / self.heads;
        let scale = 1.0 / (d as f64).sqrt();
        for l in &self.layers {
            let q = l.query.heads(&x, b, self.heads, false)?;
            let k = l.key.heads(&x, b, self.heads, true)?;
            let v = l.value.heads(&x, b, self.heads, false)?;
            let weights = if in_place {
                let scores = q.matmul(&k)?;
                scores.inplace_op1(&Attend {
                    scale: scale as f32,
                    bias: bias_entries.as_deref(),
                    heads: self.heads,
                })?;
                scores
            } else {
                let mut scores = (q.matmul(&k)? * scale)?;
                if let Some(bias) = &bias {
                    scores = scores.broadcast_add(bias)?;
                }
                candle_nn::ops::softmax_last_dim(&scores)?
            };
            let context = weights
                .matmul(&v)?
                .transpose(1, 2)?
                .contiguous()?
                .reshape((b * n, hidden))?;
            let attended = l.attention_out.residual(&context, &x, &l.attention_norm)?;
            let inner = l.intermediate.gelu(&attended)?;
            x = l.output.residual(&inner, &attended, &l.output_norm)?;
        }
        Ok(x)
    }

    /// The mean of each text's token vectors (the attention mask is all ones), one vector per
    /// text, for texts of one length (at least one token each).
    pub fn mean_pooled(&self, texts: &[&[u32]]) -> Result<Vec<Vec<f32>>> {
        let tokens = texts.first().map_or(0, |t| t.len());
        if tokens == 0 {
            candle_core::bail!("a text to pool has no tokens");
        }
        let hidden = self.forward(texts)?;
        let width = hidden.dim(1)?;
        entries(&hidden, |h| mean_of_each(h, tokens, width))
    }
}

/// The mean of each text's `tokens` rows of `width` entries in `hidden`, as candle's
/// `narrow(…).mean(0)` computes it: each column summed over the rows in order, from zero, then
/// `affine(1 / tokens, 0)`; in one pass over the rows rather than a column at a time.
fn mean_of_each(hidden: &[f32], tokens: usize, width: usize) -> Vec<Vec<f32>> {
    let scale = (1.0 / tokens as f64) as f32;
    hidden
        .chunks_exact(tokens * width)
        .map(|text| {
            let mut sums = vec![0f32; width];
            for row in text.chunks_exact(width) {
                for (s, &v) in sums.iter_mut().zip(row) {
                    *s += v;
                }
            }
            for s in &mut sums {
                *s = *s * scale + 0.0;
            }
            sums
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use candle_core::Device;

    /// `n` numbers in [-2, 2) from a fixed sequence.
    fn numbers(n: usize, seed: u64) -> Vec<f32> {
        let mut state = seed;
        (0..n)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((state >> 40) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0
            })
            .collect()
    }

    fn bits(t: &Tensor) -> Vec<u32> {
        t.flatten_all()
            .unwrap()
            .to_vec1::<f32>()
            .unwrap()
            .iter()
            .map(|v| v.to_bits())
            .collect()
    }

    /// A vector width `pulp` can run a loop at, chosen by the test.
    #[derive(Clone, Copy)]
    enum Lanes {
        Scalar,
        #[cfg(target_arch = "x86_64")]
        Avx2(pulp::x86::V3),
        #[cfg(target_arch = "x86_64")]
        Avx512(pulp::x86::V4),
    }

    impl Width for Lanes {
        fn run<Op: pulp::WithSimd>(self, op: Op) -> Op::Output {
            use pulp::Simd;
            match self {
                Lanes::Scalar => pulp::Scalar::new().vectorize(op),
                #[cfg(target_arch = "x86_64")]
                Lanes::Avx2(simd) => Simd::vectorize(simd, op),
                #[cfg(target_arch = "x86_64")]
                Lanes::Avx512(simd) => Simd::vectorize(simd, op),
            }
        }
    }

    impl Lanes {
        /// Every width this processor has but the scalar one, with its name.
        fn vector() -> Vec<(Lanes, &'static str)> {
            #[allow(unused_mut)]
            let mut widths = Vec::new();
            #[cfg(target_arch = "x86_64")]
            {
                widths.extend(pulp::x86::V3::try_new().map(|s| (Lanes::Avx2(s), "AVX2")));
                widths.extend(pulp::x86::V4::try_new().map(|s| (Lanes::Avx512(s), "AVX-512")));
            }
            widths
        }
    }

    /// Asserts that `f` gives at every vector width the processor has what it gives in
    /// scalar code: what `pulp` picks on one machine and on another agree.
    fn same_at_every_width<T: PartialEq + std::fmt::Debug>(f: impl Fn(Lanes) -> T) {
        let scalar = f(Lanes::Scalar);
        for (width, name) in Lanes::vector() {
            assert_eq!(f(width), scalar, "{name}");
        }
    }

    /// The loops after a product give the same bits at every vector width the processor
    /// has as in scalar code.
    #[test]
    fn every_vector_width_gives_the_same_bits() {
        let (rows, width) = (13, 96);
        let product = numbers(rows * width, 1);
        let residual = numbers(rows * width, 2);
        let bias = numbers(width, 3);
        let norm = Norm {
            weight: numbers(width, 4),
            bias: numbers(width, 5),
            eps: 1e-12,
        };
        same_at_every_width(|simd| {
            let (mut activated, mut normed) = (product.clone(), product.clone());
            simd.run(ActivateRows {
                entries: &mut activated,
                bias: &bias,
            });
            simd.run(AddAndNormRows {
                entries: &mut normed,
                residual: &residual,
                bias: &bias,
                norm: &norm,
            });
            let (mut queries, mut keys) = (Vec::new(), Vec::new());
            for (split, keys) in [(&mut queries, false), (&mut keys, true)] {
                simd.run(SplitHeads {
                    product: &product,
                    split,
                    bias: &bias,
                    tokens: rows,
                    d: width / 4,
                    keys,
                });
            }
            let bits = |v: Vec<f32>| v.into_iter().map(f32::to_bits).collect::<Vec<u32>>();
            (bits(activated), bits(normed), bits(queries), bits(keys))
        });
    }

    /// The fused layers give the bits of candle's own layers: `Linear` (its product reads
    /// `Wᵀ` as a view), `broadcast_add`, the reshape and transpose into heads, and
    /// `LayerNorm`, on products of more than `SMALL_PRODUCT` entries (the only ones a model
    /// that stacks texts has), tiled, with the depth in one block and in several.
    #[test]
    fn fused_layers_give_candles_bits() {
        let device = Device::Cpu;
        // (texts, tokens, inputs, outputs, heads)
        for (case, &(texts, tokens, inputs, outputs, heads)) in [
            (2, 5, 48, 64, 4),
            (3, 23, 384, 384, 12),
            (2, 40, 700, 96, 3),
        ]
        .iter()
        .enumerate()
        {
            let seed = case as u64 * 10;
            let rows = texts * tokens;
            let weight =
                Tensor::from_vec(numbers(outputs * inputs, seed), (outputs, inputs), &device)
                    .unwrap();
            let bias = Tensor::from_vec(numbers(outputs, seed + 1), outputs, &device).unwrap();
            let gamma = Tensor::from_vec(numbers(outputs, seed + 2), outputs, &device).unwrap();
            let beta = Tensor::from_vec(numbers(outputs, seed + 3), outputs, &device).unwrap();
            let x = Tensor::from_vec(numbers(rows * inputs, seed + 4), (rows, inputs), &device)
                .unwrap();
            let residual =
                Tensor::from_vec(numbers(rows * outputs, seed + 5), (rows, outputs), &device)
                    .unwrap();
            let tensors = std::collections::HashMap::from([
                ("dense.weight".to_owned(), weight.clone()),
                ("dense.bias".to_owned(), bias.clone()),
                ("norm.weight".to_owned(), gamma.clone()),
                ("norm.bias".to_owned(), beta.clone()),
            ]);
            let vb = VarBuilder::from_tensors(tensors, DType::F32, &device);
            let dense = Dense::load(inputs, outputs, vb.pp("dense")).unwrap();
            let norm = Norm::load(outputs, 1e-12, vb.pp("norm")).unwrap();

            let linear = candle_nn::Linear::new(weight, Some(bias));
            let layer_norm = candle_nn::LayerNorm::new(gamma, beta, 1e-12);
            let product = linear.forward(&x).unwrap();

            let gelu_candle: Vec<u32> = product
                .flatten_all()
                .unwrap()
                .to_vec1::<f32>()
                .unwrap()
                .iter()
                .map(|&v| gelu::gelu(v).to_bits())
                .collect();
            assert_eq!(bits(&dense.gelu(&x).unwrap()), gelu_candle, "case {case}");

            let added = (product.clone() + &residual).unwrap();
            assert_eq!(
                bits(&dense.residual(&x, &residual, &norm).unwrap()),
                bits(&layer_norm.forward(&added).unwrap()),
                "case {case}"
            );
            assert_eq!(
                bits(&norm.forward(&added).unwrap()),
                bits(&layer_norm.forward(&added).unwrap()),
                "case {case}"
            );

            let split = product
                .reshape((texts, tokens, heads, outputs / heads))
                .unwrap()
                .transpose(1, 2)
                .unwrap()
                .contiguous()
                .unwrap();
            let ours = dense.heads(&x, texts, heads, false).unwrap();
            assert_eq!(ours.dims(), split.dims(), "case {case}");
            assert_eq!(bits(&ours), bits(&split), "case {case}");
            let keys = dense.heads(&x, texts, heads, true).unwrap();
            let transposed = split.t().unwrap().contiguous().unwrap();
            assert_eq!(keys.dims(), transposed.dims(), "case {case}");
            assert_eq!(bits(&keys), bits(&transposed), "case {case}");
        }
    }

    /// Attention's weights computed in the scores' storage give the bits of candle's
    /// `affine`, `broadcast_add` and `softmax_last_dim`, for rows shorter than candle's 32
    /// entries at a time, as long, and longer with a remainder, with MPNet's bias and without.
    #[test]
    fn attention_weights_give_candles_bits() {
        if !Attend::in_candles_order() {
            // Elsewhere the encoder runs candle's operations themselves.
            return;
        }
        let device = Device::Cpu;
        let (texts, heads) = (3, 4);
        for (case, tokens) in [1, 2, 7, 31, 32, 33, 64, 77].into_iter().enumerate() {
            let seed = 100 + case as u64 * 10;
            let shape = (texts, heads, tokens, tokens);
            let mut entries = numbers(texts * heads * tokens * tokens, seed)
                .into_iter()
                .map(|v| v * 4.0)
                .collect::<Vec<f32>>();
            // Rows of one value, with negative zeros, with -inf beside finite scores, and
            // with +inf (whose weights are NaN in candle's arithmetic too).
            let mut rows = entries.chunks_exact_mut(tokens);
            rows.next().unwrap().fill(1.5);
            for v in rows.next().unwrap().iter_mut().step_by(2) {
                *v = -0.0;
            }
            for v in rows.next().unwrap().iter_mut().skip(1).step_by(2) {
                *v = f32::NEG_INFINITY;
            }
            rows.next().unwrap()[tokens / 2] = f32::INFINITY;
            let scores = Tensor::from_vec(entries, shape, &device).unwrap();
            let bias_entries = numbers(heads * tokens * tokens, seed + 1);
            let bias = Tensor::from_vec(bias_entries.clone(), (1, heads, tokens, tokens), &device)
                .unwrap();
            let scale = 1.0 / 8f64.sqrt();
            for with_bias in [false, true] {
                let mut expected = (&scores * scale).unwrap();
                if with_bias {
                    expected = expected.broadcast_add(&bias).unwrap();
                }
                let expected = candle_nn::ops::softmax_last_dim(&expected).unwrap();
                let ours = scores.copy().unwrap();
                ours.inplace_op1(&Attend {
                    scale: scale as f32,
                    bias: with_bias.then_some(&bias_entries[..]),
                    heads,
                })
                .unwrap();
                // NaN's bits are not part of Rust's arithmetic: any NaN is one NaN here.
                let canonical = |t: &Tensor| {
                    let mut b = bits(t);
                    for v in &mut b {
                        if f32::from_bits(*v).is_nan() {
                            *v = f32::NAN.to_bits();
                        }
                    }
                    b
                };
                assert_eq!(
                    canonical(&ours),
                    canonical(&expected),
                    "{tokens} tokens, bias {with_bias}"
                );
            }
        }
    }

    /// Attention's weights are the same bits at every vector width the processor has as in
    /// scalar code.
    #[test]
    fn attention_weights_are_the_same_at_every_vector_width() {
        // Rows shorter than the maxima's lanes and longer, with a remainder after them and
        // after the sums' 32 entries.
        for tokens in [5, 37, 70] {
            every_width_for(tokens);
        }
    }

    fn every_width_for(tokens: usize) {
        let heads = 3;
        let scores: Vec<f32> = numbers(2 * heads * tokens * tokens, 7)
            .into_iter()
            .map(|v| v * 4.0)
            .collect();
        let bias = numbers(heads * tokens * tokens, 8);
        let attend = Attend {
            scale: 0.125,
            bias: Some(&bias),
            heads,
        };
        let weights = |lanes: Lanes| {
            let mut entries = scores.clone();
            attend.in_place(&mut entries, tokens, lanes);
            entries.iter().map(|v| v.to_bits()).collect::<Vec<u32>>()
        };
        let unweighed: Vec<u32> = scores.iter().map(|v| v.to_bits()).collect();
        assert_ne!(weights(Lanes::Scalar), unweighed, "the rows are weighed");
        same_at_every_width(weights);
    }

    /// Each text's mean is the bits of candle's `narrow(…).mean(0)`.
    #[test]
    fn mean_pooling_gives_candles_bits() {
        let device = Device::Cpu;
        for (texts, tokens, width) in [(1, 1, 8), (3, 7, 48), (4, 33, 384)] {
            let entries = numbers(texts * tokens * width, 40 + tokens as u64);
            let hidden =
                Tensor::from_vec(entries.clone(), (texts * tokens, width), &device).unwrap();
            let ours = mean_of_each(&entries, tokens, width);
            assert_eq!(ours.len(), texts);
            for (i, mean) in ours.iter().enumerate() {
                let candle = hidden
                    .narrow(0, i * tokens, tokens)
                    .unwrap()
                    .mean(candle_core::D::Minus2)
                    .unwrap();
                let mean: Vec<u32> = mean.iter().map(|v| v.to_bits()).collect();
                assert_eq!(mean, bits(&candle), "{texts} texts of {tokens} tokens");
            }
        }
    }

    #[test]
    fn mpnet_buckets_are_exact_near_and_logarithmic_far() {
        // Keys before the query (negative) in the first half, keys after in the second.
        let cases = [
            (0, 0),
            (-1, 1),
            (-7, 7),
            (-8, 8),
            (-15, 9),
            (-16, 10),
            (-31, 11),
            (-32, 12),
            (-64, 14),
            (-127, 15),
            (-128, 15),
            (-1000, 15),
            (1, 17),
            (7, 23),
            (8, 24),
            (16, 26),
            (1000, 31),
        ];
        for (relative, bucket) in cases {
            assert_eq!(mpnet_bucket(relative, 32), bucket, "distance {relative}");
        }
    }
}
