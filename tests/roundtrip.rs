#![allow(clippy::unwrap_used)]
//! Property: any board built from random operations survives a trip through the file format.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use rapport::model::{Archived, Board, Channel, Contact, Interaction, Kind, Stage, Who};
use rapport::store;
use std::path::Path;

#[derive(Debug, Clone)]
enum Op {
    Add(String, usize),
    Move(usize, usize),
    Reorder(usize, bool),
    Remove(usize),
    Log(usize, usize, Option<String>, bool),
    FollowUp(usize, Option<i64>),
    Notes(usize, String),
    Company(usize, Option<String>),
    Lists(usize, Vec<String>),
    Kind(usize, usize),
    Cadence(usize, Option<u32>),
    /// What imports and merges set: a source id, the day you met, a conflict note, a
    /// contact kept apart.
    Extra(usize, Option<String>, Option<i64>, Option<String>, usize),
    /// Into the inbox (true) or placed in a stage from it.
    Inbox(usize, bool, usize),
    /// Archived with a reason, or restored.
    Archive(usize, Option<String>),
    Pause(usize, Option<i64>),
    /// What an archive import records: an account id and a logged message.
    Accounts(usize, String, String),
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z \"\\\\\n\r\t)(,:#/*]{0,30}",
        Just("김민준 😀 Zoë\u{202E}\u{1b}[31m".to_string()),
        Just(String::new()),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    let i = 0usize..50;
    prop_oneof![
        (text(), 0usize..4).prop_map(|(n, s)| Op::Add(n, s)),
        (i.clone(), 0usize..4).prop_map(|(i, s)| Op::Move(i, s)),
        (i.clone(), any::<bool>()).prop_map(|(i, u)| Op::Reorder(i, u)),
        i.clone().prop_map(Op::Remove),
        (
            i.clone(),
            0usize..6,
            proptest::option::of(text()),
            any::<bool>()
        )
            .prop_map(|(i, c, n, w)| Op::Log(i, c, n, w)),
        (i.clone(), proptest::option::of(-1000i64..1000)).prop_map(|(i, d)| Op::FollowUp(i, d)),
        (i.clone(), text()).prop_map(|(i, t)| Op::Notes(i, t)),
        (i.clone(), proptest::option::of(text())).prop_map(|(i, t)| Op::Company(i, t)),
        (i.clone(), proptest::collection::vec(text(), 0..4)).prop_map(|(i, v)| Op::Lists(i, v)),
        (i.clone(), 0usize..6).prop_map(|(i, k)| Op::Kind(i, k)),
        (i.clone(), proptest::option::of(0u32..400)).prop_map(|(i, c)| Op::Cadence(i, c)),
        (
            i.clone(),
            proptest::option::of(text()),
            proptest::option::of(-1000i64..1000),
            proptest::option::of(text()),
            i.clone()
        )
            .prop_map(|(i, u, m, c, d)| Op::Extra(i, u, m, c, d)),
        (i.clone(), any::<bool>(), 0usize..4).prop_map(|(i, b, s)| Op::Inbox(i, b, s)),
        (i.clone(), proptest::option::of(text())).prop_map(|(i, r)| Op::Archive(i, r)),
        (i, proptest::option::of(-100i64..400)).prop_map(|(i, d)| Op::Pause(i, d)),
        (0usize..50, "[0-9]{1,4}", text()).prop_map(|(i, a, m)| Op::Accounts(i, a, m)),
    ]
}

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
}

