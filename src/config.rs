//! The user's config: `$XDG_CONFIG_HOME/rapport/config.ron` (or `$RAPPORT_CONFIG`). Key
//! overrides laid over the defaults, and a theme. A broken config never stops rapport: the
//! error names the file, line and column, and the defaults are used.

use crate::keys::Keymap;
use crate::theme::Theme;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The config as it ships, every default written out: `assets/config.ron`.
pub const DEFAULT_CONFIG: &str = include_str!("../assets/config.ron");

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// section → action → keys, e.g. `"board": { "delete": ["x"] }`.
    pub keys: BTreeMap<String, BTreeMap<String, Vec<String>>>,
    pub theme: ThemeConfig,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ThemeConfig {
    pub preset: Option<String>,
    pub colors: BTreeMap<String, String>,
}

/// Where the config is read from.
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RAPPORT_CONFIG").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "rapport").map(|d| d.config_dir().join("config.ron"))
}

/// Parses config text; an error says where.
pub fn parse(text: &str, path: &Path) -> Result<Config, String> {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .from_str::<Config>(text)
        .map_err(|e| {
            format!(
                "{} line {}, column {}: {}",
                path.display(),
                e.span.start.line,
                e.span.start.col,
                e.code
            )
        })
}

/// What the app runs with, and everything in the config that could not be used.
pub struct Loaded {
    pub keymap: Keymap,
    pub theme: Theme,
    /// What could not be used (the defaults apply there).
    pub problems: Vec<String>,
    /// What works but may surprise: a screen left with no key to get out but Ctrl+c.
    pub warnings: Vec<String>,
}

/// Reads the config at `path` (a missing file is no config) and builds the keymap and theme
/// (`light_background`: the terminal's, see `theme::light_background_env`).
pub fn load(path: Option<&Path>, no_color: bool, light_background: bool) -> Loaded {
    let mut problems = Vec::new();
    let read = |p: &Path| {
        crate::store::read_regular(p).and_then(|b| {
            String::from_utf8(b)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
        })
    };
    let config = match path.map(|p| (p, read(p))) {
        None => Config::default(),
        Some((_, Err(e))) if e.kind() == std::io::ErrorKind::NotFound => Config::default(),
        Some((p, Err(e))) => {
            problems.push(format!("could not read {}: {e}", p.display()));
            Config::default()
        }
        Some((p, Ok(text))) => parse(&text, p).unwrap_or_else(|e| {
            problems.push(e);
            Config::default()
        }),
    };
    let (keymap, key_problems) = Keymap::with_overrides(&config.keys);
    let (theme, theme_problems) = Theme::from_config(
        config.theme.preset.as_deref(),
        &config.theme.colors,
        no_color,
        light_background,
    );
    problems.extend(key_problems);
    problems.extend(theme_problems);
    let warnings = keymap.warnings();
    Loaded {
        keymap,
        theme,
        problems,
        warnings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_config_parses_and_changes_nothing() {
        let c = parse(DEFAULT_CONFIG, Path::new("assets/config.ron")).unwrap();
        let (keymap, problems) = Keymap::with_overrides(&c.keys);
        assert!(problems.is_empty(), "{problems:?}");
        // It spells out the defaults: the keymap is the same as none at all.
        assert_eq!(keymap, Keymap::default());
        let (theme, problems) =
            Theme::from_config(c.theme.preset.as_deref(), &c.theme.colors, false, false);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(theme, Theme::default());
    }

    #[test]
    fn a_broken_config_names_the_place_and_falls_back() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.ron");
        std::fs::write(&p, "(\n  keys: {\n    \"board\": { \"delete\": [\"x\" }\n").unwrap();
        let l = load(Some(&p), false, false);
        assert_eq!(l.problems.len(), 1);
        assert!(
            l.problems[0].contains("config.ron line 3"),
            "{:?}",
            l.problems
        );
        assert_eq!(l.keymap, Keymap::default());
        std::fs::write(&p, "(colours: 3)").unwrap();
        assert!(load(Some(&p), false, false).problems[0].contains("colours"));
        assert!(
            load(Some(&dir.path().join("none.ron")), false, false)
                .problems
                .is_empty()
        );
    }
}
