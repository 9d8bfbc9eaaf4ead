//! Puts an archive's touches on the board: people matched by account id, then by handle;
//! new contacts only for people who exchanged messages with the owner; every message
//! logged once; no card moved unless asked.

use super::{Archive, Touch};
use crate::import::identity::profile_key;
use crate::model::{ArchiveRef, Board, Channel, Contact, ContactId, Interaction, Stage, Who};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
use std::sync::Arc;

/// Where people first met in an archive land: the inbox, for triage (never due until
/// placed), unless `--advance` places them.
pub const LANDING: &str = "the inbox";

pub struct ApplyOptions<'a> {
    pub now: DateTime<Utc>,
    /// Move the contacts the report suggests moving.
    pub advance: bool,
    /// A tag for every contact the archive touched.
    pub tag: Option<&'a str>,
}

/// One contact the archive touched, for the report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ContactLine {
    pub id: String,
    pub name: String,
    /// How an existing contact was found ("X account id", "handle @ann"); empty for new.
    pub by: String,
    pub added: usize,
    /// Messages on a day, channel and direction already logged by hand.
    pub merged_with_logged: usize,
    /// Messages from an earlier import of an archive.
    pub already_imported: usize,
    pub mutual: bool,
}

/// A stage the touches suggest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub id: String,
    pub name: String,
    pub from: Stage,
    pub to: Stage,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub created: Vec<ContactLine>,
    pub matched: Vec<ContactLine>,
    pub suggestions: Vec<Suggestion>,
    pub advanced: bool,
    pub interactions_added: usize,
}

impl Report {
    pub fn changed(&self) -> bool {
        self.interactions_added > 0
            || !self.created.is_empty()
            || self.advanced && !self.suggestions.is_empty()
            || self
                .matched
                .iter()
                .any(|m| m.merged_with_logged > 0 || m.added > 0)
    }
}

