#![allow(clippy::unwrap_used)]
//! End to end: the real binary in a pseudo-terminal, driven by keystrokes, read through a
//! terminal emulator. Waits for what is visible on screen rather than sleeping.

mod common;

use common::Sandbox;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

struct Tui {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Option<Box<dyn Write + Send>>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote, as the terminal received it.
    raw: Arc<Mutex<Vec<u8>>>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Drop for Tui {
    fn drop(&mut self) {
        // Never leave a rapport behind when a test fails half-way.
        if let Ok(None) = self.child.try_wait() {
            let _ = self.child.kill();
        }
    }
}

impl Tui {
    fn start(s: &Sandbox, board: &Path, cols: u16, rows: u16) -> Tui {
        Tui::start_with(s, board, cols, rows, &[])
    }

    fn start_with(s: &Sandbox, board: &Path, cols: u16, rows: u16, args: &[&str]) -> Tui {
        Tui::start_env(s, board, cols, rows, args, &[])
    }

    /// Starts with `env` set over the usual environment (`TERM`, say).
    fn start_env(
        s: &Sandbox,
        board: &Path,
        cols: u16,
        rows: u16,
        args: &[&str],
        env: &[(&str, &str)],
    ) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_rapport"));
        cmd.env_clear();
        cmd.env("HOME", s.path().join("home"));
        cmd.env("XDG_DATA_HOME", s.path().join("data"));
        cmd.env("XDG_CONFIG_HOME", s.path().join("config"));
        cmd.env("TERM", "xterm-256color");
        cmd.env("RAPPORT_NOW", common::NOW);
        cmd.env("RAPPORT_CRASH_TEST", "1");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.cwd(s.path());
        cmd.arg("--board");
        cmd.arg(board);
        for a in args {
            cmd.arg(a);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().unwrap();
        let writer = pair.master.take_writer().unwrap();
        let screen = Arc::new(Mutex::new(vt100::Parser::new(rows, cols, 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (sink, raw_sink) = (Arc::clone(&screen), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock().unwrap().process(&buf[..n]);
                raw_sink.lock().unwrap().extend_from_slice(&buf[..n]);
            }
        });
        Tui {
            child,
            writer: Some(writer),
            screen,
            raw,
            _master: pair.master,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; fails with the screen if it never does.
    fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!(
            "the screen never showed {text:?}; it shows:\n{}",
            self.contents()
        );
    }

    fn keys(&mut self, s: &str) {
        let w = self.writer.as_mut().unwrap();
        w.write_all(s.as_bytes()).unwrap();
        w.flush().unwrap();
    }

    fn signal(&self, sig: &str) {
        let pid = self.child.process_id().unwrap();
        let ok = std::process::Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .unwrap();
        assert!(ok.success());
    }

    fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        panic!(
            "rapport did not exit; the screen shows:\n{}",
            self.contents()
        );
    }
}

/// Runs a CLI command against the test board, which must succeed.
fn cli(s: &Sandbox, board: &Path, args: &[&str]) {
    s.cmd()
        .arg("--board")
        .arg(board)
        .args(args)
        .assert()
        .success();
}

fn stage_of(board: &Path, name: &str) -> String {
    let b = rapport::store::load(board).unwrap();
    b.iter()
        .find(|c| c.name == name)
        .map(|c| c.stage.id().to_string())
        .unwrap_or_else(|| panic!("{name} is not on the board"))
}

#[test]
fn add_move_right_twice_left_once_quit_and_the_file_has_it_in_dm() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Your board is empty");
    tui.keys("n");
    tui.wait_for("New contact");
    tui.keys("Becky Chen\t@becky");
    tui.wait_for("@becky");
    tui.keys("\r");
    tui.wait_for("Added Becky Chen");
    tui.keys("L");
    tui.wait_for("Moved Becky Chen → Direct messages");
    tui.keys("L");
    tui.wait_for("Moved Becky Chen → Phone conversations");
    tui.keys("H");
    tui.wait_for("Moved Becky Chen → Direct messages");
    tui.keys("q");
    let status = tui.wait_exit();
    assert!(status.success(), "{status:?}");
    assert_eq!(stage_of(&board, "Becky Chen"), "dm");
    let b = rapport::store::load(&board).unwrap();
    let stages: Vec<&str> = b.contacts[0]
        .stage_history
        .iter()
        .map(|h| h.stage.id())
        .collect();
    assert_eq!(stages, ["casual", "dm", "phone", "dm"]);
    assert_eq!(b.contacts[0].handles, ["@becky"]);
}

#[test]
fn a_cli_writer_next_to_the_open_app_lands_and_the_app_merges_it() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let mut tui = Tui::start(&s, &board, 100, 30);
    tui.wait_for("Ana Lima");
    // A second terminal writes while the app is open: it is not refused.
    cli(&s, &board, &["add", "Bea Cruz"]);
    tui.wait_for("Bea Cruz");
    tui.wait_for("changed elsewhere; merged");
    tui.keys("L");
    tui.wait_for("Moved Ana Lima");
    cli(
        &s,
        &board,
        &["log", "Bea", "--note", "from the other terminal"],
    );
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let b = rapport::store::load(&board).unwrap();
    assert_eq!(b.contacts.len(), 2);
    assert_eq!(stage_of(&board, "Ana Lima"), "dm");
    let bea = b.iter().find(|c| c.name == "Bea Cruz").unwrap();
    assert_eq!(
        bea.interactions.len(),
        1,
        "the CLI's log survives the app's save"
    );
    assert!(files_named(s.path(), "conflict").is_empty());
}

