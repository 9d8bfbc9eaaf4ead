//! Commands about one contact: add, edit, move, log, follow-up, show. `add` and `edit` turn
//! their options into a `ContactEdit` and apply it, as the form and import do.

use super::errors::empty_name;
use super::files::{open, save};
use super::output::{field_words, write_detail};
use super::{AddArgs, Ctx, EditArgs, ShowFormat, UserError};
use crate::dates::{self, DateError, Due};
use crate::model::{Channel, Contact, ContactEdit, Interaction, Kind, Stage, Who};
use crate::text::sanitize;
use crate::{export, store};
use chrono::{Local, NaiveDate};
use color_eyre::eyre::{self, Result};
use std::collections::BTreeSet;
use std::io::Write;

/// What `rapport add` sets: every option, absent ones as empty.
fn add_details(a: &AddArgs, today: NaiveDate) -> Result<ContactEdit, DateError> {
    Ok(ContactEdit {
        name: Some(a.name.clone()),
        handles: Some(a.handles.clone()),
        emails: Some(a.emails.clone()),
        phones: Some(a.phones.clone()),
        company: Some(a.company.clone()),
        kinds: Some(a.kinds.iter().copied().collect()),
        tags: Some(a.tags.clone()),
        follow_up: a
            .follow_up
            .as_deref()
            .map(|d| dates::parse_date(d, today))
            .transpose()?,
        cadence: None,
        notes: Some(a.note.clone().unwrap_or_default()),
    })
}

/// What `rapport edit` changes: only the options given (an empty value clears the field).
fn edit_details(a: &EditArgs) -> Result<ContactEdit> {
    let kinds = match &a.kinds {
        Some(given) => Some(
            given
                .iter()
                .filter(|k| !k.trim().is_empty())
                .map(|k| k.parse::<Kind>())
                .collect::<Result<BTreeSet<Kind>, _>>()?,
        ),
        None => None,
    };
    Ok(ContactEdit {
        name: a.name.clone(),
        handles: a.handles.clone(),
        emails: a.emails.clone(),
        phones: a.phones.clone(),
        company: a.company.clone().map(Some),
        kinds,
        tags: a.tags.clone(),
        follow_up: None,
        cadence: a.cadence.as_deref().map(dates::parse_cadence).transpose()?,
        notes: a.note.clone(),
    })
}

pub(super) fn add(cx: &Ctx, args: AddArgs, out: &mut dyn Write) -> Result<()> {
    let (store, mut board) = open(cx.path)?;
    if args.name.trim().is_empty() {
        return Err(empty_name().into());
    }
    let mut contact = Contact::new(args.name.as_str(), args.stage, cx.now);
    add_details(&args, cx.today)?.apply(&mut contact);
    if board
        .iter()
        .any(|c| c.name.eq_ignore_ascii_case(&contact.name))
    {
        eprintln!(
            "Note: another contact is also named \"{}\"; use ids to tell them apart.",
            sanitize(&contact.name)
        );
    }
    for other in board.same_address(&contact) {
        eprintln!(
            "Note: {} ({}) already has {}; added a new contact anyway. If you meant to update them, use `rapport edit {}`.",
            sanitize(&other.name),
            other.id,
            sanitize(&crate::describe::shared_address(&contact, other)),
            other.id
        );
    }
    let stage = contact.stage;
    let name = contact.name.clone();
    if args.inbox {
        let id = board.add_to_inbox(contact);
        save(&store, &board)?;
        writeln!(
            out,
            "Added {} ({id}) to the inbox; `rapport triage` places it in a stage.",
            sanitize(&name)
        )?;
        return Ok(());
    }
    let id = board.add(contact);
    save(&store, &board)?;
    writeln!(
        out,
        "Added {} ({id}) to {}.",
        sanitize(&name),
        stage.title()
    )?;
    Ok(())
}

pub(super) fn edit(cx: &Ctx, args: EditArgs, out: &mut dyn Write) -> Result<()> {
    let (store, mut board) = open(cx.path)?;
    let id = board.resolve(&args.contact)?.id.clone();
    if args.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
        return Err(empty_name().into());
    }
    let details = edit_details(&args)?;
    let c = board
        .get_mut(&id)
        .ok_or_else(|| eyre::eyre!("contact vanished"))?;
    let changed = details.apply(c);
    let name = sanitize(&c.name).into_owned();
    if changed.is_empty() {
        writeln!(
            out,
            "Nothing to change for {name}; give an option such as --tag or --note."
        )?;
        return Ok(());
    }
    save(&store, &board)?;
    writeln!(out, "Updated {name}: {}.", field_words(&changed))?;
    Ok(())
}

pub(super) fn move_to(cx: &Ctx, contact: &str, to: Stage, out: &mut dyn Write) -> Result<()> {
    let (store, mut board) = open(cx.path)?;
    let c = board.resolve(contact)?;
    let (id, name, from) = (c.id.clone(), c.name.clone(), c.stage);
    if from == to {
        writeln!(out, "{} is already in {}.", sanitize(&name), to.title())?;
        return Ok(());
    }
    board.move_to(&id, to, cx.now);
    save(&store, &board)?;
    writeln!(
        out,
        "Moved {}: {} → {}.",
        sanitize(&name),
        from.title(),
        to.title()
    )?;
    Ok(())
}

pub(super) fn log(
    cx: &Ctx,
    contact: &str,
    channel: Option<Channel>,
    note: Option<String>,
    date: Option<&str>,
    from: Who,
    out: &mut dyn Write,
) -> Result<()> {
    let (now, today) = (cx.now, cx.today);
    let (store, mut board) = open(cx.path)?;
    let id = board.resolve(contact)?.id.clone();
    let at = match date {
        Some(d) => match dates::parse_date(d, today)? {
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
    write!(
        out,
        "Logged {} with {}",
        channel.with_article(),
        sanitize(&name)
    )?;
    match due {
        Some(d) => writeln!(
            out,
            "; next due {} ({}).",
            d.format("%Y-%m-%d"),
            Due::of(d, today)
        )?,
        None => writeln!(out, ".")?,
    }
    Ok(())
}

pub(super) fn follow_up(cx: &Ctx, contact: &str, date: &str, out: &mut dyn Write) -> Result<()> {
    let (store, mut board) = open(cx.path)?;
    let id = board.resolve(contact)?.id.clone();
    let day = dates::parse_date(date, cx.today)?;
    let c = board
        .get_mut(&id)
        .ok_or_else(|| eyre::eyre!("contact vanished"))?;
    c.next_follow_up = day;
    let name = sanitize(&c.name).into_owned();
    save(&store, &board)?;
    if day.is_some_and(|d| d < cx.today) {
        eprintln!("Note: that date is in the past, so {name} shows as overdue.");
    }
    match day {
        Some(d) => writeln!(
            out,
            "Follow up with {name} on {} ({}).",
            d.format("%a %-d %b %Y"),
            Due::of(d, cx.today)
        )?,
        None => writeln!(out, "Cleared the follow-up for {name}.")?,
    }
    Ok(())
}

pub(super) fn show(cx: &Ctx, contact: &str, format: ShowFormat, out: &mut dyn Write) -> Result<()> {
    let board = store::load(cx.path)?;
    let c = board.resolve(contact)?;
    match format {
        ShowFormat::Json => {
            let j = export::ContactJson::new(c, &board.settings, &Local);
            writeln!(out, "{}", serde_json::to_string_pretty(&j)?)?;
        }
        ShowFormat::Text => write_detail(out, &board, c, cx.today)?,
    }
    Ok(())
}
