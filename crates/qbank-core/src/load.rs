//! Reading a bank folder: find the files, parse them, check them against their schema, and
//! build the typed [`Bank`].
//!
//! Loading never stops at a bad file: every problem becomes a [`Diagnostic`] and the rest of
//! the bank is still read. Only a bank that cannot be read at all (the folder does not exist,
//! there is no `topics.yaml`) is a [`LoadError`].

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io::Read;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use qbank_schema::FileKind;
use serde_json::Value;

use crate::diag::{Diagnostic, Label, Position, Span, Text};
use crate::hash::{FastMap, FastSet};
use crate::model::{CompetenciesFile, Competency, FileId, Kit, Loop, Question, Topic, TopicsFile};
use crate::yaml::{self, LineIndex, Located, YamlWarning};

/// Files larger than this are not read: no question, topic or kit file comes near it.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;
/// How deep folders may nest below the bank.
pub const MAX_FOLDER_DEPTH: usize = 32;

/// The name of the topics file at the bank's root.
pub const TOPICS_FILE: &str = "topics.yaml";
/// The name of the competencies file at the bank's root (optional).
pub const COMPETENCIES_FILE: &str = "competencies.yaml";
/// The folder of kit definitions at the bank's root.
pub const KITS_DIR: &str = "kits";
/// The folder of loop definitions at the bank's root.
pub const LOOPS_DIR: &str = "loops";

/// A file of the bank, as read.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as shown to the user: the bank folder as given, joined with the path inside it,
    /// `/`-separated.
    pub path: Arc<str>,
    /// The path inside the bank, `/`-separated.
    pub relative: String,
    pub kind: FileKind,
    /// The text; empty when the file could not be read as text.
    pub text: String,
    lines: OnceLock<LineIndex>,
    /// Whether the text parsed and no mapping in it repeats a key: a place is then read from
    /// the text up to the end of its node ([`yaml::locate`]).
    unique_keys: bool,
    /// The places looked up so far, by JSON pointer: a place is read from the text when a
    /// finding first needs it, and no map of the file's nodes is kept, so that a bank with
    /// findings on every file does not keep a map of every file.
    located: Mutex<Vec<(Box<str>, Option<Located>)>>,
}

impl SourceFile {
    pub(crate) fn new(path: String, relative: String, kind: FileKind, text: String) -> SourceFile {
        SourceFile {
            path: path.into(),
            relative,
            kind,
            text,
            lines: OnceLock::new(),
            unique_keys: false,
            located: Mutex::new(Vec::new()),
        }
    }

    /// A data file that is not part of a bank (a built-in vocabulary, a list of phrasings),
    /// shown as `path`: for diagnostics at its `file:line:col`.
    pub fn data(path: &str, text: &str) -> SourceFile {
        SourceFile::new(
            path.to_owned(),
            path.to_owned(),
            FileKind::Topics,
            text.to_owned(),
        )
    }

    /// Keeps the entries of the list at `pointer` of this data file in which `fault` finds
    /// nothing; each fault (a message, and the bytes of the entry it is about) is a
    /// `schema-violation` error at its place in `diags`. `fault` sees the entries in order,
    /// so it may remember the ones before. How every built-in data file checks its lists.
    pub fn keep_entries(
        &self,
        pointer: &str,
        list: &mut Vec<String>,
        mut fault: impl FnMut(&str) -> Option<(String, Range<usize>)>,
        diags: &mut Vec<Diagnostic>,
    ) {
        let mut k = 0;
        list.retain(|entry| {
            let found = fault(entry);
            if let Some((message, at)) = &found {
                diags.push(Diagnostic::error(
                    "schema-violation",
                    message.clone(),
                    self.label_in(&format!("{pointer}/{k}"), entry, at.clone()),
                ));
            }
            k += 1;
            found.is_none()
        });
    }

    /// Reads a data file that is not part of a bank (a built-in vocabulary, a list of words),
    /// shown as `path`, into `T`: the value, the file (for the caller's own checks of each
    /// entry, at their `file:line:col`), and an error for YAML that does not parse or a value
    /// that is not a `T` (`what` names it in the message). `T`'s default stands in for what
    /// cannot be read. The one reader of every built-in data file.
    pub fn read_data<T>(path: &str, text: &str, what: &str) -> (T, SourceFile, Vec<Diagnostic>)
    where
        T: serde::de::DeserializeOwned + Default,
    {
        let file = SourceFile::data(path, text);
        let mut diags = Vec::new();
        let value = match yaml::parse(text, false) {
            Ok(parsed) => parsed.value,
            Err(e) => {
                diags.push(Diagnostic::error(
                    "yaml-syntax",
                    e.message,
                    Label::new(path, e.span),
                ));
                None
            }
        };
        let data = match value.map(serde_json::from_value) {
            None => T::default(),
            Some(Ok(data)) => data,
            Some(Err(e)) => {
                diags.push(Diagnostic::error(
                    "schema-violation",
                    format!("cannot read {what}: {e}"),
                    file.start_label(),
                ));
                T::default()
            }
        };
        (data, file, diags)
    }

    /// The revision of this file's text ([`crate::question_revision`]).
    pub fn revision(&self) -> String {
        crate::question_revision(&self.text)
    }

    /// The file stem (the id a question or kit file must have).
    pub fn stem(&self) -> &str {
        let name = self.relative.rsplit('/').next().unwrap_or(&self.relative);
        name.strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
            .unwrap_or(name)
    }

    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// Where the node at `pointer` is, or its nearest ancestor that has a place (see
    /// [`yaml::SourceMap::locate`]). Only files with findings are ever parsed for places.
    pub fn locate(&self, pointer: &str) -> Option<Located> {
        let mut located = self.located.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((_, l)) = located.iter().find(|(p, _)| &**p == pointer) {
            return *l;
        }
        let l = yaml::locate(&self.text, pointer, self.unique_keys);
        // Most files are asked for one place or two: room for one more at a time.
        located.reserve_exact(1);
        located.push((pointer.into(), l));
        l
    }

