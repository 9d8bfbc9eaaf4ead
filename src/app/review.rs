//! The daily review screen: one due contact at a time, one key per decision.

use super::detail::contact_action;
use super::ops::{change_contact, touch, undo_redo};
use super::{Action, App, Effect, FormState, Mode};
use crate::due;
use crate::keys::Section;
use crate::model::{ContactId, Stage};
use chrono::{Duration, NaiveDate};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Touched,
    Advanced,
    Snoozed,
    Skipped,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Step {
    index: usize,
    outcome: Outcome,
    /// The undo depth after the step's board change, if it made one.
    history_depth: Option<usize>,
}

/// A review in progress: the queue fixed when it started, and what became of each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Review {
    pub queue: Vec<ContactId>,
    pub outcomes: Vec<Option<Outcome>>,
    pub pos: usize,
    /// The summary is showing.
    pub finished: bool,
    /// What the sub-form opened from the review will count as, once it is done.
    pub pending: Option<Outcome>,
    steps: Vec<Step>,
}

impl Review {
    pub fn current(&self) -> Option<&ContactId> {
        self.queue.get(self.pos)
    }

    pub fn count(&self, o: Outcome) -> usize {
        self.outcomes.iter().filter(|x| **x == Some(o)).count()
    }

    /// Handled or skipped.
    pub fn reviewed(&self) -> usize {
        self.outcomes.iter().filter(|x| x.is_some()).count()
    }

    /// Handled, not skipped: these have left the queue.
    pub fn handled(&self) -> usize {
        self.outcomes
            .iter()
            .filter(|x| matches!(x, Some(o) if *o != Outcome::Skipped))
            .count()
    }
}

/// Starts a review of everyone due today.
pub fn start(app: &mut App) -> Vec<Effect> {
    let queue = app.due_queue();
    let n = queue.len();
    app.review = Some(Review {
        queue,
        outcomes: vec![None; n],
        pos: 0,
        finished: false,
        pending: None,
        steps: Vec::new(),
    });
    app.detail = None;
    if n == 0 {
        return finish(app, true);
    }
    app.mode = Mode::Review;
    skip_missing(app)
}

/// Moves past queue entries whose contact no longer exists (deleted or undone away).
fn skip_missing(app: &mut App) -> Vec<Effect> {
    let Some(r) = &app.review else {
        return vec![];
    };
    if r.current().is_some_and(|id| app.board.get(id).is_some()) {
        return vec![];
    }
    go_next(app)
}

/// Goes to the next contact not yet dealt with; at the end, the summary.
fn go_next(app: &mut App) -> Vec<Effect> {
    let Some(r) = &mut app.review else {
        return vec![];
    };
    let next = (r.pos + 1..r.queue.len())
        .find(|&i| r.outcomes[i].is_none() && app.board.get(&r.queue[i]).is_some());
    match next {
        Some(i) => {
            r.pos = i;
            vec![]
        }
        None => finish(app, true),
    }
}

/// Shows the summary; a review gone all the way through counts for the streak.
pub fn finish(app: &mut App, completed: bool) -> Vec<Effect> {
    if let Some(r) = &mut app.review {
        r.finished = true;
    }
    app.mode = Mode::ReviewSummary;
    // A read-only board keeps its streak as the file has it.
    if completed && app.read_only.is_none() && due::complete_review(&mut app.board, app.today) {
        return vec![app.changed()];
    }
    vec![]
}

/// Records what happened to the current contact and goes on.
pub fn record(app: &mut App, outcome: Outcome, changed: bool) -> Vec<Effect> {
    let depth = app.history.depth();
    let Some(r) = &mut app.review else {
        return vec![];
    };
    let index = r.pos;
    if index >= r.outcomes.len() {
        return vec![];
    }
    r.outcomes[index] = Some(outcome);
    r.steps.push(Step {
        index,
        outcome,
        history_depth: changed.then_some(depth),
    });
    go_next(app)
}

/// After a form opened from the review closes having changed something.
pub fn follow_through(app: &mut App, fx: Vec<Effect>) -> Vec<Effect> {
    let pending = app.review.as_mut().and_then(|r| r.pending.take());
    match pending {
        Some(outcome) if !fx.is_empty() => {
            let mut all = fx;
            all.extend(record(app, outcome, true));
            all
        }
        _ => fx,
    }
}

fn current_id(app: &App) -> Option<ContactId> {
    app.review.as_ref().and_then(|r| r.current().cloned())
}