#[test]
fn an_open_form_saves_only_its_changes_over_an_outside_edit() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Alice Hart"]);
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Alice Hart");
    tui.keys("e");
    tui.wait_for("Edit contact");
    // From outside, while the form is open: a note on Alice.
    cli(
        &s,
        &board,
        &["edit", "Alice", "--note", "met at the meetup"],
    );
    tui.wait_for("changed elsewhere; merged");
    // In the form: the company (Tab ×4 from the name).
    tui.keys("\t\t\t\tNorthwind");
    tui.keys("\r");
    tui.wait_for("Saved Alice Hart");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let b = rapport::store::load(&board).unwrap();
    let alice = &b.contacts[0];
    assert_eq!(
        alice.notes, "met at the meetup",
        "the outside note survives"
    );
    assert_eq!(alice.company.as_deref(), Some("Northwind"));
}

#[test]
fn a_signal_mid_burst_saves_every_move_on_screen() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    let mut b = rapport::model::Board::default();
    let at = chrono::DateTime::parse_from_rfc3339(common::NOW)
        .unwrap()
        .with_timezone(&chrono::Utc);
    for i in 0..3000 {
        b.add(rapport::model::Contact::new(
            format!("Person {i:04}"),
            rapport::model::Stage::Casual,
            at,
        ));
    }
    std::fs::write(&board, rapport::store::to_ron(&b).unwrap()).unwrap();
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Person 0000");
    tui.keys(&"Lh".repeat(150));
    // Let some of the burst reach the screen, then stop the app in the middle of it.
    let deadline = Instant::now() + Duration::from_secs(20);
    let moved_on_screen = loop {
        let n = direct_messages_count(&tui.contents());
        if n >= 20 || Instant::now() > deadline {
            break n;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    tui.signal("-TERM");
    assert!(tui.wait_exit().success());
    let on_disk = rapport::store::load(&board)
        .unwrap()
        .contacts
        .iter()
        .filter(|c| c.stage == rapport::model::Stage::Dm)
        .count();
    assert!(moved_on_screen >= 20, "the burst never showed");
    assert!(
        on_disk >= moved_on_screen,
        "{moved_on_screen} moves were on screen, {on_disk} on disk"
    );
}

/// The count in the "DMs N" column title (at 100 columns every title is the short one).
fn direct_messages_count(screen: &str) -> usize {
    screen
        .split(" DMs ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

#[test]
fn sigterm_saves_the_last_change_and_restores_the_terminal() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let mut tui = Tui::start(&s, &board, 100, 30);
    tui.wait_for("Ana Lima");
    tui.keys("L");
    tui.wait_for("Moved Ana Lima");
    tui.signal("-TERM");
    tui.wait_exit();
    assert_eq!(stage_of(&board, "Ana Lima"), "dm");
    // The alternate screen was left: the emulator is back on the main screen (the last
    // bytes may still be on their way through the pty).
    let deadline = Instant::now() + Duration::from_secs(10);
    while tui.screen.lock().unwrap().screen().alternate_screen() {
        assert!(
            Instant::now() < deadline,
            "the terminal was left on the alternate screen"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_broken_board_is_refused_before_the_terminal_is_touched() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    std::fs::write(&board, "(version: 1, contacts: [(name: ").unwrap();
    let mut tui = Tui::start(&s, &board, 100, 30);
    tui.wait_for("could not be read at line 1");
    assert!(!tui.wait_exit().success());
    assert_eq!(
        std::fs::read_to_string(&board).unwrap(),
        "(version: 1, contacts: [(name: "
    );
}

#[test]
fn touch_then_follow_up_in_five_days_lands_in_the_file() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima", "--stage", "phone"]);
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Ana Lima");
    tui.keys("ll");
    tui.keys("t");
    tui.wait_for("Logged a call with Ana Lima");
    tui.keys("f+5d\r");
    tui.wait_for("Follow up with Ana Lima on");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let b = rapport::store::load(&board).unwrap();
    let c = &b.contacts[0];
    assert_eq!(c.interactions.len(), 1);
    assert_eq!(c.interactions[0].channel, rapport::model::Channel::Call);
    assert_eq!(c.interactions[0].from, rapport::model::Who::Me);
    assert_eq!(
        c.next_follow_up,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2),
        "RAPPORT_NOW is 2026-11-27"
    );
}

#[test]
fn review_touch_snooze_advance_lands_in_the_file_and_leaves_due() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    for (name, stage, follow_up) in [
        ("Ana Due", "dm", "2026-11-20"),
        ("Ben Due", "casual", "2026-11-22"),
        ("Cy Due", "phone", "today"),
        ("Dee Later", "dm", "+3d"),
        ("Eve Later", "meet", "+9d"),
    ] {
        s.cmd()
            .arg("--board")
            .arg(&board)
            .args(["add", name, "--stage", stage, "--follow-up", follow_up])
            .assert()
            .success();
    }
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Ana Due");
    tui.keys("r");
    tui.wait_for("Review 1/3");
    tui.keys("t");
    tui.wait_for("Review 2/3");
    tui.keys("s");
    tui.wait_for("Review 3/3");
    tui.keys("a");
    tui.wait_for("Reviewed 3 of 3");
    tui.keys("q");
    tui.wait_for("Enter details");
    tui.keys("q");
    assert!(tui.wait_exit().success());

    let b = rapport::store::load(&board).unwrap();
    let get = |n: &str| b.iter().find(|c| c.name == n).unwrap();
    assert_eq!(get("Ana Due").interactions.len(), 1, "touched");
    assert_eq!(
        get("Ana Due").next_follow_up,
        None,
        "a touch completes the follow-up"
    );
    assert_eq!(
        get("Ben Due").next_follow_up,
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28),
        "snoozed to tomorrow"
    );
    assert_eq!(get("Cy Due").stage, rapport::model::Stage::Meet, "advanced");
    assert_eq!(b.review_streak, 1);

    let out = s
        .cmd()
        .arg("--board")
        .arg(&board)
        .args(["due", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(
        !names.contains(&"Ana Due") && !names.contains(&"Ben Due"),
        "{names:?}"
    );
}

#[test]
fn rapport_review_opens_straight_into_the_review() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana", "--follow-up", "today"]);
    let mut tui = Tui::start_with(&s, &board, 100, 30, &["review"]);
    tui.wait_for("Review 1/1");
    tui.keys("q");
    tui.wait_for("Reviewed 0 of 1");
    tui.keys("qq");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_hangup_saves_and_exits() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let mut tui = Tui::start(&s, &board, 100, 30);
    tui.wait_for("Ana Lima");
    tui.keys("L");
    tui.wait_for("Moved Ana Lima");
    tui.signal("-HUP");
    tui.wait_exit();
    assert_eq!(stage_of(&board, "Ana Lima"), "dm");
    // The lock went with it: a writer gets in.
    cli(&s, &board, &["add", "Next"]);
}

fn files_named(dir: &Path, part: &str) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap().to_string_lossy().contains(part))
        .collect()
}

