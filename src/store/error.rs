//! What can go wrong with the board file, in words a user can act on.

use super::LOCK_WAIT;
use crate::model::FORMAT_VERSION;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("Could not read the board file {}: {source}. Check that it exists and that you may read it.", path.display())]
    Read { path: PathBuf, source: io::Error },

    #[error("The board file {} could not be read at line {line}, column {col}: {message}. Nothing was changed. Fix the file by hand{}, or move it away to start afresh.", path.display(), backup_hint(backup))]
    Parse {
        path: PathBuf,
        line: usize,
        col: usize,
        message: String,
        backup: Option<PathBuf>,
    },

    #[error("The board file {} is not valid: {message}. Nothing was changed. Fix the file by hand{}.", path.display(), backup_hint(backup))]
    Invalid {
        path: PathBuf,
        message: String,
        backup: Option<PathBuf>,
    },

    #[error("The board file {} was written by a newer rapport (format version {found}; this one reads up to {FORMAT_VERSION}). Update rapport to open it; nothing was changed.", path.display())]
    NewerVersion { path: PathBuf, found: u32 },

    #[error("The board {} is being written by another program, which has held {} for more than {} seconds. Try again in a moment; nothing was written.", path.display(), lock.display(), LOCK_WAIT.as_secs())]
    Locked { path: PathBuf, lock: PathBuf },

    #[error("The board {} is read-only (mode {mode:o}), so rapport will not replace it; nothing was written. Make it writable (chmod u+w) to save changes; reading commands work as they are.", path.display())]
    ReadOnly { path: PathBuf, mode: u32 },

    #[error("The board {} belongs to another user (uid {owner}); rapport will not replace it, which would take it away from them. Run rapport as that user; nothing was written.", path.display())]
    NotOwner { path: PathBuf, owner: u32 },

    #[error("The folder of the board {} cannot be written to ({source}), so rapport cannot save there; nothing was written. Check that folder's permissions, or copy the board somewhere writable.", path.display())]
    FolderReadOnly { path: PathBuf, source: io::Error },

    #[error("The board file {} was removed or moved away outside rapport, so nothing was written there. Your board is still open; write it back from the app, or quit to leave it removed.", path.display())]
    Removed { path: PathBuf },

    #[error("The board file {} was changed elsewhere and cannot be read yet ({reason}); rapport does not write over it. Your changes are kept and will be merged in once the file reads again.", path.display())]
    Changed { path: PathBuf, reason: String },

    #[error("Could not save the board to {}: {source}. The file on disk is unchanged; check free space and permissions for that folder.", path.display())]
    Write { path: PathBuf, source: io::Error },

    #[error("Could not lock the board {} (lock file {}): {source}. {}", path.display(), lock.display(), lock_hint(lock))]
    Lock {
        path: PathBuf,
        lock: PathBuf,
        source: io::Error,
    },

    #[error("The board file {} is empty (no contacts, not even the outline of a board), so rapport leaves it alone. Delete it to start a new board{}.", path.display(), backup_hint(backup))]
    Empty {
        path: PathBuf,
        backup: Option<PathBuf>,
    },
}

/// What to check when the lock file could not be opened: the file itself when it is there
/// (another user's, or read-only), else the folder it would be made in.
fn lock_hint(lock: &Path) -> String {
    if fs::symlink_metadata(lock).is_ok() {
        format!(
            "Check that you may write {}, or delete it: rapport makes a new one.",
            lock.display()
        )
    } else {
        let dir = lock
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        format!("Check that you may create files in {}.", dir.display())
    }
}

fn backup_hint(backup: &Option<PathBuf>) -> String {
    match backup {
        Some(b) => format!(" or restore the previous version from {}", b.display()),
        None => String::new(),
    }
}

impl StoreError {
    /// The problem in a few words, for a footer: "line 4, column 9: expected a comma".
    pub fn brief(&self) -> String {
        match self {
            StoreError::Parse {
                line, col, message, ..
            } => format!("line {line}, column {col}: {message}"),
            StoreError::Invalid { message, .. } => message.clone(),
            StoreError::Empty { .. } => "it is empty".into(),
            StoreError::NewerVersion { found, .. } => {
                format!("it was written by a newer rapport (format version {found})")
            }
            StoreError::ReadOnly { mode, .. } => {
                format!("the file is read-only (mode {mode:o}; chmod u+w and reopen to change it)")
            }
            StoreError::NotOwner { owner, .. } => {
                format!(
                    "the file belongs to another user (uid {owner}; run rapport as them to change it)"
                )
            }
            StoreError::FolderReadOnly { source, .. } => {
                format!("its folder cannot be written to ({source})")
            }
            other => other.to_string(),
        }
    }
}
