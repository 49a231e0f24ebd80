"""Every rejection rule of cchc-plan v1: exit 1, the JSON path in the message, nothing stored."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import HAI_DUONG
from tests.helpers import run_cli, snapshot

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def apply(data: dict[str, Any]) -> None:
        *parents, last = _split(path)
        node: Any = data
        for key in parents:
            node = node[key]
        if value is _DELETE:
            del node[last]
        else:
            node[last] = value

    return apply


def _split(path: str) -> list[Any]:
    out: list[Any] = []
    for part in path.replace("]", "").split("."):
        name, *indexes = part.split("[")
        out.append(name)
        out.extend(int(i) for i in indexes)
    return out


_DELETE = object()


def _dup_checkin(data: dict[str, Any]) -> None:
    data["plan"]["checkins"].append(copy.deepcopy(data["plan"]["checkins"][0]))


def _dup_unit(data: dict[str, Any]) -> None:
    data["units"].append(copy.deepcopy(data["units"][0]))


def _dup_task_key(data: dict[str, Any]) -> None:
    data["plan"]["tasks"][1]["key"] = data["plan"]["tasks"][0]["key"]


def _too_deep(data: dict[str, Any]) -> None:
    third = data["plan"]["sections"][1]["children"][2]["children"][0]
    third["children"] = [{"heading": "x", "body": [], "children": []}]


CASES: list[tuple[str, Mutation, str]] = [
    ("format", _set("format", "other"), "format"),
    ("version newer", _set("version", 2), "version"),
    ("version not int", _set("version", "1"), "version"),
    ("missing key", _set("plan.title", _DELETE), "plan.title: missing"),
    ("unknown key", _set("plan.extra", 1), "plan.extra: unknown key"),
    ("unit kind", _set("units[0].kind", "team"), 'units[0].kind: unknown value "team"'),
    ("duplicate unit", _dup_unit, "units[6].name: duplicate unit"),
    ("year type", _set("plan.year", "2022"), "plan.year: expected an integer"),
    ("issued_on", _set("plan.issued_on", "28/01/2022"), "plan.issued_on"),
    ("issued_on impossible", _set("plan.issued_on", "2022-02-30"), "plan.issued_on"),
    ("paragraph style", _set("plan.preamble[0].style", "bullet"), "plan.preamble[0].style"),
    ("section depth", _too_deep, "plan.sections[1].children[2].children[0].children"),
    (
        "timeframe kind",
        _set("plan.tasks[3].timeframe.kind", "weekly"),
        'plan.tasks[3].timeframe.kind: unknown value "weekly"',
    ),
    (
        "quarters missing",
        _set("plan.tasks[0].timeframe", {"kind": "quarters", "label": ""}),
        "plan.tasks[0].timeframe.quarters: missing",
    ),
    (
        "quarter range",
        _set("plan.tasks[0].timeframe", {"kind": "quarters", "label": "", "quarters": [5]}),
        "plan.tasks[0].timeframe.quarters[0]",
    ),
    (
        "month range",
        _set("plan.tasks[0].timeframe", {"kind": "months", "label": "", "months": [13]}),
        "plan.tasks[0].timeframe.months[0]",
    ),
    (
        "deadline outside year",
        _set("plan.tasks[0].timeframe", {"kind": "deadline", "label": "", "due": "2023-01-05"}),
        "plan.tasks[0].timeframe.due",
    ),
    (
        "undeclared lead unit",
        _set("plan.tasks[2].lead", ["Phòng Ma"]),
        'plan.tasks[2].lead[0]: unit "Phòng Ma" is not declared',
    ),
    (
        "undeclared partner",
        _set("plan.tasks[2].partners", ["Phòng Ma"]),
        "plan.tasks[2].partners[0]",
    ),
    ("no lead", _set("plan.tasks[1].lead", []), "plan.tasks[1].lead: at least one unit"),
    ("duplicate task key", _dup_task_key, "plan.tasks[1].key: duplicate task key"),
    (
        "target quantity",
        _set("plan.tasks[0].target", {"quantity": "20", "unit": "tin"}),
        "plan.tasks[0].target.quantity",
    ),
    ("unknown task", _set("plan.checkins[0].task", "T99"), "plan.checkins[0].task: unknown task"),
    ("period form", _set("plan.checkins[0].period", "2022-H1"), "plan.checkins[0].period"),
    ("period year", _set("plan.checkins[0].period", "2021-Q4"), "plan.checkins[0].period"),
    ("status", _set("plan.checkins[0].status", "finished"), "plan.checkins[0].status"),
    ("progress range", _set("plan.checkins[0].progress", 120), "plan.checkins[0].progress"),
    ("done means 100", _set("plan.checkins[0].status", "done"), "plan.checkins[0].progress"),
    ("reported_by", _set("plan.checkins[0].reported_by", "Ai đó"), "plan.checkins[0].reported_by"),
    (
        "reported_on",
        _set("plan.checkins[0].reported_on", "hôm qua"),
        "plan.checkins[0].reported_on",
    ),
    (
        "evidence file escapes",
        _set("plan.checkins[0].evidence[0].file", "../../x.pdf"),
        "plan.checkins[0].evidence[0].file",
    ),
    ("duplicate (task, period)", _dup_checkin, "plan.checkins[12]: second check-in"),
    ("root not object", lambda d: d.clear() or d.update({"x": 1}), "format"),
]


@pytest.fixture
def filled_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    db = str(tmp_path / "db.sqlite")
    assert run_cli(capsys, "--db", db, "import", str(HAI_DUONG))[0] == 0
    return db


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "broken.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


@pytest.mark.parametrize(("name", "mutate", "expected"), CASES, ids=[c[0] for c in CASES])
def test_broken_file_is_rejected_with_its_json_path(
    name: str,
    mutate: Mutation,
    expected: str,
    filled_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = json.loads(HAI_DUONG.read_text("utf-8"))
    mutate(data)
    broken = _write(tmp_path, data)
    before = snapshot(Path(filled_db))
    code, out, err = run_cli(capsys, "--db", filled_db, "import", str(broken))
    assert code == 1
    assert out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert str(broken) in lines[0]
    assert expected in lines[0]
    assert snapshot(Path(filled_db)) == before


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"this is not json", "not valid JSON"),
        (b'{"format": "cchc-plan", "version": 1,', "not valid JSON"),
        ('{"format": "cchc-plan", "title": "Kế hoạch"}'.encode("utf-16"), "not UTF-8"),
        (b'{"format": "cchc-plan", "x": "\xff\xfe"}', "not UTF-8"),
        (b"", "not valid JSON"),
        (b"[" * 100_000 + b"]" * 100_000, "JSON"),
        (b'{"format": NaN}', "not valid JSON"),
    ],
    ids=["text", "truncated", "utf16", "bad-bytes", "empty", "deep", "nan"],
)
def test_not_a_json_plan(
    content: bytes,
    expected: str,
    filled_db: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    before = snapshot(Path(filled_db))
    code, _, err = run_cli(capsys, "--db", filled_db, "import", str(path))
    assert code == 1
    assert expected in err and str(path) in err
    assert snapshot(Path(filled_db)) == before


def test_a_50_mb_file_is_refused_before_reading(
    filled_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.json"
    with path.open("wb") as f:
        f.write(b'{"format": "cchc-plan", "pad": "')
        f.write(b"x" * (50 * 1024 * 1024))
        f.write(b'"}')
    before = snapshot(Path(filled_db))
    code, _, err = run_cli(capsys, "--db", filled_db, "import", str(path))
    assert code == 1
    assert "file too large" in err
    assert snapshot(Path(filled_db)) == before


def test_missing_file_and_wrong_extension(
    filled_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(capsys, "--db", filled_db, "import", str(tmp_path / "nope.json"))
    assert code == 1 and "cannot read file" in err
    odd = tmp_path / "plan.txt"
    odd.write_text("x")
    code, _, err = run_cli(capsys, "--db", filled_db, "import", str(odd))
    assert code == 1 and "unsupported file type" in err


def test_usage_errors_exit_2(filled_db: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "--db", filled_db, "export-json", "abc", "-o", "x.json")[0] == 2
    assert run_cli(capsys, "--db", filled_db, "frobnicate")[0] == 2
    assert run_cli(capsys, "--db", filled_db, "export-json", "1")[0] == 2


def test_unknown_plan_exits_1(
    filled_db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_cli(
        capsys, "--db", filled_db, "export-json", "42", "-o", str(tmp_path / "x.json")
    )
    assert code == 1 and "no plan with id 42" in err
    assert not (tmp_path / "x.json").exists()
