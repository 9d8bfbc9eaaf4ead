//! Bringing contacts in: vCard (2.1, 3.0, 4.0), CSV (Google, Outlook in several languages,
//! LinkedIn, Thunderbird, HubSpot, Salesforce, Zoho, rapport's own export, simple sheets)
//! and rapport's JSON export, merged into the board without ever folding two people into one.
//!
//! `decode` turns file bytes into text; `parse` is pure (text in, records and skipped lines
//! out; `parse_each` hands the records out as they are read, and `parse_each_from` reads
//! them from a UTF-8 file as it streams, when `streams_as_utf8` says it can); `merge` applies records to a
//! board by the identity rules in `identity`, one at a time (`Merger`). The caller
//! saves once, so an import is one atomic write. `duplicates` finds contacts that may be the
//! same person and merges them when the user says so.

pub mod archive;
mod csv;
mod decode;
pub mod duplicates;
pub mod identity;
mod json;
mod lookup;
mod merge;
mod vcard;

pub use csv::{MapError, parse_map};
pub use decode::{Checked, DecodeError, Decoded, Rereading, decode, streams_as_utf8};
pub use merge::{Added, Duplicate, Matched, Merger, Report, merge, restore_board_values};

use crate::dates::DateError;
use crate::model::{Contact, ContactEdit, Interaction, Settings, Stage, StageChange, UnknownId};
use crate::text::clean_list;
use chrono::{DateTime, NaiveDate, Utc};
use std::io::{self, Read};
use std::ops::ControlFlow;

/// One contact as a file describes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// Where it starts in the file (1-based), for messages.
    pub line: usize,
    /// The details the file gives (`None` where it says nothing): applied to a new contact,
    /// filled into a known one.
    pub details: ContactEdit,
    /// The contact's rapport id, only in a file rapport exported.
    pub id: Option<String>,
    /// The record's id in the program that wrote the file (a vCard's UID, a CRM's record
    /// id), kept so a later import of the same source finds the contact again. Never used
    /// as rapport's id.
    pub uid: Option<String>,
    /// Where a new contact lands, when the file says (rapport's own exports).
    pub stage: Option<Stage>,
    /// When the contact was added to rapport: only rapport's own exports say; contacts from
    /// other programs start on the import day.
    pub created: Option<DateTime<Utc>>,
    /// The day you met or connected ("Connected On").
    pub met: Option<NaiveDate>,
    pub interactions: Vec<Interaction>,
    pub stage_history: Vec<StageChange>,
    /// Set when the file gave no name and one was made from another detail.
    pub named_from: Option<NamedFrom>,
    /// The whole contact, from rapport's JSON export: restored exactly when it is new.
    pub exact: Option<Box<Contact>>,
}

impl Record {
    /// The name the file gives, or the one made for it.
    pub fn name(&self) -> &str {
        self.details.name.as_deref().unwrap_or("")
    }

    /// Gives a nameless record a name from its email's local part, company, phone or
    /// handle (in that order); false when it has none of them either.
    fn ensure_name(&mut self) -> bool {
        if self
            .details
            .name
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty())
        {
            return true;
        }
        let d = &self.details;
        let first = |v: &Option<Vec<String>>| v.as_ref().and_then(|v| v.first().cloned());
        let found = first(&d.emails)
            .map(|e| {
                let local = e.split('@').next().unwrap_or("").trim().to_string();
                (if local.is_empty() { e } else { local }, NamedFrom::Email)
            })
            .or_else(|| d.company.clone().flatten().map(|c| (c, NamedFrom::Company)))
            .or_else(|| first(&d.phones).map(|p| (p, NamedFrom::Phone)))
            .or_else(|| first(&d.handles).map(|h| (handle_name(&h), NamedFrom::Handle)));
        match found {
            Some((name, from)) if !name.trim().is_empty() => {
                self.details.name = Some(name.trim().to_string());
                self.named_from = Some(from);
                true
            }
            _ => false,
        }
    }
}

/// A name from a handle: `@ann` as it is, a profile link as its last part
/// (`linkedin.com/in/ann-lee` → `ann-lee`), another link without its scheme.
fn handle_name(h: &str) -> String {
    let h = h.trim();
    if h.starts_with('@') {
        return h.to_string();
    }
    match identity::profile_key(h) {
        Some(k) if k.contains('/') => {
            let last = k.rsplit('/').next().unwrap_or(&k);
            if k.starts_with("x.com/") {
                format!("@{last}")
            } else {
                last.to_string()
            }
        }
        Some(k) => format!("@{k}"),
        None => crate::model::norm_handle(h),
    }
}

/// Which detail a nameless record was named after.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedFrom {
    Email,
    Company,
    Phone,
    Handle,
}

