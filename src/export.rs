//! Machine-readable views of contacts: the JSON shape scripts depend on (and the JSON
//! backup built from it), CSV and vCard. Keep these shapes stable; they are documented in
//! the README, and `import` reads all three back.

use crate::model::{ArchiveRef, Board, Contact, Settings};
use chrono::{DateTime, NaiveDate, SecondsFormat, TimeZone, Utc};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Serialize)]
pub struct InteractionJson<'a> {
    pub at: String,
    pub channel: &'static str,
    pub note: Option<&'a str>,
    pub from: &'static str,
}

#[derive(Serialize)]
pub struct StageChangeJson {
    pub stage: &'static str,
    pub at: String,
}

#[derive(Serialize)]
pub struct ConflictJson<'a> {
    pub field: &'a str,
    pub theirs: &'a str,
    pub at: String,
}

/// One contact as `list --format json` prints it.
#[derive(Serialize)]
pub struct ContactJson<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub handles: &'a [String],
    pub emails: &'a [String],
    pub phones: &'a [String],
    pub company: Option<&'a str>,
    pub stage: &'static str,
    pub kinds: Vec<&'static str>,
    pub tags: &'a [String],
    pub notes: &'a str,
    pub created: String,
    pub last_contact: Option<String>,
    pub next_follow_up: Option<String>,
    pub due: Option<String>,
    pub cadence_days: u32,
    pub interactions: Vec<InteractionJson<'a>>,
    pub stage_history: Vec<StageChangeJson>,
    /// The contact's own cadence (`cadence_days` is the one in force).
    pub own_cadence_days: Option<u32>,
    pub met: Option<String>,
    /// The id in the address book it was imported from.
    pub source_id: Option<&'a str>,
    pub conflicts: Vec<ConflictJson<'a>>,
    pub distinct_from: Vec<&'a str>,
    /// Waiting in the inbox, not yet placed in a stage.
    pub inbox: bool,
    pub archived: Option<ArchivedJson<'a>>,
    pub paused_until: Option<String>,
    /// Account ids on networks, from data archives (`x:783214`).
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub accounts: &'a [String],
    /// Archive messages already in the log, so importing the archive again adds nothing.
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    pub from_archives: &'a [ArchiveRef],
}

#[derive(Serialize)]
pub struct ArchivedJson<'a> {
    pub at: String,
    pub reason: &'a str,
}

/// RFC 3339 in UTC, with fractions of a second only where the time has them (so whole
/// seconds read as before, and a time written by hand comes back exactly).
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

impl<'a> ContactJson<'a> {
    pub fn new<Tz: TimeZone>(c: &'a Contact, settings: &Settings, tz: &Tz) -> Self {
        ContactJson {
            id: c.id.as_str(),
            name: &c.name,
            handles: &c.handles,
            emails: &c.emails,
            phones: &c.phones,
            company: c.company.as_deref(),
            stage: c.stage.id(),
            kinds: c.kinds.iter().map(|k| k.id()).collect(),
            tags: &c.tags,
            notes: &c.notes,
            created: rfc3339(c.created),
            last_contact: c.last_contact().map(rfc3339),
            next_follow_up: c.next_follow_up.map(ymd),
            due: c.due_date(settings, tz).map(ymd),
            cadence_days: c.cadence(settings),
            interactions: c
                .interactions
                .iter()
                .map(|i| InteractionJson {
                    at: rfc3339(i.at),
                    channel: i.channel.id(),
                    note: i.note.as_deref(),
                    from: i.from.id(),
                })
                .collect(),
            stage_history: c
                .stage_history
                .iter()
                .map(|h| StageChangeJson {
                    stage: h.stage.id(),
                    at: rfc3339(h.at),
                })
                .collect(),
            own_cadence_days: c.cadence_days,
            met: c.met.map(ymd),
            source_id: c.uid.as_deref(),
            conflicts: c
                .conflicts
                .iter()
                .map(|k| ConflictJson {
                    field: &k.field,
                    theirs: &k.theirs,
                    at: rfc3339(k.at),
                })
                .collect(),
            distinct_from: c.distinct_from.iter().map(|d| d.as_str()).collect(),
            inbox: c.inbox,
            archived: c.archived.as_ref().map(|a| ArchivedJson {
                at: rfc3339(a.at),
                reason: &a.reason,
            }),
            paused_until: c.paused_until.map(ymd),
            accounts: &c.accounts,
            from_archives: &c.from_archives,
        }
    }
}

/// What `export --format json` writes: the whole board, so that importing it into an
/// empty board restores it exactly.
#[derive(Serialize)]
pub struct BackupJson<'a> {
    /// Marks the file as rapport's backup, and its shape's version.
    pub rapport_backup: u32,
    pub settings: &'a Settings,
    pub last_review: Option<String>,
    pub review_streak: u32,
    pub contacts: Vec<ContactJson<'a>>,
}

