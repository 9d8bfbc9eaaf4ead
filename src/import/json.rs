//! rapport's own JSON: the backup `export --format json` writes (an object with the board's
//! settings and every contact) and the array `list --format json` prints. Every contact is
//! restored exactly: interactions, stage history, conflicts and all.

use super::{BoardValues, Parsed, Record, SkipReason, Skipped};
use crate::model::{
    ArchiveRef, Archived, Conflict, Contact, ContactEdit, ContactId, Interaction, Kind, Settings,
    Stage, StageChange,
};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use serde_json::value::RawValue;
use std::collections::BTreeSet;

#[derive(Deserialize)]
struct Backup<'a> {
    #[serde(default)]
    rapport_backup: Option<u32>,
    #[serde(default)]
    settings: Settings,
    #[serde(default)]
    last_review: Option<NaiveDate>,
    #[serde(default)]
    review_streak: u32,
    /// Each contact's text as it is in the file, read one at a time: a tree of values for a
    /// backup of 200,000 contacts took seven times the file in memory.
    #[serde(borrow)]
    contacts: Vec<&'a RawValue>,
}

/// One contact as `ContactJson` writes it; the values derived from others (`due`,
/// `last_contact`, `cadence_days`) are not read back.
#[derive(Deserialize)]
struct ContactIn {
    id: String,
    name: String,
    stage: Stage,
    #[serde(default)]
    handles: Vec<String>,
    #[serde(default)]
    emails: Vec<String>,
    #[serde(default)]
    phones: Vec<String>,
    #[serde(default)]
    company: Option<String>,
    #[serde(default)]
    kinds: BTreeSet<Kind>,
    #[serde(default)]
    tags: Vec<String>,
    #[serde(default)]
    notes: String,
    created: DateTime<Utc>,
    #[serde(default)]
    next_follow_up: Option<NaiveDate>,
    #[serde(default)]
    own_cadence_days: Option<u32>,
    #[serde(default)]
    met: Option<NaiveDate>,
    #[serde(default)]
    source_id: Option<String>,
    #[serde(default)]
    interactions: Vec<Interaction>,
    #[serde(default)]
    stage_history: Vec<StageChange>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
    #[serde(default)]
    distinct_from: Vec<ContactId>,
    #[serde(default)]
    inbox: bool,
    #[serde(default)]
    archived: Option<Archived>,
    #[serde(default)]
    paused_until: Option<NaiveDate>,
    #[serde(default)]
    accounts: Vec<String>,
    #[serde(default)]
    from_archives: Vec<ArchiveRef>,
}

impl ContactIn {
    fn contact(self) -> Contact {
        Contact {
            id: ContactId(self.id),
            name: self.name,
            stage: self.stage,
            handles: self.handles.into(),
            emails: self.emails,
            phones: self.phones,
            company: self.company,
            kinds: self.kinds,
            tags: self.tags.into(),
            notes: self.notes,
            created: self.created,
            next_follow_up: self.next_follow_up,
            cadence_days: self.own_cadence_days,
            stage_history: self.stage_history.into(),
            interactions: self.interactions.into(),
            uid: self.source_id,
            met: self.met,
            distinct_from: self.distinct_from.into(),
            conflicts: self.conflicts.into(),
            inbox: self.inbox,
            archived: self.archived.map(Box::new),
            paused_until: self.paused_until,
            accounts: self.accounts.into(),
            from_archives: self.from_archives.into(),
        }
    }
}

