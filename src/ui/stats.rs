//! The numbers panel: the same text as `rapport stats`.

use crate::action::Action;
use crate::app::App;
use crate::keys::Section;
use crate::layout::centered;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

pub(super) fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let t = &app.theme;
    let st = app.stats();
    let text = crate::stats::text(&st);
    let lines: Vec<Line> = text.lines().map(|l| Line::raw(l.to_string())).collect();
    let popup = centered(area, 72, lines.len() as u16 + 3);
    super::clear(frame, popup);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: false }).block(
            Block::bordered()
                .border_type(BorderType::Rounded)
                .border_style(t.border(true))
                .title(Span::styled(" Numbers ", t.title(true)))
                .title_bottom(
                    Line::styled(
                        format!(
                            " {} ",
                            app.keymap.say(Section::Stats, &Action::Cancel, "close")
                        ),
                        t.dim(),
                    )
                    .right_aligned(),
                ),
        ),
        popup,
    );
}
