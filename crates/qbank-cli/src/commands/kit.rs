//! `qbank kit list|show|build`: interview kits drawn from a bank.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use qbank_core::listing::{KitList, ListedKit};
use qbank_core::{Bank, Edition, Kit, Layout, Selection};
use qbank_doc::KitOptions;
use qbank_export::formats::{Options, Writer};
use qbank_export::pdf::Paper;
use serde::Serialize;
use serde_json::json;

use crate::args::{
    DrawArgs, EditionArg, KitArgs, KitBuildArgs, KitCommand, KitFormat, KitListArgs, KitShowArgs,
    LayoutArg, PaperArg,
};
use crate::{warn, Failure, Outcome};

pub fn run(args: KitArgs) -> Result<Outcome, Failure> {
    match args.command {
        KitCommand::List(a) => list(a),
        KitCommand::Show(a) => show(a),
        KitCommand::Build(a) => build(a),
    }
}

/// A loaded bank without the questions lint rejects, and what was left out of it.
pub(crate) struct Loaded {
    pub(crate) bank: Bank,
    /// Questions with an error-level finding: never drawn.
    rejected: Vec<qbank_lint::Rejected>,
    /// Files that did not load at all.
    unloaded: Vec<String>,
    /// The first error of each of them, by the file's path.
    unloaded_errors: Vec<qbank_core::Diagnostic>,
    /// The settings read for the bank, and the file they came from: where the model is.
    config: qbank_lint::config::Config,
    config_path: Option<PathBuf>,
    bank_dir: PathBuf,
}

impl Loaded {
    /// The whole bank, the rejected questions put back.
    pub(crate) fn into_whole(self) -> Bank {
        let mut bank = self.bank;
        qbank_lint::put_back(&mut bank, self.rejected);
        bank
    }

    /// The pairs of questions that may not share a kit or a loop, on top of the bank's
    /// `similar_to` pairs and siblings: the related questions of
    /// [`qbank_text::pairs::related_pairs`] among the questions some kit may draw, read with
    /// sentence vectors when a model is set up (the looser "related" level; only those
    /// questions are embedded), by their words otherwise (the near-duplicate level).
    /// None with `--allow-near-duplicates`, or where no kit may draw any question.
    pub(crate) fn kept_apart(&self, draw: Option<&DrawArgs>) -> Vec<(&str, &str)> {
        if draw.is_some_and(|d| d.allow_near_duplicates) {
            return Vec::new();
        }
        // The search reads only the questions some kit may draw; where no kit may draw any,
        // no pair is read.
        let active = self.bank.active_texts();
        let drawable = qbank_text::pairs::drawable(&self.bank);
        if drawable.is_empty() {
            return Vec::new();
        }
        let texts: Vec<&str> = drawable.iter().map(|&i| active[i]).collect();
        let embeddings =
            crate::meaning::Setup::new(&self.config, self.config_path.as_deref(), &self.bank_dir)
                .embeddings(&texts);
        let pairs = qbank_text::pairs::related_among(&self.bank, embeddings, &drawable);
        qbank_text::pairs::pair_ids(&self.bank, &pairs)
    }

    /// Tells the user, once, what was left out and why. Called once the command knows it
    /// will go on, so that an error stays the only line printed.
    pub(crate) fn warn_left_out(&self) {
        let mut parts = Vec::new();
        if !self.rejected.is_empty() {
            let shown: Vec<String> = self
                .rejected
                .iter()
                .take(5)
                .map(|r| format!("{} ({})", r.question.id, r.finding.rule))
                .collect();
            let more = if self.rejected.len() > shown.len() {
                format!(", and {} more", self.rejected.len() - shown.len())
            } else {
                String::new()
            };
            parts.push(format!(
                "{} left out because lint reports errors on {}: {}{more}",
                plural(self.rejected.len(), "question"),
                if self.rejected.len() == 1 {
                    "it"
                } else {
                    "them"
                },
                shown.join(", ")
            ));
        }
        if !self.unloaded.is_empty() {
            parts.push(format!(
                "{} left out because {} not load: {}",
                plural(self.unloaded.len(), "file"),
                if self.unloaded.len() == 1 {
                    "it does"
                } else {
                    "they do"
                },
                self.unloaded.join(", ")
            ));
        }
        if !parts.is_empty() {
            warn(&format!(
                "{}; run `qbank lint {}` for details",
                parts.join("; "),
                self.bank.root.display()
            ));
        }
    }
}

