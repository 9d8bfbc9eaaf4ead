//! CSV: the separator is sniffed (`,` `;` tab), the header row is found by the columns it
//! names (wherever it is among the first lines), each column is mapped to a detail by its
//! exact name from a table of known headers (Google both layouts, Outlook in English,
//! German, French and Spanish, LinkedIn, Thunderbird, HubSpot, Salesforce, Zoho, rapport
//! and simple sheets) or by `--map`, and every other column is reported as unused. Rows are
//! read one at a time, so a large file is never held twice.

use super::{
    Options, Parsed, Record, SkipReason, Skipped, given, is_placeholder, tags as clean_tags,
};
use crate::model::{Channel, Interaction, Kind, Stage, StageChange, Who};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeSet;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// rapport's own id (only in rapport's export).
    Id,
    /// The id in the program that wrote the file.
    SourceId,
    Name,
    First,
    Middle,
    Last,
    Email,
    Phone,
    Company,
    /// The job title.
    Position,
    Notes,
    Tags,
    /// A handle, a profile link or a website.
    Handle,
    /// A Twitter/X user name, with or without `@`.
    Twitter,
    Stage,
    Kinds,
    FollowUp,
    Created,
    /// The day you met or connected ("Connected On").
    Met,
    /// rapport's export: the contact's own cadence.
    Cadence,
    /// rapport's export: the interactions, one `at channel from note` per entry.
    Interactions,
    /// rapport's export: the stage history, one `stage at` per entry.
    StageHistory,
    /// Known, and deliberately not imported (derived values in rapport's export).
    Ignore,
}

/// The names `--map` accepts for each column kind.
const MAP_FIELDS: &[(&str, Column)] = &[
    ("name", Column::Name),
    ("first_name", Column::First),
    ("middle_name", Column::Middle),
    ("last_name", Column::Last),
    ("email", Column::Email),
    ("phone", Column::Phone),
    ("company", Column::Company),
    ("title", Column::Position),
    ("notes", Column::Notes),
    ("tags", Column::Tags),
    ("handle", Column::Handle),
    ("website", Column::Handle),
    ("twitter", Column::Twitter),
    ("stage", Column::Stage),
    ("kinds", Column::Kinds),
    ("follow_up", Column::FollowUp),
    ("met", Column::Met),
    ("source_id", Column::SourceId),
    ("ignore", Column::Ignore),
];

/// Why a `--map` option cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MapError {
    #[error("--map needs 'Column Name=field', got \"{0}\"")]
    Shape(String),
    #[error("--map: \"{0}\" is not a field rapport knows; use one of {1}")]
    Field(String, String),
}

/// Reads one `--map 'Column Name=field'`.
pub fn parse_map(s: &str) -> Result<(String, Column), MapError> {
    let (header, field) = s
        .rsplit_once('=')
        .ok_or_else(|| MapError::Shape(s.into()))?;
    let header = header.trim();
    if header.is_empty() {
        return Err(MapError::Shape(s.into()));
    }
    let want = field.trim().to_lowercase().replace(['-', ' '], "_");
    MAP_FIELDS
        .iter()
        .find(|(name, _)| *name == want)
        .map(|(_, c)| (header.to_string(), *c))
        .ok_or_else(|| {
            let names: Vec<&str> = MAP_FIELDS.iter().map(|(n, _)| *n).collect();
            MapError::Field(field.trim().into(), names.join(", "))
        })
}

