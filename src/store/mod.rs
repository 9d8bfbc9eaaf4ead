//! The board file: RON on disk, read carefully and written atomically.
//!
//! Rules this module keeps: a file that does not parse is never overwritten; a save writes a
//! temp file in the same folder, syncs it, keeps the previous board as `.bak`, renames over
//! the board and syncs the folder; one writer at a time holds `board.ron.lock`, only while
//! it writes, and removes it when done (`Store::lock`); a file changed since it was read is
//! merged with, never overwritten.

mod error;
mod files;
mod fingerprint;
mod format;
mod lock;
mod pretty;
mod stream;

use crate::hash::{Hashing, PieceHasher};
pub use error::StoreError;
pub use files::{
    MAX_FILE_BYTES, backup_path, lock_path, open_regular, read_regular, resolve_symlink,
    sibling_with_time, write_atomic,
};
use files::{
    Replaced, create_dir_private, new_file_owner, open_private, remove_stale_temp_files,
    write_replacing_with,
};
pub use fingerprint::{Fingerprint, Meta};
pub use format::{not_utf8_at, parse, to_ron, to_ron_with_serde};

use crate::model::Board;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Reads a board without locking it (for reading commands). A missing file is an empty board.
pub fn load(path: &Path) -> Result<Board, StoreError> {
    let snapshots = crate::cache::dir();
    match read_board(path, snapshots.as_deref())? {
        Some((board, fp, cached)) => {
            if !cached && let Some(dir) = &snapshots {
                // The next reading command opens fast; failing to keep a snapshot only
                // means it will not.
                let _ = crate::cache::store_in(dir, path, fp.hash, fp.size(), &board);
            }
            Ok(board)
        }
        None => Ok(Board::default()),
    }
}

/// The board file at `path` as it is now, with its fingerprint, and whether it came from
/// its snapshot; `None` when there is no file. A snapshot serves only when it was made from
/// exactly the file's bytes, and then the file is hashed as it is read, never held whole;
/// otherwise the file is read and parsed.
fn read_board(
    path: &Path,
    snapshots: Option<&Path>,
) -> Result<Option<(Board, Fingerprint, bool)>, StoreError> {
    let read_err = |source| StoreError::Read {
        path: path.to_path_buf(),
        source,
    };
    if let Some(dir) = snapshots {
        let Some(fp) = Fingerprint::of_file(path).map_err(read_err)? else {
            return Ok(None);
        };
        if let Some(board) = crate::cache::load_from(dir, path, fp.hash, fp.size()) {
            return Ok(Some((board, fp, true)));
        }
    }
    // A board file as rapport writes it is read a piece at a time, never held whole; any
    // other (and any error) is read whole and parsed, which words the error.
    if let Some((board, fp)) = stream::read(path) {
        return Ok(Some((board, fp, false)));
    }
    let Some((fp, bytes)) = Fingerprint::read(path).map_err(read_err)? else {
        return Ok(None);
    };
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let (line, col) = format::not_utf8_at(&bytes, &e);
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            col,
            message: "the file is not UTF-8 text here".into(),
            backup: Some(backup_path(path)).filter(|b| b.exists()),
        }
    })?;
    Ok(Some((parse(text, path)?, fp, false)))
}

/// How often a save starts over because the file changed while it was being written.
const SAVE_ATTEMPTS: u32 = 5;

