#![allow(clippy::unwrap_used)]
//! The CLI end to end, on the built binary, in a sandboxed HOME.

mod common;

use common::Sandbox;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

#[test]
fn add_then_list_in_every_format() {
    let s = Sandbox::new();
    s.cmd()
        .args([
            "add",
            "Becky Chen",
            "--handle",
            "@becky",
            "--handle",
            "https://x.com/becky",
        ])
        .args([
            "--email",
            "becky@example.com",
            "--phone",
            "+1 555 0100",
            "--company",
            "Lumen",
        ])
        .args([
            "--kind",
            "prospect",
            "--kind",
            "referral partner",
            "--tag",
            "design",
        ])
        .args(["--note", "Met in a thread", "--follow-up", "2026-12-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Added Becky Chen ("))
        .stdout(predicate::str::contains("to Casual conversations."));
    s.cmd()
        .args(["add", "Ana Lima", "--stage", "meet"])
        .assert()
        .success();

    let table = stdout(&s.cmd().arg("list").output().unwrap());
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines.len(), 3, "{table}");
    assert!(lines[0].starts_with("STAGE") && lines[0].contains("LAST CONTACT"));
    assert!(lines[1].starts_with("casual  Becky Chen"), "{table}");
    assert!(lines[1].contains("@becky, https://x.com/becky"));
    assert!(lines[1].contains("never"));
    assert!(lines[1].contains("2026-12-01 (due in 4d)"), "{table}");
    assert!(lines[2].starts_with("meet    Ana Lima"));
    assert!(lines[2].contains("2026-12-27 (due in 4w)"), "{table}");

    let json: serde_json::Value = serde_json::from_str(&stdout(
        &s.cmd().args(["list", "--format", "json"]).output().unwrap(),
    ))
    .unwrap();
    let arr = json.as_array().unwrap();
    assert_eq!(arr.len(), 2);
    let b = &arr[0];
    assert_eq!(b["name"], "Becky Chen");
    assert_eq!(b["stage"], "casual");
    assert_eq!(
        b["handles"],
        serde_json::json!(["@becky", "https://x.com/becky"])
    );
    assert_eq!(b["emails"], serde_json::json!(["becky@example.com"]));
    assert_eq!(b["phones"], serde_json::json!(["+1 555 0100"]));
    assert_eq!(b["company"], "Lumen");
    assert_eq!(
        b["kinds"],
        serde_json::json!(["prospect", "referral_partner"])
    );
    assert_eq!(b["tags"], serde_json::json!(["design"]));
    assert_eq!(b["notes"], "Met in a thread");
    assert_eq!(b["created"], "2026-11-27T09:00:00Z");
    assert_eq!(b["last_contact"], serde_json::Value::Null);
    assert_eq!(b["next_follow_up"], "2026-12-01");
    assert_eq!(b["due"], "2026-12-01");
    assert_eq!(b["interactions"], serde_json::json!([]));
    assert_eq!(
        b["stage_history"],
        serde_json::json!([{"stage": "casual", "at": "2026-11-27T09:00:00Z"}])
    );
    let id = b["id"].as_str().unwrap();
    assert_eq!(id.len(), 8);

    let csv = stdout(&s.cmd().args(["list", "--format", "csv"]).output().unwrap());
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert_eq!(&headers[1], "name");
    let rows: Vec<csv::StringRecord> = r.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 2);
    assert_eq!(&rows[0][1], "Becky Chen");
    // A cell a spreadsheet would run as a formula starts with ' (rapport's import takes it off).
    assert_eq!(&rows[0][3], "'@becky; https://x.com/becky");
    assert_eq!(&rows[1][2], "meet");

    let only_meet = stdout(
        &s.cmd()
            .args(["list", "--stage", "meet", "--format", "json"])
            .output()
            .unwrap(),
    );
    let v: serde_json::Value = serde_json::from_str(&only_meet).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1);
}

#[test]
fn empty_board_says_how_to_start() {
    let s = Sandbox::new();
    s.cmd()
        .arg("list")
        .assert()
        .success()
        .stdout(predicate::str::contains("rapport add"))
        .stdout(predicate::str::contains("--demo"));
    // Reading never creates the file.
    assert!(!s.default_board().exists());
    s.cmd()
        .args(["list", "--format", "json"])
        .assert()
        .success()
        .stdout("[]\n");
}

