//! What the event loop reports back: time passing, a resize, a paste, finished saves,
//! outside changes to the file, effects that failed. These change state whatever screen
//! is in front.

use super::forms::paste;
use super::history::History;
use super::ops::set_notes;
use super::{Action, App, Effect, Mode, SaveState};
use crate::model::Stage;
use chrono::Local;

/// Handles an event; a key action is handed back, for the screen in front.
pub(super) fn handle(app: &mut App, action: Action) -> Result<Vec<Effect>, Action> {
    match action {
        Action::Tick => {
            let today = app.now.with_timezone(&Local).date_naive();
            if today != app.today {
                app.today = today;
                app.count_due();
            }
        }
        Action::Resize { width, height } => {
            app.width = width;
            app.height = height;
            for s in Stage::ALL {
                app.keep_visible(s);
            }
        }
        Action::Paste(text) => return Ok(paste(app, &text)),
        Action::NotesEdited { id, text } => return Ok(set_notes(app, &id, text)),
        Action::Saved { generation, result } => saved(app, generation, &result),
        Action::QuitBlocked(e) => {
            saved(app, app.generation, &Err(e));
            app.mode = Mode::UnsavedQuit;
        }
        Action::KeptTheirs(path) => app.report(
            format!(
                "The board file was changed outside rapport; that version is kept as {}, and yours is saved.",
                path.display()
            ),
            true,
        ),
        Action::OutsideUnreadable(e) => app.report(
            format!(
                "The board file changed on disk and cannot be read: {e} Your next change keeps that version aside."
            ),
            true,
        ),
        Action::EffectFailed(e) => {
            // A profile that did not open was not visited: nothing to ask about.
            app.pending_touch = None;
            app.report(e, true);
        }
        Action::Reloaded(board) => {
            let keep = app.selected().map(|c| c.id.clone());
            app.board = *board;
            // Undo steps refer to the old list; they cannot apply to the new one.
            app.history = History::default();
            app.refresh();
            if let Some(id) = keep {
                app.select_id(&id);
            }
            app.report(
                format!(
                    "{} changed on disk; reloaded it (undo starts afresh).",
                    app.board_name
                ),
                false,
            );
        }
        other => return Err(other),
    }
    Ok(vec![])
}

/// A save returned. "saved" only once the latest change is on disk; an older generation
/// landing while newer changes wait keeps "saving…".
fn saved(app: &mut App, generation: u64, result: &Result<(), String>) {
    match result {
        Ok(()) => {
            if generation >= app.generation {
                if matches!(app.save_state, SaveState::Failed(_)) {
                    app.say("Saved.");
                }
                app.save_state = SaveState::Saved;
            }
        }
        Err(e) => {
            app.report(format!("Not saved: {e} Retrying…"), true);
            if let Some(m) = &mut app.message {
                m.expires = None;
            }
            app.save_state = SaveState::Failed(e.clone());
        }
    }
}
