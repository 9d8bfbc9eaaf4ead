#![allow(clippy::unwrap_used)]
//! Data archives end to end: X/Twitter (folder and zip), Mastodon and LinkedIn exports from
//! the hand-made fixtures in tests/fixtures, imported by the real binary.

mod common;

use common::Sandbox;
use predicates::prelude::*;
use rapport::model::{Channel, Reciprocity, Stage, Who};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

fn ours(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn board(s: &Sandbox) -> rapport::model::Board {
    rapport::store::load(&s.default_board()).unwrap()
}

fn contact<'a>(b: &'a rapport::model::Board, name: &str) -> &'a rapport::model::Contact {
    b.iter().find(|c| c.name == name).unwrap_or_else(|| {
        panic!(
            "no {name} in {:?}",
            b.iter().map(|c| &c.name).collect::<Vec<_>>()
        )
    })
}

fn import(s: &Sandbox, args: &[&str]) -> String {
    let out = s.cmd().arg("import").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "import {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    stdout(&out)
}

/// Copies a fixture folder into the sandbox, so a test may damage it.
fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The X fixture zipped as X's download is: `data/…` at the top of the zip.
fn zip_of(folder: &Path, to: &Path) {
    let mut zip = zip::ZipWriter::new(fs::File::create(to).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in fs::read_dir(&dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p
                    .strip_prefix(folder)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                zip.start_file(name, options).unwrap();
                zip.write_all(&fs::read(&p).unwrap()).unwrap();
            }
        }
    }
    zip.finish().unwrap();
}

fn x_archive() -> String {
    ours("x-archive").display().to_string()
}

#[test]
fn an_x_archive_logs_dms_and_replies_with_their_direction() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "Ann Lee", "--handle", "@annlee"])
        .assert()
        .success();
    let out = import(&s, &[&x_archive()]);
    assert!(out.contains("X/Twitter archive of @owner_me"), "{out}");
    assert!(
        out.contains("data/tweets.js, data/tweets-part1.js: 5 tweets, 3 replies to others"),
        "{out}"
    );
    assert!(
        out.contains(
            "data/direct-messages.js, data/direct-messages-part1.js: 2 conversations, 4 messages"
        ),
        "{out}"
    );
    assert!(
        out.contains("1 group conversation, 1 message (skipped; --with-groups"),
        "{out}"
    );
    assert!(
        out.contains("“Ann Lee”") && out.contains("(by handle @AnnLee); you follow each other"),
        "{out}"
    );
    assert!(out.contains("Created 2 contacts in the inbox"), "{out}");
    assert!(
        out.contains("2 created, 1 matched, 7 interactions added"),
        "{out}"
    );

    let b = board(&s);
    // Only people you exchanged messages with: not Carol (mentioned), not follows.
    let mut names: Vec<&str> = b.iter().map(|c| c.name.as_str()).collect();
    names.sort();
    assert_eq!(names, ["Ann Lee", "Bob Dev", "X account 2003"]);

    let ann = contact(&b, "Ann Lee");
    assert_eq!(ann.accounts, ["x:2001"]);
    let log: Vec<(Channel, Who, String)> = ann
        .interactions
        .iter()
        .map(|i| (i.channel, i.from, i.at.to_rfc3339()))
        .collect();
    assert_eq!(
        log,
        [
            (Channel::Reply, Who::Me, "2026-11-04T08:00:00+00:00".into()),
            (Channel::Dm, Who::Me, "2026-11-08T10:00:00+00:00".into()),
            (Channel::Dm, Who::Them, "2026-11-09T11:00:00+00:00".into()),
            (Channel::Dm, Who::Me, "2026-11-10T15:00:00+00:00".into()),
        ]
    );
    // No message text by default.
    assert!(ann.interactions.iter().all(|i| i.note.is_none()));
    // Never moved without asking: the report suggests it.
    assert_eq!(ann.stage, Stage::Casual);
    assert!(out.contains("1 contact exchanged DMs with you but sits in Casual conversations: “Ann Lee”. `--advance` moves it to Direct messages."), "{out}");

    let bob = contact(&b, "Bob Dev");
    assert_eq!(bob.handles, ["@bobdev"]);
    assert_eq!(bob.accounts, ["x:2002"]);
    assert_eq!(bob.reciprocity(), Some(Reciprocity::OneSided(2)));
    let stranger = contact(&b, "X account 2003");
    assert_eq!(stranger.handles, ["https://x.com/i/user/2003"]);
    assert_eq!(stranger.reciprocity(), Some(Reciprocity::ReplyDue));
}

