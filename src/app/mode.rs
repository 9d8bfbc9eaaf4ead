//! What the screen is in (`Mode`, a question over a form, each column's sort), the footer's
//! message and save state, and the `Effect`s `update` asks the event loop to carry out.

use super::input::TextInput;
use super::{FormState, LogForm, NotesEditor};
use crate::keys::Section;
use crate::model::ContactId;
use chrono::{DateTime, NaiveDate, Utc};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfirmKind {
    Delete(ContactId, String),
    /// After opening a profile: did you reach out?
    LogTouch(ContactId, String),
    /// The board file was removed or moved away outside rapport: write it back?
    WriteBack,
}

/// A yes/no question asked over a form, which stays open underneath: `y` goes ahead,
/// `n` goes back to the form as it was.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Question {
    /// Esc on a form or editor with changes: throw them away?
    Discard,
    /// A follow-up date before today: set it anyway?
    PastFollowUp(NaiveDate),
    /// A new contact shares an email or handle with one on the board (named, with what
    /// they share): add anyway?
    Duplicate { existing: String, shared: String },
}

/// How a column orders its cards.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortBy {
    /// The user's order (K/J move cards).
    #[default]
    Yours,
    /// Most overdue first; those with no due date last.
    Overdue,
    /// Longest since the last contact first; never contacted first of all.
    LastContact,
    Name,
}

impl SortBy {
    pub fn next(self) -> SortBy {
        match self {
            SortBy::Yours => SortBy::Overdue,
            SortBy::Overdue => SortBy::LastContact,
            SortBy::LastContact => SortBy::Name,
            SortBy::Name => SortBy::Yours,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SortBy::Yours => "your order",
            SortBy::Overdue => "most overdue first",
            SortBy::LastContact => "longest since contact first",
            SortBy::Name => "by name",
        }
    }

    /// A word for the column's title.
    pub fn short(self) -> &'static str {
        match self {
            SortBy::Yours => "",
            SortBy::Overdue => "most overdue",
            SortBy::LastContact => "last contact",
            SortBy::Name => "name",
        }
    }
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
    /// A one-line prompt: an archive reason, a pause date, a tag, a follow-up for many.
    Prompt(Box<super::prompt::Prompt>),
    /// The inbox, one contact at a time (`App::triage`).
    Triage,
    /// The archived contacts, as a list.
    Archive,
    /// The coming days, day by day.
    Agenda,
}

impl Mode {
    /// The keymap section this mode reads its keys from.
    pub fn section(&self) -> Section {
        match self {
            Mode::Board => Section::Board,
            Mode::Form(_) => Section::Form,
            Mode::Filter => Section::Filter,
            Mode::Confirm(_) | Mode::UnsavedQuit => Section::Confirm,
            Mode::Help => Section::Help,
            Mode::Detail => Section::Detail,
            Mode::Log(_) => Section::Log,
            Mode::FollowUp { .. } => Section::Prompt,
            Mode::Notes(_) => Section::Notes,
            Mode::Review => Section::Review,
            Mode::ReviewSummary => Section::Summary,
            Mode::Stats => Section::Stats,
            Mode::Prompt(_) => Section::Prompt,
            Mode::Triage => Section::Triage,
            Mode::Archive => Section::Archive,
            Mode::Agenda => Section::Agenda,
        }
    }
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
    /// Let the next save write the board back to a file that was removed under us.
    WriteBack,
}

pub(super) const MESSAGE_SECONDS: i64 = 5;
