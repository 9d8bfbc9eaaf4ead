//! Errors as the person at the terminal reads them: one sentence, no backtrace, for what
//! they caused or can fix.

use crate::dates::{CadenceError, DateError};
use crate::model::{ResolveError, UnknownId};
use crate::store::StoreError;
use color_eyre::eyre;

pub use crate::error::UserError;

/// `rapport add` or `edit` given a blank name.
pub(super) fn empty_name() -> UserError {
    UserError("A contact needs a name; the name given was empty.".into())
}

/// Whether the error is a closed pipe (`rapport list | head -1`): not a failure.
pub fn is_broken_pipe(report: &eyre::Report) -> bool {
    report.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The message to show for errors a person caused or can fix; `None` for real bugs.
pub fn user_message(report: &eyre::Report) -> Option<String> {
    for cause in report.chain() {
        if let Some(e) = cause.downcast_ref::<UserError>() {
            return Some(e.to_string());
        }
        if let Some(e) = cause.downcast_ref::<StoreError>() {
            return Some(e.to_string());
        }
        if let Some(e) = cause.downcast_ref::<ResolveError>() {
            return Some(crate::text::capitalised(&e.to_string()));
        }
        if let Some(e) = cause.downcast_ref::<CadenceError>() {
            return Some(e.to_string());
        }
        if let Some(e) = cause.downcast_ref::<DateError>() {
            return Some(crate::text::capitalised(&e.to_string()));
        }
        if let Some(e) = cause.downcast_ref::<UnknownId>() {
            return Some(crate::text::capitalised(&e.to_string()));
        }
    }
    None
}
