"""The packaged application: build the bundle once, then run the frozen executables.

Everything runs from the PyInstaller bundle, never from the source tree: the executables are
started with a clean environment in a scratch folder, so a missing hidden import or data
file fails here. Also checked: the .deb unpacks and runs, makensis compiles the installer
script against the bundle, and the size and start-up budgets.

Slow (a PyInstaller build takes a few minutes on two cores); skipped only when PyInstaller
is not installed. To reuse a build made earlier in the same CI run, point ``CCHC_DIST_DIR``
at the ``dist`` folder of ``python installer/build.py``.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))

import buildinfo  # noqa: E402  (installer/buildinfo.py)


def _load_build_script() -> ModuleType:
    """installer/build.py under its own name: ``build`` would clash with pypa's package."""
    spec = importlib.util.spec_from_file_location("cchc_build", ROOT / "installer" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build_script()

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("PyInstaller") is None,
        reason="PyInstaller is not installed (pip install -e '.[package]')",
    ),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="checks the Linux bundle"),
]

PLAN_JSON = ROOT / "tests" / "fixtures" / "plans" / "ke-hoach-32-ubnd-gio-son-2022.plan.json"
PLAN_TITLE = "Tuyên truyền cải cách hành chính xã Gio Sơn năm 2022"
BUNDLE_BUDGET = 150_000_000
PACKAGE_BUDGET = 60_000_000
STARTUP_BUDGET_S = 20.0

MEASURED: dict[str, object] = {}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The ``dist`` folder: reused from ``CCHC_DIST_DIR``, else built here, once."""
    reuse = os.environ.get("CCHC_DIST_DIR")
    if reuse:
        folder = Path(reuse).resolve()
        assert (folder / buildinfo.BUNDLE_NAME / buildinfo.CLI_EXE).is_file(), (
            f"CCHC_DIST_DIR={reuse} holds no bundle: run python installer/build.py first"
        )
    else:
        folder = tmp_path_factory.mktemp("dist")
        work = tmp_path_factory.mktemp("work")
        started = time.monotonic()
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "installer" / "build.py"),
                "--dist",
                str(folder),
                "--work",
                str(work),
                "--no-nsis",
            ],
            check=True,
            cwd=ROOT,
        )
        MEASURED["build_seconds"] = round(time.monotonic() - started, 1)
    yield folder
    (folder / "test-measurements.json").write_text(json.dumps(MEASURED, indent=2))
    print(f"\nbundle measurements: {json.dumps(MEASURED)}")


@pytest.fixture(scope="module")
def bundle(dist: Path) -> Path:
    return dist / buildinfo.BUNDLE_NAME


@pytest.fixture
def frozen_env(tmp_path: Path) -> dict[str, str]:
    """No trace of the development environment: the bundle must bring its own modules."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "CCHC_", "QT_"))
    }
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["CCHC_DATA_DIR"] = str(tmp_path / "data")
    return env


def run_frozen(
    exe: Path, *args: str, env: dict[str, str], cwd: Path
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(exe), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=180
    )
    assert result.returncode == 0, (
        f"{exe.name} {' '.join(args)} -> {result.returncode}\n{result.stdout}\n{result.stderr}"
    )
    return result


# -- the bundle -------------------------------------------------------------------------------
def test_bundle_holds_what_the_app_loads_at_run_time(bundle: Path) -> None:
    internal = bundle / "_internal"
    assert (bundle / buildinfo.GUI_EXE).is_file()
    assert (bundle / buildinfo.CLI_EXE).is_file()
    # Alembic reads these from the file system: every source migration must be there.
    source = ROOT / "cchc_desktop" / "storage" / "migrations"
    for path in buildinfo.migration_files(source):
        assert (internal / path.relative_to(ROOT)).is_file(), path
    assert (internal / "resources" / "sample-plan.json").is_file()
    assert (internal / "docx" / "templates" / "default.docx").is_file()
    plugins = internal / "PySide6" / "Qt" / "plugins"
    platforms = {p.name for p in (plugins / "platforms").iterdir()}
    assert {"libqoffscreen.so", "libqxcb.so"} <= platforms
    assert "libqeglfs.so" not in platforms
    assert not (plugins / "tls").exists() and not (plugins / "sqldrivers").exists()
    bindings = {p.name.split(".")[0] for p in (internal / "PySide6").glob("Qt*.so")}
    assert bindings == {"QtCore", "QtGui", "QtWidgets"}
    for unwanted in ("mypy", "hypothesis", "pytest", "pygments", "tkinter"):
        assert not (internal / unwanted).exists(), unwanted


def test_bundle_size_is_within_budget(bundle: Path) -> None:
    size = build.tree_size(bundle)
    MEASURED["bundle_mb"] = build.mb(size)
    assert size < BUNDLE_BUDGET, f"bundle is {build.mb(size)} MB, budget 150 MB"


def test_version_info_is_stamped_from_the_package(tmp_path: Path) -> None:
    out = buildinfo.write_version_info(tmp_path, "cchc", "CCHC Desktop")
    info = out.read_text(encoding="utf-8")
    ast.parse(info)  # PyInstaller evaluates it as a Python expression
    assert repr(buildinfo.version_tuple()) in info
    assert f"StringStruct('ProductVersion', '{buildinfo.version()}')" in info


