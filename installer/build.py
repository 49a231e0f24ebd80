"""Build CCHC Desktop for agency PCs: ``python installer/build.py``.

Steps, each reusing the output of the one before:

1. bundle  PyInstaller (installer/cchc-desktop.spec) -> dist/cchc-desktop/, a windowed
           ``cchc-desktop`` and a console ``cchc`` in one folder;
2. deb     on Linux, a .deb of that bundle (dpkg-deb, nothing else) -> dist/*.deb,
           installing to /opt/cchc-desktop with /usr/bin links, a .desktop entry and an icon;
3. nsis    installer/cchc-desktop.nsi.in filled with the version and compiled by makensis
           against the bundle -> dist/*-cai-dat-win64.exe. Required on Windows; on Linux it
           runs when makensis is installed and yields a compiled script wrapping the Linux
           bundle, useful only to prove the script compiles.

Sizes and timings go to dist/build-report.json and to stdout. Exit status 0 on success.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import buildinfo

ROOT = buildinfo.ROOT
IS_WIN = sys.platform == "win32"
EXE_SUFFIX = ".exe" if IS_WIN else ""

# Libraries the bundle takes from the system: PyInstaller leaves out libc and the GL stack,
# buildinfo.LINUX_SYSTEM_LIBS the desktop-session libraries, and Qt's xcb and wayland
# plugins need a few more. Package names valid on Debian 11+ and Ubuntu 20.04+.
DEB_DEPENDS = (
    "libgl1",
    "libegl1",
    "libdbus-1-3",
    "libfontconfig1",
    "libfreetype6",
    "libglib2.0-0t64 | libglib2.0-0",
    "libx11-6",
    "libx11-xcb1",
    "libxcb1",
    "libxcb-cursor0",
    "libxcb-glx0",
    "libxcb-icccm4",
    "libxcb-image0",
    "libxcb-keysyms1",
    "libxcb-randr0",
    "libxcb-render0",
    "libxcb-render-util0",
    "libxcb-shape0",
    "libxcb-shm0",
    "libxcb-sync1",
    "libxcb-util1",
    "libxcb-xfixes0",
    "libxcb-xkb1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libwayland-client0",
    "libwayland-cursor0",
    "libgcc-s1",
    "libstdc++6 (>= 11)",  # GLIBCXX_3.4.29: MAX_GLIBCXX, checked in build_deb
)
_GLIBC_SYMBOL = re.compile(rb"GLIBC_2\.(\d+)(?:\.\d+)?\x00")
_GLIBCXX_SYMBOL = re.compile(rb"GLIBCXX_3\.4\.(\d+)\x00")
MAX_GLIBCXX = 29  # GCC 11's libstdc++, the floor named in DEB_DEPENDS


# -- helpers ----------------------------------------------------------------------------------
def tree_size(path: Path) -> int:
    """Bytes in the files under ``path`` (symlinks not followed, not counted twice)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def mb(n: int) -> float:
    return round(n / 1_000_000, 1)


def run(cmd: list[str], **kwargs: object) -> None:
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kwargs)  # type: ignore[call-overload]


def deb_version(version: str) -> str:
    """PEP 440 -> Debian ordering: ``0.2.0rc1`` sorts before ``0.2.0`` as ``0.2.0~rc1``."""
    for tag in (".dev", "rc", "a", "b"):
        if tag in version:
            head, _, tail = version.partition(tag)
            return f"{head}~{tag.lstrip('.')}{tail}"
    return version


