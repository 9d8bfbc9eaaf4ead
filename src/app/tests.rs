//! `update` on a small board with a fixed clock.

use super::*;
use crate::model::Kind;
use chrono::TimeZone;

fn now() -> DateTime<Utc> {
    // Noon UTC: the same calendar day in every time zone from UTC-11 to UTC+11.
    Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap()
}

fn app_with(names: &[(&str, Stage)]) -> App {
    let mut b = Board::default();
    for (n, s) in names {
        b.add(Contact::new(*n, *s, now() - Duration::days(3)));
    }
    let mut app = App::new(b, "board.ron", now());
    update(
        &mut app,
        Action::Resize {
            width: 120,
            height: 40,
        },
        now(),
    );
    app
}

fn names(app: &App, s: Stage) -> Vec<String> {
    app.columns[s.index()]
        .iter()
        .map(|&i| app.board.contacts[i].name.clone())
        .collect()
}

fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    let mut fx = Vec::new();
    for a in actions {
        fx.extend(update(app, a.clone(), now()));
    }
    fx
}

/// Tabs through the open form until `field` has focus.
fn focus(app: &mut App, field: Field) {
    for _ in 0..Field::ALL.len() {
        if matches!(&app.mode, Mode::Form(f) if f.focus == field) {
            return;
        }
        update(app, Action::NextField, now());
    }
    panic!("no field {field:?}");
}

fn type_text(app: &mut App, s: &str) {
    for c in s.chars() {
        update(app, Action::Input(c), now());
    }
}

#[test]
fn focus_and_selection_stay_in_bounds() {
    let mut app = app_with(&[("A", Stage::Casual), ("B", Stage::Casual), ("C", Stage::Dm)]);
    run(&mut app, &[Action::Up, Action::FocusLeft]);
    assert_eq!((app.focus, app.sel[0]), (Stage::Casual, 0));
    run(&mut app, &[Action::Down, Action::Down, Action::Down]);
    assert_eq!(app.sel[0], 1);
    run(&mut app, &[Action::Top]);
    assert_eq!(app.sel[0], 0);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.selected().unwrap().name, "B");
    run(
        &mut app,
        &[
            Action::FocusRight,
            Action::FocusRight,
            Action::FocusRight,
            Action::FocusRight,
        ],
    );
    assert_eq!(app.focus, Stage::Meet);
    assert!(app.selected().is_none());
    run(&mut app, &[Action::Down, Action::PageDown, Action::Bottom]);
    assert_eq!(app.sel[3], 0);
}

#[test]
fn move_right_and_left_follows_the_card_and_records_history() {
    let mut app = app_with(&[("Becky", Stage::Casual), ("Ana", Stage::Dm)]);
    let fx = run(&mut app, &[Action::MoveRight]);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(app.focus, Stage::Dm);
    assert_eq!(app.selected().unwrap().name, "Becky");
    assert_eq!(names(&app, Stage::Dm), ["Ana", "Becky"]);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Moved Becky → Direct messages · u undo")
    );
    run(&mut app, &[Action::MoveRight, Action::MoveRight]);
    assert_eq!(app.selected().unwrap().stage, Stage::Meet);
    let fx = run(&mut app, &[Action::MoveRight]);
    assert!(fx.is_empty(), "no stage after the last");
    assert!(app.message.as_ref().unwrap().text.contains("last stage"));
    run(&mut app, &[Action::MoveLeft]);
    let c = app.selected().unwrap();
    assert_eq!(c.stage, Stage::Phone);
    let stages: Vec<Stage> = c.stage_history.iter().map(|h| h.stage).collect();
    assert_eq!(
        stages,
        [
            Stage::Casual,
            Stage::Dm,
            Stage::Phone,
            Stage::Meet,
            Stage::Phone
        ]
    );
}

#[test]
fn undo_and_redo_every_kind_of_change() {
    let mut app = app_with(&[("A", Stage::Casual), ("B", Stage::Casual), ("C", Stage::Dm)]);
    let start = app.board.clone();
    let mut states = vec![start.clone()];
    // move
    run(&mut app, &[Action::MoveRight]);
    states.push(app.board.clone());
    // reorder (A is now last in Dm: move it up)
    run(&mut app, &[Action::ReorderUp]);
    assert_eq!(names(&app, Stage::Dm), ["A", "C"]);
    states.push(app.board.clone());
    // add
    run(&mut app, &[Action::New]);
    type_text(&mut app, "New One");
    run(&mut app, &[Action::Submit]);
    states.push(app.board.clone());
    // edit
    run(&mut app, &[Action::Edit, Action::NextField]);
    type_text(&mut app, "@new");
    run(&mut app, &[Action::Submit]);
    assert_eq!(app.selected().unwrap().handles, ["@new"]);
    states.push(app.board.clone());
    // delete
    run(&mut app, &[Action::Delete, Action::Yes]);
    states.push(app.board.clone());
    assert_eq!(app.board.contacts.len(), 3);

    for expected in states.iter().rev().skip(1) {
        run(&mut app, &[Action::Undo]);
        assert_eq!(&app.board, expected);
    }
    let fx = run(&mut app, &[Action::Undo]);
    assert!(fx.is_empty());
    assert_eq!(app.message.as_ref().unwrap().text, "Nothing to undo.");
    for expected in states.iter().skip(1) {
        run(&mut app, &[Action::Redo]);
        assert_eq!(&app.board, expected);
    }
    // A new change clears the redo stack.
    run(
        &mut app,
        &[Action::Undo, Action::FocusLeft, Action::MoveRight],
    );
    run(&mut app, &[Action::Redo]);
    assert_eq!(app.message.as_ref().unwrap().text, "Nothing to redo.");
}

