//! One row into a `Record`: each mapped cell sets its detail, the name is made from its
//! parts, and lists are split as the writing program joins them.

use super::columns::{Column, HeaderContext};
use crate::import::{Record, SkipReason, given, is_placeholder, tags as clean_tags};
use crate::model::{Channel, Interaction, Kind, Stage, StageChange, Who};
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeSet;

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
pub(super) fn split_escaped(cell: &str) -> Vec<String> {
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
pub(super) fn unguard(cell: &str) -> &str {
    cell.strip_prefix('\'').unwrap_or(cell)
}

pub(super) fn record(
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
            // rapport's export writes "inbox" for a contact not yet placed: no stage, so it
            // waits in the inbox again (or goes where `--stage` says).
            Column::Stage if cell.trim().eq_ignore_ascii_case("inbox") => {}
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
