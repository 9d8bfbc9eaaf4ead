#![allow(clippy::unwrap_used)]
//! The store: round trips, atomic saves, backups, locks, and files broken on purpose.

mod common;

use chrono::{TimeZone, Utc};
use common::Sandbox;
use predicates::prelude::*;
use rapport::model::{Board, Contact, Stage};
use rapport::store::{self, Store, StoreError};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap()
}

fn sample() -> Board {
    let now = now();
    let mut b = Board::default();
    let mut c = Contact::new("Becky Chen", Stage::Dm, now);
    c.notes = "multi\nline \"quoted\" \\ notes, ünïcödé, 김민준 😀".into();
    c.company = Some("Lumen".into());
    b.add(c);
    b.add(Contact::new("Ana", Stage::Meet, now));
    b
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn round_trip_through_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let (store, empty) = Store::open(&path).unwrap();
    assert_eq!(empty, Board::default());
    let b = sample();
    store.save(&b).unwrap();
    assert_eq!(store::load(&path).unwrap(), b);
}

#[test]
fn save_keeps_a_backup_leaves_no_temp_files_and_is_private() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let (store, _) = Store::open(&path).unwrap();
    let mut b = sample();
    store.save(&b).unwrap();
    let first = fs::read(&path).unwrap();
    b.add(Contact::new("Third", Stage::Casual, Utc::now()));
    store.save(&b).unwrap();
    assert_eq!(fs::read(store::backup_path(&path)).unwrap(), first);
    // The lock file goes with the lock: nothing but the board and its backup remain.
    assert_eq!(names_in(dir.path()), ["board.ron", "board.ron.bak"]);
    for p in [path.clone(), store::backup_path(&path)] {
        assert_eq!(
            fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
}

#[test]
fn failed_save_leaves_the_board_and_no_temp_files() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let (store, _) = Store::open(&path).unwrap();
    store.save(&sample()).unwrap();
    let before = fs::read(&path).unwrap();
    let listing = names_in(dir.path());
    // The final rename cannot replace a non-empty folder, as root or not.
    let blocked = dir.path().join("blocked");
    fs::create_dir(&blocked).unwrap();
    fs::write(blocked.join("keep"), b"x").unwrap();
    assert!(store::write_atomic(&blocked, b"new", true).is_err());
    assert_eq!(fs::read(blocked.join("keep")).unwrap(), b"x");
    fs::remove_dir_all(&blocked).unwrap();
    assert_eq!(names_in(dir.path()), listing, "no temp files left behind");

    // Where permissions are enforced (not root), a read-only folder stops the save.
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o500)).unwrap();
    let enforced = fs::File::create(dir.path().join("probe")).is_err();
    if enforced {
        let e = store.save(&Board::default()).unwrap_err();
        assert!(matches!(e, StoreError::Write { .. }));
        assert!(e.to_string().contains("board.ron"));
    }
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o700)).unwrap();
    let _ = fs::remove_file(dir.path().join("probe"));
    assert_eq!(fs::read(&path).unwrap(), before);
    assert_eq!(names_in(dir.path()), listing);
}

#[test]
fn two_writers_share_the_board_and_neither_loses_a_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let (first, _) = Store::open(&path).unwrap();
    first.save(&sample()).unwrap();
    // A second writer reads the board while the first still has it open.
    let (second, mut theirs) = Store::open(&path).unwrap();
    theirs.add(Contact::new("From the second", Stage::Dm, now()));
    assert_eq!(second.save(&theirs).unwrap(), store::Saved::Clean);
    // The first saves a change of its own: the file changed since it wrote, so it merges.
    let mut ours = store::load(&path).unwrap();
    ours.contacts.retain(|c| c.name != "From the second");
    ours.add(Contact::new("From the first", Stage::Casual, now()));
    let saved = first.save(&ours).unwrap();
    assert!(matches!(saved, store::Saved::Merged { .. }), "{saved:?}");
    let names: Vec<String> = store::load(&path)
        .unwrap()
        .contacts
        .into_iter()
        .map(|c| c.name.clone())
        .collect();
    assert!(names.contains(&"From the first".to_string()), "{names:?}");
    assert!(names.contains(&"From the second".to_string()), "{names:?}");
}

