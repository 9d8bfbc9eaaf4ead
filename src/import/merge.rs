//! Records into a board. Each record finds the contact it describes by a strong key (the
//! contact's rapport id in rapport's own exports, the same source's id, an email address,
//! a profile on a known network; see `identity`) and fills in what that contact lacks, or
//! becomes a new contact. A new contact that looks like an existing one (same name, phone
//! or website, or a shared email under another name) is reported as a possible duplicate,
//! never merged silently.

use super::identity::{email_key, name_key, names_agree, phone_key, profile_key, website_key};
use super::{BoardValues, Record};
use crate::model::{Board, Contact, ContactEdit, ContactId, Stage, fresh_id};
use chrono::{DateTime, Utc};
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

/// A record that became a new contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Added {
    pub line: usize,
    pub name: String,
    pub id: String,
    /// The detail a nameless record was named after ("email", "company", "phone").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_from: Option<&'static str>,
    /// The file gave its stage (rapport's own exports): it is kept, never sent to the inbox.
    #[serde(skip)]
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

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub added: Vec<Added>,
    pub merged: Vec<Matched>,
    pub unchanged: Vec<Matched>,
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

type Keys = HashMap<String, Vec<usize>>;

/// Lookup tables over the board, so an import of many rows into many contacts stays linear.
#[derive(Default)]
struct Index {
    ids: HashMap<String, usize>,
    uids: HashMap<String, usize>,
    emails: Keys,
    profiles: Keys,
    names: Keys,
    phones: Keys,
    sites: Keys,
    /// Contacts from here on were added by this import. Records from rapport's own exports
    /// (they carry an id) never match those by likeness: two contacts of one board stay two.
    first_new: usize,
}

fn add(map: &mut Keys, key: String, i: usize) {
    let v = map.entry(key).or_default();
    if !v.contains(&i) {
        v.push(i);
    }
}

/// How a record relates to the board.
enum Found {
    /// The contact it describes, and by what.
    Same(usize, String),
    /// Nobody; perhaps someone who looks alike (the contact, and why).
    New(Option<(usize, String)>),
}

impl Index {
    fn new(board: &Board) -> Index {
        let mut ix = Index::default();
        for (i, c) in board.iter().enumerate() {
            ix.insert(c, i);
        }
        ix
    }

    /// Indexes a contact; earlier contacts win where an id collides.
    fn insert(&mut self, c: &Contact, i: usize) {
        self.ids.entry(c.id.as_str().to_string()).or_insert(i);
        // A blank source id identifies nothing.
        if let Some(u) = c.uid.as_ref().filter(|u| !u.trim().is_empty()) {
            self.uids.entry(u.clone()).or_insert(i);
        }
        for e in c.emails.iter().filter_map(|e| email_key(e)) {
            add(&mut self.emails, e, i);
        }
        for h in &c.handles {
            if let Some(p) = profile_key(h) {
                add(&mut self.profiles, p, i);
            } else if let Some(w) = website_key(h) {
                add(&mut self.sites, w, i);
            }
        }
        for p in c.phones.iter().filter_map(|p| phone_key(p)) {
            add(&mut self.phones, p, i);
        }
        add(&mut self.names, name_key(&c.name), i);
    }

