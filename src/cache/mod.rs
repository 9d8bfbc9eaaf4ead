//! A binary snapshot of the board, to open big boards fast. The RON file stays the only
//! source of truth: a snapshot is used only when it was made from exactly the bytes the
//! board file holds now (same length and content hash) and its own checksum holds. Anything
//! else (stale, damaged, another version, unreadable) is ignored and the RON is parsed.
//!
//! Snapshots live in `$XDG_CACHE_HOME/rapport/` (or `RAPPORT_CACHE_DIR`), one per board
//! path, named by a hash of that path; the oldest are removed beyond `KEEP`.

mod codec;

use crate::model::{Board, FORMAT_VERSION};
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"rapportC";
/// Bumped whenever the snapshot's layout changes; the board's format version is checked too.
const CACHE_VERSION: u32 = 3;
const HEADER: usize = 8 + 4 + 4 + 8 + 8 + 8;
/// Snapshots kept for different boards.
const KEEP: usize = 8;

/// The snapshot folder; `None` turns caching off (no home folder, or `RAPPORT_CACHE_DIR`
/// set to an empty string).
pub fn dir() -> Option<PathBuf> {
    match std::env::var_os("RAPPORT_CACHE_DIR") {
        Some(d) if d.is_empty() => None,
        Some(d) => Some(PathBuf::from(d)),
        None => directories::ProjectDirs::from("", "", "rapport").map(|d| d.cache_dir().into()),
    }
}

fn hash(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

/// The snapshot file for the board at `board` (an absolute path where it can be made one,
/// so `b.ron` and `./b.ron` share it).
fn file_for(dir: &Path, board: &Path) -> PathBuf {
    let full = std::path::absolute(board).unwrap_or_else(|_| board.to_path_buf());
    let key = hash(full.as_os_str().as_encoded_bytes());
    dir.join(format!("{key:016x}.bin"))
}

/// The board the snapshot in `dir` holds for the board at `board`, if it was made from a
/// board file of exactly `len` bytes hashing to `source_hash`, and is whole.
pub fn load_from(dir: &Path, board: &Path, source_hash: u64, len: u64) -> Option<Board> {
    let file = file_for(dir, board);
    if !fs::metadata(&file).ok()?.is_file() {
        return None;
    }
    let bytes = fs::read(&file).ok()?;
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return None;
    }
    let u32_at = |i: usize| bytes[i..i + 4].try_into().ok().map(u32::from_le_bytes);
    let u64_at = |i: usize| bytes[i..i + 8].try_into().ok().map(u64::from_le_bytes);
    let fresh = u32_at(8)? == version()
        && u32_at(12)? == FORMAT_VERSION
        && u64_at(16)? == source_hash
        && u64_at(24)? == len
        && u64_at(32)? == crate::hash::hash_bytes(&bytes[HEADER..]);
    if !fresh {
        return None;
    }
    let board = codec::decode(&bytes[HEADER..])?;
    // Each contact was checked as it was decoded; what is left is the board as a whole.
    board.validate_ids().ok()?;
    Some(board)
}

/// The layout version mixed with this build's version: a snapshot is only read by the
/// rapport that could have written it.
fn version() -> u32 {
    let build = hash(concat!(env!("CARGO_PKG_VERSION"), "/1").as_bytes());
    CACHE_VERSION ^ (build as u32)
}

/// Keeps `board` in `dir` as the snapshot of a board file of `len` bytes hashing to
/// `source_hash`. Failing to keep one only makes the next open slower, so callers may
/// ignore the error.
pub fn store_in(
    dir: &Path,
    board_path: &Path,
    source_hash: u64,
    len: u64,
    board: &Board,
) -> io::Result<()> {
    Pending::write(dir, board)?.keep(dir, board_path, source_hash, len)
}

/// A snapshot written to a temp file, a chunk at a time (never held whole), waiting for the
/// hash of the board file it stands for (so it can be written while the board file is).
pub struct Pending {
    tmp: tempfile::NamedTempFile,
    body_hash: u64,
}

