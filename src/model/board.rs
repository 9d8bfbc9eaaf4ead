mod resolve;

use super::{Contact, ContactId, Stage};
use chrono::{DateTime, NaiveDate, Utc};
pub use resolve::ResolveError;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::hash::{BuildHasher, Hasher};
use std::sync::Arc;

/// The board file format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// Keep-in-touch cadence per stage, in days (0 means no automatic reminder).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cadence {
    #[serde(default = "Cadence::default_casual")]
    pub casual: u32,
    #[serde(default = "Cadence::default_dm")]
    pub dm: u32,
    #[serde(default = "Cadence::default_phone")]
    pub phone: u32,
    #[serde(default = "Cadence::default_meet")]
    pub meet: u32,
}

impl Cadence {
    fn default_casual() -> u32 {
        14
    }
    fn default_dm() -> u32 {
        7
    }
    fn default_phone() -> u32 {
        14
    }
    fn default_meet() -> u32 {
        30
    }

    pub fn for_stage(&self, stage: Stage) -> u32 {
        match stage {
            Stage::Casual => self.casual,
            Stage::Dm => self.dm,
            Stage::Phone => self.phone,
            Stage::Meet => self.meet,
        }
    }
}

impl Default for Cadence {
    fn default() -> Self {
        Cadence {
            casual: Self::default_casual(),
            dm: Self::default_dm(),
            phone: Self::default_phone(),
            meet: Self::default_meet(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(default)]
    pub cadence: Cadence,
}

/// The whole board. Contacts keep the user's order: within a stage, the order of this list
/// is the order of the column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    pub version: u32,
    #[serde(default)]
    pub settings: Settings,
    /// The day of the last completed daily review, and how many days in a row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_review: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub review_streak: u32,
    #[serde(default)]
    /// Shared, copied on write (`Arc::make_mut`): a copy of the board (for the saving thread,
    /// the merge base, undo) costs a pointer per contact, and a change copies only the
    /// contacts it touches.
    pub contacts: Vec<Arc<Contact>>,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Default for Board {
    fn default() -> Self {
        Board {
            version: FORMAT_VERSION,
            settings: Settings::default(),
            last_review: None,
            review_streak: 0,
            contacts: Vec::new(),
        }
    }
}

/// What `Board::validate` checks of each contact on its own: a name, and dates in the
/// years rapport accepts.
pub fn validate_contact(c: &Contact) -> Result<(), String> {
    if c.name.trim().is_empty() {
        return Err(format!(
            "the contact with id \"{}\" has an empty name",
            c.id
        ));
    }
    let day = |t: &DateTime<Utc>| t.date_naive();
    let dates = std::iter::once(day(&c.created))
        .chain(c.next_follow_up)
        .chain(c.interactions.iter().map(|i| day(&i.at)))
        .chain(c.stage_history.iter().map(|h| day(&h.at)));
    for d in dates {
        if !crate::dates::in_range(d) {
            return Err(format!(
                "\"{}\" has the date {d}, outside the years {} to {} rapport accepts",
                c.name,
                crate::dates::YEARS.start(),
                crate::dates::YEARS.end()
            ));
        }
    }
    Ok(())
}

impl Board {
    /// Every contact, in board order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = &Contact> + ExactSizeIterator {
        self.contacts.iter().map(|c| &**c)
    }

    pub fn index_of(&self, id: &ContactId) -> Option<usize> {
        self.iter().position(|c| &c.id == id)
    }

    pub fn get(&self, id: &ContactId) -> Option<&Contact> {
        self.iter().find(|c| &c.id == id)
    }

    pub fn get_mut(&mut self, id: &ContactId) -> Option<&mut Contact> {
        self.contacts
            .iter_mut()
            .find(|c| &c.id == id)
            .map(Arc::make_mut)
    }

    /// The contacts of one column, in column order (not those in the inbox or archive).
    pub fn in_stage(&self, stage: Stage) -> impl Iterator<Item = &Contact> {
        self.iter()
            .filter(move |c| c.stage == stage && c.on_board())
    }

    /// Contacts per column, in stage order (the inbox and the archive are not counted).
    pub fn counts(&self) -> [usize; 4] {
        let mut n = [0; 4];
        for c in self.iter().filter(|c| c.on_board()) {
            n[c.stage.index()] += 1;
        }
        n
    }

    /// Contacts waiting in the inbox, in the order they arrived.
    pub fn inbox(&self) -> impl Iterator<Item = &Contact> {
        self.iter().filter(|c| c.inbox && c.archived.is_none())
    }

    /// Archived contacts, in board order.
    pub fn archived(&self) -> impl Iterator<Item = &Contact> {
        self.iter().filter(|c| c.archived.is_some())
    }

    /// Adds a contact to the inbox (for imports and `add --inbox`): in no column and never
    /// due until triage places it. Gives it an id as `add` does.
    pub fn add_to_inbox(&mut self, mut contact: Contact) -> ContactId {
        contact.put_in_inbox();
        self.add(contact)
    }

    /// A fresh id no contact on this board has.
    pub fn new_id(&self) -> ContactId {
        let taken: HashSet<&str> = self.iter().map(|c| c.id.as_str()).collect();
        fresh_id(|id| taken.contains(id))
    }

    /// Appends a contact whose id the caller has already made unique (bulk imports keep
    /// their own index of ids, which makes this constant-time).
    pub fn push_unchecked(&mut self, contact: Contact) {
        self.contacts.push(Arc::new(contact));
    }

    /// Adds a contact at the end of its stage, giving it an id if it has none (or a taken one).
    pub fn add(&mut self, mut contact: Contact) -> ContactId {
        if contact.id.0.is_empty() || self.get(&contact.id).is_some() {
            contact.id = self.new_id();
        }
        let id = contact.id.clone();
        self.contacts.push(Arc::new(contact));
        id
    }

    pub fn remove(&mut self, id: &ContactId) -> Option<Contact> {
        let i = self.index_of(id)?;
        Some(Arc::unwrap_or_clone(self.contacts.remove(i)))
    }

    /// Moves a contact to another stage, at the end of that column. Returns false if the
    /// contact is unknown or already there.
    pub fn move_to(&mut self, id: &ContactId, stage: Stage, at: DateTime<Utc>) -> bool {
        let Some(i) = self.index_of(id) else {
            return false;
        };
        if self.contacts[i].stage == stage {
            return false;
        }
        let mut c = self.contacts.remove(i);
        Arc::make_mut(&mut c).set_stage(stage, at);
        self.contacts.push(c);
        true
    }

    /// Swaps a contact with its neighbour in the same column (`up` = towards the top).
    /// Returns false at the edge of the column.
    pub fn reorder(&mut self, id: &ContactId, up: bool) -> bool {
        let Some(i) = self.index_of(id) else {
            return false;
        };
        let stage = self.contacts[i].stage;
        let same = |c: &Contact| c.stage == stage && c.on_board();
        let other = if up {
            self.contacts[..i].iter().rposition(|c| same(c))
        } else {
            self.contacts[i + 1..]
                .iter()
                .position(|c| same(c))
                .map(|p| p + i + 1)
        };
        match other {
            Some(j) => {
                self.contacts.swap(i, j);
                true
            }
            None => false,
        }
    }

    /// Contacts that share an email or a handle with `c` (by value, any case; a handle with
    /// or without its `@`): adding `c` would likely make a duplicate of them.
    pub fn same_address(&self, c: &Contact) -> Vec<&Contact> {
        let norm = |s: &str| crate::text::fold(s.trim().trim_start_matches('@'));
        let mine: Vec<String> = c
            .emails
            .iter()
            .chain(&c.handles)
            .map(|s| norm(s))
            .filter(|s| !s.is_empty())
            .collect();
        if mine.is_empty() {
            return Vec::new();
        }
        self.iter()
            .filter(|o| o.id != c.id)
            .filter(|o| {
                o.emails
                    .iter()
                    .chain(&o.handles)
                    .any(|s| mine.contains(&norm(s)))
            })
            .collect()
    }

    /// Checks what the type system cannot: unique, non-empty ids and non-empty names.
    pub fn validate(&self) -> Result<(), String> {
        self.validate_ids()?;
        self.iter().try_for_each(validate_contact)
    }

    /// The part of `validate` that looks at the board as a whole: every id is there and
    /// unique. (`validate_contact` is the rest, one contact at a time.)
    pub fn validate_ids(&self) -> Result<(), String> {
        let mut seen = rustc_hash::FxHashSet::with_capacity_and_hasher(
            self.contacts.len(),
            Default::default(),
        );
        for (i, c) in self.iter().enumerate() {
            if c.id.0.trim().is_empty() {
                return Err(format!("contact number {} has an empty id", i + 1));
            }
            if !seen.insert(c.id.as_str()) {
                return Err(format!(
                    "two contacts share the id \"{}\" (the second is \"{}\"); ids must be unique",
                    c.id, c.name
                ));
            }
        }
        Ok(())
    }

    /// Shifts every timestamp and date on the board, so a sample board stays fresh.
    pub fn shift_dates(&mut self, by: chrono::Duration) {
        let shift_date = |d: NaiveDate| d.checked_add_signed(by).unwrap_or(d);
        let shift_at = |t: DateTime<Utc>| t.checked_add_signed(by).unwrap_or(t);
        for c in &mut self.contacts {
            let c = Arc::make_mut(c);
            c.created = shift_at(c.created);
            c.next_follow_up = c.next_follow_up.map(shift_date);
            for h in &mut c.stage_history {
                h.at = shift_at(h.at);
            }
            for i in &mut c.interactions {
                i.at = shift_at(i.at);
            }
        }
        self.last_review = self.last_review.map(shift_date);
    }
}

/// A random short id for which `taken` says no.
pub fn fresh_id(taken: impl Fn(&str) -> bool) -> ContactId {
    let seed = std::collections::hash_map::RandomState::new();
    let mut n: u64 = 0;
    loop {
        let mut h = seed.build_hasher();
        h.write_u64(n);
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        let id = base32(h.finish(), 8);
        if !taken(&id) {
            return ContactId(id);
        }
        n += 1;
    }
}

/// Lower-case base32 (no vowels that spell words by accident is overkill; plain Crockford).
fn base32(mut v: u64, len: usize) -> String {
    const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
    let mut s = String::with_capacity(len);
    for _ in 0..len {
        s.push(ALPHABET[(v & 31) as usize] as char);
        v >>= 5;
    }
    s
}

#[cfg(test)]
mod tests;
