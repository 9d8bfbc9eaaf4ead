//! Any bytes as an import file (vCard or CSV): decoding, parsing and merging must never
//! panic, and the merged board must stay valid (unique ids, names present).
#![no_main]

use chrono::{NaiveDate, TimeZone, Utc};
use libfuzzer_sys::fuzz_target;
use rapport::model::{Board, Stage};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = rapport::import::decode(data) else {
        return;
    };
    let today = NaiveDate::from_ymd_opt(2026, 11, 27).expect("a date");
    let parsed = rapport::import::parse(&text, today);
    let mut board = Board::default();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 9, 0, 0).single().expect("a time");
    rapport::import::merge(&mut board, &parsed.records, Stage::Casual, Some("fuzz"), now);
    rapport::import::merge(&mut board, &parsed.records, Stage::Casual, Some("fuzz"), now);
    assert!(board.validate().is_ok(), "{:?}", board.validate());
});
