#![allow(clippy::unwrap_used)]
//! The commands around the columns, on the built binary: the inbox, archive and restore,
//! pause, the filter and the agenda.

mod common;

use common::Sandbox;
use predicates::prelude::*;

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn list(s: &Sandbox, args: &[&str]) -> String {
    let out = s.cmd().arg("list").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

#[test]
fn the_inbox_is_listed_apart_and_never_due() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "Zoë Inbox", "--inbox", "--tag", "conf"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "to the inbox; `rapport triage` places it in a stage.",
        ));
    s.cmd()
        .args(["add", "Ana Lima", "--stage", "dm"])
        .assert()
        .success();
    let all = list(&s, &[]);
    assert!(!all.contains("Zoë"), "{all}");
    let inbox = list(&s, &["--stage", "inbox"]);
    assert!(
        inbox
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("inbox  Zoë Inbox"),
        "{inbox}"
    );
    assert!(inbox.contains("—"), "not due: {inbox}");
    // Shown as waiting, with no time in a stage nor an empty history.
    let shown = stdout(&s.cmd().args(["show", "Zoë"]).output().unwrap());
    assert!(
        shown.contains("Stage:      in the inbox, not placed yet"),
        "{shown}"
    );
    assert!(
        !shown.contains("days in stage") && !shown.contains("Stage history"),
        "{shown}"
    );
    assert!(!inbox.contains("Ana"), "{inbox}");
    s.cmd()
        .args(["list", "--stage", "lounge"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("casual, dm, phone, meet, inbox"));
    let st = stdout(&s.cmd().arg("stats").output().unwrap());
    assert!(
        st.contains("1 in the inbox · 0 archived · 0 paused"),
        "{st}"
    );
}

#[test]
fn archive_with_a_reason_then_restore() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "Ana Lima", "--stage", "dm"])
        .assert()
        .success();
    s.cmd()
        .args(["add", "Ben Ortiz", "--stage", "dm"])
        .assert()
        .success();
    s.cmd()
        .args(["archive", "ana", "--reason", "went cold"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Archived Ana Lima."));
    assert!(!list(&s, &[]).contains("Ana"));
    let archived = list(&s, &["--archived"]);
    assert!(archived.contains("archived  Ana Lima"), "{archived}");
    assert!(!archived.contains("Ben"));
    let show = stdout(&s.cmd().args(["show", "ana"]).output().unwrap());
    assert!(
        show.contains("Standing:   archived 27 Nov: went cold"),
        "{show}"
    );
    assert!(show.contains("Due:        none while archived"), "{show}");
    let st = stdout(&s.cmd().arg("stats").output().unwrap());
    assert!(
        st.contains("Archived after reaching: Casual 0 · DMs 1"),
        "{st}"
    );
    // The due list leaves archived contacts out (Ben was added today: not due either).
    s.cmd()
        .args(["restore", "ana"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Restored Ana Lima to Direct messages.",
        ));
    assert!(list(&s, &[]).contains("Ana Lima"));
    s.cmd()
        .args(["restore", "ana"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "Ana Lima is not archived; nothing changed.",
        ));
}

#[test]
fn pause_until_a_date_takes_a_contact_out_of_due() {
    let s = Sandbox::new();
    s.cmd()
        .args([
            "add",
            "Ana Lima",
            "--stage",
            "dm",
            "--follow-up",
            "yesterday",
        ])
        .assert()
        .success();
    assert!(stdout(&s.cmd().arg("due").output().unwrap()).contains("Ana Lima"));
    s.cmd()
        .args(["pause", "ana", "2027-04-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "Paused Ana Lima until Thu 1 Apr 2027",
        ));
    let due = stdout(&s.cmd().arg("due").output().unwrap());
    assert!(
        due.starts_with("All caught up. Next: Ana Lima due in"),
        "{due}"
    );
    s.cmd()
        .args(["pause", "ana", "-3d"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("is not after today"));
    s.cmd()
        .args(["pause", "ana", "none"])
        .assert()
        .success()
        .stdout(predicate::str::contains("no longer paused"));
    assert!(stdout(&s.cmd().arg("due").output().unwrap()).contains("Ana Lima"));
}

#[test]
fn list_filter_takes_the_app_filter_syntax() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "Chloé Durand", "--stage", "dm", "--tag", "saas"])
        .args(["--kind", "prospect", "--company", "Acme"])
        .assert()
        .success();
    s.cmd()
        .args(["add", "Ben Ortiz", "--stage", "dm", "--tag", "saas"])
        .assert()
        .success();
    s.cmd()
        .args(["add", "Old Pal", "--stage", "meet"])
        .assert()
        .success();
    s.cmd().args(["archive", "old pal"]).assert().success();
    let out = list(
        &s,
        &["--filter", "tag:saas kind:prospect company:acme chloe"],
    );
    assert_eq!(out.lines().count(), 2, "{out}");
    assert!(out.contains("Chloé Durand"));
    let out = list(&s, &["--filter", "stage:dm"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    let out = list(&s, &["--filter", "is:archived"]);
    assert!(out.contains("Old Pal") && !out.contains("Ben"), "{out}");
    let out = list(&s, &["--filter", "zzz"]);
    assert_eq!(out, "Nobody matches \"zzz\".\n");
    s.cmd()
        .args(["list", "--filter", "kind:zebra"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("kind:zebra is not understood"));
}

#[test]
fn agenda_lists_the_coming_days_overdue_first() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "Late Lee", "--stage", "dm", "--follow-up", "-2d"])
        .assert()
        .success();
    s.cmd()
        .args([
            "add",
            "Tom Morrow",
            "--stage",
            "phone",
            "--follow-up",
            "tomorrow",
        ])
        .assert()
        .success();
    s.cmd()
        .args(["add", "Far Away", "--follow-up", "+20d"])
        .assert()
        .success();
    let out = stdout(&s.cmd().arg("agenda").output().unwrap());
    assert_eq!(
        out,
        "Overdue\n  Late Lee  [dm] (overdue 2d): follow up as planned\n\nSat 28 Nov\n  Tom Morrow  [phone]: follow up as planned\n",
    );
    let out = stdout(&s.cmd().args(["agenda", "--days", "30"]).output().unwrap());
    assert!(out.contains("Far Away"), "{out}");
    let json: serde_json::Value = serde_json::from_slice(
        &s.cmd()
            .args(["agenda", "--format", "json"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert_eq!(json[0]["day"], serde_json::Value::Null);
    assert_eq!(json[1]["contacts"][0]["name"], "Tom Morrow");
    for sub in ["archive", "restore", "pause", "triage", "agenda"] {
        s.cmd()
            .args([sub, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: rapport"));
    }
}
