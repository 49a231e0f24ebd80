"""Text being typed is kept as a draft, and a draft left by a crash is offered back.

A field of the window is stored when the clerk leaves it (``widgets/editors``, the table
cells' editors); until then the text lives only in the widget, and a crash or a power cut
lost it (issue 17, point 5). Here each such editor gets a :class:`TextDraft`: a moment after
the last keystroke (:attr:`DraftKeeper.delay_ms`) the text goes into the database's drafts
file (``services/drafts``), and storing the field normally removes it again. When a plan is
opened, its drafts are offered back one by one (``dialogs/draft_dialog``); "Khôi phục" puts
the text into its field and stores it as an ordinary, undoable edit.

What a record is and how a draft is put back into it lives in ``ui/draft_targets``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from cchc_desktop.errors import UserError
from cchc_desktop.paths import data_dir
from cchc_desktop.services.drafts import Draft, DraftKey, DraftStore, store_for_database

from cchc_desktop.ui.first_paint import on_first_paint
from cchc_desktop.ui.text_drafts import DraftContext, RecordKind, TextDraft, TextEditor

if TYPE_CHECKING:
    from cchc_desktop.ui.dialogs.draft_dialog import DraftDialog
    from cchc_desktop.ui.main_window import MainWindow

log = logging.getLogger(__name__)


class DraftKeeper(QObject):
    """The drafts of the window's database: written by the editors' :class:`TextDraft`,
    offered back when a plan opens. A read-only database keeps none."""

    delay_ms = 800  # after the last keystroke: a pause in typing, not every key

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.doc = window.doc
        from cchc_desktop.ui import draft_targets

        self.kinds: dict[str, RecordKind] = draft_targets.kinds(window)
        self.dialog: DraftDialog | None = None  # the prompt on screen (tests look at it)
        self._store: DraftStore | None = None
        self._store_for: str | None = None  # the database URL the store belongs to
        self._queue: list[Draft] = []
        self._offered: set[tuple[str, int]] = set()
        self._waiting_for_paint = False
        self._failed = False
        self.doc.plan_loaded.connect(self._on_plan_loaded)

    # -- the file -----------------------------------------------------------------------
    @property
    def store(self) -> DraftStore | None:
        db = self.doc.db
        if self._store_for != db.url:  # "Kết nối máy chủ" switched the database
            self._store_for = db.url
            self._store = store_for_database(
                db.path,
                db.url,
                read_only=bool(getattr(db, "read_only", False)),
                server=db.engine.dialect.name != "sqlite",
                data_folder=data_dir(),
            )
        return self._store

    @property
    def enabled(self) -> bool:
        return self.store is not None and self.doc.is_open

    def save(self, context: DraftContext, text: str, base: str) -> None:
        store = self.store
        if store is None:
            return
        try:
            store.save(context.key, text, base, context.label)
        except (UserError, OSError) as err:  # a full disk: the edit itself still works
            self._write_failed(err)

    def remove(self, key: DraftKey) -> None:
        store = self.store
        if store is None:
            return
        try:
            store.remove(key)
        except (UserError, OSError) as err:
            self._write_failed(err)

    def _write_failed(self, err: Exception) -> None:
        text = err.message if isinstance(err, UserError) else str(err)
        log.warning("draft not written: %s", text)
        if not self._failed:  # said once, not at every pause in typing
            self._failed = True
            self.window.show_status(f"Không ghi được bản nháp: {text}")

    # -- editors ------------------------------------------------------------------------
    def watch(
        self,
        editor: TextEditor,
        stored: Callable[[], str],
        context: Callable[[], DraftContext | None],
    ) -> TextDraft:
        return TextDraft(self, editor, stored, context)

    def attach(self, tab: QWidget) -> None:
        """A tab was just built: watch its editors."""
        from cchc_desktop.ui import draft_targets

        draft_targets.attach(self, tab)

    def pending(self) -> list[TextDraft]:
        """The editors whose draft is due (tests wait for none)."""
        return [w for w in self.window.findChildren(TextDraft) if w.pending]

    # -- offering -----------------------------------------------------------------------
    def _on_plan_loaded(self) -> None:
        if not self.enabled:
            return
        if self.window.isVisible():
            QTimer.singleShot(0, self, self.offer)
        elif not self._waiting_for_paint:
            # At start-up: once the window is on screen (and after its warm-up).
            self._waiting_for_paint = True
            on_first_paint(self.window, self._after_paint)

    def _after_paint(self) -> None:
        self._waiting_for_paint = False
        self.offer()

    def drafts_of_open_plan(self) -> list[Draft]:
        store, plan = self.store, self.doc.plan
        if store is None or plan is None or plan.id is None:
            return []
        return [d for d in store.drafts(plan.id) if d.key.record in self.kinds]

    def offer(self) -> None:
        """Offer the open plan's drafts back, once per plan and session ("Để sau" keeps a
        draft for the next time)."""
        plan = self.doc.plan
        if plan is None or plan.id is None or self.dialog is not None:
            return
        seen = (self.doc.db.url, plan.id)
        if seen in self._offered:
            return
        self._offered.add(seen)
        self._queue = self.drafts_of_open_plan()
        self._next()

    def _next(self) -> None:
        from cchc_desktop.ui.dialogs.draft_dialog import DraftDialog

        while self._queue:
            draft = self._queue.pop(0)
            stored = self.kinds[draft.key.record].stored(draft)
            if stored is not None and draft.is_moot(stored):
                self.remove(draft.key)  # what was typed got stored after all
                continue
            self.dialog = DraftDialog(self.window, draft, stored)
            self.dialog.finished.connect(lambda _r, d=draft: self._answered(d))
            self.dialog.open()  # window-modal, without a nested event loop
            return

    def _answered(self, draft: Draft) -> None:
        dialog, self.dialog = self.dialog, None
        choice = dialog.choice if dialog is not None else None
        if dialog is not None:
            dialog.deleteLater()
        if choice == "restore":
            if self.kinds[draft.key.record].restore(draft):
                self.remove(draft.key)
                self.window.show_status("Đã khôi phục nội dung đang nhập dở")
            else:
                self.window.show_status(
                    "Không khôi phục được: nội dung đó không còn trong kế hoạch"
                )
        elif choice == "discard":
            self.remove(draft.key)
            self.window.show_status("Đã bỏ bản nháp")
        self._next()
