#![allow(clippy::unwrap_used)]
//! Property tests: random action sequences never panic and keep the board's invariants,
//! and undoing everything returns the board the session started with.

use chrono::{DateTime, Duration, TimeZone, Utc};
use proptest::prelude::*;
use rapport::app::{self, Action, App, Mode};
use rapport::model::Stage;
use rapport::sample::sample_board;
use std::collections::HashSet;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap()
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        4 => prop_oneof![
            Just(Action::FocusLeft),
            Just(Action::FocusRight),
            Just(Action::Up),
            Just(Action::Down),
            Just(Action::Top),
            Just(Action::Bottom),
            Just(Action::PageUp),
            Just(Action::PageDown),
        ],
        4 => prop_oneof![
            Just(Action::MoveLeft),
            Just(Action::MoveRight),
            Just(Action::ReorderUp),
            Just(Action::ReorderDown),
        ],
        2 => prop_oneof![
            Just(Action::New),
            Just(Action::Edit),
            Just(Action::Delete),
            Just(Action::Yes),
            Just(Action::No),
            Just(Action::Undo),
            Just(Action::Redo),
            Just(Action::Filter),
            Just(Action::Help),
            Just(Action::Submit),
            Just(Action::Cancel),
            Just(Action::NextField),
            Just(Action::PrevField),
        ],
        3 => prop_oneof![
            Just(Action::Open),
            Just(Action::Touch),
            Just(Action::LogForm),
            Just(Action::FollowUp),
            Just(Action::OpenProfile),
            Just(Action::EditNotes),
            Just(Action::FocusGained),
            Just(Action::Review),
            Just(Action::Advance),
            Just(Action::Snooze),
            Just(Action::Skip),
            Just(Action::Back),
            Just(Action::Stats),
        ],
        2 => prop_oneof![
            Just(Action::Archive),
            Just(Action::Restore),
            Just(Action::Pause),
            Just(Action::ArchiveView),
            Just(Action::Agenda),
            Just(Action::Triage),
            Just(Action::PlaceCasual),
            Just(Action::PlaceMeet),
            Just(Action::KindProspect),
            Just(Action::Mark),
            Just(Action::ClearMarks),
            Just(Action::Tag),
            Just(Action::Sort),
            Just(Action::NextInteraction),
            Just(Action::PrevInteraction),
            Just(Action::EditInteraction),
            Just(Action::DeleteInteraction),
        ],
        3 => any::<char>().prop_map(Action::Input),
        1 => prop_oneof![
            Just(Action::Backspace),
            Just(Action::DeleteForward),
            Just(Action::DeleteWord),
            Just(Action::DeleteToStart),
            Just(Action::CursorLeft),
            Just(Action::CursorRight),
            Just(Action::CursorHome),
            Just(Action::CursorEnd),
            Just(Action::Tick),
        ],
        1 => ".{0,20}".prop_map(Action::Paste),
        1 => (0u16..130, 0u16..45).prop_map(|(x, y)| Action::Click { x, y }),
        1 => (0u16..130, 0u16..45).prop_map(|(x, y)| Action::ScrollDown { x, y }),
        1 => (0u16..130, 0u16..45).prop_map(|(width, height)| Action::Resize { width, height }),
    ]
}

/// The board with two contacts waiting in the inbox, for triage to have something.
fn with_inbox(mut b: rapport::model::Board) -> rapport::model::Board {
    for name in ["Inbox One", "Inbox Two"] {
        b.add_to_inbox(rapport::model::Contact::new(name, Stage::Casual, now()));
    }
    b
}

fn check_invariants(app: &App) -> Result<(), TestCaseError> {
    // What is shown (kept up to date piece by piece: the filter narrowed from the last
    // matches, the due count moved by each change) equals computing it all afresh.
    let mut fresh = app.clone();
    fresh.refresh();
    prop_assert_eq!(
        &fresh.columns,
        &app.columns,
        "columns as if computed afresh"
    );
    prop_assert_eq!(
        fresh.due_today(),
        app.due_today(),
        "due count as if counted afresh"
    );
    let ids: HashSet<_> = app.board.iter().map(|c| &c.id).collect();
    prop_assert_eq!(ids.len(), app.board.contacts.len(), "ids unique");
    prop_assert!(app.board.validate().is_ok());
    let mut seen = vec![0u8; app.board.contacts.len()];
    for (i, c) in app.board.iter().enumerate() {
        if !c.on_board() {
            // The inbox and the archive are in no column: count them as seen once.
            seen[i] += 1;
        }
    }
    for s in Stage::ALL {
        let col = &app.columns[s.index()];
        for &i in col {
            prop_assert!(i < app.board.contacts.len());
            prop_assert_eq!(
                app.board.contacts[i].stage,
                s,
                "a card shows in its own stage"
            );
            prop_assert!(
                app.board.contacts[i].on_board(),
                "no inbox or archive card in a column"
            );
            seen[i] += 1;
        }
        prop_assert!(
            app.sel[s.index()] <= col.len().saturating_sub(1),
            "selection in bounds"
        );
        prop_assert!(app.scroll[s.index()] <= col.len(), "scroll in bounds");
    }
    if app.filter.value().trim().is_empty() {
        prop_assert!(
            seen.iter().all(|&n| n == 1),
            "each contact in exactly one column"
        );
    } else {
        prop_assert!(seen.iter().all(|&n| n <= 1));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_sessions_keep_invariants_and_undo_to_the_start(
        actions in proptest::collection::vec(action(), 1..120)
    ) {
        let mut start = with_inbox(sample_board(now().date_naive()).unwrap());
        // The review streak is board metadata outside undo; start it as a review would leave it.
        rapport::due::complete_review(&mut start, now().date_naive());
        let mut app = App::new(start.clone(), "board.ron", now());
        app::update(&mut app, Action::Resize { width: 120, height: 40 }, now());
        for (i, a) in actions.into_iter().enumerate() {
            app::update(&mut app, a, now() + Duration::seconds(i as i64));
            check_invariants(&app)?;
        }
        // Leave whatever mode we are in, then undo every change.
        app.mode = Mode::Board;
        app.question = None;
        app.review = None;
        app.triage = None;
        app.detail = None;
        app.pending_touch = None;
        // Keys do nothing while the terminal is too small to show the board.
        app::update(&mut app, Action::Resize { width: 120, height: 40 }, now());
        let mut guard = 0;
        while app.history.depth() > 0 {
            app::update(&mut app, Action::Undo, now());
            guard += 1;
            prop_assert!(guard < 10_000, "undo made no progress");
        }
        prop_assert_eq!(&app.board, &start);
        check_invariants(&app)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A read-only board can be looked at in every way, and no key sequence changes it.
    #[test]
    fn a_read_only_board_never_changes(
        actions in proptest::collection::vec(action(), 1..120)
    ) {
        let start = with_inbox(sample_board(now().date_naive()).unwrap());
        let mut app = App::new(start.clone(), "board.ron", now());
        app.read_only = Some("the file is read-only (mode 400)".into());
        app::update(&mut app, Action::Resize { width: 120, height: 40 }, now());
        for (i, a) in actions.into_iter().enumerate() {
            let effects = app::update(&mut app, a, now() + Duration::seconds(i as i64));
            prop_assert!(!effects.contains(&app::Effect::Save), "a save was asked for");
            check_invariants(&app)?;
        }
        prop_assert_eq!(app.generation, 0);
        prop_assert_eq!(&app.board, &start);
    }
}
