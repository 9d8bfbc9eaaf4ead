//! The live keymap: the defaults from `defaults.ron` with the user's overrides laid over
//! them. Keys are looked up here, and the footer, the help overlay and every message that
//! names a key read from here, so what they say is always what the keys do.

use super::key::{Key, key_label, key_name, label_keys, matches, parse_key};
use crate::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

use super::section::Section;

/// One line of `defaults.ron`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DefaultBinding {
    action: Action,
    keys: Vec<String>,
    help: String,
    #[serde(default)]
    hint: Option<String>,
    #[serde(default)]
    hint_with: Vec<Action>,
}

const DEFAULTS: &str = include_str!("defaults.ron");

/// One binding as the live keymap holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    pub keys: Vec<Key>,
    pub action: Action,
    /// A full description for the help overlay.
    pub help: String,
    /// A short word for the footer; bindings without one are only in the help.
    pub hint: Option<String>,
    /// Actions whose first keys share this hint ("H/L move", "hjkl select").
    pub hint_with: Vec<Action>,
}

impl Bound {
    /// The keys as help shows them, without the duplicates that exist only for terminals
    /// that report Shift differently.
    pub fn keys_label(&self) -> String {
        label_keys(&self.keys)
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

/// Reads `defaults.ron`. It is part of the program, not user data: a test proves it parses
/// and every key name in it is known.
pub(super) fn parse_defaults(text: &str) -> Result<Keymap, String> {
    let raw: BTreeMap<Section, Vec<DefaultBinding>> =
        ron::from_str(text).map_err(|e| format!("defaults.ron: {e}"))?;
    let mut sections = BTreeMap::new();
    for (section, list) in raw {
        let mut bound = Vec::new();
        for b in list {
            let keys = b
                .keys
                .iter()
                .map(|k| parse_key(k).ok_or_else(|| format!("defaults.ron: unknown key {k:?}")))
                .collect::<Result<Vec<Key>, String>>()?;
            bound.push(Bound {
                keys,
                action: b.action,
                help: b.help,
                hint: b.hint,
                hint_with: b.hint_with,
            });
        }
        sections.insert(section, bound);
    }
    Ok(Keymap { sections })
}

impl Keymap {
    /// The built-in keymap. Should `defaults.ron` ever fail to parse (a test forbids it),
    /// no key is bound rather than the program stopping.
    pub fn defaults() -> Keymap {
        parse_defaults(DEFAULTS).unwrap_or(Keymap {
            sections: BTreeMap::new(),
        })
    }

    /// The shared default keymap.
    pub fn default_ref() -> &'static Keymap {
        &DEFAULT
    }

    pub fn section(&self, s: Section) -> &[Bound] {
        self.sections.get(&s).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The keys bound to `action` in `section`, as help shows them: "u", "Esc q Backspace".
    pub fn keys_for(&self, section: Section, action: &Action) -> Option<&[Key]> {
        self.section(section)
            .iter()
            .find(|b| &b.action == action)
            .map(|b| b.keys.as_slice())
    }

    /// The first key of `action` in `section`, for a message or a hint: "u", "Ctrl+r".
    /// Empty when the action has no key there.
    pub fn key(&self, section: Section, action: &Action) -> String {
        self.keys_for(section, action)
            .and_then(|k| k.first())
            .map(key_label)
            .unwrap_or_default()
    }

    /// "u undo": the first key of `action` and a word, for messages; only the word when
    /// the action has no key in `section`.
    pub fn say(&self, section: Section, action: &Action, word: &str) -> String {
        match self.key(section, action) {
            k if k.is_empty() => word.to_string(),
            k => format!("{k} {word}"),
        }
    }

    /// Lays the user's overrides over the defaults: `section → action → keys`. Each given
    /// action gets exactly the keys listed. Anything that cannot apply — an unknown section,
    /// action or key name, or a key that would do two things — is reported and left at its
    /// default, so a config mistake never leaves a key dead or ambiguous. Clashes are judged
    /// on the result as a whole, so two actions may trade keys (`undo: ["U"], redo: ["u"]`).
    pub fn with_overrides(
        overrides: &BTreeMap<String, BTreeMap<String, Vec<String>>>,
    ) -> (Keymap, Vec<String>) {
        let mut map = Keymap::defaults();
        let mut problems = Vec::new();
        // (section, index of the binding, where the config says it): what was changed.
        let mut changed: Vec<(Section, usize, String)> = Vec::new();
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
                if let Some(list) = map.sections.get_mut(section) {
                    list[index].keys = keys;
                }
                changed.push((*section, index, place));
            }
        }
        // Every change that clashes with the result goes back to its default. That can
        // make another change clash (it took the key back), so until none does; the
        // defaults never clash among themselves, so this ends.
        loop {
            let clashing: Vec<(usize, String)> = changed
                .iter()
                .enumerate()
                .filter_map(|(i, (section, index, _))| {
                    let keys = &map.section(*section)[*index].keys;
                    map.clash(*section, *index, keys).map(|c| (i, c))
                })
                .collect();
            if clashing.is_empty() {
                break;
            }
            for (i, clash) in clashing.iter().rev() {
                let (section, index, place) = changed.remove(*i);
                problems.push(format!("{place}: {clash}; kept the default"));
                let default = Keymap::default_ref().section(section)[index].keys.clone();
                if let Some(list) = map.sections.get_mut(&section) {
                    list[index].keys = default;
                }
            }
        }
        (map, problems)
    }