#[test]
fn move_appends_history_and_names_both_stages() {
    let s = Sandbox::new();
    s.cmd().args(["add", "Becky Chen"]).assert().success();
    s.cmd()
        .args(["move", "beck", "--to", "dm"])
        .assert()
        .success()
        .stdout("Moved Becky Chen: Casual conversations → Direct messages.\n");
    s.cmd()
        .args(["move", "Becky Chen", "--to", "dm"])
        .assert()
        .success()
        .stdout(predicate::str::contains("already in Direct messages"));
    let v: serde_json::Value = serde_json::from_str(&stdout(
        &s.cmd().args(["list", "--format", "json"]).output().unwrap(),
    ))
    .unwrap();
    let hist = v[0]["stage_history"].as_array().unwrap();
    assert_eq!(hist.len(), 2);
    assert_eq!(hist[1]["stage"], "dm");
    assert_eq!(v[0]["stage"], "dm");
}

#[test]
fn contact_by_id_exact_name_or_unique_prefix() {
    let s = Sandbox::new();
    for n in ["Ben Ortiz", "Benedict Cole", "Ana Lima"] {
        s.cmd().args(["add", n]).assert().success();
    }
    s.cmd()
        .args(["move", "ben", "--to", "phone"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("2 contacts match \"ben\""))
        .stderr(predicate::str::contains("Ben Ortiz"))
        .stderr(predicate::str::contains("Benedict Cole"));
    s.cmd()
        .args(["move", "ben ortiz", "--to", "phone"])
        .assert()
        .success();
    s.cmd()
        .args(["move", "nobody", "--to", "phone"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("No contact matches \"nobody\""));
    let v: serde_json::Value = serde_json::from_str(&stdout(
        &s.cmd().args(["list", "--format", "json"]).output().unwrap(),
    ))
    .unwrap();
    let ana = v
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Ana Lima")
        .unwrap();
    let id = ana["id"].as_str().unwrap();
    s.cmd()
        .args(["move", id, "--to", "meet"])
        .assert()
        .success();
    s.cmd()
        .args(["list", "--stage", "meet"])
        .assert()
        .stdout(predicate::str::contains("Ana Lima"));
}

#[test]
fn check_and_path() {
    let s = Sandbox::new();
    s.cmd()
        .arg("path")
        .assert()
        .success()
        .stdout(format!("{}\n", s.default_board().display()));
    s.cmd().args(["add", "A"]).assert().success();
    s.cmd()
        .args(["add", "B", "--stage", "phone"])
        .assert()
        .success();
    let out = stdout(&s.cmd().arg("check").output().unwrap());
    assert!(out.contains("is valid: 2 contacts."), "{out}");
    assert!(out.contains("Casual conversations") && out.contains("Phone conversations"));
    let casual = out.lines().find(|l| l.contains("Casual")).unwrap();
    assert!(casual.trim_end().ends_with('1'), "{out}");
}

#[test]
fn board_flag_beats_env_which_beats_default() {
    let s = Sandbox::new();
    let env_board = s.path().join("env/board.ron");
    let flag_board = s.path().join("flag/board.ron");
    s.cmd()
        .env("RAPPORT_BOARD", &env_board)
        .arg("path")
        .assert()
        .stdout(format!("{}\n", env_board.display()));
    s.cmd()
        .env("RAPPORT_BOARD", &env_board)
        .args(["--board"])
        .arg(&flag_board)
        .arg("path")
        .assert()
        .stdout(format!("{}\n", flag_board.display()));
    s.cmd()
        .env("RAPPORT_BOARD", &env_board)
        .args(["add", "Via Env"])
        .assert()
        .success();
    s.cmd()
        .env("RAPPORT_BOARD", &env_board)
        .arg("add")
        .arg("Via Flag")
        .arg("--board")
        .arg(&flag_board)
        .assert()
        .success();
    assert!(fs::read_to_string(&env_board).unwrap().contains("Via Env"));
    let flag_text = fs::read_to_string(&flag_board).unwrap();
    assert!(flag_text.contains("Via Flag") && !flag_text.contains("Via Env"));
    assert!(!s.default_board().exists());
}

#[test]
fn missing_folders_are_created_private() {
    use std::os::unix::fs::PermissionsExt;
    let s = Sandbox::new();
    s.cmd().args(["add", "A"]).assert().success();
    let dir = s.default_board().parent().unwrap().to_path_buf();
    assert_eq!(
        fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
        0o700
    );
    assert_eq!(
        fs::metadata(s.default_board())
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o600
    );
}

#[test]
fn bad_input_is_refused_with_a_sentence() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "   "])
        .assert()
        .failure()
        .stderr(predicate::str::contains("needs a name"));
    s.cmd()
        .args(["add", "A", "--follow-up", "someday"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("\"someday\" is not a date"));
    s.cmd()
        .args(["add", "A", "--kind", "boss"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown kind"));
    assert!(!s.default_board().exists(), "nothing was written");
}

#[test]
fn every_subcommand_has_help() {
    let s = Sandbox::new();
    for sub in [
        "add",
        "list",
        "move",
        "check",
        "path",
        "log",
        "follow-up",
        "show",
        "edit",
    ] {
        s.cmd()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: rapport"));
    }
}

#[test]
fn demo_never_touches_the_users_board() {
    let s = Sandbox::new();
    s.cmd().args(["add", "Mine"]).assert().success();
    let before = fs::read(s.default_board()).unwrap();
    let out = stdout(
        &s.cmd()
            .args(["--demo", "list", "--format", "json"])
            .output()
            .unwrap(),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v.as_array().unwrap().len() >= 10);
    assert!(!out.contains("\"Mine\""));
    s.cmd()
        .args(["--demo", "move", "Becky", "--to", "meet"])
        .assert()
        .success();
    assert_eq!(fs::read(s.default_board()).unwrap(), before);
    // Some of the sample is overdue, whatever today is.
    let table = stdout(&s.cmd().args(["--demo", "list"]).output().unwrap());
    assert!(table.contains("overdue"), "{table}");
    assert!(table.contains("due today"), "{table}");
}

fn json_of(s: &Sandbox, name: &str) -> serde_json::Value {
    let out = stdout(
        &s.cmd()
            .args(["show", name, "--format", "json"])
            .output()
            .unwrap(),
    );
    serde_json::from_str(&out).unwrap()
}

#[test]
fn log_records_interactions_and_restarts_the_cadence() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "Becky Chen", "--stage", "dm", "--follow-up", "today"])
        .assert()
        .success();
    // Defaults: the stage's channel, from me, now; a follow-up due today is done.
    s.cmd()
        .args(["log", "becky", "--note", "Sent the deck"])
        .assert()
        .success()
        .stdout("Logged a dm with Becky Chen; next due 2026-12-04 (due in 7d).\n");
    let v = json_of(&s, "becky");
    assert_eq!(v["next_follow_up"], serde_json::Value::Null);
    assert_eq!(v["last_contact"], "2026-11-27T09:00:00Z");
    assert_eq!(
        v["interactions"],
        serde_json::json!([{"at": "2026-11-27T09:00:00Z", "channel": "dm", "note": "Sent the deck", "from": "me"}])
    );
    s.cmd()
        .args([
            "log",
            "becky",
            "--channel",
            "call",
            "--from",
            "them",
            "--date",
            "-3d",
        ])
        .assert()
        .success();
    let v = json_of(&s, "becky");
    let first = &v["interactions"][0];
    assert_eq!(first["channel"], "call");
    assert_eq!(first["from"], "them");
    assert_eq!(
        first["at"], "2026-11-24T12:00:00Z",
        "a past day is logged at noon"
    );
    assert_eq!(
        v["last_contact"], "2026-11-27T09:00:00Z",
        "the latest stays the latest"
    );
    s.cmd()
        .args(["log", "becky", "--date", "+2d"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("in the future"));
    s.cmd()
        .args(["log", "becky", "--channel", "pigeon"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("unknown channel"));
}

#[test]
fn follow_up_sets_and_clears_with_the_full_date_syntax() {
    let s = Sandbox::new();
    s.cmd().args(["add", "Ana Lima"]).assert().success();
    for (given, expect) in [
        ("+5d", "2026-12-02"),
        ("tomorrow", "2026-11-28"),
        ("mon", "2026-11-30"),
        ("next week", "2026-11-30"),
        ("+1m", "2026-12-27"),
        ("2027-02-01", "2027-02-01"),
    ] {
        s.cmd().args(["follow-up", "ana", given]).assert().success();
        assert_eq!(json_of(&s, "ana")["next_follow_up"], expect, "{given}");
        assert_eq!(json_of(&s, "ana")["due"], expect, "{given}");
    }
    s.cmd()
        .args(["follow-up", "ana", "none"])
        .assert()
        .success()
        .stdout("Cleared the follow-up for Ana Lima.\n");
    assert_eq!(
        json_of(&s, "ana")["next_follow_up"],
        serde_json::Value::Null
    );
    s.cmd()
        .args(["follow-up", "ana", "later"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("\"later\" is not a date"));
    s.cmd()
        .args(["add", "Zed", "--follow-up", "fri"])
        .assert()
        .success();
    assert_eq!(json_of(&s, "zed")["next_follow_up"], "2026-12-04");
}

#[test]
fn edit_replaces_only_the_given_fields() {
    let s = Sandbox::new();
    s.cmd()
        .args([
            "add", "Becky", "--handle", "@b", "--tag", "old", "--email", "b@x.com", "--note",
            "keep",
        ])
        .assert()
        .success();
    s.cmd()
        .args([
            "edit", "becky", "--tag", "warm", "--tag", "design", "--kind", "customer",
        ])
        .args([
            "--company",
            "Lumen",
            "--cadence",
            "3",
            "--name",
            "Becky Chen",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Updated Becky Chen: name, tags, company, kinds, cadence.",
        ));
    let v = json_of(&s, "becky");
    assert_eq!(v["tags"], serde_json::json!(["warm", "design"]));
    assert_eq!(
        v["handles"],
        serde_json::json!(["@b"]),
        "not given, not touched"
    );
    assert_eq!(v["emails"], serde_json::json!(["b@x.com"]));
    assert_eq!(v["notes"], "keep");
    assert_eq!(v["kinds"], serde_json::json!(["customer"]));
    assert_eq!(v["cadence_days"], 3);
    assert_eq!(v["due"], "2026-11-30");
    s.cmd()
        .args(["edit", "becky", "--handle", "", "--cadence", "default"])
        .assert()
        .success();
    let v = json_of(&s, "becky");
    assert_eq!(v["handles"], serde_json::json!([]));
    assert_eq!(v["cadence_days"], 14);
    s.cmd()
        .args(["edit", "becky"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing to change"));
    s.cmd()
        .args(["edit", "becky", "--cadence", "often"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("not a cadence"));
}

#[test]
fn show_tells_what_happened_and_what_is_next() {
    let s = Sandbox::new();
    s.cmd()
        .args([
            "add",
            "Priya Raman",
            "--stage",
            "dm",
            "--handle",
            "@priya",
            "--company",
            "Northwind",
        ])
        .args(["--note", "Team of 12\nPrefers async"])
        .assert()
        .success();
    s.cmd()
        .args(["log", "priya", "--note", "First DM", "--date", "-20d"])
        .assert()
        .success();
    s.cmd()
        .args(["log", "priya", "--note", "Nudge", "--date", "-10d"])
        .assert()
        .success();
    let out = stdout(&s.cmd().args(["show", "priya"]).output().unwrap());
    assert!(out.starts_with("Priya Raman  ("), "{out}");
    assert!(
        out.contains("Stage:      Direct messages · 0 days in stage"),
        "{out}"
    );
    assert!(out.contains("Company:    Northwind"));
    assert!(
        out.contains("Last:       10d ago · dm from me · Tue 17 Nov 2026"),
        "{out}"
    );
    assert!(out.contains("Cadence:    every 7 days\n"), "{out}");
    assert!(
        out.contains(
            "Due:        2026-11-24 (overdue 3d) — no contact for 10 days; cadence 7 days"
        ),
        "{out}"
    );
    assert!(
        out.contains("Balance:    you reached out last 2 times"),
        "{out}"
    );
    assert!(
        out.contains("Notes:\n  Team of 12\n  Prefers async"),
        "{out}"
    );
    let nudge = out.find("Nudge").unwrap();
    let first = out.find("First DM").unwrap();
    assert!(nudge < first, "newest first:\n{out}");
    s.cmd()
        .args(["show", "nobody"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("No contact matches"));
}

/// Three due contacts and two that are not, as of the fixed NOW (2026-11-27).
fn review_board(s: &Sandbox) {
    for (name, stage, follow_up) in [
        ("Due Dm", "dm", "2026-11-20"),
        ("Due Meet", "meet", "2026-11-20"),
        ("Due Today", "casual", "today"),
        ("Later One", "phone", "+3d"),
        ("Later Two", "casual", "+10d"),
    ] {
        s.cmd()
            .args(["add", name, "--stage", stage, "--follow-up", follow_up])
            .assert()
            .success();
    }
}

#[test]
fn due_lists_the_queue_in_review_order() {
    let s = Sandbox::new();
    review_board(&s);
    let out = stdout(&s.cmd().args(["due", "--format", "json"]).output().unwrap());
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let names: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    // Same day overdue: the later stage first.
    assert_eq!(names, ["Due Meet", "Due Dm", "Due Today"]);
    let table = stdout(&s.cmd().arg("due").output().unwrap());
    assert_eq!(table.lines().count(), 4, "{table}");
    assert!(
        table
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("meet    Due Meet"),
        "{table}"
    );
    let csv = stdout(&s.cmd().args(["due", "--format", "csv"]).output().unwrap());
    assert_eq!(csv.lines().count(), 4);
    // Handle them all: all caught up, and who is next.
    for n in ["Due Meet", "Due Dm", "Due Today"] {
        s.cmd().args(["log", n]).assert().success();
    }
    s.cmd()
        .arg("due")
        .assert()
        .success()
        .stdout("All caught up. Next: Later One due in 3d.\n");
}

#[test]
fn stats_counts_stages_progress_due_and_kinds() {
    let s = Sandbox::new();
    review_board(&s);
    s.cmd()
        .args([
            "edit",
            "Later Two",
            "--kind",
            "customer",
            "--kind",
            "friend",
        ])
        .assert()
        .success();
    s.cmd()
        .args(["move", "Later Two", "--to", "dm"])
        .assert()
        .success();
    let out = stdout(
        &s.cmd()
            .args(["stats", "--format", "json"])
            .output()
            .unwrap(),
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["total"], 5);
    assert_eq!(v["due_today"], 1);
    assert_eq!(v["overdue"], 2);
    assert_eq!(v["stages"][0]["stage"], "casual");
    assert_eq!(v["stages"][0]["contacts"], 1);
    assert_eq!(v["stages"][0]["moved_forward_30d"], 1);
    assert_eq!(v["stages"][1]["contacts"], 2);
    assert_eq!(v["kinds"]["customer"], 1);
    assert_eq!(v["kinds"]["friend"], 1);
    assert_eq!(v["kinds"]["vendor"], 0);
    let text = stdout(&s.cmd().arg("stats").output().unwrap());
    assert!(
        text.starts_with("5 contacts · 1 due today · 2 overdue"),
        "{text}"
    );
    assert!(text.contains("Direct messages"), "{text}");
}

#[test]
fn completions_for_bash_zsh_and_fish() {
    let s = Sandbox::new();
    for (shell, marker) in [
        ("bash", "_rapport()"),
        ("zsh", "#compdef rapport"),
        ("fish", "complete -c rapport"),
    ] {
        let out = stdout(&s.cmd().args(["completions", shell]).output().unwrap());
        assert!(
            out.contains(marker),
            "{shell}: {}",
            &out[..out.len().min(200)]
        );
        assert!(out.contains("follow-up"), "{shell} completes subcommands");
    }
    s.cmd().args(["completions", "tcsh"]).assert().failure();
}

#[test]
fn table_output_never_writes_control_characters() {
    let s = Sandbox::new();
    s.cmd()
        .args([
            "add",
            "Evil\u{1b}]0;owned\u{7}Name\u{202e}",
            "--handle",
            "@x\u{1b}[2J",
        ])
        .assert()
        .success();
    for args in [&["list"][..], &["due"], &["show", "Evil"]] {
        let out = s.cmd().args(args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
            "{args:?}: {text:?}"
        );
        if args[0] == "list" {
            assert!(text.contains("Evil␛]0;owned␇Name�"), "{text}");
        }
    }
    // JSON keeps the exact text, escaped.
    let json = stdout(&s.cmd().args(["list", "--format", "json"]).output().unwrap());
    assert!(
        json.contains("Evil\\u001b]0;owned\\u0007Name\u{202e}"),
        "{json}"
    );
}

#[test]
fn check_reports_config_problems_with_line_and_column() {
    let s = Sandbox::new();
    s.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "config.ron is not there; the defaults apply",
        ));
    let dir = s.path().join("config/rapport");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("config.ron"),
        "(keys: {\"board\": {\"delete\": [\"n\"]}}, theme: (preset: \"neon\"))",
    )
    .unwrap();
    s.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("has problems"))
        .stdout(predicate::str::contains(
            "keys.board.delete: n already does",
        ))
        .stdout(predicate::str::contains("no theme \"neon\""));
    fs::write(dir.join("config.ron"), "(keys: {\n  \"board\": oops\n})").unwrap();
    s.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("config.ron line 2, column"));
    // A board with no quit key a keyboard has works (Ctrl+c still quits), but is noted.
    fs::write(
        dir.join("config.ron"),
        "(keys: { \"board\": { \"quit\": [\"f24\"] } })",
    )
    .unwrap();
    s.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("config.ron works, but:"))
        .stdout(predicate::str::contains(
            "keys.board.quit: only F24 quits, a key most keyboards do not have; Ctrl+c still does",
        ))
        .stdout(predicate::str::contains("is fine").not());
    // Two keys traded between actions are fine.
    fs::write(
        dir.join("config.ron"),
        "(keys: { \"board\": { \"undo\": [\"U\"], \"redo\": [\"u\"] } })",
    )
    .unwrap();
    s.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("config.ron is fine"));
    // The shipped config, copied as it is, is fine.
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/config.ron"),
        dir.join("config.ron"),
    )
    .unwrap();
    s.cmd()
        .arg("check")
        .assert()
        .success()
        .stdout(predicate::str::contains("config.ron is fine"));
}

