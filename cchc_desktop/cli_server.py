"""The server-mode commands of ``cchc`` (issue 19): ``server-check URL``. Registered by
:func:`cchc_desktop.cli.build_parser`; never imports PySide6."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

Add = Callable[..., argparse.ArgumentParser]


def register(add: Add) -> None:
    p = add(
        "server-check",
        cmd_server_check,
        "connect to a PostgreSQL URL and print in one line what is wrong (or what was found)",
    )
    p.add_argument("url", metavar="URL", help="postgresql://user@host[:port]/dbname")


def cmd_server_check(args: argparse.Namespace) -> int:
    import sys

    from cchc_desktop.storage.server import server_check

    result = server_check(args.url)
    print(
        result.line if result.ok else f"cchc: {result.line}",
        file=sys.stdout if result.ok else sys.stderr,
    )
    return 0 if result.ok else 1


def is_bundle_command(args: argparse.Namespace, file: str | None) -> bool:
    """A server URL always uses the JSON bundle; an SQLite file when FILE ends in .json."""
    return "://" in str(args.db) or (file is not None and file.lower().endswith(".json"))


def cmd_backup_bundle(args: argparse.Namespace) -> int:
    """``cchc backup`` in server mode (or with ``-o FILE.json``): every plan in one bundle;
    beside it ``pg_dump``'s own archive when the program is on PATH."""
    import datetime as dt

    from cchc_desktop.paths import data_dir
    from cchc_desktop.services.bundle import write_bundle

    db = _open(args)
    if args.output:
        target = Path(args.output)
    else:
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = data_dir() / "backups" / f"cchc-may-chu-{stamp}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    count = write_bundle(db, target)
    print(f"{target}\t{target.stat().st_size}\t{count} plans")
    if "://" in str(args.db):
        _pg_dump(str(args.db), target.with_suffix(".pgdump"))
    return 0


def _pg_dump(url: str, target: Path) -> None:
    import shutil
    import subprocess
    import sys

    program = shutil.which("pg_dump")
    if program is None:
        return
    from sqlalchemy.engine import make_url

    plain = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    done = subprocess.run(
        [program, "--format=custom", f"--file={target}", f"--dbname={plain}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode == 0:
        print(f"{target}\t{target.stat().st_size}\tpg_dump")
    else:  # a pg_dump older than the server, say: the JSON bundle is the backup that counts
        reason = " ".join(done.stderr.split())[:200]
        print(f"cchc: warning: pg_dump failed, JSON bundle written: {reason}", file=sys.stderr)


def cmd_restore_bundle(args: argparse.Namespace) -> int:
    """``cchc restore FILE.json``: the plans of the database replaced by the bundle's, after
    a bundle of what was there is written to the backups folder."""
    import datetime as dt
    from pathlib import Path

    from cchc_desktop.errors import UserError
    from cchc_desktop.paths import data_dir
    from cchc_desktop.services.bundle import read_bundle, restore_bundle, write_bundle

    if args.file is None:
        raise UserError(
            "Hãy chỉ ra tệp sao lưu JSON cần phục hồi.", detail="give the bundle FILE.json"
        )
    source = Path(args.file)
    read_bundle(source)  # refused before anything is touched
    from cchc_desktop.cli_args import db_writer

    db = db_writer(args)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    before = data_dir() / "backups" / f"cchc-truoc-phuc-hoi-{stamp}.json"
    before.parent.mkdir(parents=True, exist_ok=True)
    write_bundle(db, before)
    print(f"previous plans backed up to {before}")
    ids = restore_bundle(db, source)
    print(f"restored {len(ids)} plans from {source}")
    return 0


def _open(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    from cchc_desktop.cli_args import open_db

    return open_db(args)