/// A header as the table spells it: lower case, letters and digits only.
fn normalise(header: &str) -> String {
    header
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Without digits: "E-mail 2 Address", "Phone 1 - Value", "Web Page 2" are one family each.
fn family(normalised: &str) -> String {
    normalised.chars().filter(|c| !c.is_ascii_digit()).collect()
}

/// What the whole header row says about how to read some names.
#[derive(Debug, Default)]
struct HeaderContext {
    rapport: bool,
    /// The file has a job-title column, so "Title" is Mr./Ms. (Outlook).
    has_job_title: bool,
    /// French "Prénom" beside "Nom": "Nom" is the family name.
    has_prenom: bool,
    /// Spanish "Apellidos" beside "Nombre": "Nombre" is the given name.
    has_apellidos: bool,
}

impl HeaderContext {
    fn new(headers: &[String]) -> HeaderContext {
        let f: Vec<String> = headers.iter().map(|h| family(&normalise(h))).collect();
        let has = |s: &str| f.iter().any(|x| x == s);
        HeaderContext {
            rapport: has("id") && has("stage") && has("interactions") && has("cadencedays"),
            has_job_title: [
                "jobtitle",
                "position",
                "organizationtitle",
                "fonction",
                "puesto",
                "cargo",
            ]
            .iter()
            .any(|s| has(s)),
            has_prenom: has("prénom") || has("prenom"),
            has_apellidos: has("apellidos") || has("apellido"),
        }
    }
}

/// The column a header names, by its exact (normalised) name.
fn column(header: &str, cx: &HeaderContext) -> Option<Column> {
    let h = family(&normalise(header));
    if cx.rapport {
        match h.as_str() {
            "id" => return Some(Column::Id),
            "sourceid" => return Some(Column::SourceId),
            "created" => return Some(Column::Created),
            "owncadencedays" => return Some(Column::Cadence),
            "interactionlog" => return Some(Column::Interactions),
            "stagehistory" => return Some(Column::StageHistory),
            "lastcontact" | "due" | "cadencedays" | "interactions" => {
                return Some(Column::Ignore);
            }
            _ => {}
        }
    }
    let c = match h.as_str() {
        "id" | "uid" | "recordid" | "contactid" | "externalid" | "personid" | "leadid" => {
            Column::SourceId
        }
        "name" | "fullname" | "displayname" | "contact" | "contactname" | "anzeigename"
        | "nomcomplet" | "nombrecompleto" => Column::Name,
        "nom" if !cx.has_prenom => Column::Name,
        "nombre" if !cx.has_apellidos => Column::Name,
        "firstname" | "givenname" | "first" | "forename" | "vorname" | "prénom" | "prenom"
        | "nombre" => Column::First,
        "middlename" | "additionalname" | "middle" | "weiterevornamen" | "deuxièmeprénom"
        | "segundonombre" => Column::Middle,
        "lastname" | "familyname" | "surname" | "last" | "nachname" | "nom" | "apellidos"
        | "apellido" => Column::Last,
        "email"
        | "emails"
        | "mail"
        | "emailaddress"
        | "emailvalue"
        | "primaryemail"
        | "secondaryemail"
        | "workemail"
        | "homeemail"
        | "personalemail"
        | "businessemail"
        | "otheremail"
        | "emailadresse"
        | "adressedemessagerie"
        | "courriel"
        | "adresseemail"
        | "direccióndecorreoelectrónico"
        | "correoelectrónico"
        | "correo" => Column::Email,
        "phone"
        | "phones"
        | "phonenumber"
        | "phonevalue"
        | "telephone"
        | "tel"
        | "mobile"
        | "mobilephone"
        | "mobilephonenumber"
        | "mobilenumber"
        | "cell"
        | "cellphone"
        | "homephone"
        | "businessphone"
        | "workphone"
        | "otherphone"
        | "primaryphone"
        | "carphone"
        | "companymainphone"
        | "radiophone"
        | "telefon"
        | "telefongeschäftlich"
        | "telefonprivat"
        | "mobiltelefon"
        | "weiterestelefon"
        | "haupttelefon"
        | "telefonfirma"
        | "autotelefon"
        | "téléphone"
        | "téléphonebureau"
        | "téléphonedomicile"
        | "télmobile"
        | "téléphonemobile"
        | "téléphoneautre"
        | "téléphoneprincipal"
        | "téléphonesociété"
        | "téléphonevoiture"
        | "teléfono"
        | "teléfonodeltrabajo"
        | "teléfonoparticular"
        | "particular"
        | "móvil"
        | "teléfonomóvil"
        | "otroteléfono"
        | "teléfonoprincipal"
        | "teléfonodelautomóvil" => Column::Phone,
        "company" | "companyname" | "organization" | "organisation" | "org"
        | "organizationname" | "employer" | "accountname" | "associatedcompany" | "firma"
        | "unternehmen" | "société" | "entreprise" | "organización" | "empresa" => {
            Column::Company
        }
        "title" if !cx.has_job_title => Column::Position,
        "position" | "jobtitle" | "organizationtitle" | "role" | "fonction" | "puesto"
        | "cargo" => Column::Position,
        "notes" | "note" | "comment" | "comments" | "description" | "notizen" | "notas"
        | "bemerkungen" => Column::Notes,
        "tags" | "tag" | "categories" | "labels" | "groupmembership" | "groups" | "kategorien"
        | "catégories" | "categorías" => Column::Tags,
        "handle" | "handles" | "linkedin" | "linkedinurl" | "linkedinprofile" | "url"
        | "website" | "websites" | "websiteurl" | "websitevalue" | "webpage"
        | "personalwebpage" | "homepage" | "profile" | "profileurl" | "instagram" | "mastodon"
        | "bluesky" | "github" | "webseite" | "pageweb" | "siteweb" | "páginaweb" | "sitioweb" => {
            Column::Handle
        }
        "twitter" | "twitterusername" | "twitterhandle" | "x" => Column::Twitter,
        "stage" => Column::Stage,
        "kinds" | "kind" => Column::Kinds,
        "nextfollowup" | "followup" => Column::FollowUp,
        "connectedon" | "met" => Column::Met,
        _ => return None,
    };
    Some(c)
}

/// The columns of a header row: `--map` first (by the header as written, any case), then
/// the table.
fn columns(headers: &[String], options: &Options) -> Vec<Option<Column>> {
    let cx = HeaderContext::new(headers);
    headers
        .iter()
        .map(|h| {
            options
                .map
                .iter()
                .find(|(name, _)| name.trim().eq_ignore_ascii_case(h.trim()))
                .map(|(_, c)| *c)
                .or_else(|| column(h, &cx))
        })
        .collect()
}

/// Whether a row is the header: it names a name column and another known one, or three
/// known ones (LinkedIn puts a few lines of notes above it).
fn is_header(row: &::csv::StringRecord, options: &Options) -> Option<usize> {
    let headers: Vec<String> = row.iter().map(str::to_string).collect();
    let known: Vec<Column> = columns(&headers, options).into_iter().flatten().collect();
    let named = known
        .iter()
        .any(|c| matches!(c, Column::Name | Column::First | Column::Last));
    (named && known.len() >= 2 || known.len() >= 3).then_some(known.len())
}

fn flavour(headers: &[String]) -> &'static str {
    let h: Vec<String> = headers.iter().map(|x| family(&normalise(x))).collect();
    let has = |s: &str| h.iter().any(|x| x == s);
    if HeaderContext::new(headers).rapport {
        "rapport export"
    } else if has("connectedon") {
        "LinkedIn connections"
    } else if has("emailvalue") || has("groupmembership") || has("labels") && has("phonevalue") {
        "Google Contacts"
    } else if has("mailingstreet") && has("contactowner") {
        "Zoho contacts"
    } else if has("mailingstreet") && has("accountname") {
        "Salesforce contacts"
    } else if has("recordid") || has("lifecyclestage") || has("associatedcompany") {
        "HubSpot contacts"
    } else if has("primaryemail") && (has("screenname") || has("workphone")) {
        "Thunderbird address book"
    } else if has("emailadresse") && has("vorname") {
        "Outlook contacts (German)"
    } else if has("adressedemessagerie") {
        "Outlook contacts (French)"
    } else if has("direccióndecorreoelectrónico") {
        "Outlook contacts (Spanish)"
    } else if has("emailaddress")
        && (has("mobilephone") || has("businessphone") || has("homephone"))
    {
        "Outlook contacts"
    } else {
        "CSV"
    }
}

