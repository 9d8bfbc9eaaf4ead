//! The forms: add/edit a contact, log an interaction, the follow-up prompt, the notes
//! editor; and typing and pasting into their fields.

use super::input::TextInput;
use super::log_form::{LogField, WhenError};
use super::ops::{change_contact, log_interaction, restore_with_notes, save_form, set_notes};
use super::{Action, App, Effect, FormTarget, Mode, Question, review};
use crate::dates::{self, Due};
use crate::keys::Section;
use crate::model::{Contact, Field, Interaction};

/// Pasted text goes into whatever text input is in front: multi-line where the field keeps
/// line breaks (the notes), one line (breaks become spaces) everywhere else.
pub(super) fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    if app.question.is_some() {
        return vec![];
    }
    match &mut app.mode {
        Mode::Filter => {
            app.filter.insert_str(text, false);
            app.refresh();
        }
        Mode::Form(f) => {
            let multiline = f.focus == Field::Notes;
            if let Some(input) = f.input_mut() {
                input.insert_str(text, multiline);
                f.error = None;
            }
        }
        Mode::Log(f) => {
            if let Some(input) = f.input_mut() {
                input.insert_str(text, false);
                f.error = None;
            }
        }
        Mode::FollowUp { input, error, .. } => {
            input.insert_str(text, false);
            *error = None;
        }
        Mode::Prompt(p) => {
            p.input.insert_str(text, false);
            p.error = None;
        }
        Mode::Notes(editor) => {
            editor
                .area
                .insert_str(crate::text::unix_newlines(text).as_ref());
        }
        _ => {}
    }
    vec![]
}

/// The answer to a question asked over a form.
pub(super) fn question_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(question) = app.question.clone() else {
        return vec![];
    };
    match action {
        Action::Yes => {
            app.question = None;
            match question {
                Question::Discard => discard(app),
                Question::PastFollowUp(_) => match &mut app.mode {
                    Mode::Form(form) => {
                        form.past_ok = true;
                        return submit_form(app);
                    }
                    Mode::FollowUp { .. } => return submit_follow_up(app, true),
                    _ => {}
                },
                Question::Duplicate { .. } => {
                    if let Mode::Form(form) = &mut app.mode {
                        form.duplicate_ok = true;
                        return submit_form(app);
                    }
                }
            }
        }
        Action::No => app.question = None,
        _ => {}
    }
    vec![]
}

/// Closes the form or editor in front without saving.
fn discard(app: &mut App) {
    let notes = matches!(app.mode, Mode::Notes(_));
    app.mode = app.base_mode();
    if let Some(r) = &mut app.review {
        r.pending = None;
    }
    if notes {
        app.say("Notes unchanged.");
    }
}

pub(super) fn text_edit(input: &mut TextInput, action: &Action) -> bool {
    match action {
        Action::Input(c) => input.insert(*c),
        Action::Backspace => input.backspace(),
        Action::DeleteForward => input.delete(),
        Action::CursorLeft => input.left(),
        Action::CursorRight => input.right(),
        Action::CursorHome => input.home(),
        Action::CursorEnd => input.end(),
        Action::DeleteWord => input.delete_word(),
        Action::DeleteToStart => input.delete_to_start(),
        _ => return false,
    }
    true
}

pub(super) fn form_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::Form(form) = &mut app.mode else {
        return vec![];
    };
    match action {
        Action::Cancel => {
            if form.changed() {
                app.question = Some(Question::Discard);
            } else {
                discard(app);
            }
            vec![]
        }
        Action::NextField => {
            form.next_field();
            vec![]
        }
        Action::PrevField => {
            form.prev_field();
            vec![]
        }
        Action::Submit => submit_form(app),
        Action::Input(c) if form.focus == Field::Kinds => {
            form.toggle_kind(c);
            vec![]
        }
        other => {
            if let Some(input) = form.input_mut() {
                text_edit(input, &other);
                form.error = None;
            }
            vec![]
        }
    }
}

/// Saves the contact form. A new contact that shares an email or handle with one on the
/// board, and a follow-up date typed into the past, ask first (unless already answered).
fn submit_form(app: &mut App) -> Vec<Effect> {
    let (today, now) = (app.today, app.now);
    let Mode::Form(form) = &mut app.mode else {
        return vec![];
    };
    match form.validate(today) {
        Err(e) => {
            form.error = Some(e);
            vec![]
        }
        Ok(values) => {
            if let FormTarget::New(stage) = form.target
                && !form.duplicate_ok
            {
                let mut c = Contact::new(values.name.clone().unwrap_or_default(), stage, now);
                values.apply(&mut c);
                if let Some(other) = app.board.same_address(&c).first() {
                    app.question = Some(Question::Duplicate {
                        existing: other.name.clone(),
                        shared: crate::describe::shared_address(&c, other),
                    });
                    return vec![];
                }
            }
            if let Some(Some(day)) = values.follow_up
                && day < today
                && !form.past_ok
            {
                form.focus = Field::FollowUp;
                app.question = Some(Question::PastFollowUp(day));
                return vec![];
            }
            let target = form.target.clone();
            let original = form.original.take();
            app.mode = app.base_mode();
            save_form(app, target, original, values)
        }
    }
}

