//! `rapport duplicates`: one pair of look-alike contacts at a time, merged or kept apart as
//! the user answers. Each answer is saved at once, so stopping half-way loses nothing.

use super::files::{open, save};
use super::{Ctx, UserError};
use crate::import::duplicates::{self, Pair};
use crate::model::{Board, Contact};
use crate::text::sanitize;
use chrono::Local;
use color_eyre::eyre::Result;
use std::io::{BufRead, Write};

/// One line about a contact: what tells two look-alikes apart.
fn summary(c: &Contact) -> String {
    let mut parts = vec![format!("{} ({})", c.name, c.id), c.stage.id().to_string()];
    parts.extend(c.company.iter().cloned());
    parts.extend(c.emails.iter().take(2).cloned());
    parts.extend(c.phones.iter().take(2).cloned());
    parts.extend(c.handles.iter().take(2).cloned());
    if !c.interactions.is_empty() {
        parts.push(format!("{} interactions", c.interactions.len()));
    }
    parts.push(format!(
        "added {}",
        c.created.with_timezone(&Local).format("%Y-%m-%d")
    ));
    sanitize(&parts.join(" · ")).into_owned()
}

fn still_there(board: &Board, p: &Pair) -> bool {
    board.get(&p.first).is_some() && board.get(&p.second).is_some()
}

pub(super) fn run(cx: &Ctx, list: bool, out: &mut dyn Write) -> Result<()> {
    let (store, mut board) = open(cx.path)?;
    let pairs = duplicates::find(&board);
    if pairs.is_empty() {
        writeln!(
            out,
            "No possible duplicates: no two contacts share a name, email, profile, phone or website."
        )?;
        return Ok(());
    }
    let total = pairs.len();
    if list {
        for p in &pairs {
            let (Some(a), Some(b)) = (board.get(&p.first), board.get(&p.second)) else {
                continue;
            };
            writeln!(
                out,
                "{}:\n  1) {}\n  2) {}",
                sanitize(&p.why),
                summary(a),
                summary(b)
            )?;
        }
        writeln!(
            out,
            "{total} possible duplicate{}. Run `rapport duplicates` to merge them or keep them apart.",
            if total == 1 { "" } else { "s" }
        )?;
        return Ok(());
    }
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let (mut merged, mut apart, mut skipped) = (0, 0, 0);
    for (n, p) in pairs.iter().enumerate() {
        if !still_there(&board, p) {
            continue;
        }
        let (Some(a), Some(b)) = (board.get(&p.first), board.get(&p.second)) else {
            continue;
        };
        writeln!(
            out,
            "\n{} of {total}: {}\n  1) {}\n  2) {}",
            n + 1,
            sanitize(&p.why),
            summary(a),
            summary(b)
        )?;
        let answer = loop {
            write!(
                out,
                "m merge 2 into 1 · M merge 1 into 2 · k keep apart · s skip · q quit: "
            )?;
            out.flush()?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                break "q".to_string();
            }
            let a = line.trim().to_string();
            if ["m", "M", "k", "s", "q"].contains(&a.as_str()) {
                break a;
            }
            writeln!(out, "Type m, M, k, s or q, then Enter.")?;
        };
        let changed = match answer.as_str() {
            "m" => duplicates::combine(&mut board, &p.first, &p.second),
            "M" => duplicates::combine(&mut board, &p.second, &p.first),
            "k" => duplicates::keep_apart(&mut board, &p.first, &p.second),
            "q" => break,
            _ => {
                skipped += 1;
                false
            }
        };
        if changed {
            save(&store, &board).map_err(|e| {
                UserError(format!(
                    "Could not save {}: {e}. Nothing after the last saved answer was kept.",
                    cx.path.display()
                ))
            })?;
            match answer.as_str() {
                "k" => {
                    apart += 1;
                    writeln!(out, "Kept apart.")?;
                }
                _ => {
                    merged += 1;
                    writeln!(out, "Merged.")?;
                }
            }
        }
    }
    writeln!(
        out,
        "\n{merged} merged, {apart} kept apart, {skipped} skipped; {} left to look at.",
        duplicates::find(&board).len()
    )?;
    Ok(())
}
