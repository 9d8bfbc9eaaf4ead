//! The help overlay: every binding of every screen, from the live keymap.

use crate::app::App;
use crate::keys::Section;
use crate::layout::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

/// Every binding of every mode, for the help overlay, from the live keymap.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    let t = &app.theme;
    // Every section that has keys worth listing; help, the summary and the numbers panel
    // only close themselves.
    let shown = Section::ALL
        .into_iter()
        .filter(|s| !matches!(s, Section::Help | Section::Summary | Section::Stats));
    let mut lines = Vec::new();
    for (i, section) in shown.enumerate() {
        if i > 0 {
            lines.push(Line::raw(""));
        }
        lines.push(Line::styled(
            section.title().to_string(),
            t.name().add_modifier(Modifier::UNDERLINED),
        ));
        for b in app.keymap.section(section) {
            lines.push(Line::from(vec![
                Span::styled(crate::text::pad(&b.keys_label(), 24), t.key()),
                Span::raw(b.help.clone()),
            ]));
        }
        if section == Section::Filter {
            for (syntax, what) in FILTER_SYNTAX {
                lines.push(Line::from(vec![
                    Span::styled(crate::text::pad(syntax, 24), t.handle()),
                    Span::raw(what),
                ]));
            }
        }
    }
    lines
}

/// What the filter understands, for the help. Parts combine: every one must match.
const FILTER_SYNTAX: [(&str, &str); 11] = [
    ("words", "name, handles, company, tags, notes, log"),
    ("tag:saas", "a tag (its start is enough)"),
    ("kind:prospect", "a kind: customer, prospect, vendor…"),
    ("stage:dm", "a column: casual, dm, phone, meet"),
    ("due  overdue", "due today or earlier; due before today"),
    ("company:acme", "the company"),
    ("met:>2026-01", "met after Jan 2026 (also < and =)"),
    ("last:>30d", "last touch over 30 days ago (d w m y)"),
    ("is:archived", "archived (also is:inbox, is:paused)"),
    ("chloe", "finds Chloé: case, accents ignored"),
    ("bck", "letters of a name, in order: Becky"),
];

const HELP_WIDTH: u16 = 72;

pub(super) fn draw_help(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    // The board file in full: messages name only the file, and this is where to find it.
    // The path in full, over as many lines as it takes.
    let mut lines = vec![Line::styled("Board file (also `rapport path`)", t.dim())];
    let room = usize::from(HELP_WIDTH.min(area.width).saturating_sub(2)).max(1);
    let mut part = String::new();
    for ch in crate::text::sanitize(&app.board_path).chars() {
        if crate::text::width(&part) + unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0)
            > room
        {
            lines.push(Line::raw(std::mem::take(&mut part)));
        }
        part.push(ch);
    }
    lines.push(Line::raw(part));
    lines.push(Line::raw(""));
    lines.extend(help_lines(app));
    let h = (lines.len() as u16 + 2).min(area.height);
    let popup = centered(area, HELP_WIDTH, h);
    super::clear(frame, popup);
    let max_scroll = (lines.len() as u16 + 2).saturating_sub(popup.height);
    let scroll = app.help_scroll.min(max_scroll);
    // The keys to close, and to scroll while there is more below.
    let hints: Vec<String> = app
        .keymap
        .hints(Section::Help)
        .into_iter()
        .filter(|(_, h)| scroll < max_scroll || h != "scroll")
        .map(|(k, h)| format!("{k} {h}"))
        .collect();
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(t.border(true))
                .title(Span::styled(" Keys ", t.title(true)))
                .title_bottom(
                    Line::styled(format!(" {} ", hints.join(" · ")), t.dim()).right_aligned(),
                ),
        ),
        popup,
    );
}
