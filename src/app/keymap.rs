//! The default keymap, one table per mode. The help overlay and the footer hints are
//! generated from these same tables, so they always say what the keys do.

use super::{Action, Mode};
#[cfg(test)]
use ratatui::crossterm::event::KeyEventKind;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, as written in a binding table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

const fn shift(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::SHIFT,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

/// One row of a keymap: the keys, what they do, and how help and hints describe it.
#[derive(Debug, Clone)]
pub struct Binding {
    pub keys: &'static [Key],
    pub action: Action,
    /// A full description for the help overlay.
    pub help: &'static str,
    /// A short word for the footer; bindings without one are only in the help.
    pub hint: Option<&'static str>,
    /// How the footer writes the keys, where a pair shares one hint ("H/L move").
    pub hint_keys: Option<&'static str>,
}

const fn b(
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint,
        hint_keys: None,
    }
}

/// A binding whose footer hint names its keys explicitly.
const fn bk(
    keys: &'static [Key],
    action: Action,
    help: &'static str,
    hint_keys: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        help,
        hint: Some(hint),
        hint_keys: Some(hint_keys),
    }
}

pub const BOARD: &[Binding] = &[
    b(
        &[k('h'), code(KeyCode::Left)],
        Action::FocusLeft,
        "focus the previous column",
        None,
    ),
    b(
        &[k('l'), code(KeyCode::Right)],
        Action::FocusRight,
        "focus the next column",
        None,
    ),
    bk(
        &[k('j'), code(KeyCode::Down)],
        Action::Down,
        "select the next card",
        "hjkl",
        "select",
    ),
    b(
        &[k('k'), code(KeyCode::Up)],
        Action::Up,
        "select the previous card",
        None,
    ),
    b(
        &[k('g'), code(KeyCode::Home)],
        Action::Top,
        "select the first card",
        None,
    ),
    b(
        &[k('G'), shift(KeyCode::Char('G')), code(KeyCode::End)],
        Action::Bottom,
        "select the last card",
        None,
    ),
    b(
        &[code(KeyCode::PageUp)],
        Action::PageUp,
        "select a page up",
        None,
    ),
    b(
        &[code(KeyCode::PageDown)],
        Action::PageDown,
        "select a page down",
        None,
    ),
    bk(
        &[
            k('H'),
            shift(KeyCode::Char('H')),
            shift(KeyCode::Left),
            k('<'),
        ],
        Action::MoveLeft,
        "move the card to the previous stage",
        "H/L",
        "move",
    ),
    b(
        &[
            k('L'),
            shift(KeyCode::Char('L')),
            shift(KeyCode::Right),
            k('>'),
        ],
        Action::MoveRight,
        "move the card to the next stage",
        None,
    ),
    b(
        &[k('K'), shift(KeyCode::Char('K')), shift(KeyCode::Up)],
        Action::ReorderUp,
        "move the card up in its column",
        None,
    ),
    b(
        &[k('J'), shift(KeyCode::Char('J')), shift(KeyCode::Down)],
        Action::ReorderDown,
        "move the card down in its column",
        None,
    ),
    b(
        &[code(KeyCode::Enter)],
        Action::Open,
        "open the contact's details",
        Some("details"),
    ),
    b(
        &[k('t')],
        Action::Touch,
        "log a touch now (the stage's channel, from me)",
        Some("touch"),
    ),
    b(
        &[k('T'), shift(KeyCode::Char('T'))],
        Action::LogForm,
        "log an interaction with details",
        None,
    ),
    b(
        &[k('f')],
        Action::FollowUp,
        "set the next follow-up",
        Some("follow-up"),
    ),
    b(
        &[k('o')],
        Action::OpenProfile,
        "open the first handle in the browser",
        None,
    ),
    b(
        &[k('n')],
        Action::New,
        "new contact in this stage",
        Some("new"),
    ),
    b(
        &[k('e')],
        Action::Edit,
        "edit the selected contact",
        Some("edit"),
    ),
    b(
        &[k('d')],
        Action::Delete,
        "delete the selected contact (asks first)",
        Some("delete"),
    ),
    b(
        &[k('u')],
        Action::Undo,
        "undo the last change",
        Some("undo"),
    ),
    b(&[ctrl('r')], Action::Redo, "redo", None),
    b(
        &[k('/')],
        Action::Filter,
        "filter as you type",
        Some("filter"),
    ),
    b(
        &[k('r')],
        Action::Review,
        "start the daily review",
        Some("review"),
    ),
    b(
        &[k('i')],
        Action::Stats,
        "numbers: stages, progress, due",
        None,
    ),
    b(&[k('?')], Action::Help, "show all keys", Some("help")),
    b(
        &[k('q'), ctrl('c')],
        Action::Quit,
        "quit (everything is saved)",
        Some("quit"),
    ),
    b(
        &[code(KeyCode::Esc)],
        Action::Cancel,
        "clear the filter",
        None,
    ),
];

