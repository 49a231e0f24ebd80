"""`cchc gui` as scripts and the docs use it: one PNG per tab at 1366×768, and a start-up
that exits after the first paint."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_DATA_DIR": str(tmp_path / "data")}
    return subprocess.run(
        [sys.executable, "-m", "cchc_desktop", "--db", str(tmp_path / "db.sqlite"), "gui", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
        check=False,
    )


def test_screenshot_saves_one_png_per_tab(tmp_path: Path, qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    done = _run(tmp_path, "--screenshot", str(tmp_path / "shots"))
    assert done.returncode == 0, done.stderr
    shots = sorted((tmp_path / "shots").glob("*.png"))
    assert [p.stem for p in shots] == [
        "0-tong-quan", "1-thong-tin-ke-hoach", "2-noi-dung", "3-nhiem-vu",
        "4-theo-doi-thuc-hien", "5-don-vi", "6-bao-cao",
    ]  # fmt: skip
    for path in shots:
        image = QImage(str(path))
        assert (image.width(), image.height()) == (1366, 768)
    # The first start gave the empty database the sample plan.
    assert (tmp_path / "db.sqlite").exists()
    assert not (tmp_path / "data" / "cchc-desktop.ini").exists()  # the layout was not saved


def test_exit_after_paint_with_a_plan(tmp_path: Path) -> None:
    done = _run(tmp_path, "--exit-after-paint", "--plan", "1")
    assert done.returncode == 0, done.stderr
    assert re.fullmatch(r"first paint at \d+\.\d{6}\n", done.stdout)
    assert (tmp_path / "data" / "cchc-desktop.ini").exists()
