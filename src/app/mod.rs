//! The application state and `update`: actions in, state changes and effects out.
//! No I/O here: saving and quitting are effects the event loop carries out.

mod action;
pub mod bindings;
pub mod form;
pub mod history;
pub mod input;
pub mod keymap;
pub mod life;
pub mod review_mode;

pub use action::Action;
pub use form::{Field, FormState, FormTarget};
use history::{History, Recorder};
use input::TextInput;
use life::{LogField, LogForm, NotesEditor};
pub use review_mode::{Outcome, Review};

use crate::dates::{self, Due};
use crate::layout;
use crate::model::{Board, Contact, ContactId, Interaction, Stage, Who, profile_url};
use crate::theme::Theme;
use chrono::{DateTime, Duration, Local, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmKind {
    Delete(ContactId, String),
    /// After opening a profile: did you reach out?
    LogTouch(ContactId, String),
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Mode {
    #[default]
    Board,
    Form(Box<FormState>),
    Filter,
    Confirm(ConfirmKind),
    Help,
    /// Saving failed and the user asked to quit: confirm losing the unsaved changes.
    UnsavedQuit,
    /// The contact in `App::detail`, full screen.
    Detail,
    Log(Box<LogForm>),
    FollowUp {
        id: ContactId,
        name: String,
        input: TextInput,
        error: Option<String>,
    },
    Notes(Box<NotesEditor>),
    /// The daily review: one due contact at a time (`App::review`).
    Review,
    ReviewSummary,
    /// The numbers panel.
    Stats,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
    pub expires: Option<DateTime<Utc>>,
}

/// Where the board on disk stands relative to the one in memory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SaveState {
    Saved,
    Saving,
    Failed(String),
}

/// What `update` asks the event loop to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// The board changed: write it (the loop coalesces bursts).
    Save,
    /// Leave, after making sure the board is on disk.
    Quit,
    /// Leave now, even though the last changes could not be saved.
    QuitUnsaved,
    /// Open a link with the platform's opener.
    Open(String),
    /// Edit a contact's notes in `$EDITOR`; the result comes back as `NotesEdited`.
    EditExternally { id: ContactId, text: String },
}

const MESSAGE_SECONDS: i64 = 5;

#[derive(Debug, Clone)]
pub struct App {
    pub board: Board,
    pub mode: Mode,
    pub focus: Stage,
    /// The selected card in each column, as an index into `columns`.
    pub sel: [usize; 4],
    /// The first card shown in each column.
    pub scroll: [usize; 4],
    /// The cards each column shows (after the filter), as indices into `board.contacts`.
    pub columns: [Vec<usize>; 4],
    pub filter: TextInput,
    pub history: History,
    pub message: Option<Message>,
    pub save_state: SaveState,
    /// The board file, for messages.
    pub board_name: String,
    pub width: u16,
    pub height: u16,
    pub now: DateTime<Utc>,
    pub today: NaiveDate,
    pub theme: Theme,
    pub help_scroll: u16,
    /// The contact whose detail view is open (under any form opened from it).
    pub detail: Option<ContactId>,
    pub detail_scroll: u16,
    /// A profile was opened: ask whether to log a touch when the user is back.
    pub pending_touch: Option<(ContactId, String)>,
    pub review: Option<Review>,
    /// The live keymap: defaults with the user's overrides.
    pub keymap: bindings::Keymap,
    /// How many are due today or earlier; kept up to date by `refresh` and the day's change,
    /// so drawing a frame never walks the whole board.
    due_count: usize,
}

impl App {
    pub fn new(board: Board, board_name: impl Into<String>, now: DateTime<Utc>) -> App {
        let mut app = App {
            board,
            mode: Mode::Board,
            focus: Stage::Casual,
            sel: [0; 4],
            scroll: [0; 4],
            columns: Default::default(),
            filter: TextInput::default(),
            history: History::default(),
            message: None,
            save_state: SaveState::Saved,
            board_name: board_name.into(),
            width: 80,
            height: 24,
            now,
            today: now.with_timezone(&Local).date_naive(),
            theme: Theme::default(),
            help_scroll: 0,
            detail: None,
            detail_scroll: 0,
            pending_touch: None,
            review: None,
            due_count: 0,
            keymap: bindings::Keymap::default(),
        };
        app.refresh();
        app
    }

    /// Words of the active filter, lower-cased.
    fn filter_words(&self) -> Vec<String> {
        self.filter
            .value()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect()
    }

