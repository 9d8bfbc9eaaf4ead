//! The board file: RON on disk, read carefully and written atomically.
//!
//! Rules this module keeps: a file that does not parse is never overwritten; a save writes a
//! temp file in the same folder, syncs it, keeps the previous board as `.bak`, renames over
//! the board and syncs the folder; one writer at a time holds `board.ron.lock`, only while
//! it writes, and removes it when done (`Store::lock`); a file changed since it was read is
//! merged with, never overwritten.

use crate::model::{Board, FORMAT_VERSION};
use ron::extensions::Extensions;
use serde::Deserialize;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

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

/// The path of the backup kept beside a board: `board.ron` → `board.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".bak")
}

/// The lock file beside a board: `board.ron` → `board.ron.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    sibling(path, ".lock")
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

fn ron_options() -> ron::Options {
    // Accept `company: "Acme"` as well as `company: Some("Acme")`, with or without the header.
    ron::Options::default().with_default_extension(Extensions::IMPLICIT_SOME)
}

/// Parses board text. `path` is only used to name the file in errors.
pub fn parse(text: &str, path: &Path) -> Result<Board, StoreError> {
    let backup = Some(backup_path(path)).filter(|b| b.exists());
    // Some editors on Windows start a UTF-8 file with a byte-order mark; it is not text.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        // An empty board file is more likely a copy cut short than a wish for no
        // contacts: it is never written over, and the error says how to start afresh.
        return Err(StoreError::Empty {
            path: path.to_path_buf(),
            backup,
        });
    }
    match ron_options().from_str::<Board>(text) {
        Ok(board) => {
            if board.version > FORMAT_VERSION {
                return Err(StoreError::NewerVersion {
                    path: path.to_path_buf(),
                    found: board.version,
                });
            }
            board.validate().map_err(|message| StoreError::Invalid {
                path: path.to_path_buf(),
                message,
                backup,
            })?;
            Ok(board)
        }
        Err(e) => {
            // A newer format may fail to parse for reasons this version cannot know about;
            // say so rather than pointing at a "syntax error".
            if let Some(v) = probe_version(text)
                && v > FORMAT_VERSION
            {
                return Err(StoreError::NewerVersion {
                    path: path.to_path_buf(),
                    found: v,
                });
            }
            Err(StoreError::Parse {
                path: path.to_path_buf(),
                line: e.span.start.line,
                col: e.span.start.col,
                message: e.code.to_string(),
                backup,
            })
        }
    }
}

fn probe_version(text: &str) -> Option<u32> {
    #[derive(Deserialize)]
    struct Probe {
        version: u32,
    }
    ron_options()
        .from_str::<Probe>(text)
        .ok()
        .map(|p| p.version)
}

/// Serialises a board as pretty RON, the way it is stored.
pub fn to_ron(board: &Board) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .extensions(Extensions::IMPLICIT_SOME)
        .escape_strings(false)
        // Contacts keep one field a line; the entries of their lists (interactions, stage
        // history, handles) go one to a line each, which keeps big boards small and fast.
        .depth_limit(4)
        .indentor("  ");
    let body = ron::ser::to_string_pretty(board, config)?;
    Ok(format!("{body}\n"))
}

/// The most rapport reads from one file: far beyond any real board or address book, and
/// small enough that a wrong path (`/dev/zero`, a disk image) fails at once.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a regular file whole. Anything else (a named pipe, which would block forever; a
/// device, which may never end; a folder) or a file over `MAX_FILE_BYTES` is an error that
/// says what the path is.
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    read_with_meta(path).map(|(bytes, _)| bytes)
}

/// `read_regular`, with the metadata of the very file that was read (taken from the open
/// handle, so a file renamed into place meanwhile cannot be mistaken for it).
fn read_with_meta(path: &Path) -> io::Result<(Vec<u8>, fs::Metadata)> {
    use std::io::Read;
    // Looked at before opening: opening a named pipe would wait for a writer.
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", file_kind(&meta)),
        ));
    }
    let too_big = || {
        io::Error::new(
            io::ErrorKind::FileTooLarge,
            format!(
                "it is larger than {} MiB, more than rapport reads from one file",
                MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
    };
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", file_kind(&meta)),
        ));
    }
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok((bytes, meta))
}

