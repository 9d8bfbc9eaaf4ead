//! Commands that put a contact aside or plan ahead: archive, restore, pause, and the
//! agenda.

use super::files::{open, save};
use super::{Ctx, ShowFormat, UserError};
use crate::agenda;
use crate::dates::{self, Due};
use crate::model::Archived;
use crate::store;
use crate::text::sanitize;
use chrono::Local;
use color_eyre::eyre::{self, Result};
use std::io::Write;

pub(super) fn archive(cx: &Ctx, contact: &str, reason: &str, out: &mut dyn Write) -> Result<()> {
    let (store, mut board) = open(cx.path)?;
    let id = board.resolve(contact)?.id.clone();
    let c = board
        .get_mut(&id)
        .ok_or_else(|| eyre::eyre!("contact vanished"))?;
    let name = sanitize(&c.name).into_owned();
    if let Some(a) = &c.archived {
        writeln!(
            out,
            "{name} was already archived on {}; nothing changed.",
            a.at.with_timezone(&Local).format("%Y-%m-%d")
        )?;
        return Ok(());
    }
    c.archived = Some(Box::new(Archived {
        at: cx.now,
        reason: reason.trim().to_string(),
    }));
    save(&store, &board)?;
    writeln!(
        out,
        "Archived {name}. `rapport restore {id}` brings them back."
    )?;
    Ok(())
}

pub(super) fn restore(cx: &Ctx, contact: &str, out: &mut dyn Write) -> Result<()> {
    let (store, mut board) = open(cx.path)?;
    let id = board.resolve(contact)?.id.clone();
    let c = board
        .get_mut(&id)
        .ok_or_else(|| eyre::eyre!("contact vanished"))?;
    let name = sanitize(&c.name).into_owned();
    if c.archived.take().is_none() {
        return Err(UserError(format!("{name} is not archived; nothing changed.")).into());
    }
    let stage = c.stage;
    let inbox = c.inbox;
    save(&store, &board)?;
    if inbox {
        writeln!(out, "Restored {name} to the inbox.")?;
    } else {
        writeln!(out, "Restored {name} to {}.", stage.title())?;
    }
    Ok(())
}

pub(super) fn pause(cx: &Ctx, contact: &str, until: &str, out: &mut dyn Write) -> Result<()> {
    let (store, mut board) = open(cx.path)?;
    let id = board.resolve(contact)?.id.clone();
    let day = dates::parse_date(until, cx.today)?;
    if let Some(d) = day
        && d <= cx.today
    {
        return Err(UserError(format!(
            "{} is not after today; pick a later day, or `none` to end the pause.",
            d.format("%Y-%m-%d")
        ))
        .into());
    }
    let c = board
        .get_mut(&id)
        .ok_or_else(|| eyre::eyre!("contact vanished"))?;
    c.paused_until = day;
    let name = sanitize(&c.name).into_owned();
    save(&store, &board)?;
    match day {
        Some(d) => writeln!(
            out,
            "Paused {name} until {} ({}): out of the review until then.",
            d.format("%a %-d %b %Y"),
            Due::of(d, cx.today)
        )?,
        None => writeln!(out, "{name} is no longer paused.")?,
    }
    Ok(())
}

pub(super) fn agenda(cx: &Ctx, days: u32, format: ShowFormat, out: &mut dyn Write) -> Result<()> {
    let board = store::load(cx.path)?;
    let days = days.clamp(1, 366);
    let agenda = agenda::agenda(&board, cx.now, cx.today, days, &Local);
    if format == ShowFormat::Json {
        let v: Vec<serde_json::Value> = agenda
            .iter()
            .map(|d| {
                serde_json::json!({
                    "day": d.day.map(|x| x.to_string()),
                    "contacts": d.entries.iter().filter_map(|e| {
                        let c = board.get(&e.id)?;
                        Some(serde_json::json!({
                            "id": c.id.as_str(),
                            "name": c.name,
                            "stage": c.stage.id(),
                            "due": e.due.to_string(),
                            "next_step": e.next_step,
                        }))
                    }).collect::<Vec<_>>(),
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
        return Ok(());
    }
    if agenda.is_empty() {
        let span = if days == 1 {
            "today".to_string()
        } else {
            format!("in the next {days} days")
        };
        writeln!(out, "Nobody is due {span}.")?;
        return Ok(());
    }
    for (i, d) in agenda.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        match d.day {
            None => writeln!(out, "Overdue")?,
            Some(day) if day == cx.today => writeln!(out, "Today · {}", day.format("%a %-d %b"))?,
            Some(day) => writeln!(out, "{}", day.format("%a %-d %b"))?,
        }
        for e in &d.entries {
            let Some(c) = board.get(&e.id) else {
                continue;
            };
            let due = match d.day {
                None => format!(" ({})", Due::of(e.due, cx.today)),
                Some(_) => String::new(),
            };
            writeln!(
                out,
                "  {}  [{}]{due}: {}",
                sanitize(&c.name),
                c.stage.id(),
                e.next_step
            )?;
        }
    }
    Ok(())
}