#[test]
fn a_crash_restores_the_terminal_and_keeps_the_board_in_a_recovery_file() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Ana Lima");
    tui.keys("L");
    tui.wait_for("Moved Ana Lima");
    tui.keys("/crash!");
    let status = tui.wait_exit();
    assert!(!status.success());
    tui.wait_for("saved in");
    let screen = tui.contents();
    assert!(screen.contains("board.recovered-"), "{screen}");
    let deadline = Instant::now() + Duration::from_secs(10);
    while tui.screen.lock().unwrap().screen().alternate_screen() {
        assert!(
            Instant::now() < deadline,
            "the terminal was left on the alternate screen"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let recovered = files_named(s.path(), "board.recovered-");
    assert_eq!(recovered.len(), 1, "{recovered:?}");
    let b = rapport::store::load(&recovered[0]).unwrap();
    assert_eq!(b.contacts[0].stage, rapport::model::Stage::Dm);
    // The board itself still loads.
    assert!(rapport::store::load(&board).is_ok());
}

#[test]
fn an_outside_edit_is_merged_in_when_nothing_is_pending() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Ana Lima");
    // Another program (a sync tool, an editor) changes the file.
    let text = std::fs::read_to_string(&board)
        .unwrap()
        .replace("Ana Lima", "Ana Souza");
    std::fs::write(&board, text).unwrap();
    tui.wait_for("changed elsewhere; merged");
    tui.wait_for("Ana Souza");
    tui.keys("L");
    tui.wait_for("Moved Ana Souza");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    assert_eq!(stage_of(&board, "Ana Souza"), "dm");
    assert!(files_named(s.path(), "conflict").is_empty());
}

