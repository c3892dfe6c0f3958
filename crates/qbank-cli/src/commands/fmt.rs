//! `qbank fmt`: every bank file under the given paths in the canonical layout
//! ([`qbank_core::format`]), or with `--check` a diff of what would change.

use std::collections::BTreeSet;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use qbank_core::format::format;
use qbank_core::load::{self, display_path, kind_of_path, LoadError, MAX_FILE_BYTES, TOPICS_FILE};
use qbank_core::FileKind;

use crate::args::FmtArgs;
use crate::files;
use crate::{Failure, Outcome};

/// A bank file to format.
struct Target {
    path: PathBuf,
    /// The path as shown: as the user named it, or the folder they named joined with the path
    /// below it.
    shown: String,
    /// The path inside the bank, `/`-separated.
    relative: String,
    kind: FileKind,
}

/// The PATHS and `--bank` folders together, or `questions` when neither is given.
fn fmt_paths(args: &FmtArgs) -> Vec<std::path::PathBuf> {
    let mut paths: Vec<std::path::PathBuf> = args.paths.iter().chain(&args.bank).cloned().collect();
    if paths.is_empty() {
        paths.push("questions".into());
    }
    paths
}

pub fn run(args: FmtArgs) -> Result<Outcome, Failure> {
    let targets = find_targets(&fmt_paths(&args))?;
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let stderr = io::stderr();
    let mut err = stderr.lock();

    let (mut changed, mut unchanged, mut failed) = (0usize, 0usize, 0usize);
    for t in &targets {
        let text = match read(&t.path) {
            Ok(text) => text,
            Err(message) => {
                writeln!(err, "error: {}: {message}", t.shown)?;
                failed += 1;
                continue;
            }
        };
        let formatted = match format(t.kind, &t.relative, &text) {
            Ok(f) => f,
            Err(e) => {
                writeln!(
                    err,
                    "error: {}:{}:{}: {}; the file is left as it is",
                    t.shown,
                    e.span.start.line,
                    e.span.start.column,
                    e.message.trim_end_matches("; the file is left as it is")
                )?;
                if let Some(help) = &e.help {
                    writeln!(err, "  help: {help}")?;
                }
                failed += 1;
                continue;
            }
        };
        if formatted == text {
            unchanged += 1;
            continue;
        }
        changed += 1;
        if args.check {
            write_diff(&mut out, &t.shown, &text, &formatted)?;
        } else {
            files::write_atomic(&t.path, formatted.as_bytes())
                .map_err(|e| Failure(format!("cannot write {}: {e}", t.shown)))?;
            writeln!(out, "reformatted {}", t.shown)?;
        }
    }

    let files = |n: usize| if n == 1 { "file" } else { "files" };
    let mut summary = if args.check {
        format!(
            "{changed} {} would be reformatted, {unchanged} already formatted",
            files(changed)
        )
    } else {
        format!(
            "{changed} {} reformatted, {unchanged} left unchanged",
            files(changed)
        )
    };
    if failed > 0 {
        summary.push_str(&format!(", {failed} could not be formatted"));
    }
    if args.check {
        writeln!(err, "{summary}")?;
    } else {
        writeln!(out, "{summary}")?;
    }
    out.flush()?;
    Ok(if failed > 0 || (args.check && changed > 0) {
        Outcome::Findings
    } else {
        Outcome::Clean
    })
}

fn read(path: &Path) -> Result<String, String> {
    let meta = fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(format!(
            "file is larger than {} KiB; no bank file comes near that",
            MAX_FILE_BYTES / 1024
        ));
    }
    let bytes = fs::read(path).map_err(|e| format!("cannot read: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "not UTF-8 text (invalid byte at offset {}); save it as UTF-8",
            e.utf8_error().valid_up_to()
        )
    })
}

/// A unified diff from `old` to `new`, three lines of context.
fn write_diff(out: &mut dyn Write, shown: &str, old: &str, new: &str) -> io::Result<()> {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut unified = diff.unified_diff();
    unified.context_radius(3).header(shown, shown);
    write!(out, "{unified}")?;
    if !unified.to_string().ends_with('\n') {
        writeln!(out)?;
    }
    Ok(())
}

/// The bank files under `paths`, each once, in path order.
fn find_targets(paths: &[PathBuf]) -> Result<Vec<Target>, Failure> {
    let mut targets = Vec::new();
    let mut seen = BTreeSet::new();
    for path in paths {
        let shown_root = display_path(path);
        let meta =
            fs::metadata(path).map_err(|e| Failure(format!("cannot read {shown_root}: {e}")))?;
        let canonical = fs::canonicalize(path)
            .map_err(|e| Failure(format!("cannot read {shown_root}: {e}")))?;
        if meta.is_file() {
            // A file outside any bank (a workflow, the pre-commit configuration) is not ours.
            let Some(root) = canonical.parent().and_then(bank_root) else {
                continue;
            };
            let Some(relative) = relative_in(&root, &canonical) else {
                continue;
            };
            if load::is_bank_file(&relative) && seen.insert(canonical.clone()) {
                targets.push(Target {
                    path: path.clone(),
                    shown: shown_root,
                    kind: kind_of_path(&relative),
                    relative,
                });
            }
            continue;
        }
        let root = bank_root(&canonical).ok_or_else(|| {
            Failure(format!(
                "{shown_root} is not in a bank: no {TOPICS_FILE} in it or in a folder above it"
            ))
        })?;
        let mut problems = Vec::new();
        let found = load::walk(path, &shown_root, &mut problems).map_err(|e| match e {
            LoadError::Io(_, e) => Failure(format!("cannot read {shown_root}: {e}")),
            e => Failure(e.to_string()),
        })?;
        // A folder that cannot be read stops the run; a folder reached again through a link
        // is formatted once.
        if let Some(d) = problems
            .iter()
            .find(|d| d.rule == "unreadable-file" && d.message.starts_with("cannot read"))
        {
            return Err(Failure(format!("{}: {}", d.primary.file, d.message)));
        }
        for (file, below) in found {
            let shown_file = if shown_root == "." {
                below
            } else {
                format!("{shown_root}/{below}")
            };
            let Ok(canonical) = fs::canonicalize(&file) else {
                continue;
            };
            let Some(relative) = relative_in(&root, &canonical) else {
                continue;
            };
            if load::is_bank_file(&relative) && seen.insert(canonical) {
                targets.push(Target {
                    path: file,
                    shown: shown_file,
                    kind: kind_of_path(&relative),
                    relative,
                });
            }
        }
    }
    Ok(targets)
}

/// The nearest folder at or above `dir` that holds topics.yaml.
fn bank_root(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .find(|d| d.join(TOPICS_FILE).is_file())
        .map(Path::to_path_buf)
}

fn relative_in(root: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    Some(parts.join("/"))
}
