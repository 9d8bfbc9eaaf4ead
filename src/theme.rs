//! Colours and emphasis. Everything that colour says is also said in text or by a
//! modifier, so the board reads the same with `NO_COLOR` or the `plain` theme.

use ratatui::style::{Color, Modifier, Style};
use std::collections::BTreeMap;

/// The colour of each element the theme paints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    pub accent: Color,
    pub dim: Color,
    pub handle: Color,
    pub badge: Color,
    pub overdue: Color,
    pub due_today: Color,
    /// The selected card's background; `Reset` selects by reversing instead.
    pub selected: Color,
    /// The selected card's text: set with the background, so the pair reads the same
    /// whatever the terminal's own colours are.
    pub selected_text: Color,
    pub error: Color,
    pub info: Color,
    pub on: Color,
}

impl Palette {
    pub const DEFAULT: Palette = Palette {
        accent: Color::Cyan,
        dim: Color::DarkGray,
        handle: Color::Cyan,
        badge: Color::Magenta,
        overdue: Color::Red,
        due_today: Color::Yellow,
        selected: Color::Indexed(236),
        selected_text: Color::Indexed(255),
        error: Color::Red,
        info: Color::Green,
        on: Color::Green,
    };

    /// For a light background: darker colours, and a light selection with dark text.
    pub const LIGHT: Palette = Palette {
        accent: Color::Blue,
        dim: Color::Indexed(243),
        handle: Color::Blue,
        badge: Color::Magenta,
        overdue: Color::Red,
        due_today: Color::Indexed(130),
        selected: Color::Indexed(254),
        selected_text: Color::Indexed(232),
        error: Color::Red,
        info: Color::Indexed(28),
        on: Color::Indexed(28),
    };

    /// Bright colours on the terminal's background, and a reversed selection.
    pub const HIGH_CONTRAST: Palette = Palette {
        accent: Color::LightCyan,
        dim: Color::Gray,
        handle: Color::White,
        badge: Color::LightMagenta,
        overdue: Color::LightRed,
        due_today: Color::LightYellow,
        selected: Color::Reset,
        selected_text: Color::Reset,
        error: Color::LightRed,
        info: Color::LightGreen,
        on: Color::LightGreen,
    };

    pub const ELEMENTS: [&'static str; 11] = [
        "accent",
        "dim",
        "handle",
        "badge",
        "overdue",
        "due_today",
        "selected",
        "selected_text",
        "error",
        "info",
        "on",
    ];