fn apply(b: &mut Board, op: Op, step: i64) {
    let now = t0() + Duration::minutes(step);
    let pick = |b: &Board, i: usize| {
        (!b.contacts.is_empty()).then(|| b.contacts[i % b.contacts.len()].id.clone())
    };
    match op {
        Op::Add(name, s) => {
            let name = if name.trim().is_empty() {
                format!("n{step}")
            } else {
                name
            };
            b.add(Contact::new(name, Stage::ALL[s], now));
        }
        Op::Move(i, s) => {
            if let Some(id) = pick(b, i) {
                b.move_to(&id, Stage::ALL[s], now);
            }
        }
        Op::Reorder(i, up) => {
            if let Some(id) = pick(b, i) {
                b.reorder(&id, up);
            }
        }
        Op::Remove(i) => {
            if let Some(id) = pick(b, i) {
                b.remove(&id);
            }
        }
        Op::Log(i, c, note, them) => {
            if let Some(id) = pick(b, i) {
                b.get_mut(&id).unwrap().interactions.push(Interaction {
                    at: now,
                    channel: Channel::ALL[c],
                    note,
                    from: if them { Who::Them } else { Who::Me },
                });
            }
        }
        Op::FollowUp(i, d) => {
            if let Some(id) = pick(b, i) {
                b.get_mut(&id).unwrap().next_follow_up =
                    d.map(|d| NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + Duration::days(d));
            }
        }
        Op::Notes(i, t) => {
            if let Some(id) = pick(b, i) {
                b.get_mut(&id).unwrap().notes = t;
            }
        }
        Op::Company(i, t) => {
            if let Some(id) = pick(b, i) {
                b.get_mut(&id).unwrap().company = t;
            }
        }
        Op::Lists(i, v) => {
            if let Some(id) = pick(b, i) {
                let c = b.get_mut(&id).unwrap();
                c.handles = v.clone().into();
                c.emails = v.clone();
                c.phones = v.clone();
                c.tags = v.into();
            }
        }
        Op::Kind(i, k) => {
            if let Some(id) = pick(b, i) {
                let c = b.get_mut(&id).unwrap();
                if !c.kinds.insert(Kind::ALL[k]) {
                    c.kinds.remove(&Kind::ALL[k]);
                }
            }
        }
        Op::Cadence(i, d) => {
            if let Some(id) = pick(b, i) {
                b.get_mut(&id).unwrap().cadence_days = d;
            }
        }
        Op::Accounts(i, account, message) => {
            if let Some(id) = pick(b, i) {
                let c = b.get_mut(&id).unwrap();
                let account = format!("x:{account}");
                if !c.accounts.contains(&account) {
                    c.accounts.push(account);
                }
                c.from_archives.push(rapport::model::ArchiveRef {
                    id: message,
                    at: now,
                });
            }
        }
        Op::Extra(i, uid, met, conflict, other) => {
            if let (Some(id), Some(other)) = (pick(b, i), pick(b, other)) {
                let c = b.get_mut(&id).unwrap();
                c.uid = uid;
                c.met =
                    met.map(|d| NaiveDate::from_ymd_opt(2020, 6, 1).unwrap() + Duration::days(d));
                if let Some(theirs) = conflict {
                    c.conflicts.push(rapport::model::Conflict {
                        field: "notes".into(),
                        theirs,
                        at: now,
                    });
                }
                if other != id && !c.distinct_from.contains(&other) {
                    c.distinct_from.push(other);
                }
            }
        }
        Op::Inbox(i, into, s) => {
            if let Some(id) = pick(b, i) {
                let c = b.get_mut(&id).unwrap();
                if into {
                    c.put_in_inbox();
                } else if c.inbox {
                    c.place(Stage::ALL[s], now);
                }
            }
        }
        Op::Archive(i, reason) => {
            if let Some(id) = pick(b, i) {
                b.get_mut(&id).unwrap().archived =
                    reason.map(|reason| Box::new(Archived { at: now, reason }));
            }
        }
        Op::Pause(i, d) => {
            if let Some(id) = pick(b, i) {
                b.get_mut(&id).unwrap().paused_until =
                    d.map(|d| NaiveDate::from_ymd_opt(2026, 6, 1).unwrap() + Duration::days(d));
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_board_round_trips_through_ron(ops in proptest::collection::vec(op(), 0..40)) {
        let mut b = Board::default();
        for (step, op) in ops.into_iter().enumerate() {
            apply(&mut b, op, step as i64);
        }
        prop_assert!(b.validate().is_ok());
        let text = store::to_ron(&b).unwrap();
        // Written directly, byte for byte what ron's serialiser writes.
        prop_assert_eq!(&text, &store::to_ron_with_serde(&b).unwrap());
        let back = store::parse(&text, Path::new("prop.ron"));
        prop_assert!(back.is_ok(), "{:?}\n{}", back.err(), text);
        prop_assert_eq!(back.unwrap(), b);
    }

    /// The fast path loads exactly what parsing the RON loads: a board saved (which keeps
    /// a snapshot) opens from its snapshot equal to the parsed file.
    #[test]
    fn any_board_opens_from_its_snapshot_as_parsed(ops in proptest::collection::vec(op(), 0..40)) {
        let mut b = Board::default();
        for (step, op) in ops.into_iter().enumerate() {
            apply(&mut b, op, step as i64);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        let snaps = Some(dir.path().join("snapshots"));
        let (s, _) = store::Store::open_with_snapshots(&path, snaps.clone()).unwrap();
        s.save(&b).unwrap();
        let parsed = store::parse(&std::fs::read_to_string(&path).unwrap(), &path).unwrap();
        let (again, fast) = store::Store::open_with_snapshots(&path, snaps).unwrap();
        prop_assert!(again.opened_from_snapshot());
        prop_assert_eq!(&fast, &parsed);
        prop_assert_eq!(fast, b);
    }
}

fn build(ops: Vec<Op>, from: &Board, offset: i64) -> Board {
    let mut b = from.clone();
    for (step, op) in ops.into_iter().enumerate() {
        apply(&mut b, op, offset + step as i64);
    }
    b
}

/// Everything a side added since the base (contacts and interactions), by id.
fn added(base: &Board, side: &Board) -> Vec<(String, Vec<Interaction>)> {
    side.contacts
        .iter()
        .map(|c| {
            let before = base
                .get(&c.id)
                .map(|b| b.interactions.clone())
                .unwrap_or_default();
            let new: Vec<Interaction> = c
                .interactions
                .iter()
                .filter(|i| !before.contains(i))
                .cloned()
                .collect();
            (c.id.0.clone(), new)
        })
        .filter(|(id, new)| {
            base.get(&rapport::model::ContactId(id.clone())).is_none() || !new.is_empty()
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    /// The three-way merge: an unchanged side gives the other side; merging the result again
    /// changes nothing; nothing either side added is dropped; the result is a valid board.
    #[test]
    fn merge_keeps_both_sides(
        base_ops in proptest::collection::vec(op(), 0..25),
        our_ops in proptest::collection::vec(op(), 0..15),
        their_ops in proptest::collection::vec(op(), 0..15),
    ) {
        let now = t0() + Duration::days(30);
        let base = build(base_ops, &Board::default(), 0);
        let ours = build(our_ops, &base, 1000);
        let theirs = build(their_ops, &base, 2000);
        prop_assert_eq!(&rapport::model::merge(&base, &base, &theirs, now).board, &theirs);
        prop_assert_eq!(&rapport::model::merge(&base, &ours, &base, now).board, &ours);
        let m = rapport::model::merge(&base, &ours, &theirs, now).board;
        prop_assert!(m.validate().is_ok(), "{:?}", m.validate());
        prop_assert_eq!(&rapport::model::merge(&base, &m, &theirs, now).board, &m);
        for side in [&ours, &theirs] {
            for (id, interactions) in added(&base, side) {
                let got = m.get(&rapport::model::ContactId(id.clone()));
                prop_assert!(got.is_some(), "contact {} was dropped", id);
                for i in interactions {
                    prop_assert!(got.unwrap().interactions.contains(&i), "{:?} dropped from {}", i, id);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(100))]

    /// The fast path (a binary snapshot made from exactly the file's bytes) loads the same
    /// board as parsing the RON.
    #[test]
    fn a_board_loaded_from_its_snapshot_equals_the_parsed_ron(
        ops in proptest::collection::vec(op(), 0..40)
    ) {
        let mut b = Board::default();
        for (step, op) in ops.into_iter().enumerate() {
            apply(&mut b, op, step as i64);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        let text = store::to_ron(&b).unwrap();
        std::fs::write(&path, &text).unwrap();
        let parsed = store::parse(&text, &path).unwrap();
        let (fp, _) = store::Fingerprint::read(&path).unwrap().unwrap();
        let cache = dir.path().join("cache");
        rapport::cache::store_in(&cache, &path, fp.hash, fp.size(), &parsed).unwrap();
        let fast = rapport::cache::load_from(&cache, &path, fp.hash, fp.size());
        prop_assert_eq!(fast.as_ref(), Some(&parsed));
    }
}

/// Restores a JSON backup into an empty board, the way `rapport import` does.
fn restore(json: &str) -> Board {
    let options = rapport::import::Options {
        today: NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(),
        map: Vec::new(),
    };
    let parsed = rapport::import::parse(json, &options);
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    let mut board = Board::default();
    if let Some(values) = &parsed.board {
        rapport::import::restore_board_values(&mut board, values);
    }
    let now = t0() + Duration::days(400);
    rapport::import::merge(&mut board, &parsed.records, Stage::Casual, None, now);
    board
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Issue 11, item 7: `export --format json` is a complete backup. Any board, exported
    /// and imported into an empty board, comes back equal (settings, review streak, every
    /// field, interactions, stage history, conflicts); importing it again changes nothing.
    #[test]
    fn any_board_round_trips_through_the_json_backup(
        ops in proptest::collection::vec(op(), 0..40),
        cadence in proptest::array::uniform4(0u32..90),
        streak in 0u32..500,
        review in proptest::option::of(0i64..300),
    ) {
        let mut b = Board::default();
        for (step, op) in ops.into_iter().enumerate() {
            apply(&mut b, op, step as i64);
        }
        b.settings.cadence = rapport::model::Cadence {
            casual: cadence[0],
            dm: cadence[1],
            phone: cadence[2],
            meet: cadence[3],
        };
        b.review_streak = streak;
        b.last_review = review.map(|d| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Duration::days(d));
        let json = rapport::export::backup(&b, b.iter(), &Utc);
        let back = restore(&json);
        prop_assert_eq!(&back, &b, "{}", json);
        let parsed = rapport::import::parse(&json, &rapport::import::Options::default());
        let mut again = back.clone();
        let r = rapport::import::merge(&mut again, &parsed.records, Stage::Casual, None, t0());
        prop_assert!(!r.changed(), "{:?}", r);
        prop_assert_eq!(again, back);
    }
}

#[test]
fn times_with_fractions_of_a_second_survive_the_backup() {
    let at = Utc.with_ymd_and_hms(2026, 3, 1, 10, 0, 0).unwrap() + Duration::milliseconds(1234);
    let mut b = Board::default();
    b.add(Contact::new("Ann", Stage::Dm, at));
    let json = rapport::export::backup(&b, b.iter(), &Utc);
    assert!(json.contains("2026-03-01T10:00:01.234Z"), "{json}");
    assert_eq!(restore(&json), b);
}