pub(crate) fn load(bank_dir: &Path) -> Result<Loaded, Failure> {
    let config = crate::config::load(None, bank_dir)?;
    let config_path = crate::config::path(None, bank_dir);
    let (mut bank, diagnostics) = qbank_core::load_bank(bank_dir)?;
    let unloaded = unloaded_files(&bank);
    let mut unloaded_errors: Vec<qbank_core::Diagnostic> = Vec::new();
    for d in diagnostics
        .iter()
        .filter(|d| d.severity == qbank_core::Severity::Error)
    {
        let file = d.primary.file.as_ref();
        if unloaded.iter().any(|u| u == file)
            && !unloaded_errors
                .iter()
                .any(|e| e.primary.file.as_ref() == file)
        {
            unloaded_errors.push(d.clone());
        }
    }
    let rejected = qbank_lint::keep_lawful(&mut bank, diagnostics, &config.settings);
    Ok(Loaded {
        bank,
        rejected,
        unloaded,
        unloaded_errors,
        config,
        config_path,
        bank_dir: bank_dir.to_path_buf(),
    })
}

/// The bank files that did not load.
fn unloaded_files(bank: &Bank) -> Vec<String> {
    bank.unloaded_files()
        .into_iter()
        .map(|f| f.path.to_string())
        .collect()
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// The kit called `id`, or an error that says what exists.
pub(crate) fn find_kit<'b>(bank: &'b Bank, id: &str) -> Result<&'b Kit, Failure> {
    if let Some(kit) = bank.kit(id) {
        return Ok(kit);
    }
    let kits_dir = bank.root.join(qbank_core::load::KITS_DIR);
    let broken = bank
        .files
        .iter()
        .find(|f| f.kind == qbank_core::FileKind::Kit && f.stem() == id);
    if let Some(file) = broken {
        return Err(Failure(format!(
            "kit \"{id}\" ({}) has errors; run `qbank lint {}` to see them",
            file.path,
            bank.root.display()
        )));
    }
    let ids: Vec<String> = bank.kits.iter().map(|k| k.id.clone()).collect();
    let hint = match qbank_core::closest(id, &ids) {
        Some(best) => format!("; did you mean \"{best}\"?"),
        None if ids.is_empty() => format!("; {} holds no kits", kits_dir.display()),
        None => format!("; kits: {}", ids.join(", ")),
    };
    Err(Failure(format!(
        "no kit \"{id}\" in {}{hint}",
        kits_dir.display()
    )))
}

/// The kit's selection; `None` when the kit fixes a question lint rejects (said on
/// standard error: the run ends with exit code 1).
pub(crate) fn select(
    loaded: &Loaded,
    kit: &Kit,
    draw: &DrawArgs,
) -> Result<Option<Selection>, Failure> {
    let bank = &loaded.bank;
    let pairs = loaded.kept_apart(Some(draw));
    let result = qbank_core::select(bank, kit, &pairs);
    if let Err(qbank_core::SelectError::UnknownQuestion { id, .. }) = &result {
        // A question lint rejects, or a question file that does not load at all.
        let finding = loaded
            .rejected
            .iter()
            .find(|r| &r.question.id == id)
            .map(|r| &r.finding)
            .or_else(|| {
                let file = bank
                    .files
                    .iter()
                    .find(|f| f.kind == qbank_core::FileKind::Question && f.stem() == id)?;
                loaded
                    .unloaded_errors
                    .iter()
                    .find(|d| d.primary.file == file.path)
            });
        if let Some(d) = finding {
            let _ = writeln!(
                io::stderr().lock(),
                "qbank: error: kit \"{}\" fixes question \"{id}\", which lint rejects: \
                 error[{}] {}:{}:{}: {}\n  help: fix the question, or take it out of the kit; \
                 nothing was written",
                kit.id,
                d.rule,
                d.primary.file,
                d.primary.span.start.line,
                d.primary.span.start.column,
                d.message
            );
            return Ok(None);
        }
    }
    let selection = result.map_err(|e| {
        // A fixed question whose file failed to load is "not in the bank" to the selection;
        // the user needs to hear that the file is there but broken.
        if let qbank_core::SelectError::UnknownQuestion { id, .. } = &e {
            if let Some(file) = bank
                .files
                .iter()
                .find(|f| f.kind == qbank_core::FileKind::Question && f.stem() == id)
            {
                return Failure(format!(
                    "kit \"{}\" fixes question \"{id}\", but {} has errors; run `qbank lint {}` to see them",
                    kit.id,
                    file.path,
                    bank.root.display()
                ));
            }
        }
        Failure(e.message(&kit.id))
    })?;
    for w in &selection.warnings {
        warn(&format!("kit \"{}\": {w}", kit.id));
    }
    Ok(Some(selection))
}

