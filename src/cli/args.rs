//! The command line as clap reads it: the commands, their arguments and the formats.

use crate::model::{Channel, Kind, Stage, Who};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

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
    /// List contacts (in the columns; `--stage inbox` and `--archived` for the others)
    List {
        /// Only this stage: casual, dm, phone, meet, or inbox
        #[arg(long, value_name = "STAGE")]
        stage: Option<Place>,
        /// Only archived contacts
        #[arg(long)]
        archived: bool,
        /// Only those matching a filter, as typed after / in the app:
        /// 'tag:saas kind:prospect stage:dm due overdue company:acme met:>2026-01 last:>30d' plus words
        #[arg(long, value_name = "QUERY", allow_hyphen_values = true)]
        filter: Option<String>,
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Archive a contact: out of the columns and the review, its history kept
    Archive {
        contact: String,
        /// Why: "not a fit", "went cold", "moved on", or your own words
        #[arg(long, value_name = "TEXT", default_value = "")]
        reason: String,
    },
    /// Bring an archived contact back to its column
    Restore { contact: String },
    /// Pause a contact until a date (out of the review until then), or `none` to end it
    Pause {
        contact: String,
        /// YYYY-MM-DD, +3m, "next month", mon…sun, or none
        #[arg(allow_hyphen_values = true)]
        until: String,
    },
    /// Open triage: the inbox, one contact at a time
    Triage,
    /// Who is due, day by day, for the coming days (overdue first), with the next step
    Agenda {
        /// How many days, from today
        #[arg(long, value_name = "N", default_value_t = 7)]
        days: u32,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Move a contact to another stage
    Move {
        /// An id, a name, handle or email, or the start of any word of them
        contact: String,
        /// The stage to move to (casual, dm, phone, meet)
        #[arg(long, value_name = "STAGE")]
        to: Stage,
    },
    /// Log an interaction (restarts the cadence; a follow-up due by today is done)
    Log {
        /// An id, a name, handle or email, or the start of any word of them
        contact: String,
        /// reply, dm, call, meeting, email or other (default: the stage's usual channel)
        #[arg(long, value_name = "C")]
        channel: Option<Channel>,
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
        /// When it happened (default: now): YYYY-MM-DD, today, yesterday, -3d…
        #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
        date: Option<String>,
        /// Who reached out: me or them
        #[arg(long, value_name = "WHO", default_value = "me")]
        from: Who,
    },
    /// Set or clear the next follow-up: YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, mon…sun, "next week", or none
    #[command(name = "follow-up")]
    FollowUp {
        contact: String,
        /// The date, or `none` to clear it (`-2d` is two days ago)
        #[arg(allow_hyphen_values = true)]
        date: String,
    },
    /// Show everything about one contact
    Show {
        contact: String,
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Change a contact's fields; each option given replaces that field (an empty value clears it)
    Edit(EditArgs),
    /// Who is due today or earlier, most overdue first (the daily review's queue)
    Due {
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
    },
    /// Open the daily review: everyone due, one at a time
    Review,
    /// Numbers about the board: stages, time in stage, progress, due, kinds
    Stats {
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
    },
    /// Import contacts from a vCard file or a CSV export (Google, Outlook, LinkedIn, rapport),
    /// or the log of who you talked to from a data archive: X/Twitter (.zip or folder),
    /// LinkedIn's full export (folder or messages.csv), Mastodon (folder or outbox.json)
    Import {
        /// The file or archive folder to read
        file: PathBuf,
        /// The stage new contacts land in; without it they wait in the inbox for triage
        /// (rapport's own exports keep their stages)
        #[arg(long, value_name = "STAGE")]
        stage: Option<Stage>,
        /// A tag to add to every imported contact
        #[arg(long, value_name = "T")]
        tag: Option<String>,
        /// Show what would happen, and write nothing
        #[arg(long)]
        dry_run: bool,
        /// Name a column rapport does not recognise: 'Column Name=field' (repeatable); fields:
        /// name, first_name, middle_name, last_name, email, phone, company, title, notes, tags,
        /// handle, website, twitter, stage, kinds, follow_up, met, source_id, ignore
        #[arg(long = "map", value_name = "'COLUMN=FIELD'")]
        map: Vec<String>,
        /// Also write what happened, row by row, as JSON to this file
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        /// Archives: keep the first words of each message as the interaction's note
        #[arg(long)]
        with_text: bool,
        /// Archives: log group conversations for each participant
        #[arg(long)]
        with_groups: bool,
        /// Archives: move the contacts the report suggests moving (never backwards)
        #[arg(long)]
        advance: bool,
        /// Archives: your own profile link, when the archive does not say (LinkedIn)
        #[arg(long, value_name = "URL")]
        me: Option<String>,
    },
    /// Go through contacts that may be the same person (same name, phone, website, or an
    /// email shared under another name): merge them or keep them apart
    Duplicates {
        /// Only list them
        #[arg(long)]
        list: bool,
    },
    /// Export every contact as CSV, vCard 4.0 or JSON (a complete backup that import
    /// restores), or the reach-outs as an iCalendar file
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file (atomically) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Merge boards: as a git merge driver (`merge BASE OURS THEIRS`, written to OURS), or
    /// fold copies into the board (`merge --into BOARD COPY...`, each copy removed after)
    Merge {
        /// Fold these copies into this board (a sync tool's conflict copies, say)
        #[arg(long, value_name = "BOARD")]
        into: Option<PathBuf>,
        /// BASE OURS THEIRS, or with --into the copies to fold in
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
    /// Print a shell completion script: bash, zsh, fish, elvish or powershell
    Completions { shell: clap_complete::Shell },
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
    /// Put it in the inbox, to place with triage later (never due until then)
    #[arg(long, conflicts_with = "follow_up")]
    pub inbox: bool,
    /// customer, prospect, referral_partner, vendor, advocate or friend (repeatable)
    #[arg(long = "kind", value_name = "K")]
    pub kinds: Vec<Kind>,
    /// A tag (repeatable)
    #[arg(long = "tag", value_name = "T")]
    pub tags: Vec<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// When to follow up: YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, mon…sun, "next week"
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    pub follow_up: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// An id, a name, handle or email, or the start of any word of them
    pub contact: String,
    #[arg(long, value_name = "N")]
    pub name: Option<String>,
    /// Replaces all handles (repeatable)
    #[arg(long = "handle", value_name = "H")]
    pub handles: Option<Vec<String>>,
    /// Replaces all emails (repeatable)
    #[arg(long = "email", value_name = "E")]
    pub emails: Option<Vec<String>>,
    /// Replaces all phones (repeatable)
    #[arg(long = "phone", value_name = "P")]
    pub phones: Option<Vec<String>>,
    #[arg(long, value_name = "C")]
    pub company: Option<String>,
    /// Replaces all kinds (repeatable); customer, prospect, referral_partner, vendor, advocate, friend
    #[arg(long = "kind", value_name = "K")]
    pub kinds: Option<Vec<String>>,
    /// Replaces all tags (repeatable)
    #[arg(long = "tag", value_name = "T")]
    pub tags: Option<Vec<String>>,
    /// Replaces the notes
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Days between follow-ups for this contact (0: no reminders; `default`: the stage's)
    #[arg(long, value_name = "DAYS")]
    pub cadence: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Vcf,
    Json,
    /// Every contact's next reach-out as an all-day calendar entry
    Ics,
}

/// A column, or the inbox, as `--stage` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Stage(Stage),
    Inbox,
}

impl std::str::FromStr for Place {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        if s.trim().eq_ignore_ascii_case("inbox") {
            return Ok(Place::Inbox);
        }
        s.parse::<Stage>()
            .map(Place::Stage)
            .map_err(|e| format!("{e}, inbox"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}