    /// Recomputes the visible cards and keeps selection and scroll in bounds.
    pub fn refresh(&mut self) {
        self.count_due();
        self.refilter();
    }

    /// Recomputes only what the filter shows (the board itself did not change).
    fn refilter(&mut self) {
        let words = self.filter_words();
        for col in &mut self.columns {
            col.clear();
        }
        for (i, c) in self.board.contacts.iter().enumerate() {
            if words.is_empty() || c.matches_filter(&words) {
                self.columns[c.stage.index()].push(i);
            }
        }
        for s in Stage::ALL {
            let n = self.columns[s.index()].len();
            self.sel[s.index()] = self.sel[s.index()].min(n.saturating_sub(1));
            self.keep_visible(s);
        }
    }

    fn visible_cards(&self) -> usize {
        layout::cards_fit_for(self.width, self.height, self.focus)
    }

    fn keep_visible(&mut self, s: Stage) {
        let i = s.index();
        let fit = self.visible_cards();
        let n = self.columns[i].len();
        if self.sel[i] < self.scroll[i] {
            self.scroll[i] = self.sel[i];
        } else if self.sel[i] >= self.scroll[i] + fit {
            self.scroll[i] = self.sel[i] + 1 - fit;
        }
        self.scroll[i] = self.scroll[i].min(n.saturating_sub(fit));
    }

    /// The index into `board.contacts` of the selected card, if the focused column has one.
    pub fn selected_index(&self) -> Option<usize> {
        self.columns[self.focus.index()]
            .get(self.sel[self.focus.index()])
            .copied()
    }

    pub fn selected(&self) -> Option<&Contact> {
        self.selected_index().map(|i| &self.board.contacts[i])
    }

    /// Focuses and selects a contact, if it is visible.
    fn select_id(&mut self, id: &ContactId) {
        let Some(i) = self.board.index_of(id) else {
            return;
        };
        let stage = self.board.contacts[i].stage;
        if let Some(pos) = self.columns[stage.index()].iter().position(|&x| x == i) {
            self.focus = stage;
            self.sel[stage.index()] = pos;
            self.keep_visible(stage);
        }
    }

    fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
            expires: Some(self.now + Duration::seconds(MESSAGE_SECONDS)),
        });
    }

    /// The mode to return to when a form or question closes.
    fn base_mode(&self) -> Mode {
        match &self.review {
            Some(r) if r.finished => Mode::ReviewSummary,
            Some(_) => Mode::Review,
            None if self.detail.is_some() => Mode::Detail,
            None => Mode::Board,
        }
    }

    /// The contact that contact actions apply to: the open detail, else the selected card.
    fn target(&self) -> Option<(ContactId, String)> {
        if let Some(id) = self.review.as_ref().and_then(|r| r.current()) {
            return self.board.get(id).map(|c| (c.id.clone(), c.name.clone()));
        }
        match &self.detail {
            Some(id) => self.board.get(id).map(|c| (c.id.clone(), c.name.clone())),
            None => self.selected().map(|c| (c.id.clone(), c.name.clone())),
        }
    }

    /// A message from the event loop (an opener that failed, an editor that did not run).
    pub fn report(&mut self, text: impl Into<String>, error: bool) {
        self.message = Some(Message {
            text: text.into(),
            error,
            expires: Some(
                self.now + Duration::seconds(MESSAGE_SECONDS * if error { 3 } else { 1 }),
            ),
        });
    }

    /// How many contacts are due today or earlier.
    pub fn due_today(&self) -> usize {
        self.due_count
    }

    fn count_due(&mut self) {
        self.due_count = self
            .board
            .contacts
            .iter()
            .filter(|c| {
                c.due_date(&self.board.settings, &Local)
                    .is_some_and(|d| d <= self.today)
            })
            .count();
    }

    /// Called by the event loop when a save finished.
    pub fn saved(&mut self, result: Result<(), String>) {
        match result {
            Ok(()) => {
                if matches!(self.save_state, SaveState::Failed(_)) {
                    self.say("Saved.");
                }
                self.save_state = SaveState::Saved;
            }
            Err(e) => {
                self.message = Some(Message {
                    text: format!("Not saved: {e} Retrying…"),
                    error: true,
                    expires: None,
                });
                self.save_state = SaveState::Failed(e);
            }
        }
    }

    /// Applies a recorded change: history, refresh, save.
    fn commit(&mut self, rec: Recorder, label: String) -> Vec<Effect> {
        if rec.is_empty() {
            return vec![];
        }
        self.history.record(rec.finish(label));
        self.refresh();
        self.save_state = SaveState::Saving;
        vec![Effect::Save]
    }
}

