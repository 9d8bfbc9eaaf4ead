use super::parse_map;
use super::row::{split_escaped, unguard};
use crate::import::{Options, parse};
use chrono::NaiveDate;

fn opts() -> Options {
    Options {
        today: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        map: Vec::new(),
    }
}

#[test]
fn linkedin_preamble_and_columns() {
    let text = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,https://www.linkedin.com/in/ana-lima,,Acme,Head of Growth,15 Mar 2023\n";
    let p = parse(text, &opts());
    assert_eq!(p.flavour, "LinkedIn connections");
    assert!(p.unknown_columns.is_empty(), "{:?}", p.unknown_columns);
    let r = &p.records[0];
    assert_eq!(r.name(), "Ana Lima");
    assert_eq!(
        r.details.handles,
        Some(vec!["https://www.linkedin.com/in/ana-lima".to_string()])
    );
    assert_eq!(r.details.company, Some(Some("Acme".to_string())));
    assert_eq!(r.details.notes.as_deref(), Some("Position: Head of Growth"));
    assert_eq!(r.met, NaiveDate::from_ymd_opt(2023, 3, 15));
    assert_eq!(r.created, None, "imported contacts start on the import day");
    assert_eq!(r.line, 5);
}

/// Issue 12, case 3: only columns named for email are emails.
#[test]
fn mailing_address_columns_are_not_emails() {
    let text = "First Name,Last Name,Title,Account Name,Mailing Street,Mailing City,Mailing Zip/Postal Code,Email,Phone\nAnn,Lee,CFO,Acme,1 Main St,Springfield,12345,ann@acme.example,555\n";
    let p = parse(text, &opts());
    assert_eq!(p.flavour, "Salesforce contacts");
    let r = &p.records[0];
    assert_eq!(r.details.emails, Some(vec!["ann@acme.example".to_string()]));
    assert_eq!(r.details.company, Some(Some("Acme".into())));
    assert_eq!(r.details.notes.as_deref(), Some("Position: CFO"));
    assert_eq!(
        p.unknown_columns,
        ["Mailing Street", "Mailing City", "Mailing Zip/Postal Code"]
    );
}

/// Issue 12, case 6: localized Outlook headers.
#[test]
fn german_french_and_spanish_outlook_headers() {
    let de = "Anrede;Vorname;Weitere Vornamen;Nachname;Firma;Position;E-Mail-Adresse;E-Mail 2: Adresse;Telefon geschäftlich;Mobiltelefon;Kategorien;Notizen\nFrau;Zoë;;Müller;Müller & Söhne;Geschäftsführerin;zoe@mueller.example;z@privat.example;+49 30 5555 01;+49 170 5555 02;Kunden;Messe Berlin\n";
    let p = parse(de, &opts());
    assert_eq!(p.flavour, "Outlook contacts (German)");
    assert_eq!(p.delimiter, Some(b';'));
    let r = &p.records[0];
    assert_eq!(r.name(), "Zoë Müller");
    assert_eq!(
        r.details.emails,
        Some(vec![
            "zoe@mueller.example".into(),
            "z@privat.example".into()
        ])
    );
    assert_eq!(r.details.phones.as_ref().map(Vec::len), Some(2));
    assert_eq!(r.details.tags, Some(vec!["Kunden".into()]));
    assert_eq!(
        r.details.notes.as_deref(),
        Some("Position: Geschäftsführerin\nMesse Berlin")
    );
    assert_eq!(p.unknown_columns, ["Anrede"]);

    let fr = "Titre,Prénom,Deuxième prénom,Nom,Société,Adresse de messagerie,Téléphone (bureau),Tél. mobile,Catégories\nM.,Jean,,Dupont,Acme SA,jean@acme.example,+33 1 55 55 01,+33 6 55 55 02,Clients\n";
    let p = parse(fr, &opts());
    assert_eq!(p.flavour, "Outlook contacts (French)");
    let r = &p.records[0];
    assert_eq!(r.name(), "Jean Dupont");
    assert_eq!(r.details.company, Some(Some("Acme SA".into())));
    assert_eq!(r.details.phones.as_ref().map(Vec::len), Some(2));

    let es = "Tratamiento\tNombre\tSegundo nombre\tApellidos\tOrganización\tPuesto\tDirección de correo electrónico\tMóvil\tCategorías\nSra.\tLucía\t\tGarcía López\tEmpresa SL\tDirectora\tlucia@empresa.example\t+34 600 555 001\tSocios\n";
    let p = parse(es, &opts());
    assert_eq!(p.flavour, "Outlook contacts (Spanish)");
    assert_eq!(p.delimiter, Some(b'\t'));
    let r = &p.records[0];
    assert_eq!(r.name(), "Lucía García López");
    assert_eq!(r.details.emails, Some(vec!["lucia@empresa.example".into()]));
    assert_eq!(r.details.notes.as_deref(), Some("Position: Directora"));
}

