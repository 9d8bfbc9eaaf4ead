use super::*;
use crate::model::{Archived, Interaction};
use chrono::TimeZone;
use proptest::prelude::*;

fn at(d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
}

fn contact(b: &mut Board, name: &str, stage: Stage, created: u32) -> ContactId {
    b.add(Contact::new(name, stage, at(created)))
}

fn names(b: &Board, q: &[ContactId]) -> Vec<String> {
    q.iter().map(|id| b.get(id).unwrap().name.clone()).collect()
}

#[test]
fn queue_order_most_overdue_then_later_stage_then_name() {
    let mut b = Board::default();
    // dm cadence 7: created on the 10th → due the 17th (10 days overdue).
    contact(&mut b, "Dee", Stage::Dm, 10);
    // casual 14: created on the 3rd → due the 17th too; dm is the later stage.
    contact(&mut b, "Cas", Stage::Casual, 3);
    // meet 30: created 28 Oct → due 27 Nov (today).
    let m = b.add(Contact::new("Mia", Stage::Meet, at(1) - Duration::days(4)));
    // Same stage and day as Dee: by name.
    contact(&mut b, "ada", Stage::Dm, 10);
    // Not due: created today.
    contact(&mut b, "New", Stage::Casual, 27);
    // Follow-up wins over cadence: set for tomorrow, so not due.
    let f = contact(&mut b, "Fol", Stage::Dm, 1);
    b.get_mut(&f).unwrap().next_follow_up = Some(today() + Duration::days(1));
    // Follow-up in the past: most overdue of all.
    let p = contact(&mut b, "Past", Stage::Casual, 26);
    b.get_mut(&p).unwrap().next_follow_up = NaiveDate::from_ymd_opt(2026, 11, 1);
    // Cadence 0: never due.
    let z = contact(&mut b, "Zero", Stage::Casual, 1);
    b.get_mut(&z).unwrap().cadence_days = Some(0);
    let t = Tally::new(&b, &Utc);
    let q = t.queue(today());
    assert_eq!(names(&b, &q), ["Past", "ada", "Dee", "Cas", "Mia"]);
    assert!(q.contains(&m));
    assert_eq!(t.due_by(today()), 5);
    let (d, id) = t.next_due(today()).unwrap();
    assert_eq!(
        (d, b.get(id).unwrap().name.as_str()),
        (today() + Duration::days(1), "Fol")
    );
}

#[test]
fn a_logged_touch_leaves_the_queue_and_names_the_next() {
    let mut b = Board::default();
    let id = contact(&mut b, "A", Stage::Dm, 1);
    let mut t = Tally::new(&b, &Utc);
    assert_eq!(t.queue(today()).len(), 1);
    let before = b.get(&id).unwrap().clone();
    t.remove(&before, &b.settings, &Utc);
    b.get_mut(&id).unwrap().interactions.push(Interaction {
        at: at(25),
        channel: crate::model::Channel::Dm,
        note: None,
        from: crate::model::Who::Me,
    });
    t.add(b.get(&id).unwrap(), &b.settings, &Utc);
    assert!(t.queue(today()).is_empty());
    assert_eq!(t, Tally::new(&b, &Utc));
    let (d, next) = t.next_due(today()).unwrap();
    assert_eq!(
        (d, next),
        (NaiveDate::from_ymd_opt(2026, 12, 2).unwrap(), &id)
    );
}

#[test]
fn stats_from_stage_history() {
    let mut b = Board::default();
    let a = b.add(Contact::new("A", Stage::Casual, at(1)));
    b.get_mut(&a).unwrap().set_stage(Stage::Dm, at(11));
    b.get_mut(&a).unwrap().kinds.insert(Kind::Customer);
    let c = b.add(Contact::new("B", Stage::Casual, at(21)));
    b.get_mut(&c).unwrap().set_stage(Stage::Phone, at(25));
    b.get_mut(&c).unwrap().set_stage(Stage::Dm, at(26));
    let s = stats(&b, at(27), today(), &Utc);
    assert_eq!(s.total, 2);
    assert_eq!(s.stages[0].contacts, 0);
    assert_eq!(s.stages[1].contacts, 2);
    // Casual stays: 10 and 4 days.
    assert_eq!(s.stages[0].median_days, Some(7.0));
    assert_eq!(s.stages[0].moved_forward_30d, 2);
    // Phone → dm is backwards, not forwards.
    assert_eq!(s.stages[2].moved_forward_90d, 0);
    assert_eq!(s.kinds["customer"], 1);
    assert_eq!(s.kinds["vendor"], 0);
    assert_eq!(s.stages[3].median_days, None);
    assert_eq!((s.inbox, s.archived, s.paused), (0, 0, 0));
    // The running dm stays lengthen as the days pass; nothing is stored for that.
    let later = stats(&b, at(27) + Duration::days(10), today(), &Utc);
    assert!(later.stages[1].median_days > s.stages[1].median_days);
}