    /// The place of the value at `pointer`, or the start of the file.
    pub fn span(&self, pointer: &str) -> Span {
        self.locate(pointer)
            .map_or(Span::point(Position::START), |l| l.value)
    }

    /// The place of the key at `pointer` (for a field), or of its value.
    pub fn key_span(&self, pointer: &str) -> Span {
        self.locate(pointer)
            .map_or(Span::point(Position::START), |l| l.key.unwrap_or(l.value))
    }

    /// A label at the value of `pointer`.
    pub fn label(&self, pointer: &str) -> Label {
        Label::new(self.path.clone(), self.span(pointer))
    }

    /// The place of bytes `range` of the string `value` written at `pointer`: the exact words
    /// when the scalar's source can be mapped back (see [`crate::scalar`]), otherwise the whole
    /// value.
    pub fn span_in(&self, pointer: &str, value: &str, range: Range<usize>) -> Span {
        let Some(whole) = self.locate(pointer).map(|l| l.value) else {
            return Span::point(Position::START);
        };
        let raw = self
            .text
            .get(whole.start.offset..whole.end.offset)
            .unwrap_or_default();
        let table = match crate::scalar::value_offsets(raw, value) {
            Some(t) if range.start <= range.end && range.end < t.len() => t,
            _ => return whole,
        };
        let lines = self.lines();
        Span {
            start: lines.position_of_offset(&self.text, whole.start.offset + table[range.start]),
            end: lines.position_of_offset(&self.text, whole.start.offset + table[range.end]),
        }
    }

    /// A label at bytes `range` of the string `value` at `pointer` (see [`SourceFile::span_in`]).
    pub fn label_in(&self, pointer: &str, value: &str, range: Range<usize>) -> Label {
        Label::new(self.path.clone(), self.span_in(pointer, value, range))
    }

    /// A label at the key of `pointer`.
    pub fn key_label(&self, pointer: &str) -> Label {
        Label::new(self.path.clone(), self.key_span(pointer))
    }

    /// A label at the start of the file.
    pub fn start_label(&self) -> Label {
        Label::new(self.path.clone(), Span::point(Position::START))
    }
}

/// A data file built into the binary (a vocabulary, a list of words): read on first use by
/// its `read` function, which returns the value and a diagnostic for every malformed entry
/// (`SourceFile::read_data`, then the file's own checks). Held in a `static`, so each file
/// is read once per run; its diagnostics are read again only when asked for (a test holds
/// every built-in file to none).
pub struct BuiltinData<T> {
    /// Where the file lives in the repository, as diagnostics name it.
    path: &'static str,
    text: &'static str,
    read: fn(&str, &str) -> (T, Vec<Diagnostic>),
    value: OnceLock<T>,
}

impl<T> BuiltinData<T> {
    /// The file at `path` in the repository, whose text is `text` (`include_str!`).
    pub const fn new(
        path: &'static str,
        text: &'static str,
        read: fn(&str, &str) -> (T, Vec<Diagnostic>),
    ) -> BuiltinData<T> {
        BuiltinData {
            path,
            text,
            read,
            value: OnceLock::new(),
        }
    }

    /// What the file holds, its malformed entries left out.
    pub fn get(&self) -> &T {
        self.value
            .get_or_init(|| (self.read)(self.path, self.text).0)
    }

    /// The diagnostics of the file: none in a release.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        (self.read)(self.path, self.text).1
    }
}

/// A loaded bank.
#[derive(Debug, Default)]
pub struct Bank {
    /// The bank folder as given.
    pub root: PathBuf,
    /// Every file read, in path order.
    pub files: Vec<SourceFile>,
    /// The topics, in the order of topics.yaml (empty when it failed its schema).
    pub topics: Vec<Topic>,
    pub topics_file: Option<FileId>,
    /// The competencies, in the order of competencies.yaml (empty when the bank has none, or
    /// when it failed its schema).
    pub competencies: Vec<Competency>,
    /// competencies.yaml, when the bank has one.
    pub competencies_file: Option<FileId>,
    /// The questions that passed their schema, in path order.
    pub questions: Vec<Question>,
    /// The kits that passed their schema, in path order.
    pub kits: Vec<Kit>,
    /// The loops that passed their schema, in path order.
    pub loops: Vec<Loop>,
}

impl Bank {
    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id]
    }

    pub fn topic(&self, id: &str) -> Option<&Topic> {
        self.topics.iter().find(|t| t.id == id)
    }

    pub fn competency(&self, id: &str) -> Option<&Competency> {
        self.competencies.iter().find(|c| c.id == id)
    }

    /// The files that did not load as a question, kit, loop, topics or competencies file (a
    /// syntax or schema error, an unreadable file), in path order.
    pub fn unloaded_files(&self) -> Vec<&SourceFile> {
        let mut loaded = vec![false; self.files.len()];
        let ids = self
            .questions
            .iter()
            .map(|q| q.file)
            .chain(self.kits.iter().map(|k| k.file))
            .chain(self.loops.iter().map(|l| l.file))
            .chain(self.topics_file.filter(|_| !self.topics.is_empty()))
            .chain(self.competencies_file);
        for id in ids {
            if let Some(l) = loaded.get_mut(id) {
                *l = true;
            }
        }
        self.files
            .iter()
            .zip(&loaded)
            .filter(|(_, &ok)| !ok)
            .map(|(f, _)| f)
            .collect()
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    pub fn kit(&self, id: &str) -> Option<&Kit> {
        self.kits.iter().find(|k| k.id == id)
    }

    /// The loop called `id` (`loops/<id>.yaml`).
    pub fn interview_loop(&self, id: &str) -> Option<&Loop> {
        self.loops.iter().find(|l| l.id == id)
    }

    /// The file of a question.
    /// The active questions, in path order: the ones compared for near-duplicates and drawn.
    pub fn active(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|q| q.is_active())
    }

    /// The texts of [`active`](Self::active), in the same order: what the near-duplicate
    /// detector and the embedding model read.
    pub fn active_texts(&self) -> Vec<&str> {
        self.active().map(|q| q.text.as_str()).collect()
    }

    pub fn question_file(&self, q: &Question) -> &SourceFile {
        &self.files[q.file]
    }
}

