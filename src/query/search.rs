//! The folded text of every contact, for plain words of a filter.

use super::Query;
use crate::model::Contact;
use crate::text::fold;

/// Every contact's searchable text, folded once and kept in one buffer, so that a
/// filter keystroke is one substring search per contact through memory read in order:
/// for each contact the name first, then every other text a plain word looks in, one per
/// line (no word holds a line break, so no match spans two texts).
#[derive(Debug, Clone, Default)]
pub struct SearchIndex {
    buf: String,
    /// Per contact, in board order: where its text starts, where its name ends, where
    /// its text ends.
    spans: Vec<(u32, u32, u32)>,
    /// Bytes of `buf` no contact points at any more (edited or removed texts).
    unused: usize,
}

impl SearchIndex {
    pub fn new<'a>(contacts: impl Iterator<Item = &'a Contact>) -> SearchIndex {
        let mut index = SearchIndex::default();
        for c in contacts {
            let span = index.append(c);
            index.spans.push(span);
        }
        index
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// A contact was inserted at `i` (clamped to the end).
    pub fn insert(&mut self, i: usize, c: &Contact) {
        let span = self.append(c);
        self.spans.insert(i.min(self.spans.len()), span);
    }

    /// The contact at `i` was removed.
    pub fn remove(&mut self, i: usize) {
        if i < self.spans.len() {
            let (start, _, end) = self.spans.remove(i);
            self.unused += (end - start) as usize;
            self.compact_if_worth_it();
        }
    }

    /// The contact at `i` changed.
    pub fn replace(&mut self, i: usize, c: &Contact) {
        if i < self.spans.len() {
            let (start, _, end) = self.spans[i];
            self.unused += (end - start) as usize;
            self.spans[i] = self.append(c);
            self.compact_if_worth_it();
        }
    }

    /// Whether every plain word of `query` is in the text of contact `i` (operators are
    /// not looked at: see `Query::has_terms`).
    pub fn has_words(&self, query: &Query, i: usize) -> bool {
        let Some(&(start, name_end, end)) = self.spans.get(i) else {
            return false;
        };
        let text = &self.buf[start as usize..end as usize];
        let name = &self.buf[start as usize..name_end as usize];
        query.words.iter().all(|w| {
            text.contains(w.as_str())
                || if w.is_ascii() {
                    // An ASCII byte in UTF-8 is always that character.
                    let mut name = name.bytes();
                    w.bytes().all(|n| name.any(|h| h == n))
                } else {
                    let mut name = name.chars();
                    w.chars().all(|n| name.any(|h| h == n))
                }
        })
    }

    /// Whether this holds exactly the texts of `contacts`, for checks in tests.
    pub fn is_of<'a>(&self, contacts: impl Iterator<Item = &'a Contact>) -> bool {
        let fresh = SearchIndex::new(contacts);
        fresh.spans.len() == self.spans.len()
            && fresh.spans.iter().zip(&self.spans).all(|(f, s)| {
                fresh.buf[f.0 as usize..f.2 as usize] == self.buf[s.0 as usize..s.2 as usize]
                    && f.1 - f.0 == s.1 - s.0
            })
    }

    fn append(&mut self, c: &Contact) -> (u32, u32, u32) {
        // Offsets are u32 to keep the spans small; past 4 GiB of text the index is made
        // afresh rather than wrong (a board that size does not fit in memory anyway).
        let start = self.buf.len();
        self.buf.push_str(&fold(&c.name));
        let name_end = self.buf.len();
        let notes = c.interactions.iter().filter_map(|i| i.note.as_deref());
        let others = c
            .handles
            .iter()
            .chain(&c.emails)
            .chain(&c.tags)
            .chain(&c.company)
            .map(String::as_str)
            .chain(std::iter::once(c.notes.as_str()))
            .chain(notes);
        for t in others {
            self.buf.push('\n');
            if t.is_ascii() {
                self.buf
                    .extend(t.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            } else {
                self.buf.push_str(&fold(t));
            }
        }
        let cap = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        (cap(start), cap(name_end), cap(self.buf.len()))
    }

    /// Copies the texts still in use to a fresh buffer once most of it is unused.
    fn compact_if_worth_it(&mut self) {
        if self.unused < 1 << 20 || self.unused * 2 < self.buf.len() {
            return;
        }
        let mut buf = String::with_capacity(self.buf.len() - self.unused);
        for span in &mut self.spans {
            let start = buf.len() as u32;
            buf.push_str(&self.buf[span.0 as usize..span.2 as usize]);
            *span = (start, start + (span.1 - span.0), start + (span.2 - span.0));
        }
        self.buf = buf;
        self.unused = 0;
    }
}
