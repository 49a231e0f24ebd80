"""Every unit's answer kept (issue 14, item 1): the lead's answer and the partners'
contributions per task × quarter × unit, the task's state from the lead only, the JSON key,
and migration 0007 over a database at 0005 with check-ins."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from cchc_desktop.domain.contributions import task_answers
from cchc_desktop.domain.model import CheckIn, Evidence
from cchc_desktop.domain.periods import Period
from cchc_desktop.domain.progress import plan_states
from cchc_desktop.domain.status import Status
from cchc_desktop.errors import UserError, ValidationError
from cchc_desktop.interchange import dump_plan as plan_to_json
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services import checkins
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.storage import open_database
from cchc_desktop.storage.database import Database
from cchc_desktop.storage.migrate import head_revision, upgrade

Q3 = Period.parse("2022-Q3")
WEB = "Ban biên tập Trang TTĐT"
NEWS = "Bản tin KH&CN"
LEAD6 = "Chi cục Tiêu chuẩn - Đo lường - Chất lượng"


def _partner(key: str, unit: str, text: str) -> CheckIn:
    return CheckIn(key, Q3, result=text, unit=unit, reported_by=unit,
                   evidence=[Evidence(f"Tin bài của {unit}")])  # fmt: skip


def test_each_unit_answer_is_kept_and_only_the_lead_counts(db: Database, hai_duong_id: int) -> None:
    pid = hai_duong_id
    checkins.record_checkin(db, pid, _partner("T6", WEB, "Đăng 4 tin trên Trang TTĐT"))
    checkins.record_checkin(db, pid, _partner("T6", NEWS, "Hai số Bản tin có chuyên mục"))
    plan = load_plan(db, pid)
    t6 = plan.task("T6")
    assert t6 is not None
    answers = task_answers(plan, t6, Q3)
    # The lead has not answered: the task is "chưa báo cáo", the partners' words are theirs.
    assert answers.lead is None and answers.missing == [LEAD6]
    assert [(c.unit, c.result) for c in answers.partners] == [
        (WEB, "Đăng 4 tin trên Trang TTĐT"),
        (NEWS, "Hai số Bản tin có chuyên mục"),
    ]
    state = next(s for s in plan_states(plan, Q3) if s.task.key == "T6")
    # Counted from the lead's own answers only: its Q2 answer, nothing in Q3.
    assert state.checkin is not None and str(state.checkin.period) == "2022-Q2"
    assert state.not_reported and not state.reported_in_period

    lead = CheckIn("T6", Q3, Status.IN_PROGRESS, 60, "Chi cục đã hướng dẫn", reported_by=LEAD6)
    checkins.record_checkin(db, pid, lead)
    # Editing a partner's contribution again replaces that unit's answer only.
    checkins.record_checkin(db, pid, _partner("T6", WEB, "Đăng 5 tin"))
    plan = load_plan(db, pid)
    mine = [
        (c.unit, c.status, c.result) for c in plan.checkins if c.task == "T6" and c.period == Q3
    ]
    assert sorted(mine) == sorted([
        ("", Status.IN_PROGRESS, "Chi cục đã hướng dẫn"),
        (WEB, Status.NOT_STARTED, "Đăng 5 tin"),
        (NEWS, Status.NOT_STARTED, "Hai số Bản tin có chuyên mục"),
    ])  # fmt: skip
    state = next(s for s in plan_states(plan, Q3) if s.task.key == "T6")
    assert state.checkin is not None and state.checkin.result == "Chi cục đã hướng dẫn"
    assert state.progress == 60 and state.reported_in_period

    # A unit named as the lead is the lead's answer; a stranger to the task is refused.
    checkins.record_checkin(db, pid, CheckIn("T6", Q3, Status.DONE, 100, "Xong", unit=LEAD6))
    assert task_answers(load_plan(db, pid), t6, Q3).lead.result == "Xong"  # type: ignore[union-attr]
    with pytest.raises(ValidationError) as info:
        checkins.record_checkin(db, pid, CheckIn("T6", Q3, unit="Văn phòng Sở"))
    assert "không chủ trì cũng không phối hợp" in info.value.message

    removed = checkins.delete_checkin(db, pid, "T6", Q3, unit=NEWS)
    assert removed is not None and removed.result == "Hai số Bản tin có chuyên mục"
    left = [c.unit for c in load_plan(db, pid).checkins if c.task == "T6" and c.period == Q3]
    assert sorted(left) == ["", WEB]


def test_json_carries_the_unit_and_old_files_stay_byte_identical(
    db: Database, hai_duong_id: int, tmp_path: Path
) -> None:
    pid = hai_duong_id
    fixture = (
        Path(__file__).parents[1] / "fixtures/plans/ke-hoach-74-skhcn-hai-duong-2022.plan.json"
    )
    # No partner answered: the file is exactly as before the key existed.
    assert plan_to_json(load_plan(db, pid)) == fixture.read_text("utf-8")
    checkins.record_checkin(db, pid, _partner("T1", WEB, "Đăng kế hoạch lên Trang"))
    text = plan_to_json(load_plan(db, pid))
    data = json.loads(text)
    assert [c.get("unit") for c in data["plan"]["checkins"]][-1] == WEB
    path = tmp_path / "p.json"
    path.write_text(text, "utf-8")
    again = read_plan_file(path)
    assert plan_to_json(again) == text  # round trip

    # The same unit twice on one task and quarter is refused with its JSON path.
    data["plan"]["checkins"].append(dict(data["plan"]["checkins"][-1]))
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with pytest.raises(UserError) as info:
        read_plan_file(path)
    n = len(data["plan"]["checkins"]) - 1
    assert f"plan.checkins[{n}]" in str(info.value.detail) + info.value.message
    # A unit not on the task is refused with the key's path.
    data["plan"]["checkins"].pop()
    data["plan"]["checkins"][-1]["unit"] = "Văn phòng Sở"
    data["plan"]["checkins"][-1]["task"] = "T2"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    with pytest.raises(UserError) as info:
        read_plan_file(path)
    assert f"plan.checkins[{n - 1}].unit" in str(info.value.detail) + info.value.message


@pytest.mark.parametrize("previous", ["0004", "0005"])  # main's head before, and before 13
def test_migration_0007_makes_every_checkin_the_lead_units_contribution(
    tmp_path: Path, previous: str
) -> None:
    path = tmp_path / "old.sqlite"
    old = Database.for_path(path)
    upgrade(old, previous)
    old.dispose()
    conn = sqlite3.connect(path)
    conn.executescript("""
        INSERT INTO organization (id, parent, name, abbreviation, place, cutoff_day)
            VALUES (1, '', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'SKHCN', 'Hải Dương', 15);
        INSERT INTO plan (id, organization_id, year, number, symbol, issued_on, doc_type, title,
            archive, signer_authority, signer_title, signer_name, appendix_title, created_at,
            updated_at)
            VALUES (1, 1, 2022, '74', 'KH-SKHCN', '', 'KẾ HOẠCH', 'Tuyên truyền', 'VT', '', '',
                    '', 'PHỤ LỤC', '2022-01-01', '2022-01-01');
        INSERT INTO unit (id, plan_id, position, name, short, kind, active)
            VALUES (1, 1, 0, 'Văn phòng Sở', 'VP', 'unit', 1),
                   (2, 1, 1, 'Ban biên tập Trang TTĐT', '', 'unit', 1);
        INSERT INTO task (id, plan_id, position, key, "group", name, product, timeframe_kind,
            timeframe_label, timeframe_values, target_quantity, target_unit, note)
            VALUES (1, 1, 0, 'T1', '', 'Quán triệt', '', 'year', 'Năm 2022', '', 20, 'tin', ''),
                   (2, 1, 1, 'T2', '', 'Tuyên truyền', '', 'year', 'Năm 2022', '', NULL, '', '');
        INSERT INTO task_unit (task_id, unit_id, role, position)
            VALUES (1, 1, 'lead', 0), (1, 2, 'partner', 0), (2, 2, 'lead', 0);
        INSERT INTO checkin (id, task_id, period, status, progress, result, achieved,
            difficulties, proposals, reported_by_id, reported_on, updated_at, version, edited_by)
            VALUES (1, 1, '2022-Q1', 'in_progress', 40, 'Đã họp', 12, 'Thiếu người', 'Thêm',
                    2, '2022-03-28', '2022-03-28', 3, 'chị Lan'),
                   (2, 1, '2022-Q2', 'done', 100, 'Xong', 20, '', '', NULL, NULL,
                    '2022-06-28', 1, ''),
                   (3, 2, '2022-Q1', 'not_started', 0, '', NULL, '', '', 1, NULL,
                    '2022-03-28', 1, '');
        INSERT INTO evidence (id, checkin_id, position, title, file, original_name)
            VALUES (1, 1, 0, 'Công văn số 45/SKHCN-VP', 'ab.pdf', 'cv45.pdf'),
                   (2, 1, 1, 'Biên bản họp', '', ''),
                   (3, 3, 0, 'Kế hoạch', '', '');
    """)
    conn.commit()
    columns = ", ".join(_CHECKIN_COLUMNS)
    before = conn.execute(f"SELECT {columns} FROM checkin ORDER BY id").fetchall()
    conn.close()

    db = open_database(path)
    backups = list((tmp_path / "backups").glob(f"*truoc-nang-cap-{previous}*.sqlite"))
    assert len(backups) == 1  # backed up first, at the old revision
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == head_revision()
    after = conn.execute(f"SELECT {', '.join(_CHECKIN_COLUMNS)}, unit_id FROM checkin ORDER BY id")
    assert [row[:-1] for row in after.fetchall()] == before
    assert conn.execute("SELECT count(*) FROM checkin WHERE unit_id IS NOT NULL").fetchone() == (0,)
    evidence = conn.execute("SELECT id, checkin_id, title, file FROM evidence ORDER BY id")
    assert evidence.fetchall() == [
        (1, 1, "Công văn số 45/SKHCN-VP", "ab.pdf"),
        (2, 1, "Biên bản họp", ""),
        (3, 3, "Kế hoạch", ""),
    ]
    triggers = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {
        "checkin_insert_changed",
        "checkin_update_changed",
        "checkin_delete_changed",
    } <= triggers
    conn.close()

    plan = load_plan(db, 1)
    t1 = plan.task("T1")
    assert t1 is not None
    first = task_answers(plan, t1, Period.parse("2022-Q1"))
    assert first.lead is not None and first.partners == []
    assert first.missing == ["Ban biên tập Trang TTĐT"]  # the partner has not answered
    assert (first.lead.result, first.lead.reported_by, first.lead.achieved) == (
        "Đã họp", "Ban biên tập Trang TTĐT", 12
    )  # fmt: skip
    assert [e.original_name for e in first.lead.evidence] == ["cv45.pdf", ""]
    # The new key admits a partner's answer beside the lead's for the same quarter.
    checkins.record_checkin(db, 1, CheckIn("T1", Period.parse("2022-Q1"), result="Đăng tin",
                                           unit="Ban biên tập Trang TTĐT"))  # fmt: skip
    again = task_answers(load_plan(db, 1), t1, Period.parse("2022-Q1"))
    assert again.lead is not None and again.lead.result == "Đã họp"
    assert [c.result for c in again.partners] == ["Đăng tin"]
    db.dispose()


_CHECKIN_COLUMNS = (
    "id", "task_id", "period", "status", "progress", "result", "achieved", "difficulties",
    "proposals", "reported_by_id", "reported_on", "updated_at", "version", "edited_by",
)  # fmt: skip
