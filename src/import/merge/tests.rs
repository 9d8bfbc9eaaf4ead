use super::*;
use crate::model::ContactEdit;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
}

fn record(line: usize, name: &str, edit: ContactEdit) -> Record {
    Record {
        line,
        details: ContactEdit {
            name: Some(name.into()),
            ..edit
        },
        ..Record::default()
    }
}

fn emails(v: &[&str]) -> ContactEdit {
    ContactEdit {
        emails: Some(v.iter().map(|s| s.to_string()).collect()),
        ..ContactEdit::default()
    }
}

fn phones(v: &[&str]) -> ContactEdit {
    ContactEdit {
        phones: Some(v.iter().map(|s| s.to_string()).collect()),
        ..ContactEdit::default()
    }
}

#[test]
fn merge_fills_without_duplicating() {
    let mut b = Board::default();
    let mut c = Contact::new("Becky Chen", Stage::Dm, now());
    c.emails.push("Becky@Example.com".into());
    b.add(c);
    let recs = vec![
        record(
            2,
            "B. Chen",
            ContactEdit {
                company: Some(Some("Lumen".into())),
                ..emails(&["becky@example.com"])
            },
        ),
        record(
            3,
            "New Person",
            ContactEdit {
                handles: Some(vec!["@new".into()]),
                ..ContactEdit::default()
            },
        ),
        record(
            4,
            "New Person",
            ContactEdit {
                handles: Some(vec!["https://x.com/new/".into(), "@new".into()]),
                ..ContactEdit::default()
            },
        ),
    ];
    let r = merge(&mut b, &recs, Stage::Casual, Some("imported"), now());
    assert_eq!(r.added.len(), 1);
    assert_eq!(b.contacts[r.added[0].at as usize].name, "New Person");
    let merged: Vec<(usize, &str, &str)> = r
        .merged
        .iter()
        .map(|m| (m.line, m.into.as_str(), m.by.as_str()))
        .collect();
    // Line 4 is the same profile spelled two ways: nothing to add.
    assert_eq!(merged, [(2, "Becky Chen", "email becky@example.com")]);
    assert_eq!(r.unchanged[0].by, "profile x.com/new");
    assert_eq!(b.contacts[1].handles, ["@new"]);
    assert_eq!(b.contacts.len(), 2);
    assert_eq!(b.contacts[0].company.as_deref(), Some("Lumen"));
    assert_eq!(
        b.contacts[0].stage,
        Stage::Dm,
        "merging never moves a contact"
    );
    assert!(b.contacts[1].tags.contains(&"imported".to_string()));
    // Twice: nothing changes.
    let again = merge(&mut b, &recs, Stage::Casual, Some("imported"), now());
    assert!(!again.changed(), "{again:?}");
    assert_eq!(again.unchanged.len(), 3);
}

/// Issue 12, case 1: placeholder emails are no keys.
#[test]
fn placeholder_emails_never_merge_people() {
    let mut b = Board::default();
    let p = super::super::parse(
        "Name,Email,Phone\nAnn Lee,n/a,1\nBob Ray,n/a,2\nCy Dee,-,3\n",
        &super::super::Options::default(),
    );
    let r = merge(&mut b, &p.records, Stage::Casual, None, now());
    assert_eq!(r.added.len(), 3, "{r:?}");
    assert!(b.iter().all(|c| c.emails.is_empty()));
    assert_eq!(b.contacts[1].phones, ["2"]);
}

