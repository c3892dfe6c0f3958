use std::io::{self, Write};

use qbank_core::Severity;
use qbank_lint::render::{self, human::HumanOptions, Sources};
use qbank_lint::RULES;

use std::collections::HashSet;
use std::path::Path;

use qbank_core::git::{GitError, Repo};
use qbank_lint::config::{parse_config, CONFIG_FILE};
use qbank_lint::gate;

use crate::args::{LintArgs, LintFormat};
use crate::{config, Failure, Outcome};

pub fn run(args: LintArgs) -> Result<Outcome, Failure> {
    for name in args.select.iter().chain(&args.ignore) {
        if qbank_lint::rule(name).is_none() {
            let names: Vec<String> = RULES.iter().map(|r| r.name().to_owned()).collect();
            let hint = qbank_core::closest(name, &names)
                .map(|b| format!("; did you mean \"{b}\"?"))
                .unwrap_or_default();
            return Err(Failure(format!("unknown rule \"{name}\"{hint}")));
        }
    }
    let bank_dir = args.bank.path();
    let config = config::load(args.config.as_deref(), &bank_dir)?;
    let config_path = config::path(args.config.as_deref(), &bank_dir);
    // Ask git before reading the bank, so that a bad ref fails fast.
    let comparison = match &args.changed_since {
        Some(reference) => Some(Comparison::prepare(&args, &bank_dir, reference)?),
        None => None,
    };
    let (bank, load_diagnostics) = crate::progress::load_bank(&bank_dir)?;
    // The questions' sentence vectors, by text: the bank at the base of a comparison reads the
    // same vectors for the texts it shares with the bank now, so unchanged pairs keep their
    // verdict on both sides.
    let selected = |mut settings: qbank_lint::Settings| {
        settings.select = args.select.clone();
        for name in &args.ignore {
            settings.severity.insert(name.clone(), None);
        }
        settings.changed = comparison.as_ref().map(|c| c.changed_in_bank.clone());
        settings
    };
    // Embedded when a rule that runs reads them: the near-duplicate rule, or one that draws
    // kits as `qbank kit build` does.
    let embeddings = if qbank_lint::reads_meaning(&selected(config.settings.clone())) {
        crate::meaning::Setup::new(&config, config_path.as_deref(), &bank_dir)
            .embeddings(&bank.active_texts())
    } else {
        None
    };
    let with_args = |settings: qbank_lint::Settings| qbank_lint::Settings {
        embeddings: embeddings.clone(),
        ..selected(settings)
    };
    let settings = with_args(config.settings.clone());
    // The files the bank at the base can take from the bank now, where the change left them.
    let reusable = comparison
        .as_ref()
        .map(|_| qbank_core::Reusable::new(&bank, &load_diagnostics));
    // The bank as it was (read from git and linted) at the same time as the bank now.
    let (mut diagnostics, before) = qbank_core::parallel::join(
        || qbank_lint::lint(&bank, load_diagnostics, &settings),
        || {
            comparison.as_ref().filter(|c| c.anything_changed).map(|c| {
                c.findings_before(&bank_dir, reusable.as_ref(), &config.settings, &with_args)
            })
        },
    );
    let mut statuses = None;
    if let Some(comparison) = &comparison {
        // When nothing that decides the findings changed, everything found now was there.
        let before = match before {
            Some(before) => before?,
            None => gate::Before::whole(diagnostics.clone()),
        };
        let reported = gate::compare(diagnostics, &before, &comparison.changed_shown);
        // Not freed a string at a time, as the bank and the findings are not (below).
        std::mem::forget(before);
        let (kept, status): (Vec<_>, Vec<_>) = reported.into_iter().unzip();
        diagnostics = kept;
        statuses = Some(status);
    }
    let deny_warnings = args.deny_warnings || config.deny_warnings.unwrap_or(false);

    let format = args.format.unwrap_or_else(|| {
        if std::env::var("GITHUB_ACTIONS").is_ok_and(|v| v == "true") {
            LintFormat::Github
        } else {
            LintFormat::Human
        }
    });
    if matches!(format, LintFormat::Github | LintFormat::Sarif) {
        from_the_top(&mut diagnostics);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        LintFormat::Human => {
            let color = args.color.on_stdout();
            render::human::render(
                &diagnostics,
                &Sources::new(&bank),
                HumanOptions {
                    color,
                    files: bank.files.len(),
                },
                &mut out,
            )?;
        }
        LintFormat::Json => {
            render::json::render_with_status(&diagnostics, statuses.as_deref(), &mut out)?
        }
        LintFormat::Github => render::github::render(&diagnostics, &mut out)?,
        LintFormat::Sarif => render::sarif::render(&diagnostics, &mut out)?,
    }
    out.flush()?;
    let fail = diagnostics.iter().any(|d| {
        d.severity == Severity::Error || (deny_warnings && d.severity == Severity::Warning)
    });
    // The process ends with this command: freeing the bank and the findings one string at a
    // time would be work for nothing (0.15 s on one core for 100,000 questions).
    std::mem::forget((bank, diagnostics));
    Ok(if fail {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

/// What `--changed-since` compares: the bank now against the bank at the merge base of the
/// ref and `HEAD`, read from git's objects.
struct Comparison {
    repo: Repo,
    base: String,
    /// The bank folder inside the repository (`/`-separated; empty at the top).
    bank_in_repo: String,
    /// Changed files inside the bank, as paths inside the bank.
    changed_in_bank: HashSet<String>,
    /// Changed files inside the bank, as the diagnostics name them.
    changed_shown: qbank_core::hash::FastSet<String>,
    /// Whether anything that decides the findings changed: a file of the bank, or the
    /// settings file.
    anything_changed: bool,
    /// Whether the settings changed: the file that applies now was edited, or another file
    /// applies now than at the base (one deleted, moved or added nearer the bank).
    settings_changed: bool,
    /// The settings that applied at the base.
    config_at_base: BaseConfig,
}

/// The settings the bank had at the base of a comparison.
enum BaseConfig {
    /// Those of now: the settings file is outside the repository, where the change cannot
    /// have touched it.
    Now,
    /// The file at this path inside the repository, as it was at the base; the defaults when
    /// it did not exist then.
    File(String),
    /// The defaults: no settings file applied at the base.
    Defaults,
}

impl Comparison {
    fn prepare(args: &LintArgs, bank: &Path, reference: &str) -> Result<Comparison, Failure> {
        let fail = |e: GitError| Failure(format!("--changed-since: {e}"));
        if !bank.is_dir() {
            return Err(Failure(format!(
                "no bank at {}: the folder does not exist",
                bank.display()
            )));
        }
        let repo = Repo::require(bank).map_err(fail)?;
        let base = repo.merge_base(reference).map_err(fail)?;
        let changed = repo.changed_files(&base).map_err(fail)?;
        let bank_in_repo = repo.relative(bank).unwrap_or_default();
        let prefix = if bank_in_repo.is_empty() {
            String::new()
        } else {
            format!("{bank_in_repo}/")
        };
        let shown_root = qbank_core::load::display_path(bank);
        let mut changed_in_bank: HashSet<String> = changed
            .iter()
            .filter_map(|p| p.strip_prefix(&prefix))
            .map(str::to_owned)
            .collect();
        changed_in_bank.extend(changed_through_links(&repo, bank, &changed));
        let changed_shown = changed_in_bank
            .iter()
            .map(|p| {
                if shown_root == "." {
                    p.clone()
                } else {
                    format!("{shown_root}/{p}")
                }
            })
            .collect();
        let config_now = args.config.clone().or_else(|| config::find(bank));
        // The settings file's path as found (a link stays the link), and the file it names.
        let config_in_repo = config_now
            .as_deref()
            .and_then(|p| relative_as_found(&repo, p));
        let config_target = config_now.as_deref().and_then(|p| repo.relative(p));
        let config_at_base = match (&args.config, &config_in_repo) {
            (Some(_), Some(path)) => BaseConfig::File(path.clone()),
            (Some(_), None) => BaseConfig::Now,
            // The file `config::find` would have found in the tree at the base: the first
            // qbank.toml from the bank folder up to the top of the repository.
            (None, _) => match config_at(&repo, &base, &bank_in_repo).map_err(fail)? {
                Some(path) => BaseConfig::File(path),
                None if config_now.is_some() && config_in_repo.is_none() => BaseConfig::Now,
                None => BaseConfig::Defaults,
            },
        };
        let settings_changed = match &config_at_base {
            BaseConfig::Now => false,
            BaseConfig::File(path) => {
                config_in_repo.as_ref() != Some(path)
                    || changed
                        .iter()
                        .any(|p| p == path || config_target.as_ref() == Some(p))
            }
            BaseConfig::Defaults => config_in_repo.is_some(),
        };
        let anything_changed = !changed_in_bank.is_empty() || settings_changed;
        Ok(Comparison {
            repo,
            base,
            bank_in_repo,
            changed_in_bank,
            changed_shown,
            anything_changed,
            settings_changed,
            config_at_base,
        })
    }

    /// The findings of the bank at the base commit, with the settings it had then (`now`'s
    /// when the settings file is outside the repository: the change cannot have touched it).
    /// With the same settings as now, the file rules run only on the files the change touched
    /// ([`gate::lint_before`]). The files the change left as they are (neither changed nor
    /// reached through a link to a changed file) are taken from `reusable`, the bank now,
    /// where they loaded without a diagnostic, instead of being read from git and parsed again.
    fn findings_before(
        &self,
        bank: &Path,
        reusable: Option<&qbank_core::Reusable>,
        now: &qbank_lint::Settings,
        with_args: &(dyn Fn(qbank_lint::Settings) -> qbank_lint::Settings + Sync),
    ) -> Result<gate::Before, Failure> {
        let fail = |e: GitError| Failure(format!("--changed-since: {e}"));
        let settings = match &self.config_at_base {
            BaseConfig::File(path) => match self
                .repo
                .file_at_following(&self.base, path)
                .map_err(fail)?
            {
                Some(bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    let shown = format!("{path} (at {})", short(&self.base));
                    match parse_config(&text, &shown) {
                        Ok(c) => c.settings,
                        // Settings that did not parse then: compare with the defaults.
                        Err(_) => qbank_lint::Settings::default(),
                    }
                }
                None => qbank_lint::Settings::default(),
            },
            BaseConfig::Defaults => qbank_lint::Settings::default(),
            BaseConfig::Now => now.clone(),
        };
        let unchanged =
            |p: &str| !self.changed_in_bank.contains(p) && reusable.is_some_and(|r| r.has(p));
        let (files, same) = self
            .repo
            .files_at_but(&self.base, &self.bank_in_repo, &unchanged)
            .map_err(fail)?;
        let topics = |p: &String| p == qbank_core::load::TOPICS_FILE;
        let touched = (!self.settings_changed).then(|| {
            let files = files
                .iter()
                .filter(|f| topics(&f.path) || self.changed_in_bank.contains(&f.path))
                .cloned()
                .collect();
            let same = same.iter().filter(|p| topics(p)).cloned().collect();
            qbank_core::load_bank_at(bank, files, same, reusable)
        });
        match qbank_core::load_bank_at(bank, files, same, reusable) {
            Ok((whole, load)) => Ok(gate::lint_before(
                &whole,
                load,
                touched.and_then(Result::ok).as_ref().map(|(b, _)| b),
                &with_args(settings),
                &self.changed_shown,
            )),
            // No bank there before the change: everything is new.
            Err(_) => Ok(gate::Before::default()),
        }
    }
}

/// The bank's files (paths inside the bank) that the loader reaches through a link, whose
/// file linked to is among `changed` (paths in the repository): a change to that file is a
/// change to them.
fn changed_through_links(repo: &Repo, bank: &Path, changed: &[String]) -> Vec<String> {
    let changed: HashSet<&str> = changed.iter().map(String::as_str).collect();
    // Files reached without a link are named by git as the bank names them.
    let Ok(linked) = qbank_core::load::linked_files(bank) else {
        return Vec::new();
    };
    linked
        .into_iter()
        .filter(|(path, _)| {
            std::fs::canonicalize(path).is_ok_and(|real| {
                repo.relative(&real)
                    .is_some_and(|target| changed.contains(target.as_str()))
            })
        })
        .map(|(_, relative)| relative)
        .collect()
}

/// The findings' files as paths from the top of the repository, where GitHub's annotations
/// and a SARIF viewer look for them, when qbank runs in a folder below it (a job's
/// `working-directory`, or a bank found from inside it): from the top they are already so.
fn from_the_top(diagnostics: &mut [qbank_core::Diagnostic]) {
    let Ok(cwd) = std::env::current_dir() else {
        return;
    };
    let Ok(Some(repo)) = Repo::discover(&cwd) else {
        return;
    };
    let Ok(cwd) = std::fs::canonicalize(&cwd) else {
        return;
    };
    if cwd == repo.root() {
        return;
    }
    let mut shown: std::collections::HashMap<std::sync::Arc<str>, std::sync::Arc<str>> =
        std::collections::HashMap::new();
    let mut top = |file: &mut std::sync::Arc<str>| {
        let new = shown.entry(file.clone()).or_insert_with(|| {
            let path = cwd.join(file.as_ref());
            match path.strip_prefix(repo.root()) {
                // `..` segments, if any, are undone by the canonical form of the folder.
                Ok(_) => repo
                    .relative(&path)
                    .map_or_else(|| file.clone(), std::sync::Arc::from),
                Err(_) => file.clone(),
            }
        });
        *file = new.clone();
    };
    for d in diagnostics {
        top(&mut d.primary.file);
        for label in &mut d.secondary {
            top(&mut label.file);
        }
    }
}

/// `path` inside the repository as it was found: its folder resolved, the file itself not (a
/// settings file that is a link is named by the link, as the base's tree names it).
fn relative_as_found(repo: &Repo, path: &Path) -> Option<String> {
    let folder = repo.relative(path.parent()?)?;
    let name = path.file_name()?.to_string_lossy();
    Some(if folder.is_empty() {
        name.into_owned()
    } else {
        format!("{folder}/{name}")
    })
}

/// The settings file that applied to the bank at `bank_in_repo` at `commit`, as
/// [`config::find`] looks for it: the first qbank.toml from the bank folder up to the top of
/// the repository, as a path inside the repository.
fn config_at(repo: &Repo, commit: &str, bank_in_repo: &str) -> Result<Option<String>, GitError> {
    let mut dir = bank_in_repo.trim_matches('/');
    loop {
        let candidate = if dir.is_empty() {
            CONFIG_FILE.to_owned()
        } else {
            format!("{dir}/{CONFIG_FILE}")
        };
        if repo.file_at(commit, &candidate)?.is_some() {
            return Ok(Some(candidate));
        }
        if dir.is_empty() {
            return Ok(None);
        }
        dir = dir.rfind('/').map_or("", |i| &dir[..i]);
    }
}

fn short(commit: &str) -> &str {
    commit.get(..12).unwrap_or(commit)
}
