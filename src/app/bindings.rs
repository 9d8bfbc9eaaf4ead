//! The live keymap: the default tables with the user's overrides laid over them. Keys are
//! looked up here, and the footer hints and the help overlay are drawn from here, so what
//! they say is always what the keys do.

use super::keymap::{self, Binding, Key, key_label};
use super::{Action, Mode};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// A group of bindings: one per mode, plus the keys shared by text fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Board,
    Review,
    Detail,
    Form,
    Log,
    Prompt,
    Notes,
    Filter,
    Text,
    Confirm,
    Help,
    Summary,
    Stats,
}

impl Section {
    pub const ALL: [Section; 13] = [
        Section::Board,
        Section::Review,
        Section::Detail,
        Section::Form,
        Section::Log,
        Section::Prompt,
        Section::Notes,
        Section::Filter,
        Section::Text,
        Section::Confirm,
        Section::Help,
        Section::Summary,
        Section::Stats,
    ];

    /// The name used in the config file.
    pub fn name(self) -> &'static str {
        match self {
            Section::Board => "board",
            Section::Review => "review",
            Section::Detail => "detail",
            Section::Form => "form",
            Section::Log => "log",
            Section::Prompt => "prompt",
            Section::Notes => "notes",
            Section::Filter => "filter",
            Section::Text => "text",
            Section::Confirm => "confirm",
            Section::Help => "help",
            Section::Summary => "summary",
            Section::Stats => "stats",
        }
    }

    /// The heading in the help overlay.
    pub fn title(self) -> &'static str {
        match self {
            Section::Board => "Board",
            Section::Review => "Daily review",
            Section::Detail => "Contact details",
            Section::Form => "Contact form",
            Section::Log => "Log an interaction",
            Section::Prompt => "Follow-up date",
            Section::Notes => "Notes editor",
            Section::Filter => "Filter",
            Section::Text => "Text fields",
            Section::Confirm => "Questions",
            Section::Help => "Help",
            Section::Summary => "Review summary",
            Section::Stats => "Numbers",
        }
    }

    fn defaults(self) -> &'static [Binding] {
        match self {
            Section::Board => keymap::BOARD,
            Section::Review => keymap::REVIEW,
            Section::Detail => keymap::DETAIL,
            Section::Form => keymap::FORM,
            Section::Log => keymap::LOG,
            Section::Prompt => keymap::PROMPT,
            Section::Notes => keymap::NOTES,
            Section::Filter => keymap::FILTER,
            Section::Text => keymap::TEXT,
            Section::Confirm => keymap::CONFIRM,
            Section::Help => keymap::HELP,
            Section::Summary => keymap::SUMMARY,
            Section::Stats => keymap::STATS,
        }
    }

    pub fn for_mode(mode: &Mode) -> Section {
        match mode {
            Mode::Board => Section::Board,
            Mode::Form(_) => Section::Form,
            Mode::Filter => Section::Filter,
            Mode::Confirm(_) | Mode::UnsavedQuit => Section::Confirm,
            Mode::Help => Section::Help,
            Mode::Detail => Section::Detail,
            Mode::Log(_) => Section::Log,
            Mode::FollowUp { .. } => Section::Prompt,
            Mode::Notes(_) => Section::Notes,
            Mode::Review => Section::Review,
            Mode::ReviewSummary => Section::Summary,
            Mode::Stats => Section::Stats,
        }
    }

    /// Whether typing in this section goes into a text field.
    fn takes_text(self) -> bool {
        matches!(
            self,
            Section::Form | Section::Filter | Section::Log | Section::Prompt
        )
    }
}

/// One binding as the live keymap holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub keys: Vec<Key>,
    pub action: Action,
    pub help: &'static str,
    pub hint: Option<&'static str>,
    pub hint_keys: Option<&'static str>,
}

