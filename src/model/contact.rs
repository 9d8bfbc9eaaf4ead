use super::{Channel, Kind, Settings, Stage, Who};
use chrono::{DateTime, Days, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;

/// A contact's stable id. Short, so it can be typed on the command line.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ContactId(pub String);

impl fmt::Display for ContactId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl ContactId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// One touch: a reply, a DM, a call, a meeting…
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    pub at: DateTime<Utc>,
    pub channel: Channel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default)]
    pub from: Who,
}

/// An entry of the stage history: the stage entered, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StageChange {
    pub stage: Stage,
    pub at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: ContactId,
    pub name: String,
    /// The column the contact is in; while it waits in the inbox, the stage it will most
    /// likely go to.
    pub stage: Stage,
    /// Arrived in bulk (an import, `add --inbox`) and not yet placed in a stage: in no
    /// column, never due, until triage places it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub inbox: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub handles: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub kinds: BTreeSet<Kind>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub created: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_follow_up: Option<NaiveDate>,
    /// Overrides the stage's keep-in-touch cadence, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    /// A long snooze: not due before this day, whatever the cadence or follow-up says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused_until: Option<NaiveDate>,
    /// Set when the relationship was put aside: out of the columns and the review, its
    /// history kept, and it can be restored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub archived: Option<Archived>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stage_history: Vec<StageChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interactions: Vec<Interaction>,
    /// The UID of the address-book card this contact was imported from, so a later
    /// import of the same card merges instead of duplicating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
    /// The day you met or connected, when an import knows it (LinkedIn's "Connected On").
    /// Unlike `created`, it never starts the cadence.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub met: Option<NaiveDate>,
    /// Contacts the user said are other people, though they look alike (`rapport
    /// duplicates`), so they are not offered as duplicates again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub distinct_from: Vec<ContactId>,
    /// Fields changed here and elsewhere at once (another terminal, another machine): this
    /// side's value was kept, the other's is recorded here until the user dismisses it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// The person's account ids on networks whose archives name people by number
    /// (`x:783214`), so a later archive finds them after a change of handle.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<String>,
    /// The messages from data archives already in the log: each source message id and the
    /// time of the interaction it became (or the hand-logged one it was merged into), so a
    /// re-import adds only what is new.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from_archives: Vec<ArchiveRef>,
}

/// One archive message already logged: its id in the archive (`x:dm:1234`) and the time of
/// the interaction that stands for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchiveRef {
    pub id: String,
    pub at: DateTime<Utc>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// Why and when a contact was archived.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archived {
    pub at: DateTime<Utc>,
    /// In the user's words ("not a fit", "went cold", "moved on", or their own); may be empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
}

/// The reasons offered when archiving; any other text is kept as typed.
pub const ARCHIVE_REASONS: [&str; 3] = ["not a fit", "went cold", "moved on"];

/// The other side's value of a field that both sides changed, kept for the user to see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conflict {
    /// The field, as people read it: "notes", "stage", "tags".
    pub field: String,
    /// The value that was not kept, as text.
    pub theirs: String,
    /// When the two versions were merged.
    pub at: DateTime<Utc>,
}

impl Contact {
    /// A new contact in `stage`, created at `now`. The id is assigned by the board.
    pub fn new(name: impl Into<String>, stage: Stage, now: DateTime<Utc>) -> Contact {
        Contact {
            id: ContactId(String::new()),
            name: name.into().trim().to_string(),
            stage,
            inbox: false,
            handles: Vec::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            company: None,
            kinds: BTreeSet::new(),
            tags: Vec::new(),
            notes: String::new(),
            created: now,
            next_follow_up: None,
            cadence_days: None,
            paused_until: None,
            archived: None,
            stage_history: vec![StageChange { stage, at: now }],
            interactions: Vec::new(),
            uid: None,
            met: None,
            distinct_from: Vec::new(),
            conflicts: Vec::new(),
            accounts: Vec::new(),
            from_archives: Vec::new(),
        }
    }

    /// The latest interaction, whatever order they were logged in.
    pub fn last_interaction(&self) -> Option<&Interaction> {
        self.interactions.iter().max_by_key(|i| i.at)
    }

    pub fn last_contact(&self) -> Option<DateTime<Utc>> {
        self.last_interaction().map(|i| i.at)
    }

    /// Days between follow-ups for this contact: its own override, else the stage's.
    pub fn cadence(&self, settings: &Settings) -> u32 {
        self.cadence_days
            .unwrap_or_else(|| settings.cadence.for_stage(self.stage))
    }

