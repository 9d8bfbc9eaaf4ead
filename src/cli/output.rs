//! Everything the commands print beyond a one-line confirmation: the contact table, the
//! `show` detail text, the empty-board hint, and how changed fields are named.

use crate::dates::{self, Due};
use crate::describe;
use crate::model::{Board, Contact, Field, Stage};
use crate::text::{pad, sanitize, sanitize_multiline, width};
use chrono::{Local, NaiveDate};
use color_eyre::eyre::Result;
use std::io::Write;

/// The order `rapport edit` names changed fields in ("name, tags, company, kinds, cadence"):
/// lists before the company, unlike the form's order (`Field::ALL`).
const MESSAGE_ORDER: [Field; 10] = [
    Field::Name,
    Field::Handles,
    Field::Emails,
    Field::Phones,
    Field::Tags,
    Field::Company,
    Field::Kinds,
    Field::FollowUp,
    Field::Notes,
    Field::Cadence,
];

/// "name, tags, cadence": the changed fields' words, in the order messages name them.
pub(super) fn field_words(changed: &[Field]) -> String {
    let mut fields = changed.to_vec();
    fields.sort_by_key(|f| MESSAGE_ORDER.iter().position(|m| m == f));
    fields
        .iter()
        .map(|f| f.word())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The detail view as text, for `rapport show`.
pub(super) fn write_detail(
    out: &mut dyn Write,
    board: &Board,
    c: &Contact,
    today: NaiveDate,
) -> Result<()> {
    let s = &board.settings;
    let row = |out: &mut dyn Write, label: &str, value: &str| -> std::io::Result<()> {
        if value.is_empty() {
            return Ok(());
        }
        writeln!(out, "{:<11} {}", format!("{label}:"), sanitize(value))
    };
    writeln!(out, "{}  ({})", sanitize(&c.name), c.id)?;
    let stage = if c.inbox && c.archived.is_none() {
        // Not in a column yet: no time in a stage to speak of.
        "in the inbox, not placed yet (`rapport triage` places it in a stage)".to_string()
    } else {
        format!(
            "{} · {}",
            c.stage.title(),
            describe::time_in_stage(c, today)
        )
    };
    row(out, "Stage", &stage)?;
    if let Some(st) = describe::standing(c, today) {
        row(out, "Standing", &st)?;
    }
    row(out, "Handles", &c.handles.join(", "))?;
    row(out, "Emails", &c.emails.join(", "))?;
    row(out, "Phones", &c.phones.join(", "))?;
    row(out, "Company", c.company.as_deref().unwrap_or(""))?;
    if let Some(d) = c.met {
        row(out, "Met", &d.format("%-d %b %Y").to_string())?;
    }
    row(out, "Kinds", &describe::kinds(c))?;
    row(out, "Tags", &c.tags.join(", "))?;
    row(out, "Last", &describe::last_touch(c, today))?;
    match describe::due(c, s, today) {
        Some((day, state, why)) => row(
            out,
            "Due",
            &format!("{} ({state}) — {why}", day.format("%Y-%m-%d")),
        )?,
        None => row(out, "Due", describe::no_due(c))?,
    }
    row(out, "Cadence", &describe::cadence(c, s))?;
    if let Some(r) = c.reciprocity() {
        row(out, "Balance", &r.to_string())?;
    }
    let elsewhere = describe::conflicts(c);
    if !elsewhere.is_empty() {
        writeln!(out, "\n{}:", describe::CONFLICTS_HEADING)?;
        for line in elsewhere {
            writeln!(out, "  {}", sanitize_multiline(&line))?;
        }
    }
    if !c.notes.trim().is_empty() {
        writeln!(out, "\nNotes:")?;
        for line in sanitize_multiline(&c.notes).lines() {
            writeln!(out, "  {line}")?;
        }
    }
    if !c.stage_history.is_empty() {
        writeln!(out, "\nStage history:")?;
    }
    for h in &c.stage_history {
        writeln!(
            out,
            "  {}  {}",
            h.at.with_timezone(&Local).format("%Y-%m-%d"),
            h.stage.title()
        )?;
    }
    if c.interactions.is_empty() {
        writeln!(out, "\nNo interactions yet; log one with `rapport log`.")?;
    } else {
        writeln!(out, "\nInteractions, newest first:")?;
        for i in c.interactions_newest_first() {
            writeln!(
                out,
                "  {}  {:<7} {:<4}  {}",
                i.at.with_timezone(&Local).format("%Y-%m-%d"),
                i.channel.id(),
                i.from.id(),
                sanitize(i.note.as_deref().unwrap_or(""))
            )?;
        }
    }
    Ok(())
}

pub fn empty_board_hint() -> &'static str {
    "Your board is empty. Add someone with `rapport add \"Becky Chen\" --handle @becky`, \
bring in an address book with `rapport import contacts.vcf` (or a LinkedIn/Google/Outlook CSV), \
or try the sample board with `rapport --demo`."
}

/// Every contact in board order: by stage, then the user's order within the stage. Those
/// in the inbox or the archive come with their stage (exports keep everyone).
pub(super) fn stage_order(board: &Board, only: Option<Stage>) -> Vec<&Contact> {
    Stage::ALL
        .into_iter()
        .filter(|s| only.is_none_or(|o| o == *s))
        .flat_map(|s| board.iter().filter(move |c| c.stage == s))
        .collect()
}

pub(super) fn write_table(
    out: &mut dyn Write,
    board: &Board,
    rows: &[&Contact],
    today: NaiveDate,
) -> Result<()> {
    let header = ["STAGE", "NAME", "HANDLES", "LAST CONTACT", "DUE"];
    let cells: Vec<[String; 5]> = rows
        .iter()
        .map(|c| {
            let last = c
                .last_contact()
                .map(|t| dates::ago(t.with_timezone(&Local).date_naive(), today))
                .unwrap_or_else(|| "never".into());
            let due = c
                .due_date(&board.settings, &Local)
                .map(|d| format!("{} ({})", d.format("%Y-%m-%d"), Due::of(d, today)))
                .unwrap_or_else(|| "—".into());
            let place = if c.archived.is_some() {
                "archived"
            } else if c.inbox {
                "inbox"
            } else {
                c.stage.id()
            };
            [
                place.to_string(),
                sanitize(&c.name).into_owned(),
                sanitize(&c.handles.join(", ")).into_owned(),
                last,
                due,
            ]
        })
        .collect();
    let caps = [8, 32, 32, 14, 28];
    let mut widths = header.map(width);
    for row in &cells {
        for (i, cell) in row.iter().enumerate() {
            widths[i] = widths[i].max(width(cell)).min(caps[i]);
        }
    }
    let line = |cols: [&str; 5]| -> String {
        let mut s = String::new();
        for (i, cell) in cols.iter().enumerate() {
            if i + 1 == cols.len() {
                s.push_str(cell);
            } else {
                s.push_str(&pad(cell, widths[i]));
                s.push_str("  ");
            }
        }
        s.trim_end().to_string()
    };
    writeln!(out, "{}", line(header))?;
    for row in &cells {
        writeln!(out, "{}", line(row.each_ref().map(|s| s.as_str())))?;
    }
    Ok(())
}