pub(super) fn parse(text: &str) -> Parsed {
    let mut parsed = Parsed::new("rapport JSON");
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    let (entries, board) = if trimmed.starts_with('[') {
        match serde_json::from_str::<Vec<&RawValue>>(trimmed) {
            Ok(v) => (v, None),
            Err(e) => return refuse(parsed, e),
        }
    } else {
        match serde_json::from_str::<Backup>(trimmed) {
            Ok(b) => {
                if b.rapport_backup.is_some() {
                    parsed.flavour = "rapport backup";
                }
                let values = BoardValues {
                    settings: b.settings,
                    last_review: b.last_review,
                    review_streak: b.review_streak,
                };
                (b.contacts, Some(values))
            }
            Err(e) => return refuse(parsed, e),
        }
    };
    parsed.board = board;
    // Lines for messages: where each contact's id appears (else where its entry starts), in
    // order, counted on from the last one (counting from the top each time made a large
    // backup quadratic). An entry's text lies inside `text`, so its place is an offset.
    let (mut from, mut line_at) = (0, 1);
    let mut line_of = |at: usize| {
        let at = at.clamp(from, text.len());
        line_at += text[from..at].matches('\n').count();
        from = at;
        line_at
    };
    for entry in entries {
        let raw = entry.get();
        let start = (raw.as_ptr() as usize).saturating_sub(text.as_ptr() as usize);
        match serde_json::from_str::<ContactIn>(raw) {
            Ok(c) => {
                let needle = format!("\"{}\"", c.id);
                let at = raw.find(&needle).map_or(start, |i| start + i);
                let line = line_of(at);
                let c = c.contact();
                match check(&c) {
                    Ok(()) => parsed.records.push(record(c, line)),
                    Err(why) => parsed.skipped.push(Skipped {
                        line,
                        reason: SkipReason::Invalid(why),
                    }),
                }
            }
            Err(e) => {
                // The error's own position counts from the entry: say the entry's line.
                let line = line_of(start);
                let mut why = e.to_string();
                if let Some(cut) = why.rfind(" at line ") {
                    why.truncate(cut);
                }
                parsed.skipped.push(Skipped {
                    line,
                    reason: SkipReason::Json(why),
                });
            }
        }
    }
    parsed
}

fn refuse(mut parsed: Parsed, e: serde_json::Error) -> Parsed {
    parsed.skipped.push(Skipped {
        line: e.line(),
        reason: SkipReason::Json(e.to_string()),
    });
    parsed
}

/// What the board file itself would refuse: an empty name, dates out of range.
fn check(c: &Contact) -> Result<(), String> {
    let board = crate::model::Board {
        contacts: vec![std::sync::Arc::new(c.clone())],
        ..crate::model::Board::default()
    };
    if c.id.as_str().trim().is_empty() {
        return Err("the contact has an empty id".into());
    }
    board.validate()
}

fn record(c: Contact, line: usize) -> Record {
    Record {
        line,
        details: ContactEdit::from_contact(&c),
        id: Some(c.id.to_string()),
        uid: c.uid.clone(),
        stage: Some(c.stage),
        created: Some(c.created),
        met: c.met,
        interactions: c.interactions.to_vec(),
        stage_history: c.stage_history.to_vec(),
        named_from: None,
        exact: Some(Box::new(c)),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Board, Contact, Stage};
    use chrono::Utc;

    #[test]
    fn each_contact_is_named_by_the_line_of_its_id() {
        let mut board = Board::default();
        for i in 0..50 {
            let mut c = Contact::new(format!("P {i}"), Stage::Dm, Utc::now());
            c.notes = "line\n".repeat(i % 4);
            board.add(c);
        }
        let mut text = crate::export::backup(&board, board.iter(), &Utc);
        // One entry the reader refuses, named by the line it starts on.
        let bad_at = text.find("\"contacts\": [").unwrap() + "\"contacts\": [".len();
        text.insert_str(bad_at, "\n    {\"id\": \"zz\", \"name\": 5},");
        let parsed = super::parse(&text);
        assert_eq!(parsed.skipped.len(), 1, "{:?}", parsed.skipped);
        let bad = &parsed.skipped[0];
        assert_eq!(
            text.lines().nth(bad.line - 1).unwrap().trim(),
            "{\"id\": \"zz\", \"name\": 5},"
        );
        let why = bad.reason.to_string();
        assert!(
            why.contains("invalid type") && !why.contains(" at line "),
            "{why}"
        );
        assert_eq!(parsed.records.len(), 50);
        let lines: Vec<&str> = text.lines().collect();
        for r in &parsed.records {
            let id = r.id.as_deref().unwrap();
            assert!(
                lines[r.line - 1].contains(&format!("\"{id}\"")),
                "line {} of {id}: {}",
                r.line,
                lines[r.line - 1]
            );
        }
    }
}
