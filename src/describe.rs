//! A contact's facts in words, once: the detail view, the review card and `rapport show`
//! all say "12 days in stage", "every 14 days (this contact's own)", "3d ago · dm from me"
//! from here, so the three never disagree. Plain text; styling is the caller's.

use crate::dates::{self, Due};
use crate::model::{Contact, Settings};
use chrono::{Local, NaiveDate};

/// "12 days in stage".
/// Where the contact stands outside the columns, if it does: archived, in the inbox, or
/// paused. `None` for a contact in its column as usual.
pub fn standing(c: &Contact, today: NaiveDate) -> Option<String> {
    if let Some(a) = &c.archived {
        let day = a.at.with_timezone(&Local).date_naive();
        let why = if a.reason.is_empty() {
            String::new()
        } else {
            format!(": {}", a.reason)
        };
        return Some(format!(
            "archived {}{why}",
            crate::dates::day_short(day, today)
        ));
    }
    if c.inbox {
        return Some("in the inbox, waiting for triage".into());
    }
    c.paused_until.filter(|p| *p > today).map(|p| {
        format!(
            "paused until {}: out of the review until then",
            crate::dates::day_words(p, today)
        )
    })
}

pub fn time_in_stage(c: &Contact, today: NaiveDate) -> String {
    let days = c.days_in_stage(&Local, today);
    format!("{days} day{} in stage", if days == 1 { "" } else { "s" })
}

/// "customer · friend", or empty.
pub fn kinds(c: &Contact) -> String {
    let labels: Vec<&str> = c.kinds.iter().map(|k| k.label()).collect();
    labels.join(" · ")
}

/// The latest touch: "3d ago · dm from me · Fri 27 Nov 2026", or "not contacted yet".
pub fn last_touch(c: &Contact, today: NaiveDate) -> String {
    match c.last_interaction() {
        Some(i) => {
            let day = i.at.with_timezone(&Local).date_naive();
            format!(
                "{} · {} from {} · {}",
                dates::ago(day, today),
                i.channel.id(),
                i.from.id(),
                day.format("%a %-d %b %Y")
            )
        }
        None => "not contacted yet".into(),
    }
}

/// When they are due and why: the date, how it stands today ("overdue 3d"), and the reason
/// ("no contact for 21 days; cadence 14 days"). `None` when no reminder is set (cadence 0).
pub fn due(c: &Contact, settings: &Settings, today: NaiveDate) -> Option<(NaiveDate, Due, String)> {
    let day = c.due_date(settings, &Local)?;
    let why = c.due_reason(settings, &Local, today).unwrap_or_default();
    Some((day, Due::of(day, today), why))
}

/// What is said when `due` is `None`.
pub const NO_REMINDERS: &str = "no reminders (cadence 0)";

/// Why a contact has no due date: archived, in the inbox, or a cadence of 0.
pub fn no_due(c: &Contact) -> &'static str {
    if c.archived.is_some() {
        "none while archived"
    } else if c.inbox {
        "none until triage places it"
    } else {
        NO_REMINDERS
    }
}

/// The values noted from changes made elsewhere at the same time, one line each:
/// "notes, 27 Nov: “met at the fair”".
pub fn conflicts(c: &Contact) -> Vec<String> {
    c.conflicts
        .iter()
        .map(|k| {
            let day = k.at.with_timezone(&Local).format("%-d %b %Y");
            let theirs = if k.theirs.is_empty() {
                "(empty)".to_string()
            } else {
                format!("“{}”", k.theirs)
            };
            format!("{}, {day}: {theirs}", k.field)
        })
        .collect()
}

/// The heading over `conflicts`.
pub const CONFLICTS_HEADING: &str = "Also changed elsewhere (yours kept)";

/// "every 14 days (this contact's own)".
pub fn cadence(c: &Contact, settings: &Settings) -> String {
    format!(
        "every {} days{}",
        c.cadence(settings),
        if c.cadence_days.is_some() {
            " (this contact's own)"
        } else {
            ""
        }
    )
}

/// "the email ana@example.com": what `new` shares with `other` (an email or a handle, any
/// case, a handle with or without its `@`), to say why it looks like a duplicate.
pub fn shared_address(new: &Contact, other: &Contact) -> String {
    let norm = |s: &str| crate::text::fold(s.trim().trim_start_matches('@'));
    let theirs: Vec<String> = other
        .emails
        .iter()
        .chain(&other.handles)
        .map(|s| norm(s))
        .collect();
    if let Some(e) = new.emails.iter().find(|e| theirs.contains(&norm(e))) {
        return format!("the email {e}");
    }
    match new.handles.iter().find(|h| theirs.contains(&norm(h))) {
        Some(h) => format!("the handle {h}"),
        None => "the same email or handle".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Interaction, Kind, Stage, Who};
    use chrono::{TimeZone, Utc};

    #[test]
    fn the_words_for_one_contact() {
        let at = Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut c = Contact::new("Ann", Stage::Dm, at);
        let s = Settings::default();
        assert_eq!(time_in_stage(&c, today), "7 days in stage");
        assert_eq!(last_touch(&c, today), "not contacted yet");
        assert_eq!(cadence(&c, &s), "every 7 days");
        c.kinds = [Kind::Customer, Kind::Friend].into();
        assert_eq!(kinds(&c), "customer · friend");
        c.interactions.push(Interaction {
            at,
            channel: Channel::Dm,
            note: None,
            from: Who::Them,
        });
        assert!(last_touch(&c, today).contains("dm from them · Fri 20 Nov 2026"));
        c.cadence_days = Some(0);
        assert_eq!(due(&c, &s, today), None);
        c.cadence_days = Some(3);
        assert_eq!(cadence(&c, &s), "every 3 days (this contact's own)");
        let (day, state, why) = due(&c, &s, today).unwrap();
        assert_eq!(day, NaiveDate::from_ymd_opt(2026, 11, 23).unwrap());
        assert_eq!(state, Due::Overdue(4));
        assert!(!why.is_empty());
    }
}
