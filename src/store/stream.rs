//! Reading a big board file without holding its text whole: the file is read a piece at a
//! time, each contact is parsed as soon as its text is complete, and that text is let go.
//! The first open of a 50,000-contact board (46 MB) then never holds the text and the board
//! at once.
//!
//! This is only a faster road to what `parse` gives: the contacts are parsed by `ron` with
//! the same options, the rest of the board (version, settings…) from the file's text with an
//! empty contact list, and the whole checked as `parse` checks it. Anything it does not
//! expect (extensions other than `implicit_some`, a contact that is not a struct, a comment
//! that never ends, text that is not UTF-8, any parse error) makes it give up, and the
//! caller reads the file whole with `parse`, which also words the error.

use super::files::{MAX_FILE_BYTES, open_regular};
use super::fingerprint::Fingerprint;
use super::format::{parse, parse_contact};
use crate::hash::PieceHasher;
use crate::model::Board;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

/// How much is read at a time.
const READ: usize = 1 << 20;
/// Bytes kept unread-ahead so a token (`//`, `*/`, a raw string's closing hashes) is never
/// cut by the end of what was read.
const AHEAD: usize = 64;
/// Raw strings with more closing hashes than this are left to `parse`.
const MAX_HASHES: usize = 32;

/// The board in the file at `path` and the file's fingerprint, or `None` to say: read it
/// whole with `parse` (the file is missing, unreadable, unusual or wrong).
pub(super) fn read(path: &Path) -> Option<(Board, Fingerprint)> {
    let (mut file, meta) = open_regular(path).ok()?;
    let mut s = Scanner::default();
    let mut hash = PieceHasher::default();
    let mut total = 0u64;
    let mut piece = vec![0; READ];
    loop {
        let n = match file.read(&mut piece) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        total += n as u64;
        if total > MAX_FILE_BYTES {
            return None;
        }
        hash.update(&piece[..n]);
        s.buf.extend_from_slice(&piece[..n]);
        let eof = n == 0;
        s.scan(eof)?;
        if eof {
            break;
        }
    }
    let board = s.finish(path)?;
    Some((board, Fingerprint::of_hash(hash.finish(), &meta)))
}

#[derive(Default, PartialEq, Eq, Clone, Copy)]
enum Mode {
    #[default]
    Code,
    LineComment,
    BlockComment(usize),
    Str,
    StrEscape,
    RawStr(usize),
    Char,
    CharEscape,
}

#[derive(Default, PartialEq, Eq, Clone, Copy)]
enum Phase {
    /// Before the contact list: looking for `contacts:` `[` in the top-level struct.
    #[default]
    Head,
    /// Inside the list, between contacts.
    Between,
    /// Inside a contact, which began at `start`.
    Contact,
    /// After the list.
    Tail,
}

#[derive(Default)]
struct Scanner {
    /// What was read and not yet let go; `pos` is how far it has been scanned.
    buf: Vec<u8>,
    pos: usize,
    mode: Mode,
    phase: Phase,
    depth: usize,
    /// In `Head`: the last identifier at depth 1 was `contacts`, and then a `:`.
    saw_contacts: bool,
    saw_colon: bool,
    /// The text before the list's `[`, and after its `]`.
    head: Vec<u8>,
    tail_from: Option<usize>,
    /// Where the contact being scanned began in `buf`.
    start: usize,
    /// How much of `buf` is known to be UTF-8 (all of it but a character cut by the end of
    /// what was read).
    checked: usize,
    contacts: Vec<Arc<crate::model::Contact>>,
}

