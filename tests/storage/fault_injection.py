"""Kill a ``cchc`` command at an exact system call with strace's fault injection.

``crash_points(cmd)`` runs the command once under ``strace -f`` and lists every
``rename``/``unlink`` (and their ``*at`` forms) it makes; ``run_killed(cmd, call, n)`` runs it
again with ``-e inject=CALL:signal=SIGKILL:when=N``: the process dies on entering its N-th
call of that kind, before the call does anything. Together they visit every point where a
crash changes what is on disk. The counters of strace are per process and per system call,
so the numbering of the first run is the numbering of the second (the command is
deterministic and writes no byte-code: PYTHONDONTWRITEBYTECODE).
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

CALLS = ("rename", "renameat", "renameat2", "unlink", "unlinkat")
_LINE = re.compile(r"^\d+\s+(?P<call>[a-z0-9_]+)\(")


def strace() -> str:
    found = shutil.which("strace")
    # Not a skip: CI installs strace (.ci/run), and a missing tool must fail loudly.
    assert found, "strace is needed for the crash-point tests (apt-get install strace)"
    return found


def cchc(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "cchc_desktop", "--db", str(db), *args]


def _env(data_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    env["CCHC_DATA_DIR"] = str(data_dir)
    env.pop("CCHC_DB", None)
    return env


def crash_points(cmd: list[str], cwd: Path) -> list[tuple[str, int, str]]:
    """(call, n, text) for every rename/unlink the command makes, in order."""
    log = cwd / "strace-count.log"
    done = subprocess.run(
        [strace(), "-f", "-qq", "-o", str(log), "-e", f"trace={','.join(CALLS)}", *cmd],
        cwd=cwd,
        env=_env(cwd / "data"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    seen: collections.Counter[str] = collections.Counter()
    points = []
    for line in log.read_text("utf-8").splitlines():
        m = _LINE.match(line)
        if m and m["call"] in CALLS:
            seen[m["call"]] += 1
            points.append((m["call"], seen[m["call"]], line.split(None, 1)[1]))
    log.unlink()
    return points


def run_killed(cmd: list[str], call: str, n: int, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run ``cmd`` and SIGKILL it on entering its ``n``-th ``call``."""
    return subprocess.run(
        [
            strace(),
            "-f",
            "-qq",
            "-o",
            os.devnull,
            "-e",
            f"trace={call}",
            "-e",
            f"inject={call}:signal=SIGKILL:when={n}",
            *cmd,
        ],
        cwd=cwd,
        env=_env(cwd / "data"),
        capture_output=True,
        text=True,
        timeout=120,
    )
