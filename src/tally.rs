//! Who is due and in what order, and the numbers of the stats panel, kept contact by
//! contact: `add` and `remove` take in one contact's part, so the app keeps a `Tally` up
//! to date after each change and never walks the board to open the review or the numbers.
//! The command line builds one for the board it read. Pure.
//!
//! Only what does not depend on the day is stored (due dates, when stays began, when moves
//! happened); "due today", "moved on in the last 30 days" and the running stays are worked
//! out from those when asked, so the tally stays true as the clock moves on.

use crate::due::current_streak;
use crate::model::{Board, Contact, ContactId, Kind, Settings, Stage};
use crate::stats::{StageStats, Stats};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use std::cmp::Reverse;
use std::collections::BTreeMap;

/// A contact's place in the review: due date, then the later stage first, then the name
/// (lower-cased) and the id, so the order is total.
type DueKey = (NaiveDate, Reverse<Stage>, String, ContactId);

/// An archived contact's last stay: when it began, when the contact was archived.
type ArchivedStay = (DateTime<Utc>, DateTime<Utc>);

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Everyone with a due date, in review order. Counted, since within one change a
    /// contact can be there twice for a moment (a reorder takes it in at its new place
    /// before taking it out of the old).
    due: BTreeMap<DueKey, usize>,
    /// How many fall due on each day, to count "due today" and "overdue" by day.
    due_days: BTreeMap<NaiveDate, usize>,
    total: usize,
    inbox: usize,
    archived: usize,
    /// On the board, by stage.
    columns: [usize; 4],
    /// Pause ends of contacts on the board: those after today are "paused".
    paused_until: BTreeMap<NaiveDate, usize>,
    /// Stays that ended with a move, by stage: their length in days.
    stays_done: [BTreeMap<i64, usize>; 4],
    /// Stays still going on (the current stage of contacts not archived), by stage: when
    /// they began.
    stays_open: [BTreeMap<DateTime<Utc>, usize>; 4],
    /// Archived contacts' last stays, by stage: (began, archived). They ended at the
    /// archiving, or go on until then if it lies ahead.
    stays_archived: [BTreeMap<ArchivedStay, usize>; 4],
    /// When each move forward out of a stage happened, by the stage left.
    forward: [BTreeMap<DateTime<Utc>, usize>; 4],
    /// Archived contacts that had reached each stage.
    archived_after: [usize; 4],
    /// Contacts of each kind, in `Kind::ALL` order.
    kinds: [usize; Kind::ALL.len()],
}

fn bump<K: Ord>(map: &mut BTreeMap<K, usize>, key: K, add: bool) {
    if add {
        *map.entry(key).or_default() += 1;
    } else if let std::collections::btree_map::Entry::Occupied(mut e) = map.entry(key) {
        // Empty entries are removed, so two tallies of the same board are equal.
        *e.get_mut() -= 1;
        if *e.get() == 0 {
            e.remove();
        }
    }
}

/// A contact's place in the review, if it has a due date.
fn due_key<Tz: TimeZone>(c: &Contact, settings: &Settings, tz: &Tz) -> Option<DueKey> {
    let d = c.due_date(settings, tz)?;
    Some((d, Reverse(c.stage), c.name.to_lowercase(), c.id.clone()))
}

fn count(n: &mut usize, add: bool) {
    *n = if add { *n + 1 } else { n.saturating_sub(1) };
}

impl Tally {
    /// The tally of `board`, due dates in `tz`.
    pub fn new<Tz: TimeZone>(board: &Board, tz: &Tz) -> Tally {
        // One thread: tallying in parts on every core was faster, but the parts' maps,
        // freed on the other threads, stayed in those threads' memory (6 MB at 50k).
        let mut t = Tally::default();
        // The review order is sorted once rather than inserted into key by key: names are
        // compared far less often.
        let mut due = Vec::with_capacity(board.contacts.len());
        for c in board.iter() {
            if let Some(key) = due_key(c, &board.settings, tz) {
                bump(&mut t.due_days, key.0, true);
                due.push(key);
            }
            t.apply_undated(c, true);
        }
        due.sort_unstable();
        let mut counted: Vec<(DueKey, usize)> = Vec::with_capacity(due.len());
        for key in due {
            match counted.last_mut() {
                Some((last, n)) if *last == key => *n += 1,
                _ => counted.push((key, 1)),
            }
        }
        // Already in order: building from it is linear.
        t.due = counted.into_iter().collect();
        t
    }

