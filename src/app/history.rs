//! Undo and redo as small patches to the contact list, not copies of the board: a change
//! to one contact costs one contact, whatever the size of the board.

use crate::model::{Board, Contact};
use std::sync::Arc;

/// One primitive edit of `board.contacts`, with what is needed to reverse it.
#[derive(Debug, Clone, PartialEq)]
pub enum Prim {
    Insert(usize, Contact),
    Remove(usize, Contact),
    Replace(usize, Box<(Contact, Contact)>),
}

/// A user-visible change: what the footer says when it is undone, and its edits in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub label: String,
    pub prims: Vec<Prim>,
}

#[derive(Debug, Default, Clone)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
}

/// Records edits while making them.
#[derive(Debug, Default)]
pub struct Recorder {
    prims: Vec<Prim>,
}

impl Recorder {
    pub fn insert(&mut self, board: &mut Board, at: usize, c: Contact) {
        let at = at.min(board.contacts.len());
        board.contacts.insert(at, Arc::new(c.clone()));
        self.prims.push(Prim::Insert(at, c));
    }

    pub fn remove(&mut self, board: &mut Board, at: usize) -> Option<Contact> {
        if at >= board.contacts.len() {
            return None;
        }
        let c = Arc::unwrap_or_clone(board.contacts.remove(at));
        self.prims.push(Prim::Remove(at, c.clone()));
        Some(c)
    }

    pub fn replace(&mut self, board: &mut Board, at: usize, new: Contact) {
        if let Some(slot) = board.contacts.get_mut(at) {
            let old = Arc::unwrap_or_clone(std::mem::replace(slot, Arc::new(new.clone())));
            if old != new {
                self.prims.push(Prim::Replace(at, Box::new((old, new))));
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.prims.is_empty()
    }

    pub fn finish(self, label: impl Into<String>) -> Change {
        Change {
            label: label.into(),
            prims: self.prims,
        }
    }
}

fn apply(board: &mut Board, prim: &Prim, forward: bool) {
    match (prim, forward) {
        (Prim::Insert(i, c), true) | (Prim::Remove(i, c), false) => {
            board
                .contacts
                .insert((*i).min(board.contacts.len()), Arc::new(c.clone()));
        }
        (Prim::Insert(i, _), false) | (Prim::Remove(i, _), true) => {
            if *i < board.contacts.len() {
                board.contacts.remove(*i);
            }
        }
        (Prim::Replace(i, pair), fwd) => {
            if let Some(slot) = board.contacts.get_mut(*i) {
                *slot = Arc::new(if fwd { pair.1.clone() } else { pair.0.clone() });
            }
        }
    }
}

/// One edit of the contact list as the board saw it: a prim applied, or undone.
#[derive(Debug, Clone, Copy)]
pub enum Edit<'a> {
    Insert(usize, &'a Contact),
    Remove(usize, &'a Contact),
    /// At an index: the contact before, and after.
    Replace(usize, &'a Contact, &'a Contact),
}

/// The edits `prims` made, in the order the board went through them: forwards, or (for
/// an undo) backwards with each one reversed. What is derived from the board follows
/// these instead of being computed again.
pub fn edits(prims: &[Prim], forward: bool) -> Vec<Edit<'_>> {
    fn one(p: &Prim, forward: bool) -> Edit<'_> {
        match (p, forward) {
            (Prim::Insert(i, c), true) | (Prim::Remove(i, c), false) => Edit::Insert(*i, c),
            (Prim::Insert(i, c), false) | (Prim::Remove(i, c), true) => Edit::Remove(*i, c),
            (Prim::Replace(i, pair), true) => Edit::Replace(*i, &pair.0, &pair.1),
            (Prim::Replace(i, pair), false) => Edit::Replace(*i, &pair.1, &pair.0),
        }
    }
    if forward {
        prims.iter().map(|p| one(p, true)).collect()
    } else {
        prims.iter().rev().map(|p| one(p, false)).collect()
    }
}

impl Prim {
    /// The contact this edit is about.
    pub fn contact(&self) -> &Contact {
        match self {
            Prim::Insert(_, c) | Prim::Remove(_, c) => c,
            Prim::Replace(_, pair) => &pair.0,
        }
    }
}

impl History {
    pub fn record(&mut self, change: Change) {
        if !change.prims.is_empty() {
            self.undo.push(change);
            self.redo.clear();
        }
    }

    /// Reverts the latest change; returns its label.
    pub fn undo(&mut self, board: &mut Board) -> Option<&Change> {
        let change = self.undo.pop()?;
        for p in change.prims.iter().rev() {
            apply(board, p, false);
        }
        self.redo.push(change);
        self.redo.last()
    }

    pub fn redo(&mut self, board: &mut Board) -> Option<&Change> {
        let change = self.redo.pop()?;
        for p in &change.prims {
            apply(board, p, true);
        }
        self.undo.push(change);
        self.undo.last()
    }

    /// How many changes can be undone.
    pub fn depth(&self) -> usize {
        self.undo.len()
    }
}
