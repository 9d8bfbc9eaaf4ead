//! The filter language, pure: operators and plain words together, as typed after `/` in
//! the app or given to `rapport list --filter`.
//!
//! `tag:saas kind:prospect stage:dm due overdue company:acme met:>2026-01 last:>30d`
//! plus words matched against name, handles, emails, company, tags, notes and interaction
//! notes. Case and accents are ignored everywhere (`chloe` finds Chloé). Every part must
//! match. `is:archived`, `is:paused` and `is:inbox` pick those out.

use crate::model::{Contact, Kind, Settings, Stage};
use crate::text::fold;
use chrono::{Datelike, Duration, NaiveDate, TimeZone};

/// Which way a date comparison goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cmp {
    /// After the period (`>`).
    After,
    /// Before the period (`<`).
    Before,
    /// Within it (no sign).
    Within,
}

/// A stretch of days, inclusive: a year, a month or a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Period {
    first: NaiveDate,
    last: NaiveDate,
}

impl Period {
    fn test(self, cmp: Cmp, d: NaiveDate) -> bool {
        match cmp {
            Cmp::After => d > self.last,
            Cmp::Before => d < self.first,
            Cmp::Within => d >= self.first && d <= self.last,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Flag {
    Archived,
    Paused,
    Inbox,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Term {
    Tag(String),
    Kind(Kind),
    Stage(Stage),
    Due,
    Overdue,
    Company(String),
    Met(Cmp, Period),
    /// Last contact compared with a period; never contacted counts as long ago.
    Last(Cmp, Period),
    Is(Flag),
}

/// A parsed filter. Parts that could not be read are left out and reported in `problems`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Query {
    words: Vec<String>,
    terms: Vec<Term>,
    pub problems: Vec<String>,
}

/// Reads `2026`, `2026-01` or `2026-01-15` as the period it names.
fn period(s: &str) -> Option<Period> {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().ok();
    match parts.as_slice() {
        [y] if y.len() == 4 => {
            let y = i32::try_from(num(y)?).ok()?;
            Some(Period {
                first: NaiveDate::from_ymd_opt(y, 1, 1)?,
                last: NaiveDate::from_ymd_opt(y, 12, 31)?,
            })
        }
        [y, m] => {
            let y = i32::try_from(num(y)?).ok()?;
            let first = NaiveDate::from_ymd_opt(y, num(m)?, 1)?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(y + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(y, first.month() + 1, 1)?
            };
            Some(Period {
                first,
                last: next.pred_opt()?,
            })
        }
        [y, m, d] => {
            let day = NaiveDate::from_ymd_opt(i32::try_from(num(y)?).ok()?, num(m)?, num(d)?)?;
            Some(Period {
                first: day,
                last: day,
            })
        }
        _ => None,
    }
}

/// Splits a leading `>`, `<`, `>=` or `<=` from a value.
fn comparison(v: &str) -> (Cmp, &str) {
    if let Some(r) = v.strip_prefix(">=") {
        (Cmp::After, r)
    } else if let Some(r) = v.strip_prefix("<=") {
        (Cmp::Before, r)
    } else if let Some(r) = v.strip_prefix('>') {
        (Cmp::After, r)
    } else if let Some(r) = v.strip_prefix('<') {
        (Cmp::Before, r)
    } else {
        (Cmp::Within, v)
    }
}

/// `30d`, `2w`, `3m`, `1y`: a span of days back from today.
fn span_days(s: &str) -> Option<i64> {
    let (n, unit) = s.split_at(s.len().checked_sub(1)?);
    let n: i64 = n.parse().ok()?;
    let per = match unit {
        "d" => 1,
        "w" => 7,
        "m" => 30,
        "y" => 365,
        _ => return None,
    };
    n.checked_mul(per)
}

/// The one value of `all` that `v` names or begins (by id or label); `None` if none or
/// several do.
fn pick<T: Copy>(v: &str, all: &[T], names: impl Fn(T) -> Vec<&'static str>) -> Option<T> {
    let v = v.replace(['-', ' '], "_");
    let exact: Vec<T> = all
        .iter()
        .copied()
        .filter(|x| names(*x).iter().any(|n| n.replace(' ', "_") == v))
        .collect();
    if let [one] = exact.as_slice() {
        return Some(*one);
    }
    let starts: Vec<T> = all
        .iter()
        .copied()
        .filter(|x| {
            names(*x)
                .iter()
                .any(|n| n.replace(' ', "_").starts_with(&v))
        })
        .collect();
    match starts.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

impl Query {
    /// Reads a filter typed by the user; `today` anchors `last:>30d`.
    pub fn parse(input: &str, today: NaiveDate) -> Query {
        let mut q = Query::default();
        for raw in input.split_whitespace() {
            let tok = fold(raw);
            let Some((op, value)) = tok.split_once(':') else {
                match tok.as_str() {
                    "due" => q.terms.push(Term::Due),
                    "overdue" => q.terms.push(Term::Overdue),
                    _ => q.words.push(tok),
                }
                continue;
            };
            if value.is_empty() {
                // Still being typed: no constraint yet.
                continue;
            }
            let term = match op {
                "tag" | "t" => Some(Term::Tag(value.trim_start_matches('#').to_string())),
                "company" | "co" => Some(Term::Company(value.to_string())),
                "kind" | "k" => {
                    pick(value, &Kind::ALL, |k| vec![k.id(), k.label()]).map(Term::Kind)
                }
                "stage" | "s" => match value {
                    "inbox" => Some(Term::Is(Flag::Inbox)),
                    "archived" | "archive" => Some(Term::Is(Flag::Archived)),
                    _ => pick(value, &Stage::ALL, |s| {
                        vec![s.id(), s.short_title(), s.title()]
                    })
                    .map(Term::Stage),
                },
                "is" => match value {
                    "archived" | "archive" => Some(Term::Is(Flag::Archived)),
                    "paused" => Some(Term::Is(Flag::Paused)),
                    "inbox" => Some(Term::Is(Flag::Inbox)),
                    "due" => Some(Term::Due),
                    "overdue" => Some(Term::Overdue),
                    _ => None,
                },
                "met" => {
                    let (cmp, v) = comparison(value);
                    period(v).map(|p| Term::Met(cmp, p))
                }
                "last" => {
                    let (cmp, v) = comparison(value);
                    match span_days(v) {
                        // "more than 30 days ago" is before the day 30 days back.
                        Some(n) => today.checked_sub_signed(Duration::days(n)).map(|d| {
                            let p = Period { first: d, last: d };
                            match cmp {
                                Cmp::After => Term::Last(Cmp::Before, p),
                                Cmp::Before => Term::Last(Cmp::After, p),
                                Cmp::Within => Term::Last(
                                    Cmp::Within,
                                    Period {
                                        first: d,
                                        last: today,
                                    },
                                ),
                            }
                        }),
                        None => period(v).map(|p| Term::Last(cmp, p)),
                    }
                }
                _ => {
                    // Not an operator (a URL, a time): a plain word.
                    q.words.push(tok.clone());
                    continue;
                }
            };
            match term {
                Some(t) => q.terms.push(t),
                None => q.problems.push(problem(op, value)),
            }
        }
        q
    }

    /// Nothing to filter by.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty() && self.terms.is_empty()
    }

    /// Whether everything this query matches was also matched by `earlier`, so only those
    /// need looking at (typing one more letter or word). True for plain words only, when
    /// each earlier word is part of some word now: a word matches where its text (or, for
    /// the name, its letters in order) appears, and so does any part of it.
    pub fn narrows(&self, earlier: &Query) -> bool {
        self.terms.is_empty()
            && earlier.terms.is_empty()
            && self.problems.is_empty()
            && earlier.problems.is_empty()
            && !earlier.words.is_empty()
            && earlier
                .words
                .iter()
                .all(|e| self.words.iter().any(|w| w.contains(e.as_str())))
    }

    /// Whether the query asks for archived or inbox contacts, which the columns never show.
    pub fn wants_off_board(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t, Term::Is(Flag::Archived | Flag::Inbox)))
    }

    /// Whether the query has plain words (which a `SearchIndex` answers).
    pub fn has_words(&self) -> bool {
        !self.words.is_empty()
    }

    /// Whether the query has operators (which look at the contact itself).
    pub fn has_terms(&self) -> bool {
        !self.terms.is_empty()
    }

    /// Whether `c` passes the operators, leaving the plain words aside.
    pub fn matches_terms<Tz: TimeZone>(
        &self,
        c: &Contact,
        settings: &Settings,
        today: NaiveDate,
        tz: &Tz,
    ) -> bool {
        self.terms.iter().all(|t| term(t, c, settings, today, tz))
    }

    /// Whether `c` matches every part.
    pub fn matches<Tz: TimeZone>(
        &self,
        c: &Contact,
        settings: &Settings,
        today: NaiveDate,
        tz: &Tz,
    ) -> bool {
        self.terms.iter().all(|t| term(t, c, settings, today, tz))
            && self.words.iter().all(|w| word(w, c))
    }
}

fn problem(op: &str, value: &str) -> String {
    let hint = match op {
        "kind" | "k" => "customer, prospect, referral_partner, vendor, advocate or friend",
        "stage" | "s" => "casual, dm, phone, meet, inbox or archived",
        "is" => "archived, paused, inbox, due or overdue",
        "met" => "a date like 2026, 2026-01 or 2026-01-15, after > or <",
        "last" => "30d, 2w, 3m or a date, after > or <",
        _ => "",
    };
    format!("{op}:{value} is not understood; {op}: takes {hint}")
}

fn term<Tz: TimeZone>(t: &Term, c: &Contact, s: &Settings, today: NaiveDate, tz: &Tz) -> bool {
    let day = |at: chrono::DateTime<chrono::Utc>| at.with_timezone(tz).date_naive();
    match t {
        Term::Tag(v) => c.tags.iter().any(|x| fold(x).starts_with(v.as_str())),
        Term::Company(v) => c.company.as_deref().is_some_and(|x| has(x, v)),
        Term::Kind(k) => c.kinds.contains(k),
        Term::Stage(st) => c.stage == *st && c.on_board(),
        Term::Due => c.due_date(s, tz).is_some_and(|d| d <= today),
        Term::Overdue => c.due_date(s, tz).is_some_and(|d| d < today),
        Term::Met(cmp, p) => {
            let first = c
                .interactions
                .iter()
                .map(|i| i.at)
                .min()
                .map_or(c.created, |t| t.min(c.created));
            p.test(*cmp, day(first))
        }
        Term::Last(cmp, p) => match c.last_contact() {
            Some(t) => p.test(*cmp, day(t)),
            // Never contacted: as long ago as can be.
            None => *cmp == Cmp::Before,
        },
        Term::Is(Flag::Archived) => c.archived.is_some(),
        Term::Is(Flag::Inbox) => c.inbox && c.archived.is_none(),
        Term::Is(Flag::Paused) => c.paused_after(today),
    }
}

/// `needle` (folded) in `hay`, ignoring case and accents; ASCII text is compared without
/// allocating.
fn has(hay: &str, needle: &str) -> bool {
    if hay.is_ascii() {
        crate::text::contains_ignore_case(hay, needle)
    } else {
        fold(hay).contains(needle)
    }
}

/// A plain word: in any text of the contact, or spelling a subsequence of the name ("bck"
/// finds Becky).
fn word(w: &str, c: &Contact) -> bool {
    has(&c.name, w)
        || c.handles.iter().any(|h| has(h, w))
        || c.emails.iter().any(|h| has(h, w))
        || c.tags.iter().any(|h| has(h, w))
        || c.company.as_deref().is_some_and(|x| has(x, w))
        || has(&c.notes, w)
        || c.interactions
            .iter()
            .any(|i| i.note.as_deref().is_some_and(|n| has(n, w)))
        || subsequence(w, &c.name)
}

fn subsequence(needle: &str, hay: &str) -> bool {
    // ASCII names (most) are compared without allocating.
    if hay.is_ascii() {
        let mut hay = hay.bytes().map(|b| b.to_ascii_lowercase() as char);
        return needle.chars().all(|n| hay.any(|h| h == n));
    }
    let hay = fold(hay);
    let mut hay = hay.chars();
    needle.chars().all(|n| hay.any(|h| h == n))
}

mod search;
pub use search::SearchIndex;

#[cfg(test)]
mod tests;