#[test]
fn a_writer_waits_for_the_lock_then_gives_up_with_a_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let (store, _) = Store::open(&path).unwrap();
    let store = store.with_lock_wait(std::time::Duration::from_millis(300));
    store.save(&sample()).unwrap();
    let before = fs::read(&path).unwrap();
    // Another program holds the write lock and does not let go.
    let held = hold_lock(&path);
    let started = std::time::Instant::now();
    let e = store.save(&Board::default()).unwrap_err();
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(300),
        "it waited"
    );
    assert!(matches!(e, StoreError::Locked { .. }));
    assert!(e.to_string().contains(&path.display().to_string()), "{e}");
    assert!(e.to_string().contains("Try again"), "{e}");
    assert_eq!(fs::read(&path).unwrap(), before, "nothing was written");
    drop(held);
    store.save(&Board::default()).unwrap();
}

#[test]
fn twenty_cli_writers_at_once_all_land() {
    let s = Sandbox::new();
    let path = s.default_board();
    s.cmd().args(["add", "Becky"]).assert().success();
    let children: Vec<_> = (0..20)
        .map(|i| {
            std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
                .args(["--board"])
                .arg(&path)
                .args(["add", &format!("Parallel {i:02}")])
                .env("RAPPORT_NOW", common::NOW)
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let b = store::load(&path).unwrap();
    assert_eq!(b.contacts.len(), 21, "every add landed");
    for i in 0..20 {
        assert!(b.iter().any(|c| c.name == format!("Parallel {i:02}")));
    }
}

/// Every command, run against a file it cannot read, fails and leaves it byte for byte.
fn assert_untouched_by_every_command(name: &str, expect: &[&str]) {
    let s = Sandbox::new();
    let path = s.path().join("board.ron");
    fs::copy(fixture(name), &path).unwrap();
    let before = fs::read(&path).unwrap();
    let runs: [&[&str]; 6] = [
        &["add", "New Person"],
        &["move", "Becky", "--to", "dm"],
        &["list"],
        &["list", "--format", "json"],
        &["check"],
        &["add", "Other", "--stage", "meet"],
    ];
    for args in runs {
        let mut a = s
            .cmd()
            .arg("--board")
            .arg(&path)
            .args(args)
            .assert()
            .failure();
        for e in expect {
            a = a.stderr(predicate::str::contains(*e));
        }
        a.stderr(predicate::str::contains(path.display().to_string()));
        assert_eq!(
            fs::read(&path).unwrap(),
            before,
            "{name} changed by {args:?}"
        );
    }
    assert_eq!(
        names_in(s.path())
            .iter()
            .filter(|n| n.ends_with(".tmp"))
            .count(),
        0
    );
}

#[test]
fn truncated_file_is_never_overwritten() {
    assert_untouched_by_every_command("truncated.ron", &["line 13", "Nothing was changed"]);
}

#[test]
fn syntax_error_names_line_and_column() {
    assert_untouched_by_every_command("syntax-error.ron", &["line 13, column", "texting"]);
}

#[test]
fn wrong_types_are_reported() {
    assert_untouched_by_every_command("wrong-types.ron", &["line 8"]);
}

#[test]
fn unknown_fields_are_refused_not_dropped() {
    assert_untouched_by_every_command("unknown-field.ron", &["compnay"]);
}

#[test]
fn duplicate_ids_are_refused() {
    assert_untouched_by_every_command("duplicate-ids.ron", &["share the id \"a1\""]);
}

#[test]
fn newer_version_is_refused() {
    assert_untouched_by_every_command("newer-version.ron", &["newer rapport", "version 7"]);
}

#[test]
fn the_error_points_at_the_backup_when_there_is_one() {
    let s = Sandbox::new();
    let path = s.path().join("board.ron");
    s.cmd()
        .arg("--board")
        .arg(&path)
        .args(["add", "A"])
        .assert()
        .success();
    s.cmd()
        .arg("--board")
        .arg(&path)
        .args(["add", "B"])
        .assert()
        .success();
    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, &text[..text.len() / 2]).unwrap();
    s.cmd()
        .arg("--board")
        .arg(&path)
        .arg("check")
        .assert()
        .failure()
        .stderr(predicate::str::contains("board.ron.bak"));
}

#[test]
fn non_utf8_file_is_refused() {
    let s = Sandbox::new();
    let path = s.path().join("board.ron");
    fs::write(&path, b"(version: 1,\n  contacts: [\xff\xfe])").unwrap();
    // The error says where the bad bytes are.
    s.cmd()
        .arg("--board")
        .arg(&path)
        .args(["add", "X"])
        .assert()
        .failure()
        .stderr(
            predicate::str::contains("not UTF-8")
                .and(predicate::str::contains("line 2, column 14")),
        );
    assert_eq!(
        fs::read(&path).unwrap(),
        b"(version: 1,\n  contacts: [\xff\xfe])"
    );
}

#[test]
fn hand_written_file_loads_and_keeps_its_contact() {
    let b = store::load(&fixture("hand-written.ron")).unwrap();
    assert_eq!(b.contacts.len(), 1);
    assert_eq!(b.contacts[0].company.as_deref(), Some("Acme"));
    assert_eq!(b.contacts[0].stage, Stage::Phone);
    assert_eq!(
        b.settings.cadence.dm, 7,
        "missing settings take the defaults"
    );
}

#[test]
fn the_sample_board_is_a_valid_board() {
    let text =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/sample-board.ron"))
            .unwrap();
    let b = store::parse(&text, Path::new("sample")).unwrap();
    assert!(b.contacts.len() >= 10);
    for s in Stage::ALL {
        assert!(
            b.in_stage(s).count() >= 2,
            "{s} has too few sample contacts"
        );
    }
}

#[test]
fn a_symlinked_board_stays_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real.ron");
    let link = dir.path().join("board.ron");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let (store, _) = Store::open(&link).unwrap();
    store.save(&sample()).unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(store::load(&real).unwrap().contacts.len(), 2);
}