impl Bound {
    /// The keys as help shows them, without the duplicates that exist only for terminals
    /// that report Shift differently.
    pub fn keys_label(&self) -> String {
        keymap::label_keys(&self.keys)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    sections: BTreeMap<Section, Vec<Bound>>,
}

static DEFAULT: LazyLock<Keymap> = LazyLock::new(Keymap::defaults);

impl Default for Keymap {
    fn default() -> Self {
        DEFAULT.clone()
    }
}

fn matches(key: &Key, ev: &KeyEvent) -> bool {
    if key.code != ev.code {
        return false;
    }
    // Terminals disagree on whether an upper-case letter carries SHIFT; accept both.
    let strip = |code: KeyCode, mods: KeyModifiers| match code {
        KeyCode::Char(c) if !c.is_ascii_lowercase() => mods - KeyModifiers::SHIFT,
        _ => mods,
    };
    strip(ev.code, ev.modifiers) == strip(key.code, key.mods)
}

impl Keymap {
    pub fn defaults() -> Keymap {
        let sections = Section::ALL
            .iter()
            .map(|s| {
                let bound = s
                    .defaults()
                    .iter()
                    .map(|b| Bound {
                        keys: b.keys.to_vec(),
                        action: b.action.clone(),
                        help: b.help,
                        hint: b.hint,
                        hint_keys: b.hint_keys,
                    })
                    .collect();
                (*s, bound)
            })
            .collect();
        Keymap { sections }
    }

    /// The shared default keymap.
    pub fn default_ref() -> &'static Keymap {
        &DEFAULT
    }

    pub fn section(&self, s: Section) -> &[Bound] {
        self.sections.get(&s).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Lays the user's overrides over the defaults: `section → action → keys`. Each given
    /// action gets exactly the keys listed. Anything that cannot apply — an unknown section,
    /// action or key name, or a key that would do two things — is reported and left at its
    /// default, so a config mistake never leaves a key dead or ambiguous.
    pub fn with_overrides(
        overrides: &BTreeMap<String, BTreeMap<String, Vec<String>>>,
    ) -> (Keymap, Vec<String>) {
        let mut map = Keymap::defaults();
        let mut problems = Vec::new();
        for (section_name, actions) in overrides {
            let Some(section) = Section::ALL.iter().find(|s| s.name() == section_name) else {
                problems.push(format!(
                    "keys: there is no section \"{section_name}\"; use one of {}",
                    Section::ALL.map(Section::name).join(", ")
                ));
                continue;
            };
            for (action_name, key_names) in actions {
                let place = format!("keys.{section_name}.{action_name}");
                let Ok(action) = ron::from_str::<Action>(action_name) else {
                    problems.push(format!("{place}: there is no action \"{action_name}\""));
                    continue;
                };
                let Some(index) = map
                    .section(*section)
                    .iter()
                    .position(|b| b.action == action)
                else {
                    problems.push(format!(
                        "{place}: \"{action_name}\" is not an action of {section_name}"
                    ));
                    continue;
                };
                let mut keys = Vec::new();
                let mut bad = false;
                for name in key_names {
                    match parse_key(name) {
                        Some(k) => keys.push(k),
                        None => {
                            problems
                                .push(format!("{place}: \"{name}\" is not a key rapport knows"));
                            bad = true;
                        }
                    }
                }
                if bad || keys.is_empty() {
                    if keys.is_empty() && !bad {
                        problems.push(format!("{place}: give at least one key"));
                    }
                    continue;
                }
                if map.section(*section)[index].keys == keys {
                    continue;
                }
                if let Some(clash) = map.clash(*section, index, &keys) {
                    problems.push(format!("{place}: {clash}; kept the default"));
                    continue;
                }
                if let Some(list) = map.sections.get_mut(section) {
                    list[index].keys = keys;
                    list[index].hint_keys = None;
                }
            }
        }
        (map, problems)
    }

    /// A key in `keys` that another binding of the section (or of the text keys, where
    /// typing goes into a field) already uses.
    fn clash(&self, section: Section, index: usize, keys: &[Key]) -> Option<String> {
        let mut others: Vec<&Bound> = self
            .section(section)
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != index)
            .map(|(_, b)| b)
            .collect();
        if section.takes_text() {
            others.extend(self.section(Section::Text));
        }
        if section == Section::Text {
            for s in Section::ALL.iter().filter(|s| s.takes_text()) {
                others.extend(self.section(*s));
            }
        }
        // Upper-case letters match with or without Shift, so compare them that way too.
        let norm = |k: &Key| match k.code {
            KeyCode::Char(c) if !c.is_ascii_lowercase() => (k.code, k.mods - KeyModifiers::SHIFT),
            _ => (k.code, k.mods),
        };
        for k in keys {
            if let Some(b) = others
                .iter()
                .find(|b| b.keys.iter().any(|o| norm(o) == norm(k)))
            {
                return Some(format!("{} already does \"{}\"", key_label(k), b.help));
            }
        }
        None
    }

