//! Where things go on screen. Shared by `view` (to draw) and `update` (to scroll and to
//! map mouse clicks), so both always agree.

use crate::model::Stage;
use ratatui::layout::{Constraint, Layout, Rect};

/// Below this the board does not fit at all: a short notice is shown instead.
pub const MIN_WIDTH: u16 = 24;
pub const MIN_HEIGHT: u16 = 8;
/// Below this width, one column at a time with the stages as tabs.
pub const NARROW_WIDTH: u16 = 80;
pub const FOOTER_HEIGHT: u16 = 2;
/// A card is three lines, with one blank line after it.
pub const CARD_HEIGHT: u16 = 3;
pub const CARD_SLOT: u16 = CARD_HEIGHT + 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Screen {
    pub tabs: Option<Rect>,
    /// The visible columns: all four when wide, the focused one when narrow.
    pub columns: Vec<(Stage, Rect)>,
    pub footer: Rect,
}

/// Lays out the board; `None` when the area is too small to show it.
pub fn screen(area: Rect, focus: Stage) -> Option<Screen> {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return None;
    }
    let [body, footer] =
        Layout::vertical([Constraint::Min(1), Constraint::Length(FOOTER_HEIGHT)]).areas(area);
    if area.width < NARROW_WIDTH {
        let [tabs, column] =
            Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
        return Some(Screen {
            tabs: Some(tabs),
            columns: vec![(focus, column)],
            footer,
        });
    }
    let cols = Layout::horizontal([Constraint::Ratio(1, 4); 4]).split(body);
    Some(Screen {
        tabs: None,
        columns: Stage::ALL
            .iter()
            .copied()
            .zip(cols.iter().copied())
            .collect(),
        footer,
    })
}

/// The inside of a column's border.
pub fn column_inner(r: Rect) -> Rect {
    Rect {
        x: r.x.saturating_add(1),
        y: r.y.saturating_add(1),
        width: r.width.saturating_sub(2),
        height: r.height.saturating_sub(2),
    }
}

/// How many cards fit in a column's inner height (at least one, so selection can show).
pub fn cards_fit(inner_height: u16) -> usize {
    usize::from(inner_height.saturating_add(1) / CARD_SLOT).max(1)
}

/// How many cards fit in the focused column for a terminal of this size.
pub fn cards_fit_for(width: u16, height: u16, focus: Stage) -> usize {
    let area = Rect::new(0, 0, width, height);
    screen(area, focus)
        .and_then(|s| {
            s.columns
                .first()
                .map(|(_, r)| cards_fit(column_inner(*r).height))
        })
        .unwrap_or(1)
}

/// A rectangle of at most `w`×`h`, centred in `area` and never larger than it.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect {
        x: area.x + (area.width - w) / 2,
        y: area.y + (area.height - h) / 2,
        width: w,
        height: h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_narrow_and_too_small() {
        let wide = screen(Rect::new(0, 0, 120, 40), Stage::Dm).unwrap();
        assert_eq!(wide.columns.len(), 4);
        assert!(wide.tabs.is_none());
        assert_eq!(wide.footer.height, FOOTER_HEIGHT);
        let narrow = screen(Rect::new(0, 0, 60, 20), Stage::Phone).unwrap();
        assert_eq!(narrow.columns, vec![(Stage::Phone, narrow.columns[0].1)]);
        assert!(narrow.tabs.is_some());
        assert!(screen(Rect::new(0, 0, 23, 40), Stage::Dm).is_none());
        assert!(screen(Rect::new(0, 0, 0, 0), Stage::Dm).is_none());
    }

    #[test]
    fn card_capacity() {
        assert_eq!(cards_fit(0), 1);
        assert_eq!(cards_fit(3), 1);
        assert_eq!(cards_fit(7), 2);
        assert_eq!(cards_fit(36), 9);
        assert_eq!(cards_fit_for(120, 40, Stage::Casual), 9);
    }

    #[test]
    fn centered_never_exceeds_the_area() {
        let a = Rect::new(2, 3, 10, 5);
        let c = centered(a, 50, 50);
        assert_eq!(c, a);
        let c = centered(a, 4, 1);
        assert_eq!(c, Rect::new(5, 5, 4, 1));
    }
}