def newest_symbol_versions(bundle: Path) -> tuple[int, int]:
    """The newest ``GLIBC_2.x`` and ``GLIBCXX_3.4.y`` the binaries in ``bundle`` ask for."""
    glibc = glibcxx = -1
    for path in bundle.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        with path.open("rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
            data = f.read()
        for match in _GLIBC_SYMBOL.finditer(data):
            glibc = max(glibc, int(match.group(1)))
        for match in _GLIBCXX_SYMBOL.finditer(data):
            glibcxx = max(glibcxx, int(match.group(1)))
    return glibc, glibcxx


def find_makensis() -> str | None:
    found = shutil.which("makensis")
    if found:
        return found
    if IS_WIN:
        for env in ("ProgramFiles(x86)", "ProgramFiles"):
            candidate = Path(os.environ.get(env, "")) / "NSIS" / "makensis.exe"
            if candidate.is_file():
                return str(candidate)
    return None


# -- steps ------------------------------------------------------------------------------------
def build_bundle(dist: Path, work: Path) -> Path:
    env = dict(os.environ, CCHC_BUILD_DIR=str(work / "installer"))
    run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            str(buildinfo.INSTALLER_DIR / "cchc-desktop.spec"),
            "--distpath",
            str(dist),
            "--workpath",
            str(work / "pyinstaller"),
            "--noconfirm",
            "--log-level",
            "WARN",
        ],
        env=env,
        cwd=ROOT,
    )
    return dist / buildinfo.BUNDLE_NAME