    /// Turns a key event into an action for the current mode. Releases and repeats of
    /// keys the terminal reports are ignored: only presses count.
    pub fn action_for(&self, mode: &Mode, ev: &KeyEvent) -> Option<Action> {
        if ev.kind != KeyEventKind::Press {
            return None;
        }
        let section = Section::for_mode(mode);
        let find = |s: Section| {
            self.section(s)
                .iter()
                .find(|b| b.keys.iter().any(|k| matches(k, ev)))
                .map(|b| b.action.clone())
        };
        if section == Section::Notes {
            // The notes editor takes every key but its own few.
            return find(section).or_else(|| Some(Action::Editor((*ev).into())));
        }
        if let Some(a) = find(section) {
            return Some(a);
        }
        if section.takes_text() {
            if let Some(a) = find(Section::Text) {
                return Some(a);
            }
            if let KeyCode::Char(c) = ev.code
                && !ev
                    .modifiers
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
            {
                return Some(Action::Input(c));
            }
        }
        None
    }

    /// Footer hints for a mode: ("n", "new"), … in table order.
    pub fn hints(&self, mode: &Mode) -> Vec<(String, &'static str)> {
        self.section(Section::for_mode(mode))
            .iter()
            .filter_map(|b| {
                b.hint.map(|h| {
                    let keys = match b.hint_keys {
                        Some(k) => k.to_string(),
                        None => b.keys.first().map(key_label).unwrap_or_default(),
                    };
                    (keys, h)
                })
            })
            .collect()
    }
}

/// How a key is written in the config; `parse_key` reads it back.
pub fn key_name(key: &Key) -> String {
    let mut s = String::new();
    if key.mods.contains(KeyModifiers::CONTROL) {
        s.push_str("ctrl+");
    }
    if key.mods.contains(KeyModifiers::ALT) {
        s.push_str("alt+");
    }
    if key.mods.contains(KeyModifiers::SHIFT) {
        s.push_str("shift+");
    }
    let base = match key.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::PageUp => "pgup".into(),
        KeyCode::PageDown => "pgdn".into(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::BackTab => "backtab".into(),
        KeyCode::Backspace => "backspace".into(),
        KeyCode::Delete => "delete".into(),
        KeyCode::F(n) => format!("f{n}"),
        other => format!("{other:?}").to_lowercase(),
    };
    s.push_str(&base);
    s
}

/// The whole default keymap in the config's syntax (what `assets/config.ron` holds).
pub fn defaults_as_config() -> String {
    let map = Keymap::defaults();
    let mut out = String::new();
    for section in Section::ALL {
        out.push_str(&format!("        \"{}\": {{\n", section.name()));
        for b in map.section(section) {
            let action = ron::to_string(&b.action).unwrap_or_default();
            let keys: Vec<String> = b
                .keys
                .iter()
                .map(|k| format!("{:?}", key_name(k)))
                .collect();
            out.push_str(&format!(
                "            {:<24} [{}], // {}\n",
                format!("\"{action}\":"),
                keys.join(", "),
                b.help
            ));
        }
        out.push_str("        },\n");
    }
    out
}