pub const DETAIL: &[Binding] = &[
    b(
        &[code(KeyCode::Esc), k('q'), code(KeyCode::Backspace)],
        Action::Cancel,
        "back to the board",
        Some("back"),
    ),
    b(&[k('t')], Action::Touch, "log a touch now", Some("touch")),
    b(
        &[k('T'), shift(KeyCode::Char('T'))],
        Action::LogForm,
        "log an interaction with details",
        Some("log"),
    ),
    b(
        &[k('f')],
        Action::FollowUp,
        "set the next follow-up",
        Some("follow-up"),
    ),
    b(&[k('e')], Action::Edit, "edit the contact", Some("edit")),
    b(
        &[k('n')],
        Action::EditNotes,
        "edit the notes here",
        Some("notes"),
    ),
    b(
        &[k('E'), shift(KeyCode::Char('E'))],
        Action::EditNotesExternally,
        "edit the notes in $EDITOR",
        None,
    ),
    bk(
        &[
            k('H'),
            shift(KeyCode::Char('H')),
            shift(KeyCode::Left),
            k('<'),
        ],
        Action::MoveLeft,
        "move to the previous stage",
        "H/L",
        "move",
    ),
    b(
        &[
            k('L'),
            shift(KeyCode::Char('L')),
            shift(KeyCode::Right),
            k('>'),
        ],
        Action::MoveRight,
        "move to the next stage",
        None,
    ),
    b(
        &[k('o')],
        Action::OpenProfile,
        "open the first handle in the browser",
        Some("open"),
    ),
    b(
        &[k('j'), code(KeyCode::Down)],
        Action::Down,
        "scroll down",
        None,
    ),
    b(&[k('k'), code(KeyCode::Up)], Action::Up, "scroll up", None),
    b(
        &[k('u')],
        Action::Undo,
        "undo the last change",
        Some("undo"),
    ),
    b(&[ctrl('r')], Action::Redo, "redo", None),
    b(&[k('?')], Action::Help, "show all keys", Some("help")),
];

pub const REVIEW: &[Binding] = &[
    b(
        &[k('t')],
        Action::Touch,
        "log a touch and go on",
        Some("touch"),
    ),
    b(
        &[k('T'), shift(KeyCode::Char('T'))],
        Action::LogForm,
        "log with a note and go on",
        Some("note"),
    ),
    b(
        &[k('a')],
        Action::Advance,
        "advance to the next stage and go on",
        Some("advance"),
    ),
    b(
        &[k('s')],
        Action::Snooze,
        "snooze to tomorrow",
        Some("snooze"),
    ),
    b(
        &[k('S'), shift(KeyCode::Char('S')), k('f')],
        Action::FollowUp,
        "pick a follow-up date",
        Some("date"),
    ),
    bk(
        &[k(' '), k('j'), code(KeyCode::Right)],
        Action::Skip,
        "skip for now",
        "Space",
        "skip",
    ),
    b(
        &[k('k'), code(KeyCode::Left)],
        Action::Back,
        "back to the previous one",
        Some("back"),
    ),
    b(&[k('e')], Action::Edit, "edit the contact", None),
    b(
        &[k('o')],
        Action::OpenProfile,
        "open the profile in the browser",
        None,
    ),
    b(
        &[k('u')],
        Action::Undo,
        "undo the last review action",
        Some("undo"),
    ),
    b(&[k('?')], Action::Help, "show all keys", None),
    b(
        &[k('q'), code(KeyCode::Esc), ctrl('c')],
        Action::Cancel,
        "end the review",
        Some("end"),
    ),
];

