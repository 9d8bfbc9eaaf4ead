use clap::Parser;
use rapport::cli::{self, Cli};
use rapport::{clock, sample};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = Cli::parse();
    if let Err(e) = color_eyre::install() {
        eprintln!("rapport: could not set up error reporting: {e}");
    }
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(report) => {
            match cli::user_message(&report) {
                Some(msg) => eprintln!("rapport: {msg}"),
                None => eprintln!("rapport: {report:?}"),
            }
            ExitCode::FAILURE
        }
    }
}

fn run(args: Cli) -> color_eyre::Result<()> {
    // The demo lives in a temporary folder that is removed when `_demo` drops.
    let (_demo, path) = if args.demo {
        let (dir, path) = sample::demo_board(clock::today(clock::now()))?;
        (Some(dir), path)
    } else {
        (None, cli::board_path(args.board.as_deref())?)
    };
    let next = cli::run(args.command, &path, &mut std::io::stdout().lock())?;
    match next {
        cli::Next::Done => Ok(()),
        cli::Next::OpenApp { review } => {
            let (store, board) = rapport::store::Store::open(&path)?;
            rapport::tui::run(store, board, review)
        }
    }
}
