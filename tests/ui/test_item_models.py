"""Every table model of the window passes qtmodeltester and shows what it should."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from cchc_desktop.domain.model import Evidence, Paragraph, ParagraphStyle, Recipient
from cchc_desktop.domain.periods import Period
from cchc_desktop.services.plan_read import list_plans

from cchc_desktop.ui.dialogs.unit_picker_dialog import UnitChoiceModel
from cchc_desktop.ui.models.checkin_table_model import (
    COL_PROGRESS,
    COL_STATUS,
    CheckinTableModel,
)
from cchc_desktop.ui.models.list_models import (
    EvidenceListModel,
    ParagraphListModel,
    RecipientListModel,
)
from cchc_desktop.ui.models.plan_list_model import PlanListModel
from cchc_desktop.ui.models.section_tree_model import SectionTreeModel
from cchc_desktop.ui.models.task_filter_proxy import TaskFilterProxy
from cchc_desktop.ui.models.task_table_model import (
    COL_LEAD,
    COL_NAME,
    COL_STT,
    COL_TIMEFRAME,
    TaskTableModel,
)
from cchc_desktop.ui.models.unit_table_model import COL_KIND, COL_TASKS, UnitTableModel
from cchc_desktop.ui.plan_document import PlanDocument

pytestmark = pytest.mark.gui


@pytest.fixture
def doc(qapp, db, hai_duong_id):  # type: ignore[no-untyped-def]
    document = PlanDocument(db)
    document.open(hai_duong_id)
    return document


def test_task_table_model(qtmodeltester, doc) -> None:  # type: ignore[no-untyped-def]
    model = TaskTableModel(doc)
    qtmodeltester.check(model)
    assert model.rowCount() == 6
    assert model.data(model.index(0, COL_STT)) == "1"
    assert model.data(model.index(0, COL_NAME)).startswith("Tăng cường tuyên truyền")
    assert model.data(model.index(0, COL_LEAD)) == "Văn phòng Sở"
    assert model.data(model.index(1, COL_TIMEFRAME)) == "Năm 2022"
    assert model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "Nhiệm vụ"


def test_task_filter_proxy(qtmodeltester, doc) -> None:  # type: ignore[no-untyped-def]
    model = TaskTableModel(doc)
    proxy = TaskFilterProxy(model)
    qtmodeltester.check(proxy)
    proxy.set_query("kiem soat")
    qtmodeltester.check(proxy)
    assert proxy.rowCount() == 1
    assert proxy.data(proxy.index(0, COL_STT)) == "3"  # the appendix number stays
    proxy.set_unit("Chi cục Tiêu chuẩn - Đo lường - Chất lượng")
    assert proxy.rowCount() == 0
    proxy.set_query("")
    assert proxy.rowCount() == 1
    assert proxy.data(proxy.index(0, COL_NAME)).startswith("Tuyên truyền các nội dung về áp dụng")


def test_section_tree_model(qtmodeltester, doc) -> None:  # type: ignore[no-untyped-def]
    model = SectionTreeModel(doc)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    first = model.index(0, 0)
    assert model.data(first) == "I. MỤC ĐÍCH VÀ YÊU CẦU"
    assert model.data(model.index(1, 0, first)) == "2. Yêu cầu"
    forms = model.index(2, 0, model.index(1, 0))
    assert model.rowCount(forms) == 4
    assert model.data(model.index(3, 0, forms)).startswith("d) Tuyên truyền")
    assert model.parent(model.index(0, 0, forms)) == forms


def test_list_models(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    stored: list[object] = []
    paragraphs = ParagraphListModel(lambda items: stored.append(items) or True)
    paragraphs.set_items([Paragraph("Mở đầu"), Paragraph("Ý một", ParagraphStyle.DASH)])
    qtmodeltester.check(paragraphs)
    assert paragraphs.data(paragraphs.index(1, 0)) == "Gạch đầu dòng (-)"
    assert paragraphs.setData(paragraphs.index(1, 1), "Ý một sửa")
    assert stored[-1][1].text == "Ý một sửa"  # type: ignore[index]
    recipients = RecipientListModel(lambda items: True)
    recipients.set_items([Recipient("UBND tỉnh", "để b/c")])
    qtmodeltester.check(recipients)
    assert recipients.data(recipients.index(0, 1)) == "để b/c"
    evidence = EvidenceListModel(lambda items: True)
    evidence.set_items([Evidence("Công văn số 45/SKHCN-VP")])
    qtmodeltester.check(evidence)


def test_unit_table_model(qtmodeltester, doc) -> None:  # type: ignore[no-untyped-def]
    model = UnitTableModel(doc)
    qtmodeltester.check(model)
    assert model.data(model.index(0, 0)) == "Văn phòng Sở"
    assert model.data(model.index(0, COL_TASKS)) == 3
    assert model.data(model.index(5, COL_KIND)) == "Nhóm đơn vị"


def test_checkin_table_model(qtmodeltester, doc, today) -> None:  # type: ignore[no-untyped-def]
    model = CheckinTableModel(doc, lambda: today)
    model.set_scope(Period.parse("2022-Q2"), None)
    qtmodeltester.check(model)
    assert model.rowCount() == 6
    assert model.data(model.index(1, COL_STATUS)) == "Hoàn thành"
    assert model.data(model.index(0, COL_PROGRESS)) == "50%"
    background = model.data(model.index(1, COL_STATUS), Qt.ItemDataRole.BackgroundRole)
    assert background.color().name().upper() == "#C6EFCE"  # the shared palette
    model.set_scope(Period.parse("2022-Q3"), "Văn phòng Sở")
    qtmodeltester.check(model)
    assert model.rowCount() == 3  # Văn phòng Sở leads three tasks, partners none
    assert {model.data(model.index(r, COL_STATUS)) for r in range(model.rowCount())} == {
        "Chưa báo cáo"
    }


def test_plan_list_and_unit_choice_models(qtmodeltester, db, hai_duong_id) -> None:  # type: ignore[no-untyped-def]
    plans = PlanListModel()
    plans.set_items(list_plans(db))
    qtmodeltester.check(plans)
    assert plans.data(plans.index(0, 1)) == "74/KH-SKHCN"
    from cchc_desktop.services.plan_read import load_plan

    units = load_plan(db, hai_duong_id).units
    choice = UnitChoiceModel(units, ["Văn phòng Sở"])
    qtmodeltester.check(choice)
    assert choice.selected() == ["Văn phòng Sở"]
    choice.toggle(1)
    assert choice.selected() == ["Văn phòng Sở", "Trung tâm Đo lường, Thử nghiệm và TTKH"]
    assert QModelIndex().isValid() is False


def test_resolve_follows_remapped_ids_and_stops_on_a_cycle(doc) -> None:  # type: ignore[no-untyped-def]
    from cchc_desktop.ui.plan_document import IdKind

    doc.remap(IdKind.TASK, 1, 2)
    doc.remap(IdKind.TASK, 2, 3)
    assert doc.resolve(IdKind.TASK, 1) == 3
    assert doc.resolve(IdKind.UNIT, 1) == 1  # kinds are apart
    doc.remap(IdKind.TASK, 3, 1)  # undo, redo, undo: back to an id already seen
    assert doc.resolve(IdKind.TASK, 1) == 1  # it ends (no step limit), where it came back
