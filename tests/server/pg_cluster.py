"""A throwaway PostgreSQL cluster for the tests marked ``server`` and for ``bench/``.

``initdb`` in a fresh temp folder, ``pg_ctl start`` on a free local port (TCP on 127.0.0.1
only, trust authentication: nothing outside this machine can reach it), ``pg_ctl stop`` and
the folder removed at the end. The binaries are found on ``$PATH``, in ``$CCHC_PG_BIN``, or
where Debian's ``postgresql-NN`` packages put them (``/usr/lib/postgresql/NN/bin``).

PostgreSQL refuses to run as root: when the tests run as root (a container), the cluster is
run as the unprivileged ``$CCHC_PG_USER`` (default ``postgres``, else ``nobody``) through
``runuser``; the folder is given to that user.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "cchc_test"


def find_bin(name: str) -> str | None:
    override = os.environ.get("CCHC_PG_BIN")
    candidates = [Path(override) / name] if override else []
    found = shutil.which(name)
    if found:
        candidates.append(Path(found))
    candidates += [
        Path(p) / name for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    ]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run_as() -> str | None:
    if os.geteuid() != 0:
        return None
    wanted = os.environ.get("CCHC_PG_USER")
    for name in [wanted] if wanted else ["postgres", "nobody"]:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise RuntimeError("running as root and no unprivileged user for PostgreSQL")


@dataclass
class Cluster:
    port: int
    folder: Path
    user: str | None  # the system user the server runs as (None: ourselves)

    def url(self, database: str = "postgres", role: str = SUPERUSER) -> str:
        return f"postgresql://{role}@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _cmd(run_as: str | None, *argv: str) -> list[str]:
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"  # sbin: not on every PATH
    return [runuser, "-u", run_as, "--", *argv] if run_as else list(argv)


@contextlib.contextmanager
def running_cluster() -> Iterator[Cluster]:
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise RuntimeError(
            "PostgreSQL is not installed (initdb/pg_ctl not on PATH nor in "
            "/usr/lib/postgresql/*/bin): install postgresql, see .ci/run"
        )
    run_as = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="cchc-pg-"))
    data = folder / "data"
    if run_as:
        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    port = _free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.PIPE, "env": env}
    subprocess.run(
        _cmd(run_as, initdb, "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
             "--locale=C.UTF-8", "--no-sync"),
        check=True, **quiet,  # type: ignore[arg-type]
    )  # fmt: skip
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c max_connections=60 -c shared_buffers=32MB"
    )
    subprocess.run(
        _cmd(run_as, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"),
             "-w", "-t", "60", "start"),
        check=True, **quiet,  # type: ignore[arg-type]
    )  # fmt: skip
    try:
        yield Cluster(port, folder, run_as)
    finally:
        subprocess.run(
            _cmd(run_as, pg_ctl, "-D", str(data), "-m", "immediate", "-w", "stop"),
            check=False, **quiet,  # type: ignore[arg-type]
        )  # fmt: skip
        shutil.rmtree(folder, ignore_errors=True)
