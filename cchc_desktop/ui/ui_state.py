"""The window's remembered state (``QSettings``): every key named once, and the three things
done with them — a folder to start a file dialog in, a splitter's or the window's layout.

UI state only: the plan data lives in the database, user settings that the CLI shares would
go in the core.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths, Qt
from PySide6.QtWidgets import QSplitter, QWidget

from cchc_desktop.domain.timeframes import Timeframe, TimeframeKind


class Key:
    """Settings keys. The values are what earlier versions stored: renaming one forgets it."""

    WINDOW_GEOMETRY = "window/geometry"
    WINDOW_STATE = "window/state"
    LAST_TAB = "tab/last"
    LAST_PLAN = "plan/last"
    EXPORT_FOLDER = "export/folder"
    FORMS_EXPORT_FOLDER = "forms/export-folder"
    FORMS_IMPORT_FOLDER = "forms/import-folder"
    EVIDENCE_FOLDER = "evidence/folder"
    CONTENT_SPLITTER = "splitters/content"
    CHECKINS_SPLITTER = "splitters/checkins"
    CHECKINS_FORMS_SPLITTER = "splitters/checkins-forms"
    INFO_SPLITTER = "splitters/info"
    LAST_TIMEFRAME = "tasks/last-timeframe"
    PLAN_DOCX_IMPORT_FOLDER = "import/docx-folder"
    JSON_IMPORT_FOLDER = "import/json-folder"
    GUIDE_SEEN = "guide/first-start-hint-seen"
    SAMPLE_PLAN = "plan/sample"  # "ID|database path" of the sample plan app.py created


def remembered_folder(settings: QSettings, *keys: str) -> Path:
    """The first folder stored under ``keys`` that still exists; else Documents, else home."""
    for key in keys:
        stored = settings.value(key)
        if stored and Path(str(stored)).is_dir():
            return Path(str(stored))
    # Documents only where it exists: a dialog started in a missing folder opened in the
    # home folder with "Documents" typed as the file name (issue 17).
    docs = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(docs) if docs and Path(docs).is_dir() else Path.home()


def remember_folder(settings: QSettings, key: str, folder: Path) -> None:
    settings.setValue(key, str(folder))


class _HasState(Protocol):
    def saveState(self) -> QByteArray: ...

    def restoreState(self, state: QByteArray | bytes) -> bool: ...


def restore_state(settings: QSettings, key: str, widget: _HasState) -> None:
    """Give ``widget`` (a splitter, the main window's docks and toolbars) its stored layout,
    if one was stored; a value of another type (a damaged settings file) is ignored."""
    state = settings.value(key)
    if isinstance(state, QByteArray | bytes):
        widget.restoreState(state)


def save_state(settings: QSettings, key: str, widget: _HasState) -> None:
    settings.setValue(key, widget.saveState())


def kept_splitter(
    parent: QWidget,
    settings: QSettings,
    key: str,
    widgets: Iterable[QWidget],
    sizes: Sequence[int],
    *,
    stretch: Sequence[int] = (),
    orientation: Qt.Orientation = Qt.Orientation.Horizontal,
) -> QSplitter:
    """A splitter holding ``widgets`` at ``sizes`` (``stretch``: each one's share of a
    resize) that comes back as the clerk left it and is saved whenever it is moved."""
    splitter = QSplitter(orientation, parent)
    for widget in widgets:
        splitter.addWidget(widget)
    for i, factor in enumerate(stretch):
        splitter.setStretchFactor(i, factor)
    splitter.setSizes(list(sizes))
    restore_state(settings, key, splitter)
    splitter.splitterMoved.connect(lambda *_args: save_state(settings, key, splitter))
    return splitter


def remember_timeframe(settings: QSettings, timeframe: Timeframe, year: int) -> None:
    """Keep the timeframe of the task just added: the next one starts from it (the clerk
    types a run of tasks of the same quarter; it reset to "Cả năm" each time, issue 17).
    A label written from the kind is not kept, so that another year writes its own."""
    label = "" if timeframe.label == timeframe.default_label(year) else timeframe.label
    value = {
        "kind": timeframe.kind.value,
        "quarters": timeframe.quarters,
        "months": timeframe.months,
        "due": timeframe.due.strftime("%m-%d") if timeframe.due else "",
        "label": label,
    }
    settings.setValue(Key.LAST_TIMEFRAME, json.dumps(value))


def remembered_timeframe(settings: QSettings, year: int) -> Timeframe:
    """The last timeframe used, in ``year``; "Cả năm" when none was kept (or it is damaged)."""
    try:
        value = json.loads(str(settings.value(Key.LAST_TIMEFRAME) or "{}"))
        kind = TimeframeKind(value["kind"])
        due = None
        if value.get("due"):
            month, day = (int(x) for x in str(value["due"]).split("-"))
            due = dt.date(year, month, min(day, 28 if month == 2 else day))
        return Timeframe(
            kind=kind,
            label=str(value.get("label") or ""),
            quarters=[int(q) for q in value.get("quarters") or []],
            months=[int(m) for m in value.get("months") or []],
            due=due,
        )
    except (KeyError, ValueError, TypeError, AttributeError):
        return Timeframe(TimeframeKind.YEAR)
