//! The notes editor: a contact's notes, multi-line, edited in place.

use crate::model::{Contact, ContactId};
use ratatui_textarea::TextArea;

/// The multi-line notes editor.
#[derive(Debug, Clone)]
pub struct NotesEditor {
    pub id: ContactId,
    pub name: String,
    pub area: TextArea<'static>,
    /// The notes when the editor opened: what the user changed is judged against it.
    pub original: String,
    /// The contact when the editor opened: if it is deleted elsewhere meanwhile, saving
    /// brings it back with the new notes rather than losing them.
    pub snapshot: Option<Box<Contact>>,
}

impl NotesEditor {
    pub fn new(id: ContactId, name: String, notes: &str) -> NotesEditor {
        let mut area = TextArea::from(notes.lines().map(str::to_string).collect::<Vec<_>>());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        NotesEditor {
            id,
            name,
            area,
            original: notes.to_string(),
            snapshot: None,
        }
    }

    /// The editor for `c`'s notes, keeping `c` in case it is deleted elsewhere meanwhile.
    pub fn for_contact(c: &Contact) -> NotesEditor {
        NotesEditor {
            snapshot: Some(Box::new(c.clone())),
            ..NotesEditor::new(c.id.clone(), c.name.clone(), &c.notes)
        }
    }

    pub fn text(&self) -> String {
        self.area.lines().join("\n")
    }
}

impl PartialEq for NotesEditor {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.area.lines() == other.area.lines()
    }
}

impl Eq for NotesEditor {}
