//! The contact form (add/edit), and what every form shares: the focused field's help, an
//! error, and the hints of its keymap (`finish_form`). The small forms are in
//! `small_forms.rs`.

use super::footer::hint_line;
use super::popups::{popup_box, wrapped_rows};
use crate::app::input::TextInput;
use crate::app::{App, FormState, FormTarget, form};
use crate::layout::centered;
use crate::model::{Field, Kind};
use crate::text::{sanitize, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Shows the tail of `text` so that the cursor at display column `cursor` fits in `room`.
pub(super) fn scrolled(text: &str, cursor: usize, room: usize) -> (String, usize) {
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
pub(super) fn input_style(input: &TextInput) -> Style {
    if input.is_selected() {
        Style::new().add_modifier(Modifier::REVERSED)
    } else {
        Style::new()
    }
}

/// The rows under a form's fields: a blank, the help, the error (or a blank), the hints.
pub(super) fn trailer_rows(help: &str, error: Option<&str>, width: u16) -> u16 {
    1 + wrapped_rows(help, width) + error.map_or(1, |e| wrapped_rows(e, width)) + 1
}

/// Which of `n` field rows to show when only part fits above `trailer` rows of an inside
/// `height` rows tall: `(first, count)`, keeping the focused row in view (in the middle
/// where it can be). At least the focused row is always shown.
pub(super) fn visible_rows(n: usize, focus: usize, height: u16, trailer: u16) -> (usize, usize) {
    let room = usize::from(height.saturating_sub(trailer)).max(1);
    if room >= n {
        return (0, n);
    }
    let first = focus.saturating_sub(room / 2).min(n - room);
    (first, room)
}

/// The marker column of a field row: the focus bar, or an arrow where rows are hidden
/// above or below.
pub(super) fn scroll_marker(
    focused: bool,
    row: usize,
    first: usize,
    shown: usize,
    n: usize,
) -> &'static str {
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
pub(super) fn finish_form(
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
