//! The sample board shipped in assets/: for `--demo`, tests and benchmarks. Its dates are
//! moved so that "today" in the sample is today.

use crate::model::Board;
use crate::store::{self, StoreError};
use chrono::NaiveDate;
use std::path::{Path, PathBuf};

pub const SAMPLE_BOARD: &str = include_str!("../assets/sample-board.ron");

/// The day the sample's dates were written for.
const SAMPLE_TODAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 3, 16) {
    Some(d) => d,
    None => panic!("the sample's anchor date is not a date"),
};

/// The sample board, its dates moved so that its "today" is `today`.
pub fn sample_board(today: NaiveDate) -> Result<Board, StoreError> {
    let mut board = store::parse(SAMPLE_BOARD, Path::new("assets/sample-board.ron"))?;
    board.shift_dates(today - SAMPLE_TODAY);
    Ok(board)
}

/// Why the demo board could not be set up.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{0}")]
    Board(#[from] StoreError),
    #[error(transparent)]
    Ron(#[from] ron::Error),
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// Writes the sample board into a fresh temporary folder; the folder goes when it is dropped.
pub fn demo_board(today: NaiveDate) -> Result<(tempfile::TempDir, PathBuf), DemoError> {
    let dir = tempfile::Builder::new().prefix("rapport-demo-").tempdir()?;
    let path = dir.path().join("board.ron");
    let board = sample_board(today)?;
    let text = store::to_ron(&board)?;
    store::write_atomic(&path, text.as_bytes(), false)?;
    Ok((dir, path))
}