impl Scanner {
    /// Scans what was read; at `eof`, to the end. `None`: give up.
    fn scan(&mut self, eof: bool) -> Option<()> {
        // Every byte is checked once: a file `parse` would refuse as not UTF-8 (even in a
        // comment) is refused here too.
        match std::str::from_utf8(&self.buf[self.checked..]) {
            Ok(_) => self.checked = self.buf.len(),
            Err(e) if e.error_len().is_none() && !eof => self.checked += e.valid_up_to(),
            Err(_) => return None,
        }
        let limit = if eof {
            self.buf.len()
        } else {
            self.buf.len().saturating_sub(AHEAD)
        };
        while self.pos < limit {
            // Most of a board is the inside of strings: skip to where one may end.
            if self.mode == Mode::Str {
                match self.buf[self.pos..limit]
                    .iter()
                    .position(|&c| c == b'"' || c == b'\\')
                {
                    Some(k) => self.pos += k,
                    None => {
                        self.pos = limit;
                        break;
                    }
                }
            }
            let b = self.buf[self.pos];
            let next = self.buf.get(self.pos + 1).copied();
            let mut step = 1;
            match self.mode {
                Mode::LineComment => {
                    if b == b'\n' {
                        self.mode = Mode::Code;
                    }
                }
                Mode::BlockComment(n) => match (b, next) {
                    (b'*', Some(b'/')) => {
                        self.mode = if n == 1 {
                            Mode::Code
                        } else {
                            Mode::BlockComment(n - 1)
                        };
                        step = 2;
                    }
                    (b'/', Some(b'*')) => {
                        self.mode = Mode::BlockComment(n + 1);
                        step = 2;
                    }
                    _ => {}
                },
                Mode::Str => match b {
                    b'\\' => self.mode = Mode::StrEscape,
                    b'"' => self.mode = Mode::Code,
                    _ => {}
                },
                Mode::StrEscape => self.mode = Mode::Str,
                Mode::Char => match b {
                    b'\\' => self.mode = Mode::CharEscape,
                    b'\'' => self.mode = Mode::Code,
                    _ => {}
                },
                Mode::CharEscape => self.mode = Mode::Char,
                Mode::RawStr(hashes) => {
                    if b == b'"'
                        && self.buf.len() >= self.pos + 1 + hashes
                        && self.buf[self.pos + 1..self.pos + 1 + hashes]
                            .iter()
                            .all(|&h| h == b'#')
                    {
                        self.mode = Mode::Code;
                        step = 1 + hashes;
                    }
                }
                Mode::Code => step = self.code(b, next)?,
            }
            self.pos += step;
        }
        // Let go of the text already used (the contacts parsed, or what lies between them).
        if matches!(self.phase, Phase::Between | Phase::Contact) {
            let used = if self.phase == Phase::Contact {
                self.start
            } else {
                self.pos
            };
            if used >= READ && used <= self.checked {
                self.buf.drain(..used);
                self.pos -= used;
                self.checked -= used;
                self.start = self.start.saturating_sub(used);
            }
        }
        Some(())
    }

