"""The server-mode commands of ``cchc`` (issue 19): ``server-check URL``. Registered by
:func:`cchc_desktop.cli.build_parser`; never imports PySide6."""

from __future__ import annotations

import argparse
from collections.abc import Callable

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