#[test]
fn export_refuses_to_write_over_the_board_its_backup_or_its_lock() {
    let s = Sandbox::new();
    let board = s.path().join("b.ron");
    let run = |args: &[&str]| {
        s.cmd()
            .current_dir(s.path())
            .arg("--board")
            .arg(&board)
            .args(args)
            .assert()
    };
    run(&["add", "Ana Lima"]).success();
    run(&["add", "Bea Cruz"]).success();
    let before = std::fs::read(&board).unwrap();
    let link = s.path().join("link.ron");
    std::os::unix::fs::symlink(&board, &link).unwrap();
    for target in ["b.ron", "./b.ron", "link.ron", "b.ron.bak", "b.ron.lock"] {
        run(&["export", "--format", "csv", "-o", target])
            .failure()
            .stderr(predicate::str::contains("will not write over it"));
        assert_eq!(std::fs::read(&board).unwrap(), before, "{target}");
    }
    run(&["export", "--format", "csv", "-o", "contacts.csv"]).success();
    assert!(
        std::fs::read_to_string(s.path().join("contacts.csv"))
            .unwrap()
            .contains("Bea Cruz")
    );
}

/// rapport as git's merge driver: two branches that both changed the board merge cleanly.
#[test]
fn a_real_git_merge_of_two_branches_uses_the_merge_driver() {
    let s = Sandbox::new();
    let repo = s.path().join("repo");
    std::fs::create_dir(&repo).unwrap();
    let bin = env!("CARGO_BIN_EXE_rapport");
    let git = |args: &[&str]| {
        let out = std::process::Command::new("git")
            .current_dir(&repo)
            .env("RAPPORT_NOW", common::NOW)
            .env("GIT_CONFIG_GLOBAL", "/dev/null")
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    };
    let board = repo.join("board.ron");
    let rapport = |args: &[&str]| {
        s.cmd()
            .arg("--board")
            .arg(&board)
            .args(args)
            .assert()
            .success();
    };
    git(&["init", "-q", "-b", "main"]);
    git(&[
        "config",
        "merge.rapport.driver",
        &format!("{bin} merge %O %A %B"),
    ]);
    std::fs::write(repo.join(".gitattributes"), "board.ron merge=rapport\n").unwrap();
    rapport(&["add", "Ana Lima"]);
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "base"]);
    git(&["checkout", "-q", "-b", "laptop"]);
    rapport(&["add", "Bea Cruz"]);
    rapport(&["log", "Ana", "--note", "coffee"]);
    git(&["commit", "-q", "-am", "laptop"]);
    git(&["checkout", "-q", "main"]);
    rapport(&["add", "Cy Park"]);
    rapport(&["edit", "Ana", "--company", "Acme"]);
    git(&["commit", "-q", "-am", "phone"]);
    git(&["merge", "-q", "--no-edit", "laptop"]);
    let b = rapport::store::load(&board).unwrap();
    let mut names: Vec<&str> = b.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Ana Lima", "Bea Cruz", "Cy Park"]);
    let ana = b.iter().find(|c| c.name == "Ana Lima").unwrap();
    assert_eq!(ana.company.as_deref(), Some("Acme"));
    assert_eq!(ana.interactions.len(), 1);
    assert!(ana.conflicts.is_empty());
}