    /// One byte of code (outside strings and comments): how many bytes it took.
    fn code(&mut self, b: u8, next: Option<u8>) -> Option<usize> {
        match b {
            b'/' if next == Some(b'/') => {
                self.mode = Mode::LineComment;
                return Some(2);
            }
            b'/' if next == Some(b'*') => {
                self.mode = Mode::BlockComment(1);
                return Some(2);
            }
            b'"' => {
                self.mode = Mode::Str;
                self.token();
            }
            b'\'' => {
                self.mode = Mode::Char;
                self.token();
            }
            b'r' | b'b' if self.raw_string_at(self.pos).is_some() => {
                let (hashes, len) = self.raw_string_at(self.pos)?;
                if hashes > MAX_HASHES {
                    return None;
                }
                self.mode = Mode::RawStr(hashes);
                self.token();
                return Some(len);
            }
            b'(' | b'[' | b'{' => {
                if self.phase == Phase::Head
                    && b == b'['
                    && self.depth == 1
                    && self.saw_contacts
                    && self.saw_colon
                {
                    self.head = self.buf[..self.pos].to_vec();
                    self.phase = Phase::Between;
                } else if self.phase == Phase::Between {
                    self.begin_contact();
                }
                self.saw_contacts = false;
                self.depth += 1;
            }
            b')' | b']' | b'}' => {
                self.depth = self.depth.checked_sub(1)?;
                if self.phase == Phase::Between && self.depth == 1 {
                    if b != b']' {
                        return None;
                    }
                    self.phase = Phase::Tail;
                    self.tail_from = Some(self.pos + 1);
                } else if self.phase == Phase::Contact && self.depth == 2 {
                    if b != b')' {
                        return None;
                    }
                    let text = std::str::from_utf8(&self.buf[self.start..=self.pos]).ok()?;
                    let c = parse_contact(text)?;
                    self.contacts.push(Arc::new(c));
                    self.phase = Phase::Between;
                }
            }
            b',' => {
                // Between contacts; a comma inside one at its own level means it was not a
                // struct.
                if self.phase == Phase::Contact && self.depth == 2 {
                    return None;
                }
                self.saw_contacts = false;
            }
            b':' => {
                if self.phase == Phase::Head && self.depth == 1 && self.saw_contacts {
                    self.saw_colon = true;
                }
            }
            b if b.is_ascii_whitespace() => {}
            b if b.is_ascii_alphanumeric() || b == b'_' => {
                if self.phase == Phase::Head && self.depth == 1 {
                    let end = self.buf[self.pos..]
                        .iter()
                        .position(|c| !(c.is_ascii_alphanumeric() || *c == b'_'))
                        .map_or(self.buf.len(), |e| self.pos + e);
                    let word = &self.buf[self.pos..end];
                    self.saw_contacts = word == b"contacts";
                    self.saw_colon = false;
                    return Some((end - self.pos).max(1));
                }
                self.token();
            }
            _ => self.token(),
        }
        Some(1)
    }

    /// A token other than a bracket: in the list, it begins a contact (`Contact(…)`).
    fn token(&mut self) {
        match self.phase {
            Phase::Between => self.begin_contact(),
            Phase::Head if self.depth == 1 => {
                self.saw_contacts = false;
                self.saw_colon = false;
            }
            _ => {}
        }
    }

    fn begin_contact(&mut self) {
        if self.phase == Phase::Between && self.depth == 2 {
            self.start = self.pos;
            self.phase = Phase::Contact;
        }
    }

    /// At `i`, a raw string's opening (`r"`, `r#"`, `br##"`…): its hashes and the opening's
    /// length.
    fn raw_string_at(&self, i: usize) -> Option<(usize, usize)> {
        let rest = &self.buf[i..];
        let after_b = if rest.first() == Some(&b'b') { 1 } else { 0 };
        if rest.get(after_b) != Some(&b'r') {
            return None;
        }
        // Not a raw string but part of an identifier (`for`, `br2`): the byte before is
        // part of a word.
        if i > 0 && (self.buf[i - 1].is_ascii_alphanumeric() || self.buf[i - 1] == b'_') {
            return None;
        }
        let hashes = rest[after_b + 1..]
            .iter()
            .take_while(|&&c| c == b'#')
            .count();
        (rest.get(after_b + 1 + hashes) == Some(&b'"')).then_some((hashes, after_b + 2 + hashes))
    }

    /// The board: its head parsed with an empty list, the contacts put in, the whole
    /// checked as `parse` checks it.
    fn finish(self, path: &Path) -> Option<Board> {
        if self.phase != Phase::Tail || self.mode != Mode::Code || self.depth != 0 {
            return None;
        }
        if self.checked != self.buf.len() {
            return None;
        }
        let tail = self.buf.get(self.tail_from?..)?;
        let mut text = std::str::from_utf8(&self.head).ok()?.to_string();
        // Extensions change how everything reads; only the one rapport writes is expected
        // (and is on for the contacts anyway).
        let attributes = text.replace("#![enable(implicit_some)]", "");
        if attributes.contains("#!") {
            return None;
        }
        text.push_str("[]");
        text.push_str(std::str::from_utf8(tail).ok()?);
        let mut board = parse(&text, path).ok()?;
        if !board.contacts.is_empty() {
            return None;
        }
        board.contacts = self.contacts;
        board.validate().ok()?;
        Some(board)
    }
}

#[cfg(test)]
mod tests;