/// Why a bank could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadError {
    /// The bank folder does not exist or is not a folder.
    NotFound(PathBuf),
    /// The bank folder has no topics.yaml.
    NoTopics(PathBuf),
    /// The bank folder could not be listed.
    Io(PathBuf, String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::NotFound(p) => write!(
                f,
                "bank folder {} does not exist (`qbank init` starts a bank)",
                p.display()
            ),
            LoadError::NoTopics(p) => write!(
                f,
                "{} is not a qbank bank: it has no {TOPICS_FILE} (`qbank init` starts a bank)",
                p.display()
            ),
            LoadError::Io(p, e) => write!(f, "cannot read {}: {e}", p.display()),
        }
    }
}

impl std::error::Error for LoadError {}

/// A file found below the bank.
struct Found {
    path: PathBuf,
    relative: String,
    kind: FileKind,
    source: Source,
}

/// Where a found file's text comes from.
enum Source {
    /// The disk, at the found path.
    Disk,
    /// These bytes (a blob of git's objects).
    Bytes(Vec<u8>),
    /// This file of another bank, loaded without a diagnostic from the same bytes: its text
    /// and what it parsed into are taken as they are ([`load_bank_at`]).
    Same(FileId),
}

/// What loading one file gave.
enum Parsed {
    Question(Box<Question>),
    Topics(Vec<Topic>),
    Competencies(Vec<Competency>),
    Kit(Box<Kit>),
    Loop(Box<Loop>),
    Nothing,
}

/// Loads the bank in `root`, reading files on all cores.
pub fn load_bank(root: &Path) -> Result<(Bank, Vec<Diagnostic>), LoadError> {
    load_bank_with_progress(root, &|_, _| {})
}

/// [`load_bank`], calling `progress(done, total)` as files are read (from several threads).
pub fn load_bank_with_progress(
    root: &Path,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<(Bank, Vec<Diagnostic>), LoadError> {
    if !root.is_dir() {
        return Err(LoadError::NotFound(root.to_path_buf()));
    }
    if !root.join(TOPICS_FILE).is_file() {
        return Err(LoadError::NoTopics(root.to_path_buf()));
    }
    let display_root = display_path(root);
    let mut diagnostics = Vec::new();
    let found = find_files(root, &display_root, &mut diagnostics)?;
    Ok(assemble(
        root,
        &display_root,
        found,
        diagnostics,
        None,
        progress,
    ))
}

/// Loads a bank from files held in memory (the bank as it was at a git commit, read with
/// [`crate::git::Repo::files_at`]), as if they were the files below `root`: paths in the
/// diagnostics are the ones [`load_bank`] would give for the same files on disk. Only
/// `.yaml`/`.yml` files outside hidden folders are read, as on disk.
pub fn load_bank_from_files(
    root: &Path,
    files: Vec<crate::git::BlobFile>,
) -> Result<(Bank, Vec<Diagnostic>), LoadError> {
    load_bank_at(root, files, Vec::new(), None)
}

/// The files of a loaded bank that loaded without a diagnostic: another version of the bank
/// whose file at the same path has the same bytes can take such a file as it is, text and
/// question, instead of reading and parsing it again ([`load_bank_at`]).
pub struct Reusable<'b> {
    bank: &'b Bank,
    clean: FastMap<&'b str, FileId>,
}

