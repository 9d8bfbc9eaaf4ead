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

/// Opens the board for a command that changes it (the lock is taken by each save).
pub(super) fn open(path: &Path) -> Result<(Store, Board)> {
    Ok(Store::open(path)?)
}

/// Saves, and says so if someone changed the file in the moment since it was read.
pub(super) fn save(store: &Store, board: &Board) -> Result<()> {
    match store.save(board)? {
        Saved::Merged { conflicts, .. } if conflicts > 0 => eprintln!(
            "Note: {} changed while this command ran; merged, and {conflicts} field{} changed on both sides keep this command's value (the other is noted on the contact).",
            store.path().display(),
            if conflicts == 1 { "" } else { "s" }
        ),
        Saved::Merged { .. } | Saved::Clean => {}
    }
    if let Some(problem) = store.backup_problem() {
        eprintln!("Note: {}", crate::text::for_terminal(&problem));
    }
    Ok(())
}

/// Whether two paths name the same file; for a path that does not exist yet, whether it
/// would be created where `b` is.
pub(super) fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    let full = |p: &Path| match (p.parent(), p.file_name()) {
        (Some(dir), Some(name)) => {
            let dir = if dir.as_os_str().is_empty() {
                Path::new(".")
            } else {
                dir
            };
            dir.canonicalize().ok().map(|d| d.join(name))
        }
        _ => None,
    };
    matches!((full(a), full(b)), (Some(x), Some(y)) if x == y)
}

/// Refuses to write `target` when it is the board, its backup or its lock file (by file,
/// not by name: a symlink or `./` spelling is caught too).
pub(super) fn refuse_board_files(target: &Path, board: &Path) -> Result<()> {
    let board = crate::store::resolve_symlink(board);
    for (what, p) in [
        ("the board", board.clone()),
        ("the board's backup", crate::store::backup_path(&board)),
        ("the board's lock file", crate::store::lock_path(&board)),
    ] {
        if same_file(target, &p) {
            return Err(UserError(format!(
                "{} is {what} ({}); rapport will not write over it. Choose another file name.",
                target.display(),
                p.display()
            ))
            .into());
        }
    }
    Ok(())
}
