//! Records into a board. Each record finds the contact it describes by a strong key (the
//! contact's rapport id in rapport's own exports, the same source's id, an email address,
//! a profile on a known network; see `identity`) and fills in what that contact lacks, or
//! becomes a new contact. A new contact that looks like an existing one (same name, phone
//! or website, or a shared email under another name) is reported as a possible duplicate,
//! never merged silently.

use super::identity::profile_key;
use super::lookup::{Found, Index};
use super::{BoardValues, NamedFrom, Record};
use crate::model::{Board, Contact, ContactEdit, ContactId, Stage, fresh_id};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// A record that became a new contact. Kept small: an import of a large file has one for
/// each of its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Added {
    pub line: usize,
    /// The contact's place on the board (`board.contacts[at]`) until the board is next
    /// saved: its name and id are read from there, not copied for each of many rows.
    pub at: u32,
    /// The detail a nameless record was named after.
    pub named_from: Option<NamedFrom>,
    /// The file gave its stage (rapport's own exports): it is kept, never sent to the inbox.
    pub own_stage: bool,
}

/// A record that described a contact already on the board (or earlier in the file).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Matched {
    pub line: usize,
    /// The record's name.
    pub name: String,
    /// The contact it went into.
    pub into: String,
    pub id: String,
    /// How it was recognised: "email ann@x.example", "profile x.com/ann", "id", "source id".
    pub by: String,
}

/// A new contact that may be the same person as another.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duplicate {
    pub line: usize,
    pub name: String,
    pub id: String,
    pub other: String,
    pub other_id: String,
    /// "same name", "same phone +1 555 0100", "same email a@x.example, another name".
    pub why: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub added: Vec<Added>,
    pub merged: Vec<Matched>,
    /// The records that found their contact and changed nothing, listed only when the
    /// merger was asked to (`listing_unchanged`): a re-import of a large file would otherwise
    /// keep a line for every row. `unchanged_rows` counts them either way.
    pub unchanged: Vec<Matched>,
    pub unchanged_rows: usize,
    pub possible_duplicates: Vec<Duplicate>,
    /// The board's settings, review day and streak came from the file (a JSON backup
    /// restored into an empty board).
    pub settings_restored: bool,
}

impl Report {
    pub fn changed(&self) -> bool {
        !self.added.is_empty() || !self.merged.is_empty() || self.settings_restored
    }
}

/// Fills `c` from the record: details it lacks, list entries, the source id, the met day,
/// interactions and stage changes it does not have. Whether anything changed.
pub(super) fn fill(c: &mut Contact, r: &Record, details: Option<&ContactEdit>) -> bool {
    let details = details.unwrap_or(&r.details);
    // A profile the contact has under another spelling (`@ann`, `twitter.com/ann/`) is
    // not added again.
    let known = |h: &String| {
        profile_key(h).is_some_and(|k| {
            c.handles
                .iter()
                .any(|x| profile_key(x).as_deref() == Some(k.as_str()))
        })
    };
    let pruned = details
        .handles
        .as_ref()
        .filter(|hs| hs.iter().any(known))
        .map(|hs| ContactEdit {
            handles: Some(hs.iter().filter(|h| !known(h)).cloned().collect()),
            ..details.clone()
        });
    let mut changed = !pruned.as_ref().unwrap_or(details).fill(c).is_empty();
    // The source id is not a detail a person edits: only an import sets it.
    if c.uid.is_none() && r.uid.is_some() && r.uid.as_deref() != Some(c.id.as_str()) {
        c.uid = r.uid.clone();
        changed = true;
    }
    if c.met.is_none() && r.met.is_some() {
        c.met = r.met;
        changed = true;
    }
    let mut logged = false;
    for i in &r.interactions {
        if !c.interactions.contains(i) {
            c.interactions.push(i.clone());
            logged = true;
        }
    }
    if logged {
        c.interactions.sort_by_key(|i| i.at);
    }
    let mut moved = false;
    for h in &r.stage_history {
        if !c.stage_history.contains(h) {
            c.stage_history.push(h.clone());
            moved = true;
        }
    }
    if moved {
        c.stage_history.sort_by_key(|h| h.at);
    }
    if let Some(x) = &r.exact {
        for k in &x.conflicts {
            if !c.conflicts.contains(k) {
                c.conflicts.push(k.clone());
                changed = true;
            }
        }
        for d in &x.distinct_from {
            if !c.distinct_from.contains(d) {
                c.distinct_from.push(d.clone());
                changed = true;
            }
        }
    }
    changed || logged || moved
}

/// Restores a JSON backup's settings, review day and streak. Only for a board that had no
/// contacts before the import (a fresh board being restored): a board in use keeps its
/// own, which the caller sees to. Whether anything changed.
pub fn restore_board_values(board: &mut Board, values: &BoardValues) -> bool {
    let before = (
        board.settings.clone(),
        board.last_review,
        board.review_streak,
    );
    board.settings = values.settings.clone();
    board.last_review = values.last_review;
    board.review_streak = values.review_streak;
    before
        != (
            board.settings.clone(),
            board.last_review,
            board.review_streak,
        )
}