#[test]
fn only_regular_files_are_read_and_a_pipe_or_device_fails_at_once() {
    let s = Sandbox::new();
    let fifo = s.path().join("board.ron");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let started = std::time::Instant::now();
    for args in [&["list"][..], &["add", "Ana"], &["check"]] {
        s.cmd()
            .arg("--board")
            .arg(&fifo)
            .args(args)
            .timeout(std::time::Duration::from_secs(10))
            .assert()
            .failure()
            .stderr(predicate::str::contains("named pipe, not a regular file"));
    }
    s.cmd()
        .args(["--board", "/dev/zero", "list"])
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .failure()
        .stderr(predicate::str::contains("device, not a regular file"));
    s.cmd()
        .arg("--board")
        .arg(s.path().join("b.ron"))
        .arg("import")
        .arg(&fifo)
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .failure()
        .stderr(predicate::str::contains("named pipe"));
    // A config that is a pipe is reported, and the defaults are used.
    let dir = s.path().join("config/rapport");
    fs::create_dir_all(&dir).unwrap();
    assert!(
        std::process::Command::new("mkfifo")
            .arg(dir.join("config.ron"))
            .status()
            .unwrap()
            .success()
    );
    s.cmd()
        .arg("--board")
        .arg(s.path().join("b.ron"))
        .arg("check")
        .timeout(std::time::Duration::from_secs(10))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "it is a named pipe, not a regular file",
        ));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(10),
        "nothing hung"
    );
}

