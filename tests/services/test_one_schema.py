"""One schema, one mapping: the tables are defined once (``domain.entities``), the fast
reader selects every column of them and the bulk inserter writes the mapping's values with
the table's defaults for the rest; so a new column needs the table, the aggregate and the
mapping, and nothing in ``plan_read`` or ``plan_store``."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Column, MetaData, String, text
from sqlmodel import SQLModel

from cchc_desktop.domain import entities as E
from cchc_desktop.domain.model import (
    CheckIn,
    Evidence,
    Organization,
    Paragraph,
    Plan,
    Section,
    Task,
    Unit,
)
from cchc_desktop.domain.periods import Period
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services import mapping, plan_read, plan_store
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import open_database

ALL_TIMEFRAMES = Path(__file__).parents[1] / "fixtures" / "plans" / "all-timeframes.plan.json"

# Each ``*_values`` of the mapping, one object of its aggregate type, and its table.
VALUES: list[tuple[str, dict[str, Any], type[SQLModel]]] = [
    ("organization", mapping.organization_values(Organization()), E.OrganizationRow),
    ("plan", mapping.plan_values(Plan(Organization(), 2022, "KH-X", "T")), E.PlanRow),
    ("unit", mapping.unit_values(Unit("Phòng A")), E.UnitRow),
    ("section", mapping.section_values(Section("I. MỤC ĐÍCH")), E.SectionRow),
    ("paragraph", mapping.paragraph_values(Paragraph("Nội dung")), E.ParagraphRow),
    ("task", mapping.task_values(Task("T1", "Nhiệm vụ")), E.TaskRow),
    (
        "checkin",
        mapping.checkin_values(CheckIn("T1", Period.parse("2022-Q1")), None),
        E.CheckInRow,
    ),
    ("evidence", mapping.evidence_values(Evidence("Báo cáo")), E.EvidenceRow),
]


@pytest.mark.parametrize(("name", "values", "table"), VALUES, ids=[v[0] for v in VALUES])
def test_the_mapping_names_only_columns_of_its_table(
    name: str, values: dict[str, Any], table: type[SQLModel]
) -> None:
    columns = set(table.__table__.c.keys())  # type: ignore[attr-defined]
    assert str(table.__tablename__) == name
    assert values and set(values) <= columns


def test_reader_and_writer_modules_name_no_column_of_their_own() -> None:
    # The reader selects ``t.*``; the inserter spells only the structural columns.
    source = Path(plan_read.__file__).read_text("utf-8")
    for column in ("timeframe_kind", "difficulties", "signer_name", "abbreviation"):
        assert column not in source
        assert column not in Path(plan_store.__file__).read_text("utf-8")


@pytest.fixture
def scratch_schema(monkeypatch: pytest.MonkeyPatch) -> MetaData:
    """A copy of the schema whose ``task`` table has one more column, ``origin`` (what a
    change of the table definition would give), installed as the inserter's schema."""
    scratch = MetaData()
    for table in SQLModel.metadata.sorted_tables:
        table.to_metadata(scratch)
    scratch.tables["task"].append_column(
        Column("origin", String, nullable=False, default="nhập tay")
    )
    monkeypatch.setattr(plan_store, "SCHEMA", scratch)
    return scratch


def _scratch_database(tmp_path: Path) -> Any:
    db = open_database(tmp_path / "scratch.sqlite")
    with db.engine.begin() as c:  # what the migration of that column would do
        c.execute(text("ALTER TABLE task ADD COLUMN origin VARCHAR NOT NULL DEFAULT ''"))
    return db


def test_a_new_column_is_written_with_its_default_and_read_by_the_reader(
    scratch_schema: MetaData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _scratch_database(tmp_path)
    source = read_plan_file(ALL_TIMEFRAMES)
    plan_id = save_new_plan(db, source)
    with db.engine.connect() as c:
        stored = c.execute(text("SELECT DISTINCT origin FROM task")).scalars().all()
    assert stored == ["nhập tay"]  # the inserter took the column from the definition

    seen: list[str] = []
    original = plan_read.tasks_from_rows

    def spy(columns: tuple[str, ...], rows: list[Any], *names: Any) -> list[Task]:
        seen.extend(row[columns.index("origin")] for row in rows)
        return original(columns, rows, *names)

    monkeypatch.setattr(plan_read, "tasks_from_rows", spy)
    plan = load_plan(db, plan_id)
    assert seen == ["nhập tay"] * len(source.tasks)  # the mapping is handed the column
    assert [t.key for t in plan.tasks] == [t.key for t in source.tasks]
    db.dispose()


def test_a_new_column_in_the_mapping_is_stored_without_touching_the_inserter(
    scratch_schema: MetaData, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = _scratch_database(tmp_path)

    def task_values(task: Task) -> dict[str, Any]:  # the mapping, one line longer
        return mapping.task_values(task) | {"origin": f"từ {task.key}"}

    monkeypatch.setattr(plan_store, "task_values", task_values)
    source = read_plan_file(ALL_TIMEFRAMES)
    save_new_plan(db, source)
    with db.engine.connect() as c:
        rows = c.execute(text("SELECT key, origin FROM task ORDER BY position")).all()
    assert [tuple(r) for r in rows] == [(t.key, f"từ {t.key}") for t in source.tasks]
    db.dispose()
