use super::{Channel, Kind, Stage, Who};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::fmt;
use thin_vec::ThinVec;

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

/// Lists that are empty or short for most contacts are `ThinVec`s (one pointer, nothing
/// allocated while empty) and the archive note is boxed: a board holds hundreds of
/// thousands of contacts, and each of those fields would otherwise take three words in
/// every one.
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
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub handles: ThinVec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phones: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company: Option<String>,
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub kinds: BTreeSet<Kind>,
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub tags: ThinVec<String>,
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
    pub archived: Option<Box<Archived>>,
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub stage_history: ThinVec<StageChange>,
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub interactions: ThinVec<Interaction>,
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
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub distinct_from: ThinVec<ContactId>,
    /// Fields changed here and elsewhere at once (another terminal, another machine): this
    /// side's value was kept, the other's is recorded here until the user dismisses it.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub conflicts: ThinVec<Conflict>,
    /// The person's account ids on networks whose archives name people by number
    /// (`x:783214`), so a later archive finds them after a change of handle.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub accounts: ThinVec<String>,
    /// The messages from data archives already in the log: each source message id and the
    /// time of the interaction it became (or the hand-logged one it was merged into), so a
    /// re-import adds only what is new.
    #[serde(default, skip_serializing_if = "ThinVec::is_empty")]
    pub from_archives: ThinVec<ArchiveRef>,
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
            handles: ThinVec::new(),
            emails: Vec::new(),
            phones: Vec::new(),
            company: None,
            kinds: BTreeSet::new(),
            tags: ThinVec::new(),
            notes: String::new(),
            created: now,
            next_follow_up: None,
            cadence_days: None,
            paused_until: None,
            archived: None,
            stage_history: thin_vec::thin_vec![StageChange { stage, at: now }],
            interactions: ThinVec::new(),
            uid: None,
            met: None,
            distinct_from: ThinVec::new(),
            conflicts: ThinVec::new(),
            accounts: ThinVec::new(),
            from_archives: ThinVec::new(),
        }
    }

    /// The latest interaction, whatever order they were logged in.
    pub fn last_interaction(&self) -> Option<&Interaction> {
        self.interactions.iter().max_by_key(|i| i.at)
    }

    pub fn last_contact(&self) -> Option<DateTime<Utc>> {
        self.last_interaction().map(|i| i.at)
    }

    /// Whether the contact is in one of the four columns: not waiting in the inbox, not
    /// archived.
    pub fn on_board(&self) -> bool {
        !self.inbox && self.archived.is_none()
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
        // Let go of the room too: an import puts many thousands of contacts here.
        self.stage_history = ThinVec::new();
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

#[cfg(test)]
mod tests;
