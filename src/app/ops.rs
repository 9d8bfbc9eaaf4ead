//! Changes to the board, each recorded as one undoable step: move, reorder, add, edit,
//! delete, log, notes; and undo/redo themselves.

use super::history::Recorder;
use super::input::TextInput;
use super::{Action, App, Effect, FormTarget};
use crate::model::{self, Conflict, Contact, ContactEdit, ContactId, Interaction, Who};

pub(super) fn move_selected(app: &mut App, right: bool) -> Vec<Effect> {
    let Some(i) = app.target_index() else {
        return vec![];
    };
    let c = &app.board.contacts[i];
    let Some(to) = (if right {
        c.stage.next()
    } else {
        c.stage.prev()
    }) else {
        app.say(if right {
            "Already in the last stage."
        } else {
            "Already in the first stage."
        });
        return vec![];
    };
    let name = c.name.clone();
    let mut rec = Recorder::default();
    let mut end = None;
    if let Some(mut moved) = rec.remove(&mut app.board, i) {
        moved.set_stage(to, app.now);
        let at = app.board.contacts.len();
        rec.insert(&mut app.board, at, moved);
        end = Some(at);
    }
    let label = format!("move {name} → {}", to.title());
    let fx = app.commit(rec, label);
    if let Some(at) = end {
        app.select_index(at);
    }
    app.say(format!(
        "Moved {name} → {} · {}",
        to.title(),
        app.undo_hint()
    ));
    fx
}

/// Replaces one contact with an edited copy, as one undoable change.
pub(super) fn change_contact(
    app: &mut App,
    id: &ContactId,
    label: String,
    edit: impl FnOnce(&mut Contact),
) -> Vec<Effect> {
    let Some(i) = app.board.index_of(id) else {
        return vec![];
    };
    let mut c = app.board.contacts[i].as_ref().clone();
    edit(&mut c);
    let mut rec = Recorder::default();
    rec.replace(&mut app.board, i, c);
    let fx = app.commit(rec, label);
    app.select_id(id);
    fx
}

pub(super) fn log_interaction(
    app: &mut App,
    id: &ContactId,
    interaction: Interaction,
) -> Vec<Effect> {
    let today = app.today;
    let channel = interaction.channel;
    let name = app
        .board
        .get(id)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let fx = change_contact(app, id, format!("log {channel} with {name}"), |c| {
        c.log(interaction, today)
    });
    app.say(format!(
        "Logged {} with {name} · {}",
        channel.with_article(),
        app.undo_hint()
    ));
    fx
}

/// `t`: a touch now, from me, on the stage's usual channel.
pub(super) fn touch(app: &mut App, id: &ContactId) -> Vec<Effect> {
    let Some(c) = app.board.get(id) else {
        return vec![];
    };
    let interaction = Interaction {
        at: app.now,
        channel: c.stage.channel(),
        note: None,
        from: Who::Me,
    };
    log_interaction(app, id, interaction)
}

pub(super) fn reorder_selected(app: &mut App, up: bool) -> Vec<Effect> {
    let col = app.focus.index();
    let s = app.sel[col];
    let other = if up { s.checked_sub(1) } else { Some(s + 1) };
    let (Some(&a), Some(&b)) = (
        app.columns[col].get(s),
        other.and_then(|o| app.columns[col].get(o)),
    ) else {
        return vec![];
    };
    let (ca, cb) = (
        app.board.contacts[a].as_ref().clone(),
        app.board.contacts[b].as_ref().clone(),
    );
    let id = ca.id.clone();
    let label = format!("reorder {}", ca.name);
    let mut rec = Recorder::default();
    rec.replace(&mut app.board, a, cb);
    rec.replace(&mut app.board, b, ca);
    let fx = app.commit(rec, label);
    app.select_id(&id);
    fx
}

pub(super) fn delete(app: &mut App, id: &ContactId, name: &str) -> Vec<Effect> {
    let Some(i) = app.board.index_of(id) else {
        return vec![];
    };
    let mut rec = Recorder::default();
    rec.remove(&mut app.board, i);
    let fx = app.commit(rec, format!("delete {name}"));
    app.say(format!("Deleted {name} · {}", app.undo_hint()));
    fx
}

pub(super) fn undo_redo(app: &mut App, undo: bool) -> Vec<Effect> {
    let change = if undo {
        app.history.undo(&mut app.board)
    } else {
        app.history.redo(&mut app.board)
    };
    let Some(change) = change else {
        app.say(if undo {
            "Nothing to undo."
        } else {
            "Nothing to redo."
        });
        return vec![];
    };
    let label = change.label.clone();
    // Select the contact the change was about, where it is now.
    let id = change.prims.first().map(|p| p.contact().id.clone());
    let prims = change.prims.clone();
    app.refresh_after(&prims, !undo);
    if let Some(id) = id {
        app.select_id(&id);
    }
    // Redo is named only where it works: the review has no redo.
    let redo_here = app
        .keymap
        .keys_for(app.base_mode().section(), &Action::Redo)
        .is_some();
    app.say(if undo && redo_here {
        format!("Undid {label} · {}", app.key_hint(Action::Redo, "redo"))
    } else if undo {
        format!("Undid {label}")
    } else {
        format!("Redid {label}")
    });
    vec![app.changed()]
}

