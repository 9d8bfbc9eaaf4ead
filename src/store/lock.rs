//! One writer at a time: `board.ron.lock`, held only while a save writes.

use super::{Store, StoreError, lock_path, open_private};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

impl Store {
    /// Takes the write lock, waiting up to `lock_wait` for another writer to finish.
    ///
    /// The lock is `flock` on `board.ron.lock`, and the holder removes that file before it
    /// lets go (see `WriteLock`), so none is left behind. A writer that opened the file
    /// before it was removed may then get the lock on a file no longer in the folder: once
    /// it holds a lock it checks that the path still names the very file it locked, and
    /// starts over if not. So two writers never both hold "the" lock.
    pub(super) fn lock(&self) -> Result<WriteLock, StoreError> {
        let lock = lock_path(&self.path);
        let lock_err = |source| StoreError::Lock {
            path: self.path.clone(),
            lock: lock.clone(),
            source,
        };
        let deadline = Instant::now() + self.lock_wait;
        loop {
            let file = open_private(&lock, false).map_err(lock_err)?;
            loop {
                match file.try_lock() {
                    Ok(()) => break,
                    Err(fs::TryLockError::WouldBlock) if Instant::now() < deadline => {
                        std::thread::sleep(Duration::from_millis(20));
                    }
                    Err(fs::TryLockError::WouldBlock) => {
                        return Err(StoreError::Locked {
                            path: self.path.clone(),
                            lock,
                        });
                    }
                    Err(fs::TryLockError::Error(e)) => return Err(lock_err(e)),
                }
            }
            if is_at(&file, &lock) {
                return Ok(WriteLock { file, path: lock });
            }
            // The previous holder removed this file before letting go: it locks nothing.
        }
    }
}

/// The held write lock. Dropping it removes the lock file while it is still locked, then
/// unlocks (by closing it): a writer waiting on the removed file finds it gone from the
/// folder and takes a fresh one (`Store::lock`).
#[derive(Debug)]
pub(super) struct WriteLock {
    file: File,
    path: PathBuf,
}

impl Drop for WriteLock {
    fn drop(&mut self) {
        // Removed first, unlocked second: the order is what keeps the lock correct.
        if cfg!(unix) && is_at(&self.file, &self.path) {
            let _ = fs::remove_file(&self.path);
        }
        let _ = self.file.unlock();
    }
}

/// Whether `path` names the open `file` (same device and inode).
fn is_at(file: &File, path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (file.metadata(), fs::metadata(path)) {
            (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        // Elsewhere the lock file is never removed (`WriteLock`), so the path names it.
        let _ = (file, path);
        true
    }
}