fn file_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// Reads a board without locking it (for reading commands). A missing file is an empty board.
pub fn load(path: &Path) -> Result<Board, StoreError> {
    match read_with_meta(path) {
        Ok((bytes, meta)) => {
            let fp = Fingerprint::of_bytes(&bytes, &meta);
            let snapshots = crate::cache::dir();
            let (board, cached) = board_from(&bytes, fp.hash, path, snapshots.as_deref())?;
            if !cached && let Some(dir) = &snapshots {
                // The next reading command opens fast; failing to keep a snapshot only
                // means it will not.
                let _ = crate::cache::store_in(dir, path, fp.hash, fp.meta.len, &board);
            }
            Ok(board)
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Board::default()),
        Err(source) => Err(StoreError::Read {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// The board in `bytes` (the file at `path`, hashing to `hash`): from its snapshot when
/// one was made from exactly these bytes, else parsed. Says whether the snapshot served.
fn board_from(
    bytes: &[u8],
    hash: u64,
    path: &Path,
    snapshots: Option<&Path>,
) -> Result<(Board, bool), StoreError> {
    if let Some(board) =
        snapshots.and_then(|dir| crate::cache::load_from(dir, path, hash, bytes.len() as u64))
    {
        return Ok((board, true));
    }
    let text = std::str::from_utf8(bytes).map_err(|_| StoreError::Parse {
        path: path.to_path_buf(),
        line: 1,
        col: 1,
        message: "the file is not UTF-8 text".into(),
        backup: Some(backup_path(path)).filter(|b| b.exists()),
    })?;
    Ok((parse(text, path)?, false))
}

/// How long a writer waits for another one to finish.
pub const LOCK_WAIT: Duration = Duration::from_secs(5);

/// A board read for writing. Nothing is locked while it is held: each save takes the lock
/// (`board.ron.lock`) for as long as it writes, so several programs can share the board.
#[derive(Debug)]
pub struct Store {
    path: PathBuf,
    /// The board file as rapport last read or wrote it, to notice changes made outside.
    seen: Arc<Mutex<Option<Fingerprint>>>,
    /// That version's text: the base of a merge when the file changed under us.
    base: Mutex<String>,
    lock_wait: Duration,
    /// Set when the user asked for a board removed under us to be written back.
    recreate: Arc<std::sync::atomic::AtomicBool>,
    /// Why the last save could not keep a `.bak` (it still saved).
    backup_problem: Mutex<Option<String>>,
    /// The board was opened from a snapshot made from exactly the file's bytes.
    cached: bool,
    /// Where snapshots are kept (`None`: not at all).
    snapshots: Option<PathBuf>,
}

/// What identifies a version of the board file: a hash of its content, and its metadata
/// (size, modification and change times, inode) for the idle watcher's cheap look. Saves
/// always compare the hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    pub meta: Meta,
    pub hash: u64,
}

/// The metadata a fingerprint compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    len: u64,
    modified: Option<std::time::SystemTime>,
    changed: (i64, i64),
    inode: u64,
}

impl Meta {
    fn of(m: &fs::Metadata) -> Meta {
        #[cfg(unix)]
        let (changed, inode) = {
            use std::os::unix::fs::MetadataExt;
            ((m.ctime(), m.ctime_nsec()), m.ino())
        };
        #[cfg(not(unix))]
        let (changed, inode) = ((0, 0), 0);
        Meta {
            len: m.len(),
            modified: m.modified().ok(),
            changed,
            inode,
        }
    }
}

/// A fast, non-cryptographic hash: it only has to tell versions of one file apart, and it
/// runs over the whole file at every open.
fn hash_bytes(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write(bytes);
    h.finish()
}

impl Fingerprint {
    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.meta.len
    }

    pub fn of_bytes(bytes: &[u8], meta: &fs::Metadata) -> Fingerprint {
        Fingerprint {
            meta: Meta::of(meta),
            hash: hash_bytes(bytes),
        }
    }

    /// The file's fingerprint now; `None` if it does not exist.
    pub fn read(path: &Path) -> io::Result<Option<(Fingerprint, Vec<u8>)>> {
        match read_with_meta(path) {
            Ok((bytes, meta)) => Ok(Some((Fingerprint::of_bytes(&bytes, &meta), bytes))),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Whether the file may have changed since `seen`, by its metadata only.
    pub fn stale(seen: Option<&Fingerprint>, path: &Path) -> bool {
        match (seen, fs::metadata(path)) {
            (None, Err(_)) => false,
            (Some(f), Ok(m)) => f.meta != Meta::of(&m),
            _ => true,
        }
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

/// `board.ron` → `board.<what>-20261127T093000.ron`, beside it.
pub fn sibling_with_time(path: &Path, what: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "board".into());
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let name = format!("{stem}.{what}-{stamp}{ext}");
    let mut p = path.with_file_name(&name);
    let mut n = 2;
    while p.exists() {
        p = path.with_file_name(format!("{stem}.{what}-{stamp}-{n}{ext}"));
        n += 1;
    }
    p
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
        let (board, seen, text, cached) = match Fingerprint::read(&path) {
            Ok(Some((fp, bytes))) => {
                let (board, cached) = board_from(&bytes, fp.hash, &path, snapshots.as_deref())?;
                // Kept as the base of a later merge. A snapshot is only ever made from a
                // file that parsed, so these bytes are UTF-8.
                let text = String::from_utf8(bytes).unwrap_or_default();
                (board, Some(fp), text, cached)
            }
            Ok(None) => (Board::default(), None, String::new(), false),
            Err(source) => {
                return Err(StoreError::Read {
                    path: path.clone(),
                    source,
                });
            }
        };
        Ok((
            Store {
                path,
                seen: Arc::new(Mutex::new(seen)),
                base: Mutex::new(text),
                lock_wait: LOCK_WAIT,
                recreate: Arc::default(),
                backup_problem: Mutex::default(),
                cached,
                snapshots,
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

    /// Takes the write lock, waiting up to `lock_wait` for another writer to finish.
    ///
    /// The lock is `flock` on `board.ron.lock`, and the holder removes that file before it
    /// lets go (see `WriteLock`), so none is left behind. A writer that opened the file
    /// before it was removed may then get the lock on a file no longer in the folder: once
    /// it holds a lock it checks that the path still names the very file it locked, and
    /// starts over if not. So two writers never both hold "the" lock.
    fn lock(&self) -> Result<WriteLock, StoreError> {
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
        let mut merged = None;
        let now = Fingerprint::read(&self.path).map_err(write_err)?;
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
        // Always by content here: writers that follow each other within the file system's
        // clock tick can leave a file of the same size, times and even (reused) inode.
        if let Some((now, bytes)) = now
            && seen.as_ref().is_none_or(|s| s.hash != now.hash)
        {
            let text = String::from_utf8(bytes).map_err(|_| StoreError::Changed {
                path: self.path.clone(),
                reason: "it is not UTF-8 text".into(),
            })?;
            // A version that does not parse is someone's edit in progress: never written
            // over. The caller keeps its board and tries again; once the file reads, the
            // two are merged.
            let theirs = parse(&text, &self.path).map_err(|e| StoreError::Changed {
                path: self.path.clone(),
                reason: e.brief(),
            })?;
            let old = parse(&base, &self.path).unwrap_or_default();
            let m = crate::model::merge(&old, board, &theirs, crate::clock::now());
            if m.board == theirs {
                // Nothing of ours to add: leave their file as they wrote it (comments and
                // all), and take it as the new base.
                *seen = Some(now);
                *base = text;
                return Ok(Saved::Merged {
                    board: Box::new(m.board),
                    conflicts: m.conflicts,
                });
            }
            merged = Some(m);
        }
        let text = to_ron(merged.as_ref().map_or(board, |m| &m.board))
            .map_err(|e| write_err(io::Error::other(e)))?;
        let backup = write_replacing(&self.path, text.as_bytes(), true).map_err(write_err)?;
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
        let written = Fingerprint::of_bytes(text.as_bytes(), &meta);
        *seen = Some(written);
        // The next open of this version is fast; failing to keep a snapshot only means
        // it will not be.
        if let Some(dir) = &self.snapshots {
            let _ = crate::cache::store_in(
                dir,
                &self.path,
                written.hash,
                written.meta.len,
                merged.as_ref().map_or(board, |m| &m.board),
            );
        }
        *base = text;
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

/// The held write lock. Dropping it removes the lock file while it is still locked, then
/// unlocks (by closing it): a writer waiting on the removed file finds it gone from the
/// folder and takes a fresh one (`Store::lock`).
#[derive(Debug)]
struct WriteLock {
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

/// A board path that is a symlink (dotfile managers do this) is written through to its target,
/// so the link stays a link. Follows chains; a dangling link names the file to create.
pub fn resolve_symlink(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::read_link(&p) {
            Ok(target) => {
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                }
            }
            Err(_) => return p,
        }
    }
    path.to_path_buf()
}

/// Temp files beside the board can only be left by a writer that was killed mid-save; the
/// lock holder is the only writer, so once it holds the lock they are safe to remove.
fn remove_stale_temp_files(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let ours = n.starts_with(&prefix) || n.starts_with(".bak.") || n.starts_with(".uid.");
        if ours && n.ends_with(".tmp") {
            let _ = fs::remove_file(e.path());
        }
    }
}

fn create_dir_private(dir: &Path) -> io::Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

fn open_private(path: &Path, truncate: bool) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(truncate);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Writes `bytes` to `path` so that, whatever happens, `path` holds either the old or the new
/// content in full: temp file in the same folder, fsync, rename, fsync the folder. With
/// `backup`, the previous content is kept as `path.bak` first. The temp file is removed on
/// any failure.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> io::Result<()> {
    write_replacing(path, bytes, backup).map(|_| ())
}

/// `write_atomic`, telling why no backup could be kept (the save itself went ahead).
fn write_replacing(path: &Path, bytes: &[u8], backup: bool) -> io::Result<Option<io::Error>> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "board".into());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    tmp.write_all(bytes)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // A new file is private; a replaced one keeps its mode and group.
        let old = fs::metadata(path).ok();
        let mode = old.as_ref().map_or(0o600, |m| m.mode() & 0o7777);
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))?;
        if let Some(m) = old {
            let _ = std::os::unix::fs::fchown(tmp.as_file(), None, Some(m.gid()));
        }
    }
    tmp.as_file().sync_all()?;
    // The backup is a convenience; failing to make one must not stop the save itself.
    let backup_failed = if backup && path.exists() {
        keep_backup(path, &dir).err()
    } else {
        None
    };
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(&dir)?;
    Ok(backup_failed)
}

/// Makes `path.bak` the current content of `path`, atomically. A hard link costs no copy;
/// where links are not supported, copy instead.
fn keep_backup(path: &Path, dir: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    // A writer killed between making the backup and renaming the new board in leaves the
    // two as links to one file. Renaming a link onto another link of the same file does
    // nothing (POSIX), which would leave the staging link behind; the backup is current.
    if same_file(path, &bak) {
        return Ok(());
    }
    let staging = tempfile::Builder::new()
        .prefix(".bak.")
        .suffix(".tmp")
        .make_in(dir, |p| fs::hard_link(path, p))
        .or_else(|_| {
            tempfile::Builder::new()
                .prefix(".bak.")
                .suffix(".tmp")
                .make_in(dir, |p| fs::copy(path, p).map(|_| ()))
        })?;
    staging.persist(&bak).map_err(|e| e.error)?;
    Ok(())
}

/// The user id new files get in the board's folder (ours), found by making one; an error
/// if no file can be made there.
#[cfg(unix)]
fn new_file_owner(path: &Path) -> io::Result<u32> {
    use std::os::unix::fs::MetadataExt;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let probe = tempfile::Builder::new()
        .prefix(".uid.")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    Ok(probe.as_file().metadata()?.uid())
}

/// Whether two paths name the same file (device and inode).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_that_already_is_the_board_leaves_no_staging_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        fs::write(&path, "x").unwrap();
        // What a writer killed between backup and rename leaves: .bak linked to the board.
        fs::hard_link(&path, backup_path(&path)).unwrap();
        write_atomic(&path, b"y", true).unwrap();
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["board.ron", "board.ron.bak"]);
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"x");
        assert_eq!(fs::read(&path).unwrap(), b"y");
    }
    use crate::model::{Contact, Stage};
    use chrono::{TimeZone, Utc};

    #[test]
    fn parse_error_names_line_and_column() {
        let text = "(\n    version: 1,\n    contacts: [\n        (id: \"a\", name: 3)\n";
        let e = parse(text, Path::new("/x/board.ron")).unwrap_err();
        match &e {
            StoreError::Parse { line, .. } => assert_eq!(*line, 4),
            other => panic!("{other:?}"),
        }
        let msg = e.to_string();
        assert!(
            msg.contains("/x/board.ron") && msg.contains("line 4"),
            "{msg}"
        );
    }

    #[test]
    fn newer_version_is_refused_even_with_unknown_fields() {
        let text = "(version: 9, contacts: [], hologram: true)";
        let e = parse(text, Path::new("b.ron")).unwrap_err();
        assert!(
            matches!(e, StoreError::NewerVersion { found: 9, .. }),
            "{e:?}"
        );
    }

    #[test]
    fn accepts_explicit_some_and_implicit_some() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut b = Board::default();
        let mut c = Contact::new("A", Stage::Dm, now);
        c.company = Some("Acme".into());
        c.notes = "line one\nline \"two\"\n\\ end".into();
        b.add(c);
        let text = to_ron(&b).unwrap();
        assert!(text.contains("company: \"Acme\""), "{text}");
        assert_eq!(parse(&text, Path::new("b.ron")).unwrap(), b);
        let explicit = text
            .replace("#![enable(implicit_some)]", "")
            .replace("company: \"Acme\"", "company: Some(\"Acme\")");
        assert_eq!(parse(&explicit, Path::new("b.ron")).unwrap(), b);
    }
}
