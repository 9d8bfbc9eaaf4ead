//! The list screens beside the columns: the archive and the agenda.

use super::due_style;
use crate::app::App;
use crate::dates::{self, Due};
use crate::text::{sanitize, truncate, width};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph};

/// A list under a title, the selected row kept in view.
fn draw_list(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: String,
    rows: Vec<Line<'static>>,
    sel: Option<usize>,
) {
    let t = &app.theme;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border(true))
        .title(Span::styled(title, t.title(true)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let h = usize::from(inner.height);
    let top = match sel {
        Some(s) if s >= h => s + 1 - h,
        _ => 0,
    };
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .skip(top)
        .take(h)
        .map(|(i, l)| {
            if sel == Some(i) {
                l.style(t.selected())
            } else {
                l
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The archive: who was put aside, when and why; restore with a key.
pub fn draw_archive(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let ids = crate::app::archive::archived_ids(app);
    let w = usize::from(area.width.saturating_sub(4));
    let name_w = (w / 3).clamp(8, 30);
    let mut rows = Vec::new();
    for id in &ids {
        let Some(c) = app.board.get(id) else {
            continue;
        };
        let Some(a) = &c.archived else {
            continue;
        };
        let day = a.at.with_timezone(&chrono::Local).date_naive();
        let name = truncate(&sanitize(&c.name), name_w).into_owned();
        let pad = name_w.saturating_sub(width(&name));
        let reason = if a.reason.is_empty() {
            "no reason given".to_string()
        } else {
            sanitize(&a.reason).into_owned()
        };
        let rest = format!(
            "{:<12} {:<10} {}",
            dates::ago(day, app.today),
            c.stage.short_title(),
            reason
        );
        rows.push(Line::from(vec![
            Span::styled(format!(" {name}{} ", " ".repeat(pad)), t.name()),
            Span::styled(
                truncate(&rest, w.saturating_sub(name_w + 2)).into_owned(),
                t.dim(),
            ),
        ]));
    }
    let title = format!(" Archive · {} ", ids.len());
    if rows.is_empty() {
        rows.push(Line::styled(
            " Nobody is archived. Archive a card from the board when a relationship ends or waits; it keeps its history here.",
            t.dim(),
        ));
        return draw_list(app, frame, area, title, rows, None);
    }
    let sel = app.list_sel.min(rows.len() - 1);
    draw_list(app, frame, area, title, rows, Some(sel));
}

/// The agenda: who is due, day by day, overdue first, with the next step for each.
pub fn draw_agenda(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let days = crate::agenda::agenda(&app.board, app.now, app.today, 7, &chrono::Local);
    let mut rows = Vec::new();
    for day in &days {
        let head = match day.day {
            None => "Overdue".to_string(),
            Some(d) if d == app.today => format!("Today · {}", dates::day_words(d, app.today)),
            Some(d) => dates::day_words(d, app.today),
        };
        rows.push(Line::styled(format!(" {head}"), t.name()));
        for e in &day.entries {
            let Some(c) = app.board.get(&e.id) else {
                continue;
            };
            let due = Due::of(e.due, app.today);
            rows.push(Line::from(vec![
                Span::raw("   "),
                Span::styled(
                    format!("{:<24} ", truncate(&sanitize(&c.name), 24)),
                    t.name(),
                ),
                Span::styled(format!("{:<10} ", c.stage.short_title()), t.dim()),
                Span::styled(format!("{:<14} ", due.to_string()), due_style(t, due)),
                Span::styled(sanitize(&e.next_step).into_owned(), t.info()),
            ]));
        }
    }
    if rows.is_empty() {
        rows.push(Line::styled(" Nobody is due this week.", t.dim()));
    }
    let top = app.list_sel.min(rows.len().saturating_sub(1));
    let rows: Vec<Line> = rows.into_iter().skip(top).collect();
    draw_list(
        app,
        frame,
        area,
        " Agenda · the next 7 days ".to_string(),
        rows,
        None,
    );
}
