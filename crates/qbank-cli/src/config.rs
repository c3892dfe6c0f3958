//! Finding and reading qbank.toml.

use std::path::{Path, PathBuf};

use qbank_lint::config::{parse_config, Config, CONFIG_FILE};

use crate::Failure;

/// The qbank.toml for a bank: the first one found from the bank folder up, stopping at the
/// root of the git repository that holds the bank (or at the file system's root outside one).
pub fn find(bank: &Path) -> Option<PathBuf> {
    let start = std::fs::canonicalize(bank).ok()?;
    for dir in start.ancestors() {
        let candidate = dir.join(CONFIG_FILE);
        if candidate.is_file() {
            return Some(candidate);
        }
        if dir.join(".git").exists() {
            break;
        }
    }
    None
}

/// The qbank.toml that [`load`] reads for `bank`, if any.
pub fn path(explicit: Option<&Path>, bank: &Path) -> Option<PathBuf> {
    explicit.map(Path::to_path_buf).or_else(|| find(bank))
}

/// Reads the configuration: `explicit` when given (it must exist), otherwise the one found
/// for `bank`, otherwise the defaults.
pub fn load(explicit: Option<&Path>, bank: &Path) -> Result<Config, Failure> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => match find(bank) {
            Some(p) => p,
            None => return Ok(Config::default()),
        },
    };
    let text = std::fs::read_to_string(&path)
        .map_err(|e| Failure(format!("cannot read {}: {e}", path.display())))?;
    let shown = shown_path(&path);
    let config = parse_config(&text, &shown).map_err(|e| Failure(e.to_string()))?;
    if let Some(name) = &config.model_name {
        if qbank_embed::known_model(&name.name).is_none() {
            let known = qbank_embed::KNOWN_MODELS.map(|m| m.short);
            return Err(Failure(name.unknown(&known).to_string()));
        }
    }
    Ok(config)
}

/// The model qbank.toml names in `[model] name` ([`load`] has refused a name qbank does not
/// know).
pub fn named_model(config: &Config) -> Option<qbank_embed::KnownModel> {
    config
        .model_name
        .as_ref()
        .and_then(|n| qbank_embed::known_model(&n.name))
}

/// A path relative to the working folder when it is below it.
fn shown_path(path: &Path) -> String {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|c| std::fs::canonicalize(c).ok());
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    match cwd.as_deref().and_then(|c| canonical.strip_prefix(c).ok()) {
        Some(rel) => rel.display().to_string(),
        None => path.display().to_string(),
    }
}
