//! Vectors already computed, kept between runs: `.qbank_cache/embeddings/<model>.bin`.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::Error;

/// The cache folder's name, beside the bank's `qbank.toml` (or at the root of its git
/// repository). It holds its own `.gitignore`, so git never sees it.
pub const CACHE_DIR: &str = ".qbank_cache";

/// What a cache file starts with.
const MAGIC: &[u8; 8] = b"QBEMB001";

/// A text's key: the first 16 bytes of its SHA-256.
type Key = [u8; 16];

fn key(text: &str) -> Key {
    let digest = Sha256::digest(text.as_bytes());
    let mut k = [0u8; 16];
    k.copy_from_slice(&digest[..16]);
    k
}

/// The vectors one model has computed, by text.
///
/// The file is a header (magic, vector length) and then entries of a 16-byte text key and
/// the vector's floats, little-endian. A file that is damaged or of another length is
/// ignored (and rewritten on [`Cache::save`]), never trusted: the cache can only cost time.
#[derive(Debug)]
pub struct Cache {
    path: PathBuf,
    dim: usize,
    vectors: HashMap<Key, Vec<f32>>,
    /// Keys in the order they were added, for a file that reads the same each time.
    order: Vec<Key>,
    dirty: bool,
    /// Opened for some texts only ([`Cache::open_for`]): the file holds more than the map,
    /// and a save adds to it.
    partial: bool,
    /// The keys inserted since it was opened, in order.
    added: Vec<Key>,
}

impl Cache {
    /// The cache of the model `model_id` (vectors of length `dim`) in the folder `root`
    /// (its [`CACHE_DIR`]); empty when there is no file yet or it cannot be read.
    pub fn open(root: &Path, model_id: &str, dim: usize) -> Cache {
        let mut cache = Cache::empty(root, model_id, dim);
        cache.read_where(|_| true);
        cache
    }

    /// [`Cache::open`] holding only the vectors of `texts`: the file is read entry by entry
    /// and the others are left on disk, where [`Cache::save`] keeps them (it adds the new
    /// vectors to the file). For a few texts looked up in a large cache.
    pub fn open_for(root: &Path, model_id: &str, dim: usize, texts: &[&str]) -> Cache {
        let mut cache = Cache::empty(root, model_id, dim);
        let wanted: std::collections::HashSet<Key> = texts.iter().map(|t| key(t)).collect();
        cache.partial = cache.read_where(|k| wanted.contains(k)).is_some();
        cache
    }

    fn empty(root: &Path, model_id: &str, dim: usize) -> Cache {
        Cache {
            path: root
                .join(CACHE_DIR)
                .join("embeddings")
                .join(format!("{model_id}.bin")),
            dim,
            vectors: HashMap::new(),
            order: Vec::new(),
            dirty: false,
            partial: false,
            added: Vec::new(),
        }
    }

    /// Reads the file entry by entry, keeping the vectors whose keys `keep`; `None` (and
    /// nothing kept) when there is no file or it is damaged or of another length.
    fn read_where(&mut self, keep: impl Fn(&Key) -> bool) -> Option<()> {
        use std::io::Read;
        let file = std::fs::File::open(&self.path).ok()?;
        let entry = 16 + 4 * self.dim;
        let len = file.metadata().ok()?.len() as usize;
        if len < 12 || !(len - 12).is_multiple_of(entry) {
            return None;
        }
        let mut reader = std::io::BufReader::with_capacity(1 << 16, file);
        let mut header = [0u8; 12];
        reader.read_exact(&mut header).ok()?;
        if &header[..8] != MAGIC
            || u32::from_le_bytes(header[8..].try_into().ok()?) as usize != self.dim
        {
            return None;
        }
        let mut chunk = vec![0u8; entry];
        let mut kept = Vec::new();
        for _ in 0..(len - 12) / entry {
            reader.read_exact(&mut chunk).ok()?;
            let mut k: Key = [0; 16];
            k.copy_from_slice(&chunk[..16]);
            if keep(&k) {
                kept.push((k, floats(&chunk[16..])));
            }
        }
        for (k, v) in kept {
            if self.vectors.insert(k, v).is_none() {
                self.order.push(k);
            }
        }
        Some(())
    }

