//! What the four columns show: the contacts on the board that the filter lets through, in
//! each column's order, as indices into `board.contacts`. Built whole when the board is
//! read or the filter changes; after a change of a few contacts, only those contacts are
//! looked at (`refresh_after`), so a keypress costs the same on any board.

use super::history::{Edit, Prim, edits};
use super::{App, SortBy};
use crate::model::{Contact, Settings, Stage};
use crate::query::{Query, SearchIndex};
use chrono::{DateTime, Local, NaiveDate, Utc};

/// What a column is ordered by, for one contact. Within a column every key is of the
/// same kind; equal keys keep board order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum SortKey {
    Yours,
    Due(bool, Option<NaiveDate>),
    Last(Option<DateTime<Utc>>),
    Name(String),
}

fn sort_key(sort: SortBy, c: &Contact, settings: &Settings) -> SortKey {
    match sort {
        SortBy::Yours => SortKey::Yours,
        SortBy::Overdue => {
            let d = c.due_date(settings, &Local);
            SortKey::Due(d.is_none(), d)
        }
        SortBy::LastContact => SortKey::Last(c.last_contact()),
        SortBy::Name => SortKey::Name(crate::text::fold(&c.name)),
    }
}

/// The column a contact shows in: none for the inbox and the archive.
pub(super) fn place_of(c: &Contact) -> Option<Stage> {
    c.on_board().then_some(c.stage)
}

/// Moves every index at or after `at` one place up (a contact was inserted there) or
/// down (one was removed from there).
fn shift(indices: &mut [usize], at: usize, up: bool) {
    for x in indices {
        if up && *x >= at {
            *x += 1;
        } else if !up && *x > at {
            *x -= 1;
        }
    }
}

impl App {
    /// Recomputes only what the filter shows (the board itself did not change).
    pub(super) fn refilter(&mut self) {
        let query = self.query();
        if query.has_words() && self.search.is_none() {
            self.search = Some(SearchIndex::new(self.board.iter()));
        }
        for col in &mut self.columns {
            col.clear();
        }
        // Typing one more letter (or word) of plain words can only narrow the filter: only
        // the last matches need looking at.
        let candidates: Vec<usize> = match self.matched.take() {
            Some((earlier, m)) if query.narrows(&earlier) => m,
            _ => (0..self.board.contacts.len()).collect(),
        };
        let mut matched = Vec::with_capacity(candidates.len());
        for i in candidates {
            if let Some(stage) = self.shows(&query, i) {
                self.columns[stage.index()].push(i);
                matched.push(i);
            }
        }
        self.matched = Some((query, matched));
        self.sort_columns();
        self.keep_selection();
    }

    /// The column of the contact at `i`, if it is on one and the filter lets it through.
    /// Plain words are looked up in the search index and columns in `places`, so only
    /// operators read the contact itself.
    fn shows(&self, query: &Query, i: usize) -> Option<Stage> {
        let stage = (*self.places.get(i)?)?;
        if query.is_empty() {
            return Some(stage);
        }
        let words = match (&self.search, query.has_words()) {
            (Some(index), true) => index.has_words(query, i),
            _ => true,
        };
        if !words {
            return None;
        }
        let c = &self.board.contacts[i];
        let settings = &self.board.settings;
        let passes = match (&self.search, query.has_terms()) {
            (Some(_), false) => true,
            (Some(_), true) => query.matches_terms(c, settings, self.today, &Local),
            (None, _) => query.matches(c, settings, self.today, &Local),
        };
        passes.then_some(stage)
    }

    /// Orders the columns whose sort is not the user's own.
    fn sort_columns(&mut self) {
        let (contacts, settings) = (&self.board.contacts, &self.board.settings);
        for (col, sort) in self.columns.iter_mut().zip(self.sort) {
            if sort != SortBy::Yours {
                col.sort_by_cached_key(|&i| sort_key(sort, &contacts[i], settings));
            }
        }
    }

    /// Keeps each column's selection on a card and in view.
    fn keep_selection(&mut self) {
        for s in Stage::ALL {
            let n = self.columns[s.index()].len();
            self.sel[s.index()] = self.sel[s.index()].min(n.saturating_sub(1));
            self.keep_visible(s);
        }
    }

