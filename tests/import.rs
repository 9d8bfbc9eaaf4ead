#![allow(clippy::unwrap_used)]
//! Import and export end to end: real-world vCards from ../shared/fixtures, CSV shapes
//! written from the published headers, round trips, and files with nothing to import.

mod common;

use common::Sandbox;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn ours(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A file from ../shared/fixtures/vcard, or None (with a note) where that folder is absent,
/// as on a fresh clone without the shared folder beside it.
fn shared(name: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/fixtures/vcard")
        .join(name);
    if p.exists() {
        Some(p)
    } else {
        eprintln!(
            "skipped: {} is absent (../shared is not beside this clone)",
            p.display()
        );
        None
    }
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

/// Every contact on the board, the inbox (where imports land) included.
fn contacts(s: &Sandbox) -> Vec<serde_json::Value> {
    let out = stdout(
        &s.cmd()
            .args(["export", "--format", "json"])
            .output()
            .unwrap(),
    );
    serde_json::from_str::<serde_json::Value>(&out).unwrap()["contacts"]
        .as_array()
        .unwrap()
        .clone()
}

fn names(s: &Sandbox) -> Vec<String> {
    contacts(s)
        .iter()
        .map(|c| c["name"].as_str().unwrap().to_string())
        .collect()
}

fn find<'a>(all: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    all.iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("no {name}"))
}

#[test]
fn every_shared_vcard_fixture_imports_with_exact_names() {
    // (file, contacts it holds once duplicates merge, names that must be there exactly)
    let cases: &[(&str, usize, &[&str])] = &[
        (
            "syncevolution-vcard21.vcf",
            16,
            &[
                "Umlaut Ä Ö Ü ß",
                "Mr. First ; special ; middle Last",
                "long line",
                "John Doe",
            ],
        ),
        (
            "syncevolution-eds_contact.vcf",
            17,
            &[
                "Umlaut Ä Ö Ü ß",
                "Mr. First ; special ; middle Last",
                "line breaks",
            ],
        ),
        (
            // Two cards named "Ms. Test" with different UIDs and details stay two people.
            "syncevolution-qt_contact.vcf",
            21,
            &["Tablet People", "John123 Doe", "Ms. Test", "Umlaut Ä Ö Ü ß"],
        ),
        (
            "syncevolution-yahoo_contact.vcf",
            8,
            &["John Doe", "quotation marks", "parserbug="],
        ),
        ("khard-korean-c.vcf", 1, &["최유림"]),
        ("khard-korean-j.vcf", 1, &["전도훈"]),
        ("khard-org.vcf", 1, &["ACME Inc."]),
        ("khard-tel-value-uri.vcf", 1, &["bug 195"]),
        ("khard-photov3.vcf", 1, &[]),
        ("khard-category.vcf", 1, &[]),
        ("khard-contact1.vcf", 1, &[]),
        ("khard-individual.vcf", 1, &[]),
        ("khard-labels.vcf", 1, &[]),
        ("khard-text-bday.vcf", 1, &[]),
    ];
    for (file, count, must) in cases {
        let Some(path) = shared(file) else { return };
        let s = Sandbox::new();
        s.cmd().arg("import").arg(&path).assert().success();
        let got = names(&s);
        assert_eq!(got.len(), *count, "{file}: {got:?}");
        for m in *must {
            assert!(
                got.iter().any(|n| n == m),
                "{file}: {m:?} missing from {got:?}"
            );
        }
        for n in &got {
            assert!(!n.contains('\\'), "{file}: {n:?} kept an escape");
        }
        // Twice: nothing new, and the file is not even rewritten.
        let before = fs::read(s.default_board()).unwrap();
        s.cmd()
            .arg("import")
            .arg(&path)
            .assert()
            .success()
            .stdout(predicate::str::contains("0 added, 0 merged"))
            .stdout(predicate::str::contains("Nothing new"));
        assert_eq!(fs::read(s.default_board()).unwrap(), before, "{file}");
    }
}

#[test]
fn vcard_fields_map_to_the_contact() {
    let Some(path) = shared("syncevolution-vcard21.vcf") else {
        return;
    };
    let s = Sandbox::new();
    s.cmd()
        .arg("import")
        .arg(&path)
        .args(["--stage", "dm", "--tag", "phonebook"])
        .assert()
        .success();
    let all = contacts(&s);
    let john = find(&all, "John Doe");
    assert_eq!(john["stage"], "dm");
    assert_eq!(john["company"], "Test Inc., Testing, test#1");
    assert!(
        john["emails"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "john.doe@work.com")
    );
    assert!(
        john["handles"]
            .as_array()
            .unwrap()
            .iter()
            .any(|h| h == "http://john.doe.com")
    );
    assert!(john["tags"].as_array().unwrap().iter().any(|t| t == "TEST"));
    assert!(
        john["tags"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "phonebook")
    );
    let breaks = find(&all, "line breaks");
    assert!(
        breaks["notes"]
            .as_str()
            .unwrap()
            .contains("This is line 1.\nLine 2."),
        "{breaks}"
    );
}

#[test]
fn a_file_with_nothing_importable_fails_and_changes_nothing() {
    let s = Sandbox::new();
    s.cmd().args(["add", "Existing"]).assert().success();
    let before = fs::read(s.default_board()).unwrap();
    let mut files = vec![];
    if let Some(p) = shared("khard-unparsable.vcf") {
        files.push((p, "no END:VCARD"));
    }
    let junk = s.path().join("junk.csv");
    fs::write(&junk, "colour,size\nred,9\n").unwrap();
    files.push((junk, "no header row"));
    let bin = s.path().join("photo.vcf");
    fs::write(&bin, [0u8, 1, 2, 3, 255]).unwrap();
    files.push((bin, "binary"));
    for (name, text) in [("empty.csv", ""), ("blank.csv", "\u{feff}\r\n \n")] {
        let f = s.path().join(name);
        fs::write(&f, text).unwrap();
        files.push((f, "is empty: there is nothing to import"));
    }
    // Japanese headers in Shift-JIS: no header is known, and the message says which
    // encoding the file was read in.
    let sjis = s.path().join("sjis.csv");
    fs::write(
        &sjis,
        b"\x96\xbc\x91\x4f,\x83\x81\x81\x5b\x83\x8b\r\n\x93\x63\x92\x86 \x88\xa4\x8e\x71,a@x.example\r\n",
    )
    .unwrap();
    files.push((
        sjis,
        "The file does not say which encoding it uses; it was read as",
    ));
    let none = s.path().join("none.json");
    fs::write(&none, "[]\n").unwrap();
    files.push((none, "it holds no contacts"));
    let header = s.path().join("header.csv");
    fs::write(&header, "First Name,Last Name,E-mail Address\r\n").unwrap();
    files.push((header, "it has a header row but no rows below it"));
    for (f, why) in files {
        s.cmd()
            .arg("import")
            .arg(&f)
            .assert()
            .failure()
            .stderr(predicate::str::contains(why))
            .stderr(predicate::str::contains(f.display().to_string()));
        assert_eq!(
            fs::read(s.default_board()).unwrap(),
            before,
            "{}",
            f.display()
        );
    }
    s.cmd()
        .args(["import", "/no/such/file.vcf"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Could not read /no/such/file.vcf"));
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let s = Sandbox::new();
    s.cmd()
        .arg("import")
        .arg(ours("simple.csv"))
        .arg("--dry-run")
        .assert()
        .success()
        .stdout(predicate::str::contains("Would import"))
        .stdout(predicate::str::contains("3 added"))
        .stdout(predicate::str::contains(
            "simple.csv:4: no name in the file; added as “@nameless” (from the handle)",
        ))
        .stdout(predicate::str::contains(
            "simple.csv:5: skipped: stage column",
        ))
        .stdout(predicate::str::contains("Ignored columns: mood"));
    assert!(!s.default_board().exists());
}

#[test]
fn linkedin_export_with_its_preamble() {
    let s = Sandbox::new();
    s.cmd()
        .arg("import")
        .arg(ours("linkedin-connections.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "(LinkedIn connections): 5 added, 0 merged, 0 already up to date, 0 skipped, of 5 rows.",
        ))
        .stdout(predicate::str::contains(
            "linkedin-connections.csv:9: no name in the file; added as “anonymous” (from the handle)",
        ));
    let all = contacts(&s);
    let p = find(&all, "Priya Raman");
    assert_eq!(p["emails"], serde_json::json!(["priya@example.com"]));
    assert_eq!(p["company"], "Northwind Analytics");
    assert_eq!(
        p["handles"],
        serde_json::json!(["https://www.linkedin.com/in/priya-raman-0a1b2c"])
    );
    assert_eq!(p["notes"], "Position: Head of Data");
    // Connected On is when you met. A fresh import waits in the inbox, never due, so it
    // never shows up as years overdue; placed, its cadence starts on the day it is placed.
    assert_eq!(p["met"], "2026-02-14");
    assert_eq!(p["created"], "2026-11-27T09:00:00Z");
    assert_eq!(p["inbox"], true);
    assert_eq!(p["due"], serde_json::Value::Null);
    assert_eq!(find(&all, "Zoë Müller")["company"], "Müller & Söhne GmbH");
    assert_eq!(find(&all, "김 민준")["company"], "서울 Robotics");
    assert_eq!(
        find(&all, "Marcus Oyelaran")["notes"],
        "Position: Founder, Creative Director"
    );
}

#[test]
fn google_contacts_both_layouts() {
    let s = Sandbox::new();
    s.cmd()
        .arg("import")
        .arg(ours("google-contacts.csv"))
        .assert()
        .success();
    s.cmd()
        .arg("import")
        .arg(ours("google-contacts-legacy.csv"))
        .assert()
        .success();
    let all = contacts(&s);
    let b = find(&all, "Becky Chen");
    assert_eq!(
        b["emails"],
        serde_json::json!(["becky@lumen.example", "becky.chen@mail.example"])
    );
    assert_eq!(b["phones"], serde_json::json!(["+1 415 555 0100"]));
    assert_eq!(b["tags"], serde_json::json!(["Clients"]));
    assert_eq!(
        b["handles"],
        serde_json::json!(["https://x.com/beckybuilds"])
    );
    assert_eq!(
        b["notes"],
        "Position: Design Lead\nMet at the onboarding meetup.\nLikes long threads."
    );
    let l = find(&all, "Liam Walsh");
    assert_eq!(
        l["phones"],
        serde_json::json!(["+353 1 555 0142", "+353 87 555 0199"])
    );
    assert_eq!(l["tags"], serde_json::json!([]));
    let a = find(&all, "Aiko Tanaka");
    assert_eq!(a["tags"], serde_json::json!(["Friends"]));
    assert_eq!(a["emails"], serde_json::json!(["aiko@example.com"]));
    assert_eq!(a["notes"], "Community organiser");
}

#[test]
fn outlook_export_in_windows_1252() {
    let s = Sandbox::new();
    s.cmd()
        .arg("import")
        .arg(ours("outlook-contacts.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("(Outlook contacts): 2 added"));
    let all = contacts(&s);
    let g = find(&all, "Grace Whitfield");
    assert_eq!(g["emails"], serde_json::json!(["grace@harbor.example"]));
    // Business and mobile; not the fax, not the assistant's line.
    assert_eq!(
        g["phones"],
        serde_json::json!(["+44 20 5555 0101", "+44 7700 900123"])
    );
    assert_eq!(g["company"], "Harbor Legal");
    assert_eq!(g["tags"], serde_json::json!(["Vendors", "Legal"]));
    assert_eq!(
        g["notes"],
        "Position: Partner\nReviewed our contract template."
    );
    let j = find(&all, "José Ibáñez");
    assert_eq!(j["company"], "Ibáñez Café");
}

#[test]
fn import_merges_into_existing_contacts() {
    let s = Sandbox::new();
    s.cmd()
        .args([
            "add",
            "Priya R.",
            "--stage",
            "phone",
            "--email",
            "PRIYA@example.com",
            "--note",
            "mine",
        ])
        .assert()
        .success();
    s.cmd()
        .arg("import")
        .arg(ours("linkedin-connections.csv"))
        .assert()
        .success()
        .stdout(predicate::str::contains("4 added, 1 merged"))
        .stdout(predicate::str::contains(
            "linkedin-connections.csv:5: “Priya Raman” merged into “Priya R.” (by email priya@example.com)",
        ));
    let all = contacts(&s);
    assert_eq!(all.len(), 5);
    let p = find(&all, "Priya R.");
    assert_eq!(p["stage"], "phone", "merging never moves a contact");
    assert_eq!(p["notes"], "mine", "notes are only filled when empty");
    assert_eq!(p["company"], "Northwind Analytics");
    assert_eq!(p["handles"].as_array().unwrap().len(), 1);
}

#[test]
fn csv_export_round_trips_through_import() {
    let s = Sandbox::new();
    s.cmd()
        .args([
            "add",
            "Becky Chen",
            "--stage",
            "dm",
            "--handle",
            "@becky",
            "--handle",
            "https://x.com/becky",
        ])
        .args([
            "--email",
            "b@example.com",
            "--phone",
            "+1 555",
            "--company",
            "Lumen, Inc.",
            "--kind",
            "prospect",
        ])
        .args([
            "--kind",
            "friend",
            "--tag",
            "design",
            "--tag",
            "warm",
            "--follow-up",
            "2026-12-24",
        ])
        .args(["--note", "Line one, with \"quotes\"\nLine two; semicolons"])
        .assert()
        .success();
    s.cmd()
        .args(["add", "김민준", "--stage", "meet"])
        .assert()
        .success();
    let csv = s.path().join("out.csv");
    s.cmd()
        .args(["export", "--format", "csv", "-o"])
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("Exported 2 contacts to"));
    let before = contacts(&s);

    let t = Sandbox::new();
    t.cmd()
        .arg("import")
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("(rapport export): 2 added"));
    let after = contacts(&t);
    for field in [
        "id",
        "name",
        "stage",
        "handles",
        "emails",
        "phones",
        "company",
        "kinds",
        "tags",
        "notes",
        "next_follow_up",
        "created",
    ] {
        for (a, b) in before.iter().zip(&after) {
            assert_eq!(a[field], b[field], "{field}");
        }
    }
}

#[test]
fn vcard_export_round_trips_through_import() {
    let s = Sandbox::new();
    s.cmd()
        .args([
            "add",
            "Zoë Müller",
            "--stage",
            "phone",
            "--handle",
            "@zoe",
            "--handle",
            "https://zoe.example/about",
        ])
        .args([
            "--email",
            "zoe@example.com",
            "--tag",
            "design, ux",
            "--tag",
            "berlin",
            "--kind",
            "vendor",
        ])
        .args(["--note", "Likes; semicolons, commas\nand new lines"])
        .assert()
        .success();
    let out = stdout(
        &s.cmd()
            .args(["export", "--format", "vcf"])
            .output()
            .unwrap(),
    );
    assert!(out.starts_with("BEGIN:VCARD\r\nVERSION:4.0\r\n"), "{out}");
    assert!(out.contains("FN:Zoë Müller\r\n"), "{out}");
    assert!(out.contains("X-SOCIALPROFILE:@zoe\r\n"), "{out}");
    assert!(out.contains("URL:https://zoe.example/about\r\n"), "{out}");
    let vcf = s.path().join("out.vcf");
    fs::write(&vcf, &out).unwrap();
    let t = Sandbox::new();
    t.cmd().arg("import").arg(&vcf).assert().success();
    let (a, b) = (&contacts(&s)[0], &contacts(&t)[0]);
    for field in [
        "id", "name", "handles", "emails", "tags", "notes", "stage", "kinds",
    ] {
        assert_eq!(a[field], b[field], "{field}");
    }
}

#[test]
fn json_export_is_the_board_with_contacts_in_the_list_shape() {
    let s = Sandbox::new();
    s.cmd().args(["add", "Ana"]).assert().success();
    let export = stdout(
        &s.cmd()
            .args(["export", "--format", "json"])
            .output()
            .unwrap(),
    );
    let list = stdout(&s.cmd().args(["list", "--format", "json"]).output().unwrap());
    let export: serde_json::Value = serde_json::from_str(&export).unwrap();
    let list: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(export["contacts"], list);
    assert_eq!(export["rapport_backup"], 1);
    assert_eq!(export["settings"]["cadence"]["dm"], 7);
    s.cmd()
        .args(["export", "--format", "json", "-o", "/no/such/dir/out.json"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "Could not write /no/such/dir/out.json",
        ));
}

/// A board with everything a round trip can lose: list values holding the separator,
/// cells a spreadsheet would run, a phone starting with `+`, interactions, stage changes
/// and the contact's own cadence.
fn tricky_board() -> Sandbox {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "@Becky Chen", "--stage", "dm", "--handle", "@becky"])
        .args([
            "--tag",
            "semi;colon",
            "--tag",
            "back\\slash",
            "--tag",
            "=1+2",
        ])
        .args(["--phone", "+1-555-0100;ext=7", "--phone", "+1 555 0199"])
        .args(["--email", "b@example.com", "--company=-Dash Inc."])
        .args([
            "--note",
            "=HYPERLINK(\"http://evil.example\",\"click\")\nsecond line",
        ])
        .assert()
        .success();
    s.cmd()
        .args(["add", "Zed", "--note", "'quoted' from the start"])
        .args(["--tag", "\ttabbed"])
        .assert()
        .success();
    s.cmd()
        .args(["log", "@Becky", "--channel", "call", "--from", "them"])
        .args(["--note", "Talked; agreed \\ on =price", "--date", "-3d"])
        .assert()
        .success();
    s.cmd()
        .args(["log", "@Becky", "--channel", "dm", "--date", "-1d"])
        .assert()
        .success();
    s.cmd()
        .args(["move", "@Becky", "--to", "phone"])
        .assert()
        .success();
    s.cmd()
        .args(["edit", "@Becky", "--cadence", "5"])
        .assert()
        .success();
    s
}

/// Issue 11, item 7: what each format keeps comes back exactly.
fn assert_same(before: &[serde_json::Value], after: &[serde_json::Value], fields: &[&str]) {
    assert_eq!(before.len(), after.len());
    for (a, b) in before.iter().zip(after) {
        for f in fields {
            assert_eq!(a[f], b[f], "{f} of {}", a["name"]);
        }
    }
}

const KEPT_BY_CSV_AND_VCARD: &[&str] = &[
    "id",
    "name",
    "stage",
    "handles",
    "emails",
    "phones",
    "company",
    "kinds",
    "tags",
    "notes",
    "created",
    "next_follow_up",
    "own_cadence_days",
    "cadence_days",
    "interactions",
    "stage_history",
    "last_contact",
    "due",
];

#[test]
fn csv_round_trip_keeps_separators_formulas_interactions_and_cadence() {
    let s = tricky_board();
    let csv = s.path().join("out.csv");
    s.cmd()
        .args(["export", "--format", "csv", "-o"])
        .arg(&csv)
        .assert()
        .success();
    let text = fs::read_to_string(&csv).unwrap();
    // The guard: no cell starts with a character a spreadsheet would run.
    let mut r = csv::Reader::from_reader(text.as_bytes());
    for row in r.records() {
        for cell in row.unwrap().iter() {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unguarded cell {cell:?}"
            );
        }
    }
    assert!(text.contains("'=HYPERLINK"), "{text}");
    assert!(text.contains(r"semi\;colon"), "{text}");
    assert!(text.contains(r"'+1-555-0100\;ext=7; +1 555 0199"), "{text}");
    let before = contacts(&s);
    let t = Sandbox::new();
    t.cmd()
        .arg("import")
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("(rapport export): 2 added"));
    let after = contacts(&t);
    assert_same(&before, &after, KEPT_BY_CSV_AND_VCARD);
    let b = find(&after, "@Becky Chen");
    assert_eq!(
        b["tags"],
        serde_json::json!(["semi;colon", "back\\slash", "=1+2"])
    );
    assert_eq!(
        b["phones"],
        serde_json::json!(["+1-555-0100;ext=7", "+1 555 0199"])
    );
    assert_eq!(b["interactions"].as_array().unwrap().len(), 2);
    assert_eq!(b["stage_history"].as_array().unwrap().len(), 2);
    assert_eq!(b["own_cadence_days"], 5);
    assert_eq!(find(&after, "Zed")["notes"], "'quoted' from the start");
    // Twice: nothing changes.
    t.cmd()
        .arg("import")
        .arg(&csv)
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing new"));
}

