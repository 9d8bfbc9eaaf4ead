//! The terminal edge: raw mode, events in, frames out, saves on a background thread.
//! Keys become actions through the keymap, `app::update` changes state and returns
//! effects, which this loop carries out; their results come back as actions.

mod saver;
mod system;
mod watch;

use saver::{Saver, send_and_flush};
use system::{edit_externally, enter_terminal, open_link, restore_terminal, watch_signals};
use watch::Watch;

use crate::app::{self, Action, App, Effect};
use crate::clock;
use crate::error::UserError;
use crate::model::Board;
use crate::store::Store;
use crate::ui;
use color_eyre::eyre::Result;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, Event, MouseEventKind,
};
use ratatui::crossterm::execute;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Debug builds only: with `RAPPORT_CRASH_TEST` set, filtering for "crash!" panics, so
/// the end-to-end tests can prove the recovery path on the real binary.
fn crash_test(app: &App) {
    if cfg!(debug_assertions)
        && std::env::var_os("RAPPORT_CRASH_TEST").is_some()
        && app.filter.value() == "crash!"
    {
        panic!("crash test requested");
    }
}

/// Runs the board until the user quits; `start` is a first action (the daily review, triage). The
/// store's lock is held throughout.
pub fn run(store: Store, board: Board, start: Option<Action>) -> Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(UserError(
            "The board opens in a terminal, and this is not one (input or output is redirected). Run rapport in a terminal, or use a command such as `rapport list` or `rapport due`."
                .into(),
        )
        .into());
    }
    if std::env::var_os("TERM").is_some_and(|t| t == "dumb") {
        return Err(UserError(
            "This terminal (TERM=dumb) cannot show the board; use the commands instead, such as `rapport due`, `rapport list` or `rapport log NAME` (`rapport --help` lists them all)."
                .into(),
        )
        .into());
    }
    let name = store.path().display().to_string();
    let read_only = store.read_only().map(|e| e.brief());
    let mut watch = Watch {
        path: store.path().to_path_buf(),
        seen: store.seen(),
        recreate: store.recreate_flag(),
        last_check: std::time::Instant::now(),
        reported: None,
        removed: false,
        read_only: read_only.is_some(),
        snapshot_due: !store.opened_from_snapshot(),
        snapshots: store.snapshots().map(Path::to_path_buf),
        snapshot: None,
        offered: store.offered(),
        looking: None,
    };
    let stop = Arc::new(AtomicBool::new(false));
    let mut saver = Saver::start(store);
    watch_signals(Arc::clone(&stop), Arc::clone(&saver.progress))?;

    let mut terminal = enter_terminal()?;
    // ratatui's hook restores raw mode on panic; also leave mouse, paste and focus modes.
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(
            std::io::stdout(),
            DisableMouseCapture,
            DisableBracketedPaste,
            DisableFocusChange
        );
        previous(info);
    }));

    let mut app = App::new(board, name, clock::now());
    app.read_only = read_only;
    let config_path = crate::config::path();
    let config = crate::config::load(
        config_path.as_deref(),
        crate::theme::no_color_env(),
        crate::theme::light_background_env(),
    );
    app.keymap = config.keymap;
    app.theme = config.theme;
    if let Some(first) = config.problems.first() {
        let more = match config.problems.len() {
            1 => String::new(),
            n => format!(" (and {} more; `rapport check` lists them)", n - 1),
        };
        app.report(
            format!("Config: {first}{more}. Using the defaults there."),
            true,
        );
    } else if let Some(first) = config.warnings.first() {
        app.report(format!("Config: {first}."), true);
    }
    let board_path = watch.path.clone();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(
            &mut terminal,
            &mut app,
            &mut saver,
            &stop,
            start,
            &mut watch,
        )
    }));
    restore_terminal();
    saver.stop();
    if let Some(snapshot) = watch.snapshot.take() {
        let _ = snapshot.join();
    }
    match outcome {
        Ok(result) => result,
        Err(_) => {
            // The panic hook has printed what went wrong. Keep what was in memory in a file of
            // its own: the board itself keeps its last good save.
            let (keep, written) = write_beside(&app.board, &board_path, "recovered");
            match written {
                Ok(()) => Err(UserError(format!(
                    "rapport stopped on an internal error. Your board as it was in memory is saved in {}; {} holds the last save. Compare them and keep what you need.",
                    keep.display(),
                    board_path.display()
                ))
                .into()),
                Err(e) => Err(UserError(format!(
                    "rapport stopped on an internal error, and the board in memory could not be written to {}: {e}. {} holds the last save.",
                    keep.display(),
                    board_path.display()
                ))
                .into()),
            }
        }
    }
}

