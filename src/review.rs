//! The daily review, pure: who is due today and in what order, what to suggest, and the
//! numbers behind `rapport stats`. No terminal here; the CLI and the TUI share it.

use crate::model::{Board, Channel, Contact, ContactId, Kind, Stage, Who};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde::Serialize;

/// Contacts due today or earlier: most overdue first; ties go to the later stage (a
/// face-to-face relationship going cold costs more), then by name.
pub fn queue<Tz: TimeZone>(board: &Board, today: NaiveDate, tz: &Tz) -> Vec<ContactId> {
    let mut due: Vec<(NaiveDate, &Contact)> = board
        .contacts
        .iter()
        .filter_map(|c| {
            c.due_date(&board.settings, tz)
                .filter(|d| *d <= today)
                .map(|d| (d, c))
        })
        .collect();
    due.sort_by(|(da, a), (db, b)| {
        da.cmp(db)
            .then(b.stage.cmp(&a.stage))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
            .then_with(|| a.id.cmp(&b.id))
    });
    due.into_iter().map(|(_, c)| c.id.clone()).collect()
}

/// The next contact to come due after today, for "all caught up".
pub fn next_due<'a, Tz: TimeZone>(
    board: &'a Board,
    today: NaiveDate,
    tz: &Tz,
) -> Option<(NaiveDate, &'a Contact)> {
    board
        .contacts
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

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageStats {
    pub stage: &'static str,
    pub contacts: usize,
    /// Median length of stays in this stage, finished and ongoing, in days.
    pub median_days: Option<f64>,
    pub moved_forward_30d: usize,
    pub moved_forward_90d: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub total: usize,
    pub stages: Vec<StageStats>,
    pub due_today: usize,
    pub overdue: usize,
    pub kinds: std::collections::BTreeMap<&'static str, usize>,
    pub review_streak: u32,
}

fn median(mut v: Vec<i64>) -> Option<f64> {
    if v.is_empty() {
        return None;
    }
    v.sort_unstable();
    let n = v.len();
    Some(if n % 2 == 1 {
        v[n / 2] as f64
    } else {
        (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
    })
}

pub fn stats<Tz: TimeZone>(board: &Board, now: DateTime<Utc>, today: NaiveDate, tz: &Tz) -> Stats {
    let mut stays: [Vec<i64>; 4] = Default::default();
    let mut forward_30 = [0usize; 4];
    let mut forward_90 = [0usize; 4];
    let mut due_today = 0;
    let mut overdue = 0;
    let mut kinds: std::collections::BTreeMap<&'static str, usize> =
        Kind::ALL.iter().map(|k| (k.id(), 0)).collect();
    for c in &board.contacts {
        let h = &c.stage_history;
        for (i, entry) in h.iter().enumerate() {
            let end = h.get(i + 1).map(|n| n.at).unwrap_or(now);
            stays[entry.stage.index()].push((end - entry.at).num_days().max(0));
            if let Some(next) = h.get(i + 1)
                && next.stage > entry.stage
            {
                let ago = now - next.at;
                if ago <= Duration::days(30) {
                    forward_30[entry.stage.index()] += 1;
                }
                if ago <= Duration::days(90) {
                    forward_90[entry.stage.index()] += 1;
                }
            }
        }
        match c.due_date(&board.settings, tz) {
            Some(d) if d == today => due_today += 1,
            Some(d) if d < today => overdue += 1,
            _ => {}
        }
        for k in &c.kinds {
            *kinds.entry(k.id()).or_default() += 1;
        }
    }
    let counts = board.counts();
    Stats {
        total: board.contacts.len(),
        stages: Stage::ALL
            .iter()
            .map(|s| StageStats {
                stage: s.id(),
                contacts: counts[s.index()],
                median_days: median(std::mem::take(&mut stays[s.index()])),
                moved_forward_30d: forward_30[s.index()],
                moved_forward_90d: forward_90[s.index()],
            })
            .collect(),
        due_today,
        overdue,
        kinds,
        review_streak: current_streak(board, today),
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

    #[test]
    fn stats_from_stage_history() {
        let mut b = Board::default();
        let a = contact(&mut b, "A", Stage::Casual, 1);
        b.get_mut(&a).unwrap().set_stage(Stage::Dm, at(11));
        b.get_mut(&a).unwrap().kinds.insert(Kind::Customer);
        let c = contact(&mut b, "B", Stage::Casual, 21);
        b.get_mut(&c).unwrap().set_stage(Stage::Phone, at(25));
        b.get_mut(&c).unwrap().set_stage(Stage::Dm, at(26));
        let s = stats(&b, at(27), today(), &Utc);
        assert_eq!(s.total, 2);
        assert_eq!(s.stages[0].contacts, 0);
        assert_eq!(s.stages[1].contacts, 2);
        // Casual stays: 10 and 4 days.
        assert_eq!(s.stages[0].median_days, Some(7.0));
        assert_eq!(s.stages[0].moved_forward_30d, 2);
        // Phone → dm is backwards, not forwards.
        assert_eq!(s.stages[2].moved_forward_90d, 0);
        assert_eq!(s.kinds["customer"], 1);
        assert_eq!(s.kinds["vendor"], 0);
        assert_eq!(s.stages[3].median_days, None);
    }
}