#[test]
fn merge_into_folds_a_sync_conflict_copy_back_and_removes_it() {
    let s = Sandbox::new();
    let board = s.path().join("board.ron");
    let run = |args: &[&str]| s.cmd().arg("--board").arg(&board).args(args).assert();
    run(&["add", "Ana Lima"]).success();
    // The copy a sync tool kept: the same board with another contact and other notes.
    let copy = s
        .path()
        .join("board.sync-conflict-20261127-101010-ABCDEFG.ron");
    let mut other = rapport::store::load(&board).unwrap();
    std::sync::Arc::make_mut(&mut other.contacts[0]).notes = "from the phone".into();
    other.add(rapport::model::Contact::new(
        "Bea Cruz",
        rapport::model::Stage::Dm,
        other.contacts[0].created,
    ));
    std::fs::write(&copy, rapport::store::to_ron(&other).unwrap()).unwrap();
    run(&["edit", "Ana", "--note", "from the laptop"]).success();
    s.cmd()
        .args(["merge", "--into"])
        .arg(&board)
        .arg(&copy)
        .assert()
        .success()
        .stdout(predicate::str::contains("removed it"))
        .stdout(predicate::str::contains(
            "1 field was changed on both sides",
        ));
    assert!(!copy.exists());
    let b = rapport::store::load(&board).unwrap();
    assert_eq!(b.contacts.len(), 2);
    let ana = &b.contacts[0];
    assert_eq!(ana.notes, "from the laptop");
    assert_eq!(ana.conflicts[0].theirs, "from the phone");
    // The board itself is never taken as a copy.
    s.cmd()
        .args(["merge", "--into"])
        .arg(&board)
        .arg(&board)
        .assert()
        .failure()
        .stderr(predicate::str::contains("will not write over it"));
}

