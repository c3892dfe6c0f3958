//! The one way qbank talks to git: every git command the project runs goes through
//! [`Repo`].
//!
//! It finds the repository that holds a folder (from any subfolder), the commit a pull
//! request is compared with (`--changed-since REF`: the merge base of REF and `HEAD`, as in
//! `git diff REF...HEAD`), the files changed since then, and the files of a folder as they
//! were at a commit, read from git's objects (`git ls-tree`, `git cat-file --batch`) without
//! touching the working tree.
//!
//! CI checkouts are often shallow (GitHub's `actions/checkout` fetches one commit by
//! default). [`Repo::merge_base`] fetches what it needs from the `origin` remote (the ref
//! itself, then deeper history) and, when that is not possible, fails with
//! [`GitError::Unreachable`], whose message says exactly how to fix the checkout.
//!
//! ```no_run
//! use qbank_core::git::Repo;
//! let repo = Repo::discover(std::path::Path::new("questions")).unwrap().expect("a repository");
//! let base = repo.merge_base("origin/main").unwrap();
//! for file in repo.files_at(&base, "questions").unwrap() {
//!     println!("{} ({} bytes)", file.path, file.bytes.len());
//! }
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Why git could not answer.
#[derive(Debug)]
pub enum GitError {
    /// git is not installed or could not be started.
    NotInstalled(String),
    /// The folder is not inside a git repository.
    NotARepository(PathBuf),
    /// The ref names nothing in the repository, and nothing could be fetched to resolve it.
    UnknownRef { reference: String, fix: String },
    /// The ref exists but the history that links it to `HEAD` is missing (a shallow
    /// checkout), and could not be fetched.
    Unreachable { reference: String, fix: String },
    /// A git command failed.
    Failed { command: String, reason: String },
}

impl fmt::Display for GitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            GitError::NotInstalled(e) => write!(f, "cannot run git: {e}"),
            GitError::NotARepository(p) => {
                write!(f, "{} is not inside a git repository", p.display())
            }
            GitError::UnknownRef { reference, fix } => write!(
                f,
                "\"{reference}\" is not a branch, tag or commit of this repository; {fix}"
            ),
            GitError::Unreachable { reference, fix } => write!(
                f,
                "the checkout is shallow and holds no common history with \"{reference}\"; {fix}"
            ),
            GitError::Failed { command, reason } => write!(f, "`{command}` failed: {reason}"),
        }
    }
}

impl std::error::Error for GitError {}

/// A file as it was at a commit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BlobFile {
    /// The path inside the folder that was asked for, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A git repository, found from a folder inside it.
#[derive(Debug, Clone)]
pub struct Repo {
    /// The top folder of the working tree, canonical.
    root: PathBuf,
}

/// How deep a shallow clone is deepened at each attempt, before fetching the whole history.
const DEEPEN_STEPS: [u32; 3] = [64, 512, 4096];

/// The blobs of `git ls-tree -r -z` output, as (mode, object, path); links included (mode
/// 120000), submodules left out.
fn tree_entries(listing: &[u8]) -> impl Iterator<Item = (String, String, String)> + '_ {
    listing
        .split(|&b| b == 0)
        .filter(|e| !e.is_empty())
        .filter_map(|entry| {
            // "<mode> <type> <object>\t<path>"
            let tab = entry.iter().position(|&b| b == b'\t')?;
            let meta = String::from_utf8_lossy(&entry[..tab]);
            let path = String::from_utf8_lossy(&entry[tab + 1..]).into_owned();
            let mut fields = meta.split(' ');
            let (mode, kind, object) = (fields.next()?, fields.next()?, fields.next()?);
            (kind == "blob").then(|| (mode.to_owned(), object.to_owned(), path))
        })
}

