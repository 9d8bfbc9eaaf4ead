//! Command-line interface: clap types and the non-interactive subcommands.

use crate::dates::{self, DateError, Due};
use crate::export;
use crate::model::{Board, Contact, Kind, ResolveError, Stage, UnknownId};
use crate::store::{self, Store, StoreError};
use crate::text::{pad, sanitize, width};
use chrono::{DateTime, Local, NaiveDate, SubsecRound, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use color_eyre::eyre::{self, Result};
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Parser)]
#[command(
    name = "rapport",
    version,
    about = "A keyboard-driven board for growing relationships: casual → DMs → phone → meeting",
    long_about = "rapport keeps your relationships moving through four stages — casual conversations, \
direct messages, phone conversations and meeting face to face — and tells you who to follow up with today.\n\n\
Run it without a command to open the board in the terminal."
)]
pub struct Cli {
    /// The board file to use (default: $RAPPORT_BOARD, else the platform data folder)
    #[arg(long, global = true, value_name = "PATH")]
    pub board: Option<PathBuf>,

    /// Open a scratch copy of a sample board instead of yours
    #[arg(long, global = true)]
    pub demo: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a contact
    Add(AddArgs),
    /// List contacts
    List {
        /// Only this stage (casual, dm, phone, meet)
        #[arg(long, value_name = "STAGE")]
        stage: Option<Stage>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Move a contact to another stage
    Move {
        /// An id, an exact name or the start of a name
        contact: String,
        /// The stage to move to (casual, dm, phone, meet)
        #[arg(long, value_name = "STAGE")]
        to: Stage,
    },
    /// Check that the board file is valid and count its contacts
    Check,
    /// Print the path of the board file in use
    Path,
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The contact's name
    pub name: String,
    /// A handle or profile URL (repeatable), e.g. @becky
    #[arg(long = "handle", value_name = "H")]
    pub handles: Vec<String>,
    /// An email address (repeatable)
    #[arg(long = "email", value_name = "E")]
    pub emails: Vec<String>,
    /// A phone number (repeatable)
    #[arg(long = "phone", value_name = "P")]
    pub phones: Vec<String>,
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
    /// The stage to start in
    #[arg(long, value_name = "STAGE", default_value = "casual")]
    pub stage: Stage,
    /// customer, prospect, referral_partner, vendor, advocate or friend (repeatable)
    #[arg(long = "kind", value_name = "K")]
    pub kinds: Vec<Kind>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// When to follow up: YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, mon…sun, "next week"
    #[arg(long, value_name = "DATE")]
    pub follow_up: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

/// An error the user can act on: printed as a plain sentence, without a backtrace.
#[derive(Debug)]
pub struct UserError(pub String);

impl fmt::Display for UserError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

/// The message to show for errors a person caused or can fix; `None` for real bugs.
pub fn user_message(report: &eyre::Report) -> Option<String> {
    for cause in report.chain() {
        if let Some(e) = cause.downcast_ref::<UserError>() {
            return Some(e.to_string());
        }
        if let Some(e) = cause.downcast_ref::<StoreError>() {
            return Some(e.to_string());
        }
        if let Some(e) = cause.downcast_ref::<ResolveError>() {
            return Some(capitalise(&e.to_string()));
        }
        if let Some(e) = cause.downcast_ref::<DateError>() {
            return Some(capitalise(&e.to_string()));
        }
        if let Some(e) = cause.downcast_ref::<UnknownId>() {
            return Some(capitalise(&e.to_string()));
        }
    }
    None
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The clock: real time, or `RAPPORT_NOW` (RFC 3339) so tests and demos can pin "now".
pub fn now() -> DateTime<Utc> {
    std::env::var("RAPPORT_NOW")
        .ok()
        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_else(Utc::now)
        // Whole seconds keep the file readable; nothing here needs finer.
        .trunc_subsecs(0)
}

pub fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&Local).date_naive()
}

/// Where the board lives: `--board`, else `$RAPPORT_BOARD`, else the platform data folder.
pub fn board_path(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("RAPPORT_BOARD").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "rapport").ok_or_else(|| {
        UserError(
            "Could not find your home folder to keep the board in. Set RAPPORT_BOARD or pass --board PATH."
                .into(),
        )
    })?;
    Ok(dirs.data_dir().join("board.ron"))
}

/// The sample board shipped in assets/, with its dates moved so that "today" in the sample
/// is today.
pub const SAMPLE_BOARD: &str = include_str!("../assets/sample-board.ron");
const SAMPLE_TODAY: (i32, u32, u32) = (2026, 3, 16);

