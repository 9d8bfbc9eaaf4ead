use super::*;
use crate::model::{Reciprocity, Settings};

#[test]
fn of_two_interactions_in_the_same_second_the_later_logged_leads() {
    let at = chrono::Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    let mut c = Contact::new("A", Stage::Dm, at);
    for note in ["first", "second", "third"] {
        c.interactions.push(Interaction {
            at,
            channel: Channel::Dm,
            note: Some(note.into()),
            from: Who::Me,
        });
    }
    let notes: Vec<_> = c
        .interactions_newest_first()
        .iter()
        .map(|i| i.note.clone().unwrap())
        .collect();
    assert_eq!(notes, ["third", "second", "first"]);
}
use chrono::TimeZone;

fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
}

#[test]
fn due_from_created_when_never_contacted() {
    let s = Settings::default();
    let c = Contact::new("Ana", Stage::Dm, at(2026, 11, 1));
    assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 8));
}

#[test]
fn due_from_last_contact_and_override() {
    let s = Settings::default();
    let mut c = Contact::new("Ana", Stage::Casual, at(2026, 1, 1));
    c.interactions.push(Interaction {
        at: at(2026, 11, 20),
        channel: Channel::Reply,
        note: None,
        from: Who::Them,
    });
    c.interactions.push(Interaction {
        at: at(2026, 11, 2),
        channel: Channel::Reply,
        note: None,
        from: Who::Me,
    });
    assert_eq!(c.last_contact(), Some(at(2026, 11, 20)));
    assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 12, 4));
    c.cadence_days = Some(3);
    assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 23));
    c.cadence_days = Some(0);
    assert_eq!(c.due_date(&s, &Utc), None);
    c.next_follow_up = NaiveDate::from_ymd_opt(2027, 1, 5);
    assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2027, 1, 5));
}

fn touch(c: &mut Contact, day: u32, from: Who) {
    c.log(
        Interaction {
            at: at(2026, 11, day),
            channel: Channel::Dm,
            note: None,
            from,
        },
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
    );
}

#[test]
fn logging_keeps_order_and_clears_a_due_follow_up() {
    let mut c = Contact::new("A", Stage::Dm, at(2026, 11, 1));
    c.next_follow_up = NaiveDate::from_ymd_opt(2026, 12, 10);
    touch(&mut c, 20, Who::Me);
    assert!(c.next_follow_up.is_some(), "a future follow-up stays");
    c.next_follow_up = NaiveDate::from_ymd_opt(2026, 11, 27);
    touch(&mut c, 5, Who::Them);
    assert_eq!(c.next_follow_up, None, "due today counts as done");
    let days: Vec<u32> = c
        .interactions
        .iter()
        .map(|i| chrono::Datelike::day(&i.at))
        .collect();
    assert_eq!(days, [5, 20], "kept in time order");
    assert_eq!(c.interactions_newest_first()[0].at, at(2026, 11, 20));
}

#[test]
fn reciprocity_flags() {
    let mut c = Contact::new("A", Stage::Dm, at(2026, 11, 1));
    assert_eq!(c.reciprocity(), None);
    touch(&mut c, 2, Who::Me);
    assert_eq!(c.reciprocity(), None, "one touch is not one-sided yet");
    touch(&mut c, 3, Who::Me);
    assert_eq!(c.reciprocity(), Some(Reciprocity::OneSided(2)));
    touch(&mut c, 4, Who::Me);
    assert_eq!(
        c.reciprocity().unwrap().to_string(),
        "you reached out last 3 times"
    );
    touch(&mut c, 5, Who::Them);
    assert_eq!(c.reciprocity(), Some(Reciprocity::ReplyDue));
    touch(&mut c, 6, Who::Me);
    assert_eq!(c.reciprocity(), None);
    // Logged late but older: does not change who spoke last.
    touch(&mut c, 1, Who::Them);
    assert_eq!(c.reciprocity(), None);
}

