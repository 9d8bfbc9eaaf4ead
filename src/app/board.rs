//! The board screen: moving between columns and cards, the filter, the mouse, and the
//! board-wide keys (new, delete, undo, review, quit…).

use super::input::TextInput;
use super::marks;
use super::ops::{move_selected, reorder_selected, undo_redo};
use super::prompt::{PromptKind, open_prompt};
use super::triage::start_triage;
use super::{Action, App, ConfirmKind, Effect, FormState, Mode, SaveState, detail, forms, review};
use crate::layout;
use crate::model::Stage;

pub(super) fn action(app: &mut App, action: Action) -> Vec<Effect> {
    let col = app.focus.index();
    let n = app.columns[col].len();
    let page = app.visible_cards();
    match action {
        Action::FocusLeft => {
            if let Some(s) = app.focus.prev() {
                app.focus = s;
            }
        }
        Action::FocusRight => {
            if let Some(s) = app.focus.next() {
                app.focus = s;
            }
        }
        Action::Up => app.sel[col] = app.sel[col].saturating_sub(1),
        Action::Down => app.sel[col] = (app.sel[col] + 1).min(n.saturating_sub(1)),
        Action::Top => app.sel[col] = 0,
        Action::Bottom => app.sel[col] = n.saturating_sub(1),
        Action::PageUp => app.sel[col] = app.sel[col].saturating_sub(page),
        Action::PageDown => app.sel[col] = (app.sel[col] + page).min(n.saturating_sub(1)),
        Action::MoveLeft | Action::MoveRight if !app.marks.is_empty() => {
            return marks::move_marked(app, action == Action::MoveRight);
        }
        Action::MoveLeft | Action::MoveRight => {
            let right = action == Action::MoveRight;
            return move_selected(app, right);
        }
        Action::Touch if !app.marks.is_empty() => return marks::touch_marked(app),
        Action::FollowUp if !app.marks.is_empty() => {
            return open_prompt(app, PromptKind::FollowUp);
        }
        Action::Archive => return open_prompt(app, PromptKind::Archive),
        Action::Pause => return open_prompt(app, PromptKind::Pause),
        Action::Tag => return open_prompt(app, PromptKind::Tag),
        Action::Mark => {
            marks::toggle_mark(app);
            app.sel[col] = (app.sel[col] + 1).min(n.saturating_sub(1));
        }
        Action::ClearMarks => {
            let n = app.marks.len();
            app.marks.clear();
            app.say(format!(
                "Cleared {n} mark{}.",
                if n == 1 { "" } else { "s" }
            ));
        }
        Action::ArchiveView => {
            app.list_sel = 0;
            app.mode = Mode::Archive;
        }
        Action::Agenda => {
            app.list_sel = 0;
            app.mode = Mode::Agenda;
        }
        Action::Triage => return start_triage(app),
        Action::Sort => {
            let id = app.selected().map(|c| c.id.clone());
            app.sort[col] = app.sort[col].next();
            app.refilter();
            if let Some(id) = id {
                app.select_id(&id);
            }
            app.say(format!("{}: {}", app.focus.title(), app.sort[col].label()));
        }
        Action::ReorderUp | Action::ReorderDown if app.sort[col] != super::SortBy::Yours => {
            app.say(format!(
                "Sorted {}; {} back to your order to move cards up and down.",
                app.sort[col].label(),
                app.keymap
                    .say(crate::keys::Section::Board, &Action::Sort, "cycles")
            ));
        }
        Action::ReorderUp | Action::ReorderDown => {
            return reorder_selected(app, action == Action::ReorderUp);
        }
        Action::Open => {
            if let Some(c) = app.selected() {
                app.detail = Some(c.id.clone());
                app.detail_scroll = 0;
                app.interaction_sel = None;
                app.mode = Mode::Detail;
            }
        }
        Action::Touch | Action::LogForm | Action::FollowUp | Action::OpenProfile => {
            return detail::contact_action(app, action);
        }
        Action::New => app.mode = Mode::Form(Box::new(FormState::new_contact(app.focus))),
        Action::Edit => {
            if let Some(c) = app.selected() {
                app.mode = Mode::Form(Box::new(FormState::edit(c)));
            }
        }
        Action::Delete => {
            if let Some(c) = app.selected() {
                app.mode = Mode::Confirm(ConfirmKind::Delete(c.id.clone(), c.name.clone()));
            }
        }
        Action::Undo => return undo_redo(app, true),
        Action::Redo => return undo_redo(app, false),
        Action::Filter => app.mode = Mode::Filter,
        Action::Cancel if !app.marks.is_empty() => {
            app.marks.clear();
            app.say("Marks cleared.");
        }
        Action::Cancel if !app.filter.value().is_empty() => {
            app.filter = TextInput::default();
            app.refresh();
            app.say("Filter cleared.");
        }
        Action::Help => app.mode = Mode::Help,
        Action::Review => return review::start(app),
        Action::Stats => app.mode = Mode::Stats,
        Action::Quit => {
            if matches!(app.save_state, SaveState::Failed(_)) {
                app.mode = Mode::UnsavedQuit;
            } else {
                return vec![Effect::Quit];
            }
        }
        Action::ForceQuit => return vec![Effect::QuitUnsaved],
        Action::Click { x, y } => click(app, x, y),
        Action::ScrollUp { x, y } | Action::ScrollDown { x, y } => {
            let down = matches!(action, Action::ScrollDown { .. });
            wheel(app, x, y, down);
        }
        _ => {}
    }
    app.keep_visible(app.focus);
    vec![]
}

