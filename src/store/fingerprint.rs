//! What identifies a version of the board file.

use super::files::{MAX_FILE_BYTES, open_regular, read_with_meta, too_big};
use std::fs;
use std::io;
use std::path::Path;

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
/// runs over the whole file at every open. Taken piece by piece (`PIECE` bytes at a time),
/// so a file can be hashed as it is read, without holding it whole.
pub(super) fn hash_bytes(bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    for piece in bytes.chunks(PIECE) {
        h.write(piece);
    }
    h.finish()
}

const PIECE: usize = 1 << 16;

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

    /// The file's fingerprint now, read piece by piece and never held whole; `None` if it
    /// does not exist. Equal to the one `read` gives for the same bytes.
    pub fn of_file(path: &Path) -> io::Result<Option<Fingerprint>> {
        use std::hash::Hasher;
        use std::io::Read;
        let (file, meta) = match open_regular(path) {
            Ok(x) => x,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut file = file.take(MAX_FILE_BYTES + 1);
        let mut h = rustc_hash::FxHasher::default();
        let mut piece = vec![0; PIECE];
        let mut total = 0u64;
        loop {
            // Whole pieces, as `hash_bytes` cuts them; only the last may be short.
            let mut filled = 0;
            while filled < PIECE {
                match file.read(&mut piece[filled..]) {
                    Ok(0) => break,
                    Ok(n) => filled += n,
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                    Err(e) => return Err(e),
                }
            }
            if filled == 0 {
                break;
            }
            h.write(&piece[..filled]);
            total += filled as u64;
            if filled < PIECE {
                break;
            }
        }
        if total > MAX_FILE_BYTES {
            return Err(too_big());
        }
        Ok(Some(Fingerprint {
            meta: Meta::of(&meta),
            hash: h.finish(),
        }))
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