/// The board as a JSON backup, contacts in the given order, with a trailing newline.
pub fn backup<'a, Tz: TimeZone>(
    board: &'a Board,
    contacts: impl IntoIterator<Item = &'a Contact>,
    tz: &Tz,
) -> String {
    let backup = BackupJson {
        rapport_backup: 1,
        settings: &board.settings,
        last_review: board.last_review.map(ymd),
        review_streak: board.review_streak,
        contacts: contacts
            .into_iter()
            .map(|c| ContactJson::new(c, &board.settings, tz))
            .collect(),
    };
    // Serialising plain strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(&backup).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

/// A JSON array of contacts, pretty-printed, with a trailing newline.
pub fn json<'a, Tz: TimeZone>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    settings: &Settings,
    tz: &Tz,
) -> String {
    let rows: Vec<ContactJson> = contacts
        .into_iter()
        .map(|c| ContactJson::new(c, settings, tz))
        .collect();
    // Serialising plain strings and numbers cannot fail.
    let mut s = serde_json::to_string_pretty(&rows).unwrap_or_else(|_| "[]".into());
    s.push('\n');
    s
}

/// What a CSV cell may need beyond the contact: the values that depend on the settings and
/// the time zone, worked out once per row.
#[derive(Clone, Copy)]
struct Row<'a> {
    c: &'a Contact,
    due: Option<NaiveDate>,
    cadence: u32,
}

type Cell = for<'a> fn(Row<'a>) -> Cow<'a, str>;

/// A list in one cell: joined with "; ", with `\` and `;` inside a value escaped by `\`,
/// so `semi;colon` and `+1-555-0100;ext=7` come back whole.
fn join_escaped<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let escaped: Vec<String> = items
        .into_iter()
        .map(|v| v.replace('\\', "\\\\").replace(';', "\\;"))
        .collect();
    escaped.join("; ")
}

/// OWASP's guard against spreadsheet formula injection: a cell a spreadsheet would run as a
/// formula (starting with `=` `+` `-` `@`, tab or CR) gets a leading `'`; so does one that
/// starts with `'`, so rapport's import can always take exactly one off again.
fn guard(cell: Cow<'_, str>) -> Cow<'_, str> {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{cell}").into(),
        _ => cell,
    }
}

/// The CSV columns, in order: the header, and how the cell is written. The README
/// documents these; keep them stable (new ones go at the end).
const CSV_COLUMNS: [(&str, Cell); 21] = [
    ("id", |r| r.c.id.as_str().into()),
    ("name", |r| r.c.name.as_str().into()),
    // A contact waiting in the inbox says so, so an import of this file puts it back there.
    ("stage", |r| {
        if r.c.inbox { "inbox" } else { r.c.stage.id() }.into()
    }),
    ("handles", |r| {
        join_escaped(r.c.handles.iter().map(String::as_str)).into()
    }),
    ("emails", |r| {
        join_escaped(r.c.emails.iter().map(String::as_str)).into()
    }),
    ("phones", |r| {
        join_escaped(r.c.phones.iter().map(String::as_str)).into()
    }),
    ("company", |r| r.c.company.as_deref().unwrap_or("").into()),
    ("kinds", |r| {
        join_escaped(r.c.kinds.iter().map(|k| k.id())).into()
    }),
    ("tags", |r| {
        join_escaped(r.c.tags.iter().map(String::as_str)).into()
    }),
    ("notes", |r| r.c.notes.as_str().into()),
    ("created", |r| rfc3339(r.c.created).into()),
    ("last_contact", |r| {
        r.c.last_contact().map(rfc3339).unwrap_or_default().into()
    }),
    ("next_follow_up", |r| {
        r.c.next_follow_up.map(ymd).unwrap_or_default().into()
    }),
    ("due", |r| r.due.map(ymd).unwrap_or_default().into()),
    ("cadence_days", |r| r.cadence.to_string().into()),
    ("interactions", |r| {
        r.c.interactions.len().to_string().into()
    }),
    ("own_cadence_days", |r| {
        r.c.cadence_days
            .map(|d| d.to_string())
            .unwrap_or_default()
            .into()
    }),
    ("met", |r| r.c.met.map(ymd).unwrap_or_default().into()),
    ("source_id", |r| r.c.uid.as_deref().unwrap_or("").into()),
    ("interaction_log", |r| {
        let entries: Vec<String> = r.c.interactions.iter().map(interaction_entry).collect();
        join_escaped(entries.iter().map(String::as_str)).into()
    }),
    ("stage_history", |r| {
        let entries: Vec<String> =
            r.c.stage_history
                .iter()
                .map(|h| format!("{} {}", h.stage.id(), rfc3339(h.at)))
                .collect();
        join_escaped(entries.iter().map(String::as_str)).into()
    }),
];

/// An interaction as one line: "AT CHANNEL FROM NOTE" (the note may be absent).
fn interaction_entry(i: &crate::model::Interaction) -> String {
    let mut s = format!("{} {} {}", rfc3339(i.at), i.channel.id(), i.from.id());
    if let Some(n) = &i.note {
        s.push(' ');
        s.push_str(n);
    }
    s
}

