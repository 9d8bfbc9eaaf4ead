//! The agenda, pure: who is due, day by day, for the coming days (the overdue first), with
//! the next step for each. The app's agenda view, `rapport agenda` and the calendar export
//! share it.

use crate::due;
use crate::model::{Board, Contact, ContactId, Reciprocity, Stage};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};

/// One contact on one day of the agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub id: ContactId,
    pub due: NaiveDate,
    pub next_step: String,
}

/// A day of the agenda; `day` is `None` for everyone already overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Day {
    pub day: Option<NaiveDate>,
    pub entries: Vec<Entry>,
}

/// What to do next with `c`, in a few words.
pub fn next_step(c: &Contact, now: DateTime<Utc>) -> String {
    if c.reciprocity() == Some(Reciprocity::ReplyDue) {
        return "reply to them".into();
    }
    if let Some(s) = due::suggestion(c, now) {
        return s.into();
    }
    if c.next_follow_up.is_some() {
        return "follow up as planned".into();
    }
    match c.stage {
        Stage::Casual => "reply or comment",
        Stage::Dm => "send a DM",
        Stage::Phone => "call",
        Stage::Meet => "meet up",
    }
    .into()
}

/// The overdue (as one group, most overdue first) and then each of the `days` days from
/// `today` that has someone due. Empty days are left out.
pub fn agenda<Tz: TimeZone>(
    board: &Board,
    now: DateTime<Utc>,
    today: NaiveDate,
    days: u32,
    tz: &Tz,
) -> Vec<Day> {
    let last = today
        .checked_add_days(Days::new(u64::from(days.saturating_sub(1))))
        .unwrap_or(today);
    let mut due: Vec<(NaiveDate, &Contact)> = board
        .iter()
        .filter_map(|c| {
            c.due_date(&board.settings, tz)
                .filter(|d| *d <= last)
                .map(|d| (d, c))
        })
        .collect();
    due.sort_by(|(da, a), (db, b)| {
        da.cmp(db)
            .then(b.stage.cmp(&a.stage))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    let mut out: Vec<Day> = Vec::new();
    for (d, c) in due {
        let key = (d >= today).then_some(d);
        let entry = Entry {
            id: c.id.clone(),
            due: d,
            next_step: next_step(c, now),
        };
        match out.last_mut() {
            Some(day) if day.day == key => day.entries.push(entry),
            _ => out.push(Day {
                day: key,
                entries: vec![entry],
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn overdue_first_then_day_by_day_within_the_window() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        let mut b = Board::default();
        // dm cadence 7: created the 10th → due the 17th, overdue.
        b.add(Contact::new("Old", Stage::Dm, at(10)));
        // created the 14th → due the 21st, tomorrow.
        b.add(Contact::new("Tom", Stage::Dm, at(14)));
        // casual 14: created the 9th → due the 23rd.
        b.add(Contact::new("Cas", Stage::Casual, at(9)));
        // Outside the window: meet 30 from the 19th.
        b.add(Contact::new("Far", Stage::Meet, at(19)));
        // In the inbox: never due.
        b.add_to_inbox(Contact::new("Inbox", Stage::Dm, at(1)));
        let a = agenda(&b, at(20), today, 7, &Utc);
        let shape: Vec<(Option<NaiveDate>, Vec<&str>)> = a
            .iter()
            .map(|d| {
                (
                    d.day,
                    d.entries
                        .iter()
                        .map(|e| b.get(&e.id).unwrap().name.as_str())
                        .collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            vec![
                (None, vec!["Old"]),
                (NaiveDate::from_ymd_opt(2026, 11, 21), vec!["Tom"]),
                (NaiveDate::from_ymd_opt(2026, 11, 23), vec!["Cas"]),
            ]
        );
        assert_eq!(a[0].entries[0].next_step, "send a DM");
    }
}
