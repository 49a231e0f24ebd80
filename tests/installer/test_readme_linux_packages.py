"""README names the Linux packages the window needs (issue 17, point 11): every library the
.deb depends on for Qt (installer/build.py's DEB_DEPENDS) is in README's apt-get line, so a
clerk or IT on a bare system gets past "no Qt platform plugin could be initialized"."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_readme_lists_every_package_the_deb_depends_on() -> None:
    from installer.build import DEB_DEPENDS

    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    block = readme[readme.index("sudo apt-get install libgl1") :]
    block = block[: block.index("```")]
    listed = set(re.findall(r"[a-z0-9][a-z0-9.+-]+", block.replace("\\\n", " "))) - {
        "sudo", "apt-get", "install",
    }  # fmt: skip
    # "a | b" alternatives: the README names the older name (present on every release).
    wanted = {
        dep.split("|")[-1].split("(")[0].strip()
        for dep in DEB_DEPENDS
        if not dep.startswith(("libgcc", "libstdc++"))  # part of every system
    }
    assert wanted <= listed, sorted(wanted - listed)
    assert "libxcb-cursor0" in listed
