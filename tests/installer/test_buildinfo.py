"""The packaging rules that need no build: versions, templates, Qt trimming, icons.

The Windows-only branches (plugin paths with backslashes, .dll names) are checked here
because the Linux build never exercises them.
"""

from __future__ import annotations

import re
import struct
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "installer"))

import buildinfo  # noqa: E402  (installer/buildinfo.py)


def test_version_comes_from_the_package() -> None:
    from cchc_desktop import __version__

    assert buildinfo.version() == __version__
    assert buildinfo.version_tuple("1.2.3") == (1, 2, 3, 0)
    assert buildinfo.version_tuple("0.4.0rc2") == (0, 4, 0, 0)
    assert buildinfo.version_tuple("2") == (2, 0, 0, 0)


def test_templates_are_filled_completely(tmp_path: Path) -> None:
    template = buildinfo.INSTALLER_DIR / "cchc-desktop.nsi.in"
    placeholders = set(re.findall(r"@([A-Z0-9_]+)@", template.read_text(encoding="utf-8")))
    assert placeholders == {"VERSION", "VERSION_4", "PUBLISHER", "DESCRIPTION"}
    broken = tmp_path / "t.in"
    broken.write_text("a @VERSION@ b @OTHER@", encoding="utf-8")
    with pytest.raises(RuntimeError, match="OTHER"):
        buildinfo.fill(broken, {"VERSION": "1"})


@pytest.mark.parametrize(
    ("path", "kept"),
    [
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
        ("PySide6/Qt/plugins/platforms/libqoffscreen.so", True),
        ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
        ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
        ("PySide6/Qt/plugins/tls/libqopensslbackend.so", False),
        ("PySide6/Qt/plugins/imageformats/libqico.so", True),
        ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
        ("PySide6/Qt/plugins/platforminputcontexts/libibusplatforminputcontextplugin.so", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qtbase_vi.qm", True),
        ("PySide6/Qt/lib/libQt6Core.so.6", True),
        # Windows wheels: PySide6\plugins\..., no lib prefix, .dll
        (r"C:\py\Lib\site-packages\PySide6\plugins\platforms\qwindows.dll", True),
        (r"C:\py\Lib\site-packages\PySide6\plugins\platforms\qdirect2d.dll", False),
        (r"C:\py\Lib\site-packages\PySide6\plugins\styles\qmodernwindowsstyle.dll", True),
        (r"C:\py\Lib\site-packages\PySide6\translations\qt_fr.qm", False),
        ("lxml/etree.cpython-311-x86_64-linux-gnu.so", True),
    ],
)
def test_qt_trimming(path: str, kept: bool) -> None:
    assert buildinfo.keep_qt_file(path) is kept


def test_linux_system_libraries_are_left_to_the_system() -> None:
    assert not buildinfo.keep_linux_lib("libdbus-1.so.3")
    assert not buildinfo.keep_linux_lib("libxcb-cursor.so.0")
    assert not buildinfo.keep_linux_lib("libstdc++.so.6")
    assert buildinfo.keep_linux_lib("libpython3.11.so.1.0")
    assert buildinfo.keep_linux_lib("libicudata.so.73")
    assert buildinfo.keep_linux_lib("PySide6/Qt/lib/libQt6Gui.so.6")


def test_migration_imports_become_hidden_imports() -> None:
    folder = ROOT / "cchc_desktop" / "storage" / "migrations"
    files = buildinfo.migration_files(folder)
    assert folder / "env.py" in files
    assert all("__pycache__" not in p.parts for p in files)
    names = buildinfo.imports_of(files)
    assert {"alembic.op", "sqlalchemy", "sqlmodel", "cchc_desktop.domain.entities"} <= set(names)
    assert "sqlmodel.SQLModel" not in names  # a class, not a module


def test_the_committed_icons_are_a_png_and_an_ico() -> None:
    png, ico = buildinfo.icon_files()
    assert png.parent == ico.parent == buildinfo.RESOURCES_DIR / "icons"
    width, height = buildinfo.png_size(png)
    assert width == height >= 256
    reserved, kind, count = struct.unpack("<HHH", ico.read_bytes()[:6])
    assert (reserved, kind) == (0, 1) and count >= 1


def test_a_build_without_icons_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(buildinfo, "RESOURCES_DIR", tmp_path / "no-resources")
    with pytest.raises(FileNotFoundError, match=r"cchc-desktop\.png, cchc-desktop\.ico"):
        buildinfo.icon_files()
