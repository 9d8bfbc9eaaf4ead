//! CSV: the header row is found by the columns it names (wherever it is among the first
//! lines), each column is mapped to a detail, and the flavour (LinkedIn, Google, Outlook,
//! rapport's own export) is recognised for the report.

use super::{Parsed, Record, SkipReason, Skipped, given};
use crate::model::{Kind, Stage};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use std::collections::BTreeSet;

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
fn find_header(rows: &[::csv::StringRecord]) -> Option<usize> {
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

pub(super) fn parse(text: &str, today: NaiveDate) -> Parsed {
    let mut reader = ::csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .trim(::csv::Trim::None)
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
                    reason: SkipReason::NotCsv(e.to_string()),
                });
            }
        }
    }
    let Some(h) = find_header(&rows) else {
        return Parsed {
            flavour: "CSV",
            records: Vec::new(),
            skipped: vec![Skipped {
                line: 1,
                reason: SkipReason::NoHeader,
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
        match record(row, &columns, line, today) {
            Ok(r) => records.push(r),
            Err(reason) => skipped.push(Skipped { line, reason }),
        }
    }
    Parsed {
        flavour: flavour(&headers),
        records,
        skipped,
        unknown_columns,
    }
}

fn record(
    row: &::csv::StringRecord,
    columns: &[Option<Column>],
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
    for (cell, col) in row.iter().zip(columns) {
        let cell = cell.trim();
        let Some(col) = col else { continue };
        if cell.is_empty() {
            continue;
        }
        match col {
            Column::Id => r.id = Some(cell.to_string()),
            Column::Name => d.name = Some(cell.to_string()),
            Column::First => first = cell.to_string(),
            Column::Middle => middle = cell.to_string(),
            Column::Last => last = cell.to_string(),
            Column::Email => emails.extend(split_multi(cell)),
            Column::Phone => phones.extend(split_multi(cell)),
            Column::Company => d.company = Some(Some(cell.to_string())),
            Column::Position => position = cell.to_string(),
            Column::Notes => {
                if !notes.is_empty() {
                    notes.push('\n');
                }
                notes.push_str(&cell.replace("\r\n", "\n"));
            }
            Column::Tags => tags.extend(
                split_multi(cell)
                    .into_iter()
                    .map(|t| t.trim_start_matches("* ").to_string())
                    .filter(|t| t != "myContacts" && t != "starred"),
            ),
            Column::Handle => handles.extend(split_multi(cell)),
            Column::Stage => r.stage = Some(cell.parse::<Stage>().map_err(SkipReason::Stage)?),
            Column::Kinds => {
                for k in split_multi(cell) {
                    kinds.insert(k.parse::<Kind>().map_err(SkipReason::Kinds)?);
                }
            }
            Column::FollowUp => {
                d.follow_up = crate::dates::parse_date(cell, today)
                    .map_err(SkipReason::FollowUp)?
                    .map(Some)
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
    if d.name.is_none() {
        let full = [first.as_str(), middle.as_str(), last.as_str()]
            .iter()
            .filter(|s| !s.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        d.name = Some(full).filter(|n| !n.trim().is_empty());
    }
    if d.name.is_none() {
        return Err(SkipReason::RowNameless);
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
    d.tags = given(tags);
    Ok(r)
}

#[cfg(test)]
mod tests {
    use crate::import::parse;
    use chrono::NaiveDate;

    #[test]
    fn linkedin_preamble_and_columns() {
        let text = "Notes:\n\"When exporting your connection data, you may notice that some of the email addresses are missing.\"\n\nFirst Name,Last Name,URL,Email Address,Company,Position,Connected On\nAna,Lima,https://www.linkedin.com/in/ana-lima,,Acme,Head of Growth,15 Mar 2023\n";
        let p = parse(text, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
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
        assert_eq!(
            r.created.unwrap().date_naive(),
            NaiveDate::from_ymd_opt(2023, 3, 15).unwrap()
        );
        assert_eq!(r.line, 5);
    }
}
