//! A BERT encoder (the architecture of all-MiniLM-L6-v2) and its MPNet variant (that of
//! all-mpnet-base-v2), inference only, on texts of one length at a time.
//!
//! MPNet is BERT with three differences, all in how a token's place is told: no token types,
//! positions counted from the padding id plus one, and a learned bias per head on each
//! attention score, looked up by the two tokens' distance in 32 buckets (exact up to 8, then
//! logarithmic up to 128), computed once and shared by every layer.
//!
//! Written here on candle's tensors and layers rather than taken from `candle-transformers`,
//! whose hundred other models cost minutes of build for every developer: this is the part
//! qbank needs, checked against an independent implementation (`tests/data/reference.py`).

use candle_core::{DType, Module, Result, Tensor, D};

use crate::gelu;
use candle_nn::{embedding, layer_norm, linear, Embedding, LayerNorm, Linear, VarBuilder};
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
    query: Linear,
    key: Linear,
    value: Linear,
    attention_out: Linear,
    attention_norm: LayerNorm,
    intermediate: Linear,
    output: Linear,
    output_norm: LayerNorm,
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
    norm: LayerNorm,
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
                    query: linear(h, h, l.pp(q))?,
                    key: linear(h, h, l.pp(k))?,
                    value: linear(h, h, l.pp(v))?,
                    attention_out: linear(h, h, l.pp(o))?,
                    attention_norm: layer_norm(h, eps, l.pp(o_norm))?,
                    intermediate: linear(h, c.intermediate_size, l.pp("intermediate.dense"))?,
                    output: linear(c.intermediate_size, h, l.pp("output.dense"))?,
                    output_norm: layer_norm(h, eps, l.pp("output.LayerNorm"))?,
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
            norm: layer_norm(h, eps, e.pp("LayerNorm"))?,
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
        x = self.norm.forward(&x)?;
        let hidden = x.dim(1)?;
        let d = hidden / self.heads;
        let scale = 1.0 / (d as f64).sqrt();
        // (texts × tokens, hidden) → (texts, heads, tokens, d)
        let split = |t: Tensor| {
            t.reshape((b, n, self.heads, d))?
                .transpose(1, 2)?
                .contiguous()
        };
        for l in &self.layers {
            let q = split(l.query.forward(&x)?)?;
            let k = split(l.key.forward(&x)?)?;
            let v = split(l.value.forward(&x)?)?;
            let mut scores = (q.matmul(&k.t()?.contiguous()?)? * scale)?;
            if let Some(bias) = &bias {
                scores = scores.broadcast_add(bias)?;
            }
            let weights = candle_nn::ops::softmax_last_dim(&scores)?;
            let context = weights
                .matmul(&v)?
                .transpose(1, 2)?
                .contiguous()?
                .reshape((b * n, hidden))?;
            let attended = l
                .attention_norm
                .forward(&(l.attention_out.forward(&context)? + &x)?)?;
            let inner = gelu::gelu(&l.intermediate.forward(&attended)?)?;
            x = l
                .output_norm
                .forward(&(l.output.forward(&inner)? + &attended)?)?;
        }
        Ok(x)
    }

    /// The mean of each text's token vectors (the attention mask is all ones), one `(hidden,)`
    /// tensor per text, for texts of one length.
    pub fn mean_pooled(&self, texts: &[&[u32]]) -> Result<Vec<Tensor>> {
        let n = texts.first().map_or(0, |t| t.len());
        let hidden = self.forward(texts)?;
        (0..texts.len())
            .map(|i| hidden.narrow(0, i * n, n)?.mean(D::Minus2))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
