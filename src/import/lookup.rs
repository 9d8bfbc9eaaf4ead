//! Finding the contact a record describes: lookup tables over the board by the keys of
//! `identity`, so an import of many rows into many contacts stays linear.

use super::Record;
use super::identity::{
    email_key, name_key, names_agree, phone_key, profile_key, source_id_as_written,
    source_id_is_unique, website_key,
};
use super::merge::fill;
use crate::model::{Board, Contact};
use rustc_hash::{FxBuildHasher, FxHashMap as HashMap};
use std::collections::hash_map::Entry;
use std::hash::BuildHasher;

/// One kind of key, each kept as a 32-bit hash: a few bytes a key instead of its text and
/// a list of its own, which at a few keys for each of 200,000 contacts is most of an
/// import's memory. A hash only names candidates: `get` keeps the contacts that really
/// have the key, so a collision (a few among hundreds of thousands of keys) can never
/// make two people one.
#[derive(Default)]
struct Keys {
    /// The first contact filed under each hash.
    first: HashMap<u32, u32>,
    /// The others, in the order they were filed (few: most keys belong to one contact).
    more: HashMap<u32, Vec<u32>>,
}

fn hash(key: &str) -> u32 {
    // The high half: the last multiplication of the hash mixes it best.
    (FxBuildHasher.hash_one(key) >> 32) as u32
}

