//! Commands that read the board and change nothing: list, due, stats, check.

use super::output::{empty_board_hint, stage_order, write_table};
use super::{Ctx, Format, Place, ShowFormat, UserError};
use crate::dates::Due;
use crate::model::{Contact, ContactId, Stage};
use crate::query::Query;
use crate::tally::Tally;
use crate::text::sanitize;
use crate::{config, export, stats, store};
use chrono::Local;
use color_eyre::eyre::Result;
use std::io::Write;

pub(super) fn list(
    cx: &Ctx,
    stage: Option<Place>,
    archived: bool,
    filter: Option<&str>,
    format: Format,
    out: &mut dyn Write,
) -> Result<()> {
    let board = store::load(cx.path)?;
    let query = match filter {
        Some(f) => {
            let q = Query::parse(f, cx.today);
            if let Some(p) = q.problems.first() {
                return Err(UserError(format!("{p}. Nothing was listed.")).into());
            }
            Some(q)
        }
        None => None,
    };
    let mut rows: Vec<&Contact> = match (archived, stage) {
        (true, _) => board.archived().collect(),
        (false, Some(Place::Inbox)) => board.inbox().collect(),
        (false, Some(Place::Stage(s))) => on_board(stage_order(&board, Some(s))),
        // A filter that asks for the archive or the inbox looks everywhere.
        (false, None) if query.as_ref().is_some_and(Query::wants_off_board) => {
            board.iter().collect()
        }
        (false, None) => on_board(stage_order(&board, None)),
    };
    if archived && let Some(Place::Stage(s)) = stage {
        rows.retain(|c| c.stage == s);
    }
    if let Some(q) = &query {
        rows.retain(|c| q.matches(c, &board.settings, cx.today, &Local));
    }
    match format {
        Format::Json => out.write_all(export::json(rows, &board.settings, &Local).as_bytes())?,
        Format::Csv => out.write_all(export::csv(rows, &board.settings, &Local)?.as_bytes())?,
        Format::Table => {
            if board.contacts.is_empty() {
                writeln!(out, "{}", empty_board_hint())?;
            } else if rows.is_empty() {
                writeln!(out, "{}", nobody(archived, stage, filter))?;
            } else {
                write_table(out, &board, &rows, cx.today)?;
            }
        }
    }
    Ok(())
}

/// Only those in the columns.
fn on_board(rows: Vec<&Contact>) -> Vec<&Contact> {
    rows.into_iter().filter(|c| c.on_board()).collect()
}

/// What an empty list says.
fn nobody(archived: bool, stage: Option<Place>, filter: Option<&str>) -> String {
    let mut s = match (archived, stage) {
        (true, _) => "Nobody archived".to_string(),
        (false, Some(Place::Inbox)) if filter.is_none() => "The inbox is empty".to_string(),
        (false, Some(Place::Inbox)) => "Nobody in the inbox".to_string(),
        (false, Some(Place::Stage(s))) => format!("Nobody in {}", s.title()),
        (false, None) => "Nobody".to_string(),
    };
    if let Some(f) = filter {
        s.push_str(&format!(" matches \"{}\"", sanitize(f)));
    }
    s.push('.');
    s
}

pub(super) fn due(cx: &Ctx, format: Format, out: &mut dyn Write) -> Result<()> {
    let today = cx.today;
    let board = store::load(cx.path)?;
    let tally = Tally::new(&board, &Local);
    let by_id: std::collections::HashMap<&ContactId, &Contact> =
        board.iter().map(|c| (&c.id, c)).collect();
    let rows: Vec<&Contact> = tally
        .queue(today)
        .iter()
        .filter_map(|id| by_id.get(id).copied())
        .collect();
    match format {
        Format::Json => out.write_all(export::json(rows, &board.settings, &Local).as_bytes())?,
        Format::Csv => out.write_all(export::csv(rows, &board.settings, &Local)?.as_bytes())?,
        Format::Table if rows.is_empty() => match tally
            .next_due(today)
            .and_then(|(d, id)| Some((d, *by_id.get(id)?)))
        {
            Some((d, c)) => writeln!(
                out,
                "All caught up. Next: {} {}.",
                sanitize(&c.name),
                Due::of(d, today)
            )?,
            None if board.contacts.is_empty() => writeln!(out, "{}", empty_board_hint())?,
            None => writeln!(out, "All caught up.")?,
        },
        Format::Table => write_table(out, &board, &rows, today)?,
    }
    Ok(())
}

pub(super) fn stats(cx: &Ctx, format: ShowFormat, out: &mut dyn Write) -> Result<()> {
    let board = store::load(cx.path)?;
    let st = crate::tally::stats(&board, cx.now, cx.today, &Local);
    match format {
        ShowFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&st)?)?,
        ShowFormat::Text => write!(out, "{}", stats::text(&st))?,
    }
    Ok(())
}

/// Whether the board and the config are sound, with the counts per stage.
pub(super) fn check(cx: &Ctx, out: &mut dyn Write) -> Result<()> {
    let path = cx.path;
    let board = store::load(path)?;
    let exists = path.exists();
    let counts = board.counts();
    writeln!(
        out,
        "{} is {}: {} contact{}.",
        path.display(),
        if exists {
            "valid"
        } else {
            "not created yet (an empty board)"
        },
        board.contacts.len(),
        if board.contacts.len() == 1 { "" } else { "s" }
    )?;
    for s in Stage::ALL {
        writeln!(out, "  {:<22} {:>6}", s.title(), counts[s.index()])?;
    }
    let config = config::path();
    let loaded = config::load(config.as_deref(), false, false);
    match config {
        Some(p) if !p.exists() => writeln!(
            out,
            "Config: {} is not there; the defaults apply.",
            p.display()
        )?,
        Some(p) if loaded.problems.is_empty() && loaded.warnings.is_empty() => {
            writeln!(out, "Config: {} is fine.", p.display())?
        }
        Some(p) if loaded.problems.is_empty() => {
            writeln!(out, "Config: {} works, but:", p.display())?;
            for warning in &loaded.warnings {
                writeln!(out, "  {}", sanitize(warning))?;
            }
        }
        Some(p) => {
            writeln!(
                out,
                "Config: {} has problems; those parts use the defaults:",
                p.display()
            )?;
            for problem in &loaded.problems {
                writeln!(out, "  {}", sanitize(problem))?;
            }
            for warning in &loaded.warnings {
                writeln!(out, "  note: {}", sanitize(warning))?;
            }
        }
        None => writeln!(
            out,
            "Config: no config folder was found; the defaults apply."
        )?,
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_list_says_who_was_looked_for() {
        assert_eq!(
            nobody(false, Some(Place::Inbox), None),
            "The inbox is empty."
        );
        assert_eq!(
            nobody(false, Some(Place::Inbox), Some("zzz")),
            "Nobody in the inbox matches \"zzz\"."
        );
        assert_eq!(
            nobody(true, None, Some("ann")),
            "Nobody archived matches \"ann\"."
        );
    }
}
