use clap::Parser;
use rapport::cli::{self, Cli};
use rapport::{clock, sample, text};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

// Hundreds of thousands of small strings and lists: jemalloc's size classes hold them with
// less overhead than the system allocator (an import of 200,000 rows: 196 → 155 MB).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let args = Cli::parse();
    // Past a file-size limit (`ulimit -f`) the kernel would kill rapport mid-save with
    // SIGXFSZ, leaving the terminal raw. With a handler installed the write fails instead
    // (EFBIG), and that is an ordinary save error with a sentence.
    let _ = signal_hook::flag::register(
        signal_hook::consts::SIGXFSZ,
        std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false)),
    );
    if let Err(e) = color_eyre::install() {
        eprintln!("rapport: could not set up error reporting: {e}");
    }
    match run(args) {
        Ok(()) => ExitCode::SUCCESS,
        // A reader that stopped early (`rapport list | head -1`) is not a failure.
        Err(report) if cli::is_broken_pipe(&report) => ExitCode::SUCCESS,
        Err(report) => {
            // Names and ids in messages come from the user's data: never raw to a terminal.
            match cli::user_message(&report) {
                Some(msg) => eprintln!("rapport: {}", text::for_terminal(&msg)),
                None => eprintln!("rapport: {}", text::for_terminal(&format!("{report:?}"))),
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
    let next = if std::io::stdout().is_terminal() {
        // To a terminal, escape sequences hidden in names or notes are shown, not obeyed;
        // to a pipe or a file, the output is exact.
        let mut buf = Vec::new();
        let result = cli::run(args.command, &path, &mut buf);
        let mut out = std::io::stdout().lock();
        out.write_all(text::for_terminal(&String::from_utf8_lossy(&buf)).as_bytes())?;
        out.flush()?;
        result?
    } else {
        cli::run(args.command, &path, &mut std::io::stdout().lock())?
    };
    match next {
        cli::Next::Done => Ok(()),
        cli::Next::OpenApp { start } => {
            let (store, board) = rapport::store::Store::open(&path)?;
            rapport::tui::run(store, board, start)
        }
    }
}
