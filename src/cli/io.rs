//! Contacts in and out: `rapport import` and `rapport export`.

use super::files::{refuse_board_files, same_file, save};
use super::output::stage_order;
use super::{Ctx, ExportFormat, UserError};
use crate::model::Stage;
use crate::store::{self, Store};
use crate::text::sanitize;
use crate::{export, import};
use chrono::Local;
use color_eyre::eyre::Result;
use serde::Serialize;
use std::io::{Read, Seek, SeekFrom, Write};
use std::ops::ControlFlow;
use std::path::Path;

/// What `rapport import` was asked to do.
pub(crate) struct ImportArgs<'a> {
    pub file: &'a Path,
    pub stage: Option<Stage>,
    pub tag: Option<&'a str>,
    pub dry_run: bool,
    pub map: &'a [String],
    pub report: Option<&'a Path>,
}

/// The import as `--report FILE` writes it, for scripts.
#[derive(Serialize)]
struct ReportJson<'a> {
    file: String,
    format: &'static str,
    encoding: &'static str,
    encoding_guessed: bool,
    delimiter: Option<String>,
    dry_run: bool,
    rows: usize,
    added: Vec<AddedJson<'a>>,
    merged: &'a [import::Matched],
    unchanged: &'a [import::Matched],
    possible_duplicates: &'a [import::Duplicate],
    skipped: Vec<SkippedJson>,
    unused_columns: &'a [String],
    settings_restored: bool,
}

#[derive(Serialize)]
struct AddedJson<'a> {
    line: usize,
    name: &'a str,
    id: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    named_from: Option<&'static str>,
}

#[derive(Serialize)]
struct SkippedJson {
    line: usize,
    reason: String,
}

fn quoted(s: &str) -> String {
    format!("\u{201c}{}\u{201d}", sanitize(s))
}

