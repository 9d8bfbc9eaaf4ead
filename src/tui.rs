//! The terminal edge: raw mode, events in, frames out, saves on a background thread.

use crate::app::{self, Action, App, Effect};
use crate::clock;
use crate::model::Board;
use crate::store::{Saved, Store};
use crate::ui;
use color_eyre::eyre::{Result, WrapErr, eyre};
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture, Event, MouseEventKind,
};
use ratatui::crossterm::execute;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// Writes boards in the background so a large save never blocks a keypress. Bursts of
/// changes collapse into one write of the latest board.
struct Saver {
    tx: Option<Sender<(u64, Board)>>,
    results: Receiver<(u64, Result<Saved, String>)>,
    handle: Option<JoinHandle<()>>,
    /// The newest board generation sent, and the newest known to be on disk.
    sent: u64,
    saved: u64,
    failed: bool,
    /// The same two numbers, shared with the signal watcher, kept by the saving thread.
    progress: Arc<Progress>,
}

/// How far saving has got, readable from any thread.
#[derive(Default)]
struct Progress {
    sent: AtomicU64,
    saved: AtomicU64,
}

impl Progress {
    fn settled(&self) -> bool {
        self.saved.load(Ordering::SeqCst) >= self.sent.load(Ordering::SeqCst)
    }
}

impl Saver {
    fn start(store: Store) -> Saver {
        let (tx, rx) = mpsc::channel::<(u64, Board)>();
        let (rtx, results) = mpsc::channel();
        let progress = Arc::new(Progress::default());
        let shared = Arc::clone(&progress);
        let handle = std::thread::spawn(move || {
            while let Ok(mut job) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                let result = store.save(&job.1).map_err(|e| e.to_string());
                if result.is_ok() {
                    shared.saved.fetch_max(job.0, Ordering::SeqCst);
                }
                if rtx.send((job.0, result)).is_err() {
                    break;
                }
            }
            // `store` drops here, releasing the board lock after the last write.
        });
        Saver {
            tx: Some(tx),
            results,
            handle: Some(handle),
            sent: 0,
            saved: 0,
            failed: false,
            progress,
        }
    }

    /// Hands the board at change `generation` to the saving thread.
    fn send(&mut self, generation: u64, board: &Board) {
        self.sent = self.sent.max(generation);
        self.progress.sent.store(self.sent, Ordering::SeqCst);
        if let Some(tx) = &self.tx {
            let _ = tx.send((generation, board.clone()));
        }
    }

    fn pending(&self) -> bool {
        self.saved < self.sent
    }

    /// Collects finished saves, as actions for `update`: each result, and any outside
    /// version that was kept aside.
    fn poll(&mut self) -> Vec<Action> {
        let mut actions = Vec::new();
        while let Ok((generation, result)) = self.results.try_recv() {
            if let Ok(Saved::KeptTheirs(p)) = &result {
                actions.push(Action::KeptTheirs(p.clone()));
            }
            let result = self.record(generation, result.map(|_| ()));
            actions.push(Action::Saved { generation, result });
        }
        actions
    }

    fn record(&mut self, generation: u64, result: Result<(), String>) -> Result<(), String> {
        match &result {
            Ok(()) => {
                self.saved = self.saved.max(generation);
                self.failed = false;
            }
            Err(_) => self.failed = true,
        }
        result
    }

    /// Waits until the latest board is on disk (or a save fails).
    fn flush(&mut self, timeout: Duration) -> Result<(), String> {
        let deadline = std::time::Instant::now() + timeout;
        while self.pending() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.results.recv_timeout(left) {
                Ok((generation, result)) => {
                    if let Err(e) = self.record(generation, result.map(|_| ()))
                        && generation == self.sent
                    {
                        return Err(e);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {
                    return Err("saving is taking too long".into());
                }
                Err(RecvTimeoutError::Disconnected) => {
                    return Err("the saving thread stopped".into());
                }
            }
        }
        Ok(())
    }

    fn stop(mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// Hands over any change not yet sent, then waits until it is on disk.
fn send_and_flush(saver: &mut Saver, app: &App, unsent: &mut bool) -> Result<(), String> {
    if *unsent {
        saver.send(app.generation, &app.board);
        *unsent = false;
    }
    saver.flush(Duration::from_secs(10))
}

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

/// Notices edits made to the board file outside rapport while nothing is waiting to be
/// saved, and hands back the new board to take.
struct Watch {
    path: std::path::PathBuf,
    seen: Arc<std::sync::Mutex<Option<crate::store::Fingerprint>>>,
    last_check: std::time::Instant,
    /// A changed file that could not be read, already reported.
    reported: Option<u64>,
}

impl Watch {
    /// `Reloaded` with the new board, or `OutsideUnreadable` once per unreadable version.
    fn outside_change(&mut self) -> Option<Action> {
        use crate::store::{self, Fingerprint};
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if !Fingerprint::stale(seen.as_ref(), &self.path) {
            return None;
        }
        let (now, bytes) = Fingerprint::read(&self.path).ok()??;
        if seen.as_ref().is_some_and(|s| s.hash == now.hash) {
            // Touched, not changed.
            *seen = Some(now);
            return None;
        }
        let parsed = String::from_utf8(bytes)
            .map_err(|_| "it is not UTF-8 text".to_string())
            .and_then(|t| store::parse(&t, &self.path).map_err(|e| e.to_string()));
        match parsed {
            Ok(board) => {
                *seen = Some(now);
                self.reported = None;
                Some(Action::Reloaded(Box::new(board)))
            }
            Err(e) => {
                // Leave `seen` alone: the next save keeps that version aside before writing.
                if self.reported == Some(now.hash) {
                    return None;
                }
                self.reported = Some(now.hash);
                Some(Action::OutsideUnreadable(e))
            }
        }
    }
}

/// Puts the terminal back the way it was: mouse, paste and focus reporting off, raw mode off.
fn restore_terminal() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        DisableFocusChange
    );
    ratatui::restore();
}

