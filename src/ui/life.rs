//! The screens around the columns: inbox triage, the archive and the agenda.

use super::due_style;
use crate::action::Action;
use crate::app::App;
use crate::dates::{self, Due};
use crate::keys::Section;
use crate::model::Kind;
use crate::text::{sanitize, truncate, width};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, LineGauge, Paragraph};

const KIND_KEYS: [(Kind, Action); 6] = [
    (Kind::Customer, Action::KindCustomer),
    (Kind::Prospect, Action::KindProspect),
    (Kind::ReferralPartner, Action::KindReferralPartner),
    (Kind::Vendor, Action::KindVendor),
    (Kind::Advocate, Action::KindAdvocate),
    (Kind::Friend, Action::KindFriend),
];

/// Triage: the inbox one contact at a time under a "Triage 4/312" banner.
pub fn draw_triage(app: &App, frame: &mut Frame, area: Rect) {
    let Some(tr) = &app.triage else {
        return;
    };
    let t = &app.theme;
    let [banner, body] = Layout::vertical([Constraint::Length(1), Constraint::Min(0)]).areas(area);
    let n = tr.queue.len();
    let label = format!(" Triage {}/{} ", (tr.pos + 1).min(n), n);
    let ratio = if n == 0 {
        1.0
    } else {
        tr.pos as f64 / n as f64
    };
    frame.render_widget(
        LineGauge::default()
            .label(Span::styled(label, t.title(true)))
            .ratio(ratio.clamp(0.0, 1.0))
            .filled_style(t.on())
            .unfilled_style(t.dim()),
        banner,
    );
    let Some(c) = tr.current().and_then(|id| app.board.get(id)) else {
        return;
    };
    let mut lines = Vec::new();
    let mut who = Vec::new();
    who.extend(c.handles.iter().map(|h| sanitize(h).into_owned()));
    who.extend(c.emails.iter().map(|h| sanitize(h).into_owned()));
    if let Some(co) = &c.company {
        who.push(sanitize(co).into_owned());
    }
    if !who.is_empty() {
        lines.push(Line::styled(who.join(" · "), t.handle()));
    }
    // Each kind with its key; the ones set stand out.
    let mut kinds = vec![Span::styled("Kinds  ", t.dim())];
    for (kind, action) in KIND_KEYS {
        let key = app.keymap.key(Section::Triage, &action);
        let on = c.kinds.contains(&kind);
        kinds.push(Span::styled(key, t.key()));
        kinds.push(Span::styled(
            format!(" {}{}  ", kind.label(), if on { " ✓" } else { "" }),
            if on { t.badge() } else { t.dim() },
        ));
    }
    lines.push(Line::from(kinds));
    if !c.tags.is_empty() {
        lines.push(Line::styled(
            format!("tags: {}", sanitize(&c.tags.join(", "))),
            t.dim(),
        ));
    }
    lines.push(Line::styled(
        format!(
            "arrived {}",
            dates::ago(
                c.created.with_timezone(&chrono::Local).date_naive(),
                app.today
            )
        ),
        t.dim(),
    ));
    if !c.notes.trim().is_empty() {
        lines.push(Line::raw(""));
        for l in crate::text::sanitize_multiline(&c.notes).lines().take(4) {
            lines.push(Line::raw(truncate(l, 400).into_owned()));
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "Which stage? Placing it starts its cadence today.",
        t.info(),
    ));
    // Room for the kinds line to wrap on a narrow screen.
    let want = lines.len() as u16 + 6;
    super::review::draw_card(app, frame, body, &c.name, lines, 100, want);
}

/// A list under a title, the selected row kept in view.
fn draw_list(
    app: &App,
    frame: &mut Frame,
    area: Rect,
    title: String,
    rows: Vec<Line<'static>>,
    sel: Option<usize>,
) {
    let t = &app.theme;
    let block = Block::bordered()
        .border_type(BorderType::Rounded)
        .border_style(t.border(true))
        .title(Span::styled(title, t.title(true)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let h = usize::from(inner.height);
    let top = match sel {
        Some(s) if s >= h => s + 1 - h,
        _ => 0,
    };
    let lines: Vec<Line> = rows
        .into_iter()
        .enumerate()
        .skip(top)
        .take(h)
        .map(|(i, l)| {
            if sel == Some(i) {
                l.style(t.selected())
            } else {
                l
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The archive: who was put aside, when and why; restore with a key.
pub fn draw_archive(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let ids = crate::app::life::archived_ids(app);
    let w = usize::from(area.width.saturating_sub(4));
    let name_w = (w / 3).clamp(8, 30);
    let mut rows = Vec::new();
    for id in &ids {
        let Some(c) = app.board.get(id) else {
            continue;
        };
        let Some(a) = &c.archived else {
            continue;
        };
        let day = a.at.with_timezone(&chrono::Local).date_naive();
        let name = truncate(&sanitize(&c.name), name_w).into_owned();
        let pad = name_w.saturating_sub(width(&name));
        let reason = if a.reason.is_empty() {
            "no reason given".to_string()
        } else {
            sanitize(&a.reason).into_owned()
        };
        let rest = format!(
            "{:<12} {:<10} {}",
            dates::ago(day, app.today),
            c.stage.short_title(),
            reason
        );
        rows.push(Line::from(vec![
            Span::styled(format!(" {name}{} ", " ".repeat(pad)), t.name()),
            Span::styled(
                truncate(&rest, w.saturating_sub(name_w + 2)).into_owned(),
                t.dim(),
            ),
        ]));
    }
    let title = format!(" Archive · {} ", ids.len());
    if rows.is_empty() {
        rows.push(Line::styled(
            " Nobody is archived. Archive a card from the board when a relationship ends or waits; it keeps its history here.",
            t.dim(),
        ));
        return draw_list(app, frame, area, title, rows, None);
    }
    let sel = app.list_sel.min(rows.len() - 1);
    draw_list(app, frame, area, title, rows, Some(sel));
}

/// The agenda: who is due, day by day, overdue first, with the next step for each.
pub fn draw_agenda(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let days = crate::agenda::agenda(&app.board, app.now, app.today, 7, &chrono::Local);
    let mut rows = Vec::new();
    for day in &days {
        let head = match day.day {
            None => "Overdue".to_string(),
            Some(d) if d == app.today => format!("Today · {}", dates::day_words(d, app.today)),
            Some(d) => dates::day_words(d, app.today),
        };
        rows.push(Line::styled(format!(" {head}"), t.name()));
        for e in &day.entries {
            let Some(c) = app.board.get(&e.id) else {
                continue;
            };
            let due = Due::of(e.due, app.today);
            rows.push(Line::from(vec![
                Span::raw("   "),
                Span::styled(
                    format!("{:<24} ", truncate(&sanitize(&c.name), 24)),
                    t.name(),
                ),
                Span::styled(format!("{:<10} ", c.stage.short_title()), t.dim()),
                Span::styled(format!("{:<14} ", due.to_string()), due_style(t, due)),
                Span::styled(sanitize(&e.next_step).into_owned(), t.info()),
            ]));
        }
    }
    if rows.is_empty() {
        rows.push(Line::styled(" Nobody is due this week.", t.dim()));
    }
    let top = app.list_sel.min(rows.len().saturating_sub(1));
    let rows: Vec<Line> = rows.into_iter().skip(top).collect();
    draw_list(
        app,
        frame,
        area,
        " Agenda · the next 7 days ".to_string(),
        rows,
        None,
    );
}
