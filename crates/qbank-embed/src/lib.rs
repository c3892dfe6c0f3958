//! Sentence embeddings for qbank: what a question means, as a vector.
//!
//! A BERT sentence-embedding model (all-MiniLM-L6-v2 by default) runs in process, in pure Rust
//! ([candle](https://github.com/huggingface/candle)): no Python, no native runtime, no network.
//! The text is split into tokens by the model's own `tokenizer.json`, run through the model,
//! and the token vectors are averaged over the attention mask and scaled to length 1, as the
//! model card specifies; the cosine of two questions is then the dot product of their vectors.
//!
//! The crate also knows where the weights are ([`locate`]), checks them against pinned
//! SHA-256 sums ([`verify`]) and keeps computed vectors in a cache keyed by model and text
//! ([`Cache`]), so that only new or edited questions are embedded again.
//!
//! What it is not: it does not decide what a near duplicate is. `qbank_core::similarity`
//! combines these vectors with the question's subject terms; this crate only turns text into
//! vectors.
//!
//! Results do not depend on the number of threads nor on which other texts are embedded in
//! the same call, to the last bit: each text goes through the model alone, so it is never
//! padded and its matrix products have the same shapes every time (a product's sums are
//! split by its shape), and each product runs on one thread (candle splits them by the
//! thread count too). The texts are shared out over the cores instead, in order.

mod bert;
mod cache;
mod files;

use std::path::{Path, PathBuf};

use candle_core::{DType, Device};
use candle_nn::VarBuilder;
use tokenizers::Tokenizer;

use bert::{Bert, Config};

pub use cache::{Cache, CACHE_DIR};
pub use files::{
    default_dir, dim, fingerprint, locate, sha256_file, verify, Located, PinnedFile, DEFAULT_MODEL,
    HUB_URL, MODEL_FILES,
};

