"""Core code never imports Qt: checked in a fresh interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

CORE = [
    "cchc_desktop.cli",
    "cchc_desktop.domain",
    "cchc_desktop.storage",
    "cchc_desktop.services",
    "cchc_desktop.interchange",
    "cchc_desktop.imports",
    "cchc_desktop.exports",
]


def test_no_qt_in_core_packages() -> None:
    root = Path(__file__).resolve().parents[1] / "cchc_desktop"
    modules = []
    for package in ("domain", "storage", "services", "interchange", "imports", "exports"):
        for path in sorted((root / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            rel = path.relative_to(root.parent).with_suffix("")
            name = ".".join(rel.parts).removesuffix(".__init__")
            modules.append(name)
    assert len(modules) > 20
    code = (
        "import importlib, sys\n"
        f"for m in {[*CORE, *modules]!r}:\n"
        "    importlib.import_module(m)\n"
        "from cchc_desktop.cli import build_parser\n"
        "build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(bad)\n"
        "sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "[]"
