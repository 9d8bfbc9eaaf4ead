//! A one-line text field: insert anywhere, cursor by characters, placed by display width.

use crate::text::width;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextInput {
    value: String,
    /// The cursor, in characters from the start.
    cursor: usize,
}

impl TextInput {
    pub fn new(value: impl Into<String>) -> TextInput {
        let value = value.into();
        let cursor = value.chars().count();
        TextInput { value, cursor }
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
        let at = self.byte_at(self.cursor);
        self.value.insert(at, c);
        self.cursor += 1;
    }

    /// Inserts pasted text; line breaks become spaces unless `multiline`.
    pub fn insert_str(&mut self, s: &str, multiline: bool) {
        for c in s.chars() {
            match c {
                '\r' => {}
                '\n' if !multiline => self.insert(' '),
                c => self.insert(c),
            }
        }
    }

    pub fn left(&mut self) {
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.cursor = (self.cursor + 1).min(self.value.chars().count());
    }

    pub fn home(&mut self) {
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.cursor = self.value.chars().count();
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.value.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.value.chars().count() {
            let at = self.byte_at(self.cursor);
            self.value.remove(at);
        }
    }

    /// Deletes the word before the cursor (and the spaces after it), like a shell's Ctrl+w.
    pub fn delete_word(&mut self) {
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
}
