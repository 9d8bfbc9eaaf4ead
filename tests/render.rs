#![allow(clippy::unwrap_used)]
//! Render tests: the real app drawn into ratatui's TestBackend, snapshotted with insta.

use chrono::{DateTime, TimeZone, Utc};
use rapport::app::{self, Action, App};
use rapport::model::{Board, Contact, Stage};
use rapport::sample::sample_board;
use rapport::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0).unwrap()
}

fn sample_app(w: u16, h: u16) -> App {
    let board = sample_board(now().date_naive()).unwrap();
    app_for(board, w, h)
}

fn app_for(board: Board, w: u16, h: u16) -> App {
    let mut app = App::new(board, "board.ron", now());
    app::update(
        &mut app,
        Action::Resize {
            width: w,
            height: h,
        },
        now(),
    );
    app
}

fn draw(app: &App, w: u16, h: u16) -> TestBackend {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    t.draw(|f| ui::view(app, f)).unwrap();
    t.backend().clone()
}

fn act(app: &mut App, actions: &[Action]) {
    for a in actions {
        app::update(app, a.clone(), now());
    }
}

#[test]
fn board_120x40() {
    insta::assert_snapshot!(draw(&sample_app(120, 40), 120, 40));
}

#[test]
fn board_80x24() {
    let mut app = sample_app(80, 24);
    act(&mut app, &[Action::FocusRight, Action::Down]);
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn narrow_board_50x20_shows_one_stage_with_tabs() {
    let mut app = sample_app(50, 20);
    act(&mut app, &[Action::FocusRight, Action::FocusRight]);
    let out = draw(&app, 50, 20);
    insta::assert_snapshot!(out);
}

#[test]
fn new_contact_form() {
    let mut app = sample_app(120, 40);
    act(&mut app, &[Action::New]);
    for c in "Zoë 김민준".chars() {
        act(&mut app, &[Action::Input(c)]);
    }
    act(
        &mut app,
        &[
            Action::NextField,
            Action::NextField,
            Action::Input('p'),
            Action::NextField,
        ],
    );
    insta::assert_snapshot!(draw(&app, 120, 40));
}

#[test]
fn form_with_an_error_at_80x24() {
    let mut app = sample_app(80, 24);
    act(&mut app, &[Action::New, Action::Submit]);
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn help_overlay() {
    let mut app = sample_app(120, 40);
    act(&mut app, &[Action::Help]);
    insta::assert_snapshot!(draw(&app, 120, 40));
}

#[test]
fn delete_confirmation() {
    let mut app = sample_app(80, 24);
    act(&mut app, &[Action::Delete]);
    insta::assert_snapshot!(draw(&app, 80, 24));
}

#[test]
fn filter_in_the_footer() {
    let mut app = sample_app(120, 40);
    act(&mut app, &[Action::Filter]);
    for c in "design".chars() {
        act(&mut app, &[Action::Input(c)]);
    }
    insta::assert_snapshot!(draw(&app, 120, 40));
}

#[test]
fn empty_board_says_how_to_start() {
    let app = app_for(Board::default(), 80, 24);
    let out = draw(&app, 80, 24);
    let text = format!("{out}");
    assert!(text.contains("Press n to add"), "{text}");
    assert!(text.contains("rapport --demo"), "{text}");
    assert!(text.contains("rapport import contacts.vcf"), "{text}");
    insta::assert_snapshot!(out);
}

#[test]
fn too_small_says_so() {
    let app = sample_app(20, 5);
    let text = format!("{}", draw(&app, 20, 5));
    assert!(text.contains("Terminal too"), "{text}");
}

#[test]
fn scroll_hints_show_cards_above_and_below() {
    let mut b = Board::default();
    for i in 0..30 {
        b.add(Contact::new(format!("Person {i:02}"), Stage::Casual, now()));
    }
    let mut app = app_for(b, 120, 40);
    for _ in 0..15 {
        act(&mut app, &[Action::Down]);
    }
    let text = format!("{}", draw(&app, 120, 40));
    assert!(text.contains("↑7"), "{text}");
    assert!(text.contains("↓14 more"), "{text}");
    assert!(text.contains("Person 15"));
    assert!(!text.contains("Person 00"));
}

#[test]
fn hostile_and_wide_text_is_cut_by_width_and_made_visible() {
    let mut b = Board::default();
    let mut c = Contact::new(
        "\u{1b}]0;pwned\u{7}김민준😀 a very long name that goes on and on",
        Stage::Casual,
        now(),
    );
    c.handles.push("\u{1b}[2J@wipe".into());
    b.add(c);
    let app = app_for(b, 80, 24);
    let out = draw(&app, 80, 24);
    let text = format!("{out}");
    assert!(text.contains("␛]0;pwned␇"), "{text}");
    for cell in out.buffer().content() {
        assert!(
            !cell.symbol().chars().any(char::is_control),
            "a control character reached the screen: {:?}",
            cell.symbol()
        );
    }
    // The wide name is cut by display width, with an ellipsis, inside its column.
    assert!(text.contains("김민"), "{text}");
}

#[test]
fn every_size_up_to_130x45_renders_without_panic() {
    let base = sample_app(120, 40);
    let modes: [&[Action]; 4] = [&[], &[Action::New], &[Action::Help], &[Action::Delete]];
    for w in 0..=130u16 {
        for h in 0..=45u16 {
            // Every size for the board; the overlays on a coarser grid.
            let overlay_sizes = w % 7 == 0 && h % 5 == 0;
            for (m, actions) in modes.iter().enumerate() {
                if m > 0 && !overlay_sizes {
                    continue;
                }
                let mut app = base.clone();
                app::update(
                    &mut app,
                    Action::Resize {
                        width: w,
                        height: h,
                    },
                    now(),
                );
                act(&mut app, actions);
                let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
                t.draw(|f| ui::view(&app, f)).unwrap();
            }
        }
    }
}

/// A contact with a CJK name, long notes and many interactions.
fn rich_board() -> Board {
    use rapport::model::{Channel, Interaction, Kind, Who};
    let mut b = Board::default();
    let start = now() - chrono::Duration::days(90);
    let mut c = Contact::new("김민준 (Minjun Kim)", Stage::Dm, start);
    c.handles = thin_vec::thin_vec!["@minjun_k".into(), "https://minjun.example".into()];
    c.emails = vec!["minjun@example.com".into()];
    c.company = Some("서울 Robotics".into());
    c.kinds = [Kind::Prospect, Kind::ReferralPartner]
        .into_iter()
        .collect();
    c.tags = thin_vec::thin_vec!["robotics".into(), "seoul".into()];
    c.notes = (1..=30)
        .map(|i| {
            format!("Note line {i}: talked about the pilot, pricing tiers and the Busan office.")
        })
        .collect::<Vec<_>>()
        .join("\n");
    c.set_stage(Stage::Dm, start + chrono::Duration::days(10));
    for i in 0..25 {
        c.interactions.push(Interaction {
            at: start + chrono::Duration::days(i * 3),
            channel: Channel::ALL[(i % 6) as usize],
            note: Some(format!("touch number {i}")),
            from: if i % 3 == 0 { Who::Them } else { Who::Me },
        });
    }
    c.next_follow_up = Some(now().date_naive() + chrono::Duration::days(3));
    b.add(c);
    b
}

fn detail_app(w: u16, h: u16) -> App {
    let mut app = app_for(rich_board(), w, h);
    act(&mut app, &[Action::FocusRight, Action::Open]);
    app
}

#[test]
fn detail_view_120x40() {
    insta::assert_snapshot!(draw(&detail_app(120, 40), 120, 40));
}

#[test]
fn detail_view_60x20_scrolled() {
    let mut app = detail_app(60, 20);
    let top = format!("{}", draw(&app, 60, 20));
    assert!(top.contains("김민준"), "{top}");
    for _ in 0..5 {
        act(&mut app, &[Action::Down]);
    }
    insta::assert_snapshot!(draw(&app, 60, 20));
}

#[test]
fn log_form_and_follow_up_prompt() {
    let mut app = detail_app(80, 24);
    act(&mut app, &[Action::LogForm]);
    insta::assert_snapshot!("log_form", draw(&app, 80, 24));
    act(&mut app, &[Action::Cancel, Action::FollowUp]);
    for c in "soon".chars() {
        act(&mut app, &[Action::Input(c)]);
    }
    act(
        &mut app,
        &[Action::CursorHome, Action::DeleteForward, Action::Submit],
    );
    insta::assert_snapshot!("follow_up_error", draw(&app, 80, 24));
}

fn review_app(w: u16, h: u16) -> App {
    let mut app = sample_app(w, h);
    act(&mut app, &[Action::Review]);
    app
}

#[test]
fn review_card_120x40_and_60x20() {
    let app = review_app(120, 40);
    let text = format!("{}", draw(&app, 120, 40));
    assert!(text.contains("Review 1/6"), "{text}");
    insta::assert_snapshot!("review_card_120x40", draw(&app, 120, 40));
    let mut app = review_app(60, 20);
    // Liam, two calls in: the card suggests meeting.
    act(&mut app, &[Action::Skip]);
    let text = format!("{}", draw(&app, 60, 20));
    assert!(text.contains("meet in person?"), "{text}");
    insta::assert_snapshot!("review_card_60x20", draw(&app, 60, 20));
}

#[test]
fn review_summary_120x40_and_60x20() {
    for (w, h) in [(120, 40), (60, 20)] {
        let mut app = review_app(w, h);
        act(
            &mut app,
            &[
                Action::Touch,
                Action::Snooze,
                Action::Advance,
                Action::Skip,
                Action::Cancel,
            ],
        );
        let text = format!("{}", draw(&app, w, h));
        assert!(text.contains("Reviewed 4 of 6"), "{text}");
        insta::assert_snapshot!(format!("review_summary_{w}x{h}"), draw(&app, w, h));
    }
}

#[test]
fn review_all_caught_up_120x40_and_60x20() {
    for (w, h) in [(120, 40), (60, 20)] {
        let mut board = sample_board(now().date_naive()).unwrap();
        // Everyone was in touch today.
        for c in &mut board.contacts {
            let c = std::sync::Arc::make_mut(c);
            c.next_follow_up = None;
            c.interactions.push(rapport::model::Interaction {
                at: now(),
                channel: rapport::model::Channel::Dm,
                note: None,
                from: rapport::model::Who::Them,
            });
        }
        let mut app = app_for(board, w, h);
        act(&mut app, &[Action::Review]);
        let text = format!("{}", draw(&app, w, h));
        assert!(text.contains("All caught up"), "{text}");
        insta::assert_snapshot!(format!("review_caught_up_{w}x{h}"), draw(&app, w, h));
    }
}

#[test]
fn stats_panel() {
    let mut app = sample_app(120, 40);
    act(&mut app, &[Action::Stats]);
    insta::assert_snapshot!(draw(&app, 120, 40));
}

#[test]
fn huge_and_empty_text_render_in_every_view_without_panic() {
    use rapport::model::{Channel, Interaction, Who};
    let mut b = Board::default();
    let mut huge = Contact::new("N".repeat(100_000) + "😀김\u{1b}[31m", Stage::Casual, now());
    huge.notes = "word ".repeat(20_000) + "\n" + &"\u{202e}x\u{7}".repeat(1000);
    huge.handles = thin_vec::thin_vec!["@".to_string() + &"h".repeat(100_000)];
    for i in 0..5_000 {
        huge.interactions.push(Interaction {
            at: now() - chrono::Duration::minutes(i),
            channel: Channel::Dm,
            note: Some("n".repeat(200)),
            from: if i % 2 == 0 { Who::Me } else { Who::Them },
        });
    }
    b.add(huge);
    // Empty strings wherever the model allows them.
    let mut empty = Contact::new("e", Stage::Casual, now());
    empty.handles = thin_vec::thin_vec![String::new()];
    empty.tags = thin_vec::thin_vec![String::new()];
    empty.company = Some(String::new());
    empty.notes = String::new();
    empty.interactions.push(Interaction {
        at: now(),
        channel: Channel::Other,
        note: Some(String::new()),
        from: Who::Them,
    });
    b.add(empty);
    for (w, h) in [(120, 40), (60, 20), (30, 10)] {
        let mut a = app_for(b.clone(), w, h);
        let screens: [&[Action]; 7] = [
            &[],
            &[Action::Open],
            &[Action::Open, Action::Down, Action::Down],
            &[Action::Edit],
            &[Action::Review],
            &[Action::Open, Action::EditNotes],
            &[Action::Stats],
        ];
        for actions in screens {
            let mut a2 = a.clone();
            act(&mut a2, actions);
            let out = draw(&a2, w, h);
            for cell in out.buffer().content() {
                assert!(!cell.symbol().chars().any(char::is_control));
            }
        }
        act(&mut a, &[Action::Filter, Action::Input('w')]);
        let text = format!("{}", draw(&a, w, h));
        assert!(text.contains("Filter: w"), "{text}");
    }
}

/// The screen's rows as text.
fn rows(backend: &TestBackend) -> Vec<String> {
    let buf = backend.buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn a_remapped_undo_key_shows_in_the_delete_message_and_the_footer_hints() {
    use std::collections::BTreeMap;
    let overrides = BTreeMap::from([(
        "board".to_string(),
        BTreeMap::from([("undo".to_string(), vec!["z".to_string()])]),
    )]);
    let (keymap, problems) = rapport::keys::Keymap::with_overrides(&overrides);
    assert!(problems.is_empty(), "{problems:?}");
    let mut app = sample_app(120, 40);
    app.keymap = keymap;
    let name = app.selected().unwrap().name.clone();
    act(&mut app, &[Action::Delete]);
    let question = rows(&draw(&app, 120, 40)).join("\n");
    assert!(question.contains("y delete · n keep"), "{question}");
    act(&mut app, &[Action::Yes]);
    let screen = rows(&draw(&app, 120, 40));
    let status = &screen[38];
    let hints = &screen[39];
    assert!(
        status.starts_with(&format!("Deleted {name} · z undo")),
        "{status}"
    );
    assert!(hints.contains("z undo"), "{hints}");
    assert!(!hints.contains("u undo"), "{hints}");
    // Undone with the remapped key's action, the message names redo's key.
    act(&mut app, &[Action::Undo]);
    let status = rows(&draw(&app, 120, 40))[38].clone();
    assert!(status.contains("· Ctrl+r redo"), "{status}");
}

#[test]
fn the_footer_says_saving_until_the_latest_change_is_written() {
    let mut app = sample_app(120, 40);
    let status = |app: &App| rows(&draw(app, 120, 40))[38].trim_end().to_string();
    assert!(status(&app).ends_with("saved"), "{}", status(&app));
    act(&mut app, &[Action::MoveRight]);
    assert!(status(&app).ends_with("saving…"), "{}", status(&app));
    let generation = app.generation;
    act(
        &mut app,
        &[Action::Saved {
            generation,
            result: Ok(()),
        }],
    );
    assert!(status(&app).ends_with("saved"), "{}", status(&app));
}

#[test]
fn the_detail_view_shows_values_noted_from_elsewhere() {
    let mut app = sample_app(120, 40);
    let id = app.selected().unwrap().id.clone();
    let i = app.board.index_of(&id).unwrap();
    std::sync::Arc::make_mut(&mut app.board.contacts[i])
        .conflicts
        .push(rapport::model::Conflict {
            field: "notes".into(),
            theirs: "Prefers email".into(),
            at: now(),
        });
    act(&mut app, &[Action::Open]);
    let text = rows(&draw(&app, 120, 40)).join("\n");
    assert!(
        text.contains("Also changed elsewhere (yours kept)"),
        "{text}"
    );
    assert!(
        text.contains("notes, 27 Nov 2026: “Prefers email”"),
        "{text}"
    );
    assert!(text.contains("x dismisses these"), "{text}");
}

#[test]
fn the_unsaved_changes_question_is_shown_whole() {
    let mut app = App::new(
        sample_board(now().date_naive()).unwrap(),
        "/home/someone/a/rather/long/path/to/the/board/of/relationships/board.ron",
        now(),
    );
    act(
        &mut app,
        &[Action::Resize {
            width: 120,
            height: 40,
        }],
    );
    act(&mut app, &[Action::QuitBlocked("the disk is full.".into())]);
    let text = rows(&draw(&app, 120, 40)).join("\n");
    assert!(text.contains("lose them?"), "{text}");
    assert!(text.contains("y quit without saving · n stay"), "{text}");
}

/// The frame as drawn (not as sent to the terminal): what `view` put in each cell.
fn frame_buffer(app: &App, w: u16, h: u16) -> ratatui::buffer::Buffer {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    let frame = t.draw(|f| ui::view(app, f)).unwrap();
    frame.buffer.clone()
}

/// Cells a terminal would never show: something drawn in the cell after a wide character,
/// which covers it (and which ratatui does not even send).
fn hidden_cells(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let mut out = Vec::new();
    for y in 0..buf.area.height {
        for x in 1..buf.area.width {
            let before = buf[(x - 1, y)].symbol();
            let here = buf[(x, y)].symbol();
            if unicode_width::UnicodeWidthStr::width(before) > 1 && !here.trim().is_empty() {
                out.push(format!("({x}, {y}): {here:?} under {before:?}"));
            }
        }
    }
    out
}

/// Text terminals measure differently: it must never reach a cell.
fn invisible_in_cells(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    let bad = [
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{FEFF}', '\u{FE0F}', '\u{2060}', '\u{00AD}',
    ];
    buf.content()
        .iter()
        .filter(|c| c.symbol().contains(bad))
        .map(|c| format!("{:?}", c.symbol()))
        .collect()
}

/// The sample board with wide (CJK, emoji) and zero-width text on every card, at both
/// parities, so some wide character straddles wherever a popup's border falls.
fn wide_board() -> Board {
    let mut b = sample_board(now().date_naive()).unwrap();
    let names = [
        "北京科技北京科技北京科技北京科技",
        "x北京科技北京科技北京科技北京科技",
        "🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀",
        "y🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀🚀",
        "Zero\u{200B}Width\u{200D}Joiner\u{FEFF} ❤\u{FE0F} 北京",
        "김민준김민준김민준김민준김민준김민준",
    ];
    for (i, c) in b.contacts.iter_mut().enumerate() {
        let c = std::sync::Arc::make_mut(c);
        c.name = names[i % names.len()].to_string();
        c.company = Some(names[(i + 1) % names.len()].to_string());
        c.handles = thin_vec::thin_vec![format!("@{}", names[(i + 2) % names.len()])];
        c.notes = names.join("\n");
        c.emails = vec![format!("someone{i}@example.com")];
    }
    b
}

#[test]
fn wide_and_zero_width_text_never_breaks_a_popup_or_a_border() {
    use rapport::model::Field;
    let screens: Vec<(&str, Vec<Action>)> = vec![
        ("board", vec![]),
        ("help", vec![Action::Help]),
        ("numbers", vec![Action::Stats]),
        ("delete", vec![Action::Delete]),
        ("new contact", vec![Action::New]),
        ("edit", vec![Action::Edit]),
        ("log", vec![Action::LogForm]),
        ("follow-up", vec![Action::FollowUp]),
        ("details", vec![Action::Open]),
        ("notes", vec![Action::Open, Action::EditNotes]),
        (
            "discard?",
            vec![Action::New, Action::Input('x'), Action::Cancel],
        ),
        (
            "in the past?",
            vec![
                Action::FollowUp,
                Action::Input('-'),
                Action::Input('2'),
                Action::Input('d'),
                Action::Submit,
            ],
        ),
        ("review", vec![Action::Review]),
        ("review summary", vec![Action::Review, Action::Cancel]),
        (
            "unsaved",
            vec![Action::QuitBlocked("the disk is full.".into())],
        ),
    ];
    for (w, h) in [(80, 24), (120, 40), (100, 30), (61, 21)] {
        for (name, actions) in &screens {
            let mut app = app_for(wide_board(), w, h);
            // Start from a card in the middle of the screen.
            act(&mut app, &[Action::FocusRight, Action::Down]);
            act(&mut app, actions);
            if *name == "edit" {
                // The form's own text is wide too.
                let rapport::app::Mode::Form(f) = &mut app.mode else {
                    panic!("{:?}", app.mode)
                };
                f.set(
                    Field::Company,
                    "北京科技北京科技北京科技北京科技北京科技北京科技",
                );
            }
            let buf = frame_buffer(&app, w, h);
            let hidden = hidden_cells(&buf);
            assert!(
                hidden.is_empty(),
                "{name} at {w}×{h}: {hidden:?}\n{}",
                rows_of(&buf).join("\n")
            );
            let invisible = invisible_in_cells(&buf);
            assert!(invisible.is_empty(), "{name} at {w}×{h}: {invisible:?}");
        }
    }
}

fn rows_of(buf: &ratatui::buffer::Buffer) -> Vec<String> {
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect::<String>()
        })
        .collect()
}

#[test]
fn the_focused_field_is_visible_at_every_size_a_form_opens_in() {
    use rapport::app::LogField;
    use rapport::model::Field;
    for w in [24u16, 30, 40, 52, 64, 80, 100, 130] {
        for h in 8u16..=45 {
            let mut app = sample_app(w, h);
            act(&mut app, &[Action::Edit]);
            for field in Field::ALL {
                let text = rows_of(&frame_buffer(&app, w, h)).join("\n");
                let want = format!("▌{}", field.label());
                assert!(text.contains(&want), "{field:?} at {w}×{h}:\n{text}");
                act(&mut app, &[Action::NextField]);
            }
            act(&mut app, &[Action::Cancel, Action::LogForm]);
            for field in LogField::ALL {
                let text = rows_of(&frame_buffer(&app, w, h)).join("\n");
                let want = format!("▌{}", field.label());
                assert!(text.contains(&want), "{field:?} at {w}×{h}:\n{text}");
                act(&mut app, &[Action::NextField]);
            }
        }
    }
}

#[test]
fn at_40x12_tab_nine_times_shows_the_notes_field_with_arrows_for_the_rest() {
    let mut app = sample_app(40, 12);
    act(&mut app, &[Action::Edit]);
    for _ in 0..9 {
        act(&mut app, &[Action::NextField]);
    }
    let out = draw(&app, 40, 12);
    let text = format!("{out}");
    assert!(text.contains("▌Notes"), "{text}");
    assert!(text.contains("↑"), "rows hidden above are marked: {text}");
    insta::assert_snapshot!(out);
}

#[test]
fn the_unsaved_changes_question_is_whole_at_40x12_and_names_the_file() {
    let path = "/home/someone/a/rather/long/path/to/the/board/of/relationships/board.ron";
    let mut app = App::new(sample_board(now().date_naive()).unwrap(), path, now());
    act(
        &mut app,
        &[Action::Resize {
            width: 40,
            height: 12,
        }],
    );
    let error = format!(
        "Could not save the board to {path}: No space left on device (os error 28). The file on disk is unchanged; check free space and permissions for that folder."
    );
    act(&mut app, &[Action::QuitBlocked(error)]);
    let text = rows(&draw(&app, 40, 12)).join("\n");
    assert!(text.contains("Quit anyway and lose"), "{text}");
    assert!(text.contains("them?"), "{text}");
    assert!(text.contains("y quit without saving"), "{text}");
    assert!(text.contains("n stay"), "{text}");
    assert!(
        !text.contains("/home/someone"),
        "the file's name only: {text}"
    );
    // The footer names the file too; the help has the full path.
    act(&mut app, &[Action::No]);
    let mut big = app.clone();
    act(
        &mut big,
        &[Action::Resize {
            width: 120,
            height: 40,
        }],
    );
    let footer = rows(&draw(&big, 120, 40))[38].clone();
    assert!(
        footer.contains("Could not save the board to board.ron"),
        "{footer}"
    );
    act(&mut big, &[Action::Help]);
    // The popup's inside, row after row: the path is whole, over two lines.
    let inside: String = rows(&draw(&big, 120, 40))
        .iter()
        .filter_map(|r| r.split('│').nth(1).map(|s| s.trim_end().to_string()))
        .collect();
    assert!(inside.contains(path), "{inside}");
}

#[test]
fn a_prefilled_date_shows_selected_and_the_light_theme_keeps_the_selection_readable() {
    use ratatui::style::{Color, Modifier};
    let mut app = sample_app(80, 24);
    act(&mut app, &[Action::LogForm]);
    let buf = frame_buffer(&app, 80, 24);
    let rows = rows_of(&buf);
    let y = rows.iter().position(|r| r.contains("When")).unwrap();
    let x = rows[y].find("today").unwrap();
    let x = rows[y][..x].chars().count() as u16;
    assert!(
        buf[(x, y as u16)].modifier.contains(Modifier::REVERSED),
        "the suggested date is shown selected"
    );
    // The light theme: the selected card is dark text on a light background.
    let (theme, _) =
        rapport::theme::Theme::from_config(Some("light"), &Default::default(), false, false);
    let mut app = sample_app(80, 24);
    app.theme = theme;
    let buf = frame_buffer(&app, 80, 24);
    let rows = rows_of(&buf);
    let name = app.selected().unwrap().name.clone();
    let y = rows.iter().position(|r| r.contains(&name)).unwrap();
    let x = rows[y][..rows[y].find(&name).unwrap()].chars().count() as u16;
    let cell = &buf[(x, y as u16)];
    assert_eq!(cell.bg, Color::Indexed(254), "{cell:?}");
    assert_eq!(cell.fg, Color::Indexed(232), "{cell:?}");
}

/// The sample board with three contacts in the inbox and one archived.
fn life_app(w: u16, h: u16) -> App {
    let mut board = sample_board(now().date_naive()).unwrap();
    for (name, handle) in [
        ("Noor Haddad", "@noorbuilds"),
        ("Tomás Ruiz", "tomas@example.com"),
        ("Zhang Wei", "@zw"),
    ] {
        let mut c = Contact::new(name, Stage::Casual, now() - chrono::Duration::days(2));
        c.handles.push(handle.into());
        c.tags.push("saas-meetup".into());
        board.add_to_inbox(c);
    }
    let first = board.contacts[0].id.clone();
    board.get_mut(&first).unwrap().archived = Some(Box::new(rapport::model::Archived {
        at: now() - chrono::Duration::days(9),
        reason: "moved on".into(),
    }));
    app_for(board, w, h)
}

#[test]
fn triage_screen_at_two_sizes() {
    for (w, h) in [(120, 40), (60, 20)] {
        let mut app = life_app(w, h);
        act(&mut app, &[Action::Triage, Action::KindProspect]);
        let text = format!("{}", draw(&app, w, h));
        assert!(text.contains("Triage 1/3"), "{text}");
        insta::assert_snapshot!(format!("triage_{w}x{h}"), draw(&app, w, h));
    }
}

#[test]
fn archive_view_and_the_inbox_count_in_the_footer() {
    let mut app = life_app(120, 40);
    let text = format!("{}", draw(&app, 120, 40));
    assert!(text.contains("· inbox 3"), "{text}");
    act(&mut app, &[Action::ArchiveView]);
    insta::assert_snapshot!("archive_view", draw(&app, 120, 40));
}

/// On a narrow terminal the footer keeps who is due and who waits in the inbox, and lets
/// the count of contacts go first.
#[test]
fn a_narrow_footer_keeps_due_and_inbox() {
    let app = life_app(40, 12);
    let text = format!("{}", draw(&app, 40, 12));
    let footer = text
        .lines()
        .find(|l| l.contains("due today"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(footer.contains("due today · inbox 3"), "{footer}");
    assert!(!footer.contains("contacts"), "{footer}");
    let wide = format!("{}", draw(&app, 120, 40));
    assert!(wide.contains("contacts · "), "{wide}");
}

/// After an import everyone waits in the inbox: the empty columns say where they are and
/// which key places them.
#[test]
fn empty_columns_point_at_the_inbox() {
    let mut board = Board::default();
    for name in ["Ann Lee", "Bob Ray"] {
        board.add_to_inbox(Contact::new(name, Stage::Casual, now()));
    }
    let app = app_for(board, 120, 40);
    let text = format!("{}", draw(&app, 120, 40));
    // Said once, in the first column; the others are simply empty.
    assert_eq!(text.matches("(I places them)").count(), 1, "{text}");
    assert!(text.contains("no one here yet · 2 wait in"), "{text}");
    assert_eq!(text.matches("no one here yet").count(), 4, "{text}");
}

/// The four column titles are all full names or all short ones, never a mix, at any width.
#[test]
fn column_titles_never_mix_full_and_short_names() {
    for w in 80..=130 {
        let app = sample_app(w, 30);
        let text = format!("{}", draw(&app, w, 30));
        let top = text.lines().next().unwrap();
        let full = [
            "Casual conversations (",
            "Direct messages (",
            "Phone conversations (",
        ]
        .iter()
        .filter(|t| top.contains(*t))
        .count();
        assert!(full == 0 || full == 3, "{w} columns: {top}");
    }
}

#[test]
fn agenda_view() {
    let mut app = sample_app(120, 40);
    act(&mut app, &[Action::Agenda]);
    let text = format!("{}", draw(&app, 120, 40));
    assert!(text.contains("Overdue"), "{text}");
    insta::assert_snapshot!("agenda_view", draw(&app, 120, 40));
}

#[test]
fn marks_pause_and_the_archive_prompt() {
    let mut app = sample_app(120, 40);
    act(&mut app, &[Action::Mark, Action::Mark, Action::Pause]);
    for c in "+3m".chars() {
        app::update(&mut app, Action::Input(c), now());
    }
    insta::assert_snapshot!("pause_prompt_for_marked", draw(&app, 120, 40));
    act(&mut app, &[Action::Submit, Action::Archive]);
    insta::assert_snapshot!("archive_prompt", draw(&app, 120, 40));
}