/// The heart of the app: one action changes the state and may ask for effects.
pub fn update(app: &mut App, action: Action, now: DateTime<Utc>) -> Vec<Effect> {
    app.now = now;
    if let Some(m) = &app.message
        && m.expires.is_some_and(|t| t <= now)
    {
        app.message = None;
    }
    match action {
        Action::Tick => {
            let today = now.with_timezone(&Local).date_naive();
            if today != app.today {
                app.today = today;
                app.count_due();
            }
            return vec![];
        }
        Action::Resize { width, height } => {
            app.width = width;
            app.height = height;
            for s in Stage::ALL {
                app.keep_visible(s);
            }
            return vec![];
        }
        Action::Paste(text) => return paste(app, &text),
        Action::NotesEdited { id, text } => return set_notes(app, &id, text),
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
            return vec![];
        }
        _ => {}
    }
    // Back from the browser: the first key (or the window regaining focus) asks whether
    // to log the touch, and is used up by that.
    if matches!(app.mode, Mode::Board | Mode::Detail | Mode::Review)
        && let Some((id, name)) = app.pending_touch.take()
    {
        app.mode = Mode::Confirm(ConfirmKind::LogTouch(id, name));
        return vec![];
    }
    if action == Action::FocusGained {
        return vec![];
    }
    match app.mode.clone() {
        Mode::Board => board_action(app, action),
        Mode::Detail => detail_action(app, action),
        Mode::Log(_) => log_action(app, action),
        Mode::FollowUp { .. } => follow_up_action(app, action),
        Mode::Notes(_) => notes_action(app, action),
        Mode::Review => review_action(app, action),
        Mode::ReviewSummary => {
            if matches!(action, Action::Cancel | Action::Submit) {
                app.review = None;
                app.mode = Mode::Board;
                app.refresh();
            }
            vec![]
        }
        Mode::Stats => {
            if matches!(action, Action::Cancel) {
                app.mode = app.base_mode();
            }
            vec![]
        }
        Mode::Help => {
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
        Mode::Confirm(kind) => match action {
            Action::Yes => {
                app.mode = app.base_mode();
                match kind {
                    ConfirmKind::Delete(id, name) => delete(app, &id, &name),
                    ConfirmKind::LogTouch(id, _) => {
                        if app.review.as_ref().and_then(|r| r.current()) == Some(&id) {
                            review_mode::touch_current(app)
                        } else {
                            touch(app, &id)
                        }
                    }
                }
            }
            Action::No => {
                app.mode = app.base_mode();
                vec![]
            }
            _ => vec![],
        },
        Mode::UnsavedQuit => match action {
            Action::Yes => vec![Effect::QuitUnsaved],
            Action::No => {
                app.mode = app.base_mode();
                vec![]
            }
            _ => vec![],
        },
        Mode::Filter => filter_action(app, action),
        Mode::Form(_) => form_action(app, action),
    }
}

fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    match &mut app.mode {
        Mode::Filter => {
            app.filter.insert_str(text, false);
            app.refresh();
        }
        Mode::Form(f) => {
            let multiline = f.focus == Field::Notes;
            if let Some(input) = f.input_mut() {
                input.insert_str(text, multiline);
            }
        }
        _ => {}
    }
    vec![]
}