/// What went wrong while loading or running a model.
#[derive(Debug)]
pub enum Error {
    /// A file could not be read or written.
    Io(PathBuf, std::io::Error),
    /// A file of the model is missing or not what it should be.
    Model(PathBuf, String),
    /// The model failed while running.
    Run(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Model(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Run(e) => write!(f, "the model failed: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<candle_core::Error> for Error {
    fn from(e: candle_core::Error) -> Self {
        Error::Run(e.to_string())
    }
}

/// Tokens a text is cut to: what sentence-transformers uses for all-MiniLM-L6-v2
/// (`sentence_bert_config.json`, `max_seq_length`), never more than the model's positions.
pub const MAX_TOKENS: usize = 256;

/// How many texts per core are embedded between two progress reports.
const ROUND: usize = 16;

/// A sentence-embedding model, loaded.
pub struct Model {
    bert: Bert,
    tokenizer: Tokenizer,
    dim: usize,
    max_tokens: usize,
    id: String,
}

impl std::fmt::Debug for Model {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Model")
            .field("id", &self.id)
            .field("dim", &self.dim)
            .finish_non_exhaustive()
    }
}

fn read(path: &Path) -> Result<Vec<u8>, Error> {
    std::fs::read(path).map_err(|e| Error::Io(path.to_owned(), e))
}

impl Model {
    /// Loads the model in `dir`: `config.json` (a BERT configuration), `tokenizer.json` and
    /// `model.safetensors`.
    pub fn load(dir: &Path) -> Result<Model, Error> {
        let config_path = dir.join("config.json");
        let config: Config = serde_json::from_slice(&read(&config_path)?).map_err(|e| {
            Error::Model(
                config_path.clone(),
                format!("not a BERT configuration: {e}"),
            )
        })?;
        let tokenizer_path = dir.join("tokenizer.json");
        let mut tokenizer = Tokenizer::from_bytes(read(&tokenizer_path)?)
            .map_err(|e| Error::Model(tokenizer_path.clone(), format!("not a tokenizer: {e}")))?;
        // The file pads every text to a fixed length: a padded text gives another vector and
        // costs several times as much. Texts are batched by length instead (see `embed`).
        tokenizer.with_padding(None);
        let max_tokens = MAX_TOKENS.min(config.max_position_embeddings);
        tokenizer
            .with_truncation(Some(tokenizers::TruncationParams {
                max_length: max_tokens,
                ..Default::default()
            }))
            .map_err(|e| Error::Model(tokenizer_path.clone(), e.to_string()))?;
        let weights_path = dir.join("model.safetensors");
        let vb =
            VarBuilder::from_buffered_safetensors(read(&weights_path)?, DType::F32, &Device::Cpu)
                .map_err(|e| Error::Model(weights_path.clone(), e.to_string()))?;
        let bert = Bert::load(vb, &config)
            .map_err(|e| Error::Model(weights_path.clone(), e.to_string()))?;
        Ok(Model {
            bert,
            tokenizer,
            dim: config.hidden_size,
            max_tokens,
            id: fingerprint(dir)?,
        })
    }

    /// The length of a vector.
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Names the model's files (see [`fingerprint`]): vectors of two models with other ids are
    /// never mixed.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The token ids of `text`, with the model's special tokens, cut to [`MAX_TOKENS`].
    pub fn tokens(&self, text: &str) -> Result<Vec<u32>, Error> {
        let encoding = self
            .tokenizer
            .encode(text, true)
            .map_err(|e| Error::Run(format!("cannot tokenise: {e}")))?;
        let mut ids = encoding.get_ids().to_vec();
        ids.truncate(self.max_tokens);
        Ok(ids)
    }

    /// One vector of length [`Model::dim`] and norm 1 per text, in the order of `texts`.
    /// `progress` is called with the number of texts done after each batch.
    pub fn embed<S: AsRef<str>>(
        &self,
        texts: &[S],
        progress: &mut dyn FnMut(usize),
    ) -> Result<Vec<Vec<f32>>, Error> {
        let tokens = texts
            .iter()
            .map(|t| self.tokens(t.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        one_thread_per_product();
        let mut out: Vec<Vec<f32>> = Vec::with_capacity(texts.len());
        // A round of texts per core at a time, so that progress is reported as it goes.
        let round = ROUND * std::thread::available_parallelism().map_or(1, |n| n.get());
        for part in tokens.chunks(round) {
            for v in qbank_core::parallel::map_ordered(part, 1, |_, t| self.run(t)) {
                out.push(v?);
            }
            progress(out.len());
        }
        Ok(out)
    }

    /// The vector of one text's token ids.
    fn run(&self, tokens: &[u32]) -> Result<Vec<f32>, Error> {
        if tokens.is_empty() {
            return Ok(vec![0.0; self.dim]);
        }
        // The mean over the attention mask: every token is a real one (nothing is padded).
        let mut v: Vec<f32> = self.bert.mean_pooled(tokens)?.to_vec1()?;
        normalise(&mut v);
        Ok(v)
    }
}

/// Makes candle run each matrix product on one thread. Candle reads `RAYON_NUM_THREADS` on
/// every product and splits the product's sums by it, so two thread counts give vectors that
/// differ in their last bits; [`Model::embed`] shares whole batches out over the cores
/// instead. Set once, before the first product, from the thread that embeds.
fn one_thread_per_product() {
    static SET: std::sync::Once = std::sync::Once::new();
    SET.call_once(|| std::env::set_var("RAYON_NUM_THREADS", "1"));
}

/// Scales `v` to length 1 (as `torch.nn.functional.normalize` does, a zero vector stays zero).
pub fn normalise(v: &mut [f32]) {
    let norm = v
        .iter()
        .map(|x| f64::from(*x) * f64::from(*x))
        .sum::<f64>()
        .sqrt();
    let norm = norm.max(1e-12) as f32;
    for x in v {
        *x /= norm;
    }
}

/// The dot product of two vectors: their cosine when both have length 1.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}