/// The bank's revision: its git commit, with a content hash added when its files differ
/// from the commit; a content hash alone outside git.
pub(crate) struct Revision {
    pub(crate) git: Option<String>,
    pub(crate) shown: String,
}

pub(crate) fn revision(bank: &Bank) -> Revision {
    let repo = qbank_core::git::Repo::discover(&bank.root).ok().flatten();
    let Some((repo, commit)) = repo.and_then(|r| r.short_head().map(|c| (r, c))) else {
        return Revision {
            git: None,
            shown: qbank_core::content_revision(bank),
        };
    };
    let shown = if repo.is_dirty(&bank.root) {
        format!("{commit}+{}", qbank_core::content_revision(bank))
    } else {
        commit.clone()
    };
    Revision {
        git: Some(commit),
        shown,
    }
}

/// The kit named on the command line; without one, an error that lists the bank's kits.
fn named_kit<'b>(bank: &'b Bank, id: Option<&str>, command: &str) -> Result<&'b Kit, Failure> {
    if let Some(id) = id {
        return find_kit(bank, id);
    }
    let kits_dir = bank.root.join(qbank_core::load::KITS_DIR);
    if bank.kits.is_empty() {
        return Err(Failure(format!(
            "name a kit: `qbank kit {command} <KIT>`; {} holds no kits yet",
            kits_dir.display()
        )));
    }
    let width = bank.kits.iter().map(|k| k.id.len()).max().unwrap_or(0);
    let mut message = format!(
        "name a kit: `qbank kit {command} <KIT>`; the kits in {}:",
        kits_dir.display()
    );
    for k in &bank.kits {
        message.push_str(&format!("\n  {:width$}  {} ({})", k.id, k.title, k.level));
    }
    Err(Failure(message))
}

fn list(args: KitListArgs) -> Result<Outcome, Failure> {
    let loaded = load(&args.bank.path())?;
    loaded.warn_left_out();
    let pairs = loaded.kept_apart(None);
    let bank = &loaded.bank;
    let rows: Vec<(&Kit, Result<Selection, String>)> = bank
        .kits
        .iter()
        .map(|k| {
            (
                k,
                qbank_core::select(bank, k, &pairs).map_err(|e| e.to_string()),
            )
        })
        .collect();
    let list = KitList {
        kits: rows.iter().map(|(k, r)| ListedKit::new(k, r)).collect(),
    };
    let lines: Vec<(&str, String)> = rows
        .iter()
        .map(|(k, r)| {
            let duration = k
                .duration_minutes
                .map(|d| format!(", {d} min"))
                .unwrap_or_default();
            let state = match r {
                Ok(s) => plural(s.len(), "question"),
                Err(e) => format!("cannot be drawn: {e}"),
            };
            (
                k.id.as_str(),
                format!("{} ({}{duration}): {state}", k.title, k.level),
            )
        })
        .collect();
    print_list(
        args.format,
        &list,
        &lines,
        &format!(
            "no kits in {}",
            bank.root.join(qbank_core::load::KITS_DIR).display()
        ),
        rows.iter().all(|(_, r)| r.is_ok()),
    )
}

/// Prints `kit list` or `loop list`: `listing` as JSON, or a line for each kit or loop (its id,
/// padded to the longest, then what `lines` gives for it), or `none` when there are none.
/// Findings unless every one of them can be drawn.
pub(crate) fn print_list(
    format: KitFormat,
    listing: &impl Serialize,
    lines: &[(&str, String)],
    none: &str,
    all_drawn: bool,
) -> Result<Outcome, Failure> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match format {
        KitFormat::Json => {
            serde_json::to_writer_pretty(&mut out, listing)?;
            writeln!(out)?;
        }
        KitFormat::Human => {
            if lines.is_empty() {
                writeln!(out, "{none}")?;
            }
            let width = lines.iter().map(|(id, _)| id.len()).max().unwrap_or(0);
            for (id, line) in lines {
                writeln!(out, "{id:width$}  {line}")?;
            }
        }
    }
    out.flush()?;
    Ok(if all_drawn {
        Outcome::Clean
    } else {
        Outcome::Findings
    })
}