#[test]
fn dates_outside_1900_to_2200_are_refused_where_they_enter() {
    let s = Sandbox::new();
    let board = s.path().join("b.ron");
    let run = |args: &[&str]| s.cmd().arg("--board").arg(&board).args(args).assert();
    run(&["add", "Ana"]).success();
    run(&["log", "Ana", "--date", "-262143-01-01"])
        .failure()
        .stderr(predicate::str::contains("years 1900 to 2200"));
    run(&["follow-up", "Ana", "2999-01-01"]).failure();
    // A board file with such a date (typed by hand) is refused with the contact named, and
    // left as it is.
    let mut b = store::load(&board).unwrap();
    std::sync::Arc::make_mut(&mut b.contacts[0]).created =
        Utc.with_ymd_and_hms(1850, 1, 1, 0, 0, 0).unwrap();
    fs::write(&board, store::to_ron(&b).unwrap()).unwrap();
    let before = fs::read(&board).unwrap();
    run(&["check"])
        .failure()
        .stderr(predicate::str::contains("\"Ana\" has the date 1850-01-01"));
    run(&["add", "Bea"]).failure();
    assert_eq!(fs::read(&board).unwrap(), before);
}

#[test]
fn a_file_size_limit_is_an_ordinary_save_error() {
    let s = Sandbox::new();
    let board = s.path().join("b.ron");
    let mut b = Board::default();
    for i in 0..50 {
        b.add(Contact::new(format!("Person {i}"), Stage::Casual, now()));
    }
    fs::write(&board, store::to_ron(&b).unwrap()).unwrap();
    let before = fs::read(&board).unwrap();
    // 1 block of 512 bytes: the next save cannot fit.
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(format!(
            "ulimit -f 1; exec {} --board {} add Someone",
            env!("CARGO_BIN_EXE_rapport"),
            board.display()
        ))
        .env("RAPPORT_NOW", common::NOW)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "killed by a signal? {err}");
    assert!(err.contains("Could not save the board"), "{err}");
    assert_eq!(fs::read(&board).unwrap(), before);
}

#[test]
fn an_outside_edit_of_the_same_size_with_its_time_restored_is_still_merged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let (store, _) = Store::open(&path).unwrap();
    store.save(&sample()).unwrap();
    let mtime = fs::metadata(&path).unwrap().modified().unwrap();
    // Another program: same length, different content, modification time put back.
    let text = fs::read_to_string(&path).unwrap().replace("Lumen", "Lumos");
    fs::write(&path, &text).unwrap();
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);
    let mut ours = store::parse(&text, &path).unwrap();
    std::sync::Arc::make_mut(&mut ours.contacts[0]).company = Some("Lumen".into());
    std::sync::Arc::make_mut(&mut ours.contacts[1]).notes = "ours".into();
    let saved = store.save(&ours).unwrap();
    assert!(matches!(saved, store::Saved::Merged { .. }), "{saved:?}");
}

#[test]
fn a_save_keeps_the_mode_and_refuses_read_only_boards_and_other_users_boards() {
    let s = Sandbox::new();
    let board = s.path().join("b.ron");
    let run = |args: &[&str]| s.cmd().arg("--board").arg(&board).args(args).assert();
    run(&["add", "Ana"]).success();
    // A mode the user chose (shared with their group) survives a save.
    fs::set_permissions(&board, fs::Permissions::from_mode(0o640)).unwrap();
    run(&["add", "Bea"]).success();
    assert_eq!(
        fs::metadata(&board).unwrap().permissions().mode() & 0o777,
        0o640
    );
    // Read-only: refused, even for a user the system would let write.
    fs::set_permissions(&board, fs::Permissions::from_mode(0o440)).unwrap();
    let before = fs::read(&board).unwrap();
    run(&["add", "Cy"])
        .failure()
        .stderr(predicate::str::contains("is read-only"));
    assert_eq!(fs::read(&board).unwrap(), before);
    run(&["list"]).success();
    fs::set_permissions(&board, fs::Permissions::from_mode(0o600)).unwrap();
    // Another user's board (possible to set up only as root): refused, owner unchanged.
    use std::os::unix::fs::MetadataExt;
    if std::os::unix::fs::chown(&board, Some(4242), Some(4242)).is_ok() {
        run(&["add", "Cy"])
            .failure()
            .stderr(predicate::str::contains(
                "belongs to another user (uid 4242)",
            ));
        assert_eq!(fs::metadata(&board).unwrap().uid(), 4242);
        assert_eq!(fs::read(&board).unwrap(), before);
    } else {
        eprintln!("not root: the other-user case needs chown and is skipped");
    }
}

