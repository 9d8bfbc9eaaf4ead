//! Archiving and restoring contacts, and the archive view.

use super::marks::change_many;
use super::ops::undo_redo;
use super::{Action, App, Effect, Mode};
use crate::keys::Section;
use crate::model::{Archived, ContactId};

/// Archives `ids` with `reason`, as one step.
pub(super) fn archive(app: &mut App, ids: &[ContactId], who: &str, reason: String) -> Vec<Effect> {
    let now = app.now;
    let fx = change_many(app, ids, format!("archive {who}"), |c| {
        c.archived = Some(Box::new(Archived {
            at: now,
            reason: reason.clone(),
        }))
    });
    if !fx.is_empty() {
        let why = if reason.is_empty() {
            String::new()
        } else {
            format!(" ({reason})")
        };
        let view = app
            .keymap
            .say(Section::Board, &Action::ArchiveView, "shows them");
        app.say(format!(
            "Archived {who}{why} · {} · {view}",
            app.undo_hint()
        ));
        if app.detail.as_ref().is_some_and(|d| ids.contains(d)) && app.mode == Mode::Detail {
            app.detail = None;
            app.mode = Mode::Board;
        }
    }
    fx
}

/// Brings archived contacts back to their columns.
pub(super) fn restore(app: &mut App, ids: &[ContactId], who: &str) -> Vec<Effect> {
    let fx = change_many(app, ids, format!("restore {who}"), |c| c.archived = None);
    if fx.is_empty() {
        app.say(format!("{who} is not archived."));
    } else {
        app.say(format!("Restored {who} · {}", app.undo_hint()));
    }
    fx
}

/// The archive view: archived contacts, most recently archived first.
pub fn archived_ids(app: &App) -> Vec<ContactId> {
    // The board's filter narrows the archive too: archived contacts stay searchable.
    let q = app.query();
    let mut v: Vec<(&crate::model::Contact, chrono::DateTime<chrono::Utc>)> = app
        .board
        .archived()
        .filter(|c| q.is_empty() || q.matches(c, &app.board.settings, app.today, &chrono::Local))
        .filter_map(|c| c.archived.as_ref().map(|a| (c, a.at)))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name.cmp(&b.0.name)));
    v.into_iter().map(|(c, _)| c.id.clone()).collect()
}

pub(super) fn archive_view_action(app: &mut App, action: Action) -> Vec<Effect> {
    let ids = archived_ids(app);
    let n = ids.len();
    match action {
        Action::Cancel => {
            app.mode = Mode::Board;
            app.list_sel = 0;
        }
        Action::Down => app.list_sel = (app.list_sel + 1).min(n.saturating_sub(1)),
        Action::Up => app.list_sel = app.list_sel.saturating_sub(1),
        Action::Top => app.list_sel = 0,
        Action::Bottom => app.list_sel = n.saturating_sub(1),
        Action::Restore => {
            if let Some(id) = ids.get(app.list_sel) {
                let name = app
                    .board
                    .get(id)
                    .map(|c| c.name.clone())
                    .unwrap_or_default();
                let fx = restore(app, std::slice::from_ref(id), &name);
                app.list_sel = app.list_sel.min(n.saturating_sub(2));
                return fx;
            }
        }
        Action::Undo => {
            let fx = undo_redo(app, true);
            app.mode = Mode::Archive;
            return fx;
        }
        Action::Help => app.mode = Mode::Help,
        _ => {}
    }
    vec![]
}
