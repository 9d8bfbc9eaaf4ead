//! The contact's detail screen, and the actions on one contact that the board, the detail
//! view and the review share (touch, log, follow-up, open the profile).

use super::input::TextInput;
use super::ops::{change_contact, move_selected, touch, undo_redo};
use super::{Action, App, Effect, FormState, LogForm, Mode, NotesEditor};
use crate::model::profile_url;

pub(super) fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(id) = app.detail.clone() else {
        app.mode = Mode::Board;
        return vec![];
    };
    if app.board.get(&id).is_none() {
        // Undone out of existence: back to the board.
        app.detail = None;
        app.mode = Mode::Board;
        return vec![];
    }
    match action {
        Action::Cancel if app.interaction_sel.is_some() => app.interaction_sel = None,
        Action::Cancel => {
            app.detail = None;
            app.mode = Mode::Board;
            app.select_id(&id);
        }
        Action::Down => app.detail_scroll = app.detail_scroll.saturating_add(1),
        Action::Up => app.detail_scroll = app.detail_scroll.saturating_sub(1),
        Action::Edit => {
            if let Some(c) = app.board.get(&id) {
                app.mode = Mode::Form(Box::new(FormState::edit(c)));
            }
        }
        Action::EditNotes => {
            if let Some(c) = app.board.get(&id) {
                app.mode = Mode::Notes(Box::new(NotesEditor::for_contact(c)));
            }
        }
        Action::EditNotesExternally => {
            if let Some(c) = app.board.get(&id) {
                return vec![Effect::EditExternally {
                    id: id.clone(),
                    text: c.notes.clone(),
                }];
            }
        }
        Action::MoveLeft | Action::MoveRight => {
            return move_selected(app, action == Action::MoveRight);
        }
        Action::DismissConflicts => {
            let n = app.board.get(&id).map_or(0, |c| c.conflicts.len());
            if n == 0 {
                app.say("Nothing was changed elsewhere at the same time.");
                return vec![];
            }
            let fx = change_contact(app, &id, "dismiss conflict notes".into(), |c| {
                c.conflicts.clear()
            });
            app.say(format!(
                "Dismissed {n} value{} noted from elsewhere · {}",
                if n == 1 { "" } else { "s" },
                app.undo_hint()
            ));
            return fx;
        }
        Action::Archive => {
            return super::prompt::open_prompt(app, super::prompt::PromptKind::Archive);
        }
        Action::Pause => return super::prompt::open_prompt(app, super::prompt::PromptKind::Pause),
        Action::Restore => {
            let name = app
                .board
                .get(&id)
                .map(|c| c.name.clone())
                .unwrap_or_default();
            return super::archive::restore(app, std::slice::from_ref(&id), &name);
        }
        Action::NextInteraction | Action::PrevInteraction => {
            let n = app.board.get(&id).map_or(0, |c| c.interactions.len());
            app.interaction_sel = match (app.interaction_sel, action == Action::NextInteraction) {
                _ if n == 0 => None,
                (None, true) => Some(0),
                (Some(i), true) => Some((i + 1).min(n - 1)),
                (Some(0) | None, false) => None,
                (Some(i), false) => Some(i - 1),
            };
        }
        Action::EditInteraction | Action::DeleteInteraction => {
            let Some((c, i)) = app.board.get(&id).and_then(|c| {
                let sel = app.interaction_sel?;
                c.interactions_newest_first()
                    .get(sel)
                    .map(|i| (c, (*i).clone()))
            }) else {
                let next = app.keymap.say(
                    crate::keys::Section::Detail,
                    &Action::NextInteraction,
                    "selects one",
                );
                app.say(format!("Select an interaction first: {next}."));
                return vec![];
            };
            if action == Action::EditInteraction {
                app.mode = Mode::Log(Box::new(LogForm::edit(id.clone(), c.name.clone(), &i)));
                return vec![];
            }
            let fx = super::ops::edit_interaction(app, &id, &i, None);
            let n = app.board.get(&id).map_or(0, |c| c.interactions.len());
            app.interaction_sel = app
                .interaction_sel
                .filter(|_| n > 0)
                .map(|s| s.min(n.saturating_sub(1)));
            return fx;
        }
        Action::Undo => return undo_redo(app, true),
        Action::Redo => return undo_redo(app, false),
        Action::Help => app.mode = Mode::Help,
        Action::Touch | Action::LogForm | Action::FollowUp | Action::OpenProfile => {
            return contact_action(app, action);
        }
        _ => {}
    }
    vec![]
}

/// Actions about one contact, shared by the board and the detail view.
pub(super) fn contact_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some((id, name)) = app.target() else {
        return vec![];
    };
    match action {
        Action::Touch => return touch(app, &id),
        Action::LogForm => {
            let channel = app
                .board
                .get(&id)
                .map(|c| c.stage.channel())
                .unwrap_or(crate::model::Channel::Other);
            app.mode = Mode::Log(Box::new(LogForm::new(id, name, channel)));
        }
        Action::FollowUp => {
            let current = app
                .board
                .get(&id)
                .and_then(|c| c.next_follow_up)
                .map(|d| d.format("%Y-%m-%d").to_string())
                .unwrap_or_default();
            app.mode = Mode::FollowUp {
                id,
                name,
                input: TextInput::prefilled(current),
                error: None,
            };
        }
        Action::OpenProfile => {
            let url = app
                .board
                .get(&id)
                .and_then(|c| c.handles.iter().find_map(|h| profile_url(h)));
            match url {
                Some(url) => {
                    app.pending_touch = Some((id, name.clone()));
                    app.say(format!("Opening {url}…"));
                    return vec![Effect::Open(url)];
                }
                None => {
                    let edit = app.key_hint(Action::Edit, "");
                    app.say(format!(
                        "{name} has no handle to open; add an @handle or a profile URL with {}.",
                        edit.trim_end()
                    ))
                }
            }
        }
        _ => {}
    }
    vec![]
}
