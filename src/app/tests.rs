//! `update` on a small board with a fixed clock.

use super::log_form::LogField;
use super::*;
use super::{archive, prompt};
use crate::keys::Keymap;
use crate::layout;
use crate::model::{Board, Contact, Field, Kind, Stage, Who};
use chrono::{Duration, Local, NaiveDate, TimeZone};

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

/// The screen as text, drawn by the real view.
fn screen(app: &App, w: u16, h: u16) -> String {
    let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).unwrap();
    t.draw(|f| crate::ui::view(app, f)).unwrap();
    let buf = t.backend().buffer();
    let mut out = String::new();
    for y in 0..h {
        for x in 0..w {
            out.push_str(buf[(x, y)].symbol());
        }
        out.push('\n');
    }
    out
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
    // Something was typed: Esc asks first; `n` goes back to the form as it was.
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.question, Some(Question::Discard));
    assert!(matches!(app.mode, Mode::Form(_)));
    run(&mut app, &[Action::No]);
    assert_eq!(app.question, None);
    assert!(
        matches!(&app.mode, Mode::Form(f) if f.input(Field::FollowUp).unwrap().value() == "someday")
    );
    run(&mut app, &[Action::Cancel, Action::Yes]);
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(app.board, before);
    // Editing without changes is not a change.
    let fx = run(&mut app, &[Action::Edit, Action::Submit]);
    assert!(fx.is_empty());
    assert!(app.history.depth() == 0);
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
    let generation = app.generation;
    run(
        &mut app,
        &[Action::Saved {
            generation,
            result: Err("disk full".into()),
        }],
    );
    assert!(app.message.as_ref().unwrap().text.contains("disk full"));
    assert!(run(&mut app, &[Action::Quit]).is_empty());
    assert_eq!(app.mode, Mode::UnsavedQuit);
    run(&mut app, &[Action::No]);
    assert_eq!(app.mode, Mode::Board);
    run(&mut app, &[Action::Quit]);
    assert_eq!(run(&mut app, &[Action::Yes]), vec![Effect::QuitUnsaved]);
    run(
        &mut app,
        &[Action::Saved {
            generation,
            result: Ok(()),
        }],
    );
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
        Mode::Form(f) => assert_eq!(f.input(Field::Name).unwrap().value(), "Zoë Müller"),
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
fn paste_works_in_every_text_input() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    // Terminals often paste line breaks as \r: kept in the notes, spaces elsewhere.
    let pasted = "first line\rsecond line\rthird line";
    run(&mut app, &[Action::Edit]);
    focus(&mut app, Field::Notes);
    run(&mut app, &[Action::Paste(pasted.into()), Action::Submit]);
    assert_eq!(
        app.board.contacts[0].notes,
        "first line\nsecond line\nthird line"
    );
    // The notes editor.
    detail_of(&mut app, "A");
    run(
        &mut app,
        &[
            Action::EditNotes,
            Action::Paste("\r\nfourth\r\nfifth".into()),
        ],
    );
    run(&mut app, &[Action::Submit]);
    assert_eq!(
        app.board.contacts[0].notes,
        "first line\nsecond line\nthird line\nfourth\nfifth"
    );
    // The log form's note, on one line.
    run(&mut app, &[Action::LogForm]);
    focus_log(&mut app, LogField::Note);
    run(&mut app, &[Action::Paste(pasted.into()), Action::Submit]);
    assert_eq!(
        app.board.contacts[0].interactions[0].note.as_deref(),
        Some("first line second line third line")
    );
    // The follow-up prompt: the paste replaces the suggested date.
    std::sync::Arc::make_mut(&mut app.board.contacts[0]).next_follow_up = Some(app.today);
    app.refresh();
    run(
        &mut app,
        &[
            Action::FollowUp,
            Action::Paste("+3d\n".into()),
            Action::Submit,
        ],
    );
    assert_eq!(
        app.board.contacts[0].next_follow_up,
        Some(app.today + Duration::days(3))
    );
}

/// Tabs through the open log form until `field` has focus.
fn focus_log(app: &mut App, field: LogField) {
    for _ in 0..LogField::ALL.len() {
        if matches!(&app.mode, Mode::Log(f) if f.focus == field) {
            return;
        }
        update(app, Action::NextField, now());
    }
    panic!("no field {field:?}");
}

#[test]
fn typing_replaces_the_suggested_follow_up_date() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    std::sync::Arc::make_mut(&mut app.board.contacts[0]).next_follow_up =
        Some(app.today + Duration::days(4));
    app.refresh();
    run(&mut app, &[Action::FollowUp]);
    type_text(&mut app, "fri");
    let fx = run(&mut app, &[Action::Submit]);
    assert_eq!(fx, vec![Effect::Save], "{:?}", app.mode);
    // 2026-11-27 is a Friday: "fri" is the next one.
    assert_eq!(
        app.board.contacts[0].next_follow_up,
        NaiveDate::from_ymd_opt(2026, 12, 4)
    );
    // A cursor key keeps the suggestion for editing.
    run(
        &mut app,
        &[Action::FollowUp, Action::CursorEnd, Action::Backspace],
    );
    type_text(&mut app, "5");
    run(&mut app, &[Action::Submit]);
    assert_eq!(
        app.board.contacts[0].next_follow_up,
        NaiveDate::from_ymd_opt(2026, 12, 5)
    );
    // So does the log form's "today".
    run(&mut app, &[Action::LogForm]);
    focus_log(&mut app, LogField::Date);
    type_text(&mut app, "-2d");
    run(&mut app, &[Action::Submit]);
    assert_eq!(
        app.board.contacts[0].interactions[0]
            .at
            .with_timezone(&Local)
            .date_naive(),
        app.today - Duration::days(2)
    );
}

#[test]
fn a_follow_up_in_the_past_asks_first() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    run(&mut app, &[Action::FollowUp]);
    type_text(&mut app, "2026-11-20");
    let fx = run(&mut app, &[Action::Submit]);
    assert!(fx.is_empty());
    let past = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    assert_eq!(app.question, Some(Question::PastFollowUp(past)));
    assert_eq!(app.section(), crate::keys::Section::Confirm);
    // No: back to the prompt to change it.
    run(&mut app, &[Action::No]);
    assert!(matches!(&app.mode, Mode::FollowUp { input, .. } if input.value() == "2026-11-20"));
    assert_eq!(app.board.contacts[0].next_follow_up, None);
    let fx = run(&mut app, &[Action::Submit, Action::Yes]);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(app.board.contacts[0].next_follow_up, Some(past));
    // Today and later do not ask.
    run(&mut app, &[Action::FollowUp]);
    type_text(&mut app, "today");
    run(&mut app, &[Action::Submit]);
    assert_eq!(app.question, None);
    assert_eq!(app.board.contacts[0].next_follow_up, Some(app.today));
    // The contact form asks too, and saves on yes.
    run(&mut app, &[Action::Edit]);
    focus(&mut app, Field::FollowUp);
    run(&mut app, &[Action::DeleteToStart]);
    type_text(&mut app, "-1w");
    run(&mut app, &[Action::Submit]);
    let week_ago = app.today - Duration::days(7);
    assert_eq!(app.question, Some(Question::PastFollowUp(week_ago)));
    run(&mut app, &[Action::Yes]);
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(app.board.contacts[0].next_follow_up, Some(week_ago));
}

