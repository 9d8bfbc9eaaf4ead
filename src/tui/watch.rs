//! Edits made to the board file outside rapport (another terminal, an editor, a sync tool):
//! noticed while nothing waits to be saved. A readable change is merged by the saving
//! thread, which holds the version the change is compared against.

use crate::model::Board;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// What changed on disk.
pub(super) enum Outside {
    /// A readable new version: hand the board to the saver, which merges.
    Changed,
    /// A readable new version of a read-only board: nothing to merge, show it as it is.
    Reread(Box<Board>),
    /// A version that cannot be read (a file half-edited by hand): said once, left alone.
    Unreadable(String),
    /// The file was removed or moved away: said once, until it is back.
    Removed,
    /// The file is back after being removed (same content, or changed: then `Changed`
    /// follows at the next look).
    Returned,
}

/// Notices edits made to the board file outside rapport while nothing is waiting to be
/// saved.
pub(super) struct Watch {
    pub(super) path: std::path::PathBuf,
    pub(super) seen: Arc<std::sync::Mutex<Option<crate::store::Fingerprint>>>,
    /// Set once the user asked to write a removed board back (shared with the saver).
    pub(super) recreate: Arc<AtomicBool>,
    pub(super) last_check: std::time::Instant,
    /// A changed file that could not be read, already reported.
    pub(super) reported: Option<u64>,
    /// The file's removal has been reported.
    pub(super) removed: bool,
    pub(super) read_only: bool,
    /// The board was parsed (no snapshot matched): keep one once the first frame is up.
    pub(super) snapshot_due: bool,
    /// Where snapshots go (none: not kept).
    pub(super) snapshots: Option<std::path::PathBuf>,
    /// The thread keeping that snapshot; quitting waits for it, after the terminal is
    /// restored, so a quick look still makes the next open fast.
    pub(super) snapshot: Option<std::thread::JoinHandle<()>>,
}

impl Watch {
    /// Keeps a snapshot of the board as read, in the background, so the next open is
    /// fast. Called once the first frame is drawn: the copy never delays it.
    pub(super) fn keep_snapshot(&mut self, board: &Board) {
        if !std::mem::take(&mut self.snapshot_due) {
            return;
        }
        let Some(fp) = *self.seen.lock().unwrap_or_else(|p| p.into_inner()) else {
            return;
        };
        let Some(dir) = self.snapshots.clone() else {
            return;
        };
        let (path, board) = (self.path.clone(), board.clone());
        self.snapshot = Some(std::thread::spawn(move || {
            let _ = crate::cache::store_in(&dir, &path, fp.hash, fp.size(), &board);
        }));
    }

    /// A change worth acting on, once per version.
    pub(super) fn outside_change(&mut self) -> Option<Outside> {
        use crate::store::{self, Fingerprint};
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if !Fingerprint::stale(seen.as_ref(), &self.path) {
            // As rapport last wrote it (a write-back, say): nothing was removed.
            self.removed = false;
            return None;
        }
        let (now, bytes) = match Fingerprint::read(&self.path) {
            Ok(Some(found)) => found,
            // Gone (`stale` saw a file before): removed or moved away. Saves refuse to
            // write it back until the user says so.
            Ok(None) => {
                if seen.is_some() && !self.removed {
                    self.removed = true;
                    return Some(Outside::Removed);
                }
                return None;
            }
            // There but not readable (permissions, a folder in its place): said once, like
            // a file half-edited by hand; never taken for a removal.
            Err(e) => {
                let e = e.to_string();
                let key = {
                    use std::hash::{Hash, Hasher};
                    let mut h = std::collections::hash_map::DefaultHasher::new();
                    e.hash(&mut h);
                    h.finish()
                };
                if self.reported == Some(key) {
                    return None;
                }
                self.reported = Some(key);
                return Some(Outside::Unreadable(e));
            }
        };
        if std::mem::take(&mut self.removed) {
            return Some(Outside::Returned);
        }
        if seen.as_ref().is_some_and(|s| s.hash == now.hash) {
            // Touched, not changed.
            *seen = Some(now);
            return None;
        }
        let parsed = String::from_utf8(bytes)
            .map_err(|_| "it is not UTF-8 text".to_string())
            .and_then(|t| store::parse(&t, &self.path).map_err(|e| e.brief()));
        match parsed {
            Ok(board) if self.read_only => {
                // Nothing will be saved, so nothing needs this version as a base.
                *seen = Some(now);
                self.reported = None;
                Some(Outside::Reread(Box::new(board)))
            }
            Ok(_) => {
                // `seen` stays as it is: the save compares against it and merges.
                self.reported = None;
                Some(Outside::Changed)
            }
            Err(e) => {
                // Leave `seen` alone: the next save keeps that version aside before writing.
                if self.reported == Some(now.hash) {
                    return None;
                }
                self.reported = Some(now.hash);
                Some(Outside::Unreadable(e))
            }
        }
    }
}
