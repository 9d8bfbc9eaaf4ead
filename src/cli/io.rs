//! Contacts in and out: `rapport import` and `rapport export`.

use super::files::{refuse_board_files, save};
use super::output::stage_order;
use super::{Ctx, ExportFormat, UserError};
use crate::model::Stage;
use crate::store::{self, Store};
use crate::text::sanitize;
use crate::{export, import};
use chrono::Local;
use color_eyre::eyre::Result;
use std::io::Write;
use std::path::Path;

pub(super) fn import(
    cx: &Ctx,
    file: &Path,
    stage: Stage,
    tag: Option<&str>,
    dry_run: bool,
    out: &mut dyn Write,
) -> Result<()> {
    let bytes = store::read_regular(file).map_err(|e| {
        UserError(format!(
            "Could not read {}: {e}. Check the path and that you may read it.",
            file.display()
        ))
    })?;
    let text = import::decode(&bytes)
        .map_err(|e| UserError(format!("Could not read {}: {e}.", file.display())))?;
    let parsed = import::parse(&text, cx.today);
    let shown = file.display();
    if parsed.records.is_empty() {
        let mut msg = format!("Nothing to import from {shown}: no contact in it could be read.");
        for s in &parsed.skipped {
            let reason = s.reason.to_string();
            msg.push_str(&format!("\n  {shown}:{}: {}", s.line, sanitize(&reason)));
        }
        msg.push_str("\nThe board was not changed. rapport reads vCard files (.vcf) and CSV exports from Google, Outlook and LinkedIn.");
        return Err(UserError(msg).into());
    }
    // A dry run reads without locking; a real import holds the board for its one save.
    let (store, mut board) = if dry_run {
        (None, store::load(cx.path)?)
    } else {
        let (s, b) = Store::open(cx.path)?;
        (Some(s), b)
    };
    let report = import::merge(&mut board, &parsed.records, stage, tag, cx.now);
    for s in &parsed.skipped {
        let reason = s.reason.to_string();
        writeln!(out, "{shown}:{}: skipped: {}", s.line, sanitize(&reason))?;
    }
    if !parsed.unknown_columns.is_empty() {
        writeln!(
            out,
            "Ignored columns: {}",
            sanitize(&parsed.unknown_columns.join(", "))
        )?;
    }
    let verb = if dry_run { "Would import" } else { "Imported" };
    writeln!(
        out,
        "{verb} {shown} ({}): {} added, {} merged, {} already up to date, {} skipped.",
        parsed.flavour,
        report.added.len(),
        report.merged.len(),
        report.unchanged,
        parsed.skipped.len()
    )?;
    match store {
        Some(store) if report.changed() => save(&store, &board)?,
        Some(_) => writeln!(out, "Nothing new; the board was not changed.")?,
        None => writeln!(out, "Dry run: nothing was written.")?,
    }
    Ok(())
}

/// Every contact, in board order, to standard output or atomically to `output`.
pub(super) fn export(
    cx: &Ctx,
    format: ExportFormat,
    output: Option<&Path>,
    out: &mut dyn Write,
) -> Result<()> {
    if let Some(o) = output {
        refuse_board_files(o, cx.path)?;
    }
    let board = store::load(cx.path)?;
    let rows = stage_order(&board, None);
    let text = match format {
        ExportFormat::Json => export::json(rows, &board.settings, &Local),
        ExportFormat::Csv => export::csv(rows, &board.settings, &Local)?,
        ExportFormat::Vcf => export::vcards(rows),
        ExportFormat::Ics => crate::export_ics::ics(&board, cx.now, cx.today, &Local),
    };
    match output {
        Some(o) => {
            store::write_atomic(o, text.as_bytes(), false).map_err(|e| {
                UserError(format!(
                    "Could not write {}: {e}. Check that the folder exists and you may write there.",
                    o.display()
                ))
            })?;
            writeln!(
                out,
                "Exported {} contact{} to {}.",
                board.contacts.len(),
                if board.contacts.len() == 1 { "" } else { "s" },
                o.display()
            )?;
        }
        None => out.write_all(text.as_bytes())?,
    }
    Ok(())
}

/// `rapport merge BASE OURS THEIRS`: a git merge driver. Writes the merge of THEIRS into
/// OURS (against BASE) to OURS, as git expects; fields changed on both sides keep ours and
/// note theirs on the contact, so the merge always succeeds.
pub(super) fn merge_driver(
    cx: &Ctx,
    base: &Path,
    ours: &Path,
    theirs: &Path,
    out: &mut dyn Write,
) -> Result<()> {
    let (b, o, t) = (store::load(base)?, store::load(ours)?, store::load(theirs)?);
    let m = crate::model::merge(&b, &o, &t, cx.now);
    let text = store::to_ron(&m.board).map_err(|e| UserError(e.to_string()))?;
    store::write_atomic(ours, text.as_bytes(), false).map_err(|e| {
        UserError(format!(
            "Could not write the merge to {}: {e}.",
            ours.display()
        ))
    })?;
    say_conflicts(out, m.conflicts)
}

/// `rapport merge --into BOARD OTHER...`: folds other copies of the board (a sync tool's
/// conflict copies, rapport's own `board.conflict-*.ron`) into it, then removes each copy
/// once its content is safely in the board.
pub(super) fn merge_into(
    cx: &Ctx,
    others: &[std::path::PathBuf],
    out: &mut dyn Write,
) -> Result<()> {
    for other in others {
        refuse_board_files(other, cx.path)?;
    }
    let (store, mut board) = Store::open(cx.path)?;
    let mut conflicts = 0;
    for other in others {
        let theirs = store::load(other)?;
        // A copy has no common base with the board: every contact is matched by id, and
        // fields that differ keep the board's value and note the copy's.
        let m = crate::model::merge(&crate::model::Board::default(), &board, &theirs, cx.now);
        conflicts += m.conflicts;
        board = m.board;
    }
    save(&store, &board)?;
    for other in others {
        std::fs::remove_file(other).map_err(|e| {
            UserError(format!(
                "Merged {} into the board, but could not remove it: {e}. It is safe to delete.",
                other.display()
            ))
        })?;
        writeln!(
            out,
            "Merged {} into the board and removed it.",
            other.display()
        )?;
    }
    say_conflicts(out, conflicts)
}

fn say_conflicts(out: &mut dyn Write, conflicts: usize) -> Result<()> {
    if conflicts > 0 {
        writeln!(
            out,
            "{conflicts} field{} changed on both sides: the board's value is kept and the other is noted on the contact (see `rapport show`).",
            if conflicts == 1 { " was" } else { "s were" }
        )?;
    }
    Ok(())
}
