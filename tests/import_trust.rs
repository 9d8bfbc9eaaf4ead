#![allow(clippy::unwrap_used)]
//! Issue 12: an import you can trust with a real address book. One test per case of the
//! issue, on small files written in the shapes other programs export (tests/fixtures/).

mod common;

use common::Sandbox;
use predicates::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Every contact on the board, the inbox (where imports land) included.
fn contacts(s: &Sandbox) -> Vec<serde_json::Value> {
    let out = s
        .cmd()
        .args(["export", "--format", "json"])
        .output()
        .unwrap();
    serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["contacts"]
        .as_array()
        .unwrap()
        .clone()
}

fn named<'a>(all: &'a [serde_json::Value], name: &str) -> Vec<&'a serde_json::Value> {
    all.iter().filter(|c| c["name"] == name).collect()
}

fn one<'a>(all: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    let found = named(all, name);
    assert_eq!(found.len(), 1, "{name}: {all:?}");
    found[0]
}

fn import(s: &Sandbox, file: &str) -> String {
    import_file(s, &fixture(file))
}

/// Imports `file`, which must succeed; what it printed.
fn import_file(s: &Sandbox, file: &Path) -> String {
    let out = s.cmd().arg("import").arg(file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// Importing the file again changes nothing, not even the file's bytes.
fn twice_changes_nothing(s: &Sandbox, file: &str) {
    twice_changes_nothing_file(s, &fixture(file));
}

fn twice_changes_nothing_file(s: &Sandbox, file: &Path) {
    let before = fs::read(s.default_board()).unwrap();
    let again = import_file(s, file);
    let file = file.display();
    assert!(again.contains(" 0 added, 0 merged"), "{file}: {again}");
    assert!(again.contains("Nothing new"), "{file}: {again}");
    assert_eq!(fs::read(s.default_board()).unwrap(), before, "{file}");
}

/// Case 1: `-`, `n/a`, `none`… are no values, so they match nobody.
#[test]
fn placeholder_values_are_empty_and_match_nobody() {
    let s = Sandbox::new();
    let out = import(&s, "placeholders.csv");
    assert!(out.contains("12 added, 0 merged"), "{out}");
    let all = contacts(&s);
    assert_eq!(all.len(), 12);
    for c in &all {
        assert_eq!(c["emails"], serde_json::json!([]), "{c}");
        assert_eq!(c["company"], serde_json::Value::Null, "{c}");
        assert_eq!(c["phones"].as_array().unwrap().len(), 1);
    }
    // The issue's own example.
    let p = s.path().join("p.csv");
    fs::write(&p, "Name,Email,Phone\nAnn Lee,n/a,1\nBob Ray,n/a,2\n").unwrap();
    s.cmd()
        .arg("import")
        .arg(&p)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 added, 0 merged"));
    assert_eq!(
        one(&contacts(&s), "Bob Ray")["phones"],
        serde_json::json!(["2"])
    );
    twice_changes_nothing(&s, "placeholders.csv");
}

/// Case 2: a shared name, family email or company website adds a contact and reports a
/// possible duplicate; nothing is merged.
#[test]
fn shared_values_are_reported_not_merged() {
    let s = Sandbox::new();
    let out = import(&s, "shared-values.csv");
    assert!(out.contains("6 added, 0 merged"), "{out}");
    assert!(
        out.contains("shared-values.csv:3: added “John Smith”; may be the same person as “John Smith” (same name"),
        "{out}"
    );
    assert!(
        out.contains("shared-values.csv:5: added “Bob Lee”; may be the same person as “Ann Lee” (same email family@home.example under another name"),
        "{out}"
    );
    assert!(
        out.contains("shared-values.csv:7: added “Di Fox”; may be the same person as “Cy Dee” (same website https://acme.example"),
        "{out}"
    );
    assert!(
        out.contains("3 new contacts may be the same person as another; `rapport duplicates`"),
        "{out}"
    );
    let all = contacts(&s);
    assert_eq!(named(&all, "John Smith").len(), 2);
    assert_eq!(
        one(&all, "Bob Lee")["emails"],
        serde_json::json!(["family@home.example"])
    );
    twice_changes_nothing(&s, "shared-values.csv");
}

/// Case 3: "Mailing Street" is an address, not an email.
#[test]
fn only_email_columns_are_emails() {
    let s = Sandbox::new();
    let out = import(&s, "zoho-contacts.csv");
    assert!(out.contains("(Zoho contacts): 2 added"), "{out}");
    assert!(
        out.contains("Ignored columns: Contact Owner, Mailing Street, Mailing City, Mailing Zip"),
        "{out}"
    );
    let all = contacts(&s);
    let ann = one(&all, "Ann Lee");
    assert_eq!(ann["emails"], serde_json::json!(["ann@acme.example"]));
    assert_eq!(ann["company"], "Acme Corp");
    assert_eq!(ann["handles"], serde_json::json!(["@annlee"]));
    assert_eq!(ann["notes"], "Position: Head of Sales\nMet at SaaStr");
    assert!(ann["source_id"].as_str().unwrap().ends_with(":zcrm_101"));
    twice_changes_nothing(&s, "zoho-contacts.csv");
}

/// Case 4: a foreign ID column is the source id, so two sheets numbered 1, 2, 3 stay six
/// people, and rapport's own ids are its own.
#[test]
fn foreign_ids_never_become_rapport_ids() {
    let s = Sandbox::new();
    import(&s, "numbered-a.csv");
    let out = import(&s, "numbered-b.csv");
    assert!(out.contains("3 added, 0 merged"), "{out}");
    let all = contacts(&s);
    assert_eq!(all.len(), 6);
    for c in &all {
        let id = c["id"].as_str().unwrap();
        assert_eq!(id.len(), 8, "{id}");
        assert!(c["source_id"].as_str().unwrap().starts_with("csv-"));
    }
    twice_changes_nothing(&s, "numbered-a.csv");
    twice_changes_nothing(&s, "numbered-b.csv");
}

/// Two unrelated sheets with the same columns, both numbered 1, 2, 3: a short source id
/// merges only where the names agree; elsewhere the record is added and listed as a
/// possible duplicate. A long id (a vCard UID) still follows a change of name.
#[test]
fn a_row_number_shared_by_two_sheets_never_merges_two_people() {
    let s = Sandbox::new();
    import(&s, "numbered-a.csv");
    let other = s.path().join("other.csv");
    fs::write(
        &other,
        "ID,Name,Email\n1,Zed Unrelated,zed@z.example\n2,Bob Ray,\n",
    )
    .unwrap();
    let out = import_file(&s, &other);
    assert!(
        out.contains("1 added, 0 merged, 1 already up to date"),
        "{out}"
    );
    assert!(
        out.contains("may be the same person as “Ann Lee” (same source id 1 under another name"),
        "{out}"
    );
    let all = contacts(&s);
    assert_eq!(
        one(&all, "Ann Lee")["emails"],
        serde_json::json!(["ann@a.example"])
    );
    assert_eq!(
        one(&all, "Zed Unrelated")["emails"],
        serde_json::json!(["zed@z.example"])
    );
    twice_changes_nothing_file(&s, &other);

    let card = |name: &str| {
        format!(
            "BEGIN:VCARD\r\nVERSION:3.0\r\nUID:5f1c2a9e-77b0-4c1e-9a51-0c4d3e2b1a00\r\nFN:{name}\r\nEND:VCARD\r\n"
        )
    };
    let s = Sandbox::new();
    let vcf = s.path().join("card.vcf");
    fs::write(&vcf, card("Ann Lee")).unwrap();
    import_file(&s, &vcf);
    fs::write(&vcf, card("Ann Smith")).unwrap();
    let out = import_file(&s, &vcf);
    assert!(
        out.contains("0 added, 0 merged, 1 already up to date"),
        "{out}"
    );
    assert_eq!(contacts(&s).len(), 1);
}

/// Case 5: a record with an email, a phone or a company but no name is kept and named.
#[test]
fn nameless_records_are_named_and_reported() {
    let s = Sandbox::new();
    let out = import(&s, "nameless.csv");
    assert!(out.contains("3 added"), "{out}");
    assert!(
        out.contains("nameless.csv:2: no name in the file; added as “ann.lee” (from the email)"),
        "{out}"
    );
    assert!(
        out.contains(
            "nameless.csv:3: no name in the file; added as “+44 7700 900123” (from the phone)"
        ),
        "{out}"
    );
    assert!(
        out.contains(
            "nameless.csv:4: no name in the file; added as “Nameless GmbH” (from the company)"
        ),
        "{out}"
    );
    let all = contacts(&s);
    assert_eq!(
        one(&all, "ann.lee")["emails"],
        serde_json::json!(["ann.lee@x.example"])
    );
    twice_changes_nothing(&s, "nameless.csv");
}

/// Case 6: German Outlook (`;`, Windows-1252, CRLF), Thunderbird's tab-separated UTF-16
/// without a BOM, Shift-JIS, and a CR-only vCard file all read, saying what was guessed.
#[test]
fn every_common_export_reads() {
    let s = Sandbox::new();
    let out = import(&s, "outlook-german.csv");
    assert!(
        out.contains("(Outlook contacts (German)): 2 added"),
        "{out}"
    );
    assert!(
        out.contains("as windows-1252 (a guess: the file does not say which encoding it uses), semicolon-separated"),
        "{out}"
    );
    let out = import(&s, "thunderbird-utf16.tsv");
    assert!(out.contains("(Thunderbird address book): 1 added"), "{out}");
    assert!(out.contains("as UTF-16LE (a guess"), "{out}");
    assert!(out.contains("tab-separated"), "{out}");
    let out = import(&s, "shift-jis.csv");
    assert!(out.contains("2 added"), "{out}");
    assert!(out.contains("as Shift_JIS (a guess"), "{out}");
    let out = import(&s, "mac-cr.vcf");
    assert!(out.contains("(vCard): 2 added"), "{out}");
    let all = contacts(&s);
    let j = one(&all, "Jürgen Weiß");
    assert_eq!(j["company"], "Müller & Söhne GmbH");
    assert_eq!(
        j["emails"],
        serde_json::json!(["juergen@mueller.example", "j.weiss@privat.example"])
    );
    assert_eq!(
        j["phones"],
        serde_json::json!(["+49 89 5555 0100", "+49 170 5555 0101"])
    );
    assert_eq!(j["tags"], serde_json::json!(["Kunden"]));
    assert_eq!(j["notes"], "Position: Geschäftsführer\nMesse München 2025");
    one(&all, "Ömer Çelik");
    let z = one(&all, "Zoë Åberg");
    assert_eq!(z["company"], "Åberg Design");
    assert_eq!(z["notes"], "Position: Designer\nΚαλημέρα");
    assert_eq!(
        z["handles"],
        serde_json::json!(["https://aberg.example", "https://blog.aberg.example"])
    );
    assert_eq!(one(&all, "田中 愛子")["company"], "株式会社サンプル");
    one(&all, "鈴木 一郎");
    one(&all, "Ann Lee");
    for f in [
        "outlook-german.csv",
        "thunderbird-utf16.tsv",
        "shift-jis.csv",
        "mac-cr.vcf",
    ] {
        twice_changes_nothing(&s, f);
    }
    // The old error for a `;` file blamed a missing header; a file with no header at all
    // says how it was read and what to do.
    let junk = s.path().join("junk.csv");
    fs::write(&junk, "colour;size\nred;9\n").unwrap();
    s.cmd()
        .arg("import")
        .arg(&junk)
        .assert()
        .failure()
        .stderr(predicate::str::contains("--map"));
}

/// Case 7: the report names every merge, possible duplicate and skip with the right line
/// (CRLF and a quoted two-line note included); --dry-run prints the same; --report FILE
/// writes it as JSON.
#[test]
fn the_report_names_everything_with_the_right_lines() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "Ann L.", "--email", "ANN@x.example"])
        .assert()
        .success();
    let dry = s
        .cmd()
        .arg("import")
        .arg(fixture("crlf-report.csv"))
        .arg("--dry-run")
        .output()
        .unwrap();
    let dry = String::from_utf8(dry.stdout).unwrap();
    let report = s.path().join("report.json");
    let real = s
        .cmd()
        .arg("import")
        .arg(fixture("crlf-report.csv"))
        .arg("--report")
        .arg(&report)
        .output()
        .unwrap();
    let real = String::from_utf8(real.stdout).unwrap();
    for out in [&dry, &real] {
        assert!(
            out.contains(
                "crlf-report.csv:2: “Ann Lee” merged into “Ann L.” (by email ann@x.example)"
            ),
            "{out}"
        );
        assert!(
            out.contains("crlf-report.csv:4: skipped: stage column: unknown stage \"texting\""),
            "{out}"
        );
        assert!(
            out.contains("crlf-report.csv:6: skipped: stage column: unknown stage \"someday\""),
            "{out}"
        );
        assert!(
            out.contains("0 added, 1 merged, 1 already up to date, 2 skipped, of 4 rows."),
            "{out}"
        );
    }
    assert!(
        dry.starts_with(&real.lines().take(3).collect::<Vec<_>>().join("\n")),
        "{dry}\n{real}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&report).unwrap()).unwrap();
    assert_eq!(json["rows"], 4);
    assert_eq!(json["merged"][0]["line"], 2);
    assert_eq!(json["merged"][0]["into"], "Ann L.");
    assert_eq!(json["merged"][0]["by"], "email ann@x.example");
    assert_eq!(json["unchanged"][0]["line"], 5);
    assert_eq!(json["skipped"][1]["line"], 6);
    assert_eq!(json["encoding"], "UTF-8");
    assert_eq!(json["dry_run"], false);
}

