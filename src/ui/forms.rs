//! The forms: add/edit a contact, log an interaction, the follow-up prompt and the notes
//! editor. Each shows the focused field's help, an error, and the hints of its keymap.

use super::footer::hint_line;
use super::popups::{popup_box, wrapped_rows};
use crate::action::Action;
use crate::app::input::TextInput;
use crate::app::{App, FormState, FormTarget, LogField, LogForm, NotesEditor, form};
use crate::keys::Section;
use crate::layout::centered;
use crate::model::{Field, Kind};
use crate::text::{sanitize, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

/// Shows the tail of `text` so that the cursor at display column `cursor` fits in `room`.
fn scrolled(text: &str, cursor: usize, room: usize) -> (String, usize) {
    if room == 0 {
        return (String::new(), 0);
    }
    let skip = cursor.saturating_sub(room - 1);
    let mut out = String::new();
    let mut col = 0;
    for ch in text.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(ch).unwrap_or(0);
        if col < skip {
            col += cw;
            continue;
        }
        out.push(ch);
    }
    let shown = truncate(&out, room).into_owned();
    (shown, cursor - skip.min(cursor))
}

pub(super) fn draw_form(app: &App, frame: &mut Frame, area: Rect, form: &FormState) {
    let t = &app.theme;
    let title = match &form.target {
        FormTarget::New(stage) => format!(" New contact · {} ", stage.title()),
        FormTarget::Edit(_) => " Edit contact ".to_string(),
    };
    let w = 76.min(area.width.saturating_sub(2));
    let help = format!("{}: {}", form.focus.label(), form::help(form.focus));
    let h = Field::ALL.len() as u16
        + 4
        + wrapped_rows(&help, w.saturating_sub(2))
        + form
            .error
            .as_deref()
            .map_or(1, |e| wrapped_rows(e, w.saturating_sub(2)));
    let Some(inner) = popup_box(app, frame, centered(area, w, h), &title) else {
        return;
    };
    let label_w = 11usize;
    let room = usize::from(inner.width).saturating_sub(label_w + 2);
    let focus = Field::ALL
        .iter()
        .position(|f| *f == form.focus)
        .unwrap_or(0);
    let (first, shown) = visible_rows(
        Field::ALL.len(),
        focus,
        inner.height,
        trailer_rows(&help, form.error.as_deref(), inner.width),
    );
    let mut lines = Vec::new();
    let mut cursor = None;
    for (row, f) in Field::ALL.iter().enumerate().skip(first).take(shown) {
        let focused = *f == form.focus;
        let marker = scroll_marker(focused, row, first, shown, Field::ALL.len());
        let mut spans = vec![
            Span::styled(marker, t.marker()),
            Span::styled(
                crate::text::pad(f.label(), label_w),
                if focused { t.title(true) } else { t.dim() },
            ),
            Span::raw(" "),
        ];
        match form.input(*f) {
            Some(input) => {
                let shown = sanitize(input.value());
                // Unfocused fields show their start; the focused one follows the cursor.
                let at = if focused { input.cursor_column() } else { 0 };
                let (text, col) = scrolled(&shown, at, room);
                if focused {
                    cursor = Some((label_w + 2 + col, row - first));
                }
                spans.push(Span::styled(text, input_style(input)));
            }
            None => {
                let label = |k: Kind, n: usize| match n {
                    0 => k.label(),
                    1 if k == Kind::ReferralPartner => "referral",
                    1 => k.label(),
                    2 => k.badge(),
                    // The key that toggles it.
                    _ => &k.badge()[..1],
                };
                // The longest labels that fit on one row.
                let n = (0..4)
                    .find(|&n| {
                        Kind::ALL
                            .iter()
                            .map(|k| width(label(*k, n)) + 2)
                            .sum::<usize>()
                            <= room
                    })
                    .unwrap_or(3);
                for k in Kind::ALL {
                    let on = form.kinds.contains(&k);
                    spans.push(Span::styled(
                        format!("{}{} ", if on { "●" } else { "○" }, label(k, n)),
                        if on { t.on() } else { t.dim() },
                    ));
                }
            }
        }
        lines.push(Line::from(spans));
    }
    finish_form(
        app,
        frame,
        inner,
        lines,
        &help,
        form.error.as_deref(),
        cursor,
    );
}

/// A selected (prefilled) value shows reversed, which reads on any background: typing
/// replaces it.
fn input_style(input: &TextInput) -> Style {
    if input.is_selected() {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    }
}

/// The rows under a form's fields: a blank, the help, the error (or a blank), the hints.
fn trailer_rows(help: &str, error: Option<&str>, width: u16) -> u16 {
    1 + wrapped_rows(help, width) + error.map_or(1, |e| wrapped_rows(e, width)) + 1
}

/// Which of `n` field rows to show when only part fits above `trailer` rows of an inside
/// `height` rows tall: `(first, count)`, keeping the focused row in view (in the middle
/// where it can be). At least the focused row is always shown.
fn visible_rows(n: usize, focus: usize, height: u16, trailer: u16) -> (usize, usize) {
    let room = usize::from(height.saturating_sub(trailer)).max(1);
    if room >= n {
        return (0, n);
    }
    let first = focus.saturating_sub(room / 2).min(n - room);
    (first, room)
}

/// The marker column of a field row: the focus bar, or an arrow where rows are hidden
/// above or below.
fn scroll_marker(focused: bool, row: usize, first: usize, shown: usize, n: usize) -> &'static str {
    if focused {
        "▌"
    } else if row == first && first > 0 {
        "↑"
    } else if row + 1 == first + shown && first + shown < n {
        "↓"
    } else {
        " "
    }
}

/// The common end of both forms: the focused field's help, the error (or a blank line), the
/// key hints, and the cursor in the focused text field (`(column, row)` inside `inner`).
fn finish_form(
    app: &App,
    frame: &mut Frame,
    inner: Rect,
    lines: Vec<Line<'static>>,
    help: &str,
    error: Option<&str>,
    cursor: Option<(usize, usize)>,
) {
    let t = &app.theme;
    // The field rows never wrap (a row is a row, so the focused one stays where it was
    // counted to be); what follows them does.
    let fields = u16::try_from(lines.len())
        .unwrap_or(u16::MAX)
        .min(inner.height);
    frame.render_widget(
        Paragraph::new(lines),
        Rect {
            height: fields,
            ..inner
        },
    );
    let rest = vec![
        Line::raw(""),
        Line::styled(help.to_string(), t.dim()),
        match error {
            Some(e) => Line::styled(e.to_string(), t.error()),
            None => Line::raw(""),
        },
        hint_line(
            app,
            app.keymap.hints(app.section()),
            usize::from(inner.width),
        ),
    ];
    let below = Rect {
        y: inner.y + fields,
        height: inner.height - fields,
        ..inner
    };
    frame.render_widget(Paragraph::new(rest).wrap(Wrap { trim: false }), below);
    if let Some((x, y)) = cursor {
        let x = inner.x + (x as u16).min(inner.width.saturating_sub(1));
        let y = inner.y + y as u16;
        if y < inner.y + inner.height {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

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
