//! The saving thread: boards are written in the background so a large save never blocks
//! a keypress, and a burst of changes becomes one write of the latest board.

use crate::action::Action;
use crate::app::App;
use crate::model::Board;
use crate::store::{Saved, Store, StoreError};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// Writes boards in the background so a large save never blocks a keypress. Bursts of
/// changes collapse into one write of the latest board.
pub(super) struct Saver {
    tx: Option<Sender<(u64, Board)>>,
    results: Receiver<Outcome>,
    handle: Option<JoinHandle<()>>,
    /// The newest board generation sent, and the newest known to be on disk.
    sent: u64,
    saved: u64,
    pub(super) failed: bool,
    /// The same two numbers, shared with the signal watcher, kept by the saving thread.
    pub(super) progress: Arc<Progress>,
}

/// One finished save.
struct Outcome {
    generation: u64,
    result: Result<Saved, String>,
    /// The board that was sent, when a merge needs folding into the app.
    sent: Option<Board>,
    /// The file had been removed under us: nothing was written.
    removed: bool,
    /// Saved, but no backup could be kept (the sentence says why).
    backup_problem: Option<String>,
}

/// How far saving has got, readable from any thread.
#[derive(Default)]
pub(super) struct Progress {
    sent: AtomicU64,
    saved: AtomicU64,
}

impl Progress {
    pub(super) fn settled(&self) -> bool {
        self.saved.load(Ordering::SeqCst) >= self.sent.load(Ordering::SeqCst)
    }
}

impl Saver {
    pub(super) fn start(store: Store) -> Saver {
        let (tx, rx) = mpsc::channel::<(u64, Board)>();
        let (rtx, results) = mpsc::channel();
        let progress = Arc::new(Progress::default());
        let shared = Arc::clone(&progress);
        let handle = std::thread::spawn(move || {
            while let Ok(mut job) = rx.recv() {
                while let Ok(newer) = rx.try_recv() {
                    job = newer;
                }
                let result = store.save(&job.1);
                let removed = matches!(result, Err(StoreError::Removed { .. }));
                let result = result.map_err(|e| e.to_string());
                if result.is_ok() {
                    shared.saved.fetch_max(job.0, Ordering::SeqCst);
                }
                // A merge is folded into the app against the board that was sent.
                let sent = matches!(result, Ok(Saved::Merged { .. })).then_some(job.1);
                let outcome = Outcome {
                    generation: job.0,
                    backup_problem: result.is_ok().then(|| store.backup_problem()).flatten(),
                    result,
                    sent,
                    removed,
                };
                if rtx.send(outcome).is_err() {
                    break;
                }
            }
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
    pub(super) fn send(&mut self, generation: u64, board: &Board) {
        self.sent = self.sent.max(generation);
        self.progress.sent.store(self.sent, Ordering::SeqCst);
        if let Some(tx) = &self.tx {
            let _ = tx.send((generation, board.clone()));
        }
    }

    pub(super) fn pending(&self) -> bool {
        self.saved < self.sent
    }

    /// Collects finished saves, as actions for `update`: each result, or the merge a save
    /// made with a file changed elsewhere.
    pub(super) fn poll(&mut self) -> Vec<Action> {
        let mut actions = Vec::new();
        while let Ok(o) = self.results.try_recv() {
            let generation = o.generation;
            match (o.result, o.sent) {
                (Ok(Saved::Merged { board, conflicts }), Some(sent)) => {
                    let _ = self.record(generation, Ok(()));
                    actions.push(Action::Merged {
                        generation,
                        sent: Box::new(sent),
                        merged: board,
                        conflicts,
                    });
                }
                (result, _) => {
                    let result = self.record(generation, result.map(|_| ()));
                    actions.push(Action::Saved { generation, result });
                    if o.removed {
                        actions.push(Action::BoardRemoved);
                    }
                }
            }
            if let Some(problem) = o.backup_problem {
                actions.push(Action::BackupProblem(problem));
            }
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
    pub(super) fn flush(&mut self, timeout: Duration) -> Result<(), String> {
        let deadline = std::time::Instant::now() + timeout;
        while self.pending() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            match self.results.recv_timeout(left) {
                Ok(o) => {
                    if let Err(e) = self.record(o.generation, o.result.map(|_| ()))
                        && o.generation == self.sent
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

    pub(super) fn stop(mut self) {
        self.tx = None;
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

/// Hands over any change not yet sent, then waits until it is on disk.
pub(super) fn send_and_flush(
    saver: &mut Saver,
    app: &App,
    unsent: &mut bool,
) -> Result<(), String> {
    // After a failed save nothing is in flight: try once more, so the answer comes now
    // rather than after the timeout.
    if *unsent || saver.failed {
        saver.send(app.generation, &app.board);
        *unsent = false;
    }
    saver.flush(Duration::from_secs(10))
}