/// A simple French sheet: "Nom" alone is the whole name.
#[test]
fn nom_alone_is_the_name() {
    let p = parse("Nom;Courriel\nJean Dupont;jean@x.example\n", &opts());
    assert_eq!(p.records[0].name(), "Jean Dupont");
}

/// Issue 12, case 6: `;` and tab separated files, and the old error for them.
#[test]
fn delimiters_are_sniffed() {
    for (text, d) in [
        (
            "Name;Email;Phone\nAnn Lee;ann@x.example;+1 555 0100\n",
            b';',
        ),
        (
            "Name\tEmail\tPhone\nAnn Lee\tann@x.example\t+1 555 0100\n",
            b'\t',
        ),
        (
            "Name,Email,Phone\nAnn Lee,ann@x.example,+1 555 0100\n",
            b',',
        ),
    ] {
        let p = parse(text, &opts());
        assert_eq!(p.delimiter, Some(d));
        assert_eq!(p.records.len(), 1, "{p:?}");
        assert_eq!(p.records[0].name(), "Ann Lee");
        assert_eq!(
            p.records[0].details.phones,
            Some(vec!["+1 555 0100".into()])
        );
    }
}

#[test]
fn map_names_what_the_table_does_not_know() {
    let mut o = opts();
    o.map = vec![
        parse_map("Kontakt=name").unwrap(),
        parse_map("Mail privat = email").unwrap(),
        parse_map("Email=ignore").unwrap(),
    ];
    let p = parse(
        "Kontakt,Mail privat,Email\nAnn Lee,ann@x.example,old@x.example\n",
        &o,
    );
    let r = &p.records[0];
    assert_eq!(r.name(), "Ann Lee");
    assert_eq!(r.details.emails, Some(vec!["ann@x.example".into()]));
    assert!(parse_map("Kontakt").is_err());
    assert!(
        parse_map("Kontakt=nickname")
            .unwrap_err()
            .to_string()
            .contains("first_name")
    );
}

/// Issue 12, case 7: line numbers in CRLF files.
#[test]
fn lines_are_right_with_crlf_and_quoted_newlines() {
    let text = "Name,Email,Stage\r\nAnn,a@x.example,dm\r\nBob,\"b@x.example\",nowhere\r\n\"Cy\r\nDee\",c@x.example,dm\r\nDi,d@x.example,later\r\n";
    let p = parse(text, &opts());
    let lines: Vec<usize> = p.skipped.iter().map(|s| s.line).collect();
    assert_eq!(lines, [3, 6]);
    let lines: Vec<usize> = p.records.iter().map(|r| r.line).collect();
    assert_eq!(lines, [2, 4]);
}

#[test]
fn escaped_lists_and_guarded_cells() {
    assert_eq!(
        split_escaped(r"semi\;colon; b\\; c"),
        ["semi;colon", r"b\", "c"]
    );
    assert_eq!(unguard("'+1 555"), "+1 555");
    assert_eq!(unguard("''quoted'"), "'quoted'");
}

/// Hands out at most `step` bytes a read, so every cut of the file is tried somewhere.
struct Trickle<'a> {
    bytes: &'a [u8],
    step: usize,
}

impl std::io::Read for Trickle<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.step.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// The file read as it streams (`parse_each_from`), its records kept as `parse` keeps them.
fn streamed(bytes: &[u8], step: usize) -> crate::import::Parsed {
    let mut records = Vec::new();
    let mut p = crate::import::parse_each_from(Trickle { bytes, step }, &opts(), &mut |r| {
        records.push(r);
        std::ops::ControlFlow::Continue(())
    })
    .unwrap();
    p.records = records;
    p
}

/// A CSV of `rows` rows with CRLF line ends, quoted newlines, a row whose stage is refused
/// every so often, blank lines and names in several scripts.
fn long_csv(rows: usize) -> String {
    let mut text = String::from("Name,Email,Stage,Notes\r\n");
    for i in 0..rows {
        let stage = if i % 97 == 0 { "nowhere" } else { "dm" };
        let name = ["Zoë", "田中 愛子", "Łukasz", "Ann"][i % 4];
        text.push_str(&format!(
            "{name} {i},p{i}@x.example,{stage},\"line one\r\nline two, {i}\"\r\n"
        ));
        if i % 50 == 0 {
            text.push_str("\r\n");
        }
    }
    text
}