/// Writes `board` to a new file beside the board file (`board.<what>-<time>.ron`), for a
/// board in memory that cannot go to the file itself; says where, and how it went.
fn write_beside(
    board: &Board,
    path: &Path,
    what: &str,
) -> (std::path::PathBuf, std::io::Result<()>) {
    let keep = crate::store::sibling_with_time(path, what);
    let written = crate::store::to_ron(board)
        .map_err(std::io::Error::other)
        .and_then(|text| crate::store::write_atomic(&keep, text.as_bytes(), false));
    (keep, written)
}

/// The board in memory, written beside the board file when it could not be saved there
/// (`board.unsaved-<time>.ron`). Only a change that was never saved needs it.
fn keep_unsaved(app: &App, error: &str) -> Result<(), String> {
    if app.generation == 0 {
        return Ok(());
    }
    let path = std::path::Path::new(&app.board_path);
    let (keep, written) = write_beside(&app.board, path, "unsaved");
    match written {
        Ok(()) => Err(format!(
            "the last changes could not be saved to {} ({error}), so the board as it was on screen is in {}. Compare the two and keep what you need.",
            path.display(),
            keep.display()
        )),
        Err(w) => Err(format!(
            "the last changes could not be saved to {} ({error}), nor to {} ({w}).",
            path.display(),
            keep.display()
        )),
    }
}

/// What the loop does after an action: carry out its effects. Results that change the
/// app (a failed save on quit, a link that did not open, notes back from the editor) go
/// back through `update` as actions.
enum Next {
    Continue,
    Quit,
}

struct Loop<'a> {
    terminal: &'a mut ratatui::DefaultTerminal,
    saver: &'a mut Saver,
    /// A change is waiting to be handed to the saving thread.
    unsent: bool,
    /// Lets the next save write back a board file removed under us.
    recreate: Arc<AtomicBool>,
}

impl Loop<'_> {
    fn dispatch(&mut self, app: &mut App, action: Action) -> Next {
        let mut queue = vec![action];
        while let Some(action) = queue.pop() {
            for effect in app::update(app, action, clock::now()) {
                match effect {
                    // A read-only board is never written; `update` refuses changes there,
                    // and this keeps it so whatever asks.
                    Effect::Save if app.read_only.is_some() => {}
                    Effect::Save => self.unsent = true,
                    Effect::Quit => match send_and_flush(self.saver, app, &mut self.unsent) {
                        Ok(()) => return Next::Quit,
                        Err(e) => queue.push(Action::QuitBlocked(e)),
                    },
                    Effect::QuitUnsaved => return Next::Quit,
                    // The save that follows may write the board back where it was removed.
                    Effect::WriteBack => self.recreate.store(true, Ordering::SeqCst),
                    Effect::Open(url) => {
                        if let Err(e) = open_link(&url) {
                            queue.push(Action::EffectFailed(e));
                        }
                    }
                    Effect::EditExternally { id, text } => {
                        queue.push(match edit_externally(self.terminal, &text) {
                            Ok(edited) => Action::NotesEdited {
                                id,
                                original: text,
                                text: edited,
                            },
                            Err(e) => Action::EffectFailed(e),
                        })
                    }
                }
            }
        }
        Next::Continue
    }
}

