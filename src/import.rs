//! Bringing contacts in: vCard (2.1, 3.0, 4.0) and CSV (Google, Outlook, LinkedIn, rapport's
//! own export, simple name/email/… sheets), merged into the board without duplicates.
//!
//! Parsing is pure: text in, records and skipped lines out. `merge` applies records to a
//! board; the caller saves once, so an import is one atomic write.

use crate::model::{Board, Contact, ContactId, Kind, Stage};
use calcard::vcard::{VCard, VCardProperty, VCardValue};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::collections::{BTreeSet, HashMap};

/// One contact as a file describes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Record {
    /// Where it starts in the file (1-based), for messages.
    pub line: usize,
    pub name: String,
    pub id: Option<String>,
    pub uid: Option<String>,
    pub handles: Vec<String>,
    pub emails: Vec<String>,
    pub phones: Vec<String>,
    pub company: Option<String>,
    pub notes: String,
    pub tags: Vec<String>,
    pub kinds: BTreeSet<Kind>,
    pub stage: Option<Stage>,
    pub follow_up: Option<NaiveDate>,
    pub created: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: usize,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    VCard,
    Csv,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub format: Format,
    /// What kind of CSV it looked like ("LinkedIn", "Google Contacts"…), for the report.
    pub flavour: &'static str,
    pub records: Vec<Record>,
    pub skipped: Vec<Skipped>,
    pub unknown_columns: Vec<String>,
}

/// Decodes file bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252,
/// which is what older Outlook exports are written in.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    if bytes.contains(&0) && !bytes.starts_with(&[0xFF, 0xFE]) && !bytes.starts_with(&[0xFE, 0xFF])
    {
        return Err("this looks like a binary file, not a vCard or CSV export".into());
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return String::from_utf8(rest.to_vec()).map_err(|e| e.to_string());
    }
    if bytes.len() >= 2 && (bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        return String::from_utf16(&units).map_err(|e| format!("bad UTF-16: {e}"));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(_) => Ok(bytes.iter().map(|&b| windows_1252(b)).collect()),
    }
}

fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// Parses a file's text, detecting the format from its content.
pub fn parse(text: &str, today: NaiveDate) -> Parsed {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if first.to_ascii_uppercase().starts_with("BEGIN:VCARD") {
        parse_vcards(text)
    } else {
        parse_csv(text, today)
    }
}

// ---------------------------------------------------------------------------------------
// vCard

/// Splits the text into cards by their BEGIN/END lines, so that one broken card is skipped
/// with its line number while the rest import.
pub fn parse_vcards(text: &str) -> Parsed {
    let mut records = Vec::new();
    let mut skipped = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (line, byte offset)
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line = raw.trim_end_matches(['\r', '\n']).trim();
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("BEGIN:VCARD") {
            if let Some((l, _)) = start {
                skipped.push(Skipped {
                    line: l,
                    reason: "the card has no END:VCARD (it may have been cut off)".into(),
                });
            }
            start = Some((i + 1, offset));
        } else if upper.starts_with("END:VCARD")
            && let Some((l, from)) = start.take()
        {
            let chunk = &text[from..offset + raw.len()];
            match card_record(chunk, l) {
                Ok(r) => records.push(r),
                Err(reason) => skipped.push(Skipped { line: l, reason }),
            }
        }
        offset += raw.len();
    }
    if let Some((l, _)) = start {
        skipped.push(Skipped {
            line: l,
            reason: "the card has no END:VCARD (it may have been cut off)".into(),
        });
    }
    Parsed {
        format: Format::VCard,
        flavour: "vCard",
        records,
        skipped,
        unknown_columns: Vec::new(),
    }
}

