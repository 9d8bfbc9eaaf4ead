#![allow(clippy::unwrap_used)]
//! `rapport export --format ics`, read back by a real iCalendar parser.

mod common;

use common::Sandbox;
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};

fn export(s: &Sandbox) -> String {
    let out = s
        .cmd()
        .args(["export", "--format", "ics"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn events(text: &str) -> Vec<icalendar::Event> {
    let cal: Calendar = text.parse().unwrap();
    cal.components
        .into_iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some(e),
            _ => None,
        })
        .collect()
}

#[test]
fn every_reach_out_is_an_all_day_entry_with_a_stable_uid() {
    let s = Sandbox::new();
    s.cmd()
        .args([
            "add",
            "Chloé, Durand; Jr",
            "--stage",
            "dm",
            "--handle",
            "@chloe",
        ])
        .args(["--follow-up", "tomorrow"])
        .assert()
        .success();
    s.cmd()
        .args([
            "log",
            "chloe",
            "--note",
            "Loved the talk, wants the deck\nsend Monday",
            "--date",
            "-3d",
        ])
        .assert()
        .success();
    s.cmd()
        .args(["add", "Late Lee", "--stage", "phone", "--follow-up", "-5d"])
        .assert()
        .success();
    s.cmd()
        .args(["add", "In Box", "--inbox"])
        .assert()
        .success();
    s.cmd()
        .args(["add", "Gone", "--stage", "meet"])
        .assert()
        .success();
    s.cmd().args(["archive", "gone"]).assert().success();

    let text = export(&s);
    assert!(text.lines().all(|l| l.len() <= 76), "folded lines");
    assert!(text.contains("\r\n"));
    let evs = events(&text);
    // Chloé and Lee; the inbox and the archive are never due. Gone was due in 30 days
    // before being archived, so it is absent too.
    assert_eq!(evs.len(), 2, "{text}");
    let lee = evs
        .iter()
        .find(|e| e.get_summary() == Some("Follow up: Late Lee"))
        .unwrap();
    // Overdue: dated today (RAPPORT_NOW is 2026-11-27), all day.
    assert_eq!(
        lee.get_start(),
        Some(DatePerhapsTime::Date(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        ))
    );
    assert!(
        lee.get_description()
            .unwrap()
            .contains("Due since Sun 22 Nov")
    );
    let chloe = evs
        .iter()
        .find(|e| e.get_summary() == Some("Follow up: Chloé, Durand; Jr"))
        .unwrap();
    assert_eq!(
        chloe.get_start(),
        Some(DatePerhapsTime::Date(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
        ))
    );
    assert_eq!(
        chloe.get_end(),
        Some(DatePerhapsTime::Date(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap()
        ))
    );
    let d = chloe.get_description().unwrap();
    assert!(d.contains("Handle: @chloe"), "{d}");
    assert!(
        d.contains(
            "Last: 2026-11-24 (3d ago), dm from me: Loved the talk, wants the deck\nsend Monday"
        ),
        "{d}"
    );
    assert_eq!(chloe.get_url(), Some("https://x.com/chloe"));

    // Exporting again after a change keeps each contact's UID: calendars update the entry.
    let uids = |evs: &[icalendar::Event]| {
        let mut v: Vec<String> = evs
            .iter()
            .map(|e| e.get_uid().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let before = uids(&evs);
    s.cmd()
        .args(["follow-up", "chloe", "+5d"])
        .assert()
        .success();
    let again = events(&export(&s));
    assert_eq!(uids(&again), before);

    // -o writes the file.
    let file = s.path().join("reach-outs.ics");
    s.cmd()
        .args(["export", "--format", "ics", "-o"])
        .arg(&file)
        .assert()
        .success();
    assert_eq!(events(&std::fs::read_to_string(&file).unwrap()).len(), 2);
}