#[test]
fn archived_inbox_and_paused_are_counted() {
    let mut b = Board::default();
    let a = b.add(Contact::new("A", Stage::Casual, at(1)));
    b.get_mut(&a).unwrap().set_stage(Stage::Dm, at(5));
    b.get_mut(&a).unwrap().archived = Some(Box::new(Archived {
        at: at(15),
        reason: "went cold".into(),
    }));
    b.add_to_inbox(Contact::new("In", Stage::Casual, at(20)));
    let p = b.add(Contact::new("P", Stage::Phone, at(20)));
    b.get_mut(&p).unwrap().paused_until = NaiveDate::from_ymd_opt(2027, 4, 1);
    let s = stats(&b, at(27), today(), &Utc);
    assert_eq!((s.inbox, s.archived, s.paused), (1, 1, 1));
    // Reached casual and dm before being archived; not phone.
    assert_eq!(s.stages[0].archived_after, 1);
    assert_eq!(s.stages[1].archived_after, 1);
    assert_eq!(s.stages[2].archived_after, 0);
    // Neither the archived nor the inbox contact is in a column.
    assert_eq!(s.stages[1].contacts, 0);
    assert_eq!(s.stages[2].contacts, 1);
    // The dm stay ended at the archiving: 10 days, not 22.
    assert_eq!(s.stages[1].median_days, Some(10.0));
    let text = crate::stats::text(&s);
    assert!(text.contains("1 in the inbox · 1 archived · 1 paused"));
    assert!(text.contains("Archived after reaching: Casual 1 · DMs 1 · Phone 0 · Meet 0"));
}

#[test]
fn medians_of_runs() {
    assert_eq!(median(std::iter::empty()), None);
    assert_eq!(median([(3, 1)].into_iter()), Some(3.0));
    assert_eq!(median([(1, 2), (4, 2)].into_iter()), Some(2.5));
    assert_eq!(median([(1, 1), (2, 5), (9, 1)].into_iter()), Some(2.0));
    let m = merged([(1, 1), (5, 1)].into_iter(), [(2, 2), (7, 1)].into_iter());
    assert_eq!(m.collect::<Vec<_>>(), [(1, 1), (2, 2), (5, 1), (7, 1)]);
}

/// The numbers by walking the whole board, the plain way: the meaning the tally keeps.
fn reference_stats(board: &Board, now: DateTime<Utc>, today: NaiveDate) -> Stats {
    fn median_of(mut v: Vec<i64>) -> Option<f64> {
        v.sort_unstable();
        let n = v.len();
        (n > 0).then(|| {
            if n % 2 == 1 {
                v[n / 2] as f64
            } else {
                (v[n / 2 - 1] + v[n / 2]) as f64 / 2.0
            }
        })
    }
    let mut stays: [Vec<i64>; 4] = Default::default();
    let (mut f30, mut f90, mut after) = ([0usize; 4], [0usize; 4], [0usize; 4]);
    let (mut due_today, mut overdue, mut inbox, mut archived, mut paused) = (0, 0, 0, 0, 0);
    let mut kinds: BTreeMap<&'static str, usize> = Kind::ALL.iter().map(|k| (k.id(), 0)).collect();
    for c in board.iter() {
        let h = &c.stage_history;
        inbox += usize::from(c.inbox && c.archived.is_none());
        paused += usize::from(c.on_board() && c.paused_after(today));
        let stopped = match &c.archived {
            Some(a) => {
                archived += 1;
                for s in Stage::ALL {
                    after[s.index()] += usize::from(h.iter().any(|e| e.stage == s));
                }
                a.at.min(now)
            }
            None => now,
        };
        for (i, e) in h.iter().enumerate() {
            let end = h.get(i + 1).map(|n| n.at).unwrap_or(stopped);
            stays[e.stage.index()].push((end - e.at).num_days().max(0));
            if let Some(next) = h.get(i + 1)
                && next.stage > e.stage
            {
                f30[e.stage.index()] += usize::from(now - next.at <= Duration::days(30));
                f90[e.stage.index()] += usize::from(now - next.at <= Duration::days(90));
            }
        }
        match c.due_date(&board.settings, &Utc) {
            Some(d) if d == today => due_today += 1,
            Some(d) if d < today => overdue += 1,
            _ => {}
        }
        for k in &c.kinds {
            *kinds.entry(k.id()).or_default() += 1;
        }
    }
    let counts = board.counts();
    Stats {
        total: board.contacts.len(),
        inbox,
        archived,
        paused,
        stages: Stage::ALL
            .iter()
            .map(|s| StageStats {
                stage: s.id(),
                contacts: counts[s.index()],
                median_days: median_of(std::mem::take(&mut stays[s.index()])),
                moved_forward_30d: f30[s.index()],
                moved_forward_90d: f90[s.index()],
                archived_after: after[s.index()],
            })
            .collect(),
        due_today,
        overdue,
        kinds,
        review_streak: current_streak(board, today),
    }
}