/// `target`, a link's text, as a path inside the repository from the link's folder `dir`;
/// `None` when it is absolute or leads outside the repository.
fn normalise(dir: &str, target: &str) -> Option<String> {
    if target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in target.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// Whether `reference` names something a remote can be asked for by name (a branch or a tag),
/// rather than a commit relative to another (`HEAD~1`, `main^`, `@{u}`), `HEAD` itself or a
/// commit id, which `git fetch origin <reference>` cannot fetch.
fn fetchable_by_name(reference: &str) -> bool {
    let reference = reference.strip_prefix("origin/").unwrap_or(reference);
    let commit_id = reference.len() >= 7 && reference.bytes().all(|b| b.is_ascii_hexdigit());
    !commit_id
        && !matches!(reference, "HEAD" | "FETCH_HEAD" | "ORIG_HEAD" | "@")
        && !reference.contains(['~', '^', ':', '@'])
}

impl Repo {
    /// The repository holding `dir`; `None` outside one, or when git is not installed.
    pub fn discover(dir: &Path) -> Result<Option<Repo>, GitError> {
        let dir = match std::fs::canonicalize(dir) {
            Ok(d) => d,
            Err(_) => return Ok(None),
        };
        let out = match git_at(&dir, &["rev-parse", "--show-toplevel"]) {
            Ok(out) => out,
            Err(GitError::NotInstalled(_)) | Err(GitError::Failed { .. }) => return Ok(None),
            Err(e) => return Err(e),
        };
        let top = PathBuf::from(text(&out));
        let root = std::fs::canonicalize(&top).unwrap_or(top);
        Ok(Some(Repo { root }))
    }

    /// The repository holding `dir`, or [`GitError::NotARepository`].
    pub fn require(dir: &Path) -> Result<Repo, GitError> {
        Repo::discover(dir)?.ok_or_else(|| GitError::NotARepository(dir.to_path_buf()))
    }

    /// The top folder of the working tree.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// `path` relative to the top of the working tree, `/`-separated (empty for the top
    /// itself); `None` when it is outside the repository or does not exist.
    pub fn relative(&self, path: &Path) -> Option<String> {
        let canonical = std::fs::canonicalize(path).ok()?;
        let rel = canonical.strip_prefix(&self.root).ok()?;
        Some(rel.to_string_lossy().replace('\\', "/"))
    }

    /// Runs `git args…` at the top of the working tree and returns its standard output.
    pub fn run(&self, args: &[&str]) -> Result<Vec<u8>, GitError> {
        git_at(&self.root, args)
    }

    /// Whether the repository is a shallow clone.
    pub fn is_shallow(&self) -> bool {
        self.run(&["rev-parse", "--is-shallow-repository"])
            .is_ok_and(|o| text(&o) == "true")
    }

    /// The short commit id of `HEAD`; `None` before the first commit.
    pub fn short_head(&self) -> Option<String> {
        self.run(&["rev-parse", "--short", "HEAD"])
            .ok()
            .map(|o| text(&o))
            .filter(|c| !c.is_empty())
    }

    /// Whether anything below `path` differs from `HEAD` (changed, staged or untracked).
    pub fn is_dirty(&self, path: &Path) -> bool {
        let Some(rel) = self.relative(path) else {
            return true;
        };
        let spec = if rel.is_empty() { ".".to_owned() } else { rel };
        self.run(&["status", "--porcelain", "--", &spec])
            .is_ok_and(|o| !o.is_empty())
            || self.short_head().is_none()
    }

    /// The date (`YYYY-MM-DD`, committer date) each file below `dir` last changed, by its path
    /// inside `dir`; empty when git has no history for it.
    pub fn last_changed(&self, dir: &Path) -> HashMap<String, String> {
        let mut map = HashMap::new();
        let Ok(out) = git_at(
            dir,
            &[
                "log",
                "--relative",
                "--name-only",
                "-z",
                "--format=%x01%cs",
                "--",
                ".",
            ],
        ) else {
            return map;
        };
        // `-z`: paths as they are (not quoted, as git quotes non-ASCII names otherwise), each
        // ended by NUL; a commit's date line starts with \x01.
        let mut date = String::new();
        for field in out.split(|&b| b == 0) {
            let field = String::from_utf8_lossy(field);
            let field = field.trim_start_matches('\n');
            if let Some(d) = field.strip_prefix('\u{1}') {
                date = d.to_owned();
            } else if !field.is_empty() {
                // The newest commit comes first: keep the first date seen.
                map.entry(field.to_owned()).or_insert_with(|| date.clone());
            }
        }
        map
    }

    fn has_origin(&self) -> bool {
        self.run(&["remote"])
            .is_ok_and(|o| String::from_utf8_lossy(&o).lines().any(|l| l == "origin"))
    }

    fn resolve(&self, reference: &str) -> Option<String> {
        let spec = format!("{reference}^{{commit}}");
        self.run(&["rev-parse", "--verify", "--quiet", &spec])
            .ok()
            .map(|o| text(&o))
            .filter(|c| !c.is_empty())
    }

    /// The commit a change is compared with for `--changed-since reference`: the merge base
    /// of `reference` and `HEAD`. In a shallow or single-branch clone it fetches `reference`
    /// from `origin` and deepens the history until the two meet; when that cannot work it
    /// says how to fix the checkout.
    pub fn merge_base(&self, reference: &str) -> Result<String, GitError> {
        let origin = self.has_origin();
        let branch = reference.strip_prefix("origin/").unwrap_or(reference);
        let fix = |what: &str| -> String {
            format!(
                "{what}: in GitHub Actions give actions/checkout `fetch-depth: 0`, \
                 elsewhere run `git fetch origin {branch}` before qbank"
            )
        };
        if self.resolve("HEAD").is_none() {
            return Err(GitError::Failed {
                command: "git rev-parse HEAD".to_owned(),
                reason: "HEAD has no commit yet (a new repository, or a branch made with \
                         `git checkout --orphan`), so there is no history to compare with; \
                         commit first, or lint the whole bank without --changed-since"
                    .to_owned(),
            });
        }
        let by_name = fetchable_by_name(reference);
        let mut commit = self.resolve(reference);
        if commit.is_none() && origin && !by_name && self.is_shallow() {
            // `HEAD~3` or a commit id in a shallow clone: deepen until it is there.
            for depth in DEEPEN_STEPS {
                let deepen = format!("--deepen={depth}");
                if self
                    .run(&["fetch", "--quiet", "--no-tags", &deepen, "origin"])
                    .is_err()
                {
                    break;
                }
                commit = self.resolve(reference);
                if commit.is_some() {
                    break;
                }
            }
        }
        if commit.is_none() && origin && by_name {
            // A single-branch or shallow clone: fetch the branch into its remote-tracking ref.
            let refspec = format!("+refs/heads/{branch}:refs/remotes/origin/{branch}");
            let fetched = self
                .run(&["fetch", "--quiet", "--no-tags", "origin", &refspec])
                .is_ok()
                || self
                    .run(&["fetch", "--quiet", "--no-tags", "origin", reference])
                    .is_ok();
            if fetched {
                commit = self
                    .resolve(reference)
                    .or_else(|| self.resolve(&format!("origin/{branch}")))
                    .or_else(|| self.resolve("FETCH_HEAD"));
            }
        }
        let Some(commit) = commit else {
            return Err(GitError::UnknownRef {
                reference: reference.to_owned(),
                fix: if !by_name && self.is_shallow() {
                    "the checkout is shallow and may not hold it: in GitHub Actions give \
                     actions/checkout `fetch-depth: 0`, elsewhere run `git fetch --unshallow` \
                     before qbank"
                        .to_owned()
                } else if !by_name {
                    "check the name (a branch, a tag, a commit id, or one relative to them \
                     such as `HEAD~1`)"
                        .to_owned()
                } else if origin {
                    format!(
                        "fetching it from origin failed too; check the name, or {}",
                        fix("fetch it")
                    )
                } else {
                    fix("if it is a branch of the remote, fetch it")
                },
            });
        };
        let merge_base = |repo: &Repo| {
            repo.run(&["merge-base", &commit, "HEAD"])
                .ok()
                .map(|o| text(&o))
                .filter(|c| !c.is_empty())
        };
        if let Some(base) = merge_base(self) {
            return Ok(base);
        }
        if self.is_shallow() && origin {
            for depth in DEEPEN_STEPS {
                let deepen = format!("--deepen={depth}");
                if self
                    .run(&["fetch", "--quiet", "--no-tags", &deepen, "origin", &commit])
                    .is_err()
                    && self
                        .run(&["fetch", "--quiet", "--no-tags", &deepen, "origin"])
                        .is_err()
                {
                    break;
                }
                if let Some(base) = merge_base(self) {
                    return Ok(base);
                }
            }
            if self
                .run(&["fetch", "--quiet", "--no-tags", "--unshallow", "origin"])
                .is_ok()
            {
                if let Some(base) = merge_base(self) {
                    return Ok(base);
                }
            }
        }
        if self.is_shallow() {
            return Err(GitError::Unreachable {
                reference: reference.to_owned(),
                fix: fix("fetch the history").replace(
                    &format!("`git fetch origin {branch}`"),
                    &format!("`git fetch --unshallow origin {branch}`"),
                ),
            });
        }
        Err(GitError::Failed {
            command: format!("git merge-base {reference} HEAD"),
            reason: "the two histories share no commit; compare with a ref that HEAD grew from"
                .to_owned(),
        })
    }

    /// Every file changed since `base`: in `git diff base HEAD`, changed in the working tree
    /// or the index, or untracked (and not ignored). Paths relative to the top of the working
    /// tree, `/`-separated, deleted files included, sorted, each once.
    pub fn changed_files(&self, base: &str) -> Result<Vec<String>, GitError> {
        let mut names = Vec::new();
        for args in [
            &[
                "diff",
                "--name-only",
                "-z",
                "--no-renames",
                base,
                "HEAD",
                "--",
            ][..],
            &["diff", "--name-only", "-z", "--no-renames", "HEAD", "--"][..],
            &["ls-files", "-z", "--others", "--exclude-standard"][..],
        ] {
            let out = self.run(args)?;
            names.extend(
                out.split(|&b| b == 0)
                    .filter(|n| !n.is_empty())
                    .map(|n| String::from_utf8_lossy(n).into_owned()),
            );
        }
        names.sort();
        names.dedup();
        Ok(names)
    }

    /// Every file below `dir` (relative to the top of the working tree; empty for all) as it
    /// was at `commit`, read from git's objects. Paths are relative to `dir`, sorted.
    /// Symbolic links and submodules are left out: their content is not a bank file.
    pub fn files_at(&self, commit: &str, dir: &str) -> Result<Vec<BlobFile>, GitError> {
        Ok(self.files_at_but(commit, dir, &|_| false)?.0)
    }

    /// [`Repo::files_at`], without reading the files that `known` names (by their path
    /// inside `dir`): those are only listed, in the second list, sorted. Only a file that is a
    /// file at `commit` is left unread this way, never one reached through a link.
    pub fn files_at_but(
        &self,
        commit: &str,
        dir: &str,
        known: &dyn Fn(&str) -> bool,
    ) -> Result<(Vec<BlobFile>, Vec<String>), GitError> {
        let prefix = if dir.is_empty() {
            String::new()
        } else {
            format!("{}/", dir.trim_end_matches('/'))
        };
        let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", commit];
        if !prefix.is_empty() {
            args.extend(["--", &prefix]);
        }
        let listing = self.run(&args)?;
        let mut wanted = Vec::new();
        let mut links = Vec::new();
        let mut unread = Vec::new();
        for (mode, object, path) in tree_entries(&listing) {
            let Some(inside) = path.strip_prefix(&prefix) else {
                continue;
            };
            if mode == "120000" {
                links.push((inside.to_owned(), path.clone(), object));
            } else if known(inside) {
                unread.push(inside.to_owned());
            } else {
                wanted.push((inside.to_owned(), object));
            }
        }
        if !links.is_empty() {
            wanted.extend(self.follow_links(commit, dir, &links)?);
        }
        let objects: Vec<&str> = wanted.iter().map(|(_, o)| o.as_str()).collect();
        let contents = self.read_blobs(&objects)?;
        let mut files: Vec<BlobFile> = wanted
            .into_iter()
            .zip(contents)
            .map(|((path, _), bytes)| BlobFile { path, bytes })
            .collect();
        files.sort_by(|a, b| a.path.cmp(&b.path));
        unread.sort();
        Ok((files, unread))
    }

    /// What the links among a commit's files (`(path inside the folder, path in the
    /// repository, link object)`) lead to at `commit`, as a checkout would read them: a file's
    /// object under the link's path, or each file of a folder under the link's path joined with
    /// its path in the folder (not a folder of the bank in `dir` or above it, which the loader
    /// does not read through a link either, and each folder once). Links that lead outside the
    /// repository or to nothing are left out, as links that go round in circles are after a
    /// few steps.
    fn follow_links(
        &self,
        commit: &str,
        dir: &str,
        links: &[(String, String, String)],
    ) -> Result<Vec<(String, String)>, GitError> {
        let listing = self.run(&["ls-tree", "-r", "-z", "--full-tree", commit])?;
        let tree: BTreeMap<String, (String, String)> = tree_entries(&listing)
            .map(|(mode, object, path)| (path, (mode, object)))
            .collect();
        let link_objects: Vec<&str> = tree
            .values()
            .filter(|(mode, _)| mode == "120000")
            .map(|(_, object)| object.as_str())
            .collect();
        let targets: HashMap<&str, String> = link_objects
            .iter()
            .copied()
            .zip(self.read_blobs(&link_objects)?)
            .map(|(o, bytes)| (o, String::from_utf8_lossy(&bytes).into_owned()))
            .collect();
        let resolve = |path: &str| -> Option<String> {
            let mut path = path.to_owned();
            for _ in 0..8 {
                match tree.get(&path) {
                    Some((mode, object)) if mode == "120000" => {
                        let target = targets.get(object.as_str())?;
                        let dir = path.rsplit_once('/').map_or("", |(d, _)| d);
                        path = normalise(dir, target)?;
                    }
                    Some(_) => return Some(path),
                    // A folder, or nothing.
                    None => {
                        let folder = format!("{path}/");
                        return tree
                            .range(folder.clone()..)
                            .next()
                            .and_then(|(p, _)| p.starts_with(&folder).then_some(path));
                    }
                }
            }
            None
        };
        let bank = dir.trim_end_matches('/');
        let within = |path: &str, folder: &str| {
            folder.is_empty() || path == folder || path.starts_with(&format!("{folder}/"))
        };
        let mut found = Vec::new();
        let mut folders_read: Vec<String> = Vec::new();
        for (inside, path, _) in links {
            let Some(target) = resolve(path) else {
                continue;
            };
            match tree.get(&target) {
                Some((_, object)) => found.push((inside.clone(), object.clone())),
                // A folder: as the loader reads folders, not the bank or a folder above it
                // (a loop), not one of the bank's own (read where it is), and each once.
                None if within(bank, &target)
                    || within(&target, bank)
                    || folders_read.contains(&target) => {}
                None => {
                    folders_read.push(target.clone());
                    let folder = format!("{target}/");
                    for (p, (mode, object)) in tree.range(folder.clone()..) {
                        let Some(rest) = p.strip_prefix(&folder) else {
                            break;
                        };
                        let object = if mode == "120000" {
                            // A link inside it, to a file.
                            match resolve(p).and_then(|t| tree.get(&t)) {
                                Some((_, object)) => object,
                                None => continue,
                            }
                        } else {
                            object
                        };
                        found.push((format!("{inside}/{rest}"), object.clone()));
                    }
                }
            }
        }
        Ok(found)
    }

    /// [`Repo::file_at`], a link followed to the file it names inside the repository (up to
    /// eight links), as a checkout would read it; `None` when there is no such file.
    pub fn file_at_following(&self, commit: &str, path: &str) -> Result<Option<Vec<u8>>, GitError> {
        let mut path = path.to_owned();
        for _ in 0..8 {
            let listing = self.run(&["ls-tree", "-z", commit, "--", &path])?;
            let Some((mode, object, _)) = tree_entries(&listing).next() else {
                return Ok(None);
            };
            let bytes = self
                .read_blobs(&[object.as_str()])?
                .pop()
                .unwrap_or_default();
            if mode != "120000" {
                return Ok(Some(bytes));
            }
            let dir = path.rsplit_once('/').map_or("", |(d, _)| d).to_owned();
            match normalise(&dir, &String::from_utf8_lossy(&bytes)) {
                Some(target) => path = target,
                None => return Ok(None),
            }
        }
        Ok(None)
    }

    /// One file (relative to the top of the working tree) as it was at `commit`; `None`
    /// when it did not exist there.
    pub fn file_at(&self, commit: &str, path: &str) -> Result<Option<Vec<u8>>, GitError> {
        let spec = format!("{commit}:{path}");
        if self.run(&["cat-file", "-e", &spec]).is_err() {
            return Ok(None);
        }
        Ok(self.read_blobs(&[&spec])?.pop())
    }

    /// The contents of `objects`, in order, through one `git cat-file --batch`.
    fn read_blobs(&self, objects: &[&str]) -> Result<Vec<Vec<u8>>, GitError> {
        if objects.is_empty() {
            return Ok(Vec::new());
        }
        let command = "git cat-file --batch".to_owned();
        let mut child = Command::new("git")
            .arg("-C")
            .arg(&self.root)
            .args(["cat-file", "--batch"])
            .env("GIT_TERMINAL_PROMPT", "0")
            .env("LC_ALL", "C")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| GitError::NotInstalled(e.to_string()))?;
        let mut input = String::with_capacity(objects.len() * 41);
        for o in objects {
            input.push_str(o);
            input.push('\n');
        }
        // Write from another thread: git answers while it reads, and both pipes would fill.
        let mut stdin = child.stdin.take().ok_or_else(|| GitError::Failed {
            command: command.clone(),
            reason: "no input pipe".to_owned(),
        })?;
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let mut out = Vec::new();
        if let Some(mut stdout) = child.stdout.take() {
            stdout.read_to_end(&mut out).map_err(|e| GitError::Failed {
                command: command.clone(),
                reason: e.to_string(),
            })?;
        }
        let status = child.wait().map_err(|e| GitError::Failed {
            command: command.clone(),
            reason: e.to_string(),
        })?;
        let _ = writer.join();
        if !status.success() {
            return Err(GitError::Failed {
                command,
                reason: format!("exit status {status}"),
            });
        }
        parse_batch(&out, objects.len()).ok_or(GitError::Failed {
            command,
            reason: "unexpected output".to_owned(),
        })
    }
}

