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
    /// Where a look leaves the version it parsed, for the save that merges it.
    pub(super) offered: Arc<std::sync::Mutex<Option<(u64, Board)>>>,
    /// A look at the file under way (`start_look`).
    pub(super) looking: Option<std::thread::JoinHandle<(Option<Outside>, Look)>>,
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

    /// Starts a look at the file when its metadata says it may have changed. The look
    /// (reading and parsing a big board can take most of a second) runs on its own thread,
    /// so keys are never kept waiting; `finished` gives its result.
    pub(super) fn start_look(&mut self) {
        if self.looking.is_some() {
            return;
        }
        let seen = *self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if !crate::store::Fingerprint::stale(seen.as_ref(), &self.path) {
            // As rapport last wrote it (a write-back, say): nothing was removed.
            self.removed = false;
            return;
        }
        let look = Look {
            path: self.path.clone(),
            seen: Arc::clone(&self.seen),
            offered: Arc::clone(&self.offered),
            reported: self.reported,
            removed: self.removed,
            read_only: self.read_only,
        };
        self.looking = Some(std::thread::spawn(move || look.run()));
    }

    /// What the last look found, once it is done. With `apply` false (a save started
    /// meanwhile, and merges whatever is on disk) it is dropped, and the next look starts
    /// afresh.
    pub(super) fn finished(&mut self, apply: bool) -> Option<Outside> {
        if !self.looking.as_ref().is_some_and(|h| h.is_finished()) {
            return None;
        }
        let (outside, look) = self.looking.take()?.join().ok()?;
        if !apply {
            return None;
        }
        self.reported = look.reported;
        self.removed = look.removed;
        outside
    }
}

/// One look at the board file, with the watcher's memory of what it already said.
pub(super) struct Look {
    path: std::path::PathBuf,
    seen: Arc<std::sync::Mutex<Option<crate::store::Fingerprint>>>,
    offered: Arc<std::sync::Mutex<Option<(u64, Board)>>>,
    reported: Option<u64>,
    removed: bool,
    read_only: bool,
}

impl Look {
    /// A change worth acting on, once per version.
    fn run(mut self) -> (Option<Outside>, Look) {
        let outside = self.outside_change();
        (outside, self)
    }

    fn outside_change(&mut self) -> Option<Outside> {
        use crate::store::{self, Fingerprint};
        // Not held while the file is read and parsed: the saving thread uses it.
        let seen = *self.seen.lock().unwrap_or_else(|p| p.into_inner());
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
            self.see(seen, now);
            return None;
        }
        let parsed = String::from_utf8(bytes)
            .map_err(|e| {
                let (line, col) = store::not_utf8_at(e.as_bytes(), &e.utf8_error());
                format!("it is not UTF-8 text at line {line}, column {col}")
            })
            .and_then(|t| store::parse(&t, &self.path).map_err(|e| e.brief()));
        match parsed {
            Ok(board) if self.read_only => {
                // Nothing will be saved, so nothing needs this version as a base.
                self.see(seen, now);
                self.reported = None;
                Some(Outside::Reread(Box::new(board)))
            }
            Ok(board) => {
                // `seen` stays as it is: the save compares against it and merges, with this
                // board if the file is still this version (it is not parsed twice).
                *self.offered.lock().unwrap_or_else(|p| p.into_inner()) = Some((now.hash, board));
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

    /// Takes `now` as the version seen, unless a save changed what was seen meanwhile.
    fn see(&self, was: Option<crate::store::Fingerprint>, now: crate::store::Fingerprint) {
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if *seen == was {
            *seen = Some(now);
        }
    }
}
