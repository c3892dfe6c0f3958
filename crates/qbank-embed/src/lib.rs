//! Sentence embeddings for qbank: what a question means, as a vector.
//!
//! A BERT or MPNet sentence-embedding model (all-MiniLM-L6-v2 by default, all-mpnet-base-v2
//! for closer readings of meaning at eight times the cost) runs in process, in pure Rust
//! ([candle](https://github.com/huggingface/candle)): no Python, no native runtime, no network.
//! The text is split into tokens by the model's own `tokenizer.json`, run through the model,
//! and the token vectors are averaged over the attention mask and scaled to length 1, as the
//! model card specifies; the cosine of two questions is then the dot product of their vectors.
//!
//! The crate also knows where the weights are ([`locate`]), checks them against pinned
//! SHA-256 sums ([`verify`]) and keeps computed vectors in a cache keyed by model and text
//! ([`Cache`]), so that only new or edited questions are embedded again.
//!
//! What it is not: it does not decide what a near duplicate is. `qbank_text::similarity`
//! combines these vectors with the question's subject terms; this crate only turns text into
//! vectors.
//!
//! Results do not depend on the number of threads nor on which other texts are embedded in
//! the same call, to the last bit. Texts go through the model in batches of texts of one
//! length, so no text is ever padded. A matrix product splits each row's sum by the length of
//! the row (and the cache sizes), never by the number of rows, so a text's rows are summed in
//! the same order alone or stacked with others; attention, normalisation and pooling are
//! taken text by text or row by row. One exception: gemm takes products of at most 256
//! entries (rows × columns) another way, one sum per entry, so a model whose products can be
//! that small (a hidden size of 128 or less) runs one text at a time ([`Model::load`]). Each
//! product runs on one thread (candle would split it by the thread count); the batches are
//! shared out over the cores instead. `tests/minilm.rs` checks both claims on the real model,
//! `tests/tiny.rs` on small ones of both kinds.

mod bert;
mod cache;
mod files;
mod gelu;

use std::path::{Path, PathBuf};

use candle_core::{DType, Device};
use candle_nn::VarBuilder;
use tokenizers::Tokenizer;

use bert::{Bert, Config};