    /// Takes in `c`.
    pub fn add<Tz: TimeZone>(&mut self, c: &Contact, settings: &Settings, tz: &Tz) {
        self.apply(c, settings, tz, true);
    }

    /// Takes `c` out again: it must be exactly as it was when added (same settings too).
    pub fn remove<Tz: TimeZone>(&mut self, c: &Contact, settings: &Settings, tz: &Tz) {
        self.apply(c, settings, tz, false);
    }

    fn apply<Tz: TimeZone>(&mut self, c: &Contact, settings: &Settings, tz: &Tz, add: bool) {
        if let Some(key) = due_key(c, settings, tz) {
            bump(&mut self.due_days, key.0, add);
            bump(&mut self.due, key, add);
        }
        self.apply_undated(c, add);
    }

    /// `apply`, but for the review order (`due`, `due_days`).
    fn apply_undated(&mut self, c: &Contact, add: bool) {
        count(&mut self.total, add);
        if c.inbox && c.archived.is_none() {
            count(&mut self.inbox, add);
        }
        if c.on_board() {
            count(&mut self.columns[c.stage.index()], add);
            if let Some(p) = c.paused_until {
                bump(&mut self.paused_until, p, add);
            }
        }
        let h = &c.stage_history;
        if c.archived.is_some() {
            count(&mut self.archived, add);
            for s in Stage::ALL {
                if h.iter().any(|e| e.stage == s) {
                    count(&mut self.archived_after[s.index()], add);
                }
            }
        }
        for (i, entry) in h.iter().enumerate() {
            let s = entry.stage.index();
            match (h.get(i + 1), &c.archived) {
                (Some(next), _) => {
                    let days = (next.at - entry.at).num_days().max(0);
                    bump(&mut self.stays_done[s], days, add);
                    if next.stage > entry.stage {
                        bump(&mut self.forward[s], next.at, add);
                    }
                }
                (None, Some(a)) => bump(&mut self.stays_archived[s], (entry.at, a.at), add),
                (None, None) => bump(&mut self.stays_open[s], entry.at, add),
            }
        }
        for k in &c.kinds {
            if let Some(i) = Kind::ALL.iter().position(|x| x == k) {
                count(&mut self.kinds[i], add);
            }
        }
    }

    /// Due today or earlier, in review order: most overdue first; ties go to the later
    /// stage (a face-to-face relationship going cold costs more), then by name.
    pub fn queue(&self, today: NaiveDate) -> Vec<ContactId> {
        self.due
            .keys()
            .take_while(|(d, ..)| *d <= today)
            .map(|(.., id)| id.clone())
            .collect()
    }

    /// The first to come due after today, for "all caught up".
    pub fn next_due(&self, today: NaiveDate) -> Option<(NaiveDate, &ContactId)> {
        let after = today.succ_opt()?;
        self.due
            .range(
                (
                    after,
                    Reverse(Stage::Meet),
                    String::new(),
                    ContactId(String::new()),
                )..,
            )
            .next()
            .map(|((d, .., id), _)| (*d, id))
    }

    /// How many are due today or earlier.
    pub fn due_by(&self, today: NaiveDate) -> usize {
        self.due_days.range(..=today).map(|(_, n)| n).sum()
    }

    /// How many wait in the inbox.
    pub fn inbox(&self) -> usize {
        self.inbox
    }

