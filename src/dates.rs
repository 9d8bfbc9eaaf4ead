//! Dates as people type and read them: "tomorrow", "+3d", "fri" in; "3d ago", "due in 2d" out.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

/// The years rapport accepts. Relationships happen now; a date far outside these is a typo,
/// and dates near the calendar's limits cannot be shown in every time zone.
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

/// Whether a date is one rapport accepts (see `YEARS`).
pub fn in_range(d: NaiveDate) -> bool {
    YEARS.contains(&d.year())
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a date rapport understands; use YYYY-MM-DD (years {} to {}), today, tomorrow, yesterday, +3d, -2d, +2w, +1m, a weekday (mon…sun) or \"next week\"",
            self.0,
            YEARS.start(),
            YEARS.end()
        )
    }
}

impl std::error::Error for DateError {}

/// Text that is not a cadence (days between follow-ups).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CadenceError(pub String);

impl fmt::Display for CadenceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a cadence; give a number of days from 0 to 3650, or `default` for the stage's.",
            self.0
        )
    }
}

impl std::error::Error for CadenceError {}

/// A cadence override: whole days, or `default`/empty for the stage's cadence.
pub fn parse_cadence(s: &str) -> Result<Option<u32>, CadenceError> {
    let t = s.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("default") || t.eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    match t.trim_end_matches('d').parse::<u32>() {
        Ok(n) if n <= 3650 => Ok(Some(n)),
        _ => Err(CadenceError(t.to_string())),
    }
}

/// "Fri 27 Nov" for a day this year, "Mon 4 Jan 2027" for any other: a date without its
/// year reads as this year's.
pub fn day_words(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%a %-d %b").to_string()
    } else {
        d.format("%a %-d %b %Y").to_string()
    }
}

/// "27 Nov", or "4 Jan 2027" when it is not this year.
pub fn day_short(d: NaiveDate, today: NaiveDate) -> String {
    if d.year() == today.year() {
        d.format("%-d %b").to_string()
    } else {
        d.format("%-d %b %Y").to_string()
    }
}