/// Reads a key as written in the config: "x", "X", "?", "ctrl+r", "shift+left", "enter",
/// "esc", "space", "pgdn", "f5"…
pub fn parse_key(s: &str) -> Option<Key> {
    let s = s.trim();
    let mut mods = KeyModifiers::NONE;
    let mut rest = s;
    loop {
        let lower = rest.to_ascii_lowercase();
        let (m, len) = if lower.starts_with("ctrl+") {
            (KeyModifiers::CONTROL, 5)
        } else if lower.starts_with("shift+") {
            (KeyModifiers::SHIFT, 6)
        } else if lower.starts_with("alt+") {
            (KeyModifiers::ALT, 4)
        } else {
            break;
        };
        mods |= m;
        rest = &rest[len..];
    }
    let mut chars = rest.chars();
    if let (Some(c), None) = (chars.next(), chars.clone().next()) {
        return Some(Key {
            code: KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) {
                c.to_ascii_lowercase()
            } else {
                c
            }),
            mods,
        });
    }
    let code = match rest.to_ascii_lowercase().as_str() {
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        "enter" | "return" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "backtab" => KeyCode::BackTab,
        "backspace" => KeyCode::Backspace,
        "delete" | "del" => KeyCode::Delete,
        "space" => KeyCode::Char(' '),
        f if f.starts_with('f') => {
            KeyCode::F(f[1..].parse().ok().filter(|n| (1..=24).contains(n))?)
        }
        _ => return None,
    };
    Some(Key { code, mods })
}

#[cfg(test)]
mod tests {
    use super::*;

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

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults_match_the_tables() {
        let m = Keymap::default();
        assert_eq!(
            m.action_for(
                &Mode::Board,
                &press(KeyCode::Char('L'), KeyModifiers::SHIFT)
            ),
            Some(Action::MoveRight)
        );
        assert_eq!(m.hints(&Mode::Board), keymap::hints(&Mode::Board));
    }

    #[test]
    fn an_override_replaces_the_keys_and_the_hint() {
        let (m, problems) = Keymap::with_overrides(&ov("board", "delete", &["x", "ctrl+d"]));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            m.action_for(&Mode::Board, &press(KeyCode::Char('x'), KeyModifiers::NONE)),
            Some(Action::Delete)
        );
        assert_eq!(
            m.action_for(
                &Mode::Board,
                &press(KeyCode::Char('d'), KeyModifiers::CONTROL)
            ),
            Some(Action::Delete)
        );
        assert_eq!(
            m.action_for(&Mode::Board, &press(KeyCode::Char('d'), KeyModifiers::NONE)),
            None
        );
        assert!(m.hints(&Mode::Board).contains(&("x".to_string(), "delete")));
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
            m.action_for(&Mode::Board, &press(KeyCode::Char('d'), KeyModifiers::NONE)),
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

    /// `cargo test print_default_keys -- --ignored --nocapture` prints the keys section of
    /// `assets/config.ron`.
    #[test]
    #[ignore]
    fn print_default_keys() {
        print!("{}", defaults_as_config());
    }

    #[test]
    fn key_names() {
        assert_eq!(
            parse_key("ctrl+R"),
            Some(Key {
                code: KeyCode::Char('r'),
                mods: KeyModifiers::CONTROL
            })
        );
        assert_eq!(
            parse_key("shift+left"),
            Some(Key {
                code: KeyCode::Left,
                mods: KeyModifiers::SHIFT
            })
        );
        assert_eq!(
            parse_key("?"),
            Some(Key {
                code: KeyCode::Char('?'),
                mods: KeyModifiers::NONE
            })
        );
        assert_eq!(parse_key("space").map(|k| k.code), Some(KeyCode::Char(' ')));
        assert_eq!(parse_key("f5").map(|k| k.code), Some(KeyCode::F(5)));
        assert_eq!(parse_key("PgDn").map(|k| k.code), Some(KeyCode::PageDown));
        assert_eq!(parse_key("f99"), None);
        assert_eq!(parse_key("enterprise"), None);
        assert_eq!(parse_key(""), None);
    }
}
