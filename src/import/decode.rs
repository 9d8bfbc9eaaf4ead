//! File bytes to text. A byte-order mark decides; else UTF-8 when the bytes are valid UTF-8;
//! else UTF-16 recognised by its zero bytes (Excel's "Unicode Text" has no BOM); else UTF-8
//! with each stray byte read as Windows-1252, when most of the file is UTF-8; else the
//! legacy code page `chardetng` finds most likely (Windows-1252 for old Outlook exports,
//! Shift-JIS, Windows-1251…), which the report names as a guess. Line endings become `\n`
//! where a file uses CR alone (classic Mac exports), so line numbers and vCard lines work.

use crate::hash::{Hashing, PieceHasher};
use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};
use std::io::{self, Read};

/// Why a file's bytes are not text an import can read.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("this looks like a binary file, not a vCard, CSV or JSON export")]
    Binary,
    /// A byte order mark followed by bytes that are not in that encoding.
    #[error("the file starts with a {0} byte order mark but is not valid {0}")]
    Malformed(&'static str),
}

/// A file's text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name: "UTF-8", "UTF-16LE", "Shift_JIS", "windows-1252"…
    pub encoding: &'static str,
    /// True when nothing in the file said so (no BOM, not valid UTF-8): the report says the
    /// encoding was assumed.
    pub guessed: bool,
}

/// Decodes file bytes; see the module comment for the order of the checks.
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if let Some((enc, bom)) = Encoding::for_bom(&bytes) {
        let (text, malformed) = enc.decode_without_bom_handling(&bytes[bom..]);
        if malformed {
            return Err(DecodeError::Malformed(enc.name()));
        }
        return Ok(finish(text.into_owned(), enc, false));
    }
    if let Some(enc) = utf16_without_bom(&bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes);
        return Ok(finish(text.into_owned(), enc, true));
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Binary);
    }
    // Valid UTF-8 is taken as it is, without copying a large file.
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => return Ok(finish(text, UTF_8, false)),
        Err(e) => e.into_bytes(),
    };
    if let Some(text) = mostly_utf8(&bytes) {
        return Ok(finish_named(text, MOSTLY_UTF8, true));
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(&bytes, true);
    let enc = detector.guess(None, chardetng::Utf8Detection::Deny);
    let (text, _) = enc.decode_without_bom_handling(&bytes);
    // Control characters below 0x20 mean binary; those of 0x80–0x9F are what legacy code
    // pages give for a byte they leave undefined, a stray byte in a text file.
    if text
        .chars()
        .any(|c| c < ' ' && !matches!(c, '\t' | '\r' | '\n'))
    {
        return Err(DecodeError::Binary);
    }
    Ok(finish(text.into_owned(), enc, true))
}

const MOSTLY_UTF8: &str = "UTF-8 with a few bytes in windows-1252";

/// A file in UTF-8 but for a few stray bytes (a row pasted from an older program): the
/// valid text is read as UTF-8 and each stray byte as Windows-1252, instead of reading the
/// whole file in a legacy code page, which would garble every accented name in it. Only
/// when at least four in five of its non-ASCII characters are valid UTF-8.
fn mostly_utf8(bytes: &[u8]) -> Option<String> {
    let (mut valid, mut stray) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        stray += usize::from(!chunk.invalid().is_empty());
    }
    if valid < 4 * stray.max(1) {
        return None;
    }
    let mut text = String::with_capacity(bytes.len() + stray * 2);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.push_str(
            &encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(chunk.invalid())
                .0,
        );
    }
    Some(text)
}

/// What the first pass over a file saw: its length and content hash, so the pass that
/// reads it can tell whether it still reads those bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Checked {
    pub len: u64,
    pub hash: u64,
}