#[test]
fn due_reasons_read_as_sentences() {
    let s = Settings::default();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut c = Contact::new("A", Stage::Casual, at(2026, 11, 17));
    assert_eq!(
        c.due_reason(&s, &Utc, today).unwrap(),
        "added 10 days ago, not contacted yet; cadence 14 days"
    );
    touch(&mut c, 6, Who::Me);
    assert_eq!(
        c.due_reason(&s, &Utc, today).unwrap(),
        "no contact for 21 days; cadence 14 days"
    );
    c.next_follow_up = NaiveDate::from_ymd_opt(2026, 11, 20);
    assert_eq!(
        c.due_reason(&s, &Utc, today).unwrap(),
        "follow-up set for 20 Nov"
    );
    c.next_follow_up = None;
    c.cadence_days = Some(0);
    assert_eq!(c.due_reason(&s, &Utc, today), None);
    assert_eq!(c.days_in_stage(&Utc, today), 10);
}

#[test]
fn the_clock_runs_from_the_later_of_the_last_touch_and_the_last_move() {
    let s = Settings::default();
    let mut c = Contact::new("A", Stage::Casual, at(2026, 11, 1));
    touch(&mut c, 5, Who::Me);
    // Casual, 14 days from the touch on the 5th.
    assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 19));
    c.set_stage(Stage::Dm, at(2026, 11, 20));
    // Moved on the 20th: dm's 7 days count from the move, not the older touch.
    assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 27));
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    assert_eq!(
        c.due_reason(&s, &Utc, today).unwrap(),
        "moved to DMs 7 days ago; cadence 7 days"
    );
    touch(&mut c, 22, Who::Them);
    assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 29));
    // Added today with touches logged from before: the touches count, not the adding.
    let mut late = Contact::new("B", Stage::Dm, at(2026, 11, 27));
    touch(&mut late, 10, Who::Me);
    assert_eq!(
        late.due_date(&s, &Utc),
        NaiveDate::from_ymd_opt(2026, 11, 17)
    );
}

#[test]
fn inbox_and_archive_are_never_due_and_a_pause_holds_the_due_date_back() {
    let s = Settings::default();
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    let mut c = Contact::new("A", Stage::Dm, at(2026, 11, 1));
    assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 8));
    c.paused_until = NaiveDate::from_ymd_opt(2027, 4, 1);
    assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2027, 4, 1));
    assert_eq!(
        c.due_reason(&s, &Utc, today).unwrap(),
        "paused until 1 Apr 2027"
    );
    // Past the pause, the later of the two decides; a touch ends a pause that is over.
    c.paused_until = NaiveDate::from_ymd_opt(2026, 11, 2);
    assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 8));
    touch(&mut c, 27, Who::Me);
    assert_eq!(c.paused_until, None);
    c.archived = Some(Box::new(Archived {
        at: at(2026, 11, 27),
        reason: String::new(),
    }));
    assert_eq!(c.due_date(&s, &Utc), None);
    assert!(!c.on_board());
    c.archived = None;
    c.put_in_inbox();
    assert_eq!(c.due_date(&s, &Utc), None);
    assert!(c.stage_history.is_empty());
    c.place(Stage::Phone, at(2026, 11, 27));
    assert!(c.on_board());
    // Placing starts the cadence that day.
    assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 12, 11));
}

#[test]
fn profile_urls() {
    assert_eq!(
        profile_url("@becky_b").as_deref(),
        Some("https://x.com/becky_b")
    );
    assert_eq!(
        profile_url("https://a.example/x").as_deref(),
        Some("https://a.example/x")
    );
    assert_eq!(
        profile_url("linkedin.com/in/becky").as_deref(),
        Some("https://linkedin.com/in/becky")
    );
    assert_eq!(profile_url("@"), None);
    assert_eq!(profile_url("@bad name"), None);
    assert_eq!(profile_url("becky@example.com"), None);
    assert_eq!(profile_url("just words"), None);
    assert_eq!(profile_url("@x;rm -rf"), None);
}

#[test]
fn set_stage_records_history() {
    let mut c = Contact::new("  Ana  ", Stage::Casual, at(2026, 1, 1));
    assert_eq!(c.name, "Ana");
    assert!(!c.set_stage(Stage::Casual, at(2026, 1, 2)));
    assert!(c.set_stage(Stage::Phone, at(2026, 1, 3)));
    assert_eq!(c.stage_history.len(), 2);
    assert_eq!(c.stage_since(), at(2026, 1, 3));
}

/// A board holds hundreds of thousands of contacts: fields most contacts leave empty stay
/// out of line (`ThinVec`, a box), so each contact is a few hundred bytes, not 480.
#[test]
fn a_contact_stays_small() {
    let size = std::mem::size_of::<Contact>();
    assert!(size <= 304, "a Contact is {size} bytes");
}
