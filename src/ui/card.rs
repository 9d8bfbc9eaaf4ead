//! One contact's card: name and kinds, handle and the balance of touches, last contact and
//! when they are due.

use super::due_style;
use crate::app::App;
use crate::dates::{self, Due};
use crate::model::{Contact, Kind};
use crate::text::{sanitize, truncate, width};
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The recency line of a card: what happened last and when to reach out.
pub fn recency(c: &Contact, app: &App) -> (String, Option<(String, Due)>) {
    let last = match c.last_contact() {
        Some(t) => format!(
            "last {}",
            dates::ago(t.with_timezone(&Local).date_naive(), app.today)
        ),
        None => "not contacted".to_string(),
    };
    let due = c
        .due_date(&app.board.settings, &Local)
        .map(|d| Due::of(d, app.today))
        .map(|d| (d.to_string(), d));
    (last, due)
}

pub(super) fn draw_card(app: &App, frame: &mut Frame, c: &Contact, area: Rect, selected: bool) {
    let t = &app.theme;
    let w = usize::from(area.width.saturating_sub(2));
    let marked = app.marks.contains(&c.id);
    let marker = match (selected, marked) {
        (true, true) => "▌✓",
        (false, true) => "✓ ",
        (true, false) => "▌ ",
        (false, false) => "  ",
    };
    let marker = Span::styled(marker, t.marker());

    let name = sanitize(&c.name);
    // Full kind names where they fit beside the name, short badges otherwise.
    let full: Vec<&str> = c.kinds.iter().map(|k: &Kind| k.label()).collect();
    let short: Vec<&str> = c.kinds.iter().map(|k: &Kind| k.badge()).collect();
    let full = full.join(" ");
    let badges = if width(&name) + width(&full) < w {
        full
    } else {
        short.join(" ")
    };
    // The name keeps at least half the line.
    let badge_room = w.saturating_sub(width(&name).min(w / 2) + 1);
    let badges = truncate(&badges, badge_room).into_owned();
    let name_w = w.saturating_sub(if badges.is_empty() {
        0
    } else {
        width(&badges) + 1
    });
    let name = truncate(&name, name_w).into_owned();
    let gap = w.saturating_sub(width(&name) + width(&badges));
    let line1 = Line::from(vec![
        marker.clone(),
        Span::styled(name, t.name()),
        Span::raw(" ".repeat(gap)),
        Span::styled(badges, t.badge()),
    ]);

    let sub = c
        .handles
        .first()
        .or(c.company.as_ref())
        .or(c.emails.first())
        .map(|s| sanitize(s).into_owned())
        .unwrap_or_default();
    let balance = c.reciprocity().map(|r| {
        let long = r.to_string();
        if width(&sub) + width(&long) < w {
            long
        } else {
            r.short()
        }
    });
    // The balance is shown whole or not at all; the handle gives way to it.
    let line2 = match balance {
        Some(b) if width(&b) + 6 <= w => {
            let sub = truncate(&sub, w.saturating_sub(width(&b) + 1)).into_owned();
            let gap = w.saturating_sub(width(&sub) + width(&b));
            Line::from(vec![
                marker.clone(),
                Span::styled(sub, t.handle()),
                Span::raw(" ".repeat(gap)),
                Span::styled(b, t.due_today()),
            ])
        }
        _ => Line::from(vec![
            marker.clone(),
            Span::styled(truncate(&sub, w).into_owned(), t.handle()),
        ]),
    };

    let (last, due) = recency(c, app);
    // A paused contact says so instead of its due date: it is out of the review till then.
    let due = match c.paused_until {
        Some(p) if p > app.today => Some((
            format!("paused to {}", dates::day_short(p, app.today)),
            Due::Later((p - app.today).num_days()),
        )),
        _ => due,
    };
    let mut spans = vec![marker];
    match due {
        Some((text, d)) => {
            let due_w = width(&text);
            let last_room = w.saturating_sub(due_w + 3);
            if last_room >= 6 {
                spans.push(Span::styled(
                    truncate(&last, last_room).into_owned(),
                    t.dim(),
                ));
                spans.push(Span::styled(" · ", t.dim()));
            }
            spans.push(Span::styled(
                truncate(&text, w).into_owned(),
                due_style(t, d),
            ));
        }
        None => spans.push(Span::styled(truncate(&last, w).into_owned(), t.dim())),
    }
    let line3 = Line::from(spans);

    let mut p = Paragraph::new(vec![line1, line2, line3]);
    if selected {
        p = p.style(t.selected());
    }
    frame.render_widget(p, area);
}
