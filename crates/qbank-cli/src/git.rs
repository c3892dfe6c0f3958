//! Which files changed, for `qbank lint --changed-since`.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::Failure;

/// Files changed in a git repository since a ref.
#[derive(Debug, Default)]
pub struct Changes {
    /// Canonical paths of changed files that still exist.
    existing: HashSet<PathBuf>,
    /// Every changed path (deleted ones too), absolute but not canonicalised.
    all: Vec<PathBuf>,
}

impl Changes {
    /// Whether the file at `path` (as the diagnostics name it, relative to the working folder)
    /// changed.
    pub fn contains(&self, path: &str) -> bool {
        std::fs::canonicalize(path).is_ok_and(|p| self.existing.contains(&p))
    }

    /// Whether any file below `dir` changed, deleted files included.
    pub fn any_below(&self, dir: &Path) -> bool {
        let Ok(dir) = std::fs::canonicalize(dir) else {
            return false;
        };
        self.all.iter().any(|p| p.starts_with(&dir))
    }
}

fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, Failure> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| Failure(format!("--changed-since needs git: {e}")))?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let reason = stderr
            .lines()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("git failed")
            .trim()
            .trim_start_matches("fatal: ");
        return Err(Failure(format!(
            "--changed-since: `git {}` failed: {reason}",
            args.join(" ")
        )));
    }
    Ok(output.stdout)
}

/// The files changed since `base` for the repository holding `bank`: those in
/// `git diff base...HEAD`, plus uncommitted changes and untracked files.
pub fn changed_since(bank: &Path, base: &str) -> Result<Changes, Failure> {
    let root = git(bank, &["rev-parse", "--show-toplevel"])?;
    let commit = format!("{base}^{{commit}}");
    if git(bank, &["rev-parse", "--verify", "--quiet", &commit]).is_err() {
        return Err(Failure(format!(
            "--changed-since: \"{base}\" is not a branch, tag or commit of the repository holding {}",
            bank.display()
        )));
    }
    let root = PathBuf::from(String::from_utf8_lossy(&root).trim_end_matches(['\n', '\r']));
    let range = format!("{base}...HEAD");
    let mut names = Vec::new();
    for args in [
        &["diff", "--name-only", "-z", "--no-renames", &range, "--"][..],
        &["diff", "--name-only", "-z", "--no-renames", "HEAD", "--"][..],
        &["ls-files", "-z", "--others", "--exclude-standard"][..],
    ] {
        let out = git(&root, args)?;
        names.extend(
            out.split(|&b| b == 0)
                .filter(|n| !n.is_empty())
                .map(|n| root.join(String::from_utf8_lossy(n).as_ref())),
        );
    }
    let root_canonical = std::fs::canonicalize(&root).unwrap_or(root.clone());
    let all: Vec<PathBuf> = names
        .iter()
        .map(|p| root_canonical.join(p.strip_prefix(&root).unwrap_or(p)))
        .collect();
    let existing = all
        .iter()
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    Ok(Changes { existing, all })
}