/// Merges records into the board one at a time, as a file is read: new contacts land in
/// their own stage (rapport's export) or `stage`; known ones are filled in, never
/// duplicated. `tag` is added to every record. Contacts from other programs start on
/// `now`, so an import never floods the review.
pub struct Merger {
    index: Index,
    report: Report,
    stage: Stage,
    tag: Option<String>,
    now: DateTime<Utc>,
    inbox: bool,
    list_unchanged: bool,
}

impl Merger {
    /// A merger into `board`, which every `add` must be given (and nothing else may change
    /// in between: the lookup tables follow the board by position).
    pub fn new(board: &Board, stage: Stage, tag: Option<&str>, now: DateTime<Utc>) -> Merger {
        let index = Index::new(board);
        Merger {
            index,
            report: Report::default(),
            stage,
            tag: tag
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string),
            now,
            inbox: false,
            list_unchanged: false,
        }
    }

    /// Lists every unchanged record in the report (for `--report`), not only their count.
    pub fn listing_unchanged(mut self) -> Merger {
        self.list_unchanged = true;
        self
    }

    /// New contacts wait in the inbox, never due, until triage places them; those whose
    /// stage the file gives (rapport's own exports) keep it.
    pub fn to_inbox(mut self) -> Merger {
        self.inbox = true;
        self
    }

    /// The report so far.
    pub fn report(&self) -> &Report {
        &self.report
    }

    pub fn finish(self) -> Report {
        self.report
    }

    pub fn add(&mut self, board: &mut Board, r: &Record) {
        let tag = self.tag.as_deref();
        // The record's details with the import's tag, copied only when there is one to add.
        let tagged = tag.map(|t| {
            let mut details = r.details.clone();
            let tags = details.tags.get_or_insert_default();
            if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                tags.push(t.to_string());
            }
            details
        });
        let details = tagged.as_ref().unwrap_or(&r.details);
        let (index, report) = (&mut self.index, &mut self.report);
        match index.find(r, board) {
            Found::Same(i, by) => {
                let slot = &mut board.contacts[i];
                let entry = |slot: &Contact| Matched {
                    line: r.line,
                    name: r.name().to_string(),
                    into: slot.name.clone(),
                    id: slot.id.to_string(),
                    by,
                };
                // A contact shared with the store's merge base is filled in a copy, kept
                // only if it changed: a re-import that changes nothing copies nothing.
                let changed = match std::sync::Arc::get_mut(slot) {
                    Some(c) => fill(c, r, Some(details)),
                    None => {
                        let mut c = Contact::clone(slot);
                        let changed = fill(&mut c, r, Some(details));
                        if changed {
                            *slot = std::sync::Arc::new(c);
                        }
                        changed
                    }
                };
                if changed {
                    report.merged.push(entry(&board.contacts[i]));
                    index.insert(&board.contacts[i], i);
                } else {
                    report.unchanged_rows += 1;
                    if self.list_unchanged {
                        report.unchanged.push(entry(&board.contacts[i]));
                    }
                }
            }
            Found::New(alike) => {
                let mut c = match &r.exact {
                    Some(x) => {
                        // Restored as it was, with only the import's tag added.
                        let mut c = (**x).clone();
                        if let Some(t) = tag
                            && !c.tags.iter().any(|x| x.eq_ignore_ascii_case(t))
                        {
                            c.tags.push(t.to_string());
                        }
                        c
                    }
                    None => {
                        let created = r
                            .created
                            .filter(|c| *c <= self.now && crate::dates::in_range(c.date_naive()))
                            .unwrap_or(self.now);
                        let mut c = Contact::new(r.name(), r.stage.unwrap_or(self.stage), created);
                        details.apply(&mut c);
                        c.uid = r.uid.clone();
                        c.met = r.met;
                        if !r.stage_history.is_empty() {
                            c.stage_history = r.stage_history.as_slice().into();
                        }
                        c.interactions = r.interactions.as_slice().into();
                        c.interactions.sort_by_key(|i| i.at);
                        c
                    }
                };
                c.id = match r
                    .id
                    .as_ref()
                    .filter(|id| valid_id(id) && !index.has_id(board, id))
                {
                    Some(id) => ContactId(id.clone()),
                    None => fresh_id(|id| index.has_id(board, id)),
                };
                if self.inbox && r.stage.is_none() {
                    c.put_in_inbox();
                }
                if let Some((j, why)) = alike {
                    let other = &board.contacts[j];
                    report.possible_duplicates.push(Duplicate {
                        line: r.line,
                        name: c.name.clone(),
                        id: c.id.to_string(),
                        other: other.name.clone(),
                        other_id: other.id.to_string(),
                        why,
                    });
                }
                report.added.push(Added {
                    line: r.line,
                    at: u32::try_from(board.contacts.len()).unwrap_or(u32::MAX),
                    named_from: r.named_from,
                    own_stage: r.stage.is_some(),
                });
                board.push_unchecked(c);
                let i = board.contacts.len() - 1;
                index.insert(&board.contacts[i], i);
            }
        }
    }
}

/// `Merger` over records already read, listing every record in its report.
pub fn merge(
    board: &mut Board,
    records: &[Record],
    stage: Stage,
    tag: Option<&str>,
    now: DateTime<Utc>,
) -> Report {
    let mut m = Merger::new(board, stage, tag, now).listing_unchanged();
    for r in records {
        m.add(board, r);
    }
    m.finish()
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

#[cfg(test)]
mod tests;