    /// After a change of a few contacts (`prims`, applied forwards or undone): the tally
    /// takes out those contacts as they were and takes them in as they are, and the columns take in just those contacts,
    /// without looking at the rest of the board.
    pub(super) fn refresh_after(&mut self, prims: &[Prim], forward: bool) {
        let edits = edits(prims, forward);
        let settings = &self.board.settings;
        for e in &edits {
            match *e {
                Edit::Insert(_, c) => self.tally.add(c, settings, &Local),
                Edit::Remove(_, c) => self.tally.remove(c, settings, &Local),
                Edit::Replace(_, old, new) => {
                    self.tally.remove(old, settings, &Local);
                    self.tally.add(new, settings, &Local);
                }
            }
        }
        self.follow_edits(&edits);
        self.matched = None;
        if cfg!(debug_assertions) {
            self.check_kept();
        }
    }

    /// Takes `edits` into the search texts and the columns. The indices are moved as the
    /// board's were; the contacts the edits touched are placed afterwards, once the
    /// board's indices are final, since placing reads the neighbours' sort keys.
    fn follow_edits(&mut self, edits: &[Edit]) {
        let inserted = edits
            .iter()
            .filter(|e| matches!(e, Edit::Insert(..)))
            .count();
        let removed = edits
            .iter()
            .filter(|e| matches!(e, Edit::Remove(..)))
            .count();
        let mut len = (self.board.contacts.len() + removed).saturating_sub(inserted);
        let mut touched: Vec<usize> = Vec::new();
        for e in edits {
            match *e {
                Edit::Insert(i, c) => {
                    let i = i.min(len);
                    len += 1;
                    for col in &mut self.columns {
                        shift(col, i, true);
                    }
                    shift(&mut touched, i, true);
                    touched.push(i);
                    self.places.insert(i.min(self.places.len()), place_of(c));
                    if let Some(s) = &mut self.search {
                        s.insert(i, c);
                    }
                }
                Edit::Remove(i, _) => {
                    if i >= len {
                        continue;
                    }
                    len -= 1;
                    for col in &mut self.columns {
                        col.retain(|&x| x != i);
                        shift(col, i, false);
                    }
                    touched.retain(|&x| x != i);
                    shift(&mut touched, i, false);
                    if i < self.places.len() {
                        self.places.remove(i);
                    }
                    if let Some(s) = &mut self.search {
                        s.remove(i);
                    }
                }
                Edit::Replace(i, _, new) => {
                    if i >= len {
                        continue;
                    }
                    for col in &mut self.columns {
                        col.retain(|&x| x != i);
                    }
                    touched.push(i);
                    if let Some(p) = self.places.get_mut(i) {
                        *p = place_of(new);
                    }
                    if let Some(s) = &mut self.search {
                        s.replace(i, new);
                    }
                }
            }
        }
        touched.sort_unstable();
        touched.dedup();
        let query = self.query();
        for i in touched {
            if i < self.board.contacts.len() && self.shows(&query, i).is_some() {
                self.place(i);
            }
        }
        self.keep_selection();
    }

    /// Puts the contact at `i` into its column, where the column's order has it.
    fn place(&mut self, i: usize) {
        let (contacts, settings) = (&self.board.contacts, &self.board.settings);
        let c = &contacts[i];
        let sort = self.sort[c.stage.index()];
        let key = sort_key(sort, c, settings);
        let col = &mut self.columns[c.stage.index()];
        let at = if sort == SortBy::Yours {
            col.partition_point(|&x| x < i)
        } else {
            col.partition_point(|&x| (sort_key(sort, &contacts[x], settings), x) < (key.clone(), i))
        };
        col.insert(at, i);
    }

    /// In tests and debug builds: what was kept up to date equals computing it afresh.
    fn check_kept(&mut self) {
        let columns = self.columns.clone();
        let (search, places) = (self.search.take(), std::mem::take(&mut self.places));
        self.places = self.board.iter().map(place_of).collect();
        debug_assert_eq!(places, self.places, "the kept places drifted");
        if let Some(search) = &search {
            debug_assert!(
                search.is_of(self.board.iter()),
                "the kept search texts drifted"
            );
        }
        debug_assert_eq!(
            self.tally,
            crate::tally::Tally::new(&self.board, &Local),
            "the kept tally drifted"
        );
        self.refilter();
        debug_assert_eq!(columns, self.columns, "the kept columns drifted");
        self.search = search;
        self.matched = None;
    }
}
