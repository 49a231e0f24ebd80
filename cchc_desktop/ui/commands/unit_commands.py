"""Commands on the plan's units (phòng, đơn vị)."""

from __future__ import annotations

import copy
from typing import Any

from cchc_desktop.domain.model import Unit

from cchc_desktop.ui.plan_document import IdKind, PlanCommand, PlanDocument, SwapCommand

KIND = IdKind.UNIT


def _shown(doc: PlanDocument, unit_id: int) -> Unit | None:
    """The unit as the window shows it: a checked delete keeps one another clerk changed."""
    assert doc.plan is not None
    return copy.deepcopy(next((u for u in doc.plan.units if u.id == unit_id), None))


class AddUnit(PlanCommand):
    def __init__(self, doc: PlanDocument, unit: Unit, index: int | None = None) -> None:
        super().__init__(doc, "Thêm đơn vị")
        self.unit = copy.deepcopy(unit)
        self.unit.id = None
        self.index = index
        self.unit_id: int | None = None

    def apply(self) -> None:
        from cchc_desktop.services.units import add_unit

        new_id = add_unit(self.doc.db, self.doc.plan_id, copy.deepcopy(self.unit), self.index)
        if self.unit_id is None:
            self.unit_id = new_id
        else:
            self.doc.remap(KIND, self.doc.resolve(KIND, self.unit_id), new_id)
        self.doc.reload_units()

    def revert(self) -> None:
        from cchc_desktop.services.units import delete_unit

        assert self.unit_id is not None
        ident = self.doc.resolve(KIND, self.unit_id)
        delete_unit(self.doc.db, ident, expected=_shown(self.doc, ident))
        self.doc.reload_units()


class UpdateUnit(SwapCommand[dict[str, Any]]):
    """Rename, change the short name or kind, deactivate or reactivate a unit."""

    def __init__(self, doc: PlanDocument, unit_id: int, text: str = "", **changes: Any) -> None:
        super().__init__(doc, text or "Sửa đơn vị", changes)
        self.unit_id = unit_id

    def store(self, value: dict[str, Any]) -> dict[str, Any]:
        from cchc_desktop.services.units import update_unit

        ident = self.doc.resolve(KIND, self.unit_id)
        # Against what this window shows (server mode): another clerk's change is refused.
        shown = next((u for u in self.doc.plan.units if u.id == ident), None)  # type: ignore[union-attr]
        seen = {key: getattr(shown, key) for key in value} if shown is not None else None
        old_unit = update_unit(self.doc.db, ident, expected=seen, **value)
        old = {key: getattr(old_unit, key) for key in value}
        self.doc.reload_units()
        if "name" in value:
            renamed = next(u for u in self.doc.plan.units if u.id == old_unit.id)  # type: ignore[union-attr]
            self.doc.rename_unit_in_cache(old_unit.name, renamed.name)
        return old


class DeleteUnit(PlanCommand):
    """Delete an unused unit (the service refuses a unit that tasks name)."""

    def __init__(self, doc: PlanDocument, unit_id: int) -> None:
        super().__init__(doc, "Xóa đơn vị")
        self.unit_id = unit_id
        self.saved: tuple[int, Unit] | None = None

    def apply(self) -> None:
        from cchc_desktop.services.units import delete_unit

        ident = self.doc.resolve(KIND, self.unit_id)
        self.saved = delete_unit(self.doc.db, ident, expected=_shown(self.doc, ident))
        self.doc.reload_units()

    def revert(self) -> None:
        from cchc_desktop.services.units import add_unit

        assert self.saved is not None
        index, unit = self.saved
        new_id = add_unit(self.doc.db, self.doc.plan_id, copy.deepcopy(unit), index)
        self.doc.remap(KIND, self.doc.resolve(KIND, self.unit_id), new_id)
        self.doc.reload_units()


class MoveUnit(SwapCommand[int]):
    def __init__(self, doc: PlanDocument, unit_id: int, new_index: int) -> None:
        super().__init__(doc, "Chuyển đơn vị", new_index)
        self.unit_id = unit_id
        self.left: int | None = None  # the row this command left the unit on

    def store(self, value: int) -> int:
        from cchc_desktop.services.units import move_unit

        ident = self.doc.resolve(KIND, self.unit_id)
        seen = self.left if self.left is not None else _row_of(self.doc, ident)
        old = move_unit(self.doc.db, ident, value, expected_index=seen)
        self.doc.reload_units()
        self.left = _row_of(self.doc, ident)
        return old


def _row_of(doc: PlanDocument, unit_id: int) -> int | None:
    assert doc.plan is not None
    return next((i for i, u in enumerate(doc.plan.units) if u.id == unit_id), None)