impl<'b> Reusable<'b> {
    /// The files of `bank` on which loading it reported nothing in `load_diagnostics`.
    pub fn new(bank: &'b Bank, load_diagnostics: &[Diagnostic]) -> Reusable<'b> {
        let reported: FastSet<&str> = load_diagnostics
            .iter()
            .flat_map(|d| std::iter::once(&d.primary).chain(&d.secondary))
            .map(|l| l.file.as_ref())
            .collect();
        let clean = bank
            .files
            .iter()
            .enumerate()
            .filter(|(_, f)| !reported.contains(f.path.as_ref()))
            .map(|(id, f)| (f.relative.as_str(), id))
            .collect();
        Reusable { bank, clean }
    }

    /// Whether the file at `relative` (its path inside the bank) can be taken as it is.
    pub fn has(&self, relative: &str) -> bool {
        self.clean.contains_key(relative)
    }
}

/// [`load_bank_from_files`] with more files: `same` names files (by their path inside the
/// bank) whose bytes are those of the file at the same path in `from`'s bank, and which
/// [`Reusable::has`] accepts (the others are left out). Those are taken from it as they are,
/// not read again. Used for the bank at the base of a change, where most files are what they
/// are now.
pub fn load_bank_at(
    root: &Path,
    files: Vec<crate::git::BlobFile>,
    same: Vec<String>,
    from: Option<&Reusable>,
) -> Result<(Bank, Vec<Diagnostic>), LoadError> {
    let same: Vec<(String, FileId)> = match from {
        Some(from) => same
            .into_iter()
            .filter_map(|p| from.clean.get(p.as_str()).map(|&id| (p, id)))
            .collect(),
        None => Vec::new(),
    };
    if !files.iter().any(|f| f.path == TOPICS_FILE) && !same.iter().any(|(p, _)| p == TOPICS_FILE) {
        return Err(LoadError::NoTopics(root.to_path_buf()));
    }
    let display_root = display_path(root);
    let read = files.into_iter().map(|f| (f.path, Source::Bytes(f.bytes)));
    let taken = same.into_iter().map(|(p, id)| (p, Source::Same(id)));
    let mut found: Vec<Found> = read
        .chain(taken)
        .filter(|(path, _)| is_bank_file(path) && path.split('/').count() <= MAX_FOLDER_DEPTH)
        .map(|(relative, source)| Found {
            kind: kind_of_path(&relative),
            path: root.join(&relative),
            relative,
            source,
        })
        .collect();
    found.sort_by(|a, b| a.relative.cmp(&b.relative));
    Ok(assemble(
        root,
        &display_root,
        found,
        Vec::new(),
        from.map(|f| f.bank),
        &|_, _| {},
    ))
}

/// Reads, parses and checks the files found, on all cores, into a bank.
fn assemble(
    root: &Path,
    display_root: &str,
    found: Vec<Found>,
    mut diagnostics: Vec<Diagnostic>,
    from: Option<&Bank>,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Bank, Vec<Diagnostic>) {
    let total = found.len();
    let done = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<(SourceFile, Parsed, Vec<Diagnostic>)> =
        crate::parallel::map_ordered(&found, 256, |i, f| {
            if i % 256 == 255 {
                let n = done.fetch_add(256, std::sync::atomic::Ordering::Relaxed);
                progress(n + 256, total);
            }
            match (&f.source, from) {
                (Source::Same(id), Some(from)) => taken(from, *id),
                _ => load_file(f, display_root),
            }
        });

    let mut bank = Bank {
        root: root.to_path_buf(),
        files: Vec::with_capacity(results.len()),
        questions: Vec::with_capacity(
            results
                .iter()
                .filter(|(_, p, _)| matches!(p, Parsed::Question(_)))
                .count(),
        ),
        ..Bank::default()
    };
    for (id, (file, parsed, diags)) in results.into_iter().enumerate() {
        diagnostics.extend(diags);
        match parsed {
            Parsed::Question(mut q) => {
                q.file = id;
                bank.questions.push(*q);
            }
            Parsed::Topics(topics) => {
                bank.topics = topics;
                bank.topics_file = Some(id);
            }
            Parsed::Competencies(competencies) => {
                bank.competencies = competencies;
                bank.competencies_file = Some(id);
            }
            Parsed::Kit(mut k) => {
                k.file = id;
                k.id = file.stem().to_owned();
                bank.kits.push(*k);
            }
            Parsed::Loop(mut l) => {
                l.file = id;
                l.id = file.stem().to_owned();
                bank.loops.push(*l);
            }
            Parsed::Nothing => match file.kind {
                FileKind::Topics => bank.topics_file = Some(id),
                FileKind::Competencies => bank.competencies_file = Some(id),
                FileKind::Question | FileKind::Kit | FileKind::Loop => {}
            },
        }
        bank.files.push(file);
    }
    (bank, diagnostics)
}

/// A path as the user wrote it, `/`-separated, without `./` or a trailing `/` (`.` when
/// nothing is left).
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    let s = s.trim_end_matches('/');
    let s = s.strip_prefix("./").unwrap_or(s);
    if s.is_empty() {
        ".".to_owned()
    } else {
        s.to_owned()
    }
}

fn join_display(root: &str, relative: &str) -> String {
    if root == "." {
        relative.to_owned()
    } else {
        format!("{root}/{relative}")
    }
}

