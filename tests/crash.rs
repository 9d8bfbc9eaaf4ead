#![allow(clippy::unwrap_used)]
//! Kill a writing process at random moments, hundreds of times: the board must always load,
//! and be either the version before that write or the one after it.

mod common;

use chrono::{TimeZone, Utc};
use common::Sandbox;
use rapport::model::{Board, Contact, Stage};
use rapport::store;
use std::collections::BTreeSet;
use std::process::Command;
use std::time::{Duration, Instant};

fn names(board: &Board) -> BTreeSet<String> {
    board.iter().map(|c| c.name.clone()).collect()
}

#[test]
fn sigkill_at_random_moments_never_leaves_a_broken_board() {
    let s = Sandbox::new();
    let path = s.path().join("board.ron");
    // A board big enough that a save takes a while to write.
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).unwrap();
    let mut b = Board::default();
    for i in 0..1500 {
        let mut c = Contact::new(format!("Base {i}"), Stage::ALL[i % 4], now);
        c.notes = "Some notes that make the file longer than it would otherwise be. ".repeat(3);
        c.handles.push(format!("@base{i}"));
        b.add(c);
    }
    store::write_atomic(&path, store::to_ron(&b).unwrap().as_bytes(), false).unwrap();

    let bin = env!("CARGO_BIN_EXE_rapport");
    let run = |name: &str| {
        Command::new(bin)
            .arg("--board")
            .arg(&path)
            .args(["add", name])
            .env("RAPPORT_NOW", common::NOW)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    // How long one unhindered write takes: kills are spread over that window. A loaded
    // machine makes this a guess, so the window also adapts below until both outcomes occur.
    let t = Instant::now();
    assert!(run("Warm-up").wait().unwrap().success());
    let mut window = t.elapsed().as_micros().max(1000) as u64;

    let mut before = names(&store::load(&path).unwrap());
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let (mut completed, mut killed) = (0, 0);
    for i in 0..200 {
        if i % 20 == 19 {
            if completed == 0 {
                window *= 2;
            } else if killed == 0 {
                window = (window / 2).max(100);
            }
        }
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = seed % (window + window / 5);
        let name = format!("Added {i}");
        let mut child = run(&name);
        std::thread::sleep(Duration::from_micros(delay));
        let _ = child.kill(); // SIGKILL
        let status = child.wait().unwrap();
        if status.success() {
            completed += 1;
        } else {
            killed += 1;
        }
        let board = store::load(&path).unwrap_or_else(|e| panic!("iteration {i}: {e}"));
        let now = names(&board);
        let mut with = before.clone();
        with.insert(name.clone());
        assert!(
            now == before || now == with,
            "iteration {i}: neither the old nor the new board"
        );
        before = now;
    }
    // Both outcomes must have happened, or the test proved nothing.
    assert!(
        completed > 0 && killed > 0,
        "completed {completed}, killed {killed}"
    );
    eprintln!("{completed} writes completed, {killed} killed part-way, window {window} µs");
    // A later writer clears temp files a killed one left behind.
    assert!(run("After").wait().unwrap().success());
    let leftovers: Vec<_> = std::fs::read_dir(s.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
