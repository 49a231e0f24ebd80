"""A minimal window listing the plans (replaced by the main window of the UI issue)."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QMainWindow

from cchc_desktop.services.plan_store import list_plans
from cchc_desktop.storage.database import Database


class PlanListWindow(QMainWindow):
    def __init__(self, db: Database):
        super().__init__()
        self.setWindowTitle("CCHC Desktop")
        self.plans = QListWidget(self)
        for item in list_plans(db):
            self.plans.addItem(f"{item.year} — {item.number_symbol} — {item.title}")
        self.setCentralWidget(self.plans)
        self.resize(1000, 600)