fn enter_terminal() -> Result<ratatui::DefaultTerminal> {
    let terminal = ratatui::try_init().wrap_err("could not prepare the terminal")?;
    let _ = execute!(
        std::io::stdout(),
        EnableMouseCapture,
        EnableBracketedPaste,
        EnableFocusChange
    );
    Ok(terminal)
}

/// Opens a link with `$BROWSER`, else the platform's opener, without waiting for it.
fn open_link(url: &str) -> Result<(), String> {
    use std::process::{Command, Stdio};
    let browser = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty());
    let mut cmd = match browser {
        Some(b) => {
            let mut c = Command::new("sh");
            c.args(["-c", &format!("{b} \"$1\""), "rapport-open", url]);
            c
        }
        None if cfg!(target_os = "macos") => {
            let mut c = Command::new("open");
            c.arg(url);
            c
        }
        None => {
            let mut c = Command::new("xdg-open");
            c.arg(url);
            c
        }
    };
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("Could not open {url}: {e}. Open it yourself, or set $BROWSER."))?;
    // Reap it in the background so it never lingers as a zombie.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Hands the notes to `$VISUAL`/`$EDITOR` (else vi) in a temporary file, with the terminal
/// released meanwhile; returns the edited text.
fn edit_externally(terminal: &mut ratatui::DefaultTerminal, text: &str) -> Result<String, String> {
    use std::io::Write as _;
    let mut file = tempfile::Builder::new()
        .prefix("rapport-notes-")
        .suffix(".md")
        .tempfile()
        .map_err(|e| format!("Could not make a file for the editor: {e}"))?;
    file.write_all(text.as_bytes())
        .and_then(|_| file.flush())
        .map_err(|e| format!("Could not write the notes for the editor: {e}"))?;
    let editor = std::env::var("VISUAL")
        .ok()
        .or_else(|| std::env::var("EDITOR").ok())
        .filter(|e| !e.trim().is_empty())
        .unwrap_or_else(|| "vi".into());
    restore_terminal();
    let status = std::process::Command::new("sh")
        .args(["-c", &format!("{editor} \"$1\""), "rapport-editor"])
        .arg(file.path())
        .status();
    match enter_terminal() {
        Ok(t) => *terminal = t,
        Err(e) => return Err(format!("Could not take the terminal back: {e}")),
    }
    let _ = terminal.clear();
    match status {
        Ok(s) if s.success() => std::fs::read_to_string(file.path())
            .map(|t| t.strip_suffix('\n').map(str::to_string).unwrap_or(t))
            .map_err(|e| format!("Could not read the notes back: {e}")),
        Ok(s) => Err(format!(
            "{editor} exited with {s}; the notes were not changed."
        )),
        Err(e) => Err(format!(
            "Could not run {editor}: {e}. Set $EDITOR to your editor."
        )),
    }
}

