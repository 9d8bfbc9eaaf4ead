//! Marks, and acting on many marked cards at once: each change is one undo step,
//! however many contacts it touches.

use super::history::Recorder;
use super::prompt::plural;
use super::{Action, App, Effect, Mode};
use crate::keys::Section;
use crate::model::{Channel, ContactId, Interaction, Who};

/// The contacts an action applies to: the marked cards when there are marks (on the
/// board), else the one contact in front. With how to name them.
pub(super) fn targets(app: &App) -> Option<(Vec<ContactId>, String)> {
    if !app.marks.is_empty() && app.mode == Mode::Board {
        let ids: Vec<ContactId> = app
            .board
            .iter()
            .filter(|c| app.marks.contains(&c.id))
            .map(|c| c.id.clone())
            .collect();
        if !ids.is_empty() {
            let who = if ids.len() == 1 {
                app.board
                    .get(&ids[0])
                    .map(|c| c.name.clone())
                    .unwrap_or_default()
            } else {
                format!("{} marked", ids.len())
            };
            return Some((ids, who));
        }
    }
    if app.mode == Mode::Triage {
        let id = app.triage.as_ref()?.current()?.clone();
        let name = app.board.get(&id)?.name.clone();
        return Some((vec![id], name));
    }
    app.target().map(|(id, name)| (vec![id], name))
}

/// Changes each of `ids` with `edit`, as one undoable step.
pub(super) fn change_many(
    app: &mut App,
    ids: &[ContactId],
    label: String,
    mut edit: impl FnMut(&mut crate::model::Contact),
) -> Vec<Effect> {
    let mut rec = Recorder::default();
    for id in ids {
        if let Some(i) = app.board.index_of(id) {
            let mut c = app.board.contacts[i].as_ref().clone();
            edit(&mut c);
            rec.replace(&mut app.board, i, c);
        }
    }
    app.commit(rec, label)
}

/// Marks or unmarks the selected card.
pub(super) fn toggle_mark(app: &mut App) {
    let Some(id) = app.selected().map(|c| c.id.clone()) else {
        return;
    };
    if !app.marks.remove(&id) {
        app.marks.insert(id);
    }
    let n = app.marks.len();
    if n > 0 {
        app.say(format!(
            "{n} marked · {}",
            app.keymap
                .say(Section::Board, &Action::ClearMarks, "clears")
        ));
    } else {
        app.message = None;
    }
}

/// Moves every marked card one stage left or right, as one step.
pub(super) fn move_marked(app: &mut App, right: bool) -> Vec<Effect> {
    let ids: Vec<ContactId> = app
        .board
        .iter()
        .filter(|c| app.marks.contains(&c.id) && c.on_board())
        .map(|c| c.id.clone())
        .collect();
    let mut rec = Recorder::default();
    let mut moved = 0;
    for id in &ids {
        let Some(i) = app.board.index_of(id) else {
            continue;
        };
        let stage = app.board.contacts[i].stage;
        let Some(to) = (if right { stage.next() } else { stage.prev() }) else {
            continue;
        };
        if let Some(mut c) = rec.remove(&mut app.board, i) {
            c.set_stage(to, app.now);
            let end = app.board.contacts.len();
            rec.insert(&mut app.board, end, c);
            moved += 1;
        }
    }
    if moved == 0 {
        app.say("The marked cards are already in the last stage they can go to.");
        return vec![];
    }
    let label = format!(
        "move {moved} marked {}",
        if right { "right" } else { "left" }
    );
    let fx = app.commit(rec, label);
    app.marks.clear();
    app.say(format!(
        "Moved {} {} · {}",
        plural(moved, "1 card", "cards"),
        if right { "a stage on" } else { "a stage back" },
        app.undo_hint()
    ));
    fx
}

/// Logs a touch now with every marked contact, as one step.
pub(super) fn touch_marked(app: &mut App) -> Vec<Effect> {
    let Some((ids, who)) = targets(app) else {
        return vec![];
    };
    let (now, today) = (app.now, app.today);
    let fx = change_many(app, &ids, format!("touch {who}"), |c| {
        let channel = if c.on_board() {
            c.stage.channel()
        } else {
            Channel::Other
        };
        c.log(
            Interaction {
                at: now,
                channel,
                note: None,
                from: Who::Me,
            },
            today,
        )
    });
    app.marks.clear();
    app.say(format!("Logged a touch with {who} · {}", app.undo_hint()));
    fx
}
