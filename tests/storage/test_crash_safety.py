"""Crash test: a writer recording check-ins is killed with SIGKILL at random moments, 30
times; after every kill the database passes integrity_check and holds every check-in whose
commit the writer had reported (``<id> <seq>`` printed after the commit returned)."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from storage_facts import HAI_DUONG

KILLS = 30
WRITER = Path(__file__).with_name("crash_writer.py")


def _verify(db_path: Path, printed: dict[int, int]) -> int:
    """integrity_check passes and every printed (id, seq) is there (or a later seq)."""
    conn = sqlite3.connect(db_path)  # read-write, as the next start of the app would
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        stored = {
            row_id: int(result.split()[1])
            for row_id, result in conn.execute("SELECT id, result FROM checkin")
            if result.startswith("seq ")  # the fixture plan brings check-ins of its own
        }
    finally:
        conn.close()
    missing = {i: s for i, s in printed.items() if stored.get(i, -1) < s}
    assert not missing, f"committed check-ins lost: {sorted(missing.items())[:5]}"
    return len(stored)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the writer zygote forks (POSIX)")
def test_sigkill_never_loses_a_committed_checkin(db_path: Path) -> None:
    seed = int(os.environ.get("CCHC_CRASH_SEED", random.randrange(1 << 30)))
    rng = random.Random(seed)
    zygote = subprocess.Popen(
        [sys.executable, str(WRITER), str(db_path), str(HAI_DUONG)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
    )
    assert zygote.stdin is not None and zygote.stdout is not None
    printed: dict[int, int] = {}
    commits, kills_after_commits = 0, 0
    started = time.monotonic()
    try:
        assert zygote.stdout.readline().strip() == "ready", f"seed {seed}"
        for round_ in range(KILLS):
            zygote.stdin.write(f"go {round_ * 1000}\n")
            zygote.stdin.flush()
            head = zygote.stdout.readline().split()
            assert head[0] == "child", head
            child = int(head[1])
            this_round = 0

            def record(line: str) -> None:
                nonlocal this_round
                row_id, seq = map(int, line.split())
                printed[row_id] = max(printed.get(row_id, -1), seq)
                this_round += 1

            if round_ % 5 == 0:
                # while the child opens the database (lock, quick_check, daily backup)
                time.sleep(rng.uniform(0.0, 0.05))
            else:
                # in the middle of the stream of commits, after a random number of them
                wanted = rng.randint(1, 20)
                while this_round < wanted:
                    line = zygote.stdout.readline()
                    assert line and not line.startswith("done"), f"child died (seed {seed})"
                    record(line)
                time.sleep(rng.uniform(0.0, 0.01))
            os.kill(child, signal.SIGKILL)
            while True:
                line = zygote.stdout.readline()
                assert line, f"writer zygote died (seed {seed})"
                if line.startswith("done"):
                    status = int(line.split()[1])
                    assert os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGKILL
                    break
                record(line)
            commits += this_round
            kills_after_commits += this_round > 0
            _verify(db_path, printed)
    finally:
        zygote.stdin.close()
        zygote.wait(timeout=60)
    elapsed = time.monotonic() - started
    print(
        f"crash test: {KILLS} kills ({kills_after_commits} mid-stream), {commits} commits, "
        f"{len(printed)} check-ins verified, {elapsed:.1f} s, seed {seed}"
    )
    assert kills_after_commits >= KILLS * 3 // 4, f"too few kills hit the commit loop (seed {seed})"
    assert commits > 100 and len(printed) >= 20