    fn find(&self, r: &Record, board: &Board) -> Found {
        if let Some(&i) = r.id.as_ref().and_then(|id| self.ids.get(id)) {
            return Found::Same(i, "id".into());
        }
        // A record from rapport's own export is never matched by likeness to another
        // contact of that same file: they were different contacts there.
        let usable = |i: &usize| r.id.is_none() || *i < self.first_new;
        if let Some(&i) = r
            .uid
            .as_ref()
            .filter(|u| !u.trim().is_empty())
            .and_then(|u| self.uids.get(u))
            .filter(|i| usable(i))
        {
            return Found::Same(i, "source id".into());
        }
        let d = &r.details;
        // A name made up from another detail cannot disagree with anyone's.
        let agrees =
            |i: usize| r.named_from.is_some() || names_agree(r.name(), &board.contacts[i].name);
        let mut alike: Option<(usize, String)> = None;
        let strong = d
            .emails
            .iter()
            .flatten()
            .filter_map(|e| email_key(e).map(|k| (k, "email", &self.emails)))
            .chain(
                d.handles
                    .iter()
                    .flatten()
                    .filter_map(|h| profile_key(h).map(|k| (k, "profile", &self.profiles))),
            );
        for (key, what, map) in strong {
            let Some(found) = map.get(&key) else { continue };
            let found: Vec<usize> = found.iter().copied().filter(usable).collect();
            let Some(&first) = found.first() else {
                continue;
            };
            if let Some(&i) = found.iter().find(|&&i| agrees(i)) {
                return Found::Same(i, format!("{what} {key}"));
            }
            alike.get_or_insert((first, format!("same {what} {key} under another name")));
        }
        // The same record again (a re-import of a sheet with no strong keys): a contact of
        // the same name that already has everything it says. A record with a strong key
        // would have been found by it above, so only the others are looked at; and only
        // contacts that share its first phone or website, when it has one, so that a
        // common name in a large file is not compared with every namesake.
        let name = name_key(r.name());
        let names = self.names.get(&name);
        let strong_keys = d.emails.iter().flatten().any(|e| email_key(e).is_some())
            || d.handles.iter().flatten().any(|h| profile_key(h).is_some());
        if !strong_keys {
            let pool = d
                .phones
                .iter()
                .flatten()
                .find_map(|p| self.phones.get(&phone_key(p)?))
                .or_else(|| {
                    d.handles
                        .iter()
                        .flatten()
                        .find_map(|h| self.sites.get(&website_key(h)?))
                })
                .or(names);
            if let Some(&i) = pool
                .into_iter()
                .flatten()
                .filter(|i| usable(i) && name_key(&board.contacts[**i].name) == name)
                .find(|&&i| adds_nothing(r, &board.contacts[i]))
            {
                return Found::Same(i, "same name and details".into());
            }
        }
        if alike.is_none() && r.named_from.is_none() {
            alike = names
                .and_then(|v| v.first())
                .map(|&i| (i, "same name".into()));
        }
        if alike.is_none() {
            alike = d
                .phones
                .iter()
                .flatten()
                .find_map(|p| {
                    let found = self.phones.get(&phone_key(p)?)?;
                    let &i = found.iter().find(|i| usable(i))?;
                    Some((i, format!("same phone {p}")))
                })
                .or_else(|| {
                    d.handles.iter().flatten().find_map(|h| {
                        let found = self.sites.get(&website_key(h)?)?;
                        let &i = found.iter().find(|i| usable(i))?;
                        Some((i, format!("same website {h}")))
                    })
                });
        }
        Found::New(alike)
    }
}

/// Whether merging the record into `c` would change nothing.
fn adds_nothing(r: &Record, c: &Contact) -> bool {
    let mut probe = c.clone();
    !fill(&mut probe, r, None)
}

/// Fills `c` from the record: details it lacks, list entries, the source id, the met day,
/// interactions and stage changes it does not have. Whether anything changed.
fn fill(c: &mut Contact, r: &Record, details: Option<&ContactEdit>) -> bool {
    let mut changed = !details.unwrap_or(&r.details).fill(c).is_empty();
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
}

