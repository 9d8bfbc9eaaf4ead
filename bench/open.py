#!/usr/bin/env python3
"""Whole-process timing: open the board in a pseudo-terminal, wait for the first frame,
press `j` (select the next card) 20 times, each time waiting for the redrawn frame, quit;
report the median time to first frame, the keypress → frame latency (median and max of
all presses), and the peak memory (max RSS).

Usage: python3 bench/open.py [N ...]    (default: 1000 10000 30000 50000)
Builds nothing itself; run `cargo build --release --examples` first (the script says so).
"""
import os, pty, resource, select, statistics, subprocess, sys, tempfile, time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target/release/rapport")
GEN = os.path.join(ROOT, "target/release/examples/gen_board")
RUNS = 7
KEYS = 20


def first_frame(board, cache):
    """Seconds from start to the footer being drawn, and the child's max RSS in KiB."""
    import fcntl, struct, termios
    master, slave = pty.openpty()
    # Size the terminal before rapport starts, as a real one would be.
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", RAPPORT_CACHE_DIR=cache)
    start = time.perf_counter()
    child = subprocess.Popen(
        [BIN, "--board", board], stdin=slave, stdout=slave, stderr=slave,
        env=env, start_new_session=True,
    )
    os.close(slave)
    seen, elapsed = b"", None
    while elapsed is None:
        r, _, _ = select.select([master], [], [], 30)
        if not r:
            raise SystemExit("no first frame within 30 s: " + seen.decode(errors="replace")[-400:])
        try:
            chunk = os.read(master, 65536)
        except OSError:
            raise SystemExit("rapport exited before drawing: " + seen.decode(errors="replace")[-400:])
        seen += chunk
        # The key hints on the bottom row are the last thing the first frame draws.
        if b"filter" in seen:
            elapsed = time.perf_counter() - start
    keys = []
    for _ in range(KEYS):
        # Whatever was still coming for the last frame is read first.
        while select.select([master], [], [], 0.02)[0]:
            os.read(master, 65536)
        sent = time.perf_counter()
        os.write(master, b"j")
        if not select.select([master], [], [], 5)[0]:
            raise SystemExit("no frame within 5 s of a keypress")
        os.read(master, 65536)
        keys.append(time.perf_counter() - sent)
    os.write(master, b"q")
    deadline = time.time() + 30
    while True:
        done, status, usage = os.wait4(child.pid, os.WNOHANG)
        if done:
            break
        try:
            if select.select([master], [], [], 0.05)[0]:
                os.read(master, 65536)
        except OSError:
            pass
        if time.time() > deadline:
            child.kill()
            raise SystemExit("rapport did not quit")
    os.close(master)
    return elapsed, usage.ru_maxrss, keys


def main():
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000, 30000, 50000]
    for path in (BIN, GEN):
        if not os.path.exists(path):
            raise SystemExit(f"{path} is missing: run `cargo build --release --examples` first")
    print("first open parses the RON (no snapshot yet); later opens use the snapshot it kept")
    print(f"{'contacts':>9} {'first open':>11} {'later opens (median of %d, min–max)' % (RUNS - 1):>40} {'peak memory (first / later)':>28} {'keypress → frame (median, max of %d)' % (RUNS * KEYS):>38}")
    for n in sizes:
        with tempfile.TemporaryDirectory() as d:
            board = os.path.join(d, "board.ron")
            cache = os.path.join(d, "cache")
            with open(board, "w") as f:
                subprocess.run([GEN, str(n)], stdout=f, check=True)
            times, peaks, keys = [], [], []
            for _ in range(RUNS):
                t, rss, k = first_frame(board, cache)
                times.append(t)
                peaks.append(rss)
                keys += k
            later = times[1:]
            print(f"{n:>9} {times[0] * 1000:>8.0f} ms {statistics.median(later) * 1000:>22.0f} ms ({min(later) * 1000:.0f}–{max(later) * 1000:.0f} ms) {peaks[0] / 1024:>12.1f} / {max(peaks[1:]) / 1024:.1f} MiB {statistics.median(keys) * 1000:>14.2f} ms, {max(keys) * 1000:.2f} ms")

if __name__ == "__main__":
    main()