#[test]
fn importing_again_adds_nothing_and_finds_people_by_account_id() {
    let s = Sandbox::new();
    import(&s, &[&x_archive()]);
    let first = fs::read_to_string(s.default_board()).unwrap();
    // A change of handle: the account id still finds Bob.
    let mut b = board(&s);
    let bob = b.contacts.iter_mut().find(|c| c.name == "Bob Dev").unwrap();
    std::sync::Arc::make_mut(bob).handles = thin_vec::thin_vec!["@bob_renamed".into()];
    rapport::store::Store::open(&s.default_board())
        .unwrap()
        .0
        .save(&b)
        .unwrap();
    let out = import(&s, &[&x_archive()]);
    assert!(out.contains("0 created, 3 matched, 0 interactions added (0 already logged by hand, 7 imported before)"), "{out}");
    assert!(
        out.contains("“Bob Dev”") && out.contains("(by X account id)"),
        "{out}"
    );
    assert!(
        out.contains("Nothing new; the board was not changed."),
        "{out}"
    );
    assert_eq!(board(&s).contacts.len(), 3);
    assert_ne!(
        first,
        fs::read_to_string(s.default_board()).unwrap(),
        "the handle edit stays"
    );
}

#[test]
fn a_zip_reads_as_its_folder_and_a_dry_run_reports_the_same_and_writes_nothing() {
    let s = Sandbox::new();
    let zip = s.path().join("twitter-2026-11-27-abc.zip");
    zip_of(&ours("x-archive"), &zip);
    let zip = zip.display().to_string();
    let dry = import(&s, &[&zip, "--dry-run"]);
    assert!(!s.default_board().exists(), "a dry run writes nothing");
    assert!(
        dry.contains("Would create 3 contacts in the inbox"),
        "{dry}"
    );
    assert!(dry.contains("Dry run: nothing was written."), "{dry}");
    let real = import(&s, &[&zip]);
    let same = |t: &str| {
        t.lines()
            .filter(|l| {
                !l.contains("Dry run")
                    && !l.contains("Would")
                    && !l.contains("Created")
                    && !l.contains("Imported")
            })
            .map(|l| l.split(" (").next().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    assert_eq!(same(&dry), same(&real));
    assert!(real.contains("Created 3 contacts in the inbox"), "{real}");
    assert!(
        real.contains("3 created, 0 matched, 7 interactions added"),
        "{real}"
    );
    assert_eq!(board(&s).contacts.len(), 3);
}

#[test]
fn a_touch_logged_by_hand_the_same_day_is_not_doubled() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "Ann Lee", "--handle", "@annlee"])
        .assert()
        .success();
    s.cmd()
        .args([
            "log",
            "ann",
            "--channel",
            "dm",
            "--date",
            "2026-11-08",
            "--note",
            "met at the talk",
        ])
        .assert()
        .success();
    let out = import(&s, &[&x_archive()]);
    assert!(
        out.contains("3 interactions added, 1 already logged by hand"),
        "{out}"
    );
    let b = board(&s);
    let ann = contact(&b, "Ann Lee");
    assert_eq!(ann.interactions.len(), 4);
    assert_eq!(
        ann.interactions
            .iter()
            .filter(|i| i.note.as_deref() == Some("met at the talk"))
            .count(),
        1
    );
    // And again: still nothing doubled.
    let again = import(&s, &[&x_archive()]);
    assert!(again.contains("0 interactions added"), "{again}");
    assert_eq!(contact(&board(&s), "Ann Lee").interactions.len(), 4);
}

#[test]
fn advance_moves_forward_with_text_keeps_a_snippet_with_groups_logs_groups() {
    let s = Sandbox::new();
    s.cmd()
        .args(["add", "Ann Lee", "--handle", "@annlee"])
        .assert()
        .success();
    let out = import(
        &s,
        &[&x_archive(), "--advance", "--with-text", "--with-groups"],
    );
    assert!(
        out.contains("Moved 1 contact who exchanged DMs with you to Direct messages: “Ann Lee”."),
        "{out}"
    );
    let b = board(&s);
    let ann = contact(&b, "Ann Lee");
    assert_eq!(ann.stage, Stage::Dm);
    assert_eq!(ann.stage_history.last().unwrap().stage, Stage::Dm);
    assert_eq!(
        ann.interactions.last().unwrap().note.as_deref(),
        Some("Hi Ann, loved your talk. Coffee next week?")
    );
    // The group's message from 2006 is logged for its sender.
    let g = contact(&b, "X account 2006");
    assert_eq!(g.interactions.len(), 1);
    assert_eq!(g.interactions[0].from, Who::Them);
}

