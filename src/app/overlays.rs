//! The small screens over the board: questions (delete? log a touch? quit unsaved?), help,
//! the numbers panel and the review summary.

use super::ops::{delete, touch};
use super::{Action, App, ConfirmKind, Effect, Mode, review};

pub(super) fn confirm_action(app: &mut App, action: Action) -> Vec<Effect> {
    let kind = match &app.mode {
        Mode::Confirm(kind) => kind.clone(),
        _ => return vec![],
    };
    match action {
        Action::Yes => {
            app.mode = app.base_mode();
            match kind {
                ConfirmKind::Delete(id, name) => delete(app, &id, &name),
                ConfirmKind::WriteBack => {
                    app.removed_declined = None;
                    // A change of its own, so quitting waits for it like any save.
                    vec![Effect::WriteBack, app.changed()]
                }
                ConfirmKind::LogTouch(id, _) => {
                    if app.review.as_ref().and_then(|r| r.current()) == Some(&id) {
                        review::touch_current(app)
                    } else {
                        touch(app, &id)
                    }
                }
            }
        }
        Action::No => {
            app.mode = app.base_mode();
            if kind == ConfirmKind::WriteBack {
                app.removed_declined = Some(app.generation);
                app.report(
                    format!(
                        "Not writing {} back. Changes stay here only; quitting leaves the file removed.",
                        app.board_name
                    ),
                    false,
                );
            }
            vec![]
        }
        _ => vec![],
    }
}

pub(super) fn unsaved_quit_action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Yes => vec![Effect::QuitUnsaved],
        Action::No => {
            app.mode = app.base_mode();
            vec![]
        }
        _ => vec![],
    }
}

pub(super) fn help_action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Cancel => {
            app.mode = app.base_mode();
            app.help_scroll = 0;
        }
        Action::Down => app.help_scroll = app.help_scroll.saturating_add(1),
        Action::Up => app.help_scroll = app.help_scroll.saturating_sub(1),
        _ => {}
    }
    vec![]
}

pub(super) fn stats_action(app: &mut App, action: Action) -> Vec<Effect> {
    if matches!(action, Action::Cancel) {
        app.mode = app.base_mode();
    }
    vec![]
}

pub(super) fn summary_action(app: &mut App, action: Action) -> Vec<Effect> {
    if matches!(action, Action::Cancel | Action::Submit) {
        app.review = None;
        app.mode = Mode::Board;
        app.refresh();
    }
    vec![]
}

pub(super) fn agenda_action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Cancel => {
            app.mode = Mode::Board;
            app.list_sel = 0;
        }
        Action::Down => app.list_sel = app.list_sel.saturating_add(1),
        Action::Up => app.list_sel = app.list_sel.saturating_sub(1),
        Action::Help => app.mode = Mode::Help,
        _ => {}
    }
    vec![]
}