/// Lists the bank's YAML files in path order, following links once and reporting loops.
fn find_files(
    root: &Path,
    display_root: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<Found>, LoadError> {
    Ok(walk(root, display_root, diagnostics)?
        .into_iter()
        .map(|(path, relative)| Found {
            kind: kind_of_path(&relative),
            path,
            relative,
            source: Source::Disk,
        })
        .collect())
}

/// Whether the file at `relative` (a `/`-separated path inside a bank) is one the bank is
/// read from: a `.yaml` or `.yml` file with no hidden file or folder (a name starting with
/// `.`) on its way.
pub fn is_bank_file(relative: &str) -> bool {
    (relative.ends_with(".yaml") || relative.ends_with(".yml"))
        && !relative.split('/').any(|part| part.starts_with('.'))
}

/// The bank walker: the YAML files below `dir` ([`is_bank_file`]), each with its path and its
/// `/`-separated path below `dir`, in path order. Links are followed once (a folder reached
/// again is a `symlink-loop` warning), folders nest at most [`MAX_FOLDER_DEPTH`] levels, and a
/// folder below `dir` that cannot be read is an `unreadable-file` diagnostic; `dir` itself
/// that cannot be read is an error. The loader and `qbank fmt` both find files here.
pub fn walk(
    dir: &Path,
    display_dir: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<(PathBuf, String)>, LoadError> {
    Ok(walk_marked(dir, display_dir, diagnostics)?
        .into_iter()
        .map(|(path, relative, _)| (path, relative))
        .collect())
}

/// The files [`walk`] finds that it reached through a symbolic link: the file is one, or a
/// folder on its way from `dir` is. The others are where their path inside `dir` says.
pub fn linked_files(dir: &Path) -> Result<Vec<(PathBuf, String)>, LoadError> {
    let mut ignored = Vec::new();
    Ok(walk_marked(dir, "", &mut ignored)?
        .into_iter()
        .filter(|(_, _, linked)| *linked)
        .map(|(path, relative, _)| (path, relative))
        .collect())
}

/// [`walk`], marking each file reached through a symbolic link.
fn walk_marked(
    dir: &Path,
    display_dir: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Result<Vec<(PathBuf, String, bool)>, LoadError> {
    let (root, display_root) = (dir, display_dir);
    let mut found = Vec::new();
    let mut seen_dirs = HashSet::new();
    let root_canonical = fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    seen_dirs.insert(root_canonical.clone());
    // (folder, its path inside the bank, depth, whether it was reached through a link)
    let mut todo = vec![(root.to_path_buf(), String::new(), 0usize, false)];
    while let Some((dir, rel, depth, linked)) = todo.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if depth == 0 => return Err(LoadError::Io(dir, e.to_string())),
            Err(e) => {
                diagnostics.push(Diagnostic::error(
                    "unreadable-file",
                    format!("cannot read folder: {e}"),
                    Label::new(
                        join_display(display_root, &rel),
                        Span::point(Position::START),
                    ),
                ));
                continue;
            }
        };
        let mut names: Vec<(String, PathBuf, Option<fs::FileType>)> = entries
            .filter_map(Result::ok)
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    e.path(),
                    e.file_type().ok(),
                )
            })
            .filter(|(name, _, _)| !name.starts_with('.'))
            .collect();
        names.sort_by(|a, b| a.0.cmp(&b.0));
        let mut subdirs = Vec::new();
        for (name, path, file_type) in names {
            let relative = if rel.is_empty() {
                name.clone()
            } else {
                format!("{rel}/{name}")
            };
            let is_yaml = name.ends_with(".yaml") || name.ends_with(".yml");
            // The directory entry already says what it is; only links need a second look.
            let is_link = file_type.is_none_or(|t| t.is_symlink());
            if !is_link && file_type.is_some_and(|t| t.is_file()) {
                if is_yaml {
                    found.push((path, relative, linked));
                }
                continue;
            }
            let meta = match fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    let message = if is_link {
                        format!("cannot follow symbolic link: {e}")
                    } else {
                        format!("cannot read: {e}")
                    };
                    diagnostics.push(Diagnostic::warning(
                        if is_link {
                            "symlink-loop"
                        } else {
                            "unreadable-file"
                        },
                        message,
                        Label::new(
                            join_display(display_root, &relative),
                            Span::point(Position::START),
                        ),
                    ));
                    continue;
                }
            };
            if meta.is_dir() {
                let canonical = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                if !seen_dirs.insert(canonical.clone()) {
                    diagnostics.push(
                        Diagnostic::warning(
                            "symlink-loop",
                            "folder was already read through another path; not reading it again",
                            Label::new(
                                join_display(display_root, &relative),
                                Span::point(Position::START),
                            ),
                        )
                        .with_help(format!(
                            "it leads to {}; remove the link or point it elsewhere",
                            shown_target(&root_canonical, &canonical, display_root)
                        )),
                    );
                    continue;
                }
                if depth + 1 >= MAX_FOLDER_DEPTH {
                    diagnostics.push(Diagnostic::warning(
                        "unreadable-file",
                        format!("folders nest deeper than {MAX_FOLDER_DEPTH} levels; not reading further"),
                        Label::new(join_display(display_root, &relative), Span::point(Position::START)),
                    ));
                    continue;
                }
                subdirs.push((path, relative, depth + 1, linked || is_link));
            } else if is_yaml && meta.is_file() {
                found.push((path, relative, linked || is_link));
            } else if is_yaml {
                // A pipe, a socket or a device: reading it could wait forever or never end.
                diagnostics.push(
                    Diagnostic::error(
                        "unreadable-file",
                        "not an ordinary file (a pipe, a socket or a device); not reading it",
                        Label::new(
                            join_display(display_root, &relative),
                            Span::point(Position::START),
                        ),
                    )
                    .with_help("replace it with a file, or remove it from the bank"),
                );
            }
        }
        // Reverse so that popping visits folders in name order.
        todo.extend(subdirs.into_iter().rev());
    }
    found.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(found)
}

/// A folder as the user sees it: inside the bank, relative to its folder; elsewhere, absolute.
fn shown_target(root: &Path, target: &Path, display_root: &str) -> String {
    match target.strip_prefix(root) {
        Ok(rel) if rel.as_os_str().is_empty() => display_root.to_owned(),
        Ok(rel) => join_display(display_root, &rel.to_string_lossy().replace('\\', "/")),
        Err(_) => target.display().to_string(),
    }
}

/// What the bank file at `relative` (a `/`-separated path inside the bank) holds: `topics.yaml`
/// and `competencies.yaml` at the root, kits in `kits/`, loops in `loops/`, questions everywhere
/// else.
pub fn kind_of_path(relative: &str) -> FileKind {
    let folder = relative.rsplit_once('/').map_or("", |(d, _)| d);
    kind_of(folder, relative)
}

fn kind_of(folder: &str, relative: &str) -> FileKind {
    if relative == TOPICS_FILE {
        FileKind::Topics
    } else if relative == COMPETENCIES_FILE {
        FileKind::Competencies
    } else if folder == KITS_DIR {
        FileKind::Kit
    } else if folder == LOOPS_DIR {
        FileKind::Loop
    } else {
        FileKind::Question
    }
}

fn load_file(found: &Found, display_root: &str) -> (SourceFile, Parsed, Vec<Diagnostic>) {
    let path = join_display(display_root, &found.relative);
    let mut diags = Vec::new();
    let text = match &found.source {
        Source::Bytes(bytes) => decode_text(bytes.clone(), None, &path, &mut diags),
        Source::Disk | Source::Same(_) => read_text(&found.path, &path, &mut diags),
    };
    let file = SourceFile::new(
        path,
        found.relative.clone(),
        found.kind,
        text.unwrap_or_default(),
    );
    if !diags.is_empty() {
        return (file, Parsed::Nothing, diags);
    }
    let mut file = file;
    let (parsed, unique_keys) = check_file(&file, &mut diags);
    file.unique_keys = unique_keys;
    (file, parsed, diags)
}