#[test]
fn new_contact_form_requires_a_name_and_lands_in_the_focused_stage() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    run(
        &mut app,
        &[Action::FocusRight, Action::FocusRight, Action::New],
    );
    let fx = run(&mut app, &[Action::Submit]);
    assert!(fx.is_empty());
    match &app.mode {
        Mode::Form(f) => assert_eq!(f.error.as_deref(), Some("A name is needed.")),
        m => panic!("{m:?}"),
    }
    type_text(&mut app, "Becky");
    focus(&mut app, Field::Handles);
    type_text(&mut app, "@b, https://b.example");
    focus(&mut app, Field::Emails);
    type_text(&mut app, "b@example.com");
    focus(&mut app, Field::Company);
    type_text(&mut app, "Lumen");
    focus(&mut app, Field::Kinds);
    type_text(&mut app, "cx");
    focus(&mut app, Field::Tags);
    type_text(&mut app, "warm");
    focus(&mut app, Field::FollowUp);
    type_text(&mut app, "fri");
    focus(&mut app, Field::Cadence);
    type_text(&mut app, "5");
    focus(&mut app, Field::Notes);
    type_text(&mut app, "met at the meetup");
    let fx = run(&mut app, &[Action::Submit]);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(app.mode, Mode::Board);
    let c = app.selected().unwrap();
    assert_eq!(c.name, "Becky");
    assert_eq!(c.stage, Stage::Phone);
    assert_eq!(c.handles, ["@b", "https://b.example"]);
    assert_eq!(
        c.kinds.iter().copied().collect::<Vec<_>>(),
        [Kind::Customer]
    );
    assert_eq!(c.tags, ["warm"]);
    assert_eq!(c.next_follow_up, NaiveDate::from_ymd_opt(2026, 12, 4));
    assert_eq!(c.notes, "met at the meetup");
    assert_eq!(c.emails, ["b@example.com"]);
    assert_eq!(c.company.as_deref(), Some("Lumen"));
    assert_eq!(c.cadence_days, Some(5));
    assert_eq!(c.created, now());
}

#[test]
fn form_rejects_a_bad_date_and_cancel_changes_nothing() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    let before = app.board.clone();
    run(&mut app, &[Action::Edit]);
    focus(&mut app, Field::FollowUp);
    type_text(&mut app, "someday");
    let fx = run(&mut app, &[Action::Submit]);
    assert!(fx.is_empty());
    match &app.mode {
        Mode::Form(f) => {
            assert!(f.error.as_deref().unwrap().contains("\"someday\""));
            assert_eq!(f.focus, Field::FollowUp);
        }
        m => panic!("{m:?}"),
    }
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(app.board, before);
    // Editing without changes is not a change.
    let fx = run(&mut app, &[Action::Edit, Action::Submit]);
    assert!(fx.is_empty());
    assert!(!app.history.can_undo());
}

#[test]
fn delete_asks_first() {
    let mut app = app_with(&[("A", Stage::Casual), ("B", Stage::Casual)]);
    run(&mut app, &[Action::Delete]);
    assert!(matches!(&app.mode, Mode::Confirm(ConfirmKind::Delete(_, n)) if n == "A"));
    run(&mut app, &[Action::No]);
    assert_eq!(app.board.contacts.len(), 2);
    let fx = run(&mut app, &[Action::Delete, Action::Yes]);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(names(&app, Stage::Casual), ["B"]);
    assert_eq!(app.selected().unwrap().name, "B");
}

#[test]
fn filter_narrows_keeps_and_clears() {
    let mut app = app_with(&[
        ("Becky Chen", Stage::Casual),
        ("Ana Lima", Stage::Casual),
        ("Ben", Stage::Dm),
    ]);
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "bck");
    assert_eq!(names(&app, Stage::Casual), ["Becky Chen"]);
    assert!(names(&app, Stage::Dm).is_empty());
    run(&mut app, &[Action::Backspace, Action::Backspace]);
    assert_eq!(names(&app, Stage::Dm), ["Ben"]);
    run(&mut app, &[Action::Submit]);
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(app.filter.value(), "b");
    run(&mut app, &[Action::Filter, Action::Cancel]);
    assert_eq!(app.filter.value(), "");
    assert_eq!(names(&app, Stage::Casual).len(), 2);
    // Esc on the board clears a kept filter too.
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "ana");
    run(&mut app, &[Action::Submit, Action::Cancel]);
    assert_eq!(names(&app, Stage::Casual).len(), 2);
}

