// Scratch profiling of the import phases; not committed.
use rapport::import;
use rapport::model::{Board, Stage};
use std::ops::ControlFlow;
use std::time::Instant;

fn rss() -> String {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().nth(1).unwrap_or("").to_string() + "K ")
        .collect()
}

fn main() {
    let path = std::env::args().nth(1).unwrap();
    let board_path = std::env::args().nth(2);
    let t = Instant::now();
    let mut board = match &board_path {
        Some(p) => rapport::store::load(std::path::Path::new(p)).unwrap(),
        None => Board::default(),
    };
    eprintln!("load board {:?} rss {}", t.elapsed(), rss());
    let t = Instant::now();
    let bytes = std::fs::read(&path).unwrap();
    let d = import::decode(bytes).unwrap();
    eprintln!("read+decode {:?} rss {}", t.elapsed(), rss());
    let opts = import::Options {
        today: chrono::Utc::now().date_naive(),
        map: vec![],
    };
    let t = Instant::now();
    let mut n = 0;
    let p = import::parse_each(&d.text, &opts, &mut |_r| {
        n += 1;
        ControlFlow::Continue(())
    });
    eprintln!("parse only {:?} {} rss {}", t.elapsed(), n + p.rows, rss());
    let t = Instant::now();
    let mut m = import::Merger::new(&board, Stage::Casual, None, chrono::Utc::now()).to_inbox();
    let _p = import::parse_each(&d.text, &opts, &mut |r| {
        m.add(&mut board, &r);
        ControlFlow::Continue(())
    });
    eprintln!("parse+merge {:?} rss {}", t.elapsed(), rss());
    let t = Instant::now();
    drop(m);
    eprintln!("drop merger {:?} rss {}", t.elapsed(), rss());
    drop(d);
    let t = Instant::now();
    let text = rapport::store::to_ron(&board).unwrap();
    eprintln!("to_ron {:?} {} rss {}", t.elapsed(), text.len(), rss());
}
