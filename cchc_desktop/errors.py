"""Two kinds of error: a :class:`UserError` is the user's or the environment's fault (bad
file, locked file, full disk) and is shown as a message; anything else is a bug, logged and
reported as "an unexpected error".
"""

from __future__ import annotations


class UserError(Exception):
    """Bad input or an environment fault, shown to the user as a plain message.

    ``message`` is the Vietnamese text for the window; ``detail`` names the file and the fault
    for the command line (it defaults to the message).
    """

    def __init__(self, message: str, *, file: str | None = None, detail: str | None = None):
        super().__init__(message)
        self.message = message
        self.file = file
        self.detail = detail or message

    def one_line(self) -> str:
        """``"plan.json: plan.tasks[3].timeframe.kind: unknown value \\"weekly\\""``."""
        text = " ".join(self.detail.split())
        return f"{self.file}: {text}" if self.file else text


class InvalidFileError(UserError):
    """A file that cannot be read as what it claims to be (wrong format, broken, hostile)."""


class ValidationError(UserError):
    """A value the user typed breaks a rule; nothing was stored."""


class NotFoundError(UserError):
    """A plan, task or section that does not (or no longer) exist."""


class FileLockedError(UserError):
    """The target file is open in another program (Word, Excel) or not writable."""


class DatabaseError(UserError):
    """The database cannot be used: too new, damaged, or in use by another copy of the app."""


class DamagedDatabaseError(DatabaseError):
    """The database file fails SQLite's integrity check; it is never written to.

    ``path`` is the damaged file; the window offers to restore the newest good backup.
    """

    def __init__(self, message: str, *, path: str, detail: str | None = None):
        super().__init__(message, file=path, detail=detail)
        self.path = path


class DatabaseInUseError(DatabaseError):
    """Another copy of the application (``holder``: "PID 1234 trên máy X") writes this database."""

    def __init__(self, message: str, *, path: str, holder: str, detail: str | None = None):
        super().__init__(message, file=path, detail=detail)
        self.path = path
        self.holder = holder


class ConflictError(UserError):
    """Another clerk changed the row since this one was read (server mode, issue 19):
    nothing was stored. ``theirs`` and ``mine`` are the two versions, for a reload offer."""

    def __init__(
        self, message: str, *, theirs: object, mine: object, detail: str | None = None
    ) -> None:
        super().__init__(message, detail=detail)
        self.theirs = theirs
        self.mine = mine


class StorageFaultError(UserError):
    """The machine refused to store or read: disk full, read-only, locked, I/O, permission.

    Built only by :mod:`cchc_desktop.faults` (the one classification of OS and SQLite
    errors); ``kind`` is one of ``full``, ``read-only``, ``busy``, ``io``, ``permission``.
    """

    kind = "io"


class DiskFullError(StorageFaultError):
    kind = "full"


class ReadOnlyError(StorageFaultError):
    kind = "read-only"


class StorageBusyError(StorageFaultError):
    """Another program holds the database (or file) locked past the busy timeout."""

    kind = "busy"


class StorageIOError(StorageFaultError):
    kind = "io"


class AccessDeniedError(StorageFaultError):
    kind = "permission"


class NotAFolderError(StorageFaultError):
    """A file stands where the application keeps a folder (``backups``, ``logs``)."""

    kind = "not-a-folder"
