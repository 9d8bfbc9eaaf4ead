//! The application: state, and `update`, which turns one `Action` into state changes and
//! `Effect`s for the event loop to carry out (save, open a link, run `$EDITOR`, quit). No
//! I/O here; results of effects come back as actions.
//!
//! `update` only dispatches: events from the loop go to `events`, keys to the handler of
//! the screen in front (`board`, `detail`, `forms`, `review`, `overlays`). Changes to the
//! board go through `ops`, which records them for undo.

pub mod archive;
mod board;
mod columns;
mod detail;
mod events;
pub mod form;
mod forms;
pub mod history;
pub mod input;
pub mod log_form;
pub mod marks;
mod mode;
pub mod notes;
mod ops;
mod overlays;
pub mod prompt;
pub mod review;
mod state;
pub mod triage;

pub use crate::action::Action;
pub use form::{FormState, FormTarget};
pub use log_form::{LogField, LogForm};
pub use mode::{ConfirmKind, Effect, Message, Mode, Question, SaveState, SortBy};
pub use notes::NotesEditor;
pub use review::{Outcome, Review};
pub use state::App;

use chrono::{DateTime, Utc};

/// The heart of the app: one action changes the state and may ask for effects.
pub fn update(app: &mut App, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
    app.now = now;
    if let Some(m) = &app.message
        && m.expires.is_some_and(|t| t <= now)
    {
        app.message = None;
    }
    let action = match events::handle(app, action) {
        Ok(effects) => return effects,
        Err(key_action) => key_action,
    };
    // Back from the browser: the first key (or the window regaining focus) asks whether
    // to log the touch, and is used up by that.
    if matches!(app.mode, Mode::Board | Mode::Detail | Mode::Review)
        && let Some((id, name)) = app.pending_touch.take()
        && app.read_only.is_none()
    {
        app.mode = Mode::Confirm(ConfirmKind::LogTouch(id, name));
        return vec![];
    }
    if action == Action::FocusGained {
        return vec![];
    }
    // "Terminal too small" is all the screen shows: keys would act unseen. Only quitting
    // works until it is bigger.
    let size = ratatui::layout::Rect::new(0, 0, app.width, app.height);
    if crate::layout::screen(size, app.focus).is_none() && action != Action::Quit {
        return vec![];
    }
    if app.question.is_some() {
        return forms::question_action(app, action);
    }
    if let Some(reason) = &app.read_only
        && matches!(
            app.mode,
            Mode::Board | Mode::Detail | Mode::Review | Mode::Triage | Mode::Archive
        )
        && action.changes_board()
    {
        app.report(format!("Nothing can be changed: {reason}."), false);
        return vec![];
    }
    // Matching on the mode's place binds nothing, so handlers get `app` whole and no form
    // is copied per keystroke.
    match app.mode {
        Mode::Board => board::action(app, action),
        Mode::Filter => board::filter_action(app, action),
        Mode::Detail => detail::action(app, action),
        Mode::Form(_) => forms::form_action(app, action),
        Mode::Log(_) => forms::log_action(app, action),
        Mode::FollowUp { .. } => forms::follow_up_action(app, action),
        Mode::Notes(_) => forms::notes_action(app, action),
        Mode::Review => review::action(app, action),
        Mode::ReviewSummary => overlays::summary_action(app, action),
        Mode::Stats => overlays::stats_action(app, action),
        Mode::Help => overlays::help_action(app, action),
        Mode::Confirm(_) => overlays::confirm_action(app, action),
        Mode::UnsavedQuit => overlays::unsaved_quit_action(app, action),
        Mode::Prompt(_) => prompt::prompt_action(app, action),
        Mode::Triage => triage::triage_action(app, action),
        Mode::Archive => archive::archive_view_action(app, action),
        Mode::Agenda => overlays::agenda_action(app, action),
    }
}

#[cfg(test)]
mod tests;
