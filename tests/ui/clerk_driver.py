"""A simulated clerk for the window: clicks, keys and typed text on the real widgets, the
modal dialogs answered as they appear, and a tally of what each step cost (issue 17).

Used by ``tests/ui/test_clerk_job.py`` (which checks the content after every step) and by
``bench/bench_clerk_job.py`` (which prints the keystroke-level estimate). Nothing here
imports pytest: the bench runs the same walk without it.

What is counted, per step (``Tally``):

- ``clicks``: every pointing and click (a double-click counts once), each one a real mouse
  event on the widget, in the menus, the toolbar, the tables and the dialogs;
- ``keys``: single keys pressed (Enter, Tab, Ctrl+End …);
- ``fields``: texts typed, one per field, and ``strokes``, the keystrokes they need with
  the Telex input method every Vietnamese office uses ("ệ" is e, e, j: three keys; a
  capital one more for Shift);
- ``homing``: the hand moving between mouse and keyboard;
- ``mental``: decisions (a command chosen, a text composed, a dialog answered), the
  keystroke-level model's M, placed by its usual rule: before a command, not before the
  item of a menu just opened nor before pointing at an argument;
- ``dialogs`` passed and ``read_s``, the time to read them (their words at four a second,
  at least one second, at most twenty);
- ``app_s``: the wall time from each action until the window is idle again (no background
  job left, events processed), i.e. the application's own work while the clerk waits.

File dialogs are answered by replacing ``QFileDialog``'s static functions (as the other
window tests do); what the clerk would do in them is counted from where the dialog opens:
in the file's own folder, select and confirm; elsewhere, three more clicks and a decision
to get there.
"""

from __future__ import annotations

import time
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEventLoop, QModelIndex, QPoint, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QTabWidget,
    QWidget,
)

# The keystroke-level model (Card, Moran & Newell), seconds.
K = 0.28  # a keystroke, average typist
P = 1.1  # pointing with the mouse (and clicking)
H = 0.4  # the hand between keyboard and mouse
M = 1.35  # mental preparation for a decision
WORDS_PER_SECOND = 4.0
READ_MIN_S, READ_MAX_S = 1.0, 20.0
FOLDER_ELSEWHERE_CLICKS = 3  # a dialog opened away from the file's folder

NO_MOD = Qt.KeyboardModifier.NoModifier
LEFT = Qt.MouseButton.LeftButton


def telex_strokes(text: str) -> int:
    """Keystrokes to type ``text`` with Telex: one per letter, one per hat, breve, horn or
    tone mark, "dd" for "đ", Shift for a capital."""
    strokes = 0
    for char in unicodedata.normalize("NFD", text):
        strokes += 1  # a base letter, or a combining mark typed as one more key
        if char in "đĐ":
            strokes += 1
        if char.isupper():
            strokes += 1
    return strokes


def words_of(widget: QWidget) -> int:
    """The words a clerk reads in a dialog: its title, labels, buttons, text boxes and the
    visible cells of its tables (at most 40 rows each)."""
    texts = [widget.windowTitle()]
    for label in widget.findChildren(QLabel):
        if label.isVisibleTo(widget):
            texts.append(label.text())
    for button in widget.findChildren(QAbstractButton):
        if button.isVisibleTo(widget):
            texts.append(button.text())
    for box in widget.findChildren(QPlainTextEdit):
        if box.isVisibleTo(widget):
            texts.append(box.toPlainText())
    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None or not view.isVisibleTo(widget):
            continue
        for row in range(min(model.rowCount(), 40)):
            for column in range(model.columnCount()):
                texts.append(str(model.index(row, column).data() or ""))
    return sum(len(t.split()) for t in texts)


@dataclass
class Tally:
    """What one step of the job cost."""

    name: str
    clicks: int = 0
    keys: int = 0
    fields: int = 0
    strokes: int = 0
    homing: int = 0
    mental: int = 0
    dialogs: int = 0
    read_s: float = 0.0
    app_s: float = 0.0
    dialog_titles: list[str] = field(default_factory=list)

    @property
    def actions(self) -> int:
        """Clicks, single keys and typed fields (a text typed into a field is one action)."""
        return self.clicks + self.keys + self.fields

    @property
    def clerk_s(self) -> float:
        """The keystroke-level estimate: the clerk's operators, reading and the app's time."""
        operators = K * (self.keys + self.strokes) + P * self.clicks + H * self.homing
        return operators + M * self.mental + self.read_s + self.app_s


@dataclass
class _Expected:
    matches: Callable[[QWidget], bool]
    answer: Callable[[QWidget], object]
    label: str