#[test]
fn follow_up_messages_name_the_year_when_it_is_not_this_year() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    run(&mut app, &[Action::FollowUp]);
    type_text(&mut app, "2027-01-04");
    run(&mut app, &[Action::Submit]);
    let text = &app.message.as_ref().unwrap().text;
    assert!(text.contains("on Mon 4 Jan 2027"), "{text}");
    run(&mut app, &[Action::FollowUp]);
    type_text(&mut app, "2026-12-04");
    run(&mut app, &[Action::Submit]);
    let text = &app.message.as_ref().unwrap().text;
    assert!(text.contains("on Fri 4 Dec ("), "{text}");
}

#[test]
fn escape_asks_before_discarding_a_new_contact_or_a_log_but_not_an_empty_one() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    run(&mut app, &[Action::New, Action::Cancel]);
    assert_eq!(
        (app.question.clone(), app.mode.clone()),
        (None, Mode::Board)
    );
    run(&mut app, &[Action::New]);
    focus(&mut app, Field::Kinds);
    type_text(&mut app, "c");
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.question, Some(Question::Discard));
    // Keys other than yes and no do nothing while it asks.
    run(&mut app, &[Action::Input('x'), Action::Submit]);
    assert_eq!(app.question, Some(Question::Discard));
    run(&mut app, &[Action::Yes]);
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(app.board.contacts.len(), 1);
    run(&mut app, &[Action::LogForm, Action::Cancel]);
    assert_eq!(app.mode, Mode::Board, "an untouched log form just closes");
    run(&mut app, &[Action::LogForm]);
    focus_log(&mut app, LogField::Note);
    type_text(&mut app, "said hi");
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.question, Some(Question::Discard));
    run(&mut app, &[Action::No, Action::Submit]);
    assert_eq!(
        app.board.contacts[0].interactions[0].note.as_deref(),
        Some("said hi")
    );
}

#[test]
fn logging_an_email_says_an_email() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    run(
        &mut app,
        &[Action::LogForm, Action::Input('e'), Action::Submit],
    );
    let text = &app.message.as_ref().unwrap().text;
    assert!(text.starts_with("Logged an email with A"), "{text}");
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

fn detail_of(app: &mut App, name: &str) {
    let id = app.board.resolve(name).unwrap().id.clone();
    app.select_id(&id);
    run(app, &[Action::Open]);
    assert_eq!(app.mode, Mode::Detail);
    assert_eq!(app.detail.as_ref(), Some(&id));
}

#[test]
fn touch_logs_the_stage_channel_from_me_and_undoes() {
    let mut app = app_with(&[("A", Stage::Phone)]);
    run(&mut app, &[Action::FocusRight, Action::FocusRight]);
    std::sync::Arc::make_mut(&mut app.board.contacts[0]).next_follow_up = Some(app.today);
    app.refresh();
    let fx = run(&mut app, &[Action::Touch]);
    assert_eq!(fx, vec![Effect::Save]);
    let c = &app.board.contacts[0];
    assert_eq!(c.interactions.len(), 1);
    assert_eq!(c.interactions[0].channel, crate::model::Channel::Call);
    assert_eq!(c.interactions[0].from, Who::Me);
    assert_eq!(c.interactions[0].at, now());
    assert_eq!(c.next_follow_up, None, "a follow-up due today is done");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Logged a call with A · u undo")
    );
    run(&mut app, &[Action::Undo]);
    assert!(app.board.contacts[0].interactions.is_empty());
    assert_eq!(app.board.contacts[0].next_follow_up, Some(app.today));
}

#[test]
fn detail_view_opens_acts_on_its_contact_and_goes_back() {
    let mut app = app_with(&[("A", Stage::Casual), ("B", Stage::Casual)]);
    detail_of(&mut app, "B");
    run(&mut app, &[Action::Down, Action::Down, Action::Up]);
    assert_eq!(app.detail_scroll, 1);
    run(&mut app, &[Action::Touch, Action::MoveRight]);
    let b = app.board.resolve("B").unwrap();
    assert_eq!(b.stage, Stage::Dm);
    assert_eq!(b.interactions.len(), 1);
    assert_eq!(
        app.mode,
        Mode::Detail,
        "still in the detail view after acting"
    );
    // A form opened from the detail returns to it.
    run(&mut app, &[Action::Edit, Action::Cancel]);
    assert_eq!(app.mode, Mode::Detail);
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(app.detail, None);
    assert_eq!(app.selected().unwrap().name, "B", "the board selects it");
}

#[test]
fn log_form_picks_channel_who_and_a_past_date() {
    let mut app = app_with(&[("A", Stage::Dm)]);
    run(&mut app, &[Action::FocusRight, Action::LogForm]);
    let Mode::Log(f) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert_eq!(
        f.channel,
        crate::model::Channel::Dm,
        "defaults to the stage's channel"
    );
    type_text(&mut app, "e");
    run(&mut app, &[Action::CursorRight, Action::NextField]);
    type_text(&mut app, "t");
    run(
        &mut app,
        &[Action::NextField, Action::DeleteToStart, Action::CursorEnd],
    );
    type_text(&mut app, "tomorrow");
    run(&mut app, &[Action::Submit]);
    let Mode::Log(f) = &app.mode else {
        panic!("{:?}", app.mode)
    };
    assert!(f.error.as_deref().unwrap().contains("future"));
    run(&mut app, &[Action::DeleteToStart]);
    type_text(&mut app, "-2d");
    run(&mut app, &[Action::NextField]);
    type_text(&mut app, "asked for pricing");
    run(&mut app, &[Action::Submit]);
    assert_eq!(app.mode, Mode::Board);
    let i = &app.board.contacts[0].interactions[0];
    assert_eq!(
        i.channel,
        crate::model::Channel::Other,
        "e then → is email then other"
    );
    assert_eq!(i.from, Who::Them);
    assert_eq!(i.note.as_deref(), Some("asked for pricing"));
    assert_eq!(
        i.at.with_timezone(&Local).date_naive(),
        app.today - Duration::days(2)
    );
}