#[test]
fn a_file_being_edited_by_hand_is_never_written_over_and_is_merged_once_it_reads() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    cli(&s, &board, &["add", "Bea Cruz"]);
    let good = std::fs::read_to_string(&board).unwrap();
    let backup = std::fs::read(s.path().join("board.ron.bak")).unwrap();
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Ana Lima");
    // Half-way through a hand edit: the file does not parse.
    let half = good.replace("Bea Cruz\",", "Bea Cruz (");
    std::fs::write(&board, &half).unwrap();
    tui.wait_for("cannot be read yet");
    // A change in the app meanwhile is kept in memory, not written over the edit.
    tui.keys("L");
    tui.wait_for("Moved Ana Lima");
    tui.wait_for("NOT SAVED");
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(
        std::fs::read_to_string(&board).unwrap(),
        half,
        "the edit in progress was written over"
    );
    assert_eq!(
        std::fs::read(s.path().join("board.ron.bak")).unwrap(),
        backup
    );
    // The hand edit is finished: a rename. Both it and the app's move survive.
    std::fs::write(&board, good.replace("Bea Cruz", "Bea Cruz-Lee")).unwrap();
    tui.wait_for("Bea Cruz-Lee");
    tui.wait_for("saved");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    assert_eq!(stage_of(&board, "Ana Lima"), "dm");
    assert_eq!(stage_of(&board, "Bea Cruz-Lee"), "casual");
    assert!(files_named(s.path(), "conflict").is_empty());
}

