//! Command-line interface: clap types and the non-interactive subcommands.

use crate::clock::{now, today};
use crate::dates::{self, CadenceError, DateError, Due};
use crate::export;
use crate::model::{
    Board, Channel, Contact, Interaction, Kind, ResolveError, Stage, UnknownId, Who,
};
use crate::store::{self, Store, StoreError};
use crate::text::{clean_list, pad, sanitize, width};
use chrono::{DateTime, Local, NaiveDate, Utc};
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
    /// Log an interaction (restarts the cadence; a follow-up due by today is done)
    Log {
        /// An id, an exact name or the start of a name
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
        /// The date, or `none` to clear it
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
    /// Import contacts from a vCard file or a CSV export (Google, Outlook, LinkedIn, rapport)
    Import {
        /// The file to read
        file: PathBuf,
        /// The stage new contacts land in (unless the file says otherwise)
        #[arg(long, value_name = "STAGE", default_value = "casual")]
        stage: Stage,
        /// A tag to add to every imported contact
        #[arg(long, value_name = "T")]
        tag: Option<String>,
        /// Show what would happen, and write nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Export every contact as CSV, vCard 4.0 or JSON
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Write to this file (atomically) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
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

#[derive(Debug, clap::Args)]
pub struct EditArgs {
    /// An id, an exact name or the start of a name
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
        if let Some(e) = cause.downcast_ref::<CadenceError>() {
            return Some(e.to_string());
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

fn open(path: &Path) -> Result<(Store, Board)> {
    Ok(Store::open(path)?)
}

/// Saves, and says so if someone changed the file in the moment since it was read.
fn save(store: &Store, board: &Board) -> Result<()> {
    if let store::Saved::KeptTheirs(p) = store.save(board)? {
        eprintln!(
            "Note: {} changed while this command ran; that version is kept as {}.",
            store.path().display(),
            p.display()
        );
    }
    Ok(())
}

/// Runs a non-interactive command against the board at `path`.
pub fn run(command: Command, path: &Path, out: &mut dyn Write) -> Result<()> {
    let now = now();
    let today = today(now);
    match command {
        Command::Path => writeln!(out, "{}", path.display())?,
        Command::Completions { shell } => {
            use clap::CommandFactory;
            clap_complete::generate(shell, &mut Cli::command(), "rapport", out);
        }
        Command::Review => {
            return Err(eyre::eyre!("the review runs in the terminal app"));
        }
        Command::Due { format } => {
            let board = store::load(path)?;
            let ids = crate::due::queue(&board, today, &Local);
            let rows: Vec<&Contact> = ids.iter().filter_map(|id| board.get(id)).collect();
            match format {
                Format::Json => {
                    out.write_all(export::json(rows, &board.settings, &Local).as_bytes())?
                }
                Format::Csv => {
                    out.write_all(export::csv(rows, &board.settings, &Local)?.as_bytes())?
                }
                Format::Table if rows.is_empty() => {
                    match crate::due::next_due(&board, today, &Local) {
                        Some((d, c)) => writeln!(
                            out,
                            "All caught up. Next: {} {}.",
                            sanitize(&c.name),
                            Due::of(d, today)
                        )?,
                        None if board.contacts.is_empty() => {
                            writeln!(out, "{}", empty_board_hint())?
                        }
                        None => writeln!(out, "All caught up.")?,
                    }
                }
                Format::Table => write_table(out, &board, &rows, today)?,
            }
        }
        Command::Import {
            file,
            stage,
            tag,
            dry_run,
        } => import(path, &file, stage, tag.as_deref(), dry_run, now, today, out)?,
        Command::Export { format, output } => {
            let board = store::load(path)?;
            let rows = stage_order(&board, None);
            let text = match format {
                ExportFormat::Json => export::json(rows, &board.settings, &Local),
                ExportFormat::Csv => export::csv(rows, &board.settings, &Local)?,
                ExportFormat::Vcf => export::vcards(rows),
            };
            match output {
                Some(o) => {
                    store::write_atomic(&o, text.as_bytes(), false).map_err(|e| {
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
        }
        Command::Stats { format } => {
            let board = store::load(path)?;
            let st = crate::stats::stats(&board, now, today, &Local);
            match format {
                ShowFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&st)?)?,
                ShowFormat::Text => write!(out, "{}", crate::stats::text(&st))?,
            }
        }
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
            let config = crate::config::path();
            let loaded = crate::config::load(config.as_deref(), false);
            match config {
                Some(p) if !p.exists() => writeln!(
                    out,
                    "Config: {} is not there; the defaults apply.",
                    p.display()
                )?,
                Some(p) if loaded.problems.is_empty() => {
                    writeln!(out, "Config: {} is fine.", p.display())?
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
                }
                None => writeln!(
                    out,
                    "Config: no config folder was found; the defaults apply."
                )?,
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
            save(&store, &board)?;
            writeln!(
                out,
                "Added {} ({id}) to {}.",
                sanitize(&name),
                stage.title()
            )?;
        }
        Command::Log {
            contact,
            channel,
            note,
            date,
            from,
        } => {
            let (store, mut board) = open(path)?;
            let id = board.resolve(&contact)?.id.clone();
            let at = match date {
                Some(d) => match dates::parse_date(&d, today)? {
                    Some(day) if day > today => {
                        return Err(UserError(format!(
                            "{} is in the future; log what happened, and use `rapport follow-up` for what is next.",
                            day.format("%Y-%m-%d")
                        ))
                        .into());
                    }
                    Some(day) => dates::moment_on(day, now, &Local),
                    None => now,
                },
                None => now,
            };
            let c = board
                .get_mut(&id)
                .ok_or_else(|| eyre::eyre!("contact vanished"))?;
            let channel = channel.unwrap_or(c.stage.channel());
            c.log(
                Interaction {
                    at,
                    channel,
                    note: note.map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
                    from,
                },
                today,
            );
            let name = c.name.clone();
            let settings = board.settings.clone();
            let due = board.get(&id).and_then(|c| c.due_date(&settings, &Local));
            save(&store, &board)?;
            write!(out, "Logged a {channel} with {}", sanitize(&name))?;
            match due {
                Some(d) => writeln!(
                    out,
                    "; next due {} ({}).",
                    d.format("%Y-%m-%d"),
                    Due::of(d, today)
                )?,
                None => writeln!(out, ".")?,
            }
        }
        Command::FollowUp { contact, date } => {
            let (store, mut board) = open(path)?;
            let id = board.resolve(&contact)?.id.clone();
            let day = dates::parse_date(&date, today)?;
            let c = board
                .get_mut(&id)
                .ok_or_else(|| eyre::eyre!("contact vanished"))?;
            c.next_follow_up = day;
            let name = sanitize(&c.name).into_owned();
            save(&store, &board)?;
            match day {
                Some(d) => writeln!(
                    out,
                    "Follow up with {name} on {} ({}).",
                    d.format("%a %-d %b %Y"),
                    Due::of(d, today)
                )?,
                None => writeln!(out, "Cleared the follow-up for {name}.")?,
            }
        }
        Command::Show { contact, format } => {
            let board = store::load(path)?;
            let c = board.resolve(&contact)?;
            match format {
                ShowFormat::Json => {
                    let j = export::ContactJson::new(c, &board.settings, &Local);
                    writeln!(out, "{}", serde_json::to_string_pretty(&j)?)?;
                }
                ShowFormat::Text => write_detail(out, &board, c, today)?,
            }
        }
        Command::Edit(args) => {
            let (store, mut board) = open(path)?;
            let id = board.resolve(&args.contact)?.id.clone();
            let c = board
                .get_mut(&id)
                .ok_or_else(|| eyre::eyre!("contact vanished"))?;
            let changed = apply_edit(c, args)?;
            let name = sanitize(&c.name).into_owned();
            if changed.is_empty() {
                writeln!(
                    out,
                    "Nothing to change for {name}; give an option such as --tag or --note."
                )?;
                return Ok(());
            }
            save(&store, &board)?;
            writeln!(out, "Updated {name}: {}.", changed.join(", "))?;
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
            save(&store, &board)?;
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

/// Applies `rapport edit` options; returns the names of the fields that changed.
fn apply_edit(c: &mut Contact, a: EditArgs) -> Result<Vec<&'static str>> {
    let mut changed = Vec::new();
    if let Some(n) = a.name {
        if n.trim().is_empty() {
            return Err(
                UserError("A contact needs a name; the name given was empty.".into()).into(),
            );
        }
        if c.name != n.trim() {
            c.name = n.trim().to_string();
            changed.push("name");
        }
    }
    let mut list = |field: &mut Vec<String>, given: Option<Vec<String>>, label| {
        if let Some(v) = given {
            let v = clean_list(v);
            if *field != v {
                *field = v;
                changed.push(label);
            }
        }
    };
    list(&mut c.handles, a.handles, "handles");
    list(&mut c.emails, a.emails, "emails");
    list(&mut c.phones, a.phones, "phones");
    list(&mut c.tags, a.tags, "tags");
    if let Some(co) = a.company {
        let co = Some(co.trim().to_string()).filter(|s| !s.is_empty());
        if c.company != co {
            c.company = co;
            changed.push("company");
        }
    }
    if let Some(kinds) = a.kinds {
        let mut set = std::collections::BTreeSet::new();
        for k in kinds.iter().filter(|k| !k.trim().is_empty()) {
            set.insert(k.parse::<Kind>()?);
        }
        if c.kinds != set {
            c.kinds = set;
            changed.push("kinds");
        }
    }
    if let Some(n) = a.note
        && c.notes != n
    {
        c.notes = n;
        changed.push("notes");
    }
    if let Some(cad) = a.cadence {
        let v = dates::parse_cadence(&cad)?;
        if c.cadence_days != v {
            c.cadence_days = v;
            changed.push("cadence");
        }
    }
    Ok(changed)
}

/// The detail view as text, for `rapport show`.
fn write_detail(out: &mut dyn Write, board: &Board, c: &Contact, today: NaiveDate) -> Result<()> {
    let s = &board.settings;
    let row = |out: &mut dyn Write, label: &str, value: &str| -> std::io::Result<()> {
        if value.is_empty() {
            return Ok(());
        }
        writeln!(out, "{:<11} {}", format!("{label}:"), sanitize(value))
    };
    writeln!(out, "{}  ({})", sanitize(&c.name), c.id)?;
    let days = c.days_in_stage(&Local, today);
    row(
        out,
        "Stage",
        &format!(
            "{}, {} day{}",
            c.stage.title(),
            days,
            if days == 1 { "" } else { "s" }
        ),
    )?;
    row(out, "Handles", &c.handles.join(", "))?;
    row(out, "Emails", &c.emails.join(", "))?;
    row(out, "Phones", &c.phones.join(", "))?;
    row(out, "Company", c.company.as_deref().unwrap_or(""))?;
    let kinds: Vec<&str> = c.kinds.iter().map(|k| k.label()).collect();
    row(out, "Kinds", &kinds.join(", "))?;
    row(out, "Tags", &c.tags.join(", "))?;
    let last = c
        .last_contact()
        .map(|t| {
            let d = t.with_timezone(&Local).date_naive();
            format!("{} ({})", d.format("%Y-%m-%d"), dates::ago(d, today))
        })
        .unwrap_or_else(|| "not contacted yet".into());
    row(out, "Last", &last)?;
    if let Some(d) = c.due_date(s, &Local) {
        let why = c.due_reason(s, &Local, today).unwrap_or_default();
        row(
            out,
            "Due",
            &format!("{} ({}) — {why}", d.format("%Y-%m-%d"), Due::of(d, today)),
        )?;
    }
    row(
        out,
        "Cadence",
        &format!(
            "{} days{}",
            c.cadence(s),
            if c.cadence_days.is_some() {
                " (own)"
            } else {
                ""
            }
        ),
    )?;
    if let Some(r) = c.reciprocity() {
        row(out, "Balance", &r.to_string())?;
    }
    if !c.notes.trim().is_empty() {
        writeln!(out, "\nNotes:")?;
        for line in crate::text::sanitize_multiline(&c.notes).lines() {
            writeln!(out, "  {line}")?;
        }
    }
    writeln!(out, "\nStage history:")?;
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

#[allow(clippy::too_many_arguments)]
fn import(
    path: &Path,
    file: &Path,
    stage: Stage,
    tag: Option<&str>,
    dry_run: bool,
    now: DateTime<Utc>,
    today: NaiveDate,
    out: &mut dyn Write,
) -> Result<()> {
    let bytes = std::fs::read(file).map_err(|e| {
        UserError(format!(
            "Could not read {}: {e}. Check the path and that you may read it.",
            file.display()
        ))
    })?;
    let text = crate::import::decode(&bytes)
        .map_err(|e| UserError(format!("Could not read {}: {e}.", file.display())))?;
    let parsed = crate::import::parse(&text, today);
    let shown = file.display();
    if parsed.records.is_empty() {
        let mut msg = format!("Nothing to import from {shown}: no contact in it could be read.");
        for s in &parsed.skipped {
            msg.push_str(&format!(
                "\n  {shown}:{}: {}",
                s.line,
                sanitize(&s.reason.to_string())
            ));
        }
        msg.push_str("\nThe board was not changed. rapport reads vCard files (.vcf) and CSV exports from Google, Outlook and LinkedIn.");
        return Err(UserError(msg).into());
    }
    // A dry run reads without locking; a real import holds the board for its one save.
    let (store, mut board) = if dry_run {
        (None, store::load(path)?)
    } else {
        let (s, b) = Store::open(path)?;
        (Some(s), b)
    };
    let report = crate::import::merge(&mut board, &parsed.records, stage, tag, now);
    for s in &parsed.skipped {
        writeln!(
            out,
            "{shown}:{}: skipped: {}",
            s.line,
            sanitize(&s.reason.to_string())
        )?;
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

pub fn empty_board_hint() -> &'static str {
    "Your board is empty. Add someone with `rapport add \"Becky Chen\" --handle @becky`, \
bring in an address book with `rapport import contacts.vcf` (or a LinkedIn/Google/Outlook CSV), \
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