fn show(args: KitShowArgs) -> Result<Outcome, Failure> {
    let loaded = load(&args.bank.bank)?;
    let bank = &loaded.bank;
    let kit = named_kit(bank, args.kit.as_deref(), "show")?;
    let Some(selection) = select(&loaded, kit, &args.draw)? else {
        return Ok(Outcome::Findings);
    };
    loaded.warn_left_out();
    let rev = revision(bank);
    let fingerprint = qbank_core::fingerprint(&kit.id, selection.seed, &rev.shown);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    match args.format {
        KitFormat::Json => {
            let mut questions = Vec::new();
            let mut sections = Vec::new();
            for s in &selection.sections {
                let ids: Vec<&str> = s
                    .questions
                    .iter()
                    .map(|&i| bank.questions[i].id.as_str())
                    .collect();
                sections.push(json!({
                    "title": s.title,
                    "minutes": s.minutes,
                    "budget_minutes": s.budget,
                    "questions": ids,
                }));
                for &i in &s.questions {
                    let q = &bank.questions[i];
                    questions.push(json!({
                        "id": q.id,
                        "text": q.text,
                        "topic": q.topic,
                        "minutes": q.minutes_or_default(),
                        "levels": q.levels.iter().map(|l| l.as_str()).collect::<Vec<_>>(),
                        "kind": q.kind.as_str(),
                        "section": s.title,
                        "file": &*bank.question_file(q).path,
                    }));
                }
            }
            let doc = json!({
                "kit": kit.id,
                "title": kit.title,
                "role": kit.role,
                "level": kit.level.as_str(),
                "seed": selection.seed,
                "revision": rev.shown,
                "git_revision": rev.git,
                "fingerprint": fingerprint,
                "duration_minutes": kit.duration_minutes,
                "total_minutes": selection.total_minutes,
                "sections": sections,
                "questions": questions,
            });
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
        KitFormat::Human => {
            writeln!(out, "{} ({})", kit.title, kit.id)?;
            let duration = kit
                .duration_minutes
                .map(|d| format!("{} of {d} minutes", selection.total_minutes))
                .unwrap_or_else(|| format!("{} minutes", selection.total_minutes));
            writeln!(
                out,
                "level {}, {}, {duration}; seed {}, bank {}, fingerprint {fingerprint}",
                kit.level,
                plural(selection.len(), "question"),
                selection.seed,
                rev.shown
            )?;
            let mut n = 0;
            for s in &selection.sections {
                writeln!(out)?;
                let budget = s.budget.map(|b| format!(" of {b}")).unwrap_or_default();
                writeln!(out, "{} ({}{budget} min)", s.title, s.minutes)?;
                for &i in &s.questions {
                    n += 1;
                    let q = &bank.questions[i];
                    writeln!(
                        out,
                        "{n:>3}. {} ({}, {} min)",
                        q.id,
                        q.topic,
                        q.minutes_or_default()
                    )?;
                    writeln!(out, "     {}", q.text)?;
                }
            }
        }
    }
    out.flush()?;
    Ok(Outcome::Clean)
}

fn build(args: KitBuildArgs) -> Result<Outcome, Failure> {
    let date = match &args.date {
        Some(d) => Some(check_date(d)?),
        None => source_date_epoch()?,
    };
    let format = qbank_export::formats::format(args.format.id())
        .ok_or_else(|| Failure(format!("no format \"{}\"", args.format.id())))?;
    let Writer::Document(write) = format.write else {
        return Err(Failure(format!(
            "{} is not written from a kit",
            format.name
        )));
    };
    if let Some(out) = args.out.as_deref().filter(|o| !crate::files::is_stdout(o)) {
        crate::files::check_extension(out, format.name).map_err(Failure)?;
    }
    let loaded = load(&args.bank.bank)?;
    let bank = &loaded.bank;
    let kit = named_kit(bank, args.kit.as_deref(), "build")?;
    let Some(selection) = select(&loaded, kit, &args.draw)? else {
        return Ok(Outcome::Findings);
    };
    loaded.warn_left_out();
    let edition = match args.edition {
        Some(EditionArg::Interviewer) => Edition::Interviewer,
        Some(EditionArg::Candidate) => Edition::Candidate,
        None => kit.edition,
    };
    let ext = format.extensions[0];
    let out = args.out.clone().unwrap_or_else(|| {
        PathBuf::from(match edition {
            Edition::Interviewer => format!("{}.{ext}", kit.id),
            Edition::Candidate => format!("{}-candidate.{ext}", kit.id),
        })
    });
    let rev = revision(bank);
    let options = KitOptions {
        candidate: args.candidate.clone(),
        interviewer: args.interviewer.clone(),
        date,
        edition,
        revision: rev.shown,
        layout: layout(args.layout, kit),
        interview: None,
    };
    let document = qbank_doc::build_document(bank, kit, &selection, &options);
    let paper = match args.paper {
        PaperArg::A4 => Paper::A4,
        PaperArg::Letter => Paper::Letter,
    };
    let exported = write(
        &document,
        &Options {
            paper,
            ..Options::default()
        },
    )?;
    for w in &exported.warnings {
        warn(&w.to_string());
    }
    let shown = if crate::files::is_stdout(&out) {
        crate::files::emit(None, &exported.bytes).map_err(Failure)?;
        "standard output".to_owned()
    } else {
        write_atomically(&out, &exported.bytes)
            .map_err(|e| Failure(format!("cannot write {}: {e}", out.display())))?;
        out.display().to_string()
    };
    let _ = writeln!(
        io::stderr().lock(),
        "wrote {shown} ({} edition, {}, {} KB)",
        edition.as_str(),
        plural(selection.len(), "question"),
        exported.bytes.len().div_ceil(1024)
    );
    Ok(Outcome::Clean)
}

/// The layout asked for, else the kit's own.
pub(crate) fn layout(arg: Option<LayoutArg>, kit: &Kit) -> Layout {
    match arg {
        Some(LayoutArg::Standard) => Layout::Standard,
        Some(LayoutArg::Compact) => Layout::Compact,
        None => kit.layout,
    }
}

/// Writes `bytes` to a temporary file beside `path` and renames it into place, so that an
/// interrupted run never leaves a half-written file under the final name.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if path.is_dir() {
        return Err(io::Error::other("it is a folder"));
    }
    if path.file_name().is_none() {
        return Err(io::Error::other("the path has no file name"));
    }
    crate::files::write_atomic(path, bytes)
}