pub const SUMMARY: &[Binding] = &[b(
    &[k('q'), code(KeyCode::Esc), code(KeyCode::Enter), ctrl('c')],
    Action::Cancel,
    "back to the board",
    Some("board"),
)];

pub const STATS: &[Binding] = &[b(
    &[k('q'), code(KeyCode::Esc), k('i'), code(KeyCode::Enter)],
    Action::Cancel,
    "close",
    Some("close"),
)];

pub const LOG: &[Binding] = &[
    b(
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Action::NextField,
        "next field",
        Some("next field"),
    ),
    b(
        &[
            shift(KeyCode::BackTab),
            code(KeyCode::BackTab),
            shift(KeyCode::Tab),
            code(KeyCode::Up),
        ],
        Action::PrevField,
        "previous field",
        None,
    ),
    b(
        &[code(KeyCode::Enter)],
        Action::Submit,
        "log it",
        Some("log"),
    ),
    b(
        &[code(KeyCode::Esc), ctrl('c')],
        Action::Cancel,
        "cancel",
        Some("cancel"),
    ),
];

pub const PROMPT: &[Binding] = &[
    b(
        &[code(KeyCode::Enter)],
        Action::Submit,
        "set it (empty clears)",
        Some("set"),
    ),
    b(
        &[code(KeyCode::Esc), ctrl('c')],
        Action::Cancel,
        "cancel",
        Some("cancel"),
    ),
];

pub const NOTES: &[Binding] = &[
    b(
        &[code(KeyCode::Esc), ctrl('s')],
        Action::Submit,
        "done: keep the notes",
        Some("done"),
    ),
    b(
        &[ctrl('c')],
        Action::Cancel,
        "discard the changes",
        Some("discard"),
    ),
];

pub const FORM: &[Binding] = &[
    b(
        &[code(KeyCode::Tab), code(KeyCode::Down)],
        Action::NextField,
        "next field",
        Some("next field"),
    ),
    b(
        &[
            shift(KeyCode::BackTab),
            code(KeyCode::BackTab),
            shift(KeyCode::Tab),
            code(KeyCode::Up),
        ],
        Action::PrevField,
        "previous field",
        None,
    ),
    b(
        &[code(KeyCode::Enter)],
        Action::Submit,
        "save the contact",
        Some("save"),
    ),
    b(
        &[code(KeyCode::Esc), ctrl('c')],
        Action::Cancel,
        "cancel",
        Some("cancel"),
    ),
];

pub const FILTER: &[Binding] = &[
    b(
        &[code(KeyCode::Enter)],
        Action::Submit,
        "keep the filter",
        Some("keep"),
    ),
    b(
        &[code(KeyCode::Esc), ctrl('c')],
        Action::Cancel,
        "clear the filter",
        Some("clear"),
    ),
];

pub const CONFIRM: &[Binding] = &[
    b(&[k('y'), k('Y')], Action::Yes, "yes", Some("yes")),
    b(
        &[k('n'), k('N'), code(KeyCode::Esc), ctrl('c'), k('q')],
        Action::No,
        "no",
        Some("no"),
    ),
];