/// Parses a date relative to `today`. An empty input is `Ok(None)` (it clears a date).
pub fn parse_date(input: &str, today: NaiveDate) -> Result<Option<NaiveDate>, DateError> {
    let s = input.trim().to_lowercase();
    let err = || DateError(input.trim().to_string());
    if s.is_empty() || s == "none" {
        return Ok(None);
    }
    if let Ok(d) = NaiveDate::parse_from_str(&s, "%Y-%m-%d") {
        return if in_range(d) { Ok(Some(d)) } else { Err(err()) };
    }
    let d = match s.as_str() {
        "today" | "now" => Some(today),
        "tomorrow" | "tmr" => today.checked_add_days(Days::new(1)),
        "yesterday" => today.checked_sub_days(Days::new(1)),
        "next week" => {
            // The Monday of next week.
            let to_monday = 7 - u64::from(today.weekday().num_days_from_monday());
            today.checked_add_days(Days::new(to_monday))
        }
        _ => {
            if let Some(rest) = s.strip_prefix('+') {
                relative(rest.trim(), today, false)
            } else if let Some(rest) = s.strip_prefix('-') {
                // Backwards, for logging what already happened: "-2d".
                relative(rest.trim(), today, true)
            } else if let Some(wd) = weekday(&s) {
                // The next such day, never today.
                let ahead =
                    (7 + wd.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
                let ahead = if ahead == 0 { 7 } else { ahead };
                today.checked_add_days(Days::new(u64::from(ahead)))
            } else {
                None
            }
        }
    };
    d.filter(|d| in_range(*d)).map(Some).ok_or_else(err)
}

fn relative(rest: &str, today: NaiveDate, back: bool) -> Option<NaiveDate> {
    let split = rest.find(|c: char| !c.is_ascii_digit())?;
    let (num, unit) = rest.split_at(split);
    let n: u32 = num.parse().ok()?;
    let days = |d: u64| {
        if back {
            today.checked_sub_days(Days::new(d))
        } else {
            today.checked_add_days(Days::new(d))
        }
    };
    let months = |m: u32| {
        // chrono clamps to the month's last day: Jan 31 + 1m = Feb 28/29.
        if back {
            today.checked_sub_months(Months::new(m))
        } else {
            today.checked_add_months(Months::new(m))
        }
    };
    match unit.trim() {
        "d" | "day" | "days" => days(u64::from(n)),
        "w" | "wk" | "week" | "weeks" => days(u64::from(n) * 7),
        "m" | "mo" | "month" | "months" => months(n),
        "y" | "year" | "years" => months(n.checked_mul(12)?),
        _ => None,
    }
}

fn weekday(s: &str) -> Option<Weekday> {
    let s = s.strip_prefix("next ").unwrap_or(s);
    let days = [
        ("mon", Weekday::Mon, "monday"),
        ("tue", Weekday::Tue, "tuesday"),
        ("wed", Weekday::Wed, "wednesday"),
        ("thu", Weekday::Thu, "thursday"),
        ("fri", Weekday::Fri, "friday"),
        ("sat", Weekday::Sat, "saturday"),
        ("sun", Weekday::Sun, "sunday"),
    ];
    days.iter()
        .find(|(short, _, long)| s == *short || s == *long || (s.len() >= 3 && long.starts_with(s)))
        .map(|(_, wd, _)| *wd)
}

/// The moment to record for something that happened on `day`: now if that is today,
/// else noon of that day in `tz` (a neutral time that keeps the calendar day in any zone).
pub fn moment_on<Tz: chrono::TimeZone>(
    day: NaiveDate,
    now: chrono::DateTime<chrono::Utc>,
    tz: &Tz,
) -> chrono::DateTime<chrono::Utc> {
    if now.with_timezone(tz).date_naive() == day {
        return now;
    }
    day.and_hms_opt(12, 0, 0)
        .and_then(|t| tz.from_local_datetime(&t).earliest())
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or(now)
}

/// "today", "yesterday", "3d ago", "5w ago" for a past day; future days read "in 3d".
pub fn ago(day: NaiveDate, today: NaiveDate) -> String {
    let n = (today - day).num_days();
    match n {
        0 => "today".into(),
        1 => "yesterday".into(),
        -1 => "tomorrow".into(),
        n if n < 0 => format!("in {}", span(-n)),
        n => format!("{} ago", span(n)),
    }
}

/// A compact span of days: "3d", "5w", "4mo", "2y".
pub fn span(days: i64) -> String {
    match days {
        d if d < 14 => format!("{d}d"),
        d if d < 60 => format!("{}w", d / 7),
        d if d < 730 => format!("{}mo", d / 30),
        d => format!("{}y", d / 365),
    }
}

/// How a due date reads relative to today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    Overdue(i64),
    Today,
    Later(i64),
}

impl Due {
    pub fn of(due: NaiveDate, today: NaiveDate) -> Due {
        let n = (due - today).num_days();
        match n {
            0 => Due::Today,
            n if n < 0 => Due::Overdue(-n),
            n => Due::Later(n),
        }
    }