# -- the frozen executables -------------------------------------------------------------------
def test_frozen_cli_imports_and_exports(
    bundle: Path, tmp_path: Path, frozen_env: dict[str, str]
) -> None:
    import docx
    import openpyxl

    cli = bundle / buildinfo.CLI_EXE
    db = tmp_path / "cchc.sqlite"
    version = run_frozen(cli, "--version", env=frozen_env, cwd=tmp_path)
    assert version.stdout.strip() == f"cchc {buildinfo.version()}"

    imported = run_frozen(
        cli, "--db", str(db), "import", str(PLAN_JSON), env=frozen_env, cwd=tmp_path
    )
    plan_id = imported.stdout.strip()
    assert plan_id == "1"
    listed = run_frozen(cli, "--db", str(db), "plans", env=frozen_env, cwd=tmp_path)
    assert "32/KH-UBND" in listed.stdout and PLAN_TITLE in listed.stdout

    plan_docx = tmp_path / "ke-hoach.docx"
    run_frozen(
        cli,
        "--db",
        str(db),
        "export-plan",
        plan_id,
        "-o",
        str(plan_docx),
        env=frozen_env,
        cwd=tmp_path,
    )
    texts = [p.text for p in docx.Document(str(plan_docx)).paragraphs]
    assert "KẾ HOẠCH" in texts and PLAN_TITLE in texts

    report_docx = tmp_path / "bao-cao.docx"
    run_frozen(
        cli,
        "--db",
        str(db),
        "export-report",
        plan_id,
        "--period",
        "2022-Q1",
        "-o",
        str(report_docx),
        env=frozen_env,
        cwd=tmp_path,
    )
    report_text = "\n".join(p.text for p in docx.Document(str(report_docx)).paragraphs)
    assert "BÁO CÁO" in report_text and "32/KH-UBND" in report_text
    assert "quý I năm 2022" in report_text

    report_xlsx = tmp_path / "bao-cao.xlsx"
    run_frozen(
        cli,
        "--db",
        str(db),
        "export-report",
        plan_id,
        "--period",
        "2022-Q1",
        "-o",
        str(report_xlsx),
        env=frozen_env,
        cwd=tmp_path,
    )
    book = openpyxl.load_workbook(report_xlsx)
    cells = [
        str(value)
        for sheet in book.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    assert any("32/KH-UBND" in c for c in cells)
    assert any(PLAN_TITLE in c for c in cells)

    # The migrations ran from the bundle and stamped the head revision.
    from cchc_desktop.storage.migrate import head_revision

    with sqlite3.connect(db) as conn:
        (revision,) = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    assert revision == head_revision()


def test_frozen_window_starts_and_paints(
    bundle: Path, tmp_path: Path, frozen_env: dict[str, str]
) -> None:
    db = tmp_path / "cchc.sqlite"
    # Through the CLI, as the brief's smoke test; the first start creates the database and
    # loads the sample plan.
    run_frozen(
        bundle / buildinfo.CLI_EXE,
        "--db",
        str(db),
        "gui",
        "--exit-after-paint",
        env=frozen_env,
        cwd=tmp_path,
    )
    assert db.is_file()
    # The windowed executable, timed on a database that exists (a clerk's usual start).
    started = time.perf_counter()
    run_frozen(
        bundle / buildinfo.GUI_EXE,
        "--db",
        str(db),
        "--exit-after-paint",
        env=frozen_env,
        cwd=tmp_path,
    )
    seconds = time.perf_counter() - started
    MEASURED["startup_seconds"] = round(seconds, 2)
    assert seconds < STARTUP_BUDGET_S


# -- the packages -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def deb(dist: Path, bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    found = sorted(dist.glob(f"{buildinfo.BUNDLE_NAME}_*.deb"))
    if found:
        return found[-1]
    return build.build_deb(bundle, dist, tmp_path_factory.mktemp("deb-work"))


def test_deb_unpacks_and_runs(deb: Path, tmp_path: Path, frozen_env: dict[str, str]) -> None:
    MEASURED["deb_mb"] = build.mb(deb.stat().st_size)
    assert deb.stat().st_size < PACKAGE_BUDGET
    field = subprocess.run(
        ["dpkg-deb", "--field", str(deb), "Package", "Version"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    assert "Package: cchc-desktop" in field
    assert f"Version: {build.deb_version(buildinfo.version())}" in field

    root = tmp_path / "root"
    subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True)
    assert (root / "opt" / "cchc-desktop" / "_internal").is_dir()
    desktop = (root / "usr/share/applications/cchc-desktop.desktop").read_text(encoding="utf-8")
    assert "Exec=cchc-desktop" in desktop and "Icon=cchc-desktop" in desktop
    assert (root / "usr/share/pixmaps/cchc-desktop.png").is_file()
    result = run_frozen(root / "usr" / "bin" / "cchc", "--version", env=frozen_env, cwd=tmp_path)
    assert result.stdout.strip() == f"cchc {buildinfo.version()}"


def test_nsis_script_compiles_against_the_bundle(bundle: Path, tmp_path: Path) -> None:
    makensis = build.find_makensis()
    assert makensis, "makensis not found: apt-get install nsis"
    # Uncompressed: this checks the script, and LZMA over the bundle would take minutes.
    exe = build.build_nsis(bundle, tmp_path, tmp_path / "work", makensis, "no")
    assert exe.name == f"cchc-desktop-{buildinfo.version()}-cai-dat-win64.exe"
    assert exe.read_bytes()[:2] == b"MZ"
    assert exe.stat().st_size > build.tree_size(bundle) * 0.9  # the bundle is inside
    script = (tmp_path / "work" / "installer" / "cchc-desktop.nsi").read_text(encoding="utf-8")
    assert f'!define APP_VERSION "{buildinfo.version()}"' in script
