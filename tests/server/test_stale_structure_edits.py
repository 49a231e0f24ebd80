"""The same checks on both engines with two connections (issue 19, item 2, third round):
one clerk's window (a PlanDocument on its own connection) and another clerk (services on a
second connection to the same database). A stale edit, move or delete is refused with the
Vietnamese message showing both values and the plan reloaded; an undo over the other
clerk's change is refused cleanly and leaves the other clerk's work as stored."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from cchc_desktop.domain.model import Paragraph, Recipient, SectionKind, Unit
from cchc_desktop.domain.periods import Period
from cchc_desktop.errors import ConflictError
from cchc_desktop.interchange import read_plan_file
from cchc_desktop.services import plan_edit, reports, sections, tasks, units
from cchc_desktop.services.plan_read import load_plan
from cchc_desktop.services.plan_store import save_new_plan
from cchc_desktop.storage import open_database
from cchc_desktop.storage.database import Database
from tests.conftest import HAI_DUONG

pytestmark = pytest.mark.gui
H1 = Period.parse("2022-H1")


@pytest.fixture
def two_clerks(engine_db: str, qapp) -> Iterator[tuple[object, Database]]:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.plan_document import PlanDocument

    mine, theirs = open_database(engine_db), open_database(engine_db, migrate=False)
    plan_id = save_new_plan(mine, read_plan_file(HAI_DUONG))
    doc = PlanDocument(mine)
    doc.open(plan_id)
    doc.refusals = []  # type: ignore[attr-defined]
    doc.refused.connect(doc.refusals.append)  # type: ignore[attr-defined]
    yield doc, theirs
    mine.dispose()
    theirs.dispose()


def _says(doc: object, *parts: str) -> None:
    message = doc.refusals[-1]  # type: ignore[attr-defined]
    for part in parts:
        assert part in message, message


def test_section_kind_body_and_their_undo(two_clerks) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.commands.section_commands import SetSectionBody, SetSectionKind

    doc, theirs = two_clerks
    section = doc.plan.sections[0].children[0]
    # Another clerk writes the text; my edit over what I saw is refused, theirs shown.
    sections.set_section_body(theirs, section.id, [Paragraph("Đoạn của người khác")])
    assert not doc.execute(SetSectionBody(doc, section.id, [Paragraph("Đoạn của tôi")]))
    _says(
        doc,
        "Nội dung mục",
        "vừa được người khác sửa trước bạn",
        "Bản đang lưu: Đoạn của người khác",
        "Bản của bạn: Đoạn của tôi",
        "Hãy tải lại",
    )
    assert [p.text for p in doc.find_section(section.id).body] == [
        "Đoạn của người khác"
    ]  # reloaded
    # Now on the fresh text: stored; the other clerk changes it again; my undo is refused.
    assert doc.execute(SetSectionBody(doc, section.id, [Paragraph("Đoạn của tôi")]))
    sections.set_section_body(theirs, section.id, [Paragraph("Sửa lần hai")])
    doc.undo_stack.undo()
    _says(doc, "Bản đang lưu: Sửa lần hai", "Bản của bạn: Đoạn của người khác")
    stored = load_plan(theirs, doc.plan_id).sections[0].children[0]
    assert [p.text for p in stored.body] == ["Sửa lần hai"]
    # The kind: undo of my own change with nobody between goes through; over theirs, not.
    assert doc.execute(SetSectionKind(doc, section.id, SectionKind.ITEM))
    doc.undo_stack.undo()
    assert load_plan(theirs, doc.plan_id).sections[0].children[0].kind is SectionKind.HEADING
    doc.undo_stack.redo()
    sections.set_section_kind(theirs, section.id, SectionKind.HEADING)
    doc.undo_stack.undo()
    _says(doc, "Bản đang lưu: có tiêu đề", "Bản của bạn: có tiêu đề")
    with pytest.raises(ConflictError):  # the service alone, as a script would call it
        sections.set_section_kind(theirs, section.id, SectionKind.ITEM, expected=SectionKind.ITEM)


def test_moves_of_sections_and_tasks_and_their_undo(two_clerks) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.commands.section_commands import MoveSection
    from cchc_desktop.ui.commands.task_commands import MoveTask

    doc, theirs = two_clerks
    tops = [s.id for s in doc.plan.sections]
    sections.move_section(theirs, tops[2], -1)  # the other clerk reorders first
    assert not doc.execute(MoveSection(doc, tops[1], "up"))
    _says(doc, "Vị trí của mục", "Bản đang lưu: mục thứ 3 ở cấp cao nhất",
          "Bản của bạn: mục thứ 2 ở cấp cao nhất")  # fmt: skip
    assert [s.id for s in doc.plan.sections][:3] == [tops[0], tops[2], tops[1]]  # reloaded
    assert doc.execute(MoveSection(doc, tops[1], "up"))
    sections.move_section(theirs, tops[1], 1)  # they move it back down
    doc.undo_stack.undo()
    _says(doc, "Vị trí của mục")
    assert [s.id for s in load_plan(theirs, doc.plan_id).sections][:3] == [
        tops[0], tops[2], tops[1]
    ]  # fmt: skip
    # Tasks: a move over another clerk's reorder is refused; an undo after theirs too.
    keys = [t.key for t in doc.plan.tasks]
    t1 = doc.plan.tasks[0].id
    tasks.move_task(theirs, doc.plan.tasks[3].id, 0)
    assert not doc.execute(MoveTask(doc, t1, 4))
    _says(doc, f"Vị trí của nhiệm vụ “{keys[0]}”", "Bản đang lưu: dòng 2", "Bản của bạn: dòng 1")
    assert doc.execute(MoveTask(doc, t1, 4))
    tasks.move_task(theirs, t1, 2)
    doc.undo_stack.undo()
    _says(doc, "Bản đang lưu: dòng 3", "Bản của bạn: dòng 5")
    assert [t.key for t in load_plan(theirs, doc.plan_id).tasks].index(keys[0]) == 2


def test_deletes_refused_over_changes_and_said_when_gone(two_clerks) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.commands.section_commands import DeleteSection
    from cchc_desktop.ui.commands.task_commands import DeleteTask
    from cchc_desktop.ui.commands.unit_commands import AddUnit, DeleteUnit

    doc, theirs = two_clerks
    section = doc.plan.sections[0].children[1]
    sections.rename_section(theirs, section.id, "Tên mới của người khác")
    assert not doc.execute(DeleteSection(doc, section.id))
    _says(
        doc,
        "vừa được người khác sửa sau khi bạn mở nên chưa bị xóa",
        "Bản đang lưu: Tên mới của người khác",
        f"Bản bạn đã xem: {section.heading[:40]}",
    )
    assert doc.find_section(section.id).heading == "Tên mới của người khác"
    sections.delete_section(theirs, section.id)
    assert not doc.execute(DeleteSection(doc, section.id))
    _says(doc, "Mục đã bị người khác xóa trước bạn; không còn gì để xóa.")
    # My own delete, undone: put back; the other clerk deletes its parent; redo is clean.
    child = doc.plan.sections[1].children[0]
    assert doc.execute(DeleteSection(doc, child.id))
    doc.undo_stack.undo()
    assert doc.find_section(doc.plan.sections[1].children[0].id).heading == child.heading
    sections.delete_section(theirs, doc.plan.sections[1].id)
    doc.undo_stack.redo()
    _says(doc, "Mục đã bị người khác xóa trước bạn")
    # A task another clerk answered since: not deleted (their answer would go with it).
    from cchc_desktop.domain.model import CheckIn
    from cchc_desktop.services.checkins import record_checkin

    task = doc.plan.tasks[0]
    record_checkin(theirs, doc.plan_id, CheckIn(task.key, Period.parse("2022-Q2")))
    assert not doc.execute(DeleteTask(doc, task.id))
    _says(doc, f"Nhiệm vụ “{task.key}”", "chưa bị xóa", "(lần sửa 2)", "(lần sửa 1)")
    assert task.key in [t.key for t in load_plan(theirs, doc.plan_id).tasks]
    # Undo of my delete after another clerk gave the key to a new task: refused.
    other = doc.plan.tasks[1]
    assert doc.execute(DeleteTask(doc, other.id))
    clone = load_plan(theirs, doc.plan_id).tasks[0]
    clone.key, clone.id, clone.name = other.key, None, "Nhiệm vụ mới của người khác"
    tasks.add_task(theirs, doc.plan_id, clone)
    doc.undo_stack.undo()
    _says(doc, f"Mã nhiệm vụ “{other.key}”", "Bản đang lưu: Nhiệm vụ mới của người khác")
    # Units: an added unit renamed by another clerk is not deleted by my undo.
    assert doc.execute(AddUnit(doc, Unit("Tổ tạm thời")))
    unit_id = next(u.id for u in doc.plan.units if u.name == "Tổ tạm thời")
    units.update_unit(theirs, unit_id, name="Tổ của người khác")
    doc.undo_stack.undo()
    _says(doc, "Đơn vị “Tổ tạm thời”", "Bản đang lưu: Tổ của người khác")
    assert "Tổ của người khác" in [u.name for u in load_plan(theirs, doc.plan_id).units]
    units.delete_unit(theirs, unit_id)
    assert not doc.execute(DeleteUnit(doc, unit_id))
    _says(doc, "Đơn vị đã bị người khác xóa trước bạn; không còn gì để xóa.")


def test_recipients_paragraphs_and_report(two_clerks) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.commands.plan_commands import SetParagraphs, SetRecipients

    doc, theirs = two_clerks
    seen = list(doc.plan.recipients)
    plan_edit.set_recipients(theirs, doc.plan_id, [*seen, Recipient("Sở Nội vụ")])
    assert not doc.execute(SetRecipients(doc, [*seen, Recipient("Sở Tài chính")]))
    _says(doc, "Nơi nhận của kế hoạch vừa được người khác sửa", "Sở Nội vụ", "Sở Tài chính")
    assert doc.plan.recipients[-1].name == "Sở Nội vụ"  # reloaded
    assert doc.execute(SetRecipients(doc, [*doc.plan.recipients, Recipient("Sở Tài chính")]))
    doc.undo_stack.undo()  # nobody between: undone
    assert [r.name for r in load_plan(theirs, doc.plan_id).recipients][-1] == "Sở Nội vụ"
    assert doc.execute(SetParagraphs(doc, "closing", [Paragraph("Kết của tôi")]))
    plan_edit.set_paragraphs(theirs, doc.plan_id, "closing", [Paragraph("Kết của người khác")])
    doc.undo_stack.undo()
    _says(doc, "Phần kết thúc của kế hoạch", "Bản đang lưu: Kết của người khác")
    assert [p.text for p in load_plan(theirs, doc.plan_id).closing] == ["Kết của người khác"]
    # The report record: the version moves with each save; a stale save is refused.
    record = reports.get_report(theirs, doc.plan_id, H1)
    assert record.version == 0
    record.number = "15"
    reports.save_report(theirs, doc.plan_id, record, expected_version=0)
    assert record.version == 1
    late = reports.get_report(doc.db, doc.plan_id, H1)
    record.number = "16"
    reports.save_report(theirs, doc.plan_id, record, expected_version=1)
    late.number = "99"
    with pytest.raises(ConflictError) as refused:
        reports.save_report(doc.db, doc.plan_id, late, expected_version=late.version)
    message = refused.value.message
    assert "Báo cáo 6 tháng đầu năm 2022 vừa được người khác" in message
    assert "Bản đang lưu: số 16" in message and "Bản của bạn: số 99" in message
    assert reports.get_report(theirs, doc.plan_id, H1).number == "16"


def test_undo_of_a_rename_or_task_edit_after_the_window_showed_theirs(two_clerks) -> None:  # type: ignore[no-untyped-def]
    """The change watcher refreshes the window to the other clerk's edit; my undo must still
    be refused (it is checked against what my command stored, not against what is shown)."""
    import copy

    from cchc_desktop.ui.commands.section_commands import RenameSection
    from cchc_desktop.ui.commands.task_commands import UpdateTask

    doc, theirs = two_clerks
    section = doc.plan.sections[0]
    assert doc.execute(RenameSection(doc, section.id, "Tên của tôi"))
    sections.rename_section(theirs, section.id, "Tên của người khác")
    doc.refresh_from_database()
    assert doc.find_section(section.id).heading == "Tên của người khác"  # shown
    doc.undo_stack.undo()
    _says(doc, "Bản đang lưu: Tên của người khác")
    assert load_plan(theirs, doc.plan_id).sections[0].heading == "Tên của người khác"

    task = copy.deepcopy(doc.plan.tasks[0])
    task.name = "Nhiệm vụ sửa bởi tôi"
    assert doc.execute(UpdateTask(doc, task.id, task))
    theirs_task = load_plan(theirs, doc.plan_id).tasks[0]
    theirs_task.name = "Nhiệm vụ sửa bởi người khác"
    tasks.update_task(theirs, theirs_task.id, theirs_task)
    doc.refresh_from_database()
    assert doc.plan.tasks[0].name == "Nhiệm vụ sửa bởi người khác"  # shown
    doc.undo_stack.undo()
    assert doc.refusals  # type: ignore[attr-defined]
    assert load_plan(theirs, doc.plan_id).tasks[0].name == "Nhiệm vụ sửa bởi người khác"