/// Whether a file can be read as it streams, without `decode`: every byte valid UTF-8 (a
/// UTF-8 byte order mark allowed), no zero byte (UTF-16 or binary), and lines that end in
/// LF or CRLF. Reads `file` to its end, a piece at a time; `None` when it cannot.
pub fn streams_as_utf8(mut file: impl Read) -> io::Result<Option<Checked>> {
    const PIECE: usize = 64 * 1024;
    let mut buf = vec![0u8; PIECE + 4];
    // The bytes of a character the last piece cut in two.
    let mut carried = 0;
    let (mut cr, mut lf) = (false, false);
    let mut hasher = PieceHasher::default();
    let mut len = 0u64;
    loop {
        let n = match file.read(&mut buf[carried..]) {
            Ok(0) => {
                let plain = carried == 0 && (lf || !cr);
                return Ok(plain.then(|| Checked {
                    len,
                    hash: hasher.finish(),
                }));
            }
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let fresh = &buf[carried..carried + n];
        if fresh.contains(&0) {
            return Ok(None);
        }
        hasher.update(fresh);
        len += n as u64;
        cr |= fresh.contains(&b'\r');
        lf |= fresh.contains(&b'\n');
        let end = carried + n;
        carried = match std::str::from_utf8(&buf[..end]) {
            Ok(_) => 0,
            Err(e) if e.error_len().is_none() => end - e.valid_up_to(),
            Err(_) => return Ok(None),
        };
        buf.copy_within(end - carried..end, 0);
    }
}

/// The file again, for the pass that reads it: at most the bytes the first pass checked,
/// hashed as they are read, so `same` tells whether they were those bytes.
pub struct Rereading<R> {
    inner: Hashing<io::Take<R>>,
    checked: Checked,
}

impl<R: Read> Rereading<R> {
    pub fn new(file: R, checked: Checked) -> Rereading<R> {
        Rereading {
            inner: Hashing {
                inner: file.take(checked.len),
                hash: PieceHasher::default(),
            },
            checked,
        }
    }
}

impl<R> Rereading<R> {
    /// Whether every byte was read and they were the bytes checked (a file another program
    /// is writing may have changed in between).
    pub fn same(self) -> bool {
        self.inner.inner.limit() == 0 && self.inner.hash.finish() == self.checked.hash
    }
}

impl<R: Read> Read for Rereading<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.inner.read(buf)
    }
}

fn finish(text: String, enc: &'static Encoding, guessed: bool) -> Decoded {
    finish_named(text, enc.name(), guessed)
}

fn finish_named(text: String, encoding: &'static str, guessed: bool) -> Decoded {
    // CR alone ends lines only where the file has no LF at all; a CR inside a CRLF file is
    // left for the CSV reader.
    let text = if !text.contains('\n') && text.contains('\r') {
        text.replace('\r', "\n")
    } else {
        text
    };
    Decoded {
        text,
        encoding,
        guessed,
    }
}

