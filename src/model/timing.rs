//! When a contact is due and why, how long it has been in its stage, and the balance of
//! its latest touches: everything the review and the cards derive from a contact's dates.

use super::{Contact, Settings, Who};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};

impl Contact {
    /// Days between follow-ups for this contact: its own override, else the stage's.
    pub fn cadence(&self, settings: &Settings) -> u32 {
        self.cadence_days
            .unwrap_or_else(|| settings.cadence.for_stage(self.stage))
    }

    /// When the cadence started counting: the later of the last contact and the entry
    /// into the current stage (a move starts the stage's cadence afresh).
    /// Being added in a stage is not a move: a contact added with past touches counts
    /// from the last of them.
    pub fn clock_start(&self) -> DateTime<Utc> {
        let since = self.stage_since();
        match self.last_contact() {
            Some(t) if t > since || since <= self.created => t,
            _ => since,
        }
    }

    /// When to reach out next: the follow-up if one is set, else the clock's start plus the
    /// cadence (0 means "no reminder"), and never before a pause ends. Contacts in the
    /// inbox or the archive are never due.
    pub fn due_date<Tz: TimeZone>(&self, settings: &Settings, tz: &Tz) -> Option<NaiveDate> {
        if !self.on_board() {
            return None;
        }
        let due = self.next_follow_up.or_else(|| {
            let cadence = self.cadence(settings);
            if cadence == 0 {
                return None;
            }
            let since = self.clock_start().with_timezone(tz).date_naive();
            since.checked_add_days(Days::new(u64::from(cadence)))
        });
        match self.paused_until {
            Some(p) => Some(due.map_or(p, |d| d.max(p))),
            None => due,
        }
    }

    /// Paused past `today`.
    pub fn paused_after(&self, today: NaiveDate) -> bool {
        self.paused_until.is_some_and(|p| p > today)
    }

    /// When the contact entered its current stage.
    pub fn stage_since(&self) -> DateTime<Utc> {
        self.stage_history
            .iter()
            .rev()
            .find(|c| c.stage == self.stage)
            .map(|c| c.at)
            .unwrap_or(self.created)
    }

    /// Who owes whom a message, judged from the latest touches.
    pub fn reciprocity(&self) -> Option<Reciprocity> {
        let recent = self.interactions_newest_first();
        match recent.first()?.from {
            Who::Them => Some(Reciprocity::ReplyDue),
            Who::Me => {
                let n = recent.iter().take_while(|i| i.from == Who::Me).count();
                (n >= 2).then_some(Reciprocity::OneSided(n))
            }
        }
    }

    /// Why the contact is due when it is: a set follow-up, or the cadence since the last
    /// contact (or since it was added).
    pub fn due_reason<Tz: TimeZone>(
        &self,
        settings: &Settings,
        tz: &Tz,
        today: NaiveDate,
    ) -> Option<String> {
        if !self.on_board() {
            return None;
        }
        if let Some(p) = self.paused_until {
            let later = self.due_date(settings, tz).is_some_and(|d| d == p);
            if later && p > today {
                return Some(format!(
                    "paused until {}",
                    crate::dates::day_short(p, today)
                ));
            }
        }
        if let Some(d) = self.next_follow_up {
            return Some(format!(
                "follow-up set for {}",
                crate::dates::day_short(d, today)
            ));
        }
        let cadence = self.cadence(settings);
        if cadence == 0 {
            return None;
        }
        let unit = if cadence == 1 { "day" } else { "days" };
        let days_since =
            |t: DateTime<Utc>| (today - t.with_timezone(tz).date_naive()).num_days().max(0);
        let since = self.stage_since();
        Some(match self.last_contact() {
            Some(t) if t >= since => {
                let days = days_since(t);
                format!(
                    "no contact for {days} day{}; cadence {cadence} {unit}",
                    plural(days)
                )
            }
            _ if since > self.created => {
                let days = days_since(since);
                format!(
                    "moved to {} {days} day{} ago; cadence {cadence} {unit}",
                    self.stage.short_title(),
                    plural(days)
                )
            }
            Some(t) => {
                let days = days_since(t);
                format!(
                    "no contact for {days} day{}; cadence {cadence} {unit}",
                    plural(days)
                )
            }
            None => {
                let days = days_since(self.created);
                format!(
                    "added {days} day{} ago, not contacted yet; cadence {cadence} {unit}",
                    plural(days)
                )
            }
        })
    }

    /// Days since the contact entered its current stage.
    pub fn days_in_stage<Tz: TimeZone>(&self, tz: &Tz, today: NaiveDate) -> i64 {
        (today - self.stage_since().with_timezone(tz).date_naive())
            .num_days()
            .max(0)
    }
}

fn plural(n: i64) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The balance of the latest touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reciprocity {
    /// They reached out last and nobody has answered yet.
    ReplyDue,
    /// The last `n` (two or more) touches were all mine.
    OneSided(usize),
}

impl Reciprocity {
    /// A short form for cards.
    pub fn short(self) -> String {
        match self {
            Reciprocity::ReplyDue => "reply due".into(),
            Reciprocity::OneSided(n) => format!("you ×{n}"),
        }
    }
}

impl std::fmt::Display for Reciprocity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Reciprocity::ReplyDue => f.write_str("reply due"),
            Reciprocity::OneSided(n) => write!(f, "you reached out last {n} times"),
        }
    }
}
