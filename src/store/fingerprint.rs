//! What identifies a version of the board file.

use super::files::{MAX_FILE_BYTES, open_regular, read_with_meta, too_big};
use crate::hash::{PIECE, PieceHasher, hash_bytes};
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

impl Fingerprint {
    /// The file's size in bytes.
    pub fn size(&self) -> u64 {
        self.meta.len
    }

    pub fn of_bytes(bytes: &[u8], meta: &fs::Metadata) -> Fingerprint {
        Fingerprint::of_hash(hash_bytes(bytes), meta)
    }

    /// The fingerprint of a file whose content hashed to `hash` (`PieceHasher`).
    pub(super) fn of_hash(hash: u64, meta: &fs::Metadata) -> Fingerprint {
        Fingerprint {
            meta: Meta::of(meta),
            hash,
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
        use std::io::Read;
        let (file, meta) = match open_regular(path) {
            Ok(x) => x,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut file = file.take(MAX_FILE_BYTES + 1);
        let mut h = PieceHasher::default();
        let mut buf = vec![0; PIECE];
        let mut total = 0u64;
        loop {
            match file.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    h.update(&buf[..n]);
                    total += n as u64;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// However the bytes come (a file read in any sizes, a board written contact by
        /// contact), the hash is the one of the whole.
        #[test]
        fn the_hash_does_not_depend_on_how_the_bytes_come(
            len in prop_oneof![0usize..300, (PIECE - 3)..(PIECE + 3), (3 * PIECE - 2)..(3 * PIECE + 400)],
            cuts in proptest::collection::vec(0usize..(4 * PIECE), 0..6),
            seed in any::<u8>(),
        ) {
            let bytes: Vec<u8> = (0..len).map(|i| (i as u8).wrapping_mul(31) ^ seed).collect();
            let mut cuts: Vec<usize> = cuts.into_iter().map(|c| c.min(len)).collect();
            cuts.sort_unstable();
            let mut h = PieceHasher::default();
            let mut from = 0;
            for c in cuts.into_iter().chain([len]) {
                h.update(&bytes[from..c]);
                from = c;
            }
            prop_assert_eq!(h.finish(), hash_bytes(&bytes));
        }
    }

    #[test]
    fn a_file_hashed_as_it_is_read_has_the_fingerprint_of_its_bytes() {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let path = dir.path().join("b.ron");
        for len in [0, 10, PIECE, PIECE + 1, 5 * PIECE - 7] {
            let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{e}"));
            let streamed = Fingerprint::of_file(&path).unwrap_or_else(|e| panic!("{e}"));
            let whole = Fingerprint::read(&path).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(streamed, whole.map(|(f, _)| f), "{len} bytes");
        }
    }
}
