//! The footer: the filter being typed, or a message or the board's counts with the save
//! state; and the key hints of the screen in front, from the live keymap.

use crate::action::Action;
use crate::app::{App, Mode, SaveState};
use crate::keys::Section;
use crate::text::{sanitize, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};

pub(super) fn hint_line(app: &App, bindings: Vec<(String, String)>, w: usize) -> Line<'static> {
    let t = &app.theme;
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, (key, hint)) in bindings.into_iter().enumerate() {
        let sep = if i == 0 { "" } else { "  " };
        let need = width(sep) + width(&key) + 1 + width(&hint);
        if used + need > w {
            break;
        }
        used += need;
        spans.push(Span::raw(sep));
        spans.push(Span::styled(key, t.key()));
        spans.push(Span::styled(format!(" {hint}"), t.dim()));
    }
    Line::from(spans)
}

pub(super) fn draw_footer(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let w = usize::from(area.width);
    let status_area = Rect { height: 1, ..area };
    let hints_area = Rect {
        y: area.y + 1,
        height: area.height.saturating_sub(1),
        ..area
    };
    if app.mode == Mode::Filter {
        let prefix = "Filter: ";
        let shown = sanitize(app.filter.value());
        // What the filter finds, or why part of it is not understood, on the right.
        let problems = app.query().problems;
        let right = match problems.first() {
            Some(p) => Span::styled(sanitize(p).into_owned(), t.error()),
            None => Span::styled(format!("{} shown", app.shown()), t.dim()),
        };
        let right_w = width(&right.content).min(w / 2);
        let right = Span::styled(truncate(&right.content, right_w).into_owned(), right.style);
        let text = truncate(&shown, w.saturating_sub(prefix.len() + right_w + 2)).into_owned();
        let gap = w.saturating_sub(prefix.len() + width(&text) + right_w);
        let line = Line::from(vec![
            Span::styled(prefix, t.key()),
            Span::raw(text),
            Span::raw(" ".repeat(gap)),
            right,
        ]);
        frame.render_widget(line, status_area);
        let x = (prefix.len() + app.filter.cursor_column()).min(w.saturating_sub(1));
        frame.set_cursor_position(Position::new(area.x + x as u16, area.y));
    } else {
        let right = match &app.save_state {
            _ if app.read_only.is_some() => Span::styled("READ-ONLY", t.error()),
            SaveState::Saved => Span::styled("saved", t.dim()),
            SaveState::Saving => Span::styled("saving…", t.dim()),
            SaveState::Failed(_) => Span::styled("NOT SAVED", t.error()),
        };
        let right_w = width(&right.content);
        let left_room = w.saturating_sub(right_w + 1);
        let left = match &app.message {
            Some(m) => Span::styled(
                sanitize(&m.text).into_owned(),
                if m.error { t.error() } else { t.info() },
            ),
            None if app.read_only.is_some() => Span::styled(
                format!(
                    "Read-only: {}. Nothing can be changed.",
                    sanitize(app.read_only.as_deref().unwrap_or_default())
                ),
                t.error(),
            ),
            None => {
                let n = app.board.contacts.len();
                let contacts = format!("{n} contact{}", if n == 1 { "" } else { "s" });
                let mut parts = vec![
                    (true, contacts),
                    (false, format!("{} due today", app.due_today())),
                ];
                if !app.marks.is_empty() {
                    parts.push((false, format!("{} marked", app.marks.len())));
                }
                let inbox = app.inbox_count();
                if inbox > 0 {
                    parts.push((false, format!("inbox {inbox}")));
                }
                let streak = crate::due::current_streak(&app.board, app.today);
                if streak > 0 {
                    parts.push((true, format!("streak {streak}d")));
                }
                if !app.filter.value().is_empty() {
                    parts.push((
                        false,
                        format!(
                            "filter: {} · {} shown ({})",
                            sanitize(app.filter.value()),
                            app.shown(),
                            app.keymap.say(Section::Board, &Action::Cancel, "clears")
                        ),
                    ));
                }
                let join = |all: bool| {
                    parts
                        .iter()
                        .filter(|(spare, _)| all || !spare)
                        .map(|(_, p)| p.as_str())
                        .collect::<Vec<_>>()
                        .join(" · ")
                };
                // Where it does not all fit, who is due and who waits in the inbox matter
                // more than the count of contacts and the streak.
                let full = join(true);
                Span::raw(if width(&full) <= left_room {
                    full
                } else {
                    join(false)
                })
            }
        };
        let left_text = truncate(&left.content, left_room).into_owned();
        let gap = w.saturating_sub(width(&left_text) + right_w);
        frame.render_widget(
            Line::from(vec![
                Span::styled(left_text, left.style),
                Span::raw(" ".repeat(gap)),
                right,
            ]),
            status_area,
        );
    }
    let mut hints = app.keymap.hints(app.section());
    // Help and quit matter most when space runs out: they go first if all will not fit.
    let all_w: usize = hints.iter().map(|(k, h)| width(k) + width(h) + 3).sum();
    if all_w > w {
        hints.sort_by_key(|(_, h)| !matches!(h.as_str(), "help" | "quit"));
    }
    frame.render_widget(hint_line(app, hints, w), hints_area);
}
