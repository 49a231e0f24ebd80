"""The GUI composition root: logging, the QApplication, the database, the window, errors."""

from __future__ import annotations

import gc
import logging
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from cchc_desktop.errors import UserError
from cchc_desktop.logs import LOG_NAME, configure_logging
from cchc_desktop.paths import data_dir, icon_path, sample_plan_path

log = logging.getLogger("cchc_desktop")
__all__ = ["LOG_NAME", "configure_logging"]  # kept importable from here (tests, support)


def install_excepthook(log_file: Path, parent: Callable[[], Any]) -> None:
    """Any exception that reaches the event loop is logged and shown, never fatal.

    A UserError (bad input, locked file) is shown as its message; anything else is a bug:
    logged with its traceback and reported with the log file's location.
    """
    from PySide6.QtWidgets import QMessageBox

    from cchc_desktop.faults import as_user_error

    showing = False

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        nonlocal showing
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        fault = as_user_error(exc)  # the machine's faults too: one mapping (faults)
        if fault is not None:
            log.info("refused: %s", fault.one_line())
            if not showing:
                showing = True
                try:
                    QMessageBox.warning(parent(), "Không thực hiện được", fault.message)
                finally:
                    showing = False
            return
        log.error("unexpected error", exc_info=(kind, exc, tb))
        if showing:  # an error inside the error dialog: logged, not shown twice
            return
        showing = True
        try:
            QMessageBox.critical(
                parent(),
                "Lỗi không mong muốn",
                "Đã xảy ra lỗi không mong muốn; dữ liệu đã lưu không bị ảnh hưởng và cửa sổ "
                "vẫn dùng được.\n\n"
                f"Chi tiết đã được ghi vào tệp nhật ký:\n{log_file}\n\n"
                "Hãy gửi tệp này cho người hỗ trợ kỹ thuật.\n\n"
                f"({kind.__name__}: {exc})",
            )
        finally:
            showing = False

    sys.excepthook = hook


def _collect_again() -> None:
    """End of start-up: what it built is frozen (never scanned again, which also makes every
    later full collection cheaper), and the cyclic garbage collector runs again."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def run_gui(
    db_path: Path | str,
    plan_id: int | None = None,
    screenshot_dir: Path | None = None,
    exit_after_paint: bool = False,
    use_saved_server: bool = False,
) -> int:
    """Start the window (on the server saved by "Kết nối máy chủ" when
    ``use_saved_server``: no ``--db`` nor ``$CCHC_DB`` was given).

    Start-up order (the steps are numbered in the code):
    1. logging to the log folder beside the database;
    2. open the database for writing (lock, quick check, migrations, daily backup); a
       refusal is explained once the QApplication exists, with a restore offered for a
       damaged file;
    3. give an empty database the sample plan;
    4. the QApplication (high-DPI policy, icon);
    5. settings (QSettings in the data folder);
    6. build the window and open the plan;
    7. install the excepthook;
    8. show, then run the loop (or save the screenshots, or quit after the first paint).

    The data layer is imported before PySide6 on purpose: once PySide6 is loaded, every
    module imported after it is inspected by PySide6's feature hook (its source is read),
    which made the ~350 modules of SQLAlchemy and SQLModel cost a noticeable part of start-up.

    What is not needed to show the plan waits until after the first paint: the writing
    services and their SQLModel table classes (about 80 ms, imported by the window as soon
    as it has painted, see ``MainWindow``), the other tabs (built when first shown), exports
    and dialogs (on first use). The plan itself is read with plain SQL (``plan_read``).
    """
    # Start-up builds some 100,000 objects that live as long as the process (modules,
    # classes, Qt wrappers, the plan) and makes almost no garbage: the cyclic collector's
    # passes over them (~0.1 s here) are wasted. Off until the first paint, then the
    # survivors are frozen out of its reach (see ``_collect_again``); whatever happens, it
    # is on again when this returns.
    gc.disable()
    try:
        return _start(db_path, plan_id, screenshot_dir, exit_after_paint, use_saved_server)
    finally:
        _collect_again()


def _start(
    db_path: Path | str,
    plan_id: int | None,
    screenshot_dir: Path | None,
    exit_after_paint: bool,
    use_saved_server: bool = False,
) -> int:
    from cchc_desktop.paths import log_dir
    from cchc_desktop.storage.server_login import saved_login

    headless = screenshot_dir is not None or exit_after_paint
    # The office's server chosen in "Kết nối máy chủ" (issue 19), read before Qt is loaded.
    saved = saved_login(data_dir() / "cchc-desktop.ini") if use_saved_server else None
    # A server URL (issue 19) has no folder beside it: the logs stay in the data folder.
    server = isinstance(db_path, str) or saved is not None
    log_file = configure_logging(data_dir() / "logs" if server else log_dir(Path(db_path)))  # 1
    if screenshot_dir is not None and sys.platform.startswith("linux"):
        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    db, failure = (None, None) if saved is not None else _open_database(db_path)  # 2, 3
    sample = getattr(db, "sample_plan_id", None)  # the plan step 3 created, if any
    app, icon = _application()  # 4
    if saved is not None:
        db, failure = _open_saved_server(saved, db_path, headless=headless)
    if failure is not None:
        db = _explain_refusal(db_path, failure, headless=headless)
        if db is None:
            return 1
    assert db is not None

    from cchc_desktop.ui.main_window import MainWindow
    from cchc_desktop.ui.plan_document import PlanDocument

    scratch = tempfile.TemporaryDirectory() if screenshot_dir is not None else None
    settings = _settings(Path(scratch.name) if scratch is not None else None)  # 5
    if sample is not None:  # labelled "(mẫu)" in the window (issue 17, point 9)
        from cchc_desktop.ui.first_start import mark_sample

        mark_sample(settings, db.path, sample)
    window = MainWindow(PlanDocument(db), settings)  # 6
    window.setWindowIcon(icon)
    window.open_plan(plan_id)
    install_excepthook(log_file, lambda: window)  # 7
    try:
        if screenshot_dir is not None:  # 8
            _save_screenshots(app, window, screenshot_dir)
            return 0
        return _run(app, window, exit_after_paint)
    finally:
        # The database the window ends on ("Kết nối máy chủ" may have switched it): its last
        # connection checkpoints the write-ahead log; the lock is released.
        window.doc.db.dispose()
        if scratch is not None:
            scratch.cleanup()


def _open_database(db_path: Path | str) -> tuple[Any, UserError | None]:
    """Steps 2 and 3, before PySide6 is imported: (the database, None), or (None, why not)."""
    try:
        # What the first paint needs of the data layer comes before PySide6 too (see above).
        from cchc_desktop.services import plan_read
        from cchc_desktop.services.plans import ensure_sample_plan
        from cchc_desktop.storage.startup import open_for_app

        del plan_read  # imported for its cost only: the window reads the plan with it
        # The writer lock, a quick check, migrations and the daily backup.
        db = open_for_app(db_path, allow_read_only=True)  # a read-only folder: shown, not edited
        if not isinstance(db_path, str) and not db.read_only:  # a shared server gets none
            db.sample_plan_id = ensure_sample_plan(db, sample_plan_path())
    except UserError as err:
        return None, err
    return db, None


def _open_saved_server(
    saved: Any, local: Path | str, *, headless: bool
) -> tuple[Any, UserError | None]:
    """Step 2 on the saved server, once dialogs can be shown (the password may have to be
    asked); when it cannot be reached, said so, and the local file is opened instead."""
    from cchc_desktop.storage.server_login import stored_password
    from cchc_desktop.storage.startup import open_for_app

    if headless:  # nobody to ask: the keyring's password, or none (trust, pgpass)
        url: str | None = saved.url(stored_password(saved))
    else:
        from cchc_desktop.ui.database_switch import saved_server_url

        url = saved_server_url(saved, None)
    if url is not None:
        try:
            db = open_for_app(url)
        except UserError as err:
            log.error("saved server refused: %s", err.one_line())
            if headless:
                print(f"cchc: {err.one_line()}", file=sys.stderr)
            else:
                from PySide6.QtWidgets import QMessageBox

                QMessageBox.warning(
                    None, "Kết nối máy chủ",
                    f"{err.message}\n\nChương trình mở dữ liệu trên máy này; hãy thử lại "
                    "bằng Tệp → Kết nối máy chủ….",
                )  # fmt: skip
        else:
            from cchc_desktop.storage.server_login import saved_clerk

            # The name chosen in "Kết nối máy chủ" for this server (issue 19, item 3).
            db.clerk = saved_clerk(data_dir() / "cchc-desktop.ini", saved) or db.clerk
            return db, None
    return _open_database(local)


def _application() -> tuple[Any, Any]:
    """Step 4: the QApplication (created once per process) and the application icon."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QIcon
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
            Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
        )
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("CCHC Desktop")
    app.setOrganizationName("CCHC Desktop")
    from cchc_desktop.ui import qt_vietnamese

    qt_vietnamese.install(app)  # Qt's own dialogs and buttons in Vietnamese
    icon = QIcon(str(icon_path())) if icon_path().exists() else QIcon()
    app.setWindowIcon(icon)
    return app, icon