    /// Warnings about a keymap that works but may trap the user: a screen whose way out
    /// (quit on the board, cancel elsewhere) has only keys most keyboards lack (F13–F24).
    /// Ctrl+c still leaves every screen (`action_for`), which the warning says.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        for section in Section::ALL {
            let exit = if section == Section::Board {
                Action::Quit
            } else {
                Action::Cancel
            };
            let Some(keys) = self.keys_for(section, &exit) else {
                continue;
            };
            let typable = keys
                .iter()
                .any(|k| !matches!(k.code, KeyCode::F(n) if n > 12));
            if !typable {
                let labels: Vec<String> = keys.iter().map(key_label).collect();
                out.push(format!(
                    "keys.{}.{}: only {} {}, a key most keyboards do not have; Ctrl+c still does",
                    section.name(),
                    ron::to_string(&exit).unwrap_or_default(),
                    labels.join(" and "),
                    if section == Section::Board {
                        "quits"
                    } else {
                        "leaves this screen"
                    }
                ));
            }
        }
        out
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

    /// Turns a key event into an action for a section. Releases and repeats of keys the
    /// terminal reports are ignored: only presses count.
    pub fn action_for(&self, section: Section, ev: &KeyEvent) -> Option<Action> {
        if ev.kind != KeyEventKind::Press {
            return None;
        }
        let find = |s: Section| {
            self.section(s)
                .iter()
                .find(|b| b.keys.iter().any(|k| matches(k, ev)))
                .map(|b| b.action.clone())
        };
        if let Some(a) = find(section) {
            return Some(a);
        }
        // Ctrl+c always gets out, whatever the config did to it: it does what it does by
        // default on this screen, and where it has no default, it cancels (goes back).
        if ev.code == KeyCode::Char('c') && ev.modifiers == KeyModifiers::CONTROL {
            let default = Keymap::default_ref()
                .section(section)
                .iter()
                .find(|b| b.keys.iter().any(|k| matches(k, ev)))
                .map(|b| b.action.clone());
            if let Some(a) = default.or_else(|| {
                self.keys_for(section, &Action::Cancel)
                    .map(|_| Action::Cancel)
            }) {
                return Some(a);
            }
        }
        if section == Section::Notes {
            // The notes editor takes every key but its own few.
            return Some(Action::Editor((*ev).into()));
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

    /// Footer hints for a section, in table order: ("n", "new"), ("H/L", "move")…
    pub fn hints(&self, section: Section) -> Vec<(String, String)> {
        self.section(section)
            .iter()
            .filter_map(|b| {
                let hint = b.hint.as_ref()?;
                let mut labels: Vec<String> = b.keys.first().map(key_label).into_iter().collect();
                labels.extend(
                    b.hint_with
                        .iter()
                        .map(|a| self.key(section, a))
                        .filter(|k| !k.is_empty()),
                );
                // Letters read as one word ("hjkl"); anything longer, or a pair, takes a
                // slash ("H/L", "Ctrl+n/Ctrl+p").
                let keys = if labels.len() > 2 && labels.iter().all(|l| l.chars().count() == 1) {
                    labels.concat()
                } else {
                    labels.join("/")
                };
                Some((keys, hint.clone()))
            })
            .collect()
    }
}

/// The whole default keymap in the config's syntax (what `assets/config.ron` holds; a test
/// keeps the two in step).
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