impl Merger {
    /// A merger into `board`, which every `add` must be given (and nothing else may change
    /// in between: the lookup tables follow the board by position).
    pub fn new(board: &Board, stage: Stage, tag: Option<&str>, now: DateTime<Utc>) -> Merger {
        let mut index = Index::new(board);
        index.first_new = board.contacts.len();
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
        }
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
                let c = &mut board.contacts[i];
                let entry = Matched {
                    line: r.line,
                    name: r.name().to_string(),
                    into: c.name.clone(),
                    id: c.id.to_string(),
                    by,
                };
                if fill(c, r, Some(details)) {
                    report.merged.push(entry);
                    index.insert(&board.contacts[i], i);
                } else {
                    report.unchanged.push(entry);
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
                            c.stage_history = r.stage_history.clone();
                        }
                        c.interactions = r.interactions.clone();
                        c.interactions.sort_by_key(|i| i.at);
                        c
                    }
                };
                c.id = match r
                    .id
                    .as_ref()
                    .filter(|id| valid_id(id) && !index.ids.contains_key(*id))
                {
                    Some(id) => ContactId(id.clone()),
                    None => fresh_id(|id| index.ids.contains_key(id)),
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
                    name: c.name.clone(),
                    id: c.id.to_string(),
                    named_from: r.named_from.map(|n| n.word()),
                    own_stage: r.stage.is_some(),
                });
                board.push_unchecked(c);
                let i = board.contacts.len() - 1;
                index.insert(&board.contacts[i], i);
            }
        }
    }
}

