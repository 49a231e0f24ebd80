"""Run by ``test_startup_path.py`` in a fresh interpreter: start the window exactly as
``cchc gui --exit-after-paint`` does and print, as JSON on the last line, what had been
imported and whether the garbage collector ran when the window first painted."""

from __future__ import annotations

import gc
import json
import sys

from cchc_desktop.ui import first_paint

seen: dict[str, object] = {}
_original = first_paint.on_first_paint


def _probe(widget, callback):  # type: ignore[no-untyped-def]
    def wrapped() -> None:
        if "modules" not in seen:
            seen["modules"] = sorted(m for m in sys.modules if m.startswith("cchc_desktop"))
            seen["gc_enabled_at_paint"] = gc.isenabled()
        callback()

    _original(widget, wrapped)


first_paint.on_first_paint = _probe

from cchc_desktop.cli import main  # noqa: E402  (after the probe is in place)

seen["code"] = main(["--db", sys.argv[1], "gui", "--exit-after-paint"])
seen["gc_enabled_after"] = gc.isenabled()
print(json.dumps(seen))