/// The JSON report names each added contact with the id it has on the board, and says
/// what a nameless one was named after; a re-import lists every row it found unchanged.
#[test]
fn the_json_report_lists_every_added_and_unchanged_contact() {
    let s = Sandbox::new();
    let report = s.path().join("report.json");
    let run = |report: &Path| {
        let out = s
            .cmd()
            .arg("import")
            .arg(fixture("nameless.csv"))
            .arg("--report")
            .arg(report)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        serde_json::from_str::<serde_json::Value>(&fs::read_to_string(report).unwrap()).unwrap()
    };
    let json = run(&report);
    let added = json["added"].as_array().unwrap();
    let all = contacts(&s);
    assert_eq!(added.len(), all.len());
    assert!(!added.is_empty());
    for a in added {
        let c = one(&all, a["name"].as_str().unwrap());
        assert_eq!(a["id"], c["id"], "{a}");
    }
    assert!(
        added.iter().any(|a| a["named_from"] == "email"),
        "{added:?}"
    );
    let again = run(&report);
    assert_eq!(again["added"].as_array().unwrap().len(), 0);
    assert_eq!(again["unchanged"].as_array().unwrap().len(), added.len());
}

/// `--report` naming the very file being imported is refused before anything is read or
/// written: the user's export is never replaced by the report.
#[test]
fn the_report_never_writes_over_the_file_being_imported() {
    let s = Sandbox::new();
    let input = s.path().join("in.csv");
    fs::copy(fixture("simple.csv"), &input).unwrap();
    let before = fs::read(&input).unwrap();
    s.cmd()
        .arg("import")
        .arg(&input)
        .arg("--report")
        .arg(s.path().join(".").join("in.csv"))
        .assert()
        .failure()
        .stderr(predicate::str::contains("is the file being imported"));
    assert_eq!(fs::read(&input).unwrap(), before);
    assert!(!s.default_board().exists());
}

