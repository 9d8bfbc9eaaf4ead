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

fn is_false_or_empty<T>(v: &[T]) -> bool {
    v.is_empty()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub id: ContactId,
    pub name: String,
    pub stage: Stage,
    #[serde(default, skip_serializing_if = "is_false_or_empty")]
    pub handles: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false_or_empty")]
    pub emails: Vec<String>,
    #[serde(default, skip_serializing_if = "is_false_or_empty")]
    pub phones: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub kinds: BTreeSet<Kind>,
    #[serde(default, skip_serializing_if = "is_false_or_empty")]
    pub tags: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
    pub created: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_follow_up: Option<NaiveDate>,
    /// Overrides the stage's keep-in-touch cadence, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cadence_days: Option<u32>,
    #[serde(default, skip_serializing_if = "is_false_or_empty")]
    pub stage_history: Vec<StageChange>,
    #[serde(default, skip_serializing_if = "is_false_or_empty")]
    pub interactions: Vec<Interaction>,
}

impl Contact {
    /// A new contact in `stage`, created at `now`. The id is assigned by the board.
    pub fn new(name: impl Into<String>, stage: Stage, now: DateTime<Utc>) -> Contact {
        Contact {
            id: ContactId(String::new()),
            name: name.into().trim().to_string(),
            stage,
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
            stage_history: vec![StageChange { stage, at: now }],
            interactions: Vec::new(),
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

    /// When to reach out next: the follow-up if one is set, else the last contact (or the
    /// creation, if never contacted) plus the cadence. A cadence of 0 means "no reminder".
    pub fn due_date<Tz: TimeZone>(&self, settings: &Settings, tz: &Tz) -> Option<NaiveDate> {
        if let Some(d) = self.next_follow_up {
            return Some(d);
        }
        let cadence = self.cadence(settings);
        if cadence == 0 {
            return None;
        }
        let since = self.last_contact().unwrap_or(self.created);
        let since = since.with_timezone(tz).date_naive();
        since.checked_add_days(Days::new(u64::from(cadence)))
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
