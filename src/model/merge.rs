//! Three-way merge of boards: `base` is the version both sides started from, `ours` the one
//! in memory, `theirs` the file as another program left it (a second terminal, an editor,
//! a sync tool, a git branch). Nothing either side added is dropped.
//!
//! - Contacts are matched by id. A contact new on one side is kept; one deleted on one side
//!   goes, unless the other side changed it (then its changed version stays).
//! - Each field is taken from whichever side changed it. A field both sides changed to
//!   different values keeps ours and records theirs as a `Conflict` on the contact; the
//!   stage, whose moves are dated, takes the later move instead.
//! - Interactions, stage history and conflict records are united; an interaction is the
//!   same one when its time, channel, direction and note agree.
//! - Order: ours, with contacts new in theirs after the one they follow there. (A side that
//!   changed nothing gives the other side whole, its order included; when both changed
//!   something, a reorder made only in theirs is not carried over: order, never data.)

use super::{Board, Conflict, Contact, ContactId};
use chrono::{DateTime, Utc};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// The merged board, and how many fields both sides changed differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merged {
    pub board: Board,
    pub conflicts: usize,
}

/// The value changed on one side, else ours; `None` when both changed it differently.
fn pick<T: PartialEq + Clone>(base: Option<&T>, ours: &T, theirs: &T) -> Option<T> {
    if ours == theirs || base == Some(theirs) {
        Some(ours.clone())
    } else if base == Some(ours) {
        Some(theirs.clone())
    } else {
        None
    }
}

/// Unites two lists: ours in order, then what only theirs has. `base` entries that one side
/// removed stay removed.
fn unite<T: PartialEq + Clone>(base: &[T], ours: &[T], theirs: &[T]) -> Vec<T> {
    if ours == base {
        return theirs.to_vec();
    }
    if theirs == base || theirs == ours {
        return ours.to_vec();
    }
    let mut out: Vec<T> = ours
        .iter()
        .filter(|x| theirs.contains(x) || !base.contains(x))
        .cloned()
        .collect();
    for t in theirs {
        if !out.contains(t) && !base.contains(t) {
            out.push(t.clone());
        }
    }
    out
}

/// Merges one contact present on both sides; records each conflict at `now`.
pub fn merge_contact(
    base: Option<&Contact>,
    ours: &Contact,
    theirs: &Contact,
    now: DateTime<Utc>,
    conflicts: &mut usize,
) -> Contact {
    if ours == theirs || base == Some(theirs) {
        return ours.clone();
    }
    if base == Some(ours) {
        return theirs.clone();
    }
    let mut out = ours.clone();
    let mut notes: Vec<Conflict> = Vec::new();
    macro_rules! field {
        ($f:ident, $label:expr, $show:expr) => {
            match pick(base.map(|b| &b.$f), &ours.$f, &theirs.$f) {
                Some(v) => out.$f = v,
                None => notes.push(Conflict {
                    field: $label.to_string(),
                    theirs: $show(&theirs.$f),
                    at: now,
                }),
            }
        };
    }
    let list = |v: &[String]| v.join(", ");
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    field!(name, "name", |v: &String| v.clone());
    field!(handles, "handles", list);
    field!(emails, "emails", list);
    field!(phones, "phones", list);
    field!(company, "company", opt);
    field!(kinds, "kinds", |v: &std::collections::BTreeSet<
        super::Kind,
    >| v
        .iter()
        .map(|k| k.label())
        .collect::<Vec<_>>()
        .join(", "));
    field!(tags, "tags", list);
    field!(notes, "notes", |v: &String| v.clone());
    field!(created, "created", |v: &DateTime<Utc>| v.to_rfc3339());
    field!(next_follow_up, "follow-up", |v: &Option<
        chrono::NaiveDate,
    >| v
        .map(|d| d.to_string())
        .unwrap_or_default());
    field!(cadence_days, "cadence", |v: &Option<u32>| v
        .map(|d| d.to_string())
        .unwrap_or_default());
    field!(uid, "uid", opt);
    field!(met, "met", |v: &Option<chrono::NaiveDate>| v
        .map(|d| d.to_string())
        .unwrap_or_default());
    field!(inbox, "inbox", |v: &bool| if *v {
        "in the inbox"
    } else {
        "placed"
    }
    .to_string());
    field!(paused_until, "paused until", |v: &Option<
        chrono::NaiveDate,
    >| v
        .map(|d| d.to_string())
        .unwrap_or_default());
    field!(archived, "archived", |v: &Option<Box<super::Archived>>| v
        .as_ref()
        .map(|a| format!("archived {}: {}", a.at.format("%Y-%m-%d"), a.reason))
        .unwrap_or_else(|| "not archived".to_string()));
    let empty = Contact::new("", ours.stage, ours.created);
    let b = base.unwrap_or(&empty);
    out.interactions = unite(&b.interactions, &ours.interactions, &theirs.interactions).into();
    out.stage_history = unite(&b.stage_history, &ours.stage_history, &theirs.stage_history).into();
    if out.interactions != ours.interactions && out.interactions != theirs.interactions {
        // Both sides logged: keep the log in time order.
        out.interactions.sort_by_key(|i| i.at);
    }
    if out.stage_history != ours.stage_history && out.stage_history != theirs.stage_history {
        out.stage_history.sort_by_key(|h| h.at);
    }
    // The stage: whichever side moved it; if both did, the later move (moves are dated),
    // so the stage always agrees with the end of its history.
    out.stage = match pick(base.map(|b| &b.stage), &ours.stage, &theirs.stage) {
        Some(s) => s,
        None => out
            .stage_history
            .iter()
            .max_by_key(|h| h.at)
            .map(|h| h.stage)
            .filter(|s| *s == ours.stage || *s == theirs.stage)
            .unwrap_or(ours.stage),
    };
    out.conflicts = unite(&b.conflicts, &ours.conflicts, &theirs.conflicts).into();
    // Account ids and the archive messages already logged are facts, never in conflict:
    // both sides' are kept.
    out.accounts = unite(&b.accounts, &ours.accounts, &theirs.accounts).into();
    out.from_archives = unite(&b.from_archives, &ours.from_archives, &theirs.from_archives).into();
    out.distinct_from = unite(&b.distinct_from, &ours.distinct_from, &theirs.distinct_from).into();
    *conflicts += notes.len();
    for n in notes {
        // The same disagreement merged twice is recorded once.
        if !out
            .conflicts
            .iter()
            .any(|c| c.field == n.field && c.theirs == n.theirs)
        {
            out.conflicts.push(n);
        }
    }
    out
}