pub use cache::{Cache, CACHE_DIR};
pub use files::{
    cache_dir_for, default_dir, dim, fingerprint, known_model, locate, sha256_file, verify,
    KnownModel, Located, PinnedFile, DEFAULT_MODEL, HUB_URL, KNOWN_MODELS, MODEL_FILES,
    MPNET_FILES, MPNET_MODEL,
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

/// Tokens a text is cut to when the model folder does not say (`sentence_bert_config.json`,
/// `max_seq_length`: 256 for all-MiniLM-L6-v2, 384 for all-mpnet-base-v2), never more than
/// the model's positions.
pub const MAX_TOKENS: usize = 256;

/// How many tokens go through the model at once, at most: texts of one length are stacked
/// into one matrix, so that each product is large enough to run at the machine's speed.
const BATCH_TOKENS: usize = 512;

/// The largest product (rows × columns) gemm computes one sum per entry instead of in tiles.
/// A text has at least two tokens, and every product of the encoder has at least
/// `hidden_size` columns, so a larger model never has one, whatever the batch.
pub(crate) const SMALL_PRODUCT: usize = 256;

/// Whether texts of one length go through a model of this hidden size together: every
/// product then has more than [`SMALL_PRODUCT`] entries.
fn stacks_texts(hidden_size: usize) -> bool {
    2 * hidden_size > SMALL_PRODUCT
}

/// Whether the model of this `config.json` stacks texts ([`stacks_texts`]); a file that is
/// not a configuration counts as stacking (loading it fails anyway).
pub(crate) fn stacks(config: &[u8]) -> bool {
    serde_json::from_slice::<Config>(config).map_or(true, |c| stacks_texts(c.hidden_size))
}

/// A sentence-embedding model, loaded.
pub struct Model {
    bert: Bert,
    tokenizer: Tokenizer,
    dim: usize,
    max_tokens: usize,
    id: String,
    /// Whether texts of one length go through the model together (see [`SMALL_PRODUCT`]).
    stacks: bool,
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
    /// Loads the model in `dir`: `config.json` (a BERT or MPNet configuration),
    /// `tokenizer.json`, `model.safetensors`, and `sentence_bert_config.json` if there is one.
    pub fn load(dir: &Path) -> Result<Model, Error> {
        let config_path = dir.join("config.json");
        let config: Config = serde_json::from_slice(&read(&config_path)?).map_err(|e| {
            Error::Model(
                config_path.clone(),
                format!("not a BERT or MPNet configuration: {e}"),
            )
        })?;
        let tokenizer_path = dir.join("tokenizer.json");
        let mut tokenizer = Tokenizer::from_bytes(read(&tokenizer_path)?)
            .map_err(|e| Error::Model(tokenizer_path.clone(), format!("not a tokenizer: {e}")))?;
        // The file pads every text to a fixed length: a padded text gives another vector and
        // costs several times as much. Texts are batched by length instead (see `batches`).
        tokenizer.with_padding(None);
        let positions = config.positions();
        if positions < 2 {
            return Err(Error::Model(
                config_path,
                format!(
                    "max_position_embeddings ({}) leaves no room for a text{}",
                    config.max_position_embeddings,
                    if config.is_mpnet() {
                        " after the positions up to pad_token_id"
                    } else {
                        ""
                    }
                ),
            ));
        }
        let max_tokens = max_seq_length(dir)?.unwrap_or(MAX_TOKENS).min(positions);
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
            stacks: stacks_texts(config.hidden_size),
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

    /// The token ids of `text`, with the model's special tokens, cut to the model's length
    /// (see [`MAX_TOKENS`]).
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
    /// `progress` is called, on the calling thread, with the number of texts done after each
    /// batch.
    pub fn embed<S: AsRef<str> + Sync>(
        &self,
        texts: &[S],
        progress: &mut dyn FnMut(usize),
    ) -> Result<Vec<Vec<f32>>, Error> {
        let tokens = qbank_core::parallel::map_ordered(texts, 256, |_, t| self.tokens(t.as_ref()))
            .into_iter()
            .collect::<Result<Vec<_>, _>>()?;
        one_thread_per_product();
        let batches = batches(&tokens, if self.stacks { BATCH_TOKENS } else { 1 });
        // Each batch to the next free core: a batch's vectors do not depend on which thread
        // computes it, or on what else runs.
        let vectors = qbank_core::parallel::map_each_watched(
            &batches,
            |batch| {
                let batch: Vec<&[u32]> = batch.iter().map(|&i| &tokens[i][..]).collect();
                self.run(&batch)
            },
            Vec::len,
            progress,
        );
        let mut out: Vec<Vec<f32>> = vec![Vec::new(); texts.len()];
        for (batch, vectors) in batches.iter().zip(vectors) {
            for (&i, v) in batch.iter().zip(vectors?) {
                out[i] = v;
            }
        }
        Ok(out)
    }

    /// The vectors of texts of one length, given as token ids.
    fn run(&self, batch: &[&[u32]]) -> Result<Vec<Vec<f32>>, Error> {
        if batch.first().is_none_or(|t| t.is_empty()) {
            return Ok(vec![vec![0.0; self.dim]; batch.len()]);
        }
        // The mean over the attention mask: every token is a real one (nothing is padded).
        let mut vectors = self.bert.mean_pooled(batch)?;
        for v in &mut vectors {
            normalise(v);
        }
        Ok(vectors)
    }
}

/// `max_seq_length` of the model folder's `sentence_bert_config.json`: `None` without the file.
pub(crate) fn max_seq_length(dir: &Path) -> Result<Option<usize>, Error> {
    let path = dir.join("sentence_bert_config.json");
    if !path.is_file() {
        return Ok(None);
    }
    let value: serde_json::Value = serde_json::from_slice(&read(&path)?)
        .map_err(|e| Error::Model(path.clone(), format!("not JSON: {e}")))?;
    match value.get("max_seq_length") {
        None => Ok(None),
        Some(n) => n
            .as_u64()
            .filter(|&n| n >= 2)
            .map(|n| Some(n as usize))
            .ok_or_else(|| {
                Error::Model(
                    path,
                    format!("max_seq_length is {n}, not a number of tokens"),
                )
            }),
    }
}

/// The texts' indices in batches of one length each, of up to `most` tokens (or one text),
/// shortest texts first, each length's texts in their order.
fn batches(tokens: &[Vec<u32>], most: usize) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..tokens.len()).collect();
    order.sort_by_key(|&i| tokens[i].len());
    let mut out = Vec::new();
    for same in order.chunk_by(|&a, &b| tokens[a].len() == tokens[b].len()) {
        let per = (most / tokens[same[0]].len().max(1)).max(1);
        out.extend(same.chunks(per).map(<[usize]>::to_vec));
    }
    out
}

