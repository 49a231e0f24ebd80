"""Benchmark of the window (run on demand, not a test):

1. start-up: ``cchc gui --exit-after-paint`` on a 1,000-task plan against a bare PySide6
   window that also imports sqlmodel, in the same run, alternating, several runs each; the
   ratio of the medians of the whole process (target ≤ 1.3), and apart from it the ratio
   from starting the process to its first paint (start-up without the shut-down; both
   print the time of their first paint). ``--tab N`` starts on another tab (3: the
   check-ins, the heaviest);
2. search: typing in the task search box over a 10,000-task table, per keystroke, median
   (target < 50 ms), measured in a fresh process that then reports
3. memory: that process's peak RSS with the 10,000-task plan open and every tab visited
   (target < 300 MB).

    .venv/bin/python bench/bench_gui.py [--runs 7] [--tab 0-4] [--startup-only]

Plans come from bench/synthetic.py (deterministic). Runs offscreen.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cchc_desktop

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = r"""
import sys
import time
import sqlmodel  # noqa: F401  (the app's data layer: part of any fair baseline)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication(sys.argv[:1])
window = QMainWindow()
window.resize(1366, 768)


class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            print(f"first paint at {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)
            watched.removeEventFilter(self)
        return False


painted = FirstPaint(window)
window.installEventFilter(painted)
window.show()
app.exec()
"""

QUERIES = ("tuyen truyen", "van ban phap luat", "kiem tra", "so hoa")


def make_database(folder: Path, tasks: int) -> tuple[Path, int]:
    from synthetic import synthetic_plan

    from cchc_desktop.services.plan_store import save_new_plan
    from cchc_desktop.storage import open_database

    path = folder / f"plan-{tasks}.sqlite"
    db = open_database(path)
    plan_id = save_new_plan(db, synthetic_plan(tasks))
    db.dispose()
    return path, plan_id


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Wall-clock seconds and CPU seconds (user + system) of one run of ``cmd``, and the
    seconds from starting it to its first paint (from the "first paint at" line it prints:
    start-up without the shut-down). CPU time is reported too because it is far less
    disturbed by other work on a busy machine."""
    started_at = time.time()
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise subprocess.CalledProcessError(proc.returncode, cmd)
    painted = [line for line in out.splitlines() if line.startswith("first paint at ")]
    to_paint = float(painted[-1].split()[-1]) - started_at
    return wall, usage.ru_utime + usage.ru_stime, to_paint


def startup(folder: Path, runs: int, tab: int = 0) -> dict[str, float]:
    db, plan_id = make_database(folder, 1000)
    env = {**os.environ, "CCHC_DATA_DIR": str(folder / "data")}
    # The tab the clerk left open is the one built before the first paint.
    (folder / "data").mkdir(exist_ok=True)
    (folder / "data" / "cchc-desktop.ini").write_text(f"[tab]\nlast={tab}\n", encoding="utf-8")
    app_cmd = [sys.executable, "-m", "cchc_desktop", "--db", str(db), "gui",
               "--plan", str(plan_id), "--exit-after-paint"]  # fmt: skip
    bare_cmd = [sys.executable, "-c", BARE]
    # An installed copy runs from bytecode (pip compiles at install, PyInstaller ships .pyc),
    # like the libraries of the bare window do; a checkout under PYTHONDONTWRITEBYTECODE
    # would otherwise compile every module of the application on every run.
    compileall.compile_dir(str(Path(cchc_desktop.__file__).parent), quiet=1)
    timed(app_cmd, env)  # warm the file cache (and stamp the settings) before measuring
    timed(bare_cmd, env)
    app_runs, bare_runs = [], []
    for _ in range(runs):  # alternating, so a busy spell hits both alike
        app_runs.append(timed(app_cmd, env))
        bare_runs.append(timed(bare_cmd, env))

    def median(runs: list[tuple[float, float]], i: int) -> float:
        return statistics.median(r[i] for r in runs)

    return {
        "runs": runs,
        "start_tab": tab,
        "app_wall_median_s": round(median(app_runs, 0), 3),
        "bare_wall_median_s": round(median(bare_runs, 0), 3),
        "ratio": round(median(app_runs, 0) / median(bare_runs, 0), 2),
        "app_cpu_median_s": round(median(app_runs, 1), 3),
        "bare_cpu_median_s": round(median(bare_runs, 1), 3),
        "cpu_ratio": round(median(app_runs, 1) / median(bare_runs, 1), 2),
        "app_to_paint_median_s": round(median(app_runs, 2), 3),
        "bare_to_paint_median_s": round(median(bare_runs, 2), 3),
        "to_paint_ratio": round(median(app_runs, 2) / median(bare_runs, 2), 2),
    }


def child_search(db_path: Path, plan_id: int) -> None:
    """In a fresh process: open the window on the big plan, visit every tab, type."""
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from cchc_desktop.storage import open_database

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    app = QApplication(sys.argv[:1])
    folder = Path(tempfile.mkdtemp())
    settings = QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat)
    started = time.perf_counter()
    window = MainWindow(PlanDocument(open_database(db_path)), settings)
    window.open_plan(plan_id)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    open_s = time.perf_counter() - started
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        app.processEvents()
    tab = window.tasks_tab
    window.tabs.setCurrentWidget(tab)
    # A clerk looks at the table before typing: two seconds of idle event loop, in which
    # the model folds the rows' search keys ahead of the first keystroke.
    idle_until = time.perf_counter() + 2.0
    while time.perf_counter() < idle_until:
        app.processEvents()
        time.sleep(0.005)
    search = tab.search
    search.setFocus()
    total: list[float] = []  # keystroke → filtered, announced and repainted
    model_only: list[float] = []  # keystroke → the proxy holds the new rows
    first = True
    for query in QUERIES:
        keys = list(query) + ["\b"] * len(query)
        for key in keys:
            t0 = time.perf_counter()
            if key == "\b":
                QTest.keyClick(search, Qt.Key.Key_Backspace)
            else:
                QTest.keyClick(search, key)
            t1 = time.perf_counter()
            tab.table.viewport().repaint()
            app.processEvents()
            t2 = time.perf_counter()
            if first:  # reported apart (it would fold any rows not folded while idle)
                first_ms = (t2 - t0) * 1000
                first = False
                continue
            model_only.append((t1 - t0) * 1000)
            total.append((t2 - t0) * 1000)
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({
        "open_and_show_s": round(open_s, 2),
        "keystrokes": len(total),
        "first_keystroke_ms": round(first_ms, 1),
        "median_keystroke_ms": round(statistics.median(total), 1),
        "median_filter_only_ms": round(statistics.median(model_only), 1),
        "p90_keystroke_ms": round(sorted(total)[int(len(total) * 0.9)], 1),
        "peak_rss_mb": round(peak_mb, 1),
    }))  # fmt: skip
    window.close()


def search_and_memory(folder: Path) -> dict[str, float]:
    db, plan_id = make_database(folder, 10000)
    env = {**os.environ, "CCHC_DATA_DIR": str(folder / "data")}
    done = subprocess.run(
        [sys.executable, __file__, "--child-search", str(db), str(plan_id)],
        env=env, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--tab", type=int, default=0, help="the tab open at start (0-4)")
    parser.add_argument("--startup-only", action="store_true")
    parser.add_argument("--child-search", nargs=2, metavar=("DB", "PLAN"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child_search:
        child_search(Path(args.child_search[0]), int(args.child_search[1]))
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = startup(folder, args.runs, args.tab)
        print("start-up, 1,000 tasks:", json.dumps(start))
        if args.startup_only:
            return 0
        search = search_and_memory(folder)
        print("search and memory, 10,000 tasks:", json.dumps(search))
    ok = start["ratio"] <= 1.3 and search["median_keystroke_ms"] < 50
    ok = ok and search["peak_rss_mb"] < 300
    print("targets met" if ok else "targets NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