    fn slot(&mut self, name: &str) -> Option<&mut Color> {
        Some(match name {
            "accent" => &mut self.accent,
            "dim" => &mut self.dim,
            "handle" => &mut self.handle,
            "badge" => &mut self.badge,
            "overdue" => &mut self.overdue,
            "due_today" => &mut self.due_today,
            "selected" => &mut self.selected,
            "selected_text" => &mut self.selected_text,
            "error" => &mut self.error,
            "info" => &mut self.info,
            "on" => &mut self.on,
            _ => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub colour: bool,
    pub palette: Palette,
}

impl Default for Theme {
    fn default() -> Self {
        Theme {
            colour: true,
            palette: Palette::DEFAULT,
        }
    }
}

/// Whether `NO_COLOR` asks for no colour (set to anything non-empty; no-color.org).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Whether the terminal says its background is light. Many terminals (rxvt, Konsole, the
/// macOS Terminal with some profiles…) set `COLORFGBG` to "foreground;background" in the
/// 16 standard colours; 7 (white) and 15 (bright white) are light backgrounds. Unknown
/// means dark, the more common case.
pub fn light_background_env() -> bool {
    std::env::var("COLORFGBG").is_ok_and(|v| light_background(&v))
}

fn light_background(colorfgbg: &str) -> bool {
    matches!(
        colorfgbg.rsplit(';').next().map(str::trim),
        Some("7" | "15")
    )
}

impl Theme {
    /// A theme from the config: a preset (`default`, `dark`, `light`, `high-contrast`,
    /// `plain`) and colours per element (names, `#rrggbb` or a 0–255 index). `default`
    /// (or none) is `light` on a terminal whose background is light (`light_background`),
    /// else `dark`. Returns what could not be used.
    pub fn from_config(
        preset: Option<&str>,
        colors: &BTreeMap<String, String>,
        no_color: bool,
        light_background: bool,
    ) -> (Theme, Vec<String>) {
        let mut problems = Vec::new();
        let mut theme = Theme {
            colour: !no_color,
            palette: Palette::DEFAULT,
        };
        match preset.map(str::trim) {
            None | Some("default") if light_background => theme.palette = Palette::LIGHT,
            None | Some("default" | "dark") => {}
            Some("light") => theme.palette = Palette::LIGHT,
            Some("high-contrast") => theme.palette = Palette::HIGH_CONTRAST,
            Some("plain") => theme.colour = false,
            Some(other) => problems.push(format!(
                "theme.preset: there is no theme \"{other}\"; use default, dark, light, high-contrast or plain"
            )),
        }
        for (name, value) in colors {
            let Some(slot) = theme.palette.slot(name) else {
                problems.push(format!(
                    "theme.colors: there is no element \"{name}\"; use one of {}",
                    Palette::ELEMENTS.join(", ")
                ));
                continue;
            };
            match value.parse::<Color>() {
                Ok(c) => *slot = c,
                Err(_) => problems.push(format!(
                    "theme.colors.{name}: \"{value}\" is not a colour (try red, light_blue, #336699 or 236)"
                )),
            }
        }
        (theme, problems)
    }

    fn fg(&self, c: Color) -> Style {
        if self.colour {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn name(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
    pub fn dim(&self) -> Style {
        self.fg(self.palette.dim)
    }
    pub fn handle(&self) -> Style {
        self.fg(self.palette.handle)
    }
    pub fn badge(&self) -> Style {
        self.fg(self.palette.badge)
    }
    pub fn overdue(&self) -> Style {
        self.fg(self.palette.overdue).add_modifier(Modifier::BOLD)
    }
    pub fn due_today(&self) -> Style {
        self.fg(self.palette.due_today).add_modifier(Modifier::BOLD)
    }
    pub fn later(&self) -> Style {
        self.dim()
    }
    pub fn selected(&self) -> Style {
        if self.colour && self.palette.selected != Color::Reset {
            Style::new()
                .bg(self.palette.selected)
                .fg(self.palette.selected_text)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }
    pub fn marker(&self) -> Style {
        self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
    }
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }
    pub fn title(&self, focused: bool) -> Style {
        if focused {
            self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }
    pub fn error(&self) -> Style {
        self.fg(self.palette.error).add_modifier(Modifier::BOLD)
    }
    pub fn info(&self) -> Style {
        self.fg(self.palette.info)
    }
    pub fn key(&self) -> Style {
        self.fg(self.palette.accent).add_modifier(Modifier::BOLD)
    }
    pub fn tab(&self, focused: bool) -> Style {
        if focused {
            self.title(true).add_modifier(Modifier::REVERSED)
        } else {
            self.dim()
        }
    }
    pub fn on(&self) -> Style {
        self.fg(self.palette.on).add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presets_and_colours_from_config() {
        let mut colors = BTreeMap::new();
        colors.insert("overdue".to_string(), "#ff00ff".to_string());
        colors.insert("badge".to_string(), "236".to_string());
        let (t, p) = Theme::from_config(Some("high-contrast"), &colors, false, false);
        assert!(p.is_empty(), "{p:?}");
        assert_eq!(t.palette.overdue, Color::Rgb(255, 0, 255));
        assert_eq!(t.palette.badge, Color::Indexed(236));
        assert_eq!(t.palette.due_today, Color::LightYellow);
        assert_eq!(t.selected(), Style::new().add_modifier(Modifier::REVERSED));
        let (t, _) = Theme::from_config(Some("plain"), &BTreeMap::new(), false, false);
        assert!(!t.colour);
        let (t, _) = Theme::from_config(None, &BTreeMap::new(), true, false);
        assert!(!t.colour, "NO_COLOR wins");
        let mut bad = BTreeMap::new();
        bad.insert("glow".to_string(), "red".to_string());
        bad.insert("error".to_string(), "reddish".to_string());
        let (t, p) = Theme::from_config(Some("neon"), &bad, false, false);
        assert_eq!(p.len(), 3, "{p:?}");
        assert_eq!(t.palette, Palette::DEFAULT);
    }

    #[test]
    fn the_selection_sets_both_colours_and_a_light_background_gets_the_light_theme() {
        let none = BTreeMap::new();
        let (dark, _) = Theme::from_config(None, &none, false, false);
        assert_eq!(dark.palette, Palette::DEFAULT);
        // Text and background together: never the terminal's own text colour on a
        // background chosen for the other kind of terminal.
        let sel = dark.selected();
        assert_eq!(
            (sel.fg, sel.bg),
            (Some(Color::Indexed(255)), Some(Color::Indexed(236)))
        );
        let (light, p) = Theme::from_config(None, &none, false, true);
        assert!(p.is_empty());
        assert_eq!(light.palette, Palette::LIGHT);
        let sel = light.selected();
        assert_eq!(
            (sel.fg, sel.bg),
            (Some(Color::Indexed(232)), Some(Color::Indexed(254)))
        );
        let (t, _) = Theme::from_config(Some("default"), &none, false, true);
        assert_eq!(t.palette, Palette::LIGHT);
        let (t, _) = Theme::from_config(Some("light"), &none, false, false);
        assert_eq!(t.palette, Palette::LIGHT);
        let (t, _) = Theme::from_config(Some("dark"), &none, false, true);
        assert_eq!(t.palette, Palette::DEFAULT, "asked for dark, gets dark");
        assert!(light_background("0;15"));
        assert!(light_background("0;default;7"));
        assert!(!light_background("15;0"));
        assert!(!light_background("default;default"));
        assert!(!light_background(""));
    }
}