    /// Whether the contact is in one of the four columns: not waiting in the inbox, not
    /// archived.
    pub fn on_board(&self) -> bool {
        !self.inbox && self.archived.is_none()
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

    /// Records an interaction, keeping the log in time order. Logging restarts the cadence
    /// (it is counted from the last contact), and a follow-up that was due by `today` counts
    /// as done and is cleared.
    pub fn log(&mut self, interaction: Interaction, today: NaiveDate) {
        let at = self
            .interactions
            .partition_point(|i| i.at <= interaction.at);
        self.interactions.insert(at, interaction);
        if self.next_follow_up.is_some_and(|d| d <= today) {
            self.next_follow_up = None;
        }
        if self.paused_until.is_some_and(|d| d <= today) {
            self.paused_until = None;
        }
    }

    /// Takes the contact out of the columns into the inbox, as an import or `add --inbox`
    /// does: it keeps `stage` as a guess, and its stage history starts when triage places it.
    pub fn put_in_inbox(&mut self) {
        self.inbox = true;
        self.stage_history.clear();
    }

    /// Places a contact from the inbox in `stage`: its cadence starts `at`.
    pub fn place(&mut self, stage: Stage, at: DateTime<Utc>) {
        self.inbox = false;
        self.stage = stage;
        self.stage_history.push(StageChange { stage, at });
    }

    /// Interactions newest first.
    pub fn interactions_newest_first(&self) -> Vec<&Interaction> {
        // Reversed first, so that of two logged in the same second the later one leads.
        let mut v: Vec<&Interaction> = self.interactions.iter().rev().collect();
        v.sort_by_key(|i| std::cmp::Reverse(i.at));
        v
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

    /// Moves the contact to `stage`, recording it in the stage history. Returns false if it
    /// was already there.
    pub fn set_stage(&mut self, stage: Stage, at: DateTime<Utc>) -> bool {
        if self.stage == stage {
            return false;
        }
        self.stage = stage;
        self.stage_history.push(StageChange { stage, at });
        true
    }

    /// The text the filter searches: name, handles, tags, notes, company, emails.
    pub fn matches_all_words(&self, words: &[String]) -> bool {
        words.iter().all(|w| self.matches_word(w))
    }

    /// The board's filter: every word must be in some field, or spell a subsequence of the
    /// name ("bck" finds Becky). Words must be lower case.
    pub fn matches_filter(&self, words: &[String]) -> bool {
        words
            .iter()
            .all(|w| self.matches_word(w) || is_subsequence(w, &self.name))
    }

    fn matches_word(&self, lower_word: &str) -> bool {
        let hit = |s: &str| contains_ignore_case(s, lower_word);
        hit(&self.name)
            || self.handles.iter().any(|h| hit(h))
            || self.tags.iter().any(|t| hit(t))
            || self.emails.iter().any(|e| hit(e))
            || self.company.as_deref().is_some_and(hit)
            || hit(&self.notes)
    }
}

fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars().flat_map(char::to_lowercase);
    needle.chars().all(|n| hay.any(|h| h == n))
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

/// A link to open for a handle: URLs as they are, `@name` as its X profile, bare domains
/// with https. `None` for anything else.
pub fn profile_url(handle: &str) -> Option<String> {
    let h = handle.trim();
    if h.starts_with("https://") || h.starts_with("http://") {
        return Some(h.to_string());
    }
    if let Some(name) = h.strip_prefix('@') {
        let ok = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        return ok.then(|| format!("https://x.com/{name}"));
    }
    let looks_like_domain = h.contains('.')
        && !h.contains('@')
        && !h.contains(char::is_whitespace)
        && h.split('/').next().is_some_and(|d| d.contains('.'));
    looks_like_domain.then(|| format!("https://{h}"))
}

/// Case-insensitive substring test; `needle` must already be lower case.
pub(crate) fn contains_ignore_case(haystack: &str, needle: &str) -> bool {
    if haystack.is_ascii() && needle.is_ascii() {
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        if n.is_empty() {
            return true;
        }
        return h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n));
    }
    haystack.to_lowercase().contains(needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_two_interactions_in_the_same_second_the_later_logged_leads() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
        let mut c = Contact::new("A", Stage::Dm, at);
        for note in ["first", "second", "third"] {
            c.interactions.push(Interaction {
                at,
                channel: Channel::Dm,
                note: Some(note.into()),
                from: Who::Me,
            });
        }
        let notes: Vec<_> = c
            .interactions_newest_first()
            .iter()
            .map(|i| i.note.clone().unwrap())
            .collect();
        assert_eq!(notes, ["third", "second", "first"]);
    }
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, 12, 0, 0).unwrap()
    }

    #[test]
    fn due_from_created_when_never_contacted() {
        let s = Settings::default();
        let c = Contact::new("Ana", Stage::Dm, at(2026, 11, 1));
        assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 8));
    }

    #[test]
    fn due_from_last_contact_and_override() {
        let s = Settings::default();
        let mut c = Contact::new("Ana", Stage::Casual, at(2026, 1, 1));
        c.interactions.push(Interaction {
            at: at(2026, 11, 20),
            channel: Channel::Reply,
            note: None,
            from: Who::Them,
        });
        c.interactions.push(Interaction {
            at: at(2026, 11, 2),
            channel: Channel::Reply,
            note: None,
            from: Who::Me,
        });
        assert_eq!(c.last_contact(), Some(at(2026, 11, 20)));
        assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 12, 4));
        c.cadence_days = Some(3);
        assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 23));
        c.cadence_days = Some(0);
        assert_eq!(c.due_date(&s, &Utc), None);
        c.next_follow_up = NaiveDate::from_ymd_opt(2027, 1, 5);
        assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2027, 1, 5));
    }

    fn touch(c: &mut Contact, day: u32, from: Who) {
        c.log(
            Interaction {
                at: at(2026, 11, day),
                channel: Channel::Dm,
                note: None,
                from,
            },
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        );
    }

    #[test]
    fn logging_keeps_order_and_clears_a_due_follow_up() {
        let mut c = Contact::new("A", Stage::Dm, at(2026, 11, 1));
        c.next_follow_up = NaiveDate::from_ymd_opt(2026, 12, 10);
        touch(&mut c, 20, Who::Me);
        assert!(c.next_follow_up.is_some(), "a future follow-up stays");
        c.next_follow_up = NaiveDate::from_ymd_opt(2026, 11, 27);
        touch(&mut c, 5, Who::Them);
        assert_eq!(c.next_follow_up, None, "due today counts as done");
        let days: Vec<u32> = c
            .interactions
            .iter()
            .map(|i| chrono::Datelike::day(&i.at))
            .collect();
        assert_eq!(days, [5, 20], "kept in time order");
        assert_eq!(c.interactions_newest_first()[0].at, at(2026, 11, 20));
    }

    #[test]
    fn reciprocity_flags() {
        let mut c = Contact::new("A", Stage::Dm, at(2026, 11, 1));
        assert_eq!(c.reciprocity(), None);
        touch(&mut c, 2, Who::Me);
        assert_eq!(c.reciprocity(), None, "one touch is not one-sided yet");
        touch(&mut c, 3, Who::Me);
        assert_eq!(c.reciprocity(), Some(Reciprocity::OneSided(2)));
        touch(&mut c, 4, Who::Me);
        assert_eq!(
            c.reciprocity().unwrap().to_string(),
            "you reached out last 3 times"
        );
        touch(&mut c, 5, Who::Them);
        assert_eq!(c.reciprocity(), Some(Reciprocity::ReplyDue));
        touch(&mut c, 6, Who::Me);
        assert_eq!(c.reciprocity(), None);
        // Logged late but older: does not change who spoke last.
        touch(&mut c, 1, Who::Them);
        assert_eq!(c.reciprocity(), None);
    }

    #[test]
    fn due_reasons_read_as_sentences() {
        let s = Settings::default();
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut c = Contact::new("A", Stage::Casual, at(2026, 11, 17));
        assert_eq!(
            c.due_reason(&s, &Utc, today).unwrap(),
            "added 10 days ago, not contacted yet; cadence 14 days"
        );
        touch(&mut c, 6, Who::Me);
        assert_eq!(
            c.due_reason(&s, &Utc, today).unwrap(),
            "no contact for 21 days; cadence 14 days"
        );
        c.next_follow_up = NaiveDate::from_ymd_opt(2026, 11, 20);
        assert_eq!(
            c.due_reason(&s, &Utc, today).unwrap(),
            "follow-up set for 20 Nov"
        );
        c.next_follow_up = None;
        c.cadence_days = Some(0);
        assert_eq!(c.due_reason(&s, &Utc, today), None);
        assert_eq!(c.days_in_stage(&Utc, today), 10);
    }

    #[test]
    fn the_clock_runs_from_the_later_of_the_last_touch_and_the_last_move() {
        let s = Settings::default();
        let mut c = Contact::new("A", Stage::Casual, at(2026, 11, 1));
        touch(&mut c, 5, Who::Me);
        // Casual, 14 days from the touch on the 5th.
        assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 19));
        c.set_stage(Stage::Dm, at(2026, 11, 20));
        // Moved on the 20th: dm's 7 days count from the move, not the older touch.
        assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 27));
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        assert_eq!(
            c.due_reason(&s, &Utc, today).unwrap(),
            "moved to DMs 7 days ago; cadence 7 days"
        );
        touch(&mut c, 22, Who::Them);
        assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 29));
        // Added today with touches logged from before: the touches count, not the adding.
        let mut late = Contact::new("B", Stage::Dm, at(2026, 11, 27));
        touch(&mut late, 10, Who::Me);
        assert_eq!(
            late.due_date(&s, &Utc),
            NaiveDate::from_ymd_opt(2026, 11, 17)
        );
    }

    #[test]
    fn inbox_and_archive_are_never_due_and_a_pause_holds_the_due_date_back() {
        let s = Settings::default();
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut c = Contact::new("A", Stage::Dm, at(2026, 11, 1));
        assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 8));
        c.paused_until = NaiveDate::from_ymd_opt(2027, 4, 1);
        assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2027, 4, 1));
        assert_eq!(
            c.due_reason(&s, &Utc, today).unwrap(),
            "paused until 1 Apr 2027"
        );
        // Past the pause, the later of the two decides; a touch ends a pause that is over.
        c.paused_until = NaiveDate::from_ymd_opt(2026, 11, 2);
        assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 11, 8));
        touch(&mut c, 27, Who::Me);
        assert_eq!(c.paused_until, None);
        c.archived = Some(Archived {
            at: at(2026, 11, 27),
            reason: String::new(),
        });
        assert_eq!(c.due_date(&s, &Utc), None);
        assert!(!c.on_board());
        c.archived = None;
        c.put_in_inbox();
        assert_eq!(c.due_date(&s, &Utc), None);
        assert!(c.stage_history.is_empty());
        c.place(Stage::Phone, at(2026, 11, 27));
        assert!(c.on_board());
        // Placing starts the cadence that day.
        assert_eq!(c.due_date(&s, &Utc), NaiveDate::from_ymd_opt(2026, 12, 11));
    }

    #[test]
    fn profile_urls() {
        assert_eq!(
            profile_url("@becky_b").as_deref(),
            Some("https://x.com/becky_b")
        );
        assert_eq!(
            profile_url("https://a.example/x").as_deref(),
            Some("https://a.example/x")
        );
        assert_eq!(
            profile_url("linkedin.com/in/becky").as_deref(),
            Some("https://linkedin.com/in/becky")
        );
        assert_eq!(profile_url("@"), None);
        assert_eq!(profile_url("@bad name"), None);
        assert_eq!(profile_url("becky@example.com"), None);
        assert_eq!(profile_url("just words"), None);
        assert_eq!(profile_url("@x;rm -rf"), None);
    }

    #[test]
    fn set_stage_records_history() {
        let mut c = Contact::new("  Ana  ", Stage::Casual, at(2026, 1, 1));
        assert_eq!(c.name, "Ana");
        assert!(!c.set_stage(Stage::Casual, at(2026, 1, 2)));
        assert!(c.set_stage(Stage::Phone, at(2026, 1, 3)));
        assert_eq!(c.stage_history.len(), 2);
        assert_eq!(c.stage_since(), at(2026, 1, 3));
    }

    #[test]
    fn filter_matches_any_field_case_insensitively() {
        let mut c = Contact::new("Zoë Müller", Stage::Casual, at(2026, 1, 1));
        c.handles.push("@zoe".into());
        c.tags.push("Podcast".into());
        c.company = Some("Acme".into());
        let w = |s: &str| vec![s.to_lowercase()];
        assert!(c.matches_all_words(&w("MÜLL")));
        assert!(c.matches_all_words(&w("podc")));
        assert!(c.matches_all_words(&w("acme")));
        assert!(c.matches_all_words(&["zo".into(), "acme".into()]));
        assert!(!c.matches_all_words(&["zo".into(), "nothing".into()]));
        assert!(c.matches_filter(&["zmü".into()]), "subsequence of the name");
        assert!(!c.matches_filter(&["zmx".into()]));
    }
}