/// The separator: of `,` `;` and tab, the one whose reading of the first lines finds the
/// header with the most known columns; else the one that splits those lines most evenly.
fn sniff(text: &str, options: &Options) -> u8 {
    let head: &str = {
        let mut end = text.len().min(64 * 1024);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        &text[..end]
    };
    let mut best = (b',', 0usize, 0usize);
    for d in [b',', b';', b'\t'] {
        let mut reader = ::csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(d)
            .from_reader(head.as_bytes());
        let rows: Vec<::csv::StringRecord> =
            reader.records().take(20).filter_map(Result::ok).collect();
        let known = rows
            .iter()
            .filter_map(|r| is_header(r, options))
            .next()
            .unwrap_or(0);
        let widest = rows.iter().map(|r| r.len()).max().unwrap_or(0);
        if (known, widest) > (best.1, best.2) {
            best = (d, known, widest);
        }
    }
    best.0
}

fn delimiter_word(d: u8) -> &'static str {
    match d {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    }
}

/// A short, stable name for a header row: a source id is only matched within files that
/// have the same columns, so two unrelated sheets numbered 1, 2, 3 never meet.
fn scope(headers: &[String]) -> String {
    // FNV-1a: stable across runs and builds, unlike the standard hasher.
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in headers
        .iter()
        .map(|x| normalise(x))
        .collect::<Vec<_>>()
        .join(",")
        .bytes()
    {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    format!("csv-{:08x}", h as u32)
}

/// Line numbers from byte offsets, counted once through the file. (The CSV reader's own
/// count is one short after CRLF line ends.)
struct Lines<'a> {
    text: &'a [u8],
    at: usize,
    line: usize,
}

