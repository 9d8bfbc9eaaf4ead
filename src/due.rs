//! Who is due, pure: who to reach out to today and in what order, what to suggest, and the
//! review streak. No terminal here; the CLI and the TUI share it.

use crate::model::{Board, Channel, Contact, ContactId, Stage, Who};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};

/// Contacts due today or earlier: most overdue first; ties go to the later stage (a
/// face-to-face relationship going cold costs more), then by name.
pub fn queue<Tz: TimeZone>(board: &Board, today: NaiveDate, tz: &Tz) -> Vec<ContactId> {
    // Each name is lower-cased once, not at every comparison of the sort.
    let mut due: Vec<(NaiveDate, std::cmp::Reverse<Stage>, String, &Contact)> = board
        .iter()
        .filter_map(|c| {
            c.due_date(&board.settings, tz)
                .filter(|d| *d <= today)
                .map(|d| (d, std::cmp::Reverse(c.stage), c.name.to_lowercase(), c))
        })
        .collect();
    due.sort_unstable_by(|a, b| {
        (a.0, a.1, &a.2)
            .cmp(&(b.0, b.1, &b.2))
            .then_with(|| a.3.id.cmp(&b.3.id))
    });
    due.into_iter().map(|(.., c)| c.id.clone()).collect()
}

/// The next contact to come due after today, for "all caught up".
pub fn next_due<'a, Tz: TimeZone>(
    board: &'a Board,
    today: NaiveDate,
    tz: &Tz,
) -> Option<(NaiveDate, &'a Contact)> {
    board
        .iter()
        .filter_map(|c| {
            c.due_date(&board.settings, tz)
                .filter(|d| *d > today)
                .map(|d| (d, c))
        })
        .min_by(|(da, a), (db, b)| da.cmp(db).then(b.stage.cmp(&a.stage)))
}

/// A nudge towards the next stage, where the history suggests one.
pub fn suggestion(c: &Contact, now: DateTime<Utc>) -> Option<&'static str> {
    match c.stage {
        Stage::Dm if exchanges_since(c, now - Duration::days(30)) >= 3 => Some("propose a call"),
        Stage::Phone
            if c.interactions
                .iter()
                .filter(|i| i.channel == Channel::Call)
                .count()
                >= 2 =>
        {
            Some("meet in person?")
        }
        _ => None,
    }
}

/// Back-and-forths since `since`: each time the conversation changed hands.
fn exchanges_since(c: &Contact, since: DateTime<Utc>) -> usize {
    let mut recent: Vec<(DateTime<Utc>, Who)> = c
        .interactions
        .iter()
        .filter(|i| i.at >= since)
        .map(|i| (i.at, i.from))
        .collect();
    recent.sort_by_key(|(at, _)| *at);
    recent.windows(2).filter(|w| w[0].1 != w[1].1).count()
}

/// Updates the review streak for a review completed `today`; true if anything changed.
pub fn complete_review(board: &mut Board, today: NaiveDate) -> bool {
    match board.last_review {
        Some(d) if d == today => return false,
        Some(d) if d + Duration::days(1) == today => board.review_streak += 1,
        _ => board.review_streak = 1,
    }
    board.last_review = Some(today);
    true
}