#[test]
fn follow_up_prompt_sets_rejects_and_clears() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    run(&mut app, &[Action::FollowUp]);
    type_text(&mut app, "whenever");
    run(&mut app, &[Action::Submit]);
    assert!(
        matches!(&app.mode, Mode::FollowUp { error: Some(e), .. } if e.contains("\"whenever\""))
    );
    assert_eq!(app.board.contacts[0].next_follow_up, None);
    run(&mut app, &[Action::DeleteToStart]);
    type_text(&mut app, "+5d");
    let fx = run(&mut app, &[Action::Submit]);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(
        app.board.contacts[0].next_follow_up,
        Some(app.today + Duration::days(5))
    );
    assert!(app.message.as_ref().unwrap().text.contains("(due in 5d)"));
    // The prompt starts with the current date; emptying it clears.
    run(&mut app, &[Action::FollowUp]);
    assert!(matches!(&app.mode, Mode::FollowUp { input, .. } if !input.value().is_empty()));
    run(&mut app, &[Action::DeleteToStart, Action::Submit]);
    assert_eq!(app.board.contacts[0].next_follow_up, None);
    assert!(app.message.as_ref().unwrap().text.contains("Cleared"));
}

#[test]
fn notes_editor_saves_on_done_and_discards_on_cancel() {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c: KeyCode| Action::Editor(KeyEvent::new(c, KeyModifiers::NONE).into());
    let mut app = app_with(&[("A", Stage::Casual)]);
    std::sync::Arc::make_mut(&mut app.board.contacts[0]).notes = "first".into();
    detail_of(&mut app, "A");
    run(
        &mut app,
        &[
            Action::EditNotes,
            key(KeyCode::Enter),
            key(KeyCode::Char('x')),
        ],
    );
    run(&mut app, &[Action::Cancel]);
    assert_eq!(
        app.question,
        Some(Question::Discard),
        "asks before discarding"
    );
    run(&mut app, &[Action::Yes]);
    assert_eq!(app.board.contacts[0].notes, "first");
    assert_eq!(app.mode, Mode::Detail);
    // Nothing typed: discarding does not ask.
    run(&mut app, &[Action::EditNotes, Action::Cancel]);
    assert_eq!(app.question, None);
    assert_eq!(app.mode, Mode::Detail);
    run(
        &mut app,
        &[
            Action::EditNotes,
            key(KeyCode::Enter),
            key(KeyCode::Char('김')),
        ],
    );
    let fx = run(&mut app, &[Action::Submit]);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(app.board.contacts[0].notes, "first\n김");
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.board.contacts[0].notes, "first");
}

#[test]
fn external_editor_round_trip_is_one_undoable_change() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    detail_of(&mut app, "A");
    let fx = run(&mut app, &[Action::EditNotesExternally]);
    let id = app.board.contacts[0].id.clone();
    assert_eq!(
        fx,
        vec![Effect::EditExternally {
            id: id.clone(),
            text: String::new()
        }]
    );
    let fx = run(
        &mut app,
        &[Action::NotesEdited {
            id,
            original: String::new(),
            text: "from vim".into(),
        }],
    );
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(app.board.contacts[0].notes, "from vim");
    assert!(app.history.depth() > 0);
}

#[test]
fn opening_a_profile_asks_to_log_a_touch_on_return() {
    let mut app = app_with(&[("A", Stage::Casual), ("B", Stage::Casual)]);
    let fx = run(&mut app, &[Action::OpenProfile]);
    assert!(fx.is_empty());
    assert!(app.message.as_ref().unwrap().text.contains("no handle"));
    std::sync::Arc::make_mut(&mut app.board.contacts[0]).handles =
        thin_vec::thin_vec!["@ana_b".into()];
    let fx = run(&mut app, &[Action::OpenProfile]);
    assert_eq!(fx, vec![Effect::Open("https://x.com/ana_b".into())]);
    // The next key (here: j) is used up by the question.
    run(&mut app, &[Action::Down]);
    assert!(matches!(&app.mode, Mode::Confirm(ConfirmKind::LogTouch(_, n)) if n == "A"));
    assert_eq!(app.sel[0], 0);
    run(&mut app, &[Action::Yes]);
    assert_eq!(app.board.contacts[0].interactions.len(), 1);
    // Focus coming back asks too; "no" logs nothing.
    run(
        &mut app,
        &[Action::OpenProfile, Action::FocusGained, Action::No],
    );
    assert_eq!(app.board.contacts[0].interactions.len(), 1);
    assert_eq!(app.mode, Mode::Board);
}

#[test]
fn an_undone_contact_closes_its_detail_view() {
    let mut app = app_with(&[]);
    run(&mut app, &[Action::New]);
    type_text(&mut app, "Temp");
    run(&mut app, &[Action::Submit, Action::Open]);
    assert_eq!(app.mode, Mode::Detail);
    run(&mut app, &[Action::Undo, Action::Down]);
    assert_eq!(app.mode, Mode::Board);
    assert!(app.board.contacts.is_empty());
}

/// Three due (oldest first: C, B, A by creation), two not due.
fn review_app() -> App {
    let mut b = Board::default();
    for (name, stage, days_ago) in [
        ("Due A", Stage::Dm, 8),
        ("Due B", Stage::Dm, 9),
        ("Due C", Stage::Casual, 20),
        ("Fresh D", Stage::Dm, 1),
        ("Fresh E", Stage::Meet, 3),
    ] {
        b.add(Contact::new(name, stage, now() - Duration::days(days_ago)));
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

fn current(app: &App) -> String {
    let id = app.review.as_ref().unwrap().current().unwrap();
    app.board.get(id).unwrap().name.clone()
}

#[test]
fn review_walks_the_queue_in_order_with_one_key_each() {
    let mut app = review_app();
    run(&mut app, &[Action::Review]);
    assert_eq!(app.mode, Mode::Review);
    let r = app.review.as_ref().unwrap();
    assert_eq!(r.queue.len(), 3);
    // C: due 6 days ago; B: 2 days ago; A: 1 day ago.
    assert_eq!(current(&app), "Due C");

    let fx = run(&mut app, &[Action::Touch]);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(app.board.resolve("Due C").unwrap().interactions.len(), 1);
    assert_eq!(current(&app), "Due B");

    run(&mut app, &[Action::Snooze]);
    assert_eq!(
        app.board.resolve("Due B").unwrap().next_follow_up,
        Some(app.today + Duration::days(1))
    );
    assert_eq!(current(&app), "Due A");

    let fx = run(&mut app, &[Action::Advance]);
    assert_eq!(app.board.resolve("Due A").unwrap().stage, Stage::Phone);
    // The last one: the summary shows and the streak starts.
    assert_eq!(app.mode, Mode::ReviewSummary);
    assert!(fx.contains(&Effect::Save));
    assert_eq!(app.board.last_review, Some(app.today));
    assert_eq!(app.board.review_streak, 1);
    let r = app.review.as_ref().unwrap();
    assert_eq!(
        [
            r.count(Outcome::Touched),
            r.count(Outcome::Snoozed),
            r.count(Outcome::Advanced),
            r.count(Outcome::Skipped)
        ],
        [1, 1, 1, 0]
    );
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.mode, Mode::Board);
    assert!(app.review.is_none());
}

#[test]
fn review_skip_back_and_undo_bring_contacts_back() {
    let mut app = review_app();
    run(&mut app, &[Action::Review, Action::Skip]);
    assert_eq!(current(&app), "Due B");
    run(&mut app, &[Action::Back]);
    assert_eq!(current(&app), "Due C", "a skipped contact is still open");
    run(&mut app, &[Action::Touch, Action::Touch]);
    assert_eq!(current(&app), "Due A");
    run(&mut app, &[Action::Back]);
    assert_eq!(current(&app), "Due A", "handled ones have left the queue");
    // Undo the touch of B: B comes back, without its interaction.
    run(&mut app, &[Action::Undo]);
    assert_eq!(current(&app), "Due B");
    assert!(app.board.resolve("Due B").unwrap().interactions.is_empty());
    assert_eq!(app.board.resolve("Due C").unwrap().interactions.len(), 1);
    // Ending early shows the summary but does not count as a completed review.
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.mode, Mode::ReviewSummary);
    assert_eq!(app.board.last_review, None);
    assert_eq!(app.review.as_ref().unwrap().reviewed(), 1);
}

