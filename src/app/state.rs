//! The application state: the board, what the screen shows (mode, focus, selection,
//! filter), undo history, messages and the save state. Only `update` and its handlers
//! change it; the view reads it.

use super::Review;
use super::history::{History, Recorder};
use super::input::TextInput;
use crate::action::Action;
use crate::keys::{Keymap, Section};
use crate::layout;
use crate::model::{Board, Contact, ContactId, Stage};
use crate::theme::Theme;
use chrono::{DateTime, Duration, Local, NaiveDate, Utc};

use super::mode::{Effect, MESSAGE_SECONDS, Message, Mode, Question, SaveState, SortBy};

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
    /// The board file's name ("board.ron"), for messages and the footer, where a long path
    /// would be cut.
    pub board_name: String,
    /// The board file's full path, shown in the help (and by `rapport path`).
    pub board_path: String,
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
    /// A question over the open form (`Mode` stays the form's).
    pub question: Option<Question>,
    /// The live keymap: defaults with the user's overrides.
    pub keymap: Keymap,
    /// How many changes the board has had this session: a save of generation `n` makes
    /// every change up to `n` safe on disk.
    pub generation: u64,
    /// Why the board cannot be saved (read-only file, another user's, folder not
    /// writable): it can be looked at, not changed. A banner says so.
    pub read_only: Option<String>,
    /// The board file was removed under us and the user chose not to write it back (at
    /// this generation): ask again only after a new change.
    pub removed_declined: Option<u64>,
    /// A save could not keep a backup, and the user has been told.
    pub backup_warned: bool,
    /// Who is due and in what order, and the numbers: made when the board is read, kept up
    /// to date contact by contact after each change, so neither a frame nor opening the
    /// review or the numbers walks the whole board.
    pub(super) tally: crate::tally::Tally,
    /// The last filter and the contacts it matched (indices in board order), so typing one
    /// more letter looks only at those. Cleared whenever the board changes.
    pub(super) matched: Option<(crate::query::Query, Vec<usize>)>,
    /// Each contact's text folded for the filter, in board order: made when a filter
    /// first has words, kept in step with each change, dropped when the whole board is
    /// read again.
    pub(super) search: Option<crate::query::SearchIndex>,
    /// Each contact's column, in board order (none for the inbox and the archive), kept in
    /// step like `search`: building the columns reads this, not every contact.
    pub(super) places: Vec<Option<Stage>>,
    /// Triage in progress.
    pub triage: Option<super::triage::Triage>,
    /// Where triage stopped, so opening it again goes on from there.
    pub triage_resume: Option<ContactId>,
    /// The selected row of the archive view and of the agenda.
    pub list_sel: usize,
    /// Marked cards, for acting on many at once.
    pub marks: std::collections::BTreeSet<ContactId>,
    /// Each column's order.
    pub sort: [SortBy; 4],
    /// The selected interaction in the detail view (newest first), when one is selected.
    pub interaction_sel: Option<usize>,
}

