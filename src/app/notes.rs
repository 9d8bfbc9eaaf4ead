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
    /// The notes as the editor showed them (without the invisible characters terminals
    /// measure differently, see `text::sanitize`): unchanged from this is no edit at all.
    shown: String,
}

impl NotesEditor {
    pub fn new(id: ContactId, name: String, notes: &str) -> NotesEditor {
        let shown = crate::text::without_invisible(notes).into_owned();
        let mut area = TextArea::from(shown.lines().map(str::to_string).collect::<Vec<_>>());
        area.move_cursor(ratatui_textarea::CursorMove::Bottom);
        area.move_cursor(ratatui_textarea::CursorMove::End);
        NotesEditor {
            id,
            name,
            area,
            original: notes.to_string(),
            snapshot: None,
            shown,
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

    /// Whether the text differs from the notes as the editor opened.
    pub fn changed(&self) -> bool {
        !self
            .area
            .lines()
            .iter()
            .map(String::as_str)
            .eq(self.shown.lines())
    }
}

impl PartialEq for NotesEditor {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id && self.area.lines() == other.area.lines()
    }
}

impl Eq for NotesEditor {}