pub const HELP: &[Binding] = &[
    b(
        &[code(KeyCode::Esc), k('?'), k('q'), code(KeyCode::Enter)],
        Action::Cancel,
        "close help",
        Some("close"),
    ),
    b(
        &[k('j'), code(KeyCode::Down)],
        Action::Down,
        "scroll down",
        Some("scroll"),
    ),
    b(&[k('k'), code(KeyCode::Up)], Action::Up, "scroll up", None),
];

/// Keys shared by every text field.
pub const TEXT: &[Binding] = &[
    b(
        &[code(KeyCode::Left)],
        Action::CursorLeft,
        "cursor left",
        None,
    ),
    b(
        &[code(KeyCode::Right)],
        Action::CursorRight,
        "cursor right",
        None,
    ),
    b(
        &[code(KeyCode::Home), ctrl('a')],
        Action::CursorHome,
        "start of the field",
        None,
    ),
    b(
        &[code(KeyCode::End), ctrl('e')],
        Action::CursorEnd,
        "end of the field",
        None,
    ),
    b(
        &[code(KeyCode::Backspace)],
        Action::Backspace,
        "delete before the cursor",
        None,
    ),
    b(
        &[code(KeyCode::Delete)],
        Action::DeleteForward,
        "delete under the cursor",
        None,
    ),
    b(
        &[ctrl('w'), ctrl('h')],
        Action::DeleteWord,
        "delete the word before the cursor",
        None,
    ),
    b(
        &[ctrl('u')],
        Action::DeleteToStart,
        "delete to the start of the field",
        None,
    ),
];

/// Turns a key event into an action with the default keymap (the app uses its live one,
/// `App::keymap`, which carries the user's overrides).
pub fn action_for(mode: &Mode, ev: &KeyEvent) -> Option<Action> {
    super::bindings::Keymap::default_ref().action_for(mode, ev)
}

/// How a key is written in help and hints: "h", "←", "Shift+←", "Ctrl+r".
pub fn key_label(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Down => "↓".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "Shift+Tab".into(),
        KeyCode::Backspace => "Backspace".into(),
        KeyCode::Delete => "Delete".into(),
        other => format!("{other:?}"),
    };
    let is_upper_char = matches!(key.code, KeyCode::Char(c) if !c.is_ascii_lowercase());
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl+{base}")
    } else if key.mods.contains(KeyModifiers::SHIFT)
        && !is_upper_char
        && key.code != KeyCode::BackTab
    {
        format!("Shift+{base}")
    } else {
        base
    }
}

/// The keys of a binding as help shows them, without the duplicates that exist only for
/// terminals that report Shift differently.
pub fn keys_label(binding: &Binding) -> String {
    label_keys(binding.keys)
}

/// Keys joined for help, without the duplicates that exist only for terminals that report
/// Shift differently.
pub fn label_keys(keys: &[Key]) -> String {
    let mut labels: Vec<String> = Vec::new();
    for key in keys {
        let l = key_label(key);
        if !labels.contains(&l) {
            labels.push(l);
        }
    }
    labels.join(" ")
}

