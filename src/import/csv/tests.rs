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
