//! The board: four stage columns (or tabs and one column when narrow), and the welcome
//! for an empty board.

use super::card;
use crate::action::Action;
use crate::app::App;
use crate::keys::Section;
use crate::layout::{self, CARD_HEIGHT, CARD_SLOT, centered, column_inner};
use crate::model::Stage;
use crate::text::truncate;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Borders, Paragraph, Wrap};

/// The column's title: the stage's full name where every column's fits, else every column
/// takes the short one, so the four titles never mix the two.
fn column_title(app: &App, stage: Stage, width: u16) -> String {
    let room = usize::from(width.saturating_sub(4));
    let count = |s: Stage| app.columns[s.index()].len();
    let full = |s: Stage| format!(" {} ({}) ", s.title(), count(s));
    if Stage::ALL.iter().all(|&s| full(s).chars().count() <= room) {
        return full(stage);
    }
    let short = format!(" {} {} ", stage.short_title(), count(stage));
    truncate(&short, room).into_owned()
}

pub(super) fn draw_tabs(app: &App, frame: &mut Frame, area: Rect) {
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

/// One stage's column in `rect`; its title is chosen for `title_width`, the narrowest
/// column's width.
pub(super) fn draw_column(
    app: &App,
    frame: &mut Frame,
    stage: Stage,
    rect: Rect,
    title_width: u16,
) {
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
            column_title(app, stage, title_width),
            t.title(focused),
        ));
    let sort = app.sort[stage.index()];
    if sort != crate::app::SortBy::Yours && rect.width > 24 {
        block = block.title_bottom(
            Line::styled(format!("sorted: {}", sort.short()), t.dim()).left_aligned(),
        );
    }
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
        let inbox = app.inbox_count();
        let msg = if !app.filter.value().is_empty() {
            "no match".to_string()
        } else if inbox > 0 && stage == Stage::Casual {
            // After an import everyone waits in the inbox: say where they are.
            format!(
                "no one here yet · {inbox} wait{} in the inbox ({})",
                if inbox == 1 { "s" } else { "" },
                app.keymap
                    .say(Section::Board, &Action::Triage, "places them")
            )
        } else {
            "no one here yet".to_string()
        };
        frame.render_widget(
            Paragraph::new(Span::styled(msg, t.dim())).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let selected = app.sel[stage.index()];
    for (slot, &idx) in col.iter().skip(scroll).take(fit).enumerate() {
        let y = inner.y + (slot as u16) * CARD_SLOT;
        let h = CARD_HEIGHT.min(inner.y + inner.height - y);
        let area = Rect::new(inner.x, y, inner.width, h);
        let is_sel = focused && scroll + slot == selected;
        card::draw_card(app, frame, &app.board.contacts[idx], area, is_sel);
    }
}

pub(super) fn draw_welcome(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let lines = vec![
        Line::styled("Your board is empty", t.name()),
        Line::raw(""),
        Line::from(vec![
            Span::raw("Press "),
            Span::styled(app.keymap.key(Section::Board, &Action::New), t.key()),
            Span::raw(" to add the first person you're talking to."),
        ]),
        Line::raw(""),
        Line::from(vec![
            Span::raw("Or quit and run "),
            Span::styled("rapport import contacts.vcf", t.key()),
            Span::raw(" (or a LinkedIn, Google or Outlook CSV) to bring people in, or "),
            Span::styled("rapport --demo", t.key()),
            Span::raw(" to try a sample board."),
        ]),
        Line::from(vec![
            Span::styled(app.keymap.key(Section::Board, &Action::Help), t.key()),
            Span::raw(" shows every key."),
        ]),
    ];
    let popup = centered(area, 58, 10);
    super::clear(frame, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(t.border(true)),
        ),
        popup,
    );
}