/// Splits `git cat-file --batch` output ("<object> <type> <size>\n<bytes>\n" per object, or
/// "<name> missing\n") into contents; a missing object reads as empty.
fn parse_batch(mut out: &[u8], count: usize) -> Option<Vec<Vec<u8>>> {
    let mut contents = Vec::with_capacity(count);
    while contents.len() < count {
        let nl = out.iter().position(|&b| b == b'\n')?;
        let header = std::str::from_utf8(&out[..nl]).ok()?;
        out = &out[nl + 1..];
        if header.ends_with(" missing") || header.ends_with(" ambiguous") {
            contents.push(Vec::new());
            continue;
        }
        let size: usize = header.rsplit(' ').next()?.parse().ok()?;
        if out.len() < size + 1 {
            return None;
        }
        contents.push(out[..size].to_vec());
        out = &out[size + 1..];
    }
    Some(contents)
}

fn text(out: &[u8]) -> String {
    String::from_utf8_lossy(out).trim().to_owned()
}

fn git_at(dir: &Path, args: &[&str]) -> Result<Vec<u8>, GitError> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| GitError::NotInstalled(e.to_string()))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("git failed")
            .trim()
            .trim_start_matches("fatal: ")
            .to_owned();
        return Err(GitError::Failed {
            command: format!("git {}", args.join(" ")),
            reason,
        });
    }
    Ok(output.stdout)
}

