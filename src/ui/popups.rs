//! Popups: questions (delete? log a touch? quit unsaved?) and the framed box forms use.

use crate::action::Action;
use crate::app::{App, ConfirmKind, Mode, Question, SaveState};
use crate::keys::Section;
use crate::layout::centered;
use crate::text::{sanitize, truncate};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

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
    // The question wraps; the box grows to show all of it, as wide as it needs to be (up to
    // 76 columns) and as tall as the wrapped text really is.
    let w = if crate::text::width(text) > 120 {
        76
    } else {
        60
    };
    let w = w.min(area.width.saturating_sub(2)).max(10);
    let p = Paragraph::new(vec![
        Line::raw(text.to_string()),
        Line::raw(""),
        Line::styled(keys.to_string(), t.key()),
    ])
    .wrap(Wrap { trim: true });
    let rows = u16::try_from(p.line_count(w.saturating_sub(2))).unwrap_or(u16::MAX);
    let popup = centered(area, w, rows.saturating_add(2));
    super::clear(frame, popup);
    let p = p.block(
        Block::bordered()
            .border_type(BorderType::Rounded)
            .border_style(t.error())
            .title(Span::styled(title.to_string(), t.error())),
    );
    frame.render_widget(p, popup);
}

/// The question asked over a form (`App::question`).
pub(super) fn draw_form_question(app: &App, frame: &mut Frame, area: Rect, q: &Question) {
    match q {
        Question::Discard => draw_confirm(
            app,
            frame,
            area,
            " Discard? ",
            "Discard your changes?",
            "discard",
            "keep editing",
        ),
        Question::Duplicate { existing, shared } => {
            let text = format!(
                "{} already has {} — add this contact anyway?",
                sanitize(existing),
                sanitize(shared)
            );
            draw_confirm(
                app,
                frame,
                area,
                " Already on the board? ",
                &text,
                "add anyway",
                "go back",
            );
        }
        Question::PastFollowUp(day) => {
            let text = format!(
                "{} is in the past ({}) — set it anyway?",
                crate::dates::day_words(*day, app.today),
                crate::dates::Due::of(*day, app.today)
            );
            draw_confirm(
                app,
                frame,
                area,
                " Follow-up in the past ",
                &text,
                "set it",
                "change it",
            );
        }
    }
}

/// Clears `popup`, draws its rounded border and title, and returns the inside (`None`
/// when there is no room inside at all).
pub(super) fn popup_box(app: &App, frame: &mut Frame, popup: Rect, title: &str) -> Option<Rect> {
    let t = &app.theme;
    super::clear(frame, popup);
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

/// How many rows `text` takes when wrapped at `cols`, as a `Paragraph` wraps it.
pub(super) fn wrapped_rows(text: &str, cols: u16) -> u16 {
    let n = Paragraph::new(text.to_string())
        .wrap(Wrap { trim: false })
        .line_count(cols.max(1));
    u16::try_from(n.max(1)).unwrap_or(u16::MAX)
}