impl App {
    /// An app on `board`, read from the file at `board_path`.
    pub fn new(board: Board, board_path: impl Into<String>, now: DateTime<Utc>) -> App {
        let board_path = board_path.into();
        let board_name = std::path::Path::new(&board_path)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| board_path.clone());
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
            board_name,
            board_path,
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
            question: None,
            tally: Default::default(),
            triage: None,
            triage_resume: None,
            list_sel: 0,
            marks: Default::default(),
            interaction_sel: None,
            sort: [SortBy::Yours; 4],
            keymap: Keymap::default(),
            generation: 0,
            read_only: None,
            removed_declined: None,
            backup_warned: false,
            matched: None,
            search: None,
            places: Vec::new(),
        };
        app.refresh();
        app
    }

    /// The active filter, parsed.
    pub fn query(&self) -> crate::query::Query {
        crate::query::Query::parse(self.filter.value(), self.today)
    }

    /// Recomputes the visible cards and keeps selection and scroll in bounds.
    pub fn refresh(&mut self) {
        self.tally = crate::tally::Tally::new(&self.board, &Local);
        self.matched = None;
        self.search = None;
        self.places = self.board.iter().map(super::columns::place_of).collect();
        self.refilter();
    }

    pub(super) fn visible_cards(&self) -> usize {
        layout::cards_fit_for(self.width, self.height, self.focus)
    }

    pub(super) fn keep_visible(&mut self, s: Stage) {
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
        self.selected_index().map(|i| &*self.board.contacts[i])
    }

    /// Focuses and selects a contact, if it is visible.
    pub(super) fn select_id(&mut self, id: &ContactId) {
        if let Some(i) = self.board.index_of(id) {
            self.select_index(i);
        }
    }

    /// Focuses and selects the contact at `i` in `board.contacts`, if it is visible.
    pub(super) fn select_index(&mut self, i: usize) {
        let Some(stage) = self.board.contacts.get(i).map(|c| c.stage) else {
            return;
        };
        if let Some(pos) = self.columns[stage.index()].iter().position(|&x| x == i) {
            self.focus = stage;
            self.sel[stage.index()] = pos;
            self.keep_visible(stage);
        }
    }

    pub(super) fn say(&mut self, text: impl Into<String>) {
        self.message = Some(Message {
            text: text.into(),
            error: false,
            expires: Some(self.now + Duration::seconds(MESSAGE_SECONDS)),
        });
    }

    /// The mode to return to when a form or question closes.
    pub(super) fn base_mode(&self) -> Mode {
        if self.triage.is_some() {
            return Mode::Triage;
        }
        match &self.review {
            Some(r) if r.finished => Mode::ReviewSummary,
            Some(_) => Mode::Review,
            None if self.detail.is_some() => Mode::Detail,
            None => Mode::Board,
        }
    }

    /// The contact that contact actions apply to: the open detail, else the selected card.
    pub(super) fn target(&self) -> Option<(ContactId, String)> {
        if let Some(id) = self.triage.as_ref().and_then(|t| t.current()) {
            return self.board.get(id).map(|c| (c.id.clone(), c.name.clone()));
        }
        if let Some(id) = self.review.as_ref().and_then(|r| r.current()) {
            return self.board.get(id).map(|c| (c.id.clone(), c.name.clone()));
        }
        match &self.detail {
            Some(id) => self.board.get(id).map(|c| (c.id.clone(), c.name.clone())),
            None => self.selected().map(|c| (c.id.clone(), c.name.clone())),
        }
    }

    /// Where `target` is in `board.contacts`; on the board that is the selected card,
    /// found without a search.
    pub(super) fn target_index(&self) -> Option<usize> {
        if self.triage.is_none() && self.review.is_none() && self.detail.is_none() {
            return self.selected_index();
        }
        self.target().and_then(|(id, _)| self.board.index_of(&id))
    }

    /// A message from the event loop (an opener that failed, an editor that did not run).
    /// The board's full path in it is shortened to the file's name: the footer is one
    /// line, and the help shows the path.
    pub fn report(&mut self, text: impl Into<String>, error: bool) {
        let text = self.shorten(text.into());
        self.message = Some(Message {
            text,
            error,
            expires: Some(
                self.now + Duration::seconds(MESSAGE_SECONDS * if error { 3 } else { 1 }),
            ),
        });
    }

    /// `text` with the board's full path replaced by its file name.
    pub fn shorten(&self, text: String) -> String {
        if self.board_path != self.board_name && text.contains(&self.board_path) {
            text.replace(&self.board_path, &self.board_name)
        } else {
            text
        }
    }

    /// How many cards the columns show (after the filter).
    pub fn shown(&self) -> usize {
        self.columns.iter().map(Vec::len).sum()
    }

    /// How many contacts wait in the inbox.
    pub fn inbox_count(&self) -> usize {
        self.tally.inbox()
    }

    /// How many contacts are due today or earlier.
    pub fn due_today(&self) -> usize {
        self.tally.due_by(self.today)
    }

    /// Everyone due today or earlier, in review order.
    pub fn due_queue(&self) -> Vec<ContactId> {
        self.tally.queue(self.today)
    }

    /// The first to come due after today, for "all caught up".
    pub fn next_due(&self) -> Option<(NaiveDate, &Contact)> {
        let (day, id) = self.tally.next_due(self.today)?;
        Some((day, self.board.get(id)?))
    }

    /// The numbers panel's figures, as of now.
    pub fn stats(&self) -> crate::stats::Stats {
        self.tally.stats(&self.board, self.now, self.today)
    }

    /// Applies a recorded change: history, refresh, save.
    pub(super) fn commit(&mut self, rec: Recorder, label: String) -> Vec<Effect> {
        if rec.is_empty() {
            return vec![];
        }
        let change = rec.finish(label);
        self.refresh_after(&change.prims, true);
        self.history.record(change);
        vec![self.changed()]
    }

    /// The board changed: it needs saving, and the footer says "saving…" until the write
    /// of this generation returns.
    pub(super) fn changed(&mut self) -> Effect {
        self.generation += 1;
        self.save_state = SaveState::Saving;
        Effect::Save
    }

    /// The keymap section the current mode reads keys from (a question's, while one is
    /// asked over a form).
    pub fn section(&self) -> Section {
        if self.question.is_some() {
            return Section::Confirm;
        }
        self.mode.section()
    }

    /// "u undo", as messages after a change end.
    pub fn undo_hint(&self) -> String {
        self.key_hint(Action::Undo, "undo")
    }

    /// "u undo": how to do `action` from the screen the user is on (else the board), for
    /// messages. It follows the live keymap, so a remapped key is named as remapped.
    pub fn key_hint(&self, action: Action, word: &str) -> String {
        let section = [self.base_mode().section(), Section::Board]
            .into_iter()
            .find(|s| self.keymap.keys_for(*s, &action).is_some())
            .unwrap_or(Section::Board);
        self.keymap.say(section, &action, word)
    }
}
