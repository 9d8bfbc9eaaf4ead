//! Command-line interface: the clap types, and `run`, which hands each subcommand to where
//! it lives: `contacts` changes or shows one contact (add, edit, move, log, follow-up, show),
//! `views` reads the board (list, due, stats, check), `io` imports and exports. `output`
//! formats for the terminal, `errors` turns errors into sentences, `files` finds, opens and
//! saves the board.

mod args;
mod aside;
mod contacts;
mod duplicates;
mod errors;
mod files;
mod import_archive;
mod io;
mod output;
mod views;

pub use args::{AddArgs, Cli, Command, EditArgs, ExportFormat, Format, Place, ShowFormat};
pub use errors::{UserError, is_broken_pipe, user_message};
pub use files::board_path;
pub use output::empty_board_hint;

use crate::clock;
use chrono::{DateTime, NaiveDate, Utc};
use color_eyre::eyre::Result;
use std::io::Write;
use std::path::Path;

/// What every command runs against: the board file, and the moment it runs.
struct Ctx<'a> {
    path: &'a Path,
    now: DateTime<Utc>,
    today: NaiveDate,
}

/// What `main` does after `run`: nothing more, or open the app (on the daily review).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Next {
    Done,
    OpenApp {
        /// What to open on: the daily review, triage.
        start: Option<crate::action::Action>,
    },
}

/// Runs a command against the board at `path`; no command, and `review`, open the app.
pub fn run(command: Option<Command>, path: &Path, out: &mut dyn Write) -> Result<Next> {
    let command = match command {
        None => return Ok(Next::OpenApp { start: None }),
        Some(Command::Review) => {
            return Ok(Next::OpenApp {
                start: Some(crate::action::Action::Review),
            });
        }
        Some(c) => c,
    };
    let now = clock::now();
    let cx = Ctx {
        path,
        now,
        today: clock::today(now),
    };
    match command {
        Command::Path => writeln!(out, "{}", path.display())?,
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "rapport", out);
        }
        Command::Review => {
            return Ok(Next::OpenApp {
                start: Some(crate::action::Action::Review),
            });
        }
        Command::Triage => {
            return Ok(Next::OpenApp {
                start: Some(crate::action::Action::Triage),
            });
        }
        Command::List {
            stage,
            archived,
            filter,
            format,
        } => views::list(&cx, stage, archived, filter.as_deref(), format, out)?,
        Command::Archive { contact, reason } => aside::archive(&cx, &contact, &reason, out)?,
        Command::Restore { contact } => aside::restore(&cx, &contact, out)?,
        Command::Pause { contact, until } => aside::pause(&cx, &contact, &until, out)?,
        Command::Agenda { days, format } => aside::agenda(&cx, days, format, out)?,
        Command::Due { format } => views::due(&cx, format, out)?,
        Command::Stats { format } => views::stats(&cx, format, out)?,
        Command::Check => views::check(&cx, out)?,
        Command::Import {
            file,
            stage,
            tag,
            dry_run,
            map,
            report,
            with_text,
            with_groups,
            advance,
            me,
        } => {
            let args = io::ImportArgs {
                file: &file,
                stage,
                tag: tag.as_deref(),
                dry_run,
                map: &map,
                report: report.as_deref(),
            };
            // A folder is only ever an archive; reading one says what was expected of it.
            if file.is_dir() || crate::import::archive::detect(&file).is_some() {
                let options = crate::import::archive::ReadOptions {
                    with_text,
                    with_groups,
                    me,
                };
                import_archive::import(&cx, &args, &options, advance, out)?
            } else {
                io::import(&cx, args, out)?
            }
        }
        Command::Duplicates { list } => duplicates::run(&cx, list, out)?,
        Command::Export { format, output } => io::export(&cx, format, output.as_deref(), out)?,
        Command::Merge {
            into: Some(board),
            files,
        } => {
            let cx = Ctx { path: &board, ..cx };
            io::merge_into(&cx, &files, out)?
        }
        Command::Merge { into: None, files } => match files.as_slice() {
            [base, ours, theirs] => io::merge_driver(&cx, base, ours, theirs, out)?,
            _ => {
                return Err(UserError(
                    "rapport merge needs three files, BASE OURS THEIRS (as git passes them), or --into BOARD and the copies to fold in."
                        .into(),
                )
                .into());
            }
        },
        Command::Add(args) => contacts::add(&cx, args, out)?,
        Command::Edit(args) => contacts::edit(&cx, args, out)?,
        Command::Move { contact, to } => contacts::move_to(&cx, &contact, to, out)?,
        Command::Log {
            contact,
            channel,
            note,
            date,
            from,
        } => contacts::log(&cx, &contact, channel, note, date.as_deref(), from, out)?,
        Command::FollowUp { contact, date } => contacts::follow_up(&cx, &contact, &date, out)?,
        Command::Show { contact, format } => contacts::show(&cx, &contact, format, out)?,
    }
    Ok(Next::Done)
}
