//! Popups: questions (delete? log a touch? quit unsaved?) and the framed box forms use.

use crate::action::Action;
use crate::app::{App, ConfirmKind, Mode, SaveState};
use crate::keys::Section;
use crate::layout::centered;
use crate::text::{sanitize, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// The question the current mode asks.
pub(super) fn draw_question(app: &App, frame: &mut Frame, area: Rect) {
    match &app.mode {
        Mode::Confirm(ConfirmKind::Delete(_, name)) => {
            let text = format!(
                "Delete {}? Its notes and history go with it.",
                sanitize(name)
            );
            draw_confirm(
                app,
                frame,
                area,
                " Delete contact ",
                &text,
                "delete",
                "keep",
            );
        }
        Mode::UnsavedQuit => {
            let reason = match &app.save_state {
                SaveState::Failed(e) => e.clone(),
                _ => String::new(),
            };
            let text = format!(
                "Your latest changes could not be saved to {}: {reason} Quit anyway and lose them?",
                app.board_name
            );
            draw_confirm(
                app,
                frame,
                area,
                " Unsaved changes ",
                &text,
                "quit without saving",
                "stay",
            );
        }
        Mode::Confirm(ConfirmKind::WriteBack) => {
            let text = format!(
                "{} was removed or moved away outside rapport. Write your board back there? If you don't, nothing is saved and quitting leaves it removed.",
                app.board_name
            );
            draw_confirm(
                app,
                frame,
                area,
                " Board file removed ",
                &text,
                "write it back",
                "not now",
            );
        }
        Mode::Confirm(ConfirmKind::LogTouch(_, name)) => {
            let text = format!("Did you reach out to {}? Log a touch now.", sanitize(name));
            draw_confirm(app, frame, area, " Log a touch? ", &text, "log it", "no");
        }
        _ => {}
    }
}

/// A yes/no question; `yes` and `no` say what each answer does ("delete", "keep").
fn draw_confirm(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: &str,
    text: &str,
    yes: &str,
    no: &str,
) {
    let keys = format!(
        "{} · {}",
        app.keymap.say(Section::Confirm, &Action::Yes, yes),
        app.keymap.say(Section::Confirm, &Action::No, no)
    );
    let t = &app.theme;
    // The question wraps; the box grows to show all of it. Word-wrapping (a long path is
    // one word) takes more rows than the width alone says, so count generously.
    let w = if crate::text::width(text) > 120 {
        76
    } else {
        60
    };
    let w = w.min(area.width.saturating_sub(2)).max(10);
    let rows = wrapped_rows(text, w.saturating_sub(14)) + 1;
    let popup = centered(area, w, rows + 4);
    frame.render_widget(Clear, popup);
    let p = Paragraph::new(vec![
        Line::raw(text.to_string()),
        Line::raw(""),
        Line::styled(keys.to_string(), t.key()),
    ])
    .wrap(Wrap { trim: true })
    .block(
        Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(t.error())
            .title(Span::styled(title.to_string(), t.error())),
    );
    frame.render_widget(p, popup);
}

/// Clears `popup`, draws its rounded border and title, and returns the inside (`None`
/// when there is no room inside at all).
pub(super) fn popup_box(app: &App, frame: &mut Frame, popup: Rect, title: &str) -> Option<Rect> {
    let t = &app.theme;
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border(true))
        .title(Span::styled(
            truncate(title, usize::from(popup.width.saturating_sub(2))).into_owned(),
            t.title(true),
        ));
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    (inner.width > 0 && inner.height > 0).then_some(inner)
}

/// How many rows `text` takes when wrapped at `cols` (roughly: by display width).
pub(super) fn wrapped_rows(text: &str, cols: u16) -> u16 {
    let w = usize::from(cols.max(1));
    (crate::text::width(text).div_ceil(w)).max(1) as u16
}
