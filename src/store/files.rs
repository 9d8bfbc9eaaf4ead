//! Plain file work: reading a regular file whole, the names kept beside a board, and
//! writing atomically (temp file, fsync, backup link, rename, folder fsync).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The path of the backup kept beside a board: `board.ron` → `board.ron.bak`.
pub fn backup_path(path: &Path) -> PathBuf {
    sibling(path, ".bak")
}

/// The lock file beside a board: `board.ron` → `board.ron.lock`.
pub fn lock_path(path: &Path) -> PathBuf {
    sibling(path, ".lock")
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// The most rapport reads from one file: far beyond any real board or address book, and
/// small enough that a wrong path (`/dev/zero`, a disk image) fails at once.
pub const MAX_FILE_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a regular file whole. Anything else (a named pipe, which would block forever; a
/// device, which may never end; a folder) or a file over `MAX_FILE_BYTES` is an error that
/// says what the path is.
pub fn read_regular(path: &Path) -> io::Result<Vec<u8>> {
    read_with_meta(path).map(|(bytes, _)| bytes)
}

/// `read_regular`, with the metadata of the very file that was read (taken from the open
/// handle, so a file renamed into place meanwhile cannot be mistaken for it).
pub(super) fn read_with_meta(path: &Path) -> io::Result<(Vec<u8>, fs::Metadata)> {
    use std::io::Read;
    let (file, meta) = open_regular(path)?;
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_FILE_BYTES) as usize);
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_big());
    }
    Ok((bytes, meta))
}

/// Opens a regular file of at most `MAX_FILE_BYTES` for reading, with the metadata of the
/// open handle; anything else is an error that says what the path is.
pub fn open_regular(path: &Path) -> io::Result<(File, fs::Metadata)> {
    // Looked at before opening: opening a named pipe would wait for a writer.
    let meta = fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", file_kind(&meta)),
        ));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_big());
    }
    let file = File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("it is {}, not a regular file", file_kind(&meta)),
        ));
    }
    Ok((file, meta))
}

pub(super) fn too_big() -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "it is larger than {} MiB, more than rapport reads from one file",
            MAX_FILE_BYTES / (1024 * 1024)
        ),
    )
}

fn file_kind(meta: &fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    if meta.is_dir() {
        "a folder"
    } else {
        "not a file"
    }
}

/// `board.ron` → `board.<what>-20261127T093000.ron`, beside it.
pub fn sibling_with_time(path: &Path, what: &str) -> PathBuf {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "board".into());
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
    let name = format!("{stem}.{what}-{stamp}{ext}");
    let mut p = path.with_file_name(&name);
    let mut n = 2;
    while p.exists() {
        p = path.with_file_name(format!("{stem}.{what}-{stamp}-{n}{ext}"));
        n += 1;
    }
    p
}

/// A board path that is a symlink (dotfile managers do this) is written through to its target,
/// so the link stays a link. Follows chains; a dangling link names the file to create.
pub fn resolve_symlink(path: &Path) -> PathBuf {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::read_link(&p) {
            Ok(target) => {
                p = match p.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                }
            }
            Err(_) => return p,
        }
    }
    path.to_path_buf()
}

/// Temp files beside the board can only be left by a writer that was killed mid-save; the
/// lock holder is the only writer, so once it holds the lock they are safe to remove.
pub(super) fn remove_stale_temp_files(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let ours = n.starts_with(&prefix) || n.starts_with(".bak.") || n.starts_with(".uid.");
        if ours && n.ends_with(".tmp") {
            let _ = fs::remove_file(e.path());
        }
    }
}

pub(super) fn create_dir_private(dir: &Path) -> io::Result<()> {
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

pub(super) fn open_private(path: &Path, truncate: bool) -> io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true).write(true).create(true).truncate(truncate);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
}

/// Writes `bytes` to `path` so that, whatever happens, `path` holds either the old or the new
/// content in full: temp file in the same folder, fsync, rename, fsync the folder. With
/// `backup`, the previous content is kept as `path.bak` first. The temp file is removed on
/// any failure.
pub fn write_atomic(path: &Path, bytes: &[u8], backup: bool) -> io::Result<()> {
    write_replacing(path, bytes, backup).map(|_| ())
}

