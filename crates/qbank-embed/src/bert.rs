//! A BERT encoder (the architecture of all-MiniLM-L6-v2), inference only, on texts of one length
//! at a time.
//!
//! Written here on candle's tensors and layers rather than taken from `candle-transformers`,
//! whose hundred other models cost minutes of build for every developer: this is the part
//! qbank needs, checked against an independent implementation (`tests/data/reference.py`).

use candle_core::{DType, Module, Result, Tensor, D};

use crate::gelu;
use candle_nn::{embedding, layer_norm, linear, Embedding, LayerNorm, Linear, VarBuilder};
use serde::Deserialize;

/// The fields of a Hugging Face BERT `config.json` that inference needs.
#[derive(Debug, Clone, Deserialize)]
pub struct Config {
    pub vocab_size: usize,
    pub hidden_size: usize,
    pub num_hidden_layers: usize,
    pub num_attention_heads: usize,
    pub intermediate_size: usize,
    pub max_position_embeddings: usize,
    pub type_vocab_size: usize,
    #[serde(default = "default_eps")]
    pub layer_norm_eps: f64,
    /// Only `gelu` (the exact, erf-based one) is supported.
    #[serde(default = "default_act")]
    pub hidden_act: String,
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

/// The encoder with its weights.
pub struct Bert {
    words: Embedding,
    positions: Embedding,
    types: Embedding,
    norm: LayerNorm,
    layers: Vec<Layer>,
    heads: usize,
}

impl Bert {
    /// Reads the weights named as in Hugging Face's `BertModel` (with or without a `bert.`
    /// prefix).
    pub fn load(vb: VarBuilder, c: &Config) -> Result<Bert> {
        if c.hidden_act != "gelu" {
            candle_core::bail!(
                "hidden_act \"{}\" is not supported (only \"gelu\")",
                c.hidden_act
            );
        }
        if c.num_attention_heads == 0 || !c.hidden_size.is_multiple_of(c.num_attention_heads) {
            candle_core::bail!("hidden_size is not a multiple of num_attention_heads");
        }
        let vb = if vb.contains_tensor("bert.embeddings.word_embeddings.weight") {
            vb.pp("bert")
        } else {
            vb
        };
        let (h, eps) = (c.hidden_size, c.layer_norm_eps);
        let e = vb.pp("embeddings");
        let layers = (0..c.num_hidden_layers)
            .map(|i| {
                let l = vb.pp(format!("encoder.layer.{i}"));
                Ok(Layer {
                    query: linear(h, h, l.pp("attention.self.query"))?,
                    key: linear(h, h, l.pp("attention.self.key"))?,
                    value: linear(h, h, l.pp("attention.self.value"))?,
                    attention_out: linear(h, h, l.pp("attention.output.dense"))?,
                    attention_norm: layer_norm(h, eps, l.pp("attention.output.LayerNorm"))?,
                    intermediate: linear(h, c.intermediate_size, l.pp("intermediate.dense"))?,
                    output: linear(c.intermediate_size, h, l.pp("output.dense"))?,
                    output_norm: layer_norm(h, eps, l.pp("output.LayerNorm"))?,
                })
            })
            .collect::<Result<Vec<Layer>>>()?;
        Ok(Bert {
            words: embedding(c.vocab_size, h, e.pp("word_embeddings"))?,
            positions: embedding(c.max_position_embeddings, h, e.pp("position_embeddings"))?,
            types: embedding(c.type_vocab_size, h, e.pp("token_type_embeddings"))?,
            norm: layer_norm(h, eps, e.pp("LayerNorm"))?,
            layers,
            heads: c.num_attention_heads,
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
        let positions = Tensor::arange(0u32, n as u32, &device)?.repeat(b)?;
        let types = Tensor::zeros(b * n, DType::U32, &device)?;
        let x = (self.words.forward(&ids)?
            + self.positions.forward(&positions)?
            + self.types.forward(&types)?)?;
        let mut x = self.norm.forward(&x)?;
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
            let scores = (q.matmul(&k.t()?.contiguous()?)? * scale)?;
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
