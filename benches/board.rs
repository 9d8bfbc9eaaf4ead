//! `cargo bench`: the costs that decide whether rapport feels instant, at 1k to 50k
//! contacts. Boards come from `rapport::generate` (the same as `examples/gen_board`). Every
//! benchmark asserts that its action took effect, or it would measure nothing.

use chrono::{TimeZone, Utc};
use divan::Bencher;
use rapport::app::{self, Action, App};
use rapport::model::Stage;
use rapport::{generate, import, store, ui};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::Path;

const SIZES: [usize; 4] = [1_000, 10_000, 30_000, 50_000];

fn main() {
    divan::main();
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 12, 0, 0)
        .single()
        .unwrap_or_default()
}

fn app(n: usize) -> App {
    let mut a = App::new(generate::board(n), "board.ron", now());
    app::update(
        &mut a,
        Action::Resize {
            width: 120,
            height: 40,
        },
        now(),
    );
    a
}

fn terminal() -> Terminal<TestBackend> {
    Terminal::new(TestBackend::new(120, 40)).unwrap_or_else(|e| panic!("{e}"))
}

/// Parsing the board file: most of what opening costs.
#[divan::bench(args = SIZES, sample_count = 10)]
fn load(bencher: Bencher, n: usize) {
    let text = store::to_ron(&generate::board(n)).unwrap_or_default();
    bencher.bench_local(|| {
        let b = store::parse(&text, Path::new("board.ron"));
        assert_eq!(b.as_ref().map(|b| b.contacts.len()).ok(), Some(n));
        b
    });
}

/// Opening from the verified binary snapshot instead of parsing the RON (what `open` does
/// when the file has not changed since rapport last wrote or read it).
#[divan::bench(args = SIZES, sample_count = 10)]
fn load_snapshot(bencher: Bencher, n: usize) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("board.ron");
    let board = generate::board(n);
    let cache = dir.path().join("cache");
    rapport::cache::store_in(&cache, &path, 1, 2, &board).unwrap_or_else(|e| panic!("{e}"));
    bencher.bench_local(|| {
        let b = rapport::cache::load_from(&cache, &path, 1, 2);
        assert_eq!(b.as_ref().map(|b| b.contacts.len()), Some(n));
        b
    });
}

/// Opening a board whose snapshot is fresh, up to the first frame: hash the file as it is
/// read, decode the snapshot, build the app (columns, the tally), draw.
#[divan::bench(args = SIZES, sample_count = 10)]
fn open_to_first_frame(bencher: Bencher, n: usize) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("board.ron");
    let snaps = Some(dir.path().join("cache"));
    let (st, _) =
        store::Store::open_with_snapshots(&path, snaps.clone()).unwrap_or_else(|e| panic!("{e}"));
    st.save(&generate::board(n))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut t = terminal();
    bencher.bench_local(|| {
        let (st, board) = store::Store::open_with_snapshots(&path, snaps.clone())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(st.opened_from_snapshot() && board.contacts.len() == n);
        let mut a = App::new(board, "board.ron", now());
        app::update(
            &mut a,
            Action::Resize {
                width: 120,
                height: 40,
            },
            now(),
        );
        t.draw(|f| ui::view(&a, f))
            .map(|_| ())
            .unwrap_or_else(|e| panic!("{e}"));
        assert!(
            a.selected().is_some(),
            "the board opened with a card selected"
        );
        a
    });
}

/// A full save: serialise, temp file, fsync, backup link, rename, folder fsync.
#[divan::bench(args = SIZES, sample_count = 10)]
fn save(bencher: Bencher, n: usize) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let (st, _) =
        store::Store::open(&dir.path().join("board.ron")).unwrap_or_else(|e| panic!("{e}"));
    let board = generate::board(n);
    bencher.bench_local(|| st.save(&board).unwrap_or_else(|e| panic!("{e}")));
    let written = store::load(&dir.path().join("board.ron")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(written, board);
}

/// The copy handed to the saving thread after a change.
#[divan::bench(args = SIZES, sample_count = 20)]
fn clone_for_saver(bencher: Bencher, n: usize) {
    let board = generate::board(n);
    bencher.bench_local(|| {
        let copy = board.clone();
        assert_eq!(copy.contacts.len(), n);
        copy
    });
}

