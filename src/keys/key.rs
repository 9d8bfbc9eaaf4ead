//! A key as rapport names it: parsed from the config ("ctrl+r", "shift+left", "X"),
//! written back, shown to a person ("Ctrl+r", "←"), and matched against terminal events.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// A key with its modifiers, as written in a binding table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub mods: KeyModifiers,
}

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
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    let is_upper_char = matches!(key.code, KeyCode::Char(c) if !c.is_ascii_lowercase());
    let base = if key.mods.contains(KeyModifiers::ALT) {
        format!("Alt+{base}")
    } else {
        base
    };
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

/// Whether a terminal key event is this key.
pub fn matches(key: &Key, ev: &KeyEvent) -> bool {
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