/// A contact's place as the tables keep it (a board of four billion contacts is far past
/// what a file can hold; such a place would match no contact).
fn place(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

impl Keys {
    fn add(&mut self, key: &str, i: usize) {
        let (h, i) = (hash(key), place(i));
        match self.first.entry(h) {
            Entry::Vacant(e) => {
                e.insert(i);
            }
            Entry::Occupied(e) if *e.get() == i => {}
            Entry::Occupied(_) => {
                let v = self.more.entry(h).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
    }

    /// The contacts filed under `key` that `has` says really have it, first filed first;
    /// `None` when there are none.
    fn get(&self, key: &str, has: impl Fn(&Contact) -> bool, board: &Board) -> Option<Vec<usize>> {
        let h = hash(key);
        let first = *self.first.get(&h)?;
        let found: Vec<usize> = std::iter::once(first)
            .chain(self.more.get(&h).into_iter().flatten().copied())
            .map(|i| i as usize)
            .filter(|&i| board.contacts.get(i).is_some_and(|c| has(c)))
            .collect();
        (!found.is_empty()).then_some(found)
    }
}

/// What each kind of key is, read from a contact again to check a hash's candidates.
fn has_email(key: &str) -> impl Fn(&Contact) -> bool {
    move |c| {
        c.emails
            .iter()
            .any(|e| email_key(e).as_deref() == Some(key))
    }
}

fn has_profile(key: &str) -> impl Fn(&Contact) -> bool {
    move |c| {
        c.handles
            .iter()
            .any(|h| profile_key(h).as_deref() == Some(key))
    }
}

fn has_site(key: &str) -> impl Fn(&Contact) -> bool {
    move |c| {
        c.handles
            .iter()
            .any(|h| website_key(h).as_deref() == Some(key))
    }
}

fn has_phone(key: &str) -> impl Fn(&Contact) -> bool {
    move |c| {
        c.phones
            .iter()
            .any(|p| phone_key(p).as_deref() == Some(key))
    }
}

fn has_name(key: &str) -> impl Fn(&Contact) -> bool {
    move |c| name_key(&c.name) == key
}

/// Lookup tables over the board. They follow it by position: contacts are only ever
/// added at the end or given more details, never removed or moved, while they are in use.
#[derive(Default)]
pub(super) struct Index {
    ids: Keys,
    uids: Keys,
    emails: Keys,
    profiles: Keys,
    names: Keys,
    phones: Keys,
    sites: Keys,
    /// Contacts from here on were added by this import. Records from rapport's own exports
    /// (they carry an id) never match those by likeness: two contacts of one board stay two.
    first_new: usize,
}

/// How a record relates to the board.
pub(super) enum Found {
    /// The contact it describes, and by what.
    Same(usize, String),
    /// Nobody; perhaps someone who looks alike (the contact, and why).
    New(Option<(usize, String)>),
}

impl Index {
    pub(super) fn new(board: &Board) -> Index {
        let mut ix = Index::default();
        // One id and one name a contact: their tables are sized once.
        ix.ids.first.reserve(board.contacts.len());
        ix.names.first.reserve(board.contacts.len());
        for (i, c) in board.iter().enumerate() {
            ix.insert(c, i);
        }
        ix.first_new = board.contacts.len();
        ix
    }

    /// The contact with rapport id `id`, the earliest where ids collide.
    fn id(&self, board: &Board, id: &str) -> Option<usize> {
        let found = self.ids.get(id, |c| c.id.as_str() == id, board)?;
        found.first().copied()
    }

    pub(super) fn has_id(&self, board: &Board, id: &str) -> bool {
        self.id(board, id).is_some()
    }

    /// Indexes a contact (again, after it gained details).
    pub(super) fn insert(&mut self, c: &Contact, i: usize) {
        self.ids.add(c.id.as_str(), i);
        // A blank source id identifies nothing.
        if let Some(u) = c.uid.as_ref().filter(|u| !u.trim().is_empty()) {
            self.uids.add(u, i);
        }
        for e in c.emails.iter().filter_map(|e| email_key(e)) {
            self.emails.add(&e, i);
        }
        for h in &c.handles {
            if let Some(p) = profile_key(h) {
                self.profiles.add(&p, i);
            } else if let Some(w) = website_key(h) {
                self.sites.add(&w, i);
            }
        }
        for p in c.phones.iter().filter_map(|p| phone_key(p)) {
            self.phones.add(&p, i);
        }
        self.names.add(&name_key(&c.name), i);
    }

    pub(super) fn find(&self, r: &Record, board: &Board) -> Found {
        if let Some(i) = r.id.as_ref().and_then(|id| self.id(board, id)) {
            return Found::Same(i, "id".into());
        }
        // A record from rapport's own export is never matched by likeness to another
        // contact of that same file: they were different contacts there.
        let usable = |i: &usize| r.id.is_none() || *i < self.first_new;
        let d = &r.details;
        // A name made up from another detail cannot disagree with anyone's.
        let agrees =
            |i: usize| r.named_from.is_some() || names_agree(r.name(), &board.contacts[i].name);
        let mut alike: Option<(usize, String)> = None;
        if let Some(u) = r.uid.as_ref().filter(|u| !u.trim().is_empty()) {
            let found: Vec<usize> = self
                .uids
                .get(u, |c| c.uid.as_deref() == Some(u.as_str()), board)
                .unwrap_or_default()
                .into_iter()
                .filter(usable)
                .collect();
            // A long id (a vCard's UUID, a CRM's record id) names one record wherever it
            // comes from, even after a change of name; a short one is often a row number
            // ("1", "2"…) that two unrelated sheets share, so it needs the names to agree.
            let long = source_id_is_unique(u);
            if let Some(&i) = found.iter().find(|&&i| long || agrees(i)) {
                return Found::Same(i, "source id".into());
            }
            if let Some(&i) = found.first() {
                let u = source_id_as_written(u);
                alike = Some((i, format!("same source id {u} under another name")));
            }
        }
        let strong = d
            .emails
            .iter()
            .flatten()
            .filter_map(|e| {
                let k = email_key(e)?;
                let found = self.emails.get(&k, has_email(&k), board);
                Some((k, "email", found))
            })
            .chain(d.handles.iter().flatten().filter_map(|h| {
                let k = profile_key(h)?;
                let found = self.profiles.get(&k, has_profile(&k), board);
                Some((k, "profile", found))
            }));
        for (key, what, found) in strong {
            let Some(found) = found else { continue };
            let found: Vec<usize> = found.into_iter().filter(usable).collect();
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
        let names = self.names.get(&name, has_name(&name), board);
        let strong_keys = d.emails.iter().flatten().any(|e| email_key(e).is_some())
            || d.handles.iter().flatten().any(|h| profile_key(h).is_some());
        if !strong_keys {
            let pool = d
                .phones
                .iter()
                .flatten()
                .find_map(|p| {
                    let k = phone_key(p)?;
                    self.phones.get(&k, has_phone(&k), board)
                })
                .or_else(|| {
                    d.handles.iter().flatten().find_map(|h| {
                        let k = website_key(h)?;
                        self.sites.get(&k, has_site(&k), board)
                    })
                })
                .or_else(|| names.clone());
            if let Some(i) = pool
                .into_iter()
                .flatten()
                .filter(|i| usable(i) && name_key(&board.contacts[*i].name) == name)
                .find(|&i| adds_nothing(r, &board.contacts[i]))
            {
                return Found::Same(i, "same name and details".into());
            }
        }
        if alike.is_none() && r.named_from.is_none() {
            alike = names
                .and_then(|v| v.first().copied())
                .map(|i| (i, "same name".into()));
        }
        if alike.is_none() {
            alike = d
                .phones
                .iter()
                .flatten()
                .find_map(|p| {
                    let k = phone_key(p)?;
                    let found = self.phones.get(&k, has_phone(&k), board)?;
                    let i = found.into_iter().find(|i| usable(i))?;
                    Some((i, format!("same phone {p}")))
                })
                .or_else(|| {
                    d.handles.iter().flatten().find_map(|h| {
                        let k = website_key(h)?;
                        let found = self.sites.get(&k, has_site(&k), board)?;
                        let i = found.into_iter().find(|i| usable(i))?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;
    use chrono::Utc;

    /// A hash names candidates only: a contact filed under a key it does not have (as a
    /// collision would file it) is never found by that key.
    #[test]
    fn two_emails_whose_hashes_really_collide_stay_two_people() {
        // Among a few hundred thousand keys, two 32-bit hashes agree: find such a pair.
        let mut seen = std::collections::HashMap::new();
        let (a, b) = (0..2_000_000)
            .map(|n| format!("p{n}@x.example"))
            .find_map(|k| seen.insert(hash(&k), k.clone()).map(|other| (other, k)))
            .unwrap();
        assert_ne!(a, b);
        assert_eq!(hash(&a), hash(&b));
        let mut board = Board::default();
        let mut keys = Keys::default();
        for (i, email) in [&a, &b].into_iter().enumerate() {
            let mut c = Contact::new(format!("P{i}"), Stage::Dm, Utc::now());
            c.emails.push(email.clone());
            board.add(c);
            keys.add(email, i);
        }
        assert_eq!(keys.get(&a, has_email(&a), &board), Some(vec![0]));
        assert_eq!(keys.get(&b, has_email(&b), &board), Some(vec![1]));
    }

    #[test]
    fn a_hash_collision_finds_nobody_else() {
        let mut board = Board::default();
        for (name, email) in [("Ann Lee", "ann@x.example"), ("Bob Ray", "bob@x.example")] {
            let mut c = Contact::new(name, Stage::Dm, Utc::now());
            c.emails.push(email.into());
            board.add(c);
        }
        let mut keys = Keys::default();
        keys.add("ann@x.example", 0);
        keys.add("ann@x.example", 1);
        let k = "ann@x.example";
        assert_eq!(keys.get(k, has_email(k), &board), Some(vec![0]));
        let k = "cy@x.example";
        assert_eq!(keys.get(k, has_email(k), &board), None);
        keys.add("bob@x.example", 0);
        let k = "bob@x.example";
        assert_eq!(keys.get(k, has_email(k), &board), None);
    }
}
