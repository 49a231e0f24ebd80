"""Qt's own texts in Vietnamese: the file dialogs ("Tìm trong:", "Tên tệp:"), the standard
buttons of message boxes and input dialogs (Có / Không, Đồng ý / Hủy), the text boxes'
context menu. PySide6 ships no ``qtbase_vi.qm``; ours is built from
``resources/translations/qtbase_vi.ts`` (issue 17)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from cchc_desktop.paths import resources_dir

QM_FILE = "qtbase_vi.qm"


def install(app: QCoreApplication) -> QTranslator | None:
    """Install the Vietnamese translator on ``app`` (once); the translator, or None when the
    file is missing (a broken install shows Qt's English texts rather than failing)."""
    existing = app.findChild(QTranslator, "cchc-qtbase-vi")
    if isinstance(existing, QTranslator):
        return existing
    translator = QTranslator(app)
    translator.setObjectName("cchc-qtbase-vi")
    if not translator.load(str(resources_dir() / "translations" / QM_FILE)):
        translator.deleteLater()
        return None
    app.installTranslator(translator)
    return translator
