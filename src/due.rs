//! Who is due, pure: what to suggest, and the review streak (`tally` keeps who is due and
//! in what order). No terminal here; the CLI and the TUI share it.

use crate::model::{Board, Channel, Contact, Stage, Who};
use chrono::{DateTime, Duration, NaiveDate, Utc};

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
    use chrono::TimeZone;

    fn at(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
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
