"""The application never opens a network connection: start-up, import, export, backup and
restore, and the window run with every Python socket entry point made to fail; and no
module of the package imports a network library."""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

from valid_inputs import ValidInputs

PACKAGE = Path(__file__).resolve().parents[2] / "cchc_desktop"
RUNNER = Path(__file__).with_name("no_network_run.py")
NETWORK_MODULES = {
    "socket",
    "ssl",
    "http",
    "urllib.request",
    "http.client",
    "ftplib",
    "smtplib",
    "poplib",
    "imaplib",
    "xmlrpc",
    "requests",
    "urllib3",
    "httpx",
    "aiohttp",
    "PySide6.QtNetwork",
    "PySide6.QtWebEngineCore",
    "asyncio",
}
# socket.gethostname() only reads the machine's name, to say who holds the writer lock.
ALLOWED = {("storage/lock.py", "socket")}


def test_no_connection_during_startup_import_export_and_window(
    valid_inputs: ValidInputs, tmp_path: Path
) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "CCHC_DATA_DIR": str(tmp_path)}
    proc = subprocess.run(
        [
            sys.executable,
            str(RUNNER),
            str(tmp_path),
            str(valid_inputs.docx),
            str(valid_inputs.json),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    exports = ["export:json", "export:plan-docx", "export:report-docx"]
    if importlib.util.find_spec("cchc_desktop.exports.xlsx_report"):
        exports.append("export:report-xlsx")
    if importlib.util.find_spec("cchc_desktop.exports.xlsx_forms"):
        exports.append("export:forms")
    assert report["done"] == [
        "open_for_app",
        "import",
        *exports,
        "backup+restore",
        "window",
        "backup dialog",
    ]
    assert report["attempts"] == []
    assert report["network_modules"] == []
    assert (tmp_path / "out.docx").stat().st_size > 5000


def test_no_network_library_is_imported_by_the_package() -> None:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        rel = path.relative_to(PACKAGE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
            for name in names:
                network = any(name == m or name.startswith(m + ".") for m in NETWORK_MODULES)
                if network and (rel, name) not in ALLOWED:
                    found.append(f"{rel}: {name}")
    assert found == []
