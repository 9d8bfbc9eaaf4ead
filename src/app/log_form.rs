//! The log form: an interaction with details (channel, who reached out, when, a note).

use super::input::TextInput;
use crate::dates;
use crate::model::{Channel, ContactId, Interaction, Who};
use chrono::{DateTime, Local, NaiveDate, Utc};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogField {
    #[default]
    Channel,
    Who,
    Date,
    Note,
}

impl LogField {
    pub const ALL: [LogField; 4] = [
        LogField::Channel,
        LogField::Who,
        LogField::Date,
        LogField::Note,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LogField::Channel => "Channel",
            LogField::Who => "Who",
            LogField::Date => "When",
            LogField::Note => "Note",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            LogField::Channel => "r reply · d dm · c call · m meeting · e email · o other (or ← →)",
            LogField::Who => "m me · t them (or ← →)",
            LogField::Date => "today, yesterday, -3d, YYYY-MM-DD",
            LogField::Note => "what happened, in a few words",
        }
    }
}

/// Why the log form's date cannot be used; the handler words it (it names keys).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhenError {
    NotADate(dates::DateError),
    /// What happened is logged; what is next is a follow-up.
    Future,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogForm {
    pub id: ContactId,
    pub name: String,
    pub focus: LogField,
    pub channel: Channel,
    pub from: Who,
    pub date: TextInput,
    pub note: TextInput,
    pub error: Option<String>,
    /// The interaction being edited; `None` logs a new one.
    pub editing: Option<Interaction>,
    /// How the form opened, to tell whether anything was changed.
    start_channel: Channel,
    start_from: Who,
    start_date: String,
    start_note: String,
}

impl LogForm {
    pub fn new(id: ContactId, name: String, channel: Channel) -> LogForm {
        LogForm {
            id,
            name,
            focus: LogField::Channel,
            channel,
            from: Who::Me,
            date: TextInput::prefilled("today"),
            note: TextInput::default(),
            error: None,
            editing: None,
            start_channel: channel,
            start_from: Who::Me,
            start_date: "today".into(),
            start_note: String::new(),
        }
    }

    /// A form to correct a logged interaction, filled with it.
    pub fn edit(id: ContactId, name: String, i: &Interaction) -> LogForm {
        let date = i.at.with_timezone(&Local).format("%Y-%m-%d").to_string();
        let note = i.note.clone().unwrap_or_default();
        LogForm {
            id,
            name,
            focus: LogField::Note,
            channel: i.channel,
            from: i.from,
            date: TextInput::prefilled(date.clone()),
            note: TextInput::new(note.clone()),
            error: None,
            editing: Some(i.clone()),
            start_channel: i.channel,
            start_from: i.from,
            start_date: date,
            start_note: note,
        }
    }

    /// Whether anything differs from how the form opened (Esc then asks first).
    pub fn changed(&self) -> bool {
        self.note.value().trim() != self.start_note.trim()
            || self.date.value().trim() != self.start_date
            || self.channel != self.start_channel
            || self.from != self.start_from
    }

    fn index(&self) -> usize {
        LogField::ALL
            .iter()
            .position(|f| *f == self.focus)
            .unwrap_or(0)
    }

    pub fn next_field(&mut self) {
        self.focus = LogField::ALL[(self.index() + 1) % LogField::ALL.len()];
    }

    pub fn prev_field(&mut self) {
        let n = LogField::ALL.len();
        self.focus = LogField::ALL[(self.index() + n - 1) % n];
    }

    pub fn input_mut(&mut self) -> Option<&mut TextInput> {
        match self.focus {
            LogField::Date => Some(&mut self.date),
            LogField::Note => Some(&mut self.note),
            _ => None,
        }
    }

    /// Steps the channel or who-field by one (`forward` = to the right).
    pub fn cycle(&mut self, forward: bool) {
        match self.focus {
            LogField::Channel => {
                let all = Channel::ALL;
                let i = all.iter().position(|c| *c == self.channel).unwrap_or(0);
                let n = all.len();
                self.channel = all[if forward {
                    (i + 1) % n
                } else {
                    (i + n - 1) % n
                }];
            }
            LogField::Who => {
                self.from = match self.from {
                    Who::Me => Who::Them,
                    Who::Them => Who::Me,
                }
            }
            _ => {}
        }
    }

    /// A typed letter on the channel or who row picks by initial.
    pub fn pick(&mut self, c: char) {
        match self.focus {
            LogField::Channel => {
                let c = c.to_ascii_lowercase();
                if c == ' ' {
                    self.cycle(true);
                } else if let Some(ch) = Channel::ALL.iter().find(|ch| ch.id().starts_with(c)) {
                    self.channel = *ch;
                }
            }
            LogField::Who => match c.to_ascii_lowercase() {
                'm' => self.from = Who::Me,
                't' => self.from = Who::Them,
                ' ' => self.cycle(true),
                _ => {}
            },
            _ => {}
        }
    }

    /// The moment to record; on a problem, the date row takes the focus.
    pub fn when(
        &mut self,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<DateTime<Utc>, WhenError> {
        // An edit that leaves the day alone keeps the exact moment.
        if let Some(i) = &self.editing
            && self.date.value().trim() == self.start_date
        {
            return Ok(i.at);
        }
        let day = match dates::parse_date(self.date.value(), today) {
            Ok(d) => d.unwrap_or(today),
            Err(e) => {
                self.focus = LogField::Date;
                return Err(WhenError::NotADate(e));
            }
        };
        if day > today {
            self.focus = LogField::Date;
            return Err(WhenError::Future);
        }
        Ok(dates::moment_on(day, now, &Local))
    }
}