#[test]
fn a_board_removed_under_a_writer_is_not_recreated_until_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let (store, _) = Store::open(&path).unwrap();
    let board = sample();
    store.save(&board).unwrap();
    fs::remove_file(&path).unwrap();
    let e = store.save(&sample()).unwrap_err();
    assert!(matches!(e, StoreError::Removed { .. }), "{e:?}");
    assert!(
        e.to_string()
            .contains("board.ron was removed or moved away")
    );
    assert!(!path.exists());
    // The user asks for it back: written once, and the flag clears.
    let flag = store.recreate_flag();
    flag.store(true, std::sync::atomic::Ordering::SeqCst);
    store.save(&board).unwrap();
    assert_eq!(store::load(&path).unwrap(), board);
    assert!(!flag.load(std::sync::atomic::Ordering::SeqCst));
    fs::remove_file(&path).unwrap();
    assert!(store.save(&sample()).is_err());
    // A board that never existed is created by the first save, as always.
    let fresh = dir.path().join("new.ron");
    let (store, _) = Store::open(&fresh).unwrap();
    store.save(&sample()).unwrap();
    assert!(fresh.exists());
}

#[test]
fn read_only_says_why_a_board_cannot_be_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let (store, _) = Store::open(&path).unwrap();
    assert!(
        store.read_only().is_none(),
        "a new board in a private folder"
    );
    store.save(&sample()).unwrap();
    assert!(store.read_only().is_none());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let e = store.read_only().unwrap();
    assert!(
        matches!(e, StoreError::ReadOnly { mode: 0o444, .. }),
        "{e:?}"
    );
    assert!(e.brief().contains("read-only (mode 444"));
    // A folder nobody can make files in (even root cannot in /proc).
    let (store, board) = Store::open(Path::new("/proc/rapport-board.ron")).unwrap();
    assert!(board.contacts.is_empty());
    let e = store.read_only().unwrap();
    assert!(matches!(e, StoreError::FolderReadOnly { .. }), "{e:?}");
    assert!(e.to_string().contains("/proc/rapport-board.ron"));
    assert!(store.save(&sample()).is_err());
}

#[test]
fn a_backup_that_cannot_be_kept_is_said_and_the_save_goes_ahead() {
    let s = Sandbox::new();
    let path = s.path().join("board.ron");
    let (store, _) = Store::open(&path).unwrap();
    store.save(&sample()).unwrap();
    assert!(store.backup_problem().is_none());
    fs::create_dir(store::backup_path(&path)).unwrap();
    fs::write(store::backup_path(&path).join("keep"), b"x").unwrap();
    let mut b = sample();
    std::sync::Arc::make_mut(&mut b.contacts[0]).notes = "changed".into();
    store.save(&b).unwrap();
    assert_eq!(store::load(&path).unwrap().contacts[0].notes, "changed");
    let problem = store.backup_problem().unwrap();
    assert!(
        problem.contains("board.ron.bak (it is a folder)"),
        "{problem}"
    );
    // The command line says so too, and still saves.
    s.cmd()
        .arg("--board")
        .arg(&path)
        .args(["add", "Cy"])
        .assert()
        .success()
        .stderr(predicate::str::contains("no backup could be kept"));
    assert_eq!(store::load(&path).unwrap().contacts.len(), 3);
    // Once the folder is moved away, backups come back.
    fs::remove_dir_all(store::backup_path(&path)).unwrap();
    let (store, board) = Store::open(&path).unwrap();
    store.save(&board).unwrap();
    assert!(store.backup_problem().is_none());
    assert!(store::backup_path(&path).is_file());
}