#[test]
fn review_forms_count_when_done_and_not_when_cancelled() {
    let mut app = review_app();
    run(&mut app, &[Action::Review, Action::LogForm, Action::Cancel]);
    assert_eq!(app.mode, Mode::Review);
    assert_eq!(current(&app), "Due C", "a cancelled form decides nothing");
    run(
        &mut app,
        &[
            Action::LogForm,
            Action::NextField,
            Action::NextField,
            Action::NextField,
        ],
    );
    type_text(&mut app, "good chat");
    run(&mut app, &[Action::Submit]);
    assert_eq!(app.mode, Mode::Review);
    assert_eq!(current(&app), "Due B");
    let c = app.board.resolve("Due C").unwrap();
    assert_eq!(c.interactions[0].note.as_deref(), Some("good chat"));
    run(&mut app, &[Action::FollowUp, Action::DeleteToStart]);
    type_text(&mut app, "+3d");
    run(&mut app, &[Action::Submit]);
    assert_eq!(current(&app), "Due A");
    assert_eq!(app.review.as_ref().unwrap().count(Outcome::Snoozed), 1);
    // Editing stays on the same contact; u then undoes the edit alone.
    run(&mut app, &[Action::Edit, Action::NextField]);
    type_text(&mut app, "@a");
    run(&mut app, &[Action::Submit]);
    assert_eq!(app.mode, Mode::Review);
    assert_eq!(current(&app), "Due A");
    run(&mut app, &[Action::Undo]);
    assert!(app.board.resolve("Due A").unwrap().handles.is_empty());
    assert_eq!(current(&app), "Due A");
    assert_eq!(app.review.as_ref().unwrap().count(Outcome::Snoozed), 1);
}

#[test]
fn empty_review_is_all_caught_up_and_keeps_the_streak() {
    let mut app = review_app();
    app.board.contacts.retain(|c| c.name.starts_with("Fresh"));
    app.board.last_review = Some(app.today - Duration::days(1));
    app.board.review_streak = 4;
    app.refresh();
    let fx = run(&mut app, &[Action::Review]);
    assert_eq!(app.mode, Mode::ReviewSummary);
    assert!(app.review.as_ref().unwrap().queue.is_empty());
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(app.board.review_streak, 5);
    run(&mut app, &[Action::Submit]);
    assert_eq!(app.mode, Mode::Board);
}

#[test]
fn stats_panel_opens_and_closes() {
    let mut app = review_app();
    run(&mut app, &[Action::Stats]);
    assert_eq!(app.mode, Mode::Stats);
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.mode, Mode::Board);
}

#[test]
fn saved_shows_only_once_the_latest_change_is_on_disk() {
    let mut app = app_with(&[("A", Stage::Casual), ("B", Stage::Casual)]);
    assert_eq!(app.save_state, SaveState::Saved);
    assert_eq!(run(&mut app, &[Action::MoveRight]), vec![Effect::Save]);
    let first = app.generation;
    assert_eq!(app.save_state, SaveState::Saving);
    run(&mut app, &[Action::FocusLeft, Action::MoveRight]);
    assert!(app.generation > first);
    // The write of the first change returns while the second still waits: still saving.
    let saved_first = Action::Saved {
        generation: first,
        result: Ok(()),
    };
    run(&mut app, &[saved_first]);
    assert_eq!(app.save_state, SaveState::Saving);
    let latest = Action::Saved {
        generation: app.generation,
        result: Ok(()),
    };
    run(&mut app, &[latest]);
    assert_eq!(app.save_state, SaveState::Saved);
}

#[test]
fn a_remapped_undo_key_is_named_in_messages_and_the_footer() {
    let mut overrides = std::collections::BTreeMap::new();
    overrides.insert(
        "board".to_string(),
        std::collections::BTreeMap::from([("undo".to_string(), vec!["z".to_string()])]),
    );
    let (keymap, problems) = Keymap::with_overrides(&overrides);
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = app_with(&[("Ann", Stage::Casual)]);
    app.keymap = keymap;
    run(&mut app, &[Action::Delete, Action::Yes]);
    let msg = &app.message.as_ref().unwrap().text;
    assert_eq!(msg, "Deleted Ann · z undo");
    let hints = app.keymap.hints(app.section());
    assert!(hints.contains(&("z".into(), "undo".into())), "{hints:?}");
    assert!(!hints.iter().any(|(k, _)| k == "u"), "{hints:?}");
    // Undo by the new key's action works and names redo from the keymap too.
    run(&mut app, &[Action::Undo]);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "Undid delete Ann · Ctrl+r redo"
    );
}

#[test]
fn values_noted_from_elsewhere_are_dismissed_with_a_key_and_undo_brings_them_back() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    std::sync::Arc::make_mut(&mut app.board.contacts[0])
        .conflicts
        .push(crate::model::Conflict {
            field: "notes".into(),
            theirs: "their notes".into(),
            at: now(),
        });
    detail_of(&mut app, "A");
    assert_eq!(
        run(&mut app, &[Action::DismissConflicts]),
        vec![Effect::Save]
    );
    assert!(app.board.contacts[0].conflicts.is_empty());
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("Dismissed 1 value")
    );
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.board.contacts[0].conflicts.len(), 1);
    run(
        &mut app,
        &[Action::DismissConflicts, Action::DismissConflicts],
    );
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "Nothing was changed elsewhere at the same time."
    );
}

