use super::*;
use crate::model::{Contact, Stage};
use chrono::{TimeZone, Utc};
use proptest::prelude::*;

/// Reads `text` from a file both ways: whatever the streaming read gives must be what
/// `parse` gives. Returns whether it gave anything.
fn check(text: &[u8]) -> bool {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("board.ron");
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    let whole = std::str::from_utf8(text)
        .ok()
        .and_then(|t| parse(t, &path).ok());
    match read(&path) {
        Some((board, fp)) => {
            assert_eq!(
                Some(&board),
                whole.as_ref(),
                "{}",
                String::from_utf8_lossy(text)
            );
            let (read_fp, _) = Fingerprint::read(&path)
                .unwrap_or_else(|e| panic!("{e}"))
                .unwrap_or_else(|| panic!("no file"));
            assert_eq!(fp, read_fp);
            true
        }
        None => false,
    }
}

fn small() -> Board {
    let at = Utc
        .with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .unwrap_or_default();
    let mut b = Board::default();
    for (i, name) in ["Ann", "Bo \"the\" )] (# Lee", "Cy"].iter().enumerate() {
        let mut c = Contact::new(*name, Stage::ALL[i], at);
        c.notes = format!("line one\n  ) ] }} // not a comment /* nor this\n\"#{i}");
        c.company = Some(format!("Co {i}"));
        b.add(c);
    }
    b
}

fn text(b: &Board) -> String {
    super::super::to_ron(b).unwrap_or_default()
}

#[test]
fn a_big_board_as_rapport_writes_it_is_read_in_pieces() {
    // Several times the piece size, so text is let go along the way.
    let b = crate::generate::board(4000);
    let t = text(&b);
    assert!(t.len() > 3 * READ);
    assert!(check(t.as_bytes()));
}

#[test]
fn boards_written_by_hand_read_the_same_or_are_left_to_parse() {
    let t = text(&small());
    assert!(check(t.as_bytes()), "rapport's own layout");
    // Comments anywhere, with brackets and quotes in them.
    let commented = t
        .replace(
            "  contacts: [\n",
            "  // contacts: ( \" [\n  contacts: /* ] ) \" /* nested ( */ */ [\n",
        )
        .replace(
            "    (\n      id:",
            "    // a ) contact ]\n    (\n      id: /* ) */",
        );
    assert!(check(commented.as_bytes()), "comments");
    // Another order of fields, explicit `Some`, Windows line endings, a byte-order mark.
    let contacts_first = {
        let start = t.find("  contacts: [").unwrap_or(0);
        let end = t.rfind(")").unwrap_or(t.len());
        let head_end = t.find("(\n").map_or(0, |i| i + 2);
        format!(
            "{}{}{})\n",
            &t[..head_end],
            &t[start..end],
            &t[head_end..start]
        )
    };
    assert!(check(contacts_first.as_bytes()), "contacts first");
    assert!(check(
        t.replace("company: \"Co 1\"", "company: Some(\"Co 1\")")
            .as_bytes()
    ));
    assert!(check(t.replace('\n', "\r\n").as_bytes()), "CRLF");
    assert!(check(format!("\u{FEFF}{t}").as_bytes()), "BOM");
    assert!(check(
        t.replace("#![enable(implicit_some)]\n", "").as_bytes()
    ));
    assert!(!check(
        t.replace("  contacts: [\n", "  contacts: [],\n  zzz: [\n")
            .as_bytes()
    ));
    // Named structs.
    check(
        t.replace("    (\n      id:", "    Contact(\n      id:")
            .as_bytes(),
    );
}

#[test]
fn files_parse_refuses_are_never_read_as_boards() {
    let b = small();
    let t = text(&b);
    let mut bad_utf8 = t.clone().into_bytes();
    let at = t.find("    (\n      id:").unwrap_or(0);
    bad_utf8.splice(at..at, b"// \xff\xfe\n".iter().copied());
    let cases: Vec<Vec<u8>> = vec![
        bad_utf8,
        t.as_bytes()[..t.len() / 2].to_vec(),
        t.replace("  contacts: [\n", "  /* never closed\n  contacts: [\n")
            .into_bytes(),
        t.replace(
            "#![enable(implicit_some)]",
            "#![enable(implicit_some, unwrap_newtypes)]",
        )
        .into_bytes(),
        // The list twice.
        t.replace("  contacts: [\n", "  contacts: [],\n  contacts: [\n")
            .into_bytes(),
        // Two contacts with one id.
        {
            let first = b.contacts[0].id.0.clone();
            let second = b.contacts[1].id.0.clone();
            t.replace(&second, &first).into_bytes()
        },
        t.replace("version: 1", "version: 99").into_bytes(),
        b"".to_vec(),
        b"(version: 1, contacts: [\"not a contact\"])".to_vec(),
    ];
    for (i, case) in cases.iter().enumerate() {
        assert!(!check(case), "case {i} was read");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Any names and notes (quotes, hashes, brackets, control characters, any script):
    /// read in pieces exactly as parsed whole.
    #[test]
    fn any_text_in_contacts_reads_as_parsed(
        texts in proptest::collection::vec(any::<String>(), 1..12),
    ) {
        let at = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).single().unwrap_or_default();
        let mut b = Board::default();
        for (i, s) in texts.iter().enumerate() {
            let mut c = Contact::new(format!("n{i} {s}"), Stage::ALL[i % 4], at);
            c.notes = s.clone();
            c.tags = thin_vec::thin_vec![s.clone()];
            b.add(c);
        }
        prop_assert!(check(text(&b).as_bytes()));
    }
}