/// Applies `archive` to `board`. Day boundaries (for merging with hand-logged touches) are
/// those of `tz`.
pub fn apply<Tz: TimeZone>(
    board: &mut Board,
    archive: &Archive,
    options: &ApplyOptions,
    tz: &Tz,
) -> Report {
    let mut report = Report::default();
    let mut by_person: Vec<Vec<&Touch>> = vec![Vec::new(); archive.people.len()];
    for t in &archive.touches {
        if let Some(v) = by_person.get_mut(t.person) {
            v.push(t);
        }
    }
    // Indexes of the board by account id and by profile.
    let mut by_account: FxHashMap<String, usize> = FxHashMap::default();
    let mut by_profile: FxHashMap<String, usize> = FxHashMap::default();
    for (i, c) in board.iter().enumerate() {
        for a in &c.accounts {
            by_account.entry(a.clone()).or_insert(i);
        }
        for h in &c.handles {
            if let Some(k) = profile_key(h) {
                by_profile.entry(k).or_insert(i);
            }
        }
    }
    let mutual: FxHashSet<usize> = archive.mutuals.iter().copied().collect();
    let day = |t: DateTime<Utc>| t.with_timezone(tz).date_naive();
    for (p, touches) in by_person.iter_mut().enumerate() {
        if touches.is_empty() {
            continue;
        }
        touches.sort_by_key(|t| t.at);
        let person = &archive.people[p];
        let found = person
            .account
            .as_ref()
            .and_then(|a| by_account.get(a))
            .map(|&i| (i, "X account id".to_string()))
            .or_else(|| {
                let h = person.handle.as_deref()?;
                by_profile
                    .get(&profile_key(h)?)
                    .map(|&i| (i, format!("handle {h}")))
            });
        let (index, by) = match found {
            Some(f) => f,
            None => {
                // Only people the owner exchanged messages with are here: touches are
                // replies and DMs, never follows.
                let name = person
                    .name
                    .clone()
                    .or_else(|| person.handle.clone())
                    .or_else(|| {
                        person
                            .account
                            .as_deref()
                            .map(|a| format!("X account {}", a.trim_start_matches("x:")))
                    })
                    .unwrap_or_else(|| "unnamed".into());
                let mut c = Contact::new(name, Stage::Casual, options.now);
                c.handles.extend(person.handle.iter().cloned());
                if person.handle.is_none() {
                    c.handles.extend(person.link.iter().cloned());
                }
                let id = board.add_to_inbox(c);
                let i = board.index_of(&id).unwrap_or(board.contacts.len() - 1);
                if let Some(a) = &person.account {
                    by_account.insert(a.clone(), i);
                }
                if let Some(k) = person.handle.as_deref().and_then(profile_key) {
                    by_profile.insert(k, i);
                }
                (i, String::new())
            }
        };
        let c = Arc::make_mut(&mut board.contacts[index]);
        if let Some(a) = &person.account
            && !c.accounts.contains(a)
        {
            c.accounts.push(a.clone());
        }
        if let Some(tag) = options.tag
            && !c.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
        {
            c.tags.push(tag.to_string());
        }
        let mut line = ContactLine {
            id: c.id.to_string(),
            name: c.name.clone(),
            by: by.clone(),
            added: 0,
            merged_with_logged: 0,
            already_imported: 0,
            mutual: mutual.contains(&p),
        };
        let known: FxHashSet<String> = c.from_archives.iter().map(|r| r.id.clone()).collect();
        // Interactions that stand for an archive message already; the rest were logged
        // by hand.
        let mut claimed: FxHashSet<DateTime<Utc>> = c.from_archives.iter().map(|r| r.at).collect();
        let mut by_hand: FxHashMap<(NaiveDate, Channel, Who), Vec<DateTime<Utc>>> =
            FxHashMap::default();
        for i in &c.interactions {
            if !claimed.contains(&i.at) {
                by_hand
                    .entry((day(i.at), i.channel, i.from))
                    .or_default()
                    .push(i.at);
            }
        }
        let mut seen: FxHashSet<&str> = FxHashSet::default();
        let mut added = false;
        for t in touches.iter() {
            if known.contains(&t.id) || !seen.insert(&t.id) {
                line.already_imported += 1;
                continue;
            }
            let hand = by_hand
                .get_mut(&(day(t.at), t.channel, t.from))
                .and_then(|v| {
                    v.iter()
                        .position(|at| !claimed.contains(at))
                        .map(|i| v.remove(i))
                });
            let at = match hand {
                Some(at) => {
                    line.merged_with_logged += 1;
                    at
                }
                None => {
                    c.interactions.push(Interaction {
                        at: t.at,
                        channel: t.channel,
                        note: t.snippet.clone(),
                        from: t.from,
                    });
                    added = true;
                    line.added += 1;
                    t.at
                }
            };
            claimed.insert(at);
            c.from_archives.push(ArchiveRef {
                id: t.id.clone(),
                at,
            });
        }
        if added {
            // Stable: of two at the same moment, the one logged first stays first.
            c.interactions.sort_by_key(|i| i.at);
        }
        report.interactions_added += line.added;
        // DMs both ways are more than casual conversation.
        let dm_from = |w: Who| {
            c.interactions
                .iter()
                .any(|i| i.channel == Channel::Dm && i.from == w)
        };
        if c.stage < Stage::Dm && dm_from(Who::Me) && dm_from(Who::Them) {
            report.suggestions.push(Suggestion {
                id: c.id.to_string(),
                name: c.name.clone(),
                from: c.stage,
                to: Stage::Dm,
            });
        }
        if by.is_empty() {
            report.created.push(line);
        } else {
            report.matched.push(line);
        }
    }
    if options.advance {
        for s in &report.suggestions {
            let id = ContactId(s.id.clone());
            // From the inbox, advancing is placing: its cadence starts now.
            match board.get_mut(&id) {
                Some(c) if c.inbox => c.place(s.to, options.now),
                _ => {
                    board.move_to(&id, s.to, options.now);
                }
            }
        }
        report.advanced = true;
    }
    report
}