def _explain_refusal(db_path: Path | str, failure: UserError, *, headless: bool) -> Any:
    """The database was refused: say why and offer the way out (restore a backup) now that
    dialogs can be shown; the database opened after all, or None (give up)."""
    _collect_again()
    log.error("cannot open the database: %s", failure.one_line())
    if headless:
        print(f"cchc: {failure.one_line()}", file=sys.stderr)
        return None
    from cchc_desktop.services.plans import ensure_sample_plan

    from cchc_desktop.ui.dialogs.database_prompts import open_database_for_window

    opened = open_database_for_window(db_path)
    if opened is not None and not isinstance(db_path, str):
        ensure_sample_plan(opened, sample_plan_path())  # a shared server database gets none
    return opened


def _settings(scratch: Path | None) -> Any:
    """Step 5: the window's QSettings in the data folder; in ``scratch`` for screenshots,
    which must not depend on (or change) the clerk's saved layout."""
    from PySide6.QtCore import QSettings

    folder = scratch if scratch is not None else data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    settings = QSettings(str(folder / "cchc-desktop.ini"), QSettings.Format.IniFormat)
    if scratch is not None:  # the guide's screenshots show the window, not the first-start hint
        from cchc_desktop.ui.ui_state import Key

        settings.setValue(Key.GUIDE_SEEN, True)
    return settings


def _save_screenshots(app: Any, window: Any, folder: Path) -> None:
    _collect_again()
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    for path in window.save_screenshots(folder):
        print(path)
    window.close()


def _run(app: Any, window: Any, exit_after_paint: bool) -> int:
    """Step 8: show the window, warm up after its first paint, run the event loop."""
    from cchc_desktop.ui.first_paint import on_first_paint

    def after_first_paint() -> None:
        try:
            window.warm_up()
        finally:
            _collect_again()

    on_first_paint(window, after_first_paint)
    window.show()
    if exit_after_paint:

        def painted() -> None:
            # A benchmark tells start-up from shut-down with this line.
            print(f"first paint at {time.time():.6f}", flush=True)
            app.quit()

        # Installed after the warm-up's: so this one runs first (start-up is measured to here).
        on_first_paint(window, painted)
    code = int(app.exec())
    window.background.wait()
    return code