#[test]
fn a_form_saved_over_an_outside_change_merges_and_notes_a_field_both_changed() {
    let mut app = app_with(&[("Ann", Stage::Casual)]);
    run(&mut app, &[Action::Edit]);
    // Meanwhile, elsewhere (merged in by the loop): notes and company change.
    std::sync::Arc::make_mut(&mut app.board.contacts[0]).notes = "met at the fair".into();
    std::sync::Arc::make_mut(&mut app.board.contacts[0]).company = Some("Acme".into());
    focus(&mut app, Field::Company);
    for c in "Globex".chars() {
        run(&mut app, &[Action::Input(c)]);
    }
    assert_eq!(run(&mut app, &[Action::Submit]), vec![Effect::Save]);
    let ann = &app.board.contacts[0];
    assert_eq!(
        ann.notes, "met at the fair",
        "a field only changed elsewhere survives"
    );
    assert_eq!(
        ann.company.as_deref(),
        Some("Globex"),
        "the form's value is kept"
    );
    assert_eq!(ann.conflicts.len(), 1);
    assert_eq!(
        (
            ann.conflicts[0].field.as_str(),
            ann.conflicts[0].theirs.as_str()
        ),
        ("company", "Acme")
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("Also changed elsewhere")
    );
}

#[test]
fn keys_do_nothing_while_the_terminal_is_too_small_except_quit() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    run(
        &mut app,
        &[Action::Resize {
            width: 20,
            height: 6,
        }],
    );
    assert!(run(&mut app, &[Action::MoveRight, Action::Delete, Action::Yes]).is_empty());
    assert_eq!(app.board.contacts[0].stage, Stage::Casual);
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(run(&mut app, &[Action::Quit]), vec![Effect::Quit]);
}

#[test]
fn a_contact_deleted_elsewhere_while_its_form_is_open_comes_back_with_the_edit() {
    let mut app = app_with(&[("Ann", Stage::Casual), ("Bob", Stage::Casual)]);
    run(&mut app, &[Action::Edit]);
    let id = app.board.contacts[0].id.clone();
    app.board.contacts.retain(|c| c.id != id);
    app.refresh();
    focus(&mut app, Field::Company);
    for c in "Acme".chars() {
        run(&mut app, &[Action::Input(c)]);
    }
    assert_eq!(run(&mut app, &[Action::Submit]), vec![Effect::Save]);
    let ann = app.board.get(&id).expect("kept");
    assert_eq!(ann.company.as_deref(), Some("Acme"));
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("deleted elsewhere")
    );
}

/// Opens the notes editor on the first contact and types `text` at its end.
fn edit_notes(app: &mut App, text: &str) {
    run(app, &[Action::Open, Action::EditNotes]);
    assert!(matches!(app.mode, Mode::Notes(_)));
    for c in text.chars() {
        let key =
            ratatui::crossterm::event::KeyEvent::from(ratatui::crossterm::event::KeyCode::Char(c));
        run(app, &[Action::Editor(key.into())]);
    }
}

#[test]
fn notes_changed_elsewhere_while_edited_are_kept_as_a_conflict_and_the_editor_says_so() {
    let mut app = app_with(&[("Ann", Stage::Casual)]);
    edit_notes(&mut app, "ours");
    // Another terminal changed Ann's notes; the merge lands while the editor is open.
    let mut theirs = app.board.clone();
    std::sync::Arc::make_mut(&mut theirs.contacts[0]).notes = "theirs".into();
    let sent = app.board.clone();
    let generation = app.generation;
    run(
        &mut app,
        &[Action::Merged {
            generation,
            sent: Box::new(sent),
            merged: Box::new(theirs),
            conflicts: 0,
        }],
    );
    assert!(matches!(app.mode, Mode::Notes(_)), "the editor stays open");
    let backend = ratatui::backend::TestBackend::new(120, 40);
    let mut terminal = ratatui::Terminal::new(backend).unwrap();
    terminal.draw(|f| crate::ui::view(&app, f)).unwrap();
    let screen = format!("{:?}", terminal.backend().buffer());
    assert!(screen.contains("Changed elsewhere meanwhile"), "{screen}");
    assert_eq!(run(&mut app, &[Action::Submit]), vec![Effect::Save]);
    let ann = &app.board.contacts[0];
    assert_eq!(ann.notes, "ours");
    assert_eq!(ann.conflicts.len(), 1);
    assert_eq!(ann.conflicts[0].theirs, "theirs");
}

#[test]
fn a_contact_deleted_elsewhere_while_its_notes_are_edited_comes_back_with_them() {
    let mut app = app_with(&[("Ann", Stage::Casual), ("Bob", Stage::Casual)]);
    let id = app.board.contacts[0].id.clone();
    edit_notes(&mut app, "keep me");
    app.board.contacts.retain(|c| c.id != id);
    app.refresh();
    assert_eq!(run(&mut app, &[Action::Submit]), vec![Effect::Save]);
    assert_eq!(app.board.get(&id).expect("kept").notes, "keep me");
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("deleted elsewhere")
    );
}

#[test]
fn a_read_only_board_refuses_changes_with_the_reason() {
    let mut app = app_with(&[("Ann", Stage::Casual)]);
    app.read_only = Some("the file is read-only (mode 400)".into());
    for a in [Action::MoveRight, Action::New, Action::Delete, Action::Undo] {
        assert!(run(&mut app, &[a]).is_empty());
        assert_eq!(app.mode, Mode::Board);
    }
    assert_eq!(app.board.contacts[0].stage, Stage::Casual);
    assert!(app.message.as_ref().unwrap().text.contains("mode 400"));
    // Looking around still works.
    run(&mut app, &[Action::Open]);
    assert_eq!(app.mode, Mode::Detail);
}

#[test]
fn a_board_removed_elsewhere_asks_once_and_again_only_after_a_new_change() {
    let mut app = app_with(&[("Ann", Stage::Casual)]);
    run(&mut app, &[Action::BoardRemoved]);
    assert_eq!(app.mode, Mode::Confirm(ConfirmKind::WriteBack));
    assert!(run(&mut app, &[Action::No]).is_empty());
    assert_eq!(app.mode, Mode::Board);
    // Retried saves report the removal again: no new question.
    run(&mut app, &[Action::BoardRemoved]);
    assert_eq!(app.mode, Mode::Board);
    // A new change asks again; yes writes it back.
    assert_eq!(run(&mut app, &[Action::MoveRight]), vec![Effect::Save]);
    run(&mut app, &[Action::BoardRemoved]);
    assert_eq!(app.mode, Mode::Confirm(ConfirmKind::WriteBack));
    // Writing it back is a save of its own, so quitting waits for it.
    assert_eq!(
        run(&mut app, &[Action::Yes]),
        vec![Effect::WriteBack, Effect::Save]
    );
    // The file came back by itself while asking: the question goes away.
    run(&mut app, &[Action::BoardRemoved, Action::BoardReturned]);
    assert_eq!(app.mode, Mode::Board);
}
#[test]
fn the_review_names_no_redo_key_it_does_not_have() {
    let mut app = app_with(&[("A", Stage::Casual), ("B", Stage::Casual)]);
    for c in &mut app.board.contacts {
        std::sync::Arc::make_mut(c).next_follow_up = Some(app.today);
    }
    app.refresh();
    run(&mut app, &[Action::Review, Action::Touch]);
    assert_eq!(app.mode, Mode::Review);
    run(&mut app, &[Action::Undo]);
    let text = &app.message.as_ref().unwrap().text;
    assert!(text.starts_with("Undid"), "{text}");
    assert!(!text.contains("redo"), "{text}");
    // On the board, where Ctrl+r works, it is named.
    run(&mut app, &[Action::Cancel, Action::Cancel]);
    assert_eq!(app.mode, Mode::Board);
    run(&mut app, &[Action::MoveRight, Action::Undo]);
    let text = &app.message.as_ref().unwrap().text;
    assert!(text.contains("Ctrl+r redo"), "{text}");
}