    /// The cached vector of `text`.
    pub fn get(&self, text: &str) -> Option<&[f32]> {
        self.vectors.get(&key(text)).map(Vec::as_slice)
    }

    /// Keeps `vector` as the vector of `text`.
    pub fn insert(&mut self, text: &str, vector: Vec<f32>) {
        if vector.len() != self.dim {
            return;
        }
        let k = key(text);
        if self.vectors.insert(k, vector).is_none() {
            self.order.push(k);
            self.added.push(k);
        }
        self.dirty = true;
    }

    /// How many vectors it holds.
    pub fn len(&self) -> usize {
        self.vectors.len()
    }

    pub fn is_empty(&self) -> bool {
        self.vectors.is_empty()
    }

    /// The file it is kept in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Writes the cache if anything was added: to a temporary file renamed over the old one,
    /// so a run cut short leaves the old file whole. Creates the cache folder with its
    /// `.gitignore` and `CACHEDIR.TAG`.
    pub fn save(&mut self) -> Result<(), Error> {
        if !self.dirty {
            return Ok(());
        }
        let dir = self.path.parent().unwrap_or(Path::new("."));
        let io = |p: &Path| {
            let p = p.to_owned();
            move |e| Error::Io(p, e)
        };
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        if let Some(top) = dir.parent() {
            let ignore = top.join(".gitignore");
            if !ignore.exists() {
                std::fs::write(
                    &ignore,
                    "# Written by qbank: the whole folder is a cache.\n*\n",
                )
                .map_err(io(&ignore))?;
            }
            let tag = top.join("CACHEDIR.TAG");
            if !tag.exists() {
                std::fs::write(
                    &tag,
                    "Signature: 8a477f597d28d172789f06886806bc55\n\
                     # This file is a cache directory tag created by qbank.\n",
                )
                .map_err(io(&tag))?;
            }
        }
        // Opened for some texts, the file's other vectors are copied as they are and the new
        // ones added after them; otherwise the file is what the map holds.
        let (keys, copied) = if self.partial {
            (&self.added, Some(&self.path))
        } else {
            (&self.order, None)
        };
        let mut bytes = Vec::with_capacity(12 + keys.len() * (16 + 4 * self.dim));
        if copied.is_none() {
            bytes.extend_from_slice(MAGIC);
            bytes.extend_from_slice(&(self.dim as u32).to_le_bytes());
        }
        for k in keys {
            bytes.extend_from_slice(k);
            for x in &self.vectors[k] {
                bytes.extend_from_slice(&x.to_le_bytes());
            }
        }
        let tmp = self
            .path
            .with_extension(format!("tmp{}", std::process::id()));
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::File::create(&tmp)?;
            if let Some(old) = copied {
                std::io::copy(&mut std::fs::File::open(old)?, &mut f)?;
            }
            f.write_all(&bytes)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &self.path)
        };
        if let Err(e) = write() {
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::Io(self.path.clone(), e));
        }
        self.dirty = false;
        self.added.clear();
        self.remove_stale(dir);
        Ok(())
    }

    /// Removes the files in `dir` of other models (or of an earlier arithmetic, which has
    /// another fingerprint) and half-written files, once none has been written for
    /// [`STALE_AFTER`]: a bank that switches between two models keeps both. Best effort: a
    /// file that cannot be removed stays, and costs only room.
    fn remove_stale(&self, dir: &Path) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let now = std::time::SystemTime::now();
        for entry in entries.flatten() {
            let path = entry.path();
            let ours = path == self.path;
            let cache_file = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| e == "bin" || e.starts_with("tmp"));
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| now.duration_since(t).ok())
                .is_some_and(|age| age > STALE_AFTER);
            if !ours && cache_file && old && entry.file_type().is_ok_and(|t| t.is_file()) {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
}

/// Little-endian floats.
fn floats(bytes: &[u8]) -> Vec<f32> {
    bytes
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect()
}