/// Drawing one full 120×40 frame of the board.
#[divan::bench(args = SIZES, sample_count = 50)]
fn render(bencher: Bencher, n: usize) {
    let a = app(n);
    let mut t = terminal();
    bencher.bench_local(|| t.draw(|f| ui::view(&a, f)).map(|_| ()));
    // The frame drawn shows the selected card.
    let shown: String = t
        .backend()
        .buffer()
        .content
        .iter()
        .map(|c| c.symbol())
        .collect();
    let first = a
        .selected()
        .map(|c| c.name.chars().take(4).collect::<String>());
    assert!(
        first.is_some_and(|f| shown.contains(&f)),
        "the board was not drawn"
    );
}

/// A keypress that selects the next card, through update and a frame.
#[divan::bench(args = SIZES, sample_count = 50)]
fn keypress_select(bencher: Bencher, n: usize) {
    let mut t = terminal();
    bencher.with_inputs(|| app(n)).bench_local_refs(|a| {
        let before = a.sel;
        app::update(a, Action::Down, now());
        assert_ne!(a.sel, before, "the selection moved");
        t.draw(|f| ui::view(a, f)).map(|_| ())
    });
}

/// A keypress that moves a card to the next stage (an undoable change), and a frame.
#[divan::bench(args = SIZES, sample_count = 20)]
fn keypress_move(bencher: Bencher, n: usize) {
    let mut t = terminal();
    bencher.with_inputs(|| app(n)).bench_local_refs(|a| {
        let id = a.selected().map(|c| c.id.clone());
        app::update(a, Action::MoveRight, now());
        // The card is in the next column now (a move puts it at the end of the board; the
        // check looks there rather than searching 50,000 ids, which would cost more than
        // the move).
        let last = a.board.contacts.last().map(|c| (c.id.clone(), c.stage));
        assert_eq!(last, id.map(|id| (id, Stage::Dm)));
        t.draw(|f| ui::view(a, f)).map(|_| ())
    });
}

/// Typing one more letter of a filter, and a frame.
#[divan::bench(args = SIZES, sample_count = 20)]
fn filter_keystroke(bencher: Bencher, n: usize) {
    let mut t = terminal();
    bencher
        .with_inputs(|| {
            let mut a = app(n);
            app::update(&mut a, Action::Filter, now());
            app::update(&mut a, Action::Input('a'), now());
            a
        })
        .bench_local_refs(|a| {
            let before: usize = a.columns.iter().map(Vec::len).sum();
            app::update(a, Action::Input('n'), now());
            // The list narrowed, and still shows someone.
            let after: usize = a.columns.iter().map(Vec::len).sum();
            assert!(after < before && after > 0, "{before} → {after}");
            t.draw(|f| ui::view(a, f)).map(|_| ())
        });
}

/// Opening the daily review: the queue the app keeps up to date, in review order.
#[divan::bench(args = SIZES, sample_count = 20)]
fn review_queue(bencher: Bencher, n: usize) {
    let a = app(n);
    bencher.bench_local(|| {
        let q = a.due_queue();
        assert!(!q.is_empty() && q.len() == a.due_today());
        q
    });
}

/// The numbers panel (`s`): stages, progress, who is due, kinds, from the kept tally.
#[divan::bench(args = SIZES, sample_count = 20)]
fn stats(bencher: Bencher, n: usize) {
    let a = app(n);
    bencher.bench_local(|| {
        let st = a.stats();
        assert_eq!(st.total, n);
        rapport::stats::text(&st)
    });
}

/// Building the tally whole, as opening a board and `rapport due`/`stats` do.
#[divan::bench(args = SIZES, sample_count = 10)]
fn tally_build(bencher: Bencher, n: usize) {
    let board = generate::board(n);
    bencher.bench_local(|| {
        let t = rapport::tally::Tally::new(&board, &chrono::Local);
        assert_eq!(t.stats(&board, now(), now().date_naive()).total, n);
        t
    });
}

/// Importing a 10,000-row CSV (rapport's own export of a generated board) into an empty
/// board: parse and merge, without the save.
#[divan::bench(sample_count = 10)]
fn import_csv_10k(bencher: Bencher) {
    let board = generate::board(10_000);
    let csv =
        rapport::export::csv(board.iter(), &board.settings, &chrono::Local).unwrap_or_default();
    let options = import::Options {
        today: now().date_naive(),
        map: Vec::new(),
    };
    bencher.bench_local(|| {
        let parsed = import::parse(&csv, &options);
        let mut empty = rapport::model::Board::default();
        let report = import::merge(&mut empty, &parsed.records, Stage::Casual, None, now());
        assert_eq!(empty.contacts.len(), 10_000);
        report
    });
}
