//! LinkedIn's full data export: `messages.csv` (one row per message) and, beside it,
//! `Connections.csv`, which the address-book import reads. People are known by their
//! profile links; the owner is the one in every conversation (or `--me`).

use super::source::Source;
use super::{Archive, ArchiveError, FileRead, Network, People, Person, ReadOptions, Touch};
use crate::model::{Channel, Who};
use chrono::{DateTime, NaiveDateTime, Utc};
use rustc_hash::{FxHashMap, FxHashSet};
use std::io::Read;
use std::path::Path;

const COLUMNS: [&str; 7] = [
    "CONVERSATION ID",
    "FROM",
    "SENDER PROFILE URL",
    "TO",
    "RECIPIENT PROFILE URLS",
    "DATE",
    "CONTENT",
];

struct Row {
    conversation: String,
    from_name: String,
    from: String,
    to_names: String,
    to: Vec<String>,
    at: Option<DateTime<Utc>>,
    content: String,
    sent: bool,
}

fn time(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .ok()
        .or_else(|| {
            let bare = s.trim_end_matches("UTC").trim();
            NaiveDateTime::parse_from_str(bare, "%Y-%m-%d %H:%M:%S")
                .or_else(|_| NaiveDateTime::parse_from_str(bare, "%Y-%m-%d %H:%M"))
                .ok()
                .map(|t| t.and_utc())
        })
}

/// A profile link as one spelling, for comparing.
fn key(url: &str) -> String {
    crate::import::identity::profile_key(url).unwrap_or_else(|| crate::model::norm_handle(url))
}

fn read_all(mut r: impl Read, at: &str) -> Result<String, ArchiveError> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)
        .map_err(|e| ArchiveError::new(at, format!("it could not be read ({e})")))?;
    crate::import::decode(bytes)
        .map(|d| d.text)
        .map_err(|e| ArchiveError::new(at, format!("it could not be read ({e})")))
}

pub(super) fn read_file(
    path: &Path,
    folder: &Path,
    options: &ReadOptions,
) -> Result<Archive, ArchiveError> {
    let at = path.display().to_string();
    let f = std::fs::File::open(path)
        .map_err(|e| ArchiveError::new(path, format!("it could not be read ({e})")))?;
    let text = read_all(f, &at)?;
    let connections = folder.join("Connections.csv");
    let connections = match std::fs::File::open(&connections) {
        Ok(f) => Some((
            connections.display().to_string(),
            read_all(f, &connections.display().to_string())?,
        )),
        Err(_) => None,
    };
    let mut archive = parse(&text, &at, &at, options)?;
    archive.connections = connections;
    Ok(archive)
}

pub(super) fn read(
    source: &mut Source,
    shown: &str,
    options: &ReadOptions,
) -> Result<Archive, ArchiveError> {
    let name = source.find("messages.csv").unwrap_or_default();
    let at = format!("{shown}: {name}");
    let text = read_all(
        source
            .open_file(&name)
            .map_err(|e| ArchiveError::new(&at, format!("it could not be read ({e})")))?,
        &at,
    )?;
    let connections = match source.find("Connections.csv") {
        Some(c) => {
            let cat = format!("{shown}: {c}");
            let r = source
                .open_file(&c)
                .map_err(|e| ArchiveError::new(&cat, format!("it could not be read ({e})")))?;
            Some((c.clone(), read_all(r, &cat)?))
        }
        None => None,
    };
    let mut archive = parse(&text, &at, &name, options)?;
    archive.connections = connections;
    Ok(archive)
}