impl Lines<'_> {
    fn of(&mut self, byte: usize) -> usize {
        let mut start = byte.min(self.text.len());
        // A record's offset may point at the end of the line before it.
        while start < self.text.len() && matches!(self.text[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.at {
            self.at = 0;
            self.line = 1;
        }
        self.line += self.text[self.at..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.at = start;
        self.line
    }
}

pub(super) fn parse(text: &str, options: &Options) -> Parsed {
    let delimiter = sniff(text, options);
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = Lines {
        text: text.as_bytes(),
        at: 0,
        line: 1,
    };
    let mut parsed = Parsed::new("CSV");
    parsed.delimiter = Some(delimiter);
    let mut header: Option<(Vec<Option<Column>>, HeaderContext, String)> = None;
    let mut seen = 0;
    let mut row = ::csv::StringRecord::new();
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let byte = e.position().map(|p| p.byte() as usize).unwrap_or(start);
                parsed.skipped.push(Skipped {
                    line: lines.of(byte),
                    reason: SkipReason::NotCsv(e.to_string()),
                });
                if header.is_none() && seen >= 20 {
                    break;
                }
                continue;
            }
        }
        let line = lines.of(row.position().map_or(start, |p| p.byte() as usize));
        seen += 1;
        let Some((columns, cx, scope)) = &header else {
            if is_header(&row, options).is_some() {
                let headers: Vec<String> = row.iter().map(str::to_string).collect();
                let cols = columns(&headers, options);
                parsed.unknown_columns = headers
                    .iter()
                    .zip(&cols)
                    .filter(|(name, c)| c.is_none() && !name.trim().is_empty())
                    .map(|(name, _)| name.trim().to_string())
                    .collect();
                parsed.flavour = flavour(&headers);
                header = Some((cols, HeaderContext::new(&headers), scope(&headers)));
                // Rows above the header are a preamble, not contacts.
                parsed.skipped.retain(|s| s.line > line);
            } else if seen >= 20 {
                break;
            }
            continue;
        };
        if row.iter().all(|c| c.trim().is_empty() || is_placeholder(c)) {
            continue;
        }
        match record(&row, columns, cx, scope, line, options.today) {
            Ok(r) => parsed.records.push(r),
            Err(reason) => parsed.skipped.push(Skipped { line, reason }),
        }
    }
    if header.is_none() {
        parsed.skipped = vec![Skipped {
            line: 1,
            reason: SkipReason::NoHeader(delimiter_word(delimiter)),
        }];
    }
    parsed
}