fn texts(v: &[VCardValue]) -> Vec<String> {
    v.iter()
        .flat_map(|v| match v {
            VCardValue::Component(parts) => parts.clone(),
            other => other.as_text().map(str::to_string).into_iter().collect(),
        })
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn card_record(chunk: &str, line: usize) -> Result<Record, String> {
    let card = VCard::parse(chunk).map_err(|e| format!("the card could not be read ({e:?})"))?;
    let first_text = |p: &VCardProperty| card.properties(p).flat_map(|e| texts(&e.values)).next();
    let all = |p: &VCardProperty| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for e in card.properties(p) {
            for t in texts(&e.values) {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        out
    };
    let name = first_text(&VCardProperty::Fn)
        .or_else(|| name_from_n(&card))
        .or_else(|| first_text(&VCardProperty::Org))
        .unwrap_or_default();
    if name.trim().is_empty() {
        return Err("the card has no name (FN or N)".into());
    }
    // Handles in the card's own order, whichever property carries them.
    let mut handles = Vec::new();
    for e in &card.entries {
        let social = match &e.name {
            VCardProperty::Url | VCardProperty::Impp => Some(false),
            VCardProperty::Other(n) => {
                let n = n.to_ascii_uppercase();
                match n.as_str() {
                    "X-TWITTER" => Some(true),
                    "X-SOCIALPROFILE" | "X-LINKEDIN" | "X-MASTODON" => Some(false),
                    _ => None,
                }
            }
            _ => None,
        };
        let Some(twitter) = social else { continue };
        for t in texts(&e.values) {
            handles.push(if twitter && !t.contains('/') && !t.starts_with('@') {
                format!("@{t}")
            } else {
                t
            });
        }
    }
    let other = |name: &str| -> Option<String> {
        card.entries
            .iter()
            .find(|e| matches!(&e.name, VCardProperty::Other(n) if n.eq_ignore_ascii_case(name)))
            .and_then(|e| texts(&e.values).first().cloned())
    };
    // rapport's own vCard export carries these; other address books ignore them.
    let stage = other("X-RAPPORT-STAGE").and_then(|s| s.parse::<Stage>().ok());
    let kinds: BTreeSet<Kind> = other("X-RAPPORT-KINDS")
        .map(|k| {
            k.split(',')
                .filter_map(|k| k.trim().parse::<Kind>().ok())
                .collect()
        })
        .unwrap_or_default();
    let follow_up =
        other("X-RAPPORT-FOLLOW-UP").and_then(|d| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
    let phones = all(&VCardProperty::Tel)
        .into_iter()
        .map(|t| t.strip_prefix("tel:").map(str::to_string).unwrap_or(t))
        .collect();
    let emails = all(&VCardProperty::Email)
        .into_iter()
        .map(|t| t.strip_prefix("mailto:").map(str::to_string).unwrap_or(t))
        .collect();
    let company = card
        .property(&VCardProperty::Org)
        .map(|e| texts(&e.values))
        .filter(|parts| !parts.is_empty())
        .map(|parts| parts.join(", "));
    let notes = card
        .properties(&VCardProperty::Note)
        .flat_map(|e| {
            e.values
                .iter()
                .filter_map(|v| v.as_text())
                .map(str::to_string)
        })
        .collect::<Vec<_>>()
        .join("\n")
        .replace("\r\n", "\n");
    let uid = card
        .uid()
        .map(|u| u.trim().to_string())
        .filter(|u| !u.is_empty());
    Ok(Record {
        line,
        name: name.trim().to_string(),
        // A card rapport wrote carries the contact's id as its UID: keep it as the id.
        id: uid.clone().filter(|_| stage.is_some()),
        uid,
        handles: dedup(handles),
        emails: dedup(emails),
        phones: dedup(phones),
        company,
        notes: notes.trim().to_string(),
        tags: all(&VCardProperty::Categories),
        stage,
        kinds,
        follow_up,
        ..Record::default()
    })
}

/// "Given Additional Family" from N (family; given; additional; prefix; suffix).
fn name_from_n(card: &VCard) -> Option<String> {
    let e = card.property(&VCardProperty::N)?;
    let parts: Vec<String> = e
        .values
        .iter()
        .map(|v| match v {
            VCardValue::Component(p) => p.join(" "),
            other => other.as_text().unwrap_or("").to_string(),
        })
        .collect();
    let get = |i: usize| parts.get(i).map(|s| s.trim()).unwrap_or("");
    let name = [get(3), get(1), get(2), get(0), get(4)]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    (!name.is_empty()).then_some(name)
}

fn dedup(v: Vec<String>) -> Vec<String> {
    crate::text::clean_list(v)
}

// ---------------------------------------------------------------------------------------
// CSV

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Name,
    First,
    Middle,
    Last,
    Email,
    Phone,
    Company,
    Position,
    Notes,
    Tags,
    Handle,
    Stage,
    Kinds,
    FollowUp,
    Created,
    ConnectedOn,
    /// Known, and deliberately not imported (derived values in rapport's export).
    Ignore,
}

fn normalise(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn column(header: &str) -> Option<Column> {
    let h = normalise(header);
    let has = |s: &str| h.contains(s);
    let c = match h.as_str() {
        "id" => Column::Id,
        "name" | "fullname" | "displayname" | "contact" | "contactname" => Column::Name,
        "firstname" | "givenname" | "first" => Column::First,
        "middlename" | "additionalname" | "middle" => Column::Middle,
        "lastname" | "familyname" | "surname" | "last" => Column::Last,
        "company" | "organization" | "organisation" | "org" | "organizationname"
        | "organization1name" | "employer" => Column::Company,
        // Outlook's "Title" is Mr./Ms., not a job: only these mean the position.
        "position" | "jobtitle" | "organization1title" | "organizationtitle" => Column::Position,
        "notes" | "note" | "comment" | "comments" => Column::Notes,
        "tags" | "tag" | "categories" | "labels" | "groupmembership" | "groups" => Column::Tags,
        "handle" | "handles" | "twitter" | "x" | "linkedin" | "url" | "website" | "webpage"
        | "profile" | "profileurl" | "website1value" | "instagram" | "mastodon" | "bluesky" => {
            Column::Handle
        }
        "stage" => Column::Stage,
        "kinds" | "kind" => Column::Kinds,
        "nextfollowup" | "followup" => Column::FollowUp,
        "created" => Column::Created,
        "connectedon" => Column::ConnectedOn,
        "lastcontact" | "due" | "cadencedays" | "interactions" => Column::Ignore,
        _ if (has("email") || has("mail")) && !has("type") && !has("label") && !has("display") => {
            Column::Email
        }
        _ if (has("phone") || has("mobile") || h == "tel" || h == "telephone")
            && !has("type")
            && !has("label")
            && !has("assistant") =>
        {
            Column::Phone
        }
        _ => return None,
    };
    Some(c)
}

/// The header row: the first row naming at least two columns rapport knows (LinkedIn puts
/// a few lines of notes above it).
fn find_header(rows: &[csv::StringRecord]) -> Option<usize> {
    rows.iter().take(20).position(|r| {
        let known: Vec<Column> = r.iter().filter_map(column).collect();
        let named = known
            .iter()
            .any(|c| matches!(c, Column::Name | Column::First | Column::Last));
        named && known.len() >= 2 || known.len() >= 3
    })
}

fn flavour(headers: &[String]) -> &'static str {
    let h: Vec<String> = headers.iter().map(|x| normalise(x)).collect();
    let has = |s: &str| h.iter().any(|x| x == s);
    if has("connectedon") {
        "LinkedIn connections"
    } else if has("email1value") || has("groupmembership") || has("labels") && has("phone1value") {
        "Google Contacts"
    } else if has("emailaddress") && (has("mobilephone") || has("businessphone")) {
        "Outlook contacts"
    } else if has("id") && has("stage") && has("interactions") {
        "rapport export"
    } else {
        "CSV"
    }
}

/// Splits a cell holding several values: "; " (rapport), " ::: " (Google), newlines.
fn split_multi(cell: &str) -> Vec<String> {
    cell.split([';', '\n'])
        .flat_map(|p| p.split(":::"))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

fn parse_csv(text: &str, today: NaiveDate) -> Parsed {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::None)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut lines = Vec::new();
    let mut skipped = Vec::new();
    for r in reader.records() {
        match r {
            Ok(rec) => {
                lines.push(rec.position().map(|p| p.line() as usize).unwrap_or(0));
                rows.push(rec);
            }
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                skipped.push(Skipped {
                    line,
                    reason: format!("not valid CSV: {e}"),
                });
            }
        }
    }
    let Some(h) = find_header(&rows) else {
        return Parsed {
            format: Format::Csv,
            flavour: "CSV",
            records: Vec::new(),
            skipped: vec![Skipped {
                line: 1,
                reason:
                    "no header row with columns such as name, first name, email or phone was found"
                        .into(),
            }],
            unknown_columns: Vec::new(),
        };
    };
    let headers: Vec<String> = rows[h].iter().map(str::to_string).collect();
    let columns: Vec<Option<Column>> = headers.iter().map(|x| column(x)).collect();
    let unknown_columns: Vec<String> = headers
        .iter()
        .zip(&columns)
        .filter(|(name, c)| c.is_none() && !name.trim().is_empty())
        .map(|(name, _)| name.trim().to_string())
        .collect();
    let mut records = Vec::new();
    for (row, &line) in rows.iter().zip(&lines).skip(h + 1) {
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match csv_record(row, &columns, line, today) {
            Ok(r) => records.push(r),
            Err(reason) => skipped.push(Skipped { line, reason }),
        }
    }
    Parsed {
        format: Format::Csv,
        flavour: flavour(&headers),
        records,
        skipped,
        unknown_columns,
    }
}

fn csv_record(
    row: &csv::StringRecord,
    columns: &[Option<Column>],
    line: usize,
    today: NaiveDate,
) -> Result<Record, String> {
    let mut r = Record {
        line,
        ..Record::default()
    };
    let (mut first, mut middle, mut last) = (String::new(), String::new(), String::new());
    let mut position = String::new();
    for (cell, col) in row.iter().zip(columns) {
        let cell = cell.trim();
        let Some(col) = col else { continue };
        if cell.is_empty() {
            continue;
        }
        match col {
            Column::Id => r.id = Some(cell.to_string()),
            Column::Name => r.name = cell.to_string(),
            Column::First => first = cell.to_string(),
            Column::Middle => middle = cell.to_string(),
            Column::Last => last = cell.to_string(),
            Column::Email => r.emails.extend(split_multi(cell)),
            Column::Phone => r.phones.extend(split_multi(cell)),
            Column::Company => r.company = Some(cell.to_string()),
            Column::Position => position = cell.to_string(),
            Column::Notes => {
                if !r.notes.is_empty() {
                    r.notes.push('\n');
                }
                r.notes.push_str(&cell.replace("\r\n", "\n"));
            }
            Column::Tags => r.tags.extend(
                split_multi(cell)
                    .into_iter()
                    .map(|t| t.trim_start_matches("* ").to_string())
                    .filter(|t| t != "myContacts" && t != "starred"),
            ),
            Column::Handle => r.handles.extend(split_multi(cell)),
            Column::Stage => {
                r.stage = Some(
                    cell.parse::<Stage>()
                        .map_err(|e| format!("stage column: {e}"))?,
                )
            }
            Column::Kinds => {
                for k in split_multi(cell) {
                    r.kinds.insert(
                        k.parse::<Kind>()
                            .map_err(|e| format!("kinds column: {e}"))?,
                    );
                }
            }
            Column::FollowUp => {
                r.follow_up = crate::dates::parse_date(cell, today)
                    .map_err(|e| format!("follow-up column: {e}"))?
            }
            Column::Created => {
                r.created = DateTime::parse_from_rfc3339(cell)
                    .ok()
                    .map(|t| t.with_timezone(&Utc))
            }
            Column::ConnectedOn => {
                // LinkedIn writes "15 Mar 2023"; older exports "03/15/2023".
                let day = NaiveDate::parse_from_str(cell, "%d %b %Y")
                    .or_else(|_| NaiveDate::parse_from_str(cell, "%m/%d/%Y"))
                    .or_else(|_| NaiveDate::parse_from_str(cell, "%Y-%m-%d"))
                    .ok();
                r.created = day
                    .and_then(|d| d.and_hms_opt(12, 0, 0))
                    .map(|t| Utc.from_utc_datetime(&t));
            }
            Column::Ignore => {}
        }
    }
    if r.name.is_empty() {
        r.name = [first.as_str(), middle.as_str(), last.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
    }
    if r.name.trim().is_empty() {
        return Err("the row has no name".into());
    }
    if !position.is_empty() {
        let line = format!("Position: {position}");
        if !r.notes.contains(&line) {
            r.notes = if r.notes.is_empty() {
                line
            } else {
                format!("{line}\n{}", r.notes)
            };
        }
    }
    r.handles = dedup(r.handles);
    r.emails = dedup(r.emails);
    r.phones = dedup(r.phones);
    r.tags = dedup(r.tags);
    Ok(r)
}

// ---------------------------------------------------------------------------------------
// Merging

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

fn norm_handle(h: &str) -> String {
    h.trim()
        .trim_end_matches('/')
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.")
        .to_lowercase()
}

/// Lookup tables over the board, so an import of thousands of rows into thousands of
/// contacts stays linear: keys are lower-cased ids, UIDs, emails, handles and names.
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
        r.id.iter()
            .chain(r.uid.iter())
            .find_map(|k| self.ids.get(k))
            .or_else(|| {
                r.emails
                    .iter()
                    .find_map(|e| self.emails.get(&e.to_lowercase()))
            })
            .or_else(|| {
                r.handles
                    .iter()
                    .find_map(|h| self.handles.get(&norm_handle(h)))
            })
            .or_else(|| self.names.get(&r.name.trim().to_lowercase()))
            .copied()
    }
}

