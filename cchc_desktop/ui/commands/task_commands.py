"""Commands on the appendix tasks."""

from __future__ import annotations

import copy

from cchc_desktop.domain.model import CheckIn, Task
from cchc_desktop.services.tasks import (
    add_task,
    delete_task,
    get_task,
    move_task,
    restore_task,
    update_task,
)

from cchc_desktop.ui.plan_document import PlanCommand, PlanDocument

KIND = "task"


class AddTask(PlanCommand):
    def __init__(self, doc: PlanDocument, task: Task, index: int | None = None) -> None:
        super().__init__(doc, "Thêm nhiệm vụ")
        self.task = copy.deepcopy(task)
        self.task.id = None
        self.index = index
        self.task_id: int | None = None

    def apply(self) -> None:
        new_id = add_task(self.doc.db, self.doc.plan_id, copy.deepcopy(self.task), self.index)
        if self.task_id is None:
            self.task_id = new_id
            # Redo must give the task the key it got the first time (check-ins refer to it).
            self.task.key = get_task(self.doc.db, new_id).key
        else:
            self.doc.remap(KIND, self.doc.resolve(KIND, self.task_id), new_id)
        self.doc.patch_task_inserted(new_id, self.index)

    def revert(self) -> None:
        assert self.task_id is not None
        ident = self.doc.resolve(KIND, self.task_id)
        delete_task(self.doc.db, ident)
        self.doc.patch_task_removed(ident)


class UpdateTask(PlanCommand):
    def __init__(self, doc: PlanDocument, task_id: int, task: Task, text: str = "") -> None:
        super().__init__(doc, text or "Sửa nhiệm vụ")
        self.task_id = task_id
        self.new = copy.deepcopy(task)
        self.old: Task | None = None

    def _store(self, task: Task) -> Task:
        ident = self.doc.resolve(KIND, self.task_id)
        old = update_task(self.doc.db, ident, copy.deepcopy(task))
        self.doc.patch_task_changed(ident)
        return old

    def apply(self) -> None:
        old = self._store(self.new)
        if self.old is None:
            self.old = old

    def revert(self) -> None:
        assert self.old is not None
        self._store(self.old)


class MoveTask(PlanCommand):
    def __init__(self, doc: PlanDocument, task_id: int, new_index: int) -> None:
        super().__init__(doc, "Chuyển nhiệm vụ")
        self.task_id = task_id
        self.new_index = new_index
        self.old_index: int | None = None

    def _move(self, index: int) -> int:
        ident = self.doc.resolve(KIND, self.task_id)
        old = move_task(self.doc.db, ident, index)
        self.doc.patch_task_moved(ident, index)
        return old

    def apply(self) -> None:
        old = self._move(self.new_index)
        if self.old_index is None:
            self.old_index = old

    def revert(self) -> None:
        assert self.old_index is not None
        self._move(self.old_index)


class DeleteTask(PlanCommand):
    def __init__(self, doc: PlanDocument, task_id: int) -> None:
        super().__init__(doc, "Xóa nhiệm vụ")
        self.task_id = task_id
        self.saved: tuple[int, Task, list[CheckIn]] | None = None

    def apply(self) -> None:
        ident = self.doc.resolve(KIND, self.task_id)
        self.saved = delete_task(self.doc.db, ident)
        self.doc.patch_task_removed(ident)

    def revert(self) -> None:
        assert self.saved is not None
        index, task, checkins = self.saved
        new_id = restore_task(
            self.doc.db, self.doc.plan_id, index, copy.deepcopy(task), copy.deepcopy(checkins)
        )
        self.doc.remap(KIND, self.doc.resolve(KIND, self.task_id), new_id)
        self.doc.patch_task_inserted(new_id, index, copy.deepcopy(checkins))
