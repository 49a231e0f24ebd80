"""No access to a private attribute of a library (openpyxl, python-docx, SQLAlchemy, alembic,
or any other) in ``cchc_desktop/`` (issue 18, item 3): a library's private fields change
without notice between releases, and then a clerk's export fails instead of a test.

The check is stricter than the rule, and simpler: no ``x._name`` at all except on ``self``
and ``cls`` (a module's own private names are used bare), no import of a private name or
module, no ``getattr(x, "_name")`` except the one PyInstaller documents.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cchc_desktop"
# sys._MEIPASS: the documented way to find PyInstaller's bundle folder.
ALLOWED_GETATTR = {("sys", "_MEIPASS")}


def _private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def _findings(source: str, where: str) -> list[str]:
    tree = ast.parse(source, where)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                found.append(f"{where}:{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            parts = node.module.split(".")
            if any(_private(p) for p in parts) or any(_private(a.name) for a in node.names):
                found.append(f"{where}:{node.lineno}: from {node.module} import …")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if any(_private(p) for p in alias.name.split(".")):
                    found.append(f"{where}:{node.lineno}: import {alias.name}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _private(node.args[1].value)
        ):
            owner = ast.unparse(node.args[0])
            if owner not in ("self", "cls") and (owner, node.args[1].value) not in ALLOWED_GETATTR:
                found.append(f"{where}:{node.lineno}: {node.func.id}({owner}, …)")
    return found


def test_no_private_attribute_of_another_object_is_used() -> None:
    found = [
        finding
        for path in sorted(PACKAGE.rglob("*.py"))
        for finding in _findings(
            path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE.parent))
        )
    ]
    assert found == []


def test_the_check_sees_what_it_refuses() -> None:
    sample = (
        "from openpyxl.cell._writer import write_cell\n"
        "def f(ws, cell):\n"
        "    ws._cells[(1, 1)] = cell\n"
        "    return getattr(cell, '_style'), self._ok, getattr(self, '_ok')\n"
    )
    assert [f.split(": ", 1)[1] for f in _findings(sample, "sample.py")] == [
        "from openpyxl.cell._writer import …",
        "._cells",
        "getattr(cell, …)",
    ]