#[test]
fn a_stale_or_damaged_snapshot_is_ignored_and_the_ron_is_read() {
    use rapport::cache;
    let s = Sandbox::new();
    let path = s.path().join("board.ron");
    let snaps = s.path().join("cache");
    let board = sample();
    fs::write(&path, store::to_ron(&board).unwrap()).unwrap();
    let (fp, _) = store::Fingerprint::read(&path).unwrap().unwrap();
    cache::store_in(&snaps, &path, fp.hash, fp.size(), &board).unwrap();
    assert_eq!(
        cache::load_from(&snaps, &path, fp.hash, fp.size()).as_ref(),
        Some(&board)
    );
    // Made from other bytes (the file changed since): not used.
    assert!(cache::load_from(&snaps, &path, fp.hash ^ 1, fp.size()).is_none());
    assert!(cache::load_from(&snaps, &path, fp.hash, fp.size() + 1).is_none());
    // Damaged anywhere (header, body, cut short): not used.
    let file = fs::read_dir(&snaps)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "bin"))
        .unwrap();
    let good = fs::read(&file).unwrap();
    for at in [0, 9, 20, 40, good.len() / 2, good.len() - 1] {
        let mut bad = good.clone();
        bad[at] ^= 0x20;
        fs::write(&file, &bad).unwrap();
        assert!(
            cache::load_from(&snaps, &path, fp.hash, fp.size()).is_none(),
            "a flipped byte at {at} was not noticed"
        );
    }
    fs::write(&file, &good[..good.len() - 10]).unwrap();
    assert!(cache::load_from(&snaps, &path, fp.hash, fp.size()).is_none());
    fs::write(&file, b"").unwrap();
    assert!(cache::load_from(&snaps, &path, fp.hash, fp.size()).is_none());

    // End to end: commands keep a snapshot and use it, and an outside edit or a damaged
    // snapshot never shows anything but what the file says.
    let run = |args: &[&str]| {
        s.cmd()
            .env("RAPPORT_CACHE_DIR", &snaps)
            .arg("--board")
            .arg(&path)
            .args(args)
            .assert()
            .success()
    };
    fs::remove_dir_all(&snaps).unwrap();
    run(&["add", "Ana Lima"]);
    assert!(
        fs::read_dir(&snaps).unwrap().count() == 1,
        "a save keeps a snapshot"
    );
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("Ana Lima", "Bea Lima");
    fs::write(&path, text).unwrap();
    run(&["list"]).stdout(
        predicate::str::contains("Bea Lima").and(predicate::str::contains("Ana Lima").not()),
    );
    let file = fs::read_dir(&snaps)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let mut bad = fs::read(&file).unwrap();
    let n = bad.len();
    bad[n - 3] ^= 0x01;
    fs::write(&file, &bad).unwrap();
    run(&["list"]).stdout(predicate::str::contains("Bea Lima"));
}

#[test]
fn a_board_saved_once_opens_from_its_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let snaps = Some(dir.path().join("snapshots"));
    let (store, _) = Store::open_with_snapshots(&path, snaps.clone()).unwrap();
    let board = sample();
    store.save(&board).unwrap();
    let (again, loaded) = Store::open_with_snapshots(&path, snaps.clone()).unwrap();
    assert_eq!(loaded, board);
    assert!(again.opened_from_snapshot());
    // Changed outside: parsed again, and the change is what loads.
    let text = fs::read_to_string(&path)
        .unwrap()
        .replace("Becky Chen", "Becky Lin");
    fs::write(&path, text).unwrap();
    let (third, loaded) = Store::open_with_snapshots(&path, snaps).unwrap();
    assert!(!third.opened_from_snapshot());
    assert!(loaded.iter().any(|c| c.name == "Becky Lin"));
}

