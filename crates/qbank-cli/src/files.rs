//! Writing files so that no reader ever sees one half-written: each new text goes to a
//! temporary file beside its target first, and only when every one of them is on disk are they
//! renamed into place. If anything fails, what was already done is undone.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use qbank_export::formats;

/// Whether `out` is `-`, which means standard output.
pub fn is_stdout(out: &Path) -> bool {
    out.as_os_str() == "-"
}

/// An error when the extension of `out` names another known format than `format` (a
/// [`qbank_export::formats::Format`]'s name); an unknown extension, or none, is the user's
/// choice.
pub fn check_extension(out: &Path, format: &str) -> Result<(), String> {
    let Some(ext) = out.extension().and_then(|e| e.to_str()) else {
        return Ok(());
    };
    let ext = ext.to_ascii_lowercase();
    let Some(named) = formats::by_extension(&ext).map(|f| f.name) else {
        return Ok(());
    };
    if named == format {
        return Ok(());
    }
    let wanted = formats::FORMATS
        .iter()
        .find(|f| f.name == format)
        .map(|f| f.extensions[0])
        .unwrap_or("");
    Err(format!(
        "--out {}: the extension says {named}, but the output is {format}; name it {} or choose the format that matches",
        out.display(),
        out.with_extension(wanted).display()
    ))
}

/// Writes `bytes` to standard output (`out` none or `-`) or to the file `out`, atomically.
pub fn emit(out: Option<&Path>, bytes: &[u8]) -> Result<(), String> {
    match out {
        Some(path) if !is_stdout(path) => {
            if path.is_dir() {
                return Err(format!("cannot write {}: it is a folder", path.display()));
            }
            write_atomic(path, bytes).map_err(|e| format!("cannot write {}: {e}", path.display()))
        }
        _ => {
            let stdout = io::stdout();
            let mut lock = stdout.lock();
            lock.write_all(bytes)
                .and_then(|()| lock.flush())
                .map_err(|e| e.to_string())
        }
    }
}

/// One file to write.
pub struct PlannedFile {
    pub path: PathBuf,
    /// What the file holds now (`None`: it must not exist yet).
    pub old: Option<String>,
    pub new: Vec<u8>,
}

