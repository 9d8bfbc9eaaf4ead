//! The add/edit contact form: one text input per field of `model::Field` (the kinds row is
//! toggled, not typed), read back into a `ContactEdit`.

use super::input::TextInput;
use crate::dates;
use crate::model::{Contact, ContactEdit, ContactId, Field, Kind, Stage};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// What a field accepts, shown under the form while it is focused.
pub fn help(f: Field) -> &'static str {
    match f {
        Field::Name => "required",
        Field::Handles => "comma-separated: @handle, profile URL",
        Field::Emails | Field::Phones | Field::Tags => "comma-separated",
        Field::Company => "where they work",
        Field::Cadence => "days between follow-ups; empty: the stage's default, 0: no reminders",
        Field::Kinds => "press c p r v a f (or 1–6) to toggle",
        Field::FollowUp => "YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, mon…sun; empty: none",
        Field::Notes => "free text",
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormTarget {
    New(Stage),
    Edit(ContactId),
}

impl Default for FormTarget {
    fn default() -> Self {
        FormTarget::New(Stage::Casual)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FormState {
    pub target: FormTarget,
    pub focus: Field,
    /// One input per field, in `Field::ALL` order; the kinds row's stays empty.
    inputs: [TextInput; Field::ALL.len()],
    pub kinds: BTreeSet<Kind>,
    pub error: Option<String>,
    /// The contact when the form opened (editing): saving writes only what differs from
    /// it, merged with whatever changed elsewhere meanwhile.
    pub original: Option<Box<Contact>>,
    /// The user said yes to a follow-up date in the past.
    pub past_ok: bool,
    /// The user said yes to adding a contact that shares an email or handle.
    pub duplicate_ok: bool,
}

fn slot(f: Field) -> usize {
    Field::ALL.iter().position(|x| *x == f).unwrap_or(0)
}

/// How a field's current value is typed into the form.
fn as_text(c: &Contact, f: Field) -> String {
    match f {
        Field::Name => c.name.clone(),
        Field::Handles => c.handles.join(", "),
        Field::Emails => c.emails.join(", "),
        Field::Phones => c.phones.join(", "),
        Field::Company => c.company.clone().unwrap_or_default(),
        Field::Kinds => String::new(),
        Field::Tags => c.tags.join(", "),
        Field::FollowUp => c
            .next_follow_up
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        Field::Cadence => c.cadence_days.map(|d| d.to_string()).unwrap_or_default(),
        Field::Notes => c.notes.clone(),
    }
}

fn split_list(s: &str) -> Vec<String> {
    crate::text::clean_list(s.split(','))
}

impl FormState {
    pub fn new_contact(stage: Stage) -> FormState {
        FormState {
            target: FormTarget::New(stage),
            ..FormState::default()
        }
    }

    pub fn edit(c: &Contact) -> FormState {
        FormState {
            target: FormTarget::Edit(c.id.clone()),
            inputs: Field::ALL.map(|f| TextInput::new(as_text(c, f))),
            kinds: c.kinds.clone(),
            original: Some(Box::new(c.clone())),
            ..FormState::default()
        }
    }

    /// The text input of a field; `None` for the kinds row.
    pub fn input(&self, f: Field) -> Option<&TextInput> {
        (f != Field::Kinds).then(|| &self.inputs[slot(f)])
    }

    /// The text field in focus; `None` on the kinds row.
    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        let f = self.focus;
        (f != Field::Kinds).then(|| &mut self.inputs[slot(f)])
    }

    /// Puts text into a field (tests and callers that prefill).
    pub fn set(&mut self, f: Field, text: impl Into<String>) {
        self.inputs[slot(f)] = TextInput::new(text);
    }

    fn value(&self, f: Field) -> &str {
        self.inputs[slot(f)].value()
    }

    pub fn next_field(&mut self) {
        self.focus = Field::ALL[(slot(self.focus) + 1) % Field::ALL.len()];
    }

    pub fn prev_field(&mut self) {
        let n = Field::ALL.len();
        self.focus = Field::ALL[(slot(self.focus) + n - 1) % n];
    }

    /// Whether anything was typed or toggled: for a new contact, any field at all; for an
    /// edit, any field that differs from the contact as the form opened (Esc then asks).
    pub fn changed(&self) -> bool {
        match &self.original {
            Some(c) => {
                self.kinds != c.kinds
                    || Field::ALL
                        .iter()
                        .any(|f| *f != Field::Kinds && self.value(*f) != as_text(c, *f))
            }
            None => {
                !self.kinds.is_empty()
                    || Field::ALL.iter().any(|f| !self.value(*f).trim().is_empty())
            }
        }
    }

    /// A typed character on the kinds row toggles a kind by its initial or number.
    pub fn toggle_kind(&mut self, c: char) -> bool {
        let kind = match c.to_ascii_lowercase() {
            'c' | '1' => Kind::Customer,
            'p' | '2' => Kind::Prospect,
            'r' | '3' => Kind::ReferralPartner,
            'v' | '4' => Kind::Vendor,
            'a' | '5' => Kind::Advocate,
            'f' | '6' => Kind::Friend,
            _ => return false,
        };
        if !self.kinds.remove(&kind) {
            self.kinds.insert(kind);
        }
        true
    }

    /// Checks the form and reads it as an edit: every field for a new contact, the fields
    /// the user changed for an existing one. On a problem, focuses the field and returns
    /// the message.
    pub fn validate(&mut self, today: NaiveDate) -> Result<ContactEdit, String> {
        let all = self.read(today)?;
        Ok(match &self.original {
            Some(before) => all.changes_from(&ContactEdit::from_contact(before)),
            None => all,
        })
    }

    fn read(&mut self, today: NaiveDate) -> Result<ContactEdit, String> {
        let name = self.value(Field::Name).trim().to_string();
        if name.is_empty() {
            self.focus = Field::Name;
            return Err("A name is needed.".into());
        }
        let follow_up = match dates::parse_date(self.value(Field::FollowUp), today) {
            Ok(d) => d,
            Err(e) => {
                self.focus = Field::FollowUp;
                return Err(crate::text::capitalised(&e.to_string()));
            }
        };
        let cadence = match dates::parse_cadence(self.value(Field::Cadence)) {
            Ok(c) => c,
            Err(e) => {
                self.focus = Field::Cadence;
                return Err(e.to_string());
            }
        };
        let company = self.value(Field::Company).trim();
        Ok(ContactEdit {
            name: Some(name),
            handles: Some(split_list(self.value(Field::Handles))),
            emails: Some(split_list(self.value(Field::Emails))),
            phones: Some(split_list(self.value(Field::Phones))),
            company: Some((!company.is_empty()).then(|| company.to_string())),
            kinds: Some(self.kinds.clone()),
            tags: Some(split_list(self.value(Field::Tags))),
            follow_up: Some(follow_up),
            cadence: Some(cadence),
            notes: Some(self.value(Field::Notes).to_string()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tab_cycles_all_fields_both_ways() {
        let mut f = FormState::new_contact(Stage::Dm);
        let mut seen = vec![f.focus];
        for _ in 0..Field::ALL.len() - 1 {
            f.next_field();
            seen.push(f.focus);
        }
        assert_eq!(seen, Field::ALL);
        f.next_field();
        assert_eq!(f.focus, Field::Name);
        f.prev_field();
        assert_eq!(f.focus, Field::Notes);
    }

    #[test]
    fn validation_points_at_the_problem() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let mut f = FormState::new_contact(Stage::Casual);
        f.focus = Field::Tags;
        assert_eq!(f.validate(today).unwrap_err(), "A name is needed.");
        assert_eq!(f.focus, Field::Name);
        f.set(Field::Name, "  Becky ");
        f.set(Field::FollowUp, "later");
        assert!(f.validate(today).unwrap_err().starts_with("\"later\""));
        assert_eq!(f.focus, Field::FollowUp);
        f.set(Field::FollowUp, "+3d");
        f.set(Field::Cadence, "often");
        assert!(f.validate(today).unwrap_err().contains("not a cadence"));
        assert_eq!(f.focus, Field::Cadence);
        f.set(Field::Cadence, "10");
        f.set(Field::Handles, "@b, , https://x.com/b, @b");
        assert!(f.toggle_kind('p'));
        assert!(f.toggle_kind('6'));
        assert!(f.toggle_kind('6'));
        assert!(!f.toggle_kind('z'));
        let v = f.validate(today).unwrap();
        assert_eq!(v.name.as_deref(), Some("Becky"));
        assert_eq!(v.handles.unwrap(), ["@b", "https://x.com/b"]);
        assert_eq!(v.follow_up, Some(NaiveDate::from_ymd_opt(2026, 11, 30)));
        assert_eq!(
            v.kinds.unwrap().into_iter().collect::<Vec<_>>(),
            [Kind::Prospect]
        );
        assert_eq!(v.cadence, Some(Some(10)));
    }
}