fn board_action(app: &mut App, action: Action) -> Vec<Effect> {
    let col = app.focus.index();
    let n = app.columns[col].len();
    let page = app.visible_cards();
    match action {
        Action::FocusLeft => {
            if let Some(s) = app.focus.prev() {
                app.focus = s;
            }
        }
        Action::FocusRight => {
            if let Some(s) = app.focus.next() {
                app.focus = s;
            }
        }
        Action::Up => app.sel[col] = app.sel[col].saturating_sub(1),
        Action::Down => app.sel[col] = (app.sel[col] + 1).min(n.saturating_sub(1)),
        Action::Top => app.sel[col] = 0,
        Action::Bottom => app.sel[col] = n.saturating_sub(1),
        Action::PageUp => app.sel[col] = app.sel[col].saturating_sub(page),
        Action::PageDown => app.sel[col] = (app.sel[col] + page).min(n.saturating_sub(1)),
        Action::MoveLeft | Action::MoveRight => {
            let right = action == Action::MoveRight;
            return move_selected(app, right);
        }
        Action::ReorderUp | Action::ReorderDown => {
            return reorder_selected(app, action == Action::ReorderUp);
        }
        Action::Open => {
            if let Some(c) = app.selected() {
                app.detail = Some(c.id.clone());
                app.detail_scroll = 0;
                app.mode = Mode::Detail;
            }
        }
        Action::Touch | Action::LogForm | Action::FollowUp | Action::OpenProfile => {
            return contact_action(app, action);
        }
        Action::New => app.mode = Mode::Form(Box::new(FormState::new_contact(app.focus))),
        Action::Edit => {
            if let Some(c) = app.selected() {
                app.mode = Mode::Form(Box::new(FormState::edit(c)));
            }
        }
        Action::Delete => {
            if let Some(c) = app.selected() {
                app.mode = Mode::Confirm(ConfirmKind::Delete(c.id.clone(), c.name.clone()));
            }
        }
        Action::Undo => return undo_redo(app, true),
        Action::Redo => return undo_redo(app, false),
        Action::Filter => app.mode = Mode::Filter,
        Action::Cancel if !app.filter.value().is_empty() => {
            app.filter = TextInput::default();
            app.refresh();
            app.say("Filter cleared.");
        }
        Action::Help => app.mode = Mode::Help,
        Action::Review => return review_mode::start(app),
        Action::Stats => app.mode = Mode::Stats,
        Action::Quit => {
            if matches!(app.save_state, SaveState::Failed(_)) {
                app.mode = Mode::UnsavedQuit;
            } else {
                return vec![Effect::Quit];
            }
        }
        Action::ForceQuit => return vec![Effect::QuitUnsaved],
        Action::Click { x, y } => click(app, x, y),
        Action::ScrollUp { x, y } | Action::ScrollDown { x, y } => {
            let down = matches!(action, Action::ScrollDown { .. });
            wheel(app, x, y, down);
        }
        _ => {}
    }
    app.keep_visible(app.focus);
    vec![]
}

/// The column and card under a screen position.
fn hit(app: &App, x: u16, y: u16) -> Option<(Stage, Option<usize>)> {
    let screen = layout::screen(
        ratatui::layout::Rect::new(0, 0, app.width, app.height),
        app.focus,
    )?;
    if let Some(tabs) = screen.tabs
        && y == tabs.y
    {
        // Tabs are laid out evenly.
        let i = usize::from(x.saturating_sub(tabs.x)) * 4 / usize::from(tabs.width.max(1));
        return Stage::from_index(i.min(3)).map(|s| (s, None));
    }
    let (stage, rect) = screen
        .columns
        .iter()
        .find(|(_, r)| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)?;
    let inner = layout::column_inner(*rect);
    if y < inner.y || y >= inner.y + inner.height {
        return Some((*stage, None));
    }
    let slot = usize::from((y - inner.y) / layout::CARD_SLOT);
    let idx = app.scroll[stage.index()] + slot;
    Some((
        *stage,
        (idx < app.columns[stage.index()].len()).then_some(idx),
    ))
}

fn click(app: &mut App, x: u16, y: u16) {
    if let Some((stage, card)) = hit(app, x, y) {
        app.focus = stage;
        if let Some(i) = card {
            app.sel[stage.index()] = i;
        }
    }
}

fn wheel(app: &mut App, x: u16, y: u16, down: bool) {
    let Some((stage, _)) = hit(app, x, y) else {
        return;
    };
    let i = stage.index();
    let n = app.columns[i].len();
    let fit = app.visible_cards();
    app.scroll[i] = if down {
        (app.scroll[i] + 1).min(n.saturating_sub(fit))
    } else {
        app.scroll[i].saturating_sub(1)
    };
    // Keep the selection on screen as the column scrolls under it.
    let last = (app.scroll[i] + fit).min(n).saturating_sub(1);
    app.sel[i] = app.sel[i].clamp(app.scroll[i], last.max(app.scroll[i]));
}

