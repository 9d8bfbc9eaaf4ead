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
        crate::model::contains_ignore_case(hay, needle)
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

/// Every contact's searchable text, folded once and kept in one buffer, so that a
/// filter keystroke is one substring search per contact through memory read in order:
/// for each contact the name first, then every other text a plain word looks in, one per
/// line (no word holds a line break, so no match spans two texts).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    buf: String,
    /// Per contact, in board order: where its text starts, where its name ends, where
    /// its text ends.
    spans: Vec<(u32, u32, u32)>,
    /// Bytes of `buf` no contact points at any more (edited or removed texts).
    unused: usize,
}

impl SearchIndex {
    pub fn new<'a>(contacts: impl Iterator<Item = &'a Contact>) -> SearchIndex {
        let mut index = SearchIndex::default();
        for c in contacts {
            let span = index.append(c);
            index.spans.push(span);
        }
        index
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// A contact was inserted at `i` (clamped to the end).
    pub fn insert(&mut self, i: usize, c: &Contact) {
        let span = self.append(c);
        self.spans.insert(i.min(self.spans.len()), span);
    }

    /// The contact at `i` was removed.
    pub fn remove(&mut self, i: usize) {
        if i < self.spans.len() {
            let (start, _, end) = self.spans.remove(i);
            self.unused += (end - start) as usize;
            self.compact_if_worth_it();
        }
    }

    /// The contact at `i` changed.
    pub fn replace(&mut self, i: usize, c: &Contact) {
        if i < self.spans.len() {
            let (start, _, end) = self.spans[i];
            self.unused += (end - start) as usize;
            self.spans[i] = self.append(c);
            self.compact_if_worth_it();
        }
    }

    /// Whether every plain word of `query` is in the text of contact `i` (operators are
    /// not looked at: see `Query::has_terms`).
    pub fn has_words(&self, query: &Query, i: usize) -> bool {
        let Some(&(start, name_end, end)) = self.spans.get(i) else {
            return false;
        };
        let text = &self.buf[start as usize..end as usize];
        let name = &self.buf[start as usize..name_end as usize];
        query.words.iter().all(|w| {
            text.contains(w.as_str())
                || if w.is_ascii() {
                    // An ASCII byte in UTF-8 is always that character.
                    let mut name = name.bytes();
                    w.bytes().all(|n| name.any(|h| h == n))
                } else {
                    let mut name = name.chars();
                    w.chars().all(|n| name.any(|h| h == n))
                }
        })
    }

    /// Whether this holds exactly the texts of `contacts`, for checks in tests.
    pub fn is_of<'a>(&self, contacts: impl Iterator<Item = &'a Contact>) -> bool {
        let fresh = SearchIndex::new(contacts);
        fresh.spans.len() == self.spans.len()
            && fresh.spans.iter().zip(&self.spans).all(|(f, s)| {
                fresh.buf[f.0 as usize..f.2 as usize] == self.buf[s.0 as usize..s.2 as usize]
                    && f.1 - f.0 == s.1 - s.0
            })
    }

    fn append(&mut self, c: &Contact) -> (u32, u32, u32) {
        // Offsets are u32 to keep the spans small; past 4 GiB of text the index is made
        // afresh rather than wrong (a board that size does not fit in memory anyway).
        let start = self.buf.len();
        self.buf.push_str(&fold(&c.name));
        let name_end = self.buf.len();
        let notes = c.interactions.iter().filter_map(|i| i.note.as_deref());
        let others = c
            .handles
            .iter()
            .chain(&c.emails)
            .chain(&c.tags)
            .chain(&c.company)
            .map(String::as_str)
            .chain(std::iter::once(c.notes.as_str()))
            .chain(notes);
        for t in others {
            self.buf.push('\n');
            if t.is_ascii() {
                self.buf
                    .extend(t.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                self.buf.push_str(&fold(t));
            }
        }
        let cap = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        (cap(start), cap(name_end), cap(self.buf.len()))
    }

    /// Copies the texts still in use to a fresh buffer once most of it is unused.
    fn compact_if_worth_it(&mut self) {
        if self.unused < 1 << 20 || self.unused * 2 < self.buf.len() {
            return;
        }
        let mut buf = String::with_capacity(self.buf.len() - self.unused);
        for span in &mut self.spans {
            let start = buf.len() as u32;
            buf.push_str(&self.buf[span.0 as usize..span.2 as usize]);
            *span = (start, start + (span.1 - span.0), start + (span.2 - span.0));
        }
        self.buf = buf;
        self.unused = 0;
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Archived, Board, Channel, Interaction, Who};
    use chrono::{TimeZone, Utc};

    fn at(y: i32, m: u32, d: u32) -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    fn board() -> Board {
        let mut b = Board::default();
        let mut c = Contact::new("Chloé Durand", Stage::Dm, at(2026, 2, 10));
        c.tags = vec!["SaaS".into(), "paris".into()];
        c.kinds.insert(Kind::Prospect);
        c.company = Some("Acme Rockets".into());
        c.interactions.push(Interaction {
            at: at(2026, 10, 1),
            channel: Channel::Dm,
            note: Some("asked about the Québec launch".into()),
            from: Who::Them,
        });
        b.add(c);
        let mut c = Contact::new("Becky Chen", Stage::Casual, at(2025, 12, 1));
        c.tags = vec!["podcast".into()];
        c.interactions.push(Interaction {
            at: at(2026, 11, 25),
            channel: Channel::Reply,
            note: None,
            from: Who::Me,
        });
        b.add(c);
        let mut c = Contact::new("Old Friend", Stage::Meet, at(2024, 1, 1));
        c.archived = Some(Archived {
            at: at(2026, 5, 1),
            reason: "moved on".into(),
        });
        b.add(c);
        b
    }

    fn names(q: &str) -> Vec<String> {
        let b = board();
        let q = Query::parse(q, today());
        assert!(q.problems.is_empty(), "{:?}", q.problems);
        b.iter()
            .filter(|c| q.matches(c, &b.settings, today(), &Utc))
            .map(|c| c.name.clone())
            .collect()
    }

    #[test]
    fn operators_and_words_together() {
        assert_eq!(names("tag:saas kind:prospect stage:dm"), ["Chloé Durand"]);
        assert_eq!(names("company:acme"), ["Chloé Durand"]);
        assert_eq!(names("kind:pros"), ["Chloé Durand"], "a kind's start");
        assert_eq!(names("stage:casual"), ["Becky Chen"]);
        assert_eq!(names("tag:pod becky"), ["Becky Chen"]);
        assert!(names("tag:saas becky").is_empty());
    }

    #[test]
    fn words_ignore_case_and_accents_and_reach_interaction_notes() {
        assert_eq!(names("chloe"), ["Chloé Durand"]);
        assert_eq!(names("CHLOÉ"), ["Chloé Durand"]);
        assert_eq!(names("quebec"), ["Chloé Durand"]);
        assert_eq!(names("bck"), ["Becky Chen"], "a subsequence of the name");
    }

    #[test]
    fn dates_compare_by_period() {
        assert_eq!(names("met:>2026-01"), ["Chloé Durand"]);
        assert_eq!(names("met:2025"), ["Becky Chen"]);
        assert_eq!(names("met:<2025"), ["Old Friend"]);
        // Chloé's last contact was 57 days ago; Becky's 2; Old Friend never.
        assert_eq!(names("last:>30d"), ["Chloé Durand", "Old Friend"]);
        assert_eq!(names("last:<7d"), ["Becky Chen"]);
        assert_eq!(names("last:2026-10"), ["Chloé Durand"]);
    }

    #[test]
    fn due_overdue_and_flags() {
        // Chloé: dm cadence 7 from 1 Oct → overdue. Becky: casual 14 from 25 Nov → not due.
        assert_eq!(names("overdue"), ["Chloé Durand"]);
        assert_eq!(names("due"), ["Chloé Durand"]);
        assert_eq!(names("is:archived"), ["Old Friend"]);
        assert_eq!(
            names("stage:archived moved"),
            Vec::<String>::new(),
            "reason is not a word field"
        );
        assert_eq!(names("is:archived old"), ["Old Friend"]);
    }

    #[test]
    fn unreadable_operators_are_reported_and_half_typed_ones_ignored() {
        let q = Query::parse("kind:zebra met:>soon stage:", today());
        assert_eq!(q.problems.len(), 2);
        assert!(q.problems[0].contains("kind:zebra is not understood"));
        assert!(q.is_empty());
        // A colon that is not an operator is part of a word.
        let q = Query::parse("https://x.com", today());
        assert!(q.problems.is_empty());
        assert!(!q.is_empty());
    }

    mod search_text {
        use super::*;
        use proptest::prelude::*;

        /// Text from a small alphabet, so that words and names often meet: cases,
        /// accents (composed and not), CJK, punctuation and line breaks.
        fn text() -> impl Strategy<Value = String> {
            proptest::collection::vec(
                prop::sample::select(vec![
                    "a", "A", "n", "N", "é", "E\u{301}", "ß", "İ", "李", "@", ".", " ", "\n", "x",
                ]),
                0..8,
            )
            .prop_map(|v| v.concat())
        }

        fn contact() -> impl Strategy<Value = Contact> {
            (
                text(),
                proptest::collection::vec(text(), 0..3),
                text(),
                proptest::option::of(text()),
                proptest::collection::vec(proptest::option::of(text()), 0..3),
            )
                .prop_map(|(name, handles, notes, company, notes_of)| {
                    let mut c = Contact::new(name, Stage::Dm, at(2026, 1, 1));
                    c.handles = handles.clone();
                    c.emails = handles.into_iter().rev().collect();
                    c.tags = vec![notes.chars().rev().collect()];
                    c.notes = notes;
                    c.company = company;
                    for note in notes_of {
                        c.interactions.push(Interaction {
                            at: at(2026, 2, 1),
                            channel: Channel::Dm,
                            note,
                            from: Who::Me,
                        });
                    }
                    c
                })
        }

        proptest! {
            /// The folded text gives the same answer as looking through the contact.
            #[test]
            fn matches_the_same_as_looking_through_the_contact(c in contact(), words in text()) {
                let q = Query::parse(&words, today());
                let settings = Settings::default();
                // Among other contacts, and after edits, so the spans are tested too.
                let other = Contact::new("Zed Other", Stage::Dm, at(2026, 1, 1));
                let mut index = SearchIndex::new([&other, &c, &other].into_iter());
                index.replace(0, &c);
                index.remove(2);
                index.insert(0, &other);
                let both = q.matches_terms(&c, &settings, today(), &Utc) && index.has_words(&q, 1) && index.has_words(&q, 2);
                prop_assert_eq!(both, q.matches(&c, &settings, today(), &Utc));
                prop_assert_eq!(index.len(), 3);
            }
        }
    }
}