#[test]
fn a_new_contact_with_a_known_email_or_handle_asks_naming_the_other() {
    let mut app = app_with(&[("Priya Raman", Stage::Dm)]);
    std::sync::Arc::make_mut(&mut app.board.contacts[0]).emails = vec!["priya@example.com".into()];
    run(&mut app, &[Action::New]);
    type_text(&mut app, "P. Raman");
    focus(&mut app, Field::Emails);
    type_text(&mut app, "Priya@Example.com");
    let fx = run(&mut app, &[Action::Submit]);
    assert!(fx.is_empty());
    assert_eq!(
        app.question,
        Some(Question::Duplicate {
            existing: "Priya Raman".into(),
            shared: "the email Priya@Example.com".into()
        })
    );
    // Go back to the form; then add anyway.
    run(&mut app, &[Action::No]);
    assert!(matches!(app.mode, Mode::Form(_)));
    assert_eq!(app.board.contacts.len(), 1);
    let fx = run(&mut app, &[Action::Submit, Action::Yes]);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(app.board.contacts.len(), 2);
    // Nothing shared: no question.
    run(&mut app, &[Action::New]);
    type_text(&mut app, "Someone New");
    run(&mut app, &[Action::Submit]);
    assert_eq!(app.question, None);
    assert_eq!(app.board.contacts.len(), 3);
}

#[test]
fn notes_opened_and_closed_untouched_are_not_saved_even_with_invisible_characters() {
    let mut app = app_with(&[("A", Stage::Casual)]);
    std::sync::Arc::make_mut(&mut app.board.contacts[0]).notes =
        "zero\u{200B}width\njoined 👩\u{200D}💻".into();
    let before = app.board.clone();
    detail_of(&mut app, "A");
    // Done (Esc) without typing: nothing is written, the characters stay in the file.
    let fx = run(&mut app, &[Action::EditNotes, Action::Submit]);
    assert!(fx.is_empty(), "{fx:?}");
    assert_eq!(app.board, before);
    assert_eq!(app.mode, Mode::Detail);
}

#[test]
fn an_advanced_contact_starts_its_new_stage_cadence_and_is_not_due_tomorrow() {
    let mut app = review_app();
    run(
        &mut app,
        &[Action::Review, Action::Skip, Action::Skip, Action::Advance],
    );
    let a = app.board.resolve("Due A").unwrap();
    assert_eq!(a.stage, Stage::Phone);
    // Phone's cadence is 14 days, counted from today's move, not from its creation.
    assert_eq!(
        a.due_date(&app.board.settings, &Local),
        Some(app.today + Duration::days(14))
    );
    let tomorrow = app.today + Duration::days(1);
    let q = crate::tally::queue(&app.board, tomorrow, &Local);
    assert!(!q.contains(&a.id), "not first in tomorrow's review");
    assert_eq!(app.due_today(), 2, "the two skipped are still due");
}

#[test]
fn the_summary_of_a_review_stopped_early_counts_who_is_still_due() {
    let mut app = review_app();
    run(&mut app, &[Action::Review, Action::Touch, Action::Cancel]);
    assert_eq!(app.mode, Mode::ReviewSummary);
    assert_eq!(app.due_today(), 2);
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("Next: 2 still due today (r on the board picks them"),
        "{text}"
    );
    assert!(!text.contains("Next: Fresh"), "{text}");
}

#[test]
fn the_footer_shows_the_streak() {
    let mut app = review_app();
    app.board.last_review = Some(app.today - Duration::days(1));
    app.board.review_streak = 4;
    app.refresh();
    let text = screen(&app, 120, 40);
    assert!(text.contains("3 due today · streak 4d"), "{text}");
    app.board.last_review = Some(app.today - Duration::days(2));
    let text = screen(&app, 120, 40);
    assert!(
        !text.contains("streak"),
        "a lapsed streak is not shown: {text}"
    );
}

#[test]
fn archive_with_a_reason_leaves_the_columns_and_restore_brings_it_back() {
    let mut app = app_with(&[("Ana", Stage::Dm), ("Ben", Stage::Dm)]);
    run(&mut app, &[Action::FocusRight, Action::Archive]);
    assert!(matches!(&app.mode, Mode::Prompt(p) if p.kind == prompt::PromptKind::Archive));
    type_text(&mut app, "2");
    let fx = run(&mut app, &[Action::Submit]);
    assert_eq!(fx, vec![Effect::Save]);
    let ana = app.board.resolve("Ana").unwrap();
    assert_eq!(ana.archived.as_ref().unwrap().reason, "went cold");
    assert_eq!(names(&app, Stage::Dm), ["Ben"]);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("Archived Ana (went cold) · u undo")
    );
    // The archive view lists it; r restores it to its column.
    run(&mut app, &[Action::ArchiveView]);
    assert_eq!(app.mode, Mode::Archive);
    assert_eq!(archive::archived_ids(&app).len(), 1);
    let text = screen(&app, 120, 40);
    assert!(text.contains("Archive · 1"), "{text}");
    assert!(text.contains("went cold"), "{text}");
    run(&mut app, &[Action::Restore]);
    assert!(app.board.resolve("Ana").unwrap().archived.is_none());
    assert_eq!(names(&app, Stage::Dm), ["Ana", "Ben"]);
    // Undo archives it again; undo once more and it was never archived.
    run(&mut app, &[Action::Undo]);
    assert!(app.board.resolve("Ana").unwrap().archived.is_some());
    assert_eq!(app.mode, Mode::Archive);
    run(&mut app, &[Action::Undo]);
    assert!(app.board.resolve("Ana").unwrap().archived.is_none());
}