fn move_selected(app: &mut App, right: bool) -> Vec<Effect> {
    let Some((id, _)) = app.target() else {
        return vec![];
    };
    let Some(i) = app.board.index_of(&id) else {
        return vec![];
    };
    let c = &app.board.contacts[i];
    let Some(to) = (if right {
        c.stage.next()
    } else {
        c.stage.prev()
    }) else {
        app.say(if right {
            "Already in the last stage."
        } else {
            "Already in the first stage."
        });
        return vec![];
    };
    let name = c.name.clone();
    let mut rec = Recorder::default();
    if let Some(mut moved) = rec.remove(&mut app.board, i) {
        moved.set_stage(to, app.now);
        let end = app.board.contacts.len();
        rec.insert(&mut app.board, end, moved);
    }
    let label = format!("move {name} → {}", to.title());
    let fx = app.commit(rec, label);
    app.select_id(&id);
    app.say(format!("Moved {name} → {} · u undo", to.title()));
    fx
}

/// Replaces one contact with an edited copy, as one undoable change.
fn change_contact(
    app: &mut App,
    id: &ContactId,
    label: String,
    edit: impl FnOnce(&mut Contact),
) -> Vec<Effect> {
    let Some(i) = app.board.index_of(id) else {
        return vec![];
    };
    let mut c = app.board.contacts[i].clone();
    edit(&mut c);
    let mut rec = Recorder::default();
    rec.replace(&mut app.board, i, c);
    let fx = app.commit(rec, label);
    app.select_id(id);
    fx
}

fn log_interaction(app: &mut App, id: &ContactId, interaction: Interaction) -> Vec<Effect> {
    let today = app.today;
    let channel = interaction.channel;
    let name = app
        .board
        .get(id)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    let fx = change_contact(app, id, format!("log {channel} with {name}"), |c| {
        c.log(interaction, today)
    });
    app.say(format!("Logged a {channel} with {name} · u undo"));
    fx
}

/// `t`: a touch now, from me, on the stage's usual channel.
fn touch(app: &mut App, id: &ContactId) -> Vec<Effect> {
    let Some(c) = app.board.get(id) else {
        return vec![];
    };
    let interaction = Interaction {
        at: app.now,
        channel: c.stage.channel(),
        note: None,
        from: Who::Me,
    };
    log_interaction(app, id, interaction)
}

/// Actions about one contact, shared by the board and the detail view.
fn contact_action(app: &mut App, action: Action) -> Vec<Effect> {
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
                input: TextInput::new(current),
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
                None => app.say(format!(
                    "{name} has no handle to open; add an @handle or a profile URL with e."
                )),
            }
        }
        _ => {}
    }
    vec![]
}

fn detail_action(app: &mut App, action: Action) -> Vec<Effect> {
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
                app.mode = Mode::Notes(Box::new(NotesEditor::new(
                    id.clone(),
                    c.name.clone(),
                    &c.notes,
                )));
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

fn review_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Some(current) = app.review.as_ref().and_then(|r| r.current().cloned()) else {
        return review_mode::finish(app, false);
    };
    if app.board.get(&current).is_none() {
        return review_mode::skip(app);
    }
    match action {
        Action::Touch => review_mode::touch_current(app),
        Action::LogForm => {
            if let Some(r) = &mut app.review {
                r.pending = Some(Outcome::Touched);
            }
            contact_action(app, Action::LogForm)
        }
        Action::Advance => review_mode::advance(app),
        Action::Snooze => review_mode::snooze(app),
        Action::FollowUp => {
            if let Some(r) = &mut app.review {
                r.pending = Some(Outcome::Snoozed);
            }
            contact_action(app, Action::FollowUp)
        }
        Action::Edit => {
            if let Some(c) = app.board.get(&current) {
                app.mode = Mode::Form(Box::new(FormState::edit(c)));
            }
            vec![]
        }
        Action::OpenProfile => contact_action(app, Action::OpenProfile),
        Action::Skip => review_mode::skip(app),
        Action::Back => {
            review_mode::back(app);
            vec![]
        }
        Action::Undo => review_mode::undo(app),
        Action::Cancel => review_mode::finish(app, false),
        Action::Help => {
            app.mode = Mode::Help;
            vec![]
        }
        _ => vec![],
    }
}

