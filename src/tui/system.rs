//! The system around the terminal: entering and restoring it, opening links, running
//! `$EDITOR`, and the signals that ask rapport to stop.

use super::saver::Progress;
use color_eyre::eyre::{Result, WrapErr};
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableFocusChange, DisableMouseCapture, EnableBracketedPaste,
    EnableFocusChange, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Puts the terminal back the way it was: mouse, paste and focus reporting off, raw mode off.
pub(super) fn restore_terminal() {
    let _ = execute!(
        std::io::stdout(),
        DisableMouseCapture,
        DisableBracketedPaste,
        DisableFocusChange
    );
    ratatui::restore();
}

pub(super) fn enter_terminal() -> Result<ratatui::DefaultTerminal> {
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
pub(super) fn open_link(url: &str) -> Result<(), String> {
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
pub(super) fn edit_externally(
    terminal: &mut ratatui::DefaultTerminal,
    text: &str,
) -> Result<String, String> {
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
pub(super) fn watch_signals(stop: Arc<AtomicBool>, progress: Arc<Progress>) -> Result<()> {
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