/// Writes `bytes` to `path` through a temporary file and a rename. A device or a pipe
/// (`-o /dev/stdout`) is written into rather than replaced by an ordinary file, and a link
/// keeps pointing where it did: the file it names is replaced.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        let mut f = fs::OpenOptions::new().write(true).open(path)?;
        f.write_all(bytes)?;
        return f.flush();
    }
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return match fs::canonicalize(path) {
            Ok(target) if target != path => write_atomic(&target, bytes),
            // A link to nothing yet: the file it names is made.
            _ => {
                let mut f = fs::File::create(path)?;
                f.write_all(bytes)?;
                f.sync_all()
            }
        };
    }
    let tmp = temp_path(path);
    let result = (|| {
        let mut f = create_new(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        if let Ok(meta) = fs::metadata(path) {
            fs::set_permissions(&tmp, meta.permissions())?;
        }
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Writes every file or none: checks that each target still holds what it held when it was
/// read, writes all temporary files, then renames them into place, undoing it all on failure.
pub fn write_all(files: &[PlannedFile]) -> Result<(), String> {
    for f in files {
        match (&f.old, fs::read(&f.path)) {
            (None, Ok(_)) => return Err(format!("{} exists already", f.path.display())),
            (None, Err(e)) if e.kind() == io::ErrorKind::NotFound => {}
            (None, Err(e)) => return Err(format!("cannot check {}: {e}", f.path.display())),
            (Some(old), Ok(now)) if now != old.as_bytes() => {
                return Err(format!(
                    "{} changed while the import ran; run it again",
                    f.path.display()
                ))
            }
            (Some(_), Ok(_)) => {}
            (Some(_), Err(e)) => return Err(format!("cannot read {}: {e}", f.path.display())),
        }
    }

    let mut made_dirs: Vec<PathBuf> = Vec::new();
    let mut temps: Vec<PathBuf> = Vec::new();
    let undo_temps = |temps: &[PathBuf], made_dirs: &[PathBuf]| {
        for t in temps {
            let _ = fs::remove_file(t);
        }
        for d in made_dirs.iter().rev() {
            let _ = fs::remove_dir(d);
        }
    };
    for f in files {
        let step = (|| -> io::Result<()> {
            if let Some(dir) = f.path.parent() {
                make_dirs(dir, &mut made_dirs)?;
            }
            let tmp = temp_path(&f.path);
            let mut file = create_new(&tmp)?;
            temps.push(tmp.clone());
            // No fsync per file: with thousands of files it costs minutes, and the renames
            // already make sure no reader sees a half-written file. Flushing to disk is left to
            // the operating system, as git leaves it by default.
            file.write_all(&f.new)?;
            if let Ok(meta) = fs::metadata(&f.path) {
                fs::set_permissions(&tmp, meta.permissions())?;
            }
            Ok(())
        })();
        if let Err(e) = step {
            undo_temps(&temps, &made_dirs);
            return Err(format!(
                "cannot write {}: {e}; nothing was changed",
                f.path.display()
            ));
        }
    }

    for (i, (f, tmp)) in files.iter().zip(&temps).enumerate() {
        if let Err(e) = fs::rename(tmp, &f.path) {
            // Put back what was already replaced.
            let mut lost = Vec::new();
            for done in &files[..i] {
                let restored = match &done.old {
                    Some(old) => write_atomic(&done.path, old.as_bytes()),
                    None => fs::remove_file(&done.path),
                };
                if restored.is_err() {
                    lost.push(done.path.display().to_string());
                }
            }
            undo_temps(&temps[i..], &made_dirs);
            let mut message = format!("cannot write {}: {e}", f.path.display());
            if lost.is_empty() {
                message.push_str("; nothing was changed");
            } else {
                message.push_str(&format!(
                    "; could not undo the change of {}",
                    lost.join(", ")
                ));
            }
            return Err(message);
        }
    }
    Ok(())
}

fn make_dirs(dir: &Path, made: &mut Vec<PathBuf>) -> io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    if let Some(parent) = dir.parent() {
        make_dirs(parent, made)?;
    }
    fs::create_dir(dir)?;
    made.push(dir.to_path_buf());
    Ok(())
}

fn create_new(path: &Path) -> io::Result<File> {
    // A temporary file left by a run that was killed is ours to replace.
    let _ = fs::remove_file(path);
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// `.<name>.qbank-tmp` beside `path` (hidden, so a bank load skips it).
fn temp_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.qbank-tmp"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_must_match_the_format() {
        assert!(check_extension(Path::new("kit.pdf"), "PDF").is_ok());
        assert!(check_extension(Path::new("KIT.PDF"), "PDF").is_ok());
        assert!(check_extension(Path::new("kit"), "PDF").is_ok());
        assert!(check_extension(Path::new("kit.out"), "DOCX").is_ok());
        let e = check_extension(Path::new("dir/kit.pdf"), "DOCX").unwrap_err();
        assert_eq!(
            e,
            "--out dir/kit.pdf: the extension says PDF, but the output is DOCX; name it dir/kit.docx or choose the format that matches"
        );
        assert!(check_extension(Path::new("bank.json"), "CSV").is_err());
    }

    fn planned(path: PathBuf, old: Option<&str>, new: &str) -> PlannedFile {
        PlannedFile {
            path,
            old: old.map(str::to_owned),
            new: new.as_bytes().to_vec(),
        }
    }

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("qbank-files-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[cfg(unix)]
    #[test]
    fn a_link_keeps_pointing_where_it_did() {
        let dir = scratch("link");
        fs::write(dir.join("real.pdf"), "old").unwrap();
        std::os::unix::fs::symlink("real.pdf", dir.join("link.pdf")).unwrap();
        write_atomic(&dir.join("link.pdf"), b"new").unwrap();
        assert!(fs::symlink_metadata(dir.join("link.pdf"))
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read_to_string(dir.join("real.pdf")).unwrap(), "new");
        // A link to nothing yet makes the file it names.
        std::os::unix::fs::symlink("later.pdf", dir.join("dangling.pdf")).unwrap();
        write_atomic(&dir.join("dangling.pdf"), b"made").unwrap();
        assert_eq!(fs::read_to_string(dir.join("later.pdf")).unwrap(), "made");
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_is_written_into_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = scratch("pipe");
        let pipe = dir.join("kit.pdf");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here
        }
        let reader = {
            let pipe = pipe.clone();
            std::thread::spawn(move || fs::read(pipe).unwrap())
        };
        write_atomic(&pipe, b"kit").unwrap();
        assert_eq!(reader.join().unwrap(), b"kit");
        assert!(fs::symlink_metadata(&pipe).unwrap().file_type().is_fifo());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn writes_all_files() {
        let dir = scratch("all");
        fs::write(dir.join("old.yaml"), "old").unwrap();
        let files = [
            planned(dir.join("new/deeper/a.yaml"), None, "a"),
            planned(dir.join("old.yaml"), Some("old"), "new"),
        ];
        write_all(&files).unwrap();
        assert_eq!(
            fs::read_to_string(dir.join("new/deeper/a.yaml")).unwrap(),
            "a"
        );
        assert_eq!(fs::read_to_string(dir.join("old.yaml")).unwrap(), "new");
        // A second run finds the files changed and refuses.
        assert!(write_all(&files).unwrap_err().ends_with("exists already"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn file_changed_meanwhile_is_not_overwritten() {
        let dir = scratch("changed");
        fs::write(dir.join("q.yaml"), "edited by hand").unwrap();
        let files = [planned(dir.join("q.yaml"), Some("as read"), "new")];
        assert!(write_all(&files)
            .unwrap_err()
            .contains("changed while the import ran"));
        assert_eq!(
            fs::read_to_string(dir.join("q.yaml")).unwrap(),
            "edited by hand"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    /// Where no folder can be made (/proc), the files written before are taken back.
    #[cfg(target_os = "linux")]
    #[test]
    fn failure_takes_back_what_was_written() {
        let dir = scratch("undo");
        fs::write(dir.join("old.yaml"), "old").unwrap();
        let files = [
            planned(dir.join("topic/a.yaml"), None, "a"),
            planned(dir.join("old.yaml"), Some("old"), "new"),
            planned(
                PathBuf::from("/proc/qbank-no-such-folder/b.yaml"),
                None,
                "b",
            ),
        ];
        let e = write_all(&files).unwrap_err();
        assert!(e.ends_with("nothing was changed"), "{e}");
        let mut left: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["old.yaml"]);
        assert_eq!(fs::read_to_string(dir.join("old.yaml")).unwrap(), "old");
        let _ = fs::remove_dir_all(&dir);
    }
}
