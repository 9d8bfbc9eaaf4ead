//! A one-line text field: insert anywhere, cursor by characters, placed by display width.
//! A prefilled value starts selected, as in a dialog box: typing or pasting replaces it, a
//! cursor key keeps it for editing.

use crate::text::width;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    /// The cursor, in characters from the start.
    cursor: usize,
    /// The whole value is selected: the next text typed replaces it.
    selected: bool,
}

impl TextInput {
    pub fn new(value: impl Into<String>) -> TextInput {
        let value = value.into();
        let cursor = value.chars().count();
        TextInput {
            value,
            cursor,
            selected: false,
        }
    }

    /// A suggested value, selected: typing replaces it, a cursor key keeps it.
    pub fn prefilled(value: impl Into<String>) -> TextInput {
        let mut t = TextInput::new(value);
        t.selected = !t.value.is_empty();
        t
    }

    /// Whether the value is selected (and typing would replace it).
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Drops a selected value, for text that replaces it. True if it did.
    fn take_selection(&mut self) -> bool {
        if !std::mem::take(&mut self.selected) {
            return false;
        }
        self.value.clear();
        self.cursor = 0;
        true
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    fn byte_at(&self, char_idx: usize) -> usize {
        self.value
            .char_indices()
            .nth(char_idx)
            .map(|(b, _)| b)
            .unwrap_or(self.value.len())
    }

    pub fn insert(&mut self, c: char) {
        self.take_selection();
        let at = self.byte_at(self.cursor);
        self.value.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts pasted text. Line breaks (`\n`, `\r\n`, or the `\r` many terminals paste)
    /// are kept where the field is `multiline`, and become one space each where not: the
    /// words on either side stay apart.
    pub fn insert_str(&mut self, s: &str, multiline: bool) {
        self.take_selection();
        for c in crate::text::unix_newlines(s).chars() {
            match c {
                '\n' if !multiline => self.insert(' '),
                c => self.insert(c),
            }
        }
    }

    pub fn left(&mut self) {
        self.selected = false;
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.selected = false;
        self.cursor = (self.cursor + 1).min(self.value.chars().count());
    }

    pub fn home(&mut self) {
        self.selected = false;
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.selected = false;
        self.cursor = self.value.chars().count();
    }

    pub fn backspace(&mut self) {
        if self.take_selection() {
            return;
        }
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.value.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.take_selection() {
            return;
        }
        if self.cursor < self.value.chars().count() {
            let at = self.byte_at(self.cursor);
            self.value.remove(at);
        }
    }

    /// Deletes the word before the cursor (and the spaces after it), like a shell's Ctrl+w.
    pub fn delete_word(&mut self) {
        if self.take_selection() {
            return;
        }
        let chars: Vec<char> = self.value.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        let (a, b) = (self.byte_at(start), self.byte_at(self.cursor));
        self.value.replace_range(a..b, "");
        self.cursor = start;
    }

    pub fn delete_to_start(&mut self) {
        if self.take_selection() {
            return;
        }
        let b = self.byte_at(self.cursor);
        self.value.replace_range(..b, "");
        self.cursor = 0;
    }

    /// The cursor's column from the start of the text, in display cells.
    pub fn cursor_column(&self) -> usize {
        width(&self.value[..self.byte_at(self.cursor)])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_in_the_middle_of_wide_text() {
        let mut t = TextInput::new("김민");
        assert_eq!(t.cursor_column(), 4);
        t.left();
        t.insert('x');
        assert_eq!(t.value(), "김x민");
        assert_eq!(t.cursor_column(), 3);
        t.home();
        t.delete();
        assert_eq!(t.value(), "x민");
        t.end();
        t.backspace();
        assert_eq!(t.value(), "x");
        t.backspace();
        t.backspace();
        assert_eq!(t.value(), "");
        t.left();
        t.delete();
        assert_eq!(t.cursor(), 0);
    }

    #[test]
    fn word_and_line_deletion() {
        let mut t = TextInput::new("hello big  world");
        t.delete_word();
        assert_eq!(t.value(), "hello big  ");
        t.delete_word();
        assert_eq!(t.value(), "hello ");
        t.insert_str("a\r\nb", false);
        assert_eq!(t.value(), "hello a b");
        t.left();
        t.delete_to_start();
        assert_eq!(t.value(), "b");
        assert_eq!(t.cursor(), 0);
    }

    #[test]
    fn pasted_line_breaks_are_kept_or_become_spaces() {
        for paste in [
            "first\nsecond\nthird",
            "first\r\nsecond\r\nthird",
            "first\rsecond\rthird",
        ] {
            let mut one = TextInput::default();
            one.insert_str(paste, false);
            assert_eq!(one.value(), "first second third", "{paste:?}");
            let mut many = TextInput::default();
            many.insert_str(paste, true);
            assert_eq!(many.value(), "first\nsecond\nthird", "{paste:?}");
        }
    }

    #[test]
    fn a_prefilled_value_is_replaced_by_typing_and_kept_by_a_cursor_key() {
        let mut t = TextInput::prefilled("2026-11-23");
        assert!(t.is_selected());
        t.insert('f');
        assert_eq!(t.value(), "f");
        assert!(!t.is_selected());
        let mut t = TextInput::prefilled("2026-11-23");
        t.insert_str("fri", false);
        assert_eq!(t.value(), "fri");
        let mut t = TextInput::prefilled("2026-11-23");
        t.backspace();
        assert_eq!(t.value(), "", "Backspace clears a selected value");
        let mut t = TextInput::prefilled("2026-11-23");
        t.left();
        t.backspace();
        assert_eq!(t.value(), "2026-11-3", "after a cursor key it is edited");
        assert!(!TextInput::prefilled("").is_selected());
    }
}