/// Case 8: the job title, every website and company aliases are kept; group cards are not
/// people; Google's and Android's system groups are not tags.
#[test]
fn titles_websites_companies_groups() {
    let s = Sandbox::new();
    let out = import(&s, "mac-cr.vcf");
    assert!(
        out.contains("mac-cr.vcf:13: skipped: a contact group (\"Colleagues\"), not a person"),
        "{out}"
    );
    let all = contacts(&s);
    let ann = one(&all, "Ann Lee");
    assert_eq!(ann["notes"], "Position: Head of Sales");
    assert_eq!(ann["tags"], serde_json::json!(["Clients"]));
    assert_eq!(
        ann["handles"],
        serde_json::json!([
            "https://acme.example",
            "https://annlee.example",
            "https://twitter.com/annlee"
        ])
    );
    import(&s, "hubspot-contacts.csv");
    let all = contacts(&s);
    let gus = one(&all, "Gus Ng");
    assert_eq!(gus["company"], "Ng & Co");
    assert_eq!(gus["notes"], "Position: Founder");
    assert_eq!(gus["handles"], serde_json::json!(["https://ngco.example"]));
}

/// Case 9: imported connections start fresh: they wait in the inbox, never due, with
/// "Connected On" kept as the day you met; imported straight into a stage, they are due a
/// cadence after the import day.
#[test]
fn imported_connections_do_not_flood_the_review() {
    let s = Sandbox::new();
    s.cmd().args(["add", "Warm Contact"]).assert().success();
    import(&s, "linkedin-connections.csv");
    let all = contacts(&s);
    let marcus = one(&all, "Marcus Oyelaran");
    assert_eq!(marcus["met"], "2025-01-03");
    assert_eq!(marcus["inbox"], true);
    assert_eq!(marcus["due"], serde_json::Value::Null);
    let placed = Sandbox::new();
    placed
        .cmd()
        .arg("import")
        .arg(fixture("linkedin-connections.csv"))
        .args(["--stage", "casual"])
        .assert()
        .success();
    let all = contacts(&placed);
    assert_eq!(one(&all, "Marcus Oyelaran")["due"], "2026-12-11");
    let due = s.cmd().args(["due", "--format", "json"]).output().unwrap();
    let due: serde_json::Value = serde_json::from_slice(&due.stdout).unwrap();
    assert_eq!(due, serde_json::json!([]), "nobody imported is overdue");
    let show = s.cmd().args(["show", "Marcus"]).output().unwrap();
    assert!(
        String::from_utf8(show.stdout)
            .unwrap()
            .contains("Met:        3 Jan 2025")
    );
}