/// File `id` of `from`, and what it parsed into, as [`load_file`] gave them: a copy for
/// another bank, which gives it its own id.
fn taken(from: &Bank, id: FileId) -> (SourceFile, Parsed, Vec<Diagnostic>) {
    let file = &from.files[id];
    let copy = SourceFile {
        path: file.path.clone(),
        relative: file.relative.clone(),
        kind: file.kind,
        text: file.text.clone(),
        lines: file.lines.clone(),
        unique_keys: file.unique_keys,
        located: Mutex::new(Vec::new()),
    };
    // Each list is in file order.
    let parsed = match file.kind {
        FileKind::Question => from
            .questions
            .binary_search_by_key(&id, |q| q.file)
            .map_or(Parsed::Nothing, |i| {
                Parsed::Question(Box::new(from.questions[i].clone()))
            }),
        FileKind::Kit => from
            .kits
            .binary_search_by_key(&id, |k| k.file)
            .map_or(Parsed::Nothing, |i| {
                Parsed::Kit(Box::new(from.kits[i].clone()))
            }),
        FileKind::Loop => from
            .loops
            .binary_search_by_key(&id, |l| l.file)
            .map_or(Parsed::Nothing, |i| {
                Parsed::Loop(Box::new(from.loops[i].clone()))
            }),
        FileKind::Topics if from.topics_file == Some(id) => Parsed::Topics(from.topics.clone()),
        FileKind::Competencies if from.competencies_file == Some(id) => {
            Parsed::Competencies(from.competencies.clone())
        }
        FileKind::Topics | FileKind::Competencies => Parsed::Nothing,
    };
    (copy, parsed, Vec::new())
}

/// Reads a file as UTF-8 text, reporting why it cannot be.
fn read_text(path: &Path, shown: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let at_start = || Label::new(shown, Span::point(Position::START));
    let cannot_read = |e: std::io::Error| {
        Diagnostic::error(
            "unreadable-file",
            format!("cannot read file: {e}"),
            at_start(),
        )
    };
    let mut handle = match fs::File::open(path) {
        Ok(h) => h,
        Err(e) => {
            diags.push(cannot_read(e));
            return None;
        }
    };
    // Read at most one byte past the limit: a huge file is never read whole. The buffer is
    // sized from the file's length first, so that a file is read in one call and a second
    // that finds its end, rather than in reads of growing size from an empty buffer.
    let size = handle.metadata().ok().map(|m| m.len());
    let room = size.map_or(0, |s| s.min(MAX_FILE_BYTES) as usize + 1);
    let mut bytes = Vec::with_capacity(room);
    if let Err(e) = (&mut handle)
        .take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
    {
        diags.push(cannot_read(e));
        return None;
    }
    let size = size.unwrap_or(bytes.len() as u64);
    decode_text(bytes, Some(size), shown, diags)
}

/// Checks a file's bytes (size limit, UTF-8, an optional byte order mark) and returns its text.
/// `size` is the file's whole size when only its beginning was read.
fn decode_text(
    mut bytes: Vec<u8>,
    size: Option<u64>,
    shown: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let at_start = || Label::new(shown, Span::point(Position::START));
    if bytes.len() as u64 > MAX_FILE_BYTES {
        let size = size.unwrap_or(bytes.len() as u64);
        diags.push(
            Diagnostic::error(
                "unreadable-file",
                format!(
                    "file is {}, more than the {} a bank file may have",
                    human_size(size),
                    human_size(MAX_FILE_BYTES)
                ),
                at_start(),
            )
            .with_help("a question, topics or kit file is a few kilobytes; split or remove it"),
        );
        return None;
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(t) => Some(t),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let prefix = std::str::from_utf8(&bytes[..valid]).unwrap_or_default();
            let pos = LineIndex::new(prefix).position_of_offset(prefix, valid);
            let bad = bytes[valid..]
                .iter()
                .take(4)
                .map(|b| format!("{b:#04x}"))
                .collect::<Vec<_>>();
            diags.push(
                Diagnostic::error(
                    "unreadable-file",
                    format!(
                        "file is not UTF-8 text: invalid byte {} at line {}, column {}",
                        bad.first().cloned().unwrap_or_default(),
                        pos.line,
                        pos.column
                    ),
                    Label::new(shown, Span::point(pos)),
                )
                .with_help("save the file as UTF-8"),
            );
            None
        }
    }
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    } else if bytes >= 1024 {
        format!("{:.1} KiB", bytes as f64 / 1024.0)
    } else {
        format!("{bytes} bytes")
    }
}