#[test]
fn a_reader_that_stops_early_is_not_an_error() {
    let s = Sandbox::new();
    let board = s.path().join("b.ron");
    let mut b = rapport::model::Board::default();
    for i in 0..3000 {
        b.add(rapport::model::Contact::new(
            format!("Person {i:04}"),
            rapport::model::Stage::Casual,
            chrono::Utc::now(),
        ));
    }
    std::fs::write(&board, rapport::store::to_ron(&b).unwrap()).unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_rapport"))
        .arg("--board")
        .arg(&board)
        .arg("list")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // `| head -1`: read one line and close the pipe.
    let mut first = String::new();
    std::io::BufRead::read_line(
        &mut std::io::BufReader::new(child.stdout.take().unwrap()),
        &mut first,
    )
    .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        first.contains("STAGE") || first.contains("Person"),
        "{first}"
    );
    assert!(out.status.success(), "exit {:?}", out.status);
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn the_app_without_a_terminal_says_so_in_one_sentence() {
    let s = Sandbox::new();
    let out = s.cmd().output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("opens in a terminal"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn escape_sequences_in_data_never_reach_stderr_raw() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "T\u{1b}]0;pwned\u{7}"])
        .assert()
        .success();
    s.cmd().args(["add", "T x"]).assert().success();
    // Ambiguous: the error lists both names, one of them hostile.
    let out = s.cmd().args(["show", "T"]).output().unwrap();
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("2 contacts match \"T\""), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{7}'), "{err:?}");
}