pub(super) fn import(cx: &Ctx, args: ImportArgs, out: &mut dyn Write) -> Result<()> {
    let file = args.file;
    let map = args
        .map
        .iter()
        .map(|m| import::parse_map(m))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| UserError(format!("{e}.")))?;
    if let Some(r) = args.report {
        refuse_board_files(r, cx.path)?;
        if same_file(r, file) {
            return Err(UserError(format!(
                "{} is the file being imported; rapport will not write the report over it. Choose another file name for --report.",
                r.display()
            ))
            .into());
        }
    }
    let cannot_read = |e: std::io::Error| {
        UserError(format!(
            "Could not read {}: {e}. Check the path and that you may read it.",
            file.display()
        ))
    };
    let (mut input, _) = store::open_regular(file).map_err(cannot_read)?;
    // A file in UTF-8 (most are) is read as it goes, never whole; others are decoded whole.
    enum Source {
        Streamed(import::Checked),
        Whole(import::Decoded),
    }
    let checked = import::streams_as_utf8(&mut input)
        .and_then(|s| input.seek(SeekFrom::Start(0)).map(|_| s))
        .map_err(cannot_read)?;
    let source = match checked {
        Some(checked) => Source::Streamed(checked),
        None => {
            let mut bytes = Vec::new();
            (&mut input)
                .take(store::MAX_FILE_BYTES)
                .read_to_end(&mut bytes)
                .map_err(cannot_read)?;
            Source::Whole(
                import::decode(bytes)
                    .map_err(|e| UserError(format!("Could not read {}: {e}.", file.display())))?,
            )
        }
    };
    let (encoding, guessed) = match &source {
        Source::Streamed(_) => ("UTF-8", false),
        Source::Whole(d) => (d.encoding, d.guessed),
    };
    let options = import::Options {
        today: cx.today,
        map,
    };
    // The board is opened at the first record (a file with none never touches it), and
    // each record is merged as it is read, so the rows are never all held at once.
    struct Open {
        store: Option<Store>,
        board: crate::model::Board,
        fresh: bool,
        merger: import::Merger,
    }
    let mut open: Option<Open> = None;
    let mut failed = None;
    let mut each = |r: import::Record| {
        if open.is_none() {
            // A dry run reads without locking; a real import holds the board for its one save.
            let got = if args.dry_run {
                store::load(cx.path).map(|b| (None, b))
            } else {
                Store::open(cx.path).map(|(s, b)| (Some(s), b))
            };
            let (store, board) = match got {
                Ok(got) => got,
                Err(e) => {
                    failed = Some(e);
                    return ControlFlow::Break(());
                }
            };
            let merger = import::Merger::new(
                &board,
                args.stage.unwrap_or(Stage::Casual),
                args.tag,
                cx.now,
            );
            // People arriving in bulk wait in the inbox, never due, until triage places
            // them (`--stage` places them at once; rapport's own exports keep their stages).
            let merger = if args.stage.is_none() {
                merger.to_inbox()
            } else {
                merger
            };
            let merger = if args.report.is_some() {
                merger.listing_unchanged()
            } else {
                merger
            };
            open = Some(Open {
                fresh: board.contacts.is_empty(),
                store,
                board,
                merger,
            });
        }
        if let Some(o) = open.as_mut() {
            o.merger.add(&mut o.board, &r);
        }
        ControlFlow::Continue(())
    };
    let parsed = match source {
        Source::Whole(d) => import::parse_each(&d.text, &options, &mut each),
        Source::Streamed(checked) => {
            let mut reread = import::Rereading::new(input, checked);
            let parsed =
                import::parse_each_from(&mut reread, &options, &mut each).map_err(cannot_read)?;
            // Only the bytes the first pass found plain UTF-8 may be imported.
            if failed.is_none() && !reread.same() {
                return Err(UserError(format!(
                    "{} changed while it was being imported (is another program still writing it?). Nothing was imported; try again once it is complete.",
                    file.display()
                ))
                .into());
            }
            parsed
        }
    };
    if let Some(e) = failed {
        return Err(e.into());
    }
    let shown = file.display();
    let write_report = |report: &import::Report, board: &crate::model::Board| -> Result<()> {
        let Some(path) = args.report else {
            return Ok(());
        };
        let json = ReportJson {
            file: file.display().to_string(),
            format: parsed.flavour,
            encoding,
            encoding_guessed: guessed,
            delimiter: parsed.delimiter.map(|d| char::from(d).to_string()),
            dry_run: args.dry_run,
            rows: parsed.rows,
            added: report
                .added
                .iter()
                .filter_map(|a| {
                    let c = board.contacts.get(a.at as usize)?;
                    Some(AddedJson {
                        line: a.line,
                        name: &c.name,
                        id: c.id.as_str(),
                        named_from: a.named_from.map(|n| n.word()),
                    })
                })
                .collect(),
            merged: &report.merged,
            unchanged: &report.unchanged,
            possible_duplicates: &report.possible_duplicates,
            skipped: parsed
                .skipped
                .iter()
                .map(|s| SkippedJson {
                    line: s.line,
                    reason: s.reason.to_string(),
                })
                .collect(),
            unused_columns: &parsed.unknown_columns,
            settings_restored: report.settings_restored,
        };
        let mut text = serde_json::to_string_pretty(&json)?;
        text.push('\n');
        store::write_atomic(path, text.as_bytes(), false).map_err(|e| {
            UserError(format!(
                "Could not write the report to {}: {e}. Check that the folder exists and you may write there.",
                path.display()
            ))
        })?;
        Ok(())
    };
    let Some(Open {
        store,
        mut board,
        fresh,
        merger,
    }) = open
    else {
        write_report(&import::Report::default(), &crate::model::Board::default())?;
        if parsed.blank {
            return Err(UserError(format!(
                "{shown} is empty: there is nothing to import. The board was not changed."
            ))
            .into());
        }
        if parsed.rows == 0 && parsed.skipped.is_empty() {
            let why = if parsed.delimiter.is_some() {
                "it has a header row but no rows below it"
            } else {
                "it holds no contacts"
            };
            return Err(UserError(format!(
                "Nothing to import from {shown}: {why}. The board was not changed."
            ))
            .into());
        }
        let mut msg = format!("Nothing to import from {shown}: no contact in it could be read.");
        for s in &parsed.skipped {
            let reason = s.reason.to_string();
            msg.push_str(&format!("\n  {shown}:{}: {}", s.line, sanitize(&reason)));
        }
        if guessed {
            msg.push_str(&format!("\nThe file does not say which encoding it uses; it was read as {encoding}. If that is wrong, save it as UTF-8 and import it again."));
        }
        msg.push_str("\nThe board was not changed. rapport reads vCard files (.vcf), CSV exports (Google, Outlook, LinkedIn, Thunderbird, CRMs, simple sheets) and its own JSON export.");
        return Err(UserError(msg).into());
    };
    // A backup's settings go only into a board that had no contacts before.
    let restored = fresh
        && parsed
            .board
            .as_ref()
            .is_some_and(|v| import::restore_board_values(&mut board, v));
    let mut report = merger.finish();
    report.settings_restored = restored;
    let to_inbox = if args.stage.is_none() {
        report.added.iter().filter(|a| !a.own_stage).count()
    } else {
        0
    };
    write_report(&report, &board)?;

    // Every row that did more than become a plain new contact, in file order.
    let mut lines: Vec<(usize, String)> = Vec::new();
    for s in &parsed.skipped {
        lines.push((
            s.line,
            format!("skipped: {}", sanitize(&s.reason.to_string())),
        ));
    }
    for m in &report.merged {
        let whom = if m.name == m.into {
            quoted(&m.into)
        } else {
            format!("{} merged into {}", quoted(&m.name), quoted(&m.into))
        };
        let verb = if m.name == m.into { " filled in" } else { "" };
        lines.push((m.line, format!("{whom}{verb} (by {})", sanitize(&m.by))));
    }
    for a in &report.added {
        if let (Some(from), Some(c)) = (a.named_from, board.contacts.get(a.at as usize)) {
            let from = from.word();
            lines.push((
                a.line,
                format!(
                    "no name in the file; added as {} (from the {from})",
                    quoted(&c.name)
                ),
            ));
        }
    }
    for d in &report.possible_duplicates {
        lines.push((
            d.line,
            format!(
                "added {}; may be the same person as {} ({}, {})",
                quoted(&d.name),
                quoted(&d.other),
                sanitize(&d.why),
                d.other_id
            ),
        ));
    }
    lines.sort_by_key(|(line, _)| *line);
    for (line, text) in &lines {
        writeln!(out, "{shown}:{line}: {text}")?;
    }
    if !parsed.unknown_columns.is_empty() {
        writeln!(
            out,
            "Ignored columns: {}",
            sanitize(&parsed.unknown_columns.join(", "))
        )?;
    }
    let mut read_as = Vec::new();
    if guessed {
        read_as.push(format!(
            "{encoding} (a guess: the file does not say which encoding it uses)"
        ));
    } else if encoding != "UTF-8" {
        read_as.push(encoding.to_string());
    }
    match parsed.delimiter {
        Some(b';') => read_as.push("semicolon-separated".into()),
        Some(b'\t') => read_as.push("tab-separated".into()),
        _ => {}
    }
    if !read_as.is_empty() {
        writeln!(out, "Read {shown} as {}.", read_as.join(", "))?;
    }
    let verb = if args.dry_run {
        "Would import"
    } else {
        "Imported"
    };
    writeln!(
        out,
        "{verb} {shown} ({}): {} added, {} merged, {} already up to date, {} skipped, of {} {}.",
        parsed.flavour,
        report.added.len(),
        report.merged.len(),
        report.unchanged_rows,
        parsed.skipped.len(),
        parsed.rows,
        if parsed.flavour == "vCard" {
            "cards"
        } else {
            "rows"
        },
    )?;
    if to_inbox > 0 {
        writeln!(
            out,
            "{} new contact{} wait{} in the inbox, not due until placed: `rapport triage` (or I on the board) places them one at a time; `--stage` places an import at once.",
            to_inbox,
            if to_inbox == 1 { "" } else { "s" },
            if to_inbox == 1 { "s" } else { "" },
        )?;
    }
    if restored {
        writeln!(
            out,
            "The board's settings, last review and streak were restored from the backup."
        )?;
    }
    let dups = report.possible_duplicates.len();
    if dups > 0 {
        writeln!(
            out,
            "{dups} new contact{} may be the same person as another; `rapport duplicates` goes through them to merge or keep apart.",
            if dups == 1 { "" } else { "s" }
        )?;
    }
    if let Some(r) = args.report {
        writeln!(out, "The report is in {}.", r.display())?;
    }
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
        ExportFormat::Json => export::backup(&board, rows, &Local),
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
