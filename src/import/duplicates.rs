//! Contacts that may be one person: found by the likenesses an import reports (the same
//! name, phone or website, or an email or profile shared under different names), merged
//! only when the user says so, or marked as different people so they are not offered again.

use super::identity::{email_key, name_key, phone_key, profile_key, website_key};
use crate::model::{Board, Contact, ContactEdit, ContactId};
use std::collections::{HashMap, HashSet};

/// Two contacts that look alike, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pair {
    pub first: ContactId,
    pub second: ContactId,
    /// "same name", "same email ann@x.example"…
    pub why: String,
}

/// Every pair of contacts that look alike and were not marked as different people, in
/// board order.
pub fn find(board: &Board) -> Vec<Pair> {
    let mut groups: HashMap<(u8, String), Vec<usize>> = HashMap::new();
    let mut order: Vec<(u8, String)> = Vec::new();
    let mut put = |kind: u8, key: String, i: usize| {
        let e = groups.entry((kind, key.clone())).or_default();
        if e.is_empty() {
            order.push((kind, key));
        }
        if !e.contains(&i) {
            e.push(i);
        }
    };
    for (i, c) in board.iter().enumerate() {
        for e in c.emails.iter().filter_map(|e| email_key(e)) {
            put(0, e, i);
        }
        for h in &c.handles {
            if let Some(p) = profile_key(h) {
                put(1, p, i);
            } else if let Some(w) = website_key(h) {
                put(4, w, i);
            }
        }
        put(2, name_key(&c.name), i);
        for p in c.phones.iter().filter_map(|p| phone_key(p)) {
            put(3, p, i);
        }
    }
    order.sort_by_key(|(kind, key)| (groups[&(*kind, key.clone())][0], *kind));
    let mut seen: HashSet<(usize, usize)> = HashSet::new();
    let mut pairs = Vec::new();
    for (kind, key) in order {
        let members = &groups[&(kind, key.clone())];
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                let (ca, cb) = (&board.contacts[a], &board.contacts[b]);
                if ca.distinct_from.contains(&cb.id)
                    || cb.distinct_from.contains(&ca.id)
                    || !seen.insert((a, b))
                {
                    continue;
                }
                let why = match kind {
                    0 => format!("same email {key}"),
                    1 => format!("same profile {key}"),
                    2 => "same name".to_string(),
                    3 => format!(
                        "same phone {}",
                        ca.phones
                            .iter()
                            .find(|p| phone_key(p).as_deref() == Some(key.as_str()))
                            .map_or(key.as_str(), String::as_str)
                    ),
                    _ => format!("same website {key}"),
                };
                pairs.push(Pair {
                    first: ca.id.clone(),
                    second: cb.id.clone(),
                    why,
                });
            }
        }
    }
    pairs.sort_by_key(|p| {
        (
            board.index_of(&p.first).unwrap_or(usize::MAX),
            board.index_of(&p.second).unwrap_or(usize::MAX),
        )
    });
    pairs
}

/// Marks two contacts as different people. Whether anything changed.
pub fn keep_apart(board: &mut Board, a: &ContactId, b: &ContactId) -> bool {
    if board.get(a).is_none() || board.get(b).is_none() || a == b {
        return false;
    }
    let Some(c) = board.get_mut(a) else {
        return false;
    };
    if c.distinct_from.contains(b) {
        return false;
    }
    c.distinct_from.push(b.clone());
    true
}