/// `--map` names a column rapport does not know.
#[test]
fn map_names_unknown_columns() {
    let s = Sandbox::new();
    let f = s.path().join("odd.csv");
    fs::write(&f, "Kontakt,Mail privat\nAnn Lee,ann@x.example\n").unwrap();
    s.cmd()
        .arg("import")
        .arg(&f)
        .args(["--map", "Kontakt=name", "--map", "Mail privat=email"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 added"));
    assert_eq!(
        one(&contacts(&s), "Ann Lee")["emails"],
        serde_json::json!(["ann@x.example"])
    );
    s.cmd()
        .arg("import")
        .arg(&f)
        .args(["--map", "Kontakt=nickname"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "\"nickname\" is not a field rapport knows",
        ));
}

/// `rapport duplicates` walks the possible duplicates: merge one pair (nothing lost), keep
/// another apart (not asked again).
#[test]
fn duplicates_are_merged_or_kept_apart() {
    let s = Sandbox::new();
    import(&s, "shared-values.csv");
    s.cmd()
        .args(["duplicates", "--list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3 possible duplicates"));
    s.cmd()
        .arg("duplicates")
        .write_stdin("m\nk\nq\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("1 of 3: same name"))
        .stdout(predicate::str::contains("Merged."))
        .stdout(predicate::str::contains("Kept apart."))
        .stdout(predicate::str::contains(
            "1 merged, 1 kept apart, 0 skipped; 1 left to look at.",
        ));
    let all = contacts(&s);
    let john = one(&all, "John Smith");
    assert_eq!(
        john["emails"],
        serde_json::json!(["john.smith@work.example", "jsmith@other.example"])
    );
    assert_eq!(john["phones"].as_array().unwrap().len(), 2);
    assert_eq!(all.len(), 5);
    s.cmd()
        .args(["duplicates", "--list"])
        .assert()
        .success()
        .stdout(predicate::str::contains("1 possible duplicate."));
    // The importer does not bring the merged-away John back.
    twice_changes_nothing(&s, "shared-values.csv");
}
