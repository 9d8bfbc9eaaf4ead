//! Drawing. `view` reads the app and draws one frame; it never changes state.

mod detail;
mod review;

use crate::app::life::{LogField, LogForm, NotesEditor};
use crate::app::{App, ConfirmKind, Field, FormState, FormTarget, Mode, SaveState};
use crate::dates::{self, Due};
use crate::layout::{self, CARD_HEIGHT, CARD_SLOT, centered, column_inner};
use crate::model::{Contact, Kind, Stage};
use crate::text::{sanitize, truncate, width};
use crate::theme::Theme;
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Clear, Paragraph, Wrap};

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
    } else if let Some(c) = open {
        let body = Rect {
            height: area.height.saturating_sub(layout::FOOTER_HEIGHT),
            ..area
        };
        detail::draw(app, frame, body, c);
    } else {
        if let Some(tabs) = screen.tabs {
            draw_tabs(app, frame, tabs);
        }
        for (stage, rect) in &screen.columns {
            draw_column(app, frame, *stage, *rect);
        }
        if app.board.contacts.is_empty() {
            draw_welcome(app, frame, area);
        }
    }
    draw_footer(app, frame, screen.footer);
    match &app.mode {
        Mode::Form(form) => draw_form(app, frame, area, form),
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
                "y delete · n keep",
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
                "y quit without saving · n stay",
            );
        }
        Mode::Confirm(ConfirmKind::LogTouch(_, name)) => {
            let text = format!("Did you reach out to {}? Log a touch now.", sanitize(name));
            draw_confirm(app, frame, area, " Log a touch? ", &text, "y log it · n no");
        }
        Mode::Help => draw_help(app, frame, area),
        Mode::Log(form) => draw_log(app, frame, area, form),
        Mode::FollowUp {
            name, input, error, ..
        } => draw_follow_up(app, frame, area, name, input, error.as_deref()),
        Mode::Notes(editor) => draw_notes(app, frame, area, editor),
        Mode::ReviewSummary => review::draw_summary(app, frame, body),
        Mode::Stats => review::draw_stats(app, frame, body),
        Mode::Board | Mode::Filter | Mode::Detail | Mode::Review => {}
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

fn column_title(stage: Stage, count: usize, width: u16) -> String {
    let room = usize::from(width.saturating_sub(4));
    let full = format!(" {} ({count}) ", stage.title());
    if full.chars().count() <= room {
        return full;
    }
    let short = format!(" {} {count} ", stage.short_title());
    truncate(&short, room).into_owned()
}

fn draw_tabs(app: &App, frame: &mut Frame, area: Rect) {
    let w = usize::from(area.width) / 4;
    let mut spans = Vec::new();
    for s in Stage::ALL {
        let count = app.columns[s.index()].len();
        // Brackets mark the open tab without relying on colour.
        let label = if s == app.focus {
            format!("[{} {count}]", s.short_title())
        } else {
            format!(" {} {count} ", s.short_title())
        };
        let label = crate::text::pad(&label, w);
        spans.push(Span::styled(label, app.theme.tab(s == app.focus)));
    }
    frame.render_widget(Line::from(spans), area);
}

fn draw_column(app: &App, frame: &mut Frame, stage: Stage, rect: Rect) {
    let t = &app.theme;
    let focused = stage == app.focus;
    let col = &app.columns[stage.index()];
    let scroll = app.scroll[stage.index()].min(col.len());
    let inner = column_inner(rect);
    let fit = layout::cards_fit(inner.height);
    let below = col.len().saturating_sub(scroll + fit);
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Rounded
        })
        .border_style(t.border(focused))
        .title(Span::styled(
            column_title(stage, col.len(), rect.width),
            t.title(focused),
        ));
    if scroll > 0 {
        block = block.title_top(Line::styled(format!("↑{scroll}"), t.dim()).right_aligned());
    }
    if below > 0 {
        block = block.title_bottom(Line::styled(format!("↓{below} more"), t.dim()).right_aligned());
    }
    frame.render_widget(block, rect);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    if col.is_empty() && !app.board.contacts.is_empty() {
        let msg = if app.filter.value().is_empty() {
            "no one here yet"
        } else {
            "no match"
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, t.dim())), inner);
        return;
    }
    let selected = app.sel[stage.index()];
    for (slot, &idx) in col.iter().skip(scroll).take(fit).enumerate() {
        let y = inner.y + (slot as u16) * CARD_SLOT;
        let h = CARD_HEIGHT.min(inner.y + inner.height - y);
        let area = Rect::new(inner.x, y, inner.width, h);
        let is_sel = focused && scroll + slot == selected;
        draw_card(app, frame, &app.board.contacts[idx], area, is_sel);
    }
}

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

pub(crate) fn due_style(t: &Theme, d: Due) -> Style {
    match d {
        Due::Overdue(_) => t.overdue(),
        Due::Today => t.due_today(),
        Due::Later(_) => t.later(),
    }
}

