//! The sections of the keymap: one per screen or popup, plus the keys shared by text
//! fields.

use serde::Deserialize;

/// A group of bindings: one per screen or popup, plus the keys shared by text fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Board,
    Review,
    Detail,
    Form,
    Log,
    Prompt,
    Notes,
    Filter,
    Text,
    Confirm,
    Help,
    Summary,
    Stats,
    Triage,
    Archive,
    Agenda,
}

impl Section {
    pub const ALL: [Section; 16] = [
        Section::Board,
        Section::Review,
        Section::Detail,
        Section::Form,
        Section::Log,
        Section::Prompt,
        Section::Notes,
        Section::Filter,
        Section::Text,
        Section::Confirm,
        Section::Help,
        Section::Summary,
        Section::Stats,
        Section::Triage,
        Section::Archive,
        Section::Agenda,
    ];

    /// The name used in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Section::Board => "board",
            Section::Review => "review",
            Section::Detail => "detail",
            Section::Form => "form",
            Section::Log => "log",
            Section::Prompt => "prompt",
            Section::Notes => "notes",
            Section::Filter => "filter",
            Section::Text => "text",
            Section::Confirm => "confirm",
            Section::Help => "help",
            Section::Summary => "summary",
            Section::Stats => "stats",
            Section::Triage => "triage",
            Section::Archive => "archive",
            Section::Agenda => "agenda",
        }
    }

    /// The heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Section::Board => "Board",
            Section::Review => "Daily review",
            Section::Detail => "Contact details",
            Section::Form => "Contact form",
            Section::Log => "Log an interaction",
            Section::Prompt => "Prompts: follow-up, pause, archive reason, tag",
            Section::Notes => "Notes editor",
            Section::Filter => "Filter",
            Section::Text => "Text fields",
            Section::Confirm => "Questions",
            Section::Help => "Help",
            Section::Summary => "Review summary",
            Section::Stats => "Numbers",
            Section::Triage => "Inbox triage",
            Section::Archive => "Archive",
            Section::Agenda => "Agenda",
        }
    }

    /// Whether typing in this section goes into a text field.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Section::Form | Section::Filter | Section::Log | Section::Prompt
        )
    }
}
