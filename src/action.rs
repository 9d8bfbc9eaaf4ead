//! Everything that can happen to the app, as data: what the keys ask for (bound in the
//! keymap, named in the config) and what the event loop reports back (typing, paste, mouse,
//! resize, finished saves, outside changes).

use serde::{Deserialize, Serialize};

impl Action {
    /// Whether the action, on the board, the detail view or the review, changes the board
    /// (or opens a form that would). A read-only board refuses these.
    pub fn changes_board(&self) -> bool {
        matches!(
            self,
            Action::MoveLeft
                | Action::MoveRight
                | Action::ReorderUp
                | Action::ReorderDown
                | Action::New
                | Action::Edit
                | Action::Delete
                | Action::Undo
                | Action::Redo
                | Action::Touch
                | Action::LogForm
                | Action::FollowUp
                | Action::EditNotes
                | Action::EditNotesExternally
                | Action::DismissConflicts
                | Action::Advance
                | Action::Snooze
                | Action::Archive
                | Action::Restore
                | Action::Pause
                | Action::Triage
                | Action::PlaceCasual
                | Action::PlaceDm
                | Action::PlacePhone
                | Action::PlaceMeet
                | Action::KindCustomer
                | Action::KindProspect
                | Action::KindReferralPartner
                | Action::KindVendor
                | Action::KindAdvocate
                | Action::KindFriend
                | Action::Tag
                | Action::DeleteInteraction
                | Action::EditInteraction
        )
    }
}

/// Everything the user can ask for. Keys map to actions through the keymap of the current
/// mode; `update` turns actions into state changes. Variants carrying data are produced by
/// the event loop (typing, paste, mouse, resize) and cannot be bound in a config.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    // Board navigation
    FocusLeft,
    FocusRight,
    Up,
    Down,
    Top,
    Bottom,
    PageUp,
    PageDown,
    // Board changes
    MoveLeft,
    MoveRight,
    ReorderUp,
    ReorderDown,
    New,
    Edit,
    Delete,
    Undo,
    Redo,
    // A contact's life
    Open,
    Touch,
    LogForm,
    FollowUp,
    OpenProfile,
    EditNotes,
    EditNotesExternally,
    /// Clear the records of fields changed here and elsewhere at once.
    DismissConflicts,
    /// Put the relationship aside, with a reason (asks for it).
    Archive,
    /// Bring an archived contact back to its column.
    Restore,
    /// Hide from the review until a date (asks for it).
    Pause,
    /// The archived contacts, as a list.
    ArchiveView,
    /// The coming week, day by day.
    Agenda,
    // Inbox triage
    Triage,
    PlaceCasual,
    PlaceDm,
    PlacePhone,
    PlaceMeet,
    KindCustomer,
    KindProspect,
    KindReferralPartner,
    KindVendor,
    KindAdvocate,
    KindFriend,
    // Many at once
    /// Mark or unmark the selected card.
    Mark,
    /// Clear every mark.
    ClearMarks,
    /// Add a tag (asks for it).
    Tag,
    /// Cycle the focused column's sort.
    Sort,
    // The interaction log in the detail view
    NextInteraction,
    PrevInteraction,
    EditInteraction,
    DeleteInteraction,
    // The daily review
    Review,
    Advance,
    Snooze,
    Skip,
    Back,
    Stats,
    // Overlays and modes
    Filter,
    Help,
    Quit,
    /// Quit even though changes could not be saved (asked for explicitly).
    ForceQuit,
    Yes,
    No,
    // Text fields
    NextField,
    PrevField,
    Submit,
    Cancel,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    Backspace,
    DeleteForward,
    DeleteWord,
    DeleteToStart,
    #[serde(skip)]
    Input(char),
    #[serde(skip)]
    Paste(String),
    /// A key for the multi-line notes editor.
    #[serde(skip)]
    Editor(ratatui_textarea::Input),
    /// Notes came back from `$EDITOR`; `original` is what the editor was given.
    #[serde(skip)]
    NotesEdited {
        id: crate::model::ContactId,
        original: String,
        text: String,
    },
    /// The file had changed elsewhere, so the save merged: `merged` is on disk now, and
    /// `sent` is the board this app handed to that save (the base for folding the merge
    /// into what changed here since).
    #[serde(skip)]
    Merged {
        generation: u64,
        sent: Box<crate::model::Board>,
        merged: Box<crate::model::Board>,
        conflicts: usize,
    },
    /// A save finished: the board as it was at change `generation` is on disk, or the
    /// write failed (the sentence says why).
    #[serde(skip)]
    Saved {
        generation: u64,
        result: Result<(), String>,
    },
    /// Quitting waited for the save, and it failed: ask before losing the changes.
    #[serde(skip)]
    QuitBlocked(String),
    /// The file changed outside rapport and cannot be read (the sentence says why).
    #[serde(skip)]
    OutsideUnreadable(String),
    /// The board file was removed or moved away outside rapport; saves wait until the user
    /// says to write it back.
    #[serde(skip)]
    BoardRemoved,
    /// A save went through but could not keep a backup (the sentence says why).
    #[serde(skip)]
    BackupProblem(String),
    /// The board file is back where it was (a sync tool or `git checkout` put it back).
    #[serde(skip)]
    BoardReturned,
    /// A link could not be opened, or `$EDITOR` did not give the notes back.
    #[serde(skip)]
    EffectFailed(String),
    /// The terminal window got focus back (after a browser was opened, say).
    #[serde(skip)]
    FocusGained,
    // Mouse and terminal
    #[serde(skip)]
    Click {
        x: u16,
        y: u16,
    },
    #[serde(skip)]
    ScrollUp {
        x: u16,
        y: u16,
    },
    #[serde(skip)]
    ScrollDown {
        x: u16,
        y: u16,
    },
    #[serde(skip)]
    Resize {
        width: u16,
        height: u16,
    },
    /// A timer fired: messages may expire, the date may have changed.
    #[serde(skip)]
    Tick,
}