/// The streak as it stands today: it lapses once a day passes without a review.
pub fn current_streak(board: &Board, today: NaiveDate) -> u32 {
    match board.last_review {
        Some(d) if d == today || d + Duration::days(1) == today => board.review_streak,
        _ => 0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Interaction;

    fn at(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn contact(b: &mut Board, name: &str, stage: Stage, created: u32) -> ContactId {
        b.add(Contact::new(name, stage, at(created)))
    }

    fn names(b: &Board, q: &[ContactId]) -> Vec<String> {
        q.iter().map(|id| b.get(id).unwrap().name.clone()).collect()
    }

    #[test]
    fn queue_order_most_overdue_then_later_stage_then_name() {
        let mut b = Board::default();
        // dm cadence 7: created on the 10th → due the 17th (10 days overdue).
        contact(&mut b, "Dee", Stage::Dm, 10);
        // casual 14: created on the 3rd → due the 17th too; dm is the later stage.
        contact(&mut b, "Cas", Stage::Casual, 3);
        // meet 30: created 28 Oct → due 27 Nov (today).
        let m = b.add(Contact::new("Mia", Stage::Meet, at(1) - Duration::days(4)));
        // Same stage and day as Dee: by name.
        contact(&mut b, "ada", Stage::Dm, 10);
        // Not due: created today.
        contact(&mut b, "New", Stage::Casual, 27);
        // Follow-up wins over cadence: set for tomorrow, so not due.
        let f = contact(&mut b, "Fol", Stage::Dm, 1);
        b.get_mut(&f).unwrap().next_follow_up = Some(today() + Duration::days(1));
        // Follow-up in the past: most overdue of all.
        let p = contact(&mut b, "Past", Stage::Casual, 26);
        b.get_mut(&p).unwrap().next_follow_up = NaiveDate::from_ymd_opt(2026, 11, 1);
        // Cadence 0: never due.
        let z = contact(&mut b, "Zero", Stage::Casual, 1);
        b.get_mut(&z).unwrap().cadence_days = Some(0);
        let q = queue(&b, today(), &Utc);
        assert_eq!(names(&b, &q), ["Past", "ada", "Dee", "Cas", "Mia"]);
        assert!(q.contains(&m));
    }

    #[test]
    fn contact_counts_from_last_interaction() {
        let mut b = Board::default();
        let id = contact(&mut b, "A", Stage::Dm, 1);
        assert_eq!(queue(&b, today(), &Utc).len(), 1);
        b.get_mut(&id).unwrap().interactions.push(Interaction {
            at: at(25),
            channel: Channel::Dm,
            note: None,
            from: Who::Me,
        });
        assert!(queue(&b, today(), &Utc).is_empty());
        let (d, c) = next_due(&b, today(), &Utc).unwrap();
        assert_eq!(
            (d, c.name.as_str()),
            (NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(), "A")
        );
    }

    #[test]
    fn suggestions_follow_the_history() {
        let mut c = Contact::new("A", Stage::Dm, at(1));
        let mut log = |d: u32, ch: Channel, from: Who| {
            c.interactions.push(Interaction {
                at: at(d),
                channel: ch,
                note: None,
                from,
            })
        };
        log(2, Channel::Dm, Who::Me);
        log(3, Channel::Dm, Who::Them);
        log(4, Channel::Dm, Who::Me);
        assert_eq!(suggestion(&c, at(27)), None, "two exchanges");
        c.interactions.push(Interaction {
            at: at(5),
            channel: Channel::Dm,
            note: None,
            from: Who::Them,
        });
        assert_eq!(suggestion(&c, at(27)), Some("propose a call"));
        assert_eq!(
            suggestion(&c, at(27) + Duration::days(40)),
            None,
            "older than 30 days"
        );
        c.stage = Stage::Phone;
        assert_eq!(suggestion(&c, at(27)), None);
        for d in [10, 20] {
            c.interactions.push(Interaction {
                at: at(d),
                channel: Channel::Call,
                note: None,
                from: Who::Me,
            });
        }
        assert_eq!(suggestion(&c, at(27)), Some("meet in person?"));
    }

    #[test]
    fn streak_counts_consecutive_days() {
        let mut b = Board::default();
        let d = today();
        assert!(complete_review(&mut b, d));
        assert_eq!(b.review_streak, 1);
        assert!(!complete_review(&mut b, d), "twice a day is once");
        assert!(complete_review(&mut b, d + Duration::days(1)));
        assert_eq!(b.review_streak, 2);
        assert_eq!(current_streak(&b, d + Duration::days(2)), 2);
        assert_eq!(current_streak(&b, d + Duration::days(3)), 0, "lapsed");
        assert!(complete_review(&mut b, d + Duration::days(5)));
        assert_eq!(b.review_streak, 1);
    }
}