#[test]
fn a_damaged_data_file_is_named_and_nothing_is_written() {
    let s = Sandbox::new();
    let copy = s.path().join("x");
    copy_dir(&ours("x-archive"), &copy);
    let dms = copy.join("data/direct-messages-part1.js");
    let text = fs::read_to_string(&dms).unwrap();
    fs::write(&dms, &text[..text.len() / 2]).unwrap();
    s.cmd()
        .args(["import", copy.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "data/direct-messages-part1.js: damaged at line",
        ))
        .stderr(predicate::str::contains(
            "expected a JSON array after `window.YTD.direct_messages.part1 =`",
        ))
        .stderr(predicate::str::contains("The board was not changed."));
    assert!(!s.default_board().exists());

    fs::write(&dms, "var x = 1;\n").unwrap();
    s.cmd()
        .args(["import", copy.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "does not start with `window.YTD.<name>.part0 = [`",
        ));

    fs::remove_file(copy.join("data/account.js")).unwrap();
    let empty = s.path().join("not-an-archive");
    fs::create_dir_all(&empty).unwrap();
    fs::write(empty.join("notes.txt"), "hello").unwrap();
    s.cmd()
        .args(["import", empty.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains("expected data/account.js (X/Twitter), messages.csv (LinkedIn) or outbox.json (Mastodon)"));
    assert!(!s.default_board().exists());
}

#[test]
fn a_mastodon_export_logs_replies_and_direct_messages() {
    let s = Sandbox::new();
    s.cmd()
        .args([
            "add",
            "Alice Wong",
            "--handle",
            "https://other.example/@alice",
        ])
        .assert()
        .success();
    let out = import(&s, &[ours("mastodon-archive").to_str().unwrap()]);
    assert!(
        out.contains("Mastodon archive of @owner@example.social"),
        "{out}"
    );
    assert!(
        out.contains("3 posts: 1 public reply or mentions, 1 direct, 1 boost (not touches)"),
        "{out}"
    );
    assert!(out.contains("(by handle @alice@other.example)"), "{out}");
    let b = board(&s);
    let alice = contact(&b, "Alice Wong");
    assert_eq!(alice.interactions.len(), 1);
    assert_eq!(
        (alice.interactions[0].channel, alice.interactions[0].from),
        (Channel::Reply, Who::Me)
    );
    // A local mention (`@dave`) gets the server's host; a note only to him is a DM.
    let dave = contact(&b, "@dave@example.social");
    assert_eq!(dave.interactions[0].channel, Channel::Dm);
    assert_eq!(b.contacts.len(), 2);
    let again = import(
        &s,
        &[ours("mastodon-archive/outbox.json").to_str().unwrap()],
    );
    assert!(again.contains("0 interactions added"), "{again}");
}

#[test]
fn a_linkedin_export_reads_connections_then_messages() {
    let s = Sandbox::new();
    let out = import(&s, &[ours("linkedin-export").to_str().unwrap()]);
    assert!(
        out.contains("LinkedIn export of https://www.linkedin.com/in/owner-me"),
        "{out}"
    );
    assert!(out.contains("Connections.csv: 1 added"), "{out}");
    assert!(
        out.contains("1 group conversation (skipped; --with-groups logs them)"),
        "{out}"
    );
    let b = board(&s);
    let priya = contact(&b, "Priya Shah");
    assert_eq!(priya.company.as_deref(), Some("Northwind"));
    let log: Vec<(Channel, Who)> = priya
        .interactions
        .iter()
        .map(|i| (i.channel, i.from))
        .collect();
    assert_eq!(log, [(Channel::Dm, Who::Me), (Channel::Dm, Who::Them)]);
    assert_eq!(priya.reciprocity(), Some(Reciprocity::ReplyDue));
    let tom = contact(&b, "Tom Berg");
    assert_eq!(tom.handles, ["https://www.linkedin.com/in/tom-berg"]);
    let again = import(
        &s,
        &[ours("linkedin-export/messages.csv").to_str().unwrap()],
    );
    assert!(again.contains("0 interactions added"), "{again}");
}

#[test]
fn linkedin_messages_without_a_clear_owner_ask_for_me() {
    let s = Sandbox::new();
    let f = s.path().join("messages.csv");
    fs::write(
        &f,
        "CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n\
         c1,,Ann,https://www.linkedin.com/in/ann,Me,https://www.linkedin.com/in/me,2026-11-02 09:15:00 UTC,,hi,INBOX\n",
    )
    .unwrap();
    s.cmd()
        .args(["import", f.to_str().unwrap()])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "--me https://www.linkedin.com/in/YOU",
        ));
    let out = import(
        &s,
        &[
            f.to_str().unwrap(),
            "--me",
            "https://www.linkedin.com/in/me/",
        ],
    );
    assert!(out.contains("1 interaction added"), "{out}");
    assert_eq!(contact(&board(&s), "Ann").interactions[0].from, Who::Them);
}
