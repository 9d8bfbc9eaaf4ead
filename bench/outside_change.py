#!/usr/bin/env python3
"""An outside change to a big board while the app is open: how long until the app shows
it, and the longest wait for a key meanwhile (a key every 50 ms).

Usage: python3 bench/outside_change.py BOARD.ron [CACHE_DIR]
The board must contain a contact named "Oskar Ortiz 23" (`gen_board` boards do); it is
renamed with sed while the app is open. Run `cargo build --release` first.
"""
import os, pty, select, subprocess, sys, time, fcntl, struct, termios

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.path.join(ROOT, "target/release/rapport")


def main():
    board = sys.argv[1]
    cache = sys.argv[2] if len(sys.argv) > 2 else board + ".cache"
    env = dict(os.environ, TERM="xterm-256color", RAPPORT_CACHE_DIR=cache)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    child = subprocess.Popen([BIN, "--board", board], stdin=slave, stdout=slave,
                             stderr=slave, env=env, start_new_session=True)
    os.close(slave)
    seen = b""
    while b"filter" not in seen:
        seen += os.read(master, 65536)
    time.sleep(1)
    subprocess.run(["sed", "-i", 's/name: "Oskar Ortiz 23",/name: "Oskar Elsewhere 23",/', board],
                   check=True)
    start = time.perf_counter()
    waits, shown, buf = [], None, b""
    while time.perf_counter() - start < 6:
        while select.select([master], [], [], 0.01)[0]:
            buf += os.read(master, 65536)
        if shown is None and b"Elsewhere 23" in buf:
            shown = time.perf_counter() - start
        sent = time.perf_counter()
        os.write(master, b"j" if len(waits) % 2 == 0 else b"k")
        if select.select([master], [], [], 5)[0]:
            buf += os.read(master, 65536)
            waits.append((time.perf_counter() - sent) * 1000)
        time.sleep(0.05)
    os.write(master, b"q")
    child.wait()
    print(f"change shown after {shown:.2f} s" if shown else "change not shown within 6 s")
    print(f"longest wait for a key: {max(waits):.1f} ms over {len(waits)} keys")


if __name__ == "__main__":
    main()
