//! Triage: the inbox one contact at a time, each placed in a column, archived or skipped.

use super::ops::{change_contact, undo_redo};
use super::prompt::{PromptKind, open_prompt};
use super::{Action, App, Effect, Mode};
use crate::keys::Section;
use crate::model::{ContactId, Kind, Stage};

/// Triage in progress: the inbox as it was when triage opened, one at a time.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Triage {
    pub queue: Vec<ContactId>,
    pub pos: usize,
    pub placed: usize,
    pub archived: usize,
    /// The undo depth when triage opened.
    start_depth: usize,
    /// Decisions that changed the board, for undo: the queue index, the undo depth after
    /// it, and whether it placed (else archived) the contact.
    steps: Vec<(usize, usize, bool)>,
}

impl Triage {
    pub fn current(&self) -> Option<&ContactId> {
        self.queue.get(self.pos)
    }
}

/// Opens triage on the inbox, going on from where it last stopped.
pub fn start_triage(app: &mut App) -> Vec<Effect> {
    let mut queue: Vec<ContactId> = app.board.inbox().map(|c| c.id.clone()).collect();
    if queue.is_empty() {
        app.say("The inbox is empty: everyone has a stage.");
        return vec![];
    }
    if let Some(at) = app
        .triage_resume
        .take()
        .and_then(|id| queue.iter().position(|q| *q == id))
    {
        queue.rotate_left(at);
    }
    app.triage = Some(Triage {
        queue,
        pos: 0,
        placed: 0,
        archived: 0,
        start_depth: app.history.depth(),
        steps: Vec::new(),
    });
    app.detail = None;
    app.marks.clear();
    app.mode = Mode::Triage;
    vec![]
}

fn still_in_inbox(app: &App, id: &ContactId) -> bool {
    app.board
        .get(id)
        .is_some_and(|c| c.inbox && c.archived.is_none())
}

/// On to the next contact still in the inbox; at the end, back to the board.
fn triage_next(app: &mut App) {
    let Some(t) = &app.triage else {
        return;
    };
    let next = (t.pos + 1..t.queue.len()).find(|&i| still_in_inbox(app, &t.queue[i]));
    match next {
        Some(i) => {
            if let Some(t) = &mut app.triage {
                t.pos = i;
            }
        }
        None => finish_triage(app, false),
    }
}

fn finish_triage(app: &mut App, stopped: bool) {
    let Some(t) = app.triage.take() else {
        return;
    };
    app.mode = Mode::Board;
    let left = app.board.inbox().count();
    let resume = app.keymap.say(Section::Board, &Action::Triage, "goes on");
    let done = format!("placed {} · archived {}", t.placed, t.archived);
    if stopped {
        app.triage_resume = t.current().cloned();
        app.say(format!(
            "Triage stopped: {done}; {left} still in the inbox · {resume}"
        ));
    } else if left > 0 {
        app.triage_resume = None;
        app.say(format!(
            "Triage done: {done}; {left} skipped, still in the inbox · {resume}"
        ));
    } else {
        app.triage_resume = None;
        app.say(format!("Inbox empty: {done}."));
    }
    app.refresh();
}

/// After a decision in triage that changed the board: remember it for undo and go on.
pub(super) fn triage_decided(app: &mut App, fx: Vec<Effect>, placed: bool) -> Vec<Effect> {
    if fx.is_empty() || app.mode != Mode::Triage {
        return fx;
    }
    let depth = app.history.depth();
    if let Some(t) = &mut app.triage {
        t.steps.push((t.pos, depth, placed));
        if placed {
            t.placed += 1;
        } else {
            t.archived += 1;
        }
    }
    triage_next(app);
    fx
}

fn place(app: &mut App, id: &ContactId, stage: Stage) -> Vec<Effect> {
    let (now, name) = (
        app.now,
        app.board
            .get(id)
            .map(|c| c.name.clone())
            .unwrap_or_default(),
    );
    let fx = change_contact(app, id, format!("place {name} in {}", stage.title()), |c| {
        c.place(stage, now)
    });
    app.say(format!(
        "Placed {name} in {} · {}",
        stage.title(),
        app.keymap.say(Section::Triage, &Action::Undo, "undo")
    ));
    triage_decided(app, fx, true)
}

fn toggle_kind(app: &mut App, id: &ContactId, kind: Kind) -> Vec<Effect> {
    let name = app
        .board
        .get(id)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let mut added = false;
    let fx = change_contact(app, id, format!("kind {} for {name}", kind.label()), |c| {
        added = c.kinds.insert(kind);
        if !added {
            c.kinds.remove(&kind);
        }
    });
    app.say(format!(
        "{name}: {} {}",
        if added { "+" } else { "−" },
        kind.label()
    ));
    fx
}

fn triage_undo(app: &mut App) -> Vec<Effect> {
    let depth = app.history.depth();
    let Some(t) = &mut app.triage else {
        return vec![];
    };
    let last = t.steps.last().map_or(t.start_depth, |s| s.1);
    if depth > last {
        // A kind toggled since the last decision: undone alone, on the same contact.
        let fx = undo_redo(app, true);
        app.mode = Mode::Triage;
        return fx;
    }
    let Some((index, _, placed)) = t.steps.pop() else {
        app.say("Nothing to undo in this triage.");
        return vec![];
    };
    t.pos = index;
    if placed {
        t.placed = t.placed.saturating_sub(1);
    } else {
        t.archived = t.archived.saturating_sub(1);
    }
    let fx = undo_redo(app, true);
    app.mode = Mode::Triage;
    fx
}

pub(super) fn triage_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(id) = app.triage.as_ref().and_then(|t| t.current().cloned()) else {
        finish_triage(app, false);
        return vec![];
    };
    if !still_in_inbox(app, &id) && action != Action::Undo && action != Action::Cancel {
        triage_next(app);
        return vec![];
    }
    let kind = |k| Some(k);
    let k = match action {
        Action::KindCustomer => kind(Kind::Customer),
        Action::KindProspect => kind(Kind::Prospect),
        Action::KindReferralPartner => kind(Kind::ReferralPartner),
        Action::KindVendor => kind(Kind::Vendor),
        Action::KindAdvocate => kind(Kind::Advocate),
        Action::KindFriend => kind(Kind::Friend),
        _ => None,
    };
    if let Some(k) = k {
        return toggle_kind(app, &id, k);
    }
    match action {
        Action::PlaceCasual => place(app, &id, Stage::Casual),
        Action::PlaceDm => place(app, &id, Stage::Dm),
        Action::PlacePhone => place(app, &id, Stage::Phone),
        Action::PlaceMeet => place(app, &id, Stage::Meet),
        Action::Archive => open_prompt(app, PromptKind::Archive),
        Action::Skip => {
            triage_next(app);
            vec![]
        }
        Action::Undo => triage_undo(app),
        Action::Cancel => {
            finish_triage(app, true);
            vec![]
        }
        Action::Help => {
            app.mode = Mode::Help;
            vec![]
        }
        _ => vec![],
    }
}
