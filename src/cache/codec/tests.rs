use super::*;

#[test]
fn a_board_of_many_chunks_comes_back_whole_and_in_order() {
    let board = crate::generate::board(CHUNK * 2 + 17);
    let bytes = encode(&board);
    assert_eq!(decode(&bytes).as_ref(), Some(&board));
}

#[test]
fn a_cut_or_lengthened_encoding_is_refused() {
    let board = crate::generate::board(40);
    let bytes = encode(&board);
    assert!(decode(&bytes).is_some());
    for n in 0..bytes.len() {
        assert!(decode(&bytes[..n]).is_none(), "cut to {n} bytes");
    }
    let mut longer = bytes.clone();
    longer.push(0);
    assert!(decode(&longer).is_none());
}

#[test]
fn a_contact_the_file_would_refuse_is_refused() {
    let mut board = crate::generate::board(5);
    std::sync::Arc::make_mut(&mut board.contacts[2]).name = "  ".into();
    assert!(decode(&encode(&board)).is_none());
}