pub fn sample_board(today: NaiveDate) -> Result<Board> {
    let mut board = store::parse(SAMPLE_BOARD, Path::new("assets/sample-board.ron"))?;
    let anchor = NaiveDate::from_ymd_opt(SAMPLE_TODAY.0, SAMPLE_TODAY.1, SAMPLE_TODAY.2)
        .ok_or_else(|| eyre::eyre!("bad sample anchor date"))?;
    board.shift_dates(today - anchor);
    Ok(board)
}

/// Writes the sample board into a fresh temporary folder; the folder goes when it is dropped.
pub fn demo_board(today: NaiveDate) -> Result<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::Builder::new().prefix("rapport-demo-").tempdir()?;
    let path = dir.path().join("board.ron");
    let board = sample_board(today)?;
    let text = store::to_ron(&board)?;
    store::write_atomic(&path, text.as_bytes(), false)?;
    Ok((dir, path))
}

fn open(path: &Path) -> Result<(Store, Board)> {
    Ok(Store::open(path)?)
}

/// Runs a non-interactive command against the board at `path`.
pub fn run(command: Command, path: &Path, out: &mut dyn Write) -> Result<()> {
    let now = now();
    let today = today(now);
    match command {
        Command::Path => writeln!(out, "{}", path.display())?,
        Command::Check => {
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
        }
        Command::List { stage, format } => {
            let board = store::load(path)?;
            let rows = stage_order(&board, stage);
            match format {
                Format::Json => {
                    out.write_all(export::json(rows, &board.settings, &Local).as_bytes())?
                }
                Format::Csv => {
                    out.write_all(export::csv(rows, &board.settings, &Local)?.as_bytes())?
                }
                Format::Table => {
                    if board.contacts.is_empty() {
                        writeln!(out, "{}", empty_board_hint())?;
                    } else {
                        write_table(out, &board, &rows, today)?;
                    }
                }
            }
        }
        Command::Add(args) => {
            let (store, mut board) = open(path)?;
            let contact = build_contact(args, now, today)?;
            if board
                .contacts
                .iter()
                .any(|c| c.name.eq_ignore_ascii_case(&contact.name))
            {
                eprintln!(
                    "Note: another contact is also named \"{}\"; use ids to tell them apart.",
                    sanitize(&contact.name)
                );
            }
            let stage = contact.stage;
            let name = contact.name.clone();
            let id = board.add(contact);
            store.save(&board)?;
            writeln!(
                out,
                "Added {} ({id}) to {}.",
                sanitize(&name),
                stage.title()
            )?;
        }
        Command::Move { contact, to } => {
            let (store, mut board) = open(path)?;
            let c = board.resolve(&contact)?;
            let (id, name, from) = (c.id.clone(), c.name.clone(), c.stage);
            if from == to {
                writeln!(out, "{} is already in {}.", sanitize(&name), to.title())?;
                return Ok(());
            }
            board.move_to(&id, to, now);
            store.save(&board)?;
            writeln!(
                out,
                "Moved {}: {} → {}.",
                sanitize(&name),
                from.title(),
                to.title()
            )?;
        }
    }
    Ok(())
}

pub fn empty_board_hint() -> &'static str {
    "Your board is empty. Add someone with `rapport add \"Becky Chen\" --handle @becky`, \
or try the sample board with `rapport --demo`."
}

/// Contacts in board order: by stage, then the user's order within the stage.
fn stage_order(board: &Board, only: Option<Stage>) -> Vec<&Contact> {
    Stage::ALL
        .into_iter()
        .filter(|s| only.is_none_or(|o| o == *s))
        .flat_map(|s| board.in_stage(s))
        .collect()
}

fn build_contact(args: AddArgs, now: DateTime<Utc>, today: NaiveDate) -> Result<Contact> {
    if args.name.trim().is_empty() {
        return Err(UserError("A contact needs a name; the name given was empty.".into()).into());
    }
    let mut c = Contact::new(args.name, args.stage, now);
    c.handles = clean_list(args.handles);
    c.emails = clean_list(args.emails);
    c.phones = clean_list(args.phones);
    c.company = args
        .company
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    c.kinds = args.kinds.into_iter().collect();
    c.tags = clean_list(args.tags);
    c.notes = args.note.unwrap_or_default();
    if let Some(d) = args.follow_up {
        c.next_follow_up = dates::parse_date(&d, today)?;
    }
    Ok(c)
}

fn clean_list(v: Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(v.len());
    for s in v {
        let s = s.trim().to_string();
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

fn write_table(
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
            [
                c.stage.id().to_string(),
                sanitize(&c.name).into_owned(),
                sanitize(&c.handles.join(", ")).into_owned(),
                last,
                due,
            ]
        })
        .collect();
    let caps = [6, 32, 32, 14, 28];
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
