//! Any text as a board file: parsing must return a board or an error, never panic; a board
//! that parses must survive a save and a reload unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(board) = rapport::store::parse(text, Path::new("fuzz.ron")) {
        let again = rapport::store::to_ron(&board).expect("a parsed board serialises");
        let back = rapport::store::parse(&again, Path::new("fuzz.ron")).expect("and reloads");
        assert_eq!(back, board);
    }
});