/// UTF-16 without a BOM: text in Latin, Cyrillic, Greek… scripts has a zero byte in almost
/// every other position (the high byte of each code unit), and almost none in the rest.
/// The decoded text must also be free of control characters, so that binary files with
/// zero runs are still refused.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    if bytes.len() < 4 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(8192) & !1];
    let pairs = sample.len() / 2;
    let even = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    let enc = if odd * 10 >= pairs * 3 && even * 20 <= pairs {
        UTF_16LE
    } else if even * 10 >= pairs * 3 && odd * 20 <= pairs {
        UTF_16BE
    } else {
        return None;
    };
    let (text, malformed) = enc.decode_without_bom_handling(sample);
    let clean = !malformed
        && !text
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n'));
    clean.then_some(enc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(bytes: &[u8]) -> Decoded {
        decode(bytes.to_vec()).unwrap()
    }

    fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if bom {
            out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    #[test]
    fn boms_and_utf8_are_certain() {
        let d = text(b"\xef\xbb\xbfname\n");
        assert_eq!(
            (d.text.as_str(), d.encoding, d.guessed),
            ("name\n", "UTF-8", false)
        );
        let d = text(&utf16("Zoë", true, true));
        assert_eq!(
            (d.text.as_str(), d.encoding, d.guessed),
            ("Zoë", "UTF-16LE", false)
        );
        let d = text(&utf16("Zoë", false, true));
        assert_eq!((d.text.as_str(), d.encoding), ("Zoë", "UTF-16BE"));
        assert!(!text("Zoë".as_bytes()).guessed);
    }

    #[test]
    fn utf16_without_bom_is_recognised() {
        let s = "First Name\tLast Name\r\nZoë\tMüller\r\n";
        for le in [true, false] {
            let d = text(&utf16(s, le, false));
            assert_eq!(d.text, s);
            assert!(d.guessed);
            assert_eq!(d.encoding, if le { "UTF-16LE" } else { "UTF-16BE" });
        }
    }

    #[test]
    fn legacy_code_pages_are_guessed_and_named() {
        let d = text(b"Name,Company\nJos\xe9 Ib\xe1\xf1ez,Caf\xe9 M\xfcller\n");
        assert_eq!(d.text, "Name,Company\nJosé Ibáñez,Café Müller\n");
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.guessed);
        let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode("名前,会社\n田中 愛子,株式会社サンプル\n");
        let d = text(&sjis);
        assert_eq!(d.text, "名前,会社\n田中 愛子,株式会社サンプル\n");
        assert_eq!(d.encoding, "Shift_JIS");
        assert!(d.guessed);
    }

    #[test]
    fn cr_only_line_endings_become_newlines() {
        assert_eq!(text(b"a,b\r1,2\r").text, "a,b\n1,2\n");
        assert_eq!(text(b"a,b\r\n1,2\r\n").text, "a,b\r\n1,2\r\n");
    }

    #[test]
    fn only_plain_utf8_with_lf_or_crlf_streams() {
        let streams = |bytes: &[u8]| streams_as_utf8(bytes).unwrap().is_some();
        assert!(streams(b""));
        assert!(streams("Name\r\nZoë\r\n".as_bytes()));
        assert!(streams(b"\xef\xbb\xbfName\nAnn\n"));
        assert!(!streams(b"a,b\r1,2\r"), "CR alone is rewritten by decode");
        assert!(!streams(b"Jos\xe9\n"), "windows-1252 is decoded");
        assert!(!streams(&utf16("Name\n", true, true)));
        assert!(!streams(&utf16("Name\n", true, false)));
        assert!(!streams(b"Ann\0\n"));
        assert!(
            !streams("Zoë".as_bytes().split_last().unwrap().1),
            "cut inside a letter"
        );
        // A letter cut in two by the 64 KiB pieces is still whole.
        for pad in 65534..65538 {
            let mut text = "a".repeat(pad);
            text.push_str("田中\n");
            assert!(streams(text.as_bytes()), "{pad}");
            let mut cut = text.into_bytes();
            cut.insert(pad + 1, b'x');
            assert!(!streams(&cut), "{pad}");
        }
    }

    #[test]
    fn a_second_reading_knows_whether_it_read_the_bytes_checked() {
        let first = b"Name,Email\nAnn,a@x.example\n".to_vec();
        let checked = streams_as_utf8(first.as_slice()).unwrap().unwrap();
        let read_all = |bytes: &[u8]| {
            let mut r = Rereading::new(bytes, checked);
            let mut out = Vec::new();
            r.read_to_end(&mut out).unwrap();
            (out, r.same())
        };
        assert_eq!(read_all(&first), (first.clone(), true));
        // Rows appended after the check are not read, and the rest is still the same.
        let mut longer = first.clone();
        longer.extend(b"Late\0Nul,z@x.example\n");
        assert_eq!(read_all(&longer), (first.clone(), true));
        // Cut short, or rewritten to other bytes of the same length: not the same.
        assert!(!read_all(&first[..first.len() - 3]).1);
        let mut other = first.clone();
        other[12] = b'B';
        assert!(!read_all(&other).1);
    }

    #[test]
    fn a_utf8_file_with_a_stray_byte_keeps_its_accents() {
        let mut bytes = "Name,Company\nZoë Utf,Müller AG\n田中 愛子,Café\n"
            .as_bytes()
            .to_vec();
        bytes.extend(b"Jos\xe9 Late,Acme\n");
        let d = text(&bytes);
        assert_eq!(
            d.text,
            "Name,Company\nZoë Utf,Müller AG\n田中 愛子,Café\nJosé Late,Acme\n"
        );
        assert_eq!((d.encoding, d.guessed), (MOSTLY_UTF8, true));
    }

    #[test]
    fn a_byte_a_code_page_leaves_undefined_is_not_binary() {
        for stray in [0x81u8, 0x8d, 0x90, 0x9d] {
            let bytes = [b"Name,Email\nA".as_slice(), &[stray], b" B,a@x.example\n"].concat();
            let d = text(&bytes);
            assert!(d.text.contains(",a@x.example"), "{stray:x}: {}", d.text);
        }
    }

    #[test]
    fn binary_is_refused() {
        assert!(matches!(
            decode(vec![0, 1, 2, 3, 255]),
            Err(DecodeError::Binary)
        ));
        assert!(matches!(
            decode(vec![
                0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D
            ]),
            Err(DecodeError::Binary)
        ));
    }
}
