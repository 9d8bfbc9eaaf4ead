//! File bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.

use std::string::{FromUtf8Error, FromUtf16Error};

/// Why a file's bytes are not text an import can read.
#[derive(Debug, thiserror::Error)]
pub enum DecodeError {
    #[error("this looks like a binary file, not a vCard or CSV export")]
    Binary,
    /// A UTF-8 byte order mark followed by bytes that are not UTF-8.
    #[error(transparent)]
    Utf8(#[from] FromUtf8Error),
    #[error("bad UTF-16: {0}")]
    Utf16(#[from] FromUtf16Error),
}

const UTF8_BOM: [u8; 3] = [0xEF, 0xBB, 0xBF];
const UTF16_LE_BOM: [u8; 2] = [0xFF, 0xFE];
const UTF16_BE_BOM: [u8; 2] = [0xFE, 0xFF];

/// Decodes file bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252,
/// which is what older Outlook exports are written in.
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    let utf16 = bytes.starts_with(&UTF16_LE_BOM) || bytes.starts_with(&UTF16_BE_BOM);
    if bytes.contains(&0) && !utf16 {
        return Err(DecodeError::Binary);
    }
    if let Some(rest) = bytes.strip_prefix(&UTF8_BOM) {
        return Ok(String::from_utf8(rest.to_vec())?);
    }
    if utf16 {
        let le = bytes.starts_with(&UTF16_LE_BOM);
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        return Ok(String::from_utf16(&units)?);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Ok(bytes.iter().map(|&b| windows_1252(b)).collect()),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_1252_and_utf16_decode() {
        assert_eq!(decode(b"Jos\xe9 M\x9aller").unwrap(), "José Mšller");
        assert_eq!(decode(b"\xef\xbb\xbfname\n").unwrap(), "name\n");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zoë".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "Zoë");
        assert!(decode(b"\x00\x01\x02binary").is_err());
    }
}