fn add_missing(into: &mut Vec<String>, from: &[String], same: impl Fn(&str, &str) -> bool) -> bool {
    let mut changed = false;
    for f in from {
        if !into.iter().any(|x| same(x, f)) {
            into.push(f.clone());
            changed = true;
        }
    }
    changed
}

/// Fills what the contact lacks from the record; returns whether anything changed.
fn merge_into(c: &mut Contact, r: &Record) -> bool {
    let mut changed = false;
    changed |= add_missing(&mut c.handles, &r.handles, |a, b| {
        norm_handle(a) == norm_handle(b)
    });
    changed |= add_missing(&mut c.emails, &r.emails, |a, b| a.eq_ignore_ascii_case(b));
    changed |= add_missing(&mut c.phones, &r.phones, |a, b| digits(a) == digits(b));
    changed |= add_missing(&mut c.tags, &r.tags, |a, b| a.eq_ignore_ascii_case(b));
    if c.company.is_none() && r.company.is_some() {
        c.company = r.company.clone();
        changed = true;
    }
    if c.notes.trim().is_empty() && !r.notes.is_empty() {
        c.notes = r.notes.clone();
        changed = true;
    }
    if c.next_follow_up.is_none() && r.follow_up.is_some() {
        c.next_follow_up = r.follow_up;
        changed = true;
    }
    if c.uid.is_none() && r.uid.is_some() && r.uid.as_deref() != Some(c.id.as_str()) {
        c.uid = r.uid.clone();
        changed = true;
    }
    for k in &r.kinds {
        changed |= c.kinds.insert(*k);
    }
    changed
}