#[test]
fn pause_until_a_date_holds_the_contact_out_of_the_review_and_marks_the_card() {
    let mut app = review_app();
    assert_eq!(app.due_today(), 3);
    // Due C is in Casual, the focused column.
    run(&mut app, &[Action::Pause]);
    type_text(&mut app, "yesterday");
    run(&mut app, &[Action::Submit]);
    assert!(
        matches!(&app.mode, Mode::Prompt(p) if p.error.as_deref() == Some("Pick a day after today; empty ends the pause.")),
        "a past day is refused"
    );
    run(&mut app, &[Action::DeleteToStart]);
    type_text(&mut app, "2027-04-01");
    run(&mut app, &[Action::Submit]);
    assert_eq!(app.mode, Mode::Board);
    let c = app.board.resolve("Due C").unwrap();
    assert_eq!(c.paused_until, NaiveDate::from_ymd_opt(2027, 4, 1));
    assert_eq!(app.due_today(), 2);
    let text = screen(&app, 120, 40);
    assert!(text.contains("paused to 1 Apr 2027"), "{text}");
    run(&mut app, &[Action::Review]);
    assert_eq!(app.review.as_ref().unwrap().queue.len(), 2);
}

fn inbox_app() -> App {
    let mut app = app_with(&[("Placed", Stage::Dm)]);
    for n in ["In One", "In Two", "In Three"] {
        app.board
            .add_to_inbox(Contact::new(n, Stage::Casual, now() - Duration::days(40)));
    }
    app.refresh();
    app
}

#[test]
fn triage_places_one_at_a_time_with_kinds_skip_undo_and_resumes() {
    let mut app = inbox_app();
    assert_eq!(app.inbox_count(), 3);
    assert_eq!(app.due_today(), 0, "the inbox is never due");
    assert!(screen(&app, 120, 40).contains("· inbox 3"));
    assert!(names(&app, Stage::Casual).is_empty());
    run(&mut app, &[Action::Triage]);
    assert_eq!(app.mode, Mode::Triage);
    let text = screen(&app, 120, 40);
    assert!(text.contains("Triage 1/3"), "{text}");
    assert!(text.contains("In One"), "{text}");
    // Kinds, then place in DMs: its cadence starts today.
    run(&mut app, &[Action::KindProspect, Action::PlaceDm]);
    let one = app.board.resolve("In One").unwrap();
    assert!(!one.inbox && one.stage == Stage::Dm && one.kinds.contains(&Kind::Prospect));
    assert_eq!(
        one.due_date(&app.board.settings, &Local),
        Some(app.today + Duration::days(7))
    );
    assert!(screen(&app, 120, 40).contains("Triage 2/3"));
    // Skip Two, archive Three with a reason of one's own.
    run(&mut app, &[Action::Skip, Action::Archive]);
    type_text(&mut app, "not now");
    run(&mut app, &[Action::Submit]);
    assert_eq!(
        app.board
            .resolve("In Three")
            .unwrap()
            .archived
            .as_ref()
            .unwrap()
            .reason,
        "not now"
    );
    // The end: back to the board, the skipped one still waits.
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(app.inbox_count(), 1);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("1 skipped, still in the inbox")
    );
    // Open again, stop with q, resume where it stopped.
    run(&mut app, &[Action::Triage]);
    assert!(screen(&app, 120, 40).contains("In Two"));
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.mode, Mode::Board);
    assert_eq!(
        app.triage_resume,
        Some(app.board.resolve("In Two").unwrap().id.clone())
    );
    run(&mut app, &[Action::Triage, Action::PlaceMeet]);
    assert_eq!(app.board.resolve("In Two").unwrap().stage, Stage::Meet);
    assert_eq!(app.inbox_count(), 0);
}

#[test]
fn triage_undo_takes_back_the_last_decision_and_a_kind_alone() {
    let mut app = inbox_app();
    run(&mut app, &[Action::Triage, Action::PlaceCasual]);
    assert!(screen(&app, 120, 40).contains("Triage 2/3"));
    run(&mut app, &[Action::KindFriend]);
    assert!(
        app.board
            .resolve("In Two")
            .unwrap()
            .kinds
            .contains(&Kind::Friend)
    );
    run(&mut app, &[Action::Undo]);
    assert!(
        app.board.resolve("In Two").unwrap().kinds.is_empty(),
        "the kind alone"
    );
    assert!(screen(&app, 120, 40).contains("Triage 2/3"));
    run(&mut app, &[Action::Undo]);
    assert!(
        app.board.resolve("In One").unwrap().inbox,
        "back in the inbox"
    );
    assert!(screen(&app, 120, 40).contains("Triage 1/3"));
    assert_eq!(app.mode, Mode::Triage);
    run(&mut app, &[Action::Undo]);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "Nothing to undo in this triage."
    );
}

#[test]
fn marked_cards_move_together_and_one_undo_brings_them_all_back() {
    let mut app = app_with(&[
        ("A", Stage::Casual),
        ("B", Stage::Casual),
        ("C", Stage::Casual),
    ]);
    run(&mut app, &[Action::Mark, Action::Mark]);
    assert_eq!(app.marks.len(), 2);
    assert!(screen(&app, 120, 40).contains("2 marked"));
    let fx = run(&mut app, &[Action::MoveRight]);
    assert_eq!(fx, vec![Effect::Save]);
    assert_eq!(names(&app, Stage::Dm), ["A", "B"]);
    assert!(app.marks.is_empty());
    run(&mut app, &[Action::Undo]);
    assert_eq!(names(&app, Stage::Casual), ["A", "B", "C"]);
    assert!(names(&app, Stage::Dm).is_empty());
    // Tag, follow-up and touch for all marked, each one step.
    run(
        &mut app,
        &[
            Action::Top,
            Action::Mark,
            Action::Mark,
            Action::Mark,
            Action::Tag,
        ],
    );
    type_text(&mut app, "#conf");
    run(&mut app, &[Action::Submit]);
    assert!(app.board.iter().all(|c| c.tags == ["conf"]));
    assert!(app.marks.is_empty());
    let depth = app.history.depth();
    run(
        &mut app,
        &[Action::Top, Action::Mark, Action::Mark, Action::Touch],
    );
    assert_eq!(app.history.depth(), depth + 1);
    assert_eq!(
        app.board
            .iter()
            .filter(|c| c.interactions.len() == 1)
            .count(),
        2
    );
    run(&mut app, &[Action::Mark, Action::Archive]);
    type_text(&mut app, "1");
    run(&mut app, &[Action::Submit]);
    assert_eq!(app.board.archived().count(), 1);
}