pub(super) fn filter_action(app: &mut App, action: Action) -> Vec<Effect> {
    match action {
        Action::Submit => {
            app.mode = Mode::Board;
            if app.filter.value().trim().is_empty() {
                app.filter = TextInput::default();
                app.refilter();
            }
        }
        Action::Cancel => {
            app.mode = Mode::Board;
            app.filter = TextInput::default();
            app.refilter();
        }
        other => {
            let before = app.filter.value().to_string();
            forms::text_edit(&mut app.filter, &other);
            if app.filter.value() != before {
                for s in &mut app.sel {
                    *s = 0;
                }
                app.refilter();
            }
        }
    }
    vec![]
}

/// The column and card under a screen position.
fn hit(app: &App, x: u16, y: u16) -> Option<(Stage, Option<usize>)> {
    let screen = layout::screen(
        ratatui::layout::Rect::new(0, 0, app.width, app.height),
        app.focus,
    )?;
    if let Some(tabs) = screen.tabs
        && y == tabs.y
    {
        // Tabs are laid out evenly.
        let i = usize::from(x.saturating_sub(tabs.x)) * 4 / usize::from(tabs.width.max(1));
        return Stage::from_index(i.min(3)).map(|s| (s, None));
    }
    let (stage, rect) = screen
        .columns
        .iter()
        .find(|(_, r)| x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height)?;
    let inner = layout::column_inner(*rect);
    if y < inner.y || y >= inner.y + inner.height {
        return Some((*stage, None));
    }
    let slot = usize::from((y - inner.y) / layout::CARD_SLOT);
    let idx = app.scroll[stage.index()] + slot;
    Some((
        *stage,
        (idx < app.columns[stage.index()].len()).then_some(idx),
    ))
}

fn click(app: &mut App, x: u16, y: u16) {
    if let Some((stage, card)) = hit(app, x, y) {
        app.focus = stage;
        if let Some(i) = card {
            app.sel[stage.index()] = i;
        }
    }
}

fn wheel(app: &mut App, x: u16, y: u16, down: bool) {
    let Some((stage, _)) = hit(app, x, y) else {
        return;
    };
    let i = stage.index();
    let n = app.columns[i].len();
    let fit = app.visible_cards();
    app.scroll[i] = if down {
        (app.scroll[i] + 1).min(n.saturating_sub(fit))
    } else {
        app.scroll[i].saturating_sub(1)
    };
    // Keep the selection on screen as the column scrolls under it.
    let last = (app.scroll[i] + fit).min(n).saturating_sub(1);
    app.sel[i] = app.sel[i].clamp(app.scroll[i], last.max(app.scroll[i]));
}