pub fn advance(app: &mut App) -> Vec<Effect> {
    let Some(id) = current_id(app) else {
        return vec![];
    };
    let Some(c) = app.board.get(&id) else {
        return vec![];
    };
    let Some(to) = c.stage.next() else {
        let keys = format!(
            "{}, {}",
            app.keymap
                .say(Section::Review, &Action::Touch, "logs a touch"),
            app.keymap.say(Section::Review, &Action::Snooze, "snoozes")
        );
        app.say(format!(
            "{} is already in {}; {keys}.",
            c.name,
            Stage::Meet.title()
        ));
        return vec![];
    };
    let (name, now) = (c.name.clone(), app.now);
    let mut fx = change_contact(app, &id, format!("advance {name}"), |c| {
        c.set_stage(to, now);
    });
    // The card keeps its place in the list (it shows in its new column); only the stage
    // and its history change, so the undo is one small patch.
    app.say(format!(
        "Moved {name} → {} · {}",
        to.title(),
        app.undo_hint()
    ));
    let changed = !fx.is_empty();
    fx.extend(record(app, Outcome::Advanced, changed));
    fx
}

pub fn snooze(app: &mut App) -> Vec<Effect> {
    let Some(id) = current_id(app) else {
        return vec![];
    };
    let tomorrow: NaiveDate = app.today + Duration::days(1);
    let name = app
        .board
        .get(&id)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let mut fx = change_contact(app, &id, format!("snooze {name}"), |c| {
        c.next_follow_up = Some(tomorrow)
    });
    app.say(format!(
        "Snoozed {name} until tomorrow · {}",
        app.undo_hint()
    ));
    let changed = !fx.is_empty();
    fx.extend(record(app, Outcome::Snoozed, changed));
    fx
}

pub fn touch_current(app: &mut App) -> Vec<Effect> {
    let Some(id) = current_id(app) else {
        return vec![];
    };
    let mut fx = touch(app, &id);
    let changed = !fx.is_empty();
    fx.extend(record(app, Outcome::Touched, changed));
    fx
}

pub fn skip(app: &mut App) -> Vec<Effect> {
    record(app, Outcome::Skipped, false)
}

/// Back to the previous contact still open (not handled; skipped ones count as open).
pub fn back(app: &mut App) {
    let Some(r) = &mut app.review else {
        return;
    };
    let prev = (0..r.pos)
        .rev()
        .find(|&i| !matches!(r.outcomes[i], Some(o) if o != Outcome::Skipped));
    match prev {
        Some(i) => {
            r.pos = i;
            r.outcomes[i] = None;
        }
        None => app.say("This is the first one still open."),
    }
}

/// Undoes the last review decision (the contact comes back), or a plain change made
/// from the review (an edit) if that came later.
pub fn undo(app: &mut App) -> Vec<Effect> {
    let depth = app.history.depth();
    let Some(r) = &mut app.review else {
        return vec![];
    };
    let last_step_depth = r.steps.last().and_then(|s| s.history_depth);
    if last_step_depth.is_some_and(|d| depth > d) || (r.steps.is_empty() && depth > 0) {
        // A change that was not a review decision (an edit from the review): undo it alone.
        return undo_redo(app, true);
    }
    let Some(step) = r.steps.pop() else {
        app.say("Nothing to undo in this review.");
        return vec![];
    };
    r.outcomes[step.index] = None;
    r.pos = step.index;
    r.finished = false;
    app.mode = Mode::Review;
    if step.history_depth.is_some() {
        return undo_redo(app, true);
    }
    app.say("Undid the skip.");
    vec![]
}

pub(super) fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(current) = app.review.as_ref().and_then(|r| r.current().cloned()) else {
        return finish(app, false);
    };
    if app.board.get(&current).is_none() {
        return skip(app);
    }
    match action {
        Action::Touch => touch_current(app),
        Action::LogForm => {
            if let Some(r) = &mut app.review {
                r.pending = Some(Outcome::Touched);
            }
            contact_action(app, Action::LogForm)
        }
        Action::Advance => advance(app),
        Action::Snooze => snooze(app),
        Action::FollowUp => {
            if let Some(r) = &mut app.review {
                r.pending = Some(Outcome::Snoozed);
            }
            contact_action(app, Action::FollowUp)
        }
        Action::Pause => {
            if let Some(r) = &mut app.review {
                r.pending = Some(Outcome::Snoozed);
            }
            super::prompt::open_prompt(app, super::prompt::PromptKind::Pause)
        }
        Action::Edit => {
            if let Some(c) = app.board.get(&current) {
                app.mode = Mode::Form(Box::new(FormState::edit(c)));
            }
            vec![]
        }
        Action::OpenProfile => contact_action(app, Action::OpenProfile),
        Action::Skip => skip(app),
        Action::Back => {
            back(app);
            vec![]
        }
        Action::Undo => undo(app),
        Action::Cancel => finish(app, false),
        Action::Help => {
            app.mode = Mode::Help;
            vec![]
        }
        _ => vec![],
    }
}
