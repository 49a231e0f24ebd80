"""An editor's text kept as a draft while it is typed (the keeper is ``ui/drafts``).

A typing session starts at the first change of an editor's text: :class:`TextDraft` writes
the draft a moment after the last keystroke and removes it when the field is stored.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from cchc_desktop.services.drafts import Draft, DraftKey

if TYPE_CHECKING:
    from cchc_desktop.ui.drafts import DraftKeeper

TextEditor = QPlainTextEdit | QLineEdit


@dataclass(frozen=True, slots=True)
class DraftContext:
    """The field an editor shows now: its draft key and what the prompt calls it."""

    key: DraftKey
    label: str


class RecordKind(Protocol):
    """How drafts of one kind of record are judged and put back (``ui/draft_targets``)."""

    def stored(self, draft: Draft) -> str | None:
        """The field's stored value now; None when the record is no longer in the plan."""

    def restore(self, draft: Draft) -> bool:
        """Show the field, put the draft's text in and store it (an undoable edit)."""


def _text_of(editor: TextEditor) -> str:
    return editor.toPlainText() if isinstance(editor, QPlainTextEdit) else editor.text()


class TextDraft(QObject):
    """Keeps what is typed in ``editor`` as a draft of the field it shows.

    A typing session starts at the first change: the field (``context``) and its stored
    value (``stored``) are taken then, so the draft says what the typing started from. The
    draft is written ``delay_ms`` after the last change, and removed when the field is
    stored (:meth:`finished`) or when the text is back to what is stored.
    """

    def __init__(
        self,
        keeper: DraftKeeper,
        editor: TextEditor,
        stored: Callable[[], str],
        context: Callable[[], DraftContext | None],
    ) -> None:
        super().__init__(editor)
        self._keeper = keeper
        self._editor = editor
        self._stored = stored
        self._context = context
        self._session: tuple[DraftContext, str] | None = None  # (field, stored at start)
        self._written = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(keeper.delay_ms)
        self._timer.timeout.connect(self.save_now)
        editor.textChanged.connect(self._on_changed)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def _on_changed(self, *_args: object) -> None:
        if not self._keeper.enabled:
            return
        if _text_of(self._editor).strip() == self._stored().strip():
            # Back to what is stored: typed back by hand, or the editor now shows another
            # record (``set_value``). A session must not run on into the next record.
            self.save_now()
            return
        if self._session is None:
            context = self._context()
            if context is None:
                return
            self._session, self._written = (context, self._stored()), False
        self._timer.start()

    def save_now(self) -> None:
        self._timer.stop()
        if self._session is None:
            return
        context, base = self._session
        text = _text_of(self._editor)
        if text.strip() != self._stored().strip():
            self._keeper.save(context, text, base)
            self._written = True
            return
        if self._written:  # typed, then back to what is stored: nothing to keep
            self._keeper.remove(context.key)
        self._session, self._written = None, False

    def finished(self, *_args: object) -> None:
        """The field was stored (or its editing given up): its draft goes."""
        self._timer.stop()
        if self._session is not None:
            self._keeper.remove(self._session[0].key)
        self._session, self._written = None, False
