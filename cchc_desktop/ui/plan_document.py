"""The open plan as the window sees it: a cached aggregate, the undo stack, change signals.

Every edit goes through a command (``ui/commands``) that calls a service (one committed
transaction) and then patches this cache, so a 10,000-task plan is never read again for a
one-cell edit. Each kind of change has its own signal, so a view refreshes what changed, not
the whole window.

Ids: undoing a delete stores the thing again under a new id. Commands keep the ids they saw
and ask :meth:`PlanDocument.resolve` for the current one, which follows the chain of
replacements recorded by :meth:`PlanDocument.remap`.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Iterator
from enum import StrEnum
from typing import Generic, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from cchc_desktop.domain.model import CheckIn, Plan, Section, Task
from cchc_desktop.domain.periods import Period
from cchc_desktop.errors import ConflictError, UserError
from cchc_desktop.services.plan_read import get_task, load_plan, load_sections
from cchc_desktop.storage.database import Database

T = TypeVar("T")


class IdKind(StrEnum):
    """What a remembered database id belongs to (see :meth:`PlanDocument.resolve`)."""

    SECTION = "section"
    TASK = "task"
    UNIT = "unit"


class PlanCommand(QUndoCommand):
    """An undoable edit that replays services. Subclasses implement ``apply`` and ``revert``.

    The first ``apply`` runs before the command is pushed (so a refused edit never enters
    the stack); ``QUndoStack.push`` then calls ``redo``, which skips that first time.

    Command modules import their services inside the methods that call them: services need
    the SQLModel table classes (about 80 ms to build), which the window builds just after
    its first paint instead of before it (``MainWindow.warm_up``, called by the
    application right after that paint).
    """

    def __init__(self, doc: PlanDocument, text: str) -> None:
        super().__init__(text)
        self.doc = doc
        self._skip_redo = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def run_first(self) -> None:
        self.apply()
        self._skip_redo = True

    def redo(self) -> None:
        if self._skip_redo:
            self._skip_redo = False
            return
        self._guarded(self.apply)

    def undo(self) -> None:
        self._guarded(self.revert)

    def _guarded(self, step: object) -> None:
        # Called from C++ by QUndoStack: an exception must not escape into Qt.
        try:
            step()  # type: ignore[operator]
        except UserError as err:
            self.doc.out_of_sync(err.message)
        except Exception:
            self.doc.out_of_sync("Không thực hiện được thao tác; dữ liệu đã được nạp lại.")
            sys.excepthook(*sys.exc_info())


class SwapCommand(PlanCommand, Generic[T]):
    """An edit that puts a new value in place of an old one, and can put the old one back.

    Subclasses implement ``store``: write a value and return the one it replaced. The first
    ``apply`` remembers what it replaced (which may be None: "there was nothing"); ``revert``
    stores that back, and a redo stores the new value again.
    """

    def __init__(self, doc: PlanDocument, text: str, new: T) -> None:
        super().__init__(doc, text)
        self.new = new
        self.old: T | None = None
        self._has_old = False

    def store(self, value: T) -> T:
        raise NotImplementedError

    def apply(self) -> None:
        old = self.store(self.new)
        if not self._has_old:
            self.old, self._has_old = old, True

    def revert(self) -> None:
        assert self._has_old, "revert before apply"
        self.store(self.old)  # type: ignore[arg-type]


def _versions(plan: Plan) -> list[tuple[str, str, str, int]]:
    return [(c.task, str(c.period), c.unit, c.version) for c in plan.checkins]


class PlanDocument(QObject):
    plan_loaded = Signal()  # a plan was opened (or reloaded): every view resets
    header_changed = Signal()  # plan fields, organization, recipients, preamble, closing
    sections_changed = Signal()
    task_changed = Signal(int)  # row
    task_inserted = Signal(int)  # row
    task_removed = Signal(int)  # row
    task_moved = Signal(int, int)  # from row, to row
    tasks_reset = Signal()
    units_changed = Signal()
    checkins_changed = Signal()  # many check-ins may have changed
    checkin_changed = Signal(str)  # the check-ins of this one task key changed
    refused = Signal(str)  # a Vietnamese message: the edit was refused, nothing stored
    message = Signal(str)  # what just happened, for the status bar

    def __init__(self, db: Database, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.plan: Plan | None = None
        self.undo_stack = QUndoStack(self)
        self._ids: dict[tuple[IdKind, int], int] = {}

    # -- opening ----------------------------------------------------------------------------
    @property
    def plan_id(self) -> int:
        assert self.plan is not None and self.plan.id is not None, "no plan is open"
        return self.plan.id

    @property
    def is_open(self) -> bool:
        return self.plan is not None

    def open(self, plan_id: int) -> None:
        self.plan = load_plan(self.db, plan_id)
        self._ids.clear()
        self.undo_stack.clear()
        self.plan_loaded.emit()

    def close(self) -> None:
        self.plan = None
        self._ids.clear()
        self.undo_stack.clear()
        self.plan_loaded.emit()

    def reload(self) -> None:
        """Read the whole plan again, keeping the undo history."""
        if self.plan is not None:
            self.plan = load_plan(self.db, self.plan_id)
            self.plan_loaded.emit()

    def refresh_from_database(self) -> None:
        """Another clerk wrote (server mode): read the plan again, keeping the undo history.
        When only check-ins changed the views refresh their rows and keep the selection;
        anything else resets them as an open does."""
        if self.plan is None:
            return
        fresh = load_plan(self.db, self.plan_id)
        old = self.plan
        if dataclasses.replace(fresh, checkins=[]) != dataclasses.replace(old, checkins=[]):
            self.plan = fresh
            self.plan_loaded.emit()
        elif fresh.checkins != old.checkins or _versions(fresh) != _versions(old):
            self.replace_checkins(fresh.checkins)

    def out_of_sync(self, message: str) -> None:
        """An undo or redo failed: show why, reload, and drop the history that no longer fits."""
        self.refused.emit(message)
        self.reload()
        # Not now: we are inside QUndoStack.undo()/redo().
        QTimer.singleShot(0, self.undo_stack.clear)

    # -- commands ---------------------------------------------------------------------------
    def execute(self, command: PlanCommand) -> bool:
        """Run ``command``; True when stored. A refused edit emits ``refused`` and is dropped."""
        try:
            command.run_first()
        except UserError as err:
            self.refused.emit(err.message)
            if isinstance(err, ConflictError):
                self.reload()  # another clerk's newer version, in place of the stale one
            return False
        self.undo_stack.push(command)
        self.message.emit("Đã lưu")
        return True

    def resolve(self, kind: IdKind, ident: int) -> int:
        """The current id of what had ``ident``: undoing a delete stores the row again under
        a new id, and commands further down the stack still hold the old one. Follows the
        chain old → new → newer; stops where it would come back to an id it has seen (a
        delete undone, redone and undone again can map an id back to an earlier one)."""
        seen = {ident}
        while (kind, ident) in self._ids:
            ident = self._ids[(kind, ident)]
            if ident in seen:
                break
            seen.add(ident)
        return ident

    def remap(self, kind: IdKind, old: int, new: int) -> None:
        if old != new:
            self._ids[(kind, old)] = new

    # -- cache: plan header -----------------------------------------------------------------
    def patch_plan_fields(self, changes: dict[str, object]) -> None:
        assert self.plan is not None
        for key, value in changes.items():
            setattr(self.plan, key, value)
        self.header_changed.emit()

    def patch_organization(self, changes: dict[str, object]) -> None:
        assert self.plan is not None
        for key, value in changes.items():
            setattr(self.plan.organization, key, value)
        self.header_changed.emit()

    # -- cache: sections --------------------------------------------------------------------
    def reload_sections(self) -> None:
        assert self.plan is not None
        self.plan.sections = load_sections(self.db, self.plan_id)
        self.sections_changed.emit()

    def find_section(self, section_id: int) -> Section | None:
        return next((s for s in self.iter_sections() if s.id == section_id), None)

    def section_place(self, section_id: int) -> tuple[int | None, int] | None:
        """(parent id or None, index) of a section as this window shows it: what a checked
        move compares with the stored place (server mode)."""
        assert self.plan is not None
        todo: list[tuple[int | None, list[Section]]] = [(None, self.plan.sections)]
        while todo:
            parent, children = todo.pop()
            for i, child in enumerate(children):
                if child.id == section_id:
                    return parent, i
                todo.append((child.id, child.children))
        return None

    def iter_sections(self) -> Iterator[Section]:
        assert self.plan is not None
        stack = list(reversed(self.plan.sections))
        while stack:
            section = stack.pop()
            yield section
            stack.extend(reversed(section.children))

    def remap_subtree(self, old: Section, new: Section) -> None:
        """After a restore: map each id of the deleted subtree to its new id (same shape)."""
        if old.id is not None and new.id is not None:
            self.remap(IdKind.SECTION, old.id, new.id)
        for a, b in zip(old.children, new.children, strict=False):
            self.remap_subtree(a, b)

    # -- cache: tasks -----------------------------------------------------------------------
    def task_row(self, task_id: int) -> int:
        assert self.plan is not None
        for i, task in enumerate(self.plan.tasks):
            if task.id == task_id:
                return i
        raise KeyError(task_id)

    def patch_task_changed(self, task_id: int) -> None:
        assert self.plan is not None
        row = self.task_row(task_id)
        self.plan.tasks[row] = get_task(self.db, task_id)
        self.task_changed.emit(row)

    def patch_task_inserted(
        self, task_id: int, index: int | None, checkins: list[CheckIn] | None = None
    ) -> None:
        """A task was stored at ``index`` (None: at the end; clamped as the service does)."""
        assert self.plan is not None
        task = get_task(self.db, task_id)
        count = len(self.plan.tasks)
        row = count if index is None else max(0, min(index, count))
        self.plan.tasks.insert(row, task)
        if checkins:
            self.plan.checkins.extend(checkins)
            self.checkins_changed.emit()
        self.task_inserted.emit(row)

    def patch_task_removed(self, task_id: int) -> Task:
        assert self.plan is not None
        row = self.task_row(task_id)
        task = self.plan.tasks.pop(row)
        before = len(self.plan.checkins)
        self.plan.checkins = [c for c in self.plan.checkins if c.task != task.key]
        self.task_removed.emit(row)
        if len(self.plan.checkins) != before:
            self.checkins_changed.emit()
        return task

    def patch_task_moved(self, task_id: int, new_row: int) -> None:
        assert self.plan is not None
        old_row = self.task_row(task_id)
        task = self.plan.tasks.pop(old_row)
        new_row = max(0, min(new_row, len(self.plan.tasks)))
        self.plan.tasks.insert(new_row, task)
        self.task_moved.emit(old_row, new_row)

    # -- cache: check-ins -------------------------------------------------------------------
    def checkin(self, key: str, period: Period, unit: str = "") -> CheckIn | None:
        """``unit``'s answer on (task, quarter); ``""``: the lead unit's (the task's own)."""
        assert self.plan is not None
        return next(
            (
                c
                for c in self.plan.checkins
                if c.task == key and c.period == period and c.unit == unit
            ),
            None,
        )

    def patch_checkin(
        self, key: str, period: Period, checkin: CheckIn | None, unit: str = ""
    ) -> None:
        """Replace (or remove, when ``checkin`` is None) ``unit``'s answer on (task, quarter)."""
        assert self.plan is not None
        kept = [
            c
            for c in self.plan.checkins
            if not (c.task == key and c.period == period and c.unit == unit)
        ]
        if checkin is not None:
            kept.append(checkin)
        self.plan.checkins = kept
        self.checkin_changed.emit(key)

    def replace_checkins(self, checkins: list[CheckIn]) -> None:
        """Many check-ins were stored at once (returned unit forms): take them as read back."""
        assert self.plan is not None
        self.plan.checkins = list(checkins)
        self.checkins_changed.emit()

    # -- cache: units -----------------------------------------------------------------------
    def reload_units(self) -> None:
        from cchc_desktop.services.units import list_units

        assert self.plan is not None
        self.plan.units = [unit for unit, _count in list_units(self.db, self.plan_id)]
        self.units_changed.emit()

    def rename_unit_in_cache(self, old: str, new: str) -> None:
        """A unit's name changed: tasks and check-ins name units by name."""
        assert self.plan is not None
        if old == new:
            return
        for task in self.plan.tasks:
            task.lead = [new if n == old else n for n in task.lead]
            task.partners = [new if n == old else n for n in task.partners]
        for c in self.plan.checkins:
            if c.reported_by == old:
                c.reported_by = new
            if c.unit == old:
                c.unit = new
        self.tasks_reset.emit()
        self.checkins_changed.emit()
