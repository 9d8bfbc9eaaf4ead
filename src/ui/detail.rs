//! The detail view: everything about one contact, and what to do next.

use super::due_style;
use crate::action::Action;
use crate::app::App;
use crate::dates::Due;
use crate::describe;
use crate::keys::Section;
use crate::model::{Contact, Who};
use crate::text::{sanitize, sanitize_multiline};
use chrono::Local;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

fn field<'a>(app: &App, label: &str, value: String) -> Line<'a> {
    Line::from(vec![
        Span::styled(format!("{label:<10} "), app.theme.dim()),
        Span::raw(value),
    ])
}

/// The left pane: who they are, when to reach out and why, the notes.
pub fn info_lines(app: &App, c: &Contact) -> Vec<Line<'static>> {
    let t = &app.theme;
    let s = &app.board.settings;
    let mut lines = vec![Line::from(vec![
        Span::styled(c.stage.title(), t.title(true)),
        Span::styled(
            format!(" · {}", describe::time_in_stage(c, app.today)),
            t.dim(),
        ),
    ])];
    if !c.kinds.is_empty() {
        lines.push(Line::styled(describe::kinds(c), t.badge()));
    }
    if let Some(st) = describe::standing(c, app.today) {
        lines.push(Line::styled(sanitize(&st).into_owned(), t.info()));
    }
    lines.push(Line::raw(""));
    let list = |v: &[String]| sanitize(&v.join(", ")).into_owned();
    if !c.handles.is_empty() {
        lines.push(field(app, "Handles", list(&c.handles)));
    }
    if !c.emails.is_empty() {
        lines.push(field(app, "Emails", list(&c.emails)));
    }
    if !c.phones.is_empty() {
        lines.push(field(app, "Phones", list(&c.phones)));
    }
    if let Some(co) = &c.company {
        lines.push(field(app, "Company", sanitize(co).into_owned()));
    }
    if !c.tags.is_empty() {
        lines.push(field(app, "Tags", list(&c.tags)));
    }
    lines.push(Line::raw(""));
    lines.push(field(app, "Last", describe::last_touch(c, app.today)));
    match describe::due(c, s, app.today) {
        Some((day, state, why)) => {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<10} ", "Due"), t.dim()),
                Span::styled(state.to_string(), due_style(t, state)),
                Span::styled(
                    format!(" · {}", crate::dates::day_words(day, app.today)),
                    t.dim(),
                ),
            ]));
            lines.push(Line::styled(format!("{:<10} {why}", ""), t.dim()));
        }
        None => lines.push(field(app, "Due", describe::no_due(c).into())),
    }
    lines.push(field(app, "Cadence", describe::cadence(c, s)));
    if let Some(r) = c.reciprocity() {
        lines.push(Line::from(vec![
            Span::styled(format!("{:<10} ", "Balance"), t.dim()),
            Span::styled(r.to_string(), t.due_today()),
        ]));
    }
    let elsewhere = describe::conflicts(c);
    if !elsewhere.is_empty() {
        lines.push(Line::raw(""));
        lines.push(Line::styled(describe::CONFLICTS_HEADING, t.due_today()));
        for l in elsewhere {
            lines.push(Line::raw(sanitize_multiline(&l).into_owned()));
        }
        lines.push(Line::styled(
            app.keymap.say(
                Section::Detail,
                &Action::DismissConflicts,
                "dismisses these",
            ),
            t.dim(),
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Notes", t.name()));
    if c.notes.trim().is_empty() {
        lines.push(Line::styled(
            format!(
                "none yet · {}, {}",
                app.keymap
                    .say(Section::Detail, &Action::EditNotes, "to write"),
                app.keymap
                    .say(Section::Detail, &Action::EditNotesExternally, "for $EDITOR")
            ),
            t.dim(),
        ));
    } else {
        for l in sanitize_multiline(&c.notes).lines() {
            lines.push(Line::raw(l.to_string()));
        }
    }
    lines
}

/// The right pane: interactions newest first, then the stage timeline.
pub fn history_lines(app: &App, c: &Contact) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut lines = vec![Line::styled("Interactions", t.name())];
    if c.interactions.is_empty() {
        lines.push(Line::styled(
            format!(
                "none yet · {}",
                app.keymap
                    .say(Section::Detail, &Action::Touch, "logs a touch")
            ),
            t.dim(),
        ));
    }
    for (n, i) in c.interactions_newest_first().into_iter().enumerate() {
        let selected = app.interaction_sel == Some(n);
        let day = i.at.with_timezone(&Local).date_naive();
        let who = match i.from {
            Who::Me => "me",
            Who::Them => "them",
        };
        let mut spans = vec![
            Span::styled(format!("{} ", day.format("%Y-%m-%d")), t.dim()),
            Span::styled(format!("{:<7} ", i.channel.id()), t.handle()),
            Span::styled(
                format!("{who:<4} "),
                if i.from == Who::Them {
                    t.info()
                } else {
                    t.dim()
                },
            ),
        ];
        if let Some(n) = &i.note {
            spans.push(Span::raw(sanitize(n).into_owned()));
        }
        let line = Line::from(spans);
        lines.push(if selected {
            line.style(t.selected())
        } else {
            line
        });
    }
    if app.interaction_sel.is_some() {
        lines.push(Line::styled(
            format!(
                "{} · {}",
                app.keymap
                    .say(Section::Detail, &Action::EditInteraction, "corrects it"),
                app.keymap
                    .say(Section::Detail, &Action::DeleteInteraction, "deletes it")
            ),
            t.dim(),
        ));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Stages", t.name()));
    for h in c.stage_history.iter().rev() {
        lines.push(Line::from(vec![
            Span::styled(
                format!("{} ", h.at.with_timezone(&Local).format("%Y-%m-%d")),
                t.dim(),
            ),
            Span::raw(format!("→ {}", h.stage.title())),
        ]));
    }
    lines.push(Line::styled(
        format!(
            "{} added",
            c.created.with_timezone(&Local).format("%Y-%m-%d")
        ),
        t.dim(),
    ));
    lines
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, c: &Contact) {
    let t = &app.theme;
    let title = format!(" {} ", sanitize(&c.name));
    let due_badge = c
        .due_date(&app.board.settings, &Local)
        .map(|d| Due::of(d, app.today))
        .filter(|d| d.is_due())
        .map(|d| Span::styled(format!(" {d} "), due_style(t, d)));
    let block = |title: Line<'static>| {
        Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(t.border(true))
            .title(title)
    };
    let info = info_lines(app, c);
    let history = history_lines(app, c);
    let scroll = app.detail_scroll;
    let mut name_title = vec![Span::styled(title, t.title(true))];
    name_title.extend(due_badge);
    if area.width >= 100 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)])
                .areas(area);
        let s1 = scroll.min(info.len().saturating_sub(1) as u16);
        let s2 = scroll.min(history.len().saturating_sub(1) as u16);
        frame.render_widget(
            Paragraph::new(info)
                .wrap(Wrap { trim: false })
                .scroll((s1, 0))
                .block(block(Line::from(name_title))),
            left,
        );
        frame.render_widget(
            Paragraph::new(history)
                .wrap(Wrap { trim: false })
                .scroll((s2, 0))
                .block(block(Line::styled(" History ", t.title(true)))),
            right,
        );
    } else {
        let mut all = info;
        all.push(Line::raw(""));
        all.extend(history);
        let s = scroll.min(all.len().saturating_sub(1) as u16);
        frame.render_widget(
            Paragraph::new(all)
                .wrap(Wrap { trim: false })
                .scroll((s, 0))
                .block(block(Line::from(name_title))),
            area,
        );
    }
}
