//! The numbers behind `rapport stats` and the app's panel: contacts per stage, time in
//! stage, progress, due and overdue, kinds, and their text. `tally` works them out. Pure.

use crate::model::{Kind, Stage};
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
