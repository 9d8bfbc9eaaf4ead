//! Edits made to the board file outside rapport: noticed while nothing waits to be saved,
//! and reported to the app as actions.

use crate::action::Action;
use std::sync::Arc;

/// Notices edits made to the board file outside rapport while nothing is waiting to be
/// saved, and hands back the new board to take.
pub(super) struct Watch {
    pub(super) path: std::path::PathBuf,
    pub(super) seen: Arc<std::sync::Mutex<Option<crate::store::Fingerprint>>>,
    pub(super) last_check: std::time::Instant,
    /// A changed file that could not be read, already reported.
    pub(super) reported: Option<u64>,
}

impl Watch {
    /// `Reloaded` with the new board, or `OutsideUnreadable` once per unreadable version.
    pub(super) fn outside_change(&mut self) -> Option<Action> {
        use crate::store::{self, Fingerprint};
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if !Fingerprint::stale(seen.as_ref(), &self.path) {
            return None;
        }
        let (now, bytes) = Fingerprint::read(&self.path).ok()??;
        if seen.as_ref().is_some_and(|s| s.hash == now.hash) {
            // Touched, not changed.
            *seen = Some(now);
            return None;
        }
        let parsed = String::from_utf8(bytes)
            .map_err(|_| "it is not UTF-8 text".to_string())
            .and_then(|t| store::parse(&t, &self.path).map_err(|e| e.to_string()));
        match parsed {
            Ok(board) => {
                *seen = Some(now);
                self.reported = None;
                Some(Action::Reloaded(Box::new(board)))
            }
            Err(e) => {
                // Leave `seen` alone: the next save keeps that version aside before writing.
                if self.reported == Some(now.hash) {
                    return None;
                }
                self.reported = Some(now.hash);
                Some(Action::OutsideUnreadable(e))
            }
        }
    }
}
