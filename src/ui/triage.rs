//! Triage: the inbox one contact at a time, with the keys that place it.

use crate::action::Action;
use crate::app::App;
use crate::dates::{self};
use crate::keys::Section;
use crate::model::Kind;
use crate::text::{sanitize, truncate};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::LineGauge;

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