    pub fn is_due(self) -> bool {
        !matches!(self, Due::Later(_))
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Due::Overdue(n) => write!(f, "overdue {}", span(n)),
            Due::Today => f.write_str("due today"),
            Due::Later(1) => f.write_str("due tomorrow"),
            Due::Later(n) => write!(f, "due in {}", span(n)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn days_show_the_year_only_when_it_is_not_this_year() {
        let today = d(2026, 11, 27);
        assert_eq!(day_words(d(2026, 12, 4), today), "Fri 4 Dec");
        assert_eq!(day_words(d(2027, 1, 4), today), "Mon 4 Jan 2027");
        assert_eq!(day_words(d(2025, 11, 27), today), "Thu 27 Nov 2025");
        assert_eq!(day_short(d(2026, 3, 1), today), "1 Mar");
        assert_eq!(day_short(d(2027, 3, 1), today), "1 Mar 2027");
    }

    // 2026-11-27 is a Friday.
    const TODAY: (i32, u32, u32) = (2026, 11, 27);

    fn p(s: &str) -> Option<NaiveDate> {
        parse_date(s, d(TODAY.0, TODAY.1, TODAY.2)).unwrap()
    }

    #[test]
    fn absolute_and_named_days() {
        assert_eq!(p("2027-01-05"), Some(d(2027, 1, 5)));
        assert_eq!(p("today"), Some(d(2026, 11, 27)));
        assert_eq!(p(" Tomorrow "), Some(d(2026, 11, 28)));
        assert_eq!(p(""), None);
        assert_eq!(p("none"), None);
    }

    #[test]
    fn relative_offsets() {
        assert_eq!(p("+3d"), Some(d(2026, 11, 30)));
        assert_eq!(p("+2w"), Some(d(2026, 12, 11)));
        assert_eq!(p("+1m"), Some(d(2026, 12, 27)));
        assert_eq!(p("+0d"), Some(d(2026, 11, 27)));
        assert_eq!(p("+ 10 days"), Some(d(2026, 12, 7)));
        assert_eq!(p("-2d"), Some(d(2026, 11, 25)));
        assert_eq!(p("-1m"), Some(d(2026, 10, 27)));
        assert_eq!(p("yesterday"), Some(d(2026, 11, 26)));
    }

    #[test]
    fn weekdays_are_the_next_such_day() {
        assert_eq!(p("mon"), Some(d(2026, 11, 30)));
        assert_eq!(p("fri"), Some(d(2026, 12, 4)), "never today");
        assert_eq!(p("Saturday"), Some(d(2026, 11, 28)));
        assert_eq!(p("thurs"), Some(d(2026, 12, 3)));
        assert_eq!(p("next week"), Some(d(2026, 11, 30)));
    }

    #[test]
    fn month_ends_and_leap_days() {
        let jan31 = d(2028, 1, 31);
        assert_eq!(parse_date("+1m", jan31).unwrap(), Some(d(2028, 2, 29)));
        assert_eq!(
            parse_date("+1m", d(2027, 1, 31)).unwrap(),
            Some(d(2027, 2, 28))
        );
        assert_eq!(
            parse_date("+1d", d(2028, 2, 28)).unwrap(),
            Some(d(2028, 2, 29))
        );
        assert_eq!(
            parse_date("+1d", d(2027, 12, 31)).unwrap(),
            Some(d(2028, 1, 1))
        );
        assert_eq!(
            parse_date("2028-02-29", jan31).unwrap(),
            Some(d(2028, 2, 29))
        );
        assert!(parse_date("2027-02-29", jan31).is_err());
    }

    #[test]
    fn dates_outside_the_years_rapport_accepts_are_refused() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        for s in [
            "-262143-01-01",
            "1899-12-31",
            "2201-01-01",
            "+99999d",
            "-80000d",
        ] {
            assert!(parse_date(s, today).is_err(), "{s}");
        }
        assert!(parse_date("1900-01-01", today).is_ok());
        assert!(parse_date("2200-12-31", today).is_ok());
    }

    #[test]
    fn nonsense_is_an_error_naming_the_input() {
        for bad in [
            "soon",
            "+3x",
            "+d",
            "32",
            "2026-13-01",
            "+99999999999d",
            "mo",
        ] {
            let e = parse_date(bad, d(2026, 11, 27)).unwrap_err();
            assert!(e.to_string().contains(bad.trim()), "{e}");
        }
    }

    #[test]
    fn moments_keep_the_calendar_day() {
        use chrono::{TimeZone, Utc};
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 30, 0).unwrap();
        assert_eq!(moment_on(d(2026, 11, 27), now, &Utc), now);
        assert_eq!(
            moment_on(d(2026, 11, 20), now, &Utc),
            Utc.with_ymd_and_hms(2026, 11, 20, 12, 0, 0).unwrap()
        );
    }

    #[test]
    fn relative_formatting() {
        let t = d(2026, 11, 27);
        assert_eq!(ago(t, t), "today");
        assert_eq!(ago(d(2026, 11, 26), t), "yesterday");
        assert_eq!(ago(d(2026, 11, 24), t), "3d ago");
        assert_eq!(ago(d(2026, 10, 1), t), "8w ago");
        assert_eq!(ago(d(2025, 1, 1), t), "23mo ago");
        assert_eq!(Due::of(d(2026, 11, 23), t).to_string(), "overdue 4d");
        assert_eq!(Due::of(t, t).to_string(), "due today");
        assert_eq!(Due::of(d(2026, 11, 28), t).to_string(), "due tomorrow");
        assert_eq!(Due::of(d(2026, 11, 29), t).to_string(), "due in 2d");
        assert!(Due::of(t, t).is_due());
        assert!(!Due::of(d(2026, 11, 29), t).is_due());
    }
}