/// Footer hints for a mode with the default keymap.
pub fn hints(mode: &Mode) -> Vec<(String, &'static str)> {
    super::bindings::Keymap::default_ref().hints(mode)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::{ConfirmKind, Mode};
    use ratatui::crossterm::event::KeyEventState;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    fn board(code: KeyCode, mods: KeyModifiers) -> Option<Action> {
        action_for(&Mode::Board, &press(code, mods))
    }

    #[test]
    fn every_board_binding_resolves_to_its_action() {
        for binding in BOARD {
            for key in binding.keys {
                assert_eq!(
                    action_for(&Mode::Board, &press(key.code, key.mods)),
                    Some(binding.action.clone()),
                    "{key:?}"
                );
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for t in [
            BOARD, FORM, FILTER, CONFIRM, HELP, TEXT, DETAIL, LOG, PROMPT, NOTES,
        ] {
            let mut seen: Vec<Key> = Vec::new();
            for b in t {
                for key in b.keys {
                    assert!(!seen.contains(key), "{key:?} bound twice");
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
            assert_eq!(action_for(&Mode::Board, &ev), None);
        }
    }

    #[test]
    fn text_modes_take_characters_and_editing_keys() {
        use KeyModifiers as M;
        let m = Mode::Filter;
        assert_eq!(
            action_for(&m, &press(KeyCode::Char('q'), M::NONE)),
            Some(Action::Input('q'))
        );
        assert_eq!(
            action_for(&m, &press(KeyCode::Char('Q'), M::SHIFT)),
            Some(Action::Input('Q'))
        );
        assert_eq!(
            action_for(&m, &press(KeyCode::Char('김'), M::NONE)),
            Some(Action::Input('김'))
        );
        assert_eq!(
            action_for(&m, &press(KeyCode::Char('w'), M::CONTROL)),
            Some(Action::DeleteWord)
        );
        assert_eq!(
            action_for(&m, &press(KeyCode::Char('u'), M::CONTROL)),
            Some(Action::DeleteToStart)
        );
        assert_eq!(
            action_for(&m, &press(KeyCode::Backspace, M::NONE)),
            Some(Action::Backspace)
        );
        assert_eq!(
            action_for(&m, &press(KeyCode::Delete, M::NONE)),
            Some(Action::DeleteForward)
        );
        assert_eq!(
            action_for(&m, &press(KeyCode::Home, M::NONE)),
            Some(Action::CursorHome)
        );
        assert_eq!(
            action_for(&m, &press(KeyCode::Esc, M::NONE)),
            Some(Action::Cancel)
        );
        assert_eq!(
            action_for(&m, &press(KeyCode::Enter, M::NONE)),
            Some(Action::Submit)
        );
        let form = Mode::Form(Box::default());
        assert_eq!(
            action_for(&form, &press(KeyCode::Tab, M::NONE)),
            Some(Action::NextField)
        );
        assert_eq!(
            action_for(&form, &press(KeyCode::BackTab, M::SHIFT)),
            Some(Action::PrevField)
        );
        assert_eq!(
            action_for(&form, &press(KeyCode::Char('n'), M::NONE)),
            Some(Action::Input('n'))
        );
        assert_eq!(action_for(&form, &press(KeyCode::Char('x'), M::ALT)), None);
    }

    #[test]
    fn confirm_takes_y_and_n_only() {
        use KeyModifiers as M;
        let m = Mode::Confirm(ConfirmKind::Delete(
            crate::model::ContactId("x".into()),
            "X".into(),
        ));
        assert_eq!(
            action_for(&m, &press(KeyCode::Char('y'), M::NONE)),
            Some(Action::Yes)
        );
        assert_eq!(
            action_for(&m, &press(KeyCode::Char('n'), M::NONE)),
            Some(Action::No)
        );
        assert_eq!(
            action_for(&m, &press(KeyCode::Esc, M::NONE)),
            Some(Action::No)
        );
        assert_eq!(action_for(&m, &press(KeyCode::Char('d'), M::NONE)), None);
    }

    #[test]
    fn labels_read_well() {
        assert_eq!(key_label(&shift(KeyCode::Left)), "Shift+←");
        assert_eq!(key_label(&ctrl('r')), "Ctrl+r");
        assert_eq!(key_label(&shift(KeyCode::Char('G'))), "G");
        let g = BOARD.iter().find(|b| b.action == Action::Bottom).unwrap();
        assert_eq!(keys_label(g), "G End");
        let hints = hints(&Mode::Board);
        assert!(hints.contains(&("n".into(), "new")));
        assert!(hints.contains(&("q".into(), "quit")));
        assert!(hints.contains(&("H/L".into(), "move")));
    }
}