#[test]
fn a_comment_typed_into_the_file_is_not_rewritten_while_the_app_is_idle() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Ana Lima");
    let text = std::fs::read_to_string(&board).unwrap().replace(
        "name: \"Ana Lima\",",
        "name: \"Ana Lima\", // met at the meetup",
    );
    assert!(text.contains("meetup"));
    std::fs::write(&board, &text).unwrap();
    std::thread::sleep(Duration::from_millis(2500));
    assert_eq!(std::fs::read_to_string(&board).unwrap(), text);
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn config_overrides_keys_and_a_broken_config_falls_back_to_defaults() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let dir = s.path().join("config/rapport");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("config.ron"),
        "(keys: {\"board\": {\"delete\": [\"x\"]}}, theme: (preset: \"high-contrast\"))",
    )
    .unwrap();
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("x delete");
    tui.keys("x");
    tui.wait_for("Delete Ana Lima?");
    tui.keys("n");
    tui.keys("q");
    assert!(tui.wait_exit().success());

    std::fs::write(
        dir.join("config.ron"),
        "(keys: {\"board\": {\"delete\": [\"x\"",
    )
    .unwrap();
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Config:");
    tui.wait_for("d delete");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

/// Runs a command in a pseudo-terminal and returns every byte it wrote there.
fn raw_output_in_a_terminal(s: &Sandbox, board: &Path, args: &[&str]) -> Vec<u8> {
    let mut run = Tui::start_with(s, board, 200, 40, args);
    run.wait_exit();
    // The reader may still be draining the last bytes.
    std::thread::sleep(Duration::from_millis(200));
    run.raw.lock().unwrap().clone()
}

#[test]
fn escape_sequences_in_data_are_shown_not_obeyed_on_a_terminal_and_exact_in_a_pipe() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(
        &s,
        &board,
        &[
            "add",
            "Tx\u{1b}]0;pwned\u{7}",
            "--note",
            "\u{1b}]52;c;aGk=\u{7}clip",
        ],
    );
    for args in [
        &["show", "Tx"][..],
        &["list"],
        &["list", "--format", "csv"],
        &["export", "--format", "json"],
        &["export", "--format", "vcf"],
    ] {
        let out = raw_output_in_a_terminal(&s, &board, args);
        let text = String::from_utf8_lossy(&out);
        assert!(text.contains("pwned"), "{args:?}: {text}");
        assert!(
            !text.contains("\u{1b}]"),
            "{args:?} sent an OSC sequence: {text:?}"
        );
        assert!(!text.contains('\u{7}'), "{args:?} rang the bell: {text:?}");
    }
    // Piped, the export is exact: a backup must not be altered.
    let piped = s
        .cmd()
        .arg("--board")
        .arg(&board)
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&piped.stdout).contains("\\u001b]0;pwned"));
}

#[test]
fn a_read_only_board_opens_with_a_banner_and_changes_nothing() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    std::fs::set_permissions(&board, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = std::fs::read(&board).unwrap();
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Ana Lima");
    tui.wait_for("READ-ONLY");
    tui.wait_for("Read-only: the file is read-only (mode 400");
    // A move, a new contact and a delete are all refused, with a word why.
    tui.keys("L");
    tui.wait_for("Nothing can be changed: the file is read-only");
    tui.keys("n");
    tui.keys("d");
    // Reading still works: the detail view opens.
    tui.keys("\r");
    tui.wait_for("Casual conversations");
    // Another program changes the file: a read-only board shows the new version.
    std::fs::set_permissions(&board, std::fs::Permissions::from_mode(0o600)).unwrap();
    let text = std::fs::read_to_string(&board)
        .unwrap()
        .replace("Ana Lima", "Ana Souza");
    std::fs::write(&board, &text).unwrap();
    tui.wait_for("Ana Souza");
    tui.keys("\x1b");
    tui.wait_for("Direct messages");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    assert_eq!(std::fs::read_to_string(&board).unwrap(), text);
    assert_ne!(text.as_bytes(), before.as_slice());
}

