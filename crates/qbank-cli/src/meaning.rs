//! The sentence vectors of a bank's questions, for the commands that compare questions: the
//! model found (`QBANK_MODEL_DIR`, qbank.toml's `[model] dir` or `[model] name`, or `qbank
//! model fetch`'s folder), vectors read from the cache folder and only new or edited texts embedded.
//!
//! Without a model every command still runs, comparing questions by their words, and says so
//! in one line on standard error: a note at a terminal where no model is set up, and a warning
//! wherever a model is set up (`QBANK_MODEL_DIR`, qbank.toml) but cannot be used, so that a CI
//! log shows why its lint read words alone.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use qbank_lint::config::Config;
use qbank_text::similarity::{Embedder, Embeddings};

use crate::warn;

/// Where the model and the cache are, for a bank.
pub struct Setup {
    /// The model folder named in qbank.toml, resolved against the file's folder.
    configured: Option<PathBuf>,
    /// The model qbank.toml names (`[model] name`).
    named: Option<qbank_embed::KnownModel>,
    enabled: bool,
    /// The folder that holds `.qbank_cache/`.
    cache_root: PathBuf,
}

impl Setup {
    /// For the bank in `bank` configured by `config` (read from `config_path`, if a file).
    pub fn new(config: &Config, config_path: Option<&Path>, bank: &Path) -> Setup {
        let base = config_path.and_then(Path::parent).map(Path::to_path_buf);
        let configured = config.model_dir.as_ref().map(|d| match &base {
            Some(b) => b.join(d),
            None => PathBuf::from(d),
        });
        Setup {
            configured,
            named: crate::config::named_model(config),
            enabled: config.model_enabled.unwrap_or(true),
            cache_root: base
                .filter(|b| !b.as_os_str().is_empty())
                .unwrap_or_else(|| repository_root(bank)),
        }
    }

    /// The sentence vectors of `texts`, or `None` (with a note on standard error) when there
    /// is no model or it cannot be used.
    pub fn embeddings(&self, texts: &[&str]) -> Option<Arc<Embeddings>> {
        if !self.enabled {
            return None;
        }
        let found = match qbank_embed::locate(self.configured.as_deref(), self.named.as_ref()) {
            Ok(Some(found)) => found,
            Ok(None) => {
                note(
                    "no sentence-embedding model: near duplicates are found by their words \
                     only (`qbank model fetch` gets it)",
                );
                return None;
            }
            Err(e) => {
                warn(&format!(
                    "{e}: near duplicates are found by their words only"
                ));
                return None;
            }
        };
        match embed(&found.dir, &self.cache_root, texts) {
            Ok(e) => Some(Arc::new(e)),
            Err(e) => {
                warn(&format!(
                    "{e}: near duplicates are found by their words only"
                ));
                None
            }
        }
    }
}

/// A one-line note on standard error, for someone at a terminal: logs and captured output
/// stay as they were (`qbank model path` tells scripts whether a model is found).
fn note(message: &str) {
    let mut err = std::io::stderr();
    if err.is_terminal() {
        let _ = writeln!(err, "qbank: note: {message}");
    }
}

/// The root of the git repository that holds `bank`, or the bank folder outside one.
fn repository_root(bank: &Path) -> PathBuf {
    let start = std::fs::canonicalize(bank).unwrap_or_else(|_| bank.to_path_buf());
    start
        .ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(&start)
        .to_path_buf()
}

fn embed(dir: &Path, cache_root: &Path, texts: &[&str]) -> Result<Embeddings, qbank_embed::Error> {
    let id = qbank_embed::fingerprint(dir)?;
    let dim = qbank_embed::dim(dir)?;
    // Only the vectors of these texts are read: a draw embeds the few questions kits may
    // draw, and the file holds the whole bank's and the phrases' too.
    let mut cache = qbank_embed::Cache::open_for(cache_root, &id, dim, texts);
    let model: Arc<OnceLock<Result<qbank_embed::Model, String>>> = Arc::default();
    embed_missing(dir, &model, &mut cache, texts, "questions")?;
    let mut out = Embeddings::new(id, dim);
    for t in texts {
        if let Some(v) = cache.get(t) {
            out.insert(t, v.to_vec());
        }
    }
    drop(cache);
    // What two questions do not share is embedded when a verdict first reads it, through the
    // same cache file (read for those phrases only) and the same model (loaded then, if the
    // questions did not need it). One call at a time: each adds to the file.
    let (dir, root) = (dir.to_path_buf(), cache_root.to_path_buf());
    let (model_id, one_at_a_time) = (out.model().to_owned(), Mutex::new(()));
    // A model that fails fails on every call: said once.
    let warned = std::sync::atomic::AtomicBool::new(false);
    Ok(out.with_embedder(Embedder::new(move |phrases: &[&str]| {
        let _turn = one_at_a_time
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let mut cache = qbank_embed::Cache::open_for(&root, &model_id, dim, phrases);
        match embed_missing(&dir, &model, &mut cache, phrases, "phrases") {
            Ok(()) => phrases
                .iter()
                .map(|p| cache.get(p).map(<[f32]>::to_vec).unwrap_or_default())
                .collect(),
            Err(e) => {
                if !warned.swap(true, std::sync::atomic::Ordering::Relaxed) {
                    warn(&format!(
                        "{e}: near duplicates are judged without the meaning of what two \
                         questions do not share"
                    ));
                }
                Vec::new()
            }
        }
    })))
}

/// Embeds the ones of `texts` that `cache` lacks with the model in `dir` (loaded into `model`
/// the first time), and saves the cache; `what` names the texts on the progress bar.
fn embed_missing(
    dir: &Path,
    model: &OnceLock<Result<qbank_embed::Model, String>>,
    cache: &mut qbank_embed::Cache,
    texts: &[&str],
    what: &str,
) -> Result<(), qbank_embed::Error> {
    let mut missing: Vec<&str> = texts
        .iter()
        .copied()
        .filter(|t| cache.get(t).is_none())
        .collect();
    missing.sort_unstable();
    missing.dedup();
    if missing.is_empty() {
        return Ok(());
    }
    let model = model
        .get_or_init(|| qbank_embed::Model::load(dir).map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| qbank_embed::Error::Run(e.clone()))?;
    let bar = progress_bar(missing.len(), what);
    let vectors = model.embed(&missing, &mut |done| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    });
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    for (t, v) in missing.iter().zip(vectors?) {
        cache.insert(t, v);
    }
    // A cache that cannot be written only costs time on the next run.
    if let Err(e) = cache.save() {
        note(&format!("cannot keep the embedding cache: {e}"));
    }
    Ok(())
}

/// A bar on standard error while texts are embedded, when someone is watching and there are
/// enough of them to wait for.
fn progress_bar(total: usize, what: &str) -> Option<ProgressBar> {
    let watching = std::io::stderr().is_terminal()
        && std::env::var_os("CI").is_none()
        && std::env::var_os("GITHUB_ACTIONS").is_none();
    if !watching || total < 100 {
        return None;
    }
    let bar =
        ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::stderr_with_hz(8));
    bar.set_style(
        ProgressStyle::with_template(&format!(
            "{{spinner}} embedding {{pos}}/{{len}} {what} {{wide_bar}} {{eta}}"
        ))
        .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    Some(bar)
}
