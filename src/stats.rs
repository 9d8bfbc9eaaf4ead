//! The numbers behind `rapport stats` and the app's panel: contacts per stage, time in
//! stage, progress, due and overdue, kinds. Pure.

use crate::due::current_streak;
use crate::model::{Board, Kind, Stage};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageStats {
    pub stage: &'static str,
    pub contacts: usize,
    /// Median length of stays in this stage, finished and ongoing, in days.
    pub median_days: Option<f64>,
    pub moved_forward_30d: usize,
    pub moved_forward_90d: usize,
    /// Archived contacts that had reached this stage before they were archived.
    pub archived_after: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub total: usize,
    /// Waiting in the inbox to be placed.
    pub inbox: usize,
    pub archived: usize,
    /// Paused past today.
    pub paused: usize,
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
    let mut archived_after = [0usize; 4];
    let mut due_today = 0;
    let mut overdue = 0;
    let (mut inbox, mut archived, mut paused) = (0, 0, 0);
    let mut kinds: std::collections::BTreeMap<&'static str, usize> =
        Kind::ALL.iter().map(|k| (k.id(), 0)).collect();
    for c in &board.contacts {
        let h = &c.stage_history;
        inbox += usize::from(c.inbox && c.archived.is_none());
        paused += usize::from(c.on_board() && c.paused_after(today));
        // An archived contact's last stay ended when it was archived.
        let stopped = match &c.archived {
            Some(a) => {
                archived += 1;
                for s in Stage::ALL {
                    if h.iter().any(|e| e.stage == s) {
                        archived_after[s.index()] += 1;
                    }
                }
                a.at.min(now)
            }
            None => now,
        };
        for (i, entry) in h.iter().enumerate() {
            let end = h.get(i + 1).map(|n| n.at).unwrap_or(stopped);
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
        inbox,
        archived,
        paused,
        stages: Stage::ALL
            .iter()
            .map(|s| StageStats {
                stage: s.id(),
                contacts: counts[s.index()],
                median_days: median(std::mem::take(&mut stays[s.index()])),
                moved_forward_30d: forward_30[s.index()],
                moved_forward_90d: forward_90[s.index()],
                archived_after: archived_after[s.index()],
            })
            .collect(),
        due_today,
        overdue,
        kinds,
        review_streak: current_streak(board, today),
    }
}

/// The numbers as text: `rapport stats` prints them and the app's panel shows them.
pub fn text(st: &Stats) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} contacts · {} due today · {} overdue",
        st.total, st.due_today, st.overdue
    );
    if st.inbox + st.archived + st.paused > 0 {
        let _ = writeln!(
            s,
            "{} in the inbox · {} archived · {} paused",
            st.inbox, st.archived, st.paused
        );
    }
    if st.review_streak > 0 {
        let _ = writeln!(
            s,
            "Review streak: {} day{}",
            st.review_streak,
            if st.review_streak == 1 { "" } else { "s" }
        );
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "{:<22} {:>8} {:>12} {:>18}",
        "STAGE", "CONTACTS", "MEDIAN DAYS", "MOVED ON 30D / 90D"
    );
    for (stage, row) in Stage::ALL.iter().zip(&st.stages) {
        let median = row
            .median_days
            .map(|m| format!("{m:.0}"))
            .unwrap_or_else(|| "—".into());
        let moved = format!("{} / {}", row.moved_forward_30d, row.moved_forward_90d);
        let _ = writeln!(
            s,
            "{:<22} {:>8} {:>12} {:>18}",
            stage.title(),
            row.contacts,
            median,
            moved
        );
    }
    if st.archived > 0 {
        let reached: Vec<String> = Stage::ALL
            .iter()
            .zip(&st.stages)
            .map(|(s, row)| format!("{} {}", s.short_title(), row.archived_after))
            .collect();
        let _ = writeln!(s);
        let _ = writeln!(s, "Archived after reaching: {}", reached.join(" · "));
    }
    let _ = writeln!(s);
    let kinds: Vec<String> = Kind::ALL
        .iter()
        .map(|k| {
            format!(
                "{} {}",
                st.kinds.get(k.id()).copied().unwrap_or(0),
                k.label()
            )
        })
        .collect();
    let _ = writeln!(s, "Kinds: {}", kinds.join(" · "));
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Contact;
    use chrono::TimeZone;

    fn at(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn stats_from_stage_history() {
        let mut b = Board::default();
        let a = b.add(Contact::new("A", Stage::Casual, at(1)));
        b.get_mut(&a).unwrap().set_stage(Stage::Dm, at(11));
        b.get_mut(&a).unwrap().kinds.insert(Kind::Customer);
        let c = b.add(Contact::new("B", Stage::Casual, at(21)));
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
        assert_eq!((s.inbox, s.archived, s.paused), (0, 0, 0));
    }

    #[test]
    fn archived_inbox_and_paused_are_counted() {
        let mut b = Board::default();
        let a = b.add(Contact::new("A", Stage::Casual, at(1)));
        b.get_mut(&a).unwrap().set_stage(Stage::Dm, at(5));
        b.get_mut(&a).unwrap().archived = Some(crate::model::Archived {
            at: at(15),
            reason: "went cold".into(),
        });
        b.add_to_inbox(Contact::new("In", Stage::Casual, at(20)));
        let p = b.add(Contact::new("P", Stage::Phone, at(20)));
        b.get_mut(&p).unwrap().paused_until = NaiveDate::from_ymd_opt(2027, 4, 1);
        let s = stats(&b, at(27), today(), &Utc);
        assert_eq!((s.inbox, s.archived, s.paused), (1, 1, 1));
        // Reached casual and dm before being archived; not phone.
        assert_eq!(s.stages[0].archived_after, 1);
        assert_eq!(s.stages[1].archived_after, 1);
        assert_eq!(s.stages[2].archived_after, 0);
        // Neither the archived nor the inbox contact is in a column.
        assert_eq!(s.stages[1].contacts, 0);
        assert_eq!(s.stages[2].contacts, 1);
        // The dm stay ended at the archiving: 10 days, not 22.
        assert_eq!(s.stages[1].median_days, Some(10.0));
        assert!(text(&s).contains("1 in the inbox · 1 archived · 1 paused"));
        assert!(text(&s).contains("Archived after reaching: Casual 1 · DMs 1 · Phone 0 · Meet 0"));
    }
}