/// Makes candle run each matrix product on one thread. Candle reads `RAYON_NUM_THREADS` on
/// every product and splits the product's sums by it, so two thread counts give vectors that
/// differ in their last bits; [`Model::embed`] shares whole batches out over the cores
/// instead. Set once, before the first product, from the thread that embeds.
///
/// Candle's softmax, which the encoder runs where it cannot compute attention's weights in
/// candle's order itself (processors without AVX2, see `bert::Attend`), shares its rows out
/// on rayon's global pool, which would read the same variable and get one thread: the batches
/// on every core would then wait for it in turn (5–7% of a first run's time on two cores,
/// when layer norms ran there too). So the pool is built first, one thread per core; a row's
/// result does not depend on the thread that computes it.
fn one_thread_per_product() {
    static SET: std::sync::Once = std::sync::Once::new();
    SET.call_once(|| {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        // Fails only when the pool already exists (a caller built it): then it stays as built.
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(cores)
            .build_global();
        std::env::set_var("RAYON_NUM_THREADS", "1");
    });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_models_of_hidden_size_above_128_stack_texts() {
        let config = |hidden: usize| {
            format!(
                r#"{{"vocab_size": 10, "hidden_size": {hidden}, "num_hidden_layers": 1, "num_attention_heads": 1, "intermediate_size": 4, "max_position_embeddings": 8}}"#
            )
        };
        assert!(stacks(config(384).as_bytes()));
        assert!(stacks(config(129).as_bytes()));
        assert!(!stacks(config(128).as_bytes()));
        assert!(!stacks(config(32).as_bytes()));
        assert!(stacks(b"not json"));
    }

    #[test]
    fn batches_hold_texts_of_one_length_in_order() {
        let lengths = [3, 5, 3, 0, 5, 3];
        let tokens: Vec<Vec<u32>> = lengths.iter().map(|&n| vec![1; n]).collect();
        assert_eq!(
            batches(&tokens, BATCH_TOKENS),
            [vec![3], vec![0, 2, 5], vec![1, 4]]
        );
        // One text at a time.
        assert_eq!(
            batches(&tokens, 1),
            [vec![3], vec![0], vec![2], vec![5], vec![1], vec![4]]
        );
        // A length's texts are cut into batches of at most `most` tokens.
        let tokens = vec![vec![1; 200]; 5];
        assert_eq!(batches(&tokens, 512), [vec![0, 1], vec![2, 3], vec![4]]);
        // A text longer than a batch is a batch of its own.
        let tokens = vec![vec![1; 513]; 2];
        assert_eq!(batches(&tokens, 512), [vec![0], vec![1]]);
        assert!(batches(&[], 512).is_empty());
    }
}