fn digits(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
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
    for r in records {
        let mut r = r.clone();
        if let Some(t) = tag.map(str::trim).filter(|t| !t.is_empty())
            && !r.tags.iter().any(|x| x.eq_ignore_ascii_case(t))
        {
            r.tags.push(t.to_string());
        }
        match index.find(&r) {
            Some(i) => {
                if merge_into(&mut board.contacts[i], &r) {
                    index.insert(&board.contacts[i], i);
                    if !report.merged.contains(&board.contacts[i].name) {
                        report.merged.push(board.contacts[i].name.clone());
                    }
                } else {
                    report.unchanged += 1;
                }
            }
            None => {
                let st = r.stage.unwrap_or(stage);
                let created = r.created.filter(|c| *c <= now).unwrap_or(now);
                let mut c = Contact::new(r.name.clone(), st, created);
                c.id = match r
                    .id
                    .as_ref()
                    .filter(|id| valid_id(id) && !index.ids.contains_key(*id))
                {
                    Some(id) => ContactId(id.clone()),
                    None => crate::model::fresh_id(|id| index.ids.contains_key(id)),
                };
                c.handles = r.handles.clone();
                c.emails = r.emails.clone();
                c.phones = r.phones.clone();
                c.company = r.company.clone();
                c.notes = r.notes.clone();
                c.tags = r.tags.clone();
                c.kinds = r.kinds.clone();
                c.next_follow_up = r.follow_up;
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

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
    }

    #[test]
    fn vcard_escapes_folding_and_quoted_printable() {
        let text = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Mr. First \\; special \\, Last\r\nNOTE:line one\\nline\r\n  two\r\nEMAIL;TYPE=work:a@example.com\r\nCATEGORIES:friends,work\r\nEND:VCARD\r\n\
BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Umlaut =C3=84 =C3=96\nTEL;CELL:+49 1\nEND:VCARD\n";
        let p = parse(text, today());
        assert_eq!(p.format, Format::VCard);
        assert!(p.skipped.is_empty(), "{:?}", p.skipped);
        assert_eq!(p.records[0].name, "Mr. First ; special , Last");
        assert_eq!(p.records[0].notes, "line one\nline two");
        assert_eq!(p.records[0].emails, ["a@example.com"]);
        assert_eq!(p.records[0].tags, ["friends", "work"]);
        assert_eq!(p.records[0].line, 1);
        assert_eq!(p.records[1].name, "Umlaut Ä Ö");
        assert_eq!(p.records[1].phones, ["+49 1"]);
        assert_eq!(p.records[1].line, 9);
    }

    #[test]
    fn vcard_without_end_or_name_is_skipped_with_its_line() {
        let text = "BEGIN:VCARD\nVERSION:4.0\nEMAIL:x@y.z\nEND:VCARD\nBEGIN:VCARD\nVERSION:4.0\nFN:Good\nEND:VCARD\nBEGIN:VCARD\nFN:Cut\n";
        let p = parse(text, today());
        assert_eq!(p.records.len(), 1);
        assert_eq!(p.skipped.len(), 2);
        assert_eq!(p.skipped[0].line, 1);
        assert!(p.skipped[0].reason.contains("no name"));
        assert_eq!(p.skipped[1].line, 9);
        assert!(p.skipped[1].reason.contains("END:VCARD"));
    }

    #[test]
    fn n_is_the_fallback_name() {
        let text = "BEGIN:VCARD\nVERSION:3.0\nN:Doe;John;Q;Dr.;Jr.\nEND:VCARD\n";
        assert_eq!(parse(text, today()).records[0].name, "Dr. John Q Doe Jr.");
    }

    #[test]
    fn linkedin_preamble_and_columns() {
        let text = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,https://www.linkedin.com/in/ana-lima,,Acme,Head of Growth,15 Mar 2023\n";
        let p = parse(text, today());
        assert_eq!(p.flavour, "LinkedIn connections");
        assert!(p.unknown_columns.is_empty(), "{:?}", p.unknown_columns);
        let r = &p.records[0];
        assert_eq!(r.name, "Ana Lima");
        assert_eq!(r.handles, ["https://www.linkedin.com/in/ana-lima"]);
        assert_eq!(r.company.as_deref(), Some("Acme"));
        assert_eq!(r.notes, "Position: Head of Growth");
        assert_eq!(
            r.created.unwrap().date_naive(),
            NaiveDate::from_ymd_opt(2023, 3, 15).unwrap()
        );
        assert_eq!(r.line, 5);
    }

    #[test]
    fn windows_1252_and_utf16_decode() {
        assert_eq!(decode(b"Jos\xe9 M\x9aller").unwrap(), "José Mšller");
        assert_eq!(decode(b"\xef\xbb\xbfname\n").unwrap(), "name\n");
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zoë".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&utf16).unwrap(), "Zoë");
        assert!(decode(b"\x00\x01\x02binary").is_err());
    }

    #[test]
    fn merge_fills_without_duplicating() {
        let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
        let mut b = Board::default();
        let mut c = Contact::new("Becky Chen", Stage::Dm, now);
        c.emails.push("Becky@Example.com".into());
        b.add(c);
        let recs = vec![
            Record {
                name: "B. Chen".into(),
                emails: vec!["becky@example.com".into()],
                company: Some("Lumen".into()),
                ..Record::default()
            },
            Record {
                name: "New Person".into(),
                handles: vec!["@new".into()],
                ..Record::default()
            },
            Record {
                name: "new person".into(),
                ..Record::default()
            },
            Record {
                name: "Via Handle".into(),
                handles: vec!["https://x.com/new/".into(), "@new".into()],
                ..Record::default()
            },
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