#[test]
fn a_board_removed_under_the_app_is_written_back_only_when_asked() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Ana Lima");
    std::fs::remove_file(&board).unwrap();
    tui.wait_for("Board file removed");
    // "Not now": a change is not written there.
    tui.keys("n");
    tui.wait_for("Not writing");
    tui.keys("L");
    std::thread::sleep(Duration::from_millis(600));
    assert!(!board.exists(), "the board was recreated without asking");
    // The change asks again; this time, write it back.
    tui.wait_for("Board file removed");
    tui.keys("y");
    let deadline = Instant::now() + Duration::from_secs(10);
    while !board.exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    tui.keys("q");
    assert!(tui.wait_exit().success());
    assert_eq!(stage_of(&board, "Ana Lima"), "dm");
}

#[test]
fn quitting_after_declining_to_write_back_leaves_the_board_removed() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Ana Lima");
    std::fs::remove_file(&board).unwrap();
    tui.wait_for("Board file removed");
    tui.keys("n");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    assert!(!board.exists());
}

#[test]
fn a_dumb_terminal_is_told_to_use_the_commands_and_nothing_is_touched() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let before = std::fs::read(&board).unwrap();
    let mut tui = Tui::start_env(&s, &board, 80, 24, &[], &[("TERM", "dumb")]);
    assert!(!tui.wait_exit().success());
    tui.wait_for("TERM=dumb");
    let screen = tui.contents();
    assert!(screen.contains("rapport due"), "{screen}");
    let raw = tui.raw.lock().unwrap().clone();
    assert!(
        !raw.windows(2).any(|w| w == b"\x1b["),
        "no escape sequence was sent: {:?}",
        String::from_utf8_lossy(&raw)
    );
    assert_eq!(std::fs::read(&board).unwrap(), before);
    // The commands work as ever on such a terminal.
    let mut list = Tui::start_env(&s, &board, 80, 24, &["list"], &[("TERM", "dumb")]);
    assert!(list.wait_exit().success());
    list.wait_for("Ana Lima");
}

/// Text as a terminal sends a paste when bracketed paste is on; line breaks as `\r`.
fn bracketed(text: &str) -> String {
    format!("\u{1b}[200~{text}\u{1b}[201~")
}

#[test]
fn bracketed_paste_lands_in_every_text_input() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima", "--follow-up", "+2d"]);
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Ana Lima");
    let lines = "first line\rsecond line\rthird line";
    // The form's notes keep the line breaks.
    tui.keys("e");
    tui.wait_for("Edit contact");
    tui.keys(&"\t".repeat(9));
    tui.wait_for("Notes: free text");
    tui.keys(&bracketed(lines));
    tui.keys("\r");
    tui.wait_for("Saved Ana Lima");
    // The follow-up prompt: the paste replaces the suggested date.
    tui.keys("f");
    tui.wait_for("Follow up with Ana Lima");
    tui.keys(&bracketed("+5d"));
    tui.keys("\r");
    tui.wait_for("Follow up with Ana Lima on Wed 2 Dec");
    // The log form's note: one line, breaks become spaces.
    tui.keys("T");
    tui.wait_for("Log an interaction");
    tui.keys("\t\t\t");
    tui.wait_for("what happened");
    tui.keys(&bracketed(lines));
    tui.keys("\r");
    tui.wait_for("Logged a reply with Ana Lima");
    // The notes editor, in the details.
    tui.keys("\r");
    tui.wait_for("Stage");
    tui.keys("n");
    tui.wait_for("Notes · Ana Lima");
    tui.keys(&bracketed("\rfourth\rfifth"));
    tui.keys("\u{1b}");
    tui.wait_for("Saved the notes for Ana Lima");
    tui.keys("\u{1b}");
    tui.wait_for("d delete");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let b = rapport::store::load(&board).unwrap();
    let c = &b.contacts[0];
    assert_eq!(
        c.notes,
        "first line\nsecond line\nthird line\nfourth\nfifth"
    );
    assert_eq!(
        c.interactions[0].note.as_deref(),
        Some("first line second line third line")
    );
    assert_eq!(
        c.next_follow_up,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
    );
}