/// A header row, then one row per contact, with the columns of `CSV_COLUMNS`.
pub fn csv<'a, Tz: TimeZone>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    settings: &Settings,
    tz: &Tz,
) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_COLUMNS.map(|(name, _)| name))?;
    for c in contacts {
        let row = Row {
            c,
            due: c.due_date(settings, tz),
            cadence: c.cadence(settings),
        };
        let cells = CSV_COLUMNS.map(|(_, cell)| guard(cell(row)));
        w.write_record(cells.iter().map(|cell| cell.as_bytes()))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// vCard 4.0, one card per contact: UID is the contact's id; handles that are links become
/// URL, others X-SOCIALPROFILE; tags become CATEGORIES. What only rapport knows rides along
/// as X-RAPPORT-* properties (stage, kinds, follow-up, created, cadence, met, source id,
/// stage changes, interactions) so a round trip through rapport keeps it; other address
/// books ignore them.
pub fn vcards<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> String {
    use calcard::vcard::{VCard, VCardEntry, VCardProperty, VCardValue, VCardVersion};
    let text = |s: &str| VCardValue::Text(s.to_string());
    let mut out = String::new();
    for c in contacts {
        let mut entries = vec![
            VCardEntry::new(VCardProperty::Fn).with_value(c.name.clone()),
            VCardEntry::new(VCardProperty::N).with_values(
                name_parts(&c.name)
                    .into_iter()
                    .map(VCardValue::Text)
                    .collect(),
            ),
            VCardEntry::new(VCardProperty::Uid).with_value(c.id.to_string()),
        ];
        for h in &c.handles {
            let prop = if h.starts_with("http://") || h.starts_with("https://") {
                VCardProperty::Url
            } else {
                VCardProperty::Other("X-SOCIALPROFILE".into())
            };
            entries.push(VCardEntry::new(prop).with_value(h.clone()));
        }
        for e in &c.emails {
            entries.push(VCardEntry::new(VCardProperty::Email).with_value(e.clone()));
        }
        for p in &c.phones {
            entries.push(VCardEntry::new(VCardProperty::Tel).with_value(p.clone()));
        }
        if let Some(co) = &c.company {
            entries.push(VCardEntry::new(VCardProperty::Org).with_values(vec![text(co)]));
        }
        if !c.tags.is_empty() {
            entries.push(
                VCardEntry::new(VCardProperty::Categories)
                    .with_values(c.tags.iter().map(|t| text(t)).collect()),
            );
        }
        if !c.notes.is_empty() {
            entries.push(VCardEntry::new(VCardProperty::Note).with_value(c.notes.clone()));
        }
        let stage = if c.inbox { "inbox" } else { c.stage.id() };
        entries.push(
            VCardEntry::new(VCardProperty::Other("X-RAPPORT-STAGE".into()))
                .with_value(stage.to_string()),
        );
        if !c.kinds.is_empty() {
            let kinds: Vec<&str> = c.kinds.iter().map(|k| k.id()).collect();
            entries.push(
                VCardEntry::new(VCardProperty::Other("X-RAPPORT-KINDS".into()))
                    .with_value(kinds.join(",")),
            );
        }
        let x = |name: &str, value: String| {
            VCardEntry::new(VCardProperty::Other(name.into())).with_value(value)
        };
        if let Some(d) = c.next_follow_up {
            entries.push(x("X-RAPPORT-FOLLOW-UP", ymd(d)));
        }
        entries.push(x("X-RAPPORT-CREATED", rfc3339(c.created)));
        if let Some(d) = c.cadence_days {
            entries.push(x("X-RAPPORT-CADENCE", d.to_string()));
        }
        if let Some(d) = c.met {
            entries.push(x("X-RAPPORT-MET", ymd(d)));
        }
        if let Some(u) = &c.uid {
            entries.push(x("X-RAPPORT-SOURCE-ID", u.clone()));
        }
        for h in &c.stage_history {
            entries.push(x(
                "X-RAPPORT-STAGE-CHANGE",
                format!("{} {}", h.stage.id(), rfc3339(h.at)),
            ));
        }
        for i in &c.interactions {
            entries.push(x("X-RAPPORT-INTERACTION", interaction_entry(i)));
        }
        // Writing into a String cannot fail.
        let _ = VCard { entries }.write_to(&mut out, VCardVersion::V4_0);
    }
    out
}

/// N's components (family; given; additional; prefix; suffix) from a display name: the last
/// word as the family name. A guess, but address books sort better with it.
fn name_parts(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.as_slice() {
        [] => vec![String::new(); 5],
        [one] => vec![
            one.to_string(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
        ],
        [given @ .., family] => vec![
            family.to_string(),
            given.join(" "),
            String::new(),
            String::new(),
            String::new(),
        ],
    }
}
