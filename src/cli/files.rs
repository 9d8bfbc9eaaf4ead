//! The board file: where it is, and opening and saving it for one command.

use super::UserError;
use crate::model::Board;
use crate::store::{Saved, Store};
use color_eyre::eyre::Result;
use std::path::{Path, PathBuf};

/// Where the board lives: `--board`, else `$RAPPORT_BOARD`, else the platform data folder.
pub fn board_path(flag: Option<&Path>) -> Result<PathBuf> {
    if let Some(p) = flag {
        return Ok(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os("RAPPORT_BOARD").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "rapport").ok_or_else(|| {
        UserError(
            "Could not find your home folder to keep the board in. Set RAPPORT_BOARD or pass --board PATH."
                .into(),
        )
    })?;
    Ok(dirs.data_dir().join("board.ron"))
}

/// Opens the board for a command that changes it: locked until the `Store` drops.
pub(super) fn open(path: &Path) -> Result<(Store, Board)> {
    Ok(Store::open(path)?)
}

/// Saves, and says so if someone changed the file in the moment since it was read.
pub(super) fn save(store: &Store, board: &Board) -> Result<()> {
    if let Saved::KeptTheirs(p) = store.save(board)? {
        eprintln!(
            "Note: {} changed while this command ran; that version is kept as {}.",
            store.path().display(),
            p.display()
        );
    }
    Ok(())
}