/// How long a writer waits for another one to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// A board read for writing. Nothing is locked while it is held: each save takes the lock
/// (`board.ron.lock`) for as long as it writes, so several programs can share the board.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    /// The board file as rapport last read or wrote it, to notice changes made outside.
    seen: Arc<Mutex<Option<Fingerprint>>>,
    /// That version's board: the base of a merge when the file changed under us. It shares
    /// its contacts with the app's board (`Arc`), so keeping it costs little.
    base: Mutex<Board>,
    lock_wait: Duration,
    /// Set when the user asked for a board removed under us to be written back.
    recreate: Arc<std::sync::atomic::AtomicBool>,
    /// Why the last save could not keep a `.bak` (it still saved).
    backup_problem: Mutex<Option<String>>,
    /// The board was opened from a snapshot made from exactly the file's bytes.
    cached: bool,
    /// Where snapshots are kept (`None`: not at all).
    snapshots: Option<PathBuf>,
    /// A version of the file someone already read and parsed (the app's watcher), with its
    /// hash: a save that finds exactly that version on disk merges with it without reading
    /// it again.
    offered: Arc<Mutex<Option<(u64, Board)>>>,
    /// Tests: runs between writing the temp file and the last look at the board.
    #[cfg(test)]
    before_rename: Mutex<Option<BeforeRename>>,
}

#[cfg(test)]
struct BeforeRename(Box<dyn FnMut(&Path) + Send>);

#[cfg(test)]
impl std::fmt::Debug for BeforeRename {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BeforeRename")
    }
}

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    Clean,
    /// The file had been changed outside rapport since it was read: both versions were
    /// merged and the merge is what was saved (`conflicts`: fields both sides changed).
    Merged {
        board: Box<Board>,
        conflicts: usize,
    },
}

impl Store {
    /// Reads the board at `path` for writing. Creates missing folders (0700). A file that
    /// does not parse is refused, so it is never overwritten.
    pub fn open(path: &Path) -> Result<(Store, Board), StoreError> {
        Store::open_with_snapshots(path, crate::cache::dir())
    }

