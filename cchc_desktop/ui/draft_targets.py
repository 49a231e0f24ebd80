"""The fields whose typing is kept as a draft, and how a draft is put back into each.

- a check-in (``drafts.CHECKIN``, id: task key, quarter, unit ""): "Kết quả", "Khó khăn",
  "Đề xuất" of the side form, and the "Kết quả" cell of the check-in table;
- a task (``drafts.TASK``, id: the task's database id): the name and product cells;
- a section (``drafts.SECTION``, id: its database id): a paragraph of its body,
  field ``body.<row>``;
- the plan (``drafts.PLAN``, id: its database id): "Trích yếu" and a paragraph of the
  opening or closing part (``preamble.<row>``, ``closing.<row>``) of "Thông tin kế hoạch".

Tabs are built when first shown: their editors are watched from then on
(:func:`attach`); the kinds are known from the start, so that drafts can be offered
before any tab is built. Tab modules are imported here only for type checking (start-up
path, ``tests/ui/test_startup_path.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QStyledItemDelegate, QWidget

from cchc_desktop.domain.periods import Period
from cchc_desktop.services.drafts import (
    CHECKIN,
    PLAN,
    SECTION,
    TASK,
    Draft,
    DraftKey,
    checkin_key,
)

from cchc_desktop.ui.text_drafts import DraftContext, RecordKind, TextDraft, TextEditor

if TYPE_CHECKING:
    from cchc_desktop.ui.drafts import DraftKeeper
    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.tabs.checkins_tab import CheckinsTab
    from cchc_desktop.ui.tabs.content_tab import ContentTab
    from cchc_desktop.ui.tabs.tasks_tab import TasksTab
    from cchc_desktop.ui.widgets.contributions_panel import ContributionBox
    from cchc_desktop.ui.widgets.delegates import LineDelegate, TextDelegate
    from cchc_desktop.ui.widgets.editors import CommitTextEdit

Index = QModelIndex | QPersistentModelIndex

FIELD_LABELS = {
    "result": "Kết quả",
    "difficulties": "Khó khăn, vướng mắc",
    "proposals": "Đề xuất, kiến nghị",
    "name": "Tên nhiệm vụ",
    "product": "Sản phẩm",
}
FORM_FIELDS = ("result", "difficulties", "proposals")
BODY = "body."
EVIDENCE = "evidence."


def _short(text: str, limit: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


class CellDraft(QObject):
    """A table cell's editor: watched while it is open; closing it (the text stored, or
    given up with Esc) ends the draft."""

    def __init__(
        self,
        keeper: DraftKeeper,
        delegate: QStyledItemDelegate,
        editor: TextEditor,
        context: DraftContext,
        base: str,
    ) -> None:
        super().__init__(editor)
        self._editor = editor
        self._delegate = delegate
        self.watcher = TextDraft(keeper, editor, lambda: base, lambda: context)
        delegate.closeEditor.connect(self._on_close)

    def _on_close(self, editor: QWidget, *_hint: Any) -> None:
        if editor is self._editor:
            self._delegate.closeEditor.disconnect(self._on_close)
            self.watcher.finished()


def watch_cells(
    keeper: DraftKeeper,
    delegate: TextDelegate | LineDelegate,
    context: Callable[[Index], DraftContext | None],
) -> None:
    def on_editor(editor: Any, index: Index) -> None:
        found = context(index)
        if found is not None:
            base = str(index.data(Qt.ItemDataRole.EditRole) or "")
            CellDraft(keeper, delegate, editor, found, base)

    delegate.on_editor = on_editor


def editor_stored(editor: CommitTextEdit) -> Callable[[], str]:
    return lambda: editor.stored


def field_context(
    context: Callable[[str], DraftContext | None], name: str
) -> Callable[[], DraftContext | None]:
    return lambda: context(name)


def partner_context(
    context: Callable[..., DraftContext | None], name: str, unit: str
) -> Callable[[], DraftContext | None]:
    return lambda: context(name, unit=unit)


# -- check-ins ---------------------------------------------------------------------------
class CheckinDrafts:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def stored(self, draft: Draft) -> str | None:
        doc = self.window.doc
        task, period, unit = draft.key.id
        if doc.plan is None or not any(t.key == task for t in doc.plan.tasks):
            return None
        checkin = doc.checkin(task, Period.parse(period), unit)
        if draft.key.field.startswith(EVIDENCE):
            row = int(draft.key.field[len(EVIDENCE) :])
            items = checkin.evidence if checkin is not None else []
            return items[row].title if 0 <= row < len(items) else None
        return str(getattr(checkin, draft.key.field, "")) if checkin is not None else ""

    def restore(self, draft: Draft) -> bool:
        task, period, unit = draft.key.id
        field = draft.key.field
        if self.stored(draft) is None:
            return False
        if field not in FORM_FIELDS and not field.startswith(EVIDENCE):
            return False
        window = self.window
        tab = window.checkins_tab
        window.tabs.setCurrentWidget(tab)
        tab.set_state_filter(None, "")
        tab.unit_filter.setCurrentIndex(0)
        tab.set_period(Period.parse(period))
        tab.select_task_key(task)
        if tab.current_key != task or str(tab.current_period) != period:
            return False
        if field.startswith(EVIDENCE):  # one title of the list: an edit of the list
            model = tab.form.evidence
            row = int(field[len(EVIDENCE) :])
            return bool(model.setData(model.index(row, 0), draft.text))
        if unit:
            box = tab.contributions.box(unit)
            if box is None or field not in box.editors:
                return False
            editor = box.editors[field]
        else:
            editor = getattr(tab.form, field)
        editor.setFocus()
        editor.setPlainText(draft.text)
        editor.commit()  # stored as if typed and left: one command on the undo stack
        return True

    def attach(self, keeper: DraftKeeper, tab: CheckinsTab) -> None:
        from cchc_desktop.ui.models.checkin_table_model import COL_RESULT, COL_STT

        def context(field: str, row: int | None = None, unit: str = "") -> DraftContext | None:
            plan, period = self.window.doc.plan, tab.current_period
            key = tab.current_key if row is None else tab.model.state(row).task.key
            if plan is None or plan.id is None or period is None or key is None:
                return None
            source = row if row is not None else tab.model.row_of(key)
            number = tab.model.data(tab.model.index(source, COL_STT)) if source is not None else ""
            name = next((t.name for t in plan.tasks if t.key == key), "")
            what = (
                f"Kiểm chứng, dòng {int(field[len(EVIDENCE) :]) + 1}"
                if field.startswith(EVIDENCE)
                else FIELD_LABELS[field]
            )
            whose = f" — phối hợp: {unit}" if unit else ""
            label = f"Nhiệm vụ {number}. {_short(name)} — {period.short_label()}{whose} — {what}"
            return DraftContext(checkin_key(plan.id, key, str(period), unit, field), label)

        for name in FORM_FIELDS:
            editor: CommitTextEdit = getattr(tab.form, name)
            watcher = keeper.watch(editor, editor_stored(editor), field_context(context, name))
            editor.committed.connect(watcher.finished)
        delegate = tab.table.itemDelegateForColumn(COL_RESULT)
        watch_cells(
            keeper, delegate,  # type: ignore[arg-type]
            lambda index: context("result", tab.proxy.mapToSource(index).row()),
        )  # fmt: skip

        def on_box(box: ContributionBox) -> None:  # a partner unit's answer (issue 14)
            for name, editor in box.editors.items():
                watcher = keeper.watch(
                    editor, editor_stored(editor), partner_context(context, name, box.unit)
                )
                editor.committed.connect(watcher.finished)

        tab.contributions.on_box = on_box
        for box in tab.contributions.boxes:
            on_box(box)
        evidence = tab.form.evidence_editor.view.itemDelegateForColumn(0)
        watch_cells(
            keeper, evidence,  # type: ignore[arg-type]
            lambda index: context(f"{EVIDENCE}{index.row()}"),
        )  # fmt: skip


# -- tasks -------------------------------------------------------------------------------
class TaskDrafts:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _task(self, draft: Draft) -> Any:
        plan = self.window.doc.plan
        ident = int(draft.key.id[0])
        return next((t for t in plan.tasks if t.id == ident), None) if plan else None

    def stored(self, draft: Draft) -> str | None:
        task = self._task(draft)
        return None if task is None else str(getattr(task, draft.key.field, ""))

    def restore(self, draft: Draft) -> bool:
        from cchc_desktop.ui.models.task_table_model import COL_NAME, COL_PRODUCT

        column = {"name": COL_NAME, "product": COL_PRODUCT}.get(draft.key.field)
        task = self._task(draft)
        if column is None or task is None:
            return False
        tab = self.window.tasks_tab
        self.window.tabs.setCurrentWidget(tab)
        row = next(r for r in range(tab.model.rowCount()) if tab.model.task(r).id == task.id)
        return bool(tab.model.setData(tab.model.index(row, column), draft.text))

    def attach(self, keeper: DraftKeeper, tab: TasksTab) -> None:
        from cchc_desktop.ui.models.task_table_model import COL_NAME, COL_PRODUCT, COL_STT

        fields = {COL_NAME: "name", COL_PRODUCT: "product"}

        def context(index: Index) -> DraftContext | None:
            plan = self.window.doc.plan
            source = tab.proxy.mapToSource(index)
            field = fields.get(source.column())
            if plan is None or plan.id is None or field is None:
                return None
            task = tab.model.task(source.row())
            number = tab.model.data(tab.model.index(source.row(), COL_STT))
            label = f"Nhiệm vụ {number}. {_short(task.name)} — {FIELD_LABELS[field]}"
            return DraftContext(DraftKey(plan.id, TASK, (str(task.id),), field), label)

        delegate = tab.table.itemDelegateForColumn(COL_NAME)
        watch_cells(keeper, delegate, context)  # type: ignore[arg-type]


# -- sections ----------------------------------------------------------------------------
class SectionDrafts:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def _place(self, draft: Draft) -> tuple[Any, int] | None:
        doc = self.window.doc
        if doc.plan is None or not draft.key.field.startswith(BODY):
            return None
        section = doc.find_section(int(draft.key.id[0]))
        row = int(draft.key.field[len(BODY) :])
        if section is None or not 0 <= row < len(section.body):
            return None
        return section, row

    def stored(self, draft: Draft) -> str | None:
        place = self._place(draft)
        return None if place is None else str(place[0].body[place[1]].text)

    def restore(self, draft: Draft) -> bool:
        place = self._place(draft)
        if place is None:
            return False
        section, row = place
        tab = self.window.content_tab
        self.window.tabs.setCurrentWidget(tab)
        tab.select_section(section.id)
        if tab.current_section_id != section.id:
            return False
        model = tab.paragraphs
        return bool(model.setData(model.index(row, model.COL_TEXT), draft.text))

    def attach(self, keeper: DraftKeeper, tab: ContentTab) -> None:
        def context(index: Index) -> DraftContext | None:
            plan, section_id = self.window.doc.plan, tab.current_section_id
            if plan is None or plan.id is None or section_id is None:
                return None
            number = tab.model.number(section_id)
            heading = tab.model.section(section_id).heading
            label = f"Mục {number} {_short(heading, 70)} — đoạn {index.row() + 1}"
            key = DraftKey(plan.id, SECTION, (str(section_id),), f"{BODY}{index.row()}")
            return DraftContext(key, label)

        delegate = tab.editor.view.itemDelegateForColumn(tab.paragraphs.COL_TEXT)
        watch_cells(keeper, delegate, context)  # type: ignore[arg-type]


# -- the plan's own text ("Thông tin kế hoạch") --------------------------------------------
PARTS = {"preamble": "Mở đầu", "closing": "Kết thúc"}


class PlanDrafts:
    def __init__(self, window: MainWindow) -> None:
        self.window = window

    def stored(self, draft: Draft) -> str | None:
        plan = self.window.doc.plan
        if plan is None or str(plan.id) != draft.key.id[0]:
            return None
        if draft.key.field == "title":
            return plan.title
        part, _dot, row = draft.key.field.partition(".")
        paragraphs = getattr(plan, part, None) if part in PARTS else None
        if paragraphs is None or not row.isdigit() or int(row) >= len(paragraphs):
            return None
        return str(paragraphs[int(row)].text)

    def restore(self, draft: Draft) -> bool:
        if self.stored(draft) is None:
            return False
        tab = self.window.info_tab
        self.window.tabs.setCurrentWidget(tab)
        if draft.key.field == "title":
            tab.title.setFocus()
            tab.title.setPlainText(draft.text)
            tab.title.commit()
            return True
        part, _dot, row = draft.key.field.partition(".")
        model = getattr(tab, part)
        return bool(model.setData(model.index(int(row), model.COL_TEXT), draft.text))

    def attach(self, keeper: DraftKeeper, tab: Any) -> None:
        def context(field: str) -> DraftContext | None:
            plan = self.window.doc.plan
            if plan is None or plan.id is None:
                return None
            part, _dot, row = field.partition(".")
            what = "Trích yếu" if field == "title" else f"Phần {PARTS[part]}, đoạn {int(row) + 1}"
            return DraftContext(DraftKey(plan.id, PLAN, (str(plan.id),), field), what)

        watcher = keeper.watch(tab.title, editor_stored(tab.title), field_context(context, "title"))
        tab.title.committed.connect(watcher.finished)
        for part, editor in (("preamble", tab.preamble_editor), ("closing", tab.closing_editor)):
            delegate = editor.view.itemDelegateForColumn(tab.preamble.COL_TEXT)
            watch_cells(keeper, delegate, part_context(context, part))


def part_context(
    context: Callable[[str], DraftContext | None], part: str
) -> Callable[[Index], DraftContext | None]:
    return lambda index: context(f"{part}.{index.row()}")


def kinds(window: MainWindow) -> dict[str, RecordKind]:
    return {
        CHECKIN: CheckinDrafts(window),
        TASK: TaskDrafts(window),
        SECTION: SectionDrafts(window),
        PLAN: PlanDrafts(window),
    }


TAB_KINDS = {"CheckinsTab": CHECKIN, "TasksTab": TASK, "ContentTab": SECTION, "InfoTab": PLAN}


def attach(keeper: DraftKeeper, tab: QWidget) -> None:
    """Watch the editors of a tab just built (by its class name: no tab module imported)."""
    name = type(tab).__name__
    kind = TAB_KINDS.get(name)
    if kind is not None:
        keeper.kinds[kind].attach(keeper, tab)  # type: ignore[attr-defined]
