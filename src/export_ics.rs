//! The calendar export, pure: every contact's next reach-out as an all-day iCalendar
//! (RFC 5545) entry, so a phone calendar shows the day's reach-outs.
//!
//! Each entry's UID is made from the contact's id, so importing a newer export updates the
//! entry instead of adding a second one; `SEQUENCE` grows with the export time for the
//! calendars that want it to. Overdue reach-outs are dated today: that is when to do them.

use crate::agenda::next_step;
use crate::dates;
use crate::model::{Board, Contact};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};

/// The calendar as text, CRLF line ends and long lines folded.
pub fn ics<Tz: TimeZone>(board: &Board, now: DateTime<Utc>, today: NaiveDate, tz: &Tz) -> String {
    let mut out = String::new();
    let mut line = |s: &str| push_folded(&mut out, s);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//rapport//reach-outs//EN");
    line("CALSCALE:GREGORIAN");
    line("X-WR-CALNAME:rapport reach-outs");
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    // Minutes since 2020: larger at every later export.
    let sequence = (now.timestamp() - 1_577_836_800).max(0) / 60;
    let mut entries: Vec<(NaiveDate, &Contact)> = board
        .iter()
        .filter_map(|c| c.due_date(&board.settings, tz).map(|d| (d, c)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
    for (due, c) in entries {
        let day = due.max(today);
        let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
        let what = if c.next_follow_up.is_some() {
            "Follow up"
        } else {
            "Reach out"
        };
        line("BEGIN:VEVENT");
        line(&format!("UID:{}@rapport", c.id));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("SEQUENCE:{sequence}"));
        line(&format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
        line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
        line(&format!("SUMMARY:{}", text(&format!("{what}: {}", c.name))));
        line(&format!(
            "DESCRIPTION:{}",
            text(&description(c, due, today, now, tz))
        ));
        if let Some(url) = c.handles.iter().find_map(|h| crate::model::profile_url(h)) {
            line(&format!("URL:{}", text(&url)));
        }
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn description<Tz: TimeZone>(
    c: &Contact,
    due: NaiveDate,
    today: NaiveDate,
    now: DateTime<Utc>,
    tz: &Tz,
) -> String {
    let mut lines = vec![format!("{} · {}", c.stage.title(), next_step(c, now))];
    if due < today {
        lines.push(format!("Due since {}", dates::day_words(due, today)));
    }
    if let Some(h) = c.handles.first() {
        lines.push(format!("Handle: {h}"));
    }
    if let Some(e) = c.emails.first() {
        lines.push(format!("Email: {e}"));
    }
    if let Some(p) = c.phones.first() {
        lines.push(format!("Phone: {p}"));
    }
    match c.last_interaction() {
        Some(i) => {
            let day = i.at.with_timezone(tz).date_naive();
            let mut last = format!(
                "Last: {} ({}), {} from {}",
                day.format("%Y-%m-%d"),
                dates::ago(day, today),
                i.channel,
                i.from
            );
            if let Some(n) = &i.note {
                last.push_str(&format!(": {n}"));
            }
            lines.push(last);
        }
        None => lines.push("Last: not contacted yet".into()),
    }
    lines.join("\n")
}

/// A TEXT value escaped (RFC 5545 3.3.11); control characters other than line breaks are
/// dropped, as no calendar shows them.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded at 75 octets without splitting a character.
fn push_folded(out: &mut String, line: &str) {
    let mut width = 0;
    for ch in line.chars() {
        let n = ch.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(ch);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_within_75_octets_between_characters() {
        let mut out = String::new();
        push_folded(&mut out, &format!("SUMMARY:{}", "é".repeat(60)));
        for l in out.split("\r\n") {
            assert!(l.len() <= 75, "{l}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(60)));
        assert_eq!(text("a,b;c\\d\ne\u{1b}"), "a\\,b\\;c\\\\d\\ne");
    }
}