/// On SIGTERM, SIGHUP or SIGINT, asks the event loop to save and leave. If it does not
/// within a moment (a terminal that vanished can leave the input reader spinning on end of
/// file, never returning to the loop), this thread waits for the saves already handed over
/// — a change is handed over as soon as its frame is drawn — restores the terminal and exits.
fn watch_signals(stop: Arc<AtomicBool>, progress: Arc<Progress>) -> Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT])
        .wrap_err("could not watch for termination signals")?;
    std::thread::spawn(move || {
        if signals.forever().next().is_none() {
            return;
        }
        stop.store(true, Ordering::SeqCst);
        std::thread::sleep(Duration::from_millis(1000));
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !progress.settled() && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        restore_terminal();
        std::process::exit(if progress.settled() { 0 } else { 1 });
    });
    Ok(())
}

/// Runs the board until the user quits; with `review`, it opens on the daily review. The
/// store's lock is held throughout.
pub fn run(store: Store, board: Board, review: bool) -> Result<()> {
    let name = store.path().display().to_string();
    let watch = Watch {
        path: store.path().to_path_buf(),
        seen: store.seen(),
        last_check: std::time::Instant::now(),
        reported: None,
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
    let config_path = crate::config::path();
    let config = crate::config::load(config_path.as_deref(), crate::theme::no_color_env());
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
    }
    let board_path = watch.path.clone();
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        event_loop(&mut terminal, &mut app, &mut saver, &stop, review, watch)
    }));
    restore_terminal();
    saver.stop();
    match outcome {
        Ok(result) => result,
        Err(_) => {
            // The panic hook has printed what went wrong. Keep what was in memory in a file of
            // its own: the board itself keeps its last good save.
            let keep = crate::store::sibling_with_time(&board_path, "recovered");
            let written = crate::store::to_ron(&app.board)
                .map_err(std::io::Error::other)
                .and_then(|text| crate::store::write_atomic(&keep, text.as_bytes(), false));
            match written {
                Ok(()) => Err(eyre!(
                    "rapport stopped on an internal error. Your board as it was in memory is saved in {}; {} holds the last save. Compare them and keep what you need.",
                    keep.display(),
                    board_path.display()
                )),
                Err(e) => Err(eyre!(
                    "rapport stopped on an internal error, and the board in memory could not be written to {}: {e}. {} holds the last save.",
                    keep.display(),
                    board_path.display()
                )),
            }
        }
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
}

impl Loop<'_> {
    fn dispatch(&mut self, app: &mut App, action: Action) -> Next {
        let mut queue = vec![action];
        while let Some(action) = queue.pop() {
            for effect in app::update(app, action, clock::now()) {
                match effect {
                    Effect::Save => self.unsent = true,
                    Effect::Quit => match send_and_flush(self.saver, app, &mut self.unsent) {
                        Ok(()) => return Next::Quit,
                        Err(e) => queue.push(Action::QuitBlocked(e)),
                    },
                    Effect::QuitUnsaved => return Next::Quit,
                    Effect::Open(url) => {
                        if let Err(e) = open_link(&url) {
                            queue.push(Action::EffectFailed(e));
                        }
                    }
                    Effect::EditExternally { id, text } => {
                        queue.push(match edit_externally(self.terminal, &text) {
                            Ok(text) => Action::NotesEdited { id, text },
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
    review: bool,
    mut watch: Watch,
) -> Result<()> {
    let size = terminal.size()?;
    let mut lp = Loop {
        terminal,
        saver,
        unsent: false,
    };
    lp.dispatch(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    if review {
        lp.dispatch(app, Action::Review);
    }
    let mut redraw = true;
    let mut last_retry = std::time::Instant::now();
    loop {
        if redraw {
            lp.terminal.draw(|f| ui::view(app, f))?;
            redraw = false;
        }
        // Changes wait until the frame is drawn and no key is waiting: copying a big board
        // for the saving thread then never delays what the user sees, and a burst of keys
        // becomes one copy.
        if lp.unsent && !event::poll(Duration::ZERO)? {
            lp.saver.send(app.generation, &app.board);
            lp.unsent = false;
        }
        if stop.load(Ordering::Relaxed) {
            // SIGTERM/SIGHUP/SIGINT: write what we have and leave.
            return send_and_flush(lp.saver, app, &mut lp.unsent).map_err(|e| {
                eyre!(
                    "Stopped by a signal, and the last changes could not be saved to {}: {e}",
                    app.board_name
                )
            });
        }
        for action in lp.saver.poll() {
            lp.dispatch(app, action);
            redraw = true;
        }
        if !lp.unsent && !lp.saver.pending() && watch.last_check.elapsed() > Duration::from_secs(1)
        {
            watch.last_check = std::time::Instant::now();
            if let Some(action) = watch.outside_change() {
                lp.dispatch(app, action);
                redraw = true;
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
