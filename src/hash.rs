//! The content hash of the board file and of snapshots: fast and non-cryptographic (it only
//! has to tell versions apart), taken over fixed pieces so that bytes can be hashed as they
//! are read or written, in any sizes, with the same result.

use std::io;

/// The size of the pieces the hash is taken over.
pub const PIECE: usize = 1 << 16;

/// The file hash taken from bytes as they come, in any sizes: it cuts them into the same
/// `PIECE`-byte pieces whatever the sizes given.
#[derive(Default)]
pub struct PieceHasher {
    hasher: rustc_hash::FxHasher,
    piece: Vec<u8>,
}

impl PieceHasher {
    pub fn update(&mut self, mut bytes: &[u8]) {
        use std::hash::Hasher;
        while !bytes.is_empty() {
            if self.piece.is_empty() && bytes.len() >= PIECE {
                // Whole pieces straight from the input, not copied.
                let (whole, rest) = bytes.split_at(PIECE);
                self.hasher.write(whole);
                bytes = rest;
                continue;
            }
            let take = (PIECE - self.piece.len()).min(bytes.len());
            self.piece.extend_from_slice(&bytes[..take]);
            bytes = &bytes[take..];
            if self.piece.len() == PIECE {
                self.hasher.write(&self.piece);
                self.piece.clear();
            }
        }
    }

    pub fn finish(mut self) -> u64 {
        use std::hash::Hasher;
        if !self.piece.is_empty() {
            self.hasher.write(&self.piece);
            self.piece.clear();
        }
        self.hasher.finish()
    }
}

/// A writer or reader that hashes what goes through it (`PieceHasher`).
pub struct Hashing<W> {
    pub inner: W,
    pub hash: PieceHasher,
}

impl<W: io::Write> io::Write for Hashing<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<R: io::Read> io::Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hash.update(&buf[..n]);
        Ok(n)
    }
}

/// The hash of `bytes` (as `PieceHasher` takes it).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = PieceHasher::default();
    h.update(bytes);
    h.finish()
}
