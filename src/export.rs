//! Machine-readable views of contacts: the JSON shape scripts depend on, and CSV.
//! Keep these shapes stable; they are documented in the README.

use crate::model::{Contact, Settings};
use chrono::{DateTime, NaiveDate, SecondsFormat, TimeZone, Utc};
use serde::Serialize;

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
}

pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
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
        }
    }
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

/// The CSV columns, in order. Lists are joined with "; ".
pub const CSV_HEADER: [&str; 16] = [
    "id",
    "name",
    "stage",
    "handles",
    "emails",
    "phones",
    "company",
    "kinds",
    "tags",
    "notes",
    "created",
    "last_contact",
    "next_follow_up",
    "due",
    "cadence_days",
    "interactions",
];

pub fn csv<'a, Tz: TimeZone>(
    contacts: impl IntoIterator<Item = &'a Contact>,
    settings: &Settings,
    tz: &Tz,
) -> Result<String, csv::Error> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER)?;
    for c in contacts {
        let kinds: Vec<&str> = c.kinds.iter().map(|k| k.id()).collect();
        w.write_record([
            c.id.as_str(),
            &c.name,
            c.stage.id(),
            &c.handles.join("; "),
            &c.emails.join("; "),
            &c.phones.join("; "),
            c.company.as_deref().unwrap_or(""),
            &kinds.join("; "),
            &c.tags.join("; "),
            &c.notes,
            &rfc3339(c.created),
            &c.last_contact().map(rfc3339).unwrap_or_default(),
            &c.next_follow_up.map(ymd).unwrap_or_default(),
            &c.due_date(settings, tz).map(ymd).unwrap_or_default(),
            &c.cadence(settings).to_string(),
            &c.interactions.len().to_string(),
        ])?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
