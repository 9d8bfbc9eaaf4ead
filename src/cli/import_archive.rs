//! `rapport import` of a data archive (X/Twitter, LinkedIn, Mastodon): the log of who you
//! talked to, put on the board in one save, with a report that is the same under
//! `--dry-run`.

use super::files::{refuse_board_files, save};
use super::io::ImportArgs;
use super::{Ctx, UserError};
use crate::import::{self, archive};
use crate::store::{self, Store};
use crate::text::sanitize;
use chrono::Local;
use color_eyre::eyre::Result;
use serde::Serialize;
use std::io::Write;

fn quoted(s: &str) -> String {
    format!("\u{201c}{}\u{201d}", sanitize(s))
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The report as `--report FILE` writes it, for scripts.
#[derive(Serialize)]
struct ReportJson<'a> {
    archive: String,
    format: &'static str,
    owner: &'a str,
    dry_run: bool,
    files: &'a [archive::FileRead],
    #[serde(flatten)]
    report: &'a archive::Report,
}

pub(super) fn import(
    cx: &Ctx,
    args: &ImportArgs,
    options: &archive::ReadOptions,
    advance: bool,
    out: &mut dyn Write,
) -> Result<()> {
    if let Some(r) = args.report {
        refuse_board_files(r, cx.path)?;
    }
    if !args.map.is_empty() {
        return Err(UserError(
            "--map names the columns of an address-book CSV; an archive has no columns to name. Leave it out.".into(),
        )
        .into());
    }
    let file = args.file;
    let shown = file.display();
    // Everything is read before the board is: a damaged file changes nothing.
    let archive = archive::read(file, options).map_err(|e| {
        UserError(format!(
            "Could not import {}: {}.\nThe board was not changed.",
            sanitize(&e.file),
            sanitize(&e.what)
        ))
    })?;
    let network = archive.network.map(|n| n.title()).unwrap_or("archive");
    let (store, mut board) = if args.dry_run {
        (None, store::load(cx.path)?)
    } else {
        let (s, b) = Store::open(cx.path)?;
        (Some(s), b)
    };

    writeln!(
        out,
        "Read {shown} ({network} of {}):",
        sanitize(&archive.owner)
    )?;
    for f in &archive.files {
        if f.files.is_empty() {
            writeln!(out, "  {}", sanitize(&f.what))?;
        } else {
            writeln!(
                out,
                "  {}: {}",
                sanitize(&f.files.join(", ")),
                sanitize(&f.what)
            )?;
        }
    }
    // LinkedIn's connections first, so messages find the people they name.
    let mut connections_changed = false;
    if let Some((name, text)) = &archive.connections {
        let parsed = import::parse(
            text,
            &import::Options {
                today: cx.today,
                map: Vec::new(),
            },
        );
        let mut merger = import::Merger::new(
            &board,
            args.stage.unwrap_or(crate::model::Stage::Casual),
            args.tag,
            cx.now,
        );
        // Like any import: new people wait in the inbox unless `--stage` places them.
        if args.stage.is_none() {
            merger = merger.to_inbox();
        }
        for record in &parsed.records {
            merger.add(&mut board, record);
        }
        let r = merger.finish();
        connections_changed = r.changed();
        writeln!(
            out,
            "  {}: {} added, {} merged, {} already up to date, of {}",
            sanitize(name),
            r.added.len(),
            r.merged.len(),
            r.unchanged_rows,
            plural(parsed.rows, "row", "rows")
        )?;
    }
    let report = archive::apply(
        &mut board,
        &archive,
        &archive::ApplyOptions {
            now: cx.now,
            advance,
            tag: args.tag,
        },
        &Local,
    );

    let describe = |l: &archive::ContactLine| {
        let mut parts = vec![plural(l.added, "interaction added", "interactions added")];
        if l.merged_with_logged > 0 {
            parts.push(format!("{} already logged by hand", l.merged_with_logged));
        }
        if l.already_imported > 0 {
            parts.push(format!("{} imported before", l.already_imported));
        }
        let mut s = format!("{} ({}): {}", quoted(&l.name), l.id, parts.join(", "));
        if !l.by.is_empty() {
            s.push_str(&format!(" (by {})", sanitize(&l.by)));
        }
        if l.mutual {
            s.push_str("; you follow each other");
        }
        s
    };
    let verb = |done: &str, would: &str| {
        if args.dry_run {
            would.to_string()
        } else {
            done.to_string()
        }
    };
    if !report.created.is_empty() {
        writeln!(
            out,
            "{} {} in {} (people you exchanged messages with):",
            verb("Created", "Would create"),
            plural(report.created.len(), "contact", "contacts"),
            archive::LANDING
        )?;
        for l in &report.created {
            writeln!(out, "  {}", describe(l))?;
        }
    }
    if !report.matched.is_empty() {
        writeln!(
            out,
            "Matched {} on the board:",
            plural(report.matched.len(), "contact", "contacts")
        )?;
        for l in &report.matched {
            writeln!(out, "  {}", describe(l))?;
        }
    }
    if !report.suggestions.is_empty() {
        let n = report.suggestions.len();
        // A few names say who; the rest are counted.
        let mut names: Vec<String> = report
            .suggestions
            .iter()
            .take(10)
            .map(|s| quoted(&s.name))
            .collect();
        if n > names.len() {
            names.push(format!("and {} more", n - names.len()));
        }
        let from = report.suggestions[0].from;
        let same_from = report.suggestions.iter().all(|s| s.from == from);
        let verb_sit = if n == 1 { "sits" } else { "sit" };
        let sit = if same_from {
            format!("{verb_sit} in {}", from.title())
        } else {
            format!("{verb_sit} in an earlier stage")
        };
        let who = if n == 1 { "contact" } else { "contacts" };
        let them = if n == 1 { "it" } else { "them" };
        if advance {
            writeln!(
                out,
                "{} {n} {who} who exchanged DMs with you to Direct messages: {}.",
                verb("Moved", "Would move"),
                names.join(", ")
            )?;
        } else {
            writeln!(
                out,
                "{n} {who} exchanged DMs with you but {sit}: {}. `--advance` moves {them} to Direct messages.",
                names.join(", ")
            )?;
        }
    }
    let logged: usize = report
        .created
        .iter()
        .chain(&report.matched)
        .map(|l| l.merged_with_logged)
        .sum();
    let before: usize = report
        .created
        .iter()
        .chain(&report.matched)
        .map(|l| l.already_imported)
        .sum();
    writeln!(
        out,
        "{} {shown}: {} created, {} matched, {} added ({} already logged by hand, {} imported before).",
        verb("Imported", "Would import"),
        report.created.len(),
        report.matched.len(),
        plural(report.interactions_added, "interaction", "interactions"),
        logged,
        before
    )?;
    if let Some(path) = args.report {
        let json = ReportJson {
            archive: shown.to_string(),
            format: network,
            owner: &archive.owner,
            dry_run: args.dry_run,
            files: &archive.files,
            report: &report,
        };
        let mut text = serde_json::to_string_pretty(&json)?;
        text.push('\n');
        store::write_atomic(path, text.as_bytes(), false).map_err(|e| {
            UserError(format!(
                "Could not write the report to {}: {e}. Check that the folder exists and you may write there.",
                path.display()
            ))
        })?;
        writeln!(out, "The report is in {}.", path.display())?;
    }
    match store {
        Some(store) if report.changed() || connections_changed => save(&store, &board)?,
        Some(_) => writeln!(out, "Nothing new; the board was not changed.")?,
        None => writeln!(out, "Dry run: nothing was written.")?,
    }
    Ok(())
}
