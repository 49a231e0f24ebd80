"""Commands on the plan's units (phòng, đơn vị)."""

from __future__ import annotations

import copy
from typing import Any

from cchc_desktop.domain.model import Unit
from cchc_desktop.services.units import add_unit, delete_unit, move_unit, update_unit

from cchc_desktop.ui.plan_document import PlanCommand, PlanDocument

KIND = "unit"


class AddUnit(PlanCommand):
    def __init__(self, doc: PlanDocument, unit: Unit, index: int | None = None) -> None:
        super().__init__(doc, "Thêm đơn vị")
        self.unit = copy.deepcopy(unit)
        self.unit.id = None
        self.index = index
        self.unit_id: int | None = None

    def apply(self) -> None:
        new_id = add_unit(self.doc.db, self.doc.plan_id, copy.deepcopy(self.unit), self.index)
        if self.unit_id is None:
            self.unit_id = new_id
        else:
            self.doc.remap(KIND, self.doc.resolve(KIND, self.unit_id), new_id)
        self.doc.reload_units()

    def revert(self) -> None:
        assert self.unit_id is not None
        delete_unit(self.doc.db, self.doc.resolve(KIND, self.unit_id))
        self.doc.reload_units()


class UpdateUnit(PlanCommand):
    """Rename, change the short name or kind, deactivate or reactivate a unit."""

    def __init__(self, doc: PlanDocument, unit_id: int, text: str = "", **changes: Any) -> None:
        super().__init__(doc, text or "Sửa đơn vị")
        self.unit_id = unit_id
        self.changes = changes
        self.old: dict[str, Any] | None = None

    def _store(self, changes: dict[str, Any]) -> dict[str, Any]:
        old_unit = update_unit(self.doc.db, self.doc.resolve(KIND, self.unit_id), **changes)
        old = {key: getattr(old_unit, key) for key in changes}
        self.doc.reload_units()
        if "name" in changes:
            renamed = next(u for u in self.doc.plan.units if u.id == old_unit.id)  # type: ignore[union-attr]
            self.doc.rename_unit_in_cache(old_unit.name, renamed.name)
        return old

    def apply(self) -> None:
        old = self._store(self.changes)
        if self.old is None:
            self.old = old

    def revert(self) -> None:
        assert self.old is not None
        self._store(self.old)


class DeleteUnit(PlanCommand):
    """Delete an unused unit (the service refuses a unit that tasks name)."""

    def __init__(self, doc: PlanDocument, unit_id: int) -> None:
        super().__init__(doc, "Xóa đơn vị")
        self.unit_id = unit_id
        self.saved: tuple[int, Unit] | None = None

    def apply(self) -> None:
        self.saved = delete_unit(self.doc.db, self.doc.resolve(KIND, self.unit_id))
        self.doc.reload_units()

    def revert(self) -> None:
        assert self.saved is not None
        index, unit = self.saved
        new_id = add_unit(self.doc.db, self.doc.plan_id, copy.deepcopy(unit), index)
        self.doc.remap(KIND, self.doc.resolve(KIND, self.unit_id), new_id)
        self.doc.reload_units()


class MoveUnit(PlanCommand):
    def __init__(self, doc: PlanDocument, unit_id: int, new_index: int) -> None:
        super().__init__(doc, "Chuyển đơn vị")
        self.unit_id = unit_id
        self.new_index = new_index
        self.old_index: int | None = None

    def _move(self, index: int) -> int:
        old = move_unit(self.doc.db, self.doc.resolve(KIND, self.unit_id), index)
        self.doc.reload_units()
        return old

    def apply(self) -> None:
        old = self._move(self.new_index)
        if self.old_index is None:
            self.old_index = old

    def revert(self) -> None:
        assert self.old_index is not None
        self._move(self.old_index)
