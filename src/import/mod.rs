//! Bringing contacts in: vCard (2.1, 3.0, 4.0) and CSV (Google, Outlook, LinkedIn, rapport's
//! own export, simple name/email/… sheets), merged into the board without duplicates.
//!
//! `decode` turns file bytes into text; `parse` is pure (text in, records and skipped lines
//! out); `merge` applies records to a board. The caller saves once, so an import is one
//! atomic write.

mod csv;
mod decode;
mod merge;
mod vcard;

pub use decode::{DecodeError, decode};
pub use merge::{Report, merge};

use crate::dates::DateError;
use crate::model::{ContactEdit, Stage, UnknownId};
use crate::text::clean_list;
use chrono::{DateTime, NaiveDate, Utc};

/// One contact as a file describes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// Where it starts in the file (1-based), for messages.
    pub line: usize,
    /// The details the file gives (`None` where it says nothing): applied to a new contact,
    /// filled into a known one.
    pub details: ContactEdit,
    /// The contact's id in a file rapport exported.
    pub id: Option<String>,
    /// A vCard's UID, kept so a later import of the same card finds the contact again.
    pub uid: Option<String>,
    /// Where a new contact lands, when the file says (rapport's own exports).
    pub stage: Option<Stage>,
    pub created: Option<DateTime<Utc>>,
}

impl Record {
    /// The name the file gives (parsing refuses records without one).
    pub fn name(&self) -> &str {
        self.details.name.as_deref().unwrap_or("")
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: SkipReason,
}

/// Why a card or row was not imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SkipReason {
    #[error("the card has no END:VCARD (it may have been cut off)")]
    CardCutOff,
    /// The vCard parser's own description.
    #[error("the card could not be read ({0})")]
    CardUnreadable(String),
    #[error("the card has no name (FN or N)")]
    CardNameless,
    #[error("not valid CSV: {0}")]
    NotCsv(String),
    #[error("no header row with columns such as name, first name, email or phone was found")]
    NoHeader,
    #[error("the row has no name")]
    RowNameless,
    #[error("stage column: {0}")]
    Stage(UnknownId),
    #[error("kinds column: {0}")]
    Kinds(UnknownId),
    #[error("follow-up column: {0}")]
    FollowUp(DateError),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// What the file looked like ("vCard", "LinkedIn connections", "Google Contacts"…), for
    /// the report.
    pub flavour: &'static str,
    pub records: Vec<Record>,
    pub skipped: Vec<Skipped>,
    pub unknown_columns: Vec<String>,
}

/// Parses a file's text, detecting the format from its content.
pub fn parse(text: &str, today: NaiveDate) -> Parsed {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if first.to_ascii_uppercase().starts_with("BEGIN:VCARD") {
        vcard::parse(text)
    } else {
        csv::parse(text, today)
    }
}

/// A list as a record carries it: trimmed, without blanks or repeats, and `None` when
/// nothing is left.
fn given(values: Vec<String>) -> Option<Vec<String>> {
    Some(clean_list(values)).filter(|v| !v.is_empty())
}
