//! Keymap tests: the defaults, overrides, and how key events resolve.

use super::key::{Key, key_label, key_name, parse_key};
use super::*;
use crate::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyEventState, KeyModifiers};
use std::collections::BTreeMap;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn action_for(section: Section, ev: &KeyEvent) -> Option<Action> {
    Keymap::default_ref().action_for(section, ev)
}

fn board(code: KeyCode, mods: KeyModifiers) -> Option<Action> {
    action_for(Section::Board, &press(code, mods))
}

#[test]
fn every_board_binding_resolves_to_its_action() {
    for binding in Keymap::default_ref().section(Section::Board) {
        for key in &binding.keys {
            assert_eq!(
                action_for(Section::Board, &press(key.code, key.mods)),
                Some(binding.action.clone()),
                "{key:?}"
            );
        }
    }
}

#[test]
fn no_key_is_bound_twice_in_a_mode() {
    for section in Section::ALL {
        let mut seen: Vec<Key> = Vec::new();
        for b in Keymap::default_ref().section(section) {
            for key in &b.keys {
                assert!(!seen.contains(key), "{key:?} bound twice in {section:?}");
                seen.push(*key);
            }
        }
    }
}

#[test]
fn navigation_keys() {
    use KeyModifiers as M;
    assert_eq!(board(KeyCode::Char('h'), M::NONE), Some(Action::FocusLeft));
    assert_eq!(board(KeyCode::Right, M::NONE), Some(Action::FocusRight));
    assert_eq!(board(KeyCode::Char('j'), M::NONE), Some(Action::Down));
    assert_eq!(board(KeyCode::Up, M::NONE), Some(Action::Up));
    assert_eq!(board(KeyCode::Char('g'), M::NONE), Some(Action::Top));
    assert_eq!(board(KeyCode::End, M::NONE), Some(Action::Bottom));
    assert_eq!(board(KeyCode::PageDown, M::NONE), Some(Action::PageDown));
}

#[test]
fn shift_variants_move_and_reorder() {
    use KeyModifiers as M;
    // Upper-case letters with or without a SHIFT flag, as terminals differ.
    assert_eq!(board(KeyCode::Char('L'), M::NONE), Some(Action::MoveRight));
    assert_eq!(board(KeyCode::Char('L'), M::SHIFT), Some(Action::MoveRight));
    assert_eq!(board(KeyCode::Char('H'), M::SHIFT), Some(Action::MoveLeft));
    assert_eq!(board(KeyCode::Right, M::SHIFT), Some(Action::MoveRight));
    assert_eq!(board(KeyCode::Left, M::SHIFT), Some(Action::MoveLeft));
    assert_eq!(board(KeyCode::Char('>'), M::NONE), Some(Action::MoveRight));
    assert_eq!(board(KeyCode::Char('<'), M::NONE), Some(Action::MoveLeft));
    assert_eq!(
        board(KeyCode::Char('J'), M::SHIFT),
        Some(Action::ReorderDown)
    );
    assert_eq!(board(KeyCode::Down, M::SHIFT), Some(Action::ReorderDown));
    assert_eq!(board(KeyCode::Up, M::SHIFT), Some(Action::ReorderUp));
    assert_eq!(board(KeyCode::Char('K'), M::NONE), Some(Action::ReorderUp));
    // Plain arrows still navigate.
    assert_eq!(board(KeyCode::Right, M::NONE), Some(Action::FocusRight));
}

#[test]
fn ctrl_keys() {
    use KeyModifiers as M;
    assert_eq!(board(KeyCode::Char('r'), M::CONTROL), Some(Action::Redo));
    assert_eq!(board(KeyCode::Char('c'), M::CONTROL), Some(Action::Quit));
    assert_eq!(board(KeyCode::Char('u'), M::NONE), Some(Action::Undo));
    // Ctrl+u on the board is not undo.
    assert_eq!(board(KeyCode::Char('u'), M::CONTROL), None);
}