/// Parses and schema-checks one file's text; also tells whether it parsed with no key
/// repeated in a mapping.
fn check_file(file: &SourceFile, diags: &mut Vec<Diagnostic>) -> (Parsed, bool) {
    let parsed = match yaml::parse(&file.text, false) {
        Ok(p) => p,
        Err(e) => {
            let mut span = e.span;
            // At the end of the file, point after the last thing written rather than at an
            // empty line.
            if span.start.offset >= file.text.trim_end().len() && !file.text.trim().is_empty() {
                let end = file.text.trim_end().len();
                span = Span::point(file.lines().position_of_offset(&file.text, end));
            }
            // The parser's messages about tabs ("tab cannot be used as indentation", "tabs
            // disallowed…", "…found a tab"); not "unprintable".
            let about_tabs = e
                .message
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| w == "tab" || w == "tabs");
            // git's conflict markers, left by a merge or a rebase that stopped.
            let conflict = file.text.lines().position(|l| {
                ["<<<<<<< ", ">>>>>>> "].iter().any(|m| l.starts_with(m)) || l == "<<<<<<<"
            });
            let help = if let Some(line) = conflict {
                span = Span::point(file.lines().position(&file.text, line + 1, 0));
                Some(
                    "the file holds git's conflict markers (<<<<<<<, =======, >>>>>>>): \
                     resolve the merge conflict, then run qbank again",
                )
            } else if about_tabs {
                // The scanner reports where the token started; point at the tab itself.
                let line_start = file.text[..span.start.offset]
                    .rfind('\n')
                    .map_or(0, |i| i + 1);
                if let Some(i) = file.text[line_start..].find('\t') {
                    let pos = file.lines().position_of_offset(&file.text, line_start + i);
                    span = Span::point(pos);
                }
                Some("YAML indents with spaces only; replace the tabs with spaces")
            } else {
                None
            };
            let mut d = Diagnostic::error(
                "invalid-yaml",
                format!("invalid YAML: {}", e.message),
                Label::new(file.path.clone(), span),
            );
            d.help = help.map(Text::fixed);
            diags.push(d);
            return (Parsed::Nothing, false);
        }
    };
    for w in &parsed.warnings {
        diags.push(match w {
            YamlWarning::AmbiguousBoolean { span, text } => Diagnostic::warning(
                "ambiguous-boolean",
                format!("`{text}` is text here, but YAML 1.1 tools read it as a boolean"),
                Label::new(file.path.clone(), *span),
            )
            .with_help(format!("quote it: \"{text}\"")),
            YamlWarning::DuplicateKey { key, span, first } => Diagnostic::error(
                "duplicate-key",
                format!("key \"{key}\" appears twice in one mapping; the first one is used"),
                Label::new(file.path.clone(), *span).with_message("second definition"),
            )
            .with_secondary(Label::new(file.path.clone(), *first).with_message("first definition"))
            .with_help("remove one of them"),
        });
    }
    let unique_keys = !parsed
        .warnings
        .iter()
        .any(|w| matches!(w, YamlWarning::DuplicateKey { .. }));
    (check_value(file, parsed.value, diags), unique_keys)
}

/// Schema-checks and types the value of a file that parsed.
fn check_value(file: &SourceFile, value: Option<Value>, diags: &mut Vec<Diagnostic>) -> Parsed {
    let Some(value) = value else {
        diags.push(
            Diagnostic::error(
                "empty-file",
                format!("file is empty; {}", expected_content(file.kind)),
                file.start_label(),
            )
            .with_help("fill it in or delete it"),
        );
        return Parsed::Nothing;
    };
    if !value.is_object() {
        diags.push(Diagnostic::error(
            "schema-violation",
            format!(
                "file holds {}; {}",
                match value {
                    Value::Array(_) => "a list",
                    Value::String(_) => "a single string",
                    Value::Number(_) => "a single number",
                    Value::Bool(_) => "a single boolean",
                    _ => "a single value",
                },
                expected_content(file.kind)
            ),
            Label::new(file.path.clone(), file.span("")),
        ));
        return Parsed::Nothing;
    }
    let violations = qbank_schema::validate(file.kind, &value);
    if !violations.is_empty() {
        for v in violations {
            let span = match v.anchor {
                qbank_schema::Anchor::Key => file.key_span(&v.pointer),
                qbank_schema::Anchor::Value => file.span(&v.pointer),
                qbank_schema::Anchor::Start => Span::point(file.span(&v.pointer).start),
            };
            let mut d = Diagnostic::error(
                "schema-violation",
                v.message,
                Label::new(file.path.clone(), span),
            );
            d.help = v.help.map(Text::from);
            diags.push(d);
        }
        return Parsed::Nothing;
    }
    let typed = match file.kind {
        FileKind::Question => {
            serde_json::from_value::<Question>(value).map(|q| Parsed::Question(Box::new(q)))
        }
        FileKind::Kit => serde_json::from_value::<Kit>(value).map(|k| Parsed::Kit(Box::new(k))),
        FileKind::Loop => serde_json::from_value::<Loop>(value).map(|l| Parsed::Loop(Box::new(l))),
        FileKind::Competencies => serde_json::from_value::<CompetenciesFile>(value).map(|c| {
            Parsed::Competencies(
                c.competencies
                    .into_iter()
                    .enumerate()
                    .map(|(i, mut c)| {
                        c.index = i;
                        c
                    })
                    .collect(),
            )
        }),
        FileKind::Topics => serde_json::from_value::<TopicsFile>(value).map(|t| {
            Parsed::Topics(
                t.topics
                    .into_iter()
                    .enumerate()
                    .map(|(i, mut t)| {
                        t.index = i;
                        t
                    })
                    .collect(),
            )
        }),
    };
    typed.unwrap_or_else(|e| {
        diags.push(Diagnostic::error(
            "schema-violation",
            format!("cannot read the file's values: {e}"),
            file.start_label(),
        ));
        Parsed::Nothing
    })
}