/// Merges `other` into `keep` and removes `other`, losing nothing: lists are united,
/// empty details filled, the other's notes, name and company kept in the notes where they
/// differ, interactions and stage history united, the earlier start and met day kept.
pub fn combine(board: &mut Board, keep: &ContactId, other: &ContactId) -> bool {
    if keep == other {
        return false;
    }
    let (Some(k), Some(o)) = (board.index_of(keep), board.index_of(other)) else {
        return false;
    };
    let o = board.contacts[o].as_ref().clone();
    let c: &mut Contact = std::sync::Arc::make_mut(&mut board.contacts[k]);
    let mut also = Vec::new();
    if name_key(&o.name) != name_key(&c.name) {
        also.push(format!("Also known as {}", o.name));
    }
    if let (Some(mine), Some(theirs)) = (&c.company, &o.company)
        && !mine.eq_ignore_ascii_case(theirs)
    {
        also.push(format!("Also at {theirs}"));
    }
    let mut details = ContactEdit::from_contact(&o);
    details.notes = None;
    details.fill(c);
    let mut notes: Vec<String> = Vec::new();
    if !c.notes.trim().is_empty() {
        notes.push(c.notes.clone());
    }
    if !o.notes.trim().is_empty() && !c.notes.contains(o.notes.trim()) {
        notes.push(o.notes.clone());
    }
    let also = also.join("\n");
    if !also.is_empty() && !c.notes.contains(&also) {
        notes.push(also);
    }
    c.notes = notes.join("\n\n");
    if c.cadence_days.is_none() {
        c.cadence_days = o.cadence_days;
    }
    c.next_follow_up = match (c.next_follow_up, o.next_follow_up) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    c.created = c.created.min(o.created);
    c.met = match (c.met, o.met) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if c.uid.is_none() {
        c.uid = o.uid.clone();
    }
    for i in &o.interactions {
        if !c.interactions.contains(i) {
            c.interactions.push(i.clone());
        }
    }
    c.interactions.sort_by_key(|i| i.at);
    for h in &o.stage_history {
        if !c.stage_history.contains(h) {
            c.stage_history.push(h.clone());
        }
    }
    c.stage_history.sort_by_key(|h| h.at);
    for k in &o.conflicts {
        if !c.conflicts.contains(k) {
            c.conflicts.push(k.clone());
        }
    }
    for a in &o.accounts {
        if !c.accounts.contains(a) {
            c.accounts.push(a.clone());
        }
    }
    for r in &o.from_archives {
        if !c.from_archives.contains(r) {
            c.from_archives.push(r.clone());
        }
    }
    for d in &o.distinct_from {
        if d != keep && !c.distinct_from.contains(d) {
            c.distinct_from.push(d.clone());
        }
    }
    board.remove(other);
    // Whoever was kept apart from the merged contact is kept apart from the one it joined.
    for c in &mut board.contacts {
        // Only the contacts that name either: the others stay shared, uncopied.
        let mut seen = HashSet::new();
        let tidy = c
            .distinct_from
            .iter()
            .all(|d| d != other && *d != c.id && seen.insert(d));
        if tidy {
            continue;
        }
        let c = std::sync::Arc::make_mut(c);
        for d in &mut c.distinct_from {
            if d == other {
                *d = keep.clone();
            }
        }
        let own = c.id.clone();
        let mut seen = HashSet::new();
        c.distinct_from
            .retain(|d| *d != own && seen.insert(d.clone()));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Channel, Interaction, Stage, Who};
    use chrono::{TimeZone, Utc};

    fn board() -> Board {
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        let mut b = Board::default();
        let mut a = Contact::new("John Smith", Stage::Dm, at);
        a.emails.push("john@x.example".into());
        a.notes = "met at the fair".into();
        a.interactions.push(Interaction {
            at,
            channel: Channel::Dm,
            note: Some("hi".into()),
            from: Who::Me,
        });
        b.add(a);
        let mut c = Contact::new("John Smith", Stage::Casual, at - chrono::Duration::days(3));
        c.phones.push("+1 555 0100 123".into());
        c.company = Some("Acme".into());
        c.notes = "from the phone".into();
        b.add(c);
        let mut d = Contact::new("Kim Poe", Stage::Casual, at);
        d.phones.push("1-555-0100-123".into());
        b.add(d);
        b
    }

    #[test]
    fn pairs_merge_without_loss_or_stay_apart() {
        let mut b = board();
        let pairs = find(&b);
        let whys: Vec<&str> = pairs.iter().map(|p| p.why.as_str()).collect();
        assert_eq!(whys, ["same name", "same phone +1 555 0100 123"]);
        let (john, john2, kim) = (
            b.contacts[0].id.clone(),
            b.contacts[1].id.clone(),
            b.contacts[2].id.clone(),
        );
        assert!(keep_apart(&mut b, &john2, &kim));
        assert!(!keep_apart(&mut b, &john2, &kim), "once is enough");
        assert_eq!(find(&b).len(), 1);
        assert!(combine(&mut b, &john, &john2));
        assert_eq!(b.contacts.len(), 2);
        let j = &b.contacts[0];
        assert_eq!(j.stage, Stage::Dm);
        assert_eq!(j.emails, ["john@x.example"]);
        assert_eq!(j.phones, ["+1 555 0100 123"]);
        assert_eq!(j.company.as_deref(), Some("Acme"));
        assert_eq!(j.notes, "met at the fair\n\nfrom the phone");
        assert_eq!(j.interactions.len(), 1);
        assert_eq!(
            j.created,
            Utc.with_ymd_and_hms(2026, 10, 29, 9, 0, 0).unwrap()
        );
        // Kim was kept apart from the merged-away John, so from the John that remains.
        assert_eq!(b.contacts[1].distinct_from, Vec::<ContactId>::new());
        assert_eq!(j.distinct_from, std::slice::from_ref(&kim));
        assert!(find(&b).is_empty(), "{:?}", find(&b));
    }
}
