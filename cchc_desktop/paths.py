"""Every folder and file location, in one place, each overridable for tests and support.

- the database: ``--db`` on the command line, else ``$CCHC_DB``, else ``cchc.sqlite`` in the
  per-user data folder (platformdirs; on Windows ``%LOCALAPPDATA%\\CCHC Desktop``);
- the data folder itself: ``$CCHC_DATA_DIR``;
- backups, evidence files and the log live beside the database, so one folder holds all of
  the office's data and copying it copies everything.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

APP_NAME = "CCHC Desktop"


def data_dir() -> Path:
    override = os.environ.get("CCHC_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_db_path() -> Path:
    override = os.environ.get("CCHC_DB")
    return Path(override) if override else data_dir() / "cchc.sqlite"


def db_folder(db_path: Path) -> Path:
    return db_path.resolve().parent


def evidence_dir(db_path: Path) -> Path:
    return db_folder(db_path) / "evidence"


def backups_dir(db_path: Path) -> Path:
    return db_folder(db_path) / "backups"


def log_dir(db_path: Path) -> Path:
    return db_folder(db_path) / "logs"


def resources_dir() -> Path:
    """``resources/`` from the source tree, or from the PyInstaller bundle when frozen."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def sample_plan_path() -> Path:
    return resources_dir() / "sample-plan.json"


def icon_path() -> Path:
    return resources_dir() / "icons" / "cchc-desktop.png"