fn log_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::Log(form) = &mut app.mode else {
        return vec![];
    };
    match action {
        Action::Cancel => {
            app.mode = app.base_mode();
            if let Some(r) = &mut app.review {
                r.pending = None;
            }
        }
        Action::NextField => form.next_field(),
        Action::PrevField => form.prev_field(),
        Action::Submit => match form.when(app.now, app.today) {
            Err(e) => form.error = Some(e),
            Ok(at) => {
                let note = form.note.value().trim().to_string();
                let interaction = Interaction {
                    at,
                    channel: form.channel,
                    note: (!note.is_empty()).then_some(note),
                    from: form.from,
                };
                let id = form.id.clone();
                app.mode = app.base_mode();
                let fx = log_interaction(app, &id, interaction);
                return review_mode::follow_through(app, fx);
            }
        },
        Action::Input(c) if matches!(form.focus, LogField::Channel | LogField::Who) => form.pick(c),
        Action::CursorLeft | Action::CursorRight
            if matches!(form.focus, LogField::Channel | LogField::Who) =>
        {
            form.cycle(action == Action::CursorRight)
        }
        other => {
            if let Some(input) = form.input_mut() {
                text_edit(input, &other);
                form.error = None;
            }
        }
    }
    vec![]
}

fn follow_up_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::FollowUp {
        id,
        name,
        input,
        error,
    } = &mut app.mode
    else {
        return vec![];
    };
    match action {
        Action::Cancel => {
            app.mode = app.base_mode();
            if let Some(r) = &mut app.review {
                r.pending = None;
            }
        }
        Action::Submit => match dates::parse_date(input.value(), app.today) {
            Err(e) => *error = Some(life::capitalised(&e.to_string())),
            Ok(day) => {
                let (id, name) = (id.clone(), name.clone());
                app.mode = app.base_mode();
                let fx = change_contact(app, &id, format!("follow-up for {name}"), |c| {
                    c.next_follow_up = day
                });
                match day {
                    Some(d) if !fx.is_empty() => app.say(format!(
                        "Follow up with {name} on {} ({}) · u undo",
                        d.format("%a %-d %b"),
                        Due::of(d, app.today)
                    )),
                    None if !fx.is_empty() => {
                        app.say(format!("Cleared the follow-up for {name} · u undo"))
                    }
                    _ => app.say("No change."),
                }
                return review_mode::follow_through(app, fx);
            }
        },
        other => {
            text_edit(input, &other);
            *error = None;
        }
    }
    vec![]
}

fn notes_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::Notes(editor) = &mut app.mode else {
        return vec![];
    };
    match action {
        Action::Editor(input) => {
            editor.area.input(input);
            vec![]
        }
        Action::Cancel => {
            app.mode = app.base_mode();
            app.say("Notes unchanged.");
            vec![]
        }
        Action::Submit => {
            let (id, text) = (editor.id.clone(), editor.text());
            app.mode = app.base_mode();
            set_notes(app, &id, text)
        }
        _ => vec![],
    }
}

fn set_notes(app: &mut App, id: &ContactId, text: String) -> Vec<Effect> {
    let Some(name) = app.board.get(id).map(|c| c.name.clone()) else {
        return vec![];
    };
    let fx = change_contact(app, id, format!("notes for {name}"), |c| c.notes = text);
    if fx.is_empty() {
        app.say("Notes unchanged.");
    } else {
        app.say(format!("Saved the notes for {name} · u undo"));
    }
    fx
}

fn reorder_selected(app: &mut App, up: bool) -> Vec<Effect> {
    let col = app.focus.index();
    let s = app.sel[col];
    let other = if up { s.checked_sub(1) } else { Some(s + 1) };
    let (Some(&a), Some(&b)) = (
        app.columns[col].get(s),
        other.and_then(|o| app.columns[col].get(o)),
    ) else {
        return vec![];
    };
    let (ca, cb) = (app.board.contacts[a].clone(), app.board.contacts[b].clone());
    let id = ca.id.clone();
    let label = format!("reorder {}", ca.name);
    let mut rec = Recorder::default();
    rec.replace(&mut app.board, a, cb);
    rec.replace(&mut app.board, b, ca);
    let fx = app.commit(rec, label);
    app.select_id(&id);
    fx
}

fn delete(app: &mut App, id: &ContactId, name: &str) -> Vec<Effect> {
    let Some(i) = app.board.index_of(id) else {
        return vec![];
    };
    let mut rec = Recorder::default();
    rec.remove(&mut app.board, i);
    let fx = app.commit(rec, format!("delete {name}"));
    app.say(format!("Deleted {name} · u undo"));
    fx
}

