//! The board file's text: parsing RON, and writing it the way it is stored.

use super::{StoreError, backup_path};
use crate::model::{Board, FORMAT_VERSION};
use ron::extensions::Extensions;
use serde::Deserialize;
use std::path::Path;

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
            // Stuck at the very end: the file was most likely cut short (a copy or a sync
            // that did not finish), which says more than what ron expected there.
            let message = if at_end(text, e.span.start.line) {
                format!(
                    "the file ends here, before the board does; it may have been cut short ({})",
                    e.code
                )
            } else {
                e.code.to_string()
            };
            Err(StoreError::Parse {
                path: path.to_path_buf(),
                line: e.span.start.line,
                col: e.span.start.col,
                message,
                backup,
            })
        }
    }
}

/// Where text stops being UTF-8: its line and column (counted in characters), from 1.
pub fn not_utf8_at(bytes: &[u8], e: &std::str::Utf8Error) -> (usize, usize) {
    let valid = &bytes[..e.valid_up_to()];
    let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
    // The part of the line before the bad bytes is UTF-8, so it counts in characters.
    let col = 1 + std::str::from_utf8(&valid[line_start..]).map_or(0, |s| s.chars().count());
    (line, col)
}

/// One contact's text, as the board file holds it (`stream.rs`).
pub(super) fn parse_contact(text: &str) -> Option<crate::model::Contact> {
    ron_options().from_str(text).ok()
}

/// Whether line `line` is the last of `text` that is not blank, or past it.
fn at_end(text: &str, line: usize) -> bool {
    line > text.trim_end().matches('\n').count()
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

/// Serialises a board as pretty RON, the way it is stored (written directly by
/// `pretty.rs`, byte for byte what `to_ron_with_serde` writes).
pub fn to_ron(board: &Board) -> Result<String, ron::Error> {
    Ok(super::pretty::board_text(board))
}

/// The board's text through `ron`'s own serialiser: the reference `to_ron` is tested
/// against.
#[doc(hidden)]
pub fn to_ron_with_serde(board: &Board) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .extensions(Extensions::IMPLICIT_SOME)
        .escape_strings(false)
        // Contacts keep one field a line; the entries of their lists (interactions, stage
        // history, handles) go one to a line each, which keeps big boards small and fast.
        .depth_limit(4)
        .indentor("  ");
    let mut body = ron::ser::to_string_pretty(board, config)?;
    body.push('\n');
    Ok(body)
}

#[cfg(test)]
mod tests {
    use super::*;
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
    fn a_file_cut_short_says_so() {
        let now = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap();
        let mut b = Board::default();
        b.add(Contact::new("Ana Lima", Stage::Dm, now));
        b.add(Contact::new("Bo Chen", Stage::Casual, now));
        let text = to_ron(&b).unwrap();
        for cut in [
            text.len() / 2,
            text.len() - 3,
            text.find("Bo Chen").unwrap() + 2,
        ] {
            let e = parse(&text[..cut], Path::new("b.ron")).unwrap_err();
            assert!(e.to_string().contains("cut short"), "cut at {cut}: {e}");
        }
        // A mistake in the middle is not taken for a cut.
        let e = parse(
            &text.replacen("stage: dm,", "stage: dm", 1),
            Path::new("b.ron"),
        )
        .unwrap_err();
        assert!(!e.to_string().contains("cut short"), "{e}");
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