#[test]
fn the_filter_takes_operators_and_words_without_case_or_accents() {
    let mut app = app_with(&[
        ("Chloé Martin", Stage::Dm),
        ("Ben", Stage::Dm),
        ("Cara", Stage::Casual),
    ]);
    std::sync::Arc::make_mut(&mut app.board.contacts[0]).tags = thin_vec::thin_vec!["saas".into()];
    std::sync::Arc::make_mut(&mut app.board.contacts[0])
        .kinds
        .insert(Kind::Prospect);
    std::sync::Arc::make_mut(&mut app.board.contacts[1]).tags = thin_vec::thin_vec!["saas".into()];
    app.refresh();
    run(&mut app, &[Action::Filter]);
    type_text(&mut app, "tag:saas kind:prospect chloe");
    assert_eq!(names(&app, Stage::Dm), ["Chloé Martin"]);
    assert!(names(&app, Stage::Casual).is_empty());
    let text = screen(&app, 120, 40);
    assert!(
        text.contains("Filter: tag:saas kind:prospect chloe"),
        "{text}"
    );
    run(&mut app, &[Action::Submit]);
    let text = screen(&app, 120, 40);
    assert!(text.contains("1 shown"), "{text}");
    run(&mut app, &[Action::Filter, Action::DeleteToStart]);
    type_text(&mut app, "kind:zebra");
    let text = screen(&app, 120, 40);
    assert!(text.contains("kind:zebra is not understood"), "{text}");
}

#[test]
fn a_key_cycles_the_focused_columns_sort() {
    let mut app = app_with(&[("Cy", Stage::Dm), ("ana", Stage::Dm), ("Ben", Stage::Dm)]);
    std::sync::Arc::make_mut(&mut app.board.contacts[0]).next_follow_up =
        Some(app.today - Duration::days(5));
    std::sync::Arc::make_mut(&mut app.board.contacts[2])
        .interactions
        .push(crate::model::Interaction {
            at: now() - Duration::days(1),
            channel: crate::model::Channel::Dm,
            note: None,
            from: Who::Me,
        });
    app.refresh();
    run(&mut app, &[Action::FocusRight]);
    assert_eq!(names(&app, Stage::Dm), ["Cy", "ana", "Ben"]);
    run(&mut app, &[Action::Sort]);
    assert_eq!(
        app.message.as_ref().unwrap().text,
        "Direct messages: most overdue first"
    );
    // Cy overdue 5 days; ana due in 4 (added 3 days ago, cadence 7); Ben in 6.
    assert_eq!(names(&app, Stage::Dm), ["Cy", "ana", "Ben"]);
    run(&mut app, &[Action::Sort]);
    assert_eq!(
        names(&app, Stage::Dm),
        ["Cy", "ana", "Ben"],
        "never contacted first"
    );
    run(&mut app, &[Action::Sort]);
    assert_eq!(names(&app, Stage::Dm), ["ana", "Ben", "Cy"]);
    assert!(screen(&app, 120, 40).contains("sorted: name"));
    // Moving cards up and down is for your own order.
    run(&mut app, &[Action::ReorderDown]);
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("Sorted by name; s cycles back to your order")
    );
    assert_eq!(names(&app, Stage::Dm), ["ana", "Ben", "Cy"]);
    run(&mut app, &[Action::Sort]);
    assert_eq!(names(&app, Stage::Dm), ["Cy", "ana", "Ben"]);
    assert_eq!(app.sort[Stage::Casual.index()], SortBy::Yours, "per column");
}

#[test]
fn a_logged_interaction_is_corrected_or_deleted_from_the_detail_view_and_the_due_date_follows() {
    let mut app = app_with(&[("Ana", Stage::Dm)]);
    let id = app.board.contacts[0].id.clone();
    for (days, note) in [(20, "first"), (2, "latest")] {
        std::sync::Arc::make_mut(&mut app.board.contacts[0])
            .interactions
            .push(crate::model::Interaction {
                at: now() - Duration::days(days),
                channel: crate::model::Channel::Dm,
                note: Some(note.into()),
                from: Who::Me,
            });
    }
    app.refresh();
    let due = |app: &App| {
        app.board
            .get(&id)
            .unwrap()
            .due_date(&app.board.settings, &Local)
    };
    assert_eq!(due(&app), Some(app.today + Duration::days(5)));
    run(
        &mut app,
        &[Action::FocusRight, Action::Open, Action::EditInteraction],
    );
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .starts_with("Select an interaction first: Tab selects one")
    );
    // Select the latest (newest first) and correct its note and day.
    run(
        &mut app,
        &[Action::NextInteraction, Action::EditInteraction],
    );
    assert!(matches!(&app.mode, Mode::Log(f) if f.editing.is_some()));
    assert!(screen(&app, 120, 40).contains("Correct an interaction with Ana"));
    run(&mut app, &[Action::DeleteToStart]);
    type_text(&mut app, "latest, corrected");
    run(&mut app, &[Action::PrevField, Action::DeleteToStart]);
    type_text(&mut app, "-10d");
    let fx = run(&mut app, &[Action::Submit]);
    assert_eq!(fx, vec![Effect::Save]);
    let c = app.board.get(&id).unwrap();
    assert_eq!(c.interactions.len(), 2);
    assert_eq!(c.interactions[1].note.as_deref(), Some("latest, corrected"));
    // Now 10 days ago: dm's 7 days ran out 3 days ago.
    assert_eq!(due(&app), Some(app.today - Duration::days(3)));
    assert!(
        app.message
            .as_ref()
            .unwrap()
            .text
            .contains("due overdue 3d"),
        "{:?}",
        app.message
    );
    // Delete the older one; undo brings it back.
    run(
        &mut app,
        &[Action::NextInteraction, Action::DeleteInteraction],
    );
    assert_eq!(app.board.get(&id).unwrap().interactions.len(), 1);
    run(&mut app, &[Action::Undo]);
    assert_eq!(app.board.get(&id).unwrap().interactions.len(), 2);
    // Esc first drops the selection, then leaves.
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.mode, Mode::Detail);
    assert_eq!(app.interaction_sel, None);
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.mode, Mode::Board);
}

#[test]
fn the_footer_keeps_counting_marks_after_the_message_expires() {
    let mut app = app_with(&[("A", Stage::Casual), ("B", Stage::Casual)]);
    run(&mut app, &[Action::Mark]);
    update(&mut app, Action::Tick, now() + Duration::seconds(60));
    assert!(app.message.is_none());
    assert!(screen(&app, 120, 40).contains("2 contacts · 0 due today · 1 marked"));
}

#[test]
fn a_review_finished_on_a_read_only_board_asks_for_no_save() {
    let mut app = app_with(&[("Ann", Stage::Casual)]);
    app.read_only = Some("the file is read-only (mode 400)".into());
    // Nobody is due: the review ends at once, which would record it as done.
    let fx = run(&mut app, &[Action::Review, Action::Cancel, Action::Cancel]);
    assert!(!fx.contains(&Effect::Save), "{fx:?}");
    assert_eq!(app.generation, 0);
    assert_eq!(app.board.review_streak, 0);
}