fn undo_redo(app: &mut App, undo: bool) -> Vec<Effect> {
    let change = if undo {
        app.history.undo(&mut app.board)
    } else {
        app.history.redo(&mut app.board)
    };
    let Some(change) = change else {
        app.say(if undo {
            "Nothing to undo."
        } else {
            "Nothing to redo."
        });
        return vec![];
    };
    let label = change.label.clone();
    // Select the contact the change was about, where it is now.
    let id = change.prims.first().map(|p| p.contact().id.clone());
    app.refresh();
    if let Some(id) = id {
        app.select_id(&id);
    }
    app.say(if undo {
        format!("Undid {label} · Ctrl+r redo")
    } else {
        format!("Redid {label}")
    });
    app.save_state = SaveState::Saving;
    vec![Effect::Save]
}

fn text_edit(input: &mut TextInput, action: &Action) -> bool {
    match action {
        Action::Input(c) => input.insert(*c),
        Action::Backspace => input.backspace(),
        Action::DeleteForward => input.delete(),
        Action::CursorLeft => input.left(),
        Action::CursorRight => input.right(),
        Action::CursorHome => input.home(),
        Action::CursorEnd => input.end(),
        Action::DeleteWord => input.delete_word(),
        Action::DeleteToStart => input.delete_to_start(),
        _ => return false,
    }
    true
}

fn filter_action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Submit => {
            app.mode = Mode::Board;
            if app.filter.value().trim().is_empty() {
                app.filter = TextInput::default();
                app.refilter();
            }
        }
        Action::Cancel => {
            app.mode = Mode::Board;
            app.filter = TextInput::default();
            app.refilter();
        }
        other => {
            let before = app.filter.value().to_string();
            text_edit(&mut app.filter, &other);
            if app.filter.value() != before {
                for s in &mut app.sel {
                    *s = 0;
                }
                app.refilter();
            }
        }
    }
    vec![]
}

fn form_action(app: &mut App, action: Action) -> Vec<Effect> {
    let Mode::Form(form) = &mut app.mode else {
        return vec![];
    };
    match action {
        Action::Cancel => {
            app.mode = app.base_mode();
            vec![]
        }
        Action::NextField => {
            form.next_field();
            vec![]
        }
        Action::PrevField => {
            form.prev_field();
            vec![]
        }
        Action::Submit => match form.validate(app.today) {
            Err(e) => {
                form.error = Some(e);
                vec![]
            }
            Ok(values) => {
                let target = form.target.clone();
                app.mode = app.base_mode();
                save_form(app, target, values)
            }
        },
        Action::Input(c) if form.focus == Field::Kinds => {
            form.toggle_kind(c);
            vec![]
        }
        other => {
            if let Some(input) = form.input_mut() {
                text_edit(input, &other);
                form.error = None;
            }
            vec![]
        }
    }
}

fn apply_values(c: &mut Contact, v: form::FormValues) {
    c.name = v.name;
    c.handles = v.handles;
    c.emails = v.emails;
    c.phones = v.phones;
    c.company = v.company;
    c.kinds = v.kinds;
    c.tags = v.tags;
    c.next_follow_up = v.follow_up;
    c.cadence_days = v.cadence;
    c.notes = v.notes;
}

fn save_form(app: &mut App, target: FormTarget, v: form::FormValues) -> Vec<Effect> {
    let mut rec = Recorder::default();
    match target {
        FormTarget::New(stage) => {
            let mut c = Contact::new(v.name.clone(), stage, app.now);
            c.id = app.board.new_id();
            apply_values(&mut c, v.clone());
            let id = c.id.clone();
            let end = app.board.contacts.len();
            rec.insert(&mut app.board, end, c);
            let fx = app.commit(rec, format!("add {}", v.name));
            app.select_id(&id);
            if app.selected().map(|c| &c.id) != Some(&id) {
                // The filter hides the new card; show it rather than leave the user guessing.
                app.filter = TextInput::default();
                app.refresh();
                app.select_id(&id);
            }
            app.say(format!("Added {} to {} · u undo", v.name, stage.title()));
            fx
        }
        FormTarget::Edit(id) => {
            let Some(i) = app.board.index_of(&id) else {
                return vec![];
            };
            let mut c = app.board.contacts[i].clone();
            apply_values(&mut c, v.clone());
            rec.replace(&mut app.board, i, c);
            if rec.is_empty() {
                app.say("No changes.");
                return vec![];
            }
            let fx = app.commit(rec, format!("edit {}", v.name));
            app.select_id(&id);
            app.say(format!("Saved {} · u undo", v.name));
            fx
        }
    }
}

#[cfg(test)]
mod tests;