/// Takes the write lock as another rapport would: open (creating) `board.ron.lock`, flock it.
fn hold_lock(board: &std::path::Path) -> fs::File {
    let f = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(store::lock_path(board))
        .unwrap();
    f.lock().unwrap();
    f
}

#[test]
fn no_lock_file_is_left_after_a_save_or_a_failed_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let (store, _) = Store::open(&path).unwrap();
    store.save(&sample()).unwrap();
    assert!(!store::lock_path(&path).exists());
    // A save that fails once it holds the lock (the board was made read-only) also
    // removes it.
    fs::set_permissions(&path, fs::Permissions::from_mode(0o400)).unwrap();
    assert!(matches!(
        store.save(&Board::default()),
        Err(StoreError::ReadOnly { .. })
    ));
    assert!(!store::lock_path(&path).exists());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    // A lock file left by a writer that was killed is used and then removed.
    drop(hold_lock(&path));
    assert!(store::lock_path(&path).exists());
    store.save(&sample()).unwrap();
    assert!(!store::lock_path(&path).exists());
}

/// The race that removing the lock file opens: a writer opens `board.ron.lock` and waits;
/// the holder removes the file and lets go; meanwhile a third writer has made a new lock
/// file and holds it. The waiting writer gets the lock on the removed file, and must notice
/// that it locks nothing and wait for the new one, instead of writing beside the third.
#[test]
fn a_writer_that_locked_a_removed_lock_file_waits_for_the_current_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let (store, _) = Store::open(&path).unwrap();
    store.save(&sample()).unwrap();
    let before = fs::read(&path).unwrap();
    let first = hold_lock(&path);
    let writer = std::thread::spawn({
        let path = path.clone();
        move || {
            let (store, _) = Store::open(&path).unwrap();
            let store = store.with_lock_wait(std::time::Duration::from_secs(20));
            store.save(&Board::default())
        }
    });
    // Let the writer open the first lock file and start waiting on it.
    std::thread::sleep(std::time::Duration::from_millis(300));
    // The holder removes its file (as a finishing rapport does); a third writer makes a new
    // one and takes it; then the first holder lets go.
    fs::remove_file(store::lock_path(&path)).unwrap();
    let third = hold_lock(&path);
    drop(first);
    std::thread::sleep(std::time::Duration::from_millis(500));
    assert!(
        !writer.is_finished(),
        "the writer went ahead while another held the lock"
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        before,
        "nothing written meanwhile"
    );
    drop(third);
    writer.join().unwrap().unwrap();
    assert_ne!(fs::read(&path).unwrap(), before, "then it wrote");
}

#[test]
fn a_lock_file_that_cannot_be_opened_is_named_as_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    let (store, _) = Store::open(&path).unwrap();
    // Something that is not a file stands where the lock file goes.
    fs::create_dir(store::lock_path(&path)).unwrap();
    let e = store.save(&sample()).unwrap_err().to_string();
    let lock = store::lock_path(&path).display().to_string();
    assert!(
        e.contains(&format!("Check that you may write {lock}, or delete it")),
        "{e}"
    );
    assert!(!e.contains("that folder"), "{e}");
}

#[test]
fn an_empty_board_file_is_left_alone_with_a_hint_and_a_byte_order_mark_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("board.ron");
    for empty in ["", "\n  \n", "\u{FEFF}"] {
        fs::write(&path, empty).unwrap();
        let e = Store::open(&path).unwrap_err();
        assert!(matches!(e, StoreError::Empty { .. }), "{e}");
        let text = e.to_string();
        assert!(text.contains("is empty"), "{text}");
        assert!(text.contains("Delete it to start a new board"), "{text}");
        assert_eq!(fs::read_to_string(&path).unwrap(), empty, "untouched");
    }
    let b = sample();
    let mut bom = "\u{FEFF}".to_string();
    bom.push_str(&store::to_ron(&b).unwrap());
    fs::write(&path, bom).unwrap();
    let (_, board) = Store::open(&path).unwrap();
    assert_eq!(board, b);
    assert_eq!(store::load(&path).unwrap(), b);
}