class Clerk:
    """Drives the window as a clerk would and tallies each step (see the module docstring)."""

    def __init__(self, shots: Path | None = None) -> None:
        self.window: Any = None  # the MainWindow, once started
        self.shots = shots
        self.tallies: list[Tally] = []
        self.tally = Tally("")
        self.unexpected: list[str] = []  # dialogs nobody expected (closed, and a failure)
        self.seen: list[QWidget] = []  # dialogs answered, for the test to look at
        self.hand = "mouse"
        self._depth = 0
        self._paused = 0.0
        self._expected: list[_Expected] = []
        self._handled: set[int] = set()
        self._poll = QTimer()
        self._poll.setInterval(5)
        self._poll.timeout.connect(self._answer_modal)
        self._poll.start()

    # -- steps ------------------------------------------------------------------------------
    @contextmanager
    def step(self, name: str) -> Iterator[Tally]:
        self.tally = Tally(name)
        self.tallies.append(self.tally)
        yield self.tally
        if self._expected:
            left = ", ".join(e.label for e in self._expected)
            self._expected.clear()
            raise AssertionError(f"{name}: dialogs expected but never shown: {left}")
        if self.unexpected:
            raise AssertionError(f"{name}: {self.unexpected}")

    @contextmanager
    def app_work(self) -> Iterator[None]:
        """Time the application's work from here until it is idle (outermost call only)."""
        self._depth += 1
        start, paused = time.perf_counter(), self._paused
        try:
            yield
            if self._depth == 1:
                self.wait_idle()
        finally:
            self._depth -= 1
            if self._depth == 0:
                self.tally.app_s += time.perf_counter() - start - (self._paused - paused)

    @contextmanager
    def untimed(self) -> Iterator[None]:
        """Work of the test, not of the app (screenshots): left out of ``app_s``."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self._paused += time.perf_counter() - start

    def wait_idle(self, timeout_s: float = 120.0) -> None:
        deadline = time.perf_counter() + timeout_s
        quiet = 0
        while quiet < 3:
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            busy = self.window is not None and self.window.background.running > 0
            quiet = 0 if busy else quiet + 1
            if busy:
                time.sleep(0.002)
            if time.perf_counter() > deadline:
                raise TimeoutError("the window did not become idle")
        self._reactivate()

    def _reactivate(self) -> None:
        # A window manager gives the focus back to the window a dialog closed over; the
        # offscreen platform does not.
        active = QApplication.activeWindow()
        if self.window is not None and (active is None or not active.isVisible()):
            popup = QApplication.activeModalWidget()
            (popup or self.window).activateWindow()
            QApplication.processEvents()

    def think(self, decisions: int = 1) -> None:
        self.tally.mental += decisions

    def shot(self, name: str, widget: QWidget | None = None) -> Path | None:
        if self.shots is None:
            return None
        with self.untimed():
            self.shots.mkdir(parents=True, exist_ok=True)
            path = self.shots / f"{name}.png"
            (widget or self.window).grab().save(str(path))
            return path

    # -- hands ------------------------------------------------------------------------------
    def _mouse(self) -> None:
        if self.hand != "mouse":
            self.tally.homing += 1
            self.hand = "mouse"

    def _keyboard(self) -> None:
        if self.hand != "keyboard":
            self.tally.homing += 1
            self.hand = "keyboard"

    # -- pointing ---------------------------------------------------------------------------
    def click(
        self, widget: QWidget, pos: QPoint | None = None, *, think: bool = True,
        double: bool = False,
    ) -> None:  # fmt: skip
        """Point at ``widget`` (at ``pos``) and click; ``think``: a decision before it."""
        assert widget.isVisible() and widget.isEnabled(), f"cannot click {widget!r}"
        if think:
            self.think()
        self._mouse()
        self.tally.clicks += 1
        with self.app_work():
            where = pos if pos is not None else widget.rect().center()
            if pos is None and isinstance(widget, QCheckBox):  # on the box, not past the label
                where = QPoint(8, widget.height() // 2)
            if double:  # a real one: press and release, then press, double, release
                QTest.mouseClick(widget, LEFT, NO_MOD, where)
                QTest.mouseDClick(widget, LEFT, NO_MOD, where)
            else:
                QTest.mouseClick(widget, LEFT, NO_MOD, where)

    def click_index(
        self, view: QAbstractItemView, index: QModelIndex, *, think: bool = False,
        double: bool = False, check: bool = False,
    ) -> None:  # fmt: skip
        """Click a cell (an argument of the command: no decision by default); ``check``: on
        the tick box at the cell's left."""
        view.scrollTo(index)
        rect = view.visualRect(index)
        assert rect.isValid() and view.viewport().rect().intersects(rect), "cell not in view"
        pos = QPoint(rect.left() + 11, rect.center().y()) if check else rect.center()
        self.click(view.viewport(), pos, think=think, double=double)

    def tab(self, tabs: QTabWidget, widget: QWidget) -> None:
        index = tabs.indexOf(widget)
        assert index >= 0
        self.click(tabs.tabBar(), tabs.tabBar().tabRect(index).center())

    def menu(self, window: QMainWindow, title: str, action: Any) -> None:
        """Open the menu ``title`` of the menu bar and click ``action`` in it."""
        bar = window.menuBar()
        menu_action = next(a for a in bar.actions() if a.text() == title)
        self.click(bar, bar.actionGeometry(menu_action).center())
        menu = menu_action.menu()
        assert isinstance(menu, QMenu) and menu.isVisible()
        self.click(menu, menu.actionGeometry(action).center(), think=False)

    def toolbar(self, window: Any, action: Any) -> None:
        self.click(window.toolbar.widgetForAction(action))

    def choose(self, combo: QComboBox, text: str) -> None:
        """Open the combo box and click the item ``text``."""
        self.click(combo)
        with self.untimed():
            # Qt's popup ignores a release sooner than a double-click after it opened (the
            # clerk's hand is slower than that anyway).
            QTest.qWait(QApplication.doubleClickInterval() + 50)
        view = combo.view()
        row = combo.findText(text)
        assert row >= 0, f"no {text!r} in the list"
        assert view.isVisible(), "the list did not open"
        self.click_index(view, view.model().index(row, combo.modelColumn()))

    def button(self, parent: QWidget, text: str) -> QAbstractButton:
        found = [
            b for b in parent.findChildren(QAbstractButton)
            if b.text().replace("&", "") == text and b.isVisible()
        ]  # fmt: skip
        assert len(found) == 1, f"button {text!r}: {[b.text() for b in found]}"
        return found[0]

    def press(self, parent: QWidget, text: str, *, think: bool = True) -> None:
        self.click(self.button(parent, text), think=think)

    # -- keyboard ---------------------------------------------------------------------------
    def key(
        self, widget: QWidget, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MOD,
        *, think: bool = False,
    ) -> None:  # fmt: skip
        if think:
            self.think()
        self._keyboard()
        self.tally.keys += 1
        with self.app_work():
            QTest.keyClick(widget, key, modifier)

    def type(self, widget: QWidget, text: str, *, think: bool = True) -> None:
        """Type ``text`` into ``widget`` (which has the focus): one field, Telex strokes;
        ``think``: composing the text first."""
        if think:
            self.think()
        self._keyboard()
        self.tally.fields += 1
        self.tally.strokes += telex_strokes(text)
        with self.app_work():
            for char in text:
                if char.isascii():
                    QTest.keyClicks(widget, char)
                else:  # what the input method hands Qt: the composed letter
                    QTest.sendKeyEvent(
                        QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, char, NO_MOD
                    )

    def fill(self, widget: QWidget, text: str) -> None:
        """Click into a field and type ``text`` there."""
        self.click(widget, think=False)
        self.type(widget, text)

    # -- dialogs ----------------------------------------------------------------------------
    def expect(
        self, matches: type | Callable[[QWidget], bool], answer: Callable[[Any], object],
        label: str = "",
    ) -> None:  # fmt: skip
        """When a modal dialog that ``matches`` shows up, read it and ``answer`` it."""
        test = (lambda w: isinstance(w, matches)) if isinstance(matches, type) else matches
        name = label or getattr(matches, "__name__", "dialog")
        self._expected.append(_Expected(test, answer, name))

    def expect_box(self, title: str, button: str) -> None:
        """A message box titled ``title``, answered with ``button``."""
        self.expect(
            lambda w: isinstance(w, QMessageBox) and w.windowTitle() == title,
            lambda box: self.press(box, button, think=False),
            title,
        )

    def _answer_modal(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or id(dialog) in self._handled or not dialog.isVisible():
            return
        self._handled.add(id(dialog))
        chosen = next((e for e in self._expected if e.matches(dialog)), None)
        if chosen is None:
            self.unexpected.append(f"{type(dialog).__name__}: {dialog.windowTitle()}")
            if isinstance(dialog, QDialog):
                dialog.reject()
            return
        self._expected.remove(chosen)
        self.seen.append(dialog)
        self.read(dialog)
        self.shot(f"{len(self.tallies):02d}-dialog-{len(self.seen):02d}", dialog)
        try:
            chosen.answer(dialog)
        except Exception as exc:  # a failed answer must not leave the dialog waiting
            import traceback

            self.unexpected.append(f"answering {chosen.label}: {exc!r}")
            traceback.print_exc()
            if isinstance(dialog, QDialog) and dialog.isVisible():
                dialog.reject()
            return
        if isinstance(dialog, QDialog) and dialog.isVisible() and dialog.result() == 0:
            said = [x.text() for x in dialog.findChildren(QLabel) if x.isVisible() and x.text()]
            self.unexpected.append(f"{chosen.label} still open after its answer: {said[-3:]}")
            dialog.reject()

    def read(self, dialog: QWidget) -> None:
        """A dialog passed: read, then decided."""
        self.tally.dialogs += 1
        self.tally.dialog_titles.append(dialog.windowTitle())
        words = words_of(dialog)
        self.tally.read_s += min(max(words / WORDS_PER_SECOND, READ_MIN_S), READ_MAX_S)
        self.think()

    def stop(self) -> None:
        self._poll.stop()


# -- file dialogs ---------------------------------------------------------------------------
@dataclass
class Asked:
    """One file dialog as the app opened it."""

    kind: str  # "open", "open-many", "save", "folder"
    title: str
    start: Path  # the folder it opened in (a proposed file's folder for "save")
    proposed: str  # the file name proposed ("" for open and folder)


class FileDialogs:
    """``QFileDialog``'s static functions answered from a queue; each one counted as the
    clerk's work in that dialog. ``install`` / ``uninstall`` (the tests use monkeypatch)."""

    NAMES = ("getOpenFileName", "getOpenFileNames", "getSaveFileName", "getExistingDirectory")

    def __init__(self, clerk: Clerk) -> None:
        self.clerk = clerk
        self.answers: list[Any] = []  # a Path, a list of Paths, or a folder Path
        self.asked: list[Asked] = []
        self._saved: dict[str, Any] = {}

    def functions(self) -> dict[str, Any]:
        return {
            "getOpenFileName": staticmethod(self._open),
            "getOpenFileNames": staticmethod(self._open_many),
            "getSaveFileName": staticmethod(self._save),
            "getExistingDirectory": staticmethod(self._folder),
        }

    def install(self) -> None:
        for name, function in self.functions().items():
            self._saved[name] = QFileDialog.__dict__[name]
            setattr(QFileDialog, name, function)

    def uninstall(self) -> None:
        for name, function in self._saved.items():
            setattr(QFileDialog, name, function)

    def _count(self, kind: str, title: str, start: Path, target_folder: Path, picks: int) -> None:
        """Read the title, get to the folder, pick, confirm."""
        tally = self.clerk.tally
        tally.dialogs += 1
        tally.dialog_titles.append(title)
        tally.read_s += READ_MIN_S
        self.clerk.think()
        self.clerk._mouse()
        if start.resolve() != target_folder.resolve():
            self.clerk.think()
            tally.clicks += FOLDER_ELSEWHERE_CLICKS
        tally.clicks += picks + 1  # the file(s), then "Mở" / "Lưu" / "Chọn"
        del kind

    def _open(self, _parent: Any, title: str, start: str, *_rest: Any) -> tuple[str, str]:
        path = self.answers.pop(0)
        self.asked.append(Asked("open", title, Path(start), ""))
        self._count("open", title, Path(start), path.parent, 1)
        return str(path), ""

    def _open_many(
        self, _parent: Any, title: str, start: str, *_rest: Any
    ) -> tuple[list[str], str]:
        paths = self.answers.pop(0)
        self.asked.append(Asked("open-many", title, Path(start), ""))
        # The first file, then Shift+click on the last one (a click and a key).
        self._count("open-many", title, Path(start), paths[0].parent, 2 if len(paths) > 1 else 1)
        if len(paths) > 1:
            self.clerk.tally.keys += 1
        return [str(p) for p in paths], ""

    def _save(self, _parent: Any, title: str, proposed: str, *_rest: Any) -> tuple[str, str]:
        folder = self.answers.pop(0)
        where = Path(proposed)
        self.asked.append(Asked("save", title, where.parent, where.name))
        self._count("save", title, where.parent, folder, 0)  # the proposed name is kept
        return str(folder / where.name), ""

    def _folder(self, _parent: Any, title: str, start: str, *_rest: Any) -> str:
        folder = self.answers.pop(0)
        self.asked.append(Asked("folder", title, Path(start), ""))
        self._count("folder", title, Path(start), folder, 0)
        return str(folder)
