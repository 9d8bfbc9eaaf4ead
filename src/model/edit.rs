//! A contact's editable details, declared once. The form, `rapport add`/`edit` and import
//! all describe what they set as a `ContactEdit`; `apply` (replace) and `fill` (add what is
//! missing) are the only code that writes those fields. Adding a field starts here.

use super::{Contact, Kind};
use crate::text::clean_list;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::ops::Deref;

/// The details a person edits, in the order the form shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Field {
    #[default]
    Name,
    Handles,
    Emails,
    Phones,
    Company,
    Kinds,
    Tags,
    FollowUp,
    Cadence,
    Notes,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Name,
        Field::Handles,
        Field::Emails,
        Field::Phones,
        Field::Company,
        Field::Kinds,
        Field::Tags,
        Field::FollowUp,
        Field::Cadence,
        Field::Notes,
    ];

    /// The label a person reads: "Name", "Follow-up".
    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Handles => "Handles",
            Field::Emails => "Emails",
            Field::Phones => "Phones",
            Field::Company => "Company",
            Field::Kinds => "Kinds",
            Field::Tags => "Tags",
            Field::FollowUp => "Follow-up",
            Field::Cadence => "Cadence",
            Field::Notes => "Notes",
        }
    }

    /// The word used in messages ("changed name, tags").
    pub fn word(self) -> &'static str {
        match self {
            Field::Name => "name",
            Field::Handles => "handles",
            Field::Emails => "emails",
            Field::Phones => "phones",
            Field::Company => "company",
            Field::Kinds => "kinds",
            Field::Tags => "tags",
            Field::FollowUp => "follow-up",
            Field::Cadence => "cadence",
            Field::Notes => "notes",
        }
    }

    /// Whether the field holds a list (comma-separated where it is typed on one line).
    pub fn is_list(self) -> bool {
        matches!(
            self,
            Field::Handles | Field::Emails | Field::Phones | Field::Tags
        )
    }
}

/// A change to a contact's details: each `Some` sets that field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContactEdit {
    pub name: Option<String>,
    pub handles: Option<Vec<String>>,
    pub emails: Option<Vec<String>>,
    pub phones: Option<Vec<String>>,
    pub company: Option<Option<String>>,
    pub kinds: Option<BTreeSet<Kind>>,
    pub tags: Option<Vec<String>>,
    pub follow_up: Option<Option<NaiveDate>>,
    pub cadence: Option<Option<u32>>,
    pub notes: Option<String>,
}

/// Stores `new` in `slot` if it differs; records the field.
fn set<T: PartialEq>(slot: &mut T, new: T, field: Field, changed: &mut Vec<Field>) {
    if *slot != new {
        *slot = new;
        changed.push(field);
    }
}

/// How two values of a list field are recognised as one.
type Same = fn(&str, &str) -> bool;

/// Adds the values `into` lacks (by `same`, ignoring the spaces around a value, as `from`
/// has none); whether it added any.
fn add_missing(into: &mut dyn List, from: &[String], same: Same) -> bool {
    let mut added = false;
    for f in from {
        if !into.items().iter().any(|x| same(x.trim(), f)) {
            into.add(f.clone());
            added = true;
        }
    }
    added
}

/// A contact's list of text, kept as a `Vec` (emails, phones: most contacts have one) or a
/// `ThinVec` (handles, tags: most have none).
trait List {
    fn items(&self) -> &[String];
    fn add(&mut self, item: String);
    fn replace(&mut self, items: Vec<String>);
}

impl<L> List for L
where
    L: Deref<Target = [String]> + Extend<String> + From<Vec<String>>,
{
    fn items(&self) -> &[String] {
        self
    }
    fn add(&mut self, item: String) {
        self.extend([item]);
    }
    fn replace(&mut self, items: Vec<String>) {
        *self = items.into();
    }
}

/// A handle without its scheme, `www.` and trailing slash, lower-cased: how two spellings of
/// one profile are recognised as the same.
pub fn norm_handle(h: &str) -> String {
    h.trim()
        .trim_end_matches('/')
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .to_lowercase()
}

