//! `qbank init [DIR]`: a working bank to start from. The files are templates kept as data in
//! `templates/init/` (the same tree as what is written), plus the JSON Schemas the files'
//! modelines name, taken from the ones embedded in the binary. Nothing that exists is
//! overwritten: each file is created through a temporary file and a hard link, which fails
//! when the name is taken, so even a file created meanwhile is left alone.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use qbank_core::FileKind;

use crate::args::InitArgs;
use crate::{Failure, Outcome};

/// The bank's folder inside DIR.
const BANK: &str = "questions";

/// The templates, by path below DIR. `{{version}}` is replaced by qbank's version.
const TEMPLATES: &[(&str, &str)] = &[
    (
        "questions/topics.yaml",
        include_str!("../../templates/init/questions/topics.yaml"),
    ),
    (
        "questions/debugging/symptom-and-root-cause.yaml",
        include_str!("../../templates/init/questions/debugging/symptom-and-root-cause.yaml"),
    ),
    (
        "questions/debugging/slow-service-tools.yaml",
        include_str!("../../templates/init/questions/debugging/slow-service-tools.yaml"),
    ),
    (
        "questions/debugging/error-rate-after-release.yaml",
        include_str!("../../templates/init/questions/debugging/error-rate-after-release.yaml"),
    ),
    (
        "questions/teamwork/review-that-changed-design.yaml",
        include_str!("../../templates/init/questions/teamwork/review-that-changed-design.yaml"),
    ),
    (
        "questions/teamwork/disagreement-with-teammate.yaml",
        include_str!("../../templates/init/questions/teamwork/disagreement-with-teammate.yaml"),
    ),
    (
        "questions/kits/example-interview.yaml",
        include_str!("../../templates/init/questions/kits/example-interview.yaml"),
    ),
    (
        "qbank.toml",
        include_str!("../../templates/init/qbank.toml"),
    ),
    (
        ".pre-commit-config.yaml",
        include_str!("../../templates/init/.pre-commit-config.yaml"),
    ),
    (
        ".github/workflows/questions.yml",
        include_str!("../../templates/init/.github/workflows/questions.yml"),
    ),
];

/// The schemas the bank's modelines point at (`schema/` beside the bank folder).
const SCHEMAS: &[FileKind] = &[
    FileKind::Question,
    FileKind::Topics,
    FileKind::Kit,
    FileKind::Loop,
    FileKind::Competencies,
];

/// The files `qbank init` writes, by path below DIR, with their contents.
pub fn planned_files() -> Vec<(String, String)> {
    let version = env!("CARGO_PKG_VERSION");
    let mut files: Vec<(String, String)> = TEMPLATES
        .iter()
        .map(|(path, text)| ((*path).to_owned(), text.replace("{{version}}", version)))
        .collect();
    for kind in SCHEMAS {
        files.push((
            format!("schema/{}", kind.schema_file()),
            kind.schema_text().to_owned(),
        ));
    }
    files
}

pub fn run(args: InitArgs) -> Result<Outcome, Failure> {
    let dir = args.dir;
    if dir.exists() && !dir.is_dir() {
        return Err(Failure(format!("{} is not a folder", dir.display())));
    }
    // Example questions and a kit only make sense with the example topics: into a bank that
    // has its own topics.yaml, none of them is added.
    let existing_bank = dir.join(BANK).join("topics.yaml").exists();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let (mut created, mut skipped) = (0usize, 0usize);
    for (relative, text) in planned_files() {
        let path = dir.join(&relative);
        if existing_bank && relative.starts_with("questions/") {
            if relative == "questions/topics.yaml" {
                writeln!(
                    out,
                    "skipped {} and the example questions and kit: the bank exists already",
                    shown(&path)
                )?;
                skipped += 1;
            }
            continue;
        }
        match create_new(&path, text.as_bytes()) {
            Ok(true) => {
                writeln!(out, "created {}", shown(&path))?;
                created += 1;
            }
            Ok(false) => {
                writeln!(out, "skipped {} (it exists; left as it is)", shown(&path))?;
                skipped += 1;
            }
            Err(e) => {
                return Err(Failure(format!("cannot write {}: {e}", shown(&path))));
            }
        }
    }
    let bank = dir.join(BANK);
    writeln!(
        out,
        "\n{created} {} created, {skipped} skipped. Next:\n  qbank lint {}",
        if created == 1 { "file" } else { "files" },
        shown(&bank),
    )?;
    // The example kit is only worth building where it is (this run wrote it, or an earlier).
    if !existing_bank && bank.join("kits/example-interview.yaml").is_file() {
        writeln!(
            out,
            "  qbank kit build example-interview --bank {}",
            shown(&bank)
        )?;
    } else {
        writeln!(out, "  qbank kit list {}", shown(&bank))?;
    }
    out.flush()?;
    Ok(Outcome::Clean)
}

fn shown(path: &Path) -> String {
    path.strip_prefix(".").unwrap_or(path).display().to_string()
}

/// Writes `bytes` to `path` unless something is there: `Ok(false)` when it is. The text goes
/// to a temporary file first and is linked to its name, which fails if the name is taken, so
/// no reader ever sees a half-written file and nothing is ever replaced.
fn create_new(path: &Path, bytes: &[u8]) -> io::Result<bool> {
    if fs::symlink_metadata(path).is_ok() {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp: PathBuf = path.with_file_name(format!(".{name}.qbank-tmp"));
    let _ = fs::remove_file(&tmp);
    let result = (|| {
        let mut f = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        match fs::hard_link(&tmp, path) {
            Ok(()) => Ok(true),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(false),
            Err(e) => Err(e),
        }
    })();
    let _ = fs::remove_file(&tmp);
    result
}