/// `Merger` over records already read.
pub fn merge(
    board: &mut Board,
    records: &[Record],
    stage: Stage,
    tag: Option<&str>,
    now: DateTime<Utc>,
) -> Report {
    let mut m = Merger::new(board, stage, tag, now);
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
mod tests {
    use super::*;
    use crate::model::ContactEdit;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
    }

    fn record(line: usize, name: &str, edit: ContactEdit) -> Record {
        Record {
            line,
            details: ContactEdit {
                name: Some(name.into()),
                ..edit
            },
            ..Record::default()
        }
    }

    fn emails(v: &[&str]) -> ContactEdit {
        ContactEdit {
            emails: Some(v.iter().map(|s| s.to_string()).collect()),
            ..ContactEdit::default()
        }
    }

    fn phones(v: &[&str]) -> ContactEdit {
        ContactEdit {
            phones: Some(v.iter().map(|s| s.to_string()).collect()),
            ..ContactEdit::default()
        }
    }

    #[test]
    fn merge_fills_without_duplicating() {
        let mut b = Board::default();
        let mut c = Contact::new("Becky Chen", Stage::Dm, now());
        c.emails.push("Becky@Example.com".into());
        b.add(c);
        let recs = vec![
            record(
                2,
                "B. Chen",
                ContactEdit {
                    company: Some(Some("Lumen".into())),
                    ..emails(&["becky@example.com"])
                },
            ),
            record(
                3,
                "New Person",
                ContactEdit {
                    handles: Some(vec!["@new".into()]),
                    ..ContactEdit::default()
                },
            ),
            record(
                4,
                "New Person",
                ContactEdit {
                    handles: Some(vec!["https://x.com/new/".into(), "@new".into()]),
                    ..ContactEdit::default()
                },
            ),
        ];
        let r = merge(&mut b, &recs, Stage::Casual, Some("imported"), now());
        assert_eq!(r.added.len(), 1);
        assert_eq!(r.added[0].name, "New Person");
        let merged: Vec<(usize, &str, &str)> = r
            .merged
            .iter()
            .map(|m| (m.line, m.into.as_str(), m.by.as_str()))
            .collect();
        assert_eq!(
            merged,
            [
                (2, "Becky Chen", "email becky@example.com"),
                (4, "New Person", "profile x.com/new")
            ]
        );
        assert_eq!(b.contacts.len(), 2);
        assert_eq!(b.contacts[0].company.as_deref(), Some("Lumen"));
        assert_eq!(
            b.contacts[0].stage,
            Stage::Dm,
            "merging never moves a contact"
        );
        assert!(b.contacts[1].tags.contains(&"imported".to_string()));
        // Twice: nothing changes.
        let again = merge(&mut b, &recs, Stage::Casual, Some("imported"), now());
        assert!(!again.changed(), "{again:?}");
        assert_eq!(again.unchanged.len(), 3);
    }

    /// Issue 12, case 1: placeholder emails are no keys.
    #[test]
    fn placeholder_emails_never_merge_people() {
        let mut b = Board::default();
        let p = super::super::parse(
            "Name,Email,Phone\nAnn Lee,n/a,1\nBob Ray,n/a,2\nCy Dee,-,3\n",
            &super::super::Options::default(),
        );
        let r = merge(&mut b, &p.records, Stage::Casual, None, now());
        assert_eq!(r.added.len(), 3, "{r:?}");
        assert!(b.iter().all(|c| c.emails.is_empty()));
        assert_eq!(b.contacts[1].phones, ["2"]);
    }

    /// Issue 12, case 2: a shared email, a shared website, a shared name or phone add a
    /// contact and report it as a possible duplicate.
    #[test]
    fn shared_values_are_possible_duplicates_not_merges() {
        let mut b = Board::default();
        let recs = vec![
            record(2, "John Smith", emails(&["smiths@home.example"])),
            record(3, "Jane Smith", emails(&["smiths@home.example"])),
            record(
                4,
                "Ann Lee",
                ContactEdit {
                    handles: Some(vec!["https://acme.example".into()]),
                    ..ContactEdit::default()
                },
            ),
            record(
                5,
                "Bob Ray",
                ContactEdit {
                    handles: Some(vec!["https://www.acme.example/".into()]),
                    ..ContactEdit::default()
                },
            ),
            record(6, "Sam Roe", phones(&["+1 555 0100 123"])),
            record(7, "Sam Roe", phones(&["+44 20 5555 0000"])),
            record(8, "Kim Poe", phones(&["+1 (555) 0100-123"])),
        ];
        let r = merge(&mut b, &recs, Stage::Casual, None, now());
        assert_eq!(r.added.len(), 7, "{r:?}");
        assert!(r.merged.is_empty());
        let dups: Vec<(usize, &str, &str)> = r
            .possible_duplicates
            .iter()
            .map(|d| (d.line, d.other.as_str(), d.why.as_str()))
            .collect();
        assert_eq!(
            dups,
            [
                (
                    3,
                    "John Smith",
                    "same email smiths@home.example under another name"
                ),
                (5, "Ann Lee", "same website https://www.acme.example/"),
                (7, "Sam Roe", "same name"),
                (8, "Sam Roe", "same phone +1 (555) 0100-123"),
            ]
        );
        let again = merge(&mut b, &recs, Stage::Casual, None, now());
        assert!(!again.changed(), "{again:?}");
        assert_eq!(b.contacts.len(), 7);
    }

    /// Issue 12, case 4: a foreign id is the source id, never rapport's id, so two sheets
    /// numbered 1, 2, 3 do not merge into each other.
    #[test]
    fn foreign_ids_are_source_ids() {
        let mut b = Board::default();
        let opts = super::super::Options::default();
        let one = super::super::parse("ID,Name\n1,Ann Lee\n2,Bob Ray\n", &opts);
        let two = super::super::parse(
            "Id,Full Name,Company\n1,Cy Dee,Acme\n2,Di Fox,Bcme\n",
            &opts,
        );
        merge(&mut b, &one.records, Stage::Casual, None, now());
        let r = merge(&mut b, &two.records, Stage::Casual, None, now());
        assert_eq!(r.added.len(), 2, "{r:?}");
        assert_eq!(b.contacts.len(), 4);
        assert!(b.iter().all(|c| c.id.as_str() != "1"));
        assert!(
            b.contacts[0]
                .uid
                .as_deref()
                .is_some_and(|u| u.ends_with(":1"))
        );
        // The same sheet again, renamed at the source: found by its source id.
        let renamed = super::super::parse("ID,Name\n1,Ann Lee-Ray\n", &opts);
        let r = merge(&mut b, &renamed.records, Stage::Casual, None, now());
        assert_eq!(r.unchanged.len(), 1, "{r:?}");
        assert_eq!(r.unchanged[0].by, "source id");
    }
}
