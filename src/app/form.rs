//! The add/edit contact form.

use super::input::TextInput;
use crate::dates;
use crate::model::{Contact, ContactId, Kind, Stage};
use chrono::NaiveDate;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
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

    pub fn label(self) -> &'static str {
        match self {
            Field::Name => "Name",
            Field::Handles => "Handles",
            Field::Emails => "Emails",
            Field::Phones => "Phones",
            Field::Company => "Company",
            Field::Cadence => "Cadence",
            Field::Kinds => "Kinds",
            Field::Tags => "Tags",
            Field::FollowUp => "Follow-up",
            Field::Notes => "Notes",
        }
    }

    /// What the field accepts, shown under the form while it is focused.
    pub fn help(self) -> &'static str {
        match self {
            Field::Name => "required",
            Field::Handles => "comma-separated: @handle, profile URL",
            Field::Emails => "comma-separated",
            Field::Phones => "comma-separated",
            Field::Company => "where they work",
            Field::Cadence => {
                "days between follow-ups; empty: the stage's default, 0: no reminders"
            }
            Field::Kinds => "press c p r v a f (or 1–6) to toggle",
            Field::Tags => "comma-separated",
            Field::FollowUp => "YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, mon…sun; empty: none",
            Field::Notes => "free text",
        }
    }

    fn index(self) -> usize {
        Field::ALL.iter().position(|f| *f == self).unwrap_or(0)
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
    pub name: TextInput,
    pub handles: TextInput,
    pub emails: TextInput,
    pub phones: TextInput,
    pub company: TextInput,
    pub kinds: BTreeSet<Kind>,
    pub tags: TextInput,
    pub follow_up: TextInput,
    pub cadence: TextInput,
    pub notes: TextInput,
    pub error: Option<String>,
}

/// What a valid form yields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormValues {
    pub name: String,
    pub handles: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub company: Option<String>,
    pub kinds: BTreeSet<Kind>,
    pub tags: Vec<String>,
    pub follow_up: Option<NaiveDate>,
    pub cadence: Option<u32>,
    pub notes: String,
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
            focus: Field::Name,
            name: TextInput::new(c.name.clone()),
            handles: TextInput::new(c.handles.join(", ")),
            emails: TextInput::new(c.emails.join(", ")),
            phones: TextInput::new(c.phones.join(", ")),
            company: TextInput::new(c.company.clone().unwrap_or_default()),
            cadence: TextInput::new(c.cadence_days.map(|d| d.to_string()).unwrap_or_default()),
            kinds: c.kinds.clone(),
            tags: TextInput::new(c.tags.join(", ")),
            follow_up: TextInput::new(
                c.next_follow_up
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ),
            notes: TextInput::new(c.notes.clone()),
            error: None,
        }
    }

    /// The text field in focus; `None` on the kinds row.
    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self.focus {
            Field::Name => Some(&mut self.name),
            Field::Handles => Some(&mut self.handles),
            Field::Emails => Some(&mut self.emails),
            Field::Phones => Some(&mut self.phones),
            Field::Company => Some(&mut self.company),
            Field::Cadence => Some(&mut self.cadence),
            Field::Kinds => None,
            Field::Tags => Some(&mut self.tags),
            Field::FollowUp => Some(&mut self.follow_up),
            Field::Notes => Some(&mut self.notes),
        }
    }

    pub fn input(&self, f: Field) -> Option<&TextInput> {
        match f {
            Field::Name => Some(&self.name),
            Field::Handles => Some(&self.handles),
            Field::Emails => Some(&self.emails),
            Field::Phones => Some(&self.phones),
            Field::Company => Some(&self.company),
            Field::Cadence => Some(&self.cadence),
            Field::Kinds => None,
            Field::Tags => Some(&self.tags),
            Field::FollowUp => Some(&self.follow_up),
            Field::Notes => Some(&self.notes),
        }
    }

    pub fn next_field(&mut self) {
        self.focus = Field::ALL[(self.focus.index() + 1) % Field::ALL.len()];
    }

    pub fn prev_field(&mut self) {
        let n = Field::ALL.len();
        self.focus = Field::ALL[(self.focus.index() + n - 1) % n];
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

    /// Checks the form; on a problem, focuses the field and returns the message.
    pub fn validate(&mut self, today: NaiveDate) -> Result<FormValues, String> {
        let name = self.name.value().trim().to_string();
        if name.is_empty() {
            self.focus = Field::Name;
            return Err("A name is needed.".into());
        }
        let follow_up = match dates::parse_date(self.follow_up.value(), today) {
            Ok(d) => d,
            Err(e) => {
                self.focus = Field::FollowUp;
                let mut msg = e.to_string();
                if let Some(first) = msg.get_mut(0..1) {
                    first.make_ascii_uppercase();
                }
                return Err(msg);
            }
        };
        let cadence = match crate::dates::parse_cadence(self.cadence.value()) {
            Ok(c) => c,
            Err(e) => {
                self.focus = Field::Cadence;
                return Err(e.to_string());
            }
        };
        let company = self.company.value().trim();
        Ok(FormValues {
            name,
            handles: split_list(self.handles.value()),
            emails: split_list(self.emails.value()),
            phones: split_list(self.phones.value()),
            company: (!company.is_empty()).then(|| company.to_string()),
            kinds: self.kinds.clone(),
            tags: split_list(self.tags.value()),
            follow_up,
            cadence,
            notes: self.notes.value().to_string(),
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
        f.name = TextInput::new("  Becky ");
        f.follow_up = TextInput::new("later");
        assert!(f.validate(today).unwrap_err().starts_with("\"later\""));
        assert_eq!(f.focus, Field::FollowUp);
        f.follow_up = TextInput::new("+3d");
        f.cadence = TextInput::new("often");
        assert!(f.validate(today).unwrap_err().contains("not a cadence"));
        assert_eq!(f.focus, Field::Cadence);
        f.cadence = TextInput::new("10");
        f.handles = TextInput::new("@b, , https://x.com/b, @b");
        assert!(f.toggle_kind('p'));
        assert!(f.toggle_kind('6'));
        assert!(f.toggle_kind('6'));
        assert!(!f.toggle_kind('z'));
        let v = f.validate(today).unwrap();
        assert_eq!(v.name, "Becky");
        assert_eq!(v.handles, ["@b", "https://x.com/b"]);
        assert_eq!(v.follow_up, NaiveDate::from_ymd_opt(2026, 11, 30));
        assert_eq!(v.kinds.into_iter().collect::<Vec<_>>(), [Kind::Prospect]);
        assert_eq!(v.cadence, Some(10));
    }
}
