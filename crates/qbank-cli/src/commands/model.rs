//! `qbank model`: the sentence-embedding model that finds near duplicates by meaning.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::args::{ModelCommand, ModelFetchArgs, ModelPathArgs};
use crate::{config, Failure, Outcome};

pub fn run(command: ModelCommand) -> Result<Outcome, Failure> {
    match command {
        ModelCommand::Fetch(args) => fetch(args),
        ModelCommand::Path(args) => path(args),
    }
}

/// Fetches the model unless its folder already holds every file as pinned: a failed or
/// tampered download leaves nothing behind ([`download_checked`]).
fn fetch(args: ModelFetchArgs) -> Result<Outcome, Failure> {
    // The model asked for, else the bank's choice, else the default; and whether the bank
    // names it.
    let (model, named_by_bank) = match args.model {
        Some(name) => (
            qbank_embed::known_model(&name)
                .ok_or_else(|| Failure(format!("--model {name}: not a model qbank knows")))?,
            false,
        ),
        None => match config::named_model(&config::load(args.config.as_deref(), &args.bank)?) {
            Some(model) => (model, true),
            None => (qbank_embed::KNOWN_MODELS[0], false),
        },
    };
    let dir = match args.dir {
        Some(d) => d,
        None => qbank_embed::cache_dir_for(model.short)
            .ok_or_else(|| Failure("no user cache folder is known here: give --dir".to_owned()))?,
    };
    // Already there, every file as pinned: nothing to download.
    let present = qbank_embed::verify(&dir, model.files).is_ok();
    if !present {
        download_checked(&dir, &model, args.from.as_deref())?;
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} is {} {} (SHA-256 checked)",
        model.name,
        if present { "already in" } else { "in" },
        dir.display()
    )?;
    // How qbank will find it: the default model in its cache folder, or the bank's named one
    // in its own, need no word.
    let in_cache = qbank_embed::cache_dir_for(model.short).as_deref() == Some(dir.as_path());
    let is_default = model == qbank_embed::KNOWN_MODELS[0];
    if !in_cache {
        writeln!(
            out,
            "point qbank at it with QBANK_MODEL_DIR={} or qbank.toml's [model] dir",
            dir.display()
        )?;
    } else if !is_default && !named_by_bank {
        writeln!(
            out,
            "name it in qbank.toml to use it: [model] name = \"{}\"",
            model.short
        )?;
    }
    Ok(Outcome::Clean)
}

/// Copies or downloads `model`'s files into a temporary folder beside `dir`, checks every one
/// against its pinned sum, and only then moves them into place.
fn download_checked(
    dir: &Path,
    model: &qbank_embed::KnownModel,
    from: Option<&str>,
) -> Result<(), Failure> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure(format!("cannot create {}: {e}", dir.display())))?;
    let staging = dir.join(format!(".fetch-{}", std::process::id()));
    std::fs::create_dir_all(&staging)
        .map_err(|e| Failure(format!("cannot create {}: {e}", staging.display())))?;
    let result = fetch_into(&staging, model, from).and_then(|()| {
        qbank_embed::verify(&staging, model.files)
            .map_err(|e| Failure(format!("{e}: the files were not kept")))?;
        for file in model.files {
            let to = dir.join(file.name);
            std::fs::rename(staging.join(file.name), &to)
                .map_err(|e| Failure(format!("cannot write {}: {e}", to.display())))?;
        }
        Ok(())
    });
    let _ = std::fs::remove_dir_all(&staging);
    result
}

fn fetch_into(
    staging: &Path,
    model: &qbank_embed::KnownModel,
    from: Option<&str>,
) -> Result<(), Failure> {
    let from = from.unwrap_or(model.hub_url);
    let local = Path::new(from);
    for file in model.files {
        let to = staging.join(file.name);
        if local.is_dir() {
            let src = local.join(file.name);
            std::fs::copy(&src, &to)
                .map_err(|e| Failure(format!("cannot copy {}: {e}", src.display())))?;
        } else if from.starts_with("https://") || from.starts_with("http://") {
            download(
                &format!("{}/{}", from.trim_end_matches('/'), file.name),
                &to,
            )?;
        } else {
            return Err(Failure(format!(
                "--from {from}: not a folder nor an http(s) URL"
            )));
        }
    }
    Ok(())
}

/// Downloads `url` to `to` with the system's `curl`, as package managers and git do, so that
/// qbank carries no TLS stack of its own.
fn download(url: &str, to: &Path) -> Result<(), Failure> {
    eprintln!("qbank: downloading {url}");
    let status = std::process::Command::new("curl")
        .args([
            "--fail",
            "--location",
            "--silent",
            "--show-error",
            "--output",
        ])
        .arg(to)
        .arg(url)
        .status()
        .map_err(|e| {
            Failure(format!(
                "cannot run curl ({e}): download the files by hand and use --from DIR"
            ))
        })?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure(format!(
            "downloading {url} failed ({status}): on a machine without access, copy the model \
             folder and use --from DIR, or set QBANK_MODEL_DIR"
        )))
    }
}

fn path(args: ModelPathArgs) -> Result<Outcome, Failure> {
    let config = config::load(args.config.as_deref(), &args.bank)?;
    let config_path = config::path(args.config.as_deref(), &args.bank);
    let configured: Option<PathBuf> =
        config
            .model_dir
            .as_ref()
            .map(|d| match config_path.as_deref().and_then(Path::parent) {
                Some(base) => base.join(d),
                None => PathBuf::from(d),
            });
    let mut out = std::io::stdout().lock();
    if config.model_enabled == Some(false) {
        writeln!(
            out,
            "the model is turned off in qbank.toml ([model] enabled = false)"
        )?;
        return Ok(Outcome::Clean);
    }
    let named = config::named_model(&config);
    match qbank_embed::locate(configured.as_deref(), named.as_ref())? {
        Some(found) => {
            writeln!(out, "{} (from {})", found.dir.display(), found.source)?;
            // The known model whose files these are; else what sets them apart from the
            // default (the first checked).
            let mut apart = None;
            let checked = qbank_embed::KNOWN_MODELS.iter().find(|m| {
                match qbank_embed::verify(&found.dir, m.files) {
                    Ok(()) => true,
                    Err(e) => {
                        apart.get_or_insert(e);
                        false
                    }
                }
            });
            match (checked, apart) {
                (Some(m), _) => writeln!(out, "{}: SHA-256 checked", m.name)?,
                (None, e) => {
                    // Not pinned: the files are read as every command would read them.
                    if let Err(load) = qbank_embed::Model::load(&found.dir) {
                        writeln!(
                            out,
                            "cannot be used: {load}; near duplicates are found by their words \
                             only until it is mended"
                        )?;
                        return Ok(Outcome::Findings);
                    }
                    writeln!(
                        out,
                        "not a pinned model ({}): it is used all the same; cached vectors are \
                         kept per model",
                        e.map_or_else(String::new, |e| e.to_string())
                    )?
                }
            }
            Ok(Outcome::Clean)
        }
        None => {
            writeln!(
                out,
                "no model: near duplicates are found by their words only; `qbank model fetch` \
                 gets it"
            )?;
            Ok(Outcome::Findings)
        }
    }
}