fn expected_content(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Question => {
            "a question file holds one mapping with id, text, topic, levels and kind"
        }
        FileKind::Topics => "topics.yaml holds a mapping with a `topics` list",
        FileKind::Kit => "a kit file holds one mapping with title, level and sections",
        FileKind::Loop => "a loop file holds one mapping with title and interviews",
        FileKind::Competencies => "competencies.yaml holds a mapping with a `competencies` list",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Copies the folder `from` into `to`, files and folders.
    fn copy_folder(from: &Path, to: &Path) {
        fs::create_dir_all(to).unwrap();
        for entry in fs::read_dir(from).unwrap() {
            let entry = entry.unwrap();
            let target = to.join(entry.file_name());
            if entry.file_type().unwrap().is_dir() {
                copy_folder(&entry.path(), &target);
            } else {
                fs::copy(entry.path(), target).unwrap();
            }
        }
    }

    #[test]
    fn a_bank_that_takes_files_as_they_are_is_the_bank_read_again() {
        let dir = std::env::temp_dir().join(format!("qbank-load-at-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        let project = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../questions");
        copy_folder(&project, &dir);
        // Files that loaded with a finding are read again, never taken.
        fs::write(dir.join("versioning/broken.yaml"), "id: broken\ntext: [\n").unwrap();
        fs::write(
            dir.join("versioning/twice.yaml"),
            "id: twice\ntext: Why?\ntext: Why not?\n",
        )
        .unwrap();
        let (now, now_diagnostics) = load_bank(&dir).unwrap();
        let reusable = Reusable::new(&now, &now_diagnostics);
        assert!(!reusable.has("versioning/broken.yaml"));
        assert!(!reusable.has("versioning/twice.yaml"));
        assert!(reusable.has(TOPICS_FILE) && reusable.has(COMPETENCIES_FILE));
        let blobs: Vec<crate::git::BlobFile> = now
            .files
            .iter()
            .map(|f| crate::git::BlobFile {
                path: f.relative.clone(),
                bytes: fs::read(dir.join(&f.relative)).unwrap(),
            })
            .collect();
        let (read, read_diagnostics) = load_bank_from_files(&dir, blobs.clone()).unwrap();
        let (unknown, known): (Vec<_>, Vec<_>) =
            blobs.into_iter().partition(|b| !reusable.has(&b.path));
        let same: Vec<String> = known.into_iter().map(|b| b.path).collect();
        assert!(same.len() > 100 && unknown.len() == 2, "{}", same.len());
        let (taken, taken_diagnostics) =
            load_bank_at(&dir, unknown, same, Some(&reusable)).unwrap();
        fs::remove_dir_all(&dir).unwrap();

        assert!(!read.kits.is_empty() && !read.loops.is_empty());
        assert_eq!(taken.questions, read.questions);
        assert_eq!(taken.kits, read.kits);
        assert_eq!(taken.loops, read.loops);
        assert_eq!(taken.topics, read.topics);
        assert_eq!(taken.competencies, read.competencies);
        assert_eq!(
            (taken.topics_file, taken.competencies_file),
            (read.topics_file, read.competencies_file)
        );
        assert_eq!(taken_diagnostics, read_diagnostics);
        assert_eq!(taken.files.len(), read.files.len());
        for (t, r) in taken.files.iter().zip(&read.files) {
            assert_eq!(
                (&t.path, &t.relative, t.kind, &t.text),
                (&r.path, &r.relative, r.kind, &r.text)
            );
        }
        // Places are found in a file taken as in a file read.
        for q in &read.questions {
            for pointer in ["/text", "/id", "/follow_ups/0"] {
                assert_eq!(
                    taken.file(q.file).label(pointer),
                    read.file(q.file).label(pointer)
                );
            }
        }
    }

    fn file(text: &str) -> SourceFile {
        SourceFile::new(
            "q.yaml".into(),
            "q.yaml".into(),
            FileKind::Question,
            text.into(),
        )
    }

    fn shown(f: &SourceFile, s: Span) -> (u32, u32, &str) {
        (
            s.start.line,
            s.start.column,
            &f.text[s.start.offset..s.end.offset],
        )
    }

    #[test]
    fn tab_help_only_for_tabs() {
        let check = |text: &str| {
            let mut diags = Vec::new();
            check_file(&file(text), &mut diags);
            let d = diags.into_iter().next().expect("a finding");
            let at = d.primary.span.start;
            (at.line, at.column, d.help)
        };
        // An unprintable character after a tab inside quotes (where tabs are allowed).
        let (line, column, help) = check("id: x\nsource: \"seed\t#28\" # nul \u{0}\n");
        assert_eq!(help, None);
        assert_eq!((line, column), (2, 26));
        // A merge that stopped on a conflict.
        let (line, column, help) =
            check("id: x\n<<<<<<< HEAD\ntext: One?\n=======\ntext: Two?\n>>>>>>> topic\n");
        assert_eq!((line, column), (2, 1));
        assert!(help.unwrap().contains("conflict markers"));
        // A tab used as indentation.
        let (_, _, help) = check("id: x\nfollow_ups:\n\t- one\n");
        assert_eq!(
            help.as_deref(),
            Some("YAML indents with spaces only; replace the tabs with spaces")
        );
    }

    #[test]
    fn span_in_points_at_the_words() {
        let f = file("id: x\ntext: \"Caf\\u00e9: is is it?\"\nfollow_ups:\n  - 'It''s a a test'\n");
        let text = "Café: is is it?";
        let i = text.find("is is").unwrap();
        assert_eq!(
            shown(&f, f.span_in("/text", text, i..i + 5)),
            (2, 19, "is is")
        );
        let fu = "It's a a test";
        let i = fu.find("a a").unwrap();
        assert_eq!(
            shown(&f, f.span_in("/follow_ups/0", fu, i..i + 3)),
            (4, 12, "a a")
        );
    }

    #[test]
    fn span_in_falls_back_to_the_value() {
        let f = file("text: \"two\n  lines\"\n");
        let s = f.span_in("/text", "two lines", 0..3);
        assert_eq!(s, f.span("/text"));
        // A value that does not match the source (a stale caller) gives the whole value too.
        let f = file("text: abc\n");
        assert_eq!(f.span_in("/text", "xyz", 0..1), f.span("/text"));
        assert_eq!(f.span_in("/text", "abc", 2..9), f.span("/text"));
    }
}