pub(super) fn log_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::Log(form) = &mut app.mode else {
        return vec![];
    };
    match action {
        Action::Cancel => {
            if form.changed() {
                app.question = Some(Question::Discard);
            } else {
                discard(app);
            }
        }
        Action::NextField => form.next_field(),
        Action::PrevField => form.prev_field(),
        Action::Submit => match form.when(app.now, app.today) {
            Err(e) => {
                let follow_up = app.keymap.key(Section::Board, &Action::FollowUp);
                if let Mode::Log(form) = &mut app.mode {
                    form.error = Some(match e {
                        WhenError::NotADate(e) => crate::text::capitalised(&e.to_string()),
                        WhenError::Future => format!(
                            "That is in the future; log what happened, and use {follow_up} for what is next."
                        ),
                    });
                }
            }
            Ok(at) => {
                let note = form.note.value().trim().to_string();
                let interaction = Interaction {
                    at,
                    channel: form.channel,
                    note: (!note.is_empty()).then_some(note),
                    from: form.from,
                };
                let id = form.id.clone();
                let editing = form.editing.clone();
                app.mode = app.base_mode();
                if let Some(original) = editing {
                    return super::ops::edit_interaction(app, &id, &original, Some(interaction));
                }
                let fx = log_interaction(app, &id, interaction);
                return review::follow_through(app, fx);
            }
        },
        Action::Input(c) if matches!(form.focus, LogField::Channel | LogField::Who) => form.pick(c),
        Action::CursorLeft | Action::CursorRight
            if matches!(form.focus, LogField::Channel | LogField::Who) =>
        {
            form.cycle(action == Action::CursorRight)
        }
        other => {
            if let Some(input) = form.input_mut() {
                text_edit(input, &other);
                form.error = None;
            }
        }
    }
    vec![]
}

pub(super) fn follow_up_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::FollowUp { input, error, .. } = &mut app.mode else {
        return vec![];
    };
    match action {
        Action::Cancel => discard(app),
        Action::Submit => return submit_follow_up(app, false),
        other => {
            text_edit(input, &other);
            *error = None;
        }
    }
    vec![]
}

/// Sets the follow-up typed into the prompt; a date before today asks first, unless
/// `past_ok`.
fn submit_follow_up(app: &mut App, past_ok: bool) -> Vec<Effect> {
    let today = app.today;
    let Mode::FollowUp {
        id,
        name,
        input,
        error,
    } = &mut app.mode
    else {
        return vec![];
    };
    let day = match dates::parse_date(input.value(), today) {
        Err(e) => {
            *error = Some(crate::text::capitalised(&e.to_string()));
            return vec![];
        }
        Ok(day) => day,
    };
    if let Some(d) = day
        && d < today
        && !past_ok
    {
        app.question = Some(Question::PastFollowUp(d));
        return vec![];
    }
    let (id, name) = (id.clone(), name.clone());
    app.mode = app.base_mode();
    let fx = change_contact(app, &id, format!("follow-up for {name}"), |c| {
        c.next_follow_up = day
    });
    match day {
        Some(d) if !fx.is_empty() => app.say(format!(
            "Follow up with {name} on {} ({}) · {}",
            dates::day_words(d, app.today),
            Due::of(d, app.today),
            app.undo_hint()
        )),
        None if !fx.is_empty() => app.say(format!(
            "Cleared the follow-up for {name} · {}",
            app.undo_hint()
        )),
        _ => app.say("No change."),
    }
    review::follow_through(app, fx)
}

pub(super) fn notes_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::Notes(editor) = &mut app.mode else {
        return vec![];
    };
    match action {
        Action::Editor(input) => {
            editor.area.input(input);
            vec![]
        }
        Action::Cancel => {
            if editor.changed() {
                app.question = Some(Question::Discard);
            } else {
                discard(app);
            }
            vec![]
        }
        Action::Submit if !editor.changed() => {
            discard(app);
            vec![]
        }
        Action::Submit => {
            let (id, text) = (editor.id.clone(), editor.text());
            let original = std::mem::take(&mut editor.original);
            let snapshot = editor.snapshot.take();
            app.mode = app.base_mode();
            if app.board.get(&id).is_none()
                && let Some(c) = snapshot
            {
                return restore_with_notes(app, *c, text);
            }
            set_notes(app, &id, &original, text)
        }
        _ => vec![],
    }
}