/// `write_atomic`, telling why no backup could be kept (the save itself went ahead).
pub(super) fn write_replacing(
    path: &Path,
    bytes: &[u8],
    backup: bool,
) -> io::Result<Option<io::Error>> {
    match write_replacing_with(path, backup, |f| f.write_all(bytes), || Ok(true))? {
        Replaced::Done(backup) => Ok(backup),
        Replaced::Abandoned => Err(io::Error::other("the write was abandoned")),
    }
}

/// What `write_replacing_with` did.
pub(super) enum Replaced {
    /// The file was replaced; why no backup could be kept, if none could.
    Done(Option<io::Error>),
    /// `confirm` said no: nothing was replaced, the temp file is gone.
    Abandoned,
}

/// `write_replacing`, the content written by `write` into the temp file as it is made
/// (so a big board is never held whole as text).
/// Just before the rename (after the backup), `confirm` is asked whether to go ahead (the
/// caller checks that the file is still the version it merged with).
pub(super) fn write_replacing_with(
    path: &Path,
    backup: bool,
    write: impl FnOnce(&mut File) -> io::Result<()>,
    confirm: impl FnOnce() -> io::Result<bool>,
) -> io::Result<Replaced> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "board".into());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    write(tmp.as_file_mut())?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        // A new file is private; a replaced one keeps its mode and group.
        let old = fs::metadata(path).ok();
        let mode = old.as_ref().map_or(0o600, |m| m.mode() & 0o7777);
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))?;
        if let Some(m) = old {
            let _ = std::os::unix::fs::fchown(tmp.as_file(), None, Some(m.gid()));
        }
    }
    tmp.as_file().sync_all()?;
    // The backup is a convenience; failing to make one must not stop the save itself.
    let backup_failed = if backup && path.exists() {
        keep_backup(path, &dir).err()
    } else {
        None
    };
    // Asked last, so that nothing but the rename comes after the answer.
    if !confirm()? {
        return Ok(Replaced::Abandoned);
    }
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(&dir)?;
    Ok(Replaced::Done(backup_failed))
}

/// Makes `path.bak` the current content of `path`, atomically. A hard link costs no copy;
/// where links are not supported, copy instead.
fn keep_backup(path: &Path, dir: &Path) -> io::Result<()> {
    let bak = backup_path(path);
    // A writer killed between making the backup and renaming the new board in leaves the
    // two as links to one file. Renaming a link onto another link of the same file does
    // nothing (POSIX), which would leave the staging link behind; the backup is current.
    if same_file(path, &bak) {
        return Ok(());
    }
    let staging = tempfile::Builder::new()
        .prefix(".bak.")
        .suffix(".tmp")
        .make_in(dir, |p| fs::hard_link(path, p))
        .or_else(|_| {
            tempfile::Builder::new()
                .prefix(".bak.")
                .suffix(".tmp")
                .make_in(dir, |p| fs::copy(path, p).map(|_| ()))
        })?;
    staging.persist(&bak).map_err(|e| e.error)?;
    Ok(())
}

/// The user id new files get in the board's folder (ours), found by making one; an error
/// if no file can be made there.
#[cfg(unix)]
pub(super) fn new_file_owner(path: &Path) -> io::Result<u32> {
    use std::os::unix::fs::MetadataExt;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let probe = tempfile::Builder::new()
        .prefix(".uid.")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    Ok(probe.as_file().metadata()?.uid())
}

/// Whether two paths name the same file (device and inode).
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (fs::metadata(a), fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (a, b);
        false
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_backup_that_already_is_the_board_leaves_no_staging_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("board.ron");
        fs::write(&path, "x").unwrap();
        // What a writer killed between backup and rename leaves: .bak linked to the board.
        fs::hard_link(&path, backup_path(&path)).unwrap();
        write_atomic(&path, b"y", true).unwrap();
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["board.ron", "board.ron.bak"]);
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"x");
        assert_eq!(fs::read(&path).unwrap(), b"y");
    }
}