/// Splits a cell holding several values: ";" (Outlook, simple sheets), " ::: " (Google),
/// newlines.
fn split_multi(cell: &str) -> Vec<String> {
    cell.split([';', '\n'])
        .flat_map(|p| p.split(":::"))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

/// rapport's export joins a list with "; " and escapes `\` and `;` inside values with `\`.
pub(crate) fn split_escaped(cell: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => cur.push(chars.next().unwrap_or('\\')),
            ';' => out.push(std::mem::take(&mut cur).trim().to_string()),
            c => cur.push(c),
        }
    }
    out.push(cur.trim().to_string());
    out.retain(|v| !v.is_empty());
    out
}

/// rapport's export puts `'` before a cell a spreadsheet would run as a formula (and before
/// one that starts with `'` itself); this takes it off again.
pub(crate) fn unguard(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

fn record(
    row: &::csv::StringRecord,
    columns: &[Option<Column>],
    cx: &HeaderContext,
    scope: &str,
    line: usize,
    today: NaiveDate,
) -> Result<Record, SkipReason> {
    let mut r = Record {
        line,
        ..Record::default()
    };
    let d = &mut r.details;
    let (mut handles, mut emails, mut phones, mut tags) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut kinds = BTreeSet::new();
    let (mut first, mut middle, mut last) = (String::new(), String::new(), String::new());
    let mut notes = String::new();
    let mut position = String::new();
    let list = |cell: &str| {
        if cx.rapport {
            split_escaped(cell)
        } else {
            split_multi(cell)
        }
    };
    for (raw, col) in row.iter().zip(columns) {
        let Some(col) = col else { continue };
        let raw = if cx.rapport { unguard(raw) } else { raw };
        let cell = raw.trim();
        let name_part = matches!(col, Column::First | Column::Middle | Column::Last);
        // "Na" is a family name; in other columns it means "not available".
        let empty = if name_part {
            matches!(cell, "-" | "--" | "?" | "." | "n/a" | "N/A")
        } else {
            is_placeholder(cell)
        };
        if cell.is_empty() || empty {
            continue;
        }
        match col {
            Column::Id => r.id = Some(cell.to_string()),
            Column::SourceId if cx.rapport => r.uid = Some(cell.to_string()),
            Column::SourceId => r.uid = Some(format!("{scope}:{cell}")),
            Column::Name => d.name = Some(cell.to_string()),
            Column::First => first = cell.to_string(),
            Column::Middle => middle = cell.to_string(),
            Column::Last => last = cell.to_string(),
            Column::Email => emails.extend(list(cell)),
            Column::Phone => phones.extend(list(cell)),
            Column::Company => {
                if d.company.is_none() {
                    d.company = Some(Some(cell.to_string()));
                }
            }
            Column::Position => {
                if position.is_empty() {
                    position = cell.to_string();
                }
            }
            Column::Notes if cx.rapport => notes = raw.to_string(),
            Column::Notes => {
                if !notes.is_empty() {
                    notes.push('\n');
                }
                notes.push_str(&cell.replace("\r\n", "\n"));
            }
            Column::Tags => tags.extend(list(cell)),
            Column::Handle => handles.extend(list(cell)),
            Column::Twitter => handles.extend(list(cell).into_iter().map(|t| {
                if t.contains('/') || t.starts_with('@') {
                    t
                } else {
                    format!("@{t}")
                }
            })),
            Column::Stage => r.stage = Some(cell.parse::<Stage>().map_err(SkipReason::Stage)?),
            Column::Kinds => {
                for k in list(cell) {
                    kinds.insert(k.parse::<Kind>().map_err(SkipReason::Kinds)?);
                }
            }
            Column::FollowUp => {
                d.follow_up = crate::dates::parse_date(cell, today)
                    .map_err(SkipReason::FollowUp)?
                    .map(Some)
            }
            Column::Created => r.created = Some(timestamp(cell, "created")?),
            Column::Met => r.met = Some(day(cell)?),
            Column::Cadence => {
                d.cadence = Some(Some(cell.parse().map_err(|_| {
                    SkipReason::Column(
                        "own_cadence_days",
                        format!("\"{cell}\" is not a number of days"),
                    )
                })?))
            }
            Column::Interactions => {
                for entry in split_escaped(cell) {
                    r.interactions.push(interaction(&entry)?);
                }
            }
            Column::StageHistory => {
                for entry in split_escaped(cell) {
                    let (stage, at) = entry.split_once(' ').unwrap_or((&entry, ""));
                    r.stage_history.push(StageChange {
                        stage: stage.parse::<Stage>().map_err(SkipReason::Stage)?,
                        at: timestamp(at.trim(), "stage_history")?,
                    });
                }
            }
            Column::Ignore => {}
        }
    }
    if d.name.is_none() {
        let full = [first.as_str(), middle.as_str(), last.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        d.name = Some(full).filter(|n| !n.trim().is_empty());
    }
    if !position.is_empty() {
        let line = format!("Position: {position}");
        if !notes.contains(&line) {
            notes = if notes.is_empty() {
                line
            } else {
                format!("{line}\n{notes}")
            };
        }
    }
    d.notes = Some(notes).filter(|n| !n.is_empty());
    d.kinds = Some(kinds).filter(|k| !k.is_empty());
    d.handles = given(handles);
    d.emails = given(emails);
    d.phones = given(phones);
    d.tags = given(clean_tags(tags));
    if !r.ensure_name() {
        return Err(SkipReason::RowNameless);
    }
    Ok(r)
}

fn timestamp(cell: &str, column: &'static str) -> Result<DateTime<Utc>, SkipReason> {
    DateTime::parse_from_rfc3339(cell)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .filter(|t| crate::dates::in_range(t.date_naive()))
        .ok_or_else(|| {
            SkipReason::Column(column, format!("\"{cell}\" is not a time rapport can use"))
        })
}

/// A day as exports write it: LinkedIn "15 Mar 2023", older "03/15/2023", ISO.
fn day(cell: &str) -> Result<NaiveDate, SkipReason> {
    ["%d %b %Y", "%m/%d/%Y", "%Y-%m-%d", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(cell, f).ok())
        .filter(|d| crate::dates::in_range(*d))
        .ok_or_else(|| SkipReason::Column("connected on", format!("\"{cell}\" is not a date")))
}

/// One entry of rapport's `interaction_log` column: "AT CHANNEL FROM[ NOTE]".
fn interaction(entry: &str) -> Result<Interaction, SkipReason> {
    let bad = || {
        SkipReason::Column(
            "interaction_log",
            format!("\"{entry}\" is not AT CHANNEL FROM NOTE"),
        )
    };
    let mut parts = entry.splitn(4, ' ');
    let at = timestamp(parts.next().ok_or_else(bad)?, "interaction_log")?;
    let channel: Channel = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
    let from: Who = parts.next().ok_or_else(bad)?.parse().map_err(|_| bad())?;
    Ok(Interaction {
        at,
        channel,
        note: parts.next().map(str::to_string),
        from,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{Options, parse};

    fn opts() -> Options {
        Options {
            today: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
            map: Vec::new(),
        }
    }

    #[test]
    fn linkedin_preamble_and_columns() {
        let text = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,https://www.linkedin.com/in/ana-lima,,Acme,Head of Growth,15 Mar 2023\n";
        let p = parse(text, &opts());
        assert_eq!(p.flavour, "LinkedIn connections");
        assert!(p.unknown_columns.is_empty(), "{:?}", p.unknown_columns);
        let r = &p.records[0];
        assert_eq!(r.name(), "Ana Lima");
        assert_eq!(
            r.details.handles,
            Some(vec!["https://www.linkedin.com/in/ana-lima".to_string()])
        );
        assert_eq!(r.details.company, Some(Some("Acme".to_string())));
        assert_eq!(r.details.notes.as_deref(), Some("Position: Head of Growth"));
        assert_eq!(r.met, NaiveDate::from_ymd_opt(2023, 3, 15));
        assert_eq!(r.created, None, "imported contacts start on the import day");
        assert_eq!(r.line, 5);
    }

    /// Issue 12, case 3: only columns named for email are emails.
    #[test]
    fn mailing_address_columns_are_not_emails() {
        let text = "First Name,Last Name,Title,Account Name,Mailing Street,Mailing City,Mailing Zip/Postal Code,Email,Phone\nAnn,Lee,CFO,Acme,1 Main St,Springfield,12345,ann@acme.example,555\n";
        let p = parse(text, &opts());
        assert_eq!(p.flavour, "Salesforce contacts");
        let r = &p.records[0];
        assert_eq!(r.details.emails, Some(vec!["ann@acme.example".to_string()]));
        assert_eq!(r.details.company, Some(Some("Acme".into())));
        assert_eq!(r.details.notes.as_deref(), Some("Position: CFO"));
        assert_eq!(
            p.unknown_columns,
            ["Mailing Street", "Mailing City", "Mailing Zip/Postal Code"]
        );
    }

    /// Issue 12, case 6: localized Outlook headers.
    #[test]
    fn german_french_and_spanish_outlook_headers() {
        let de = "Anrede;Vorname;Weitere Vornamen;Nachname;Firma;Position;E-Mail-Adresse;E-Mail 2: Adresse;Telefon geschäftlich;Mobiltelefon;Kategorien;Notizen\nFrau;Zoë;;Müller;Müller & Söhne;Geschäftsführerin;zoe@mueller.example;z@privat.example;+49 30 5555 01;+49 170 5555 02;Kunden;Messe Berlin\n";
        let p = parse(de, &opts());
        assert_eq!(p.flavour, "Outlook contacts (German)");
        assert_eq!(p.delimiter, Some(b';'));
        let r = &p.records[0];
        assert_eq!(r.name(), "Zoë Müller");
        assert_eq!(
            r.details.emails,
            Some(vec![
                "zoe@mueller.example".into(),
                "z@privat.example".into()
            ])
        );
        assert_eq!(r.details.phones.as_ref().map(Vec::len), Some(2));
        assert_eq!(r.details.tags, Some(vec!["Kunden".into()]));
        assert_eq!(
            r.details.notes.as_deref(),
            Some("Position: Geschäftsführerin\nMesse Berlin")
        );
        assert_eq!(p.unknown_columns, ["Anrede"]);

        let fr = "Titre,Prénom,Deuxième prénom,Nom,Société,Adresse de messagerie,Téléphone (bureau),Tél. mobile,Catégories\nM.,Jean,,Dupont,Acme SA,jean@acme.example,+33 1 55 55 01,+33 6 55 55 02,Clients\n";
        let p = parse(fr, &opts());
        assert_eq!(p.flavour, "Outlook contacts (French)");
        let r = &p.records[0];
        assert_eq!(r.name(), "Jean Dupont");
        assert_eq!(r.details.company, Some(Some("Acme SA".into())));
        assert_eq!(r.details.phones.as_ref().map(Vec::len), Some(2));

        let es = "Tratamiento\tNombre\tSegundo nombre\tApellidos\tOrganización\tPuesto\tDirección de correo electrónico\tMóvil\tCategorías\nSra.\tLucía\t\tGarcía López\tEmpresa SL\tDirectora\tlucia@empresa.example\t+34 600 555 001\tSocios\n";
        let p = parse(es, &opts());
        assert_eq!(p.flavour, "Outlook contacts (Spanish)");
        assert_eq!(p.delimiter, Some(b'\t'));
        let r = &p.records[0];
        assert_eq!(r.name(), "Lucía García López");
        assert_eq!(r.details.emails, Some(vec!["lucia@empresa.example".into()]));
        assert_eq!(r.details.notes.as_deref(), Some("Position: Directora"));
    }

    /// A simple French sheet: "Nom" alone is the whole name.
    #[test]
    fn nom_alone_is_the_name() {
        let p = parse("Nom;Courriel\nJean Dupont;jean@x.example\n", &opts());
        assert_eq!(p.records[0].name(), "Jean Dupont");
    }

    /// Issue 12, case 6: `;` and tab separated files, and the old error for them.
    #[test]
    fn delimiters_are_sniffed() {
        for (text, d) in [
            (
                "Name;Email;Phone\nAnn Lee;ann@x.example;+1 555 0100\n",
                b';',
            ),
            (
                "Name\tEmail\tPhone\nAnn Lee\tann@x.example\t+1 555 0100\n",
                b'\t',
            ),
            (
                "Name,Email,Phone\nAnn Lee,ann@x.example,+1 555 0100\n",
                b',',
            ),
        ] {
            let p = parse(text, &opts());
            assert_eq!(p.delimiter, Some(d));
            assert_eq!(p.records.len(), 1, "{p:?}");
            assert_eq!(p.records[0].name(), "Ann Lee");
            assert_eq!(
                p.records[0].details.phones,
                Some(vec!["+1 555 0100".into()])
            );
        }
    }

    #[test]
    fn map_names_what_the_table_does_not_know() {
        let mut o = opts();
        o.map = vec![
            parse_map("Kontakt=name").unwrap(),
            parse_map("Mail privat = email").unwrap(),
            parse_map("Email=ignore").unwrap(),
        ];
        let p = parse(
            "Kontakt,Mail privat,Email\nAnn Lee,ann@x.example,old@x.example\n",
            &o,
        );
        let r = &p.records[0];
        assert_eq!(r.name(), "Ann Lee");
        assert_eq!(r.details.emails, Some(vec!["ann@x.example".into()]));
        assert!(parse_map("Kontakt").is_err());
        assert!(
            parse_map("Kontakt=nickname")
                .unwrap_err()
                .to_string()
                .contains("first_name")
        );
    }

    /// Issue 12, case 7: line numbers in CRLF files.
    #[test]
    fn lines_are_right_with_crlf_and_quoted_newlines() {
        let text = "Name,Email,Stage\r\nAnn,a@x.example,dm\r\nBob,\"b@x.example\",nowhere\r\n\"Cy\r\nDee\",c@x.example,dm\r\nDi,d@x.example,later\r\n";
        let p = parse(text, &opts());
        let lines: Vec<usize> = p.skipped.iter().map(|s| s.line).collect();
        assert_eq!(lines, [3, 6]);
        let lines: Vec<usize> = p.records.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 4]);
    }

    #[test]
    fn escaped_lists_and_guarded_cells() {
        assert_eq!(
            split_escaped(r"semi\;colon; b\\; c"),
            ["semi;colon", r"b\", "c"]
        );
        assert_eq!(unguard("'+1 555"), "+1 555");
        assert_eq!(unguard("''quoted'"), "'quoted'");
    }
}