#[test]
fn past_dates_are_read_as_dates_not_flags_everywhere() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "Pat Doe", "--follow-up", "-3d"])
        .assert()
        .success();
    assert_eq!(json_of(&s, "pat")["next_follow_up"], "2026-11-24");
    // Before and after other options, and with the board given after the date.
    let board = s.default_board();
    s.cmd()
        .args(["follow-up", "pat", "-2d", "--board"])
        .arg(&board)
        .assert()
        .success()
        .stdout(predicate::str::contains("Wed 25 Nov 2026"))
        .stderr(predicate::str::contains("in the past"));
    assert_eq!(json_of(&s, "pat")["next_follow_up"], "2026-11-25");
    s.cmd()
        .args(["add", "Sam Roe", "--follow-up=-1w", "--stage", "dm"])
        .assert()
        .success();
    assert_eq!(json_of(&s, "sam")["next_follow_up"], "2026-11-20");
    s.cmd()
        .args(["log", "sam", "--date", "-2d", "--channel", "email"])
        .assert()
        .success()
        .stdout(predicate::str::starts_with("Logged an email with Sam Roe"));
    // A word that is not a date is still an error about the date, not about a flag.
    s.cmd()
        .args(["follow-up", "pat", "-x"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("\"-x\" is not a date"));
}