impl Pending {
    pub fn write(dir: &Path, board: &Board) -> io::Result<Pending> {
        let mut b = fs::DirBuilder::new();
        b.recursive(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::DirBuilderExt;
            b.mode(0o700);
        }
        b.create(dir)?;
        // A snapshot is private like the board, and replaced whole: a reader sees the old
        // one or the new one. No fsync: a snapshot lost in a power cut is only rebuilt.
        let mut tmp = tempfile::Builder::new()
            .prefix(".snapshot.")
            .suffix(".tmp")
            .tempfile_in(dir)?;
        // The header is written last, once all it holds is known.
        tmp.write_all(&[0; HEADER])?;
        let body_hash = {
            let mut w = crate::hash::Hashing {
                inner: io::BufWriter::with_capacity(1 << 16, tmp.as_file_mut()),
                hash: crate::hash::PieceHasher::default(),
            };
            codec::encode_to(board, &mut w)?;
            w.flush()?;
            w.hash.finish()
        };
        Ok(Pending { tmp, body_hash })
    }

    /// Completes the snapshot as the one of a board file of `len` bytes hashing to
    /// `source_hash`, and puts it in place.
    pub fn keep(
        mut self,
        dir: &Path,
        board_path: &Path,
        source_hash: u64,
        len: u64,
    ) -> io::Result<()> {
        use std::io::{Seek, SeekFrom};
        let mut head = Vec::with_capacity(HEADER);
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&version().to_le_bytes());
        head.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        head.extend_from_slice(&source_hash.to_le_bytes());
        head.extend_from_slice(&len.to_le_bytes());
        head.extend_from_slice(&self.body_hash.to_le_bytes());
        let file = self.tmp.as_file_mut();
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&head)?;
        self.tmp
            .persist(file_for(dir, board_path))
            .map_err(|e| e.error)?;
        prune(dir);
        Ok(())
    }
}

/// Removes all but the `KEEP` most recently written snapshots, and temp files a writer
/// killed mid-write left (after an hour: one may be being written now). Only files named
/// the way this module names them are touched: the folder may be one the user chose.
fn prune(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let ours = |name: &str| {
        name.strip_suffix(".bin")
            .is_some_and(|stem| stem.len() == 16 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
    };
    let mut snaps = Vec::new();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(modified) = e.metadata().ok().and_then(|m| m.modified().ok()) else {
            continue;
        };
        if ours(&name) {
            snaps.push((modified, e.path()));
        } else if name.starts_with(".snapshot.")
            && name.ends_with(".tmp")
            && modified.elapsed().is_ok_and(|age| age.as_secs() > 3600)
        {
            let _ = fs::remove_file(e.path());
        }
    }
    if snaps.len() <= KEEP {
        return;
    }
    snaps.sort();
    for (_, p) in &snaps[..snaps.len() - KEEP] {
        let _ = fs::remove_file(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pruning_touches_only_snapshots() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let keep = [
            "firmware.bin",
            "0123456789abcdeg.bin",
            "notes.txt",
            "abc.bin",
        ];
        for k in keep {
            fs::write(dir.path().join(k), b"x").unwrap_or_else(|e| panic!("{e}"));
        }
        for i in 0..(KEEP + 3) {
            fs::write(dir.path().join(format!("{i:016x}.bin")), b"x")
                .unwrap_or_else(|e| panic!("{e}"));
        }
        prune(dir.path());
        for k in keep {
            assert!(dir.path().join(k).exists(), "{k} was removed");
        }
        let snaps = fs::read_dir(dir.path())
            .unwrap_or_else(|e| panic!("{e}"))
            .flatten()
            .filter(|e| {
                let n = e.file_name().to_string_lossy().into_owned();
                n.len() == 20 && n.ends_with(".bin") && !keep.contains(&n.as_str())
            })
            .count();
        assert_eq!(snaps, KEEP);
    }
}
