//! What the event loop reports back: time passing, a resize, a paste, finished saves,
//! outside changes to the file, effects that failed. These change state whatever screen
//! is in front.

use super::forms::paste;
use super::history::History;
use super::ops::set_notes;
use super::{Action, App, ConfirmKind, Effect, Mode, SaveState};
use crate::model::{self, Board, Stage};
use chrono::Local;

/// Handles an event; a key action is handed back, for the screen in front.
pub(super) fn handle(app: &mut App, action: Action) -> Result<Vec<Effect>, Action> {
    match action {
        Action::Tick => {
            let today = app.now.with_timezone(&Local).date_naive();
            // The tally stores dates, not "today": nothing to recount.
            app.today = today;
        }
        Action::Resize { width, height } => {
            app.width = width;
            app.height = height;
            for s in Stage::ALL {
                app.keep_visible(s);
            }
        }
        Action::Paste(text) => return Ok(paste(app, &text)),
        Action::NotesEdited { id, original, text } => {
            return Ok(set_notes(app, &id, &original, text));
        }
        Action::Saved { generation, result } => saved(app, generation, &result),
        Action::QuitBlocked(e) => {
            saved(app, app.generation, &Err(e));
            app.mode = Mode::UnsavedQuit;
        }
        Action::OutsideUnreadable(e) => app.report(
            format!(
                "The board file was changed elsewhere and cannot be read yet ({e}). It is left as it is; your changes wait here and are merged in once it reads."
            ),
            true,
        ),
        Action::BoardRemoved => {
            let asked = app.mode == Mode::Confirm(ConfirmKind::WriteBack);
            let declined = app.removed_declined.is_some_and(|g| g >= app.generation);
            if declined {
                app.report(
                    format!(
                        "Not saved: {} was removed outside rapport and is not written back. Quitting leaves it removed.",
                        app.board_name
                    ),
                    false,
                );
            } else if !asked && app.read_only.is_none() {
                // A question replaces the screen in front: over a form being typed, say it
                // in the footer; the next save (or retry) asks once the form is closed.
                if matches!(app.mode, Mode::Board | Mode::Detail | Mode::Review) {
                    app.mode = Mode::Confirm(ConfirmKind::WriteBack);
                } else {
                    app.report(
                        format!(
                            "{} was removed or moved away outside rapport; nothing is written there until you say so.",
                            app.board_name
                        ),
                        true,
                    );
                }
            }
        }
        Action::BackupProblem(problem) => {
            // Once a session: a note, not an alarm, and not repeated at every keypress.
            if !app.backup_warned {
                app.backup_warned = true;
                app.report(problem, true);
            }
        }
        Action::BoardReturned => {
            if app.mode == Mode::Confirm(ConfirmKind::WriteBack) {
                app.mode = app.base_mode();
            }
            app.removed_declined = None;
            app.say(format!("{} is back; carrying on.", app.board_name));
        }
        Action::EffectFailed(e) => {
            // A profile that did not open was not visited: nothing to ask about.
            app.pending_touch = None;
            app.report(e, true);
        }
        Action::Merged {
            generation,
            sent,
            merged,
            conflicts,
        } => return Ok(merged_in(app, generation, &sent, *merged, conflicts)),
        other => return Err(other),
    }
    Ok(vec![])
}

/// A save returned. "saved" only once the latest change is on disk; an older generation
/// landing while newer changes wait keeps "saving…".
fn saved(app: &mut App, generation: u64, result: &Result<(), String>) {
    match result {
        Ok(()) => {
            // The file is back (or was written back): nothing left to ask.
            if app.mode == Mode::Confirm(ConfirmKind::WriteBack) {
                app.mode = app.base_mode();
            }
            app.removed_declined = None;
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
            app.save_state = SaveState::Failed(app.shorten(e.clone()));
        }
    }
}

/// A save found the file changed elsewhere and merged. Folds that into what changed here
/// since the board was sent, and saves again if the result differs from the disk.
fn merged_in(
    app: &mut App,
    generation: u64,
    sent: &Board,
    merged: Board,
    conflicts: usize,
) -> Vec<Effect> {
    let board = if app.board == *sent {
        merged.clone()
    } else {
        model::merge(sent, &app.board, &merged, app.now).board
    };
    let needs_save = board != merged;
    if board != app.board {
        let keep = app.selected().map(|c| c.id.clone());
        app.board = board;
        // Undo steps refer to the old list; they cannot apply to the merged one.
        app.history = History::default();
        app.refresh();
        if let Some(id) = keep {
            app.select_id(&id);
        }
        let both = match conflicts {
            0 => String::new(),
            1 => " One field was changed both here and there: yours is kept, the other value is noted on the contact.".into(),
            n => format!(" {n} fields were changed both here and there: yours are kept, the other values are noted on the contacts."),
        };
        app.report(
            format!(
                "{} was changed elsewhere; merged those changes in (undo starts afresh).{both}",
                app.board_name
            ),
            conflicts > 0,
        );
    }
    if needs_save {
        return vec![app.changed()];
    }
    if generation >= app.generation {
        app.save_state = SaveState::Saved;
    }
    vec![]
}