/// How long a cache file nobody writes is kept beside the one in use.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(14 * 24 * 3600);

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("qbank-embed-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn vectors_survive_a_save_and_other_models_do_not_see_them() {
        let root = scratch("cache");
        let mut cache = Cache::open(&root, "m1", 3);
        assert!(cache.is_empty());
        cache.insert("What is a thread?", vec![0.5, -0.25, 1.0]);
        cache.insert("wrong length", vec![1.0]);
        cache.save().unwrap();
        let again = Cache::open(&root, "m1", 3);
        assert_eq!(again.len(), 1);
        assert_eq!(
            again.get("What is a thread?"),
            Some([0.5, -0.25, 1.0].as_slice())
        );
        assert_eq!(again.get("What is a process?"), None);
        assert!(Cache::open(&root, "m2", 3).is_empty());
        let ignore = std::fs::read_to_string(root.join(CACHE_DIR).join(".gitignore")).unwrap();
        assert!(ignore.lines().any(|l| l == "*"));
        std::fs::remove_dir_all(root).unwrap();
    }

    /// Opened for a few texts, the cache holds only theirs, and a save adds the new vectors
    /// to the file without losing the others.
    #[test]
    fn a_cache_opened_for_some_texts_keeps_the_others_on_save() {
        let root = scratch("partial");
        let mut all = Cache::open(&root, "m", 2);
        all.insert("a", vec![1.0, 0.0]);
        all.insert("b", vec![0.0, 1.0]);
        all.save().unwrap();
        let mut some = Cache::open_for(&root, "m", 2, &["b", "c"]);
        assert_eq!((some.len(), some.get("a")), (1, None));
        assert_eq!(some.get("b"), Some([0.0, 1.0].as_slice()));
        some.insert("c", vec![0.5, 0.5]);
        some.save().unwrap();
        let again = Cache::open(&root, "m", 2);
        assert_eq!(again.len(), 3);
        assert_eq!(again.get("a"), Some([1.0, 0.0].as_slice()));
        assert_eq!(again.get("c"), Some([0.5, 0.5].as_slice()));
        // A damaged file is not added to: it is replaced by what the map holds.
        let path = again.path().to_owned();
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.push(0);
        std::fs::write(&path, bytes).unwrap();
        let mut some = Cache::open_for(&root, "m", 2, &["a"]);
        assert!(some.is_empty());
        some.insert("d", vec![0.25, 0.75]);
        some.save().unwrap();
        let again = Cache::open(&root, "m", 2);
        assert_eq!(
            (again.len(), again.get("d")),
            (1, Some([0.25, 0.75].as_slice()))
        );
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn files_of_other_models_unwritten_for_two_weeks_are_removed_on_save() {
        let root = scratch("stale");
        let mut first = Cache::open(&root, "old", 2);
        first.insert("a", vec![1.0, 0.0]);
        first.save().unwrap();
        let dir = root.join(CACHE_DIR).join("embeddings");
        let age = |name: &str, days: u64| {
            let path = dir.join(name);
            if !path.exists() {
                std::fs::write(&path, b"x").unwrap();
            }
            let when = std::time::SystemTime::now() - std::time::Duration::from_secs(days * 86400);
            std::fs::File::options()
                .write(true)
                .open(&path)
                .unwrap()
                .set_modified(when)
                .unwrap();
        };
        age("old.bin", 30);
        age("recent.bin", 3);
        age("half.tmp123", 30);
        age("notes.txt", 30);
        let mut now = Cache::open(&root, "new", 2);
        now.insert("a", vec![0.0, 1.0]);
        now.save().unwrap();
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, ["new.bin", "notes.txt", "recent.bin"]);
        // Its own file is never removed, however old.
        age("new.bin", 30);
        now.insert("b", vec![1.0, 0.0]);
        now.save().unwrap();
        assert_eq!(Cache::open(&root, "new", 2).len(), 2);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_damaged_file_is_ignored_and_replaced() {
        let root = scratch("damaged");
        let mut cache = Cache::open(&root, "m", 2);
        cache.insert("a", vec![1.0, 0.0]);
        cache.save().unwrap();
        let path = cache.path().to_owned();
        let mut bytes = std::fs::read(&path).unwrap();
        bytes.pop();
        std::fs::write(&path, &bytes).unwrap();
        let mut damaged = Cache::open(&root, "m", 2);
        assert!(damaged.is_empty());
        damaged.insert("b", vec![0.0, 1.0]);
        damaged.save().unwrap();
        assert_eq!(Cache::open(&root, "m", 2).len(), 1);
        // Another vector length under the same name is not read as this one.
        assert!(Cache::open(&root, "m", 3).is_empty());
        std::fs::remove_dir_all(root).unwrap();
    }
}