#[test]
fn release_and_repeat_events_are_ignored() {
    for kind in [KeyEventKind::Release, KeyEventKind::Repeat] {
        let ev = KeyEvent {
            code: KeyCode::Char('j'),
            modifiers: KeyModifiers::NONE,
            kind,
            state: KeyEventState::NONE,
        };
        assert_eq!(action_for(Section::Board, &ev), None);
    }
}

#[test]
fn text_modes_take_characters_and_editing_keys() {
    use KeyModifiers as M;
    let m = Section::Filter;
    assert_eq!(
        action_for(m, &press(KeyCode::Char('q'), M::NONE)),
        Some(Action::Input('q'))
    );
    assert_eq!(
        action_for(m, &press(KeyCode::Char('Q'), M::SHIFT)),
        Some(Action::Input('Q'))
    );
    assert_eq!(
        action_for(m, &press(KeyCode::Char('김'), M::NONE)),
        Some(Action::Input('김'))
    );
    assert_eq!(
        action_for(m, &press(KeyCode::Char('w'), M::CONTROL)),
        Some(Action::DeleteWord)
    );
    assert_eq!(
        action_for(m, &press(KeyCode::Char('u'), M::CONTROL)),
        Some(Action::DeleteToStart)
    );
    assert_eq!(
        action_for(m, &press(KeyCode::Backspace, M::NONE)),
        Some(Action::Backspace)
    );
    assert_eq!(
        action_for(m, &press(KeyCode::Delete, M::NONE)),
        Some(Action::DeleteForward)
    );
    assert_eq!(
        action_for(m, &press(KeyCode::Home, M::NONE)),
        Some(Action::CursorHome)
    );
    assert_eq!(
        action_for(m, &press(KeyCode::Esc, M::NONE)),
        Some(Action::Cancel)
    );
    assert_eq!(
        action_for(m, &press(KeyCode::Enter, M::NONE)),
        Some(Action::Submit)
    );
    let form = Section::Form;
    assert_eq!(
        action_for(form, &press(KeyCode::Tab, M::NONE)),
        Some(Action::NextField)
    );
    assert_eq!(
        action_for(form, &press(KeyCode::BackTab, M::SHIFT)),
        Some(Action::PrevField)
    );
    assert_eq!(
        action_for(form, &press(KeyCode::Char('n'), M::NONE)),
        Some(Action::Input('n'))
    );
    assert_eq!(action_for(form, &press(KeyCode::Char('x'), M::ALT)), None);
}

#[test]
fn confirm_takes_y_and_n_only() {
    use KeyModifiers as M;
    let m = Section::Confirm;
    assert_eq!(
        action_for(m, &press(KeyCode::Char('y'), M::NONE)),
        Some(Action::Yes)
    );
    assert_eq!(
        action_for(m, &press(KeyCode::Char('n'), M::NONE)),
        Some(Action::No)
    );
    assert_eq!(
        action_for(m, &press(KeyCode::Esc, M::NONE)),
        Some(Action::No)
    );
    assert_eq!(action_for(m, &press(KeyCode::Char('d'), M::NONE)), None);
}

#[test]
fn labels_read_well() {
    let label = |s: &str| key_label(&parse_key(s).unwrap());
    assert_eq!(label("shift+left"), "Shift+←");
    assert_eq!(label("ctrl+r"), "Ctrl+r");
    assert_eq!(label("shift+G"), "G");
    let map = Keymap::default_ref();
    let g = map
        .section(Section::Board)
        .iter()
        .find(|b| b.action == Action::Bottom)
        .unwrap();
    assert_eq!(g.keys_label(), "G End");
    let hints = map.hints(Section::Board);
    let has = |k: &str, h: &str| hints.contains(&(k.to_string(), h.to_string()));
    assert!(has("n", "new") && has("q", "quit") && has("H/L", "move") && has("hjkl", "select"));
    assert!(
        map.hints(Section::Help)
            .contains(&("j/k".into(), "scroll".into()))
    );
    assert_eq!(map.say(Section::Board, &Action::Undo, "undo"), "u undo");
    assert_eq!(map.say(Section::Board, &Action::Yes, "yes"), "yes");
}