    /// `open`, keeping snapshots (`cache`) in `snapshots` rather than the user's cache
    /// folder, or none at all.
    pub fn open_with_snapshots(
        path: &Path,
        snapshots: Option<PathBuf>,
    ) -> Result<(Store, Board), StoreError> {
        let path = resolve_symlink(path);
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            create_dir_private(dir).map_err(|source| StoreError::Write {
                path: path.clone(),
                source,
            })?;
        }
        let (board, seen, cached) = match read_board(&path, snapshots.as_deref())? {
            Some((board, fp, cached)) => (board, Some(fp), cached),
            None => (Board::default(), None, false),
        };
        Ok((
            Store {
                path,
                seen: Arc::new(Mutex::new(seen)),
                base: Mutex::new(board.clone()),
                lock_wait: LOCK_WAIT,
                recreate: Arc::default(),
                backup_problem: Mutex::default(),
                cached,
                snapshots,
                offered: Arc::default(),
                #[cfg(test)]
                before_rename: Mutex::default(),
            },
            board,
        ))
    }

    /// How long a save waits for another writer (tests shorten it).
    pub fn with_lock_wait(mut self, wait: Duration) -> Store {
        self.lock_wait = wait;
        self
    }

    /// The fingerprint of the file as last read or written, shared so the app can notice
    /// outside edits while idle.
    pub fn seen(&self) -> Arc<Mutex<Option<Fingerprint>>> {
        Arc::clone(&self.seen)
    }

    /// Where a reader of the file (the app's watcher) leaves a version it parsed, with the
    /// hash of its bytes, for the next save to merge with (`offered`).
    pub fn offered(&self) -> Arc<Mutex<Option<(u64, Board)>>> {
        Arc::clone(&self.offered)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A flag that lets the next save write back a board that was removed under us (without
    /// it, such a save refuses: the user may have removed it on purpose).
    pub fn recreate_flag(&self) -> Arc<std::sync::atomic::AtomicBool> {
        Arc::clone(&self.recreate)
    }

    /// Where this store keeps snapshots of the board, if anywhere.
    pub fn snapshots(&self) -> Option<&Path> {
        self.snapshots.as_deref()
    }

    /// Whether the board came from its snapshot (`cache`) rather than parsing the RON.
    pub fn opened_from_snapshot(&self) -> bool {
        self.cached
    }

    /// Why the last save kept no backup of the previous version, as a sentence; `None`
    /// when it kept one (or there was nothing to back up).
    pub fn backup_problem(&self) -> Option<String> {
        self.backup_problem
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Why this board cannot be saved, if it cannot: the user made it read-only, it belongs
    /// to another user (as root, say: replacing it would take it away from its owner), or
    /// its folder cannot be written. The app then opens it read-only.
    pub fn read_only(&self) -> Option<StoreError> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let board = fs::metadata(&self.path).ok();
            if let Some(m) = &board
                && m.mode() & 0o200 == 0
            {
                return Some(StoreError::ReadOnly {
                    path: self.path.clone(),
                    mode: m.mode() & 0o777,
                });
            }
            // A file made now gets our user id: compare it with the board's owner.
            match new_file_owner(&self.path) {
                Err(source) => {
                    return Some(StoreError::FolderReadOnly {
                        path: self.path.clone(),
                        source,
                    });
                }
                Ok(me) => {
                    if let Some(m) = board
                        && me != m.uid()
                    {
                        return Some(StoreError::NotOwner {
                            path: self.path.clone(),
                            owner: m.uid(),
                        });
                    }
                }
            }
        }
        None
    }

    /// Saves atomically, keeping the previous version as `.bak`. If the file was changed
    /// outside rapport since it was read, the two are merged (`model::merge`, with the
    /// version last read or written as the base) and the merge is saved; a changed file
    /// that cannot be read is kept beside the board first. Nothing is ever lost.
    pub fn save(&self, board: &Board) -> Result<Saved, StoreError> {
        let write_err = |source| StoreError::Write {
            path: self.path.clone(),
            source,
        };
        if let Some(e) = self.read_only() {
            return Err(e);
        }
        let _lock = self.lock()?;
        remove_stale_temp_files(&self.path);
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        let mut base = self.base.lock().unwrap_or_else(|p| p.into_inner());
        // A version written by someone else while this one was being written (a sync tool,
        // an editor) is noticed just before the rename, and the save starts over, merging
        // with it. Only if the file keeps changing does the save give up (and is retried).
        let mut attempts = 0;
        let (merged, out_hash, backup, body) = loop {
            attempts += 1;
            if attempts > SAVE_ATTEMPTS {
                return Err(StoreError::Changed {
                    path: self.path.clone(),
                    reason: "it kept changing while rapport was saving".into(),
                });
            }
            let mut merged = None;
            // Hashed as it is read; read whole only when it changed and must be merged with.
            let now = Fingerprint::of_file(&self.path).map_err(write_err)?;
            // Asked for once: a write-back that fails asks again rather than staying allowed.
            if now.is_none()
                && seen.is_some()
                && !self
                    .recreate
                    .swap(false, std::sync::atomic::Ordering::SeqCst)
            {
                return Err(StoreError::Removed {
                    path: self.path.clone(),
                });
            }
            // The version on disk that this save builds on.
            let mut read = now;
            // Always by content here: writers that follow each other within the file
            // system's clock tick can leave a file of the same size, times and even (reused)
            // inode.
            let changed = now
                .as_ref()
                .is_some_and(|n| seen.as_ref().is_none_or(|s| s.hash != n.hash));
            // The version the app's watcher already read, if it is the one on disk now.
            let offered = self
                .offered
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .take()
                .filter(|(hash, _)| changed && now.is_some_and(|n| n.hash == *hash));
            let theirs = match (offered, now) {
                (Some((_, theirs)), Some(now)) => Some((now, theirs)),
                _ if changed => match Fingerprint::read(&self.path).map_err(write_err)? {
                    Some((now, bytes)) => {
                        let text = String::from_utf8(bytes).map_err(|e| {
                            let (line, col) = format::not_utf8_at(e.as_bytes(), &e.utf8_error());
                            StoreError::Changed {
                                path: self.path.clone(),
                                reason: format!(
                                    "it is not UTF-8 text at line {line}, column {col}"
                                ),
                            }
                        })?;
                        // A version that does not parse is someone's edit in progress:
                        // never written over. The caller keeps its board and tries again;
                        // once the file reads, the two are merged.
                        let theirs = parse(&text, &self.path).map_err(|e| StoreError::Changed {
                            path: self.path.clone(),
                            reason: e.brief(),
                        })?;
                        Some((now, theirs))
                    }
                    None => None,
                },
                _ => None,
            };
            if let Some((now, theirs)) = theirs {
                read = Some(now);
                let m = crate::model::merge(&base, board, &theirs, crate::clock::now());
                if m.board == theirs {
                    // Nothing of ours to add: leave their file as they wrote it (comments
                    // and all), and take it as the new base.
                    *seen = Some(now);
                    *base = m.board.clone();
                    return Ok(Saved::Merged {
                        board: Box::new(m.board),
                        conflicts: m.conflicts,
                    });
                }
                merged = Some(m);
            }
            let out = merged
                .as_ref()
                .map_or(board, |m: &crate::model::Merged| &m.board);
            // Still the version read, by content (a metadata look is not enough, as above).
            let unchanged = || -> io::Result<bool> {
                #[cfg(test)]
                if let Some(f) = self
                    .before_rename
                    .lock()
                    .unwrap_or_else(|p| p.into_inner())
                    .as_mut()
                {
                    (f.0)(&self.path);
                }
                let now = Fingerprint::of_file(&self.path)?;
                // Hashing a big file takes a while: the path must still name the file that
                // was hashed (a replace meanwhile leaves another one there).
                Ok(now.map(|f| f.hash) == read.map(|f| f.hash)
                    && !Fingerprint::stale(now.as_ref(), &self.path))
            };
            // The text goes to the temp file as it is made, hashed on the way; meanwhile the
            // snapshot is written on another core (its header waits for the text's hash).
            let mut hash = None;
            let (replaced, body) = std::thread::scope(|s| {
                let body = self
                    .snapshots
                    .as_ref()
                    .map(|dir| s.spawn(move || crate::cache::Pending::write(dir, out)));
                let replaced = write_replacing_with(
                    &self.path,
                    true,
                    |f| {
                        let mut w = Hashing {
                            inner: f,
                            hash: PieceHasher::default(),
                        };
                        pretty::write_board(out, &mut w)?;
                        hash = Some(w.hash.finish());
                        Ok(())
                    },
                    unchanged,
                );
                (replaced, body.and_then(|b| b.join().ok()))
            });
            match replaced.map_err(write_err)? {
                Replaced::Done(backup) => {
                    let hash = hash
                        .ok_or_else(|| write_err(io::Error::other("the board was not written")))?;
                    break (merged, hash, backup, body);
                }
                Replaced::Abandoned => continue,
            }
        };
        let out = merged.as_ref().map_or(board, |m| &m.board);
        let hash = out_hash;
        *self.backup_problem.lock().unwrap_or_else(|p| p.into_inner()) = backup.map(|e| {
            let bak = backup_path(&self.path);
            let what = if bak.is_dir() {
                "it is a folder".to_string()
            } else {
                e.to_string()
            };
            format!(
                "Saved, but no backup could be kept as {} ({what}); move that away so the next save keeps one.",
                bak.display()
            )
        });
        let meta = fs::metadata(&self.path).map_err(write_err)?;
        let written = Fingerprint::of_hash(hash, &meta);
        *seen = Some(written);
        // The next open of this version is fast; failing to keep a snapshot only means
        // it will not be.
        if let (Some(dir), Some(Ok(pending))) = (&self.snapshots, body) {
            let _ = pending.keep(dir, &self.path, written.hash, written.size());
        }
        *base = out.clone();
        self.recreate
            .store(false, std::sync::atomic::Ordering::SeqCst);
        // Written first, then handed back: the merged board is moved, never copied.
        Ok(match merged {
            Some(m) => Saved::Merged {
                board: Box::new(m.board),
                conflicts: m.conflicts,
            },
            None => Saved::Clean,
        })
    }
}

#[cfg(test)]
mod tests;