#[test]
fn contacts_are_found_by_any_word_and_ambiguity_changes_nothing() {
    let s = Sandbox::new();
    for args in [
        &["add", "Chatty Cathy"][..],
        &["add", "José Álvarez", "--email", "jose@example.com"],
        &["add", "Ana Silva"],
        &["add", "Ana Lima"],
        &["add", "Mariana Souza", "--handle", "@msouza"],
    ] {
        s.cmd().args(args).assert().success();
    }
    s.cmd()
        .args(["log", "cathy"])
        .assert()
        .success()
        .stdout(predicate::str::contains("with Chatty Cathy"));
    s.cmd()
        .args(["move", "jose", "--to", "dm"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Moved José Álvarez"));
    s.cmd()
        .args(["show", "msouza"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Mariana Souza"));
    let before = fs::read(s.default_board()).unwrap();
    s.cmd()
        .args(["log", "ana"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "2 contacts match \"ana\": Ana Silva (",
        ))
        .stderr(predicate::str::contains("Ana Lima ("))
        .stderr(predicate::str::contains("Mariana").not())
        .stderr(predicate::str::contains("use the id"));
    assert_eq!(
        fs::read(s.default_board()).unwrap(),
        before,
        "nothing changed"
    );
}

#[test]
fn adding_a_contact_with_a_known_email_or_handle_warns_and_adds() {
    let s = Sandbox::new();
    s.cmd()
        .args([
            "add",
            "Priya Raman",
            "--email",
            "priya@example.com",
            "--handle",
            "@priyabuilds",
        ])
        .assert()
        .success();
    let id = json_of(&s, "priya")["id"].as_str().unwrap().to_string();
    s.cmd()
        .args(["add", "P. Raman", "--email", "Priya@Example.com"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "Priya Raman ({id}) already has the email Priya@Example.com"
        )))
        .stderr(predicate::str::contains(format!("rapport edit {id}")));
    s.cmd()
        .args(["add", "Priya R", "--handle", "priyabuilds"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "already has the handle priyabuilds",
        ));
    let list = stdout(&s.cmd().args(["list", "--format", "json"]).output().unwrap());
    let v: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3, "added anyway");
    s.cmd()
        .args(["add", "Someone Else", "--email", "else@example.com"])
        .assert()
        .success()
        .stderr(predicate::str::contains("already has").not());
}
