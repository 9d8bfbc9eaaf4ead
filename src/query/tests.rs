use super::*;
use crate::model::{Archived, Board, Channel, Interaction, Who};
use chrono::{TimeZone, Utc};

fn at(y: i32, m: u32, d: u32) -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn board() -> Board {
    let mut b = Board::default();
    let mut c = Contact::new("Chloé Durand", Stage::Dm, at(2026, 2, 10));
    c.tags = thin_vec::thin_vec!["SaaS".into(), "paris".into()];
    c.kinds.insert(Kind::Prospect);
    c.company = Some("Acme Rockets".into());
    c.interactions.push(Interaction {
        at: at(2026, 10, 1),
        channel: Channel::Dm,
        note: Some("asked about the Québec launch".into()),
        from: Who::Them,
    });
    b.add(c);
    let mut c = Contact::new("Becky Chen", Stage::Casual, at(2025, 12, 1));
    c.tags = thin_vec::thin_vec!["podcast".into()];
    c.interactions.push(Interaction {
        at: at(2026, 11, 25),
        channel: Channel::Reply,
        note: None,
        from: Who::Me,
    });
    b.add(c);
    let mut c = Contact::new("Old Friend", Stage::Meet, at(2024, 1, 1));
    c.archived = Some(Box::new(Archived {
        at: at(2026, 5, 1),
        reason: "moved on".into(),
    }));
    b.add(c);
    b
}

fn names(q: &str) -> Vec<String> {
    let b = board();
    let q = Query::parse(q, today());
    assert!(q.problems.is_empty(), "{:?}", q.problems);
    b.iter()
        .filter(|c| q.matches(c, &b.settings, today(), &Utc))
        .map(|c| c.name.clone())
        .collect()
}

#[test]
fn operators_and_words_together() {
    assert_eq!(names("tag:saas kind:prospect stage:dm"), ["Chloé Durand"]);
    assert_eq!(names("company:acme"), ["Chloé Durand"]);
    assert_eq!(names("kind:pros"), ["Chloé Durand"], "a kind's start");
    assert_eq!(names("stage:casual"), ["Becky Chen"]);
    assert_eq!(names("tag:pod becky"), ["Becky Chen"]);
    assert!(names("tag:saas becky").is_empty());
}

#[test]
fn words_ignore_case_and_accents_and_reach_interaction_notes() {
    assert_eq!(names("chloe"), ["Chloé Durand"]);
    assert_eq!(names("CHLOÉ"), ["Chloé Durand"]);
    assert_eq!(names("quebec"), ["Chloé Durand"]);
    assert_eq!(names("bck"), ["Becky Chen"], "a subsequence of the name");
}

#[test]
fn dates_compare_by_period() {
    assert_eq!(names("met:>2026-01"), ["Chloé Durand"]);
    assert_eq!(names("met:2025"), ["Becky Chen"]);
    assert_eq!(names("met:<2025"), ["Old Friend"]);
    // Chloé's last contact was 57 days ago; Becky's 2; Old Friend never.
    assert_eq!(names("last:>30d"), ["Chloé Durand", "Old Friend"]);
    assert_eq!(names("last:<7d"), ["Becky Chen"]);
    assert_eq!(names("last:2026-10"), ["Chloé Durand"]);
}

#[test]
fn due_overdue_and_flags() {
    // Chloé: dm cadence 7 from 1 Oct → overdue. Becky: casual 14 from 25 Nov → not due.
    assert_eq!(names("overdue"), ["Chloé Durand"]);
    assert_eq!(names("due"), ["Chloé Durand"]);
    assert_eq!(names("is:archived"), ["Old Friend"]);
    assert_eq!(
        names("stage:archived moved"),
        Vec::<String>::new(),
        "reason is not a word field"
    );
    assert_eq!(names("is:archived old"), ["Old Friend"]);
}

#[test]
fn unreadable_operators_are_reported_and_half_typed_ones_ignored() {
    let q = Query::parse("kind:zebra met:>soon stage:", today());
    assert_eq!(q.problems.len(), 2);
    assert!(q.problems[0].contains("kind:zebra is not understood"));
    assert!(q.is_empty());
    // A colon that is not an operator is part of a word.
    let q = Query::parse("https://x.com", today());
    assert!(q.problems.is_empty());
    assert!(!q.is_empty());
}

mod search_text {
    use super::*;
    use proptest::prelude::*;

    /// Text from a small alphabet, so that words and names often meet: cases,
    /// accents (composed and not), CJK, punctuation and line breaks.
    fn text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop::sample::select(vec![
                "a", "A", "n", "N", "é", "E\u{301}", "ß", "İ", "李", "@", ".", " ", "\n", "x",
            ]),
            0..8,
        )
        .prop_map(|v| v.concat())
    }

    fn contact() -> impl Strategy<Value = Contact> {
        (
            text(),
            proptest::collection::vec(text(), 0..3),
            text(),
            proptest::option::of(text()),
            proptest::collection::vec(proptest::option::of(text()), 0..3),
        )
            .prop_map(|(name, handles, notes, company, notes_of)| {
                let mut c = Contact::new(name, Stage::Dm, at(2026, 1, 1));
                c.handles = handles.as_slice().into();
                c.emails = handles.into_iter().rev().collect();
                c.tags = thin_vec::thin_vec![notes.chars().rev().collect()];
                c.notes = notes;
                c.company = company;
                for note in notes_of {
                    c.interactions.push(Interaction {
                        at: at(2026, 2, 1),
                        channel: Channel::Dm,
                        note,
                        from: Who::Me,
                    });
                }
                c
            })
    }

    proptest! {
        /// The folded text gives the same answer as looking through the contact.
        #[test]
        fn matches_the_same_as_looking_through_the_contact(c in contact(), words in text()) {
            let q = Query::parse(&words, today());
            let settings = Settings::default();
            // Among other contacts, and after edits, so the spans are tested too.
            let other = Contact::new("Zed Other", Stage::Dm, at(2026, 1, 1));
            let mut index = SearchIndex::new([&other, &c, &other].into_iter());
            index.replace(0, &c);
            index.remove(2);
            index.insert(0, &other);
            let both = q.matches_terms(&c, &settings, today(), &Utc) && index.has_words(&q, 1) && index.has_words(&q, 2);
            prop_assert_eq!(both, q.matches(&c, &settings, today(), &Utc));
            prop_assert_eq!(index.len(), 3);
        }
    }
}