fn ov(
    section: &str,
    action: &str,
    keys: &[&str],
) -> BTreeMap<String, BTreeMap<String, Vec<String>>> {
    let mut inner = BTreeMap::new();
    inner.insert(
        action.to_string(),
        keys.iter().map(|k| k.to_string()).collect(),
    );
    let mut outer = BTreeMap::new();
    outer.insert(section.to_string(), inner);
    outer
}

#[test]
fn defaults_match_the_tables() {
    let m = Keymap::default();
    assert_eq!(
        m.action_for(
            Section::Board,
            &press(KeyCode::Char('L'), KeyModifiers::SHIFT)
        ),
        Some(Action::MoveRight)
    );
    assert_eq!(
        m.hints(Section::Board),
        Keymap::default_ref().hints(Section::Board)
    );
}

#[test]
fn an_override_replaces_the_keys_and_the_hint() {
    let (m, problems) = Keymap::with_overrides(&ov("board", "delete", &["x", "ctrl+d"]));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        m.action_for(
            Section::Board,
            &press(KeyCode::Char('x'), KeyModifiers::NONE)
        ),
        Some(Action::Delete)
    );
    assert_eq!(
        m.action_for(
            Section::Board,
            &press(KeyCode::Char('d'), KeyModifiers::CONTROL)
        ),
        Some(Action::Delete)
    );
    assert_eq!(
        m.action_for(
            Section::Board,
            &press(KeyCode::Char('d'), KeyModifiers::NONE)
        ),
        None
    );
    assert!(
        m.hints(Section::Board)
            .contains(&("x".to_string(), "delete".to_string()))
    );
}

#[test]
fn conflicts_and_mistakes_are_reported_and_defaults_kept() {
    let (m, problems) = Keymap::with_overrides(&ov("board", "delete", &["n"]));
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].contains("keys.board.delete: n already does \"new contact"),
        "{problems:?}"
    );
    assert_eq!(
        m.action_for(
            Section::Board,
            &press(KeyCode::Char('d'), KeyModifiers::NONE)
        ),
        Some(Action::Delete)
    );
    for (o, want) in [
        (ov("bored", "delete", &["x"]), "no section \"bored\""),
        (ov("board", "explode", &["x"]), "no action \"explode\""),
        (ov("board", "submit", &["x"]), "not an action of board"),
        (ov("board", "delete", &["hyper+x"]), "not a key"),
        (ov("board", "delete", &[]), "at least one key"),
        // In a text section, a plain letter would stop typing it: refused.
        (ov("form", "cancel", &["ctrl+w"]), "already does"),
    ] {
        let (_, p) = Keymap::with_overrides(&o);
        assert!(p.len() == 1 && p[0].contains(want), "{want}: {p:?}");
    }
}

#[test]
fn key_names_round_trip() {
    for section in Section::ALL {
        for b in Keymap::default_ref().section(section) {
            for k in &b.keys {
                assert_eq!(parse_key(&key_name(k)), Some(*k), "{k:?}");
            }
        }
    }
}

#[test]
fn hints_follow_a_remapped_key() {
    let (m, problems) = Keymap::with_overrides(&ov("board", "move_right", &["x"]));
    assert!(problems.is_empty(), "{problems:?}");
    assert!(
        m.hints(Section::Board)
            .contains(&("H/x".into(), "move".into()))
    );
}

#[test]
fn the_defaults_parse_and_every_action_appears_once_per_section() {
    let parsed = parse_defaults(DEFAULTS_FOR_TEST).unwrap();
    for section in Section::ALL {
        let list = parsed.section(section);
        assert!(!list.is_empty(), "{section:?} has no keys");
        for (i, b) in list.iter().enumerate() {
            assert!(!b.keys.is_empty(), "{section:?} {:?} has no key", b.action);
            assert!(
                list[i + 1..].iter().all(|o| o.action != b.action),
                "{section:?} {:?} twice",
                b.action
            );
            for w in &b.hint_with {
                assert!(list.iter().any(|o| &o.action == w), "{section:?}: {w:?}");
            }
        }
    }
}