/// Sets notes edited from `original`. If the notes changed elsewhere meanwhile (a merge
/// while the editor was open), these are kept and the other version is noted on the contact.
pub(super) fn set_notes(
    app: &mut App,
    id: &ContactId,
    original: &str,
    text: String,
) -> Vec<Effect> {
    let Some(name) = app.board.get(id).map(|c| c.name.clone()) else {
        app.say("That contact is no longer on the board; the notes were not saved.");
        return vec![];
    };
    if text == original {
        app.say("Notes unchanged.");
        return vec![];
    }
    let now = app.now;
    let fx = change_contact(app, id, format!("notes for {name}"), |c| {
        if c.notes != original && c.notes != text {
            c.conflicts.push(Conflict {
                field: "notes".into(),
                theirs: std::mem::take(&mut c.notes),
                at: now,
            });
        }
        c.notes = text
    });
    if fx.is_empty() {
        app.say("Notes unchanged.");
    } else {
        app.say(format!("Saved the notes for {name} · {}", app.undo_hint()));
    }
    fx
}

/// A contact deleted elsewhere while its notes were being edited: a merge keeps a contact
/// one side changed, so it comes back with the new notes.
pub(super) fn restore_with_notes(app: &mut App, mut c: Contact, text: String) -> Vec<Effect> {
    let mut rec = Recorder::default();
    c.notes = text;
    let (id, name) = (c.id.clone(), c.name.clone());
    let end = app.board.contacts.len();
    rec.insert(&mut app.board, end, c);
    let fx = app.commit(rec, format!("notes for {name}"));
    app.select_id(&id);
    app.report(
        format!("{name} was deleted elsewhere while you edited the notes; kept, with your notes."),
        true,
    );
    fx
}

/// Saves a form. An edit is applied to the contact as it was when the form opened, then
/// merged with the contact as it is now: a field also changed elsewhere meanwhile keeps the
/// form's value and notes the other.
pub(super) fn save_form(
    app: &mut App,
    target: FormTarget,
    original: Option<Box<Contact>>,
    edit: ContactEdit,
) -> Vec<Effect> {
    let mut rec = Recorder::default();
    let name = edit.name.clone().unwrap_or_default();
    match target {
        FormTarget::New(stage) => {
            let mut c = Contact::new(name.clone(), stage, app.now);
            c.id = app.board.new_id();
            edit.apply(&mut c);
            let id = c.id.clone();
            let end = app.board.contacts.len();
            rec.insert(&mut app.board, end, c);
            let fx = app.commit(rec, format!("add {name}"));
            app.select_id(&id);
            if app.selected().map(|c| &c.id) != Some(&id) {
                // The filter hides the new card; show it rather than leave the user guessing.
                app.filter = TextInput::default();
                app.refresh();
                app.select_id(&id);
            }
            app.say(format!(
                "Added {name} to {} · {}",
                stage.title(),
                app.undo_hint()
            ));
            fx
        }
        FormTarget::Edit(id) => {
            let Some(i) = app.board.index_of(&id) else {
                // Deleted elsewhere while the form was open: a merge keeps a contact one
                // side changed, so it comes back with the edit.
                let Some(base) = original else {
                    return vec![];
                };
                let mut c = *base;
                edit.apply(&mut c);
                let name = c.name.clone();
                let end = app.board.contacts.len();
                rec.insert(&mut app.board, end, c);
                let fx = app.commit(rec, format!("edit {name}"));
                app.select_id(&id);
                app.report(
                    format!(
                        "{name} was deleted elsewhere while you edited; kept, with your changes."
                    ),
                    true,
                );
                return fx;
            };
            let current = &app.board.contacts[i];
            let mut both = 0;
            let c = match original {
                Some(base) => {
                    let mut ours = (*base).clone();
                    edit.apply(&mut ours);
                    let c = model::merge_contact(Some(&base), &ours, current, app.now, &mut both);
                    if both > 0 {
                        app.report(
                            "Also changed elsewhere while you edited: yours is kept, the other value is noted on the contact.",
                            true,
                        );
                    }
                    c
                }
                None => {
                    let mut c = current.as_ref().clone();
                    edit.apply(&mut c);
                    c
                }
            };
            let name = c.name.clone();
            rec.replace(&mut app.board, i, c);
            if rec.is_empty() {
                app.say("No changes.");
                return vec![];
            }
            let fx = app.commit(rec, format!("edit {name}"));
            app.select_id(&id);
            if both == 0 {
                app.say(format!("Saved {name} · {}", app.undo_hint()));
            }
            fx
        }
    }
}

/// Corrects a logged interaction (`Some`) or deletes it (`None`), as one undoable change.
/// The due date follows, as it is counted from the log.
pub(super) fn edit_interaction(
    app: &mut App,
    id: &ContactId,
    original: &Interaction,
    new: Option<Interaction>,
) -> Vec<Effect> {
    let Some(c) = app.board.get(id) else {
        return vec![];
    };
    if !c.interactions.contains(original) {
        app.report(
            "That interaction was changed elsewhere meanwhile; nothing was changed here.",
            true,
        );
        return vec![];
    }
    let name = c.name.clone();
    let deleting = new.is_none();
    let label = if deleting {
        format!("delete a {} with {name}", original.channel)
    } else {
        format!("edit a {} with {name}", original.channel)
    };
    let fx = change_contact(app, id, label, |c| {
        if let Some(at) = c.interactions.iter().position(|i| i == original) {
            c.interactions.remove(at);
        }
        if let Some(i) = new {
            let at = c.interactions.partition_point(|x| x.at <= i.at);
            c.interactions.insert(at, i);
        }
    });
    if fx.is_empty() {
        app.say("No changes.");
        return fx;
    }
    let due = app
        .board
        .get(id)
        .and_then(|c| c.due_date(&app.board.settings, &chrono::Local))
        .map(|d| format!("; due {}", crate::dates::Due::of(d, app.today)))
        .unwrap_or_default();
    app.say(format!(
        "{} {} with {name}{due} · {}",
        if deleting { "Deleted" } else { "Saved" },
        original.channel.with_article(),
        app.undo_hint()
    ));
    fx
}