#[test]
fn a_large_file_read_as_it_streams_reads_as_the_whole_text() {
    let text = long_csv(8000);
    assert!(
        text.len() > 400 * 1024,
        "past the head and several let-go steps"
    );
    let whole = parse(&text, &opts());
    assert_eq!(whole.records.len(), 8000 - 8000 / 97 - 1);
    assert_eq!(whole.skipped.len(), 8000 / 97 + 1);
    for step in [1 << 20, 8192, 4093, 7] {
        assert_eq!(
            streamed(text.as_bytes(), step),
            whole,
            "read {step} bytes at a time"
        );
    }
    // The last refused row is named by its real line: every row is two lines, plus a blank
    // line after each fiftieth.
    let last = whole.skipped.last().unwrap();
    let i = 7954;
    assert_eq!(last.line, 2 + 2 * i + i / 50 + 1);
}

#[test]
fn a_byte_order_mark_vcard_and_json_stream_too() {
    let csv = "Name;Email\r\nAnn;a@x.example\r\n";
    let mut bom = b"\xef\xbb\xbf".to_vec();
    bom.extend(csv.as_bytes());
    let s = streamed(&bom, 3);
    assert_eq!(s, parse(csv, &opts()));
    assert_eq!((s.delimiter, s.records[0].name()), (Some(b';'), "Ann"));
    let vcf = "\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Zoë Ng\r\nEMAIL:z@x.example\r\nEND:VCARD\r\n";
    let s = streamed(vcf.as_bytes(), 5);
    assert_eq!((s.flavour, s.records[0].name()), ("vCard", "Zoë Ng"));
    assert_eq!(s, parse(vcf, &opts()));
    let json = r#"{"contacts":[{"name":"Ann Lee","emails":["a@x.example"]}]}"#;
    assert_eq!(streamed(json.as_bytes(), 4), parse(json, &opts()));
}

#[test]
fn a_file_that_cannot_be_read_to_its_end_is_an_error_not_a_skipped_row() {
    struct Breaks(usize);
    impl std::io::Read for Breaks {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.0 == 0 {
                return Err(std::io::Error::other("the disk went away"));
            }
            let row = b"Ann,a@x.example\n";
            let n = row.len().min(buf.len());
            buf[..n].copy_from_slice(&row[..n]);
            self.0 -= 1;
            Ok(n)
        }
    }
    let mut head = b"Name,Email\n".to_vec();
    head.extend(b"Ann,a@x.example\n".repeat(5000));
    let file = std::io::Cursor::new(head).chain(Breaks(3));
    use std::io::Read;
    let got =
        crate::import::parse_each_from(file, &opts(), &mut |_| std::ops::ControlFlow::Continue(()));
    let e = got.unwrap_err();
    assert!(e.to_string().contains("the disk went away"), "{e}");
}

proptest::proptest! {
    /// Any text of separators, quotes, line ends and letters, read as it streams in pieces
    /// of any size, reads as the whole text: the same records, skipped rows and lines.
    #[test]
    fn streamed_and_whole_reading_agree(
        body in "[a-zé,;\t\"\r\n@.]{0,400}",
        header in proptest::sample::select(vec!["Name,Email\r\n", "Name;Email\n", "Name\tEmail\n", ""]),
        step in 1usize..64,
    ) {
        let text = format!("{header}{body}");
        proptest::prop_assert_eq!(streamed(text.as_bytes(), step), parse(&text, &opts()));
    }
}

/// A quote left open swallows the rows after it into one cell: the row is skipped and
/// says why, and the rows after the next quote are read again. A note's own lines with
/// commas and an email in them are not rows.
#[test]
fn a_quote_left_open_is_named_not_swallowed_silently() {
    let text = "Name,Email,Notes\nA One,a1@q.example,\"open\nB Two,b2@q.example,x\nC Three,c3@q.example,\"closing\nD Four,d4@q.example,y\nE Five,e5@q.example,\"Met at a conference, Berlin\nwrote to e5@q.example, she said, soon\"\n";
    let p = parse(text, &opts());
    let names: Vec<&str> = p.records.iter().map(|r| r.name()).collect();
    assert_eq!(names, ["D Four", "E Five"]);
    assert_eq!(p.skipped.len(), 1, "{:?}", p.skipped);
    assert_eq!(p.skipped[0].line, 2);
    assert!(matches!(
        p.skipped[0].reason,
        crate::import::SkipReason::UnclosedQuote(2)
    ));
}

/// A value with the separator in it and no quotes gives the row more cells than the
/// header: skipped and named, never cut short; empty cells past the header are harmless.
#[test]
fn a_row_with_more_cells_than_the_header_is_named_not_cut_short() {
    let text =
        "Name,Email,Company\nAnn Extra,ann@x.example,Acme, Inc.\nBob Trail,bob@x.example,Bobco,,\n";
    let p = parse(text, &opts());
    let names: Vec<&str> = p.records.iter().map(|r| r.name()).collect();
    assert_eq!(names, ["Bob Trail"]);
    assert_eq!(p.skipped.len(), 1);
    assert_eq!(p.skipped[0].line, 2);
    assert!(matches!(
        p.skipped[0].reason,
        crate::import::SkipReason::ExtraCells(4, 3)
    ));
}
