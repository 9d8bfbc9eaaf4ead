//! Writes a realistic board of N contacts to standard output, for benchmarks:
//! `cargo run --release --example gen_board -- 10000 > board.ron`

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    match rapport::store::to_ron(&rapport::generate::board(n)) {
        Ok(text) => print!("{text}"),
        Err(e) => {
            eprintln!("gen_board: {e}");
            std::process::exit(1);
        }
    }
}