fn event_loop(
    terminal: &mut ratatui::DefaultTerminal,
    app: &mut App,
    saver: &mut Saver,
    stop: &AtomicBool,
    start: Option<Action>,
    watch: &mut Watch,
) -> Result<()> {
    let size = terminal.size()?;
    let mut lp = Loop {
        terminal,
        saver,
        unsent: false,
        recreate: Arc::clone(&watch.recreate),
    };
    lp.dispatch(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    if let Some(action) = start {
        lp.dispatch(app, action);
    }
    let mut redraw = true;
    let mut last_retry = std::time::Instant::now();
    loop {
        if redraw {
            lp.terminal.draw(|f| ui::view(app, f))?;
            redraw = false;
            if app.generation == 0 {
                watch.keep_snapshot(&app.board);
            }
        }
        // Changes wait until the frame is drawn and no key is waiting: copying a big board
        // for the saving thread then never delays what the user sees, and a burst of keys
        // becomes one copy.
        if lp.unsent && !event::poll(Duration::ZERO)? {
            lp.saver.send(app.generation, &app.board);
            lp.unsent = false;
        }
        if stop.load(Ordering::Relaxed) {
            // SIGTERM/SIGHUP/SIGINT: write what we have and leave. If the board cannot take
            // it (removed, being edited elsewhere, read-only), what is on screen goes to a
            // file of its own: a signal never throws changes away.
            return send_and_flush(lp.saver, app, &mut lp.unsent)
                .or_else(|e| keep_unsaved(app, &e))
                .map_err(|e| UserError(format!("Stopped by a signal: {e}")).into());
        }
        for action in lp.saver.poll() {
            lp.dispatch(app, action);
            redraw = true;
        }
        let idle = !lp.unsent && !lp.saver.pending();
        if idle && watch.last_check.elapsed() > Duration::from_secs(1) {
            watch.last_check = std::time::Instant::now();
            watch.start_look();
        }
        if let Some(outside) = watch.finished(idle) {
            match outside {
                watch::Outside::Changed => lp.saver.send(app.generation, &app.board),
                watch::Outside::Reread(board) => {
                    // Read-only: nothing of ours to merge; show what is on disk now.
                    lp.dispatch(
                        app,
                        Action::Merged {
                            generation: app.generation,
                            sent: Box::new(app.board.clone()),
                            merged: board,
                            conflicts: 0,
                        },
                    );
                    redraw = true;
                }
                watch::Outside::Removed => {
                    lp.dispatch(app, Action::BoardRemoved);
                    redraw = true;
                }
                watch::Outside::Returned => {
                    lp.dispatch(app, Action::BoardReturned);
                    redraw = true;
                }
                watch::Outside::Unreadable(e) => {
                    lp.dispatch(app, Action::OutsideUnreadable(e));
                    redraw = true;
                }
            }
        }
        if lp.saver.failed && last_retry.elapsed() > Duration::from_secs(2) {
            last_retry = std::time::Instant::now();
            lp.saver.send(app.generation, &app.board);
        }
        // Wake often enough to notice signals, finished saves and expiring messages,
        // but block otherwise: an idle board costs nothing.
        let timeout = if lp.unsent {
            Duration::ZERO
        } else if lp.saver.pending() {
            Duration::from_millis(30)
        } else {
            Duration::from_millis(250)
        };
        let action = if event::poll(timeout)? {
            match event::read()? {
                Event::Key(key) => app.keymap.action_for(app.section(), &key),
                Event::Paste(text) => Some(Action::Paste(text)),
                Event::Resize(width, height) => Some(Action::Resize { width, height }),
                Event::FocusGained => Some(Action::FocusGained),
                Event::Mouse(m) => match m.kind {
                    MouseEventKind::Down(_) => Some(Action::Click {
                        x: m.column,
                        y: m.row,
                    }),
                    MouseEventKind::ScrollUp => Some(Action::ScrollUp {
                        x: m.column,
                        y: m.row,
                    }),
                    MouseEventKind::ScrollDown => Some(Action::ScrollDown {
                        x: m.column,
                        y: m.row,
                    }),
                    _ => None,
                },
                _ => None,
            }
        } else {
            let before = (app.message.clone(), app.today);
            lp.dispatch(app, Action::Tick);
            redraw |= before != (app.message.clone(), app.today);
            None
        };
        let Some(action) = action else {
            continue;
        };
        redraw = true;
        if let Next::Quit = lp.dispatch(app, action) {
            return Ok(());
        }
        crash_test(app);
    }
}
