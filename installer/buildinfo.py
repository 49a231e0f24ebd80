"""Facts and generated inputs shared by the PyInstaller spec and ``build.py``.

Everything here is plain standard library so the spec (run by PyInstaller) and the build
script (run by the project's Python) compute the same version, icon and version-info file.
The version is read from ``cchc_desktop/__init__.py`` with ``ast`` rather than imported, so a
build never depends on the package importing cleanly in the build environment.
"""

from __future__ import annotations

import ast
import importlib.util
import re
import struct
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INSTALLER_DIR = ROOT / "installer"
RESOURCES_DIR = ROOT / "resources"
APP_NAME = "CCHC Desktop"
BUNDLE_NAME = "cchc-desktop"  # the one-folder bundle, the .deb package, the install folder
GUI_EXE = "cchc-desktop"
CLI_EXE = "cchc"
PUBLISHER = "CCHC Desktop"
DESCRIPTION = "Kế hoạch và báo cáo cải cách hành chính (CCHC), chạy không cần mạng"


def version() -> str:
    """``__version__`` from ``cchc_desktop/__init__.py``, e.g. ``0.1.0``."""
    tree = ast.parse((ROOT / "cchc_desktop" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise RuntimeError("cchc_desktop/__init__.py has no __version__ string")


def version_tuple(text: str | None = None) -> tuple[int, int, int, int]:
    """Four numbers for Windows (FILEVERSION, VIProductVersion): ``0.1.0rc1`` -> (0, 1, 0, 0)."""
    numbers = [int(n) for n in re.findall(r"\d+", (text or version()).split("+")[0])[:3]]
    numbers += [0] * (4 - len(numbers))
    return (numbers[0], numbers[1], numbers[2], numbers[3])


def fill(template: Path, values: dict[str, str]) -> str:
    """``@KEY@`` placeholders replaced; a placeholder left over is a build error."""
    text = template.read_text(encoding="utf-8")
    for key, value in values.items():
        text = text.replace(f"@{key}@", value)
    leftover = re.findall(r"@[A-Z0-9_]+@", text)
    if leftover:
        raise RuntimeError(f"{template.name}: unfilled placeholders {sorted(set(leftover))}")
    return text


def write_version_info(build_dir: Path, exe_name: str, description: str) -> Path:
    """The PyInstaller version-info file of one executable (Windows VERSIONINFO resource)."""
    ver = version()
    text = fill(
        INSTALLER_DIR / "version-info.txt.in",
        {
            "VERSION": ver,
            "VERSION_TUPLE": repr(version_tuple(ver)),
            "COMPANY": PUBLISHER,
            "DESCRIPTION": description,
            "INTERNAL_NAME": exe_name,
            "ORIGINAL_FILENAME": f"{exe_name}.exe",
            "PRODUCT": APP_NAME,
        },
    )
    out = build_dir / f"version-info-{exe_name}.txt"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return out


# -- icon -------------------------------------------------------------------------------------
def icon_files() -> tuple[Path, Path]:
    """(png, ico) to stamp into the executables and packages: the committed icons
    (``resources/icons``, drawn by ``make_icon.py``). A build without them is refused."""
    icons = RESOURCES_DIR / "icons"
    png, ico = icons / "cchc-desktop.png", icons / "cchc-desktop.ico"
    missing = [p.name for p in (png, ico) if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"icons missing from {icons}: {', '.join(missing)}")
    return png, ico


def png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    width, height = struct.unpack(">II", head[16:24])
    return width, height


# -- what goes into the bundle ----------------------------------------------------------------
def migration_files(folder: Path) -> list[Path]:
    """The alembic script folder as alembic reads it: env.py, the template, versions/*.py."""
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file() and p.suffix in {".py", ".mako"} and "__pycache__" not in p.parts
    )


def imports_of(paths: list[Path]) -> list[str]:
    """Top-level and nested absolute imports of Python files PyInstaller does not analyse."""
    names: set[str] = set()
    for path in paths:
        if path.suffix != ".py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names.add(node.module)
                # ``from alembic import op``: op is a module; ``from sqlmodel import
                # SQLModel`` is a class. Only modules are hidden imports.
                names.update(
                    f"{node.module}.{alias.name}"
                    for alias in node.names
                    if _is_module(f"{node.module}.{alias.name}")
                )
    return sorted(n for n in names if n.split(".")[0] != "__future__")


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


# Python modules that must not ride along: dev tools that library hooks pull in through
# optional plugin modules (pydantic.mypy, sqlalchemy.ext.mypy, hypothesis entry points), and
# Qt modules the app does not use.
EXCLUDED_MODULES = (
    "tkinter",
    "_tkinter",
    "readline",
    "mypy",
    "hypothesis",
    "pytest",
    "_pytest",
    "pytestqt",
    "IPython",
    "pydantic.mypy",
    "sqlalchemy.ext.mypy",
    # Pulled in only by optional plugin modules (mako's pygments highlighter, lxml's doctest
    # helpers) or interactive tools; nothing in the app imports them.
    "pygments",
    "doctest",
    "pdb",
    "pydoc",
    "pydoc_data",
    "lxml.objectify",  # 2.9 MB; python-docx and openpyxl use lxml.etree only
    "lxml.html",
    "lxml.isoschematron",
    "lxml.doctestcompare",
    # An offline application: no TLS. Without _hashlib, hashlib uses its built-in md5/sha
    # modules; together this leaves out OpenSSL (libssl + libcrypto, 5 MB).
    "ssl",
    "_ssl",
    "_hashlib",
    # East Asian codecs (1 MB of extensions); documents here are UTF-8 or cp1258.
    "_codecs_cn",
    "_codecs_hk",
    "_codecs_iso2022",
    "_codecs_jp",
    "_codecs_kr",
    "_codecs_tw",
    # keyring's Linux Secret Service backend (secretstorage → jeepney, cryptography: 16 MB).
    # The Windows bundle stores the server password in the Credential Locker through
    # pywin32-ctypes; a frozen Linux bundle finds no keyring backend, and the "Kết nối máy
    # chủ" dialog then says so and asks for the password at each start.
    "secretstorage",
    "jeepney",
    "cryptography",
    # Only pydantic's debugging pretty-printer (pretty_print_core_schema) imports rich (2 MB);
    # it is in the environment for import-linter, a test tool.
    "rich",
)
QT_USED_MODULES = ("QtCore", "QtGui", "QtWidgets")
QT_EXCLUDED_MODULES = (
    "QtNetwork",
    "QtDBus",
    "QtOpenGL",
    "QtOpenGLWidgets",
    "QtPrintSupport",
    "QtSql",
    "QtSvg",
    "QtSvgWidgets",
    "QtXml",
    "QtTest",
    "QtQml",
    "QtQuick",
    "QtQuickWidgets",
    "QtWebEngineCore",
    "QtWebEngineWidgets",
    "QtWebChannel",
    "QtMultimedia",
    "QtPdf",
    "QtUiTools",
    "QtDesigner",
)

# Linux: desktop-session libraries taken from the system instead of the build host. They
# read system configuration or talk to system services (D-Bus, fontconfig, X11, GLib), so the
# host's copy is the right one; the .deb depends on them (DEB_DEPENDS in build.py).
LINUX_SYSTEM_LIBS = (
    "libdbus-1.so",
    "libsystemd.so",
    "libgcrypt.so",
    "libgpg-error.so",
    "liblz4.so",
    "libcap.so",
    "libX11.so",
    "libX11-xcb.so",
    "libXau.so",
    "libXdmcp.so",
    "libbsd.so",
    "libmd.so",
    "libxcb-",
    "libxkbcommon",
    "libfontconfig.so",
    "libfreetype.so",
    "libpng16.so",
    "libbrotli",
    "libexpat.so",
    "libglib-2.0.so",
    "libgthread-2.0.so",
    "libpcre2-8.so",
    # The system's GL drivers (Mesa) load the system libstdc++; a bundled older copy loaded
    # first breaks them ("GLIBCXX_3.4.x not found"), a classic of frozen Qt apps.
    "libstdc++.so",
    "libgcc_s.so",
)


def keep_linux_lib(dest: str) -> bool:
    """False for a top-level shared library the Linux bundle takes from the system."""
    name = dest.replace("\\", "/")
    return "/" in name or not name.startswith(LINUX_SYSTEM_LIBS)


# Qt plugins, by plugin folder. A folder in QT_PLUGINS_DROPPED is left out; a folder in
# QT_PLUGINS_ONLY keeps only the named plugins; any other folder (styles, platforminputcontexts
# for the ibus/compose input methods Vietnamese typists use on Linux, ...) is kept whole.
QT_PLUGINS_DROPPED = frozenset(
    {
        "designer",
        "egldeviceintegrations",  # embedded Linux without a window system
        "generic",  # evdev input, same
        "networkinformation",
        "printsupport",
        "qmltooling",
        "sqldrivers",
        "tls",
        "vectorimageformats",
        "wayland-graphics-integration-client",  # OpenGL on Wayland; widgets paint via wl_shm
        "wayland-graphics-integration-server",
    }
)
QT_PLUGINS_ONLY: dict[str, frozenset[str]] = {
    # Windows, X11, Wayland; offscreen and minimal for tests and --screenshot.
    "platforms": frozenset({"qwindows", "qxcb", "qwayland", "qoffscreen", "qminimal"}),
    # The GTK theme would bundle GTK, cairo and pango; the portal theme needs only D-Bus.
    "platformthemes": frozenset({"qxdgdesktopportal"}),
    "wayland-shell-integration": frozenset({"xdg-shell"}),
    # Bradient draws the title bar where the compositor does not; adwaita would add QtSvg.
    "wayland-decoration-client": frozenset({"bradient"}),
    "imageformats": frozenset({"qico"}),  # PNG is built into QtGui
    "iconengines": frozenset(),
}
# Image plugins follow what resources/ holds, so an SVG icon added later still shows.
_FORMAT_PLUGINS = {
    ".svg": {"imageformats": "qsvg", "iconengines": "qsvgicon"},
    ".jpg": {"imageformats": "qjpeg"},
    ".jpeg": {"imageformats": "qjpeg"},
    ".gif": {"imageformats": "qgif"},
    ".webp": {"imageformats": "qwebp"},
}


def _plugins_for_resources() -> dict[str, set[str]]:
    extra: dict[str, set[str]] = {}
    suffixes = {p.suffix.lower() for p in RESOURCES_DIR.rglob("*") if p.is_file()}
    for suffix in suffixes:
        for folder, plugin in _FORMAT_PLUGINS.get(suffix, {}).items():
            extra.setdefault(folder, set()).add(plugin)
    return extra


def _stem(filename: str) -> str:
    """``libqxcb.so`` / ``qwindows.dll`` / ``libqcocoa.dylib`` -> ``qxcb`` / ``qwindows``."""
    name = filename.split(".")[0]
    return name[3:] if name.startswith("lib") else name


def keep_qt_file(path: str) -> bool:
    """False for a Qt plugin or translation the bundle does not need (see the tables above)."""
    parts = path.replace("\\", "/").split("/")
    if "PySide6" not in parts:
        return True
    if parts[-1].endswith(".qm") and "translations" in parts:
        return parts[-1].split(".")[0].endswith("_vi")
    if len(parts) < 3 or parts[-3] != "plugins":
        return True
    folder = parts[-2]
    if folder in QT_PLUGINS_DROPPED:
        return False
    if folder in QT_PLUGINS_ONLY:
        allowed = QT_PLUGINS_ONLY[folder] | _plugins_for_resources().get(folder, set())
        return _stem(parts[-1]) in allowed
    return True