/// The digits of a phone number: "+1 (555) 010-0" and "15550100" are one number.
pub fn phone_digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

impl ContactEdit {
    /// Every field set to the contact's current value: what an edit form starts from.
    pub fn from_contact(c: &Contact) -> ContactEdit {
        ContactEdit {
            name: Some(c.name.clone()),
            handles: Some(c.handles.to_vec()),
            emails: Some(c.emails.clone()),
            phones: Some(c.phones.clone()),
            company: Some(c.company.clone()),
            kinds: Some(c.kinds.clone()),
            tags: Some(c.tags.to_vec()),
            follow_up: Some(c.next_follow_up),
            cadence: Some(c.cadence_days),
            notes: Some(c.notes.clone()),
        }
    }

    /// Only the fields that differ from `before` (what a form started from): so saving a
    /// form writes what the user changed, not the values it showed, and a change made
    /// elsewhere to another field while the form was open survives.
    pub fn changes_from(&self, before: &ContactEdit) -> ContactEdit {
        fn keep<T: PartialEq + Clone>(now: &Option<T>, before: &Option<T>) -> Option<T> {
            if now == before { None } else { now.clone() }
        }
        ContactEdit {
            name: keep(&self.name, &before.name),
            handles: keep(&self.handles, &before.handles),
            emails: keep(&self.emails, &before.emails),
            phones: keep(&self.phones, &before.phones),
            company: keep(&self.company, &before.company),
            kinds: keep(&self.kinds, &before.kinds),
            tags: keep(&self.tags, &before.tags),
            follow_up: keep(&self.follow_up, &before.follow_up),
            cadence: keep(&self.cadence, &before.cadence),
            notes: keep(&self.notes, &before.notes),
        }
    }

    /// Sets every given field, tidied (names and the company trimmed, an empty company is
    /// none, lists trimmed without blanks or repeats); returns the fields that changed. An
    /// empty name is ignored: every contact keeps one (callers say why they refuse it).
    pub fn apply(&self, c: &mut Contact) -> Vec<Field> {
        let mut changed = Vec::new();
        if let Some(n) = self
            .name
            .as_deref()
            .map(str::trim)
            .filter(|n| !n.is_empty())
        {
            set(&mut c.name, n.to_string(), Field::Name, &mut changed);
        }
        let lists: [(_, &mut dyn List, _); 4] = [
            (&self.handles, &mut c.handles, Field::Handles),
            (&self.emails, &mut c.emails, Field::Emails),
            (&self.phones, &mut c.phones, Field::Phones),
            (&self.tags, &mut c.tags, Field::Tags),
        ];
        for (given, slot, field) in lists {
            if let Some(v) = given {
                let v = clean_list(v);
                if slot.items() != v.as_slice() {
                    slot.replace(v);
                    changed.push(field);
                }
            }
        }
        if let Some(co) = &self.company {
            let co = co.as_deref().map(str::trim).filter(|s| !s.is_empty());
            set(
                &mut c.company,
                co.map(str::to_string),
                Field::Company,
                &mut changed,
            );
        }
        if let Some(k) = &self.kinds {
            set(&mut c.kinds, k.clone(), Field::Kinds, &mut changed);
        }
        if let Some(d) = self.follow_up {
            set(&mut c.next_follow_up, d, Field::FollowUp, &mut changed);
        }
        if let Some(d) = self.cadence {
            set(&mut c.cadence_days, d, Field::Cadence, &mut changed);
        }
        if let Some(n) = &self.notes {
            set(&mut c.notes, n.clone(), Field::Notes, &mut changed);
        }
        changed.sort();
        changed
    }