fn parse(text: &str, at: &str, name: &str, options: &ReadOptions) -> Result<Archive, ArchiveError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header: Option<FxHashMap<String, usize>> = None;
    let mut rows: Vec<Row> = Vec::new();
    let mut unreadable = 0usize;
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            ArchiveError::new(
                at,
                format!("not valid CSV ({e}); expected LinkedIn's messages.csv"),
            )
        })?;
        let Some(cols) = &header else {
            let names: FxHashMap<String, usize> = record
                .iter()
                .enumerate()
                .map(|(i, h)| {
                    (
                        h.trim().trim_start_matches('\u{feff}').to_ascii_uppercase(),
                        i,
                    )
                })
                .collect();
            if COLUMNS.iter().all(|c| names.contains_key(*c)) {
                header = Some(names);
            } else if n > 5 {
                break;
            }
            continue;
        };
        let cell = |c: &str| {
            cols.get(c)
                .and_then(|&i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let to: Vec<String> = cell("RECIPIENT PROFILE URLS")
            .split([',', ';', ' '])
            .map(str::trim)
            .filter(|u| u.starts_with("http"))
            .map(str::to_string)
            .collect();
        let at = time(&cell("DATE"));
        if at.is_none() {
            unreadable += 1;
        }
        rows.push(Row {
            conversation: cell("CONVERSATION ID"),
            from_name: cell("FROM"),
            from: cell("SENDER PROFILE URL"),
            to_names: cell("TO"),
            to,
            at,
            content: cell("CONTENT"),
            sent: cell("FOLDER").eq_ignore_ascii_case("SENT"),
        });
    }
    if header.is_none() {
        return Err(ArchiveError::new(
            at,
            format!(
                "no header with the columns {} was found; expected LinkedIn's messages.csv from the full data export",
                COLUMNS.join(", ")
            ),
        ));
    }
    let owner = match &options.me {
        Some(me) => key(me),
        None => owner(&rows).ok_or_else(|| {
            ArchiveError::new(
                at,
                "it does not show whose messages these are (no one is in every conversation); name yourself with --me https://www.linkedin.com/in/YOU",
            )
        })?,
    };
    let mut people = People::default();
    let mut touches = Vec::new();
    let (mut messages, mut groups) = (0usize, FxHashSet::default());
    let conversations: FxHashSet<&str> = rows.iter().map(|r| r.conversation.as_str()).collect();
    for r in &rows {
        let Some(when) = r.at else { continue };
        let mine = key(&r.from) == owner;
        let others: Vec<&String> = r.to.iter().filter(|u| key(u) != owner).collect();
        let (whom, from): (Vec<(&str, &str)>, Who) = if mine {
            let name = if others.len() == 1 {
                r.to_names.as_str()
            } else {
                ""
            };
            (others.iter().map(|u| (u.as_str(), name)).collect(), Who::Me)
        } else if !r.from.is_empty() {
            (vec![(r.from.as_str(), r.from_name.as_str())], Who::Them)
        } else {
            continue;
        };
        let group = others.len() + usize::from(!mine) > 1;
        if group {
            groups.insert(r.conversation.as_str());
            if !options.with_groups {
                continue;
            }
        }
        messages += 1;
        for (url, name) in whom {
            let p = people.get(&key(url), || Person {
                handle: Some(url.to_string()),
                ..Person::default()
            });
            if people.list[p].name.is_none() && !name.trim().is_empty() {
                people.list[p].name = Some(name.trim().to_string());
            }
            touches.push(Touch {
                person: p,
                at: when,
                channel: Channel::Dm,
                from,
                id: format!(
                    "linkedin:{}:{}:{}",
                    r.conversation,
                    when.timestamp(),
                    key(&r.from)
                ),
                snippet: options
                    .with_text
                    .then(|| super::snippet(&r.content))
                    .flatten(),
            });
        }
    }
    let mut what = format!(
        "{} conversations, {} messages",
        conversations.len(),
        messages
    );
    if !groups.is_empty() {
        let how = if options.with_groups {
            "logged for each participant"
        } else {
            "skipped; --with-groups logs them"
        };
        what.push_str(&format!(
            ", {} group conversation{} ({how})",
            groups.len(),
            if groups.len() == 1 { "" } else { "s" }
        ));
    }
    if unreadable > 0 {
        what.push_str(&format!(
            ", {unreadable} skipped (their date could not be read)"
        ));
    }
    Ok(Archive {
        network: Some(Network::LinkedIn),
        owner: format!("https://www.{owner}"),
        files: vec![FileRead {
            files: vec![name.to_string()],
            what,
        }],
        people: people.list,
        touches,
        ..Archive::default()
    })
}

/// The owner: the sender of the rows LinkedIn filed as sent, else the one profile in every
/// conversation.
fn owner(rows: &[Row]) -> Option<String> {
    if let Some(r) = rows.iter().find(|r| r.sent && !r.from.is_empty()) {
        return Some(key(&r.from));
    }
    let mut by_conversation: FxHashMap<&str, FxHashSet<String>> = FxHashMap::default();
    for r in rows {
        let set = by_conversation.entry(&r.conversation).or_default();
        if !r.from.is_empty() {
            set.insert(key(&r.from));
        }
        set.extend(r.to.iter().map(|u| key(u)));
    }
    let mut sets = by_conversation.into_values();
    let mut common = sets.next()?;
    for s in sets {
        common.retain(|k| s.contains(k));
    }
    (common.len() == 1)
        .then(|| common.into_iter().next())
        .flatten()
}
