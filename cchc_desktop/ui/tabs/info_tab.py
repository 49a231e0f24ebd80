"""Tab "Thông tin kế hoạch": the issuing body, number, date, title, signer, recipients,
preamble and closing, with a live preview of "Số: …" and the date line as they will print."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from cchc_desktop.domain.dates import BLANK, IssueDate, date_line
from cchc_desktop.domain.model import Paragraph, Recipient, Signer

from cchc_desktop.ui.commands.plan_commands import (
    SetParagraphs,
    SetRecipients,
    UpdateOrganization,
    UpdatePlanFields,
)
from cchc_desktop.ui.models.list_models import ParagraphListModel, RecipientListModel
from cchc_desktop.ui.plan_document import PlanDocument
from cchc_desktop.ui.ui_state import Key, kept_splitter
from cchc_desktop.ui.widgets.banner import MessageBanner
from cchc_desktop.ui.widgets.editors import CommitLineEdit, CommitTextEdit
from cchc_desktop.ui.widgets.issue_date_edit import IssueDateEdit
from cchc_desktop.ui.widgets.list_editor import paragraph_editor, recipient_editor

ORG_FIELDS = {
    "parent": "Cơ quan chủ quản",
    "name": "Tên cơ quan ban hành",
    "abbreviation": "Chữ viết tắt",
    "place": "Địa danh",
}
PLAN_FIELDS = {
    "number": "Số",
    "symbol": "Ký hiệu",
    "doc_type": "Loại văn bản",
    "archive": "Lưu",
}
SIGNER_FIELDS = {
    "authority": "Quyền hạn ký",
    "title": "Chức vụ",
    "name": "Họ và tên",
}
PLACEHOLDERS = {
    "parent": "UBND TỈNH HẢI DƯƠNG (để trống nếu không có)",
    "name": "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
    "abbreviation": "SKHCN",
    "place": "Hải Dương",
    "number": "để trống nếu văn thư cấp số khi ban hành",
    "symbol": "KH-SKHCN",
    "doc_type": "KẾ HOẠCH",
    "archive": "VT, VP",
    "authority": "KT. GIÁM ĐỐC (để trống nếu người đứng đầu ký)",
    "title": "PHÓ GIÁM ĐỐC",
}


class InfoTab(QWidget):
    def __init__(
        self, doc: PlanDocument, settings: QSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.settings = settings
        self.org: dict[str, CommitLineEdit] = {}
        self.fields: dict[str, CommitLineEdit] = {}
        self.signer: dict[str, CommitLineEdit] = {}
        self.preamble = ParagraphListModel(lambda ps: self._on_paragraphs("preamble", ps), self)
        self.closing = ParagraphListModel(lambda ps: self._on_paragraphs("closing", ps), self)
        self.recipients = RecipientListModel(self._on_recipients, self)
        self._build()
        self._connect_signals()
        self._show_plan()

    # -- layout -----------------------------------------------------------------------------
    def _line(self, key: str, store: dict[str, CommitLineEdit]) -> CommitLineEdit:
        edit = CommitLineEdit(self, PLACEHOLDERS.get(key, ""))
        store[key] = edit
        return edit

    def _label(self, text: str) -> QLabel:
        """A form label as wide as the longest one, so the three forms line up."""
        label = QLabel(text, self)
        label.setMinimumWidth(self.fontMetrics().horizontalAdvance("Tên cơ quan ban hành:") + 8)
        return label

    def _build(self) -> None:
        self.banner = MessageBanner(self)
        org_box = QGroupBox("Cơ quan ban hành", self)
        org_form = QFormLayout(org_box)
        for key, label in ORG_FIELDS.items():
            org_form.addRow(self._label(f"{label}:"), self._line(key, self.org))

        doc_box = QGroupBox("Văn bản", self)
        doc_form = QFormLayout(doc_box)
        self.year = QLabel(self)
        doc_form.addRow(self._label("Năm kế hoạch:"), self.year)
        number_row = QHBoxLayout()
        number_row.addWidget(self._line("number", self.fields), 1)
        number_row.addWidget(QLabel("/", self))
        number_row.addWidget(self._line("symbol", self.fields), 2)
        doc_form.addRow(self._label("Số / Ký hiệu:"), number_row)
        self.issued_on = IssueDateEdit(self)
        doc_form.addRow(self._label("Ngày ban hành:"), self.issued_on)
        doc_form.addRow(self._label("Loại văn bản:"), self._line("doc_type", self.fields))
        self.title = CommitTextEdit(self, "Trích yếu nội dung", lines=2)
        self.title.setMaximumHeight(self.title.minimumHeight() + self.fontMetrics().lineSpacing())
        doc_form.addRow(self._label("Trích yếu:"), self.title)

        preview_box = QGroupBox("Xem trước dòng số và ngày tháng", self)
        self.preview_number = QLabel(self)
        self.preview_date = QLabel(self)
        self.preview_date.setStyleSheet("font-style: italic;")
        for preview in (self.preview_number, self.preview_date):
            preview.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        preview_row = QHBoxLayout(preview_box)
        preview_row.addWidget(self.preview_number)
        preview_row.addStretch(1)
        preview_row.addWidget(self.preview_date)

        signer_box = QGroupBox("Người ký", self)
        signer_form = QFormLayout(signer_box)
        for key, label in SIGNER_FIELDS.items():
            signer_form.addRow(self._label(f"{label}:"), self._line(key, self.signer))

        left = QWidget(self)
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 6, 0)
        for box in (org_box, doc_box, preview_box, signer_box):
            left_box.addWidget(box)
        left_box.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(left)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)

        self.parts = QTabWidget(self)
        self.preamble_editor = paragraph_editor(self.preamble, self.parts)
        self.closing_editor = paragraph_editor(self.closing, self.parts)
        recipients_page = QWidget(self.parts)
        self.recipients_editor = recipient_editor(self.recipients, recipients_page)
        recipients_box = QVBoxLayout(recipients_page)
        recipients_box.addWidget(self.recipients_editor, 1)
        archive_row = QFormLayout()
        archive_row.addRow("Lưu:", self._line("archive", self.fields))
        recipients_box.addLayout(archive_row)
        self.parts.addTab(self.preamble_editor, "Phần mở đầu")
        self.parts.addTab(self.closing_editor, "Phần kết thúc")
        self.parts.addTab(recipients_page, "Nơi nhận")

        self.splitter = kept_splitter(
            self, self.settings, Key.INFO_SPLITTER, (scroll, self.parts), (560, 760)
        )
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)

    def _connect_signals(self) -> None:
        self.doc.plan_loaded.connect(self._show_plan)
        self.doc.header_changed.connect(self._show_plan)
        for key, edit in self.org.items():
            edit.committed.connect(lambda text, k=key: self._on_org(k, text))
        for key, edit in self.fields.items():
            edit.committed.connect(lambda text, k=key: self._on_field(k, text))
        for edit in self.signer.values():
            edit.committed.connect(self._on_signer)
        self.title.committed.connect(lambda text: self._on_field("title", text))
        self.issued_on.edited.connect(self._on_date)
        for edit in (self.fields["number"], self.fields["symbol"], self.org["place"]):
            edit.textChanged.connect(self._update_preview)

    # -- public -----------------------------------------------------------------------------
    def show_refusal(self, message: str) -> None:
        self.banner.show_error(message)

    # -- showing ----------------------------------------------------------------------------
    def _show_plan(self) -> None:
        plan = self.doc.plan
        self.setEnabled(plan is not None)
        if plan is None:
            return
        for key, edit in self.org.items():
            edit.set_value(str(getattr(plan.organization, key)))
        for key, edit in self.fields.items():
            edit.set_value(str(getattr(plan, key)))
        for key, edit in self.signer.items():
            edit.set_value(str(getattr(plan.signer, key)))
        self.title.set_value(plan.title)
        self.year.setText(str(plan.year))
        self.issued_on.set_value(plan.issued_on, plan.year)
        self.preamble.set_items(plan.preamble)
        self.closing.set_items(plan.closing)
        self.recipients.set_items(plan.recipients)
        for editor in (self.preamble_editor, self.closing_editor, self.recipients_editor):
            editor.view.resizeRowsToContents()
        self._update_preview()

    def _update_preview(self, *_args: Any) -> None:
        plan = self.doc.plan
        if plan is None:
            return
        number = self.fields["number"].text().strip() or BLANK
        symbol = self.fields["symbol"].text().strip()
        self.preview_number.setText(f"Số: {number}/{symbol}")
        try:
            date = self.issued_on.value()
        except ValueError:
            date = plan.issued_on
        self.preview_date.setText(date_line(self.org["place"].text().strip(), date, plan.year))

    # -- edits ------------------------------------------------------------------------------
    def _on_org(self, key: str, text: str) -> None:
        value = " ".join(text.split())
        if not self.doc.execute(UpdateOrganization(self.doc, **{key: value})):
            self._show_plan()  # refused: show what is stored

    def _on_field(self, key: str, text: str) -> None:
        value = " ".join(text.split())
        if not self.doc.execute(UpdatePlanFields(self.doc, **{key: value})):
            self._show_plan()

    def _on_signer(self, _text: str) -> None:
        signer = Signer(**{k: " ".join(e.text().split()) for k, e in self.signer.items()})
        if not self.doc.execute(UpdatePlanFields(self.doc, "Sửa người ký", signer=signer)):
            self._show_plan()

    def _on_date(self) -> None:
        plan = self.doc.plan
        try:
            date: IssueDate | None = self.issued_on.value()
        except ValueError:
            self.doc.refused.emit(
                "Ngày ban hành không hợp lệ (chọn tháng trước, hoặc ngày có thật)."
            )
            self._update_preview()
            return
        command = UpdatePlanFields(self.doc, "Sửa ngày ban hành", issued_on=date)
        if plan is not None and date != plan.issued_on and not self.doc.execute(command):
            self._show_plan()
        self._update_preview()

    def _on_paragraphs(self, part: str, paragraphs: list[Paragraph]) -> bool:
        return self.doc.execute(SetParagraphs(self.doc, part, paragraphs))

    def _on_recipients(self, recipients: list[Recipient]) -> bool:
        return self.doc.execute(SetRecipients(self.doc, recipients))
