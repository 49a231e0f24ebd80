"""Commands on the appendix tasks."""

from __future__ import annotations

import copy
from typing import Any

from cchc_desktop.domain.model import CheckIn, Task
from cchc_desktop.services.plan_read import get_task

from cchc_desktop.ui.plan_document import IdKind, PlanCommand, PlanDocument, SwapCommand

KIND = IdKind.TASK


def _seen(doc: PlanDocument, task_id: int) -> dict[str, Any]:
    """What the window shows of a task, for a checked delete: its version and answers."""
    from cchc_desktop.services.tasks import checkin_versions

    assert doc.plan is not None
    task = doc.plan.tasks[doc.task_row(task_id)]
    answers = [c for c in doc.plan.checkins if c.task == task.key]
    return {"expected_version": task.version, "expected_checkins": checkin_versions(answers)}


class AddTask(PlanCommand):
    def __init__(self, doc: PlanDocument, task: Task, index: int | None = None) -> None:
        super().__init__(doc, "Thêm nhiệm vụ")
        self.task = copy.deepcopy(task)
        self.task.id = None
        self.index = index
        self.task_id: int | None = None

    def apply(self) -> None:
        from cchc_desktop.services.tasks import add_task

        new_id = add_task(self.doc.db, self.doc.plan_id, copy.deepcopy(self.task), self.index)
        if self.task_id is None:
            self.task_id = new_id
            # Redo must give the task the key it got the first time (check-ins refer to it).
            self.task.key = get_task(self.doc.db, new_id).key
        else:
            self.doc.remap(KIND, self.doc.resolve(KIND, self.task_id), new_id)
        self.doc.patch_task_inserted(new_id, self.index)

    def revert(self) -> None:
        from cchc_desktop.services.tasks import delete_task

        assert self.task_id is not None
        ident = self.doc.resolve(KIND, self.task_id)
        # Not over another clerk's edit or answer of the task since (server mode).
        delete_task(self.doc.db, ident, **_seen(self.doc, ident))
        self.doc.patch_task_removed(ident)


class UpdateTask(SwapCommand[Task]):
    def __init__(self, doc: PlanDocument, task_id: int, task: Task, text: str = "") -> None:
        super().__init__(doc, text or "Sửa nhiệm vụ", copy.deepcopy(task))
        self.task_id = task_id
        self.left: int | None = None  # the version this command left the task at

    def store(self, value: Task) -> Task:
        from cchc_desktop.services.tasks import update_task

        ident = self.doc.resolve(KIND, self.task_id)
        # Optimistic concurrency (server mode): the first edit against the version this window
        # saw, undo and redo against the version this command stored, so neither passes over
        # another clerk's edit even after the change watcher has shown it in the window.
        shown = self.doc.plan.tasks[self.doc.task_row(ident)].version if self.doc.plan else None
        seen = self.left if self.left is not None else shown
        old = update_task(self.doc.db, ident, copy.deepcopy(value), expected_version=seen)
        self.doc.patch_task_changed(ident)
        if self.doc.plan is not None:
            self.left = self.doc.plan.tasks[self.doc.task_row(ident)].version
        return old


class MoveTask(SwapCommand[int]):
    """Move a task to a row; its old row is what undo moves it back to."""

    def __init__(self, doc: PlanDocument, task_id: int, new_index: int) -> None:
        super().__init__(doc, "Chuyển nhiệm vụ", new_index)
        self.task_id = task_id
        self.left: int | None = None  # the row this command left the task on

    def store(self, value: int) -> int:
        from cchc_desktop.services.tasks import move_task

        ident = self.doc.resolve(KIND, self.task_id)
        # Against the row this command left it on, else the row the window shows.
        seen = self.left if self.left is not None else self.doc.task_row(ident)
        old = move_task(self.doc.db, ident, value, expected_index=seen)
        self.doc.patch_task_moved(ident, value)
        self.left = self.doc.task_row(ident)
        return old


class DeleteTask(PlanCommand):
    def __init__(self, doc: PlanDocument, task_id: int) -> None:
        super().__init__(doc, "Xóa nhiệm vụ")
        self.task_id = task_id
        self.saved: tuple[int, Task, list[CheckIn]] | None = None

    def apply(self) -> None:
        from cchc_desktop.services.tasks import delete_task

        ident = self.doc.resolve(KIND, self.task_id)
        self.saved = delete_task(self.doc.db, ident, **_seen(self.doc, ident))
        self.doc.patch_task_removed(ident)

    def revert(self) -> None:
        from cchc_desktop.services.tasks import restore_task

        assert self.saved is not None
        index, task, checkins = self.saved
        # The service gives each check-in it stores its new id and version: the cache takes
        # those, so a redo (a checked delete) compares with what is stored.
        restored = copy.deepcopy(checkins)
        new_id = restore_task(
            self.doc.db, self.doc.plan_id, index, copy.deepcopy(task), restored, checked=True
        )
        self.doc.remap(KIND, self.doc.resolve(KIND, self.task_id), new_id)
        self.doc.patch_task_inserted(new_id, index, restored)