def build_deb(bundle: Path, dist: Path, work: Path) -> Path:
    """dist/cchc-desktop_<version>_<arch>.deb, built with dpkg-deb alone (no fakeroot)."""
    version = deb_version(buildinfo.version())
    arch = subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()
    stage = work / "deb" / "root"
    if stage.exists():
        shutil.rmtree(stage)
    opt = stage / "opt" / buildinfo.BUNDLE_NAME
    # Hard links: staging 140 MB by copying would cost as much as compressing it.
    shutil.copytree(bundle, opt, symlinks=True, copy_function=_link_or_copy)

    usr_bin = stage / "usr" / "bin"
    usr_bin.mkdir(parents=True)
    for exe in (buildinfo.GUI_EXE, buildinfo.CLI_EXE):
        # Relative, so the links also work in an unpacked tree (dpkg -x into a scratch root).
        (usr_bin / exe).symlink_to(Path("..", "..", "opt", buildinfo.BUNDLE_NAME, exe))

    apps = stage / "usr" / "share" / "applications"
    apps.mkdir(parents=True)
    shutil.copy2(buildinfo.INSTALLER_DIR / "linux" / "cchc-desktop.desktop", apps)
    png, _ico = buildinfo.icon_files()
    width, height = buildinfo.png_size(png)
    icon_dirs = [stage / "usr" / "share" / "pixmaps"]
    if width == height and width in (16, 24, 32, 48, 64, 128, 256, 512):
        icon_dirs.append(stage / "usr/share/icons/hicolor" / f"{width}x{height}" / "apps")
    for folder in icon_dirs:
        folder.mkdir(parents=True)
        shutil.copyfile(png, folder / "cchc-desktop.png")

    glibc, glibcxx = newest_symbol_versions(bundle)
    if glibcxx > MAX_GLIBCXX:
        raise SystemExit(
            f"the bundle needs GLIBCXX_3.4.{glibcxx}: raise the libstdc++6 floor in DEB_DEPENDS"
        )
    # A bundle runs on the glibc it was built against or newer: build on the oldest target.
    depends = [f"libc6 (>= 2.{glibc})"] if glibc >= 0 else []
    control = buildinfo.fill(
        buildinfo.INSTALLER_DIR / "linux" / "control.in",
        {
            "VERSION": version,
            "ARCH": arch,
            "MAINTAINER": os.environ.get(
                "CCHC_MAINTAINER", f"{buildinfo.PUBLISHER} <cchc-desktop@localhost>"
            ),
            "INSTALLED_SIZE_KB": str(tree_size(stage) // 1024 + 1),
            "DEPENDS": ", ".join([*depends, *DEB_DEPENDS]),
            "DESCRIPTION_EN": "administrative reform (CCHC) plans and reports, offline",
        },
    )
    debian = stage / "DEBIAN"
    debian.mkdir()
    (debian / "control").write_text(control, encoding="utf-8")
    for path in [stage, *stage.rglob("*")]:
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)

    out = dist / f"{buildinfo.BUNDLE_NAME}_{version}_{arch}.deb"
    run(["dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(stage), str(out)])
    return out


def _link_or_copy(src: str, dst: str) -> None:
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


def build_nsis(bundle: Path, dist: Path, work: Path, makensis: str, compression: str) -> Path:
    """Fill the NSIS template with the version and compile it against ``bundle``."""
    version = buildinfo.version()
    script = work / "installer" / "cchc-desktop.nsi"
    script.parent.mkdir(parents=True, exist_ok=True)
    script.write_text(
        buildinfo.fill(
            buildinfo.INSTALLER_DIR / "cchc-desktop.nsi.in",
            {
                "VERSION": version,
                "VERSION_4": ".".join(map(str, buildinfo.version_tuple(version))),
                "PUBLISHER": buildinfo.PUBLISHER,
                "DESCRIPTION": buildinfo.DESCRIPTION,
            },
        ),
        encoding="utf-8",
    )
    _png, ico = buildinfo.icon_files()
    out = dist / f"{buildinfo.BUNDLE_NAME}-{version}-cai-dat-win64.exe"
    cmd = [
        makensis,
        "-V2",
        "-INPUTCHARSET",
        "UTF8",
        f"-DDIST_DIR={bundle.resolve()}",
        f"-DOUT_FILE={out.resolve()}",
        f"-DAPP_ICON={ico.resolve()}",
    ]
    if compression != "lzma":
        cmd.append(f"-D{compression.upper()}_COMPRESSION")
    run([*cmd, str(script)])
    return out


# -- main -------------------------------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="scratch folder")
    parser.add_argument(
        "--reuse-bundle", action="store_true", help="package an existing dist/cchc-desktop"
    )
    parser.add_argument("--no-deb", action="store_true", help="skip the Linux package")
    parser.add_argument("--no-nsis", action="store_true", help="skip the Windows installer")
    parser.add_argument(
        "--nsis-compression",
        choices=("lzma", "zlib", "no"),
        default="lzma",
        help="lzma for release; no for a quick compile check (LZMA takes minutes)",
    )
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    dist.mkdir(parents=True, exist_ok=True)
    report: dict[str, object] = {"version": buildinfo.version(), "platform": sys.platform}
    seconds: dict[str, float] = {}

    started = time.monotonic()
    bundle = dist / buildinfo.BUNDLE_NAME
    if args.reuse_bundle and (bundle / (buildinfo.CLI_EXE + EXE_SUFFIX)).is_file():
        print(f"reusing {bundle}")
    else:
        bundle = build_bundle(dist, work)
        seconds["bundle"] = round(time.monotonic() - started, 1)
    report["bundle"] = {"path": str(bundle), "bytes": tree_size(bundle)}

    if not args.no_deb and not IS_WIN:
        if shutil.which("dpkg-deb"):
            t0 = time.monotonic()
            deb = build_deb(bundle, dist, work)
            seconds["deb"] = round(time.monotonic() - t0, 1)
            report["deb"] = {"path": str(deb), "bytes": deb.stat().st_size}
        else:
            print("dpkg-deb not found: no .deb built")

    if not args.no_nsis:
        makensis = find_makensis()
        if makensis:
            t0 = time.monotonic()
            exe = build_nsis(bundle, dist, work, makensis, args.nsis_compression)
            seconds["nsis"] = round(time.monotonic() - t0, 1)
            report["nsis"] = {
                "path": str(exe),
                "bytes": exe.stat().st_size,
                "compression": args.nsis_compression,
            }
        elif IS_WIN:
            print("makensis not found: install NSIS 3 (choco install nsis)", file=sys.stderr)
            return 1
        else:
            print("makensis not found: no installer compiled (apt-get install nsis)")

    seconds["total"] = round(time.monotonic() - started, 1)
    report["seconds"] = seconds
    (dist / "build-report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    for key in ("bundle", "deb", "nsis"):
        item = report.get(key)
        if isinstance(item, dict):
            print(f"{key:7} {mb(item['bytes']):7.1f} MB  {item['path']}")
    print(f"time    {seconds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
