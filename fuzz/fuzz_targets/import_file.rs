//! Any bytes as an import file (vCard, CSV or JSON): decoding, parsing and merging must
//! never panic, the merged board must stay valid (unique ids, names present), and merging
//! the same records twice must change nothing.
#![no_main]

use chrono::{NaiveDate, TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use rapport::model::{Board, Stage};

fuzz_target!(|data: &[u8]| {
    let Ok(decoded) = rapport::import::decode(data.to_vec()) else {
        return;
    };
    let options = rapport::import::Options {
        today: NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date"),
        map: Vec::new(),
    };
    let parsed = rapport::import::parse(&decoded.text, &options);
    let mut board = Board::default();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).single().expect("a time");
    rapport::import::merge(&mut board, &parsed.records, Stage::Casual, Some("fuzz"), now);
    let again = rapport::import::merge(&mut board, &parsed.records, Stage::Casual, Some("fuzz"), now);
    assert!(!again.changed(), "{again:?}");
    assert!(board.validate().is_ok(), "{:?}", board.validate());
});
