//! The small forms: log an interaction, the follow-up prompt, the notes editor and the
//! one-line prompts. Each shows the focused field's help, an error, and the hints of its
//! keymap.

use super::popups::{popup_box, wrapped_rows};
use crate::action::Action;
use crate::app::input::TextInput;
use crate::app::{App, LogField, LogForm, NotesEditor};
use crate::keys::Section;
use crate::layout::centered;
use crate::text::sanitize;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType};

use super::forms::{finish_form, input_style, scroll_marker, scrolled, trailer_rows, visible_rows};

/// One row of a small form: a label, and either fixed spans or an editable text with its
/// cursor column.
struct FormRow {
    label: &'static str,
    spans: Vec<Span<'static>>,
    /// The text, its cursor column, and its style.
    text: Option<(String, usize, Style)>,
}

/// A small form box: title, rows, the focused field's help, an error, and the hints.
struct SmallForm<'a> {
    title: String,
    rows: Vec<FormRow>,
    focus: usize,
    help: &'a str,
    error: Option<&'a str>,
}

/// Draws a small form and places the cursor in the focused text row.
fn draw_small_form(app: &App, frame: &mut Frame, area: Rect, form: SmallForm) {
    let SmallForm {
        title,
        rows,
        focus,
        help,
        error,
    } = form;
    let t = &app.theme;
    let w = 70.min(area.width.saturating_sub(2));
    let inner_w = w.saturating_sub(2);
    // Rows, a blank, the help, the error (or a blank), the hints, and the border.
    let h = rows.len() as u16
        + 4
        + wrapped_rows(help, inner_w)
        + error.map_or(1, |e| wrapped_rows(e, inner_w));
    let Some(inner) = popup_box(app, frame, centered(area, w, h), &title) else {
        return;
    };
    let label_w = 9usize;
    let room = usize::from(inner.width).saturating_sub(label_w + 2);
    let n = rows.len();
    let (first, shown) = visible_rows(
        n,
        focus,
        inner.height,
        trailer_rows(help, error, inner.width),
    );
    let mut lines = Vec::new();
    let mut cursor = None;
    for (
        i,
        FormRow {
            label,
            mut spans,
            text,
        },
    ) in rows.into_iter().enumerate().skip(first).take(shown)
    {
        let focused = i == focus;
        let mut line = vec![
            Span::styled(scroll_marker(focused, i, first, shown, n), t.marker()),
            Span::styled(
                crate::text::pad(label, label_w),
                if focused { t.title(true) } else { t.dim() },
            ),
            Span::raw(" "),
        ];
        if let Some((value, col, style)) = text {
            let at = if focused { col } else { 0 };
            let (shown, c) = scrolled(&value, at, room);
            if focused {
                cursor = Some((label_w + 2 + c, i - first));
            }
            spans = vec![Span::styled(shown, style)];
        }
        line.extend(spans);
        lines.push(Line::from(line));
    }
    finish_form(app, frame, inner, lines, help, error, cursor);
}

pub(super) fn draw_log(app: &App, frame: &mut Frame, area: Rect, form: &LogForm) {
    let t = &app.theme;
    let choice = |on: bool, label: &str| {
        Span::styled(
            format!("{}{label} ", if on { "●" } else { "○" }),
            if on { t.on() } else { t.dim() },
        )
    };
    let channels: Vec<Span> = crate::model::Channel::ALL
        .iter()
        .map(|c| choice(*c == form.channel, c.id()))
        .collect();
    let who = vec![
        choice(form.from == crate::model::Who::Me, "me"),
        choice(form.from == crate::model::Who::Them, "them"),
    ];
    let text = |i: &TextInput| {
        Some((
            sanitize(i.value()).into_owned(),
            i.cursor_column(),
            input_style(i),
        ))
    };
    let row = |label, spans, text| FormRow { label, spans, text };
    let rows = vec![
        row(LogField::Channel.label(), channels, None),
        row(LogField::Who.label(), who, None),
        row(LogField::Date.label(), vec![], text(&form.date)),
        row(LogField::Note.label(), vec![], text(&form.note)),
    ];
    let focus = LogField::ALL
        .iter()
        .position(|f| *f == form.focus)
        .unwrap_or(0);
    let small = SmallForm {
        title: if form.editing.is_some() {
            format!(" Correct an interaction with {} ", sanitize(&form.name))
        } else {
            format!(" Log an interaction with {} ", sanitize(&form.name))
        },
        rows,
        focus,
        help: form.focus.help(),
        error: form.error.as_deref(),
    };
    draw_small_form(app, frame, area, small);
}

pub(super) fn draw_follow_up(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    name: &str,
    input: &TextInput,
    error: Option<&str>,
) {
    let rows = vec![FormRow {
        label: "Date",
        spans: vec![],
        text: Some((
            sanitize(input.value()).into_owned(),
            input.cursor_column(),
            input_style(input),
        )),
    }];
    let small = SmallForm {
        title: format!(" Follow up with {} ", sanitize(name)),
        rows,
        focus: 0,
        help: "YYYY-MM-DD, today, tomorrow, +3d, +2w, +1m, mon…sun, next week; empty clears",
        error,
    };
    draw_small_form(app, frame, area, small);
}

pub(super) fn draw_notes(app: &App, frame: &mut Frame, area: Rect, editor: &NotesEditor) {
    let t = &app.theme;
    let popup = centered(
        area,
        90.min(area.width.saturating_sub(2)),
        30.min(area.height.saturating_sub(2)),
    );
    super::clear(frame, popup);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border(true))
        .title(Span::styled(
            format!(" Notes · {} ", sanitize(&editor.name)),
            t.title(true),
        ))
        .title_bottom(
            Line::styled(
                format!(
                    " {} · {} ",
                    app.keymap.say(Section::Notes, &Action::Submit, "done"),
                    app.keymap.say(Section::Notes, &Action::Cancel, "discard")
                ),
                t.dim(),
            )
            .right_aligned(),
        );
    // The board can change under an open editor (another terminal, a sync tool): say so
    // before the user saves, and what saving will do.
    let block = match app.board.get(&editor.id) {
        None => block.title_bottom(Line::styled(
            " Deleted elsewhere meanwhile: saving brings the contact back ",
            t.error(),
        )),
        Some(c) if c.notes != editor.original => block.title_bottom(Line::styled(
            " Changed elsewhere meanwhile: yours are kept, theirs noted on the contact ",
            t.error(),
        )),
        Some(_) => block,
    };
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    frame.render_widget(&editor.area, inner);
}

/// A one-line prompt: archive reason, pause date, tag, a follow-up for many.
pub(super) fn draw_prompt(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    p: &crate::app::prompt::Prompt,
) {
    let rows = vec![FormRow {
        label: p.kind.label(),
        spans: vec![],
        text: Some((
            sanitize(p.input.value()).into_owned(),
            p.input.cursor_column(),
            input_style(&p.input),
        )),
    }];
    let small = SmallForm {
        title: format!(" {} ", sanitize(&p.kind.title(&p.who))),
        rows,
        focus: 0,
        help: p.kind.help(),
        error: p.error.as_deref(),
    };
    draw_small_form(app, frame, area, small);
}