/// Merges `theirs` into `ours` against `base`; `now` dates the conflict records.
pub fn merge(base: &Board, ours: &Board, theirs: &Board, now: DateTime<Utc>) -> Merged {
    // One side unchanged: the other side, exactly (its column order included).
    if ours == base || ours == theirs {
        return Merged {
            board: theirs.clone(),
            conflicts: 0,
        };
    }
    if theirs == base {
        return Merged {
            board: ours.clone(),
            conflicts: 0,
        };
    }
    let index = |b: &Board| -> HashMap<ContactId, usize> {
        b.iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect()
    };
    let (bi, oi, ti) = (index(base), index(ours), index(theirs));
    let get = |b: &Board, ix: &HashMap<ContactId, usize>, id: &ContactId| {
        ix.get(id).map(|&i| b.contacts[i].as_ref().clone())
    };
    let mut conflicts = 0;
    let mut contacts: Vec<Contact> = Vec::with_capacity(ours.contacts.len());
    for o in ours.iter() {
        let b = bi.get(&o.id).map(|&i| &*base.contacts[i]);
        match ti.get(&o.id).map(|&i| &*theirs.contacts[i]) {
            Some(t) => contacts.push(merge_contact(b, o, t, now, &mut conflicts)),
            // Deleted in theirs: it goes, unless ours changed it since the base.
            None => {
                if b.is_none_or(|b| b != o) {
                    contacts.push(o.clone());
                }
            }
        }
    }
    // New in theirs, or deleted in ours but changed in theirs: after the contact it follows
    // there, or first.
    let mut placed: HashSet<ContactId> = contacts.iter().map(|c| c.id.clone()).collect();
    for (i, t) in theirs.iter().enumerate() {
        if placed.contains(&t.id) || oi.contains_key(&t.id) {
            continue;
        }
        let keep = match get(base, &bi, &t.id) {
            None => true,
            Some(b) => b != *t,
        };
        if !keep {
            continue;
        }
        let after = theirs.contacts[..i]
            .iter()
            .rev()
            .find_map(|p| contacts.iter().position(|c| c.id == p.id));
        let at = after.map_or(0, |p| p + 1);
        contacts.insert(at, t.clone());
        placed.insert(t.id.clone());
    }
    let settings = pick(Some(&base.settings), &ours.settings, &theirs.settings)
        .unwrap_or_else(|| ours.settings.clone());
    // The streak belongs to whoever reviewed last.
    let review = |b: &Board| (b.last_review, b.review_streak);
    let (last_review, review_streak) = pick(Some(&review(base)), &review(ours), &review(theirs))
        .unwrap_or_else(|| review(ours).max(review(theirs)));
    Merged {
        board: Board {
            version: pick(Some(&base.version), &ours.version, &theirs.version)
                .unwrap_or(ours.version.max(theirs.version)),
            settings,
            last_review,
            review_streak,
            contacts: contacts.into_iter().map(Arc::new).collect(),
        },
        conflicts,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Interaction, Stage, Who};
    use chrono::TimeZone;

    fn t(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap()
    }

    fn base() -> Board {
        let mut b = Board::default();
        for n in ["Ann", "Bob", "Cy"] {
            b.add(Contact::new(n, Stage::Casual, t(1)));
        }
        b
    }

    fn touch(c: &mut Contact, d: u32, note: &str) {
        c.interactions.push(Interaction {
            at: t(d),
            channel: Channel::Dm,
            note: Some(note.into()),
            from: Who::Me,
        });
    }

    #[test]
    fn each_side_keeps_its_own_changes() {
        let base = base();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        std::sync::Arc::make_mut(&mut ours.contacts[0]).notes = "ours".into();
        touch(
            std::sync::Arc::make_mut(&mut ours.contacts[0]),
            2,
            "dm from here",
        );
        std::sync::Arc::make_mut(&mut theirs.contacts[0]).tags =
            thin_vec::thin_vec!["theirs".into()];
        touch(
            std::sync::Arc::make_mut(&mut theirs.contacts[0]),
            3,
            "dm from there",
        );
        std::sync::Arc::make_mut(&mut theirs.contacts[1]).set_stage(Stage::Dm, t(3));
        let m = merge(&base, &ours, &theirs, t(4));
        assert_eq!(m.conflicts, 0);
        let ann = &m.board.contacts[0];
        assert_eq!(
            (ann.notes.as_str(), ann.tags.as_slice()),
            ("ours", &["theirs".to_string()][..])
        );
        assert_eq!(ann.interactions.len(), 2);
        assert_eq!(m.board.contacts[1].stage, Stage::Dm);
        assert!(ann.conflicts.is_empty());
    }

    #[test]
    fn a_field_changed_on_both_sides_keeps_ours_and_records_theirs() {
        let base = base();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        std::sync::Arc::make_mut(&mut ours.contacts[2]).notes = "ours".into();
        std::sync::Arc::make_mut(&mut theirs.contacts[2]).notes = "theirs".into();
        let m = merge(&base, &ours, &theirs, t(4));
        assert_eq!(m.conflicts, 1);
        let cy = &m.board.contacts[2];
        assert_eq!(cy.notes, "ours");
        assert_eq!(
            cy.conflicts,
            [Conflict {
                field: "notes".into(),
                theirs: "theirs".into(),
                at: t(4)
            }]
        );
        // Merging the result again records nothing new.
        let again = merge(&base, &m.board, &theirs, t(5));
        assert_eq!(again.board.contacts[2].conflicts.len(), 1);
    }

    #[test]
    fn a_stage_moved_on_both_sides_takes_the_later_move() {
        let base = base();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        std::sync::Arc::make_mut(&mut ours.contacts[0]).set_stage(Stage::Dm, t(2));
        std::sync::Arc::make_mut(&mut theirs.contacts[0]).set_stage(Stage::Phone, t(3));
        let m = merge(&base, &ours, &theirs, t(4));
        assert_eq!(m.conflicts, 0);
        let ann = &m.board.contacts[0];
        assert_eq!(ann.stage, Stage::Phone);
        assert_eq!(ann.stage_history.last().unwrap().stage, Stage::Phone);
        // Without a common base (folding in a copy), a move made only in the copy is
        // later than anything here, so it is taken too.
        let m = merge(&Board::default(), &base, &theirs, t(4));
        assert_eq!(m.board.contacts[0].stage, Stage::Phone);
    }

    #[test]
    fn additions_survive_and_deletions_of_unchanged_contacts_apply() {
        let base = base();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        let new_ours = ours.add(Contact::new("Dee", Stage::Dm, t(2)));
        theirs
            .contacts
            .insert(1, Arc::new(Contact::new("Eve", Stage::Casual, t(2))));
        std::sync::Arc::make_mut(&mut theirs.contacts[1]).id = ContactId("eve00001".into());
        // Bob: deleted here, untouched there → gone. Cy: deleted there, edited here → stays.
        ours.contacts.retain(|c| c.name != "Bob");
        theirs.contacts.retain(|c| c.name != "Cy");
        let cy = ours.contacts.iter_mut().find(|c| c.name == "Cy").unwrap();
        Arc::make_mut(cy).notes = "keep me".into();
        let m = merge(&base, &ours, &theirs, t(4));
        let names: Vec<&str> = m.board.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["Ann", "Eve", "Cy", "Dee"]);
        assert!(m.board.get(&new_ours).is_some());
    }
}