#[test]
fn quit_is_refused_silently_only_when_saving_failed() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    assert_eq!(run(&mut app, &[Action::Quit]), vec![Effect::Quit]);
    app.saved(Err("disk full".into()));
    assert!(app.message.as_ref().unwrap().text.contains("disk full"));
    assert!(run(&mut app, &[Action::Quit]).is_empty());
    assert_eq!(app.mode, Mode::UnsavedQuit);
    run(&mut app, &[Action::No]);
    assert_eq!(app.mode, Mode::Board);
    run(&mut app, &[Action::Quit]);
    assert_eq!(run(&mut app, &[Action::Yes]), vec![Effect::QuitUnsaved]);
    app.saved(Ok(()));
    assert_eq!(app.save_state, SaveState::Saved);
}

#[test]
fn scrolling_keeps_the_selection_visible() {
    let many: Vec<(String, Stage)> = (0..30)
        .map(|i| (format!("P{i:02}"), Stage::Casual))
        .collect();
    let refs: Vec<(&str, Stage)> = many.iter().map(|(n, s)| (n.as_str(), *s)).collect();
    let mut app = app_with(&refs);
    let fit = layout::cards_fit_for(120, 40, Stage::Casual);
    for _ in 0..fit {
        run(&mut app, &[Action::Down]);
    }
    assert_eq!(app.sel[0], fit);
    assert_eq!(app.scroll[0], 1);
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.scroll[0], 30 - fit);
    run(&mut app, &[Action::Top]);
    assert_eq!(app.scroll[0], 0);
    // A smaller terminal shows fewer cards; the selection stays on screen.
    run(
        &mut app,
        &[
            Action::Bottom,
            Action::Resize {
                width: 60,
                height: 12,
            },
        ],
    );
    let fit_small = layout::cards_fit_for(60, 12, Stage::Casual);
    assert!(app.sel[0] >= app.scroll[0] && app.sel[0] < app.scroll[0] + fit_small);
}

#[test]
fn mouse_click_selects_and_wheel_scrolls() {
    let many: Vec<(String, Stage)> = (0..20).map(|i| (format!("P{i:02}"), Stage::Dm)).collect();
    let refs: Vec<(&str, Stage)> = many.iter().map(|(n, s)| (n.as_str(), *s)).collect();
    let mut app = app_with(&refs);
    // Second column, third card: inner starts at y=1, each card slot is 4 rows.
    run(
        &mut app,
        &[Action::Click {
            x: 40,
            y: 1 + 2 * 4 + 1,
        }],
    );
    assert_eq!(app.focus, Stage::Dm);
    assert_eq!(app.selected().unwrap().name, "P02");
    run(
        &mut app,
        &[
            Action::ScrollDown { x: 40, y: 5 },
            Action::ScrollDown { x: 40, y: 5 },
            Action::ScrollDown { x: 40, y: 5 },
        ],
    );
    assert_eq!(app.scroll[1], 3);
    assert_eq!(
        app.sel[1], 3,
        "the selection moves with the scrolled column"
    );
    run(&mut app, &[Action::ScrollUp { x: 40, y: 5 }]);
    assert_eq!(app.scroll[1], 2);
}

#[test]
fn paste_goes_into_the_focused_field() {
    let mut app = app_with(&[]);
    run(
        &mut app,
        &[Action::New, Action::Paste("Zoë\nMüller".into())],
    );
    match &app.mode {
        Mode::Form(f) => assert_eq!(f.name.value(), "Zoë Müller"),
        m => panic!("{m:?}"),
    }
    focus(&mut app, Field::Notes);
    run(
        &mut app,
        &[Action::Paste("line 1\r\nline 2".into()), Action::Submit],
    );
    assert_eq!(app.board.contacts[0].notes, "line 1\nline 2");
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app_with(&[]);
    run(&mut app, &[Action::Help, Action::Down, Action::Down]);
    assert_eq!((app.mode.clone(), app.help_scroll), (Mode::Help, 2));
    run(&mut app, &[Action::Cancel]);
    assert_eq!((app.mode.clone(), app.help_scroll), (Mode::Board, 0));
}

#[test]
fn messages_expire_and_the_day_rolls_over() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    run(&mut app, &[Action::MoveRight]);
    assert!(app.message.is_some());
    update(&mut app, Action::Tick, now() + Duration::seconds(60));
    assert!(app.message.is_none());
    let before = app.today;
    update(&mut app, Action::Tick, now() + Duration::days(1));
    assert_eq!(app.today, before + Duration::days(1));
}
