//! Records into a board: each record finds the contact it describes (by id or UID, email,
//! handle, then name) and fills in what it lacks, or becomes a new contact.

use super::Record;
use crate::model::{Board, Contact, ContactId, Stage, fresh_id, norm_handle};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub added: Vec<String>,
    pub merged: Vec<String>,
    pub unchanged: usize,
}

impl Report {
    pub fn changed(&self) -> bool {
        !self.added.is_empty() || !self.merged.is_empty()
    }
}

/// Lookup tables over the board, so an import of thousands of rows into thousands of
/// contacts stays linear: keys are ids and UIDs, lower-cased emails and names, and handles
/// as `norm_handle` spells them.
#[derive(Default)]
struct Index {
    ids: HashMap<String, usize>,
    emails: HashMap<String, usize>,
    handles: HashMap<String, usize>,
    names: HashMap<String, usize>,
}

impl Index {
    fn new(board: &Board) -> Index {
        let mut ix = Index::default();
        for (i, c) in board.contacts.iter().enumerate() {
            ix.insert(c, i);
        }
        ix
    }

    /// Indexes a contact; earlier contacts win where keys collide.
    fn insert(&mut self, c: &Contact, i: usize) {
        self.ids.entry(c.id.as_str().to_string()).or_insert(i);
        if let Some(u) = &c.uid {
            self.ids.entry(u.clone()).or_insert(i);
        }
        for e in &c.emails {
            self.emails.entry(e.to_lowercase()).or_insert(i);
        }
        for h in &c.handles {
            self.handles.entry(norm_handle(h)).or_insert(i);
        }
        self.names.entry(c.name.trim().to_lowercase()).or_insert(i);
    }

    /// The existing contact a record describes: by id or UID, email, handle, then name.
    fn find(&self, r: &Record) -> Option<usize> {
        let d = &r.details;
        r.id.iter()
            .chain(r.uid.iter())
            .find_map(|k| self.ids.get(k))
            .or_else(|| {
                d.emails
                    .iter()
                    .flatten()
                    .find_map(|e| self.emails.get(&e.to_lowercase()))
            })
            .or_else(|| {
                d.handles
                    .iter()
                    .flatten()
                    .find_map(|h| self.handles.get(&norm_handle(h)))
            })
            .or_else(|| self.names.get(&r.name().trim().to_lowercase()))
            .copied()
    }
}

/// Merges records into the board: new contacts land in their own stage (rapport's export)
/// or `stage`; known ones are filled in, never duplicated. `tag` is added to every record.
pub fn merge(
    board: &mut Board,
    records: &[Record],
    stage: Stage,
    tag: Option<&str>,
    now: DateTime<Utc>,
) -> Report {
    let mut report = Report::default();
    let mut index = Index::new(board);
    let tag = tag.map(str::trim).filter(|t| !t.is_empty());
    for r in records {
        let mut details = r.details.clone();
        if let Some(t) = tag {
            let tags = details.tags.get_or_insert_default();
            if !tags.iter().any(|x| x.eq_ignore_ascii_case(t)) {
                tags.push(t.to_string());
            }
        }
        match index.find(r) {
            Some(i) => {
                let c = &mut board.contacts[i];
                let filled = !details.fill(c).is_empty();
                // The UID is not a detail a person edits: only an import sets it.
                let adopted =
                    c.uid.is_none() && r.uid.is_some() && r.uid.as_deref() != Some(c.id.as_str());
                if adopted {
                    c.uid = r.uid.clone();
                }
                if filled || adopted {
                    if !report.merged.contains(&c.name) {
                        report.merged.push(c.name.clone());
                    }
                    index.insert(&board.contacts[i], i);
                } else {
                    report.unchanged += 1;
                }
            }
            None => {
                let created = r
                    .created
                    .filter(|c| *c <= now && crate::dates::in_range(c.date_naive()))
                    .unwrap_or(now);
                let mut c = Contact::new(r.name(), r.stage.unwrap_or(stage), created);
                c.id = match r
                    .id
                    .as_ref()
                    .filter(|id| valid_id(id) && !index.ids.contains_key(*id))
                {
                    Some(id) => ContactId(id.clone()),
                    None => fresh_id(|id| index.ids.contains_key(id)),
                };
                details.apply(&mut c);
                c.uid = r.uid.clone();
                report.added.push(c.name.clone());
                board.push_unchecked(c);
                let i = board.contacts.len() - 1;
                index.insert(&board.contacts[i], i);
            }
        }
    }
    report
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

    fn record(name: &str, edit: ContactEdit) -> Record {
        Record {
            details: ContactEdit {
                name: Some(name.into()),
                ..edit
            },
            ..Record::default()
        }
    }

    #[test]
    fn merge_fills_without_duplicating() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
        let mut b = Board::default();
        let mut c = Contact::new("Becky Chen", Stage::Dm, now);
        c.emails.push("Becky@Example.com".into());
        b.add(c);
        let recs = vec![
            record(
                "B. Chen",
                ContactEdit {
                    emails: Some(vec!["becky@example.com".into()]),
                    company: Some(Some("Lumen".into())),
                    ..ContactEdit::default()
                },
            ),
            record(
                "New Person",
                ContactEdit {
                    handles: Some(vec!["@new".into()]),
                    ..ContactEdit::default()
                },
            ),
            record("new person", ContactEdit::default()),
            record(
                "Via Handle",
                ContactEdit {
                    handles: Some(vec!["https://x.com/new/".into(), "@new".into()]),
                    ..ContactEdit::default()
                },
            ),
        ];
        let r = merge(&mut b, &recs, Stage::Casual, Some("imported"), now);
        assert_eq!(r.added, ["New Person"]);
        assert_eq!(
            r.merged,
            ["Becky Chen", "New Person"],
            "the handle matched New Person"
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
        let again = merge(&mut b, &recs, Stage::Casual, Some("imported"), now);
        assert!(!again.changed(), "{again:?}");
        assert_eq!(again.unchanged, 4);
    }
}
