use super::*;
use crate::model::{Contact, Stage};
use chrono::{TimeZone, Utc};

fn at() -> chrono::DateTime<chrono::Utc> {
    Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0)
        .single()
        .unwrap_or_default()
}

/// Replaces the board file as a sync tool or an editor does: a new file renamed over it.
fn replace_outside(path: &Path, board: &Board) {
    let tmp = path.with_extension("outside");
    fs::write(&tmp, to_ron(board).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
    fs::rename(&tmp, path).unwrap_or_else(|e| panic!("{e}"));
}

/// A board file holding Ann, the store opened on it, and our board with Bo added (not
/// saved yet). The folder lives as long as the first value.
fn ann_on_disk_bo_ours() -> (tempfile::TempDir, PathBuf, Board, Store, Board) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("board.ron");
    let mut first = Board::default();
    first.add(Contact::new("Ann", Stage::Casual, at()));
    fs::write(&path, to_ron(&first).unwrap_or_default()).unwrap_or_else(|e| panic!("{e}"));
    let (store, mut ours) =
        Store::open_with_snapshots(&path, None).unwrap_or_else(|e| panic!("{e}"));
    ours.add(Contact::new("Bo", Stage::Dm, at()));
    (dir, path, first, store, ours)
}

/// Runs `f` on the board file's path each time a save is about to rename its temp file.
fn before_rename(store: &Store, f: impl FnMut(&Path) + Send + 'static) {
    *store
        .before_rename
        .lock()
        .unwrap_or_else(|p| p.into_inner()) = Some(BeforeRename(Box::new(f)));
}

#[test]
fn a_version_written_outside_while_saving_is_merged_not_lost() {
    let (_dir, path, first, store, ours) = ann_on_disk_bo_ours();
    let ann = first.contacts[0].id.clone();
    // While our save writes its temp file, someone renames Ann.
    let mut theirs = first.clone();
    if let Some(c) = theirs.get_mut(&ann) {
        c.name = "Ann Renamed".into();
    }
    let mut once = Some(theirs);
    before_rename(&store, move |p| {
        if let Some(t) = once.take() {
            replace_outside(p, &t);
        }
    });
    let saved = store.save(&ours).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(saved, Saved::Merged { .. }), "{saved:?}");
    let on_disk = load(&path).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = on_disk.iter().map(|c| c.name.as_str()).collect();
    assert!(
        names.contains(&"Ann Renamed"),
        "their rename was lost: {names:?}"
    );
    assert!(names.contains(&"Bo"), "our contact was lost: {names:?}");
    // And the store knows the file it wrote: the next save is a plain one.
    assert_eq!(store.save(&on_disk).ok(), Some(Saved::Clean));
}

#[test]
fn a_file_that_keeps_changing_is_never_written_over() {
    let (_dir, path, first, store, ours) = ann_on_disk_bo_ours();
    // Every attempt finds a new outside version just before its rename.
    let mut outside = first.clone();
    let mut n = 0;
    before_rename(&store, move |p| {
        outside.add(Contact::new(format!("Outside {n}"), Stage::Casual, at()));
        n += 1;
        replace_outside(p, &outside);
    });
    let e = store.save(&ours).err();
    assert!(
        matches!(e, Some(StoreError::Changed { .. })),
        "gave up with {e:?}"
    );
    // The last outside version is what the file holds: nothing was written over it.
    let on_disk = load(&path).unwrap_or_else(|e| panic!("{e}"));
    let last = format!("Outside {}", SAVE_ATTEMPTS - 1);
    assert!(on_disk.iter().any(|c| c.name == last), "{last} was lost");
    assert!(on_disk.iter().all(|c| c.name != "Bo"));
}

#[test]
fn a_version_already_parsed_is_merged_with_only_if_it_is_the_one_on_disk() {
    let (_dir, path, first, store, ours) = ann_on_disk_bo_ours();
    // Someone adds Cy; the watcher read that version and offers it.
    let mut theirs = first.clone();
    theirs.add(Contact::new("Cy", Stage::Casual, at()));
    replace_outside(&path, &theirs);
    let hash = Fingerprint::of_file(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .map(|f| f.hash)
        .unwrap_or_default();
    // What is offered for that hash is what the save merges with: it is not read again
    // (the offer carries a mark the file does not have, to tell).
    let mut offered = theirs.clone();
    offered.add(Contact::new("Only in the offer", Stage::Casual, at()));
    *store.offered().lock().unwrap_or_else(|p| p.into_inner()) = Some((hash, offered));
    store.save(&ours).unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<String> = load(&path)
        .unwrap_or_else(|e| panic!("{e}"))
        .iter()
        .map(|c| c.name.clone())
        .collect();
    assert!(names.iter().any(|n| n == "Only in the offer"), "{names:?}");
    assert!(names.iter().any(|n| n == "Cy") && names.iter().any(|n| n == "Bo"));

    // An offer for another version than the one on disk is not used.
    let mut again = load(&path).unwrap_or_else(|e| panic!("{e}"));
    again.add(Contact::new("Dee", Stage::Casual, at()));
    replace_outside(&path, &again);
    let mut stale = again.clone();
    stale.add(Contact::new("Stale offer", Stage::Casual, at()));
    *store.offered().lock().unwrap_or_else(|p| p.into_inner()) = Some((hash, stale));
    let on_disk = load(&path).unwrap_or_else(|e| panic!("{e}"));
    store.save(&on_disk).unwrap_or_else(|e| panic!("{e}"));
    let after = load(&path).unwrap_or_else(|e| panic!("{e}"));
    assert!(after.iter().any(|c| c.name == "Dee"));
    assert!(after.iter().all(|c| c.name != "Stale offer"));
}