    /// The numbers as of `now` (`today` in the user's time zone). `board` gives the
    /// review streak, which is the board's own.
    pub fn stats(&self, board: &Board, now: DateTime<Utc>, today: NaiveDate) -> Stats {
        let overdue = self.due_days.range(..today).map(|(_, n)| n).sum();
        let due_today = self.due_days.get(&today).copied().unwrap_or(0);
        let since = |days| now - Duration::days(days);
        let moved = |s: usize, days| -> usize {
            self.forward[s].range(since(days)..).map(|(_, n)| n).sum()
        };
        Stats {
            total: self.total,
            inbox: self.inbox,
            archived: self.archived,
            paused: self
                .paused_until
                .range(today.succ_opt().unwrap_or(today)..)
                .map(|(_, n)| n)
                .sum(),
            stages: Stage::ALL
                .iter()
                .map(|s| {
                    let i = s.index();
                    StageStats {
                        stage: s.id(),
                        contacts: self.columns[i],
                        median_days: self.median_stay(i, now),
                        moved_forward_30d: moved(i, 30),
                        moved_forward_90d: moved(i, 90),
                        archived_after: self.archived_after[i],
                    }
                })
                .collect(),
            due_today,
            overdue,
            kinds: Kind::ALL
                .iter()
                .zip(self.kinds)
                .map(|(k, n)| (k.id(), n))
                .collect(),
            review_streak: current_streak(board, today),
        }
    }

    /// The median length of stays in stage `i`, finished and ongoing, in days as of `now`.
    fn median_stay(&self, i: usize, now: DateTime<Utc>) -> Option<f64> {
        let days_to_now = |at: DateTime<Utc>| (now - at).num_days().max(0);
        // Stays that go on lengthen with the clock: latest start, shortest stay.
        let open = self.stays_open[i]
            .iter()
            .rev()
            .map(|(at, n)| (days_to_now(*at), *n));
        // Archived stays are few next to the rest: sorted when asked.
        let mut archived: Vec<(i64, usize)> = self.stays_archived[i]
            .iter()
            .map(|((at, end), n)| (((*end).min(now) - *at).num_days().max(0), *n))
            .collect();
        archived.sort_unstable();
        let done = self.stays_done[i].iter().map(|(d, n)| (*d, *n));
        median(merged(merged(done, open), archived.into_iter()))
    }
}

/// Two runs of (value, how many), each in ascending order, as one.
fn merged(
    a: impl Iterator<Item = (i64, usize)> + Clone,
    b: impl Iterator<Item = (i64, usize)> + Clone,
) -> impl Iterator<Item = (i64, usize)> + Clone {
    let (mut a, mut b) = (a.peekable(), b.peekable());
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if x.0 <= y.0 => a.next(),
        (Some(_), Some(_)) => b.next(),
        (Some(_), None) => a.next(),
        (None, _) => b.next(),
    })
}

/// The median of values given in ascending order with their counts.
fn median(runs: impl Iterator<Item = (i64, usize)> + Clone) -> Option<f64> {
    let n: usize = runs.clone().map(|(_, c)| c).sum();
    if n == 0 {
        return None;
    }
    // The values at positions n/2 - 1 and n/2 (0-based) of the sorted list.
    let nth = |k: usize| {
        let mut seen = 0;
        runs.clone().find_map(|(v, c)| {
            seen += c;
            (seen > k).then_some(v)
        })
    };
    let hi = nth(n / 2)?;
    Some(if n % 2 == 1 {
        hi as f64
    } else {
        (nth(n / 2 - 1)? + hi) as f64 / 2.0
    })
}

/// Everyone due today or earlier on `board`, in review order (`Tally::queue`).
pub fn queue<Tz: TimeZone>(board: &Board, today: NaiveDate, tz: &Tz) -> Vec<ContactId> {
    Tally::new(board, tz).queue(today)
}

/// The numbers for `board` as of `now` (`Tally::stats`).
pub fn stats<Tz: TimeZone>(board: &Board, now: DateTime<Utc>, today: NaiveDate, tz: &Tz) -> Stats {
    Tally::new(board, tz).stats(board, now, today)
}

#[cfg(test)]
mod tests;