#[test]
fn escape_on_a_changed_form_asks_and_a_form_scrolls_at_40x12() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let before = std::fs::read(&board).unwrap();
    let mut tui = Tui::start(&s, &board, 40, 12);
    tui.wait_for("Ana Lima");
    tui.keys("e");
    tui.wait_for("Edit contact");
    tui.keys(&"\t".repeat(9));
    tui.wait_for("▌Notes");
    tui.keys("typed blind?");
    tui.wait_for("typed blind?");
    tui.keys("\u{1b}");
    tui.wait_for("Discard your changes?");
    tui.keys("n");
    tui.wait_for("typed blind?");
    tui.keys("\u{1b}");
    tui.wait_for("Discard your changes?");
    tui.keys("y");
    tui.wait_for("1 contact");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    assert_eq!(std::fs::read(&board).unwrap(), before, "nothing saved");
}

fn contact<'a>(b: &'a rapport::model::Board, name: &str) -> &'a rapport::model::Contact {
    b.iter()
        .find(|c| c.name == name)
        .unwrap_or_else(|| panic!("{name} is not on the board"))
}

#[test]
fn triage_places_archives_skips_and_undoes_in_the_real_app() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    for name in ["Ines Inbox", "Omar Odd", "Pia Park"] {
        cli(&s, &board, &["add", name, "--inbox"]);
    }
    let mut tui = Tui::start_with(&s, &board, 110, 32, &["triage"]);
    tui.wait_for("Triage 1/3");
    tui.wait_for("Ines Inbox");
    // A kind, then Phone: its cadence starts today.
    tui.keys("p3");
    tui.wait_for("Triage 2/3");
    tui.wait_for("Omar Odd");
    // Not now: archive with the second reason.
    tui.keys("x");
    tui.wait_for("Archive Omar Odd");
    tui.keys("2\r");
    tui.wait_for("Triage 3/3");
    // Undo brings Omar back; place him in DMs instead, skip Pia.
    tui.keys("u");
    tui.wait_for("Triage 2/3");
    tui.keys("2");
    tui.wait_for("Pia Park");
    tui.keys(" ");
    tui.wait_for("1 skipped, still in the inbox");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let b = rapport::store::load(&board).unwrap();
    let ines = contact(&b, "Ines Inbox");
    assert!(!ines.inbox && ines.stage.id() == "phone");
    assert!(ines.kinds.contains(&rapport::model::Kind::Prospect));
    assert_eq!(ines.stage_history.len(), 1);
    let omar = contact(&b, "Omar Odd");
    assert!(omar.archived.is_none() && omar.stage.id() == "dm");
    assert!(contact(&b, "Pia Park").inbox);
}

#[test]
fn archive_and_restore_in_the_real_app() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima", "--stage", "dm"]);
    cli(&s, &board, &["add", "Ben Ortiz"]);
    let mut tui = Tui::start(&s, &board, 110, 32);
    tui.wait_for("Ana Lima");
    tui.keys("lX");
    tui.wait_for("Archive Ana Lima");
    tui.keys("moved to Lisbon\r");
    tui.wait_for("Archived Ana Lima (moved to Lisbon)");
    tui.keys("A");
    tui.wait_for("Archive · 1");
    tui.wait_for("moved to Lisbon");
    tui.keys("q");
    tui.wait_for("Ben Ortiz");
    // The app saves on its own thread: the file has it once that save is done.
    let reason = |b: &rapport::model::Board| {
        contact(b, "Ana Lima")
            .archived
            .as_ref()
            .map(|a| a.reason.clone())
    };
    let deadline = Instant::now() + Duration::from_secs(10);
    let mut b = rapport::store::load(&board).unwrap();
    while reason(&b).is_none() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
        b = rapport::store::load(&board).unwrap();
    }
    assert_eq!(reason(&b).as_deref(), Some("moved to Lisbon"));
    tui.keys("A");
    tui.wait_for("Archive · 1");
    tui.keys("r");
    tui.wait_for("Restored Ana Lima");
    tui.keys("q");
    tui.wait_for(" DMs 1 ");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let b = rapport::store::load(&board).unwrap();
    assert!(contact(&b, "Ana Lima").archived.is_none());
}

