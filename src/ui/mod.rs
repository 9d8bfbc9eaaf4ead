//! Drawing. `view` reads the app and draws one frame; it never changes state. One file
//! per part of the screen: the board's columns, a card, the footer, the forms, popups,
//! help, the detail view, the review and the numbers panel.

mod board;
mod card;
mod detail;
mod footer;
mod forms;
mod help;
mod lists;
mod popups;
mod review;
mod small_forms;
mod stats;
mod triage;

pub use card::recency;
pub use help::help_lines;

use crate::app::{App, Mode};
use crate::dates::Due;
use crate::layout;
use crate::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::{Paragraph, Wrap};

pub fn view(app: &App, frame: &mut Frame) {
    let area = frame.area();
    let Some(screen) = layout::screen(area, app.focus) else {
        too_small(frame, area);
        return;
    };
    let open = app.detail.as_ref().and_then(|id| app.board.get(id));
    let body = Rect {
        height: area.height.saturating_sub(layout::FOOTER_HEIGHT),
        ..area
    };
    if app.review.as_ref().is_some_and(|r| !r.finished) {
        review::draw(app, frame, body);
    } else if app.triage.is_some() {
        triage::draw_triage(app, frame, body);
    } else if app.mode == Mode::Archive {
        lists::draw_archive(app, frame, body);
    } else if app.mode == Mode::Agenda {
        lists::draw_agenda(app, frame, body);
    } else if let Some(c) = open {
        let body = Rect {
            height: area.height.saturating_sub(layout::FOOTER_HEIGHT),
            ..area
        };
        detail::draw(app, frame, body, c);
    } else {
        if let Some(tabs) = screen.tabs {
            board::draw_tabs(app, frame, tabs);
        }
        // Titles are chosen for the narrowest column, so all four read alike.
        let narrowest = screen.columns.iter().map(|(_, r)| r.width).min();
        for (stage, rect) in &screen.columns {
            board::draw_column(app, frame, *stage, *rect, narrowest.unwrap_or(rect.width));
        }
        if app.board.contacts.is_empty() {
            board::draw_welcome(app, frame, area);
        }
    }
    footer::draw_footer(app, frame, screen.footer);
    match &app.mode {
        Mode::Form(form) => forms::draw_form(app, frame, area, form),
        Mode::Confirm(_) | Mode::UnsavedQuit => popups::draw_question(app, frame, area),
        Mode::Help => help::draw_help(app, frame, area),
        Mode::Log(form) => small_forms::draw_log(app, frame, area, form),
        Mode::FollowUp {
            name, input, error, ..
        } => small_forms::draw_follow_up(app, frame, area, name, input, error.as_deref()),
        Mode::Notes(editor) => small_forms::draw_notes(app, frame, area, editor),
        Mode::ReviewSummary => review::draw_summary(app, frame, body),
        Mode::Stats => stats::draw(app, frame, body),
        Mode::Prompt(p) => small_forms::draw_prompt(app, frame, area, p),
        Mode::Board
        | Mode::Filter
        | Mode::Detail
        | Mode::Review
        | Mode::Triage
        | Mode::Archive
        | Mode::Agenda => {}
    }
    if let Some(q) = &app.question {
        popups::draw_form_question(app, frame, area, q);
    }
}

/// Clears `area` for a popup. A wide character (CJK, emoji) that starts just left of it
/// would still cover the popup's left border: the terminal draws it two cells wide, and
/// ratatui does not send the cell after a wide one. It is blanked instead.
pub(super) fn clear(frame: &mut Frame, area: Rect) {
    frame.render_widget(ratatui::widgets::Clear, area);
    let Some(left) = area.x.checked_sub(1) else {
        return;
    };
    let buf = frame.buffer_mut();
    for y in area.top()..area.bottom() {
        if let Some(cell) = buf.cell_mut((left, y))
            && crate::text::width(cell.symbol()) > 1
        {
            cell.set_symbol(" ");
        }
    }
}

fn too_small(frame: &mut Frame, area: Rect) {
    let msg = format!(
        "Terminal too small: make it at least {}×{}.",
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    frame.render_widget(Paragraph::new(msg).wrap(Wrap { trim: true }), area);
}

pub(crate) fn due_style(t: &Theme, d: Due) -> Style {
    match d {
        Due::Overdue(_) => t.overdue(),
        Due::Today => t.due_today(),
        Due::Later(_) => t.later(),
    }
}
