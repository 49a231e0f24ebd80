"""A task's countable target typed as one line of text: ``"20 tin, bài"`` ↔ Target(20, ...)."""

from __future__ import annotations

import re

from cchc_desktop.domain.model import Target
from cchc_desktop.domain.text import clean

# A number (comma or point as the decimal mark) followed by the unit of count.
_TARGET = re.compile(r"^(\d+(?:[.,]\d+)?)\s*(.*)$")


def parse_target(text: str) -> Target | None:
    """``""`` → None; ``"20 tin, bài"`` → Target(20, "tin, bài"); ValueError when the text
    does not start with a number."""
    text = clean(text)
    if not text:
        return None
    m = _TARGET.match(text)
    if not m:
        raise ValueError(f'"{text}" does not start with a number')
    return Target(float(m[1].replace(",", ".")), m[2].strip())


def target_text(target: Target | None) -> str:
    """The inverse of :func:`parse_target` (``"20 tin, bài"``; ``""`` for no target)."""
    return target.format() if target is not None else ""