    /// Fills what the contact lacks and adds list entries it does not have yet (handles
    /// compared without scheme and case, emails and tags without case, phones by their
    /// digits); never overwrites. The name and cadence are left alone. Returns the fields
    /// that changed.
    pub fn fill(&self, c: &mut Contact) -> Vec<Field> {
        let mut changed = Vec::new();
        let mut list = |given: &Option<Vec<String>>, slot: &mut dyn List, field, same: Same| {
            if let Some(v) = given
                && add_missing(slot, &clean_list(v), same)
            {
                changed.push(field);
            }
        };
        list(&self.handles, &mut c.handles, Field::Handles, |a, b| {
            norm_handle(a) == norm_handle(b)
        });
        list(&self.emails, &mut c.emails, Field::Emails, |a, b| {
            a.eq_ignore_ascii_case(b)
        });
        list(&self.phones, &mut c.phones, Field::Phones, |a, b| {
            phone_digits(a) == phone_digits(b)
        });
        list(&self.tags, &mut c.tags, Field::Tags, |a, b| {
            a.eq_ignore_ascii_case(b)
        });
        if c.company.is_none()
            && let Some(Some(co)) = &self.company
            && !co.trim().is_empty()
        {
            c.company = Some(co.trim().to_string());
            changed.push(Field::Company);
        }
        if let Some(kinds) = &self.kinds {
            let before = c.kinds.len();
            c.kinds.extend(kinds.iter().copied());
            if c.kinds.len() != before {
                changed.push(Field::Kinds);
            }
        }
        if c.next_follow_up.is_none()
            && let Some(Some(d)) = self.follow_up
        {
            c.next_follow_up = Some(d);
            changed.push(Field::FollowUp);
        }
        // Blank notes (spaces only) count as none, but the same text is no change.
        if c.notes.trim().is_empty()
            && let Some(n) = self
                .notes
                .as_ref()
                .filter(|n| !n.is_empty() && **n != c.notes)
        {
            c.notes = n.clone();
            changed.push(Field::Notes);
        }
        changed.sort();
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Stage;
    use chrono::{TimeZone, Utc};

    fn contact() -> Contact {
        Contact::new(
            "Ann",
            Stage::Casual,
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
        )
    }

    #[test]
    fn apply_tidies_and_reports_what_changed() {
        let mut c = contact();
        let edit = ContactEdit {
            name: Some("  Ann Lee ".into()),
            handles: Some(vec![" @ann".into(), "".into(), "@ann".into()]),
            company: Some(Some("  ".into())),
            cadence: Some(Some(10)),
            ..ContactEdit::default()
        };
        assert_eq!(
            edit.apply(&mut c),
            [Field::Name, Field::Handles, Field::Cadence]
        );
        assert_eq!(c.name, "Ann Lee");
        assert_eq!(c.handles, ["@ann"]);
        assert_eq!(c.company, None);
        assert!(
            edit.apply(&mut c).is_empty(),
            "the same edit twice changes nothing"
        );
        let blank = ContactEdit {
            name: Some("   ".into()),
            ..ContactEdit::default()
        };
        assert!(blank.apply(&mut c).is_empty());
        assert_eq!(c.name, "Ann Lee");
    }

    #[test]
    fn from_contact_applied_is_no_change() {
        let mut c = contact();
        c.tags = thin_vec::thin_vec!["a".into()];
        c.next_follow_up = chrono::NaiveDate::from_ymd_opt(2026, 2, 1);
        let edit = ContactEdit::from_contact(&c);
        assert!(edit.apply(&mut c.clone()).is_empty());
    }

    #[test]
    fn fill_adds_what_is_missing_and_never_overwrites() {
        let mut c = contact();
        c.handles = thin_vec::thin_vec!["https://x.com/Ann/".into()];
        c.phones = vec!["+1 (555) 0100".into()];
        c.notes = "met at the fair".into();
        let edit = ContactEdit {
            name: Some("Someone Else".into()),
            handles: Some(vec!["x.com/ann".into(), "@ann".into()]),
            phones: Some(vec!["15550100".into()]),
            company: Some(Some("Acme".into())),
            notes: Some("other notes".into()),
            ..ContactEdit::default()
        };
        assert_eq!(edit.fill(&mut c), [Field::Handles, Field::Company]);
        assert_eq!(c.name, "Ann");
        assert_eq!(c.handles, ["https://x.com/Ann/", "@ann"]);
        assert_eq!(c.phones.len(), 1);
        assert_eq!(c.notes, "met at the fair");
        assert!(edit.fill(&mut c).is_empty(), "idempotent");
    }
}
