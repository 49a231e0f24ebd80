"""The partner units' contributions (phối hợp) to the selected task for one quarter, beneath
the lead's answer on the check-in tab, each editable with its unit's name; and which units
have not answered yet.

Like the check-in form it holds no state of its own: it shows :class:`Answers` and reports
each field the clerk changes as ``edited(unit, field, value)``; the tab turns that into an
undoable ``RecordCheckin`` of that unit's contribution.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QVBoxLayout, QWidget

from cchc_desktop.domain.contributions import Answers
from cchc_desktop.domain.model import CheckIn

from cchc_desktop.ui.widgets.editors import CommitTextEdit

FIELDS = (("result", "Kết quả:"), ("difficulties", "Khó khăn:"), ("proposals", "Đề xuất:"))


class ContributionBox(QGroupBox):
    """One partner unit's contribution: its result, difficulties and proposals."""

    edited = Signal(str, str, object)  # unit, CheckIn field name, new value

    def __init__(self, unit: str, checkin: CheckIn | None, parent: QWidget | None = None):
        # "&" in a title marks a shortcut letter ("Bản tin KH&CN" would show "KHCN").
        super().__init__(f"Phối hợp — {unit}".replace("&", "&&"), parent)
        self.unit = unit
        self.editors: dict[str, CommitTextEdit] = {}
        form = QFormLayout(self)
        form.setContentsMargins(6, 4, 6, 4)
        self.state = QLabel("Chưa báo cáo phần phối hợp.", self)
        form.addRow(self.state)
        for name, label in FIELDS:
            editor = CommitTextEdit(self, label.rstrip(":"), lines=2 if name == "result" else 1)
            editor.committed.connect(lambda text, n=name: self.edited.emit(self.unit, n, text))
            self.editors[name] = editor
            form.addRow(label, editor)
        self.evidence = QLabel(self)
        self.evidence.setWordWrap(True)
        form.addRow("Kiểm chứng:", self.evidence)
        self.show_checkin(checkin)

    def show_checkin(self, checkin: CheckIn | None) -> None:
        """Show the unit's contribution (None: none yet) in place; emits nothing."""
        self.state.setVisible(checkin is None)
        for name, editor in self.editors.items():
            editor.set_value(getattr(checkin, name) if checkin is not None else "")
        titles = "; ".join(e.title for e in checkin.evidence) if checkin is not None else ""
        self.evidence.setText(titles or "—")


class ContributionsPanel(QWidget):
    """Every partner's box and the line of units that have not answered."""

    edited = Signal(str, str, object)  # unit, CheckIn field name, new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.missing = QLabel(self)
        self.missing.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.missing)
        self.boxes: list[ContributionBox] = []
        # Told of each box made (the window keeps what is typed in it as a draft, ui/drafts).
        self.on_box: Callable[[ContributionBox], None] | None = None
        self.show_answers(None)

    def show_answers(self, answers: Answers | None) -> None:
        """Show the partners of ``answers`` (None: no task selected); emits nothing. The same
        units as shown already are updated in place (the clerk's focus stays put)."""
        if answers is None:
            self._set_boxes([], {})
            self.missing.setText("")
            self.setVisible(False)
            return
        given = {c.unit: c for c in answers.partners}
        names = [
            unit
            for unit in (
                *answers.task.partners,
                *(u for u in given if u not in answers.task.partners),
            )
            # A collective ("Các phòng, đơn vị …") has no form to answer: not shown unless it
            # answered all the same.
            if unit in given or unit in answers.missing
        ]
        self._set_boxes(names, given)
        self.missing.setText(
            "Đơn vị chưa báo cáo: " + ", ".join(answers.missing)
            if answers.missing
            else "Mọi đơn vị đã báo cáo."
        )
        self.setVisible(bool(names) or bool(answers.missing))

    def _set_boxes(self, names: list[str], given: dict[str, CheckIn]) -> None:
        if [b.unit for b in self.boxes] == names:
            for box in self.boxes:
                box.show_checkin(given.get(box.unit))
            return
        for box in self.boxes:
            self._layout.removeWidget(box)
            box.deleteLater()
        self.boxes = []
        for unit in names:
            box = ContributionBox(unit, given.get(unit), self)
            box.edited.connect(self.edited)
            self._layout.addWidget(box)
            self.boxes.append(box)
            if self.on_box is not None:
                self.on_box(box)

    def box(self, unit: str) -> ContributionBox | None:
        return next((b for b in self.boxes if b.unit == unit), None)