/// A `YYYY-MM-DD` date, checked.
pub(crate) fn check_date(d: &str) -> Result<String, Failure> {
    match crate::dates::parse_date(d) {
        Some(_) => Ok(d.to_owned()),
        None => Err(Failure(format!(
            "invalid --date \"{d}\": write it as YYYY-MM-DD"
        ))),
    }
}

/// The date of `SOURCE_DATE_EPOCH` (reproducible builds), when it is set.
pub(crate) fn source_date_epoch() -> Result<Option<String>, Failure> {
    let Ok(value) = std::env::var("SOURCE_DATE_EPOCH") else {
        return Ok(None);
    };
    let secs: i64 = value.trim().parse().map_err(|_| {
        Failure(format!(
            "SOURCE_DATE_EPOCH is \"{value}\"; it must be a number of seconds since 1970"
        ))
    })?;
    Ok(Some(crate::dates::format_date(secs.div_euclid(86_400))))
}

#[cfg(test)]
mod tests {
    #[test]
    fn civil_dates() {
        assert_eq!(crate::dates::format_date(0), "1970-01-01");
        assert_eq!(crate::dates::format_date(11_016), "2000-02-29");
        assert_eq!(crate::dates::format_date(20_513), "2026-03-01");
    }

    #[test]
    fn dates_are_checked() {
        assert!(super::check_date("2026-03-01").is_ok());
        for bad in [
            "2026-3-1",
            "01-03-2026",
            "2026-13-01",
            "tomorrow",
            "2026-03-01x",
        ] {
            assert!(super::check_date(bad).is_err(), "{bad}");
        }
    }
}