impl NamedFrom {
    pub fn word(self) -> &'static str {
        match self {
            NamedFrom::Email => "email",
            NamedFrom::Company => "company",
            NamedFrom::Phone => "phone",
            NamedFrom::Handle => "handle",
        }
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
    #[error("the card has no name, email, phone, company or link")]
    CardNameless,
    #[error("a contact group (\"{0}\"), not a person")]
    Group(String),
    #[error("not valid CSV: {0}")]
    NotCsv(String),
    #[error(
        "a quoted cell here holds {0} line(s) shaped like rows of their own: a closing quote is probably missing, and those rows were read into it; fix the quote and import again"
    )]
    UnclosedQuote(usize),
    #[error(
        "the row has {0} cells but the header names {1}: a value with the separator in it needs quotes (\"Acme, Inc.\"); fix the row and import again"
    )]
    ExtraCells(usize, usize),
    #[error(
        "no header row with columns such as name, first name, email or phone was found (read as {0}-separated); name the columns with --map 'Header=field'"
    )]
    NoHeader(&'static str),
    #[error("the row has no name, email, phone, company or link")]
    RowNameless,
    #[error("stage column: {0}")]
    Stage(UnknownId),
    #[error("kinds column: {0}")]
    Kinds(UnknownId),
    #[error("follow-up column: {0}")]
    FollowUp(DateError),
    #[error("{0} column: {1}")]
    Column(&'static str, String),
    #[error("not rapport's JSON export: {0}")]
    Json(String),
    #[error("{0}")]
    Invalid(String),
}

/// A board's own values from rapport's JSON export: restored into an empty board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardValues {
    pub settings: Settings,
    pub last_review: Option<NaiveDate>,
    pub review_streak: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// What the file looked like ("vCard", "LinkedIn connections", "Google Contacts"…), for
    /// the report.
    pub flavour: &'static str,
    /// The CSV separator that was found, for the report.
    pub delimiter: Option<u8>,
    pub records: Vec<Record>,
    pub skipped: Vec<Skipped>,
    pub unknown_columns: Vec<String>,
    pub board: Option<BoardValues>,
    /// How many rows or cards the file holds (records, skipped and all).
    pub rows: usize,
    /// The file holds nothing but blank space.
    pub blank: bool,
}

impl Parsed {
    fn new(flavour: &'static str) -> Parsed {
        Parsed {
            flavour,
            delimiter: None,
            records: Vec::new(),
            skipped: Vec::new(),
            unknown_columns: Vec::new(),
            board: None,
            rows: 0,
            blank: false,
        }
    }
}

/// What parsing needs besides the text.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Today, for relative dates in a follow-up column.
    pub today: NaiveDate,
    /// `--map`: a header (as written) and the field its column holds.
    pub map: Vec<(String, csv::Column)>,
}

/// Parses a file's text, detecting the format from its content.
pub fn parse(text: &str, options: &Options) -> Parsed {
    let mut records = Vec::new();
    let mut parsed = parse_each(text, options, &mut |r| {
        records.push(r);
        ControlFlow::Continue(())
    });
    parsed.records = records;
    parsed
}

/// `parse`, handing each record to `each` as it is read instead of keeping them in
/// `Parsed::records` (a CSV's rows are never all held at once). `each` may stop the
/// reading.
pub fn parse_each(
    text: &str,
    options: &Options,
    each: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> Parsed {
    let mut read = 0;
    let mut counted = |r: Record| {
        read += 1;
        each(r)
    };
    let mut parsed = match Format::of(text) {
        Format::VCard => handed_out(vcard::parse(text), &mut counted),
        Format::Json => handed_out(json::parse(text), &mut counted),
        // Reading text already in memory cannot fail.
        Format::Csv => csv::parse(text, text.as_bytes(), options, &mut counted)
            .unwrap_or_else(|_| Parsed::new("CSV")),
    };
    parsed.blank = is_blank(text);
    counted_rows(parsed, read)
}

/// `parse_each` for a file in UTF-8 (see `streams_as_utf8`), read as it goes: a CSV is
/// never held whole, whatever its size. Only a failure to read the file is an error.
pub fn parse_each_from(
    mut file: impl Read,
    options: &Options,
    each: &mut dyn FnMut(Record) -> ControlFlow<()>,
) -> io::Result<Parsed> {
    let mut head = Vec::new();
    (&mut file).take(64 * 1024).read_to_end(&mut head)?;
    if head.starts_with(UTF8_BOM) {
        head.drain(..UTF8_BOM.len());
    }
    // The head as text, without a character the 64 KiB cut in two.
    let text = match std::str::from_utf8(&head) {
        Ok(text) => text,
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()])
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?,
        Err(e) => return Err(io::Error::new(io::ErrorKind::InvalidData, e)),
    };
    if Format::of(text) != Format::Csv {
        // vCard and JSON files are read whole: they are small next to a CSV of as many
        // people, and their readers need all of it.
        file.read_to_end(&mut head)?;
        let text =
            String::from_utf8(head).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        return Ok(parse_each(&text, options, each));
    }
    let mut read = 0;
    let mut counted = |r: Record| {
        read += 1;
        each(r)
    };
    // A head shorter than its 64 KiB is the whole file.
    let whole = head.len() < 64 * 1024;
    let mut parsed = csv::parse(
        text,
        io::Cursor::new(&head).chain(file),
        options,
        &mut counted,
    )?;
    parsed.blank = whole && is_blank(text);
    Ok(counted_rows(parsed, read))
}