fn draw_card(app: &App, frame: &mut Frame, c: &Contact, area: Rect, selected: bool) {
    let t = &app.theme;
    let w = usize::from(area.width.saturating_sub(2));
    let marker = if selected { "▌ " } else { "  " };
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

fn draw_welcome(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let lines = vec![
        Line::styled("Your board is empty", t.name()),
        Line::raw(""),
        Line::from(vec![
            Span::raw("Press "),
            Span::styled("n", t.key()),
            Span::raw(" to add the first person you're talking to."),
        ]),
        Line::raw(""),
        Line::from(vec![
            Span::raw("Or quit and run "),
            Span::styled("rapport --demo", t.key()),
            Span::raw(" to try a sample board."),
        ]),
        Line::from(vec![
            Span::styled("?", t.key()),
            Span::raw(" shows every key."),
        ]),
    ];
    let popup = centered(area, 58, 8);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(t.border(true)),
        ),
        popup,
    );
}

fn hint_line(app: &App, bindings: Vec<(String, &'static str)>, w: usize) -> Line<'static> {
    let t = &app.theme;
    let mut spans = Vec::new();
    let mut used = 0;
    for (i, (key, hint)) in bindings.into_iter().enumerate() {
        let sep = if i == 0 { "" } else { "  " };
        let need = width(sep) + width(&key) + 1 + width(hint);
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

fn draw_footer(app: &App, frame: &mut Frame, area: Rect) {
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
        let line = Line::from(vec![
            Span::styled(prefix, t.key()),
            Span::raw(truncate(&shown, w.saturating_sub(prefix.len() + 1)).into_owned()),
        ]);
        frame.render_widget(line, status_area);
        let x = (prefix.len() + app.filter.cursor_column()).min(w.saturating_sub(1));
        frame.set_cursor_position(Position::new(area.x + x as u16, area.y));
    } else {
        let right = match &app.save_state {
            SaveState::Saved => Span::styled("saved", t.dim()),
            SaveState::Saving => Span::styled("saving…", t.dim()),
            SaveState::Failed(_) => Span::styled("NOT SAVED", t.error()),
        };
        let left = match &app.message {
            Some(m) => Span::styled(
                sanitize(&m.text).into_owned(),
                if m.error { t.error() } else { t.info() },
            ),
            None => {
                let mut s = format!(
                    "{} contact{} · {} due today",
                    app.board.contacts.len(),
                    if app.board.contacts.len() == 1 {
                        ""
                    } else {
                        "s"
                    },
                    app.due_today()
                );
                if !app.filter.value().is_empty() {
                    s.push_str(&format!(
                        " · filter: {} (Esc clears)",
                        sanitize(app.filter.value())
                    ));
                }
                Span::raw(s)
            }
        };
        let right_w = width(&right.content);
        let left_room = w.saturating_sub(right_w + 1);
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
    let mut hints = app.keymap.hints(&app.mode);
    // Help and quit matter most when space runs out: they go first if all will not fit.
    let all_w: usize = hints.iter().map(|(k, h)| width(k) + width(h) + 3).sum();
    if all_w > w {
        hints.sort_by_key(|(_, h)| !matches!(*h, "help" | "quit"));
    }
    frame.render_widget(hint_line(app, hints, w), hints_area);
}

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

fn draw_form(app: &App, frame: &mut Frame, area: Rect, form: &FormState) {
    let t = &app.theme;
    let title = match &form.target {
        FormTarget::New(stage) => format!(" New contact · {} ", stage.title()),
        FormTarget::Edit(_) => " Edit contact ".to_string(),
    };
    let w = 76.min(area.width.saturating_sub(2));
    let help = format!("{}: {}", form.focus.label(), form.focus.help());
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
    let mut lines = Vec::new();
    let mut cursor = None;
    for (row, f) in Field::ALL.iter().enumerate() {
        let focused = *f == form.focus;
        let marker = if focused { "▌" } else { " " };
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
                    cursor = Some((label_w + 2 + col, row));
                }
                spans.push(Span::raw(text));
            }
            None => {
                let label = |k: Kind, n: usize| match n {
                    0 => k.label(),
                    1 if k == Kind::ReferralPartner => "referral",
                    1 => k.label(),
                    _ => k.badge(),
                };
                // The longest labels that fit on one row.
                let n = (0..3)
                    .find(|&n| {
                        Kind::ALL
                            .iter()
                            .map(|k| width(label(*k, n)) + 2)
                            .sum::<usize>()
                            <= room
                    })
                    .unwrap_or(2);
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

fn draw_confirm(app: &App, frame: &mut Frame, area: Rect, title: &str, text: &str, keys: &str) {
    let t = &app.theme;
    let popup = centered(area, 60, 7);
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

/// The common end of both forms: the focused field's help, the error (or a blank line), the
/// key hints, and the cursor in the focused text field (`(column, row)` inside `inner`).
fn finish_form(
    app: &App,
    frame: &mut Frame,
    inner: Rect,
    mut lines: Vec<Line<'static>>,
    help: &str,
    error: Option<&str>,
    cursor: Option<(usize, usize)>,
) {
    let t = &app.theme;
    lines.push(Line::raw(""));
    lines.push(Line::styled(help.to_string(), t.dim()));
    lines.push(match error {
        Some(e) => Line::styled(e.to_string(), t.error()),
        None => Line::raw(""),
    });
    lines.push(hint_line(
        app,
        app.keymap.hints(&app.mode),
        usize::from(inner.width),
    ));
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
    if let Some((x, y)) = cursor {
        let x = inner.x + (x as u16).min(inner.width.saturating_sub(1));
        let y = inner.y + y as u16;
        if y < inner.y + inner.height {
            frame.set_cursor_position(Position::new(x, y));
        }
    }
}

/// Clears `popup`, draws its rounded border and title, and returns the inside (`None`
/// when there is no room inside at all).
fn popup_box(app: &App, frame: &mut Frame, popup: Rect, title: &str) -> Option<Rect> {
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

/// How many rows `text` takes when wrapped at `width` (roughly: by display width).
fn wrapped_rows(text: &str, cols: u16) -> u16 {
    let w = usize::from(cols.max(1));
    (width(text).div_ceil(w)).max(1) as u16
}

/// One row of a small form: a label, and either fixed spans or an editable text with its
/// cursor column.
struct FormRow {
    label: &'static str,
    spans: Vec<Span<'static>>,
    text: Option<(String, usize)>,
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
    let mut lines = Vec::new();
    let mut cursor = None;
    for (
        i,
        FormRow {
            label,
            mut spans,
            text,
        },
    ) in rows.into_iter().enumerate()
    {
        let focused = i == focus;
        let mut line = vec![
            Span::styled(if focused { "▌" } else { " " }, t.marker()),
            Span::styled(
                crate::text::pad(label, label_w),
                if focused { t.title(true) } else { t.dim() },
            ),
            Span::raw(" "),
        ];
        if let Some((value, col)) = text {
            let at = if focused { col } else { 0 };
            let (shown, c) = scrolled(&value, at, room);
            if focused {
                cursor = Some((label_w + 2 + c, i));
            }
            spans = vec![Span::raw(shown)];
        }
        line.extend(spans);
        lines.push(Line::from(line));
    }
    finish_form(app, frame, inner, lines, help, error, cursor);
}

fn draw_log(app: &App, frame: &mut Frame, area: Rect, form: &LogForm) {
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
    let text = |i: &crate::app::input::TextInput| {
        Some((sanitize(i.value()).into_owned(), i.cursor_column()))
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
        title: format!(" Log an interaction with {} ", sanitize(&form.name)),
        rows,
        focus,
        help: form.focus.help(),
        error: form.error.as_deref(),
    };
    draw_small_form(app, frame, area, small);
}

fn draw_follow_up(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    name: &str,
    input: &crate::app::input::TextInput,
    error: Option<&str>,
) {
    let rows = vec![FormRow {
        label: "Date",
        spans: vec![],
        text: Some((sanitize(input.value()).into_owned(), input.cursor_column())),
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

fn draw_notes(app: &App, frame: &mut Frame, area: Rect, editor: &NotesEditor) {
    let t = &app.theme;
    let popup = centered(
        area,
        90.min(area.width.saturating_sub(2)),
        30.min(area.height.saturating_sub(2)),
    );
    frame.render_widget(Clear, popup);
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border(true))
        .title(Span::styled(
            format!(" Notes · {} ", sanitize(&editor.name)),
            t.title(true),
        ))
        .title_bottom(Line::styled(" Esc done · Ctrl+c discard ", t.dim()).right_aligned());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    frame.render_widget(&editor.area, inner);
}

/// Every binding of every mode, for the help overlay, from the live keymap.
pub fn help_lines(app: &App) -> Vec<Line<'static>> {
    use crate::app::bindings::Section;
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
                Span::raw(b.help),
            ]));
        }
    }
    lines
}

fn draw_help(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let lines = help_lines(app);
    let h = (lines.len() as u16 + 2).min(area.height);
    let popup = centered(area, 72, h);
    frame.render_widget(Clear, popup);
    let max_scroll = (lines.len() as u16 + 2).saturating_sub(popup.height);
    let scroll = app.help_scroll.min(max_scroll);
    let more = if scroll < max_scroll {
        " · j/k scroll"
    } else {
        ""
    };
    frame.render_widget(
        Paragraph::new(lines).scroll((scroll, 0)).block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(t.border(true))
                .title(Span::styled(" Keys ", t.title(true)))
                .title_bottom(Line::styled(format!(" Esc close{more} "), t.dim()).right_aligned()),
        ),
        popup,
    );
}