/// The bank folder to use when the one named does not exist from the current folder: the
/// bank that holds the current folder (a folder up to the repository's top with a
/// `topics.yaml`), or the same path taken from the top of the repository. `None` when
/// neither exists, or outside a repository.
pub fn find_bank_from_subfolder(named: &Path) -> Option<PathBuf> {
    if named.exists() || named.is_absolute() {
        return None;
    }
    let cwd = std::env::current_dir().ok()?;
    let repo = Repo::discover(&cwd).ok()??;
    let cwd = std::fs::canonicalize(&cwd).ok()?;
    for dir in cwd.ancestors() {
        if dir.join(crate::load::TOPICS_FILE).is_file() {
            return Some(dir.to_path_buf());
        }
        if dir == repo.root() {
            break;
        }
    }
    let from_top = repo.root().join(named);
    from_top.is_dir().then_some(from_top)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn last_changed_reads_names_git_would_quote() {
        let dir = std::env::temp_dir().join(format!("qbank-git-names-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("déploiement")).unwrap();
        std::fs::write(dir.join("déploiement/a b.yaml"), "a").unwrap();
        std::fs::write(dir.join("plain.yaml"), "b").unwrap();
        let git = |args: &[&str]| {
            let ok = Command::new("git")
                .arg("-C")
                .arg(&dir)
                .args(["-c", "user.name=q", "-c", "user.email=q@example.com"])
                .args(args)
                .output()
                .is_ok_and(|o| o.status.success());
            assert!(ok, "git {args:?}");
        };
        git(&["init", "-q"]);
        git(&["add", "-A"]);
        git(&["commit", "-q", "-m", "first"]);
        let repo = Repo::discover(&dir).unwrap().unwrap();
        let changed = repo.last_changed(&dir);
        let mut names: Vec<&str> = changed.keys().map(String::as_str).collect();
        names.sort_unstable();
        assert_eq!(names, ["déploiement/a b.yaml", "plain.yaml"]);
        assert!(changed.values().all(|d| d.len() == 10), "{changed:?}");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn link_targets_are_read_as_paths_in_the_repository() {
        assert_eq!(
            normalise("questions/deployment", "../../shared/a.yaml").as_deref(),
            Some("shared/a.yaml")
        );
        assert_eq!(
            normalise("questions", "./a/./b.yaml").as_deref(),
            Some("questions/a/b.yaml")
        );
        assert_eq!(normalise("", "a.yaml").as_deref(), Some("a.yaml"));
        // Outside the repository, or absolute: not followed.
        assert_eq!(normalise("questions", "../../etc/passwd"), None);
        assert_eq!(normalise("questions", "/etc/passwd"), None);
    }

    #[test]
    fn batch_output_is_split_by_sizes() {
        let out = b"abc blob 3\nx\ny\nzzz missing\ndef blob 0\n\n";
        assert_eq!(
            parse_batch(out, 3).unwrap(),
            vec![b"x\ny".to_vec(), Vec::new(), Vec::new()]
        );
        assert!(parse_batch(b"abc blob 10\nshort\n", 1).is_none());
    }
}