#[test]
fn vcard_round_trip_keeps_separators_interactions_and_cadence() {
    let s = tricky_board();
    let vcf = s.path().join("out.vcf");
    s.cmd()
        .args(["export", "--format", "vcf", "-o"])
        .arg(&vcf)
        .assert()
        .success();
    let text = fs::read_to_string(&vcf).unwrap();
    assert!(text.contains("X-RAPPORT-INTERACTION:"), "{text}");
    assert!(text.contains("X-RAPPORT-STAGE-CHANGE:"), "{text}");
    assert!(text.contains("X-RAPPORT-CADENCE:5"), "{text}");
    let before = contacts(&s);
    let t = Sandbox::new();
    t.cmd().arg("import").arg(&vcf).assert().success();
    let after = contacts(&t);
    assert_same(&before, &after, KEPT_BY_CSV_AND_VCARD);
    t.cmd()
        .arg("import")
        .arg(&vcf)
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing new"));
}

#[test]
fn json_backup_restores_the_board_exactly() {
    let s = tricky_board();
    // Settings too: a board file with its own cadences and a review streak.
    let board = fs::read_to_string(s.default_board()).unwrap();
    let board = board
        .replacen(
            "settings: (",
            "last_review: \"2026-11-26\", review_streak: 4, settings: (",
            1,
        )
        .replacen("casual: 14", "casual: 9", 1);
    assert!(board.contains("casual: 9"), "{board}");
    fs::write(s.default_board(), board).unwrap();
    s.cmd().arg("check").assert().success();
    let json = s.path().join("backup.json");
    s.cmd()
        .args(["export", "--format", "json", "-o"])
        .arg(&json)
        .assert()
        .success();
    let t = Sandbox::new();
    t.cmd()
        .arg("import")
        .arg(&json)
        .assert()
        .success()
        .stdout(predicate::str::contains("(rapport backup): 2 added"))
        .stdout(predicate::str::contains(
            "settings, last review and streak were restored",
        ));
    let original = rapport::store::load(&s.default_board()).unwrap();
    let restored = rapport::store::load(&t.default_board()).unwrap();
    // The same contacts in the same columns, in the same order.
    for stage in rapport::model::Stage::ALL {
        let a: Vec<_> = original.in_stage(stage).collect();
        let b: Vec<_> = restored.in_stage(stage).collect();
        assert_eq!(a, b, "{stage:?}");
    }
    assert_eq!(original.settings, restored.settings);
    assert_eq!(restored.review_streak, 4);
    assert_eq!(original.last_review, restored.last_review);
    let before = fs::read(t.default_board()).unwrap();
    t.cmd()
        .arg("import")
        .arg(&json)
        .assert()
        .success()
        .stdout(predicate::str::contains("Nothing new"));
    assert_eq!(fs::read(t.default_board()).unwrap(), before);
}

/// A contact waiting in the inbox goes out as `inbox` in CSV and vCard and comes back to
/// the inbox, not placed and due.
#[test]
fn an_inbox_contact_comes_back_to_the_inbox_from_csv_and_vcard() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "Inga Inbox", "--inbox", "--email", "inga@x.example"])
        .assert()
        .success();
    s.cmd()
        .args(["add", "Pia Placed", "--stage", "phone"])
        .assert()
        .success();
    for format in ["csv", "vcf"] {
        let out = s.path().join(format!("out.{format}"));
        s.cmd()
            .args(["export", "--format", format, "-o"])
            .arg(&out)
            .assert()
            .success();
        let t = Sandbox::new();
        t.cmd().arg("import").arg(&out).assert().success();
        let all = contacts(&t);
        let inga = find(&all, "Inga Inbox");
        assert_eq!(inga["inbox"], true, "{format}: {inga}");
        assert_eq!(inga["due"], serde_json::Value::Null, "{format}: {inga}");
        let pia = find(&all, "Pia Placed");
        assert_eq!(pia["stage"], "phone", "{format}");
        assert_ne!(pia["inbox"], true, "{format}");
    }
}
