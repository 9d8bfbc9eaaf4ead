//! The daily review screen, its summary, and the numbers panel.

use super::due_style;
use crate::app::{App, Outcome};
use crate::dates::Due;
use crate::describe;
use crate::due;
use crate::layout::centered;
use crate::model::Contact;
use crate::text::{sanitize, sanitize_multiline, truncate};
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, LineGauge, Paragraph, Wrap};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(r) = &app.review else {
        return;
    };
    let t = &app.theme;
    let [banner, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let label = format!(
        " Review {}/{} ",
        (r.pos + 1).min(r.queue.len()),
        r.queue.len()
    );
    let ratio = if r.queue.is_empty() {
        1.0
    } else {
        r.handled() as f64 / r.queue.len() as f64
    };
    frame.render_widget(
        LineGauge::default()
            .label(Span::styled(label, t.title(true)))
            .ratio(ratio.clamp(0.0, 1.0))
            .filled_style(t.on())
            .unfilled_style(t.dim()),
        banner,
    );
    let Some(c) = r.current().and_then(|id| app.board.get(id)) else {
        return;
    };
    let lines = card_lines(app, c);
    // Height to fit the content, roughly (long notes wrap), within the screen.
    let want = lines.len() as u16 + 4;
    draw_card(app, frame, body, &c.name, lines, 96, want);
}

/// One contact's card under a screen's banner row (the review, triage): `lines` in a thick
/// frame titled with the name, `width`×`want` at most, centred in what is left of `body`.
pub(super) fn draw_card(
    app: &App,
    frame: &mut Frame,
    body: Rect,
    name: &str,
    lines: Vec<Line<'static>>,
    width: u16,
    want: u16,
) {
    let t = &app.theme;
    let card = centered(
        Rect {
            y: body.y + 1,
            height: body.height.saturating_sub(1),
            ..body
        },
        width,
        want,
    );
    let card = Rect {
        y: body.y + 1.min(body.height),
        ..card
    };
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .border_type(BorderType::Thick)
                .border_style(t.border(true))
                .title(Span::styled(
                    format!(" {} ", sanitize(name)),
                    t.title(true).add_modifier(ratatui::style::Modifier::BOLD),
                )),
        ),
        card,
    );
}

pub(super) fn card_lines(app: &App, c: &Contact) -> Vec<Line<'static>> {
    let t = &app.theme;
    let s = &app.board.settings;
    let mut lines = Vec::new();
    let mut who = Vec::new();
    if !c.handles.is_empty() {
        who.push(sanitize(&c.handles.join(", ")).into_owned());
    }
    if let Some(co) = &c.company {
        who.push(sanitize(co).into_owned());
    }
    if !who.is_empty() {
        lines.push(Line::styled(who.join(" · "), t.handle()));
    }
    let mut stage = vec![
        Span::styled(c.stage.title(), t.name()),
        Span::styled(
            format!(" · {}", describe::time_in_stage(c, app.today)),
            t.dim(),
        ),
    ];
    if !c.kinds.is_empty() {
        stage.push(Span::styled(
            format!(" · {}", describe::kinds(c)),
            t.badge(),
        ));
    }
    lines.push(Line::from(stage));
    lines.push(Line::raw(""));
    if let Some((_, due, why)) = describe::due(c, s, app.today) {
        lines.push(Line::from(vec![
            Span::styled(due.to_string(), due_style(t, due)),
            Span::styled(format!(" — {why}"), t.dim()),
        ]));
    }
    if let Some(rec) = c.reciprocity() {
        lines.push(Line::styled(rec.to_string(), t.due_today()));
    }
    if let Some(s) = due::suggestion(c, app.now) {
        lines.push(Line::from(vec![
            Span::styled("Next step: ", t.dim()),
            Span::styled(s, t.info()),
        ]));
    }
    lines.push(Line::raw(""));
    let recent = c.interactions_newest_first();
    if recent.is_empty() {
        lines.push(Line::styled("No interactions yet.", t.dim()));
    } else {
        lines.push(Line::styled("Last touches", t.name()));
        for i in recent.into_iter().take(3) {
            let day = i.at.with_timezone(&Local).date_naive();
            let mut spans = vec![
                Span::styled(
                    format!("{:<10} ", crate::dates::ago(day, app.today)),
                    t.dim(),
                ),
                Span::styled(format!("{:<7} ", i.channel.id()), t.handle()),
                Span::styled(format!("{:<5}", i.from.id()), t.dim()),
            ];
            if let Some(n) = &i.note {
                spans.push(Span::raw(sanitize(n).into_owned()));
            }
            lines.push(Line::from(spans));
        }
    }
    if !c.notes.trim().is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled("Notes", t.name()));
        let notes = sanitize_multiline(&c.notes);
        let mut shown = notes
            .lines()
            .take(4)
            .map(|l| l.to_string())
            .collect::<Vec<_>>();
        if notes.lines().count() > 4 {
            shown.push("…".into());
        }
        for l in shown {
            lines.push(Line::raw(truncate(&l, 400).into_owned()));
        }
    }
    lines
}

pub fn draw_summary(app: &App, frame: &mut Frame, area: Rect) {
    let Some(r) = &app.review else {
        return;
    };
    let t = &app.theme;
    let mut lines = Vec::new();
    if r.queue.is_empty() {
        lines.push(Line::styled("All caught up", t.name()));
        lines.push(Line::raw(""));
        lines.push(Line::raw("Nobody is due today."));
    } else {
        lines.push(Line::styled(
            format!("Reviewed {} of {}", r.reviewed(), r.queue.len()),
            t.name(),
        ));
        lines.push(Line::raw(""));
        lines.push(Line::raw(format!(
            "touched {} · advanced {} · snoozed {} · skipped {}",
            r.count(Outcome::Touched),
            r.count(Outcome::Advanced),
            r.count(Outcome::Snoozed),
            r.count(Outcome::Skipped)
        )));
    }
    lines.push(Line::raw(""));
    // Stopped early: what matters next is who is still waiting today, not the next date.
    let still = app.due_today();
    if still > 0 && !r.queue.is_empty() {
        lines.push(Line::from(vec![
            Span::styled("Next: ", t.dim()),
            Span::styled(format!("{still} still due today"), t.name()),
            Span::raw(format!(
                " ({} on the board picks them up)",
                app.keymap
                    .say(
                        crate::keys::Section::Board,
                        &crate::action::Action::Review,
                        ""
                    )
                    .trim_end()
            )),
        ]));
    } else {
        match app.next_due() {
            Some((d, c)) => lines.push(Line::from(vec![
                Span::styled("Next: ", t.dim()),
                Span::styled(sanitize(&c.name).into_owned(), t.name()),
                Span::raw(format!(
                    ", {} ({})",
                    Due::of(d, app.today),
                    crate::dates::day_words(d, app.today)
                )),
            ])),
            None => lines.push(Line::styled("No one else is coming due.", t.dim())),
        }
    }
    let streak = due::current_streak(&app.board, app.today);
    if streak > 0 {
        lines.push(Line::styled(
            format!(
                "Review streak: {streak} day{}",
                if streak == 1 { "" } else { "s" }
            ),
            t.info(),
        ));
    }
    let popup = centered(area, 64, lines.len() as u16 + 2);
    super::clear(frame, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(t.border(true))
                .title(Span::styled(" Daily review ", t.title(true))),
        ),
        popup,
    );
}