#[test]
fn a_bulk_move_of_marked_cards_is_undone_in_one_step() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    for name in ["Ana Lima", "Ben Ortiz", "Cy Dane"] {
        cli(&s, &board, &["add", name]);
    }
    let mut tui = Tui::start(&s, &board, 110, 32);
    tui.wait_for("Cy Dane");
    tui.keys(" v");
    tui.wait_for("2 marked");
    tui.keys("L");
    tui.wait_for("Moved 2 cards a stage on");
    tui.wait_for(" DMs 2 ");
    tui.keys("u");
    tui.wait_for("Undid move 2 marked right");
    tui.wait_for("Casual 3");
    tui.wait_for(" DMs 0 ");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    for name in ["Ana Lima", "Ben Ortiz", "Cy Dane"] {
        assert_eq!(stage_of(&board, name), "casual");
    }
}

#[test]
fn a_filter_with_operators_narrows_the_board() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(
        &s,
        &board,
        &[
            "add",
            "Chloé Durand",
            "--stage",
            "dm",
            "--tag",
            "saas",
            "--kind",
            "prospect",
        ],
    );
    cli(
        &s,
        &board,
        &["add", "Ben Ortiz", "--stage", "dm", "--tag", "saas"],
    );
    cli(&s, &board, &["add", "Cara Diaz", "--kind", "prospect"]);
    let mut tui = Tui::start(&s, &board, 110, 32);
    tui.wait_for("Cara Diaz");
    tui.keys("/tag:saas kind:prospect chloe");
    tui.wait_for("1 shown");
    let screen = tui.contents();
    assert!(screen.contains("Chloé Durand"), "{screen}");
    assert!(
        !screen.contains("Ben Ortiz") && !screen.contains("Cara Diaz"),
        "{screen}"
    );
    tui.keys("\r");
    tui.wait_for("filter: tag:saas kind:prospect chloe · 1 shown");
    tui.keys("\x1b");
    tui.wait_for("Filter cleared");
    tui.wait_for("Ben Ortiz");
    tui.keys("q");
    assert!(tui.wait_exit().success());
}

#[test]
fn a_signal_while_the_board_cannot_be_saved_keeps_the_screen_in_a_file_of_its_own() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    cli(&s, &board, &["add", "Ana Lima"]);
    let mut tui = Tui::start(&s, &board, 120, 40);
    tui.wait_for("Ana Lima");
    std::fs::remove_file(&board).unwrap();
    tui.wait_for("Board file removed");
    tui.keys("n");
    tui.wait_for("Not writing");
    tui.keys("L");
    tui.wait_for("Moved Ana Lima");
    tui.signal("-TERM");
    let status = tui.wait_exit();
    assert!(!status.success(), "the changes were not where they belong");
    // A sentence for a person, not an error report for a developer.
    tui.wait_for("Stopped by a signal");
    let said = tui.contents();
    assert!(
        !said.contains("Location:") && !said.contains("Backtrace"),
        "{said}"
    );
    assert!(!board.exists(), "the removed board was not recreated");
    let kept = files_named(s.path(), "unsaved");
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(stage_of(&kept[0], "Ana Lima"), "dm");
}

#[test]
fn an_imported_file_waits_in_the_inbox_and_triage_places_it() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    let file = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/linkedin-connections.csv");
    cli(&s, &board, &["import", file.to_str().unwrap()]);
    let mut tui = Tui::start(&s, &board, 110, 32);
    // Nobody imported is due or in a column yet; the footer counts the inbox.
    tui.wait_for("inbox ");
    tui.wait_for("0 due today");
    tui.keys("I");
    tui.wait_for("Triage 1/");
    tui.wait_for("Priya Raman");
    tui.keys("2");
    tui.wait_for("Placed Priya Raman in Direct messages");
    tui.keys("q");
    tui.wait_for(" DMs 1 ");
    tui.keys("q");
    assert!(tui.wait_exit().success());
    let b = rapport::store::load(&board).unwrap();
    let priya = contact(&b, "Priya Raman");
    assert!(!priya.inbox && priya.stage.id() == "dm");
    assert!(b.iter().filter(|c| c.inbox).count() >= 3);
}
