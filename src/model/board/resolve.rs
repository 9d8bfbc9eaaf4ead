//! Finding one contact by what a person types (`Board::resolve`).

use super::Board;
use crate::model::Contact;
use std::fmt;

/// Why a name or id given by the user did not pick out exactly one contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ResolveError {
    NotFound(String),
    Ambiguous(String, Vec<String>),
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::NotFound(q) => write!(
                f,
                "no contact matches \"{q}\". Check the spelling, or run `rapport list` to see every contact."
            ),
            ResolveError::Ambiguous(q, names) => {
                const SHOWN: usize = 10;
                let more = match names.len().saturating_sub(SHOWN) {
                    0 => String::new(),
                    n => format!(" and {n} more"),
                };
                write!(
                    f,
                    "{} contacts match \"{q}\": {}{more}. Nothing was changed; type more of the name, or use the id.",
                    names.len(),
                    names[..names.len().min(SHOWN)].join(", ")
                )
            }
        }
    }
}

impl std::error::Error for ResolveError {}

fn fold(s: &str) -> String {
    crate::text::fold(s)
}

/// The words a query is made of, folded: letters and digits, split at anything else.
fn search_words(s: &str) -> Vec<String> {
    fold(s)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every word of a contact's name, handles and emails, folded.
fn contact_words(c: &Contact) -> Vec<String> {
    std::iter::once(&c.name)
        .chain(&c.handles)
        .chain(&c.emails)
        .flat_map(|s| search_words(s))
        .collect()
}

impl Board {
    /// Finds one contact by what a person would type: its id; its name, a handle or an email
    /// in full; or the start of any word of them ("cathy" finds "Chatty Cathy", "priya"
    /// finds "priya@example.com"). Case and accents do not matter ("jose" finds "José").
    /// Several matches are an error that lists them: nothing should change on a guess.
    pub fn resolve(&self, query: &str) -> Result<&Contact, ResolveError> {
        let q = query.trim();
        if let Some(c) = self.iter().find(|c| c.id.as_str() == q) {
            return Ok(c);
        }
        let folded = fold(q);
        let words = search_words(q);
        if words.is_empty() {
            return Err(ResolveError::NotFound(q.to_string()));
        }
        // The most exact kind of match that finds anyone decides.
        let exact_name: Vec<&Contact> = self.iter().filter(|c| fold(&c.name) == folded).collect();
        let candidates = if !exact_name.is_empty() {
            exact_name
        } else {
            let exact_address: Vec<&Contact> =
                self.iter()
                    .filter(|c| {
                        c.handles.iter().chain(&c.emails).any(|h| {
                            fold(h.trim_start_matches('@')) == folded.trim_start_matches('@')
                        })
                    })
                    .collect();
            if !exact_address.is_empty() {
                exact_address
            } else {
                self.iter()
                    .filter(|c| {
                        let theirs = contact_words(c);
                        words
                            .iter()
                            .all(|w| theirs.iter().any(|t| t.starts_with(w.as_str())))
                    })
                    .collect()
            }
        };
        match candidates.as_slice() {
            [one] => Ok(one),
            [] => Err(ResolveError::NotFound(q.to_string())),
            many => Err(ResolveError::Ambiguous(
                q.to_string(),
                many.iter()
                    .map(|c| format!("{} ({})", c.name, c.id))
                    .collect(),
            )),
        }
    }
}