/// Issue 12, case 2: a shared email, a shared website, a shared name or phone add a
/// contact and report it as a possible duplicate.
#[test]
fn shared_values_are_possible_duplicates_not_merges() {
    let mut b = Board::default();
    let recs = vec![
        record(2, "John Smith", emails(&["smiths@home.example"])),
        record(3, "Jane Smith", emails(&["smiths@home.example"])),
        record(
            4,
            "Ann Lee",
            ContactEdit {
                handles: Some(vec!["https://acme.example".into()]),
                ..ContactEdit::default()
            },
        ),
        record(
            5,
            "Bob Ray",
            ContactEdit {
                handles: Some(vec!["https://www.acme.example/".into()]),
                ..ContactEdit::default()
            },
        ),
        record(6, "Sam Roe", phones(&["+1 555 0100 123"])),
        record(7, "Sam Roe", phones(&["+44 20 5555 0000"])),
        record(8, "Kim Poe", phones(&["+1 (555) 0100-123"])),
    ];
    let r = merge(&mut b, &recs, Stage::Casual, None, now());
    assert_eq!(r.added.len(), 7, "{r:?}");
    assert!(r.merged.is_empty());
    let dups: Vec<(usize, &str, &str)> = r
        .possible_duplicates
        .iter()
        .map(|d| (d.line, d.other.as_str(), d.why.as_str()))
        .collect();
    assert_eq!(
        dups,
        [
            (
                3,
                "John Smith",
                "same email smiths@home.example under another name"
            ),
            (5, "Ann Lee", "same website https://www.acme.example/"),
            (7, "Sam Roe", "same name"),
            (8, "Sam Roe", "same phone +1 (555) 0100-123"),
        ]
    );
    let again = merge(&mut b, &recs, Stage::Casual, None, now());
    assert!(!again.changed(), "{again:?}");
    assert_eq!(b.contacts.len(), 7);
}

/// Issue 12, case 4: a foreign id is the source id, never rapport's id, so two sheets
/// numbered 1, 2, 3 do not merge into each other.
#[test]
fn foreign_ids_are_source_ids() {
    let mut b = Board::default();
    let opts = super::super::Options::default();
    let one = super::super::parse("ID,Name\n1,Ann Lee\n2,Bob Ray\n", &opts);
    let two = super::super::parse(
        "Id,Full Name,Company\n1,Cy Dee,Acme\n2,Di Fox,Bcme\n",
        &opts,
    );
    merge(&mut b, &one.records, Stage::Casual, None, now());
    let r = merge(&mut b, &two.records, Stage::Casual, None, now());
    assert_eq!(r.added.len(), 2, "{r:?}");
    assert_eq!(b.contacts.len(), 4);
    assert!(b.iter().all(|c| c.id.as_str() != "1"));
    assert!(
        b.contacts[0]
            .uid
            .as_deref()
            .is_some_and(|u| u.ends_with(":1"))
    );
    // The same sheet again, renamed at the source: found by its source id.
    let renamed = super::super::parse("ID,Name\n1,Ann Lee-Ray\n", &opts);
    let r = merge(&mut b, &renamed.records, Stage::Casual, None, now());
    assert_eq!(r.unchanged.len(), 1, "{r:?}");
    assert_eq!(r.unchanged[0].by, "source id");
}

#[test]
fn a_profile_spelled_another_way_is_not_added_again() {
    let mut b = Board::default();
    let mut c = Contact::new("Ann Lee", Stage::Dm, now());
    c.handles.push("@ann".into());
    b.add(c);
    let recs = vec![
        record(
            2,
            "Annie Lee",
            ContactEdit {
                handles: Some(vec![
                    "https://twitter.com/ann/".into(),
                    "https://github.com/annlee".into(),
                ]),
                ..ContactEdit::default()
            },
        ),
        record(
            3,
            "Ann Lee",
            ContactEdit {
                handles: Some(vec!["x.com/ann".into()]),
                ..ContactEdit::default()
            },
        ),
    ];
    let r = merge(&mut b, &recs, Stage::Casual, None, now());
    assert_eq!(r.added.len(), 0, "{r:?}");
    assert_eq!(
        b.contacts[0].handles,
        ["@ann", "https://github.com/annlee"],
        "the GitHub profile is new, the X one is not"
    );
    assert_eq!((r.merged.len(), r.unchanged_rows), (1, 1), "{r:?}");
}