/// Who is due, by sorting the whole board: the order the tally keeps.
fn reference_queue(board: &Board, today: NaiveDate) -> Vec<ContactId> {
    let mut due: Vec<DueKey> = board
        .iter()
        .filter_map(|c| {
            let d = c.due_date(&board.settings, &Utc)?;
            (d <= today).then(|| (d, Reverse(c.stage), c.name.to_lowercase(), c.id.clone()))
        })
        .collect();
    due.sort();
    due.into_iter().map(|(.., id)| id).collect()
}

fn stage() -> impl Strategy<Value = Stage> {
    prop::sample::select(Stage::ALL.to_vec())
}

/// A contact with a random life: moves back and forth, touches, a follow-up, a pause,
/// maybe archived or in the inbox, kinds; days spread around "today".
fn arb_contact() -> impl Strategy<Value = Contact> {
    (
        prop::sample::select(vec!["Ann", "ann", "Bob", "Zoë", "李"]),
        stage(),
        0i64..60,
        proptest::collection::vec((stage(), 0i64..60), 0..4),
        proptest::collection::vec(0i64..60, 0..3),
        proptest::option::of(-20i64..20),
        proptest::option::of(-10i64..10),
        proptest::option::of((0i64..70, any::<bool>())),
        proptest::collection::btree_set(prop::sample::select(Kind::ALL.to_vec()), 0..3),
        proptest::option::of(0u32..20),
    )
        .prop_map(
            |(name, first, born, moves, touches, follow, pause, gone, kinds, cadence)| {
                let start = at(27) - Duration::days(60);
                let mut c = Contact::new(name, first, start + Duration::days(born));
                let mut when = c.created;
                for (s, gap) in moves {
                    when += Duration::hours(gap * 13);
                    c.set_stage(s, when);
                }
                for t in touches {
                    c.interactions.push(Interaction {
                        at: start + Duration::days(t),
                        channel: crate::model::Channel::Dm,
                        note: None,
                        from: crate::model::Who::Them,
                    });
                }
                c.interactions.sort_by_key(|i| i.at);
                c.next_follow_up = follow.map(|d| today() + Duration::days(d));
                c.paused_until = pause.map(|d| today() + Duration::days(d));
                match gone {
                    Some((d, true)) => {
                        c.archived = Some(Box::new(Archived {
                            at: start + Duration::days(d),
                            reason: String::new(),
                        }))
                    }
                    Some((_, false)) => c.inbox = true,
                    None => {}
                }
                c.kinds = kinds;
                c.cadence_days = cadence;
                c
            },
        )
}

proptest! {
    /// Built whole, the tally gives what walking the board gives, on any day.
    #[test]
    fn the_tally_means_what_walking_the_board_means(
        contacts in proptest::collection::vec(arb_contact(), 0..12),
        days_on in 0i64..15,
    ) {
        let mut b = Board::default();
        for c in contacts {
            b.add(c);
        }
        let t = Tally::new(&b, &Utc);
        let now = at(27) + Duration::days(days_on);
        let day = today() + Duration::days(days_on);
        prop_assert_eq!(t.stats(&b, now, day), reference_stats(&b, now, day));
        prop_assert_eq!(t.queue(day), reference_queue(&b, day));
        prop_assert_eq!(t.due_by(day), reference_queue(&b, day).len());
    }

    /// Kept up to date contact by contact, the tally equals one built afresh.
    #[test]
    fn a_tally_kept_up_to_date_equals_one_built_afresh(
        contacts in proptest::collection::vec(arb_contact(), 1..10),
        changes in proptest::collection::vec((any::<prop::sample::Index>(), proptest::option::of(arb_contact())), 1..10),
    ) {
        let mut b = Board::default();
        for c in contacts {
            b.add(c);
        }
        let mut t = Tally::new(&b, &Utc);
        for (which, new) in changes {
            if b.contacts.is_empty() {
                break;
            }
            let i = which.index(b.contacts.len());
            let old = b.contacts[i].as_ref().clone();
            t.remove(&old, &b.settings, &Utc);
            match new {
                // Replaced by another life under the same id.
                Some(mut c) => {
                    c.id = old.id.clone();
                    t.add(&c, &b.settings, &Utc);
                    *std::sync::Arc::make_mut(&mut b.contacts[i]) = c;
                }
                None => {
                    b.contacts.remove(i);
                }
            }
        }
        prop_assert_eq!(t, Tally::new(&b, &Utc));
    }
}

#[test]
fn a_big_board_tallied_at_once_equals_one_tallied_contact_by_contact() {
    // The review order of a big board is sorted in one go; adding contact by contact
    // inserts into the map. Both must give the same tally.
    let board = crate::generate::board(5000);
    let mut one_by_one = Tally::default();
    for c in board.iter() {
        one_by_one.add(c, &board.settings, &Utc);
    }
    assert_eq!(Tally::new(&board, &Utc), one_by_one);
    assert!(one_by_one.due.len() > 4000, "a big board has many due");
}
