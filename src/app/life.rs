//! The life of a relationship around the four columns: the inbox and its triage, archiving
//! and restoring, pausing until a date, and acting on many marked cards at once. Every
//! change is one undo step, however many contacts it touches.

use super::forms::text_edit;
use super::history::Recorder;
use super::input::TextInput;
use super::ops::{change_contact, undo_redo};
use super::{Action, App, Effect, Mode};
use crate::dates::{self, Due};
use crate::keys::Section;
use crate::model::{ARCHIVE_REASONS, Archived, Channel, ContactId, Interaction, Kind, Stage, Who};

/// What a one-line prompt asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    Archive,
    Pause,
    Tag,
    FollowUp,
}

impl PromptKind {
    /// The prompt's title, about `who` ("Ana", "5 marked").
    pub fn title(self, who: &str) -> String {
        match self {
            PromptKind::Archive => format!("Archive {who}"),
            PromptKind::Pause => format!("Pause {who} until"),
            PromptKind::Tag => format!("Tag {who}"),
            PromptKind::FollowUp => format!("Follow up with {who}"),
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PromptKind::Archive => "Reason",
            PromptKind::Tag => "Tag",
            PromptKind::Pause | PromptKind::FollowUp => "Date",
        }
    }

    pub fn help(self) -> &'static str {
        match self {
            PromptKind::Archive => "1 not a fit · 2 went cold · 3 moved on · or your own words",
            PromptKind::Pause => "YYYY-MM-DD, +3m, next month, mon…sun; empty ends the pause",
            PromptKind::Tag => "one tag, added to each",
            PromptKind::FollowUp => {
                "YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, mon…sun; empty clears"
            }
        }
    }
}

/// A one-line prompt about one contact or several.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub kind: PromptKind,
    pub ids: Vec<ContactId>,
    /// Who it is about, for the title: a name, or "5 marked".
    pub who: String,
    pub input: TextInput,
    pub error: Option<String>,
}

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

/// The contacts an action applies to: the marked cards when there are marks (on the
/// board), else the one contact in front. With how to name them.
pub(super) fn targets(app: &App) -> Option<(Vec<ContactId>, String)> {
    if !app.marks.is_empty() && app.mode == Mode::Board {
        let ids: Vec<ContactId> = app
            .board
            .contacts
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
            let mut c = app.board.contacts[i].clone();
            edit(&mut c);
            rec.replace(&mut app.board, i, c);
        }
    }
    app.commit(rec, label)
}

/// Opens a prompt about the contacts in front.
pub(super) fn open_prompt(app: &mut App, kind: PromptKind) -> Vec<Effect> {
    let Some((ids, who)) = targets(app) else {
        return vec![];
    };
    let current = match (kind, ids.as_slice()) {
        (PromptKind::Pause, [id]) => app
            .board
            .get(id)
            .and_then(|c| c.paused_until)
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default(),
        _ => String::new(),
    };
    app.mode = Mode::Prompt(Box::new(Prompt {
        kind,
        ids,
        who,
        input: TextInput::prefilled(current),
        error: None,
    }));
    vec![]
}

pub(super) fn prompt_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::Prompt(p) = &mut app.mode else {
        return vec![];
    };
    match action {
        Action::Cancel => {
            app.mode = app.base_mode();
            if let Some(r) = &mut app.review {
                r.pending = None;
            }
        }
        Action::Submit => return submit_prompt(app),
        other => {
            text_edit(&mut p.input, &other);
            p.error = None;
        }
    }
    vec![]
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        one.to_string()
    } else {
        format!("{n} {many}")
    }
}

fn submit_prompt(app: &mut App) -> Vec<Effect> {
    let Mode::Prompt(p) = &mut app.mode else {
        return vec![];
    };
    let today = app.today;
    let text = p.input.value().trim().to_string();
    let kind = p.kind;
    let (ids, who) = (p.ids.clone(), p.who.clone());
    let fail = |p: &mut Prompt, e: String| {
        p.error = Some(e);
        vec![]
    };
    let fx = match kind {
        PromptKind::Archive => {
            let reason = match text.as_str() {
                "1" | "2" | "3" => {
                    ARCHIVE_REASONS[usize::from(text.as_bytes()[0] - b'1')].to_string()
                }
                _ => text,
            };
            app.mode = app.base_mode();
            let fx = archive(app, &ids, &who, reason);
            triage_decided(app, fx, false)
        }
        PromptKind::Pause => {
            let day = match dates::parse_date(&text, today) {
                Err(e) => return fail(p, crate::text::capitalised(&e.to_string())),
                Ok(Some(d)) if d <= today => {
                    return fail(
                        p,
                        "Pick a day after today; empty ends the pause.".to_string(),
                    );
                }
                Ok(day) => day,
            };
            app.mode = app.base_mode();
            let fx = change_many(app, &ids, format!("pause {who}"), |c| c.paused_until = day);
            match day {
                _ if fx.is_empty() => app.say("No change."),
                Some(d) => app.say(format!(
                    "Paused {who} until {} ({}) · {}",
                    dates::day_words(d, today),
                    Due::of(d, today),
                    app.undo_hint()
                )),
                None => app.say(format!("Ended the pause of {who} · {}", app.undo_hint())),
            }
            fx
        }
        PromptKind::Tag => {
            let tag = text.trim_start_matches('#').trim().to_string();
            if tag.is_empty() {
                return fail(p, "Type a tag.".to_string());
            }
            app.mode = app.base_mode();
            let fx = change_many(app, &ids, format!("tag {who} {tag}"), |c| {
                if !c.tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                    c.tags.push(tag.clone());
                }
            });
            app.say(if fx.is_empty() {
                "No change.".to_string()
            } else {
                format!("Tagged {who} {tag} · {}", app.undo_hint())
            });
            fx
        }
        PromptKind::FollowUp => {
            let day = match dates::parse_date(&text, today) {
                Err(e) => return fail(p, crate::text::capitalised(&e.to_string())),
                Ok(day) => day,
            };
            app.mode = app.base_mode();
            let fx = change_many(app, &ids, format!("follow-up for {who}"), |c| {
                c.next_follow_up = day
            });
            match day {
                _ if fx.is_empty() => app.say("No change."),
                Some(d) => app.say(format!(
                    "Follow up with {who} on {} · {}",
                    dates::day_words(d, today),
                    app.undo_hint()
                )),
                None => app.say(format!(
                    "Cleared the follow-up for {who} · {}",
                    app.undo_hint()
                )),
            }
            fx
        }
    };
    if !fx.is_empty() && ids.len() > 1 {
        app.marks.clear();
    }
    super::review::follow_through(app, fx)
}

/// Archives `ids` with `reason`, as one step.
pub(super) fn archive(app: &mut App, ids: &[ContactId], who: &str, reason: String) -> Vec<Effect> {
    let now = app.now;
    let fx = change_many(app, ids, format!("archive {who}"), |c| {
        c.archived = Some(Archived {
            at: now,
            reason: reason.clone(),
        })
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
        .contacts
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

// ---- Triage ----

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
fn triage_decided(app: &mut App, fx: Vec<Effect>, placed: bool) -> Vec<Effect> {
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