fn is_blank(text: &str) -> bool {
    text.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .is_empty()
}

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";

/// What a file holds, from its first line that is not blank.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    VCard,
    Json,
    Csv,
}

impl Format {
    fn of(text: &str) -> Format {
        let first = text
            .lines()
            .map(|l| l.trim_start_matches('\u{feff}').trim())
            .find(|l| !l.is_empty())
            .unwrap_or("");
        if first.to_ascii_uppercase().starts_with("BEGIN:VCARD") {
            Format::VCard
        } else if first.starts_with('{') || first.starts_with('[') {
            Format::Json
        } else {
            Format::Csv
        }
    }
}

fn counted_rows(mut parsed: Parsed, read: usize) -> Parsed {
    parsed.rows = read + parsed.skipped.len();
    parsed.skipped.sort_by_key(|s| s.line);
    parsed
}

/// The records of a format read whole, handed out one at a time.
fn handed_out(mut parsed: Parsed, each: &mut dyn FnMut(Record) -> ControlFlow<()>) -> Parsed {
    for r in std::mem::take(&mut parsed.records) {
        if each(r).is_break() {
            break;
        }
    }
    parsed
}

/// Values people type for "nothing": treated as empty cells.
pub fn is_placeholder(value: &str) -> bool {
    const PLACEHOLDERS: [&str; 12] = [
        "-", "--", "---", "n/a", "na", "none", "null", "unknown", "?", "x", ".", "nil",
    ];
    let v = value.trim();
    PLACEHOLDERS.iter().any(|p| v.eq_ignore_ascii_case(p))
}

/// A list as a record carries it: trimmed, without blanks, placeholders or repeats, and
/// `None` when nothing is left.
fn given(values: Vec<String>) -> Option<Vec<String>> {
    Some(clean_list(
        values.into_iter().filter(|v| !is_placeholder(v)),
    ))
    .filter(|v| !v.is_empty())
}

/// Google's and Android's own groups, which say nothing about a person.
fn is_system_group(tag: &str) -> bool {
    let t = tag
        .trim()
        .trim_start_matches("* ")
        .trim_start_matches("System Group: ");
    [
        "myContacts",
        "My Contacts",
        "Other Contacts",
        "otherContacts",
        "starred",
        "Starred in Android",
        "Starred",
        "All Contacts",
    ]
    .iter()
    .any(|g| t.eq_ignore_ascii_case(g))
}

/// Tags without Google's "* " system marker and without system groups.
fn tags(values: Vec<String>) -> Vec<String> {
    values
        .into_iter()
        .filter(|t| !is_system_group(t))
        .map(|t| {
            t.trim()
                .trim_start_matches("* ")
                .trim_start_matches("System Group: ")
                .to_string()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_system_groups() {
        for p in ["-", " N/A ", "none", "NULL", "?", "x", "."] {
            assert!(is_placeholder(p), "{p}");
        }
        assert!(!is_placeholder("ann@x.example"));
        assert_eq!(
            tags(vec![
                "* myContacts".into(),
                "* starred".into(),
                "Starred in Android".into(),
                "My Contacts".into(),
                "System Group: Friends".into(),
                "Clients".into()
            ]),
            ["Friends", "Clients"]
        );
    }

    #[test]
    fn nameless_records_are_named_from_email_company_phone() {
        let mut r = Record {
            details: ContactEdit {
                emails: Some(vec!["ann.lee@x.example".into()]),
                company: Some(Some("Acme".into())),
                ..ContactEdit::default()
            },
            ..Record::default()
        };
        assert!(r.ensure_name());
        assert_eq!(
            (r.name(), r.named_from),
            ("ann.lee", Some(NamedFrom::Email))
        );
        let mut r = Record {
            details: ContactEdit {
                phones: Some(vec!["+1 555 0100".into()]),
                ..ContactEdit::default()
            },
            ..Record::default()
        };
        assert!(r.ensure_name());
        assert_eq!(
            (r.name(), r.named_from),
            ("+1 555 0100", Some(NamedFrom::Phone))
        );
        assert!(!Record::default().ensure_name());
    }
}
