"""Engine, sessions, schema migrations and backups. Depends on the domain only."""

from cchc_desktop.storage.database import Database, open_database

__all__ = ["Database", "open_database"]