/// assets/config.ron spells out the default keymap; it must say exactly what the keys do.
/// After changing defaults.ron: `cargo test print_default_keys -- --ignored --nocapture`
/// prints the section to paste.
#[test]
fn the_shipped_config_lists_exactly_the_defaults() {
    let shipped = crate::config::DEFAULT_CONFIG;
    let start = shipped.find("    keys: {\n").expect("a keys section") + "    keys: {\n".len();
    let end = shipped[start..].find("\n    },\n").expect("its end") + start + 1;
    assert_eq!(&shipped[start..end], defaults_as_config());
}

#[test]
#[ignore]
fn print_default_keys() {
    print!("{}", defaults_as_config());
}

#[test]
fn two_actions_may_trade_keys_when_the_result_is_consistent() {
    let swap = BTreeMap::from([(
        "board".to_string(),
        BTreeMap::from([
            ("undo".to_string(), vec!["U".to_string()]),
            ("redo".to_string(), vec!["u".to_string()]),
            ("move_left".to_string(), vec!["L".to_string()]),
            ("move_right".to_string(), vec!["H".to_string()]),
        ]),
    )]);
    let (m, problems) = Keymap::with_overrides(&swap);
    assert!(problems.is_empty(), "{problems:?}");
    let key = |c| m.action_for(Section::Board, &press(KeyCode::Char(c), KeyModifiers::NONE));
    assert_eq!(key('u'), Some(Action::Redo));
    assert_eq!(key('U'), Some(Action::Undo));
    assert_eq!(key('L'), Some(Action::MoveLeft));
    assert_eq!(key('H'), Some(Action::MoveRight));
    // Half a swap is still a clash: the change goes back to its default and is reported.
    let half = ov("board", "redo", &["u"]);
    let (m, problems) = Keymap::with_overrides(&half);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("u already does \"undo"),
        "{problems:?}"
    );
    assert_eq!(
        m.action_for(
            Section::Board,
            &press(KeyCode::Char('u'), KeyModifiers::NONE)
        ),
        Some(Action::Undo)
    );
    // A change that clashes only with another rejected change is rejected with it, and
    // nothing is left bound twice.
    let chain = BTreeMap::from([(
        "board".to_string(),
        BTreeMap::from([
            ("undo".to_string(), vec!["n".to_string()]),
            ("redo".to_string(), vec!["u".to_string()]),
        ]),
    )]);
    let (m, problems) = Keymap::with_overrides(&chain);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert_eq!(m, Keymap::default());
}

#[test]
fn ctrl_c_gets_out_of_every_screen_whatever_the_config_says() {
    let no_quit = ov("board", "quit", &["f24"]);
    let (m, problems) = Keymap::with_overrides(&no_quit);
    assert!(problems.is_empty(), "{problems:?}");
    let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(m.action_for(Section::Board, &ctrl_c), Some(Action::Quit));
    let warnings = m.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("keys.board.quit: only F24 quits"),
        "{warnings:?}"
    );
    assert!(warnings[0].contains("Ctrl+c still does"), "{warnings:?}");
    assert!(Keymap::default().warnings().is_empty());
    // Every screen: Ctrl+c quits the board and goes back (or says no) everywhere else.
    for section in Section::ALL.into_iter().filter(|s| *s != Section::Text) {
        let got = Keymap::default_ref().action_for(section, &ctrl_c);
        let want = match section {
            Section::Board => Action::Quit,
            Section::Confirm => Action::No,
            _ => Action::Cancel,
        };
        assert_eq!(got, Some(want), "{section:?}");
    }
    // Bound by the user to something else, Ctrl+c does that.
    let (m, _) = Keymap::with_overrides(&ov("detail", "edit", &["ctrl+c"]));
    assert_eq!(m.action_for(Section::Detail, &ctrl_c), Some(Action::Edit));
    // Taken off the form's cancel, it still cancels.
    let (m, p) = Keymap::with_overrides(&ov("form", "cancel", &["esc"]));
    assert!(p.is_empty(), "{p:?}");
    assert_eq!(m.action_for(Section::Form, &ctrl_c), Some(Action::Cancel));
}
