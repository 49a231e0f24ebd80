"""A plan copied to a new year (issue 15, item 5): the plan's year moves in its title,
sections and tasks; dates and dated references are left alone and listed;
`cchc copy-plan PLAN --year Y [--dry-run]` prints the list; --dry-run stores nothing."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from cchc_desktop.domain.model import Plan
from cchc_desktop.domain.timeframes import TimeframeKind
from cchc_desktop.domain.year_copy import copy_to_year
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services.plan_read import list_plans, load_plan
from cchc_desktop.storage.database import Database
from tests.conftest import PLANS
from tests.helpers import run_cli, snapshot

GIO_SON = PLANS / "ke-hoach-32-ubnd-gio-son-2022.plan.json"
OLD = re.compile(r"(?<!\d)2022(?!\d)")


def plan_texts(plan: Plan) -> list[tuple[str, str]]:
    """Every text of the title, sections and tasks, with where it is."""
    out = [("title", plan.title), ("appendix", plan.appendix_title)]
    out += [("preamble", p.text) for p in plan.preamble]
    for n in plan.walk_sections():
        out.append(("heading", n.section.heading))
        out += [("body", p.text) for p in n.section.body]
    out += [("closing", p.text) for p in plan.closing]
    for t in plan.tasks:
        out += [("task", t.name), ("task", t.product), ("task", t.note)]
        out.append(("timeframe", t.timeframe.label))
    return out


def left_outside_references(plan: Plan, kept: list[str]) -> list[str]:
    """Texts still holding the old year once the listed references are taken out."""
    found = []
    for _where, text in plan_texts(plan):
        rest = text
        for reference in kept:
            rest = rest.replace(reference, "")
        if OLD.search(rest):
            found.append(text)
    return found


def test_hai_duong_to_2023_leaves_no_2022_but_the_listed_references(
    capsys: pytest.CaptureFixture[str], db: Database, db_path: Path, hai_duong_id: int
) -> None:
    code, out, err = run_cli(
        capsys, "--db", str(db_path), "copy-plan", str(hai_duong_id), "--year", "2023"
    )
    assert (code, err) == (0, "")
    lines = out.splitlines()
    new_id = int(lines[-1])
    copy = load_plan(db, new_id)
    assert copy.year == 2023 and copy.number == "" and copy.issued_on is None
    assert copy.checkins == []
    assert copy.title == "Tuyên truyền cải cách hành chính Nhà nước năm 2023"
    kept = [
        m[1] for line in lines if (m := re.match(r"Giữ nguyên \(cần xem lại\): .*?: “(.*)”$", line))
    ]
    assert kept == ["Kế hoạch số 276/KH-UBND ngày 27 tháng 01 năm 2022"]
    assert left_outside_references(copy, kept) == []
    assert "Kế hoạch số 276/KH-UBND ngày 27 tháng 01 năm 2022" in copy.preamble[0].text
    assert "tỉnh Hải Dương năm 2023" in copy.preamble[0].text
    assert copy.appendix_title.endswith("NĂM 2023")
    assert [t.timeframe.label for t in copy.tasks if "Năm" in t.timeframe.label] == [
        "Năm 2023", "Năm 2023",
    ]  # fmt: skip
    assert any(line.startswith("Thay: Trích yếu: ") and "năm 2023" in line for line in lines)
    assert "9 chỗ thay năm, 1 ngày/văn bản giữ nguyên cần xem lại." in lines
    # The source is untouched.
    assert load_plan(db, hai_duong_id).title.endswith("năm 2022")


def test_dry_run_prints_the_list_and_stores_nothing(
    capsys: pytest.CaptureFixture[str], db: Database, db_path: Path, hai_duong_id: int
) -> None:
    before = snapshot(db_path)
    code, out, err = run_cli(
        capsys, "--db", str(db_path), "copy-plan", str(hai_duong_id), "--year", "2023",
        "--dry-run",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert "Giữ nguyên (cần xem lại): Mở đầu, đoạn 1: “Kế hoạch số 276/KH-UBND" in out
    assert out.splitlines()[-1] == "(--dry-run: không lưu gì)"
    assert snapshot(db_path) == before
    assert len(list_plans(db)) == 1


def test_gio_son_dates_and_references_listed_timeframes_and_deadlines_moved() -> None:
    plan = read_plan_file(GIO_SON)
    result = copy_to_year(plan, 2023)
    kept = [k.text for k in result.kept]
    assert kept == [
        "Kế hoạch số 23/KH-UBND ngày 08/02/2022",
        "Công văn số 117/UBND-VX ngày 10/02/2022",
        "quyết định số 45/2016/QĐ-UBND ngày 19/10/2016",
        "Nghị định số 63/2010/NĐ-CP ngày 08/6/2010",
        "ngày 14/5/2013",
    ]
    assert left_outside_references(result.plan, kept) == []
    assert [t.timeframe.label for t in result.plan.tasks][:4] == [
        "Quý I/2023", "Quý II/2023", "Quý III/2023", "Quý IV/2023",
    ]  # fmt: skip
    assert plan.title.endswith("2022")  # the source plan object is not changed


def test_deadline_moves_with_its_label() -> None:
    plan = read_plan_file(PLANS / "ke-hoach-sldtbxh-ninh-thuan-2022.plan.json")
    task = plan.tasks[0]
    assert task.timeframe.kind is TimeframeKind.DEADLINE
    moved = copy_to_year(plan, 2023).plan.tasks[0].timeframe
    assert (moved.label, moved.due) == ("Trước 27/02/2023", dt.date(2023, 2, 27))


def test_bad_year_is_one_line(
    capsys: pytest.CaptureFixture[str], db_path: Path, hai_duong_id: int
) -> None:
    code, out, err = run_cli(
        capsys, "--db", str(db_path), "copy-plan", str(hai_duong_id), "--year", "123"
    )
    assert code == 1 and len(err.strip().splitlines()) == 1 and out == ""
